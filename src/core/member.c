#include "core/member.h"

#include "core/member_record.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "util/buf.h"
#include "util/msg.h"
#include "util/xmalloc.h"

#include "util/banned.h"

/* ---- names and labels ------------------------------------------------------------------ */

const struct member_enum_value member_gender_values[GENDER__MAX] = {
    [GENDER_MALE] = {"nam", "Nam", "male"},
    [GENDER_FEMALE] = {"nu", "Nữ", "female"},
};

const struct member_enum_value member_theory_values[THEORY__MAX] = {
    [THEORY_NONE] = {"none", "Chưa qua đào tạo", "khong|Chưa có"},
    [THEORY_SO_CAP] = {"so_cap", "Sơ cấp", NULL},
    [THEORY_TRUNG_CAP] = {"trung_cap", "Trung cấp", NULL},
    [THEORY_CAO_CAP] = {"cao_cap", "Cao cấp", NULL},
    [THEORY_CU_NHAN] = {"cu_nhan", "Cử nhân", NULL},
};

static const struct member_enum_value statuses[MEMBER_STATUS__MAX] = {
    [MEMBER_NONE] = {"none", "Chưa vào Đảng", NULL},
    [MEMBER_PROBATIONARY] = {"probationary", "Dự bị", NULL},
    [MEMBER_OFFICIAL] = {"official", "Chính thức", NULL},
    [MEMBER_REMOVED] = {"removed", "Đã ra khỏi Đảng", NULL},
    [MEMBER_DECEASED] = {"deceased", "Từ trần", NULL},
    [MEMBER_TRANSFERRED_OUT] = {"transferred_out", "Đã chuyển sinh hoạt đi", NULL},
};

static const struct member_enum_value event_kinds[MEV__MAX] = {
    [MEV_ADMIT] = {"admit", "Kết nạp", NULL},
    [MEV_OFFICIAL] = {"official", "Công nhận đảng viên chính thức", NULL},
    [MEV_TRANSFER] = {"transfer", "Chuyển sinh hoạt đảng", NULL},
    [MEV_RETURN] = {"return", "Trở về sau chuyển sinh hoạt tạm thời", NULL},
    [MEV_DISCIPLINE] = {"discipline", "Kỷ luật", NULL},
    [MEV_EXEMPT] = {"exempt", "Miễn công tác và sinh hoạt đảng", NULL},
    [MEV_EXIT] = {"exit", "Ra khỏi Đảng", NULL},
    [MEV_SUSPEND] = {"suspend", "Đình chỉ sinh hoạt đảng", NULL},
    [MEV_RESTORE] = {"restore", "Phục hồi đảng tịch", NULL},
    [MEV_BADGE] = {"badge", "Huy hiệu Đảng", NULL},
    [MEV_CARD] = {"card", "Thẻ đảng viên", NULL},
    [MEV_COMMEND] = {"commend", "Khen thưởng", NULL},
};

static const struct member_enum_value transfer_scopes[SCOPE__MAX] = {
    [SCOPE_NONE] = {"none", "Chưa ghi", NULL},
    [SCOPE_INSIDE] = {"inside", "Trong đảng bộ", "trong"},
    [SCOPE_OTHER_DISTRICT] = {"other_district", "Ngoài đảng bộ, trong tỉnh", "trong tỉnh"},
    [SCOPE_OTHER_PROVINCE] = {"other_province", "Ngoài tỉnh", "ngoài tỉnh"},
};

static const struct member_enum_value card_kinds[CARD__MAX] = {
    [CARD_ISSUED] = {"issued", "Phát thẻ", "cap"},
    [CARD_REISSUED_LOST] = {"reissued_lost", "Cấp lại thẻ do mất", "cap_lai"},
    [CARD_EXCHANGED] = {"exchanged", "Đổi thẻ do hỏng", "doi"},
};

static const struct member_enum_value commend_forms[COMMEND__MAX] = {
    [COMMEND_CO] = {"co", "Cờ", NULL},
    [COMMEND_BANG_KHEN] = {"bang_khen", "Bằng khen", NULL},
    [COMMEND_GIAY_KHEN] = {"giay_khen", "Giấy khen", NULL},
};

const int member_badge_years[MEMBER_BADGE_N] = {30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90};

int member_badge_early_months(int years)
{
    return years >= 70 ? 24 : 12;
}

/* How error messages name an event: lowercase, English. */
static const char *const event_words[MEV__MAX] = {
    [MEV_ADMIT] = MSG_N("admission"),
    [MEV_OFFICIAL] = MSG_N("official recognition"),
    [MEV_TRANSFER] = MSG_N("transfer"),
    [MEV_RETURN] = MSG_N("return from temporary transfer"),
    [MEV_DISCIPLINE] = MSG_N("discipline"),
    [MEV_EXEMPT] = MSG_N("exemption"),
    [MEV_EXIT] = MSG_N("exit"),
    [MEV_SUSPEND] = MSG_N("suspension"),
    [MEV_RESTORE] = MSG_N("restoration"),
    [MEV_BADGE] = MSG_N("party badge"),
    [MEV_CARD] = MSG_N("party card"),
    [MEV_COMMEND] = MSG_N("commendation"),
};

static const struct member_enum_value transfer_kinds[TRANSFER__MAX] = {
    [TRANSFER_OFFICIAL] = {"official", "Chính thức", NULL},
    [TRANSFER_TEMPORARY] = {"temporary", "Tạm thời", NULL},
    [TRANSFER_ORG_CHANGE] = {"org_change", "Theo sắp xếp tổ chức", NULL},
};

static const struct member_enum_value discipline_forms[DISCIPLINE__MAX] = {
    [DISCIPLINE_KHIEN_TRACH] = {"khien_trach", "Khiển trách", NULL},
    [DISCIPLINE_CANH_CAO] = {"canh_cao", "Cảnh cáo", NULL},
    [DISCIPLINE_CACH_CHUC] = {"cach_chuc", "Cách chức", NULL},
    [DISCIPLINE_KHAI_TRU] = {"khai_tru", "Khai trừ", NULL},
};

static const struct member_enum_value exit_kinds[EXIT__MAX] = {
    [EXIT_XOA_TEN] = {"xoa_ten", "Xóa tên", NULL},
    [EXIT_XIN_RA] = {"xin_ra", "Xin ra khỏi Đảng", NULL},
    [EXIT_KHAI_TRU] = {"khai_tru", "Khai trừ", NULL},
    [EXIT_TU_TRAN] = {"tu_tran", "Từ trần", NULL},
    [EXIT_CHUYEN_DI] = {"chuyen_di", "Chuyển sinh hoạt đi", NULL},
};

#define TABLE_NAME(tab, v)  ((unsigned)(v) < ARRAY_SIZE(tab) ? (tab)[v].name : "?")
#define TABLE_LABEL(tab, v) ((unsigned)(v) < ARRAY_SIZE(tab) ? (tab)[v].label : "?")

const char *gender_name(enum gender g)
{
    return TABLE_NAME(member_gender_values, g);
}
const char *gender_label(enum gender g)
{
    return TABLE_LABEL(member_gender_values, g);
}
const char *theory_level_name(enum theory_level t)
{
    return TABLE_NAME(member_theory_values, t);
}
const char *theory_level_label(enum theory_level t)
{
    return TABLE_LABEL(member_theory_values, t);
}
const char *member_status_name(enum member_status s)
{
    return TABLE_NAME(statuses, s);
}
const char *member_status_label(enum member_status s)
{
    return TABLE_LABEL(statuses, s);
}
const char *member_event_kind_name(enum member_event_kind k)
{
    return TABLE_NAME(event_kinds, k);
}
const char *member_event_kind_label(enum member_event_kind k)
{
    return TABLE_LABEL(event_kinds, k);
}
const char *transfer_kind_name(enum transfer_kind k)
{
    return TABLE_NAME(transfer_kinds, k);
}
const char *transfer_kind_label(enum transfer_kind k)
{
    return TABLE_LABEL(transfer_kinds, k);
}
const char *discipline_form_name(enum discipline_form f)
{
    return TABLE_NAME(discipline_forms, f);
}
const char *discipline_form_label(enum discipline_form f)
{
    return TABLE_LABEL(discipline_forms, f);
}
const char *exit_kind_name(enum exit_kind k)
{
    return TABLE_NAME(exit_kinds, k);
}
const char *exit_kind_label(enum exit_kind k)
{
    return TABLE_LABEL(exit_kinds, k);
}
const char *transfer_scope_name(enum transfer_scope k)
{
    return TABLE_NAME(transfer_scopes, k);
}
const char *transfer_scope_label(enum transfer_scope k)
{
    return TABLE_LABEL(transfer_scopes, k);
}
const char *card_kind_name(enum card_kind k)
{
    return TABLE_NAME(card_kinds, k);
}
const char *card_kind_label(enum card_kind k)
{
    return TABLE_LABEL(card_kinds, k);
}
const char *commend_form_name(enum commend_form f)
{
    return TABLE_NAME(commend_forms, f);
}
const char *commend_form_label(enum commend_form f)
{
    return TABLE_LABEL(commend_forms, f);
}

/* The search key of s with spaces and '-' turned into '_', so "Cao cấp" folds to "cao_cap". */
static void fold_key(const char *s, struct buf *out)
{
    buf_reset(out);
    text_fold(s, out);
    for (size_t i = 0; i < out->len; i++)
        if (out->ptr[i] == ' ' || out->ptr[i] == '-')
            out->ptr[i] = '_';
}

/* Whether text (may be NULL) folds to the folded input; cand is scratch. */
static bool folded_equal(const char *text, const struct buf *in, struct buf *cand)
{
    if (!text)
        return false;
    fold_key(text, cand);
    return !strcmp(in->ptr, cand->ptr);
}

int member_enum_find(const struct member_enum_value *tab, size_t n, const char *s)
{
    struct buf in = BUF_INIT, cand = BUF_INIT;
    int found = -1;
    fold_key(s, &in);
    for (size_t i = 0; i < n && found < 0 && in.len; i++) {
        if (folded_equal(tab[i].name, &in, &cand) || folded_equal(tab[i].label, &in, &cand))
            found = (int)i;
        for (const char *a = tab[i].alias; a && *a && found < 0;) {
            /* one spelling of the alias list; the lists are the program's own tables (import
               parses every row's coded fields through here: no allocation per spelling) */
            char one[256];
            size_t n_a = strcspn(a, "|");
            if (n_a >= sizeof(one))
                BUG("alias '%.*s' longer than %zu bytes", (int)n_a, a, sizeof(one) - 1);
            memcpy(one, a, n_a);
            one[n_a] = '\0';
            if (folded_equal(one, &in, &cand))
                found = (int)i;
            a += n_a + (a[n_a] == '|');
        }
    }
    buf_release(&in);
    buf_release(&cand);
    return found;
}

/* "a, b or c" listing the names of tab, for error messages. */
static void table_names(const struct member_enum_value *tab, int n, struct buf *out)
{
    for (int i = 0; i < n; i++) {
        if (i)
            buf_adds(out, i == n - 1 ? MSG_T(" or ") : ", ");
        buf_adds(out, tab[i].name);
    }
}

static enum tcxd_err table_parse(const struct member_enum_value *tab, int n, const char *s,
                                 int *out, const char *field, const char *what,
                                 struct tcxd_error *e)
{
    int i = member_enum_find(tab, (size_t)n, s);
    if (i >= 0) {
        *out = i;
        return TCXD_OK;
    }
    struct buf names = BUF_INIT;
    table_names(tab, n, &names);
    enum tcxd_err rc = tcxd_fail(e, TCXD_EINVAL, field, "invalid %s '%s' (expected %s)",
                                 msg_tr(what), s, names.ptr);
    buf_release(&names);
    return rc;
}

enum tcxd_err gender_parse(const char *s, enum gender *out, struct tcxd_error *e)
{
    int v;
    enum tcxd_err rc =
        table_parse(member_gender_values, GENDER__MAX, s, &v, "gender", MSG_N("gender"), e);
    if (!rc)
        *out = (enum gender)v;
    return rc;
}

enum tcxd_err theory_level_parse(const char *s, enum theory_level *out, struct tcxd_error *e)
{
    int v;
    if (!*s) {
        *out = THEORY_NONE;
        return TCXD_OK;
    }
    enum tcxd_err rc = table_parse(member_theory_values, THEORY__MAX, s, &v, "theory_level",
                                   MSG_N("political theory level"), e);
    if (!rc)
        *out = (enum theory_level)v;
    return rc;
}

enum tcxd_err member_status_parse(const char *s, enum member_status *out, struct tcxd_error *e)
{
    int v;
    enum tcxd_err rc =
        table_parse(statuses, MEMBER_STATUS__MAX, s, &v, "status", MSG_N("member status"), e);
    if (!rc)
        *out = (enum member_status)v;
    return rc;
}

enum tcxd_err transfer_kind_parse(const char *s, enum transfer_kind *out, struct tcxd_error *e)
{
    int v;
    enum tcxd_err rc =
        table_parse(transfer_kinds, TRANSFER__MAX, s, &v, "kind", MSG_N("transfer kind"), e);
    if (!rc)
        *out = (enum transfer_kind)v;
    return rc;
}

enum tcxd_err discipline_form_parse(const char *s, enum discipline_form *out, struct tcxd_error *e)
{
    int v;
    enum tcxd_err rc =
        table_parse(discipline_forms, DISCIPLINE__MAX, s, &v, "form", MSG_N("discipline form"), e);
    if (!rc)
        *out = (enum discipline_form)v;
    return rc;
}

enum tcxd_err exit_kind_parse(const char *s, enum exit_kind *out, struct tcxd_error *e)
{
    int v;
    enum tcxd_err rc = table_parse(exit_kinds, EXIT__MAX, s, &v, "kind", MSG_N("exit kind"), e);
    if (!rc)
        *out = (enum exit_kind)v;
    return rc;
}

enum tcxd_err transfer_scope_parse(const char *s, enum transfer_scope *out, struct tcxd_error *e)
{
    int v;
    enum tcxd_err rc =
        table_parse(transfer_scopes, SCOPE__MAX, s, &v, "scope", MSG_N("transfer scope"), e);
    if (!rc)
        *out = (enum transfer_scope)v;
    return rc;
}

enum tcxd_err card_kind_parse(const char *s, enum card_kind *out, struct tcxd_error *e)
{
    int v;
    enum tcxd_err rc = table_parse(card_kinds, CARD__MAX, s, &v, "kind", MSG_N("card kind"), e);
    if (!rc)
        *out = (enum card_kind)v;
    return rc;
}

enum tcxd_err commend_form_parse(const char *s, enum commend_form *out, struct tcxd_error *e)
{
    int v;
    enum tcxd_err rc =
        table_parse(commend_forms, COMMEND__MAX, s, &v, "form", MSG_N("commendation form"), e);
    if (!rc)
        *out = (enum commend_form)v;
    return rc;
}

enum tcxd_err member_badge_parse(const char *s, int *years, struct tcxd_error *e)
{
    char *end;
    long v = strtol(s, &end, 10);
    for (int i = 0; i < MEMBER_BADGE_N && *s && !*end; i++)
        if (member_badge_years[i] == v) {
            *years = (int)v;
            return TCXD_OK;
        }
    return tcxd_fail(e, TCXD_EINVAL, "years",
                     "invalid badge '%s' (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85 or 90 years)",
                     s);
}

enum tcxd_err member_event_kind_parse(const char *s, enum member_event_kind *out,
                                      struct tcxd_error *e)
{
    int v;
    enum tcxd_err rc = table_parse(event_kinds, MEV__MAX, s, &v, "kind", MSG_N("event kind"), e);
    if (!rc)
        *out = (enum member_event_kind)v;
    return rc;
}

static const struct member_enum_value start_end[2] = {
    {"start", "Bắt đầu", "bat_dau"},
    {"end", "Kết thúc", "ket_thuc"},
};

/* The table of a kind's form, or NULL (badges and the kinds without a form). */
static const struct member_enum_value *form_table(enum member_event_kind k, int *n)
{
    switch (k) {
    case MEV_TRANSFER:
        *n = TRANSFER__MAX;
        return transfer_kinds;
    case MEV_DISCIPLINE:
        *n = DISCIPLINE__MAX;
        return discipline_forms;
    case MEV_EXIT:
        *n = EXIT__MAX;
        return exit_kinds;
    case MEV_CARD:
        *n = CARD__MAX;
        return card_kinds;
    case MEV_COMMEND:
        *n = COMMEND__MAX;
        return commend_forms;
    case MEV_EXEMPT:
    case MEV_SUSPEND:
        *n = 2;
        return start_end;
    default:
        *n = 0;
        return NULL;
    }
}

void member_event_form_text(enum member_event_kind k, int form, bool ascii, struct buf *out)
{
    int n;
    const struct member_enum_value *t = form_table(k, &n);
    if (k == MEV_BADGE)
        buf_addf(out, ascii ? "%d" : "%d năm", form);
    else if (t && form >= 0 && form < n)
        buf_adds(out, ascii ? t[form].name : t[form].label);
    else if (t || form)
        buf_addf(out, "%d", form);
}

enum tcxd_err member_event_form_parse(enum member_event_kind k, const char *s, int *form,
                                      struct tcxd_error *e)
{
    int n;
    const struct member_enum_value *t = form_table(k, &n);
    if (k == MEV_BADGE) {
        char years[16];
        size_t l = strlen(s);
        /* "30 năm" or "30" */
        static const char nam[] = " năm";
        if (l > sizeof(nam) - 1 && !strcmp(s + l - (sizeof(nam) - 1), nam))
            l -= sizeof(nam) - 1;
        if (l >= sizeof(years))
            l = sizeof(years) - 1;
        memcpy(years, s, l);
        years[l] = 0;
        return member_badge_parse(years, form, e);
    }
    if (!t) {
        if (*s)
            return tcxd_fail(e, TCXD_EINVAL, "form", "a %s has no form ('%s')",
                             msg_tr(event_words[k]), s);
        *form = 0;
        return TCXD_OK;
    }
    return table_parse(t, n, s, form, "form", event_words[k], e);
}

bool member_status_active(enum member_status s)
{
    return s == MEMBER_PROBATIONARY || s == MEMBER_OFFICIAL;
}

/* ---- record checks ---------------------------------------------------------------------- */

/* A dd/mm/yyyy rendering usable inside one printf call: vn(t).s */
struct vn_date {
    char s[DATE_ISO_LEN];
};

static struct vn_date vn(tcxd_date t)
{
    struct vn_date v;
    date_format_vn(t, v.s);
    return v;
}

enum tcxd_err member_check_national_id(const char *s, struct tcxd_error *e)
{
    /* The number itself never goes into the message: messages end up in logs. */
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return tcxd_fail(e, TCXD_EINVAL, "national_id",
                             "invalid national id: character %zu is not a digit (12 digits "
                             "expected)",
                             i + 1);
    if (n != 12)
        return tcxd_fail(e, TCXD_EINVAL, "national_id",
                         "invalid national id: %zu digits (12 digits expected)", n);
    return TCXD_OK;
}

static const char *plural(int n)
{
    return n == 1 ? "" : "s";
}

enum tcxd_err member_check_admission(tcxd_date birth, tcxd_date decision, tcxd_date ceremony,
                                     tcxd_date today, struct tcxd_error *e)
{
    static const struct {
        const char *field, *what;
    } fields[3] = {
        {"birth_date", MSG_N("birth date")},
        {"decision_date", MSG_N("admission decision date")},
        {"ceremony_date", MSG_N("admission ceremony date")},
    };
    const tcxd_date dates[3] = {birth, decision, ceremony};
    for (int i = 0; i < 3; i++) {
        if (dates[i] == DATE_NONE)
            return tcxd_fail(e, TCXD_EINVAL, fields[i].field, "the %s is required",
                             msg_tr(fields[i].what));
        if (dates[i] > today)
            return tcxd_fail(e, TCXD_EINVAL, fields[i].field, "%s %s is after today (%s)",
                             msg_tr(fields[i].what), vn(dates[i]).s, vn(today).s);
    }
    if (ceremony < decision)
        return tcxd_fail(e, TCXD_EINVAL, "ceremony_date",
                         "admission ceremony date %s is before the admission decision date %s",
                         vn(ceremony).s, vn(decision).s);
    if (birth >= decision)
        return tcxd_fail(e, TCXD_EINVAL, "birth_date",
                         "birth date %s is not before the admission decision date %s", vn(birth).s,
                         vn(decision).s);
    int months = date_months_between(birth, decision);
    if (months < MEMBER_ADMIT_MIN_MONTHS || months > MEMBER_ADMIT_MAX_MONTHS)
        return tcxd_fail(e, TCXD_ERULE, "birth_date",
                         "age %d year%s %d month%s on the admission decision date %s; must be "
                         "18 to 60",
                         months / 12, plural(months / 12), months % 12, plural(months % 12),
                         vn(decision).s);
    return TCXD_OK;
}

tcxd_date member_official_date(tcxd_date ceremony)
{
    return date_add_months(ceremony, 12);
}

/* ---- replay ----------------------------------------------------------------------------- */

void member_derived_init(struct member_derived *d)
{
    memset(d, 0, sizeof(*d));
    d->status = MEMBER_NONE;
    d->first_decision = DATE_NONE;
    d->ceremony = DATE_NONE;
    d->official = DATE_NONE;
    d->died = DATE_NONE;
}

void member_derived_release(struct member_derived *d)
{
    free(d->stints);
    free(d->gaps);
    member_derived_init(d);
}

/* Resets d for a new replay, keeping its arrays. */
static void derived_reset(struct member_derived *d)
{
    struct member_stint *stints = d->stints;
    struct member_gap *gaps = d->gaps;
    size_t sc = d->stints_cap, gc = d->gaps_cap;
    member_derived_init(d);
    d->stints = stints;
    d->stints_cap = sc;
    d->gaps = gaps;
    d->gaps_cap = gc;
}

static int event_cmp(const void *pa, const void *pb)
{
    const struct member_event *a = pa, *b = pb;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    if (a->seq != b->seq)
        return a->seq < b->seq ? -1 : 1;
    return 0;
}

/* Replay state beyond what member_derived keeps: indices of the open intervals, or -1. */
struct replay {
    struct member_derived *d;
    long reg; /* open registered stint */
    long tmp; /* current temporary stint (may already have reached its planned end) */
    long gap; /* open gap */
    enum member_status before_removal; /* status when the open gap began */
};

static long stint_open(struct replay *r, int64_t org_id, tcxd_date from, enum stint_kind kind,
                       enum member_status status, tcxd_date to)
{
    struct member_derived *d = r->d;
    ALLOC_GROW(d->stints, d->nstints + 1, d->stints_cap);
    struct member_stint *s = &d->stints[d->nstints];
    s->org_id = org_id;
    s->from = from;
    s->to = to;
    s->kind = kind;
    s->status = status;
    return (long)d->nstints++;
}

static void stint_close(struct replay *r, long *idx, tcxd_date on)
{
    if (*idx < 0)
        return;
    struct member_stint *s = &r->d->stints[*idx];
    if (s->to > on)
        s->to = on;
    *idx = -1;
}

static void gap_open(struct replay *r, tcxd_date from)
{
    struct member_derived *d = r->d;
    ALLOC_GROW(d->gaps, d->ngaps + 1, d->gaps_cap);
    d->gaps[d->ngaps].from = from;
    d->gaps[d->ngaps].to = DATE_OPEN_END;
    d->gaps[d->ngaps].kind = GAP_OUT_OF_PARTY;
    r->gap = (long)d->ngaps++;
}

/* Ends membership on `on` with status st: stints close, a removal opens a gap. */
static void member_leave(struct replay *r, tcxd_date on, enum member_status st)
{
    struct member_derived *d = r->d;
    stint_close(r, &r->reg, on);
    stint_close(r, &r->tmp, on);
    if (st == MEMBER_REMOVED)
        r->before_removal = d->status;
    d->status = st;
    d->exempt = false;
    d->suspended = false;
    if (st == MEMBER_REMOVED)
        gap_open(r, on);
    else if (st == MEMBER_DECEASED)
        d->died = on;
}

/* Error about event ev: "<kind> on dd/mm/yyyy: <reason>". */
static enum tcxd_err TCXD_PRINTF(5, 6)
    ev_fail(struct tcxd_error *e, enum tcxd_err code, const char *field,
            const struct member_event *ev, const char *fmt, ...)
{
    char reason[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof(reason), msg_tr(fmt), ap);
    va_end(ap);
    return tcxd_fail(e, code, field, "%s on %s: %s", msg_tr(event_words[ev->kind]), vn(ev->date).s,
                     reason);
}

static enum tcxd_err need_active(const struct member_derived *d, const struct member_event *ev,
                                 struct tcxd_error *e)
{
    if (member_status_active(d->status))
        return TCXD_OK;
    return ev_fail(e, TCXD_ERULE, "date", ev, "the person is no longer a party member (%s)",
                   member_status_name(d->status));
}

static enum tcxd_err replay_admit(struct replay *r, const struct member_event *ev,
                                  struct tcxd_error *e)
{
    struct member_derived *d = r->d;
    if (ev->decision_date == DATE_NONE)
        return ev_fail(e, TCXD_EINVAL, "decision_date", ev,
                       "the admission decision date is "
                       "required");
    if (ev->decision_date > ev->date)
        return ev_fail(e, TCXD_EINVAL, "ceremony_date", ev,
                       "the ceremony is before the admission decision of %s",
                       vn(ev->decision_date).s);
    if (ev->org_id < 0)
        return ev_fail(e, TCXD_EINVAL, "org_id", ev, "a chi bộ is required");
    if (d->admissions > 0) {
        if (member_status_active(d->status))
            return ev_fail(e, TCXD_ERULE, "date", ev, "the person is already a party member (%s)",
                           member_status_name(d->status));
        if (d->status != MEMBER_REMOVED)
            return ev_fail(e, TCXD_ERULE, "date", ev,
                           "only a person removed from the party can be admitted again (%s)",
                           member_status_name(d->status));
        if (d->admissions >= 2)
            return ev_fail(e, TCXD_ERULE, "date", ev,
                           "re-admission is allowed only once; this person was already "
                           "re-admitted on %s",
                           vn(d->ceremony).s);
        struct member_gap *g = &d->gaps[r->gap];
        if (ev->decision_date < g->from)
            return ev_fail(e, TCXD_ERULE, "decision_date", ev,
                           "re-admission decided on %s, before the exit on %s",
                           vn(ev->decision_date).s, vn(g->from).s);
        g->to = ev->decision_date;
        r->gap = -1;
    } else {
        d->first_decision = ev->decision_date;
    }
    d->admissions++;
    d->ceremony = ev->date;
    d->official = DATE_NONE;
    d->status = MEMBER_PROBATIONARY;
    d->org_id = ev->org_id;
    d->exempt = false;
    r->reg = stint_open(r, ev->org_id, ev->date, ev->org_id ? STINT_REGISTERED : STINT_OUTSIDE,
                        d->status, DATE_OPEN_END);
    return TCXD_OK;
}

static enum tcxd_err replay_official(struct replay *r, const struct member_event *ev,
                                     struct tcxd_error *e)
{
    struct member_derived *d = r->d;
    if (d->status != MEMBER_PROBATIONARY)
        return ev_fail(e, TCXD_ERULE, "date", ev, "the member is not probationary (%s)",
                       member_status_name(d->status));
    tcxd_date due = member_official_date(d->ceremony);
    if (ev->date != due)
        return ev_fail(e, TCXD_EINVAL, "date", ev,
                       "official status takes effect on %s, 12 months after the admission "
                       "ceremony of %s",
                       vn(due).s, vn(d->ceremony).s);
    if (ev->decision_date == DATE_NONE)
        return ev_fail(e, TCXD_EINVAL, "decision_date", ev, "the decision date is required");
    if (ev->decision_date < ev->date)
        return tcxd_fail(e, TCXD_ERULE, "decision_date",
                         "official recognition decided on %s, before the 12 months of probation "
                         "end on %s",
                         vn(ev->decision_date).s, vn(ev->date).s);
    d->status = MEMBER_OFFICIAL;
    d->official = ev->date;
    /* Split the open stints so each carries the status it had. */
    struct member_stint reg = d->stints[r->reg];
    stint_close(r, &r->reg, ev->date);
    r->reg = stint_open(r, reg.org_id, ev->date, reg.kind, d->status, DATE_OPEN_END);
    if (r->tmp >= 0 && d->stints[r->tmp].to > ev->date) {
        struct member_stint tmp = d->stints[r->tmp];
        stint_close(r, &r->tmp, ev->date);
        r->tmp = stint_open(r, tmp.org_id, ev->date, STINT_TEMPORARY, d->status, tmp.to);
    }
    return TCXD_OK;
}

static enum tcxd_err replay_transfer(struct replay *r, const struct member_event *ev,
                                     struct tcxd_error *e)
{
    struct member_derived *d = r->d;
    enum tcxd_err rc = need_active(d, ev, e);
    if (rc)
        return rc;
    if ((unsigned)ev->form >= TRANSFER__MAX)
        return ev_fail(e, TCXD_EINVAL, "kind", ev, "invalid transfer kind %d", ev->form);
    if (ev->org_id <= 0)
        return ev_fail(e, TCXD_EINVAL, "org_id", ev, "the receiving chi bộ is required");
    if (ev->org_id == d->org_id)
        return ev_fail(e, TCXD_ERULE, "org_id", ev,
                       "the member is already registered in that chi bộ");

    if (ev->form == TRANSFER_TEMPORARY) {
        if (!d->org_id)
            return ev_fail(e, TCXD_ERULE, "kind", ev,
                           "the member was admitted outside the database and has not arrived in "
                           "a chi bộ yet; record the arrival (an official transfer) first");
        if (ev->until != DATE_NONE && ev->until <= ev->date)
            return ev_fail(e, TCXD_EINVAL, "until", ev,
                           "the planned end %s is not after the "
                           "transfer",
                           vn(ev->until).s);
        if (r->tmp >= 0 && d->stints[r->tmp].to > ev->date)
            return ev_fail(e, TCXD_ERULE, "date", ev,
                           "the member is already on a temporary transfer since %s; record the "
                           "return first",
                           vn(d->stints[r->tmp].from).s);
        tcxd_date to = ev->until == DATE_NONE ? DATE_OPEN_END : ev->until;
        r->tmp = stint_open(r, ev->org_id, ev->date, STINT_TEMPORARY, d->status, to);
        return TCXD_OK;
    }

    stint_close(r, &r->reg, ev->date);
    stint_close(r, &r->tmp, ev->date);
    r->reg = stint_open(r, ev->org_id, ev->date, STINT_REGISTERED, d->status, DATE_OPEN_END);
    d->org_id = ev->org_id;
    return TCXD_OK;
}

static enum tcxd_err replay_return(struct replay *r, const struct member_event *ev,
                                   struct tcxd_error *e)
{
    struct member_derived *d = r->d;
    enum tcxd_err rc = need_active(d, ev, e);
    if (rc)
        return rc;
    if (r->tmp < 0)
        return ev_fail(e, TCXD_ERULE, "date", ev, "the member is not on a temporary transfer");
    /* The return is the actual end, before or after the planned one. */
    d->stints[r->tmp].to = ev->date;
    r->tmp = -1;
    return TCXD_OK;
}

static enum tcxd_err replay_discipline(struct replay *r, const struct member_event *ev,
                                       struct tcxd_error *e)
{
    struct member_derived *d = r->d;
    enum tcxd_err rc = need_active(d, ev, e);
    if (rc)
        return rc;
    if ((unsigned)ev->form >= DISCIPLINE__MAX)
        return ev_fail(e, TCXD_EINVAL, "form", ev, "invalid discipline form %d", ev->form);
    if (d->status == MEMBER_PROBATIONARY && ev->form != DISCIPLINE_KHIEN_TRACH &&
        ev->form != DISCIPLINE_CANH_CAO)
        return ev_fail(e, TCXD_ERULE, "form", ev,
                       "a probationary member can only be given khiển trách or cảnh cáo, not %s",
                       discipline_form_label((enum discipline_form)ev->form));
    if (ev->form == DISCIPLINE_KHAI_TRU)
        member_leave(r, ev->date, MEMBER_REMOVED);
    return TCXD_OK;
}

static enum tcxd_err replay_exempt(struct replay *r, const struct member_event *ev,
                                   struct tcxd_error *e)
{
    struct member_derived *d = r->d;
    enum tcxd_err rc = need_active(d, ev, e);
    if (rc)
        return rc;
    if (ev->form != 0 && ev->form != 1)
        return ev_fail(e, TCXD_EINVAL, "form", ev, "invalid exemption form %d (0 starts, 1 ends)",
                       ev->form);
    if (ev->form == 0 && d->exempt)
        return ev_fail(e, TCXD_ERULE, "date", ev, "the member is already exempt");
    if (ev->form == 1 && !d->exempt)
        return ev_fail(e, TCXD_ERULE, "date", ev, "the member is not exempt, nothing to end");
    d->exempt = ev->form == 0;
    return TCXD_OK;
}

static enum tcxd_err replay_exit(struct replay *r, const struct member_event *ev,
                                 struct tcxd_error *e)
{
    enum tcxd_err rc = need_active(r->d, ev, e);
    if (rc)
        return rc;
    switch (ev->form) {
    case EXIT_XOA_TEN:
    case EXIT_XIN_RA:
    case EXIT_KHAI_TRU:
        if (ev->form == EXIT_KHAI_TRU && r->d->status == MEMBER_PROBATIONARY)
            return ev_fail(e, TCXD_ERULE, "kind", ev,
                           "a probationary member cannot be expelled (khai trừ); use xóa tên");
        member_leave(r, ev->date, MEMBER_REMOVED);
        return TCXD_OK;
    case EXIT_TU_TRAN:
        member_leave(r, ev->date, MEMBER_DECEASED);
        return TCXD_OK;
    case EXIT_CHUYEN_DI:
        member_leave(r, ev->date, MEMBER_TRANSFERRED_OUT);
        return TCXD_OK;
    default:
        return ev_fail(e, TCXD_EINVAL, "kind", ev, "invalid exit kind %d", ev->form);
    }
}

static enum tcxd_err replay_suspend(struct replay *r, const struct member_event *ev,
                                    struct tcxd_error *e)
{
    struct member_derived *d = r->d;
    enum tcxd_err rc = need_active(d, ev, e);
    if (rc)
        return rc;
    if (ev->form != 0 && ev->form != 1)
        return ev_fail(e, TCXD_EINVAL, "form", ev, "invalid suspension form %d (0 starts, 1 ends)",
                       ev->form);
    if (ev->form == 0 && d->suspended)
        return ev_fail(e, TCXD_ERULE, "date", ev, "the member is already suspended");
    if (ev->form == 1 && !d->suspended)
        return ev_fail(e, TCXD_ERULE, "date", ev, "the member is not suspended, nothing to end");
    d->suspended = ev->form == 0;
    return TCXD_OK;
}

static enum tcxd_err replay_restore(struct replay *r, const struct member_event *ev,
                                    struct tcxd_error *e)
{
    struct member_derived *d = r->d;
    if (d->status != MEMBER_REMOVED || r->gap < 0)
        return ev_fail(e, TCXD_ERULE, "date", ev,
                       "only a person removed from the party can be restored (%s)",
                       member_status_name(d->status));
    if (ev->org_id <= 0)
        return ev_fail(e, TCXD_EINVAL, "org_id", ev, "a chi bộ is required");
    /* continuous party age: the removal did not count */
    d->gaps[r->gap].to = d->gaps[r->gap].from;
    r->gap = -1;
    d->status = r->before_removal;
    d->org_id = ev->org_id;
    r->reg = stint_open(r, ev->org_id, ev->date, STINT_REGISTERED, d->status, DATE_OPEN_END);
    return TCXD_OK;
}

static enum tcxd_err replay_badge(struct replay *r, const struct member_event *ev,
                                  struct tcxd_error *e)
{
    struct member_derived *d = r->d;
    if (!member_status_active(d->status) && d->status != MEMBER_DECEASED)
        return ev_fail(e, TCXD_ERULE, "date", ev, "the person is no longer a party member (%s)",
                       member_status_name(d->status));
    int k = -1;
    for (int i = 0; i < MEMBER_BADGE_N; i++)
        if (member_badge_years[i] == ev->form)
            k = i;
    if (k < 0)
        return ev_fail(e, TCXD_EINVAL, "years", ev, "invalid badge of %d years", ev->form);
    if (d->badges & (1u << k))
        return ev_fail(e, TCXD_ERULE, "years", ev, "the %d-year badge was already presented",
                       ev->form);
    tcxd_date by = date_add_months(ev->date, member_badge_early_months(ev->form));
    int age = member_party_age_years(d, by);
    if (age < ev->form)
        return ev_fail(e, TCXD_ERULE, "years", ev,
                       "party age %d years on %s: the %d-year badge needs %d years (at most %d "
                       "months early)",
                       member_party_age_years(d, ev->date), vn(ev->date).s, ev->form, ev->form,
                       member_badge_early_months(ev->form));
    d->badges |= 1u << k;
    return TCXD_OK;
}

static enum tcxd_err replay_card(struct replay *r, const struct member_event *ev,
                                 struct tcxd_error *e)
{
    struct member_derived *d = r->d;
    if (d->status != MEMBER_OFFICIAL)
        return ev_fail(e, TCXD_ERULE, "date", ev,
                       "party cards are for official members (the member is %s)",
                       member_status_name(d->status));
    if ((unsigned)ev->form >= CARD__MAX)
        return ev_fail(e, TCXD_EINVAL, "kind", ev, "invalid card kind %d", ev->form);
    return TCXD_OK;
}

static enum tcxd_err replay_commend(struct replay *r, const struct member_event *ev,
                                    struct tcxd_error *e)
{
    enum tcxd_err rc = need_active(r->d, ev, e);
    if (rc)
        return rc;
    if ((unsigned)ev->form >= COMMEND__MAX)
        return ev_fail(e, TCXD_EINVAL, "form", ev, "invalid commendation form %d", ev->form);
    return TCXD_OK;
}

/* Drops intervals that close on the day they open. */
static void drop_empty(struct member_derived *d)
{
    size_t k = 0;
    for (size_t i = 0; i < d->nstints; i++)
        if (d->stints[i].to > d->stints[i].from)
            d->stints[k++] = d->stints[i];
    d->nstints = k;
    k = 0;
    for (size_t i = 0; i < d->ngaps; i++)
        if (d->gaps[i].to > d->gaps[i].from)
            d->gaps[k++] = d->gaps[i];
    d->ngaps = k;
}

enum tcxd_err member_replay(struct member_event *ev, size_t n, struct member_derived *d,
                            struct tcxd_error *e)
{
    struct replay r = {d, -1, -1, -1, MEMBER_NONE};
    derived_reset(d);
    if (n)
        qsort(ev, n, sizeof(*ev), event_cmp);
    for (size_t i = 0; i < n; i++) {
        const struct member_event *x = &ev[i];
        enum tcxd_err rc;
        if ((unsigned)x->kind >= MEV__MAX)
            return tcxd_fail(e, TCXD_EINVAL, "kind", "invalid member event kind %d", (int)x->kind);
        if (x->date == DATE_NONE || x->date >= DATE_OPEN_END)
            return tcxd_fail(e, TCXD_EINVAL, "date", "%s without a valid date",
                             msg_tr(event_words[x->kind]));
        if (d->admissions == 0 && x->kind != MEV_ADMIT)
            return ev_fail(e, TCXD_ERULE, "date", x, "the person has not been admitted yet");
        switch (x->kind) {
        case MEV_ADMIT:
            rc = replay_admit(&r, x, e);
            break;
        case MEV_OFFICIAL:
            rc = replay_official(&r, x, e);
            break;
        case MEV_TRANSFER:
            rc = replay_transfer(&r, x, e);
            break;
        case MEV_RETURN:
            rc = replay_return(&r, x, e);
            break;
        case MEV_DISCIPLINE:
            rc = replay_discipline(&r, x, e);
            break;
        case MEV_EXEMPT:
            rc = replay_exempt(&r, x, e);
            break;
        case MEV_SUSPEND:
            rc = replay_suspend(&r, x, e);
            break;
        case MEV_RESTORE:
            rc = replay_restore(&r, x, e);
            break;
        case MEV_BADGE:
            rc = replay_badge(&r, x, e);
            break;
        case MEV_CARD:
            rc = replay_card(&r, x, e);
            break;
        case MEV_COMMEND:
            rc = replay_commend(&r, x, e);
            break;
        default:
            rc = replay_exit(&r, x, e);
            break;
        }
        if (rc)
            return rc;
    }
    drop_empty(d);
    return TCXD_OK;
}

/* ---- queries ---------------------------------------------------------------------------- */

/* A stint of the membership itself: registered in a chi bộ, or outside the database. */
static bool stint_own(const struct member_stint *s)
{
    return s->kind == STINT_REGISTERED || s->kind == STINT_OUTSIDE;
}

static const struct member_stint *own_on(const struct member_derived *d, tcxd_date on)
{
    for (size_t i = 0; i < d->nstints; i++) {
        const struct member_stint *s = &d->stints[i];
        if (stint_own(s) && s->from <= on && on < s->to)
            return s;
    }
    return NULL;
}

static const struct member_stint *registered_on(const struct member_derived *d, tcxd_date on)
{
    const struct member_stint *s = own_on(d, on);
    return s && s->kind == STINT_REGISTERED ? s : NULL;
}

enum member_status member_status_on(const struct member_derived *d, tcxd_date on)
{
    const struct member_stint *s = own_on(d, on);
    if (s)
        return s->status;
    if (d->died != DATE_NONE && on >= d->died)
        return MEMBER_DECEASED;
    bool gap_before = false;
    for (size_t i = 0; i < d->ngaps; i++) {
        if (d->gaps[i].from <= on && on < d->gaps[i].to)
            return MEMBER_REMOVED;
        if (d->gaps[i].to <= on)
            gap_before = true;
    }
    if (d->status == MEMBER_TRANSFERRED_OUT) {
        /* Terminal: from the end of the last registered stint (or the last ceremony). */
        tcxd_date since = d->ceremony;
        for (size_t i = 0; i < d->nstints; i++)
            if (stint_own(&d->stints[i]) && d->stints[i].to > since)
                since = d->stints[i].to;
        if (since != DATE_NONE && on >= since)
            return MEMBER_TRANSFERRED_OUT;
    }
    /* Between a re-admission decision and its ceremony the person is still out of the party:
       a gap ended before `on`, or (when the gap was empty) a registered stint did. */
    for (size_t i = 0; i < d->nstints && !gap_before; i++)
        if (stint_own(&d->stints[i]) && d->stints[i].to <= on)
            gap_before = true;
    return gap_before ? MEMBER_REMOVED : MEMBER_NONE;
}

int64_t member_org_on(const struct member_derived *d, tcxd_date on)
{
    const struct member_stint *s = registered_on(d, on);
    return s ? s->org_id : 0;
}

int64_t member_party_age_days_of(tcxd_date first_decision, tcxd_date died,
                                 const struct member_gap *gaps, size_t ngaps, tcxd_date on)
{
    tcxd_date from = first_decision;
    if (from == DATE_NONE)
        return 0;
    if (died != DATE_NONE && on > died)
        on = died;
    if (on <= from)
        return 0;
    int64_t days = (int64_t)on - from;
    for (size_t i = 0; i < ngaps; i++) {
        tcxd_date a = gaps[i].from > from ? gaps[i].from : from;
        tcxd_date b = gaps[i].to < on ? gaps[i].to : on;
        if (b > a)
            days -= (int64_t)b - a;
    }
    return days;
}

int member_party_age_years_of(tcxd_date first_decision, tcxd_date died,
                              const struct member_gap *gaps, size_t ngaps, tcxd_date on)
{
    int64_t days = member_party_age_days_of(first_decision, died, gaps, ngaps, on);
    if (days <= 0)
        return 0;
    return date_age_years(first_decision, (tcxd_date)(first_decision + days));
}

int64_t member_party_age_days(const struct member_derived *d, tcxd_date on)
{
    return member_party_age_days_of(d->first_decision, d->died, d->gaps, d->ngaps, on);
}

int member_party_age_years(const struct member_derived *d, tcxd_date on)
{
    return member_party_age_years_of(d->first_decision, d->died, d->gaps, d->ngaps, on);
}

void member_due_compute(tcxd_date ceremony, tcxd_date today, struct member_due *out)
{
    out->due = member_official_date(ceremony);
    out->deadline = date_add_working_days(out->due, 30);
    out->overdue = today > out->deadline;
    out->days_left = (int)((int64_t)out->due - today);
    out->working_days_late = today > out->due ? date_working_days_between(out->due, today) : 0;
}
