/*
 * program.h - programs and their items (chương trình, đề tài, đề án, chuyên đề, kế hoạch),
 * indicators against plan and the same period, and the chi bộ meeting register with the
 * quarterly attendance rule for committee members. Pure rules: no I/O, no SQL.
 *
 * Items. An item of a program is assigned to a lead agency (cơ quan chủ trì) with a start and a
 * deadline; its status changes are dated (struct program_status_change, oldest first, at most one
 * a day). The status on a day is the last change on or before it, "chưa triển khai" before the
 * first. "Quá hạn" is not stored: an item is overdue on a day when it is not done and the day is
 * after its deadline. An item done after its deadline stays done (counted as done late).
 *
 * Progress (struct program_progress) counts a program's items by their status on a day and the
 * distinct lead agencies; program_progress_sentence() writes it the way the boards' reports do
 * (seed 004: "... giao cho 11 cơ quan, đơn vị chủ trì triển khai thực hiện 34 đề tài, đề án,
 * chuyên đề, kế hoạch. Đến nay, có 24 nội dung hoàn thành; 05 nội dung đã hoàn thành dự thảo,
 * đang trình cấp có thẩm quyền xem xét phê duyệt. Còn lại 05 nội dung đang được các cơ quan chủ
 * trì triển khai thực hiện"). Counts under 10 are written with two digits, as the reports do.
 *
 * Indicators. Each indicator has a source (enum indicator_source): a figure tcxd computes from
 * its own data over a subtree and a period, or one entered by hand. Targets and actual values are
 * whole numbers; a share is entered in tenths of a percent (unit INDICATOR_PERMILLE).
 * indicator_sentence() writes progress against the plan ("56/68, đạt 82,4% kế hoạch") and against
 * the same period of the year before ("5.030, bằng 107,3% so với cùng kỳ").
 *
 * Attendance. A province assigns committee members to attend the meetings of a commune committee
 * or a chi bộ (struct attendance_assignment, dated [from, to)); each must attend at least once a
 * quarter. attendance_check() says, for each assignment, whether it was due in the quarter (it
 * covered the whole quarter: an assignment that starts or ends inside it is not yet due —
 * UNCONFIRMED: the provinces' texts (seed 002) do not say how a partial quarter counts) and
 * whether a visit to that organization within the quarter was recorded.
 *
 * Ownership: everything is plain values; arrays passed in are borrowed for the call; sentence
 * functions append to a caller-owned buf.
 */
#ifndef TCXD_CORE_PROGRAM_H
#define TCXD_CORE_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"

/* ---- items ------------------------------------------------------------------------------- */

enum program_item_kind {
    PITEM_DE_TAI,    /* Đề tài */
    PITEM_DE_AN,     /* Đề án */
    PITEM_CHUYEN_DE, /* Chuyên đề */
    PITEM_KE_HOACH,  /* Kế hoạch */
    PITEM_KHAC,      /* Nội dung khác */
    PITEM_KIND__MAX
};

enum program_status {
    PSTATUS_NOT_STARTED,     /* Chưa triển khai */
    PSTATUS_IN_PROGRESS,     /* Đang triển khai */
    PSTATUS_DRAFT_SUBMITTED, /* Đã hoàn thành dự thảo, đang trình */
    PSTATUS_DONE,            /* Hoàn thành */
    PSTATUS__MAX
};

const char *program_item_kind_name(enum program_item_kind k);  /* "de_an" ... */
const char *program_item_kind_label(enum program_item_kind k); /* "Đề án" ... */
const char *program_status_name(enum program_status s);        /* "in_progress" ... */
const char *program_status_label(enum program_status s);       /* "Đang triển khai" ... */
/* Names, Vietnamese labels (any case, with or without diacritics). */
enum tcxd_err program_item_kind_parse(const char *s, enum program_item_kind *out,
                                      struct tcxd_error *e) TCXD_WUR;
enum tcxd_err program_status_parse(const char *s, enum program_status *out,
                                   struct tcxd_error *e) TCXD_WUR;

struct program_status_change {
    tcxd_date date;
    enum program_status status;
};

/* The status on `on` given the changes, oldest first. */
enum program_status program_status_on(const struct program_status_change *h, size_t n,
                                      tcxd_date on);
/* Not done on `on` and `on` is after the deadline. */
bool program_item_overdue(tcxd_date deadline, enum program_status status_on, tcxd_date on);

/* Checks an item's dates: a deadline before the start is refused (field "deadline"). */
enum tcxd_err program_item_check(tcxd_date start, tcxd_date deadline,
                                 struct tcxd_error *e) TCXD_WUR;
/* Checks a new status change against the item and its history: not before the item's start, not
   after today, strictly after the last change, and a change to something else than the status
   already held (field "date" or "status"). */
enum tcxd_err program_status_change_check(tcxd_date start, const struct program_status_change *h,
                                          size_t n, struct program_status_change next,
                                          tcxd_date today, struct tcxd_error *e) TCXD_WUR;

struct program_progress {
    int64_t items;
    int64_t agencies; /* distinct lead agencies */
    int64_t by_status[PSTATUS__MAX];
    int64_t overdue;  /* not done, deadline passed */
    int64_t due_soon; /* not done, deadline within the next `soon` days (program_progress_add) */
};

/* Adds one item with its status on the day to p (agencies are counted by the caller). */
void program_progress_add(struct program_progress *p, enum program_status status_on,
                          tcxd_date deadline, tcxd_date on, int soon_days);
/* The board's sentence (see the header comment). */
void program_progress_sentence(const struct program_progress *p, struct buf *out);
/* The short line: "34 nội dung, 11 cơ quan: 24 hoàn thành; 05 đã có dự thảo trình; 05 đang
   triển khai" (then "; 02 chưa triển khai", "; 03 quá hạn" when there are any). */
void program_progress_summary(const struct program_progress *p, struct buf *out);

/* ---- indicators -------------------------------------------------------------------------- */

enum indicator_source {
    IND_MANUAL,                /* entered by hand */
    IND_ADMISSIONS,            /* members admitted in the period (kết nạp) */
    IND_NEW_ORGS_NON_STATE,    /* base organizations created in non-state enterprises */
    IND_NEW_ORGS,              /* base organizations created */
    IND_UNITS_WITHOUT_CHI_BO,  /* residential units served by no chi bộ on the period's end */
    IND_UNITS_WITHOUT_MEMBERS, /* residential units with no member on the period's end */
    IND__MAX
};

enum indicator_unit {
    INDICATOR_COUNT,    /* a number of members, organizations, items */
    INDICATOR_PERMILLE, /* a share in tenths of a percent: 825 = 82,5% */
    INDICATOR_UNIT__MAX
};

const char *indicator_source_name(enum indicator_source s); /* "admissions" ... */
const char *indicator_source_label(enum indicator_source s); /* "Số đảng viên kết nạp" ... */
enum tcxd_err indicator_source_parse(const char *s, enum indicator_source *out,
                                     struct tcxd_error *e) TCXD_WUR;
const char *indicator_unit_name(enum indicator_unit u); /* "count", "permille" */
enum tcxd_err indicator_unit_parse(const char *s, enum indicator_unit *out,
                                   struct tcxd_error *e) TCXD_WUR;

struct indicator_progress {
    enum indicator_unit unit;
    bool has_actual;
    int64_t actual;
    bool has_target;
    int64_t target;
    bool has_same_period; /* the same period one year before */
    int64_t same_period;
};

/* "56/68, đạt 82,4% kế hoạch"; "5.030, bằng 107,3% so với cùng kỳ năm 2021" (same_year > 0);
   both joined by "; "; "chưa có số liệu" without an actual value. */
void indicator_sentence(const struct indicator_progress *p, int same_year, struct buf *out);
/* actual / target in tenths of a percent, rounded half up; -1 when there is no target or it is
   0. */
int64_t indicator_permille(int64_t actual, int64_t target);

/* ---- residential units (thôn, tổ dân phố) ---------------------------------------------------- */

enum residential_kind {
    RES_THON,       /* Thôn */
    RES_TO_DAN_PHO, /* Tổ dân phố */
    RES_BAN,        /* Bản */
    RES_AP,         /* Ấp */
    RES_KHU_PHO,    /* Khu phố */
    RES_KHAC,       /* Khác (làng, buôn, sóc, khối ...) */
    RES_KIND__MAX
};
const char *residential_kind_name(enum residential_kind k);  /* "thon", "to_dan_pho" ... */
const char *residential_kind_label(enum residential_kind k); /* "Thôn", "Tổ dân phố" ... */
enum tcxd_err residential_kind_parse(const char *s, enum residential_kind *out,
                                     struct tcxd_error *e) TCXD_WUR;

/* Coverage of a subtree's residential units on a day: how many there are, how many no chi bộ
   serves (no link, or the linked chi bộ no longer exists), how many have no member (no chi bộ,
   or its chi bộ counts no member that day). */
struct residential_coverage {
    int64_t units, without_chi_bo, without_members;
};

/* ---- meetings and attendance ------------------------------------------------------------- */

enum meeting_kind {
    MEETING_REGULAR,  /* sinh hoạt thường kỳ */
    MEETING_THEMATIC, /* sinh hoạt chuyên đề */
    MEETING_KIND__MAX
};
const char *meeting_kind_name(enum meeting_kind k);  /* "regular", "thematic" */
const char *meeting_kind_label(enum meeting_kind k); /* "Sinh hoạt thường kỳ" ... */
enum tcxd_err meeting_kind_parse(const char *s, enum meeting_kind *out,
                                 struct tcxd_error *e) TCXD_WUR;

/* Quarter q (1..4) of year y as [from, to). */
void program_quarter_bounds(int y, int q, tcxd_date *from, tcxd_date *to);

struct attendance_assignment {
    int64_t member_id; /* the committee member */
    int64_t org_id;    /* the commune committee or chi bộ to attend */
    tcxd_date from, to;
};

struct attendance_visit {
    int64_t member_id;
    int64_t org_id;
    tcxd_date date;
};

enum attendance_result {
    ATTEND_NOT_DUE, /* the assignment does not cover the whole quarter */
    ATTEND_MET,     /* attended at least once in the quarter */
    ATTEND_MISSED,  /* due and no visit recorded */
    ATTEND__MAX
};
const char *attendance_result_name(enum attendance_result r);  /* "met" ... */
const char *attendance_result_label(enum attendance_result r); /* "Đã dự" ... */

/* For assignment a over the quarter [qfrom, qto): the result, and in *visits how many visits. */
enum attendance_result attendance_check(const struct attendance_assignment *a,
                                        const struct attendance_visit *v, size_t nv,
                                        tcxd_date qfrom, tcxd_date qto, int *visits);

#endif
