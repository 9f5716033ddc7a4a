/*
 * bench_engine.c - the analytics engine against the SQL path, side by side in one run, on an
 * existing database (the hanoi-2020 demo: copy it, never generate the national one here).
 *
 *   bench_engine DB [--runs N] [--date DD/MM/YYYY]... [--check] [--groupby FILE]
 *
 * For each date (default 31/12/2020 and 30/12/2020): the structure report of every root and of
 * each root's direct children with every breakdown, built by SQL and by the engine (one open
 * store, as in the server), medians of N runs (default 7) in milliseconds. --check compares the
 * two reports of every organization of the tree on each date (all of them: slow) and fails on
 * the first difference. BENCH_BUILD=1 in the environment: the engine is built (timed) and its
 * cache file written (timed) before the process's engine is acquired (then mapped from it). Also:
 * the engine's build time and the memory it holds. --profile N times only the engine's report of
 * the first root N times (run it under perf). --groupby FILE: the same breakdowns as plain GROUP BY
 * queries (bench/engine/groupby.sql, @ROOT@ and @DATE@ substituted) on a second connection to the
 * same database, timed beside them. Every figure is the median wall time and, beside it, the median
 * CPU time of the thread (the machine is shared: CPU time is the steadier of the two).
 * --org CODE (up to 16): only these organizations' reports on each date, by the engine (N runs,
 * with the fastest CPU time); --sql M: also by the report's SQL path, M runs, checked equal (what
 * the national database is measured with: its SQL path takes seconds per report).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "engine/engine.h"
#include "report/structure.h"
#include "store/store_engine.h"
#include "util/buf.h"
#include "util/xmalloc.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(double), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void die(const char *what, const struct tcxd_error *e)
{
    fprintf(stderr, "bench_engine: %s: %s\n", what, e->msg);
    exit(1);
}

static struct store *st;

static struct report_structure *build(int64_t id, tcxd_date d, bool engine)
{
    struct report_structure_opts o;
    report_structure_opts_init(&o, d);
    o.breakdowns = true;
    o.engine = engine;
    struct report_structure *r;
    struct tcxd_error e;
    if (report_structure_build(st, id, &o, &r, &e))
        die("report", &e);
    return r;
}

static bool same(const struct report_structure *a, const struct report_structure *b)
{
    if (strcmp(a->sentence, b->sentence) || memcmp(&a->now, &b->now, sizeof(a->now)))
        return false;
    for (int i = 0; i < RT__MAX; i++) {
        const struct report_table *x = &a->tables[i], *y = &b->tables[i];
        if (x->nrows != y->nrows)
            return false;
        for (size_t j = 0; j < x->nrows; j++)
            if (strcmp(x->rows[j].key, y->rows[j].key) ||
                memcmp(x->rows[j].v, y->rows[j].v, sizeof(x->rows[j].v)))
                return false;
    }
    return true;
}

static double last_min, last_cpu, last_min_cpu;

static double time_report(int64_t id, tcxd_date d, bool engine, int runs)
{
    double *t = xmalloc((size_t)runs * sizeof(double));
    double *c = xmalloc((size_t)runs * sizeof(double));
    for (int i = 0; i < runs; i++) {
        double t0 = now_ms(), c0 = cpu_ms();
        struct report_structure *r = build(id, d, engine);
        t[i] = now_ms() - t0;
        c[i] = cpu_ms() - c0;
        report_structure_free(r);
    }
    double m = median(t, runs);
    last_min = t[0]; /* sorted by median() */
    last_cpu = median(c, runs);
    last_min_cpu = c[0];
    free(t);
    free(c);
    return m;
}

/* --incremental N: the time from a write's acknowledgement to the engine's next answer. N rounds
   of an admission, a transfer of that member and a correction of its record, each followed by
   the next request's engine (engine_acquire_for the structure report's parts: a view laid over
   the engine, engine_delta.h, or a build with TCXD_ENGINE_DELTA=0) and by the structure report of
   the first root with every breakdown; medians, wall and CPU. */
static const struct store_actor bench_actor = {"bench", "local"};

static void next_answer(int64_t root, tcxd_date d, double *acq, double *acq_cpu, double *all,
                        double *all_cpu)
{
    struct tcxd_error e;
    double t0 = now_ms(), c0 = cpu_ms();
    struct engine *eng;
    if (engine_acquire_for(st, ENGINE_USE_COUNTS, &eng, &e))
        die("engine", &e);
    *acq = now_ms() - t0;
    *acq_cpu = cpu_ms() - c0;
    struct report_structure *r = build(root, d, true);
    *all = now_ms() - t0;
    *all_cpu = cpu_ms() - c0;
    report_structure_free(r);
    engine_release(eng);
}

static void incremental(int n, tcxd_date d)
{
    struct tcxd_error e;
    struct engine *eng;
    if (engine_acquire_for(st, ENGINE_USE_COUNTS, &eng, &e))
        die("engine", &e);
    struct engine_range all;
    if (engine_subtree(eng, 0, d, &all, &e))
        die("subtree", &e);
    const struct org_tree *t = engine_version_tree(eng, &all);
    int64_t root = t->nodes[0].id, cb[2] = {0, 0};
    char code[64]; /* the tree is the engine's: gone with it after a rebuild */
    snprintf(code, sizeof(code), "%s", t->nodes[0].code);
    for (uint32_t i = 0, k = 0; i < t->n && k < 2; i++)
        if (org_holds_members(t->nodes[i].tier, t->nodes[i].form))
            cb[k++] = t->nodes[i].id;
    engine_release(eng);
    double *v[3][4];
    for (int k = 0; k < 3; k++)
        for (int j = 0; j < 4; j++)
            v[k][j] = xcalloc((size_t)n, sizeof(double));
    for (int i = 0; i < n; i++) {
        char name[64], birth[DATE_ISO_LEN];
        snprintf(name, sizeof(name), "Lê Thử Nghiệm %d", i);
        date_format_iso(d - 365 * 30, birth);
        struct member_strings ms = {.full_name = name, .gender = "nam", .birth_date = birth};
        struct member_fields f;
        member_fields_init(&f);
        if (member_fields_parse(&ms, &f, &e))
            die("fields", &e);
        struct member_admit_req r = {&f, cb[0], d - 40, d - 35, "QĐ-BENCH", NULL};
        int64_t id;
        if (store_member_admit(st, &bench_actor, &r, &id, &e))
            die("admit", &e);
        member_fields_release(&f);
        next_answer(root, d, v[0][0] + i, v[0][1] + i, v[0][2] + i, v[0][3] + i);
        struct member_event ev = {.kind = MEV_TRANSFER,
                                  .date = d - 10,
                                  .decision_date = d - 10,
                                  .org_id = cb[1],
                                  .form = TRANSFER_OFFICIAL,
                                  .until = DATE_NONE};
        if (store_member_event(st, &bench_actor, id, &ev, "QĐ-BENCH", "", &e))
            die("transfer", &e);
        next_answer(root, d, v[1][0] + i, v[1][1] + i, v[1][2] + i, v[1][3] + i);
        ms.gender = "nữ";
        member_fields_init(&f);
        if (member_fields_parse(&ms, &f, &e))
            die("fields", &e);
        if (store_member_update(st, &bench_actor, id, &f, &e))
            die("correction", &e);
        member_fields_release(&f);
        next_answer(root, d, v[2][0] + i, v[2][1] + i, v[2][2] + i, v[2][3] + i);
    }
    static const char *const what[] = {"an admission", "a transfer", "a correction"};
    printf("| after | next engine wall ms | CPU ms | with the %s report, wall ms | CPU ms |\n"
           "|---|---:|---:|---:|---:|\n",
           code);
    for (int k = 0; k < 3; k++) {
        printf("| %s | %.2f | %.2f | %.2f | %.2f |\n", what[k], median(v[k][0], n),
               median(v[k][1], n), median(v[k][2], n), median(v[k][3], n));
        for (int j = 0; j < 4; j++)
            free(v[k][j]);
    }
}

/* The GROUP BY baseline (groupby.sql with @ROOT@ and @DATE@ replaced), on its own connection. */
static char *groupby_text;
static sqlite3 *groupby_db;

static char *substitute(const char *text, const char *code, const char *iso)
{
    struct buf b = BUF_INIT;
    for (const char *p = text; *p;) {
        if (!strncmp(p, "@ROOT@", 6)) {
            buf_adds(&b, code);
            p += 6;
        } else if (!strncmp(p, "@DATE@", 6)) {
            buf_adds(&b, iso);
            p += 6;
        } else
            buf_addch(&b, *p++);
    }
    return buf_detach(&b, NULL);
}

static double time_groupby(const char *code, tcxd_date d, int runs)
{
    char iso[DATE_ISO_LEN];
    date_format_iso(d, iso);
    char *sql = substitute(groupby_text, code, iso);
    double *t = xmalloc((size_t)runs * sizeof(double));
    double *c = xmalloc((size_t)runs * sizeof(double));
    for (int i = 0; i < runs; i++) {
        double t0 = now_ms(), c0 = cpu_ms();
        char *err = NULL;
        if (sqlite3_exec(groupby_db, sql, NULL, NULL, &err) != SQLITE_OK) {
            fprintf(stderr, "bench_engine: groupby: %s\n", err ? err : "?");
            exit(1);
        }
        t[i] = now_ms() - t0;
        c[i] = cpu_ms() - c0;
    }
    double m = median(t, runs);
    last_cpu = median(c, runs);
    free(t);
    free(c);
    free(sql);
    return m;
}

static void noop_row(void *ctx, const struct member_row *r)
{
    (void)ctx;
    (void)r;
}

static void noop_hit(void *ctx, const struct member_row *r, const struct engine_hit *h)
{
    (void)ctx;
    (void)r;
    (void)h;
}

/* A page of a member list or search, by SQL (store_member_list) or the engine; *total out. */
static double time_list(const struct org_tree *t, int64_t org, tcxd_date d, const char *q,
                        int offset, bool engine, int runs, int64_t *total)
{
    double *v = xmalloc((size_t)runs * sizeof(double));
    double *cv = xmalloc((size_t)runs * sizeof(double));
    struct tcxd_error e;
    for (int i = 0; i < runs; i++) {
        struct member_query mq;
        member_query_init(&mq);
        mq.org_id = org;
        mq.as_of = d;
        mq.q = q;
        mq.offset = offset;
        mq.limit = 50;
        double t0 = now_ms(), c0 = cpu_ms();
        enum tcxd_err rc = engine ? engine_member_list(st, &mq, false, noop_hit, NULL, total, &e)
                                  : store_member_list(st, t, &mq, noop_row, NULL, total, &e);
        v[i] = now_ms() - t0;
        cv[i] = cpu_ms() - c0;
        if (rc)
            die("list", &e);
    }
    double m = median(v, runs);
    last_cpu = median(cv, runs);
    free(v);
    free(cv);
    return m;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_engine DB [--runs N] [--date D]... [--check] [--profile N] "
                        "[--search N]\n");
        return 2;
    }
    int runs = 7;
    bool check = false;
    int profile = 0;      /* --profile N: only the engine's city report, N times (for perf) */
    int search_runs = 0;      /* --search N: only the engine's searches and lists, N runs each */
    int incremental_runs = 0; /* --incremental N: writes, then the next answer (a copy!) */
    const char *orgs[16]; /* --org CODE: only these organizations' reports, by the engine */
    int norgs = 0;
    int sql_runs = 0; /* --sql N: with --org, also the SQL path, N runs (checked equal) */
    tcxd_date dates[8];
    int ndates = 0;
    struct tcxd_error e;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--date") && i + 1 < argc && ndates < 8) {
            if (date_parse(argv[++i], &dates[ndates++], "date", &e))
                die("date", &e);
        } else if (!strcmp(argv[i], "--check"))
            check = true;
        else if (!strcmp(argv[i], "--profile") && i + 1 < argc)
            profile = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--org") && i + 1 < argc && norgs < 16)
            orgs[norgs++] = argv[++i];
        else if (!strcmp(argv[i], "--sql") && i + 1 < argc)
            sql_runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--search") && i + 1 < argc)
            search_runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--incremental") && i + 1 < argc)
            incremental_runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--groupby") && i + 1 < argc) {
            struct buf f = BUF_INIT;
            FILE *fp = fopen(argv[++i], "r");
            if (!fp) {
                fprintf(stderr, "bench_engine: cannot read %s\n", argv[i]);
                return 1;
            }
            char chunk[4096];
            size_t k;
            while ((k = fread(chunk, 1, sizeof(chunk), fp)) > 0)
                buf_add(&f, chunk, k);
            fclose(fp);
            groupby_text = buf_detach(&f, NULL);
        }
    }
    if (groupby_text && sqlite3_open_v2(argv[1], &groupby_db, SQLITE_OPEN_READONLY, NULL)) {
        fprintf(stderr, "bench_engine: groupby: cannot open %s\n", argv[1]);
        return 1;
    }
    if (runs < 1)
        runs = 1;
    if (!ndates) {
        dates[ndates++] = date_from_ymd(2020, 12, 31);
        dates[ndates++] = date_from_ymd(2020, 12, 30);
    }
    if (store_open(argv[1], incremental_runs ? 0 : STORE_READONLY, &st, &e))
        die("open", &e);
    if (incremental_runs) {
        incremental(incremental_runs, dates[0]);
        engine_forget();
        store_close(st);
        return 0;
    }
    struct rusage ru0, ru1;
    getrusage(RUSAGE_SELF, &ru0);
    double t0 = now_ms(), c0 = cpu_ms();
    struct engine *eng;
    if (getenv("BENCH_BUILD")) { /* the build itself, then the cache file written and mapped */
        if (engine_build(st, &eng, &e))
            die("engine", &e);
        double build_ms = now_ms() - t0, build_cpu = cpu_ms() - c0;
        getrusage(RUSAGE_SELF, &ru1);
        struct engine_stats es;
        engine_stats(eng, &es);
        printf("engine build: %.0f ms wall, %.0f ms CPU; %zu organizations, %zu members, %zu "
               "registrations, %zu events; %.1f MB held; peak RSS %.1f MB (was %.1f before)\n",
               build_ms, build_cpu, es.orgs, es.members, es.stints, es.events,
               (double)es.bytes / 1e6, (double)ru1.ru_maxrss / 1024, (double)ru0.ru_maxrss / 1024);
        char fpath[1100];
        if (!engine_file_path(argv[1], fpath, sizeof(fpath)))
            die("path", &e);
        t0 = now_ms();
        if (engine_file_write(eng, fpath, &e))
            die("write", &e);
        printf("cache file written: %.0f ms\n", now_ms() - t0);
        engine_release(eng);
    }
    t0 = now_ms();
    c0 = cpu_ms();
    if (engine_acquire(st, &eng, &e))
        die("engine", &e);
    double acq_ms = now_ms() - t0, acq_cpu = cpu_ms() - c0;
    getrusage(RUSAGE_SELF, &ru1);
    struct engine_stats es;
    engine_stats(eng, &es);
    printf("engine %s: %.0f ms wall, %.0f ms CPU; %zu organizations, %zu members, %zu "
           "registrations, %zu events; %.1f MB; peak RSS %.1f MB\n",
           es.from_file ? "mapped from its cache file" : "built", acq_ms, acq_cpu, es.orgs,
           es.members, es.stints, es.events, (double)es.bytes / 1e6, (double)ru1.ru_maxrss / 1024);
    t0 = now_ms();
    struct store_change_token tok;
    for (int i = 0; i < 100; i++)
        if (store_change_token(st, &tok, &e))
            die("token", &e);
    printf("change token: %.3f ms\n", (now_ms() - t0) / 100);
    if (search_runs) { /* the engine's searches and lists alone (what perf is pointed at) */
        struct engine_range all;
        if (engine_subtree(eng, 0, dates[0], &all, &e))
            die("subtree", &e);
        const struct org_tree *t = engine_version_tree(eng, &all);
        static const char *const qs[] = {"nguyen",   "nguyen van", "van an", "thu huong",
                                         "tuan anh", "Thị",        "thi",    "minh duc"};
        printf("| engine, on the first date | wall ms | CPU ms | total |\n|---|---:|---:|---:|\n");
        for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
            int64_t tb = 0;
            double b = time_list(t, 0, dates[0], qs[i], 0, true, search_runs, &tb);
            printf("| find '%s', first page of 50 with the total | %.2f | %.2f | %lld |\n", qs[i],
                   b, last_cpu, (long long)tb);
        }
        const int pages[] = {1, 100, 5000};
        for (size_t i = 0; i < 3; i++) {
            int64_t tb = 0;
            double b = time_list(t, t->nodes[0].id, dates[0], "", (pages[i] - 1) * 50, true,
                                 search_runs, &tb);
            printf("| list %s, page %d | %.2f | %.2f | %lld |\n", t->nodes[0].code, pages[i], b,
                   last_cpu, (long long)tb);
        }
        engine_release(eng);
        engine_forget();
        store_close(st);
        return 0;
    }
    if (norgs) { /* the named organizations' reports by the engine (and by SQL with --sql N) */
        printf(
            "\n| date | organization | members | engine wall / CPU ms (median of %d; fastest CPU) "
            "| SQL wall / CPU ms (median of %d) | × CPU |\n|---|---|---:|---:|---:|---:|\n",
            runs, sql_runs);
        for (int di = 0; di < ndates; di++)
            for (int k = 0; k < norgs; k++) {
                struct org_info oi;
                if (store_org_by_code(st, orgs[k], dates[di], &oi, &e))
                    die(orgs[k], &e);
                char ds[DATE_ISO_LEN];
                date_format_vn(dates[di], ds);
                struct report_structure *b = build(oi.id, dates[di], true);
                double te = time_report(oi.id, dates[di], true, runs), ce = last_cpu,
                       fe = last_min_cpu;
                if (sql_runs) {
                    struct report_structure *a = build(oi.id, dates[di], false);
                    if (!same(a, b)) {
                        fprintf(stderr, "DIFFERENT: %s on %s\n", orgs[k], ds);
                        return 1;
                    }
                    report_structure_free(a);
                    double ts = time_report(oi.id, dates[di], false, sql_runs), cs = last_cpu;
                    printf("| %s | %s | %lld | %.2f / %.2f (%.2f) | %.0f / %.0f | %.0f |\n", ds,
                           orgs[k], (long long)b->now.members, te, ce, fe, ts, cs, cs / ce);
                } else
                    printf("| %s | %s | %lld | %.2f / %.2f (%.2f) | | |\n", ds, orgs[k],
                           (long long)b->now.members, te, ce, fe);
                report_structure_free(b);
                fflush(stdout);
            }
        engine_release(eng);
        engine_forget();
        store_close(st);
        return 0;
    }
    if (profile) {
        struct engine_range all;
        if (engine_subtree(eng, 0, dates[0], &all, &e))
            die("subtree", &e);
        int64_t root = engine_version_tree(eng, &all)->nodes[0].id;
        double med = time_report(root, dates[0], true, profile);
        printf("engine, city, every breakdown: %.2f ms wall, %.2f ms CPU (median of %d; fastest "
               "%.2f)\n",
               med, last_cpu, profile, last_min);
        return 0;
    }
    printf("\n(wall ms / CPU ms, medians; GROUP BY: groupby.sql; SQL: the report's SQL path; "
           "engine: the report from the engine; × = GROUP BY wall / engine wall)\n"
           "\n| date | organization | members | GROUP BY | SQL path | engine | × GROUP BY | × SQL "
           "|\n|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (int di = 0; di < ndates; di++) {
        tcxd_date d = dates[di];
        struct engine_range all;
        if (engine_subtree(eng, 0, d, &all, &e))
            die("subtree", &e);
        const struct org_tree *t = engine_version_tree(eng, &all);
        char ds[DATE_ISO_LEN];
        date_format_vn(d, ds);
        int shown = 0;
        for (uint32_t i = 0; i < t->n; i++) {
            const struct org_node *nd = &t->nodes[i];
            bool big =
                nd->parent == TREE_NONE || (t->nodes[nd->parent].parent == TREE_NONE && shown < 4);
            if (!big)
                continue;
            if (nd->parent != TREE_NONE)
                shown++;
            struct report_structure *a = build(nd->id, d, false), *b = build(nd->id, d, true);
            if (!same(a, b)) {
                fprintf(stderr, "DIFFERENT: %s on %s\n", nd->code, ds);
                return 1;
            }
            double tg = 0, cg = 0;
            if (groupby_text) {
                tg = time_groupby(nd->code, d, runs);
                cg = last_cpu;
            }
            double ts = time_report(nd->id, d, false, runs), cs = last_cpu;
            double te = time_report(nd->id, d, true, runs), ce = last_cpu;
            printf("| %s | %s | %lld | %.1f / %.1f | %.1f / %.1f | %.2f / %.2f | %.0f | %.0f |\n",
                   ds, nd->code, (long long)a->now.members, tg, cg, ts, cs, te, ce, tg / te,
                   ts / te);
            report_structure_free(a);
            report_structure_free(b);
        }
        if (check) {
            size_t n = 0;
            double t1 = now_ms();
            for (uint32_t i = 0; i < t->n; i++) {
                struct report_structure *a = build(t->nodes[i].id, d, false);
                struct report_structure *b = build(t->nodes[i].id, d, true);
                if (!same(a, b)) {
                    fprintf(stderr, "DIFFERENT: %s on %s\n", t->nodes[i].code, ds);
                    return 1;
                }
                report_structure_free(a);
                report_structure_free(b);
                n++;
            }
            printf("\nchecked %zu organizations on %s: engine = SQL for each (%.0f s)\n", n, ds,
                   (now_ms() - t1) / 1e3);
        }
    }
    /* lists and searches on the first date, every member of the database's first root */
    {
        struct engine_range all;
        if (engine_subtree(eng, 0, dates[0], &all, &e))
            die("subtree", &e);
        const struct org_tree *t = engine_version_tree(eng, &all);
        int64_t root = t->nodes[0].id;
        char ds[DATE_ISO_LEN];
        date_format_vn(dates[0], ds);
        printf(
            "\n| on %s | SQL ms (wall / CPU) | engine ms (wall / CPU) | SQL total | engine total "
            "|\n|---|---:|---:|---:|---:|\n",
            ds);
        static const char *const qs[] = {"nguyen",    "nguyen van", "van an",
                                         "thu huong", "tuan anh",   "Thị"};
        for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
            int64_t ta = 0, tb = 0;
            double a = time_list(t, 0, dates[0], qs[i], 0, false, runs, &ta), ca = last_cpu;
            double b = time_list(t, 0, dates[0], qs[i], 0, true, runs, &tb), cb = last_cpu;
            printf("| find '%s', first page of 50 with the total | %.1f / %.1f | %.2f / %.2f | "
                   "%lld | %lld |\n",
                   qs[i], a, ca, b, cb, (long long)ta, (long long)tb);
        }
        int64_t ta = 0, tb = 0;
        double a = time_list(t, root, dates[0], "", 99 * 50, false, runs, &ta), ca = last_cpu;
        double b = time_list(t, root, dates[0], "", 99 * 50, true, runs, &tb), cb = last_cpu;
        printf("| list %s, page 100 | %.1f / %.1f | %.2f / %.2f | %lld | %lld |\n",
               t->nodes[0].code, a, ca, b, cb, (long long)ta, (long long)tb);
    }
    engine_release(eng);
    engine_forget();
    store_close(st);
    if (groupby_db)
        sqlite3_close(groupby_db);
    free(groupby_text);
    return 0;
}
