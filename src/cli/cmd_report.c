/*
 * cmd_report.c - `tcxd report structure ORG ...`: the structure report of an organization on a
 * date (the sentence boards write, breakdowns, comparison with another date) in any format.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "engine/engine.h"
#include "report/structure.h"

static const char report_help[] =
    "usage:\n"
    "  tcxd report structure ORG [--as-of DATE] [--compare DATE]\n"
    "       [--format text|table|json|csv|xlsx] [--output FILE] [--top N]\n"
    "The structure of ORG's subtree on DATE (default today): organizations of each kind and\n"
    "members. text (default) prints the sentence a board writes; table, json, csv and xlsx add\n"
    "breakdowns by child organization, base-organization type, gender, age band, party-age band,\n"
    "ethnicity, religion, education, political theory level and status. --compare DATE puts\n"
    "each figure against another date (\"tăng 312 (7,3%)\"). --top N keeps the N most frequent\n"
    "ethnicities, religions and education levels (default 5) and sums the rest.\n"
    "--output FILE writes the report there (xlsx needs it unless stdout is not a terminal).\n"
    "--json is --format json.\n"
    "With the analytics engine's cache file beside the database (written by `tcxd serve`, or by\n"
    "any command run with TCXD_ENGINE=1) the report reads it instead of the database's tables:\n"
    "the same figures, in milliseconds; TCXD_ENGINE=0 never uses it.\n";
static const char report_help_vi[] =
    "cách dùng:\n"
    "  tcxd report structure TỔ_CHỨC [--as-of NGÀY] [--compare NGÀY]\n"
    "       [--format text|table|json|csv|xlsx] [--output TỆP] [--top N]\n"
    "Cơ cấu cây của TỔ_CHỨC vào NGÀY (mặc định hôm nay): tổ chức đảng từng loại và đảng viên.\n"
    "text (mặc định) in câu báo cáo của Ban; table, json, csv và xlsx thêm các bảng theo tổ chức\n"
    "trực thuộc, loại hình tổ chức cơ sở đảng, giới tính, độ tuổi, tuổi đảng, dân tộc, tôn giáo,\n"
    "trình độ học vấn, trình độ lý luận chính trị và trạng thái. --compare NGÀY so từng số liệu\n"
    "với một ngày khác (\"tăng 312 (7,3%)\"). --top N giữ N dân tộc, tôn giáo, trình độ học vấn\n"
    "nhiều nhất (mặc định 5) và cộng phần còn lại. --output TỆP ghi báo cáo vào đó (xlsx cần tùy\n"
    "chọn này trừ khi đầu ra chuẩn không phải màn hình). --json tức là --format json.\n"
    "Khi có tệp đệm của bộ máy phân tích cạnh cơ sở dữ liệu (do `tcxd serve` ghi, hoặc bất kỳ\n"
    "lệnh nào chạy với TCXD_ENGINE=1), báo cáo đọc tệp đó thay cho các bảng của cơ sở dữ liệu:\n"
    "cùng số liệu, tính bằng mili giây; TCXD_ENGINE=0 thì không bao giờ dùng.\n";

enum { O_ASOF, O_COMPARE, O_FORMAT, O_OUTPUT, O_TOP, O_HELP, O__MAX };

static int structure(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "report", "report structure needs an organization code");
    enum report_format f = cli->json ? REPORT_FMT_JSON : REPORT_FMT_TEXT;
    if (o[O_FORMAT].value && report_format_parse(o[O_FORMAT].value, &f, &e))
        return cli_fail(cli, &e);
    const char *output = o[O_OUTPUT].value;
    if (cli->json && f != REPORT_FMT_JSON && !output)
        return cli_usage(cli, "report", "--json with --format %s needs --output FILE",
                         report_format_name(f));
    if (f == REPORT_FMT_XLSX && !output && isatty(STDOUT_FILENO))
        return cli_usage(cli, "report", "xlsx is binary: give --output FILE");
    struct report_structure_opts ro = {.compare = DATE_NONE, .breakdowns = f != REPORT_FMT_TEXT};
    if (o[O_TOP].value) {
        char *end;
        long top = strtol(o[O_TOP].value, &end, 10);
        if (*end || top < 1 || top > 1000) {
            tcxd_fail(&e, TCXD_EINVAL, "top", "invalid --top '%s' (1 to 1000)", o[O_TOP].value);
            return cli_fail(cli, &e);
        }
        ro.top = (int)top;
    }
    if (cli_date(o[O_ASOF].value, date_today(), "as_of", &ro.as_of, &e) ||
        (o[O_COMPARE].value && cli_date(o[O_COMPARE].value, DATE_NONE, "compare", &ro.compare, &e)))
        return cli_fail(cli, &e);
    if (!cli_store(cli, false))
        return 1;
    ro.engine = engine_wanted(cli->st); /* the cache file mapped: milliseconds */
    struct org_info org;
    struct report_structure *r = NULL;
    if (cli_org(cli, pos[0], ro.as_of, &org, &e) ||
        report_structure_build(cli->st, org.id, &ro, &r, &e))
        return cli_fail(cli, &e);
    enum tcxd_err rc = report_structure_write(r, f, output, &e);
    if (!rc && cli->json && f != REPORT_FMT_JSON)
        cli_print_json(json_pack("{s:s, s:s, s:s}", "output", output, "format",
                                 report_format_name(f), "sentence", r->sentence));
    report_structure_free(r);
    return rc ? cli_fail(cli, &e) : 0;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[O__MAX] = {
        {"as-of", true, NULL},  {"compare", true, NULL}, {"format", true, NULL},
        {"output", true, NULL}, {"top", true, NULL},     {"help", false, NULL},
    };
    const char *pos[2];
    size_t npos;
    int rc = cli_parse(cli, "report", argc, argv, o, O__MAX, pos, 2, &npos);
    if (rc)
        return rc;
    if (o[O_HELP].value) {
        fputs(cli_help(report_help, report_help_vi), stdout);
        return 0;
    }
    if (npos >= 1 && !strcmp(pos[0], "structure"))
        return structure(cli, o, pos + 1, npos - 1);
    if (npos == 0)
        return cli_usage(cli, "report", "report needs a kind of report (structure)");
    return cli_usage(cli, "report", "unknown report '%s' (expected structure)", pos[0]);
}
