/*
 * test_cli.c - the real tcxd binary on a temporary database: JSON outputs, counts before and
 * after a transfer, a merge and a dissolution (expected values computed here from the operations
 * the test performs), and every class of bad input: exit status 2, a one-line message naming the
 * field, and nothing written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "util/buf.h"

#define ARRAY_SIZE_(a) (sizeof(a) / sizeof((a)[0]))

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

/* Runs tcxd --db DB args... (NULL-terminated). */
static struct result run(const char *first, ...)
{
    const char *argv[64];
    int n = 0;
    argv[n++] = tcxd;
    argv[n++] = "--db";
    argv[n++] = db;
    va_list ap;
    va_start(ap, first);
    for (const char *a = first; a && n < 62; a = va_arg(ap, const char *))
        argv[n++] = a;
    va_end(ap);
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
        execv(tcxd, (char *const *)argv);
        _exit(127);
    }
    close(po[1]);
    close(pe[1]);
    struct result r = {0, BUF_INIT, BUF_INIT};
    read_all(po[0], &r.out); /* outputs here are small: read stdout then stderr */
    read_all(pe[0], &r.err);
    close(po[0]);
    close(pe[0]);
    int st;
    waitpid(pid, &st, 0);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
    return r;
}

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

static json_t *run_json(const char *a, const char *b, const char *c, const char *d)
{
    struct result r = run("--json", a, b, c, d, (const char *)NULL);
    if (r.status != 0)
        fail_msg("exit %d: %s", r.status, r.err.ptr);
    json_error_t je;
    json_t *j = json_loads(r.out.ptr, 0, &je);
    if (!j)
        fail_msg("not JSON (%s): %s", je.text, r.out.ptr);
    release(&r);
    return j;
}

static long long member_total(const char *org, const char *date)
{
    json_t *j = run_json("stats", org, "--as-of", date);
    long long n = json_integer_value(json_object_get(json_object_get(j, "members"), "total"));
    json_decref(j);
    return n;
}

static long long orgs_of(const char *org, const char *date, const char *kind)
{
    json_t *j = run_json("stats", org, "--as-of", date);
    long long n = json_integer_value(json_object_get(json_object_get(j, "orgs"), kind));
    json_decref(j);
    return n;
}

static int setup(void **state)
{
    snprintf(db, sizeof(db), "/tmp/tcxd-test-cli-%d.db", (int)getpid());
    unlink(db);
    ok(run("init", (const char *)NULL));
    ok(run("org", "add", "T", "Đảng bộ tỉnh Thử", "--tier", "above_base", "--form", "dang_bo",
           "--date", "01/01/2010", (const char *)NULL));
    const char *dist[] = {"T.A", "T.B"};
    for (int i = 0; i < 2; i++)
        ok(run("org", "add", dist[i], "Đảng bộ huyện", "--tier", "above_base", "--form", "dang_bo",
               "--parent", "T", "--date", "01/01/2010", (const char *)NULL));
    ok(run("org", "add", "T.A.X", "Đảng bộ xã X", "--tier", "base", "--form", "dang_bo", "--type",
           "xa", "--parent", "T.A", "--date", "01/01/2010", (const char *)NULL));
    ok(run("org", "add", "T.B.Y", "Chi bộ cơ sở Y", "--tier", "base", "--form", "chi_bo", "--type",
           "co_quan_hanh_chinh", "--parent", "T.B", "--date", "01/01/2010", (const char *)NULL));
    const char *chi[] = {"T.A.X.1", "T.A.X.2", "T.A.X.3"};
    for (int i = 0; i < 3; i++)
        ok(run("org", "add", chi[i], "Chi bộ thôn", "--tier", "below_base", "--form", "chi_bo",
               "--parent", "T.A.X", "--date", "01/01/2010", (const char *)NULL));
    return 0;
}

static int teardown(void **state)
{
    unlink(db);
    char p[300];
    snprintf(p, sizeof(p), "%s-wal", db);
    unlink(p);
    snprintf(p, sizeof(p), "%s-shm", db);
    unlink(p);
    return 0;
}

static void admit(const char *org, const char *name, const char *nid, const char *decision)
{
    ok(run("member", "add", "--org", org, "--name", name, "--gender", "nam", "--birth",
           "01/01/1980", "--decision-date", decision, "--national-id", nid, (const char *)NULL));
}

/* Counts before and after a transfer, a merge and a dissolution. */
static void test_counts_through_operations(void **state)
{
    /* admitted: 3 in chi 1, 2 in chi 2, 1 in chi 3, 2 in the chi bộ cơ sở Y */
    int in[4] = {3, 2, 1, 2};
    const char *orgs[] = {"T.A.X.1", "T.A.X.2", "T.A.X.3", "T.B.Y"};
    char nid[24], name[32];
    int k = 0;
    for (int o = 0; o < 4; o++)
        for (int i = 0; i < in[o]; i++, k++) {
            snprintf(nid, sizeof(nid), "0011800%05d", k);
            snprintf(name, sizeof(name), "Lê Văn Số %d", k);
            admit(orgs[o], name, nid, "01/03/2015");
        }
    assert_int_equal(member_total("T", "31/12/2014"), 0);
    assert_int_equal(member_total("T", "31/12/2015"), in[0] + in[1] + in[2] + in[3]);
    assert_int_equal(member_total("T.A", "31/12/2015"), in[0] + in[1] + in[2]);
    assert_int_equal(member_total("T.B", "31/12/2015"), in[3]);

    /* official transfer of member #1 (in chi 1) to Y on 01/06/2018 */
    ok(run("member", "transfer", "1", "--to", "T.B.Y", "--date", "01/06/2018", (const char *)NULL));
    assert_int_equal(member_total("T.A", "31/05/2018"), in[0] + in[1] + in[2]);
    assert_int_equal(member_total("T.A", "01/06/2018"), in[0] + in[1] + in[2] - 1);
    assert_int_equal(member_total("T.B", "01/06/2018"), in[3] + 1);
    /* a temporary transfer is counted at home only */
    ok(run("member", "transfer", "2", "--to", "T.B.Y", "--temporary", "--date", "01/07/2018",
           (const char *)NULL));
    assert_int_equal(member_total("T.B", "01/08/2018"), in[3] + 1);

    /* merge chi 1 into chi 2 on 01/01/2019: members move, chi 1 ends */
    ok(run("org", "merge", "T.A.X.1", "T.A.X.2", "--date", "01/01/2019", (const char *)NULL));
    assert_int_equal(member_total("T.A.X.2", "31/12/2018"), in[1]);
    assert_int_equal(member_total("T.A.X.2", "01/01/2019"), in[1] + in[0] - 1);
    assert_int_equal(orgs_of("T.A", "31/12/2018", "chi_bo_truc_thuoc"), 3);
    assert_int_equal(orgs_of("T.A", "01/01/2019", "chi_bo_truc_thuoc"), 2);

    /* dissolving chi 3 needs a destination for its member */
    struct result r = run("org", "dissolve", "T.A.X.3", "--date", "01/01/2020", (const char *)NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err.ptr, "T.A.X.3"));
    release(&r);
    ok(run("org", "dissolve", "T.A.X.3", "--members-to", "T.A.X.2", "--date", "01/01/2020",
           (const char *)NULL));
    assert_int_equal(member_total("T.A", "01/01/2020"), in[0] + in[1] + in[2] - 1);
    assert_int_equal(member_total("T.A.X.2", "01/01/2020"), in[0] + in[1] + in[2] - 1);
    assert_int_equal(orgs_of("T.A", "01/01/2020", "chi_bo_truc_thuoc"), 1);
    /* the past is answered as it was */
    assert_int_equal(orgs_of("T.A", "31/12/2015", "chi_bo_truc_thuoc"), 3);
    assert_int_equal(member_total("T.A.X.1", "31/12/2015"), in[0]);

    /* move the base organization Y from district B to district A */
    ok(run("org", "move", "T.B.Y", "T.A", "--date", "01/03/2020", (const char *)NULL));
    assert_int_equal(member_total("T.A", "01/03/2020"), in[0] + in[1] + in[2] + in[3]);
    assert_int_equal(member_total("T.B", "01/03/2020"), 0);
    assert_int_equal(member_total("T.B", "29/02/2020"), in[3] + 1);
    assert_int_equal(orgs_of("T", "01/03/2020", "chi_bo_co_so"), 1);
}

/* Every bad input: exit 2, one line naming the field, nothing written. */
static void test_bad_input(void **state)
{
    struct result snap = run("--json", "member", "list", "T", (const char *)NULL);
    struct result tree = run("--json", "org", "tree", (const char *)NULL);
    struct {
        const char *args[16];
        const char *needle; /* what the message must contain */
    } cases[] = {
        {{"org", "show", "NOPE"}, "NOPE"},
        {{"org", "add", "T.C", "Chi bộ", "--tier", "below_base", "--form", "chi_bo", "--parent",
          "T.A.X.2"},
         "chi bộ"},
        {{"org", "add", "T.C", "X", "--tier", "above_base", "--form", "dang_bo", "--parent", "T",
          "--date", "31/02/2020"},
         "31/02/2020"},
        {{"org", "add", "T.C", "X", "--tier", "above_base", "--form", "dang_bo", "--parent", "T",
          "--date", "01/01/2999"},
         "future"},
        {{"member", "admit", "--org", "T.A.X.2", "--name", "A B", "--gender", "nam", "--birth",
          "31/02/1990", "--decision-date", "01/01/2020"},
         "birth_date"},
        {{"member", "admit", "--org", "T.A.X.2", "--name", "A B", "--gender", "nam", "--birth",
          "01/01/1990", "--decision-date", "01/01/2020", "--national-id", "001180000001"},
         "national"},
        {{"member", "admit", "--org", "T.A.X.2", "--name", "A\xc3\x28", "--gender", "nam",
          "--birth", "01/01/1990", "--decision-date", "01/01/2020"},
         "full_name"},
        {{"member", "official", "7", "--decision-date", "01/02/2015"}, "12 months"},
        {{"member", "admit", "--org", "T.A.X.2", "--name", "A B", "--gender", "nam", "--birth",
          "01/01/2010", "--decision-date", "01/01/2020"},
         "birth_date"},
        {{"member", "transfer", "3", "--to", "T.A", "--date", "01/01/2021"}, "chi bộ"},
        {{"stats", "T", "--as-of", "2020-13-01"}, "as_of"},
    };
    char longname[700];
    memset(longname, 'x', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = 0;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char **a = cases[i].args;
        struct result r = run(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
                              a[11], a[12], a[13], a[14], (const char *)NULL);
        if (r.status != 2 || !strstr(r.err.ptr, cases[i].needle))
            fail_msg("case %zu: exit %d, message '%s' lacks '%s'", i, r.status, r.err.ptr,
                     cases[i].needle);
        /* one line */
        assert_ptr_equal(strchr(r.err.ptr, '\n'), r.err.ptr + r.err.len - 1);
        release(&r);
    }
    struct result r =
        run("member", "admit", "--org", "T.A.X.2", "--name", longname, "--gender", "nam", "--birth",
            "01/01/1990", "--decision-date", "01/01/2020", (const char *)NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err.ptr, "full_name"));
    release(&r);
    /* --json errors carry the code and field */
    r = run("--json", "member", "admit", "--org", "T.A.X.2", "--name", "A B", "--gender", "nam",
            "--birth", "31/02/1990", "--decision-date", "01/01/2020", (const char *)NULL);
    json_t *j = json_loads(r.out.ptr, 0, NULL);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")),
                        "birth_date");
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
                        "invalid");
    json_decref(j);
    release(&r);
    struct result snap2 = run("--json", "member", "list", "T", (const char *)NULL);
    struct result tree2 = run("--json", "org", "tree", (const char *)NULL);
    assert_string_equal(snap.out.ptr, snap2.out.ptr);
    assert_string_equal(tree.out.ptr, tree2.out.ptr);
    release(&snap);
    release(&snap2);
    release(&tree);
    release(&tree2);
}

static void test_search_variants(void **state)
{
    ok(run("member", "add", "--org", "T.A.X.2", "--name", "Đặng Thị Hoà", "--gender", "nữ",
           "--birth", "01/01/1985", "--decision-date", "01/01/2012", (const char *)NULL));
    /* look-alike Ð (U+00D0) and new-style tone placement (Hòa) find the same member */
    const char *queries[] = {"dang thi hoa", "ÐẶNG THỊ HÒA", "Đặng Thị Hòa", "dang thi",
                             /* given name first, as rolls are read */
                             "hoa", "Hoà Đặng", "hoa dang thi"};
    for (size_t i = 0; i < ARRAY_SIZE_(queries); i++) {
        struct result r = run("--json", "member", "find", queries[i], (const char *)NULL);
        assert_int_equal(r.status, 0);
        json_t *j = json_loads(r.out.ptr, 0, NULL);
        assert_non_null(j);
        json_t *items = json_object_get(j, "items");
        assert_int_equal(json_array_size(items), 1);
        assert_string_equal(
            json_string_value(json_object_get(json_array_get(items, 0), "full_name")),
            "Đặng Thị Hoà");
        json_decref(j);
        release(&r);
    }
}

/* Whole years from y/m/d to today (the local calendar, as tcxd's date_today). */
static int years_since(int y, int m, int d)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    int ty = tm.tm_year + 1900, tmo = tm.tm_mon + 1, td = tm.tm_mday;
    return ty - y - ((tmo < m || (tmo == m && td < d)) ? 1 : 0);
}

/* A member admitted in 1990 outside the database enters a chi bộ created on 01/07/2025: the
   admission place is text, party age and history are right, and the member is counted in the
   tree from the arrival only. */
static void test_admitted_outside(void **state)
{
    ok(run("org", "add", "T.N", "Đảng bộ xã Mới", "--tier", "base", "--form", "dang_bo", "--type",
           "xa", "--parent", "T.A", "--date", "01/07/2025", (const char *)NULL));
    ok(run("org", "add", "T.N.1", "Chi bộ thôn Mới", "--tier", "below_base", "--form", "chi_bo",
           "--parent", "T.N", "--date", "01/07/2025", (const char *)NULL));
    long long before_t = member_total("T", "30/06/2025"), after_t = member_total("T", "01/07/2025");
    const char *place = "Chi bộ Đội 3, xã Thanh Liệt, huyện Thanh Trì";
    /* without the place the chi bộ did not exist yet */
    struct result r = run("member", "add", "--org", "T.N.1", "--name", "Đỗ Văn Cả", "--gender",
                          "nam", "--birth", "01/01/1960", "--decision-date", "05/01/1990",
                          "--ceremony-date", "10/01/1990", (const char *)NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err.ptr, "T.N.1"));
    release(&r);
    /* a new admission (member admit) cannot be outside */
    r = run("member", "admit", "--org", "T.N.1", "--name", "Đỗ Văn Cả", "--gender", "nam",
            "--birth", "01/01/1960", "--decision-date", "05/01/1990", "--admission-place", place,
            (const char *)NULL);
    assert_int_equal(r.status, 2);
    release(&r);
    /* an arrival before the ceremony is refused */
    r = run("member", "add", "--org", "T.N.1", "--name", "Đỗ Văn Cả", "--gender", "nam", "--birth",
            "01/01/1960", "--decision-date", "05/01/1990", "--admission-place", place,
            "--arrival-date", "01/01/1989", (const char *)NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err.ptr, "arrival"));
    release(&r);
    assert_int_equal(member_total("T", "01/07/2025"), after_t);

    r = run("--json", "member", "add", "--org", "T.N.1", "--name", "Đỗ Văn Cả", "--gender", "nam",
            "--birth", "01/01/1960", "--decision-date", "05/01/1990", "--ceremony-date",
            "10/01/1990", "--official-date", "15/01/1991", "--admission-place", place,
            "--national-id", "001060099999", (const char *)NULL);
    if (r.status)
        fail_msg("exit %d: %s", r.status, r.err.ptr);
    json_t *j = json_loads(r.out.ptr, 0, NULL);
    char id[32];
    snprintf(id, sizeof(id), "%lld", (long long)json_integer_value(json_object_get(j, "id")));
    assert_string_equal(json_string_value(json_object_get(j, "status")), "official");
    json_decref(j);
    release(&r);
    /* counted from the arrival on (01/07/2025), not before; the chi bộ holds it then */
    assert_int_equal(member_total("T", "30/06/2025"), before_t);
    assert_int_equal(member_total("T", "01/07/2025"), after_t + 1);
    assert_int_equal(member_total("T.N.1", "01/07/2025"), 1);

    j = run_json("member", "show", id, NULL);
    assert_int_equal(json_integer_value(json_object_get(j, "party_age_years")),
                     years_since(1990, 1, 5));
    assert_string_equal(json_string_value(json_object_get(j, "admission_decision_date")),
                        "1990-01-05");
    assert_string_equal(json_string_value(json_object_get(j, "official_date")), "1991-01-10");
    json_t *ev = json_object_get(j, "events");
    assert_int_equal(json_array_size(ev), 3);
    json_t *adm = json_array_get(ev, 0);
    assert_string_equal(json_string_value(json_object_get(adm, "kind")), "admit");
    assert_true(json_is_null(json_object_get(adm, "org_id")));
    assert_non_null(strstr(json_string_value(json_object_get(adm, "detail")), place));
    assert_string_equal(json_string_value(json_object_get(json_array_get(ev, 1), "kind")),
                        "official");
    json_t *arr = json_array_get(ev, 2);
    assert_string_equal(json_string_value(json_object_get(arr, "kind")), "transfer");
    assert_string_equal(json_string_value(json_object_get(arr, "date")), "2025-07-01");
    json_decref(j);
}

/* counts.<what> of `report structure ORG --as-of D` */
static long long structure(const char *org, const char *date, const char *what)
{
    struct result r =
        run("report", "structure", org, "--as-of", date, "--format", "json", (const char *)NULL);
    if (r.status)
        fail_msg("exit %d: %s", r.status, r.err.ptr);
    json_t *j = json_loads(r.out.ptr, 0, NULL);
    assert_non_null(j);
    long long n = json_integer_value(json_object_get(json_object_get(j, "counts"), what));
    json_decref(j);
    release(&r);
    return n;
}

/* The id of the member's event of that kind (the first one). */
static char *event_id(const char *member, const char *kind, char *out, size_t cap)
{
    json_t *j = run_json("member", "show", member, NULL);
    json_t *ev = json_object_get(j, "events");
    out[0] = '\0';
    for (size_t i = 0; i < json_array_size(ev) && !out[0]; i++)
        if (!strcmp(json_string_value(json_object_get(json_array_get(ev, i), "kind")), kind))
            snprintf(out, cap, "%lld",
                     (long long)json_integer_value(json_object_get(json_array_get(ev, i), "id")));
    json_decref(j);
    assert_true(out[0]);
    return out;
}

/* Corrections are not life events: a back-dated transfer corrected, a ceremony corrected (the
   recognition follows), a transfer cancelled, a record corrected; the structure report of the
   days before and after follows the corrected facts (counts worked out here), a refused
   correction writes nothing, and every correction is listed with before, after and reason. */
static void test_corrections(void **state)
{
    ok(run("org", "add", "T.K", "Đảng bộ xã K", "--tier", "base", "--form", "dang_bo", "--type",
           "xa", "--parent", "T.B", "--date", "01/01/2010", (const char *)NULL));
    const char *chi[] = {"T.K.1", "T.K.2"};
    for (int i = 0; i < 2; i++)
        ok(run("org", "add", chi[i], "Chi bộ", "--tier", "below_base", "--form", "chi_bo",
               "--parent", "T.K", "--date", "01/01/2010", (const char *)NULL));
    const char *nid[] = {"001070000001", "001070000002", "001070000003"};
    ok(run("member", "add", "--org", "T.K.1", "--name", "Phan Văn Một", "--gender", "nam",
           "--birth", "01/01/1970", "--decision-date", "01/03/2015", "--national-id", nid[0],
           (const char *)NULL));
    ok(run("member", "add", "--org", "T.K.1", "--name", "Phan Văn Hai", "--gender", "nam",
           "--birth", "01/01/1970", "--decision-date", "01/03/2015", "--official-date",
           "05/03/2016", "--national-id", nid[1], (const char *)NULL));
    ok(run("member", "add", "--org", "T.K.1", "--name", "Phan Văn Ba", "--gender", "nam", "--birth",
           "01/01/1970", "--decision-date", "01/03/2015", "--national-id", nid[2],
           (const char *)NULL));
    ok(run("member", "transfer", nid[0], "--to", "T.K.2", "--date", "01/06/2018",
           (const char *)NULL));
    /* as entered: 3 in chi 1 until 31/05/2018, then 2 and 1 */
    assert_int_equal(structure("T.K.1", "31/12/2017", "members"), 3);
    assert_int_equal(structure("T.K.2", "31/12/2017", "members"), 0);
    assert_int_equal(structure("T.K", "31/12/2017", "members"), 3);
    long long t_2017 = member_total("T", "31/12/2017");

    /* the transfer was really on 01/06/2017 */
    char ev[32];
    struct result r =
        run("member", "event", "correct", nid[0], event_id(nid[0], "transfer", ev, 32), "--date",
            "01/06/2017", (const char *)NULL);
    assert_int_equal(r.status, 2); /* no reason */
    assert_non_null(strstr(r.err.ptr, "reason"));
    release(&r);
    assert_int_equal(structure("T.K.2", "31/12/2017", "members"), 0);
    ok(run("member", "event", "correct", nid[0], ev, "--date", "01/06/2017", "--reason",
           "ngày chuyển ghi nhầm năm", (const char *)NULL));
    assert_int_equal(structure("T.K.1", "31/05/2017", "members"), 3);
    assert_int_equal(structure("T.K.2", "31/05/2017", "members"), 0);
    assert_int_equal(structure("T.K.1", "01/06/2017", "members"), 2);
    assert_int_equal(structure("T.K.2", "01/06/2017", "members"), 1);
    assert_int_equal(structure("T.K.1", "31/12/2017", "members"), 2);
    assert_int_equal(structure("T.K.2", "31/12/2017", "members"), 1);
    assert_int_equal(structure("T.K", "31/12/2017", "members"), 3);
    assert_int_equal(member_total("T", "31/12/2017"), t_2017);
    assert_int_equal(member_total("T.K.2", "31/12/2017"), 1);

    /* member 2: recognised official from 01/03/2016 (ceremony + 12 months) */
    assert_int_equal(structure("T.K.1", "15/01/2016", "official"), 0);
    assert_int_equal(structure("T.K.1", "15/03/2016", "official"), 1);
    /* a ceremony on 01/09/2015 would put the recognition (decided 05/03/2016) before the 12
       months end: refused, nothing changes */
    r = run("member", "event", "correct", nid[1], event_id(nid[1], "admit", ev, 32),
            "--decision-date", "01/09/2015", "--ceremony-date", "01/09/2015", "--reason", "sai",
            (const char *)NULL);
    assert_int_equal(r.status, 2);
    release(&r);
    assert_int_equal(structure("T.K.1", "15/03/2016", "official"), 1);
    /* the ceremony was on 01/01/2015 (decision 01/01/2015): official from 01/01/2016 */
    ok(run("member", "event", "correct", nid[1], ev, "--decision-date", "01/01/2015",
           "--ceremony-date", "01/01/2015", "--reason", "theo quyết định gốc", (const char *)NULL));
    assert_int_equal(structure("T.K.1", "31/12/2014", "members"), 0);
    assert_int_equal(structure("T.K.1", "01/01/2015", "members"), 1);
    assert_int_equal(structure("T.K.1", "31/12/2015", "official"), 0);
    assert_int_equal(structure("T.K.1", "15/01/2016", "official"), 1);
    json_t *j = run_json("member", "show", nid[1], NULL);
    assert_string_equal(json_string_value(json_object_get(j, "official_date")), "2016-01-01");
    assert_string_equal(json_string_value(json_object_get(j, "ceremony_date")), "2015-01-01");
    json_decref(j);

    /* the transfer never happened */
    ok(run("member", "event", "cancel", nid[0], event_id(nid[0], "transfer", ev, 32), "--reason",
           "nhập trùng", (const char *)NULL));
    assert_int_equal(structure("T.K.1", "31/12/2017", "members"), 3);
    assert_int_equal(structure("T.K.2", "31/12/2017", "members"), 0);
    assert_int_equal(structure("T.K.2", "01/06/2018", "members"), 0);

    /* the record: name and hometown; the search follows */
    r = run("member", "correct", nid[2], "--name", "Phan Văn Bảy", (const char *)NULL);
    assert_int_equal(r.status, 2);
    release(&r);
    ok(run("member", "correct", nid[2], "--name", "Phan Văn Bảy", "--hometown", "Thanh Trì",
           "--reason", "sai chính tả", (const char *)NULL));
    j = run_json("member", "show", nid[2], NULL);
    assert_string_equal(json_string_value(json_object_get(j, "full_name")), "Phan Văn Bảy");
    assert_string_equal(json_string_value(json_object_get(j, "hometown")), "Thanh Trì");
    assert_string_equal(json_string_value(json_object_get(j, "ethnicity")), "Kinh");
    json_decref(j);
    r = run("--json", "member", "find", "phan van bay", (const char *)NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out.ptr, "Phan Văn Bảy"));
    release(&r);

    /* both kept: before, after, reason */
    j = run_json("member", "corrections", nid[0], NULL);
    json_t *items = json_object_get(j, "items");
    assert_int_equal(json_array_size(items), 2);
    json_t *c0 = json_array_get(items, 0), *c1 = json_array_get(items, 1);
    assert_string_equal(json_string_value(json_object_get(c0, "action")), "event");
    assert_string_equal(json_string_value(json_object_get(c0, "reason")),
                        "ngày chuyển ghi nhầm năm");
    assert_string_equal(json_string_value(json_object_get(json_object_get(c0, "before"), "date")),
                        "2018-06-01");
    assert_string_equal(json_string_value(json_object_get(json_object_get(c0, "after"), "date")),
                        "2017-06-01");
    assert_string_equal(json_string_value(json_object_get(c1, "action")), "cancel");
    json_decref(j);
    j = run_json("member", "corrections", nid[2], NULL);
    json_t *rec = json_array_get(json_object_get(j, "items"), 0);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(rec, "before"), "full_name")),
        "Phan Văn Ba");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(rec, "after"), "full_name")),
        "Phan Văn Bảy");
    json_decref(j);
}

/* Organizations that have ended (merged 01/01/2019, dissolved 01/01/2020 in
   test_counts_through_operations) can still be looked at: show (on their last day), history,
   audit. */
static void test_ended_orgs(void **state)
{
    json_t *j = run_json("org", "show", "T.A.X.1", NULL);
    assert_string_equal(json_string_value(json_object_get(j, "ended_on")), "2019-01-01");
    assert_string_equal(json_string_value(json_object_get(j, "as_of")), "2018-12-31");
    /* 3 admitted, member #1 transferred out on 01/06/2018 */
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "counts"), "members")),
                     2);
    json_decref(j);
    j = run_json("org", "show", "T.A.X.3", NULL);
    assert_string_equal(json_string_value(json_object_get(j, "ended_on")), "2020-01-01");
    json_decref(j);
    j = run_json("org", "history", "T.A.X.1", NULL);
    bool merged = false;
    for (size_t i = 0; i < json_array_size(j); i++)
        merged = merged || !strcmp(json_string_value(json_object_get(json_array_get(j, i), "kind")),
                                   "merged_into");
    assert_true(merged);
    json_decref(j);
    j = run_json("audit", "--org", "T.A.X.1", NULL);
    bool create = false, merge = false;
    for (size_t i = 0; i < json_array_size(j); i++) {
        const char *a = json_string_value(json_object_get(json_array_get(j, i), "action"));
        create = create || !strcmp(a, "org.create");
        merge = merge || !strcmp(a, "org.merge");
    }
    assert_true(create && merge);
    json_decref(j);
    /* an unknown code is still an error naming it */
    struct result r = run("org", "history", "T.NOPE", (const char *)NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err.ptr, "T.NOPE"));
    release(&r);
}

/* The Phiếu's fields: entered with member add, read back by key (names, or Vietnamese labels
   and aliases accepted), "chua_cap_nhat" until entered, corrected like the rest. */
static void test_phieu_fields(void **state)
{
    static const struct {
        const char *option, *value, *key, *stored;
    } f[] = {
        {"--other-name", "Ba Cả", "other_name", "Ba Cả"},
        {"--birth-registration", "xã Thanh Liệt", "birth_registration", "xã Thanh Liệt"},
        {"--permanent-address", "Số 5, ngõ 7", "permanent_address", "Số 5, ngõ 7"},
        {"--dossier-no", "0012345678", "dossier_no", "0012345678"},
        {"--occupation-before", "Sinh viên", "occupation_before", "sinh_vien"},
        {"--occupation", "vien_chuc", "occupation", "vien_chuc"},
        {"--work-status", "dang_lam_viec", "work_status", "dang_lam_viec"},
        {"--general-education", "Trung học phổ thông", "general_education", "thpt"},
        {"--professional-degree", "thạc sĩ", "professional_degree", "thac_si"},
        {"--academic-title", "PGS", "academic_title", "pho_giao_su"},
        {"--foreign-language", "chung_chi", "foreign_language", "chung_chi"},
        {"--it-level", "chung_chi", "it_level", "chung_chi"},
        {"--youth-union", "có", "youth_union", "co"},
        {"--business-owner", "không", "business_owner", "khong"},
        {"--foreign-marriage", "khong", "foreign_marriage", "khong"},
        {"--armed-forces", "Công an", "armed_forces", "cong_an"},
        {"--introducer-1", "Lê A, bí thư, chi bộ 1", "introducer_1", "Lê A, bí thư, chi bộ 1"},
        {"--introducer-2", "Lê B, đảng viên, chi bộ 1", "introducer_2",
         "Lê B, đảng viên, chi bộ 1"},
    };
    const char *argv[64] = {"member",        "add",          "--org",           "T.K.1",
                            "--name",        "Vũ Thị Phiếu", "--gender",        "nu",
                            "--birth",       "02/02/1990",   "--decision-date", "01/03/2015",
                            "--national-id", "001190000077"};
    size_t n = 14;
    for (size_t i = 0; i < ARRAY_SIZE_(f); i++) {
        argv[n++] = f[i].option;
        argv[n++] = f[i].value;
    }
    struct result r = run(
        argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6], argv[7], argv[8], argv[9],
        argv[10], argv[11], argv[12], argv[13], argv[14], argv[15], argv[16], argv[17], argv[18],
        argv[19], argv[20], argv[21], argv[22], argv[23], argv[24], argv[25], argv[26], argv[27],
        argv[28], argv[29], argv[30], argv[31], argv[32], argv[33], argv[34], argv[35], argv[36],
        argv[37], argv[38], argv[39], argv[40], argv[41], argv[42], argv[43], argv[44], argv[45],
        argv[46], argv[47], argv[48], argv[49], (const char *)NULL);
    if (r.status)
        fail_msg("exit %d: %s", r.status, r.err.ptr);
    release(&r);
    json_t *j = run_json("member", "show", "001190000077", NULL);
    for (size_t i = 0; i < ARRAY_SIZE_(f); i++) {
        const char *got = json_string_value(json_object_get(j, f[i].key));
        if (!got || strcmp(got, f[i].stored))
            fail_msg("%s: '%s', want '%s'", f[i].key, got ? got : "(none)", f[i].stored);
    }
    json_decref(j);
    /* a member entered before: not entered yet */
    j = run_json("member", "show", "001070000001", NULL);
    assert_string_equal(json_string_value(json_object_get(j, "occupation")), "chua_cap_nhat");
    assert_string_equal(json_string_value(json_object_get(j, "dossier_no")), "");
    json_decref(j);
    /* a bad code or a short số lý lịch: exit 2 naming the field */
    r = run("member", "correct", "001190000077", "--dossier-no", "12345", "--reason", "x",
            (const char *)NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err.ptr, "dossier_no"));
    release(&r);
    r = run("member", "correct", "001190000077", "--occupation", "phi công", "--reason", "x",
            (const char *)NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err.ptr, "occupation"));
    release(&r);
    ok(run("member", "correct", "001190000077", "--work-status", "hưu trí", "--reason",
           "nghỉ hưu từ 2024", (const char *)NULL));
    j = run_json("member", "show", "001190000077", NULL);
    assert_string_equal(json_string_value(json_object_get(j, "work_status")), "nghi_huu");
    assert_string_equal(json_string_value(json_object_get(j, "occupation")), "vien_chuc");
    json_decref(j);
    j = run_json("member", "corrections", "001190000077", NULL);
    json_t *c0 = json_array_get(json_object_get(j, "items"), 0);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(c0, "before"), "work_status")),
        "dang_lam_viec");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(c0, "after"), "work_status")),
        "nghi_huu");
    json_decref(j);
}

/* Suspension, restoration, badges, cards and commendations on the command line; the rules of
   domain.md §3 refuse what they should, with nothing written. */
static void test_other_events(void **state)
{
    const char *m = "001070000003"; /* admitted 01/03/2015 (test_corrections) */
    struct result r = run("member", "card", m, "--date", "01/06/2015", (const char *)NULL);
    assert_int_equal(r.status, 2); /* probationary: no card yet */
    assert_non_null(strstr(r.err.ptr, "official"));
    release(&r);
    ok(run("member", "official", m, "--decision-date", "05/03/2016", (const char *)NULL));
    ok(run("member", "card", m, "--date", "01/06/2016", "--number", "00123456",
           (const char *)NULL));
    ok(run("member", "card", m, "--kind", "reissued_lost", "--date", "01/06/2019",
           (const char *)NULL));
    ok(run("member", "commend", m, "--form", "giay_khen", "--date", "01/09/2020", "--reason",
           "hoàn thành xuất sắc nhiệm vụ", (const char *)NULL));
    r = run("member", "badge", m, "--years", "30", "--date", "03/02/2020", (const char *)NULL);
    assert_int_equal(r.status, 2); /* party age 4 years */
    assert_non_null(strstr(r.err.ptr, "years"));
    release(&r);
    r = run("member", "badge", m, "--years", "35", "--date", "03/02/2020", (const char *)NULL);
    assert_int_equal(r.status, 2); /* no such badge */
    release(&r);
    ok(run("member", "suspend", m, "--date", "01/01/2021", (const char *)NULL));
    r = run("member", "suspend", m, "--date", "01/02/2021", (const char *)NULL);
    assert_int_equal(r.status, 2);
    release(&r);
    ok(run("member", "suspend", m, "--date", "01/03/2021", "--end", (const char *)NULL));
    /* xóa tên on 01/01/2022, restored on 01/01/2023 in chi 2: continuous party age */
    ok(run("member", "exit", m, "--kind", "xoa_ten", "--date", "01/01/2022", (const char *)NULL));
    assert_int_equal(structure("T.K.2", "01/06/2022", "members"), 0);
    ok(run("member", "restore", m, "--to", "T.K.2", "--date", "01/01/2023", (const char *)NULL));
    assert_int_equal(structure("T.K.2", "01/01/2023", "members"), 1);
    assert_int_equal(structure("T.K.2", "01/01/2023", "official"), 1);
    json_t *j = run_json("member", "show", m, NULL);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "official");
    assert_int_equal(json_integer_value(json_object_get(j, "party_age_years")),
                     years_since(2015, 3, 1));
    const char *kinds[] = {"admit",   "official", "card", "card",   "commend",
                           "suspend", "suspend",  "exit", "restore"};
    json_t *ev = json_object_get(j, "events");
    assert_int_equal(json_array_size(ev), ARRAY_SIZE_(kinds));
    for (size_t i = 0; i < ARRAY_SIZE_(kinds); i++)
        assert_string_equal(json_string_value(json_object_get(json_array_get(ev, i), "kind")),
                            kinds[i]);
    json_decref(j);
    /* the commendation was a bằng khen: corrected like any event */
    char evid[32];
    ok(run("member", "event", "correct", m, event_id(m, "commend", evid, sizeof(evid)), "--form",
           "bang_khen", "--reason", "theo quyết định", (const char *)NULL));
    j = run_json("member", "show", m, NULL);
    ev = json_object_get(j, "events");
    for (size_t i = 0; i < json_array_size(ev); i++)
        if (!strcmp(json_string_value(json_object_get(json_array_get(ev, i), "kind")), "commend"))
            assert_non_null(strstr(
                json_string_value(json_object_get(json_array_get(ev, i), "detail")), "Bằng khen"));
    json_decref(j);
}

/* Transfers record where they go or come from (forms 1 and 7-HSĐV): scope and the other party. */
static void test_transfer_where(void **state)
{
    const char *m = "001070000002"; /* in T.K.1 (test_corrections) */
    ok(run("member", "transfer", m, "--to", "T.K.2", "--date", "01/02/2024", "--scope", "inside",
           "--place", "Chi bộ 2, Đảng bộ xã K", (const char *)NULL));
    struct result r = run("member", "transfer", m, "--to", "T.K.1", "--date", "01/03/2024",
                          "--scope", "somewhere", (const char *)NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err.ptr, "scope"));
    release(&r);
    r = run("member", "commend", m, "--form", "co", "--date", "01/03/2024", "--scope", "inside",
            (const char *)NULL);
    assert_int_equal(r.status, 2); /* only transfers and chuyển đi have a destination */
    release(&r);
    ok(run("member", "exit", m, "--kind", "chuyen_di", "--date", "01/04/2024", "--scope",
           "other_province", "--place", "Đảng bộ tỉnh Nam Định", (const char *)NULL));
    json_t *j = run_json("member", "show", m, NULL);
    json_t *ev = json_object_get(j, "events");
    size_t n = json_array_size(ev);
    json_t *tr = json_array_get(ev, n - 2), *out = json_array_get(ev, n - 1);
    assert_string_equal(json_string_value(json_object_get(tr, "kind")), "transfer");
    assert_string_equal(json_string_value(json_object_get(tr, "scope")), "inside");
    assert_string_equal(json_string_value(json_object_get(tr, "place")), "Chi bộ 2, Đảng bộ xã K");
    assert_string_equal(json_string_value(json_object_get(out, "kind")), "exit");
    assert_string_equal(json_string_value(json_object_get(out, "scope")), "other_province");
    assert_string_equal(json_string_value(json_object_get(out, "place")), "Đảng bộ tỉnh Nam Định");
    assert_string_equal(json_string_value(json_object_get(j, "status")), "transferred_out");
    char trid[32];
    snprintf(trid, sizeof(trid), "%lld", (long long)json_integer_value(json_object_get(tr, "id")));
    json_decref(j);
    /* where it went is corrected like the rest of the event; only moves have it */
    ok(run("member", "event", "correct", m, trid, "--scope", "other_district", "--place",
           "Đảng bộ xã L", "--reason", "theo giấy giới thiệu", (const char *)NULL));
    j = run_json("member", "show", m, NULL);
    ev = json_object_get(j, "events");
    tr = json_array_get(ev, json_array_size(ev) - 2);
    assert_string_equal(json_string_value(json_object_get(tr, "scope")), "other_district");
    assert_string_equal(json_string_value(json_object_get(tr, "place")), "Đảng bộ xã L");
    json_decref(j);
    char cid[32];
    r = run("member", "event", "correct", m, event_id(m, "admit", cid, sizeof(cid)), "--scope",
            "inside", "--reason", "x", (const char *)NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err.ptr, "scope"));
    release(&r);
    j = run_json("member", "corrections", m, NULL);
    json_t *items = json_object_get(j, "items");
    json_t *last = json_array_get(items, json_array_size(items) - 1);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(last, "before"), "scope")), "inside");
    assert_string_equal(json_string_value(json_object_get(json_object_get(last, "after"), "scope")),
                        "other_district");
    json_decref(j);
}

/* Re-admission (kết nạp lại, domain.md §3.2 and §3.4): only a member who left, only once,
   probationary again; counted in the chi bộ from the new ceremony; party age from the first
   admission decision minus the time out (worked out here: 01/01/2015 to 01/06/2018). */
static void test_readmit(void **state)
{
    ok(run("org", "add", "T.K.3", "Chi bộ 3", "--tier", "below_base", "--form", "chi_bo",
           "--parent", "T.K", "--date", "01/01/2010", (const char *)NULL));
    const char *m = "001075000009";
    ok(run("member", "add", "--org", "T.K.3", "--name", "Phan Văn Lại", "--gender", "nam",
           "--birth", "01/01/1975", "--decision-date", "01/02/2010", "--official-date",
           "05/02/2011", "--national-id", m, (const char *)NULL));
#define READMIT()                                                                                  \
    run("member", "readmit", m, "--org", "T.K.3", "--decision", "KNL-1", "--decision-date",        \
        "01/06/2018", "--ceremony-date", "10/06/2018", (const char *)NULL)
    struct result r = READMIT();
    assert_int_equal(r.status, 2); /* still a member */
    release(&r);
    assert_int_equal(structure("T.K.3", "31/12/2014", "members"), 1);
    ok(run("member", "exit", m, "--kind", "xoa_ten", "--date", "01/01/2015", (const char *)NULL));
    assert_int_equal(structure("T.K.3", "31/12/2017", "members"), 0);
    ok(READMIT());
    assert_int_equal(structure("T.K.3", "09/06/2018", "members"), 0);
    assert_int_equal(structure("T.K.3", "10/06/2018", "members"), 1);
    assert_int_equal(structure("T.K.3", "10/06/2018", "probationary"), 1);
    json_t *j = run_json("member", "show", m, NULL);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "probationary");
    const char *kinds[] = {"admit", "official", "exit", "admit"};
    json_t *ev = json_object_get(j, "events");
    assert_int_equal(json_array_size(ev), ARRAY_SIZE_(kinds));
    for (size_t i = 0; i < ARRAY_SIZE_(kinds); i++)
        assert_string_equal(json_string_value(json_object_get(json_array_get(ev, i), "kind")),
                            kinds[i]);
    json_decref(j);
    ok(run("member", "official", m, "--decision-date", "20/06/2019", (const char *)NULL));
    j = run_json("member", "show", m, NULL);
    assert_int_equal(json_integer_value(json_object_get(j, "party_age_years")),
                     years_since(2013, 7, 1));
    json_decref(j);
    /* once only */
    ok(run("member", "exit", m, "--kind", "xin_ra", "--date", "01/01/2021", (const char *)NULL));
    r = run("member", "readmit", m, "--org", "T.K.3", "--decision-date", "01/06/2022",
            "--ceremony-date", "10/06/2022", (const char *)NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err.ptr, "once"));
    release(&r);
    assert_int_equal(structure("T.K.3", "10/06/2022", "members"), 0);
#undef READMIT
}

/* Commendations of an organization (khen thưởng tổ chức đảng): recorded on a date it existed,
   listed, cancelled with a reason; what the rules refuse writes nothing. */
static void test_org_commend(void **state)
{
    ok(run("org", "commend", "T.K.3", "--form", "bang_khen", "--date", "15/03/2020", "--decision",
           "45-QĐ/QU", "--reason", "Trong sạch, vững mạnh tiêu biểu 2019", (const char *)NULL));
    struct result r =
        run("org", "commend", "T.K.3", "--form", "co", "--date", "01/01/2099", (const char *)NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err.ptr, "future"));
    release(&r);
    r = run("org", "commend", "T.K.3", "--form", "huan_chuong", "--date", "01/01/2020",
            (const char *)NULL);
    assert_int_equal(r.status, 2);
    release(&r);
    r = run("org", "commend", "T.K.3", "--form", "co", "--date", "01/01/2005", (const char *)NULL);
    assert_int_equal(r.status, 2); /* founded on 01/01/2010 */
    assert_non_null(strstr(r.err.ptr, "did not exist"));
    release(&r);
    json_t *j = run_json("org", "commendations", "T.K.3", NULL);
    assert_int_equal(json_array_size(j), 1);
    json_t *c = json_array_get(j, 0);
    assert_string_equal(json_string_value(json_object_get(c, "date")), "2020-03-15");
    assert_string_equal(json_string_value(json_object_get(c, "form")), "bang_khen");
    assert_string_equal(json_string_value(json_object_get(c, "form_label")), "Bằng khen");
    assert_string_equal(json_string_value(json_object_get(c, "decision_no")), "45-QĐ/QU");
    char id[24];
    snprintf(id, sizeof(id), "%lld", (long long)json_integer_value(json_object_get(c, "id")));
    json_decref(j);
    r = run("org", "commend", "cancel", "T.K.3", id, (const char *)NULL);
    assert_int_equal(r.status, 2); /* the reason is required */
    release(&r);
    ok(run("org", "commend", "cancel", "T.K.3", id, "--reason", "nhập nhầm tổ chức",
           (const char *)NULL));
    j = run_json("org", "commendations", "T.K.3", NULL);
    assert_int_equal(json_array_size(j), 0);
    json_decref(j);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_cli PATH_TO_TCXD\n");
        return 2;
    }
    tcxd = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_through_operations),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_search_variants),
        cmocka_unit_test(test_admitted_outside),
        cmocka_unit_test(test_corrections),
        cmocka_unit_test(test_ended_orgs),
        cmocka_unit_test(test_phieu_fields),
        cmocka_unit_test(test_other_events),
        cmocka_unit_test(test_transfer_where),
        cmocka_unit_test(test_readmit),
        cmocka_unit_test(test_org_commend),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
