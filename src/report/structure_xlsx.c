/*
 * structure_xlsx.c - the structure report as an XLSX workbook (libxlsxwriter): one sheet per
 * table, each with a title row, the date line, Vietnamese headers, numbers as numbers and a
 * total row. Compared, every column becomes four: the earlier date, the report date, the change
 * and the change in percent.
 */
#include <string.h>
#include <xlsxwriter.h>

#include "report/structure.h"
#include "util/xmalloc.h"

struct xfmt {
    lxw_format *title, *subtitle, *sentence, *header, *text, *part, *num, *pct, *diff, *total_text,
        *total_num, *total_pct, *total_diff;
};

static lxw_format *fmt(lxw_workbook *wb, bool bold, const char *num, bool border)
{
    lxw_format *f = workbook_add_format(wb);
    if (bold)
        format_set_bold(f);
    if (num)
        format_set_num_format(f, num);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, 12);
    return f;
}

static void make_formats(lxw_workbook *wb, struct xfmt *x)
{
    x->title = fmt(wb, true, NULL, false);
    format_set_font_size(x->title, 14);
    x->subtitle = fmt(wb, false, NULL, false);
    format_set_italic(x->subtitle);
    x->sentence = fmt(wb, false, NULL, false);
    format_set_text_wrap(x->sentence);
    format_set_align(x->sentence, LXW_ALIGN_VERTICAL_TOP);
    x->header = fmt(wb, true, NULL, true);
    format_set_text_wrap(x->header);
    format_set_align(x->header, LXW_ALIGN_CENTER);
    format_set_align(x->header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(x->header, 0xDDEBF7);
    x->text = fmt(wb, false, NULL, true);
    x->part = fmt(wb, false, NULL, true);
    format_set_indent(x->part, 1);
    format_set_italic(x->part);
    x->num = fmt(wb, false, "#,##0", true);
    x->pct = fmt(wb, false, "0.0%", true);
    x->diff = fmt(wb, false, "+#,##0;-#,##0;0", true);
    x->total_text = fmt(wb, true, NULL, true);
    x->total_num = fmt(wb, true, "#,##0", true);
    x->total_pct = fmt(wb, true, "0.0%", true);
    x->total_diff = fmt(wb, true, "+#,##0;-#,##0;0", true);
}

static int64_t col_sum(const struct report_table *t, size_t c, bool prev)
{
    int64_t s = 0;
    for (size_t i = 0; i < t->nrows; i++)
        s += prev ? t->rows[i].prev[c] : t->rows[i].v[c];
    return s;
}

static void write_ratio(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, int64_t num, int64_t den,
                        lxw_format *f)
{
    if (den)
        worksheet_write_number(ws, row, col, (double)num / (double)den, f);
    else
        worksheet_write_blank(ws, row, col, f);
}

static void write_sheet(lxw_workbook *wb, const struct report_structure *r,
                        const struct report_table *t, const struct xfmt *x)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, t->sheet);
    bool cmp = r->compare != DATE_NONE, total_row = t->id != RT_TOTALS;
    size_t per = cmp ? 4 : 1;                    /* cells per column */
    lxw_col_t c0 = 2 + (t->note_header ? 1 : 0); /* STT, label, [note] */
    lxw_col_t ncols = (lxw_col_t)(c0 + t->ncols * per + (t->shares ? 1 : 0));
    char d[DATE_ISO_LEN], dc[DATE_ISO_LEN], line[2048];

    date_format_vn(r->as_of, d);
    date_format_vn(r->compare, dc);
    snprintf(line, sizeof(line), "%s - %s", r->org.name,
             t->id == RT_TOTALS ? "Báo cáo cơ cấu tổ chức và đảng viên" : t->title);
    worksheet_merge_range(ws, 0, 0, 0, ncols - 1, line, x->title);
    if (cmp)
        snprintf(line, sizeof(line), "Tính đến ngày %s, so với ngày %s", d, dc);
    else
        snprintf(line, sizeof(line), "Tính đến ngày %s", d);
    worksheet_merge_range(ws, 1, 0, 1, ncols - 1, line, x->subtitle);
    lxw_row_t row = 3;
    if (t->id == RT_TOTALS) {
        worksheet_merge_range(ws, row, 0, row, ncols - 1 > 3 ? ncols - 1 : 3, r->sentence,
                              x->sentence);
        worksheet_set_row(ws, row, 48, NULL);
        row += 2;
    }

    /* headers: one row, or two when compared (column label over its four cells) */
    lxw_row_t h = row, last_h = cmp ? row + 1 : row;
    if (cmp) {
        worksheet_merge_range(ws, h, 0, last_h, 0, "STT", x->header);
        worksheet_merge_range(ws, h, 1, last_h, 1, t->item_header, x->header);
        if (t->note_header)
            worksheet_merge_range(ws, h, 2, last_h, 2, t->note_header, x->header);
    } else {
        worksheet_write_string(ws, h, 0, "STT", x->header);
        worksheet_write_string(ws, h, 1, t->item_header, x->header);
        if (t->note_header)
            worksheet_write_string(ws, h, 2, t->note_header, x->header);
    }
    for (size_t c = 0; c < t->ncols; c++) {
        lxw_col_t col = (lxw_col_t)(c0 + c * per);
        if (!cmp) {
            worksheet_write_string(ws, h, col, t->col_label[c], x->header);
            continue;
        }
        worksheet_merge_range(ws, h, col, h, col + 3, t->col_label[c], x->header);
        snprintf(line, sizeof(line), "Ngày %s", dc);
        worksheet_write_string(ws, last_h, col, line, x->header);
        snprintf(line, sizeof(line), "Ngày %s", d);
        worksheet_write_string(ws, last_h, col + 1, line, x->header);
        worksheet_write_string(ws, last_h, col + 2, "Tăng (+), giảm (-)", x->header);
        worksheet_write_string(ws, last_h, col + 3, "Tỷ lệ tăng, giảm", x->header);
    }
    if (t->shares) {
        if (cmp)
            worksheet_merge_range(ws, h, ncols - 1, last_h, ncols - 1, "Tỷ lệ", x->header);
        else
            worksheet_write_string(ws, h, ncols - 1, "Tỷ lệ", x->header);
    }
    row = last_h + 1;
    worksheet_freeze_panes(ws, row, 2);

    int64_t total = col_sum(t, t->count_col, false);
    for (size_t i = 0; i <= t->nrows; i++, row++) {
        if (i == t->nrows && !total_row)
            break;
        const struct report_row *rw = i < t->nrows ? &t->rows[i] : NULL;
        lxw_format *ft = rw ? x->text : x->total_text, *fn = rw ? x->num : x->total_num,
                   *fp = rw ? x->pct : x->total_pct, *fd = rw ? x->diff : x->total_diff;
        if (rw)
            worksheet_write_number(ws, row, 0, (double)(i + 1), fn);
        else
            worksheet_write_blank(ws, row, 0, ft);
        worksheet_write_string(ws, row, 1, rw ? rw->label : "Tổng cộng",
                               rw && rw->part ? x->part : ft);
        if (t->note_header)
            worksheet_write_string(ws, row, 2, rw && rw->note ? rw->note : "", ft);
        for (size_t c = 0; c < t->ncols; c++) {
            int64_t v = rw ? rw->v[c] : col_sum(t, c, false);
            int64_t p = rw ? rw->prev[c] : col_sum(t, c, true);
            lxw_col_t col = (lxw_col_t)(c0 + c * per);
            if (!cmp) {
                worksheet_write_number(ws, row, col, (double)v, fn);
                continue;
            }
            worksheet_write_number(ws, row, col, (double)p, fn);
            worksheet_write_number(ws, row, col + 1, (double)v, fn);
            worksheet_write_number(ws, row, col + 2, (double)(v - p), fd);
            write_ratio(ws, row, col + 3, v - p, p, fp);
        }
        if (t->shares)
            write_ratio(ws, row, ncols - 1, rw ? rw->v[t->count_col] : total, total, fp);
    }

    worksheet_set_column(ws, 0, 0, 6, NULL);
    worksheet_set_column(ws, 1, 1, t->id == RT_CHILDREN ? 48 : 36, NULL);
    if (t->note_header)
        worksheet_set_column(ws, 2, 2, 20, NULL);
    worksheet_set_column(ws, c0, ncols - 1, cmp ? 13 : 16, NULL);
    worksheet_set_row(ws, h, cmp ? 20 : 32, NULL);
    if (cmp)
        worksheet_set_row(ws, last_h, 32, NULL);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
}

enum tcxd_err report_structure_xlsx(const struct report_structure *r, const char *path,
                                    struct tcxd_error *e)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return tcxd_fail(e, TCXD_EIO, "output", "cannot create workbook '%s'", path);
    lxw_doc_properties props;
    memset(&props, 0, sizeof(props));
    char title[1200];
    snprintf(title, sizeof(title), "Báo cáo cơ cấu tổ chức và đảng viên - %s", r->org.name);
    props.title = title;
    char author[] = "tcxd";
    props.author = author;
    workbook_set_properties(wb, &props);
    struct xfmt x;
    make_formats(wb, &x);
    for (int i = 0; i < RT__MAX; i++) {
        const struct report_table *t = &r->tables[i];
        if (i == RT_TOTALS || r->breakdowns)
            write_sheet(wb, r, t, &x);
    }
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR)
        return tcxd_fail(e, TCXD_EIO, "output", "cannot write workbook '%s': %s", path,
                         lxw_strerror(err));
    return TCXD_OK;
}
