/*
 * org_search.c - the organization index and its ranked search (rules in org_search.h).
 */
#include "core/org_search.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#include "util/banned.h"

static bool word_char(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80;
}

/* Appends the words of folded text s to b, each NUL-terminated; offsets go to *words. */
static void add_words(struct buf *b, const char *s, uint32_t **words, size_t *n, size_t *cap)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        while (*p && !word_char(*p))
            p++;
        if (!*p)
            break;
        const unsigned char *start = p;
        while (*p && word_char(*p))
            p++;
        ALLOC_GROW(*words, *n + 1, *cap);
        (*words)[(*n)++] = (uint32_t)b->len;
        buf_add(b, start, (size_t)(p - start));
        buf_addch(b, '\0');
    }
}

void org_search_index_build(struct org_search_index *ix, const struct org_tree *t)
{
    memset(ix, 0, sizeof(*ix));
    ix->tree = t;
    struct buf text = BUF_INIT, f = BUF_INIT;
    size_t cap = 0;
    size_t n = t->n;
    ix->node_word = xcalloc(n + 1, sizeof(uint32_t));
    ix->code = xcalloc(n ? n : 1, sizeof(uint32_t));
    for (size_t i = 0; i < n; i++) {
        ix->node_word[i] = (uint32_t)ix->nwords;
        buf_reset(&f);
        text_fold(t->nodes[i].name ? t->nodes[i].name : "", &f);
        add_words(&text, f.ptr, &ix->words, &ix->nwords, &cap);
        buf_reset(&f);
        text_fold(t->nodes[i].code ? t->nodes[i].code : "", &f);
        ix->code[i] = (uint32_t)text.len;
        buf_add(&text, f.ptr, f.len);
        buf_addch(&text, '\0');
    }
    ix->node_word[n] = (uint32_t)ix->nwords;
    buf_release(&f);
    ix->text = buf_detach(&text, &ix->text_len);
}

void org_search_index_release(struct org_search_index *ix)
{
    free(ix->text);
    free(ix->words);
    free(ix->node_word);
    free(ix->code);
    memset(ix, 0, sizeof(*ix));
}

enum { MAX_PIECES = 8 };

struct qword {
    const char *whole; /* the folded query word, for the code */
    size_t whole_len;
    const char *piece[MAX_PIECES];
    size_t npieces;
};

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

static const char *skip_zeros(const char *s)
{
    while (s[0] == '0' && s[1])
        s++;
    return s;
}

/* Strength (0..3) of one query piece against node i's name words; marks the words it covers
   in *mask (bit per word, the first 64). */
static int piece_strength(const struct org_search_index *ix, uint32_t i, const char *p,
                          uint64_t *mask)
{
    uint32_t w0 = ix->node_word[i], w1 = ix->node_word[i + 1];
    size_t plen = strlen(p);
    int best = 0;
    uint64_t cover = 0;
    if (all_digits(p)) {
        const char *pz = skip_zeros(p);
        for (uint32_t w = w0; w < w1; w++) {
            const char *word = ix->text + ix->words[w];
            if (all_digits(word) && !strcmp(skip_zeros(word), pz)) {
                best = 3;
                if (w - w0 < 64)
                    cover |= UINT64_C(1) << (w - w0);
            }
        }
        if (mask)
            *mask |= cover;
        return best;
    }
    for (uint32_t w = w0; w < w1; w++) {
        const char *word = ix->text + ix->words[w];
        int s = 0;
        uint64_t c = 0;
        if (!strcmp(word, p)) {
            s = 3;
            c = UINT64_C(1) << ((w - w0) & 63);
        } else if (plen >= 2 && w + plen <= w1) {
            size_t k = 0;
            while (k < plen && ix->text[ix->words[w + k]] == p[k])
                k++;
            if (k == plen) {
                s = 3;
                for (size_t m = 0; m < plen; m++)
                    if (w - w0 + m < 64)
                        c |= UINT64_C(1) << (w - w0 + m);
            }
        }
        if (!s && !strncmp(word, p, plen)) {
            s = plen == 1 ? 1 : 2;
            c = UINT64_C(1) << ((w - w0) & 63);
        }
        if (w - w0 >= 64)
            c = 0;
        if (s > best)
            best = s;
        if (s)
            cover |= c;
    }
    if (mask)
        *mask |= cover;
    return best;
}

/* Strength of a query word against node i: its own name (all pieces, the weakest counts) and,
   separately, its code. */
static int word_strength(const struct org_search_index *ix, uint32_t i, const struct qword *q,
                         bool *by_code, uint64_t *mask)
{
    int s = 3;
    uint64_t m = 0;
    for (size_t k = 0; k < q->npieces && s; k++) {
        int ps = piece_strength(ix, i, q->piece[k], &m);
        if (ps < s)
            s = ps;
    }
    if (!q->npieces)
        s = 0;
    *by_code = false;
    if (q->whole_len >= 2 && !strncmp(ix->text + ix->code[i], q->whole, q->whole_len)) {
        *by_code = true;
        if (mask)
            *mask = ~UINT64_C(0); /* a code names the whole organization */
        return 3;
    }
    if (s && mask)
        *mask |= m;
    return s;
}

struct ranked {
    uint32_t node, depth, order;
    int32_t score;
};

static int cmp_ranked(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->depth != y->depth)
        return x->depth < y->depth ? -1 : 1;
    return x->order < y->order ? -1 : (x->order > y->order ? 1 : 0);
}

static int popcount64(uint64_t v)
{
    int n = 0;
    while (v) {
        v &= v - 1;
        n++;
    }
    return n;
}

size_t org_search_run(const struct org_search_index *ix, uint32_t root, const char *query,
                      bool (*keep)(void *ctx, const struct org_node *n), void *ctx,
                      struct org_search_hit **out)
{
    *out = NULL;
    const struct org_tree *t = ix->tree;
    if (!t->n)
        return 0;
    struct buf f = BUF_INIT;
    text_fold(query ? query : "", &f);
    /* split into words (at spaces), each into pieces (at punctuation), in place */
    struct qword q[ORG_SEARCH_MAX_WORDS];
    size_t nq = 0;
    char *s = f.ptr;
    char *pieces = xmalloc(f.len + 1);
    memcpy(pieces, f.ptr, f.len + 1);
    while (*s && nq < ORG_SEARCH_MAX_WORDS) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        char *start = s;
        while (*s && *s != ' ')
            s++;
        struct qword *w = &q[nq];
        memset(w, 0, sizeof(*w));
        w->whole = start;
        w->whole_len = (size_t)(s - start);
        char *p = pieces + (start - f.ptr), *end = pieces + (s - f.ptr);
        while (p < end && w->npieces < MAX_PIECES) {
            while (p < end && !word_char((unsigned char)*p))
                *p++ = '\0';
            if (p >= end)
                break;
            w->piece[w->npieces++] = p;
            while (p < end && word_char((unsigned char)*p))
                p++;
            if (p < end)
                *p++ = '\0';
        }
        *end = '\0';
        if (w->npieces)
            nq++;
    }
    /* whole words must end at their space for the code comparison: they point into f, which
       keeps its spaces; whole_len bounds them. */
    if (!nq) {
        free(pieces);
        buf_release(&f);
        return 0;
    }
    uint32_t start = root == TREE_NONE ? 0 : root;
    /* own strengths of every node of the subtree, per query word: 0..3, +4 when by code */
    uint8_t *own = xcalloc(t->n * nq, 1);
    for (uint32_t i = start; i != TREE_NONE;
         i = root == TREE_NONE ? (i + 1 < t->n ? i + 1 : TREE_NONE) : org_tree_next(t, root, i)) {
        for (size_t k = 0; k < nq; k++) {
            bool code;
            int st = word_strength(ix, i, &q[k], &code, NULL);
            own[(size_t)i * nq + k] = (uint8_t)(st | (code ? 4 : 0));
        }
    }
    struct ranked *r = NULL;
    size_t nr = 0, cap = 0;
    uint32_t order = 0;
    for (uint32_t i = start; i != TREE_NONE;
         i = root == TREE_NONE ? (i + 1 < t->n ? i + 1 : TREE_NONE) : org_tree_next(t, root, i),
                  order++) {
        if (keep && !keep(ctx, &t->nodes[i]))
            continue;
        int32_t score = 0;
        bool all = true, all_own = true;
        for (size_t k = 0; k < nq && all; k++) {
            int best = 0;
            uint8_t o = own[(size_t)i * nq + k];
            if (o & 4)
                best = 30;
            else if (o)
                best = 10 * (o & 3);
            if (!best)
                all_own = false;
            int up = 0;
            for (uint32_t a = t->nodes[i].parent; a != TREE_NONE && best < 30;
                 a = t->nodes[a].parent, up++) {
                uint8_t ao = own[(size_t)a * nq + k];
                int weight = up == 0 ? 6 : (up == 1 ? 4 : 3);
                int v = (ao & 4) ? 3 * weight : (ao & 3) * weight;
                if (v > best)
                    best = v;
                if (a == root)
                    break;
            }
            if (!best)
                all = false;
            score += best;
        }
        if (!all)
            continue;
        if (all_own)
            score += 5;
        /* own words no query word matched; the folded name equal to the query */
        uint64_t mask = 0;
        for (size_t k = 0; k < nq; k++) {
            bool code;
            (void)word_strength(ix, i, &q[k], &code, &mask);
        }
        uint32_t nw = ix->node_word[i + 1] - ix->node_word[i];
        int unmatched = (int)(nw < 64 ? nw : 64) - popcount64(mask);
        if (unmatched < 0)
            unmatched = 0;
        score -= unmatched > 10 ? 10 : unmatched;
        size_t qp = 0;
        bool equal = true;
        for (size_t k = 0; k < nq && equal; k++)
            for (size_t m = 0; m < q[k].npieces && equal; m++, qp++)
                equal =
                    qp < nw && !strcmp(ix->text + ix->words[ix->node_word[i] + qp], q[k].piece[m]);
        if ((equal && qp == nw) || (nq == 1 && strlen(ix->text + ix->code[i]) == q[0].whole_len &&
                                    !strncmp(ix->text + ix->code[i], q[0].whole, q[0].whole_len)))
            score += 50;
        ALLOC_GROW(r, nr + 1, cap);
        r[nr].node = i;
        r[nr].depth = t->nodes[i].depth;
        r[nr].order = order;
        r[nr].score = score;
        nr++;
    }
    free(own);
    free(pieces);
    buf_release(&f);
    if (!nr) {
        free(r);
        return 0;
    }
    qsort(r, nr, sizeof(*r), cmp_ranked);
    struct org_search_hit *h = xmalloc(nr * sizeof(*h));
    for (size_t k = 0; k < nr; k++) {
        h[k].node = r[k].node;
        h[k].score = r[k].score;
    }
    free(r);
    *out = h;
    return nr;
}
