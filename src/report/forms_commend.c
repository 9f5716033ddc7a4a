/*
 * forms_commend.c - the commendations of party organizations for form 7-BTCTW's section I.1
 * (store_commend.h): in the period, of the organizations of the subtree as the tree stood on each
 * commendation's date, by the kind of organization (a: above base with base organizations under
 * it; b: base organizations; c: đảng bộ bộ phận; d: chi bộ trực thuộc) and by form (cờ, bằng
 * khen, giấy khen). Each row counts organizations (one commended twice in a row's forms counts
 * once there).
 */
#include <stdlib.h>
#include <string.h>

#include "report/forms_commend.h"
#include "store/store_commend.h"
#include "util/xmalloc.h"

struct hit {
    int64_t org_id;
    tcxd_date date;
    enum commend_form form;
};
struct hits {
    struct hit *v;
    size_t n, cap;
};

static void collect(void *ctx, const struct org_commendation *c)
{
    struct hits *h = ctx;
    ALLOC_GROW(h->v, h->n + 1, h->cap);
    h->v[h->n++] = (struct hit){c->org_id, c->date, c->form};
}

/* The kind of I.1 (1 a .. 4 d) of node i of t, 0 when none. */
static int kind_of(const struct org_tree *t, uint32_t i)
{
    const struct org_node *n = &t->nodes[i];
    if (n->tier == ORG_TIER_BASE)
        return 2;
    if (n->tier == ORG_TIER_BELOW_BASE)
        return n->form == ORG_FORM_DANG_BO ? 3 : 4;
    for (uint32_t k = n->first_child; k != TREE_NONE; k = t->nodes[k].next_sibling)
        if (t->nodes[k].tier == ORG_TIER_BASE)
            return 1;
    return 0;
}

static enum tcxd_err fill(const struct form_source_ctx *c, int64_t *counts, struct tcxd_error *e)
{
    struct hits h = {0};
    enum tcxd_err rc = store_org_commendations_between(c->st, c->from, c->to, collect, &h, e);
    /* per row: the organizations counted there (distinct) */
    size_t nrows = c->def->nrows;
    struct {
        int64_t *v;
        size_t n, cap;
    } *seen = xcalloc(nrows + 1, sizeof(*seen));
    struct org_tree t;
    bool loaded = false;
    for (size_t i = 0; i < h.n && !rc; i++) {
        if (!loaded || t.as_of != h.v[i].date) {
            if (loaded)
                org_tree_release(&t);
            loaded = true; /* tree_load initialises t, also when it fails */
            if ((rc = store_tree_load_subtree(c->st, h.v[i].date, c->org_id, &t, e)))
                break;
        }
        uint32_t node = org_tree_find(&t, h.v[i].org_id), root = org_tree_find(&t, c->org_id);
        if (node == TREE_NONE || root == TREE_NONE || !org_tree_in_subtree(&t, root, node))
            continue;
        int kind = kind_of(&t, node);
        for (size_t r = 0; r < nrows && kind; r++) {
            const struct form_row_def *rd = &c->def->rows[r];
            if (rd->src != FSRC_SOURCE || rd->a != kind ||
                (rd->b >= 0 ? rd->b != (int)h.v[i].form
                            : !(FORMS_COMMEND_TOTAL_FORMS(kind) & (1 << h.v[i].form))))
                continue;
            bool dup = false;
            for (size_t k = 0; k < seen[r].n && !dup; k++)
                dup = seen[r].v[k] == h.v[i].org_id;
            if (dup)
                continue;
            ALLOC_GROW(seen[r].v, seen[r].n + 1, seen[r].cap);
            seen[r].v[seen[r].n++] = h.v[i].org_id;
            counts[r * FORM_MAX_COLS]++;
        }
    }
    if (loaded)
        org_tree_release(&t);
    for (size_t r = 0; r < nrows; r++)
        free(seen[r].v);
    free(seen);
    free(h.v);
    return rc;
}

const struct form_source forms_org_commend_source = {"org_commendation", fill};
