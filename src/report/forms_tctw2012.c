/*
 * forms_tctw2012.c - the 2012 statistics set ("Biểu số N-TCTW", 12-HD/BTCTW of 17/5/2012) as
 * data, for periods ending before the current set applies (11-HD/BTCTW of 13/12/2021).
 */
#include "report/forms.h"
#include "report/forms_sets.h"

const struct form_def *const forms_tctw2012_set[] = {NULL};
const size_t forms_tctw2012_nset = 0;
