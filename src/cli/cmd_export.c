/*
 * cmd_export.c - `tcxd export members|orgs ORG`: a subtree in the import format.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/export.h"

static const char export_help[] =
    "usage:\n"
    "  tcxd export members ORG [--format csv|xlsx] [--as-of DATE] [--output FILE] [--ascii]\n"
    "  tcxd export orgs ORG    (same options)\n"
    "Writes the members registered in ORG's subtree on the date (default today), or the\n"
    "organizations of the subtree, in the format 'tcxd import' reads: importing the file into\n"
    "a database with the same organizations gives the same export again.\n"
    "  --format  csv (default; UTF-8 with BOM, CRLF) or xlsx; .xlsx in --output implies xlsx\n"
    "  --output  the file to write (default: standard output)\n"
    "  --ascii   ASCII headers and values (full_name, nu, cao_cap, ISO dates)\n";
static const char export_help_vi[] =
    "cách dùng:\n"
    "  tcxd export members TỔ_CHỨC [--format csv|xlsx] [--as-of NGÀY] [--output TỆP] [--ascii]\n"
    "  tcxd export orgs TỔ_CHỨC    (cùng các tùy chọn)\n"
    "Ghi các đảng viên sinh hoạt trong cây của TỔ_CHỨC vào ngày đã cho (mặc định hôm nay), hoặc\n"
    "các tổ chức của cây, theo đúng khuôn dạng 'tcxd import' đọc: nhập tệp vào một cơ sở dữ liệu\n"
    "có cùng các tổ chức thì xuất lại được đúng tệp đó.\n"
    "  --format  csv (mặc định; UTF-8 có BOM, CRLF) hoặc xlsx; --output kết thúc bằng .xlsx là "
    "xlsx\n"
    "  --output  tệp cần ghi (mặc định: đầu ra chuẩn)\n"
    "  --ascii   tiêu đề và giá trị không dấu (full_name, nu, cao_cap, ngày ISO)\n";

enum { O_FORMAT, O_AS_OF, O_OUTPUT, O_ASCII, O_HELP, O__MAX };

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcasecmp(s + n - k, suffix);
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[O__MAX] = {
        [O_FORMAT] = {"format", true, NULL}, [O_AS_OF] = {"as-of", true, NULL},
        [O_OUTPUT] = {"output", true, NULL}, [O_ASCII] = {"ascii", false, NULL},
        [O_HELP] = {"help", false, NULL},
    };
    const char *pos[2];
    size_t npos;
    int st = cli_parse(cli, "export", argc, argv, o, O__MAX, pos, 2, &npos);
    if (st)
        return st;
    if (o[O_HELP].value) {
        fputs(cli_help(export_help, export_help_vi), stdout);
        return 0;
    }
    if (npos != 2)
        return cli_usage(cli, "export", "export needs orgs|members and an ORG");
    struct tcxd_error e;
    tcxd_error_clear(&e);
    struct io_export_opts x = {.format = IO_FORMAT_CSV, .ascii = o[O_ASCII].value != NULL};
    const char *out = o[O_OUTPUT].value;
    if (io_entity_parse(pos[0], &x.what, &e) ||
        cli_date(o[O_AS_OF].value, date_today(), "as_of", &x.as_of, &e))
        return cli_fail(cli, &e);
    if (o[O_FORMAT].value) {
        if (io_format_parse(o[O_FORMAT].value, &x.format, &e))
            return cli_fail(cli, &e);
    } else if (out && ends_with(out, ".xlsx")) {
        x.format = IO_FORMAT_XLSX;
    }
    if (x.format == IO_FORMAT_AUTO)
        return cli_usage(cli, "export", "--format must be csv or xlsx");
    if (!out && cli->json)
        return cli_usage(cli, "export", "--json needs --output FILE (the data goes there)");
    if (!out && x.format == IO_FORMAT_XLSX && isatty(STDOUT_FILENO))
        return cli_usage(cli, "export", "XLSX is binary: give --output FILE");
    if (!cli_store(cli, false))
        return 1;
    struct org_info org;
    if (cli_org(cli, pos[1], x.as_of, &org, &e))
        return cli_fail(cli, &e);
    x.org_id = org.id;
    size_t rows = 0;
    enum tcxd_err rc;
    if (out) {
        rc = io_export_file(cli->st, &x, out, &rows, &e);
    } else {
        struct buf b = BUF_INIT;
        rc = io_export(cli->st, &x, &b, &rows, &e);
        if (!rc && fwrite(b.ptr, 1, b.len, stdout) != b.len)
            rc = tcxd_fail(&e, TCXD_EIO, "output", "cannot write to standard output");
        buf_release(&b);
    }
    if (rc)
        return cli_fail(cli, &e);
    if (cli->json) {
        cli_print_json(json_pack("{s:s, s:s, s:s, s:I, s:o, s:s}", "what", io_entity_name(x.what),
                                 "org", org.code, "format", io_format_name(x.format), "rows",
                                 (json_int_t)rows, "as_of", cli_json_date(x.as_of), "file", out));
    } else if (out) {
        fprintf(stderr,
                x.what == IO_MEMBERS ? MSG_T("exported %zu members of %s to %s\n")
                                     : MSG_T("exported %zu organizations of %s to %s\n"),
                rows, org.code, out);
    }
    return 0;
}
