/*
 * restructure.c - restructuring plans and organization flows over HTTP (admin, within the
 * caller's scope): POST /api/restructure/check and /api/restructure/apply take the plan file's
 * bytes (CSV or XLSX) as the body; GET /api/restructure/flows counts organization transfers.
 * The plan's run writes its own audit records (one per operation and one for the plan).
 * GET /api/restructure/merger lists a province's communes below 50 % of both standards of a
 * date (administrative-unit figures, the same for every admin: no party organization is in
 * the answer); GET /api/restructure/merger/draft drafts the plan file from that list for a
 * committee in the caller's scope (its units' party committees found by name under it).
 * POST /api/restructure/units imports those figures (the units file's bytes, CSV or XLSX, as
 * tcxd restructure units): they are the same for every admin, so only an admin whose scope is
 * a root organization (the whole tree) writes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "plan/flows.h"
#include "plan/merger.h"
#include "plan/restructure.h"

enum { R_SCOPE, R_DRY_RUN };
const struct http_field api_restructure_query[] = {
    {"scope", HF_ID, 0, 0, 0, "the subtree checked and counted (default: the account's scope)"},
    {"dry_run", HF_BOOL, 0, 0, 0, "apply: 1 to check only"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { F_ORG, F_FROM, F_TO };
const struct http_field api_restructure_flows_query[] = {
    {"org", HF_ID, 0, 0, 0, "subtree root (default: the account's scope)"},
    {"from", HF_DATE, HF_REQUIRED, 0, 0, "first day of the period"},
    {"to", HF_DATE, HF_REQUIRED, 0, 0, "last day of the period"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { M_PROVINCE, M_DATE, M_ORG };
const struct http_field api_merger_query[] = {
    {"province", HF_STRING, HF_REQUIRED, 1, 3, "province code of the units file (\"01\": Hà Nội)"},
    {"date", HF_DATE, 0, 0, 0, "the day whose standards and figures apply (default today)"},
    {NULL, 0, 0, 0, 0, NULL},
};
const struct http_field api_merger_draft_query[] = {
    {"province", HF_STRING, HF_REQUIRED, 1, 3, "province code of the units file (\"01\": Hà Nội)"},
    {"date", HF_DATE, 0, 0, 0, "the plan's date (default today)"},
    {"org", HF_ID, 0, 0, 0,
     "the committee whose subtree holds the units' committees (default: "
     "the account's scope)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { U_AS_OF, U_SOURCE };
const struct http_field api_units_query[] = {
    {"as_of", HF_DATE, 0, 0, 0, "the figures' date for rows without an as_of column"},
    {"source", HF_STRING, 0, 0, 200, "where the figures come from (rows without a source)"},
    {NULL, 0, 0, 0, 0, NULL},
};

#define XLSX_MIME "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* Every existing organization the plan names must be inside the caller's scope. */
static enum tcxd_err plan_in_scope(struct http_ctx *c, const struct restructure_plan *p,
                                   struct tcxd_error *e)
{
    for (size_t i = 0; i < p->n; i++) {
        const struct plan_row *w = &p->rows[i];
        const char *refs[3] = {w->action == PLAN_CREATE ? NULL : w->code, w->parent, w->into};
        for (int k = 0; k < 3; k++) {
            if (!refs[k] || !*refs[k])
                continue;
            struct org_info o;
            struct tcxd_error ig;
            if (store_org_by_code(c->st, refs[k], p->date - 1, &o, &ig) &&
                store_org_by_code(c->st, refs[k], p->date, &o, &ig))
                continue; /* a unit the plan creates, or unknown: the check reports it */
            if (!http_org_in_scope(c, o.id))
                return tcxd_fail(e, TCXD_ENOTFOUND, "code", "%s",
                                 http_msg(c, "kế hoạch có tổ chức ngoài phạm vi của tài khoản",
                                          "the plan names an organization outside your scope"));
        }
    }
    return TCXD_OK;
}

static enum tcxd_err run_plan(struct http_ctx *c, bool apply, struct tcxd_error *e)
{
    if (!c->req->body_len)
        return tcxd_fail(e, TCXD_EINVAL, "file", "%s",
                         http_msg(c, "tệp rỗng", "the file is empty"));
    const char *ct = c->req->content_type ? c->req->content_type : "";
    const char *name = !strncmp(ct, XLSX_MIME, strlen(XLSX_MIME)) ? "plan.xlsx" : "plan.csv";
    struct restructure_plan p;
    struct restructure_result r;
    restructure_plan_init(&p);
    restructure_result_init(&r);
    struct restructure_opts o = {apply && !(c->q[R_DRY_RUN].present && c->q[R_DRY_RUN].b),
                                 c->q[R_SCOPE].present ? c->q[R_SCOPE].i : c->sess.scope_org_id};
    enum tcxd_err rc = restructure_plan_read(c->req->body, c->req->body_len, name, &p, &r, e);
    if (!rc && c->q[R_SCOPE].present) {
        struct org_info s;
        rc = http_org_get(c, o.scope, p.date - 1, "scope", &s, e);
    }
    if (!rc)
        rc = plan_in_scope(c, &p, e);
    if (rc == TCXD_ENOTFOUND || rc == TCXD_EDB || rc == TCXD_EIO) {
        restructure_result_release(&r);
        restructure_plan_release(&p);
        return rc;
    }
    if (!rc)
        rc = restructure_run(c->st, &c->actor, &p, &o, &r, e);
    if (rc == TCXD_EDB || rc == TCXD_EINTERNAL) {
        restructure_result_release(&r);
        restructure_plan_release(&p);
        return rc;
    }
    if (r.applied)
        http_cache_invalidate();
    /* a refused plan is an answer too: 200 with ok false and every issue, nothing written */
    http_json(c, 200, restructure_result_json(&r, p.date));
    restructure_result_release(&r);
    restructure_plan_release(&p);
    return TCXD_OK;
}

enum tcxd_err api_restructure_check(struct http_ctx *c, struct tcxd_error *e)
{
    return run_plan(c, false, e);
}

enum tcxd_err api_restructure_apply(struct http_ctx *c, struct tcxd_error *e)
{
    return run_plan(c, true, e);
}

enum tcxd_err api_restructure_flows(struct http_ctx *c, struct tcxd_error *e)
{
    int64_t id = c->q[F_ORG].present ? c->q[F_ORG].i : c->sess.scope_org_id;
    struct org_info org;
    enum tcxd_err rc;
    if ((rc = http_org_get(c, id, c->q[F_TO].d, "org", &org, e)))
        return rc;
    struct org_flows f;
    if ((rc = org_flows_count(c->st, org.id, c->q[F_FROM].d, c->q[F_TO].d, &f, e)))
        return rc;
    http_json(c, 200, org_flows_json(&f));
    return TCXD_OK;
}

static tcxd_date merger_date(struct http_ctx *c)
{
    return c->q[M_DATE].present ? c->q[M_DATE].d : date_today();
}

enum tcxd_err api_restructure_merger(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date on = merger_date(c);
    struct merger_list l;
    enum tcxd_err rc = merger_analyse(c->st, c->q[M_PROVINCE].s, on, &l, e);
    if (rc)
        return rc;
    http_json(c, 200, merger_list_json(&l, c->q[M_PROVINCE].s, on));
    merger_list_release(&l);
    return TCXD_OK;
}

enum tcxd_err api_restructure_merger_draft(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date on = merger_date(c);
    int64_t id = c->q[M_ORG].present ? c->q[M_ORG].i : c->sess.scope_org_id;
    struct org_info org;
    enum tcxd_err rc;
    /* the committee on the day before the plan: the units' committees are matched under it */
    if ((rc = http_org_get(c, id, on - 1, "org", &org, e)))
        return rc;
    struct merger_list l;
    if ((rc = merger_analyse(c->st, c->q[M_PROVINCE].s, on, &l, e)))
        return rc;
    struct buf csv = BUF_INIT;
    size_t unmatched = 0;
    rc = merger_draft(c->st, &l, org.id, on, &csv, &unmatched, e);
    merger_list_release(&l);
    if (!rc) {
        char name[64];
        snprintf(name, sizeof(name), "merger-%s.csv", c->q[M_PROVINCE].s);
        http_file(c, "text/csv; charset=utf-8", name, csv.ptr, csv.len);
    }
    buf_release(&csv);
    return rc;
}

enum tcxd_err api_restructure_units(struct http_ctx *c, struct tcxd_error *e)
{
    struct org_info scope;
    if (!http_org_today(c, c->sess.scope_org_id, &scope) || scope.parent_id)
        return tcxd_fail(e, TCXD_EFORBIDDEN, "scope", "%s",
                         http_msg(c,
                                  "số liệu đơn vị hành chính dùng chung: chỉ quản trị viên có "
                                  "phạm vi là tổ chức gốc được nhập",
                                  "administrative units' figures are shared: only an admin whose "
                                  "scope is a root organization imports them"));
    if (!c->req->body_len)
        return tcxd_fail(e, TCXD_EINVAL, "file", "%s",
                         http_msg(c, "tệp rỗng", "the file is empty"));
    const char *ct = c->req->content_type ? c->req->content_type : "";
    const char *name = !strncmp(ct, XLSX_MIME, strlen(XLSX_MIME)) ? "units.xlsx" : "units.csv";
    struct admin_unit *u = NULL;
    size_t n = 0;
    enum tcxd_err rc = merger_units_read(
        c->req->body, c->req->body_len, name, c->q[U_AS_OF].present ? c->q[U_AS_OF].d : DATE_NONE,
        c->q[U_SOURCE].present ? c->q[U_SOURCE].s : NULL, &u, &n, e);
    if (!rc)
        rc = store_admin_units_put(c->st, &c->actor, u, n, e);
    free(u);
    if (rc)
        return rc;
    http_cache_invalidate();
    http_json(c, 200, json_pack("{s:I}", "units", (json_int_t)n));
    return TCXD_OK;
}
