/*
 * io.c - members in and out as files: POST /api/import/members (CSV or XLSX bytes, all or
 * nothing, every problem reported) and GET /api/export/members, both within the caller's scope.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "io/export.h"
#include "io/import.h"

enum { I_DRY_RUN };
const struct http_field api_import_query[] = {
    {"dry_run", HF_BOOL, 0, 0, 0, "1: validate only, write nothing"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { X_ORG, X_AS_OF, X_FORMAT, X_ASCII };
const struct http_field api_export_query[] = {
    {"org", HF_ID, 0, 0, 0, "subtree root (default: the account's scope)"},
    {"as_of", HF_DATE, 0, 0, 0, "members registered on this date (default today)"},
    {"format", HF_STRING, 0, 0, 8, "csv (default) or xlsx"},
    {"ascii", HF_BOOL, 0, 0, 0, "1: ASCII headers and values, ISO dates"},
    {NULL, 0, 0, 0, 0, NULL},
};

#define XLSX_MIME "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

enum { OUTSIDE_MAX = 50 };

struct scope_check {
    struct http_ctx *c;
    int64_t outside; /* first member placed outside the scope, 0 if none */
    size_t n;        /* members placed outside */
    int64_t member[OUTSIDE_MAX], org[OUTSIDE_MAX];
};

static void check_member(void *vctx, int64_t member_id, int64_t org_id)
{
    struct scope_check *x = vctx;
    if (http_org_in_scope(x->c, org_id))
        return;
    if (!x->outside)
        x->outside = member_id;
    if (x->n < OUTSIDE_MAX) {
        x->member[x->n] = member_id;
        x->org[x->n] = org_id;
    }
    x->n++;
}

/* The errors of a dry run whose rows are placed outside the caller's scope: one per member
   (at most OUTSIDE_MAX), naming the member and the organization (field "org"). */
static json_t *outside_errors(struct http_ctx *c, const struct scope_check *x)
{
    json_t *a = json_array();
    for (size_t k = 0; k < x->n && k < OUTSIDE_MAX; k++) {
        struct member_info m;
        struct org_info o;
        const char *name = !store_member_get(c->st, x->member[k], &m, NULL) ? m.full_name : "";
        bool have_org = !store_org_get(c->st, x->org[k], c->tree->as_of, &o, NULL);
        char msg[2400];
        snprintf(msg, sizeof(msg),
                 c->en ? "%s: %s%s%s%s is outside your account's scope; nothing can be written"
                       : "%s: %s%s%s%s ngoài phạm vi của tài khoản; không thể ghi",
                 name, have_org ? o.name : "", have_org ? " (" : "", have_org ? o.code : "",
                 have_org ? ")" : "");
        json_array_append_new(a, json_pack("{s:n, s:s, s:s, s:s}", "line", "column", "org", "field",
                                           "org", "message", msg));
    }
    if (x->n > OUTSIDE_MAX) {
        char msg[160];
        snprintf(msg, sizeof(msg),
                 c->en ? "and %zu more members outside the scope"
                       : "và %zu đảng viên khác ngoài phạm vi",
                 x->n - OUTSIDE_MAX);
        json_array_append_new(a, json_pack("{s:n, s:s, s:s, s:s}", "line", "column", "org", "field",
                                           "org", "message", msg));
    }
    return a;
}

enum tcxd_err api_import_members(struct http_ctx *c, struct tcxd_error *e)
{
    struct io_import_opts o;
    io_import_opts_init(&o);
    o.what = IO_MEMBERS;
    o.format = IO_FORMAT_AUTO;
    /* a dry run imports for real inside the outer transaction and always rolls back: so it
       sees what the real one would (rows placed outside the scope included) */
    bool dry_run = c->q[I_DRY_RUN].present && c->q[I_DRY_RUN].b;
    o.dry_run = false;
    o.max_errors = 1000;
    /* a big load into a small roll drops the member tables' indexes in its transaction and makes
       them again before the commit (other connections read the committed ones meanwhile) */
    o.indexes = STORE_BULK_INDEXES_AUTO;
    /* a big file is written in pieces, other writes going between them, and is seen by no
       reader until its last piece (store_bulk.h): no write waits for more than a piece */
    o.chunk_rows = IO_IMPORT_CHUNK_ROWS;
    const char *ct = c->req->content_type ? c->req->content_type : "";
    if (!strncmp(ct, "text/csv", 8) || !strncmp(ct, "text/plain", 10))
        o.name = "upload.csv";
    else if (!strncmp(ct, XLSX_MIME, strlen(XLSX_MIME)))
        o.name = "upload.xlsx";
    if (!c->req->body_len)
        return tcxd_fail(e, TCXD_EINVAL, "file", "%s",
                         http_msg(c, "tệp rỗng", "the file is empty"));
    struct io_report rep;
    io_report_init(&rep);
    struct tcxd_error ie;
    tcxd_error_clear(&ie);
    /* every row is checked before the write lock is taken: other writes wait for the commit
       only, not for the file's checks */
    struct io_import *imp;
    enum tcxd_err rc =
        io_import_prepare(c->st, &c->actor, c->req->body, c->req->body_len, &o, &rep, &imp, &ie);
    /* A dry run writes in one outer transaction that is always rolled back (the import's own
       nests inside it), so it sees what the real one would and lists every member placed outside
       the caller's scope. The real import is the outermost transaction (foreign key checks off,
       the registrations built apart: the shortest hold of the write lock); the store refuses a
       row outside the scope itself (store_bulk_member_add). */
    bool open = false;
    int64_t last = 0;
    if (!rc && dry_run) {
        if ((rc = store_begin(c->st, e))) {
            io_import_free(imp);
            io_report_release(&rep);
            return rc;
        }
        open = true;
        last = store_member_max_id(c->st);
    }
    rc = io_import_write(imp, &ie);
    io_import_free(imp);
    if (!rc && open) {
        struct scope_check x = {c, 0, 0, {0}, {0}};
        if ((rc = store_members_after(c->st, last, check_member, &x, e))) {
            store_rollback(c->st);
            io_report_release(&rep);
            return rc;
        }
        if (x.outside) {
            json_t *errs = outside_errors(c, &x);
            store_rollback(c->st);
            json_t *j = io_report_json(&rep);
            io_report_release(&rep);
            json_object_set_new(j, "ok", json_false());
            json_object_set_new(j, "errors", errs);
            http_json(c, 200, j);
            return TCXD_OK;
        }
    }
    if (rc == TCXD_OK || rc == TCXD_EINVAL) {
        if (open) /* the dry run's */
            store_rollback(c->st);
        json_t *j = io_report_json(&rep);
        json_object_set_new(j, "ok", json_boolean(rc == TCXD_OK));
        if (!json_object_get(j, "errors"))
            json_object_set_new(j, "errors", io_report_errors_json(&rep));
        io_report_release(&rep);
        http_json(c, 200, j);
        return TCXD_OK;
    }
    if (open)
        store_rollback(c->st);
    io_report_release(&rep);
    *e = ie;
    return rc;
}

enum tcxd_err api_export_members(struct http_ctx *c, struct tcxd_error *e)
{
    struct io_export_opts o;
    memset(&o, 0, sizeof(o));
    o.what = IO_MEMBERS;
    o.format = IO_FORMAT_CSV;
    o.as_of = c->q[X_AS_OF].present ? c->q[X_AS_OF].d : c->tree->as_of;
    o.ascii = c->q[X_ASCII].present && c->q[X_ASCII].b;
    enum tcxd_err rc;
    if (c->q[X_FORMAT].present && (rc = io_format_parse(c->q[X_FORMAT].s, &o.format, e)))
        return rc;
    if (o.format == IO_FORMAT_AUTO)
        o.format = IO_FORMAT_CSV;
    int64_t id = c->q[X_ORG].present ? c->q[X_ORG].i : c->sess.scope_org_id;
    struct org_info org;
    if ((rc = http_org_get(c, id, o.as_of, "org", &org, e)))
        return rc;
    o.org_id = org.id;
    struct buf out = BUF_INIT;
    if (!(rc = io_export(c->st, &o, &out, NULL, e))) {
        char name[96], d[DATE_ISO_LEN];
        date_format_iso(o.as_of, d);
        bool xlsx = o.format == IO_FORMAT_XLSX;
        snprintf(name, sizeof(name), "dang-vien-%s-%s.%s", org.code, d, xlsx ? "xlsx" : "csv");
        http_file(c, xlsx ? XLSX_MIME : "text/csv; charset=utf-8", name, out.ptr, out.len);
    }
    buf_release(&out);
    return rc;
}
