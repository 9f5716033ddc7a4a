/*
 * router.c - http_dispatch: route matching, session, role and CSRF checks, input validation,
 * error bodies, and the per-thread cache of today's organization tree used for scope checks.
 */
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "http/http.h"
#include "text/text.h"
#include "util/msg.h"
#include "util/xmalloc.h"

static const char *const method_names[HTTP_METHOD__MAX] = {"GET",  "POST",  "PUT",  "DELETE",
                                                           "HEAD", "PATCH", "OTHER"};

const char *http_method_name(enum http_method m)
{
    return (unsigned)m < HTTP_METHOD__MAX ? method_names[m] : "OTHER";
}

enum http_method http_method_parse(const char *s)
{
    for (int i = 0; i < HTTP_OTHER; i++)
        if (s && !strcmp(s, method_names[i]))
            return (enum http_method)i;
    return HTTP_OTHER;
}

void http_response_init(struct http_response *r)
{
    memset(r, 0, sizeof(*r));
    buf_init(&r->body, 0);
    r->status = 200;
    r->content_type = "application/json; charset=utf-8";
}

void http_response_release(struct http_response *r)
{
    buf_release(&r->body);
}

void http_config_defaults(struct http_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->session_timeout = 30 * 60;
    cfg->login_max_failures = 10;
    cfg->login_window = 15 * 60;
    cfg->login_delay_ms = 200;
    cfg->login_free_failures = 3;
    cfg->login_max_delay = 60;
    cfg->max_json_body = 1 << 20;
    cfg->max_file_body = 32 << 20;
    cfg->read_cost_ms = 5000;
}

const char *http_msg(const struct http_ctx *c, const char *vi, const char *en)
{
    return c->en ? en : vi;
}

json_t *http_json_date(tcxd_date d)
{
    if (d == DATE_NONE || d == DATE_OPEN_END)
        return json_null();
    char s[DATE_ISO_LEN];
    date_format_iso(d, s);
    return json_string(s);
}

static int dump_to_buf(const char *s, size_t n, void *data)
{
    buf_add(data, s, n);
    return 0;
}

void http_json(struct http_ctx *c, int status, json_t *j)
{
    c->res->status = status;
    c->res->content_type = "application/json; charset=utf-8";
    buf_reset(&c->res->body);
    if (json_dump_callback(j, dump_to_buf, &c->res->body, JSON_COMPACT | JSON_REAL_PRECISION(15)))
        buf_reset(&c->res->body);
    json_decref(j);
}

void http_file(struct http_ctx *c, const char *content_type, const char *filename, const void *data,
               size_t len)
{
    c->res->status = 200;
    c->res->content_type = content_type;
    buf_reset(&c->res->body);
    buf_add(&c->res->body, data, len);
    snprintf(c->res->disposition, sizeof(c->res->disposition), "attachment; filename=\"%s\"",
             filename);
}

void http_error(struct http_response *res, const struct tcxd_error *e, bool en)
{
    enum tcxd_err code = e->code ? e->code : TCXD_EINTERNAL;
    res->status = tcxd_err_http_status(code);
    res->content_type = "application/json; charset=utf-8";
    res->disposition[0] = '\0';
    buf_reset(&res->body);
    const char *msg = e->msg;
    if (code == TCXD_EDB || code == TCXD_EIO || code == TCXD_EINTERNAL) {
        /* details go to the log, not to the client */
        fprintf(stderr, "tcxd: %s: %s\n", tcxd_err_name(code), e->msg);
        msg = en ? "internal error, try again later" : "lỗi hệ thống, vui lòng thử lại sau";
    }
    if (!msg[0])
        msg = tcxd_err_name(code);
    json_t *j = json_pack("{s:{s:s, s:s, s:s}}", "error", "code", tcxd_err_name(code), "message",
                          msg, "field", e->field);
    if (!j) /* a message that is not valid UTF-8 (never from our own code) */
        j = json_pack("{s:{s:s, s:s, s:s}}", "error", "code", tcxd_err_name(code), "message",
                      tcxd_err_name(code), "field", "");
    char *s = json_dumps(j, JSON_COMPACT);
    buf_adds(&res->body, s);
    free(s);
    json_decref(j);
}

/* ---- per-thread cache of today's tree --------------------------------------------------- */

struct tree_cache {
    bool valid;
    tcxd_date date;
    int64_t generation; /* store_org_generation() when the tree was loaded */
    struct store *st;
    struct org_tree tree;
    bool have_counts;
    int64_t counts_version; /* store_data_version() when the counts were made */
    struct node_counts counts;
    tcxd_date *created, *ended; /* [tree.n], loaded on first use; NULL until then */
    bool have_search;
    struct org_search_index search; /* built on first use */
};
static _Thread_local struct tree_cache tcache;

static void drop_counts(void)
{
    if (tcache.have_counts)
        report_node_counts_free(&tcache.counts);
    tcache.have_counts = false;
}

static void drop_tree(void)
{
    drop_counts();
    if (tcache.have_search)
        org_search_index_release(&tcache.search);
    tcache.have_search = false;
    if (tcache.valid)
        org_tree_release(&tcache.tree);
    free(tcache.created);
    free(tcache.ended);
    tcache.created = tcache.ended = NULL;
    tcache.valid = false;
}

/* The tree follows the organization generation, which sees this thread's own writes too; the
   counts follow data_version, which does not: after a change made here they are dropped. */
void http_cache_invalidate(void)
{
    drop_counts();
}

static void lifespan(void *ctx, int64_t id, tcxd_date created, tcxd_date ended)
{
    uint32_t i = org_tree_find(&tcache.tree, id);
    if (i != TREE_NONE) {
        tcache.created[i] = created;
        tcache.ended[i] = ended;
    }
}

bool http_org_today(struct http_ctx *c, int64_t id, struct org_info *out)
{
    if (!tcache.valid || c->tree != &tcache.tree)
        return false;
    uint32_t i = org_tree_find(&tcache.tree, id);
    if (i == TREE_NONE)
        return false;
    if (!tcache.created) {
        size_t n = tcache.tree.n ? tcache.tree.n : 1;
        tcache.created = xcalloc(n, sizeof(tcxd_date));
        tcache.ended = xcalloc(n, sizeof(tcxd_date));
        if (store_org_lifespans(c->st, lifespan, NULL, NULL)) {
            free(tcache.created);
            free(tcache.ended);
            tcache.created = tcache.ended = NULL;
            return false;
        }
    }
    const struct org_node *nd = &tcache.tree.nodes[i];
    memset(out, 0, sizeof(*out));
    out->id = nd->id;
    snprintf(out->code, sizeof(out->code), "%s", nd->code);
    snprintf(out->name, sizeof(out->name), "%s", nd->name);
    out->tier = nd->tier;
    out->form = nd->form;
    out->base_type = nd->base_type;
    out->parent_id = nd->parent_id;
    out->created_on = tcache.created[i];
    out->ended_on = tcache.ended[i];
    return true;
}

static _Thread_local struct text_collator *collator;

int http_collate(const char *a, const char *b)
{
    if (!collator)
        collator = text_collator_new();
    return text_collator_compare(collator, a, b);
}

void http_thread_cleanup(void)
{
    drop_tree();
    if (collator)
        text_collator_free(collator);
    collator = NULL;
}

static enum tcxd_err today_tree(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date today = date_today();
    int64_t gen = store_org_generation(c->st);
    if (!tcache.valid || tcache.date != today || tcache.generation != gen || tcache.st != c->st) {
        drop_tree();
        enum tcxd_err rc = store_tree_load(c->st, today, &tcache.tree, e);
        if (rc)
            return rc;
        tcache.valid = true;
        tcache.date = today;
        tcache.generation = gen;
        tcache.st = c->st;
    }
    c->tree = &tcache.tree;
    return TCXD_OK;
}

const struct node_counts *http_today_counts(struct http_ctx *c, struct tcxd_error *e)
{
    if (!tcache.valid)
        BUG("http_today_counts before the tree");
    int64_t v = store_data_version(c->st);
    if (tcache.have_counts && tcache.counts_version != v)
        drop_counts();
    if (!tcache.have_counts) {
        tcache.counts_version = v;
        if (report_node_counts(c->st, &tcache.tree, TREE_NONE, &tcache.counts, e)) {
            report_node_counts_free(&tcache.counts);
            return NULL;
        }
        tcache.have_counts = true;
    }
    return &tcache.counts;
}

const struct org_search_index *http_today_search(struct http_ctx *c)
{
    if (!tcache.valid || c->tree != &tcache.tree)
        BUG("http_today_search before the tree");
    if (!tcache.have_search) {
        org_search_index_build(&tcache.search, &tcache.tree);
        tcache.have_search = true;
    }
    return &tcache.search;
}

enum tcxd_err http_tree(struct http_ctx *c, tcxd_date as_of, struct org_tree *own,
                        const struct org_tree **tree, struct tcxd_error *e)
{
    if (as_of == c->tree->as_of) {
        *tree = c->tree;
        return TCXD_OK;
    }
    enum tcxd_err rc = store_tree_load(c->st, as_of, own, e);
    if (rc)
        return rc;
    *tree = own;
    return TCXD_OK;
}

/* ---- scope ------------------------------------------------------------------------------ */

struct end_ctx {
    tcxd_date created, ended;
};

static void end_event(void *vctx, const struct org_event_info *ev)
{
    struct end_ctx *x = vctx;
    if (!strcmp(ev->kind, "create"))
        x->created = ev->date;
    else if (!strcmp(ev->kind, "dissolve") || !strcmp(ev->kind, "merged_into"))
        x->ended = ev->date;
}

bool http_org_in_scope(struct http_ctx *c, int64_t org_id)
{
    if (!c->tree || c->scope == TREE_NONE)
        return false;
    for (int hops = 0; hops < 64 && org_id > 0; hops++) {
        uint32_t i = org_tree_find(c->tree, org_id);
        if (i != TREE_NONE)
            return org_tree_in_subtree(c->tree, c->scope, i);
        /* not alive today: judge by its parent on its last (or first) day */
        struct end_ctx x = {DATE_NONE, DATE_NONE};
        struct org_info o;
        if (store_org_history(c->st, org_id, end_event, &x, NULL))
            return false;
        tcxd_date day = x.ended != DATE_NONE ? x.ended - 1 : x.created;
        if (day == DATE_NONE || store_org_get(c->st, org_id, day, &o, NULL))
            return false;
        org_id = o.parent_id;
    }
    return false;
}

struct life_ctx {
    tcxd_date created, ended;
    bool merged;
    int64_t into;
};

static void life_event(void *vctx, const struct org_event_info *ev)
{
    struct life_ctx *x = vctx;
    if (!strcmp(ev->kind, "create")) {
        x->created = ev->date;
    } else if (!strcmp(ev->kind, "dissolve") || !strcmp(ev->kind, "merged_into")) {
        x->ended = ev->date;
        x->merged = !strcmp(ev->kind, "merged_into");
        x->into = ev->other_org_id;
    }
}

enum tcxd_err http_org_get(struct http_ctx *c, int64_t id, tcxd_date as_of, const char *field,
                           struct org_info *out, struct tcxd_error *e)
{
    /* today: the cached tree; another day: the scope's subtree on that day */
    if (as_of == c->tree->as_of
            ? http_org_in_scope(c, id) && http_org_today(c, id, out)
            : store_scope_org_on(c->st, id, as_of) && !store_org_get(c->st, id, as_of, out, NULL))
        return TCXD_OK;
    char d[DATE_ISO_LEN], vd[DATE_ISO_LEN];
    date_format_iso(as_of, d);
    date_format_vn(as_of, vd);
    /* an organization of the scope that did not exist on that day: say why (founded later,
       merged into another, dissolved), never "outside your scope" */
    struct life_ctx x = {DATE_NONE, DATE_NONE, false, 0};
    struct org_info o;
    if (http_org_in_scope(c, id) && !store_org_history(c->st, id, life_event, &x, NULL)) {
        char when[DATE_ISO_LEN];
        if (x.created != DATE_NONE && as_of < x.created &&
            !store_org_get(c->st, id, x.created, &o, NULL)) {
            date_format_vn(x.created, when);
            return tcxd_fail(e, TCXD_ENOTFOUND, field,
                             c->en ? "%s was founded on %s: it did not exist on %s"
                                   : "%s được thành lập ngày %s, chưa có vào ngày %s",
                             o.name, when, vd);
        }
        if (x.ended != DATE_NONE && as_of >= x.ended &&
            !store_org_get(c->st, id, x.ended - 1, &o, NULL)) {
            date_format_vn(x.ended, when);
            struct org_info into;
            if (x.merged && x.into && http_org_in_scope(c, x.into) &&
                !store_org_get(c->st, x.into, x.ended, &into, NULL))
                return tcxd_fail(e, TCXD_ENOTFOUND, field,
                                 c->en ? "%s was merged into %s on %s"
                                       : "%s đã hợp nhất vào %s từ ngày %s",
                                 o.name, into.name, when);
            return tcxd_fail(
                e, TCXD_ENOTFOUND, field,
                c->en ? (x.merged ? "%s was merged on %s" : "%s was dissolved on %s")
                      : (x.merged ? "%s đã hợp nhất từ ngày %s" : "%s đã giải thể từ ngày %s"),
                o.name, when);
        }
    }
    return tcxd_fail(e, TCXD_ENOTFOUND, field,
                     c->en ? "no organization #%lld on %s" : "không có tổ chức #%lld vào ngày %s",
                     (long long)id, vd);
}

/* ---- routing ---------------------------------------------------------------------------- */

/* Matches path against pattern; fills ids for {id} parts. */
static bool match(const char *pattern, const char *path, int64_t ids[2])
{
    int nid = 0;
    const char *p = pattern, *s = path;
    while (*p) {
        if (!strncmp(p, "{id}", 4)) {
            int64_t v = 0;
            int digits = 0;
            while (*s >= '0' && *s <= '9') {
                if (digits++ >= 15)
                    return false;
                v = v * 10 + (*s++ - '0');
            }
            if (!digits || v <= 0 || nid >= 2)
                return false;
            ids[nid++] = v;
            p += 4;
            continue;
        }
        if (*p++ != *s++)
            return false;
    }
    return *s == '\0';
}

static const char *cookie_value(const char *cookie, const char *name, size_t *len)
{
    size_t nlen = strlen(name);
    const char *p = cookie;
    while (p && *p) {
        while (*p == ' ' || *p == ';')
            p++;
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n > nlen && !strncmp(p, name, nlen) && p[nlen] == '=') {
            *len = n - nlen - 1;
            return p + nlen + 1;
        }
        p = end;
    }
    return NULL;
}

static bool is_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return true;
}

/* Finds and checks the session (reads only: the last-seen update or the removal of an expired
   session is left in c->session_write for after the request's snapshot); EUNAUTH when there is
   none or it expired. */
static enum tcxd_err load_session(struct http_ctx *c, struct tcxd_error *e)
{
    size_t n = 0;
    const char *v = c->req->cookie ? cookie_value(c->req->cookie, "tcxd_session", &n) : NULL;
    const char *no = http_msg(c, "chưa đăng nhập", "not logged in");
    if (!v || n != HTTP_TOKEN_HEX - 1 || !is_hex(v, n))
        return tcxd_fail(e, TCXD_EUNAUTH, "", "%s", no);
    char token[HTTP_TOKEN_HEX];
    memcpy(token, v, n);
    token[n] = '\0';
    http_token_hash(token, c->token_hash);
    sodium_memzero(token, sizeof(token));
    struct tcxd_error ie;
    enum tcxd_err rc = store_session_get(c->st, c->token_hash, &c->sess, &ie);
    if (rc == TCXD_ENOTFOUND)
        return tcxd_fail(e, TCXD_EUNAUTH, "", "%s", no);
    if (rc) {
        *e = ie;
        return rc;
    }
    if (c->sess.disabled || c->now - c->sess.last_seen > c->cfg->session_timeout) {
        c->session_write = SESSION_DROP;
        return tcxd_fail(e, TCXD_EUNAUTH, "", "%s",
                         http_msg(c, "phiên làm việc đã hết hạn, vui lòng đăng nhập lại",
                                  "the session has expired, please log in again"));
    }
    /* refresh last_seen at most every minute (every request for short timeouts) */
    int64_t refresh = c->cfg->session_timeout / 4;
    if (refresh > 60)
        refresh = 60;
    if (c->now - c->sess.last_seen >= refresh)
        c->session_write = SESSION_TOUCH;
    c->logged_in = true;
    c->actor.username = c->sess.username;
    snprintf(c->res->username, sizeof(c->res->username), "%s", c->sess.username);
    return TCXD_OK;
}

static bool iso_date_shape(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    return true;
}

static enum tcxd_err bad_date(struct http_ctx *c, const char *name, struct tcxd_error *e)
{
    return tcxd_fail(e, TCXD_EINVAL, name,
                     c->en ? "field %s must be a date YYYY-MM-DD"
                           : "trường %s phải là ngày dạng YYYY-MM-DD",
                     name);
}

/* Validates one textual value (query parameter, or a JSON string for a date). */
static enum tcxd_err check_text(struct http_ctx *c, const struct http_field *f, const char *s,
                                struct http_value *v, struct tcxd_error *e)
{
    size_t len = strlen(s);
    memset(v, 0, sizeof(*v));
    if (!text_utf8_valid(s, len))
        return tcxd_fail(e, TCXD_EINVAL, f->name, "%s",
                         http_msg(c, "giá trị không phải UTF-8 hợp lệ", "invalid UTF-8"));
    if (!len)
        return TCXD_OK; /* "" is absent */
    switch (f->type) {
    case HF_STRING:
        if ((int64_t)text_utf8_len(s, len) > f->max)
            return tcxd_fail(e, TCXD_EINVAL, f->name,
                             c->en ? "field %s is too long (at most %lld characters)"
                                   : "trường %s quá dài (tối đa %lld ký tự)",
                             f->name, (long long)f->max);
        v->s = s;
        break;
    case HF_INT:
    case HF_ID: {
        char *end;
        errno = 0;
        long long x = strtoll(s, &end, 10);
        int64_t lo = f->type == HF_ID ? 1 : f->min, hi = f->type == HF_ID ? INT64_MAX : f->max;
        if (*end || errno || !(s[0] == '-' || (s[0] >= '0' && s[0] <= '9')) || x < lo || x > hi)
            return tcxd_fail(e, TCXD_EINVAL, f->name,
                             c->en ? "field %s must be a whole number from %lld to %lld"
                                   : "trường %s phải là số nguyên từ %lld đến %lld",
                             f->name, (long long)lo, (long long)hi);
        v->i = x;
        break;
    }
    case HF_DATE:
        if (!iso_date_shape(s) || date_parse(s, &v->d, f->name, NULL))
            return bad_date(c, f->name, e);
        break;
    case HF_BOOL:
        if (!strcmp(s, "1") || !strcmp(s, "true"))
            v->b = true;
        else if (strcmp(s, "0") && strcmp(s, "false"))
            return tcxd_fail(e, TCXD_EINVAL, f->name, "%s",
                             http_msg(c, "giá trị phải là 1 hoặc 0", "must be 1 or 0"));
        break;
    default:
        BUG("bad field type");
    }
    v->present = true;
    return TCXD_OK;
}

static enum tcxd_err unknown_field(struct http_ctx *c, const char *name, struct tcxd_error *e)
{
    char shown[60];
    size_t n = strlen(name);
    if (n > 40 || !text_utf8_valid(name, n))
        n = 0;
    memcpy(shown, name, n);
    shown[n] = '\0';
    return tcxd_fail(e, TCXD_EINVAL, shown,
                     c->en ? "unknown field '%s'" : "trường không được chấp nhận '%s'", shown);
}

static enum tcxd_err check_query(struct http_ctx *c, struct tcxd_error *e)
{
    const struct http_field *fs = c->route->query;
    if (c->req->query_overflow)
        return tcxd_fail(e, TCXD_EINVAL, "", "%s",
                         http_msg(c, "quá nhiều tham số", "too many query parameters"));
    for (size_t k = 0; k < c->req->nquery; k++) {
        const struct http_param *p = &c->req->query[k];
        size_t i = 0;
        while (fs && fs[i].name && strcmp(fs[i].name, p->name))
            i++;
        if (!fs || !fs[i].name)
            return unknown_field(c, p->name, e);
        enum tcxd_err rc = check_text(c, &fs[i], p->value, &c->q[i], e);
        if (rc)
            return rc;
    }
    for (size_t i = 0; fs && fs[i].name; i++)
        if ((fs[i].flags & HF_REQUIRED) && !c->q[i].present)
            return tcxd_fail(e, TCXD_EINVAL, fs[i].name,
                             c->en ? "parameter %s is required" : "thiếu tham số %s", fs[i].name);
    return TCXD_OK;
}

static const char *json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "object";
    case JSON_ARRAY:
        return "array";
    case JSON_STRING:
        return "string";
    case JSON_INTEGER:
        return "integer";
    case JSON_REAL:
        return "number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "boolean";
    default:
        return "null";
    }
}

static enum tcxd_err wrong_type(struct http_ctx *c, const struct http_field *f, const json_t *v,
                                struct tcxd_error *e)
{
    static const char *const want[HF__MAX] = {"string", "integer", "integer", "string", "boolean"};
    return tcxd_fail(e, TCXD_EINVAL, f->name,
                     c->en ? "field %s must be a %s, not a %s"
                           : "trường %s phải là kiểu %s, không phải %s",
                     f->name, want[f->type], json_type_name(v));
}

static enum tcxd_err check_body(struct http_ctx *c, struct tcxd_error *e)
{
    const struct http_field *fs = c->route->body;
    const struct http_request *r = c->req;
    size_t len = r->body_len;
    while (len && (r->body[len - 1] == ' ' || r->body[len - 1] == '\n' ||
                   r->body[len - 1] == '\r' || r->body[len - 1] == '\t'))
        len--;
    if (!len)
        c->json = json_object();
    else {
        if (r->content_type && strncmp(r->content_type, "application/json", 16))
            return tcxd_fail(e, TCXD_EINVAL, "", "%s",
                             http_msg(c, "nội dung phải là JSON (Content-Type: application/json)",
                                      "the body must be JSON (Content-Type: application/json)"));
        json_error_t je;
        c->json = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
        if (!c->json)
            return tcxd_fail(e, TCXD_EINVAL, "",
                             c->en ? "malformed JSON at byte %d" : "JSON không hợp lệ tại byte %d",
                             je.position);
    }
    if (!json_is_object(c->json))
        return tcxd_fail(
            e, TCXD_EINVAL, "", "%s",
            http_msg(c, "nội dung phải là một đối tượng JSON", "the body must be a JSON object"));
    const char *key;
    json_t *v;
    json_object_foreach(c->json, key, v)
    {
        size_t i = 0;
        while (fs && fs[i].name && strcmp(fs[i].name, key))
            i++;
        if (!fs || !fs[i].name)
            return unknown_field(c, key, e);
        const struct http_field *f = &fs[i];
        struct http_value *out = &c->in[i];
        memset(out, 0, sizeof(*out));
        if (json_is_null(v))
            continue;
        enum tcxd_err rc;
        switch (f->type) {
        case HF_STRING:
        case HF_DATE:
            if (!json_is_string(v))
                return wrong_type(c, f, v, e);
            if ((rc = check_text(c, f, json_string_value(v), out, e)))
                return rc;
            break;
        case HF_INT:
        case HF_ID: {
            if (!json_is_integer(v))
                return wrong_type(c, f, v, e);
            int64_t x = json_integer_value(v);
            int64_t lo = f->type == HF_ID ? 1 : f->min, hi = f->type == HF_ID ? INT64_MAX : f->max;
            if (x < lo || x > hi)
                return tcxd_fail(e, TCXD_EINVAL, f->name,
                                 c->en ? "field %s must be a whole number from %lld to %lld"
                                       : "trường %s phải là số nguyên từ %lld đến %lld",
                                 f->name, (long long)lo, (long long)hi);
            out->i = x;
            out->present = true;
            break;
        }
        case HF_BOOL:
            if (!json_is_boolean(v))
                return wrong_type(c, f, v, e);
            out->b = json_is_true(v);
            out->present = true;
            break;
        default:
            BUG("bad field type");
        }
    }
    for (size_t i = 0; fs && fs[i].name; i++)
        if ((fs[i].flags & HF_REQUIRED) && !c->in[i].present)
            return tcxd_fail(e, TCXD_EINVAL, fs[i].name,
                             c->en ? "field %s is required" : "thiếu trường %s", fs[i].name);
    return TCXD_OK;
}

static enum tcxd_err run_route(struct http_ctx *c, struct tcxd_error *e);
static enum tcxd_err check_and_run(struct http_ctx *c, struct tcxd_error *e);

static enum tcxd_err run(struct http_ctx *c, struct tcxd_error *e)
{
    const struct http_request *r = c->req;
    const struct http_route *route = NULL;
    char allow[64] = "";
    bool path_found = false;
    if (!r->path || strncmp(r->path, "/api/", 5))
        BUG("http_dispatch is for /api/ paths");
    for (const struct http_route *rt = c->cfg->routes; rt->pattern; rt++) {
        int64_t ids[2] = {0, 0};
        if (!match(rt->pattern, r->path, ids))
            continue;
        path_found = true;
        enum http_method m = r->method == HTTP_HEAD ? HTTP_GET : r->method;
        if (rt->method == m) {
            route = rt;
            memcpy(c->ids, ids, sizeof(ids));
            break;
        }
        size_t n = strlen(allow);
        snprintf(allow + n, sizeof(allow) - n, "%s%s", n ? ", " : "", http_method_name(rt->method));
    }
    if (!route && path_found) {
        snprintf(c->res->allow, sizeof(c->res->allow), "%s", allow);
        tcxd_fail(e, TCXD_EINVAL, "", "%s",
                  http_msg(c, "phương thức không được hỗ trợ", "method not allowed"));
        return TCXD_EINVAL;
    }
    if (!route)
        return tcxd_fail(e, TCXD_ENOTFOUND, "", "%s", http_msg(c, "không tìm thấy", "not found"));
    c->route = route;
    /* a read-only route reads one snapshot, the session included: consistent, and SQLite locks
       once per request instead of once per statement */
    bool snapshot = route->method == HTTP_GET && !(route->flags & ROUTE_MUTATES);
    enum tcxd_err rc;
    if (snapshot && (rc = store_read_begin(c->st, e)))
        return rc;
    rc = check_and_run(c, e);
    if (snapshot)
        store_read_end(c->st);
    if (route->flags & ROUTE_MUTATES)
        http_cache_invalidate();
    struct tcxd_error we;
    if (c->session_write == SESSION_TOUCH && store_session_touch(c->st, c->token_hash, c->now, &we))
        fprintf(stderr, "tcxd: %s\n", we.msg);
    if (c->session_write == SESSION_DROP && store_session_drop(c->st, c->token_hash, &we))
        fprintf(stderr, "tcxd: %s\n", we.msg);
    return rc;
}

/* Session, role and CSRF checks, then the route. */
static enum tcxd_err check_and_run(struct http_ctx *c, struct tcxd_error *e)
{
    const struct http_request *r = c->req;
    const struct http_route *route = c->route;
    enum tcxd_err rc;
    if (!(route->flags & ROUTE_PUBLIC)) {
        if ((rc = load_session(c, e)))
            return rc;
        if (c->sess.role < route->min_role)
            return tcxd_fail(e, TCXD_EFORBIDDEN, "", "%s",
                             http_msg(c, "tài khoản không có quyền thực hiện thao tác này",
                                      "your role does not allow this"));
        bool writes = (route->flags & ROUTE_MUTATES) || route->method != HTTP_GET;
        if (writes && !(route->flags & ROUTE_NO_CSRF)) {
            const char *t = r->csrf;
            size_t n = strlen(c->sess.csrf);
            if (!t || strlen(t) != n || sodium_memcmp(t, c->sess.csrf, n))
                return tcxd_fail(e, TCXD_EFORBIDDEN, "", "%s",
                                 http_msg(c, "thiếu hoặc sai mã chống giả mạo (X-CSRF-Token)",
                                          "missing or wrong X-CSRF-Token"));
        }
    }
    return run_route(c, e);
}

/* ---- the CPU priority of heavy reads ---------------------------------------------------- */

/*
 * Reads that answer from one row or the cached tree. Every other read may be heavy - a city's
 * member list of a past date with a one-letter search, a report, a form, an export - and runs
 * at a lower CPU priority (nice HEAVY_NICE, Linux's per-thread setpriority) until its request
 * ends: on a machine whose cores the heavy ones fill, the scheduler still gives a light request
 * its few milliseconds at once. Only when the thread may come back to its priority: as root,
 * or with RLIMIT_NICE allowing nice 0 (deploy/tcxd.service: LimitNICE=+0).
 */
static const char *const light_reads[] = {
    "/api/me",         "/api/orgs/root",    "/api/orgs/{id}", "/api/orgs/{id}/children",
    "/api/orgs/paths", "/api/members/{id}", "/api/forms",     "/api/reviews/rubric",
};
#define HEAVY_NICE 10

static _Thread_local bool demoted;
static atomic_bool demote_off;
static pthread_once_t demote_once = PTHREAD_ONCE_INIT;

static void demote_check(void)
{
    struct rlimit rl;
    bool can = geteuid() == 0 || (getrlimit(RLIMIT_NICE, &rl) == 0 &&
                                  (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= 20));
    atomic_store(&demote_off, !can);
}

static bool light_read(const struct http_route *route)
{
    for (size_t i = 0; i < ARRAY_SIZE(light_reads); i++)
        if (!strcmp(route->pattern, light_reads[i]))
            return true;
    return false;
}

static void thread_demote(void)
{
    pthread_once(&demote_once, demote_check);
    if (atomic_load(&demote_off) || demoted)
        return;
    if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), HEAVY_NICE) == 0)
        demoted = true;
}

static void thread_promote(void)
{
    if (!demoted)
        return;
    demoted = false;
    if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 0) != 0) {
        /* the privileges changed since the check: stop demoting (this thread stays lower) */
        if (!atomic_exchange(&demote_off, true))
            fprintf(stderr,
                    "tcxd: cannot restore a worker's CPU priority (%s): heavy reads "
                    "now run at the normal priority\n",
                    strerror(errno));
    }
}

/* After the session checks: scope, inputs, the handler. */
static enum tcxd_err run_route(struct http_ctx *c, struct tcxd_error *e)
{
    const struct http_request *r = c->req;
    const struct http_route *route = c->route;
    enum tcxd_err rc;
    c->scope = TREE_NONE;
    if (!(route->flags & ROUTE_PUBLIC)) {
        if ((rc = today_tree(c, e)))
            return rc;
        c->scope = org_tree_find(c->tree, c->sess.scope_org_id);
        if (c->scope == TREE_NONE)
            return tcxd_fail(e, TCXD_EFORBIDDEN, "", "%s",
                             http_msg(c, "tổ chức phạm vi của tài khoản không còn tồn tại",
                                      "the account's scope organization no longer exists"));
        /* the one place the scope is set: every store read and write of the handler goes
           through it (store_scope.h); http_dispatch clears it when the request ends */
        store_scope_set(c->st, c->sess.scope_org_id);
    }
    /* a read has a cost limit (a heavy one cannot hold a worker for long); writes finish */
    if (route->method == HTTP_GET && !(route->flags & ROUTE_MUTATES)) {
        store_set_cost_limit(c->st, c->cfg->read_cost_ms);
        if (!light_read(route))
            thread_demote();
    }
    if ((rc = check_query(c, e)))
        return rc;
    if (!(route->flags & ROUTE_RAW_BODY)) {
        if (r->body_len > c->cfg->max_json_body)
            return tcxd_fail(e, TCXD_ETOOBIG, "", "%s",
                             http_msg(c, "nội dung quá lớn", "the request body is too large"));
        if ((rc = check_body(c, e)))
            return rc;
    } else if (r->body_len > c->cfg->max_file_body) {
        return tcxd_fail(e, TCXD_ETOOBIG, "", "%s",
                         http_msg(c, "tệp quá lớn", "the file is too large"));
    }
    return route->handler(c, e);
}

/* The client: the peer, or the last X-Forwarded-For entry when the peer is the trusted proxy
   (entries before it were written by the client and prove nothing). */
static const char *client_address(const struct http_config *cfg, const struct http_request *req,
                                  char out[64])
{
    const char *peer = req->address ? req->address : "";
    const char *xff = req->forwarded_for;
    if (!cfg->trusted_proxy || !*cfg->trusted_proxy || strcmp(peer, cfg->trusted_proxy) || !xff)
        return peer;
    const char *last = strrchr(xff, ',');
    last = last ? last + 1 : xff;
    while (*last == ' ' || *last == '\t')
        last++;
    size_t n = 0;
    while (last[n] && last[n] != ' ' && last[n] != '\t' && n < 63) {
        char ch = last[n];
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F') ||
              ch == '.' || ch == ':'))
            return peer; /* not an address: the proxy's own */
        n++;
    }
    if (!n)
        return peer;
    memcpy(out, last, n);
    out[n] = '\0';
    return out;
}

void http_dispatch(struct store *st, const struct http_config *cfg, const struct http_request *req,
                   struct http_response *res)
{
    struct http_ctx c;
    memset(&c, 0, sizeof(c));
    c.st = st;
    c.cfg = cfg;
    c.req = req;
    c.res = res;
    c.now = (int64_t)time(NULL);
    c.en = req->accept_language && !strncmp(req->accept_language, "en", 2);
    msg_set_lang(c.en ? MSG_EN : MSG_VI); /* the messages of tcxd_fail below this call */
    c.actor.username = "";
    c.actor.address = client_address(cfg, req, c.client_addr);
    c.scope = TREE_NONE;
    store_scope_set(st, STORE_SCOPE_NOTHING); /* until the session names the scope */
    struct tcxd_error e;
    tcxd_error_clear(&e);
    enum tcxd_err rc = run(&c, &e);
    store_scope_set(st, 0);
    store_set_cost_limit(st, 0);
    thread_promote();
    if (rc) {
        if (!e.code)
            e.code = rc;
        http_error(res, &e, c.en);
        if (e.code == TCXD_EBUSY) /* a long write holds the lock: come back soon */
            res->retry_after = 2;
        if (res->allow[0])
            res->status = 405;
    }
    json_decref(c.json);
}

bool http_url_decode(const char *s, size_t n, bool plus_space, struct buf *out)
{
    buf_reset(out);
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '%') {
            if (i + 2 >= n)
                return false;
            int v = 0;
            for (int k = 1; k <= 2; k++) {
                char h = s[i + k];
                v <<= 4;
                if (h >= '0' && h <= '9')
                    v |= h - '0';
                else if (h >= 'a' && h <= 'f')
                    v |= h - 'a' + 10;
                else if (h >= 'A' && h <= 'F')
                    v |= h - 'A' + 10;
                else
                    return false;
            }
            if (!v)
                return false;
            buf_addch(out, v);
            i += 2;
        } else if (ch == '+' && plus_space) {
            buf_addch(out, ' ');
        } else if (!ch) {
            return false;
        } else {
            buf_addch(out, ch);
        }
    }
    return true;
}
