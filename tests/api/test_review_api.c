/*
 * test_review_api.c - the quality review routes on the real `tcxd serve` over loopback: a
 * member's review from self-assessment to decision and amendment, an organization decided
 * KHTNV and its consolidation plan, the levels and leniency reports, scope (a subject outside
 * the account's subtree answers 404), roles, and for every mutating review route exactly one
 * audit record on success and none on a refusal.
 *
 * Tree: HN > Q1 > Q1P (base đảng bộ) > Q1C, Q1C2; HN > Q2 > Q2P > Q2C. Accounts: staff1 and
 * viewer1 (scope Q1).
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

#include "api/api.h"
#include "client.h"
#include "store/store.h"

static const char PW_STAFF[] = "Canbo-test-2024", PW_VIEWER[] = "Chixem-test-2024";
static char dir[256], db[300];
static struct server srv;
static int64_t id_q1p, id_q1c, id_q1c2, id_q2c;
static int64_t m1, m2, m_out;

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

static int64_t add_member(const char *org, const char *name)
{
    char out[16384];
    assert_int_equal(tcxd_run(db, NULL, out, sizeof(out), "--json", "member", "add", "--org", org,
                              "--name", name, "--gender", "nam", "--birth", "1980-05-01",
                              "--decision-date", "2010-01-01", "--ceremony-date", "2010-01-15",
                              "--official-date", "2011-01-20", NULL),
                     0);
    return seed_id(out);
}

static int setup(void **state)
{
    if (!seed_new_db("tcxd-review-api", dir, db))
        return -1;
    add_org("HN", "above_base", "dang_bo", NULL, NULL);
    add_org("Q1", "above_base", "dang_bo", "HN", NULL);
    add_org("Q2", "above_base", "dang_bo", "HN", NULL);
    id_q1p = add_org("Q1P", "base", "dang_bo", "Q1", "phuong");
    add_org("Q2P", "base", "dang_bo", "Q2", "phuong");
    id_q1c = add_org("Q1C", "below_base", "chi_bo", "Q1P", NULL);
    id_q1c2 = add_org("Q1C2", "below_base", "chi_bo", "Q1P", NULL);
    id_q2c = add_org("Q2C", "below_base", "chi_bo", "Q2P", NULL);
    m1 = add_member("Q1C", "Nguyễn Văn An");
    m2 = add_member("Q1C", "Lê Văn Bảo");
    m_out = add_member("Q2C", "Trần Văn Cư");
    if (tcxd_run(db, PW_STAFF, NULL, 0, "user", "add", "staff1", "--role", "staff", "--scope", "Q1",
                 "--full-name", "Phạm Thị Hoa", NULL) ||
        tcxd_run(db, PW_VIEWER, NULL, 0, "user", "add", "viewer1", "--role", "viewer", "--scope",
                 "Q1", NULL))
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

static const char *path(const char *fmt, ...)
{
    static char b[4][1024];
    static int k;
    char *out = b[k++ & 3];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, 1024, fmt, ap);
    va_end(ap);
    return out;
}

static const char *err_field(json_t *j)
{
    return json_string_value(json_object_get(json_object_get(j, "error"), "field"));
}

/* A request that must answer `want` with one new audit record (or none when want >= 400). */
static json_t *call(struct session *s, const char *method, const char *p, const char *body,
                    int want, const char *field)
{
    int64_t before = audit_count();
    struct resp r;
    assert_true(http_request(s, method, p, NULL, body, 0, &r));
    if (r.status != want)
        fail_msg("%s %s: status %d, wanted %d: %s", method, p, r.status, want, r.body);
    json_t *j = r.json ? json_incref(r.json) : NULL;
    resp_release(&r);
    assert_int_equal(audit_count(), before + (want < 400 ? 1 : 0));
    if (field)
        assert_string_equal(err_field(j), field);
    return j;
}

static const char SCORES_85[] = "1.1=8; 1.2=8; 1.3=7; 1.4=7; 2.1=25; 2.2=20; 2.3=10";
static const char SCORES_95[] = "1.1=8; 1.2=8; 1.3=7; 1.4=7; 2.1=35; 2.2=20; 2.3=10";

static void test_member_review(void **state)
{
    struct session s, v;
    assert_int_equal(login(&s, srv.port, "staff1", PW_STAFF), 200);
    assert_int_equal(login(&v, srv.port, "viewer1", PW_VIEWER), 200);
    json_t *j;

    /* the rubric */
    assert_int_equal(get(&v, "/api/reviews/rubric?subject=member&year=2025", &j), 200);
    assert_string_equal(json_string_value(json_object_get(j, "name")), "qd366-dang-vien");
    assert_int_equal(json_array_size(json_object_get(j, "groups")), 2);
    json_decref(j);
    assert_int_equal(get(&v, "/api/reviews/rubric?subject=member&year=1990", &j), 400);
    json_decref(j);

    /* no review yet */
    assert_int_equal(get(&v, path("/api/reviews/members/%lld?year=2025", (long long)m1), &j), 404);
    json_decref(j);
    char steps[128];
    snprintf(steps, sizeof(steps), "/api/reviews/members/%lld/steps", (long long)m1);
    /* the viewer may not write; out of order, bad scores: refused, nothing audited */
    assert_int_equal(post(&v, steps, "{\"year\":2025,\"step\":\"self_assess\"}", &j), 403);
    json_decref(j);
    json_decref(call(&s, "POST", steps,
                     "{\"year\":2025,\"step\":\"decide\",\"level\":\"httnv\",\"decision_no\":\"1\","
                     "\"decision_date\":\"2026-01-10\"}",
                     422, "step"));
    json_decref(call(&s, "POST", steps,
                     "{\"year\":2025,\"step\":\"self_assess\",\"scores\":\"1.1=9; 1.2=8; 1.3=7; "
                     "1.4=7; 2.1=25; 2.2=20; 2.3=10\"}",
                     400, "1.1"));
    json_decref(call(&s, "POST", steps, "{\"year\":2025,\"step\":\"self_assess\",\"scores\":1}",
                     400, "scores"));

    /* self, verify, decide, amend */
    j = call(&s, "POST", steps,
             path("{\"year\":2025,\"step\":\"self_assess\",\"scores\":\"%s\",\"text\":\"tự nhận "
                  "hoàn thành tốt\"}",
                  SCORES_95),
             201, NULL);
    assert_string_equal(json_string_value(json_object_get(j, "state")), "self_assessed");
    assert_true(json_real_value(json_object_get(json_object_get(j, "self"), "total")) == 95.0);
    json_decref(j);
    j = call(&s, "POST", steps,
             path("{\"year\":2025,\"step\":\"verify\",\"scores\":\"%s\",\"text\":\"thẩm "
                  "định\"}",
                  SCORES_85),
             201, NULL);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "proposal"), "level")),
                        "httnv");
    assert_true(json_array_size(json_object_get(json_object_get(j, "proposal"), "reasons")) >= 1);
    json_decref(j);
    /* the target rules are reached from the API: QĐ 366 HTTNV needs every target on time */
    j = call(&s, "POST", steps,
             path("{\"year\":2025,\"step\":\"verify\",\"scores\":\"%s\",\"targets_total\":10,"
                  "\"targets_done\":10,\"targets_on_time\":8}",
                  SCORES_85),
             201, NULL);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "proposal"), "level")),
                        "htnv");
    json_decref(j);
    json_decref(call(&s, "POST", steps,
                     path("{\"year\":2025,\"step\":\"verify\",\"scores\":\"%s\","
                          "\"targets_done\":3}",
                          SCORES_85),
                     400, "targets"));
    json_decref(call(&s, "POST", steps,
                     path("{\"year\":2025,\"step\":\"verify\",\"scores\":\"%s\","
                          "\"targets_total\":10,\"targets_done\":11}",
                          SCORES_85),
                     400, "targets"));
    json_decref(call(&s, "POST", steps,
                     path("{\"year\":2025,\"step\":\"verify\",\"scores\":\"%s\"}", SCORES_85), 201,
                     NULL));
    /* one member of a base organization with no HTTNV yet: HTXSNV is over the cap */
    assert_int_equal(
        get(&v, path("/api/reviews/members/%lld?year=2025&level=htxsnv", (long long)m1), &j), 200);
    assert_true(json_is_true(json_object_get(json_object_get(j, "cap"), "exceeded")));
    json_decref(j);
    json_decref(call(&s, "POST", steps,
                     "{\"year\":2025,\"step\":\"decide\",\"level\":\"htxsnv\",\"decision_no\":"
                     "\"1-QĐ\",\"decision_date\":\"2026-01-10\"}",
                     422, "level"));
    j = call(&s, "POST", steps,
             "{\"year\":2025,\"step\":\"decide\",\"level\":\"httnv\",\"decision_no\":\"1-QĐ\","
             "\"decision_date\":\"2026-01-10\"}",
             201, NULL);
    assert_string_equal(json_string_value(json_object_get(j, "state")), "decided");
    assert_true(json_is_true(json_object_get(j, "locked")));
    json_decref(j);
    json_decref(call(&s, "POST", steps,
                     path("{\"year\":2025,\"step\":\"verify\",\"scores\":\"%s\"}", SCORES_85), 422,
                     "step"));
    j = call(&s, "POST", steps,
             "{\"year\":2025,\"step\":\"amend\",\"level\":\"htnv\",\"text\":\"kết luận kiểm "
             "tra\"}",
             201, NULL);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "final"), "level")),
                        "htnv");
    assert_int_equal(json_array_size(json_object_get(j, "steps")), 6); /* 3 verifications */
    /* who recorded a step: the account and its full name ("Người thực hiện"), not only a login */
    json_t *last = json_array_get(json_object_get(j, "steps"), 5);
    assert_string_equal(json_string_value(json_object_get(last, "by")), "staff1");
    assert_string_equal(json_string_value(json_object_get(last, "by_name")), "Phạm Thị Hoa");
    json_decref(j);

    /* outside the scope: as if it did not exist */
    assert_int_equal(get(&s, path("/api/reviews/members/%lld?year=2025", (long long)m_out), &j),
                     404);
    json_decref(j);
    json_decref(call(&s, "POST", path("/api/reviews/members/%lld/steps", (long long)m_out),
                     path("{\"year\":2025,\"step\":\"self_assess\",\"scores\":\"%s\"}", SCORES_85),
                     404, NULL));
    json_decref(call(&s, "POST", path("/api/reviews/orgs/%lld/steps", (long long)id_q2c),
                     "{\"year\":2025,\"step\":\"self_assess\"}", 404, NULL));
    assert_int_equal(get(&s, path("/api/reviews/report?year=2025&org=%lld", (long long)id_q2c), &j),
                     404);
    json_decref(j);
}

static void test_org_review_and_reports(void **state)
{
    struct session s;
    assert_int_equal(login(&s, srv.port, "staff1", PW_STAFF), 200);
    json_t *j;
    const char *org_scores = "1.1=8; 1.2=6; 1.3=6; 1.4=5; 1.5=5; 2.1=0; 2.2=0; 2.3=0; 2.4=5; 2.5=5";
    char steps[128];
    snprintf(steps, sizeof(steps), "/api/reviews/orgs/%lld/steps", (long long)id_q1c2);
    json_decref(call(&s, "POST", steps,
                     path("{\"year\":2025,\"step\":\"self_assess\",\"scores\":\"%s\"}", org_scores),
                     201, NULL));
    json_decref(call(
        &s, "POST", steps,
        path("{\"year\":2025,\"step\":\"verify\",\"scores\":\"%s\",\"disunity\":true}", org_scores),
        201, NULL));
    j = call(&s, "POST", steps,
             "{\"year\":2025,\"step\":\"decide\",\"level\":\"khtnv\",\"decision_no\":\"9-QĐ\","
             "\"decision_date\":\"2026-01-12\"}",
             201, NULL);
    assert_string_equal(json_string_value(json_object_get(j, "subject")), "chi_bo");
    json_decref(j);

    /* the decision listed it as weak; a plan, then consolidated */
    assert_int_equal(get(&s, "/api/reviews/weak?year_from=2025", &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
    json_t *w = json_array_get(json_object_get(j, "items"), 0);
    int64_t wid = json_integer_value(json_object_get(w, "id"));
    assert_string_equal(json_string_value(json_object_get(w, "source")), "decided");
    json_decref(j);
    json_decref(call(&s, "PUT", path("/api/reviews/weak/%lld", (long long)wid),
                     "{\"plan\":\"Kiện toàn chi ủy\",\"responsible\":\"Đ/c Bí thư\","
                     "\"deadline\":\"2026-06-30\",\"status\":\"in_progress\"}",
                     200, NULL));
    json_decref(call(&s, "PUT", path("/api/reviews/weak/%lld", (long long)wid),
                     "{\"status\":\"done\"}", 400, "status"));
    json_decref(
        call(&s, "POST", "/api/reviews/weak",
             path("{\"org_id\":%lld,\"year\":2025,\"plan\":\"Củng cố\"}", (long long)id_q1c), 201,
             NULL));
    json_decref(call(&s, "POST", "/api/reviews/weak",
                     path("{\"org_id\":%lld,\"year\":2025}", (long long)id_q1c), 409, NULL));
    json_decref(call(&s, "POST", "/api/reviews/weak",
                     path("{\"org_id\":%lld,\"year\":2025}", (long long)id_q2c), 404, "org_id"));
    json_decref(call(&s, "PUT", path("/api/reviews/weak/%lld", (long long)wid),
                     "{\"status\":\"consolidated\",\"consolidated_on\":\"2026-03-01\"}", 200,
                     NULL));
    assert_int_equal(
        get(&s, path("/api/reviews/weak?year_from=2025&org=%lld", (long long)id_q1p), &j), 200);
    assert_string_equal(json_string_value(json_object_get(j, "sentence")), "đã củng cố 1/2 (50%)");
    json_decref(j);

    /* reports over Q1P: members decided in the first test (one HTNV after the amendment) */
    assert_int_equal(
        get(&s, path("/api/reviews/report?year=2025&items=true&org=%lld", (long long)id_q1p), &j),
        200);
    json_t *members = json_array_get(json_object_get(j, "groups"), 3);
    assert_int_equal(json_integer_value(json_object_get(members, "total")), 1);
    json_t *branch = json_array_get(json_object_get(j, "groups"), 2);
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(branch, "levels"), 3), "count")),
                     1);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
    /* the reviews only: naming the never reviewed is asked for by itself (a city's ~450,000) */
    assert_null(json_object_get(j, "unreviewed_items"));
    int unreviewed = 0;
    for (size_t g = 0; g < json_array_size(json_object_get(j, "groups")); g++)
        unreviewed += (int)json_integer_value(
            json_object_get(json_array_get(json_object_get(j, "groups"), g), "unreviewed"));
    assert_true(unreviewed > 0);
    json_decref(j);
    assert_int_equal(
        get(&s, path("/api/reviews/report?year=2025&unreviewed=true&org=%lld", (long long)id_q1p),
            &j),
        200);
    json_t *named = json_object_get(j, "unreviewed_items");
    assert_int_equal(json_array_size(named), unreviewed);
    for (size_t i = 0; i < json_array_size(named); i++) /* every one named */
        assert_true(*json_string_value(json_object_get(json_array_get(named, i), "name")));
    assert_null(json_object_get(j, "items"));
    json_decref(j);
    assert_int_equal(
        get(&s, path("/api/reviews/leniency?year=2025&org=%lld&threshold=9,5", (long long)id_q1p),
            &j),
        200);
    assert_int_equal(json_array_size(json_object_get(j, "subjects")), 1); /* 95 against 85 */
    json_decref(j);
    assert_int_equal(get(&s, "/api/reviews/leniency?year=2025&threshold=x", &j), 400);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_member_review),
        cmocka_unit_test(test_org_review_and_reports),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
