/*
 * test_forms_api.c - the statistics pack over HTTP on a real server on loopback: the list, a
 * form filled for an organization in the caller's scope (JSON with the cells, CSV, XLSX), the
 * period flows and their sentence; an organization outside the account's scope answers 404; a
 * bad period 400 naming the field.
 *
 * The city: HN with districts Q1 (chi bộ cơ sở Q1X) and Q2 (Q2X); in 2021 three members admitted
 * in Q1X and one in Q2X, one admitted in Q1X in 2020; so for 2021: HN B.1 = 4, D = 5; Q1 B.1 = 3,
 * D = 4; and Q1's same period of 2020 admitted 1.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"

static const char PW[] = "Quantri-test-2024";
static char dir[256], db[300];
static struct server srv;
static int64_t id_hn, id_q1, id_q2;

static int64_t add_org(const char *code, const char *name, const char *tier, const char *form,
                       const char *parent, const char *type)
{
    return seed_org(db, code, name, tier, form, parent, type);
}

static int admit(const char *org, const char *name, const char *date)
{
    return tcxd_run(db, NULL, NULL, 0, "member", "admit", "--org", org, "--name", name, "--gender",
                    "nữ", "--birth", "1990-05-01", "--decision-date", date, NULL);
}

static int setup(void **state)
{
    (void)state;
    if (!seed_new_db("tcxd-formsapi", dir, db))
        return -1;
    id_hn = add_org("HN", "Đảng bộ thành phố Thử", "above_base", "dang_bo", NULL, NULL);
    id_q1 = add_org("Q1", "Đảng bộ quận Một", "above_base", "dang_bo", "HN", NULL);
    id_q2 = add_org("Q2", "Đảng bộ quận Hai", "above_base", "dang_bo", "HN", NULL);
    if (!id_hn || !id_q1 || !id_q2 ||
        !add_org("Q1X", "Chi bộ xã Một", "base", "chi_bo", "Q1", "xa") ||
        !add_org("Q2X", "Chi bộ xã Hai", "base", "chi_bo", "Q2", "xa"))
        return -1;
    if (admit("Q1X", "Nguyễn Thị An", "2020-03-01") ||
        admit("Q1X", "Trần Thị Bình", "2021-03-01") || admit("Q1X", "Lê Thị Chi", "2021-04-01") ||
        admit("Q1X", "Phạm Thị Dung", "2021-05-01") || admit("Q2X", "Hoàng Thị Em", "2021-06-01"))
        return -1;
    if (tcxd_run(db, PW, NULL, 0, "user", "add", "admin", "--role", "admin", "--scope", "HN",
                 "--full-name", "Quản trị", NULL) ||
        tcxd_run(db, PW, NULL, 0, "user", "add", "q1", "--role", "viewer", "--scope", "Q1",
                 "--full-name", "Quận Một", NULL))
        return -1;
    if (!server_start(&srv, db, NULL))
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

static int64_t cell(json_t *form, const char *key, size_t col)
{
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(form, "rows"), i, row)
    {
        if (!strcmp(json_string_value(json_object_get(row, "key")), key))
            return json_integer_value(json_array_get(json_object_get(row, "values"), col));
    }
    fail_msg("no row %s", key);
    return -1;
}

static void test_forms(void **state)
{
    (void)state;
    struct session a, v;
    assert_int_equal(login(&a, srv.port, "admin", PW), 200);
    assert_int_equal(login(&v, srv.port, "q1", PW), 200);
    json_t *j = NULL;
    assert_int_equal(get(&a, "/api/forms", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "forms")),
                     25); /* 8 BTCTW, 6 TCTW 2012, the cadre forms 9A-9C, 10, 11, 12A-12C, 13, the staff forms 8A, 8B */
    json_decref(j);

    char path[256];
    snprintf(path, sizeof(path), "/api/forms/fill?form=1&org=%lld&period=2021", (long long)id_hn);
    assert_int_equal(get(&a, path, &j), 200);
    assert_int_equal(cell(j, "A", 0), 1);
    assert_int_equal(cell(j, "B.1", 0), 4);
    assert_int_equal(cell(j, "D", 0), 5);
    assert_int_equal(cell(j, "B.1", 1), 1);
    assert_string_equal(json_string_value(json_object_get(j, "number")), "1-BTCTW");
    json_decref(j);

    /* the district's account: its own subtree, not the city's */
    assert_int_equal(get(&v, path, &j), 404);
    json_decref(j);
    snprintf(path, sizeof(path), "/api/forms/fill?form=1&org=%lld&period=2021", (long long)id_q1);
    assert_int_equal(get(&v, path, &j), 200);
    assert_int_equal(cell(j, "B.1", 0), 3);
    assert_int_equal(cell(j, "D", 0), 4);
    json_decref(j);
    /* default: the account's scope */
    assert_int_equal(get(&v, "/api/forms/fill?form=2&period=2021", &j), 200);
    assert_int_equal(cell(j, "I", 0), 3);
    assert_int_equal(cell(j, "I", 1), 1);
    json_decref(j);

    /* files */
    struct resp r;
    snprintf(path, sizeof(path), "/api/forms/fill.xlsx?form=1&org=%lld&period=2021",
             (long long)id_q1);
    assert_true(http_request(&v, "GET", path, NULL, NULL, 0, &r));
    assert_int_equal(r.status, 200);
    assert_true(r.body_len > 4 && !memcmp(r.body, "PK", 2));
    resp_release(&r);
    snprintf(path, sizeof(path), "/api/forms/fill.pdf?form=3&org=%lld&period=2021",
             (long long)id_q1);
    assert_true(http_request(&v, "GET", path, NULL, NULL, 0, &r));
    assert_int_equal(r.status, 200);
    assert_true(r.body_len > 4 && !memcmp(r.body, "%PDF", 4));
    resp_release(&r);
    snprintf(path, sizeof(path), "/api/forms/fill.csv?form=1&org=%lld&period=2021",
             (long long)id_q1);
    assert_true(http_request(&v, "GET", path, NULL, NULL, 0, &r));
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "1-BTCTW,D,D - Đảng viên trong danh sách cuối kỳ báo cáo,4,"));
    resp_release(&r);

    /* flows: 3 admissions in 2021 against 1 in 2020 */
    assert_int_equal(get(&v, "/api/forms/flows?period=2021", &j), 200);
    const char *s = json_string_value(json_object_get(j, "sentence"));
    assert_non_null(s);
    if (!strstr(s, "kết nạp được 3 đảng viên (bằng 300,0% so với cùng kỳ năm 2020)"))
        fail_msg("sentence: %s", s);
    json_decref(j);

    /* bad input */
    assert_int_equal(get(&a, "/api/forms/fill?form=1&period=2021-h3", &j), 400);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")),
                        "period");
    json_decref(j);
    assert_int_equal(get(&a, "/api/forms/fill?form=9&period=2021", &j), 404);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_forms)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
