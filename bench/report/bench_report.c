/*
 * bench_report.c - in-process timings of the structure report and of the name search, on an
 * existing database (the hanoi-2020 or national demo, or bench/report/synth.sql).
 *
 *   bench_report DB ORG DATE [--runs N] [--search TEXT]... [--full]
 *
 * Each measurement runs N times (default 9) on one open store and prints the median, minimum
 * and maximum wall time in milliseconds, and the median CPU time of the process (user + system:
 * steadier than wall time on a shared machine):
 *   open      store_open + store_close
 *   tree      store_tree_load of DATE
 *   counts    report_node_counts for ORG (tree already loaded)
 *   sentence  report_structure_build without breakdowns: tree, counts, sentence (what `tcxd
 *             report structure ORG` does after opening the database)
 *   full      report_structure_build with every breakdown (--full)
 *   search    store_member_list for a folded prefix of a full name, 50 rows (tree loaded once)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/structure.h"
#include "util/xmalloc.h"

static double clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* the CPU times of the current measurement's runs, beside the wall times in t[] */
static double *cpu;
static double cpu0;
static double now_ms(void)
{
    cpu0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    return clock_ms(CLOCK_MONOTONIC);
}
#define LAP(i, t0)                                                                                 \
    do {                                                                                           \
        t[i] = clock_ms(CLOCK_MONOTONIC) - (t0);                                                   \
        cpu[i] = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu0;                                        \
    } while (0)

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

static void report(const char *name, const char *what, double *t, int n)
{
    double med = median(t, n), cmed = median(cpu, n);
    printf("%-9s %-44s median %9.3f ms  min %9.3f  max %9.3f  cpu %9.3f ms  (n=%d)\n", name, what,
           med, t[0], t[n - 1], cmed, n);
    fflush(stdout);
}

static void die(const char *what, const struct tcxd_error *e)
{
    fprintf(stderr, "bench_report: %s: %s\n", what, e->msg);
    exit(1);
}

static void count_row(void *ctx, const struct member_row *r)
{
    (*(int *)ctx)++;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench_report DB ORG DATE [--runs N] [--search TEXT]... [--full]\n");
        return 2;
    }
    const char *path = argv[1], *ref = argv[2];
    int runs = 9;
    bool full = false;
    const char *searches[16];
    int nsearch = 0;
    for (int i = 4; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = (int)strtol(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--search") && i + 1 < argc && nsearch < 16)
            searches[nsearch++] = argv[++i];
        else if (!strcmp(argv[i], "--full"))
            full = true;
    }
    if (runs < 1)
        runs = 1;
    struct tcxd_error e;
    tcxd_error_clear(&e);
    tcxd_date as_of;
    if (date_parse(argv[3], &as_of, "date", &e))
        die("date", &e);
    double *t = xcalloc((size_t)runs, sizeof(double));
    cpu = xcalloc((size_t)runs, sizeof(double));
    struct store *st;

    for (int i = 0; i < runs; i++) {
        double t0 = now_ms();
        if (store_open(path, STORE_READONLY, &st, &e))
            die("open", &e);
        store_close(st);
        LAP(i, t0);
    }
    report("open", "store_open + store_close", t, runs);

    if (store_open(path, STORE_READONLY, &st, &e))
        die("open", &e);
    struct org_info org;
    if (store_org_resolve(st, ref, as_of, &org, &e))
        die("org", &e);
    printf("# %s (%s) on %s\n", org.name, org.code, argv[3]);

    struct org_tree tree;
    for (int i = 0; i < runs; i++) {
        double t0 = now_ms();
        if (store_tree_load(st, as_of, &tree, &e))
            die("tree", &e);
        LAP(i, t0);
        if (i + 1 < runs)
            org_tree_release(&tree);
    }
    char what[128];
    snprintf(what, sizeof(what), "store_tree_load (%zu organizations)", tree.n);
    report("tree", what, t, runs);

    uint32_t root = org_tree_find(&tree, org.id);
    struct structure_counts sc;
    for (int i = 0; i < runs; i++) {
        struct node_counts nc;
        double t0 = now_ms();
        if (report_node_counts(st, &tree, root, &nc, &e))
            die("counts", &e);
        LAP(i, t0);
        report_structure_counts(&tree, root, &nc, &sc);
        report_node_counts_free(&nc);
    }
    snprintf(what, sizeof(what), "report_node_counts (%lld members)", (long long)sc.members);
    report("counts", what, t, runs);

    struct report_structure_opts o = {as_of, DATE_NONE, false, 0, false};
    char *sentence = NULL;
    for (int i = 0; i < runs; i++) {
        struct report_structure *r;
        double t0 = now_ms();
        if (report_structure_build(st, org.id, &o, &r, &e))
            die("report", &e);
        LAP(i, t0);
        if (!sentence)
            sentence = xstrdup(r->sentence);
        report_structure_free(r);
    }
    report("sentence", "report_structure_build, no breakdowns", t, runs);
    printf("# %s\n", sentence);
    free(sentence);

    if (full) {
        o.breakdowns = true;
        for (int i = 0; i < runs; i++) {
            struct report_structure *r;
            double t0 = now_ms();
            if (report_structure_build(st, org.id, &o, &r, &e))
                die("report", &e);
            LAP(i, t0);
            report_structure_free(r);
        }
        report("full", "report_structure_build, every breakdown", t, runs);
    }

    for (int k = 0; k < nsearch; k++) {
        int rows = 0;
        int64_t total = 0;
        for (int i = 0; i < runs; i++) {
            struct member_query q;
            member_query_init(&q);
            q.as_of = as_of;
            q.org_id = org.id;
            q.q = searches[k];
            q.limit = 50;
            rows = 0;
            double t0 = now_ms();
            if (store_member_list(st, &tree, &q, count_row, &rows, &total, &e))
                die("search", &e);
            LAP(i, t0);
        }
        snprintf(what, sizeof(what), "store_member_list '%s' (%lld found)", searches[k],
                 (long long)total);
        report("search", what, t, runs);
    }
    org_tree_release(&tree);
    store_close(st);
    free(t);
    free(cpu);
    return 0;
}
