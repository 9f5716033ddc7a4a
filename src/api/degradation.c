/*
 * degradation.c - the degradation self-check over HTTP (issue 16): the 27 manifestations and
 * the 5 levels, a member's self-check of a year (recorded by staff of the member's chi bộ, read
 * while the member is visible) and the year's tally over a subtree, by organization.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "store/store_degradation.h"
#include "util/xmalloc.h"

enum { DR_MEMBER, DR_YEAR, DR_LEVELS, DR_CONCLUDED, DR_DATE };
const struct http_field api_degradation_record_body[] = {
    {"member_id", HF_ID, HF_REQUIRED, 0, 0, "the member"},
    {"year", HF_INT, HF_REQUIRED, 1930, 9998, "the year assessed"},
    {"levels", HF_STRING, HF_REQUIRED, 0, 400,
     "every manifestation's level, \"1.1=0; 1.2=2; ...; 3.9=0\" (0 none .. 4 severe)"},
    {"concluded", HF_BOOL, 0, 0, 0, "the chi bộ concluded the member shows degradation"},
    {"date", HF_DATE, 0, 0, 0, "the day recorded (default today)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { DQ_YEAR };
const struct http_field api_degradation_show_query[] = {
    {"year", HF_INT, HF_REQUIRED, 1930, 9998, "the year"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { DT_ORG, DT_YEAR };
const struct http_field api_degradation_report_query[] = {
    {"org", HF_ID, 0, 0, 0, "subtree root (default: the account's scope)"},
    {"year", HF_INT, HF_REQUIRED, 1930, 9998, "the year"},
    {NULL, 0, 0, 0, 0, NULL},
};

static json_t *levels_json(void)
{
    json_t *a = json_array();
    for (int l = 0; l < DEGR_LEVEL__MAX; l++)
        json_array_append_new(a,
                              json_pack("{s:i, s:s, s:s}", "level", l, "name",
                                        degradation_level_name((enum degradation_level)l), "label",
                                        degradation_level_label((enum degradation_level)l)));
    return a;
}

enum tcxd_err api_degradation_items(struct http_ctx *c, struct tcxd_error *e)
{
    (void)e;
    json_t *items = json_array();
    for (unsigned i = 0; i < DEGR_ITEMS; i++) {
        const struct degradation_item *it = degradation_item(i);
        json_array_append_new(items,
                              json_pack("{s:s, s:i, s:s, s:s}", "code", it->code, "group",
                                        (int)it->group + 1, "group_label",
                                        degradation_group_label(it->group), "label", it->label));
    }
    http_json(c, 200, json_pack("{s:o, s:o}", "items", items, "levels", levels_json()));
    return TCXD_OK;
}

static json_t *check_json(const struct degradation_check *d)
{
    json_t *items = json_array();
    for (unsigned i = 0; i < DEGR_ITEMS; i++)
        json_array_append_new(items, json_pack("{s:s, s:i}", "code", degradation_item(i)->code,
                                               "level", d->levels[i]));
    enum degradation_level o = degradation_overall(d->levels);
    return json_pack("{s:I, s:i, s:I, s:o, s:s, s:s, s:b, s:o}", "member_id",
                     (json_int_t)d->member_id, "year", d->year, "org_id", (json_int_t)d->org_id,
                     "items", items, "overall", degradation_level_name(o), "overall_label",
                     degradation_level_label(o), "concluded", d->concluded, "recorded_on",
                     http_json_date(d->recorded_on));
}

enum tcxd_err api_degradation_record(struct http_ctx *c, struct tcxd_error *e)
{
    uint8_t levels[DEGR_ITEMS];
    int64_t m = c->in[DR_MEMBER].i;
    int year = (int)c->in[DR_YEAR].i;
    enum tcxd_err rc = degradation_parse(c->in[DR_LEVELS].s, levels, e);
    if (rc)
        return rc;
    struct member_info mi;
    if (store_member_get(c->st, m, &mi, NULL) || !http_org_in_scope(c, mi.org_id))
        return api_member_not_found(c, m, e);
    struct degradation_check d;
    if ((rc = store_degradation_record(c->st, &c->actor, m, year, levels,
                                       c->in[DR_CONCLUDED].present && c->in[DR_CONCLUDED].b,
                                       c->in[DR_DATE].present ? c->in[DR_DATE].d : date_today(),
                                       date_today(), e)) ||
        (rc = store_degradation_get(c->st, m, year, &d, e)))
        return rc;
    http_json(c, 201, check_json(&d));
    return TCXD_OK;
}

enum tcxd_err api_degradation_show(struct http_ctx *c, struct tcxd_error *e)
{
    struct degradation_check d;
    struct member_info mi;
    if (store_member_get(c->st, c->ids[0], &mi, NULL) || !http_org_in_scope(c, mi.org_id))
        return api_member_not_found(c, c->ids[0], e);
    enum tcxd_err rc = store_degradation_get(c->st, c->ids[0], (int)c->q[DQ_YEAR].i, &d, e);
    if (rc)
        return rc;
    http_json(c, 200, check_json(&d));
    return TCXD_OK;
}

static json_t *tally_json(const struct degradation_tally *t)
{
    json_t *by = json_object();
    for (int l = 0; l < DEGR_LEVEL__MAX; l++)
        json_object_set_new(by, degradation_level_name((enum degradation_level)l),
                            json_integer(t->by_overall[l]));
    return json_pack("{s:I, s:o, s:I}", "members", (json_int_t)t->members, "by_level", by,
                     "concluded", (json_int_t)t->concluded);
}

struct org_ctx {
    struct http_ctx *c;
    const struct org_tree *t;
    json_t *rows;
};

static void org_row(void *ctx, int64_t org_id, const struct degradation_tally *tally)
{
    struct org_ctx *x = ctx;
    uint32_t n = org_tree_find(x->t, org_id);
    json_t *j = tally_json(tally);
    json_object_set_new(j, "org", api_org_ref(org_id, n != TREE_NONE ? x->t->nodes[n].name : ""));
    json_array_append_new(x->rows, j);
}

enum tcxd_err api_degradation_report(struct http_ctx *c, struct tcxd_error *e)
{
    int year = (int)c->q[DT_YEAR].i;
    int64_t root_id = c->q[DT_ORG].present ? c->q[DT_ORG].i : c->sess.scope_org_id;
    tcxd_date end = date_from_ymd(year, 12, 31), today = date_today();
    tcxd_date on = end < today ? end : today;
    struct org_info o;
    struct org_tree own;
    const struct org_tree *t;
    enum tcxd_err rc;
    if ((rc = http_org_get(c, root_id, on, "org", &o, e)) || (rc = http_tree(c, on, &own, &t, e)))
        return rc;
    uint32_t root = org_tree_find(t, root_id);
    struct degradation_tally *total = xcalloc(1, sizeof(*total));
    struct org_ctx x = {c, t, json_array()};
    if (root != TREE_NONE)
        rc = store_degradation_tally(c->st, t, root, year, total, org_row, &x, e);
    if (t == &own)
        org_tree_release(&own);
    if (rc) {
        free(total);
        json_decref(x.rows);
        return rc;
    }
    json_t *items = json_array();
    for (unsigned i = 0; i < DEGR_ITEMS; i++) {
        json_t *lv = json_array();
        for (int l = 0; l < DEGR_LEVEL__MAX; l++)
            json_array_append_new(lv, json_integer(total->by_item[i][l]));
        json_array_append_new(
            items, json_pack("{s:s, s:o}", "code", degradation_item(i)->code, "by_level", lv));
    }
    struct buf b = BUF_INIT;
    degradation_sentence(total, &b);
    json_t *j = tally_json(total);
    json_object_set_new(j, "org_id", json_integer(root_id));
    json_object_set_new(j, "year", json_integer(year));
    json_object_set_new(j, "items", items);
    json_object_set_new(j, "orgs", x.rows);
    json_object_set_new(j, "sentence", json_string(b.ptr));
    buf_release(&b);
    free(total);
    http_json(c, 200, j);
    return TCXD_OK;
}
