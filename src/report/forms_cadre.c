/*
 * forms_cadre.c - the cadre forms of the BTCTW set (issue 15) on the statistics forms machinery:
 * rows and columns as data, the counts from the cadre records (store/store_cadre.h) through the
 * form's own facts (FSRC_SOURCE). Registered in form_sets[] (forms_defs.c).
 *
 *   13-BTCTW "SỐ LƯỢT BỔ NHIỆM, GIỚI THIỆU ỨNG CỬ": decisions of the period (lượt người: a
 *   cadre appointed twice counts twice) to posts of the subtree, by the level managing the
 *   cadre. TỔNG SỐ = 1 + 2; "Trong đó: Bổ nhiệm lại" is part of 1. The source's grid repeats
 *   "Cán bộ diện BTV tỉnh ủy quản lý" for its last column; tcxd reads it as the fourth managing
 *   level, "diện đảng ủy cơ sở quản lý" (UNCONFIRMED).
 *
 * Forms 8-12 need facts tcxd does not keep yet (classes held, the leadership flag, the standing
 * of each post on the grid's levels) or more value columns than FORM_MAX_COLS (form 11's ten
 * directions): not defined here.
 */
#include <string.h>

#include "report/forms_rows.h"
#include "report/forms_sets.h"
#include "report/forms_cadre_facts.h"

static const char SRC_CADRE[] =
    "Hệ thống biểu mẫu thống kê của Ban Tổ chức Trung ương (09-HD/BTCTW 2017; 11-HD/BTCTW "
    "13/12/2021), biểu công tác cán bộ; lưới biểu theo mẫu Excel tìm thấy, chưa xác nhận thế hệ";

/* ---- 13-BTCTW ------------------------------------------------------------------------------ */

#define SRC13(k, l, lv, what)                                                                      \
    {                                                                                              \
        k, l, lv, FSRC_SOURCE, 0, FP_ALL, what, 0, NULL                                            \
    }
static const struct form_row_def rows_13[] = {
    SRC13("total", "TỔNG SỐ", 0, CF13_TOTAL),
    SRC13("1", "1. Bổ nhiệm", 1, CF13_APPOINT),
    SRC13("1.re", "Trong đó: Bổ nhiệm lại", 2, CF13_REAPPOINT),
    SRC13("2", "2. Giới thiệu ứng cử", 1, CF13_NOMINATE),
};
#undef SRC13

/* columns: the managing levels, in enum cadre_mgmt's order */
static const char *const cols_13[] = {
    "Cán bộ diện Trung ương quản lý", "Cán bộ diện BTV tỉnh ủy quản lý",
    "Cán bộ diện BTV huyện ủy quản lý", "Cán bộ diện đảng ủy cơ sở quản lý"};
static const char *const nums_13[] = {"2", "3", "4", "5"};

static const char *const parts_13[] = {"1", "2", NULL};
static const struct form_sum_check sums_13[] = {
    {"Tổng số = 1 + 2", "total", parts_13},
    {NULL, NULL, NULL},
};

static enum tcxd_err fill_13(const struct form_source_ctx *c, int64_t *counts, struct tcxd_error *e)
{
    int64_t by[CADRE_FORM13_ROWS][CADRE_FORM13_COLS];
    enum tcxd_err rc = cadre_form13_counts(c->st, c->org_id, c->from, c->to, by, e);
    for (size_t i = 0; i < c->def->nrows && !rc; i++)
        if (c->def->rows[i].src == FSRC_SOURCE)
            for (size_t k = 0; k < CADRE_FORM13_COLS; k++)
                counts[i * FORM_MAX_COLS + k] = by[c->def->rows[i].a][k];
    return rc;
}

static const struct form_source source_13 = {"the appointment decisions (tcxd cadre appoint)",
                                             fill_13};

static const struct form_def form_13 = {.id = "13",
                                        .number = "13-BTCTW",
                                        .title = "SỐ LƯỢT BỔ NHIỆM, GIỚI THIỆU ỨNG CỬ",
                                        .valid_from = "2017-01-01",
                                        .valid_to = "9999-12-31",
                                        .source = SRC_CADRE,
                                        .set = "BTCTW",
                                        .layout = FORM_GRID,
                                        .item_header = "Bổ nhiệm, giới thiệu cán bộ ứng cử",
                                        .ncols = 4,
                                        .col_labels = cols_13,
                                        .col_numbers = nums_13,
                                        .rows = ROWS(rows_13),
                                        .sums = sums_13,
                                        .own_facts = &source_13};

const struct form_def *const forms_cadre_set[] = {&form_13};
const size_t forms_cadre_nset = sizeof(forms_cadre_set) / sizeof(forms_cadre_set[0]);
