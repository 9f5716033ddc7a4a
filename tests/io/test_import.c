/*
 * test_import.c - importing and exporting organizations and members.
 *
 * Each class of bad row (wrong date, unknown chi bộ, duplicate national ID in the file and in
 * the database, bad UTF-8, missing column, extra column, wrong field count, over-long field,
 * rule violations) is checked for its line, column and message; a quoted newline is data and
 * the lines after it still count right. A failed import leaves every table as it was (row
 * counts and a hash of every row, read with plain SQL); a dry run writes nothing; the bulk path
 * writes the same rows as the per-member path; CSV and XLSX exports round-trip through import.
 * TCXD_TODAY is fixed at 30/06/2021.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include <xlsxwriter.h>

#include "io/columns.h"
#include "io/encoding.h"
#include "io/export.h"
#include "io/import.h"
#include "store/store_auth.h"
#include "store/store_bulk.h"
#include "store/store_commend.h"
#include "util/msg.h"
#include "util/xmalloc.h"

/* The member columns after "Ngày chuyển đến": the place of an admission outside, where an
   arrival came from (two), its decision (two), the Phiếu's fields and the history, all
   empty. */
#define TAIL          ",,,,," PROFILE_EMPTY ","
#define TAIL_CS       ",,,,,QĐ-CS" PROFILE_EMPTY "," /* an arrival decided by QĐ-CS */
#define PROFILE_EMPTY ",,,,,,,,,,,,,,,,,,"

static char tmpdir[256];
static int db_seq;
static const struct store_actor actor = {"test", "test"};

/* ---- fixtures --------------------------------------------------------------------------- */

struct db {
    struct store *st;
    char path[512];
};

static int64_t add_org(struct store *st, const char *code, const char *name, enum org_tier t,
                       enum org_form f, enum org_base_type bt, const char *parent, const char *date)
{
    struct tcxd_error e;
    struct org_info p;
    tcxd_date d;
    assert_int_equal(date_parse(date, &d, "date", &e), TCXD_OK);
    int64_t pid = 0;
    if (parent) {
        assert_int_equal(store_org_by_code(st, parent, d, &p, &e), TCXD_OK);
        pid = p.id;
    }
    struct org_create_req req = {code, name, t, f, bt, pid, d, "QĐ 1"};
    int64_t id = 0;
    if (store_org_create(st, &actor, &req, &id, &e))
        fail_msg("org %s: %s", code, e.msg);
    return id;
}

/* A city (HN) with a district (Q1), a ward party committee (P1) with three chi bộ (CB01, CB02
   from 1990, CBNEW from 2015) and a chi bộ cơ sở (CS1). */
static void open_db(struct db *db, bool with_orgs)
{
    snprintf(db->path, sizeof(db->path), "%s/db%d.sqlite", tmpdir, ++db_seq);
    struct tcxd_error e;
    if (store_open(db->path, STORE_CREATE, &db->st, &e))
        fail_msg("%s", e.msg);
    if (!with_orgs)
        return;
    add_org(db->st, "HN", "Đảng bộ thành phố Hà Nội", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO,
            ORG_BASE_NONE, NULL, "1930-02-03");
    add_org(db->st, "Q1", "Quận ủy Ba Đình", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE,
            "HN", "1960-01-01");
    add_org(db->st, "P1", "Đảng bộ phường Phúc Xá", ORG_TIER_BASE, ORG_FORM_DANG_BO,
            ORG_BASE_PHUONG, "Q1", "1980-01-01");
    add_org(db->st, "CB01", "Chi bộ 1", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, "P1",
            "1990-01-01");
    add_org(db->st, "CB02", "Chi bộ 2", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, "P1",
            "1990-01-01");
    add_org(db->st, "CBNEW", "Chi bộ mới", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE,
            "P1", "2015-05-01");
    add_org(db->st, "CS1", "Chi bộ Trường THCS", ORG_TIER_BASE, ORG_FORM_CHI_BO,
            ORG_BASE_DON_VI_SU_NGHIEP, "Q1", "1995-09-01");
}

static void close_db(struct db *db)
{
    store_close(db->st);
    db->st = NULL;
}

/* Opens db->path again. */
static void open_db_at(struct db *db)
{
    struct tcxd_error e;
    if (store_open(db->path, 0, &db->st, &e))
        fail_msg("%s", e.msg);
}

static enum tcxd_err import_text(struct db *db, enum io_entity what, const char *text, size_t len,
                                 const char *name, bool dry_run, bool per_row, struct io_report *r)
{
    struct io_import_opts o;
    io_import_opts_init(&o);
    o.what = what;
    o.name = name;
    o.dry_run = dry_run;
    o.per_row = per_row;
    io_report_init(r);
    struct tcxd_error e;
    tcxd_error_clear(&e);
    return io_import_buffer(db->st, &actor, text, len ? len : strlen(text), &o, r, &e);
}

/* Row counts and a hash of every row of every table, through a separate connection. */
static void db_fingerprint(const char *path, struct buf *out)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *t;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                        -1, &t, NULL),
                     SQLITE_OK);
    buf_reset(out);
    while (sqlite3_step(t) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(t, 0);
        char sql[256];
        snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\" ORDER BY rowid", name);
        sqlite3_stmt *s;
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
        uint64_t h = 1469598103934665603ULL;
        long rows = 0;
        while (sqlite3_step(s) == SQLITE_ROW) {
            rows++;
            for (int c = 0; c < sqlite3_column_count(s); c++) {
                const unsigned char *v = sqlite3_column_blob(s, c);
                int n = sqlite3_column_bytes(s, c);
                h = (h ^ (uint64_t)sqlite3_column_type(s, c)) * 1099511628211ULL;
                for (int i = 0; i < n; i++)
                    h = (h ^ v[i]) * 1099511628211ULL;
            }
        }
        sqlite3_finalize(s);
        buf_addf(out, "%s:%ld:%016llx\n", name, rows, (unsigned long long)h);
    }
    sqlite3_finalize(t);
    sqlite3_close(db);
}

static long sql_long(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    long v = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

/* ---- counts ----------------------------------------------------------------------------- */

static tcxd_date D(const char *iso)
{
    tcxd_date d;
    struct tcxd_error e;
    if (date_parse(iso, &d, "date", &e))
        fail_msg("%s", e.msg);
    return d;
}

struct count_lines {
    struct store *st;
    tcxd_date as_of;
    char lines[64][64];
    size_t n;
};

static void count_line(void *ctx, int64_t org_id, enum member_status s, int64_t n)
{
    struct count_lines *c = ctx;
    struct org_info o;
    struct tcxd_error e;
    if (store_org_get(c->st, org_id, c->as_of, &o, &e))
        fail_msg("%s", e.msg);
    assert_true(c->n < 64);
    snprintf(c->lines[c->n++], 64, "%s:%s:%lld", o.code, member_status_name(s), (long long)n);
}

static int cmp_line(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* The members registered on a date per chi bộ code and status, as "CB01:official:3\n" lines in
   code order: comparable between databases whose organization ids differ. */
static void counts_on(struct store *st, const char *iso, struct buf *out)
{
    struct count_lines c = {.st = st, .as_of = D(iso)};
    struct tcxd_error e;
    if (store_member_counts(st, c.as_of, NULL, 0, count_line, &c, &e))
        fail_msg("%s", e.msg);
    qsort(c.lines, c.n, sizeof(c.lines[0]), cmp_line);
    buf_reset(out);
    for (size_t i = 0; i < c.n; i++)
        buf_addf(out, "%s\n", c.lines[i]);
}

/* Every table's rows in both databases, compared with SQL both ways. */
static void same_tables(const char *a, const char *b, const char *const *tables, size_t n)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(a, &db), SQLITE_OK);
    char sql[1200];
    snprintf(sql, sizeof(sql), "ATTACH '%s' AS b", b);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    for (size_t i = 0; i < n; i++) {
        snprintf(sql, sizeof(sql),
                 "SELECT (SELECT COUNT(*) FROM (SELECT * FROM main.%s EXCEPT SELECT * FROM "
                 "b.%s)) + (SELECT COUNT(*) FROM (SELECT * FROM b.%s EXCEPT SELECT * FROM "
                 "main.%s)), (SELECT COUNT(*) FROM main.%s), (SELECT COUNT(*) FROM b.%s)",
                 tables[i], tables[i], tables[i], tables[i], tables[i], tables[i]);
        sqlite3_stmt *s;
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(s), SQLITE_ROW);
        if (sqlite3_column_int(s, 0) != 0 || sqlite3_column_int(s, 1) != sqlite3_column_int(s, 2))
            fail_msg("table %s differs: %d rows not in both, %d vs %d rows", tables[i],
                     sqlite3_column_int(s, 0), sqlite3_column_int(s, 1), sqlite3_column_int(s, 2));
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
}

static const struct io_issue *find_issue(const struct io_report *r, long line, const char *column)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->issues[i].line == line && !strcmp(r->issues[i].column, column))
            return &r->issues[i];
    return NULL;
}

static void expect_issue(const struct io_report *r, long line, const char *column,
                         const char *field, const char *text)
{
    const struct io_issue *i = find_issue(r, line, column);
    if (!i) {
        for (size_t k = 0; k < r->n; k++)
            fprintf(stderr, "  have: %ld '%s' %s: %s\n", r->issues[k].line, r->issues[k].column,
                    r->issues[k].field, r->issues[k].message);
        fail_msg("no issue at line %ld column '%s'", line, column);
    }
    if (field)
        assert_string_equal(i->field, field);
    if (text && !strstr(i->message, text))
        fail_msg("line %ld: '%s' does not say '%s'", line, i->message, text);
    /* messages: lowercase start, one line, no period */
    assert_false(i->message[0] >= 'A' && i->message[0] <= 'Z');
    assert_null(strchr(i->message, '\n'));
    assert_int_not_equal(i->message[strlen(i->message) - 1], '.');
}

static const char vn_header[] =
    "STT,Họ và tên,Giới tính,Ngày sinh,Dân tộc,Tôn giáo,Quê quán,Số CCCD,Trình độ học vấn,"
    "Chuyên môn,Lý luận chính trị,Ngày quyết định kết nạp,Ngày kết nạp,Ngày chính thức,"
    "Số thẻ đảng viên,Chi bộ,Số quyết định\r\n";

/* ---- good files ------------------------------------------------------------------------- */

static void test_members_vietnamese_headers(void **state)
{
    struct db db;
    open_db(&db, true);
    /* headers in capitals, without diacritics, with notes: all the same columns */
    const char *csv =
        "STT;HỌ VÀ TÊN;gioi tinh;Ngày sinh (dd/mm/yyyy);Dan toc;Ton giao;Que quan;so cccd;"
        "Trinh do hoc van;chuyen mon;LY LUAN CHINH TRI;Ngày QĐ kết nạp*;Ngày vào Đảng;"
        "Ngày chính thức;So the dang vien;Mã chi bộ;Số QĐ\r\n"
        "1;Nguyễn Văn An;Nam;15/03/1980;Kinh;Không;\"Hà Nội;\nViệt Nam\";001080012345;12/12;"
        "Cử nhân Luật;Trung cấp;01/02/2005;03/02/2005;10/02/2006;12345678;CB01;QĐ 5-QĐ/ĐU\r\n"
        "2;  Trần   Thị Bình ;Nữ;1985-02-28;Tày;Phật giáo;;;9/12;;;1/6/2020;;;;CB02;\r\n";
    struct io_report r;
    enum tcxd_err rc = import_text(&db, IO_MEMBERS, csv, 0, "members.csv", false, false, &r);
    for (size_t k = 0; k < r.n; k++)
        fprintf(stderr, "  %ld %s: %s\n", r.issues[k].line, r.issues[k].column,
                r.issues[k].message);
    assert_int_equal(rc, TCXD_OK);
    assert_int_equal(r.rows, 2);
    assert_int_equal(r.written, 2);
    assert_int_equal(r.format, IO_FORMAT_CSV);
    assert_int_equal(strlen(r.sha256), 64);
    io_report_release(&r);
    close_db(&db);

    /* read back with plain SQL */
    assert_int_equal(sql_long(db.path, "SELECT COUNT(*) FROM member"), 2);
    assert_int_equal(
        sql_long(db.path, "SELECT COUNT(*) FROM member WHERE full_name = 'Nguyễn Văn An' AND "
                          "gender = 0 AND birth_date = '1980-03-15' AND national_id = "
                          "'001080012345' AND hometown = 'Hà Nội; Việt Nam' AND theory_level = 2 "
                          "AND admission_decision_date = '2005-02-01' AND ceremony_date = "
                          "'2005-02-03' AND official_date = '2006-02-03' AND party_card_no = "
                          "'12345678' AND education = '12/12' AND professional_level = 'Cử nhân "
                          "Luật' AND org_id = (SELECT id FROM org WHERE code = 'CB01')"),
        1);
    /* the second: name cleaned, ceremony defaults to the decision, still probationary today */
    assert_int_equal(sql_long(db.path,
                              "SELECT COUNT(*) FROM member WHERE full_name = 'Trần Thị Bình' AND "
                              "gender = 1 AND ceremony_date = '2020-06-01' AND official_date IS "
                              "NULL AND national_id IS NULL AND status = 1 AND ethnicity = 'Tày'"),
                     1);
    assert_int_equal(sql_long(db.path, "SELECT COUNT(*) FROM member_event"), 3);
    assert_int_equal(sql_long(db.path, "SELECT COUNT(*) FROM member_event WHERE kind = 1 AND "
                                       "date = '2006-02-03' AND decision_date = '2006-02-10'"),
                     1);
    assert_int_equal(sql_long(db.path, "SELECT COUNT(*) FROM member_event WHERE kind = 0 AND "
                                       "decision_no = 'QĐ 5-QĐ/ĐU'"),
                     1);
    /* one audit record for the whole file */
    assert_int_equal(sql_long(db.path, "SELECT COUNT(*) FROM audit WHERE action = "
                                       "'import.members' AND after LIKE '%members.csv%' AND after "
                                       "LIKE '%\"rows\":2%'"),
                     1);
}

static void test_members_ascii_headers_xlsx(void **state)
{
    struct db db;
    open_db(&db, true);
    /* an XLSX with a title row, dates as serial numbers and a national ID typed as a number */
    char path[512];
    snprintf(path, sizeof(path), "%s/ascii.xlsx", tmpdir);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    lxw_format *df = workbook_add_format(wb);
    format_set_num_format(df, "dd/mm/yyyy");
    worksheet_write_string(ws, 0, 0, "DANH SÁCH ĐẢNG VIÊN", NULL);
    const char *h[] = {"full_name",
                       "gender",
                       "birth_date",
                       "national_id",
                       "admission_decision_date",
                       "org",
                       "official_decision_date",
                       "theory_level"};
    for (int i = 0; i < 8; i++)
        worksheet_write_string(ws, 2, (lxw_col_t)i, h[i], NULL);
    worksheet_write_string(ws, 3, 0, "Hoàng Văn Cường", NULL);
    worksheet_write_string(ws, 3, 1, "nam", NULL);
    lxw_datetime b = {1970, 1, 31, 0, 0, 0}, a = {2000, 5, 19, 0, 0, 0}, o = {2001, 6, 1, 0, 0, 0};
    worksheet_write_datetime(ws, 3, 2, &b, df);
    worksheet_write_number(ws, 3, 3, 1070001234, NULL); /* 001070001234 without its zeros */
    worksheet_write_datetime(ws, 3, 4, &a, df);
    worksheet_write_string(ws, 3, 5, "CS1", NULL);
    worksheet_write_datetime(ws, 3, 6, &o, df);
    worksheet_write_string(ws, 3, 7, "cao_cap", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    struct buf data = BUF_INIT;
    struct tcxd_error e;
    assert_int_equal(io_read_file(path, &data, &e), TCXD_OK);
    struct io_report r;
    enum tcxd_err rc =
        import_text(&db, IO_MEMBERS, data.ptr, data.len, "ascii.xlsx", false, false, &r);
    for (size_t k = 0; k < r.n; k++)
        fprintf(stderr, "  %ld %s: %s\n", r.issues[k].line, r.issues[k].column,
                r.issues[k].message);
    assert_int_equal(rc, TCXD_OK);
    assert_int_equal(r.format, IO_FORMAT_XLSX);
    assert_int_equal(r.written, 1);
    io_report_release(&r);
    buf_release(&data);
    close_db(&db);
    assert_int_equal(sql_long(db.path, "SELECT COUNT(*) FROM member WHERE national_id = "
                                       "'001070001234' AND birth_date = '1970-01-31' AND "
                                       "admission_decision_date = '2000-05-19' AND theory_level "
                                       "= 3 AND official_date = '2001-05-19' AND status = 2"),
                     1);
}

/* ---- bad files: each class of problem --------------------------------------------------- */

static void test_member_errors_each_class(void **state)
{
    struct db db;
    open_db(&db, true);
    /* one member already in the database, with the national ID that line 10 repeats */
    const char *pre = "Họ và tên,Giới tính,Ngày sinh,Số CCCD,Ngày quyết định kết nạp,Chi bộ\n"
                      "Đã Có Sẵn,Nam,01/01/1960,001060099999,01/01/1990,CB01\n";
    struct io_report r;
    assert_int_equal(import_text(&db, IO_MEMBERS, pre, 0, "pre.csv", false, false, &r), TCXD_OK);
    io_report_release(&r);

    struct buf csv = BUF_INIT;
    buf_adds(&csv, vn_header); /* line 1 */
    /* line 2: good */
    buf_adds(&csv, "1,Good One,Nam,01/01/1980,,,,001080000001,,,,01/01/2010,,,,CB01,\r\n");
    /* line 3: impossible birth date (and a national ID that line 8 repeats) */
    buf_adds(&csv, "2,Bad Date,Nam,31/02/1980,,,,001080000003,,,,01/01/2010,,,,CB01,\r\n");
    /* line 4: unknown chi bộ */
    buf_adds(&csv, "3,No Branch,Nữ,01/01/1980,,,,,,,,01/01/2010,,,,CB99,\r\n");
    /* lines 5-6: a quoted newline in the hometown: valid data */
    buf_adds(&csv, "4,Quoted Newline,Nam,01/01/1981,,,\"Thôn Đông,\nxã Tây\",,,,,01/01/2010,,,,"
                   "CB02,\r\n");
    /* line 7: duplicate of line 2's national ID */
    buf_adds(&csv, "5,Same Id,Nam,01/01/1982,,,,001080000001,,,,01/01/2010,,,,CB01,\r\n");
    /* line 8: the national ID of line 3, whose birth date is wrong: a duplicate all the same */
    buf_adds(&csv, "6,Same As Bad,Nam,01/01/1983,,,,001080000003,,,,01/01/2010,,,,CB01,\r\n");
    /* line 9: a field missing */
    buf_adds(&csv, "7,Short Row,Nam,01/01/1983,,,,,,,01/01/2010,,,,CB01,\r\n");
    /* line 10: national ID of the member already in the database */
    buf_adds(&csv, "8,In Database,Nam,01/01/1984,,,,001060099999,,,,01/01/2010,,,,CB01,\r\n");
    /* line 11: a name over 100 characters */
    buf_adds(&csv, "9,");
    for (int i = 0; i < 30; i++)
        buf_adds(&csv, "Tên ");
    buf_adds(&csv, ",Nam,01/01/1985,,,,,,,,01/01/2010,,,,CB01,\r\n");
    /* line 12: a đảng bộ where a chi bộ belongs */
    buf_adds(&csv, "10,Wrong Kind,Nam,01/01/1985,,,,,,,,01/01/2010,,,,P1,\r\n");
    /* line 13: admitted at 17 */
    buf_adds(&csv, "11,Too Young,Nam,01/06/1993,,,,,,,,01/01/2011,,,,CB01,\r\n");
    /* line 14: official recognition decided before the 12 months of probation end */
    buf_adds(&csv, "12,Too Early,Nam,01/01/1980,,,,,,,,01/01/2010,01/01/2010,01/06/2010,,CB01,"
                   "\r\n");
    /* line 15: chi bộ created in 2015, admission in 2010: admitted outside the database,
       registered in it from its creation (no problem) */
    buf_adds(&csv, "13,Before Branch,Nam,01/01/1980,,,,,,,,01/01/2010,,,,CBNEW,\r\n");
    /* line 16: a national ID of 11 digits and an unknown gender */
    buf_adds(&csv, "14,Two Problems,X,01/01/1980,,,,00108000000,,,,01/01/2010,,,,CB01,\r\n");
    /* line 17: a chi bộ's name where its code belongs */
    buf_adds(&csv, "15,By Name,Nam,01/01/1980,,,,,,,,01/01/2010,,,,chi bo 2,\r\n");

    struct buf before = BUF_INIT, after = BUF_INIT;
    db_fingerprint(db.path, &before);
    enum tcxd_err rc = import_text(&db, IO_MEMBERS, csv.ptr, csv.len, "bad.csv", false, false, &r);
    assert_int_equal(rc, TCXD_EINVAL);
    assert_int_equal(r.written, 0);
    assert_int_equal(r.rows, 15); /* lines 2..17, lines 5-6 being one row */
    expect_issue(&r, 3, "Ngày sinh", "birth_date", "invalid date '31/02/1980'");
    expect_issue(&r, 4, "Chi bộ", "org", "unknown chi bộ 'CB99'");
    assert_null(find_issue(&r, 5, "Quê quán"));
    assert_null(find_issue(&r, 6, "Quê quán"));
    expect_issue(&r, 7, "Số CCCD", "national_id", "same national ID is on line 2");
    expect_issue(&r, 8, "Số CCCD", "national_id", "same national ID is on line 3");
    expect_issue(&r, 9, "", "", "the row has 16 fields but the header has 17");
    expect_issue(&r, 10, "Số CCCD", "national_id",
                 "already registered as a party member: member #1");
    expect_issue(&r, 11, "Họ và tên", "full_name", "too long");
    expect_issue(&r, 12, "Chi bộ", "org", "not a chi bộ");
    expect_issue(&r, 13, "Ngày sinh", "birth_date", "17 years");
    expect_issue(&r, 14, "Ngày chính thức", "official_decision_date", NULL);
    assert_null(find_issue(&r, 15, "Chi bộ"));
    expect_issue(&r, 16, "Giới tính", "gender", "'X'");
    expect_issue(&r, 16, "Số CCCD", "national_id", "12");
    expect_issue(&r, 17, "Chi bộ", "org", "did you mean 'CB02'");
    /* nothing about the good rows; the numbers in messages never show a national ID */
    assert_null(find_issue(&r, 2, "Số CCCD"));
    for (size_t i = 0; i < r.n; i++)
        assert_null(strstr(r.issues[i].message, "00108000000"));
    assert_int_equal(r.n, 13);
    assert_int_equal(r.bad_rows, 12);
    /* the report as JSON and CSV */
    json_t *j = io_report_json(&r);
    assert_int_equal(json_array_size(json_object_get(j, "errors")), r.n);
    json_t *first = json_array_get(json_object_get(j, "errors"), 0);
    assert_int_equal(json_integer_value(json_object_get(first, "line")), 3);
    assert_string_equal(json_string_value(json_object_get(first, "column")), "Ngày sinh");
    json_decref(j);
    struct buf ecsv = BUF_INIT;
    io_report_errors_csv(&r, &ecsv);
    assert_memory_equal(ecsv.ptr,
                        "\xEF\xBB\xBFline,column,field,message\r\n3,Ngày sinh,birth_date,", 53);
    buf_release(&ecsv);
    io_report_release(&r);

    db_fingerprint(db.path, &after);
    assert_string_equal(before.ptr, after.ptr);
    /* the dry run of a good file writes nothing either */
    const char *good = "Họ và tên,Giới tính,Ngày sinh,Ngày quyết định kết nạp,Chi bộ\n"
                       "Dry Run,Nam,01/01/1980,01/01/2010,CB01\n";
    assert_int_equal(import_text(&db, IO_MEMBERS, good, 0, "dry.csv", true, false, &r), TCXD_OK);
    assert_int_equal(r.rows, 1);
    assert_int_equal(r.written, 0);
    assert_true(r.dry_run);
    io_report_release(&r);
    db_fingerprint(db.path, &after);
    assert_string_equal(before.ptr, after.ptr);
    buf_release(&before);
    buf_release(&after);
    buf_release(&csv);
    close_db(&db);
}

static void test_header_problems(void **state)
{
    struct db db;
    open_db(&db, true);
    struct io_report r;
    struct buf before = BUF_INIT, after = BUF_INIT;
    db_fingerprint(db.path, &before);
    /* missing required column: the rows are not checked at all */
    const char *missing = "Họ và tên,Giới tính,Ngày quyết định kết nạp,Chi bộ\n"
                          "A B,Nam,01/01/2010,CB01\n";
    assert_int_equal(import_text(&db, IO_MEMBERS, missing, 0, "m.csv", false, false, &r),
                     TCXD_EINVAL);
    expect_issue(&r, 1, "Ngày sinh", "birth_date", "missing required column 'Ngày sinh'");
    assert_int_equal(r.n, 1);
    io_report_release(&r);
    /* extra (unknown) column and a repeated one: reported on the header line */
    const char *extra = "Họ và tên,Giới tính,Ngày sinh,Ghi chú,Ngày quyết định kết nạp,Chi bộ,"
                        "ho va ten\n"
                        "A B,Nam,01/01/1980,note,01/01/2010,CB01,\n";
    assert_int_equal(import_text(&db, IO_MEMBERS, extra, 0, "x.csv", false, false, &r),
                     TCXD_EINVAL);
    assert_null(find_issue(&r, 1, "Ghi chú")); /* a warning, not a problem */
    assert_int_equal(r.nwarn, 1);
    assert_int_equal(r.warnings[0].line, 1);
    assert_string_equal(r.warnings[0].column, "Ghi chú");
    assert_non_null(strstr(r.warnings[0].message, "ignored"));
    expect_issue(&r, 1, "ho va ten", "full_name", "repeats column 1");
    assert_int_equal(r.n, 1);
    io_report_release(&r);
    /* an empty file and a file of blank lines */
    assert_int_equal(import_text(&db, IO_MEMBERS, "\n\n", 2, "e.csv", false, false, &r),
                     TCXD_EINVAL);
    expect_issue(&r, 0, "", "file", "no header");
    io_report_release(&r);
    /* a malformed CSV: the reader's line */
    const char *broken = "Họ và tên,Giới tính,Ngày sinh,Ngày quyết định kết nạp,Chi bộ\n"
                         "A B,Nam,01/01/1980,01/01/2010,CB01\n"
                         "C \"D\" E,Nam,01/01/1980,01/01/2010,CB01\n";
    assert_int_equal(import_text(&db, IO_MEMBERS, broken, 0, "b.csv", false, false, &r),
                     TCXD_EINVAL);
    expect_issue(&r, 3, "", "file", "quot");
    io_report_release(&r);
    db_fingerprint(db.path, &after);
    assert_string_equal(before.ptr, after.ptr);
    buf_release(&before);
    buf_release(&after);
    close_db(&db);
}

static void test_max_errors(void **state)
{
    struct db db;
    open_db(&db, true);
    struct buf csv = BUF_INIT;
    buf_adds(&csv, "full_name,gender,birth_date,admission_decision_date,org\n");
    for (int i = 0; i < 50; i++)
        buf_adds(&csv, "A B,Nam,xx,01/01/2010,CB01\n");
    struct io_import_opts o;
    io_import_opts_init(&o);
    o.max_errors = 5;
    struct io_report r;
    io_report_init(&r);
    struct tcxd_error e;
    assert_int_equal(io_import_buffer(db.st, &actor, csv.ptr, csv.len, &o, &r, &e), TCXD_EINVAL);
    assert_int_equal(r.n, 5);
    assert_true(r.truncated);
    assert_non_null(strstr(e.msg, "at least"));
    io_report_release(&r);
    /* without a limit every row is reported */
    o.max_errors = 0;
    assert_int_equal(io_import_buffer(db.st, &actor, csv.ptr, csv.len, &o, &r, &e), TCXD_EINVAL);
    assert_int_equal(r.n, 50);
    assert_int_equal(r.issues[49].line, 51);
    io_report_release(&r);
    buf_release(&csv);
    close_db(&db);
}

/* ---- the bulk path writes what the per-member path writes ------------------------------- */

static void make_members(struct buf *csv, int n)
{
    buf_adds(csv, vn_header);
    static const char *const family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng"};
    static const char *const given[] = {"An", "Bình", "Cường", "Dũng", "Hà", "Ánh", "Anh"};
    static const char *const chi_bo[] = {"CB01", "CB02", "CBNEW", "CS1"};
    static const int first_year[] = {1991, 1991, 2016, 1996}; /* after each chi bộ's creation */
    for (int i = 0; i < n; i++) {
        int dy = first_year[i % 4] + i % (2021 - first_year[i % 4]);
        int by = dy - 20 - i % 30;
        buf_addf(csv, "%d,%s Văn %s,%s,%02d/%02d/%d,Kinh,Không,\"Xã %d, huyện \"\"X\"\"\",", i + 1,
                 family[i % 5], given[i % 7], i % 3 ? "Nam" : "Nữ", 1 + i % 28, 1 + i % 12, by, i);
        if (i % 4)
            buf_addf(csv, "0010%08d", i);
        buf_addf(csv, ",12/12,Kỹ sư,%s,%02d/%02d/%d,%02d/%02d/%d,", i % 2 ? "Sơ cấp" : "",
                 1 + i % 27, 1 + i % 11, dy, 2 + i % 27, 1 + i % 11, dy);
        if (i % 3 == 0 && dy < 2020)
            buf_addf(csv, "%02d/%02d/%d", 1 + i % 27, 2 + i % 11, dy + 1);
        buf_addf(csv, ",%s,%s,QĐ %d-QĐ/ĐU\r\n", i % 5 ? "" : "0123", chi_bo[i % 4], i);
    }
}

/* make_members with the two columns of members who moved, and four of them after the others:
   admitted in a chi bộ of 1990 and moved to CBNEW (2015) later, official before or after the
   move; a probationary member who moved within the probation; one moved on CBNEW's first day. */
static void make_members_moved(struct buf *csv, int n)
{
    struct buf plain = BUF_INIT;
    make_members(&plain, n);
    const char *p = plain.ptr, *end = plain.ptr + plain.len;
    for (bool header = true; p < end; header = false) {
        const char *eol = strstr(p, "\r\n");
        buf_add(csv, p, (size_t)(eol - p));
        buf_adds(csv, header ? ",Chi bộ khi kết nạp,Ngày chuyển đến\r\n" : ",,\r\n");
        p = eol + 2;
    }
    buf_adds(csv,
             "901,Trần Thị Chuyển,Nữ,05/05/1975,Kinh,Không,Hà Nội,001175000901,12/12,Kỹ sư,,"
             "01/03/2010,10/03/2010,15/03/2011,,CBNEW,QĐ 901,CB01,01/02/2016\r\n"
             "902,Lê Văn Đến,Nam,06/06/1980,Kinh,Không,Hà Nội,001080000902,12/12,,,01/08/2014,"
             "01/08/2014,10/08/2015,,CBNEW,QĐ 902,CB02,01/06/2015\r\n"
             "903,Phạm Văn Dự,Nam,07/07/1995,Kinh,Không,,,12/12,,,01/05/2020,01/05/2020,,,CB01,"
             "QĐ 903,CS1,01/10/2020\r\n"
             "904,Đỗ Thị Ngày Đầu,Nữ,08/08/1985,Kinh,Không,,,12/12,,,01/02/2014,03/02/2014,"
             "04/02/2015,,CBNEW,QĐ 904,CB02,01/05/2015\r\n");
    buf_release(&plain);
}

/* Month-end snapshots kept before a load: one before every registration of the file (it must
   stay), the others covered by registrations the load writes (their marks must go). */
static void take_snapshots(struct store *st)
{
    static const char *const days[] = {"1985-12-31", "2000-12-31", "2016-01-31", "2021-01-31"};
    struct buf tmp = BUF_INIT;
    for (size_t i = 0; i < ARRAY_SIZE(days); i++)
        counts_on(st, days[i], &tmp);
    buf_release(&tmp);
}

/* The same file through the bulk path into a and the per-member path into b; with pre, both
   already hold a member (then the bulk path writes member_stint itself; without, it builds it
   apart and copies it in). */
static void bulk_vs_per_row(bool pre)
{
    struct db a, b;
    open_db(&a, true);
    open_db(&b, true);
    /* a member already there in both: counted in the snapshots taken below */
    const char *one = "Họ và tên,Giới tính,Ngày sinh,Ngày quyết định kết nạp,Chi bộ\n"
                      "Đã Có Sẵn,Nam,01/01/1960,01/01/1991,CB01\n";
    struct io_report r;
    if (pre) {
        assert_int_equal(import_text(&a, IO_MEMBERS, one, 0, "pre.csv", false, false, &r), TCXD_OK);
        io_report_release(&r);
        assert_int_equal(import_text(&b, IO_MEMBERS, one, 0, "pre.csv", false, true, &r), TCXD_OK);
        io_report_release(&r);
    }
    take_snapshots(a.st);
    take_snapshots(b.st);
    assert_int_equal(sql_long(a.path, "SELECT COUNT(*) FROM member_count_day"), 4);

    struct buf csv = BUF_INIT;
    make_members_moved(&csv, 120);
    /* names whose sort keys the bulk path makes from cached pieces per part */
    buf_adds(&csv, "911,Hòa,Nữ,01/01/1980,,,,,,,,01/01/2010,,,,CB01,,,\r\n"
                   "912,Nguyễn Hoà,Nam,01/01/1981,,,,,,,,01/01/2010,,,,CB01,,,\r\n"
                   "913,Tôn Nữ Thị Ngọc Thuỷ,Nữ,01/01/1982,,,,,,,,01/01/2010,,,,CB02,,,\r\n"
                   "914,Tôn Nữ Thị Ngọc Thủy,Nữ,01/01/1982,,,,,,,,01/01/2010,,,,CB02,,,\r\n"
                   "915,Âu Dương Phong,Nam,01/01/1983,,,,,,,,01/01/2010,,,,CB02,,,\r\n"
                   /* admitted decades before their chi bộ (CBNEW, 01/05/2015) existed */
                   "916,Trước Chi Bộ,Nam,01/01/1950,,,,,,,,01/01/1980,,05/02/1981,,CBNEW,,,\r\n"
                   "917,Cũng Trước,Nữ,01/01/1952,,,,,,,,01/01/1985,,,,CBNEW,,,01/06/2016\r\n");
    struct io_import_opts o;
    io_import_opts_init(&o);
    o.name = "f.csv";
    o.indexes = STORE_BULK_REBUILD_INDEXES; /* the path a big load takes */
    io_report_init(&r);
    struct tcxd_error e;
    enum tcxd_err rc = io_import_buffer(a.st, &actor, csv.ptr, csv.len, &o, &r, &e);
    for (size_t k = 0; k < r.n && k < 5; k++)
        fprintf(stderr, "  %ld %s: %s\n", r.issues[k].line, r.issues[k].column,
                r.issues[k].message);
    assert_int_equal(rc, TCXD_OK);
    assert_int_equal(r.written, 131);
    assert_int_equal(r.nwarn, 1); /* the two admitted before their chi bộ, counted */
    assert_non_null(strstr(r.warnings[0].message, "2 members were admitted before"));
    io_report_release(&r);
    assert_int_equal(import_text(&b, IO_MEMBERS, csv.ptr, csv.len, "f.csv", false, true, &r),
                     TCXD_OK);
    assert_int_equal(r.written, 131);
    io_report_release(&r);
    /* registered in CBNEW from its creation (or the arrival given), official since 1981 */
    for (int k = 0; k < 2; k++) {
        const char *path = k ? b.path : a.path;
        assert_int_equal(sql_long(path, "SELECT COUNT(*) FROM member m WHERE full_name = 'Trước "
                                        "Chi Bộ' AND org_id = (SELECT id FROM org WHERE code = "
                                        "'CBNEW') AND status = 2 AND ceremony_date = '1980-01-01' "
                                        "AND official_date = '1981-01-01'"),
                         1);
        assert_int_equal(sql_long(path, "SELECT COUNT(*) FROM member_event e JOIN member m ON "
                                        "m.id = e.member_id WHERE m.full_name = 'Trước Chi Bộ' "
                                        "AND e.kind = 2 AND e.date = '2015-05-01'"),
                         1);
        assert_int_equal(sql_long(path, "SELECT COUNT(*) FROM member_event e JOIN member m ON "
                                        "m.id = e.member_id WHERE m.full_name = 'Cũng Trước' "
                                        "AND e.kind = 2 AND e.date = '2016-06-01'"),
                         1);
    }

    /* the snapshot days the load covered are dropped, the one before it stays: as the
       triggers of the per-member path left them */
    static const char *const marks = "SELECT group_concat(as_of) FROM (SELECT as_of FROM "
                                     "member_count_day WHERE as_of IN ('1985-12-31', "
                                     "'2000-12-31', '2016-01-31', '2021-01-31') ORDER BY as_of)";
    sqlite3 *db;
    char *sa = NULL, *sb = NULL;
    assert_int_equal(sqlite3_open(a.path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, marks, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    sa = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_int_equal(sqlite3_open(b.path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, marks, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    sb = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_string_equal(sa, "1985-12-31");
    assert_string_equal(sa, sb);
    free(sa);
    free(sb);
    /* the counts both ways: from the counters and snapshots, on days before, between and after
       the moves */
    static const char *const days[] = {"1985-12-31", "2000-12-31", "2015-01-01",
                                       "2015-05-01", "2015-07-01", "2016-01-31",
                                       "2020-09-30", "2021-01-31", "2021-06-30"};
    struct buf ca = BUF_INIT, cb = BUF_INIT;
    for (size_t i = 0; i < ARRAY_SIZE(days); i++) {
        counts_on(a.st, days[i], &ca);
        counts_on(b.st, days[i], &cb);
        if (strcmp(ca.ptr, cb.ptr))
            fail_msg("counts on %s differ:\nbulk:\n%sper member:\n%s", days[i], ca.ptr, cb.ptr);
    }
    /* the moved members are counted where they were on each side of their move: on 1/7/2015
       CBNEW holds Lê Văn Đến (probationary, moved 1/6) and Đỗ Thị Ngày Đầu (official, moved
       1/5); on 31/1/2016 Trần Thị Chuyển (moved 1/2/2016) is still in CB01 */
    counts_on(a.st, "2015-07-01", &ca);
    /* ... and Trước Chi Bộ (official, registered from CBNEW's creation on 1/5/2015) */
    assert_non_null(strstr(ca.ptr, "CBNEW:official:2\nCBNEW:probationary:1\n"));
    buf_release(&ca);
    buf_release(&cb);
    close_db(&a);
    close_db(&b);

    /* compare the tables both ways with SQL */
    static const char *const tables[] = {"member", "member_event", "member_stint", "member_gap",
                                         "member_count_open"};
    same_tables(a.path, b.path, tables, ARRAY_SIZE(tables));
    assert_int_equal(sql_long(a.path, "SELECT COUNT(*) FROM member"), pre ? 132 : 131);
    /* the registrations and every index agree (member_stint was copied in whole without pre) */
    assert_int_equal(sql_long(a.path, "SELECT COUNT(*) FROM pragma_integrity_check WHERE "
                                      "integrity_check != 'ok'"),
                     0);
    /* the open counters equal a count of the open registrations */
    assert_int_equal(sql_long(a.path, "SELECT COUNT(*) FROM (SELECT org_id, status, n FROM "
                                      "member_count_open WHERE n != 0 EXCEPT SELECT org_id, "
                                      "status, COUNT(*) FROM member_stint WHERE kind = 0 AND "
                                      "valid_to = '9999-12-31' GROUP BY org_id, status)"),
                     0);
    assert_int_equal(sql_long(a.path, "SELECT SUM(n) FROM member_count_open"),
                     sql_long(a.path, "SELECT COUNT(*) FROM member_stint WHERE kind = 0 AND "
                                      "valid_to = '9999-12-31'"));
    /* the indexes dropped for the load are all back, and so are the count triggers */
    assert_int_equal(sql_long(a.path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'"),
                     sql_long(b.path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'"));
    assert_int_equal(sql_long(a.path, "SELECT COUNT(*) FROM pragma_index_list('member_stint')"),
                     sql_long(b.path, "SELECT COUNT(*) FROM pragma_index_list('member_stint')"));
    assert_int_equal(sql_long(a.path, "SELECT COUNT(*) FROM sqlite_master WHERE type = "
                                      "'trigger' AND name IN ('member_count_open_insert', "
                                      "'member_count_at_insert')"),
                     2);
    /* the per-member path audits each member; the bulk path once */
    assert_int_equal(sql_long(a.path, "SELECT COUNT(*) FROM audit WHERE action LIKE 'member.%'"),
                     0);
    assert_int_equal(sql_long(b.path, "SELECT COUNT(*) FROM audit WHERE action = 'member.admit'"),
                     pre ? 132 : 131);
    assert_int_equal(
        sql_long(b.path, "SELECT COUNT(*) FROM audit WHERE action = 'member.transfer'"), 4);

    /* after the load the triggers count again: a member admitted the usual way */
    open_db_at(&a);
    const char *last = "Họ và tên,Giới tính,Ngày sinh,Ngày quyết định kết nạp,Chi bộ\n"
                       "Sau Cùng,Nữ,01/01/1990,01/01/2020,CB01\n";
    assert_int_equal(import_text(&a, IO_MEMBERS, last, 0, "one.csv", false, true, &r), TCXD_OK);
    io_report_release(&r);
    close_db(&a);
    assert_int_equal(sql_long(a.path, "SELECT SUM(n) FROM member_count_open"),
                     sql_long(a.path, "SELECT COUNT(*) FROM member_stint WHERE kind = 0 AND "
                                      "valid_to = '9999-12-31'"));
    buf_release(&csv);
}

static void test_bulk_equals_per_row(void **state)
{
    bulk_vs_per_row(true);
    bulk_vs_per_row(false);
}

/* ---- checked outside the write lock ------------------------------------------------------ */

static int64_t count_of(const char *path, const char *sql)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(h);
    return n;
}

/* Another connection writes at once (no waiting: busy timeout 0). */
static void write_elsewhere(const char *path)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    sqlite3_busy_timeout(h, 0);
    assert_int_equal(sqlite3_exec(h,
                                  "BEGIN IMMEDIATE; UPDATE org SET name = name WHERE id = 1; "
                                  "COMMIT",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
}

/* issue 11: io_import_prepare checks every row without holding the write lock - another
   connection writes meanwhile, at once - and io_import_write holds it only to write; what
   changed in between (a national ID of the file registered, an organization created) stops the
   write with nothing written. */
static void test_prepare_outside_lock(void **state)
{
    (void)state;
    struct db db;
    open_db(&db, true);
    struct buf csv = BUF_INIT;
    make_members(&csv, 300);
    struct io_import_opts o;
    io_import_opts_init(&o);
    o.what = IO_MEMBERS;
    o.name = "roll.csv";
    struct tcxd_error e;
    tcxd_error_clear(&e);
    int64_t audits = count_of(db.path, "SELECT count(*) FROM audit");

    /* a good file: others write while it is checked; then all of it is written */
    struct io_report r;
    io_report_init(&r);
    struct io_import *x;
    assert_int_equal(io_import_prepare(db.st, &actor, csv.ptr, csv.len, &o, &r, &x, &e), TCXD_OK);
    assert_int_equal(r.written, 0);
    assert_int_equal(count_of(db.path, "SELECT count(*) FROM member"), 0);
    write_elsewhere(db.path);
    assert_int_equal(io_import_write(x, &e), TCXD_OK);
    io_import_free(x);
    assert_int_equal(r.written, 300);
    io_report_release(&r);
    assert_int_equal(count_of(db.path, "SELECT count(*) FROM member"), 300);
    assert_int_equal(count_of(db.path, "SELECT count(*) FROM audit"), audits + 1);

    /* someone registers a national ID of the file while it is checked: nothing is written */
    struct db d2;
    open_db(&d2, true);
    io_report_init(&r);
    assert_int_equal(io_import_prepare(d2.st, &actor, csv.ptr, csv.len, &o, &r, &x, &e), TCXD_OK);
    struct store *other;
    assert_int_equal(store_open(d2.path, 0, &other, &e), TCXD_OK);
    {
        /* row 6 of make_members (i = 5, line 7) has the ID 001000000005 */
        struct member_strings ms = {.full_name = "Đỗ Văn Trước",
                                    .gender = "nam",
                                    .birth_date = "1980-01-01",
                                    .national_id = "001000000005"};
        struct member_fields f;
        member_fields_init(&f);
        assert_int_equal(member_fields_parse(&ms, &f, &e), TCXD_OK);
        struct org_info cb;
        assert_int_equal(store_org_by_code(other, "CB01", D("2020-01-01"), &cb, &e), TCXD_OK);
        struct member_admit_req req = {.fields = &f,
                                       .org_id = cb.id,
                                       .decision_date = D("2020-01-01"),
                                       .ceremony_date = D("2020-01-10"),
                                       .decision_no = "QĐ 9"};
        int64_t id;
        assert_int_equal(store_member_admit(other, &actor, &req, &id, &e), TCXD_OK);
        member_fields_release(&f);
    }
    assert_int_equal(io_import_write(x, &e), TCXD_EINVAL);
    io_import_free(x);
    assert_int_equal(r.written, 0);
    assert_true(r.n >= 1);
    assert_int_equal(r.issues[0].line, 7);
    assert_string_equal(r.issues[0].field, "national_id");
    assert_non_null(strstr(r.issues[0].message, "already registered"));
    io_report_release(&r);
    assert_int_equal(count_of(d2.path, "SELECT count(*) FROM member"), 1);

    /* an organization created meanwhile: import again */
    io_report_init(&r);
    assert_int_equal(io_import_prepare(d2.st, &actor, csv.ptr, csv.len, &o, &r, &x, &e),
                     TCXD_EINVAL); /* the member of line 7 is in the database now */
    assert_int_equal(io_import_write(x, &e), TCXD_EINVAL);
    io_import_free(x);
    io_report_release(&r);
    struct buf csv2 = BUF_INIT;
    make_members(&csv2, 5); /* lines 2-6: without the ID of line 7 */
    io_report_init(&r);
    assert_int_equal(io_import_prepare(d2.st, &actor, csv2.ptr, csv2.len, &o, &r, &x, &e), TCXD_OK);
    add_org(other, "CB03", "Chi bộ 3", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, "P1",
            "2000-01-01");
    assert_int_equal(io_import_write(x, &e), TCXD_EINVAL);
    io_import_free(x);
    assert_int_equal(r.written, 0);
    assert_string_equal(r.issues[0].field, "org");
    io_report_release(&r);
    assert_int_equal(count_of(d2.path, "SELECT count(*) FROM member"), 1);
    /* and again: written */
    io_report_init(&r);
    assert_int_equal(io_import_prepare(d2.st, &actor, csv2.ptr, csv2.len, &o, &r, &x, &e), TCXD_OK);
    assert_int_equal(io_import_write(x, &e), TCXD_OK);
    io_import_free(x);
    io_report_release(&r);
    assert_int_equal(count_of(d2.path, "SELECT count(*) FROM member"), 6);
    store_close(other);
    buf_release(&csv);
    buf_release(&csv2);
    close_db(&db);
    close_db(&d2);
}

/* ---- round trips ------------------------------------------------------------------------ */

static void export_to(struct db *db, enum io_entity what, enum io_format f, bool ascii,
                      struct buf *out)
{
    struct org_info hn;
    struct tcxd_error e;
    tcxd_date asof = date_today();
    assert_int_equal(store_org_by_code(db->st, "HN", asof, &hn, &e), TCXD_OK);
    struct io_export_opts o = {what, f, hn.id, asof, ascii};
    buf_reset(out);
    size_t rows = 0;
    if (io_export(db->st, &o, out, &rows, &e))
        fail_msg("%s", e.msg);
}

static void reimport(struct db *fresh, enum io_entity what, const struct buf *data)
{
    struct io_report r;
    enum tcxd_err rc = import_text(fresh, what, data->ptr, data->len, "export", false, false, &r);
    for (size_t k = 0; k < r.n && k < 5; k++)
        fprintf(stderr, "  %ld %s: %s\n", r.issues[k].line, r.issues[k].column,
                r.issues[k].message);
    assert_int_equal(rc, TCXD_OK);
    io_report_release(&r);
}

/* ---- an import written in pieces (store_bulk.h "chunked") --------------------------------- */

/* A member admitted through another connection, as the API would, into CB01 (0: refused, the
   code in *rc). */
static int64_t admit_other(struct store *other, const char *name, const char *nid,
                           enum tcxd_err *rc)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    struct member_strings ms = {
        .full_name = name, .gender = "nam", .birth_date = "1980-01-01", .national_id = nid};
    struct member_fields f;
    member_fields_init(&f);
    assert_int_equal(member_fields_parse(&ms, &f, &e), TCXD_OK);
    struct org_info cb;
    assert_int_equal(store_org_by_code(other, "CB01", D("2020-01-01"), &cb, &e), TCXD_OK);
    struct member_admit_req req = {.fields = &f,
                                   .org_id = cb.id,
                                   .decision_date = D("2020-01-01"),
                                   .ceremony_date = D("2020-01-10"),
                                   .decision_no = "QĐ 9"};
    int64_t id = 0;
    *rc = store_member_admit(other, &actor, &req, &id, &e);
    member_fields_release(&f);
    return *rc ? 0 : id;
}

static void count_visible(void *ctx, int64_t member_id, int64_t org_id)
{
    (void)member_id;
    (void)org_id;
    (*(size_t *)ctx)++;
}

/* Members the store's readers see. */
static size_t visible(struct store *st)
{
    size_t n = 0;
    struct tcxd_error e;
    assert_int_equal(store_members_after(st, 0, count_visible, &n, &e), TCXD_OK);
    return n;
}

struct piece_watch {
    const char *path;
    struct store *other;
    size_t calls, last;
    int64_t admitted, lo;
    const char *conflict_nid; /* admitted at the first piece (a later row's ID) */
    enum tcxd_err hidden_rc;  /* admitting the ID of a row already written */
    enum tcxd_err second_rc;  /* a second import in pieces meanwhile */
    int kill_after;           /* pieces, then SIGKILL (0: never) */
};

static void on_piece(void *ctx, size_t written)
{
    struct piece_watch *w = ctx;
    w->calls++;
    assert_true(written > w->last);
    w->last = written;
    if (w->kill_after && (int)w->calls == w->kill_after)
        raise(SIGKILL);
    /* committed: another connection's raw count sees the rows and the marks ... */
    assert_int_equal(count_of(w->path, "SELECT count(*) FROM import_batch"), 1);
    assert_true(count_of(w->path, "SELECT count(*) FROM member") >= (int64_t)written + 1);
    struct tcxd_error e;
    if (!w->other) /* opening the store during the import leaves it alone (the lock is held) */
        assert_int_equal(store_open(w->path, 0, &w->other, &e), TCXD_OK);
    /* ... the store reads none of them, nor counts them */
    assert_int_equal(visible(w->other), w->admitted ? 1 : 0);
    assert_int_equal(count_of(w->path, "SELECT COALESCE(sum(n), 0) FROM member_count_open"),
                     w->admitted ? 1 : 0);
    w->lo = count_of(w->path, "SELECT member_lo FROM import_batch");
    struct member_info m;
    assert_int_not_equal(store_member_get(w->other, w->lo, &m, &e), TCXD_OK);
    if (w->kill_after) /* only the pieces */
        return;
    if (w->calls == 1) {
        /* another write goes between the pieces: the import holds no lock now */
        enum tcxd_err rc;
        w->admitted = admit_other(w->other, "Đỗ Văn Giữa", w->conflict_nid, &rc);
        assert_int_equal(rc, TCXD_OK);
        assert_true(w->admitted > count_of(w->path, "SELECT member_hi FROM import_batch"));
        assert_int_equal(visible(w->other), 1);
        /* a second import in pieces waits for this one */
        struct store_bulk *b2;
        struct store_bulk_opts bo = {.sole_writer = true, .chunk_rows = 5};
        w->second_rc = store_bulk_begin_opts(w->other, &bo, &b2, &e);
        if (!w->second_rc)
            store_bulk_abort(b2);
    } else if (w->calls == 2) {
        /* the ID of a row already written (row 2, i = 1) is refused: being imported */
        admit_other(w->other, "Đỗ Văn Trùng", "001000000001", &w->hidden_rc);
    }
}

static void chunked_opts(struct io_import_opts *o, struct piece_watch *w)
{
    io_import_opts_init(o);
    o->what = IO_MEMBERS;
    o->name = "roll.csv";
    o->chunk_rows = 7;
    o->chunk_done = on_piece;
    o->chunk_ctx = w;
}

static void test_chunked(void **state)
{
    (void)state;
    struct buf csv = BUF_INIT, m1 = BUF_INIT, m2 = BUF_INIT;
    make_members(&csv, 60);
    struct tcxd_error e;
    tcxd_error_clear(&e);

    /* the same members as in one transaction, with other writes between the pieces */
    struct db a, b;
    open_db(&a, true);
    open_db(&b, true);
    struct piece_watch w = {.path = a.path};
    struct io_import_opts o;
    chunked_opts(&o, &w);
    struct io_report r;
    io_report_init(&r);
    int64_t audits = count_of(a.path, "SELECT count(*) FROM audit");
    assert_int_equal(io_import_buffer(a.st, &actor, csv.ptr, csv.len, &o, &r, &e), TCXD_OK);
    assert_int_equal(r.written, 60);
    io_report_release(&r);
    assert_int_equal(w.calls, 9); /* 8 pieces of 7, the last of 4 */
    assert_int_equal(w.second_rc, TCXD_EBUSY);
    assert_int_equal(w.hidden_rc, TCXD_ECONFLICT);
    assert_int_equal(visible(a.st), 61);
    assert_int_equal(count_of(a.path, "SELECT count(*) FROM member"), 61); /* no mark left */
    assert_int_equal(count_of(a.path, "SELECT count(*) FROM import_batch"), 0);
    /* the admission's audit record, then the import's one */
    assert_int_equal(count_of(a.path, "SELECT count(*) FROM audit"), audits + 2);
    /* the counts the triggers keep equal the registrations, counted afresh */
    assert_int_equal(count_of(a.path, "SELECT sum(n) FROM member_count_open"),
                     count_of(a.path, "SELECT count(*) FROM member_stint WHERE kind = 0 AND "
                                      "valid_to = '9999-12-31'"));
    /* the import's members kept the ids reserved for them, in file order */
    assert_int_equal(count_of(a.path, "SELECT min(id) FROM member WHERE full_name != 'Đỗ Văn "
                                      "Giữa'"),
                     w.lo);
    assert_int_equal(count_of(a.path, "SELECT max(id) - min(id) FROM member WHERE full_name != "
                                      "'Đỗ Văn Giữa'"),
                     59);
    reimport(&b, IO_MEMBERS, &csv);
    enum tcxd_err rc;
    admit_other(b.st, "Đỗ Văn Giữa", NULL, &rc);
    assert_int_equal(rc, TCXD_OK);
    export_to(&a, IO_MEMBERS, IO_FORMAT_CSV, false, &m1);
    export_to(&b, IO_MEMBERS, IO_FORMAT_CSV, false, &m2);
    /* the rolls list the same members (the ids of the two admissions differ) */
    assert_int_equal(m1.len, m2.len);
    store_close(w.other);
    close_db(&a);
    close_db(&b);

    /* a later piece fails (its national ID was registered between two pieces): nothing of the
       import is left, the other write is */
    struct db c;
    open_db(&c, true);
    struct piece_watch w2 = {.path = c.path, .conflict_nid = "001000000039"}; /* row 40 */
    chunked_opts(&o, &w2);
    io_report_init(&r);
    assert_int_not_equal(io_import_buffer(c.st, &actor, csv.ptr, csv.len, &o, &r, &e), TCXD_OK);
    assert_int_equal(r.written, 0);
    assert_true(r.n >= 1);
    assert_string_equal(r.issues[0].field, "national_id");
    io_report_release(&r);
    assert_int_equal(count_of(c.path, "SELECT count(*) FROM member"), 1);
    assert_int_equal(count_of(c.path, "SELECT count(*) FROM member_event"), 1);
    assert_int_equal(count_of(c.path, "SELECT count(*) FROM import_batch"), 0);
    assert_int_equal(count_of(c.path, "SELECT sum(n) FROM member_count_open"), 1);
    store_close(w2.other);
    close_db(&c);

    /* the process is killed after three pieces: its rows stay unseen, and the next open for
       writing removes them; the database is then as it was before */
    struct db d;
    open_db(&d, true);
    struct buf before = BUF_INIT, after = BUF_INIT;
    db_fingerprint(d.path, &before);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct store *own;
        struct piece_watch w3 = {.path = d.path, .kill_after = 3};
        if (store_open(d.path, 0, &own, &e))
            _exit(2);
        chunked_opts(&o, &w3);
        io_report_init(&r);
        (void)!io_import_buffer(own, &actor, csv.ptr, csv.len, &o, &r, &e);
        _exit(3); /* not reached */
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    assert_int_equal(count_of(d.path, "SELECT count(*) FROM import_batch"), 1);
    assert_true(count_of(d.path, "SELECT count(*) FROM member") >= 21);
    assert_int_equal(visible(d.st), 0); /* a store opened before the crash sees nothing */
    struct store *next;
    assert_int_equal(store_open(d.path, 0, &next, &e), TCXD_OK);
    store_close(next);
    db_fingerprint(d.path, &after);
    assert_string_equal(before.ptr, after.ptr);
    /* and an import in pieces can run again */
    struct piece_watch w4 = {.path = d.path};
    chunked_opts(&o, &w4);
    io_report_init(&r);
    assert_int_equal(io_import_buffer(d.st, &actor, csv.ptr, csv.len, &o, &r, &e), TCXD_OK);
    assert_int_equal(r.written, 60);
    io_report_release(&r);
    store_close(w4.other);
    close_db(&d);
    buf_release(&before);
    buf_release(&after);
    buf_release(&csv);
    buf_release(&m1);
    buf_release(&m2);
}

/* Values a spreadsheet would run as formulas leave the export with an apostrophe before them
   (OWASP CSV injection) and come back without it: the round trip is exact, for a value with an
   apostrophe of its own too ("''=Quê" in a file is "'=Quê", as a spreadsheet reads it). */
static void test_roundtrip_formula(void **state)
{
    struct db a, b;
    open_db(&a, true);
    open_db(&b, true);
    struct buf csv = BUF_INIT, m1 = BUF_INIT;
    buf_adds(&csv, vn_header);
    buf_adds(&csv, "1,Nguyễn Văn An,Nam,01/01/1980,Kinh,Không,=1+2,,12/12,@Kỹ sư,,01/01/2010,"
                   "01/02/2010,,,CB01,-QĐ 1\r\n"
                   "2,Trần Thị Bình,Nữ,02/02/1981,Kinh,Không,''=Quê,,12/12,'Kỹ sư,,01/01/2011,"
                   "01/02/2011,,,CB01,+84\r\n");
    reimport(&a, IO_MEMBERS, &csv);
    assert_int_equal(count_of(a.path, "SELECT count(*) FROM member WHERE hometown IN ('=1+2', "
                                      "'''=Quê') AND professional_level IN ('@Kỹ sư', '''Kỹ sư')"),
                     2);
    export_to(&a, IO_MEMBERS, IO_FORMAT_CSV, false, &m1);
    /* guarded on the way out, spelled as the spreadsheet sees it */
    assert_non_null(strstr(m1.ptr, ",\"'=1+2\","));
    assert_non_null(strstr(m1.ptr, ",\"'@Kỹ sư\","));
    assert_non_null(strstr(m1.ptr, ",\"''=Quê\","));
    assert_non_null(strstr(m1.ptr, ",'Kỹ sư,"));
    assert_null(strstr(m1.ptr, ",=1+2"));
    reimport(&b, IO_MEMBERS, &m1);
    assert_int_equal(count_of(b.path, "SELECT count(*) FROM member WHERE hometown = '=1+2' AND "
                                      "professional_level = '@Kỹ sư'"),
                     1);
    assert_int_equal(count_of(b.path, "SELECT count(*) FROM member WHERE hometown = '''=Quê' AND "
                                      "professional_level = '''Kỹ sư'"),
                     1);
    assert_int_equal(count_of(b.path, "SELECT count(*) FROM member_event WHERE decision_no IN "
                                      "('-QĐ 1', '+84')"),
                     2);
    buf_release(&csv);
    buf_release(&m1);
    close_db(&a);
    close_db(&b);
}

static void test_roundtrip_csv(void **state)
{
    struct db a, b;
    open_db(&a, true);
    open_db(&b, false);
    struct buf csv = BUF_INIT, orgs = BUF_INIT, m1 = BUF_INIT, m2 = BUF_INIT, o2 = BUF_INIT;
    make_members(&csv, 60);
    reimport(&a, IO_MEMBERS, &csv);
    for (int ascii = 0; ascii < 2; ascii++) {
        if (ascii) {
            close_db(&b);
            open_db(&b, false);
        }
        export_to(&a, IO_ORGS, IO_FORMAT_CSV, ascii, &orgs);
        export_to(&a, IO_MEMBERS, IO_FORMAT_CSV, ascii, &m1);
        assert_memory_equal(m1.ptr, "\xEF\xBB\xBF", 3);
        reimport(&b, IO_ORGS, &orgs);
        reimport(&b, IO_MEMBERS, &m1);
        export_to(&b, IO_ORGS, IO_FORMAT_CSV, ascii, &o2);
        export_to(&b, IO_MEMBERS, IO_FORMAT_CSV, ascii, &m2);
        assert_int_equal(orgs.len, o2.len);
        assert_memory_equal(orgs.ptr, o2.ptr, orgs.len);
        assert_int_equal(m1.len, m2.len);
        assert_memory_equal(m1.ptr, m2.ptr, m1.len);
        /* 60 members and a header, each line ending in CRLF (the quoted hometowns hold none) */
        size_t lines = 0;
        for (size_t i = 0; i + 1 < m1.len; i++)
            lines += m1.ptr[i] == '\r' && m1.ptr[i + 1] == '\n';
        assert_int_equal(lines, 61);
    }
    buf_release(&csv);
    buf_release(&orgs);
    buf_release(&o2);
    buf_release(&m1);
    buf_release(&m2);
    close_db(&a);
    close_db(&b);
}

/* Members who moved, recorded the usual way (admission, recognition, official transfer) in the
   source: the export names the chi bộ of the admission and the arrival date; the file loads into
   a database that has only the organizations, by either path, and exports the same bytes; the
   counts on every side of the moves match the source's. */
static void admit(struct db *db, const char *name, const char *org, const char *decision,
                  const char *ceremony, const char *official, const char *to, const char *on,
                  int64_t *id)
{
    struct tcxd_error e;
    struct member_strings ms = {.full_name = name, .gender = "nam", .birth_date = "1980-01-01"};
    struct member_fields f;
    member_fields_init(&f);
    assert_int_equal(member_fields_parse(&ms, &f, &e), TCXD_OK);
    struct org_info o;
    assert_int_equal(store_org_by_code(db->st, org, D(ceremony), &o, &e), TCXD_OK);
    struct member_admit_req req = {&f, o.id, D(decision), D(ceremony), "QĐ-KN", NULL};
    if (store_member_admit(db->st, &actor, &req, id, &e))
        fail_msg("%s: %s", name, e.msg);
    member_fields_release(&f);
    if (official) {
        struct member_event ev = {.kind = MEV_OFFICIAL,
                                  .date = DATE_NONE,
                                  .decision_date = D(official),
                                  .until = DATE_NONE};
        if (store_member_event(db->st, &actor, *id, &ev, "QĐ-CT", "", &e))
            fail_msg("%s: %s", name, e.msg);
    }
    if (to) {
        struct org_info t;
        assert_int_equal(store_org_by_code(db->st, to, D(on), &t, &e), TCXD_OK);
        struct member_event ev = {.kind = MEV_TRANSFER,
                                  .date = D(on),
                                  .decision_date = D(on),
                                  .org_id = t.id,
                                  .form = TRANSFER_OFFICIAL,
                                  .until = DATE_NONE};
        if (store_member_event(db->st, &actor, *id, &ev, "QĐ-CS", "", &e))
            fail_msg("%s: %s", name, e.msg);
    }
}

static void test_roundtrip_moved(void **state)
{
    struct db a;
    open_db(&a, true);
    int64_t id;
    /* admitted in CB01 in 2010, official 2011, moved to CBNEW (created 2015) on 1/2/2016 */
    admit(&a, "Trần Văn Chuyển", "CB01", "2010-03-01", "2010-03-10", "2011-03-15", "CBNEW",
          "2016-02-01", &id);
    /* admitted in CB02 in 2014, moved to CBNEW on 1/6/2015 while probationary, official after */
    admit(&a, "Lê Văn Đến", "CB02", "2014-08-01", "2014-08-01", NULL, "CBNEW", "2015-06-01", &id);
    struct tcxd_error e;
    struct member_event ev = {.kind = MEV_OFFICIAL,
                              .date = DATE_NONE,
                              .decision_date = D("2015-08-10"),
                              .until = DATE_NONE};
    assert_int_equal(store_member_event(a.st, &actor, id, &ev, "QĐ-CT", "", &e), TCXD_OK);
    /* moved from one old chi bộ to another: admitted elsewhere, so the columns are filled too */
    admit(&a, "Phạm Văn Sang", "CB01", "2012-01-05", "2012-01-05", "2013-01-10", "CB02",
          "2014-03-01", &id);
    /* never moved */
    admit(&a, "Nguyễn Văn Ở", "CB01", "2009-05-05", "2009-05-05", "2010-05-06", NULL, NULL, &id);

    struct buf orgs = BUF_INIT, m1 = BUF_INIT, m2 = BUF_INIT;
    export_to(&a, IO_ORGS, IO_FORMAT_CSV, false, &orgs);
    export_to(&a, IO_MEMBERS, IO_FORMAT_CSV, false, &m1);
    /* the moved ones name their chi bộ of admission and the arrival date, the other none */
    assert_non_null(strstr(m1.ptr, ",CBNEW,QĐ-KN,QĐ-CT,CB01,01/02/2016" TAIL_CS "\r\n"));
    assert_non_null(strstr(m1.ptr, ",CBNEW,QĐ-KN,QĐ-CT,CB02,01/06/2015" TAIL_CS "\r\n"));
    assert_non_null(strstr(m1.ptr, ",CB02,QĐ-KN,QĐ-CT,CB01,01/03/2014" TAIL_CS "\r\n"));
    assert_non_null(strstr(m1.ptr, ",CB01,QĐ-KN,QĐ-CT,," TAIL "\r\n"));
    assert_non_null(strstr(m1.ptr, "Chi bộ khi kết nạp,Ngày chuyển đến,Nơi kết nạp,"));
    static const char *const days[] = {"2012-12-31", "2014-01-15", "2014-12-31",
                                       "2015-05-15", "2015-07-01", "2015-08-15",
                                       "2016-01-31", "2016-02-01", "2021-06-30"};
    struct buf ca = BUF_INIT, cb = BUF_INIT;
    for (int per_row = 0; per_row < 2; per_row++) {
        struct db b;
        open_db(&b, false);
        reimport(&b, IO_ORGS, &orgs);
        struct io_report r;
        enum tcxd_err rc =
            import_text(&b, IO_MEMBERS, m1.ptr, m1.len, "moved.csv", false, per_row, &r);
        for (size_t k = 0; k < r.n && k < 5; k++)
            fprintf(stderr, "  %ld %s: %s\n", r.issues[k].line, r.issues[k].column,
                    r.issues[k].message);
        assert_int_equal(rc, TCXD_OK);
        assert_int_equal(r.written, 4);
        io_report_release(&r);
        export_to(&b, IO_MEMBERS, IO_FORMAT_CSV, false, &m2);
        assert_int_equal(m1.len, m2.len);
        assert_memory_equal(m1.ptr, m2.ptr, m1.len);
        for (size_t i = 0; i < ARRAY_SIZE(days); i++) {
            counts_on(a.st, days[i], &ca);
            counts_on(b.st, days[i], &cb);
            if (strcmp(ca.ptr, cb.ptr))
                fail_msg("counts on %s differ:\nsource:\n%simported:\n%s", days[i], ca.ptr, cb.ptr);
        }
        close_db(&b);
    }
    /* and the counts are where the moves put them, counted here without the store */
    counts_on(a.st, "2014-01-15", &ca);
    assert_string_equal(ca.ptr, "CB01:official:3\n");
    counts_on(a.st, "2015-05-15", &ca);
    assert_string_equal(ca.ptr, "CB01:official:2\nCB02:official:1\nCB02:probationary:1\n");
    counts_on(a.st, "2015-07-01", &ca);
    assert_string_equal(ca.ptr, "CB01:official:2\nCB02:official:1\nCBNEW:probationary:1\n");
    counts_on(a.st, "2016-02-01", &ca);
    assert_string_equal(ca.ptr, "CB01:official:1\nCB02:official:1\nCBNEW:official:2\n");
    buf_release(&ca);
    buf_release(&cb);
    buf_release(&orgs);
    buf_release(&m1);
    buf_release(&m2);
    close_db(&a);
}

/* A member whose chi bộ of admission merged into another since: that chi bộ is not among the
   organizations exported on the date, so the member is written as admitted outside the file, at
   that chi bộ (its name), and arriving in the chi bộ of the date with the merge; the file loads
   and exports the same, and counts the member in the chi bộ of the date only from the merge.
   One who had moved to a chi bộ created after the admission is written the same way, arriving
   on the move's day. */
static void test_roundtrip_merged_away(void **state)
{
    struct db a;
    open_db(&a, true);
    int64_t old = add_org(a.st, "CBOLD", "Chi bộ cũ", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO,
                          ORG_BASE_NONE, "P1", "1991-01-01");
    int64_t id;
    admit(&a, "Vũ Văn Nhập", "CBOLD", "2000-04-01", "2000-04-01", "2001-04-05", NULL, NULL, &id);
    struct org_info cb02;
    struct tcxd_error e;
    assert_int_equal(store_org_by_code(a.st, "CB02", D("2018-01-01"), &cb02, &e), TCXD_OK);
    if (store_org_merge(a.st, &actor, old, cb02.id, D("2018-01-01"), "QĐ-SN", &e))
        fail_msg("%s", e.msg);
    struct buf orgs = BUF_INIT, m1 = BUF_INIT, m2 = BUF_INIT;
    export_to(&a, IO_ORGS, IO_FORMAT_CSV, false, &orgs);
    export_to(&a, IO_MEMBERS, IO_FORMAT_CSV, false, &m1);
    assert_null(strstr(orgs.ptr, "CBOLD"));
    assert_null(strstr(m1.ptr, "CBOLD"));
    assert_non_null(strstr(m1.ptr, "Vũ Văn Nhập,"));
    assert_non_null(
        strstr(m1.ptr, ",CB02,QĐ-KN,QĐ-CT,,01/01/2018,Chi bộ cũ,,,,QĐ-SN" PROFILE_EMPTY ",\r\n"));
    struct db b;
    open_db(&b, false);
    reimport(&b, IO_ORGS, &orgs);
    reimport(&b, IO_MEMBERS, &m1);
    export_to(&b, IO_MEMBERS, IO_FORMAT_CSV, false, &m2);
    assert_int_equal(m1.len, m2.len);
    assert_memory_equal(m1.ptr, m2.ptr, m1.len);
    close_db(&b);

    /* admitted in CB01, moved to CBNEW: CB01 merges away after */
    admit(&a, "Hồ Văn Sang", "CB01", "2001-04-01", "2001-04-01", "2002-04-05", "CBNEW",
          "2016-01-01", &id);
    struct org_info cb01;
    assert_int_equal(store_org_by_code(a.st, "CB01", D("2019-01-01"), &cb01, &e), TCXD_OK);
    if (store_org_merge(a.st, &actor, cb01.id, cb02.id, D("2019-01-01"), "QĐ-SN", &e))
        fail_msg("%s", e.msg);
    export_to(&a, IO_ORGS, IO_FORMAT_CSV, false, &orgs);
    export_to(&a, IO_MEMBERS, IO_FORMAT_CSV, false, &m1);
    assert_non_null(
        strstr(m1.ptr, ",CBNEW,QĐ-KN,QĐ-CT,,01/01/2016,Chi bộ 1,,,,QĐ-CS" PROFILE_EMPTY ",\r\n"));
    open_db(&b, false);
    reimport(&b, IO_ORGS, &orgs);
    struct io_report r;
    /* its chi bộ of admission is gone from the file: admitted outside, at "Chi bộ 1", registered
       in CBNEW from the move's own day */
    assert_int_equal(import_text(&b, IO_MEMBERS, m1.ptr, m1.len, "m.csv", false, false, &r),
                     TCXD_OK);
    assert_int_equal(r.nwarn, 0);
    io_report_release(&r);
    export_to(&b, IO_MEMBERS, IO_FORMAT_CSV, false, &m2);
    assert_int_equal(m1.len, m2.len);
    assert_memory_equal(m1.ptr, m2.ptr, m1.len);
    close_db(&b);
    assert_int_equal(sql_long(b.path, "SELECT COUNT(*) FROM member_event e JOIN member m ON m.id "
                                      "= e.member_id WHERE m.full_name = 'Hồ Văn Sang' AND "
                                      "e.kind = 2 AND e.date = '2016-01-01' AND e.org_id = "
                                      "(SELECT id FROM org WHERE code = 'CBNEW')"),
                     1);
    assert_int_equal(sql_long(b.path, "SELECT COUNT(*) FROM member_event e JOIN member m ON m.id "
                                      "= e.member_id WHERE m.full_name = 'Hồ Văn Sang' AND "
                                      "e.kind = 0 AND e.org_id IS NULL AND e.detail = 'Chi bộ 1'"),
                     1);
    open_db_at(&b);
    buf_release(&orgs);
    buf_release(&m1);
    buf_release(&m2);
    close_db(&a);
    close_db(&b);
}

/* The two columns of a move: each way to get them wrong. */
static void test_moved_errors(void **state)
{
    struct db db;
    open_db(&db, true);
    struct buf before = BUF_INIT, after = BUF_INIT;
    db_fingerprint(db.path, &before);
    const char *csv =
        "Họ và tên,Giới tính,Ngày sinh,Ngày quyết định kết nạp,Ngày chính thức,Chi bộ,"
        "Chi bộ khi kết nạp,Ngày chuyển đến\n"
        "Một,Nam,01/01/1980,01/01/2010,,CBNEW,CB01,01/06/2016\n" /* 2: good */
        "Hai,Nam,01/01/1980,01/01/2010,,CBNEW,CB01,\n"           /* 3: no arrival date */
        "Ba,Nam,01/01/1980,01/01/2010,,CB01,,01/06/2016\n" /* 4: arrival, no admission chi bộ */
        "Bốn,Nam,01/01/1980,01/01/2010,,CB01,CB01,01/06/2016\n"   /* 5: admitted in the same */
        "Năm,Nam,01/01/1980,01/01/2010,,CBNEW,CB01,01/06/2014\n"  /* 6: CBNEW not yet there */
        "Sáu,Nam,01/01/1980,01/01/2010,,CB01,CBNEW,01/06/2016\n"  /* 7: CBNEW not there in 2010 */
        "Bảy,Nam,01/01/1980,01/01/2010,,CB01,CB99,01/06/2016\n"   /* 8: unknown */
        "Tám,Nam,01/01/1980,01/01/2010,,CB01,P1,01/06/2016\n"     /* 9: not a chi bộ */
        "Chín,Nam,01/01/1980,01/01/2010,,CB02,CB01,01/06/2009\n"  /* 10: before the admission */
        "Mười,Nam,01/01/1980,01/01/2010,,CBNEW,CB01,01/06/2030\n" /* 11: in the future */
        "Mười Một,Nam,01/01/1980,01/01/2010,,CB02,CB01,31/02/2016\n"; /* 12: no such day */
    struct io_report r;
    assert_int_equal(import_text(&db, IO_MEMBERS, csv, 0, "m.csv", false, false, &r), TCXD_EINVAL);
    assert_null(find_issue(&r, 2, "Ngày chuyển đến"));
    assert_null(find_issue(&r, 2, "Chi bộ"));
    expect_issue(&r, 3, "Ngày chuyển đến", "arrival_date", "required");
    expect_issue(&r, 4, "Ngày chuyển đến", "arrival_date", "Chi bộ khi kết nạp");
    expect_issue(&r, 5, "Ngày chuyển đến", "arrival_date", "another");
    expect_issue(&r, 6, "Chi bộ", "org", "did not exist yet on the transfer date");
    expect_issue(&r, 7, "Chi bộ khi kết nạp", "admission_org",
                 "did not exist yet on the admission date");
    expect_issue(&r, 8, "Chi bộ khi kết nạp", "admission_org", "unknown chi bộ 'CB99'");
    expect_issue(&r, 9, "Chi bộ khi kết nạp", "admission_org", "not a chi bộ");
    expect_issue(&r, 10, "Ngày chuyển đến", "arrival_date", NULL);
    expect_issue(&r, 11, "Ngày chuyển đến", "arrival_date", "future");
    expect_issue(&r, 12, "Ngày chuyển đến", "arrival_date", "invalid date");
    assert_int_equal(r.bad_rows, 10);
    io_report_release(&r);
    db_fingerprint(db.path, &after);
    assert_string_equal(before.ptr, after.ptr);
    buf_release(&before);
    buf_release(&after);
    close_db(&db);
}

struct cells {
    struct buf text; /* "row:col=value\n" for every non-empty cell */
};

static int cells_collect(void *ctx, const struct io_table_info *info, const struct io_row *row)
{
    struct cells *c = ctx;
    for (size_t i = 0; i < row->n; i++)
        if (row->cells[i].len)
            buf_addf(&c->text, "%ld:%zu=%s%s\n", row->line, i, row->cells[i].number ? "#" : "",
                     row->cells[i].ptr);
    return 0;
}

static void xlsx_cells(const struct buf *data, struct buf *out)
{
    struct cells c = {BUF_INIT};
    struct tcxd_error e;
    assert_int_equal(io_xlsx_read(data->ptr, data->len, cells_collect, &c, NULL, NULL, &e),
                     TCXD_OK);
    buf_reset(out);
    buf_add(out, c.text.ptr, c.text.len);
    buf_release(&c.text);
}

static void test_roundtrip_xlsx(void **state)
{
    struct db a, b;
    open_db(&a, true);
    open_db(&b, false);
    struct buf csv = BUF_INIT, orgs = BUF_INIT, m1 = BUF_INIT, m2 = BUF_INIT, o2 = BUF_INIT;
    struct buf c1 = BUF_INIT, c2 = BUF_INIT;
    make_members(&csv, 60);
    reimport(&a, IO_MEMBERS, &csv);
    export_to(&a, IO_ORGS, IO_FORMAT_XLSX, false, &orgs);
    export_to(&a, IO_MEMBERS, IO_FORMAT_XLSX, false, &m1);
    assert_memory_equal(m1.ptr, "PK\3\4", 4);
    reimport(&b, IO_ORGS, &orgs);
    reimport(&b, IO_MEMBERS, &m1);
    export_to(&b, IO_ORGS, IO_FORMAT_XLSX, false, &o2);
    export_to(&b, IO_MEMBERS, IO_FORMAT_XLSX, false, &m2);
    xlsx_cells(&orgs, &c1);
    xlsx_cells(&o2, &c2);
    assert_string_equal(c1.ptr, c2.ptr);
    xlsx_cells(&m1, &c1);
    xlsx_cells(&m2, &c2);
    assert_string_equal(c1.ptr, c2.ptr);
    /* and the XLSX says what the CSV export says */
    struct buf mcsv = BUF_INIT;
    export_to(&b, IO_MEMBERS, IO_FORMAT_CSV, false, &mcsv);
    struct db c;
    open_db(&c, false);
    reimport(&c, IO_ORGS, &orgs);
    reimport(&c, IO_MEMBERS, &mcsv);
    struct buf m3 = BUF_INIT;
    export_to(&c, IO_MEMBERS, IO_FORMAT_XLSX, false, &m3);
    xlsx_cells(&m3, &c2);
    assert_string_equal(c1.ptr, c2.ptr);
    /* dates are date cells: the birth date column holds numbers */
    assert_non_null(strstr(c1.ptr, ":2=#"));
    buf_release(&m3);
    buf_release(&mcsv);
    close_db(&c);
    buf_release(&csv);
    buf_release(&orgs);
    buf_release(&o2);
    buf_release(&m1);
    buf_release(&m2);
    buf_release(&c1);
    buf_release(&c2);
    close_db(&a);
    close_db(&b);
}

/* ---- organizations ---------------------------------------------------------------------- */

static void test_orgs_import(void **state)
{
    struct db db;
    open_db(&db, true);
    struct io_report r;
    /* children listed before their parents, kind written three ways, parent in the database */
    const char *good = "Mã,Tên,Loại tổ chức,Cấp trên,Loại hình,Ngày thành lập,Số quyết định\n"
                       "CB9,Chi bộ 9,Chi bộ trực thuộc,P9,,01/01/2001,\n"
                       "P9,Đảng bộ phường Điện Biên,dang_bo_co_so,Q9,phuong,01/01/2000,QĐ 9\n"
                       "Q9,Quận ủy Hoàn Kiếm,cấp trên cơ sở,HN,,1961-01-01,\n";
    assert_int_equal(import_text(&db, IO_ORGS, good, 0, "o.csv", false, false, &r), TCXD_OK);
    assert_int_equal(r.written, 3);
    io_report_release(&r);
    struct org_info o;
    struct tcxd_error e;
    tcxd_date d;
    assert_int_equal(date_parse("2001-01-01", &d, "d", &e), TCXD_OK);
    assert_int_equal(store_org_by_code(db.st, "CB9", d, &o, &e), TCXD_OK);
    assert_int_equal(o.tier, ORG_TIER_BELOW_BASE);
    assert_int_equal(o.form, ORG_FORM_CHI_BO);
    struct org_info p;
    assert_int_equal(store_org_by_code(db.st, "P9", d, &p, &e), TCXD_OK);
    assert_int_equal(o.parent_id, p.id);
    assert_int_equal(p.base_type, ORG_BASE_PHUONG);

    struct buf before = BUF_INIT, after = BUF_INIT;
    db_fingerprint(db.path, &before);
    const char *bad = "code,name,tier,form,parent,base_type,date\n"
                      "X1,Loop 1,below_base,dang_bo,X2,,01/01/2000\n"           /* 2: cycle */
                      "X2,Loop 2,below_base,dang_bo,X1,,01/01/2000\n"           /* 3: cycle */
                      "X3,Orphan,below_base,chi_bo,NOPE,,01/01/2000\n"          /* 4 */
                      "X4,Chi bộ under city,below_base,chi_bo,HN,,01/01/2000\n" /* 5 */
                      "CB01,Taken,below_base,chi_bo,P1,,01/01/2000\n"           /* 6 */
                      "X5,Dup,below_base,chi_bo,P1,,01/01/2000\n"               /* 7 */
                      "X5,Dup again,below_base,chi_bo,P1,,01/01/2000\n"         /* 8 */
                      "X6,Early child,below_base,chi_bo,X7,,01/01/1999\n"       /* 9 */
                      "X7,Late parent,below_base,dang_bo,P1,,01/01/2005\n"      /* 10 */
                      "X8,No type,base,dang_bo,Q1,,01/01/2000\n"                /* 11 */
                      "X9,Before P1,below_base,chi_bo,P1,,01/01/1970\n"         /* 12 */
                      "bad code!,Name,below_base,chi_bo,P1,,01/01/2000\n"       /* 13 */
                      "X10,Future,below_base,chi_bo,P1,,01/01/2030\n";          /* 14 */
    assert_int_equal(import_text(&db, IO_ORGS, bad, 0, "bad.csv", false, false, &r), TCXD_EINVAL);
    expect_issue(&r, 2, "parent", "parent", "own ancestor");
    expect_issue(&r, 3, "parent", "parent", "own ancestor");
    expect_issue(&r, 4, "parent", "parent", "unknown parent organization 'NOPE'");
    expect_issue(&r, 5, "parent", "parent", "HN");
    expect_issue(&r, 6, "code", "code", "already used");
    expect_issue(&r, 8, "code", "code", "also on line 7");
    expect_issue(&r, 9, "date", "date", "before its parent 'X7'");
    expect_issue(&r, 11, "base_type", "base_type", NULL);
    expect_issue(&r, 12, "parent", "parent", "did not exist yet");
    expect_issue(&r, 13, "code", "code", "bad code!");
    expect_issue(&r, 14, "date", "date", "future");
    assert_null(find_issue(&r, 7, "code"));
    assert_null(find_issue(&r, 10, "parent"));
    io_report_release(&r);
    db_fingerprint(db.path, &after);
    assert_string_equal(before.ptr, after.ptr);
    buf_release(&before);
    buf_release(&after);
    close_db(&db);
}

/* The commendations of organizations (khen thưởng tổ chức đảng) in the organization file: read
   from the "Khen thưởng" cell (one a line), refused with the cell's line when wrong (nothing
   written), exported in both spellings and read back the same. */
static void commend_dump(void *ctx, const struct org_commendation *c)
{
    char d[DATE_ISO_LEN];
    date_format_iso(c->date, d);
    buf_addf(ctx, "%s %d %s [%s]\n", d, (int)c->form, c->decision_no, c->detail);
}

static void commendations_of(struct db *db, const char *code, struct buf *out)
{
    struct org_info o;
    struct tcxd_error e;
    buf_reset(out);
    assert_int_equal(store_org_by_code(db->st, code, date_today(), &o, &e), TCXD_OK);
    assert_int_equal(store_org_commendations(db->st, o.id, commend_dump, out, &e), TCXD_OK);
}

static void test_org_commendations(void **state)
{
    struct db a;
    open_db(&a, true);
    struct io_report r;
    const char *good = "Mã,Tên,Loại tổ chức,Cấp trên,Loại hình,Ngày thành lập,Khen thưởng\n"
                       "P8,Đảng bộ phường Tám,dang_bo_co_so,Q1,phuong,01/01/2000,\"19/05/2015 | "
                       "Cờ | 12-QĐ/TU | Trong sạch \\| vững mạnh\n02/09/2020 | giay_khen\"\n";
    enum tcxd_err rc = import_text(&a, IO_ORGS, good, 0, "o.csv", false, false, &r);
    for (size_t k = 0; k < r.n; k++)
        fprintf(stderr, "  %ld %s: %s\n", r.issues[k].line, r.issues[k].column,
                r.issues[k].message);
    assert_int_equal(rc, TCXD_OK);
    assert_int_equal(r.written, 1);
    io_report_release(&r);
    struct buf got = BUF_INIT, again = BUF_INIT, file = BUF_INIT, orgs = BUF_INIT;
    commendations_of(&a, "P8", &got);
    char want[256];
    snprintf(want, sizeof(want),
             "2015-05-19 %d 12-QĐ/TU [Trong sạch | vững mạnh]\n2020-09-02 %d  []\n",
             (int)COMMEND_CO, (int)COMMEND_GIAY_KHEN);
    assert_string_equal(got.ptr, want);

    /* before the organization existed, an unknown form: each named by its line, nothing written */
    struct buf before = BUF_INIT, after = BUF_INIT;
    db_fingerprint(a.path, &before);
    const char *bad = "Mã,Tên,Loại tổ chức,Cấp trên,Loại hình,Ngày thành lập,Khen thưởng\n"
                      "P7,Đảng bộ phường Bảy,dang_bo_co_so,Q1,phuong,01/01/2000,01/01/1999 | Cờ\n"
                      "P6,Đảng bộ phường Sáu,dang_bo_co_so,Q1,phuong,01/01/2000,\"01/01/2010 | "
                      "Cờ\n01/01/2011 | huân chương\"\n";
    assert_int_equal(import_text(&a, IO_ORGS, bad, 0, "bad.csv", false, false, &r), TCXD_EINVAL);
    expect_issue(&r, 2, "Khen thưởng", "date", "before the organization was created");
    expect_issue(&r, 3, "Khen thưởng", "form", "commendation 2");
    assert_int_equal(r.n, 2);
    io_report_release(&r);
    db_fingerprint(a.path, &after);
    assert_string_equal(before.ptr, after.ptr);

    /* exported in both spellings, read back the same */
    export_to(&a, IO_ORGS, IO_FORMAT_CSV, false, &file);
    assert_non_null(strstr(file.ptr, ",\"19/05/2015 | Cờ | 12-QĐ/TU | Trong sạch \\| vững mạnh\n"
                                     "02/09/2020 | Giấy khen\""));
    for (int ascii = 0; ascii < 2; ascii++) {
        export_to(&a, IO_ORGS, IO_FORMAT_CSV, ascii, &file);
        if (ascii)
            assert_non_null(strstr(file.ptr, "2015-05-19 | co | 12-QĐ/TU"));
        struct db b;
        open_db(&b, false);
        reimport(&b, IO_ORGS, &file);
        commendations_of(&b, "P8", &again);
        assert_string_equal(again.ptr, want);
        export_to(&b, IO_ORGS, IO_FORMAT_CSV, ascii, &orgs);
        assert_string_equal(orgs.ptr, file.ptr);
        close_db(&b);
    }
    buf_release(&got);
    buf_release(&again);
    buf_release(&file);
    buf_release(&orgs);
    buf_release(&before);
    buf_release(&after);
    close_db(&a);
}

/* ---- the documented columns ------------------------------------------------------------- */

/* Every header docs/import-format.md lists in its two column tables (Vietnamese, ASCII and the
   "also" ones) is recognised as that table's column, and every column is listed: the docs
   cannot drift from src/io/columns.c. */
static void check_doc_table(const char *doc, const char *title, const struct io_column *cols,
                            size_t ncols)
{
    const char *p = strstr(doc, title);
    if (!p)
        fail_msg("no section '%s' in docs/import-format.md", title);
    p = strstr(p, "\n|---");
    assert_non_null(p);
    p = strchr(p + 1, '\n') + 1;
    bool listed[64] = {false};
    assert_true(ncols <= 64);
    while (*p == '|') {
        const char *eol = strchr(p, '\n');
        char line[4096];
        snprintf(line, sizeof(line), "%.*s", (int)(eol - p), p);
        char *cell[6] = {NULL};
        int n = 0;
        for (char *c = line + 1; n < 6 && *c;) {
            char *bar = strchr(c, '|');
            if (!bar)
                break;
            *bar = '\0';
            while (*c == ' ')
                c++;
            for (char *e = bar - 1; e >= c && *e == ' '; e--)
                *e = '\0';
            cell[n++] = c;
            c = bar + 1;
        }
        assert_true(n >= 5);
        int col = io_column_match(cols, ncols, cell[1], strlen(cell[1]));
        if (col < 0 || strcmp(cols[col].name, cell[1]))
            fail_msg("%s: '%s' is not a column's ASCII name", title, cell[1]);
        listed[col] = true;
        if (io_column_match(cols, ncols, cell[0], strlen(cell[0])) != col)
            fail_msg("%s: header '%s' is not column %s", title, cell[0], cell[1]);
        for (char *a = cell[4]; a && *a;) {
            char *comma = strstr(a, ", ");
            size_t len = comma ? (size_t)(comma - a) : strlen(a);
            if (io_column_match(cols, ncols, a, len) != col)
                fail_msg("%s: header '%.*s' is not column %s", title, (int)len, a, cell[1]);
            a = comma ? comma + 2 : a + len;
        }
        p = eol + 1;
    }
    for (size_t c = 0; c < ncols; c++)
        if (!listed[c])
            fail_msg("%s: column %s is not in the table", title, cols[c].name);
}

static void test_documented_columns(void **state)
{
    const char *src = getenv("TCXD_SRCDIR");
    if (!src)
        skip();
    char path[1024];
    snprintf(path, sizeof(path), "%s/docs/import-format.md", src);
    struct buf doc = BUF_INIT;
    struct tcxd_error e;
    if (io_read_file(path, &doc, &e))
        fail_msg("%s", e.msg);
    check_doc_table(doc.ptr, "## Member columns", io_member_columns, MC__MAX);
    check_doc_table(doc.ptr, "## Organization columns", io_org_columns, OC__MAX);
    buf_release(&doc);
}

/* ---- the sheets boards keep ------------------------------------------------------------- */

static enum tcxd_err import_opts(struct db *db, const void *data, size_t len,
                                 const struct io_import_opts *o, struct io_report *r)
{
    io_report_init(r);
    struct tcxd_error e;
    tcxd_error_clear(&e);
    return io_import_buffer(db->st, &actor, data, len ? len : strlen(data), o, r, &e);
}

static void dump(const struct io_report *r)
{
    for (size_t k = 0; k < r->n; k++)
        fprintf(stderr, "  error %ld '%s': %s\n", r->issues[k].line, r->issues[k].column,
                r->issues[k].message);
    for (size_t k = 0; k < r->nwarn; k++)
        fprintf(stderr, "  warning %ld '%s': %s\n", r->warnings[k].line, r->warnings[k].column,
                r->warnings[k].message);
}

static const struct io_issue *find_warning(const struct io_report *r, long line, const char *column)
{
    for (size_t i = 0; i < r->nwarn; i++)
        if (r->warnings[i].line == line && !strcmp(r->warnings[i].column, column))
            return &r->warnings[i];
    return NULL;
}

/* The Party's header block, a title, the header with the board's own columns, the row of
   column numbers, two members and the signature block: as a board's roll is laid out. */
static void test_party_header_rows(void **state)
{
    struct db db;
    open_db(&db, true);
    const char *csv =
        "ĐẢNG BỘ QUẬN BA ĐÌNH,,,,,ĐẢNG CỘNG SẢN VIỆT NAM,,\r\n"                      /* 1 */
        "ĐẢNG ỦY PHƯỜNG PHÚC XÁ,,,,,,,\r\n"                                          /* 2 */
        "*,,,,,\"Ba Đình, ngày 15 tháng 3 năm 2021\",,\r\n"                          /* 3 */
        ",,,,,,,\r\n"                                                                /* 4 */
        "DANH SÁCH ĐẢNG VIÊN CHI BỘ 1,,,,,,,\r\n"                                    /* 5 */
        "STT,Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng,Chức vụ,Chi bộ,Ghi chú\r\n" /* 6 */
        "(1),(2),(3),(4),(5),(6),(7),(8)\r\n"                                        /* 7 */
        "1,Nguyễn Văn An,Nam,15/03/1980,03/02/2005,Bí thư,CB01,\r\n"                 /* 8 */
        "2,Trần Thị Bình,Nữ,28/02/1985,01/06/2010,,CB01,chuyển đến\r\n"              /* 9 */
        ",,,,,T/M CHI ỦY,,\r\n"                                                      /* 10 */
        ",,,,,BÍ THƯ,,\r\n";                                                         /* 11 */
    struct io_report r;
    enum tcxd_err rc = import_text(&db, IO_MEMBERS, csv, 0, "roll.csv", false, false, &r);
    dump(&r);
    assert_int_equal(rc, TCXD_OK);
    assert_int_equal(r.rows, 2);
    assert_int_equal(r.written, 2);
    /* the board's columns and the signature lines: warnings */
    assert_non_null(find_warning(&r, 6, "Chức vụ"));
    assert_non_null(find_warning(&r, 6, "Ghi chú"));
    assert_non_null(find_warning(&r, 10, "Chức vụ"));
    assert_non_null(find_warning(&r, 11, "Chức vụ"));
    assert_int_equal(r.nwarn, 4);
    io_report_release(&r);
    close_db(&db);
    assert_int_equal(sql_long(db.path, "SELECT COUNT(*) FROM member WHERE full_name = 'Nguyễn "
                                       "Văn An' AND ceremony_date = '2005-02-03' AND "
                                       "admission_decision_date = '2005-02-03'"),
                     1);

    /* the same roll as XLSX, the header on row 6 */
    open_db(&db, true);
    char path[512];
    snprintf(path, sizeof(path), "%s/roll.xlsx", tmpdir);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    worksheet_write_string(ws, 0, 0, "ĐẢNG BỘ QUẬN BA ĐÌNH", NULL);
    worksheet_write_string(ws, 0, 5, "ĐẢNG CỘNG SẢN VIỆT NAM", NULL);
    worksheet_write_string(ws, 1, 0, "ĐẢNG ỦY PHƯỜNG PHÚC XÁ", NULL);
    worksheet_write_string(ws, 1, 5, "Ba Đình, ngày 15 tháng 3 năm 2021", NULL);
    worksheet_write_string(ws, 3, 0, "DANH SÁCH ĐẢNG VIÊN", NULL);
    const char *h[] = {"STT",           "Họ và tên", "Giới tính", "Ngày sinh",
                       "Ngày vào Đảng", "Chức vụ",   "Chi bộ"};
    for (int i = 0; i < 7; i++) {
        worksheet_write_string(ws, 5, (lxw_col_t)i, h[i], NULL);
        worksheet_write_number(ws, 6, (lxw_col_t)i, i + 1, NULL);
    }
    worksheet_write_number(ws, 7, 0, 1, NULL);
    worksheet_write_string(ws, 7, 1, "Lê Văn Cường", NULL);
    worksheet_write_string(ws, 7, 2, "Nam", NULL);
    worksheet_write_string(ws, 7, 3, "01/01/1970", NULL);
    worksheet_write_string(ws, 7, 4, "19/05/2000", NULL);
    worksheet_write_string(ws, 7, 6, "CB02", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    struct buf data = BUF_INIT;
    struct tcxd_error e;
    assert_int_equal(io_read_file(path, &data, &e), TCXD_OK);
    rc = import_text(&db, IO_MEMBERS, data.ptr, data.len, "roll.xlsx", false, false, &r);
    dump(&r);
    assert_int_equal(rc, TCXD_OK);
    assert_int_equal(r.written, 1);
    assert_non_null(find_warning(&r, 6, "Chức vụ"));
    io_report_release(&r);
    buf_release(&data);

    /* a file with no header at all: its likeliest row is reported */
    const char *none = "ĐẢNG CỘNG SẢN VIỆT NAM,,\r\nTên người,Năm,Nơi ở\r\nA,1980,HN\r\n";
    assert_int_equal(import_text(&db, IO_MEMBERS, none, 0, "none.csv", false, false, &r),
                     TCXD_EINVAL);
    expect_issue(&r, 2, "Họ và tên", "full_name", "missing required column");
    io_report_release(&r);
    close_db(&db);
}

/* A roll with only the dates of admission and recognition, and no chi bộ column (a chi bộ's
   own roll, given --org). */
static void test_minimal_columns(void **state)
{
    struct db db;
    open_db(&db, true);
    const char *csv = "Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng,Ngày chính thức\r\n"
                      "Phạm Văn Dũng,Nam,10/10/1960,05/01/1990,05/01/1991\r\n"
                      "Đỗ Thị Én,Nữ,01/02/1990,20/03/2020,\r\n";
    struct io_import_opts o;
    io_import_opts_init(&o);
    struct io_report r;
    /* without --org: the missing column says how */
    assert_int_equal(import_opts(&db, csv, 0, &o, &r), TCXD_EINVAL);
    expect_issue(&r, 1, "Chi bộ", "org", "--org");
    assert_int_equal(r.n, 1);
    io_report_release(&r);
    o.default_org = "CB01";
    enum tcxd_err rc = import_opts(&db, csv, 0, &o, &r);
    dump(&r);
    assert_int_equal(rc, TCXD_OK);
    assert_int_equal(r.written, 2);
    io_report_release(&r);
    /* neither admission date column: refused */
    const char *nodate = "Họ và tên,Giới tính,Ngày sinh,Ngày chính thức\r\nA B,Nam,01/01/1980,"
                         "01/01/2011\r\n";
    assert_int_equal(import_opts(&db, nodate, 0, &o, &r), TCXD_EINVAL);
    expect_issue(&r, 1, "Ngày quyết định kết nạp", "admission_decision_date", "Ngày kết nạp");
    io_report_release(&r);
    close_db(&db);
    assert_int_equal(sql_long(db.path,
                              "SELECT COUNT(*) FROM member WHERE full_name = 'Phạm Văn Dũng' AND "
                              "admission_decision_date = '1990-01-05' AND ceremony_date = "
                              "'1990-01-05' AND status = 2 AND org_id = (SELECT id FROM org "
                              "WHERE code = 'CB01')"),
                     1);
    assert_int_equal(sql_long(db.path, "SELECT COUNT(*) FROM member WHERE full_name = 'Đỗ Thị "
                                       "Én' AND status = 1"),
                     1);
}

/* National IDs and party cards typed as numbers in XLSX. */
static void test_numeric_cells_xlsx(void **state)
{
    struct db db;
    open_db(&db, true);
    char path[512];
    snprintf(path, sizeof(path), "%s/numbers.xlsx", tmpdir);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    lxw_format *z12 = workbook_add_format(wb), *z8 = workbook_add_format(wb);
    format_set_num_format(z12, "000000000000");
    format_set_num_format(z8, "00000000");
    const char *h[] = {"Họ và tên", "Giới tính", "Ngày sinh",       "Ngày quyết định kết nạp",
                       "Chi bộ",    "Số CCCD",   "Số thẻ đảng viên"};
    for (int i = 0; i < 7; i++)
        worksheet_write_string(ws, 0, (lxw_col_t)i, h[i], NULL);
    for (int row = 1; row <= 4; row++) {
        char name[32];
        snprintf(name, sizeof(name), "Người Số %d", row);
        worksheet_write_string(ws, (lxw_row_t)row, 0, name, NULL);
        worksheet_write_string(ws, (lxw_row_t)row, 1, "Nam", NULL);
        worksheet_write_string(ws, (lxw_row_t)row, 2, "01/01/1980", NULL);
        worksheet_write_string(ws, (lxw_row_t)row, 3, "01/01/2010", NULL);
        worksheet_write_string(ws, (lxw_row_t)row, 4, "CB01", NULL);
    }
    /* row 2: formatted to show its zeros - the text shown; its card too */
    worksheet_write_number(ws, 1, 5, 1080000002, z12);
    worksheet_write_number(ws, 1, 6, 123456, z8);
    /* row 3: a bare number of 10 digits: "001" is Hà Nội's code, so given back its zeros */
    worksheet_write_number(ws, 2, 5, 1080000003, NULL);
    /* row 4: 11 digits whose "079" is Hồ Chí Minh City's */
    worksheet_write_number(ws, 3, 5, 79080000004, NULL);
    worksheet_write_number(ws, 3, 6, 2345, NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    struct buf data = BUF_INIT;
    struct tcxd_error e;
    assert_int_equal(io_read_file(path, &data, &e), TCXD_OK);
    struct io_report r;
    enum tcxd_err rc =
        import_text(&db, IO_MEMBERS, data.ptr, data.len, "numbers.xlsx", false, false, &r);
    dump(&r);
    assert_int_equal(rc, TCXD_OK);
    /* one warning for the two numbers given back their zeros, none for the formatted one */
    assert_int_equal(r.nwarn, 1);
    assert_int_equal(r.warnings[0].line, 3);
    assert_non_null(strstr(r.warnings[0].message, "2 national IDs"));
    io_report_release(&r);
    buf_release(&data);
    close_db(&db);
    assert_int_equal(
        sql_long(db.path, "SELECT COUNT(*) FROM member WHERE (full_name, national_id, "
                          "IFNULL(party_card_no, '')) IN (VALUES ('Người Số 1', '001080000002', "
                          "'00123456'), ('Người Số 2', '001080000003', ''), ('Người "
                          "Số 3', '079080000004', '2345'))"),
        3);

    /* numbers that cannot be a CCCD: 8 digits, 9 (an old CMND), a province that does not exist */
    open_db(&db, true);
    wb = workbook_new(path);
    ws = workbook_add_worksheet(wb, NULL);
    for (int i = 0; i < 6; i++)
        worksheet_write_string(ws, 0, (lxw_col_t)i, h[i], NULL);
    const double bad[3] = {12345678, 123456789, 3080000001};
    for (int row = 1; row <= 3; row++) {
        worksheet_write_string(ws, (lxw_row_t)row, 0, "Sai Số", NULL);
        worksheet_write_string(ws, (lxw_row_t)row, 1, "Nam", NULL);
        worksheet_write_string(ws, (lxw_row_t)row, 2, "01/01/1980", NULL);
        worksheet_write_string(ws, (lxw_row_t)row, 3, "01/01/2010", NULL);
        worksheet_write_string(ws, (lxw_row_t)row, 4, "CB01", NULL);
        worksheet_write_number(ws, (lxw_row_t)row, 5, bad[row - 1], NULL);
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    assert_int_equal(io_read_file(path, &data, &e), TCXD_OK);
    assert_int_equal(import_text(&db, IO_MEMBERS, data.ptr, data.len, "bad.xlsx", false, false, &r),
                     TCXD_EINVAL);
    expect_issue(&r, 2, "Số CCCD", "national_id", "number of 8 digits");
    expect_issue(&r, 3, "Số CCCD", "national_id", "number of 9 digits");
    expect_issue(&r, 4, "Số CCCD", "national_id", "number of 10 digits");
    assert_int_equal(r.n, 3);
    for (size_t i = 0; i < r.n; i++) /* never the number itself */
        assert_null(strstr(r.issues[i].message, "12345678"));
    io_report_release(&r);
    buf_release(&data);
    close_db(&db);
    assert_int_equal(sql_long(db.path, "SELECT COUNT(*) FROM member"), 0);
}

/* Bytes the test makes itself with iconv: s in encoding `to`. */
static void iconv_text(const char *to, const char *s, struct buf *out)
{
    char cmd[1400];
    char in[600];
    snprintf(in, sizeof(in), "%s/iconv-in.txt", tmpdir);
    FILE *f = fopen(in, "wb");
    assert_non_null(f);
    fputs(s, f);
    fclose(f);
    snprintf(cmd, sizeof(cmd), "iconv -f UTF-8 -t %s '%s'", to, in);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    buf_reset(out);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
        buf_add(out, chunk, n);
    assert_int_equal(pclose(p), 0);
}

static void test_legacy_encodings(void **state)
{
    struct db db;
    open_db(&db, true);
    const char *utf8 = "Họ và tên,Giới tính,Ngày sinh,Ngày quyết định kết nạp,Chi bộ\r\n"
                       "Nguyễn Văn An,Nam,15/03/1980,01/02/2005,CB01\r\n"
                       "Trần Thị Bình,Nữ,28/02/1985,01/06/2010,CB02\r\n";
    struct buf bytes = BUF_INIT;
    struct io_import_opts o;
    io_import_opts_init(&o);
    struct io_report r;
    struct buf before = BUF_INIT, after = BUF_INIT;
    db_fingerprint(db.path, &before);

    /* Windows-1258 (Excel's "CSV" on a Vietnamese Windows): ONE error, the first bad byte */
    iconv_text("CP1258", utf8, &bytes);
    /* where it is, found here independently: the first byte >= 0x80 */
    size_t at = 0;
    while ((unsigned char)bytes.ptr[at] < 0x80)
        at++;
    long chr = (long)at + 1; /* all ASCII before it, on line 1 */
    char want[64];
    snprintf(want, sizeof(want), "line 1, character %ld is the byte 0x%02X", chr,
             (unsigned)(unsigned char)bytes.ptr[at]);
    assert_int_equal(import_opts(&db, bytes.ptr, bytes.len, &o, &r), TCXD_EINVAL);
    dump(&r);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.issues[0].line, 1);
    assert_non_null(strstr(r.issues[0].message, want));
    assert_non_null(strstr(r.issues[0].message, "Windows-1258"));
    assert_non_null(strstr(r.issues[0].message, "--encoding cp1258"));
    io_report_release(&r);
    /* Windows-1252 (a Western Excel): the same one error, on the row of the first bad byte */
    {
        struct buf w = BUF_INIT;
        iconv_text("CP1252",
                   "Ho va ten,Gioi tinh,Ngay sinh,Ngay quyet dinh ket nap,Chi bo\r\n"
                   "Tran An,Nam,15/03/1980,01/02/2005,CB01\r\n"
                   "José Lê,Nam,28/02/1985,01/06/2010,CB02\r\n",
                   &w);
        size_t k = 0, line = 1, col = 1;
        for (; (unsigned char)w.ptr[k] < 0x80; k++, col++)
            if (w.ptr[k] == '\n') {
                line++;
                col = 0;
            }
        char want2[64];
        snprintf(want2, sizeof(want2), "line %zu, character %zu is the byte 0x%02X", line, col,
                 (unsigned)(unsigned char)w.ptr[k]);
        assert_int_equal(line, 3);
        assert_int_equal(import_opts(&db, w.ptr, w.len, &o, &r), TCXD_EINVAL);
        dump(&r);
        assert_int_equal(r.n, 1);
        assert_int_equal(r.issues[0].line, 3);
        assert_non_null(strstr(r.issues[0].message, want2));
        io_report_release(&r);
        buf_release(&w);
    }
    /* converted on request */
    o.encoding = IO_ENC_CP1258;
    o.dry_run = true;
    assert_int_equal(import_opts(&db, bytes.ptr, bytes.len, &o, &r), TCXD_OK);
    assert_int_equal(r.rows, 2);
    io_report_release(&r);

    /* TCVN3 (.VnTime): detected, and converted with --encoding tcvn3 */
    iconv_text("TCVN5712-1", utf8, &bytes);
    o.encoding = IO_ENC_UTF8;
    o.dry_run = false;
    assert_int_equal(import_opts(&db, bytes.ptr, bytes.len, &o, &r), TCXD_EINVAL);
    assert_int_equal(r.n, 1);
    assert_non_null(strstr(r.issues[0].message, "TCVN3"));
    assert_non_null(strstr(r.issues[0].message, "--encoding tcvn3"));
    io_report_release(&r);
    db_fingerprint(db.path, &after);
    assert_string_equal(before.ptr, after.ptr);
    o.encoding = IO_ENC_TCVN3;
    enum tcxd_err rc = import_opts(&db, bytes.ptr, bytes.len, &o, &r);
    dump(&r);
    assert_int_equal(rc, TCXD_OK);
    assert_int_equal(r.written, 2);
    io_report_release(&r);
    assert_int_equal(sql_long(db.path, "SELECT COUNT(*) FROM member WHERE full_name IN ('Nguyễn "
                                       "Văn An', 'Trần Thị Bình')"),
                     2);

    /* an XLSX typed in .VnTime: its characters are the TCVN3 bytes read as Windows-1252 */
    char path[512];
    snprintf(path, sizeof(path), "%s/vntime.xlsx", tmpdir);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    const char *cells[2][5] = {
        {"Họ và tên", "Giới tính", "Ngày sinh", "Ngày vào Đảng", "Chi bộ"},
        {"Hoàng Thị Giang", "Nữ", "01/01/1975", "01/01/2000", "CB02"},
    };
    struct buf shown = BUF_INIT, tcvn = BUF_INIT;
    for (int row = 0; row < 2; row++)
        for (int c = 0; c < 5; c++) {
            iconv_text("TCVN5712-1", cells[row][c], &tcvn);
            /* the bytes as Windows-1252 characters, in UTF-8 (all of them here are >= 0xA0,
               where Windows-1252 is Latin-1) */
            buf_reset(&shown);
            for (size_t k = 0; k < tcvn.len; k++) {
                unsigned char b = (unsigned char)tcvn.ptr[k];
                assert_true(b < 0x80 || b >= 0xA0);
                if (b < 0x80) {
                    buf_addch(&shown, b);
                } else {
                    buf_addch(&shown, 0xC0 | (b >> 6));
                    buf_addch(&shown, 0x80 | (b & 0x3F));
                }
            }
            worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)c, shown.ptr, NULL);
        }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    struct tcxd_error e;
    assert_int_equal(io_read_file(path, &bytes, &e), TCXD_OK);
    o.encoding = IO_ENC_TCVN3;
    rc = import_opts(&db, bytes.ptr, bytes.len, &o, &r);
    dump(&r);
    assert_int_equal(rc, TCXD_OK);
    assert_int_equal(r.written, 1);
    io_report_release(&r);
    /* Windows-1258 means nothing for XLSX */
    o.encoding = IO_ENC_CP1258;
    assert_int_equal(import_opts(&db, bytes.ptr, bytes.len, &o, &r), TCXD_EINVAL);
    expect_issue(&r, 0, "", "encoding", "is for CSV files");
    io_report_release(&r);
    close_db(&db);
    assert_int_equal(sql_long(db.path, "SELECT COUNT(*) FROM member WHERE full_name = 'Hoàng Thị "
                                       "Giang' AND gender = 1"),
                     1);
    buf_release(&shown);
    buf_release(&tcvn);
    buf_release(&bytes);
    buf_release(&before);
    buf_release(&after);
}

/* Under Vietnamese: the errors file for Excel vi-VN, and the reader's lines kept. */
static void test_errors_vietnamese(void **state)
{
    struct db db;
    open_db(&db, true);
    msg_set_lang(MSG_VI);
    const char *broken = "Họ và tên,Giới tính,Ngày sinh,Ngày quyết định kết nạp,Chi bộ\n"
                         "A B,Nam,01/01/1980,01/01/2010,CB01\n"
                         "A C,Nam,01/01/1980,01/01/2010,CB01\n"
                         "C \"D\" E,Nam,01/01/1980,01/01/2010,CB01\n";
    struct io_report r;
    assert_int_equal(import_text(&db, IO_MEMBERS, broken, 0, "b.csv", false, false, &r),
                     TCXD_EINVAL);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.issues[0].line, 4); /* not parsed out of "dòng 4 ..." */
    io_report_release(&r);
    const char *bad = "Họ và tên,Giới tính,Ngày sinh,Ngày quyết định kết nạp,Chi bộ\n"
                      "A B,Nam,31/02/1980,01/01/2010,CB01\n"
                      "\"Lê; Văn\",Nam,01/01/1980,01/01/2010,CB99\n";
    assert_int_equal(import_text(&db, IO_MEMBERS, bad, 0, "b.csv", false, false, &r), TCXD_EINVAL);
    struct buf csv = BUF_INIT;
    io_report_errors_csv(&r, &csv);
    msg_set_lang(MSG_EN);
    /* a byte order mark, the Vietnamese header, ';' between fields */
    const char *want0 = "\xEF\xBB\xBF"
                        "Dòng;Cột;Trường;Lỗi\r\n"
                        "2;Ngày sinh;birth_date;";
    assert_memory_equal(csv.ptr, want0, strlen(want0));
    assert_non_null(strstr(csv.ptr, "\r\n3;Chi bộ;org;"));
    assert_non_null(strstr(csv.ptr, "CB99"));
    assert_null(strstr(csv.ptr, "invalid")); /* the messages are Vietnamese */
    /* read back as CSV with ';' (what Excel vi-VN does): 4 fields a line */
    size_t lines = 0;
    for (const char *p = csv.ptr; *p;) {
        const char *eol = strstr(p, "\r\n");
        assert_non_null(eol);
        int fields = 1;
        bool q = false;
        for (const char *c = p; c < eol; c++) {
            if (*c == '"')
                q = !q;
            else if (*c == ';' && !q)
                fields++;
        }
        assert_int_equal(fields, 4);
        lines++;
        p = eol + 2;
    }
    assert_int_equal(lines, 3);
    buf_release(&csv);
    io_report_release(&r);
    /* a header cell or a message that starts like a formula is guarded as the exports are */
    io_report_init(&r);
    io_report_add(&r, 7, "=cmd|' /C calc'!A0", "-x", TCXD_EINVAL, "%s", "@unknown column");
    buf_init(&csv, 0);
    msg_set_lang(MSG_VI);
    io_report_errors_csv(&r, &csv);
    msg_set_lang(MSG_EN);
    assert_non_null(
        strstr(csv.ptr, "\r\n7;\"'=cmd|' /C calc'!A0\";\"'-x\";\"'@unknown column\"\r\n"));
    buf_release(&csv);
    io_report_release(&r);
    close_db(&db);
}

/* The whole-file UTF-8 check: where the first bad byte is, 8 ASCII bytes at a time or not. */
static void test_utf8_check(void **state)
{
    static const struct {
        const char *s;
        long line, chr;
        int byte; /* -1: valid */
    } cases[] = {
        {"Họ và tên,Ngày sinh\nNguyễn Văn An,01/01/1980\n", 0, 0, -1},
        {"abcdefghijklmnop\xE9", 1, 17, 0xE9},            /* after two ASCII words */
        {"ab\ncdefghijklmnopqrstu\xC0\x80", 2, 20, 0xC0}, /* an overlong sequence */
        {"Việt Nam\n\xE1\xBB", 2, 1, 0xE1},               /* cut at the end */
        {"\xF0\x9F\x98\x80 ok \xFF", 1, 6, 0xFF},         /* a 4-byte one, then a bad byte */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct tcxd_error e;
        tcxd_error_clear(&e);
        enum tcxd_err rc = io_check_utf8(cases[i].s, strlen(cases[i].s), &e);
        if (cases[i].byte < 0) {
            assert_int_equal(rc, TCXD_OK);
            continue;
        }
        assert_int_equal(rc, TCXD_EINVAL);
        assert_int_equal(e.line, cases[i].line);
        char want[64];
        snprintf(want, sizeof(want), "line %ld, character %ld is the byte 0x%02X", cases[i].line,
                 cases[i].chr, cases[i].byte);
        if (!strstr(e.msg, want))
            fail_msg("case %zu: '%s' does not say '%s'", i, e.msg, want);
    }
}

static int setup_env(void **state)
{
    setenv("TCXD_TODAY", "2021-06-30", 1);
    return 0;
}

/* ---- everything round-trips ------------------------------------------------------------- */

/* A member with every kind of history the history column carries, entered through the store's
   own calls. */
static int64_t rt_admit(struct db *db, const char *name, const char *birth, const char *org,
                        const char *decision, const char *ceremony, const char *const *profile)
{
    struct tcxd_error e;
    const char *in[MF__MAX] = {[MF_FULL_NAME] = name, [MF_GENDER] = "nu", [MF_BIRTH_DATE] = birth};
    for (const char *const *p = profile; p && *p; p += 2)
        in[member_field_by_key(p[0])] = p[1];
    struct member_fields f;
    member_fields_init(&f);
    if (member_record_parse(in, date_today(), &f, NULL, &e))
        fail_msg("%s: %s", name, e.msg);
    int64_t id = 0;
    struct org_info o;
    assert_int_equal(store_org_by_code(db->st, org, D(ceremony), &o, &e), TCXD_OK);
    struct member_admit_req req = {.fields = &f,
                                   .org_id = o.id,
                                   .decision_date = D(decision),
                                   .ceremony_date = D(ceremony),
                                   .decision_no = "KN-1"};
    if (store_member_admit(db->st, &actor, &req, &id, &e))
        fail_msg("%s: %s", name, e.msg);
    member_fields_release(&f);
    return id;
}

static void rt_event(struct db *db, int64_t id, enum member_event_kind k, const char *date,
                     const char *decision, int form, const char *org, const char *until,
                     const char *no, const char *detail, enum transfer_scope scope,
                     const char *place)
{
    struct tcxd_error e;
    struct member_event ev = {.kind = k,
                              .date = date ? D(date) : DATE_NONE,
                              .decision_date = decision ? D(decision) : DATE_NONE,
                              .form = form,
                              .until = until ? D(until) : DATE_NONE};
    if (org) {
        struct org_info o;
        assert_int_equal(store_org_by_code(db->st, org, ev.date, &o, &e), TCXD_OK);
        ev.org_id = o.id;
    }
    enum tcxd_err rc =
        k == MEV_ADMIT
            ? store_member_readmit(db->st, &actor, id, ev.org_id, ev.decision_date, ev.date, no, &e)
            : store_member_event_where(db->st, &actor, id, &ev, no, detail, scope, place, &e);
    if (rc)
        fail_msg("event %s on %s: %s", member_event_kind_name(k), date ? date : "-", e.msg);
}

/* Everything of a database's members that a file can carry, as text, independently of the
   export: per member (by name) the personal record as JSON, every event with its organization
   by code, and the replay's results. */
struct rt_dump {
    sqlite3 *h;
    struct buf *out;
};

static void rt_event_line(void *ctx, const struct member_event_info *x)
{
    struct rt_dump *d = ctx;
    char code[64] = "";
    if (x->ev.org_id) {
        sqlite3_stmt *s;
        assert_int_equal(
            sqlite3_prepare_v2(d->h, "SELECT code FROM org WHERE id = ?1", -1, &s, NULL),
            SQLITE_OK);
        sqlite3_bind_int64(s, 1, x->ev.org_id);
        assert_int_equal(sqlite3_step(s), SQLITE_ROW);
        snprintf(code, sizeof(code), "%s", (const char *)sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
    }
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN], c[DATE_ISO_LEN];
    date_format_iso(x->ev.date, a);
    date_format_iso(x->ev.decision_date, b);
    date_format_iso(x->ev.until, c);
    buf_addf(d->out, "  %s %s dec=%s form=%d org=%s until=%s no=%s detail=%s scope=%d place=%s\n",
             member_event_kind_name(x->ev.kind), a, b, x->ev.form, code, c, x->decision_no,
             x->detail, (int)x->scope, x->place);
}

static void rt_dump_db(struct db *db, struct buf *out)
{
    buf_reset(out);
    sqlite3 *h;
    assert_int_equal(sqlite3_open_v2(db->path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *s;
    assert_int_equal(
        sqlite3_prepare_v2(h, "SELECT id, full_name FROM member ORDER BY full_name", -1, &s, NULL),
        SQLITE_OK);
    while (sqlite3_step(s) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(s, 0);
        struct tcxd_error e;
        struct member_fields f;
        member_fields_init(&f);
        assert_int_equal(store_member_record(db->st, id, &f, &e), TCXD_OK);
        char *json = store_member_record_json_text(&f);
        buf_addf(out, "%s\n  %s\n", (const char *)sqlite3_column_text(s, 1), json);
        free(json);
        member_fields_release(&f);
        struct member_derived d;
        member_derived_init(&d);
        struct rt_dump ctx = {h, out};
        assert_int_equal(store_member_events(db->st, id, rt_event_line, &ctx, &d, &e), TCXD_OK);
        char fd[DATE_ISO_LEN], cd[DATE_ISO_LEN], od[DATE_ISO_LEN];
        date_format_iso(d.first_decision, fd);
        date_format_iso(d.ceremony, cd);
        date_format_iso(d.official, od);
        buf_addf(out,
                 "  status=%s first=%s ceremony=%s official=%s exempt=%d suspended=%d "
                 "admissions=%d badges=%x gaps=%zu\n",
                 member_status_name(d.status), fd, cd, od, d.exempt, d.suspended, d.admissions,
                 d.badges, d.ngaps);
        member_derived_release(&d);
    }
    sqlite3_finalize(s);
    sqlite3_close(h);
}

static void test_roundtrip_everything(void **state)
{
    struct db a;
    open_db(&a, true);
    /* re-admitted (kết nạp lại) after a removal, with a card and the Phiếu's fields */
    static const char *const p1[] = {
        "occupation",  "vien_chuc",  "work_status",  "Đã nghỉ hưu và nghỉ công tác",
        "dossier_no",  "0123456789", "introducer_1", "Nguyễn Văn A, Bí thư, Chi bộ 1",
        "youth_union", "co",         "other_name",   "Lại",
        NULL};
    int64_t lai = rt_admit(&a, "Đỗ Thị Lại", "1965-02-01", "CB01", "1990-03-01", "1990-03-10", p1);
    rt_event(&a, lai, MEV_OFFICIAL, NULL, "1991-03-15", 0, NULL, NULL, "CT-1", "", 0, "");
    rt_event(&a, lai, MEV_EXIT, "2000-05-01", "2000-04-20", EXIT_XOA_TEN, NULL, NULL, "XT-1",
             "bỏ sinh hoạt", 0, "");
    rt_event(&a, lai, MEV_ADMIT, "2005-06-10", "2005-06-01", 0, "CB02", NULL, "KN-2", "", 0, "");
    rt_event(&a, lai, MEV_OFFICIAL, NULL, "2006-06-20", 0, NULL, NULL, "CT-2", "", 0, "");
    rt_event(&a, lai, MEV_CARD, "2007-01-05", NULL, CARD_ISSUED, NULL, NULL, "", "012345", 0, "");
    /* restored (phục hồi đảng tịch) after khai trừ; a 30-year badge; a commendation whose
       reason holds the separator */
    static const char *const p2[] = {
        "armed_forces",  "quan_doi", "general_education", "thpt", "permanent_address",
        "Số 5, phố Huế", NULL};
    int64_t phuc =
        rt_admit(&a, "Phan Thị Phục", "1960-05-05", "CB01", "1991-01-10", "1991-01-10", p2);
    rt_event(&a, phuc, MEV_OFFICIAL, NULL, "1992-01-20", 0, NULL, NULL, "CT-3", "", 0, "");
    rt_event(&a, phuc, MEV_EXIT, "1998-01-01", "1997-12-20", EXIT_KHAI_TRU, NULL, NULL, "KT-1", "",
             0, "");
    rt_event(&a, phuc, MEV_RESTORE, "1999-02-01", "1999-01-25", 0, "CB01", NULL, "PH-1", "oan sai",
             0, "");
    rt_event(&a, phuc, MEV_BADGE, "2021-02-03", NULL, 30, NULL, NULL, "HH-30", "", 0, "");
    rt_event(&a, phuc, MEV_COMMEND, "2019-03-15", "2019-03-10", COMMEND_BANG_KHEN, NULL, NULL,
             "45-QĐ/QU", "Hoàn thành xuất sắc | nhiệm vụ \\ 2018", 0, "");
    /* suspended twice (the second in force), disciplined, a card lost */
    int64_t dinh =
        rt_admit(&a, "Lý Thị Đình", "1985-07-07", "CB02", "2010-04-01", "2010-04-05", NULL);
    rt_event(&a, dinh, MEV_OFFICIAL, NULL, "2011-04-10", 0, NULL, NULL, "CT-4", "", 0, "");
    rt_event(&a, dinh, MEV_CARD, "2012-01-01", NULL, CARD_ISSUED, NULL, NULL, "", "777", 0, "");
    rt_event(&a, dinh, MEV_CARD, "2018-06-01", NULL, CARD_REISSUED_LOST, NULL, NULL, "", "778", 0,
             "");
    rt_event(&a, dinh, MEV_DISCIPLINE, "2019-05-05", "2019-05-05", DISCIPLINE_KHIEN_TRACH, NULL,
             NULL, "KL-1", "", 0, "");
    rt_event(&a, dinh, MEV_SUSPEND, "2020-01-01", "2020-01-01", 0, NULL, NULL, "DC-1", "", 0, "");
    rt_event(&a, dinh, MEV_SUSPEND, "2020-06-01", "2020-06-01", 1, NULL, NULL, "DC-2", "", 0, "");
    rt_event(&a, dinh, MEV_SUSPEND, "2021-01-01", "2021-01-01", 0, NULL, NULL, "DC-3", "", 0, "");
    /* admitted outside the database, arrived from another province */
    struct tcxd_error e;
    {
        const char *in[MF__MAX] = {[MF_FULL_NAME] = "Trịnh Thị Ngoài",
                                   [MF_GENDER] = "nu",
                                   [MF_BIRTH_DATE] = "1975-01-01",
                                   [MF_ACADEMIC_TITLE] = "pho_giao_su"};
        struct member_fields f;
        member_fields_init(&f);
        assert_int_equal(member_record_parse(in, date_today(), &f, NULL, &e), TCXD_OK);
        struct org_info o;
        assert_int_equal(store_org_by_code(a.st, "CBNEW", D("2016-03-01"), &o, &e), TCXD_OK);
        struct member_admit_history hist = {.admission_place =
                                                "Chi bộ Đội 3, xã Thanh Liệt, huyện Thanh Trì",
                                            .arrival_date = D("2016-03-01"),
                                            .official_decision_date = D("2001-01-20"),
                                            .official_decision_no = "CT-5",
                                            .arrival_scope = SCOPE_OTHER_PROVINCE,
                                            .arrival_from = "Đảng bộ xã Hải Hậu, tỉnh Nam Định"};
        struct member_admit_req req = {.fields = &f,
                                       .org_id = o.id,
                                       .decision_date = D("2000-01-05"),
                                       .ceremony_date = D("2000-01-10"),
                                       .decision_no = "KN-5",
                                       .history = &hist};
        int64_t id;
        if (store_member_admit(a.st, &actor, &req, &id, &e))
            fail_msg("%s", e.msg);
        member_fields_release(&f);
    }
    /* a temporary transfer and its return; moved inside the đảng bộ since */
    int64_t tam =
        rt_admit(&a, "Hà Thị Tạm", "1988-08-08", "CB01", "2012-02-01", "2012-02-01", NULL);
    rt_event(&a, tam, MEV_OFFICIAL, NULL, "2013-02-05", 0, NULL, NULL, "CT-6", "", 0, "");
    rt_event(&a, tam, MEV_TRANSFER, "2017-03-01", "2017-02-20", TRANSFER_OFFICIAL, "CB02", NULL,
             "CS-1", "", SCOPE_INSIDE, "Chi bộ 1");
    rt_event(&a, tam, MEV_TRANSFER, "2020-01-01", "2020-01-01", TRANSFER_TEMPORARY, "CB01",
             "2020-12-31", "TT-1", "", 0, "");
    rt_event(&a, tam, MEV_RETURN, "2020-10-01", NULL, 0, NULL, NULL, "", "", 0, "");
    rt_event(&a, tam, MEV_EXEMPT, "2021-02-01", "2021-02-01", 0, NULL, NULL, "MC-1", "", 0, "");

    struct buf src = BUF_INIT, dst = BUF_INIT, orgs = BUF_INIT, m1 = BUF_INIT, m2 = BUF_INIT;
    rt_dump_db(&a, &src);
    export_to(&a, IO_ORGS, IO_FORMAT_CSV, false, &orgs);
    export_to(&a, IO_MEMBERS, IO_FORMAT_CSV, false, &m1);
    if (getenv("RT_DUMP"))
        fprintf(stderr, "%s\n", m1.ptr);
    /* the history column as the format says, written out here */
    assert_non_null(strstr(m1.ptr, "\"01/05/2000 | Ra khỏi Đảng | Xóa tên | | 20/04/2000 | XT-1 | "
                                   "bỏ sinh hoạt\n10/06/2005 | Kết nạp | | CB02 | 01/06/2005 | "
                                   "KN-2\n10/06/2006 | Công nhận đảng viên chính thức | | | "
                                   "20/06/2006 | CT-2\n05/01/2007 | Thẻ đảng viên | Phát thẻ | | "
                                   "| | 012345\""));
    assert_non_null(strstr(m1.ptr, "03/02/2021 | Huy hiệu Đảng | 30 năm | | | HH-30\""));
    assert_non_null(strstr(m1.ptr, "| 45-QĐ/QU | Hoàn thành xuất sắc \\| nhiệm vụ \\\\ 2018"));
    assert_non_null(strstr(m1.ptr, ",\"Chi bộ Đội 3, xã Thanh Liệt, huyện Thanh Trì\",Ngoài tỉnh,"
                                   "\"Đảng bộ xã Hải Hậu, tỉnh Nam Định\","));
    assert_non_null(strstr(m1.ptr, ",0123456789,"));
    assert_non_null(strstr(m1.ptr, ",Viên chức trong các đơn vị sự nghiệp công lập,"));
    for (int ascii = 0; ascii < 2; ascii++)
        for (int xlsx = 0; xlsx < 2; xlsx++)
            for (int per_row = 0; per_row < 3; per_row++) { /* 2: prepared, then written */
                enum io_format fmt = xlsx ? IO_FORMAT_XLSX : IO_FORMAT_CSV;
                export_to(&a, IO_ORGS, IO_FORMAT_CSV, ascii, &orgs);
                export_to(&a, IO_MEMBERS, fmt, ascii, &m1);
                struct db b;
                open_db(&b, false);
                reimport(&b, IO_ORGS, &orgs);
                struct io_report r;
                enum tcxd_err rc;
                if (per_row < 2) {
                    rc = import_text(&b, IO_MEMBERS, m1.ptr, m1.len, xlsx ? "m.xlsx" : "m.csv",
                                     false, per_row, &r);
                } else {
                    struct io_import_opts o;
                    io_import_opts_init(&o);
                    o.what = IO_MEMBERS;
                    o.name = xlsx ? "m.xlsx" : "m.csv";
                    io_report_init(&r);
                    struct io_import *x = NULL;
                    rc = io_import_prepare(b.st, &actor, m1.ptr, m1.len, &o, &r, &x, &e);
                    enum tcxd_err wrc = io_import_write(x, &e);
                    rc = rc ? rc : wrc;
                    io_import_free(x);
                }
                for (size_t k = 0; k < r.n && k < 5; k++)
                    fprintf(stderr, "  ascii %d xlsx %d per_row %d: %ld %s: %s\n", ascii, xlsx,
                            per_row, r.issues[k].line, r.issues[k].column, r.issues[k].message);
                assert_int_equal(rc, TCXD_OK);
                assert_int_equal(r.written, 5);
                io_report_release(&r);
                export_to(&b, IO_MEMBERS, fmt, ascii, &m2);
                if (!xlsx) {
                    assert_int_equal(m1.len, m2.len);
                    assert_memory_equal(m1.ptr, m2.ptr, m1.len);
                }
                rt_dump_db(&b, &dst);
                if (strcmp(src.ptr, dst.ptr)) {
                    char pa[600], pb[600], cmd[1300];
                    snprintf(pa, sizeof(pa), "%s/rt-source.txt", tmpdir);
                    snprintf(pb, sizeof(pb), "%s/rt-imported.txt", tmpdir);
                    FILE *fa = fopen(pa, "w"), *fb = fopen(pb, "w");
                    assert_non_null(fa);
                    assert_non_null(fb);
                    fputs(src.ptr, fa);
                    fputs(dst.ptr, fb);
                    fclose(fa);
                    fclose(fb);
                    snprintf(cmd, sizeof(cmd), "diff '%s' '%s' >&2", pa, pb);
                    if (system(cmd) == -1)
                        fprintf(stderr, "cannot run diff\n");
                    fail_msg("ascii %d xlsx %d per_row %d: the members differ (diff above)", ascii,
                             xlsx, per_row);
                }
                close_db(&b);
            }
    buf_release(&src);
    buf_release(&dst);
    buf_release(&orgs);
    buf_release(&m1);
    buf_release(&m2);
    close_db(&a);
}

/* A history line that cannot be read, one the rules refuse, and one that leaves the member
   elsewhere: each named by its line in the cell, nothing written. */
static void test_history_errors(void **state)
{
    struct db db;
    open_db(&db, true);
    const char *csv = "Họ và tên,Giới tính,Ngày sinh,Ngày kết nạp,Chi bộ,Diễn biến khác\n"
                      "Một,Nam,1980-01-01,2010-01-01,CB01,\"01/02/2015 | Khen thưởng | Giấy khen\n"
                      "01/03/2015 | Huy hiệu Đảng | 35 năm\"\n"
                      "Hai,Nam,1980-01-01,2010-01-01,CB01,01/02/2015 | Huy hiệu Đảng | 30 năm\n"
                      "Ba,Nam,1980-01-01,2010-01-01,CB01,\"01/02/2015 | Ra khỏi Đảng | Xóa tên\"\n"
                      "Bốn,Nam,1980-01-01,2010-01-01,CB01,01/02/2015 | Kỷ luật | Khai trừ | CB09\n"
                      "Năm,Nam,1980-01-01,2010-01-01,CB01,01/02/2031 | Khen thưởng | Cờ\n";
    struct io_report r;
    assert_int_equal(import_text(&db, IO_MEMBERS, csv, 0, "h.csv", false, false, &r), TCXD_EINVAL);
    dump(&r);
    assert_int_equal(r.n, 5);
    assert_int_equal(r.written, 0);
    for (size_t i = 0; i < r.n; i++)
        assert_string_equal(r.issues[i].column, "Diễn biến khác");
    assert_int_equal(r.issues[0].line, 2);
    assert_non_null(strstr(r.issues[0].message, "event 2: invalid badge '35'"));
    assert_int_equal(r.issues[1].line, 4);
    assert_non_null(strstr(r.issues[1].message, "party badge on 01/02/2015"));
    assert_int_equal(r.issues[2].line, 5);
    assert_non_null(strstr(r.issues[2].message, "not registered in chi bộ 'CB01'"));
    assert_int_equal(r.issues[3].line, 6);
    assert_non_null(strstr(r.issues[3].message, "CB09"));
    assert_int_equal(r.issues[4].line, 7);
    assert_non_null(strstr(r.issues[4].message, "event 1: date 01/02/2031 is in the future"));
    io_report_release(&r);
    assert_int_equal(sql_long(db.path, "SELECT COUNT(*) FROM member"), 0);
    close_db(&db);
}

int main(void)
{
    snprintf(tmpdir, sizeof(tmpdir), "%s/tcxd-test-import-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmpdir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_members_vietnamese_headers),
        cmocka_unit_test(test_members_ascii_headers_xlsx),
        cmocka_unit_test(test_member_errors_each_class),
        cmocka_unit_test(test_header_problems),
        cmocka_unit_test(test_max_errors),
        cmocka_unit_test(test_bulk_equals_per_row),
        cmocka_unit_test(test_prepare_outside_lock),
        cmocka_unit_test(test_chunked),
        cmocka_unit_test(test_roundtrip_formula),
        cmocka_unit_test(test_roundtrip_csv),
        cmocka_unit_test(test_roundtrip_xlsx),
        cmocka_unit_test(test_roundtrip_moved),
        cmocka_unit_test(test_roundtrip_merged_away),
        cmocka_unit_test(test_roundtrip_everything),
        cmocka_unit_test(test_org_commendations),
        cmocka_unit_test(test_history_errors),
        cmocka_unit_test(test_moved_errors),
        cmocka_unit_test(test_orgs_import),
        cmocka_unit_test(test_documented_columns),
        cmocka_unit_test(test_party_header_rows),
        cmocka_unit_test(test_minimal_columns),
        cmocka_unit_test(test_numeric_cells_xlsx),
        cmocka_unit_test(test_legacy_encodings),
        cmocka_unit_test(test_errors_vietnamese),
        cmocka_unit_test(test_utf8_check),
    };
    int rc = cmocka_run_group_tests(tests, setup_env, NULL);
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        rc = rc ? rc : 1;
    return rc;
}
