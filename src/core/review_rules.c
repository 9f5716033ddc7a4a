/*
 * review_rules.c - the rule sets of the annual quality review, as data, and the level
 * proposal that applies them (see review.h and /work/shared/domain.md §1).
 *
 * Each rule set lists the review years it judges. Parameters the sources did not confirm are
 * defaults carried over from the neighbouring rule set and named in `unconfirmed`.
 */
#include "core/review.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/msg.h"
#include "util/xmalloc.h"
#include "util/banned.h"

static const struct review_ruleset rulesets[REVIEW_RULES__MAX] = {
    [REVIEW_RULES_HD27_2014] =
        {
            .id = REVIEW_RULES_HD27_2014,
            .name = "hd27-2014",
            .legal_basis = "Hướng dẫn 27-HD/BTCTW (2014) về đánh giá, xếp loại chất lượng tổ chức "
                           "cơ sở đảng và đảng viên",
            .effective_from = 2014,
            .effective_to = 2017,
            .legacy_levels = true,
            .scoring = REVIEW_SCORING_POINTS,
            .band_min = {REVIEW_POINTS(90), REVIEW_POINTS(70), REVIEW_POINTS(50), 0},
            .cap_share_pct = 0,
            .discipline_min_form = REVIEW_DISC_KHIEN_TRACH,
            .discipline_spared_max = REVIEW_HTTNV,
            .leader_member_min_form = REVIEW_DISC_NONE,
            .chi_bo_khtnv_num = 1,
            .chi_bo_khtnv_den = 2, /* chi bộ: > 1/2 members KHTNV */
            .dang_bo_khtnv_num = 1,
            .dang_bo_khtnv_den = 3, /* đảng bộ: > 1/3 sub-orgs yếu kém */
            .new_member_months = 6,
            .unconfirmed =
                "score bands 90 and 70 (only the 50-point floor of Yếu kém is confirmed); "
                "a disciplined member rated Vi phạm tư cách; the 6-month exclusion",
        },
    [REVIEW_RULES_QD132_2018] =
        {
            .id = REVIEW_RULES_QD132_2018,
            .name = "qd132-2018",
            .legal_basis = "Quy định 132-QĐ/TW (08/03/2018); Hướng dẫn 21-HD/BTCTW (18/10/2019)",
            .effective_from = 2018,
            .effective_to = 2022,
            .scoring = REVIEW_SCORING_GRADES,
            .cap_share_pct = 20, /* members: per base organization (HD 21) */
            .org_excellent_pass_pct = 100,
            .org_excellent_good_pct = 80,
            .discipline_min_form = REVIEW_DISC_KHIEN_TRACH, /* disciplined in the year */
            .discipline_spared_max = REVIEW_HTTNV,
            .self_min_pct = 50,       /* individual: < 50% of targets */
            .collective_min_pct = 50, /* leadership collective: unit < 50% of targets */
            .collective_discipline = true,
            .leader_member_min_form = REVIEW_DISC_CANH_CAO, /* a leadership member cảnh cáo+ */
            .new_member_months = 6,
            .unconfirmed = "per-criterion grades as the scoring form; the 6-month exclusion",
        },
    [REVIEW_RULES_QD124_2023] =
        {
            .id = REVIEW_RULES_QD124_2023,
            .name = "qd124-2023",
            .legal_basis = "Quy định 124-QĐ/TW (04/10/2023); Hướng dẫn 25-HD/BTCTW (2023)",
            .effective_from = 2023,
            .effective_to = 2024,
            .scoring = REVIEW_SCORING_GRADES,
            .cap_share_pct = 20,          /* collectives per group of similar units */
            .excellent_exceeded_pct = 50, /* individuals: 100% on time, >= 50% exceeded */
            .excellent_no_discipline = true,
            .org_excellent_pass_pct = 100,
            .org_excellent_good_pct = 80,
            .discipline_min_form = REVIEW_DISC_KHIEN_TRACH, /* any form ... */
            .discipline_remedied_exception = true,          /* ... unless self-detected, remedied */
            .discipline_spared_max = REVIEW_HTTNV,
            .leader_unit_min_pct = 50,
            .leader_unit_key_missed = true,
            .collective_min_pct = 50,
            .collective_key_missed = true,
            .collective_discipline = true,
            .sub_disciplined_pct = 20,
            .sub_unremedied = true,
            .leader_member_min_form = REVIEW_DISC_KHIEN_TRACH,
            .leader_member_remedied_exception = true,
            .new_member_months = 6,
            .unconfirmed = "the cap for individuals; the 50%-exceeded condition applied to "
                           "collectives; the 100%/80% party-organization template; a spared "
                           "discipline capping at HTTNV",
        },
    [REVIEW_RULES_QD366_2025] =
        {
            .id = REVIEW_RULES_QD366_2025,
            .name = "qd366-2025",
            .legal_basis = "Quy định 366-QĐ/TW (30/08/2025); Hướng dẫn 43-HD/BTCTW (31/10/2025)",
            .effective_from = 2025,
            .effective_to = 0,
            .scoring = REVIEW_SCORING_POINTS,
            .max_general = REVIEW_POINTS(30),
            .max_results = REVIEW_POINTS(70),
            .band_min = {REVIEW_POINTS(90), REVIEW_POINTS(70), REVIEW_POINTS(50), 0},
            .cap_share_pct = 20,
            .cap_exception = true,
            .excellent_exceeded_pct = 30,
            .excellent_shortcomings = true,
            .excellent_no_discipline = true,
            .org_excellent_pass_pct = 100,
            .org_excellent_good_pct = 80,
            .good_all_on_time = true,
            .pass_max_late_pct = 20,
            .discipline_min_form = REVIEW_DISC_KHIEN_TRACH, /* khiển trách or higher ... */
            .discipline_duty_only = true,                   /* ... for duty-related violations */
            .discipline_spared_max = REVIEW_HTTNV,
            .low_confidence_pct = 50,
            .leader_unit_min_pct = 70,
            .leader_se_targets = true,
            .leader_units_khtnv_pct = 50,
            .collective_discipline = true,
            .sub_disciplined_pct = 20,
            .leader_member_min_form = REVIEW_DISC_NONE,
            .new_member_months = 6,
            .unconfirmed = "the 20% cap and its exception (as in Nghị định 335/2025); no "
                           "self-remedied exception; the collective discipline rules and the "
                           "100%/80% party-organization template carried over from QĐ 124; the "
                           "6-month exclusion; a spared discipline capping at HTTNV",
        },
};

const struct review_ruleset *review_ruleset_get(enum review_ruleset_id id)
{
    assert((unsigned)id < REVIEW_RULES__MAX);
    return &rulesets[id];
}

bool review_ruleset_covers(const struct review_ruleset *rs, int year)
{
    return year >= rs->effective_from && (rs->effective_to == 0 || year <= rs->effective_to);
}

/* Guidance replaced within a rule set's years (domain.md §1: 2018-2022 used QĐ 132 with HD 16
   and HD 21; HD 21 is of 18/10/2019, so the 2018 review followed HD 16; its date UNCONFIRMED). */
static const struct {
    enum review_ruleset_id rules;
    int from, to;
    const char *legal_basis;
} guidance[] = {
    {REVIEW_RULES_QD132_2018, 2018, 2018,
     "Quy định 132-QĐ/TW (08/03/2018); Hướng dẫn 16-HD/BTCTW (2018)"},
};

const char *review_legal_basis(const struct review_ruleset *rs, int year)
{
    for (size_t i = 0; i < sizeof(guidance) / sizeof(guidance[0]); i++)
        if (guidance[i].rules == rs->id && year >= guidance[i].from && year <= guidance[i].to)
            return guidance[i].legal_basis;
    return rs->legal_basis;
}

enum tcxd_err review_ruleset_for_year(int year, const struct review_ruleset **out,
                                      struct tcxd_error *e)
{
    for (size_t i = 0; i < REVIEW_RULES__MAX; i++) {
        if (review_ruleset_covers(&rulesets[i], year)) {
            *out = &rulesets[i];
            return TCXD_OK;
        }
    }
    return tcxd_fail(e, TCXD_EINVAL, "year", "no review rule set for year %d (first is %d)", year,
                     rulesets[0].effective_from);
}

enum tcxd_err review_ruleset_parse(const char *s, const struct review_ruleset **out,
                                   struct tcxd_error *e)
{
    for (size_t i = 0; i < REVIEW_RULES__MAX; i++) {
        if (strcmp(s, rulesets[i].name) == 0) {
            *out = &rulesets[i];
            return TCXD_OK;
        }
    }
    return tcxd_fail(e, TCXD_EINVAL, "ruleset", "unknown review rule set '%s'", s);
}

enum review_level review_level_for_score(const struct review_ruleset *rs, review_points score)
{
    assert(rs->scoring == REVIEW_SCORING_POINTS);
    for (int l = REVIEW_HTXSNV; l < REVIEW_KHTNV; l++)
        if (score >= rs->band_min[l])
            return (enum review_level)l;
    return REVIEW_KHTNV;
}

/* share > pct% of total, exactly */
static bool over_pct(int count, int total, int pct)
{
    return (int64_t)count * 100 > (int64_t)pct * total;
}

static bool under_pct(int count, int total, int pct)
{
    return (int64_t)count * 100 < (int64_t)pct * total;
}

bool review_org_excellent_ok(const struct review_ruleset *rs, int total, int htnv_plus,
                             int httnv_plus)
{
    if (total <= 0)
        return false;
    return !under_pct(htnv_plus, total, rs->org_excellent_pass_pct) &&
           !under_pct(httnv_plus, total, rs->org_excellent_good_pct);
}

/* ---- Proposal ---------------------------------------------------------------------------- */

void review_proposal_init(struct review_proposal *p)
{
    memset(p, 0, sizeof(*p));
    p->level = p->score_level = REVIEW_KHTNV;
}

void review_proposal_release(struct review_proposal *p)
{
    for (size_t i = 0; i < p->n_reasons; i++)
        free(p->reasons[i]);
    free(p->reasons);
    free(p->forcing);
    review_proposal_init(p);
}

TCXD_PRINTF(2, 3) static void add_reason(struct review_proposal *p, const char *fmt, ...)
{
    struct buf b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vaddf(&b, fmt, ap);
    va_end(ap);
    ALLOC_GROW(p->reasons, p->n_reasons + 1, p->alloc_reasons);
    p->forcing = xreallocarray(p->forcing, p->alloc_reasons, sizeof(*p->forcing));
    p->forcing[p->n_reasons] = false;
    p->reasons[p->n_reasons++] = buf_detach(&b, NULL);
}

/* State of one proposal while the rules run. */
struct proposer {
    const struct review_ruleset *rs;
    const struct review_facts *f;
    int year;
    struct review_proposal *p;
    enum review_level level;
};

/* The level's label as the rule set's era wrote it. */
static const char *label_of(const struct proposer *pr, enum review_level l)
{
    if (pr->rs->legacy_levels) {
        if (review_subject_is_party_org(pr->f->subject))
            return review_legacy_org_label(review_legacy_org_from_level(l));
        if (!review_subject_is_collective(pr->f->subject))
            return review_legacy_member_label(review_legacy_member_from_level(l));
    }
    return review_level_label(l);
}

/* Formats points into a small buffer for messages ("8,5"). */
static const char *points_str(review_points v, char out[24])
{
    struct buf b = BUF_INIT;
    review_points_format(&b, v);
    snprintf(out, 24, "%s", b.ptr);
    buf_release(&b);
    return out;
}

static const char *pct_str(int num, int den, char out[24])
{
    struct buf b = BUF_INIT;
    review_format_tenths_pct(&b, review_share_tenths(num, den));
    snprintf(out, 24, "%s", b.ptr);
    buf_release(&b);
    return out;
}

/* A forcing rule fired: the level becomes KHTNV. */
TCXD_PRINTF(2, 3) static void force(struct proposer *pr, const char *fmt, ...)
{
    struct buf b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vaddf(&b, fmt, ap);
    va_end(ap);
    add_reason(pr->p, "%s → %s", b.ptr, label_of(pr, REVIEW_KHTNV));
    buf_release(&b);
    pr->p->forced = true;
    pr->p->forcing[pr->p->n_reasons - 1] = true;
}

/* The level can be no better than max. */
static void cap_at(struct proposer *pr, enum review_level max)
{
    if (pr->level < max)
        pr->level = max;
}

/* A condition of level `of` fails: the level can be no better than `to`. */
TCXD_PRINTF(4, 5)
static void lower(struct proposer *pr, enum review_level of, enum review_level to, const char *fmt,
                  ...)
{
    struct buf b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vaddf(&b, fmt, ap);
    va_end(ap);
    add_reason(pr->p, "%s → không đủ điều kiện %s", b.ptr, label_of(pr, of));
    buf_release(&b);
    cap_at(pr, to);
}

static enum tcxd_err check_targets(const struct review_targets *t, const char *field,
                                   struct tcxd_error *e)
{
    if (t->total < 0 || t->done < 0 || t->on_time < 0 || t->exceeded < 0)
        return tcxd_fail(e, TCXD_EINVAL, field, "negative target count");
    if (t->done > t->total || t->on_time > t->done || t->exceeded > t->done)
        return tcxd_fail(e, TCXD_EINVAL, field,
                         "inconsistent targets: %d total, %d done, %d on time, %d exceeded",
                         t->total, t->done, t->on_time, t->exceeded);
    return TCXD_OK;
}

static enum tcxd_err check_part(int part, int whole, const char *field, const char *what,
                                struct tcxd_error *e)
{
    if (part < 0 || whole < 0 || part > whole)
        return tcxd_fail(e, TCXD_EINVAL, field, "inconsistent %s: %d of %d", msg_tr(what), part,
                         whole);
    return TCXD_OK;
}

/* Forms of §3.6: an organization is not removed from a post or expelled, a person not
   dissolved. */
static bool form_applies(enum review_discipline_form form, bool to_collective)
{
    if (to_collective)
        return form == REVIEW_DISC_KHIEN_TRACH || form == REVIEW_DISC_CANH_CAO ||
               form == REVIEW_DISC_GIAI_TAN;
    return form != REVIEW_DISC_GIAI_TAN;
}

static enum tcxd_err check_disciplines(const struct review_discipline *d, size_t n,
                                       bool to_collective, const char *field, struct tcxd_error *e)
{
    if (n && !d)
        BUG("review facts: %zu disciplines without an array", n);
    for (size_t i = 0; i < n; i++) {
        if ((unsigned)d[i].form >= REVIEW_DISC__MAX)
            return tcxd_fail(e, TCXD_EINVAL, field, "unknown discipline form %d", (int)d[i].form);
        if (!form_applies(d[i].form, to_collective))
            return tcxd_fail(e, TCXD_EINVAL, field, "discipline form '%s' does not apply to %s",
                             review_discipline_name(d[i].form),
                             to_collective ? MSG_T("an organization") : MSG_T("a person"));
        if (d[i].date == DATE_NONE)
            return tcxd_fail(e, TCXD_EINVAL, field, "discipline without a date");
    }
    return TCXD_OK;
}

static enum tcxd_err check_facts(const struct review_ruleset *rs, int year,
                                 const struct review_facts *f, struct tcxd_error *e)
{
    enum tcxd_err rc;
    char s1[24], s2[24];

    assert((unsigned)f->subject < REVIEW_SUBJECT__MAX);
    if (!review_ruleset_covers(rs, year))
        return tcxd_fail(e, TCXD_EINVAL, "year", "rule set %s does not judge reviews of %d",
                         rs->name, year);
    if (rs->scoring == REVIEW_SCORING_POINTS) {
        review_points max = rs->max_general + rs->max_results;
        if (max == 0)
            max = REVIEW_POINTS(100);
        if (!f->has_score)
            return tcxd_fail(e, TCXD_EINVAL, "score", "missing verified score (rule set %s)",
                             rs->name);
        if (f->score < 0 || f->score > max)
            return tcxd_fail(e, TCXD_EINVAL, "score", "score %s outside 0..%s",
                             points_str(f->score, s1), points_str(max, s2));
    } else {
        if (!f->has_grades)
            return tcxd_fail(e, TCXD_EINVAL, "grades", "missing criterion grades (rule set %s)",
                             rs->name);
        if (f->n_grades && !f->grades)
            BUG("review facts: %zu grades without an array", f->n_grades);
        if ((unsigned)f->results_grade >= REVIEW_GRADE__MAX)
            return tcxd_fail(e, TCXD_EINVAL, "grades", "unknown grade %d", (int)f->results_grade);
        for (size_t i = 0; i < f->n_grades; i++)
            if ((unsigned)f->grades[i] >= REVIEW_GRADE__MAX)
                return tcxd_fail(e, TCXD_EINVAL, "grades", "unknown grade %d", (int)f->grades[i]);
    }
    if ((rc = check_targets(&f->targets, "targets", e)) ||
        (rc = check_targets(&f->unit_targets, "unit_targets", e)) ||
        (rc = check_part(f->shortcomings_remedied, f->shortcomings_total, "shortcomings",
                         MSG_N("remedied shortcomings"), e)) ||
        (rc = check_part(f->votes_low, f->votes_returned, "votes", MSG_N("low-confidence votes"),
                         e)) ||
        (rc = check_part(f->units_in_charge_khtnv, f->units_in_charge, "units_in_charge",
                         MSG_N("units rated KHTNV"), e)) ||
        (rc = check_part(f->sub_units_disciplined, f->sub_units, "sub_units",
                         MSG_N("disciplined sub-units"), e)) ||
        (rc = check_part(f->sub_units_unremedied, f->sub_units_disciplined, "sub_units",
                         MSG_N("unremedied sub-units"), e)) ||
        (rc = check_part(f->composition_htnv_plus, f->composition_total, "composition",
                         MSG_N("HTNV-or-better"), e)) ||
        (rc = check_part(f->composition_httnv_plus, f->composition_htnv_plus, "composition",
                         MSG_N("HTTNV-or-better"), e)) ||
        (rc = check_disciplines(f->disciplines, f->n_disciplines,
                                review_subject_is_collective(f->subject), "disciplines", e)) ||
        (rc = check_disciplines(f->leader_disciplines, f->n_leader_disciplines, false,
                                "leader_disciplines", e)))
        return rc;
    return TCXD_OK;
}

/* The level from the score or grades alone. */
static enum review_level base_level(struct proposer *pr)
{
    const struct review_ruleset *rs = pr->rs;
    const struct review_facts *f = pr->f;
    char s[24], lo[24], hi[24];

    if (rs->scoring == REVIEW_SCORING_POINTS) {
        enum review_level l = review_level_for_score(rs, f->score);
        points_str(f->score, s);
        if (l == REVIEW_HTXSNV)
            add_reason(pr->p, "tổng điểm %s (từ %s điểm trở lên) → %s", s,
                       points_str(rs->band_min[l], lo), label_of(pr, l));
        else if (l == REVIEW_KHTNV)
            add_reason(pr->p, "tổng điểm %s (dưới %s điểm) → %s", s,
                       points_str(rs->band_min[REVIEW_HTNV], hi), label_of(pr, l));
        else
            add_reason(pr->p, "tổng điểm %s (từ %s đến dưới %s điểm) → %s", s,
                       points_str(rs->band_min[l], lo), points_str(rs->band_min[l - 1], hi),
                       label_of(pr, l));
        return l;
    }

    enum review_grade worst_other = REVIEW_GRADE_XUAT_SAC;
    for (size_t i = 0; i < f->n_grades; i++)
        if (f->grades[i] > worst_other)
            worst_other = f->grades[i];
    enum review_grade worst = worst_other > f->results_grade ? worst_other : f->results_grade;
    enum review_level l;
    if (worst == REVIEW_GRADE_KEM) {
        l = REVIEW_KHTNV;
        add_reason(pr->p, "có tiêu chí xếp loại Kém → %s", label_of(pr, l));
    } else if (worst_other <= REVIEW_GRADE_TOT && f->results_grade == REVIEW_GRADE_XUAT_SAC) {
        l = REVIEW_HTXSNV;
        add_reason(pr->p,
                   "các tiêu chí đạt Tốt trở lên, kết quả thực hiện nhiệm vụ đạt Xuất sắc → %s",
                   label_of(pr, l));
    } else if (f->results_grade <= REVIEW_GRADE_TOT) {
        l = REVIEW_HTTNV;
        add_reason(pr->p,
                   "các tiêu chí đạt Trung bình trở lên, kết quả thực hiện nhiệm vụ đạt Tốt "
                   "trở lên → %s",
                   label_of(pr, l));
    } else {
        l = REVIEW_HTNV;
        add_reason(pr->p, "các tiêu chí đạt Trung bình trở lên → %s", label_of(pr, l));
    }
    return l;
}

static bool in_year(tcxd_date d, int year)
{
    return date_to_ymd(d).y == year;
}

/* "khiển trách ngày 12/05/2023" */
static void discipline_str(const struct review_discipline *d, char out[64])
{
    char date[DATE_ISO_LEN];
    date_format_vn(d->date, date);
    snprintf(out, 64, "%s ngày %s", review_discipline_label(d->form), date);
}

/* Disciplines of the subject itself: forcing, or capping at discipline_spared_max. */
static void apply_own_disciplines(struct proposer *pr)
{
    const struct review_ruleset *rs = pr->rs;
    const struct review_facts *f = pr->f;
    bool collective = review_subject_is_collective(f->subject);
    const char *who = collective ? "tập thể " : "";
    char what[64];

    for (size_t i = 0; i < f->n_disciplines; i++) {
        const struct review_discipline *d = &f->disciplines[i];
        discipline_str(d, what);
        if (!in_year(d->date, pr->year)) {
            add_reason(pr->p, "kỷ luật %s không thuộc năm đánh giá %d → không tính", what,
                       pr->year);
            continue;
        }
        if (collective) {
            if (rs->collective_discipline) {
                force(pr, "tập thể bị kỷ luật %s", what);
                continue;
            }
        } else if (rs->discipline_min_form != REVIEW_DISC_NONE &&
                   d->form >= rs->discipline_min_form) {
            if (rs->discipline_duty_only && !d->duty_related) {
                add_reason(pr->p,
                           "bị kỷ luật %s do vi phạm không liên quan đến thực hiện nhiệm vụ → "
                           "tối đa %s",
                           what, label_of(pr, rs->discipline_spared_max));
            } else if (rs->discipline_remedied_exception && d->self_remedied) {
                add_reason(pr->p, "bị kỷ luật %s, đã tự phát hiện và khắc phục xong → tối đa %s",
                           what, label_of(pr, rs->discipline_spared_max));
            } else {
                force(pr, "bị kỷ luật %s", what);
                continue;
            }
            cap_at(pr, rs->discipline_spared_max);
            continue;
        }
        add_reason(pr->p, "%sbị kỷ luật %s → tối đa %s", who, what,
                   label_of(pr, rs->discipline_spared_max));
        cap_at(pr, rs->discipline_spared_max);
    }
}

/*
 * Collectives: members of the leadership and subordinate units disciplined, forcing KHTNV or,
 * where the rule set says so, barring HTXSNV (explained only when the score would allow it).
 */
static void apply_collective_disciplines(struct proposer *pr)
{
    const struct review_ruleset *rs = pr->rs;
    const struct review_facts *f = pr->f;
    bool bars = rs->excellent_no_discipline && pr->p->score_level == REVIEW_HTXSNV;
    char what[64], pct[24];

    for (size_t i = 0; i < f->n_leader_disciplines; i++) {
        const struct review_discipline *d = &f->leader_disciplines[i];
        discipline_str(d, what);
        if (!in_year(d->date, pr->year))
            continue;
        if (rs->leader_member_min_form != REVIEW_DISC_NONE &&
            d->form >= rs->leader_member_min_form &&
            !(rs->leader_member_remedied_exception && d->self_remedied)) {
            force(pr, "thành viên tập thể lãnh đạo bị kỷ luật %s", what);
        } else if (bars) {
            lower(pr, REVIEW_HTXSNV, REVIEW_HTTNV, "thành viên tập thể lãnh đạo bị kỷ luật %s",
                  what);
        }
    }
    if (f->sub_units_disciplined > 0) {
        if (rs->sub_disciplined_pct &&
            over_pct(f->sub_units_disciplined, f->sub_units, rs->sub_disciplined_pct)) {
            force(pr, "%d/%d tổ chức trực thuộc bị kỷ luật (%s, trên %d%%)",
                  f->sub_units_disciplined, f->sub_units,
                  pct_str(f->sub_units_disciplined, f->sub_units, pct), rs->sub_disciplined_pct);
        } else if (rs->sub_unremedied && f->sub_units_unremedied > 0) {
            force(pr, "%d tổ chức trực thuộc bị kỷ luật, không tự phát hiện và khắc phục",
                  f->sub_units_unremedied);
        } else if (bars) {
            lower(pr, REVIEW_HTXSNV, REVIEW_HTTNV, "%d/%d tổ chức trực thuộc bị kỷ luật",
                  f->sub_units_disciplined, f->sub_units);
        }
    }
}

/* "hoàn thành 4/10 chỉ tiêu (40%, dưới 50%)" fires when done < min%. */
static void apply_min_targets(struct proposer *pr, const struct review_targets *t, int min_pct,
                              bool needs_key_missed, const char *whose)
{
    char pct[24];
    if (!min_pct || t->total == 0 || !under_pct(t->done, t->total, min_pct))
        return;
    if (needs_key_missed && !t->key_missed)
        return;
    pct_str(t->done, t->total, pct);
    if (needs_key_missed && t->force_majeure) {
        add_reason(pr->p,
                   "%shoàn thành %d/%d chỉ tiêu (%s) do nguyên nhân bất khả kháng → không xếp "
                   "%s vì lý do này",
                   whose, t->done, t->total, pct, label_of(pr, REVIEW_KHTNV));
        return;
    }
    force(pr, "%shoàn thành %d/%d chỉ tiêu (%s, dưới %d%%)%s", whose, t->done, t->total, pct,
          min_pct, needs_key_missed ? ", không đạt chỉ tiêu chủ yếu" : "");
}

static void apply_forcing(struct proposer *pr)
{
    const struct review_ruleset *rs = pr->rs;
    const struct review_facts *f = pr->f;
    bool collective = review_subject_is_collective(f->subject);
    char pct[24];

    if (f->degradation)
        force(pr, "bị kết luận suy thoái về tư tưởng chính trị, đạo đức, lối sống, \"tự diễn "
                  "biến\", \"tự chuyển hóa\"");
    if (collective) {
        if (f->disunity)
            force(pr, "bị kết luận mất đoàn kết nội bộ");
        apply_min_targets(pr, &f->targets, rs->collective_min_pct, rs->collective_key_missed, "");
        if (f->subject == REVIEW_SUBJECT_CHI_BO && rs->chi_bo_khtnv_den &&
            f->composition_total > 0) {
            int bad = f->composition_total - f->composition_htnv_plus;
            if ((int64_t)bad * rs->chi_bo_khtnv_den >
                (int64_t)rs->chi_bo_khtnv_num * f->composition_total)
                force(pr, "%d/%d đảng viên %s (trên %d/%d)", bad, f->composition_total,
                      rs->legacy_levels ? "vi phạm tư cách hoặc không hoàn thành nhiệm vụ"
                                        : review_level_phrase(REVIEW_KHTNV),
                      rs->chi_bo_khtnv_num, rs->chi_bo_khtnv_den);
        }
        if (f->subject == REVIEW_SUBJECT_DANG_BO && rs->dang_bo_khtnv_den &&
            f->composition_total > 0) {
            int bad = f->composition_total - f->composition_htnv_plus;
            if ((int64_t)bad * rs->dang_bo_khtnv_den >
                (int64_t)rs->dang_bo_khtnv_num * f->composition_total)
                force(pr, "%d/%d tổ chức đảng trực thuộc %s (trên %d/%d)", bad,
                      f->composition_total,
                      rs->legacy_levels ? "yếu kém" : review_level_phrase(REVIEW_KHTNV),
                      rs->dang_bo_khtnv_num, rs->dang_bo_khtnv_den);
        }
        return;
    }

    apply_min_targets(pr, &f->targets, rs->self_min_pct, false, "");
    if (f->subject != REVIEW_SUBJECT_LEADER)
        return;
    if (rs->low_confidence_pct && f->votes_returned > 0 &&
        over_pct(f->votes_low, f->votes_returned, rs->low_confidence_pct)) {
        if (f->votes_share) /* a share typed in, no ballots: "50,5% phiếu", not "5050/10000" */
            force(pr, "%s phiếu tín nhiệm thấp (trên %d%%)",
                  pct_str(f->votes_low, f->votes_returned, pct), rs->low_confidence_pct);
        else
            force(pr, "%d/%d phiếu tín nhiệm thấp (%s, trên %d%%)", f->votes_low, f->votes_returned,
                  pct_str(f->votes_low, f->votes_returned, pct), rs->low_confidence_pct);
    }
    apply_min_targets(pr, &f->unit_targets, rs->leader_unit_min_pct, rs->leader_unit_key_missed,
                      "đơn vị trực tiếp lãnh đạo ");
    if (rs->leader_se_targets && f->se_targets_missed)
        force(pr, "địa phương không đạt các chỉ tiêu kinh tế - xã hội cơ bản");
    if (rs->leader_units_khtnv_pct && f->units_in_charge > 0 &&
        over_pct(f->units_in_charge_khtnv, f->units_in_charge, rs->leader_units_khtnv_pct))
        force(pr, "%d/%d đơn vị phụ trách %s (%s, trên %d%%)", f->units_in_charge_khtnv,
              f->units_in_charge, review_level_phrase(REVIEW_KHTNV),
              pct_str(f->units_in_charge_khtnv, f->units_in_charge, pct),
              rs->leader_units_khtnv_pct);
}

/*
 * HTXSNV, when the score or grades reach it: targets on time and exceeded, shortcomings
 * remedied, party-org composition. Every condition that fails is explained.
 */
static void check_excellent(struct proposer *pr)
{
    const struct review_ruleset *rs = pr->rs;
    const struct review_facts *f = pr->f;
    char pct[24];

    if (rs->excellent_exceeded_pct) {
        const struct review_targets *sets[2] = {&f->targets, NULL};
        const char *whose[2] = {"", "đơn vị trực tiếp lãnh đạo "};
        if (f->subject == REVIEW_SUBJECT_LEADER)
            sets[1] = &f->unit_targets;
        for (int i = 0; i < 2; i++) {
            const struct review_targets *t = sets[i];
            if (!t || t->total == 0)
                continue;
            if (t->on_time < t->total)
                lower(pr, REVIEW_HTXSNV, REVIEW_HTTNV, "%shoàn thành đúng hạn %d/%d chỉ tiêu",
                      whose[i], t->on_time, t->total);
            else if (under_pct(t->exceeded, t->total, rs->excellent_exceeded_pct))
                lower(pr, REVIEW_HTXSNV, REVIEW_HTTNV, "%svượt %d/%d chỉ tiêu (%s, cần từ %d%%)",
                      whose[i], t->exceeded, t->total, pct_str(t->exceeded, t->total, pct),
                      rs->excellent_exceeded_pct);
        }
    }
    if (rs->excellent_shortcomings && f->shortcomings_total > 0 &&
        f->shortcomings_remedied < f->shortcomings_total)
        lower(pr, REVIEW_HTXSNV, REVIEW_HTTNV, "khắc phục %d/%d hạn chế, khuyết điểm đã chỉ ra",
              f->shortcomings_remedied, f->shortcomings_total);
    if (review_subject_is_party_org(f->subject) && rs->org_excellent_good_pct &&
        f->composition_total > 0) {
        const char *noun =
            f->subject == REVIEW_SUBJECT_CHI_BO ? "đảng viên" : "tổ chức đảng trực thuộc";
        int n = f->composition_total;
        if (under_pct(f->composition_htnv_plus, n, rs->org_excellent_pass_pct))
            lower(pr, REVIEW_HTXSNV, REVIEW_HTTNV, "%d/%d %s %s trở lên (%s, cần %d%%)",
                  f->composition_htnv_plus, n, noun, review_level_phrase(REVIEW_HTNV),
                  pct_str(f->composition_htnv_plus, n, pct), rs->org_excellent_pass_pct);
        else if (under_pct(f->composition_httnv_plus, n, rs->org_excellent_good_pct))
            lower(pr, REVIEW_HTXSNV, REVIEW_HTTNV, "%d/%d %s %s trở lên (%s, cần từ %d%%)",
                  f->composition_httnv_plus, n, noun, review_level_phrase(REVIEW_HTTNV),
                  pct_str(f->composition_httnv_plus, n, pct), rs->org_excellent_good_pct);
    }
}

/* HTTNV: all targets on time; collective HTNV: all done, at most pass_max_late_pct late. */
static void check_good_and_pass(struct proposer *pr)
{
    const struct review_ruleset *rs = pr->rs;
    const struct review_targets *t = &pr->f->targets;
    char pct[24];

    if (t->total == 0)
        return;
    if (pr->level == REVIEW_HTTNV && rs->good_all_on_time && t->on_time < t->total)
        lower(pr, REVIEW_HTTNV, REVIEW_HTNV, "hoàn thành đúng hạn %d/%d nhiệm vụ", t->on_time,
              t->total);
    if (pr->level == REVIEW_HTNV && rs->pass_max_late_pct &&
        review_subject_is_collective(pr->f->subject)) {
        int late = t->done - t->on_time;
        if (t->done < t->total)
            lower(pr, REVIEW_HTNV, REVIEW_KHTNV, "hoàn thành %d/%d nhiệm vụ", t->done, t->total);
        else if (over_pct(late, t->total, rs->pass_max_late_pct))
            lower(pr, REVIEW_HTNV, REVIEW_KHTNV, "%d/%d nhiệm vụ hoàn thành chậm (%s, trên %d%%)",
                  late, t->total, pct_str(late, t->total, pct), rs->pass_max_late_pct);
    }
}

enum tcxd_err review_propose(const struct review_ruleset *rs, int year,
                             const struct review_facts *f, struct review_proposal *p,
                             struct tcxd_error *e)
{
    enum tcxd_err rc = check_facts(rs, year, f, e);
    if (rc)
        return rc;
    review_proposal_release(p);

    struct proposer pr = {.rs = rs, .f = f, .year = year, .p = p};
    pr.level = p->score_level = base_level(&pr);

    apply_own_disciplines(&pr);
    if (review_subject_is_collective(f->subject))
        apply_collective_disciplines(&pr);
    apply_forcing(&pr);

    if (!p->forced) {
        if (p->score_level == REVIEW_HTXSNV)
            check_excellent(&pr);
        check_good_and_pass(&pr);
    }

    p->level = p->forced ? REVIEW_KHTNV : pr.level;
    return TCXD_OK;
}
