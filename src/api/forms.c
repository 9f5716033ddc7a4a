/*
 * forms.c - the statistics pack over the API: the list of forms, a form filled for an
 * organization in the caller's scope and a period (JSON, CSV, XLSX), and the period flows.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "report/forms.h"

const struct http_field api_forms_list_query[] = {
    {NULL, 0, 0, 0, 0, NULL},
};

enum { Q_FORM, Q_ORG, Q_PERIOD, Q_CHILDREN };
const struct http_field api_form_query[] = {
    {"form", HF_STRING, HF_REQUIRED, 0, 16, "form: 1, 2, 2b, 3, 3b, 5, 6, 7 (or 1-BTCTW ...)"},
    {"org", HF_ID, 0, 0, 0, "organization (default: the account's scope)"},
    {"period", HF_STRING, HF_REQUIRED, 0, 32, "2021, 2021-h1, 2021-q2 or FROM..TO"},
    {"children", HF_BOOL, 0, 0, 0, "1: also check that the direct children add up"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { QF_ORG, QF_PERIOD };
const struct http_field api_form_flows_query[] = {
    {"org", HF_ID, 0, 0, 0, "organization (default: the account's scope)"},
    {"period", HF_STRING, HF_REQUIRED, 0, 32, "2021, 2021-h1, 2021-q2 or FROM..TO"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum tcxd_err api_forms_list(struct http_ctx *c, struct tcxd_error *e)
{
    (void)e;
    http_json(c, 200, json_pack("{s:o}", "forms", form_defs_json()));
    return TCXD_OK;
}

static enum tcxd_err fill(struct http_ctx *c, struct form_result **r, struct tcxd_error *e)
{
    struct form_period p;
    enum tcxd_err rc = form_period_parse(c->q[Q_PERIOD].s, &p, e);
    if (rc)
        return rc;
    const struct form_def *def;
    if ((rc = form_def_find(c->q[Q_FORM].s, p.to, &def, e)))
        return rc;
    int64_t id = c->q[Q_ORG].present ? c->q[Q_ORG].i : c->sess.scope_org_id;
    struct org_info org;
    if ((rc = http_org_get(c, id, p.to, "org", &org, e)))
        return rc;
    struct form_opts o = {.children_check = c->q[Q_CHILDREN].present && c->q[Q_CHILDREN].b};
    return form_fill(c->st, def, org.id, &p, &o, r, e);
}

enum tcxd_err api_form_fill(struct http_ctx *c, struct tcxd_error *e)
{
    struct form_result *r;
    enum tcxd_err rc = fill(c, &r, e);
    if (rc)
        return rc;
    http_json(c, 200, form_json(r));
    form_result_free(r);
    return TCXD_OK;
}

static enum tcxd_err file(struct http_ctx *c, enum form_format f, const char *ext,
                          struct tcxd_error *e)
{
    struct form_result *r;
    enum tcxd_err rc = fill(c, &r, e);
    if (rc)
        return rc;
    struct buf out = BUF_INIT;
    if (!(rc = form_to_buf(r, f, &out, e))) {
        char name[128];
        snprintf(name, sizeof(name), "bieu-%s-%s-%s.%s", r->def->number, r->org.code, r->period.key,
                 ext);
        for (char *s = name; *s; s++)
            if (*s == '.' && strchr(s + 1, '.'))
                *s = '_';
        http_file(c, form_format_mime(f), name, out.ptr, out.len);
    }
    buf_release(&out);
    form_result_free(r);
    return rc;
}

enum tcxd_err api_form_fill_csv(struct http_ctx *c, struct tcxd_error *e)
{
    return file(c, FORM_FMT_CSV, "csv", e);
}

enum tcxd_err api_form_fill_xlsx(struct http_ctx *c, struct tcxd_error *e)
{
    return file(c, FORM_FMT_XLSX, "xlsx", e);
}

enum tcxd_err api_form_fill_pdf(struct http_ctx *c, struct tcxd_error *e)
{
    return file(c, FORM_FMT_PDF, "pdf", e);
}

enum tcxd_err api_form_flows(struct http_ctx *c, struct tcxd_error *e)
{
    struct form_period p;
    enum tcxd_err rc = form_period_parse(c->q[QF_PERIOD].s, &p, e);
    if (rc)
        return rc;
    int64_t id = c->q[QF_ORG].present ? c->q[QF_ORG].i : c->sess.scope_org_id;
    struct org_info org;
    if ((rc = http_org_get(c, id, p.to, "org", &org, e)))
        return rc;
    struct form_flow_counts fc;
    struct buf s = BUF_INIT;
    if ((rc = form_flows(c->st, org.id, &p, &fc, &s, e))) {
        buf_release(&s);
        return rc;
    }
    json_t *now = json_object(), *prev = json_object();
    for (int k = 0; k < FLOW__MAX; k++) {
        json_object_set_new(now, facts_flow_kind_name((enum facts_flow_kind)k),
                            json_integer(fc.n[k]));
        json_object_set_new(prev, facts_flow_kind_name((enum facts_flow_kind)k),
                            json_integer(fc.prev[k]));
    }
    json_t *orgs = json_object();
    for (int k = 0; k < ORGCH__MAX; k++)
        json_object_set_new(orgs, facts_org_change_name((enum facts_org_change_kind)k),
                            json_pack("{s:I, s:I}", "all", (json_int_t)fc.orgs[k], "base",
                                      (json_int_t)fc.base_orgs[k]));
    struct form_period q;
    form_period_prev_year(&p, &q);
    http_json(c, 200,
              json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s}", "org", (json_int_t)org.id,
                        "code", org.code, "period", p.key, "label", p.label, "previous", q.key,
                        "counts", now, "previous_counts", prev, "organizations", orgs, "sentence",
                        s.ptr));
    buf_release(&s);
    return TCXD_OK;
}
