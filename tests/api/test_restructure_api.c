/*
 * test_restructure_api.c - restructuring plans and organization flows on the real `tcxd serve`
 * over loopback: roles (admin only), scope (a plan naming an organization outside the account's
 * subtree answers 404 and writes nothing), the dry run writing nothing, the application writing
 * the plan's audit records, a refused plan answering its issues, and the flows of the period.
 *
 * Tree: HN > Q1 > Q1P (base phường) > Q1C, Q1C2; HN > Q2 > Q2P > Q2C. Accounts: admin_hn
 * (admin, scope HN), admin_q1 (admin, scope Q1), staff1 (staff, scope HN).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"
#include "store/store.h"
#include "util/buf.h"

static const char PW[] = "Quantri-test-2024";
static char dir[256], db[300];
static struct server srv;
static int64_t id_q1c, id_q1;

static int64_t audit_count(void)
{
    return seed_audit_count(db);
}

static int64_t add_org(const char *code, const char *tier, const char *form, const char *parent,
                       const char *type)
{
    int64_t id = seed_org(db, code, NULL, tier, form, parent, type);
    assert_true(id > 0);
    return id;
}

static void add_member(const char *org, const char *name)
{
    assert_int_equal(tcxd_run(db, NULL, NULL, 0, "member", "add", "--org", org, "--name", name,
                              "--gender", "nam", "--birth", "1980-05-01", "--decision-date",
                              "2010-01-01", "--ceremony-date", "2010-01-15", "--official-date",
                              "2011-01-20", NULL),
                     0);
}

static int setup(void **state)
{
    if (!seed_new_db("tcxd-rs-api", dir, db))
        return -1;
    add_org("HN", "above_base", "dang_bo", NULL, NULL);
    id_q1 = add_org("Q1", "above_base", "dang_bo", "HN", NULL);
    add_org("Q2", "above_base", "dang_bo", "HN", NULL);
    add_org("Q1P", "base", "dang_bo", "Q1", "phuong");
    add_org("Q2P", "base", "dang_bo", "Q2", "phuong");
    id_q1c = add_org("Q1C", "below_base", "chi_bo", "Q1P", NULL);
    add_org("Q1C2", "below_base", "chi_bo", "Q1P", NULL);
    add_org("Q2C", "below_base", "chi_bo", "Q2P", NULL);
    add_member("Q1C", "Nguyễn Văn An");
    add_member("Q1C", "Lê Văn Bảo");
    add_member("Q1C", "Phạm Văn Cường");
    add_member("Q2C", "Trần Văn Cư");
    if (tcxd_run(db, PW, NULL, 0, "user", "add", "admin_hn", "--role", "admin", "--scope", "HN",
                 NULL) ||
        tcxd_run(db, PW, NULL, 0, "user", "add", "admin_q1", "--role", "admin", "--scope", "Q1",
                 NULL) ||
        tcxd_run(db, PW, NULL, 0, "user", "add", "staff1", "--role", "staff", "--scope", "HN",
                 NULL))
        return -1;
    return server_start(&srv, db, "--threads", "2", NULL) ? 0 : -1;
}

static int teardown(void **state)
{
    int st = server_stop(&srv);
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd)) {
    }
    return st != 0 ? -1 : 0;
}

static int post_plan(struct session *s, const char *p, const char *csv, json_t **j)
{
    struct resp r;
    if (!http_request(s, "POST", p, "text/csv", csv, 0, &r))
        return -1;
    int st = r.status;
    *j = r.json;
    r.json = NULL;
    resp_release(&r);
    return st;
}

static const char plan[] = "action,code,name,tier,form,type,parent,into,part,decision_no,date\n"
                           "create,N1,Đảng bộ phường Mới,above_base,dang_bo,phuong,HN,,,QĐ 1,"
                           "01/07/2025\n"
                           "merge,Q1P,,,,,,N1,,NQ 1656,\n"
                           "merge,Q2P,,,,,,N1,,NQ 1656,\n"
                           "end,Q1,,,,,,,,QĐ 2,\n"
                           "end,Q2,,,,,,,,QĐ 2,\n";

static int64_t jint(json_t *j, const char *k)
{
    return json_integer_value(json_object_get(j, k));
}

static void test_plan_routes(void **state)
{
    (void)state;
    struct session hn, q1, staff;
    json_t *j;
    assert_int_equal(login(&hn, srv.port, "admin_hn", PW), 200);
    assert_int_equal(login(&q1, srv.port, "admin_q1", PW), 200);
    assert_int_equal(login(&staff, srv.port, "staff1", PW), 200);
    int64_t a0 = audit_count();

    /* staff may not; an admin of Q1 may not name Q2's organizations */
    assert_int_equal(post_plan(&staff, "/api/restructure/check", plan, &j), 403);
    json_decref(j);
    assert_int_equal(post_plan(&q1, "/api/restructure/apply", plan, &j), 404);
    json_decref(j);
    assert_int_equal(audit_count(), a0);

    /* the dry run: both days' figures, nothing written */
    assert_int_equal(post_plan(&hn, "/api/restructure/check", plan, &j), 200);
    assert_true(json_is_true(json_object_get(j, "ok")));
    assert_false(json_is_true(json_object_get(j, "applied")));
    assert_int_equal(jint(json_object_get(j, "before"), "members"), 4);
    assert_int_equal(jint(json_object_get(j, "before"), "above_base"), 2);
    assert_int_equal(jint(json_object_get(j, "after"), "members"), 4);
    assert_int_equal(jint(json_object_get(j, "after"), "above_base"), 1);
    assert_int_equal(jint(json_object_get(j, "after"), "base_chi_bo"), 3);
    assert_int_equal(jint(j, "created"), 1);
    assert_int_equal(jint(j, "ended"), 4);
    assert_int_equal(jint(j, "retiered"), 3);
    json_decref(j);
    assert_int_equal(audit_count(), a0);

    /* a refused plan answers its issues, writes nothing */
    const char *bad = "action,code,name,tier,form,type,parent,into,part,decision_no,date\n"
                      "merge,Q1P,,,,,,NOWHERE,,,01/07/2025\n";
    assert_int_equal(post_plan(&hn, "/api/restructure/apply", bad, &j), 200);
    assert_false(json_is_true(json_object_get(j, "ok")));
    json_t *is0 = json_array_get(json_object_get(j, "issues"), 0);
    assert_int_equal(jint(is0, "line"), 2);
    json_decref(j);
    assert_int_equal(audit_count(), a0);

    /* applied: audited, the chi bộ re-tiered under N1 from 01/07/2025, as it was before */
    assert_int_equal(post_plan(&hn, "/api/restructure/apply", plan, &j), 200);
    assert_true(json_is_true(json_object_get(j, "applied")));
    json_decref(j);
    assert_true(audit_count() > a0);
    char p[128];
    snprintf(p, sizeof(p), "/api/orgs/%lld?as_of=2025-07-01", (long long)id_q1c);
    assert_int_equal(get(&hn, p, &j), 200);
    assert_string_equal(json_string_value(json_object_get(j, "tier")), "base");
    json_decref(j);
    snprintf(p, sizeof(p), "/api/orgs/%lld?as_of=2025-06-30", (long long)id_q1c);
    assert_int_equal(get(&hn, p, &j), 200);
    assert_string_equal(json_string_value(json_object_get(j, "tier")), "below_base");
    json_decref(j);

    /* flows of 2025: 3 chi bộ handed over within HN, 2 wards merged, 2 districts dissolved */
    assert_int_equal(get(&hn, "/api/restructure/flows?from=2025-01-01&to=2025-12-31", &j), 200);
    assert_int_equal(jint(json_object_get(j, "inside"), "base"), 3);
    assert_int_equal(jint(json_object_get(j, "merged"), "base"), 2);
    assert_int_equal(jint(json_object_get(j, "dissolved"), "all"), 2);
    assert_int_equal(jint(json_object_get(j, "created"), "all"), 1);
    json_decref(j);
    assert_int_equal(get(&staff, "/api/restructure/flows?from=2025-01-01&to=2025-12-31", &j), 403);
    json_decref(j);
}

/* The merger analysis: a province's communes (imported figures) below 50 % of both standards,
   against the test's own copy of NQ 1211/2016's for a xã of the plains (8.000 people, 30 km²). */
static const struct {
    const char *code, *name;
    double area;
    long pop;
} units[] = {
    {"99001", "Xã An Bình", 12.0, 3500}, {"99002", "Xã An Hòa", 14.9, 3999},
    {"99003", "Xã An Lạc", 15.0, 3000},  {"99004", "Xã Tân Tiến", 60.0, 20000},
    {"99005", "Xã Đông Sơn", 9.0, 4200},
};
#define NUNITS (sizeof(units) / sizeof(units[0]))

static bool below(size_t i)
{
    return units[i].area < 30.0 / 2 && units[i].pop < 8000 / 2;
}

static void test_merger_routes(void **state)
{
    (void)state;
    struct buf csv = BUF_INIT;
    buf_adds(&csv, "code,name,level,province_code,terrain,area_km2,population,as_of\n");
    for (size_t i = 0; i < NUNITS; i++)
        buf_addf(&csv, "%s,%s,ward,99,,%.2f,%ld,2019-12-31\n", units[i].code, units[i].name,
                 units[i].area, units[i].pop);
    buf_adds(&csv, "98001,Xã Ngoài,ward,98,,1,100,2019-12-31\n"); /* another province */
    /* the import over the API: admins of a root organization only (the figures are shared) */
    assert_int_equal(tcxd_run(db, PW, NULL, 0, "user", "add", "admin_n1", "--role", "admin",
                              "--scope", "N1", NULL),
                     0);
    struct session hn, staff, n1;
    json_t *j;
    assert_int_equal(login(&hn, srv.port, "admin_hn", PW), 200);
    assert_int_equal(login(&staff, srv.port, "staff1", PW), 200);
    assert_int_equal(login(&n1, srv.port, "admin_n1", PW), 200);
    int64_t before = audit_count();
    assert_int_equal(post_plan(&staff, "/api/restructure/units", csv.ptr, &j), 403);
    json_decref(j);
    assert_int_equal(post_plan(&n1, "/api/restructure/units", csv.ptr, &j), 403);
    json_decref(j);
    /* a bad row: 400 naming its line and column, nothing written (the good rows neither) */
    struct buf bad = BUF_INIT;
    buf_addf(&bad, "%.*s", (int)csv.len, csv.ptr);
    buf_adds(&bad, "99009,Xã Hỏng,ward,99,,3,nhiều,2019-12-31\n");
    assert_int_equal(post_plan(&hn, "/api/restructure/units", bad.ptr, &j), 400);
    const char *msg = json_string_value(json_object_get(json_object_get(j, "error"), "message"));
    const char *field = json_string_value(json_object_get(json_object_get(j, "error"), "field"));
    if (!msg || !strstr(msg, "8") || !field || strcmp(field, "population"))
        fail_msg("bad units file: %s", j ? json_dumps(j, 0) : "no JSON");
    json_decref(j);
    buf_release(&bad);
    assert_int_equal(post_plan(&hn, "/api/restructure/units", "", &j), 400);
    json_decref(j);
    assert_int_equal(audit_count(), before);
    assert_int_equal(get(&hn, "/api/restructure/merger?province=99&date=2020-06-01", &j), 200);
    assert_int_equal(jint(j, "units"), 0);
    json_decref(j);
    assert_int_equal(post_plan(&hn, "/api/restructure/units?source=test", csv.ptr, &j), 200);
    assert_int_equal(jint(j, "units"), NUNITS + 1);
    json_decref(j);
    assert_int_equal(audit_count(), before + 1);
    buf_release(&csv);
    /* the units' party committees under Q1, named after them */
    for (size_t i = 0; i < NUNITS; i++) {
        char code[16], name[128];
        snprintf(code, sizeof(code), "Q1X%zu", i + 1);
        snprintf(name, sizeof(name), "Đảng bộ %s", units[i].name);
        assert_int_equal(tcxd_run(db, NULL, NULL, 0, "org", "add", code, name, "--tier", "base",
                                  "--form", "dang_bo", "--parent", "Q1", "--type", "xa", "--date",
                                  "2000-01-01", NULL),
                         0);
    }
    size_t nbelow = 0;
    for (size_t i = 0; i < NUNITS; i++)
        nbelow += below(i);
    assert_int_equal(nbelow, 2);

    assert_int_equal(get(&hn, "/api/restructure/merger?province=99&date=2020-06-01", &j), 200);
    assert_int_equal(jint(j, "units"), NUNITS);
    assert_int_equal(jint(j, "below"), nbelow);
    json_t *list = json_object_get(j, "list");
    assert_int_equal(json_array_size(list), nbelow);
    size_t k = 0;
    for (size_t i = 0; i < NUNITS; i++) {
        if (!below(i))
            continue;
        json_t *x = json_array_get(list, k++);
        assert_string_equal(json_string_value(json_object_get(x, "code")), units[i].code);
        assert_string_equal(json_string_value(json_object_get(x, "name")), units[i].name);
        assert_int_equal(jint(x, "population"), units[i].pop);
    }
    json_decref(j);
    /* admins only; the province is required */
    assert_int_equal(get(&staff, "/api/restructure/merger?province=99", &j), 403);
    json_decref(j);
    assert_int_equal(get(&hn, "/api/restructure/merger?date=2020-06-01", &j), 400);
    json_decref(j);

    /* the draft: one new committee for the units below, each unit's committee merged into it */
    char p[200];
    struct resp r;
    snprintf(p, sizeof(p), "/api/restructure/merger/draft?province=99&date=2020-06-01&org=%lld",
             (long long)id_q1);
    assert_true(http_request(&hn, "GET", p, NULL, NULL, 0, &r));
    if (r.status != 200)
        fail_msg("draft: %d %s", r.status, r.body ? r.body : "");
    char ct[128];
    assert_true(resp_header(&r, "Content-Type", ct, sizeof(ct)));
    assert_non_null(strstr(ct, "text/csv"));
    size_t merges = 0;
    for (const char *x = r.body; (x = strstr(x, "\nmerge,")); x++)
        merges++;
    assert_int_equal(merges, nbelow);
    assert_non_null(strstr(r.body, "\nmerge,Q1X1,"));
    assert_non_null(strstr(r.body, "\nmerge,Q1X2,"));
    assert_null(strstr(r.body, "Q1X3"));
    resp_release(&r);
    /* the committee must be in the caller's scope: an admin of N1 (made by the plan above)
       does not see Q1 */
    assert_int_equal(get(&n1, p, &j), 404);
    json_decref(j);
    assert_int_equal(get(&n1, "/api/restructure/merger?province=99&date=2020-06-01", &j), 200);
    assert_int_equal(jint(j, "below"), nbelow); /* the units' figures: the same for every admin */
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_plan_routes),
                                       cmocka_unit_test(test_merger_routes)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
