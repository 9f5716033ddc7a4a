/*
 * demo_people.c - plans the people of every chi bộ and their lifecycle events.
 *
 * The figures on the as-of date are exact by construction: each chi bộ gets exactly `target`
 * "core" people who are registered there and active on that date (whatever happened before:
 * an official transfer in, a merge of their old chi bộ, a re-admission; and whatever happens
 * after), plus "extra" people who are not registered anywhere on that date: those who left
 * (death, xóa tên, xin ra, khai trừ, transfer out of the province) between the start of the
 * history window and the as-of date, and those admitted after it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_internal.h"
#include "util/xmalloc.h"

#define NBANDS 15 /* 18-25, 26-30, ..., 91-95 */

struct cat_profile {
    double age[NBANDS];
    double female;
    double transfer, move_out, temp, admit, exempt;
    double theory[THEORY__MAX];
    double prof[7];
};

/* professional levels, index 0 = none */
const char *const demo_professional[7] = {"",        "Sơ cấp",  "Trung cấp", "Cao đẳng",
                                          "Đại học", "Thạc sĩ", "Tiến sĩ"};
const char *const demo_education[4] = {"12/12", "10/10", "9/12", "7/10"};

/* Per category: age bands, share of women, yearly rates (official transfer within the province,
 * transfer out, temporary transfer, admissions per member, exemption of members over 68),
 * theory levels and professional levels (weights). */
static const struct cat_profile profiles[CAT__MAX] = {
    [CAT_RES_URBAN] = {.age = {0.5, 1, 2, 3, 4, 5, 6, 8, 12, 14, 13, 11, 9, 6, 3},
                       .female = 0.38,
                       .transfer = 0.006,
                       .move_out = 0.004,
                       .temp = 0.002,
                       .admit = 0.012,
                       .exempt = 0.035,
                       .theory = {0.30, 0.45, 0.18, 0.05, 0.02},
                       .prof = {27, 5, 20, 8, 35, 4, 1}},
    [CAT_RES_RURAL] = {.age = {2, 4, 5, 6, 7, 8, 9, 10, 10, 10, 9, 7, 5, 3, 1.5},
                       .female = 0.28,
                       .transfer = 0.004,
                       .move_out = 0.003,
                       .temp = 0.002,
                       .admit = 0.02,
                       .exempt = 0.035,
                       .theory = {0.35, 0.50, 0.12, 0.02, 0.01},
                       .prof = {50, 10, 20, 6, 13, 1, 0}},
    [CAT_AGENCY] = {.age = {1, 8, 14, 15, 14, 13, 12, 10, 0.3, 0, 0, 0, 0, 0, 0},
                    .female = 0.40,
                    .transfer = 0.03,
                    .move_out = 0.008,
                    .temp = 0.01,
                    .admit = 0.03,
                    .exempt = 0,
                    .theory = {0.10, 0.30, 0.40, 0.15, 0.05},
                    .prof = {0, 0, 3, 3, 60, 30, 4}},
    [CAT_SCHOOL] = {.age = {1, 8, 13, 14, 14, 14, 13, 10, 0.5, 0, 0, 0, 0, 0, 0},
                    .female = 0.75,
                    .transfer = 0.015,
                    .move_out = 0.005,
                    .temp = 0.004,
                    .admit = 0.03,
                    .exempt = 0,
                    .theory = {0.25, 0.55, 0.17, 0.02, 0.01},
                    .prof = {0, 0, 3, 12, 70, 15, 0}},
    [CAT_HEALTH] = {.age = {1, 9, 14, 14, 13, 13, 12, 10, 0.5, 0, 0, 0, 0, 0, 0},
                    .female = 0.65,
                    .transfer = 0.015,
                    .move_out = 0.006,
                    .temp = 0.006,
                    .admit = 0.03,
                    .exempt = 0,
                    .theory = {0.30, 0.50, 0.16, 0.03, 0.01},
                    .prof = {0, 0, 20, 20, 40, 17, 3}},
    [CAT_SOE] = {.age = {1, 7, 13, 15, 15, 14, 13, 10, 0.5, 0, 0, 0, 0, 0, 0},
                 .female = 0.30,
                 .transfer = 0.015,
                 .move_out = 0.012,
                 .temp = 0.004,
                 .admit = 0.025,
                 .exempt = 0,
                 .theory = {0.25, 0.50, 0.20, 0.04, 0.01},
                 .prof = {10, 10, 20, 10, 45, 5, 0}},
    [CAT_PRIVATE] = {.age = {3, 14, 18, 17, 14, 11, 9, 6, 1, 0, 0, 0, 0, 0, 0},
                     .female = 0.35,
                     .transfer = 0.01,
                     .move_out = 0.02,
                     .temp = 0.003,
                     .admit = 0.035,
                     .exempt = 0,
                     .theory = {0.45, 0.45, 0.08, 0.015, 0.005},
                     .prof = {12, 8, 20, 12, 44, 4, 0}},
    [CAT_UNI] = {.age = {0.3, 6, 12, 14, 14, 13, 12, 11, 7, 3, 1, 0, 0, 0, 0},
                 .female = 0.50,
                 .transfer = 0.01,
                 .move_out = 0.006,
                 .temp = 0.01,
                 .admit = 0.03,
                 .exempt = 0.02,
                 .theory = {0.25, 0.45, 0.22, 0.06, 0.02},
                 .prof = {0, 0, 0, 2, 13, 45, 40}},
    [CAT_STUDENT] = {.age = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                     .female = 0.60,
                     .transfer = 0.002,
                     .move_out = 0.02,
                     .temp = 0.002,
                     .admit = 0.25,
                     .exempt = 0,
                     .theory = {0.90, 0.10, 0, 0, 0},
                     .prof = {100, 0, 0, 0, 0, 0, 0}},
    [CAT_POLICE] = {.age = {8, 16, 18, 16, 13, 11, 9, 5, 0, 0, 0, 0, 0, 0, 0},
                    .female = 0.12,
                    .transfer = 0.04,
                    .move_out = 0.01,
                    .temp = 0.01,
                    .admit = 0.035,
                    .exempt = 0,
                    .theory = {0.10, 0.40, 0.40, 0.08, 0.02},
                    .prof = {0, 0, 30, 0, 60, 10, 0}},
    [CAT_MILITARY] = {.age = {10, 17, 18, 15, 12, 11, 9, 6, 0, 0, 0, 0, 0, 0, 0},
                      .female = 0.06,
                      .transfer = 0.05,
                      .move_out = 0.02,
                      .temp = 0.01,
                      .admit = 0.04,
                      .exempt = 0,
                      .theory = {0.10, 0.45, 0.38, 0.05, 0.02},
                      .prof = {10, 0, 35, 15, 40, 0, 0}},
};

const char *const demo_ethnicities[15] = {"Kinh",  "Mường", "Tày",     "Thái",    "Nùng",
                                          "Dao",   "Hoa",   "H'Mông",  "Sán Dìu", "Sán Chay",
                                          "Khmer", "Ê Đê",  "Gia Rai", "Ba Na",   "Chăm"};
static const double eth_hanoi[] = {988, 5.5, 2.5, 1.2, 1.0,  0.8,  0.5, 0.3,
                                   0.2, 0.2, 0.1, 0.1, 0.05, 0.05, 0.05};
static const double eth_national[] = {870, 20, 25, 22, 12, 8, 4, 6, 2, 2, 13, 4, 5, 3, 2};
const char *const demo_religions[6] = {"Không",    "Phật giáo", "Công giáo",
                                       "Tin lành", "Cao Đài",   "Phật giáo Hòa Hảo"};
static const double rel_weights[] = {975, 18, 6, 0.7, 0.3, 0.2};

/* Provinces Hà Nội's members most often come from (GSO codes), besides Hà Nội itself. */
static const struct {
    int code;
    double w;
} hn_origins[] = {{35, 8}, {36, 10}, {34, 10}, {30, 8}, {33, 7}, {27, 6}, {26, 5}, {25, 5},
                  {38, 9}, {40, 9},  {42, 5},  {37, 5}, {17, 3}, {24, 4}, {19, 3}, {31, 3},
                  {22, 2}, {44, 2},  {45, 1},  {46, 1}, {15, 1}, {8, 1},  {20, 1}, {79, 1}};

struct gen {
    struct demo_plan *p;
    struct rng r;
    int32_t chi;
    uint8_t cat;
    const struct cat_profile *cp;
    struct demo_person *cur;
    tcxd_date win0;      /* history window start (01/01/2016) */
    const int32_t *pool; /* chi bộ to transfer to (not merged away) */
    size_t npool;
    struct wtable eth, rel, theory[CAT__MAX], prof[CAT__MAX], age[CAT__MAX], origin;
    int32_t prov_first[100], prov_count[100];
    double death_expect;
};

static tcxd_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static tcxd_date rand_date(struct rng *r, tcxd_date a, tcxd_date b)
{
    if (b <= a)
        return a;
    return a + (tcxd_date)rng_below(r, (uint32_t)(b - a + 1));
}

/* Yearly probability of dying at an age (a Gompertz curve, realistic enough for a demo). */
static double mortality(int age)
{
    double q = 0.0004 * exp(0.09 * (age - 30));
    return q > 0.3 ? 0.3 : q;
}

static int sample_age(struct gen *g, uint8_t cat)
{
    size_t band = wtable_pick(&g->age[cat], &g->r);
    if (cat == CAT_STUDENT)
        return rng_range(&g->r, 19, 23);
    if (band == 0)
        return rng_range(&g->r, 18, 25);
    return rng_range(&g->r, 21 + 5 * (int)band, 25 + 5 * (int)band);
}

/* Born so that the age on `on` is exactly a. */
static tcxd_date birth_for(struct gen *g, int a, tcxd_date on)
{
    return date_add_years(on, -a) - (tcxd_date)rng_below(&g->r, 365);
}

/* Admission decision between lo and hi with a realistic age (mostly 22-35, at most 60). */
static bool pick_decision(struct gen *g, tcxd_date birth, tcxd_date lo, tcxd_date hi, bool student,
                          tcxd_date *out)
{
    tcxd_date a18 = date_add_years(birth, 18), a60 = date_add_years(birth, 60) - 1;
    if (lo < a18)
        lo = a18;
    if (hi > a60)
        hi = a60;
    if (lo > hi)
        return false;
    for (int tries = 0; tries < 8; tries++) {
        int age;
        if (student)
            age = rng_range(&g->r, 19, 22);
        else {
            double x = rng_unit(&g->r);
            age = x < 0.78 ? 22 + (int)(fabs(rng_unit(&g->r) + rng_unit(&g->r) - 1.0) * 14)
                           : rng_range(&g->r, 18, 50);
        }
        tcxd_date d = date_add_years(birth, age) + (tcxd_date)rng_below(&g->r, 365);
        if (d >= lo && d <= hi) {
            *out = d;
            return true;
        }
    }
    *out = rand_date(&g->r, lo, hi);
    return true;
}

static void add_ev(struct gen *g, uint8_t kind, tcxd_date date, tcxd_date decision, int32_t org,
                   int form, tcxd_date until)
{
    struct demo_plan *p = g->p;
    ALLOC_GROW(p->evs, p->nevs + 1, p->evs_cap);
    struct demo_ev *ev = &p->evs[p->nevs++];
    ev->date = date;
    ev->decision = decision;
    ev->until = until;
    ev->org = org;
    ev->kind = kind;
    ev->form = (int8_t)form;
    g->cur->nev++;
}

static int32_t other_chi(struct gen *g, int32_t not )
{
    for (int tries = 0; tries < 8; tries++) {
        int32_t c = g->pool[rng_below(&g->r, (uint32_t)g->npool)];
        if (c != not )
            return c;
    }
    return -1;
}

/* Personal record: name, gender, hometown, ID, education, theory level. */
static void new_person(struct gen *g, int gender, tcxd_date birth, uint8_t cat)
{
    struct demo_plan *p = g->p;
    const struct demo_data *d = p->data;
    ALLOC_GROW(p->people, p->npeople + 1, p->people_cap);
    struct demo_person *x = &p->people[p->npeople++];
    memset(x, 0, sizeof(*x));
    g->cur = x;
    x->ev0 = (uint32_t)p->nevs;
    x->birth = birth;
    x->gender = (uint8_t)gender;
    x->surname = (uint32_t)wtable_pick(&d->surname.male, &g->r);
    struct ymd b = date_to_ymd(birth);
    if (gender == GENDER_FEMALE) {
        double thi = b.y < 1960 ? 0.85 : b.y < 1985 ? 0.6 : 0.4;
        x->middle = rng_chance(&g->r, thi) ? DEMO_MIDDLE_THI
                                           : (uint32_t)wtable_pick(&d->middle.female, &g->r);
        x->given = (uint32_t)wtable_pick(&d->given.female, &g->r);
    } else {
        x->middle = (uint32_t)wtable_pick(&d->middle.male, &g->r);
        x->given = (uint32_t)wtable_pick(&d->given.male, &g->r);
    }
    /* no "Thị Hiền Hiền": the given name differs from the last middle word */
    for (int tries = 0; tries < 8 && x->middle != DEMO_MIDDLE_THI; tries++) {
        const char *mid = d->middle.parts[x->middle], *last = strrchr(mid, ' ');
        if (strcmp(last ? last + 1 : mid, d->given.parts[x->given]))
            break;
        x->given = (uint32_t)wtable_pick(
            gender == GENDER_FEMALE ? &d->given.female : &d->given.male, &g->r);
    }
    /* hometown: mostly the province itself */
    int prov;
    bool own = rng_chance(&g->r, p->national_home ? 0.85 : 0.72);
    const struct demo_unit *pu = &d->units[g->prov_first[0]];
    int own_code = (int)strtol(pu->province_code, NULL, 10);
    if (own)
        prov = own_code;
    else if (p->national_home)
        prov = (int)strtol(d->units[rng_below(&g->r, (uint32_t)d->nunits)].province_code, NULL, 10);
    else
        prov = hn_origins[wtable_pick(&g->origin, &g->r)].code;
    if (prov < 0 || prov >= 100 || !g->prov_count[prov])
        prov = own_code;
    x->home =
        (uint32_t)(g->prov_first[prov] + (int32_t)rng_below(&g->r, (uint32_t)g->prov_count[prov]));
    /* CCCD: province of birth, century/gender digit, 2-digit year, 6 digits unique per bucket */
    int cg = (b.y >= 2000 ? 2 : 0) + (gender == GENDER_FEMALE);
    int yy = b.y % 100;
    size_t bucket = (size_t)prov * 400 + (size_t)cg * 100 + (size_t)yy;
    uint64_t k = p->nid_serial[bucket]++;
    uint64_t six = (k * 387149u + bucket * 7919u) % 1000000u;
    x->nid = (uint64_t)prov * 1000000000ull + (uint64_t)cg * 100000000ull +
             (uint64_t)yy * 1000000ull + six;
    x->eth = (uint8_t)wtable_pick(&g->eth, &g->r);
    x->rel = (uint8_t)wtable_pick(&g->rel, &g->r);
    x->edu = b.y < 1965   ? (rng_chance(&g->r, 0.7)   ? 1
                             : rng_chance(&g->r, 0.6) ? 3
                                                      : 0)
             : b.y < 1976 ? (rng_chance(&g->r, 0.4) ? 1 : 0)
                          : (rng_chance(&g->r, cat == CAT_RES_RURAL ? 0.12 : 0.04) ? 2 : 0);
    x->prof = (uint8_t)wtable_pick(&g->prof[cat], &g->r);
    x->theory = (uint8_t)wtable_pick(&g->theory[cat], &g->r);
}

/* Events after the as-of date (or after `from`) up to the end of history. Returns the exit date
   (DATE_OPEN_END when the person is still a member at the end). official: date probation ends. */
static tcxd_date life_after(struct gen *g, int age_asof, int32_t reg, tcxd_date from,
                            tcxd_date official, bool exempt)
{
    struct demo_plan *p = g->p;
    const struct cat_profile *cp = g->cp;
    tcxd_date t = from;
    int last_year = date_to_ymd(p->end).y;
    for (int y = date_to_ymd(from).y; y <= last_year; y++) {
        tcxd_date lo = t > D(y, 1, 1) ? t : D(y, 1, 1);
        tcxd_date hi = D(y, 12, 31) < p->end ? D(y, 12, 31) : p->end;
        if (lo > hi)
            continue;
        int age = age_asof + (y - date_to_ymd(p->as_of).y);
        double share = (double)(hi - lo + 1) / 365.0;
        double u = rng_unit(&g->r);
        double q = mortality(age) * share;
        tcxd_date when = rand_date(&g->r, lo, hi);
        bool is_official = official <= when;
        if ((u -= q) < 0) {
            add_ev(g, MEV_EXIT, when, when, -1, EXIT_TU_TRAN, DATE_NONE);
            return when;
        }
        if ((u -= 0.0012 * share) < 0) {
            add_ev(g, MEV_EXIT, when, when, -1, EXIT_XOA_TEN, DATE_NONE);
            return when;
        }
        if ((u -= 0.0002 * share) < 0) {
            add_ev(g, MEV_EXIT, when, when, -1, EXIT_XIN_RA, DATE_NONE);
            return when;
        }
        if (is_official && (u -= 0.0001 * share) < 0) {
            add_ev(g, MEV_DISCIPLINE, when, when, -1, DISCIPLINE_KHAI_TRU, DATE_NONE);
            return when;
        }
        if (age < 62 && (u -= cp->move_out * share) < 0) {
            add_ev(g, MEV_EXIT, when, when, -1, EXIT_CHUYEN_DI, DATE_NONE);
            return when;
        }
        if (age < 62 && (u -= cp->transfer * share) < 0) {
            int32_t to = other_chi(g, reg);
            if (to >= 0) {
                add_ev(g, MEV_TRANSFER, when, when, to, TRANSFER_OFFICIAL, DATE_NONE);
                reg = to;
                t = when + 1;
            }
            continue;
        }
        if (age < 62 && (u -= cp->temp * share) < 0) {
            int32_t to = other_chi(g, reg);
            tcxd_date until = when + rng_range(&g->r, 90, 330);
            if (to >= 0 && until <= p->end) {
                add_ev(g, MEV_TRANSFER, when, when, to, TRANSFER_TEMPORARY, until);
                add_ev(g, MEV_RETURN, until, until, -1, 0, DATE_NONE);
                t = until + 1;
                y = date_to_ymd(until).y - 1;
            }
            continue;
        }
        if ((u -= 0.0012 * share) < 0) {
            int form = rng_chance(&g->r, 0.65)                     ? DISCIPLINE_KHIEN_TRACH
                       : (!is_official || rng_chance(&g->r, 0.75)) ? DISCIPLINE_CANH_CAO
                                                                   : DISCIPLINE_CACH_CHUC;
            add_ev(g, MEV_DISCIPLINE, when, when, -1, form, DATE_NONE);
            t = when + 1;
            continue;
        }
        if (!exempt && age >= 68 && (u -= cp->exempt * share) < 0) {
            add_ev(g, MEV_EXEMPT, when, when, -1, 0, DATE_NONE);
            exempt = true;
            t = when + 1;
            continue;
        }
    }
    return DATE_OPEN_END;
}

/* A few recent probationers are left overdue for recognition (decided before their life after
   admission is planned, so that nothing counts them as official). */
static bool left_overdue(struct gen *g, tcxd_date ceremony)
{
    struct demo_plan *p = g->p;
    return ceremony >= date_add_months(p->end, -24) && ceremony <= date_add_months(p->end, -14) &&
           rng_chance(&g->r, p->overdue_rate);
}

static void add_official(struct gen *g, tcxd_date ceremony, tcxd_date exit)
{
    struct demo_plan *p = g->p;
    tcxd_date o = member_official_date(ceremony);
    if (o > p->end || o >= exit)
        return;
    tcxd_date dec = o + rng_range(&g->r, 0, 40);
    if (dec > p->end)
        dec = p->end;
    if (dec >= exit)
        dec = exit - 1 >= o ? exit - 1 : o;
    add_ev(g, MEV_OFFICIAL, o, dec, -1, 0, DATE_NONE);
}

/* Order of events on the same day: recognition first (a discipline on the day probation ends
   is given to an official member), then in the order planned. */
static bool ev_before(const struct demo_ev *a, const struct demo_ev *b)
{
    if (a->date != b->date)
        return a->date < b->date;
    return a->kind == MEV_OFFICIAL && b->kind != MEV_OFFICIAL;
}

/* Replays the first n planned events with the core rules; true when they are accepted. */
static bool replays(const struct demo_ev *v, size_t n, struct member_event *buf,
                    struct member_derived *d)
{
    for (size_t i = 0; i < n; i++) {
        buf[i].seq = (int64_t)i + 1;
        buf[i].kind = (enum member_event_kind)v[i].kind;
        buf[i].date = v[i].date;
        buf[i].decision_date =
            v[i].kind == MEV_ADMIT || v[i].kind == MEV_OFFICIAL ? v[i].decision : DATE_NONE;
        buf[i].org_id = v[i].org >= 0 ? v[i].org + 1 : 0;
        buf[i].form = v[i].form;
        buf[i].until = v[i].until;
    }
    return member_replay(buf, n, d, NULL) == TCXD_OK;
}

/*
 * Sorts the current person's events by date, then checks them with member_replay, the rules
 * the store applies. An event after the as-of date that the rules refuse is dropped (the
 * history stays plausible and the figures are untouched); anything else refused is a bug.
 */
static void sort_events(struct gen *g)
{
    struct demo_ev *v = &g->p->evs[g->cur->ev0];
    size_t n = g->cur->nev;
    for (size_t i = 1; i < n; i++) {
        struct demo_ev x = v[i];
        size_t j = i;
        /* the admission stays first */
        while (j > 1 && ev_before(&x, &v[j - 1])) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
    struct member_event buf[64];
    struct member_derived d;
    member_derived_init(&d);
    if (n > 64)
        BUG("demo: %zu events planned for one person", n);
    if (!replays(v, n, buf, &d)) {
        for (size_t k = 2; k <= n; k++) {
            if (replays(v, k, buf, &d))
                continue;
            if (v[k - 1].date <= g->p->as_of || v[k - 1].kind == MEV_ADMIT)
                BUG("demo: planned event %zu of %zu (kind %d on day %d) refused", k, n,
                    v[k - 1].kind, (int)v[k - 1].date);
            memmove(&v[k - 1], &v[k], (n - k) * sizeof(*v));
            n--;
            g->cur->nev--;
            g->p->nevs--;
            g->p->dropped++;
            k--;
        }
    }
    member_derived_release(&d);
}

/* A person registered in chi (active) on the as-of date. via: merged-away chi bộ they came from
   (-1 none), merged on via_date. */
static void core_person(struct gen *g, int32_t via, tcxd_date via_date)
{
    struct demo_plan *p = g->p;
    const struct cat_profile *cp = g->cp;
    int age = sample_age(g, g->cat);
    if (via >= 0 && age < 30)
        age = 30 + (int)rng_below(&g->r, 25);
    int gender = rng_chance(&g->r, cp->female) ? GENDER_FEMALE : GENDER_MALE;
    tcxd_date birth = birth_for(g, age, p->as_of);
    tcxd_date hi = via >= 0 ? via_date - 60 : p->as_of - 10;
    /* an 18-year-old must have been 18 for a while to be admitted by the as-of date */
    if (date_add_years(birth, 18) > p->as_of - 40)
        birth = date_add_years(p->as_of - 40, -18) - (tcxd_date)rng_below(&g->r, 300);
    tcxd_date dec;
    if (!pick_decision(g, birth, D(1946, 1, 1), hi, g->cat == CAT_STUDENT, &dec)) {
        via = -1;
        hi = p->as_of - 10;
        if (!pick_decision(g, birth, D(1946, 1, 1), hi, g->cat == CAT_STUDENT, &dec))
            BUG("demo: no admission date for a member born %d", (int)birth);
    }
    tcxd_date cer = dec + rng_range(&g->r, 7, 30);
    if (cer > hi + 9)
        cer = hi + 9;
    if (cer < dec)
        cer = dec;
    new_person(g, gender, birth, g->cat);
    struct demo_person *x = g->cur;
    int32_t admit_org = via >= 0 ? via : g->chi;
    x->merge_block = via >= 0;

    /* a few re-admitted members: first admission, removal, then admission again */
    if (via < 0 && age >= 40 && dec >= D(2000, 1, 1) && rng_chance(&g->r, 0.0005)) {
        tcxd_date dec1;
        if (pick_decision(g, birth, D(1960, 1, 1), dec - 6 * 365, false, &dec1)) {
            tcxd_date cer1 = dec1 + 14;
            tcxd_date o1 = member_official_date(cer1);
            tcxd_date out = rand_date(&g->r, o1 + 365, dec - 2 * 365);
            if (out > o1 && out < dec) {
                add_ev(g, MEV_ADMIT, cer1, dec1, g->chi, 0, DATE_NONE);
                add_ev(g, MEV_OFFICIAL, o1, o1 + 20 < out ? o1 + 20 : o1, -1, 0, DATE_NONE);
                add_ev(g, MEV_EXIT, out, out, -1, EXIT_XOA_TEN, DATE_NONE);
                add_ev(g, MEV_ADMIT, cer, dec, g->chi, 0, DATE_NONE);
                tcxd_date exit =
                    life_after(g, age, g->chi, p->as_of + 1, member_official_date(cer), false);
                add_official(g, cer, exit);
                x->card = ++p->card_serial;
                sort_events(g);
                return;
            }
        }
    }

    /* history before the as-of date */
    tcxd_date t = cer + 30 > g->win0 ? cer + 30 : g->win0;
    tcxd_date busy = t;
    bool transferred = false;
    if (via < 0 && age <= 60 && t < p->as_of && rng_chance(&g->r, cp->transfer * 5)) {
        int32_t from = other_chi(g, g->chi);
        if (from >= 0) {
            admit_org = from;
            transferred = true;
        }
    }
    add_ev(g, MEV_ADMIT, cer, dec, admit_org, 0, DATE_NONE);
    if (transferred) {
        tcxd_date when = rand_date(&g->r, t, p->as_of);
        add_ev(g, MEV_TRANSFER, when, when, g->chi, TRANSFER_OFFICIAL, DATE_NONE);
        busy = when + 1;
    }
    tcxd_date o = member_official_date(cer);
    if (via < 0 && age <= 60 && busy < p->as_of - 120 && rng_chance(&g->r, cp->temp * 5)) {
        tcxd_date when = rand_date(&g->r, busy, p->as_of - 120);
        tcxd_date until = when + rng_range(&g->r, 90, 330);
        int32_t to = other_chi(g, g->chi);
        if (to >= 0 && until < p->end) {
            add_ev(g, MEV_TRANSFER, when, when, to, TRANSFER_TEMPORARY, until);
            add_ev(g, MEV_RETURN, until, until, -1, 0, DATE_NONE);
            busy = until + 1;
        }
    }
    if (via < 0 && busy <= p->as_of && rng_chance(&g->r, 0.0015 * 5)) {
        tcxd_date when = rand_date(&g->r, busy, p->as_of);
        int form = when < o
                       ? (rng_chance(&g->r, 0.7) ? DISCIPLINE_KHIEN_TRACH : DISCIPLINE_CANH_CAO)
                       : (rng_chance(&g->r, 0.6)    ? DISCIPLINE_KHIEN_TRACH
                          : rng_chance(&g->r, 0.75) ? DISCIPLINE_CANH_CAO
                                                    : DISCIPLINE_CACH_CHUC);
        add_ev(g, MEV_DISCIPLINE, when, when, -1, form, DATE_NONE);
    }
    bool exempt = false;
    if (via < 0 && age >= 70 && rng_chance(&g->r, cp->exempt * 4)) {
        tcxd_date at65 = date_add_years(birth, 65);
        tcxd_date lo = at65 > busy ? at65 : busy;
        if (lo < cer + 365)
            lo = cer + 365;
        if (lo <= p->as_of) {
            add_ev(g, MEV_EXEMPT, rand_date(&g->r, lo, p->as_of), DATE_NONE, -1, 0, DATE_NONE);
            exempt = true;
        }
    }
    g->death_expect += 5 * mortality(age - 2);
    tcxd_date start = p->as_of + 1 > busy ? p->as_of + 1 : busy;
    tcxd_date exit = life_after(g, age, g->chi, start, o, exempt);
    add_official(g, cer, exit);
    if (o <= p->end && o < exit)
        x->card = ++p->card_serial;
    sort_events(g);
}

/* Someone who left between the start of the window and the as-of date. */
static void leaver(struct gen *g, int32_t org, tcxd_date lo, tcxd_date hi, int kind)
{
    struct demo_plan *p = g->p;
    tcxd_date when = rand_date(&g->r, lo, hi);
    int age = sample_age(g, g->cat);
    if (kind == EXIT_TU_TRAN) {
        for (int k = 0; k < 60 && !rng_chance(&g->r, mortality(age) / mortality(95)); k++)
            age = sample_age(g, g->cat);
    } else if (kind == EXIT_CHUYEN_DI && age > 60) {
        age = 25 + (int)rng_below(&g->r, 30);
    }
    tcxd_date birth = birth_for(g, age, when);
    tcxd_date dec;
    if (!pick_decision(g, birth, D(1946, 1, 1), when - 40, g->cat == CAT_STUDENT, &dec))
        return;
    tcxd_date cer = dec + rng_range(&g->r, 7, 30);
    if (cer >= when)
        cer = dec;
    if (cer >= when)
        return;
    int gender = rng_chance(&g->r, g->cp->female) ? GENDER_FEMALE : GENDER_MALE;
    new_person(g, gender, birth, g->cat);
    g->cur->merge_block = p->orgs[org].merged;
    add_ev(g, MEV_ADMIT, cer, dec, org, 0, DATE_NONE);
    add_official(g, cer, when);
    bool official = member_official_date(cer) < when;
    if (official)
        g->cur->card = ++p->card_serial;
    if (kind == EXIT_KHAI_TRU) {
        if (official)
            add_ev(g, MEV_DISCIPLINE, when, when, -1, DISCIPLINE_KHAI_TRU, DATE_NONE);
        else
            add_ev(g, MEV_EXIT, when, when, -1, EXIT_XOA_TEN, DATE_NONE);
    } else {
        add_ev(g, MEV_EXIT, when, when, -1, kind, DATE_NONE);
    }
    sort_events(g);
}

/* Someone admitted after the as-of date, in year y. */
static void newcomer(struct gen *g, int y)
{
    struct demo_plan *p = g->p;
    tcxd_date lo = D(y, 1, 1), hi = D(y, 12, 31) < p->end - 3 ? D(y, 12, 31) : p->end - 3;
    if (lo > hi)
        return;
    tcxd_date cer = rand_date(&g->r, lo, hi);
    int a = g->cat == CAT_STUDENT ? rng_range(&g->r, 19, 22)
                                  : 22 + (int)(fabs(rng_unit(&g->r) + rng_unit(&g->r) - 1.0) * 16);
    tcxd_date dec = cer - rng_range(&g->r, 7, 30);
    tcxd_date birth = birth_for(g, a, dec);
    int gender = rng_chance(&g->r, g->cp->female) ? GENDER_FEMALE : GENDER_MALE;
    new_person(g, gender, birth, g->cat);
    add_ev(g, MEV_ADMIT, cer, dec, g->chi, 0, DATE_NONE);
    tcxd_date o = member_official_date(cer);
    bool overdue = left_overdue(g, cer);
    tcxd_date exit = life_after(g, date_age_years(birth, p->as_of), g->chi, cer + 30,
                                overdue ? DATE_OPEN_END : o, false);
    if (!overdue)
        add_official(g, cer, exit);
    if (!overdue && o <= p->end && o < exit)
        g->cur->card = ++p->card_serial;
    sort_events(g);
}

static void gen_init(struct gen *g, struct demo_plan *p)
{
    memset(g, 0, sizeof(*g));
    g->p = p;
    g->win0 = D(2016, 1, 1);
    bool nat = p->national_home;
    wtable_init(&g->eth, nat ? eth_national : eth_hanoi, ARRAY_SIZE(eth_hanoi));
    wtable_init(&g->rel, rel_weights, ARRAY_SIZE(rel_weights));
    for (int c = 0; c < CAT__MAX; c++) {
        wtable_init(&g->theory[c], profiles[c].theory, THEORY__MAX);
        wtable_init(&g->prof[c], profiles[c].prof, 7);
        wtable_init(&g->age[c], profiles[c].age, NBANDS);
    }
    double ow[ARRAY_SIZE(hn_origins)];
    for (size_t i = 0; i < ARRAY_SIZE(hn_origins); i++)
        ow[i] = hn_origins[i].w;
    wtable_init(&g->origin, ow, ARRAY_SIZE(hn_origins));
    const struct demo_data *d = p->data;
    for (size_t i = 0; i < d->nunits; i++) {
        int code = (int)strtol(d->units[i].province_code, NULL, 10);
        if (code < 0 || code >= 100)
            continue;
        if (!g->prov_count[code])
            g->prov_first[code] = (int32_t)i;
        g->prov_count[code]++;
    }
}

static void gen_release(struct gen *g)
{
    wtable_release(&g->eth);
    wtable_release(&g->rel);
    for (int c = 0; c < CAT__MAX; c++) {
        wtable_release(&g->theory[c]);
        wtable_release(&g->prof[c]);
        wtable_release(&g->age[c]);
    }
    wtable_release(&g->origin);
}

static uint64_t code_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Adds the merged-away chi bộ and the merge operations, and the move of a base organization. */
static void plan_ops(struct demo_plan *p, struct rng *r, size_t first_org)
{
    size_t n0 = p->norgs;
    for (int m = 0; m < p->nmerges; m++) {
        /* Y: a residential chi bộ directly under a ward committee, picked from the middle */
        int32_t y = -1;
        size_t start = first_org + (size_t)rng_below(r, (uint32_t)(n0 - first_org));
        for (size_t k = 0; k < n0 - first_org; k++) {
            size_t i = first_org + (start - first_org + k) % (n0 - first_org);
            const struct demo_org *o = &p->orgs[i];
            if (o->tier == ORG_TIER_BELOW_BASE && o->form == ORG_FORM_CHI_BO &&
                (o->cat == CAT_RES_URBAN || o->cat == CAT_RES_RURAL) && o->target >= 15 &&
                p->orgs[o->parent].tier == ORG_TIER_BASE) {
                bool used = false;
                for (size_t j = 0; j < p->nops; j++)
                    used |= p->ops[j].other == (int32_t)i ||
                            p->orgs[p->ops[j].other].parent == o->parent;
                if (!used) {
                    y = (int32_t)i;
                    break;
                }
            }
        }
        if (y < 0)
            break;
        int32_t parent = p->orgs[y].parent;
        int nk = p->orgs[parent].nkids + 1;
        char want[12], code[33], name[200];
        snprintf(want, sizeof(want), nk >= 100 ? "%03d" : "%02d", nk);
        demo_plan_unique_code(p, p->orgs[parent].code, want, code);
        if (p->orgs[y].cat == CAT_RES_RURAL)
            snprintf(name, sizeof(name), "Chi bộ xóm Mới số %d", nk);
        else
            snprintf(name, sizeof(name), "Chi bộ Tổ dân phố số %d (cũ)", nk);
        int32_t x = demo_plan_add_org(p, code, name, ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO,
                                      ORG_BASE_NONE, parent);
        p->orgs[x].cat = p->orgs[y].cat;
        p->orgs[x].merged = true;
        ALLOC_GROW(p->ops, p->nops + 1, p->ops_cap);
        struct demo_op *op = &p->ops[p->nops++];
        op->kind = DEMO_OP_MERGE;
        op->org = x;
        op->other = y;
        op->date = date_add_months(D(2018, 6, 15), 15 * m) + (tcxd_date)rng_below(r, 20);
    }
    /* move: a non-state enterprise's chi bộ cơ sở to a neighbouring district */
    int32_t b = -1, to = -1;
    for (size_t i = first_org; i < n0 && b < 0; i++) {
        const struct demo_org *o = &p->orgs[i];
        if (o->tier == ORG_TIER_BASE && o->base_type == ORG_BASE_DN_NGOAI_NHA_NUOC &&
            o->form == ORG_FORM_CHI_BO && p->orgs[o->parent].parent >= 0 &&
            strcmp(p->orgs[o->parent].dec, "ĐU"))
            b = (int32_t)i;
    }
    if (b >= 0) {
        int32_t from = p->orgs[b].parent;
        for (size_t i = (size_t)from + 1; i < n0; i++)
            if (p->orgs[i].tier == ORG_TIER_ABOVE_BASE && strcmp(p->orgs[i].dec, "ĐU") &&
                p->orgs[i].parent == p->orgs[from].parent && (int32_t)i != from) {
                to = (int32_t)i;
                break;
            }
    }
    if (b >= 0 && to >= 0) {
        ALLOC_GROW(p->ops, p->nops + 1, p->ops_cap);
        struct demo_op *op = &p->ops[p->nops++];
        op->kind = DEMO_OP_MOVE;
        op->org = b;
        op->other = to;
        op->date = D(2019, 7, 1);
    }
}

void demo_plan_people(struct demo_plan *p)
{
    struct gen g;
    gen_init(&g, p);
    struct rng r;
    size_t first_org = 0;
    rng_seed(&r, p->seed, code_hash(p->orgs[first_org].code) ^ 0x0b5);
    plan_ops(p, &r, first_org);
    /* the pool of chi bộ people can move to */
    int32_t *pool = xmalloc((p->norgs + 1) * sizeof(*pool));
    size_t npool = 0;
    for (size_t i = 0; i < p->norgs; i++)
        if (org_holds_members(p->orgs[i].tier, p->orgs[i].form) && !p->orgs[i].merged)
            pool[npool++] = (int32_t)i;
    g.pool = pool;
    g.npool = npool;
    int first_year = date_to_ymd(p->as_of).y + 1, last_year = date_to_ymd(p->end).y;
    for (size_t i = 0; i < p->norgs; i++) {
        struct demo_org *o = &p->orgs[i];
        if (!org_holds_members(o->tier, o->form) || o->merged)
            continue;
        rng_seed(&g.r, p->seed, code_hash(o->code));
        g.chi = (int32_t)i;
        g.cat = o->cat;
        g.cp = &profiles[o->cat];
        g.death_expect = 0;
        int32_t via = -1;
        tcxd_date via_date = DATE_NONE;
        int nvia = 0;
        for (size_t k = 0; k < p->nops; k++)
            if (p->ops[k].kind == DEMO_OP_MERGE && p->ops[k].other == (int32_t)i) {
                via = p->ops[k].org;
                via_date = p->ops[k].date;
                nvia = rng_range(&g.r, 6, 12);
                if (nvia > o->target - 1)
                    nvia = o->target - 1;
            }
        for (int32_t k = 0; k < o->target; k++)
            core_person(&g, k < nvia ? via : -1, via_date);
        /* leavers of the window, in proportion to the chi bộ and its people */
        tcxd_date lo = g.win0, hi = p->as_of;
        int n = rng_round(&g.r, g.death_expect);
        for (int k = 0; k < n; k++)
            leaver(&g, g.chi, lo, hi, EXIT_TU_TRAN);
        double T5 = o->target * 5.0;
        n = rng_round(&g.r, T5 * g.cp->move_out);
        for (int k = 0; k < n; k++)
            leaver(&g, g.chi, lo, hi, EXIT_CHUYEN_DI);
        n = rng_round(&g.r, T5 * 0.0012);
        for (int k = 0; k < n; k++)
            leaver(&g, g.chi, lo, hi, EXIT_XOA_TEN);
        n = rng_round(&g.r, T5 * 0.0003);
        for (int k = 0; k < n; k++)
            leaver(&g, g.chi, lo, hi, EXIT_XIN_RA);
        n = rng_round(&g.r, T5 * 0.00015);
        for (int k = 0; k < n; k++)
            leaver(&g, g.chi, lo, hi, EXIT_KHAI_TRU);
        if (via >= 0) {
            /* the merged-away chi bộ also had people who left before the merge */
            n = rng_round(&g.r, nvia * 0.3) + 1;
            for (int k = 0; k < n; k++)
                leaver(&g, via, g.win0 - 3 * 365, via_date - 30,
                       k % 2 ? EXIT_TU_TRAN : EXIT_CHUYEN_DI);
        }
        /* admissions after the as-of date */
        for (int y = first_year; y <= last_year; y++) {
            double share = y == last_year ? (double)date_to_ymd(p->end).m / 12.0 : 1.0;
            n = rng_round(&g.r, o->target * g.cp->admit * share);
            for (int k = 0; k < n; k++)
                newcomer(&g, y);
        }
    }
    free(pool);
    gen_release(&g);

    /* creation dates: before every event that names the organization, parents before children */
    for (size_t i = 0; i < p->npeople; i++) {
        const struct demo_person *x = &p->people[i];
        for (uint32_t k = 0; k < x->nev; k++) {
            const struct demo_ev *ev = &p->evs[x->ev0 + k];
            if (ev->org < 0)
                continue;
            tcxd_date t =
                ev->decision != DATE_NONE && ev->decision < ev->date ? ev->decision : ev->date;
            if (t < p->orgs[ev->org].created)
                p->orgs[ev->org].created = t;
        }
    }
    for (size_t k = 0; k < p->nops; k++) {
        struct demo_org *a = &p->orgs[p->ops[k].org], *b = &p->orgs[p->ops[k].other];
        if (a->created >= p->ops[k].date)
            a->created = p->ops[k].date - 365;
        if (b->created >= p->ops[k].date)
            b->created = p->ops[k].date - 365;
    }
    for (size_t i = p->norgs; i-- > 0;) {
        struct demo_org *o = &p->orgs[i];
        if (o->created == DATE_OPEN_END)
            o->created = date_add_years(p->as_of, -1);
        struct ymd y = date_to_ymd(o->created);
        o->created = D(y.y, 1, 1);
        if (o->parent >= 0 && o->created < p->orgs[o->parent].created)
            p->orgs[o->parent].created = o->created;
    }
}
