/*
 * test_structure.c - the structure report against an independent count.
 *
 * A small city is built through the store API in a temporary directory: organizations of every
 * kind, a move, a dissolution and a new chi bộ between the two report dates, and members with
 * admissions, official recognitions, official and temporary transfers, exits of every kind and a
 * re-admission (a gap in party age). Every figure of every table of the report, on both dates
 * of a comparison, is then recomputed here with plain SQL through sqlite3 on the same file:
 * recursive CTEs over org_version for the subtree, member_stint for registration, and the
 * age and party-age arithmetic done in SQL. The renderers are checked on the same reports: the
 * sentence (by hand for fixed shapes, from the SQL figures on the test city), the comparison
 * line, JSON, CSV parsed with libcsv, and the XLSX file opened with libzip.
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
#include <csv.h>
#include <sqlite3.h>
#include <zip.h>

#include "report/structure.h"
#include "store/store.h"
#include "store/store_bulk.h"
#include "util/vnfmt.h"
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

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(uint32_t n)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)((rng_state >> 33) % n);
}

/* ---- the test city -------------------------------------------------------------------------- */

static char dir[256], dbpath[300];
static struct store *st;
static sqlite3 *db;

enum { TP, Q1, Q2, KHOI, P1, X1, DN, CQ, BP1, CB1, CB2, CB3, CB4, CB5, CB6, TP2, CB7, NORG };
static int64_t org[NORG];
#define D1 D(2019, 12, 31)
#define D2 D(2021, 12, 31)

static int64_t mk(const char *code, const char *name, enum org_tier t, enum org_form f,
                  enum org_base_type bt, int parent, tcxd_date when)
{
    struct org_create_req r = {code, name, t, f, bt, parent < 0 ? 0 : org[parent], when, "1-QĐ"};
    int64_t id = 0;
    struct tcxd_error e;
    tcxd_error_clear(&e);
    must(store_org_create(st, &actor, &r, &id, &e), &e);
    return id;
}

static void event(int64_t id, enum member_event_kind k, tcxd_date date, int64_t to, int form,
                  tcxd_date until)
{
    struct member_event ev = {.kind = k,
                              .date = date,
                              .decision_date = k == MEV_OFFICIAL ? until : date,
                              .org_id = to,
                              .form = form,
                              .until = k == MEV_OFFICIAL ? DATE_NONE : until};
    struct tcxd_error e;
    tcxd_error_clear(&e);
    must(store_member_event(st, &actor, id, &ev, "QĐ", "", &e), &e);
}

/* Dates avoid 29/02: whole-year ages from a 29/02 differ between month arithmetic and the
   year/month-day arithmetic of the SQL below, by design of each. */
static tcxd_date no_leap_day(tcxd_date d)
{
    struct ymd x = date_to_ymd(d);
    return x.m == 2 && x.d == 29 ? d + 1 : d;
}

static const int movable[] = {CB1, CB2, CB3, CB4, X1};

static void build_city(void)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    tcxd_date t0 = D(1950, 1, 1);
    org[TP] = mk("TP", "Đảng bộ thành phố Thử", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, -1, t0);
    org[Q1] = mk("TP.Q1", "Đảng bộ quận Một", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, TP, t0);
    org[Q2] = mk("TP.Q2", "Đảng bộ quận Hai", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, TP, t0);
    org[KHOI] =
        mk("TP.K", "Đảng bộ Khối doanh nghiệp", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, TP, t0);
    org[P1] = mk("TP.Q1.P1", "Đảng bộ phường Một", ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_PHUONG,
                 Q1, t0);
    org[X1] = mk("TP.Q1.X1", "Chi bộ xã Một", ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_XA, Q1, t0);
    org[DN] = mk("TP.K.DN", "Đảng bộ Công ty Một", ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_DNNN,
                 KHOI, t0);
    org[CQ] = mk("TP.Q2.CQ", "Đảng bộ cơ quan Hai", ORG_TIER_BASE, ORG_FORM_DANG_BO,
                 ORG_BASE_CO_QUAN_HANH_CHINH, Q2, t0);
    org[BP1] = mk("TP.Q1.P1.BP1", "Đảng bộ bộ phận Khu Một", ORG_TIER_BELOW_BASE, ORG_FORM_DANG_BO,
                  0, P1, t0);
    org[CB1] =
        mk("TP.Q1.P1.CB1", "Chi bộ khu phố 1", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0, P1, t0);
    org[CB2] =
        mk("TP.Q1.P1.BP1.CB2", "Chi bộ tổ 2", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0, BP1, t0);
    org[CB3] =
        mk("TP.K.DN.CB3", "Chi bộ phân xưởng 3", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0, DN, t0);
    org[CB4] =
        mk("TP.Q2.CQ.CB4", "Chi bộ văn phòng 4", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0, CQ, t0);
    org[CB5] = mk("TP.Q2.CQ.CB5", "Chi bộ mới 5", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0, CQ,
                  D(2021, 3, 1));
    org[CB6] =
        mk("TP.K.DN.CB6", "Chi bộ phân xưởng 6", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0, DN, t0);

    /* a second root: its members must never show in the first one's figures */
    org[TP2] = mk("TQ", "Đảng bộ tỉnh Khác", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, -1, t0);
    org[CB7] =
        mk("TQ.CB7", "Chi bộ cơ sở Bảy", ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_KHAC, TP2, t0);
    for (int i = 0; i < 7; i++) {
        char name[64];
        snprintf(name, sizeof(name), "Lê Văn Khác %d", i);
        struct member_strings s = {.full_name = name,
                                   .gender = i % 2 ? "nam" : "nữ",
                                   .birth_date = "1980-05-05",
                                   .ethnicity = "Khơ-me",
                                   .religion = "Cao Đài"};
        struct member_fields f;
        member_fields_init(&f);
        must(member_fields_parse(&s, &f, &e), &e);
        struct member_admit_req r = {&f, org[CB7], D(2010, 3, 3), D(2010, 3, 9), "QĐ-KN", NULL};
        int64_t id;
        must(store_member_admit(st, &actor, &r, &id, &e), &e);
        member_fields_release(&f);
    }

    static const char *const eth[] = {"Kinh", "Kinh", "Kinh", "Kinh", "Mường", "Tày",
                                      "Kinh", "Thái", "Kinh", "Nùng", "Kinh",  "Dao"};
    static const char *const rel[] = {"Không", "Không", "Phật giáo", "Không", "Công giáo"};
    static const char *const edu[] = {"12/12", "10/10", "9/12", "12/12", ""};
    static const char *const theory[] = {"none", "so_cap", "trung_cap", "cao_cap", "cu_nhan"};
    for (int i = 0; i < 160; i++) {
        tcxd_date dec = no_leap_day(D(1965, 1, 1) + (tcxd_date)rnd(56 * 365));
        if (dec > D(2021, 9, 1))
            dec = D(2021, 9, 1) - (tcxd_date)rnd(30);
        tcxd_date birth = no_leap_day(dec - (tcxd_date)(365 * 18 + 5 + rnd(365 * 40)));
        tcxd_date cer = dec + 1 + (tcxd_date)rnd(20);
        int home = (int)rnd(7) == 0 ? CB6 : movable[rnd(5)];
        if (home == CB6 && cer > D(2019, 1, 1))
            home = CB3;
        if (cer >= D(2021, 3, 1) && rnd(2))
            home = CB5;
        char name[64], b[DATE_ISO_LEN];
        snprintf(name, sizeof(name), "Trần Thị Thử %d", i);
        date_format_iso(birth, b);
        struct member_strings s = {.full_name = name,
                                   .gender = rnd(3) ? "nam" : "nữ",
                                   .birth_date = b,
                                   .ethnicity = eth[rnd(ARRAY_SIZE(eth))],
                                   .religion = rel[rnd(ARRAY_SIZE(rel))],
                                   .education = edu[rnd(ARRAY_SIZE(edu))],
                                   .theory_level = theory[rnd(ARRAY_SIZE(theory))]};
        struct member_fields f;
        member_fields_init(&f);
        must(member_fields_parse(&s, &f, &e), &e);
        struct member_admit_req r = {&f, org[home], dec, cer, "QĐ-KN", NULL};
        int64_t id;
        must(store_member_admit(st, &actor, &r, &id, &e), &e);
        member_fields_release(&f);

        tcxd_date due = member_official_date(cer), last = cer;
        if (due + 5 < D(2022, 3, 1) && rnd(10) < 9) {
            event(id, MEV_OFFICIAL, DATE_NONE, 0, 0, due + (tcxd_date)rnd(20));
            last = due + 20;
        }
        if (home ==
            CB6) { /* dissolved on 30/06/2020: an exit before, or moved by the dissolution */
            if (rnd(4) == 0)
                event(id, MEV_EXIT, last + 1 + (tcxd_date)rnd(200), 0, EXIT_TU_TRAN, DATE_NONE);
            continue;
        }
        int at = home;
        if (rnd(4) == 0 && last < D(2021, 6, 1)) {
            int to = movable[rnd(5)];
            if (to != at) {
                last = last + 1 + (tcxd_date)rnd(300);
                event(id, MEV_TRANSFER, last, org[to], TRANSFER_OFFICIAL, DATE_NONE);
                at = to;
            }
        }
        if (rnd(5) == 0 && last < D(2021, 6, 1)) {
            int to = movable[rnd(5)];
            if (to != at) {
                tcxd_date when = last + 1 + (tcxd_date)rnd(200);
                event(id, MEV_TRANSFER, when, org[to], TRANSFER_TEMPORARY, when + 150);
                last = when + 151;
            }
        }
        if (rnd(5) == 0 && last < D(2021, 10, 1)) {
            static const enum exit_kind kinds[] = {EXIT_XOA_TEN, EXIT_TU_TRAN, EXIT_CHUYEN_DI,
                                                   EXIT_XIN_RA};
            enum exit_kind k = kinds[rnd(4)];
            tcxd_date when = last + 1 + (tcxd_date)rnd(100);
            event(id, MEV_EXIT, when, 0, k, DATE_NONE);
            tcxd_date again = no_leap_day(when + 200 + (tcxd_date)rnd(400));
            if (k == EXIT_XOA_TEN && again < D(2021, 11, 1) && date_age_years(birth, again) < 59)
                must(store_member_readmit(st, &actor, id, org[at], again, again + 3, "QĐ-KNL", &e),
                     &e);
        }
    }
    /* a few members through the import's bulk path, which writes member_stint itself */
    for (int pass = 0; pass < 2; pass++) {
        struct store_bulk *bulk;
        must(store_bulk_begin(st, 4, pass ? STORE_BULK_REBUILD_INDEXES : STORE_BULK_KEEP_INDEXES,
                              &bulk, &e),
             &e);
        for (int i = 0; i < 4; i++) {
            char name[64];
            snprintf(name, sizeof(name), "Hoàng Văn Nạp %d", pass * 4 + i);
            struct member_strings s = {.full_name = name,
                                       .gender = i % 2 ? "nam" : "nữ",
                                       .birth_date = "1985-07-07",
                                       .ethnicity = i == 3 ? "Mường" : "Kinh"};
            struct member_fields f;
            member_fields_init(&f);
            must(member_fields_parse(&s, &f, &e), &e);
            struct store_bulk_member m = {
                .fields = &f,
                .org_id = org[pass ? CB2 : CB4],
                .decision_date = D(2018 + i, 4, 1),
                .ceremony_date = D(2018 + i, 4, 8),
                .official_decision_date = i < 3 ? D(2019 + i, 4, 20) : DATE_NONE,
                .decision_no = "QĐ-KN",
                .official_decision_no = "QĐ-CT",
            };
            int64_t id;
            must(store_bulk_member_add(bulk, &m, &id, &e), &e);
            member_fields_release(&f);
        }
        must(store_bulk_commit(bulk, &actor, "test.bulk", "{}", &e), &e);
    }
    /* between the two report dates: a move, a dissolution, a rename (CB5 was created above) */
    must(store_org_move(st, &actor, org[X1], org[Q2], D(2020, 5, 1), "QĐ-CG", &e), &e);
    must(store_org_dissolve(st, &actor, org[CB6], org[CB3], D(2020, 6, 30), "QĐ-GT", &e), &e);
    must(store_org_rename(st, &actor, org[Q2], "Đảng bộ quận Hai mới", D(2021, 1, 1), "QĐ-ĐT", &e),
         &e);
}

static int setup(void **state)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/tcxd-test-report-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    snprintf(dbpath, sizeof(dbpath), "%s/city.db", dir);
    struct tcxd_error e;
    if (store_open(dbpath, STORE_CREATE, &st, &e))
        return -1;
    build_city();
    if (sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    sqlite3_close(db);
    store_close(st);
    char p[400];
    const char *files[] = {"city.db", "city.db-wal", "city.db-shm", "r.xlsx", "r.csv"};
    for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
        snprintf(p, sizeof(p), "%s/%s", dir, files[i]);
        unlink(p);
    }
    rmdir(dir);
    return 0;
}

/* ---- plain SQL ------------------------------------------------------------------------------ */

static void exec_sql(const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("sql: %s\n%s", msg, sql);
}

/* Runs sql with ?1 = the date (ISO) and ?2..: the integers given; returns the first column of
   the first row (0 when there is none). */
static int64_t q(const char *sql, tcxd_date d, int n, ...)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        fail_msg("prepare: %s\n%s", sqlite3_errmsg(db), sql);
    char iso[DATE_ISO_LEN];
    date_format_iso(d, iso);
    sqlite3_bind_text(s, 1, iso, -1, SQLITE_TRANSIENT);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        sqlite3_bind_int64(s, 2 + i, va_arg(ap, int64_t));
    va_end(ap);
    int64_t v = 0;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    else if (rc != SQLITE_DONE)
        fail_msg("step: %s\n%s", sqlite3_errmsg(db), sql);
    sqlite3_finalize(s);
    return v;
}

static int64_t q_text(const char *sql, tcxd_date d, const char *text)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        fail_msg("prepare: %s\n%s", sqlite3_errmsg(db), sql);
    char iso[DATE_ISO_LEN];
    date_format_iso(d, iso);
    sqlite3_bind_text(s, 1, iso, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, text, -1, SQLITE_TRANSIENT);
    int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return v;
}

/* Fills temp tables <p>_sub (the organizations of root's subtree on d, root included, with their
   parent, tier, form, base type) and <p>_mem (members registered there on d). */
static void load_subtree(const char *p, int64_t root, tcxd_date d)
{
    char sql[2048], iso[DATE_ISO_LEN];
    date_format_iso(d, iso);
    snprintf(sql, sizeof(sql),
             "DROP TABLE IF EXISTS temp.%s_sub; DROP TABLE IF EXISTS temp.%s_mem;"
             "CREATE TEMP TABLE %s_sub(id, parent, tier, form, base_type);"
             "CREATE TEMP TABLE %s_mem(member_id, org_id, status);"
             "INSERT INTO %s_sub WITH RECURSIVE sub(id, parent) AS ("
             "  SELECT o.id, NULL FROM org o JOIN org_version v ON v.org_id = o.id"
             "  WHERE o.id = %lld AND v.valid_from <= '%s' AND v.valid_to > '%s'"
             "  AND o.created_on <= '%s' AND o.ended_on > '%s'"
             "  UNION ALL"
             "  SELECT v.org_id, v.parent_id FROM org_version v JOIN sub ON v.parent_id = sub.id"
             "  JOIN org o ON o.id = v.org_id WHERE v.valid_from <= '%s' AND v.valid_to > '%s'"
             "  AND o.created_on <= '%s' AND o.ended_on > '%s')"
             " SELECT sub.id, sub.parent, o.tier, o.form, o.base_type FROM sub"
             " JOIN org o ON o.id = sub.id;"
             "INSERT INTO %s_mem SELECT member_id, org_id, status FROM member_stint"
             " WHERE kind = 0 AND valid_from <= '%s' AND valid_to > '%s'"
             " AND org_id IN (SELECT id FROM %s_sub);",
             p, p, p, p, p, (long long)root, iso, iso, iso, iso, iso, iso, iso, iso, p, iso, iso,
             p);
    exec_sql(sql);
}

struct figures {
    int64_t direct, above, dbcs, cbcs, partial, branches, members, official, probationary;
};

/* Organization and member counts of the loaded subtree p, the root counted or not. */
static struct figures subtree_figures(const char *p, int64_t root, bool with_root)
{
    struct figures f;
    char sql[512];
    const char *kinds[] = {"tier = 0", "tier = 1 AND form = 0", "tier = 1 AND form = 1",
                           "tier = 2 AND form = 0", "tier = 2 AND form = 1"};
    int64_t *out[] = {&f.above, &f.dbcs, &f.cbcs, &f.partial, &f.branches};
    for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
        snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s_sub WHERE %s AND (id != ?2 OR ?3)", p,
                 kinds[k]);
        *out[k] = q(sql, 0, 2, root, (int64_t)with_root);
    }
    snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s_sub WHERE parent = ?2 AND tier = 0", p);
    f.direct = q(sql, 0, 1, root);
    snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s_mem WHERE status = ?2", p);
    f.official = q(sql, 0, 1, (int64_t)MEMBER_OFFICIAL);
    f.probationary = q(sql, 0, 1, (int64_t)MEMBER_PROBATIONARY);
    f.members = f.official + f.probationary;
    return f;
}

/* age in whole years on ?1 of a date column */
#define AGE(col)                                                                                   \
    "((CAST(substr(?1, 1, 4) AS INT) - CAST(substr(" col ", 1, 4) AS INT)) - "                     \
    "(substr(?1, 6, 5) < substr(" col ", 6, 5)))"
#define AGE_BAND(col)                                                                              \
    "(CASE WHEN " AGE(col) " <= 30 THEN 0 WHEN " AGE(col) " <= 40 THEN 1 WHEN " AGE(               \
        col) " <= 50 THEN 2 WHEN " AGE(col) " <= 60 THEN 3 WHEN " AGE(col) " <= 70 THEN 4 "        \
                                                                           "ELSE 5 END)"

/* Party age: the first decision moved forward by the days outside the party before ?1, then whole
   years from the first decision to ?1 minus those days. */
static const char party_age_sql[] =
    "WITH x AS (SELECT m.admission_decision_date AS f, date(m.admission_decision_date, '+' || "
    "  CAST(julianday(?1) - julianday(m.admission_decision_date) - COALESCE((SELECT "
    "  SUM(MAX(0, julianday(MIN(g.valid_to, ?1)) - julianday(MAX(g.valid_from, "
    "  m.admission_decision_date)))) FROM member_gap g WHERE g.member_id = m.id), 0) AS INTEGER)"
    "  || ' days') AS e FROM r_mem t JOIN member m ON m.id = t.member_id),"
    " y AS (SELECT (CAST(substr(e, 1, 4) AS INT) - CAST(substr(f, 1, 4) AS INT)) - "
    "  (substr(e, 6, 5) < substr(f, 6, 5)) AS yrs FROM x)"
    " SELECT COUNT(*) FROM y WHERE (CASE WHEN yrs >= 50 THEN 5 ELSE yrs / 10 END) = ?2";

static int64_t figure(const struct figures *f, const char *key)
{
    struct {
        const char *k;
        int64_t v;
    } t[] = {{"children", f->direct},
             {"count", 0},
             {"above_base", f->above},
             {"base_orgs", f->dbcs + f->cbcs},
             {"dang_bo_co_so", f->dbcs},
             {"chi_bo_co_so", f->cbcs},
             {"partial_committees", f->partial},
             {"branches", f->branches},
             {"members", f->members},
             {"official", f->official},
             {"probationary", f->probationary}};
    for (size_t i = 0; i < ARRAY_SIZE(t); i++)
        if (!strcmp(t[i].k, key))
            return t[i].v;
    fail_msg("no figure '%s'", key);
    return -1;
}

static int index_of(const char *const *names, int n, const char *key)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(names[i], key))
            return i;
    fail_msg("unknown key '%s'", key);
    return -1;
}

static const char *const gender_keys[] = {"nam", "nu"};
static const char *const theory_keys[] = {"none", "so_cap", "trung_cap", "cao_cap", "cu_nhan"};
static const char *const status_keys[] = {"none", "probationary", "official"};

/* The expected value of one cell: table t, row, column c, on d, for report root `root` whose
   subtree on d is loaded as r_. */
static int64_t expected(const struct report_table *t, const struct report_row *row, size_t c,
                        int64_t root, tcxd_date d)
{
    const char *col = t->col_key[c];
    switch (t->id) {
    case RT_TOTALS: {
        struct figures f = subtree_figures("r", root, false);
        return figure(&f, row->key);
    }
    case RT_CHILDREN: {
        int64_t id;
        sqlite3_stmt *s;
        sqlite3_prepare_v2(db, "SELECT id FROM org WHERE code = ?1", -1, &s, NULL);
        sqlite3_bind_text(s, 1, row->key, -1, SQLITE_TRANSIENT);
        assert_int_equal(sqlite3_step(s), SQLITE_ROW);
        id = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
        assert_int_equal(id, row->org_id);
        if (!q("SELECT COUNT(*) FROM r_sub WHERE id = ?2 AND parent = ?3", d, 2, id, root))
            return 0; /* not a child on that date */
        load_subtree("c", id, d);
        struct figures f = subtree_figures("c", id, true);
        return figure(&f, col);
    }
    case RT_BASE_TYPE: {
        enum org_base_type bt;
        struct tcxd_error e;
        must(org_base_type_parse(row->key, &bt, &e), &e);
        if (!strcmp(col, "members")) {
            int64_t n = 0;
            sqlite3_stmt *s;
            sqlite3_prepare_v2(
                db, "SELECT id FROM r_sub WHERE tier = 1 AND base_type = ?1 AND id != ?2", -1, &s,
                NULL);
            sqlite3_bind_int(s, 1, bt);
            sqlite3_bind_int64(s, 2, root);
            int64_t ids[64];
            size_t k = 0;
            while (sqlite3_step(s) == SQLITE_ROW && k < ARRAY_SIZE(ids))
                ids[k++] = sqlite3_column_int64(s, 0);
            sqlite3_finalize(s); /* no statement may run while the temp tables are replaced */
            for (size_t i = 0; i < k; i++) {
                load_subtree("c", ids[i], d);
                n += subtree_figures("c", ids[i], true).members;
            }
            return n;
        }
        const char *form = !strcmp(col, "dang_bo_co_so")  ? "form = 0"
                           : !strcmp(col, "chi_bo_co_so") ? "form = 1"
                                                          : "1";
        char sql[256];
        snprintf(sql, sizeof(sql),
                 "SELECT COUNT(*) FROM r_sub WHERE tier = 1 AND base_type = ?2 AND id != ?3 AND %s",
                 form);
        return q(sql, d, 2, (int64_t)bt, root);
    }
    case RT_GENDER:
        return q("SELECT COUNT(*) FROM r_mem t JOIN member m ON m.id = t.member_id "
                 "WHERE m.gender = ?2",
                 d, 1, (int64_t)index_of(gender_keys, 2, row->key));
    case RT_AGE_BAND: {
        int band = -1;
        for (int b = 0; b < REPORT_AGE_BANDS; b++)
            if (!strcmp(report_age_band_key(b), row->key))
                band = b;
        assert_true(band >= 0);
        return q("SELECT COUNT(*) FROM r_mem t JOIN member m ON m.id = t.member_id WHERE " AGE_BAND(
                     "m.birth_date") " = ?2 AND (?3 < 0 OR m.gender = ?3)",
                 d, 2, (int64_t)band, (int64_t)(c == 0 ? -1 : (int)c - 1));
    }
    case RT_PARTY_AGE_BAND: {
        int band = -1;
        for (int b = 0; b < REPORT_AGE_BANDS; b++)
            if (!strcmp(report_party_age_band_key(b), row->key))
                band = b;
        assert_true(band >= 0);
        return q(party_age_sql, d, 1, (int64_t)band);
    }
    case RT_ETHNICITY:
    case RT_RELIGION:
    case RT_EDUCATION: {
        const char *field = t->id == RT_ETHNICITY  ? "ethnicity"
                            : t->id == RT_RELIGION ? "religion"
                                                   : "education";
        char sql[512];
        if (strcmp(row->key, "_khac")) {
            snprintf(sql, sizeof(sql),
                     "SELECT COUNT(*) FROM r_mem t JOIN member m ON m.id = t.member_id "
                     "WHERE m.%s = ?2",
                     field);
            return q_text(sql, d, row->key);
        }
        /* the others: every value not listed */
        int64_t n = q("SELECT COUNT(*) FROM r_mem", d, 0);
        snprintf(sql, sizeof(sql),
                 "SELECT COUNT(*) FROM r_mem t JOIN member m ON m.id = t.member_id "
                 "WHERE m.%s = ?2",
                 field);
        for (size_t i = 0; i < t->nrows; i++)
            if (strcmp(t->rows[i].key, "_khac"))
                n -= q_text(sql, d, t->rows[i].key);
        return n;
    }
    case RT_THEORY_LEVEL:
        return q("SELECT COUNT(*) FROM r_mem t JOIN member m ON m.id = t.member_id "
                 "WHERE m.theory_level = ?2",
                 d, 1, (int64_t)index_of(theory_keys, 5, row->key));
    case RT_STATUS:
        return q("SELECT COUNT(*) FROM r_mem WHERE status = ?2", d, 1,
                 (int64_t)index_of(status_keys, 3, row->key));
    default:
        fail_msg("unexpected table %d", t->id);
    }
    return -1;
}

/* The rows the report must have, from SQL: children of the root on either date, base types
   present, every fixed category; the ranked ones keep the most frequent values. */
static void check_rows(const struct report_structure *r, tcxd_date d1, tcxd_date d2)
{
    const struct report_table *ch = &r->tables[RT_CHILDREN];
    int64_t n = 0;
    tcxd_date ds[] = {d1, d2};
    for (int k = 0; k < (d2 == DATE_NONE ? 1 : 2); k++)
        n += q("SELECT COUNT(*) FROM org_version v JOIN org o ON o.id = v.org_id "
               "WHERE v.parent_id = ?2 AND v.valid_from <= ?1 AND v.valid_to > ?1 "
               "AND o.created_on <= ?1 AND o.ended_on > ?1",
               ds[k], 1, r->org.id);
    /* children on both dates appear once */
    for (size_t i = 0; i < ch->nrows; i++)
        for (size_t j = i + 1; j < ch->nrows; j++)
            assert_int_not_equal(ch->rows[i].org_id, ch->rows[j].org_id);
    assert_true((int64_t)ch->nrows <= n);
    assert_int_equal(r->tables[RT_GENDER].nrows, 2);
    assert_int_equal(r->tables[RT_AGE_BAND].nrows, 6);
    assert_int_equal(r->tables[RT_PARTY_AGE_BAND].nrows, 6);
    assert_int_equal(r->tables[RT_THEORY_LEVEL].nrows, 5);
    assert_int_equal(r->tables[RT_STATUS].nrows, 2);
}

/* Every cell of every table, on both dates, against the SQL. */
static void check_report(const struct report_structure *r, int64_t root)
{
    tcxd_date ds[2] = {r->as_of, r->compare};
    for (int k = 0; k < 2; k++) {
        if (ds[k] == DATE_NONE)
            continue;
        load_subtree("r", root, ds[k]);
        bool exists = q("SELECT COUNT(*) FROM r_sub", ds[k], 0) > 0;
        for (int i = 0; i < RT__MAX; i++) {
            const struct report_table *t = &r->tables[i];
            for (size_t j = 0; j < t->nrows; j++)
                for (size_t c = 0; c < t->ncols; c++) {
                    int64_t want = exists ? expected(t, &t->rows[j], c, root, ds[k]) : 0;
                    int64_t got = k ? t->rows[j].prev[c] : t->rows[j].v[c];
                    if (want != got)
                        fail_msg("org #%lld on %d: table %s row %s column %s: report %lld, SQL "
                                 "%lld",
                                 (long long)root, (int)ds[k], t->key, t->rows[j].key, t->col_key[c],
                                 (long long)got, (long long)want);
                }
        }
        /* the totals struct agrees with the table */
        struct figures f = exists ? subtree_figures("r", root, false) : (struct figures){0};
        const struct structure_counts *sc = k ? &r->then : &r->now;
        assert_int_equal(sc->members, f.members);
        assert_int_equal(sc->direct_above_base, f.direct);
        assert_int_equal(sc->base_dang_bo + sc->base_chi_bo, f.dbcs + f.cbcs);
        /* member breakdowns partition the members */
        for (int i = RT_GENDER; i < RT__MAX && r->breakdowns; i++) {
            int64_t s = 0;
            for (size_t j = 0; j < r->tables[i].nrows; j++)
                s += k ? r->tables[i].rows[j].prev[0] : r->tables[i].rows[j].v[0];
            assert_int_equal(s, f.members);
        }
    }
    /* ranked tables: nothing left out counts more than what was kept */
    const char *fields[] = {"ethnicity", "religion", "education"};
    load_subtree("r", root, r->as_of);
    for (int i = RT_ETHNICITY; i <= RT_EDUCATION && r->breakdowns; i++) {
        const struct report_table *t = &r->tables[i];
        int64_t min_kept = INT64_MAX;
        for (size_t j = 0; j < t->nrows; j++)
            if (strcmp(t->rows[j].key, "_khac") && t->rows[j].v[0] < min_kept)
                min_kept = t->rows[j].v[0];
        char sql[512];
        snprintf(sql, sizeof(sql),
                 "SELECT MAX(n) FROM (SELECT m.%s AS val, COUNT(*) AS n FROM r_mem t "
                 "JOIN member m ON m.id = t.member_id GROUP BY m.%s) "
                 "WHERE val NOT IN (SELECT value FROM json_each(?2))",
                 fields[i - RT_ETHNICITY], fields[i - RT_ETHNICITY]);
        struct buf kept = BUF_INIT;
        buf_addch(&kept, '[');
        for (size_t j = 0; j < t->nrows; j++) {
            if (j)
                buf_addch(&kept, ',');
            buf_add_json_string(&kept, t->rows[j].key);
        }
        buf_addch(&kept, ']');
        int64_t max_left = q_text(sql, r->as_of, kept.ptr);
        buf_release(&kept);
        assert_true(max_left <= min_kept);
    }
}

/* The engine's report must be the SQL path's, figure for figure and row for row. */
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
            assert_int_equal(x->rows[j].part, y->rows[j].part);
            if (x->rows[j].note || y->rows[j].note)
                assert_string_equal(x->rows[j].note, y->rows[j].note);
            assert_memory_equal(x->rows[j].v, y->rows[j].v, sizeof(x->rows[j].v));
            assert_memory_equal(x->rows[j].prev, y->rows[j].prev, sizeof(x->rows[j].prev));
        }
    }
}

/* Builds by SQL and by the engine, checks they agree, returns the SQL one. */
static struct report_structure *build(int which, tcxd_date as_of, tcxd_date compare, int top)
{
    struct report_structure_opts o = {as_of, compare, true, top, false};
    struct report_structure *r = NULL, *re = NULL;
    struct tcxd_error e;
    tcxd_error_clear(&e);
    must(report_structure_build(st, org[which], &o, &r, &e), &e);
    o.engine = true;
    must(report_structure_build(st, org[which], &o, &re, &e), &e);
    assert_same_report(r, re);
    report_structure_free(re);
    return r;
}

/* ---- tests ---------------------------------------------------------------------------------- */

static void test_every_figure(void **state)
{
    const int roots[] = {TP, Q1, Q2, KHOI, P1, X1, DN, CQ, BP1, CB1, CB3, CB5, TP2};
    const int tops[] = {2, 3, 5};
    for (size_t i = 0; i < ARRAY_SIZE(roots); i++) {
        /* CB5 did not exist on D1 */
        struct report_structure *r = build(roots[i], D2, D1, tops[i % 3]);
        check_rows(r, D2, D1);
        check_report(r, org[roots[i]]);
        assert_int_equal(r->existed_then, roots[i] != CB5);
        report_structure_free(r);
        if (roots[i] != CB5) {
            r = build(roots[i], D1, DATE_NONE, 0);
            check_report(r, org[roots[i]]);
            report_structure_free(r);
        }
    }
    /* the city has a bit of everything, or the checks above would be weak */
    struct report_structure *r = build(TP, D2, D1, 2);
    assert_true(r->now.members > 60 && r->then.members > 60);
    assert_true(r->now.members != r->then.members);
    assert_int_equal(r->tables[RT_ETHNICITY].nrows, 3); /* 2 kept and the others */
    assert_string_equal(r->tables[RT_ETHNICITY].rows[2].key, "_khac");
    assert_true(q("SELECT COUNT(*) FROM member_gap", 0, 0) > 0);
    assert_true(q("SELECT COUNT(*) FROM member_stint WHERE kind = 1", 0, 0) > 0);
    report_structure_free(r);
    /* an organization that did not exist on the date */
    struct report_structure_opts o = {D1, DATE_NONE, false, 0, false};
    struct tcxd_error e;
    assert_int_equal(report_structure_build(st, org[CB5], &o, &r, &e), TCXD_ENOTFOUND);
    assert_string_equal(e.field, "org");
    o.engine = true;
    assert_int_equal(report_structure_build(st, org[CB5], &o, &r, &e), TCXD_ENOTFOUND);
    assert_string_equal(e.field, "org");
}

static void test_children_across_dates(void **state)
{
    /* DN had CB3 and CB6 on D1; CB6 was dissolved into CB3 before D2 */
    struct report_structure *r = build(DN, D2, D1, 0);
    const struct report_table *t = &r->tables[RT_CHILDREN];
    assert_int_equal(t->nrows, 2);
    assert_string_equal(t->rows[0].key, "TP.K.DN.CB3");
    assert_string_equal(t->rows[1].key, "TP.K.DN.CB6");
    assert_string_equal(t->rows[1].note, "Chi bộ trực thuộc");
    for (size_t c = 0; c < t->ncols; c++)
        assert_int_equal(t->rows[1].v[c], 0);
    assert_true(t->rows[1].prev[4] > 0);
    report_structure_free(r);
    /* Q2 gained X1 by the move; its row carries the new name */
    r = build(TP, D2, D1, 0);
    t = &r->tables[RT_CHILDREN];
    assert_int_equal(t->nrows, 3);
    /* in code order, though TP.K was created after TP.Q1 and TP.Q2 */
    assert_string_equal(t->rows[0].key, "TP.K");
    assert_string_equal(t->rows[1].key, "TP.Q1");
    assert_string_equal(t->rows[2].key, "TP.Q2");
    const struct report_row *q2 = NULL;
    for (size_t i = 0; i < t->nrows; i++)
        if (!strcmp(t->rows[i].key, "TP.Q2"))
            q2 = &t->rows[i];
    assert_non_null(q2);
    assert_string_equal(q2->label, "Đảng bộ quận Hai mới");
    assert_int_equal(q2->v[1], 2);    /* CQ and X1 */
    assert_int_equal(q2->prev[1], 1); /* CQ */
    assert_int_equal(q2->v[3], 2);    /* CB4 and CB5 */
    assert_non_null(r->sentence_then);
    report_structure_free(r);
}

static void test_sentence_shapes(void **state)
{
    struct buf b = BUF_INIT;
    struct structure_counts hanoi = {.direct_above_base = 50,
                                     .base_dang_bo = 1500,
                                     .base_chi_bo = 816,
                                     .partial = 176,
                                     .branches = 17225,
                                     .members = 457397};
    report_sentence("Đảng bộ thành phố Hà Nội", &hanoi, &b);
    assert_string_equal(b.ptr,
                        "Đảng bộ thành phố Hà Nội có 50 đảng bộ trực thuộc với 2.316 tổ chức "
                        "cơ sở đảng, 176 đảng bộ bộ phận, 17.225 chi bộ trực thuộc và "
                        "457.397 đảng viên.");
    buf_reset(&b);
    struct structure_counts district = {
        .base_dang_bo = 20, .base_chi_bo = 15, .branches = 300, .members = 12345};
    report_sentence("Đảng bộ quận Ba Đình", &district, &b);
    assert_string_equal(b.ptr, "Đảng bộ quận Ba Đình có 35 tổ chức cơ sở đảng, 300 chi bộ trực "
                               "thuộc và 12.345 đảng viên.");
    buf_reset(&b);
    struct structure_counts base = {.branches = 12, .members = 340};
    report_sentence("Đảng bộ phường Phúc Xá", &base, &b);
    assert_string_equal(b.ptr, "Đảng bộ phường Phúc Xá có 12 chi bộ trực thuộc và 340 đảng viên.");
    buf_reset(&b);
    struct structure_counts chi = {.members = 1000000};
    report_sentence("Chi bộ 1", &chi, &b);
    assert_string_equal(b.ptr, "Chi bộ 1 có 1.000.000 đảng viên.");
    buf_reset(&b);
    struct structure_counts empty = {0};
    report_sentence("Chi bộ mới", &empty, &b);
    assert_string_equal(b.ptr, "Chi bộ mới chưa có đảng viên.");
    buf_reset(&b);
    struct structure_counts no_members = {.partial = 1, .branches = 2};
    report_sentence("Đảng bộ X", &no_members, &b);
    assert_string_equal(
        b.ptr, "Đảng bộ X có 1 đảng bộ bộ phận và 2 chi bộ trực thuộc, chưa có đảng viên.");
    buf_reset(&b);
    struct structure_counts only_committees = {.direct_above_base = 3, .members = 7};
    report_sentence("Đảng bộ Y", &only_committees, &b);
    assert_string_equal(b.ptr, "Đảng bộ Y có 3 đảng bộ trực thuộc với 7 đảng viên.");
    buf_reset(&b);
    struct structure_counts then = {.direct_above_base = 50,
                                    .base_chi_bo = 2322,
                                    .partial = 170,
                                    .branches = 17225,
                                    .members = 427000};
    report_compare_sentence(D(2019, 12, 31), &then, &hanoi, &b);
    assert_string_equal(b.ptr,
                        "So với ngày 31/12/2019: đảng bộ trực thuộc không đổi, tổ chức cơ sở "
                        "đảng giảm 6 (0,3%), đảng bộ bộ phận tăng 6 (3,5%), chi bộ trực thuộc "
                        "không đổi, đảng viên tăng 30.397 (7,1%).");
    buf_release(&b);
}

static void test_bands(void **state)
{
    const int ages[] = {18, 30, 31, 40, 41, 50, 51, 60, 61, 70, 71, 95};
    const int age_band[] = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
    for (size_t i = 0; i < ARRAY_SIZE(ages); i++)
        assert_int_equal(report_age_band(ages[i]), age_band[i]);
    const int party[] = {0, 9, 10, 19, 20, 29, 30, 39, 40, 49, 50, 75};
    const int party_band[] = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
    for (size_t i = 0; i < ARRAY_SIZE(party); i++)
        assert_int_equal(report_party_age_band(party[i]), party_band[i]);
    assert_string_equal(report_age_band_label(0), "Từ 30 tuổi trở xuống");
    assert_string_equal(report_party_age_band_label(5), "Từ 50 năm trở lên");
}

/* The sentence and comparison line of the test city, from the SQL figures. */
static void test_text_format(void **state)
{
    struct report_structure *r = build(TP, D2, D1, 0);
    load_subtree("r", org[TP], D2);
    struct figures now = subtree_figures("r", org[TP], false);
    load_subtree("r", org[TP], D1);
    struct figures then = subtree_figures("r", org[TP], false);
    /* the shape of the city is known: 3 committees, 4 base organizations, 1 partial, and
       chi bộ trực thuộc CB1..CB5 on D2 (CB6 dissolved), CB1..CB4 and CB6 on D1 */
    assert_int_equal(now.direct, 3);
    assert_int_equal(now.dbcs + now.cbcs, 4);
    assert_int_equal(now.branches, 5);
    assert_int_equal(then.branches, 5);
    struct buf want = BUF_INIT, m = BUF_INIT, ch = BUF_INIT;
    vnfmt_int(&m, now.members);
    buf_addf(&want,
             "Đảng bộ thành phố Thử có 3 đảng bộ trực thuộc với 4 tổ chức cơ sở đảng, 1 đảng bộ "
             "bộ phận, 5 chi bộ trực thuộc và %s đảng viên.\n",
             m.ptr);
    vnfmt_change(&ch, then.members, now.members);
    buf_addf(&want,
             "So với ngày 31/12/2019: đảng bộ trực thuộc không đổi, tổ chức cơ sở đảng không đổi, "
             "đảng bộ bộ phận không đổi, chi bộ trực thuộc không đổi, đảng viên %s.\n",
             ch.ptr);
    struct buf got = BUF_INIT;
    report_structure_render(r, REPORT_FMT_TEXT, &got);
    assert_string_equal(got.ptr, want.ptr);
    /* the table format carries the same sentence and every table title */
    buf_reset(&got);
    report_structure_render(r, REPORT_FMT_TABLE, &got);
    assert_non_null(strstr(got.ptr, r->sentence));
    for (int i = 0; i < RT__MAX; i++)
        assert_non_null(strstr(got.ptr, r->tables[i].title));
    buf_release(&got);
    buf_release(&want);
    buf_release(&m);
    buf_release(&ch);
    report_structure_free(r);
}

static void test_json(void **state)
{
    struct report_structure *r = build(Q1, D2, D1, 0);
    json_t *j = report_structure_json(r);
    assert_string_equal(json_string_value(json_object_get(j, "sentence")), r->sentence);
    assert_string_equal(json_string_value(json_object_get(j, "as_of")), "2021-12-31");
    json_t *counts = json_object_get(j, "counts");
    load_subtree("r", org[Q1], D2);
    struct figures f = subtree_figures("r", org[Q1], false);
    assert_int_equal(json_integer_value(json_object_get(counts, "members")), f.members);
    assert_int_equal(json_integer_value(json_object_get(counts, "base_orgs")), f.dbcs + f.cbcs);
    json_t *bd = json_object_get(j, "breakdowns");
    const char *keys[] = {"children",  "base_type", "gender",    "age_band",     "party_age_band",
                          "ethnicity", "religion",  "education", "theory_level", "status"};
    for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
        assert_true(json_is_array(json_object_get(bd, keys[i])));
    json_t *age0 = json_array_get(json_object_get(bd, "age_band"), 0);
    assert_int_equal(
        json_integer_value(json_object_get(age0, "count")),
        json_integer_value(json_object_get(json_object_get(age0, "by_gender"), "nam")) +
            json_integer_value(json_object_get(json_object_get(age0, "by_gender"), "nu")));
    json_t *cmp = json_object_get(j, "compare");
    assert_string_equal(json_string_value(json_object_get(cmp, "as_of")), "2019-12-31");
    load_subtree("r", org[Q1], D1);
    struct figures g = subtree_figures("r", org[Q1], false);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(cmp, "counts"), "members")),
                     g.members);
    struct buf ch = BUF_INIT;
    vnfmt_change(&ch, g.members, f.members);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(cmp, "changes"), "members")), ch.ptr);
    /* X1 moved from Q1 to Q2: one base organization less */
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(cmp, "changes"), "base_orgs")),
        "giảm 1 (50,0%)");
    buf_release(&ch);
    json_decref(j);
    report_structure_free(r);
}

/* ---- CSV ---- */
struct csv_ctx {
    char **fields;
    size_t nf, cap;
    size_t rows;
    size_t row_len[2]; /* fields in the header and the last row */
    char ***records;
    size_t nrec, reccap;
};

static void csv_field(void *s, size_t len, void *vctx)
{
    struct csv_ctx *c = vctx;
    ALLOC_GROW(c->fields, c->nf + 1, c->cap);
    c->fields[c->nf++] = xstrndup(s, len);
}

static void csv_row(int ch, void *vctx)
{
    struct csv_ctx *c = vctx;
    ALLOC_GROW(c->records, c->nrec + 1, c->reccap);
    char **rec = xcalloc(c->nf + 1, sizeof(char *));
    memcpy(rec, c->fields, c->nf * sizeof(char *));
    c->records[c->nrec++] = rec;
    c->nf = 0;
}

static void test_csv(void **state)
{
    struct report_structure *r = build(P1, D2, D1, 0);
    struct buf out = BUF_INIT;
    struct tcxd_error e;
    must(report_structure_to_buf(r, REPORT_FMT_CSV, &out, &e), &e);
    assert_memory_equal(out.ptr, "\xEF\xBB\xBF", 3); /* the BOM Excel needs */
    struct csv_parser p;
    assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0);
    struct csv_ctx c = {0};
    assert_int_equal(csv_parse(&p, out.ptr + 3, out.len - 3, csv_field, csv_row, &c), out.len - 3);
    assert_int_equal(csv_fini(&p, csv_field, csv_row, &c), 0);
    csv_free(&p);
    size_t want = 1;
    for (int i = 0; i < RT__MAX; i++)
        want += r->tables[i].nrows * r->tables[i].ncols;
    assert_int_equal(c.nrec, want);
    const char *hdr[] = {"Mã bảng",    "Bảng",    "Mã mục",  "Mục",          "Mã chỉ tiêu",
                         "Chỉ tiêu",   "Ngày",    "Giá trị", "Ngày so sánh", "Giá trị so sánh",
                         "Chênh lệch", "Thay đổi"};
    for (size_t i = 0; i < ARRAY_SIZE(hdr); i++)
        assert_string_equal(c.records[0][i], hdr[i]);
    assert_null(c.records[0][12]);
    /* every record matches the report, and the members total matches SQL */
    size_t k = 1;
    for (int i = 0; i < RT__MAX; i++) {
        const struct report_table *t = &r->tables[i];
        for (size_t j = 0; j < t->nrows; j++)
            for (size_t col = 0; col < t->ncols; col++, k++) {
                char **rec = c.records[k];
                assert_string_equal(rec[0], t->key);
                assert_string_equal(rec[2], t->rows[j].key);
                assert_string_equal(rec[4], t->col_key[col]);
                assert_string_equal(rec[6], "31/12/2021");
                assert_int_equal(strtoll(rec[7], NULL, 10), t->rows[j].v[col]);
                assert_string_equal(rec[8], "31/12/2019");
                assert_int_equal(strtoll(rec[9], NULL, 10), t->rows[j].prev[col]);
                assert_int_equal(strtoll(rec[10], NULL, 10),
                                 t->rows[j].v[col] - t->rows[j].prev[col]);
            }
    }
    load_subtree("r", org[P1], D2);
    int64_t members = subtree_figures("r", org[P1], false).members;
    bool found = false;
    for (size_t i = 1; i < c.nrec; i++)
        if (!strcmp(c.records[i][0], "totals") && !strcmp(c.records[i][2], "members")) {
            assert_int_equal(strtoll(c.records[i][7], NULL, 10), members);
            found = true;
        }
    assert_true(found);
    for (size_t i = 0; i < c.nrec; i++) {
        for (char **f = c.records[i]; *f; f++)
            free(*f);
        free(c.records[i]);
    }
    free(c.records);
    free(c.fields);
    buf_release(&out);
    report_structure_free(r);
}

static void test_xlsx(void **state)
{
    for (int cmp = 0; cmp < 2; cmp++) {
        struct report_structure *r = build(TP, D2, cmp ? D1 : DATE_NONE, 0);
        char path[400];
        snprintf(path, sizeof(path), "%s/r.xlsx", dir);
        struct tcxd_error e;
        must(report_structure_write(r, REPORT_FMT_XLSX, path, &e), &e);
        int err = 0;
        zip_t *z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
        assert_non_null(z);
        assert_true(zip_get_num_entries(z, 0) > RT__MAX);
        zip_stat_t zs;
        assert_int_equal(zip_stat(z, "xl/workbook.xml", 0, &zs), 0);
        char *xml = xcalloc(1, zs.size + 1);
        zip_file_t *zf = zip_fopen(z, "xl/workbook.xml", 0);
        assert_non_null(zf);
        assert_int_equal(zip_fread(zf, xml, zs.size), (zip_int64_t)zs.size);
        zip_fclose(zf);
        for (int i = 0; i < RT__MAX; i++) {
            char want[128];
            snprintf(want, sizeof(want), "<sheet name=\"%s\"", r->tables[i].sheet);
            assert_non_null(strstr(xml, want));
            char sheet[64];
            snprintf(sheet, sizeof(sheet), "xl/worksheets/sheet%d.xml", i + 1);
            assert_true(zip_name_locate(z, sheet, 0) >= 0);
        }
        /* the title and headers are in the shared strings */
        assert_int_equal(zip_stat(z, "xl/sharedStrings.xml", 0, &zs), 0);
        char *ss = xcalloc(1, zs.size + 1);
        zf = zip_fopen(z, "xl/sharedStrings.xml", 0);
        assert_int_equal(zip_fread(zf, ss, zs.size), (zip_int64_t)zs.size);
        zip_fclose(zf);
        assert_non_null(strstr(ss, "Báo cáo cơ cấu tổ chức và đảng viên"));
        assert_non_null(strstr(ss, "Tổ chức cơ sở đảng"));
        assert_non_null(strstr(ss, cmp ? "Tăng (+), giảm (-)" : "Tỷ lệ"));
        free(ss);
        free(xml);
        zip_close(z);
        /* the same workbook through a buffer (what the server sends) */
        struct buf b = BUF_INIT;
        must(report_structure_to_buf(r, REPORT_FMT_XLSX, &b, &e), &e);
        assert_true(b.len > 1000);
        assert_memory_equal(b.ptr, "PK\x03\x04", 4);
        buf_release(&b);
        report_structure_free(r);
    }
}

/* The open-registration counters (migration 0005, kept by triggers) equal a recount, whichever
   path wrote the stints (store_member.c, store_bulk.c, organization merges and dissolutions). */
static void check_open_counters(void)
{
    assert_int_equal(q("SELECT COUNT(*) FROM (SELECT org_id, status, COUNT(*) AS n FROM "
                       "member_stint WHERE kind = 0 AND valid_to = '9999-12-31' "
                       "GROUP BY org_id, status) a FULL JOIN (SELECT * FROM member_count_open "
                       "WHERE n != 0) b USING (org_id, status) WHERE a.n IS NOT b.n",
                       0, 0),
                     0);
    assert_true(q("SELECT SUM(n) FROM member_count_open", 0, 0) > 100);
}

static void test_open_counters(void **state)
{
    check_open_counters();
}

struct org_counts {
    int64_t org_id;
    int64_t n[MEMBER_STATUS__MAX];
    int calls[MEMBER_STATUS__MAX];
};

static void on_count(void *ctx, int64_t org_id, enum member_status s, int64_t n)
{
    struct org_counts *c = ctx;
    for (; c->org_id; c++)
        if (c->org_id == org_id) {
            c->n[s] += n;
            c->calls[s]++;
            return;
        }
    fail_msg("count for unknown organization #%lld", (long long)org_id);
}

/* store_member_counts for every organization (the counters minus the changes after the date)
   and report_node_counts' whole-table path, against a plain GROUP BY, on many dates. */
static void test_counts_any_date(void **state)
{
    tcxd_date days[40] = {D(1960, 1, 1),   D(1990, 6, 30), D(2005, 1, 1),  D(2019, 12, 31),
                          D(2020, 4, 30),  D(2020, 5, 1),  D(2020, 6, 30), D(2021, 3, 1),
                          D(2021, 12, 31), D(2030, 1, 1)};
    size_t ndays = 10;
    /* and the days registrations begin and end, where off-by-one errors show */
    sqlite3_stmt *s;
    sqlite3_prepare_v2(db,
                       "SELECT d FROM (SELECT valid_from AS d FROM member_stint WHERE kind = 0 "
                       "UNION SELECT valid_to FROM member_stint WHERE kind = 0 "
                       "AND valid_to < '9999-12-31') WHERE d > '2005-01-01' ORDER BY d",
                       -1, &s, NULL);
    for (int i = 0; sqlite3_step(s) == SQLITE_ROW && ndays < ARRAY_SIZE(days); i++)
        if (i % 3 == 0) {
            struct tcxd_error e;
            must(date_parse((const char *)sqlite3_column_text(s, 0), &days[ndays++], "d", &e), &e);
        }
    sqlite3_finalize(s);
    assert_true(ndays > 20);
    struct org_counts *c = xcalloc(NORG + 1, sizeof(*c));
    for (size_t k = 0; k < ndays; k++) {
        for (int i = 0; i < NORG; i++)
            c[i] = (struct org_counts){.org_id = org[i]};
        struct tcxd_error e;
        must(store_member_counts(st, days[k], NULL, 0, on_count, c, &e), &e);
        for (int i = 0; i < NORG; i++)
            for (int status = MEMBER_PROBATIONARY; status <= MEMBER_OFFICIAL; status++) {
                int64_t want = q("SELECT COUNT(*) FROM member_stint WHERE kind = 0 AND "
                                 "valid_from <= ?1 AND valid_to > ?1 AND org_id = ?2 "
                                 "AND status = ?3",
                                 days[k], 2, org[i], (int64_t)status);
                assert_int_equal(c[i].n[status], want);
                assert_true(c[i].calls[status] == (want != 0)); /* once, when not zero */
            }
        /* the whole-table path of report_node_counts gives the subtree totals too */
        struct org_tree tree;
        must(store_tree_load(st, days[k], &tree, &e), &e);
        uint32_t root = org_tree_find(&tree, org[TP]);
        if (root != TREE_NONE) {
            struct node_counts nc;
            must(report_node_counts(st, &tree, TREE_NONE, &nc, &e), &e);
            struct structure_counts sc;
            report_structure_counts(&tree, root, &nc, &sc);
            load_subtree("r", org[TP], days[k]);
            struct figures f = subtree_figures("r", org[TP], false);
            assert_int_equal(sc.official, f.official);
            assert_int_equal(sc.probationary, f.probationary);
            report_node_counts_free(&nc);
        }
        org_tree_release(&tree);
    }
    free(c);
}

static int64_t total_counted(struct store *from, tcxd_date d)
{
    struct org_counts *c = xcalloc(NORG + 1, sizeof(*c));
    for (int i = 0; i < NORG; i++)
        c[i].org_id = org[i];
    struct tcxd_error e;
    must(store_member_counts(from, d, NULL, 0, on_count, c, &e), &e);
    int64_t n = 0;
    for (int i = 0; i < NORG; i++)
        n += c[i].n[MEMBER_PROBATIONARY] + c[i].n[MEMBER_OFFICIAL];
    free(c);
    return n;
}

static int64_t sql_total(tcxd_date d)
{
    return q("SELECT COUNT(*) FROM member_stint WHERE kind = 0 AND valid_from <= ?1 "
             "AND valid_to > ?1",
             d, 0);
}

static int64_t day_stored(tcxd_date d)
{
    return q("SELECT COUNT(*) FROM member_count_day WHERE as_of = ?1", d, 0);
}

/* Month-end snapshots (migration 0006): kept for past month ends only, by a connection that
   can write; read back; dropped by a back-dated change that covers the day, and only then. */
static void test_snapshots(void **state)
{
    const tcxd_date d1 = D1, d2 = D2, mid = D(2020, 6, 15), next = D(2099, 12, 31);
    for (int k = 0; k < 2; k++) { /* counted, then read from the snapshot */
        assert_int_equal(total_counted(st, d1), sql_total(d1));
        assert_int_equal(total_counted(st, d2), sql_total(d2));
        assert_int_equal(total_counted(st, mid), sql_total(mid));
        assert_int_equal(total_counted(st, next), sql_total(next));
    }
    assert_int_equal(day_stored(d1), 1);
    assert_int_equal(day_stored(d2), 1);
    assert_int_equal(day_stored(mid), 0);  /* not a month end */
    assert_int_equal(day_stored(next), 0); /* not past */
    assert_int_equal(q("SELECT SUM(n) FROM member_count_at WHERE as_of = ?1", d2, 0),
                     sql_total(d2));
    /* a read-only connection counts without keeping anything */
    struct store *ro;
    struct tcxd_error e;
    must(store_open(dbpath, STORE_READONLY, &ro, &e), &e);
    const tcxd_date d0 = D(2016, 8, 31);
    assert_int_equal(total_counted(ro, d0), sql_total(d0));
    assert_int_equal(day_stored(d0), 0);
    store_close(ro);
    /* a member admitted in May 2021 changes 31/12/2021, not 31/12/2019 */
    int64_t before = sql_total(d2);
    struct member_strings ms = {
        .full_name = "Đỗ Thị Muộn", .gender = "nữ", .birth_date = "1995-09-09"};
    struct member_fields f;
    member_fields_init(&f);
    must(member_fields_parse(&ms, &f, &e), &e);
    struct member_admit_req r = {&f, org[CB1], D(2021, 4, 25), D(2021, 5, 1), "QĐ-KN", NULL};
    int64_t id;
    must(store_member_admit(st, &actor, &r, &id, &e), &e);
    member_fields_release(&f);
    assert_int_equal(day_stored(d2), 0);
    assert_int_equal(day_stored(d1), 1);
    assert_int_equal(sql_total(d2), before + 1);
    assert_int_equal(total_counted(st, d2), before + 1);
    assert_int_equal(day_stored(d2), 1);
    assert_int_equal(total_counted(st, d2), before + 1);
    /* the day's rows were replaced, not added to */
    assert_int_equal(q("SELECT SUM(n) FROM member_count_at WHERE as_of = ?1", d2, 0), before + 1);
    /* and the reports read the snapshots right, through both counting paths */
    struct report_structure *rep = build(TP, D2, D1, 0);
    check_report(rep, org[TP]);
    report_structure_free(rep);
    struct org_tree tree;
    must(store_tree_load(st, d2, &tree, &e), &e);
    struct node_counts nc;
    must(report_node_counts(st, &tree, TREE_NONE, &nc, &e), &e);
    struct structure_counts sc;
    report_structure_counts(&tree, org_tree_find(&tree, org[TP]), &nc, &sc);
    load_subtree("r", org[TP], d2);
    assert_int_equal(sc.members, subtree_figures("r", org[TP], false).members);
    report_node_counts_free(&nc);
    org_tree_release(&tree);
    /* an exit on 01/09/2021: the registration that covered 31/12/2021 is replaced by a shorter one
     */
    event(id, MEV_EXIT, D(2021, 9, 1), 0, EXIT_XIN_RA, DATE_NONE);
    assert_int_equal(day_stored(d2), 0);
    assert_int_equal(total_counted(st, d2), before);
    check_open_counters();
}

/* A database from before migration 0005 gets its counters filled when it is opened. */
static void test_upgrade(void **state)
{
    struct report_structure *before = build(TP, D2, D1, 0);
    store_close(st);
    exec_sql("DROP TRIGGER member_count_open_insert; DROP TRIGGER member_count_open_delete;"
             "DROP TRIGGER member_count_open_update; DROP INDEX member_stint_end;"
             "DROP TABLE member_count_open; DELETE FROM meta WHERE key = 'migration:0005';"
             "UPDATE meta SET value = '4' WHERE key = 'schema_version';");
    struct tcxd_error e;
    assert_int_equal(store_open(dbpath, 0, &st, &e), TCXD_OK);
    assert_true(store_schema_version(st) >= 5);
    check_open_counters();
    struct report_structure *after = build(TP, D2, D1, 0);
    check_report(after, org[TP]);
    assert_string_equal(after->sentence, before->sentence);
    assert_int_equal(after->now.members, before->now.members);
    assert_int_equal(after->then.members, before->then.members);
    report_structure_free(before);
    report_structure_free(after);
}

static void test_formats(void **state)
{
    enum report_format f;
    struct tcxd_error e;
    assert_int_equal(report_format_parse("xlsx", &f, &e), TCXD_OK);
    assert_int_equal(f, REPORT_FMT_XLSX);
    assert_int_equal(report_format_parse("pdf", &f, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "format");
    assert_string_equal(report_format_name(REPORT_FMT_CSV), "csv");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentence_shapes),
        cmocka_unit_test(test_bands),
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_every_figure),
        cmocka_unit_test(test_children_across_dates),
        cmocka_unit_test(test_text_format),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_xlsx),
        cmocka_unit_test(test_open_counters),
        cmocka_unit_test(test_counts_any_date),
        cmocka_unit_test(test_snapshots),
        cmocka_unit_test(test_upgrade),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
