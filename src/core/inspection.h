/*
 * inspection.h - inspection and supervision (kiểm tra, giám sát) and party discipline (kỷ luật
 * đảng) of members and organizations: kinds, bodies, content areas, conclusions, the discipline
 * forms each subject may receive, limitation periods, the 12-month expiry and appeals. Pure
 * rules: no I/O, no SQL. Sources and what is UNCONFIRMED: ../shared/domain.md §3.6.
 *
 * Inspections. An inspection (kiểm tra) is thường xuyên, khi có dấu hiệu vi phạm, chuyên đề or
 * of the execution of discipline (việc thi hành kỷ luật); a supervision (giám sát) is thường
 * xuyên or chuyên đề. Each is done by a body (cấp ủy, ban thường vụ, ủy ban kiểm tra, chi bộ, or
 * an inspection team — đoàn kiểm tra — set up by one of them) over subjects (organizations and
 * members), in content areas (a bit set), from a start to an end, with findings and a
 * conclusion. A conclusion is dated on or after the start.
 *
 * Discipline. The forms depend on the subject (Điều lệ Đảng; domain.md §3.6): an organization —
 * khiển trách, cảnh cáo, giải tán; an official member — khiển trách, cảnh cáo, cách chức, khai
 * trừ; a probationary member — khiển trách, cảnh cáo only. A decision is dated on or after the
 * violation and not after today. Limitation (thời hiệu, counted from the violation to the
 * decision): 5 years for khiển trách, 10 years for cảnh cáo and cách chức, none for khai trừ and
 * giải tán (UNCONFIRMED for the current text). A decision other than khai trừ and giải tán ceases
 * 12 months after it is announced (the announcement is the decision date unless given) when no
 * appeal, repetition or new violation intervenes; an appeal's result decision restarts the count.
 * While in force it blocks appointment and rotation (discipline_in_force()).
 *
 * Appeals (khiếu nại kỷ luật) are lodged after the decision; their result keeps, lowers, raises
 * or annuls the form (a raised or lowered form must itself be allowed for the subject).
 *
 * Ownership: plain values; sentence functions append to a caller-owned buf.
 */
#ifndef TCXD_CORE_INSPECTION_H
#define TCXD_CORE_INSPECTION_H

#include <stdbool.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"

enum inspection_kind {
    INSP_KT_THUONG_XUYEN,     /* kiểm tra thường xuyên */
    INSP_KT_DAU_HIEU,         /* kiểm tra khi có dấu hiệu vi phạm */
    INSP_KT_CHUYEN_DE,        /* kiểm tra chuyên đề */
    INSP_KT_THI_HANH_KY_LUAT, /* kiểm tra việc thi hành kỷ luật */
    INSP_GS_THUONG_XUYEN,     /* giám sát thường xuyên */
    INSP_GS_CHUYEN_DE,        /* giám sát chuyên đề */
    INSP_KIND__MAX
};
/* Is it a supervision (giám sát) rather than an inspection (kiểm tra)? */
bool inspection_is_supervision(enum inspection_kind k);

enum inspection_body {
    INSP_BODY_CAP_UY,        /* cấp ủy */
    INSP_BODY_BAN_THUONG_VU, /* ban thường vụ */
    INSP_BODY_UBKT,          /* ủy ban kiểm tra */
    INSP_BODY_CHI_BO,        /* chi bộ */
    INSP_BODY_DOAN,          /* đoàn kiểm tra, giám sát */
    INSP_BODY__MAX
};

/* Content areas, a bit set (1 << area). */
enum inspection_area {
    INSP_AREA_NGHI_QUYET,        /* chấp hành nghị quyết, chỉ thị */
    INSP_AREA_QUY_CHE,           /* quy chế làm việc */
    INSP_AREA_TAP_TRUNG_DAN_CHU, /* nguyên tắc tập trung dân chủ */
    INSP_AREA_CAN_BO,            /* công tác cán bộ */
    INSP_AREA_THAM_NHUNG,        /* phòng, chống tham nhũng, lãng phí */
    INSP_AREA_TAI_CHINH,         /* tài chính đảng */
    INSP_AREA_TAI_SAN,           /* kê khai tài sản, thu nhập */
    INSP_AREA_DAO_DUC,           /* phẩm chất đạo đức, lối sống */
    INSP_AREA_KHAC,              /* khác */
    INSP_AREA__MAX
};

enum inspection_conclusion {
    INSP_PENDING,        /* chưa kết luận */
    INSP_NO_VIOLATION,   /* không vi phạm */
    INSP_VIOLATION,      /* có vi phạm, chưa đến mức kỷ luật */
    INSP_DISCIPLINE_DUE, /* có vi phạm đến mức phải xem xét kỷ luật */
    INSP_CONCLUSION__MAX
};

enum discipline_subject {
    DISC_ORG,
    DISC_OFFICIAL_MEMBER,
    DISC_PROBATIONARY_MEMBER,
    DISC_SUBJECT__MAX
};

/* Forms of party discipline (members and organizations together). */
enum party_discipline {
    PD_KHIEN_TRACH, /* khiển trách */
    PD_CANH_CAO,    /* cảnh cáo */
    PD_CACH_CHUC,   /* cách chức (members) */
    PD_KHAI_TRU,    /* khai trừ (official members) */
    PD_GIAI_TAN,    /* giải tán (organizations) */
    PD__MAX
};

enum appeal_result {
    APPEAL_PENDING,  /* đang giải quyết */
    APPEAL_KEPT,     /* giữ nguyên */
    APPEAL_CHANGED,  /* thay đổi hình thức (giảm hoặc tăng) */
    APPEAL_ANNULLED, /* xóa bỏ quyết định */
    APPEAL__MAX
};

const char *inspection_kind_name(enum inspection_kind k);
const char *inspection_kind_label(enum inspection_kind k);
const char *inspection_body_name(enum inspection_body b);
const char *inspection_body_label(enum inspection_body b);
const char *inspection_area_name(enum inspection_area a);
const char *inspection_area_label(enum inspection_area a);
const char *inspection_conclusion_name(enum inspection_conclusion c);
const char *inspection_conclusion_label(enum inspection_conclusion c);
const char *party_discipline_name(enum party_discipline f);
const char *party_discipline_label(enum party_discipline f);
const char *appeal_result_name(enum appeal_result r);
const char *appeal_result_label(enum appeal_result r);

enum tcxd_err inspection_kind_parse(const char *s, enum inspection_kind *out,
                                    struct tcxd_error *e) TCXD_WUR;
enum tcxd_err inspection_body_parse(const char *s, enum inspection_body *out,
                                    struct tcxd_error *e) TCXD_WUR;
/* "nghi_quyet,can_bo" (names or labels, comma-separated) into a bit set. */
enum tcxd_err inspection_areas_parse(const char *s, unsigned *out, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err inspection_conclusion_parse(const char *s, enum inspection_conclusion *out,
                                          struct tcxd_error *e) TCXD_WUR;
enum tcxd_err party_discipline_parse(const char *s, enum party_discipline *out,
                                     struct tcxd_error *e) TCXD_WUR;
enum tcxd_err appeal_result_parse(const char *s, enum appeal_result *out,
                                  struct tcxd_error *e) TCXD_WUR;

/* An inspection's dates: end not before start; a conclusion dated on or after the start and not
   after today (fields "end", "concluded_on"). */
enum tcxd_err inspection_dates_check(tcxd_date start, tcxd_date end, tcxd_date concluded_on,
                                     tcxd_date today, struct tcxd_error *e) TCXD_WUR;

/* May `subject` receive `form`? (field "form") */
enum tcxd_err discipline_form_check(enum discipline_subject subject, enum party_discipline form,
                                    struct tcxd_error *e) TCXD_WUR;
/* Years of the limitation period for a form; 0 when there is none. */
int discipline_limitation_years(enum party_discipline form);
/* The decision's dates: violation <= decision <= today, within the limitation period counted from
   the violation (fields "decision_date", "violation_date"). */
enum tcxd_err discipline_dates_check(enum party_discipline form, tcxd_date violation,
                                     tcxd_date decision, tcxd_date today,
                                     struct tcxd_error *e) TCXD_WUR;
/* An appeal's lodging day: on or after the decision, not after today, and within one month of
   the announcement (the decision date when none is recorded; Điều lệ Đảng Điều 39 khoản 7: "trong
   vòng một tháng, kể từ ngày nhận quyết định"; the day received is not recorded), the last day
   included (field "lodged_on"). */
enum tcxd_err discipline_appeal_lodged_check(tcxd_date decided, tcxd_date announced,
                                             tcxd_date lodged, tcxd_date today,
                                             struct tcxd_error *e) TCXD_WUR;
/* The day the decision ceases by itself (12 months after `announced`); DATE_NONE for khai trừ
   and giải tán, which do not. */
tcxd_date discipline_expires(enum party_discipline form, tcxd_date announced);
/* Is the decision in force on `on`? (from the decision's date to its expiry; never after an
   annulment dated on or before `on`) */
bool discipline_in_force(enum party_discipline form, tcxd_date decided, tcxd_date announced,
                         tcxd_date annulled, tcxd_date on);

/* Effects read by the rest of tcxd (domain.md §3.6). While a decision is in force (from its date
   to its expiry, never after an annulment) it blocks appointment, rotation and awards. Beyond
   that:
   - appointment or nomination to a higher post (QĐ 377-QĐ/TW, 2025): not before 24 months
     after a khiển trách, 36 after a cảnh cáo, 60 after a cách chức (counted from the decision);
   - the Huy hiệu Đảng (QĐ 24-QĐ/TW 2021, Điểm 27): not awarded while disciplined cảnh cáo or
     above; 6 months after a cảnh cáo, 12 after a cách chức (khiển trách: no delay).
     UNCONFIRMED for the current text (QĐ 294-QĐ/TW, 2025); some sources give 6, 9 and 12 months
     for khiển trách, cảnh cáo and cách chức.
   Khai trừ and giải tán end the membership (or the organization): never. */
int discipline_appointment_delay_months(enum party_discipline form); /* -1: never */
int discipline_badge_delay_months(enum party_discipline form);       /* -1: never */

struct discipline_effects {
    bool in_force;              /* on the day */
    tcxd_date appointment_from; /* the first day appointment may be proposed (DATE_NONE: any,
                                   DATE_OPEN_END: never) */
    tcxd_date badge_from;       /* the first day the badge may be awarded (same) */
};
/* The effects on `on` of one decision (its current form; annulled DATE_NONE unless annulled),
   combined into *out: call discipline_effects_init first, then once per decision. */
void discipline_effects_init(struct discipline_effects *out);
void discipline_effects_add(struct discipline_effects *out, enum party_discipline form,
                            tcxd_date decided, tcxd_date announced, tcxd_date annulled,
                            tcxd_date restarted, tcxd_date on);

/* The annual plan (chương trình, kế hoạch kiểm tra, giám sát năm). QĐ 30-QĐ/TW (2016) Điều 30
   khoản 2: the đảng ủy and its ban thường vụ "xây dựng chương trình, kế hoạch thực hiện công
   tác kiểm tra"; QĐ 86-QĐ/TW (2017) Điều 11 khoản 2 điểm a: supervision by theme is "xây dựng
   chương trình, kế hoạch hằng năm và thông báo cho đối tượng giám sát", and HD 02-HD/UBKTTW
   (2017): "giám sát theo chương trình, kế hoạch là giám sát chuyên đề" — so no item is a giám
   sát thường xuyên (sources in docs/inspection.md; the articles of QĐ 296-QĐ/TW, 2025, which
   replaced them are UNCONFIRMED). An item is one planned inspection or supervision of a body's
   organization for a year: its kind, body, content areas, the planned number of subject
   organizations and members, and the month (0: some time in the year). An inspection carries
   out at most one item: of the same organization's body, of the same kind, started in the
   plan's year. The item's layout is ours (UNCONFIRMED: the texts fix the programme, not its
   form). */
enum { INSPECTION_PLAN_PLANNED_MAX = 100000 };
/* An item's values: not a giám sát thường xuyên, year 1930..9998, month 0..12, planned counts
   0..100000 and not both 0 (fields "kind", "year", "month", "orgs"). */
enum tcxd_err inspection_plan_item_check(enum inspection_kind kind, int year, int month,
                                         int64_t orgs, int64_t members,
                                         struct tcxd_error *e) TCXD_WUR;
/* May an inspection of `kind` started on `start` carry out an item of `item_kind` planned for
   `item_year`? (field "plan_item_id"; the organizations are the caller's to compare) */
enum tcxd_err inspection_plan_match_check(enum inspection_kind item_kind, int item_year,
                                          enum inspection_kind kind, tcxd_date start,
                                          struct tcxd_error *e) TCXD_WUR;

/* A year's plan and how far it was carried out (over a subtree: the items of its bodies). */
struct inspection_plan_progress {
    int64_t planned_kt, planned_gs; /* items: inspections, supervisions */
    int64_t done_kt, done_gs;       /* items with at least one inspection carrying them out */
    int64_t outside_kt, outside_gs; /* inspections of the year carrying out no item */
    int64_t planned_orgs, planned_members; /* the items' planned subjects */
};
/* "kế hoạch năm 2022: 12 cuộc kiểm tra, 8 cuộc giám sát; đã thực hiện 10/12 cuộc kiểm tra,
   8/8 cuộc giám sát; ngoài kế hoạch 3 cuộc kiểm tra, 1 cuộc giám sát" (appended) */
void inspection_plan_sentence(const struct inspection_plan_progress *p, int year, struct buf *out);

/* Period counts over a subtree, as the boards' reports give them (seed 004). */
struct inspection_counts {
    int64_t inspected_orgs, inspected_members;     /* kiểm tra: subjects of inspections started */
    int64_t supervised_orgs, supervised_members;   /* giám sát */
    int64_t disciplined_orgs, disciplined_members; /* decisions in the period */
    int64_t by_form[PD__MAX];
    int64_t teams, team_orgs, team_members; /* đoàn kiểm tra set up, and their subjects */
    int64_t by_area[INSP_AREA__MAX];        /* inspections and supervisions (with a subject in the
                                               subtree) by content area */
};
/* "kiểm tra đối với 533 tổ chức đảng, 187 đảng viên; giám sát đối với 243 tổ chức đảng, 160
   đảng viên; thi hành kỷ luật 10 tổ chức đảng và 359 đảng viên" */
void inspection_sentence(const struct inspection_counts *c, struct buf *out);

#endif
