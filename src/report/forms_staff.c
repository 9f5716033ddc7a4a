/*
 * forms_staff.c - forms 8A and 8B-BTCTW: the people paid from the budget (người hưởng lương,
 * phụ cấp ngân sách) of the Party, Fatherland Front and mass-organization bodies at province and
 * district level, from the staffing roll (store/store_staff.h, `tcxd staff`) through the forms'
 * own facts (FSRC_SOURCE). Registered in form_sets[] (forms_defs.c).
 *
 *   8A-BTCTW "TÌNH HÌNH NGƯỜI HƯỞNG LƯƠNG, PHỤ CẤP NGÂN SÁCH ...": the roll carried over (A, the
 *   day before the period), increases (B) and decreases (C) in the period, the roll at its end
 *   (D), by category; this period against the same period a year earlier. The source's template
 *   is labelled "8c" but its title is 8A's (forms-BTCTW.txt, file 8; the 2025 list names 8A
 *   "tình hình người hưởng lương, phụ cấp ngân sách"); its last row "Có kinh nghiệm công tác từ
 *   03 năm trở lên" is written twice: tcxd shows it once. B counts every entry (a contract, an
 *   opening "other" too); B.1 and B.2 only the recruitments and intakes of công chức and viên
 *   chức; a move from a body outside the subtree counts as an intake (b), a move out as C.2
 *   "Chuyển đi" (UNCONFIRMED).
 *
 *   8B-BTCTW "PHÂN TÍCH CHẤT LƯỢNG NGƯỜI HƯỞNG LƯƠNG NGÂN SÁCH ...": the roll at the end of the
 *   period by level and kind of body. The source numbers "Trình độ lý luận chính trị" as a "-"
 *   under 6; tcxd gives it its own heading (7).
 *
 * 8C-BTCTW ("tổ chức bộ máy và cấp phó các cơ quan", in the 2025 list) has no grid in the
 * sources tcxd holds: not defined.
 */
#include <string.h>

#include "report/forms_rows.h"
#include "report/forms_sets.h"
#include "report/forms_staff_facts.h"

static const char SRC_STAFF[] =
    "Hệ thống biểu mẫu thống kê của Ban Tổ chức Trung ương (09-HD/BTCTW 2017; 11-HD/BTCTW "
    "13/12/2021), biểu 8A, 8B; lưới biểu theo mẫu Excel tìm thấy (mẫu 8A ghi nhầm \"8c\"), chưa "
    "xác nhận thế hệ";

#define S(k, l, lv, what)                                                                          \
    {                                                                                              \
        k, l, lv, FSRC_SOURCE, 0, FP_ALL, what, 0, NULL                                            \
    }

/* ---- 8A ------------------------------------------------------------------------------------ */

static const struct form_row_def rows_8a[] = {
    S("A", "A. Số người hưởng lương ngân sách cuối kỳ trước chuyển sang", 0, SF8A_A),
    S("A.cbcc", "- Cán bộ, công chức", 1, SF8A_A_CBCC),
    S("A.vc", "- Viên chức", 1, SF8A_A_VC),
    S("A.hd68", "- Hợp đồng 68", 1, SF8A_A_HD68),
    S("A.hdk", "- Hợp đồng khác", 1, SF8A_A_HDK),
    S("B", "B. Số người hưởng lương ngân sách tăng trong kỳ", 0, SF8A_B),
    S("B.1", "1. Tuyển dụng, tiếp nhận công chức", 1, SF8A_B1),
    S("B.1.a", "a. Thi tuyển", 2, SF8A_B1A),
    S("B.1.b", "b. Tiếp nhận", 2, SF8A_B1B),
    S("B.1.b.talent", "- Thủ khoa, nhà khoa học", 3, SF8A_B1B_TALENT),
    S("B.1.b.exp5", "- Có kinh nghiệm công tác từ 05 năm trở lên", 3, SF8A_B1B_EXP),
    S("B.2", "2. Tuyển dụng, tiếp nhận viên chức", 1, SF8A_B2),
    S("B.2.a", "a. Thi tuyển", 2, SF8A_B2A),
    S("B.2.b", "b. Tiếp nhận", 2, SF8A_B2B),
    S("B.2.b.talent", "- Thủ khoa, nhà khoa học", 3, SF8A_B2B_TALENT),
    S("B.2.b.exp3", "- Có kinh nghiệm công tác từ 03 năm trở lên", 3, SF8A_B2B_EXP),
    S("C", "C. Số người hưởng lương ngân sách giảm trong kỳ", 0, SF8A_C),
    S("C.1", "1. Nghỉ hưu đúng tuổi", 1, SF8A_C1 + 0),
    S("C.2", "2. Chuyển đi", 1, SF8A_C1 + 1),
    S("C.3", "3. Cho thôi việc", 1, SF8A_C1 + 2),
    S("C.4", "4. Buộc thôi việc", 1, SF8A_C1 + 3),
    S("C.5", "5. Chuyển không hưởng lương ngân sách", 1, SF8A_C1 + 4),
    S("C.6", "6. Hưởng chế độ chính sách tinh giản biên chế theo nghị định chính phủ", 1,
      SF8A_C1 + 5),
    S("C.7", "7. Giảm khác", 1, SF8A_C1 + 6),
    S("D", "D. Số người hưởng lương ngân sách cuối kỳ báo cáo", 0, SF8A_D),
    S("D.cbcc", "- Cán bộ, công chức", 1, SF8A_D_CBCC),
    S("D.vc", "- Viên chức", 1, SF8A_D_VC),
    S("D.hd68", "- Hợp đồng 68", 1, SF8A_D_HD68),
    S("D.hdk", "- Hợp đồng khác", 1, SF8A_D_HDK),
};

static const char *const cols_compare[] = {"Kỳ này", "Cùng kỳ năm trước",
                                           "(%) kỳ này so với cùng kỳ năm trước"};
static const char *const nums_compare[] = {"2", "3", "4 (=2*100/3)"};

static const char *const a_parts[] = {"A.cbcc", "A.vc", "A.hd68", "A.hdk", NULL};
static const char *const d_parts[] = {"D.cbcc", "D.vc", "D.hd68", "D.hdk", NULL};
static const char *const abcd[] = {"A", "B", "-C", NULL};
static const char *const c_parts[] = {"C.1", "C.2", "C.3", "C.4", "C.5", "C.6", "C.7", NULL};
static const char *const b1[] = {"B.1.a", "B.1.b", NULL};
static const char *const b2[] = {"B.2.a", "B.2.b", NULL};
static const struct form_sum_check sums_8a[] = {
    {"A + B - C = D", "D", abcd},
    {"A = các loại", "A", a_parts},
    {"D = các loại", "D", d_parts},
    {"C = 1 + ... + 7", "C", c_parts},
    {"B.1 = a + b", "B.1", b1},
    {"B.2 = a + b", "B.2", b2},
    {NULL, NULL, NULL},
};

static enum tcxd_err fill_8a(const struct form_source_ctx *c, int64_t *counts, struct tcxd_error *e)
{
    int64_t by[STAFF_FORM8A_ROWS];
    enum tcxd_err rc = staff_form8a_counts(c->st, c->org_id, c->from, c->to, by, e);
    for (size_t i = 0; i < c->def->nrows && !rc; i++)
        if (c->def->rows[i].src == FSRC_SOURCE)
            counts[i * FORM_MAX_COLS] = by[c->def->rows[i].a];
    return rc;
}

static const struct form_source source_8a = {"the staffing roll (tcxd staff)", fill_8a};

static const struct form_def form_8a = {
    .id = "8a",
    .number = "8A-BTCTW",
    .title = "TÌNH HÌNH NGƯỜI HƯỞNG LƯƠNG, PHỤ CẤP NGÂN SÁCH",
    .subtitle = "Khối Đảng, MTTQ, đoàn thể CT - XH cấp tỉnh, cấp huyện",
    .valid_from = "2017-01-01",
    .valid_to = "9999-12-31",
    .source = SRC_STAFF,
    .set = "BTCTW",
    .layout = FORM_COMPARE,
    .item_header = "Tiêu chí",
    .ncols = 3,
    .col_labels = cols_compare,
    .col_numbers = nums_compare,
    .rows = ROWS(rows_8a),
    .sums = sums_8a,
    .own_facts = &source_8a,
};

/* ---- 8B ------------------------------------------------------------------------------------ */

#define MEAN(k, l, lv, what)                                                                       \
    {                                                                                              \
        k, l, lv, FSRC_SOURCE_MEAN, 0, FP_ALL, what, 0, NULL                                       \
    }
static const struct form_row_def rows_8b[] = {
    S("tong", "Tổng số", 0, SF8B_TOTAL),
    S("cbcc", "- Cán bộ, công chức", 1, SF8B_CBCC),
    S("vc", "- Viên chức", 1, SF8B_VC),
    S("hd68", "- Hợp đồng 68", 1, SF8B_HD68),
    S("hdk", "- Hợp đồng khác", 1, SF8B_HDK),
    H("1", "1. Cơ cấu", 0),
    S("1.women", "- Nữ", 1, SF8B_WOMEN),
    S("1.minority", "- Dân tộc thiểu số", 1, SF8B_MINORITY),
    S("1.party", "- Đảng viên", 1, SF8B_PARTY),
    H("2", "2. Độ tuổi", 0),
    S("2.30", "- Từ 30 trở xuống", 1, SF8B_AGE0 + 0),
    S("2.35", "- Từ 31-35 tuổi", 1, SF8B_AGE0 + 1),
    S("2.40", "- Từ 36-40 tuổi", 1, SF8B_AGE0 + 2),
    S("2.45", "- Từ 41-45 tuổi", 1, SF8B_AGE0 + 3),
    S("2.50", "- Từ 46-50 tuổi", 1, SF8B_AGE0 + 4),
    S("2.55", "- Từ 51-55 tuổi", 1, SF8B_AGE0 + 5),
    S("2.60", "- Từ 56-60 tuổi", 1, SF8B_AGE0 + 6),
    S("2.over60", "- Trên 60 tuổi", 1, SF8B_AGE0 + 7),
    MEAN("2.mean", "- Tuổi bình quân", 1, SF8B_AGE_MEAN),
    H("3", "3. Ngạch công chức", 0),
    S("3.cvcc", "- Chuyên viên cao cấp và tương đương", 1, SF8B_CC1 + 0),
    S("3.cvc", "- Chuyên viên chính và tương đương", 1, SF8B_CC1 + 1),
    S("3.cv", "- Chuyên viên và tương đương", 1, SF8B_CC1 + 2),
    S("3.cs", "- Cán sự và tương đương", 1, SF8B_CC1 + 3),
    S("3.nv", "- Nhân viên", 1, SF8B_CC1 + 4),
    H("4", "4. Ngạch viên chức", 0),
    S("4.h1", "- Chức danh nghề nghiệp viên chức hạng I", 1, SF8B_VC1 + 0),
    S("4.h2", "- Chức danh nghề nghiệp viên chức hạng II", 1, SF8B_VC1 + 1),
    S("4.h3", "- Chức danh nghề nghiệp viên chức hạng III", 1, SF8B_VC1 + 2),
    S("4.h4", "- Chức danh nghề nghiệp viên chức hạng IV", 1, SF8B_VC1 + 3),
    S("4.h5", "- Chức danh nghề nghiệp viên chức hạng V", 1, SF8B_VC1 + 4),
    H("5", "5. Trình độ chuyên môn, nghiệp vụ", 0),
    S("5.below", "- Dưới cao đẳng", 1, SF8B_PROF_BELOW),
    S("5.cd", "- Cao đẳng", 1, SF8B_PROF_CD),
    S("5.dh", "- Đại học", 1, SF8B_PROF_DH),
    S("5.ths", "- Thạc sĩ", 1, SF8B_PROF_THS),
    S("5.ts", "- Tiến sĩ", 1, SF8B_PROF_TS),
    H("6", "6. Chức danh khoa học", 0),
    S("6.pgs", "- Phó giáo sư", 1, SF8B_PGS),
    S("6.gs", "- Giáo sư", 1, SF8B_GS),
    H("7", "7. Trình độ lý luận chính trị", 0),
    S("7.sc", "- Sơ cấp", 1, SF8B_LLCT_SC),
    S("7.tc", "- Trung cấp", 1, SF8B_LLCT_TC),
    S("7.cc", "- Cao cấp, cử nhân", 1, SF8B_LLCT_CC),
};
#undef MEAN

/* the total, then each level's total and its three kinds (enum staff_body_kind's order) */
static const char *const cols_8b[] = {"Tổng",
                                      "Cấp tỉnh: Tổng",
                                      "Cấp tỉnh: Cơ quan Đảng",
                                      "Cấp tỉnh: Đơn vị sự nghiệp trực thuộc",
                                      "Cấp tỉnh: MTTQ và các đoàn thể CTXH",
                                      "Cấp huyện: Tổng",
                                      "Cấp huyện: Khối đảng",
                                      "Cấp huyện: Đơn vị sự nghiệp trực thuộc",
                                      "Cấp huyện: MTTQ và các đoàn thể CTXH"};
static const char *const nums_8b[] = {"3 (=4+8)",     "4 (=5+6+7)", "5",  "6", "7",
                                      "8 (=9+10+11)", "9",          "10", "11"};

static const char *const cats_8b[] = {"cbcc", "vc", "hd68", "hdk", NULL};
static const char *const prof_8b[] = {"5.below", "5.cd", "5.dh", "5.ths", "5.ts", NULL};
static const struct form_sum_check sums_8b[] = {
    {"Tổng số = các loại", "tong", cats_8b},
    {"Tổng số = các trình độ chuyên môn", "tong", prof_8b},
    {NULL, NULL, NULL},
};

static enum tcxd_err fill_8b(const struct form_source_ctx *c, int64_t *counts, struct tcxd_error *e)
{
    int64_t by[STAFF_FORM8B_ROWS][STAFF_FORM8B_COLS];
    double mean[STAFF_FORM8B_COLS];
    enum tcxd_err rc = staff_form8b_counts(c->st, c->org_id, c->to, by, mean, e);
    for (size_t i = 0; i < c->def->nrows && !rc; i++) {
        const struct form_row_def *rd = &c->def->rows[i];
        for (size_t k = 0; k < STAFF_FORM8B_COLS; k++) {
            if (rd->src == FSRC_SOURCE)
                counts[i * FORM_MAX_COLS + k] = by[rd->a][k];
            else if (rd->src == FSRC_SOURCE_MEAN && c->means)
                c->means[i * FORM_MAX_COLS + k] = mean[k];
        }
    }
    return rc;
}

static const struct form_source source_8b = {"the staffing roll (tcxd staff)", fill_8b};

static const struct form_def form_8b = {
    .id = "8b",
    .number = "8B-BTCTW",
    .title = "PHÂN TÍCH CHẤT LƯỢNG NGƯỜI HƯỞNG LƯƠNG NGÂN SÁCH",
    .subtitle = "Khối Đảng, Mặt trận Tổ quốc, đoàn thể chính trị xã hội cấp tỉnh, cấp huyện",
    .valid_from = "2017-01-01",
    .valid_to = "9999-12-31",
    .source = SRC_STAFF,
    .set = "BTCTW",
    .layout = FORM_GRID,
    .item_header = "Tiêu chí",
    .ncols = STAFF_FORM8B_COLS,
    .col_labels = cols_8b,
    .col_numbers = nums_8b,
    .rows = ROWS(rows_8b),
    .sums = sums_8b,
    .own_facts = &source_8b,
    /* not additive: the bodies of the province's (district's) own committee belong to the root,
       to none of its children (the children check would call a true form wrong) */
    .source_additive = false,
};
#undef S

const struct form_def *const forms_staff_set[] = {&form_8a, &form_8b};
const size_t forms_staff_nset = sizeof(forms_staff_set) / sizeof(forms_staff_set[0]);
