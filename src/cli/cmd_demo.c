/*
 * cmd_demo.c - `tcxd demo --profile small|hanoi-2020|national [--seed N] [--per-member]
 * [--scale X]`: builds the
 * deterministic demo dataset into the database (created when missing).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "demo/demo.h"
#include "util/vnfmt.h"

static void show_progress(void *ctx, const char *phase, int64_t done, int64_t total)
{
    (void)ctx;
    fprintf(stderr, "\r%s: %lld/%lld (%d%%)   ", phase, (long long)done, (long long)total,
            total ? (int)(done * 100 / total) : 100);
    if (done == total)
        fputc('\n', stderr);
}

int cmd_demo(struct cli *cli, int argc, char **argv)
{
    struct cli_opt opts[] = {{"profile", true, NULL},
                             {"seed", true, NULL},
                             {"help", false, NULL},
                             {"per-member", false, NULL},
                             {"scale", true, NULL}};
    const char *pos[1];
    size_t npos;
    int rc = cli_parse(cli, "demo", argc, argv, opts, 5, pos, 1, &npos);
    if (rc)
        return rc;
    if (opts[2].value) {
        printf(
            MSG_T("Builds a deterministic demo dataset through the store's bulk path (the rows\n"
                  "the per-member operations write, one audit record for the load):\n"
                  "  small       Hà Nội with 2 districts (HN.BD, HN.HK), 400 members: for tests\n"
                  "  hanoi-2020  Hà Nội on 31/12/2020: 50 committees, 2.316 base organizations,\n"
                  "              176 đảng bộ bộ phận, 17.225 chi bộ, 457.397 members\n"
                  "  national    63 provinces, about 5,6 million members: for benchmarks\n"
                  "with history up to today (TCXD_TODAY overrides). Same profile, seed and day:\n"
                  "same data. The database is created when missing; it must not hold the\n"
                  "profile's root organization yet. Default seed %d. --per-member writes every\n"
                  "person through the per-member operations instead (the same data, an audit\n"
                  "record each, minutes instead of seconds for hanoi-2020). --scale X (national\n"
                  "only, 0 < X <= 1): every province's members times X in a smaller tree (the\n"
                  "first 2 districts with 2 communes each), the 2025 merger as at full scale.\n"),
            DEMO_DEFAULT_SEED);
        return 0;
    }
    if (npos)
        return cli_usage(cli, "demo", "unexpected argument '%s'", pos[0]);
    struct tcxd_error e;
    tcxd_error_clear(&e);
    struct demo_options o = {.seed = DEMO_DEFAULT_SEED};
    if (!opts[0].value)
        return cli_usage(cli, "demo", "demo needs --profile small|hanoi-2020|national");
    if (demo_profile_parse(opts[0].value, &o.profile, &e))
        return cli_fail(cli, &e);
    if (opts[1].value) {
        char *end;
        errno = 0;
        unsigned long long s = strtoull(opts[1].value, &end, 10);
        if (errno || *end || end == opts[1].value || opts[1].value[0] == '-')
            return cli_usage(cli, "demo", "invalid seed '%s' (a non-negative integer)",
                             opts[1].value);
        o.seed = s;
    }
    o.per_member = opts[3].value != NULL;
    if (opts[4].value) {
        char *end;
        errno = 0;
        double x = strtod(opts[4].value, &end);
        if (errno || *end || end == opts[4].value || !(x > 0 && x <= 1))
            return cli_usage(cli, "demo", "invalid scale '%s' (a number above 0, at most 1)",
                             opts[4].value);
        o.scale = x;
    }
    if (!cli->json && isatty(STDERR_FILENO))
        o.progress = show_progress;
    if (!cli_store(cli, true))
        return 1;
    struct demo_result res;
    if (demo_generate(cli->st, &cli->actor, &o, &res, &e))
        return cli_fail(cli, &e);
    if (cli->json) {
        json_t *j = json_pack(
            "{s:s, s:I, s:i, s:o, s:{s:I, s:I, s:I, s:I, s:I}, s:I, s:I, s:I, s:I, s:I, s:f, s:f}",
            "profile", demo_profile_name(o.profile), "seed", (json_int_t)o.seed, "version",
            DEMO_VERSION, "as_of", cli_json_date(res.figures.as_of), "figures", "direct_above_base",
            (json_int_t)res.figures.direct_above_base, "base", (json_int_t)res.figures.base,
            "partial", (json_int_t)res.figures.partial, "branches",
            (json_int_t)res.figures.branches, "members", (json_int_t)res.figures.members, "orgs",
            (json_int_t)res.orgs, "member_records", (json_int_t)res.members, "member_events",
            (json_int_t)res.member_events, "org_ops", (json_int_t)res.org_ops, "dropped_events",
            (json_int_t)res.dropped, "plan_seconds", res.plan_seconds, "write_seconds",
            res.write_seconds);
        cli_print_json(j);
        return 0;
    }
    struct buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT, d = BUF_INIT;
    vnfmt_int(&a, res.orgs);
    vnfmt_int(&b, res.members);
    vnfmt_int(&c, res.member_events);
    vnfmt_int(&d, res.figures.members);
    char day[DATE_ISO_LEN];
    date_format_vn(res.figures.as_of, day);
    printf(MSG_T("demo %s (seed %llu): %s organizations, %s member records, %s events;"
                 " %s members on %s; planned in %.1f s, written in %.1f s"),
           demo_profile_name(o.profile), (unsigned long long)o.seed, a.ptr, b.ptr, c.ptr, d.ptr,
           day, res.plan_seconds, res.write_seconds);
    putchar('\n');
    buf_release(&a);
    buf_release(&b);
    buf_release(&c);
    buf_release(&d);
    return 0;
}
