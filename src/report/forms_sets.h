/*
 * forms_sets.h - the sets of form definitions (data), each in its own file, registered in ONE
 * table: form_sets[] of forms_defs.c. A new set (the cadre forms 8-13) exports its array and
 * count here and adds a line there; form_defs() lists every definition, form_def_find() picks the
 * one of an id whose dates hold the period's end.
 */
#ifndef TCXD_REPORT_FORMS_SETS_H
#define TCXD_REPORT_FORMS_SETS_H

#include <stddef.h>

#include "report/forms.h"

/* the current set: 09-HD/BTCTW 2017, 11-HD/BTCTW 13/12/2021 (forms_btctw.c) */
extern const struct form_def *const forms_btctw_set[];
extern const size_t forms_btctw_nset;
/* the 2012 set: 12-HD/BTCTW 17/5/2012, for periods ending before the current set (forms_tctw2012.c)
 */
extern const struct form_def *const forms_tctw2012_set[];
extern const size_t forms_tctw2012_nset;
/* the cadre forms of the BTCTW set (forms_cadre.c): 11, 13 */
extern const struct form_def *const forms_cadre_set[];
extern const size_t forms_cadre_nset;
/* the leadership forms (forms_leaders.c): 9A-9C, 12A-12C */
extern const struct form_def *const forms_leaders_set[];
extern const size_t forms_leaders_nset;
/* the staffing roll's forms of the BTCTW set (forms_staff.c): 8A, 8B */
extern const struct form_def *const forms_staff_set[];
extern const size_t forms_staff_nset;

/* form 10 of the BTCTW set (forms_training.c) */
extern const struct form_def *const forms_training_set[];
extern const size_t forms_training_nset;

#endif
