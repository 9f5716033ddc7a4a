/*
 * store_inspection.h - inspections, supervision and party discipline in the database (migration
 * 0090; the rules are core/inspection.h).
 *
 * An inspection belongs to the organization whose body does it (body_org_id): that is the
 * organization a scoped caller must reach, and the one its audit record names. Its subjects are
 * organizations and members; a conclusion is recorded once, dated on or after the start.
 *
 * A member's discipline is also the member's DISCIPLINE event (so the review's forcing rules, the
 * timeline and a khai trừ's end of membership follow it), written in the same transaction with
 * one audit record ("discipline.member"); the form is checked against the member's status on the
 * decision date (a probationary member: khiển trách, cảnh cáo). An organization's discipline
 * ("discipline.org") is a record of the decision; giải tán is carried out with `org dissolve`.
 *
 * Period counts (store_inspection_counts) are over the subtree `root` of a tree (the tree on the
 * period's last day): an inspection or supervision counts each of its subjects once when it
 * started in the period — an organization in the subtree, a member registered in it on the
 * start date; a discipline counts when its decision is dated in the period and its subject stood
 * in the subtree then. Teams: inspections by an "doan" body of the root organization itself.
 *
 * Ownership: plain values; strings passed in are borrowed.
 */
#ifndef TCXD_STORE_STORE_INSPECTION_H
#define TCXD_STORE_STORE_INSPECTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/inspection.h"
#include "core/tree.h"
#include "store/store.h"

enum {
    INSPECTION_TEXT_MAX = 4000,
    INSPECTION_TEAM_MAX = 300,
    INSPECTION_DOC_MAX = 100,
};

struct inspection_req {
    enum inspection_kind kind;
    enum inspection_body body;
    int64_t body_org_id;
    const char *team, *decision_no;
    unsigned areas;
    tcxd_date start, end; /* end may be DATE_NONE */
    const int64_t *orgs;  /* subject organizations (alive on the start date) */
    size_t norgs;
    const int64_t *members; /* subject members */
    size_t nmembers;
    const char *const *team_members; /* "Name|role" or "Name" */
    size_t nteam;
    int64_t plan_item_id; /* the plan item it carries out (0: outside the plan) */
};

struct inspection_info {
    int64_t id;
    enum inspection_kind kind;
    enum inspection_body body;
    int64_t body_org_id;
    char team[1024];
    unsigned areas;
    tcxd_date start, end, concluded_on;
    enum inspection_conclusion conclusion;
    char findings[4096 * 4];
    char follow_up[4096 * 4];
    char decision_no[512];
    size_t norgs, nmembers;
    int64_t plan_item_id; /* 0: outside the plan */
};

enum tcxd_err store_inspection_add(struct store *st, const struct store_actor *who,
                                   const struct inspection_req *req, tcxd_date today,
                                   int64_t *id_out, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_inspection_get(struct store *st, int64_t id, struct inspection_info *out,
                                   struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_inspection_conclude(struct store *st, const struct store_actor *who, int64_t id,
                                        enum inspection_conclusion c, tcxd_date concluded_on,
                                        const char *findings, const char *follow_up,
                                        tcxd_date today, struct tcxd_error *e) TCXD_WUR;
/* Inspections started in [from, to] whose body's organization is in the subtree. */
enum tcxd_err store_inspection_list(struct store *st, const struct org_tree *t, uint32_t root,
                                    tcxd_date from, tcxd_date to,
                                    void (*fn)(void *ctx, const struct inspection_info *i),
                                    void *ctx, struct tcxd_error *e) TCXD_WUR;

/* ---- the annual plan (core/inspection.h) ----
   An item belongs to the organization whose body plans it (a scoped caller must reach it on the
   plan's last day, or today when that is later); one audit record ("inspection.plan_item"). An
   inspection carrying out an item names it (inspection_req.plan_item_id): of the same body's
   organization and kind, started in the plan's year. */
enum { INSPECTION_PLAN_TITLE_MAX = 300 };
struct inspection_plan_req {
    int64_t body_org_id;
    int year, month; /* month 0: in the year */
    enum inspection_kind kind;
    enum inspection_body body;
    unsigned areas;
    int64_t planned_orgs, planned_members;
    const char *title;
};
struct inspection_plan_item {
    int64_t id, body_org_id;
    int year, month;
    enum inspection_kind kind;
    enum inspection_body body;
    unsigned areas;
    int64_t planned_orgs, planned_members;
    int64_t carried_out; /* inspections carrying it out */
    char title[1024];
};
enum tcxd_err store_inspection_plan_add(struct store *st, const struct store_actor *who,
                                        const struct inspection_plan_req *req, tcxd_date today,
                                        int64_t *id_out, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_inspection_plan_item_get(struct store *st, int64_t id,
                                             struct inspection_plan_item *out,
                                             struct tcxd_error *e) TCXD_WUR;
/* The items of `year` whose body's organization is in the subtree (fn once each, by
   organization and month), and the year's progress over the subtree: items planned and carried
   out, the inspections started in the year by the subtree's bodies that carry out none. */
enum tcxd_err store_inspection_plan(struct store *st, const struct org_tree *t, uint32_t root,
                                    int year,
                                    void (*fn)(void *ctx, const struct inspection_plan_item *i),
                                    void *ctx, struct inspection_plan_progress *out,
                                    struct tcxd_error *e) TCXD_WUR;

struct discipline_req {
    enum party_discipline form;
    int64_t org_id;                           /* an organization ... */
    int64_t member_id;                        /* ... or a member (exactly one) */
    tcxd_date violation, decision, announced; /* violation and announced may be DATE_NONE */
    int64_t deciding_org_id;                  /* 0 when not given */
    const char *decision_no, *reason;
    int64_t inspection_id; /* 0 when not from an inspection */
};

struct discipline_info {
    int64_t id, org_id, member_id, subject_org_id, deciding_org_id, inspection_id;
    enum party_discipline form; /* as decided (an appeal may change it: see `current`) */
    enum party_discipline current;
    tcxd_date violation, decision, announced, annulled, expires;
    char decision_no[512];
    char reason[4096 * 4];
};

enum tcxd_err store_discipline_add(struct store *st, const struct store_actor *who,
                                   const struct discipline_req *req, tcxd_date today,
                                   int64_t *id_out, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_discipline_get(struct store *st, int64_t id, struct discipline_info *out,
                                   struct tcxd_error *e) TCXD_WUR;
/* An appeal: lodged after the decision; result APPEAL_PENDING, or decided on a date with a new
   form when APPEAL_CHANGED (allowed for the subject). For a member, a result that raises the
   form to khai trừ appends the member's DISCIPLINE event of that form on the result's day (the
   membership ends); one that annuls or lowers a khai trừ appends a RESTORE in the chi bộ of the
   decision (refused, nothing written, when the member's events do not replay with it). */
enum tcxd_err store_discipline_appeal(struct store *st, const struct store_actor *who,
                                      int64_t discipline_id, tcxd_date lodged,
                                      enum appeal_result result, enum party_discipline new_form,
                                      tcxd_date decided, const char *decision_no, tcxd_date today,
                                      struct tcxd_error *e) TCXD_WUR;
/* Disciplines decided in [from, to] whose subject stood in the subtree. */
enum tcxd_err store_discipline_list(struct store *st, const struct org_tree *t, uint32_t root,
                                    tcxd_date from, tcxd_date to,
                                    void (*fn)(void *ctx, const struct discipline_info *d),
                                    void *ctx, struct tcxd_error *e) TCXD_WUR;

/* A decision as it stands on a day: its current form (after an appeal decided by then), its
   dates; for the rules that read discipline (the review, appointments, badges). */
struct discipline_brief {
    int64_t id;
    enum party_discipline form;
    tcxd_date decided, announced, annulled, restarted; /* annulled, restarted: by an appeal */
};
/* The decisions of an organization (org_id) or a member (member_id; the other 0) dated on or
   before `on`, oldest first, without those annulled by then. Caller frees *out. No scope. */
enum tcxd_err store_discipline_briefs(struct store *st, int64_t org_id, int64_t member_id,
                                      tcxd_date on, struct discipline_brief **out, size_t *n,
                                      struct tcxd_error *e) TCXD_WUR;
/* A member's discipline effects on `on` (core discipline_effects_add over every decision: those
   of this module and the member's older DISCIPLINE events that have no decision record): in
   force, when appointment and the badge may be proposed again. For the cadre and badge rules. */
enum tcxd_err store_member_discipline_effects(struct store *st, int64_t member_id, tcxd_date on,
                                              struct discipline_effects *out,
                                              struct tcxd_error *e) TCXD_WUR;

/* A member's DISCIPLINE event (its date and form) as it stands on `on`: when it is a decision of
   this module, the form after the appeals decided by then (*form changed), false when an appeal
   annulled it by then; an event without a decision record stands as entered. For the review,
   which reads the member's events. */
bool store_member_discipline_standing(struct store *st, int64_t member_id, tcxd_date decided,
                                      int *form, tcxd_date on);

enum tcxd_err store_inspection_counts(struct store *st, const struct org_tree *t, uint32_t root,
                                      tcxd_date from, tcxd_date to, struct inspection_counts *out,
                                      struct tcxd_error *e) TCXD_WUR;

#endif
