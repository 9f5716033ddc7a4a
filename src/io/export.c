/*
 * export.c - organizations and members of a subtree as CSV or XLSX, in the import format.
 *
 * Rows go to a sink: CSV into a buffer, XLSX through libxlsxwriter in constant-memory mode
 * (rows are written once, in order). libxlsxwriter writes only to files, so an export into
 * memory goes through a temporary file.
 */
#include "io/export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/tree.h"
#include "io/columns.h"
#include "io/commend_line.h"
#include "store/store_bulk.h"
#include "util/xmalloc.h"

struct sink {
    enum io_format format;
    bool ascii;
    /* CSV */
    struct buf *out;
    size_t col;
    /* XLSX */
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold, *date_fmt;
    lxw_row_t row;
    lxw_error lxw_rc;
    size_t rows;
};

static void sink_text(struct sink *s, const char *t)
{
    if (s->format == IO_FORMAT_CSV) {
        if (s->col++)
            buf_addch(s->out, ',');
        buf_add_csv_field(s->out, t);
        return;
    }
    if (*t && !s->lxw_rc)
        s->lxw_rc =
            worksheet_write_string(s->ws, s->row, (lxw_col_t)s->col, t, s->row ? NULL : s->bold);
    s->col++;
}

static void sink_date(struct sink *s, tcxd_date d)
{
    char t[DATE_ISO_LEN];
    if (d == DATE_NONE) {
        sink_text(s, "");
        return;
    }
    if (s->format == IO_FORMAT_CSV) {
        if (s->ascii)
            date_format_iso(d, t);
        else
            date_format_vn(d, t);
        sink_text(s, t);
        return;
    }
    struct ymd v = date_to_ymd(d);
    if (v.y < 1900 || (v.y == 1900 && v.m < 3)) {
        /* Excel's serial dates are wrong before 1/3/1900: write the text */
        date_format_vn(d, t);
        sink_text(s, t);
        return;
    }
    lxw_datetime dt = {v.y, v.m, v.d, 0, 0, 0};
    if (!s->lxw_rc)
        s->lxw_rc = worksheet_write_datetime(s->ws, s->row, (lxw_col_t)s->col, &dt, s->date_fmt);
    s->col++;
}

static void sink_end_row(struct sink *s)
{
    if (s->format == IO_FORMAT_CSV)
        buf_adds(s->out, "\r\n");
    else
        s->row++;
    s->col = 0;
    s->rows++;
}

static enum tcxd_err sink_open(struct sink *s, const char *xlsx_path, struct tcxd_error *e)
{
    if (s->format == IO_FORMAT_CSV) {
        buf_adds(s->out, "\xEF\xBB\xBF");
        return TCXD_OK;
    }
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    s->wb = workbook_new_opt(xlsx_path, &opt);
    if (!s->wb)
        return tcxd_fail(e, TCXD_EIO, "file", "cannot create the XLSX file '%s'", xlsx_path);
    s->ws = workbook_add_worksheet(s->wb, NULL);
    s->bold = workbook_add_format(s->wb);
    format_set_bold(s->bold);
    s->date_fmt = workbook_add_format(s->wb);
    format_set_num_format(s->date_fmt, s->ascii ? "yyyy-mm-dd" : "dd/mm/yyyy");
    worksheet_freeze_panes(s->ws, 1, 0);
    return TCXD_OK;
}

static enum tcxd_err sink_close(struct sink *s, bool ok, struct tcxd_error *e)
{
    if (s->format == IO_FORMAT_CSV || !s->wb)
        return TCXD_OK;
    lxw_error rc = workbook_close(s->wb);
    s->wb = NULL;
    if (!ok)
        return TCXD_OK;
    if (s->lxw_rc || rc)
        return tcxd_fail(e, TCXD_EIO, "file", "writing the XLSX file failed: %s",
                         lxw_strerror(s->lxw_rc ? s->lxw_rc : rc));
    return TCXD_OK;
}

/* Header row; widths for XLSX. */
static void sink_header(struct sink *s, const struct io_column *cols, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (cols[i].flags & IO_COL_NOEXPORT)
            continue;
        if (s->format == IO_FORMAT_XLSX)
            worksheet_set_column(s->ws, (lxw_col_t)s->col, (lxw_col_t)s->col,
                                 i == 0                          ? 28
                                 : (cols[i].flags & IO_COL_DATE) ? 12
                                                                 : 16,
                                 NULL);
        sink_text(s, s->ascii ? cols[i].name : cols[i].label);
    }
    sink_end_row(s);
}

/* ---- members ---------------------------------------------------------------------------- */

struct roll_ctx {
    struct store *st;
    const struct org_tree *t;
    uint32_t root;
    struct sink *s;
    const char *org_code;
    int64_t org_id;
    /* the member's events, and the first problem reading them */
    struct member_event_info *ev;
    size_t nev, ev_cap;
    struct member_fields f;
    struct member_history_item h;
    struct buf text;
    enum tcxd_err rc;
    struct tcxd_error e;
};

/* The node of org_id when it is in root's subtree on the tree's date, else TREE_NONE. */
static uint32_t subtree_node(const struct org_tree *t, uint32_t root, int64_t org_id)
{
    uint32_t k = org_tree_find(t, org_id);
    for (uint32_t i = k; i != TREE_NONE; i = t->nodes[i].parent)
        if (i == root)
            return k;
    return TREE_NONE;
}

static void ev_collect(void *ctx, const struct member_event_info *ev)
{
    struct roll_ctx *c = ctx;
    ALLOC_GROW(c->ev, c->nev + 1, c->ev_cap);
    c->ev[c->nev++] = *ev;
}

static bool registration_move(const struct member_event *ev)
{
    return ev->kind == MEV_TRANSFER &&
           (ev->form == TRANSFER_OFFICIAL || ev->form == TRANSFER_ORG_CHANGE);
}

/* The code of an organization when it is one of the file's (in the subtree on the date). */
static const char *file_code(const struct roll_ctx *c, int64_t org_id)
{
    uint32_t k = org_id ? subtree_node(c->t, c->root, org_id) : TREE_NONE;
    return k != TREE_NONE ? c->t->nodes[k].code : NULL;
}

/*
 * A member's row. The columns of an admission, a recognition and a move (member_entry) hold the
 * first admission, its recognition and the latest move into the roll's chi bộ; the history
 * column every other event up to the date, in order. Moves between chi bộ before that one are
 * not written (the registrations of the file's date are). An organization that is not one of
 * the file's cannot be named: an admission there is written as outside the database at that
 * chi bộ (its name) until the arrival, a re-admission or restoration there as in the roll's
 * chi bộ, a temporary transfer there or before the arrival from outside (and its return) not
 * at all.
 */
static void member_out(void *ctx, const struct store_roll_member *r)
{
    struct roll_ctx *c = ctx;
    struct sink *s = c->s;
    const struct member_info *m = r->m;
    bool a = s->ascii;
    if (c->rc)
        return;
    c->nev = 0;
    if ((c->rc = store_member_events(c->st, m->id, ev_collect, c, NULL, &c->e)) ||
        (c->rc = store_member_profile(c->st, m->id, &c->f, &c->e)))
        return;
    size_t n = 0;
    while (n < c->nev && c->ev[n].ev.date <= c->t->as_of)
        n++;
    const struct member_event_info *adm = NULL, *off = NULL, *move = NULL;
    for (size_t i = 0; i < n; i++) {
        const struct member_event *ev = &c->ev[i].ev;
        if (ev->kind == MEV_ADMIT && !adm)
            adm = &c->ev[i];
        else if (ev->kind == MEV_OFFICIAL && !off)
            off = &c->ev[i];
        else if (registration_move(ev) && ev->org_id == c->org_id)
            move = &c->ev[i];
    }
    sink_text(s, m->full_name);
    sink_text(s, a ? gender_name(m->gender) : gender_label(m->gender));
    sink_date(s, m->birth_date);
    sink_text(s, m->ethnicity);
    sink_text(s, m->religion);
    sink_text(s, m->hometown);
    sink_text(s, m->national_id);
    sink_text(s, m->education);
    sink_text(s, m->professional_level);
    sink_text(s, m->theory == THEORY_NONE ? ""
                 : a                      ? theory_level_name(m->theory)
                                          : theory_level_label(m->theory));
    sink_date(s, adm ? adm->ev.decision_date : m->admission_decision_date);
    sink_date(s, adm ? adm->ev.date : m->ceremony_date);
    sink_date(s, off ? off->ev.decision_date : DATE_NONE);
    sink_text(s, m->party_card_no);
    sink_text(s, c->org_code);
    sink_text(s, adm ? adm->decision_no : r->decision_no);
    sink_text(s, off ? off->decision_no : "");
    /* where the member was admitted, and since when they are here: when that chi bộ is one of
       the file's organizations; one that has since merged away or lies outside is not, and
       the member is written as admitted in the chi bộ of the date, as the format had it before
       the two columns; admitted outside the database: the place */
    bool outside = adm && !adm->ev.org_id;
    const char *adm_code = adm && adm->ev.org_id != c->org_id ? file_code(c, adm->ev.org_id) : NULL;
    /* admitted in a chi bộ that is not one of the file's (merged away since, or outside the
       subtree) and moved here since: written as admitted outside, at that chi bộ (its name on
       the ceremony day), so that the file counts the member only from the arrival */
    const char *place = outside ? adm->detail : "";
    struct org_info gone;
    if (adm && !outside && !adm_code && adm->ev.org_id != c->org_id && move &&
        !store_org_get(c->st, adm->ev.org_id, adm->ev.date, &gone, NULL)) {
        outside = true;
        place = gone.name;
    }
    sink_text(s, adm_code ? adm_code : "");
    bool arrival = move && (adm_code || outside);
    sink_date(s, arrival ? move->ev.date : DATE_NONE);
    sink_text(s, place);
    sink_text(s, !arrival || move->scope == SCOPE_NONE ? ""
                 : a                                   ? transfer_scope_name(move->scope)
                                                       : transfer_scope_label(move->scope));
    sink_text(s, arrival ? move->place : "");
    sink_date(s, arrival && move->ev.decision_date != move->ev.date ? move->ev.decision_date
                                                                    : DATE_NONE);
    sink_text(s, arrival ? move->decision_no : "");
    /* the Phiếu's fields: "chưa cập nhật" is an empty cell */
    for (int k = MC_FIRST_PROFILE; k < MC_HISTORY; k++) {
        enum member_field mf = MC_PROFILE_FIELD(k);
        const struct member_field_def *d = &member_field_defs[mf];
        const struct buf *tb = member_fields_text_c(&c->f, mf);
        if (tb) {
            sink_text(s, tb->ptr);
            continue;
        }
        int v = member_fields_enum(&c->f, mf);
        sink_text(s, v <= 0 || (size_t)v >= d->nvalues ? ""
                     : a                               ? d->values[v].name
                                                       : d->values[v].label);
    }
    /* the history */
    buf_reset(&c->text);
    bool dropped_temporary = false;
    for (size_t i = 0; i < n; i++) {
        const struct member_event_info *x = &c->ev[i];
        if (x == adm || x == off || registration_move(&x->ev))
            continue;
        if (x->ev.kind == MEV_RETURN && dropped_temporary) {
            dropped_temporary = false;
            continue;
        }
        const char *code = x->ev.org_id ? file_code(c, x->ev.org_id) : "";
        /* a temporary transfer while the file has the member outside cannot be written */
        if (x->ev.kind == MEV_TRANSFER && outside && arrival && x->ev.date < move->ev.date)
            code = NULL;
        if (!code) {
            if (x->ev.kind == MEV_TRANSFER) { /* temporary, somewhere else */
                dropped_temporary = true;
                continue;
            }
            code = c->org_code;
        }
        struct member_history_item *h = &c->h;
        h->ev = x->ev;
        h->scope = x->scope;
        buf_reset(&h->org);
        buf_adds(&h->org, code);
        buf_reset(&h->decision_no);
        buf_adds(&h->decision_no, x->decision_no);
        buf_reset(&h->detail);
        buf_adds(&h->detail, x->detail);
        buf_reset(&h->place);
        buf_adds(&h->place, x->place);
        if (c->text.len)
            buf_addch(&c->text, '\n');
        member_history_format(h, a, &c->text);
    }
    sink_text(s, c->text.ptr);
    sink_end_row(s);
}

static enum tcxd_err export_members(struct store *st, const struct org_tree *t, uint32_t root,
                                    struct sink *s, struct tcxd_error *e)
{
    sink_header(s, io_member_columns, MC__MAX);
    struct roll_ctx c;
    memset(&c, 0, sizeof(c));
    c.st = st;
    c.t = t;
    c.root = root;
    c.s = s;
    member_fields_init(&c.f);
    member_history_item_init(&c.h);
    buf_init(&c.text, 0);
    enum tcxd_err rc = TCXD_OK;
    for (uint32_t i = root; i != TREE_NONE && !rc; i = org_tree_next(t, root, i)) {
        const struct org_node *nd = &t->nodes[i];
        if (!org_holds_members(nd->tier, nd->form))
            continue;
        c.org_code = nd->code;
        c.org_id = nd->id;
        rc = store_bulk_roll(st, nd->id, t->as_of, member_out, &c, e);
        if (!rc && c.rc) {
            rc = c.rc;
            *e = c.e;
        }
    }
    free(c.ev);
    member_fields_release(&c.f);
    member_history_item_release(&c.h);
    buf_release(&c.text);
    return rc;
}

/* ---- organizations ---------------------------------------------------------------------- */

struct commend_cell {
    bool ascii;
    struct buf text;
};

static void commend_line(void *ctx, const struct org_commendation *c)
{
    struct commend_cell *cc = ctx;
    if (cc->text.len)
        buf_addch(&cc->text, '\n');
    io_org_commend_format(c, cc->ascii, &cc->text);
}

static enum tcxd_err export_orgs(struct store *st, const struct org_tree *t, uint32_t root,
                                 struct sink *s, struct tcxd_error *e)
{
    sink_header(s, io_org_columns, OC__MAX);
    for (uint32_t i = root; i != TREE_NONE; i = org_tree_next(t, root, i)) {
        const struct org_node *nd = &t->nodes[i];
        struct org_info info;
        char decision[128];
        enum tcxd_err rc;
        if ((rc = store_org_get(st, nd->id, t->as_of, &info, e)) ||
            (rc = store_bulk_org_decision(st, nd->id, decision, sizeof(decision), e)))
            return rc;
        enum org_kind k = org_node_kind(nd);
        sink_text(s, nd->code);
        sink_text(s, nd->name);
        sink_text(s, s->ascii ? org_kind_name(k) : org_kind_label(k));
        sink_text(s, nd->parent != TREE_NONE ? t->nodes[nd->parent].code : "");
        sink_text(s, s->ascii ? org_base_type_name(nd->base_type)
                              : org_base_type_label(nd->base_type));
        sink_date(s, info.created_on);
        sink_text(s, decision);
        struct commend_cell cc = {s->ascii, BUF_INIT};
        if ((rc = store_org_commendations(st, nd->id, commend_line, &cc, e))) {
            buf_release(&cc.text);
            return rc;
        }
        sink_text(s, cc.text.ptr ? cc.text.ptr : "");
        buf_release(&cc.text);
        sink_end_row(s);
    }
    return TCXD_OK;
}

/* ---- driving ---------------------------------------------------------------------------- */

static enum tcxd_err run(struct store *st, const struct io_export_opts *o, struct buf *csv,
                         const char *xlsx_path, size_t *rows, struct tcxd_error *e)
{
    struct org_tree t;
    org_tree_init(&t, o->as_of);
    struct sink s;
    memset(&s, 0, sizeof(s));
    s.format = o->format;
    s.ascii = o->ascii;
    s.out = csv;
    enum tcxd_err rc = store_tree_load(st, o->as_of, &t, e);
    if (rc)
        goto out;
    uint32_t root = org_tree_find(&t, o->org_id);
    if (root == TREE_NONE) {
        char d[DATE_ISO_LEN];
        date_format_vn(o->as_of, d);
        rc = tcxd_fail(e, TCXD_ENOTFOUND, "org", "no organization #%lld on %s",
                       (long long)o->org_id, d);
        goto out;
    }
    if ((rc = sink_open(&s, xlsx_path, e)))
        goto out;
    rc = o->what == IO_MEMBERS ? export_members(st, &t, root, &s, e)
                               : export_orgs(st, &t, root, &s, e);
    enum tcxd_err rc2 = sink_close(&s, rc == TCXD_OK, e);
    if (!rc)
        rc = rc2;
    if (rows)
        *rows = s.rows ? s.rows - 1 : 0;
out:
    org_tree_release(&t);
    return rc;
}

enum tcxd_err io_export(struct store *st, const struct io_export_opts *o, struct buf *out,
                        size_t *rows, struct tcxd_error *e)
{
    if (o->format == IO_FORMAT_CSV)
        return run(st, o, out, NULL, rows, e);
    if (o->format != IO_FORMAT_XLSX)
        BUG("io_export: format %d", (int)o->format);
    const char *dir = getenv("TMPDIR");
    char path[1024];
    snprintf(path, sizeof(path), "%s/tcxd-export-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return tcxd_fail(e, TCXD_EIO, "file", "cannot create a temporary file in %s: %s",
                         dir && *dir ? dir : "/tmp", strerror(errno));
    close(fd);
    enum tcxd_err rc = run(st, o, NULL, path, rows, e);
    if (!rc) {
        struct buf data = BUF_INIT;
        rc = io_read_file(path, &data, e);
        if (!rc)
            buf_add(out, data.ptr, data.len);
        buf_release(&data);
    }
    unlink(path);
    return rc;
}

enum tcxd_err io_export_file(struct store *st, const struct io_export_opts *o, const char *path,
                             size_t *rows, struct tcxd_error *e)
{
    if (o->format == IO_FORMAT_XLSX)
        return run(st, o, NULL, path, rows, e);
    struct buf b = BUF_INIT;
    enum tcxd_err rc = run(st, o, &b, NULL, rows, e);
    if (!rc) {
        FILE *f = fopen(path, "wb");
        if (!f) {
            rc = tcxd_fail(e, TCXD_EIO, "file", "cannot create '%s': %s", path, strerror(errno));
        } else {
            bool bad = fwrite(b.ptr, 1, b.len, f) != b.len;
            bad = fclose(f) != 0 || bad;
            if (bad)
                rc = tcxd_fail(e, TCXD_EIO, "file", "cannot write '%s'", path);
        }
    }
    buf_release(&b);
    return rc;
}
