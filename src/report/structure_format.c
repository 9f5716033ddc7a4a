/*
 * structure_format.c - the structure report as text, aligned tables, JSON and CSV, and the
 * writers that send any format to a file, stdout or a buffer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/structure.h"
#include "text/text.h"
#include "util/vnfmt.h"
#include "util/xmalloc.h"

static int64_t col_total(const struct report_table *t, size_t c, bool prev)
{
    int64_t s = 0;
    for (size_t i = 0; i < t->nrows; i++)
        s += prev ? t->rows[i].prev[c] : t->rows[i].v[c];
    return s;
}

static bool compared(const struct report_structure *r)
{
    return r->compare != DATE_NONE;
}

static bool table_shown(const struct report_structure *r, const struct report_table *t)
{
    return t->id == RT_TOTALS || r->breakdowns;
}

/* ---- text --------------------------------------------------------------------------------- */

static void render_text(const struct report_structure *r, struct buf *out)
{
    buf_adds(out, r->sentence);
    buf_addch(out, '\n');
    if (compared(r)) {
        report_compare_sentence(r->compare, &r->then, &r->now, out);
        buf_addch(out, '\n');
    }
}

/* ---- aligned tables ----------------------------------------------------------------------- */

struct grid {
    size_t ncols;
    char **cells; /* row-major, owned */
    bool *right;
    size_t nrows, cap;
};

static void grid_row(struct grid *g, char **cells)
{
    ALLOC_GROW(g->cells, (g->nrows + 1) * g->ncols, g->cap);
    memcpy(&g->cells[g->nrows * g->ncols], cells, g->ncols * sizeof(char *));
    g->nrows++;
}

static void grid_print(struct grid *g, struct buf *out)
{
    size_t *w = xcalloc(g->ncols, sizeof(size_t));
    for (size_t i = 0; i < g->nrows * g->ncols; i++) {
        size_t n = text_utf8_len(g->cells[i], strlen(g->cells[i]));
        if (n > w[i % g->ncols])
            w[i % g->ncols] = n;
    }
    for (size_t r = 0; r < g->nrows; r++) {
        for (size_t c = 0; c < g->ncols; c++) {
            const char *s = g->cells[r * g->ncols + c];
            size_t pad = w[c] - text_utf8_len(s, strlen(s));
            bool last = c + 1 == g->ncols;
            if (c)
                buf_adds(out, "  ");
            if (g->right[c])
                buf_addf(out, "%*s%s", (int)pad, "", s);
            else
                buf_addf(out, "%s%*s", s, last ? 0 : (int)pad, "");
        }
        buf_addch(out, '\n');
    }
    for (size_t i = 0; i < g->nrows * g->ncols; i++)
        free(g->cells[i]);
    free(g->cells);
    free(w);
}

static char *fmt_int(int64_t n)
{
    struct buf b = BUF_INIT;
    vnfmt_int(&b, n);
    return buf_detach(&b, NULL);
}

static char *fmt_percent(int64_t n, int64_t d)
{
    struct buf b = BUF_INIT;
    vnfmt_percent(&b, n, d, 1);
    return buf_detach(&b, NULL);
}

static char *fmt_change(int64_t a, int64_t b)
{
    struct buf s = BUF_INIT;
    vnfmt_change(&s, a, b);
    return buf_detach(&s, NULL);
}

/* Columns: label, [note], each column's value, [then and change of the count column],
   [share]. */
static void render_table_one(const struct report_structure *r, const struct report_table *t,
                             struct buf *out)
{
    bool cmp = compared(r), total_row = t->id != RT_TOTALS;
    struct grid g = {0};
    g.ncols = 1 + (t->note_header != NULL) + t->ncols + (cmp ? 2 : 0) + (t->shares ? 1 : 0);
    g.right = xcalloc(g.ncols, sizeof(bool));
    char **cells = xcalloc(g.ncols, sizeof(char *));
    size_t k = 0;
    char then_hdr[32];
    char d[DATE_ISO_LEN];
    date_format_vn(r->compare, d);
    snprintf(then_hdr, sizeof(then_hdr), "Ngày %s", d);
    cells[k++] = xstrdup(t->item_header);
    if (t->note_header)
        cells[k++] = xstrdup(t->note_header);
    for (size_t c = 0; c < t->ncols; c++) {
        g.right[k] = true;
        cells[k++] = xstrdup(t->col_label[c]);
    }
    if (cmp) {
        g.right[k] = true;
        cells[k++] = xstrdup(then_hdr);
        cells[k++] = xstrdup("Thay đổi");
    }
    if (t->shares) {
        g.right[k] = true;
        cells[k++] = xstrdup("Tỷ lệ");
    }
    grid_row(&g, cells);
    int64_t total = col_total(t, t->count_col, false);
    for (size_t i = 0; i <= t->nrows; i++) {
        if (i == t->nrows && !total_row)
            break;
        const struct report_row *row = i < t->nrows ? &t->rows[i] : NULL;
        int64_t v[REPORT_MAX_COLS], p[REPORT_MAX_COLS];
        for (size_t c = 0; c < t->ncols; c++) {
            v[c] = row ? row->v[c] : col_total(t, c, false);
            p[c] = row ? row->prev[c] : col_total(t, c, true);
        }
        k = 0;
        if (row && row->part) {
            struct buf l = BUF_INIT;
            buf_addf(&l, "  %s", row->label);
            cells[k++] = buf_detach(&l, NULL);
        } else {
            cells[k++] = xstrdup(row ? row->label : "Tổng cộng");
        }
        if (t->note_header)
            cells[k++] = xstrdup(row && row->note ? row->note : "");
        for (size_t c = 0; c < t->ncols; c++)
            cells[k++] = fmt_int(v[c]);
        if (cmp) {
            cells[k++] = fmt_int(p[t->count_col]);
            cells[k++] = fmt_change(p[t->count_col], v[t->count_col]);
        }
        if (t->shares)
            cells[k++] = fmt_percent(v[t->count_col], total);
        grid_row(&g, cells);
    }
    buf_addf(out, "%s\n", t->title);
    grid_print(&g, out);
    free(g.right);
    free(cells);
}

static void render_table(const struct report_structure *r, struct buf *out)
{
    char d[DATE_ISO_LEN];
    date_format_vn(r->as_of, d);
    buf_addf(out, "%s (%s), ngày %s", r->org.name, r->org.code, d);
    if (compared(r)) {
        date_format_vn(r->compare, d);
        buf_addf(out, ", so với ngày %s", d);
    }
    buf_adds(out, "\n\n");
    render_text(r, out);
    for (int i = 0; i < RT__MAX; i++) {
        const struct report_table *t = &r->tables[i];
        if (!table_shown(r, t) || (i == RT_CHILDREN && !t->nrows))
            continue;
        buf_addch(out, '\n');
        render_table_one(r, t, out);
    }
}

/* ---- JSON --------------------------------------------------------------------------------- */

static json_t *json_date(tcxd_date d)
{
    if (d == DATE_NONE)
        return json_null();
    char s[DATE_ISO_LEN];
    date_format_iso(d, s);
    return json_string(s);
}

/* The counts the UI shows (docs/api-contract.md), from the totals table. */
static json_t *json_counts(const struct report_table *totals, bool prev)
{
    static const char *const keys[] = {"children", "base_orgs", "partial_committees", "branches",
                                       "members",  "official",  "probationary"};
    json_t *j = json_object();
    for (size_t k = 0; k < ARRAY_SIZE(keys); k++)
        for (size_t i = 0; i < totals->nrows; i++)
            if (!strcmp(totals->rows[i].key, keys[k]))
                json_object_set_new(
                    j, keys[k],
                    json_integer(prev ? totals->rows[i].prev[0] : totals->rows[i].v[0]));
    return j;
}

static json_t *json_totals(const struct report_table *totals, bool prev)
{
    json_t *j = json_object();
    for (size_t i = 0; i < totals->nrows; i++)
        json_object_set_new(j, totals->rows[i].key,
                            json_integer(prev ? totals->rows[i].prev[0] : totals->rows[i].v[0]));
    return j;
}

static json_t *json_row(const struct report_structure *r, const struct report_table *t,
                        const struct report_row *row)
{
    json_t *j = json_object();
    json_object_set_new(j, "key", json_string(row->key));
    json_object_set_new(j, "label", json_string(row->label));
    if (row->org_id)
        json_object_set_new(j, "org_id", json_integer(row->org_id));
    if (row->note)
        json_object_set_new(j, "kind_label", json_string(row->note));
    json_object_set_new(j, "count", json_integer(row->v[t->count_col]));
    for (size_t c = 0; c < t->ncols; c++)
        json_object_set_new(j, t->col_key[c], json_integer(row->v[c]));
    if (t->id == RT_AGE_BAND)
        json_object_set_new(
            j, "by_gender",
            json_pack("{s:I, s:I}", "nam", (json_int_t)row->v[1], "nu", (json_int_t)row->v[2]));
    if (compared(r)) {
        json_t *p = json_object();
        json_object_set_new(p, "count", json_integer(row->prev[t->count_col]));
        for (size_t c = 0; c < t->ncols; c++)
            json_object_set_new(p, t->col_key[c], json_integer(row->prev[c]));
        json_object_set_new(j, "previous", p);
        char *ch = fmt_change(row->prev[t->count_col], row->v[t->count_col]);
        json_object_set_new(j, "change", json_string(ch));
        free(ch);
    }
    return j;
}

json_t *report_structure_json(const struct report_structure *r)
{
    const struct report_table *totals = &r->tables[RT_TOTALS];
    enum org_kind kind = org_kind_of(r->org.tier, r->org.form);
    json_t *j = json_object();
    json_object_set_new(j, "org",
                        json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->org.id, "code",
                                  r->org.code, "name", r->org.name, "kind", org_kind_name(kind),
                                  "kind_label", org_kind_label(kind)));
    json_object_set_new(j, "as_of", json_date(r->as_of));
    json_object_set_new(j, "sentence", json_string(r->sentence));
    json_object_set_new(j, "counts", json_counts(totals, false));
    json_object_set_new(j, "totals", json_totals(totals, false));
    json_t *bd = json_object();
    for (int i = 0; i < RT__MAX && r->breakdowns; i++) {
        const struct report_table *t = &r->tables[i];
        if (i == RT_TOTALS)
            continue;
        json_t *a = json_array();
        for (size_t k = 0; k < t->nrows; k++)
            json_array_append_new(a, json_row(r, t, &t->rows[k]));
        json_object_set_new(bd, t->key, a);
    }
    json_object_set_new(j, "breakdowns", bd);
    if (compared(r)) {
        json_t *c = json_object();
        json_object_set_new(c, "as_of", json_date(r->compare));
        json_object_set_new(c, "existed", json_boolean(r->existed_then));
        json_object_set_new(c, "sentence",
                            r->sentence_then ? json_string(r->sentence_then) : json_null());
        struct buf b = BUF_INIT;
        report_compare_sentence(r->compare, &r->then, &r->now, &b);
        json_object_set_new(c, "change_sentence", json_string(b.ptr));
        buf_release(&b);
        json_object_set_new(c, "counts", json_counts(totals, true));
        json_object_set_new(c, "totals", json_totals(totals, true));
        json_t *ch = json_object();
        for (size_t i = 0; i < totals->nrows; i++) {
            char *s = fmt_change(totals->rows[i].prev[0], totals->rows[i].v[0]);
            json_object_set_new(ch, totals->rows[i].key, json_string(s));
            free(s);
        }
        json_object_set_new(c, "changes", ch);
        json_object_set_new(j, "compare", c);
    } else {
        json_object_set_new(j, "compare", json_null());
    }
    return j;
}

/* ---- CSV ---------------------------------------------------------------------------------- */

static void csv_fields(struct buf *out, const char *const *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_addch(out, ',');
        buf_add_csv_field(out, f[i]);
    }
    buf_adds(out, "\r\n");
}

/* One row per (table, item, column): Mã bảng, Bảng, Mã mục, Mục, Mã chỉ tiêu, Chỉ tiêu, Ngày,
   Giá trị [, Ngày so sánh, Giá trị so sánh, Chênh lệch, Thay đổi]. */
static void render_csv(const struct report_structure *r, struct buf *out)
{
    static const char *const hdr[] = {
        "Mã bảng",    "Bảng",    "Mã mục",  "Mục",          "Mã chỉ tiêu",
        "Chỉ tiêu",   "Ngày",    "Giá trị", "Ngày so sánh", "Giá trị so sánh",
        "Chênh lệch", "Thay đổi"};
    bool cmp = compared(r);
    size_t n = cmp ? 12 : 8;
    buf_adds(out, "\xEF\xBB\xBF"); /* UTF-8 BOM: Excel then reads the Vietnamese right */
    csv_fields(out, hdr, n);
    char d[DATE_ISO_LEN], dc[DATE_ISO_LEN];
    date_format_vn(r->as_of, d);
    date_format_vn(r->compare, dc);
    for (int i = 0; i < RT__MAX; i++) {
        const struct report_table *t = &r->tables[i];
        if (!table_shown(r, t))
            continue;
        for (size_t k = 0; k < t->nrows; k++) {
            const struct report_row *row = &t->rows[k];
            for (size_t c = 0; c < t->ncols; c++) {
                char v[24], p[24], diff[24];
                snprintf(v, sizeof(v), "%lld", (long long)row->v[c]);
                snprintf(p, sizeof(p), "%lld", (long long)row->prev[c]);
                snprintf(diff, sizeof(diff), "%lld", (long long)(row->v[c] - row->prev[c]));
                char *ch = cmp ? fmt_change(row->prev[c], row->v[c]) : NULL;
                const char *f[] = {
                    t->key, t->title, row->key, row->label, t->col_key[c], t->col_label[c],
                    d,      v,        dc,       p,          diff,          ch};
                csv_fields(out, f, n);
                free(ch);
            }
        }
    }
}

/* ---- writers ------------------------------------------------------------------------------ */

void report_structure_render(const struct report_structure *r, enum report_format f,
                             struct buf *out)
{
    switch (f) {
    case REPORT_FMT_TEXT:
        render_text(r, out);
        break;
    case REPORT_FMT_TABLE:
        render_table(r, out);
        break;
    case REPORT_FMT_JSON: {
        json_t *j = report_structure_json(r);
        char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        if (s) {
            buf_adds(out, s);
            buf_addch(out, '\n');
            free(s);
        }
        json_decref(j);
        break;
    }
    case REPORT_FMT_CSV:
        render_csv(r, out);
        break;
    default:
        BUG("report_structure_render: format %s is not text", report_format_name(f));
    }
}

static enum tcxd_err read_file(const char *path, struct buf *out, struct tcxd_error *e)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return tcxd_fail(e, TCXD_EIO, "", "cannot read '%s': %s", path, strerror(errno));
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        buf_add(out, chunk, n);
    bool bad = ferror(fp);
    fclose(fp);
    if (bad)
        return tcxd_fail(e, TCXD_EIO, "", "cannot read '%s'", path);
    return TCXD_OK;
}

enum tcxd_err report_structure_to_buf(const struct report_structure *r, enum report_format f,
                                      struct buf *out, struct tcxd_error *e)
{
    if (f != REPORT_FMT_XLSX) {
        report_structure_render(r, f, out);
        return TCXD_OK;
    }
    const char *dir = getenv("TMPDIR");
    struct buf path = BUF_INIT;
    buf_addf(&path, "%s/tcxd-report-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path.ptr);
    if (fd < 0) {
        enum tcxd_err rc = tcxd_fail(e, TCXD_EIO, "", "cannot create a temporary file in '%s': %s",
                                     dir && *dir ? dir : "/tmp", strerror(errno));
        buf_release(&path);
        return rc;
    }
    close(fd);
    enum tcxd_err rc = report_structure_xlsx(r, path.ptr, e);
    if (!rc)
        rc = read_file(path.ptr, out, e);
    unlink(path.ptr);
    buf_release(&path);
    return rc;
}

enum tcxd_err report_structure_write(const struct report_structure *r, enum report_format f,
                                     const char *path, struct tcxd_error *e)
{
    bool to_stdout = !path || !strcmp(path, "-");
    if (f == REPORT_FMT_XLSX && !to_stdout)
        return report_structure_xlsx(r, path, e);
    struct buf b = BUF_INIT;
    enum tcxd_err rc = report_structure_to_buf(r, f, &b, e);
    if (rc) {
        buf_release(&b);
        return rc;
    }
    FILE *fp = to_stdout ? stdout : fopen(path, "wb");
    if (!fp) {
        rc = tcxd_fail(e, TCXD_EIO, "output", "cannot write '%s': %s", path, strerror(errno));
        buf_release(&b);
        return rc;
    }
    bool bad = fwrite(b.ptr, 1, b.len, fp) != b.len;
    bad = (to_stdout ? fflush(fp) : fclose(fp)) != 0 || bad;
    if (bad)
        rc = tcxd_fail(e, TCXD_EIO, "output", "cannot write '%s'", to_stdout ? "stdout" : path);
    buf_release(&b);
    return rc;
}
