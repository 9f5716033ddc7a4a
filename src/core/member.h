/*
 * member.h - party members' lifecycle as dated events, and what follows from them.
 * Pure rules: no I/O. The store keeps events; everything else (status on a date, where a member
 * is registered over time, party age) is derived by member_replay() from the events.
 *
 * Event dates are effective dates:
 *   ADMIT     date = admission ceremony (ngày vào Đảng; probation starts), decision_date = admission
 *             decision (party age counts from the first one); org_id = the chi bộ.
 *   OFFICIAL  date = ceremony + 12 months (whatever day it was decided), decision_date = decision;
 *             refused when decided before the 12 months end.
 *   TRANSFER  form = enum transfer_kind; org_id = receiving chi bộ; until = planned end (temporary).
 *             Temporary transfers leave the member counted at home; the receiver shows the member
 *             with kind TEMPORARY (not counted in its total). ORG_CHANGE is the move made by an
 *             organization merge/dissolution.
 *   RETURN    ends a temporary transfer.
 *   DISCIPLINE form = enum discipline_form; probationary members only khiển trách or cảnh cáo;
 *             khai trừ also ends membership.
 *   EXEMPT    miễn công tác và sinh hoạt đảng from date (form 1 = the exemption ends).
 *   EXIT      form = enum exit_kind.
 * Events are ordered by (date, seq). member_derived owns its arrays: release with
 * member_derived_release().
 */
#ifndef TCXD_CORE_MEMBER_H
#define TCXD_CORE_MEMBER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/date.h"
#include "util/err.h"

enum gender { GENDER_MALE, GENDER_FEMALE, GENDER__MAX };

enum theory_level {
    THEORY_NONE,
    THEORY_SO_CAP,
    THEORY_TRUNG_CAP,
    THEORY_CAO_CAP,
    THEORY_CU_NHAN,
    THEORY__MAX
};

enum member_status {
    MEMBER_NONE,            /* not (yet) a member on that date */
    MEMBER_PROBATIONARY,    /* dự bị */
    MEMBER_OFFICIAL,        /* chính thức */
    MEMBER_REMOVED,         /* xóa tên, xin ra khỏi Đảng, khai trừ */
    MEMBER_DECEASED,        /* từ trần */
    MEMBER_TRANSFERRED_OUT, /* chuyển sinh hoạt ra ngoài đảng bộ quản lý */
    MEMBER_STATUS__MAX
};

enum member_event_kind {
    MEV_ADMIT,
    MEV_OFFICIAL,
    MEV_TRANSFER,
    MEV_RETURN,
    MEV_DISCIPLINE,
    MEV_EXEMPT,
    MEV_EXIT,
    MEV__MAX
};

enum transfer_kind { TRANSFER_OFFICIAL, TRANSFER_TEMPORARY, TRANSFER_ORG_CHANGE, TRANSFER__MAX };

enum discipline_form {
    DISCIPLINE_KHIEN_TRACH,
    DISCIPLINE_CANH_CAO,
    DISCIPLINE_CACH_CHUC,
    DISCIPLINE_KHAI_TRU,
    DISCIPLINE__MAX
};

enum exit_kind {
    EXIT_XOA_TEN,   /* xóa tên */
    EXIT_XIN_RA,    /* xin ra khỏi Đảng */
    EXIT_KHAI_TRU,  /* khai trừ */
    EXIT_TU_TRAN,   /* từ trần */
    EXIT_CHUYEN_DI, /* chuyển sinh hoạt chính thức ra ngoài đảng bộ */
    EXIT__MAX
};

enum stint_kind { STINT_REGISTERED, STINT_TEMPORARY, STINT__MAX };
enum gap_kind { GAP_OUT_OF_PARTY, GAP__MAX };

/* name: stable ASCII id used in JSON/CSV ("nam", "cao_cap", "khien_trach" ...);
   label: Vietnamese ("Nam", "Cao cấp", "Khiển trách" ...). */
const char *gender_name(enum gender g);
const char *gender_label(enum gender g);
const char *theory_level_name(enum theory_level t);
const char *theory_level_label(enum theory_level t);
const char *member_status_name(enum member_status s);
const char *member_status_label(enum member_status s);
const char *member_event_kind_name(enum member_event_kind k);
const char *member_event_kind_label(enum member_event_kind k);
const char *transfer_kind_name(enum transfer_kind k);
const char *discipline_form_name(enum discipline_form f);
const char *discipline_form_label(enum discipline_form f);
const char *exit_kind_name(enum exit_kind k);
const char *exit_kind_label(enum exit_kind k);

/* Parse a name or a Vietnamese label (case/diacritics-insensitive: "Nữ", "nu", "female"). */
enum tcxd_err gender_parse(const char *s, enum gender *out, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err theory_level_parse(const char *s, enum theory_level *out,
                                 struct tcxd_error *e) TCXD_WUR;
enum tcxd_err member_status_parse(const char *s, enum member_status *out,
                                  struct tcxd_error *e) TCXD_WUR;
enum tcxd_err transfer_kind_parse(const char *s, enum transfer_kind *out,
                                  struct tcxd_error *e) TCXD_WUR;
enum tcxd_err discipline_form_parse(const char *s, enum discipline_form *out,
                                    struct tcxd_error *e) TCXD_WUR;
enum tcxd_err exit_kind_parse(const char *s, enum exit_kind *out, struct tcxd_error *e) TCXD_WUR;

/* Active on the roll: probationary or official. */
bool member_status_active(enum member_status s);

/* National ID (CCCD): exactly 12 digits. Field "national_id". */
enum tcxd_err member_check_national_id(const char *s, struct tcxd_error *e) TCXD_WUR;

/*
 * Admission checks: age 18 to 60 counted by months on the decision date; birth, decision and
 * ceremony not after today; ceremony not before the decision.
 */
enum tcxd_err member_check_admission(tcxd_date birth, tcxd_date decision, tcxd_date ceremony,
                                     tcxd_date today, struct tcxd_error *e) TCXD_WUR;

/* The day probation ends and official status takes effect: ceremony + 12 months. */
tcxd_date member_official_date(tcxd_date ceremony);

struct member_event {
    int64_t seq; /* tie-break for events on the same date (the store's event id) */
    enum member_event_kind kind;
    tcxd_date date;
    tcxd_date decision_date; /* DATE_NONE when not applicable */
    int64_t org_id;          /* 0 when not applicable */
    int form;
    tcxd_date until;         /* DATE_NONE when open */
};

struct member_stint {
    int64_t org_id;
    tcxd_date from, to; /* [from, to), to = DATE_OPEN_END while open */
    enum stint_kind kind;
    enum member_status status;
};

struct member_gap {
    tcxd_date from, to;
    enum gap_kind kind;
};

struct member_derived {
    struct member_stint *stints;
    size_t nstints, stints_cap;
    struct member_gap *gaps;
    size_t ngaps, gaps_cap;
    enum member_status status;  /* after the last event */
    int64_t org_id;             /* registered chi bộ after the last event (last one if exited) */
    tcxd_date first_decision;   /* first admission decision; DATE_NONE if never admitted */
    tcxd_date ceremony;         /* latest admission ceremony */
    tcxd_date official;         /* latest official date; DATE_NONE while probationary */
    tcxd_date died;             /* DATE_NONE unless từ trần */
    bool exempt;
    int admissions;
};

void member_derived_init(struct member_derived *d);
void member_derived_release(struct member_derived *d);

/*
 * Sorts ev by (date, seq) in place and replays it into d (reset first). Fails with a message
 * naming the offending event when the sequence is impossible: official recognition of someone
 * not probationary or before 12 months, a transfer/discipline/exit of a non-member, a second
 * re-admission, a discipline form not allowed for a probationary member.
 */
enum tcxd_err member_replay(struct member_event *ev, size_t n, struct member_derived *d,
                            struct tcxd_error *e) TCXD_WUR;

/* Status on a day, from derived stints/events: */
enum member_status member_status_on(const struct member_derived *d, tcxd_date on);
/* Registered (counted) chi bộ on a day, 0 if none. */
int64_t member_org_on(const struct member_derived *d, tcxd_date on);
/* Party age in whole years on a day: from the first admission decision, minus gaps. */
int member_party_age_years(const struct member_derived *d, tcxd_date on);
int64_t member_party_age_days(const struct member_derived *d, tcxd_date on);

/*
 * Due for official recognition: probation ends on ceremony + 12 months. "Overdue" when today
 * is more than 30 working days past that end with no decision.
 */
struct member_due {
    tcxd_date due;        /* end of the 12 months */
    tcxd_date deadline;   /* due + 30 working days */
    bool overdue;
    int days_left;        /* due - today (negative when past) */
    int working_days_late;/* working days past due, 0 if not past */
};
void member_due_compute(tcxd_date ceremony, tcxd_date today, struct member_due *out);

#endif
