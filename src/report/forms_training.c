/*
 * forms_training.c - form 10-BTCTW "KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ" (issue 15) on the
 * statistics forms machinery: rows and columns as data, the counts from the training records
 * (store/store_training.h) through the form's own facts (FSRC_SOURCE). Registered in form_sets[]
 * (forms_defs.c).
 *
 * Rows: the form's programmes and their splits (../shared/forms/forms-BTCTW.txt, biểu 10). Each
 * cell of columns 3-8 counts people (Đvt: Người): the cadres managed in the subtree who began a
 * course of the row in the period, in a class (not when they left it not completed) or outside
 * any class, each once in a row; their level (cấp tỉnh / huyện / xã) is the level managing them
 * and "cán bộ lãnh đạo, quản lý" those holding a post on the course's first day (both
 * UNCONFIRMED, core/training.h, store/store_training.h). A row's people are not the sum of its
 * parts (one cadre may be in two), so the form declares no row sums. Columns 9-11 count the
 * classes of the row begun in the period by organizations of the subtree, opened by the province
 * or the district committee (column 9 = 10 + 11: a class opened elsewhere is in neither).
 */
#include <string.h>

#include "report/forms_rows.h"
#include "report/forms_sets.h"
#include "report/forms_training_facts.h"

static const char SRC_TRAINING[] =
    "Hệ thống biểu mẫu thống kê của Ban Tổ chức Trung ương (09-HD/BTCTW 2017; 11-HD/BTCTW "
    "13/12/2021), biểu 10-BTCTW; lưới biểu theo mẫu Excel tìm thấy, chưa xác nhận thế hệ";

#define S(k, l, lv, what)                                                                          \
    {                                                                                              \
        k, l, lv, FSRC_SOURCE, 0, FP_ALL, what, 0, NULL                                            \
    }
static const struct form_row_def rows_10[] = {
    S("I", "I. Đào tạo", 0, CF10_I),
    S("I.1", "1. Đào tạo chuyên môn", 1, CF10_PROF),
    S("I.1.dh", "- Đại học", 2, CF10_DH),
    S("I.1.dh.dom", "+ Đào tạo trong nước", 3, CF10_DH_DOM),
    S("I.1.dh.for", "+ Đào tạo ngoài nước", 3, CF10_DH_FOR),
    S("I.1.dh.joint", "+ Đào tạo liên kết", 3, CF10_DH_JOINT),
    S("I.1.ths", "- Thạc sỹ (tương đương)", 2, CF10_THS),
    S("I.1.ths.dom", "+ Đào tạo trong nước", 3, CF10_THS_DOM),
    S("I.1.ths.for", "+ Đào tạo ngoài nước", 3, CF10_THS_FOR),
    S("I.1.ths.joint", "+ Đào tạo liên kết", 3, CF10_THS_JOINT),
    S("I.1.ts", "- Tiến sỹ (tương đương)", 2, CF10_TS),
    S("I.1.ts.dom", "+ Đào tạo trong nước", 3, CF10_TS_DOM),
    S("I.1.ts.for", "+ Đào tạo ngoài nước", 3, CF10_TS_FOR),
    S("I.1.ts.joint", "+ Đào tạo liên kết", 3, CF10_TS_JOINT),
    S("I.2", "2. Đào tạo chính trị", 1, CF10_POL),
    S("I.2.tc", "- Trung cấp LLCT", 2, CF10_TC),
    S("I.2.tc.full", "+ Hệ tập trung", 3, CF10_TC_FULL),
    S("I.2.tc.part", "+ Hệ không tập trung", 3, CF10_TC_PART),
    S("I.2.cc", "- Cao cấp LLCT", 2, CF10_CC),
    S("I.2.cc.full", "+ Hệ tập trung", 3, CF10_CC_FULL),
    S("I.2.cc.part", "+ Hệ không tập trung", 3, CF10_CC_PART),
    S("I.2.cn", "- Cử nhân LLCT", 2, CF10_CN),
    S("I.2.cn.full", "+ Hệ tập trung", 3, CF10_CN_FULL),
    S("I.2.cn.part", "+ Hệ không tập trung", 3, CF10_CN_PART),
    S("II", "II. Bồi dưỡng", 0, CF10_II),
    S("II.1", "1. Nghiệp vụ xây dựng Đảng", 1, CF10_XDD),
    S("II.2", "2. Nghiệp vụ đoàn thể chính trị", 1, CF10_DOAN_THE),
    S("II.3", "3. Quản lý nhà nước", 1, CF10_QLNN),
    S("II.3.dom", "+ Bồi dưỡng trong nước", 2, CF10_QLNN_DOM),
    S("II.3.for", "+ Bồi dưỡng ngoài nước", 2, CF10_QLNN_FOR),
    S("II.4", "4. Quản lý kinh tế", 1, CF10_QLKT),
    S("II.4.dom", "+ Bồi dưỡng trong nước", 2, CF10_QLKT_DOM),
    S("II.4.for", "+ Bồi dưỡng ngoài nước", 2, CF10_QLKT_FOR),
    S("II.5", "5. Ngoại ngữ", 1, CF10_NN),
    S("II.5.dom", "+ Bồi dưỡng trong nước", 2, CF10_NN_DOM),
    S("II.5.for", "+ Bồi dưỡng ngoài nước", 2, CF10_NN_FOR),
    S("II.6", "6. Tin học", 1, CF10_TIN_HOC),
    S("II.7", "7. Cập nhật kiến thức mới", 1, CF10_CAP_NHAT),
    S("II.8", "8. Quốc phòng - An ninh", 1, CF10_QPAN),
    S("II.8.dt1", "- Đối tượng 1", 2, CF10_QPAN_DT1),
    S("II.8.dt2", "- Đối tượng 2", 2, CF10_QPAN_DT2),
    S("II.8.dt3", "- Đối tượng 3", 2, CF10_QPAN_DT3),
    S("II.8.dt4", "- Đối tượng 4", 2, CF10_QPAN_DT4),
};
#undef S

static const char *const cols_10[] = {"Tổng số",
                                      "Cấp tỉnh: Tổng số",
                                      "Cấp tỉnh: Trong đó số cán bộ lãnh đạo, quản lý",
                                      "Cấp huyện: Tổng số",
                                      "Cấp huyện: Trong đó số cán bộ lãnh đạo, quản lý",
                                      "Cấp xã: Tổng số",
                                      "Tổng số lớp",
                                      "Cấp ủy cấp tỉnh mở",
                                      "Cấp ủy cấp huyện mở"};
static const struct form_col_group groups_10[] = {
    {"Cán bộ được đào tạo, bồi dưỡng", 0, 6},
    {"Số lớp đào tạo, bồi dưỡng", 6, 3},
    {NULL, 0, 0},
};
static const char *const nums_10[] = {"3=4+6+8", "4", "5", "6", "7", "8", "9=10+11", "10", "11"};

static enum tcxd_err fill_10(const struct form_source_ctx *c, int64_t *counts, struct tcxd_error *e)
{
    int64_t by[CADRE_FORM10_ROWS][CADRE_FORM10_COLS];
    enum tcxd_err rc = cadre_form10_counts(c->st, c->org_id, c->from, c->to, by, e);
    for (size_t i = 0; i < c->def->nrows && !rc; i++)
        if (c->def->rows[i].src == FSRC_SOURCE)
            for (size_t k = 0; k < CADRE_FORM10_COLS; k++)
                counts[i * FORM_MAX_COLS + k] = by[c->def->rows[i].a][k];
    return rc;
}

static const struct form_source source_10 = {
    "the training classes and enrolments (tcxd cadre class, enrol) and the courses (tcxd cadre "
    "train)",
    fill_10};

static const struct form_def form_10 = {.id = "10",
                                        .number = "10-BTCTW",
                                        .title = "KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ",
                                        .valid_from = "2017-01-01",
                                        .valid_to = "9999-12-31",
                                        .source = SRC_TRAINING,
                                        .set = "BTCTW",
                                        .layout = FORM_GRID,
                                        .item_header = "Chương trình, hình thức đào tạo, bồi dưỡng",
                                        .ncols = CADRE_FORM10_COLS,
                                        .col_labels = cols_10,
                                        .col_numbers = nums_10,
                                        .col_groups = groups_10,
                                        .rows = ROWS(rows_10),
                                        .sums = NULL,
                                        .own_facts = &source_10};

const struct form_def *const forms_training_set[] = {&form_10};
const size_t forms_training_nset = sizeof(forms_training_set) / sizeof(forms_training_set[0]);
