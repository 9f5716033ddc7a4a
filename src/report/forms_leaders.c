/*
 * forms_leaders.c - the leadership forms of the BTCTW set (issue 15): 9A-9C "CÁN BỘ LÃNH ĐẠO,
 * QUẢN LÝ" (people holding the posts at the period's end: đvt người) and 12A-12C "KẾT QUẢ QUY
 * HOẠCH CÁN BỘ" (the planning entries active at the period's end: lượt người), at cấp tỉnh,
 * huyện and xã. The columns are the posts (core/cadre.h: cadre_post_column is the one table of
 * post kinds to columns), the rows the cadres' attributes (the age on the period's end). A
 * cadre holding two posts is in both columns; a column counts a person once (9) or each entry
 * (12). Registered in form_sets[] (forms_defs.c).
 *
 * Source: forms-BTCTW.txt 9A (line 531), 9B (1006), 9C (1080), 12A (771), 12B (877), 12C (947).
 * Read here (UNCONFIRMED): 9A's numbering row ends "15, 18, 19" (16 value columns): numbered 2-17
 * here; 9B's "đơn vị sự nghiệp công lập trực thuộc tỉnh" read as "trực thuộc huyện"; 9C's and
 * 12C's titles say "CẤP HUYỆN" over a commune grid (Ủy ban MTTQ): "CẤP XÃ" here; the grid at
 * line 771 is labelled "12B" with the title "CÁN BỘ LÃNH ĐẠO, QUẢN LÝ CẤP TỈNH" and form 12's
 * columns (UBKT, planning): it is 12A (the set lists "12 kết quả quy hoạch cán bộ các cấp").
 */
#include "report/forms_cadre_facts.h"
#include "report/forms_rows.h"
#include "report/forms_sets.h"

static const char SRC_LEADERS[] =
    "Hệ thống biểu mẫu thống kê của Ban Tổ chức Trung ương (09-HD/BTCTW 2017; 11-HD/BTCTW "
    "13/12/2021), biểu 9A-9C, 12A-12C; lưới biểu theo mẫu Excel tìm thấy, chưa xác nhận thế hệ";

#define SRCL(k, l, lv, what)                                                                       \
    {                                                                                              \
        k, l, lv, FSRC_SOURCE, 0, FP_ALL, what, 0, NULL                                            \
    }

/* rows: 9A, 9B (no cao đẳng, no sơ cấp) */
static const struct form_row_def rows_9ab[] = {
    SRCL("total", "TỔNG SỐ", 0, CFL_TOTAL),
    SRCL("women", "*Trong đó: - Nữ", 1, CFL_WOMEN),
    SRCL("minority", "- Dân tộc thiểu số", 1, CFL_MINORITY),
    H("1", "1. Tuổi đời", 1),
    SRCL("1.40", "- Từ 40 tuổi trở xuống", 2, CFL_AGE_40),
    SRCL("1.50", "- Từ trên 40 tuổi đến 50 tuổi", 2, CFL_AGE_50),
    SRCL("1.over50", "- Từ trên 50 tuổi", 2, CFL_AGE_OVER_50),
    H("2", "2. Trình độ chuyên môn nghiệp vụ", 1),
    SRCL("2.dh", "- Đại học", 2, CFL_PROF_DAI_HOC),
    SRCL("2.sdh", "- Trên đại học", 2, CFL_PROF_SAU_DAI_HOC),
    H("3", "3. Chức danh khoa học", 1),
    SRCL("3.pgs", "- Phó Giáo sư", 2, CFL_ACAD_PGS),
    SRCL("3.gs", "- Giáo sư", 2, CFL_ACAD_GS),
    H("4", "4. Trình độ lý luận chính trị", 1),
    SRCL("4.tc", "- Trung cấp", 2, CFL_THEORY_TRUNG_CAP),
    SRCL("4.cc", "- Cao cấp, cử nhân", 2, CFL_THEORY_CAO_CAP),
};

/* 9C: cao đẳng and sơ cấp too */
static const struct form_row_def rows_9c[] = {
    SRCL("total", "TỔNG SỐ", 0, CFL_TOTAL),
    SRCL("women", "*Trong đó: - Nữ", 1, CFL_WOMEN),
    SRCL("minority", "- Dân tộc thiểu số", 1, CFL_MINORITY),
    H("1", "1. Tuổi đời", 1),
    SRCL("1.40", "- Từ 40 tuổi trở xuống", 2, CFL_AGE_40),
    SRCL("1.50", "- Từ trên 40 tuổi đến 50 tuổi", 2, CFL_AGE_50),
    SRCL("1.over50", "- Từ trên 50 tuổi", 2, CFL_AGE_OVER_50),
    H("2", "2. Trình độ chuyên môn nghiệp vụ", 1),
    SRCL("2.cd", "- Cao đẳng", 2, CFL_PROF_CAO_DANG),
    SRCL("2.dh", "- Đại học", 2, CFL_PROF_DAI_HOC),
    SRCL("2.sdh", "- Trên đại học", 2, CFL_PROF_SAU_DAI_HOC),
    H("3", "3. Chức danh khoa học", 1),
    SRCL("3.pgs", "- Phó Giáo sư", 2, CFL_ACAD_PGS),
    SRCL("3.gs", "- Giáo sư", 2, CFL_ACAD_GS),
    H("4", "4. Trình độ lý luận chính trị", 1),
    SRCL("4.sc", "- Sơ cấp", 2, CFL_THEORY_SO_CAP),
    SRCL("4.tc", "- Trung cấp", 2, CFL_THEORY_TRUNG_CAP),
    SRCL("4.cc", "- Cao cấp, cử nhân", 2, CFL_THEORY_CAO_CAP),
};

/* 12A-12C: the heading "Phân tích tổng số theo", cao đẳng, no sơ cấp */
static const struct form_row_def rows_12[] = {
    SRCL("total", "TỔNG SỐ", 0, CFL_TOTAL),
    SRCL("women", "*Trong đó: - Nữ", 1, CFL_WOMEN),
    SRCL("minority", "- Dân tộc thiểu số", 1, CFL_MINORITY),
    H("by", "*Phân tích tổng số theo:", 1),
    H("1", "1. Tuổi đời", 1),
    SRCL("1.40", "- Từ 40 tuổi trở xuống", 2, CFL_AGE_40),
    SRCL("1.50", "- Từ trên 40 tuổi đến 50 tuổi", 2, CFL_AGE_50),
    SRCL("1.over50", "- Từ trên 50 tuổi", 2, CFL_AGE_OVER_50),
    H("2", "2. Trình độ chuyên môn nghiệp vụ", 1),
    SRCL("2.cd", "- Cao đẳng", 2, CFL_PROF_CAO_DANG),
    SRCL("2.dh", "- Đại học", 2, CFL_PROF_DAI_HOC),
    SRCL("2.sdh", "- Trên đại học", 2, CFL_PROF_SAU_DAI_HOC),
    H("3", "3. Chức danh khoa học", 1),
    SRCL("3.pgs", "- Phó Giáo sư", 2, CFL_ACAD_PGS),
    SRCL("3.gs", "- Giáo sư", 2, CFL_ACAD_GS),
    H("4", "4. Trình độ lý luận chính trị", 1),
    SRCL("4.tc", "- Trung cấp", 2, CFL_THEORY_TRUNG_CAP),
    SRCL("4.cc", "- Cao cấp, cử nhân", 2, CFL_THEORY_CAO_CAP),
};
#undef SRCL

static const char *const ages[] = {"1.40", "1.50", "1.over50", NULL};
static const struct form_sum_check sums[] = {
    {"Tổng số = các nhóm tuổi", "total", ages},
    {NULL, NULL, NULL},
};

/* ---- columns (in the order of cadre_post_column) ---- */

#define TP "Cấp trưởng", "Cấp phó"
#define CT "Chủ tịch", "Phó chủ tịch"

static const char *const cols_9a[] = {
    "Ban chấp hành", "Ban thường vụ",   "Bí thư", "Phó bí thư", CT, CT,
    "Trưởng đoàn",   "Phó Trưởng đoàn", TP,       TP,           TP};
static const struct form_col_group groups_9a[] = {
    {"Lãnh đạo cấp ủy", 2, 2},
    {"Lãnh đạo HĐND", 4, 2},
    {"Lãnh đạo UBND", 6, 2},
    {"Lãnh đạo Đoàn Đại biểu Quốc hội", 8, 2},
    {"Các ban, cơ quan Đảng, Mặt trận Tổ quốc, đoàn thể CT-XH", 10, 2},
    {"Các sở, ngành (tương đương)", 12, 2},
    {"Các đơn vị sự nghiệp công lập trực thuộc tỉnh", 14, 2},
    {NULL, 0, 0},
};
static const char *const cols_9b[] = {
    "Ban chấp hành", "Ban thường vụ", "Bí thư", "Phó bí thư", CT, CT, TP, TP, TP};
static const struct form_col_group groups_9b[] = {
    {"Lãnh đạo cấp ủy", 2, 2},
    {"Lãnh đạo HĐND", 4, 2},
    {"Lãnh đạo UBND", 6, 2},
    {"Các ban, cơ quan Đảng, Mặt trận Tổ quốc, đoàn thể CT-XH", 8, 2},
    {"Các phòng (tương đương)", 10, 2},
    {"Các đơn vị sự nghiệp công lập trực thuộc huyện", 12, 2},
    {NULL, 0, 0},
};
static const char *const cols_9c[] = {
    "Ban chấp hành", "Ban thường vụ", "Bí thư", "Phó bí thư", CT, CT, CT};
static const struct form_col_group groups_9c[] = {
    {"Lãnh đạo cấp ủy", 2, 2},
    {"Lãnh đạo HĐND", 4, 2},
    {"Lãnh đạo UBND", 6, 2},
    {"Ủy ban Mặt trận Tổ quốc, đoàn thể CT-XH", 8, 2},
    {NULL, 0, 0},
};

static const char *const cols_12a[] = {"Ủy viên BCH",
                                       "Ủy viên BTV",
                                       "Ủy ban Kiểm tra",
                                       "Bí thư",
                                       "Phó bí thư",
                                       CT,
                                       CT,
                                       "Trưởng đoàn",
                                       "Phó Trưởng đoàn",
                                       TP,
                                       TP,
                                       TP};
static const struct form_col_group groups_12a[] = {
    {"Lãnh đạo UBND", 5, 2},
    {"Lãnh đạo HĐND", 7, 2},
    {"Lãnh đạo Đoàn ĐBQH", 9, 2},
    {"Lãnh đạo các ban, cơ quan đảng, MTTQ, đoàn thể CT-XH", 11, 2},
    {"Lãnh đạo các sở, ngành (tương đương)", 13, 2},
    {"Lãnh đạo các đơn vị sự nghiệp công lập trực thuộc tỉnh", 15, 2},
    {NULL, 0, 0},
};
static const char *const cols_12b[] = {
    "Ủy viên BCH", "Ủy viên BTV", "Ủy ban Kiểm tra", "Bí thư", "Phó bí thư", CT, CT, TP, TP, TP};
static const struct form_col_group groups_12b[] = {
    {"Lãnh đạo UBND", 5, 2},
    {"Lãnh đạo HĐND", 7, 2},
    {"Lãnh đạo các ban, cơ quan đảng, MTTQ, đoàn thể CT-XH", 9, 2},
    {"Lãnh đạo các phòng (tương đương)", 11, 2},
    {"Lãnh đạo các đơn vị sự nghiệp công lập trực thuộc huyện", 13, 2},
    {NULL, 0, 0},
};
static const char *const cols_12c[] = {
    "Ủy viên BCH", "Ủy viên BTV", "Ủy ban Kiểm tra", "Bí thư", "Phó bí thư", CT, CT, TP};
static const struct form_col_group groups_12c[] = {
    {"Lãnh đạo UBND", 5, 2},
    {"Lãnh đạo HĐND", 7, 2},
    {"Lãnh đạo Ủy ban MTTQ, đoàn thể CT-XH", 9, 2},
    {NULL, 0, 0},
};
#undef TP
#undef CT

static const char *const nums[] = {"2",  "3",  "4",  "5",  "6",  "7",  "8",  "9", "10",
                                   "11", "12", "13", "14", "15", "16", "17", "18"};

/* ---- the counts ---- */

#define FILL(name, family, tier)                                                                   \
    static enum tcxd_err name(const struct form_source_ctx *c, int64_t *counts,                    \
                              struct tcxd_error *e)                                                \
    {                                                                                              \
        int64_t by[CADRE_LEADER_ROWS][CADRE_LEADER_MAX_COLS];                                      \
        enum tcxd_err rc = cadre_leader_counts(c->st, c->org_id, c->to, family, tier, by, e);      \
        for (size_t i = 0; i < c->def->nrows && !rc; i++)                                          \
            if (c->def->rows[i].src == FSRC_SOURCE)                                                \
                for (size_t k = 0; k < c->def->ncols; k++)                                         \
                    counts[i * FORM_MAX_COLS + k] = by[c->def->rows[i].a][k];                      \
        return rc;                                                                                 \
    }
FILL(fill_9a, CFL_FORM9, CFL_TINH)
FILL(fill_9b, CFL_FORM9, CFL_HUYEN)
FILL(fill_9c, CFL_FORM9, CFL_XA)
FILL(fill_12a, CFL_FORM12, CFL_TINH)
FILL(fill_12b, CFL_FORM12, CFL_HUYEN)
FILL(fill_12c, CFL_FORM12, CFL_XA)
#undef FILL

static const struct form_source source_9a = {"the posts held (cadre seats and positions), tỉnh",
                                             fill_9a};
static const struct form_source source_9b = {"the posts held (cadre seats and positions), huyện",
                                             fill_9b};
static const struct form_source source_9c = {"the posts held (cadre seats and positions), xã",
                                             fill_9c};
static const struct form_source source_12a = {"the planning (tcxd cadre plan), tỉnh", fill_12a};
static const struct form_source source_12b = {"the planning (tcxd cadre plan), huyện", fill_12b};
static const struct form_source source_12c = {"the planning (tcxd cadre plan), xã", fill_12c};

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))
#define LEADER_FORM(var, id_, number_, title_, rows_, cols_, groups_, src_)                        \
    static const struct form_def var = {.id = id_,                                                 \
                                        .number = number_,                                         \
                                        .title = title_,                                           \
                                        .valid_from = "2017-01-01",                                \
                                        .valid_to = "9999-12-31",                                  \
                                        .source = SRC_LEADERS,                                     \
                                        .set = "BTCTW",                                            \
                                        .layout = FORM_GRID,                                       \
                                        .item_header = "Tiêu chí",                                 \
                                        .ncols = NCOLS(cols_),                                     \
                                        .col_labels = cols_,                                       \
                                        .col_numbers = nums,                                       \
                                        .col_groups = groups_,                                     \
                                        .rows = ROWS(rows_),                                       \
                                        .sums = sums,                                              \
                                        .own_facts = &src_}
LEADER_FORM(form_9a, "9a", "9A-BTCTW", "CÁN BỘ LÃNH ĐẠO, QUẢN LÝ CẤP TỈNH", rows_9ab, cols_9a,
            groups_9a, source_9a);
LEADER_FORM(form_9b, "9b", "9B-BTCTW", "CÁN BỘ LÃNH ĐẠO, QUẢN LÝ CẤP HUYỆN", rows_9ab, cols_9b,
            groups_9b, source_9b);
LEADER_FORM(form_9c, "9c", "9C-BTCTW", "CÁN BỘ LÃNH ĐẠO, QUẢN LÝ CẤP XÃ", rows_9c, cols_9c,
            groups_9c, source_9c);
LEADER_FORM(form_12a, "12a", "12A-BTCTW", "KẾT QUẢ QUY HOẠCH CÁN BỘ CẤP TỈNH", rows_12, cols_12a,
            groups_12a, source_12a);
LEADER_FORM(form_12b, "12b", "12B-BTCTW", "KẾT QUẢ QUY HOẠCH CÁN BỘ CẤP HUYỆN", rows_12, cols_12b,
            groups_12b, source_12b);
LEADER_FORM(form_12c, "12c", "12C-BTCTW", "KẾT QUẢ QUY HOẠCH CÁN BỘ CẤP XÃ", rows_12, cols_12c,
            groups_12c, source_12c);
#undef LEADER_FORM
#undef NCOLS

_Static_assert(sizeof(cols_12a) / sizeof(cols_12a[0]) <= CADRE_LEADER_MAX_COLS, "12A is widest");
_Static_assert(sizeof(cols_12a) / sizeof(cols_12a[0]) <= FORM_MAX_COLS, "12A fits a form");

const struct form_def *const forms_leaders_set[] = {&form_9a,  &form_9b,  &form_9c,
                                                    &form_12a, &form_12b, &form_12c};
const size_t forms_leaders_nset = sizeof(forms_leaders_set) / sizeof(forms_leaders_set[0]);
