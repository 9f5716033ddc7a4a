/*
 * complaint.h - complaints, denunciations and reports to the party (đơn thư khiếu nại, tố cáo,
 * phản ánh): kinds, intake classification, the statutory deadlines and their extension, the
 * result and its notice. Pure rules: no I/O, no SQL. Sources and what is UNCONFIRMED:
 * docs/inspection.md "Complaints and denunciations".
 *
 * A letter is received (received_on) by a handling organization's body, about a member or an
 * organization (required for khiếu nại and tố cáo), and is then classified once:
 *   - accepted (thụ lý): it is the body's to resolve; the deadline starts on the day accepted;
 *   - forwarded (chuyển): it belongs to another body;
 *   - filed (lưu): not to be resolved — an anonymous, false-named or addressless denunciation,
 *     a repeat without new facts, a complaint against discipline lodged more than one month
 *     after the decision (Điều lệ Đảng, Điều 39 khoản 7).
 * Accepting is refused (field "classification") for a denunciation without the denouncer's
 * name, and for a complaint about a discipline decision received more than one month after the
 * decision was announced.
 *
 * Deadlines, in working days (util/date.h: Monday to Friday without public holidays) from the
 * day accepted: tố cáo 90 (180 when the handling level is the Centre); khiếu nại 30 at the base
 * level, 60 at the district level, 90 at the provincial level and above (UNCONFIRMED); phản ánh
 * 30 (UNCONFIRMED: local practice). One extension of at most 30 working days, decided before
 * the deadline passes; the complainant must then be told (the notice is recorded with the
 * result). A letter is overdue on a day after its deadline while it is accepted and not
 * resolved. The result (đúng, đúng một phần, sai) is dated on or after the day accepted; its
 * notice (thông báo kết quả) on or after the result.
 *
 * The complainant's identity (name, address, contact) is kept apart from the letter: see
 * store/store_complaint.h for who may read it.
 */
#ifndef TCXD_CORE_COMPLAINT_H
#define TCXD_CORE_COMPLAINT_H

#include <stdbool.h>
#include <stdint.h>

#include "util/date.h"
#include "util/err.h"

enum complaint_kind {
    CPL_KHIEU_NAI, /* khiếu nại (against a decision, e.g. a discipline) */
    CPL_TO_CAO,    /* tố cáo (a denunciation of a member or organization) */
    CPL_PHAN_ANH,  /* phản ánh, kiến nghị */
    CPL_KIND__MAX
};

enum complaint_channel {
    CPL_CH_TRUC_TIEP,  /* nộp trực tiếp, tiếp dân */
    CPL_CH_BUU_DIEN,   /* qua bưu điện */
    CPL_CH_DIEN_TU,    /* thư điện tử, cổng thông tin */
    CPL_CH_CHUYEN_DEN, /* cơ quan khác chuyển đến */
    CPL_CHANNEL__MAX
};

/* The level of the handling body (it sets the deadline of a khiếu nại and a tố cáo). */
enum complaint_level {
    CPL_LEVEL_CO_SO,      /* cấp cơ sở */
    CPL_LEVEL_HUYEN,      /* cấp huyện và tương đương */
    CPL_LEVEL_TINH,       /* cấp tỉnh và tương đương */
    CPL_LEVEL_TRUNG_UONG, /* Trung ương */
    CPL_LEVEL__MAX
};

enum complaint_class {
    CPL_UNCLASSIFIED, /* chưa phân loại */
    CPL_ACCEPTED,     /* thụ lý giải quyết */
    CPL_FORWARDED,    /* chuyển cơ quan có thẩm quyền */
    CPL_FILED,        /* lưu đơn, không giải quyết */
    CPL_CLASS__MAX
};

enum complaint_result {
    CPL_RESULT_PENDING,  /* chưa có kết quả */
    CPL_RESULT_DUNG,     /* đúng */
    CPL_RESULT_MOT_PHAN, /* đúng một phần */
    CPL_RESULT_SAI,      /* sai */
    CPL_RESULT__MAX
};

/* Where a letter stands (derived). */
enum complaint_status {
    CPL_ST_RECEIVED,  /* đã tiếp nhận, chưa phân loại */
    CPL_ST_FORWARDED, /* đã chuyển */
    CPL_ST_FILED,     /* đã lưu */
    CPL_ST_ACCEPTED,  /* đang giải quyết */
    CPL_ST_RESOLVED,  /* đã có kết quả, chưa thông báo */
    CPL_ST_NOTIFIED,  /* đã thông báo kết quả */
    CPL_STATUS__MAX
};

enum { CPL_EXTENSION_MAX_DAYS = 30 };

const char *complaint_kind_name(enum complaint_kind k);
const char *complaint_kind_label(enum complaint_kind k);
const char *complaint_channel_name(enum complaint_channel c);
const char *complaint_channel_label(enum complaint_channel c);
const char *complaint_level_name(enum complaint_level l);
const char *complaint_level_label(enum complaint_level l);
const char *complaint_class_name(enum complaint_class c);
const char *complaint_class_label(enum complaint_class c);
const char *complaint_result_name(enum complaint_result r);
const char *complaint_result_label(enum complaint_result r);
const char *complaint_status_name(enum complaint_status s);
const char *complaint_status_label(enum complaint_status s);

/* Names or Vietnamese labels (fields "kind", "channel", "level", "classification", "result"). */
enum tcxd_err complaint_kind_parse(const char *s, enum complaint_kind *out,
                                   struct tcxd_error *e) TCXD_WUR;
enum tcxd_err complaint_channel_parse(const char *s, enum complaint_channel *out,
                                      struct tcxd_error *e) TCXD_WUR;
enum tcxd_err complaint_level_parse(const char *s, enum complaint_level *out,
                                    struct tcxd_error *e) TCXD_WUR;
enum tcxd_err complaint_class_parse(const char *s, enum complaint_class *out,
                                    struct tcxd_error *e) TCXD_WUR;
enum tcxd_err complaint_result_parse(const char *s, enum complaint_result *out,
                                     struct tcxd_error *e) TCXD_WUR;

/* Working days to resolve a letter of this kind at this level. */
int complaint_deadline_days(enum complaint_kind k, enum complaint_level l);
/* The last day to resolve: accepted + the days (+ extension_days). */
tcxd_date complaint_deadline(enum complaint_kind k, enum complaint_level l, tcxd_date accepted,
                             int extension_days);

/* What a letter carries for the rules below. */
struct complaint_state {
    enum complaint_kind kind;
    enum complaint_level level;
    tcxd_date received;
    bool named;                  /* the complainant's name was given */
    tcxd_date discipline_notice; /* a khiếu nại against a discipline: its announcement, else
                                    DATE_NONE */
    enum complaint_class cls;
    tcxd_date classified; /* DATE_NONE while unclassified */
    int extension_days;   /* 0: none */
    tcxd_date extended_on;
    enum complaint_result result;
    tcxd_date resolved, notified;
};

/* Classifying on `on` (once; received <= on <= today): fields "classification", "date". */
enum tcxd_err complaint_classify_check(const struct complaint_state *s, enum complaint_class c,
                                       tcxd_date on, tcxd_date today,
                                       struct tcxd_error *e) TCXD_WUR;
/* An extension of `days` decided on `on` (fields "days", "date"). */
enum tcxd_err complaint_extend_check(const struct complaint_state *s, int days, tcxd_date on,
                                     tcxd_date today, struct tcxd_error *e) TCXD_WUR;
/* The result on `on` (fields "result", "date"). */
enum tcxd_err complaint_resolve_check(const struct complaint_state *s, enum complaint_result r,
                                      tcxd_date on, tcxd_date today, struct tcxd_error *e) TCXD_WUR;
/* The notice of the result on `on` (field "date"). */
enum tcxd_err complaint_notify_check(const struct complaint_state *s, tcxd_date on, tcxd_date today,
                                     struct tcxd_error *e) TCXD_WUR;

enum complaint_status complaint_status_of(const struct complaint_state *s);
/* The deadline (DATE_NONE unless accepted). */
tcxd_date complaint_due(const struct complaint_state *s);
/* Accepted, not resolved on `on`, and past the deadline? */
bool complaint_overdue(const struct complaint_state *s, tcxd_date on);

/* A period over a subtree: letters received in it (by kind), accepted, forwarded and filed
   among them; resolved in it (whenever received), of which after their deadline; notified in
   it; overdue on its last day. */
struct complaint_counts {
    int64_t received, by_kind[CPL_KIND__MAX];
    int64_t accepted, forwarded, filed;
    int64_t resolved, resolved_late, notified;
    int64_t overdue;
};
/* "tiếp nhận 12 đơn thư (3 khiếu nại, 7 tố cáo, 2 phản ánh); đã giải quyết 9 đơn (1 quá hạn);
   còn 2 đơn quá hạn" (appended to out) */
struct buf;
void complaint_sentence(const struct complaint_counts *c, struct buf *out);

#endif
