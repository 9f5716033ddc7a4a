/*
 * cadre.h - cadre work (công tác cán bộ): cadres and the attributes the cadre forms count,
 * committees (cấp ủy) per organization and term, positions held over dated intervals, planning
 * (quy hoạch), appointment / reappointment / nomination, the reappointment due list, rotation
 * and secondment, training, confidence votes (QĐ 96) and the voluntary-leave support. Pure rules:
 * no I/O, no SQL. Every interval is half-open [from, to); DATE_OPEN_END when it has not ended.
 *
 * Sources (docs in ../shared/domain.md §2, §3.6, §8; forms 8-13 in forms-BTCTW.txt):
 *   - planning: at most 3 cadres per position, at most 3 positions per cadre at the same level
 *     (QĐ 377-QĐ/TW 2025, sourced); removal on discipline (any form from khiển trách up: QĐ
 *     50/2021, UNCONFIRMED whether QĐ 377 keeps it) and on a vote "more than half low" (QĐ 96
 *     Điều 11, sourced);
 *   - appointment: an inside candidate for a new post must be in the planning for it (QĐ 377,
 *     sourced); no appointment, nomination or rotation while a discipline is in force (12 months
 *     from its date, not for khai trừ, Điều lệ / QĐ 296, sourced); to a higher post only 24
 *     months after khiển trách, 36 after cảnh cáo, 60 after cách chức (QĐ 377, sourced); a
 *     reappointment only of a cadre holding that post; refused after a vote "two thirds low" in
 *     the post (QĐ 96 Điều 11: relieved without waiting for the term's end, sourced);
 *   - reappointment notice at least 90 working days before the appointment term ends (QĐ 377,
 *     sourced), counted with date_add_working_days; the appointment term is 5 years when none is
 *     given (UNCONFIRMED under QĐ 377: the civil-service rule, Nghị định 115/2020);
 *   - confidence votes: quorum two thirds of those convened present; "more than half low"
 *     strictly above 1/2 and "two thirds low" at or above 2/3 of the ballots returned; not voted:
 *     appointed or elected in the voting year, notified of leave pending retirement (QĐ 96,
 *     sourced); on leave (long illness, study) UNCONFIRMED (the issue names it);
 *   - voluntary leave (seed 002): 1.000.000 đồng per month of work, at most 300.000.000 đồng; the
 *     months are whole months of service from the start of work to the leave (UNCONFIRMED: how
 *     interruptions and a last partial month count).
 *
 * Ownership: plain values; arrays passed in are borrowed for the call; text goes to a
 * caller-owned buf.
 */
#ifndef TCXD_CORE_CADRE_H
#define TCXD_CORE_CADRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/member.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"

/* ---- cadres ------------------------------------------------------------------------------- */

/* Which level manages a cadre (form 13's columns). */
enum cadre_mgmt {
    CADRE_MGMT_TW,    /* Cán bộ diện Trung ương quản lý */
    CADRE_MGMT_TINH,  /* Cán bộ diện BTV tỉnh ủy quản lý */
    CADRE_MGMT_HUYEN, /* Cán bộ diện BTV huyện ủy quản lý */
    CADRE_MGMT_CO_SO, /* Cán bộ diện đảng ủy cơ sở quản lý */
    CADRE_MGMT__MAX
};

/* Professional level (trình độ chuyên môn nghiệp vụ, forms 11 and 12). */
enum cadre_prof {
    PROF_NONE,
    PROF_TRUNG_CAP,
    PROF_CAO_DANG,
    PROF_DAI_HOC,
    PROF_THAC_SI,
    PROF_TIEN_SI,
    PROF__MAX
};

enum cadre_academic { ACAD_NONE, ACAD_PGS, ACAD_GS, ACAD__MAX };

/* The attributes the forms count. */
struct cadre_attrs {
    enum gender gender;
    tcxd_date birth_date;
    bool minority; /* dân tộc thiểu số: the ethnicity is not Kinh */
    bool religious;
    enum cadre_prof prof;
    enum cadre_academic academic;
    enum theory_level theory;
};

/* Form 11 and 12's age bands on a day: 0 "từ 40 tuổi trở xuống", 1 "trên 40 đến 50", 2 "trên
   50"; -1 without a birth date. "Trên 40" is from the 41st birthday (UNCONFIRMED: whether the
   forms mean completed years). */
int cadre_age_band(tcxd_date birth, tcxd_date on);
/* Whether the ethnicity text is a minority (anything but "Kinh", any case or diacritics; empty
   is not). */
bool cadre_ethnicity_minority(const char *ethnicity);

/* ---- committees --------------------------------------------------------------------------- */

enum committee_role {
    CROLE_EXECUTIVE,        /* Ủy viên Ban Chấp hành */
    CROLE_STANDING,         /* Ủy viên Ban Thường vụ */
    CROLE_SECRETARY,        /* Bí thư */
    CROLE_DEPUTY,           /* Phó Bí thư */
    CROLE_INSPECTION,       /* Ủy viên Ủy ban Kiểm tra */
    CROLE_INSPECTION_CHAIR, /* Chủ nhiệm Ủy ban Kiểm tra */
    CROLE__MAX
};

enum committee_join {
    CJOIN_CONGRESS,    /* bầu tại đại hội */
    CJOIN_ELECTED_ADD, /* bầu bổ sung */
    CJOIN_DESIGNATED,  /* chỉ định bổ sung */
    CJOIN__MAX
};

enum committee_leave {
    CLEAVE_NONE,       /* still in the committee */
    CLEAVE_TERM_END,   /* hết nhiệm kỳ */
    CLEAVE_TRANSFER,   /* chuyển công tác */
    CLEAVE_RETIRE,     /* nghỉ hưu */
    CLEAVE_DISCIPLINE, /* kỷ luật */
    CLEAVE_RESIGN,     /* xin thôi */
    CLEAVE_DECEASED,   /* từ trần */
    CLEAVE_OTHER,
    CLEAVE__MAX
};

/* A seat held in one term: [from, to), to <= the term's end. */
struct committee_seat {
    int64_t cadre_id;
    enum committee_role role;
    enum committee_join join;
    tcxd_date from, to;
};

/* Checks a new seat against the term [term_from, term_to) and the seats already held in it:
   a seat from the congress starts on the congress day, an addition after it; it ends after it
   starts and not after the term; the same cadre does not hold the same role twice at once; one
   secretary and one inspection chair at a time (field "from", "to", "join" or "role"). */
enum tcxd_err committee_seat_check(tcxd_date term_from, tcxd_date term_to,
                                   const struct committee_seat *held, size_t n,
                                   const struct committee_seat *add, struct tcxd_error *e) TCXD_WUR;

/* Seats per role on a day: those with from <= on < to. */
struct committee_count {
    int64_t by_role[CROLE__MAX];
};
void committee_count_on(const struct committee_seat *s, size_t n, tcxd_date on,
                        struct committee_count *out);
bool committee_seat_on(const struct committee_seat *s, tcxd_date on);
/* Additions (bầu bổ sung, chỉ định bổ sung). */
bool committee_join_is_addition(enum committee_join j);

/* ---- positions ---------------------------------------------------------------------------- */

enum position_sector {
    PSEC_PARTY,       /* Đảng */
    PSEC_STATE,       /* Chính quyền (HĐND, UBND, sở, ngành) */
    PSEC_FRONT,       /* Mặt trận Tổ quốc, đoàn thể chính trị - xã hội */
    PSEC_PUBLIC_UNIT, /* Đơn vị sự nghiệp công lập */
    PSEC_RESIDENTIAL, /* Thôn, tổ dân phố */
    PSEC_OTHER,
    PSEC__MAX
};

enum position_title {
    PT_BI_THU,            /* Bí thư */
    PT_PHO_BI_THU,        /* Phó Bí thư */
    PT_CHU_TICH_UBND,     /* Chủ tịch UBND */
    PT_PHO_CHU_TICH_UBND, /* Phó Chủ tịch UBND */
    PT_CHU_TICH_HDND,     /* Chủ tịch HĐND */
    PT_PHO_CHU_TICH_HDND, /* Phó Chủ tịch HĐND */
    PT_TRUONG_DOAN_DBQH,  /* Trưởng đoàn ĐBQH */
    PT_PHO_DOAN_DBQH,     /* Phó Trưởng đoàn ĐBQH */
    PT_CHU_TICH_MTTQ,     /* Chủ tịch Ủy ban MTTQ */
    PT_TRUONG_THON,       /* Trưởng thôn, khu, bản, tổ trưởng tổ dân phố */
    PT_CAP_TRUONG,        /* Cấp trưởng (ban, sở, ngành, đơn vị) */
    PT_CAP_PHO,           /* Cấp phó */
    PT_KHAC,              /* Chức danh khác */
    PT__MAX
};

/* Titles only one cadre holds at a time in a position (bí thư, chủ tịch, trưởng ...). */
bool position_title_single(enum position_title t);

/* A holding: a cadre in a position over [from, to), with the appointment term's end. */
struct position_holding {
    int64_t cadre_id;
    int64_t position_id;
    tcxd_date from, to, term_end; /* term_end DATE_NONE: elected or without a term */
};

/* Checks a new holding against the position's holdings: ends after it starts, term end after
   the start, not twice at once for the same cadre, and one holder at a time of a single-seat
   title (field "to", "term_end" or "from"). */
enum tcxd_err position_holding_check(enum position_title title, const struct position_holding *held,
                                     size_t n, const struct position_holding *add,
                                     struct tcxd_error *e) TCXD_WUR;
bool position_holding_on(const struct position_holding *h, tcxd_date on);

/* "96/186 (51,6%)": num of den with the share to one decimal ("0/0" when den is 0). */
void cadre_share_text(int64_t num, int64_t den, struct buf *out);

/* ---- the leadership forms' posts (9A-9C, 12A-12C) ----------------------------------------- */

/* The level a post or a committee stands at on forms 9 and 12: A cấp tỉnh, B cấp huyện, C cấp
   xã. CTIER_NONE: on none of them (the centre, a base organization's own committee). */
enum cadre_tier { CTIER_NONE, CTIER_TINH, CTIER_HUYEN, CTIER_XA, CTIER__MAX };

/* What a post is on the forms' columns. The committee's posts (BCH, BTV, UBKT, bí thư, phó bí
   thư) are planned as positions (form 12) and held as committee seats (form 9, with any
   position of the same post). At cấp xã the "ban" posts are the Ủy ban MTTQ's and the mass
   organizations' chủ tịch / phó chủ tịch; at cấp huyện the "sở" posts are the phòng's. */
enum cadre_post {
    CPOST_NONE,
    CPOST_BCH,              /* Ủy viên Ban Chấp hành */
    CPOST_BTV,              /* Ủy viên Ban Thường vụ */
    CPOST_UBKT,             /* Ủy viên Ủy ban Kiểm tra */
    CPOST_BI_THU,           /* Bí thư */
    CPOST_PHO_BI_THU,       /* Phó Bí thư */
    CPOST_CT_HDND,          /* Chủ tịch HĐND */
    CPOST_PCT_HDND,         /* Phó Chủ tịch HĐND */
    CPOST_CT_UBND,          /* Chủ tịch UBND */
    CPOST_PCT_UBND,         /* Phó Chủ tịch UBND */
    CPOST_TRUONG_DOAN_DBQH, /* Trưởng đoàn ĐBQH (cấp tỉnh) */
    CPOST_PHO_DOAN_DBQH,    /* Phó Trưởng đoàn ĐBQH */
    CPOST_TRUONG_BAN,       /* cấp trưởng ban, cơ quan Đảng, MTTQ, đoàn thể CT-XH */
    CPOST_PHO_BAN,          /* cấp phó */
    CPOST_TRUONG_SO,        /* cấp trưởng sở, ngành (cấp huyện: phòng) */
    CPOST_PHO_SO,           /* cấp phó */
    CPOST_TRUONG_SU_NGHIEP, /* cấp trưởng đơn vị sự nghiệp công lập trực thuộc */
    CPOST_PHO_SU_NGHIEP,    /* cấp phó */
    CPOST__MAX
};

/* The two families: 9 (cán bộ lãnh đạo, quản lý: people holding the posts at the period's end)
   and 12 (kết quả quy hoạch: planning entries active at the period's end). */
enum cadre_form_family { CFORM_9, CFORM_12, CFORM__MAX };

/* The value column (0-based) of a post at a tier on a form family, -1 when the form has no
   such column (UBKT on form 9, ĐBQH below cấp tỉnh, sở / sự nghiệp at cấp xã). The one table
   of post kinds to columns (cadre.c). */
int cadre_post_column(enum cadre_form_family f, enum cadre_tier t, enum cadre_post p);
/* How many value columns form f has at tier t (0 for CTIER_NONE). */
int cadre_post_ncols(enum cadre_form_family f, enum cadre_tier t);
/* The post of a title when none is given: the committee's, the councils', the delegation's
   titles and the front's chủ tịch have one; cấp trưởng / cấp phó need it given (a trưởng phòng
   of a sở is not a sở's leader), khác and trưởng thôn have none (UNCONFIRMED defaults). */
enum cadre_post cadre_post_default(enum position_title t);
/* A committee post: its tier is the organization's own committee's. */
bool cadre_post_of_committee(enum cadre_post p);
/* The posts a committee seat of the role gives: a standing member is in the BCH; the bí thư
   and the phó bí thư are in the BTV and the BCH (UNCONFIRMED at cấp xã); the inspection
   committee's members and chair are UBKT. Bits (1u << enum cadre_post). */
unsigned committee_role_posts(enum committee_role r);
/* A post is lãnh đạo, quản lý by default: any on the forms' columns, and the titles other than
   khác and trưởng thôn (form 10's "trong đó lãnh đạo, quản lý"; UNCONFIRMED). */
bool cadre_post_leader_default(enum cadre_post p, enum position_title t);

struct org_tree;
/* The tier of a post (or, for a committee post, of a committee) of the organization at node of
   the tree, when none is given: a commune-level organization (xã, phường, thị trấn, đặc khu) or
   one under it: cấp xã; else the nearest above-base organization (the organization itself for a
   committee post; a committee post of a base organization: CTIER_NONE) with no above-base
   ancestor: cấp tỉnh, with one: cấp huyện, deeper: none (UNCONFIRMED: a tree whose root is the
   centre needs the tier given). */
enum cadre_tier cadre_tier_default(const struct org_tree *t, uint32_t node, bool committee);

/* ---- planning ----------------------------------------------------------------------------- */

#define PLAN_MAX_PER_POSITION 3
#define PLAN_MAX_PER_CADRE    3

enum plan_removal {
    PREMOVE_NONE,
    PREMOVE_REVIEW,         /* rà soát hàng năm: không còn đủ tiêu chuẩn */
    PREMOVE_DISCIPLINE,     /* bị kỷ luật */
    PREMOVE_LOW_CONFIDENCE, /* quá nửa phiếu tín nhiệm thấp */
    PREMOVE_APPOINTED,      /* đã được bổ nhiệm, bầu vào chức danh */
    PREMOVE_OTHER,
    PREMOVE__MAX
};

/* A cadre planned for a position in a term, from `added` until `removed` (DATE_OPEN_END). The
   level is the planning's level (the managing level of the position). */
struct plan_entry {
    int64_t cadre_id;
    int64_t position_id;
    enum cadre_mgmt level;
    tcxd_date added, removed;
};
bool plan_entry_on(const struct plan_entry *p, tcxd_date on);
/* Checks adding `add` to the entries of the same term: not twice, at most 3 cadres for the
   position and at most 3 positions for the cadre at the same level on the day it is added
   (TCXD_ERULE, fields "position" and "cadre"). */
enum tcxd_err plan_add_check(const struct plan_entry *held, size_t n, const struct plan_entry *add,
                             struct tcxd_error *e) TCXD_WUR;
/* A discipline of this form removes from the planning (every form: see the header). */
bool plan_removed_by_discipline(enum discipline_form f);

/* Women and young (age band 0 on the day) among planned cadres. */
struct plan_shares {
    int64_t planned, women, young;
};

/* ---- discipline and appointment ---------------------------------------------------------- */

/* A discipline of the cadre (the member's DISCIPLINE events): form and date in force from. */
struct cadre_discipline {
    enum discipline_form form;
    tcxd_date date;
};
/* Months before a disciplined cadre may be appointed or nominated to a higher post: 24, 36,
   60; khai trừ: -1 (never: no longer a member). */
int cadre_discipline_wait_months(enum discipline_form f);
/* In force on `on`: from its date for 12 months (khai trừ: always). */
bool cadre_discipline_in_force(const struct cadre_discipline *d, tcxd_date on);

enum appoint_kind {
    APPOINT_NEW,      /* bổ nhiệm */
    APPOINT_RE,       /* bổ nhiệm lại */
    APPOINT_NOMINATE, /* giới thiệu ứng cử */
    APPOINT__MAX
};

#define CADRE_APPOINT_TERM_YEARS 5

struct appoint_facts {
    enum appoint_kind kind;
    tcxd_date date;      /* the decision's effect */
    tcxd_date term_end;  /* DATE_NONE: date + 5 years (nomination: none) */
    bool in_planning;    /* an active planning entry for the post on the date */
    bool outside;        /* from outside: planned for an equivalent post (QĐ 377) */
    bool holds_post;     /* holds the post the day before (reappointment) */
    bool higher_post;    /* a post higher than the cadre's current one (new, nomination) */
    bool two_thirds_low; /* a vote "two thirds low" while in the post (reappointment) */
    const struct cadre_discipline *disc;
    size_t ndisc;
};
/* The conditions checkable from data (TCXD_ERULE, naming the field "planning", "discipline",
   "post", "vote"; TCXD_EINVAL "term_end" for a term ending before the appointment). */
enum tcxd_err appoint_check(const struct appoint_facts *f, struct tcxd_error *e) TCXD_WUR;
/* The term end given or the default. */
tcxd_date appoint_term_end(const struct appoint_facts *f);

/* ---- reappointment due list --------------------------------------------------------------- */

#define CADRE_REAPPOINT_NOTICE_WORKING_DAYS 90

enum reappoint_state {
    REAPPOINT_LATER,      /* the notice day is more than `soon` days ahead */
    REAPPOINT_NOTICE_DUE, /* the notice is due within `soon` days */
    REAPPOINT_LATE,       /* the notice day has passed, the term has not ended */
    REAPPOINT_ENDED,      /* the term ended, the cadre still holds the post */
    REAPPOINT__MAX
};
/* The last day to notify: 90 working days before the term ends. */
tcxd_date reappoint_notice_by(tcxd_date term_end);
enum reappoint_state reappoint_state_on(tcxd_date term_end, tcxd_date on, int soon_days);

/* ---- rotation and secondment -------------------------------------------------------------- */

enum move_kind {
    MOVE_DIEU_DONG,   /* điều động */
    MOVE_LUAN_CHUYEN, /* luân chuyển */
    MOVE_BIET_PHAI,   /* biệt phái */
    MOVE__MAX
};

/* Form 11's directions: the first five are "Cấp tỉnh", the last five "Cấp huyện". */
enum move_direction {
    MDIR_TW_TINH,     /* Trung ương về tỉnh */
    MDIR_TINH_HUYEN,  /* Tỉnh về huyện */
    MDIR_HUYEN_TINH,  /* Huyện về tỉnh */
    MDIR_HUYEN_HUYEN, /* Huyện này sang huyện khác */
    MDIR_NGANH_NGANH, /* Ngành này sang ngành khác */
    MDIR_TINH_XA,     /* Tỉnh về xã */
    MDIR_HUYEN_XA,    /* Huyện về xã */
    MDIR_XA_HUYEN,    /* Xã về huyện */
    MDIR_XA_XA,       /* Xã này sang xã khác */
    MDIR_PHONG_PHONG, /* Phòng, ban này sang phòng, ban khác */
    MDIR_NONE,        /* not one of form 11's */
    MDIR__MAX
};
/* 0: "Cấp tỉnh", 1: "Cấp huyện", -1: MDIR_NONE. */
int move_direction_group(enum move_direction d);

struct cadre_move {
    enum move_kind kind;
    enum move_direction direction;
    tcxd_date date, until; /* until: the secondment's end (biệt phái), else DATE_NONE */
};
/* Secondment needs an end after its start; no move while a discipline is in force (fields
   "until", "discipline"). */
enum tcxd_err cadre_move_check(const struct cadre_move *m, const struct cadre_discipline *disc,
                               size_t ndisc, struct tcxd_error *e) TCXD_WUR;

/* ---- training (form 10) ------------------------------------------------------------------- */

enum training_programme {
    TRAIN_DAI_HOC,      /* Đào tạo chuyên môn: Đại học */
    TRAIN_THAC_SI,      /* Thạc sỹ (tương đương) */
    TRAIN_TIEN_SI,      /* Tiến sỹ (tương đương) */
    TRAIN_TC_LLCT,      /* Đào tạo chính trị: Trung cấp LLCT */
    TRAIN_CC_LLCT,      /* Cao cấp LLCT */
    TRAIN_CN_LLCT,      /* Cử nhân LLCT */
    TRAIN_BD_XDD,       /* Bồi dưỡng: Nghiệp vụ xây dựng Đảng */
    TRAIN_BD_DOAN_THE,  /* Nghiệp vụ đoàn thể chính trị */
    TRAIN_BD_QLNN,      /* Quản lý nhà nước */
    TRAIN_BD_QLKT,      /* Quản lý kinh tế */
    TRAIN_BD_NGOAI_NGU, /* Ngoại ngữ */
    TRAIN_BD_TIN_HOC,   /* Tin học */
    TRAIN_BD_CAP_NHAT,  /* Cập nhật kiến thức mới */
    TRAIN_BD_QPAN,      /* Quốc phòng - An ninh */
    TRAIN__MAX
};

enum training_mode {
    TMODE_NONE,
    TMODE_DOMESTIC,  /* trong nước */
    TMODE_FOREIGN,   /* ngoài nước */
    TMODE_JOINT,     /* liên kết */
    TMODE_FULL_TIME, /* hệ tập trung */
    TMODE_PART_TIME, /* hệ không tập trung */
    TMODE_DT1,       /* đối tượng 1 */
    TMODE_DT2,
    TMODE_DT3,
    TMODE_DT4,
    TMODE__MAX
};
/* Whether form 10 splits the programme by this mode (TMODE_NONE for the unsplit ones). */
bool training_mode_allowed(enum training_programme p, enum training_mode m);
/* Form 10's part I (đào tạo) or II (bồi dưỡng). */
bool training_is_degree(enum training_programme p);
/* The mode fits the programme; the course ends on or after its start (fields "mode", "to"). */
enum tcxd_err training_check(enum training_programme p, enum training_mode m, tcxd_date from,
                             tcxd_date to, struct tcxd_error *e) TCXD_WUR;

/* ---- confidence votes (QĐ 96) ------------------------------------------------------------- */

struct vote_session {
    int64_t convened; /* số người được triệu tập */
    int64_t present;  /* có mặt */
    int64_t issued;   /* phiếu phát ra */
    int64_t returned; /* phiếu thu về */
};

enum vote_exclusion {
    VEX_NONE,
    VEX_NEW_IN_POST, /* bầu, bổ nhiệm trong năm lấy phiếu */
    VEX_RETIRING,    /* đã có thông báo nghỉ hưu */
    VEX_LEAVE,       /* nghỉ ốm, đi học dài hạn (UNCONFIRMED) */
    VEX__MAX
};

/* One person's tally: valid ballots by level (a ballot with no or several boxes for the person
   is invalid for them). */
struct vote_tally {
    int64_t high, medium, low;
    enum vote_exclusion excluded;
};

enum vote_outcome {
    VOTE_NORMAL,         /* không quá nửa tín nhiệm thấp */
    VOTE_OVER_HALF_LOW,  /* trên 1/2 đến dưới 2/3 tín nhiệm thấp */
    VOTE_TWO_THIRDS_LOW, /* từ 2/3 trở lên tín nhiệm thấp */
    VOTE_NO_QUORUM,      /* dưới 2/3 số người được triệu tập có mặt */
    VOTE_EXCLUDED,       /* không lấy phiếu */
    VOTE_OUTCOME__MAX
};

/* Checks the session's figures: convened > 0, present <= convened, issued <= present,
   returned <= issued, none negative (fields "convened", "present", "issued", "returned"). */
enum tcxd_err vote_session_check(const struct vote_session *s, struct tcxd_error *e) TCXD_WUR;
/* present * 3 >= convened * 2. */
bool vote_quorum(const struct vote_session *s);
/* Checks a tally against the session: no negative count, high + medium + low <= returned
   (field "low" ...); an excluded person has no counts. */
enum tcxd_err vote_tally_check(const struct vote_session *s, const struct vote_tally *t,
                               struct tcxd_error *e) TCXD_WUR;
enum vote_outcome vote_outcome_of(const struct vote_session *s, const struct vote_tally *t);
/* Who is not voted: appointed or elected in the voting year, retiring, on leave. */
enum vote_exclusion vote_exclusion_for(tcxd_date in_post_since, int vote_year, bool retiring,
                                       bool on_leave);
/* The consequence the managing level considers (Điều 11), "" for a normal result. */
const char *vote_outcome_consequence(enum vote_outcome o);
/* The outcome removes from the planning (more than half low). */
bool vote_outcome_removes_from_planning(enum vote_outcome o);
/* "12/30 phiếu thu về (40,0%)" style shares: n of the ballots returned. */
void vote_share_text(int64_t n, int64_t returned, struct buf *out);

/* ---- voluntary leave support (seed 002) --------------------------------------------------- */

struct leave_policy {
    int64_t per_month; /* đồng per month of work */
    int64_t cap;       /* đồng, 0: no cap */
};
extern const struct leave_policy leave_policy_seed002;
/* Whole months from the start of work to the leave day (0 when the leave is not after it). */
int cadre_service_months(tcxd_date work_start, tcxd_date leave);
int64_t leave_support(const struct leave_policy *p, int months);

/* ---- the board's sentence ----------------------------------------------------------------- */

/* Distinct cadres in a period over a subtree. */
struct cadre_work_counts {
    int64_t appointed; /* bổ nhiệm, bổ nhiệm lại, giới thiệu ứng cử */
    int64_t moved;     /* điều động, luân chuyển */
    int64_t added;     /* bổ sung cấp ủy */
};
/* "bổ nhiệm, bổ nhiệm lại, giới thiệu ứng cử 107 cán bộ; điều động, luân chuyển 42 đồng chí;
   bổ sung cấp ủy 53 đồng chí" (counts under 10 with two digits). */
void cadre_work_sentence(const struct cadre_work_counts *c, struct buf *out);

/* ---- names -------------------------------------------------------------------------------- */

/* Stable ASCII names and Vietnamese labels; parse accepts either (field in the error). */
#define CADRE_ENUM_NAMES(X)                                                                        \
    X(cadre_mgmt, CADRE_MGMT__MAX, "managing_level")                                               \
    X(cadre_prof, PROF__MAX, "prof")                                                               \
    X(cadre_academic, ACAD__MAX, "academic")                                                       \
    X(committee_role, CROLE__MAX, "role")                                                          \
    X(committee_join, CJOIN__MAX, "join")                                                          \
    X(committee_leave, CLEAVE__MAX, "leave")                                                       \
    X(position_sector, PSEC__MAX, "sector")                                                        \
    X(position_title, PT__MAX, "title")                                                            \
    X(cadre_tier, CTIER__MAX, "tier")                                                              \
    X(cadre_post, CPOST__MAX, "post")                                                              \
    X(plan_removal, PREMOVE__MAX, "reason")                                                        \
    X(appoint_kind, APPOINT__MAX, "kind")                                                          \
    X(reappoint_state, REAPPOINT__MAX, "state")                                                    \
    X(move_kind, MOVE__MAX, "kind")                                                                \
    X(move_direction, MDIR__MAX, "direction")                                                      \
    X(training_programme, TRAIN__MAX, "programme")                                                 \
    X(training_mode, TMODE__MAX, "mode")                                                           \
    X(vote_exclusion, VEX__MAX, "excluded")                                                        \
    X(vote_outcome, VOTE_OUTCOME__MAX, "outcome")

#define CADRE_ENUM_DECL(T, MAX, FIELD)                                                             \
    const char *T##_name(enum T v);                                                                \
    const char *T##_label(enum T v);                                                               \
    enum tcxd_err T##_parse(const char *s, enum T *out, struct tcxd_error *e) TCXD_WUR;
CADRE_ENUM_NAMES(CADRE_ENUM_DECL)
#undef CADRE_ENUM_DECL

#endif
