/*
 * store_review.h - the annual quality review in the database: rubrics (versioned, per kind of
 * subject and review years), one review per subject (a member or an organization) and year
 * with its steps, facts for the level proposal taken from the registry, the excellent cap at
 * decision time, weak organizations with consolidation plans, and the figures reports need.
 * The rules themselves are src/core/review.h; this module feeds them and records the result.
 *
 * Workflow. self_assess -> verify -> decide, then amend (review_step_apply). Every step records
 * who and when, is one transaction with one audit record ("review.self_assess" ...), and
 * refuses (nothing written) a skipped step, a locked review, a year with no rule set, a score
 * for an unknown criterion or above its maximum, a member not reviewed that year (exempted,
 * admitted under 6 months before the review date, not a member then).
 *
 * Scores are given as text per criterion code (struct review_entry): points ("8,5") under a
 * points rule set (QĐ 366, HD 27), grades ("tot", "Xuất sắc") under a grade rule set (QĐ 132,
 * QĐ 124). The rubric is the newest stored version covering the year for the subject's kind,
 * else the built-in one (QĐ 366 for 2025 on; for grade years a built-in list of criteria whose
 * last group is the task results). A review keeps the rubric it started with.
 *
 * Facts from the registry (store_review_facts): a member's disciplines dated in the review year
 * (member_event DISCIPLINE; self-remedied and not-duty-related are entered at verification),
 * exemption and admission date on the review date (31/12 of the year unless given); a chi bộ's
 * members' decided levels that year, a đảng bộ's direct sub-organizations' decided levels and
 * count. Entered at verification: confidence votes for leaders, degradation, disunity,
 * sub-units disciplined. A leader's confidence vote recorded in the cadre module for the review
 * year (store_cadre_vote_for_member: the latest session, the worst post) replaces the typed-in
 * votes.
 *
 * The excellent cap (when decide or amend gives HTXSNV): for a member, the decided members of the
 * same base organization (tổ chức cơ sở đảng) that year; for an organization, the decided
 * organizations of the same kind under the same parent that year (on the review date). An exception
 * reason is accepted where the rule set allows one.
 *
 * Ownership: out-structs say how they are released; strings passed in are borrowed.
 */
#ifndef TCXD_STORE_STORE_REVIEW_H
#define TCXD_STORE_STORE_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/review.h"
#include "core/tree.h"
#include "store/store.h"

/* ---- rubrics ------------------------------------------------------------------------------ */

/* A rubric loaded from the store or the built-in one; owns its strings and arrays. */
struct store_rubric {
    struct review_rubric r; /* points into the arrays below */
    int64_t id;             /* 0: built-in */
    int version;            /* 0: built-in */
    char created_at[32], created_by[128];
    struct review_rubric_group *groups;
    struct review_criterion *criteria;
    char **strings;
    size_t nstrings;
};
void store_rubric_init(struct store_rubric *r);
void store_rubric_release(struct store_rubric *r);
/* Copies a rubric (strings and arrays) into out (initialised or released first). */
void store_rubric_copy(struct store_rubric *out, const struct review_rubric *src);

/* Validates (review_rubric_validate against the rule set of year_from) and stores r as the next
   version for (subject, year_from). */
enum tcxd_err store_rubric_import(struct store *st, const struct store_actor *who,
                                  const struct review_rubric *r, int64_t *id_out,
                                  struct tcxd_error *e) TCXD_WUR;
/* The rubric for a kind of subject and year: newest stored version covering it, else built-in.
   ENOTFOUND when neither exists, EINVAL for a year with no rule set. */
enum tcxd_err store_rubric_for(struct store *st, enum review_subject s, int year,
                               struct store_rubric *out, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_rubric_get(struct store *st, int64_t id, struct store_rubric *out,
                               struct tcxd_error *e) TCXD_WUR;
/* Stored rubrics, newest first (fn gets them without groups and criteria). */
enum tcxd_err store_rubric_list(struct store *st,
                                void (*fn)(void *ctx, const struct store_rubric *r), void *ctx,
                                struct tcxd_error *e) TCXD_WUR;
/* Whether a rubric is scored with grades (its year's rule set is a grade one). */
bool store_rubric_graded(const struct review_rubric *r);

/* ---- reviews ------------------------------------------------------------------------------ */

/* A subject and year: exactly one of member_id and org_id. */
struct review_key {
    int64_t member_id;
    int64_t org_id;
    int year;
};

/* One criterion's score as given: points or a grade, by the rule set. */
struct review_entry {
    const char *criterion;
    const char *value;
};

/* Facts the verifier enters (kept with the verification step). */
struct review_entered {
    bool has_votes;
    int votes_returned, votes_low; /* leaders: that year's confidence vote */
    bool votes_share;              /* only the share is known: votes_low/10000 (--low-confidence) */
    bool self_remedied;            /* the member's disciplines were self-detected and remedied */
    bool not_duty_related;         /* ... were not for violations in performing duties */
    bool degradation, disunity;
    /* collectives: sub-units disciplined that year. As for a person, a discipline counts as not
       self-detected and remedied unless said so: sub_unremedied is sub_disciplined - sub_remedied
       unless has_sub_unremedied gives it. */
    int sub_disciplined, sub_unremedied, sub_remedied;
    bool has_sub_unremedied;
    /* targets (chỉ tiêu, nhiệm vụ) of the year: the subject's own, and for leaders the unit they
       directly lead (total 0: no figures, the target rules are not applied) */
    struct review_targets targets, unit_targets;
    bool se_targets_missed; /* leaders (QĐ 366): the 5 socio-economic targets */
    int units_in_charge, units_in_charge_khtnv;    /* leaders (QĐ 366): units in charge, KHTNV */
    int shortcomings_total, shortcomings_remedied; /* earlier shortcomings (HTXSNV) */
};

struct review_step_req {
    enum review_step step;
    /* self_assess (first time): the kind of subject; REVIEW_SUBJECT__MAX: member for a member,
       chi_bo / dang_bo by the organization's form. */
    enum review_subject subject;
    tcxd_date review_date;             /* self_assess (first time): DATE_NONE: 31/12 of the year */
    const struct review_entry *scores; /* self_assess, verify: every criterion once */
    size_t n_scores;
    bool has_level;
    enum review_level level; /* self/verify: proposed (default: the proposal); decide/amend:
                                the decided level (required) */
    const char *text;        /* comments, notes, or the amendment's reason (required) */
    const char *decision_no; /* decide: required; amend: optional */
    tcxd_date decision_date; /* decide: required; amend: optional */
    const char *cap_exception;
    struct review_entered facts; /* verify */
    /* decide, amend, record: the level as written, instead of has_level/level. Current names or
       labels; in a year judged by the pre-2018 guidance also that year's own names
       ("tsvm_tieu_bieu", "Trong sạch, vững mạnh", "yeu_kem", "dtc_httnv" ...), kept as given
       (review_level_resolve). */
    const char *level_text;
    /* decide: the reason for deciding better than a proposal forced to KHTNV by a rule
       (required then; recorded with the step's facts as "override_reason" beside "forced_by") */
    const char *override_reason;
    /* decide: the excellent cap is checked by the caller on the whole group
       (store_review_decide_batch), not for this decision alone */
    bool cap_deferred;
};

struct review_score_row {
    char criterion[64];
    bool graded;
    review_points points;
    enum review_grade grade;
};

struct review_step_row {
    int64_t id;
    enum review_step step;
    enum review_level level;
    bool has_total;
    review_points total;
    char *text, *decision_no, *cap_exception, *username;
    char *user_full_name; /* the account's full name (its username when it has none) */
    tcxd_date decision_date;
    char at[32];
    char *proposal; /* JSON text or NULL */
    char *facts;    /* JSON text or NULL */
    int legacy;     /* the level in the year's own (pre-2018) names: enum review_legacy_org or
                       _member by the subject; -1: none */
    struct review_score_row *scores;
    size_t n_scores;
};

/* A review with its steps. Release with store_review_release. */
struct store_review {
    int64_t id;
    int year;
    int64_t member_id, org_id;
    char subject_name[1024]; /* the member's full name or the organization's name */
    char org_code[33];
    enum review_subject subject;
    const struct review_ruleset *rs;
    int64_t rubric_id;
    char rubric_name[128];
    tcxd_date review_date;
    enum review_state state;
    bool has_self, has_verified, has_final, has_proposed;
    enum review_level self_level, verified_level, final_level, proposed_level;
    bool has_self_total, has_verified_total;
    review_points self_total, verified_total;
    char decision_no[128];
    tcxd_date decision_date;
    int final_legacy; /* the decided level in the year's own names (see review_step_row) */
    bool historical;  /* decided by a 'record' step: a past decision entered as history */
    struct review_step_row *steps;
    size_t n_steps;
};
void store_review_init(struct store_review *r);
void store_review_release(struct store_review *r);

/* Applies one step (see the top). On success *out (may be NULL; initialised by the caller)
   holds the review after it. */
enum tcxd_err store_review_step(struct store *st, const struct store_actor *who,
                                const struct review_key *k, const struct review_step_req *req,
                                struct store_review *out, struct tcxd_error *e) TCXD_WUR;
/*
 * A decision for a group (e.g. every base organization of a district, or the members of a
 * chi bộ) in one transaction: each item a decide step (its review verified) with the shared
 * decision number and date; the excellent cap is checked once all are written, for every
 * HTXSNV of the batch against its group as it then stands, so the order of the items does not
 * matter. Any failure writes nothing and sets *failed to the index of the item (n for the
 * whole batch); cap_exception (may be NULL) is the reason for exceeding the cap, where allowed.
 */
struct review_batch_item {
    struct review_key key;
    const char *level;           /* as written, read by the year's rule set */
    const char *override_reason; /* departing from a forced level, or deciding before parts */
};
enum tcxd_err store_review_decide_batch(struct store *st, const struct store_actor *who,
                                        const struct review_batch_item *items, size_t n,
                                        const char *decision_no, tcxd_date decision_date,
                                        const char *cap_exception, size_t *failed,
                                        struct tcxd_error *e) TCXD_WUR;

/* ENOTFOUND when the subject has no review that year. */
enum tcxd_err store_review_get(struct store *st, const struct review_key *k,
                               struct store_review *out, struct tcxd_error *e) TCXD_WUR;

/* The facts of a review from the registry and the entered facts of its latest verification,
   with the verified score or grades; release with review_facts_release. */
struct review_facts_owned {
    struct review_facts f;
    struct review_discipline *disc;
    enum review_grade *grades;
    struct buf registry; /* what came from the registry, as Vietnamese lines */
};
void review_facts_release(struct review_facts_owned *f);

/* The proposal for a review as it stands (its latest verification, today's registry facts) and
   the cap figures for deciding `level` (REVIEW_LEVEL__MAX: the proposed level). Read-only. */
struct review_preview {
    struct review_proposal proposal;
    bool has_proposal;
    struct review_cap cap;
    enum review_level level;
    char cap_group[256]; /* "đảng viên của Đảng bộ X" */
    struct buf facts;    /* registry facts, one per line */
};
void review_preview_init(struct review_preview *p);
void review_preview_release(struct review_preview *p);
enum tcxd_err store_review_preview(struct store *st, const struct review_key *k,
                                   enum review_level level, struct review_preview *out,
                                   struct tcxd_error *e) TCXD_WUR;

/* ---- reports ------------------------------------------------------------------------------ */

enum review_group {
    REVIEW_GROUP_BASE,      /* tổ chức cơ sở đảng */
    REVIEW_GROUP_COMMITTEE, /* đảng bộ cấp trên cơ sở trực thuộc (below the root) */
    REVIEW_GROUP_BRANCH,    /* chi bộ trực thuộc, đảng bộ bộ phận */
    REVIEW_GROUP_MEMBER,    /* đảng viên */
    REVIEW_GROUP__MAX
};
const char *review_group_name(enum review_group g); /* "base", "committee", "branch", "member" */
const char *review_group_noun(enum review_group g); /* "tổ chức cơ sở đảng" ... */

struct review_report_item {
    int64_t review_id, member_id, org_id;
    int64_t unit_id; /* members: the base organization; organizations: the parent */
    enum review_group group;
    char name[1024], code[33];
    char unit_code[33], unit_name[256];
    enum review_state state;
    bool has_self, has_verified, has_final;
    enum review_level self_level, verified_level, final_level;
    bool has_self_total, has_verified_total;
    review_points self_total, verified_total;
    int final_legacy; /* -1: none */
    bool historical;
};

/* One subtree and year. counts: decided (final) levels; prev: the same for year - 1 over the
   subtree as it stood then. Release with review_report_release. */
struct review_report {
    int year;
    int64_t root_id;
    char root_name[256];
    struct review_counts counts[REVIEW_GROUP__MAX], prev[REVIEW_GROUP__MAX];
    int undecided[REVIEW_GROUP__MAX];
    struct review_counts self_counts[REVIEW_GROUP__MAX], verified_counts[REVIEW_GROUP__MAX];
    /* The year's own levels when its rule set names them so (rs->legacy_levels): decided
       organizations by enum review_legacy_org, members by enum review_legacy_member (a decision
       stored with a current level counts as its positional legacy level). */
    const struct review_ruleset *rs; /* NULL when no rule set judges the year */
    int legacy[REVIEW_GROUP__MAX][REVIEW_LEGACY_ORG__MAX];
    int historical[REVIEW_GROUP__MAX]; /* decisions entered as history */
    struct review_report_item *items;  /* this year's reviews in the subtree, by group and name */
    size_t n_items, alloc_items;
    /* Filled by store_review_unreviewed (has_unreviewed): the subjects the year should have
       reviewed and that have no review at all; members not reviewed by rule, per reason. */
    bool has_unreviewed;
    bool named_unreviewed; /* missing was filled (named): a city names ~450,000 members */
    int unreviewed[REVIEW_GROUP__MAX];
    int excluded[REVIEW_EXCLUSION__MAX]; /* [REVIEW_INCLUDED] unused */
    struct review_missing *missing;      /* unreviewed, by group and name (members in scope) */
    size_t n_missing, alloc_missing;
};
/* A subject without a review that year: an organization of the subtree alive on the report date
   (not its root), or a member registered in it then, active and not excluded (review.h). */
struct review_missing {
    int64_t member_id, org_id; /* a member: the chi bộ on the report date */
    enum review_group group;
    char name[1024], code[33]; /* a member: the chi bộ's code */
};
void review_report_release(struct review_report *r);
/* root: an organization id alive on 31/12 of year (or today for the current year). */
enum tcxd_err store_review_report(struct store *st, int64_t root, int year,
                                  struct review_report *out, struct tcxd_error *e) TCXD_WUR;
/*
 * Adds to a report of store_review_report the subjects that were never reviewed: every
 * organization of the subtree without a review of the year and every member registered in it on
 * the report date, active, not exempted, suspended or newly admitted, who has none (the figures
 * over the whole subtree; with `named`, the list in r->missing, members within the reader's
 * scope). One pass over the subtree's members: the reports that show it call it (CLI, API),
 * the others do not pay for it.
 */
enum tcxd_err store_review_unreviewed(struct store *st, struct review_report *r, bool named,
                                      struct tcxd_error *e) TCXD_WUR;
/* A member registered (not on a temporary stay) in the subtree on the report date, probationary
   or official, with what its events say on that date (review_exclusion_check): an exemption or
   suspension in force, the decision date of an admission in the year before it. */
struct review_registrant {
    int64_t member_id, org_id; /* org_id: the chi bộ on the report date */
    struct review_member_status status;
};
/* store_review_unreviewed with the members given (in any order) instead of read through SQL:
   the engine's registrations (engine_review_unreviewed). The same figures and list when the
   subjects are the same. */
enum tcxd_err store_review_unreviewed_of(struct store *st, struct review_report *r, bool named,
                                         const struct review_registrant *subjects, size_t n,
                                         struct tcxd_error *e) TCXD_WUR;

/* ---- weak organizations ------------------------------------------------------------------- */

enum weak_status { WEAK_OPEN, WEAK_IN_PROGRESS, WEAK_CONSOLIDATED, WEAK_STATUS__MAX };
const char *weak_status_name(enum weak_status s); /* "open", "in_progress", "consolidated" */
const char *weak_status_label(enum weak_status s); /* "Chưa củng cố", "Đang củng cố", ... */
enum tcxd_err weak_status_parse(const char *s, enum weak_status *out,
                                struct tcxd_error *e) TCXD_WUR;

struct weak_org_row {
    int64_t id, org_id;
    int year;
    char basis[256]; /* the list: "" the review's own, "theo Nghị quyết 15" ... */
    char source[16]; /* "decided" or "flagged" */
    char code[33], name[1024];
    char plan[2048], responsible[256];
    tcxd_date deadline, consolidated_on;
    tcxd_date listed_on; /* DATE_NONE: on the list from the start */
    enum weak_status status;
};

/* Plan fields; NULL (or DATE_NONE, status -1) leaves a field unchanged on update. */
struct weak_org_req {
    const char *plan, *responsible;
    tcxd_date deadline;
    int status;                /* enum weak_status or -1 */
    tcxd_date consolidated_on; /* default: today when the status becomes consolidated */
    const char *basis;         /* add only: the list (NULL or "": the review's own) */
    tcxd_date listed_on;       /* add only: the day it was put on the list (DATE_NONE: from the
                                  start); not after today */
};

/* Flags an organization for consolidation in a year on a list (ECONFLICT when already on that
   list that year). */
enum tcxd_err store_weak_add(struct store *st, const struct store_actor *who, int64_t org_id,
                             int year, const struct weak_org_req *req, int64_t *id_out,
                             struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_weak_update(struct store *st, const struct store_actor *who, int64_t id,
                                const struct weak_org_req *req, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_weak_get(struct store *st, int64_t id, struct weak_org_row *out,
                             struct tcxd_error *e) TCXD_WUR;
/* Weak organizations of years year_from..year_to inside root's subtree (each placed in the tree
   of its own year), by list, year and code. Count them with review_weak_tally. */
enum tcxd_err store_weak_list(struct store *st, int64_t root, int year_from, int year_to,
                              void (*fn)(void *ctx, const struct weak_org_row *w), void *ctx,
                              struct tcxd_error *e) TCXD_WUR;

/* 31/12 of year, or today when that is later than today. */
tcxd_date review_report_date(int year);

/* ---- JSON forms shared by the CLI (--json) and the API (store_review_json.c) --------------- */

#include <jansson.h>

/* A level's label as the rule set's era wrote it (legacy names before 2018). */
const char *review_level_label_for(const struct review_ruleset *rs, enum review_subject s,
                                   enum review_level l);
/* The same with the legacy level as stored (-1: none, the positional one). */
const char *review_level_label_legacy(const struct review_ruleset *rs, enum review_subject s,
                                      enum review_level l, int legacy);
/*
 * Reads a level as written for a subject reviewed under rs: under a legacy rule set the year's
 * own names first (organizations: tsvm_tieu_bieu, tsvm, httnv, htnv, yeu_kem; members:
 * dtc_htxsnv ... vptc_khtnv, or their labels), then the current names, mapped by position; *legacy
 * gets the legacy level (-1 for a current rule set, where a legacy name maps to its current
 * level). TCXD_EINVAL (field "level") otherwise.
 */
enum tcxd_err review_level_resolve(const struct review_ruleset *rs, enum review_subject s,
                                   const char *text, enum review_level *level, int *legacy,
                                   struct tcxd_error *e) TCXD_WUR;
/* The board's sentence of one report group in the year's own level names (review_board_sentence)
   with org_name the subtree root's name. */
void review_report_board_sentence(struct buf *b, const struct review_report *r, enum review_group g,
                                  const char *org_name);
/* The board sentence's noun for a group: "tổ chức cơ sở Đảng" ... */
const char *review_group_board_noun(enum review_group g);
json_t *review_rubric_json(const struct store_rubric *r);
/* pv may be NULL (no proposal or cap shown). */
json_t *review_json(const struct store_review *rv, const struct review_preview *pv);
json_t *review_report_json(const struct review_report *r, bool with_items);
/* The positional mapping of the pre-2018 levels onto the current ones (an approximation boards
   use, not an official equivalence): [{subject, legacy, legacy_label, level, label}]. */
json_t *review_legacy_mapping_json(void);
/* Subjects whose self-assessed total exceeds the verified one by more than threshold, and
   the count per organization (members: base organization; organizations: parent). */
json_t *review_leniency_json(const struct review_report *r, review_points threshold);
json_t *weak_org_json(const struct weak_org_row *w);
/*
 * The weak lists as of a date (DATE_NONE: today): {"as_of","items":[weak + "consolidated_as_of"],
 * "lists":[{"basis","label","total","consolidated","share","sentence"}] (review_weak_tally: one
 * per basis, an organization carried over years once), "total","consolidated","share","sentence"
 * (the lists added up)}. The sentence of a list: "theo Nghị quyết 15: đã củng cố 07/39 (17,9%)".
 */
json_t *weak_lists_json(const struct weak_org_row *rows, size_t n, tcxd_date as_of);

#endif
