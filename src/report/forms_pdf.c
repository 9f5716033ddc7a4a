/*
 * forms_pdf.c - a filled form on A4 for printing and signing (cairo + pango): the issuing
 * committee and "BAN TỔ CHỨC" with "Biểu số N-BTCTW", the title and period, the table with its
 * column headers and numbering row (repeated on each page), the notes, and the signature
 * footer (place and date, NGƯỜI LẬP BIỂU, TRƯỞNG BAN). Minimal on purpose: the import stream's
 * src/report/pdf.h page/table helper can replace the drawing here once it lands.
 */
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <stdlib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "report/forms.h"

#define A4_SHORT 595.28 /* A4 in points */
#define A4_LONG  841.89
#define FONT     "Liberation Serif"
/* Up to this many value columns a form prints on portrait A4; wider grids (the cadre forms'
   posts: 16 and 17 columns) on landscape. */
#define PORTRAIT_MAX_COLS 8

struct pdf {
    cairo_t *cr;
    double y;
    int page;
    double page_h, margin;
};

/* Draws text in a box of width w at (x, y); returns the height used. align: 0 left, 1 center,
   2 right. */
static double text(struct pdf *p, double x, double y, double w, const char *s, double size,
                   bool bold, bool italic, int align, bool draw)
{
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    PangoFontDescription *fd = pango_font_description_from_string(FONT);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    if (bold)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    if (italic)
        pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align == 1   ? PANGO_ALIGN_CENTER
                                  : align == 2 ? PANGO_ALIGN_RIGHT
                                               : PANGO_ALIGN_LEFT);
    pango_layout_set_text(l, s, -1);
    int tw, th;
    pango_layout_get_size(l, &tw, &th);
    if (draw) {
        cairo_move_to(p->cr, x, y);
        pango_cairo_show_layout(p->cr, l);
    }
    pango_font_description_free(fd);
    g_object_unref(l);
    return (double)th / PANGO_SCALE;
}

/* The width of s on one line. */
static double text_width(struct pdf *p, const char *s, double size, bool bold)
{
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    PangoFontDescription *fd = pango_font_description_from_string(FONT);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    if (bold)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_text(l, s, -1);
    int tw, th;
    pango_layout_get_size(l, &tw, &th);
    pango_font_description_free(fd);
    g_object_unref(l);
    return (double)tw / PANGO_SCALE;
}

/* The widest word of s (a label wraps between words, never inside one once it fits). */
static double widest_word(struct pdf *p, const char *s, double size, bool bold)
{
    double w = 0;
    char word[256];
    while (*s) {
        while (*s == ' ' || *s == '\n')
            s++;
        size_t n = strcspn(s, " \n");
        if (!n)
            break;
        if (n >= sizeof(word))
            n = sizeof(word) - 1;
        memcpy(word, s, n);
        word[n] = 0;
        double ww = text_width(p, word, size, bold);
        if (ww > w)
            w = ww;
        s += n;
    }
    return w;
}

static void box(struct pdf *p, double x, double y, double w, double h)
{
    cairo_set_line_width(p->cr, 0.5);
    cairo_rectangle(p->cr, x, y, w, h);
    cairo_stroke(p->cr);
}

struct grid {
    double x[FORM_MAX_COLS + 2]; /* column edges: label, values..., end */
    size_t ncols;
    double head_size; /* the header's font size: no word of a label broken */
    double value_size;
    bool groups; /* two header rows: groups over their columns */
};

/* The header: with groups, a group's label over its columns' labels and the other columns'
   labels over both rows; the numbering row under it. */
static void table_head(struct pdf *p, const struct form_result *r, const struct grid *g)
{
    const struct form_def *d = r->def;
    double hs = g->head_size, hg = 0, hc = 0;
    for (size_t c = 0; c <= d->ncols; c++) {
        const struct form_col_group *grp = c ? form_col_group_of(d, c - 1) : NULL;
        const char *s = c == 0 ? d->item_header : d->col_labels[c - 1];
        double th = text(p, 0, 0, g->x[c + 1] - g->x[c] - 4, s, hs, true, false, 1, false);
        if (grp && th > hc)
            hc = th;
        if (grp && c - 1 == grp->first) {
            double gw = g->x[c + grp->n] - g->x[c];
            double gh = text(p, 0, 0, gw - 4, grp->label, hs, true, false, 1, false);
            if (gh > hg)
                hg = gh;
        }
    }
    hg += 6;
    hc += 6;
    /* the cells over both rows need their own height */
    for (size_t c = 0; c <= d->ncols; c++) {
        if (c && form_col_group_of(d, c - 1))
            continue;
        const char *s = c == 0 ? d->item_header : d->col_labels[c - 1];
        double th = text(p, 0, 0, g->x[c + 1] - g->x[c] - 4, s, hs, true, false, 1, false) + 6;
        double have = g->groups ? hg + hc : hc;
        if (th > have)
            hc += th - have;
    }
    double h = g->groups ? hg + hc : hc;
    for (size_t c = 0; c <= d->ncols; c++) {
        const struct form_col_group *grp = c ? form_col_group_of(d, c - 1) : NULL;
        const char *s = c == 0 ? d->item_header : d->col_labels[c - 1];
        double cw = g->x[c + 1] - g->x[c];
        if (!grp) {
            double th = text(p, 0, 0, cw - 4, s, hs, true, false, 1, false);
            box(p, g->x[c], p->y, cw, h);
            text(p, g->x[c] + 2, p->y + (h - th) / 2, cw - 4, s, hs, true, false, 1, true);
            continue;
        }
        if (c - 1 == grp->first) {
            double gw = g->x[c + grp->n] - g->x[c];
            box(p, g->x[c], p->y, gw, hg);
            text(p, g->x[c] + 2, p->y + 3, gw - 4, grp->label, hs, true, false, 1, true);
        }
        box(p, g->x[c], p->y + hg, cw, hc);
        text(p, g->x[c] + 2, p->y + hg + 3, cw - 4, s, hs, true, false, 1, true);
    }
    p->y += h;
    double nh = 14;
    for (size_t c = 0; c <= d->ncols; c++) {
        box(p, g->x[c], p->y, g->x[c + 1] - g->x[c], nh);
        text(p, g->x[c] + 2, p->y + 2, g->x[c + 1] - g->x[c] - 4,
             c == 0 ? "1" : d->col_numbers[c - 1], 8.5, false, true, 1, true);
    }
    p->y += nh;
}

static void new_page(struct pdf *p)
{
    cairo_show_page(p->cr);
    p->page++;
    p->y = p->margin;
}

/* Pango, cairo and fontconfig keep process-wide caches (font maps, patterns). Only the font map
   is given back at exit: cairo_debug_reset_static_data() and FcFini() assert now and then
   (pango loads fonts on a thread of its own), so the tests suppress those libraries' leaks
   instead (tests/lsan.supp). */
static void pdf_cleanup(void)
{
    pango_cairo_font_map_set_default(NULL);
}

static void pdf_register_cleanup(void)
{
    atexit(pdf_cleanup);
}

enum tcxd_err form_write_pdf(const struct form_result *r, const char *path, struct tcxd_error *e)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, pdf_register_cleanup);
    const struct form_def *d = r->def;
    bool landscape = d->ncols > PORTRAIT_MAX_COLS;
    const double PAGE_W = landscape ? A4_LONG : A4_SHORT, PAGE_H = landscape ? A4_SHORT : A4_LONG,
                 MARGIN = landscape ? 34.0 : 42.0;
    cairo_surface_t *surf = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surf);
        return tcxd_fail(e, TCXD_EIO, "output", "cannot write '%s'", path);
    }
    char title[160];
    snprintf(title, sizeof(title), "Biểu số %s", d->number);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
    struct pdf p = {cairo_create(surf), MARGIN, 1, PAGE_H, MARGIN};
    cairo_set_source_rgb(p.cr, 0, 0, 0);
    double W = PAGE_W - 2 * MARGIN;

    /* header block */
    struct buf iss = BUF_INIT, per = BUF_INIT;
    form_issuer(r, &iss);
    double hl = text(&p, MARGIN, p.y, W * 0.5, iss.ptr, 11, false, false, 1, true);
    text(&p, MARGIN, p.y + hl, W * 0.5, "BAN TỔ CHỨC", 11, true, false, 1, true);
    text(&p, MARGIN + W * 0.6, p.y, W * 0.4, title, 11, true, false, 1, true);
    p.y += hl * 2 + 14;
    p.y += text(&p, MARGIN, p.y, W, "THỐNG KÊ", 13, true, false, 1, true);
    p.y += text(&p, MARGIN, p.y, W, d->title, 13, true, false, 1, true);
    if (d->subtitle)
        p.y += text(&p, MARGIN, p.y, W, d->subtitle, 11, false, true, 1, true);
    form_period_title(r, &per);
    p.y += text(&p, MARGIN, p.y, W, per.ptr, 11, true, false, 1, true) + 10;

    /* the grid: labels take what the value columns leave */
    struct grid g = {.ncols = d->ncols, .head_size = 9, .value_size = 9.5};
    double vw;
    if (!landscape)
        vw = d->ncols >= 7 ? 50 : d->ncols >= 5 ? 62 : 78;
    else {
        vw = (W - 170) / (double)d->ncols; /* the labels keep 170 pt */
        if (vw > 62)
            vw = 62;
    }
    double lw = W - vw * (double)d->ncols;
    g.x[0] = MARGIN;
    g.x[1] = MARGIN + lw;
    for (size_t c = 1; c <= d->ncols; c++)
        g.x[c + 1] = g.x[c] + vw;
    for (size_t c = 0; c < d->ncols; c++)
        if (form_col_group_of(d, c))
            g.groups = true;
    /* the header's size: every word of a column's (and a group's) label fits its box */
    for (; g.head_size > 6; g.head_size -= 0.5) {
        bool fits = true;
        for (size_t c = 0; c < d->ncols && fits; c++) {
            const struct form_col_group *grp = form_col_group_of(d, c);
            if (widest_word(&p, d->col_labels[c], g.head_size, true) > vw - 4 ||
                widest_word(&p, d->col_numbers[c], 8.5, false) > vw - 4)
                fits = false;
            if (grp && c == grp->first &&
                widest_word(&p, grp->label, g.head_size, true) > vw * (double)grp->n - 4)
                fits = false;
        }
        if (fits)
            break;
    }
    /* the figures' size: the widest figure fits its column */
    {
        struct buf v = BUF_INIT;
        for (size_t i = 0; i < r->nrows; i++)
            for (size_t c = 0; c < d->ncols; c++) {
                if (r->rows[i].v[c].kind != FV_COUNT && r->rows[i].v[c].kind != FV_DECIMAL &&
                    r->rows[i].v[c].kind != FV_PERCENT)
                    continue;
                buf_reset(&v);
                form_value_text(&r->rows[i].v[c], &v);
                while (g.value_size > 6 && text_width(&p, v.ptr, g.value_size, false) > vw - 4)
                    g.value_size -= 0.5;
            }
        buf_release(&v);
    }
    table_head(&p, r, &g);
    struct buf v = BUF_INIT;
    for (size_t i = 0; i < r->nrows; i++) {
        const struct form_row *row = &r->rows[i];
        double indent = 8.0 * row->level;
        bool bold = row->level == 0 && !row->heading ? true : row->heading;
        double h = text(&p, 0, 0, lw - 6 - indent, row->label, 9.5, bold, false, 0, false) + 4;
        if (p.y + h > PAGE_H - MARGIN) {
            new_page(&p);
            table_head(&p, r, &g);
        }
        box(&p, g.x[0], p.y, lw, h);
        text(&p, g.x[0] + 3 + indent, p.y + 2, lw - 6 - indent, row->label, 9.5, bold, false, 0,
             true);
        for (size_t c = 0; c < d->ncols; c++) {
            buf_reset(&v);
            form_value_text(&row->v[c], &v);
            box(&p, g.x[c + 1], p.y, vw, h);
            bool nk = row->v[c].kind == FV_NOT_KEPT;
            text(&p, g.x[c + 1] + 2, p.y + 2, vw - 4, v.ptr, nk ? 7.5 : g.value_size, false, nk,
                 nk ? 1 : 2, true);
        }
        p.y += h;
    }
    buf_release(&v);
    p.y += 8;
    for (size_t i = 0; i < r->nnotes; i++) {
        double h = text(&p, 0, 0, W, r->notes[i], 8.5, false, true, 0, false);
        if (p.y + h > PAGE_H - MARGIN)
            new_page(&p);
        p.y += text(&p, MARGIN, p.y, W, r->notes[i], 8.5, false, true, 0, true) + 2;
    }
    /* footer */
    if (p.y + 110 > PAGE_H - MARGIN)
        new_page(&p);
    p.y += 10;
    p.y += text(&p, MARGIN + W * 0.5, p.y, W * 0.5, "………, ngày … tháng … năm 20…", 10.5, false,
                true, 1, true) +
           4;
    text(&p, MARGIN, p.y, W * 0.5, "NGƯỜI LẬP BIỂU", 10.5, true, false, 1, true);
    double h2 = text(&p, MARGIN + W * 0.5, p.y, W * 0.5, "TRƯỞNG BAN", 10.5, true, false, 1, true);
    p.y += h2;
    text(&p, MARGIN, p.y, W * 0.5,
         "(Ký, ghi rõ họ và tên; số điện thoại di động và cố định liên hệ)", 9, false, true, 1,
         true);
    text(&p, MARGIN + W * 0.5, p.y, W * 0.5, "(Ký, đóng dấu, ghi rõ họ và tên)", 9, false, true, 1,
         true);
    buf_release(&iss);
    buf_release(&per);
    cairo_show_page(p.cr);
    cairo_destroy(p.cr);
    cairo_surface_finish(surf);
    cairo_status_t cs = cairo_surface_status(surf);
    cairo_surface_destroy(surf);
    if (cs != CAIRO_STATUS_SUCCESS)
        return tcxd_fail(e, TCXD_EIO, "output", "cannot write '%s': %s", path,
                         cairo_status_to_string(cs));
    return TCXD_OK;
}
