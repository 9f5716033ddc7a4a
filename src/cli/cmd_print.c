/*
 * cmd_print.c - `tcxd print phieu MEMBER` and `tcxd print so-danh-sach ORG`: the dossier's
 * printed forms as PDF (report/print.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "report/print.h"

static const char print_help[] =
    "usage:\n"
    "  tcxd print phieu MEMBER [-o FILE.pdf]\n"
    "  tcxd print so-danh-sach ORG [--as-of DATE] [-o FILE.pdf]\n"
    "PDF on A4 in the Party's document format (Times New Roman / Liberation Serif):\n"
    "  phieu          the Phiếu đảng viên (mẫu 2-HSĐV) of a member (#id or national ID):\n"
    "                 its 30 items with what tcxd records, the rest as lines to fill in\n"
    "  so-danh-sach   the Sổ danh sách đảng viên (mẫu 7-HSĐV, 14 columns) of a chi bộ: every\n"
    "                 member registered in it on the date (default today), landscape\n"
    "  -o, --output FILE   where to write (default: standard output, unless a terminal)\n";
static const char print_help_vi[] =
    "cách dùng:\n"
    "  tcxd print phieu ĐẢNG_VIÊN [-o TỆP.pdf]\n"
    "  tcxd print so-danh-sach TỔ_CHỨC [--as-of NGÀY] [-o TỆP.pdf]\n"
    "PDF khổ A4 theo thể thức văn bản của Đảng (Times New Roman / Liberation Serif):\n"
    "  phieu          Phiếu đảng viên (mẫu 2-HSĐV) của một đảng viên (#số hoặc số định danh):\n"
    "                 30 mục với những gì tcxd lưu, phần còn lại là dòng để điền\n"
    "  so-danh-sach   Sổ danh sách đảng viên (mẫu 7-HSĐV, 14 cột) của một chi bộ: mọi đảng viên\n"
    "                 sinh hoạt tại chi bộ vào ngày đã cho (mặc định hôm nay), khổ ngang\n"
    "  -o, --output TỆP   nơi ghi (mặc định: đầu ra chuẩn, trừ khi là màn hình)\n";

enum { O_AS_OF, O_OUTPUT, O_HELP, O__MAX };

int cmd_print(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[O__MAX] = {
        [O_AS_OF] = {"as-of", true, NULL},
        [O_OUTPUT] = {"output", true, NULL},
        [O_HELP] = {"help", false, NULL},
    };
    /* -o is --output */
    char **args = malloc(sizeof(*args) * (size_t)(argc + 1));
    if (!args)
        return 1;
    for (int i = 0; i < argc; i++)
        args[i] = !strcmp(argv[i], "-o") ? (char *)"--output" : argv[i];
    args[argc] = NULL;
    const char *pos[2];
    size_t npos;
    int st = cli_parse(cli, "print", argc, args, o, O__MAX, pos, 2, &npos);
    free(args);
    if (st)
        return st;
    if (o[O_HELP].value) {
        fputs(cli_help(print_help, print_help_vi), stdout);
        return 0;
    }
    if (npos != 2 || (strcmp(pos[0], "phieu") && strcmp(pos[0], "so-danh-sach")))
        return cli_usage(cli, "print", "print needs phieu MEMBER or so-danh-sach ORG");
    bool phieu = !strcmp(pos[0], "phieu");
    const char *out = o[O_OUTPUT].value;
    if (!out && isatty(STDOUT_FILENO))
        return cli_usage(cli, "print", "a PDF is binary: give -o FILE.pdf");
    if (phieu && o[O_AS_OF].value)
        return cli_usage(cli, "print", "--as-of is for so-danh-sach");
    struct tcxd_error e;
    tcxd_error_clear(&e);
    tcxd_date as_of;
    if (cli_date(o[O_AS_OF].value, date_today(), "as_of", &as_of, &e))
        return cli_fail(cli, &e);
    if (!cli_store(cli, false))
        return 1;
    struct buf pdf = BUF_INIT;
    enum tcxd_err rc;
    if (phieu) {
        int64_t id;
        rc = cli_member_id(cli, pos[1], &id, &e);
        if (!rc)
            rc = print_phieu(cli->st, id, date_today(), &pdf, &e);
    } else {
        struct org_info org;
        rc = cli_org(cli, pos[1], as_of, &org, &e);
        if (!rc)
            rc = print_so_danh_sach(cli->st, org.id, as_of, &pdf, &e);
    }
    if (!rc) {
        FILE *f = out ? fopen(out, "wb") : stdout;
        bool ok = f && fwrite(pdf.ptr, 1, pdf.len, f) == pdf.len;
        if (f && f != stdout && fclose(f) != 0)
            ok = false;
        if (!ok)
            rc = tcxd_fail(&e, TCXD_EIO, "output", "cannot write '%s'", out ? out : "-");
    }
    size_t bytes = pdf.len;
    buf_release(&pdf);
    if (rc)
        return cli_fail(cli, &e);
    if (cli->json)
        cli_print_json(json_pack("{s:s, s:s, s:I}", "form", phieu ? "2-HSĐV" : "7-HSĐV", "file",
                                 out ? out : "-", "bytes", (json_int_t)bytes));
    else if (out) {
        fprintf(stderr, MSG_T("wrote %s (%zu bytes)"), out, bytes);
        fputc('\n', stderr);
    }
    return 0;
}
