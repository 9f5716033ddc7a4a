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

static const char PW[] = "Quantri-test-2024";
static char dir[256], db[300];
static struct server srv;
static int64_t id_q1c;

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
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/tcxd-rs-api-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, sizeof(db), "%s/t.db", dir);
    setenv("TCXD_PWHASH_FAST", "1", 1);
    if (tcxd_run(db, NULL, NULL, 0, "init", NULL))
        return -1;
    add_org("HN", "above_base", "dang_bo", NULL, NULL);
    add_org("Q1", "above_base", "dang_bo", "HN", NULL);
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

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_plan_routes)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
