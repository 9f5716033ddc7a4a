/*
 * csv_read.c - CSV rows with physical line numbers, on libcsv.
 *
 * libcsv reports fields and rows through callbacks but not where they were in the input, so the
 * input is fed one physical line at a time: a callback that fires belongs to the line being fed,
 * and a field starts as many lines earlier as it holds newlines (a quoted field keeps its
 * newlines verbatim). A cell that an export protected from running as a formula (a leading
 * apostrophe, buf_add_csv_field) is read without the apostrophe.
 */
#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/table.h"
#include "util/buf.h"
#include "util/xmalloc.h"

struct cell_pos {
    size_t off, len;
    long line;
};

struct csv_state {
    io_row_fn fn;
    void *ctx;
    struct io_table_info info;
    long cur_line;
    bool in_row;
    long row_line;
    struct buf row; /* cell bytes, each followed by a NUL */
    struct cell_pos *pos;
    size_t npos, pos_cap;
    struct io_cell *cells;
    size_t cells_cap;
    bool stop;      /* the callback asked to stop */
    bool failed;    /* a limit was passed; e holds the error */
    long last_line; /* line of the last callback */
    struct tcxd_error *e;
};

static long count_newlines(const char *s, size_t n)
{
    long k = 0;
    const char *p = s, *end = s + n;
    while ((p = memchr(p, '\n', (size_t)(end - p)))) {
        k++;
        p++;
    }
    return k;
}

static void on_field(void *data, size_t len, void *vst)
{
    struct csv_state *st = vst;
    if (st->stop || st->failed)
        return;
    long start = st->cur_line - (data ? count_newlines(data, len) : 0);
    if (!st->in_row) {
        st->in_row = true;
        st->row_line = start;
    }
    st->last_line = st->cur_line;
    if (len > IO_CELL_MAX) {
        tcxd_fail_at(st->e, TCXD_ETOOBIG, "file", start,
                     "line %ld: a field of %zu bytes is too long (at most %d bytes in one field)",
                     start, len, IO_CELL_MAX);
        st->failed = true;
        return;
    }
    if (st->npos >= IO_COLS_MAX) {
        tcxd_fail_at(st->e, TCXD_ETOOBIG, "file", st->row_line,
                     "line %ld: more than %d fields in one row", st->row_line, IO_COLS_MAX);
        st->failed = true;
        return;
    }
    ALLOC_GROW(st->pos, st->npos + 1, st->pos_cap);
    st->pos[st->npos].off = st->row.len;
    st->pos[st->npos].len = len;
    st->pos[st->npos].line = start;
    st->npos++;
    if (len)
        buf_add(&st->row, data, len);
    buf_addch(&st->row, '\0');
    /* the apostrophe an export put before a formula-like value (buf_add_csv_field) goes */
    const char *cell = st->row.ptr + st->pos[st->npos - 1].off;
    if (cell[0] == '\'' && buf_csv_guarded(cell + 1)) {
        st->pos[st->npos - 1].off++;
        st->pos[st->npos - 1].len--;
    }
}

static void on_row(int term, void *vst)
{
    struct csv_state *st = vst;
    (void)term;
    if (st->stop || st->failed)
        return;
    st->last_line = st->cur_line;
    ALLOC_GROW(st->cells, st->npos ? st->npos : 1, st->cells_cap);
    for (size_t i = 0; i < st->npos; i++) {
        st->cells[i].ptr = st->row.ptr + st->pos[i].off;
        st->cells[i].len = st->pos[i].len;
        st->cells[i].line = st->pos[i].line;
        st->cells[i].number = false;
    }
    struct io_row r = {st->cells, st->npos, st->in_row ? st->row_line : st->cur_line, st->cur_line};
    if (st->fn(st->ctx, &st->info, &r))
        st->stop = true;
    st->in_row = false;
    st->npos = 0;
    buf_reset(&st->row);
}

/* Only the space character is trimmed around unquoted fields (a tab may be the delimiter). */
static int is_space(unsigned char c)
{
    return c == ' ';
}

/* The delimiter the first line uses most outside quotes: ',', ';' or tab. */
static char detect_delim(const char *s, size_t n)
{
    size_t comma = 0, semi = 0, tab = 0;
    bool q = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '"')
            q = !q;
        else if (!q && (c == '\n' || c == '\r'))
            break;
        else if (!q && c == ',')
            comma++;
        else if (!q && c == ';')
            semi++;
        else if (!q && c == '\t')
            tab++;
    }
    if (semi > comma && semi >= tab)
        return ';';
    if (tab > comma && tab > semi)
        return '\t';
    return ',';
}

enum tcxd_err io_csv_read(const void *data, size_t len, io_row_fn fn, void *ctx,
                          io_progress_fn progress, void *pctx, struct tcxd_error *e)
{
    const char *s = data, *end = s + len;
    if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
        s += 3;
    struct csv_state st;
    memset(&st, 0, sizeof(st));
    st.fn = fn;
    st.ctx = ctx;
    st.e = e;
    st.info.format = IO_FORMAT_CSV;
    st.info.delim = detect_delim(s, (size_t)(end - s));
    buf_init(&st.row, 256);

    struct csv_parser p;
    enum tcxd_err rc = TCXD_OK;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        BUG("csv_init failed");
    csv_set_delim(&p, (unsigned char)st.info.delim);
    csv_set_space_func(&p, is_space);
    /* Lines end at '\n'; a file with no '\n' at all ends its lines with '\r' (classic Mac). */
    char nl = memchr(s, '\n', (size_t)(end - s)) ? '\n' : '\r';
    size_t next_report = 1 << 20;
    const char *line = s;
    st.cur_line = 0;
    while (line < end && !st.stop && !st.failed) {
        const char *eol = memchr(line, nl, (size_t)(end - line));
        size_t n = eol ? (size_t)(eol - line) + 1 : (size_t)(end - line);
        st.cur_line++;
        size_t done = csv_parse(&p, line, n, on_field, on_row, &st);
        if (done != n && !st.failed) {
            long col = 1;
            for (size_t i = 0; i < done && i < n; i++)
                if (((unsigned char)line[i] & 0xC0) != 0x80)
                    col++;
            rc = tcxd_fail_at(
                e, TCXD_EINVAL, "file", st.cur_line,
                "line %ld, character %ld: malformed quoting (a '\"' inside an unquoted "
                "field, or text after a closing '\"'; write a quote inside a quoted "
                "field as \"\")",
                st.cur_line, col);
            goto out;
        }
        line += n;
        if (progress && (size_t)(line - (const char *)data) >= next_report) {
            progress(pctx, (size_t)(line - (const char *)data), len);
            next_report += 1 << 20;
        }
    }
    if (st.failed) {
        rc = e ? e->code : TCXD_ETOOBIG;
        goto out;
    }
    if (st.stop)
        goto out;
    if (csv_fini(&p, on_field, on_row, &st) != 0) {
        /* the open quote is at or after the start of the line of the last completed field */
        long from = st.last_line ? st.last_line : 1, l = 1;
        const char *q = s;
        for (; q < end && l < from; q++)
            if (*q == nl)
                l++;
        const char *quote = memchr(q, '"', (size_t)(end - q));
        for (; quote && q < quote; q++)
            if (*q == nl)
                l++;
        rc =
            tcxd_fail_at(e, TCXD_EINVAL, "file", quote ? l : from,
                         "line %ld: a quoted field is never closed (missing '\"' before the end of "
                         "the file)",
                         quote ? l : from);
        goto out;
    }
    if (st.failed)
        rc = e ? e->code : TCXD_ETOOBIG;
    if (progress)
        progress(pctx, len, len);
out:
    csv_free(&p);
    buf_release(&st.row);
    free(st.pos);
    free(st.cells);
    return rc;
}
