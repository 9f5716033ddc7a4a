/*
 * xlsx_read.c - the first worksheet of an XLSX workbook, row by row (libzip + expat).
 *
 * An XLSX file is a zip of XML parts. We read xl/workbook.xml (first sheet, 1904 date system),
 * its relationships (where the sheet and the shared strings are), the shared strings table, and
 * then stream the sheet through expat without ever holding it decompressed in memory. Cell types:
 * s (shared string), inlineStr, str (formula text), n or none (number), b (boolean, "1"/"0"),
 * e (error text like "#N/A"), d (ISO date text). Formulas give their cached value. Namespaces
 * are resolved, so prefixed parts (x:row) read the same. A DOCTYPE is refused (no entity tricks).
 */
#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "io/table.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define NS_SEP '|'

/* First member of every parser's user data, so shared handlers can reach the parser. */
struct xml_head {
    XML_Parser p;
    bool doctype; /* stopped because the part has a DOCTYPE */
    bool stopped; /* stopped by a handler: struct xlsx's rc says why */
};

struct xlsx {
    zip_t *zip;
    size_t xml_read; /* decompressed bytes so far, all parts */
    struct tcxd_error *e;
    enum tcxd_err rc;
};

/* Local name of an expat namespace-qualified name "uri|local". */
static const char *local(const char *name)
{
    const char *p = strrchr(name, NS_SEP);
    return p ? p + 1 : name;
}

static const char *attr(const char **atts, const char *lname)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (!strcmp(local(atts[i]), lname))
            return atts[i + 1];
    return NULL;
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal)
{
    struct xml_head *h = ud;
    h->doctype = true;
    XML_StopParser(h->p, XML_FALSE);
}

/* Streams one part of the zip through a parser set up by the caller. Returns TCXD_OK,
   ENOTFOUND when the part is missing (only if optional), or an error. progress gets
   (done, total) of the part's uncompressed size. */
static enum tcxd_err parse_part(struct xlsx *x, const char *name, bool optional, struct xml_head *h,
                                void (*progress)(void *, size_t, size_t), void *pctx)
{
    XML_Parser p = h->p;
    zip_stat_t zs;
    zip_stat_init(&zs);
    if (zip_stat(x->zip, name, 0, &zs) != 0) {
        if (optional)
            return TCXD_ENOTFOUND;
        return tcxd_fail(x->e, TCXD_EINVAL, "file", "not an XLSX workbook: part %s is missing",
                         name);
    }
    zip_file_t *f = zip_fopen(x->zip, name, 0);
    if (!f)
        return tcxd_fail(x->e, TCXD_EINVAL, "file", "damaged XLSX file: cannot open part %s: %s",
                         name, zip_strerror(x->zip));
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    enum tcxd_err rc = TCXD_OK;
    size_t done = 0, next = 1 << 20;
    for (;;) {
        void *chunk = XML_GetBuffer(p, 1 << 16);
        if (!chunk)
            BUG("out of memory in expat");
        zip_int64_t n = zip_fread(f, chunk, 1 << 16);
        if (n < 0) {
            rc = tcxd_fail(x->e, TCXD_EINVAL, "file", "damaged XLSX file: reading %s: %s", name,
                           zip_file_strerror(f));
            break;
        }
        x->xml_read += (size_t)n;
        done += (size_t)n;
        if (x->xml_read > IO_XLSX_MAX_XML) {
            rc = tcxd_fail(x->e, TCXD_ETOOBIG, "file",
                           "XLSX file too large: more than %zu bytes of XML once decompressed",
                           IO_XLSX_MAX_XML);
            break;
        }
        if (XML_ParseBuffer(p, (int)n, n == 0) != XML_STATUS_OK) {
            if (XML_GetErrorCode(p) == XML_ERROR_ABORTED) {
                if (h->doctype)
                    rc = tcxd_fail(x->e, TCXD_EINVAL, "file",
                                   "XLSX part %s has a DOCTYPE, which is not allowed", name);
                else
                    rc = x->rc; /* a handler stopped: its error (or OK for an early stop) */
            } else {
                rc = tcxd_fail(x->e, TCXD_EINVAL, "file", "damaged XLSX file: %s line %lu: %s",
                               name, (unsigned long)XML_GetCurrentLineNumber(p),
                               XML_ErrorString(XML_GetErrorCode(p)));
            }
            break;
        }
        if (progress && done >= next) {
            progress(pctx, done, (size_t)zs.size);
            next += 1 << 20;
        }
        if (n == 0)
            break;
    }
    zip_fclose(f);
    return rc;
}

/* ---- workbook.xml and its relationships ------------------------------------------------- */

struct wb_state {
    struct xml_head h;
    char sheet_rid[256];
    bool have_sheet;
    bool date1904;
};

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct wb_state *w = ud;
    const char *ln = local(name);
    if (!strcmp(ln, "sheet") && !w->have_sheet) {
        const char *rid = attr(atts, "id");
        if (rid) {
            snprintf(w->sheet_rid, sizeof(w->sheet_rid), "%s", rid);
            w->have_sheet = true;
        }
    } else if (!strcmp(ln, "workbookPr")) {
        const char *d = attr(atts, "date1904");
        w->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
    }
}

struct rels_state {
    struct xml_head h;
    const char *want_id;
    char sheet_target[512];
    char styles_target[512];
    char sst_target[512];
};

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct rels_state *r = ud;
    if (strcmp(local(name), "Relationship"))
        return;
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
    if (!target || !type)
        return;
    size_t tl = strlen(type);
    if (id && r->want_id && !strcmp(id, r->want_id))
        snprintf(r->sheet_target, sizeof(r->sheet_target), "%s", target);
    else if (tl >= 14 && !strcmp(type + tl - 14, "/sharedStrings"))
        snprintf(r->sst_target, sizeof(r->sst_target), "%s", target);
    else if (tl >= 7 && !strcmp(type + tl - 7, "/styles"))
        snprintf(r->styles_target, sizeof(r->styles_target), "%s", target);
}

/* A relationship target is relative to xl/ unless it starts with '/'. */
static void part_path(const char *target, char *out, size_t n)
{
    if (target[0] == '/')
        snprintf(out, n, "%.1000s", target + 1);
    else
        snprintf(out, n, "xl/%.1000s", target);
}

/* ---- shared strings --------------------------------------------------------------------- */

struct sst_state {
    struct xml_head h;
    struct buf text; /* all strings, each NUL-terminated */
    size_t *off;     /* start of string i */
    size_t n, cap;
    int in_si, in_t, in_rph;
    size_t cur_start;
};

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct sst_state *s = ud;
    const char *ln = local(name);
    if (!strcmp(ln, "si")) {
        s->in_si = 1;
        s->cur_start = s->text.len;
    } else if (!strcmp(ln, "rPh")) {
        s->in_rph++;
    } else if (!strcmp(ln, "t") && s->in_si && !s->in_rph) {
        s->in_t = 1;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    struct sst_state *s = ud;
    const char *ln = local(name);
    if (!strcmp(ln, "si")) {
        buf_addch(&s->text, '\0');
        ALLOC_GROW(s->off, s->n + 1, s->cap);
        s->off[s->n++] = s->cur_start;
        s->in_si = 0;
    } else if (!strcmp(ln, "rPh")) {
        s->in_rph--;
    } else if (!strcmp(ln, "t")) {
        s->in_t = 0;
    }
}

static void XMLCALL sst_text(void *ud, const XML_Char *t, int len)
{
    struct sst_state *s = ud;
    if (s->in_t)
        buf_add(&s->text, t, (size_t)len);
}

/* ---- styles: the number formats that show leading zeros ------------------------------------ */

/*
 * A number typed into a cell formatted "000000000000" (the usual way to show a CCCD's or a
 * party card's leading zeros without making the column Text) is stored as the bare number;
 * what the sheet shows - and what the user means - is the zero-padded text. So the widths of
 * such formats are read from xl/styles.xml: cell style i (cellXfs) -> numFmtId -> formatCode,
 * and a formatCode whose first section is only '0's pads to its length.
 */
struct styles_state {
    struct xml_head h;
    struct fmt_pad {
        long id;
        int width;
    } * fmts;
    size_t nfmts, fmts_cap;
    int in_xfs;
    unsigned char *pad; /* cell style -> width to pad to (0: none) */
    size_t npad, pad_cap;
};

static int zeros_width(const char *code)
{
    int n = 0;
    for (; *code && *code != ';'; code++) {
        if (*code != '0')
            return 0;
        n++;
    }
    return n >= 2 && n <= 30 ? n : 0;
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct styles_state *s = ud;
    const char *ln = local(name);
    if (!strcmp(ln, "numFmt")) {
        const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
        int w = code ? zeros_width(code) : 0;
        if (id && w) {
            ALLOC_GROW(s->fmts, s->nfmts + 1, s->fmts_cap);
            s->fmts[s->nfmts].id = strtol(id, NULL, 10);
            s->fmts[s->nfmts++].width = w;
        }
    } else if (!strcmp(ln, "cellXfs")) {
        s->in_xfs = 1;
    } else if (!strcmp(ln, "xf") && s->in_xfs) {
        const char *id = attr(atts, "numFmtId");
        long fid = id ? strtol(id, NULL, 10) : 0;
        int w = 0;
        for (size_t i = 0; i < s->nfmts; i++)
            if (s->fmts[i].id == fid)
                w = s->fmts[i].width;
        ALLOC_GROW(s->pad, s->npad + 1, s->pad_cap);
        s->pad[s->npad++] = (unsigned char)w;
    }
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
    struct styles_state *s = ud;
    if (!strcmp(local(name), "cellXfs"))
        s->in_xfs = 0;
}

/* ---- the sheet -------------------------------------------------------------------------- */

enum cell_type { CT_NUMBER, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL, CT_ERROR, CT_DATE };

struct sheet_state {
    struct xml_head h;
    struct xlsx *x;
    const struct sst_state *sst;
    const struct styles_state *styles;
    int pad; /* the current cell's zero-padding width (its style's number format) */
    io_row_fn fn;
    void *ctx;
    struct io_table_info info;
    long row_no; /* current row number */
    long last_row;
    int in_row, in_c, in_v, in_is, in_t, in_rph;
    long col;      /* current cell's 0-based column */
    long last_col; /* previous cell's column in this row */
    enum cell_type type;
    struct buf val;    /* current cell's text */
    struct buf padded; /* a number cell's text with its format's leading zeros */
    struct buf row;    /* row cell texts, NUL-terminated */
    struct cell_slot {
        size_t off, len;
        bool number, set;
    } * slots;
    size_t nslots, slots_cap;
    struct io_cell *cells;
    size_t cells_cap;
};

static void sheet_fail(struct sheet_state *s, enum tcxd_err rc)
{
    s->x->rc = rc;
    s->h.stopped = true;
    XML_StopParser(s->h.p, XML_FALSE);
}

/* Column letters of a cell reference ("AB12" -> 27); -1 when there are none or too many. */
static long ref_col(const char *r)
{
    long c = 0;
    int k = 0;
    for (; *r >= 'A' && *r <= 'Z'; r++, k++) {
        if (k >= 3)
            return -1;
        c = c * 26 + (*r - 'A' + 1);
    }
    return k ? c - 1 : -1;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct sheet_state *s = ud;
    if (s->h.stopped)
        return;
    const char *ln = local(name);
    if (!strcmp(ln, "row")) {
        const char *r = attr(atts, "r");
        long n = r ? strtol(r, NULL, 10) : s->last_row + 1;
        if (n <= s->last_row || n > 1048576) {
            sheet_fail(s, tcxd_fail_at(s->x->e, TCXD_EINVAL, "file", s->last_row + 1,
                                       "damaged XLSX sheet: row number %ld after row %ld", n,
                                       s->last_row));
            return;
        }
        s->row_no = n;
        s->in_row = 1;
        s->nslots = 0;
        s->last_col = -1;
        buf_reset(&s->row);
    } else if (!strcmp(ln, "c") && s->in_row) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t");
        long c = r ? ref_col(r) : s->last_col + 1;
        if (c < 0 || c <= s->last_col) {
            sheet_fail(s, tcxd_fail_at(s->x->e, TCXD_EINVAL, "file", s->row_no,
                                       "damaged XLSX sheet: bad cell reference '%s' in row %ld",
                                       r ? r : "", s->row_no));
            return;
        }
        if (c >= IO_COLS_MAX) {
            sheet_fail(s, tcxd_fail_at(s->x->e, TCXD_ETOOBIG, "file", s->row_no,
                                       "row %ld: a cell in column %ld, past the %d columns read",
                                       s->row_no, c + 1, IO_COLS_MAX));
            return;
        }
        s->col = c;
        s->in_c = 1;
        buf_reset(&s->val);
        s->type = CT_NUMBER;
        const char *st = attr(atts, "s");
        long si = st ? strtol(st, NULL, 10) : -1;
        s->pad = si >= 0 && (size_t)si < s->styles->npad ? s->styles->pad[si] : 0;
        if (t) {
            if (!strcmp(t, "s"))
                s->type = CT_SHARED;
            else if (!strcmp(t, "inlineStr"))
                s->type = CT_INLINE;
            else if (!strcmp(t, "str"))
                s->type = CT_STR;
            else if (!strcmp(t, "b"))
                s->type = CT_BOOL;
            else if (!strcmp(t, "e"))
                s->type = CT_ERROR;
            else if (!strcmp(t, "d"))
                s->type = CT_DATE;
        }
    } else if (!strcmp(ln, "v") && s->in_c) {
        s->in_v = 1;
    } else if (!strcmp(ln, "is") && s->in_c) {
        s->in_is = 1;
    } else if (!strcmp(ln, "rPh") && s->in_is) {
        s->in_rph++;
    } else if (!strcmp(ln, "t") && s->in_is && !s->in_rph) {
        s->in_t = 1;
    }
}

static void finish_cell(struct sheet_state *s)
{
    const char *v = s->val.ptr;
    size_t len = s->val.len;
    bool number = false;
    if (s->type == CT_SHARED) {
        char *end;
        long i = strtol(v, &end, 10);
        if (!len || *end || i < 0 || (size_t)i >= s->sst->n) {
            sheet_fail(s, tcxd_fail_at(s->x->e, TCXD_EINVAL, "file", s->row_no,
                                       "damaged XLSX sheet: row %ld refers to shared string '%s' "
                                       "that does not exist",
                                       s->row_no, v));
            return;
        }
        v = s->sst->text.ptr + s->sst->off[i];
        len = strlen(v);
    } else if (s->type == CT_NUMBER) {
        number = len > 0;
        /* a whole number shown with leading zeros: the text shown */
        if (number && s->pad && len < (size_t)s->pad && strspn(v, "0123456789") == len) {
            buf_reset(&s->padded);
            for (size_t k = len; k < (size_t)s->pad; k++)
                buf_addch(&s->padded, '0');
            buf_add(&s->padded, v, len);
            v = s->padded.ptr;
            len = s->padded.len;
            number = false;
        }
    } else if (s->type == CT_DATE) {
        const char *tpos = memchr(v, 'T', len);
        if (tpos)
            len = (size_t)(tpos - v);
    }
    if (len > IO_CELL_MAX) {
        sheet_fail(s, tcxd_fail_at(s->x->e, TCXD_ETOOBIG, "file", s->row_no,
                                   "row %ld: a cell of %zu bytes is too long (at most %d bytes)",
                                   s->row_no, len, IO_CELL_MAX));
        return;
    }
    ALLOC_GROW(s->slots, (size_t)s->col + 1, s->slots_cap);
    while (s->nslots <= (size_t)s->col) {
        s->slots[s->nslots].set = false;
        s->slots[s->nslots].len = 0;
        s->slots[s->nslots].number = false;
        s->nslots++;
    }
    struct cell_slot *sl = &s->slots[s->col];
    sl->set = true;
    sl->off = s->row.len;
    sl->len = len;
    sl->number = number;
    buf_add(&s->row, v, len);
    buf_addch(&s->row, '\0');
    s->last_col = s->col;
}

static void finish_row(struct sheet_state *s)
{
    s->last_row = s->row_no;
    bool any = false;
    for (size_t i = 0; i < s->nslots; i++)
        any = any || (s->slots[i].set && s->slots[i].len > 0);
    if (!any)
        return;
    /* trailing empty cells are dropped, as a CSV export would */
    size_t n = s->nslots;
    while (n && (!s->slots[n - 1].set || !s->slots[n - 1].len))
        n--;
    ALLOC_GROW(s->cells, n, s->cells_cap);
    static const char empty[] = "";
    for (size_t i = 0; i < n; i++) {
        const struct cell_slot *sl = &s->slots[i];
        s->cells[i].ptr = sl->set ? s->row.ptr + sl->off : empty;
        s->cells[i].len = sl->set ? sl->len : 0;
        s->cells[i].number = sl->set && sl->number;
        s->cells[i].line = s->row_no;
    }
    struct io_row r = {s->cells, n, s->row_no, s->row_no};
    if (s->fn(s->ctx, &s->info, &r)) {
        s->x->rc = TCXD_OK;
        s->h.stopped = true;
        XML_StopParser(s->h.p, XML_FALSE);
    }
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
    struct sheet_state *s = ud;
    if (s->h.stopped)
        return;
    const char *ln = local(name);
    if (!strcmp(ln, "row") && s->in_row) {
        s->in_row = 0;
        finish_row(s);
    } else if (!strcmp(ln, "c") && s->in_c) {
        s->in_c = 0;
        finish_cell(s);
    } else if (!strcmp(ln, "v")) {
        s->in_v = 0;
    } else if (!strcmp(ln, "is")) {
        s->in_is = 0;
    } else if (!strcmp(ln, "rPh")) {
        if (s->in_rph)
            s->in_rph--;
    } else if (!strcmp(ln, "t")) {
        s->in_t = 0;
    }
}

static void XMLCALL sheet_text(void *ud, const XML_Char *t, int len)
{
    struct sheet_state *s = ud;
    if (s->h.stopped)
        return;
    if (!s->in_c)
        return;
    if (s->in_v || (s->in_is && s->in_t)) {
        if (s->val.len + (size_t)len > IO_CELL_MAX + 1) {
            sheet_fail(s, tcxd_fail_at(s->x->e, TCXD_ETOOBIG, "file", s->row_no,
                                       "row %ld: a cell is too long (at most %d bytes)", s->row_no,
                                       IO_CELL_MAX));
            return;
        }
        buf_add(&s->val, t, (size_t)len);
    }
}

struct progress_map {
    io_progress_fn fn;
    void *ctx;
    size_t total; /* the file's size */
};

static void map_progress(void *ctx, size_t done, size_t total)
{
    struct progress_map *m = ctx;
    if (m->fn && total)
        m->fn(m->ctx, (size_t)((double)m->total * (double)done / (double)total), m->total);
}

enum tcxd_err io_xlsx_read(const void *data, size_t len, io_row_fn fn, void *ctx,
                           io_progress_fn progress, void *pctx, struct tcxd_error *e)
{
    struct xlsx x = {.e = e};
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
    if (!src) {
        zip_error_fini(&zerr);
        BUG("zip_source_buffer_create failed");
    }
    x.zip = zip_open_from_source(src, ZIP_RDONLY, &zerr);
    if (!x.zip) {
        zip_source_free(src);
        enum tcxd_err rc = tcxd_fail(e, TCXD_EINVAL, "file", "not a readable XLSX file: %s",
                                     zip_error_strerror(&zerr));
        zip_error_fini(&zerr);
        return rc;
    }
    zip_error_fini(&zerr);

    enum tcxd_err rc;
    struct wb_state wb;
    memset(&wb, 0, sizeof(wb));
    struct rels_state rels;
    memset(&rels, 0, sizeof(rels));
    struct sst_state sst;
    memset(&sst, 0, sizeof(sst));
    buf_init(&sst.text, 0);
    struct styles_state styles;
    memset(&styles, 0, sizeof(styles));
    char styles_path[1100] = "xl/styles.xml";
    struct sheet_state sh;
    memset(&sh, 0, sizeof(sh));
    buf_init(&sh.val, 0);
    buf_init(&sh.padded, 0);
    buf_init(&sh.row, 0);
    char sheet_path[1100] = "xl/worksheets/sheet1.xml", sst_path[1100] = "xl/sharedStrings.xml";

    /* workbook: the first sheet's relationship id and the date system */
    XML_Parser p = wb.h.p = XML_ParserCreateNS(NULL, NS_SEP);
    XML_SetUserData(p, &wb);
    XML_SetStartElementHandler(p, wb_start);
    rc = parse_part(&x, "xl/workbook.xml", false, &wb.h, NULL, NULL);
    XML_ParserFree(p);
    if (rc)
        goto out;

    p = rels.h.p = XML_ParserCreateNS(NULL, NS_SEP);
    rels.want_id = wb.have_sheet ? wb.sheet_rid : NULL;
    XML_SetUserData(p, &rels);
    XML_SetStartElementHandler(p, rels_start);
    rc = parse_part(&x, "xl/_rels/workbook.xml.rels", true, &rels.h, NULL, NULL);
    XML_ParserFree(p);
    if (rc && rc != TCXD_ENOTFOUND)
        goto out;
    if (rels.sheet_target[0])
        part_path(rels.sheet_target, sheet_path, sizeof(sheet_path));
    if (rels.sst_target[0])
        part_path(rels.sst_target, sst_path, sizeof(sst_path));

    p = sst.h.p = XML_ParserCreateNS(NULL, NS_SEP);
    XML_SetUserData(p, &sst);
    XML_SetElementHandler(p, sst_start, sst_end);
    XML_SetCharacterDataHandler(p, sst_text);
    rc = parse_part(&x, sst_path, true, &sst.h, NULL, NULL);
    XML_ParserFree(p);
    if (rc && rc != TCXD_ENOTFOUND)
        goto out;

    p = styles.h.p = XML_ParserCreateNS(NULL, NS_SEP);
    XML_SetUserData(p, &styles);
    XML_SetElementHandler(p, styles_start, styles_end);
    if (rels.styles_target[0])
        part_path(rels.styles_target, styles_path, sizeof(styles_path));
    rc = parse_part(&x, styles_path, true, &styles.h, NULL, NULL);
    XML_ParserFree(p);
    if (rc && rc != TCXD_ENOTFOUND)
        goto out;

    p = sh.h.p = XML_ParserCreateNS(NULL, NS_SEP);
    sh.x = &x;
    sh.styles = &styles;
    sh.sst = &sst;
    sh.fn = fn;
    sh.ctx = ctx;
    sh.info.format = IO_FORMAT_XLSX;
    sh.info.date1904 = wb.date1904;
    XML_SetUserData(p, &sh);
    XML_SetElementHandler(p, sheet_start, sheet_end);
    XML_SetCharacterDataHandler(p, sheet_text);
    struct progress_map pm = {progress, pctx, len};
    rc = parse_part(&x, sheet_path, false, &sh.h, map_progress, &pm);
    XML_ParserFree(p);
    if (!rc && progress)
        progress(pctx, len, len);
out:
    zip_discard(x.zip);
    buf_release(&sst.text);
    free(sst.off);
    buf_release(&sh.val);
    buf_release(&sh.padded);
    buf_release(&sh.row);
    free(styles.fmts);
    free(styles.pad);
    free(sh.slots);
    free(sh.cells);
    return rc;
}
