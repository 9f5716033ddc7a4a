/*
 * forms_format.c - a filled form as text (a terminal table), CSV, JSON and XLSX in the
 * official grid: the issuing board's header block, "Biểu số N-BTCTW", title and period, the
 * numbered columns, the rows with the boards' labels, the signature footer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <utf8proc.h>
#include <xlsxwriter.h>

#include "report/forms.h"
#include "text/text.h"
#include "util/vnfmt.h"
#include "util/xmalloc.h"

static const char *const format_names[FORM_FMT__MAX] = {"text", "csv", "json", "xlsx", "pdf"};

enum tcxd_err form_format_parse(const char *s, enum form_format *out, struct tcxd_error *e)
{
    for (int i = 0; i < FORM_FMT__MAX; i++)
        if (s && !strcasecmp(s, format_names[i])) {
            *out = (enum form_format)i;
            return TCXD_OK;
        }
    return tcxd_fail(e, TCXD_EINVAL, "format", "unknown format '%s' (text, csv, json, xlsx, pdf)",
                     s ? s : "");
}

const char *form_format_mime(enum form_format f)
{
    switch (f) {
    case FORM_FMT_CSV:
        return "text/csv; charset=utf-8";
    case FORM_FMT_JSON:
        return "application/json";
    case FORM_FMT_XLSX:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case FORM_FMT_PDF:
        return "application/pdf";
    default:
        return "text/plain; charset=utf-8";
    }
}

void form_value_text(const struct form_value *v, struct buf *out)
{
    switch (v->kind) {
    case FV_COUNT:
        vnfmt_int(out, v->n);
        break;
    case FV_DECIMAL:
    case FV_PERCENT:
        vnfmt_double(out, v->x, 1);
        break;
    case FV_NOT_KEPT:
        buf_adds(out, "chưa theo dõi");
        break;
    default:
        break;
    }
}

const struct form_col_group *form_col_group_of(const struct form_def *d, size_t c)
{
    if (d->col_groups)
        for (const struct form_col_group *g = d->col_groups; g->label; g++)
            if (c >= g->first && c < g->first + g->n)
                return g;
    return NULL;
}

void form_col_label(const struct form_def *d, size_t c, struct buf *out)
{
    const struct form_col_group *g = form_col_group_of(d, c);
    if (g)
        buf_addf(out, "%s - %s", g->label, d->col_labels[c]);
    else
        buf_adds(out, d->col_labels[c]);
}

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

void form_issuer(const struct form_result *r, struct buf *out)
{
    static const struct {
        const char *prefix, *committee;
    } map[] = {
        {"Đảng bộ tỉnh ", "Tỉnh ủy "},          {"Đảng bộ thành phố ", "Thành ủy "},
        {"Đảng bộ quận ", "Quận ủy "},          {"Đảng bộ huyện ", "Huyện ủy "},
        {"Đảng bộ thị xã ", "Thị ủy "},         {"Đảng bộ xã ", "Đảng ủy xã "},
        {"Đảng bộ phường ", "Đảng ủy phường "}, {"Đảng bộ ", "Đảng ủy "},
    };
    const char *name = r->org.name;
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        size_t n = strlen(map[i].prefix);
        if (!strncmp(name, map[i].prefix, n)) {
            struct buf b = BUF_INIT;
            buf_adds(&b, map[i].committee);
            buf_adds(&b, name + n);
            upper(b.ptr, out);
            buf_release(&b);
            return;
        }
    }
    upper(name, out);
}

void form_period_title(const struct form_result *r, struct buf *out)
{
    upper(r->period.label, out);
}

/* ---- text ------------------------------------------------------------------------------- */

static size_t cps(const char *s)
{
    return text_utf8_len(s, strlen(s));
}

static void pad(struct buf *b, const char *s, size_t w, bool right)
{
    size_t n = cps(s);
    if (right)
        for (size_t i = n; i < w; i++)
            buf_addch(b, ' ');
    buf_adds(b, s);
    if (!right)
        for (size_t i = n; i < w; i++)
            buf_addch(b, ' ');
}

void form_render_text(const struct form_result *r, struct buf *out)
{
    const struct form_def *d = r->def;
    struct buf iss = BUF_INIT;
    form_issuer(r, &iss);
    buf_addf(out, "%s\nBAN TỔ CHỨC%*sBiểu số %s\n\n", iss.ptr, 8, "", d->number);
    buf_release(&iss);
    buf_addf(out, "THỐNG KÊ %s\n", d->title);
    if (d->subtitle)
        buf_addf(out, "%s\n", d->subtitle);
    struct buf per = BUF_INIT;
    form_period_title(r, &per);
    buf_addf(out, "%s\n", per.ptr);
    buf_release(&per);
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    date_format_vn(r->period.from, a);
    date_format_vn(r->period.to, b);
    buf_addf(out, "(từ %s đến %s; cùng kỳ năm trước: ", a, b);
    date_format_vn(r->prev.from, a);
    date_format_vn(r->prev.to, b);
    buf_addf(out, "%s - %s)\n\n", a, b);

    size_t lw = cps(d->item_header);
    for (size_t i = 0; i < r->nrows; i++) {
        size_t n = cps(r->rows[i].label) + 2 * (size_t)r->rows[i].level;
        if (n > lw)
            lw = n;
    }
    if (lw > 70)
        lw = 70;
    /* a column is as wide as its number and its widest value (13 up to 8 columns: the
       terminal table of the narrow forms as before; wide grids keep to their figures) */
    size_t cw[FORM_MAX_COLS];
    struct buf cellb = BUF_INIT, lab = BUF_INIT;
    for (size_t c = 0; c < d->ncols; c++) {
        cw[c] = cps(d->col_numbers[c]) + 2;
        size_t floor = d->ncols <= 8 ? 13 : 5;
        if (cw[c] < floor)
            cw[c] = floor;
        for (size_t i = 0; i < r->nrows; i++) {
            buf_reset(&cellb);
            form_value_text(&r->rows[i].v[c], &cellb);
            if (cps(cellb.ptr) > cw[c])
                cw[c] = cps(cellb.ptr);
        }
    }
    /* header: column labels are long; print them as a legend and the numbers as the header */
    for (size_t c = 0; c < d->ncols; c++) {
        buf_reset(&lab);
        form_col_label(d, c, &lab);
        buf_addf(out, "(%s) %s\n", d->col_numbers[c], lab.ptr);
    }
    buf_addch(out, '\n');
    pad(out, "(1)", lw, false);
    for (size_t c = 0; c < d->ncols; c++) {
        char h[32];
        snprintf(h, sizeof(h), "(%s)", d->col_numbers[c]);
        buf_adds(out, " | ");
        pad(out, h, cw[c], true);
    }
    buf_addch(out, '\n');
    for (size_t i = 0; i < r->nrows; i++) {
        const struct form_row *row = &r->rows[i];
        buf_reset(&lab);
        for (int k = 0; k < row->level; k++)
            buf_adds(&lab, "  ");
        buf_adds(&lab, row->label);
        pad(out, lab.ptr, lw, false);
        for (size_t c = 0; c < d->ncols; c++) {
            buf_reset(&cellb);
            form_value_text(&row->v[c], &cellb);
            buf_adds(out, " | ");
            pad(out, cellb.ptr, cw[c], true);
        }
        buf_addch(out, '\n');
    }
    buf_release(&cellb);
    buf_release(&lab);
    if (r->nnotes) {
        buf_adds(out, "\nGhi chú:\n");
        for (size_t i = 0; i < r->nnotes; i++)
            buf_addf(out, "- %s\n", r->notes[i]);
    }
    if (r->nchecks) {
        buf_adds(out, "\nKiểm tra:\n");
        for (size_t i = 0; i < r->nchecks; i++)
            buf_addf(out, "[%s] %s - %s\n", r->checks[i].ok ? "đúng" : "SAI", r->checks[i].name,
                     r->checks[i].detail);
    }
}

/* ---- CSV -------------------------------------------------------------------------------- */

void form_render_csv(const struct form_result *r, struct buf *out)
{
    const struct form_def *d = r->def;
    buf_adds(out, "\xEF\xBB\xBF");
    buf_adds(out, "form,key,label");
    struct buf v = BUF_INIT;
    for (size_t c = 0; c < d->ncols; c++) {
        buf_addch(out, ',');
        buf_reset(&v);
        buf_addf(&v, "(%s) ", d->col_numbers[c]);
        form_col_label(d, c, &v);
        buf_add_csv_field(out, v.ptr);
    }
    buf_adds(out, "\r\n");
    for (size_t i = 0; i < r->nrows; i++) {
        const struct form_row *row = &r->rows[i];
        buf_add_csv_field(out, d->number);
        buf_addch(out, ',');
        buf_add_csv_field(out, row->key);
        buf_addch(out, ',');
        buf_add_csv_field(out, row->label);
        for (size_t c = 0; c < d->ncols; c++) {
            buf_addch(out, ',');
            buf_reset(&v);
            /* machine-readable: plain integers, decimals with a point */
            if (row->v[c].kind == FV_COUNT)
                buf_addf(&v, "%lld", (long long)row->v[c].n);
            else if (row->v[c].kind == FV_DECIMAL || row->v[c].kind == FV_PERCENT)
                buf_addf(&v, "%.1f", row->v[c].x);
            else if (row->v[c].kind == FV_NOT_KEPT)
                buf_adds(&v, "chưa theo dõi");
            buf_add_csv_field(out, v.ptr);
        }
        buf_adds(out, "\r\n");
    }
    buf_release(&v);
}

/* ---- JSON ------------------------------------------------------------------------------- */

static json_t *value_json(const struct form_value *v)
{
    switch (v->kind) {
    case FV_COUNT:
        return json_integer(v->n);
    case FV_DECIMAL:
    case FV_PERCENT:
        return json_real((double)(int64_t)(v->x * 10.0 + 0.5) / 10.0);
    case FV_NOT_KEPT:
        return json_string("not_kept");
    default:
        return json_null();
    }
}

static json_t *date_json(tcxd_date d)
{
    char iso[DATE_ISO_LEN];
    date_format_iso(d, iso);
    return json_string(iso);
}

static json_t *period_json(const struct form_period *p)
{
    return json_pack("{s:s, s:s, s:o, s:o}", "key", p->key, "label", p->label, "from",
                     date_json(p->from), "to", date_json(p->to));
}

json_t *form_json(const struct form_result *r)
{
    const struct form_def *d = r->def;
    json_t *cols = json_array();
    for (size_t c = 0; c < d->ncols; c++) {
        json_t *jc =
            json_pack("{s:s, s:s}", "number", d->col_numbers[c], "label", d->col_labels[c]);
        const struct form_col_group *g = form_col_group_of(d, c);
        if (g)
            json_object_set_new(jc, "group", json_string(g->label));
        json_array_append_new(cols, jc);
    }
    json_t *rows = json_array();
    for (size_t i = 0; i < r->nrows; i++) {
        const struct form_row *row = &r->rows[i];
        json_t *vals = json_array();
        for (size_t c = 0; c < d->ncols; c++)
            json_array_append_new(vals, value_json(&row->v[c]));
        json_t *jr = json_pack("{s:s, s:s, s:i, s:b, s:o}", "key", row->key, "label", row->label,
                               "level", row->level, "heading", row->heading, "values", vals);
        if (row->note)
            json_object_set_new(jr, "note", json_string(row->note));
        json_array_append_new(rows, jr);
    }
    json_t *checks = json_array();
    for (size_t i = 0; i < r->nchecks; i++)
        json_array_append_new(checks, json_pack("{s:s, s:b, s:s}", "name", r->checks[i].name, "ok",
                                                r->checks[i].ok, "detail", r->checks[i].detail));
    json_t *notes = json_array();
    for (size_t i = 0; i < r->nnotes; i++)
        json_array_append_new(notes, json_string(r->notes[i]));
    struct buf iss = BUF_INIT;
    form_issuer(r, &iss);
    json_t *j = json_pack(
        "{s:s, s:s, s:s, s:s?, s:s, s:{s:I, s:s, s:s}, s:o, s:o, s:s, s:o, s:o, s:o, s:o}", "form",
        d->id, "number", d->number, "title", d->title, "subtitle", d->subtitle, "issuer", iss.ptr,
        "org", "id", (json_int_t)r->org.id, "code", r->org.code, "name", r->org.name, "period",
        period_json(&r->period), "previous", period_json(&r->prev), "item_header", d->item_header,
        "columns", cols, "rows", rows, "checks", checks, "notes", notes);
    buf_release(&iss);
    return j;
}

json_t *form_defs_json(void)
{
    size_t n;
    const struct form_def *const *defs = form_defs(&n);
    json_t *a = json_array();
    static const char *const layouts[FORM_LAYOUT__MAX] = {"compare", "annex", "org_types", "review",
                                                          "grid"};
    for (size_t i = 0; i < n; i++) {
        const struct form_def *d = defs[i];
        int kept = 0, not_kept = 0;
        for (size_t k = 0; k < d->nrows; k++) {
            if (d->rows[k].src == FSRC_NOT_KEPT)
                not_kept++;
            else if (d->rows[k].src != FSRC_HEADING)
                kept++;
        }
        json_array_append_new(
            a, json_pack("{s:s, s:s, s:s, s:s?, s:s, s:s, s:s, s:s, s:s?, s:i, s:i}", "form", d->id,
                         "number", d->number, "title", d->title, "subtitle", d->subtitle,
                         "valid_from", d->valid_from, "valid_to", d->valid_to, "layout",
                         layouts[d->layout], "source", d->source, "set", d->set, "rows_computed",
                         kept, "rows_not_kept", not_kept));
    }
    return a;
}

/* ---- XLSX ------------------------------------------------------------------------------- */

static lxw_format *xf(lxw_workbook *wb, bool bold, bool border, bool center, bool italic)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, 12);
    if (bold)
        format_set_bold(f);
    if (italic)
        format_set_italic(f);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (center) {
        format_set_align(f, LXW_ALIGN_CENTER);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    }
    format_set_text_wrap(f);
    return f;
}

enum tcxd_err form_write_xlsx(const struct form_result *r, const char *path, struct tcxd_error *e)
{
    const struct form_def *d = r->def;
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return tcxd_fail(e, TCXD_EIO, "output", "cannot write '%s'", path);
    char sheet[32];
    snprintf(sheet, sizeof(sheet), "Biểu %s", d->number);
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    lxw_format *hb = xf(wb, true, false, true, false), *hn = xf(wb, false, false, true, false),
               *title = xf(wb, true, false, true, false), *th = xf(wb, true, true, true, false),
               *tnum = xf(wb, false, true, true, true), *txt = xf(wb, false, true, false, false),
               *txtb = xf(wb, true, true, false, false), *num = xf(wb, false, true, false, false),
               *numb = xf(wb, true, true, false, false), *dec = xf(wb, false, true, false, false),
               *nk = xf(wb, false, true, true, true), *foot = xf(wb, false, false, true, true),
               *footb = xf(wb, true, false, true, false);
    format_set_font_size(title, 14);
    format_set_num_format(num, "#,##0");
    format_set_num_format(numb, "#,##0");
    format_set_num_format(dec, "0.0");
    format_set_align(num, LXW_ALIGN_RIGHT);
    format_set_align(numb, LXW_ALIGN_RIGHT);
    format_set_align(dec, LXW_ALIGN_RIGHT);
    lxw_col_t last = (lxw_col_t)d->ncols; /* column 0: labels, 1..ncols: values */
    /* wide grids (the cadre forms' posts) print on landscape A4 with narrower columns */
    bool wide = d->ncols > 8;
    worksheet_set_column(ws, 0, 0, wide ? 40 : 60, NULL);
    worksheet_set_column(ws, 1, last, wide ? 9 : 16, NULL);
    worksheet_set_paper(ws, 9); /* A4 */
    if (wide)
        worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);

    struct buf iss = BUF_INIT, per = BUF_INIT;
    form_issuer(r, &iss);
    form_period_title(r, &per);
    /* header block: issuer | form number */
    worksheet_write_string(ws, 0, 0, iss.ptr, hn);
    worksheet_write_string(ws, 1, 0, "BAN TỔ CHỨC", hb);
    char number[64];
    snprintf(number, sizeof(number), "Biểu số %s", d->number);
    if (last >= 2)
        worksheet_merge_range(ws, 0, last - 1, 0, last, number, hb);
    else
        worksheet_write_string(ws, 0, last, number, hb);
    /* title */
    worksheet_merge_range(ws, 3, 0, 3, last, "THỐNG KÊ", title);
    worksheet_merge_range(ws, 4, 0, 4, last, d->title, title);
    lxw_row_t row = 5;
    if (d->subtitle) {
        worksheet_merge_range(ws, row, 0, row, last, d->subtitle, hn);
        row++;
    }
    worksheet_merge_range(ws, row, 0, row, last, per.ptr, hb);
    row += 2;
    /* column headers, as on paper: COMPARE has "Thực hiện" over Kỳ này | Cùng kỳ */
    lxw_row_t h0 = row;
    if (d->layout == FORM_COMPARE) {
        worksheet_merge_range(ws, h0, 0, h0 + 1, 0, d->item_header, th);
        worksheet_merge_range(ws, h0, 1, h0, 2, "Thực hiện", th);
        worksheet_write_string(ws, h0 + 1, 1, d->col_labels[0], th);
        worksheet_write_string(ws, h0 + 1, 2, d->col_labels[1], th);
        worksheet_merge_range(ws, h0, 3, h0 + 1, 3, d->col_labels[2], th);
        row = h0 + 2;
    } else {
        /* a group over its columns on the upper row, the columns' labels under it; a column in
           no group over both rows */
        worksheet_merge_range(ws, h0, 0, h0 + 1, 0, d->item_header, th);
        for (size_t c = 0; c < d->ncols; c++) {
            lxw_col_t col = (lxw_col_t)(c + 1);
            const struct form_col_group *g = form_col_group_of(d, c);
            if (!g) {
                worksheet_merge_range(ws, h0, col, h0 + 1, col, d->col_labels[c], th);
                continue;
            }
            if (c == g->first) {
                if (g->n > 1)
                    worksheet_merge_range(ws, h0, col, h0, (lxw_col_t)(col + g->n - 1), g->label,
                                          th);
                else
                    worksheet_write_string(ws, h0, col, g->label, th);
            }
            worksheet_write_string(ws, h0 + 1, col, d->col_labels[c], th);
        }
        row = h0 + 2;
    }
    /* the numbering row */
    worksheet_write_string(ws, row, 0, "1", tnum);
    for (size_t c = 0; c < d->ncols; c++)
        worksheet_write_string(ws, row, (lxw_col_t)(c + 1), d->col_numbers[c], tnum);
    row++;
    for (size_t i = 0; i < r->nrows; i++, row++) {
        const struct form_row *fr = &r->rows[i];
        bool bold = fr->level == 0;
        lxw_format *lf = bold ? txtb : txt;
        if (fr->level)
            format_set_indent(lf, 0);
        char label[1100];
        snprintf(label, sizeof(label), "%*s%s", fr->level * 4, "", fr->label);
        worksheet_write_string(ws, row, 0, label, lf);
        for (size_t c = 0; c < d->ncols; c++) {
            const struct form_value *v = &fr->v[c];
            lxw_col_t col = (lxw_col_t)(c + 1);
            if (v->kind == FV_COUNT)
                worksheet_write_number(ws, row, col, (double)v->n, bold ? numb : num);
            else if (v->kind == FV_DECIMAL || v->kind == FV_PERCENT)
                worksheet_write_number(ws, row, col, (double)(int64_t)(v->x * 10 + 0.5) / 10.0,
                                       dec);
            else if (v->kind == FV_NOT_KEPT)
                worksheet_write_string(ws, row, col, "chưa theo dõi", nk);
            else
                worksheet_write_blank(ws, row, col, txt);
        }
    }
    row++;
    for (size_t i = 0; i < r->nnotes; i++, row++)
        worksheet_merge_range(ws, row, 0, row, last, r->notes[i], NULL);
    row++;
    /* footer: place and date | preparer | head of the board */
    lxw_col_t mid = last >= 2 ? last - 1 : last;
    worksheet_merge_range(ws, row, mid, row, last, "………, ngày … tháng … năm 20…", foot);
    row++;
    worksheet_write_string(ws, row, 0, "NGƯỜI LẬP BIỂU", footb);
    worksheet_merge_range(ws, row, mid, row, last, "TRƯỞNG BAN", footb);
    row++;
    worksheet_write_string(
        ws, row, 0, "(Ký, ghi rõ họ và tên; số điện thoại di động và cố định liên hệ)", foot);
    worksheet_merge_range(ws, row, mid, row, last, "(Ký, đóng dấu, ghi rõ họ và tên)", foot);
    buf_release(&iss);
    buf_release(&per);
    lxw_error le = workbook_close(wb);
    if (le != LXW_NO_ERROR)
        return tcxd_fail(e, TCXD_EIO, "output", "cannot write '%s': %s", path, lxw_strerror(le));
    return TCXD_OK;
}

static enum tcxd_err slurp(const char *path, struct buf *out, struct tcxd_error *e)
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

enum tcxd_err form_to_buf(const struct form_result *r, enum form_format f, struct buf *out,
                          struct tcxd_error *e)
{
    switch (f) {
    case FORM_FMT_TEXT:
        form_render_text(r, out);
        return TCXD_OK;
    case FORM_FMT_CSV:
        form_render_csv(r, out);
        return TCXD_OK;
    case FORM_FMT_JSON: {
        json_t *j = form_json(r);
        char *s = json_dumps(j, JSON_INDENT(2) | JSON_ENSURE_ASCII * 0);
        json_decref(j);
        if (!s)
            return tcxd_fail(e, TCXD_EINTERNAL, "", "cannot encode the form as JSON");
        buf_adds(out, s);
        buf_addch(out, '\n');
        free(s);
        return TCXD_OK;
    }
    default:
        break;
    }
    const char *dir = getenv("TMPDIR");
    struct buf path = BUF_INIT;
    buf_addf(&path, "%s/tcxd-form-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path.ptr);
    if (fd < 0) {
        enum tcxd_err rc = tcxd_fail(e, TCXD_EIO, "", "cannot create a temporary file in '%s': %s",
                                     dir && *dir ? dir : "/tmp", strerror(errno));
        buf_release(&path);
        return rc;
    }
    close(fd);
    enum tcxd_err rc =
        f == FORM_FMT_PDF ? form_write_pdf(r, path.ptr, e) : form_write_xlsx(r, path.ptr, e);
    if (rc == TCXD_OK)
        rc = slurp(path.ptr, out, e);
    unlink(path.ptr);
    buf_release(&path);
    return rc;
}
