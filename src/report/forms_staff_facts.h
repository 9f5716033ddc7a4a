/*
 * forms_staff_facts.h - the counts of forms 8A and 8B-BTCTW from the staffing roll
 * (store/store_staff.h), apart from forms_staff.c (report/forms.h and core/cadre.h both name a
 * PROF_NONE: no file includes both). Private to src/report.
 */
#ifndef TCXD_REPORT_FORMS_STAFF_FACTS_H
#define TCXD_REPORT_FORMS_STAFF_FACTS_H

#include <stdint.h>

#include "util/date.h"
#include "util/err.h"

struct store;

/* form 8A's rows (one value: the period's) */
enum {
    SF8A_A,
    SF8A_A_CBCC,
    SF8A_A_VC,
    SF8A_A_HD68,
    SF8A_A_HDK,
    SF8A_B,
    SF8A_B1,
    SF8A_B1A,
    SF8A_B1B,
    SF8A_B1B_TALENT,
    SF8A_B1B_EXP,
    SF8A_B2,
    SF8A_B2A,
    SF8A_B2B,
    SF8A_B2B_TALENT,
    SF8A_B2B_EXP,
    SF8A_C,
    SF8A_C1, /* C.1 .. C.7 in enum staff_leave's order */
    SF8A_C7 = SF8A_C1 + 6,
    SF8A_D,
    SF8A_D_CBCC,
    SF8A_D_VC,
    SF8A_D_HD68,
    SF8A_D_HDK,
    STAFF_FORM8A_ROWS
};

/* The roll over the subtree of org_id (the tree of `to`) for the period [from, to]: A on the
   day before, B and C in it, D at its end (staff.h's days). */
enum tcxd_err staff_form8a_counts(struct store *st, int64_t org_id, tcxd_date from, tcxd_date to,
                                  int64_t out[STAFF_FORM8A_ROWS], struct tcxd_error *e) TCXD_WUR;

/* form 8B's rows; its columns: 0 the total, 1 cấp tỉnh, 2-4 its kinds (enum staff_body_kind),
   5 cấp huyện, 6-8 its kinds */
enum {
    SF8B_TOTAL,
    SF8B_CBCC,
    SF8B_VC,
    SF8B_HD68,
    SF8B_HDK,
    SF8B_WOMEN,
    SF8B_MINORITY,
    SF8B_PARTY,
    SF8B_AGE0, /* 8 bands: staff_age_band */
    SF8B_AGE_MEAN = SF8B_AGE0 + 8,
    SF8B_CC1,                       /* ngạch công chức: cvcc .. nhân viên */
    SF8B_VC1 = SF8B_CC1 + 5,        /* hạng I .. V */
    SF8B_PROF_BELOW = SF8B_VC1 + 5, /* dưới cao đẳng */
    SF8B_PROF_CD,
    SF8B_PROF_DH,
    SF8B_PROF_THS,
    SF8B_PROF_TS,
    SF8B_PGS,
    SF8B_GS,
    SF8B_LLCT_SC,
    SF8B_LLCT_TC,
    SF8B_LLCT_CC,
    STAFF_FORM8B_ROWS
};
#define STAFF_FORM8B_COLS 9

/* The roll at the end of `to` over the subtree of org_id (the tree of `to`): out[row][col];
   mean[col] the mean age (whole years on `to`) of those with a birth date, NAN when none. */
enum tcxd_err staff_form8b_counts(struct store *st, int64_t org_id, tcxd_date to,
                                  int64_t out[STAFF_FORM8B_ROWS][STAFF_FORM8B_COLS],
                                  double mean[STAFF_FORM8B_COLS], struct tcxd_error *e) TCXD_WUR;

#endif
