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

#endif
