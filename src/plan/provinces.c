/*
 * provinces.c - the 2025 provincial mergers as a plan (see provinces.h).
 */
#include "plan/provinces.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/table.h"
#include "util/xmalloc.h"

struct lreader {
    struct province_link *v;
    size_t n, cap;
    bool header, bad;
    long bad_line;
};

static void cellcpy(char *out, size_t n, const struct io_row *row, size_t c)
{
    out[0] = 0;
    if (c < row->n && row->cells[c].len < n) {
        memcpy(out, row->cells[c].ptr, row->cells[c].len);
        out[row->cells[c].len] = 0;
    }
}

static int on_link(void *ctx, const struct io_table_info *info, const struct io_row *row)
{
    struct lreader *r = ctx;
    (void)info;
    if (!r->header) {
        r->header = true;
        return 0;
    }
    struct province_link l;
    cellcpy(l.old_code, sizeof(l.old_code), row, 0);
    cellcpy(l.new_code, sizeof(l.new_code), row, 2);
    cellcpy(l.new_name, sizeof(l.new_name), row, 3);
    if (!*l.old_code || !*l.new_code || !*l.new_name) {
        r->bad = true;
        r->bad_line = row->line;
        return 1;
    }
    ALLOC_GROW(r->v, r->n + 1, r->cap);
    r->v[r->n++] = l;
    return 0;
}

enum tcxd_err province_links_read(const char *csv, size_t len, struct province_link **out,
                                  size_t *n, struct tcxd_error *e)
{
    struct lreader r;
    memset(&r, 0, sizeof(r));
    enum tcxd_err rc = io_csv_read(csv, len, on_link, &r, NULL, NULL, e);
    if (!rc && r.bad)
        rc =
            tcxd_fail(e, TCXD_EINVAL, "file", "line %ld: invalid province mapping row", r.bad_line);
    if (rc) {
        free(r.v);
        return rc;
    }
    *out = r.v;
    *n = r.n;
    return TCXD_OK;
}

static void push(struct restructure_plan *p, enum plan_action a, const char *code, const char *name,
                 const char *parent, const char *into)
{
    ALLOC_GROW(p->rows, p->n + 1, p->cap);
    struct plan_row *w = &p->rows[p->n++];
    memset(w, 0, sizeof(*w));
    w->line = (long)p->n + 1;
    w->action = a;
    w->code = xstrdup(code);
    w->name = xstrdup(name ? name : "");
    w->parent = xstrdup(parent ? parent : "");
    w->into = xstrdup(into ? into : "");
    w->decision_no = xstrdup("");
    if (a == PLAN_CREATE) {
        w->has_shape = true;
        w->shape = (struct org_shape){ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE};
    }
}

/* "Tỉnh Tuyên Quang" -> "Đảng bộ tỉnh Tuyên Quang", "Thành phố Huế" -> "Đảng bộ thành phố Huế" */
static void committee_name(const char *unit, char *out, size_t n)
{
    if (!strncmp(unit, "Tỉnh ", strlen("Tỉnh ")))
        snprintf(out, n, "Đảng bộ tỉnh %s", unit + strlen("Tỉnh "));
    else if (!strncmp(unit, "Thành phố ", strlen("Thành phố ")))
        snprintf(out, n, "Đảng bộ thành phố %s", unit + strlen("Thành phố "));
    else
        snprintf(out, n, "Đảng bộ %s", unit);
}

void province_plan(const struct province_link *l, size_t n, const char *root_code,
                   const char *(*committee)(void *ctx, const char *old_code), void *ctx,
                   struct restructure_plan *p)
{
    for (size_t i = 0; i < n; i++) {
        bool first = true, merger = false;
        for (size_t j = 0; j < n; j++) {
            if (strcmp(l[j].new_code, l[i].new_code))
                continue;
            if (j < i)
                first = false;
            if (j != i)
                merger = true;
        }
        if (!first || !merger)
            continue;
        bool any = false;
        for (size_t j = 0; j < n; j++)
            any = any || (!strcmp(l[j].new_code, l[i].new_code) && committee(ctx, l[j].old_code));
        if (!any)
            continue;
        char code[40], name[256];
        snprintf(code, sizeof(code), "%s.T%s", root_code, l[i].new_code);
        committee_name(l[i].new_name, name, sizeof(name));
        push(p, PLAN_CREATE, code, name, root_code, NULL);
        for (size_t j = 0; j < n; j++) {
            if (strcmp(l[j].new_code, l[i].new_code))
                continue;
            const char *old = committee(ctx, l[j].old_code);
            if (old)
                push(p, PLAN_MERGE, old, NULL, NULL, code);
        }
    }
}
