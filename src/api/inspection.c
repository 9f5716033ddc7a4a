/*
 * inspection.c - inspections and supervision, party discipline and appeals, and the period
 * report over HTTP (issue 16). An inspection belongs to the organization whose body does it, a
 * discipline decision to its subject (a member, visible while the member is; an organization):
 * the store's scope refuses what lies outside (404 as if it did not exist) and every write is
 * one store mutation with its audit record. JSON shapes are those of `tcxd --json inspect|
 * discipline` (api_inspection_json, api_discipline_json: the CLI prints the same).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "report/inspection_report.h"
#include "store/store_inspection.h"
#include "store/store_scope.h"
#include "util/xmalloc.h"

/* ---- input declarations ---- */

enum { IL_ORG, IL_FROM, IL_TO };
const struct http_field api_inspection_period_query[] = {
    {"org", HF_ID, 0, 0, 0, "subtree root (default: the account's scope)"},
    {"from", HF_DATE, HF_REQUIRED, 0, 0, "first day of the period"},
    {"to", HF_DATE, HF_REQUIRED, 0, 0, "last day of the period"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum {
    IA_KIND,
    IA_BODY,
    IA_BODY_ORG,
    IA_START,
    IA_END,
    IA_AREAS,
    IA_TEAM,
    IA_ORGS,
    IA_MEMBERS,
    IA_TEAM_MEMBERS,
    IA_DECISION,
    IA_PLAN_ITEM
};
const struct http_field api_inspection_add_body[] = {
    {"kind", HF_STRING, HF_REQUIRED, 0, 40,
     "kt_thuong_xuyen, kt_dau_hieu, kt_chuyen_de, kt_thi_hanh_ky_luat, gs_thuong_xuyen or "
     "gs_chuyen_de"},
    {"body", HF_STRING, HF_REQUIRED, 0, 40, "cap_uy, ban_thuong_vu, ubkt, chi_bo or doan"},
    {"body_org_id", HF_ID, HF_REQUIRED, 0, 0, "the organization whose body does it"},
    {"start", HF_DATE, HF_REQUIRED, 0, 0, "start"},
    {"end", HF_DATE, 0, 0, 0, "end (not before the start)"},
    {"areas", HF_STRING, 0, 0, 400,
     "content areas, commas: nghi_quyet, quy_che, tap_trung_dan_chu, can_bo, tham_nhung, "
     "tai_chinh, tai_san, dao_duc, khac"},
    {"team", HF_STRING, 0, 0, INSPECTION_TEAM_MAX, "the team's name (đoàn kiểm tra; body doan)"},
    {"orgs", HF_STRING, 0, 0, 20000, "subject organizations: ids separated by commas"},
    {"members", HF_STRING, 0, 0, 20000, "subject members: ids separated by commas"},
    {"team_members", HF_STRING, 0, 0, 20000,
     "the team's members, one per line or separated by ';': \"Name|role\" or \"Name\""},
    {"decision_no", HF_STRING, 0, 0, INSPECTION_DOC_MAX, "decision number"},
    {"plan_item_id", HF_ID, 0, 0, 0,
     "the item of the year's plan it carries out (same body's organization, kind and year)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { PA_BODY_ORG, PA_YEAR, PA_KIND, PA_BODY, PA_AREAS, PA_ORGS, PA_MEMBERS, PA_MONTH, PA_TITLE };
const struct http_field api_inspection_plan_add_body[] = {
    {"body_org_id", HF_ID, HF_REQUIRED, 0, 0, "the organization whose body plans it"},
    {"year", HF_INT, HF_REQUIRED, 1930, 9998, "the plan's year"},
    {"kind", HF_STRING, HF_REQUIRED, 0, 40,
     "kt_thuong_xuyen, kt_dau_hieu, kt_chuyen_de, kt_thi_hanh_ky_luat or gs_chuyen_de (a "
     "planned supervision is chuyên đề)"},
    {"body", HF_STRING, HF_REQUIRED, 0, 40, "cap_uy, ban_thuong_vu, ubkt, chi_bo or doan"},
    {"areas", HF_STRING, 0, 0, 400, "content areas, commas (as for an inspection)"},
    {"planned_orgs", HF_INT, 0, 0, INSPECTION_PLAN_PLANNED_MAX, "organizations planned"},
    {"planned_members", HF_INT, 0, 0, INSPECTION_PLAN_PLANNED_MAX, "members planned"},
    {"month", HF_INT, 0, 0, 12, "the month planned (0 or absent: in the year)"},
    {"title", HF_STRING, 0, 0, INSPECTION_PLAN_TITLE_MAX, "what the item is about"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { PQ_ORG, PQ_YEAR };
const struct http_field api_inspection_plan_query[] = {
    {"org", HF_ID, 0, 0, 0, "subtree root (default: the account's scope)"},
    {"year", HF_INT, HF_REQUIRED, 1930, 9998, "the plan's year"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { IC_CONCLUSION, IC_DATE, IC_FINDINGS, IC_FOLLOW_UP };
const struct http_field api_inspection_conclude_body[] = {
    {"conclusion", HF_STRING, HF_REQUIRED, 0, 40, "no_violation, violation or discipline_due"},
    {"concluded_on", HF_DATE, 0, 0, 0,
     "date of the conclusion (default today; not before the start)"},
    {"findings", HF_STRING, 0, 0, INSPECTION_TEXT_MAX, "findings"},
    {"follow_up", HF_STRING, 0, 0, INSPECTION_TEXT_MAX, "follow-up required"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum {
    DA_FORM,
    DA_MEMBER,
    DA_ORG,
    DA_DECISION_DATE,
    DA_VIOLATION_DATE,
    DA_ANNOUNCED,
    DA_DECIDING_ORG,
    DA_DECISION_NO,
    DA_REASON,
    DA_INSPECTION
};
const struct http_field api_discipline_add_body[] = {
    {"form", HF_STRING, HF_REQUIRED, 0, 40,
     "khien_trach, canh_cao, cach_chuc, khai_tru (members; probationary: the first two), "
     "giai_tan (organizations)"},
    {"member_id", HF_ID, 0, 0, 0, "the disciplined member (or org_id)"},
    {"org_id", HF_ID, 0, 0, 0, "the disciplined organization (or member_id)"},
    {"decision_date", HF_DATE, HF_REQUIRED, 0, 0, "decision date"},
    {"violation_date", HF_DATE, 0, 0, 0, "date of the violation (limitation counts from it)"},
    {"announced_on", HF_DATE, 0, 0, 0, "announcement (default the decision date)"},
    {"deciding_org_id", HF_ID, 0, 0, 0, "the organization whose body decided"},
    {"decision_no", HF_STRING, 0, 0, INSPECTION_DOC_MAX, "decision number"},
    {"reason", HF_STRING, 0, 0, INSPECTION_TEXT_MAX, "reason"},
    {"inspection_id", HF_ID, 0, 0, 0, "the inspection it follows"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { AP_LODGED, AP_RESULT, AP_FORM, AP_DECIDED, AP_DECISION_NO };
const struct http_field api_discipline_appeal_body[] = {
    {"lodged_on", HF_DATE, HF_REQUIRED, 0, 0, "the day the appeal was lodged"},
    {"result", HF_STRING, 0, 0, 40, "pending (default), kept, changed (with form) or annulled"},
    {"form", HF_STRING, 0, 0, 40, "the new form when changed"},
    {"decided_on", HF_DATE, 0, 0, 0, "the day of the result"},
    {"decision_no", HF_STRING, 0, 0, INSPECTION_DOC_MAX, "decision number"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* ---- JSON shapes (shared with the CLI) ---- */

json_t *api_inspection_json(const struct inspection_info *i)
{
    json_t *areas = json_array();
    for (int a = 0; a < INSP_AREA__MAX; a++)
        if (i->areas & (1u << a))
            json_array_append_new(areas,
                                  json_string(inspection_area_name((enum inspection_area)a)));
    json_t *j = json_pack(
        "{s:I, s:s, s:s, s:b, s:s, s:s, s:I, s:s, s:o, s:o, s:o, s:o, s:s, s:s, s:s, s:s, s:I, "
        "s:I}",
        "id", (json_int_t)i->id, "kind", inspection_kind_name(i->kind), "kind_label",
        inspection_kind_label(i->kind), "supervision", inspection_is_supervision(i->kind), "body",
        inspection_body_name(i->body), "body_label", inspection_body_label(i->body), "body_org_id",
        (json_int_t)i->body_org_id, "team", i->team, "areas", areas, "start",
        http_json_date(i->start), "end", http_json_date(i->end), "concluded_on",
        http_json_date(i->concluded_on), "conclusion", inspection_conclusion_name(i->conclusion),
        "conclusion_label", inspection_conclusion_label(i->conclusion), "findings", i->findings,
        "follow_up", i->follow_up, "orgs", (json_int_t)i->norgs, "members",
        (json_int_t)i->nmembers);
    json_object_set_new(j, "decision_no", json_string(i->decision_no));
    json_object_set_new(j, "plan_item_id",
                        i->plan_item_id ? json_integer(i->plan_item_id) : json_null());
    return j;
}

json_t *api_plan_item_json(const struct inspection_plan_item *p)
{
    json_t *areas = json_array();
    for (int a = 0; a < INSP_AREA__MAX; a++)
        if (p->areas & (1u << a))
            json_array_append_new(areas,
                                  json_string(inspection_area_name((enum inspection_area)a)));
    return json_pack("{s:I, s:I, s:i, s:i, s:s, s:s, s:b, s:s, s:s, s:o, s:I, s:I, s:s, s:I}", "id",
                     (json_int_t)p->id, "body_org_id", (json_int_t)p->body_org_id, "year", p->year,
                     "month", p->month, "kind", inspection_kind_name(p->kind), "kind_label",
                     inspection_kind_label(p->kind), "supervision",
                     inspection_is_supervision(p->kind), "body", inspection_body_name(p->body),
                     "body_label", inspection_body_label(p->body), "areas", areas, "planned_orgs",
                     (json_int_t)p->planned_orgs, "planned_members", (json_int_t)p->planned_members,
                     "title", p->title, "carried_out", (json_int_t)p->carried_out);
}

json_t *api_plan_progress_json(const struct inspection_plan_progress *p, int year)
{
    struct buf b = BUF_INIT;
    inspection_plan_sentence(p, year, &b);
    json_t *j = json_pack(
        "{s:i, s:{s:I, s:I}, s:{s:I, s:I}, s:{s:I, s:I}, s:{s:I, s:I}, s:s}", "year", year,
        "planned", "inspections", (json_int_t)p->planned_kt, "supervisions",
        (json_int_t)p->planned_gs, "done", "inspections", (json_int_t)p->done_kt, "supervisions",
        (json_int_t)p->done_gs, "outside", "inspections", (json_int_t)p->outside_kt, "supervisions",
        (json_int_t)p->outside_gs, "subjects", "orgs", (json_int_t)p->planned_orgs, "members",
        (json_int_t)p->planned_members, "sentence", b.ptr);
    buf_release(&b);
    return j;
}

json_t *api_discipline_json(const struct discipline_info *d)
{
    json_t *j = json_pack(
        "{s:I, s:o, s:o, s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:s}", "id",
        (json_int_t)d->id, "org_id", d->org_id ? json_integer(d->org_id) : json_null(), "member_id",
        d->member_id ? json_integer(d->member_id) : json_null(), "subject_org_id",
        (json_int_t)d->subject_org_id, "form", party_discipline_name(d->form), "current",
        party_discipline_name(d->current), "current_label", party_discipline_label(d->current),
        "violation_date", http_json_date(d->violation), "decision_date",
        http_json_date(d->decision), "announced_on", http_json_date(d->announced), "expires",
        http_json_date(d->expires), "annulled", http_json_date(d->annulled), "decision_no",
        d->decision_no, "reason", d->reason);
    json_object_set_new(j, "deciding_org_id",
                        d->deciding_org_id ? json_integer(d->deciding_org_id) : json_null());
    json_object_set_new(j, "inspection_id",
                        d->inspection_id ? json_integer(d->inspection_id) : json_null());
    return j;
}

json_t *api_inspection_counts_json(const struct inspection_counts *c)
{
    struct buf b = BUF_INIT;
    inspection_sentence(c, &b);
    json_t *by = json_object();
    for (int f = 0; f < PD__MAX; f++)
        json_object_set_new(by, party_discipline_name((enum party_discipline)f),
                            json_integer(c->by_form[f]));
    json_t *j = json_pack(
        "{s:{s:I, s:I}, s:{s:I, s:I}, s:{s:I, s:I, s:o}, s:{s:I, s:I, s:I}, s:s}", "inspected",
        "orgs", (json_int_t)c->inspected_orgs, "members", (json_int_t)c->inspected_members,
        "supervised", "orgs", (json_int_t)c->supervised_orgs, "members",
        (json_int_t)c->supervised_members, "disciplined", "orgs", (json_int_t)c->disciplined_orgs,
        "members", (json_int_t)c->disciplined_members, "by_form", by, "teams", "count",
        (json_int_t)c->teams, "orgs", (json_int_t)c->team_orgs, "members",
        (json_int_t)c->team_members, "sentence", b.ptr);
    buf_release(&b);
    json_t *areas = json_object();
    for (int a = 0; a < INSP_AREA__MAX; a++)
        json_object_set_new(areas, inspection_area_name((enum inspection_area)a),
                            json_integer(c->by_area[a]));
    json_object_set_new(j, "by_area", areas);
    return j;
}

/* ---- helpers ---- */

/* "12, 13" -> ids; a malformed list is a 400 naming the field. */
static enum tcxd_err parse_ids(struct http_ctx *c, const struct http_value *v, const char *field,
                               int64_t **out, size_t *n, struct tcxd_error *e)
{
    *out = NULL;
    *n = 0;
    if (!v->present || !*v->s)
        return TCXD_OK;
    size_t cap = 0;
    for (const char *p = v->s; *p;) {
        while (*p == ' ')
            p++;
        char *end;
        long long id = strtoll(p, &end, 10);
        while (*end == ' ')
            end++;
        if (end == p || id <= 0 || (*end && *end != ',')) {
            free(*out);
            *out = NULL;
            *n = 0;
            return tcxd_fail(e, TCXD_EINVAL, field, "%s",
                             http_msg(c, "danh sách mã không hợp lệ", "invalid list of ids"));
        }
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            *out = xrealloc(*out, cap * sizeof(**out));
        }
        (*out)[(*n)++] = id;
        p = *end ? end + 1 : end;
    }
    return TCXD_OK;
}

/* "A|tổ trưởng; B" or one per line -> pieces (copies owned by *out, freed by free_lines). */
static size_t split_lines(const char *s, char ***out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    for (const char *p = s ? s : ""; *p;) {
        size_t len = strcspn(p, ";\n");
        const char *a = p, *z = p + len;
        while (a < z && (*a == ' ' || *a == '\r'))
            a++;
        while (z > a && (z[-1] == ' ' || z[-1] == '\r'))
            z--;
        if (z > a) {
            if (n == cap) {
                cap = cap ? 2 * cap : 8;
                *out = xrealloc(*out, cap * sizeof(**out));
            }
            char *piece = xmalloc((size_t)(z - a) + 1);
            memcpy(piece, a, (size_t)(z - a));
            piece[z - a] = '\0';
            (*out)[n++] = piece;
        }
        p += len;
        if (*p)
            p++;
    }
    return n;
}

static void free_lines(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static enum tcxd_err not_found(struct http_ctx *c, const char *vi, const char *en,
                               struct tcxd_error *e)
{
    return tcxd_fail(e, TCXD_ENOTFOUND, "", "%s", http_msg(c, vi, en));
}

/* The period's subtree: the query's org (in scope) or the account's scope, on the tree of the
   period's last day. *root is TREE_NONE when the organization did not exist then. */
static enum tcxd_err period_tree(struct http_ctx *c, struct org_tree *own,
                                 const struct org_tree **t, uint32_t *root, int64_t *root_id,
                                 struct tcxd_error *e)
{
    tcxd_date from = c->q[IL_FROM].d, to = c->q[IL_TO].d;
    if (to < from)
        return tcxd_fail(
            e, TCXD_EINVAL, "to", "%s",
            http_msg(c, "ngày cuối kỳ trước ngày đầu kỳ", "the period ends before it starts"));
    *root_id = c->q[IL_ORG].present ? c->q[IL_ORG].i : c->sess.scope_org_id;
    struct org_info o;
    /* the subtree of the period's last day: in the scope on that day */
    enum tcxd_err rc = http_org_get(c, *root_id, to, "org", &o, e);
    if (rc)
        return rc;
    rc = http_tree(c, to, own, t, e);
    if (rc)
        return rc;
    *root = org_tree_find(*t, *root_id);
    return TCXD_OK;
}

static void release_tree(const struct org_tree *t, struct org_tree *own)
{
    if (t == own)
        org_tree_release(own);
}

/* ---- inspections ---- */

static void list_inspection(void *ctx, const struct inspection_info *i)
{
    json_array_append_new(ctx, api_inspection_json(i));
}

enum tcxd_err api_inspection_list(struct http_ctx *c, struct tcxd_error *e)
{
    struct org_tree own;
    const struct org_tree *t;
    uint32_t root;
    int64_t root_id;
    enum tcxd_err rc = period_tree(c, &own, &t, &root, &root_id, e);
    if (rc)
        return rc;
    json_t *items = json_array();
    if (root != TREE_NONE)
        rc = store_inspection_list(c->st, t, root, c->q[IL_FROM].d, c->q[IL_TO].d, list_inspection,
                                   items, e);
    release_tree(t, &own);
    if (rc) {
        json_decref(items);
        return rc;
    }
    http_json(c, 200, json_pack("{s:I, s:o}", "org_id", (json_int_t)root_id, "items", items));
    return TCXD_OK;
}

enum tcxd_err api_inspection_add(struct http_ctx *c, struct tcxd_error *e)
{
    struct inspection_req r = {
        .body_org_id = c->in[IA_BODY_ORG].i,
        .team = c->in[IA_TEAM].present ? c->in[IA_TEAM].s : NULL,
        .decision_no = c->in[IA_DECISION].present ? c->in[IA_DECISION].s : NULL,
        .start = c->in[IA_START].d,
        .end = c->in[IA_END].present ? c->in[IA_END].d : DATE_NONE,
        .plan_item_id = c->in[IA_PLAN_ITEM].present ? c->in[IA_PLAN_ITEM].i : 0};
    int64_t *orgs = NULL, *members = NULL, id;
    char **team = NULL;
    size_t nteam = 0;
    struct inspection_info *info = NULL;
    enum tcxd_err rc;
    if ((rc = inspection_kind_parse(c->in[IA_KIND].s, &r.kind, e)) ||
        (rc = inspection_body_parse(c->in[IA_BODY].s, &r.body, e)) ||
        (rc = inspection_areas_parse(c->in[IA_AREAS].present ? c->in[IA_AREAS].s : "", &r.areas,
                                     e)) ||
        (rc = parse_ids(c, &c->in[IA_ORGS], "orgs", &orgs, &r.norgs, e)) ||
        (rc = parse_ids(c, &c->in[IA_MEMBERS], "members", &members, &r.nmembers, e)))
        goto out;
    if (!http_org_in_scope(c, r.body_org_id)) {
        rc = tcxd_fail(e, TCXD_ENOTFOUND, "body_org_id", "%s",
                       http_msg(c, "không tìm thấy tổ chức", "no such organization"));
        goto out;
    }
    nteam = split_lines(c->in[IA_TEAM_MEMBERS].present ? c->in[IA_TEAM_MEMBERS].s : "", &team);
    r.orgs = orgs;
    r.members = members;
    r.team_members = (const char *const *)team;
    r.nteam = nteam;
    info = xmalloc(sizeof(*info));
    if ((rc = store_inspection_add(c->st, &c->actor, &r, date_today(), &id, e)) ||
        (rc = store_inspection_get(c->st, id, info, e)))
        goto out;
    http_json(c, 201, api_inspection_json(info));
out:
    free(info);
    free(orgs);
    free(members);
    free_lines(team, nteam);
    return rc;
}

/* ---- the annual plan ---- */

enum tcxd_err api_inspection_plan_add(struct http_ctx *c, struct tcxd_error *e)
{
    struct inspection_plan_req r = {.body_org_id = c->in[PA_BODY_ORG].i,
                                    .year = (int)c->in[PA_YEAR].i,
                                    .month = c->in[PA_MONTH].present ? (int)c->in[PA_MONTH].i : 0,
                                    .planned_orgs = c->in[PA_ORGS].present ? c->in[PA_ORGS].i : 0,
                                    .planned_members =
                                        c->in[PA_MEMBERS].present ? c->in[PA_MEMBERS].i : 0,
                                    .title = c->in[PA_TITLE].present ? c->in[PA_TITLE].s : NULL};
    int64_t id;
    struct inspection_plan_item item;
    enum tcxd_err rc;
    if ((rc = inspection_kind_parse(c->in[PA_KIND].s, &r.kind, e)) ||
        (rc = inspection_body_parse(c->in[PA_BODY].s, &r.body, e)) ||
        (rc =
             inspection_areas_parse(c->in[PA_AREAS].present ? c->in[PA_AREAS].s : "", &r.areas, e)))
        return rc;
    if (!http_org_in_scope(c, r.body_org_id))
        return tcxd_fail(e, TCXD_ENOTFOUND, "body_org_id", "%s",
                         http_msg(c, "không tìm thấy tổ chức", "no such organization"));
    if ((rc = store_inspection_plan_add(c->st, &c->actor, &r, date_today(), &id, e)) ||
        (rc = store_inspection_plan_item_get(c->st, id, &item, e)))
        return rc;
    http_json(c, 201, api_plan_item_json(&item));
    return TCXD_OK;
}

static void plan_row_json(void *ctx, const struct inspection_plan_item *i)
{
    json_array_append_new(ctx, api_plan_item_json(i));
}

enum tcxd_err api_inspection_plan_show(struct http_ctx *c, struct tcxd_error *e)
{
    int year = (int)c->q[PQ_YEAR].i;
    int64_t root_id = c->q[PQ_ORG].present ? c->q[PQ_ORG].i : c->sess.scope_org_id;
    tcxd_date end = date_from_ymd(year, 12, 31), today = date_today();
    tcxd_date on = end < today ? end : today;
    struct org_info o;
    struct org_tree own;
    const struct org_tree *t;
    enum tcxd_err rc;
    if ((rc = http_org_get(c, root_id, on, "org", &o, e)) || (rc = http_tree(c, on, &own, &t, e)))
        return rc;
    uint32_t root = org_tree_find(t, root_id);
    struct inspection_plan_progress p;
    memset(&p, 0, sizeof(p));
    json_t *items = json_array();
    if (root != TREE_NONE)
        rc = store_inspection_plan(c->st, t, root, year, plan_row_json, items, &p, e);
    release_tree(t, &own);
    if (rc) {
        json_decref(items);
        return rc;
    }
    json_t *j = api_plan_progress_json(&p, year);
    json_object_set_new(j, "org_id", json_integer(root_id));
    json_object_set_new(j, "items", items);
    http_json(c, 200, j);
    return TCXD_OK;
}

enum tcxd_err api_inspection_show(struct http_ctx *c, struct tcxd_error *e)
{
    struct inspection_info *i = xmalloc(sizeof(*i));
    if (store_inspection_get(c->st, c->ids[0], i, NULL)) {
        free(i);
        return not_found(c, "không tìm thấy cuộc kiểm tra, giám sát", "no such inspection", e);
    }
    http_json(c, 200, api_inspection_json(i));
    free(i);
    return TCXD_OK;
}

enum tcxd_err api_inspection_conclude(struct http_ctx *c, struct tcxd_error *e)
{
    enum inspection_conclusion k;
    struct inspection_info *i = xmalloc(sizeof(*i));
    enum tcxd_err rc;
    if (store_inspection_get(c->st, c->ids[0], i, NULL)) {
        rc = not_found(c, "không tìm thấy cuộc kiểm tra, giám sát", "no such inspection", e);
        goto out;
    }
    tcxd_date on = c->in[IC_DATE].present ? c->in[IC_DATE].d : date_today();
    if ((rc = inspection_conclusion_parse(c->in[IC_CONCLUSION].s, &k, e)) ||
        (rc = store_inspection_conclude(
             c->st, &c->actor, i->id, k, on, c->in[IC_FINDINGS].present ? c->in[IC_FINDINGS].s : "",
             c->in[IC_FOLLOW_UP].present ? c->in[IC_FOLLOW_UP].s : "", date_today(), e)) ||
        (rc = store_inspection_get(c->st, i->id, i, e)))
        goto out;
    http_json(c, 200, api_inspection_json(i));
out:
    free(i);
    return rc;
}

enum tcxd_err api_inspection_report(struct http_ctx *c, struct tcxd_error *e)
{
    struct org_tree own;
    const struct org_tree *t;
    uint32_t root;
    int64_t root_id;
    struct inspection_counts n;
    memset(&n, 0, sizeof(n));
    enum tcxd_err rc = period_tree(c, &own, &t, &root, &root_id, e);
    if (rc)
        return rc;
    if (root != TREE_NONE)
        rc = store_inspection_counts(c->st, t, root, c->q[IL_FROM].d, c->q[IL_TO].d, &n, e);
    release_tree(t, &own);
    if (rc)
        return rc;
    json_t *j = api_inspection_counts_json(&n);
    json_object_set_new(j, "org_id", json_integer(root_id));
    json_object_set_new(j, "from", http_json_date(c->q[IL_FROM].d));
    json_object_set_new(j, "to", http_json_date(c->q[IL_TO].d));
    http_json(c, 200, j);
    return TCXD_OK;
}

static enum tcxd_err report_file(struct http_ctx *c, bool pdf, struct tcxd_error *e)
{
    int64_t root_id = c->q[IL_ORG].present ? c->q[IL_ORG].i : c->sess.scope_org_id;
    struct org_info o;
    struct inspection_report *r = xmalloc(sizeof(*r));
    struct buf out = BUF_INIT;
    enum tcxd_err rc = http_org_get(c, root_id, c->q[IL_TO].d, "org", &o, e);
    if (!rc)
        rc = inspection_report_build(c->st, root_id, c->q[IL_FROM].d, c->q[IL_TO].d, r, e);
    if (!rc)
        rc = pdf ? inspection_report_pdf(r, &out, e) : inspection_report_xlsx(r, &out, e);
    if (!rc) {
        char name[160], a[DATE_ISO_LEN], z[DATE_ISO_LEN];
        date_format_iso(r->from, a);
        date_format_iso(r->to, z);
        snprintf(name, sizeof(name), "bao-cao-kiem-tra-%s-%s-%s.%s", r->org_code, a, z,
                 pdf ? "pdf" : "xlsx");
        http_file(c,
                  pdf ? "application/pdf"
                      : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  name, out.ptr, out.len);
    }
    buf_release(&out);
    free(r);
    return rc;
}

enum tcxd_err api_inspection_report_xlsx(struct http_ctx *c, struct tcxd_error *e)
{
    return report_file(c, false, e);
}

enum tcxd_err api_inspection_report_pdf(struct http_ctx *c, struct tcxd_error *e)
{
    return report_file(c, true, e);
}

/* ---- discipline ---- */

static void list_discipline(void *ctx, const struct discipline_info *d)
{
    json_array_append_new(ctx, api_discipline_json(d));
}

enum tcxd_err api_discipline_list(struct http_ctx *c, struct tcxd_error *e)
{
    struct org_tree own;
    const struct org_tree *t;
    uint32_t root;
    int64_t root_id;
    enum tcxd_err rc = period_tree(c, &own, &t, &root, &root_id, e);
    if (rc)
        return rc;
    json_t *items = json_array();
    if (root != TREE_NONE)
        rc = store_discipline_list(c->st, t, root, c->q[IL_FROM].d, c->q[IL_TO].d, list_discipline,
                                   items, e);
    release_tree(t, &own);
    if (rc) {
        json_decref(items);
        return rc;
    }
    http_json(c, 200, json_pack("{s:I, s:o}", "org_id", (json_int_t)root_id, "items", items));
    return TCXD_OK;
}

enum tcxd_err api_discipline_add(struct http_ctx *c, struct tcxd_error *e)
{
    const struct http_value *in = c->in;
    struct discipline_req r = {
        .member_id = in[DA_MEMBER].present ? in[DA_MEMBER].i : 0,
        .org_id = in[DA_ORG].present ? in[DA_ORG].i : 0,
        .decision = in[DA_DECISION_DATE].d,
        .violation = in[DA_VIOLATION_DATE].present ? in[DA_VIOLATION_DATE].d : DATE_NONE,
        .announced = in[DA_ANNOUNCED].present ? in[DA_ANNOUNCED].d : DATE_NONE,
        .deciding_org_id = in[DA_DECIDING_ORG].present ? in[DA_DECIDING_ORG].i : 0,
        .decision_no = in[DA_DECISION_NO].present ? in[DA_DECISION_NO].s : NULL,
        .reason = in[DA_REASON].present ? in[DA_REASON].s : NULL,
        .inspection_id = in[DA_INSPECTION].present ? in[DA_INSPECTION].i : 0};
    struct discipline_info *d = xmalloc(sizeof(*d));
    int64_t id;
    enum tcxd_err rc;
    if ((rc = party_discipline_parse(in[DA_FORM].s, &r.form, e)))
        goto out;
    /* what the caller cannot see does not exist for it */
    if (r.member_id && !store_scope_member(c->st, r.member_id)) {
        rc = api_member_not_found(c, r.member_id, e);
        goto out;
    }
    if (r.org_id && !http_org_in_scope(c, r.org_id)) {
        rc = tcxd_fail(e, TCXD_ENOTFOUND, "org_id", "%s",
                       http_msg(c, "không tìm thấy tổ chức", "no such organization"));
        goto out;
    }
    if (r.inspection_id) {
        struct inspection_info *i = xmalloc(sizeof(*i));
        bool seen = !store_inspection_get(c->st, r.inspection_id, i, NULL);
        free(i);
        if (!seen) {
            rc = tcxd_fail(
                e, TCXD_ENOTFOUND, "inspection_id", "%s",
                http_msg(c, "không tìm thấy cuộc kiểm tra, giám sát", "no such inspection"));
            goto out;
        }
    }
    if ((rc = store_discipline_add(c->st, &c->actor, &r, date_today(), &id, e)) ||
        (rc = store_discipline_get(c->st, id, d, e)))
        goto out;
    http_json(c, 201, api_discipline_json(d));
out:
    free(d);
    return rc;
}

enum tcxd_err api_discipline_show(struct http_ctx *c, struct tcxd_error *e)
{
    struct discipline_info *d = xmalloc(sizeof(*d));
    if (store_discipline_get(c->st, c->ids[0], d, NULL)) {
        free(d);
        return not_found(c, "không tìm thấy quyết định kỷ luật", "no such discipline decision", e);
    }
    http_json(c, 200, api_discipline_json(d));
    free(d);
    return TCXD_OK;
}

enum tcxd_err api_discipline_appeal(struct http_ctx *c, struct tcxd_error *e)
{
    const struct http_value *in = c->in;
    struct discipline_info *d = xmalloc(sizeof(*d));
    enum appeal_result res = APPEAL_PENDING;
    enum party_discipline form = PD_KHIEN_TRACH;
    enum tcxd_err rc;
    if (store_discipline_get(c->st, c->ids[0], d, NULL)) {
        rc = not_found(c, "không tìm thấy quyết định kỷ luật", "no such discipline decision", e);
        goto out;
    }
    if ((in[AP_RESULT].present && (rc = appeal_result_parse(in[AP_RESULT].s, &res, e))) ||
        (in[AP_FORM].present && (rc = party_discipline_parse(in[AP_FORM].s, &form, e))))
        goto out;
    if (res == APPEAL_CHANGED && !in[AP_FORM].present) {
        rc = tcxd_fail(e, TCXD_EINVAL, "form", "%s",
                       http_msg(c, "cần hình thức kỷ luật mới", "the new form is required"));
        goto out;
    }
    if ((rc = store_discipline_appeal(c->st, &c->actor, d->id, in[AP_LODGED].d, res, form,
                                      in[AP_DECIDED].present ? in[AP_DECIDED].d : DATE_NONE,
                                      in[AP_DECISION_NO].present ? in[AP_DECISION_NO].s : NULL,
                                      date_today(), e)) ||
        (rc = store_discipline_get(c->st, d->id, d, e)))
        goto out;
    http_json(c, 201, api_discipline_json(d));
out:
    free(d);
    return rc;
}
