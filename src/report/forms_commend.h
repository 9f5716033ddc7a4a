/*
 * forms_commend.h - form 7-BTCTW's section I.1 from the commendations of organizations
 * (forms_commend.c). Rows use src FSRC_SOURCE with a = the kind (1 a: above base, 2 b: base,
 * 3 c: đảng bộ bộ phận, 4 d: chi bộ trực thuộc) and b = the commend_form, or -1 for the kind's
 * total over the forms the form splits it into (FORMS_COMMEND_TOTAL_FORMS). Private to
 * src/report.
 */
#ifndef TCXD_REPORT_FORMS_COMMEND_H
#define TCXD_REPORT_FORMS_COMMEND_H

#include "core/member.h"
#include "report/forms.h"

/* The forms (bits of enum commend_form) a kind's total counts: a: cờ, bằng khen; b: all three;
   c and d: bằng khen, giấy khen. */
#define FORMS_COMMEND_TOTAL_FORMS(kind)                                                            \
    ((kind) == 1   ? (1 << COMMEND_CO) | (1 << COMMEND_BANG_KHEN)                                  \
     : (kind) == 2 ? (1 << COMMEND_CO) | (1 << COMMEND_BANG_KHEN) | (1 << COMMEND_GIAY_KHEN)       \
                   : (1 << COMMEND_BANG_KHEN) | (1 << COMMEND_GIAY_KHEN))

extern const struct form_source forms_org_commend_source;

#endif
