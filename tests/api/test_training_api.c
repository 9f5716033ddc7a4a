/*
 * test_training_api.c - training classes over the real server (issue 15, form 10): roles (a
 * viewer lists the classes, not a class's cadres, and writes nothing), the other district's
 * staff refused (404), exactly one audit record per accepted write and none for a refusal; bad
 * input answered with the field named and nothing written (a class ending before it starts, an
 * unknown programme, a mode the form does not split the programme by, an unknown opener, an
 * enrolment after the class's last day, a cadre enrolled twice, an unknown result); a class with
 * its cadres and counts, the result recorded, the trainings on the cadre's career page, the CLI's
 * JSON of a cadre and of a class the same as the API's (one definition, store_cadre_json.c), seed
 * 002's leave support around its cap over the API, and form 10's cells for the district counted
 * here from what the test enters.
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

static const char PW[] = "Matkhau-daotao-2024";
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
    if (!seed_new_db("tcxd-training-api", dir, db))
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

static int64_t cadre(const char *name, const char *level)
{
    char b[512];
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"managing_level\":\"%s\",\"full_name\":\"%s\",\"gender\":\"nu\"}",
             (long long)id_q1, level, name);
    return mutated(&s1, "/api/cadres", b, 201);
}

/* the values of form 10's row `key` (9 numbers) as "a,b,...,i" */
static void row_values(json_t *form, const char *key, char *out, size_t n)
{
    json_t *rows = json_object_get(form, "rows"), *r;
    size_t i;
    out[0] = 0;
    json_array_foreach(rows, i, r)
    {
        if (strcmp(json_string_value(json_object_get(r, "key")), key))
            continue;
        json_t *v = json_object_get(r, "values"), *x;
        size_t k, len = 0;
        json_array_foreach(v, k, x)
        {
            len += (size_t)snprintf(out + len, n - len, "%s%lld", k ? "," : "",
                                    (long long)json_integer_value(x));
        }
    }
}

static void test_classes(void **state)
{
    (void)state;
    char b[1024], p[256], vals[128];
    json_t *j = NULL;
    int64_t k_a = cadre("Lê Thị Học", "huyen"), k_b = cadre("Vũ Thị Tập", "co_so");

    /* ---- a class: the other district's staff, a viewer refused; bad input named ---- */
    const char *cls = "{\"org_id\":%lld,\"name\":\"Lớp Trung cấp LLCT K1\",\"programme\":\"%s\","
                      "\"mode\":\"%s\",\"opener\":\"%s\",\"from\":\"2024-03-01\",\"to\":\"%s\"}";
    snprintf(b, sizeof(b), cls, (long long)id_q1, "tc_llct", "part_time", "huyen", "2024-09-30");
    refused(&s2, "/api/cadre/classes", b, 404, "org_id");
    refused(&v1, "/api/cadre/classes", b, 403, NULL);
    snprintf(b, sizeof(b), cls, (long long)id_q1, "tc_llct", "part_time", "huyen", "2024-02-29");
    refused(&s1, "/api/cadre/classes", b, 400, "to"); /* ends the day before it starts */
    snprintf(b, sizeof(b), cls, (long long)id_q1, "tc_yoga", "part_time", "huyen", "2024-09-30");
    refused(&s1, "/api/cadre/classes", b, 400, "programme");
    snprintf(b, sizeof(b), cls, (long long)id_q1, "tc_llct", "domestic", "huyen", "2024-09-30");
    refused(&s1, "/api/cadre/classes", b, 400, "mode");
    snprintf(b, sizeof(b), cls, (long long)id_q1, "tc_llct", "part_time", "xa", "2024-09-30");
    refused(&s1, "/api/cadre/classes", b, 400, "opener");
    snprintf(b, sizeof(b), cls, (long long)id_q1, "tc_llct", "part_time", "huyen", "2024-09-30");
    int64_t k1 = mutated(&s1, "/api/cadre/classes", b, 201);
    /* a class opened elsewhere (khac): its cadres counted, the class not */
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"name\":\"Lớp tin học\",\"programme\":\"bd_tin_hoc\","
             "\"opener\":\"khac\",\"from\":\"2024-04-01\",\"to\":\"2024-04-05\"}",
             (long long)id_q1);
    int64_t k2 = mutated(&s1, "/api/cadre/classes", b, 201);

    /* ---- enrolments ---- */
    snprintf(p, sizeof(p), "/api/cadre/classes/%lld/enrolments", (long long)k1);
    snprintf(b, sizeof(b), "{\"cadre_id\":%lld}", (long long)k_a);
    refused(&s2, p, b, 404, "class");
    refused(&v1, p, b, 403, NULL);
    int64_t e_a = mutated(&s1, p, b, 201);
    refused(&s1, p, b, 409, "cadre_id"); /* twice */
    snprintf(b, sizeof(b), "{\"cadre_id\":%lld,\"date\":\"2024-10-01\"}", (long long)k_b);
    refused(&s1, p, b, 400, "date"); /* after the class's last day */
    snprintf(b, sizeof(b), "{\"cadre_id\":%lld,\"date\":\"2024-09-30\"}", (long long)k_b);
    int64_t e_b = mutated(&s1, p, b, 201);
    snprintf(p, sizeof(p), "/api/cadre/classes/%lld/enrolments", (long long)k2);
    snprintf(b, sizeof(b), "{\"cadre_id\":%lld}", (long long)k_b);
    mutated(&s1, p, b, 201);

    /* ---- results ---- */
    snprintf(p, sizeof(p), "/api/cadre/enrolments/%lld/result", (long long)e_a);
    refused(&s1, p, "{\"result\":\"passed\"}", 400, "result");
    refused(&s2, p, "{\"result\":\"completed\"}", 404, "enrolment");
    mutated(&s1, p, "{\"result\":\"completed\",\"grade\":\"Giỏi\"}", 201);
    snprintf(p, sizeof(p), "/api/cadre/enrolments/%lld/result", (long long)e_b);
    mutated(&s1, p, "{\"result\":\"not_completed\"}", 201);
    refused(&s1, "/api/cadre/enrolments/99999/result", "{\"result\":\"completed\"}", 404,
            "enrolment");

    /* ---- reads: the list for a viewer, a class's cadres for staff ---- */
    assert_int_equal(get(&v1, "/api/cadre/classes?year=2024", &j), 200);
    json_t *a = json_object_get(j, "classes");
    assert_int_equal(json_array_size(a), 2);
    /* the latest first: the class of April, then March's with 2 enrolled, 1 completed */
    assert_int_equal(json_integer_value(json_object_get(json_array_get(a, 0), "id")), k2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(a, 1), "enrolled")), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(a, 1), "completed")), 1);
    json_decref(j);
    assert_int_equal(get(&s2, "/api/cadre/classes", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "classes")), 0);
    json_decref(j);
    assert_int_equal(get(&v1, "/api/cadre/classes?year=2023", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "classes")), 0);
    json_decref(j);
    snprintf(p, sizeof(p), "/api/cadre/classes/%lld", (long long)k1);
    assert_int_equal(get(&v1, p, NULL), 403);
    assert_int_equal(get(&s2, p, NULL), 404);
    assert_int_equal(get(&s1, p, &j), 200);
    assert_string_equal(json_string_value(json_object_get(j, "opener")), "huyen");
    json_t *en = json_object_get(j, "enrolments");
    assert_int_equal(json_array_size(en), 2);
    /* by name: Lê Thị Học, Vũ Thị Tập */
    assert_string_equal(json_string_value(json_object_get(json_array_get(en, 0), "result")),
                        "completed");
    assert_string_equal(json_string_value(json_object_get(json_array_get(en, 0), "grade")), "Giỏi");
    assert_string_equal(json_string_value(json_object_get(json_array_get(en, 1), "enrolled_on")),
                        "2024-09-30");
    json_decref(j);

    /* ---- the career page ---- */
    snprintf(p, sizeof(p), "/api/cadres/%lld", (long long)k_b);
    assert_int_equal(get(&s1, p, &j), 200);
    json_t *tr = json_object_get(j, "training");
    assert_int_equal(json_array_size(tr), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(tr, 0), "result")),
                        "not_completed");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(tr, 1), "class_id")), k2);
    json_decref(j);

    /* ---- one JSON definition (store_cadre_json.c): the CLI prints what the API answers (the API
       adds the organization's name to a class) ---- */
    char out[65536], idb[32];
    snprintf(idb, sizeof(idb), "%lld", (long long)k_b);
    assert_int_equal(tcxd_run(db, NULL, out, sizeof(out), "--json", "cadre", "show", idb, NULL), 0);
    json_t *cli = json_loads(out, 0, NULL);
    assert_non_null(cli);
    snprintf(p, sizeof(p), "/api/cadres/%lld", (long long)k_b);
    assert_int_equal(get(&s1, p, &j), 200);
    assert_true(json_equal(cli, j));
    json_decref(cli);
    json_decref(j);
    snprintf(idb, sizeof(idb), "%lld", (long long)k1);
    assert_int_equal(
        tcxd_run(db, NULL, out, sizeof(out), "--json", "cadre", "class-show", idb, NULL), 0);
    cli = json_loads(out, 0, NULL);
    assert_non_null(cli);
    snprintf(p, sizeof(p), "/api/cadre/classes/%lld", (long long)k1);
    assert_int_equal(get(&s1, p, &j), 200);
    assert_non_null(json_object_get(j, "org"));
    json_object_del(j, "org");
    assert_true(json_equal(cli, j));
    json_decref(cli);
    json_decref(j);

    /* ---- seed 002's leave support (1.000.000 đồng a month of work, at most 300.000.000):
       from 01/01/2000, 299 whole months on 01/12/2024, 301 on 01/02/2025 (the cap); none
       without a start of work ---- */
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"managing_level\":\"huyen\",\"full_name\":\"Ngô Văn Nghỉ\","
             "\"gender\":\"nam\",\"work_start\":\"2000-01-01\"}",
             (long long)id_q1);
    int64_t k_l = mutated(&s1, "/api/cadres", b, 201);
    const int64_t months_dec = (2024 - 2000) * 12 + (12 - 1), months_feb = (2025 - 2000) * 12 + 1;
    snprintf(p, sizeof(p), "/api/cadres/%lld/leave-support?date=2024-12-01", (long long)k_l);
    assert_int_equal(get(&s1, p, &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "months")), months_dec);
    assert_int_equal(json_integer_value(json_object_get(j, "amount")), months_dec * 1000000);
    json_decref(j);
    snprintf(p, sizeof(p), "/api/cadres/%lld/leave-support?date=2025-02-01", (long long)k_l);
    assert_int_equal(get(&s1, p, &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "months")), months_feb);
    assert_int_equal(json_integer_value(json_object_get(j, "amount")), 300000000);
    json_decref(j);
    snprintf(p, sizeof(p), "/api/cadres/%lld/leave-support?date=2025-02-01", (long long)k_a);
    assert_int_equal(get(&s1, p, &j), 400);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")),
                        "work_start");
    json_decref(j);
    assert_int_equal(get(&s2, p, NULL), 404);

    /* ---- form 10 for Q1, 2024: a (cấp huyện) completed TC LLCT part-time; b (cấp xã) left it
       not completed (not counted) and studies tin học in a class opened elsewhere. Columns:
       total, tỉnh, tỉnh LĐQL, huyện, huyện LĐQL, xã, classes, tỉnh opened, huyện opened ---- */
    snprintf(p, sizeof(p), "/api/forms/fill?form=10&org=%lld&period=2024", (long long)id_q1);
    assert_int_equal(get(&s1, p, &j), 200);
    row_values(j, "I.2.tc.part", vals, sizeof(vals));
    assert_string_equal(vals, "1,0,0,1,0,0,1,0,1");
    row_values(j, "I.2.tc.full", vals, sizeof(vals));
    assert_string_equal(vals, "0,0,0,0,0,0,0,0,0");
    row_values(j, "II.6", vals, sizeof(vals));
    assert_string_equal(vals, "1,0,0,0,0,1,0,0,0");
    row_values(j, "I", vals, sizeof(vals));
    assert_string_equal(vals, "1,0,0,1,0,0,1,0,1");
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
