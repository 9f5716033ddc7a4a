/*
 * test_forms_wide.c - a grid as wide as FORM_MAX_COLS through every renderer: the PDF on
 * landscape A4 (pdfinfo's page size; the narrow form stays portrait), every figure of every row
 * in column order (pdftotext -layout), no word of a column's or a group's label broken (the
 * words counted in pdftotext's output against the labels); the text table, the CSV and the
 * XLSX carry every column (the groups' names with their columns) and every figure. The result
 * is built here, not filled from a store: the renderers alone are under test. The figures are
 * (row + 1) * 1000 + column * 7, known to the test without the program.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "io/table.h"
#include "report/forms.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define NROWS 6

static char dir[256];

static const char *const pool[] = {"Bí thư",      "Phó bí thư",      "Chủ tịch",   "Phó chủ tịch",
                                   "Trưởng đoàn", "Phó Trưởng đoàn", "Cấp trưởng", "Cấp phó"};
static const char *labels[FORM_MAX_COLS], *numbers[FORM_MAX_COLS];
static char numbuf[FORM_MAX_COLS][8];
/* pairs of columns from the third under a group; the first two alone (over both rows) */
static const char *const group_names[] = {"Lãnh đạo cấp ủy",
                                          "Lãnh đạo HĐND",
                                          "Lãnh đạo UBND",
                                          "Lãnh đạo Đoàn Đại biểu Quốc hội",
                                          "Các ban, cơ quan Đảng, Mặt trận Tổ quốc, đoàn thể CT-XH",
                                          "Các sở, ngành (tương đương)",
                                          "Các đơn vị sự nghiệp công lập trực thuộc tỉnh",
                                          "Nhóm tám",
                                          "Nhóm chín"};
static struct form_col_group groups[FORM_MAX_COLS];
static struct form_def wide, narrow;

static int64_t figure(size_t row, size_t col)
{
    return (int64_t)(row + 1) * 1000 + (int64_t)col * 7;
}

/* "1.007" as the forms print it (thousands with a dot) */
static void vn(int64_t n, char *out, size_t cap)
{
    if (n >= 1000)
        snprintf(out, cap, "%lld.%03lld", (long long)(n / 1000), (long long)(n % 1000));
    else
        snprintf(out, cap, "%lld", (long long)n);
}

static void defs_init(void)
{
    for (size_t c = 0; c < FORM_MAX_COLS; c++) {
        labels[c] = c < 2 ? (c ? "Ban thường vụ" : "Ban chấp hành") : pool[(c - 2) % 8];
        snprintf(numbuf[c], sizeof(numbuf[c]), "%zu", c + 2);
        numbers[c] = numbuf[c];
    }
    size_t ng = 0;
    for (size_t c = 2; c + 1 < FORM_MAX_COLS && ng < sizeof(group_names) / sizeof(*group_names);
         c += 2, ng++)
        groups[ng] = (struct form_col_group){group_names[ng], c, 2};
    groups[ng] = (struct form_col_group){NULL, 0, 0};
    wide = (struct form_def){.id = "w",
                             .number = "99W-BTCTW",
                             .title = "CÁN BỘ LÃNH ĐẠO, QUẢN LÝ (THỬ)",
                             .layout = FORM_GRID,
                             .item_header = "Tiêu chí",
                             .ncols = FORM_MAX_COLS,
                             .col_labels = labels,
                             .col_numbers = numbers,
                             .col_groups = groups};
    narrow = wide;
    narrow.number = "99N-BTCTW";
    narrow.ncols = 4;
    narrow.col_groups = NULL;
}

static struct form_result *result(const struct form_def *d)
{
    struct form_result *r = xcalloc(1, sizeof(*r));
    r->def = d;
    snprintf(r->org.name, sizeof(r->org.name), "Đảng bộ tỉnh Thử");
    struct tcxd_error e;
    tcxd_error_clear(&e);
    assert_int_equal(form_period_parse("2025", &r->period, &e), TCXD_OK);
    form_period_prev_year(&r->period, &r->prev);
    r->rows = xcalloc(NROWS, sizeof(*r->rows));
    r->nrows = r->cap = NROWS;
    for (size_t i = 0; i < NROWS; i++) {
        char k[16], l[64];
        snprintf(k, sizeof(k), "r%zu", i);
        snprintf(l, sizeof(l), "Dòng số %zu", i + 1);
        r->rows[i].key = xstrdup(k);
        r->rows[i].label = xstrdup(l);
        r->rows[i].level = i ? 1 : 0;
        for (size_t c = 0; c < d->ncols; c++)
            r->rows[i].v[c] = (struct form_value){FV_COUNT, figure(i, c), 0};
    }
    return r;
}

static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    struct buf t = BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
        buf_add(&t, chunk, n);
    assert_int_equal(pclose(p), 0);
    return buf_detach(&t, NULL);
}

/* how many whitespace-separated tokens of s equal w (a word with a hyphen may wrap after it:
   pdftotext joins the halves without it) */
static size_t count_tokens(const char *s, const char *w)
{
    char joined[64];
    size_t o = 0;
    for (const char *q = w; *q && o + 1 < sizeof(joined); q++)
        if (*q != '-')
            joined[o++] = *q;
    joined[o] = 0;
    size_t n = 0, wl = strlen(w);
    while (*s) {
        s += strspn(s, " \n\t\f\r");
        size_t k = strcspn(s, " \n\t\f\r");
        if ((k == wl && !strncmp(s, w, k)) || (k == o && o != wl && !strncmp(s, joined, k)))
            n++;
        s += k;
    }
    return n;
}

/* adds each word of s to the words/count table */
static void add_words(const char *s, char (*words)[64], size_t *want, size_t *nw)
{
    while (*s) {
        s += strspn(s, " ");
        size_t k = strcspn(s, " ");
        if (!k)
            break;
        char w[64];
        snprintf(w, sizeof(w), "%.*s", (int)k, s);
        size_t j = 0;
        while (j < *nw && strcmp(words[j], w))
            j++;
        if (j == *nw)
            snprintf(words[(*nw)++], 64, "%s", w);
        want[j]++;
        s += k;
    }
}

static void test_pdf_wide(void **state)
{
    (void)state;
    struct form_result *r = result(&wide);
    char pdf[400], cmd[1000];
    snprintf(pdf, sizeof(pdf), "%s/wide.pdf", dir);
    struct tcxd_error e;
    tcxd_error_clear(&e);
    assert_int_equal(form_write_pdf(r, pdf, &e), TCXD_OK);
    snprintf(cmd, sizeof(cmd), "pdfinfo '%s' | grep '^Page size' ", pdf);
    char *info = run(cmd);
    if (!strstr(info, "841.89 x 595.28"))
        fail_msg("the wide form is not on landscape A4: %s", info);
    free(info);
    snprintf(cmd, sizeof(cmd), "pdfinfo '%s' | grep '^Pages' ", pdf);
    info = run(cmd);
    assert_non_null(strstr(info, " 1\n"));
    free(info);

    /* every row's figures, in column order, on the row's line */
    snprintf(cmd, sizeof(cmd), "pdftotext -layout '%s' - 2>/dev/null", pdf);
    char *lay = run(cmd);
    for (size_t i = 0; i < NROWS; i++) {
        char want[64];
        snprintf(want, sizeof(want), "Dòng số %zu ", i + 1);
        char *line = strstr(lay, want);
        if (!line)
            fail_msg("row %zu not in the PDF's layout text", i + 1);
        size_t len = strcspn(line, "\n");
        char *at = line + strlen(want);
        for (size_t c = 0; c < FORM_MAX_COLS; c++) {
            char v[32];
            vn(figure(i, c), v, sizeof(v));
            at += strspn(at, " ");
            if (at >= line + len || strncmp(at, v, strlen(v)))
                fail_msg("row %zu column %zu: expected %s at '%.*s'", i + 1, c + 2, v,
                         (int)(line + len - at), at);
            at += strlen(v);
        }
    }
    free(lay);

    /* no word of a label broken: each word as often as the labels have it */
    snprintf(cmd, sizeof(cmd), "pdftotext '%s' - 2>/dev/null", pdf);
    char *raw = run(cmd);
    static char words[256][64];
    size_t want[256] = {0}, nw = 0;
    for (size_t c = 0; c < FORM_MAX_COLS; c++)
        add_words(labels[c], words, want, &nw);
    for (const struct form_col_group *g = groups; g->label; g++)
        add_words(g->label, words, want, &nw);
    for (size_t j = 0; j < nw; j++)
        if (count_tokens(raw, words[j]) < want[j])
            fail_msg("word '%s': %zu whole in the PDF text, the labels have %zu", words[j],
                     count_tokens(raw, words[j]), want[j]);
    assert_non_null(strstr(raw, "Biểu số 99W-BTCTW"));
    assert_non_null(strstr(raw, "NGƯỜI LẬP BIỂU"));
    free(raw);
    form_result_free(r);

    /* a narrow grid stays portrait */
    r = result(&narrow);
    snprintf(pdf, sizeof(pdf), "%s/narrow.pdf", dir);
    assert_int_equal(form_write_pdf(r, pdf, &e), TCXD_OK);
    snprintf(cmd, sizeof(cmd), "pdfinfo '%s' | grep '^Page size' ", pdf);
    info = run(cmd);
    if (!strstr(info, "595.28 x 841.89"))
        fail_msg("the narrow form is not on portrait A4: %s", info);
    free(info);
    form_result_free(r);
}

static void test_text_csv_wide(void **state)
{
    (void)state;
    struct form_result *r = result(&wide);
    struct buf t = BUF_INIT;
    form_render_text(r, &t);
    /* the legend names each column with its group */
    for (size_t c = 0; c < FORM_MAX_COLS; c++) {
        char want[200];
        const char *g = NULL;
        for (const struct form_col_group *x = groups; x->label; x++)
            if (c >= x->first && c < x->first + x->n)
                g = x->label;
        if (g)
            snprintf(want, sizeof(want), "(%zu) %s - %s\n", c + 2, g, labels[c]);
        else
            snprintf(want, sizeof(want), "(%zu) %s\n", c + 2, labels[c]);
        if (!strstr(t.ptr, want))
            fail_msg("text legend: no '%s'", want);
    }
    for (size_t i = 0; i < NROWS; i++) {
        char want[64];
        snprintf(want, sizeof(want), "Dòng số %zu", i + 1);
        char *line = strstr(t.ptr, want);
        assert_non_null(line);
        size_t len = strcspn(line, "\n");
        char *at = line;
        for (size_t c = 0; c < FORM_MAX_COLS; c++) {
            char v[32];
            vn(figure(i, c), v, sizeof(v));
            at = strstr(at, v);
            if (!at || at >= line + len)
                fail_msg("text row %zu: no %s (column %zu) in order", i + 1, v, c + 2);
            at += strlen(v);
        }
        /* a wide table keeps to its figures: no 13-character cells */
        if (len > 200)
            fail_msg("text row %zu is %zu bytes wide", i + 1, len);
    }
    buf_release(&t);

    form_render_csv(r, &t);
    char *s = t.ptr + 3; /* BOM */
    size_t hl = strcspn(s, "\r");
    size_t fields = 1;
    for (size_t k = 0; k < hl; k++)
        fields += s[k] == ',';
    /* the group names have commas: count the quoted ones */
    assert_true(fields >= 3 + FORM_MAX_COLS);
    assert_non_null(strstr(s, "\"(12) Các ban, cơ quan Đảng, Mặt trận Tổ quốc, đoàn thể CT-XH - "
                              "Bí thư\""));
    for (size_t i = 0; i < NROWS; i++) {
        char want[400];
        int o = snprintf(want, sizeof(want), "99W-BTCTW,r%zu,Dòng số %zu", i, i + 1);
        for (size_t c = 0; c < FORM_MAX_COLS; c++)
            o += snprintf(want + o, sizeof(want) - (size_t)o, ",%lld", (long long)figure(i, c));
        snprintf(want + o, sizeof(want) - (size_t)o, "\r\n");
        if (!strstr(s, want))
            fail_msg("CSV: no line '%s'", want);
    }
    buf_release(&t);
    form_result_free(r);
}

struct cells {
    char **v;
    size_t n, cap;
};

static int on_row(void *ctx, const struct io_table_info *info, const struct io_row *row)
{
    (void)info;
    struct cells *c = ctx;
    for (size_t i = 0; i < row->n; i++) {
        if (!row->cells[i].len)
            continue;
        ALLOC_GROW(c->v, c->n + 1, c->cap);
        c->v[c->n++] = xstrndup(row->cells[i].ptr, row->cells[i].len);
    }
    return 0;
}

static size_t cell_count(const struct cells *c, const char *s)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++)
        n += !strcmp(c->v[i], s);
    return n;
}

static void test_xlsx_wide(void **state)
{
    (void)state;
    struct form_result *r = result(&wide);
    char path[400];
    snprintf(path, sizeof(path), "%s/wide.xlsx", dir);
    struct tcxd_error e;
    tcxd_error_clear(&e);
    assert_int_equal(form_write_xlsx(r, path, &e), TCXD_OK);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    struct buf data = BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        buf_add(&data, chunk, n);
    fclose(fp);
    struct cells c = {0};
    assert_int_equal(io_xlsx_read(data.ptr, data.len, on_row, &c, NULL, NULL, &e), TCXD_OK);
    /* each group once, each label as often as the columns have it, each figure */
    for (const struct form_col_group *g = groups; g->label; g++)
        if (cell_count(&c, g->label) != 1)
            fail_msg("XLSX: group '%s' %zu times", g->label, cell_count(&c, g->label));
    for (size_t k = 0; k < FORM_MAX_COLS; k++) {
        size_t want = 0;
        for (size_t j = 0; j < FORM_MAX_COLS; j++)
            want += !strcmp(labels[j], labels[k]);
        if (cell_count(&c, labels[k]) != want)
            fail_msg("XLSX: label '%s' %zu times, want %zu", labels[k], cell_count(&c, labels[k]),
                     want);
    }
    for (size_t i = 0; i < NROWS; i++)
        for (size_t k = 0; k < FORM_MAX_COLS; k++) {
            char v[32];
            snprintf(v, sizeof(v), "%lld", (long long)figure(i, k));
            if (!cell_count(&c, v))
                fail_msg("XLSX: no figure %s (row %zu column %zu)", v, i + 1, k + 2);
        }
    for (size_t i = 0; i < c.n; i++)
        free(c.v[i]);
    free(c.v);
    buf_release(&data);
    form_result_free(r);
}

static int setup(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/tcxd-forms-wide-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    defs_init();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[400];
    if (getenv("KEEP_WIDE"))
        return 0;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pdf_wide),
        cmocka_unit_test(test_text_csv_wide),
        cmocka_unit_test(test_xlsx_wide),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
