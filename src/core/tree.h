/*
 * tree.h - an organization tree as it stood on one date, in memory.
 *
 * The store fills it (store_tree_load); reports, scope checks and counts walk it.
 * Nodes live in one array; children are linked lists through first_child/next_sibling, kept in
 * insertion order (the store inserts in code order). Names and codes point into the tree's own
 * string storage. org_tree_release() frees everything; nodes and strings are owned by the tree.
 * Lookups by id go through an open-addressing hash (ids are the store's org ids).
 */
#ifndef TCXD_CORE_TREE_H
#define TCXD_CORE_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/org.h"
#include "util/date.h"

#define TREE_NONE UINT32_MAX

struct org_node {
    int64_t id;
    int64_t parent_id; /* 0 for a root */
    uint32_t parent;   /* index, TREE_NONE for a root */
    uint32_t first_child, last_child, next_sibling;
    uint32_t depth;
    enum org_tier tier;
    enum org_form form;
    enum org_base_type base_type;
    const char *code;
    const char *name;
};

struct org_tree {
    tcxd_date as_of;
    struct org_node *nodes;
    size_t n, cap;
    uint32_t *hash; /* slots hold node index + 1; 0 = empty */
    size_t hash_cap;
    char **strings; /* owned string blocks */
    size_t nstrings, strings_cap;
    char *block;
    size_t block_used, block_cap;
};

void org_tree_init(struct org_tree *t, tcxd_date as_of);
void org_tree_release(struct org_tree *t);

/* Adds a node (copies code and name); links are made by org_tree_link() once all are added. */
void org_tree_add(struct org_tree *t, int64_t id, int64_t parent_id, enum org_tier tier,
                  enum org_form form, enum org_base_type base_type, const char *code,
                  const char *name);
/* Resolves parent ids to indexes, builds child lists and depths. Nodes whose parent is absent
   become roots. */
void org_tree_link(struct org_tree *t);

uint32_t org_tree_find(const struct org_tree *t, int64_t id); /* TREE_NONE if absent */
/* Is node index `node` inside the subtree rooted at index `root` (root itself included)? */
bool org_tree_in_subtree(const struct org_tree *t, uint32_t root, uint32_t node);

/* Pre-order walk of a subtree: returns the next index after `cur` within `root`'s subtree,
   TREE_NONE at the end. Start with cur = root. */
uint32_t org_tree_next(const struct org_tree *t, uint32_t root, uint32_t cur);

enum org_kind org_node_kind(const struct org_node *n);

#endif
