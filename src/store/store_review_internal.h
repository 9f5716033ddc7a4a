/*
 * store_review_internal.h - helpers shared by the review's store files (store_review.c: rubrics,
 * steps and facts; store_review_report.c: reports; store_weak.c: weak organizations); not part
 * of the store interface.
 */
#ifndef TCXD_STORE_STORE_REVIEW_INTERNAL_H
#define TCXD_STORE_STORE_REVIEW_INTERNAL_H

#include <jansson.h>

#include "core/tree.h"
#include "store/store_review.h"
#include "util/buf.h"
#include "util/err.h"

/* Now as "2026-01-15T08:30:00Z". */
void review_now_iso(char out[32]);
/* Compact JSON text of j (freed: j is consumed); the caller frees the text. */
char *review_json_text(json_t *j);
/* Cleans an optional text input (NULL: "") into out, at most max code points. */
enum tcxd_err review_clean(const char *in, size_t max, const char *field, struct buf *out,
                           struct tcxd_error *e) TCXD_WUR;

/* The year's review rows (every subject, in id order), members with their names. */
struct item_vec {
    struct review_report_item *v;
    size_t n, cap;
};
enum tcxd_err review_load_year(struct store *st, int year, struct item_vec *out,
                               struct tcxd_error *e) TCXD_WUR;
/* The base organization at or above node (TREE_NONE when there is none). */
uint32_t review_base_of(const struct org_tree *t, uint32_t node);

/* A member's events as the review reads them: the year's disciplines up to the review date,
   the admission, exemption and suspension in force on it. */
struct member_scan {
    int year;
    tcxd_date date;
    tcxd_date admitted;
    bool exempt, suspended;
    struct review_discipline *disc;
    size_t n, cap;
};

/* One event on or before the review date, in order: the admission (its decision date), the
   exemption, suspension and exit that set who is reviewed (exempt, suspended, admitted). */
void review_scan_status(struct member_scan *m, enum member_event_kind kind, int form,
                        tcxd_date decision_date);

/* A member on the review date: status, chi bộ, exclusion, disciplines of the year. */
struct member_state {
    enum member_status status;
    int64_t org_id;
    enum review_exclusion excl;
    struct member_scan scan;
};
enum tcxd_err review_member_state_load(struct store *st, const struct review_ruleset *rs,
                                       int64_t member_id, int year, tcxd_date date,
                                       struct member_state *ms, struct tcxd_error *e) TCXD_WUR;
void review_member_state_release(struct member_state *ms);

#endif
