/*
 * review.c - the annual quality review over HTTP: rubrics, one subject's review (a member or an
 * organization in the caller's scope) with its steps, reports over a subtree (levels,
 * leniency) and weak organizations with their consolidation plans. The JSON shapes are
 * store_review_json.c's, the same as `tcxd --json review ...` (docs/api-contract.md).
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "engine/engine_review.h"
#include "store/store_review.h"
#include "util/xmalloc.h"

/* ---- input declarations ---- */

enum { RQ_SUBJECT, RQ_YEAR, RQ_ID };
const struct http_field api_review_rubric_query[] = {
    {"subject", HF_STRING, 0, 0, 16, "member, leader, chi_bo, dang_bo or leadership"},
    {"year", HF_INT, 0, 1900, 9999, "review year (with subject)"},
    {"id", HF_ID, 0, 0, 0, "a stored rubric version (instead of subject and year)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { SQ_YEAR, SQ_LEVEL };
const struct http_field api_review_show_query[] = {
    {"year", HF_INT, HF_REQUIRED, 1900, 9999, "review year"},
    {"level", HF_STRING, 0, 0, 40,
     "level to check against the excellent cap (default: the "
     "proposed one)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum {
    S_YEAR,
    S_STEP,
    S_SCORES,
    S_LEVEL,
    S_TEXT,
    S_DECISION_NO,
    S_DECISION_DATE,
    S_CAP_EXCEPTION,
    S_SUBJECT,
    S_REVIEW_DATE,
    S_VOTES_RETURNED,
    S_VOTES_LOW,
    S_SELF_REMEDIED,
    S_NOT_DUTY,
    S_DEGRADATION,
    S_DISUNITY,
    S_SUB_DISC,
    S_SUB_UNREM,
    S_SUB_REM,
    S_OVERRIDE,
    S_T_TOTAL,
    S_T_DONE,
    S_T_ON_TIME,
    S_T_EXCEEDED,
    S_T_KEY,
    S_FORCE_MAJEURE,
    S_U_TOTAL,
    S_U_DONE,
    S_U_ON_TIME,
    S_U_EXCEEDED,
    S_U_KEY,
    S_SE_MISSED,
    S_UNITS,
    S_UNITS_KHTNV,
    S_SHORT_TOTAL,
    S_SHORT_REM,
};
const struct http_field api_review_step_body[] = {
    {"year", HF_INT, HF_REQUIRED, 1900, 9999, "review year"},
    {"step", HF_STRING, HF_REQUIRED, 0, 16,
     "self_assess, verify, decide, amend, or record (a past year's decision entered as history)"},
    {"scores", HF_STRING, 0, 0, 4000,
     "self_assess/verify: CODE=VALUE pairs separated by ';' (points \"8,5\" or grades)"},
    {"level", HF_STRING, 0, 0, 60,
     "proposed (self_assess, verify) or decided level; 2014-2017 also in that year's names "
     "(tsvm_tieu_bieu, tsvm, yeu_kem, dtc_httnv ...)"},
    {"text", HF_STRING, 0, 0, 4000, "comments, verification notes or the amendment's reason"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number (decide: required)"},
    {"decision_date", HF_DATE, 0, 0, 0, "decision date (decide: required)"},
    {"cap_exception", HF_STRING, 0, 0, 1000, "reason for exceeding the excellent cap"},
    {"subject", HF_STRING, 0, 0, 16,
     "first self_assess: member or leader; chi_bo, dang_bo or "
     "leadership"},
    {"review_date", HF_DATE, 0, 0, 0, "first self_assess: review date (default 31/12)"},
    {"votes_returned", HF_INT, 0, 1, 1000000, "verify, leaders: confidence-vote ballots returned"},
    {"votes_low", HF_INT, 0, 0, 1000000, "verify, leaders: 'tín nhiệm thấp' ballots"},
    {"self_remedied", HF_BOOL, 0, 0, 0, "verify: the year's disciplines self-detected, remedied"},
    {"not_duty_related", HF_BOOL, 0, 0, 0, "verify: the disciplines were not duty-related"},
    {"degradation", HF_BOOL, 0, 0, 0, "verify: concluded degradation"},
    {"disunity", HF_BOOL, 0, 0, 0, "verify, collectives: concluded internal disunity"},
    {"sub_disciplined", HF_INT, 0, 0, 100000, "verify, collectives: sub-units disciplined"},
    {"sub_unremedied", HF_INT, 0, 0, 100000,
     "verify: of them, not self-detected and remedied (default: all but sub_remedied)"},
    {"sub_remedied", HF_INT, 0, 0, 100000, "verify: of them, self-detected and remedied"},
    {"override_reason", HF_STRING, 0, 0, 1000,
     "decide: the reason for deciding better than a level forced to KHTNV by a rule"},
    {"targets_total", HF_INT, 0, 1, 100000, "verify: targets (chỉ tiêu, nhiệm vụ) of the year"},
    {"targets_done", HF_INT, 0, 0, 100000, "verify: of them, done (with targets_total)"},
    {"targets_on_time", HF_INT, 0, 0, 100000, "verify: of them, on time (default: done)"},
    {"targets_exceeded", HF_INT, 0, 0, 100000, "verify: of them, exceeded (default 0)"},
    {"key_target_missed", HF_BOOL, 0, 0, 0, "verify: a key target (chỉ tiêu chủ yếu) missed"},
    {"force_majeure", HF_BOOL, 0, 0, 0, "verify: the shortfall is due to force majeure"},
    {"unit_targets_total", HF_INT, 0, 1, 100000, "verify, leaders: targets of the unit led"},
    {"unit_targets_done", HF_INT, 0, 0, 100000, "verify, leaders: of them, done"},
    {"unit_targets_on_time", HF_INT, 0, 0, 100000, "verify, leaders: on time (default: done)"},
    {"unit_targets_exceeded", HF_INT, 0, 0, 100000, "verify, leaders: exceeded (default 0)"},
    {"unit_key_target_missed", HF_BOOL, 0, 0, 0, "verify, leaders: the unit missed a key target"},
    {"se_targets_missed", HF_BOOL, 0, 0, 0,
     "verify, leaders (QĐ 366): the 5 basic socio-economic targets missed"},
    {"units_in_charge", HF_INT, 0, 1, 100000, "verify, leaders (QĐ 366): units in charge of"},
    {"units_in_charge_khtnv", HF_INT, 0, 0, 100000, "verify, leaders: of them, rated KHTNV"},
    {"shortcomings_total", HF_INT, 0, 1, 100000, "verify: shortcomings pointed out earlier"},
    {"shortcomings_remedied", HF_INT, 0, 0, 100000, "verify: of them, remedied"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { PQ_ORG, PQ_YEAR, PQ_ITEMS, PQ_UNREVIEWED };
const struct http_field api_review_report_query[] = {
    {"org", HF_ID, 0, 0, 0, "subtree root (default: the account's scope)"},
    {"year", HF_INT, HF_REQUIRED, 1900, 9999, "review year"},
    {"items", HF_BOOL, 0, 0, 0, "also list every review (lists per level)"},
    {"unreviewed", HF_BOOL, 0, 0, 0,
     "also name every subject without a review (unreviewed_items; a city's is ~450,000 members)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { LQ_ORG, LQ_YEAR, LQ_THRESHOLD };
const struct http_field api_review_leniency_query[] = {
    {"org", HF_ID, 0, 0, 0, "subtree root (default: the account's scope)"},
    {"year", HF_INT, HF_REQUIRED, 1900, 9999, "review year"},
    {"threshold", HF_STRING, 0, 0, 10, "points by which self exceeds verified (default 5)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { WQ_ORG, WQ_FROM, WQ_TO, WQ_AS_OF, WQ_BASIS };
const struct http_field api_review_weak_query[] = {
    {"org", HF_ID, 0, 0, 0, "subtree root (default: the account's scope)"},
    {"year_from", HF_INT, HF_REQUIRED, 1900, 9999, "first review year"},
    {"year_to", HF_INT, 0, 1900, 9999, "last review year (default year_from)"},
    {"as_of", HF_DATE, 0, 0, 0,
     "count the lists on this date (default today): later consolidations do not count"},
    {"basis", HF_STRING, 0, 0, 200, "only this list (\"theo Nghị quyết 15\"; empty: the review's)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum {
    W_ORG,
    W_YEAR,
    W_PLAN,
    W_RESPONSIBLE,
    W_DEADLINE,
    W_STATUS,
    W_CONSOLIDATED_ON,
    W_BASIS,
    W_LISTED_ON
};
const struct http_field api_review_weak_add_body[] = {
    {"org_id", HF_ID, HF_REQUIRED, 0, 0, "the organization"},
    {"year", HF_INT, HF_REQUIRED, 1900, 9999, "review year"},
    {"plan", HF_STRING, 0, 0, 2000, "consolidation plan"},
    {"responsible", HF_STRING, 0, 0, 200, "person responsible"},
    {"deadline", HF_DATE, 0, 0, 0, "deadline"},
    {"status", HF_STRING, 0, 0, 16, "open (default), in_progress or consolidated"},
    {"consolidated_on", HF_DATE, 0, 0, 0, "date consolidated (default today)"},
    {"basis", HF_STRING, 0, 0, 200,
     "the list (\"theo Nghị quyết 15\", \"do Ban Chỉ đạo cấp huyện theo dõi\"; default: the "
     "review's own)"},
    {"listed_on", HF_DATE, 0, 0, 0, "the day it was put on the list (default: from the start)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { U_PLAN, U_RESPONSIBLE, U_DEADLINE, U_STATUS, U_CONSOLIDATED_ON };
const struct http_field api_review_weak_update_body[] = {
    {"plan", HF_STRING, 0, 0, 2000, "consolidation plan"},
    {"responsible", HF_STRING, 0, 0, 200, "person responsible"},
    {"deadline", HF_DATE, 0, 0, 0, "deadline"},
    {"status", HF_STRING, 0, 0, 16, "open, in_progress or consolidated"},
    {"consolidated_on", HF_DATE, 0, 0, 0, "date consolidated (default today)"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* ---- helpers ---- */

/* The review key of the path's subject: a member or an organization in the caller's scope. */
static enum tcxd_err subject_key(struct http_ctx *c, bool member, int year, struct review_key *k,
                                 struct tcxd_error *e)
{
    memset(k, 0, sizeof(*k));
    k->year = year;
    if (member) {
        struct member_info m;
        if (store_member_get(c->st, c->ids[0], &m, NULL) || !http_org_in_scope(c, m.org_id))
            return api_member_not_found(c, c->ids[0], e);
        k->member_id = m.id;
        return TCXD_OK;
    }
    if (!http_org_in_scope(c, c->ids[0]))
        return tcxd_fail(e, TCXD_ENOTFOUND, "id", "%s #%lld",
                         http_msg(c, "không có tổ chức", "no organization"), (long long)c->ids[0]);
    k->org_id = c->ids[0];
    return TCXD_OK;
}

static enum tcxd_err level_in(const struct http_value *v, enum review_level *out, bool *has,
                              struct tcxd_error *e)
{
    *has = v->present;
    if (!v->present)
        return TCXD_OK;
    enum review_legacy_org lo;
    enum review_legacy_member lm;
    struct tcxd_error ig;
    if (review_level_parse(v->s, out, e) == TCXD_OK)
        return TCXD_OK;
    if (review_legacy_org_parse(v->s, &lo, &ig) == TCXD_OK) {
        *out = review_legacy_org_level(lo);
        return TCXD_OK;
    }
    if (review_legacy_member_parse(v->s, &lm, &ig) == TCXD_OK) {
        *out = review_legacy_member_level(lm);
        return TCXD_OK;
    }
    return tcxd_fail(e, TCXD_EINVAL, "level",
                     "unknown review level '%s' (htxsnv, httnv, htnv, khtnv)", v->s);
}

/* targets_total, _done, _on_time, _exceeded from field index base on (0 total: none given). */
static enum tcxd_err targets_in(const struct http_value *in, int base, const char *field,
                                struct review_targets *t, struct tcxd_error *e)
{
    memset(t, 0, sizeof(*t));
    bool any =
        in[base].present || in[base + 1].present || in[base + 2].present || in[base + 3].present;
    if (!any)
        return TCXD_OK;
    if (!in[base].present || !in[base + 1].present)
        return tcxd_fail(e, TCXD_EINVAL, field, "give %s_total and %s_done together", field, field);
    t->total = (int)in[base].i;
    t->done = (int)in[base + 1].i;
    t->on_time = in[base + 2].present ? (int)in[base + 2].i : t->done;
    t->exceeded = in[base + 3].present ? (int)in[base + 3].i : 0;
    return TCXD_OK;
}

/* The review with its proposal and cap figures as the answer. */
static enum tcxd_err answer_review(struct http_ctx *c, int status, const struct review_key *k,
                                   enum review_level level, struct tcxd_error *e)
{
    struct store_review rv;
    struct review_preview pv;
    store_review_init(&rv);
    review_preview_init(&pv);
    enum tcxd_err rc;
    if (!(rc = store_review_get(c->st, k, &rv, e)) &&
        !(rc = store_review_preview(c->st, k, level, &pv, e)))
        http_json(c, status, review_json(&rv, &pv));
    review_preview_release(&pv);
    store_review_release(&rv);
    return rc;
}

/* "1.1=8; 1.2=7,5; 2.1=30" into entries (strings owned by *buf). */
static enum tcxd_err parse_scores(const char *s, char **buf, struct review_entry **out, size_t *n,
                                  struct tcxd_error *e)
{
    *buf = xstrdup(s ? s : "");
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    for (char *p = *buf; *p;) {
        char *end = strchr(p, ';');
        if (end)
            *end = '\0';
        while (*p == ' ' || *p == '\n' || *p == '\t')
            p++;
        if (*p) {
            char *eq = strchr(p, '=');
            if (!eq || eq == p)
                return tcxd_fail(e, TCXD_EINVAL, "scores", "invalid score '%s' (CODE=VALUE)", p);
            *eq = '\0';
            char *t = eq;
            while (t > p && t[-1] == ' ')
                *--t = '\0';
            ALLOC_GROW(*out, *n + 1, cap);
            (*out)[*n].criterion = p;
            (*out)[*n].value = eq + 1;
            (*n)++;
        }
        if (!end)
            break;
        p = end + 1;
    }
    return TCXD_OK;
}

/* ---- rubric ---- */

enum tcxd_err api_review_rubric(struct http_ctx *c, struct tcxd_error *e)
{
    struct store_rubric r;
    store_rubric_init(&r);
    enum tcxd_err rc;
    if (c->q[RQ_ID].present) {
        rc = store_rubric_get(c->st, c->q[RQ_ID].i, &r, e);
    } else {
        enum review_subject s;
        if (!c->q[RQ_SUBJECT].present || !c->q[RQ_YEAR].present)
            rc = tcxd_fail(e, TCXD_EINVAL, c->q[RQ_SUBJECT].present ? "year" : "subject",
                           "give subject and year, or id");
        else if (!(rc = review_subject_parse(c->q[RQ_SUBJECT].s, &s, e)))
            rc = store_rubric_for(c->st, s, (int)c->q[RQ_YEAR].i, &r, e);
    }
    if (!rc)
        http_json(c, 200, review_rubric_json(&r));
    store_rubric_release(&r);
    return rc;
}

/* ---- one subject ---- */

static enum tcxd_err show(struct http_ctx *c, bool member, struct tcxd_error *e)
{
    struct review_key k;
    enum review_level level = REVIEW_LEVEL__MAX;
    bool has;
    enum tcxd_err rc;
    if ((rc = subject_key(c, member, (int)c->q[SQ_YEAR].i, &k, e)) ||
        (rc = level_in(&c->q[SQ_LEVEL], &level, &has, e)))
        return rc;
    return answer_review(c, 200, &k, has ? level : REVIEW_LEVEL__MAX, e);
}

enum tcxd_err api_review_member_show(struct http_ctx *c, struct tcxd_error *e)
{
    return show(c, true, e);
}

enum tcxd_err api_review_org_show(struct http_ctx *c, struct tcxd_error *e)
{
    return show(c, false, e);
}

static enum tcxd_err step(struct http_ctx *c, bool member, struct tcxd_error *e)
{
    struct review_key k;
    struct review_step_req req;
    const struct http_value *in = c->in;
    char *sbuf = NULL;
    struct review_entry *entries = NULL;
    enum tcxd_err rc;
    memset(&req, 0, sizeof(req));
    req.subject = REVIEW_SUBJECT__MAX;
    req.review_date = in[S_REVIEW_DATE].present ? in[S_REVIEW_DATE].d : DATE_NONE;
    req.decision_date = in[S_DECISION_DATE].present ? in[S_DECISION_DATE].d : DATE_NONE;
    if ((rc = subject_key(c, member, (int)in[S_YEAR].i, &k, e)) ||
        (rc = review_step_parse(in[S_STEP].s, &req.step, e)) ||
        (rc = level_in(&in[S_LEVEL], &req.level, &req.has_level, e)) ||
        (in[S_SUBJECT].present && (rc = review_subject_parse(in[S_SUBJECT].s, &req.subject, e))) ||
        (rc = parse_scores(in[S_SCORES].present ? in[S_SCORES].s : "", &sbuf, &entries,
                           &req.n_scores, e)))
        goto out;
    bool scored = req.step == REVIEW_STEP_SELF_ASSESS || req.step == REVIEW_STEP_VERIFY;
    if (!scored && req.n_scores) {
        rc = tcxd_fail(e, TCXD_EINVAL, "scores", "scores belong to self_assess and verify");
        goto out;
    }
    if (in[S_VOTES_RETURNED].present != in[S_VOTES_LOW].present) {
        rc = tcxd_fail(e, TCXD_EINVAL, "votes_low", "give votes_returned and votes_low together");
        goto out;
    }
    req.scores = entries;
    if (!scored && req.has_level) /* read by the year's rule set: its own names kept */
        req.level_text = in[S_LEVEL].s;
    req.text = in[S_TEXT].present ? in[S_TEXT].s : NULL;
    req.decision_no = in[S_DECISION_NO].present ? in[S_DECISION_NO].s : NULL;
    req.cap_exception = in[S_CAP_EXCEPTION].present ? in[S_CAP_EXCEPTION].s : NULL;
    req.facts.has_votes = in[S_VOTES_RETURNED].present;
    req.facts.votes_returned = (int)in[S_VOTES_RETURNED].i;
    req.facts.votes_low = (int)in[S_VOTES_LOW].i;
    req.facts.self_remedied = in[S_SELF_REMEDIED].present && in[S_SELF_REMEDIED].b;
    req.facts.not_duty_related = in[S_NOT_DUTY].present && in[S_NOT_DUTY].b;
    req.facts.degradation = in[S_DEGRADATION].present && in[S_DEGRADATION].b;
    req.facts.disunity = in[S_DISUNITY].present && in[S_DISUNITY].b;
    req.facts.sub_disciplined = (int)in[S_SUB_DISC].i;
    req.facts.sub_unremedied = (int)in[S_SUB_UNREM].i;
    req.facts.has_sub_unremedied = in[S_SUB_UNREM].present;
    req.facts.sub_remedied = (int)in[S_SUB_REM].i;
    req.override_reason = in[S_OVERRIDE].present ? in[S_OVERRIDE].s : NULL;
    if ((rc = targets_in(in, S_T_TOTAL, "targets", &req.facts.targets, e)) ||
        (rc = targets_in(in, S_U_TOTAL, "unit_targets", &req.facts.unit_targets, e)))
        goto out;
    req.facts.targets.key_missed = in[S_T_KEY].present && in[S_T_KEY].b;
    req.facts.targets.force_majeure = in[S_FORCE_MAJEURE].present && in[S_FORCE_MAJEURE].b;
    req.facts.unit_targets.key_missed = in[S_U_KEY].present && in[S_U_KEY].b;
    req.facts.unit_targets.force_majeure = req.facts.targets.force_majeure;
    req.facts.se_targets_missed = in[S_SE_MISSED].present && in[S_SE_MISSED].b;
    if (in[S_UNITS].present != in[S_UNITS_KHTNV].present ||
        in[S_SHORT_TOTAL].present != in[S_SHORT_REM].present) {
        rc = tcxd_fail(e, TCXD_EINVAL,
                       in[S_UNITS].present != in[S_UNITS_KHTNV].present ? "units_in_charge_khtnv"
                                                                        : "shortcomings_remedied",
                       "give %s with its total",
                       in[S_UNITS].present != in[S_UNITS_KHTNV].present ? "units_in_charge_khtnv"
                                                                        : "shortcomings_remedied");
        goto out;
    }
    req.facts.units_in_charge = (int)in[S_UNITS].i;
    req.facts.units_in_charge_khtnv = (int)in[S_UNITS_KHTNV].i;
    req.facts.shortcomings_total = (int)in[S_SHORT_TOTAL].i;
    req.facts.shortcomings_remedied = (int)in[S_SHORT_REM].i;
    bool targets_given = false;
    for (int f = S_T_TOTAL; f <= S_SHORT_REM; f++)
        targets_given = targets_given || in[f].present;
    if (req.step != REVIEW_STEP_VERIFY &&
        (req.facts.has_votes || req.facts.self_remedied || req.facts.not_duty_related ||
         req.facts.degradation || req.facts.disunity || req.facts.sub_disciplined ||
         req.facts.sub_unremedied || req.facts.sub_remedied || targets_given)) {
        rc = tcxd_fail(e, TCXD_EINVAL, "step", "the entered facts belong to verify");
        goto out;
    }
    if ((rc = store_review_step(c->st, &c->actor, &k, &req, NULL, e)))
        goto out;
    rc = answer_review(c, 201, &k, REVIEW_LEVEL__MAX, e);
out:
    free(entries);
    free(sbuf);
    return rc;
}

enum tcxd_err api_review_member_step(struct http_ctx *c, struct tcxd_error *e)
{
    return step(c, true, e);
}

enum tcxd_err api_review_org_step(struct http_ctx *c, struct tcxd_error *e)
{
    return step(c, false, e);
}

/* ---- reports ---- */

static enum tcxd_err report(struct http_ctx *c, const struct http_value *org, int year,
                            struct review_report *r, struct org_info *o, struct tcxd_error *e)
{
    int64_t id = org->present ? org->i : c->sess.scope_org_id;
    enum tcxd_err rc = http_org_get(c, id, review_report_date(year), "org", o, e);
    if (rc)
        return rc;
    return store_review_report(c->st, o->id, year, r, e);
}

enum tcxd_err api_review_report(struct http_ctx *c, struct tcxd_error *e)
{
    struct review_report r;
    struct org_info o;
    enum tcxd_err rc = report(c, &c->q[PQ_ORG], (int)c->q[PQ_YEAR].i, &r, &o, e);
    if (rc)
        return rc;
    bool items = c->q[PQ_ITEMS].present && c->q[PQ_ITEMS].b;
    /* naming the unreviewed is its own question: the levels page asks for the reviews (items)
       and would otherwise wait for the name of every member of a city never reviewed */
    bool named = c->q[PQ_UNREVIEWED].present && c->q[PQ_UNREVIEWED].b;
    if ((rc = engine_enabled() ? engine_review_unreviewed(c->st, &r, named, e)
                               : store_review_unreviewed(c->st, &r, named, e))) {
        review_report_release(&r);
        return rc;
    }
    json_t *j = review_report_json(&r, items);
    json_object_set_new(j, "org", api_org_json(&o));
    http_json(c, 200, j);
    review_report_release(&r);
    return TCXD_OK;
}

enum tcxd_err api_review_leniency(struct http_ctx *c, struct tcxd_error *e)
{
    review_points threshold = REVIEW_POINTS(5);
    struct review_report r;
    struct org_info o;
    enum tcxd_err rc;
    if (c->q[LQ_THRESHOLD].present &&
        (rc = review_points_parse(c->q[LQ_THRESHOLD].s, &threshold, "threshold", e)))
        return rc;
    if ((rc = report(c, &c->q[LQ_ORG], (int)c->q[LQ_YEAR].i, &r, &o, e)))
        return rc;
    json_t *j = review_leniency_json(&r, threshold);
    json_object_set_new(j, "org", api_org_json(&o));
    http_json(c, 200, j);
    review_report_release(&r);
    return TCXD_OK;
}

/* ---- weak organizations ---- */

struct weak_list {
    struct weak_org_row *v;
    size_t n, cap;
    const char *basis;
};

static void weak_row(void *ctx, const struct weak_org_row *w)
{
    struct weak_list *l = ctx;
    if (l->basis && strcmp(l->basis, w->basis))
        return;
    ALLOC_GROW(l->v, l->n + 1, l->cap);
    l->v[l->n++] = *w;
}

enum tcxd_err api_review_weak_list(struct http_ctx *c, struct tcxd_error *e)
{
    int from = (int)c->q[WQ_FROM].i;
    int to = c->q[WQ_TO].present ? (int)c->q[WQ_TO].i : from;
    int64_t id = c->q[WQ_ORG].present ? c->q[WQ_ORG].i : c->sess.scope_org_id;
    struct org_info o;
    enum tcxd_err rc = http_org_get(c, id, review_report_date(to), "org", &o, e);
    if (rc)
        return rc;
    struct weak_list l = {NULL, 0, 0, c->q[WQ_BASIS].present ? c->q[WQ_BASIS].s : NULL};
    if ((rc = store_weak_list(c->st, o.id, from, to, weak_row, &l, e))) {
        free(l.v);
        return rc;
    }
    json_t *j = weak_lists_json(l.v, l.n, c->q[WQ_AS_OF].present ? c->q[WQ_AS_OF].d : DATE_NONE);
    free(l.v);
    json_object_set_new(j, "org", api_org_json(&o));
    json_object_set_new(j, "year_from", json_integer(from));
    json_object_set_new(j, "year_to", json_integer(to));
    http_json(c, 200, j);
    return TCXD_OK;
}

static enum tcxd_err weak_req(const struct http_value *plan, const struct http_value *resp,
                              const struct http_value *deadline, const struct http_value *status,
                              const struct http_value *cons, struct weak_org_req *r,
                              struct tcxd_error *e)
{
    memset(r, 0, sizeof(*r));
    r->plan = plan->present ? plan->s : NULL;
    r->responsible = resp->present ? resp->s : NULL;
    r->deadline = deadline->present ? deadline->d : DATE_NONE;
    r->consolidated_on = cons->present ? cons->d : DATE_NONE;
    r->listed_on = DATE_NONE;
    r->status = -1;
    if (status->present) {
        enum weak_status s;
        enum tcxd_err rc = weak_status_parse(status->s, &s, e);
        if (rc)
            return rc;
        r->status = (int)s;
    }
    return TCXD_OK;
}

static enum tcxd_err weak_answer(struct http_ctx *c, int status, int64_t id, struct tcxd_error *e)
{
    struct weak_org_row w;
    enum tcxd_err rc = store_weak_get(c->st, id, &w, e);
    if (!rc)
        http_json(c, status, weak_org_json(&w));
    return rc;
}

enum tcxd_err api_review_weak_add(struct http_ctx *c, struct tcxd_error *e)
{
    const struct http_value *in = c->in;
    struct weak_org_req req;
    struct org_info o;
    int64_t id;
    int year = (int)in[W_YEAR].i;
    enum tcxd_err rc;
    if ((rc = http_org_get(c, in[W_ORG].i, review_report_date(year), "org_id", &o, e)) ||
        (rc = weak_req(&in[W_PLAN], &in[W_RESPONSIBLE], &in[W_DEADLINE], &in[W_STATUS],
                       &in[W_CONSOLIDATED_ON], &req, e)))
        return rc;
    req.basis = in[W_BASIS].present ? in[W_BASIS].s : NULL;
    req.listed_on = in[W_LISTED_ON].present ? in[W_LISTED_ON].d : DATE_NONE;
    if ((rc = store_weak_add(c->st, &c->actor, o.id, year, &req, &id, e)))
        return rc;
    return weak_answer(c, 201, id, e);
}

enum tcxd_err api_review_weak_update(struct http_ctx *c, struct tcxd_error *e)
{
    const struct http_value *in = c->in;
    struct weak_org_req req;
    struct weak_org_row w;
    enum tcxd_err rc;
    if (store_weak_get(c->st, c->ids[0], &w, NULL) || !http_org_in_scope(c, w.org_id))
        return tcxd_fail(e, TCXD_ENOTFOUND, "id", "no weak organization entry #%lld",
                         (long long)c->ids[0]);
    if ((rc = weak_req(&in[U_PLAN], &in[U_RESPONSIBLE], &in[U_DEADLINE], &in[U_STATUS],
                       &in[U_CONSOLIDATED_ON], &req, e)))
        return rc;
    if (!req.plan && !req.responsible && req.deadline == DATE_NONE && req.status < 0 &&
        req.consolidated_on == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "", "nothing to change");
    if ((rc = store_weak_update(c->st, &c->actor, w.id, &req, e)))
        return rc;
    return weak_answer(c, 200, w.id, e);
}
