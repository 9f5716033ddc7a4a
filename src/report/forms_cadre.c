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
 *   11-BTCTW "VỀ KẾT QUẢ LUÂN CHUYỂN CÁN BỘ": rotations (luân chuyển, the title's word:
 *   điều động and biệt phái are not counted, UNCONFIRMED) of the period to organizations of the
 *   subtree, by form 11's ten directions; a rotation recorded without one of them is in no
 *   column (column 2 is the sum of 3-12). Rows by the cadre's attributes, the age on the day.
 *   "Thực hiện chủ trương tăng thêm chức danh" is not kept.
 *
 * Form 10 is forms_training.c (the training classes). Forms 8, 9 and 12 need facts tcxd does
 * not keep yet (the leadership flag, the standing of each post on the grid's levels) or more value columns than FORM_MAX_COLS (12's
 * seventeen): not defined here.
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

/* ---- 11-BTCTW ------------------------------------------------------------------------------ */

#define SRC11(k, l, lv, what)                                                                      \
    {                                                                                              \
        k, l, lv, FSRC_SOURCE, 0, FP_ALL, what, 0, NULL                                            \
    }
static const struct form_row_def rows_11[] = {
    SRC11("total", "TỔNG SỐ", 0, CF11_TOTAL),
    SRC11("women", "*Trong đó: - Nữ", 1, CF11_WOMEN),
    SRC11("minority", "- Dân tộc thiểu số", 1, CF11_MINORITY),
    SRC11("religious", "- Tôn giáo", 1, CF11_RELIGIOUS),
    NK("added_posts", "- Thực hiện chủ trương tăng thêm chức danh (nếu có)", 1,
       "tcxd không ghi luân chuyển nào theo chủ trương tăng thêm chức danh"),
    H("1", "1. Tuổi đời", 1),
    SRC11("1.40", "- Từ 40 tuổi trở xuống", 2, CF11_AGE_40),
    SRC11("1.50", "- Từ trên 40 tuổi đến 50 tuổi", 2, CF11_AGE_50),
    SRC11("1.over50", "- Từ trên 50 tuổi", 2, CF11_AGE_OVER_50),
    H("2", "2. Trình độ chuyên môn nghiệp vụ", 1),
    SRC11("2.tc", "- Trung cấp", 2, CF11_PROF_TRUNG_CAP),
    SRC11("2.cd", "- Cao đẳng", 2, CF11_PROF_CAO_DANG),
    SRC11("2.dh", "- Đại học", 2, CF11_PROF_DAI_HOC),
    SRC11("2.sdh", "- Trên đại học", 2, CF11_PROF_SAU_DAI_HOC),
    H("3", "3. Trình độ lý luận chính trị", 1),
    SRC11("3.sc", "- Sơ cấp", 2, CF11_THEORY_SO_CAP),
    SRC11("3.tc", "- Trung cấp", 2, CF11_THEORY_TRUNG_CAP),
    SRC11("3.cc", "- Cao cấp, cử nhân", 2, CF11_THEORY_CAO_CAP),
};
#undef SRC11

/* the total, then form 11's directions in enum move_direction's order (3-7 "Cấp tỉnh", 8-12
   "Cấp huyện") */
static const char *const cols_11[] = {"Tổng số",
                                      "Cấp tỉnh: Trung ương về tỉnh",
                                      "Cấp tỉnh: Tỉnh về huyện",
                                      "Cấp tỉnh: Huyện về tỉnh",
                                      "Cấp tỉnh: Huyện này sang huyện khác",
                                      "Cấp tỉnh: Ngành này sang ngành khác",
                                      "Cấp huyện: Tỉnh về xã",
                                      "Cấp huyện: Huyện về xã",
                                      "Cấp huyện: Xã về huyện",
                                      "Cấp huyện: Xã này sang xã khác",
                                      "Cấp huyện: Phòng, ban này sang phòng, ban khác"};
static const char *const nums_11[] = {"2 (=3+…+12)", "3", "4",  "5",  "6", "7",
                                      "8",           "9", "10", "11", "12"};

static const char *const ages_11[] = {"1.40", "1.50", "1.over50", NULL};
static const struct form_sum_check sums_11[] = {
    {"Tổng số = các nhóm tuổi", "total", ages_11},
    {NULL, NULL, NULL},
};

static enum tcxd_err fill_11(const struct form_source_ctx *c, int64_t *counts, struct tcxd_error *e)
{
    int64_t by[CADRE_FORM11_ROWS][CADRE_FORM11_COLS];
    enum tcxd_err rc = cadre_form11_counts(c->st, c->org_id, c->from, c->to, by, e);
    for (size_t i = 0; i < c->def->nrows && !rc; i++)
        if (c->def->rows[i].src == FSRC_SOURCE)
            for (size_t k = 0; k < CADRE_FORM11_COLS; k++)
                counts[i * FORM_MAX_COLS + k] = by[c->def->rows[i].a][k];
    return rc;
}

static const struct form_source source_11 = {"the rotations (tcxd cadre move --kind luan_chuyen)",
                                             fill_11};

static const struct form_def form_11 = {.id = "11",
                                        .number = "11-BTCTW",
                                        .title = "VỀ KẾT QUẢ LUÂN CHUYỂN CÁN BỘ",
                                        .valid_from = "2017-01-01",
                                        .valid_to = "9999-12-31",
                                        .source = SRC_CADRE,
                                        .set = "BTCTW",
                                        .layout = FORM_GRID,
                                        .item_header = "Tiêu chí",
                                        .ncols = CADRE_FORM11_COLS,
                                        .col_labels = cols_11,
                                        .col_numbers = nums_11,
                                        .rows = ROWS(rows_11),
                                        .sums = sums_11,
                                        .own_facts = &source_11};

const struct form_def *const forms_cadre_set[] = {&form_11, &form_13};
const size_t forms_cadre_nset = sizeof(forms_cadre_set) / sizeof(forms_cadre_set[0]);
