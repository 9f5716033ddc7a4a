/*
 * forms_tctw2012.c - the 2012 statistics set ("Biểu số N-TCTW", 12-HD/BTCTW of 17/5/2012, part
 * II) as data, for periods ending from 17/05/2012 to 12/12/2021 (from 13/12/2021 the current set
 * of forms_btctw.c applies: 11-HD/BTCTW). Forms 1 (tăng giảm), 2 (mới kết nạp) and its annex by
 * ethnicity and religion, 3 (đội ngũ), 4 (by ethnicity and religion: id "3b", as the current
 * set's 3B) and 5 (tổ chức cơ sở đảng và đảng viên trong các loại cơ sở). Grid as found in
 * ../shared/forms/forms-2012-TCTW.txt (the source mislabels several numbers: "Biểu số 2" on
 * forms 3, 4 and 5; the numbers here follow the order of the set, UNCONFIRMED). The mapping of
 * tcxd's occupation codes to the 2012 rows is UNCONFIRMED (docs/forms.md).
 */
#include "report/forms.h"
#include "report/forms_rows.h"
#include "report/forms_sets.h"

static const char WHY_PRESENT[] =
    "tcxd chưa tính số đảng viên có mặt (trong danh sách, trừ người đi vắng, cộng người sinh hoạt "
    "tạm thời)";
static const char WHY_VETERAN[] = "tcxd chưa lưu quân nhân xuất ngũ";
static const char WHY_ILLITERATE[] = "tcxd chưa có mức chưa biết chữ quốc ngữ";
static const char WHY_UNITS[] = "tcxd chưa lưu các đơn vị cơ sở (chỉ lưu tổ chức đảng)";
static const char WHY_MASSES[] = "tcxd chưa lưu số quần chúng của tổ chức cơ sở đảng";
static const char WHY_SECTOR[] = "tcxd chưa lưu ngành kinh tế của doanh nghiệp";
static const char WHY_COMPANY[] =
    "tcxd giữ chung một loại hình 'Doanh nghiệp ngoài Nhà nước' cho mục 6 - 10";
static const char WHY_EQUITISED[] =
    "tcxd chưa phân biệt doanh nghiệp cổ phần có vốn Nhà nước (đang tính trong mục 4)";
static const char WHY_UNIT_KIND[] = "tcxd chưa phân biệt các loại cơ sở sự nghiệp";
static const char WHY_ABROAD[] = "tcxd chưa có loại hình tổ chức cơ sở đảng ở ngoài nước";

/* ---- 1-TCTW -------------------------------------------------------------------------------- */
static const struct form_row_def rows_1[] = {
    LS("A", "A - Đảng viên trong danh sách có đến đầu kỳ báo cáo", 0, FP_ALL, 0, 0),
    FL("B", "B - Đảng viên tăng trong kỳ", 0, IN_ALL, FP_ALL, 0, 0),
    FL("B.1", "1 - Kết nạp", 1, ADMITS, FP_ALL, 0, 0),
    FL("B.2", "2 - Chuyển đến", 1, FLOWBIT(FLOW_IN_PROVINCE) | FLOWBIT(FLOW_IN_OTHER), FP_ALL, 0,
       0),
    FL("B.2.a", "a) Tỉnh uỷ (và tương đương) khác chuyển đến", 2, FLOWBIT(FLOW_IN_OTHER), FP_ALL, 0,
       0),
    FL("B.2.b", "b) Huyện uỷ (và tương đương) khác trong tỉnh chuyển đến", 2,
       FLOWBIT(FLOW_IN_PROVINCE), FP_ALL, 0, 0),
    FL("B.3", "3 - Phục hồi đảng tịch", 1, FLOWBIT(FLOW_RESTORE), FP_ALL, 0, 0),
    FL("C", "C - Đảng viên giảm trong kỳ", 0, OUT_ALL, FP_ALL, 0, 0),
    FL("C.1", "1 - Từ trần", 1, FLOWBIT(FLOW_DEATH), FP_ALL, 0, 0),
    FL("C.2", "2 - Khai trừ", 1, FLOWBIT(FLOW_EXPEL), FP_ALL, 0, 0),
    FL("C.3", "3 - Xoá tên", 1, FLOWBIT(FLOW_STRIKE), FP_ALL, 0, 0),
    FL("C.4", "4 - Xin ra khỏi Đảng", 1, FLOWBIT(FLOW_RESIGN), FP_ALL, 0, 0),
    FL("C.5", "5 - Chuyển đi", 1, FLOWBIT(FLOW_OUT_PROVINCE) | FLOWBIT(FLOW_OUT_OTHER), FP_ALL, 0,
       0),
    FL("C.5.a", "a) Đi tỉnh uỷ (và tương đương) khác", 2, FLOWBIT(FLOW_OUT_OTHER), FP_ALL, 0, 0),
    FL("C.5.b", "b) Đi huyện uỷ (và tương đương) khác trong tỉnh", 2, FLOWBIT(FLOW_OUT_PROVINCE),
       FP_ALL, 0, 0),
    LE("D", "D - Đảng viên trong danh sách có đến cuối kỳ báo cáo", 0, FP_ALL, 0, 0),
    {"E", "E - Chênh lệch (chuyển đi - chuyển đến)", 0, FSRC_FLOW_NET,
     FLOWBIT(FLOW_OUT_PROVINCE) | FLOWBIT(FLOW_OUT_OTHER), FP_ALL,
     FLOWBIT(FLOW_IN_PROVINCE) | FLOWBIT(FLOW_IN_OTHER), 0, NULL},
    NK("G", "G - Đảng viên có mặt đến cuối kỳ báo cáo", 0, WHY_PRESENT),
};

/* ---- 2-TCTW -------------------------------------------------------------------------------- */
#define OCC12(k, l, bits)                                                                          \
    {                                                                                              \
        k, l, 1, FSRC_FLOW, ADMITS, FP_OCCUPATION, bits, 0, NULL                                   \
    }
#define BAND(P, SRC, FLOWS, k, l, lo, hi)                                                          \
    {                                                                                              \
        P k, l, 1, SRC, FLOWS, FP_AGE, lo, hi, NULL                                                \
    }
#define SCHOOL12(P, SRC, FLOWS)                                                                    \
    {P "literate",                                                                                 \
     "+ Biết đọc, biết viết chữ Quốc ngữ",                                                         \
     1,                                                                                            \
     SRC,                                                                                          \
     FLOWS,                                                                                        \
     FP_SCHOOL,                                                                                    \
     SCHOOL_LITERATE,                                                                              \
     0,                                                                                            \
     NULL},                                                                                        \
        {P "primary", "+ Tiểu học", 1, SRC, FLOWS, FP_SCHOOL, SCHOOL_PRIMARY, 0, NULL},            \
        {P "lower", "+ Trung học cơ sở", 1, SRC, FLOWS, FP_SCHOOL, SCHOOL_LOWER, 0, NULL},         \
        {P "upper", "+ Trung học phổ thông", 1, SRC, FLOWS, FP_SCHOOL, SCHOOL_UPPER, 0, NULL},     \
    {                                                                                              \
        P "unknown", "+ Chưa cập nhật", 1, SRC, FLOWS, FP_SCHOOL, SCHOOL_NONE, 0, NULL             \
    }
#define PROF12(P, SRC, FLOWS)                                                                      \
    {P "elementary",                                                                               \
     "+ CN kỹ thuật, nhân viên nghiệp vụ",                                                         \
     1,                                                                                            \
     SRC,                                                                                          \
     FLOWS,                                                                                        \
     FP_PROFESSIONAL,                                                                              \
     PROF_ELEMENTARY,                                                                              \
     0,                                                                                            \
     NULL},                                                                                        \
        {P "secondary",                                                                            \
         "+ Trung học chuyên nghiệp",                                                              \
         1,                                                                                        \
         SRC,                                                                                      \
         FLOWS,                                                                                    \
         FP_PROFESSIONAL,                                                                          \
         PROF_SECONDARY,                                                                           \
         0,                                                                                        \
         NULL},                                                                                    \
        {P "college", "+ Cao đẳng", 1, SRC, FLOWS, FP_PROFESSIONAL, PROF_COLLEGE, 0, NULL},        \
        {P "bachelor", "+ Đại học", 1, SRC, FLOWS, FP_PROFESSIONAL, PROF_BACHELOR, 0, NULL},       \
        {P "master", "+ Thạc sĩ", 1, SRC, FLOWS, FP_PROFESSIONAL, PROF_MASTER, 0, NULL},           \
        {P "doctor", "+ Tiến sĩ", 1, SRC, FLOWS, FP_PROFESSIONAL, PROF_DOCTOR, 0, NULL},           \
        {P "doctor_sci",  "+ Tiến sĩ khoa học", 1, SRC, FLOWS,                                     \
         FP_PROFESSIONAL, PROF_DOCTOR_SCI,      0, NULL},                                          \
    {                                                                                              \
        P "unknown", "+ Chưa cập nhật", 1, SRC, FLOWS, FP_PROFESSIONAL, PROF_UNKNOWN, 0, NULL      \
    }

static const struct form_row_def rows_2[] = {
    FL("I", "I - Đảng viên mới kết nạp:", 0, ADMITS, FP_ALL, 0, 0),
    FL("I.readmit", "Trong đó: + Kết nạp lại", 1, FLOWBIT(FLOW_READMIT), FP_ALL, 0, 0),
    FL("I.female", "+ Phụ nữ", 1, ADMITS, FP_FEMALE, 0, 0),
    FL("I.minority", "+ Dân tộc thiểu số", 1, ADMITS, FP_MINORITY, 0, 0),
    FL("I.religious", "+ Tôn giáo", 1, ADMITS, FP_RELIGIOUS, 0, 0),
    FL("I.youth", "+ Là Đoàn viên TNCSHCM", 1, ADMITS, FP_YES_NO, YN_YOUTH_UNION, 2),
    FL("I.youth.unknown", "(chưa cập nhật đoàn viên)", 2, ADMITS, FP_YES_NO, YN_YOUTH_UNION, 0),
    OCC12("I.state", "+ Cán bộ, công chức nhà nước", OC(1) | OC(2) | OC(3)),
    OCC12("I.public_unit", "+ Viên chức hoạt động sự nghiệp", OC(5) | OC(6)),
    OCC12("I.business", "+ Viên chức kinh doanh", OC(7)),
    OCC12("I.worker", "+ CN, LĐ trong các thành phần kinh tế", OC(8) | OC(9)),
    OCC12("I.farmer", "+ Nông dân", OC(10)),
    OCC12("I.armed", "+ Sĩ quan, chiến sĩ quân đội, công an", OC(11)),
    OCC12("I.student", "+ Sinh viên, học sinh", OC(12) | OC(13)),
    OCC12("I.occ_unknown", "(chưa cập nhật nghề nghiệp)", OC(0)),
    H("II", "II - Phân tích đảng viên mới kết nạp:", 0),
    H("II.1", "1. Tuổi đời:", 0),
    BAND("II.1.", FSRC_FLOW, ADMITS, "18_30", "+ 18 đến 30 tuổi", 0, 30),
    BAND("II.1.", FSRC_FLOW, ADMITS, "31_40", "+ 31 đến 40 tuổi", 31, 40),
    BAND("II.1.", FSRC_FLOW, ADMITS, "41_50", "+ 41 đến 50 tuổi", 41, 50),
    BAND("II.1.", FSRC_FLOW, ADMITS, "over_50", "+ 51 tuổi trở lên", 51, 999),
    {"II.1.mean", "+ Tuổi bình quân", 1, FSRC_AVG_AGE, ADMITS, FP_ALL, 0, 0, NULL},
    H("II.2", "2. Trình độ học vấn phổ thông:", 0),
    SCHOOL12("II.2.", FSRC_FLOW, ADMITS),
    H("II.3", "3. Trình độ chuyên môn nghiệp vụ:", 0),
    PROF12("II.3.", FSRC_FLOW, ADMITS),
    NK("III", "III - Số đơn vị cơ sở có đến cuối kỳ báo cáo:", 0, WHY_UNITS),
    NK("III.1", "Chia ra: 1. Số đơn vị cơ sở chưa có TCCSĐ", 1, WHY_UNITS),
    {"III.2", "2. Số đơn vị cơ sở đã có TCCSĐ", 1, FSRC_BASE_ORGS, 0, FP_ALL, 0, 0, NULL},
    {"III.2.admit", "Trong đó: + Có kết nạp đảng viên", 2, FSRC_BASE_ORGS, 0, FP_BASE_ADMIT, 0, 0,
     NULL},
    NK("III.2.masses", "+ Không còn quần chúng", 2, WHY_MASSES),
};

/* ---- 3-TCTW -------------------------------------------------------------------------------- */
static const struct form_row_def rows_3[] = {
    LE("I", "Đảng viên trong danh sách có đến cuối kỳ b/c:", 0, FP_ALL, 0, 0),
    LE("I.probationary", "Trong đó: + Dự bị", 1, FP_PROBATIONARY, 0, 0),
    LE("I.female", "+ Phụ nữ", 1, FP_FEMALE, 0, 0),
    LE("I.minority", "+ Dân tộc thiểu số", 1, FP_MINORITY, 0, 0),
    LE("I.religious", "+ Tôn giáo", 1, FP_RELIGIOUS, 0, 0),
    LE("I.youth", "+ Là Đoàn viên TNCSHCM", 1, FP_YES_NO, YN_YOUTH_UNION, 2),
    LE("I.youth.unknown", "(chưa cập nhật đoàn viên)", 2, FP_YES_NO, YN_YOUTH_UNION, 0),
    NK("I.veteran", "+ Quân nhân xuất ngũ", 1, WHY_VETERAN),
    LE("I.exempt", "+ Được miễn công tác - sinh hoạt Đảng", 1, FP_EXEMPT, 0, 0),
    H("II", "Phân tích đội ngũ đảng viên:", 0),
    H("II.1", "1 - Tuổi đời:", 0),
    BAND("II.1.", FSRC_LIST_END, 0, "18_30", "+ 18 đến 30 tuổi", 0, 30),
    BAND("II.1.", FSRC_LIST_END, 0, "31_40", "+ 31 đến 40 tuổi", 31, 40),
    BAND("II.1.", FSRC_LIST_END, 0, "41_50", "+ 41 đến 50 tuổi", 41, 50),
    BAND("II.1.", FSRC_LIST_END, 0, "51_60", "+ 51 đến 60 tuổi", 51, 60),
    BAND("II.1.", FSRC_LIST_END, 0, "over_60", "+ 61 tuổi trở lên", 61, 999),
    {"II.1.mean", "+ Tuổi bình quân", 1, FSRC_AVG_AGE, 0, FP_ALL, 0, 0, NULL},
    H("II.2", "2 - Thời gian kết nạp vào Đảng:", 0),
    LE("II.2.before_1945", "+ Trước tháng 8/1945", 1, FP_ADMITTED, 0, 19450731),
    LE("II.2.1945_1954", "+ Từ 8/1945 đến 20/7/1954", 1, FP_ADMITTED, 19450801, 19540720),
    LE("II.2.1954_1975", "+ Từ 21/7/1954 đến 30/4/1975", 1, FP_ADMITTED, 19540721, 19750430),
    LE("II.2.after_1975", "+ Từ 1/5/1975 đến nay", 1, FP_ADMITTED, 19750501, 99991231),
    /* "có đủ N năm tuổi Đảng": party age (core's rule, facts_party_years) from N up to the next
       milestone of the list, the last from 90 on (UNCONFIRMED: bands, not "N or more") */
    H("II.3", "3 - Đảng viên có đủ:", 0),
    LE("II.3.30", "+ 30 năm tuổi Đảng", 1, FP_PARTY_AGE, 30, 39),
    LE("II.3.40", "+ 40 năm tuổi Đảng", 1, FP_PARTY_AGE, 40, 49),
    LE("II.3.50", "+ 50 năm tuổi Đảng", 1, FP_PARTY_AGE, 50, 54),
    LE("II.3.55", "+ 55 năm tuổi Đảng", 1, FP_PARTY_AGE, 55, 59),
    LE("II.3.60", "+ 60 năm tuổi Đảng", 1, FP_PARTY_AGE, 60, 64),
    LE("II.3.65", "+ 65 năm tuổi Đảng", 1, FP_PARTY_AGE, 65, 69),
    LE("II.3.70", "+ 70 năm tuổi Đảng", 1, FP_PARTY_AGE, 70, 74),
    LE("II.3.75", "+ 75 năm tuổi Đảng", 1, FP_PARTY_AGE, 75, 79),
    LE("II.3.80", "+ 80 năm tuổi Đảng", 1, FP_PARTY_AGE, 80, 84),
    LE("II.3.85", "+ 85 năm tuổi Đảng", 1, FP_PARTY_AGE, 85, 89),
    LE("II.3.90", "+ 90 năm tuổi Đảng", 1, FP_PARTY_AGE, 90, 999),
    H("II.4", "4 - Trình độ học vấn phổ thông:", 0),
    NK("II.4.illiterate", "+ Chưa biết chữ Quốc ngữ", 1, WHY_ILLITERATE),
    SCHOOL12("II.4.", FSRC_LIST_END, 0),
    H("II.5", "5 - Trình độ chuyên môn nghiệp vụ:", 0),
    PROF12("II.5.", FSRC_LIST_END, 0),
    H("II.6", "6 - Chức danh khoa học", 0),
    LE("II.6.assoc", "+ Phó Giáo sư", 1, FP_TITLE, 2, 0),
    LE("II.6.prof", "+ Giáo sư", 1, FP_TITLE, 3, 0),
    LE("II.6.unknown", "+ Chưa cập nhật", 1, FP_TITLE, 0, 0),
    H("II.7", "7 - Trình độ lý luận chính trị:", 0),
    LE("II.7.so_cap", "+ Sơ cấp", 1, FP_THEORY, THEORY_SO_CAP, THEORY_SO_CAP),
    LE("II.7.trung_cap", "+ Trung cấp", 1, FP_THEORY, THEORY_TRUNG_CAP, THEORY_TRUNG_CAP),
    LE("II.7.cao_cap", "+ Cao cấp, cử nhân", 1, FP_THEORY, THEORY_CAO_CAP, THEORY_CU_NHAN),
};
#undef OCC12
#undef BAND
#undef SCHOOL12
#undef PROF12

/* ---- 5-TCTW -------------------------------------------------------------------------------- */
#define BT(t) (1u << (t))
#define OT(k, l, lv, mask)                                                                         \
    {                                                                                              \
        k, l, lv, FSRC_ORG_TYPE, 0, FP_ALL, (int64_t)(mask), 0, NULL                               \
    }
static const struct form_row_def rows_5[] = {
    OT("1", "1. Xã", 0, BT(ORG_BASE_XA)),
    OT("2", "2. Phường", 0, BT(ORG_BASE_PHUONG)),
    OT("3", "3. Thị trấn", 0, BT(ORG_BASE_THI_TRAN)),
    OT("4", "4. Doanh nghiệp nhà nước", 0, BT(ORG_BASE_DNNN)),
    NK("4.a", "a) Công nghiệp các loại", 1, WHY_SECTOR),
    NK("4.b", "b) Giao thông, vận tải, bưu điện", 1, WHY_SECTOR),
    NK("4.c", "c) Xây dựng", 1, WHY_SECTOR),
    NK("4.d", "d) Nông, lâm, ngư nghiệp, thuỷ lợi", 1, WHY_SECTOR),
    NK("4.e", "e) Thương nghiệp, du lịch, dịch vụ", 1, WHY_SECTOR),
    NK("5", "5. Doanh nghiệp cổ phần có vốn nhà nước", 0, WHY_EQUITISED),
    NK("6", "6. Hợp tác xã, tổ hợp", 0, WHY_COMPANY),
    NK("7", "7. Doanh nghiệp tư nhân", 0, WHY_COMPANY),
    NK("8", "8. Công ty TNHH", 0, WHY_COMPANY),
    NK("9", "9. Công ty cổ phần tư nhân", 0, WHY_COMPANY),
    NK("10", "10. DN có vốn đầu tư nước ngoài", 0, WHY_COMPANY),
    NK("10.foreign100", "Trong đó: 100% vốn nước ngoài", 1, WHY_COMPANY),
    OT("11", "11. Cơ sở sự nghiệp", 0, BT(ORG_BASE_DON_VI_SU_NGHIEP)),
    NK("11.research", "- Viện, trung tâm NCKH", 1, WHY_UNIT_KIND),
    NK("11.university", "- Trường cao đẳng, đại học", 1, WHY_UNIT_KIND),
    NK("11.vocational", "- Trường TH ch.nghiệp, dạy nghề", 1, WHY_UNIT_KIND),
    NK("11.school", "- Trường trung học phổ thông", 1, WHY_UNIT_KIND),
    NK("11.hospital", "- Bệnh viện", 1, WHY_UNIT_KIND),
    OT("12", "12. Cơ quan hành chính", 0, BT(ORG_BASE_CO_QUAN_HANH_CHINH)),
    OT("13", "13. Quân đội", 0, BT(ORG_BASE_QUAN_DOI)),
    OT("14", "14. Công an", 0, BT(ORG_BASE_CONG_AN)),
    NK("15", "15. Tổ chức cơ sở đảng ở ngoài nước", 0, WHY_ABROAD),
    OT("16", "16. Cơ sở khác*", 0, BT(ORG_BASE_KHAC) | BT(ORG_BASE_DAC_KHU)),
    OT("total", "Cộng (1+…+16)", 0, 0xFFFFFFFEu),
};
#undef OT
#undef BT

/* ---- checks as data ---------------------------------------------------------------------- */
static const char *const age2[] = {"II.1.18_30", "II.1.31_40", "II.1.41_50", "II.1.over_50", NULL};
static const char *const school2[] = {"II.2.literate", "II.2.primary", "II.2.lower",
                                      "II.2.upper",    "II.2.unknown", NULL};
static const struct form_sum_check sums_2[] = {
    {"I = các nhóm tuổi", "I", age2},
    {"I = các trình độ học vấn", "I", school2},
    {NULL, NULL, NULL},
};
static const char *const age3[] = {"II.1.18_30", "II.1.31_40",   "II.1.41_50",
                                   "II.1.51_60", "II.1.over_60", NULL};
static const char *const eras3[] = {"II.2.before_1945", "II.2.1945_1954", "II.2.1954_1975",
                                    "II.2.after_1975", NULL};
static const char *const school3[] = {"II.4.literate", "II.4.primary", "II.4.lower",
                                      "II.4.upper",    "II.4.unknown", NULL};
static const struct form_sum_check sums_3[] = {
    {"I = các nhóm tuổi", "I", age3},
    {"I = các thời kỳ kết nạp", "I", eras3},
    {"I = các trình độ học vấn", "I", school3},
    {NULL, NULL, NULL},
};
static const char *const e1[] = {"C.5", "-B.2", NULL};

/* ---- the set -------------------------------------------------------------------------------- */
static const char *const compare_cols[] = {"Kỳ này", "Cùng kỳ năm trước",
                                           "(%) kỳ này so với cùng kỳ năm trước"};
static const char *const compare_nums[] = {"2", "3", "4 = 2:3"};
static const char *const annex_cols[] = {"Tổng số", "Tỷ lệ %"};
static const char *const annex_nums[] = {"3", "4"};
static const char *const types_cols[] = {"Tổng số đơn vị cơ sở",
                                         "Trong đó: số đơn vị cơ sở chưa có TCCSĐ",
                                         "Tổ chức cơ sở đảng: Tổng số",
                                         "Chia ra: Đảng bộ cơ sở",
                                         "Chia ra: Chi bộ cơ sở",
                                         "Tổ chức đảng trong cơ sở: Đảng bộ bộ phận",
                                         "Tổ chức đảng trong cơ sở: Chi bộ trực thuộc",
                                         "Tổng số đảng viên"};
static const char *const types_nums[] = {"2", "3", "4", "5", "6", "7", "8", "9"};
static const char SRC_TCTW[] =
    "Hệ thống biểu mẫu thống kê 2012 (12-HD/BTCTW ngày 17/5/2012, phần II); lưới biểu theo mẫu "
    "tìm thấy, số hiệu biểu 3, 4, 5 chưa xác nhận";

#define COMPARE_COLS .ncols = 3, .col_labels = compare_cols, .col_numbers = compare_nums
#define TCTW                                                                                       \
    .valid_from = "2012-05-17", .valid_to = "2021-12-12", .source = SRC_TCTW, .set = "TCTW 2012"

static const struct form_def form_1 = {
    .id = "1",
    .number = "1-TCTW",
    .title = "BÁO CÁO TĂNG GIẢM ĐẢNG VIÊN",
    TCTW,
    .layout = FORM_COMPARE,
    .item_header = "Chỉ tiêu",
    COMPARE_COLS,
    .rows = ROWS(rows_1),
    .sums = (const struct form_sum_check[]){{"E = chuyển đi - chuyển đến (C.5 - B.2)", "E", e1},
                                            {NULL, NULL, NULL}}};
static const struct form_def form_2 = {.id = "2",
                                       .number = "2-TCTW",
                                       .title = "ĐẢNG VIÊN MỚI KẾT NẠP",
                                       TCTW,
                                       .layout = FORM_COMPARE,
                                       .item_header = "Chỉ tiêu",
                                       COMPARE_COLS,
                                       .rows = ROWS(rows_2),
                                       .sums = sums_2};
static const struct form_def form_2b = {.id = "2b",
                                        .number = "2-TCTW (tiếp)",
                                        .title = "ĐẢNG VIÊN MỚI KẾT NẠP",
                                        .subtitle = "Chia theo dân tộc và trong các tôn giáo",
                                        TCTW,
                                        .layout = FORM_ANNEX,
                                        .item_header = "Tên dân tộc, tôn giáo",
                                        .ncols = 2,
                                        .col_labels = annex_cols,
                                        .col_numbers = annex_nums,
                                        .annex_of = "2",
                                        .annex_flows = true};
static const struct form_def form_3 = {.id = "3",
                                       .number = "3-TCTW",
                                       .title = "ĐỘI NGŨ ĐẢNG VIÊN",
                                       TCTW,
                                       .layout = FORM_COMPARE,
                                       .item_header = "Chỉ tiêu",
                                       COMPARE_COLS,
                                       .rows = ROWS(rows_3),
                                       .sums = sums_3};
static const struct form_def form_3b = {.id = "3b",
                                        .number = "4-TCTW",
                                        .title =
                                            "ĐẢNG VIÊN CHIA THEO DÂN TỘC VÀ TRONG CÁC TÔN GIÁO",
                                        TCTW,
                                        .layout = FORM_ANNEX,
                                        .item_header = "Tên dân tộc, tôn giáo",
                                        .ncols = 2,
                                        .col_labels = annex_cols,
                                        .col_numbers = annex_nums,
                                        .annex_of = "3"};
static const struct form_def form_5 = {
    .id = "5",
    .number = "5-TCTW",
    .title = "TỔ CHỨC CƠ SỞ ĐẢNG VÀ ĐẢNG VIÊN TRONG CÁC LOẠI CƠ SỞ",
    TCTW,
    .layout = FORM_ORG_TYPES,
    .item_header = "Loại cơ sở",
    .ncols = 8,
    .col_labels = types_cols,
    .col_numbers = types_nums,
    .rows = ROWS(rows_5),
    .types_offset = 2,
    .has_joint = true,
    .joint_type = ORG_BASE_DN_NGOAI_NHA_NUOC,
    .joint_label = "Loại hình 'Doanh nghiệp ngoài Nhà nước' (mục 6 - 10 gộp chung)"};
#undef COMPARE_COLS
#undef TCTW

const struct form_def *const forms_tctw2012_set[] = {&form_1, &form_2,  &form_2b,
                                                     &form_3, &form_3b, &form_5};
const size_t forms_tctw2012_nset = sizeof(forms_tctw2012_set) / sizeof(forms_tctw2012_set[0]);
