/*
 * orgs.c - organizations: the scope root, detail with path and counts, children with member
 * counts, history, search, and the dated operations (create, rename, move, merge, dissolve).
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "util/xmalloc.h"

enum { A_AS_OF };
const struct http_field api_asof_query[] = {
    {"as_of", HF_DATE, 0, 0, 0, "date of the view (default today)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { S_Q, S_AS_OF, S_PAGE, S_PAGE_SIZE, S_FORM };
const struct http_field api_org_search_query[] = {
    {"q", HF_STRING, 0, 0, 200,
     "words of the name, code, parent or ward in any order, any case and diacritics"},
    {"as_of", HF_DATE, 0, 0, 0, "date (default today)"},
    {"page", HF_INT, 0, 1, 1000000, "page from 1"},
    {"page_size", HF_INT, 0, 1, 200, "rows per page (default 50)"},
    {"form", HF_STRING, 0, 0, 16, "only dang_bo or only chi_bo"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { P_IDS };
const struct http_field api_org_paths_query[] = {
    {"ids", HF_STRING, HF_REQUIRED, 0, 4000, "organization ids separated by commas (at most 200)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { C_PARENT, C_CODE, C_NAME, C_TIER, C_FORM, C_BASE_TYPE, C_DATE, C_DECISION };
const struct http_field api_org_create_body[] = {
    {"parent_id", HF_ID, HF_REQUIRED, 0, 0, "parent organization"},
    {"code", HF_STRING, HF_REQUIRED, 0, 32, "unique code"},
    {"name", HF_STRING, HF_REQUIRED, 0, 300, "name"},
    {"tier", HF_STRING, HF_REQUIRED, 0, 32, "above_base, base or below_base"},
    {"form", HF_STRING, HF_REQUIRED, 0, 32, "dang_bo or chi_bo"},
    {"base_type", HF_STRING, 0, 0, 32, "type of a base organization"},
    {"date", HF_DATE, 0, 0, 0, "date of the decision's effect (default today)"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { R_NAME, R_DATE, R_DECISION };
const struct http_field api_org_rename_body[] = {
    {"name", HF_STRING, HF_REQUIRED, 0, 300, "new name"},
    {"date", HF_DATE, 0, 0, 0, "effective date (default today)"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { M_OTHER, M_DATE, M_DECISION };
const struct http_field api_org_move_body[] = {
    {"parent_id", HF_ID, HF_REQUIRED, 0, 0, "new parent"},
    {"date", HF_DATE, 0, 0, 0, "effective date (default today)"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {NULL, 0, 0, 0, 0, NULL},
};
const struct http_field api_org_merge_body[] = {
    {"into_id", HF_ID, HF_REQUIRED, 0, 0, "organization that takes over members and children"},
    {"date", HF_DATE, 0, 0, 0, "effective date (default today)"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {NULL, 0, 0, 0, 0, NULL},
};
const struct http_field api_org_dissolve_body[] = {
    {"members_to_id", HF_ID, 0, 0, 0, "chi bộ that receives the members (needed if any)"},
    {"date", HF_DATE, 0, 0, 0, "effective date (default today)"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {NULL, 0, 0, 0, 0, NULL},
};

static tcxd_date date_or_today(const struct http_value *v)
{
    return v->present ? v->d : date_today();
}

static int64_t subtree_sum(const struct org_tree *t, const struct node_counts *own, uint32_t root,
                           int64_t *official, int64_t *probationary)
{
    int64_t o = 0, p = 0;
    for (uint32_t i = root; i != TREE_NONE; i = org_tree_next(t, root, i)) {
        o += own->official[i];
        p += own->probationary[i];
    }
    if (official)
        *official = o;
    if (probationary)
        *probationary = p;
    return o + p;
}

/* Counts of node root in tree t; own: the tree's own (not rolled-up) member counts. */
static json_t *counts_json(const struct org_tree *t, uint32_t root, const struct node_counts *own)
{
    struct structure_counts sc;
    report_structure_counts(t, root, own, &sc);
    size_t nchildren = 0;
    for (uint32_t k = t->nodes[root].first_child; k != TREE_NONE; k = t->nodes[k].next_sibling)
        nchildren++;
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "members", (json_int_t)sc.members,
                     "official", (json_int_t)sc.official, "probationary",
                     (json_int_t)sc.probationary, "children", (json_int_t)nchildren, "base_orgs",
                     (json_int_t)(sc.base_dang_bo + sc.base_chi_bo), "partial_committees",
                     (json_int_t)sc.partial, "branches", (json_int_t)sc.branches, "above_base",
                     (json_int_t)sc.above_base);
}

/* Member counts of the tree of as_of: the cached ones for today, else counted for root's
   subtree into *fresh (released by the caller). */
static const struct node_counts *counts_for(struct http_ctx *c, const struct org_tree *t,
                                            uint32_t root, struct node_counts *fresh,
                                            struct tcxd_error *e)
{
    if (t == c->tree)
        return http_today_counts(c, e);
    if (report_node_counts(c->st, t, root, fresh, e)) {
        report_node_counts_free(fresh);
        return NULL;
    }
    return fresh;
}

static enum tcxd_err org_detail(struct http_ctx *c, int64_t id, tcxd_date as_of,
                                struct tcxd_error *e)
{
    struct org_info o;
    struct org_tree own;
    const struct org_tree *t;
    enum tcxd_err rc;
    if ((rc = http_org_get(c, id, as_of, "id", &o, e)) || (rc = http_tree(c, as_of, &own, &t, e)))
        return rc;
    uint32_t i = org_tree_find(t, id);
    if (i == TREE_NONE)
        BUG("organization #%lld missing from its tree", (long long)id);
    struct node_counts fresh = {0};
    const struct node_counts *nc = counts_for(c, t, i, &fresh, e);
    if (!nc) {
        if (t == &own)
            org_tree_release(&own);
        return e->code ? e->code : TCXD_EDB;
    }
    json_t *j = api_org_json(&o);
    /* the path from the caller's scope root (or the tree's root) down to the organization */
    json_t *path = json_array();
    uint32_t chain[128];
    size_t n = 0;
    for (uint32_t k = i; k != TREE_NONE && n < ARRAY_SIZE(chain); k = t->nodes[k].parent) {
        /* another day's tree may have ancestors outside today's scope: they are left out */
        if (t == c->tree || http_org_in_scope(c, t->nodes[k].id))
            chain[n++] = k;
        if (t->nodes[k].id == c->sess.scope_org_id)
            break;
    }
    while (n-- > 0)
        json_array_append_new(path, api_org_ref(t->nodes[chain[n]].id, t->nodes[chain[n]].name));
    json_object_set_new(j, "path", path);
    json_object_set_new(j, "as_of", http_json_date(as_of));
    json_object_set_new(j, "counts", counts_json(t, i, nc));
    report_node_counts_free(&fresh);
    if (t == &own)
        org_tree_release(&own);
    http_json(c, 200, j);
    return TCXD_OK;
}

enum tcxd_err api_org_root(struct http_ctx *c, struct tcxd_error *e)
{
    return org_detail(c, c->sess.scope_org_id, date_or_today(&c->q[A_AS_OF]), e);
}

enum tcxd_err api_org_show(struct http_ctx *c, struct tcxd_error *e)
{
    /* without as_of: today, or the last day of an organization that has ended */
    tcxd_date day = c->tree->as_of;
    if (!c->q[A_AS_OF].present && http_org_in_scope(c, c->ids[0]) &&
        store_org_latest_day(c->st, c->ids[0], c->tree->as_of, &day, NULL))
        day = c->tree->as_of;
    return org_detail(c, c->ids[0], c->q[A_AS_OF].present ? date_or_today(&c->q[A_AS_OF]) : day, e);
}

struct child {
    uint32_t idx;
    const char *name;
};

static int cmp_child(const void *a, const void *b)
{
    const struct child *x = a, *y = b;
    int r = http_collate(x->name, y->name);
    return r ? r : (x->idx < y->idx ? -1 : 1);
}

enum tcxd_err api_org_children(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date as_of = date_or_today(&c->q[A_AS_OF]);
    struct org_info o;
    struct org_tree own;
    const struct org_tree *t;
    enum tcxd_err rc;
    if ((rc = http_org_get(c, c->ids[0], as_of, "id", &o, e)) ||
        (rc = http_tree(c, as_of, &own, &t, e)))
        return rc;
    uint32_t i = org_tree_find(t, o.id);
    struct node_counts fresh = {0};
    const struct node_counts *nc = counts_for(c, t, i, &fresh, e);
    if (!nc) {
        if (t == &own)
            org_tree_release(&own);
        return e->code ? e->code : TCXD_EDB;
    }
    struct child *kids = NULL;
    size_t n = 0, cap = 0;
    for (uint32_t k = t->nodes[i].first_child; k != TREE_NONE; k = t->nodes[k].next_sibling) {
        if (t != c->tree && !http_org_in_scope(c, t->nodes[k].id))
            continue;
        ALLOC_GROW(kids, n + 1, cap);
        kids[n].idx = k;
        kids[n].name = t->nodes[k].name;
        n++;
    }
    if (n)
        qsort(kids, n, sizeof(*kids), cmp_child);
    json_t *items = json_array();
    for (size_t k = 0; k < n; k++) {
        const struct org_node *nd = &t->nodes[kids[k].idx];
        struct org_info ci;
        if (!(t == c->tree && http_org_today(c, nd->id, &ci)) &&
            store_org_get(c->st, nd->id, as_of, &ci, e)) {
            rc = e->code;
            break;
        }
        json_t *j = api_org_json(&ci);
        size_t nchild = 0;
        for (uint32_t g = nd->first_child; g != TREE_NONE; g = t->nodes[g].next_sibling)
            nchild++;
        json_object_set_new(j, "member_count",
                            json_integer(subtree_sum(t, nc, kids[k].idx, NULL, NULL)));
        json_object_set_new(j, "child_count", json_integer((json_int_t)nchild));
        json_array_append_new(items, j);
    }
    free(kids);
    report_node_counts_free(&fresh);
    if (t == &own)
        org_tree_release(&own);
    if (rc) {
        json_decref(items);
        return rc;
    }
    http_json(c, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
    return TCXD_OK;
}

struct hist_ctx {
    struct http_ctx *c;
    json_t *items;
};

static void hist_row(void *vctx, const struct org_event_info *ev)
{
    struct hist_ctx *h = vctx;
    json_t *j = json_pack("{s:o, s:s, s:s, s:s}", "date", http_json_date(ev->date), "kind",
                          ev->kind, "decision_no", ev->decision_no, "detail", ev->detail);
    if (!j)
        return;
    if (ev->other_org_id) {
        struct org_info o;
        /* the other organization as it was the day before (merges end one of the two) */
        if (http_org_in_scope(h->c, ev->other_org_id) &&
            (!store_org_get(h->c->st, ev->other_org_id, ev->date, &o, NULL) ||
             !store_org_get(h->c->st, ev->other_org_id, ev->date - 1, &o, NULL)))
            json_object_set_new(j, "other_org", api_org_ref(o.id, o.name));
    }
    json_array_append_new(h->items, j);
}

enum tcxd_err api_org_history(struct http_ctx *c, struct tcxd_error *e)
{
    if (!http_org_in_scope(c, c->ids[0]))
        return tcxd_fail(e, TCXD_ENOTFOUND, "id",
                         c->en ? "no organization #%lld" : "không có tổ chức #%lld",
                         (long long)c->ids[0]);
    struct hist_ctx h = {c, json_array()};
    enum tcxd_err rc = store_org_history(c->st, c->ids[0], hist_row, &h, e);
    if (rc) {
        json_decref(h.items);
        return rc;
    }
    http_json(c, 200, json_pack("{s:o}", "items", h.items));
    return TCXD_OK;
}

/* The ancestors of node i, nearest first, up to (without) the caller's scope root. */
static json_t *parents_json(struct http_ctx *c, const struct org_tree *t, uint32_t i)
{
    json_t *a = json_array();
    if (t->nodes[i].id == c->sess.scope_org_id)
        return a;
    for (uint32_t k = t->nodes[i].parent; k != TREE_NONE && json_array_size(a) < 64;
         k = t->nodes[k].parent) {
        if (t->nodes[k].id == c->sess.scope_org_id)
            break;
        json_array_append_new(a, api_org_ref(t->nodes[k].id, t->nodes[k].name));
    }
    return a;
}

struct search_filter {
    bool form_set;
    enum org_form form;
};

static bool search_keep(void *ctx, const struct org_node *n)
{
    const struct search_filter *f = ctx;
    return !f->form_set || n->form == f->form;
}

enum tcxd_err api_org_search(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date as_of = date_or_today(&c->q[S_AS_OF]);
    int64_t page = c->q[S_PAGE].present ? c->q[S_PAGE].i : 1;
    int64_t size = c->q[S_PAGE_SIZE].present ? c->q[S_PAGE_SIZE].i : 50;
    const char *q = c->q[S_Q].present ? c->q[S_Q].s : "";
    struct search_filter f = {false, ORG_FORM_DANG_BO};
    enum tcxd_err rc;
    if (c->q[S_FORM].present) {
        if ((rc = org_form_parse(c->q[S_FORM].s, &f.form, e))) {
            snprintf(e->field, sizeof(e->field), "form");
            return rc;
        }
        f.form_set = true;
    }
    struct org_tree own;
    const struct org_tree *t;
    if ((rc = http_tree(c, as_of, &own, &t, e)))
        return rc;
    struct org_search_index fresh;
    const struct org_search_index *ix;
    if (t == c->tree) {
        ix = http_today_search(c);
    } else {
        org_search_index_build(&fresh, t);
        ix = &fresh;
    }
    /* the scope root in this tree: today's scope, or (another day) the scope root if it
       existed then, else the whole tree filtered by scope */
    uint32_t root = t == c->tree ? c->scope : org_tree_find(t, c->sess.scope_org_id);
    struct org_search_hit *hits = NULL;
    size_t n = 0;
    if (root != TREE_NONE || t != c->tree)
        n = org_search_run(ix, root, q, search_keep, &f, &hits);
    size_t kept = n;
    if (root == TREE_NONE && t != c->tree) {
        kept = 0;
        for (size_t k = 0; k < n; k++)
            if (http_org_in_scope(c, t->nodes[hits[k].node].id))
                hits[kept++] = hits[k];
    }
    json_t *items = json_array();
    for (size_t k = (size_t)((page - 1) * size); k < kept && k < (size_t)(page * size); k++) {
        const struct org_node *nd = &t->nodes[hits[k].node];
        struct org_info o;
        if (!(t == c->tree && http_org_today(c, nd->id, &o)) &&
            store_org_get(c->st, nd->id, as_of, &o, NULL))
            continue;
        json_t *j = api_org_json(&o);
        json_object_set_new(j, "parents", parents_json(c, t, hits[k].node));
        json_object_set_new(j, "child_count",
                            json_integer((json_int_t)(nd->first_child != TREE_NONE)));
        json_array_append_new(items, j);
    }
    free(hits);
    if (t != c->tree) {
        org_search_index_release(&fresh);
        org_tree_release(&own);
    }
    http_json(c, 200,
              json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)kept, "page",
                        (json_int_t)page, "page_size", (json_int_t)size));
    return TCXD_OK;
}

struct end_info {
    tcxd_date created, ended;
    char kind[16];
    int64_t other;
};

static void end_row(void *vctx, const struct org_event_info *ev)
{
    struct end_info *x = vctx;
    if (!strcmp(ev->kind, "create")) {
        x->created = ev->date;
    } else if (!strcmp(ev->kind, "dissolve") || !strcmp(ev->kind, "merged_into")) {
        x->ended = ev->date;
        snprintf(x->kind, sizeof(x->kind), "%s", ev->kind);
        x->other = ev->other_org_id;
    }
}

/* One organization's name and path as the UI shows it wherever it is named: alive today from
   today's tree; ended from its last day, with how and when it ended (and into what). NULL when
   it is outside the scope or unknown. */
static json_t *org_path_json(struct http_ctx *c, int64_t id)
{
    const struct org_tree *t = c->tree;
    uint32_t i = org_tree_find(t, id);
    if (i != TREE_NONE) {
        if (!org_tree_in_subtree(t, c->scope, i))
            return NULL;
        json_t *j = json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)id, "name",
                              t->nodes[i].name, "code", t->nodes[i].code, "alive", 1);
        json_object_set_new(j, "parents", parents_json(c, t, i));
        return j;
    }
    if (!http_org_in_scope(c, id))
        return NULL;
    struct end_info x = {DATE_NONE, DATE_NONE, "", 0};
    struct org_info o;
    if (store_org_history(c->st, id, end_row, &x, NULL) || x.ended == DATE_NONE ||
        store_org_get(c->st, id, x.ended - 1, &o, NULL))
        return NULL;
    json_t *j = json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)id, "name", o.name, "code",
                          o.code, "alive", 0);
    json_object_set_new(j, "ended_on", http_json_date(x.ended));
    json_object_set_new(j, "last_day", http_json_date(x.ended - 1));
    json_object_set_new(j, "end_kind",
                        json_string(!strcmp(x.kind, "merged_into") ? "merge" : "dissolve"));
    if (x.other) {
        uint32_t k = org_tree_find(t, x.other);
        struct org_info into;
        if (k != TREE_NONE && org_tree_in_subtree(t, c->scope, k))
            json_object_set_new(j, "into", api_org_ref(x.other, t->nodes[k].name));
        else if (http_org_in_scope(c, x.other) &&
                 !store_org_get(c->st, x.other, x.ended, &into, NULL))
            json_object_set_new(j, "into", api_org_ref(into.id, into.name));
    }
    /* the parents of its last day, as they are named today when still alive */
    json_t *parents = json_array();
    int64_t p = o.parent_id;
    for (int hops = 0; p && hops < 64 && p != c->sess.scope_org_id; hops++) {
        uint32_t k = org_tree_find(t, p);
        if (k != TREE_NONE) {
            json_array_append_new(parents, api_org_ref(p, t->nodes[k].name));
            json_t *rest = parents_json(c, t, k);
            size_t m;
            json_t *v;
            json_array_foreach(rest, m, v) json_array_append(parents, v);
            json_decref(rest);
            break;
        }
        struct org_info po;
        if (store_org_get(c->st, p, x.ended - 1, &po, NULL))
            break;
        json_array_append_new(parents, api_org_ref(p, po.name));
        p = po.parent_id;
    }
    json_object_set_new(j, "parents", parents);
    return j;
}

enum tcxd_err api_org_paths(struct http_ctx *c, struct tcxd_error *e)
{
    const char *s = c->q[P_IDS].s;
    json_t *items = json_array();
    size_t n = 0;
    while (*s) {
        char *end;
        long long id = strtoll(s, &end, 10);
        if (end == s || id <= 0 || (*end && *end != ',')) {
            json_decref(items);
            return tcxd_fail(e, TCXD_EINVAL, "ids", "%s",
                             http_msg(c, "ids phải là các số tổ chức cách nhau bởi dấu phẩy",
                                      "ids must be organization ids separated by commas"));
        }
        if (++n > 200) {
            json_decref(items);
            return tcxd_fail(e, TCXD_EINVAL, "ids", "%s",
                             http_msg(c, "tối đa 200 tổ chức mỗi lần", "at most 200 ids at once"));
        }
        json_t *j = org_path_json(c, (int64_t)id);
        if (j)
            json_array_append_new(items, j);
        s = *end ? end + 1 : end;
    }
    http_json(c, 200, json_pack("{s:o}", "items", items));
    return TCXD_OK;
}

/* Answers with the organization as it is on date (after a change). */
static enum tcxd_err answer_org(struct http_ctx *c, int status, int64_t id, tcxd_date date,
                                struct tcxd_error *e)
{
    struct org_info o;
    enum tcxd_err rc = store_org_get(c->st, id, date, &o, e);
    if (rc)
        return rc;
    http_json(c, status, api_org_json(&o));
    return TCXD_OK;
}

enum tcxd_err api_org_create(struct http_ctx *c, struct tcxd_error *e)
{
    struct org_create_req req;
    struct org_info parent;
    enum tcxd_err rc;
    memset(&req, 0, sizeof(req));
    req.code = c->in[C_CODE].s;
    req.name = c->in[C_NAME].s;
    req.date = date_or_today(&c->in[C_DATE]);
    req.decision_no = c->in[C_DECISION].s;
    if ((rc = org_tier_parse(c->in[C_TIER].s, &req.tier, e)) ||
        (rc = org_form_parse(c->in[C_FORM].s, &req.form, e)) ||
        (rc = org_base_type_parse(c->in[C_BASE_TYPE].present ? c->in[C_BASE_TYPE].s : "",
                                  &req.base_type, e)) ||
        (rc = http_org_get(c, c->in[C_PARENT].i, req.date, "parent_id", &parent, e)))
        return rc;
    req.parent_id = parent.id;
    int64_t id;
    if ((rc = store_org_create(c->st, &c->actor, &req, &id, e)))
        return rc;
    return answer_org(c, 201, id, req.date, e);
}

/* The organization an operation changes: in scope on the date, and not the scope root itself
   (that would change what lies outside the scope). */
static enum tcxd_err target_org(struct http_ctx *c, tcxd_date date, bool root_ok,
                                struct org_info *o, struct tcxd_error *e)
{
    enum tcxd_err rc = http_org_get(c, c->ids[0], date, "id", o, e);
    if (rc)
        return rc;
    if (!root_ok && o->id == c->sess.scope_org_id)
        return tcxd_fail(e, TCXD_EFORBIDDEN, "id", "%s",
                         http_msg(c, "không thể thay đổi tổ chức gốc của phạm vi tài khoản",
                                  "the account's scope organization itself cannot be changed"));
    return TCXD_OK;
}

enum tcxd_err api_org_rename(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date date = date_or_today(&c->in[R_DATE]);
    struct org_info o;
    enum tcxd_err rc;
    if ((rc = target_org(c, date, true, &o, e)) ||
        (rc = store_org_rename(c->st, &c->actor, o.id, c->in[R_NAME].s, date, c->in[R_DECISION].s,
                               e)))
        return rc;
    return answer_org(c, 200, o.id, date, e);
}

enum tcxd_err api_org_move(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date date = date_or_today(&c->in[M_DATE]);
    struct org_info o, to;
    enum tcxd_err rc;
    if ((rc = target_org(c, date, false, &o, e)) ||
        (rc = http_org_get(c, c->in[M_OTHER].i, date, "parent_id", &to, e)) ||
        (rc = store_org_move(c->st, &c->actor, o.id, to.id, date, c->in[M_DECISION].s, e)))
        return rc;
    return answer_org(c, 200, o.id, date, e);
}

enum tcxd_err api_org_merge(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date date = date_or_today(&c->in[M_DATE]);
    struct org_info o, into;
    enum tcxd_err rc;
    if ((rc = target_org(c, date, false, &o, e)) ||
        (rc = http_org_get(c, c->in[M_OTHER].i, date, "into_id", &into, e)) ||
        (rc = store_org_merge(c->st, &c->actor, o.id, into.id, date, c->in[M_DECISION].s, e)))
        return rc;
    return answer_org(c, 200, into.id, date, e);
}

enum tcxd_err api_org_dissolve(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date date = date_or_today(&c->in[M_DATE]);
    struct org_info o, to;
    int64_t to_id = 0;
    enum tcxd_err rc;
    if ((rc = target_org(c, date, false, &o, e)))
        return rc;
    if (c->in[M_OTHER].present) {
        if ((rc = http_org_get(c, c->in[M_OTHER].i, date, "members_to_id", &to, e)))
            return rc;
        to_id = to.id;
    }
    if ((rc = store_org_dissolve(c->st, &c->actor, o.id, to_id, date, c->in[M_DECISION].s, e)))
        return rc;
    http_json(c, 200,
              json_pack("{s:I, s:s, s:o}", "id", (json_int_t)o.id, "ended", "dissolve", "date",
                        http_json_date(date)));
    return TCXD_OK;
}
