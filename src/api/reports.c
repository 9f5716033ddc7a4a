/*
 * reports.c - the structure report of an organization in the caller's scope: JSON, CSV, XLSX.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "report/structure.h"

enum { Q_ORG, Q_AS_OF, Q_COMPARE, Q_TOP };
const struct http_field api_report_query[] = {
    {"org", HF_ID, 0, 0, 0, "organization (default: the account's scope)"},
    {"as_of", HF_DATE, 0, 0, 0, "report date (default today)"},
    {"compare", HF_DATE, 0, 0, 0, "second date to compare with"},
    {"top", HF_INT, 0, 1, 100, "rows kept for ethnicity, religion, education (default 5)"},
    {NULL, 0, 0, 0, 0, NULL},
};

static enum tcxd_err build(struct http_ctx *c, struct report_structure **r, struct tcxd_error *e)
{
    struct report_structure_opts o;
    report_structure_opts_init(&o, c->q[Q_AS_OF].present ? c->q[Q_AS_OF].d : c->tree->as_of);
    o.compare = c->q[Q_COMPARE].present ? c->q[Q_COMPARE].d : DATE_NONE;
    o.breakdowns = true;
    o.top = c->q[Q_TOP].present ? (int)c->q[Q_TOP].i : 0;
    int64_t id = c->q[Q_ORG].present ? c->q[Q_ORG].i : c->sess.scope_org_id;
    struct org_info org;
    enum tcxd_err rc = http_org_get(c, id, o.as_of, "org", &org, e);
    if (rc)
        return rc;
    /* the comparison counts the subtree of its own date: the organization must be in the
       scope then too */
    if (o.compare != DATE_NONE &&
        (rc = store_scope_check_org(c->st, org.id, o.compare, "compare", e)))
        return rc;
    return report_structure_build(c->st, org.id, &o, r, e);
}

enum tcxd_err api_report_structure(struct http_ctx *c, struct tcxd_error *e)
{
    struct report_structure *r;
    enum tcxd_err rc = build(c, &r, e);
    if (rc)
        return rc;
    http_json(c, 200, report_structure_json(r));
    report_structure_free(r);
    return TCXD_OK;
}

static enum tcxd_err file(struct http_ctx *c, enum report_format f, struct tcxd_error *e)
{
    struct report_structure *r;
    enum tcxd_err rc = build(c, &r, e);
    if (rc)
        return rc;
    struct buf out = BUF_INIT;
    if (!(rc = report_structure_to_buf(r, f, &out, e))) {
        char name[96], d[DATE_ISO_LEN];
        date_format_iso(r->as_of, d);
        snprintf(name, sizeof(name), "bao-cao-co-cau-%s-%s.%s", r->org.code, d,
                 report_format_name(f));
        http_file(c, report_format_mime(f), name, out.ptr, out.len);
    }
    buf_release(&out);
    report_structure_free(r);
    return rc;
}

enum tcxd_err api_report_structure_csv(struct http_ctx *c, struct tcxd_error *e)
{
    return file(c, REPORT_FMT_CSV, e);
}

enum tcxd_err api_report_structure_xlsx(struct http_ctx *c, struct tcxd_error *e)
{
    return file(c, REPORT_FMT_XLSX, e);
}
