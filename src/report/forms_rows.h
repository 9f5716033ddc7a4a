/*
 * forms_rows.h - shorthands for the rows of the form definitions (forms_btctw.c,
 * forms_tctw2012.c; a set of forms of its own may use them too). Private to src/report.
 */
#ifndef TCXD_REPORT_FORMS_ROWS_H
#define TCXD_REPORT_FORMS_ROWS_H

#include "report/forms.h"

#define IN_ALL                                                                                     \
    (FLOWBIT(FLOW_ADMIT) | FLOWBIT(FLOW_READMIT) | FLOWBIT(FLOW_RESTORE) |                         \
     FLOWBIT(FLOW_IN_PROVINCE) | FLOWBIT(FLOW_IN_OTHER))
#define OUT_ALL                                                                                    \
    (FLOWBIT(FLOW_DEATH) | FLOWBIT(FLOW_EXPEL) | FLOWBIT(FLOW_STRIKE) | FLOWBIT(FLOW_RESIGN) |     \
     FLOWBIT(FLOW_OUT_PROVINCE) | FLOWBIT(FLOW_OUT_OTHER))
#define ADMITS (FLOWBIT(FLOW_ADMIT) | FLOWBIT(FLOW_READMIT))

#define H(k, l, lv)                                                                                \
    {                                                                                              \
        k, l, lv, FSRC_HEADING, 0, FP_ALL, 0, 0, NULL                                              \
    }
#define NK(k, l, lv, why)                                                                          \
    {                                                                                              \
        k, l, lv, FSRC_NOT_KEPT, 0, FP_ALL, 0, 0, why                                              \
    }
#define LE(k, l, lv, p, a, b)                                                                      \
    {                                                                                              \
        k, l, lv, FSRC_LIST_END, 0, p, a, b, NULL                                                  \
    }
#define LS(k, l, lv, p, a, b)                                                                      \
    {                                                                                              \
        k, l, lv, FSRC_LIST_START, 0, p, a, b, NULL                                                \
    }
#define FL(k, l, lv, fl, p, a, b)                                                                  \
    {                                                                                              \
        k, l, lv, FSRC_FLOW, fl, p, a, b, NULL                                                     \
    }

/* Occupation codes (core/member_record.c member_occupation_values) as bits */
#define OC(c)         ((int64_t)1 << (c))
#define OC_ENTERPRISE (OC(7) | OC(8) | OC(9))

#define ROWS(r) r, .nrows = sizeof(r) / sizeof((r)[0])

#endif
