/*
 * program.c - programs, items, indicators and attendance: the rules of program.h.
 */
#include "core/program.h"

#include <string.h>

#include "core/names.h"
#include "util/msg.h"
#include "util/vnfmt.h"

static const struct core_name item_kinds[PITEM_KIND__MAX] = {
    [PITEM_DE_TAI] = {"de_tai", "Đề tài"},          [PITEM_DE_AN] = {"de_an", "Đề án"},
    [PITEM_CHUYEN_DE] = {"chuyen_de", "Chuyên đề"}, [PITEM_KE_HOACH] = {"ke_hoach", "Kế hoạch"},
    [PITEM_KHAC] = {"khac", "Nội dung khác"},
};

static const struct core_name statuses[PSTATUS__MAX] = {
    [PSTATUS_NOT_STARTED] = {"not_started", "Chưa triển khai"},
    [PSTATUS_IN_PROGRESS] = {"in_progress", "Đang triển khai"},
    [PSTATUS_DRAFT_SUBMITTED] = {"draft_submitted", "Đã hoàn thành dự thảo, đang trình"},
    [PSTATUS_DONE] = {"done", "Hoàn thành"},
};

static const struct core_name sources[IND__MAX] = {
    [IND_MANUAL] = {"manual", "Nhập tay"},
    [IND_ADMISSIONS] = {"admissions", "Số đảng viên kết nạp"},
    [IND_NEW_ORGS_NON_STATE] = {"new_orgs_non_state",
                                "Tổ chức cơ sở đảng thành lập mới trong doanh nghiệp ngoài khu vực "
                                "nhà nước"},
    [IND_NEW_ORGS] = {"new_orgs", "Tổ chức cơ sở đảng thành lập mới"},
    [IND_UNITS_WITHOUT_CHI_BO] = {"units_without_chi_bo", "Thôn, tổ dân phố chưa có chi bộ"},
    [IND_UNITS_WITHOUT_MEMBERS] = {"units_without_members", "Thôn, tổ dân phố chưa có đảng viên"},
};

static const struct core_name residential_kinds[RES_KIND__MAX] = {
    [RES_THON] = {"thon", "Thôn"},
    [RES_TO_DAN_PHO] = {"to_dan_pho", "Tổ dân phố"},
    [RES_BAN] = {"ban", "Bản"},
    [RES_AP] = {"ap", "Ấp"},
    [RES_KHU_PHO] = {"khu_pho", "Khu phố"},
    [RES_KHAC] = {"khac", "Khác"},
};

static const struct core_name units[INDICATOR_UNIT__MAX] = {
    [INDICATOR_COUNT] = {"count", "Số lượng"},
    [INDICATOR_PERMILLE] = {"permille", "Tỷ lệ (phần nghìn)"},
};

static const struct core_name meeting_kinds[MEETING_KIND__MAX] = {
    [MEETING_REGULAR] = {"regular", "Sinh hoạt thường kỳ"},
    [MEETING_THEMATIC] = {"thematic", "Sinh hoạt chuyên đề"},
};

static const struct core_name attend_results[ATTEND__MAX] = {
    [ATTEND_NOT_DUE] = {"not_due", "Chưa đến hạn"},
    [ATTEND_MET] = {"met", "Đã dự"},
    [ATTEND_MISSED] = {"missed", "Chưa dự"},
};

#define COUNT(t) CORE_NAMES_COUNT(t)

const char *program_item_kind_name(enum program_item_kind k)
{
    return core_name_of(item_kinds, COUNT(item_kinds), k);
}
const char *program_item_kind_label(enum program_item_kind k)
{
    return core_label_of(item_kinds, COUNT(item_kinds), k);
}
const char *program_status_name(enum program_status s)
{
    return core_name_of(statuses, COUNT(statuses), s);
}
const char *program_status_label(enum program_status s)
{
    return core_label_of(statuses, COUNT(statuses), s);
}
const char *indicator_source_name(enum indicator_source s)
{
    return core_name_of(sources, COUNT(sources), s);
}
const char *indicator_source_label(enum indicator_source s)
{
    return core_label_of(sources, COUNT(sources), s);
}
const char *indicator_unit_name(enum indicator_unit u)
{
    return core_name_of(units, COUNT(units), u);
}
const char *residential_kind_name(enum residential_kind k)
{
    return core_name_of(residential_kinds, COUNT(residential_kinds), k);
}
const char *residential_kind_label(enum residential_kind k)
{
    return core_label_of(residential_kinds, COUNT(residential_kinds), k);
}

enum tcxd_err residential_kind_parse(const char *s, enum residential_kind *out,
                                     struct tcxd_error *e)
{
    int i = core_name_find(s, s ? strlen(s) : 0, residential_kinds, COUNT(residential_kinds));
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "kind",
                         "invalid residential unit kind '%s' (expected thon, to_dan_pho, ban, ap, "
                         "khu_pho or khac)",
                         s ? s : "");
    *out = (enum residential_kind)i;
    return TCXD_OK;
}

const char *meeting_kind_name(enum meeting_kind k)
{
    return core_name_of(meeting_kinds, COUNT(meeting_kinds), k);
}
const char *meeting_kind_label(enum meeting_kind k)
{
    return core_label_of(meeting_kinds, COUNT(meeting_kinds), k);
}
const char *attendance_result_name(enum attendance_result r)
{
    return core_name_of(attend_results, COUNT(attend_results), r);
}
const char *attendance_result_label(enum attendance_result r)
{
    return core_label_of(attend_results, COUNT(attend_results), r);
}

enum tcxd_err program_item_kind_parse(const char *s, enum program_item_kind *out,
                                      struct tcxd_error *e)
{
    int i = core_name_find(s, s ? strlen(s) : 0, item_kinds, COUNT(item_kinds));
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "kind",
                         "invalid item kind '%s' (expected de_tai, de_an, chuyen_de, ke_hoach or "
                         "khac)",
                         s ? s : "");
    *out = (enum program_item_kind)i;
    return TCXD_OK;
}

enum tcxd_err program_status_parse(const char *s, enum program_status *out, struct tcxd_error *e)
{
    int i = core_name_find(s, s ? strlen(s) : 0, statuses, COUNT(statuses));
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "status",
                         "invalid status '%s' (expected not_started, in_progress, "
                         "draft_submitted or done)",
                         s ? s : "");
    *out = (enum program_status)i;
    return TCXD_OK;
}

enum tcxd_err indicator_source_parse(const char *s, enum indicator_source *out,
                                     struct tcxd_error *e)
{
    int i = core_name_find(s, s ? strlen(s) : 0, sources, COUNT(sources));
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "source",
                         "invalid indicator source '%s' (expected manual, admissions, "
                         "new_orgs_non_state, new_orgs, units_without_chi_bo or "
                         "units_without_members)",
                         s ? s : "");
    *out = (enum indicator_source)i;
    return TCXD_OK;
}

enum tcxd_err indicator_unit_parse(const char *s, enum indicator_unit *out, struct tcxd_error *e)
{
    int i = core_name_find(s, s ? strlen(s) : 0, units, COUNT(units));
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "unit",
                         "invalid indicator unit '%s' (expected count or permille)", s ? s : "");
    *out = (enum indicator_unit)i;
    return TCXD_OK;
}

enum tcxd_err meeting_kind_parse(const char *s, enum meeting_kind *out, struct tcxd_error *e)
{
    int i = core_name_find(s, s ? strlen(s) : 0, meeting_kinds, COUNT(meeting_kinds));
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "kind",
                         "invalid meeting kind '%s' (expected regular or thematic)", s ? s : "");
    *out = (enum meeting_kind)i;
    return TCXD_OK;
}

/* ---- items ---- */

enum program_status program_status_on(const struct program_status_change *h, size_t n, tcxd_date on)
{
    enum program_status s = PSTATUS_NOT_STARTED;
    for (size_t i = 0; i < n && h[i].date <= on; i++)
        s = h[i].status;
    return s;
}

bool program_item_overdue(tcxd_date deadline, enum program_status status_on, tcxd_date on)
{
    return status_on != PSTATUS_DONE && deadline != DATE_NONE && on > deadline;
}

enum tcxd_err program_item_check(tcxd_date start, tcxd_date deadline, struct tcxd_error *e)
{
    if (deadline < start) {
        char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
        date_format_vn(deadline, a);
        date_format_vn(start, b);
        return tcxd_fail(e, TCXD_EINVAL, "deadline", "deadline %s is before the start %s", a, b);
    }
    return TCXD_OK;
}

enum tcxd_err program_status_change_check(tcxd_date start, const struct program_status_change *h,
                                          size_t n, struct program_status_change next,
                                          tcxd_date today, struct tcxd_error *e)
{
    char d[DATE_ISO_LEN], o[DATE_ISO_LEN];
    date_format_vn(next.date, d);
    if ((unsigned)next.status >= PSTATUS__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "status", "invalid status");
    if (next.date < start) {
        date_format_vn(start, o);
        return tcxd_fail(e, TCXD_EINVAL, "date", "status date %s is before the item's start %s", d,
                         o);
    }
    if (next.date > today)
        return tcxd_fail(e, TCXD_EINVAL, "date", "status date %s is in the future", d);
    if (n && next.date <= h[n - 1].date) {
        date_format_vn(h[n - 1].date, o);
        return tcxd_fail(e, TCXD_ERULE, "date", "status date %s is not after the last change (%s)",
                         d, o);
    }
    enum program_status now = program_status_on(h, n, next.date);
    if (now == next.status)
        return tcxd_fail(e, TCXD_ERULE, "status", "the item already has status '%s'",
                         program_status_name(now));
    return TCXD_OK;
}

void program_progress_add(struct program_progress *p, enum program_status status_on,
                          tcxd_date deadline, tcxd_date on, int soon_days)
{
    p->items++;
    if ((unsigned)status_on < PSTATUS__MAX)
        p->by_status[status_on]++;
    if (program_item_overdue(deadline, status_on, on))
        p->overdue++;
    else if (status_on != PSTATUS_DONE && deadline != DATE_NONE && deadline - on <= soon_days)
        p->due_soon++;
}

/* Counts as the reports write them: two digits under 10 ("05"), else Vietnamese thousands. */
static void report_count(struct buf *b, int64_t n)
{
    if (n >= 0 && n < 10)
        buf_addf(b, "%02lld", (long long)n);
    else
        vnfmt_int(b, n);
}

void program_progress_sentence(const struct program_progress *p, struct buf *out)
{
    buf_adds(out, "Giao cho ");
    report_count(out, p->agencies);
    buf_adds(out, " cơ quan, đơn vị chủ trì triển khai thực hiện ");
    report_count(out, p->items);
    buf_adds(out, " đề tài, đề án, chuyên đề, kế hoạch. Đến nay, ");
    if (p->by_status[PSTATUS_DONE]) {
        buf_adds(out, "có ");
        report_count(out, p->by_status[PSTATUS_DONE]);
        buf_adds(out, " nội dung hoàn thành");
    } else {
        buf_adds(out, "chưa có nội dung hoàn thành");
    }
    if (p->by_status[PSTATUS_DRAFT_SUBMITTED]) {
        buf_adds(out, "; ");
        report_count(out, p->by_status[PSTATUS_DRAFT_SUBMITTED]);
        buf_adds(out, " nội dung đã hoàn thành dự thảo, đang trình cấp có thẩm quyền xem xét "
                      "phê duyệt");
    }
    buf_adds(out, ".");
    if (p->by_status[PSTATUS_IN_PROGRESS]) {
        buf_adds(out, " Còn lại ");
        report_count(out, p->by_status[PSTATUS_IN_PROGRESS]);
        buf_adds(out, " nội dung đang được các cơ quan chủ trì triển khai thực hiện");
        if (p->by_status[PSTATUS_NOT_STARTED]) {
            buf_adds(out, "; ");
            report_count(out, p->by_status[PSTATUS_NOT_STARTED]);
            buf_adds(out, " nội dung chưa triển khai");
        }
        buf_adds(out, ".");
    } else if (p->by_status[PSTATUS_NOT_STARTED]) {
        buf_adds(out, " Còn lại ");
        report_count(out, p->by_status[PSTATUS_NOT_STARTED]);
        buf_adds(out, " nội dung chưa triển khai.");
    }
    if (p->overdue) {
        buf_adds(out, " Có ");
        report_count(out, p->overdue);
        buf_adds(out, " nội dung quá hạn.");
    }
}

void program_progress_summary(const struct program_progress *p, struct buf *out)
{
    report_count(out, p->items);
    buf_adds(out, " nội dung, ");
    report_count(out, p->agencies);
    buf_adds(out, " cơ quan: ");
    report_count(out, p->by_status[PSTATUS_DONE]);
    buf_adds(out, " hoàn thành; ");
    report_count(out, p->by_status[PSTATUS_DRAFT_SUBMITTED]);
    buf_adds(out, " đã có dự thảo trình; ");
    report_count(out, p->by_status[PSTATUS_IN_PROGRESS]);
    buf_adds(out, " đang triển khai");
    if (p->by_status[PSTATUS_NOT_STARTED]) {
        buf_adds(out, "; ");
        report_count(out, p->by_status[PSTATUS_NOT_STARTED]);
        buf_adds(out, " chưa triển khai");
    }
    if (p->overdue) {
        buf_adds(out, "; ");
        report_count(out, p->overdue);
        buf_adds(out, " quá hạn");
    }
}

/* ---- indicators ---- */

int64_t indicator_permille(int64_t actual, int64_t target)
{
    if (target <= 0)
        return -1;
    return (actual * 2000 + target) / (2 * target);
}

/* A value in its unit: "5.030" or "82,5%". */
static void indicator_value(struct buf *b, enum indicator_unit u, int64_t v)
{
    if (u == INDICATOR_PERMILLE) {
        vnfmt_double(b, (double)v / 10.0, 1);
        buf_addch(b, '%');
    } else {
        vnfmt_int(b, v);
    }
}

/* tenths of a percent as "82,4%" */
static void permille_text(struct buf *b, int64_t pm)
{
    vnfmt_int(b, pm / 10);
    buf_addf(b, ",%d%%", (int)(pm % 10));
}

void indicator_sentence(const struct indicator_progress *p, int same_year, struct buf *out)
{
    if (!p->has_actual) {
        buf_adds(out, "chưa có số liệu");
        return;
    }
    bool plan = p->has_target && p->target > 0;
    if (plan && p->unit == INDICATOR_COUNT) {
        vnfmt_int(out, p->actual);
        buf_addch(out, '/');
        vnfmt_int(out, p->target);
    } else {
        indicator_value(out, p->unit, p->actual);
    }
    if (plan) {
        buf_adds(out, ", đạt ");
        permille_text(out, indicator_permille(p->actual, p->target));
        buf_adds(out, " kế hoạch");
        if (p->unit == INDICATOR_PERMILLE) {
            buf_adds(out, " (chỉ tiêu ");
            indicator_value(out, p->unit, p->target);
            buf_addch(out, ')');
        }
    }
    if (p->has_same_period && p->same_period > 0) {
        buf_adds(out, plan ? "; bằng " : ", bằng ");
        permille_text(out, indicator_permille(p->actual, p->same_period));
        buf_adds(out, " so với cùng kỳ");
        if (same_year > 0)
            buf_addf(out, " năm %d", same_year);
    } else if (p->has_same_period) {
        buf_adds(out, plan ? "; cùng kỳ " : ", cùng kỳ ");
        if (same_year > 0)
            buf_addf(out, "năm %d ", same_year);
        buf_adds(out, "không có");
    }
}

/* ---- attendance ---- */

void program_quarter_bounds(int y, int q, tcxd_date *from, tcxd_date *to)
{
    *from = date_from_ymd(y, 3 * (q - 1) + 1, 1);
    *to = q == 4 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, 3 * q + 1, 1);
}

enum attendance_result attendance_check(const struct attendance_assignment *a,
                                        const struct attendance_visit *v, size_t nv,
                                        tcxd_date qfrom, tcxd_date qto, int *visits)
{
    int n = 0;
    for (size_t i = 0; i < nv; i++)
        if (v[i].member_id == a->member_id && v[i].org_id == a->org_id && v[i].date >= qfrom &&
            v[i].date < qto && v[i].date >= a->from && v[i].date < a->to)
            n++;
    if (visits)
        *visits = n;
    if (n)
        return ATTEND_MET;
    if (a->from > qfrom || a->to < qto)
        return ATTEND_NOT_DUE;
    return ATTEND_MISSED;
}
