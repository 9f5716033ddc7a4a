/*
 * inspection.c - the rules of inspection.h.
 */
#include "core/inspection.h"

#include <string.h>

#include "core/names.h"
#include "util/msg.h"
#include "util/vnfmt.h"

static const struct core_name kinds[INSP_KIND__MAX] = {
    [INSP_KT_THUONG_XUYEN] = {"kt_thuong_xuyen", "Kiểm tra thường xuyên"},
    [INSP_KT_DAU_HIEU] = {"kt_dau_hieu", "Kiểm tra khi có dấu hiệu vi phạm"},
    [INSP_KT_CHUYEN_DE] = {"kt_chuyen_de", "Kiểm tra chuyên đề"},
    [INSP_KT_THI_HANH_KY_LUAT] = {"kt_thi_hanh_ky_luat", "Kiểm tra việc thi hành kỷ luật"},
    [INSP_GS_THUONG_XUYEN] = {"gs_thuong_xuyen", "Giám sát thường xuyên"},
    [INSP_GS_CHUYEN_DE] = {"gs_chuyen_de", "Giám sát chuyên đề"},
};

static const struct core_name bodies[INSP_BODY__MAX] = {
    [INSP_BODY_CAP_UY] = {"cap_uy", "Cấp ủy"},
    [INSP_BODY_BAN_THUONG_VU] = {"ban_thuong_vu", "Ban Thường vụ"},
    [INSP_BODY_UBKT] = {"ubkt", "Ủy ban kiểm tra"},
    [INSP_BODY_CHI_BO] = {"chi_bo", "Chi bộ"},
    [INSP_BODY_DOAN] = {"doan", "Đoàn kiểm tra, giám sát"},
};

static const struct core_name areas[INSP_AREA__MAX] = {
    [INSP_AREA_NGHI_QUYET] = {"nghi_quyet", "Chấp hành nghị quyết, chỉ thị"},
    [INSP_AREA_QUY_CHE] = {"quy_che", "Quy chế làm việc"},
    [INSP_AREA_TAP_TRUNG_DAN_CHU] = {"tap_trung_dan_chu", "Nguyên tắc tập trung dân chủ"},
    [INSP_AREA_CAN_BO] = {"can_bo", "Công tác cán bộ"},
    [INSP_AREA_THAM_NHUNG] = {"tham_nhung", "Phòng, chống tham nhũng, lãng phí"},
    [INSP_AREA_TAI_CHINH] = {"tai_chinh", "Tài chính đảng"},
    [INSP_AREA_TAI_SAN] = {"tai_san", "Kê khai tài sản, thu nhập"},
    [INSP_AREA_DAO_DUC] = {"dao_duc", "Phẩm chất đạo đức, lối sống"},
    [INSP_AREA_KHAC] = {"khac", "Khác"},
};

static const struct core_name conclusions[INSP_CONCLUSION__MAX] = {
    [INSP_PENDING] = {"pending", "Chưa kết luận"},
    [INSP_NO_VIOLATION] = {"no_violation", "Không vi phạm"},
    [INSP_VIOLATION] = {"violation", "Có vi phạm, chưa đến mức kỷ luật"},
    [INSP_DISCIPLINE_DUE] = {"discipline_due", "Có vi phạm đến mức phải xem xét kỷ luật"},
};

static const struct core_name forms[PD__MAX] = {
    [PD_KHIEN_TRACH] = {"khien_trach", "Khiển trách"}, [PD_CANH_CAO] = {"canh_cao", "Cảnh cáo"},
    [PD_CACH_CHUC] = {"cach_chuc", "Cách chức"},       [PD_KHAI_TRU] = {"khai_tru", "Khai trừ"},
    [PD_GIAI_TAN] = {"giai_tan", "Giải tán"},
};

static const struct core_name appeals[APPEAL__MAX] = {
    [APPEAL_PENDING] = {"pending", "Đang giải quyết"},
    [APPEAL_KEPT] = {"kept", "Giữ nguyên hình thức kỷ luật"},
    [APPEAL_CHANGED] = {"changed", "Thay đổi hình thức kỷ luật"},
    [APPEAL_ANNULLED] = {"annulled", "Xóa bỏ quyết định kỷ luật"},
};

#define COUNT(t) CORE_NAMES_COUNT(t)

bool inspection_is_supervision(enum inspection_kind k)
{
    return k == INSP_GS_THUONG_XUYEN || k == INSP_GS_CHUYEN_DE;
}

const char *inspection_kind_name(enum inspection_kind k)
{
    return core_name_of(kinds, COUNT(kinds), k);
}
const char *inspection_kind_label(enum inspection_kind k)
{
    return core_label_of(kinds, COUNT(kinds), k);
}
const char *inspection_body_name(enum inspection_body b)
{
    return core_name_of(bodies, COUNT(bodies), b);
}
const char *inspection_body_label(enum inspection_body b)
{
    return core_label_of(bodies, COUNT(bodies), b);
}
const char *inspection_area_name(enum inspection_area a)
{
    return core_name_of(areas, COUNT(areas), a);
}
const char *inspection_area_label(enum inspection_area a)
{
    return core_label_of(areas, COUNT(areas), a);
}
const char *inspection_conclusion_name(enum inspection_conclusion c)
{
    return core_name_of(conclusions, COUNT(conclusions), c);
}
const char *inspection_conclusion_label(enum inspection_conclusion c)
{
    return core_label_of(conclusions, COUNT(conclusions), c);
}
const char *party_discipline_name(enum party_discipline f)
{
    return core_name_of(forms, COUNT(forms), f);
}
const char *party_discipline_label(enum party_discipline f)
{
    return core_label_of(forms, COUNT(forms), f);
}
const char *appeal_result_name(enum appeal_result r)
{
    return core_name_of(appeals, COUNT(appeals), r);
}
const char *appeal_result_label(enum appeal_result r)
{
    return core_label_of(appeals, COUNT(appeals), r);
}

enum tcxd_err inspection_kind_parse(const char *s, enum inspection_kind *out, struct tcxd_error *e)
{
    int i = core_name_find(s, s ? strlen(s) : 0, kinds, COUNT(kinds));
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "kind",
                         "invalid inspection kind '%s' (expected kt_thuong_xuyen, kt_dau_hieu, "
                         "kt_chuyen_de, kt_thi_hanh_ky_luat, gs_thuong_xuyen or gs_chuyen_de)",
                         s ? s : "");
    *out = (enum inspection_kind)i;
    return TCXD_OK;
}

enum tcxd_err inspection_body_parse(const char *s, enum inspection_body *out, struct tcxd_error *e)
{
    int i = core_name_find(s, s ? strlen(s) : 0, bodies, COUNT(bodies));
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "body",
                         "invalid body '%s' (expected cap_uy, ban_thuong_vu, ubkt, chi_bo or doan)",
                         s ? s : "");
    *out = (enum inspection_body)i;
    return TCXD_OK;
}

enum tcxd_err inspection_areas_parse(const char *s, unsigned *out, struct tcxd_error *e)
{
    *out = 0;
    for (const char *p = s ? s : ""; *p;) {
        while (*p == ' ')
            p++;
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        while (len && p[len - 1] == ' ')
            len--;
        int i = len ? core_name_find(p, len, areas, COUNT(areas)) : -1;
        if (i < 0)
            return tcxd_fail(e, TCXD_EINVAL, "areas", "invalid content area '%.*s'", (int)len, p);
        *out |= 1u << i;
        p = comma ? comma + 1 : p + strlen(p);
    }
    return TCXD_OK;
}

enum tcxd_err inspection_conclusion_parse(const char *s, enum inspection_conclusion *out,
                                          struct tcxd_error *e)
{
    int i = core_name_find(s, s ? strlen(s) : 0, conclusions, COUNT(conclusions));
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "conclusion",
                         "invalid conclusion '%s' (expected pending, no_violation, violation or "
                         "discipline_due)",
                         s ? s : "");
    *out = (enum inspection_conclusion)i;
    return TCXD_OK;
}

enum tcxd_err party_discipline_parse(const char *s, enum party_discipline *out,
                                     struct tcxd_error *e)
{
    int i = core_name_find(s, s ? strlen(s) : 0, forms, COUNT(forms));
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "form",
                         "invalid discipline form '%s' (expected khien_trach, canh_cao, cach_chuc, "
                         "khai_tru or giai_tan)",
                         s ? s : "");
    *out = (enum party_discipline)i;
    return TCXD_OK;
}

enum tcxd_err appeal_result_parse(const char *s, enum appeal_result *out, struct tcxd_error *e)
{
    int i = core_name_find(s, s ? strlen(s) : 0, appeals, COUNT(appeals));
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "result",
                         "invalid appeal result '%s' (expected pending, kept, changed or annulled)",
                         s ? s : "");
    *out = (enum appeal_result)i;
    return TCXD_OK;
}

enum tcxd_err inspection_dates_check(tcxd_date start, tcxd_date end, tcxd_date concluded_on,
                                     tcxd_date today, struct tcxd_error *e)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    date_format_vn(start, a);
    if (end != DATE_NONE && end < start) {
        date_format_vn(end, b);
        return tcxd_fail(e, TCXD_EINVAL, "end", "the inspection ends (%s) before it starts (%s)", b,
                         a);
    }
    if (concluded_on != DATE_NONE && concluded_on < start) {
        date_format_vn(concluded_on, b);
        return tcxd_fail(e, TCXD_EINVAL, "concluded_on",
                         "the conclusion (%s) is dated before the inspection started (%s)", b, a);
    }
    if (concluded_on != DATE_NONE && concluded_on > today) {
        date_format_vn(concluded_on, b);
        return tcxd_fail(e, TCXD_EINVAL, "concluded_on", "the conclusion date %s is in the future",
                         b);
    }
    return TCXD_OK;
}

enum tcxd_err discipline_form_check(enum discipline_subject subject, enum party_discipline form,
                                    struct tcxd_error *e)
{
    bool ok;
    switch (subject) {
    case DISC_ORG:
        ok = form == PD_KHIEN_TRACH || form == PD_CANH_CAO || form == PD_GIAI_TAN;
        break;
    case DISC_OFFICIAL_MEMBER:
        ok = form == PD_KHIEN_TRACH || form == PD_CANH_CAO || form == PD_CACH_CHUC ||
             form == PD_KHAI_TRU;
        break;
    case DISC_PROBATIONARY_MEMBER:
        ok = form == PD_KHIEN_TRACH || form == PD_CANH_CAO;
        break;
    default:
        ok = false;
    }
    if (ok)
        return TCXD_OK;
    static const char *const who[DISC_SUBJECT__MAX] = {
        [DISC_ORG] = "a party organization (khiển trách, cảnh cáo, giải tán)",
        [DISC_OFFICIAL_MEMBER] = "an official member (khiển trách, cảnh cáo, cách chức, khai trừ)",
        [DISC_PROBATIONARY_MEMBER] = "a probationary member (khiển trách, cảnh cáo)",
    };
    return tcxd_fail(e, TCXD_ERULE, "form", "%s is not a discipline form for %s",
                     party_discipline_label(form),
                     (unsigned)subject < DISC_SUBJECT__MAX ? MSG_T(who[subject]) : "?");
}

int discipline_limitation_years(enum party_discipline form)
{
    switch (form) {
    case PD_KHIEN_TRACH:
        return 5;
    case PD_CANH_CAO:
    case PD_CACH_CHUC:
        return 10;
    default:
        return 0;
    }
}

enum tcxd_err discipline_dates_check(enum party_discipline form, tcxd_date violation,
                                     tcxd_date decision, tcxd_date today, struct tcxd_error *e)
{
    char v[DATE_ISO_LEN], d[DATE_ISO_LEN];
    date_format_vn(violation, v);
    date_format_vn(decision, d);
    if (decision == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "decision_date", "field %s is required", "decision_date");
    if (decision > today)
        return tcxd_fail(e, TCXD_EINVAL, "decision_date", "the decision date %s is in the future",
                         d);
    if (violation == DATE_NONE)
        return TCXD_OK;
    if (decision < violation)
        return tcxd_fail(e, TCXD_EINVAL, "decision_date",
                         "the decision (%s) is dated before the violation (%s)", d, v);
    int years = discipline_limitation_years(form);
    if (years && decision > date_add_years(violation, years))
        return tcxd_fail(e, TCXD_ERULE, "violation_date",
                         "the limitation period of %d years for %s from the violation (%s) has "
                         "passed",
                         years, party_discipline_label(form), v);
    return TCXD_OK;
}

enum tcxd_err discipline_appeal_lodged_check(tcxd_date decided, tcxd_date announced,
                                             tcxd_date lodged, tcxd_date today,
                                             struct tcxd_error *e)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    date_format_vn(lodged, a);
    date_format_vn(decided, b);
    if (lodged == DATE_NONE || lodged < decided || lodged > today)
        return tcxd_fail(e, TCXD_EINVAL, "lodged_on",
                         "the appeal (%s) must be lodged after the decision (%s) and not in the "
                         "future",
                         a, b);
    tcxd_date from = announced != DATE_NONE ? announced : decided;
    if (lodged > date_add_months(from, 1)) {
        date_format_vn(from, b);
        return tcxd_fail(e, TCXD_ERULE, "lodged_on",
                         "the appeal (%s) is lodged more than one month after the decision was "
                         "announced (%s): it is not considered",
                         a, b);
    }
    return TCXD_OK;
}

tcxd_date discipline_expires(enum party_discipline form, tcxd_date announced)
{
    if (form == PD_KHAI_TRU || form == PD_GIAI_TAN || announced == DATE_NONE)
        return DATE_NONE;
    return date_add_months(announced, 12);
}

bool discipline_in_force(enum party_discipline form, tcxd_date decided, tcxd_date announced,
                         tcxd_date annulled, tcxd_date on)
{
    if (on < decided)
        return false;
    if (annulled != DATE_NONE && annulled <= on)
        return false;
    tcxd_date ends = discipline_expires(form, announced != DATE_NONE ? announced : decided);
    return ends == DATE_NONE || on < ends;
}

void inspection_sentence(const struct inspection_counts *c, struct buf *out)
{
    buf_adds(out, "kiểm tra đối với ");
    vnfmt_int(out, c->inspected_orgs);
    buf_adds(out, " tổ chức đảng, ");
    vnfmt_int(out, c->inspected_members);
    buf_adds(out, " đảng viên; giám sát đối với ");
    vnfmt_int(out, c->supervised_orgs);
    buf_adds(out, " tổ chức đảng, ");
    vnfmt_int(out, c->supervised_members);
    buf_adds(out, " đảng viên; thi hành kỷ luật ");
    vnfmt_int(out, c->disciplined_orgs);
    buf_adds(out, " tổ chức đảng và ");
    vnfmt_int(out, c->disciplined_members);
    buf_adds(out, " đảng viên");
}

int discipline_appointment_delay_months(enum party_discipline form)
{
    switch (form) {
    case PD_KHIEN_TRACH:
        return 24;
    case PD_CANH_CAO:
        return 36;
    case PD_CACH_CHUC:
        return 60;
    default:
        return -1;
    }
}

int discipline_badge_delay_months(enum party_discipline form)
{
    switch (form) {
    case PD_KHIEN_TRACH:
        return 0;
    case PD_CANH_CAO:
        return 6;
    case PD_CACH_CHUC:
        return 12;
    default:
        return -1;
    }
}

void discipline_effects_init(struct discipline_effects *out)
{
    out->in_force = false;
    out->appointment_from = DATE_NONE;
    out->badge_from = DATE_NONE;
}

static void later(tcxd_date *acc, tcxd_date d)
{
    if (d == DATE_NONE)
        return;
    if (*acc == DATE_NONE || d > *acc)
        *acc = d;
}

void discipline_effects_add(struct discipline_effects *out, enum party_discipline form,
                            tcxd_date decided, tcxd_date announced, tcxd_date annulled,
                            tcxd_date restarted, tcxd_date on)
{
    if (decided == DATE_NONE || decided > on || (annulled != DATE_NONE && annulled <= on))
        return;
    tcxd_date from = restarted != DATE_NONE   ? restarted
                     : announced != DATE_NONE ? announced
                                              : decided;
    if (discipline_in_force(form, decided, from, annulled, on))
        out->in_force = true;
    int am = discipline_appointment_delay_months(form), bm = discipline_badge_delay_months(form);
    if (am < 0 || bm < 0) {
        out->appointment_from = out->badge_from = DATE_OPEN_END;
        return;
    }
    if (out->appointment_from != DATE_OPEN_END)
        later(&out->appointment_from, date_add_months(decided, am));
    if (out->badge_from != DATE_OPEN_END && bm > 0)
        later(&out->badge_from, date_add_months(decided, bm));
}

enum tcxd_err inspection_plan_item_check(enum inspection_kind kind, int year, int month,
                                         int64_t orgs, int64_t members, struct tcxd_error *e)
{
    if ((unsigned)kind >= INSP_KIND__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "kind", "invalid inspection kind");
    if (kind == INSP_GS_THUONG_XUYEN)
        return tcxd_fail(e, TCXD_ERULE, "kind",
                         "a supervision by the plan is a giám sát chuyên đề, not thường xuyên");
    if (year < 1930 || year > 9998)
        return tcxd_fail(e, TCXD_EINVAL, "year", "invalid plan year %d", year);
    if (month < 0 || month > 12)
        return tcxd_fail(e, TCXD_EINVAL, "month", "invalid month %d (1..12, or 0 for the year)",
                         month);
    if (orgs < 0 || members < 0 || orgs > INSPECTION_PLAN_PLANNED_MAX ||
        members > INSPECTION_PLAN_PLANNED_MAX)
        return tcxd_fail(e, TCXD_EINVAL, "orgs",
                         "the planned numbers of organizations and members must be 0..%d",
                         INSPECTION_PLAN_PLANNED_MAX);
    if (!orgs && !members)
        return tcxd_fail(e, TCXD_EINVAL, "orgs",
                         "a plan item needs planned organizations or members");
    return TCXD_OK;
}

enum tcxd_err inspection_plan_match_check(enum inspection_kind item_kind, int item_year,
                                          enum inspection_kind kind, tcxd_date start,
                                          struct tcxd_error *e)
{
    if (item_kind != kind)
        return tcxd_fail(e, TCXD_ERULE, "plan_item_id", "the plan item is a %s, not a %s",
                         inspection_kind_label(item_kind), inspection_kind_label(kind));
    int y = date_to_ymd(start).y;
    if (y != item_year)
        return tcxd_fail(e, TCXD_ERULE, "plan_item_id",
                         "the plan item is of the plan for %d; the inspection starts in %d",
                         item_year, y);
    return TCXD_OK;
}

void inspection_plan_sentence(const struct inspection_plan_progress *p, int year, struct buf *out)
{
    buf_addf(out, "kế hoạch năm %d: ", year);
    vnfmt_int(out, p->planned_kt);
    buf_adds(out, " cuộc kiểm tra, ");
    vnfmt_int(out, p->planned_gs);
    buf_adds(out, " cuộc giám sát; đã thực hiện ");
    vnfmt_int(out, p->done_kt);
    buf_adds(out, "/");
    vnfmt_int(out, p->planned_kt);
    buf_adds(out, " cuộc kiểm tra, ");
    vnfmt_int(out, p->done_gs);
    buf_adds(out, "/");
    vnfmt_int(out, p->planned_gs);
    buf_adds(out, " cuộc giám sát; ngoài kế hoạch ");
    vnfmt_int(out, p->outside_kt);
    buf_adds(out, " cuộc kiểm tra, ");
    vnfmt_int(out, p->outside_gs);
    buf_adds(out, " cuộc giám sát");
}
