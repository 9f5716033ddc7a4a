/*
 * pdf.h - a small PDF layer for the Party's documents, on cairo + pango (Vietnamese shaping,
 * Unicode fonts through fontconfig).
 *
 * A document is A4 (portrait or landscape) with margins in millimetres; content flows down from
 * a cursor (pdf_y, mm below the top margin) and a block that does not fit goes to a new page.
 * Lengths are millimetres, font sizes points. Text is UTF-8: plain (pdf_text) or Pango markup
 * (pdf_markup: <b>, <i>, <u>; escape values with pdf_escape). The font is the Party's document
 * font, Times New Roman (Hướng dẫn 36-HD/VPTW), found as its metric twin Liberation Serif when
 * Times New Roman is not installed (scripts/install-deps.sh installs fonts-liberation2).
 *
 * The document format (Hướng dẫn 36-HD/VPTW ngày 03/4/2018 về thể thức văn bản của Đảng):
 * pdf_party_header draws the head - on the left the committee above (upright capitals) and the
 * issuing organization (bold capitals) with the star "*" under it (and a number "Số ...");
 * on the right "ĐẢNG CỘNG SẢN VIỆT NAM" (bold capitals, underlined) and the place and date
 * (italic); pdf_signature the signature block on the right (T/M ..., the post, the name); page
 * numbers are centred in the top margin from page 2.
 *
 *   struct pdf *p = pdf_new(&(struct pdf_page){.landscape = false, .top = 20, .bottom = 20,
 *                                              .left = 30, .right = 15});
 *   pdf_party_header(p, &hdr);
 *   pdf_text(p, "DANH SÁCH ĐẢNG VIÊN", &(struct pdf_font){.size = 14, .bold = true,
 *                                                            .align = PDF_CENTER});
 *   struct pdf_table t;
 *   pdf_table_begin(p, &t, cols, ncols, 10, true);  // ruled cells, header, a (1) (2) ... row
 *   pdf_table_row(&t, cells);                        // repeated header on a new page
 *   pdf_signature(p, &sig);
 *   struct buf out = BUF_INIT;
 *   rc = pdf_finish(p, &out, &e);                    // the PDF bytes; p is freed
 *
 * Not thread-safe per document; documents on different threads are independent.
 */
#ifndef TCXD_REPORT_PDF_H
#define TCXD_REPORT_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

struct pdf;

struct pdf_page {
    bool landscape;
    double top, bottom, left, right; /* margins, mm (0: the 36-HD/VPTW values 20, 20, 30, 15) */
};

enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT, PDF_JUSTIFY };

struct pdf_font {
    double size; /* points; 0: 13 */
    bool bold, italic, underline;
    enum pdf_align align;
};

struct pdf *pdf_new(const struct pdf_page *page);
/* Ends the document: out gets the PDF (appended). Frees p in all cases. */
enum tcxd_err pdf_finish(struct pdf *p, struct buf *out, struct tcxd_error *e) TCXD_WUR;
/* Frees p without output (an error path). */
void pdf_free(struct pdf *p);

double pdf_width(const struct pdf *p); /* the content width, mm */
double pdf_y(const struct pdf *p);     /* the cursor, mm below the top margin */
void pdf_skip(struct pdf *p, double mm);
void pdf_page_break(struct pdf *p);
/* A new page unless mm are left on this one. */
void pdf_need(struct pdf *p, double mm);
int pdf_page_count(const struct pdf *p);

/* Appends s with Pango markup's characters escaped. */
void pdf_escape(struct buf *out, const char *s);

/* A block of text across the content width at the cursor; the cursor moves below it. Returns
   its height (mm). A block taller than what is left starts a new page. */
double pdf_text(struct pdf *p, const char *text, const struct pdf_font *f);
double pdf_markup(struct pdf *p, const char *markup, const struct pdf_font *f);
/* Text in a box at (x, cursor) of width w (mm, from the left margin); the cursor does not move.
   Returns the height (mm). */
double pdf_text_at(struct pdf *p, double x, double w, const char *text, const struct pdf_font *f);
double pdf_markup_at(struct pdf *p, double x, double w, const char *markup,
                     const struct pdf_font *f);
/* A horizontal line at the cursor from x to x + w (mm). */
void pdf_hline(struct pdf *p, double x, double w, double width_pt);

/*
 * "label value ......" on one line: label in markup, the value plain, then a dotted leader to
 * the end of the line (the value and the dots wrap onto more lines when long). The cursor moves.
 */
void pdf_field(struct pdf *p, const char *label_markup, const char *value,
               const struct pdf_font *f);
/* n character boxes (cells side mm) at (x, cursor) with text's characters in them, a gap after
   box gap_after (0: none): the Phiếu's SỐ LÝ LỊCH and SỐ THẺ ĐẢNG VIÊN. Returns the width. */
double pdf_boxes(struct pdf *p, double x, double side, int n, int gap_after, const char *text,
                 const struct pdf_font *f);
/* An empty rectangle (the photo's place) at (x, cursor), w x h mm. */
void pdf_rect(struct pdf *p, double x, double w, double h);

/* The head of a Party document (see above). Lines may be NULL. The cursor moves below it. */
struct pdf_party_header {
    const char *upper;      /* the committee above, e.g. "ĐẢNG BỘ QUẬN BA ĐÌNH" */
    const char *issuer;     /* the issuing organization, e.g. "CHI BỘ KHU DÂN CƯ SỐ 1" */
    const char *number;     /* "Số 12-DS/CB" */
    const char *place_date; /* "Ba Đình, ngày 15 tháng 3 năm 2025" */
};
void pdf_party_header(struct pdf *p, const struct pdf_party_header *h);

/* The signature block on the right: "T/M CHI ỦY" (bold), the post ("BÍ THƯ", bold), room to
   sign, the name (bold). Lines may be NULL. */
struct pdf_signature {
    const char *on_behalf, *post, *name;
};
void pdf_signature(struct pdf *p, const struct pdf_signature *s);

/* A table with ruled cells: the header (bold, centred), optionally a row of column numbers
   (1), (2) ..., then rows; a row that does not fit goes to a new page under the header again.
   Widths are mm, scaled to the content width when they sum to more or less. */
struct pdf_table_col {
    const char *title; /* plain text; may hold '\n' */
    double width;
    enum pdf_align align;
};
struct pdf_table {
    struct pdf *p;
    const struct pdf_table_col *cols;
    size_t n;
    double size;   /* font size of the rows */
    bool numbered; /* the (1) (2) ... row under the header */
    double scale;
    int rows;
};
void pdf_table_begin(struct pdf *p, struct pdf_table *t, const struct pdf_table_col *cols, size_t n,
                     double size, bool numbered);
/* cells[n] plain texts (NULL = empty). */
void pdf_table_row(struct pdf_table *t, const char *const *cells);

#endif
