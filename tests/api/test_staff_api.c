/*
 * test_staff_api.c - the staffing roll over the real server: roles (a viewer reads the bodies,
 * not the people; writes nothing), the other district's staff refused (404), exactly one audit
 * record per accepted write and none for a refusal; bad input answered with the field named and
 * nothing written (a leave for someone not on the roll, a leave before the start, an unknown
 * category, a join while on the roll, a grade of another category, talent on an exam); the roll
 * on a day and a person's stints, and form 8A filled from what was entered (counted here).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"

static const char PW[] = "Matkhau-bienche-2024";
static char dir[256], db[300];
static struct server srv;
static int64_t id_q1, id_q2;
static struct session s1, s2, v1;

static int64_t mutated(const struct session *s, const char *path, const char *body, int status)
{
    int64_t before = seed_audit_count(db);
    json_t *j = NULL;
    int st = post(s, path, body, &j);
    if (st != status) {
        char *t = j ? json_dumps(j, 0) : NULL;
        fprintf(stderr, "POST %s %s: %d %s\n", path, body, st, t ? t : "");
        free(t);
    }
    assert_int_equal(st, status);
    assert_int_equal(seed_audit_count(db), before + 1);
    int64_t id = json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    return id;
}

static void refused(const struct session *s, const char *path, const char *body, int status,
                    const char *field)
{
    int64_t before = seed_audit_count(db);
    json_t *j = NULL;
    int st = post(s, path, body, &j);
    if (st != status) {
        char *t = j ? json_dumps(j, 0) : NULL;
        fprintf(stderr, "POST %s %s: %d %s\n", path, body, st, t ? t : "");
        free(t);
    }
    assert_int_equal(st, status);
    if (field)
        assert_string_equal(
            json_string_value(json_object_get(json_object_get(j, "error"), "field")), field);
    json_decref(j);
    assert_int_equal(seed_audit_count(db), before);
}

static int setup(void **state)
{
    (void)state;
    if (!seed_new_db("tcxd-staff-api", dir, db))
        return -1;
    seed_org(db, "HN", NULL, "above_base", "dang_bo", NULL, NULL);
    id_q1 = seed_org(db, "Q1", NULL, "above_base", "dang_bo", "HN", NULL);
    id_q2 = seed_org(db, "Q2", NULL, "above_base", "dang_bo", "HN", NULL);
    const char *users[][3] = {
        {"staff1", "staff", "Q1"}, {"staff2", "staff", "Q2"}, {"viewer1", "viewer", "Q1"}};
    for (size_t i = 0; i < 3; i++)
        if (tcxd_run(db, PW, NULL, 0, "user", "add", users[i][0], "--role", users[i][1], "--scope",
                     users[i][2], "--full-name", users[i][0], NULL))
            return -1;
    if (!server_start(&srv, db, "--threads", "2", NULL))
        return -1;
    if (login(&s1, srv.port, "staff1", PW) != 200 || login(&s2, srv.port, "staff2", PW) != 200 ||
        login(&v1, srv.port, "viewer1", PW) != 200)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    server_stop(&srv);
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* the value of row key in column col of a filled form */
static int64_t cell(json_t *form, const char *key, size_t col)
{
    json_t *rows = json_object_get(form, "rows"), *r;
    size_t i;
    json_array_foreach(
        rows, i,
        r) if (!strcmp(json_string_value(json_object_get(r, "key")),
                       key)) return json_integer_value(json_array_get(json_object_get(r, "values"),
                                                                      col));
    fail_msg("no row %s", key);
    return -1;
}

static void test_roll(void **state)
{
    (void)state;
    char b[1024], p[256];
    json_t *j = NULL;
    /* ---- a body: the district's own, the other district's staff and a viewer refused ---- */
    snprintf(b, sizeof(b), "{\"org_id\":%lld,\"kind\":\"dang\",\"level\":\"huyen\"}",
             (long long)id_q1);
    refused(&s2, "/api/staff/bodies", b, 404, NULL);
    refused(&v1, "/api/staff/bodies", b, 403, NULL);
    int64_t body = mutated(&s1, "/api/staff/bodies", b, 201);
    refused(&s1, "/api/staff/bodies", b, 409, "name"); /* the same body twice */
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"name\":\"Hội Phụ nữ\",\"kind\":\"hoi\",\"level\":\"huyen\"}",
             (long long)id_q1);
    refused(&s1, "/api/staff/bodies", b, 400, "kind");
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"name\":\"Hội Phụ nữ\",\"kind\":\"doan_the\",\"level\":\"huyen\"}",
             (long long)id_q1);
    int64_t body2 = mutated(&s1, "/api/staff/bodies", b, 201);
    snprintf(b, sizeof(b), "{\"org_id\":%lld,\"kind\":\"dang\",\"level\":\"huyen\"}",
             (long long)id_q2);
    int64_t body_q2 = 0;
    {
        json_t *jj = NULL;
        assert_int_equal(post(&s2, "/api/staff/bodies", b, &jj), 201);
        body_q2 = json_integer_value(json_object_get(jj, "id"));
        json_decref(jj);
    }
    assert_int_equal(get(&v1, "/api/staff/bodies", &j), 200); /* the registry: every role */
    assert_int_equal(json_array_size(json_object_get(j, "bodies")), 2);
    json_decref(j);

    /* ---- people: three of the district ---- */
    int64_t person[3];
    const char *names[3] = {"Nguyễn Thị Biên", "Trần Văn Chế", "Lê Thị Hợp"};
    for (int i = 0; i < 3; i++) {
        snprintf(b, sizeof(b),
                 "{\"org_id\":%lld,\"full_name\":\"%s\",\"gender\":\"%s\","
                 "\"birth_date\":\"198%d-01-01\"}",
                 (long long)id_q1, names[i], i == 1 ? "nam" : "nu", i);
        refused(&v1, "/api/staff", b, 403, NULL);
        person[i] = mutated(&s1, "/api/staff", b, 201);
    }
    snprintf(b, sizeof(b), "{\"org_id\":%lld,\"full_name\":\"X\"}", (long long)id_q1);
    refused(&s1, "/api/staff", b, 400, "gender");

    /* ---- events: 2023 a công chức by exam and a contract; 2024 an intake, a leave ---- */
    struct {
        int who;
        const char *body;
    } ok[] = {
        {0, "{\"event\":\"join\",\"date\":\"2023-03-01\",\"body_id\":%lld,\"kind\":\"cc_exam\","
            "\"grade\":\"cv\"}"},
        {1, "{\"event\":\"join\",\"date\":\"2023-05-01\",\"body_id\":%lld,\"kind\":\"contract\","
            "\"category\":\"hd68\"}"},
        {2, "{\"event\":\"join\",\"date\":\"2024-02-01\",\"body_id\":%lld,\"kind\":\"vc_intake\","
            "\"talent\":true,\"experience\":4}"},
        {1, "{\"event\":\"leave\",\"date\":\"2024-06-30\",\"kind\":\"off_budget\"}"},
        {0, "{\"event\":\"grade\",\"date\":\"2024-07-01\",\"grade\":\"cvc\"}"},
    };
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        snprintf(b, sizeof(b), ok[i].body, (long long)body);
        snprintf(p, sizeof(p), "/api/staff/%lld/events", (long long)person[ok[i].who]);
        refused(&s2, p, b, 404, NULL);
        mutated(&s1, p, b, 201);
    }
    /* ---- refusals: each names its field, nothing written ---- */
    snprintf(p, sizeof(p), "/api/staff/%lld/events", (long long)person[1]);
    /* a decrease for someone no longer on the roll */
    refused(&s1, p, "{\"event\":\"leave\",\"date\":\"2024-09-01\",\"kind\":\"retire\"}", 409,
            "person");
    snprintf(p, sizeof(p), "/api/staff/%lld/events", (long long)person[2]);
    /* an end before the start */
    refused(&s1, p, "{\"event\":\"leave\",\"date\":\"2023-01-01\",\"kind\":\"retire\"}", 400,
            "date");
    /* an unknown category; a join while on the roll */
    snprintf(b, sizeof(b),
             "{\"event\":\"join\",\"date\":\"2025-01-01\",\"body_id\":%lld,\"kind\":\"other\","
             "\"category\":\"bien_che\"}",
             (long long)body2);
    refused(&s1, p, b, 400, "category");
    snprintf(b, sizeof(b),
             "{\"event\":\"join\",\"date\":\"2025-01-01\",\"body_id\":%lld,\"kind\":\"other\","
             "\"category\":\"cbcc\"}",
             (long long)body2);
    refused(&s1, p, b, 409, "date");
    /* a grade of the other category; talent on an exam; an unknown event; a body elsewhere */
    refused(&s1, p, "{\"event\":\"grade\",\"date\":\"2025-01-01\",\"grade\":\"cvc\"}", 400,
            "grade");
    snprintf(b, sizeof(b),
             "{\"event\":\"join\",\"date\":\"2025-01-01\",\"body_id\":%lld,\"kind\":\"cc_exam\","
             "\"talent\":true}",
             (long long)body2);
    snprintf(p, sizeof(p), "/api/staff/%lld/events", (long long)person[1]);
    refused(&s1, p, b, 400, "talent");
    refused(&s1, p, "{\"event\":\"hire\",\"date\":\"2025-01-01\"}", 400, "event");
    snprintf(b, sizeof(b),
             "{\"event\":\"join\",\"date\":\"2025-01-01\",\"body_id\":%lld,\"kind\":\"cc_exam\"}",
             (long long)body_q2);
    refused(&s1, p, b, 404, "body");

    /* ---- reads: the roll on a day, a person's stints; the viewer and the other district ---- */
    assert_int_equal(get(&v1, "/api/staff", NULL), 403);
    assert_int_equal(get(&s1, "/api/staff?as_of=2024-12-31", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "people")), 2); /* 0 and 2 */
    json_decref(j);
    assert_int_equal(get(&s1, "/api/staff?as_of=2024-01-31", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "people")), 2); /* 0 and 1 */
    json_decref(j);
    assert_int_equal(get(&s2, "/api/staff?as_of=2024-01-31", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "people")), 0);
    json_decref(j);
    snprintf(p, sizeof(p), "/api/staff/%lld", (long long)person[0]);
    assert_int_equal(get(&s2, p, NULL), 404);
    assert_int_equal(get(&v1, p, NULL), 403);
    assert_int_equal(get(&s1, p, &j), 200);
    json_t *st = json_object_get(j, "stints");
    assert_int_equal(json_array_size(st), 2); /* cv from 01/03/2023, cvc from 01/07/2024 */
    assert_string_equal(json_string_value(json_object_get(json_array_get(st, 1), "grade")), "cvc");
    assert_true(json_is_null(json_object_get(json_array_get(st, 1), "to")));
    json_decref(j);

    /* ---- form 8A for 2024 against 2023 ---- */
    snprintf(p, sizeof(p), "/api/forms/fill?form=8a&org=%lld&period=2024", (long long)id_q1);
    assert_int_equal(get(&v1, p, &j), 200);
    /* carried over: person 0 (công chức), 1 (hợp đồng 68); in: 2 (viên chức intake, talent, 4
       years); out: 1 (off the budget); at the end: 0 and 2. 2023: in 0 (exam) and 1. */
    assert_int_equal(cell(j, "A", 0), 2);
    assert_int_equal(cell(j, "A.hd68", 0), 1);
    assert_int_equal(cell(j, "B", 0), 1);
    assert_int_equal(cell(j, "B.2.b", 0), 1);
    assert_int_equal(cell(j, "B.2.b.talent", 0), 1);
    assert_int_equal(cell(j, "B.2.b.exp3", 0), 1);
    assert_int_equal(cell(j, "C.5", 0), 1);
    assert_int_equal(cell(j, "D", 0), 2);
    assert_int_equal(cell(j, "D.vc", 0), 1);
    assert_int_equal(cell(j, "B", 1), 2);
    assert_int_equal(cell(j, "B.1.a", 1), 1);
    assert_int_equal(cell(j, "A", 1), 0);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roll),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
