/*
 * count.h - the structure figures of a subtree on a date: organizations of each kind and
 * members by status. The basis of `tcxd stats`, the structure report and the API's counts.
 *
 * Members are counted where they are registered (temporary transfers count at home only).
 * The root itself is not counted among its own organizations.
 * per_org (optional, indexed like tree->nodes) receives each organization's own registered
 * members; subtree totals are rolled up by report_rollup().
 */
#ifndef TCXD_REPORT_COUNT_H
#define TCXD_REPORT_COUNT_H

#include <stdint.h>

#include "core/tree.h"
#include "store/store.h"

struct structure_counts {
    int64_t direct_above_base; /* đảng bộ trực thuộc: above-base children of the root */
    int64_t above_base;        /* every above-base organization below the root */
    int64_t base_dang_bo;      /* đảng bộ cơ sở */
    int64_t base_chi_bo;       /* chi bộ cơ sở */
    int64_t partial;           /* đảng bộ bộ phận */
    int64_t branches;          /* chi bộ trực thuộc */
    int64_t members, official, probationary;
};

/* Per-node member counts (own, then rolled up over subtrees). Release with report_node_counts_free.
 */
struct node_counts {
    int64_t *official;     /* [tree->n] */
    int64_t *probationary; /* [tree->n] */
};

/* Counts members per organization of the tree on tree->as_of, limited to root's subtree
   (TREE_NONE: the whole tree). */
enum tcxd_err report_node_counts(struct store *st, const struct org_tree *tree, uint32_t root,
                                 struct node_counts *out, struct tcxd_error *e) TCXD_WUR;
/* Adds every node's counts into its ancestors (subtree totals). */
void report_rollup(const struct org_tree *tree, struct node_counts *c);
void report_node_counts_free(struct node_counts *c);

/* Structure figures of root's subtree from own (not rolled-up) node counts. */
void report_structure_counts(const struct org_tree *tree, uint32_t root,
                             const struct node_counts *own, struct structure_counts *out);

#endif
