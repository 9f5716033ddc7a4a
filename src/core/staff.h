/*
 * staff.h - the staffing roll (biên chế): the people paid a salary or allowance from the budget
 * (người hưởng lương, phụ cấp ngân sách) in the bodies of the Party, the Fatherland Front and the
 * mass organizations at province and district level, as forms 8A and 8B-BTCTW count them. Pure
 * rules: no I/O, no SQL.
 *
 * A person's place on the roll is a list of dated events; everything else (on the roll on a day,
 * in which body, category and grade) is derived by staff_replay() from them, as member_replay()
 * does for party members:
 *   JOIN   enters the roll (tăng): kind = enum staff_join (thi tuyển / tiếp nhận of a công chức
 *          or a viên chức, a contract, other), the category and grade, the body; an intake
 *          (tiếp nhận) may say talent (thủ khoa, nhà khoa học) and the years of experience;
 *   MOVE   to another body of the roll (điều động, chuyển công tác inside the roll): counted by a
 *          subtree as chuyển đi / tiếp nhận only when it leaves / enters it;
 *   GRADE  a new ngạch (công chức) or hạng (viên chức) from the date;
 *   LEAVE  leaves the roll (giảm): kind = enum staff_leave, form 8A's seven rows.
 * A day d is on the roll of a stint [from, to) when from <= d < to: the LEAVE's day is the first
 * day off the roll. Events are ordered by (date, id).
 *
 * Rules (UNCONFIRMED unless said; docs/forms.md "8A, 8B-BTCTW"):
 *   - a recruitment of công chức is of the category "cán bộ, công chức", of viên chức of "viên
 *     chức", a contract of "hợp đồng 68" or "hợp đồng khác" (Nghị định 68/2000, 111/2022:
 *     the contract names of the form); "other" (giving an opening roll) of any category;
 *   - ngạch công chức (chuyên viên cao cấp ... nhân viên) only for cán bộ, công chức; hạng I-V
 *     only for viên chức; contracts have none;
 *   - talent and experience only on an intake (tiếp nhận): the form's two "-" rows under "b.
 *     Tiếp nhận" (intake without exam of people with 5 years' experience: Nghị định 138/2020
 *     Điều 13; of valedictorians and young scientists: Nghị định 140/2017); a công chức counts
 *     from 5 years, a viên chức from 3 (the form's rows);
 *   - a JOIN while on the roll, a MOVE, GRADE or LEAVE while not on it, a LEAVE or MOVE on or
 *     before the start, a MOVE to the same body and a GRADE to the same grade are refused.
 *
 * Ownership: struct staff_replay owns its array: staff_replay_release().
 */
#ifndef TCXD_CORE_STAFF_H
#define TCXD_CORE_STAFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/date.h"
#include "util/err.h"

/* Form 8A's categories (A and D). */
enum staff_category {
    STAFF_CBCC,      /* Cán bộ, công chức */
    STAFF_VIEN_CHUC, /* Viên chức */
    STAFF_HD68,      /* Hợp đồng 68 */
    STAFF_HD_KHAC,   /* Hợp đồng khác */
    STAFF_CAT__MAX
};

/* Form 8B's column groups. */
enum staff_level { STAFF_LEVEL_TINH, STAFF_LEVEL_HUYEN, STAFF_LEVEL__MAX };
enum staff_body_kind {
    SBODY_DANG,      /* Cơ quan Đảng (cấp huyện: khối đảng) */
    SBODY_SU_NGHIEP, /* Đơn vị sự nghiệp trực thuộc */
    SBODY_DOAN_THE,  /* MTTQ và các đoàn thể chính trị - xã hội */
    SBODY__MAX
};

/* Ngạch công chức and hạng viên chức (form 8B, 3 and 4). */
enum staff_grade {
    SGRADE_NONE,
    SGRADE_CVCC,      /* Chuyên viên cao cấp và tương đương */
    SGRADE_CVC,       /* Chuyên viên chính và tương đương */
    SGRADE_CV,        /* Chuyên viên và tương đương */
    SGRADE_CAN_SU,    /* Cán sự và tương đương */
    SGRADE_NHAN_VIEN, /* Nhân viên */
    SGRADE_HANG_1,    /* Chức danh nghề nghiệp viên chức hạng I */
    SGRADE_HANG_2,
    SGRADE_HANG_3,
    SGRADE_HANG_4,
    SGRADE_HANG_5,
    SGRADE__MAX
};

enum staff_join {
    SJOIN_CC_EXAM,   /* tuyển dụng công chức: thi tuyển */
    SJOIN_CC_INTAKE, /* tiếp nhận công chức */
    SJOIN_VC_EXAM,   /* tuyển dụng viên chức: thi tuyển */
    SJOIN_VC_INTAKE, /* tiếp nhận viên chức */
    SJOIN_CONTRACT,  /* hợp đồng (68 or khác) */
    SJOIN_OTHER,     /* other (an opening roll entered after the fact) */
    SJOIN__MAX
};

enum staff_leave {
    SLEAVE_RETIRE,     /* Nghỉ hưu đúng tuổi */
    SLEAVE_TRANSFER,   /* Chuyển đi */
    SLEAVE_RESIGN,     /* Cho thôi việc */
    SLEAVE_DISMISS,    /* Buộc thôi việc */
    SLEAVE_OFF_BUDGET, /* Chuyển không hưởng lương ngân sách */
    SLEAVE_DOWNSIZE, /* Hưởng chế độ chính sách tinh giản biên chế theo nghị định chính phủ */
    SLEAVE_OTHER, /* Giảm khác */
    SLEAVE__MAX
};

enum staff_ev_kind { SEV_JOIN, SEV_MOVE, SEV_GRADE, SEV_LEAVE, SEV__MAX };

struct staff_event {
    int64_t id; /* the store's: orders events of one day (0 for one not yet stored: last) */
    enum staff_ev_kind kind;
    tcxd_date date;
    int64_t body_id;              /* JOIN, MOVE */
    enum staff_join join;         /* JOIN */
    enum staff_category category; /* JOIN */
    enum staff_grade grade;       /* JOIN (may be NONE), GRADE */
    bool talent;                  /* JOIN intake: thủ khoa, nhà khoa học */
    int experience;               /* JOIN intake: years of experience (0: not given) */
    enum staff_leave leave;       /* LEAVE */
};

/* One stretch on the roll with the same body, category and grade: [from, to), to =
   DATE_OPEN_END while on it. start: the event that began it (JOIN, MOVE, GRADE: index
   start_ev into the events replayed); end: SEV__MAX while open, else the event that ended it. */
struct staff_stint {
    tcxd_date from, to;
    int64_t body_id;
    enum staff_category category;
    enum staff_grade grade;
    enum staff_ev_kind start, end;
    size_t start_ev;
    enum staff_leave leave; /* end == SEV_LEAVE */
};

struct staff_replay {
    struct staff_stint *v;
    size_t n, cap;
};

/* One event on its own: kinds in range, the category a JOIN kind allows (field "category"),
   the grade the category allows ("grade"), talent and experience only on an intake ("talent",
   "experience", 0-60 years), a body on JOIN and MOVE ("body"), a date ("date"). */
enum tcxd_err staff_event_check(const struct staff_event *ev, struct tcxd_error *e) TCXD_WUR;
/* Replays events sorted by (date, id) into stints; refuses (naming the field, the date and the
   event) a JOIN while on the roll ("date"), a MOVE, GRADE or LEAVE while not on it ("person";
   "date" when it comes before the first start: an end before a start), one on the start's own
   day ("date"), a MOVE to the same body ("body"), a GRADE to the same grade or one the category
   does not have ("grade"). out is initialised here; released on failure too. */
enum tcxd_err staff_replay(const struct staff_event *ev, size_t n, struct staff_replay *out,
                           struct tcxd_error *e) TCXD_WUR;
void staff_replay_release(struct staff_replay *r);
/* Checks add on its own and against the events held (sorted): the replay with add inserted in
   its place (after the held events of its day). */
enum tcxd_err staff_check_add(const struct staff_event *held, size_t n,
                              const struct staff_event *add, struct tcxd_error *e) TCXD_WUR;
/* The stint covering day d (on the roll at its end), NULL when none. */
const struct staff_stint *staff_on(const struct staff_replay *r, tcxd_date d);

/* Form 8B's age bands on a day: 0 "từ 30 trở xuống", 1 31-35, 2 36-40, 3 41-45, 4 46-50,
   5 51-55, 6 56-60, 7 "trên 60"; -1 without a birth date. Whole years. */
int staff_age_band(tcxd_date birth, tcxd_date on);
/* Is the grade one of the category's (NONE is, for every category)? */
bool staff_grade_fits(enum staff_category c, enum staff_grade g);

/* Stable ASCII names and Vietnamese labels; parse accepts either (field in the error). */
#define STAFF_ENUM_NAMES(X)                                                                        \
    X(staff_category, STAFF_CAT__MAX, "category")                                                  \
    X(staff_level, STAFF_LEVEL__MAX, "level")                                                      \
    X(staff_body_kind, SBODY__MAX, "kind")                                                         \
    X(staff_grade, SGRADE__MAX, "grade")                                                           \
    X(staff_join, SJOIN__MAX, "kind")                                                              \
    X(staff_leave, SLEAVE__MAX, "kind")                                                            \
    X(staff_ev_kind, SEV__MAX, "event")

#define STAFF_ENUM_DECL(T, MAX, FIELD)                                                             \
    const char *T##_name(enum T v);                                                                \
    const char *T##_label(enum T v);                                                               \
    enum tcxd_err T##_parse(const char *s, enum T *out, struct tcxd_error *e) TCXD_WUR;
STAFF_ENUM_NAMES(STAFF_ENUM_DECL)
#undef STAFF_ENUM_DECL

#endif
