/*
 * store_review_json.c - the JSON forms of rubrics, reviews, review reports and weak
 * organizations, shared by `tcxd --json review ...` and the HTTP API so both answer alike
 * (documented in docs/api-contract.md, "Quality review").
 */
#include "store/store_review.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "util/banned.h"

const char *review_level_label_for(const struct review_ruleset *rs, enum review_subject s,
                                   enum review_level l)
{
    if (rs && rs->legacy_levels) {
        if (review_subject_is_party_org(s))
            return review_legacy_org_label(review_legacy_org_from_level(l));
        if (!review_subject_is_collective(s))
            return review_legacy_member_label(review_legacy_member_from_level(l));
    }
    return review_level_label(l);
}

const char *review_level_label_legacy(const struct review_ruleset *rs, enum review_subject s,
                                      enum review_level l, int legacy)
{
    if (rs && rs->legacy_levels && legacy >= 0) {
        if (review_subject_is_party_org(s) && legacy < REVIEW_LEGACY_ORG__MAX)
            return review_legacy_org_label((enum review_legacy_org)legacy);
        if (!review_subject_is_collective(s) && legacy < REVIEW_LEGACY_MEMBER__MAX)
            return review_legacy_member_label((enum review_legacy_member)legacy);
    }
    return review_level_label_for(rs, s, l);
}

enum tcxd_err review_level_resolve(const struct review_ruleset *rs, enum review_subject s,
                                   const char *text, enum review_level *level, int *legacy,
                                   struct tcxd_error *e)
{
    struct tcxd_error ig;
    enum review_legacy_org lo;
    enum review_legacy_member lm;
    bool member = !review_subject_is_collective(s), org = review_subject_is_party_org(s);
    *legacy = -1;
    if (!text || !*text)
        return tcxd_fail(e, TCXD_EINVAL, "level", "the level is required");
    if (rs && rs->legacy_levels) {
        if (member && review_legacy_member_parse(text, &lm, &ig) == TCXD_OK) {
            *level = review_legacy_member_level(lm);
            *legacy = (int)lm;
            return TCXD_OK;
        }
        if (org && review_legacy_org_parse(text, &lo, &ig) == TCXD_OK) {
            *level = review_legacy_org_level(lo);
            *legacy = (int)lo;
            return TCXD_OK;
        }
        if (review_level_parse(text, level, &ig) == TCXD_OK) {
            *legacy = member ? (int)review_legacy_member_from_level(*level)
                      : org  ? (int)review_legacy_org_from_level(*level)
                             : -1;
            return TCXD_OK;
        }
    } else {
        if (review_level_parse(text, level, &ig) == TCXD_OK)
            return TCXD_OK;
        if (review_legacy_org_parse(text, &lo, &ig) == TCXD_OK) {
            *level = review_legacy_org_level(lo);
            return TCXD_OK;
        }
        if (review_legacy_member_parse(text, &lm, &ig) == TCXD_OK) {
            *level = review_legacy_member_level(lm);
            return TCXD_OK;
        }
    }
    return tcxd_fail(e, TCXD_EINVAL, "level", "unknown review level '%s'", text);
}

const char *review_group_board_noun(enum review_group g)
{
    static const char *const nouns[REVIEW_GROUP__MAX] = {
        [REVIEW_GROUP_BASE] = "tổ chức cơ sở Đảng",
        [REVIEW_GROUP_COMMITTEE] = "đảng bộ cấp trên cơ sở trực thuộc",
        [REVIEW_GROUP_BRANCH] = "tổ chức đảng trực thuộc đảng ủy cơ sở",
        [REVIEW_GROUP_MEMBER] = "đảng viên",
    };
    return (unsigned)g < REVIEW_GROUP__MAX ? nouns[g] : "";
}

void review_report_board_sentence(struct buf *b, const struct review_report *r, enum review_group g,
                                  const char *org_name)
{
    struct review_tally t[REVIEW_LEGACY_ORG__MAX];
    size_t n = 0;
    const int *lg = r->legacy[g];
    if (r->rs && r->rs->legacy_levels && g != REVIEW_GROUP_MEMBER) {
        t[n++] =
            (struct review_tally){review_legacy_org_phrase(REVIEW_LEGACY_ORG_TSVM), true,
                                  lg[REVIEW_LEGACY_ORG_TSVM] + lg[REVIEW_LEGACY_ORG_TSVM_TIEU_BIEU],
                                  review_legacy_org_phrase(REVIEW_LEGACY_ORG_TSVM_TIEU_BIEU),
                                  lg[REVIEW_LEGACY_ORG_TSVM_TIEU_BIEU]};
        for (int l = REVIEW_LEGACY_ORG_HTTNV; l < REVIEW_LEGACY_ORG__MAX; l++)
            t[n++] = (struct review_tally){review_legacy_org_phrase((enum review_legacy_org)l),
                                           false, lg[l], NULL, 0};
    } else if (r->rs && r->rs->legacy_levels) {
        for (int l = 0; l < REVIEW_LEGACY_MEMBER__MAX; l++)
            t[n++] = (struct review_tally){
                review_legacy_member_phrase((enum review_legacy_member)l), false, lg[l], NULL, 0};
    } else {
        for (int l = 0; l < REVIEW_LEVEL__MAX; l++)
            t[n++] = (struct review_tally){review_level_phrase((enum review_level)l), false,
                                           r->counts[g].n[l], NULL, 0};
    }
    review_board_sentence(b, r->year, org_name, review_group_board_noun(g), r->counts[g].total, t,
                          n, r->undecided[g]);
}

static json_t *date_json(tcxd_date d)
{
    if (d == DATE_NONE || d == DATE_OPEN_END)
        return json_null();
    char s[DATE_ISO_LEN];
    date_format_iso(d, s);
    return json_string(s);
}

static json_t *points(review_points p)
{
    return json_real(p / 100.0);
}

static json_t *share(int num, int den)
{
    return json_real(review_share_tenths(num, den) / 10.0);
}

json_t *review_rubric_json(const struct store_rubric *r)
{
    json_t *groups = json_array();
    for (size_t g = 0; g < r->r.n_groups; g++) {
        json_t *crit = json_array();
        for (size_t i = 0; i < r->r.n_criteria; i++)
            if (r->r.criteria[i].group == g)
                json_array_append_new(
                    crit, json_pack("{s:s, s:s, s:o}", "code", r->r.criteria[i].code, "name",
                                    r->r.criteria[i].name, "max", points(r->r.criteria[i].max)));
        json_array_append_new(groups, json_pack("{s:s, s:s, s:o, s:o}", "code", r->r.groups[g].code,
                                                "name", r->r.groups[g].name, "max",
                                                points(r->r.groups[g].max), "criteria", crit));
    }
    json_t *j = json_pack(
        "{s:I, s:s, s:s, s:s, s:i, s:i, s:i, s:b, s:b}", "id", (json_int_t)r->id, "name",
        r->r.name ? r->r.name : "", "subject", review_subject_name(r->r.subject), "subject_label",
        review_subject_label(r->r.subject), "year_from", r->r.year_from, "year_to", r->r.year_to,
        "version", r->version, "builtin", r->id == 0, "graded", store_rubric_graded(&r->r));
    if (r->id) {
        json_object_set_new(j, "created_at", json_string(r->created_at));
        json_object_set_new(j, "created_by", json_string(r->created_by));
    }
    if (r->r.n_groups)
        json_object_set_new(j, "groups", groups);
    else
        json_decref(groups);
    return j;
}

static json_t *level_json(const struct store_review *rv, enum review_level l)
{
    return json_pack("{s:s, s:s, s:s}", "level", review_level_name(l), "code", review_level_code(l),
                     "label", review_level_label_for(rv->rs, rv->subject, l));
}

static json_t *proposal_to_json(const struct store_review *rv, const struct review_proposal *p)
{
    json_t *reasons = json_array();
    for (size_t i = 0; i < p->n_reasons; i++)
        json_array_append_new(reasons, json_string(p->reasons[i]));
    json_t *j = level_json(rv, p->level);
    json_object_set_new(j, "score_level", json_string(review_level_name(p->score_level)));
    json_object_set_new(j, "forced", json_boolean(p->forced));
    json_object_set_new(j, "reasons", reasons);
    return j;
}

static json_t *lines_json(const char *text)
{
    json_t *a = json_array();
    const char *p = text;
    while (p && *p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n)
            json_array_append_new(a, json_stringn(p, n));
        p = nl ? nl + 1 : p + n;
    }
    return a;
}

static const char *legacy_name(const struct store_review *rv, int legacy)
{
    return review_subject_is_collective(rv->subject)
               ? review_legacy_org_name((enum review_legacy_org)legacy)
               : review_legacy_member_name((enum review_legacy_member)legacy);
}

json_t *review_json(const struct store_review *rv, const struct review_preview *pv)
{
    json_t *j = json_pack(
        "{s:I, s:i, s:s, s:s, s:I, s:s, s:s, s:{s:s, s:s, s:s, s:b}, s:{s:I, s:s}, s:o, s:s, s:s}",
        "id", (json_int_t)rv->id, "year", rv->year, "subject", review_subject_name(rv->subject),
        "subject_label", review_subject_label(rv->subject), "org_id", (json_int_t)rv->org_id,
        "org_code", rv->org_code, "name", rv->subject_name, "ruleset", "name", rv->rs->name,
        "legal_basis", review_legal_basis(rv->rs, rv->year), "scoring",
        rv->rs->scoring == REVIEW_SCORING_POINTS ? "points" : "grades", "legacy_levels",
        rv->rs->legacy_levels, "rubric", "id", (json_int_t)rv->rubric_id, "name", rv->rubric_name,
        "review_date", date_json(rv->review_date), "state", review_state_name(rv->state),
        "state_label", review_state_label(rv->state));
    json_object_set_new(j, "member_id", rv->member_id ? json_integer(rv->member_id) : json_null());
    json_object_set_new(j, "locked", json_boolean(review_state_locked(rv->state)));

    json_t *x = json_null();
    if (rv->has_self) {
        x = level_json(rv, rv->self_level);
        json_object_set_new(x, "total", rv->has_self_total ? points(rv->self_total) : json_null());
    }
    json_object_set_new(j, "self", x);
    x = json_null();
    if (rv->has_verified) {
        x = level_json(rv, rv->verified_level);
        json_object_set_new(x, "total",
                            rv->has_verified_total ? points(rv->verified_total) : json_null());
    }
    json_object_set_new(j, "verified", x);
    x = json_null();
    if (rv->has_final) {
        x = level_json(rv, rv->final_level);
        if (rv->rs->legacy_levels && rv->final_legacy >= 0) {
            json_object_set_new(x, "label",
                                json_string(review_level_label_legacy(
                                    rv->rs, rv->subject, rv->final_level, rv->final_legacy)));
            json_object_set_new(x, "legacy_level", json_string(legacy_name(rv, rv->final_legacy)));
        }
        json_object_set_new(x, "historical", json_boolean(rv->historical));
        json_object_set_new(x, "decision_no", json_string(rv->decision_no));
        json_object_set_new(x, "decision_date", date_json(rv->decision_date));
    }
    json_object_set_new(j, "final", x);

    json_t *steps = json_array();
    for (size_t i = 0; i < rv->n_steps; i++) {
        const struct review_step_row *s = &rv->steps[i];
        json_t *sj =
            json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)s->id,
                      "step", review_step_name(s->step), "step_label", review_step_label(s->step),
                      "level", review_level_name(s->level), "level_label",
                      review_level_label_legacy(rv->rs, rv->subject, s->level, s->legacy), "text",
                      s->text ? s->text : "", "decision_no", s->decision_no ? s->decision_no : "",
                      "by", s->username ? s->username : "", "at", s->at);
        json_object_set_new(sj, "by_name", json_string(s->user_full_name ? s->user_full_name : ""));
        json_object_set_new(sj, "total", s->has_total ? points(s->total) : json_null());
        json_object_set_new(sj, "decision_date", date_json(s->decision_date));
        json_object_set_new(sj, "cap_exception",
                            json_string(s->cap_exception ? s->cap_exception : ""));
        json_t *sc = json_object();
        for (size_t k = 0; k < s->n_scores; k++)
            json_object_set_new(sc, s->scores[k].criterion,
                                s->scores[k].graded
                                    ? json_string(review_grade_name(s->scores[k].grade))
                                    : points(s->scores[k].points));
        json_object_set_new(sj, "scores", sc);
        json_t *pj = s->proposal ? json_loads(s->proposal, 0, NULL) : NULL;
        json_object_set_new(sj, "proposal", pj ? pj : json_null());
        json_t *fj = s->facts ? json_loads(s->facts, 0, NULL) : NULL;
        json_object_set_new(sj, "facts", fj ? fj : json_null());
        json_array_append_new(steps, sj);
    }
    json_object_set_new(j, "steps", steps);

    if (pv) {
        json_object_set_new(j, "proposal",
                            pv->has_proposal ? proposal_to_json(rv, &pv->proposal) : json_null());
        json_object_set_new(j, "cap",
                            json_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:b}", "group", pv->cap_group,
                                      "level", review_level_name(pv->level), "share_pct",
                                      pv->cap.share_pct, "excellent", pv->cap.n_excellent, "good",
                                      pv->cap.n_good, "allowed", pv->cap.allowed, "exceeded",
                                      pv->cap.exceeded));
        json_object_set_new(j, "cap_exception_allowed", json_boolean(rv->rs->cap_exception));
        json_object_set_new(j, "registry_facts", lines_json(pv->facts.ptr));
    }
    return j;
}

static json_t *counts_json(const struct review_counts *c)
{
    json_t *j = json_object();
    for (int l = 0; l < REVIEW_LEVEL__MAX; l++)
        json_object_set_new(j, review_level_name((enum review_level)l), json_integer(c->n[l]));
    json_object_set_new(j, "total", json_integer(c->total));
    return j;
}

static json_t *item_json(const struct review_report_item *it)
{
    json_t *j =
        json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s}", "review_id",
                  (json_int_t)it->review_id, "group", review_group_name(it->group), "name",
                  it->name, "code", it->code, "unit_id", (json_int_t)it->unit_id, "unit_code",
                  it->unit_code, "unit_name", it->unit_name, "state", review_state_name(it->state));
    json_object_set_new(j, "member_id", it->member_id ? json_integer(it->member_id) : json_null());
    json_object_set_new(j, "org_id", json_integer(it->org_id));
    json_object_set_new(j, "self_level",
                        it->has_self ? json_string(review_level_name(it->self_level))
                                     : json_null());
    json_object_set_new(j, "self_total", it->has_self_total ? points(it->self_total) : json_null());
    json_object_set_new(j, "verified_level",
                        it->has_verified ? json_string(review_level_name(it->verified_level))
                                         : json_null());
    json_object_set_new(j, "verified_total",
                        it->has_verified_total ? points(it->verified_total) : json_null());
    json_object_set_new(j, "final_level",
                        it->has_final ? json_string(review_level_name(it->final_level))
                                      : json_null());
    if (it->final_legacy >= 0)
        json_object_set_new(
            j, "final_legacy",
            json_string(it->member_id
                            ? review_legacy_member_name((enum review_legacy_member)it->final_legacy)
                            : review_legacy_org_name((enum review_legacy_org)it->final_legacy)));
    json_object_set_new(j, "historical", json_boolean(it->historical));
    return j;
}

json_t *review_legacy_mapping_json(void)
{
    json_t *a = json_array();
    for (int l = 0; l < REVIEW_LEGACY_ORG__MAX; l++) {
        enum review_level to = review_legacy_org_level((enum review_legacy_org)l);
        json_array_append_new(
            a, json_pack("{s:s, s:s, s:s, s:s, s:s}", "subject", "organization", "legacy",
                         review_legacy_org_name((enum review_legacy_org)l), "legacy_label",
                         review_legacy_org_label((enum review_legacy_org)l), "level",
                         review_level_name(to), "label", review_level_label(to)));
    }
    for (int l = 0; l < REVIEW_LEGACY_MEMBER__MAX; l++) {
        enum review_level to = review_legacy_member_level((enum review_legacy_member)l);
        json_array_append_new(
            a, json_pack("{s:s, s:s, s:s, s:s, s:s}", "subject", "member", "legacy",
                         review_legacy_member_name((enum review_legacy_member)l), "legacy_label",
                         review_legacy_member_label((enum review_legacy_member)l), "level",
                         review_level_name(to), "label", review_level_label(to)));
    }
    return a;
}

json_t *review_report_json(const struct review_report *r, bool with_items)
{
    bool legacy = r->rs && r->rs->legacy_levels;
    json_t *groups = json_array();
    for (int g = 0; g < REVIEW_GROUP__MAX; g++) {
        const struct review_counts *c = &r->counts[g], *p = &r->prev[g];
        json_t *levels = json_array();
        for (int l = 0; l < REVIEW_LEVEL__MAX; l++) {
            struct buf b = BUF_INIT;
            review_sentence(&b, review_group_noun((enum review_group)g), (enum review_level)l, c,
                            p);
            json_t *lj =
                json_pack("{s:s, s:s, s:s, s:i, s:o, s:i, s:i, s:o, s:s}", "level",
                          review_level_name((enum review_level)l), "code",
                          review_level_code((enum review_level)l), "label",
                          review_level_label((enum review_level)l), "count", c->n[l], "share",
                          share(c->n[l], c->total), "prev_count", p->n[l], "prev_total", p->total,
                          "prev_share", share(p->n[l], p->total), "sentence", b.ptr);
            json_object_set_new(
                lj, "change_pp",
                p->total > 0
                    ? json_real(review_change_tenths(c->n[l], c->total, p->n[l], p->total) / 10.0)
                    : json_null());
            buf_release(&b);
            json_array_append_new(levels, lj);
        }
        json_t *gj = json_pack(
            "{s:s, s:s, s:i, s:i, s:o, s:o, s:o}", "group", review_group_name((enum review_group)g),
            "noun", review_group_noun((enum review_group)g), "total", c->total, "undecided",
            r->undecided[g], "levels", levels, "self", counts_json(&r->self_counts[g]), "verified",
            counts_json(&r->verified_counts[g]));
        struct buf b = BUF_INIT;
        review_report_board_sentence(&b, r, (enum review_group)g, r->root_name);
        json_object_set_new(gj, "board_sentence", json_string(b.ptr));
        buf_release(&b);
        json_object_set_new(gj, "historical", json_integer(r->historical[g]));
        json_object_set_new(gj, "unreviewed",
                            r->has_unreviewed ? json_integer(r->unreviewed[g]) : json_null());
        if (legacy) {
            bool member = g == REVIEW_GROUP_MEMBER;
            json_t *lj = json_array();
            int n = member ? REVIEW_LEGACY_MEMBER__MAX : REVIEW_LEGACY_ORG__MAX;
            for (int l = 0; l < n; l++)
                json_array_append_new(
                    lj,
                    json_pack("{s:s, s:s, s:i, s:o, s:s}", "level",
                              member ? review_legacy_member_name((enum review_legacy_member)l)
                                     : review_legacy_org_name((enum review_legacy_org)l),
                              "label",
                              member ? review_legacy_member_label((enum review_legacy_member)l)
                                     : review_legacy_org_label((enum review_legacy_org)l),
                              "count", r->legacy[g][l], "share", share(r->legacy[g][l], c->total),
                              "maps_to",
                              review_level_name(
                                  member ? review_legacy_member_level((enum review_legacy_member)l)
                                         : review_legacy_org_level((enum review_legacy_org)l))));
            json_object_set_new(gj, "legacy_levels", lj);
        }
        json_array_append_new(groups, gj);
    }
    json_t *j = json_pack("{s:i, s:I, s:s, s:o}", "year", r->year, "org_id", (json_int_t)r->root_id,
                          "org_name", r->root_name, "groups", groups);
    json_object_set_new(j, "ruleset", r->rs ? json_string(r->rs->name) : json_null());
    json_object_set_new(j, "legal_basis",
                        r->rs ? json_string(review_legal_basis(r->rs, r->year)) : json_null());
    json_object_set_new(j, "legacy_levels", json_boolean(legacy));
    if (legacy)
        json_object_set_new(j, "mapping", review_legacy_mapping_json());
    if (r->has_unreviewed) {
        json_t *x = json_object();
        for (int k = REVIEW_INCLUDED + 1; k < REVIEW_EXCLUSION__MAX; k++)
            json_object_set_new(x, review_exclusion_name((enum review_exclusion)k),
                                json_integer(r->excluded[k]));
        json_object_set_new(j, "excluded_members", x);
    }
    if (with_items) {
        json_t *items = json_array();
        for (size_t i = 0; i < r->n_items; i++)
            json_array_append_new(items, item_json(&r->items[i]));
        json_object_set_new(j, "items", items);
    }
    if (r->named_unreviewed) {
        json_t *items = json_array();
        for (size_t i = 0; i < r->n_missing; i++) {
            const struct review_missing *m = &r->missing[i];
            json_array_append_new(
                items,
                json_pack("{s:s, s:o, s:I, s:s, s:s}", "group", review_group_name(m->group),
                          "member_id", m->member_id ? json_integer(m->member_id) : json_null(),
                          "org_id", (json_int_t)m->org_id, "code", m->code, "name", m->name));
        }
        json_object_set_new(j, "unreviewed_items", items);
    }
    return j;
}

json_t *review_leniency_json(const struct review_report *r, review_points threshold)
{
    json_t *subjects = json_array(), *orgs = json_array();
    struct unit {
        int64_t id;
        const char *code, *name;
        int compared, lenient, by_levels;
        review_points excess; /* over the lenient ones measured by points */
    } *u = NULL;
    size_t nu = 0, cap = 0;
    for (size_t i = 0; i < r->n_items; i++) {
        const struct review_report_item *it = &r->items[i];
        /* by points where both totals exist; in years scored by grades (2018-2024: no totals)
           by levels, a self-assessed level above the verified one being lenient */
        bool by_points = it->has_self_total && it->has_verified_total;
        if (!by_points && !(it->has_self && it->has_verified))
            continue;
        size_t k = 0;
        while (k < nu && u[k].id != it->unit_id)
            k++;
        if (k == nu) {
            ALLOC_GROW(u, nu + 1, cap);
            u[nu++] = (struct unit){it->unit_id, it->unit_code, it->unit_name, 0, 0, 0, 0};
        }
        u[k].compared++;
        int above = (int)it->verified_level - (int)it->self_level; /* HTXSNV is 0 */
        if (by_points ? !review_lenient(it->self_total, it->verified_total, threshold) : above <= 0)
            continue;
        u[k].lenient++;
        json_t *sj = item_json(it);
        json_object_set_new(sj, "measure", json_string(by_points ? "points" : "levels"));
        if (by_points) {
            u[k].excess += it->self_total - it->verified_total;
            json_object_set_new(sj, "difference", points(it->self_total - it->verified_total));
        } else {
            u[k].by_levels++;
            json_object_set_new(sj, "difference", json_null());
        }
        json_object_set_new(sj, "levels_above", json_integer(above > 0 ? above : 0));
        json_array_append_new(subjects, sj);
    }
    for (size_t k = 0; k < nu; k++)
        json_array_append_new(
            orgs,
            json_pack("{s:I, s:s, s:s, s:i, s:i, s:o, s:o}", "org_id", (json_int_t)u[k].id, "code",
                      u[k].code, "name", u[k].name, "compared", u[k].compared, "lenient",
                      u[k].lenient, "share", share(u[k].lenient, u[k].compared), "mean_excess",
                      u[k].lenient > u[k].by_levels
                          ? json_real(u[k].excess / 100.0 / (u[k].lenient - u[k].by_levels))
                          : json_real(0)));
    free(u);

    /* distribution of self vs verified vs final levels, every group together */
    json_t *dist = json_array();
    for (int l = 0; l < REVIEW_LEVEL__MAX; l++) {
        int s = 0, v = 0, f = 0;
        for (int g = 0; g < REVIEW_GROUP__MAX; g++) {
            s += r->self_counts[g].n[l];
            v += r->verified_counts[g].n[l];
            f += r->counts[g].n[l];
        }
        json_array_append_new(dist, json_pack("{s:s, s:s, s:i, s:i, s:i}", "level",
                                              review_level_name((enum review_level)l), "label",
                                              review_level_label((enum review_level)l), "self", s,
                                              "verified", v, "final", f));
    }
    return json_pack("{s:i, s:I, s:o, s:o, s:o, s:o}", "year", r->year, "org_id",
                     (json_int_t)r->root_id, "threshold", points(threshold), "subjects", subjects,
                     "by_org", orgs, "distribution", dist);
}

json_t *weak_org_json(const struct weak_org_row *w)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:i, s:s, s:s, s:s, s:o, s:s, s:s, s:o}", "id",
                     (json_int_t)w->id, "org_id", (json_int_t)w->org_id, "code", w->code, "name",
                     w->name, "year", w->year, "source", w->source, "plan", w->plan, "responsible",
                     w->responsible, "deadline", date_json(w->deadline), "status",
                     weak_status_name(w->status), "status_label", weak_status_label(w->status),
                     "consolidated_on", date_json(w->consolidated_on));
}

json_t *weak_lists_json(const struct weak_org_row *rows, size_t n, tcxd_date as_of)
{
    if (as_of == DATE_NONE)
        as_of = date_today();
    struct review_weak_entry *v = xcalloc(n ? n : 1, sizeof(*v));
    struct review_weak_tally *t = xcalloc(n ? n : 1, sizeof(*t));
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        v[i] = (struct review_weak_entry){rows[i].org_id, rows[i].year, rows[i].basis,
                                          rows[i].listed_on, rows[i].consolidated_on};
        json_t *w = weak_org_json(&rows[i]);
        json_object_set_new(
            w, "consolidated_as_of",
            json_boolean(rows[i].consolidated_on != DATE_NONE && rows[i].consolidated_on <= as_of));
        json_array_append_new(items, w);
    }
    size_t nt = review_weak_tally(v, n, as_of, t);
    json_t *lists = json_array();
    int total = 0, cons = 0;
    for (size_t k = 0; k < nt; k++) {
        struct buf b = BUF_INIT;
        if (t[k].basis[0])
            buf_addf(&b, "%s: ", t[k].basis);
        review_consolidation_sentence(&b, t[k].consolidated, t[k].total);
        json_array_append_new(lists,
                              json_pack("{s:s, s:i, s:i, s:o, s:s}", "basis", t[k].basis, "total",
                                        t[k].total, "consolidated", t[k].consolidated, "share",
                                        share(t[k].consolidated, t[k].total), "sentence", b.ptr));
        buf_release(&b);
        total += t[k].total;
        cons += t[k].consolidated;
    }
    struct buf b = BUF_INIT;
    review_consolidation_sentence(&b, cons, total);
    json_t *j = json_pack("{s:o, s:o, s:o, s:i, s:i, s:o, s:s}", "as_of", date_json(as_of), "items",
                          items, "lists", lists, "total", total, "consolidated", cons, "share",
                          share(cons, total), "sentence", b.ptr);
    buf_release(&b);
    free(v);
    free(t);
    return j;
}
