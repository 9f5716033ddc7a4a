/*
 * test_member.c - member lifecycle: names and parsing, record checks, replay of events into
 * stints and gaps, status / org / party age on a date, probation due dates.
 * Expected values are written from the rules (or computed here with an independent calendar),
 * never copied from the code's output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/member.h"
#include "util/xmalloc.h"

/* ---- helpers ---------------------------------------------------------------------------- */

/* "dd/mm/yyyy" -> ymd, by hand (no date.c). */
static struct ymd ymd_of(const char *s)
{
    struct ymd r = {0, 0, 0};
    if (sscanf(s, "%d/%d/%d", &r.d, &r.m, &r.y) != 3)
        fail_msg("bad test date '%s'", s);
    return r;
}

/* NULL -> DATE_NONE, "" -> DATE_OPEN_END. */
static tcxd_date D(const char *s)
{
    if (!s)
        return DATE_NONE;
    if (!*s)
        return DATE_OPEN_END;
    struct ymd r = ymd_of(s);
    return date_from_ymd(r.y, r.m, r.d);
}

static void check_msg_shape(const struct tcxd_error *e)
{
    size_t n = strlen(e->msg);
    assert_true(n > 0);
    if (e->msg[0] >= 'A' && e->msg[0] <= 'Z')
        fail_msg("message starts uppercase: %s", e->msg);
    assert_null(strchr(e->msg, '\n'));
    if (e->msg[n - 1] == '.')
        fail_msg("message ends with a period: %s", e->msg);
}

/* ---- an independent calendar, for party age -------------------------------------------- */

static int cal_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int cal_dim(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && cal_leap(y) ? 29 : dim[m - 1];
}

static int cal_cmp(struct ymd a, struct ymd b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    if (a.d != b.d)
        return a.d < b.d ? -1 : 1;
    return 0;
}

static struct ymd cal_next(struct ymd a)
{
    if (++a.d > cal_dim(a.y, a.m)) {
        a.d = 1;
        if (++a.m > 12) {
            a.m = 1;
            a.y++;
        }
    }
    return a;
}

struct test_gap {
    const char *from, *to; /* "" to = open */
};

/* Days in [from, on) not inside any gap, stopping at `stop` when given. */
static long cal_party_days(const char *from, const char *on, const struct test_gap *gaps,
                           size_t ngaps)
{
    long n = 0;
    struct ymd end = ymd_of(on);
    for (struct ymd t = ymd_of(from); cal_cmp(t, end) < 0; t = cal_next(t)) {
        int in_gap = 0;
        for (size_t i = 0; i < ngaps; i++)
            if (cal_cmp(ymd_of(gaps[i].from), t) <= 0 &&
                (!*gaps[i].to || cal_cmp(t, ymd_of(gaps[i].to)) < 0))
                in_gap = 1;
        n += !in_gap;
    }
    return n;
}

/* Whole years from `from` to from + days. */
static int cal_years_after(const char *from, long days)
{
    struct ymd a = ymd_of(from), t = a;
    for (long i = 0; i < days; i++)
        t = cal_next(t);
    int y = t.y - a.y;
    if (t.m < a.m || (t.m == a.m && t.d < a.d))
        y--;
    return y;
}

/* ---- names, labels, parsing ------------------------------------------------------------- */

static void check_table(const char *what, int n, const char *(*name)(int),
                        const char *(*label)(int))
{
    for (int i = 0; i < n; i++) {
        const char *a = name(i);
        if (!a || !*a || !strcmp(a, "?"))
            fail_msg("%s %d has no name", what, i);
        for (const char *p = a; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
                fail_msg("%s name '%s' is not a lowercase ASCII id", what, a);
        for (int j = 0; j < i; j++)
            if (!strcmp(a, name(j)))
                fail_msg("%s names %d and %d are both '%s'", what, i, j, a);
        if (label) {
            const char *l = label(i);
            if (!l || !*l || !strcmp(l, "?"))
                fail_msg("%s %d has no label", what, i);
        }
    }
    assert_string_equal(name(n), "?");
    assert_string_equal(name(-1), "?");
    if (label)
        assert_string_equal(label(n), "?");
}

/* Adapters: the enum-typed functions called through int. */
#define ADAPT(fn, type)                                                                            \
    static const char *fn##_i(int v)                                                               \
    {                                                                                              \
        return fn((type)v);                                                                        \
    }
ADAPT(gender_name, enum gender)
ADAPT(gender_label, enum gender)
ADAPT(theory_level_name, enum theory_level)
ADAPT(theory_level_label, enum theory_level)
ADAPT(member_status_name, enum member_status)
ADAPT(member_status_label, enum member_status)
ADAPT(member_event_kind_name, enum member_event_kind)
ADAPT(member_event_kind_label, enum member_event_kind)
ADAPT(transfer_kind_name, enum transfer_kind)
ADAPT(transfer_kind_label, enum transfer_kind)
ADAPT(discipline_form_name, enum discipline_form)
ADAPT(discipline_form_label, enum discipline_form)
ADAPT(exit_kind_name, enum exit_kind)
ADAPT(exit_kind_label, enum exit_kind)

static void test_names_and_labels(void **state)
{
    (void)state;
    check_table("gender", GENDER__MAX, gender_name_i, gender_label_i);
    check_table("theory level", THEORY__MAX, theory_level_name_i, theory_level_label_i);
    check_table("status", MEMBER_STATUS__MAX, member_status_name_i, member_status_label_i);
    check_table("event kind", MEV__MAX, member_event_kind_name_i, member_event_kind_label_i);
    check_table("transfer kind", TRANSFER__MAX, transfer_kind_name_i, transfer_kind_label_i);
    check_table("discipline form", DISCIPLINE__MAX, discipline_form_name_i,
                discipline_form_label_i);
    check_table("exit kind", EXIT__MAX, exit_kind_name_i, exit_kind_label_i);

    /* The ids the API contract and the statistics use. */
    assert_string_equal(gender_name(GENDER_FEMALE), "nu");
    assert_string_equal(gender_label(GENDER_FEMALE), "Nữ");
    assert_string_equal(theory_level_name(THEORY_CAO_CAP), "cao_cap");
    assert_string_equal(theory_level_label(THEORY_CAO_CAP), "Cao cấp");
    assert_string_equal(theory_level_name(THEORY_CU_NHAN), "cu_nhan");
    assert_string_equal(member_status_name(MEMBER_PROBATIONARY), "probationary");
    assert_string_equal(member_status_name(MEMBER_OFFICIAL), "official");
    assert_string_equal(member_status_label(MEMBER_PROBATIONARY), "Dự bị");
    assert_string_equal(discipline_form_name(DISCIPLINE_KHIEN_TRACH), "khien_trach");
    assert_string_equal(discipline_form_label(DISCIPLINE_KHIEN_TRACH), "Khiển trách");
    assert_string_equal(exit_kind_name(EXIT_XIN_RA), "xin_ra");
    assert_string_equal(exit_kind_name(EXIT_TU_TRAN), "tu_tran");
    assert_string_equal(transfer_kind_name(TRANSFER_TEMPORARY), "temporary");
}

enum which { W_GENDER, W_THEORY, W_STATUS, W_TRANSFER, W_DISCIPLINE, W_EXIT };

static enum tcxd_err parse_any(enum which w, const char *s, int *out, struct tcxd_error *e)
{
    enum tcxd_err rc;
    switch (w) {
    case W_GENDER: {
        enum gender v = GENDER__MAX;
        rc = gender_parse(s, &v, e);
        *out = (int)v;
        break;
    }
    case W_THEORY: {
        enum theory_level v = THEORY__MAX;
        rc = theory_level_parse(s, &v, e);
        *out = (int)v;
        break;
    }
    case W_STATUS: {
        enum member_status v = MEMBER_STATUS__MAX;
        rc = member_status_parse(s, &v, e);
        *out = (int)v;
        break;
    }
    case W_TRANSFER: {
        enum transfer_kind v = TRANSFER__MAX;
        rc = transfer_kind_parse(s, &v, e);
        *out = (int)v;
        break;
    }
    case W_DISCIPLINE: {
        enum discipline_form v = DISCIPLINE__MAX;
        rc = discipline_form_parse(s, &v, e);
        *out = (int)v;
        break;
    }
    default: {
        enum exit_kind v = EXIT__MAX;
        rc = exit_kind_parse(s, &v, e);
        *out = (int)v;
        break;
    }
    }
    return rc;
}

static const struct parse_case {
    enum which w;
    const char *in;
    int want;          /* -1: must fail */
    const char *field; /* on failure */
} parse_cases[] = {
    {W_GENDER, "nam", GENDER_MALE, NULL},
    {W_GENDER, "Nam", GENDER_MALE, NULL},
    {W_GENDER, "NAM", GENDER_MALE, NULL},
    {W_GENDER, "male", GENDER_MALE, NULL},
    {W_GENDER, "Nữ", GENDER_FEMALE, NULL},
    {W_GENDER, "NỮ", GENDER_FEMALE, NULL},
    {W_GENDER, "nu", GENDER_FEMALE, NULL},
    {W_GENDER, "female", GENDER_FEMALE, NULL},
    {W_GENDER, "n", -1, "gender"},
    {W_GENDER, "", -1, "gender"},
    {W_GENDER, "nam nu", -1, "gender"},
    {W_THEORY, "Cao cấp", THEORY_CAO_CAP, NULL},
    {W_THEORY, "cao_cap", THEORY_CAO_CAP, NULL},
    {W_THEORY, "cao-cap", THEORY_CAO_CAP, NULL},
    {W_THEORY, "CAO CẤP", THEORY_CAO_CAP, NULL},
    {W_THEORY, "Sơ cấp", THEORY_SO_CAP, NULL},
    {W_THEORY, "trung cap", THEORY_TRUNG_CAP, NULL},
    {W_THEORY, "Cử nhân", THEORY_CU_NHAN, NULL},
    {W_THEORY, "none", THEORY_NONE, NULL},
    {W_THEORY, "Không", THEORY_NONE, NULL},
    {W_THEORY, "Chưa qua đào tạo", THEORY_NONE, NULL},
    {W_THEORY, "chưa có", THEORY_NONE,
     NULL}, /* what exports wrote before the label was the forms' */
    {W_THEORY, "", THEORY_NONE, NULL},
    {W_THEORY, "tiến sĩ", -1, "theory_level"},
    {W_STATUS, "probationary", MEMBER_PROBATIONARY, NULL},
    {W_STATUS, "Dự bị", MEMBER_PROBATIONARY, NULL},
    {W_STATUS, "chính thức", MEMBER_OFFICIAL, NULL},
    {W_STATUS, "Từ trần", MEMBER_DECEASED, NULL},
    {W_STATUS, "transferred_out", MEMBER_TRANSFERRED_OUT, NULL},
    {W_STATUS, "exited", -1, "status"},
    {W_TRANSFER, "official", TRANSFER_OFFICIAL, NULL},
    {W_TRANSFER, "Tạm thời", TRANSFER_TEMPORARY, NULL},
    {W_TRANSFER, "org_change", TRANSFER_ORG_CHANGE, NULL},
    {W_TRANSFER, "permanent", -1, "kind"},
    {W_DISCIPLINE, "Khiển trách", DISCIPLINE_KHIEN_TRACH, NULL},
    {W_DISCIPLINE, "khien trach", DISCIPLINE_KHIEN_TRACH, NULL},
    {W_DISCIPLINE, "KHIỂN TRÁCH", DISCIPLINE_KHIEN_TRACH, NULL},
    {W_DISCIPLINE, "Cảnh cáo", DISCIPLINE_CANH_CAO, NULL},
    {W_DISCIPLINE, "cach_chuc", DISCIPLINE_CACH_CHUC, NULL},
    {W_DISCIPLINE, "Khai trừ", DISCIPLINE_KHAI_TRU, NULL},
    {W_DISCIPLINE, "xoa_ten", -1, "form"},
    {W_EXIT, "Xóa tên", EXIT_XOA_TEN, NULL},
    {W_EXIT, "Xoá tên", EXIT_XOA_TEN, NULL}, /* old-style tone placement */
    {W_EXIT, "xin ra khỏi Đảng", EXIT_XIN_RA, NULL},
    {W_EXIT, "xin_ra", EXIT_XIN_RA, NULL},
    {W_EXIT, "khai_tru", EXIT_KHAI_TRU, NULL},
    {W_EXIT, "Từ trần", EXIT_TU_TRAN, NULL},
    {W_EXIT, "chuyen_di", EXIT_CHUYEN_DI, NULL},
    {W_EXIT, "khien_trach", -1, "kind"},
};

static void test_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(parse_cases); i++) {
        const struct parse_case *c = &parse_cases[i];
        struct tcxd_error e = {0};
        int got = -2;
        enum tcxd_err rc = parse_any(c->w, c->in, &got, &e);
        if (c->want >= 0) {
            if (rc != TCXD_OK || got != c->want)
                fail_msg("parse '%s': rc %d got %d, want %d (%s)", c->in, rc, got, c->want, e.msg);
        } else {
            if (rc != TCXD_EINVAL)
                fail_msg("parse '%s' should fail, rc %d", c->in, rc);
            assert_string_equal(e.field, c->field);
            check_msg_shape(&e);
            if (*c->in && !strstr(e.msg, c->in))
                fail_msg("message does not name the value '%s': %s", c->in, e.msg);
        }
    }
}

/* Every name and every label parses back to its own value. */
static void test_parse_round_trip(void **state)
{
    (void)state;
    static const struct {
        enum which w;
        int n;
        const char *(*name)(int);
        const char *(*label)(int);
    } t[] = {
        {W_GENDER, GENDER__MAX, gender_name_i, gender_label_i},
        {W_THEORY, THEORY__MAX, theory_level_name_i, theory_level_label_i},
        {W_STATUS, MEMBER_STATUS__MAX, member_status_name_i, member_status_label_i},
        {W_TRANSFER, TRANSFER__MAX, transfer_kind_name_i, transfer_kind_label_i},
        {W_DISCIPLINE, DISCIPLINE__MAX, discipline_form_name_i, discipline_form_label_i},
        {W_EXIT, EXIT__MAX, exit_kind_name_i, exit_kind_label_i},
    };
    for (size_t k = 0; k < ARRAY_SIZE(t); k++)
        for (int i = 0; i < t[k].n; i++) {
            int got = -1;
            struct tcxd_error e = {0};
            if (parse_any(t[k].w, t[k].name(i), &got, &e) || got != i)
                fail_msg("name '%s' does not parse back (%s)", t[k].name(i), e.msg);
            if (parse_any(t[k].w, t[k].label(i), &got, &e) || got != i)
                fail_msg("label '%s' does not parse back (%s)", t[k].label(i), e.msg);
        }
}

static void test_status_active(void **state)
{
    (void)state;
    for (int s = 0; s < MEMBER_STATUS__MAX; s++)
        assert_int_equal(member_status_active((enum member_status)s),
                         s == MEMBER_PROBATIONARY || s == MEMBER_OFFICIAL);
}

/* ---- national id, admission checks ----------------------------------------------------- */

static void test_national_id(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        int ok;
    } t[] = {
        {"001203004567", 1},    {"079088001234", 1},
        {"000000000000", 1},    {"00120300456", 0}, /* 11 digits */
        {"0012030045678", 0},                       /* 13 digits */
        {"00120300456a", 0},    {"0012030045 6", 0},
        {" 01203004567", 0},    {"", 0},
        {"12345678901x", 0},    {"٠١٢٣٤٥٦٧٨٩٠١", 0}, /* Arabic-Indic */
        {"001-203-004-567", 0}, {"123456789", 0},
    };
    for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
        struct tcxd_error e = {0};
        enum tcxd_err rc = member_check_national_id(t[i].id, &e);
        if (t[i].ok) {
            if (rc != TCXD_OK)
                fail_msg("'%s' should pass: %s", t[i].id, e.msg);
            continue;
        }
        if (rc != TCXD_EINVAL)
            fail_msg("'%s' should fail", t[i].id);
        assert_string_equal(e.field, "national_id");
        check_msg_shape(&e);
        if (strlen(t[i].id) >= 6 && strstr(e.msg, t[i].id))
            fail_msg("the message repeats the id: %s", e.msg);
    }
}

static const struct admission_case {
    const char *birth, *decision, *ceremony, *today;
    enum tcxd_err rc;
    const char *field;
    const char *msg; /* exact message, or NULL */
} admission_cases[] = {
    /* Age by whole months on the decision date 15/06/2020. */
    {"15/06/2002", "15/06/2020", "20/06/2020", "01/01/2021", TCXD_OK, NULL, NULL}, /* 18y0m */
    {"16/06/2002", "15/06/2020", "20/06/2020", "01/01/2021", TCXD_ERULE, "birth_date",
     "age 17 years 11 months on the admission decision date 15/06/2020; must be 18 to 60"},
    {"15/07/2002", "15/06/2020", "20/06/2020", "01/01/2021", TCXD_ERULE, "birth_date",
     "age 17 years 11 months on the admission decision date 15/06/2020; must be 18 to 60"},
    {"15/06/2003", "15/06/2020", "20/06/2020", "01/01/2021", TCXD_ERULE, "birth_date",
     "age 17 years 0 months on the admission decision date 15/06/2020; must be 18 to 60"},
    {"15/06/1960", "15/06/2020", "20/06/2020", "01/01/2021", TCXD_OK, NULL, NULL}, /* 60y0m */
    {"16/05/1960", "15/06/2020", "20/06/2020", "01/01/2021", TCXD_OK, NULL, NULL}, /* 60y0m29d */
    {"15/05/1960", "15/06/2020", "20/06/2020", "01/01/2021", TCXD_ERULE, "birth_date",
     "age 60 years 1 month on the admission decision date 15/06/2020; must be 18 to 60"},
    {"01/01/1950", "15/06/2020", "20/06/2020", "01/01/2021", TCXD_ERULE, "birth_date",
     "age 70 years 5 months on the admission decision date 15/06/2020; must be 18 to 60"},
    {"01/01/1990", "15/06/2020", "20/06/2020", "01/01/2021", TCXD_OK, NULL, NULL},
    /* Born 29/02: full 18 on 28/02 of a common year (months clamp to the month's end). */
    {"29/02/2004", "28/02/2022", "01/03/2022", "01/01/2023", TCXD_OK, NULL, NULL},
    {"29/02/2004", "27/02/2022", "01/03/2022", "01/01/2023", TCXD_ERULE, "birth_date", NULL},
    /* Dates after today. */
    {"01/01/2030", "15/06/2020", "20/06/2020", "01/01/2021", TCXD_EINVAL, "birth_date", NULL},
    {"01/01/1990", "02/01/2021", "03/01/2021", "01/01/2021", TCXD_EINVAL, "decision_date",
     "admission decision date 02/01/2021 is after today (01/01/2021)"},
    {"01/01/1990", "15/06/2020", "02/01/2021", "01/01/2021", TCXD_EINVAL, "ceremony_date", NULL},
    /* On today is fine. */
    {"01/01/1990", "01/01/2021", "01/01/2021", "01/01/2021", TCXD_OK, NULL, NULL},
    /* Ceremony before the decision; birth not before the decision. */
    {"01/01/1990", "15/06/2020", "14/06/2020", "01/01/2021", TCXD_EINVAL, "ceremony_date",
     "admission ceremony date 14/06/2020 is before the admission decision date 15/06/2020"},
    {"15/06/2020", "15/06/2020", "20/06/2020", "01/01/2021", TCXD_EINVAL, "birth_date", NULL},
    /* Missing dates. */
    {NULL, "15/06/2020", "20/06/2020", "01/01/2021", TCXD_EINVAL, "birth_date", NULL},
    {"01/01/1990", NULL, "20/06/2020", "01/01/2021", TCXD_EINVAL, "decision_date", NULL},
    {"01/01/1990", "15/06/2020", NULL, "01/01/2021", TCXD_EINVAL, "ceremony_date", NULL},
};

static void test_check_admission(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(admission_cases); i++) {
        const struct admission_case *c = &admission_cases[i];
        struct tcxd_error e = {0};
        enum tcxd_err rc =
            member_check_admission(D(c->birth), D(c->decision), D(c->ceremony), D(c->today), &e);
        if (rc != c->rc)
            fail_msg("case %zu (birth %s): rc %d, want %d (%s)", i, c->birth ? c->birth : "-", rc,
                     c->rc, e.msg);
        if (rc == TCXD_OK)
            continue;
        assert_string_equal(e.field, c->field);
        check_msg_shape(&e);
        if (c->msg)
            assert_string_equal(e.msg, c->msg);
    }
}

static void test_official_date(void **state)
{
    (void)state;
    static const char *const t[][2] = {
        {"10/03/2020", "10/03/2021"}, {"31/01/2020", "31/01/2021"}, {"29/02/2020", "28/02/2021"},
        {"31/12/2019", "31/12/2020"}, {"28/02/2023", "28/02/2024"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(t); i++)
        assert_int_equal(member_official_date(D(t[i][0])), D(t[i][1]));
}

/* ---- replay ----------------------------------------------------------------------------- */

struct tev {
    enum member_event_kind kind;
    const char *date, *decision; /* NULL: DATE_NONE */
    int64_t org;
    int form;
    const char *until; /* NULL: open */
    int64_t seq;       /* 0: position in the table + 1 */
};

struct tstint {
    int64_t org;
    const char *from, *to; /* "" = open */
    enum stint_kind kind;
    enum member_status status;
};

struct tprobe {
    const char *on;
    enum member_status status;
    int64_t org;
};

#define MAXN 12

struct scenario {
    const char *name;
    struct tev ev[MAXN];
    /* after the last event */
    enum member_status status;
    int64_t org_id;
    int admissions;
    const char *first_decision, *ceremony, *official, *died;
    bool exempt;
    struct tstint stints[MAXN];
    struct test_gap gaps[4];
    struct tprobe probes[MAXN * 2];
};

/* Fills ev[] from the table (seq defaults to the position, so same-day order is the table's). */
static size_t load_events(const struct tev *t, struct member_event *ev)
{
    size_t n = 0;
    for (; n < MAXN && t[n].date; n++) {
        ev[n].seq = t[n].seq ? t[n].seq : (int64_t)n + 1;
        ev[n].kind = t[n].kind;
        ev[n].date = D(t[n].date);
        ev[n].decision_date = D(t[n].decision);
        ev[n].org_id = t[n].org;
        ev[n].form = t[n].form;
        ev[n].until = D(t[n].until);
    }
    return n;
}

#define ADMIT(date, dec, org)                                                                      \
    {                                                                                              \
        MEV_ADMIT, date, dec, org, 0, NULL, 0                                                      \
    }
#define OFFICIAL(date, dec)                                                                        \
    {                                                                                              \
        MEV_OFFICIAL, date, dec, 0, 0, NULL, 0                                                     \
    }
#define TRANSFER(date, org, k)                                                                     \
    {                                                                                              \
        MEV_TRANSFER, date, NULL, org, k, NULL, 0                                                  \
    }
#define TEMP(date, org, until)                                                                     \
    {                                                                                              \
        MEV_TRANSFER, date, NULL, org, TRANSFER_TEMPORARY, until, 0                                \
    }
#define RETURN(date)                                                                               \
    {                                                                                              \
        MEV_RETURN, date, NULL, 0, 0, NULL, 0                                                      \
    }
#define DISCIPLINE(date, f)                                                                        \
    {                                                                                              \
        MEV_DISCIPLINE, date, NULL, 0, f, NULL, 0                                                  \
    }
#define EXEMPT(date, f)                                                                            \
    {                                                                                              \
        MEV_EXEMPT, date, NULL, 0, f, NULL, 0                                                      \
    }
#define EXIT(date, k)                                                                              \
    {                                                                                              \
        MEV_EXIT, date, NULL, 0, k, NULL, 0                                                        \
    }
#define SUSPEND(date, f)                                                                           \
    {                                                                                              \
        MEV_SUSPEND, date, NULL, 0, f, NULL, 0                                                     \
    }
#define RESTORE(date, org)                                                                         \
    {                                                                                              \
        MEV_RESTORE, date, NULL, org, 0, NULL, 0                                                   \
    }
#define BADGE(date, years)                                                                         \
    {                                                                                              \
        MEV_BADGE, date, NULL, 0, years, NULL, 0                                                   \
    }
#define CARD(date, k)                                                                              \
    {                                                                                              \
        MEV_CARD, date, NULL, 0, k, NULL, 0                                                        \
    }
#define COMMEND(date, f)                                                                           \
    {                                                                                              \
        MEV_COMMEND, date, NULL, 0, f, NULL, 0                                                     \
    }
#define REG(org, from, to, st)                                                                     \
    {                                                                                              \
        org, from, to, STINT_REGISTERED, MEMBER_##st                                               \
    }
#define TMP(org, from, to, st)                                                                     \
    {                                                                                              \
        org, from, to, STINT_TEMPORARY, MEMBER_##st                                                \
    }
#define OUT(from, to, st)                                                                          \
    {                                                                                              \
        0, from, to, STINT_OUTSIDE, MEMBER_##st                                                    \
    }
#define P(on, st, org)                                                                             \
    {                                                                                              \
        on, MEMBER_##st, org                                                                       \
    }

static const struct scenario scenarios[] = {
    {
        .name = "admission only",
        .ev = {ADMIT("10/03/2020", "01/03/2020", 1)},
        .status = MEMBER_PROBATIONARY,
        .org_id = 1,
        .admissions = 1,
        .first_decision = "01/03/2020",
        .ceremony = "10/03/2020",
        .stints = {REG(1, "10/03/2020", "", PROBATIONARY)},
        .probes = {P("29/02/2020", NONE, 0), P("01/03/2020", NONE, 0), P("09/03/2020", NONE, 0),
                   P("10/03/2020", PROBATIONARY, 1), P("11/03/2020", PROBATIONARY, 1),
                   P("31/12/2030", PROBATIONARY, 1)},
    },
    {
        .name = "official recognition decided late",
        .ev = {ADMIT("10/03/2020", "01/03/2020", 1), OFFICIAL("10/03/2021", "20/04/2021")},
        .status = MEMBER_OFFICIAL,
        .org_id = 1,
        .admissions = 1,
        .first_decision = "01/03/2020",
        .ceremony = "10/03/2020",
        .official = "10/03/2021",
        .stints = {REG(1, "10/03/2020", "10/03/2021", PROBATIONARY),
                   REG(1, "10/03/2021", "", OFFICIAL)},
        .probes = {P("09/03/2020", NONE, 0), P("10/03/2020", PROBATIONARY, 1),
                   P("09/03/2021", PROBATIONARY, 1), P("10/03/2021", OFFICIAL, 1),
                   P("11/03/2021", OFFICIAL, 1)},
    },
    {
        .name = "official recognition decided on the day",
        .ev = {ADMIT("31/01/2020", "15/01/2020", 7), OFFICIAL("31/01/2021", "31/01/2021")},
        .status = MEMBER_OFFICIAL,
        .org_id = 7,
        .admissions = 1,
        .first_decision = "15/01/2020",
        .ceremony = "31/01/2020",
        .official = "31/01/2021",
        .stints = {REG(7, "31/01/2020", "31/01/2021", PROBATIONARY),
                   REG(7, "31/01/2021", "", OFFICIAL)},
        .probes = {P("30/01/2021", PROBATIONARY, 7), P("31/01/2021", OFFICIAL, 7)},
    },
    {
        .name = "official transfer",
        .ev = {ADMIT("10/03/2020", "01/03/2020", 1), OFFICIAL("10/03/2021", "15/03/2021"),
               TRANSFER("05/05/2022", 2, TRANSFER_OFFICIAL)},
        .status = MEMBER_OFFICIAL,
        .org_id = 2,
        .admissions = 1,
        .first_decision = "01/03/2020",
        .ceremony = "10/03/2020",
        .official = "10/03/2021",
        .stints = {REG(1, "10/03/2020", "10/03/2021", PROBATIONARY),
                   REG(1, "10/03/2021", "05/05/2022", OFFICIAL),
                   REG(2, "05/05/2022", "", OFFICIAL)},
        .probes = {P("04/05/2022", OFFICIAL, 1), P("05/05/2022", OFFICIAL, 2),
                   P("06/05/2022", OFFICIAL, 2)},
    },
    {
        .name = "transfer while probationary keeps the status",
        .ev = {ADMIT("10/03/2020", "01/03/2020", 1), TRANSFER("01/09/2020", 2, TRANSFER_OFFICIAL),
               OFFICIAL("10/03/2021", "15/03/2021")},
        .status = MEMBER_OFFICIAL,
        .org_id = 2,
        .admissions = 1,
        .first_decision = "01/03/2020",
        .ceremony = "10/03/2020",
        .official = "10/03/2021",
        .stints = {REG(1, "10/03/2020", "01/09/2020", PROBATIONARY),
                   REG(2, "01/09/2020", "10/03/2021", PROBATIONARY),
                   REG(2, "10/03/2021", "", OFFICIAL)},
        .probes = {P("31/08/2020", PROBATIONARY, 1), P("01/09/2020", PROBATIONARY, 2),
                   P("10/03/2021", OFFICIAL, 2)},
    },
    {
        .name = "organization change (merge)",
        .ev = {ADMIT("10/03/2020", "01/03/2020", 1), OFFICIAL("10/03/2021", "15/03/2021"),
               TRANSFER("01/07/2025", 9, TRANSFER_ORG_CHANGE)},
        .status = MEMBER_OFFICIAL,
        .org_id = 9,
        .admissions = 1,
        .first_decision = "01/03/2020",
        .ceremony = "10/03/2020",
        .official = "10/03/2021",
        .stints = {REG(1, "10/03/2020", "10/03/2021", PROBATIONARY),
                   REG(1, "10/03/2021", "01/07/2025", OFFICIAL),
                   REG(9, "01/07/2025", "", OFFICIAL)},
        .probes = {P("30/06/2025", OFFICIAL, 1), P("01/07/2025", OFFICIAL, 9)},
    },
    {
        .name = "temporary transfer and early return",
        .ev = {ADMIT("10/03/2020", "01/03/2020", 1), TEMP("01/06/2020", 3, "01/12/2020"),
               RETURN("15/11/2020")},
        .status = MEMBER_PROBATIONARY,
        .org_id = 1,
        .admissions = 1,
        .first_decision = "01/03/2020",
        .ceremony = "10/03/2020",
        .stints = {REG(1, "10/03/2020", "", PROBATIONARY),
                   TMP(3, "01/06/2020", "15/11/2020", PROBATIONARY)},
        /* the registered organization does not change */
        .probes = {P("31/05/2020", PROBATIONARY, 1), P("01/06/2020", PROBATIONARY, 1),
                   P("14/11/2020", PROBATIONARY, 1), P("15/11/2020", PROBATIONARY, 1)},
    },
    {
        .name = "temporary transfer, return after the planned end",
        .ev = {ADMIT("10/03/2020", "01/03/2020", 1), TEMP("01/06/2020", 3, "01/12/2020"),
               RETURN("10/12/2020")},
        .status = MEMBER_PROBATIONARY,
        .org_id = 1,
        .admissions = 1,
        .first_decision = "01/03/2020",
        .ceremony = "10/03/2020",
        .stints = {REG(1, "10/03/2020", "", PROBATIONARY),
                   TMP(3, "01/06/2020", "10/12/2020", PROBATIONARY)},
        .probes = {P("05/12/2020", PROBATIONARY, 1)},
    },
    {
        .name = "temporary transfer without return keeps its planned end",
        .ev = {ADMIT("10/03/2020", "01/03/2020", 1), TEMP("01/06/2020", 3, "01/12/2020"),
               TEMP("01/02/2021", 4, NULL)},
        .status = MEMBER_PROBATIONARY,
        .org_id = 1,
        .admissions = 1,
        .first_decision = "01/03/2020",
        .ceremony = "10/03/2020",
        .stints = {REG(1, "10/03/2020", "", PROBATIONARY),
                   TMP(3, "01/06/2020", "01/12/2020", PROBATIONARY),
                   TMP(4, "01/02/2021", "", PROBATIONARY)},
        .probes = {P("01/03/2021", PROBATIONARY, 1)},
    },
    {
        .name = "temporary transfer across official recognition",
        .ev = {ADMIT("10/03/2020", "01/03/2020", 1), TEMP("01/01/2021", 3, NULL),
               OFFICIAL("10/03/2021", "12/03/2021"), RETURN("01/06/2021")},
        .status = MEMBER_OFFICIAL,
        .org_id = 1,
        .admissions = 1,
        .first_decision = "01/03/2020",
        .ceremony = "10/03/2020",
        .official = "10/03/2021",
        .stints = {REG(1, "10/03/2020", "10/03/2021", PROBATIONARY),
                   TMP(3, "01/01/2021", "10/03/2021", PROBATIONARY),
                   REG(1, "10/03/2021", "", OFFICIAL),
                   TMP(3, "10/03/2021", "01/06/2021", OFFICIAL)},
        .probes = {P("09/03/2021", PROBATIONARY, 1), P("10/03/2021", OFFICIAL, 1)},
    },
    {
        .name = "official transfer ends a temporary one",
        .ev = {ADMIT("10/03/2020", "01/03/2020", 1), TEMP("01/06/2020", 3, NULL),
               TRANSFER("01/09/2020", 3, TRANSFER_OFFICIAL)},
        .status = MEMBER_PROBATIONARY,
        .org_id = 3,
        .admissions = 1,
        .first_decision = "01/03/2020",
        .ceremony = "10/03/2020",
        .stints = {REG(1, "10/03/2020", "01/09/2020", PROBATIONARY),
                   TMP(3, "01/06/2020", "01/09/2020", PROBATIONARY),
                   REG(3, "01/09/2020", "", PROBATIONARY)},
        .probes = {P("31/08/2020", PROBATIONARY, 1), P("01/09/2020", PROBATIONARY, 3)},
    },
    {
        .name = "discipline keeps membership, khai tru ends it",
        .ev = {ADMIT("10/03/2020", "01/03/2020", 1),
               DISCIPLINE("01/06/2020", DISCIPLINE_KHIEN_TRACH),
               DISCIPLINE("01/07/2020", DISCIPLINE_CANH_CAO), OFFICIAL("10/03/2021", "10/03/2021"),
               DISCIPLINE("01/01/2022", DISCIPLINE_CACH_CHUC),
               DISCIPLINE("01/06/2023", DISCIPLINE_KHAI_TRU)},
        .status = MEMBER_REMOVED,
        .org_id = 1,
        .admissions = 1,
        .first_decision = "01/03/2020",
        .ceremony = "10/03/2020",
        .official = "10/03/2021",
        .stints = {REG(1, "10/03/2020", "10/03/2021", PROBATIONARY),
                   REG(1, "10/03/2021", "01/06/2023", OFFICIAL)},
        .gaps = {{"01/06/2023", ""}},
        .probes = {P("01/06/2020", PROBATIONARY, 1), P("01/01/2022", OFFICIAL, 1),
                   P("31/05/2023", OFFICIAL, 1), P("01/06/2023", REMOVED, 0),
                   P("01/06/2030", REMOVED, 0)},
    },
    {
        .name = "exemption starts and ends",
        .ev = {ADMIT("10/03/2000", "01/03/2000", 1), OFFICIAL("10/03/2001", "10/03/2001"),
               EXEMPT("01/01/2020", 0), EXEMPT("01/01/2021", 1), EXEMPT("01/01/2022", 0)},
        .status = MEMBER_OFFICIAL,
        .org_id = 1,
        .admissions = 1,
        .exempt = true,
        .first_decision = "01/03/2000",
        .ceremony = "10/03/2000",
        .official = "10/03/2001",
        .stints = {REG(1, "10/03/2000", "10/03/2001", PROBATIONARY),
                   REG(1, "10/03/2001", "", OFFICIAL)},
        .probes = {P("01/01/2020", OFFICIAL, 1)},
    },
    {
        .name = "xoa ten of a probationary member",
        .ev = {ADMIT("10/03/2020", "01/03/2020", 1), TEMP("01/06/2020", 3, NULL),
               EXIT("01/04/2021", EXIT_XOA_TEN)},
        .status = MEMBER_REMOVED,
        .org_id = 1,
        .admissions = 1,
        .first_decision = "01/03/2020",
        .ceremony = "10/03/2020",
        .stints = {REG(1, "10/03/2020", "01/04/2021", PROBATIONARY),
                   TMP(3, "01/06/2020", "01/04/2021", PROBATIONARY)},
        .gaps = {{"01/04/2021", ""}},
        .probes = {P("31/03/2021", PROBATIONARY, 1), P("01/04/2021", REMOVED, 0)},
    },
    {
        .name = "xin ra",
        .ev = {ADMIT("10/03/2000", "01/03/2000", 1), OFFICIAL("10/03/2001", "10/03/2001"),
               EXEMPT("01/01/2010", 0), EXIT("01/01/2012", EXIT_XIN_RA)},
        .status = MEMBER_REMOVED,
        .org_id = 1,
        .admissions = 1,
        .first_decision = "01/03/2000",
        .ceremony = "10/03/2000",
        .official = "10/03/2001",
        .stints = {REG(1, "10/03/2000", "10/03/2001", PROBATIONARY),
                   REG(1, "10/03/2001", "01/01/2012", OFFICIAL)},
        .gaps = {{"01/01/2012", ""}},
        .probes = {P("31/12/2011", OFFICIAL, 1), P("01/01/2012", REMOVED, 0)},
    },
    {
        .name = "death",
        .ev = {ADMIT("10/03/1970", "01/03/1970", 1), OFFICIAL("10/03/1971", "10/03/1971"),
               EXIT("05/09/2020", EXIT_TU_TRAN)},
        .status = MEMBER_DECEASED,
        .org_id = 1,
        .admissions = 1,
        .first_decision = "01/03/1970",
        .ceremony = "10/03/1970",
        .official = "10/03/1971",
        .died = "05/09/2020",
        .stints = {REG(1, "10/03/1970", "10/03/1971", PROBATIONARY),
                   REG(1, "10/03/1971", "05/09/2020", OFFICIAL)},
        .probes = {P("04/09/2020", OFFICIAL, 1), P("05/09/2020", DECEASED, 0),
                   P("01/01/2030", DECEASED, 0)},
    },
    {
        .name = "transfer out of the party committee",
        .ev = {ADMIT("10/03/2000", "01/03/2000", 1), OFFICIAL("10/03/2001", "10/03/2001"),
               EXIT("01/02/2015", EXIT_CHUYEN_DI)},
        .status = MEMBER_TRANSFERRED_OUT,
        .org_id = 1,
        .admissions = 1,
        .first_decision = "01/03/2000",
        .ceremony = "10/03/2000",
        .official = "10/03/2001",
        .stints = {REG(1, "10/03/2000", "10/03/2001", PROBATIONARY),
                   REG(1, "10/03/2001", "01/02/2015", OFFICIAL)},
        .probes = {P("31/01/2015", OFFICIAL, 1), P("01/02/2015", TRANSFERRED_OUT, 0),
                   P("01/02/2016", TRANSFERRED_OUT, 0), P("05/03/2000", NONE, 0)},
    },
    {
        .name = "re-admission after xoa ten",
        .ev = {ADMIT("10/03/2000", "01/03/2000", 1), OFFICIAL("10/03/2001", "15/03/2001"),
               EXIT("01/07/2005", EXIT_XOA_TEN), ADMIT("20/02/2010", "01/02/2010", 2),
               OFFICIAL("20/02/2011", "01/03/2011")},
        .status = MEMBER_OFFICIAL,
        .org_id = 2,
        .admissions = 2,
        .first_decision = "01/03/2000",
        .ceremony = "20/02/2010",
        .official = "20/02/2011",
        .stints = {REG(1, "10/03/2000", "10/03/2001", PROBATIONARY),
                   REG(1, "10/03/2001", "01/07/2005", OFFICIAL),
                   REG(2, "20/02/2010", "20/02/2011", PROBATIONARY),
                   REG(2, "20/02/2011", "", OFFICIAL)},
        .gaps = {{"01/07/2005", "01/02/2010"}},
        .probes = {P("30/06/2005", OFFICIAL, 1), P("01/07/2005", REMOVED, 0),
                   P("01/01/2008", REMOVED, 0), P("31/01/2010", REMOVED, 0),
                   P("01/02/2010", REMOVED, 0), P("19/02/2010", REMOVED, 0),
                   P("20/02/2010", PROBATIONARY, 2), P("20/02/2011", OFFICIAL, 2)},
    },
    {
        .name = "re-admission after khai tru, expelled again",
        .ev = {ADMIT("10/03/2000", "01/03/2000", 1), OFFICIAL("10/03/2001", "15/03/2001"),
               DISCIPLINE("01/07/2005", DISCIPLINE_KHAI_TRU), ADMIT("20/02/2010", "01/02/2010", 2),
               OFFICIAL("20/02/2011", "01/03/2011"), EXIT("01/01/2015", EXIT_KHAI_TRU)},
        .status = MEMBER_REMOVED,
        .org_id = 2,
        .admissions = 2,
        .first_decision = "01/03/2000",
        .ceremony = "20/02/2010",
        .official = "20/02/2011",
        .stints = {REG(1, "10/03/2000", "10/03/2001", PROBATIONARY),
                   REG(1, "10/03/2001", "01/07/2005", OFFICIAL),
                   REG(2, "20/02/2010", "20/02/2011", PROBATIONARY),
                   REG(2, "20/02/2011", "01/01/2015", OFFICIAL)},
        .gaps = {{"01/07/2005", "01/02/2010"}, {"01/01/2015", ""}},
        .probes = {P("10/02/2010", REMOVED, 0), P("31/12/2014", OFFICIAL, 2),
                   P("01/01/2015", REMOVED, 0)},
    },
    {
        .name = "re-admission decided on the exit day leaves no gap",
        .ev = {ADMIT("10/03/2000", "01/03/2000", 1), EXIT("01/07/2000", EXIT_XOA_TEN),
               ADMIT("10/07/2000", "01/07/2000", 1)},
        .status = MEMBER_PROBATIONARY,
        .org_id = 1,
        .admissions = 2,
        .first_decision = "01/03/2000",
        .ceremony = "10/07/2000",
        .stints = {REG(1, "10/03/2000", "01/07/2000", PROBATIONARY),
                   REG(1, "10/07/2000", "", PROBATIONARY)},
        .probes = {P("05/07/2000", REMOVED, 0), P("10/07/2000", PROBATIONARY, 1)},
    },
    {
        .name = "same-day events: zero-length stints dropped, order by seq",
        /* given out of order; seq decides the order on the same day */
        .ev = {{MEV_TRANSFER, "10/03/2020", NULL, 2, TRANSFER_OFFICIAL, NULL, 20},
               {MEV_TRANSFER, "10/03/2020", NULL, 3, TRANSFER_OFFICIAL, NULL, 30},
               {MEV_ADMIT, "10/03/2020", "01/03/2020", 1, 0, NULL, 10}},
        .status = MEMBER_PROBATIONARY,
        .org_id = 3,
        .admissions = 1,
        .first_decision = "01/03/2020",
        .ceremony = "10/03/2020",
        .stints = {REG(3, "10/03/2020", "", PROBATIONARY)},
        .probes = {P("09/03/2020", NONE, 0), P("10/03/2020", PROBATIONARY, 3)},
    },
    {
        .name = "events given out of date order",
        .ev = {TRANSFER("05/05/2022", 2, TRANSFER_OFFICIAL), OFFICIAL("10/03/2021", "15/03/2021"),
               ADMIT("10/03/2020", "01/03/2020", 1)},
        .status = MEMBER_OFFICIAL,
        .org_id = 2,
        .admissions = 1,
        .first_decision = "01/03/2020",
        .ceremony = "10/03/2020",
        .official = "10/03/2021",
        .stints = {REG(1, "10/03/2020", "10/03/2021", PROBATIONARY),
                   REG(1, "10/03/2021", "05/05/2022", OFFICIAL),
                   REG(2, "05/05/2022", "", OFFICIAL)},
        .probes = {P("04/05/2022", OFFICIAL, 1), P("05/05/2022", OFFICIAL, 2)},
    },
    {
        .name = "admitted and transferred out on the same day",
        .ev = {ADMIT("10/03/2020", "01/03/2020", 1), EXIT("10/03/2020", EXIT_CHUYEN_DI)},
        .status = MEMBER_TRANSFERRED_OUT,
        .org_id = 1,
        .admissions = 1,
        .first_decision = "01/03/2020",
        .ceremony = "10/03/2020",
        .probes = {P("09/03/2020", NONE, 0), P("10/03/2020", TRANSFERRED_OUT, 0)},
    },
    {
        /* admitted in 1990 outside the database, official in 1991, arrived on 01/07/2025 in a
           chi bộ created that day: a member all along, in the tree from the arrival only */
        .name = "admitted outside the database, arrived later",
        .ev = {ADMIT("10/01/1990", "05/01/1990", 0), OFFICIAL("10/01/1991", "15/01/1991"),
               TRANSFER("01/07/2025", 9, TRANSFER_OFFICIAL)},
        .status = MEMBER_OFFICIAL,
        .org_id = 9,
        .admissions = 1,
        .first_decision = "05/01/1990",
        .ceremony = "10/01/1990",
        .official = "10/01/1991",
        .stints = {OUT("10/01/1990", "10/01/1991", PROBATIONARY),
                   OUT("10/01/1991", "01/07/2025", OFFICIAL), REG(9, "01/07/2025", "", OFFICIAL)},
        .probes = {P("09/01/1990", NONE, 0), P("10/01/1990", PROBATIONARY, 0),
                   P("10/01/1991", OFFICIAL, 0), P("30/06/2025", OFFICIAL, 0),
                   P("01/07/2025", OFFICIAL, 9)},
    },
    {
        .name = "admitted outside, died before arriving",
        .ev = {ADMIT("10/01/1990", "05/01/1990", 0), EXIT("01/02/1990", EXIT_TU_TRAN)},
        .status = MEMBER_DECEASED,
        .org_id = 0,
        .admissions = 1,
        .first_decision = "05/01/1990",
        .ceremony = "10/01/1990",
        .died = "01/02/1990",
        .stints = {OUT("10/01/1990", "01/02/1990", PROBATIONARY)},
        .probes = {P("31/01/1990", PROBATIONARY, 0), P("01/02/1990", DECEASED, 0)},
    },
    {
        /* xóa tên by mistake, phục hồi đảng tịch: party age continuous, registered again */
        .name = "restoration after xoa ten",
        .ev = {ADMIT("10/03/2000", "01/03/2000", 1), OFFICIAL("10/03/2001", "15/03/2001"),
               EXIT("01/07/2005", EXIT_XOA_TEN), RESTORE("01/01/2007", 2)},
        .status = MEMBER_OFFICIAL,
        .org_id = 2,
        .admissions = 1,
        .first_decision = "01/03/2000",
        .ceremony = "10/03/2000",
        .official = "10/03/2001",
        .stints = {REG(1, "10/03/2000", "10/03/2001", PROBATIONARY),
                   REG(1, "10/03/2001", "01/07/2005", OFFICIAL),
                   REG(2, "01/01/2007", "", OFFICIAL)},
        .probes = {P("30/06/2005", OFFICIAL, 1), P("01/07/2005", REMOVED, 0),
                   P("31/12/2006", REMOVED, 0), P("01/01/2007", OFFICIAL, 2)},
    },
    {
        .name = "badges, card, commendation, suspension",
        .ev = {ADMIT("10/01/1990", "05/01/1990", 1), OFFICIAL("10/01/1991", "15/01/1991"),
               CARD("01/06/1991", CARD_ISSUED), COMMEND("01/09/2000", COMMEND_GIAY_KHEN),
               BADGE("03/02/2019", 30), /* 29 years and 1 month: 12 months early at most */
               CARD("01/08/2025", CARD_EXCHANGED), SUSPEND("01/10/2025", 0),
               SUSPEND("01/12/2025", 1), SUSPEND("01/02/2026", 0)},
        .status = MEMBER_OFFICIAL,
        .org_id = 1,
        .admissions = 1,
        .first_decision = "05/01/1990",
        .ceremony = "10/01/1990",
        .official = "10/01/1991",
        .stints = {REG(1, "10/01/1990", "10/01/1991", PROBATIONARY),
                   REG(1, "10/01/1991", "", OFFICIAL)},
        .probes = {P("01/01/2026", OFFICIAL, 1)},
    },
};

static void check_scenario(const struct scenario *s)
{
    struct member_event ev[MAXN];
    size_t n = load_events(s->ev, ev);
    struct member_derived d;
    struct tcxd_error e = {0};
    member_derived_init(&d);
    enum tcxd_err rc = member_replay(ev, n, &d, &e);
    if (rc != TCXD_OK)
        fail_msg("%s: replay failed: %s", s->name, e.msg);

    for (size_t i = 1; i < n; i++)
        if (ev[i - 1].date > ev[i].date ||
            (ev[i - 1].date == ev[i].date && ev[i - 1].seq > ev[i].seq))
            fail_msg("%s: events not sorted by (date, seq)", s->name);

    if (d.status != s->status)
        fail_msg("%s: status %s, want %s", s->name, member_status_name(d.status),
                 member_status_name(s->status));
    if (d.org_id != s->org_id)
        fail_msg("%s: org %lld, want %lld", s->name, (long long)d.org_id, (long long)s->org_id);
    if (d.admissions != s->admissions)
        fail_msg("%s: admissions %d, want %d", s->name, d.admissions, s->admissions);
    if (d.exempt != s->exempt)
        fail_msg("%s: exempt %d, want %d", s->name, d.exempt, s->exempt);
    if (d.first_decision != D(s->first_decision) || d.ceremony != D(s->ceremony) ||
        d.official != D(s->official) || d.died != D(s->died))
        fail_msg("%s: dates differ (first decision, ceremony, official, died)", s->name);

    size_t ns = 0;
    while (ns < MAXN && s->stints[ns].from)
        ns++;
    if (d.nstints != ns)
        fail_msg("%s: %zu stints, want %zu", s->name, d.nstints, ns);
    for (size_t i = 0; i < ns; i++) {
        const struct tstint *w = &s->stints[i];
        const struct member_stint *g = &d.stints[i];
        if (g->org_id != w->org || g->from != D(w->from) || g->to != D(w->to) ||
            g->kind != w->kind || g->status != w->status)
            fail_msg("%s: stint %zu is (org %lld, %d..%d, kind %d, %s), want (org %lld, %s..%s, "
                     "kind %d, %s)",
                     s->name, i, (long long)g->org_id, g->from, g->to, g->kind,
                     member_status_name(g->status), (long long)w->org, w->from,
                     *w->to ? w->to : "open", w->kind, member_status_name(w->status));
    }

    size_t ng = 0;
    while (ng < 4 && s->gaps[ng].from)
        ng++;
    if (d.ngaps != ng)
        fail_msg("%s: %zu gaps, want %zu", s->name, d.ngaps, ng);
    for (size_t i = 0; i < ng; i++)
        if (d.gaps[i].from != D(s->gaps[i].from) || d.gaps[i].to != D(s->gaps[i].to) ||
            d.gaps[i].kind != GAP_OUT_OF_PARTY)
            fail_msg("%s: gap %zu differs", s->name, i);

    for (size_t i = 0; i < ARRAY_SIZE(s->probes) && s->probes[i].on; i++) {
        const struct tprobe *p = &s->probes[i];
        enum member_status st = member_status_on(&d, D(p->on));
        int64_t org = member_org_on(&d, D(p->on));
        if (st != p->status || org != p->org)
            fail_msg("%s: on %s status %s org %lld, want %s org %lld", s->name, p->on,
                     member_status_name(st), (long long)org, member_status_name(p->status),
                     (long long)p->org);
    }

    /* Party age against the independent calendar, on a spread of days. */
    if (s->first_decision) {
        static const char *const days[] = {"01/01/1969", "02/03/1970", "01/03/2000", "02/03/2000",
                                           "28/02/2001", "01/03/2001", "30/06/2005", "01/01/2008",
                                           "01/02/2010", "01/03/2011", "15/08/2020", "01/03/2030"};
        for (size_t i = 0; i < ARRAY_SIZE(days); i++) {
            const char *on = days[i];
            /* death stops the count */
            if (s->died && cal_cmp(ymd_of(on), ymd_of(s->died)) > 0)
                on = s->died;
            long want = cal_party_days(s->first_decision, on, s->gaps, ng);
            int64_t got = member_party_age_days(&d, D(days[i]));
            if (got != want)
                fail_msg("%s: party age on %s is %lld days, want %ld", s->name, days[i],
                         (long long)got, want);
            int wy = cal_years_after(s->first_decision, want);
            int gy = member_party_age_years(&d, D(days[i]));
            if (gy != wy)
                fail_msg("%s: party age on %s is %d years, want %d", s->name, days[i], gy, wy);
        }
    }
    member_derived_release(&d);
    assert_null(d.stints);
    assert_int_equal(d.nstints, 0);
}

static void test_replay_scenarios(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(scenarios); i++)
        check_scenario(&scenarios[i]);
}

/* A member_derived is reused: the second replay starts from nothing. */
static void test_replay_resets(void **state)
{
    (void)state;
    struct member_derived d;
    struct tcxd_error e = {0};
    struct member_event ev[MAXN];
    member_derived_init(&d);
    const struct scenario *re = NULL;
    for (size_t i = 0; i < ARRAY_SIZE(scenarios); i++)
        if (!strcmp(scenarios[i].name, "re-admission after xoa ten"))
            re = &scenarios[i];
    assert_non_null(re);
    size_t n = load_events(re->ev, ev);
    assert_int_equal(member_replay(ev, n, &d, &e), TCXD_OK);
    assert_int_equal(d.admissions, 2);
    n = load_events(scenarios[0].ev, ev);
    assert_int_equal(member_replay(ev, n, &d, &e), TCXD_OK);
    assert_int_equal(d.admissions, 1);
    assert_int_equal(d.nstints, 1);
    assert_int_equal(d.ngaps, 0);
    assert_int_equal(d.official, DATE_NONE);
    assert_int_equal(member_replay(ev, 0, &d, &e), TCXD_OK);
    assert_int_equal(d.status, MEMBER_NONE);
    assert_int_equal(d.nstints, 0);
    assert_int_equal(d.first_decision, DATE_NONE);
    assert_int_equal(member_party_age_days(&d, D("01/01/2030")), 0);
    assert_int_equal(member_party_age_years(&d, D("01/01/2030")), 0);
    assert_int_equal(member_status_on(&d, D("01/01/2030")), MEMBER_NONE);
    assert_int_equal(member_org_on(&d, D("01/01/2030")), 0);
    member_derived_release(&d);
}

/* Party age with a gap, spelled out: 30 calendar years minus the 4 years 7 months out. */
static void test_party_age_gap(void **state)
{
    (void)state;
    struct tev t[] = {ADMIT("10/03/2000", "01/03/2000", 1),
                      OFFICIAL("10/03/2001", "15/03/2001"),
                      EXIT("01/07/2005", EXIT_XOA_TEN),
                      ADMIT("20/02/2010", "01/02/2010", 2),
                      {0}};
    struct member_event ev[MAXN];
    struct member_derived d;
    struct tcxd_error e = {0};
    member_derived_init(&d);
    assert_int_equal(member_replay(ev, load_events(t, ev), &d, &e), TCXD_OK);
    /* 01/03/2000 -> 01/07/2005 is 5 years 4 months; 01/02/2010 -> 01/03/2030 is 20 years 1 month:
       25 years 5 months in all. */
    assert_int_equal(member_party_age_years(&d, D("01/03/2030")), 25);
    /* Time stands still in the gap. */
    assert_int_equal(member_party_age_days(&d, D("01/07/2005")),
                     member_party_age_days(&d, D("01/02/2010")));
    assert_int_equal(member_party_age_days(&d, D("02/02/2010")),
                     member_party_age_days(&d, D("01/07/2005")) + 1);
    /* Counted from the decision, not the ceremony. */
    assert_int_equal(member_party_age_days(&d, D("01/03/2000")), 0);
    assert_int_equal(member_party_age_days(&d, D("05/03/2000")), 4);
    assert_int_equal(member_party_age_days(&d, D("01/01/1999")), 0);
    assert_int_equal(member_party_age_years(&d, D("28/02/2001")), 0);
    assert_int_equal(member_party_age_years(&d, D("01/03/2001")), 1);
    member_derived_release(&d);
}

/* ---- refusals --------------------------------------------------------------------------- */

struct refusal {
    const char *name;
    struct tev ev[MAXN];
    enum tcxd_err rc;
    const char *field;
    const char *has; /* a substring the message must contain (the event and its date) */
};

#define ADMITTED   ADMIT("10/03/2020", "01/03/2020", 1)
#define OFFICIALLY OFFICIAL("10/03/2021", "15/03/2021")

static const struct refusal refusals[] = {
    {"a badge too early (party age 24 years 1 month)",
     {ADMIT("10/01/1995", "05/01/1995", 1), OFFICIAL("10/01/1996", "15/01/1996"),
      BADGE("03/02/2019", 30)},
     TCXD_ERULE,
     "years",
     "the 30-year badge needs 30 years"},
    {"the same badge twice",
     {ADMIT("10/01/1980", "05/01/1980", 1), OFFICIAL("10/01/1981", "15/01/1981"),
      BADGE("03/02/2010", 30), BADGE("03/02/2011", 30)},
     TCXD_ERULE,
     "years",
     "already presented"},
    {"a 70-year badge 25 months early",
     {ADMIT("10/01/1950", "05/01/1950", 1), OFFICIAL("10/01/1951", "15/01/1951"),
      BADGE("04/12/2017", 70)},
     TCXD_ERULE,
     "years",
     "at most 24 months early"},
    {"a party card for a probationary member",
     {ADMIT("10/01/2020", "05/01/2020", 1), CARD("01/06/2020", CARD_ISSUED)},
     TCXD_ERULE,
     "date",
     "official members"},
    {"suspended twice",
     {ADMITTED, SUSPEND("01/06/2020", 0), SUSPEND("01/07/2020", 0)},
     TCXD_ERULE,
     "date",
     "already suspended"},
    {"restoring a member",
     {ADMITTED, RESTORE("01/06/2020", 2)},
     TCXD_ERULE,
     "date",
     "only a person removed from the party can be restored"},
    {"temporary transfer while admitted outside the database",
     {ADMIT("10/01/1990", "05/01/1990", 0), TEMP("01/01/1995", 3, NULL)},
     TCXD_ERULE,
     "kind",
     "has not arrived in a chi bộ yet"},
    {"official before admission",
     {OFFICIAL("10/03/2021", "15/03/2021")},
     TCXD_ERULE,
     "date",
     "official recognition on 10/03/2021: the person has not been admitted yet"},
    {"transfer before admission",
     {TRANSFER("01/01/2020", 2, TRANSFER_OFFICIAL), ADMITTED},
     TCXD_ERULE,
     "date",
     "transfer on 01/01/2020"},
    {"exit before admission",
     {EXIT("01/01/2019", EXIT_TU_TRAN), ADMITTED},
     TCXD_ERULE,
     "date",
     "exit on 01/01/2019"},
    {"discipline before admission",
     {DISCIPLINE("01/01/2019", 0)},
     TCXD_ERULE,
     "date",
     "discipline on 01/01/2019"},
    {"exemption before admission",
     {EXEMPT("01/01/2019", 0)},
     TCXD_ERULE,
     "date",
     "exemption on 01/01/2019"},
    {"return before admission",
     {RETURN("01/01/2019")},
     TCXD_ERULE,
     "date",
     "return from temporary transfer on 01/01/2019"},
    {"admission without decision date",
     {ADMIT("10/03/2020", NULL, 1)},
     TCXD_EINVAL,
     "decision_date",
     "admission on 10/03/2020"},
    {"ceremony before decision",
     {ADMIT("10/03/2020", "11/03/2020", 1)},
     TCXD_EINVAL,
     "ceremony_date",
     "admission on 10/03/2020: the ceremony is before the admission decision "
     "of 11/03/2020"},
    {"admission with a bad chi bo (0 is outside the database, allowed)",
     {ADMIT("10/03/2020", "01/03/2020", -1)},
     TCXD_EINVAL,
     "org_id",
     "admission on 10/03/2020"},
    {"admission of a member",
     {ADMITTED, ADMIT("10/03/2022", "01/03/2022", 1)},
     TCXD_ERULE,
     "date",
     "admission on 10/03/2022: the person is already a party member"},
    {"re-admission of the dead",
     {ADMITTED, EXIT("01/01/2022", EXIT_TU_TRAN), ADMIT("10/03/2022", "01/03/2022", 1)},
     TCXD_ERULE,
     "date",
     "admission on 10/03/2022"},
    {"re-admission after transfer out",
     {ADMITTED, EXIT("01/01/2022", EXIT_CHUYEN_DI), ADMIT("10/03/2022", "01/03/2022", 1)},
     TCXD_ERULE,
     "date",
     "admission on 10/03/2022"},
    {"third admission",
     {ADMITTED, EXIT("01/01/2021", EXIT_XOA_TEN), ADMIT("10/03/2022", "01/03/2022", 1),
      EXIT("01/01/2023", EXIT_XOA_TEN), ADMIT("10/03/2024", "01/03/2024", 1)},
     TCXD_ERULE,
     "date",
     "admission on 10/03/2024: re-admission is allowed only once"},
    {"re-admission decided before the exit",
     {ADMITTED,
      {MEV_EXIT, "01/01/2021", NULL, 0, EXIT_XOA_TEN, NULL, 0},
      ADMIT("10/01/2021", "15/12/2020", 1)},
     TCXD_ERULE,
     "decision_date",
     "re-admission decided on 15/12/2020, before the exit on 01/01/2021"},
    {"official recognition one day early",
     {ADMITTED, OFFICIAL("09/03/2021", "15/03/2021")},
     TCXD_EINVAL,
     "date",
     "official recognition on 09/03/2021: official status takes effect on "
     "10/03/2021"},
    {"official recognition one day late",
     {ADMITTED, OFFICIAL("11/03/2021", "15/03/2021")},
     TCXD_EINVAL,
     "date",
     "official recognition on 11/03/2021"},
    {"official recognition decided before 12 months",
     {ADMITTED, OFFICIAL("10/03/2021", "01/03/2021")},
     TCXD_ERULE,
     "decision_date",
     "official recognition decided on 01/03/2021, before the 12 months of probation end on "
     "10/03/2021"},
    {"official recognition decided the day before",
     {ADMITTED, OFFICIAL("10/03/2021", "09/03/2021")},
     TCXD_ERULE,
     "decision_date",
     "decided on 09/03/2021"},
    {"official recognition without decision date",
     {ADMITTED, OFFICIAL("10/03/2021", NULL)},
     TCXD_EINVAL,
     "decision_date",
     "official recognition on 10/03/2021"},
    {"official recognition twice",
     {ADMITTED, OFFICIALLY, OFFICIAL("10/03/2021", "20/03/2021")},
     TCXD_ERULE,
     "date",
     "official recognition on 10/03/2021: the member is not probationary (official)"},
    {"official recognition after xoa ten",
     {ADMITTED, EXIT("01/03/2021", EXIT_XOA_TEN), OFFICIALLY},
     TCXD_ERULE,
     "date",
     "official recognition on 10/03/2021"},
    {"transfer to the same chi bo",
     {ADMITTED, TRANSFER("01/06/2020", 1, TRANSFER_OFFICIAL)},
     TCXD_ERULE,
     "org_id",
     "transfer on 01/06/2020: the member is already registered"},
    {"org change to the same chi bo",
     {ADMITTED, TRANSFER("01/06/2020", 1, TRANSFER_ORG_CHANGE)},
     TCXD_ERULE,
     "org_id",
     "transfer on 01/06/2020"},
    {"temporary transfer to the home chi bo",
     {ADMITTED, TEMP("01/06/2020", 1, NULL)},
     TCXD_ERULE,
     "org_id",
     "transfer on 01/06/2020"},
    {"transfer without organization",
     {ADMITTED, TRANSFER("01/06/2020", 0, TRANSFER_OFFICIAL)},
     TCXD_EINVAL,
     "org_id",
     "transfer on 01/06/2020"},
    {"transfer of invalid kind",
     {ADMITTED, TRANSFER("01/06/2020", 2, 7)},
     TCXD_EINVAL,
     "kind",
     "transfer on 01/06/2020"},
    {"temporary transfer ending before it starts",
     {ADMITTED, TEMP("01/06/2020", 2, "01/06/2020")},
     TCXD_EINVAL,
     "until",
     "transfer on 01/06/2020"},
    {"second temporary transfer while one runs",
     {ADMITTED, TEMP("01/06/2020", 2, "01/12/2020"), TEMP("01/11/2020", 3, NULL)},
     TCXD_ERULE,
     "date",
     "transfer on 01/11/2020: the member is already on a temporary transfer since "
     "01/06/2020"},
    {"transfer after exit",
     {ADMITTED, EXIT("01/01/2021", EXIT_XOA_TEN), TRANSFER("01/06/2021", 2, TRANSFER_OFFICIAL)},
     TCXD_ERULE,
     "date",
     "transfer on 01/06/2021: the person is no longer a party member"},
    {"return without temporary transfer",
     {ADMITTED, RETURN("01/06/2020")},
     TCXD_ERULE,
     "date",
     "return from temporary transfer on 01/06/2020: the member is not on a temporary transfer"},
    {"return twice",
     {ADMITTED, TEMP("01/06/2020", 2, NULL), RETURN("01/07/2020"), RETURN("01/08/2020")},
     TCXD_ERULE,
     "date",
     "on 01/08/2020"},
    {"return after an official transfer",
     {ADMITTED, TEMP("01/06/2020", 2, NULL), TRANSFER("01/07/2020", 3, TRANSFER_OFFICIAL),
      RETURN("01/08/2020")},
     TCXD_ERULE,
     "date",
     "on 01/08/2020"},
    {"return after exit",
     {ADMITTED, TEMP("01/06/2020", 2, NULL), EXIT("01/07/2020", EXIT_XOA_TEN),
      RETURN("01/08/2020")},
     TCXD_ERULE,
     "date",
     "on 01/08/2020"},
    {"probationary cach chuc",
     {ADMITTED, DISCIPLINE("01/06/2020", DISCIPLINE_CACH_CHUC)},
     TCXD_ERULE,
     "form",
     "discipline on 01/06/2020: a probationary member can only be given "
     "khiển trách or cảnh cáo, not Cách chức"},
    {"probationary khai tru",
     {ADMITTED, DISCIPLINE("01/06/2020", DISCIPLINE_KHAI_TRU)},
     TCXD_ERULE,
     "form",
     "discipline on 01/06/2020"},
    {"probationary khai tru as exit",
     {ADMITTED, EXIT("01/06/2020", EXIT_KHAI_TRU)},
     TCXD_ERULE,
     "kind",
     "exit on 01/06/2020"},
    {"discipline of invalid form",
     {ADMITTED, DISCIPLINE("01/06/2020", 9)},
     TCXD_EINVAL,
     "form",
     "discipline on 01/06/2020"},
    {"discipline after death",
     {ADMITTED, EXIT("01/01/2021", EXIT_TU_TRAN), DISCIPLINE("01/06/2021", DISCIPLINE_KHIEN_TRACH)},
     TCXD_ERULE,
     "date",
     "discipline on 01/06/2021"},
    {"exemption twice",
     {ADMITTED, EXEMPT("01/06/2020", 0), EXEMPT("01/07/2020", 0)},
     TCXD_ERULE,
     "date",
     "exemption on 01/07/2020: the member is already exempt"},
    {"exemption end without exemption",
     {ADMITTED, EXEMPT("01/06/2020", 1)},
     TCXD_ERULE,
     "date",
     "exemption on 01/06/2020"},
    {"exemption of invalid form",
     {ADMITTED, EXEMPT("01/06/2020", 2)},
     TCXD_EINVAL,
     "form",
     "exemption on 01/06/2020"},
    {"exemption after exit",
     {ADMITTED, EXIT("01/01/2021", EXIT_XIN_RA), EXEMPT("01/06/2021", 0)},
     TCXD_ERULE,
     "date",
     "exemption on 01/06/2021"},
    {"exit twice",
     {ADMITTED, EXIT("01/01/2021", EXIT_XOA_TEN), EXIT("01/06/2021", EXIT_TU_TRAN)},
     TCXD_ERULE,
     "date",
     "exit on 01/06/2021: the person is no longer a party member (removed)"},
    {"exit of invalid kind",
     {ADMITTED, EXIT("01/01/2021", 5)},
     TCXD_EINVAL,
     "kind",
     "exit on 01/01/2021"},
    {"exit after khai tru",
     {ADMITTED, OFFICIALLY, DISCIPLINE("01/01/2022", DISCIPLINE_KHAI_TRU),
      EXIT("01/06/2022", EXIT_XOA_TEN)},
     TCXD_ERULE,
     "date",
     "exit on 01/06/2022"},
};

static void test_replay_refusals(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(refusals); i++) {
        const struct refusal *r = &refusals[i];
        struct member_event ev[MAXN];
        size_t n = load_events(r->ev, ev);
        struct member_derived d;
        struct tcxd_error e = {0};
        member_derived_init(&d);
        enum tcxd_err rc = member_replay(ev, n, &d, &e);
        if (rc != r->rc)
            fail_msg("%s: rc %d, want %d (%s)", r->name, rc, r->rc, e.msg);
        if (strcmp(e.field, r->field))
            fail_msg("%s: field '%s', want '%s' (%s)", r->name, e.field, r->field, e.msg);
        check_msg_shape(&e);
        if (!strstr(e.msg, r->has))
            fail_msg("%s: message '%s' lacks '%s'", r->name, e.msg, r->has);
        member_derived_release(&d);
    }
}

/* Events without a date or of an unknown kind are bad input. */
static void test_replay_bad_events(void **state)
{
    (void)state;
    struct member_event ev[2] = {
        {1, MEV_ADMIT, DATE_NONE, D("01/03/2020"), 1, 0, DATE_NONE},
    };
    struct member_derived d;
    struct tcxd_error e = {0};
    member_derived_init(&d);
    assert_int_equal(member_replay(ev, 1, &d, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "date");
    check_msg_shape(&e);
    ev[0].date = D("10/03/2020");
    ev[1] = ev[0];
    ev[1].seq = 2;
    ev[1].kind = MEV__MAX;
    assert_int_equal(member_replay(ev, 2, &d, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "kind");
    member_derived_release(&d);
}

/* ---- due for official recognition ----------------------------------------------------- */

/* Working days after `from` up to the n-th, walking day by day. */
static tcxd_date nth_working_day_after(tcxd_date from, int n)
{
    tcxd_date t = from;
    while (n > 0) {
        t++;
        if (date_is_working_day(t))
            n--;
    }
    return t;
}

static void test_due(void **state)
{
    (void)state;
    struct member_due u;
    /* Ceremony 10/03/2020: due Wednesday 10/03/2021. 30 working days by hand: 11-12/3 (2),
       15-19 (7), 22-26 (12), 29-31 (15), 1-2/4 (17), 5-9 (22), 12-16 (27), 19-20 (29),
       21/4 is Giỗ Tổ Hùng Vương (10/3 lunar), so the 30th is Thursday 22/04/2021. */
    member_due_compute(D("10/03/2020"), D("01/03/2021"), &u);
    assert_int_equal(u.due, D("10/03/2021"));
    assert_int_equal(u.deadline, D("22/04/2021"));
    assert_int_equal(u.deadline, nth_working_day_after(D("10/03/2021"), 30));
    assert_false(u.overdue);
    assert_int_equal(u.days_left, 9);
    assert_int_equal(u.working_days_late, 0);

    member_due_compute(D("10/03/2020"), D("10/03/2021"), &u);
    assert_int_equal(u.days_left, 0);
    assert_int_equal(u.working_days_late, 0);
    assert_false(u.overdue);

    member_due_compute(D("10/03/2020"), D("15/03/2021"), &u); /* Monday */
    assert_int_equal(u.days_left, -5);
    assert_int_equal(u.working_days_late, 3); /* 11, 12, 15 */
    assert_false(u.overdue);

    member_due_compute(D("10/03/2020"), D("22/04/2021"), &u);
    assert_int_equal(u.working_days_late, 30);
    assert_false(u.overdue);

    member_due_compute(D("10/03/2020"), D("23/04/2021"), &u);
    assert_int_equal(u.working_days_late, 31);
    assert_true(u.overdue);

    /* A ceremony on 29/02 ends its 12 months on 28/02. */
    member_due_compute(D("29/02/2024"), D("01/01/2025"), &u);
    assert_int_equal(u.due, D("28/02/2025"));
    assert_int_equal(u.deadline, nth_working_day_after(D("28/02/2025"), 30));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_and_labels),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_parse_round_trip),
        cmocka_unit_test(test_status_active),
        cmocka_unit_test(test_national_id),
        cmocka_unit_test(test_check_admission),
        cmocka_unit_test(test_official_date),
        cmocka_unit_test(test_replay_scenarios),
        cmocka_unit_test(test_replay_resets),
        cmocka_unit_test(test_party_age_gap),
        cmocka_unit_test(test_replay_refusals),
        cmocka_unit_test(test_replay_bad_events),
        cmocka_unit_test(test_due),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
