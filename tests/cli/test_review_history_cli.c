/*
 * test_review_history_cli.c - `tcxd review` for years judged by the pre-2018 guidance (HD 27,
 * 2014-2017), the real binary on a temporary database: a board enters its 2017 decisions as
 * history (no scores invented), in the year's own level names, and the report speaks them in the
 * board's sentence (seed 000: Tây Hồ 2017); "tiêu biểu" is kept; the mapping is shown on request.
 * And the rules a verification reaches from the command line: the target rules of QĐ 124 and
 * QĐ 366, a disciplined sub-unit counted as not remedied unless said so (as for a person), and a
 * decision departing from a forced KHTNV only with a recorded reason.
 */
#include <setjmp.h>
#include <stdbool.h>
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

static void db_paths_unlink(void)
{
    char p[300];
    unlink(db);
    snprintf(p, sizeof(p), "%s-wal", db);
    unlink(p);
    snprintf(p, sizeof(p), "%s-shm", db);
    unlink(p);
}

/* Đảng bộ quận Tây Hồ with 28 base organizations C1..C28 (seed 000). */
static void setup_tay_ho(void)
{
    snprintf(db, sizeof(db), "/tmp/tcxd-test-review-hist-%d.db", (int)getpid());
    db_paths_unlink();
    ok(RUN("init"));
    ok(RUN("org", "add", "TH", "Đảng bộ quận Tây Hồ", "--tier", "above_base", "--form", "dang_bo",
           "--date", "01/01/2010"));
    for (int i = 1; i <= 28; i++) {
        char code[8], name[32];
        snprintf(code, sizeof(code), "C%d", i);
        snprintf(name, sizeof(name), "Chi bộ số %d", i);
        ok(RUN("org", "add", code, name, "--tier", "base", "--form", "chi_bo", "--type", "phuong",
               "--parent", "TH", "--date", "01/01/2010"));
    }
}

/* The 2017 decisions of seed 000: 12 TSVM, 14 HTTNV, 2 HTNV, none Yếu kém. The TSVM ones are
   written in the three ways a board types them. */
static void record_2017(void)
{
    for (int i = 1; i <= 28; i++) {
        char code[8];
        snprintf(code, sizeof(code), "C%d", i);
        const char *level = i <= 4    ? "tsvm"
                            : i <= 8  ? "Trong sạch, vững mạnh"
                            : i <= 12 ? "TSVM"
                            : i <= 26 ? "httnv"
                                      : "Hoàn thành nhiệm vụ";
        ok(RUN("review", "record", code, "--year", "2017", "--level", level, "--decision",
               "125-QĐ/QU", "--decision-date", "20/01/2018", "--notes",
               "Báo cáo tổng kết công tác xây dựng Đảng năm 2017"));
    }
}

static const char seed_sentence[] =
    "Năm 2017, Đảng bộ quận Tây Hồ có 28 tổ chức cơ sở Đảng, trong đó, có 12 tổ chức cơ sở Đảng "
    "đạt trong sạch, vững mạnh; 14 tổ chức cơ sở Đảng hoàn thành tốt nhiệm vụ; 2 tổ chức cơ sở "
    "Đảng hoàn thành nhiệm vụ; không có tổ chức cơ sở Đảng yếu kém";

static void test_report_in_the_years_words(void **state)
{
    (void)state;
    setup_tay_ho();
    record_2017();

    struct result r = RUN("review", "report", "TH", "--year", "2017");
    assert_int_equal(r.status, 0);
    if (!strstr(r.out.ptr, seed_sentence))
        fail_msg("the board's sentence is missing from:\n%s", r.out.ptr);
    /* no post-2018 names for a 2017 result */
    assert_null(strstr(r.out.ptr, "xuất sắc"));
    assert_non_null(strstr(r.out.ptr, "Hướng dẫn 27-HD/BTCTW"));
    assert_null(strstr(r.out.ptr, "Đối chiếu"));
    release(&r);

    json_t *j = json_of(RUN("--json", "review", "report", "TH", "--year", "2017"));
    assert_true(json_is_true(json_object_get(j, "legacy_levels")));
    json_t *base = json_array_get(json_object_get(j, "groups"), 0);
    assert_string_equal(json_string_value(json_object_get(base, "group")), "base");
    assert_string_equal(json_string_value(json_object_get(base, "board_sentence")), seed_sentence);
    assert_int_equal(json_integer_value(json_object_get(base, "historical")), 28);
    json_t *lv = json_object_get(base, "legacy_levels");
    static const struct {
        const char *level, *maps_to;
        int count;
    } want[] = {{"tsvm_tieu_bieu", "htxsnv", 0},
                {"tsvm", "htxsnv", 12},
                {"httnv", "httnv", 14},
                {"htnv", "htnv", 2},
                {"yeu_kem", "khtnv", 0}};
    assert_int_equal(json_array_size(lv), 5);
    for (size_t i = 0; i < 5; i++) {
        json_t *x = json_array_get(lv, i);
        assert_string_equal(json_string_value(json_object_get(x, "level")), want[i].level);
        assert_string_equal(json_string_value(json_object_get(x, "maps_to")), want[i].maps_to);
        assert_int_equal(json_integer_value(json_object_get(x, "count")), want[i].count);
    }
    assert_int_equal(json_array_size(json_object_get(j, "mapping")), 9);
    json_decref(j);

    /* the mapping on request */
    r = RUN("review", "report", "TH", "--year", "2017", "--mapping");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out.ptr, "Trong sạch, vững mạnh tiêu biểu → Hoàn thành xuất sắc "
                                      "nhiệm vụ"));
    assert_non_null(strstr(r.out.ptr, "Yếu kém → Không hoàn thành nhiệm vụ"));
    release(&r);

    /* "tiêu biểu" is stored as such: an amendment to it, then the show and the report */
    ok(RUN("review", "amend", "C1", "--year", "2017", "--level", "tsvm_tieu_bieu", "--reason",
           "Quyết định khen thưởng tổ chức cơ sở đảng trong sạch, vững mạnh tiêu biểu"));
    j = json_of(RUN("--json", "review", "show", "C1", "--year", "2017"));
    json_t *fin = json_object_get(j, "final");
    assert_string_equal(json_string_value(json_object_get(fin, "label")),
                        "Trong sạch, vững mạnh tiêu biểu");
    assert_string_equal(json_string_value(json_object_get(fin, "legacy_level")), "tsvm_tieu_bieu");
    assert_string_equal(json_string_value(json_object_get(fin, "level")), "htxsnv");
    assert_true(json_is_true(json_object_get(fin, "historical")));
    json_decref(j);
    r = RUN("review", "report", "TH", "--year", "2017", "--list");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out.ptr, "có 12 tổ chức cơ sở Đảng đạt trong sạch, vững mạnh (trong "
                                      "đó có 1 tổ chức cơ sở Đảng đạt trong sạch, vững mạnh tiêu "
                                      "biểu); 14"));
    /* the list names each organization by its own code (not its parent's) */
    assert_non_null(strstr(r.out.ptr, "Chi bộ số 1 (C1)"));
    release(&r);
    db_paths_unlink();
}

static void test_history_recorded_directly(void **state)
{
    (void)state;
    setup_tay_ho();
    /* before: a 2017 decision needed a self-assessment and a verification with scores */
    refused(RUN("review", "decide", "C5", "--year", "2017", "--level", "tsvm", "--decision", "1",
                "--decision-date", "20/01/2018"),
            "step");
    char *before = fingerprint();
    /* history is for past years only; an unknown level names the field */
    refused(RUN("review", "record", "C5", "--year", "2026", "--level", "httnv"), "year");
    refused(RUN("review", "record", "C5", "--year", "2017", "--level", "gioi"), "level");
    refused(RUN("review", "record", "C5", "--year", "2017"), "level");
    refused(RUN("review", "record", "C5", "--year", "2017", "--level", "httnv", "--score", "1=8"),
            "--score");
    char *after = fingerprint();
    assert_string_equal(before, after);
    free(before);
    free(after);

    ok(RUN("review", "record", "C5", "--year", "2017", "--level", "yeu_kem", "--decision",
           "125-QĐ/QU", "--decision-date", "20/01/2018"));
    json_t *j = json_of(RUN("--json", "review", "show", "C5", "--year", "2017"));
    assert_string_equal(json_string_value(json_object_get(j, "state")), "decided");
    assert_true(json_is_null(json_object_get(j, "self")));
    assert_true(json_is_null(json_object_get(j, "verified")));
    json_t *steps = json_object_get(j, "steps");
    assert_int_equal(json_array_size(steps), 1);
    json_t *s0 = json_array_get(steps, 0);
    assert_string_equal(json_string_value(json_object_get(s0, "step")), "record");
    assert_string_equal(json_string_value(json_object_get(s0, "level_label")), "Yếu kém");
    assert_int_equal(json_object_size(json_object_get(s0, "scores")), 0);
    assert_true(json_is_null(json_object_get(s0, "total")));
    json_t *fin = json_object_get(j, "final");
    assert_true(json_is_true(json_object_get(fin, "historical")));
    assert_string_equal(json_string_value(json_object_get(fin, "decision_no")), "125-QĐ/QU");
    json_decref(j);
    /* locked like any decision */
    refused(RUN("review", "record", "C5", "--year", "2017", "--level", "httnv"), "step");
    /* text output marks it */
    struct result r = RUN("review", "show", "C5", "--year", "2017");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out.ptr, "số liệu lịch sử"));
    release(&r);
    db_paths_unlink();
}

/* TU > DB1 (đảng bộ cơ sở, phường) > CB1..CB6; members 1..3 in CB1, admitted 2010. */
static void setup_branch(void)
{
    snprintf(db, sizeof(db), "/tmp/tcxd-test-review-rules-%d.db", (int)getpid());
    db_paths_unlink();
    ok(RUN("init"));
    ok(RUN("org", "add", "TU", "Đảng bộ quận", "--tier", "above_base", "--form", "dang_bo",
           "--date", "01/01/2010"));
    ok(RUN("org", "add", "DB1", "Đảng bộ phường Một", "--tier", "base", "--form", "dang_bo",
           "--type", "phuong", "--parent", "TU", "--date", "01/01/2010"));
    for (int i = 1; i <= 6; i++) {
        char code[8], name[32];
        snprintf(code, sizeof(code), "CB%d", i);
        snprintf(name, sizeof(name), "Chi bộ khu phố %d", i);
        ok(RUN("org", "add", code, name, "--tier", "below_base", "--form", "chi_bo", "--parent",
               "DB1", "--date", "01/01/2010"));
    }
    for (int i = 1; i <= 3; i++) {
        char name[64];
        snprintf(name, sizeof(name), "Nguyễn Văn Thử %d", i);
        ok(RUN("member", "add", "--org", "CB1", "--name", name, "--gender", "nam", "--birth",
               "02/02/1975", "--decision-date", "01/03/2010", "--ceremony-date", "15/03/2010",
               "--official-date", "20/03/2011"));
    }
}

/* The proposal of a review as `review show --json` gives it (level; forced; reasons joined). */
static void proposal_of(const char *subject, const char *year, char level[16], bool *forced,
                        struct buf *reasons)
{
    json_t *j = json_of(RUN("--json", "review", "show", subject, "--year", year));
    json_t *p = json_object_get(j, "proposal");
    assert_true(json_is_object(p));
    snprintf(level, 16, "%s", json_string_value(json_object_get(p, "level")));
    *forced = json_is_true(json_object_get(p, "forced"));
    buf_reset(reasons);
    json_t *rs = json_object_get(p, "reasons");
    for (size_t i = 0; i < json_array_size(rs); i++) {
        buf_adds(reasons, json_string_value(json_array_get(rs, i)));
        buf_adds(reasons, "\n");
    }
    json_decref(j);
}

#define GRADES_124(g)                                                                              \
    "--score", "1=" g, "--score", "2=" g, "--score", "3=" g, "--score", "4=" g, "--score", "5=" g

static void test_targets_qd124_and_forced_decision(void **state)
{
    (void)state;
    setup_branch();
    char level[16];
    bool forced;
    struct buf why = BUF_INIT;

    /* QĐ 124, a chi bộ: < 50% of its targets with a key target missed forces KHTNV */
    ok(RUN("review", "self", "CB2", "--year", "2023", GRADES_124("tot")));
    ok(RUN("review", "verify", "CB2", "--year", "2023", GRADES_124("tot"), "--targets", "4/10"));
    proposal_of("CB2", "2023", level, &forced, &why);
    assert_string_equal(level, "httnv"); /* no key target missed: the rule does not fire */
    assert_false(forced);
    ok(RUN("review", "verify", "CB2", "--year", "2023", GRADES_124("tot"), "--targets", "4/10",
           "--key-target-missed"));
    proposal_of("CB2", "2023", level, &forced, &why);
    assert_string_equal(level, "khtnv");
    assert_true(forced);
    assert_non_null(strstr(why.ptr, "hoàn thành 4/10 chỉ tiêu"));
    /* 5/10 is not below 50% */
    ok(RUN("review", "verify", "CB2", "--year", "2023", GRADES_124("tot"), "--targets", "5/10",
           "--key-target-missed"));
    proposal_of("CB2", "2023", level, &forced, &why);
    assert_false(forced);
    ok(RUN("review", "verify", "CB2", "--year", "2023", GRADES_124("tot"), "--targets", "4/10",
           "--key-target-missed"));

    /* departing from the forced level needs a recorded reason */
    char *before = fingerprint();
    refused(RUN("review", "decide", "CB2", "--year", "2023", "--level", "httnv", "--decision",
                "15-QĐ/ĐU", "--decision-date", "10/01/2024"),
            "override_reason");
    refused(
        RUN("review", "verify", "CB2", "--year", "2023", GRADES_124("tot"), "--targets", "11/10"),
        "targets");
    refused(RUN("review", "verify", "CB2", "--year", "2023", GRADES_124("tot"), "--on-time", "3"),
            "--targets");
    char *after = fingerprint();
    assert_string_equal(before, after);
    free(before);
    free(after);
    ok(RUN("review", "decide", "CB2", "--year", "2023", "--level", "httnv", "--decision",
           "15-QĐ/ĐU", "--decision-date", "10/01/2024", "--override-reason",
           "chỉ tiêu chủ yếu không đạt do địa giới thay đổi giữa năm"));
    json_t *j = json_of(RUN("--json", "review", "show", "CB2", "--year", "2023"));
    json_t *steps = json_object_get(j, "steps");
    json_t *dec = json_array_get(steps, json_array_size(steps) - 1);
    json_t *facts = json_object_get(dec, "facts");
    assert_string_equal(json_string_value(json_object_get(facts, "override_reason")),
                        "chỉ tiêu chủ yếu không đạt do địa giới thay đổi giữa năm");
    assert_true(json_is_true(json_object_get(facts, "departs_from_forced")));
    assert_non_null(
        strstr(json_string_value(json_array_get(json_object_get(facts, "forced_by"), 0)), "4/10"));
    json_decref(j);
    /* the text of the decision shows the forcing rule and the reason */
    struct result r = RUN("review", "show", "CB2", "--year", "2023");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out.ptr, "hoàn thành 4/10 chỉ tiêu"));
    assert_non_null(strstr(r.out.ptr, "địa giới thay đổi"));
    release(&r);

    /* a decision that follows the forced level needs no reason */
    ok(RUN("review", "self", "CB3", "--year", "2023", GRADES_124("tot")));
    ok(RUN("review", "verify", "CB3", "--year", "2023", GRADES_124("tot"), "--targets", "1/10",
           "--key-target-missed"));
    ok(RUN("review", "decide", "CB3", "--year", "2023", "--level", "khtnv", "--decision",
           "15-QĐ/ĐU", "--decision-date", "10/01/2024"));

    /* QĐ 124, a đảng bộ: 1 of 6 sub-units disciplined (under 20%) counts as not self-remedied
       unless said so, as for a person: KHTNV; remedied, it only bars HTXSNV */
    ok(RUN("review", "self", "DB1", "--year", "2023", GRADES_124("xuat_sac")));
    ok(RUN("review", "verify", "DB1", "--year", "2023", GRADES_124("xuat_sac"), "--sub-disciplined",
           "1"));
    proposal_of("DB1", "2023", level, &forced, &why);
    assert_string_equal(level, "khtnv");
    assert_true(forced);
    ok(RUN("review", "verify", "DB1", "--year", "2023", GRADES_124("xuat_sac"), "--sub-disciplined",
           "1", "--sub-remedied", "1"));
    proposal_of("DB1", "2023", level, &forced, &why);
    assert_string_equal(level, "httnv");
    assert_false(forced);
    refused(RUN("review", "verify", "DB1", "--year", "2023", GRADES_124("xuat_sac"),
                "--sub-disciplined", "1", "--sub-remedied", "2"),
            "sub_remedied");
    buf_release(&why);
    db_paths_unlink();
}

/* member 1 as a leader in 2025 (QĐ 366): 1.1 8, 1.2 8, 1.3 7, 1.4 7, 2.1 25 of 30, 2.2 20,
   2.3 10, 2.4 10 = 95 */
#define LEADER_95                                                                                  \
    "--score", "1.1=8", "--score", "1.2=8", "--score", "1.3=7", "--score", "1.4=7", "--score",     \
        "2.1=25", "--score", "2.2=20", "--score", "2.3=10", "--score", "2.4=10"

static void test_targets_qd366_leader(void **state)
{
    (void)state;
    setup_branch();
    char level[16];
    bool forced;
    struct buf why = BUF_INIT;
    ok(RUN("review", "self", "1", "--year", "2025", "--as", "leader", LEADER_95));
    ok(RUN("review", "verify", "1", "--year", "2025", LEADER_95));
    proposal_of("1", "2025", level, &forced, &why);
    assert_string_equal(level, "htxsnv");

    /* the unit led did < 70% of its targets */
    ok(RUN("review", "verify", "1", "--year", "2025", LEADER_95, "--unit-targets", "6/10"));
    proposal_of("1", "2025", level, &forced, &why);
    assert_string_equal(level, "khtnv");
    assert_true(forced);
    assert_non_null(strstr(why.ptr, "6/10"));
    ok(RUN("review", "verify", "1", "--year", "2025", LEADER_95, "--unit-targets", "7/10"));
    proposal_of("1", "2025", level, &forced, &why);
    assert_false(forced);
    /* the 5 socio-economic targets */
    ok(RUN("review", "verify", "1", "--year", "2025", LEADER_95, "--se-targets-missed"));
    proposal_of("1", "2025", level, &forced, &why);
    assert_true(forced);
    assert_non_null(strstr(why.ptr, "kinh tế - xã hội"));
    /* more than half the units in charge KHTNV: 3/5 forces, 2/4 does not */
    ok(RUN("review", "verify", "1", "--year", "2025", LEADER_95, "--units-khtnv", "3/5"));
    proposal_of("1", "2025", level, &forced, &why);
    assert_true(forced);
    ok(RUN("review", "verify", "1", "--year", "2025", LEADER_95, "--units-khtnv", "2/4"));
    proposal_of("1", "2025", level, &forced, &why);
    assert_false(forced);
    /* HTXSNV needs 100% on time and >= 30% exceeded */
    ok(RUN("review", "verify", "1", "--year", "2025", LEADER_95, "--targets", "10/10", "--exceeded",
           "2"));
    proposal_of("1", "2025", level, &forced, &why);
    assert_string_equal(level, "httnv");
    ok(RUN("review", "verify", "1", "--year", "2025", LEADER_95, "--targets", "10/10", "--exceeded",
           "3", "--on-time", "9"));
    proposal_of("1", "2025", level, &forced, &why);
    assert_string_equal(level, "htnv"); /* not all on time: neither HTXSNV nor HTTNV (QĐ 366) */
    assert_non_null(strstr(why.ptr, "đúng hạn 9/10"));
    ok(RUN("review", "verify", "1", "--year", "2025", LEADER_95, "--targets", "10/10", "--exceeded",
           "3"));
    proposal_of("1", "2025", level, &forced, &why);
    assert_string_equal(level, "htxsnv");
    buf_release(&why);
    db_paths_unlink();
}

/* A chi bộ is decided after its members; before them only with a recorded reason. */
static void test_party_org_after_its_members(void **state)
{
    (void)state;
    setup_branch();
    ok(RUN("review", "self", "CB1", "--year", "2023", GRADES_124("tot")));
    ok(RUN("review", "verify", "CB1", "--year", "2023", GRADES_124("tot")));
    ok(RUN("review", "self", "DB1", "--year", "2023", GRADES_124("tot")));
    ok(RUN("review", "verify", "DB1", "--year", "2023", GRADES_124("tot")));
    char *before = fingerprint();
    struct result r = RUN("review", "decide", "CB1", "--year", "2023", "--level", "httnv",
                          "--decision", "15-QĐ/ĐU", "--decision-date", "10/01/2024");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err.ptr, "3 of 3 members"));
    assert_non_null(strstr(r.err.ptr, "order"));
    release(&r);
    /* a đảng bộ after its 6 chi bộ */
    r = RUN("review", "decide", "DB1", "--year", "2023", "--level", "httnv", "--decision",
            "15-QĐ/QU", "--decision-date", "10/01/2024");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err.ptr, "6 of 6 sub-organizations"));
    release(&r);
    char *after = fingerprint();
    assert_string_equal(before, after);
    free(before);
    free(after);
    ok(RUN("review", "decide", "CB1", "--year", "2023", "--level", "httnv", "--decision",
           "15-QĐ/ĐU", "--decision-date", "10/01/2024", "--override-reason",
           "đảng viên đang đi công tác dài ngày"));
    json_t *j = json_of(RUN("--json", "review", "show", "CB1", "--year", "2023"));
    json_t *steps = json_object_get(j, "steps");
    json_t *facts = json_object_get(json_array_get(steps, json_array_size(steps) - 1), "facts");
    json_t *parts = json_object_get(facts, "decided_before_parts");
    assert_int_equal(json_integer_value(json_object_get(parts, "expected")), 3);
    assert_int_equal(json_integer_value(json_object_get(parts, "decided")), 0);
    assert_string_equal(json_string_value(json_object_get(facts, "override_reason")),
                        "đảng viên đang đi công tác dài ngày");
    json_decref(j);
    db_paths_unlink();
}

/* QĐ 124: the cap among units of similar roles (loại hình), checked on a group decided at
   once. Under TU: P1..P4 đảng bộ cơ sở phường, P5 a chi bộ cơ sở phường, P6 the candidate for
   HTXSNV (đảng bộ cơ sở phường), Q1 a chi bộ cơ sở of a cơ quan hành chính. */
static void test_batch_cap_by_type(void **state)
{
    (void)state;
    snprintf(db, sizeof(db), "/tmp/tcxd-test-review-batch-%d.db", (int)getpid());
    db_paths_unlink();
    ok(RUN("init"));
    ok(RUN("org", "add", "TU", "Đảng bộ quận", "--tier", "above_base", "--form", "dang_bo",
           "--date", "01/01/2010"));
    const char *codes[] = {"P1", "P2", "P3", "P4", "P5", "P6", "Q1"};
    for (int i = 0; i < 7; i++) {
        char name[40];
        snprintf(name, sizeof(name), "Tổ chức cơ sở %s", codes[i]);
        ok(RUN("org", "add", codes[i], name, "--tier", "base", "--form",
               i == 4 || i == 6 ? "chi_bo" : "dang_bo", "--type",
               i == 6 ? "co_quan_hanh_chinh" : "phuong", "--parent", "TU", "--date", "01/01/2010"));
        const char *g = i == 5 ? "xuat_sac" : "tot";
        char sc[5][16];
        for (int k = 0; k < 5; k++)
            snprintf(sc[k], sizeof(sc[k]), "%d=%s", k + 1, g);
        ok(RUN("review", "self", codes[i], "--year", "2023", "--score", sc[0], "--score", sc[1],
               "--score", sc[2], "--score", sc[3], "--score", sc[4]));
        ok(RUN("review", "verify", codes[i], "--year", "2023", "--score", sc[0], "--score", sc[1],
               "--score", sc[2], "--score", sc[3], "--score", sc[4]));
    }
    char csv[300];
    snprintf(csv, sizeof(csv), "%s.levels.csv", db);

    /* HTXSNV first in the file: one by one it would be refused (no HTTNV yet); P5 HTNV leaves 4
       HTTNV of type phường (Q1 is another type), which allow none: refused, nothing written */
    FILE *f = fopen(csv, "w");
    assert_non_null(f);
    fputs("subject,level,reason\nP6,htxsnv\nP1,httnv\nP2,httnv\nP3,httnv\nP4,httnv\nP5,htnv\n"
          "Q1,httnv\n",
          f);
    fclose(f);
    char *before = fingerprint();
    struct result r = RUN("review", "batch", "--year", "2023", "--levels", csv, "--decision",
                          "20-QĐ/QU", "--decision-date", "15/01/2024");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err.ptr, "loại hình Phường"));
    assert_non_null(strstr(r.err.ptr, "line 2 (P6)"));
    release(&r);
    char *after = fingerprint();
    assert_string_equal(before, after);
    free(before);
    free(after);

    /* P5 (a chi bộ cơ sở) HTTNV: 5 HTTNV of type phường, whatever their form, allow one */
    f = fopen(csv, "w");
    assert_non_null(f);
    fputs("P6,htxsnv\nP1,httnv\nP2,httnv\nP3,httnv\nP4,httnv\nP5,httnv\nQ1,httnv\n", f);
    fclose(f);
    json_t *j = json_of(RUN("--json", "review", "batch", "--year", "2023", "--levels", csv,
                            "--decision", "20-QĐ/QU", "--decision-date", "15/01/2024"));
    assert_int_equal(json_integer_value(json_object_get(j, "decided")), 7);
    json_decref(j);
    j = json_of(RUN("--json", "review", "show", "P6", "--year", "2023"));
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "final"), "level")),
                        "htxsnv");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(j, "final"), "decision_no")), "20-QĐ/QU");
    json_decref(j);
    unlink(csv);
    db_paths_unlink();
}

/* Seed 004: in 2022 a district keeps 39 base organizations on the Nghị quyết 15 list and 14
   followed by its steering committee; by 30/06/2022 7 of the 39 are consolidated, an 8th on
   20/09/2022. The half-year figure stays 07/39 whatever is consolidated after. */
static void test_weak_lists(void **state)
{
    (void)state;
    snprintf(db, sizeof(db), "/tmp/tcxd-test-review-weak-%d.db", (int)getpid());
    db_paths_unlink();
    ok(RUN("init"));
    ok(RUN("org", "add", "QH", "Đảng bộ huyện", "--tier", "above_base", "--form", "dang_bo",
           "--date", "01/01/2010"));
    const char *nq15 = "theo Nghị quyết 15", *bcd = "do Ban Chỉ đạo cấp huyện theo dõi";
    for (int i = 1; i <= 40; i++) {
        char code[8], name[32];
        snprintf(code, sizeof(code), "X%d", i);
        snprintf(name, sizeof(name), "Đảng bộ xã số %d", i);
        ok(RUN("org", "add", code, name, "--tier", "base", "--form", "dang_bo", "--type", "xa",
               "--parent", "QH", "--date", "01/01/2010"));
        if (i == 40) /* listed in August: not on the list on 30/06 */
            ok(RUN("review", "weak", "add", code, "--year", "2022", "--basis", nq15, "--listed-on",
                   "01/08/2022"));
        else if (i <= 7) {
            char on[16];
            snprintf(on, sizeof(on), "%02d/0%d/2022", i, 3 + i % 3);
            ok(RUN("review", "weak", "add", code, "--year", "2022", "--basis", nq15, "--status",
                   "consolidated", "--consolidated-on", on));
        } else if (i == 8) {
            ok(RUN("review", "weak", "add", code, "--year", "2022", "--basis", nq15, "--status",
                   "consolidated", "--consolidated-on", "20/09/2022"));
        } else {
            ok(RUN("review", "weak", "add", code, "--year", "2022", "--basis", nq15));
        }
        if (i <= 14)
            ok(RUN("review", "weak", "add", code, "--year", "2022", "--basis", bcd,
                   i <= 5 ? "--status" : NULL, "consolidated", "--consolidated-on", "10/05/2022"));
    }
    /* X9 was on the 2021 list too: over 2021-2022 it is one organization */
    ok(RUN("review", "weak", "add", "X9", "--year", "2021", "--basis", nq15));

    struct result r =
        RUN("review", "weak", "list", "QH", "--year", "2022", "--as-of", "30/06/2022");
    assert_int_equal(r.status, 0);
    if (!strstr(r.out.ptr, "theo Nghị quyết 15: đã củng cố 07/39 (17,9%)"))
        fail_msg("no 07/39 in:\n%s", r.out.ptr);
    assert_non_null(strstr(r.out.ptr, "do Ban Chỉ đạo cấp huyện theo dõi: đã củng cố 05/14 "
                                      "(35,7%)"));
    assert_non_null(strstr(r.out.ptr, "30/06/2022"));
    release(&r);
    /* today: the 8th and the August entry count */
    json_t *j = json_of(RUN("--json", "review", "weak", "list", "QH", "--year", "2022"));
    json_t *l0 = json_array_get(json_object_get(j, "lists"), 0);
    json_t *l1 = json_array_get(json_object_get(j, "lists"), 1);
    json_t *nq = !strcmp(json_string_value(json_object_get(l0, "basis")), nq15) ? l0 : l1;
    assert_int_equal(json_integer_value(json_object_get(nq, "total")), 40);
    assert_int_equal(json_integer_value(json_object_get(nq, "consolidated")), 8);
    assert_true(json_real_value(json_object_get(nq, "share")) == 20.0);
    json_decref(j);
    /* one list; over 2021-2022 X9 counts once */
    j = json_of(RUN("--json", "review", "weak", "list", "QH", "--from", "2021", "--to", "2022",
                    "--basis", nq15, "--as-of", "30/06/2022"));
    assert_int_equal(json_array_size(json_object_get(j, "lists")), 1);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 39);
    assert_int_equal(json_integer_value(json_object_get(j, "consolidated")), 7);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 41); /* 40 + X9 of 2021 */
    assert_string_equal(json_string_value(json_object_get(j, "sentence")),
                        "đã củng cố 07/39 (17,9%)");
    json_decref(j);
    /* the same organization, year and list twice is refused; another list is not */
    refused(RUN("review", "weak", "add", "X9", "--year", "2022", "--basis", nq15), "org");
    refused(RUN("review", "weak", "add", "X9", "--year", "2022", "--listed-on", "01/01/2099"),
            "listed_on");
    ok(RUN("review", "weak", "add", "X9", "--year", "2022"));
    db_paths_unlink();
}

int main(int argc, char **argv)
{
    tcxd = argc > 1 ? argv[1] : getenv("TCXD_BIN");
    if (!tcxd) {
        fprintf(stderr, "usage: test_review_history_cli PATH_TO_TCXD\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_in_the_years_words),
        cmocka_unit_test(test_history_recorded_directly),
        cmocka_unit_test(test_targets_qd124_and_forced_decision),
        cmocka_unit_test(test_targets_qd366_leader),
        cmocka_unit_test(test_party_org_after_its_members),
        cmocka_unit_test(test_batch_cap_by_type),
        cmocka_unit_test(test_weak_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
