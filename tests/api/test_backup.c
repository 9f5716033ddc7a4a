/*
 * test_backup.c - `tcxd backup` while a real server keeps admitting members, and `tcxd restore`:
 * every backup is whole (SQLite's own integrity_check, read here with sqlite3 directly) and
 * consistent (each admission is one member row and one audit record: the two counts are equal
 * in every copy, and the copies taken during the writes hold some of them, not none or all); a
 * restore gives back exactly the backup; a damaged or foreign file is refused and changes
 * nothing.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "client.h"

#define PW "Matkhau-saoluu-2024"

static char dir[256], db[300];
static struct server srv;
static int64_t chi_bo;
static atomic_int stop, written, write_errors;

static int64_t q1(sqlite3 *h, const char *sql)
{
    sqlite3_stmt *s;
    int64_t v = -1;
    if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

struct counts {
    int64_t members, admits;
    bool whole;
};

static struct counts file_counts(const char *path)
{
    struct counts c = {-1, -1, false};
    sqlite3 *h;
    if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(h);
        return c;
    }
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        c.whole = !strcmp((const char *)sqlite3_column_text(s, 0), "ok");
    sqlite3_finalize(s);
    c.members = q1(h, "SELECT COUNT(*) FROM member");
    c.admits = q1(h, "SELECT COUNT(*) FROM audit WHERE action = 'member.admit'");
    sqlite3_close(h);
    return c;
}

static void *writer(void *arg)
{
    struct session *s = arg;
    char body[512];
    for (int i = 0; !atomic_load(&stop) && i < 5000; i++) {
        snprintf(
            body, sizeof(body),
            "{\"full_name\":\"Nguyễn Văn Ghi %d\",\"gender\":\"nam\",\"birth_date\":\"1990-01-01\","
            "\"org_id\":%lld,\"decision_date\":\"2024-01-01\"}",
            i, (long long)chi_bo);
        int st = post(s, "/api/members", body, NULL);
        if (st == 201)
            atomic_fetch_add(&written, 1);
        else
            atomic_fetch_add(&write_errors, 1);
    }
    return NULL;
}

static int setup(void **state)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/tcxd-backup-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, sizeof(db), "%s/t.db", dir);
    char out[4096];
    if (tcxd_run(db, NULL, NULL, 0, "init", NULL) ||
        tcxd_run(db, NULL, NULL, 0, "org", "add", "T", "Đảng bộ Thử", "--tier", "above_base",
                 "--form", "dang_bo", "--date", "2000-01-01", NULL) ||
        tcxd_run(db, NULL, out, sizeof(out), "--json", "org", "add", "TC", "Chi bộ Thử", "--tier",
                 "base", "--form", "chi_bo", "--type", "khac", "--parent", "T", "--date",
                 "2000-01-01", NULL) ||
        tcxd_run(db, PW, NULL, 0, "user", "add", "s", "--role", "staff", "--scope", "T", NULL))
        return -1;
    json_t *j = json_loads(out, 0, NULL);
    chi_bo = json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    return server_start(&srv, db, "--quiet", "--threads", "2", NULL) ? 0 : -1;
}

static int teardown(void **state)
{
    int st = server_stop(&srv);
    server_kill_all();
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd)) {
    }
    return st ? -1 : 0;
}

static void test_backup_while_writing(void **state)
{
    struct session s;
    assert_int_equal(login(&s, srv.port, "s", PW), 200);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, writer, &s), 0);
    /* wait for the first writes */
    for (int i = 0; i < 200 && atomic_load(&written) < 20; i++) {
        struct timespec ts = {0, 20 * 1000000L};
        nanosleep(&ts, NULL);
    }
    char path[5][400];
    for (int k = 0; k < 5; k++) {
        snprintf(path[k], sizeof(path[k]), "%s/b%d.db", dir, k);
        assert_int_equal(tcxd_run(db, NULL, NULL, 0, "backup", path[k], NULL), 0);
    }
    atomic_store(&stop, 1);
    pthread_join(t, NULL);
    int total = atomic_load(&written);
    assert_int_equal(atomic_load(&write_errors), 0); /* the backups held no write up */
    int64_t prev = 0;
    bool between = false;
    for (int k = 0; k < 5; k++) {
        struct counts c = file_counts(path[k]);
        assert_true(c.whole);
        assert_int_equal(c.members, c.admits); /* one snapshot: no half admission */
        assert_true(c.members >= prev);
        assert_true(c.members <= total);
        between |= c.members > 0 && c.members < total;
        prev = c.members;
    }
    assert_true(between); /* taken while the server wrote */
    fprintf(stderr, "%d admissions during 5 backups; the backups hold %lld .. %lld\n", total,
            (long long)file_counts(path[0]).members, (long long)prev);

    /* restore a copy taken in the middle into a new database: exactly that copy */
    char restored[400];
    snprintf(restored, sizeof(restored), "%s/restored.db", dir);
    assert_int_equal(tcxd_run(restored, NULL, NULL, 0, "restore", path[2], NULL), 0);
    struct counts a = file_counts(path[2]), b = file_counts(restored);
    assert_true(b.whole);
    assert_int_equal(b.members, a.members);
    assert_int_equal(b.admits, a.admits);

    /* a damaged file: refused, the database unchanged */
    char bad[400];
    snprintf(bad, sizeof(bad), "%s/bad.db", dir);
    FILE *in = fopen(path[2], "rb"), *outf = fopen(bad, "wb");
    assert_non_null(in);
    assert_non_null(outf);
    char buf[4096];
    size_t n, off = 0;
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
        if (off >= 2 * 4096 && off < 4 * 4096)
            memset(buf, 0x5a, n); /* two pages of garbage */
        fwrite(buf, 1, n, outf);
        off += n;
    }
    fclose(in);
    fclose(outf);
    assert_int_not_equal(tcxd_run(restored, NULL, NULL, 0, "restore", bad, NULL), 0);
    b = file_counts(restored);
    assert_true(b.whole);
    assert_int_equal(b.members, a.members);
    /* not a tcxd database at all */
    outf = fopen(bad, "wb");
    fputs("not a database", outf);
    fclose(outf);
    assert_int_not_equal(tcxd_run(restored, NULL, NULL, 0, "restore", bad, NULL), 0);
    assert_int_equal(file_counts(restored).members, a.members);
}

/* A write that cannot get the lock (another process holds it past the busy timeout) answers
   503 with Retry-After and the code "busy", never 500; reads go on; the next write succeeds. */
static void test_busy_is_503(void **state)
{
    struct session s;
    assert_int_equal(login(&s, srv.port, "s", PW), 200);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(get(&s, "/api/members?page_size=1", NULL), 200);
    char body[512];
    snprintf(body, sizeof(body),
             "{\"full_name\":\"Lê Văn Chờ\",\"gender\":\"nam\",\"birth_date\":\"1990-01-01\","
             "\"org_id\":%lld,\"decision_date\":\"2024-01-01\"}",
             (long long)chi_bo);
    struct resp r;
    assert_true(http_request(&s, "POST", "/api/members", NULL, body, 0, &r));
    assert_int_equal(r.status, 503);
    char ra[16];
    assert_true(resp_header(&r, "Retry-After", ra, sizeof(ra)));
    assert_true(strtol(ra, NULL, 10) > 0);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(r.json, "error"), "code")), "busy");
    resp_release(&r);
    assert_int_equal(sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(post(&s, "/api/members", body, NULL), 201);
}

/* A heavy read stops at the cost limit with 503 "busy" (here 1 ms over 3000 more members), and
   light requests keep answering. */
static void test_heavy_read_stops(void **state)
{
    char csv[400];
    snprintf(csv, sizeof(csv), "%s/many.csv", dir);
    FILE *f = fopen(csv, "w");
    assert_non_null(f);
    fputs("full_name,gender,birth_date,admission_decision_date,ceremony_date,org\n", f);
    for (int i = 0; i < 3000; i++)
        fprintf(f, "Trần Văn Nhiều %d,nam,1980-01-01,2010-01-01,2010-01-15,TC\n", i);
    fclose(f);
    assert_int_equal(tcxd_run(db, NULL, NULL, 0, "import", "members", csv, NULL), 0);
    struct server s2;
    /* the SQL path: its statements stop at the limit */
    setenv("TCXD_ENGINE", "0", 1);
    bool started = server_start(&s2, db, "--quiet", "--read-limit", "1", NULL);
    unsetenv("TCXD_ENGINE");
    assert_true(started);
    struct session s;
    assert_int_equal(login(&s, s2.port, "s", PW), 200);
    struct resp r;
    assert_true(
        http_request(&s, "GET", "/api/members?as_of=2024-06-01&page_size=200", NULL, NULL, 0, &r));
    assert_int_equal(r.status, 503);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(r.json, "error"), "code")), "busy");
    assert_non_null(
        strstr(json_string_value(json_object_get(json_object_get(r.json, "error"), "message")),
               "narrow it"));
    resp_release(&r);
    assert_int_equal(get(&s, "/api/me", NULL), 200);
    assert_int_equal(server_stop(&s2), 0);
    /* the engine: building it is the process's work, not the request's - under a limit shorter
       than the build it is made (before: stopped, 503, every time) and then answers */
    assert_true(server_start(&s2, db, "--quiet", "--read-limit", "1", NULL));
    assert_int_equal(login(&s, s2.port, "s", PW), 200);
    assert_int_equal(get(&s, "/api/members?q=nhieu&page_size=20", NULL), 200);
    assert_int_equal(get(&s, "/api/members?q=nhieu&page_size=20", NULL), 200);
    assert_int_equal(server_stop(&s2), 0);
    /* the default limit lets it through */
    assert_int_equal(login(&s, srv.port, "s", PW), 200);
    assert_int_equal(get(&s, "/api/members?as_of=2024-06-01&page_size=200", NULL), 200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backup_while_writing),
        cmocka_unit_test(test_busy_is_503),
        cmocka_unit_test(test_heavy_read_stops),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
