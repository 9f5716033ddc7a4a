/*
 * import_org.c - organization rows: all read and checked first (a child may come before its
 * parent), then parents resolved in the file or the database, then created parents first.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/commend_line.h"
#include "io/import_internal.h"
#include "util/xmalloc.h"

/* Flags cells that are not valid UTF-8; bad[col] set for those. */
static void check_utf8(struct importer *im, const struct io_row *row, bool *bad)
{
    for (size_t c = 0; c < im->ncols; c++) {
        bad[c] = false;
        int k = im->col_cell[c];
        if (k < 0 || (size_t)k >= row->n)
            continue;
        const struct io_cell *cl = &row->cells[k];
        size_t at = text_utf8_invalid_at(cl->ptr, cl->len);
        if (at < cl->len) {
            im_issue(im, cl->line, (int)c, NULL, TCXD_EINVAL,
                     "invalid UTF-8 at byte %zu of the value: the file is not UTF-8 (save it as "
                     "'CSV UTF-8' or XLSX)",
                     at + 1);
            bad[c] = true;
        }
    }
}

/* ---- organizations ---------------------------------------------------------------------- */

static enum tcxd_err kind_parse(const char *s, enum org_tier *t, enum org_form *f,
                                struct tcxd_error *err)
{
    struct buf a = BUF_INIT, b = BUF_INIT;
    io_header_key(s, strlen(s), &a);
    bool found = false;
    for (int tier = 0; tier < ORG_TIER__MAX && !found; tier++)
        for (int form = 0; form < ORG_FORM__MAX && !found; form++) {
            enum org_kind k = org_kind_of((enum org_tier)tier, (enum org_form)form);
            if (k == ORG_KIND_ABOVE_BASE && form == ORG_FORM_CHI_BO)
                continue;
            const char *names[2] = {org_kind_name(k), org_kind_label(k)};
            for (int i = 0; i < 2 && !found; i++) {
                io_header_key(names[i], strlen(names[i]), &b);
                if (!strcmp(a.ptr, b.ptr)) {
                    *t = (enum org_tier)tier;
                    *f = (enum org_form)form;
                    found = true;
                }
            }
        }
    buf_release(&a);
    buf_release(&b);
    if (found)
        return TCXD_OK;
    return tcxd_fail(err, TCXD_EINVAL, "kind",
                     "invalid organization kind '%s' (expected cap_tren_co_so, dang_bo_co_so, "
                     "chi_bo_co_so, dang_bo_bo_phan or chi_bo_truc_thuoc, or the Vietnamese "
                     "names)",
                     s);
}

static void org_row_release(struct org_row *o)
{
    buf_release(&o->name);
    buf_release(&o->decision);
    free(o->commends);
}

/* The "Khen thưởng" cell: one commendation a line (io/commend_line.h), each problem named by
   its line in the cell. */
static bool commend_cell(struct importer *im, struct org_row *o, const struct io_cell *c)
{
    bool ok = true;
    size_t cap = 0;
    for (size_t at = 0, n = 1; at < c->len; n++) {
        const char *s = c->ptr + at;
        const char *nl = memchr(s, '\n', c->len - at);
        size_t len = nl ? (size_t)(nl - s) : c->len - at;
        at += len + (nl ? 1 : 0);
        while (len && (s[len - 1] == '\r' || s[len - 1] == ' '))
            len--;
        if (!len)
            continue;
        struct org_commendation x;
        struct tcxd_error err;
        if (io_org_commend_parse(s, len, &x, &err)) {
            im_issue(im, c->line, OC_COMMENDATIONS, err.field, err.code, "commendation %d: %s",
                     (int)n, err.msg);
            ok = false;
            continue;
        }
        if (x.date > im->today || (o->date != DATE_NONE && x.date < o->date)) {
            char d[DATE_ISO_LEN];
            date_format_vn(x.date, d);
            im_issue(im, c->line, OC_COMMENDATIONS, "date", TCXD_ERULE,
                     x.date > im->today ? "commendation %d: date %s is in the future"
                                        : "commendation %d: %s, before the organization was "
                                          "created",
                     (int)n, d);
            ok = false;
            continue;
        }
        ALLOC_GROW(o->commends, o->ncommends + 1, cap);
        o->commends[o->ncommends++] = x;
    }
    return ok;
}

void import_org_row(struct importer *im, const struct io_table_info *info, const struct io_row *row)
{
    bool bad[OC__MAX];
    struct io_cell tmpc[OC__MAX];
    const struct io_cell *cl[OC__MAX];
    struct tcxd_error err;
    check_utf8(im, row, bad);
    for (int c = 0; c < OC__MAX; c++)
        cl[c] = cell_of(im, row, c, &tmpc[c]);
    ALLOC_GROW(im->rows, im->nrows + 1, im->rows_cap);
    struct org_row *o = &im->rows[im->nrows++];
    memset(o, 0, sizeof(*o));
    buf_init(&o->name, 0);
    buf_init(&o->decision, 0);
    o->line = row->line;
    o->parent_row = -1;
    o->date = DATE_NONE;
    for (int c = 0; c < OC__MAX; c++)
        o->cell_line[c] = cl[c]->line;
    bool ok = true, kind_ok = false;
    for (int c = 0; c < OC__MAX; c++)
        ok = ok && !bad[c];

    buf_reset(&im->tmp);
    if (!bad[OC_CODE]) {
        if (text_clean(cl[OC_CODE]->ptr, cl[OC_CODE]->len, 32, false, "code", &im->tmp, &err) ||
            org_check_code(im->tmp.ptr, &err)) {
            im_issue_err(im, cl[OC_CODE]->line, OC_CODE, &err);
            ok = false;
        } else {
            snprintf(o->code, sizeof(o->code), "%s", im->tmp.ptr);
            int64_t *seen = strmap_find(&im->codes, o->code);
            struct store_bulk_org dbo;
            if (seen) {
                im_issue(im, cl[OC_CODE]->line, OC_CODE, NULL, TCXD_ECONFLICT,
                         "code '%s' is also on line %ld", o->code, im->rows[*seen].line);
                ok = false;
            } else {
                strmap_put(&im->codes, o->code, (int64_t)(im->nrows - 1));
                enum tcxd_err rc = store_bulk_org_by_code(im->st, o->code, &dbo, &err);
                if (rc == TCXD_OK) {
                    im_issue(im, cl[OC_CODE]->line, OC_CODE, NULL, TCXD_ECONFLICT,
                             "organization code '%s' is already used", o->code);
                    ok = false;
                } else if (rc != TCXD_ENOTFOUND) {
                    im_issue_err(im, cl[OC_CODE]->line, OC_CODE, &err);
                    im->fatal = rc;
                    im->stop = true;
                    ok = false;
                }
            }
        }
    }
    if (!bad[OC_NAME] &&
        text_clean(cl[OC_NAME]->ptr, cl[OC_NAME]->len, 200, false, "name", &o->name, &err)) {
        im_issue_err(im, cl[OC_NAME]->line, OC_NAME, &err);
        ok = false;
    }
    if (im->col_cell[OC_KIND] != NO_CELL && cl[OC_KIND]->len) {
        if (!bad[OC_KIND]) {
            if (kind_parse(cl[OC_KIND]->ptr, &o->tier, &o->form, &err)) {
                im_issue_err(im, cl[OC_KIND]->line, OC_KIND, &err);
                ok = false;
            } else {
                kind_ok = true;
            }
        }
    } else if (im->col_cell[OC_TIER] != NO_CELL && im->col_cell[OC_FORM] != NO_CELL &&
               (cl[OC_TIER]->len || cl[OC_FORM]->len)) {
        bool tok = !bad[OC_TIER] && !org_tier_parse(cl[OC_TIER]->ptr, &o->tier, &err);
        if (!tok && !bad[OC_TIER])
            im_issue_err(im, cl[OC_TIER]->line, OC_TIER, &err);
        bool fok = !bad[OC_FORM] && !org_form_parse(cl[OC_FORM]->ptr, &o->form, &err);
        if (!fok && !bad[OC_FORM])
            im_issue_err(im, cl[OC_FORM]->line, OC_FORM, &err);
        kind_ok = tok && fok;
        ok = ok && kind_ok;
    } else {
        int c = im->col_cell[OC_KIND] != NO_CELL ? OC_KIND : OC_TIER;
        im_issue(im, cl[c]->line, c, NULL, TCXD_EINVAL,
                 "the organization kind is required (e.g. dang_bo_co_so or 'Chi bộ trực thuộc')");
        ok = false;
    }
    if (!bad[OC_BASE_TYPE]) {
        if (org_base_type_parse(cl[OC_BASE_TYPE]->ptr, &o->base_type, &err) ||
            (kind_ok && org_check_base_type(o->tier, o->base_type, &err))) {
            im_issue_err(im, cl[OC_BASE_TYPE]->line, OC_BASE_TYPE, &err);
            ok = false;
        }
    }
    if (!bad[OC_DATE]) {
        if (!cl[OC_DATE]->len) {
            im_issue(im, cl[OC_DATE]->line, OC_DATE, NULL, TCXD_EINVAL,
                     "the date of creation is required");
            ok = false;
        } else if (date_cell(info, cl[OC_DATE], "date", &o->date, &err)) {
            im_issue_err(im, cl[OC_DATE]->line, OC_DATE, &err);
            ok = false;
        } else if (o->date > im->today) {
            char d[DATE_ISO_LEN];
            date_format_vn(o->date, d);
            im_issue(im, cl[OC_DATE]->line, OC_DATE, NULL, TCXD_EINVAL, "date %s is in the future",
                     d);
            ok = false;
        }
    }
    if (!bad[OC_DECISION_NO] && text_clean(cl[OC_DECISION_NO]->ptr, cl[OC_DECISION_NO]->len, 100,
                                           true, "decision_no", &o->decision, &err)) {
        im_issue_err(im, cl[OC_DECISION_NO]->line, OC_DECISION_NO, &err);
        ok = false;
    }
    if (!bad[OC_COMMENDATIONS] && cl[OC_COMMENDATIONS]->len &&
        !commend_cell(im, o, cl[OC_COMMENDATIONS]))
        ok = false;
    if (!bad[OC_PARENT]) {
        buf_reset(&im->tmp);
        if (text_clean(cl[OC_PARENT]->ptr, cl[OC_PARENT]->len, 32, true, "parent", &im->tmp,
                       &err)) {
            im_issue_err(im, cl[OC_PARENT]->line, OC_PARENT, &err);
            ok = false;
        } else {
            snprintf(o->parent, sizeof(o->parent), "%s", im->tmp.ptr);
        }
    }
    o->ok = ok;
}

/* Resolves o's parent and checks nesting and dates; row indexes follow parents in the file. */
void org_resolve(struct importer *im, size_t k)
{
    struct org_row *o = &im->rows[k];
    struct tcxd_error err;
    if (!o->ok || o->checked)
        return;
    o->checked = true;
    im->row_bad = false;
    char d[DATE_ISO_LEN], pd[DATE_ISO_LEN];
    date_format_vn(o->date, d);
    if (!o->parent[0]) {
        if (org_check_nesting(false, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, o->tier, o->form,
                              &err)) {
            im_issue(im, o->cell_line[OC_PARENT], OC_PARENT, NULL, err.code, "%s", err.msg);
            o->ok = false;
        }
        return;
    }
    int64_t *in_file = strmap_find(&im->codes, o->parent);
    if (in_file) {
        /* a cycle check: walk up the file's parents */
        size_t steps = 0;
        for (long p = *in_file; p >= 0 && steps <= im->nrows; steps++) {
            if ((size_t)p == k) {
                im_issue(im, o->cell_line[OC_PARENT], OC_PARENT, NULL, TCXD_ERULE,
                         "organization '%s' is its own ancestor through parent '%s'", o->code,
                         o->parent);
                o->ok = false;
                return;
            }
            int64_t *up =
                im->rows[p].parent[0] ? strmap_find(&im->codes, im->rows[p].parent) : NULL;
            p = up ? *up : -1;
        }
        struct org_row *p = &im->rows[*in_file];
        if (!p->ok) {
            o->ok = false; /* the parent's own problems are reported on its line */
            return;
        }
        o->parent_row = *in_file;
        if (org_check_nesting(true, p->tier, p->form, o->tier, o->form, &err)) {
            im_issue(im, o->cell_line[OC_PARENT], OC_PARENT, NULL, err.code, "%s (parent '%s')",
                     err.msg, o->parent);
            o->ok = false;
        } else if (p->date > o->date) {
            date_format_vn(p->date, pd);
            im_issue(im, o->cell_line[OC_DATE], OC_DATE, NULL, TCXD_ERULE,
                     "created on %s, before its parent '%s' (created %s on line %ld)", d, o->parent,
                     pd, p->line);
            o->ok = false;
        }
        return;
    }
    struct org_info po;
    enum tcxd_err rc = store_org_by_code(im->st, o->parent, o->date, &po, &err);
    if (rc == TCXD_ENOTFOUND) {
        struct store_bulk_org any;
        bool exists = !store_bulk_org_by_code(im->st, o->parent, &any, NULL);
        im_issue(im, o->cell_line[OC_PARENT], OC_PARENT, NULL, TCXD_ENOTFOUND,
                 exists ? "%s"
                        : "unknown parent organization '%s' (neither in the file nor in the "
                          "database)",
                 exists ? err.msg : o->parent);
        o->ok = false;
    } else if (rc) {
        im_issue_err(im, o->cell_line[OC_PARENT], OC_PARENT, &err);
        im->fatal = rc;
        o->ok = false;
    } else if (org_check_nesting(true, po.tier, po.form, o->tier, o->form, &err)) {
        im_issue(im, o->cell_line[OC_PARENT], OC_PARENT, NULL, err.code, "%s (parent '%s')",
                 err.msg, o->parent);
        o->ok = false;
    } else {
        o->parent_id = po.id;
    }
}

enum tcxd_err org_create(struct importer *im, size_t k, struct tcxd_error *err)
{
    struct org_row *o = &im->rows[k];
    if (o->created)
        return TCXD_OK;
    enum tcxd_err rc;
    if (o->parent_row >= 0) {
        if ((rc = org_create(im, (size_t)o->parent_row, err)))
            return rc;
        o->parent_id = im->rows[o->parent_row].id;
    }
    struct org_create_req req = {.code = o->code,
                                 .name = o->name.ptr,
                                 .tier = o->tier,
                                 .form = o->form,
                                 .base_type = o->base_type,
                                 .parent_id = o->parent_id,
                                 .date = o->date,
                                 .decision_no = o->decision.ptr};
    if ((rc = store_org_create(im->st, im->who, &req, &o->id, err))) {
        im_issue(im, o->line, -1, err->field, rc, "%s", err->msg);
        return rc;
    }
    for (size_t i = 0; i < o->ncommends; i++) {
        const struct org_commendation *c = &o->commends[i];
        if ((rc = store_org_commend(im->st, im->who, o->id, c->date, c->form, c->decision_no,
                                    c->detail, NULL, err))) {
            im_issue(im, o->cell_line[OC_COMMENDATIONS], OC_COMMENDATIONS, err->field, rc, "%s",
                     err->msg);
            return rc;
        }
    }
    o->created = true;
    im->r->written++;
    return TCXD_OK;
}

void orgs_release(struct importer *im)
{
    strmap_release(&im->codes);
    for (size_t i = 0; i < im->nrows; i++)
        org_row_release(&im->rows[i]);
    free(im->rows);
}
