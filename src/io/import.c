/*
 * import.c - validating and loading organizations and members from CSV or XLSX: the driver
 * (the text's encoding, the header, each row to import_member.c or import_org.c, the one
 * transaction, the audit record). import_internal.h says what the parts share.
 *
 * Members stream: each row is validated as it is read and, while no row has failed, written at
 * once inside the one open transaction; the first problem stops the writing (validation goes on
 * to find every problem) and the transaction is rolled back at the end. So a good file is read
 * once, and a bad one leaves the database as it was.
 *
 * Organizations are few and may list a child before its parent: all rows are read and checked
 * first, then parents are resolved (in the file or in the database), and the organizations are
 * created parents first.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/import_internal.h"
#include "store/store_auth.h"
#include "util/xmalloc.h"

/* ---- the importer ----------------------------------------------------------------------- */

void io_import_opts_init(struct io_import_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->what = IO_MEMBERS;
    o->format = IO_FORMAT_AUTO;
}

const char *column_text(const struct importer *im, int col)
{
    int cell = col >= 0 ? im->col_cell[col] : NO_CELL;
    if (cell >= 0)
        return im->head[cell];
    return col >= 0 ? im->cols[col].label : "";
}

void im_issue(struct importer *im, long line, int col, const char *field, enum tcxd_err code,
              const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), msg_tr(fmt), ap);
    va_end(ap);
    if (!field)
        field = col >= 0 ? im->cols[col].name : "";
    io_report_add(im->r, line, column_text(im, col), field, code, "%s", msg);
    if (im->r->n == 1)
        members_pipe_finish(im); /* nothing more will be written */
    if (!im->row_bad) {
        im->row_bad = true;
        im->r->bad_rows++;
    }
    if (im->o->max_errors && im->r->n >= im->o->max_errors) {
        im->r->truncated = true;
        im->stop = true;
    }
}

void im_issue_err(struct importer *im, long line, int col, const struct tcxd_error *err)
{
    im_issue(im, line, col, col >= 0 ? im->cols[col].name : err->field, err->code, "%s", err->msg);
}

static const struct io_cell empty_cell = {"", 0, 0, false};

const struct io_cell *cell_of(const struct importer *im, const struct io_row *row, int col,
                              struct io_cell *tmp)
{
    int c = im->col_cell[col];
    if (c < 0 || (size_t)c >= row->n) {
        *tmp = empty_cell;
        tmp->line = row->line;
        return tmp;
    }
    return &row->cells[c];
}

/* ---- header ----------------------------------------------------------------------------- */

static bool row_blank(const struct io_row *row)
{
    for (size_t i = 0; i < row->n; i++)
        for (size_t k = 0; k < row->cells[i].len; k++)
            if (row->cells[i].ptr[k] != ' ' && row->cells[i].ptr[k] != '\t')
                return false;
    return true;
}

/* The rows looked at for the header: the Party's header block (the committee above, "ĐẢNG CỘNG
   SẢN VIỆT NAM" and its motto, the place and date, the title) takes up to a dozen. */
#define HEADER_SCAN 30

/* Keeps a copy of row as the header candidate (cells and texts owned by im). */
static void keep_candidate(struct importer *im, const struct io_row *row)
{
    buf_reset(&im->cand_text);
    size_t *off = xmalloc((row->n ? row->n : 1) * sizeof(*off));
    for (size_t i = 0; i < row->n; i++) {
        off[i] = im->cand_text.len;
        buf_add(&im->cand_text, row->cells[i].ptr, row->cells[i].len);
        buf_addch(&im->cand_text, '\0');
    }
    free(im->cand_cells);
    im->cand_cells = xcalloc(row->n ? row->n : 1, sizeof(*im->cand_cells));
    for (size_t i = 0; i < row->n; i++) {
        im->cand_cells[i] = row->cells[i];
        im->cand_cells[i].ptr = im->cand_text.ptr + off[i];
    }
    free(off);
    im->cand_row = *row;
    im->cand_row.cells = im->cand_cells;
    im->have_cand = true;
}

/*
 * Finds the header: the first row that names at least two of the columns. Rows above it - the
 * Party's header block ("ĐẢNG BỘ QUẬN ..." left, "ĐẢNG CỘNG SẢN VIỆT NAM" right), the title,
 * the date - are skipped. Returns false while the row is not the header. When no row of the
 * first HEADER_SCAN is one (or the file ends first), force takes the first row with two cells
 * filled as the header anyway, so that its unknown and missing columns are reported.
 */
static bool take_header(struct importer *im, const struct io_row *row, bool force)
{
    size_t recognised = 0, filled = 0;
    for (size_t i = 0; i < row->n; i++) {
        if (!row->cells[i].len)
            continue;
        filled++;
        if (io_column_match(im->cols, im->ncols, row->cells[i].ptr, row->cells[i].len) >= 0)
            recognised++;
    }
    if (!force && recognised < 2) {
        if (!im->have_cand && filled >= 2)
            keep_candidate(im, row);
        if (++im->titles_skipped < HEADER_SCAN)
            return false;
        if (im->have_cand)
            row = &im->cand_row;
    }
    im->have_header = true;
    im->header_line = row->line;
    im->nhead = row->n;
    im->map = xcalloc(row->n ? row->n : 1, sizeof(*im->map));
    im->head = xcalloc(row->n ? row->n : 1, sizeof(*im->head));
    for (size_t c = 0; c < im->ncols; c++)
        im->col_cell[c] = NO_CELL;
    for (size_t i = 0; i < row->n; i++) {
        const struct io_cell *cl = &row->cells[i];
        im->head[i] = io_utf8_copy(cl->ptr);
        struct buf key = BUF_INIT;
        io_header_key(cl->ptr, cl->len, &key);
        bool blank = key.len == 0;
        buf_release(&key);
        if (blank) {
            im->map[i] = EMPTY_HEADER;
            continue;
        }
        if (!text_utf8_valid(cl->ptr, cl->len)) {
            im->map[i] = IO_COLUMN_UNKNOWN;
            io_report_add(im->r, cl->line, im->head[i], "", TCXD_EINVAL,
                          "header of column %zu is not valid UTF-8: save the file as CSV UTF-8 "
                          "or XLSX",
                          i + 1);
            continue;
        }
        int m = io_column_match(im->cols, im->ncols, cl->ptr, cl->len);
        im->map[i] = m;
        if (m == IO_COLUMN_UNKNOWN) {
            /* "Ghi chú", "Chức vụ": a board's own columns, not ours */
            io_report_warn(im->r, cl->line, im->head[i], "",
                           "column '%s' is not one of the columns of %s: its values are ignored "
                           "(see 'tcxd help import')",
                           im->head[i], io_entity_name(im->o->what));
        } else if (m >= 0) {
            if (im->col_cell[m] != NO_CELL) {
                io_report_add(im->r, cl->line, im->head[i], im->cols[m].name, TCXD_EINVAL,
                              "column '%s' repeats column %d ('%s'): both are %s", im->head[i],
                              im->col_cell[m] + 1, im->head[im->col_cell[m]], im->cols[m].name);
                im->map[i] = IO_COLUMN_IGNORED;
            } else {
                im->col_cell[m] = (int)i;
            }
        }
    }
    for (size_t c = 0; c < im->ncols; c++) {
        if (!(im->cols[c].flags & IO_COL_REQUIRED) || im->col_cell[c] != NO_CELL)
            continue;
        if (im->o->what == IO_MEMBERS && c == MC_ORG && im->o->default_org)
            continue; /* a chi bộ's own roll: every row is in the chi bộ given */
        if (im->o->what == IO_MEMBERS && c == MC_ORG)
            io_report_add(im->r, row->line, im->cols[c].label, im->cols[c].name, TCXD_EINVAL,
                          "missing required column '%s' (or '%s'; for a sheet of one chi bộ, "
                          "give its code with --org)",
                          im->cols[c].label, im->cols[c].name);
        else
            io_report_add(im->r, row->line, im->cols[c].label, im->cols[c].name, TCXD_EINVAL,
                          "missing required column '%s' (or '%s')", im->cols[c].label,
                          im->cols[c].name);
        im->stop = true;
    }
    if (im->o->what == IO_MEMBERS && im->col_cell[MC_DECISION_DATE] == NO_CELL &&
        im->col_cell[MC_CEREMONY_DATE] == NO_CELL) {
        io_report_add(im->r, row->line, io_member_columns[MC_DECISION_DATE].label,
                      io_member_columns[MC_DECISION_DATE].name, TCXD_EINVAL,
                      "missing required column '%s' or '%s' (the date of the admission)",
                      io_member_columns[MC_DECISION_DATE].label,
                      io_member_columns[MC_CEREMONY_DATE].label);
        im->stop = true;
    }
    if (im->o->what == IO_ORGS && im->col_cell[OC_KIND] == NO_CELL &&
        (im->col_cell[OC_TIER] == NO_CELL || im->col_cell[OC_FORM] == NO_CELL)) {
        io_report_add(im->r, row->line, io_org_columns[OC_KIND].label, "kind", TCXD_EINVAL,
                      "missing required column '%s' (or 'kind', or both 'tier' and 'form')",
                      io_org_columns[OC_KIND].label);
        im->stop = true;
    }
    if (im->r->n && im->o->max_errors && im->r->n >= im->o->max_errors) {
        im->r->truncated = true;
        im->stop = true;
    }
    return true;
}

/* The row of column numbers under a form's header: "1, 2, 3 ..." or "(1), (2), (3) ...". */
static bool numbering_row(const struct io_row *row)
{
    size_t filled = 0;
    for (size_t i = 0; i < row->n; i++) {
        const char *p = row->cells[i].ptr, *end = p + row->cells[i].len;
        while (p < end && *p == ' ')
            p++;
        while (end > p && end[-1] == ' ')
            end--;
        if (p == end)
            continue;
        filled++;
        bool paren = *p == '(';
        if (paren && (end - p < 3 || end[-1] != ')'))
            return false;
        for (const char *q = p + paren; q < end - paren; q++)
            if (*q < '0' || *q > '9')
                return false;
    }
    return filled >= 2;
}

/* A line after the header with values only in columns that are not the import's (unknown, STT
   or without a header): a note, a total or the signature block under a roll ("T/M CHI ỦY",
   "BÍ THƯ", the name), often in merged cells. *at: the first such value's cell. */
static bool note_row(const struct importer *im, const struct io_row *row, size_t *at)
{
    bool any = false;
    for (size_t i = 0; i < row->n; i++) {
        const char *p = row->cells[i].ptr;
        size_t k = 0;
        while (k < row->cells[i].len && (p[k] == ' ' || p[k] == '\t'))
            k++;
        if (k == row->cells[i].len)
            continue;
        if (i < im->nhead && im->map[i] >= 0)
            return false;
        if (!any)
            *at = i;
        any = true;
    }
    return any;
}

/* Row shape: the number of cells and cells beyond or without a header. false: skip the row. */
static bool check_shape(struct importer *im, const struct io_row *row,
                        const struct io_table_info *info)
{
    if (info->format == IO_FORMAT_CSV && row->n != im->nhead) {
        im_issue(im, row->line, -1, "", TCXD_EINVAL,
                 "the row has %zu fields but the header has %zu (a missing or extra '%c', or a "
                 "value with '%c' that is not quoted)",
                 row->n, im->nhead, info->delim == '\t' ? ' ' : info->delim,
                 info->delim == '\t' ? ' ' : info->delim);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < row->n; i++) {
        if (!row->cells[i].len)
            continue;
        if (i >= im->nhead) {
            im_issue(im, row->cells[i].line, -1, "", TCXD_EINVAL,
                     "a value in column %zu, which has no header", i + 1);
            ok = false;
        } else if (im->map[i] == EMPTY_HEADER) {
            struct buf key = BUF_INIT;
            io_header_key(row->cells[i].ptr, row->cells[i].len, &key);
            if (key.len) {
                im_issue(im, row->cells[i].line, -1, "", TCXD_EINVAL,
                         "a value in column %zu, which has no header", i + 1);
                ok = false;
            }
            buf_release(&key);
        }
    }
    return ok;
}

/* The text of a date cell as date_parse takes it: an XLSX numeric cell is an Excel serial. */
enum tcxd_err date_cell(const struct io_table_info *info, const struct io_cell *cl,
                        const char *field, tcxd_date *out, struct tcxd_error *err)
{
    if (cl->number) {
        int y, m, d;
        if (!io_excel_serial_date(cl->ptr, info->date1904, &y, &m, &d))
            return tcxd_fail(err, TCXD_EINVAL, field,
                             "invalid date: the cell holds the number %s, not a date", cl->ptr);
        *out = date_from_ymd(y, m, d);
        return TCXD_OK;
    }
    return date_parse(cl->ptr, out, field, err);
}

/* ---- driving ---------------------------------------------------------------------------- */

/* Line breaks and tabs inside a cell (Alt+Enter in Excel, a quoted newline in CSV) are data:
   they become spaces, which text_clean then collapses. Returns row itself when there are none. */
static const struct io_row *flatten_breaks(struct importer *im, const struct io_row *row)
{
    bool any = false;
    /* the cells that hold one item a line keep their line breaks */
    long keep =
        im->o->what == IO_MEMBERS ? im->col_cell[MC_HISTORY] : im->col_cell[OC_COMMENDATIONS];
    for (size_t i = 0; i < row->n && !any; i++)
        for (size_t k = 0; (long)i != keep && k < row->cells[i].len && !any; k++) {
            char c = row->cells[i].ptr[k];
            any = c == '\n' || c == '\r' || c == '\t';
        }
    if (!any)
        return row;
    buf_reset(&im->flat);
    size_t *off = xmalloc((row->n ? row->n : 1) * sizeof(*off));
    for (size_t i = 0; i < row->n; i++) {
        off[i] = im->flat.len;
        for (size_t k = 0; k < row->cells[i].len; k++) {
            char c = row->cells[i].ptr[k];
            buf_addch(&im->flat,
                      (long)i != keep && (c == '\n' || c == '\r' || c == '\t') ? ' ' : c);
        }
        buf_addch(&im->flat, '\0');
    }
    ALLOC_GROW(im->flat_cells, row->n ? row->n : 1, im->flat_cap);
    for (size_t i = 0; i < row->n; i++) {
        im->flat_cells[i] = row->cells[i];
        im->flat_cells[i].ptr = im->flat.ptr + off[i];
    }
    free(off);
    im->flat_row = *row;
    im->flat_row.cells = im->flat_cells;
    return &im->flat_row;
}

/* An XLSX sheet typed in a .VnTime font, read with --encoding tcvn3: its cells converted.
   Returns row itself when nothing changes. */
static const struct io_row *legacy_text(struct importer *im, const struct io_row *row)
{
    if (im->o->encoding != IO_ENC_TCVN3 || im->r->format != IO_FORMAT_XLSX)
        return row;
    bool any = false;
    buf_reset(&im->conv);
    size_t *off = xmalloc((row->n ? row->n : 1) * sizeof(*off));
    size_t *len = xmalloc((row->n ? row->n : 1) * sizeof(*len));
    for (size_t i = 0; i < row->n; i++) {
        off[i] = im->conv.len;
        if (io_tcvn3_cell(row->cells[i].ptr, row->cells[i].len, &im->tmp)) {
            buf_add(&im->conv, im->tmp.ptr, im->tmp.len);
            any = true;
        } else {
            buf_add(&im->conv, row->cells[i].ptr, row->cells[i].len);
        }
        len[i] = im->conv.len - off[i];
        buf_addch(&im->conv, '\0');
    }
    if (any) {
        ALLOC_GROW(im->conv_cells, row->n ? row->n : 1, im->conv_cap);
        for (size_t i = 0; i < row->n; i++) {
            im->conv_cells[i] = row->cells[i];
            im->conv_cells[i].ptr = im->conv.ptr + off[i];
            im->conv_cells[i].len = len[i];
        }
        im->conv_row = *row;
        im->conv_row.cells = im->conv_cells;
        row = &im->conv_row;
    }
    free(off);
    free(len);
    return row;
}

static int on_row(void *ctx, const struct io_table_info *info, const struct io_row *row)
{
    struct importer *im = ctx;
    if (im->stop)
        return 1;
    if (row_blank(row))
        return 0;
    row = legacy_text(im, row);
    if (!im->have_header) {
        im->after_header = take_header(im, row, false);
        return im->stop;
    }
    if (im->after_header) {
        im->after_header = false;
        if (numbering_row(row))
            return 0; /* the form's column numbers under the header */
    }
    size_t at = 0;
    if ((info->format != IO_FORMAT_CSV || row->n == im->nhead) && note_row(im, row, &at)) {
        io_report_warn(im->r, row->cells[at].line, at < im->nhead ? im->head[at] : "", "",
                       "a line with values only in columns that are not imported is skipped (a "
                       "note or a signature)");
        return 0;
    }
    im->r->rows++;
    im->row_bad = false;
    row = flatten_breaks(im, row);
    if (check_shape(im, row, info)) {
        if (im->o->what == IO_MEMBERS)
            import_member_row(im, info, row);
        else
            import_org_row(im, info, row);
    }
    return im->stop;
}

static void importer_release(struct importer *im)
{
    for (size_t i = 0; i < im->nhead; i++)
        free(im->head[i]);
    free(im->head);
    free(im->map);
    members_release(im);
    orgs_release(im);
    buf_release(&im->tmp);
    buf_release(&im->flat);
    free(im->flat_cells);
    buf_release(&im->conv);
    free(im->conv_cells);
    buf_release(&im->cand_text);
    free(im->cand_cells);
}

/* Rows in the file, roughly, before reading it: lines of a CSV; an XLSX's size / 100. */
static size_t estimate_rows(enum io_format fmt, const void *data, size_t len)
{
    if (fmt == IO_FORMAT_XLSX)
        return len / 100;
    size_t n = 0;
    for (const char *p = data, *end = p + len; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        n++;
    return n;
}

#if defined(__linux__) && !defined(SCHED_IDLE)
#define SCHED_IDLE 5 /* Linux's; <sched.h> names it only with _GNU_SOURCE */
#endif

/* The SHA-256 of the input, on a thread of its own that runs while SQLite builds the indexes,
   at idle priority: on a core the load's threads leave free (when they wait for each other),
   not in their way. */
struct hasher {
    pthread_t thread;
    bool running, done;
    const void *data;
    size_t len;
    char *hex; /* 65 bytes */
};

static void hash_now(struct hasher *h)
{
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, h->data, h->len);
    sodium_bin2hex(h->hex, 65, hash, sizeof(hash));
}

static void *hash_main(void *arg)
{
#ifdef SCHED_IDLE
    struct sched_param sp = {.sched_priority = 0};
    pthread_setschedparam(pthread_self(), SCHED_IDLE, &sp);
#endif
    hash_now(arg);
    return NULL;
}

static void hash_start(struct hasher *h)
{
    if (h->running || h->done)
        return;
    h->running = pthread_create(&h->thread, NULL, hash_main, h) == 0;
    if (!h->running) {
        hash_now(h);
        h->done = true;
    }
}

static void hash_finish(struct hasher *h)
{
    if (h->running) {
        pthread_join(h->thread, NULL);
        h->running = false;
        h->done = true;
    }
    if (!h->done) {
        hash_now(h);
        h->done = true;
    }
}

static char *audit_json(const struct importer *im)
{
    json_t *j = json_pack("{s:s, s:s, s:s, s:I, s:s, s:s}", "what", io_entity_name(im->o->what),
                          "file", im->o->name ? im->o->name : "", "format",
                          io_format_name(im->r->format), "rows", (json_int_t)im->r->written,
                          "sha256", im->r->sha256, "path", im->o->per_row ? "per_row" : "bulk");
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return s;
}

struct io_import {
    struct importer im;
    struct hasher hasher;
    const void *data;
    const char *text; /* what the reader reads: data, or data converted to UTF-8 */
    bool late;        /* members checked outside the transaction: io_import_write begins it */
};

/* What the import comes to: OK, or the problems summarised in e. */
static enum tcxd_err import_result(struct io_import *x)
{
    struct importer *im = &x->im;
    struct io_report *r = im->r;
    if (!r->n)
        return TCXD_OK;
    r->written = 0;
    if (im->fatal)
        return tcxd_fail(im->e, im->fatal, "file", "import failed: %s; nothing was written",
                         r->issues[r->n - 1].message);
    return tcxd_fail(im->e, TCXD_EINVAL, "file",
                     "%zu problem%s in %s%zu of %zu rows%s; nothing was written", r->n,
                     r->n == 1 ? "" : "s", r->truncated ? MSG_T("at least ") : "", r->bad_rows,
                     r->rows, r->bad_rows || !r->rows ? "" : MSG_T(" (in the header)"));
}

enum tcxd_err io_import_prepare(struct store *st, const struct store_actor *who, const void *data,
                                size_t len, const struct io_import_opts *opts, struct io_report *r,
                                struct io_import **out, struct tcxd_error *e)
{
    struct io_import *x = xcalloc(1, sizeof(*x));
    *out = x;
    struct importer *imp = &x->im;
#define im (*imp)
    im.st = st;
    im.who = who;
    im.o = opts;
    im.r = r;
    im.e = e;
    im.today = date_today();
    im.cols = opts->what == IO_MEMBERS ? io_member_columns : io_org_columns;
    im.ncols = opts->what == IO_MEMBERS ? MC__MAX : OC__MAX;
    members_init(&im);
    buf_init(&im.tmp, 0);
    buf_init(&im.flat, 0);
    buf_init(&im.conv, 0);
    buf_init(&im.cand_text, 0);
    buf_init(&im.namer.tmp, 0);
    buf_init(&im.namer.text, 0);
    r->what = opts->what;
    r->dry_run = opts->dry_run;

    if (sodium_init() < 0)
        BUG("libsodium cannot start");
    x->data = data;
    x->hasher = (struct hasher){.data = data, .len = len, .hex = r->sha256};
    x->text = data;
    size_t text_len = len;

    enum tcxd_err rc;
    struct tcxd_error err;
    tcxd_error_clear(&err);
    enum io_format fmt = opts->format;
    if (fmt == IO_FORMAT_AUTO && (rc = io_format_detect(data, len, opts->name, &fmt, &err))) {
        io_report_add(r, 0, "", "file", rc, "%s", err.msg);
        goto done;
    }
    r->format = fmt;
    /* the text: UTF-8, or converted from the legacy encoding asked for */
    if (fmt == IO_FORMAT_CSV) {
        const char *t = data;
        size_t n = len, bom = len >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3) ? 3 : 0;
        if (opts->encoding != IO_ENC_UTF8)
            rc = io_convert_to_utf8(opts->encoding, t, n, &im.conv, &err);
        else
            rc = io_check_utf8(t + bom, n - bom, &err);
        if (rc) {
            io_report_add(r, err.line, "", "file", rc, "%s", err.msg);
            goto done;
        }
        if (opts->encoding != IO_ENC_UTF8) {
            x->text = buf_detach(&im.conv, &text_len);
        }
    } else if (opts->encoding == IO_ENC_CP1258 || opts->encoding == IO_ENC_CP1252) {
        io_report_add(r, 0, "", "encoding", TCXD_EINVAL,
                      "--encoding %s is for CSV files: the text of an XLSX file is Unicode "
                      "(--encoding tcvn3 converts a sheet typed in a .VnTime font)",
                      io_encoding_name(opts->encoding));
        goto done;
    }
    /* members through the bulk path are checked first, outside any transaction, and written
       by io_import_write; the other imports write as they read, in the transaction begun here */
    x->late = !opts->dry_run && opts->what == IO_MEMBERS && !opts->per_row && !opts->stream;
    if (!opts->dry_run && !x->late) {
        struct store_bulk_opts bo = {.expected_rows = estimate_rows(fmt, data, len),
                                     .indexes = opts->indexes,
                                     .sole_writer = opts->what == IO_MEMBERS && !opts->per_row};
        if ((rc = store_bulk_begin_opts(st, &bo, &im.bulk, &err))) {
            io_report_add(r, 0, "", "", rc, "%s", err.msg);
            im.fatal = rc;
            goto done;
        }
    }
    if (opts->what == IO_MEMBERS) {
        /* caches first: with them the rows are checked without the database */
        im.org_generation = store_org_generation(st);
        im.max_member_id = store_member_max_id(st);
        if ((rc = store_bulk_orgs(st, members_preload_org, &im, &err)) ||
            (rc = store_bulk_national_ids(st, members_preload_nid, &im, &err))) {
            io_report_add(r, 0, "", "", rc, "%s", err.msg);
            im.fatal = rc;
            goto finish;
        }
        im.preloaded = true;
        if ((im.bulk && !opts->per_row) || x->late) {
            im.namer.coll = text_collator_new();
            if (!members_pipe_start(&im, x->late))
                BUG("cannot start the writer thread");
        }
    }
    rc = io_table_read(fmt, x->text, text_len, on_row, &im, opts->progress, opts->progress_ctx,
                       &err);
    if (im.outside_before)
        io_report_warn(r, im.outside_before_line, "", "admission_place",
                       "%zu members were admitted before their chi bộ was created (first on line "
                       "%ld): each is entered as admitted outside the database and registered in "
                       "the chi bộ from its creation (column '%s' records where they were "
                       "admitted)",
                       im.outside_before, im.outside_before_line,
                       io_member_columns[MC_ADMISSION_PLACE].label);
    if (im.nid_restored)
        io_report_warn(r, im.nid_restored_line, column_text(&im, MC_NATIONAL_ID), "national_id",
                       "%zu national IDs were number cells without their leading zeros (first on "
                       "row %ld): each was read as the 12 digits that start with its province's "
                       "code; format the column as Text",
                       im.nid_restored, im.nid_restored_line);
    if (!rc && !im.have_header && im.have_cand && !im.stop)
        take_header(&im, &im.cand_row, true); /* no header found: report the likeliest */
    members_pipe_finish(&im);
    hash_start(&x->hasher);
    if (im.pipe.failed) {
        io_report_add(r, im.pipe.fail_line, "", im.pipe.err.field, im.pipe.fail_rc, "%s",
                      im.pipe.err.msg);
        if (im.pipe.fail_rc == TCXD_EDB || im.pipe.fail_rc == TCXD_EIO ||
            im.pipe.fail_rc == TCXD_EINTERNAL)
            im.fatal = im.pipe.fail_rc;
    }
    if (rc) {
        /* the reader stopped: the line it names */
        io_report_add(r, err.line, "", "file", rc, "%s", err.msg);
        if (rc != TCXD_EINVAL && rc != TCXD_ETOOBIG)
            im.fatal = rc;
    } else if (!im.have_header && !r->n) {
        io_report_add(r, 0, "", "file", TCXD_EINVAL, "the file has no header row (it is empty)");
    }

finish:
    if (opts->what == IO_ORGS && im.have_header && !im.stop)
        for (size_t k = 0; k < im.nrows; k++) {
            im.row_bad = false;
            org_resolve(&im, k);
        }
done:
#undef im
    return import_result(x);
}

enum tcxd_err io_import_write(struct io_import *x, struct tcxd_error *e)
{
    struct importer *im = &x->im;
    struct io_report *r = im->r;
    const struct io_import_opts *opts = im->o;
    struct tcxd_error err;
    tcxd_error_clear(&err);
    im->e = e;
    enum tcxd_err rc;
    if (x->late && !r->n) {
        /* the write lock from here to the commit: only the SQLite work is left */
        struct store_bulk_opts bo = {.expected_rows = r->rows,
                                     .indexes = opts->indexes,
                                     .sole_writer = true,
                                     .chunk_rows = opts->chunk_rows,
                                     .check_org_generation = true,
                                     .org_generation = im->org_generation,
                                     .chunk_done = opts->chunk_done,
                                     .chunk_ctx = opts->chunk_ctx};
        if (opts->chunk_rows)
            members_reserve(im, &bo.reserve);
        if ((rc = store_bulk_begin_opts(im->st, &bo, &im->bulk, &err))) {
            io_report_add(r, 0, "", "", rc, "%s", err.msg);
            im->fatal = rc;
        } else if (store_org_generation(im->st) != im->org_generation) {
            io_report_add(r, 0, "", "org", TCXD_ECONFLICT, "%s",
                          MSG_T("the organizations changed while the file was being checked; "
                                "import it again"));
        } else {
            (void)!members_write_kept(im);
        }
    }
    if (opts->what == IO_ORGS && im->have_header && !im->stop)
        for (size_t k = 0; !r->n && im->bulk && k < im->nrows; k++)
            if (org_create(im, k, &err) && (err.code == TCXD_EDB || err.code == TCXD_EIO))
                im->fatal = err.code;
    if (im->bulk) {
        if (r->n) {
            store_bulk_abort(im->bulk);
            r->written = 0;
        } else if ((rc = store_bulk_prepare(im->bulk, &err))) {
            store_bulk_abort(im->bulk);
            io_report_add(r, 0, "", "", rc, "%s", err.msg);
            im->fatal = rc;
            r->written = 0;
        } else {
            hash_finish(&x->hasher);
            char *after = audit_json(im);
            rc = store_bulk_commit(im->bulk, im->who,
                                   opts->what == IO_MEMBERS ? "import.members" : "import.orgs",
                                   after, &err);
            free(after);
            if (rc) {
                io_report_add(r, 0, "", "", rc, "%s", err.msg);
                im->fatal = rc;
                r->written = 0;
            }
        }
        im->bulk = NULL;
    }
    hash_finish(&x->hasher);
    return import_result(x);
}

void io_import_free(struct io_import *x)
{
    if (!x)
        return;
    hash_finish(&x->hasher);
    if (x->im.bulk)
        store_bulk_abort(x->im.bulk);
    importer_release(&x->im);
    if (x->text != x->data)
        free((char *)x->text);
    free(x);
}

enum tcxd_err io_import_buffer(struct store *st, const struct store_actor *who, const void *data,
                               size_t len, const struct io_import_opts *opts, struct io_report *r,
                               struct tcxd_error *e)
{
    struct io_import *x;
    (void)!io_import_prepare(st, who, data, len, opts, r, &x, e);
    enum tcxd_err rc = io_import_write(x, e);
    io_import_free(x);
    return rc;
}

enum tcxd_err io_read_file(const char *path, struct buf *out, struct tcxd_error *e)
{
    buf_reset(out);
    FILE *f = fopen(path, "rb");
    if (!f)
        return tcxd_fail(e, TCXD_EIO, "file", "cannot open '%s': %s", path, strerror(errno));
    char chunk[1 << 16];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_add(out, chunk, n);
    bool err = ferror(f);
    fclose(f);
    if (err)
        return tcxd_fail(e, TCXD_EIO, "file", "cannot read '%s'", path);
    return TCXD_OK;
}

enum tcxd_err io_import_file(struct store *st, const struct store_actor *who, const char *path,
                             const struct io_import_opts *opts, struct io_report *r,
                             struct tcxd_error *e)
{
    struct buf data = BUF_INIT;
    enum tcxd_err rc = io_read_file(path, &data, e);
    if (rc) {
        io_report_add(r, 0, "", "file", rc, "%s", e ? e->msg : MSG_T("cannot read the file"));
        r->what = opts->what;
        buf_release(&data);
        return rc;
    }
    struct io_import_opts o = *opts;
    if (!o.name)
        o.name = path;
    rc = io_import_buffer(st, who, data.ptr, data.len, &o, r, e);
    buf_release(&data);
    return rc;
}
