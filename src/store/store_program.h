/*
 * store_program.h - programs, items, indicators, the meeting register and attendance
 * assignments in the database (migration 0100). The rules are core/program.h: this module checks
 * input with them, records the result and reads back what reports need.
 *
 * Every mutation is one transaction with one audit record ("program.create", "program.item",
 * "program.status", "indicator.create", "indicator.figure", "meeting.add", "attendance.assign"),
 * naming the organization the record belongs to (the program's, the indicator's, the meeting's or
 * the assignment's organization) so that scoped audit readers see it. Refusals write nothing.
 *
 * Computed indicators (store_indicator_compute) count over the subtree of the indicator's
 * organization as it stood on the last day of the period, so the same period of the year before
 * is counted against the tree of that year:
 *   IND_ADMISSIONS          admissions whose decision is dated in the period (kết nạp: the
 *                           decision's date, the ceremony's when none), in a chi bộ of the
 *                           subtree;
 *   IND_NEW_ORGS            base organizations (tổ chức cơ sở đảng) created in the period;
 *   IND_NEW_ORGS_NON_STATE  of those, base organizations of type dn_ngoai_nha_nuoc;
 *   IND_UNITS_WITHOUT_CHI_BO, IND_UNITS_WITHOUT_MEMBERS  residential units of the subtree on the
 *                           period's last day that no chi bộ serves / where no member is
 *                           registered in the serving chi bộ (store_residential_coverage).
 * An organization created and ended within the period is not in the tree at its end and is not
 * counted (UNCONFIRMED: how boards count such short-lived organizations).
 *
 * Ownership: info structs are plain values; struct program_items owns its arrays (release with
 * store_program_items_release); strings passed in are borrowed for the call.
 */
#ifndef TCXD_STORE_STORE_PROGRAM_H
#define TCXD_STORE_STORE_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/program.h"
#include "core/tree.h"
#include "store/store.h"

/* Field limits (code points), the same for the CLI, the API and the docs. */
enum {
    PROGRAM_CODE_MAX = 60,
    PROGRAM_TITLE_MAX = 500,
    PROGRAM_AGENCY_MAX = 200,
    PROGRAM_PEOPLE_MAX = 500,
    PROGRAM_NOTE_MAX = 1000,
    PROGRAM_ITEM_NO_MAX = 20,
    PROGRAM_DOC_MAX = 100,
};

/* ---- programs and items -------------------------------------------------------------------- */

struct program_info {
    int64_t id;
    char code[256];
    char title[2048];
    int64_t org_id;
    char steering[2048];
    tcxd_date from, to; /* the program's period, both days included */
    char decision_no[512];
};

struct program_create_req {
    const char *code, *title, *steering, *decision_no;
    int64_t org_id;
    tcxd_date from, to;
};

enum tcxd_err store_program_create(struct store *st, const struct store_actor *who,
                                   const struct program_create_req *req, int64_t *id_out,
                                   struct tcxd_error *e) TCXD_WUR;
/* By id (code NULL) or by code; ENOTFOUND when absent. */
enum tcxd_err store_program_get(struct store *st, int64_t id, const char *code,
                                struct program_info *out, struct tcxd_error *e) TCXD_WUR;
/* Every program, by code. */
enum tcxd_err store_program_list(struct store *st,
                                 void (*fn)(void *ctx, const struct program_info *p), void *ctx,
                                 struct tcxd_error *e) TCXD_WUR;

struct program_item_req {
    const char *no, *title, *lead_agency, *people, *document_no;
    enum program_item_kind kind;
    tcxd_date start, deadline;
};

struct program_item_info {
    int64_t id, program_id;
    char no[128];
    enum program_item_kind kind;
    char title[2048];
    char lead_agency[1024];
    char people[2048];
    char document_no[512];
    tcxd_date start, deadline;
    const struct program_status_change *changes; /* oldest first, into the list's array */
    size_t nchanges;
};

struct program_items {
    struct program_item_info *v;
    size_t n;
    struct program_status_change *changes;
    size_t nchanges;
};
void store_program_items_release(struct program_items *l);

enum tcxd_err store_program_item_add(struct store *st, const struct store_actor *who,
                                     int64_t program_id, const struct program_item_req *req,
                                     int64_t *id_out, struct tcxd_error *e) TCXD_WUR;
/* The program's items in their numbering order, each with its status history. */
enum tcxd_err store_program_items(struct store *st, int64_t program_id, struct program_items *out,
                                  struct tcxd_error *e) TCXD_WUR;
/* The item numbered `no` in the program; ENOTFOUND when absent. */
enum tcxd_err store_program_item_find(struct store *st, int64_t program_id, const char *no,
                                      int64_t *item_id, struct tcxd_error *e) TCXD_WUR;
/* The program an item belongs to; ENOTFOUND when absent. */
enum tcxd_err store_program_item_program(struct store *st, int64_t item_id, int64_t *program_id,
                                         struct tcxd_error *e) TCXD_WUR;
/* Records a dated status change (checked by program_status_change_check against today). */
enum tcxd_err store_program_item_status(struct store *st, const struct store_actor *who,
                                        int64_t item_id, struct program_status_change ch,
                                        const char *note, const char *document_no, tcxd_date today,
                                        struct tcxd_error *e) TCXD_WUR;

/* The program's progress on `on` (items counted by their status that day; agencies distinct by
   their folded names); due soon: deadline within soon_days. */
void store_program_progress(const struct program_items *l, tcxd_date on, int soon_days,
                            struct program_progress *out);

/* ---- indicators ------------------------------------------------------------------------------ */

struct indicator_info {
    int64_t id;
    char code[256];
    char name[2048];
    int64_t org_id;
    enum indicator_source source;
    enum indicator_unit unit;
};

struct indicator_create_req {
    const char *code, *name;
    int64_t org_id;
    enum indicator_source source;
    enum indicator_unit unit;
};

enum indicator_figure_what { INDICATOR_TARGET, INDICATOR_ACTUAL };

enum tcxd_err store_indicator_create(struct store *st, const struct store_actor *who,
                                     const struct indicator_create_req *req, int64_t *id_out,
                                     struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_indicator_get(struct store *st, int64_t id, const char *code,
                                  struct indicator_info *out, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_indicator_list(struct store *st,
                                   void (*fn)(void *ctx, const struct indicator_info *i), void *ctx,
                                   struct tcxd_error *e) TCXD_WUR;
/* Sets the target or (for a manual indicator only) the actual value of the period [from, to];
   a later call for the same period replaces it (audited with before and after). */
enum tcxd_err store_indicator_figure_set(struct store *st, const struct store_actor *who,
                                         int64_t indicator_id, enum indicator_figure_what what,
                                         tcxd_date from, tcxd_date to, int64_t value,
                                         const char *note, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_indicator_figure_get(struct store *st, int64_t indicator_id,
                                         enum indicator_figure_what what, tcxd_date from,
                                         tcxd_date to, bool *found, int64_t *value,
                                         struct tcxd_error *e) TCXD_WUR;
/* The actual value of a computed indicator over [from, to] (see the header comment); for a
   manual one the stored value (found false when none). */
enum tcxd_err store_indicator_actual(struct store *st, const struct indicator_info *ind,
                                     tcxd_date from, tcxd_date to, bool *found, int64_t *value,
                                     struct tcxd_error *e) TCXD_WUR;

/* ---- residential units ---------------------------------------------------------------------- */

struct residential_unit_info {
    int64_t id;
    char code[256];
    char name[1024];
    enum residential_kind kind;
    int64_t commune_org_id;
    tcxd_date from, to;
};

/* A thôn or tổ dân phố of a commune or ward committee (a base organization of type xã, phường or
   thị trấn, or from 01/07/2025 a commune-level committee) from `from`. */
enum tcxd_err store_residential_add(struct store *st, const struct store_actor *who,
                                    const char *code, const char *name, enum residential_kind kind,
                                    int64_t commune_org_id, tcxd_date from, int64_t *id_out,
                                    struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_residential_get(struct store *st, const char *code,
                                    struct residential_unit_info *out,
                                    struct tcxd_error *e) TCXD_WUR;
/* From `from` the unit is served by chi bộ org_id (the previous link ends that day). */
enum tcxd_err store_residential_link(struct store *st, const struct store_actor *who,
                                     int64_t unit_id, int64_t org_id, tcxd_date from,
                                     const char *decision_no, struct tcxd_error *e) TCXD_WUR;
/* The residential units of the subtree `root` of t (the tree on `on`) on `on`. */
enum tcxd_err store_residential_coverage(struct store *st, const struct org_tree *t, uint32_t root,
                                         tcxd_date on, struct residential_coverage *out,
                                         struct tcxd_error *e) TCXD_WUR;

/* ---- meetings and attendance ------------------------------------------------------------------
 */

struct meeting_req {
    int64_t org_id;
    tcxd_date date;
    enum meeting_kind kind;
    const char *topic;
    const int64_t *members; /* present members: registered in the organization on the date */
    size_t nmembers;
    const int64_t *guests; /* guests from higher committees: any member */
    size_t nguests;
};

/* Records a meeting; refuses an organization not alive on the date, a future date, a present
   member not registered in that organization on the date (field "members": attendance for a
   meeting of another chi bộ), a person listed twice. */
enum tcxd_err store_meeting_add(struct store *st, const struct store_actor *who,
                                const struct meeting_req *req, tcxd_date today, int64_t *id_out,
                                struct tcxd_error *e) TCXD_WUR;

struct meeting_row {
    int64_t id, org_id;
    tcxd_date date;
    enum meeting_kind kind;
    const char *topic;
    int64_t present, guests;
};
/* The organization's meetings with date in [from, to], oldest first. */
enum tcxd_err store_meeting_list(struct store *st, int64_t org_id, tcxd_date from, tcxd_date to,
                                 void (*fn)(void *ctx, const struct meeting_row *m), void *ctx,
                                 struct tcxd_error *e) TCXD_WUR;

/* Assigns a committee member to attend org's meetings from `from` (to: DATE_OPEN_END). */
enum tcxd_err store_attendance_assign(struct store *st, const struct store_actor *who,
                                      int64_t member_id, int64_t org_id, tcxd_date from,
                                      tcxd_date to, const char *decision_no, int64_t *id_out,
                                      struct tcxd_error *e) TCXD_WUR;

struct attendance_row {
    int64_t assignment_id;
    struct attendance_assignment a;
    enum attendance_result result;
    int visits;
};
/* Each assignment to an organization of the subtree `root` of tree t (the tree on the quarter's
   last day) that overlaps quarter q of year y, with its result, by organization then member. */
enum tcxd_err store_attendance_report(struct store *st, const struct org_tree *t, uint32_t root,
                                      int y, int q,
                                      void (*fn)(void *ctx, const struct attendance_row *r),
                                      void *ctx, struct tcxd_error *e) TCXD_WUR;

#endif
