/*
 * review.h - the annual quality review (kiểm điểm, đánh giá, xếp loại chất lượng): levels,
 * effective-dated rule sets, level proposal with explanations, the excellent-level cap,
 * review exclusions, the workflow of one subject's review, scoring rubrics and report figures.
 * Pure rules: no I/O, no SQL.
 *
 * Levels. Four levels since QĐ 132/2018 (enum review_level, best first, so "at least HTTNV"
 * is `l <= REVIEW_HTTNV`). Reviews judged under the pre-2018 guidance (HD 27/2014) used other
 * names, kept as enum review_legacy_org / review_legacy_member and shown as they were; each
 * maps by position to a current level (an approximation boards use, not an official equivalence).
 *
 * Rule sets. One static const table (review_rules.c) holds each rule set with the review years
 * it judges, its legal basis and every parameter the rules use; a review of year Y is judged by
 * review_ruleset_for_year(Y). Parameters the sources did not confirm are defaults, listed in the
 * rule set's `unconfirmed` string.
 *
 * Points are fixed-point hundredths (review_points): "8,5 điểm" is 850, so totals and band
 * boundaries (90, 70, 50) compare exactly.
 *
 * Ownership: rule sets and default rubrics are static and never freed. struct review_proposal
 * owns its explanation strings: review_proposal_init() before use, review_proposal_release()
 * after. Facts, rubrics and scores passed in are borrowed for the call only.
 */
#ifndef TCXD_CORE_REVIEW_H
#define TCXD_CORE_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/org.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"

/* ---- Levels ------------------------------------------------------------------------------ */

enum review_level {
    REVIEW_HTXSNV, /* Hoàn thành xuất sắc nhiệm vụ */
    REVIEW_HTTNV,  /* Hoàn thành tốt nhiệm vụ */
    REVIEW_HTNV,   /* Hoàn thành nhiệm vụ */
    REVIEW_KHTNV,  /* Không hoàn thành nhiệm vụ */
    REVIEW_LEVEL__MAX
};

const char *review_level_name(enum review_level l);   /* "htxsnv", "httnv", "htnv", "khtnv" */
const char *review_level_code(enum review_level l);   /* "HTXSNV" ... as boards abbreviate */
const char *review_level_label(enum review_level l);  /* "Hoàn thành xuất sắc nhiệm vụ" */
const char *review_level_phrase(enum review_level l); /* "hoàn thành xuất sắc nhiệm vụ" */
/* Accepts the name or code in any ASCII case, or the exact (NFC) label or phrase. */
enum tcxd_err review_level_parse(const char *s, enum review_level *out,
                                 struct tcxd_error *e) TCXD_WUR;
/* l is `min` or better. */
bool review_level_at_least(enum review_level l, enum review_level min);

/* Pre-2018 levels (HD 27-HD/BTCTW, 2014), stored and shown as they were. */
enum review_legacy_org {
    REVIEW_LEGACY_ORG_TSVM_TIEU_BIEU, /* Trong sạch, vững mạnh tiêu biểu */
    REVIEW_LEGACY_ORG_TSVM,           /* Trong sạch, vững mạnh */
    REVIEW_LEGACY_ORG_HTTNV,          /* Hoàn thành tốt nhiệm vụ */
    REVIEW_LEGACY_ORG_HTNV,           /* Hoàn thành nhiệm vụ */
    REVIEW_LEGACY_ORG_YEU_KEM,        /* Yếu kém */
    REVIEW_LEGACY_ORG__MAX
};

enum review_legacy_member {
    REVIEW_LEGACY_MEMBER_HTXSNV, /* Đủ tư cách, hoàn thành xuất sắc nhiệm vụ */
    REVIEW_LEGACY_MEMBER_HTTNV,  /* Đủ tư cách, hoàn thành tốt nhiệm vụ */
    REVIEW_LEGACY_MEMBER_HTNV,   /* Đủ tư cách, hoàn thành nhiệm vụ */
    REVIEW_LEGACY_MEMBER_VPTC,   /* Vi phạm tư cách hoặc không hoàn thành nhiệm vụ */
    REVIEW_LEGACY_MEMBER__MAX
};

const char *review_legacy_org_name(enum review_legacy_org l);  /* "tsvm_tieu_bieu", ... */
const char *review_legacy_org_label(enum review_legacy_org l); /* "Trong sạch, vững mạnh" */
const char *review_legacy_member_name(enum review_legacy_member l); /* "dtc_htxsnv", ... */
const char *review_legacy_member_label(enum review_legacy_member l);
/* As written inside a sentence: "trong sạch, vững mạnh tiêu biểu", "yếu kém" ... */
const char *review_legacy_org_phrase(enum review_legacy_org l);
const char *review_legacy_member_phrase(enum review_legacy_member l);
enum tcxd_err review_legacy_org_parse(const char *s, enum review_legacy_org *out,
                                      struct tcxd_error *e) TCXD_WUR;
enum tcxd_err review_legacy_member_parse(const char *s, enum review_legacy_member *out,
                                         struct tcxd_error *e) TCXD_WUR;
/* Positional mapping: TSVM (tiêu biểu or not) → HTXSNV ... Yếu kém → KHTNV. */
enum review_level review_legacy_org_level(enum review_legacy_org l);
enum review_level review_legacy_member_level(enum review_legacy_member l);
/* The inverse, for showing a current level in legacy terms (HTXSNV → plain TSVM). */
enum review_legacy_org review_legacy_org_from_level(enum review_level l);
enum review_legacy_member review_legacy_member_from_level(enum review_level l);

/* Per-criterion grades (QĐ 132 and QĐ 124 era), best first. */
enum review_grade {
    REVIEW_GRADE_XUAT_SAC,   /* Xuất sắc */
    REVIEW_GRADE_TOT,        /* Tốt */
    REVIEW_GRADE_TRUNG_BINH, /* Trung bình */
    REVIEW_GRADE_KEM,        /* Kém */
    REVIEW_GRADE__MAX
};
const char *review_grade_name(enum review_grade g);  /* "xuat_sac", "tot", "trung_binh", "kem" */
const char *review_grade_label(enum review_grade g); /* "Xuất sắc" ... */
enum tcxd_err review_grade_parse(const char *s, enum review_grade *out,
                                 struct tcxd_error *e) TCXD_WUR;

/* Who is reviewed. Collectives: chi bộ, đảng bộ and leadership collectives (cấp ủy, BTV). */
enum review_subject {
    REVIEW_SUBJECT_MEMBER,     /* đảng viên (without a leadership post) */
    REVIEW_SUBJECT_LEADER,     /* cán bộ lãnh đạo, quản lý */
    REVIEW_SUBJECT_CHI_BO,     /* chi bộ (cơ sở or trực thuộc) */
    REVIEW_SUBJECT_DANG_BO,    /* đảng bộ (cơ sở or bộ phận) */
    REVIEW_SUBJECT_LEADERSHIP, /* tập thể lãnh đạo, quản lý */
    REVIEW_SUBJECT__MAX
};
const char *review_subject_name(enum review_subject s);  /* "member", "leader", "chi_bo" ... */
const char *review_subject_label(enum review_subject s); /* "Đảng viên", "Chi bộ" ... */
enum tcxd_err review_subject_parse(const char *s, enum review_subject *out,
                                   struct tcxd_error *e) TCXD_WUR;
bool review_subject_is_collective(enum review_subject s);
bool review_subject_is_party_org(enum review_subject s); /* chi bộ or đảng bộ */

/* Discipline forms (§3.6), mildest first; giải tán applies to organizations only. */
enum review_discipline_form {
    REVIEW_DISC_KHIEN_TRACH, /* khiển trách */
    REVIEW_DISC_CANH_CAO,    /* cảnh cáo */
    REVIEW_DISC_CACH_CHUC,   /* cách chức */
    REVIEW_DISC_KHAI_TRU,    /* khai trừ */
    REVIEW_DISC_GIAI_TAN,    /* giải tán */
    REVIEW_DISC__MAX
};
const char *review_discipline_name(enum review_discipline_form f);  /* "khien_trach" ... */
const char *review_discipline_label(enum review_discipline_form f); /* "khiển trách" ... */
enum tcxd_err review_discipline_parse(const char *s, enum review_discipline_form *out,
                                      struct tcxd_error *e) TCXD_WUR;

/* ---- Points ------------------------------------------------------------------------------ */

typedef int32_t review_points; /* hundredths of a point */
#define REVIEW_POINTS(whole) ((review_points)((whole)*100))
#define REVIEW_POINTS_MAX    REVIEW_POINTS(1000) /* nothing scores above this */

/* "8", "8,5", "8.5", "8,25" → 800, 850, 850, 825. Rejects signs, junk, 3 decimals, > 1000. */
enum tcxd_err review_points_parse(const char *s, review_points *out, const char *field,
                                  struct tcxd_error *e) TCXD_WUR;
/* 850 → "8,5"; 9000 → "90"; 825 → "8,25" (decimal comma, trailing zeros dropped). */
void review_points_format(struct buf *b, review_points p);

/* ---- Rule sets --------------------------------------------------------------------------- */

enum review_ruleset_id {
    REVIEW_RULES_HD27_2014,  /* HD 27-HD/BTCTW (2014): reviews up to 2017, legacy levels */
    REVIEW_RULES_QD132_2018, /* QĐ 132-QĐ/TW (2018) + HD 21-HD/BTCTW (2019): 2018-2022 */
    REVIEW_RULES_QD124_2023, /* QĐ 124-QĐ/TW (2023) + HD 25-HD/BTCTW: 2023-2024 */
    REVIEW_RULES_QD366_2025, /* QĐ 366-QĐ/TW (2025) + HD 43-HD/BTCTW: 2025 onwards */
    REVIEW_RULES__MAX
};

enum review_scoring {
    REVIEW_SCORING_POINTS, /* a total on a 100-point scale, level by score band */
    REVIEW_SCORING_GRADES, /* each criterion graded Xuất sắc / Tốt / Trung bình / Kém */
    REVIEW_SCORING__MAX
};

/* "No such rule" for discipline-form thresholds. */
#define REVIEW_DISC_NONE REVIEW_DISC__MAX

/*
 * Every share below is a whole percentage and every "more than" is strict: a rule
 * "more than 20% disciplined" fires when disciplined * 100 > 20 * total. 0 disables a rule
 * given as a percentage.
 */
struct review_ruleset {
    enum review_ruleset_id id;
    const char *name; /* stable: "hd27-2014", "qd132-2018", "qd124-2023", "qd366-2025" */
    const char *legal_basis; /* "Quy định 366-QĐ/TW ngày 30/08/2025; Hướng dẫn 43-HD/BTCTW ..." */
    int effective_from; /* first review year judged by this set */
    int effective_to;   /* last review year judged by it; 0 while in force */
    bool legacy_levels; /* levels recorded with the pre-2018 names */
    enum review_scoring scoring;

    /* Points scoring. */
    review_points max_general, max_results;    /* 366: 30 + 70 */
    review_points band_min[REVIEW_LEVEL__MAX]; /* lowest total of each level: 90, 70, 50, 0 */

    /* The excellent cap: count(HTXSNV) <= floor(cap_share_pct% x count(HTTNV)) in a group. */
    int cap_share_pct;  /* default share; 0: no cap */
    bool cap_exception; /* the decider may exceed it with a recorded reason */

    /* Conditions for the upper levels beyond the score or grades. */
    int excellent_exceeded_pct;   /* HTXSNV: all targets on time and >= this % exceeded; 0: none */
    bool excellent_shortcomings;  /* HTXSNV: all earlier shortcomings remedied */
    bool excellent_no_discipline; /* collective HTXSNV: no sub-unit or leadership member
                                     disciplined */
    int org_excellent_pass_pct;   /* party org HTXSNV: >= this % of its members (chi bộ) or
                                     sub-organizations (đảng bộ) at HTNV or better (100) */
    int org_excellent_good_pct;   /* ... and >= this % at HTTNV or better (80) */
    bool good_all_on_time;        /* HTTNV: all targets done on time */
    int pass_max_late_pct;        /* collective HTNV: all done, at most this % late; 0: none */

    /* Forcing rules: each one that fires makes the level KHTNV. */
    enum review_discipline_form discipline_min_form; /* individual disciplined in the year at
                                                        this form or above */
    bool discipline_remedied_exception;              /* ... unless self-detected and remedied */
    bool discipline_duty_only;               /* ... only for violations in performing duties */
    enum review_level discipline_spared_max; /* a discipline in the year that does not force
                                                still caps the level here */
    int self_min_pct;                        /* individual: < this % of own targets done */
    int low_confidence_pct;      /* leader: > this % "tín nhiệm thấp" of returned votes */
    int leader_unit_min_pct;     /* leader: led unit did < this % of its targets */
    bool leader_unit_key_missed; /* ... and missed a key target (force majeure spared) */
    bool leader_se_targets;      /* leader: missed the basic socio-economic targets */
    int leader_units_khtnv_pct;  /* leader: > this % of units in charge of are KHTNV */
    int collective_min_pct;      /* collective: < this % of its targets done */
    bool collective_key_missed;  /* ... and missed a key target (force majeure spared) */
    bool collective_discipline;  /* collective or its leadership itself disciplined */
    int sub_disciplined_pct;     /* collective: > this % of sub-units disciplined */
    bool sub_unremedied;         /* collective: a sub-unit disciplined, not self-remedied */
    enum review_discipline_form leader_member_min_form; /* collective: a member of its
                                                           leadership disciplined at >= this */
    bool leader_member_remedied_exception;
    int chi_bo_khtnv_num, chi_bo_khtnv_den;   /* chi bộ: more than num/den members KHTNV */
    int dang_bo_khtnv_num, dang_bo_khtnv_den; /* đảng bộ: more than num/den sub-orgs KHTNV */

    /* Exclusion: a member admitted fewer than this many months before the review date. */
    int new_member_months;

    const char *unconfirmed; /* parameters that are defaults, not confirmed text */
};

/* The rule set judging reviews of `year`; TCXD_EINVAL (field "year") when none does. */
enum tcxd_err review_ruleset_for_year(int year, const struct review_ruleset **out,
                                      struct tcxd_error *e) TCXD_WUR;
const struct review_ruleset *review_ruleset_get(enum review_ruleset_id id);
/* By name ("qd124-2023"); TCXD_EINVAL when unknown. */
enum tcxd_err review_ruleset_parse(const char *s, const struct review_ruleset **out,
                                   struct tcxd_error *e) TCXD_WUR;
bool review_ruleset_covers(const struct review_ruleset *rs, int year);
/* The legal basis a review of `year` cites: the rule set's, or the guidance then in force where
   it changed within the rule set's years (2018: QĐ 132 with HD 16-HD/BTCTW, before HD 21 of
   18/10/2019). */
const char *review_legal_basis(const struct review_ruleset *rs, int year);

/* ---- Proposal ---------------------------------------------------------------------------- */

struct review_discipline {
    enum review_discipline_form form;
    tcxd_date date;     /* date of the decision; only dates inside the review year count */
    bool self_remedied; /* self-detected and fully remedied (tự phát hiện, khắc phục xong) */
    bool duty_related; /* a violation in performing duties (QĐ 366) */
};

struct review_targets {
    int total;          /* planned targets or tasks; 0: no figures, target rules not applied */
    int done;           /* completed (<= total) */
    int on_time;        /* completed on time (<= done) */
    int exceeded;       /* completed beyond the requirement (<= done) */
    bool key_missed;    /* a key target (chỉ tiêu chủ yếu) was missed */
    bool force_majeure; /* the shortfall is due to force majeure (bất khả kháng) */
};

/*
 * What the verifying board knows about one subject for one year. Zero-initialise, then fill
 * what applies; counts left at 0 switch the rules that need them off.
 */
struct review_facts {
    enum review_subject subject;

    /* The verified result: a total for points rule sets, grades for grade rule sets. */
    bool has_score;
    review_points score;
    bool has_grades;
    enum review_grade results_grade; /* the task-results criterion */
    const enum review_grade *grades; /* every other criterion */
    size_t n_grades;

    /* Disciplines of the subject itself (for a collective: of it or its leadership body). */
    const struct review_discipline *disciplines;
    size_t n_disciplines;
    bool degradation; /* concluded suy thoái, "tự diễn biến", "tự chuyển hóa" */
    struct review_targets targets; /* own (a collective's: the collective's) */
    int shortcomings_total, shortcomings_remedied;

    /* Leaders. */
    struct review_targets unit_targets; /* the unit the leader directly leads */
    int votes_returned, votes_low;      /* that year's confidence vote; 0 returned: none */
    bool votes_share;       /* only the share is known: votes_low of votes_returned = 10000 */
    bool se_targets_missed; /* the basic socio-economic targets (QĐ 366) */
    int units_in_charge, units_in_charge_khtnv;

    /* Collectives. */
    bool disunity; /* concluded internal disunity (mất đoàn kết nội bộ) */
    int sub_units, sub_units_disciplined, sub_units_unremedied; /* unremedied <= disciplined */
    const struct review_discipline *leader_disciplines;         /* members of its leadership */
    size_t n_leader_disciplines;
    /* Party organizations: its members (chi bộ) or sub-organizations (đảng bộ) this year. */
    int composition_total, composition_htnv_plus, composition_httnv_plus;
};

struct review_proposal {
    enum review_level level;       /* proposed level */
    enum review_level score_level; /* from the score or grades alone */
    bool forced;                   /* a forcing rule made it KHTNV */
    char **reasons;                /* Vietnamese explanations, in the order applied */
    bool *forcing;                 /* forcing[i]: reasons[i] is a forcing rule that fired */
    size_t n_reasons, alloc_reasons;
};

void review_proposal_init(struct review_proposal *p);
void review_proposal_release(struct review_proposal *p);

/*
 * Proposes a level for `f` reviewed for `year` under `rs`, explaining each step:
 *   "tổng điểm 92 (từ 90 điểm trở lên) → Hoàn thành xuất sắc nhiệm vụ"
 *   "bị kỷ luật khiển trách ngày 12/05/2023 → Không hoàn thành nhiệm vụ"
 * The level is the score's (or grades') level, lowered to the best level whose extra
 * conditions hold, and KHTNV when any forcing rule fires. p must be initialised; earlier
 * contents are released. Fails with TCXD_EINVAL (nothing proposed) on a missing score or
 * grades, a score outside 0..100, inconsistent counts, or a year rs does not cover.
 */
enum tcxd_err review_propose(const struct review_ruleset *rs, int year,
                             const struct review_facts *f, struct review_proposal *p,
                             struct tcxd_error *e) TCXD_WUR;

/* The level of a total under a points rule set (bands are inclusive lower bounds). */
enum review_level review_level_for_score(const struct review_ruleset *rs, review_points score);

/*
 * Party-organization excellent preconditions: 100% of `total` at HTNV or better and at least
 * 80% at HTTNV or better (the rule set's shares). total 0 → false.
 */
bool review_org_excellent_ok(const struct review_ruleset *rs, int total, int htnv_plus,
                             int httnv_plus);

/* ---- The excellent cap ------------------------------------------------------------------- */

#define REVIEW_CAP_DEFAULT (-1) /* use the rule set's share */

struct review_cap {
    int share_pct;   /* the share applied; 0: no cap */
    int n_excellent; /* HTXSNV in the group */
    int n_good;      /* HTTNV in the group */
    int allowed;     /* floor(share x n_good); -1 when there is no cap */
    bool exceeded;
};

/*
 * The group of similar units an organization's excellent cap is counted in, among the
 * organizations decided by one superior committee (QĐ 124: "trong từng nhóm có vai trò, chức
 * năng, nhiệm vụ tương đồng"): a base organization by its type (loại hình: xã, phường, cơ quan
 * hành chính, doanh nghiệp nhà nước ...) whatever its form, so a chi bộ cơ sở and a đảng bộ cơ
 * sở of phường are one group; other organizations (and a base one without a type) by their kind.
 * Equal classes: the same group. The label names it: "tổ chức cơ sở đảng loại hình Phường".
 */
int review_cap_class(enum org_tier tier, enum org_form form, enum org_base_type bt);
void review_cap_class_label(struct buf *b, enum org_tier tier, enum org_form form,
                            enum org_base_type bt);

/* floor(share_pct x n_good / 100): 5 good at 20% allow 1, 4 allow 0. */
int review_cap_allowed(int share_pct, int n_good);

/*
 * Checks the levels decided for one group of similar units (or the members of one base
 * organization). share_pct is REVIEW_CAP_DEFAULT or 0..100. Over the cap: TCXD_ERULE, unless
 * exception_reason is non-empty and rs allows an exception. out (may be NULL) gets the figures
 * either way. TCXD_EINVAL for a share outside 0..100.
 */
enum tcxd_err review_cap_check(const struct review_ruleset *rs, int share_pct,
                               const enum review_level *levels, size_t n,
                               const char *exception_reason, struct review_cap *out,
                               struct tcxd_error *e) TCXD_WUR;

/* ---- Who is not reviewed ----------------------------------------------------------------- */

enum review_exclusion {
    REVIEW_INCLUDED,
    REVIEW_EXCL_EXEMPTED,   /* miễn công tác và sinh hoạt đảng */
    REVIEW_EXCL_SUSPENDED,  /* đình chỉ sinh hoạt đảng */
    REVIEW_EXCL_NEW_MEMBER, /* admitted fewer than 6 months before the review date */
    REVIEW_EXCLUSION__MAX
};
const char *review_exclusion_name(enum review_exclusion x);  /* "included", "exempted" ... */
const char *review_exclusion_label(enum review_exclusion x); /* "được miễn công tác ..." */

struct review_member_status {
    bool exempted;
    bool suspended;
    tcxd_date admitted; /* date of the admission decision; DATE_NONE: unknown (not excluded) */
};

/* Whether a member takes part in the review held on review_date (first reason wins). */
enum review_exclusion review_exclusion_check(const struct review_ruleset *rs,
                                             const struct review_member_status *m,
                                             tcxd_date review_date);

/* ---- Workflow ---------------------------------------------------------------------------- */

/*
 * One subject's review for one year:
 *   none --self_assess--> self_assessed --verify--> verified --decide--> decided
 *   decided --amend--> amended --amend--> amended
 *   none | self_assessed | verified --record--> decided   (a decision taken earlier, entered
 *                                                          as history: no scores invented)
 * A self-assessment may be redone before verification, a verification before the decision.
 * decided and amended are locked: only an amendment (a new, audited step) changes them.
 */
enum review_state {
    REVIEW_STATE_NONE,
    REVIEW_STATE_SELF_ASSESSED,
    REVIEW_STATE_VERIFIED,
    REVIEW_STATE_DECIDED,
    REVIEW_STATE_AMENDED,
    REVIEW_STATE__MAX
};

enum review_step {
    REVIEW_STEP_SELF_ASSESS, /* tự đánh giá */
    REVIEW_STEP_VERIFY,      /* thẩm định */
    REVIEW_STEP_DECIDE,      /* quyết định xếp loại */
    REVIEW_STEP_AMEND,       /* điều chỉnh sau quyết định */
    REVIEW_STEP_RECORD,      /* ghi nhận a decision taken earlier (a past year's history),
                                without the self-assessment and verification */
    REVIEW_STEP__MAX
};

const char *review_state_name(enum review_state s); /* "none", "self_assessed" ... */
const char *review_state_label(enum review_state s); /* "Chưa đánh giá", "Đã tự đánh giá" ... */
const char *review_step_name(enum review_step s);  /* "self_assess", "verify" ... */
const char *review_step_label(enum review_step s); /* "Tự đánh giá" ... */
enum tcxd_err review_state_parse(const char *s, enum review_state *out,
                                 struct tcxd_error *e) TCXD_WUR;
enum tcxd_err review_step_parse(const char *s, enum review_step *out,
                                struct tcxd_error *e) TCXD_WUR;
bool review_state_locked(enum review_state s);

/*
 * The state after `step` from `from`; TCXD_ERULE (field "step") for a skipped step or a
 * change to a locked review, *to untouched.
 */
enum tcxd_err review_step_apply(enum review_state from, enum review_step step,
                                enum review_state *to, struct tcxd_error *e) TCXD_WUR;

/* ---- The decision of a step --------------------------------------------------------------- */

/*
 * The rules a decision, amendment or historical record must satisfy, as a pure function: the
 * store loads the inputs (the proposal from the verification, the parts decided) and records
 * the outputs (store_review_step). Checked in this order, the first failure returned:
 *   record:   a past year only (field year);
 *   decide:   a decision number (decision_no); amend: a reason (reason);
 *   decide, or any step with a decision date: the date given, not after today, not before the
 *             review year (decision_date);
 *   decide of a party organization: after its parts (members of a chi bộ, sub-organizations of
 *             a đảng bộ: QĐ 124 Điều 11, HD 43) unless an override reason is given (order);
 *   decide above a forced KHTNV (a forcing rule fired): an override reason (override_reason).
 * A record stops after its date: history is entered as it was decided.
 */
struct review_decision_in {
    enum review_step step; /* REVIEW_STEP_DECIDE, _AMEND or _RECORD */
    int year;              /* the review year */
    tcxd_date today;
    enum review_level level;
    bool has_decision_no, has_reason, has_override_reason;
    tcxd_date decision_date;                /* DATE_NONE: not given */
    const struct review_proposal *proposal; /* NULL: no verification to propose from */
    bool party_org, chi_bo;                 /* the subject */
    const char *subject_name;
    int parts_expected, parts_decided; /* party organizations: reviewed parts and decided ones */
};
struct review_decision_out {
    bool departs_from_forced;  /* the level is better than the forced KHTNV */
    bool decided_before_parts; /* parts_decided < parts_expected, with a reason */
    bool keeps_override;       /* the override reason is recorded (one of the two above) */
};
enum tcxd_err review_decision_check(const struct review_decision_in *in,
                                    struct review_decision_out *out, struct tcxd_error *e) TCXD_WUR;

/* ---- Rubrics ----------------------------------------------------------------------------- */

/*
 * A rubric: groups of criteria with maximum points, for one kind of subject and a range of
 * review years. Criteria point at their group by index. The structs only borrow their strings
 * and arrays: static for the defaults, the store's arena for edited ones.
 */
struct review_rubric_group {
    const char *code; /* "I" */
    const char *name; /* "Nhóm tiêu chí chung" */
    review_points max;
};

struct review_criterion {
    size_t group;     /* index into the rubric's groups */
    const char *code; /* "1.2": unique within the rubric */
    const char *name;
    review_points max;
};

struct review_rubric {
    const char *name; /* "qd366-chi-bo" */
    enum review_subject subject;
    int year_from, year_to; /* review years it is used for; year_to 0: open */
    const struct review_rubric_group *groups;
    size_t n_groups;
    const struct review_criterion *criteria;
    size_t n_criteria;
};

/* One score given to one criterion. */
struct review_score {
    const char *criterion; /* criterion code */
    review_points points;
};

/*
 * Checks a rubric: at least one group and criterion, non-empty unique codes, positive maxima,
 * each criterion in a valid group, each group's criteria adding up to its maximum, year_to
 * not before year_from. With rs a points rule set covering year_from, the groups must also
 * match its maxima (30 general, 70 results). TCXD_EINVAL naming the offending code.
 */
enum tcxd_err review_rubric_validate(const struct review_rubric *r, const struct review_ruleset *rs,
                                     struct tcxd_error *e) TCXD_WUR;

/*
 * Validates scores against the rubric: every criterion scored exactly once, none unknown,
 * each between 0 and its maximum. On success sets *total and, when group_totals is not NULL,
 * group_totals[0..n_groups-1]. TCXD_EINVAL (field = the criterion code) otherwise, e.g.
 *   score 12 above the maximum 10 for criterion '1.2'
 */
enum tcxd_err review_scores_validate(const struct review_rubric *r,
                                     const struct review_score *scores, size_t n,
                                     review_points *total, review_points *group_totals,
                                     struct tcxd_error *e) TCXD_WUR;

/*
 * The built-in rubric for a subject and review year: the QĐ 366 frameworks (30 + 70) for
 * members, leaders, chi bộ and đảng bộ from 2025. The split of each group into criteria is a
 * configurable default (the appendices' text was not confirmed). TCXD_ENOTFOUND for other
 * subjects or years (grade rule sets have no points rubric).
 */
enum tcxd_err review_rubric_default(enum review_subject s, int year,
                                    const struct review_rubric **out,
                                    struct tcxd_error *e) TCXD_WUR;

/* ---- Report figures ---------------------------------------------------------------------- */

struct review_counts {
    int n[REVIEW_LEVEL__MAX];
    int total;
};

void review_counts_init(struct review_counts *c);
void review_counts_add(struct review_counts *c, enum review_level l);
void review_counts_from(struct review_counts *c, const enum review_level *levels, size_t n);

/* num/den in tenths of a percent, rounded half up: 22/50 → 440, 7/39 → 179. den 0 → 0. */
int review_share_tenths(int num, int den);
/*
 * The change from prev_num/prev_den to num/den in tenths of a percentage point, rounded half
 * away from zero, from the exact shares: 22/50 against 33/65 → -68. A zero denominator
 * counts as a share of 0.
 */
int review_change_tenths(int num, int den, int prev_num, int prev_den);
/* Tenths of a percent as boards write them: 440 → "44%", 179 → "17,9%", -68 → "-6,8%". */
void review_format_tenths_pct(struct buf *b, int tenths);

/*
 * The boards' sentence for one level, e.g. with noun "tổ chức cơ sở đảng":
 *   "22/50 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ (44%), giảm 6,8% so với năm trước"
 * prev NULL (or with total 0) leaves out the comparison; an equal share gives
 * "không đổi so với năm trước".
 */
void review_sentence(struct buf *b, const char *noun, enum review_level l,
                     const struct review_counts *cur, const struct review_counts *prev);

/*
 * Leniency ("nể nang"): a self-assessed total above the verified one by more than threshold
 * points (all in hundredths). 75,5 self against 70 verified exceeds a threshold of 5.
 */
bool review_lenient(review_points self, review_points verified, review_points threshold);

/*
 * The boards' summary sentence for one group, in the year's own level names:
 *   "Năm 2017, Đảng bộ quận Tây Hồ có 28 tổ chức cơ sở Đảng, trong đó, có 12 tổ chức cơ sở
 *    Đảng đạt trong sạch, vững mạnh; 14 tổ chức cơ sở Đảng hoàn thành tốt nhiệm vụ; 2 tổ chức
 *    cơ sở Đảng hoàn thành nhiệm vụ; không có tổ chức cơ sở Đảng yếu kém"
 * One tally per level, best first: the first non-zero one is introduced by "có", a zero one
 * is "không có <noun> <phrase>", `attain` writes "đạt" before the phrase (an adjective such
 * as "trong sạch, vững mạnh"), and a non-zero sub_n adds "(trong đó có <sub_n> <noun> đạt
 * <sub_phrase>)". `undecided` (not counted in total) adds "; <n> <noun> chưa có quyết định
 * xếp loại".
 */
struct review_tally {
    const char *phrase;
    bool attain;
    int n;
    const char *sub_phrase; /* NULL: none */
    int sub_n;
};
void review_board_sentence(struct buf *b, int year, const char *org_name, const char *noun,
                           int total, const struct review_tally *t, size_t n, int undecided);

/* "đã củng cố 07/39 (17,9%)": the count as boards write it, two digits against a total of ten
   or more. */
void review_consolidation_sentence(struct buf *b, int consolidated, int total);

/*
 * Weak organizations (tổ chức đảng yếu kém) are kept on several lists a year, told apart by their
 * basis: "" for the review's own (decided KHTNV or flagged), "theo Nghị quyết 15", "do Ban Chỉ
 * đạo cấp huyện theo dõi" ... review_weak_tally counts each list as of a date:
 *   - an entry listed after as_of (listed_on > as_of) is not yet on it;
 *   - an organization carried from one year into the next is one organization of the list (no
 *     double counting over a range), judged by its latest year's entry;
 *   - it is consolidated when that entry's consolidated_on is on or before as_of (a
 *     consolidation after the date does not count for it).
 * out needs room for n tallies; returns how many lists, in order of first appearance. The
 * tallies borrow the entries' basis strings.
 */
struct review_weak_entry {
    int64_t org_id;
    int year;
    const char *basis;
    tcxd_date listed_on;       /* DATE_NONE: on the list from the start */
    tcxd_date consolidated_on; /* DATE_NONE: not consolidated */
};
struct review_weak_tally {
    const char *basis;
    int total, consolidated;
};
size_t review_weak_tally(const struct review_weak_entry *v, size_t n, tcxd_date as_of,
                         struct review_weak_tally *out);

#endif
