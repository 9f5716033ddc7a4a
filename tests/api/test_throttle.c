/*
 * test_throttle.c - password checks on a real server: an account gets growing delays, never a
 * lockout; a client address is limited on its own, and behind the trusted proxy that address is
 * the client's (X-Forwarded-For) - not the proxy's, not what a client claims to any other peer;
 * /api/me/password is throttled like the login; an unknown account takes as long as a wrong
 * password (a dummy argon2 verification).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "client.h"

#define PW "Matkhau-dung-2024"

static char dir[256];

static void make_db(const char *db, const char *users[], size_t n)
{
    assert_int_equal(tcxd_run(db, NULL, NULL, 0, "init", NULL), 0);
    assert_int_equal(tcxd_run(db, NULL, NULL, 0, "org", "add", "T", "Đảng bộ Thử", "--tier",
                              "above_base", "--form", "dang_bo", NULL),
                     0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(tcxd_run(db, PW, NULL, 0, "user", "add", users[i], "--role", "staff",
                                  "--scope", "T", NULL),
                         0);
}

static void nap(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A login sent as a client behind a proxy would: with an X-Forwarded-For header. */
static int login_via(int port, const char *xff, const char *user, const char *pw, int *retry)
{
    char body[256], req[1024];
    snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"%s\"}", user, pw);
    int n = snprintf(req, sizeof(req),
                     "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                     "Accept-Language: en\r\nX-Forwarded-For: %s\r\n"
                     "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
                     xff, strlen(body), body);
    struct resp r;
    if (!http_raw(port, req, (size_t)n, &r))
        return -1;
    char h[32];
    if (retry)
        *retry = resp_header(&r, "Retry-After", h, sizeof(h)) ? (int)strtol(h, NULL, 10) : 0;
    int st = r.status;
    resp_release(&r);
    return st;
}

static int setup(void **state)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/tcxd-throttle-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    server_kill_all();
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd)) {
    }
    return 0;
}

/* An account: free failures, then a wait that grows; the right password after the wait. */
static void test_account_delays(void **state)
{
    char db[400];
    snprintf(db, sizeof(db), "%s/acc.db", dir);
    const char *users[] = {"a", "b"};
    make_db(db, users, 2);
    struct server s;
    assert_true(server_start(&s, db, "--quiet", NULL));
    struct session x;
    for (int i = 0; i < 3; i++)
        assert_int_equal(login(&x, s.port, "a", "wrong-password"), 401);
    /* the fourth check waits about a second after the last failure, even with the right
       password (whole seconds: 1 or 2 left) */
    int retry = 0, retry2 = 0;
    assert_int_equal(login_via(s.port, "10.0.0.1", "a", PW, &retry), 429);
    assert_true(retry >= 1 && retry <= 2);
    /* another account is not held up */
    assert_int_equal(login(&x, s.port, "b", PW), 200);
    nap(retry * 1000L + 100);
    assert_int_equal(login(&x, s.port, "a", "wrong-password"), 401);
    assert_int_equal(login_via(s.port, "10.0.0.1", "a", PW, &retry2), 429);
    assert_true(retry2 >= 2 && retry2 <= 3); /* the wait doubles */
    nap(retry2 * 1000L + 100);
    /* no lockout: after the wait the right password works and forgets the failures */
    assert_int_equal(login(&x, s.port, "a", PW), 200);
    assert_int_equal(login(&x, s.port, "a", "wrong-password"), 401);

    /* changing one's password checks the old one the same way */
    struct session b;
    assert_int_equal(login(&b, s.port, "b", PW), 200);
    for (int i = 0; i < 3; i++)
        assert_int_equal(
            post(&b, "/api/me/password",
                 "{\"old_password\":\"wrong-password\",\"new_password\":\"Moi-2024-x\"}", NULL),
            400);
    json_t *j = NULL;
    assert_int_equal(post(&b, "/api/me/password",
                          "{\"old_password\":\"" PW "\",\"new_password\":\"Moi-2024-xyz\"}", &j),
                     429);
    json_decref(j);
    assert_int_equal(server_stop(&s), 0);
}

/* Addresses: limited each on its own; X-Forwarded-For only from the trusted proxy. */
static void test_addresses_and_proxy(void **state)
{
    char db[400];
    snprintf(db, sizeof(db), "%s/addr.db", dir);
    const char *users[] = {"u1", "u2", "u3", "u4",  "u5",  "u6",
                           "u7", "u8", "u9", "u10", "u11", "admin"};
    make_db(db, users, 12);
    struct server s;
    /* behind the proxy on 127.0.0.1 */
    assert_true(server_start(&s, db, "--quiet", "--trusted-proxy", "127.0.0.1", NULL));
    /* ten failures from one client (different accounts: no account delay) */
    for (int i = 0; i < 10; i++)
        assert_int_equal(login_via(s.port, "198.51.100.7", users[i], "wrong-password", NULL), 401);
    int retry = 0;
    assert_int_equal(login_via(s.port, "198.51.100.7", "admin", PW, &retry), 429);
    assert_true(retry > 0);
    /* everyone else behind the same proxy still logs in: the real admin too */
    assert_int_equal(login_via(s.port, "203.0.113.9", "admin", PW, NULL), 200);
    /* the proxy appends the peer: a client's own X-Forwarded-For entries do not count */
    assert_int_equal(login_via(s.port, "203.0.113.9, 198.51.100.7", "admin", PW, NULL), 429);
    assert_int_equal(login_via(s.port, "198.51.100.7, 203.0.113.10", "admin", PW, NULL), 200);
    assert_int_equal(server_stop(&s), 0);

    /* without --trusted-proxy the header is the client's word: ignored */
    snprintf(db, sizeof(db), "%s/addr2.db", dir);
    make_db(db, users, 12);
    assert_true(server_start(&s, db, "--quiet", NULL));
    for (int i = 0; i < 10; i++) {
        char fake[32];
        snprintf(fake, sizeof(fake), "192.0.2.%d", i + 1);
        assert_int_equal(login_via(s.port, fake, users[i], "wrong-password", NULL), 401);
    }
    assert_int_equal(login_via(s.port, "192.0.2.200", "admin", PW, NULL), 429);
    assert_int_equal(server_stop(&s), 0);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Unknown account and wrong password take the same time (real argon2 cost here). */
static void test_equal_timing(void **state)
{
    char db[400];
    snprintf(db, sizeof(db), "%s/time.db", dir);
    const char *users[] = {"known1", "known2", "known3", "known4", "known5"};
    unsetenv("TCXD_PWHASH_FAST");
    make_db(db, users, 5);
    struct server s;
    assert_true(server_start(&s, db, "--quiet", NULL));
    /* one failure per account (no delays), alternating, five each */
    double known[5], unknown[5];
    for (int i = 0; i < 5; i++) {
        double t0 = now_s();
        assert_int_equal(login_via(s.port, "x", users[i], "wrong-password", NULL), 401);
        known[i] = now_s() - t0;
        char ghost[32];
        snprintf(ghost, sizeof(ghost), "ghost%d", i);
        t0 = now_s();
        assert_int_equal(login_via(s.port, "x", ghost, "wrong-password", NULL), 401);
        unknown[i] = now_s() - t0;
    }
    qsort(known, 5, sizeof(double), cmp_double);
    qsort(unknown, 5, sizeof(double), cmp_double);
    fprintf(stderr, "median wrong password %.0f ms, unknown account %.0f ms\n", known[2] * 1e3,
            unknown[2] * 1e3);
    double diff = known[2] - unknown[2];
    if (diff < 0)
        diff = -diff;
    assert_true(diff < 0.25 * known[2]);
    assert_int_equal(server_stop(&s), 0);
    setenv("TCXD_PWHASH_FAST", "1", 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_account_delays),
        cmocka_unit_test(test_addresses_and_proxy),
        cmocka_unit_test(test_equal_timing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
