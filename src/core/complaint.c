/*
 * complaint.c - the rules of complaint.h.
 */
#include "core/complaint.h"

#include <stdio.h>
#include <string.h>

#include "core/names.h"
#include "util/buf.h"
#include "util/vnfmt.h"

static const struct core_name kinds[CPL_KIND__MAX] = {
    [CPL_KHIEU_NAI] = {"khieu_nai", "Khiếu nại"},
    [CPL_TO_CAO] = {"to_cao", "Tố cáo"},
    [CPL_PHAN_ANH] = {"phan_anh", "Phản ánh, kiến nghị"},
};

static const struct core_name channels[CPL_CHANNEL__MAX] = {
    [CPL_CH_TRUC_TIEP] = {"truc_tiep", "Nộp trực tiếp"},
    [CPL_CH_BUU_DIEN] = {"buu_dien", "Qua bưu điện"},
    [CPL_CH_DIEN_TU] = {"dien_tu", "Thư điện tử, cổng thông tin"},
    [CPL_CH_CHUYEN_DEN] = {"chuyen_den", "Cơ quan khác chuyển đến"},
};

static const struct core_name levels[CPL_LEVEL__MAX] = {
    [CPL_LEVEL_CO_SO] = {"co_so", "Cấp cơ sở"},
    [CPL_LEVEL_HUYEN] = {"huyen", "Cấp huyện và tương đương"},
    [CPL_LEVEL_TINH] = {"tinh", "Cấp tỉnh và tương đương"},
    [CPL_LEVEL_TRUNG_UONG] = {"trung_uong", "Trung ương"},
};

static const struct core_name classes[CPL_CLASS__MAX] = {
    [CPL_UNCLASSIFIED] = {"unclassified", "Chưa phân loại"},
    [CPL_ACCEPTED] = {"accepted", "Thụ lý giải quyết"},
    [CPL_FORWARDED] = {"forwarded", "Chuyển cơ quan có thẩm quyền"},
    [CPL_FILED] = {"filed", "Lưu đơn"},
};

static const struct core_name results[CPL_RESULT__MAX] = {
    [CPL_RESULT_PENDING] = {"pending", "Chưa có kết quả"},
    [CPL_RESULT_DUNG] = {"dung", "Đúng"},
    [CPL_RESULT_MOT_PHAN] = {"mot_phan", "Đúng một phần"},
    [CPL_RESULT_SAI] = {"sai", "Sai"},
};

static const struct core_name statuses[CPL_STATUS__MAX] = {
    [CPL_ST_RECEIVED] = {"received", "Đã tiếp nhận"},
    [CPL_ST_FORWARDED] = {"forwarded", "Đã chuyển"},
    [CPL_ST_FILED] = {"filed", "Đã lưu"},
    [CPL_ST_ACCEPTED] = {"accepted", "Đang giải quyết"},
    [CPL_ST_RESOLVED] = {"resolved", "Đã có kết quả"},
    [CPL_ST_NOTIFIED] = {"notified", "Đã thông báo kết quả"},
};

#define COUNT(t) CORE_NAMES_COUNT(t)
#define NAME_FNS(fn, type, table)                                                                  \
    const char *fn##_name(type v)                                                                  \
    {                                                                                              \
        return core_name_of(table, COUNT(table), v);                                               \
    }                                                                                              \
    const char *fn##_label(type v)                                                                 \
    {                                                                                              \
        return core_label_of(table, COUNT(table), v);                                              \
    }

NAME_FNS(complaint_kind, enum complaint_kind, kinds)
NAME_FNS(complaint_channel, enum complaint_channel, channels)
NAME_FNS(complaint_level, enum complaint_level, levels)
NAME_FNS(complaint_class, enum complaint_class, classes)
NAME_FNS(complaint_result, enum complaint_result, results)
NAME_FNS(complaint_status, enum complaint_status, statuses)

static enum tcxd_err parse(const char *s, const struct core_name *t, size_t n, const char *field,
                           const char *what, int *out, struct tcxd_error *e)
{
    int i = core_name_find(s, s ? strlen(s) : 0, t, n);
    if (i < 0) {
        char list[256] = "";
        size_t len = 0;
        for (size_t k = 0; k < n && len + 40 < sizeof(list); k++)
            len +=
                (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", k ? ", " : "", t[k].name);
        (void)what;
        return tcxd_fail(e, TCXD_EINVAL, field, "invalid value '%s' for field %s (%s)", s ? s : "",
                         field, list);
    }
    *out = i;
    return TCXD_OK;
}

#define PARSE_FN(fn, type, table, field, what)                                                     \
    enum tcxd_err fn##_parse(const char *s, type *out, struct tcxd_error *e)                       \
    {                                                                                              \
        int i;                                                                                     \
        enum tcxd_err rc = parse(s, table, COUNT(table), field, what, &i, e);                      \
        if (!rc)                                                                                   \
            *out = (type)i;                                                                        \
        return rc;                                                                                 \
    }

PARSE_FN(complaint_kind, enum complaint_kind, kinds, "kind", "kind of letter")
PARSE_FN(complaint_channel, enum complaint_channel, channels, "channel", "channel")
PARSE_FN(complaint_level, enum complaint_level, levels, "level", "level")
PARSE_FN(complaint_class, enum complaint_class, classes, "classification", "classification")
PARSE_FN(complaint_result, enum complaint_result, results, "result", "result")

int complaint_deadline_days(enum complaint_kind k, enum complaint_level l)
{
    switch (k) {
    case CPL_TO_CAO:
        return l == CPL_LEVEL_TRUNG_UONG ? 180 : 90;
    case CPL_KHIEU_NAI:
        return l == CPL_LEVEL_CO_SO ? 30 : l == CPL_LEVEL_HUYEN ? 60 : 90;
    default:
        return 30;
    }
}

tcxd_date complaint_deadline(enum complaint_kind k, enum complaint_level l, tcxd_date accepted,
                             int extension_days)
{
    if (accepted == DATE_NONE)
        return DATE_NONE;
    return date_add_working_days(accepted, complaint_deadline_days(k, l) + extension_days);
}

/* A step's date: given, not in the future, not before the step it follows (`after`). */
static enum tcxd_err date_in(tcxd_date on, tcxd_date after, tcxd_date today, const char *field,
                             struct tcxd_error *e)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    if (on == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, field, "field %s is required", field);
    date_format_vn(on, a);
    if (on > today)
        return tcxd_fail(e, TCXD_EINVAL, field, "the date %s is in the future", a);
    if (after != DATE_NONE && on < after) {
        date_format_vn(after, b);
        return tcxd_fail(e, TCXD_EINVAL, field,
                         "the date %s is before the letter's previous step (%s)", a, b);
    }
    return TCXD_OK;
}

enum tcxd_err complaint_classify_check(const struct complaint_state *s, enum complaint_class c,
                                       tcxd_date on, tcxd_date today, struct tcxd_error *e)
{
    if ((unsigned)c >= CPL_CLASS__MAX || c == CPL_UNCLASSIFIED)
        return tcxd_fail(e, TCXD_EINVAL, "classification",
                         "the classification must be accepted, forwarded or filed");
    if (s->cls != CPL_UNCLASSIFIED)
        return tcxd_fail(e, TCXD_ERULE, "classification", "the letter is already classified (%s)",
                         complaint_class_name(s->cls));
    enum tcxd_err rc = date_in(on, s->received, today, "date", e);
    if (rc)
        return rc;
    if (c != CPL_ACCEPTED)
        return TCXD_OK;
    if (s->kind == CPL_TO_CAO && !s->named)
        return tcxd_fail(e, TCXD_ERULE, "classification",
                         "an anonymous denunciation (no name of the denouncer) is not resolved: "
                         "file it");
    if (s->kind == CPL_KHIEU_NAI && s->discipline_notice != DATE_NONE &&
        s->received > date_add_months(s->discipline_notice, 1)) {
        char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
        date_format_vn(s->received, a);
        date_format_vn(s->discipline_notice, b);
        return tcxd_fail(e, TCXD_ERULE, "classification",
                         "the complaint (received %s) came more than one month after the "
                         "discipline decision was announced (%s): file it",
                         a, b);
    }
    return TCXD_OK;
}

tcxd_date complaint_due(const struct complaint_state *s)
{
    if (s->cls != CPL_ACCEPTED)
        return DATE_NONE;
    return complaint_deadline(s->kind, s->level, s->classified, s->extension_days);
}

enum tcxd_err complaint_extend_check(const struct complaint_state *s, int days, tcxd_date on,
                                     tcxd_date today, struct tcxd_error *e)
{
    if (s->cls != CPL_ACCEPTED || s->result != CPL_RESULT_PENDING)
        return tcxd_fail(e, TCXD_ERULE, "days",
                         "only an accepted letter that is not resolved can be extended");
    if (s->extension_days)
        return tcxd_fail(e, TCXD_ERULE, "days", "the deadline was already extended once");
    if (days < 1 || days > CPL_EXTENSION_MAX_DAYS)
        return tcxd_fail(e, TCXD_EINVAL, "days", "an extension is 1 to %d working days",
                         CPL_EXTENSION_MAX_DAYS);
    enum tcxd_err rc = date_in(on, s->classified, today, "date", e);
    if (rc)
        return rc;
    tcxd_date due = complaint_due(s);
    if (on > due) {
        char a[DATE_ISO_LEN];
        date_format_vn(due, a);
        return tcxd_fail(e, TCXD_ERULE, "date",
                         "the deadline (%s) has passed: an extension is decided before it", a);
    }
    return TCXD_OK;
}

enum tcxd_err complaint_resolve_check(const struct complaint_state *s, enum complaint_result r,
                                      tcxd_date on, tcxd_date today, struct tcxd_error *e)
{
    if ((unsigned)r >= CPL_RESULT__MAX || r == CPL_RESULT_PENDING)
        return tcxd_fail(e, TCXD_EINVAL, "result", "the result must be dung, mot_phan or sai");
    if (s->cls != CPL_ACCEPTED)
        return tcxd_fail(e, TCXD_ERULE, "result", "only an accepted letter is resolved");
    if (s->result != CPL_RESULT_PENDING)
        return tcxd_fail(e, TCXD_ERULE, "result", "the letter is already resolved");
    return date_in(on, s->classified, today, "date", e);
}

enum tcxd_err complaint_notify_check(const struct complaint_state *s, tcxd_date on, tcxd_date today,
                                     struct tcxd_error *e)
{
    if (s->result == CPL_RESULT_PENDING)
        return tcxd_fail(e, TCXD_ERULE, "date", "the letter has no result to notify yet");
    if (s->notified != DATE_NONE)
        return tcxd_fail(e, TCXD_ERULE, "date", "the result was already notified");
    return date_in(on, s->resolved, today, "date", e);
}

enum complaint_status complaint_status_of(const struct complaint_state *s)
{
    switch (s->cls) {
    case CPL_FORWARDED:
        return CPL_ST_FORWARDED;
    case CPL_FILED:
        return CPL_ST_FILED;
    case CPL_ACCEPTED:
        return s->notified != DATE_NONE          ? CPL_ST_NOTIFIED
               : s->result != CPL_RESULT_PENDING ? CPL_ST_RESOLVED
                                                 : CPL_ST_ACCEPTED;
    default:
        return CPL_ST_RECEIVED;
    }
}

bool complaint_overdue(const struct complaint_state *s, tcxd_date on)
{
    if (s->cls != CPL_ACCEPTED || s->classified > on)
        return false;
    if (s->result != CPL_RESULT_PENDING && s->resolved <= on)
        return false;
    return on > complaint_due(s);
}

void complaint_sentence(const struct complaint_counts *c, struct buf *out)
{
    buf_adds(out, "tiếp nhận ");
    vnfmt_int(out, c->received);
    buf_adds(out, " đơn thư (");
    vnfmt_int(out, c->by_kind[CPL_KHIEU_NAI]);
    buf_adds(out, " khiếu nại, ");
    vnfmt_int(out, c->by_kind[CPL_TO_CAO]);
    buf_adds(out, " tố cáo, ");
    vnfmt_int(out, c->by_kind[CPL_PHAN_ANH]);
    buf_adds(out, " phản ánh); đã giải quyết ");
    vnfmt_int(out, c->resolved);
    buf_adds(out, " đơn (");
    vnfmt_int(out, c->resolved_late);
    buf_adds(out, " quá hạn); còn ");
    vnfmt_int(out, c->overdue);
    buf_adds(out, " đơn quá hạn");
}
