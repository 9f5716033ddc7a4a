/*
 * forms_training_facts.h - the counts of form 10-BTCTW (kết quả đào tạo, bồi dưỡng cán bộ)
 * from the training records (store/store_training.h), apart from forms_training.c
 * (report/forms.h and core/cadre.h both name a PROF_NONE: no file includes both). Private to
 * src/report.
 */
#ifndef TCXD_REPORT_FORMS_TRAINING_FACTS_H
#define TCXD_REPORT_FORMS_TRAINING_FACTS_H

#include <stdint.h>

#include "util/date.h"
#include "util/err.h"

struct store;

/* form 10's rows, in the form's order (each a set of programmes and a mode, or any mode) */
enum {
    CF10_I,
    CF10_PROF,
    CF10_DH,
    CF10_DH_DOM,
    CF10_DH_FOR,
    CF10_DH_JOINT,
    CF10_THS,
    CF10_THS_DOM,
    CF10_THS_FOR,
    CF10_THS_JOINT,
    CF10_TS,
    CF10_TS_DOM,
    CF10_TS_FOR,
    CF10_TS_JOINT,
    CF10_POL,
    CF10_TC,
    CF10_TC_FULL,
    CF10_TC_PART,
    CF10_CC,
    CF10_CC_FULL,
    CF10_CC_PART,
    CF10_CN,
    CF10_CN_FULL,
    CF10_CN_PART,
    CF10_II,
    CF10_XDD,
    CF10_DOAN_THE,
    CF10_QLNN,
    CF10_QLNN_DOM,
    CF10_QLNN_FOR,
    CF10_QLKT,
    CF10_QLKT_DOM,
    CF10_QLKT_FOR,
    CF10_NN,
    CF10_NN_DOM,
    CF10_NN_FOR,
    CF10_TIN_HOC,
    CF10_CAP_NHAT,
    CF10_QPAN,
    CF10_QPAN_DT1,
    CF10_QPAN_DT2,
    CF10_QPAN_DT3,
    CF10_QPAN_DT4,
    CADRE_FORM10_ROWS
};
/* columns: 0 cadres trained (= 1 + 3 + 5), 1 cấp tỉnh, 2 of them leaders and managers, 3 cấp
   huyện, 4 of them leaders and managers, 5 cấp xã; 6 classes (= 7 + 8), 7 opened by the
   province committee, 8 by the district committee */
#define CADRE_FORM10_COLS 9

/* Cadres (distinct in each row) managed in the subtree of org_id who began a course of the
   row's programmes in [from, to] (store_training_events), and the classes of the row begun then
   by organizations of the subtree (store_training_class_events): out[row][column]. */
enum tcxd_err cadre_form10_counts(struct store *st, int64_t org_id, tcxd_date from, tcxd_date to,
                                  int64_t out[CADRE_FORM10_ROWS][CADRE_FORM10_COLS],
                                  struct tcxd_error *e) TCXD_WUR;

#endif
