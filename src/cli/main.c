/*
 * main.c - tcxd's entry point: global options, the command table, dispatch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/msg.h"

/* The command table (git's builtin table). docs/tcxd.1 lists every entry; a test checks it. */
const struct cli_command cli_commands[] = {
    {"init", cmd_init, "init [--db PATH]", "create an empty database"},
    {"org", cmd_org, "org add|show|tree|rename|move|merge|dissolve|history|find ...",
     "organization tree with dated history"},
    {"member", cmd_member,
     "member add|show|find|list|admit|official|transfer|return|discipline|exempt|exit|due ...",
     "party members and their lifecycle"},
    {"stats", cmd_stats, "stats ORG [--as-of DATE]",
     "count organizations of each kind and members by status under ORG"},
    {"report", cmd_report, "report structure ORG [--as-of DATE] [--compare DATE] [--format F]",
     "the structure report: the board's sentence, breakdowns, comparison"},
    {"form", cmd_form, "form list|show|export|flows FORM ORG --period P [--format F]",
     "the statistics pack (biểu mẫu thống kê) and the period-flow sentences"},
    {"serve", cmd_serve, "serve [--listen ADDRESS:PORT] [--web-root DIR] [--session-timeout S]",
     "run the HTTP JSON API and the web UI"},
    {"user", cmd_user, "user add|passwd|disable|enable|list ...", "accounts for tcxd serve"},
    {"audit", cmd_audit, "audit [--org ORG] [--user U] [--since DATE]", "read the audit log"},
    {"review", cmd_review, "review rubric|self|verify|decide|amend|show|report|leniency|weak ...",
     "annual quality review: rubrics, steps, decisions, reports, weak organizations"},
    {"import", cmd_import, "import orgs|members FILE [--dry-run] [--errors OUT.csv]",
     "load organizations or members from CSV or XLSX, all or nothing"},
    {"export", cmd_export,
     "export orgs|members ORG [--format csv|xlsx] [--as-of DATE] [--output F]",
     "write a subtree's organizations or members as CSV or XLSX"},
    {"print", cmd_print, "print phieu MEMBER | so-danh-sach ORG [--as-of DATE] -o FILE.pdf",
     "print the Phiếu đảng viên (2-HSĐV) or a chi bộ's Sổ danh sách đảng viên (7-HSĐV) as PDF"},
    {"demo", cmd_demo, "demo --profile small|hanoi-2020|national [--seed N]",
     "build the deterministic demo dataset"},
    {"program", cmd_program, "program add|list|item|status|show|report|due ...",
     "programs and their items: assignments, dated statuses, progress, overdue"},
    {"indicator", cmd_indicator, "indicator add|list|target|value|report ...",
     "indicators against plan and the same period, computed or entered"},
    {"meeting", cmd_meeting, "meeting add|list|assign|attendance ...",
     "the chi bộ meeting register and committee members' quarterly attendance"},
    {"inspect", cmd_inspect, "inspect add|conclude|show|list|report ...",
     "inspections and supervision of organizations and members, the period report"},
    {"discipline", cmd_discipline, "discipline member|org|appeal|show|list ...",
     "party discipline of members and organizations, appeals, expiry"},
    {"cadre", cmd_cadre, "cadre add|list|show|term|seat|committee|position|appoint|plan|due|vote ...",
     "cadre work: committees, posts, planning, appointments, rotation, training, confidence votes"},
    {"complaint", cmd_complaint,
     "complaint add|classify|assign|extend|resolve|notify|show|identity|list|overdue|report ...",
     "letters of complaint, denunciation and report: deadlines, results, the overdue list"},
    {"degradation", cmd_degradation, "degradation items|record|show|report ...",
     "the self-check of the 27 manifestations of degradation at 5 levels, the year's tally"},
    {"unit", cmd_unit, "unit add|link|coverage ...",
     "residential units (thôn, tổ dân phố), the chi bộ serving each, coverage"},
    {"restructure", cmd_restructure,
     "restructure check|apply PLAN [--dry-run] [--scope ORG] | flows ORG --from D --to D | "
     "units FILE | merger PROVINCE [--date D] [--org ORG --draft OUT]",
     "restructuring plans (2025 two-level reorganisation) and organization transfer counts"},
    {"backup", cmd_backup, "backup FILE",
     "a consistent, verified copy of the database (while the server writes)"},
    {"restore", cmd_restore, "restore FILE", "replace the database with a verified backup"},
    {"help", cmd_help, "help [COMMAND]", "show help for tcxd or one command"},
    {"version", cmd_version, "version", "print the version"},
    {NULL, NULL, NULL, NULL},
};

static const struct cli_command *find_command(const char *name)
{
    for (const struct cli_command *c = cli_commands; c->name; c++)
        if (!strcmp(c->name, name))
            return c;
    return NULL;
}

int cmd_version(struct cli *cli, int argc, char **argv)
{
    printf("tcxd 0.1.0\n");
    return 0;
}

int cmd_help(struct cli *cli, int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--list")) {
        for (const struct cli_command *c = cli_commands; c->name; c++)
            printf("%s\n", c->name);
        return 0;
    }
    if (argc > 1) {
        const struct cli_command *c = find_command(argv[1]);
        if (!c) {
            fprintf(stderr, "tcxd: unknown command '%s'\n", argv[1]);
            return 2;
        }
        printf("usage: tcxd %s\n\n%s\n", c->usage, c->summary);
        if (c->fn != cmd_help && c->fn != cmd_version) {
            char *av[] = {(char *)c->name, (char *)"--help", NULL};
            return c->fn(cli, 2, av);
        }
        return 0;
    }
    printf(
        "usage: tcxd [--db PATH] [--json] COMMAND [ARGS]\n\n"
        "tcxd keeps a party organization tree and its members with full history.\n"
        "Database: --db PATH, else $TCXD_DB, else ./tcxd.db. Dates: dd/mm/yyyy or yyyy-mm-dd.\n\n"
        "commands:\n");
    for (const struct cli_command *c = cli_commands; c->name; c++)
        printf("  %-10s %s\n", c->name, c->summary);
    printf("\nSee 'tcxd help COMMAND' or man tcxd.\n");
    return 0;
}

/* Removes the global options from argv wherever they appear; returns the new argc or -1. */
static int take_globals(struct cli *cli, int argc, char **argv)
{
    int out = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--json")) {
            cli->json = true;
        } else if (!strcmp(a, "--db")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "tcxd: option --db needs a value\n");
                return -1;
            }
            cli->db_path = argv[++i];
        } else if (!strncmp(a, "--db=", 5)) {
            cli->db_path = a + 5;
        } else {
            argv[out++] = argv[i];
        }
    }
    argv[out] = NULL;
    return out;
}

int main(int argc, char **argv)
{
    struct cli cli;
    memset(&cli, 0, sizeof(cli));
    cli.db_path = getenv("TCXD_DB");
    if (!cli.db_path || !*cli.db_path)
        cli.db_path = "tcxd.db";
    const char *user = getenv("TCXD_USER");
    if (!user || !*user)
        user = getenv("USER");
    snprintf(cli.username, sizeof(cli.username), "cli:%s", user && *user ? user : "unknown");
    cli.actor.username = cli.username;
    cli.actor.address = "cli";
    /* the language of error messages: TCXD_LANG=vi|en, else the locale */
    msg_set_lang(msg_lang_choose(getenv("TCXD_LANG"), getenv("LC_ALL"), getenv("LC_MESSAGES"),
                                 getenv("LANG")));

    argc = take_globals(&cli, argc - 1, argv + 1);
    argv++;
    if (argc < 0)
        return 2;
    if (argc == 0 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))
        return cmd_help(&cli, 0, argv);
    if (!strcmp(argv[0], "--version"))
        return cmd_version(&cli, 0, argv);
    const struct cli_command *c = find_command(argv[0]);
    if (!c) {
        fprintf(stderr, "tcxd: unknown command '%s' (see 'tcxd help')\n", argv[0]);
        return 2;
    }
    int status = c->fn(&cli, argc, argv);
    store_close(cli.st);
    fflush(stdout);
    return status;
}
