/*
 * forms_eval.c - filling a form from the facts: periods, the predicates, one pass over each
 * source per period, the annex and organization-type layouts, the review form, and the checks.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/forms.h"
#include "store/store_review.h"
#include "text/text.h"
#include "util/vnfmt.h"
#include "util/xmalloc.h"

/* ---- periods ------------------------------------------------------------------------------ */

static const char *const roman[] = {"I", "II", "III", "IV"};

enum tcxd_err form_period_parse(const char *s, struct form_period *out, struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    if (!s || !*s)
        return tcxd_fail(e, TCXD_EINVAL, "period",
                         "a period is required (2021, 2021-h1, "
                         "2021-q2 or FROM..TO)");
    const char *dots = strstr(s, "..");
    if (dots) {
        char a[32];
        size_t n = (size_t)(dots - s);
        if (n >= sizeof(a))
            return tcxd_fail(e, TCXD_EINVAL, "period", "invalid period '%s'", s);
        memcpy(a, s, n);
        a[n] = 0;
        enum tcxd_err err = date_parse(a, &out->from, "period", e);
        if (err == TCXD_OK)
            err = date_parse(dots + 2, &out->to, "period", e);
        if (err != TCXD_OK)
            return err;
        if (out->to < out->from)
            return tcxd_fail(e, TCXD_EINVAL, "period", "the period '%s' ends before it starts", s);
        char fa[DATE_ISO_LEN], fb[DATE_ISO_LEN], ia[DATE_ISO_LEN], ib[DATE_ISO_LEN];
        date_format_vn(out->from, fa);
        date_format_vn(out->to, fb);
        date_format_iso(out->from, ia);
        date_format_iso(out->to, ib);
        snprintf(out->label, sizeof(out->label), "Từ %s đến %s", fa, fb);
        snprintf(out->key, sizeof(out->key), "%s..%s", ia, ib);
        return TCXD_OK;
    }
    int y = 0, k = 0;
    char kind = 0, extra;
    if (sscanf(s, "%4d-%c%d%c", &y, &kind, &k, &extra) == 3) {
        kind = (char)tolower((unsigned char)kind);
    } else if (sscanf(s, "%4d%c", &y, &extra) == 1 && strlen(s) == 4) {
        kind = 'y';
    } else {
        return tcxd_fail(e, TCXD_EINVAL, "period",
                         "invalid period '%s' (2021, 2021-h1, 2021-q2 or FROM..TO)", s);
    }
    if (y < DATE_PARSE_YEAR_MIN || y > DATE_PARSE_YEAR_MAX)
        return tcxd_fail(e, TCXD_EINVAL, "period", "invalid period '%s'", s);
    if (kind == 'y') {
        out->from = date_from_ymd(y, 1, 1);
        out->to = date_from_ymd(y, 12, 31);
        snprintf(out->label, sizeof(out->label), "Năm %d", y);
        snprintf(out->key, sizeof(out->key), "%d", y);
    } else if (kind == 'h' && (k == 1 || k == 2)) {
        out->from = date_from_ymd(y, k == 1 ? 1 : 7, 1);
        out->to = k == 1 ? date_from_ymd(y, 6, 30) : date_from_ymd(y, 12, 31);
        snprintf(out->label, sizeof(out->label), "6 tháng %s năm %d", k == 1 ? "đầu" : "cuối", y);
        snprintf(out->key, sizeof(out->key), "%d-h%d", y, k);
    } else if (kind == 'q' && k >= 1 && k <= 4) {
        int m = (k - 1) * 3 + 1;
        out->from = date_from_ymd(y, m, 1);
        out->to = date_from_ymd(y, m + 2, date_days_in_month(y, m + 2));
        snprintf(out->label, sizeof(out->label), "Quý %s năm %d", roman[k - 1], y);
        snprintf(out->key, sizeof(out->key), "%d-q%d", y, k);
    } else {
        return tcxd_fail(e, TCXD_EINVAL, "period",
                         "invalid period '%s' (2021, 2021-h1, 2021-q2 or FROM..TO)", s);
    }
    return TCXD_OK;
}

void form_period_prev_year(const struct form_period *p, struct form_period *out)
{
    struct form_period q;
    char key[48];
    tcxd_date from = date_add_years(p->from, -1), to = date_add_years(p->to, -1);
    struct ymd a = date_to_ymd(from), b = date_to_ymd(to);
    /* a whole-period key keeps its kind; free dates stay free dates */
    if (strstr(p->key, "..")) {
        char ia[DATE_ISO_LEN], ib[DATE_ISO_LEN];
        date_format_iso(from, ia);
        date_format_iso(to, ib);
        snprintf(key, sizeof(key), "%s..%s", ia, ib);
    } else if (strchr(p->key, '-')) {
        snprintf(key, sizeof(key), "%d%s", a.y, strchr(p->key, '-'));
    } else {
        snprintf(key, sizeof(key), "%d", a.y);
    }
    (void)b;
    if (form_period_parse(key, &q, NULL) != TCXD_OK)
        BUG("previous period of '%s'", p->key);
    *out = q;
}

/* ---- field mappings ------------------------------------------------------------------------
 * A change of what these return must bump FC_VERSION of facts_store.c (its cache file keeps the
 * levels of each text). */

enum form_school form_school_level(const char *s)
{
    if (!s || !*s)
        return SCHOOL_NONE;
    int g, sys;
    char extra;
    if (sscanf(s, "%d/%d%c", &g, &sys, &extra) == 2 && g >= 0 && g <= sys) {
        if (sys == 12)
            return g >= 12  ? SCHOOL_UPPER
                   : g >= 9 ? SCHOOL_LOWER
                   : g >= 5 ? SCHOOL_PRIMARY
                            : SCHOOL_LITERATE;
        if (sys == 10)
            return g >= 10  ? SCHOOL_UPPER
                   : g >= 7 ? SCHOOL_LOWER
                   : g >= 4 ? SCHOOL_PRIMARY
                            : SCHOOL_LITERATE;
        return SCHOOL_NONE;
    }
    struct buf f;
    buf_init(&f, 64);
    text_fold(s, &f);
    enum form_school r = SCHOOL_NONE;
    if (strstr(f.ptr, "trung hoc pho thong") || strstr(f.ptr, "thpt"))
        r = SCHOOL_UPPER;
    else if (strstr(f.ptr, "trung hoc co so") || strstr(f.ptr, "thcs"))
        r = SCHOOL_LOWER;
    else if (strstr(f.ptr, "tieu hoc"))
        r = SCHOOL_PRIMARY;
    else if (strstr(f.ptr, "biet doc"))
        r = SCHOOL_LITERATE;
    buf_release(&f);
    return r;
}

enum form_school form_school_of(int general_education, enum form_school from_text)
{
    /* member_general_education_values: 1 biết đọc, biết viết ... 4 THPT, as enum form_school */
    if (general_education >= SCHOOL_LITERATE && general_education <= SCHOOL_UPPER)
        return (enum form_school)general_education;
    return from_text;
}

enum form_prof form_prof_of(int professional_degree, enum form_prof from_text)
{
    /* member_professional_degree_values: 1 chưa qua đào tạo, 2 sơ cấp ... 7 tiến sỹ, 8 TSKH */
    switch (professional_degree) {
    case 0:
        return from_text;
    case 1:
        return PROF_NONE;
    case 8:
        return PROF_DOCTOR_SCI;
    default:
        return professional_degree >= 2 && professional_degree <= 7
                   ? (enum form_prof)(professional_degree - 1)
                   : from_text;
    }
}

enum form_prof form_prof_level(const char *s)
{
    if (!s || !*s)
        return PROF_UNKNOWN;
    struct buf f;
    buf_init(&f, 64);
    text_fold(s, &f);
    enum form_prof r = PROF_UNKNOWN;
    const char *t = f.ptr;
    if (strstr(t, "tien si khoa hoc") || strstr(t, "tskh"))
        r = PROF_DOCTOR_SCI;
    else if (strstr(t, "tien si"))
        r = PROF_DOCTOR;
    else if (strstr(t, "thac si") || strstr(t, "thac sy"))
        r = PROF_MASTER;
    else if (strstr(t, "dai hoc") || strstr(t, "cu nhan") || strstr(t, "ky su"))
        r = PROF_BACHELOR;
    else if (strstr(t, "cao dang"))
        r = PROF_COLLEGE;
    else if (strstr(t, "trung cap"))
        r = PROF_SECONDARY;
    else if (strstr(t, "so cap") || strstr(t, "cong nhan ky thuat") ||
             strstr(t, "nhan vien nghiep vu"))
        r = PROF_ELEMENTARY;
    else if (!strcmp(t, "khong") || strstr(t, "chua qua dao tao"))
        r = PROF_NONE;
    buf_release(&f);
    return r;
}

static bool is_minority(const char *eth)
{
    return eth && *eth && strcmp(eth, "Kinh") != 0;
}

static bool is_religious(const char *rel)
{
    if (!rel || !*rel)
        return false;
    return strcmp(rel, "Không") != 0 && strcasecmp(rel, "khong") != 0;
}

/* ---- one period's tallies ---------------------------------------------------------------- */

struct group {
    char *value;
    int64_t total, female;
};
struct groups {
    struct group *v;
    size_t n, cap;
};

static void group_add(struct groups *g, const char *value, bool female)
{
    for (size_t i = 0; i < g->n; i++)
        if (!strcmp(g->v[i].value, value)) {
            g->v[i].total++;
            g->v[i].female += female;
            return;
        }
    ALLOC_GROW(g->v, g->n + 1, g->cap);
    g->v[g->n++] = (struct group){xstrdup(value), 1, female};
}

static void groups_free(struct groups *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->v[i].value);
    free(g->v);
    memset(g, 0, sizeof(*g));
}

struct id_count {
    int64_t id, n;
};
struct id_map { /* open addressing; id 0 never stored */
    struct id_count *v;
    size_t cap, n;
};

static struct id_count *idmap_get(struct id_map *m, int64_t id, bool create)
{
    if (create && (m->n + 1) * 2 > m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 64;
        struct id_count *nv = xcalloc(ncap, sizeof(*nv));
        for (size_t i = 0; i < m->cap; i++)
            if (m->v[i].id) {
                size_t j = (uint64_t)m->v[i].id * 11400714819323198485ULL >> 7 & (ncap - 1);
                while (nv[j].id)
                    j = (j + 1) & (ncap - 1);
                nv[j] = m->v[i];
            }
        free(m->v);
        m->v = nv;
        m->cap = ncap;
    }
    if (!m->cap)
        return NULL;
    size_t j = (uint64_t)id * 11400714819323198485ULL >> 7 & (m->cap - 1);
    while (m->v[j].id) {
        if (m->v[j].id == id)
            return &m->v[j];
        j = (j + 1) & (m->cap - 1);
    }
    if (!create)
        return NULL;
    m->v[j].id = id;
    m->v[j].n = 0;
    m->n++;
    return &m->v[j];
}

/* The list rows of one equality key (an age, an occupation code ...): evaluated per member by
   looking its key up instead of testing every row. */
#define BUCKET_ROWS 6
struct bucket {
    uint32_t rows[BUCKET_ROWS];
    uint8_t n;
};
enum {
    BK_AGE = 0,
    BK_OCC = 151,
    BK_SCHOOL = 279,
    BK_PROF = 287,
    BK_TITLE = 303,
    BK_THEORY = 311,
    BK_YN = 319,
    BK__MAX = 343
};

struct tally {
    const struct form_def *def;
    tcxd_date from, to;
    int64_t *count; /* [nrows * FORM_MAX_COLS] */
    double *age_sum;
    int64_t *age_n;
    double *mean;             /* [nrows * FORM_MAX_COLS]: FSRC_SOURCE_MEAN (NAN: none) */
    struct id_map admit_base; /* base organizations with an admission */
    struct id_map base_members;
    struct id_map base_type; /* base id -> enum org_base_type */
    struct groups eth, rel;
    int64_t headline, religious;
    int64_t agency_orgs, agency_members; /* form 5: the types tcxd keeps together */
    /* form 6 */
    struct id_map reviewed_members, reviewed_orgs;
    /* worked out once: the rows of each source, FP_ADMITTED's bounds as day numbers, the
       days the ages are taken on */
    uint32_t *start_rows, *end_rows, *flow_rows;
    size_t n_start, n_end, n_flow;
    tcxd_date *adm_lo, *adm_hi;
    struct ymd start_ymd, end_ymd;
    /* end rows by key (bk) and the others, tested one by one (end_rest) */
    struct bucket *bk;
    uint32_t *end_rest;
    size_t n_end_rest;
};

static bool bucket_add(struct tally *t, size_t key, uint32_t row)
{
    struct bucket *b = &t->bk[key];
    if (b->n == BUCKET_ROWS)
        return false;
    b->rows[b->n++] = row;
    return true;
}

/* Files the end row i under every key that satisfies it; false when it is not of a keyed kind
   (or a bucket is full): then it is tested one by one. */
static bool bucket_row(struct tally *t, uint32_t i)
{
    const struct form_row_def *r = &t->def->rows[i];
    if (r->src != FSRC_LIST_END)
        return false;
    bool ok = true;
    switch (r->pred) {
    case FP_AGE:
        if (r->a < 0 || r->b < r->a)
            return false;
        if (r->b >= 150 && r->b < 999)
            return false; /* age 150 stands for 150 to 999 */
        for (int64_t a = r->a; a <= r->b && a <= 150; a++)
            ok &= bucket_add(t, BK_AGE + (size_t)a, i);
        return ok;
    case FP_OCCUPATION:
        for (int c = 0; c < 64; c++)
            if ((uint64_t)r->a & ((uint64_t)1 << c))
                for (int ret = 0; ret < 2; ret++)
                    if (!(r->b == 1 && ret))
                        ok &= bucket_add(t, BK_OCC + (size_t)c * 2 + (size_t)ret, i);
        return ok;
    case FP_SCHOOL:
        return r->a >= 0 && r->a < 8 && bucket_add(t, BK_SCHOOL + (size_t)r->a, i);
    case FP_PROFESSIONAL:
        if (r->a < 0 || r->a >= 16 || r->b < 0 || r->b >= 16)
            return false;
        ok = bucket_add(t, BK_PROF + (size_t)r->a, i);
        return ok && (r->b <= 0 || r->b == r->a || bucket_add(t, BK_PROF + (size_t)r->b, i));
    case FP_TITLE:
        return r->a >= 0 && r->a < 8 && bucket_add(t, BK_TITLE + (size_t)r->a, i);
    case FP_THEORY:
        if (r->a < 0 || r->a >= 8 || r->b < 0 || r->b >= 8)
            return false;
        ok = bucket_add(t, BK_THEORY + (size_t)r->a, i);
        return ok && (r->b == r->a || bucket_add(t, BK_THEORY + (size_t)r->b, i));
    case FP_YES_NO:
        return r->a >= 0 && r->a < 3 && r->b >= 0 && r->b < 8 &&
               bucket_add(t, BK_YN + (size_t)r->a * 8 + (size_t)r->b, i);
    default:
        return false;
    }
}

static void bucket_count(struct tally *t, size_t key)
{
    const struct bucket *b = &t->bk[key];
    for (uint8_t k = 0; k < b->n; k++)
        t->count[b->rows[k] * FORM_MAX_COLS]++;
}

static tcxd_date ymd_int_day(int64_t v, tcxd_date none)
{
    if (v <= 0)
        return none;
    int y = (int)(v / 10000), m = (int)(v / 100 % 100), d = (int)(v % 100);
    if (y > 9999)
        return DATE_OPEN_END;
    return date_from_ymd(y, m, d);
}

static void tally_init(struct tally *t, const struct form_def *def, tcxd_date from, tcxd_date to)
{
    memset(t, 0, sizeof(*t));
    t->def = def;
    t->from = from;
    t->to = to;
    size_t n = def->nrows ? def->nrows : 1;
    t->count = xcalloc(n * FORM_MAX_COLS, sizeof(*t->count));
    t->age_sum = xcalloc(n, sizeof(*t->age_sum));
    t->mean = xcalloc(n * FORM_MAX_COLS, sizeof(*t->mean));
    for (size_t k = 0; k < n * FORM_MAX_COLS; k++)
        t->mean[k] = NAN;
    t->age_n = xcalloc(n, sizeof(*t->age_n));
    t->start_rows = xcalloc(n, sizeof(*t->start_rows));
    t->end_rows = xcalloc(n, sizeof(*t->end_rows));
    t->flow_rows = xcalloc(n, sizeof(*t->flow_rows));
    t->adm_lo = xcalloc(n, sizeof(*t->adm_lo));
    t->adm_hi = xcalloc(n, sizeof(*t->adm_hi));
    for (size_t i = 0; i < def->nrows; i++) {
        const struct form_row_def *r = &def->rows[i];
        if (r->src == FSRC_LIST_START)
            t->start_rows[t->n_start++] = (uint32_t)i;
        if (r->src == FSRC_LIST_END || (r->src == FSRC_AVG_AGE && !r->flows))
            t->end_rows[t->n_end++] = (uint32_t)i;
        if (r->src == FSRC_FLOW || r->src == FSRC_FLOW_NET || (r->src == FSRC_AVG_AGE && r->flows))
            t->flow_rows[t->n_flow++] = (uint32_t)i;
        if (r->pred == FP_ADMITTED) {
            t->adm_lo[i] = r->a <= 0 ? INT32_MIN + 1 : ymd_int_day(r->a, INT32_MIN + 1);
            t->adm_hi[i] = ymd_int_day(r->b, DATE_OPEN_END);
        }
    }
    if (from != DATE_NONE && from > INT32_MIN + 1)
        t->start_ymd = date_to_ymd(from - 1);
    t->end_ymd = date_to_ymd(to);
    t->bk = xcalloc(BK__MAX, sizeof(*t->bk));
    t->end_rest = xcalloc(n, sizeof(*t->end_rest));
    for (size_t k = 0; k < t->n_end; k++) {
        uint32_t i = t->end_rows[k];
        struct bucket saved[BK__MAX];
        memcpy(saved, t->bk, sizeof(saved));
        if (!bucket_row(t, i)) {
            memcpy(t->bk, saved, sizeof(saved)); /* all or nothing */
            t->end_rest[t->n_end_rest++] = i;
        }
    }
}

static void tally_release(struct tally *t)
{
    free(t->count);
    free(t->age_sum);
    free(t->mean);
    free(t->age_n);
    free(t->admit_base.v);
    free(t->base_members.v);
    free(t->base_type.v);
    free(t->reviewed_members.v);
    free(t->reviewed_orgs.v);
    free(t->start_rows);
    free(t->end_rows);
    free(t->flow_rows);
    free(t->adm_lo);
    free(t->adm_hi);
    free(t->bk);
    free(t->end_rest);
    groups_free(&t->eth);
    groups_free(&t->rel);
}

/* Whole years from birth to day (date_age_years' result, without its month arithmetic: the
   forms ask it of every member for every row). */
static int age_on_ymd(struct ymd b, struct ymd d)
{
    int a = d.y - b.y;
    /* born 29/02: the birthday of a common year is 28/02 (date_add_years clamps) */
    int bm = b.m, bd = b.d;
    if (bm == 2 && bd == 29 && !date_is_leap_year(d.y))
        bd = 28;
    if (d.m < bm || (d.m == bm && d.d < bd))
        a--;
    return a;
}

static bool pred_member(const struct tally *t, size_t ri, const struct facts_member *m, int age,
                        const struct facts_flow *fl)
{
    const struct form_row_def *r = &t->def->rows[ri];
    switch (r->pred) {
    case FP_ALL:
        return true;
    case FP_FEMALE:
        return m->gender == GENDER_FEMALE;
    case FP_PROBATIONARY:
        return fl ? fl->probationary : m->status == MEMBER_PROBATIONARY;
    case FP_MINORITY:
        return is_minority(m->ethnicity);
    case FP_RELIGIOUS:
        return is_religious(m->religion);
    case FP_AGE:
        return m->birth_date != DATE_NONE && age >= r->a && age <= r->b;
    case FP_ADMITTED:
        return m->first_decision != DATE_NONE && m->first_decision >= t->adm_lo[ri] &&
               m->first_decision <= t->adm_hi[ri];
    case FP_PARTY_AGE: {
        int y = m->first_decision != DATE_NONE ? facts_party_years(m) : -1;
        return y >= r->a && y <= r->b;
    }
    case FP_SCHOOL:
        return m->school == (uint8_t)r->a;
    case FP_PROFESSIONAL:
        return m->prof == (uint8_t)r->a || (r->b > 0 && m->prof == (uint8_t)r->b);
    case FP_THEORY:
        return m->theory == (enum theory_level)r->a || m->theory == (enum theory_level)r->b;
    case FP_EXEMPT:
        return m->exempt;
    case FP_OWN_TRANSFER:
        return fl && !fl->by_org;
    case FP_OCCUPATION: {
        int occ = fl && m->occupation_before ? m->occupation_before : m->occupation;
        if (r->b == 1 && m->work_status == 2)
            return false;
        return occ < 63 && ((uint64_t)r->a & ((uint64_t)1 << occ));
    }
    case FP_WORKING:
        return m->work_status != 2;
    case FP_RETIRED:
        return m->work_status == 2;
    case FP_YES_NO: {
        uint8_t v = r->a == YN_YOUTH_UNION      ? m->youth_union
                    : r->a == YN_BUSINESS_OWNER ? m->business_owner
                                                : m->foreign_marriage;
        return v == r->b;
    }
    case FP_TITLE:
        return m->academic_title == r->a;
    case FP_FORM:
        return fl && (fl->form == r->a || (r->b >= 0 && fl->form == r->b));
    default:
        return false;
    }
}

static void on_list_start(void *ctx, const struct facts_member *m)
{
    struct tally *t = ctx;
    int age = m->birth_date != DATE_NONE ? age_on_ymd(m->birth_ymd, t->start_ymd) : 0;
    for (size_t k = 0; k < t->n_start; k++) {
        size_t i = t->start_rows[k];
        if (pred_member(t, i, m, age, NULL))
            t->count[i * FORM_MAX_COLS]++;
    }
}

static void on_list_end(void *ctx, const struct facts_member *m)
{
    struct tally *t = ctx;
    t->headline++;
    int age = m->birth_date != DATE_NONE ? age_on_ymd(m->birth_ymd, t->end_ymd) : 0;
    /* the keyed rows: one look-up per key */
    if (m->birth_date != DATE_NONE && age >= 0 && age <= 999) /* rows reaching 150 reach 999 */
        bucket_count(t, BK_AGE + (size_t)(age < 150 ? age : 150));
    if (m->occupation < 64)
        bucket_count(t, BK_OCC + (size_t)m->occupation * 2 + (m->work_status == 2));
    if (m->school < 8)
        bucket_count(t, BK_SCHOOL + m->school);
    if (m->prof < 16)
        bucket_count(t, BK_PROF + m->prof);
    if (m->academic_title < 8)
        bucket_count(t, BK_TITLE + m->academic_title);
    if ((unsigned)m->theory < 8)
        bucket_count(t, BK_THEORY + (size_t)m->theory);
    if (m->youth_union < 8)
        bucket_count(t, BK_YN + YN_YOUTH_UNION * 8 + m->youth_union);
    if (m->business_owner < 8)
        bucket_count(t, BK_YN + YN_BUSINESS_OWNER * 8 + m->business_owner);
    if (m->foreign_marriage < 8)
        bucket_count(t, BK_YN + YN_FOREIGN_MARRIAGE * 8 + m->foreign_marriage);
    for (size_t k = 0; k < t->n_end_rest; k++) {
        size_t i = t->end_rest[k];
        const struct form_row_def *r = &t->def->rows[i];
        if (r->src == FSRC_LIST_END && pred_member(t, i, m, age, NULL))
            t->count[i * FORM_MAX_COLS]++;
        else if (r->src == FSRC_AVG_AGE && !r->flows && m->birth_date != DATE_NONE) {
            t->age_sum[i] += age;
            t->age_n[i]++;
        }
    }
    if (m->base_id)
        idmap_get(&t->base_members, m->base_id, true)->n++;
    if (t->def->layout == FORM_ANNEX && !t->def->annex_flows) {
        bool f = m->gender == GENDER_FEMALE;
        group_add(&t->eth, m->ethnicity && *m->ethnicity ? m->ethnicity : "Không rõ", f);
        if (is_religious(m->religion)) {
            group_add(&t->rel, m->religion, f);
            t->religious++;
        }
    }
}

static void on_flow(void *ctx, const struct facts_flow *fl)
{
    struct tally *t = ctx;
    int age =
        fl->m.birth_date != DATE_NONE ? age_on_ymd(fl->m.birth_ymd, date_to_ymd(fl->date)) : 0;
    for (size_t k = 0; k < t->n_flow; k++) {
        size_t i = t->flow_rows[k];
        const struct form_row_def *r = &t->def->rows[i];
        if (r->src == FSRC_FLOW_NET && ((uint32_t)r->a & FLOWBIT(fl->kind)))
            t->count[i * FORM_MAX_COLS]--;
        if (!(r->flows & FLOWBIT(fl->kind)))
            continue;
        if (r->src == FSRC_FLOW_NET)
            t->count[i * FORM_MAX_COLS]++;
        else if (r->src == FSRC_FLOW && pred_member(t, i, &fl->m, age, fl))
            t->count[i * FORM_MAX_COLS]++;
        else if (r->src == FSRC_AVG_AGE && fl->m.birth_date != DATE_NONE) {
            t->age_sum[i] += age;
            t->age_n[i]++;
        }
    }
    bool admit = fl->kind == FLOW_ADMIT || fl->kind == FLOW_READMIT;
    if (admit && t->def->layout == FORM_ANNEX && t->def->annex_flows) {
        t->headline++;
        bool f = fl->m.gender == GENDER_FEMALE;
        group_add(&t->eth, fl->m.ethnicity && *fl->m.ethnicity ? fl->m.ethnicity : "Không rõ", f);
        if (is_religious(fl->m.religion)) {
            group_add(&t->rel, fl->m.religion, f);
            t->religious++;
        }
    }
}

static void on_admission(void *ctx, int64_t base_id)
{
    struct tally *t = ctx;
    idmap_get(&t->admit_base, base_id, true)->n++;
}

static void on_org(void *ctx, const struct facts_org *o)
{
    struct tally *t = ctx;
    for (size_t i = 0; i < t->def->nrows; i++) {
        const struct form_row_def *r = &t->def->rows[i];
        int64_t *c = &t->count[i * FORM_MAX_COLS];
        if (r->src == FSRC_BASE_ORGS && o->tier == ORG_TIER_BASE) {
            bool db = o->form == ORG_FORM_DANG_BO;
            bool admitted = idmap_get(&t->admit_base, o->id, false) != NULL;
            if (r->pred == FP_ALL || (r->pred == FP_BASE_ADMIT && admitted) ||
                (r->pred == FP_DANG_BO && db) || (r->pred == FP_CHI_BO && !db) ||
                (r->pred == FP_DANG_BO_ADMIT && db && admitted) ||
                (r->pred == FP_CHI_BO_ADMIT && !db && admitted))
                c[0]++;
        } else if (r->src == FSRC_ORG_TYPE && o->base_id) {
            if (!((uint64_t)r->a & (1u << o->base_org_type)))
                continue;
            if (o->tier == ORG_TIER_BASE) {
                c[0]++;
                c[o->form == ORG_FORM_DANG_BO ? 1 : 2]++;
                const struct id_count *bm = idmap_get(&t->base_members, o->id, false);
                c[5] += bm ? bm->n : 0;
            } else if (o->tier == ORG_TIER_BELOW_BASE) {
                c[o->form == ORG_FORM_DANG_BO ? 3 : 4]++;
            }
        }
    }
    if (t->def->has_joint && o->tier == ORG_TIER_BASE && o->base_type == t->def->joint_type) {
        t->agency_orgs++;
        const struct id_count *bm = idmap_get(&t->base_members, o->id, false);
        t->agency_members += bm ? bm->n : 0;
    }
}

static bool def_has(const struct form_def *d, enum form_src s)
{
    for (size_t i = 0; i < d->nrows; i++)
        if (d->rows[i].src == s)
            return true;
    return false;
}

static enum tcxd_err tally_fill(struct facts *f, int64_t root, struct tally *t,
                                struct tcxd_error *e)
{
    const struct form_def *d = t->def;
    enum tcxd_err err = TCXD_OK;
    if (def_has(d, FSRC_LIST_START))
        err = f->ops->members_on(f->impl, root, t->from - 1, on_list_start, t, e);
    bool need_end = def_has(d, FSRC_LIST_END) || def_has(d, FSRC_ORG_TYPE) ||
                    (d->layout == FORM_ANNEX && !d->annex_flows) || d->layout == FORM_REVIEW;
    for (size_t i = 0; i < d->nrows && !need_end; i++)
        need_end = d->rows[i].src == FSRC_AVG_AGE && !d->rows[i].flows;
    if (err == TCXD_OK && need_end)
        err = f->ops->members_on(f->impl, root, t->to, on_list_end, t, e);
    bool need_flows = def_has(d, FSRC_FLOW) || def_has(d, FSRC_FLOW_NET) ||
                      (d->layout == FORM_ANNEX && d->annex_flows);
    for (size_t i = 0; i < d->nrows && !need_flows; i++)
        need_flows = d->rows[i].src == FSRC_AVG_AGE && d->rows[i].flows;
    if (err == TCXD_OK && need_flows)
        err = f->ops->flows(f->impl, root, t->from, t->to, on_flow, t, e);
    if (err == TCXD_OK && def_has(d, FSRC_BASE_ORGS))
        err = f->ops->admissions(f->impl, root, t->from, t->to, on_admission, t, e);
    if (err == TCXD_OK && (def_has(d, FSRC_BASE_ORGS) || def_has(d, FSRC_ORG_TYPE)))
        err = f->ops->orgs_on(f->impl, root, t->to, on_org, t, e);
    if (err == TCXD_OK && (def_has(d, FSRC_SOURCE) || def_has(d, FSRC_SOURCE_MEAN))) {
        if (!d->own_facts || !d->own_facts->fill)
            BUG("form %s has rows of its own facts but no source", d->number);
        struct form_source_ctx c = {f->st, d, root, t->from, t->to, t->mean};
        int64_t *counts = xcalloc(d->nrows * FORM_MAX_COLS, sizeof(*counts));
        err = d->own_facts->fill(&c, counts, e);
        for (size_t i = 0; i < d->nrows && err == TCXD_OK; i++)
            if (d->rows[i].src == FSRC_SOURCE)
                for (size_t k = 0; k < FORM_MAX_COLS; k++)
                    t->count[i * FORM_MAX_COLS + k] = counts[i * FORM_MAX_COLS + k];
        free(counts);
    }
    return err;
}

/* ---- results ------------------------------------------------------------------------------- */

static struct form_row *add_row(struct form_result *r, const char *key, const char *label,
                                int level)
{
    ALLOC_GROW(r->rows, r->nrows + 1, r->cap);
    struct form_row *row = &r->rows[r->nrows++];
    memset(row, 0, sizeof(*row));
    row->key = xstrdup(key);
    row->label = xstrdup(label);
    row->level = level;
    return row;
}

static void add_check(struct form_result *r, const char *name, bool ok, const char *fmt, ...)
    TCXD_PRINTF(4, 5);
static void add_check(struct form_result *r, const char *name, bool ok, const char *fmt, ...)
{
    ALLOC_GROW(r->checks, r->nchecks + 1, r->checks_cap);
    struct form_check *c = &r->checks[r->nchecks++];
    c->name = xstrdup(name);
    c->ok = ok;
    struct buf b;
    buf_init(&b, 128);
    va_list ap;
    va_start(ap, fmt);
    buf_vaddf(&b, fmt, ap);
    va_end(ap);
    c->detail = buf_detach(&b, NULL);
}

static void add_note(struct form_result *r, const char *text)
{
    ALLOC_GROW(r->notes, r->nnotes + 1, r->notes_cap);
    r->notes[r->nnotes++] = xstrdup(text);
}

static struct form_value count_value(int64_t n)
{
    return (struct form_value){FV_COUNT, n, 0};
}

static struct form_value percent_value(int64_t num, int64_t den)
{
    if (den == 0)
        return (struct form_value){FV_EMPTY, 0, 0};
    return (struct form_value){FV_PERCENT, 0, (double)num * 100.0 / (double)den};
}

static struct form_value row_value(const struct tally *t, size_t i, int col)
{
    const struct form_row_def *rd = &t->def->rows[i];
    switch (rd->src) {
    case FSRC_HEADING:
        return (struct form_value){FV_EMPTY, 0, 0};
    case FSRC_NOT_KEPT:
        return (struct form_value){FV_NOT_KEPT, 0, 0};
    case FSRC_SOURCE_MEAN:
        if (isnan(t->mean[i * FORM_MAX_COLS + col]))
            return (struct form_value){FV_EMPTY, 0, 0};
        return (struct form_value){FV_DECIMAL, 0, t->mean[i * FORM_MAX_COLS + col]};
    case FSRC_AVG_AGE:
        if (!t->age_n[i])
            return (struct form_value){FV_EMPTY, 0, 0};
        return (struct form_value){FV_DECIMAL, 0, t->age_sum[i] / (double)t->age_n[i]};
    default:
        return count_value(t->count[i * FORM_MAX_COLS + col]);
    }
}

const struct form_row *form_result_row(const struct form_result *r, const char *key)
{
    for (size_t i = 0; i < r->nrows; i++)
        if (!strcmp(r->rows[i].key, key))
            return &r->rows[i];
    return NULL;
}

static int64_t cell(const struct form_result *r, const char *key, int col)
{
    const struct form_row *row = form_result_row(r, key);
    return row && row->v[col].kind == FV_COUNT ? row->v[col].n : 0;
}

static void fmt_int(struct buf *b, int64_t n)
{
    vnfmt_int(b, n);
}

/* "a = b + c": names the rows and both sides. */
static void check_sum(struct form_result *r, const char *name, int col, const char *total,
                      const char *const *parts, size_t nparts, const char *col_label)
{
    int64_t sum = 0; /* a part "-KEY" is subtracted */
    for (size_t i = 0; i < nparts; i++)
        sum += parts[i][0] == '-' ? -cell(r, parts[i] + 1, col) : cell(r, parts[i], col);
    int64_t want = cell(r, total, col);
    struct buf b;
    buf_init(&b, 128);
    buf_addf(&b, "%s: %s = ", col_label, total);
    fmt_int(&b, want);
    buf_adds(&b, ", ");
    for (size_t i = 0; i < nparts; i++)
        buf_addf(&b, "%s%s",
                 parts[i][0] == '-' ? " - "
                 : i                ? " + "
                                    : "",
                 parts[i][0] == '-' ? parts[i] + 1 : parts[i]);
    buf_adds(&b, " = ");
    fmt_int(&b, sum);
    add_check(r, name, sum == want, "%s", b.ptr);
    buf_release(&b);
}

static void checks_form1(struct form_result *r)
{
    static const char *const bparts[] = {"B.1", "B.2", "B.3"};
    static const char *const b2[] = {"B.2.a", "B.2.b"};
    static const char *const cparts[] = {"C.1", "C.2", "C.3", "C.4", "C.5"};
    static const char *const c5[] = {"C.5.a", "C.5.b"};
    for (int col = 0; col < 2; col++) {
        const char *cl = r->def->col_labels[col];
        int64_t a = cell(r, "A", col), b = cell(r, "B", col), c = cell(r, "C", col),
                d = cell(r, "D", col);
        struct buf x;
        buf_init(&x, 96);
        buf_addf(&x, "%s: ", cl);
        fmt_int(&x, a);
        buf_adds(&x, " + ");
        fmt_int(&x, b);
        buf_adds(&x, " - ");
        fmt_int(&x, c);
        buf_adds(&x, " = ");
        fmt_int(&x, a + b - c);
        buf_adds(&x, a + b - c == d ? " = D" : ", D = ");
        if (a + b - c != d)
            fmt_int(&x, d);
        add_check(r, "A + B - C = D", a + b - c == d, "%s", x.ptr);
        buf_release(&x);
        check_sum(r, "B = 1 + 2 + 3", col, "B", bparts, 3, cl);
        check_sum(r, "B.2 = a + b", col, "B.2", b2, 2, cl);
        check_sum(r, "C = 1 + ... + 5", col, "C", cparts, 5, cl);
        check_sum(r, "C.5 = a + b", col, "C.5", c5, 2, cl);
    }
}

/* Fills the COMPARE / ORG_TYPES rows of one tally pair. */
static void rows_compare(struct form_result *r, const struct tally *now, const struct tally *prev)
{
    const struct form_def *d = r->def;
    for (size_t i = 0; i < d->nrows; i++) {
        const struct form_row_def *rd = &d->rows[i];
        struct form_row *row = add_row(r, rd->key, rd->label, rd->level);
        row->heading = rd->src == FSRC_HEADING;
        row->note = rd->note;
        if (d->layout == FORM_ORG_TYPES || d->layout == FORM_GRID) {
            size_t off = d->layout == FORM_ORG_TYPES ? (size_t)d->types_offset : 0;
            for (size_t c = 0; c < d->ncols; c++)
                row->v[c] = rd->src == FSRC_HEADING       ? row_value(now, i, 0)
                            : c < off                     ? (struct form_value){FV_NOT_KEPT, 0, 0}
                            : rd->src == FSRC_SOURCE_MEAN ? row_value(now, i, (int)(c - off))
                            : rd->src == FSRC_ORG_TYPE || rd->src == FSRC_SOURCE
                                ? count_value(now->count[i * FORM_MAX_COLS + c - off])
                                : row_value(now, i, 0);
            continue;
        }
        row->v[0] = row_value(now, i, 0);
        row->v[1] = row_value(prev, i, 0);
        if (row->v[0].kind == FV_COUNT && row->v[1].kind == FV_COUNT)
            row->v[2] = percent_value(row->v[0].n, row->v[1].n);
        else if (row->v[0].kind == FV_DECIMAL && row->v[1].kind == FV_DECIMAL && row->v[1].x > 0)
            row->v[2] = (struct form_value){FV_PERCENT, 0, row->v[0].x * 100.0 / row->v[1].x};
        else if (row->v[0].kind == FV_NOT_KEPT)
            row->v[2] = row->v[0];
    }
}

static int cmp_group(const void *a, const void *b)
{
    const struct group *x = a, *y = b;
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    return strcmp(x->value, y->value);
}

static void rows_annex(struct form_result *r, struct tally *t)
{
    const char *const heads[2] = {"Đảng viên chia theo dân tộc", "Đảng viên chia theo tôn giáo"};
    const char *const prefix[2] = {"eth.", "rel."};
    const char *const num[2] = {"I", "II"};
    struct groups *g[2] = {&t->eth, &t->rel};
    int64_t base[2] = {t->headline, t->religious};
    for (int k = 0; k < 2; k++) {
        if (g[k]->n)
            qsort(g[k]->v, g[k]->n, sizeof(struct group), cmp_group);
        int64_t tot = 0, fem = 0;
        for (size_t i = 0; i < g[k]->n; i++) {
            tot += g[k]->v[i].total;
            fem += g[k]->v[i].female;
        }
        char label[128], key[160];
        snprintf(label, sizeof(label), "%s. %s", num[k], heads[k]);
        struct form_row *h = add_row(r, num[k], label, 0);
        h->v[0] = count_value(tot);
        /* three columns: total, women, share; two (the 2012 set): total, share */
        bool women = t->def->ncols >= 3;
        h->v[women ? 1 : 0] = count_value(women ? fem : tot);
        h->v[0] = count_value(tot);
        h->v[women ? 2 : 1] = percent_value(tot, t->headline);
        for (size_t i = 0; i < g[k]->n; i++) {
            snprintf(key, sizeof(key), "%s%s", prefix[k], g[k]->v[i].value);
            snprintf(label, sizeof(label), "%zu. %s", i + 1, g[k]->v[i].value);
            struct form_row *row = add_row(r, key, label, 1);
            row->v[0] = count_value(g[k]->v[i].total);
            if (women)
                row->v[1] = count_value(g[k]->v[i].female);
            row->v[women ? 2 : 1] = percent_value(g[k]->v[i].total, t->headline);
        }
        struct buf b;
        buf_init(&b, 96);
        buf_adds(&b, k == 0 ? "tổng các dân tộc = " : "tổng các tôn giáo = ");
        fmt_int(&b, tot);
        buf_adds(&b, k == 0
                         ? (t->def->annex_flows ? "; tổng số đảng viên mới kết nạp (biểu 2, I) = "
                                                : "; tổng số đảng viên (biểu 3, I) = ")
                         : (t->def->annex_flows ? "; số đảng viên mới kết nạp theo tôn giáo = "
                                                : "; người theo tôn giáo (biểu 3, I) = "));
        fmt_int(&b, base[k]);
        add_check(r,
                  k == 0 ? "annex: ethnicities total the headline"
                         : "annex: religions total the religious",
                  tot == base[k], "%s", b.ptr);
        buf_release(&b);
    }
}

/* ---- form 6 -------------------------------------------------------------------------------- */

struct review_ctx {
    struct tally *t;
    struct form_result *r;
    const struct review_report *rr;
    int64_t root;
    int64_t due[2], done[2], new_org, new_member, exempt, suspended;
    tcxd_date year_start;
};

static void on_review_member(void *ctx, const struct facts_member *m)
{
    struct review_ctx *c = ctx;
    c->due[1]++;
    if (idmap_get(&c->t->reviewed_members, m->id, false)) {
        c->done[1]++;
        return;
    }
    if (m->ceremony != DATE_NONE && m->ceremony > date_add_months(c->t->to, -6))
        c->new_member++;
    else if (m->exempt)
        c->exempt++;
    else if (m->suspended)
        c->suspended++;
}

static void on_review_org(void *ctx, const struct facts_org *o)
{
    struct review_ctx *c = ctx;
    if (o->id == c->root)
        return;
    c->due[0]++;
    if (idmap_get(&c->t->reviewed_orgs, o->id, false)) {
        c->done[0]++;
        return;
    }
    if (o->created_on >= c->year_start)
        c->new_org++;
}

static enum tcxd_err fill_review(struct facts *f, int64_t root, struct tally *t,
                                 struct form_result *r, struct tcxd_error *e)
{
    if (!f->st)
        return tcxd_fail(e, TCXD_EINVAL, "form", "form 6 needs the store (the review)");
    int year = date_to_ymd(t->to).y;
    struct review_report rr;
    memset(&rr, 0, sizeof(rr));
    enum tcxd_err err = store_review_report(f->st, root, year, &rr, e);
    if (err != TCXD_OK)
        return err;
    for (size_t i = 0; i < rr.n_items; i++) {
        const struct review_report_item *it = &rr.items[i];
        if (!(it->has_self || it->has_verified || it->has_final))
            continue;
        if (it->group == REVIEW_GROUP_MEMBER)
            idmap_get(&t->reviewed_members, it->member_id, true)->n = 1;
        else
            idmap_get(&t->reviewed_orgs, it->org_id, true)->n = 1;
    }
    review_report_release(&rr);
    struct review_ctx c = {.t = t, .r = r, .root = root, .year_start = date_from_ymd(year, 1, 1)};
    err = f->ops->members_on(f->impl, root, t->to, on_review_member, &c, e);
    if (err == TCXD_OK)
        err = f->ops->orgs_on(f->impl, root, t->to, on_review_org, &c, e);
    if (err != TCXD_OK)
        return err;
    for (size_t i = 0; i < t->def->nrows; i++) {
        const struct form_row_def *rd = &t->def->rows[i];
        struct form_row *row = add_row(r, rd->key, rd->label, rd->level);
        row->heading = rd->src == FSRC_HEADING;
        row->note = rd->note;
        if (rd->src == FSRC_NOT_KEPT) {
            row->v[0] = row->v[1] = (struct form_value){FV_NOT_KEPT, 0, 0};
            continue;
        }
        if (rd->src != FSRC_REVIEW)
            continue;
        switch ((enum form_review_fig)rd->a) {
        case FRV_DUE:
            row->v[0] = count_value(c.due[0]);
            row->v[1] = count_value(c.due[1]);
            break;
        case FRV_DONE:
            row->v[0] = count_value(c.done[0]);
            row->v[1] = count_value(c.done[1]);
            break;
        case FRV_NOT_DONE:
            row->v[0] = count_value(c.due[0] - c.done[0]);
            row->v[1] = count_value(c.due[1] - c.done[1]);
            break;
        case FRV_NEW_ORG:
            row->v[0] = count_value(c.new_org);
            break;
        case FRV_NEW_MEMBER:
            row->v[1] = count_value(c.new_member);
            break;
        case FRV_EXEMPT:
            row->v[1] = count_value(c.exempt);
            break;
        case FRV_SUSPENDED:
            row->v[1] = count_value(c.suspended);
            break;
        default:
            break;
        }
    }
    for (int k = 0; k < 2; k++) {
        add_check(r, "1 = 2 + 3", true, "%s: %lld = %lld + %lld", r->def->col_labels[k],
                  (long long)c.due[k], (long long)c.done[k], (long long)(c.due[k] - c.done[k]));
    }
    return TCXD_OK;
}

/* ---- fill ---------------------------------------------------------------------------------- */

enum tcxd_err form_fill_facts(struct facts *f, const struct org_info *org,
                              const struct form_def *def, const struct form_period *p,
                              struct form_result **out, struct tcxd_error *e)
{
    struct form_result *r = xcalloc(1, sizeof(*r));
    r->def = def;
    r->org = *org;
    r->period = *p;
    form_period_prev_year(p, &r->prev);
    struct tally now, prev;
    tally_init(&now, def, p->from, p->to);
    tally_init(&prev, def, r->prev.from, r->prev.to);
    enum tcxd_err err = TCXD_OK;
    if (def->layout == FORM_REVIEW) {
        err = fill_review(f, org->id, &now, r, e);
    } else {
        err = tally_fill(f, org->id, &now, e);
        /* the year before: only where the root existed then (else the column stays empty) */
        bool existed = org->created_on <= r->prev.from - 1;
        if (err == TCXD_OK && def->layout == FORM_COMPARE && existed)
            err = tally_fill(f, org->id, &prev, e);
        if (err == TCXD_OK) {
            if (def->layout == FORM_ANNEX)
                rows_annex(r, &now);
            else
                rows_compare(r, &now, &prev);
            if (def->layout == FORM_COMPARE && !existed)
                for (size_t i = 0; i < r->nrows; i++)
                    if (r->rows[i].v[1].kind == FV_COUNT || r->rows[i].v[1].kind == FV_DECIMAL)
                        r->rows[i].v[1] = r->rows[i].v[2] = (struct form_value){FV_EMPTY, 0, 0};
        }
        if (err == TCXD_OK && def->layout == FORM_ORG_TYPES && now.agency_orgs) {
            struct buf b;
            buf_init(&b, 160);
            buf_addf(&b, "%s: ", def->joint_label ? def->joint_label : "");
            fmt_int(&b, now.agency_orgs);
            buf_adds(&b, " tổ chức cơ sở đảng, ");
            fmt_int(&b, now.agency_members);
            buf_adds(&b, " đảng viên; đã tính trong dòng Cộng.");
            add_note(r, b.ptr);
            buf_release(&b);
        }
    }
    if (err == TCXD_OK) {
        if (!strcmp(def->id, "1"))
            checks_form1(r);
        else if (!strcmp(def->id, "5") && def->layout == FORM_ORG_TYPES) {
            int64_t members = now.headline;
            int off = def->types_offset;
            int64_t in_types = cell(r, "total", 5 + off);
            add_check(r, "Cộng (7) = đảng viên trong danh sách", members == in_types, "%lld = %lld",
                      (long long)in_types, (long long)members);
            for (size_t i = 0; i < r->nrows; i++) {
                const struct form_row *row = &r->rows[i];
                const struct form_value *v = &row->v[off];
                if (v[0].kind == FV_COUNT && v[0].n != v[1].n + v[2].n)
                    add_check(r, "(tổng số) = (đảng bộ cơ sở) + (chi bộ cơ sở)", false,
                              "dòng %s: %lld != %lld + %lld", row->key, (long long)v[0].n,
                              (long long)v[1].n, (long long)v[2].n);
            }
        }
        if (def->sums) {
            int ncol = def->layout == FORM_COMPARE ? 2 : (int)def->ncols;
            for (const struct form_sum_check *sc = def->sums; sc->name; sc++) {
                size_t np = 0;
                while (sc->parts[np])
                    np++;
                for (int col = 0; col < ncol; col++) {
                    struct buf cl = BUF_INIT;
                    form_col_label(def, (size_t)col, &cl);
                    check_sum(r, sc->name, col, sc->total, sc->parts, np, cl.ptr);
                    buf_release(&cl);
                }
            }
        }
        if (def->nrows && def->layout != FORM_REVIEW)
            for (size_t i = 0; i < def->nrows; i++)
                if (def->rows[i].src == FSRC_NOT_KEPT) {
                    add_note(r, "Các ô \"chưa theo dõi\": tcxd chưa lưu dữ kiện của dòng đó (xem "
                                "ghi chú từng dòng); không phải số 0.");
                    break;
                }
    }
    tally_release(&now);
    tally_release(&prev);
    if (err != TCXD_OK) {
        form_result_free(r);
        return err;
    }
    *out = r;
    return TCXD_OK;
}

void form_result_free(struct form_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nrows; i++) {
        free(r->rows[i].key);
        free(r->rows[i].label);
    }
    free(r->rows);
    for (size_t i = 0; i < r->nchecks; i++) {
        free(r->checks[i].name);
        free(r->checks[i].detail);
    }
    free(r->checks);
    for (size_t i = 0; i < r->nnotes; i++)
        free(r->notes[i]);
    free(r->notes);
    free(r);
}

/* Children's forms: end-of-period figures add up to the parent's (flows do not: a transfer
   between two children is in both and not in the parent). */
struct child_list {
    int64_t root;
    int64_t *ids;
    size_t n, cap;
};

static void on_child(void *ctx, const struct facts_org *o)
{
    struct child_list *c = ctx;
    if (o->parent_id == c->root && o->id != c->root) {
        ALLOC_GROW(c->ids, c->n + 1, c->cap);
        c->ids[c->n++] = o->id;
    }
}

static bool additive(const struct form_def *d, const struct form_row_def *rd)
{
    return rd->src == FSRC_LIST_END || rd->src == FSRC_BASE_ORGS || rd->src == FSRC_ORG_TYPE ||
           (rd->src == FSRC_SOURCE && d->source_additive);
}

static enum tcxd_err children_check(struct store *st, struct facts *f, struct form_result *r,
                                    struct tcxd_error *e)
{
    const struct form_def *d = r->def;
    if (d->layout == FORM_REVIEW || d->layout == FORM_ANNEX)
        return TCXD_OK;
    struct child_list cl = {.root = r->org.id};
    enum tcxd_err err = f->ops->orgs_on(f->impl, r->org.id, r->period.to, on_child, &cl, e);
    size_t ncols = d->layout == FORM_ORG_TYPES || d->layout == FORM_GRID ? d->ncols : 1;
    int64_t *sum = xcalloc(d->nrows * FORM_MAX_COLS, sizeof(*sum));
    struct buf names;
    buf_init(&names, 256);
    for (size_t k = 0; k < cl.n && err == TCXD_OK; k++) {
        struct org_info ci;
        err = store_org_get(st, cl.ids[k], r->period.to, &ci, e);
        if (err != TCXD_OK)
            break;
        struct form_result *cr = NULL;
        err = form_fill_facts(f, &ci, d, &r->period, &cr, e);
        if (err != TCXD_OK)
            break;
        for (size_t i = 0; i < d->nrows; i++)
            for (size_t c = 0; c < ncols; c++)
                if (cr->rows[i].v[c].kind == FV_COUNT)
                    sum[i * FORM_MAX_COLS + c] += cr->rows[i].v[c].n;
        buf_addf(&names, "%s%s", k ? ", " : "", ci.code);
        form_result_free(cr);
    }
    if (err == TCXD_OK && cl.n) {
        struct buf bad;
        buf_init(&bad, 128);
        for (size_t i = 0; i < d->nrows; i++) {
            if (!additive(d, &d->rows[i]))
                continue;
            for (size_t c = 0; c < ncols; c++) {
                const struct form_value *v = &r->rows[i].v[c];
                if (v->kind == FV_COUNT && v->n != sum[i * FORM_MAX_COLS + c]) {
                    buf_addf(&bad, "%sdòng %s cột %zu: %lld, các đơn vị trực thuộc cộng lại %lld",
                             bad.len ? "; " : "", d->rows[i].key, c + 2, (long long)v->n,
                             (long long)sum[i * FORM_MAX_COLS + c]);
                }
            }
        }
        if (bad.len)
            add_check(r, "children sum to the parent", false, "%s (%s)", bad.ptr, names.ptr);
        else
            add_check(r, "children sum to the parent", true, "%zu đơn vị trực thuộc: %s", cl.n,
                      names.ptr);
        buf_release(&bad);
    }
    buf_release(&names);
    free(sum);
    free(cl.ids);
    return err;
}

enum tcxd_err form_fill(struct store *st, const struct form_def *def, int64_t org_id,
                        const struct form_period *p, const struct form_opts *o,
                        struct form_result **out, struct tcxd_error *e)
{
    struct org_info org;
    enum tcxd_err err = store_org_get(st, org_id, p->to, &org, e);
    if (err != TCXD_OK)
        return err;
    struct form_period prev;
    form_period_prev_year(p, &prev);
    struct facts f;
    bool engine = o && o->engine && !strcmp(o->engine, "engine");
    if (o && o->engine && !engine && strcmp(o->engine, "store") != 0)
        return tcxd_fail(e, TCXD_EINVAL, "engine", "unknown facts engine '%s'", o->engine);
    err = engine ? facts_engine_open(st, org_id, prev.from - 1, p->to, &f, e)
                 : facts_store_open(st, org_id, prev.from - 1, p->to, &f, e);
    if (err != TCXD_OK)
        return err;
    err = form_fill_facts(&f, &org, def, p, out, e);
    if (err == TCXD_OK && o && o->children_check) {
        err = children_check(st, &f, *out, e);
        if (err != TCXD_OK) {
            form_result_free(*out);
            *out = NULL;
        }
    }
    facts_close(&f);
    return err;
}
