/*
 * test_demo.c - the demo generator: exact figures on 31/12/2020 counted here with plain SQL on
 * the database (a recursive walk over org_version and a count of member_stint rows, not the
 * report code), the organization codes the UI tests rely on, realistic people, determinism
 * (same seed and day: same content), refusals that leave the database unchanged, and the
 * helpers (name filter, exact allocation).
 *
 * `test_demo small` runs in the unit suite; `test_demo hanoi` (suite slow) builds hanoi-2020.
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
#include "demo/demo_internal.h"
#include "store/store.h"

static const struct store_actor actor = {"test", "local"};
static const char *const TODAY = "2026-11-26";

static void tmp_path(char *out, size_t n, const char *tag)
{
    const char *dir = getenv("TMPDIR");
    snprintf(out, n, "%s/tcxd_demo_%s_%d.db", dir && *dir ? dir : "/tmp", tag, (int)getpid());
}

static void remove_db(const char *path)
{
    char x[600];
    unlink(path);
    snprintf(x, sizeof(x), "%s-wal", path);
    unlink(x);
    snprintf(x, sizeof(x), "%s-shm", path);
    unlink(x);
}

static void generate_opts(const char *path, const struct demo_options *opts)
{
    struct store *st;
    struct tcxd_error e;
    remove_db(path);
    assert_int_equal(store_open(path, STORE_CREATE, &st, &e), TCXD_OK);
    struct demo_options o = *opts;
    struct demo_result r;
    enum tcxd_err rc = demo_generate(st, &actor, &o, &r, &e);
    if (rc)
        fail_msg("demo_generate: %s", e.msg);
    store_close(st);
}

static void generate(const char *path, enum demo_profile p, uint64_t seed)
{
    struct demo_options o = {.profile = p, .seed = seed};
    generate_opts(path, &o);
}

/* ---- independent counting -------------------------------------------------------------------- */

static int64_t q1(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    return v;
}

struct figures {
    int64_t direct, base, dang_bo_co_so, chi_bo_co_so, partial, branches, members, official,
        probationary;
};

/* The subtree of `code` as it stood on `day`, walked from org_version rows. */
#define SUBTREE                                                                                    \
    "WITH RECURSIVE v AS (SELECT ov.org_id, ov.parent_id, COALESCE(ov.tier, o.tier) AS tier, "     \
    "COALESCE(ov.form, o.form) AS form FROM org_version ov "                                       \
    "JOIN org o ON o.id = ov.org_id WHERE ov.valid_from <= ?1 AND ov.valid_to > ?1 "               \
    "AND o.created_on <= ?1 AND o.ended_on > ?1), "                                                \
    "sub(id, depth, tier, form) AS (SELECT id, 0, tier, form FROM org WHERE code = ?2 UNION ALL "  \
    "SELECT v.org_id, sub.depth + 1, v.tier, v.form FROM v JOIN sub ON v.parent_id = sub.id) "

static void count_figures(sqlite3 *db, const char *code, const char *day, struct figures *f)
{
    static const char *const sql[] = {
        SUBTREE "SELECT count(*) FROM sub WHERE sub.depth = 1 "
                "AND sub.tier = 0",
        SUBTREE "SELECT count(*) FROM sub WHERE sub.tier = 1",
        SUBTREE "SELECT count(*) FROM sub WHERE sub.tier = 1 "
                "AND sub.form = 0",
        SUBTREE "SELECT count(*) FROM sub WHERE sub.tier = 1 "
                "AND sub.form = 1",
        SUBTREE "SELECT count(*) FROM sub WHERE sub.tier = 2 "
                "AND sub.form = 0",
        SUBTREE "SELECT count(*) FROM sub WHERE sub.tier = 2 "
                "AND sub.form = 1",
        SUBTREE "SELECT count(*) FROM member_stint s JOIN sub ON sub.id = s.org_id "
                "WHERE s.kind = 0 AND s.valid_from <= ?1 AND s.valid_to > ?1 "
                "AND s.status IN (1, 2)",
        SUBTREE "SELECT count(*) FROM member_stint s JOIN sub ON sub.id = s.org_id "
                "WHERE s.kind = 0 AND s.valid_from <= ?1 AND s.valid_to > ?1 AND s.status = 2",
        SUBTREE "SELECT count(*) FROM member_stint s JOIN sub ON sub.id = s.org_id "
                "WHERE s.kind = 0 AND s.valid_from <= ?1 AND s.valid_to > ?1 AND s.status = 1",
    };
    int64_t *out[] = {&f->direct,   &f->base,    &f->dang_bo_co_so, &f->chi_bo_co_so, &f->partial,
                      &f->branches, &f->members, &f->official,      &f->probationary};
    for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
        sqlite3_stmt *s;
        if (sqlite3_prepare_v2(db, sql[i], -1, &s, NULL) != SQLITE_OK)
            fail_msg("%s", sqlite3_errmsg(db));
        sqlite3_bind_text(s, 1, day, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, code, -1, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(s), SQLITE_ROW);
        *out[i] = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
}

/* People registered on the day: plausible ages, women share, IDs, names, ethnicity. */
static void check_people(sqlite3 *db, const char *day, int64_t members)
{
    char sql[1024];
    const char *reg = "FROM member m JOIN member_stint s ON s.member_id = m.id WHERE s.kind = 0 "
                      "AND s.valid_from <= '%s' AND s.valid_to > '%s'";
    char base[400];
    snprintf(base, sizeof(base), reg, day, day);
    /* one registered stint per member on a day */
    snprintf(sql, sizeof(sql), "SELECT count(DISTINCT m.id) %s", base);
    assert_int_equal(q1(db, sql), members);
    /* ages 18 to 95: born after day - 96 years and at least 18 years before the day */
    snprintf(sql, sizeof(sql),
             "SELECT count(*) %s AND (m.birth_date > date('%s', '-18 years') "
             "OR m.birth_date <= date('%s', '-96 years'))",
             base, day, day);
    assert_int_equal(q1(db, sql), 0);
    snprintf(sql, sizeof(sql), "SELECT count(*) %s AND m.gender = 1", base);
    int64_t women = q1(db, sql);
    assert_true(women * 100 >= members * 25 && women * 100 <= members * 42);
    snprintf(sql, sizeof(sql), "SELECT count(*) %s AND m.ethnicity = 'Kinh'", base);
    assert_true(q1(db, sql) * 100 >= members * 90);
    snprintf(sql, sizeof(sql), "SELECT count(*) %s AND m.religion = 'Không'", base);
    assert_true(q1(db, sql) * 100 >= members * 90);
    /* national IDs: 12 digits, CCCD structure, unique */
    assert_int_equal(q1(db, "SELECT count(*) FROM member WHERE national_id IS NULL OR "
                            "length(national_id) != 12 OR national_id GLOB '*[^0-9]*' "
                            "OR substr(national_id, 1, 1) != '0' "
                            "OR substr(national_id, 4, 1) NOT IN ('0', '1', '2', '3')"),
                     0);
    assert_int_equal(q1(db, "SELECT count(*) - count(DISTINCT national_id) FROM member"), 0);
    /* gender/century digit agrees with the record */
    assert_int_equal(q1(db, "SELECT count(*) FROM member WHERE "
                            "(CAST(substr(national_id, 4, 1) AS INTEGER) % 2) != gender OR "
                            "(CAST(substr(national_id, 4, 1) AS INTEGER) >= 2) != "
                            "(birth_date >= '2000-01-01') OR "
                            "substr(national_id, 5, 2) != substr(birth_date, 3, 2)"),
                     0);
    /* names: three or more words, no junk characters from the source files */
    assert_int_equal(q1(db, "SELECT count(*) FROM member WHERE full_name NOT LIKE '% % %' "
                            "OR full_name GLOB '*[.,0-9-]*'"),
                     0);
    /* no doubled last word ("Nguyễn Thị Hiền Hiền") */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT full_name FROM member", -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *n = (const char *)sqlite3_column_text(st, 0);
        const char *last = strrchr(n, ' ');
        assert_non_null(last);
        size_t len = strlen(last + 1);
        const char *before = last - len; /* where the word before would start */
        if (before > n && before[-1] == ' ' && !strncmp(before, last + 1, len))
            fail_msg("doubled name '%s'", n);
    }
    sqlite3_finalize(st);
    /* most Hà Nội members of the Hà Nội profiles come from Hà Nội (CCCD 001) */
    snprintf(sql, sizeof(sql), "SELECT count(*) %s AND substr(m.national_id, 1, 3) = '001'", base);
    int64_t hn = q1(db, sql);
    assert_true(hn * 100 >= members * 55 && hn * 100 <= members * 90);
}

/* History: every kind of event the brief names happened in the window. */
static void check_history(sqlite3 *db, bool big)
{
    assert_true(q1(db, "SELECT count(*) FROM member_event WHERE kind = 0 AND date >= '2016-01-01'"
                       " AND date < '2021-01-01'") > 0);
    for (int y = 2016; y <= 2025; y++) {
        char sql[200];
        snprintf(sql, sizeof(sql),
                 "SELECT count(*) FROM member_event WHERE kind = 0 AND substr(date, 1, 4) = '%d'",
                 y);
        assert_true(q1(db, sql) > 0); /* admissions each year */
    }
    assert_true(q1(db, "SELECT count(*) FROM member_event WHERE kind = 1") > 0); /* official */
    assert_true(q1(db, "SELECT count(*) FROM member_event WHERE kind = 6 AND form = 3") > 0);
    assert_true(q1(db, "SELECT count(*) FROM member_event WHERE kind = 6 AND form = 4") > 0);
    assert_true(q1(db, "SELECT count(*) FROM org_event WHERE kind = 'merged_into'") >= 1);
    if (big) {
        /* the years of history hold two merges; the 2025 restructuring (checked on its own:
           126 commune-level committees) adds its own from 01/07/2025 */
        assert_true(q1(db, "SELECT count(*) FROM org_event WHERE kind = 'merged_into'"
                           " AND date < '2025-07-01'") == 2);
        assert_true(q1(db, "SELECT count(*) FROM org_event WHERE kind = 'merged_into'"
                           " AND date = '2025-07-01'") > 0);
        assert_true(q1(db, "SELECT count(*) FROM org_event WHERE kind = 'move'") >= 1);
        /* every way out: xóa tên, xin ra, từ trần, chuyển đi as exits, khai trừ as discipline */
        static const int exits[] = {EXIT_XOA_TEN, EXIT_XIN_RA, EXIT_TU_TRAN, EXIT_CHUYEN_DI};
        for (size_t i = 0; i < sizeof(exits) / sizeof(exits[0]); i++) {
            char sql[200];
            snprintf(sql, sizeof(sql),
                     "SELECT count(*) FROM member_event WHERE kind = 6 AND form = %d", exits[i]);
            assert_true(q1(db, sql) > 0);
        }
        assert_true(q1(db, "SELECT count(*) FROM member_event WHERE kind = 4 AND form = 3") > 0);
        assert_true(q1(db, "SELECT count(*) FROM member_event WHERE kind = 2 AND form = 0") > 0);
        assert_true(q1(db, "SELECT count(*) FROM member_event WHERE kind = 2 AND form = 1") > 0);
        assert_true(q1(db, "SELECT count(*) FROM member_event WHERE kind = 4") > 0);
        assert_true(q1(db, "SELECT count(*) FROM member_event WHERE kind = 5") > 0);
        assert_true(q1(db, "SELECT count(*) FROM member_gap") > 0); /* re-admissions */
        /* a few probationary members overdue for recognition today: past 12 months plus
           about 6 weeks (30 working days) without a decision */
        int64_t overdue = q1(db, "SELECT count(*) FROM member WHERE status = 1 AND "
                                 "ceremony_date < date('2026-11-26', '-12 months', '-45 days')");
        assert_true(overdue >= 3 && overdue <= 60);
    }
}

/* ---- small --------------------------------------------------------------------------------------
 */

static void test_small_figures(void **state)
{
    char path[512];
    tmp_path(path, sizeof(path), "small");
    generate(path, DEMO_SMALL, DEMO_DEFAULT_SEED);
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    struct figures f;
    count_figures(db, "HN", "2020-12-31", &f);
    assert_int_equal(f.direct, 2);
    assert_int_equal(f.base, 10);
    assert_int_equal(f.dang_bo_co_so, 8);
    assert_int_equal(f.chi_bo_co_so, 2);
    assert_int_equal(f.partial, 2);
    assert_int_equal(f.branches, 36);
    assert_int_equal(f.members, 400);
    assert_int_equal(f.official + f.probationary, 400);
    /* the codes the tests and the UI rely on */
    static const struct {
        const char *code;
        int tier, form;
    } codes[] = {{"HN", 0, 0},       {"HN.BD", 0, 0},      {"HN.HK", 0, 0},    {"HN.BD.PX", 1, 0},
                 {"HN.BD.TB", 1, 0}, {"HN.BD.VP", 1, 0},   {"HN.HK.PT", 1, 0}, {"HN.HK.DX", 1, 0},
                 {"HN.HK.HM", 1, 0}, {"HN.BD.CA", 1, 0},   {"HN.HK.CA", 1, 0}, {"HN.BD.CQ", 1, 1},
                 {"HN.HK.CQ", 1, 1}, {"HN.BD.PX.01", 2, 1}};
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        char sql[200];
        snprintf(sql, sizeof(sql), "SELECT tier * 10 + form FROM org WHERE code = '%s'",
                 codes[i].code);
        assert_int_equal(q1(db, sql), codes[i].tier * 10 + codes[i].form);
    }
    assert_int_equal(q1(db, "SELECT count(*) FROM org WHERE name = 'Đảng bộ quận Ba Đình' "
                            "AND code = 'HN.BD'"),
                     1);
    assert_int_equal(q1(db, "SELECT count(*) FROM org WHERE name = 'Đảng bộ phường Phúc Xá' "
                            "AND code = 'HN.BD.PX' AND base_type = 2"),
                     1);
    /* every member registered on the day sits in a chi bộ of the HN tree, none in a đảng bộ */
    assert_int_equal(q1(db, "SELECT count(*) FROM member_stint s JOIN org o ON o.id = s.org_id "
                            "WHERE o.form = 0"),
                     0);
    check_people(db, "2020-12-31", 400);
    check_history(db, false);
    /* figures on another day differ and still add up */
    count_figures(db, "HN", "2018-01-01", &f);
    assert_true(f.members > 300 && f.members < 500);
    sqlite3_close(db);
    remove_db(path);
}

/* Content hash of every table but the audit timestamps (the clock is not part of the data);
   without the audit records at all when !audit. */
static uint64_t db_checksum_of(const char *path, bool audit)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    static const char *const sql[] = {
        "SELECT * FROM org ORDER BY id",
        "SELECT * FROM org_version ORDER BY org_id, valid_from",
        "SELECT * FROM org_event ORDER BY id",
        "SELECT * FROM member ORDER BY id",
        "SELECT * FROM member_event ORDER BY id",
        "SELECT * FROM member_stint ORDER BY member_id, valid_from, kind",
        "SELECT * FROM member_gap ORDER BY member_id, valid_from",
        /* the per-member path's triggers leave counts of 0 behind (a registration deleted and
           written again), the bulk path writes none */
        "SELECT * FROM member_count_open WHERE n != 0 ORDER BY 1, 2",
        "SELECT * FROM member_count_day ORDER BY 1",
        "SELECT id, username, address, action, entity, entity_id, org_id, before, after "
        "FROM audit ORDER BY id",
    };
    uint64_t h = 1469598103934665603ull;
    size_t nsql = sizeof(sql) / sizeof(sql[0]) - !audit;
    for (size_t i = 0; i < nsql; i++) {
        sqlite3_stmt *s;
        assert_int_equal(sqlite3_prepare_v2(db, sql[i], -1, &s, NULL), SQLITE_OK);
        while (sqlite3_step(s) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(s); c++) {
                const unsigned char *t = sqlite3_column_blob(s, c);
                int n = sqlite3_column_bytes(s, c);
                for (int k = 0; k < n; k++)
                    h = (h ^ t[k]) * 1099511628211ull;
                h = (h ^ (uint64_t)(sqlite3_column_type(s, c) + 0x100)) * 1099511628211ull;
            }
        }
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return h;
}

static uint64_t db_checksum(const char *path)
{
    return db_checksum_of(path, true);
}

/* The bulk path (store_bulk_member_add with the history) writes what the per-member operations
   write: every table but the audit equal, row for row, for a few seeds; one audit record for the
   load instead of one per operation. */
static void test_small_paths_equal(void **state)
{
    char a[512], b[512];
    tmp_path(a, sizeof(a), "bulk");
    tmp_path(b, sizeof(b), "per_member");
    static const uint64_t seeds[] = {7, 11, DEMO_DEFAULT_SEED};
    for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
        struct demo_options bulk = {.profile = DEMO_SMALL, .seed = seeds[i]};
        struct demo_options each = {.profile = DEMO_SMALL, .seed = seeds[i], .per_member = true};
        generate_opts(a, &bulk);
        generate_opts(b, &each);
        if (db_checksum_of(a, false) != db_checksum_of(b, false))
            fail_msg("seed %llu: the bulk path and the per-member path differ",
                     (unsigned long long)seeds[i]);
        sqlite3 *da, *dbb;
        assert_int_equal(sqlite3_open_v2(a, &da, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_open_v2(b, &dbb, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
        /* what the comparison covers: members with later events, re-admissions, transfers */
        assert_true(q1(da, "SELECT count(*) FROM member") > 400);
        assert_true(q1(da, "SELECT count(*) FROM member_event WHERE kind = 2") > 0);
        assert_true(q1(da, "SELECT count(*) FROM member_event WHERE kind = 6") > 0);
        assert_true(q1(da, "SELECT count(*) FROM member_count_open") > 0);
        /* audit: one record for the load; only the merged chi bộ's people (written around
           their merge) keep one per operation, as every person has on the per-member path */
        assert_int_equal(q1(da, "SELECT count(*) FROM audit WHERE action = 'demo.generate'"), 1);
        assert_int_equal(q1(dbb, "SELECT count(*) FROM audit WHERE action = 'demo.generate'"), 0);
        int64_t per_op = q1(dbb, "SELECT count(*) FROM audit WHERE action LIKE 'member.%'");
        assert_true(per_op >= q1(dbb, "SELECT count(*) FROM member"));
        assert_true(q1(da, "SELECT count(*) FROM audit WHERE action LIKE 'member.%'") * 10 <
                    per_op);
        sqlite3_close(da);
        sqlite3_close(dbb);
    }
    remove_db(a);
    remove_db(b);
}

static void test_small_deterministic(void **state)
{
    char a[512], b[512];
    tmp_path(a, sizeof(a), "det_a");
    tmp_path(b, sizeof(b), "det_b");
    generate(a, DEMO_SMALL, 7);
    generate(b, DEMO_SMALL, 7);
    uint64_t ha = db_checksum(a), hb = db_checksum(b);
    assert_true(ha == hb);
    generate(b, DEMO_SMALL, 8);
    assert_true(db_checksum(b) != ha);
    /* another seed, the same figures */
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(b, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    struct figures f;
    count_figures(db, "HN", "2020-12-31", &f);
    assert_int_equal(f.members, 400);
    assert_int_equal(f.branches, 36);
    sqlite3_close(db);
    remove_db(a);
    remove_db(b);
}

static void test_refusals(void **state)
{
    char path[512];
    tmp_path(path, sizeof(path), "refuse");
    generate(path, DEMO_SMALL, 1);
    uint64_t before = db_checksum(path);
    struct store *st;
    struct tcxd_error e;
    assert_int_equal(store_open(path, 0, &st, &e), TCXD_OK);
    struct demo_options o = {.profile = DEMO_SMALL, .seed = 2};
    struct demo_result r;
    /* the root code is taken: nothing is written */
    assert_int_equal(demo_generate(st, &actor, &o, &r, &e), TCXD_ECONFLICT);
    assert_non_null(strstr(e.msg, "HN"));
    /* today before the figures' day */
    setenv("TCXD_TODAY", "2020-06-01", 1);
    assert_int_equal(demo_generate(st, &actor, &o, &r, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "today");
    setenv("TCXD_TODAY", TODAY, 1);
    store_close(st);
    assert_true(db_checksum(path) == before);
    remove_db(path);

    enum demo_profile p;
    assert_int_equal(demo_profile_parse("hanoi-2020", &p, &e), TCXD_OK);
    assert_int_equal(p, DEMO_HANOI_2020);
    assert_int_equal(demo_profile_parse("national", &p, &e), TCXD_OK);
    assert_int_equal(p, DEMO_NATIONAL);
    assert_int_equal(demo_profile_parse("hanoi", &p, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "profile");
    assert_int_equal(demo_profile_parse("", &p, &e), TCXD_EINVAL);
}

static void test_name_filter(void **state)
{
    static const char *const good[] = {"Nguyễn", "Đỗ",  "Thị Như", "Hoà",  "Hòa",
                                       "Ánh",    "Ưng", "Văn",     "Quỳnh"};
    /* rows of the kinds found in data/names: mojibake, typos, punctuation, lowercase */
    static const char *const bad[] = {"Ñoã",    "Döông", "BĂši", "Buøi",     "Y-",   "Thanh.",
                                      "nguyễn", "",      " An",  "Thị  Như", "Anh1", "Hùng\x85"};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        assert_true(demo_name_part_ok(good[i]));
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (demo_name_part_ok(bad[i]))
            fail_msg("accepted '%s'", bad[i]);
    /* the loaded tables keep only good rows, and a good number of them */
    struct demo_data d;
    struct tcxd_error e;
    assert_int_equal(demo_data_load(&d, &e), TCXD_OK);
    assert_true(d.surname.n > 150 && d.surname.n < 209);
    assert_true(d.given.n > 600 && d.given.n < 782);
    assert_true(d.middle.n > 1000 && d.middle.n < 1167);
    for (size_t i = 0; i < d.given.n; i++)
        assert_true(demo_name_part_ok(d.given.parts[i]));
    size_t hn = 0;
    for (size_t i = 0; i < d.nunits; i++)
        hn += !strcmp(d.units[i].province_code, "01");
    assert_int_equal(hn, 526);
    demo_data_release(&d);
}

static void test_allocate(void **state)
{
    double w[] = {1, 2, 3, 0.5, 10, 0};
    int32_t lo[] = {3, 3, 3, 3, 3, 3}, hi[] = {29, 29, 29, 29, 29, 29}, out[6];
    demo_allocate(100, w, lo, hi, 6, out);
    int64_t sum = 0;
    for (int i = 0; i < 6; i++) {
        assert_true(out[i] >= 3 && out[i] <= 29);
        sum += out[i];
    }
    assert_int_equal(sum, 100);
    assert_int_equal(out[4], 29); /* capped */
    assert_int_equal(out[5], 3);  /* weight 0: the minimum */
    demo_allocate(18, w, lo, hi, 6, out);
    for (int i = 0; i < 6; i++)
        assert_int_equal(out[i], 3);
    demo_allocate(174, w, lo, hi, 6, out);
    for (int i = 0; i < 6; i++)
        assert_int_equal(out[i], 29);
    /* large exact split */
    static double big[17225];
    static int32_t blo[17225], bout[17225];
    for (int i = 0; i < 17225; i++) {
        big[i] = 1 + (i * 7919) % 97;
        blo[i] = 3;
    }
    demo_allocate(457397, big, blo, NULL, 17225, bout);
    sum = 0;
    for (int i = 0; i < 17225; i++)
        sum += bout[i];
    assert_int_equal(sum, 457397);
}

/* ---- national at a small scale ------------------------------------------------------------- */

/* Old and new provinces of the 2025 merger, counted from the mapping file itself. */
static void mapping_counts(size_t *old_n, size_t *new_n)
{
    char path[600];
    const char *src = getenv("TCXD_SRCDIR");
    snprintf(path, sizeof(path), "%s/data/admin_units/province_mapping_2025.csv",
             src && *src ? src : ".");
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s", path);
    char line[512], olds[100][4], news[100][4];
    size_t no = 0, nn = 0;
    assert_non_null(fgets(line, sizeof(line), f)); /* header */
    while (fgets(line, sizeof(line), f)) {
        char o[4] = "", n[4] = "";
        const char *c2 = strchr(line, ',');
        const char *c3 = c2 ? strchr(c2 + 1, ',') : NULL;
        assert_non_null(c3);
        memcpy(o, line, 2);
        memcpy(n, c3 + 1, 2);
        bool seen = false;
        for (size_t i = 0; i < no; i++)
            seen |= !strcmp(olds[i], o);
        if (!seen && no < 100)
            memcpy(olds[no++], o, 3);
        seen = false;
        for (size_t i = 0; i < nn; i++)
            seen |= !strcmp(news[i], n);
        if (!seen && nn < 100)
            memcpy(news[nn++], n, 3);
    }
    fclose(f);
    *old_n = no;
    *new_n = nn;
}

/* Registrations (counted members) on a day in the whole database. */
static int64_t registered(sqlite3 *db, const char *day)
{
    char sql[300];
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM member_stint WHERE kind = 0 AND status IN (1, 2) AND "
             "valid_from <= '%s' AND valid_to > '%s'",
             day, day);
    return q1(db, sql);
}

/* The committees directly under VN on a day; their subtrees' members summed. */
static int64_t province_members(sqlite3 *db, const char *day, int64_t *committees)
{
    sqlite3_stmt *s;
    const char *sql = SUBTREE "SELECT o.code FROM sub JOIN org o ON o.id = sub.id "
                              "WHERE sub.depth = 1 AND sub.tier = 0 ORDER BY o.code";
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    sqlite3_bind_text(s, 1, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, "VN", -1, SQLITE_STATIC);
    int64_t sum = 0, n = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        char code[64];
        snprintf(code, sizeof(code), "%s", (const char *)sqlite3_column_text(s, 0));
        struct figures f;
        count_figures(db, code, day, &f);
        sum += f.members;
        n++;
    }
    sqlite3_finalize(s);
    *committees = n;
    return sum;
}

/* The national profile at scale 0,0001 (600 members a province): 63 provincial committees until
   30/06/2025, 34 from 01/07/2025 as the mapping says, and every member of each day in exactly
   one of them. */
static void test_national_scaled(void **state)
{
    char path[512];
    tmp_path(path, sizeof(path), "national");
    struct demo_options o = {.profile = DEMO_NATIONAL, .seed = 5, .scale = 0.0001};
    generate_opts(path, &o);
    size_t old_n, new_n;
    mapping_counts(&old_n, &new_n);
    assert_int_equal(old_n, 63);
    assert_int_equal(new_n, 34);
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    static const char *const days[] = {"2020-12-31", "2024-12-31", "2025-06-30",
                                       "2025-07-01", "2025-12-31", "2026-01-15"};
    for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
        const char *day = days[i];
        struct figures f;
        count_figures(db, "VN", day, &f);
        int64_t committees;
        int64_t sum = province_members(db, day, &committees);
        bool after = strcmp(day, "2025-07-01") >= 0;
        if (committees != (int64_t)(after ? new_n : old_n) || f.direct != committees)
            fail_msg("%s: %lld provincial committees (%lld counted under VN)", day,
                     (long long)committees, (long long)f.direct);
        /* every member registered that day is in the tree, in exactly one province */
        assert_int_equal(f.members, registered(db, day));
        assert_int_equal(sum, f.members);
        assert_true(f.members >= 63 * 600 * 9 / 10);
    }
    /* the merger moved no member: each one registered on 30/06/2025 still is on 01/07/2025 in
       the same chi bộ, unless that day's own event ended or moved the registration */
    assert_int_equal(
        q1(db, "SELECT count(*) FROM member_stint a WHERE a.kind = 0 AND a.status IN (1, 2) AND "
               "a.valid_from <= '2025-06-30' AND a.valid_to > '2025-06-30' AND NOT EXISTS "
               "(SELECT 1 FROM member_stint b WHERE b.member_id = a.member_id AND b.kind = 0 AND "
               "b.org_id = a.org_id AND b.valid_from <= '2025-07-01' AND b.valid_to > "
               "'2025-07-01') AND NOT EXISTS (SELECT 1 FROM member_event x WHERE x.member_id = "
               "a.member_id AND x.date = '2025-07-01')"),
        0);
    /* the old committees merged into the new ones on 01/07/2025, Hà Nội kept */
    assert_true(q1(db, "SELECT count(*) FROM org_event WHERE kind = 'merged_into' AND "
                       "date = '2025-07-01'") > 0);
    assert_int_equal(q1(db, "SELECT count(*) FROM org WHERE code = 'HN' AND ended_on > "
                            "'2026-01-01'"),
                     1);
    sqlite3_close(db);
    remove_db(path);

    /* the scale is for the national profile, within (0, 1] */
    struct store *st;
    struct tcxd_error e;
    assert_int_equal(store_open(path, STORE_CREATE, &st, &e), TCXD_OK);
    struct demo_result r;
    struct demo_options bad = {.profile = DEMO_SMALL, .seed = 1, .scale = 0.5};
    assert_int_equal(demo_generate(st, &actor, &bad, &r, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "scale");
    bad.profile = DEMO_NATIONAL;
    bad.scale = 1.5;
    assert_int_equal(demo_generate(st, &actor, &bad, &r, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "scale");
    store_close(st);
    remove_db(path);
}

/* ---- hanoi-2020 (suite slow) ------------------------------------------------------------------
 */

static void test_hanoi_2020(void **state)
{
    char path[512];
    tmp_path(path, sizeof(path), "hanoi");
    generate(path, DEMO_HANOI_2020, DEMO_DEFAULT_SEED);
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    struct figures f;
    count_figures(db, "HN", "2020-12-31", &f);
    assert_int_equal(f.direct, 50);
    assert_int_equal(f.base, 2316);
    assert_int_equal(f.partial, 176);
    assert_int_equal(f.branches, 17225);
    assert_int_equal(f.members, 457397);
    /* a realistic mix of base organizations and of members' status */
    assert_true(f.dang_bo_co_so > 800 && f.chi_bo_co_so > 600);
    assert_true(f.probationary * 100 > f.members && f.probationary * 100 < f.members * 5);
    /* the 30 real districts, named after them, and every Hà Nội commune as a base organization */
    assert_int_equal(q1(db, "SELECT count(*) FROM org o JOIN org p ON p.id = o.parent_id "
                            "WHERE p.code = 'HN' AND o.tier = 0 AND (o.name LIKE 'Đảng bộ quận %' "
                            "OR o.name LIKE 'Đảng bộ huyện %' OR o.name LIKE 'Đảng bộ thị xã %')"),
                     30);
    assert_int_equal(q1(db, "SELECT count(*) FROM org WHERE code = 'HN.SS' AND "
                            "name = 'Đảng bộ huyện Sóc Sơn'"),
                     1);
    assert_int_equal(q1(db, "SELECT count(*) FROM org WHERE code = 'HN.ST' AND "
                            "name = 'Đảng bộ thị xã Sơn Tây'"),
                     1);
    assert_int_equal(q1(db, "SELECT count(*) FROM org o JOIN org_version v ON v.org_id = o.id "
                            "WHERE v.valid_from <= '2020-12-31' AND v.valid_to > '2020-12-31' "
                            "AND COALESCE(v.tier, o.tier) = 1 "
                            "AND COALESCE(v.base_type, o.base_type) IN (1, 2, 3)"),
                     526);
    /* from 01/07/2025 the real 2025 restructuring: 126 commune-level committees (51 phường, 75
       xã) directly under HN beside the 20 bloc committees, the districts ended */
    const char *communes = "SELECT count(*) FROM org o JOIN org_version v ON v.org_id = o.id "
                           "JOIN org p ON p.id = v.parent_id WHERE p.code = 'HN' "
                           "AND v.valid_from <= '2025-07-01' AND v.valid_to > '2025-07-01' "
                           "AND o.ended_on > '2025-07-01' AND COALESCE(v.tier, o.tier) = 0 "
                           "AND COALESCE(v.base_type, o.base_type) = %d";
    char csql[600];
    snprintf(csql, sizeof(csql), communes, 2);
    assert_int_equal(q1(db, csql), 51);
    snprintf(csql, sizeof(csql), communes, 1);
    assert_int_equal(q1(db, csql), 75);
    struct figures f25a, f25b;
    count_figures(db, "HN", "2025-06-30", &f25b);
    count_figures(db, "HN", "2025-07-01", &f25a);
    assert_int_equal(f25b.direct, 50);
    assert_int_equal(f25a.direct, 126 + 20);
    assert_true(f25a.branches < f25b.branches); /* residential chi bộ became chi bộ cơ sở */
    assert_int_equal(f25a.base + f25a.branches + f25a.partial,
                     f25b.base + f25b.branches + f25b.partial - 526);
    for (int bt = 1; bt <= 9; bt++) {
        char sql[160];
        snprintf(sql, sizeof(sql), "SELECT count(*) FROM org WHERE tier = 1 AND base_type = %d",
                 bt);
        assert_true(q1(db, sql) > 0); /* every kind of base organization */
    }
    check_people(db, "2020-12-31", 457397);
    check_history(db, true);
    /* a district on its own, counted the same way, is part of the whole */
    struct figures bd;
    count_figures(db, "HN.BD", "2020-12-31", &bd);
    assert_true(bd.members > 1000 && bd.members < f.members);
    sqlite3_close(db);
    remove_db(path);
}

int main(int argc, char **argv)
{
    setenv("TCXD_TODAY", TODAY, 1);
    const struct CMUnitTest small[] = {
        cmocka_unit_test(test_name_filter),     cmocka_unit_test(test_allocate),
        cmocka_unit_test(test_small_figures),   cmocka_unit_test(test_small_deterministic),
        cmocka_unit_test(test_refusals),        cmocka_unit_test(test_small_paths_equal),
        cmocka_unit_test(test_national_scaled),
    };
    const struct CMUnitTest hanoi[] = {
        cmocka_unit_test(test_hanoi_2020),
    };
    if (argc > 1 && !strcmp(argv[1], "hanoi"))
        return cmocka_run_group_tests_name("demo_hanoi_2020", hanoi, NULL, NULL);
    return cmocka_run_group_tests_name("demo", small, NULL, NULL);
}
