/*
 * member.h - party members' lifecycle as dated events, and what follows from them.
 * Pure rules: no I/O. The store keeps events; everything else (status on a date, where a member
 * is registered over time, party age) is derived by member_replay() from the events.
 *
 * Event dates are effective dates:
 *   ADMIT     date = admission ceremony (ngày vào Đảng; probation starts), decision_date =
 *             admission decision (party age counts from the first one); org_id = the chi bộ,
 *             or 0 when the admission was outside the database (the store keeps the place as
 *             text): the member is then outside the tree (STINT_OUTSIDE) until a transfer.
 *   OFFICIAL  date = ceremony + 12 months (whatever day it was decided), decision_date = decision;
 *             refused when decided before the 12 months end.
 *   TRANSFER  form = enum transfer_kind; org_id = receiving chi bộ; until = planned end
 *             (temporary). Temporary transfers leave the member counted at home; the receiver
 *             shows the member with kind TEMPORARY (not counted in its total). ORG_CHANGE is the
 *             move made by an organization merge/dissolution.
 *   RETURN    ends a temporary transfer.
 *   DISCIPLINE form = enum discipline_form; probationary members only khiển trách or cảnh
 *             cáo; khai trừ also ends membership.
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

#include "util/buf.h"
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
    MEV_SUSPEND, /* đình chỉ sinh hoạt đảng: form 0 starts, 1 ends */
    MEV_RESTORE, /* phục hồi đảng tịch: org_id = the chi bộ */
    MEV_BADGE,   /* huy hiệu Đảng: form = the years (30, 40, 45 ... 90); date = presented */
    MEV_CARD,    /* thẻ đảng viên: form = enum card_kind; detail = the card's number */
    MEV_COMMEND, /* khen thưởng: form = enum commend_form; detail = what for */
    MEV__MAX
};

/* Where a transfer goes or comes from, as forms 1 and 7-HSĐV count them (the store keeps it with
   the other party's name as text, for TRANSFER and EXIT chuyen_di). */
enum transfer_scope {
    SCOPE_NONE,           /* not recorded */
    SCOPE_INSIDE,         /* inside the đảng bộ */
    SCOPE_OTHER_DISTRICT, /* another đảng bộ of the province */
    SCOPE_OTHER_PROVINCE, /* another province (or directly under the Centre) */
    SCOPE__MAX
};
const char *transfer_scope_name(enum transfer_scope s);
const char *transfer_scope_label(enum transfer_scope s);
/* field "scope" */
enum tcxd_err transfer_scope_parse(const char *s, enum transfer_scope *out,
                                   struct tcxd_error *e) TCXD_WUR;

enum card_kind { CARD_ISSUED, CARD_REISSUED_LOST, CARD_EXCHANGED, CARD__MAX };
enum commend_form { COMMEND_CO, COMMEND_BANG_KHEN, COMMEND_GIAY_KHEN, COMMEND__MAX };

/* The Party badge milestones in years of party age (domain.md §3.5). */
#define MEMBER_BADGE_N 12
extern const int member_badge_years[MEMBER_BADGE_N];
/* Early award (serious illness): up to 12 months before the milestone for 30-65 years, 24 for
   70-90 (domain.md §3.5). */
int member_badge_early_months(int years);

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

/* STINT_OUTSIDE: a member admitted outside the database (admission ADMIT with org_id 0, the
   place as text) until the arrival in a chi bộ of the database: a member, not counted in the
   tree. Such stints have org_id 0 and are not stored (member_stint holds the other kinds). */
enum stint_kind { STINT_REGISTERED, STINT_TEMPORARY, STINT_OUTSIDE, STINT__MAX };
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
const char *transfer_kind_label(enum transfer_kind k);
const char *discipline_form_name(enum discipline_form f);
const char *discipline_form_label(enum discipline_form f);
const char *exit_kind_name(enum exit_kind k);
const char *exit_kind_label(enum exit_kind k);
const char *card_kind_name(enum card_kind k);
const char *card_kind_label(enum card_kind k);
const char *commend_form_name(enum commend_form f);
const char *commend_form_label(enum commend_form f);

/*
 * Parse a name or a Vietnamese label (case/diacritics-insensitive, spaces or '-' for '_':
 * "Nữ", "nu", "female"; "Cao cấp", "cao-cap"). Errors name the field: gender, theory_level,
 * status, kind (transfer and exit kinds), form (discipline). theory_level_parse also takes
 * "" as THEORY_NONE (an empty spreadsheet cell).
 */
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
/* card kinds (field "kind"), commendation forms (field "form"), badge years (field "years":
   one of member_badge_years) */
enum tcxd_err card_kind_parse(const char *s, enum card_kind *out, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err commend_form_parse(const char *s, enum commend_form *out,
                                 struct tcxd_error *e) TCXD_WUR;
enum tcxd_err member_badge_parse(const char *s, int *years, struct tcxd_error *e) TCXD_WUR;
/* event kinds by name or label (field "kind") */
enum tcxd_err member_event_kind_parse(const char *s, enum member_event_kind *out,
                                      struct tcxd_error *e) TCXD_WUR;
/*
 * An event's form as text, appended to out: the name (ascii) or label of its kind's table -
 * transfer kind, discipline form, exit kind, card kind, commendation form; "start" / "end"
 * ("Bắt đầu" / "Kết thúc") for EXEMPT and SUSPEND; the years for BADGE ("30" / "30 năm");
 * nothing for the kinds without one (ADMIT, OFFICIAL, RETURN, RESTORE, form 0).
 * member_event_form_parse reads any of these back (field "form"; "" is 0 for those kinds).
 */
void member_event_form_text(enum member_event_kind k, int form, bool ascii, struct buf *out);
enum tcxd_err member_event_form_parse(enum member_event_kind k, const char *s, int *form,
                                      struct tcxd_error *e) TCXD_WUR;

/* Active on the roll: probationary or official. */
bool member_status_active(enum member_status s);

/*
 * National ID (CCCD): exactly 12 ASCII digits. Field "national_id". The message never repeats
 * the number (messages are logged).
 */
enum tcxd_err member_check_national_id(const char *s, struct tcxd_error *e) TCXD_WUR;

/*
 * Admission checks, in this order (the first failure is reported):
 *   each date present and not after today       EINVAL, field birth_date / decision_date /
 *                                                ceremony_date
 *   ceremony not before the decision             EINVAL, field ceremony_date
 *   birth before the decision                    EINVAL, field birth_date
 *   age by whole months on the decision date     ERULE, field birth_date:
 *     from MEMBER_ADMIT_MIN_MONTHS (full 18 years) to MEMBER_ADMIT_MAX_MONTHS (full 60 years)
 *     inclusive, months as date_months_between: 18y0m and 60y0m (up to the day before 60y1m)
 *     pass, 17y11m and 60y1m fail ("age 17 years 11 months on the admission decision date
 *     dd/mm/yyyy; must be 18 to 60"). Admission over 60 by a committee directly under the
 *     Centre is not modelled.
 */
#define MEMBER_ADMIT_MIN_MONTHS (18 * 12)
#define MEMBER_ADMIT_MAX_MONTHS (60 * 12)
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
    tcxd_date until; /* DATE_NONE when open */
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
    enum member_status status; /* after the last event */
    int64_t org_id;            /* registered chi bộ after the last event (last one if exited) */
    tcxd_date first_decision;  /* first admission decision; DATE_NONE if never admitted */
    tcxd_date ceremony;        /* latest admission ceremony */
    tcxd_date official;        /* latest official date; DATE_NONE while probationary */
    tcxd_date died;            /* DATE_NONE unless từ trần */
    bool exempt;
    bool suspended; /* đình chỉ sinh hoạt in force after the last event */
    int admissions;
    unsigned badges; /* bit i: member_badge_years[i] presented */
};

void member_derived_init(struct member_derived *d);
void member_derived_release(struct member_derived *d);

/*
 * Sorts ev by (date, seq) in place and replays it into d (reset first). Fails with a message
 * naming the offending event when the sequence is impossible: official recognition of someone
 * not probationary or before 12 months, a transfer/discipline/exit of a non-member, a second
 * re-admission, a discipline form not allowed for a probationary member.
 *
 * What each event does (every event but ADMIT needs an earlier ADMIT, ERULE otherwise):
 *   ADMIT      needs decision_date <= date; org_id 0 (admitted outside the database) opens an
 *              OUTSIDE stint instead of a REGISTERED one. The first sets first_decision. Again
 *              only after a removal (status REMOVED), and only once (admissions <= 2): the open
 *              gap closes at the new decision_date (ERULE if that is before the exit). Opens a
 *              REGISTERED stint [date, open) in org_id, PROBATIONARY; clears exempt.
 *   OFFICIAL   member PROBATIONARY (ERULE); date == member_official_date(ceremony) (EINVAL,
 *              field "date"); decision_date >= date (ERULE, field "decision_date"). Splits the
 *              open stints at date: the parts from date on are OFFICIAL.
 *   TRANSFER   active member; org_id != the registered one (ERULE, field "org_id").
 *              official / org_change: the registered stint ends at date and one opens in
 *              org_id, same status; an open temporary stint ends too.
 *              temporary: a TEMPORARY stint [date, until or open) in org_id; the registered
 *              stint stays. Refused while another temporary stint is still running, and while
 *              the member is outside the database (the arrival comes first).
 *   RETURN     ends the temporary stint at date (also after its planned end: the return is
 *              the actual end). ERULE when there is none.
 *   DISCIPLINE active; a probationary member only khiển trách / cảnh cáo (ERULE, field
 *              "form"), so cách chức and khai trừ are for official members; khai trừ also
 *              ends membership as EXIT khai_tru does.
 *   EXEMPT     active; form 0 starts the exemption, 1 ends it (ERULE when already in / not in).
 *   SUSPEND    active; form 0 starts a suspension of party activity (đình chỉ sinh hoạt: the
 *              member is not reviewed while suspended), 1 ends it (ERULE when already in / not
 *              in). Ends with the membership.
 *   RESTORE    phục hồi đảng tịch: the person is REMOVED (xóa tên, khai trừ, xin ra); the
 *              removal is undone for party age (the gap is dropped: continuous, domain.md §3.4)
 *              and the member is registered again in org_id from date with the status held
 *              before the removal.
 *   BADGE      form = years (one of member_badge_years); the party age on date, plus the early
 *              window (member_badge_early_months), reaches the years (ERULE, field "years");
 *              each badge once; an active or deceased member (posthumous).
 *   CARD       an official member (ERULE otherwise); form = enum card_kind.
 *   COMMEND    active; form = enum commend_form.
 *   EXIT       active; stints end at date, exempt clears. xoa_ten, xin_ra, khai_tru: REMOVED
 *              and a gap [date, open) opens (khai_tru refused for a probationary member);
 *              tu_tran: DECEASED, died = date; chuyen_di: TRANSFERRED_OUT, no gap.
 * Stints and gaps that end on the day they start are dropped. Messages are one line:
 * "transfer on 05/03/2021: the member is already registered in that chi bộ". On failure d
 * holds the replay up to the offending event; release it either way.
 */
enum tcxd_err member_replay(struct member_event *ev, size_t n, struct member_derived *d,
                            struct tcxd_error *e) TCXD_WUR;

/*
 * Status on a day, from the stints, gaps and the scalars only (so a member_derived loaded
 * from the store's member_stint / member_gap rows answers the same): the status of the
 * registered stint holding the day; else DECEASED from died on; REMOVED inside a gap and
 * between a re-admission decision and its ceremony; TRANSFERRED_OUT after the last stint when
 * that is how membership ended; NONE before the first ceremony. An OUTSIDE stint counts like a
 * registered one here (its status), though member_org_on gives 0 for it.
 */
enum member_status member_status_on(const struct member_derived *d, tcxd_date on);
/* Registered (counted) chi bộ on a day, 0 if none (also while outside the database). */
int64_t member_org_on(const struct member_derived *d, tcxd_date on);
/*
 * Party age on a day: days from the first admission decision to `on` (stopping at died),
 * minus the days of gaps in that range; 0 before the decision. Years are whole years as
 * date_age_years(first_decision, first_decision + days).
 */
int member_party_age_years(const struct member_derived *d, tcxd_date on);
int64_t member_party_age_days(const struct member_derived *d, tcxd_date on);
/* The same from the parts (the engine keeps no struct member_derived per member). */
int member_party_age_years_of(tcxd_date first_decision, tcxd_date died,
                              const struct member_gap *gaps, size_t ngaps, tcxd_date on);
int64_t member_party_age_days_of(tcxd_date first_decision, tcxd_date died,
                                 const struct member_gap *gaps, size_t ngaps, tcxd_date on);

/*
 * Due for official recognition: probation ends on ceremony + 12 months. "Overdue" when today
 * is more than 30 working days past that end with no decision.
 */
struct member_due {
    tcxd_date due;      /* end of the 12 months */
    tcxd_date deadline; /* due + 30 working days */
    bool overdue;
    int days_left;         /* due - today (negative when past) */
    int working_days_late; /* working days past due, 0 if not past */
};
void member_due_compute(tcxd_date ceremony, tcxd_date today, struct member_due *out);

#endif
