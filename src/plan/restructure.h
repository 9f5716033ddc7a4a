/*
 * restructure.h - restructuring plans (the 2025 two-level reorganisation and any like it): a
 * plan file read from CSV or XLSX, checked as a whole, shown as a dry run, applied as one
 * transaction on its date.
 *
 * The plan file: one header row, then one row per action. Columns (ASCII names; case and
 * diacritics do not matter; order free):
 *   action       create | merge | move | end  (also: thanh_lap, hop_nhat, chuyen, ket_thuc)
 *   code         create: the new unit's code; others: an existing organization
 *   name         create: the new unit's name
 *   tier, form   create: required; move: optional re-tier (with type)
 *   type         base type / commune type (xa, phuong, dac_khu, ...)
 *   parent       create, move: the parent (an existing code or a unit the plan creates)
 *   into         merge: the new unit the old one goes into; end: where its remaining children go
 *   part         merge: whole (default) or part (an old unit split between several new ones)
 *   decision_no  the decision of the row (optional)
 *   date         the plan's date: every row carries the same one (rows may leave it empty)
 * Meaning, applied in this order on the date:
 *   1. create: new committees (parents before children);
 *   2. move: an organization goes under a new parent; re-tiered to the row's tier/form/type,
 *      or, when empty and the old kind does not fit the new parent, by the default rule: under
 *      a commune-level committee a chi bộ trực thuộc becomes a chi bộ cơ sở and a đảng bộ bộ
 *      phận a đảng bộ cơ sở, carrying the committee's type;
 *   3. merge / end, innermost old units first: the children not moved by a move row go to
 *      `into` (for a unit split in parts: the first part's), re-tiered by the default rule;
 *      then the old unit ends: merged into `into` (a merged chi bộ's members move into it) or
 *      ended (dissolved; its members, if any, to `into`).
 * Checked as a whole before anything is written: every row's fields (the error names the line
 * and column), codes (new ones unused, old ones alive the day before), each old unit in one
 * action, every base commune unit (xã, phường, thị trấn) whose district (an above-base parent)
 * the plan ends accounted for by a row of its own; then
 * the plan is applied inside a transaction (the store's nesting rules of the new tree, dated),
 * no member registered the day before may be left without a chi bộ, and the figures of both
 * days and the list of changes are produced. A dry run rolls back; apply commits.
 */
#ifndef TCXD_PLAN_RESTRUCTURE_H
#define TCXD_PLAN_RESTRUCTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "report/count.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

enum plan_action { PLAN_CREATE, PLAN_MERGE, PLAN_MOVE, PLAN_END, PLAN__MAX };

struct plan_row {
    long line;
    enum plan_action action;
    char *code, *name, *parent, *into, *decision_no;
    bool has_shape; /* tier and form given */
    struct org_shape shape;
    bool part;
};

struct restructure_plan {
    struct plan_row *rows;
    size_t n, cap;
    tcxd_date date;
};

struct plan_issue {
    long line; /* 0: about the plan as a whole */
    char field[64];
    char msg[512];
    bool warning;
};

/* What the plan does and what it found. Release with restructure_result_release. */
struct restructure_result {
    int64_t scope_id; /* the subtree whose figures are given */
    int64_t created, ended, moved, retiered, members_moved, members_unplaced;
    struct structure_counts before, after; /* the day before, the date */
    struct plan_issue *issues;
    size_t nissues, cap, nerrors;
    json_t *changes; /* array of {"action","code","name","detail"} */
    bool applied;
};

void restructure_plan_init(struct restructure_plan *p);
void restructure_plan_release(struct restructure_plan *p);
void restructure_result_init(struct restructure_result *r);
void restructure_result_release(struct restructure_result *r);

/* Reads a plan from CSV or XLSX bytes (name picks the format when the bytes do not). Problems
   of single rows go to r->issues (line and column); TCXD_EINVAL when there are any. */
enum tcxd_err restructure_plan_read(const void *data, size_t len, const char *name,
                                    struct restructure_plan *p, struct restructure_result *r,
                                    struct tcxd_error *e) TCXD_WUR;

struct restructure_opts {
    bool apply;    /* false: check / dry run (nothing is written) */
    int64_t scope; /* 0: the root above the plan's old units */
};

/* Checks and runs the plan (see above). TCXD_OK: valid (and applied when o->apply); else the
   first error in e, every issue in r->issues, and nothing changed. */
enum tcxd_err restructure_run(struct store *st, const struct store_actor *who,
                              const struct restructure_plan *p, const struct restructure_opts *o,
                              struct restructure_result *r, struct tcxd_error *e) TCXD_WUR;

/* {"ok","applied","date","scope_id","created","ended","moved","retiered","members_moved",
   "members_unplaced","before":{counts},"after":{counts},"changes":[...],"issues":[...]} */
json_t *restructure_result_json(const struct restructure_result *r, tcxd_date date);
/* The same as text, in the thread's language. */
void restructure_result_text(const struct restructure_result *r, tcxd_date date, bool verbose,
                             struct buf *out);
json_t *structure_counts_json(const struct structure_counts *c);

#endif
