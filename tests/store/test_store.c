/*
 * test_store.c - the store end to end on a temporary SQLite file: an organization tree with
 * dated operations and members with lifecycle events, checked against a model the test keeps
 * of its own (who is registered where on which day, which organization sits under which),
 * plus the refusals that must leave the database unchanged.
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

#include "report/count.h"
#include "store/store.h"
#include "store/store_internal.h" /* the connection, to read its pragmas */
#include "util/xmalloc.h"

static const struct store_actor actor = {"test", "local"};

static tcxd_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

/* ---- a tiny deterministic PRNG (the test's own) ---- */
static uint64_t rng_state = 0x1234567u;
static uint32_t rnd(uint32_t n)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)((rng_state >> 33) % n);
}

/* ---- the model ---- */
enum { NCHI = 12, MAXM = 400, MAXI = 8 };
struct interval {
    int chi; /* index into chi[] */
    tcxd_date from, to;
};
struct mmodel {
    int64_t id;
    tcxd_date ceremony, official_from; /* official_from DATE_NONE if never recognised */
    struct interval iv[MAXI];
    int niv;
};
struct tmodel {
    int64_t root, d[2], b[4], chi[NCHI];
    /* parent base of chi i: chi_base[i]; base j's district before/after a move */
    int chi_base[NCHI];
    int base_district[4];
    tcxd_date move_date; /* b[1] moves from d[0] to d[1] */
    tcxd_date chi_end[NCHI];
    struct mmodel m[MAXM];
    int nm;
};

static int district_of_base(const struct tmodel *t, int b, tcxd_date on)
{
    if (b == 1 && on >= t->move_date)
        return 1;
    return t->base_district[b];
}

/* Members registered on `on` under the subtree: who = -1 root, 0/1 district, 10+j base j. */
static void model_count(const struct tmodel *t, int who, tcxd_date on, int64_t *official,
                        int64_t *prob)
{
    *official = *prob = 0;
    for (int i = 0; i < t->nm; i++) {
        const struct mmodel *m = &t->m[i];
        for (int k = 0; k < m->niv; k++) {
            const struct interval *v = &m->iv[k];
            if (!(v->from <= on && on < v->to))
                continue;
            int base = t->chi_base[v->chi];
            bool in =
                who == -1 || (who >= 10 ? base == who - 10 : district_of_base(t, base, on) == who);
            if (!in)
                continue;
            if (m->official_from != DATE_NONE && on >= m->official_from)
                (*official)++;
            else
                (*prob)++;
        }
    }
}

static int64_t mk_org(struct store *st, const char *code, const char *name, enum org_tier tier,
                      enum org_form form, enum org_base_type bt, int64_t parent)
{
    struct org_create_req r = {code, name, tier, form, bt, parent, D(2010, 1, 1), "01-QĐ/TU"};
    int64_t id = 0;
    struct tcxd_error e;
    tcxd_error_clear(&e);
    enum tcxd_err rc = store_org_create(st, &actor, &r, &id, &e);
    if (rc)
        fail_msg("create %s: %s", code, e.msg);
    return id;
}

static char dbpath[256];

static struct store *open_fresh(void)
{
    snprintf(dbpath, sizeof(dbpath), "/tmp/tcxd-test-store-%d.db", (int)getpid());
    unlink(dbpath);
    char wal[300];
    snprintf(wal, sizeof(wal), "%s-wal", dbpath);
    unlink(wal);
    snprintf(wal, sizeof(wal), "%s-shm", dbpath);
    unlink(wal);
    struct store *st = NULL;
    struct tcxd_error e;
    assert_int_equal(store_open(dbpath, STORE_CREATE, &st, &e), TCXD_OK);
    return st;
}

static void build_tree(struct store *st, struct tmodel *t)
{
    char code[32], name[64];
    t->root = mk_org(st, "R", "Đảng bộ thành phố Thử", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, 0);
    for (int i = 0; i < 2; i++) {
        snprintf(code, sizeof(code), "R.D%d", i);
        snprintf(name, sizeof(name), "Đảng bộ quận %d", i);
        t->d[i] = mk_org(st, code, name, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, t->root);
    }
    for (int j = 0; j < 4; j++) {
        t->base_district[j] = j / 2;
        snprintf(code, sizeof(code), "R.D%d.B%d", j / 2, j);
        snprintf(name, sizeof(name), "Đảng bộ phường %d", j);
        t->b[j] =
            mk_org(st, code, name, ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_PHUONG, t->d[j / 2]);
    }
    for (int i = 0; i < NCHI; i++) {
        t->chi_base[i] = i / 3;
        t->chi_end[i] = DATE_OPEN_END;
        snprintf(code, sizeof(code), "R.C%02d", i);
        snprintf(name, sizeof(name), "Chi bộ số %d", i);
        t->chi[i] = mk_org(st, code, name, ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0, t->b[i / 3]);
    }
}

static void must(enum tcxd_err rc, const struct tcxd_error *e)
{
    if (rc)
        fail_msg("unexpected error: %s", e->msg);
}

/* Moves every member of chi `from` on date to chi `to` in the model. */
static void model_move_all(struct tmodel *t, int from, int to, tcxd_date date)
{
    for (int i = 0; i < t->nm; i++) {
        struct mmodel *m = &t->m[i];
        struct interval *last = &m->iv[m->niv - 1];
        if (last->chi == from && last->from <= date && date < last->to) {
            last->to = date;
            m->iv[m->niv++] = (struct interval){to, date, DATE_OPEN_END};
        }
    }
}

static void check_counts(struct store *st, const struct tmodel *t, tcxd_date on)
{
    struct org_tree tree;
    struct tcxd_error e;
    must(store_tree_load(st, on, &tree, &e), &e);
    int whos[] = {-1, 0, 1, 10, 11, 12, 13};
    int64_t ids[] = {t->root, t->d[0], t->d[1], t->b[0], t->b[1], t->b[2], t->b[3]};
    for (size_t k = 0; k < ARRAY_SIZE(whos); k++) {
        uint32_t root = org_tree_find(&tree, ids[k]);
        assert_int_not_equal(root, TREE_NONE);
        struct node_counts nc;
        must(report_node_counts(st, &tree, root, &nc, &e), &e);
        struct structure_counts c;
        report_structure_counts(&tree, root, &nc, &c);
        report_node_counts_free(&nc);
        int64_t off, prob;
        model_count(t, whos[k], on, &off, &prob);
        char d[DATE_ISO_LEN];
        date_format_iso(on, d);
        if (c.official != off || c.probationary != prob)
            fail_msg("on %s subtree %d: store %lld+%lld, model %lld+%lld", d, whos[k],
                     (long long)c.official, (long long)c.probationary, (long long)off,
                     (long long)prob);
        /* branches under each district follow the move of base 1 and the ended chi bộ */
        if (whos[k] == 0 || whos[k] == 1) {
            int64_t branches = 0;
            for (int i = 0; i < NCHI; i++)
                if (on < t->chi_end[i] && district_of_base(t, t->chi_base[i], on) == whos[k])
                    branches++;
            assert_int_equal(c.branches, branches);
        }
    }
    org_tree_release(&tree);
}

static void test_history_scenario(void **state)
{
    struct store *st = open_fresh();
    struct tmodel *t = xcalloc(1, sizeof(*t));
    struct tcxd_error e;
    build_tree(st, t);
    t->move_date = D(2020, 3, 1);

    /* admissions 2015..2018, then official recognition, transfers and exits until 2019 */
    for (int i = 0; i < 300; i++) {
        struct mmodel *m = &t->m[t->nm];
        char name[64];
        snprintf(name, sizeof(name), "Nguyễn Văn Thử %d", i);
        struct member_strings s = {
            .full_name = name, .gender = i % 3 ? "nam" : "nữ", .birth_date = "1990-06-15"};
        struct member_fields f;
        member_fields_init(&f);
        must(member_fields_parse(&s, &f, &e), &e);
        int chi = (int)rnd(NCHI);
        tcxd_date dec = D(2015, 1, 1) + (tcxd_date)rnd(4 * 365);
        struct member_admit_req r = {&f, t->chi[chi], dec, dec + 10, "QĐ", NULL};
        must(store_member_admit(st, &actor, &r, &m->id, &e), &e);
        member_fields_release(&f);
        m->ceremony = dec + 10;
        m->official_from = DATE_NONE;
        m->iv[0] = (struct interval){chi, dec + 10, DATE_OPEN_END};
        m->niv = 1;
        t->nm++;
        tcxd_date due = date_add_months(m->ceremony, 12);
        tcxd_date last = m->ceremony;
        if (rnd(10) < 8) {
            struct member_event ev = {.kind = MEV_OFFICIAL,
                                      .date = DATE_NONE,
                                      .decision_date = due + 5,
                                      .until = DATE_NONE};
            must(store_member_event(st, &actor, m->id, &ev, "QĐ-CT", "", &e), &e);
            m->official_from = due;
            last = due + 5;
        }
        if (rnd(3) == 0) { /* an official transfer to another chi bộ */
            int to = (chi + 1 + (int)rnd(NCHI - 1)) % NCHI;
            tcxd_date when = last + 1 + (tcxd_date)rnd(200);
            struct member_event ev = {.kind = MEV_TRANSFER,
                                      .date = when,
                                      .decision_date = when,
                                      .org_id = t->chi[to],
                                      .form = TRANSFER_OFFICIAL,
                                      .until = DATE_NONE};
            must(store_member_event(st, &actor, m->id, &ev, "QĐ-CS", "", &e), &e);
            m->iv[0].to = when;
            m->iv[m->niv++] = (struct interval){to, when, DATE_OPEN_END};
            last = when;
        }
        if (rnd(4) == 0) { /* a temporary transfer: counted at home only */
            int to = (chi + 1) % NCHI;
            tcxd_date when = last + 1 + (tcxd_date)rnd(100);
            struct member_event ev = {.kind = MEV_TRANSFER,
                                      .date = when,
                                      .decision_date = when,
                                      .org_id = t->chi[to],
                                      .form = TRANSFER_TEMPORARY,
                                      .until = when + 120};
            if (m->iv[m->niv - 1].chi != to) {
                must(store_member_event(st, &actor, m->id, &ev, "GGT", "", &e), &e);
                last = when + 121;
            }
        }
        if (rnd(8) == 0) { /* exit */
            tcxd_date when = last + 1 + (tcxd_date)rnd(100);
            struct member_event ev = {.kind = MEV_EXIT,
                                      .date = when,
                                      .decision_date = when,
                                      .form = rnd(2) ? EXIT_XIN_RA : EXIT_TU_TRAN,
                                      .until = DATE_NONE};
            must(store_member_event(st, &actor, m->id, &ev, "QĐ-X", "", &e), &e);
            m->iv[m->niv - 1].to = when;
        }
    }
    tcxd_date probes[] = {D(2015, 6, 1), D(2016, 12, 31), D(2018, 6, 30), D(2019, 12, 31)};
    for (size_t k = 0; k < ARRAY_SIZE(probes); k++)
        check_counts(st, t, probes[k]);

    /* move base 1 from district 0 to district 1 */
    must(store_org_move(st, &actor, t->b[1], t->d[1], t->move_date, "QĐ-CG", &e), &e);
    /* merge chi 0 into chi 1 */
    tcxd_date merge = D(2020, 6, 1), dissolve = D(2020, 9, 1);
    must(store_org_merge(st, &actor, t->chi[0], t->chi[1], merge, "QĐ-HN", &e), &e);
    model_move_all(t, 0, 1, merge);
    t->chi_end[0] = merge;
    /* dissolve chi 3 (base 1), members to chi 4 */
    assert_int_equal(store_org_dissolve(st, &actor, t->chi[3], 0, dissolve, "QĐ-GT", &e),
                     TCXD_ERULE);
    must(store_org_dissolve(st, &actor, t->chi[3], t->chi[4], dissolve, "QĐ-GT", &e), &e);
    model_move_all(t, 3, 4, dissolve);
    t->chi_end[3] = dissolve;

    tcxd_date after[] = {t->move_date - 1, t->move_date, merge - 1,    merge,
                         dissolve - 1,     dissolve,     D(2024, 1, 1)};
    for (size_t k = 0; k < ARRAY_SIZE(after); k++)
        check_counts(st, t, after[k]);
    /* and the past is still answered as it was */
    for (size_t k = 0; k < ARRAY_SIZE(probes); k++)
        check_counts(st, t, probes[k]);
    free(t);
    store_close(st);
    unlink(dbpath);
}

/* A checksum of every table, to prove a refused operation changed nothing. */
static char *db_fingerprint(void)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    const char *tables[] = {"org",          "org_version",  "org_event",  "member",
                            "member_event", "member_stint", "member_gap", "audit"};
    struct buf out = BUF_INIT;
    for (size_t i = 0; i < ARRAY_SIZE(tables); i++) {
        char sql[128];
        snprintf(sql, sizeof(sql), "SELECT * FROM %s ORDER BY rowid", tables[i]);
        sqlite3_stmt *s;
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
        while (sqlite3_step(s) == SQLITE_ROW)
            for (int c = 0; c < sqlite3_column_count(s); c++) {
                const void *b = sqlite3_column_blob(s, c);
                buf_add(&out, b ? b : "", (size_t)sqlite3_column_bytes(s, c));
                buf_addch(&out, '|');
            }
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return buf_detach(&out, NULL);
}

static void test_refusals_change_nothing(void **state)
{
    struct store *st = open_fresh();
    struct tmodel *t = xcalloc(1, sizeof(*t));
    struct tcxd_error e;
    build_tree(st, t);
    struct member_strings s = {.full_name = "Lê Thị Hoà",
                               .gender = "nữ",
                               .birth_date = "12/03/1985",
                               .national_id = "001185000123"};
    struct member_fields f;
    member_fields_init(&f);
    must(member_fields_parse(&s, &f, &e), &e);
    struct member_admit_req r = {&f, t->chi[0], D(2020, 1, 10), D(2020, 1, 20), "QĐ", NULL};
    int64_t id;
    must(store_member_admit(st, &actor, &r, &id, &e), &e);
    char *before = db_fingerprint();

    /* duplicate national ID */
    int64_t id2 = 0;
    assert_int_equal(store_member_admit(st, &actor, &r, &id2, &e), TCXD_ECONFLICT);
    assert_string_equal(e.field, "national_id");
    /* a chi bộ under a chi bộ */
    struct org_create_req bad = {"R.X", "Chi bộ X", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO,
                                 0,     t->chi[0],  D(2020, 1, 1),       ""};
    assert_int_equal(store_org_create(st, &actor, &bad, &id2, &e), TCXD_ERULE);
    assert_string_equal(e.field, "parent");
    /* a base organization without a type, and a base organization at the root */
    struct org_create_req notype = {"R.Y", "Đảng bộ Y", ORG_TIER_BASE, ORG_FORM_DANG_BO,
                                    0,     t->d[0],     D(2020, 1, 1), ""};
    assert_int_equal(store_org_create(st, &actor, &notype, &id2, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "base_type");
    struct org_create_req rootbase = {"Z",           "Chi bộ Z", ORG_TIER_BASE, ORG_FORM_CHI_BO,
                                      ORG_BASE_KHAC, 0,          D(2020, 1, 1), ""};
    assert_int_equal(store_org_create(st, &actor, &rootbase, &id2, &e), TCXD_ERULE);
    /* an organization dated in the future, a duplicate code, malformed UTF-8, too long */
    struct org_create_req future = {"R.F", "Tương lai", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO,
                                    0,     t->root,     date_today() + 3,    ""};
    assert_int_equal(store_org_create(st, &actor, &future, &id2, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "date");
    struct org_create_req dup = {"R.D0", "Trùng", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO,
                                 0,      t->root, D(2020, 1, 1),       ""};
    assert_int_equal(store_org_create(st, &actor, &dup, &id2, &e), TCXD_ECONFLICT);
    struct org_create_req badutf = {"R.U", "Chi b\xe1\xbb", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO,
                                    0,     t->root,         D(2020, 1, 1),       ""};
    assert_int_equal(store_org_create(st, &actor, &badutf, &id2, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "name");
    char longname[1200];
    memset(longname, 'a', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = 0;
    struct org_create_req toolong = {"R.L", longname, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO,
                                     0,     t->root,  D(2020, 1, 1),       ""};
    assert_int_not_equal(store_org_create(st, &actor, &toolong, &id2, &e), TCXD_OK);
    assert_string_equal(e.field, "name");
    /* official recognition decided before the 12 months end */
    struct member_event off = {.kind = MEV_OFFICIAL,
                               .date = DATE_NONE,
                               .decision_date = D(2021, 1, 10),
                               .until = DATE_NONE};
    assert_int_equal(store_member_event(st, &actor, id, &off, "", "", &e), TCXD_ERULE);
    /* transfer to a đảng bộ (not a chi bộ), and to an unknown organization */
    struct member_event tr = {.kind = MEV_TRANSFER,
                              .date = D(2021, 5, 1),
                              .decision_date = D(2021, 5, 1),
                              .org_id = t->b[0],
                              .form = TRANSFER_OFFICIAL,
                              .until = DATE_NONE};
    assert_int_equal(store_member_event(st, &actor, id, &tr, "", "", &e), TCXD_ERULE);
    tr.org_id = 99999;
    assert_int_equal(store_member_event(st, &actor, id, &tr, "", "", &e), TCXD_ENOTFOUND);
    /* probationary members: only khiển trách or cảnh cáo */
    struct member_event dis = {.kind = MEV_DISCIPLINE,
                               .date = D(2020, 5, 1),
                               .decision_date = D(2020, 5, 1),
                               .form = DISCIPLINE_CACH_CHUC,
                               .until = DATE_NONE};
    assert_int_equal(store_member_event(st, &actor, id, &dis, "", "", &e), TCXD_ERULE);
    /* dissolving an organization that still has children */
    assert_int_equal(store_org_dissolve(st, &actor, t->b[0], t->chi[5], D(2021, 1, 1), "", &e),
                     TCXD_ERULE);
    /* moving a district under its own base organization's... subordinate: a cycle */
    assert_int_equal(store_org_move(st, &actor, t->d[0], t->d[1], D(2010, 1, 1) - 1, "", &e),
                     TCXD_ENOTFOUND);
    char *after = db_fingerprint();
    assert_string_equal(before, after);
    free(before);
    free(after);
    member_fields_release(&f);
    free(t);
    store_close(st);
    unlink(dbpath);
}

static void test_field_validation(void **state)
{
    struct member_fields f;
    struct tcxd_error e;
    struct {
        struct member_strings s;
        const char *field;
    } cases[] = {
        {{.full_name = "", .gender = "nam", .birth_date = "1990-01-01"}, "full_name"},
        {{.full_name = "A B", .gender = "x", .birth_date = "1990-01-01"}, "gender"},
        {{.full_name = "A B", .gender = "nam", .birth_date = "31/02/1990"}, "birth_date"},
        {{.full_name = "A B", .gender = "nam", .birth_date = "01/01/2999"}, "birth_date"},
        {{.full_name = "A B", .gender = "nam", .birth_date = "01/01/1990", .national_id = "12345"},
         "national_id"},
        {{.full_name = "A B", .gender = "nam", .birth_date = "01/01/1990", .theory_level = "xx"},
         "theory_level"},
        {{.full_name = "A\x01 B", .gender = "nam", .birth_date = "01/01/1990"}, "full_name"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        member_fields_init(&f);
        tcxd_error_clear(&e);
        assert_int_not_equal(member_fields_parse(&cases[i].s, &f, &e), TCXD_OK);
        assert_string_equal(e.field, cases[i].field);
        assert_true(strlen(e.msg) > 0);
        member_fields_release(&f);
    }
}

static void ignore_count(void *ctx, int64_t org_id, enum member_status s, int64_t n)
{
    (void)ctx, (void)org_id, (void)s, (void)n;
}

static int64_t make_root(struct store *st, const char *code)
{
    struct tcxd_error e;
    struct org_create_req r = {.code = code,
                               .name = "Đảng bộ thử",
                               .tier = ORG_TIER_ABOVE_BASE,
                               .form = ORG_FORM_DANG_BO,
                               .date = D(2000, 1, 1)};
    int64_t id = 0;
    assert_int_equal(store_org_create(st, &actor, &r, &id, &e), TCXD_OK);
    return id;
}

/* Issue 9: a read snapshot must end at store_read_end even when one of its statements was left
   on a row (the stored day snapshot's lookup was): afterwards the connection sees what another
   connection committed, and it is idle. */
static void test_read_end_releases_the_snapshot(void **state)
{
    (void)state;
    char dir[] = "/tmp/tcxd-store-snap-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/t.db", dir);
    struct store *a, *b;
    struct tcxd_error e;
    assert_int_equal(store_open(path, STORE_CREATE, &a, &e), TCXD_OK);
    assert_int_equal(store_open(path, 0, &b, &e), TCXD_OK);
    make_root(a, "A");
    for (int i = 0; i < 3; i++) { /* the first stores the month-end snapshot, the others read it */
        assert_int_equal(store_read_begin(a, &e), TCXD_OK);
        assert_int_equal(store_member_counts(a, D(2020, 12, 31), NULL, 0, ignore_count, NULL, &e),
                         TCXD_OK);
        store_read_end(a);
    }
    assert_int_equal(store_idle_check(a, "test"), 0);
    int64_t before = store_audit_count(a);
    make_root(b, "B");
    assert_int_equal(store_read_begin(a, &e), TCXD_OK);
    assert_int_equal(store_audit_count(a), before + 1);
    store_read_end(a);
    assert_int_equal(store_idle_check(a, "test"), 0);
    assert_int_equal(store_idle_check(b, "test"), 0);
    store_close(a);
    store_close(b);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static int synchronous(struct store *st)
{
    sqlite3_stmt *s;
    int v = -1;
    if (sqlite3_prepare_v2(st->db, "PRAGMA synchronous", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* Every commit is on disk before it is acknowledged (FULL = 2: the WAL synced at each commit),
   also after a bulk load turned syncs off for a while. */
static void test_commits_are_synced(void **state)
{
    (void)state;
    char dir[] = "/tmp/tcxd-store-sync-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/t.db", dir);
    struct store *st;
    struct tcxd_error e;
    assert_int_equal(store_open(path, STORE_CREATE, &st, &e), TCXD_OK);
    assert_int_equal(synchronous(st), 2);
    store_bulk_mode(st, true);
    assert_int_equal(synchronous(st), 0);
    store_bulk_mode(st, false);
    assert_int_equal(synchronous(st), 2);
    store_close(st);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_history_scenario),
        cmocka_unit_test(test_refusals_change_nothing),
        cmocka_unit_test(test_field_validation),
        cmocka_unit_test(test_read_end_releases_the_snapshot),
        cmocka_unit_test(test_commits_are_synced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
