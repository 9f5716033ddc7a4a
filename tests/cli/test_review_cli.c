/*
 * test_review_cli.c - `tcxd review` as a person runs it: the real binary on a temporary
 * database, a year's reviews from self-assessment to decision (scores given as options and as
 * a CSV file), the JSON of show, report, leniency and weak organizations checked against what
 * the test entered, rubric export and re-import, and every class of bad input: exit status 2,
 * a message naming the field, and no table changed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <sqlite3.h>

#include "util/buf.h"

static const char *tcxd;
static char db[256];

struct result {
    int status;
    struct buf out, err;
};

static void read_all(int fd, struct buf *b)
{
    char tmp[4096];
    ssize_t n;
    while ((n = read(fd, tmp, sizeof(tmp))) > 0)
        buf_add(b, tmp, (size_t)n);
}

/* Runs tcxd --db DB with argv (NULL-terminated). */
static struct result runv(const char *const *args)
{
    const char *argv[80];
    int n = 0;
    argv[n++] = tcxd;
    argv[n++] = "--db";
    argv[n++] = db;
    for (size_t i = 0; args[i] && n < 78; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    int po[2], pe[2];
    assert_int_equal(pipe(po), 0);
    assert_int_equal(pipe(pe), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(po[1], 1);
        dup2(pe[1], 2);
        close(po[0]);
        close(pe[0]);
        setenv("TCXD_USER", "tester", 1);
        execv(tcxd, (char *const *)argv);
        _exit(127);
    }
    close(po[1]);
    close(pe[1]);
    struct result r = {0, BUF_INIT, BUF_INIT};
    read_all(po[0], &r.out);
    read_all(pe[0], &r.err);
    close(po[0]);
    close(pe[0]);
    int st;
    waitpid(pid, &st, 0);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
    return r;
}

#define RUN(...) runv((const char *const[]){__VA_ARGS__, NULL})

static void release(struct result *r)
{
    buf_release(&r->out);
    buf_release(&r->err);
}

static void ok(struct result r)
{
    if (r.status != 0)
        fail_msg("exit %d: %s", r.status, r.err.ptr);
    release(&r);
}

static json_t *json_of(struct result r)
{
    if (r.status != 0)
        fail_msg("exit %d: %s", r.status, r.err.ptr);
    json_error_t je;
    json_t *j = json_loads(r.out.ptr, 0, &je);
    if (!j)
        fail_msg("not JSON (%s): %s", je.text, r.out.ptr);
    release(&r);
    return j;
}

/* Exit 2, a message naming `needle`. */
static void refused(struct result r, const char *needle)
{
    if (r.status != 2)
        fail_msg("expected exit 2, got %d (stdout %s, stderr %s)", r.status, r.out.ptr, r.err.ptr);
    if (!strstr(r.err.ptr, needle))
        fail_msg("message '%s' does not name '%s'", r.err.ptr, needle);
    release(&r);
}

static char *fingerprint(void)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    const char *tables[] = {"review_rubric", "review_rubric_criterion",
                            "review",        "review_step",
                            "review_score",  "weak_org",
                            "audit"};
    struct buf out = BUF_INIT;
    for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
        char sql[128];
        snprintf(sql, sizeof(sql), "SELECT * FROM %s ORDER BY rowid", tables[i]);
        sqlite3_stmt *s;
        assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
        while (sqlite3_step(s) == SQLITE_ROW)
            for (int c = 0; c < sqlite3_column_count(s); c++) {
                const void *b = sqlite3_column_blob(s, c);
                buf_add(&out, b ? b : "", (size_t)sqlite3_column_bytes(s, c));
                buf_addch(&out, '|');
            }
        sqlite3_finalize(s);
    }
    sqlite3_close(h);
    return buf_detach(&out, NULL);
}

static void setup_db(void)
{
    snprintf(db, sizeof(db), "/tmp/tcxd-test-review-cli-%d.db", (int)getpid());
    char p[300];
    unlink(db);
    snprintf(p, sizeof(p), "%s-wal", db);
    unlink(p);
    snprintf(p, sizeof(p), "%s-shm", db);
    unlink(p);
    ok(RUN("init"));
    ok(RUN("org", "add", "TU", "Đảng bộ thành phố", "--tier", "above_base", "--form", "dang_bo",
           "--date", "01/01/2010"));
    ok(RUN("org", "add", "DB1", "Đảng bộ phường Một", "--tier", "base", "--form", "dang_bo",
           "--type", "phuong", "--parent", "TU", "--date", "01/01/2010"));
    ok(RUN("org", "add", "CB1", "Chi bộ khu phố 1", "--tier", "below_base", "--form", "chi_bo",
           "--parent", "DB1", "--date", "01/01/2010"));
    ok(RUN("org", "add", "CB2", "Chi bộ khu phố 2", "--tier", "below_base", "--form", "chi_bo",
           "--parent", "DB1", "--date", "01/01/2010"));
    for (int i = 1; i <= 6; i++) {
        char name[64];
        snprintf(name, sizeof(name), "Phạm Thị Thử %d", i);
        ok(RUN("member", "add", "--org", i <= 3 ? "CB1" : "CB2", "--name", name, "--gender", "nu",
               "--birth", "02/02/1985", "--decision-date", "01/03/2010", "--ceremony-date",
               "15/03/2010", "--official-date", "20/03/2011"));
    }
}

static void teardown_db(void)
{
    char p[300];
    unlink(db);
    snprintf(p, sizeof(p), "%s-wal", db);
    unlink(p);
    snprintf(p, sizeof(p), "%s-shm", db);
    unlink(p);
}

/* The member rubric of 2025 (1.1 8, 1.2 8, 1.3 7, 1.4 7, 2.1 40, 2.2 20, 2.3 10) with 2.1 set
   so that the total is `total`. */
static struct result step_scores(const char *step, const char *member, int total, const char *extra)
{
    char s21[32];
    snprintf(s21, sizeof(s21), "2.1=%d", 40 - (100 - total));
    const char *args[] = {"review", step,      member,  "--year",  "2025",   "--score",
                          "1.1=8",  "--score", "1.2=8", "--score", "1.3=7",  "--score",
                          "1.4=7",  "--score", s21,     "--score", "2.2=20", "--score",
                          "2.3=10", extra,     NULL};
    return runv(args);
}

static void decide(const char *member, const char *level)
{
    ok(RUN("review", "decide", member, "--year", "2025", "--level", level, "--decision", "12-QĐ/ĐU",
           "--decision-date", "15/01/2026"));
}

static void test_workflow_and_reports(void **state)
{
    setup_db();
    /* member 1 from a scores file, a decimal comma included */
    char csv[300];
    snprintf(csv, sizeof(csv), "%s.scores.csv", db);
    FILE *f = fopen(csv, "w");
    assert_non_null(f);
    fputs("criterion,value\n1.1,8\n1.2,\"7,5\"\n1.3,7\n1.4,7\n2.1,38\n2.2,20\n2.3,10\n", f);
    fclose(f);
    ok(RUN("review", "self", "1", "--year", "2025", "--scores", csv, "--comments", "tự nhận"));
    unlink(csv);
    ok(step_scores("verify", "1", 84, NULL));
    json_t *j = json_of(RUN("--json", "review", "show", "#1", "--year", "2025"));
    assert_string_equal(json_string_value(json_object_get(j, "state")), "verified");
    assert_true(json_real_value(json_object_get(json_object_get(j, "self"), "total")) == 97.5);
    assert_true(json_real_value(json_object_get(json_object_get(j, "verified"), "total")) == 84.0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "proposal"), "level")),
                        "httnv");
    json_t *steps = json_object_get(j, "steps");
    assert_int_equal(json_array_size(steps), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(steps, 0), "by")),
                        "cli:tester");
    assert_true(json_real_value(json_object_get(json_object_get(json_array_get(steps, 0), "scores"),
                                                "1.2")) == 7.5);
    json_decref(j);
    decide("1", "httnv");

    /* members 2..5: HTTNV, member 6: HTXSNV (5 HTTNV allow 1) */
    for (int i = 2; i <= 6; i++) {
        char m[8];
        snprintf(m, sizeof(m), "%d", i);
        int self = i == 6 ? 96 : 80 + i, ver = i == 6 ? 95 : 80;
        ok(step_scores("self", m, self, NULL));
        ok(step_scores("verify", m, ver, NULL));
        if (i < 6)
            decide(m, "httnv");
    }
    j = json_of(RUN("--json", "review", "show", "6", "--year", "2025", "--level", "htxsnv"));
    json_t *cap = json_object_get(j, "cap");
    assert_int_equal(json_integer_value(json_object_get(cap, "good")), 5);
    assert_int_equal(json_integer_value(json_object_get(cap, "allowed")), 1);
    assert_false(json_is_true(json_object_get(cap, "exceeded")));
    json_decref(j);
    decide("6", "htxsnv");

    /* the organizations: DB1 decided, CB1 KHTNV (listed as weak) */
    ok(RUN("review", "self", "CB1", "--year", "2025", "--score", "1.1=8", "--score", "1.2=6",
           "--score", "1.3=6", "--score", "1.4=5", "--score", "1.5=5", "--score", "2.1=0",
           "--score", "2.2=0", "--score", "2.3=0", "--score", "2.4=10", "--score", "2.5=5"));
    ok(RUN("review", "verify", "org:CB1", "--year", "2025", "--score", "1.1=8", "--score", "1.2=6",
           "--score", "1.3=6", "--score", "1.4=5", "--score", "1.5=5", "--score", "2.1=0",
           "--score", "2.2=0", "--score", "2.3=0", "--score", "2.4=0", "--score", "2.5=5"));
    decide("CB1", "khtnv");

    j = json_of(RUN("--json", "review", "report", "DB1", "--year", "2025"));
    json_t *groups = json_object_get(j, "groups");
    json_t *members = json_array_get(groups, 3);
    assert_string_equal(json_string_value(json_object_get(members, "group")), "member");
    assert_int_equal(json_integer_value(json_object_get(members, "total")), 6);
    json_t *lv = json_object_get(members, "levels");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(lv, 0), "count")), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(lv, 1), "count")), 5);
    assert_string_equal(json_string_value(json_object_get(json_array_get(lv, 1), "sentence")),
                        "5/6 đảng viên hoàn thành tốt nhiệm vụ (83,3%)");
    json_decref(j);

    /* never reviewed: a member added to CB2 and CB2 itself are counted and named (issue 12:
       members without a review were invisible) */
    ok(RUN("member", "add", "--org", "CB2", "--name", "Phạm Thị Chưa Đánh Giá", "--gender", "nu",
           "--birth", "02/02/1985", "--decision-date", "01/03/2010", "--ceremony-date",
           "15/03/2010", "--official-date", "20/03/2011"));
    j = json_of(RUN("--json", "review", "report", "DB1", "--year", "2025"));
    members = json_array_get(json_object_get(j, "groups"), 3);
    assert_int_equal(json_integer_value(json_object_get(members, "unreviewed")), 1);
    assert_int_equal(json_integer_value(json_object_get(members, "total")), 6);
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(j, "groups"), 2), "unreviewed")),
                     1); /* CB2 */
    json_decref(j);
    struct result r = RUN("review", "report", "DB1", "--year", "2025", "--list");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out.ptr, "(1 đảng viên chưa được đánh giá, xếp loại)"));
    assert_non_null(strstr(r.out.ptr, "(1 tổ chức đảng trực thuộc đảng ủy cơ sở chưa được đánh "
                                      "giá, xếp loại)"));
    assert_non_null(strstr(r.out.ptr, "Chưa được đánh giá, xếp loại:\n  Chi bộ khu phố 2 (CB2) — "
                                      "tổ chức đảng trực thuộc đảng ủy cơ sở\n  Phạm Thị Chưa Đánh "
                                      "Giá (CB2) — đảng viên\n"));
    /* the decided list names the group in Vietnamese ("branch" before) */
    assert_non_null(strstr(r.out.ptr, "  Chi bộ khu phố 1 (CB1) — tổ chức đảng trực thuộc đảng ủy "
                                      "cơ sở\n"));
    release(&r);

    /* CSV: one row per group and level */
    r = RUN("review", "report", "DB1", "--year", "2025", "--format", "csv");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out.ptr, "member,httnv,5,6,83.3,0,0,\n"));
    assert_non_null(strstr(r.out.ptr, "branch,khtnv,1,1,100.0,0,0,\n"));
    release(&r);

    /* leniency: self minus verified: members 1..6 13,5 2 3 4 5 1, and CB1 (a branch of DB1)
       45 against 35 */
    j = json_of(RUN("--json", "review", "leniency", "DB1", "--year", "2025", "--threshold", "4"));
    assert_int_equal(json_array_size(json_object_get(j, "subjects")), 3); /* 13,5 5 10 */
    json_decref(j);
    j = json_of(RUN("--json", "review", "leniency", "DB1", "--year", "2025", "--threshold", "5,5"));
    assert_int_equal(json_array_size(json_object_get(j, "subjects")), 2);
    json_decref(j);

    /* JSON numbers as written: 5/6 is 83.3, not 83.299999999999997 (issue 12) */
    r = RUN("--json", "review", "report", "DB1", "--year", "2025");
    assert_non_null(strstr(r.out.ptr, "\"share\": 83.3,"));
    assert_null(strstr(r.out.ptr, "99999"));
    release(&r);
    /* the leniency table's columns line up (printf's widths counted bytes of Vietnamese
       labels): every row of the distribution as wide as its header, in characters */
    r = RUN("review", "leniency", "DB1", "--year", "2025");
    assert_int_equal(r.status, 0);
    const char *t = strstr(r.out.ptr, "Phân bố mức xếp loại:\n");
    assert_non_null(t);
    t = strchr(t, '\n') + 1;
    int rows = 0, width = -1;
    for (; *t == ' '; rows++) {
        int n = 0;
        for (; *t && *t != '\n'; t++)
            n += (*t & 0xC0) != 0x80;
        if (width < 0)
            width = n;
        assert_int_equal(n, width);
        t += *t == '\n';
    }
    assert_int_equal(rows, 1 + 4);
    release(&r);

    /* weak organizations: CB1 (decided) and CB2 (flagged), one consolidated */
    j = json_of(RUN("--json", "review", "weak", "add", "CB2", "--year", "2025", "--plan",
                    "Kiện toàn chi ủy", "--responsible", "Đ/c Bí thư", "--deadline", "30/06/2026"));
    long long cb2 = json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    char id[24];
    snprintf(id, sizeof(id), "%lld", cb2);
    ok(RUN("review", "weak", "update", id, "--status", "consolidated", "--consolidated-on",
           "01/10/2026"));
    j = json_of(RUN("--json", "review", "weak", "list", "TU", "--year", "2025"));
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
    assert_string_equal(json_string_value(json_object_get(j, "sentence")), "đã củng cố 1/2 (50%)");
    json_decref(j);

    /* locked after the decision */
    char *before = fingerprint();
    refused(step_scores("verify", "2", 70, NULL), "step");
    refused(RUN("review", "amend", "2", "--year", "2025", "--level", "htnv"), "reason");
    char *after = fingerprint();
    assert_string_equal(before, after);
    free(before);
    free(after);
    /* lowering one of the 5 HTTNV leaves 4, which allow no HTXSNV: the amendment would break
       the cap silently, so it is refused (naming the group) unless an exception is recorded */
    before = fingerprint();
    refused(RUN("review", "amend", "2", "--year", "2025", "--level", "htnv", "--reason",
                "kết luận kiểm tra"),
            "level");
    after = fingerprint();
    assert_string_equal(before, after);
    free(before);
    free(after);
    ok(RUN("review", "amend", "2", "--year", "2025", "--level", "htnv", "--reason",
           "kết luận kiểm tra", "--cap-exception", "giữ kết quả HTXSNV đã công bố"));
    json_t *am = json_of(RUN("--json", "review", "show", "2", "--year", "2025"));
    json_t *last = json_array_get(json_object_get(am, "steps"), 3);
    assert_string_equal(json_string_value(json_object_get(last, "step")), "amend");
    assert_string_equal(json_string_value(json_object_get(last, "cap_exception")),
                        "giữ kết quả HTXSNV đã công bố");
    json_decref(am);
    teardown_db();
}

static void test_bad_input_changes_nothing(void **state)
{
    setup_db();
    ok(step_scores("self", "1", 80, NULL));
    char *before = fingerprint();
    char path[300];
    snprintf(path, sizeof(path), "%s.rubric.csv", db);

    refused(RUN("review", "verify", "1", "--year", "2025", "--score", "1.1=9", "--score", "1.2=8",
                "--score", "1.3=7", "--score", "1.4=7", "--score", "2.1=20", "--score", "2.2=20",
                "--score", "2.3=10"),
            "1.1");
    refused(RUN("review", "verify", "1", "--year", "2025", "--score", "9.9=1"), "9.9");
    refused(RUN("review", "verify", "1", "--year", "2025", "--score", "1.1=8"), "missing");
    refused(RUN("review", "decide", "1", "--year", "2025", "--level", "httnv", "--decision", "1",
                "--decision-date", "01/01/2026"),
            "step");
    refused(step_scores("self", "2", 80, "--year=2010"), "year");
    refused(RUN("review", "decide", "1", "--year", "2025", "--level", "gioi", "--decision", "1",
                "--decision-date", "01/01/2026"),
            "level");
    refused(RUN("review", "self", "1", "--year", "2025", "--score", "x"), "CODE=VALUE");
    refused(RUN("review", "decide", "1", "--year", "2025", "--score", "1.1=8"), "--score");
    refused(RUN("review", "self", "NOPE", "--year", "2025", "--score", "1.1=8"), "NOPE");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("group,criterion,title,max\nI,,Chung,30\nI,1,A,20\nII,,Kết quả,70\nII,2,B,70\n", f);
    fclose(f);
    refused(RUN("review", "rubric", "import", path, "--subject", "member", "--from", "2025"), "I");
    unlink(path);
    refused(RUN("review", "weak", "update", "1", "--status", "xong"), "status");
    char *after = fingerprint();
    assert_string_equal(before, after);
    free(before);
    free(after);

    /* a rubric exported and imported for another year keeps every criterion */
    struct result r = RUN("review", "rubric", "export", "--subject", "member", "--year", "2025");
    assert_int_equal(r.status, 0);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(r.out.ptr, f);
    fclose(f);
    release(&r);
    ok(RUN("review", "rubric", "import", path, "--subject", "member", "--from", "2026", "--name",
           "dv-2026"));
    unlink(path);
    json_t *a =
        json_of(RUN("--json", "review", "rubric", "show", "--subject", "member", "--year", "2025"));
    json_t *b =
        json_of(RUN("--json", "review", "rubric", "show", "--subject", "member", "--year", "2026"));
    assert_int_equal(json_integer_value(json_object_get(b, "version")), 1);
    assert_string_equal(json_string_value(json_object_get(b, "name")), "dv-2026");
    assert_true(json_equal(json_object_get(a, "groups"), json_object_get(b, "groups")));
    json_decref(a);
    json_decref(b);
    teardown_db();
}

int main(int argc, char **argv)
{
    tcxd = argc > 1 ? argv[1] : getenv("TCXD_BIN");
    if (!tcxd) {
        fprintf(stderr, "usage: test_review_cli PATH_TO_TCXD\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_workflow_and_reports),
        cmocka_unit_test(test_bad_input_changes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
