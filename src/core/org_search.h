/*
 * org_search.h - finding an organization in a tree of hundreds of thousands by what people type:
 * words of its name, its code, the names of its parent and higher organizations, in any order,
 * diacritics and case folded ("tdp 1 kim lien" finds "Chi bộ Tổ dân phố số 1" under "Đảng bộ
 * phường Kim Liên"). Pure: the index is built from an org_tree (borrowed, must outlive it).
 *
 * Matching, per query word (words split at spaces; folded with text_fold):
 *   - a number ("1", "01") equals a word of the name as a number: "1" never finds "số 10";
 *   - other words: a name word equal to it (strength 3), the initials of two or more consecutive
 *     name words ("tdp" = "tổ dân phố", 3), or the start of a name word (2; 1 for one letter);
 *   - a word of two characters or more that starts the code ("hn.dd.kl", "HN.DD.KL.08") (3);
 *   - a word with punctuation inside ("p.kim") matches when each of its pieces does.
 * Every query word must match the organization itself or one of its ancestors (the first is
 * enough, the best counts). Score = sum over words of strength x weight, weight 10 for the
 * organization's own name or code, 6 for its parent, 4 for the grandparent, 3 higher; plus 5
 * when every word is in the own name or code, 50 when the folded name equals the folded query;
 * minus one per own name word no query word matched (at most 10). Ties: shallower first, then
 * the tree's pre-order.
 */
#ifndef TCXD_CORE_ORG_SEARCH_H
#define TCXD_CORE_ORG_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "core/tree.h"

struct org_search_index {
    const struct org_tree *tree;
    char *text;      /* folded words, each NUL-terminated */
    uint32_t *words; /* offsets of the words in text */
    uint32_t
        *node_word; /* [n + 1]: node i's name words are words[node_word[i] .. node_word[i+1]) */
    uint32_t *code; /* [n]: offset of the folded code in text */
    size_t nwords, text_len;
};

void org_search_index_build(struct org_search_index *ix, const struct org_tree *t);
void org_search_index_release(struct org_search_index *ix);

struct org_search_hit {
    uint32_t node;
    int32_t score;
};

enum { ORG_SEARCH_MAX_WORDS = 12 };

/* Searches root's subtree (TREE_NONE: the whole tree). *out (malloc'd, caller frees; NULL when
   none) gets the hits, best first; returns their number. An empty query finds nothing. keep,
   when not NULL, filters nodes (true keeps). Query words past ORG_SEARCH_MAX_WORDS are ignored. */
size_t org_search_run(const struct org_search_index *ix, uint32_t root, const char *query,
                      bool (*keep)(void *ctx, const struct org_node *n), void *ctx,
                      struct org_search_hit **out);

#endif
