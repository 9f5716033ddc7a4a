/*
 * cmd_import.c - `tcxd import orgs|members FILE`: all-or-nothing loading from CSV or XLSX.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/import.h"
#include "util/vnfmt.h"
#include "util/msg.h"

static const char import_help[] =
    "usage:\n"
    "  tcxd import members FILE [--dry-run] [--errors OUT.csv] [--format csv|xlsx]\n"
    "           [--max-errors N] [--encoding utf-8|tcvn3|cp1258|cp1252] [--org CODE]\n"
    "  tcxd import orgs FILE    (same options)\n"
    "FILE is CSV (UTF-8; ',' ';' or tab) or XLSX (first sheet). The first row names the\n"
    "columns, in Vietnamese or ASCII, any case, with or without diacritics:\n"
    "  members: Họ và tên* (full_name), Giới tính* (gender), Ngày sinh* (birth_date),\n"
    "    Dân tộc (ethnicity), Tôn giáo (religion), Quê quán (hometown), Số CCCD\n"
    "    (national_id), Trình độ học vấn (education), Chuyên môn (professional_level),\n"
    "    Lý luận chính trị (theory_level), Ngày quyết định kết nạp* (admission_decision_date),\n"
    "    Ngày kết nạp (ceremony_date), Ngày chính thức (official_decision_date), Số thẻ đảng\n"
    "    viên (party_card_no), Chi bộ* (org: the chi bộ's code), Số quyết định (decision_no),\n"
    "    Số quyết định chính thức (official_decision_no); a member who moved: Chi bộ khi\n"
    "    kết nạp (admission_org: the chi bộ of the admission) and Ngày chuyển đến\n"
    "    (arrival_date: the day of the official transfer to Chi bộ); admitted outside the\n"
    "    database: Nơi kết nạp (admission_place, text); a member admitted before the chi bộ\n"
    "    existed is entered so, registered in it from its creation (or Ngày chuyển đến)\n"
    "  orgs: Mã* (code), Tên* (name), Loại tổ chức* (kind; or tier and form), Cấp trên\n"
    "    (parent code), Loại hình (base_type), Ngày thành lập* (date), Số quyết định\n"
    "    (decision_no)\n"
    "  (* required; members need Ngày quyết định kết nạp or Ngày kết nạp / Ngày vào Đảng).\n"
    "Dates dd/mm/yyyy or yyyy-mm-dd. The header is the first row that names two columns: the\n"
    "Party's header rows and titles above it, a row of column numbers under it, STT columns\n"
    "and note or signature lines are skipped; other columns (Ghi chú, Chức vụ) are ignored\n"
    "with a warning.\n"
    "Every row is checked and every problem listed (line, column, reason); only a file with\n"
    "no problem is written, in one transaction. Exit status 2 when the file has problems.\n"
    "  --dry-run      check only, write nothing\n"
    "  --errors OUT   write the problems as CSV for Excel (UTF-8 with BOM; under TCXD_LANG=vi\n"
    "                 Vietnamese headers and ';' between fields, as Excel vi-VN reads), or\n"
    "                 as XLSX when OUT ends in .xlsx (right in any regional format)\n"
    "  --encoding E   the file's encoding: utf-8 (default); tcvn3 (.VnTime fonts; also for an\n"
    "                 XLSX typed in them), cp1258 or cp1252 (a CSV saved by Excel as plain CSV)\n"
    "  --org CODE     members: the chi bộ of every row of a file without a Chi bộ column\n"
    "  --max-errors N stop checking after N problems (default: find them all)\n"
    "  --per-row      write row by row (the old, slower path; to compare)\n"
    "See docs/import-format.md.\n";
static const char import_help_vi[] =
    "cách dùng:\n"
    "  tcxd import members TỆP [--dry-run] [--errors LỖI.csv] [--format csv|xlsx]\n"
    "           [--max-errors N] [--encoding utf-8|tcvn3|cp1258|cp1252] [--org MÃ] [--per-row]\n"
    "  tcxd import orgs TỆP    (cùng các tùy chọn)\n"
    "TỆP là CSV (UTF-8; phân cách ',' ';' hoặc tab) hoặc XLSX (trang tính đầu). Dòng đầu ghi tên\n"
    "các cột, bằng tiếng Việt hoặc không dấu, chữ hoa hay thường, có dấu hay không dấu:\n"
    "  'members': Họ và tên* ('full_name'), Giới tính* ('gender'), Ngày sinh* ('birth_date'),\n"
    "    Dân tộc ('ethnicity'), Tôn giáo ('religion'), Quê quán ('hometown'), Số CCCD\n"
    "    ('national_id'), Trình độ học vấn ('education'), Chuyên môn ('professional_level'),\n"
    "    Lý luận chính trị ('theory_level'), Ngày quyết định kết nạp* "
    "('admission_decision_date'),\n"
    "    Ngày kết nạp ('ceremony_date'), Ngày chính thức ('official_decision_date'), Số thẻ đảng\n"
    "    viên ('party_card_no'), Chi bộ* ('org': mã chi bộ), Số quyết định ('decision_no'),\n"
    "    Số quyết định chính thức ('official_decision_no'); đảng viên đã chuyển: Chi bộ khi\n"
    "    kết nạp ('admission_org': chi bộ nơi kết nạp) và Ngày chuyển đến ('arrival_date': ngày\n"
    "    chuyển sinh hoạt chính thức về Chi bộ); kết nạp ngoài cơ sở dữ liệu: Nơi kết nạp\n"
    "    (admission_place, văn bản); đảng viên kết nạp trước khi có chi bộ được nhập như vậy,\n"
    "    sinh hoạt tại chi bộ từ ngày thành lập (hoặc Ngày chuyển đến)\n"
    "  'orgs': Mã* ('code'), Tên* ('name'), Loại tổ chức* ('kind'; hoặc tier và form), Cấp trên\n"
    "    (mã cấp trên), Loại hình ('base_type'), Ngày thành lập* ('date'), Số quyết định\n"
    "    ('decision_no')\n"
    "  (* bắt buộc; đảng viên cần Ngày quyết định kết nạp hoặc Ngày kết nạp / Ngày vào Đảng).\n"
    "Giới tính ghi Nam, Nữ; Lý luận chính trị ghi Sơ cấp, Trung cấp, Cao cấp, Cử nhân như bảng\n"
    "tính. Ngày dd/mm/yyyy hoặc yyyy-mm-dd. Dòng tiêu đề là dòng đầu tiên ghi tên hai cột: các\n"
    "dòng quốc hiệu, tên văn bản phía trên, dòng đánh số cột phía dưới, cột STT và các dòng ghi\n"
    "chú, chữ ký được bỏ qua; cột khác (Ghi chú, Chức vụ) bị bỏ qua kèm cảnh báo.\n"
    "Mọi dòng đều được kiểm tra và mọi lỗi được liệt kê (dòng, cột, lý do); chỉ tệp không có lỗi\n"
    "nào mới được ghi, trong một giao dịch. Mã thoát 2 khi tệp có lỗi.\n"
    "  --dry-run      chỉ kiểm tra, không ghi gì\n"
    "  --errors LỖI   ghi danh sách lỗi ra CSV cho Excel (UTF-8 có BOM; với TCXD_LANG=vi tiêu đề\n"
    "                 tiếng Việt và ';' giữa các trường, như Excel vi-VN đọc), hoặc XLSX khi\n"
    "                 LỖI kết thúc bằng .xlsx (đúng với mọi thiết lập vùng)\n"
    "  --encoding MÃ  bảng mã của tệp: utf-8 (mặc định); tcvn3 (phông .VnTime; cả tệp XLSX gõ\n"
    "                 bằng phông đó), cp1258 hoặc cp1252 (CSV do Excel lưu dạng CSV thường)\n"
    "  --org MÃ       'members': chi bộ của mọi dòng khi tệp không có cột Chi bộ\n"
    "  --max-errors N dừng kiểm tra sau N lỗi (mặc định: tìm hết)\n"
    "  --per-row      ghi từng dòng (đường ghi cũ, chậm hơn; để so sánh)\n"
    "  --format       csv hoặc xlsx (mặc định theo đuôi tệp)\n"
    "Xem docs/import-format.md.\n";

enum { O_DRY_RUN, O_ERRORS, O_FORMAT, O_MAX_ERRORS, O_PER_ROW, O_ENCODING, O_ORG, O_HELP, O__MAX };

/* A progress bar on stderr for a terminal, redrawn at most 10 times a second. */
struct progress {
    struct timespec start, last;
    bool shown;
};

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void progress_draw(void *ctx, size_t done, size_t total)
{
    struct progress *p = ctx;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (done < total && seconds_between(&p->last, &now) < 0.1)
        return;
    if (!p->shown && done < total && seconds_between(&p->start, &now) < 0.5)
        return; /* short imports draw nothing */
    p->last = now;
    p->shown = true;
    int pct = total ? (int)((double)done * 100.0 / (double)total) : 100;
    char bar[31];
    int fill = pct * 30 / 100;
    for (int i = 0; i < 30; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[30] = '\0';
    fprintf(stderr, "\r[%s] %3d%%  %.1f / %.1f MB  %.1f s", bar, pct, (double)done / 1e6,
            (double)total / 1e6, seconds_between(&p->start, &now));
    fflush(stderr);
}

static void progress_end(struct progress *p)
{
    if (p->shown)
        fprintf(stderr, "\r%70s\r", "");
}

static int write_errors(const char *path, const struct io_report *r)
{
    size_t n = strlen(path);
    if (n > 5 && !strcasecmp(path + n - 5, ".xlsx")) {
        struct tcxd_error e;
        if (io_report_errors_xlsx(r, path, &e)) {
            fprintf(stderr, "tcxd: %s\n", e.msg);
            return 1;
        }
        return 0;
    }
    struct buf b = BUF_INIT;
    io_report_errors_csv(r, &b);
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(b.ptr, 1, b.len, f) == b.len;
    if (f && fclose(f) != 0)
        ok = false;
    buf_release(&b);
    if (!ok)
        fprintf(stderr, "tcxd: cannot write the error list to '%s'\n", path);
    return ok ? 0 : 1;
}

int cmd_import(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[O__MAX] = {
        [O_DRY_RUN] = {"dry-run", false, NULL}, [O_ERRORS] = {"errors", true, NULL},
        [O_FORMAT] = {"format", true, NULL},    [O_MAX_ERRORS] = {"max-errors", true, NULL},
        [O_PER_ROW] = {"per-row", false, NULL}, [O_ENCODING] = {"encoding", true, NULL},
        [O_ORG] = {"org", true, NULL},          [O_HELP] = {"help", false, NULL},
    };
    const char *pos[2];
    size_t npos;
    int st = cli_parse(cli, "import", argc, argv, o, O__MAX, pos, 2, &npos);
    if (st)
        return st;
    if (o[O_HELP].value) {
        fputs(cli_help(import_help, import_help_vi), stdout);
        return 0;
    }
    if (npos != 2)
        return cli_usage(cli, "import", "import needs orgs|members and a FILE");
    struct tcxd_error e;
    tcxd_error_clear(&e);
    struct io_import_opts opts;
    io_import_opts_init(&opts);
    if (io_entity_parse(pos[0], &opts.what, &e) ||
        (o[O_FORMAT].value && io_format_parse(o[O_FORMAT].value, &opts.format, &e)) ||
        (o[O_ENCODING].value && io_encoding_parse(o[O_ENCODING].value, &opts.encoding, &e)))
        return cli_fail(cli, &e);
    opts.default_org = o[O_ORG].value;
    if (o[O_MAX_ERRORS].value) {
        char *end;
        long n = strtol(o[O_MAX_ERRORS].value, &end, 10);
        if (*end || n < 1)
            return cli_usage(cli, "import", "invalid --max-errors '%s'", o[O_MAX_ERRORS].value);
        opts.max_errors = (size_t)n;
    }
    opts.dry_run = o[O_DRY_RUN].value != NULL;
    opts.per_row = o[O_PER_ROW].value != NULL;
    opts.name = pos[1];
    struct progress prog;
    memset(&prog, 0, sizeof(prog));
    clock_gettime(CLOCK_MONOTONIC, &prog.start);
    prog.last = prog.start;
    if (isatty(STDERR_FILENO)) {
        opts.progress = progress_draw;
        opts.progress_ctx = &prog;
    }
    if (!cli_store(cli, false))
        return 1;

    struct io_report r;
    io_report_init(&r);
    enum tcxd_err rc = io_import_file(cli->st, &cli->actor, pos[1], &opts, &r, &e);
    progress_end(&prog);
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    int status = rc ? tcxd_err_exit_status(rc) : 0;
    if (rc && !status)
        status = 1;
    if (o[O_ERRORS].value && write_errors(o[O_ERRORS].value, &r) && !status)
        status = 1;
    if (cli->json) {
        json_t *j = io_report_json(&r);
        json_object_set_new(j, "ok", json_boolean(rc == TCXD_OK));
        json_object_set_new(j, "seconds", json_real(seconds_between(&prog.start, &end)));
        cli_print_json(j);
    }
    if (!cli->json) {
        struct buf line = BUF_INIT;
        for (size_t i = 0; i < r.nwarn && i < 50; i++) {
            buf_reset(&line);
            io_issue_format(&r, &r.warnings[i], &line);
            fprintf(stderr, "%s: %s: %s\n", pos[1], MSG_T("warning"), line.ptr);
        }
        buf_release(&line);
    }
    if (rc) {
        const size_t show = 50;
        struct buf line = BUF_INIT;
        for (size_t i = 0; i < r.n && i < show; i++) {
            buf_reset(&line);
            io_issue_format(&r, &r.issues[i], &line);
            fprintf(stderr, "%s: %s\n", pos[1], line.ptr);
        }
        buf_release(&line);
        if (r.n > show)
            fprintf(stderr, MSG_T("... and %zu more problems%s\n"), r.n - show,
                    o[O_ERRORS].value ? "" : MSG_T(" (--errors FILE writes them all)"));
        fprintf(stderr, "tcxd: %s\n", e.msg);
    } else if (!cli->json) {
        bool m = opts.what == IO_MEMBERS;
        const char *fmt =
            opts.dry_run
                ? (m ? MSG_T("checked: would import %zu members from %s (%s, %zu rows) in %s s\n")
                     : MSG_T("checked: would import %zu organizations from %s (%s, %zu rows) in "
                             "%s s\n"))
                : (m ? MSG_T("imported %zu members from %s (%s, %zu rows) in %s s\n")
                     : MSG_T("imported %zu organizations from %s (%s, %zu rows) in %s s\n"));
        struct buf secs = BUF_INIT;
        vnfmt_double(&secs, seconds_between(&prog.start, &end), 1);
        printf(fmt, opts.dry_run ? r.rows : r.written, pos[1], io_format_name(r.format), r.rows,
               secs.ptr);
        buf_release(&secs);
    }
    io_report_release(&r);
    return status;
}
