/*
 * test_merger.c - the merger analysis: units' area and population imported from CSV, the
 * communes of a province below 50 % of both standards on a date (NQ 1211/2016 in 2020, NQ
 * 112/2025 in 2026), checked against the test's own list computed from its own copy of the
 * standards; the latest figures on or before the date; a bad file refused naming the line and
 * column with nothing written; a draft plan from the list that the plan check accepts.
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

#include "plan/merger.h"
#include "plan/restructure.h"
#include "store/store.h"
#include "util/xmalloc.h"

static const struct store_actor actor = {"test", "local"};

static tcxd_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static void must(enum tcxd_err rc, const struct tcxd_error *e)
{
    if (rc)
        fail_msg("unexpected error: %s", e->msg);
}

/* The province's communes: kind (0 xã, 1 phường), terrain (0 other, 1 mountain), figures. */
static const struct unit {
    const char *code, *name;
    int kind, mountain;
    double area;
    long pop;
} units[] = {
    {"99001", "Xã An Bình", 0, 0, 12.0, 3500},     /* < 15 km², < 4,000 (1211); < 8,000 (112) */
    {"99002", "Xã An Hòa", 0, 0, 14.9, 3999},      /* just below, both */
    {"99003", "Xã An Lạc", 0, 0, 15.0, 3000},      /* area exactly 50 %: not below */
    {"99004", "Xã Bình Minh", 0, 0, 10.0, 7000},   /* below only with 112's 16,000 */
    {"99005", "Xã Cao Sơn", 0, 1, 24.0, 2400},     /* mountain: 25 / 2,500 (1211), 50 (112) */
    {"99006", "Xã Đồng Tâm", 0, 1, 40.0, 2000},    /* mountain: area below only under 112 */
    {"99007", "Phường Hàng Đào", 1, 0, 1.2, 7000}, /* phường 2.75 / 7,500 (1211), 10,500 (112) */
    {"99008", "Phường Hàng Bạc", 1, 0, 1.0, 9000}, /* pop below only under 112 */
    {"99009", "Phường Lớn", 1, 0, 9.0, 40000},     /* well above */
    {"99010", "Xã Tân Tiến", 0, 0, 60.0, 20000},   /* above */
};
#define NUNITS (sizeof(units) / sizeof(units[0]))

/* The test's own copy of the standards: {population, area} by (year >= 2026, kind, mountain). */
static void standard(bool nq112, int kind, int mountain, long *pop, double *area)
{
    if (kind == 1) {
        *pop = nq112 ? 21000 : 15000;
        *area = 5.5;
    } else if (mountain) {
        *pop = 5000;
        *area = nq112 ? 100 : 50;
    } else {
        *pop = nq112 ? 16000 : 8000;
        *area = 30;
    }
}

static size_t expected(bool nq112, const char **codes)
{
    size_t n = 0;
    for (size_t i = 0; i < NUNITS; i++) {
        long p;
        double a;
        standard(nq112, units[i].kind, units[i].mountain, &p, &a);
        if (units[i].area < a / 2 && units[i].pop < p / 2)
            codes[n++] = units[i].code;
    }
    return n;
}

static char *units_csv(void)
{
    struct buf b = BUF_INIT;
    buf_adds(&b, "code,name,level,province_code,terrain,area_km2,population,as_of\n");
    buf_adds(&b, "99,Tỉnh Thử,province,,,5000,1500000,2019-12-31\n");
    for (size_t i = 0; i < NUNITS; i++)
        buf_addf(&b, "%s,%s,ward,99,%s,%.2f,%ld,2019-12-31\n", units[i].code, units[i].name,
                 units[i].mountain ? "miền núi" : "", units[i].area, units[i].pop);
    /* another province's commune: never listed for 99 */
    buf_adds(&b, "98001,Xã Ngoài,ward,98,,1,100,2019-12-31\n");
    return buf_detach(&b, NULL);
}

static void check_list(struct store *st, tcxd_date on, bool nq112)
{
    struct tcxd_error e;
    const char *want[NUNITS];
    size_t nwant = expected(nq112, want);
    struct merger_list l;
    must(merger_analyse(st, "99", on, &l, &e), &e);
    assert_int_equal(l.units, NUNITS);
    assert_int_equal(l.n, nwant);
    for (size_t i = 0; i < nwant; i++) {
        assert_string_equal(l.below[i].u.code, want[i]);
        assert_non_null(strstr(l.below[i].std->source, nq112 ? "112/2025" : "1211/2016"));
    }
    merger_list_release(&l);
}

static void test_merger(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof(path), "/tmp/tcxd-test-merger-%d.db", (int)getpid());
    unlink(path);
    struct store *st;
    struct tcxd_error e;
    must(store_open(path, STORE_CREATE, &st, &e), &e);

    /* a bad cell: refused with its line and column, nothing imported */
    const char *bad = "code,name,area_km2,population,as_of\n"
                      "99001,Xã An Bình,12,3500,2019-12-31\n"
                      "99002,Xã An Hòa,mười,3999,2019-12-31\n";
    struct admin_unit *u;
    size_t n;
    assert_int_equal(merger_units_read(bad, strlen(bad), "u.csv", DATE_NONE, "", &u, &n, &e),
                     TCXD_EINVAL);
    assert_string_equal(e.field, "area_km2");
    assert_non_null(strstr(e.msg, "line 3"));

    char *csv = units_csv();
    must(merger_units_read(csv, strlen(csv), "u.csv", DATE_NONE, "test", &u, &n, &e), &e);
    assert_int_equal(n, NUNITS + 2);
    must(store_admin_units_put(st, &actor, u, n, &e), &e);
    free(u);
    free(csv);

    check_list(st, D(2020, 6, 1), false);
    check_list(st, D(2026, 6, 1), true);
    /* before the figures' date: nothing known */
    struct merger_list l;
    must(merger_analyse(st, "99", D(2019, 1, 1), &l, &e), &e);
    assert_int_equal(l.units, 0);
    merger_list_release(&l);

    /* newer figures for one unit count from their date on */
    const char *upd = "code,name,level,province_code,area_km2,population,as_of\n"
                      "99001,Xã An Bình,ward,99,12,9000,2021-01-01\n";
    must(merger_units_read(upd, strlen(upd), "u.csv", DATE_NONE, "", &u, &n, &e), &e);
    must(store_admin_units_put(st, &actor, u, n, &e), &e);
    free(u);
    must(merger_analyse(st, "99", D(2020, 6, 1), &l, &e), &e);
    assert_string_equal(l.below[0].u.code, "99001");
    merger_list_release(&l);
    must(merger_analyse(st, "99", D(2021, 6, 1), &l, &e), &e);
    const char *want[NUNITS];
    assert_int_equal(l.n, expected(false, want) - 1);
    assert_string_not_equal(l.below[0].u.code, "99001");
    merger_list_release(&l);

    /* a draft from the 2026 list over a tree whose committees carry the units' names */
    struct org_create_req root = {"P",
                                  "Đảng bộ tỉnh Thử",
                                  ORG_TIER_ABOVE_BASE,
                                  ORG_FORM_DANG_BO,
                                  ORG_BASE_NONE,
                                  0,
                                  D(2025, 7, 1),
                                  ""};
    int64_t pid;
    must(store_org_create(st, &actor, &root, &pid, &e), &e);
    for (size_t i = 0; i < NUNITS; i++) {
        char code[16], name[128];
        snprintf(code, sizeof(code), "P.%s", units[i].code);
        snprintf(name, sizeof(name), "Đảng bộ %s", units[i].name);
        struct org_create_req r = {code,
                                   name,
                                   ORG_TIER_ABOVE_BASE,
                                   ORG_FORM_DANG_BO,
                                   units[i].kind ? ORG_BASE_PHUONG : ORG_BASE_XA,
                                   pid,
                                   D(2025, 7, 1),
                                   ""};
        must(store_org_create(st, &actor, &r, NULL, &e), &e);
    }
    must(merger_analyse(st, "99", D(2026, 6, 1), &l, &e), &e);
    struct buf plan = BUF_INIT;
    size_t unmatched;
    must(merger_draft(st, &l, pid, D(2026, 6, 1), &plan, &unmatched, &e), &e);
    assert_int_equal(unmatched, 0);
    size_t groups = (l.n + 2) / 3;
    struct restructure_plan p;
    struct restructure_result r;
    restructure_plan_init(&p);
    restructure_result_init(&r);
    must(restructure_plan_read(plan.ptr, plan.len, "draft.csv", &p, &r, &e), &e);
    struct restructure_opts o = {false, 0};
    must(restructure_run(st, &actor, &p, &o, &r, &e), &e);
    assert_int_equal(r.created, (int64_t)groups);
    assert_int_equal(r.ended, (int64_t)l.n);
    restructure_result_release(&r);
    restructure_plan_release(&p);
    buf_release(&plan);
    merger_list_release(&l);
    store_close(st);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_merger)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
