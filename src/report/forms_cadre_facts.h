/*
 * forms_cadre_facts.h - the counts of the cadre forms from the cadre records, apart from
 * forms_cadre.c (report/forms.h and core/cadre.h both name a PROF_NONE: no file includes
 * both). Private to src/report.
 */
#ifndef TCXD_REPORT_FORMS_CADRE_FACTS_H
#define TCXD_REPORT_FORMS_CADRE_FACTS_H

#include <stdint.h>

#include "util/date.h"
#include "util/err.h"

struct store;

/* form 13's rows and its columns (the managing levels, enum cadre_mgmt's order) */
enum { CF13_TOTAL, CF13_APPOINT, CF13_REAPPOINT, CF13_NOMINATE, CADRE_FORM13_ROWS };
#define CADRE_FORM13_COLS 4

/* Decisions of [from, to] to posts of the subtree of org_id (store_cadre_appoint_events):
   out[row][managing level]. */
enum tcxd_err cadre_form13_counts(struct store *st, int64_t org_id, tcxd_date from, tcxd_date to,
                                  int64_t out[CADRE_FORM13_ROWS][CADRE_FORM13_COLS],
                                  struct tcxd_error *e) TCXD_WUR;

/* form 11's rows; its columns: 0 the total (= the others' sum), 1 + enum move_direction for
   form 11's ten directions */
enum {
    CF11_TOTAL,
    CF11_WOMEN,
    CF11_MINORITY,
    CF11_RELIGIOUS,
    CF11_AGE_40,
    CF11_AGE_50,
    CF11_AGE_OVER_50,
    CF11_PROF_TRUNG_CAP,
    CF11_PROF_CAO_DANG,
    CF11_PROF_DAI_HOC,
    CF11_PROF_SAU_DAI_HOC,
    CF11_THEORY_SO_CAP,
    CF11_THEORY_TRUNG_CAP,
    CF11_THEORY_CAO_CAP,
    CADRE_FORM11_ROWS
};
#define CADRE_FORM11_COLS 11

/* Rotations (luân chuyển) of [from, to] to organizations of the subtree of org_id with one of
   form 11's directions (store_cadre_move_events): out[row][column]; the attributes are the
   cadre's, the age on the day of the move. */
enum tcxd_err cadre_form11_counts(struct store *st, int64_t org_id, tcxd_date from, tcxd_date to,
                                  int64_t out[CADRE_FORM11_ROWS][CADRE_FORM11_COLS],
                                  struct tcxd_error *e) TCXD_WUR;

#endif
