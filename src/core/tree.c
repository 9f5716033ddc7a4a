#include "core/tree.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

void org_tree_init(struct org_tree *t, tcxd_date as_of)
{
    memset(t, 0, sizeof(*t));
    t->as_of = as_of;
}

void org_tree_release(struct org_tree *t)
{
    free(t->nodes);
    free(t->hash);
    for (size_t i = 0; i < t->nstrings; i++)
        free(t->strings[i]);
    free(t->strings);
    org_tree_init(t, t->as_of);
}

/* Copies s into the tree's string blocks (64 KiB each, or larger for a long string). */
static const char *tree_strdup(struct org_tree *t, const char *s)
{
    size_t n = strlen(s) + 1;
    if (!t->block || t->block_used + n > t->block_cap) {
        size_t cap = n > 65536 ? n : 65536;
        ALLOC_GROW(t->strings, t->nstrings + 1, t->strings_cap);
        t->block = xmalloc(cap);
        t->strings[t->nstrings++] = t->block;
        t->block_cap = cap;
        t->block_used = 0;
    }
    char *p = t->block + t->block_used;
    memcpy(p, s, n);
    t->block_used += n;
    return p;
}

void org_tree_add(struct org_tree *t, int64_t id, int64_t parent_id, enum org_tier tier,
                  enum org_form form, enum org_base_type base_type, const char *code,
                  const char *name)
{
    ALLOC_GROW(t->nodes, t->n + 1, t->cap);
    struct org_node *nd = &t->nodes[t->n++];
    nd->id = id;
    nd->parent_id = parent_id;
    nd->parent = nd->first_child = nd->last_child = nd->next_sibling = TREE_NONE;
    nd->depth = 0;
    nd->tier = tier;
    nd->form = form;
    nd->base_type = base_type;
    nd->code = tree_strdup(t, code);
    nd->name = tree_strdup(t, name);
}

static size_t hash_slot(int64_t id, size_t cap)
{
    uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 17) & (cap - 1);
}

static void build_hash(struct org_tree *t)
{
    size_t cap = 16;
    while (cap < t->n * 2)
        cap *= 2;
    free(t->hash);
    t->hash = xcalloc(cap, sizeof(*t->hash));
    t->hash_cap = cap;
    for (size_t i = 0; i < t->n; i++) {
        size_t s = hash_slot(t->nodes[i].id, cap);
        while (t->hash[s])
            s = (s + 1) & (cap - 1);
        t->hash[s] = (uint32_t)i + 1;
    }
}

uint32_t org_tree_find(const struct org_tree *t, int64_t id)
{
    if (!t->hash_cap)
        return TREE_NONE;
    size_t s = hash_slot(id, t->hash_cap);
    while (t->hash[s]) {
        uint32_t i = t->hash[s] - 1;
        if (t->nodes[i].id == id)
            return i;
        s = (s + 1) & (t->hash_cap - 1);
    }
    return TREE_NONE;
}

static uint32_t compute_depth(struct org_tree *t, uint32_t i, uint32_t guard)
{
    struct org_node *nd = &t->nodes[i];
    if (nd->parent == TREE_NONE || guard > t->n)
        return 0;
    if (nd->depth)
        return nd->depth;
    nd->depth = compute_depth(t, nd->parent, guard + 1) + 1;
    return nd->depth;
}

void org_tree_link(struct org_tree *t)
{
    build_hash(t);
    for (size_t i = 0; i < t->n; i++) {
        struct org_node *nd = &t->nodes[i];
        nd->parent = nd->parent_id ? org_tree_find(t, nd->parent_id) : TREE_NONE;
        if (nd->parent == (uint32_t)i)
            nd->parent = TREE_NONE;
        if (nd->parent == TREE_NONE)
            continue;
        struct org_node *p = &t->nodes[nd->parent];
        if (p->last_child == TREE_NONE)
            p->first_child = (uint32_t)i;
        else
            t->nodes[p->last_child].next_sibling = (uint32_t)i;
        p->last_child = (uint32_t)i;
    }
    for (size_t i = 0; i < t->n; i++)
        compute_depth(t, (uint32_t)i, 0);
}

bool org_tree_in_subtree(const struct org_tree *t, uint32_t root, uint32_t node)
{
    if (root == TREE_NONE || node == TREE_NONE)
        return false;
    uint32_t rd = t->nodes[root].depth;
    while (node != TREE_NONE && t->nodes[node].depth > rd)
        node = t->nodes[node].parent;
    return node == root;
}

uint32_t org_tree_next(const struct org_tree *t, uint32_t root, uint32_t cur)
{
    const struct org_node *nd = &t->nodes[cur];
    if (nd->first_child != TREE_NONE)
        return nd->first_child;
    while (cur != root) {
        nd = &t->nodes[cur];
        if (nd->next_sibling != TREE_NONE)
            return nd->next_sibling;
        cur = nd->parent;
        if (cur == TREE_NONE)
            break;
    }
    return TREE_NONE;
}

enum org_kind org_node_kind(const struct org_node *n)
{
    return org_kind_of(n->tier, n->form);
}
