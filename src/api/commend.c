/*
 * commend.c - commendations of party organizations (khen thưởng tổ chức đảng; store_commend.h):
 * recorded, listed and cancelled for an organization in the caller's scope.
 */
#include <stdlib.h>

#include "api/api.h"
#include "store/store_commend.h"

enum { C_FORM, C_DATE, C_DECISION_NO, C_REASON };
const struct http_field api_org_commend_body[] = {
    {"form", HF_STRING, HF_REQUIRED, 0, 16, "co, bang_khen, giay_khen"},
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "decision date"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {"reason", HF_STRING, 0, 0, 500, "what for, who awarded it"},
    {NULL, 0, 0, 0, 0, NULL},
};
const struct http_field api_org_commend_cancel_body[] = {
    {"reason", HF_STRING, HF_REQUIRED, 0, 500, "why (entered by mistake)"},
    {NULL, 0, 0, 0, 0, NULL},
};

static enum tcxd_err in_scope(struct http_ctx *c, struct tcxd_error *e)
{
    if (http_org_in_scope(c, c->ids[0]))
        return TCXD_OK;
    return tcxd_fail(e, TCXD_ENOTFOUND, "id",
                     c->en ? "no organization #%lld" : "không có tổ chức #%lld",
                     (long long)c->ids[0]);
}

static void item(void *ctx, const struct org_commendation *x)
{
    char *txt = store_org_commendation_json_text(x);
    json_t *j = txt ? json_loads(txt, 0, NULL) : NULL;
    free(txt);
    if (!j)
        return;
    json_object_set_new(j, "form_label", json_string(commend_form_label(x->form)));
    json_array_append_new(ctx, j);
}

static enum tcxd_err answer(struct http_ctx *c, int status, int64_t id, struct tcxd_error *e)
{
    json_t *items = json_array();
    enum tcxd_err rc = store_org_commendations(c->st, c->ids[0], item, items, e);
    if (rc) {
        json_decref(items);
        return rc;
    }
    json_t *j = json_pack("{s:I, s:o}", "org_id", (json_int_t)c->ids[0], "items", items);
    if (id)
        json_object_set_new(j, "id", json_integer(id));
    http_json(c, status, j);
    return TCXD_OK;
}

enum tcxd_err api_org_commend(struct http_ctx *c, struct tcxd_error *e)
{
    enum commend_form form;
    int64_t id = 0;
    enum tcxd_err rc;
    if ((rc = in_scope(c, e)) || (rc = commend_form_parse(c->in[C_FORM].s, &form, e)) ||
        (rc = store_org_commend(c->st, &c->actor, c->ids[0], c->in[C_DATE].d, form,
                                c->in[C_DECISION_NO].present ? c->in[C_DECISION_NO].s : NULL,
                                c->in[C_REASON].present ? c->in[C_REASON].s : NULL, &id, e)))
        return rc;
    return answer(c, 201, id, e);
}

enum tcxd_err api_org_commendations(struct http_ctx *c, struct tcxd_error *e)
{
    enum tcxd_err rc = in_scope(c, e);
    return rc ? rc : answer(c, 200, 0, e);
}

enum tcxd_err api_org_commend_cancel(struct http_ctx *c, struct tcxd_error *e)
{
    enum tcxd_err rc;
    if ((rc = in_scope(c, e)) ||
        (rc = store_org_commend_cancel(c->st, &c->actor, c->ids[0], c->ids[1], c->in[0].s, e)))
        return rc;
    return answer(c, 200, 0, e);
}
