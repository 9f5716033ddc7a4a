/*
 * pdf.c - the PDF layer (pdf.h): cairo's PDF surface written into a buffer, text laid out by
 * pango (shaping, line breaking, justification), lengths kept in points inside.
 */
#include "report/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

#define PT_PER_MM   (72.0 / 25.4)
#define A4_W_MM     210.0
#define A4_H_MM     297.0
#define FONT_FAMILY "Times New Roman,Liberation Serif,DejaVu Serif"

struct pdf {
    cairo_surface_t *surf;
    cairo_t *cr;
    struct buf out;
    double pw, ph;                   /* page, pt */
    double top, bottom, left, right; /* margins, pt */
    double y;                        /* cursor, pt below the top margin */
    int page;
};

static double mm(double v)
{
    return v * PT_PER_MM;
}

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
    buf_add(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

static void page_start(struct pdf *p)
{
    p->page++;
    p->y = 0;
    if (p->page < 2)
        return;
    /* the page number, centred in the top margin (36-HD/VPTW: from page 2) */
    char num[16];
    snprintf(num, sizeof(num), "%d", p->page);
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    PangoFontDescription *fd = pango_font_description_from_string(FONT_FAMILY);
    pango_font_description_set_absolute_size(fd, 12 * PANGO_SCALE);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(l, num, -1);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    cairo_move_to(p->cr, (p->pw - (double)w / PANGO_SCALE) / 2,
                  p->top / 2 - (double)h / PANGO_SCALE / 2);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
}

struct pdf *pdf_new(const struct pdf_page *page)
{
    struct pdf *p = xcalloc(1, sizeof(*p));
    buf_init(&p->out, 1 << 16);
    bool land = page && page->landscape;
    p->pw = mm(land ? A4_H_MM : A4_W_MM);
    p->ph = mm(land ? A4_W_MM : A4_H_MM);
    p->top = mm(page && page->top > 0 ? page->top : 20);
    p->bottom = mm(page && page->bottom > 0 ? page->bottom : 20);
    p->left = mm(page && page->left > 0 ? page->left : 30);
    p->right = mm(page && page->right > 0 ? page->right : 15);
    p->surf = cairo_pdf_surface_create_for_stream(write_cb, &p->out, p->pw, p->ph);
    p->cr = cairo_create(p->surf);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    page_start(p);
    return p;
}

void pdf_free(struct pdf *p)
{
    if (!p)
        return;
    cairo_destroy(p->cr);
    cairo_surface_destroy(p->surf);
    buf_release(&p->out);
    free(p);
}

enum tcxd_err pdf_finish(struct pdf *p, struct buf *out, struct tcxd_error *e)
{
    cairo_show_page(p->cr);
    cairo_destroy(p->cr);
    p->cr = NULL;
    cairo_surface_finish(p->surf);
    cairo_status_t st = cairo_surface_status(p->surf);
    cairo_surface_destroy(p->surf);
    p->surf = NULL;
    enum tcxd_err rc = TCXD_OK;
    if (st != CAIRO_STATUS_SUCCESS)
        rc =
            tcxd_fail(e, TCXD_EINTERNAL, "", "cannot make the PDF: %s", cairo_status_to_string(st));
    else
        buf_add(out, p->out.ptr, p->out.len);
    buf_release(&p->out);
    free(p);
    return rc;
}

static double content_w(const struct pdf *p)
{
    return p->pw - p->left - p->right;
}

static double room(const struct pdf *p)
{
    return p->ph - p->top - p->bottom - p->y;
}

double pdf_width(const struct pdf *p)
{
    return content_w(p) / PT_PER_MM;
}

double pdf_y(const struct pdf *p)
{
    return p->y / PT_PER_MM;
}

int pdf_page_count(const struct pdf *p)
{
    return p->page;
}

void pdf_skip(struct pdf *p, double v)
{
    p->y += mm(v);
}

void pdf_page_break(struct pdf *p)
{
    cairo_show_page(p->cr);
    page_start(p);
}

void pdf_need(struct pdf *p, double v)
{
    if (room(p) < mm(v) && p->y > 0)
        pdf_page_break(p);
}

void pdf_escape(struct buf *out, const char *s)
{
    char *x = g_markup_escape_text(s ? s : "", -1);
    buf_adds(out, x);
    g_free(x);
}

static PangoLayout *layout(struct pdf *p, const char *text, bool markup, double w,
                           const struct pdf_font *f)
{
    static const struct pdf_font dflt = {0};
    if (!f)
        f = &dflt;
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    PangoFontDescription *fd = pango_font_description_from_string(FONT_FAMILY);
    pango_font_description_set_absolute_size(fd, (f->size > 0 ? f->size : 13) * PANGO_SCALE);
    if (f->bold)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    if (f->italic)
        pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, f->align == PDF_CENTER  ? PANGO_ALIGN_CENTER
                                  : f->align == PDF_RIGHT ? PANGO_ALIGN_RIGHT
                                                          : PANGO_ALIGN_LEFT);
    pango_layout_set_justify(l, f->align == PDF_JUSTIFY);
    if (markup)
        pango_layout_set_markup(l, text, -1);
    else
        pango_layout_set_text(l, text ? text : "", -1);
    if (f->underline) {
        PangoAttrList *al = pango_layout_get_attributes(l);
        al = al ? pango_attr_list_copy(al) : pango_attr_list_new();
        pango_attr_list_insert(al, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
        pango_layout_set_attributes(l, al);
        pango_attr_list_unref(al);
    }
    return l;
}

static double layout_h(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

/* Draws l at (x, y) pt from the content's top left. */
static void show(struct pdf *p, PangoLayout *l, double x, double y)
{
    cairo_move_to(p->cr, p->left + x, p->top + y);
    pango_cairo_show_layout(p->cr, l);
}

static double block(struct pdf *p, const char *text, bool markup, const struct pdf_font *f)
{
    PangoLayout *l = layout(p, text, markup, content_w(p), f);
    double h = layout_h(l);
    if (h > room(p) && p->y > 0)
        pdf_page_break(p);
    show(p, l, 0, p->y);
    p->y += h;
    g_object_unref(l);
    return h / PT_PER_MM;
}

double pdf_text(struct pdf *p, const char *text, const struct pdf_font *f)
{
    return block(p, text, false, f);
}

double pdf_markup(struct pdf *p, const char *markup, const struct pdf_font *f)
{
    return block(p, markup, true, f);
}

static double at(struct pdf *p, double x, double w, const char *text, bool markup,
                 const struct pdf_font *f)
{
    PangoLayout *l = layout(p, text, markup, mm(w), f);
    double h = layout_h(l);
    show(p, l, mm(x), p->y);
    g_object_unref(l);
    return h / PT_PER_MM;
}

double pdf_text_at(struct pdf *p, double x, double w, const char *text, const struct pdf_font *f)
{
    return at(p, x, w, text, false, f);
}

double pdf_markup_at(struct pdf *p, double x, double w, const char *markup,
                     const struct pdf_font *f)
{
    return at(p, x, w, markup, true, f);
}

static void line(struct pdf *p, double x0, double y0, double x1, double y1, double width)
{
    cairo_set_line_width(p->cr, width);
    cairo_move_to(p->cr, p->left + x0, p->top + y0);
    cairo_line_to(p->cr, p->left + x1, p->top + y1);
    cairo_stroke(p->cr);
}

void pdf_hline(struct pdf *p, double x, double w, double width_pt)
{
    line(p, mm(x), p->y, mm(x + w), p->y, width_pt);
}

void pdf_field(struct pdf *p, const char *label_markup, const char *value, const struct pdf_font *f)
{
    struct buf m = BUF_INIT;
    buf_adds(&m, label_markup);
    if (value && *value) {
        buf_addch(&m, ' ');
        pdf_escape(&m, value);
    }
    PangoLayout *l = layout(p, m.ptr, true, content_w(p), f);
    double h = layout_h(l);
    if (h > room(p) && p->y > 0)
        pdf_page_break(p);
    show(p, l, 0, p->y);
    /* the dotted leader from the end of the last line to the right margin, on its baseline */
    PangoLayoutIter *it = pango_layout_get_iter(l);
    while (!pango_layout_iter_at_last_line(it))
        pango_layout_iter_next_line(it);
    PangoRectangle ink, logical;
    pango_layout_iter_get_line_extents(it, &ink, &logical);
    double base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
    pango_layout_iter_free(it);
    double x0 = (double)(logical.x + logical.width) / PANGO_SCALE + mm(1);
    double x1 = content_w(p);
    if (x1 - x0 > mm(2)) {
        double dash[2] = {0.01, 2.2};
        cairo_save(p->cr);
        cairo_set_line_cap(p->cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_dash(p->cr, dash, 2, 0);
        line(p, x0, p->y + base, x1, p->y + base, 0.9);
        cairo_restore(p->cr);
    }
    p->y += h;
    g_object_unref(l);
    buf_release(&m);
}

double pdf_boxes(struct pdf *p, double x, double side, int n, int gap_after, const char *text,
                 const struct pdf_font *f)
{
    const char *s = text ? text : "";
    double cx = mm(x), sd = mm(side);
    cairo_set_line_width(p->cr, 0.6);
    for (int i = 0; i < n; i++) {
        if (gap_after && i == gap_after)
            cx += sd / 2;
        cairo_rectangle(p->cr, p->left + cx, p->top + p->y, sd, sd);
        cairo_stroke(p->cr);
        if (*s) {
            size_t k = 1;
            while (s[k] && ((unsigned char)s[k] & 0xC0) == 0x80)
                k++;
            char ch[8] = {0};
            memcpy(ch, s, k < 7 ? k : 7);
            s += k;
            struct pdf_font cf = f ? *f : (struct pdf_font){0};
            cf.align = PDF_CENTER;
            PangoLayout *l = layout(p, ch, false, sd, &cf);
            show(p, l, cx, p->y + (sd - layout_h(l)) / 2);
            g_object_unref(l);
        }
        cx += sd;
    }
    return (cx - mm(x)) / PT_PER_MM;
}

void pdf_rect(struct pdf *p, double x, double w, double h)
{
    cairo_set_line_width(p->cr, 0.6);
    cairo_rectangle(p->cr, p->left + mm(x), p->top + p->y, mm(w), mm(h));
    cairo_stroke(p->cr);
}

void pdf_party_header(struct pdf *p, const struct pdf_party_header *h)
{
    double w = content_w(p), lw = w * 0.45, rx = w * 0.42, rw = w - rx;
    double y0 = p->y, yl = y0, yr = y0;
    struct pdf_font upper = {.size = 14, .align = PDF_CENTER};
    struct pdf_font issuer = {.size = 14, .bold = true, .align = PDF_CENTER};
    struct pdf_font plain = {.size = 14, .align = PDF_CENTER};
    struct pdf_font nation = {.size = 15, .bold = true, .align = PDF_CENTER};
    struct pdf_font date = {.size = 14, .italic = true, .align = PDF_CENTER};
    const struct {
        const char *text;
        const struct pdf_font *f;
    } left[] = {{h->upper, &upper}, {h->issuer, &issuer}, {"*", &plain}, {h->number, &plain}};
    for (size_t i = 0; i < sizeof(left) / sizeof(left[0]); i++) {
        if (!left[i].text || !*left[i].text)
            continue;
        PangoLayout *l = layout(p, left[i].text, false, lw, left[i].f);
        show(p, l, 0, yl);
        yl += layout_h(l);
        g_object_unref(l);
    }
    /* ĐẢNG CỘNG SẢN VIỆT NAM, a line under it as long as the words */
    PangoLayout *l = layout(p, "ĐẢNG CỘNG SẢN VIỆT NAM", false, rw, &nation);
    show(p, l, rx, yr);
    PangoRectangle ink, logical;
    pango_layout_get_extents(l, &ink, &logical);
    double tw = (double)logical.width / PANGO_SCALE, tx = rx + (double)logical.x / PANGO_SCALE;
    yr += layout_h(l);
    g_object_unref(l);
    line(p, tx, yr + mm(0.5), tx + tw, yr + mm(0.5), 0.7);
    yr += mm(4);
    if (h->place_date && *h->place_date) {
        l = layout(p, h->place_date, false, rw, &date);
        show(p, l, rx, yr);
        yr += layout_h(l);
        g_object_unref(l);
    }
    p->y = (yl > yr ? yl : yr) + mm(6);
}

void pdf_signature(struct pdf *p, const struct pdf_signature *s)
{
    pdf_need(p, 45);
    double w = content_w(p) / PT_PER_MM;
    double x = w * 0.5, sw = w * 0.5;
    struct pdf_font bold = {.size = 14, .bold = true, .align = PDF_CENTER};
    double y0 = pdf_y(p);
    if (s->on_behalf && *s->on_behalf)
        pdf_skip(p, pdf_text_at(p, x, sw, s->on_behalf, &bold));
    if (s->post && *s->post)
        pdf_skip(p, pdf_text_at(p, x, sw, s->post, &bold));
    pdf_skip(p, 25);
    if (s->name && *s->name)
        pdf_skip(p, pdf_text_at(p, x, sw, s->name, &bold));
    (void)y0;
}

/* ---- tables ---- */

#define CELL_PAD 1.2 /* mm */

static double cell_h(struct pdf *p, const char *text, double w, const struct pdf_font *f)
{
    PangoLayout *l = layout(p, text ? text : "", false, w - mm(2 * CELL_PAD), f);
    double h = layout_h(l);
    g_object_unref(l);
    return h + mm(2 * CELL_PAD);
}

/* One ruled row of cells at the cursor, each vertically at the top (middle when centred). */
static void draw_row(struct pdf_table *t, const char *const *cells, const struct pdf_font *fonts,
                     bool middle)
{
    struct pdf *p = t->p;
    double h = 0;
    for (size_t i = 0; i < t->n; i++) {
        double c = cell_h(p, cells[i], mm(t->cols[i].width) * t->scale, &fonts[i]);
        if (c > h)
            h = c;
    }
    double x = 0;
    cairo_set_line_width(p->cr, 0.5);
    for (size_t i = 0; i < t->n; i++) {
        double w = mm(t->cols[i].width) * t->scale;
        cairo_rectangle(p->cr, p->left + x, p->top + p->y, w, h);
        cairo_stroke(p->cr);
        if (cells[i] && *cells[i]) {
            PangoLayout *l = layout(p, cells[i], false, w - mm(2 * CELL_PAD), &fonts[i]);
            double dy = middle ? (h - layout_h(l)) / 2 : mm(CELL_PAD);
            show(p, l, x + mm(CELL_PAD), p->y + dy);
            g_object_unref(l);
        }
        x += w;
    }
    p->y += h;
}

static double row_height(struct pdf_table *t, const char *const *cells,
                         const struct pdf_font *fonts)
{
    double h = 0;
    for (size_t i = 0; i < t->n; i++) {
        double c = cell_h(t->p, cells[i], mm(t->cols[i].width) * t->scale, &fonts[i]);
        if (c > h)
            h = c;
    }
    return h;
}

static void table_head(struct pdf_table *t)
{
    const char **titles = xcalloc(t->n, sizeof(*titles));
    struct pdf_font *fonts = xcalloc(t->n, sizeof(*fonts));
    for (size_t i = 0; i < t->n; i++) {
        titles[i] = t->cols[i].title;
        fonts[i] = (struct pdf_font){.size = t->size, .bold = true, .align = PDF_CENTER};
    }
    draw_row(t, titles, fonts, true);
    if (t->numbered) {
        char(*num)[24] = xcalloc(t->n, sizeof(*num));
        for (size_t i = 0; i < t->n; i++) {
            snprintf(num[i], sizeof(num[i]), "(%zu)", i + 1);
            titles[i] = num[i];
            fonts[i] = (struct pdf_font){.size = t->size - 1, .italic = true, .align = PDF_CENTER};
        }
        draw_row(t, titles, fonts, true);
        free(num);
    }
    free(titles);
    free(fonts);
}

void pdf_table_begin(struct pdf *p, struct pdf_table *t, const struct pdf_table_col *cols, size_t n,
                     double size, bool numbered)
{
    memset(t, 0, sizeof(*t));
    t->p = p;
    t->cols = cols;
    t->n = n;
    t->size = size > 0 ? size : 11;
    t->numbered = numbered;
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += cols[i].width;
    t->scale = sum > 0 ? pdf_width(p) / sum : 1;
    pdf_need(p, 30);
    table_head(t);
}

void pdf_table_row(struct pdf_table *t, const char *const *cells)
{
    struct pdf_font *fonts = xcalloc(t->n, sizeof(*fonts));
    for (size_t i = 0; i < t->n; i++)
        fonts[i] = (struct pdf_font){.size = t->size, .align = t->cols[i].align};
    double h = row_height(t, cells, fonts);
    if (h > room(t->p) && t->p->y > 0) {
        pdf_page_break(t->p);
        table_head(t);
    }
    draw_row(t, cells, fonts, false);
    t->rows++;
    free(fonts);
}
