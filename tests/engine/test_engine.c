/*
 * test_engine.c - the analytics engine against the SQL path and against counts made here.
 *
 *   - the small demo: the structure report of every organization on several dates (month ends
 *     and other days), built by SQL and by the engine, must be equal row for row;
 *   - randomized histories built through the store API: organizations created over the years,
 *     moved, merged and dissolved; members admitted, recognized, transferred (official and
 *     temporary, with returns), exited every way, re-admitted, with events recorded out of date
 *     order (back-dated) and personal records corrected afterwards; then the same equality on
 *     every organization of the tree of many dates, with comparisons;
 *   - the change token: an admission is seen by the next engine_acquire;
 *   - subtree ranges, members on a date and event counts against plain SQL on the same file;
 *   - the cache file: an engine mapped from it equals SQL and the engine it was written from; a
 *     stale file (the database changed) is refused and rebuilt, a corrupt or truncated one
 *     refused;
 *   - the review's members never reviewed (engine_review.c) against the store's SQL, on random
 *     histories with suspensions, exemptions, re-admissions and admissions near the 6 months.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "demo/demo.h"
#include "engine/engine.h"
#include "engine/engine_delta.h"
#include "engine/engine_file.h"
#include "engine/engine_internal.h"
#include "engine/engine_review.h"
#include "report/structure.h"
#include "store/store.h"
#include "store/store_engine.h"
#include "util/xmalloc.h"

static const struct store_actor actor = {"test", "local"};

static tcxd_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static void must(enum tcxd_err rc, const struct tcxd_error *e)
{
    if (rc)
        fail_msg("unexpected error %s: %s", tcxd_err_name(rc), e->msg);
}

static uint64_t rng_state;
static bool varied_names; /* build_random_city names its members from a few common words */
static uint32_t rnd(uint32_t n)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)((rng_state >> 33) % n);
}

static char dir[256];

static struct store *open_new(const char *name, char *path, size_t n)
{
    snprintf(path, n, "%s/%s.db", dir, name);
    struct store *st;
    struct tcxd_error e;
    must(store_open(path, STORE_CREATE, &st, &e), &e);
    return st;
}

/* ---- equality of the two paths ---------------------------------------------------------- */

static void assert_same_report(const struct report_structure *a, const struct report_structure *b)
{
    assert_int_equal(a->org.id, b->org.id);
    assert_string_equal(a->sentence, b->sentence);
    assert_int_equal(a->existed_then, b->existed_then);
    if (a->sentence_then || b->sentence_then)
        assert_string_equal(a->sentence_then, b->sentence_then);
    assert_memory_equal(&a->now, &b->now, sizeof(a->now));
    assert_memory_equal(&a->then, &b->then, sizeof(a->then));
    for (int i = 0; i < RT__MAX; i++) {
        const struct report_table *x = &a->tables[i], *y = &b->tables[i];
        assert_int_equal(x->nrows, y->nrows);
        for (size_t j = 0; j < x->nrows; j++) {
            assert_string_equal(x->rows[j].key, y->rows[j].key);
            assert_string_equal(x->rows[j].label, y->rows[j].label);
            assert_int_equal(x->rows[j].org_id, y->rows[j].org_id);
            assert_memory_equal(x->rows[j].v, y->rows[j].v, sizeof(x->rows[j].v));
            assert_memory_equal(x->rows[j].prev, y->rows[j].prev, sizeof(x->rows[j].prev));
        }
    }
}

static int64_t compared_reports;

/* Both paths for org on as_of (against compare), equal; returns the members counted. */
static int64_t check_org(struct store *st, int64_t org, tcxd_date as_of, tcxd_date compare)
{
    struct report_structure_opts o = {as_of, compare, true, 3, false};
    struct report_structure *a = NULL, *b = NULL;
    struct tcxd_error e;
    tcxd_error_clear(&e);
    enum tcxd_err ra = report_structure_build(st, org, &o, &a, &e);
    o.engine = true;
    enum tcxd_err rb = report_structure_build(st, org, &o, &b, &e);
    assert_int_equal(ra, rb);
    int64_t n = 0;
    if (!ra) {
        assert_same_report(a, b);
        n = a->now.members;
        compared_reports++;
    }
    report_structure_free(a);
    report_structure_free(b);
    return n;
}

/* Every organization of the tree of as_of; returns the members of all roots. */
static int64_t check_every_org(struct store *st, tcxd_date as_of, tcxd_date compare)
{
    struct org_tree t;
    struct tcxd_error e;
    must(store_tree_load(st, as_of, &t, &e), &e);
    int64_t total = 0;
    for (size_t i = 0; i < t.n; i++) {
        int64_t n = check_org(st, t.nodes[i].id, as_of, compare);
        if (t.nodes[i].parent == TREE_NONE)
            total += n;
    }
    org_tree_release(&t);
    return total;
}

/* ---- the small demo ------------------------------------------------------------------------ */

static void test_small_demo(void **state)
{
    char path[400];
    struct store *st = open_new("small", path, sizeof(path));
    struct demo_options o = {.profile = DEMO_SMALL, .seed = 7};
    struct demo_result res;
    struct tcxd_error e;
    must(demo_generate(st, &actor, &o, &res, &e), &e);
    tcxd_date as_of = res.figures.as_of;
    const tcxd_date dates[] = {as_of,          as_of - 1,
                               as_of - 200,    date_add_months(as_of, -37) + 3,
                               D(2015, 6, 30), D(2001, 1, 1)};
    int64_t seen = 0;
    for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
        seen += check_every_org(st, dates[i], i ? dates[i - 1] : DATE_NONE);
    assert_true(seen > 0);
    /* the planned figure on the as-of date, by the engine */
    struct engine *eng;
    must(engine_acquire(st, &eng, &e), &e);
    struct engine_range r;
    must(engine_subtree(eng, 0, as_of, &r, &e), &e);
    int64_t *off = xcalloc(r.hi - r.lo + 1, sizeof(int64_t));
    int64_t *prob = xcalloc(r.hi - r.lo + 1, sizeof(int64_t));
    engine_node_counts(eng, &r, off, prob);
    int64_t members = 0;
    for (uint32_t i = 0; i < r.hi - r.lo; i++)
        members += off[i] + prob[i];
    assert_int_equal(members, res.figures.members);
    free(off);
    free(prob);
    engine_release(eng);
    store_close(st);
    engine_forget();
}

/* ---- randomized histories ---------------------------------------------------------------- */

struct city {
    struct store *st;
    sqlite3 *db;
    int64_t branch[40]; /* chi bộ */
    size_t nbranch;
    int64_t base[12]; /* đảng bộ cơ sở */
    int base_district[12];
    size_t nbase;
    int64_t district[4];
    int64_t root;
    tcxd_date made[40];
    int64_t members[400];
    size_t nmembers;
    tcxd_date cut[8]; /* dates of the organization changes */
    size_t ncut;
};

static int64_t mk(struct city *c, const char *code, const char *name, enum org_tier t,
                  enum org_form f, enum org_base_type bt, int64_t parent, tcxd_date when)
{
    struct org_create_req r = {code, name, t, f, bt, parent, when, "1-QĐ"};
    int64_t id = 0;
    struct tcxd_error e;
    must(store_org_create(c->st, &actor, &r, &id, &e), &e);
    return id;
}

/* An event the rules may refuse (a random history proposes impossible ones): kept or not. */
static bool try_event(struct city *c, int64_t id, enum member_event_kind k, tcxd_date date,
                      int64_t to, int form, tcxd_date until)
{
    struct member_event ev = {.kind = k,
                              .date = date,
                              .decision_date = date,
                              .org_id = to,
                              .form = form,
                              .until = k == MEV_OFFICIAL ? DATE_NONE : until};
    if (k == MEV_OFFICIAL) {
        struct member_info mi;
        struct tcxd_error e0;
        if (store_member_get(c->st, id, &mi, &e0) || mi.ceremony_date == DATE_NONE)
            return false;
        ev.date = DATE_NONE;
        ev.decision_date = member_official_date(mi.ceremony_date) + (tcxd_date)rnd(30);
    }
    struct tcxd_error e;
    return store_member_event(c->st, &actor, id, &ev, "QĐ", "", &e) == TCXD_OK;
}

static tcxd_date rand_date(tcxd_date lo, tcxd_date hi)
{
    return hi <= lo ? lo : lo + (tcxd_date)rnd((uint32_t)(hi - lo));
}

static void build_random_city(struct city *c, uint64_t seed)
{
    rng_state = seed;
    struct tcxd_error e;
    tcxd_date t0 = D(1980, 1, 1);
    c->root =
        mk(c, "R", "Đảng bộ tỉnh Ngẫu Nhiên", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, 0, t0);
    for (int i = 0; i < 4; i++) {
        char code[32], name[64];
        snprintf(code, sizeof(code), "R.H%d", i);
        snprintf(name, sizeof(name), "Đảng bộ huyện %d", i);
        c->district[i] = mk(c, code, name, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, c->root,
                            i == 3 ? D(1996, 1, 1) : t0);
    }
    const enum org_base_type bts[] = {ORG_BASE_XA, ORG_BASE_PHUONG, ORG_BASE_DNNN,
                                      ORG_BASE_CO_QUAN_HANH_CHINH, ORG_BASE_KHAC};
    for (size_t i = 0; i < 12; i++) {
        char code[32], name[64];
        int d = (int)rnd(4);
        snprintf(code, sizeof(code), "R.H%d.B%02zu", d, i);
        snprintf(name, sizeof(name), "Đảng bộ cơ sở %zu", i);
        c->base_district[c->nbase] = d;
        c->base[c->nbase++] = mk(c, code, name, ORG_TIER_BASE, ORG_FORM_DANG_BO, bts[rnd(5)],
                                 c->district[d], d == 3 ? D(1996, 1, 1) : t0);
    }
    for (size_t i = 0; i < 36; i++) {
        char code[48], name[64];
        tcxd_date when = rnd(3) ? t0 : rand_date(D(1990, 1, 1), D(2018, 1, 1));
        if (i % 9 == 8) { /* a chi bộ cơ sở straight under a district */
            int d = (int)rnd(3);
            snprintf(code, sizeof(code), "R.H%d.C%02zu", d, i);
            snprintf(name, sizeof(name), "Chi bộ cơ sở %zu", i);
            c->branch[c->nbranch] = mk(c, code, name, ORG_TIER_BASE, ORG_FORM_CHI_BO, bts[rnd(5)],
                                       c->district[d], when);
        } else {
            size_t b = rnd((uint32_t)c->nbase);
            snprintf(code, sizeof(code), "R.B%02zu.C%02zu", b, i);
            snprintf(name, sizeof(name), "Chi bộ %zu", i);
            c->branch[c->nbranch] = mk(c, code, name, ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0,
                                       c->base[b], when < D(1996, 2, 1) ? D(1996, 2, 1) : when);
        }
        struct org_info oi;
        must(store_org_get(c->st, c->branch[c->nbranch], DATE_OPEN_END - 1, &oi, &e), &e);
        c->made[c->nbranch++] = oi.created_on;
    }
    static const char *const eth[] = {"Kinh", "Kinh", "Kinh", "Tày", "Mường", "Thái", "Hmông"};
    static const char *const rel[] = {"Không", "Không", "Phật giáo", "Công giáo", ""};
    static const char *const edu[] = {"12/12", "10/10", "9/12", "12/12", ""};
    static const char *const theory[] = {"none", "so_cap", "trung_cap", "cao_cap", "cu_nhan"};
    for (size_t i = 0; i < 320; i++) {
        size_t home = rnd((uint32_t)c->nbranch);
        tcxd_date dec = rand_date(c->made[home] + 1, D(2023, 6, 1));
        if (dec == D(2000, 2, 29))
            dec++;
        tcxd_date birth = dec - (tcxd_date)(365 * 18 + 10 + rnd(365 * 40));
        tcxd_date cer = dec + 1 + (tcxd_date)rnd(25);
        char name[64], b[DATE_ISO_LEN];
        if (varied_names) {
            static const char *const fam[] = {"Nguyễn", "Trần", "Lê", "Nguyên", "Thi"};
            static const char *const mid[] = {"Văn", "Thị", "Thu", "Ngọc", "Văn Thị"};
            static const char *const giv[] = {"An", "Anh", "Thi", "Hương", "Nguyệt", "Thịnh"};
            snprintf(name, sizeof(name), "%s %s %s", fam[rnd(5)], mid[rnd(5)], giv[rnd(6)]);
        } else
            snprintf(name, sizeof(name), "Nguyễn Văn Ngẫu %zu", i);
        date_format_iso(birth, b);
        struct member_strings s = {.full_name = name,
                                   .gender = rnd(3) ? "nam" : "nữ",
                                   .birth_date = b,
                                   .ethnicity = eth[rnd(7)],
                                   .religion = rel[rnd(5)],
                                   .education = edu[rnd(5)],
                                   .theory_level = theory[rnd(5)]};
        struct member_fields f;
        member_fields_init(&f);
        must(member_fields_parse(&s, &f, &e), &e);
        struct member_admit_req r = {&f, c->branch[home], dec, cer, "QĐ-KN", NULL};
        int64_t id;
        enum tcxd_err rc = store_member_admit(c->st, &actor, &r, &id, &e);
        member_fields_release(&f);
        if (rc)
            continue;
        c->members[c->nmembers++] = id;
        if (rnd(10) < 8)
            try_event(c, id, MEV_OFFICIAL, DATE_NONE, 0, 0, DATE_NONE);
    }
    /* lifecycle events in random member order, so that many are recorded after later-dated
       events of other members, and some before a member's own later events (back-dated) */
    for (int round = 0; round < 3; round++)
        for (size_t k = 0; k < c->nmembers; k++) {
            int64_t id = c->members[rnd((uint32_t)c->nmembers)];
            struct member_info mi;
            must(store_member_get(c->st, id, &mi, &e), &e);
            if (mi.ceremony_date == DATE_NONE)
                continue;
            tcxd_date from = mi.ceremony_date + 1;
            tcxd_date when = rand_date(from, D(2024, 12, 1));
            switch (rnd(9)) {
            case 0:
            case 1:
            case 2:
                try_event(c, id, MEV_TRANSFER, when, c->branch[rnd((uint32_t)c->nbranch)],
                          TRANSFER_OFFICIAL, DATE_NONE);
                break;
            case 3: {
                tcxd_date until = when + 30 + (tcxd_date)rnd(400);
                if (try_event(c, id, MEV_TRANSFER, when, c->branch[rnd((uint32_t)c->nbranch)],
                              TRANSFER_TEMPORARY, until) &&
                    rnd(2))
                    try_event(c, id, MEV_RETURN, when + 10 + (tcxd_date)rnd(300), 0, 0, DATE_NONE);
                break;
            }
            case 4:
                try_event(c, id, MEV_EXIT, when, 0, (int)rnd(EXIT__MAX), DATE_NONE);
                break;
            case 5:
                try_event(c, id, MEV_DISCIPLINE, when, 0, (int)rnd(2), DATE_NONE);
                break;
            case 6: {
                /* re-admission after a removal */
                if (mi.status == MEMBER_REMOVED) {
                    tcxd_date d2 = rand_date(from + 200, D(2025, 1, 1));
                    struct tcxd_error e2;
                    (void)!store_member_readmit(c->st, &actor, id,
                                                c->branch[rnd((uint32_t)c->nbranch)], d2, d2 + 3,
                                                "QĐ-KNL", &e2);
                }
                break;
            }
            case 7: {
                /* a correction of the personal record */
                struct member_strings s = {.full_name = mi.full_name,
                                           .gender = rnd(2) ? "nam" : "nữ",
                                           .birth_date = NULL,
                                           .ethnicity = eth[rnd(7)],
                                           .religion = rel[rnd(5)],
                                           .education = edu[rnd(5)],
                                           .theory_level = theory[rnd(5)]};
                char b[DATE_ISO_LEN];
                date_format_iso(mi.birth_date - (tcxd_date)rnd(400), b);
                s.birth_date = b;
                struct member_fields f;
                member_fields_init(&f);
                if (member_fields_parse(&s, &f, &e) == TCXD_OK) {
                    struct tcxd_error e2;
                    (void)!store_member_update(c->st, &actor, id, &f, &e2);
                }
                member_fields_release(&f);
                break;
            }
            default:
                try_event(c, id, MEV_EXEMPT, when, 0, 0, DATE_NONE);
                break;
            }
        }
    /* the tree changes: a base organization moves to another district, two chi bộ merge, a
       chi bộ is dissolved into another, a district takes a chi bộ cơ sở */
    struct tcxd_error e2;
    tcxd_date m1 = D(2012, 7, 1), m2 = D(2025, 6, 1), m3 = D(2025, 3, 1), m4 = D(2021, 5, 20);
    if (store_org_move(c->st, &actor, c->base[0], c->district[(c->base_district[0] + 1) % 4], m1,
                       "QĐ-1", &e2) == TCXD_OK)
        c->cut[c->ncut++] = m1;

    for (size_t i = 1; i < c->nbranch; i++)
        if (c->made[i] < m2 && c->made[0] < m2 &&
            store_org_merge(c->st, &actor, c->branch[i], c->branch[0], m2, "QĐ-2", &e2) ==
                TCXD_OK) {
            c->cut[c->ncut++] = m2;
            break;
        }
    for (size_t i = c->nbranch - 1; i > 2; i--)
        if (c->made[i] < m3 && store_org_dissolve(c->st, &actor, c->branch[i], c->branch[2], m3,
                                                  "QĐ-3", &e2) == TCXD_OK) {
            c->cut[c->ncut++] = m3;
            break;
        }
    if (store_org_move(c->st, &actor, c->base[1], c->district[(c->base_district[1] + 2) % 4], m4,
                       "QĐ-4", &e2) == TCXD_OK)
        c->cut[c->ncut++] = m4;
    /* back-dated after the tree changed: transfers into the merged-into chi bộ in the past */
    for (size_t k = 0; k < 20; k++) {
        int64_t id = c->members[rnd((uint32_t)c->nmembers)];
        try_event(c, id, MEV_TRANSFER, rand_date(D(2010, 1, 1), D(2015, 1, 1)), c->branch[0],
                  TRANSFER_OFFICIAL, DATE_NONE);
    }
}

static void test_random_histories(void **state)
{
    for (uint64_t seed = 1; seed <= 3; seed++) {
        struct city c;
        memset(&c, 0, sizeof(c));
        char name[32], path[400];
        snprintf(name, sizeof(name), "random%llu", (unsigned long long)seed);
        c.st = open_new(name, path, sizeof(path));
        build_random_city(&c, seed * 0x9e3779b97f4a7c15ull);
        assert_true(c.ncut >= 3); /* the tree did change */
        tcxd_date dates[32];
        size_t nd = 0;
        for (size_t i = 0; i < c.ncut; i++) {
            dates[nd++] = c.cut[i];
            dates[nd++] = c.cut[i] - 1;
        }
        while (nd < 22)
            dates[nd++] = rand_date(D(1985, 1, 1), D(2026, 1, 1));
        int64_t seen = 0;
        compared_reports = 0;
        for (size_t i = 0; i < nd; i++)
            seen += check_every_org(c.st, dates[i], i % 3 == 1 ? dates[i - 1] : DATE_NONE);
        assert_true(seen > 500);             /* members were counted */
        assert_true(compared_reports > 500); /* on many organizations */
        store_close(c.st);
        engine_forget();
    }
}

/* ---- freshness ----------------------------------------------------------------------------- */

static int64_t engine_members_on(struct store *st, int64_t org, tcxd_date d)
{
    struct engine *eng;
    struct tcxd_error e;
    must(engine_acquire(st, &eng, &e), &e);
    struct engine_range r;
    must(engine_subtree(eng, org, d, &r, &e), &e);
    struct engine_breakdown b;
    engine_breakdown(eng, &r, report_age_band, report_party_age_band, NULL, NULL, &b);
    int64_t n = b.members;
    engine_breakdown_release(&b);
    engine_release(eng);
    return n;
}

static void test_admission_is_seen(void **state)
{
    struct city c;
    memset(&c, 0, sizeof(c));
    char path[400];
    c.st = open_new("fresh", path, sizeof(path));
    rng_state = 42;
    c.root = mk(&c, "F", "Đảng bộ F", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, 0, D(2000, 1, 1));
    int64_t cb = mk(&c, "F.C", "Chi bộ cơ sở F", ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_KHAC,
                    c.root, D(2000, 1, 1));
    tcxd_date d = D(2022, 1, 1);
    assert_int_equal(engine_members_on(c.st, c.root, d), 0);
    struct tcxd_error e;
    for (int i = 1; i <= 3; i++) {
        struct member_strings s = {
            .full_name = "Phạm Thị Mới", .gender = "nữ", .birth_date = "1990-01-01"};
        struct member_fields f;
        member_fields_init(&f);
        must(member_fields_parse(&s, &f, &e), &e);
        struct member_admit_req r = {&f, cb, D(2020, 1, 1), D(2020, 1, 5), "QĐ", NULL};
        int64_t id;
        /* the engine of the last acquire (before the loop, then each round's) is current */
        struct engine *cur = engine_current(c.st);
        assert_non_null(cur);
        engine_release(cur);
        must(store_member_admit(c.st, &actor, &r, &id, &e), &e);
        member_fields_release(&f);
        /* the engine of before the write is no longer current; engine_current never builds */
        assert_null(engine_current(c.st));
        /* the next acquire sees it, without being told */
        assert_int_equal(engine_members_on(c.st, c.root, d), i);
        assert_int_equal(engine_members_on(c.st, cb, D(2020, 1, 4)), 0);
        if (i == 3) {
            /* a correction (an update in place) is seen as well */
            struct member_strings s2 = {
                .full_name = "Phạm Thị Mới", .gender = "nam", .birth_date = "1990-01-01"};
            member_fields_init(&f);
            must(member_fields_parse(&s2, &f, &e), &e);
            must(store_member_update(c.st, &actor, id, &f, &e), &e);
            member_fields_release(&f);
            struct engine *eng;
            must(engine_acquire(c.st, &eng, &e), &e);
            struct engine_range rr;
            must(engine_subtree(eng, c.root, d, &rr, &e), &e);
            struct engine_breakdown b;
            engine_breakdown(eng, &rr, report_age_band, report_party_age_band, NULL, NULL, &b);
            assert_int_equal(b.gender[GENDER_MALE], 1);
            assert_int_equal(b.gender[GENDER_FEMALE], 2);
            engine_breakdown_release(&b);
            engine_release(eng);
        }
    }
    store_close(c.st);
    engine_forget();
}

/* ---- ranges, members, events against SQL ------------------------------------------------- */

static int64_t sql_int(sqlite3 *db, const char *sql, const char *d1, const char *d2, int64_t id)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    sqlite3_bind_text(s, 1, d1, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, d2, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 3, id);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

struct member_count {
    int64_t all, temporary, kinh;
    int kinh_code;
};

static void count_member(void *ctx, const struct engine_member *m)
{
    struct member_count *c = ctx;
    c->all++;
    c->temporary += m->temporary;
    c->kinh += (int)m->attr[ENGINE_ATTR_ETHNICITY] == c->kinh_code;
}

/* subtree of ?3 on ?1: recursive over org_version; the SQL is written here, not the store's */
#define SUBTREE_CTE                                                                                \
    "WITH RECURSIVE sub(id) AS (SELECT ?3 UNION ALL SELECT v.org_id FROM org_version v "           \
    "JOIN sub ON v.parent_id = sub.id JOIN org o ON o.id = v.org_id "                              \
    "WHERE v.valid_from <= ?1 AND v.valid_to > ?1 AND o.created_on <= ?1 AND o.ended_on > ?1) "

static bool in_subtree(sqlite3 *db, const char *d, int64_t root, int64_t id)
{
    sqlite3_stmt *s;
    assert_int_equal(
        sqlite3_prepare_v2(db, SUBTREE_CTE "SELECT COUNT(*) FROM sub WHERE id = ?2", -1, &s, NULL),
        SQLITE_OK);
    sqlite3_bind_text(s, 1, d, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, id);
    sqlite3_bind_int64(s, 3, root);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    bool in = sqlite3_column_int64(s, 0) > 0;
    sqlite3_finalize(s);
    return in;
}

static void test_ranges_members_events(void **state)
{
    struct city c;
    memset(&c, 0, sizeof(c));
    char path[400];
    c.st = open_new("ranges", path, sizeof(path));
    build_random_city(&c, 77);
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    struct engine *eng;
    struct tcxd_error e;
    must(engine_acquire(c.st, &eng, &e), &e);
    const tcxd_date dates[] = {D(2005, 5, 5), D(2012, 7, 1), D(2025, 6, 1), D(2022, 12, 31)};
    for (size_t di = 0; di < 4; di++) {
        char d[DATE_ISO_LEN];
        date_format_iso(dates[di], d);
        const int64_t orgs[] = {c.root,    c.district[0], c.district[3],
                                c.base[0], c.base[1],     c.branch[0]};
        for (size_t k = 0; k < 6; k++) {
            struct engine_range r;
            enum tcxd_err rc = engine_subtree(eng, orgs[k], dates[di], &r, &e);
            int64_t exists = sql_int(db,
                                     "SELECT COUNT(*) FROM org o JOIN org_version v ON "
                                     "v.org_id = o.id WHERE o.id = ?3 AND v.valid_from <= ?1 "
                                     "AND v.valid_to > ?1 AND o.created_on <= ?1 AND "
                                     "o.ended_on > ?1 AND ?2 = ?2",
                                     d, d, orgs[k]);
            assert_int_equal(rc == TCXD_OK, exists == 1);
            if (rc) {
                assert_int_equal(rc, TCXD_ENOTFOUND);
                continue;
            }
            /* the range holds exactly the subtree */
            int64_t n =
                sql_int(db, SUBTREE_CTE "SELECT COUNT(*) FROM sub WHERE ?2 = ?2", d, d, orgs[k]);
            assert_int_equal(r.hi - r.lo, n);
            assert_int_equal(engine_org_at(eng, &r, r.lo)->id, orgs[k]);
            for (uint32_t p = r.lo; p < r.hi; p++) {
                const struct engine_org *o = engine_org_at(eng, &r, p);
                assert_true(o->end <= r.hi && o->end > p);
                assert_int_equal(engine_org_pos(eng, &r, o->id), p);
            }
            /* members on the date, with and without temporary stays */
            struct member_count mc = {0, 0, 0,
                                      engine_attr_code(eng, ENGINE_ATTR_ETHNICITY, "Kinh")};
            assert_true(mc.kinh_code >= 0);
            assert_string_equal(
                engine_attr_value(eng, ENGINE_ATTR_ETHNICITY, (uint32_t)mc.kinh_code), "Kinh");
            assert_int_equal(engine_attr_code(eng, ENGINE_ATTR_ETHNICITY, "Không có"), -1);
            engine_members(eng, &r, true, count_member, &mc);
            int64_t reg = sql_int(db,
                                  SUBTREE_CTE "SELECT COUNT(*) FROM member_stint s JOIN sub ON "
                                              "sub.id = s.org_id WHERE s.valid_from <= ?1 AND "
                                              "s.valid_to > ?1 AND s.kind = 0 AND ?2 = ?2",
                                  d, d, orgs[k]);
            int64_t tmp = sql_int(db,
                                  SUBTREE_CTE "SELECT COUNT(*) FROM member_stint s JOIN sub ON "
                                              "sub.id = s.org_id WHERE s.valid_from <= ?1 AND "
                                              "s.valid_to > ?1 AND s.kind = 1 AND ?2 = ?2",
                                  d, d, orgs[k]);
            int64_t kinh = sql_int(db,
                                   SUBTREE_CTE "SELECT COUNT(*) FROM member_stint s JOIN sub ON "
                                               "sub.id = s.org_id JOIN member m ON m.id = "
                                               "s.member_id WHERE s.valid_from <= ?1 AND "
                                               "s.valid_to > ?1 AND m.ethnicity = ?2",
                                   d, "Kinh", orgs[k]);
            assert_int_equal(mc.all, reg + tmp);
            assert_int_equal(mc.temporary, tmp);
            assert_int_equal(mc.kinh, kinh);
        }
    }
    /* admissions over a period placed in the admitting chi bộ, the subtree of the event's day */
    const tcxd_date from = D(2000, 1, 1), to = D(2020, 1, 1);
    char df[DATE_ISO_LEN], dt[DATE_ISO_LEN];
    date_format_iso(from, df);
    date_format_iso(to, dt);
    const int64_t orgs[] = {0, c.root, c.district[0], c.district[1], c.base[0]};
    for (size_t k = 0; k < 5; k++) {
        struct engine_event_query q = {MEV_ADMIT, -1, from, to, ENGINE_AT_FROM, false};
        int64_t n = engine_count_events(eng, orgs[k], &q);
        /* each admission's chi bộ, tested against the subtree of that day (one query per event) */
        sqlite3_stmt *s;
        assert_int_equal(sqlite3_prepare_v2(db,
                                            "SELECT date, org_id FROM member_event WHERE kind = 0 "
                                            "AND date >= ?1 AND date < ?2",
                                            -1, &s, NULL),
                         SQLITE_OK);
        sqlite3_bind_text(s, 1, df, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 2, dt, -1, SQLITE_TRANSIENT);
        int64_t want = 0;
        while (sqlite3_step(s) == SQLITE_ROW) {
            char d[DATE_ISO_LEN];
            snprintf(d, sizeof(d), "%s", (const char *)sqlite3_column_text(s, 0));
            int64_t at = sqlite3_column_int64(s, 1);
            want += !orgs[k] || in_subtree(db, d, orgs[k], at);
        }
        sqlite3_finalize(s);
        assert_int_equal(n, want);
        if (orgs[k] == c.root || !orgs[k])
            assert_true(n > 50);
    }
    /* official transfers out of a district: left one of its chi bộ for one outside it */
    for (int k = 0; k < 4; k++) {
        struct engine_event_query q = {MEV_TRANSFER,  TRANSFER_OFFICIAL, D(1990, 1, 1),
                                       D(2026, 1, 1), ENGINE_AT_FROM,    true};
        int64_t n = engine_count_events(eng, c.district[k], &q);
        q.side = ENGINE_AT_TO;
        int64_t in = engine_count_events(eng, c.district[k], &q);
        q.crossing = false;
        int64_t in_all = engine_count_events(eng, c.district[k], &q);
        assert_true(in <= in_all);
        /* against SQL: each official transfer's chi bộ before (the registration ending that day)
           and after (the event's org), each tested against the district's subtree of that day */
        sqlite3_stmt *s;
        assert_int_equal(
            sqlite3_prepare_v2(db,
                               "SELECT e.date, e.org_id, (SELECT s.org_id FROM member_stint s "
                               "WHERE s.member_id = e.member_id AND s.kind = 0 AND "
                               "s.valid_to = e.date AND s.valid_from < e.date) FROM member_event "
                               "e WHERE e.kind = 2 AND e.form = 0",
                               -1, &s, NULL),
            SQLITE_OK);
        int64_t out_want = 0, in_want = 0, in_all_want = 0;
        while (sqlite3_step(s) == SQLITE_ROW) {
            char d[DATE_ISO_LEN];
            snprintf(d, sizeof(d), "%s", (const char *)sqlite3_column_text(s, 0));
            int64_t to_org = sqlite3_column_int64(s, 1), from_org = sqlite3_column_int64(s, 2);
            bool f = from_org && in_subtree(db, d, c.district[k], from_org);
            bool t = in_subtree(db, d, c.district[k], to_org);
            out_want += f && !t;
            in_want += t && !f;
            in_all_want += t;
        }
        sqlite3_finalize(s);
        assert_int_equal(n, out_want);
        assert_int_equal(in, in_want);
        assert_int_equal(in_all, in_all_want);
    }
    engine_release(eng);
    sqlite3_close(db);
    store_close(c.st);
    engine_forget();
}

/* ---- lists and search ------------------------------------------------------------------- */

struct rowvec {
    struct member_row v[800];
    int party_age[800];
    size_t n;
};

/* the member's party age on `on` from its events (what the SQL path shows) */
static void no_event(void *ctx, const struct member_event_info *ev)
{
    (void)ctx;
    (void)ev;
}

static int sql_party_age(struct store *st, int64_t id, tcxd_date on)
{
    struct member_derived d;
    member_derived_init(&d);
    struct tcxd_error e;
    must(store_member_events(st, id, no_event, NULL, &d, &e), &e);
    int years = member_party_age_years(&d, on);
    member_derived_release(&d);
    return years;
}

static void on_store_row(void *ctx, const struct member_row *r)
{
    struct rowvec *rv = ctx;
    if (rv->n < 800)
        rv->v[rv->n++] = *r;
}

static void on_hit_row(void *ctx, const struct engine_hit *h)
{
    struct rowvec *rv = ctx;
    if (rv->n >= 800)
        return;
    rv->party_age[rv->n] = h->party_age_years;
    struct member_row *r = &rv->v[rv->n++];
    memset(r, 0, sizeof(*r));
    r->id = h->member_id;
    snprintf(r->full_name, sizeof(r->full_name), "%s", h->full_name);
    r->gender = h->gender;
    r->birth_date = h->birth_date;
    r->status = h->status;
    r->org_id = h->org_id;
    r->temporary = h->temporary;
    r->admission_decision_date = h->admission_decision_date;
}

static bool always(void *ctx, int64_t org_id)
{
    (void)org_id;
    (*(size_t *)ctx)++;
    return true;
}

/* A search counts most candidates from their registrations' summary (engine_mreg) and reads
   the registrations of the others and of those that may enter the page: on randomized
   histories (transfers, temporary stays, exits, re-admissions, corrections) it gives the same
   page and total as reading every candidate's registrations (what a scope callback forces). */
static void test_search_paths(void **state)
{
    (void)state;
    struct city c;
    memset(&c, 0, sizeof(c));
    char path[400];
    c.st = open_new("paths", path, sizeof(path));
    varied_names = true;
    build_random_city(&c, 4242);
    varied_names = false;
    struct engine *eng;
    struct tcxd_error e;
    must(engine_acquire(c.st, &eng, &e), &e);
    size_t run = 0, temp = 0, cur = 0;
    for (size_t m = 0; m < eng->nmembers; m++) {
        uint32_t f = eng->search.mreg[m].slot;
        run += (f & ENGINE_MREG_RUN) != 0;
        temp += (f & ENGINE_MREG_TEMP) != 0;
        cur += (f & ENGINE_MREG_CUR) != 0;
    }
    /* every kind of member */
    assert_true(run > 20 && temp > 5 && cur > 20 && cur <= run);
    const tcxd_date dates[] = {D(2001, 3, 3), D(2012, 7, 1), D(2020, 12, 31), D(2025, 7, 1)};
    const char *queries[] = {"nguyen",     "Nguyễn",     "thi",    "Thị",      "an",
                             "nguyen thi", "thi nguyen", "van an", "ngoc anh", "tran"};
    const int64_t orgs[] = {0, c.root, c.district[0], c.base[0], c.branch[0]};
    size_t compared = 0, pages = 0;
    const size_t heap_max = engine_heap_keep_max;
    for (int pass = 0; pass < 3; pass++) {
        engine_heap_keep_max = pass == 1 ? 3 : heap_max;
        store_scope_set(c.st, pass == 2 ? c.district[1] : 0);
        uint8_t *marks = engine_scope_marks(eng, c.st);
        for (size_t di = 0; di < 4; di++)
            for (size_t k = 0; k < 5; k++)
                for (size_t qi = 0; qi < sizeof(queries) / sizeof(queries[0]); qi++)
                    for (int variant = 0; variant < 4; variant++) {
                        struct engine_list_query q;
                        engine_list_query_init(&q, dates[di]);
                        q.org_id = orgs[k];
                        q.q = queries[qi];
                        q.former = variant & 1;
                        q.include_temporary = variant == 2;
                        q.limit = variant < 2 ? 5 : 0;
                        q.offset = variant == 1 ? 2 : 0;
                        q.visible_orgs = marks;
                        struct rowvec *a = xcalloc(1, sizeof(*a)), *b = xcalloc(1, sizeof(*b));
                        int64_t ta = -1, tb = -2;
                        enum tcxd_err ra = engine_list(eng, &q, on_hit_row, a, &ta, &e);
                        size_t calls = 0;
                        q.visible = always;
                        q.visible_ctx = &calls;
                        enum tcxd_err rb = engine_list(eng, &q, on_hit_row, b, &tb, &e);
                        assert_int_equal(ra, rb);
                        if (ra) { /* the organization did not exist that day */
                            assert_int_equal(ra, TCXD_ENOTFOUND);
                            free(a);
                            free(b);
                            continue;
                        }
                        assert_int_equal(ta, tb);
                        assert_true(calls >= (size_t)tb); /* every row through the callback */
                        assert_int_equal(a->n, b->n);
                        for (size_t i = 0; i < a->n; i++) {
                            assert_int_equal(a->v[i].id, b->v[i].id);
                            assert_int_equal(a->v[i].org_id, b->v[i].org_id);
                            assert_int_equal(a->v[i].status, b->v[i].status);
                            assert_int_equal(a->v[i].temporary, b->v[i].temporary);
                        }
                        compared += (size_t)ta;
                        pages += a->n > 0;
                        free(a);
                        free(b);
                    }
        free(marks);
    }
    engine_heap_keep_max = heap_max;
    store_scope_set(c.st, 0);
    assert_true(compared > 2000);
    assert_true(pages > 200);
    engine_release(eng);
    store_close(c.st);
    engine_forget();
}

struct member_ids {
    int64_t v[64];
    size_t n;
};

static void on_member_id(void *ctx, const struct member_row *r, const struct engine_hit *h)
{
    struct member_ids *x = ctx;
    assert_int_equal(r->id, h->member_id);
    if (x->n < 64)
        x->v[x->n++] = r->id;
}

/* The lists and searches of engine_member_list equal store_member_list's (a list) or find the
   member (a search) on every organization of the day. */
static void check_lists(struct city *c, tcxd_date on, int64_t must_find, const char *name)
{
    struct tcxd_error e;
    struct org_tree t;
    must(store_tree_load(c->st, on, &t, &e), &e);
    for (uint32_t i = 0; i < t.n; i++) {
        struct member_query q;
        member_query_init(&q);
        q.org_id = t.nodes[i].id;
        q.as_of = on;
        struct rowvec *a = xcalloc(1, sizeof(*a));
        struct member_ids b;
        memset(&b, 0, sizeof(b));
        int64_t ta = -1, tb = -2;
        must(store_member_list(c->st, &t, &q, on_store_row, a, &ta, &e), &e);
        must(engine_member_list(c->st, &q, false, on_member_id, &b, &tb, &e), &e);
        assert_int_equal(ta, tb);
        for (size_t k = 0; k < a->n && k < 64; k++)
            assert_int_equal(a->v[k].id, b.v[k]);
        free(a);
    }
    org_tree_release(&t);
    if (name) {
        struct member_query q;
        member_query_init(&q);
        q.as_of = on;
        q.q = name;
        struct member_ids b;
        memset(&b, 0, sizeof(b));
        int64_t tb = -1;
        must(engine_member_list(c->st, &q, true, on_member_id, &b, &tb, &e), &e);
        bool found = false;
        for (size_t k = 0; k < b.n; k++)
            found |= b.v[k] == must_find;
        assert_true(found);
    }
}

struct ids {
    int64_t v[64];
    size_t n;
};

static void on_id(void *ctx, const struct engine_hit *h)
{
    struct ids *x = ctx;
    if (x->n < 64)
        x->v[x->n++] = h->member_id;
}

/* The first page and the total of a list (q NULL) or a search, on eng. */
static int64_t page_of(const struct engine *eng, tcxd_date on, const char *q, struct ids *out)
{
    struct engine_list_query lq;
    engine_list_query_init(&lq, on);
    lq.q = q;
    lq.former = q != NULL;
    lq.limit = 40;
    int64_t total = -1;
    struct tcxd_error e;
    memset(out, 0, sizeof(*out));
    must(engine_list(eng, &lq, on_id, out, &total, &e), &e);
    return total;
}

/* The view's pages and totals equal those of an engine built from the database now, row for row
   in order (ranks, roll order among the base's members). */
static void check_pages(struct store *st, const tcxd_date *days, size_t ndays)
{
    struct engine *view, *built;
    struct tcxd_error e;
    must(engine_acquire_for(st, ENGINE_USE_LIST, &view, &e), &e);
    assert_non_null(view->delta);
    must(engine_build(st, &built, &e), &e);
    const char *queries[] = {NULL, "gia tang", "le a", "a", "nguyen", "thi", "an", "tang gia"};
    for (size_t d = 0; d < ndays; d++)
        for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
            struct ids a, b;
            int64_t ta = page_of(view, days[d], queries[i], &a);
            int64_t tb = page_of(built, days[d], queries[i], &b);
            assert_int_equal(ta, tb);
            assert_int_equal(a.n, b.n);
            for (size_t k = 0; k < a.n; k++)
                assert_int_equal(a.v[k], b.v[k]);
        }
    engine_release(built);
    engine_release(view);
}

/* Whether the process's engine for st is a view (a delta over a base) holding n members. */
static bool is_view(struct store *st, size_t n)
{
    struct engine *eng;
    struct tcxd_error e;
    must(engine_acquire_for(st, ENGINE_USE_COUNTS, &eng, &e), &e);
    bool v = eng->delta && eng->delta->n == n;
    engine_release(eng);
    return v;
}

/* After members' writes the engine is not built again: the next request's engine is a view of
   the one before with the members read again laid over it (engine_delta.h). An admission, a
   transfer and a correction are each seen by the next request, the structure report of every
   organization and the lists equal SQL; a value no member had, or a reader of parts a view does
   not hold, builds afresh; a process with a stale cache file lays the changes over it. */
static void test_incremental(void **state)
{
    (void)state;
    struct city c;
    memset(&c, 0, sizeof(c));
    char path[400], fpath[500];
    c.st = open_new("delta", path, sizeof(path));
    varied_names = true;
    build_random_city(&c, 777);
    varied_names = false;
    assert_true(engine_file_path(path, fpath, sizeof(fpath)));
    engine_forget();
    struct tcxd_error e;
    struct engine *eng;
    must(engine_acquire(c.st, &eng, &e), &e); /* built, the file written */
    assert_null(eng->delta);
    engine_release(eng);
    const tcxd_date days[] = {D(2024, 12, 31), D(2019, 7, 14)};
    /* an admission, first in roll order: before every member of the base */
    struct member_fields f;
    struct member_strings ms0 = {.full_name = "Lê A", .gender = "nữ", .birth_date = "1990-02-03"};
    member_fields_init(&f);
    must(member_fields_parse(&ms0, &f, &e), &e);
    struct member_admit_req r0 = {&f, c.branch[0], D(2018, 1, 10), D(2018, 1, 20), "QĐ", NULL};
    int64_t first;
    must(store_member_admit(c.st, &actor, &r0, &first, &e), &e);
    member_fields_release(&f);
    assert_true(is_view(c.st, 1));
    must(engine_acquire_for(c.st, ENGINE_USE_COUNTS, &eng, &e), &e);
    assert_int_equal(eng->delta->m[0].id, first);
    assert_true(eng->delta->m[0].roll < engine_roll_of(0));
    engine_release(eng);
    check_pages(c.st, days, 2);
    /* another */
    struct member_strings ms = {.full_name = "Hoàng Gia Tăng",
                                .gender = "nam",
                                .birth_date = "1992-02-03",
                                .ethnicity = "Tày"};
    member_fields_init(&f);
    must(member_fields_parse(&ms, &f, &e), &e);
    struct member_admit_req r = {&f, c.branch[1], D(2019, 1, 10), D(2019, 1, 20), "QĐ", NULL};
    int64_t id;
    must(store_member_admit(c.st, &actor, &r, &id, &e), &e);
    member_fields_release(&f);
    assert_true(is_view(c.st, 2));
    check_pages(c.st, days, 2);
    for (size_t i = 0; i < 2; i++) {
        compared_reports = 0;
        check_every_org(c.st, days[i], i ? days[0] : DATE_NONE);
        assert_true(compared_reports > 10);
        check_lists(&c, days[i], id, "gia tang");
    }
    /* a transfer of a member of the base */
    struct engine *base = engine_current(c.st);
    assert_non_null(base);
    int64_t moved = base->base->m[base->base->nmembers / 2].id;
    engine_release(base);
    assert_true(try_event(&c, moved, MEV_TRANSFER, D(2024, 3, 1), c.branch[2], TRANSFER_OFFICIAL,
                          DATE_NONE) ||
                try_event(&c, moved, MEV_TRANSFER, D(2024, 3, 1), c.branch[3], TRANSFER_OFFICIAL,
                          DATE_NONE));
    assert_true(is_view(c.st, 3));
    check_pages(c.st, days, 2);
    for (size_t i = 0; i < 2; i++) {
        compared_reports = 0;
        check_every_org(c.st, days[i], DATE_NONE);
        check_lists(&c, days[i], 0, NULL);
    }
    /* a correction: the admitted member's birth date, gender and ethnicity */
    struct member_strings ms2 = {.full_name = "Hoàng Gia Tăng",
                                 .gender = "nữ",
                                 .birth_date = "1960-02-03",
                                 .ethnicity = "Kinh"};
    member_fields_init(&f);
    must(member_fields_parse(&ms2, &f, &e), &e);
    must(store_member_update(c.st, &actor, id, &f, &e), &e);
    member_fields_release(&f);
    assert_true(is_view(c.st, 3));
    check_pages(c.st, days, 2);
    for (size_t i = 0; i < 2; i++) {
        compared_reports = 0;
        check_every_org(c.st, days[i], DATE_NONE);
        check_lists(&c, days[i], id, "tang gia");
    }
    /* a process with the (stale) cache file: the same view over the file */
    engine_forget();
    must(engine_acquire_for(c.st, ENGINE_USE_COUNTS, &eng, &e), &e);
    assert_non_null(eng->delta);
    assert_non_null(eng->base->map);
    engine_release(eng);
    compared_reports = 0;
    check_every_org(c.st, days[0], DATE_NONE);
    check_lists(&c, days[0], id, "gia tang");
    /* readers of what a view does not hold get an engine built afresh */
    must(engine_acquire(c.st, &eng, &e), &e);
    assert_null(eng->delta);
    engine_release(eng);
    /* a value no member had: built afresh */
    struct member_strings ms3 = {.full_name = "Hoàng Gia Tăng",
                                 .gender = "nữ",
                                 .birth_date = "1960-02-03",
                                 .ethnicity = "Chưa có ai"};
    member_fields_init(&f);
    must(member_fields_parse(&ms3, &f, &e), &e);
    must(store_member_update(c.st, &actor, id, &f, &e), &e);
    member_fields_release(&f);
    must(engine_acquire_for(c.st, ENGINE_USE_COUNTS, &eng, &e), &e);
    assert_null(eng->delta);
    engine_release(eng);
    compared_reports = 0;
    check_every_org(c.st, days[0], DATE_NONE);
    /* TCXD_ENGINE_DELTA=0: every change builds afresh */
    setenv("TCXD_ENGINE_DELTA", "0", 1);
    assert_true(try_event(&c, moved, MEV_TRANSFER, D(2024, 9, 1), c.branch[0], TRANSFER_OFFICIAL,
                          DATE_NONE));
    must(engine_acquire_for(c.st, ENGINE_USE_COUNTS, &eng, &e), &e);
    assert_null(eng->delta);
    engine_release(eng);
    unsetenv("TCXD_ENGINE_DELTA");
    store_close(c.st);
    engine_forget();
}

static void test_lists_equal_sql(void **state)
{
    struct city c;
    memset(&c, 0, sizeof(c));
    char path[400];
    c.st = open_new("lists", path, sizeof(path));
    build_random_city(&c, 99);
    struct engine *eng;
    struct tcxd_error e;
    must(engine_acquire(c.st, &eng, &e), &e);
    const tcxd_date dates[] = {D(2001, 3, 3), D(2012, 7, 1), D(2020, 12, 31), D(2025, 7, 1)};
    size_t compared = 0, scoped_rows = 0, aged = 0;
    /* pass 0 as it is; 1: every page past 3 rows through the selection instead of the heap;
       2 and 3: an account's scope (a district, then a base organization) on the store, which
       both paths apply */
    const size_t heap_max = engine_heap_keep_max;
    for (int pass = 0; pass < 4; pass++) {
    engine_heap_keep_max = pass == 1 ? 3 : heap_max;
    store_scope_set(c.st, pass == 2 ? c.district[1] : pass == 3 ? c.base[2] : 0);
    uint8_t *marks = engine_scope_marks(eng, c.st); /* what engine_member_list gives it */
    assert_true((pass >= 2) == (marks != NULL));
    for (size_t di = 0; di < 4; di++) {
        struct org_tree t;
        must(store_tree_load(c.st, dates[di], &t, &e), &e);
        const int64_t orgs[] = {c.root,    c.district[0], c.district[2],
                                c.base[0], c.branch[0],   c.branch[5]};
        for (size_t k = 0; k < 6; k++) {
            if (org_tree_find(&t, orgs[k]) == TREE_NONE)
                continue;
            for (int variant = 0; variant < 6; variant++) {
                struct member_query sq;
                member_query_init(&sq);
                sq.org_id = orgs[k];
                sq.as_of = dates[di];
                struct engine_list_query eq;
                engine_list_query_init(&eq, dates[di]);
                eq.org_id = orgs[k];
                switch (variant) {
                case 1:
                    sq.include_temporary = eq.include_temporary = true;
                    break;
                case 2:
                    sq.sort = MQ_SORT_BIRTH;
                    eq.sort = ENGINE_SORT_BIRTH;
                    sq.offset = eq.offset = 3;
                    sq.limit = eq.limit = 7;
                    break;
                case 3:
                    sq.gender = eq.gender = GENDER_FEMALE;
                    sq.status = eq.status = MEMBER_OFFICIAL;
                    break;
                case 4:
                    sq.age_min = eq.age_min = 40;
                    sq.age_max = eq.age_max = 60;
                    sq.ethnicity = eq.ethnicity = "Kinh";
                    sq.theory = eq.theory = 2;
                    break;
                default:
                    sq.offset = eq.offset = variant == 5 ? 10 : 0;
                    sq.limit = eq.limit = variant == 5 ? 5 : 0;
                    break;
                }
                eq.offset = sq.offset;
                eq.limit = sq.limit;
                eq.visible_orgs = marks;
                struct rowvec *a = xcalloc(1, sizeof(*a)), *b = xcalloc(1, sizeof(*b));
                int64_t ta = -1, tb = -2;
                must(store_member_list(c.st, &t, &sq, on_store_row, a, &ta, &e), &e);
                must(engine_list(eng, &eq, on_hit_row, b, &tb, &e), &e);
                assert_int_equal(ta, tb);
                assert_int_equal(a->n, b->n);
                for (size_t i = 0; i < a->n; i++) {
                    assert_int_equal(a->v[i].id, b->v[i].id);
                    assert_int_equal(a->v[i].org_id, b->v[i].org_id);
                    assert_int_equal(a->v[i].temporary, b->v[i].temporary);
                    assert_int_equal(a->v[i].status, b->v[i].status);
                    assert_int_equal(a->v[i].birth_date, b->v[i].birth_date);
                    assert_int_equal(a->v[i].admission_decision_date,
                                     b->v[i].admission_decision_date);
                    assert_string_equal(a->v[i].full_name, b->v[i].full_name);
                    if (variant == 0 && i < 40) {
                        assert_int_equal(b->party_age[i],
                                         sql_party_age(c.st, b->v[i].id, dates[di]));
                        aged++;
                    }
                }
                compared += a->n;
                if (pass >= 2)
                    scoped_rows += a->n;
                free(a);
                free(b);
            }
        }
        org_tree_release(&t);
    }
    free(marks);
    }
    engine_heap_keep_max = heap_max;
    store_scope_set(c.st, 0);
    assert_true(compared > 300);
    assert_true(scoped_rows > 50);
    assert_true(aged > 100);
    engine_release(eng);
    store_close(c.st);
    engine_forget();
}

static int64_t admit_named(struct store *st, int64_t cb, const char *name, const char *nid,
                           const char *card)
{
    struct member_strings s = {.full_name = name,
                               .gender = "nam",
                               .birth_date = "1985-04-04",
                               .national_id = nid,
                               .party_card_no = card};
    struct member_fields f;
    struct tcxd_error e;
    member_fields_init(&f);
    must(member_fields_parse(&s, &f, &e), &e);
    struct member_admit_req r = {&f, cb, D(2015, 1, 1), D(2015, 1, 5), "QĐ", NULL};
    int64_t id;
    must(store_member_admit(st, &actor, &r, &id, &e), &e);
    member_fields_release(&f);
    return id;
}

struct found {
    int64_t id[32];
    int rank[32];
    bool former[32];
    size_t n;
};

static void on_found(void *ctx, const struct engine_hit *h)
{
    struct found *f = ctx;
    if (f->n < 32) {
        f->id[f->n] = h->member_id;
        f->rank[f->n] = h->rank;
        f->former[f->n] = h->former;
        f->n++;
    }
}

static int64_t find(struct engine *eng, const char *q, bool former, int limit, struct found *f)
{
    struct engine_list_query lq;
    engine_list_query_init(&lq, D(2024, 1, 1));
    lq.q = q;
    lq.former = former;
    lq.limit = limit;
    memset(f, 0, sizeof(*f));
    int64_t total = -1;
    struct tcxd_error e;
    must(engine_list(eng, &lq, on_found, f, &total, &e), &e);
    return total;
}

static void test_search(void **state)
{
    char path[400];
    struct store *st = open_new("search", path, sizeof(path));
    struct city c;
    memset(&c, 0, sizeof(c));
    c.st = st;
    int64_t root =
        mk(&c, "S", "Đảng bộ S", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, 0, D(2000, 1, 1));
    int64_t cb = mk(&c, "S.C", "Chi bộ cơ sở S", ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_KHAC,
                    root, D(2000, 1, 1));
    int64_t tuan_anh = admit_named(st, cb, "Lê Tuấn Anh", "001085000123", "93001234");
    int64_t van_an = admit_named(st, cb, "Nguyễn Văn An", NULL, NULL);
    int64_t van_anh = admit_named(st, cb, "Nguyễn Văn Anh", NULL, NULL);
    int64_t an_van = admit_named(st, cb, "Trần An Văn", NULL, NULL);
    int64_t thu_huong = admit_named(st, cb, "Trần Thị Thu Hương", NULL, NULL);
    int64_t ha_huong = admit_named(st, cb, "Hà Thu Hương", NULL, NULL);
    int64_t minh_duc = admit_named(st, cb, "Nguyễn Minh Đức", NULL, NULL);
    int64_t thi = admit_named(st, cb, "Phạm Văn Thi", NULL, NULL);
    int64_t gone = admit_named(st, cb, "Đỗ Thị Rời", "001085000999", NULL);
    struct member_event ev = {.kind = MEV_EXIT,
                              .date = D(2020, 6, 1),
                              .form = EXIT_XIN_RA,
                              .decision_date = D(2020, 6, 1),
                              .until = DATE_NONE};
    struct tcxd_error e;
    must(store_member_event(st, &actor, gone, &ev, "QĐ", "", &e), &e);
    struct engine *eng;
    must(engine_acquire(st, &eng, &e), &e);
    struct found f;

    /* any part, any order: "tuan anh" finds Lê Tuấn Anh */
    assert_int_equal(find(eng, "tuan anh", false, 10, &f), 1);
    assert_int_equal(f.id[0], tuan_anh);
    /* whole words before beginnings: An before Anh; words in order before the reverse */
    assert_int_equal(find(eng, "van an", false, 10, &f), 3);
    assert_int_equal(f.id[0], van_an);  /* whole, in order */
    assert_int_equal(f.id[1], an_van);  /* whole, reversed */
    assert_int_equal(f.id[2], van_anh); /* "an" begins "Anh" */
    assert_true(f.rank[0] < f.rank[1] && f.rank[1] < f.rank[2]);
    /* the total without the rows: a page of one */
    assert_int_equal(find(eng, "van an", false, 1, &f), 3);
    assert_int_equal(f.n, 1);
    assert_int_equal(f.id[0], van_an);
    assert_int_equal(find(eng, "thu huong", false, 10, &f), 2);
    assert_true((f.id[0] == ha_huong && f.id[1] == thu_huong) ||
                (f.id[0] == thu_huong && f.id[1] == ha_huong));
    assert_int_equal(find(eng, "huong thu", false, 10, &f), 2);
    assert_int_equal(find(eng, "Minh Duc", false, 10, &f), 1);
    assert_int_equal(f.id[0], minh_duc);
    /* exact diacritics first: "Thị" is Thu Hương's middle name; Phạm Văn Thi only folds to it */
    assert_int_equal(find(eng, "Thị", false, 10, &f), 2);
    assert_int_equal(f.id[0], thu_huong);
    assert_int_equal(f.id[1], thi);
    assert_true(f.rank[0] < f.rank[1]);
    /* and the other way round when the query has no marks */
    assert_int_equal(find(eng, "Thi", false, 10, &f), 2);
    assert_int_equal(f.id[0], thi);
    /* CCCD and party card, whole or beginning */
    assert_int_equal(find(eng, "001085000123", false, 10, &f), 1);
    assert_int_equal(f.id[0], tuan_anh);
    assert_int_equal(find(eng, "93001234", false, 10, &f), 1);
    assert_int_equal(f.id[0], tuan_anh);
    assert_int_equal(find(eng, "0010850", false, 10, &f), 1); /* the one who left: not shown */
    /* former members behind the filter */
    assert_int_equal(find(eng, "roi", false, 10, &f), 0);
    assert_int_equal(find(eng, "roi", true, 10, &f), 1);
    assert_int_equal(f.id[0], gone);
    assert_true(f.former[0]);
    assert_int_equal(find(eng, "0010850", true, 10, &f), 2);
    /* nothing to search for */
    struct engine_list_query lq;
    engine_list_query_init(&lq, D(2024, 1, 1));
    lq.q = " « » ";
    int64_t total;
    assert_int_equal(engine_list(eng, &lq, on_found, &f, &total, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "q");
    engine_release(eng);
    store_close(st);
    engine_forget();
}

/* ---- the cache file ------------------------------------------------------------------------ */

static bool loaded_from_file(struct store *st)
{
    struct engine *eng;
    struct tcxd_error e;
    must(engine_acquire(st, &eng, &e), &e);
    struct engine_stats s;
    engine_stats(eng, &s);
    engine_release(eng);
    return s.from_file;
}

static void flip_byte(const char *path, off_t at)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseeko(f, at, SEEK_SET), 0);
    int c = fgetc(f);
    assert_true(c != EOF);
    assert_int_equal(fseeko(f, at, SEEK_SET), 0);
    fputc(c ^ 0x5a, f);
    assert_int_equal(fclose(f), 0);
}

static off_t file_size(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseeko(f, 0, SEEK_END), 0);
    off_t n = ftello(f);
    fclose(f);
    return n;
}

static void test_cache_file(void **state)
{
    struct city c;
    memset(&c, 0, sizeof(c));
    char path[400], fpath[500];
    c.st = open_new("cached", path, sizeof(path));
    build_random_city(&c, 0x5eed);
    assert_true(engine_file_path(path, fpath, sizeof(fpath)));
    struct tcxd_error e;
    struct store_change_token tok;
    engine_forget();
    unlink(fpath);
    /* the first acquire builds and writes the file; it is current */
    assert_false(engine_file_exists(c.st));
    assert_false(loaded_from_file(c.st));
    assert_true(engine_file_exists(c.st));
    must(store_change_token(c.st, &tok, &e), &e);
    must(engine_file_check(fpath, &tok, &e), &e);
    /* a process without the engine in memory maps it: the same reports as SQL on many days,
       the same lists and searches as the engine built from the database */
    engine_forget();
    assert_true(loaded_from_file(c.st));
    compared_reports = 0;
    const tcxd_date days[] = {D(2024, 12, 31), D(2019, 7, 14), D(2008, 3, 2), D(1995, 1, 1)};
    for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++)
        check_every_org(c.st, days[i], i == 1 ? days[0] : DATE_NONE);
    assert_true(compared_reports > 100);
    struct engine *built, *mapped;
    must(engine_build(c.st, &built, &e), &e);
    must(engine_file_load(fpath, &tok, &mapped, &e), &e);
    struct engine_stats sb, sm;
    engine_stats(built, &sb);
    engine_stats(mapped, &sm);
    assert_false(sb.from_file);
    assert_true(sm.from_file);
    assert_int_equal(sb.members, sm.members);
    assert_int_equal(sb.stints, sm.stints);
    assert_int_equal(sb.events, sm.events);
    const char *queries[] = {NULL, "nguyen", "van", "thi"};
    for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++)
        for (size_t k = 0; k < 2; k++) {
            struct ids a, b;
            int64_t ta = page_of(built, days[k], queries[i], &a);
            int64_t tb = page_of(mapped, days[k], queries[i], &b);
            assert_int_equal(ta, tb);
            assert_int_equal(a.n, b.n);
            assert_memory_equal(a.v, b.v, a.n * sizeof(a.v[0]));
            if (!queries[i])
                assert_true(ta > 0);
        }
    engine_release(built);
    engine_release(mapped);
    /* stale: an admission changes the token; the file is refused and the next acquire builds
       (and sees the member), then writes the file again */
    struct member_strings ms = {
        .full_name = "Trần Văn Bộ Đệm", .gender = "nam", .birth_date = "1991-02-03"};
    struct member_fields f;
    member_fields_init(&f);
    must(member_fields_parse(&ms, &f, &e), &e);
    struct member_admit_req r = {&f, c.branch[0], D(2024, 1, 10), D(2024, 1, 20), "QĐ", NULL};
    int64_t id;
    must(store_member_admit(c.st, &actor, &r, &id, &e), &e);
    member_fields_release(&f);
    struct store_change_token tok2;
    must(store_change_token(c.st, &tok2, &e), &e);
    assert_false(store_change_token_equal(&tok, &tok2));
    assert_int_equal(engine_file_check(fpath, &tok2, &e), TCXD_ECONFLICT);
    assert_int_equal(engine_file_load(fpath, &tok2, &mapped, &e), TCXD_ECONFLICT);
    engine_forget();
    assert_false(loaded_from_file(c.st));
    must(engine_file_check(fpath, &tok2, &e), &e);
    {
        struct engine *eng;
        must(engine_acquire(c.st, &eng, &e), &e);
        struct ids x;
        assert_int_equal(page_of(eng, D(2024, 12, 31), "bo dem", &x), 1);
        assert_int_equal(x.v[0], id);
        engine_release(eng);
    }
    /* corrupt: one byte changed anywhere past the header, or the file cut short: never used.
       A damaged header, table of checksums or small section is refused when the file is
       mapped; a damaged block of a large column when it is first read (engine_acquire reads
       every part): the file is removed, and the next acquire builds again and rewrites it */
    off_t size = file_size(fpath);
    const off_t at[] = {size / 2, size - 3, size / 5, 200};
    for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
        flip_byte(fpath, at[i]);
        enum tcxd_err lrc = engine_file_load(fpath, &tok2, &mapped, &e);
        if (lrc == TCXD_OK) {
            assert_false(engine_file_verify(mapped, ENGINE_USE_ALL));
            engine_release(mapped);
            assert_int_equal(access(fpath, F_OK), -1); /* removed */
        } else
            assert_int_equal(lrc, TCXD_EIO);
        engine_forget();
        assert_false(loaded_from_file(c.st));
        must(engine_file_load(fpath, &tok2, &mapped, &e), &e);
        assert_true(engine_file_verify(mapped, ENGINE_USE_ALL));
        engine_release(mapped);
    }
    /* lazily: a process that reads only the registrations maps a file whose events are
       damaged, and its reports equal SQL; the first that reads the events finds the damage,
       builds afresh and rewrites the file */
    {
        struct engine *eng;
        uint64_t off, len;
        engine_forget();
        must(engine_acquire_for(c.st, ENGINE_USE_COUNTS, &eng, &e), &e);
        struct engine_stats s;
        engine_stats(eng, &s);
        assert_true(s.from_file);
        assert_true(engine_file_col_place(eng, ENGINE_COL_EV, &off, &len));
        assert_true(len > 1000);
        engine_release(eng);
        engine_forget();
        flip_byte(fpath, (off_t)(off + len / 2));
        must(engine_acquire_for(c.st, ENGINE_USE_COUNTS, &eng, &e), &e);
        engine_stats(eng, &s);
        assert_true(s.from_file);
        engine_release(eng);
        compared_reports = 0;
        check_every_org(c.st, days[0], DATE_NONE);
        assert_true(compared_reports > 10);
        must(engine_acquire_for(c.st, ENGINE_USE_EVENTS, &eng, &e), &e);
        engine_stats(eng, &s);
        assert_false(s.from_file);
        engine_release(eng);
        must(engine_file_load(fpath, &tok2, &mapped, &e), &e);
        assert_true(engine_file_verify(mapped, ENGINE_USE_ALL));
        engine_release(mapped);
    }
    /* a search reads the members' registrations row by row: a damaged block of them is found
       there, nothing is answered from it, and engine_member_list answers from an engine built
       afresh (the same page and total as an engine built from the database) */
    {
        struct engine *eng;
        uint64_t off, len;
        engine_forget();
        must(engine_acquire_for(c.st, ENGINE_USE_LIST, &eng, &e), &e);
        assert_true(engine_file_col_place(eng, ENGINE_COL_MST, &off, &len));
        engine_release(eng);
        engine_forget();
        struct ids want, got;
        must(engine_build(c.st, &built, &e), &e);
        int64_t twant = page_of(built, days[0], "nguyen", &want);
        engine_release(built);
        assert_true(twant > 0);
        /* the column is one block here: any candidate reads it */
        assert_true(len > 1000 && len < (1u << ENGINE_FILE_BLOCK_SHIFT));
        {
            flip_byte(fpath, (off_t)(off + len / 2));
            must(engine_acquire_for(c.st, ENGINE_USE_LIST, &eng, &e), &e);
            struct engine_list_query lq;
            engine_list_query_init(&lq, days[0]);
            lq.q = "nguyen";
            lq.former = true;
            lq.limit = 40;
            int64_t t = -1;
            memset(&got, 0, sizeof(got));
            assert_int_equal(engine_list(eng, &lq, on_id, &got, &t, &e), TCXD_EIO);
            assert_string_equal(e.field, "engine_file");
            assert_int_equal(got.n, 0);
            engine_release(eng);
        }
        assert_int_equal(access(fpath, F_OK), -1);
        struct member_query mq;
        member_query_init(&mq);
        mq.as_of = days[0];
        mq.q = "nguyen";
        mq.limit = 40;
        struct member_ids mi;
        memset(&mi, 0, sizeof(mi));
        int64_t t = -1;
        must(engine_member_list(c.st, &mq, true, on_member_id, &mi, &t, &e), &e);
        assert_int_equal(t, twant);
        assert_int_equal(mi.n, want.n);
        for (size_t i = 0; i < want.n; i++)
            assert_int_equal(mi.v[i], want.v[i]);
        assert_false(loaded_from_file(c.st)); /* the engine in memory is the one built */
        engine_forget();
        assert_true(loaded_from_file(c.st)); /* and the file was written again */
    }
    assert_int_equal(truncate(fpath, size - 100), 0);
    assert_int_equal(engine_file_load(fpath, &tok2, &mapped, &e), TCXD_EIO);
    assert_int_equal(truncate(fpath, 10), 0);
    assert_int_equal(engine_file_load(fpath, &tok2, &mapped, &e), TCXD_EIO);
    engine_forget();
    assert_false(loaded_from_file(c.st));
    engine_forget();
    assert_true(loaded_from_file(c.st));
    /* TCXD_ENGINE_FILE=0: neither read nor written */
    setenv("TCXD_ENGINE_FILE", "0", 1);
    engine_forget();
    assert_false(loaded_from_file(c.st));
    assert_false(engine_file_exists(c.st));
    unsetenv("TCXD_ENGINE_FILE");
    store_close(c.st);
    engine_forget();
}

/* ---- the due list ------------------------------------------------------------------------- */

struct due_rows {
    struct {
        int64_t id, org_id;
        char name[1024];
        tcxd_date birth, decision;
        struct member_due due;
        int party_age;
    } v[512];
    size_t n;
    struct store *st; /* set: check each row's party age against the member's events */
    tcxd_date today;
};

static void on_due(void *ctx, const struct member_row *r, const struct member_due *due)
{
    struct due_rows *x = ctx;
    assert_int_equal(r->status, MEMBER_PROBATIONARY);
    if (x->n >= 512)
        return;
    x->v[x->n].id = r->id;
    x->v[x->n].org_id = r->org_id;
    snprintf(x->v[x->n].name, sizeof(x->v[x->n].name), "%s", r->full_name);
    x->v[x->n].birth = r->birth_date;
    x->v[x->n].decision = r->admission_decision_date;
    x->v[x->n].due = *due;
    x->n++;
}

static void on_due_aged(void *ctx, const struct member_row *r, const struct member_due *due,
                        int party_age_years)
{
    struct due_rows *x = ctx;
    on_due(ctx, r, due);
    if (x->st)
        assert_int_equal(party_age_years, sql_party_age(x->st, r->id, x->today));
}

/* store_member_due and engine_member_due on every organization of tree, two windows: the same
   rows in the same order; returns the rows seen. */
static size_t check_due(struct store *st, const struct org_tree *t, tcxd_date today)
{
    size_t seen = 0;
    static struct due_rows a, b;
    for (uint32_t i = 0; i < t->n; i++)
        for (int w = 0; w < 2; w++) {
            int days = w ? 400 : 30;
            struct tcxd_error e;
            memset(&a, 0, sizeof(a));
            memset(&b, 0, sizeof(b));
            must(store_member_due(st, t, t->nodes[i].id, today, days, on_due, &a, &e), &e);
            b.st = i % 7 == 0 ? st : NULL; /* the party ages of some */
            b.today = today;
            must(engine_member_due(st, t, t->nodes[i].id, today, days, on_due_aged, &b, &e),
                 &e);
            assert_int_equal(a.n, b.n);
            for (size_t k = 0; k < a.n; k++) {
                assert_int_equal(a.v[k].id, b.v[k].id);
                assert_int_equal(a.v[k].org_id, b.v[k].org_id);
                assert_string_equal(a.v[k].name, b.v[k].name);
                assert_int_equal(a.v[k].birth, b.v[k].birth);
                assert_int_equal(a.v[k].decision, b.v[k].decision);
                assert_int_equal(a.v[k].due.due, b.v[k].due.due);
                assert_int_equal(a.v[k].due.deadline, b.v[k].due.deadline);
                assert_int_equal(a.v[k].due.overdue, b.v[k].due.overdue);
                assert_int_equal(a.v[k].due.days_left, b.v[k].due.days_left);
                assert_int_equal(a.v[k].due.working_days_late, b.v[k].due.working_days_late);
            }
            seen += a.n;
        }
    struct tcxd_error e;
    assert_int_equal(engine_member_due(st, t, 987654321, today, 30, on_due_aged, &b, &e),
                     TCXD_ENOTFOUND);
    return seen;
}

/* engine_scope_marks against store_scope_org_today for every organization id (and some that
   do not exist) under st's scope; returns how many are in it */
static size_t check_marks(struct store *st)
{
    struct engine *eng;
    struct tcxd_error e;
    must(engine_acquire(st, &eng, &e), &e);
    bool want[401];
    store_scope_set(st, store_scope_root(st)); /* the store's own query, not a seeded set */
    for (int64_t id = -1; id < 400; id++)
        want[id + 1] = store_scope_org_today(st, id);
    uint8_t *marks = engine_scope_marks(eng, st); /* seeds the store with its set */
    size_t in = 0;
    for (int64_t id = -1; id < 400; id++) {
        assert_int_equal(engine_scope_marked(eng, marks, id), want[id + 1]);
        assert_int_equal(store_scope_org_today(st, id), want[id + 1]);
        in += want[id + 1];
    }
    free(marks);
    /* engine_scope_seed: the same set through the process's current engine */
    store_scope_set(st, store_scope_root(st));
    struct engine *cur = engine_current(st);
    assert_ptr_equal(cur, eng);
    engine_release(cur);
    engine_scope_seed(st);
    for (int64_t id = -1; id < 400; id++)
        assert_int_equal(store_scope_org_today(st, id), want[id + 1]);
    engine_release(eng);
    return in;
}

static void test_due_equal_sql(void **state)
{
    size_t scoped = 0, marked = 0;
    size_t seen = 0;
    for (uint64_t seed = 11; seed <= 12; seed++) {
        struct city c;
        memset(&c, 0, sizeof(c));
        char name[32], path[400];
        snprintf(name, sizeof(name), "due%llu", (unsigned long long)seed);
        c.st = open_new(name, path, sizeof(path));
        build_random_city(&c, seed * 0x51ed270b27ul);
        /* a few admitted lately, so that some are probationary and due */
        struct tcxd_error e;
        for (int i = 0; i < 12; i++) {
            char full[64];
            snprintf(full, sizeof(full), "Lê Thị Dự Bị %d", i);
            struct member_strings ms = {
                .full_name = full, .gender = i % 2 ? "nam" : "nữ", .birth_date = "1995-05-05"};
            struct member_fields f;
            member_fields_init(&f);
            must(member_fields_parse(&ms, &f, &e), &e);
            tcxd_date dec = D(2025, 1, 1) + 29 * i;
            struct member_admit_req r = {
                &f, c.branch[rnd((uint32_t)c.nbranch)], dec, dec + 7, "QĐ", NULL};
            int64_t id;
            if (store_member_admit(c.st, &actor, &r, &id, &e))
                tcxd_error_clear(&e); /* a chi bộ dissolved by then: the rule refuses */
            member_fields_release(&f);
        }
        const tcxd_date todays[] = {D(2026, 1, 15), D(2025, 11, 30), D(2024, 6, 1)};
        for (size_t k = 0; k < 3; k++) {
            struct org_tree t;
            must(store_tree_load(c.st, todays[k], &t, &e), &e);
            seen += check_due(c.st, &t, todays[k]);
            org_tree_release(&t);
        }
        /* an account's scope on the store: both keep its members only; the engine's marks are
           the store's set (dissolved organizations included: the histories dissolve some) */
        const int64_t roots[] = {c.district[0], c.district[3], c.base[1], c.branch[3], c.root, -5};
        struct org_tree t;
        must(store_tree_load(c.st, todays[0], &t, &e), &e);
        for (size_t k = 0; k < 6; k++) {
            store_scope_set(c.st, roots[k]);
            marked += check_marks(c.st);
            if (k < 5)
                scoped += check_due(c.st, &t, todays[0]);
        }
        store_scope_set(c.st, 0);
        org_tree_release(&t);
        store_close(c.st);
        engine_forget();
    }
    assert_true(seen > 20);
    assert_true(scoped > 10);
    assert_true(marked > 40);
}

/* ---- the review's subjects (engine_review.c) ---------------------------------------------- */

/* The never-reviewed figures and list of root's subtree for year, by SQL and by the engine:
   equal. Adds each exclusion's count to excl; the members never reviewed, -1 when root did not
   exist on the report date. */
static int64_t check_review(struct store *st, int64_t root, int year, int64_t *excl)
{
    struct review_report a, b;
    struct tcxd_error e;
    if (store_review_report(st, root, year, &a, &e)) {
        assert_int_equal(e.code, TCXD_ENOTFOUND);
        tcxd_error_clear(&e);
        return -1;
    }
    must(store_review_report(st, root, year, &b, &e), &e);
    must(store_review_unreviewed(st, &a, true, &e), &e);
    must(engine_review_unreviewed(st, &b, true, &e), &e);
    for (int g = 0; g < REVIEW_GROUP__MAX; g++)
        assert_int_equal(a.unreviewed[g], b.unreviewed[g]);
    for (int x = 0; x < REVIEW_EXCLUSION__MAX; x++) {
        assert_int_equal(a.excluded[x], b.excluded[x]);
        excl[x] += a.excluded[x];
    }
    assert_int_equal(a.n_missing, b.n_missing);
    for (size_t i = 0; i < a.n_missing; i++) {
        assert_int_equal(a.missing[i].member_id, b.missing[i].member_id);
        assert_int_equal(a.missing[i].org_id, b.missing[i].org_id);
        assert_int_equal(a.missing[i].group, b.missing[i].group);
        assert_string_equal(a.missing[i].code, b.missing[i].code);
    }
    int64_t n = a.unreviewed[REVIEW_GROUP_MEMBER];
    review_report_release(&a);
    review_report_release(&b);
    return n;
}

static int64_t admit_on(struct city *c, const char *name, tcxd_date dec, tcxd_date cer)
{
    struct tcxd_error e;
    struct member_strings ms = {.full_name = name, .gender = "nữ", .birth_date = "1972-03-04"};
    struct member_fields f;
    member_fields_init(&f);
    must(member_fields_parse(&ms, &f, &e), &e);
    struct member_admit_req r = {&f, c->branch[0], dec, cer, "QĐ", NULL};
    int64_t id = 0;
    must(store_member_admit(c->st, &actor, &r, &id, &e), &e);
    member_fields_release(&f);
    return id;
}

static void test_review_equal_sql(void **state)
{
    int64_t excl[REVIEW_EXCLUSION__MAX] = {0}, members = 0, checked = 0;
    struct tcxd_error e;
    for (uint64_t seed = 21; seed <= 22; seed++) {
        struct city c;
        memset(&c, 0, sizeof(c));
        char name[32], path[400];
        snprintf(name, sizeof(name), "review%llu", (unsigned long long)seed);
        c.st = open_new(name, path, sizeof(path));
        build_random_city(&c, seed * 0x2545f4914f6cdd1dull);
        /* suspensions (some ended), exemptions ended, admissions near the review's 6 months */
        for (size_t k = 0; k < c.nmembers / 4; k++) {
            int64_t id = c.members[rnd((uint32_t)c.nmembers)];
            tcxd_date when = rand_date(D(2005, 1, 1), D(2025, 11, 1));
            if (rnd(2)) {
                if (try_event(&c, id, MEV_SUSPEND, when, 0, 0, DATE_NONE) && rnd(2))
                    try_event(&c, id, MEV_SUSPEND, when + 30 + (tcxd_date)rnd(700), 0, 1,
                              DATE_NONE);
            } else if (try_event(&c, id, MEV_EXEMPT, when, 0, 0, DATE_NONE) && rnd(2)) {
                try_event(&c, id, MEV_EXEMPT, when + 30 + (tcxd_date)rnd(700), 0, 1, DATE_NONE);
            }
        }
        /* decided 20/06/2025 (6 months before 31/12 have passed), ceremony 10/07/2025 (not) */
        int64_t late = admit_on(&c, "Trần Thị Tháng Tám", D(2025, 8, 1), D(2025, 8, 5));
        /* re-admissions: decided long after the first admission; decided on the day of the
           removal (an empty gap, dropped) */
        int64_t june = admit_on(&c, "Trần Thị Tháng Sáu", D(2025, 6, 20), D(2025, 7, 10));
        int64_t again[2] = {admit_on(&c, "Phạm Văn Lại", c.made[0] + 10, c.made[0] + 20),
                            admit_on(&c, "Phạm Văn Lại Ngay", c.made[0] + 30, c.made[0] + 40)};
        for (int i = 0; i < 2; i++) {
            assert_true(try_event(&c, again[i], MEV_OFFICIAL, DATE_NONE, 0, 0, DATE_NONE));
            tcxd_date out = i ? D(2025, 8, 1) : D(2020, 5, 5), dec = D(2025, 8, 1);
            assert_true(try_event(&c, again[i], MEV_EXIT, out, 0, EXIT_XOA_TEN, 0));
            must(store_member_readmit(c.st, &actor, again[i], c.branch[0], dec, dec + 10, "KNL",
                                      &e),
                 &e);
        }
        /* by the rule itself: decided fewer than 6 months before 31/12/2025, out of the review
           (the first admission's decision is years before) */
        struct review_report r;
        must(store_review_report(c.st, c.branch[0], 2025, &r, &e), &e);
        must(engine_review_unreviewed(c.st, &r, true, &e), &e);
        bool listed[4] = {false, false, false, false};
        const int64_t who[4] = {june, late, again[0], again[1]};
        for (size_t i = 0; i < r.n_missing; i++)
            for (int k = 0; k < 4; k++)
                listed[k] = listed[k] || r.missing[i].member_id == who[k];
        assert_true(listed[0]);
        assert_false(listed[1]);
        assert_false(listed[2]);
        assert_false(listed[3]);
        review_report_release(&r);
        const int years[] = {2000, 2010, 2018, 2020, 2021, 2023, 2024, 2025, 2026};
        const int64_t roots[] = {c.root, c.district[0], c.district[3], c.base[0], c.base[5],
                                 c.branch[0], c.branch[7]};
        for (size_t y = 0; y < sizeof(years) / sizeof(years[0]); y++)
            for (size_t k = 0; k < sizeof(roots) / sizeof(roots[0]); k++) {
                int64_t n = check_review(c.st, roots[k], years[y], excl);
                if (n >= 0) {
                    members += n;
                    checked++;
                }
            }
        store_close(c.st);
        engine_forget();
    }
    assert_true(checked > 40);
    assert_true(members > 1000);
    assert_true(excl[REVIEW_EXCL_EXEMPTED] > 20);
    assert_true(excl[REVIEW_EXCL_SUSPENDED] > 20);
    assert_true(excl[REVIEW_EXCL_NEW_MEMBER] >= 4);
}

/* ---- set-up -------------------------------------------------------------------------------- */

static int setup(void **state)
{
    snprintf(dir, sizeof(dir), "%s/tcxd-engine-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[400];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_admission_is_seen),
        cmocka_unit_test(test_cache_file),
        cmocka_unit_test(test_due_equal_sql),
        cmocka_unit_test(test_ranges_members_events),
        cmocka_unit_test(test_random_histories),
        cmocka_unit_test(test_review_equal_sql),
        cmocka_unit_test(test_lists_equal_sql),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_search_paths),
        cmocka_unit_test(test_incremental),
        cmocka_unit_test(test_small_demo),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
