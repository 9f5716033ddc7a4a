/*
 * test_snapshot_api.c - issue 9: no worker thread may keep an old read snapshot after a request.
 *
 * A structure report for a past month end reads (and stores) the day's count snapshot; before the
 * fix a statement of that read was left stepping, so the worker thread's connection stayed in an
 * old read transaction: new sessions were unknown there (401), new members came and went between
 * threads, and that thread's writes failed as "busy". Here, with several worker threads, every
 * request opens its own connection (so they spread over the threads) and each step is repeated
 * often enough to reach every thread: after the past-date reports, a new login must work on
 * every request, a member admitted afterwards must be found by every search, and later writes
 * must all succeed. The server's log must not report a statement or transaction left open at the
 * end of a request.
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

enum { THREADS = 4, TRIES = 6 * THREADS };

static const char PW[] = "Quantri-test-2024";
static char dir[256], db[300];
static struct server srv;
static int64_t id_hn, id_chi_bo;

static int64_t add_org(const char *code, const char *name, const char *tier, const char *form,
                       const char *parent, const char *type)
{
    char out[8192];
    int rc;
    if (!parent)
        rc = tcxd_run(db, NULL, out, sizeof(out), "--json", "org", "add", code, name, "--tier",
                      tier, "--form", form, "--date", "2000-01-01", NULL);
    else if (!type)
        rc = tcxd_run(db, NULL, out, sizeof(out), "--json", "org", "add", code, name, "--tier",
                      tier, "--form", form, "--parent", parent, "--date", "2000-01-01", NULL);
    else
        rc = tcxd_run(db, NULL, out, sizeof(out), "--json", "org", "add", code, name, "--tier",
                      tier, "--form", form, "--parent", parent, "--type", type, "--date",
                      "2000-01-01", NULL);
    assert_int_equal(rc, 0);
    return seed_id(out);
}

static int setup(void **state)
{
    (void)state;
    if (!seed_new_db("tcxd-snap", dir, db))
        return -1;
    id_hn = add_org("HN", "Đảng bộ Thành phố", "above_base", "dang_bo", NULL, NULL);
    add_org("Q1", "Đảng bộ Quận Một", "above_base", "dang_bo", "HN", NULL);
    add_org("Q1P", "Đảng bộ Phường Một", "base", "dang_bo", "Q1", "phuong");
    id_chi_bo = add_org("Q1C", "Chi bộ Khu Một", "below_base", "chi_bo", "Q1P", NULL);
    if (tcxd_run(db, NULL, NULL, 0, "member", "admit", "--org", "Q1C", "--name", "Nguyễn Văn An",
                 "--gender", "nam", "--birth", "1980-05-01", "--decision-date", "2010-01-01", NULL))
        return -1;
    if (tcxd_run(db, PW, NULL, 0, "user", "add", "admin", "--role", "admin", "--scope", "HN",
                 "--full-name", "Quản trị", NULL))
        return -1;
    if (!server_start(&srv, db, "--threads", "4", NULL))
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

/* The server's log (stderr) as text; the caller frees it. */
static char *server_log(void)
{
    FILE *f = fopen(srv.log, "rb");
    if (!f)
        return strdup("");
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *t = calloc(1, (size_t)n + 1);
    if (n > 0 && fread(t, 1, (size_t)n, f) != (size_t)n)
        t[0] = '\0';
    fclose(f);
    return t;
}

static int64_t search_count(const struct session *s, const char *q)
{
    char path[256];
    snprintf(path, sizeof(path), "/api/members?org=%lld&q=%s", (long long)id_hn, q);
    json_t *j = NULL;
    int st = get(s, path, &j);
    int64_t n = st == 200 ? json_integer_value(json_object_get(j, "total")) : -st;
    json_decref(j);
    return n;
}

static void past_reports(const struct session *s)
{
    char path[160];
    /* month ends: the stored day snapshot is written on the first, read on the others */
    const char *days[] = {"2020-12-31", "2020-12-31", "2020-12-31", "2019-06-30", "2019-06-30"};
    for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++)
        for (int t = 0; t < THREADS; t++) {
            snprintf(path, sizeof(path), "/api/reports/structure?org=%lld&as_of=%s",
                     (long long)id_hn, days[i]);
            json_t *j = NULL;
            int st = get(s, path, &j);
            if (st != 200) {
                char *txt = j ? json_dumps(j, 0) : NULL;
                fprintf(stderr, "GET %s -> %d %s\n", path, st, txt ? txt : "");
                free(txt);
            }
            json_decref(j);
            assert_int_equal(st, 200);
        }
}

static void test_no_thread_keeps_an_old_snapshot(void **state)
{
    (void)state;
    struct session first;
    assert_int_equal(login(&first, srv.port, "admin", PW), 200);
    for (int round = 0; round < 3; round++) {
        past_reports(&first);

        /* a session created now is known to every thread */
        struct session second;
        assert_int_equal(login(&second, srv.port, "admin", PW), 200);
        char path[128];
        snprintf(path, sizeof(path), "/api/orgs/%lld", (long long)id_chi_bo);
        for (int i = 0; i < TRIES; i++)
            assert_int_equal(get(&second, path, NULL), 200);

        /* a member admitted now is found by every thread */
        static const char *const names[] = {"Lê Thị Vòng", "Lê Thị Vượng", "Lê Thị Vỹ"};
        static const char *const queries[] = {"le%20thi%20vong", "le%20thi%20vuong",
                                              "le%20thi%20vy"};
        const char *name = names[round], *q = queries[round];
        char body[512];
        snprintf(body, sizeof(body),
                 "{\"full_name\":\"%s\",\"gender\":\"nu\",\"birth_date\":\"1990-02-03\","
                 "\"org_id\":%lld,\"decision_date\":\"2021-03-04\"}",
                 name, (long long)id_chi_bo);
        assert_int_equal(post(&second, "/api/members", body, NULL), 201);
        for (int i = 0; i < TRIES; i++)
            assert_int_equal(search_count(&first, q), 1);

        /* and writes keep working on every thread */
        for (int i = 0; i < THREADS; i++) {
            struct session again;
            assert_int_equal(login(&again, srv.port, "admin", PW), 200);
            assert_int_equal(get(&again, "/api/me", NULL), 200);
        }
    }
    char *log = server_log();
    if (strstr(log, "BUG"))
        fprintf(stderr, "server log:\n%s\n", log);
    assert_null(strstr(log, "left open"));
    assert_null(strstr(log, "left active"));
    free(log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_thread_keeps_an_old_snapshot),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    server_kill_all();
    return rc;
}
