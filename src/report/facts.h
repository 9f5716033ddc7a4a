/*
 * facts.h - what the statistics forms count, behind one small interface.
 *
 * A form's cells are counts of three things over a subtree (root) of the organization tree as
 * it stood on the day in question:
 *   members_on  the members in the list (dự bị or chính thức, registered - not on temporary
 *               transfer - in a chi bộ of the subtree) at the end of a day;
 *   flows       what changed the list in [from, to] (both days included), one per change, each
 *               with its cause; and temporary transfers across the subtree's edge;
 *   orgs_on     the organizations of the subtree alive on a day (the root included).
 * The same period of the year before is asked with its own dates: the answers use the tree as
 * it stood then.
 *
 * Two implementations: facts_store_open() replays the store's dated events with core's rules
 * (member_replay), the truth; the analytics engine's (facts_engine_open) answers the same from
 * memory. A test checks both give the same cells.
 *
 * Flows: a member enters the list on a day when they are in it on that day and were not on the
 * day before, and leaves it in the converse case. The cause is the member's event of that day:
 * an admission (kết nạp; kết nạp lại for a second one), an exit (từ trần, khai trừ - also a
 * khai trừ discipline -, xóa tên, xin ra), or else a transfer: the member's own official
 * transfer, an organization merge or dissolution that moved them (ORG_CHANGE), or their chi bộ
 * (or one of its parents) moving across the subtree's edge (chuyển giao / tiếp nhận tổ chức
 * đảng), or a restoration (phục hồi đảng tịch). A member's own transfer (or chuyển đi) whose
 * scope was recorded (migration 0012) is "another province" for SCOPE_OTHER_PROVINCE and "in the
 * province" for SCOPE_OTHER_DISTRICT and SCOPE_INSIDE. Otherwise (scope not recorded, or a move
 * made by an organization's change) the other side is "in the province" when it is in the same
 * province as the root on that day (the province is the top of the tree, or the level below a
 * national root coded FACTS_NATIONAL_ROOT_CODE); leaving the database (EXIT chuyen_di) or
 * arriving from outside it is "another province" (UNCONFIRMED: the database keeps one province
 * or the nation).
 * Badges, cards and commendations are flows that do not change the list: the member in the
 * subtree on the day (a posthumous badge: in the last chi bộ).
 * Hence, per member and so for any subtree: list(from - 1) + in - out = list(to).
 */
#ifndef TCXD_REPORT_FACTS_H
#define TCXD_REPORT_FACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/member.h"
#include "core/org.h"
#include "store/store.h"
#include "store/store_facts.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"

#define FACTS_NATIONAL_ROOT_CODE "VN"

/* A member as the forms see them on a day. Strings are valid during the callback only. */
struct facts_member {
    int64_t id;
    int64_t org_id;  /* chi bộ of registration on the day */
    int64_t base_id; /* its base organization (tổ chức cơ sở đảng) on the day, 0 if none */
    enum member_status status;
    enum gender gender;
    tcxd_date birth_date;
    struct ymd birth_ymd;     /* birth_date as a calendar date (when not DATE_NONE) */
    tcxd_date first_decision; /* first admission decision */
    tcxd_date ceremony;       /* latest admission ceremony up to the day */
    enum theory_level theory;
    bool exempt; /* miễn công tác và sinh hoạt đảng on the day */
    const char *ethnicity, *religion, *education, *professional_level;
    /* the forms' levels of general education and professional level (enum form_school,
       enum form_prof of forms.h): the Phiếu's coded field when entered (general_education,
       professional_degree), else worked out from the text (form_school_level, form_prof_level) */
    uint8_t school, prof;
    /* the Phiếu's coded fields (indexes into core/member_record.c's tables, 0 = chưa cập nhật):
       occupation now and before admission, work status, academic title, and the yes/no fields
       (1 không, 2 có) youth union, private business owner, marriage with a foreigner */
    uint8_t occupation, occupation_before, work_status, academic_title, youth_union, business_owner,
        foreign_marriage;
    bool suspended; /* đình chỉ sinh hoạt đảng on the day */
    /* party age on the day (core's rule: from the first admission decision, less the gaps out
       of the party; member_party_age_days_of): in days (-1 when the implementation gives years
       instead), or in whole years (-1 when it gives days); facts_party_years() gives the years */
    int32_t party_days, party_years;
};
/* The member's party age in whole years on the day (0 without an admission decision). */
int facts_party_years(const struct facts_member *m);

enum facts_flow_kind {
    FLOW_ADMIT,        /* kết nạp */
    FLOW_READMIT,      /* kết nạp lại */
    FLOW_RESTORE,      /* phục hồi đảng tịch */
    FLOW_IN_PROVINCE,  /* chuyển đến: huyện khác trong tỉnh */
    FLOW_IN_OTHER,     /* chuyển đến: tỉnh khác */
    FLOW_DEATH,        /* từ trần */
    FLOW_EXPEL,        /* khai trừ */
    FLOW_STRIKE,       /* xóa tên */
    FLOW_RESIGN,       /* xin ra khỏi Đảng */
    FLOW_OUT_PROVINCE, /* chuyển đi huyện khác trong tỉnh */
    FLOW_OUT_OTHER,    /* chuyển đi tỉnh khác */
    FLOW_TEMP_IN,      /* tiếp nhận sinh hoạt tạm thời (not a change of the list) */
    FLOW_TEMP_OUT,     /* giới thiệu sinh hoạt tạm thời đi (not a change of the list) */
    FLOW_OFFICIAL,     /* công nhận đảng viên chính thức (not a change of the list) */
    FLOW_BADGE,        /* tặng huy hiệu Đảng: form = the years (not a change of the list) */
    FLOW_CARD,         /* thẻ đảng viên: form = enum card_kind (not a change of the list) */
    FLOW_COMMEND,      /* khen thưởng đảng viên: form = enum commend_form (idem) */
    FLOW__MAX
};
const char *facts_flow_kind_name(enum facts_flow_kind k); /* "admit", "in_province" ... */
bool facts_flow_is_in(enum facts_flow_kind k);            /* enters the list */
bool facts_flow_is_out(enum facts_flow_kind k);           /* leaves the list */

struct facts_flow {
    enum facts_flow_kind kind;
    tcxd_date date;
    bool probationary;     /* dự bị: on the day before (leaving) or on the day (entering) */
    bool by_org;           /* moved by an organization's change, not by the member's own transfer */
    int64_t other_org_id;  /* transfers: the chi bộ on the other side, 0 outside the database */
    int form;              /* badges, cards, commendations: the event's form */
    struct facts_member m; /* the member on the side inside the subtree: on the day when
                              entering, on the day before when leaving */
};

struct facts_org {
    int64_t id, parent_id;
    enum org_tier tier;
    enum org_form form;
    enum org_base_type base_type;     /* base organizations */
    int64_t base_id;                  /* below-base: its base organization; base: itself */
    enum org_base_type base_org_type; /* the type of base_id (ORG_BASE_NONE above base) */
    tcxd_date created_on;
    const char *code, *name; /* valid during the callback */
};

/* What happened to organizations in a period, seen from the subtree. */
enum facts_org_change_kind {
    ORGCH_CREATED,      /* thành lập mới inside the subtree */
    ORGCH_MERGED,       /* hợp nhất, sáp nhập vào tổ chức khác (was inside) */
    ORGCH_DISSOLVED,    /* giải thể (was inside) */
    ORGCH_RECEIVED,     /* tiếp nhận from outside the subtree */
    ORGCH_HANDED_OVER,  /* chuyển giao out of the subtree */
    ORGCH_MOVED_INSIDE, /* chuyển giao, tiếp nhận between parents inside the subtree */
    ORGCH__MAX
};
const char *facts_org_change_name(enum facts_org_change_kind k); /* "created" ... */
struct facts_org_change {
    enum facts_org_change_kind kind;
    tcxd_date date;
    int64_t org_id;
    enum org_tier tier; /* on the day (before the day when it ended) */
    enum org_form form;
};

struct facts_ops {
    const char *name; /* "store", "engine" */
    enum tcxd_err (*members_on)(void *impl, int64_t root, tcxd_date day,
                                void (*fn)(void *ctx, const struct facts_member *m), void *ctx,
                                struct tcxd_error *e);
    enum tcxd_err (*flows)(void *impl, int64_t root, tcxd_date from, tcxd_date to,
                           void (*fn)(void *ctx, const struct facts_flow *f), void *ctx,
                           struct tcxd_error *e);
    enum tcxd_err (*orgs_on)(void *impl, int64_t root, tcxd_date day,
                             void (*fn)(void *ctx, const struct facts_org *o), void *ctx,
                             struct tcxd_error *e);
    enum tcxd_err (*org_changes)(void *impl, int64_t root, tcxd_date from, tcxd_date to,
                                 void (*fn)(void *ctx, const struct facts_org_change *c), void *ctx,
                                 struct tcxd_error *e);
    /* Every admission (kết nạp, kết nạp lại: the ceremony's day) in [from, to] into a chi bộ
       whose base organization on that day is one of root's subtree on `to`: base_id is that
       base organization. Wherever the base organization stood then - a base organization moved
       into the subtree during the period brings its admissions with it (form 2 III: "có kết
       nạp đảng viên" is the base organization's, so the children's figures add up). */
    enum tcxd_err (*admissions)(void *impl, int64_t root, tcxd_date from, tcxd_date to,
                                void (*fn)(void *ctx, int64_t base_id), void *ctx,
                                struct tcxd_error *e);
    void (*close)(void *impl);
};

struct facts {
    const struct facts_ops *ops;
    void *impl;
    struct store *st; /* for what only the store keeps (the review, form 6) */
};

/*
 * Facts from the store for root's subtree over the days [from, to]: every question must ask
 * about days inside it (EINVAL otherwise). Loads the organizations' history and replays the
 * events of every member registered at some time in that window in an organization that was
 * in the subtree at some time in it. root 0: every organization (the whole database).
 */
enum tcxd_err facts_store_open(struct store *st, int64_t root, tcxd_date from, tcxd_date to,
                               struct facts *out, struct tcxd_error *e) TCXD_WUR;
/* The file facts_store_open keeps the whole database's facts in between processes
   ("<db>.forms-cache", keyed by the store's change token; TCXD_FORMS_CACHE=0: not used). */
void facts_store_cache_path(struct store *st, struct buf *out);
/* The same with the analytics engine for the list and the organizations of a day (see
   facts_engine.c for what still comes from the store). */
enum tcxd_err facts_engine_open(struct store *st, int64_t root, tcxd_date from, tcxd_date to,
                                struct facts *out, struct tcxd_error *e) TCXD_WUR;
void facts_close(struct facts *f);
/* Fills out's Phiếu fields (codes, school, prof) from the coded fields and the levels worked out
   from the texts (both implementations use it). */
void facts_member_codes(struct facts_member *out, const struct store_member_codes *c,
                        uint8_t school_text, uint8_t prof_text);

#endif
