/*
 * fuzz_csv_import.c - fuzz target for the spreadsheet readers and the import row validator.
 *
 * The first byte chooses what to do with the rest: bit 0 organizations or members, bit 1 XLSX
 * or CSV, bit 2 a real import (inside an outer transaction that is then rolled back, so the
 * database stays as set up) or a dry run. Every input also goes through the bare CSV reader,
 * whose rows are checked for the invariants table.h promises (cells NUL-terminated, lines
 * inside the row's span and never going back), and every report is checked (issues have a
 * message, the JSON encodes, lines within the input).
 *
 * Built with -DFUZZ_REPLAY as fuzz_csv_import_replay, whose main() runs every file named on the
 * command line (directories: every file in them) once; `meson test` replays
 * tests/fuzz/csv_corpus. With -Dfuzz=true (clang) it is also built for libFuzzer:
 *   build-fuzz/tests/io/fuzz_csv_import -max_len=65536 tests/fuzz/csv_corpus
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/import.h"
#include "util/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *st;
static const struct store_actor who = {"fuzz", "fuzz"};

static void die(const char *what, const struct tcxd_error *e)
{
    fprintf(stderr, "fuzz_csv_import: %s: %s\n", what, e->msg);
    abort();
}

static void setup(void)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    setenv("TCXD_TODAY", "2021-06-30", 1);
    if (store_open(":memory:", STORE_CREATE, &st, &e))
        die("store", &e);
    tcxd_date d = date_from_ymd(1990, 1, 1);
    int64_t hn, p1, id;
    struct org_create_req r = {
        "HN", "Đảng bộ thành phố", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, 0, d, ""};
    if (store_org_create(st, &who, &r, &hn, &e))
        die("org", &e);
    struct org_create_req r2 = {
        "P1", "Đảng bộ phường", ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_PHUONG, hn, d, ""};
    if (store_org_create(st, &who, &r2, &p1, &e))
        die("org", &e);
    static const char *const cbs[] = {"CB01", "CB02"};
    for (int i = 0; i < 2; i++) {
        struct org_create_req c = {
            cbs[i], cbs[i], ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, p1, d, ""};
        if (store_org_create(st, &who, &c, &id, &e))
            die("org", &e);
    }
}

struct walk {
    long last_line;
    size_t rows;
};

static int check_row(void *ctx, const struct io_table_info *info, const struct io_row *row)
{
    struct walk *w = ctx;
    if (row->line < w->last_line || row->end_line < row->line)
        abort();
    for (size_t i = 0; i < row->n; i++) {
        const struct io_cell *c = &row->cells[i];
        if (c->ptr[c->len] != '\0' || c->line < row->line || c->line > row->end_line)
            abort();
        if (i && c->line < row->cells[i - 1].line)
            abort();
    }
    w->last_line = row->end_line;
    w->rows++;
    return 0;
}

static void check_report(const struct io_report *r, enum tcxd_err rc, size_t size,
                         const uint8_t *data)
{
    long lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n' || data[i] == '\r';
    for (size_t i = 0; i < r->n; i++) {
        const struct io_issue *is = &r->issues[i];
        if (!is->message[0] || is->line < 0 || (r->format == IO_FORMAT_CSV && is->line > lines))
            abort();
    }
    if ((rc == TCXD_OK) != (r->n == 0))
        abort();
    json_t *j = io_report_json(r);
    char *s = json_dumps(j, JSON_COMPACT);
    if (!s)
        abort(); /* every string in a report is valid UTF-8 */
    free(s);
    json_decref(j);
    struct buf csv = BUF_INIT;
    io_report_errors_csv(r, &csv);
    buf_release(&csv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!st)
        setup();
    if (size < 1)
        return 0;
    unsigned mode = data[0];
    data++;
    size--;

    struct tcxd_error e;
    tcxd_error_clear(&e);
    struct walk w = {0, 0};
    if (io_csv_read(data, size, check_row, &w, NULL, NULL, &e) && !e.msg[0])
        abort(); /* a failed read says why */

    struct io_import_opts o;
    io_import_opts_init(&o);
    o.what = mode & 1 ? IO_ORGS : IO_MEMBERS;
    o.format = mode & 2 ? IO_FORMAT_XLSX : IO_FORMAT_CSV;
    o.dry_run = !(mode & 4);
    o.name = "fuzz";
    struct io_report r;
    io_report_init(&r);
    bool outer = !o.dry_run;
    if (outer && store_begin(st, &e))
        die("begin", &e);
    enum tcxd_err rc = io_import_buffer(st, &who, data, size, &o, &r, &e);
    if (outer)
        store_rollback(st);
    check_report(&r, rc, size, data);
    io_report_release(&r);
    return 0;
}

#ifdef FUZZ_REPLAY
static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return 1;
    }
    struct buf b = BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_add(&b, chunk, n);
    fclose(f);
    LLVMFuzzerTestOneInput((const uint8_t *)b.ptr, b.len);
    buf_release(&b);
    return 0;
}

int main(int argc, char **argv)
{
    int rc = 0, files = 0;
    for (int i = 1; i < argc; i++) {
        DIR *d = opendir(argv[i]);
        if (!d) {
            rc |= run_file(argv[i]);
            files++;
            continue;
        }
        struct dirent *de;
        while ((de = readdir(d))) {
            if (de->d_name[0] == '.')
                continue;
            char path[4096];
            snprintf(path, sizeof(path), "%s/%s", argv[i], de->d_name);
            rc |= run_file(path);
            files++;
        }
        closedir(d);
    }
    store_close(st);
    printf("fuzz_csv_import: replayed %d inputs\n", files);
    return rc || !files;
}
#endif
