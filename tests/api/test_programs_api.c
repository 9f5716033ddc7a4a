/*
 * test_programs_api.c - programs, indicators, meetings and attendance over the real server:
 * scope (a district's staff cannot see or change the other district's program, indicator or
 * meetings: 404), roles (a viewer cannot write: 403), one audit record per accepted write and none
 * for a refusal, the progress and indicator figures the API reports, and bad input answered 400
 * naming the field.
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

static const char PW[] = "Matkhau-test-2024";
static char dir[256], db[300];
static struct server srv;
static int64_t id_hn, id_q1, id_q2, id_q1c, id_q2c, member_q1, member_q2;

static int64_t audit_count(void)
{
    return seed_audit_count(db);
}

static int64_t org(const char *code, const char *tier, const char *form, const char *parent,
                   const char *type)
{
    int64_t id = seed_org(db, code, NULL, tier, form, parent, type);
    assert_true(id > 0);
    return id;
}

static int64_t member(const char *org_code, const char *name)
{
    char out[16384];
    assert_int_equal(tcxd_run(db, NULL, out, sizeof(out), "--json", "member", "admit", "--org",
                              org_code, "--name", name, "--gender", "nam", "--birth", "1970-05-01",
                              "--decision-date", "2010-01-01", NULL),
                     0);
    return seed_id(out);
}

/* An accepted write: the expected status and exactly one new audit record. */
static void mutated(const struct session *s, const char *path, const char *body, int status,
                    json_t **j)
{
    int64_t before = audit_count();
    assert_int_equal(post(s, path, body, j), status);
    assert_int_equal(audit_count(), before + 1);
}

static int setup(void **state)
{
    (void)state;
    if (!seed_new_db("tcxd-prog-api", dir, db))
        return -1;
    id_hn = org("HN", "above_base", "dang_bo", NULL, NULL);
    id_q1 = org("Q1", "above_base", "dang_bo", "HN", NULL);
    id_q2 = org("Q2", "above_base", "dang_bo", "HN", NULL);
    org("Q1P", "base", "dang_bo", "Q1", "phuong");
    org("Q2P", "base", "dang_bo", "Q2", "phuong");
    id_q1c = org("Q1C", "below_base", "chi_bo", "Q1P", NULL);
    id_q2c = org("Q2C", "below_base", "chi_bo", "Q2P", NULL);
    member_q1 = member("Q1C", "Nguyễn Văn An");
    member_q2 = member("Q2C", "Trần Văn Bình");
    const char *users[][3] = {{"admin", "admin", "HN"},
                              {"staff1", "staff", "Q1"},
                              {"staff2", "staff", "Q2"},
                              {"viewer1", "viewer", "Q1"}};
    for (size_t i = 0; i < 4; i++)
        if (tcxd_run(db, PW, NULL, 0, "user", "add", users[i][0], "--role", users[i][1], "--scope",
                     users[i][2], "--full-name", users[i][0], NULL))
            return -1;
    return server_start(&srv, db, "--threads", "2", NULL) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    server_stop(&srv);
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_programs_scoped_and_audited(void **state)
{
    (void)state;
    struct session s1, s2, v1;
    assert_int_equal(login(&s1, srv.port, "staff1", PW), 200);
    assert_int_equal(login(&s2, srv.port, "staff2", PW), 200);
    assert_int_equal(login(&v1, srv.port, "viewer1", PW), 200);
    char body[1024], path[256];
    json_t *j = NULL;

    /* staff2 cannot make a program for Q1 */
    snprintf(body, sizeof(body),
             "{\"code\":\"05-CTr/QU\",\"title\":\"Chương trình 05\",\"org_id\":%lld,"
             "\"from\":\"2021-01-01\",\"to\":\"2025-12-31\"}",
             (long long)id_q1);
    int64_t before = audit_count();
    assert_int_equal(post(&s2, "/api/programs", body, NULL), 404);
    assert_int_equal(post(&v1, "/api/programs", body, NULL), 403);
    assert_int_equal(audit_count(), before);
    assert_int_equal(post(&s1, "/api/programs", body, &j), 201);
    int64_t pid = json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    assert_int_equal(audit_count(), before + 1);

    /* items: a deadline before the start is a 400 naming the field */
    snprintf(path, sizeof(path), "/api/programs/%lld/items", (long long)pid);
    assert_int_equal(post(&s1, path,
                          "{\"no\":\"1\",\"title\":\"Đề án 1\",\"kind\":\"de_an\","
                          "\"lead_agency\":\"Ban Tổ chức\",\"start\":\"2021-05-01\","
                          "\"deadline\":\"2021-04-01\"}",
                          &j),
                     400);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")),
                        "deadline");
    json_decref(j);
    int64_t items[3];
    for (int i = 0; i < 3; i++) {
        snprintf(body, sizeof(body),
                 "{\"no\":\"%d\",\"title\":\"Đề án %d\",\"kind\":\"de_an\","
                 "\"lead_agency\":\"Cơ quan %d\",\"start\":\"2021-02-01\","
                 "\"deadline\":\"2022-12-31\"}",
                 i + 1, i + 1, i % 2);
        mutated(&s1, path, body, 201, &j);
        items[i] = json_integer_value(json_object_get(j, "id"));
        json_decref(j);
    }
    assert_int_equal(post(&s2, path, body, NULL), 404); /* not staff2's */
    const char *statuses[] = {"done", "draft_submitted", "in_progress"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "/api/programs/%lld/items/%lld/status", (long long)pid,
                 (long long)items[i]);
        snprintf(body, sizeof(body), "{\"status\":\"%s\",\"date\":\"2022-03-01\"}", statuses[i]);
        mutated(&s1, path, body, 200, NULL);
    }
    /* the item of another program is not reachable through this one */
    snprintf(path, sizeof(path), "/api/programs/%lld/items/%lld/status", (long long)pid + 1,
             (long long)items[0]);
    assert_int_equal(post(&s1, path, "{\"status\":\"done\"}", NULL), 404);

    snprintf(path, sizeof(path), "/api/programs/%lld?as_of=2022-06-30", (long long)pid);
    assert_int_equal(get(&v1, path, &j), 200);
    json_t *pr = json_object_get(j, "progress");
    assert_int_equal(json_integer_value(json_object_get(pr, "items")), 3);
    assert_int_equal(json_integer_value(json_object_get(pr, "agencies")), 2);
    assert_string_equal(json_string_value(json_object_get(pr, "summary")),
                        "03 nội dung, 02 cơ quan: 01 hoàn thành; 01 đã có dự thảo trình; "
                        "01 đang triển khai");
    json_decref(j);
    assert_int_equal(get(&s2, path, NULL), 404);
    assert_int_equal(get(&s2, "/api/programs", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
    json_decref(j);
}

static void test_indicators_and_meetings(void **state)
{
    (void)state;
    struct session s1, s2;
    assert_int_equal(login(&s1, srv.port, "staff1", PW), 200);
    assert_int_equal(login(&s2, srv.port, "staff2", PW), 200);
    char body[1024], path[256];
    json_t *j = NULL;
    snprintf(body, sizeof(body),
             "{\"code\":\"KN-Q1\",\"name\":\"Kết nạp đảng viên\",\"org_id\":%lld,"
             "\"source\":\"admissions\"}",
             (long long)id_q1);
    mutated(&s1, "/api/indicators", body, 201, &j);
    int64_t ind = json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    snprintf(path, sizeof(path), "/api/indicators/%lld/figures", (long long)ind);
    mutated(&s1, path,
            "{\"what\":\"target\",\"from\":\"2010-01-01\",\"to\":\"2010-12-31\",\"value\":2}", 200,
            NULL);
    /* a computed indicator takes no entered value */
    assert_int_equal(post(&s1, path,
                          "{\"what\":\"actual\",\"from\":\"2010-01-01\",\"to\":\"2010-12-31\","
                          "\"value\":2}",
                          NULL),
                     422);
    assert_int_equal(post(&s2, path,
                          "{\"what\":\"target\",\"from\":\"2010-01-01\",\"to\":\"2010-12-31\","
                          "\"value\":2}",
                          NULL),
                     404);
    /* one admission in Q1 in 2010 (member_q1); member_q2 is in Q2 */
    snprintf(path, sizeof(path), "/api/indicators/%lld/report?from=2010-01-01&to=2010-12-31",
             (long long)ind);
    assert_int_equal(get(&s1, path, &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "actual")), 1);
    assert_int_equal(json_integer_value(json_object_get(j, "target")), 2);
    assert_string_equal(json_string_value(json_object_get(j, "sentence")),
                        "1/2, đạt 50,0% kế hoạch; cùng kỳ năm 2009 không có");
    json_decref(j);

    /* meetings: a member of Q2 present at Q1C's meeting is refused; staff2 cannot record for Q1C */
    int64_t before = audit_count();
    snprintf(body, sizeof(body),
             "{\"org_id\":%lld,\"date\":\"2022-03-31\",\"members\":\"%lld, %lld\"}",
             (long long)id_q1c, (long long)member_q1, (long long)member_q2);
    assert_int_equal(post(&s1, "/api/meetings", body, &j), 422);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")),
                        "members");
    json_decref(j);
    snprintf(body, sizeof(body), "{\"org_id\":%lld,\"date\":\"2022-03-31\",\"members\":\"x\"}",
             (long long)id_q1c);
    assert_int_equal(post(&s1, "/api/meetings", body, NULL), 400);
    snprintf(body, sizeof(body),
             "{\"org_id\":%lld,\"date\":\"2022-03-31\",\"members\":\"%lld\",\"guests\":\"%lld\"}",
             (long long)id_q1c, (long long)member_q1, (long long)member_q2);
    assert_int_equal(post(&s2, "/api/meetings", body, NULL), 404);
    assert_int_equal(audit_count(), before);
    assert_int_equal(post(&s1, "/api/meetings", body, NULL), 201);
    assert_int_equal(audit_count(), before + 1);
    snprintf(path, sizeof(path), "/api/meetings?org=%lld", (long long)id_q1c);
    assert_int_equal(get(&s1, path, &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
    json_decref(j);
    assert_int_equal(get(&s2, path, NULL), 404);

    /* attendance: member_q2 assigned to Q1C from 2022; visited in Q1, not in Q2 */
    snprintf(body, sizeof(body), "{\"member_id\":%lld,\"org_id\":%lld,\"from\":\"2022-01-01\"}",
             (long long)member_q2, (long long)id_q1c);
    mutated(&s1, "/api/attendance/assignments", body, 201, NULL);
    assert_int_equal(get(&s1, "/api/attendance?year=2022&quarter=1", &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "met")), 1);
    json_decref(j);
    assert_int_equal(get(&s1, "/api/attendance?year=2022&quarter=2", &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "missed")), 1);
    json_decref(j);
    assert_int_equal(get(&s2, "/api/attendance?year=2022&quarter=2", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "rows")), 0); /* Q1's, not Q2's */
    json_decref(j);
    assert_int_equal(get(&s1, "/api/attendance?year=2022&quarter=5", NULL), 400);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_programs_scoped_and_audited),
        cmocka_unit_test(test_indicators_and_meetings),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    server_kill_all();
    return rc;
}
