/*
 * forms_btctw.c - the current statistics set ("Biểu số N-BTCTW", 09-HD/BTCTW 2017 and
 * 11-HD/BTCTW 13/12/2021) as data, for periods ending from 13/12/2021 on (forms 1, 2, 2B, 3, 3B,
 * 5; before: the 2012 set of forms_tctw2012.c) or from 2017 on (6F, 7: no 2012 counterpart
 * defined): rows with the boards' labels and numbering, and what each
 * cell counts. Grid as found in ../shared/forms/forms-BTCTW.txt (which generation the templates
 * follow is UNCONFIRMED). A revised form is a new definition with its own valid_from.
 */
#include "report/forms.h"
#include "report/forms_commend.h"
#include "report/forms_rows.h"
#include "report/forms_sets.h"
#include "util/xmalloc.h"

static const char WHY_KHHGD[] = "tcxd chưa lưu vi phạm chính sách KHHGĐ";
static const char WHY_MASSES[] = "tcxd chưa lưu số quần chúng của tổ chức cơ sở đảng";

/* ---- 1-BTCTW ---------------------------------------------------------------------------- */
static const struct form_row_def rows_1[] = {
    LS("A", "A - Tổng số đảng viên cuối kỳ trước chuyển sang", 0, FP_ALL, 0, 0),
    FL("B", "B - Đảng viên tăng trong kỳ", 0, IN_ALL, FP_ALL, 0, 0),
    FL("B.1", "1. Kết nạp", 1, ADMITS, FP_ALL, 0, 0),
    FL("B.2", "2. Chuyển đến", 1, FLOWBIT(FLOW_IN_PROVINCE) | FLOWBIT(FLOW_IN_OTHER), FP_ALL, 0, 0),
    FL("B.2.a", "a. Tỉnh khác chuyển đến", 2, FLOWBIT(FLOW_IN_OTHER), FP_ALL, 0, 0),
    FL("B.2.b", "b. Huyện khác trong tỉnh chuyển đến", 2, FLOWBIT(FLOW_IN_PROVINCE), FP_ALL, 0, 0),
    FL("B.3", "3. Phục hồi đảng tịch", 1, FLOWBIT(FLOW_RESTORE), FP_ALL, 0, 0),
    FL("C", "C - Đảng viên giảm trong kỳ", 0, OUT_ALL, FP_ALL, 0, 0),
    FL("C.1", "1. Từ trần", 1, FLOWBIT(FLOW_DEATH), FP_ALL, 0, 0),
    FL("C.2", "2. Khai trừ", 1, FLOWBIT(FLOW_EXPEL), FP_ALL, 0, 0),
    FL("C.3", "3. Xóa tên", 1, FLOWBIT(FLOW_STRIKE), FP_ALL, 0, 0),
    FL("C.3.p", "Trong đó: Đảng viên dự bị", 2, FLOWBIT(FLOW_STRIKE), FP_PROBATIONARY, 0, 0),
    FL("C.4", "4. Xin ra khỏi Đảng", 1, FLOWBIT(FLOW_RESIGN), FP_ALL, 0, 0),
    FL("C.5", "5. Chuyển đi", 1, FLOWBIT(FLOW_OUT_PROVINCE) | FLOWBIT(FLOW_OUT_OTHER), FP_ALL, 0,
       0),
    FL("C.5.a", "a. Chuyển đi tỉnh khác", 2, FLOWBIT(FLOW_OUT_OTHER), FP_ALL, 0, 0),
    FL("C.5.b", "b. Chuyển đi huyện khác trong tỉnh", 2, FLOWBIT(FLOW_OUT_PROVINCE), FP_ALL, 0, 0),
    LE("D", "D - Đảng viên trong danh sách cuối kỳ báo cáo", 0, FP_ALL, 0, 0),
};

/* Shared analysis blocks of forms 2 and 3 (src: flows of admissions, or the list at the end). */
#define AGE_ROWS(P, SRC, FLOWS)                                                                    \
    {P "18_30", "- Từ 18 - 30 tuổi", 1, SRC, FLOWS, FP_AGE, 0, 30, NULL},                          \
        {P "31_35", "- Từ 31 - 35 tuổi", 1, SRC, FLOWS, FP_AGE, 31, 35, NULL},                     \
        {P "36_40", "- Từ 36 - 40 tuổi", 1, SRC, FLOWS, FP_AGE, 36, 40, NULL},                     \
        {P "41_45", "- Từ 41 - 45 tuổi", 1, SRC, FLOWS, FP_AGE, 41, 45, NULL},                     \
        {P "46_50", "- Từ 46 - 50 tuổi", 1, SRC, FLOWS, FP_AGE, 46, 50, NULL},                     \
        {P "51_55", "- Từ 51 - 55 tuổi", 1, SRC, FLOWS, FP_AGE, 51, 55, NULL},                     \
        {P "56_60", "- Từ 56 - 60 tuổi", 1, SRC, FLOWS, FP_AGE, 56, 60, NULL},                     \
        {P "over_60", "- Trên 60 tuổi", 1, SRC, FLOWS, FP_AGE, 61, 999, NULL},                     \
    {                                                                                              \
        P "mean", "- Tuổi bình quân", 1, FSRC_AVG_AGE, FLOWS, FP_ALL, 0, 0, NULL                   \
    }

/* Occupation (Nghề nghiệp) of those admitted (SRC FSRC_FLOW, the occupation before admission
   when entered) or of the list (FSRC_LIST_END, of those still working: W = 1); "Chưa cập nhật":
   the code 0, so that the block totals its headline. */
#define OCC(k, l, lv, SRC, FLOWS, bits, W)                                                         \
    {                                                                                              \
        k, l, lv, SRC, FLOWS, FP_OCCUPATION, bits, W, NULL                                         \
    }
#define OCCUPATION_ROWS(P, SRC, FLOWS, W)                                                                                  \
    OCC(P "state", "- Cán bộ, công chức cơ quan Nhà nước tính từ cấp huyện trở lên", 1, SRC,                               \
        FLOWS, OC(1), W),                                                                                                  \
        OCC(P "party",                                                                                                     \
            "- Cán bộ, công chức cơ quan Đảng, Mặt trận Tổ quốc, đoàn thể chính trị - xã hội " \
            "tính từ cấp huyện trở lên",                                                                                   \
            1, SRC, FLOWS, OC(2), W),                                                                                      \
        OCC(P "commune",                                                                                                   \
            "- Cán bộ, công chức; người hoạt động không chuyên trách ở xã, phường, thị trấn", 1,                           \
            SRC, FLOWS, OC(3), W),                                                                                         \
        OCC(P "village", "- Người hoạt động không chuyên trách thôn, tổ dân phố, bản (ấp, khóm)",                          \
            1, SRC, FLOWS, OC(4), W),                                                                                      \
        OCC(P "public_unit", "- Viên chức trong các đơn vị sự nghiệp công lập", 1, SRC, FLOWS,                             \
            OC(5), W),                                                                                                     \
        OCC(P "private_unit", "- Người lao động trong các đơn vị sự nghiệp ngoài công lập", 1,                             \
            SRC, FLOWS, OC(6), W),                                                                                         \
        OCC(P "enterprise", "- Lãnh đạo, quản lý và lao động trong các doanh nghiệp, chia ra:", 1,                         \
            SRC, FLOWS, OC_ENTERPRISE, W),                                                                                 \
        OCC(P "enterprise.manager", "+ Người lãnh đạo, quản lý doanh nghiệp", 2, SRC, FLOWS,                               \
            OC(7), W),                                                                                                     \
        OCC(P "enterprise.staff", "+ Nhân viên, người gián tiếp sản xuất", 2, SRC, FLOWS, OC(8),                           \
            W),                                                                                                            \
        OCC(P "enterprise.worker", "+ Công nhân, lao động trực tiếp sản xuất", 2, SRC, FLOWS,                              \
            OC(9), W),                                                                                                     \
        OCC(P "farmer", "- Người làm nông, lâm, ngư nghiệp", 1, SRC, FLOWS, OC(10), W),                                    \
        OCC(P "armed", "- Sỹ quan, chiến sỹ quân đội và công an (lực lượng vũ trang)", 1, SRC,                             \
            FLOWS, OC(11), W),                                                                                             \
        OCC(P "student", "- Sinh viên", 1, SRC, FLOWS, OC(12), W),                                                         \
        OCC(P "pupil", "- Học sinh", 1, SRC, FLOWS, OC(13), W),                                                            \
        OCC(P "other", "- Khác (lao động hợp đồng, tự do…)", 1, SRC, FLOWS, OC(14), W),                                    \
        OCC(P "unknown", "- Chưa cập nhật nghề nghiệp", 1, SRC, FLOWS, OC(0), W)

/* A yes/no field of the Phiếu: "có", then those whose field is not entered */
#define YN(k, l, lv, SRC, FLOWS, field)                                                            \
    {k, l, lv, SRC, FLOWS, FP_YES_NO, field, 2, NULL},                                             \
    {                                                                                              \
        k ".unknown", "(chưa cập nhật)", lv + 1, SRC, FLOWS, FP_YES_NO, field, 0, NULL             \
    }

#define TITLE_ROWS(P, SRC, FLOWS)                                                                  \
    {P "assoc", "- Phó Giáo sư", 1, SRC, FLOWS, FP_TITLE, 2, 0, NULL},                             \
        {P "prof", "- Giáo sư", 1, SRC, FLOWS, FP_TITLE, 3, 0, NULL},                              \
    {                                                                                              \
        P "unknown", "- Chưa cập nhật chức danh khoa học", 1, SRC, FLOWS, FP_TITLE, 0, 0, NULL     \
    }

#define SCHOOL_ROWS(P, SRC, FLOWS)                                                                 \
    {P "literate",                                                                                 \
     "- Biết đọc, biết viết chữ quốc ngữ",                                                         \
     1,                                                                                            \
     SRC,                                                                                          \
     FLOWS,                                                                                        \
     FP_SCHOOL,                                                                                    \
     SCHOOL_LITERATE,                                                                              \
     0,                                                                                            \
     NULL},                                                                                        \
        {P "primary", "- Tiểu học", 1, SRC, FLOWS, FP_SCHOOL, SCHOOL_PRIMARY, 0, NULL},            \
        {P "lower", "- Trung học cơ sở", 1, SRC, FLOWS, FP_SCHOOL, SCHOOL_LOWER, 0, NULL},         \
        {P "upper", "- Trung học phổ thông", 1, SRC, FLOWS, FP_SCHOOL, SCHOOL_UPPER, 0, NULL},     \
    {                                                                                              \
        P "unknown", "- Chưa cập nhật", 1, SRC, FLOWS, FP_SCHOOL, SCHOOL_NONE, 0, NULL             \
    }

#define PROF_ROWS(P, SRC, FLOWS)                                                                   \
    {P "elementary",                                                                               \
     "- Công nhân kỹ thuật, nhân viên nghiệp vụ, sơ cấp",                                          \
     1,                                                                                            \
     SRC,                                                                                          \
     FLOWS,                                                                                        \
     FP_PROFESSIONAL,                                                                              \
     PROF_ELEMENTARY,                                                                              \
     0,                                                                                            \
     NULL},                                                                                        \
        {P "secondary", "- Trung cấp", 1, SRC, FLOWS, FP_PROFESSIONAL, PROF_SECONDARY, 0, NULL},   \
        {P "college", "- Cao đẳng", 1, SRC, FLOWS, FP_PROFESSIONAL, PROF_COLLEGE, 0, NULL},        \
        {P "bachelor", "- Đại học", 1, SRC, FLOWS, FP_PROFESSIONAL, PROF_BACHELOR, 0, NULL},       \
        {P "master", "- Thạc sỹ", 1, SRC, FLOWS, FP_PROFESSIONAL, PROF_MASTER, 0, NULL},           \
        {P "doctor",  "- Tiến sỹ",     1,   SRC, FLOWS, FP_PROFESSIONAL,                           \
         PROF_DOCTOR, PROF_DOCTOR_SCI, NULL},                                                      \
    {                                                                                              \
        P "unknown", "- Chưa cập nhật", 1, SRC, FLOWS, FP_PROFESSIONAL, PROF_UNKNOWN, 0, NULL      \
    }

/* ---- 2-BTCTW ---------------------------------------------------------------------------- */
static const struct form_row_def rows_2[] = {
    FL("I", "I. Tổng số đảng viên mới kết nạp", 0, ADMITS, FP_ALL, 0, 0),
    FL("I.minority", "- Dân tộc thiểu số", 1, ADMITS, FP_MINORITY, 0, 0),
    YN("I.youth", "- Đoàn viên Đoàn TNCS Hồ Chí Minh", 1, FSRC_FLOW, ADMITS, YN_YOUTH_UNION),
    YN("I.owner", "- Chủ doanh nghiệp tư nhân", 1, FSRC_FLOW, ADMITS, YN_BUSINESS_OWNER),
    NK("I.khhgd", "- Quần chúng vi phạm chính sách KHHGĐ", 1, WHY_KHHGD),
    YN("I.foreign", "- Có quan hệ hôn nhân với người nước ngoài", 1, FSRC_FLOW, ADMITS,
       YN_FOREIGN_MARRIAGE),
    FL("I.readmit", "- Kết nạp lại", 1, FLOWBIT(FLOW_READMIT), FP_ALL, 0, 0),
    H("II", "II. Phân tích đảng viên mới kết nạp", 0),
    H("II.1", "1. Nghề nghiệp", 0),
    OCCUPATION_ROWS("II.1.", FSRC_FLOW, ADMITS, 0),
    H("II.2", "2. Tuổi đời:", 0),
    AGE_ROWS("II.2.", FSRC_FLOW, ADMITS),
    H("II.3", "3. Trình độ giáo dục phổ thông", 0),
    SCHOOL_ROWS("II.3.", FSRC_FLOW, ADMITS),
    H("II.4", "4. Trình độ chuyên môn nghiệp vụ", 0),
    PROF_ROWS("II.4.", FSRC_FLOW, ADMITS),
    H("II.5", "5. Chức danh khoa học", 0),
    TITLE_ROWS("II.5.", FSRC_FLOW, ADMITS),
    H("III", "III. Số tổ chức cơ sở đảng có đến cuối kỳ báo cáo", 0),
    {"III.1", "1. Đảng bộ cơ sở", 0, FSRC_BASE_ORGS, 0, FP_DANG_BO, 0, 0, NULL},
    {"III.1.admit", "Trong đó: + Có kết nạp đảng viên", 1, FSRC_BASE_ORGS, 0, FP_DANG_BO_ADMIT, 0,
     0, NULL},
    NK("III.1.masses", "+ Không còn quần chúng", 1, WHY_MASSES),
    {"III.2", "2. Chi bộ cơ sở", 0, FSRC_BASE_ORGS, 0, FP_CHI_BO, 0, 0, NULL},
    {"III.2.admit", "Trong đó: + Có kết nạp đảng viên", 1, FSRC_BASE_ORGS, 0, FP_CHI_BO_ADMIT, 0, 0,
     NULL},
    NK("III.2.masses", "+ Không còn quần chúng", 1, WHY_MASSES),
};

/* ---- 3-BTCTW ---------------------------------------------------------------------------- */
/* Admission eras as day numbers are computed at fill time from these yyyymmdd bounds. */
static const struct form_row_def rows_3[] = {
    LE("I", "I. Đảng viên trong danh sách có đến cuối kỳ báo cáo", 0, FP_ALL, 0, 0),
    LE("I.female", "Trong đó: - Nữ", 1, FP_FEMALE, 0, 0),
    LE("I.probationary", "- Dự bị", 1, FP_PROBATIONARY, 0, 0),
    LE("I.minority", "- Dân tộc thiểu số", 1, FP_MINORITY, 0, 0),
    LE("I.religious", "- Người theo tôn giáo", 1, FP_RELIGIOUS, 0, 0),
    YN("I.youth", "- Đoàn viên Đoàn TNCS Hồ Chí Minh", 1, FSRC_LIST_END, 0, YN_YOUTH_UNION),
    YN("I.owner", "- Chủ doanh nghiệp tư nhân", 1, FSRC_LIST_END, 0, YN_BUSINESS_OWNER),
    YN("I.foreign", "- Có quan hệ hôn nhân với người nước ngoài", 1, FSRC_LIST_END, 0,
       YN_FOREIGN_MARRIAGE),
    H("II", "II. Phân tích đội ngũ đảng viên", 0),
    H("II.1", "1. Nghề nghiệp", 0),
    LE("II.1.a", "a. Đảng viên đang làm việc và công tác", 0, FP_WORKING, 0, 0),
    OCCUPATION_ROWS("II.1.a.", FSRC_LIST_END, 0, 1),
    LE("II.1.b", "b. Đảng viên đã nghỉ hưu và nghỉ công tác", 0, FP_RETIRED, 0, 0),
    LE("II.1.b.exempt", "Trong đó: Được miễn công tác và sinh hoạt đảng", 1, FP_EXEMPT, 0, 0),
    H("II.2", "2. Tuổi đời:", 0),
    AGE_ROWS("II.2.", FSRC_LIST_END, 0),
    H("II.3", "3. Thời gian kết nạp vào Đảng", 0),
    LE("II.3.before_1945", "- Trước 19/8/1945", 1, FP_ADMITTED, 0, 19450818),
    LE("II.3.1945_1954", "- Từ 19/8/1945 đến 20/7/1954", 1, FP_ADMITTED, 19450819, 19540720),
    LE("II.3.1954_1975", "- Từ 21/7/1954 đến 30/4/1975", 1, FP_ADMITTED, 19540721, 19750430),
    LE("II.3.after_1975", "- Từ 01/5/1975 đến nay", 1, FP_ADMITTED, 19750501, 99991231),
    H("II.4", "4. Trình độ giáo dục phổ thông", 0),
    SCHOOL_ROWS("II.4.", FSRC_LIST_END, 0),
    H("II.5", "5. Trình độ chuyên môn nghiệp vụ", 0),
    PROF_ROWS("II.5.", FSRC_LIST_END, 0),
    H("II.6", "6. Chức danh khoa học", 0),
    TITLE_ROWS("II.6.", FSRC_LIST_END, 0),
    H("II.7", "7. Trình độ lý luận chính trị", 0),
    LE("II.7.so_cap", "- Sơ cấp", 1, FP_THEORY, THEORY_SO_CAP, THEORY_SO_CAP),
    LE("II.7.trung_cap", "- Trung cấp", 1, FP_THEORY, THEORY_TRUNG_CAP, THEORY_TRUNG_CAP),
    LE("II.7.cao_cap", "- Cao cấp, cử nhân", 1, FP_THEORY, THEORY_CAO_CAP, THEORY_CU_NHAN),
};

/* ---- 5-BTCTW ---------------------------------------------------------------------------- */
#define BT(t) (1u << (t))
#define OT(k, l, lv, mask)                                                                         \
    {                                                                                              \
        k, l, lv, FSRC_ORG_TYPE, 0, FP_ALL, (int64_t)(mask), 0, NULL                               \
    }
static const char WHY_AGENCY[] =
    "tcxd giữ chung một loại hình 'Cơ quan hành chính' cho cơ quan Đảng, MTTQ, đoàn thể và cơ "
    "quan Nhà nước";
static const char WHY_UNIT[] = "tcxd chưa phân biệt đơn vị sự nghiệp công lập và ngoài công lập";
static const char WHY_CAPITAL[] = "tcxd chưa lưu tỷ lệ vốn Nhà nước, hình thức doanh nghiệp";
static const char WHY_COOP[] = "tcxd chưa có loại hình hợp tác xã (đang tính vào loại hình khác)";
static const char WHY_ABROAD[] = "tcxd chưa có loại hình tổ chức cơ sở đảng ở ngoài nước";
static const struct form_row_def rows_5[] = {
    OT("1", "1. Xã", 0, BT(ORG_BASE_XA)),
    OT("2", "2. Phường", 0, BT(ORG_BASE_PHUONG)),
    OT("3", "3. Thị trấn", 0, BT(ORG_BASE_THI_TRAN)),
    NK("4", "4. Cơ quan Đảng, MTTQ, đoàn thể CT-XH", 0, WHY_AGENCY),
    NK("5", "5. Cơ quan Nhà nước", 0, WHY_AGENCY),
    OT("6", "6. Đơn vị sự nghiệp, gồm:", 0, BT(ORG_BASE_DON_VI_SU_NGHIEP)),
    NK("6.a", "a) Công lập", 1, WHY_UNIT),
    NK("6.b", "b) Ngoài công lập", 1, WHY_UNIT),
    OT("7", "7. Quân đội", 0, BT(ORG_BASE_QUAN_DOI)),
    OT("8", "8. Công an", 0, BT(ORG_BASE_CONG_AN)),
    OT("9", "9. Doanh nghiệp và hợp tác xã", 0, BT(ORG_BASE_DNNN) | BT(ORG_BASE_DN_NGOAI_NHA_NUOC)),
    OT("9.a", "a) Doanh nghiệp có vốn Nhà nước", 1, BT(ORG_BASE_DNNN)),
    NK("9.a.100", "- Nhà nước nắm giữ 100% vốn điều lệ", 2, WHY_CAPITAL),
    NK("9.a.50", "- Nhà nước nắm giữ từ 50% vốn điều lệ trở lên", 2, WHY_CAPITAL),
    NK("9.a.lt50", "- Nhà nước nắm giữ dưới 50% vốn điều lệ", 2, WHY_CAPITAL),
    OT("9.b", "b) Doanh nghiệp ngoài khu vực Nhà nước", 1, BT(ORG_BASE_DN_NGOAI_NHA_NUOC)),
    NK("9.b.jsc", "- Công ty Cổ phần", 2, WHY_CAPITAL),
    NK("9.b.private", "- Doanh nghiệp tư nhân", 2, WHY_CAPITAL),
    NK("9.b.llc", "- Công ty trách nhiệm hữu hạn", 2, WHY_CAPITAL),
    NK("9.b.partnership", "- Công ty hợp danh", 2, WHY_CAPITAL),
    NK("9.b.foreign", "- Doanh nghiệp có vốn nước ngoài", 2, WHY_CAPITAL),
    NK("9.b.foreign100", "Trong đó: Doanh nghiệp 100% vốn NN", 3, WHY_CAPITAL),
    NK("9.c", "c) Hợp tác xã", 1, WHY_COOP),
    NK("10", "10. Tổ chức cơ sở đảng ở ngoài nước", 0, WHY_ABROAD),
    OT("11", "11. Loại hình cơ sở khác*", 0, BT(ORG_BASE_KHAC) | BT(ORG_BASE_DAC_KHU)),
    OT("total", "Cộng (1+….+11)", 0, 0xFFFFFFFEu),
};
#undef OT

/* ---- 6F-BTCTW --------------------------------------------------------------------------- */
#define RV(k, l, lv, fig)                                                                          \
    {                                                                                              \
        k, l, lv, FSRC_REVIEW, 0, FP_ALL, fig, 0, NULL                                             \
    }
static const char WHY_SUGGESTED[] = "tcxd chưa ghi việc gợi ý kiểm điểm";
static const struct form_row_def rows_6[] = {
    RV("1", "1. Số lượng thuộc đối tượng phải kiểm điểm tự phê bình và phê bình", 0, FRV_DUE),
    RV("2", "2. Số lượng đã kiểm điểm tự phê bình và phê bình", 0, FRV_DONE),
    RV("3", "3. Số lượng chưa kiểm điểm tự phê bình và phê bình", 0, FRV_NOT_DONE),
    H("3.of", "Trong đó:", 1),
    RV("3.1", "3.1. Số tập thể thành lập mới", 1, FRV_NEW_ORG),
    RV("3.2", "3.2. Đảng viên mới kết nạp dưới 6 tháng", 1, FRV_NEW_MEMBER),
    RV("3.2.exempt", "Đảng viên được miễn công tác và sinh hoạt đảng", 1, FRV_EXEMPT),
    RV("3.2.suspended", "Đảng viên bị đình chỉ sinh hoạt đảng", 1, FRV_SUSPENDED),
    NK("4", "4. Số được gợi ý kiểm điểm", 0, WHY_SUGGESTED),
    H("4.of", "Trong đó:", 1),
    NK("4.1", "4.1. Thuộc diện ban thường vụ cấp ủy cấp tỉnh quản lý", 1, WHY_SUGGESTED),
    NK("4.2", "4.2. Thuộc diện ban thường vụ cấp ủy cấp huyện quản lý", 1, WHY_SUGGESTED),
    NK("4.3", "4.3. Thuộc diện đảng ủy cơ sở quản lý", 1, WHY_SUGGESTED),
};
#undef RV

/* ---- 7-BTCTW ---------------------------------------------------------------------------- */
/* section I.1 from the commendations of organizations (forms_commend.h: a = kind, b = form) */
#define OC7(k, l, lv, kind, form)                                                                  \
    {                                                                                              \
        k, l, lv, FSRC_SOURCE, 0, FP_ALL, kind, form, NULL                                         \
    }
static const char WHY_IRREGULAR[] = "tcxd chưa ghi sai sót, giả mạo trong giới thiệu sinh hoạt";
#define EVF(k, l, lv, kind, a, b) FL(k, l, lv, FLOWBIT(kind), FP_FORM, a, b)
#define BADGE(y)                  EVF("II." #y, "- Huy hiệu Đảng " #y " năm", 1, FLOW_BADGE, y, -1)
static const struct form_row_def rows_7[] = {
    H("I", "I. Khen thưởng tổ chức đảng và đảng viên trong năm", 0),
    H("I.1", "1. Khen thưởng tổ chức đảng", 0),
    OC7("I.1.a", "a) Số tổ chức đảng cấp trên trực tiếp cơ sở được khen, chia ra:", 1, 1, -1),
    OC7("I.1.a.flag", "- Tặng cờ", 2, 1, COMMEND_CO),
    OC7("I.1.a.merit", "- Tặng bằng khen", 2, 1, COMMEND_BANG_KHEN),
    OC7("I.1.b", "b) Số tổ chức cơ sở đảng được khen, chia ra:", 1, 2, -1),
    OC7("I.1.b.flag", "- Tặng cờ", 2, 2, COMMEND_CO),
    OC7("I.1.b.merit", "- Tặng bằng khen", 2, 2, COMMEND_BANG_KHEN),
    OC7("I.1.b.cert", "- Tặng giấy khen", 2, 2, COMMEND_GIAY_KHEN),
    OC7("I.1.c", "c) Số đảng bộ bộ phận trực thuộc đảng ủy cơ sở được khen, chia ra:", 1, 3, -1),
    OC7("I.1.c.merit", "- Tặng bằng khen", 2, 3, COMMEND_BANG_KHEN),
    OC7("I.1.c.cert", "- Tặng giấy khen", 2, 3, COMMEND_GIAY_KHEN),
    OC7("I.1.d", "d) Số chi bộ trực thuộc đảng bộ cơ sở được khen, chia ra:", 1, 4, -1),
    OC7("I.1.d.merit", "- Tặng bằng khen", 2, 4, COMMEND_BANG_KHEN),
    OC7("I.1.d.cert", "- Tặng giấy khen", 2, 4, COMMEND_GIAY_KHEN),
    EVF("I.2", "2. Số đảng viên được khen, chia ra:", 0, FLOW_COMMEND, COMMEND_BANG_KHEN,
        COMMEND_GIAY_KHEN),
    EVF("I.2.merit", "- Tặng bằng khen", 1, FLOW_COMMEND, COMMEND_BANG_KHEN, -1),
    EVF("I.2.cert", "- Tặng giấy khen", 1, FLOW_COMMEND, COMMEND_GIAY_KHEN, -1),
    H("II", "II. Tặng huy hiệu đảng trong năm", 0),
    BADGE(30),
    BADGE(40),
    BADGE(45),
    BADGE(50),
    BADGE(55),
    BADGE(60),
    BADGE(65),
    BADGE(70),
    BADGE(75),
    BADGE(80),
    BADGE(85),
    BADGE(90),
    H("III", "III. Phát thẻ đảng viên trong năm", 0),
    EVF("III.1", "1. Số thẻ đảng viên được phát cho đảng viên chính thức", 1, FLOW_CARD,
        CARD_ISSUED, -1),
    EVF("III.2", "2. Số thẻ đảng viên được cấp lại cho đảng viên do mất", 1, FLOW_CARD,
        CARD_REISSUED_LOST, -1),
    EVF("III.3", "3. Số thẻ đảng viên được đổi lại cho đảng viên do bị hỏng", 1, FLOW_CARD,
        CARD_EXCHANGED, -1),
    H("IV", "IV. Giới thiệu sinh hoạt Đảng trong năm", 0),
    FL("IV.1", "1. Số lượt đảng viên chuyển sinh hoạt đảng tạm thời", 0,
       FLOWBIT(FLOW_TEMP_OUT) | FLOWBIT(FLOW_TEMP_IN), FP_ALL, 0, 0),
    FL("IV.1.out", "- Giới thiệu chuyển đi", 1, FLOWBIT(FLOW_TEMP_OUT), FP_ALL, 0, 0),
    FL("IV.1.in", "- Tiếp nhận chuyển đến", 1, FLOWBIT(FLOW_TEMP_IN), FP_ALL, 0, 0),
    FL("IV.2", "2. Số lượt đảng viên chuyển sinh hoạt đảng chính thức", 0,
       FLOWBIT(FLOW_OUT_PROVINCE) | FLOWBIT(FLOW_OUT_OTHER) | FLOWBIT(FLOW_IN_PROVINCE) |
           FLOWBIT(FLOW_IN_OTHER),
       FP_OWN_TRANSFER, 0, 0),
    FL("IV.2.out", "- Giới thiệu chuyển đi", 1,
       FLOWBIT(FLOW_OUT_PROVINCE) | FLOWBIT(FLOW_OUT_OTHER), FP_OWN_TRANSFER, 0, 0),
    FL("IV.2.in", "- Tiếp nhận chuyển đến", 1, FLOWBIT(FLOW_IN_PROVINCE) | FLOWBIT(FLOW_IN_OTHER),
       FP_OWN_TRANSFER, 0, 0),
    H("IV.3", "3. Một số nội dung liên quan đến giới thiệu sinh hoạt đảng", 0),
    NK("IV.3.in", "- Số đảng viên nơi khác chuyển sinh hoạt đảng đến chưa đúng quy định", 1,
       WHY_IRREGULAR),
    NK("IV.3.out", "- Số đảng viên giới thiệu sinh hoạt đảng đi chưa đúng quy định", 1,
       WHY_IRREGULAR),
    NK("IV.3.fake", "- Số trường hợp phát hiện giả mạo qua giới thiệu sinh hoạt đảng", 1,
       WHY_IRREGULAR),
};
#undef BADGE
#undef EVF

static const char *const compare_cols[] = {"Kỳ này", "Cùng kỳ năm trước",
                                           "(%) kỳ này so với cùng kỳ năm trước"};
static const char *const compare_nums[] = {"2", "3", "4(=2*100/3)"};
static const char *const annex_cols[] = {"Tổng số", "Trong đó: nữ", "Tỷ lệ (%)"};
static const char *const annex_nums[] = {"3", "4", "5"};
static const char *const types_cols[] = {"Số tổ chức cơ sở đảng: Tổng số",
                                         "Chia ra: Đảng bộ cơ sở",
                                         "Chia ra: Chi bộ cơ sở",
                                         "Tổ chức đảng trực thuộc Đảng bộ cơ sở: Đảng bộ bộ phận",
                                         "Tổ chức đảng trực thuộc Đảng bộ cơ sở: Chi bộ trực thuộc",
                                         "Tổng số đảng viên"};
static const char *const types_nums[] = {"2 (=3+4)", "3", "4", "5", "6", "7"};
static const char *const review_cols[] = {"Tập thể", "Đảng viên"};
static const char *const review_nums[] = {"3", "4"};

static const char SRC_BTCTW[] =
    "Hệ thống biểu mẫu thống kê của Ban Tổ chức Trung ương (09-HD/BTCTW 2017; 11-HD/BTCTW "
    "13/12/2021); lưới biểu theo mẫu Excel tìm thấy, chưa xác nhận thế hệ";

/* ---- checks as data ---------------------------------------------------------------------- */
#define OCC_PARTS(P)                                                                               \
    P "state", P "party", P "commune", P "village", P "public_unit", P "private_unit",             \
        P "enterprise", P "farmer", P "armed", P "student", P "pupil", P "other", P "unknown",     \
        NULL
static const char *const occ2[] = {OCC_PARTS("II.1.")};
static const char *const ent2[] = {"II.1.enterprise.manager", "II.1.enterprise.staff",
                                   "II.1.enterprise.worker", NULL};
static const char *const school2[] = {"II.3.literate", "II.3.primary", "II.3.lower",
                                      "II.3.upper",    "II.3.unknown", NULL};
#define AGE_PARTS(P)                                                                               \
    P "18_30", P "31_35", P "36_40", P "41_45", P "46_50", P "51_55", P "56_60", P "over_60", NULL
static const char *const age2[] = {AGE_PARTS("II.2.")};
static const char *const age3[] = {AGE_PARTS("II.2.")};
static const char *const eras3[] = {"II.3.before_1945", "II.3.1945_1954", "II.3.1954_1975",
                                    "II.3.after_1975", NULL};
#undef AGE_PARTS
static const struct form_sum_check sums_2[] = {
    {"I = các nhóm tuổi", "I", age2},
    {"I = các nhóm nghề nghiệp", "I", occ2},
    {"doanh nghiệp = quản lý + nhân viên + công nhân", "II.1.enterprise", ent2},
    {"I = các trình độ giáo dục phổ thông", "I", school2},
    {NULL, NULL, NULL},
};
static const char *const work3[] = {"II.1.a", "II.1.b", NULL};
static const char *const occ3[] = {OCC_PARTS("II.1.a.")};
static const char *const ent3[] = {"II.1.a.enterprise.manager", "II.1.a.enterprise.staff",
                                   "II.1.a.enterprise.worker", NULL};
static const char *const school3[] = {"II.4.literate", "II.4.primary", "II.4.lower",
                                      "II.4.upper",    "II.4.unknown", NULL};
static const struct form_sum_check sums_3[] = {
    {"I = các nhóm tuổi", "I", age3},
    {"I = các thời kỳ kết nạp", "I", eras3},
    {"I = a + b (đang làm việc, đã nghỉ hưu)", "I", work3},
    {"a = các nhóm nghề nghiệp", "II.1.a", occ3},
    {"doanh nghiệp = quản lý + nhân viên + công nhân", "II.1.a.enterprise", ent3},
    {"I = các trình độ giáo dục phổ thông", "I", school3},
    {NULL, NULL, NULL},
};
static const char *const commend7[] = {"I.2.merit", "I.2.cert", NULL};
static const char *const temp7[] = {"IV.1.out", "IV.1.in", NULL};
static const char *const own7[] = {"IV.2.out", "IV.2.in", NULL};
static const struct form_sum_check sums_7[] = {
    {"I.2 = bằng khen + giấy khen", "I.2", commend7},
    {"IV.1 = đi + đến", "IV.1", temp7},
    {"IV.2 = đi + đến", "IV.2", own7},
    {NULL, NULL, NULL},
};
#undef OCC_PARTS

/* ---- the set -------------------------------------------------------------------------------- */
#define COMPARE_COLS .ncols = 3, .col_labels = compare_cols, .col_numbers = compare_nums
#define BTCTW                                                                                      \
    .valid_from = "2021-12-13", .valid_to = "9999-12-31", .source = SRC_BTCTW, .set = "BTCTW"
#define BTCTW_2017                                                                                 \
    .valid_from = "2017-01-01", .valid_to = "9999-12-31", .source = SRC_BTCTW, .set = "BTCTW"

static const struct form_def form_1 = {.id = "1",
                                       .number = "1-BTCTW",
                                       .title = "TĂNG, GIẢM ĐẢNG VIÊN",
                                       BTCTW,
                                       .layout = FORM_COMPARE,
                                       .item_header = "Tiêu chí",
                                       COMPARE_COLS,
                                       .rows = ROWS(rows_1)};
static const struct form_def form_2 = {.id = "2",
                                       .number = "2-BTCTW",
                                       .title = "ĐẢNG VIÊN MỚI KẾT NẠP",
                                       BTCTW,
                                       .layout = FORM_COMPARE,
                                       .item_header = "Tiêu chí",
                                       COMPARE_COLS,
                                       .rows = ROWS(rows_2),
                                       .sums = sums_2};
static const struct form_def form_2b = {.id = "2b",
                                        .number = "2B-BTCTW",
                                        .title = "ĐẢNG VIÊN MỚI KẾT NẠP",
                                        .subtitle = "Chia theo dân tộc và tôn giáo",
                                        BTCTW,
                                        .layout = FORM_ANNEX,
                                        .item_header = "Tên dân tộc, tôn giáo",
                                        .ncols = 3,
                                        .col_labels = annex_cols,
                                        .col_numbers = annex_nums,
                                        .annex_of = "2",
                                        .annex_flows = true};
static const struct form_def form_3 = {.id = "3",
                                       .number = "3-BTCTW",
                                       .title = "ĐỘI NGŨ ĐẢNG VIÊN",
                                       BTCTW,
                                       .layout = FORM_COMPARE,
                                       .item_header = "Tiêu chí",
                                       COMPARE_COLS,
                                       .rows = ROWS(rows_3),
                                       .sums = sums_3};
static const struct form_def form_3b = {.id = "3b",
                                        .number = "3B-BTCTW",
                                        .title =
                                            "ĐẢNG VIÊN TRONG CÁC DÂN TỘC VÀ TRONG CÁC TÔN GIÁO",
                                        .subtitle = "Chia theo dân tộc và tôn giáo",
                                        BTCTW,
                                        .layout = FORM_ANNEX,
                                        .item_header = "Tên dân tộc, tôn giáo",
                                        .ncols = 3,
                                        .col_labels = annex_cols,
                                        .col_numbers = annex_nums,
                                        .annex_of = "3"};
static const struct form_def form_5 = {
    .id = "5",
    .number = "5-BTCTW",
    .title = "TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN TRONG CÁC LOẠI HÌNH CƠ SỞ",
    BTCTW,
    .layout = FORM_ORG_TYPES,
    .item_header = "Loại hình tổ chức cơ sở đảng",
    .ncols = 6,
    .col_labels = types_cols,
    .col_numbers = types_nums,
    .rows = ROWS(rows_5),
    .has_joint = true,
    .joint_type = ORG_BASE_CO_QUAN_HANH_CHINH,
    .joint_label = "Loại hình 'Cơ quan hành chính' (mục 4 và 5 gộp chung)"};
static const struct form_def form_6 = {.id = "6",
                                       .number = "6F-BTCTW",
                                       .title = "KẾT QUẢ KIỂM ĐIỂM TỰ PHÊ BÌNH VÀ PHÊ BÌNH",
                                       BTCTW_2017,
                                       .layout = FORM_REVIEW,
                                       .item_header = "Nội dung",
                                       .ncols = 2,
                                       .col_labels = review_cols,
                                       .col_numbers = review_nums,
                                       .rows = ROWS(rows_6)};
static const struct form_def form_7 = {.id = "7",
                                       .number = "7-BTCTW",
                                       .title = "VỀ NGHIỆP VỤ CÔNG TÁC ĐẢNG VIÊN",
                                       BTCTW_2017,
                                       .layout = FORM_COMPARE,
                                       .item_header = "Tiêu chí",
                                       COMPARE_COLS,
                                       .rows = ROWS(rows_7),
                                       .sums = sums_7,
                                       .own_facts = &forms_org_commend_source};
#undef COMPARE_COLS
#undef BTCTW
#undef BTCTW_2017

const struct form_def *const forms_btctw_set[] = {&form_1,  &form_2, &form_2b, &form_3,
                                                  &form_3b, &form_5, &form_6,  &form_7};
const size_t forms_btctw_nset = sizeof(forms_btctw_set) / sizeof(forms_btctw_set[0]);
