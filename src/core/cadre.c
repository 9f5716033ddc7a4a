/*
 * cadre.c - the rules of cadre work (cadre.h).
 */
#include "core/cadre.h"

#include <string.h>

#include "core/names.h"
#include "core/tree.h"
#include "text/text.h"
#include "util/vnfmt.h"

/* ---- names ---- */

static const struct core_name cadre_mgmt_t[CADRE_MGMT__MAX] = {
    [CADRE_MGMT_TW] = {"tw", "Cán bộ diện Trung ương quản lý"},
    [CADRE_MGMT_TINH] = {"tinh", "Cán bộ diện Ban Thường vụ tỉnh ủy quản lý"},
    [CADRE_MGMT_HUYEN] = {"huyen", "Cán bộ diện Ban Thường vụ huyện ủy quản lý"},
    [CADRE_MGMT_CO_SO] = {"co_so", "Cán bộ diện đảng ủy cơ sở quản lý"},
};
static const struct core_name cadre_prof_t[PROF__MAX] = {
    [PROF_NONE] = {"none", "Chưa qua đào tạo"}, [PROF_TRUNG_CAP] = {"trung_cap", "Trung cấp"},
    [PROF_CAO_DANG] = {"cao_dang", "Cao đẳng"}, [PROF_DAI_HOC] = {"dai_hoc", "Đại học"},
    [PROF_THAC_SI] = {"thac_si", "Thạc sĩ"},    [PROF_TIEN_SI] = {"tien_si", "Tiến sĩ"},
};
static const struct core_name cadre_academic_t[ACAD__MAX] = {
    [ACAD_NONE] = {"none", "Không"},
    [ACAD_PGS] = {"pgs", "Phó Giáo sư"},
    [ACAD_GS] = {"gs", "Giáo sư"},
};
static const struct core_name committee_role_t[CROLE__MAX] = {
    [CROLE_EXECUTIVE] = {"executive", "Ủy viên Ban Chấp hành"},
    [CROLE_STANDING] = {"standing", "Ủy viên Ban Thường vụ"},
    [CROLE_SECRETARY] = {"secretary", "Bí thư"},
    [CROLE_DEPUTY] = {"deputy", "Phó Bí thư"},
    [CROLE_INSPECTION] = {"inspection", "Ủy viên Ủy ban Kiểm tra"},
    [CROLE_INSPECTION_CHAIR] = {"inspection_chair", "Chủ nhiệm Ủy ban Kiểm tra"},
};
static const struct core_name committee_join_t[CJOIN__MAX] = {
    [CJOIN_CONGRESS] = {"congress", "Bầu tại đại hội"},
    [CJOIN_ELECTED_ADD] = {"elected_add", "Bầu bổ sung"},
    [CJOIN_DESIGNATED] = {"designated", "Chỉ định bổ sung"},
};
static const struct core_name committee_leave_t[CLEAVE__MAX] = {
    [CLEAVE_NONE] = {"none", "Đang tham gia"},
    [CLEAVE_TERM_END] = {"term_end", "Hết nhiệm kỳ"},
    [CLEAVE_TRANSFER] = {"transfer", "Chuyển công tác"},
    [CLEAVE_RETIRE] = {"retire", "Nghỉ hưu"},
    [CLEAVE_DISCIPLINE] = {"discipline", "Kỷ luật"},
    [CLEAVE_RESIGN] = {"resign", "Xin thôi"},
    [CLEAVE_DECEASED] = {"deceased", "Từ trần"},
    [CLEAVE_OTHER] = {"other", "Lý do khác"},
};
static const struct core_name position_sector_t[PSEC__MAX] = {
    [PSEC_PARTY] = {"party", "Đảng"},
    [PSEC_STATE] = {"state", "Chính quyền"},
    [PSEC_FRONT] = {"front", "Mặt trận Tổ quốc, đoàn thể"},
    [PSEC_PUBLIC_UNIT] = {"public_unit", "Đơn vị sự nghiệp công lập"},
    [PSEC_RESIDENTIAL] = {"residential", "Thôn, tổ dân phố"},
    [PSEC_OTHER] = {"other", "Khác"},
};
static const struct core_name position_title_t[PT__MAX] = {
    [PT_BI_THU] = {"bi_thu", "Bí thư"},
    [PT_PHO_BI_THU] = {"pho_bi_thu", "Phó Bí thư"},
    [PT_CHU_TICH_UBND] = {"chu_tich_ubnd", "Chủ tịch UBND"},
    [PT_PHO_CHU_TICH_UBND] = {"pho_chu_tich_ubnd", "Phó Chủ tịch UBND"},
    [PT_CHU_TICH_HDND] = {"chu_tich_hdnd", "Chủ tịch HĐND"},
    [PT_PHO_CHU_TICH_HDND] = {"pho_chu_tich_hdnd", "Phó Chủ tịch HĐND"},
    [PT_TRUONG_DOAN_DBQH] = {"truong_doan_dbqh", "Trưởng đoàn ĐBQH"},
    [PT_PHO_DOAN_DBQH] = {"pho_doan_dbqh", "Phó Trưởng đoàn ĐBQH"},
    [PT_CHU_TICH_MTTQ] = {"chu_tich_mttq", "Chủ tịch Ủy ban MTTQ"},
    [PT_TRUONG_THON] = {"truong_thon", "Trưởng thôn, khu, bản, tổ dân phố"},
    [PT_CAP_TRUONG] = {"cap_truong", "Cấp trưởng"},
    [PT_CAP_PHO] = {"cap_pho", "Cấp phó"},
    [PT_KHAC] = {"khac", "Chức danh khác"},
};
static const struct core_name cadre_tier_t[CTIER__MAX] = {
    [CTIER_NONE] = {"none", "Không thuộc biểu 9, 12"},
    [CTIER_TINH] = {"tinh", "Cấp tỉnh"},
    [CTIER_HUYEN] = {"huyen", "Cấp huyện"},
    [CTIER_XA] = {"xa", "Cấp xã"},
};
static const struct core_name cadre_post_t[CPOST__MAX] = {
    [CPOST_NONE] = {"none", "Không thuộc cột nào của biểu 9, 12"},
    [CPOST_BCH] = {"bch", "Ủy viên Ban Chấp hành"},
    [CPOST_BTV] = {"btv", "Ủy viên Ban Thường vụ"},
    [CPOST_UBKT] = {"ubkt", "Ủy viên Ủy ban Kiểm tra"},
    [CPOST_BI_THU] = {"bi_thu", "Bí thư"},
    [CPOST_PHO_BI_THU] = {"pho_bi_thu", "Phó Bí thư"},
    [CPOST_CT_HDND] = {"chu_tich_hdnd", "Chủ tịch HĐND"},
    [CPOST_PCT_HDND] = {"pho_chu_tich_hdnd", "Phó Chủ tịch HĐND"},
    [CPOST_CT_UBND] = {"chu_tich_ubnd", "Chủ tịch UBND"},
    [CPOST_PCT_UBND] = {"pho_chu_tich_ubnd", "Phó Chủ tịch UBND"},
    [CPOST_TRUONG_DOAN_DBQH] = {"truong_doan_dbqh", "Trưởng đoàn ĐBQH"},
    [CPOST_PHO_DOAN_DBQH] = {"pho_doan_dbqh", "Phó Trưởng đoàn ĐBQH"},
    [CPOST_TRUONG_BAN] = {"truong_ban", "Cấp trưởng ban, cơ quan Đảng, MTTQ, đoàn thể CT-XH"},
    [CPOST_PHO_BAN] = {"pho_ban", "Cấp phó ban, cơ quan Đảng, MTTQ, đoàn thể CT-XH"},
    [CPOST_TRUONG_SO] = {"truong_so", "Cấp trưởng sở, ngành, phòng (tương đương)"},
    [CPOST_PHO_SO] = {"pho_so", "Cấp phó sở, ngành, phòng (tương đương)"},
    [CPOST_TRUONG_SU_NGHIEP] = {"truong_su_nghiep", "Cấp trưởng đơn vị sự nghiệp công lập"},
    [CPOST_PHO_SU_NGHIEP] = {"pho_su_nghiep", "Cấp phó đơn vị sự nghiệp công lập"},
};
static const struct core_name plan_removal_t[PREMOVE__MAX] = {
    [PREMOVE_NONE] = {"none", "Đang trong quy hoạch"},
    [PREMOVE_REVIEW] = {"review", "Rà soát: không còn đủ tiêu chuẩn"},
    [PREMOVE_DISCIPLINE] = {"discipline", "Bị kỷ luật"},
    [PREMOVE_LOW_CONFIDENCE] = {"low_confidence", "Quá nửa phiếu tín nhiệm thấp"},
    [PREMOVE_APPOINTED] = {"appointed", "Đã được bổ nhiệm, bầu"},
    [PREMOVE_OTHER] = {"other", "Lý do khác"},
};
static const struct core_name appoint_kind_t[APPOINT__MAX] = {
    [APPOINT_NEW] = {"new", "Bổ nhiệm"},
    [APPOINT_RE] = {"re", "Bổ nhiệm lại"},
    [APPOINT_NOMINATE] = {"nominate", "Giới thiệu ứng cử"},
};
static const struct core_name reappoint_state_t[REAPPOINT__MAX] = {
    [REAPPOINT_LATER] = {"later", "Chưa đến hạn"},
    [REAPPOINT_NOTICE_DUE] = {"notice_due", "Sắp đến hạn thông báo"},
    [REAPPOINT_LATE] = {"late", "Quá hạn thông báo"},
    [REAPPOINT_ENDED] = {"ended", "Đã hết thời hạn bổ nhiệm"},
};
static const struct core_name move_kind_t[MOVE__MAX] = {
    [MOVE_DIEU_DONG] = {"dieu_dong", "Điều động"},
    [MOVE_LUAN_CHUYEN] = {"luan_chuyen", "Luân chuyển"},
    [MOVE_BIET_PHAI] = {"biet_phai", "Biệt phái"},
};
static const struct core_name move_direction_t[MDIR__MAX] = {
    [MDIR_TW_TINH] = {"tw_tinh", "Trung ương về tỉnh"},
    [MDIR_TINH_HUYEN] = {"tinh_huyen", "Tỉnh về huyện"},
    [MDIR_HUYEN_TINH] = {"huyen_tinh", "Huyện về tỉnh"},
    [MDIR_HUYEN_HUYEN] = {"huyen_huyen", "Huyện này sang huyện khác"},
    [MDIR_NGANH_NGANH] = {"nganh_nganh", "Ngành này sang ngành khác"},
    [MDIR_TINH_XA] = {"tinh_xa", "Tỉnh về xã"},
    [MDIR_HUYEN_XA] = {"huyen_xa", "Huyện về xã"},
    [MDIR_XA_HUYEN] = {"xa_huyen", "Xã về huyện"},
    [MDIR_XA_XA] = {"xa_xa", "Xã này sang xã khác"},
    [MDIR_PHONG_PHONG] = {"phong_phong", "Phòng, ban này sang phòng, ban khác"},
    [MDIR_NONE] = {"none", "Khác"},
};
static const struct core_name training_programme_t[TRAIN__MAX] = {
    [TRAIN_DAI_HOC] = {"dai_hoc", "Đào tạo chuyên môn: Đại học"},
    [TRAIN_THAC_SI] = {"thac_si", "Đào tạo chuyên môn: Thạc sỹ (tương đương)"},
    [TRAIN_TIEN_SI] = {"tien_si", "Đào tạo chuyên môn: Tiến sỹ (tương đương)"},
    [TRAIN_TC_LLCT] = {"tc_llct", "Trung cấp lý luận chính trị"},
    [TRAIN_CC_LLCT] = {"cc_llct", "Cao cấp lý luận chính trị"},
    [TRAIN_CN_LLCT] = {"cn_llct", "Cử nhân lý luận chính trị"},
    [TRAIN_BD_XDD] = {"bd_xdd", "Bồi dưỡng nghiệp vụ xây dựng Đảng"},
    [TRAIN_BD_DOAN_THE] = {"bd_doan_the", "Bồi dưỡng nghiệp vụ đoàn thể chính trị"},
    [TRAIN_BD_QLNN] = {"bd_qlnn", "Bồi dưỡng quản lý nhà nước"},
    [TRAIN_BD_QLKT] = {"bd_qlkt", "Bồi dưỡng quản lý kinh tế"},
    [TRAIN_BD_NGOAI_NGU] = {"bd_ngoai_ngu", "Bồi dưỡng ngoại ngữ"},
    [TRAIN_BD_TIN_HOC] = {"bd_tin_hoc", "Bồi dưỡng tin học"},
    [TRAIN_BD_CAP_NHAT] = {"bd_cap_nhat", "Bồi dưỡng cập nhật kiến thức mới"},
    [TRAIN_BD_QPAN] = {"bd_qpan", "Bồi dưỡng quốc phòng - an ninh"},
};
static const struct core_name training_mode_t[TMODE__MAX] = {
    [TMODE_NONE] = {"none", "Không phân loại"},
    [TMODE_DOMESTIC] = {"domestic", "Trong nước"},
    [TMODE_FOREIGN] = {"foreign", "Ngoài nước"},
    [TMODE_JOINT] = {"joint", "Liên kết"},
    [TMODE_FULL_TIME] = {"full_time", "Hệ tập trung"},
    [TMODE_PART_TIME] = {"part_time", "Hệ không tập trung"},
    [TMODE_DT1] = {"dt1", "Đối tượng 1"},
    [TMODE_DT2] = {"dt2", "Đối tượng 2"},
    [TMODE_DT3] = {"dt3", "Đối tượng 3"},
    [TMODE_DT4] = {"dt4", "Đối tượng 4"},
};
static const struct core_name vote_exclusion_t[VEX__MAX] = {
    [VEX_NONE] = {"none", "Lấy phiếu"},
    [VEX_NEW_IN_POST] = {"new_in_post", "Được bầu, bổ nhiệm trong năm lấy phiếu"},
    [VEX_RETIRING] = {"retiring", "Đã có thông báo nghỉ hưu"},
    [VEX_LEAVE] = {"leave", "Nghỉ ốm, đi học dài hạn"},
};
static const struct core_name vote_outcome_t[VOTE_OUTCOME__MAX] = {
    [VOTE_NORMAL] = {"normal", "Không quá nửa tín nhiệm thấp"},
    [VOTE_OVER_HALF_LOW] = {"over_half_low", "Trên 1/2 đến dưới 2/3 tín nhiệm thấp"},
    [VOTE_TWO_THIRDS_LOW] = {"two_thirds_low", "Từ 2/3 trở lên tín nhiệm thấp"},
    [VOTE_NO_QUORUM] = {"no_quorum", "Không đủ 2/3 số người được triệu tập có mặt"},
    [VOTE_EXCLUDED] = {"excluded", "Không lấy phiếu"},
};

#define CADRE_ENUM_DEF(T, MAX, FIELD)                                                              \
    const char *T##_name(enum T v)                                                                 \
    {                                                                                              \
        return core_name_of(T##_t, MAX, (unsigned)v);                                              \
    }                                                                                              \
    const char *T##_label(enum T v)                                                                \
    {                                                                                              \
        return core_label_of(T##_t, MAX, (unsigned)v);                                             \
    }                                                                                              \
    enum tcxd_err T##_parse(const char *s, enum T *out, struct tcxd_error *e)                      \
    {                                                                                              \
        int i = core_name_find(s, s ? strlen(s) : 0, T##_t, MAX);                                  \
        if (i < 0) {                                                                               \
            struct buf b = BUF_INIT;                                                               \
            for (size_t k = 0; k < (size_t)(MAX); k++)                                             \
                buf_addf(&b, "%s%s", k ? ", " : "", T##_t[k].name);                                \
            enum tcxd_err rc =                                                                     \
                tcxd_fail(e, TCXD_EINVAL, FIELD, "invalid %s '%s' (expected one of: %s)", FIELD,   \
                          s ? s : "", b.ptr);                                                      \
            buf_release(&b);                                                                       \
            return rc;                                                                             \
        }                                                                                          \
        *out = (enum T)i;                                                                          \
        return TCXD_OK;                                                                            \
    }
CADRE_ENUM_NAMES(CADRE_ENUM_DEF)
#undef CADRE_ENUM_DEF

/* ---- cadres ---- */

int cadre_age_band(tcxd_date birth, tcxd_date on)
{
    if (birth == DATE_NONE)
        return -1;
    int age = date_age_years(birth, on);
    return age <= 40 ? 0 : age <= 50 ? 1 : 2;
}

bool cadre_ethnicity_minority(const char *ethnicity)
{
    if (!ethnicity || !*ethnicity)
        return false;
    struct buf f = BUF_INIT;
    text_fold(ethnicity, &f);
    /* trim spaces */
    size_t a = 0, b = f.len;
    while (a < b && f.ptr[a] == ' ')
        a++;
    while (b > a && f.ptr[b - 1] == ' ')
        b--;
    bool kinh = b - a == 4 && !memcmp(f.ptr + a, "kinh", 4);
    bool empty = a == b;
    buf_release(&f);
    return !kinh && !empty;
}

/* ---- committees ---- */

static void fmt(tcxd_date d, char out[DATE_ISO_LEN])
{
    date_format_vn(d, out);
}

bool committee_seat_on(const struct committee_seat *s, tcxd_date on)
{
    return s->from <= on && on < s->to;
}

bool committee_join_is_addition(enum committee_join j)
{
    return j == CJOIN_ELECTED_ADD || j == CJOIN_DESIGNATED;
}

static bool overlap(tcxd_date a0, tcxd_date a1, tcxd_date b0, tcxd_date b1)
{
    return a0 < b1 && b0 < a1;
}

enum tcxd_err committee_seat_check(tcxd_date term_from, tcxd_date term_to,
                                   const struct committee_seat *held, size_t n,
                                   const struct committee_seat *add, struct tcxd_error *e)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    if ((unsigned)add->role >= CROLE__MAX || (unsigned)add->join >= CJOIN__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "role", "invalid committee role or way of joining");
    if (add->from == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "from", "field %s is required", "from");
    if (add->to != DATE_NONE && add->to <= add->from) {
        fmt(add->from, a);
        fmt(add->to, b);
        return tcxd_fail(e, TCXD_EINVAL, "to", "the seat ends (%s) before it starts (%s)", b, a);
    }
    if (add->join == CJOIN_CONGRESS && add->from != term_from) {
        fmt(term_from, a);
        return tcxd_fail(e, TCXD_ERULE, "join",
                         "a seat elected at the congress starts on the congress day (%s)", a);
    }
    if (committee_join_is_addition(add->join) && add->from <= term_from) {
        fmt(term_from, a);
        return tcxd_fail(e, TCXD_ERULE, "from",
                         "an addition to the committee comes after the congress (%s)", a);
    }
    tcxd_date to = add->to == DATE_NONE ? term_to : add->to;
    if (add->from >= term_to || to > term_to) {
        fmt(term_from, a);
        fmt(term_to, b);
        return tcxd_fail(e, TCXD_ERULE, "from", "the seat is outside the term %s - %s", a, b);
    }
    bool single = add->role == CROLE_SECRETARY || add->role == CROLE_INSPECTION_CHAIR;
    for (size_t i = 0; i < n; i++) {
        const struct committee_seat *h = &held[i];
        if (h->role != add->role || !overlap(h->from, h->to, add->from, to))
            continue;
        if (h->cadre_id == add->cadre_id)
            return tcxd_fail(e, TCXD_ECONFLICT, "role",
                             "the cadre already holds the role %s in this term then",
                             committee_role_label(add->role));
        if (single) {
            fmt(h->from, a);
            return tcxd_fail(e, TCXD_ERULE, "role",
                             "the committee already has a %s then (cadre #%lld from %s)",
                             committee_role_label(add->role), (long long)h->cadre_id, a);
        }
    }
    return TCXD_OK;
}

void committee_count_on(const struct committee_seat *s, size_t n, tcxd_date on,
                        struct committee_count *out)
{
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < n; i++)
        if ((unsigned)s[i].role < CROLE__MAX && committee_seat_on(&s[i], on))
            out->by_role[s[i].role]++;
}

/* ---- positions ---- */

bool position_title_single(enum position_title t)
{
    switch (t) {
    case PT_BI_THU:
    case PT_CHU_TICH_UBND:
    case PT_CHU_TICH_HDND:
    case PT_TRUONG_DOAN_DBQH:
    case PT_CHU_TICH_MTTQ:
    case PT_TRUONG_THON:
    case PT_CAP_TRUONG:
        return true;
    default:
        return false;
    }
}

bool position_holding_on(const struct position_holding *h, tcxd_date on)
{
    return h->from <= on && on < h->to;
}

enum tcxd_err position_holding_check(enum position_title title, const struct position_holding *held,
                                     size_t n, const struct position_holding *add,
                                     struct tcxd_error *e)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    if (add->from == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "from", "field %s is required", "from");
    if (add->to != DATE_NONE && add->to <= add->from) {
        fmt(add->from, a);
        fmt(add->to, b);
        return tcxd_fail(e, TCXD_EINVAL, "to", "the appointment ends (%s) before it starts (%s)", b,
                         a);
    }
    if (add->term_end != DATE_NONE && add->term_end <= add->from) {
        fmt(add->from, a);
        fmt(add->term_end, b);
        return tcxd_fail(e, TCXD_EINVAL, "term_end",
                         "the appointment term ends (%s) before it starts (%s)", b, a);
    }
    tcxd_date to = add->to == DATE_NONE ? DATE_OPEN_END : add->to;
    for (size_t i = 0; i < n; i++) {
        const struct position_holding *h = &held[i];
        if (h->position_id != add->position_id || !overlap(h->from, h->to, add->from, to))
            continue;
        if (h->cadre_id == add->cadre_id)
            return tcxd_fail(e, TCXD_ECONFLICT, "from", "the cadre already holds this post then");
        if (position_title_single(title)) {
            fmt(h->from, a);
            return tcxd_fail(e, TCXD_ERULE, "from",
                             "the post %s has another holder then (cadre #%lld from %s)",
                             position_title_label(title), (long long)h->cadre_id, a);
        }
    }
    return TCXD_OK;
}

void cadre_share_text(int64_t num, int64_t den, struct buf *out)
{
    vnfmt_int(out, num);
    buf_addch(out, '/');
    vnfmt_int(out, den);
    if (den > 0) {
        buf_adds(out, " (");
        vnfmt_percent(out, num, den, 1);
        buf_addch(out, ')');
    }
}

/* ---- planning ---- */

bool plan_entry_on(const struct plan_entry *p, tcxd_date on)
{
    return p->added <= on && on < p->removed;
}

enum tcxd_err plan_add_check(const struct plan_entry *held, size_t n, const struct plan_entry *add,
                             struct tcxd_error *e)
{
    if (add->added == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "from", "field %s is required", "from");
    int64_t for_position = 0, for_cadre = 0;
    for (size_t i = 0; i < n; i++) {
        const struct plan_entry *h = &held[i];
        if (!plan_entry_on(h, add->added))
            continue;
        if (h->position_id == add->position_id && h->cadre_id == add->cadre_id)
            return tcxd_fail(e, TCXD_ECONFLICT, "cadre",
                             "the cadre is already in the planning for this position");
        if (h->position_id == add->position_id)
            for_position++;
        if (h->cadre_id == add->cadre_id && h->level == add->level)
            for_cadre++;
    }
    if (for_position >= PLAN_MAX_PER_POSITION)
        return tcxd_fail(e, TCXD_ERULE, "position",
                         "the position already has %d cadres in its planning (at most %d)",
                         (int)for_position, PLAN_MAX_PER_POSITION);
    if (for_cadre >= PLAN_MAX_PER_CADRE)
        return tcxd_fail(e, TCXD_ERULE, "cadre",
                         "the cadre is already planned for %d positions at this level (at most %d)",
                         (int)for_cadre, PLAN_MAX_PER_CADRE);
    return TCXD_OK;
}

bool plan_removed_by_discipline(enum discipline_form f)
{
    return (unsigned)f < DISCIPLINE__MAX;
}

/* ---- discipline and appointment ---- */

int cadre_discipline_wait_months(enum discipline_form f)
{
    switch (f) {
    case DISCIPLINE_KHIEN_TRACH:
        return 24;
    case DISCIPLINE_CANH_CAO:
        return 36;
    case DISCIPLINE_CACH_CHUC:
        return 60;
    default:
        return -1;
    }
}

bool cadre_discipline_in_force(const struct cadre_discipline *d, tcxd_date on)
{
    if (on < d->date)
        return false;
    if (d->form == DISCIPLINE_KHAI_TRU)
        return true;
    return on < date_add_months(d->date, 12);
}

tcxd_date appoint_term_end(const struct appoint_facts *f)
{
    if (f->term_end != DATE_NONE || f->kind == APPOINT_NOMINATE)
        return f->term_end;
    return date_add_years(f->date, CADRE_APPOINT_TERM_YEARS);
}

enum tcxd_err appoint_check(const struct appoint_facts *f, struct tcxd_error *e)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    if ((unsigned)f->kind >= APPOINT__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "kind", "invalid appointment kind");
    if (f->date == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "date", "field %s is required", "date");
    if (f->term_end != DATE_NONE && f->term_end <= f->date) {
        fmt(f->date, a);
        fmt(f->term_end, b);
        return tcxd_fail(e, TCXD_EINVAL, "term_end",
                         "the appointment term ends (%s) before it starts (%s)", b, a);
    }
    for (size_t i = 0; i < f->ndisc; i++) {
        const struct cadre_discipline *d = &f->disc[i];
        if (d->date > f->date)
            continue;
        fmt(d->date, a);
        if (cadre_discipline_in_force(d, f->date))
            return tcxd_fail(e, TCXD_ERULE, "discipline",
                             "a discipline (%s of %s) is in force: no appointment, nomination or "
                             "rotation",
                             discipline_form_label(d->form), a);
        int wait = cadre_discipline_wait_months(d->form);
        if (f->kind != APPOINT_RE && f->higher_post && wait > 0 &&
            f->date < date_add_months(d->date, wait)) {
            fmt(date_add_months(d->date, wait), b);
            return tcxd_fail(e, TCXD_ERULE, "discipline",
                             "disciplined (%s of %s): a higher post only after %d months (from %s)",
                             discipline_form_label(d->form), a, wait, b);
        }
    }
    if (f->kind == APPOINT_RE) {
        if (!f->holds_post)
            return tcxd_fail(e, TCXD_ERULE, "post",
                             "a reappointment is for a cadre holding the post");
        if (f->two_thirds_low)
            return tcxd_fail(e, TCXD_ERULE, "vote",
                             "two thirds or more low-confidence votes in the post: relieved, not "
                             "reappointed");
    } else if (!f->in_planning && !f->outside) {
        return tcxd_fail(e, TCXD_ERULE, "planning",
                         "the cadre is not in the planning for this post");
    }
    return TCXD_OK;
}

/* ---- reappointment ---- */

tcxd_date reappoint_notice_by(tcxd_date term_end)
{
    return date_add_working_days(term_end, -CADRE_REAPPOINT_NOTICE_WORKING_DAYS);
}

enum reappoint_state reappoint_state_on(tcxd_date term_end, tcxd_date on, int soon_days)
{
    if (term_end <= on)
        return REAPPOINT_ENDED;
    tcxd_date by = reappoint_notice_by(term_end);
    if (on > by)
        return REAPPOINT_LATE;
    if (by - on <= soon_days)
        return REAPPOINT_NOTICE_DUE;
    return REAPPOINT_LATER;
}

/* ---- rotation ---- */

int move_direction_group(enum move_direction d)
{
    if ((unsigned)d < MDIR_TINH_XA)
        return 0;
    if ((unsigned)d < MDIR_NONE)
        return 1;
    return -1;
}

enum tcxd_err cadre_move_check(const struct cadre_move *m, const struct cadre_discipline *disc,
                               size_t ndisc, struct tcxd_error *e)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    if ((unsigned)m->kind >= MOVE__MAX || (unsigned)m->direction >= MDIR__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "kind", "invalid move kind or direction");
    if (m->date == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "date", "field %s is required", "date");
    if (m->kind == MOVE_BIET_PHAI && m->until == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "until", "a secondment (biệt phái) needs its end date");
    if (m->until != DATE_NONE && m->until <= m->date) {
        fmt(m->date, a);
        fmt(m->until, b);
        return tcxd_fail(e, TCXD_EINVAL, "until", "the move ends (%s) before it starts (%s)", b, a);
    }
    for (size_t i = 0; i < ndisc; i++)
        if (cadre_discipline_in_force(&disc[i], m->date)) {
            fmt(disc[i].date, a);
            return tcxd_fail(e, TCXD_ERULE, "discipline",
                             "a discipline (%s of %s) is in force: no appointment, nomination or "
                             "rotation",
                             discipline_form_label(disc[i].form), a);
        }
    return TCXD_OK;
}

/* ---- training ---- */

#define M(x) (1u << (x))
static const unsigned training_modes[TRAIN__MAX] = {
    [TRAIN_DAI_HOC] = M(TMODE_DOMESTIC) | M(TMODE_FOREIGN) | M(TMODE_JOINT),
    [TRAIN_THAC_SI] = M(TMODE_DOMESTIC) | M(TMODE_FOREIGN) | M(TMODE_JOINT),
    [TRAIN_TIEN_SI] = M(TMODE_DOMESTIC) | M(TMODE_FOREIGN) | M(TMODE_JOINT),
    [TRAIN_TC_LLCT] = M(TMODE_FULL_TIME) | M(TMODE_PART_TIME),
    [TRAIN_CC_LLCT] = M(TMODE_FULL_TIME) | M(TMODE_PART_TIME),
    [TRAIN_CN_LLCT] = M(TMODE_FULL_TIME) | M(TMODE_PART_TIME),
    [TRAIN_BD_XDD] = M(TMODE_NONE),
    [TRAIN_BD_DOAN_THE] = M(TMODE_NONE),
    [TRAIN_BD_QLNN] = M(TMODE_DOMESTIC) | M(TMODE_FOREIGN),
    [TRAIN_BD_QLKT] = M(TMODE_DOMESTIC) | M(TMODE_FOREIGN),
    [TRAIN_BD_NGOAI_NGU] = M(TMODE_DOMESTIC) | M(TMODE_FOREIGN),
    [TRAIN_BD_TIN_HOC] = M(TMODE_NONE),
    [TRAIN_BD_CAP_NHAT] = M(TMODE_NONE),
    [TRAIN_BD_QPAN] = M(TMODE_DT1) | M(TMODE_DT2) | M(TMODE_DT3) | M(TMODE_DT4),
};
#undef M

bool training_mode_allowed(enum training_programme p, enum training_mode m)
{
    return (unsigned)p < TRAIN__MAX && (unsigned)m < TMODE__MAX && (training_modes[p] & (1u << m));
}

bool training_is_degree(enum training_programme p)
{
    return p <= TRAIN_CN_LLCT;
}

enum tcxd_err training_check(enum training_programme p, enum training_mode m, tcxd_date from,
                             tcxd_date to, struct tcxd_error *e)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    if ((unsigned)p >= TRAIN__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "programme", "invalid training programme");
    if (!training_mode_allowed(p, m)) {
        struct buf ok = BUF_INIT;
        for (unsigned k = 0; k < TMODE__MAX; k++)
            if (training_modes[p] & (1u << k))
                buf_addf(&ok, "%s%s", ok.len ? ", " : "", training_mode_t[k].name);
        enum tcxd_err rc = tcxd_fail(e, TCXD_EINVAL, "mode", "form 10 splits %s by: %s (not %s)",
                                     training_programme_name(p), ok.ptr, training_mode_name(m));
        buf_release(&ok);
        return rc;
    }
    if (from == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "from", "field %s is required", "from");
    if (to != DATE_NONE && to < from) {
        fmt(from, a);
        fmt(to, b);
        return tcxd_fail(e, TCXD_EINVAL, "to", "the course ends (%s) before it starts (%s)", b, a);
    }
    return TCXD_OK;
}

/* ---- votes ---- */

enum tcxd_err vote_session_check(const struct vote_session *s, struct tcxd_error *e)
{
    if (s->convened <= 0)
        return tcxd_fail(e, TCXD_EINVAL, "convened", "the number convened must be positive");
    if (s->present < 0 || s->issued < 0 || s->returned < 0)
        return tcxd_fail(e, TCXD_EINVAL,
                         s->present < 0  ? "present"
                         : s->issued < 0 ? "issued"
                                         : "returned",
                         "a negative number of people or ballots");
    if (s->present > s->convened)
        return tcxd_fail(e, TCXD_EINVAL, "present", "%lld present of %lld convened",
                         (long long)s->present, (long long)s->convened);
    if (s->issued > s->present)
        return tcxd_fail(e, TCXD_EINVAL, "issued", "%lld ballots issued to %lld present",
                         (long long)s->issued, (long long)s->present);
    if (s->returned > s->issued)
        return tcxd_fail(e, TCXD_EINVAL, "returned", "%lld ballots returned of %lld issued",
                         (long long)s->returned, (long long)s->issued);
    return TCXD_OK;
}

bool vote_quorum(const struct vote_session *s)
{
    return s->convened > 0 && s->present * 3 >= s->convened * 2;
}

enum tcxd_err vote_tally_check(const struct vote_session *s, const struct vote_tally *t,
                               struct tcxd_error *e)
{
    if ((unsigned)t->excluded >= VEX__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "excluded", "invalid exclusion");
    if (t->high < 0 || t->medium < 0 || t->low < 0)
        return tcxd_fail(e, TCXD_EINVAL,
                         t->high < 0     ? "high"
                         : t->medium < 0 ? "medium"
                                         : "low",
                         "a negative number of ballots");
    int64_t valid = t->high + t->medium + t->low;
    if (t->excluded != VEX_NONE && valid)
        return tcxd_fail(e, TCXD_EINVAL, "excluded", "a person not voted has no ballots counted");
    if (valid > s->returned)
        return tcxd_fail(e, TCXD_EINVAL, "low", "%lld valid ballots for a person of %lld returned",
                         (long long)valid, (long long)s->returned);
    return TCXD_OK;
}

enum vote_outcome vote_outcome_of(const struct vote_session *s, const struct vote_tally *t)
{
    if (t->excluded != VEX_NONE)
        return VOTE_EXCLUDED;
    if (!vote_quorum(s) || s->returned <= 0)
        return VOTE_NO_QUORUM;
    if (t->low * 3 >= s->returned * 2)
        return VOTE_TWO_THIRDS_LOW;
    if (t->low * 2 > s->returned)
        return VOTE_OVER_HALF_LOW;
    return VOTE_NORMAL;
}

enum vote_exclusion vote_exclusion_for(tcxd_date in_post_since, int vote_year, bool retiring,
                                       bool on_leave)
{
    if (retiring)
        return VEX_RETIRING;
    if (in_post_since != DATE_NONE && date_to_ymd(in_post_since).y == vote_year)
        return VEX_NEW_IN_POST;
    if (on_leave)
        return VEX_LEAVE;
    return VEX_NONE;
}

const char *vote_outcome_consequence(enum vote_outcome o)
{
    switch (o) {
    case VOTE_OVER_HALF_LOW:
        return "Đưa ra khỏi quy hoạch chức danh cao hơn; xem xét cho thôi giữ chức vụ, bố trí "
               "công tác khác, cho từ chức hoặc bỏ phiếu tín nhiệm";
    case VOTE_TWO_THIRDS_LOW:
        return "Cho thôi giữ chức vụ, bố trí công tác thấp hơn, không chờ hết nhiệm kỳ, thời hạn "
               "bổ nhiệm";
    case VOTE_NO_QUORUM:
        return "Kết quả không có giá trị: tổ chức lại hội nghị lấy phiếu";
    default:
        return "";
    }
}

bool vote_outcome_removes_from_planning(enum vote_outcome o)
{
    return o == VOTE_OVER_HALF_LOW || o == VOTE_TWO_THIRDS_LOW;
}

void vote_share_text(int64_t n, int64_t returned, struct buf *out)
{
    vnfmt_int(out, n);
    buf_adds(out, " (");
    vnfmt_percent(out, n, returned, 2);
    buf_addch(out, ')');
}

/* ---- voluntary leave ---- */

const struct leave_policy leave_policy_seed002 = {1000000, 300000000};

int cadre_service_months(tcxd_date work_start, tcxd_date leave)
{
    if (work_start == DATE_NONE || leave == DATE_NONE || leave <= work_start)
        return 0;
    return date_months_between(work_start, leave);
}

int64_t leave_support(const struct leave_policy *p, int months)
{
    if (months <= 0)
        return 0;
    int64_t v = p->per_month * months;
    return p->cap > 0 && v > p->cap ? p->cap : v;
}

/* ---- the sentence ---- */

static void count2(struct buf *b, int64_t n)
{
    if (n >= 0 && n < 10)
        buf_addf(b, "%02lld", (long long)n);
    else
        vnfmt_int(b, n);
}

void cadre_work_sentence(const struct cadre_work_counts *c, struct buf *out)
{
    buf_adds(out, "bổ nhiệm, bổ nhiệm lại, giới thiệu ứng cử ");
    count2(out, c->appointed);
    buf_adds(out, " cán bộ; điều động, luân chuyển ");
    count2(out, c->moved);
    buf_adds(out, " đồng chí; bổ sung cấp ủy ");
    count2(out, c->added);
    buf_adds(out, " đồng chí");
}

/* ---- the leadership forms' posts ---- */

/* Each post's value column on forms 9 and 12 at each tier (none, tỉnh, huyện, xã), -1: no such
   column. Source: forms-BTCTW.txt 9A (line 531), 9B (1006), 9C (1080), 12A (771, labelled 12B
   there), 12B (877), 12C (947). Form 9 puts HĐND before UBND and has no UBKT; form 12 puts
   UBND first. */
#define NO -1
static const int8_t post_columns[CPOST__MAX][CFORM__MAX][CTIER__MAX] = {
    /*                          form 9: -, tỉnh, huyện, xã     form 12: -, tỉnh, huyện, xã */
    [CPOST_NONE] = {{NO, NO, NO, NO}, {NO, NO, NO, NO}},
    [CPOST_BCH] = {{NO, 0, 0, 0}, {NO, 0, 0, 0}},
    [CPOST_BTV] = {{NO, 1, 1, 1}, {NO, 1, 1, 1}},
    [CPOST_UBKT] = {{NO, NO, NO, NO}, {NO, 2, 2, 2}},
    [CPOST_BI_THU] = {{NO, 2, 2, 2}, {NO, 3, 3, 3}},
    [CPOST_PHO_BI_THU] = {{NO, 3, 3, 3}, {NO, 4, 4, 4}},
    [CPOST_CT_HDND] = {{NO, 4, 4, 4}, {NO, 7, 7, 7}},
    [CPOST_PCT_HDND] = {{NO, 5, 5, 5}, {NO, 8, 8, 8}},
    [CPOST_CT_UBND] = {{NO, 6, 6, 6}, {NO, 5, 5, 5}},
    [CPOST_PCT_UBND] = {{NO, 7, 7, 7}, {NO, 6, 6, 6}},
    [CPOST_TRUONG_DOAN_DBQH] = {{NO, 8, NO, NO}, {NO, 9, NO, NO}},
    [CPOST_PHO_DOAN_DBQH] = {{NO, 9, NO, NO}, {NO, 10, NO, NO}},
    [CPOST_TRUONG_BAN] = {{NO, 10, 8, 8}, {NO, 11, 9, 9}},
    [CPOST_PHO_BAN] = {{NO, 11, 9, 9}, {NO, 12, 10, 10}},
    [CPOST_TRUONG_SO] = {{NO, 12, 10, NO}, {NO, 13, 11, NO}},
    [CPOST_PHO_SO] = {{NO, 13, 11, NO}, {NO, 14, 12, NO}},
    [CPOST_TRUONG_SU_NGHIEP] = {{NO, 14, 12, NO}, {NO, 15, 13, NO}},
    [CPOST_PHO_SU_NGHIEP] = {{NO, 15, 13, NO}, {NO, 16, 14, NO}},
};
#undef NO

int cadre_post_column(enum cadre_form_family f, enum cadre_tier t, enum cadre_post p)
{
    if ((unsigned)f >= CFORM__MAX || (unsigned)t >= CTIER__MAX || (unsigned)p >= CPOST__MAX)
        return -1;
    return post_columns[p][f][t];
}

int cadre_post_ncols(enum cadre_form_family f, enum cadre_tier t)
{
    int n = 0;
    for (int p = 0; p < CPOST__MAX; p++) {
        int c = cadre_post_column(f, t, (enum cadre_post)p);
        if (c + 1 > n)
            n = c + 1;
    }
    return n;
}

enum cadre_post cadre_post_default(enum position_title t)
{
    switch (t) {
    case PT_BI_THU:
        return CPOST_BI_THU;
    case PT_PHO_BI_THU:
        return CPOST_PHO_BI_THU;
    case PT_CHU_TICH_UBND:
        return CPOST_CT_UBND;
    case PT_PHO_CHU_TICH_UBND:
        return CPOST_PCT_UBND;
    case PT_CHU_TICH_HDND:
        return CPOST_CT_HDND;
    case PT_PHO_CHU_TICH_HDND:
        return CPOST_PCT_HDND;
    case PT_TRUONG_DOAN_DBQH:
        return CPOST_TRUONG_DOAN_DBQH;
    case PT_PHO_DOAN_DBQH:
        return CPOST_PHO_DOAN_DBQH;
    case PT_CHU_TICH_MTTQ:
        return CPOST_TRUONG_BAN;
    default:
        return CPOST_NONE;
    }
}

bool cadre_post_of_committee(enum cadre_post p)
{
    return p == CPOST_BCH || p == CPOST_BTV || p == CPOST_UBKT || p == CPOST_BI_THU ||
           p == CPOST_PHO_BI_THU;
}

unsigned committee_role_posts(enum committee_role r)
{
    switch (r) {
    case CROLE_EXECUTIVE:
        return 1u << CPOST_BCH;
    case CROLE_STANDING:
        return 1u << CPOST_BCH | 1u << CPOST_BTV;
    case CROLE_SECRETARY:
        return 1u << CPOST_BCH | 1u << CPOST_BTV | 1u << CPOST_BI_THU;
    case CROLE_DEPUTY:
        return 1u << CPOST_BCH | 1u << CPOST_BTV | 1u << CPOST_PHO_BI_THU;
    case CROLE_INSPECTION:
    case CROLE_INSPECTION_CHAIR:
        return 1u << CPOST_UBKT;
    default:
        return 0;
    }
}

bool cadre_post_leader_default(enum cadre_post p, enum position_title t)
{
    return p != CPOST_NONE || (t != PT_KHAC && t != PT_TRUONG_THON && (unsigned)t < PT__MAX);
}

static bool commune_type(enum org_base_type bt)
{
    return bt == ORG_BASE_XA || bt == ORG_BASE_PHUONG || bt == ORG_BASE_THI_TRAN ||
           bt == ORG_BASE_DAC_KHU;
}

enum cadre_tier cadre_tier_default(const struct org_tree *t, uint32_t node, bool committee)
{
    if (node == TREE_NONE || node >= t->n)
        return CTIER_NONE;
    /* a commune-level organization, itself or above */
    for (uint32_t n = node; n != TREE_NONE; n = t->nodes[n].parent) {
        if (commune_type(t->nodes[n].base_type))
            return committee && n != node ? CTIER_NONE : CTIER_XA;
        if (t->nodes[n].tier == ORG_TIER_ABOVE_BASE)
            break;
    }
    uint32_t a = node;
    while (a != TREE_NONE && t->nodes[a].tier != ORG_TIER_ABOVE_BASE)
        a = t->nodes[a].parent;
    if (a == TREE_NONE || (committee && a != node))
        return CTIER_NONE;
    int k = 0;
    for (uint32_t n = t->nodes[a].parent; n != TREE_NONE; n = t->nodes[n].parent)
        if (t->nodes[n].tier == ORG_TIER_ABOVE_BASE)
            k++;
    return k == 0 ? CTIER_TINH : k == 1 ? CTIER_HUYEN : CTIER_NONE;
}
