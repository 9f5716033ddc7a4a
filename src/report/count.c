#include "report/count.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

struct count_ctx {
    const struct org_tree *tree;
    struct node_counts *out;
};

static void add_count(void *vctx, int64_t org_id, enum member_status s, int64_t n)
{
    struct count_ctx *ctx = vctx;
    uint32_t i = org_tree_find(ctx->tree, org_id);
    if (i == TREE_NONE)
        return;
    if (s == MEMBER_OFFICIAL)
        ctx->out->official[i] += n;
    else if (s == MEMBER_PROBATIONARY)
        ctx->out->probationary[i] += n;
}

/*
 * A root organization (the whole tree under it) is counted from the store's open-registration
 * counters or the day's snapshot, whose cost does not grow with the number of members; any other
 * subtree with one indexed lookup per chi bộ, whose cost grows with the subtree only (a province of
 * the national demo would otherwise pay for the changes of the whole country). A tree loaded for
 * a subtree alone has that subtree's root as its root, hence the test on parent_id.
 */
enum tcxd_err report_node_counts(struct store *st, const struct org_tree *tree, uint32_t root,
                                 struct node_counts *out, struct tcxd_error *e)
{
    size_t n = tree->n ? tree->n : 1;
    out->official = xcalloc(n, sizeof(int64_t));
    out->probationary = xcalloc(n, sizeof(int64_t));
    struct count_ctx ctx = {tree, out};
    if (root == TREE_NONE || tree->nodes[root].parent_id == 0)
        return store_member_counts(st, tree->as_of, NULL, 0, add_count, &ctx, e);
    size_t cap = 0, k = 0;
    int64_t *ids = NULL;
    for (uint32_t i = root; i != TREE_NONE; i = org_tree_next(tree, root, i)) {
        if (!org_holds_members(tree->nodes[i].tier, tree->nodes[i].form))
            continue;
        ALLOC_GROW(ids, k + 1, cap);
        ids[k++] = tree->nodes[i].id;
    }
    enum tcxd_err rc = TCXD_OK;
    if (k)
        rc = store_member_counts(st, tree->as_of, ids, k, add_count, &ctx, e);
    free(ids);
    return rc;
}

void report_rollup(const struct org_tree *tree, struct node_counts *c)
{
    /* children always have greater depth: add deepest first */
    uint32_t maxd = 0;
    for (size_t i = 0; i < tree->n; i++)
        if (tree->nodes[i].depth > maxd)
            maxd = tree->nodes[i].depth;
    for (uint32_t d = maxd; d > 0; d--)
        for (size_t i = 0; i < tree->n; i++) {
            const struct org_node *nd = &tree->nodes[i];
            if (nd->depth != d || nd->parent == TREE_NONE)
                continue;
            c->official[nd->parent] += c->official[i];
            c->probationary[nd->parent] += c->probationary[i];
        }
}

void report_node_counts_free(struct node_counts *c)
{
    free(c->official);
    free(c->probationary);
    memset(c, 0, sizeof(*c));
}

void report_structure_counts(const struct org_tree *tree, uint32_t root,
                             const struct node_counts *own, struct structure_counts *out)
{
    memset(out, 0, sizeof(*out));
    for (uint32_t i = root; i != TREE_NONE; i = org_tree_next(tree, root, i)) {
        const struct org_node *nd = &tree->nodes[i];
        out->official += own->official[i];
        out->probationary += own->probationary[i];
        if (i == root)
            continue;
        switch (org_node_kind(nd)) {
        case ORG_KIND_ABOVE_BASE:
            out->above_base++;
            if (nd->parent == root)
                out->direct_above_base++;
            break;
        case ORG_KIND_DANG_BO_CO_SO:
            out->base_dang_bo++;
            break;
        case ORG_KIND_CHI_BO_CO_SO:
            out->base_chi_bo++;
            break;
        case ORG_KIND_DANG_BO_BO_PHAN:
            out->partial++;
            break;
        default:
            out->branches++;
            break;
        }
    }
    out->members = out->official + out->probationary;
}
