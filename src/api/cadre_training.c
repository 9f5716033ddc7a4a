/*
 * cadre_training.c - training classes over HTTP (issue 15, form 10-BTCTW): the classes of a
 * subtree, a class with the cadres enrolled, a new class, an enrolment, its result. The rules
 * are core/training.h, the records store/store_training.h: the store checks the scope on the
 * class's opening organization on the class's first day and writes the one audit record. The
 * list of classes is the registry (every role); a class with its cadres is a cadre file (staff).
 * The JSON shapes are those of `tcxd --json cadre classes / class-show` (store_cadre_json.h).
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "store/store_cadre_json.h"
#include "store/store_training.h"

enum { CQ_ORG, CQ_YEAR };
const struct http_field api_cadre_classes_query[] = {
    {"org", HF_ID, 0, 0, 0, "the opening organizations' subtree (default: the account's scope)"},
    {"year", HF_INT, 0, 1900, 9999, "classes begun in this year (default: every year)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { KA_ORG, KA_NAME, KA_PROGRAMME, KA_MODE, KA_OPENER, KA_FROM, KA_TO, KA_DECISION, KA_INST };
const struct http_field api_cadre_class_body[] = {
    {"org_id", HF_ID, HF_REQUIRED, 0, 0, "the opening committee's organization"},
    {"name", HF_STRING, HF_REQUIRED, 0, 200, "\"Lớp Trung cấp LLCT K45\""},
    {"programme", HF_STRING, HF_REQUIRED, 0, 20, "form 10's programme: dai_hoc ... bd_qpan"},
    {"mode", HF_STRING, 0, 0, 16, "domestic, foreign, joint, full_time, part_time, dt1..dt4"},
    {"opener", HF_STRING, HF_REQUIRED, 0, 16, "tinh, huyen (form 10's columns 10, 11) or khac"},
    {"from", HF_DATE, HF_REQUIRED, 0, 0, "the class's first day"},
    {"to", HF_DATE, HF_REQUIRED, 0, 0, "the class's last day"},
    {"decision_no", HF_STRING, 0, 0, 100, "the decision opening it"},
    {"institution", HF_STRING, 0, 0, 200, "where it is taught"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { EN_CADRE, EN_DATE };
const struct http_field api_cadre_enrol_body[] = {
    {"cadre_id", HF_ID, HF_REQUIRED, 0, 0, "the cadre"},
    {"date", HF_DATE, 0, 0, 0, "the day enrolled (default: the class's first day)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { ER_RESULT, ER_GRADE };
const struct http_field api_cadre_enrol_result_body[] = {
    {"result", HF_STRING, HF_REQUIRED, 0, 16, "studying, completed or not_completed"},
    {"grade", HF_STRING, 0, 0, 100, "the result as written (\"Khá\")"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* A parse error names the request's field. */
static enum tcxd_err named(enum tcxd_err rc, const char *field, struct tcxd_error *e)
{
    if (rc && e)
        snprintf(e->field, sizeof(e->field), "%s", field);
    return rc;
}

static void created(struct http_ctx *c, int64_t id)
{
    http_json(c, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

struct classes_out {
    struct http_ctx *c;
    json_t *a;
};

static json_t *with_org(struct http_ctx *c, json_t *j, int64_t org_id)
{
    struct org_info o;
    if (http_org_today(c, org_id, &o))
        json_object_set_new(j, "org", api_org_ref(o.id, o.name));
    return j;
}

static void class_row(void *ctx, const struct training_class_info *k)
{
    struct classes_out *x = ctx;
    json_array_append_new(x->a, with_org(x->c, training_class_json(k), k->org_id));
}

enum tcxd_err api_cadre_classes(struct http_ctx *c, struct tcxd_error *e)
{
    struct classes_out x = {c, json_array()};
    enum tcxd_err rc = store_training_class_list(
        c->st, c->q[CQ_ORG].present ? c->q[CQ_ORG].i : c->sess.scope_org_id,
        c->q[CQ_YEAR].present ? (int)c->q[CQ_YEAR].i : 0, class_row, &x, e);
    if (rc) {
        json_decref(x.a);
        return rc;
    }
    http_json(c, 200, json_pack("{s:o}", "classes", x.a));
    return TCXD_OK;
}

enum tcxd_err api_cadre_class_add(struct http_ctx *c, struct tcxd_error *e)
{
    struct training_class_req r = {
        .org_id = c->in[KA_ORG].i,
        .name = c->in[KA_NAME].s,
        .decision_no = c->in[KA_DECISION].present ? c->in[KA_DECISION].s : NULL,
        .institution = c->in[KA_INST].present ? c->in[KA_INST].s : NULL,
        .c = {.mode = TMODE_NONE, .from = c->in[KA_FROM].d, .to = c->in[KA_TO].d},
    };
    int64_t id;
    enum tcxd_err rc;
    if ((rc = named(training_programme_parse(c->in[KA_PROGRAMME].s, &r.c.programme, e), "programme",
                    e)) ||
        (c->in[KA_MODE].present &&
         (rc = named(training_mode_parse(c->in[KA_MODE].s, &r.c.mode, e), "mode", e))) ||
        (rc = named(class_opener_parse(c->in[KA_OPENER].s, &r.c.opener, e), "opener", e)) ||
        (rc = store_training_class_add(c->st, &c->actor, &r, &id, e)))
        return rc;
    created(c, id);
    return TCXD_OK;
}

static void enrol_row(void *ctx, const struct training_enrol_info *n)
{
    json_array_append_new(ctx, training_enrol_json(n));
}

enum tcxd_err api_cadre_class_show(struct http_ctx *c, struct tcxd_error *e)
{
    struct training_class_info k;
    enum tcxd_err rc = store_training_class_get(c->st, c->ids[0], &k, e);
    if (rc)
        return rc;
    json_t *a = json_array();
    if ((rc = store_training_enrolments(c->st, k.id, enrol_row, a, e))) {
        json_decref(a);
        return rc;
    }
    json_t *j = with_org(c, training_class_json(&k), k.org_id);
    json_object_set_new(j, "enrolments", a);
    http_json(c, 200, j);
    return TCXD_OK;
}

enum tcxd_err api_cadre_enrol(struct http_ctx *c, struct tcxd_error *e)
{
    int64_t id;
    enum tcxd_err rc =
        store_training_enrol(c->st, &c->actor, c->ids[0], c->in[EN_CADRE].i,
                             c->in[EN_DATE].present ? c->in[EN_DATE].d : DATE_NONE, &id, e);
    if (rc)
        return rc;
    created(c, id);
    return TCXD_OK;
}

enum tcxd_err api_cadre_enrol_result(struct http_ctx *c, struct tcxd_error *e)
{
    enum enrol_result r;
    enum tcxd_err rc;
    if ((rc = named(enrol_result_parse(c->in[ER_RESULT].s, &r, e), "result", e)) ||
        (rc = store_training_result(c->st, &c->actor, c->ids[0], r,
                                    c->in[ER_GRADE].present ? c->in[ER_GRADE].s : NULL, e)))
        return rc;
    created(c, c->ids[0]);
    return TCXD_OK;
}
