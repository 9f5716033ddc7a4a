/*
 * cadre.c - cadre work over HTTP (issue 15): cadres and their careers, committees per term,
 * positions and appointments, planning, the reappointment due list, rotation, training,
 * confidence votes (QĐ 96) and the period's sentence. The rules are core/cadre.h, the records
 * store/store_cadre.h: the store checks the scope on the organization each record belongs to
 * (the cadre's managing organization, the committee's, the position's, the session's) on the
 * dates the change touches, and writes the one audit record. The cadre files (a cadre, the
 * planning, the due list, the votes) are for staff; the registry (a committee, the positions)
 * and the figures are for every role. The JSON shapes are those of `tcxd --json cadre ...`:
 * one definition of each, store/store_cadre_json.h.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "store/store_cadre.h"
#include "store/store_cadre_json.h"
#include "store/store_training.h"

/* ---- input declarations ---- */

enum { LQ_ORG };
const struct http_field api_cadre_list_query[] = {
    {"org", HF_ID, 0, 0, 0, "the managing organization's subtree (default: the account's scope)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum {
    CA_ORG,
    CA_LEVEL,
    CA_NAME,
    CA_MEMBER,
    CA_GENDER,
    CA_BIRTH,
    CA_ETHNICITY,
    CA_RELIGION,
    CA_PROF,
    CA_ACADEMIC,
    CA_THEORY,
    CA_WORK_START,
};
const struct http_field api_cadre_add_body[] = {
    {"org_id", HF_ID, HF_REQUIRED, 0, 0, "the managing committee's organization"},
    {"managing_level", HF_STRING, HF_REQUIRED, 0, 16, "tw, tinh, huyen or co_so"},
    {"full_name", HF_STRING, 0, 0, 200, "the name (default: the linked member's)"},
    {"member_id", HF_ID, 0, 0, 0, "the party member this cadre is (omit for a non-member)"},
    {"gender", HF_STRING, 0, 0, 8, "nam or nu (required without member_id)"},
    {"birth_date", HF_DATE, 0, 0, 0, "date of birth (default: the member's)"},
    {"ethnicity", HF_STRING, 0, 0, 200, "ethnicity (default: the member's)"},
    {"religion", HF_STRING, 0, 0, 200, "religion (default: the member's)"},
    {"prof", HF_STRING, 0, 0, 16, "professional level: none, trung_cap ... tien_si"},
    {"academic", HF_STRING, 0, 0, 16, "academic title: none, pgs, gs"},
    {"theory", HF_STRING, 0, 0, 16, "political theory level (default: the member's)"},
    {"work_start", HF_DATE, 0, 0, 0, "start of work (for the leave support)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { DT_DATE };
const struct http_field api_cadre_date_body[] = {
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "the day"},
    {NULL, 0, 0, 0, 0, NULL},
};
const struct http_field api_cadre_date_query[] = {
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "the day"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { TA_ORG, TA_LABEL, TA_FROM, TA_TO, TA_TIER };
const struct http_field api_cadre_term_body[] = {
    {"org_id", HF_ID, HF_REQUIRED, 0, 0, "the organization"},
    {"label", HF_STRING, HF_REQUIRED, 0, 60, "the term, \"2020-2025\""},
    {"from", HF_DATE, HF_REQUIRED, 0, 0, "the congress day"},
    {"to", HF_DATE, HF_REQUIRED, 0, 0, "the next congress day (exclusive)"},
    {"tier", HF_STRING, 0, 0, 8,
     "forms 9 and 12: tinh, huyen, xa or none (default from the organization)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { SA_ORG, SA_CADRE, SA_ROLE, SA_JOIN, SA_FROM, SA_TO, SA_DECISION };
const struct http_field api_cadre_seat_body[] = {
    {"org_id", HF_ID, HF_REQUIRED, 0, 0, "the committee's organization (its term covering from)"},
    {"cadre_id", HF_ID, HF_REQUIRED, 0, 0, "the cadre"},
    {"role", HF_STRING, HF_REQUIRED, 0, 20,
     "executive, standing, secretary, deputy, inspection or inspection_chair"},
    {"join", HF_STRING, 0, 0, 20, "congress (default), elected_add or designated"},
    {"from", HF_DATE, HF_REQUIRED, 0, 0, "first day in the seat"},
    {"to", HF_DATE, 0, 0, 0, "end (default: the term's end)"},
    {"decision_no", HF_STRING, 0, 0, 100, "the decision's number"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { SE_DATE, SE_REASON };
const struct http_field api_cadre_seat_end_body[] = {
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "the day the seat ends"},
    {"reason", HF_STRING, HF_REQUIRED, 0, 20,
     "term_end, transfer, retire, discipline, resign, deceased or other"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { CQ_ORG, CQ_ASOF };
const struct http_field api_cadre_committee_query[] = {
    {"org", HF_ID, HF_REQUIRED, 0, 0, "the organization"},
    {"as_of", HF_DATE, 0, 0, 0, "the day (default today)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { PA_ORG, PA_NAME, PA_TITLE, PA_LEVEL, PA_SECTOR, PA_POST, PA_TIER, PA_LEADER };
const struct http_field api_cadre_position_body[] = {
    {"org_id", HF_ID, HF_REQUIRED, 0, 0, "the unit's party organization"},
    {"name", HF_STRING, HF_REQUIRED, 0, 200, "\"Chủ tịch UBND xã Yên Sở\""},
    {"title", HF_STRING, HF_REQUIRED, 0, 24, "bi_thu, chu_tich_ubnd, cap_truong ... khac"},
    {"level", HF_STRING, HF_REQUIRED, 0, 16, "the managing level: tw, tinh, huyen or co_so"},
    {"sector", HF_STRING, 0, 0, 16, "party (default), state, front, public_unit, residential"},
    {"post", HF_STRING, 0, 0, 24,
     "its column on forms 9 and 12: bch, btv, ubkt, bi_thu ... pho_su_nghiep, none (default from "
     "the title)"},
    {"tier", HF_STRING, 0, 0, 8, "tinh, huyen, xa or none (default from the organization)"},
    {"leader", HF_BOOL, 0, 0, 0, "a leadership post (default: every title but khac, truong_thon)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { AP_CADRE, AP_POSITION, AP_KIND, AP_DATE, AP_TERM_END, AP_DECISION, AP_OUTSIDE, AP_HIGHER };
const struct http_field api_cadre_appoint_body[] = {
    {"cadre_id", HF_ID, HF_REQUIRED, 0, 0, "the cadre"},
    {"position_id", HF_ID, HF_REQUIRED, 0, 0, "the post"},
    {"kind", HF_STRING, HF_REQUIRED, 0, 16, "new, re (reappointment) or nominate"},
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "the decision's effect"},
    {"term_end", HF_DATE, 0, 0, 0, "the appointment term's end (default 5 years)"},
    {"decision_no", HF_STRING, 0, 0, 100, "the decision's number"},
    {"outside", HF_BOOL, 0, 0, 0, "from outside, planned for an equivalent post"},
    {"higher", HF_BOOL, 0, 0, 0, "a higher post than the cadre's current one"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { RL_CADRE, RL_POSITION, RL_DATE };
const struct http_field api_cadre_relieve_body[] = {
    {"cadre_id", HF_ID, HF_REQUIRED, 0, 0, "the cadre"},
    {"position_id", HF_ID, HF_REQUIRED, 0, 0, "the post held"},
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "the day the holding ends"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { PL_TERM, PL_POSITION, PL_CADRE, PL_DATE };
const struct http_field api_cadre_plan_body[] = {
    {"term", HF_STRING, HF_REQUIRED, 0, 60, "the planning's term, \"2025-2030\""},
    {"position_id", HF_ID, HF_REQUIRED, 0, 0, "the position planned for"},
    {"cadre_id", HF_ID, HF_REQUIRED, 0, 0, "the cadre"},
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "the day added"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { PR_DATE, PR_REASON };
const struct http_field api_cadre_unplan_body[] = {
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "the day removed"},
    {"reason", HF_STRING, HF_REQUIRED, 0, 20,
     "review, discipline, low_confidence, appointed or other"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { PQ_TERM, PQ_POSITION, PQ_ASOF };
const struct http_field api_cadre_planning_query[] = {
    {"term", HF_STRING, HF_REQUIRED, 0, 60, "the planning's term"},
    {"position", HF_ID, 0, 0, 0, "one position (default: every position in the scope)"},
    {"as_of", HF_DATE, 0, 0, 0, "the day (default today)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { DQ_ORG, DQ_ASOF, DQ_DAYS, DQ_SOON };
const struct http_field api_cadre_due_query[] = {
    {"org", HF_ID, 0, 0, 0, "the positions' subtree (default: the account's scope)"},
    {"as_of", HF_DATE, 0, 0, 0, "the day (default today)"},
    {"days", HF_INT, 0, 0, 3650, "terms ending within this many days (default 365)"},
    {"soon", HF_INT, 0, 0, 3650, "a notice due within this many days is due (default 30)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { KQ_ORG, KQ_TITLE, KQ_ASOF };
const struct http_field api_cadre_concurrent_query[] = {
    {"org", HF_ID, HF_REQUIRED, 0, 0, "the subtree"},
    {"title", HF_STRING, HF_REQUIRED, 0, 24, "the title the secretary also holds (chu_tich_ubnd)"},
    {"as_of", HF_DATE, 0, 0, 0, "the day (default today)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { MV_CADRE, MV_KIND, MV_TO, MV_DATE, MV_DIRECTION, MV_UNTIL, MV_FROM, MV_DECISION };
const struct http_field api_cadre_move_body[] = {
    {"cadre_id", HF_ID, HF_REQUIRED, 0, 0, "the cadre"},
    {"kind", HF_STRING, HF_REQUIRED, 0, 16, "dieu_dong, luan_chuyen or biet_phai"},
    {"to_org_id", HF_ID, HF_REQUIRED, 0, 0, "the organization moved to"},
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "the decision's effect"},
    {"direction", HF_STRING, 0, 0, 20, "form 11's direction: tw_tinh, tinh_huyen ... phong_phong"},
    {"until", HF_DATE, 0, 0, 0, "a secondment's end (biet_phai)"},
    {"from_text", HF_STRING, 0, 0, 200, "where from"},
    {"decision_no", HF_STRING, 0, 0, 100, "the decision's number"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { TR_CADRE, TR_PROGRAMME, TR_MODE, TR_FROM, TR_TO, TR_INSTITUTION };
const struct http_field api_cadre_training_body[] = {
    {"cadre_id", HF_ID, HF_REQUIRED, 0, 0, "the cadre"},
    {"programme", HF_STRING, HF_REQUIRED, 0, 20, "form 10's programme: dai_hoc ... bd_qpan"},
    {"mode", HF_STRING, 0, 0, 16, "domestic, foreign, joint, full_time, part_time, dt1..dt4"},
    {"from", HF_DATE, HF_REQUIRED, 0, 0, "the course's start"},
    {"to", HF_DATE, 0, 0, 0, "the course's end"},
    {"institution", HF_STRING, 0, 0, 200, "where"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { VS_ORG, VS_DATE, VS_YEAR, VS_CONVENED, VS_PRESENT, VS_ISSUED, VS_RETURNED };
const struct http_field api_cadre_vote_session_body[] = {
    {"org_id", HF_ID, HF_REQUIRED, 0, 0, "where the conference is held"},
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "the day held"},
    {"year", HF_INT, 0, 1900, 9999, "the year voted on (default: the day's)"},
    {"convened", HF_INT, HF_REQUIRED, 0, 1000000, "số người được triệu tập"},
    {"present", HF_INT, HF_REQUIRED, 0, 1000000, "present"},
    {"issued", HF_INT, HF_REQUIRED, 0, 1000000, "ballots issued"},
    {"returned", HF_INT, HF_REQUIRED, 0, 1000000, "ballots returned"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { VQ_ORG, VQ_YEAR };
const struct http_field api_cadre_vote_sessions_query[] = {
    {"org", HF_ID, 0, 0, 0, "the subtree (default: the account's scope)"},
    {"year", HF_INT, 0, 1900, 9999, "the year voted on (default: every year)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { VT_CADRE, VT_POSITION, VT_HIGH, VT_MEDIUM, VT_LOW, VT_EXCLUDED };
const struct http_field api_cadre_vote_body[] = {
    {"cadre_id", HF_ID, HF_REQUIRED, 0, 0, "the person voted on"},
    {"position_id", HF_ID, HF_REQUIRED, 0, 0, "the post voted on"},
    {"high", HF_INT, 0, 0, 1000000, "valid ballots: tín nhiệm cao"},
    {"medium", HF_INT, 0, 0, 1000000, "valid ballots: tín nhiệm"},
    {"low", HF_INT, 0, 0, 1000000, "valid ballots: tín nhiệm thấp"},
    {"excluded", HF_STRING, 0, 0, 16, "leave: not voted (long illness, study)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { RQ_ORG, RQ_FROM, RQ_TO };
const struct http_field api_cadre_report_query[] = {
    {"org", HF_ID, 0, 0, 0, "the subtree (default: the account's scope)"},
    {"from", HF_DATE, HF_REQUIRED, 0, 0, "first day of the period"},
    {"to", HF_DATE, HF_REQUIRED, 0, 0, "last day of the period"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* ---- helpers ---- */

/* A parse error names the request's field. */
static enum tcxd_err named(enum tcxd_err rc, const char *field, struct tcxd_error *e)
{
    if (rc && e)
        snprintf(e->field, sizeof(e->field), "%s", field);
    return rc;
}

#define PARSE(T, c, idx, field, out, e)                                                            \
    ((c)->in[idx].present ? named(T##_parse((c)->in[idx].s, (out), (e)), (field), (e)) : TCXD_OK)

static void created(struct http_ctx *c, int64_t id)
{
    http_json(c, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

static int64_t root_of(struct http_ctx *c, const struct http_value *v)
{
    return v->present ? v->i : c->sess.scope_org_id;
}

/* ---- cadres ---- */

static void cadre_row(void *ctx, const struct cadre_info *c)
{
    json_array_append_new(ctx, cadre_json(c));
}

enum tcxd_err api_cadre_list(struct http_ctx *c, struct tcxd_error *e)
{
    json_t *a = json_array();
    enum tcxd_err rc = store_cadre_list(c->st, root_of(c, &c->q[LQ_ORG]), cadre_row, a, e);
    if (rc) {
        json_decref(a);
        return rc;
    }
    http_json(c, 200, json_pack("{s:o}", "cadres", a));
    return TCXD_OK;
}

enum tcxd_err api_cadre_add(struct http_ctx *c, struct tcxd_error *e)
{
    struct cadre_req r = {
        .member_id = c->in[CA_MEMBER].present ? c->in[CA_MEMBER].i : 0,
        .full_name = c->in[CA_NAME].present ? c->in[CA_NAME].s : NULL,
        .birth_date = c->in[CA_BIRTH].present ? c->in[CA_BIRTH].d : DATE_NONE,
        .ethnicity = c->in[CA_ETHNICITY].present ? c->in[CA_ETHNICITY].s : NULL,
        .religion = c->in[CA_RELIGION].present ? c->in[CA_RELIGION].s : NULL,
        .org_id = c->in[CA_ORG].i,
        .work_start = c->in[CA_WORK_START].present ? c->in[CA_WORK_START].d : DATE_NONE,
        .has_gender = c->in[CA_GENDER].present,
        .has_theory = c->in[CA_THEORY].present,
    };
    enum tcxd_err rc;
    if ((rc = named(cadre_mgmt_parse(c->in[CA_LEVEL].s, &r.mgmt, e), "managing_level", e)) ||
        (rc = PARSE(gender, c, CA_GENDER, "gender", &r.gender, e)) ||
        (rc = PARSE(theory_level, c, CA_THEORY, "theory", &r.theory, e)) ||
        (rc = PARSE(cadre_prof, c, CA_PROF, "prof", &r.prof, e)) ||
        (rc = PARSE(cadre_academic, c, CA_ACADEMIC, "academic", &r.academic, e)))
        return rc;
    int64_t id;
    if ((rc = store_cadre_add(c->st, &c->actor, &r, &id, e)))
        return rc;
    created(c, id);
    return TCXD_OK;
}

static void career_row(void *ctx, const struct cadre_holding_info *h)
{
    json_array_append_new(ctx, cadre_holding_json(h));
}

static void training_row(void *ctx, const struct cadre_training_item *t)
{
    json_array_append_new(ctx, cadre_training_json(t));
}

enum tcxd_err api_cadre_show(struct http_ctx *c, struct tcxd_error *e)
{
    struct cadre_info ci;
    enum tcxd_err rc = store_cadre_get(c->st, c->ids[0], &ci, e);
    if (rc)
        return rc;
    json_t *career = json_array();
    if ((rc = store_cadre_holdings(c->st, ci.id, career_row, career, e))) {
        json_decref(career);
        return rc;
    }
    json_t *training = json_array();
    if ((rc = store_training_of_cadre(c->st, ci.id, training_row, training, e))) {
        json_decref(career);
        json_decref(training);
        return rc;
    }
    json_t *j = cadre_json(&ci);
    json_object_set_new(j, "career", career);
    json_object_set_new(j, "training", training);
    http_json(c, 200, j);
    return TCXD_OK;
}

enum tcxd_err api_cadre_retiring(struct http_ctx *c, struct tcxd_error *e)
{
    enum tcxd_err rc = store_cadre_retiring(c->st, &c->actor, c->ids[0], c->in[DT_DATE].d, e);
    if (rc)
        return rc;
    created(c, c->ids[0]);
    return TCXD_OK;
}

enum tcxd_err api_cadre_leave_support(struct http_ctx *c, struct tcxd_error *e)
{
    struct cadre_info ci;
    enum tcxd_err rc = store_cadre_get(c->st, c->ids[0], &ci, e);
    if (rc)
        return rc;
    if (ci.work_start == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "work_start", "the cadre has no start of work recorded");
    http_json(
        c, 200,
        cadre_leave_support_json(ci.id, cadre_service_months(ci.work_start, c->q[DT_DATE].d)));
    return TCXD_OK;
}

/* ---- committees ---- */

enum tcxd_err api_cadre_term_add(struct http_ctx *c, struct tcxd_error *e)
{
    int64_t id;
    enum cadre_tier tier;
    enum tcxd_err rc;
    if ((rc = PARSE(cadre_tier, c, TA_TIER, "tier", &tier, e)) ||
        (rc = store_cadre_term_add(c->st, &c->actor, c->in[TA_ORG].i, c->in[TA_LABEL].s,
                                   c->in[TA_FROM].d, c->in[TA_TO].d,
                                   c->in[TA_TIER].present ? &tier : NULL, &id, e)))
        return rc;
    created(c, id);
    return TCXD_OK;
}

enum tcxd_err api_cadre_seat_add(struct http_ctx *c, struct tcxd_error *e)
{
    struct committee_seat s = {.cadre_id = c->in[SA_CADRE].i,
                               .join = CJOIN_CONGRESS,
                               .from = c->in[SA_FROM].d,
                               .to = c->in[SA_TO].present ? c->in[SA_TO].d : DATE_NONE};
    struct cadre_term_info t;
    int64_t id;
    enum tcxd_err rc;
    if ((rc = named(committee_role_parse(c->in[SA_ROLE].s, &s.role, e), "role", e)) ||
        (rc = PARSE(committee_join, c, SA_JOIN, "join", &s.join, e)) ||
        (rc = store_scope_check_org(c->st, c->in[SA_ORG].i, s.from, "org_id", e)) ||
        (rc = named(store_cadre_term_on(c->st, c->in[SA_ORG].i, s.from, &t, e), "from", e)) ||
        (rc = store_cadre_seat_add(c->st, &c->actor, t.id, &s,
                                   c->in[SA_DECISION].present ? c->in[SA_DECISION].s : NULL, &id,
                                   e)))
        return rc;
    created(c, id);
    return TCXD_OK;
}

enum tcxd_err api_cadre_seat_end(struct http_ctx *c, struct tcxd_error *e)
{
    enum committee_leave r;
    enum tcxd_err rc;
    if ((rc = named(committee_leave_parse(c->in[SE_REASON].s, &r, e), "reason", e)) ||
        (rc = store_cadre_seat_end(c->st, &c->actor, c->ids[0], c->in[SE_DATE].d, r, e)))
        return rc;
    created(c, c->ids[0]);
    return TCXD_OK;
}

struct committee_out {
    json_t *a;
    struct committee_count count;
};

static void seat_row(void *ctx, const struct cadre_seat_info *s)
{
    struct committee_out *x = ctx;
    x->count.by_role[s->seat.role]++;
    json_array_append_new(x->a, cadre_seat_json(s));
}

enum tcxd_err api_cadre_committee(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date on = c->q[CQ_ASOF].present ? c->q[CQ_ASOF].d : date_today();
    struct org_info o;
    struct cadre_term_info t;
    enum tcxd_err rc = http_org_get(c, c->q[CQ_ORG].i, on, "org", &o, e);
    if (rc)
        return rc;
    struct committee_out x = {json_array(), {{0}}};
    if ((rc = store_cadre_committee(c->st, o.id, on, &t, seat_row, &x, e))) {
        json_decref(x.a);
        return rc;
    }
    json_t *j = cadre_committee_json(&t, on, &x.count, x.a);
    json_object_set_new(j, "org", api_org_ref(o.id, o.name));
    http_json(c, 200, j);
    return TCXD_OK;
}

/* ---- positions and appointments ---- */

static void position_row(void *ctx, const struct cadre_position_info *p)
{
    json_array_append_new(ctx, cadre_position_json(p));
}

enum tcxd_err api_cadre_position_list(struct http_ctx *c, struct tcxd_error *e)
{
    json_t *a = json_array();
    enum tcxd_err rc =
        store_cadre_position_list(c->st, root_of(c, &c->q[LQ_ORG]), position_row, a, e);
    if (rc) {
        json_decref(a);
        return rc;
    }
    http_json(c, 200, json_pack("{s:o}", "positions", a));
    return TCXD_OK;
}

enum tcxd_err api_cadre_position_add(struct http_ctx *c, struct tcxd_error *e)
{
    struct cadre_position_info p = {.org_id = c->in[PA_ORG].i, .sector = PSEC_PARTY};
    snprintf(p.name, sizeof(p.name), "%s", c->in[PA_NAME].s);
    int64_t id;
    enum tcxd_err rc;
    if ((rc = named(position_title_parse(c->in[PA_TITLE].s, &p.title, e), "title", e)) ||
        (rc = named(cadre_mgmt_parse(c->in[PA_LEVEL].s, &p.level, e), "level", e)) ||
        (rc = PARSE(position_sector, c, PA_SECTOR, "sector", &p.sector, e)) ||
        (rc = PARSE(cadre_post, c, PA_POST, "post", &p.post, e)) ||
        (rc = PARSE(cadre_tier, c, PA_TIER, "tier", &p.tier, e)))
        return rc;
    p.post_set = c->in[PA_POST].present;
    p.tier_set = c->in[PA_TIER].present;
    p.leader_set = c->in[PA_LEADER].present;
    p.leader = p.leader_set && c->in[PA_LEADER].b;
    if ((rc = store_cadre_position_add(c->st, &c->actor, &p, &id, e)))
        return rc;
    created(c, id);
    return TCXD_OK;
}

enum tcxd_err api_cadre_appoint(struct http_ctx *c, struct tcxd_error *e)
{
    struct cadre_appoint_req r = {
        .cadre_id = c->in[AP_CADRE].i,
        .position_id = c->in[AP_POSITION].i,
        .date = c->in[AP_DATE].d,
        .term_end = c->in[AP_TERM_END].present ? c->in[AP_TERM_END].d : DATE_NONE,
        .decision_no = c->in[AP_DECISION].present ? c->in[AP_DECISION].s : NULL,
        .outside = c->in[AP_OUTSIDE].present && c->in[AP_OUTSIDE].b,
        .higher_post = c->in[AP_HIGHER].present && c->in[AP_HIGHER].b,
    };
    int64_t id;
    enum tcxd_err rc;
    if ((rc = named(appoint_kind_parse(c->in[AP_KIND].s, &r.kind, e), "kind", e)) ||
        (rc = store_cadre_appoint(c->st, &c->actor, &r, &id, e)))
        return rc;
    created(c, id);
    return TCXD_OK;
}

enum tcxd_err api_cadre_relieve(struct http_ctx *c, struct tcxd_error *e)
{
    enum tcxd_err rc = store_cadre_holding_end(c->st, &c->actor, c->in[RL_CADRE].i,
                                               c->in[RL_POSITION].i, c->in[RL_DATE].d, e);
    if (rc)
        return rc;
    created(c, c->in[RL_CADRE].i);
    return TCXD_OK;
}

/* ---- planning ---- */

enum tcxd_err api_cadre_plan_add(struct http_ctx *c, struct tcxd_error *e)
{
    int64_t id;
    enum tcxd_err rc =
        store_cadre_plan_add(c->st, &c->actor, c->in[PL_TERM].s, c->in[PL_POSITION].i,
                             c->in[PL_CADRE].i, c->in[PL_DATE].d, &id, e);
    if (rc)
        return rc;
    created(c, id);
    return TCXD_OK;
}

enum tcxd_err api_cadre_plan_remove(struct http_ctx *c, struct tcxd_error *e)
{
    enum plan_removal r;
    enum tcxd_err rc;
    if ((rc = named(plan_removal_parse(c->in[PR_REASON].s, &r, e), "reason", e)) ||
        (rc = store_cadre_plan_remove(c->st, &c->actor, c->ids[0], c->in[PR_DATE].d, r, e)))
        return rc;
    created(c, c->ids[0]);
    return TCXD_OK;
}

static void plan_row(void *ctx, const struct cadre_plan_info *p)
{
    json_array_append_new(ctx, cadre_plan_json(p));
}

enum tcxd_err api_cadre_planning(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date on = c->q[PQ_ASOF].present ? c->q[PQ_ASOF].d : date_today();
    struct plan_shares sh;
    json_t *a = json_array();
    enum tcxd_err rc = store_cadre_plan_list(c->st, c->q[PQ_TERM].s,
                                             c->q[PQ_POSITION].present ? c->q[PQ_POSITION].i : 0,
                                             on, plan_row, a, &sh, e);
    if (rc) {
        json_decref(a);
        return rc;
    }
    http_json(c, 200, cadre_planning_json(c->q[PQ_TERM].s, on, &sh, a));
    return TCXD_OK;
}

/* ---- the due list, the concurrent share ---- */

static void due_row(void *ctx, const struct cadre_due_info *d)
{
    json_array_append_new(ctx, cadre_due_json(d));
}

enum tcxd_err api_cadre_due(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date on = c->q[DQ_ASOF].present ? c->q[DQ_ASOF].d : date_today();
    int days = c->q[DQ_DAYS].present ? (int)c->q[DQ_DAYS].i : 365;
    int soon = c->q[DQ_SOON].present ? (int)c->q[DQ_SOON].i : 30;
    json_t *a = json_array();
    enum tcxd_err rc =
        store_cadre_due(c->st, root_of(c, &c->q[DQ_ORG]), on, days, soon, due_row, a, e);
    if (rc) {
        json_decref(a);
        return rc;
    }
    http_json(c, 200,
              json_pack("{s:o, s:i, s:i, s:i, s:o}", "as_of", http_json_date(on), "days", days,
                        "soon", soon, "notice_working_days", CADRE_REAPPOINT_NOTICE_WORKING_DAYS,
                        "due", a));
    return TCXD_OK;
}

enum tcxd_err api_cadre_concurrent(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date on = c->q[KQ_ASOF].present ? c->q[KQ_ASOF].d : date_today();
    enum position_title t;
    int64_t num, den;
    enum tcxd_err rc;
    if ((rc = named(position_title_parse(c->q[KQ_TITLE].s, &t, e), "title", e)) ||
        (rc = store_cadre_concurrent(c->st, c->q[KQ_ORG].i, on, t, &num, &den, e)))
        return rc;
    http_json(c, 200, cadre_concurrent_json(t, on, num, den));
    return TCXD_OK;
}

/* ---- rotation, training ---- */

enum tcxd_err api_cadre_move(struct http_ctx *c, struct tcxd_error *e)
{
    struct cadre_move_req r = {
        .cadre_id = c->in[MV_CADRE].i,
        .to_org_id = c->in[MV_TO].i,
        .from_text = c->in[MV_FROM].present ? c->in[MV_FROM].s : NULL,
        .decision_no = c->in[MV_DECISION].present ? c->in[MV_DECISION].s : NULL,
        .move = {.direction = MDIR_NONE,
                 .date = c->in[MV_DATE].d,
                 .until = c->in[MV_UNTIL].present ? c->in[MV_UNTIL].d : DATE_NONE},
    };
    int64_t id;
    enum tcxd_err rc;
    if ((rc = named(move_kind_parse(c->in[MV_KIND].s, &r.move.kind, e), "kind", e)) ||
        (rc = PARSE(move_direction, c, MV_DIRECTION, "direction", &r.move.direction, e)) ||
        (rc = store_cadre_move_add(c->st, &c->actor, &r, &id, e)))
        return rc;
    created(c, id);
    return TCXD_OK;
}

enum tcxd_err api_cadre_training(struct http_ctx *c, struct tcxd_error *e)
{
    enum training_programme p;
    enum training_mode m = TMODE_NONE;
    int64_t id;
    enum tcxd_err rc;
    if ((rc = named(training_programme_parse(c->in[TR_PROGRAMME].s, &p, e), "programme", e)) ||
        (rc = PARSE(training_mode, c, TR_MODE, "mode", &m, e)) ||
        (rc = store_cadre_training_add(
             c->st, &c->actor, c->in[TR_CADRE].i, p, m, c->in[TR_FROM].d,
             c->in[TR_TO].present ? c->in[TR_TO].d : DATE_NONE,
             c->in[TR_INSTITUTION].present ? c->in[TR_INSTITUTION].s : NULL, &id, e)))
        return rc;
    created(c, id);
    return TCXD_OK;
}

/* ---- votes ---- */

enum tcxd_err api_cadre_vote_session_add(struct http_ctx *c, struct tcxd_error *e)
{
    struct cadre_vote_session_info r = {
        .org_id = c->in[VS_ORG].i,
        .held_on = c->in[VS_DATE].d,
        .year = c->in[VS_YEAR].present ? (int)c->in[VS_YEAR].i : 0,
        .s = {c->in[VS_CONVENED].i, c->in[VS_PRESENT].i, c->in[VS_ISSUED].i, c->in[VS_RETURNED].i},
    };
    int64_t id;
    enum tcxd_err rc = store_cadre_vote_session_add(c->st, &c->actor, &r, &id, e);
    if (rc)
        return rc;
    created(c, id);
    return TCXD_OK;
}

struct sessions_out {
    struct http_ctx *c;
    json_t *a;
};

static void session_row(void *ctx, const struct cadre_vote_session_info *v)
{
    struct sessions_out *x = ctx;
    json_t *j = cadre_vote_session_json(v);
    struct org_info o;
    if (http_org_today(x->c, v->org_id, &o))
        json_object_set_new(j, "org", api_org_ref(o.id, o.name));
    json_array_append_new(x->a, j);
}

enum tcxd_err api_cadre_vote_sessions(struct http_ctx *c, struct tcxd_error *e)
{
    struct sessions_out x = {c, json_array()};
    enum tcxd_err rc = store_cadre_vote_session_list(
        c->st, root_of(c, &c->q[VQ_ORG]), c->q[VQ_YEAR].present ? (int)c->q[VQ_YEAR].i : 0,
        session_row, &x, e);
    if (rc) {
        json_decref(x.a);
        return rc;
    }
    http_json(c, 200, json_pack("{s:o}", "sessions", x.a));
    return TCXD_OK;
}

struct votes_out {
    json_t *a;
    int64_t returned;
};

static void vote_row(void *ctx, const struct cadre_vote_info *v)
{
    struct votes_out *x = ctx;
    json_array_append_new(x->a, cadre_vote_json(v, x->returned));
}

enum tcxd_err api_cadre_vote_session_show(struct http_ctx *c, struct tcxd_error *e)
{
    struct cadre_vote_session_info vs;
    enum tcxd_err rc = store_cadre_vote_session_get(c->st, c->ids[0], &vs, e);
    if (rc)
        return rc;
    struct votes_out x = {json_array(), vs.s.returned};
    if ((rc = store_cadre_vote_results(c->st, vs.id, vote_row, &x, e))) {
        json_decref(x.a);
        return rc;
    }
    json_t *j = cadre_vote_session_json(&vs);
    struct org_info o;
    if (http_org_today(c, vs.org_id, &o))
        json_object_set_new(j, "org", api_org_ref(o.id, o.name));
    json_object_set_new(j, "votes", x.a);
    http_json(c, 200, j);
    return TCXD_OK;
}

enum tcxd_err api_cadre_vote_add(struct http_ctx *c, struct tcxd_error *e)
{
    struct vote_tally t = {
        .high = c->in[VT_HIGH].present ? c->in[VT_HIGH].i : 0,
        .medium = c->in[VT_MEDIUM].present ? c->in[VT_MEDIUM].i : 0,
        .low = c->in[VT_LOW].present ? c->in[VT_LOW].i : 0,
    };
    enum vote_outcome out;
    enum tcxd_err rc;
    if ((rc = PARSE(vote_exclusion, c, VT_EXCLUDED, "excluded", &t.excluded, e)) ||
        (rc = store_cadre_vote_add(c->st, &c->actor, c->ids[0], c->in[VT_CADRE].i,
                                   c->in[VT_POSITION].i, &t, &out, e)))
        return rc;
    http_json(c, 201, cadre_vote_outcome_json(out));
    return TCXD_OK;
}

/* ---- the period's sentence ---- */

enum tcxd_err api_cadre_report(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date from = c->q[RQ_FROM].d, to = c->q[RQ_TO].d;
    if (to < from)
        return tcxd_fail(e, TCXD_EINVAL, "to", "the period ends before it starts");
    int64_t root = root_of(c, &c->q[RQ_ORG]);
    struct org_info o;
    struct cadre_work_counts w;
    enum tcxd_err rc;
    if ((rc = http_org_get(c, root, to, "org", &o, e)) ||
        (rc = store_cadre_work_counts(c->st, o.id, from, to, &w, e)))
        return rc;
    json_t *j = cadre_work_json(&w);
    json_object_set_new(j, "org", api_org_ref(o.id, o.name));
    json_object_set_new(j, "from", http_json_date(from));
    json_object_set_new(j, "to", http_json_date(to));
    http_json(c, 200, j);
    return TCXD_OK;
}
