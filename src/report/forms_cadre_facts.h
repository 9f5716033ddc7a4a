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

/* forms 9A-9C and 12A-12C: the rows (the same on all six; each form shows those its grid has)
   and the columns (the posts, core/cadre.h cadre_post_column) */
enum {
    CFL_TOTAL,
    CFL_WOMEN,
    CFL_MINORITY,
    CFL_AGE_40,
    CFL_AGE_50,
    CFL_AGE_OVER_50,
    CFL_PROF_CAO_DANG,
    CFL_PROF_DAI_HOC,
    CFL_PROF_SAU_DAI_HOC,
    CFL_ACAD_PGS,
    CFL_ACAD_GS,
    CFL_THEORY_SO_CAP,
    CFL_THEORY_TRUNG_CAP,
    CFL_THEORY_CAO_CAP,
    CADRE_LEADER_ROWS
};
#define CADRE_LEADER_MAX_COLS 17
enum { CFL_FORM9, CFL_FORM12 };           /* enum cadre_form_family */
enum { CFL_TINH = 1, CFL_HUYEN, CFL_XA }; /* enum cadre_tier */

/* family 0 (form 9): the people holding each post of the tier (1 tỉnh, 2 huyện, 3 xã: enum
   cadre_tier) on `on` over the subtree of org_id (store_cadre_post_holders); family 1 (form
   12): the planning entries active on `on` (store_cadre_post_plans). The attributes are the
   cadre's, the age on `on`. out[row][column]. */
enum tcxd_err cadre_leader_counts(struct store *st, int64_t org_id, tcxd_date on, int family,
                                  int tier, int64_t out[CADRE_LEADER_ROWS][CADRE_LEADER_MAX_COLS],
                                  struct tcxd_error *e) TCXD_WUR;

#endif
