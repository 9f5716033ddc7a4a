/*
 * inspection_report.c - the period report of inspection_report.h in XLSX and PDF.
 */
#include "report/inspection_report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>
#include <xlsxwriter.h>

#include "report/pdf.h"
#include "store/store_complaint.h"
#include "store/store_inspection.h"
#include "util/vnfmt.h"

enum tcxd_err inspection_report_build(struct store *st, int64_t org_id, tcxd_date from,
                                      tcxd_date to, struct inspection_report *out,
                                      struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    if (from == DATE_NONE || to == DATE_NONE || to < from)
        return tcxd_fail(e, TCXD_EINVAL, "to", "the period ends before it starts");
    struct org_info o;
    struct org_tree t;
    enum tcxd_err rc = store_org_get(st, org_id, to, &o, e);
    if (rc || (rc = store_tree_load(st, to, &t, e)))
        return rc;
    uint32_t root = org_tree_find(&t, org_id);
    out->org_id = org_id;
    snprintf(out->org_code, sizeof(out->org_code), "%s", o.code);
    snprintf(out->org_name, sizeof(out->org_name), "%s", o.name);
    out->from = from;
    out->to = to;
    if (root != TREE_NONE && !(rc = store_inspection_counts(st, &t, root, from, to, &out->k, e)))
        rc = store_complaint_counts(st, &t, root, from, to, &out->c, e);
    org_tree_release(&t);
    return rc;
}

/* The rows both outputs print: label, value. */
struct line {
    const char *label;
    int64_t value;
};

static size_t discipline_lines(const struct inspection_report *r, struct line *out)
{
    size_t n = 0;
    out[n++] = (struct line){"Tổ chức đảng bị thi hành kỷ luật", r->k.disciplined_orgs};
    out[n++] = (struct line){"Đảng viên bị thi hành kỷ luật", r->k.disciplined_members};
    for (int f = 0; f < PD__MAX; f++)
        out[n++] = (struct line){party_discipline_label((enum party_discipline)f), r->k.by_form[f]};
    return n;
}

static size_t inspection_lines(const struct inspection_report *r, struct line *out)
{
    size_t n = 0;
    out[n++] = (struct line){"Kiểm tra: tổ chức đảng", r->k.inspected_orgs};
    out[n++] = (struct line){"Kiểm tra: đảng viên", r->k.inspected_members};
    out[n++] = (struct line){"Giám sát: tổ chức đảng", r->k.supervised_orgs};
    out[n++] = (struct line){"Giám sát: đảng viên", r->k.supervised_members};
    out[n++] = (struct line){"Đoàn kiểm tra thành lập", r->k.teams};
    out[n++] = (struct line){"Đoàn kiểm tra: tổ chức đảng", r->k.team_orgs};
    out[n++] = (struct line){"Đoàn kiểm tra: đảng viên", r->k.team_members};
    return n;
}

static size_t area_lines(const struct inspection_report *r, struct line *out)
{
    for (int a = 0; a < INSP_AREA__MAX; a++)
        out[a] = (struct line){inspection_area_label((enum inspection_area)a), r->k.by_area[a]};
    return INSP_AREA__MAX;
}

static size_t complaint_lines(const struct inspection_report *r, struct line *out)
{
    size_t n = 0;
    out[n++] = (struct line){"Đơn thư tiếp nhận", r->c.received};
    for (int k = 0; k < CPL_KIND__MAX; k++)
        out[n++] = (struct line){complaint_kind_label((enum complaint_kind)k), r->c.by_kind[k]};
    out[n++] = (struct line){"Thụ lý giải quyết", r->c.accepted};
    out[n++] = (struct line){"Chuyển cơ quan có thẩm quyền", r->c.forwarded};
    out[n++] = (struct line){"Lưu đơn", r->c.filed};
    out[n++] = (struct line){"Đã giải quyết", r->c.resolved};
    out[n++] = (struct line){"Giải quyết quá hạn", r->c.resolved_late};
    out[n++] = (struct line){"Đã thông báo kết quả", r->c.notified};
    out[n++] = (struct line){"Quá hạn chưa giải quyết (cuối kỳ)", r->c.overdue};
    return n;
}

struct section {
    const char *title;
    size_t (*lines)(const struct inspection_report *r, struct line *out);
};

static const struct section sections[] = {
    {"I. KIỂM TRA, GIÁM SÁT", inspection_lines},
    {"II. KIỂM TRA, GIÁM SÁT THEO NỘI DUNG (số cuộc)", area_lines},
    {"III. THI HÀNH KỶ LUẬT", discipline_lines},
    {"IV. GIẢI QUYẾT ĐƠN THƯ KHIẾU NẠI, TỐ CÁO, PHẢN ÁNH", complaint_lines},
};
#define NSECTIONS (sizeof(sections) / sizeof(sections[0]))

static void title_lines(const struct inspection_report *r, struct buf *period, struct buf *sent1,
                        struct buf *sent2)
{
    char a[DATE_ISO_LEN], z[DATE_ISO_LEN];
    date_format_vn(r->from, a);
    date_format_vn(r->to, z);
    buf_addf(period, "%s, từ ngày %s đến ngày %s", r->org_name, a, z);
    buf_adds(sent1, "Đã ");
    inspection_sentence(&r->k, sent1);
    buf_adds(sent1, ".");
    buf_adds(sent2, "Đã ");
    complaint_sentence(&r->c, sent2);
    buf_adds(sent2, ".");
}

/* Upper case through utf8proc (Vietnamese letters included). */
static void upper(const char *s, struct buf *out)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(s);
    while (n > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, n, &c);
        if (k <= 0)
            break;
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(c), enc);
        buf_add(out, enc, (size_t)m);
        p += k;
        n -= k;
    }
}

static const char TITLE[] =
    "BÁO CÁO CÔNG TÁC KIỂM TRA, GIÁM SÁT, KỶ LUẬT ĐẢNG VÀ GIẢI QUYẾT ĐƠN THƯ";

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
    return bad ? tcxd_fail(e, TCXD_EIO, "", "cannot read '%s'", path) : TCXD_OK;
}

enum tcxd_err inspection_report_xlsx(const struct inspection_report *r, struct buf *out,
                                     struct tcxd_error *e)
{
    const char *dir = getenv("TMPDIR");
    struct buf path = BUF_INIT;
    buf_addf(&path, "%s/tcxd-insp-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path.ptr);
    if (fd < 0) {
        enum tcxd_err rc = tcxd_fail(e, TCXD_EIO, "", "cannot create a temporary file in '%s': %s",
                                     dir && *dir ? dir : "/tmp", strerror(errno));
        buf_release(&path);
        return rc;
    }
    close(fd);
    lxw_workbook *wb = workbook_new(path.ptr);
    if (!wb) {
        unlink(path.ptr);
        buf_release(&path);
        return tcxd_fail(e, TCXD_EIO, "", "cannot write the workbook");
    }
    lxw_format *title = workbook_add_format(wb), *plain = workbook_add_format(wb),
               *head = workbook_add_format(wb), *cell = workbook_add_format(wb),
               *num = workbook_add_format(wb), *wrap = workbook_add_format(wb);
    lxw_format *all[] = {title, plain, head, cell, num, wrap};
    for (size_t i = 0; i < 6; i++) {
        format_set_font_name(all[i], "Times New Roman");
        format_set_font_size(all[i], 12);
    }
    format_set_bold(title);
    format_set_font_size(title, 14);
    format_set_bold(head);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_border(cell, LXW_BORDER_THIN);
    format_set_border(num, LXW_BORDER_THIN);
    format_set_num_format(num, "#,##0");
    format_set_text_wrap(wrap);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Kiểm tra, giám sát");
    worksheet_set_column(ws, 0, 0, 60, NULL);
    worksheet_set_column(ws, 1, 1, 14, NULL);
    struct buf period = BUF_INIT, s1 = BUF_INIT, s2 = BUF_INIT;
    title_lines(r, &period, &s1, &s2);
    lxw_row_t row = 0;
    worksheet_write_string(ws, row++, 0, TITLE, title);
    worksheet_write_string(ws, row++, 0, period.ptr, plain);
    worksheet_write_string(ws, row++, 0, s1.ptr, wrap);
    worksheet_write_string(ws, row++, 0, s2.ptr, wrap);
    struct line lines[32];
    for (size_t k = 0; k < NSECTIONS; k++) {
        row++;
        worksheet_write_string(ws, row++, 0, sections[k].title, title);
        worksheet_write_string(ws, row, 0, "Chỉ tiêu", head);
        worksheet_write_string(ws, row++, 1, "Số lượng", head);
        size_t n = sections[k].lines(r, lines);
        for (size_t i = 0; i < n; i++, row++) {
            worksheet_write_string(ws, row, 0, lines[i].label, cell);
            worksheet_write_number(ws, row, 1, (double)lines[i].value, num);
        }
    }
    buf_release(&period);
    buf_release(&s1);
    buf_release(&s2);
    lxw_error err = workbook_close(wb);
    enum tcxd_err rc =
        err == LXW_NO_ERROR
            ? read_file(path.ptr, out, e)
            : tcxd_fail(e, TCXD_EIO, "", "cannot write the workbook: %s", lxw_strerror(err));
    unlink(path.ptr);
    buf_release(&path);
    return rc;
}

enum tcxd_err inspection_report_pdf(const struct inspection_report *r, struct buf *out,
                                    struct tcxd_error *e)
{
    struct pdf *p = pdf_new(&(struct pdf_page){.landscape = false});
    struct buf issuer = BUF_INIT, place = BUF_INIT, period = BUF_INIT, s1 = BUF_INIT, s2 = BUF_INIT;
    /* the issuing organization in capitals as the Party's documents write it */
    upper(r->org_name, &issuer);
    struct ymd today = date_to_ymd(date_today());
    buf_addf(&place, "ngày %02d tháng %02d năm %d", today.d, today.m, today.y);
    pdf_party_header(p, &(struct pdf_party_header){.upper = NULL,
                                                   .issuer = issuer.ptr,
                                                   .number = "Số      -BC",
                                                   .place_date = place.ptr});
    pdf_skip(p, 4);
    pdf_text(p, TITLE, &(struct pdf_font){.size = 14, .bold = true, .align = PDF_CENTER});
    title_lines(r, &period, &s1, &s2);
    pdf_text(p, period.ptr, &(struct pdf_font){.italic = true, .align = PDF_CENTER});
    pdf_skip(p, 4);
    pdf_text(p, s1.ptr, &(struct pdf_font){.align = PDF_JUSTIFY});
    pdf_skip(p, 2);
    pdf_text(p, s2.ptr, &(struct pdf_font){.align = PDF_JUSTIFY});
    static const struct pdf_table_col cols[] = {
        {"STT", 12, PDF_CENTER}, {"Chỉ tiêu", 118, PDF_LEFT}, {"Số lượng", 35, PDF_RIGHT}};
    struct line lines[32];
    for (size_t k = 0; k < NSECTIONS; k++) {
        pdf_skip(p, 4);
        pdf_need(p, 30);
        pdf_text(p, sections[k].title, &(struct pdf_font){.bold = true});
        pdf_skip(p, 1);
        struct pdf_table t;
        pdf_table_begin(p, &t, cols, 3, 12, false);
        size_t n = sections[k].lines(r, lines);
        for (size_t i = 0; i < n; i++) {
            char no[24];
            struct buf v = BUF_INIT;
            snprintf(no, sizeof(no), "%zu", i + 1);
            vnfmt_int(&v, lines[i].value);
            const char *cells[] = {no, lines[i].label, v.ptr};
            pdf_table_row(&t, cells);
            buf_release(&v);
        }
    }
    buf_release(&issuer);
    buf_release(&place);
    buf_release(&period);
    buf_release(&s1);
    buf_release(&s2);
    return pdf_finish(p, out, e);
}
