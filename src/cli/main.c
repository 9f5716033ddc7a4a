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
    {"init", cmd_init, "init [--db PATH]", "create an empty database", "init [--db TỆP]",
     "tạo cơ sở dữ liệu trống (hoặc nâng cấp lược đồ)"},
    {"org", cmd_org, "org add|show|tree|rename|move|merge|dissolve|history|find ...",
     "organization tree with dated history",
     "org add|show|tree|rename|move|merge|dissolve|history|find ...",
     "cây tổ chức đảng và lịch sử theo ngày"},
    {"member", cmd_member,
     "member add|show|find|list|admit|official|transfer|return|discipline|exempt|exit|due ...",
     "party members and their lifecycle",
     "member add|show|find|list|admit|official|transfer|return|discipline|exempt|exit|due ...",
     "đảng viên và quá trình sinh hoạt đảng"},
    {"stats", cmd_stats, "stats ORG [--as-of DATE]",
     "count organizations of each kind and members by status under ORG",
     "stats TỔ_CHỨC [--as-of NGÀY]",
     "đếm tổ chức đảng theo loại và đảng viên theo trạng thái trong TỔ_CHỨC"},
    {"report", cmd_report, "report structure ORG [--as-of DATE] [--compare DATE] [--format F]",
     "the structure report: the board's sentence, breakdowns, comparison",
     "report structure TỔ_CHỨC [--as-of NGÀY] [--compare NGÀY] [--format ĐỊNH_DẠNG]",
     "báo cáo cơ cấu: câu báo cáo của Ban, các bảng phân tích, so sánh"},
    {"form", cmd_form, "form list|show|export|flows FORM ORG --period P [--format F]",
     "the statistics pack (biểu mẫu thống kê) and the period-flow sentences",
     "form list|show|export|flows BIỂU TỔ_CHỨC --period KỲ [--format ĐỊNH_DẠNG]",
     "bộ biểu mẫu thống kê và các câu biến động trong kỳ"},
    {"serve", cmd_serve, "serve [--listen ADDRESS:PORT] [--web-root DIR] [--session-timeout S]",
     "run the HTTP JSON API and the web UI",
     "serve [--listen ĐỊA_CHỈ:CỔNG] [--web-root THƯ_MỤC] [--session-timeout GIÂY]",
     "chạy API HTTP JSON và giao diện web"},
    {"user", cmd_user, "user add|passwd|disable|enable|list ...", "accounts for tcxd serve",
     "user add|passwd|disable|enable|list ...", "tài khoản đăng nhập của tcxd serve"},
    {"audit", cmd_audit, "audit [--org ORG] [--user U] [--since DATE]", "read the audit log",
     "audit [--org TỔ_CHỨC] [--user TÀI_KHOẢN] [--since NGÀY]", "xem nhật ký thao tác"},
    {"review", cmd_review, "review rubric|self|verify|decide|amend|show|report|leniency|weak ...",
     "annual quality review: rubrics, steps, decisions, reports, weak organizations",
     "review rubric|self|verify|decide|amend|record|batch|show|report|leniency|weak ...",
     "kiểm điểm, đánh giá, xếp loại chất lượng hằng năm: bảng tiêu chí, các bước, quyết định, báo "
     "cáo, tổ chức yếu kém"},
    {"import", cmd_import, "import orgs|members FILE [--dry-run] [--errors OUT.csv]",
     "load organizations or members from CSV or XLSX, all or nothing",
     "import orgs|members TỆP [--dry-run] [--errors LỖI.csv]",
     "nhập tổ chức hoặc đảng viên từ CSV hoặc XLSX, ghi tất cả hoặc không ghi gì"},
    {"export", cmd_export,
     "export orgs|members ORG [--format csv|xlsx] [--as-of DATE] [--output F]",
     "write a subtree's organizations or members as CSV or XLSX",
     "export orgs|members TỔ_CHỨC [--format csv|xlsx] [--as-of NGÀY] [--output TỆP]",
     "xuất tổ chức hoặc đảng viên của một tổ chức ra CSV hoặc XLSX"},
    {"print", cmd_print, "print phieu MEMBER | so-danh-sach ORG [--as-of DATE] -o FILE.pdf",
     "print the Phiếu đảng viên (2-HSĐV) or a chi bộ's Sổ danh sách đảng viên (7-HSĐV) as PDF",
     "print phieu ĐẢNG_VIÊN | so-danh-sach TỔ_CHỨC [--as-of NGÀY] -o TỆP.pdf",
     "in Phiếu đảng viên (2-HSĐV) hoặc Sổ danh sách đảng viên của chi bộ (7-HSĐV) ra PDF"},
    {"demo", cmd_demo,
     "demo --profile small|hanoi-2020|national [--seed N] [--per-member] [--scale X]",
     "build the deterministic demo dataset",
     "demo --profile small|hanoi-2020|national [--seed SỐ] [--per-member] [--scale TỈ_LỆ]",
     "tạo bộ dữ liệu mẫu (xác định)"},
    {"program", cmd_program, "program add|list|item|status|show|report|due ...",
     "programs and their items: assignments, dated statuses, progress, overdue",
     "program add|list|item|status|show|report|due ...",
     "chương trình, kế hoạch và các nội dung: phân công, tiến độ theo ngày, quá hạn"},
    {"indicator", cmd_indicator, "indicator add|list|target|value|report ...",
     "indicators against plan and the same period, computed or entered",
     "indicator add|list|target|value|report ...",
     "chỉ tiêu so với kế hoạch và cùng kỳ, tính tự động hoặc nhập"},
    {"meeting", cmd_meeting, "meeting add|list|assign|attendance ...",
     "the chi bộ meeting register and committee members' quarterly attendance",
     "meeting add|list|assign|attendance ...",
     "sổ ghi sinh hoạt chi bộ và việc cấp ủy viên dự sinh hoạt hằng quý"},
    {"inspect", cmd_inspect, "inspect add|conclude|show|list|report|plan-add|plan ...",
     "inspections and supervision of organizations and members, the year's plan, the period "
     "report",
     "inspect add|conclude|show|list|report|plan-add|plan ...",
     "kiểm tra, giám sát tổ chức đảng và đảng viên, chương trình năm, báo cáo theo kỳ"},
    {"discipline", cmd_discipline, "discipline member|org|appeal|show|list ...",
     "party discipline of members and organizations, appeals, expiry",
     "discipline member|org|appeal|show|list ...",
     "kỷ luật đảng viên và tổ chức đảng, khiếu nại, hết hiệu lực"},
    {"cadre", cmd_cadre,
     "cadre add|list|show|term|seat|committee|position|appoint|plan|due|vote ...",
     "cadre work: committees, posts, planning, appointments, rotation, training, confidence votes",
     "cadre add|list|show|term|seat|committee|position|appoint|plan|due|vote ...",
     "công tác cán bộ: cấp ủy, chức vụ, quy hoạch, bổ nhiệm, luân chuyển, đào tạo, lấy phiếu tín "
     "nhiệm"},
    {"staff", cmd_staff, "staff body|bodies|add|join|move|grade|leave|show|list ...",
     "the staffing roll (people paid from the budget) of party, front and mass-organization "
     "bodies: forms 8A, 8B",
     "staff body|bodies|add|join|move|grade|leave|show|list ...",
     "biên chế: người hưởng lương, phụ cấp ngân sách khối Đảng, Mặt trận, đoàn thể (biểu 8A, 8B)"},
    {"complaint", cmd_complaint,
     "complaint add|classify|assign|extend|resolve|notify|show|identity|list|overdue|report ...",
     "letters of complaint, denunciation and report: deadlines, results, the overdue list",
     "complaint add|classify|assign|extend|resolve|notify|show|identity|list|overdue|report ...",
     "đơn thư khiếu nại, tố cáo, phản ánh: thời hạn, kết quả, danh sách quá hạn"},
    {"degradation", cmd_degradation, "degradation items|record|show|report ...",
     "the self-check of the 27 manifestations of degradation at 5 levels, the year's tally",
     "degradation items|record|show|report ...",
     "tự kiểm tra 27 biểu hiện suy thoái theo 5 mức, tổng hợp của năm"},
    {"unit", cmd_unit, "unit add|link|coverage ...",
     "residential units (thôn, tổ dân phố), the chi bộ serving each, coverage",
     "unit add|link|coverage ...", "thôn, tổ dân phố, chi bộ phụ trách từng nơi, mức độ bao phủ"},
    {"restructure", cmd_restructure,
     "restructure check|apply PLAN [--dry-run] [--scope ORG] | flows ORG --from D --to D | "
     "units FILE | merger PROVINCE [--date D] [--org ORG --draft OUT]",
     "restructuring plans (2025 two-level reorganisation) and organization transfer counts",
     "restructure check|apply PHƯƠNG_ÁN [--dry-run] [--scope TỔ_CHỨC] | flows TỔ_CHỨC --from NGÀY "
     "--to NGÀY | units TỆP | merger TỈNH [--date NGÀY] [--org TỔ_CHỨC --draft TỆP]",
     "phương án sắp xếp (tổ chức chính quyền hai cấp năm 2025) và số tổ chức chuyển đi, chuyển "
     "đến"},
    {"backup", cmd_backup, "backup FILE",
     "a consistent, verified copy of the database (while the server writes)", "backup TỆP",
     "sao lưu nhất quán, có kiểm tra, cơ sở dữ liệu (kể cả khi máy chủ đang ghi)"},
    {"restore", cmd_restore, "restore FILE", "replace the database with a verified backup",
     "restore TỆP", "thay cơ sở dữ liệu bằng một bản sao lưu đã kiểm tra"},
    {"help", cmd_help, "help [COMMAND]", "show help for tcxd or one command", "help [LỆNH]",
     "hướng dẫn sử dụng tcxd hoặc một lệnh"},
    {"version", cmd_version, "version", "print the version", "version", "in phiên bản"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
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

static const char *usage_of(const struct cli_command *c)
{
    return cli_help(c->usage, c->usage_vi);
}

static const char *summary_of(const struct cli_command *c)
{
    return cli_help(c->summary, c->summary_vi);
}

/* `tcxd help --options CMD`: the options of CMD's table, one a line (tests/cli/check_docs.sh). */
static int list_options(struct cli *cli, const char *name)
{
    const struct cli_command *c = find_command(name);
    if (!c) {
        fprintf(stderr, MSG_T("tcxd: unknown command '%s'\n"), name);
        return 2;
    }
    if (c->fn == cmd_help || c->fn == cmd_version)
        return 0;
    cli_list_options = true;
    char *av[] = {(char *)c->name, (char *)"-", NULL};
    int rc = c->fn(cli, 2, av);
    cli_list_options = false;
    if (rc != CLI_LISTED) {
        fprintf(stderr, "tcxd: '%s' did not list its options (exit %d)\n", name, rc);
        return 1;
    }
    return 0;
}

int cmd_help(struct cli *cli, int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--list")) {
        for (const struct cli_command *c = cli_commands; c->name; c++)
            printf("%s\n", c->name);
        return 0;
    }
    if (argc > 2 && !strcmp(argv[1], "--options"))
        return list_options(cli, argv[2]);
    if (argc > 1) {
        const struct cli_command *c = find_command(argv[1]);
        if (!c) {
            fprintf(stderr, MSG_T("tcxd: unknown command '%s'\n"), argv[1]);
            return 2;
        }
        printf(MSG_T("usage: tcxd %s\n\n%s\n"), usage_of(c), summary_of(c));
        if (c->fn != cmd_help && c->fn != cmd_version) {
            char *av[] = {(char *)c->name, (char *)"--help", NULL};
            return c->fn(cli, 2, av);
        }
        return 0;
    }
    fputs(cli_help("usage: tcxd [--db PATH] [--json] COMMAND [ARGS]\n\n"
                   "tcxd keeps a party organization tree and its members with full history.\n"
                   "Database: --db PATH, else $TCXD_DB, else ./tcxd.db. Dates: dd/mm/yyyy or "
                   "yyyy-mm-dd.\n\n"
                   "commands:\n",
                   "cách dùng: tcxd [--db TỆP] [--json] LỆNH [THAM_SỐ]\n\n"
                   "tcxd quản lý cây tổ chức đảng và đảng viên, lưu toàn bộ lịch sử.\n"
                   "Cơ sở dữ liệu: --db TỆP, nếu không thì $TCXD_DB, nếu không thì ./tcxd.db. "
                   "Ngày: dd/mm/yyyy hoặc yyyy-mm-dd.\n\n"
                   "các lệnh:\n"),
          stdout);
    for (const struct cli_command *c = cli_commands; c->name; c++)
        printf("  %-11s %s\n", c->name, summary_of(c));
    fputs(MSG_T("\nSee 'tcxd help COMMAND' or man tcxd.\n"), stdout);
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
                fprintf(stderr, MSG_T("tcxd: option --db needs a value\n"));
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
    if (argc == 0) { /* no command: the help, and exit 2 (as git does) */
        cmd_help(&cli, 0, argv);
        return 2;
    }
    if (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))
        return cmd_help(&cli, 0, argv);
    if (!strcmp(argv[0], "--version"))
        return cmd_version(&cli, 0, argv);
    const struct cli_command *c = find_command(argv[0]);
    if (!c) {
        fprintf(stderr, MSG_T("tcxd: unknown command '%s' (see 'tcxd help')\n"), argv[0]);
        return 2;
    }
    int status = c->fn(&cli, argc, argv);
    store_close(cli.st);
    fflush(stdout);
    return status;
}
