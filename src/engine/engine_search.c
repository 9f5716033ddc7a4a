/*
 * engine_search.c - member lists and the name / CCCD / party-card search (engine.h).
 *
 * The index: every distinct word of the members' names (as written, folded, case-folded with
 * its diacritics), sorted by the folded form, each with the list of members whose name has it,
 * in roll order. A query word is a range of that sorted array (the words it begins); the query
 * word with the fewest members gives the candidates, the others are checked on each candidate's
 * own words. Rows are keyed by (rank, roll order or birth date) in one 64-bit number: the page
 * is the smallest keys (a bounded heap when the page is small), the total their count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "engine/engine_delta.h"
#include "engine/engine_file.h"
#include "text/text.h"
#include "util/xmalloc.h"

/* ---- building ------------------------------------------------------------------------------ */

static uint32_t hash_str(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static size_t word_slot(const struct engine_search *x, const char *w, size_t n)
{
    size_t i = hash_str(w, n) & (x->nslots - 1);
    while (x->slots[i]) {
        const char *o = x->words[x->slots[i] - 1].orig;
        if (!strncmp(o, w, n) && !o[n])
            break;
        i = (i + 1) & (x->nslots - 1);
    }
    return i;
}

/* Case-folded with diacritics kept (NFC): "Nguyễn" -> "nguyễn". */
static char *lower_marks(struct engine *eng, const char *w)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n =
        utf8proc_map((const utf8proc_uint8_t *)w, 0, &out,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    char *r = engine_pool_strdup(eng, n >= 0 && out ? (const char *)out : w);
    free(out);
    return r;
}

static uint32_t word_id(struct engine *eng, const char *w, size_t n)
{
    struct engine_search *x = &eng->search;
    if (x->nwords * 2 >= x->nslots) {
        size_t ns = x->nslots ? x->nslots * 2 : 4096;
        free(x->slots);
        x->slots = xcalloc(ns, sizeof(uint32_t));
        x->nslots = ns;
        for (size_t k = 0; k < x->nwords; k++)
            x->slots[word_slot(x, x->words[k].orig, strlen(x->words[k].orig))] = (uint32_t)k + 1;
    }
    size_t i = word_slot(x, w, n);
    if (!x->slots[i]) {
        ALLOC_GROW(x->words, x->nwords + 1, x->words_cap);
        char *orig = xstrndup(w, n);
        struct buf f = BUF_INIT;
        text_fold(orig, &f);
        struct engine_word *ew = &x->words[x->nwords];
        ew->orig = engine_pool_strdup(eng, orig);
        ew->fold = engine_pool_strdup(eng, f.len ? f.ptr : "");
        ew->lower = lower_marks(eng, orig);
        buf_release(&f);
        free(orig);
        x->slots[i] = (uint32_t)++x->nwords;
    }
    return x->slots[i] - 1;
}

static void add_idref(struct engine *eng, struct engine_idref **v, size_t *n, size_t *cap,
                      const char *s, uint32_t idx)
{
    if (!s || !*s)
        return;
    ALLOC_GROW(*v, *n + 1, *cap);
    (*v)[*n].s = engine_bstr_add(eng, s);
    (*v)[*n].member = idx;
    (*n)++;
}

void engine_search_add_member(struct engine *eng, uint32_t idx, const struct store_engine_member *m)
{
    struct engine_search *x = &eng->search;
    struct engine_member_row *r = &eng->m[idx];
    r->name = engine_bstr_add(eng, m->full_name);
    add_idref(eng, &x->nid, &x->nnid, &x->nid_cap, m->national_id, idx);
    add_idref(eng, &x->card, &x->ncard, &x->card_cap, m->party_card_no, idx);
    /* the roll-order key, until the order is made */
    if (idx + 2 > x->mcap) {
        size_t cap = x->mcap ? x->mcap * 2 : 1024;
        x->key_off = xreallocarray(x->key_off, cap, sizeof(*x->key_off));
        x->key_len = xreallocarray(x->key_len, cap, sizeof(*x->key_len));
        x->mw_off = xreallocarray(x->mw_off, cap, sizeof(*x->mw_off));
        x->mcap = cap;
    }
    if (x->keys_len + m->name_key_len > x->keys_cap) {
        size_t cap = x->keys_cap ? x->keys_cap * 2 : 1u << 20;
        while (cap < x->keys_len + m->name_key_len)
            cap *= 2;
        x->keys = xrealloc(x->keys, cap);
        x->keys_cap = cap;
    }
    if (m->name_key_len)
        memcpy(x->keys + x->keys_len, m->name_key, m->name_key_len);
    x->key_off[idx] = x->keys_len;
    x->key_len[idx] = (uint32_t)m->name_key_len;
    x->keys_len += m->name_key_len;
    /* the name's words */
    if (idx == 0)
        x->mw_off[0] = 0;
    const char *p = m->full_name;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        if (p > w) {
            uint32_t id = word_id(eng, w, (size_t)(p - w));
            ALLOC_GROW(x->mw, x->nmw + 1, x->mw_cap);
            x->mw[x->nmw++] = id;
        }
    }
    x->mw_off[idx + 1] = (uint32_t)x->nmw;
}

/* qsort has no context in C11: the engine whose members are being ordered (build only, which
   holds the build lock: one at a time). */
static const struct engine *order_ctx;

static int cmp_roll(const void *a, const void *b)
{
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    const struct engine_search *x = &order_ctx->search;
    size_t li = x->key_len[i], lj = x->key_len[j];
    int c = memcmp(x->keys + x->key_off[i], x->keys + x->key_off[j], li < lj ? li : lj);
    if (c)
        return c;
    if (li != lj)
        return li < lj ? -1 : 1;
    int64_t a1 = order_ctx->m[i].id, b1 = order_ctx->m[j].id;
    return (a1 > b1) - (a1 < b1);
}

static int cmp_word_fold(const void *a, const void *b)
{
    const struct engine_word *w = order_ctx->search.words;
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    int c = strcmp(w[i].fold, w[j].fold);
    return c ? c : strcmp(w[i].orig, w[j].orig);
}

static int cmp_idref(const void *a, const void *b)
{
    const struct engine_idref *x = a, *y = b;
    int c = strcmp(ENGINE_BSTR(order_ctx, x->s), ENGINE_BSTR(order_ctx, y->s));
    return c ? c : (x->member > y->member) - (x->member < y->member);
}

/* Sorting many strings (the roll-order keys, the ID numbers) without comparing them whole:
   by their bytes 8 at a time (zero past the end, which orders as the comparisons do: a
   string before its own extensions), a radix pass over large groups, until each group is one
   string or has equal strings only; those groups, and the small ones, by the full comparison
   (cmp: which also breaks ties). Items are indexes; chunk(i, depth) reads item i's bytes
   [8 depth, 8 depth + 8), more(i, depth) whether it has bytes past them. */
struct chunk_pair {
    uint64_t k;
    uint32_t i;
};

static int cmp_chunk_pair(const void *a, const void *b)
{
    const struct chunk_pair *x = a, *y = b;
    return (x->k > y->k) - (x->k < y->k);
}

struct chunk_sort {
    uint64_t (*chunk)(uint32_t i, size_t depth);
    bool (*more)(uint32_t i, size_t depth);
    int (*cmp)(const void *a, const void *b); /* on uint32_t items */
    struct chunk_pair *tmp;
};

static void radix_pairs(struct chunk_pair *v, struct chunk_pair *tmp, size_t n)
{
    uint32_t *cnt = xmalloc((1u << 16) * sizeof(uint32_t));
    for (int pass = 0; pass < 4; pass++) {
        int sh = 16 * pass;
        memset(cnt, 0, (1u << 16) * sizeof(uint32_t));
        for (size_t i = 0; i < n; i++)
            cnt[(v[i].k >> sh) & 0xffff]++;
        uint32_t sum = 0;
        for (size_t b = 0; b < (1u << 16); b++) {
            uint32_t c = cnt[b];
            cnt[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            tmp[cnt[(v[i].k >> sh) & 0xffff]++] = v[i];
        memcpy(v, tmp, n * sizeof(*v));
    }
    free(cnt);
}

/* v[0, n) hold chunk(depth) of their items; out[0, n) gets the items in order. */
static void chunk_sort_run(const struct chunk_sort *cs, struct chunk_pair *v, size_t n,
                           size_t depth, uint32_t *out)
{
    if (n > 4096)
        radix_pairs(v, cs->tmp, n);
    else
        qsort(v, n, sizeof(*v), cmp_chunk_pair);
    for (size_t a = 0; a < n;) {
        size_t b = a + 1;
        while (b < n && v[b].k == v[a].k)
            b++;
        bool deeper = false;
        for (size_t j = a; b - a > 16 && j < b && !deeper; j++)
            deeper = cs->more(v[j].i, depth);
        if (deeper) {
            for (size_t j = a; j < b; j++)
                v[j].k = cs->chunk(v[j].i, depth + 1);
            chunk_sort_run(cs, v + a, b - a, depth + 1, out + a);
        } else {
            for (size_t j = a; j < b; j++)
                out[j] = v[j].i;
            if (b - a > 1)
                qsort(out + a, b - a, sizeof(uint32_t), cs->cmp);
        }
        a = b;
    }
}

static void chunk_sort(const struct chunk_sort *proto, uint32_t *items, size_t n)
{
    struct chunk_sort cs = *proto;
    struct chunk_pair *v = xmalloc((n ? n : 1) * sizeof(*v));
    cs.tmp = xmalloc((n ? n : 1) * sizeof(*cs.tmp));
    for (size_t j = 0; j < n; j++) {
        v[j].i = items[j];
        v[j].k = cs.chunk(items[j], 0);
    }
    chunk_sort_run(&cs, v, n, 0, items);
    free(cs.tmp);
    free(v);
}

static uint64_t bytes_chunk(const unsigned char *p, size_t len, size_t depth)
{
    if (depth * 8 + 8 <= len) {
        uint64_t w;
        memcpy(&w, p + depth * 8, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        w = __builtin_bswap64(w);
#endif
        return w;
    }
    uint64_t k = 0;
    for (size_t b = depth * 8; b < depth * 8 + 8; b++)
        k = k << 8 | (b < len ? p[b] : 0u);
    return k;
}

static uint64_t roll_chunk(uint32_t i, size_t depth)
{
    const struct engine_search *x = &order_ctx->search;
    return bytes_chunk((const unsigned char *)x->keys + x->key_off[i], x->key_len[i], depth);
}

static bool roll_more(uint32_t i, size_t depth)
{
    return order_ctx->search.key_len[i] > depth * 8 + 8;
}

/* the ID lists: items are positions in ids_ctx */
static const struct engine_idref *ids_ctx;

static uint64_t id_chunk(uint32_t i, size_t depth)
{
    const char *s = ENGINE_BSTR(order_ctx, ids_ctx[i].s);
    size_t len = strnlen(s, depth * 8 + 8);
    return bytes_chunk((const unsigned char *)s, len, depth);
}

static bool id_more(uint32_t i, size_t depth)
{
    return strnlen(ENGINE_BSTR(order_ctx, ids_ctx[i].s), depth * 8 + 9) > depth * 8 + 8;
}

static int cmp_id_item(const void *a, const void *b)
{
    return cmp_idref(&ids_ctx[*(const uint32_t *)a], &ids_ctx[*(const uint32_t *)b]);
}

static void sort_idrefs(struct engine_idref *v, size_t n)
{
    uint32_t *items = xmalloc((n ? n : 1) * sizeof(uint32_t));
    for (size_t i = 0; i < n; i++)
        items[i] = (uint32_t)i;
    ids_ctx = v;
    struct chunk_sort cs = {id_chunk, id_more, cmp_id_item, NULL};
    chunk_sort(&cs, items, n);
    ids_ctx = NULL;
    struct engine_idref *sorted = xmalloc((n ? n : 1) * sizeof(*sorted));
    for (size_t i = 0; i < n; i++)
        sorted[i] = v[items[i]];
    memcpy(v, sorted, n * sizeof(*v));
    free(sorted);
    free(items);
}

void engine_search_finish(struct engine *eng)
{
    struct engine_search *x = &eng->search;
    size_t n = eng->nmembers;
    if (!x->mw_off) {
        x->mw_off = xcalloc(1, sizeof(uint32_t));
        x->key_off = xcalloc(1, sizeof(size_t));
        x->key_len = xcalloc(1, sizeof(uint32_t));
    }
    uint32_t *order = xmalloc((n ? n : 1) * sizeof(uint32_t));
    for (size_t i = 0; i < n; i++)
        order[i] = (uint32_t)i;
    order_ctx = eng;
    if (n > 1) {
        struct chunk_sort cs = {roll_chunk, roll_more, cmp_roll, NULL};
        chunk_sort(&cs, order, n);
    }
    /* the members are renumbered in roll order (member index = roll position): a word's
       members, in roll order, are then read in memory order by a search */
    uint32_t *newidx = xmalloc((n ? n : 1) * sizeof(uint32_t));
    for (size_t i = 0; i < n; i++)
        newidx[order[i]] = (uint32_t)i;
    struct engine_member_row *nm = xmalloc((n ? n : 1) * sizeof(*nm));
    for (size_t i = 0; i < n; i++)
        nm[i] = eng->m[order[i]];
    free(eng->m);
    eng->m = nm;
    eng->members_cap = n;
    uint32_t *nmw = xmalloc((x->nmw ? x->nmw : 1) * sizeof(uint32_t));
    uint32_t *nmw_off = xmalloc((n + 1) * sizeof(uint32_t));
    nmw_off[0] = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t o = order[k], len = x->mw_off[o + 1] - x->mw_off[o];
        memcpy(nmw + nmw_off[k], x->mw + x->mw_off[o], len * sizeof(uint32_t));
        nmw_off[k + 1] = nmw_off[k] + len;
    }
    free(x->mw);
    free(x->mw_off);
    x->mw = nmw;
    x->mw_off = nmw_off;
    x->mw_cap = x->nmw;
    for (size_t i = 0; i < x->nnid; i++)
        x->nid[i].member = newidx[x->nid[i].member];
    for (size_t i = 0; i < x->ncard; i++)
        x->card[i].member = newidx[x->card[i].member];
    free(newidx);
    x->roll = xmalloc((n ? n : 1) * sizeof(uint32_t));
    for (size_t i = 0; i < n; i++) {
        order[i] = (uint32_t)i;
        x->roll[i] = (uint32_t)i;
    }
    /* words by folded form; each one's members in roll order */
    size_t nw = x->nwords;
    x->by_fold = xmalloc((nw ? nw : 1) * sizeof(uint32_t));
    x->fold_pos = xmalloc((nw ? nw : 1) * sizeof(uint32_t));
    for (size_t i = 0; i < nw; i++)
        x->by_fold[i] = (uint32_t)i;
    if (nw > 1)
        qsort(x->by_fold, nw, sizeof(uint32_t), cmp_word_fold);
    order_ctx = NULL;
    for (size_t i = 0; i < nw; i++)
        x->fold_pos[x->by_fold[i]] = (uint32_t)i;
    x->post_off = xcalloc(nw + 1, sizeof(uint32_t));
    for (size_t i = 0; i < x->nmw; i++)
        x->post_off[x->fold_pos[x->mw[i]] + 1]++;
    for (size_t i = 0; i < nw; i++)
        x->post_off[i + 1] += x->post_off[i];
    uint32_t *cur = xmalloc((nw ? nw : 1) * sizeof(uint32_t));
    memcpy(cur, x->post_off, (nw ? nw : 1) * sizeof(uint32_t));
    x->post = xmalloc((x->nmw ? x->nmw : 1) * sizeof(uint32_t));
    for (size_t k = 0; k < n; k++) {
        uint32_t m = order[k];
        for (uint32_t j = x->mw_off[m]; j < x->mw_off[m + 1]; j++)
            x->post[cur[x->fold_pos[x->mw[j]]]++] = m;
    }
    free(cur);
    free(order);
    free(x->slots);
    x->slots = NULL;
    /* the roll-order keys served the order only (a third of a GB at national scale) */
    free(x->keys);
    free(x->key_off);
    free(x->key_len);
    x->keys = NULL;
    x->key_off = NULL;
    x->key_len = NULL;
    x->keys_len = x->keys_cap = 0;
    order_ctx = eng;
    if (x->nnid > 1)
        sort_idrefs(x->nid, x->nnid);
    if (x->ncard > 1)
        sort_idrefs(x->card, x->ncard);
    order_ctx = NULL;
    eng->bytes += n * sizeof(uint32_t) * 2 + x->nmw * sizeof(uint32_t) * 2 +
                  nw * (sizeof(struct engine_word) + 3 * sizeof(uint32_t)) +
                  (x->nnid + x->ncard) * sizeof(struct engine_idref);
}

void engine_search_regs(struct engine *eng)
{
    struct engine_search *x = &eng->search;
    size_t n = eng->nmembers;
    x->mreg = xmalloc((n ? n : 1) * sizeof(*x->mreg));
    for (size_t m = 0; m < n; m++) {
        uint32_t a = eng->mst_off[m], b = eng->mst_off[m + 1];
        struct engine_mreg r = {0, 0, 0};
        uint32_t slot = UINT32_MAX, flags = 0;
        bool run = true;     /* still extending the last run backwards */
        bool before = false; /* a registration before the run */
        /* by first day (registrations of one kind do not overlap): from the last one back */
        for (uint32_t i = b; i-- > a;) {
            const struct engine_mstint *s = &eng->mst[i];
            if (s->kind != STINT_REGISTERED) {
                flags |= ENGINE_MREG_TEMP;
                continue;
            }
            if (slot == UINT32_MAX) {
                slot = s->slot;
                r.lo = s->from;
                r.hi = s->to;
            } else if (run && s->slot == slot && s->to == r.lo)
                r.lo = s->from;
            else {
                run = false;
                before = true;
            }
        }
        if (slot <= ENGINE_MREG_SLOT) {
            flags |= ENGINE_MREG_RUN | (slot == eng->m[m].org_slot ? ENGINE_MREG_CUR : 0) |
                     (before ? 0 : ENGINE_MREG_ONLY);
            r.slot = slot | flags;
        }
        x->mreg[m] = r;
    }
    eng->bytes += n * sizeof(*x->mreg);
}

void engine_search_release(struct engine *eng)
{
    struct engine_search *x = &eng->search;
    free(x->mreg);
    free(x->words);
    free(x->slots);
    free(x->by_fold);
    free(x->fold_pos);
    free(x->mw);
    free(x->mw_off);
    free(x->post);
    free(x->post_off);
    free(x->roll);
    free(x->nid);
    free(x->card);
    free(x->keys);
    free(x->key_off);
    free(x->key_len);
    memset(x, 0, sizeof(*x));
}

/* ---- rows and the page --------------------------------------------------------------------- */

void engine_list_query_init(struct engine_list_query *q, tcxd_date as_of)
{
    memset(q, 0, sizeof(*q));
    q->as_of = as_of;
    q->status = q->gender = q->age_min = q->age_max = q->theory = -1;
    q->sort = ENGINE_SORT_ROLL;
}

struct row {
    uint64_t key;
    uint32_t member, slot;
    uint8_t status, temporary, former, rank;
};

struct rows {
    struct row *v;
    size_t n, cap;
    size_t keep; /* the page needs the smallest `keep` keys; 0: all */
    bool heap;   /* keep is small: a heap of the smallest; otherwise every row, selected after */
    int64_t total;
};

/* Rows kept in a heap up to this page end; past it every row is kept and the page selected
   (a heap of 250,000 rows for page 5000 costs more than a selection over all of them). */
size_t engine_heap_keep_max = 2048;

/* A max-heap on key of at most keep rows: the smallest keys seen so far. */
static void heap_down(struct row *v, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && v[l].key > v[m].key)
            m = l;
        if (r < n && v[r].key > v[m].key)
            m = r;
        if (m == i)
            return;
        struct row t = v[i];
        v[i] = v[m];
        v[m] = t;
        i = m;
    }
}

static void heap_up(struct row *v, size_t i)
{
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (v[p].key >= v[i].key)
            return;
        struct row t = v[i];
        v[i] = v[p];
        v[p] = t;
        i = p;
    }
}

static void rows_add(struct rows *rs, const struct row *r)
{
    rs->total++;
    if (!rs->heap) {
        ALLOC_GROW(rs->v, rs->n + 1, rs->cap);
        rs->v[rs->n++] = *r;
        return;
    }
    if (rs->n < rs->keep) {
        ALLOC_GROW(rs->v, rs->n + 1, rs->cap);
        rs->v[rs->n++] = *r;
        heap_up(rs->v, rs->n - 1);
    } else if (r->key < rs->v[0].key) {
        rs->v[0] = *r;
        heap_down(rs->v, rs->n, 0);
    }
}

static int cmp_row(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

static void row_swap(struct row *v, size_t i, size_t j)
{
    struct row t = v[i];
    v[i] = v[j];
    v[j] = t;
}

/* Rearranges v[lo, hi) so that v[k] holds the row of rank k (keys are distinct), the smaller
   ones before it and the larger after (quickselect, median of three). */
static void select_nth(struct row *v, size_t lo, size_t hi, size_t k)
{
    while (hi - lo > 16) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].key < v[lo].key)
            row_swap(v, mid, lo);
        if (v[hi - 1].key < v[lo].key)
            row_swap(v, hi - 1, lo);
        if (v[hi - 1].key < v[mid].key)
            row_swap(v, hi - 1, mid);
        uint64_t pivot = v[mid].key;
        size_t i = lo, j = hi - 1;
        for (;;) {
            while (v[i].key < pivot)
                i++;
            while (v[j].key > pivot)
                j--;
            if (i >= j)
                break;
            row_swap(v, i++, j--);
        }
        /* v[lo, j] <= pivot <= v[j + 1, hi) */
        if (k <= j)
            hi = j + 1;
        else
            lo = j + 1;
    }
    if (hi - lo > 1)
        qsort(v + lo, hi - lo, sizeof(*v), cmp_row);
}

/* The page [from, to) of the rows in key order at v[from, to), sorted. */
static void select_page(struct row *v, size_t n, size_t from, size_t to)
{
    if (to > n)
        to = n;
    if (from >= to)
        return;
    if (from > 0)
        select_nth(v, 0, n, from);
    if (to < n)
        select_nth(v, from, n, to);
    qsort(v + from, to - from, sizeof(*v), cmp_row);
}

/* what every row of a query shares */
struct ctx {
    const struct engine *eng;
    const struct engine_list_query *q;
    const struct engine_version *v;
    uint32_t lo, hi; /* the subtree's positions */
    int eth_code;    /* -2: any */
    struct rows rows;
    /* a mapped engine's blocks (NULL when built): what is read is checked first; bad when a
       block did not match */
    struct engine_file_blocks *fb;
    bool bad;
    bool need_row; /* the filters, the scope or the order read each candidate's member row */
    bool fast;     /* no filter but the subtree and the scope by organization, roll order */
};

/* Whether rows [i, i + n) of column col (elements of sz bytes) may be read (engine_file.h). */
static inline bool col_ok(struct ctx *c, enum engine_col col, size_t i, size_t n, size_t sz)
{
    if (!c->fb || engine_file_ok(c->fb, col, i * sz, n * sz))
        return true;
    c->bad = true;
    return false;
}

/* The member row m may be read. */
static inline bool member_ok(struct ctx *c, uint32_t m)
{
    return col_ok(c, ENGINE_COL_MEMBERS, m, 1, sizeof(struct engine_member_row));
}

/* The string at offset off of the string column may be read (its first block checked, then
   its end's: the column ends with a NUL, checked when mapped). */
static bool str_ok(struct ctx *c, uint32_t off)
{
    if (!c->fb)
        return true;
    if (!col_ok(c, ENGINE_COL_BSTR, off, 1, 1))
        return false;
    size_t n = strlen(ENGINE_BSTR(c->eng, off));
    return col_ok(c, ENGINE_COL_BSTR, off, n + 1, 1);
}

/* birth: the member's birth date (sorting by it); roll: its place in roll order (a base
   member's engine_roll_of, engine_delta.h) */
static uint64_t row_key(const struct ctx *c, uint64_t roll, tcxd_date birth, unsigned rank,
                        bool temporary)
{
    uint64_t k = (uint64_t)rank << 56;
    if (c->q->sort == ENGINE_SORT_BIRTH) {
        int64_t b = (int64_t)birth + (1 << 17);
        if (b < 0)
            b = 0;
        if (b >= (1 << 18))
            b = (1 << 18) - 1;
        k |= (uint64_t)b << 38 | roll << 1;
    } else
        k |= roll << 1;
    return k | (temporary ? 1u : 0u);
}

static bool visible(const struct ctx *c, const struct engine_member_row *r)
{
    const struct engine_list_query *q = c->q;
    if (q->visible_orgs && (r->org_slot == UINT32_MAX || !q->visible_orgs[r->org_slot]))
        return false;
    return !q->visible || q->visible(q->visible_ctx, r->org_id);
}

static bool passes(const struct ctx *c, uint32_t m, uint8_t status)
{
    const struct engine_list_query *q = c->q;
    const struct engine_member_row *r = &c->eng->m[m];
    if (!visible(c, r))
        return false;
    if (q->gender >= 0 && r->gender != q->gender)
        return false;
    if (q->status >= 0 && status != q->status)
        return false;
    if (q->theory >= 0 && r->theory != q->theory)
        return false;
    if (c->eth_code != -2 && (int)r->attr[ENGINE_ATTR_ETHNICITY] != c->eth_code)
        return false;
    if (q->age_min >= 0 || q->age_max >= 0) {
        int age = date_age_years(r->birth, q->as_of);
        if ((q->age_min >= 0 && age < q->age_min) || (q->age_max >= 0 && age > q->age_max))
            return false;
    }
    return true;
}

static bool slot_in(const struct ctx *c, uint32_t slot)
{
    uint32_t p = c->v->pos_of_slot[slot];
    return p != TREE_NONE && p >= c->lo && p < c->hi;
}

/* A candidate member's rows: its registrations on the date inside the subtree (and the former
   member's row when asked). */
static void member_rows(struct ctx *c, uint32_t m, unsigned rank)
{
    const struct engine *eng = c->eng;
    const struct engine_list_query *q = c->q;
    bool registered = false;
    uint32_t last = TREE_NONE;
    if (engine_delta_masked(eng, m)) /* the delta's rows stand for it */
        return;
    uint64_t roll = engine_roll_of(m);
    if (c->fb && (!col_ok(c, ENGINE_COL_MST_OFF, m, 2, sizeof(uint32_t)) ||
                  !col_ok(c, ENGINE_COL_MST, eng->mst_off[m], eng->mst_off[m + 1] - eng->mst_off[m],
                          sizeof(struct engine_mstint)) ||
                  (c->need_row && !member_ok(c, m))))
        return;
    /* the member's row is read only when a filter, the scope or the order needs it */
    tcxd_date birth = c->q->sort == ENGINE_SORT_BIRTH ? eng->m[m].birth : 0;
    for (uint32_t i = eng->mst_off[m]; i < eng->mst_off[m + 1]; i++) {
        const struct engine_mstint *s = &eng->mst[i];
        if (s->kind == STINT_REGISTERED)
            last = s->slot;
        if (!(s->from <= q->as_of && q->as_of < s->to))
            continue;
        if (s->kind == STINT_REGISTERED)
            registered = true;
        if (s->kind != STINT_REGISTERED && !q->include_temporary)
            continue;
        if (!slot_in(c, s->slot) || !passes(c, m, s->status))
            continue;
        struct row r = {row_key(c, roll, birth, rank, s->kind != STINT_REGISTERED),
                        m,
                        s->slot,
                        s->status,
                        s->kind != STINT_REGISTERED,
                        0,
                        (uint8_t)rank};
        rows_add(&c->rows, &r);
    }
    if (q->former && !registered && last != TREE_NONE && (!q->org_id || slot_in(c, last))) {
        if (!member_ok(c, m))
            return;
        uint8_t st = eng->m[m].status;
        if (!passes(c, m, st))
            return;
        struct row r = {row_key(c, roll, birth, rank, false), m, last, st, 0, 1, (uint8_t)rank};
        rows_add(&c->rows, &r);
    }
}

/* A candidate of a search at rank `rank`: when its summary (engine_mreg) settles whether it
   has a row on the date and where, it is counted from it, its registrations read only when
   the row may enter the page; otherwise through member_rows. The same rows and total as
   member_rows for every candidate (tests). */
static inline void candidate(struct ctx *c, uint32_t m, unsigned rank)
{
    const struct engine_list_query *q = c->q;
    if (engine_delta_masked(c->eng, m)) /* the delta's rows stand for it */
        return;
    if (c->fast && col_ok(c, ENGINE_COL_MREG, m, 1, sizeof(struct engine_mreg))) {
        const struct engine_mreg *s = &c->eng->search.mreg[m];
        uint32_t f = s->slot;
        tcxd_date d = q->as_of;
        /* settled: registered on d in the run's organization, or (d past the run, or before
           it with nothing before it) not registered, placed there when former; a temporary
           stay adds rows when asked for */
        if ((f & ENGINE_MREG_RUN) && (d >= s->lo || (f & ENGINE_MREG_ONLY)) &&
            (!q->include_temporary || !(f & ENGINE_MREG_TEMP)) &&
            (!q->visible_orgs || (f & ENGINE_MREG_CUR))) {
            bool registered = d >= s->lo && d < s->hi;
            if (!registered && !q->former)
                return;
            uint32_t slot = f & ENGINE_MREG_SLOT;
            /* a former member's row is in its last organization if that is in the subtree
               (anywhere for the whole tree, as member_rows) */
            bool in = registered || q->org_id ? slot_in(c, slot) : true;
            if (!in || (q->visible_orgs && !q->visible_orgs[slot]))
                return;
            uint64_t key = (uint64_t)rank << 56 | engine_roll_of(m) << 1;
            if (c->rows.heap && c->rows.n >= c->rows.keep && key >= c->rows.v[0].key) {
                c->rows.total++; /* past the page: counted only */
                return;
            }
        }
    }
    if (!c->bad)
        member_rows(c, m, rank);
}

/* ---- the three kinds of query -------------------------------------------------------------- */

/* passes() for a registration of the list: the member's attributes from the registration's
   own columns (read in order), the member's row only when the scope needs its chi bộ and the
   registration is not in it */
static bool stint_passes(struct ctx *c, const struct engine_stint *s, uint32_t m, uint32_t slot)
{
    const struct engine_list_query *q = c->q;
    if (((q->visible_orgs && !s->cur) || q->visible) && !member_ok(c, m))
        return false;
    if (q->visible_orgs && !(s->cur ? q->visible_orgs[slot] : visible(c, &c->eng->m[m])))
        return false;
    if (q->visible && !q->visible(q->visible_ctx, c->eng->m[m].org_id))
        return false;
    const struct engine_prof *p = engine_st_prof(c->eng, s);
    if (q->gender >= 0 && (int)p->gender != q->gender)
        return false;
    if (q->status >= 0 && (int)s->status != q->status)
        return false;
    if (q->theory >= 0 && (int)p->theory != q->theory)
        return false;
    if (c->eth_code != -2 && (int)p->attr[ENGINE_ATTR_ETHNICITY] != c->eth_code)
        return false;
    if (q->age_min >= 0 || q->age_max >= 0) {
        int age = date_age_years(engine_st_birth(c->eng, s), q->as_of);
        if ((q->age_min >= 0 && age < q->age_min) || (q->age_max >= 0 && age > q->age_max))
            return false;
    }
    return true;
}

static void list_subtree(struct ctx *c)
{
    const struct engine *eng = c->eng;
    tcxd_date on = c->q->as_of;
    for (uint32_t pos = c->lo; pos < c->hi; pos++) {
        const struct engine_org *o = &c->v->orgs[pos];
        if (!org_holds_members(o->tier, o->form))
            continue;
        uint32_t slot = c->v->slot_of_pos[pos];
        for (uint32_t i = eng->st_off[slot], end = engine_slot_end(eng, slot, on); i < end; i++) {
            if (eng->st_to[i] <= on)
                continue;
            const struct engine_stint *s = &eng->st[i];
            if (s->kind != STINT_REGISTERED && !c->q->include_temporary)
                continue;
            if (!col_ok(c, ENGINE_COL_ST_MEMBER, i, 1, sizeof(uint32_t)))
                return;
            uint32_t m = eng->st_member[i];
            if (engine_delta_masked(eng, m))
                continue;
            if (!stint_passes(c, s, m, slot)) {
                if (c->bad)
                    return;
                continue;
            }
            struct row r = {row_key(c, engine_roll_of(m), engine_st_birth(eng, s), 0,
                                    s->kind != STINT_REGISTERED),
                            m,
                            slot,
                            (uint8_t)s->status,
                            s->kind != STINT_REGISTERED,
                            0,
                            0};
            rows_add(&c->rows, &r);
        }
    }
}

static bool all_digits(const char *s, size_t *n)
{
    size_t k = 0;
    for (; s[k]; k++)
        if (s[k] < '0' || s[k] > '9')
            return false;
    *n = k;
    return k > 0;
}

/* First index whose string is >= s (prefix ranges of sorted strings). */
static size_t lower_idref(struct ctx *c, const struct engine_idref *v, size_t n, const char *s,
                          size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (!str_ok(c, v[mid].s))
            return n;
        if (strncmp(ENGINE_BSTR(c->eng, v[mid].s), s, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void search_ids(struct ctx *c, const char *digits, size_t len, unsigned char *seen)
{
    const struct engine_search *x = &c->eng->search;
    const struct engine_idref *lists[2] = {x->nid, x->card};
    size_t ns[2] = {x->nnid, x->ncard};
    if (!col_ok(c, ENGINE_COL_NID, 0, x->nnid, sizeof(*x->nid)) ||
        !col_ok(c, ENGINE_COL_CARD, 0, x->ncard, sizeof(*x->card)))
        return;
    for (int w = 0; w < 2 && !c->bad; w++)
        for (size_t i = lower_idref(c, lists[w], ns[w], digits, len);
             i < ns[w] && str_ok(c, lists[w][i].s) &&
             !strncmp(ENGINE_BSTR(c->eng, lists[w][i].s), digits, len);
             i++) {
            uint32_t m = lists[w][i].member;
            if (seen[m >> 3] & (1u << (m & 7)))
                continue;
            seen[m >> 3] |= (unsigned char)(1u << (m & 7));
            /* a whole number before a beginning */
            member_rows(c, m, strlen(ENGINE_BSTR(c->eng, lists[w][i].s)) == len ? 0 : 1);
        }
}

#define QWORDS_MAX 8

/* A query word: the by_fold positions [lo, hi) of the words it begins, and for each of them
   the cost of matching it (cost[fp - lo]): 0 the whole word with the query's diacritics, 1 its
   beginning with them, 2 the whole word without them, 3 its beginning without them (the
   per-query table: ranking a candidate is then integer work). */
struct qword {
    const char *fold, *lower;
    size_t flen, llen;
    uint32_t lo, hi;
    uint8_t *cost;
    unsigned char *bits; /* the members of the range (one bit each), for the candidates' test */
};

static uint8_t word_cost(const struct engine_word *ew, const struct qword *q)
{
    bool whole = strlen(ew->fold) == q->flen;
    bool exact = !strncmp(ew->lower, q->lower, q->llen) && (!whole || !ew->lower[q->llen]);
    return (uint8_t)((exact ? 0 : 2) + (whole ? 0 : 1));
}

/* whole words first (a query's "thi" is the name's "Thị" before it is the start of "Thiên"),
   then the diacritics as typed, then the words' order */
static unsigned rank_of(unsigned prefix, unsigned inexact, unsigned disorder)
{
    return (prefix > 7 ? 7 : prefix) * 32 + (inexact > 15 ? 15 : inexact) * 2 + disorder;
}

static size_t split(char *s, const char **out, size_t max)
{
    size_t n = 0;
    char *p = s;
    while (*p && n < max) {
        while (*p == ' ')
            *p++ = 0;
        if (!*p)
            break;
        out[n++] = p;
        while (*p && *p != ' ')
            p++;
    }
    while (*p) { /* words past the maximum are dropped */
        if (*p == ' ')
            *p = 0;
        p++;
    }
    return n;
}

/* The rank of a candidate: (words matched only as a beginning, words not written with the
   query's diacritics, words out of the query's order); 0xff: not a match. Each query word
   takes the cheapest of the name's words (the first 32) not taken by an earlier one. */
static unsigned match_rank(const struct engine *eng, uint32_t m, const struct qword *qw, size_t nq)
{
    const struct engine_search *x = &eng->search;
    uint32_t a = x->mw_off[m], b = x->mw_off[m + 1];
    uint32_t used = 0;
    unsigned inexact = 0, prefix = 0, disorder = 0;
    int last = -1;
    for (size_t i = 0; i < nq; i++) {
        int best = -1, best_cost = 99;
        for (uint32_t j = a; j < b && j - a < 32; j++) {
            if (used & (1u << (j - a)))
                continue;
            uint32_t fp = x->fold_pos[x->mw[j]];
            if (fp < qw[i].lo || fp >= qw[i].hi)
                continue;
            int cost = qw[i].cost[fp - qw[i].lo];
            if (cost < best_cost) {
                best_cost = cost;
                best = (int)(j - a);
            }
        }
        if (best < 0)
            return 0xff;
        used |= 1u << best;
        inexact += best_cost >= 2;
        prefix += best_cost & 1;
        if (best < last)
            disorder = 1;
        last = best;
    }
    return rank_of(prefix, inexact, disorder);
}

static uint32_t fold_lower_bound(const struct engine_search *x, const char *s, size_t n)
{
    uint32_t lo = 0, hi = (uint32_t)x->nwords;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (strncmp(x->words[x->by_fold[mid]].fold, s, n) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static inline bool seen_mark(unsigned char *seen, uint32_t m)
{
    if (seen[m >> 3] & (1u << (m & 7)))
        return false;
    seen[m >> 3] |= (unsigned char)(1u << (m & 7));
    return true;
}

/* One query word: its words taken cost by cost, each one's members in roll order; a member is
   ranked by the first (cheapest) of its words met, as match_rank would rank it, without
   reading its name. */
static void search_one_word(struct ctx *c, const struct qword *q, unsigned char *seen)
{
    const struct engine_search *x = &c->eng->search;
    for (unsigned cost = 0; cost < 4 && !c->bad; cost++) {
        unsigned rank = rank_of(cost & 1, cost >= 2, 0);
        for (uint32_t fp = q->lo; fp < q->hi && !c->bad; fp++) {
            if (q->cost[fp - q->lo] != cost)
                continue;
            for (uint32_t k = x->post_off[fp]; k < x->post_off[fp + 1]; k++) {
                uint32_t m = x->post[k];
                if (seen_mark(seen, m)) {
                    candidate(c, m, rank);
                    if (c->bad)
                        return;
                }
            }
        }
    }
}

/* ---- the delta's members (a view: engine_delta.h) ------------------------------------------ */

/* The member row index of delta member k in a search's rows: past the base's. */
#define DROW(eng, k) ((uint32_t)((eng)->nmembers + (k)))

static bool dvisible(const struct ctx *c, const struct engine_dmember *dm)
{
    const struct engine_list_query *q = c->q;
    if (q->visible_orgs && (dm->org_slot == UINT32_MAX || !q->visible_orgs[dm->org_slot]))
        return false;
    return !q->visible || q->visible(q->visible_ctx, dm->org_id);
}

static bool dpasses(const struct ctx *c, const struct engine_dmember *dm, uint8_t status)
{
    const struct engine_list_query *q = c->q;
    if (!dvisible(c, dm))
        return false;
    if (q->gender >= 0 && dm->gender != q->gender)
        return false;
    if (q->status >= 0 && status != q->status)
        return false;
    if (q->theory >= 0 && dm->theory != q->theory)
        return false;
    if (c->eth_code != -2 && (int)dm->attr[ENGINE_ATTR_ETHNICITY] != c->eth_code)
        return false;
    if (q->age_min >= 0 || q->age_max >= 0) {
        int age = date_age_years(dm->birth, q->as_of);
        if ((q->age_min >= 0 && age < q->age_min) || (q->age_max >= 0 && age > q->age_max))
            return false;
    }
    return true;
}

/* member_rows for delta member k */
static void dmember_rows(struct ctx *c, size_t k, unsigned rank)
{
    const struct engine_dmember *dm = &c->eng->delta->m[k];
    const struct engine_list_query *q = c->q;
    bool registered = false;
    uint32_t last = TREE_NONE;
    uint32_t mrow = DROW(c->eng, k);
    for (size_t i = 0; i < dm->nst; i++) {
        const struct engine_mstint *s = &dm->st[i];
        if (s->kind == STINT_REGISTERED)
            last = s->slot;
        if (!(s->from <= q->as_of && q->as_of < s->to))
            continue;
        if (s->kind == STINT_REGISTERED)
            registered = true;
        if (s->kind != STINT_REGISTERED && !q->include_temporary)
            continue;
        if (!slot_in(c, s->slot) || !dpasses(c, dm, s->status))
            continue;
        struct row r = {row_key(c, dm->roll, dm->birth, rank, s->kind != STINT_REGISTERED),
                        mrow,
                        s->slot,
                        s->status,
                        s->kind != STINT_REGISTERED,
                        0,
                        (uint8_t)rank};
        rows_add(&c->rows, &r);
    }
    if (q->former && !registered && last != TREE_NONE && (!q->org_id || slot_in(c, last))) {
        if (!dpasses(c, dm, dm->status))
            return;
        struct row r = {row_key(c, dm->roll, dm->birth, rank, false),
                        mrow,
                        last,
                        dm->status,
                        0,
                        1,
                        (uint8_t)rank};
        rows_add(&c->rows, &r);
    }
}

/* list_subtree for the delta's members: their registrations on the date in the subtree */
static void dlist(struct ctx *c)
{
    const struct engine_delta *d = c->eng->delta;
    tcxd_date on = c->q->as_of;
    for (size_t k = 0; k < d->n; k++) {
        const struct engine_dmember *dm = &d->m[k];
        for (size_t i = 0; i < dm->nst; i++) {
            const struct engine_mstint *s = &dm->st[i];
            if (!(s->from <= on && on < s->to))
                continue;
            if (s->kind != STINT_REGISTERED && !c->q->include_temporary)
                continue;
            uint32_t p = c->v->pos_of_slot[s->slot];
            if (p == TREE_NONE || p < c->lo || p >= c->hi ||
                !org_holds_members(c->v->orgs[p].tier, c->v->orgs[p].form))
                continue;
            if (!dpasses(c, dm, s->status))
                continue;
            struct row r = {row_key(c, dm->roll, dm->birth, 0, s->kind != STINT_REGISTERED),
                            DROW(c->eng, k),
                            s->slot,
                            s->status,
                            s->kind != STINT_REGISTERED,
                            0,
                            0};
            rows_add(&c->rows, &r);
        }
    }
}

/* search_ids for the delta's members */
static void dsearch_ids(struct ctx *c, const char *digits, size_t len)
{
    const struct engine_delta *d = c->eng->delta;
    for (size_t k = 0; k < d->n; k++) {
        const struct engine_dmember *dm = &d->m[k];
        /* as search_ids meets it: by the national ID first, else by the party card; a whole
           number before a beginning */
        int rank = -1;
        if (dm->nid && !strncmp(dm->nid, digits, len))
            rank = strlen(dm->nid) == len ? 0 : 1;
        else if (dm->card && !strncmp(dm->card, digits, len))
            rank = strlen(dm->card) == len ? 0 : 1;
        if (rank >= 0)
            dmember_rows(c, k, (unsigned)rank);
    }
}

/* match_rank for a delta member: its words compared as the base's are through the table */
static unsigned dmatch_rank(const struct engine_dmember *dm, const struct qword *qw, size_t nq)
{
    uint32_t used = 0;
    unsigned inexact = 0, prefix = 0, disorder = 0;
    int last = -1;
    for (size_t i = 0; i < nq; i++) {
        int best = -1, best_cost = 99;
        for (size_t j = 0; j < dm->nw && j < 32; j++) {
            if (used & (1u << j))
                continue;
            if (strncmp(dm->fold[j], qw[i].fold, qw[i].flen))
                continue;
            struct engine_word w = {dm->fold[j], dm->fold[j], dm->lower[j]};
            int cost = word_cost(&w, &qw[i]);
            if (cost < best_cost) {
                best_cost = cost;
                best = (int)j;
            }
        }
        if (best < 0)
            return 0xff;
        used |= 1u << best;
        inexact += best_cost >= 2;
        prefix += best_cost & 1;
        if (best < last)
            disorder = 1;
        last = best;
    }
    return rank_of(prefix, inexact, disorder);
}

static void dsearch_names(struct ctx *c, const struct qword *qw, size_t nq)
{
    const struct engine_delta *d = c->eng->delta;
    for (size_t k = 0; k < d->n; k++) {
        unsigned rank = dmatch_rank(&d->m[k], qw, nq);
        if (rank != 0xff)
            dmember_rows(c, k, rank);
    }
}

void engine_search_words_of(const char *name, char ***fold, char ***lower, size_t *n)
{
    size_t cap = 0;
    *fold = NULL;
    *lower = NULL;
    *n = 0;
    const char *p = name;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        if (p == w)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 4;
            *fold = xreallocarray(*fold, cap, sizeof(char *));
            *lower = xreallocarray(*lower, cap, sizeof(char *));
        }
        char *orig = xstrndup(w, (size_t)(p - w));
        struct buf f = BUF_INIT;
        text_fold(orig, &f);
        (*fold)[*n] = xstrdup(f.len ? f.ptr : "");
        buf_release(&f);
        utf8proc_uint8_t *out = NULL;
        utf8proc_ssize_t ln = utf8proc_map((const utf8proc_uint8_t *)orig, 0, &out,
                                           UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                               UTF8PROC_CASEFOLD);
        (*lower)[*n] = xstrdup(ln >= 0 && out ? (const char *)out : orig);
        free(out);
        free(orig);
        (*n)++;
    }
}

static enum tcxd_err search_names(struct ctx *c, const char *query, unsigned char *seen,
                                  struct tcxd_error *e)
{
    const struct engine *eng = c->eng;
    const struct engine_search *x = &eng->search;
    struct buf f = BUF_INIT;
    text_fold(query, &f);
    utf8proc_uint8_t *low = NULL;
    utf8proc_ssize_t ln =
        utf8proc_map((const utf8proc_uint8_t *)query, 0, &low,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    char *lw = xstrdup(ln >= 0 && low ? (const char *)low : query);
    free(low);
    char *fw = xstrdup(f.len ? f.ptr : "");
    buf_release(&f);
    const char *fv[QWORDS_MAX], *lv[QWORDS_MAX];
    size_t nf = split(fw, fv, QWORDS_MAX), nl = split(lw, lv, QWORDS_MAX);
    enum tcxd_err rc = TCXD_OK;
    struct qword qw[QWORDS_MAX];
    memset(qw, 0, sizeof(qw));
    if (!nf) {
        rc = tcxd_fail(e, TCXD_EINVAL, "q", "nothing to search for in '%s'", query);
        goto out;
    }
    size_t best = 0;
    uint32_t best_n = UINT32_MAX;
    for (size_t i = 0; i < nf; i++) {
        qw[i].fold = fv[i];
        qw[i].flen = strlen(fv[i]);
        /* the words with diacritics line up with the folded ones unless folding dropped one */
        qw[i].lower = nl == nf ? lv[i] : fv[i];
        qw[i].llen = strlen(qw[i].lower);
        qw[i].lo = fold_lower_bound(x, qw[i].fold, qw[i].flen);
        uint32_t h = qw[i].lo;
        while (h < x->nwords && !strncmp(x->words[x->by_fold[h]].fold, qw[i].fold, qw[i].flen))
            h++;
        qw[i].hi = h;
        qw[i].cost = xmalloc(h > qw[i].lo ? h - qw[i].lo : 1);
        for (uint32_t fp = qw[i].lo; fp < h; fp++)
            qw[i].cost[fp - qw[i].lo] = word_cost(&x->words[x->by_fold[fp]], &qw[i]);
        uint32_t n = x->post_off[qw[i].hi] - x->post_off[qw[i].lo];
        if (n < best_n) {
            best_n = n;
            best = i;
        }
    }
    uint32_t plo = x->post_off[qw[best].lo], phi = x->post_off[qw[best].hi];
    if (!col_ok(c, ENGINE_COL_POST, plo, phi - plo, sizeof(uint32_t)))
        goto out;
    if (nf == 1) {
        search_one_word(c, &qw[0], seen);
        goto out;
    }
    /* the members of each other query word's range, as bits: a candidate is ranked only when
       every word of the query begins a word of its name */
    size_t nb = eng->nmembers / 8 + 1;
    for (size_t i = 0; i < nf; i++) {
        if (i == best)
            continue;
        uint32_t lo = x->post_off[qw[i].lo], hi = x->post_off[qw[i].hi];
        if (!col_ok(c, ENGINE_COL_POST, lo, hi - lo, sizeof(uint32_t)))
            goto out;
        qw[i].bits = xcalloc(nb, 1);
        for (uint32_t k = lo; k < hi; k++)
            qw[i].bits[x->post[k] >> 3] |= (unsigned char)(1u << (x->post[k] & 7));
    }
    for (uint32_t k = plo; k < phi; k++) {
        uint32_t m = x->post[k];
        bool all = true;
        for (size_t i = 0; i < nf && all; i++)
            all = i == best || (qw[i].bits[m >> 3] & (1u << (m & 7)));
        if (!all || !seen_mark(seen, m))
            continue;
        if (c->fb && (!col_ok(c, ENGINE_COL_MW_OFF, m, 2, sizeof(uint32_t)) ||
                      !col_ok(c, ENGINE_COL_MW, x->mw_off[m], x->mw_off[m + 1] - x->mw_off[m],
                              sizeof(uint32_t))))
            break;
        unsigned rank = match_rank(eng, m, qw, nf);
        if (rank != 0xff)
            candidate(c, m, rank);
        if (c->bad)
            break;
    }
out:
    if (!rc && !c->bad && eng->delta)
        dsearch_names(c, qw, nf);
    for (size_t i = 0; i < nf; i++) {
        free(qw[i].cost);
        free(qw[i].bits);
    }
    free(fw);
    free(lw);
    return rc;
}

enum tcxd_err engine_list(const struct engine *eng, const struct engine_list_query *q,
                          void (*fn)(void *ctx, const struct engine_hit *h), void *fctx,
                          int64_t *total, struct tcxd_error *e)
{
    struct ctx c;
    memset(&c, 0, sizeof(c));
    c.eng = eng;
    c.q = q;
    struct engine_range r;
    enum tcxd_err rc = engine_subtree(eng, q->org_id, q->as_of, &r, e);
    if (rc)
        return rc;
    c.v = engine_version_get(eng, r.version);
    c.lo = r.lo;
    c.hi = r.hi;
    c.eth_code = -2;
    if (q->ethnicity && *q->ethnicity)
        c.eth_code = engine_attr_code(eng, ENGINE_ATTR_ETHNICITY, q->ethnicity);
    c.fb = eng->blocks;
    c.need_row = q->visible_orgs || q->visible || q->gender >= 0 || q->theory >= 0 ||
                 c.eth_code != -2 || q->age_min >= 0 || q->age_max >= 0 ||
                 q->sort == ENGINE_SORT_BIRTH;
    c.fast = !q->visible && q->status < 0 && q->gender < 0 && q->theory < 0 && c.eth_code == -2 &&
             q->age_min < 0 && q->age_max < 0 && q->sort == ENGINE_SORT_ROLL;
    size_t from = q->offset > 0 ? (size_t)q->offset : 0;
    c.rows.keep = q->limit > 0 ? from + (size_t)q->limit : 0;
    c.rows.heap = c.rows.keep && c.rows.keep <= engine_heap_keep_max;
    const char *text = q->q ? q->q : "";
    while (*text == ' ')
        text++;
    size_t ndig;
    if (!*text) {
        /* a list reads the registrations' columns of its subtree */
        if (!engine_file_verify((struct engine *)eng, ENGINE_USE_COUNTS))
            c.bad = true;
        else {
            list_subtree(&c);
            if (eng->delta && !c.bad)
                dlist(&c);
        }
    } else {
        unsigned char *seen = xcalloc(eng->nmembers / 8 + 1, 1);
        if (all_digits(text, &ndig) && ndig >= 4) {
            search_ids(&c, text, ndig, seen);
            if (eng->delta && !c.bad)
                dsearch_ids(&c, text, ndig);
        } else
            rc = search_names(&c, text, seen, e);
        free(seen);
    }
    if (!rc && c.bad)
        rc = tcxd_fail(e, TCXD_EIO, "engine_file", "engine cache %s damaged",
                       eng->blocks ? eng->blocks->path : "");
    if (!rc) {
        size_t to = c.rows.keep && c.rows.keep < c.rows.n ? c.rows.keep : c.rows.n;
        /* the page's rows, names and gaps may be read */
        for (size_t i = from; i < to && c.fb && !c.bad; i++) {
            uint32_t m = c.rows.v[i].member;
            if (m >= eng->nmembers) /* the delta's */
                continue;
            if (member_ok(&c, m) && str_ok(&c, eng->m[m].name))
                col_ok(&c, ENGINE_COL_GAP_OFF, m, 2, sizeof(uint32_t));
        }
        if (c.bad) {
            rc =
                tcxd_fail(e, TCXD_EIO, "engine_file", "engine cache %s damaged", eng->blocks->path);
            to = from;
        }
        if (c.rows.heap || !c.rows.keep) {
            if (c.rows.n > 1)
                qsort(c.rows.v, c.rows.n, sizeof(*c.rows.v), cmp_row);
        } else
            select_page(c.rows.v, c.rows.n, from, to);
        for (size_t i = from; i < to; i++) {
            const struct row *w = &c.rows.v[i];
            struct engine_hit h;
            if (w->member >= eng->nmembers) {
                const struct engine_dmember *dm = &eng->delta->m[w->member - eng->nmembers];
                h.idx = UINT32_MAX;
                h.member_id = dm->id;
                h.full_name = dm->name;
                h.gender = (enum gender)dm->gender;
                h.birth_date = dm->birth;
                h.admission_decision_date = dm->first_decision;
                h.status = (enum member_status)w->status;
                h.org_id = eng->orgs[w->slot].id;
                h.temporary = w->temporary;
                h.former = w->former;
                h.rank = w->rank;
                h.party_age_years = member_party_age_years_of(dm->first_decision, dm->died,
                                                              dm->gaps, dm->ngaps, q->as_of);
                fn(fctx, &h);
                continue;
            }
            const struct engine_member_row *m = &eng->m[w->member];
            h.idx = w->member;
            h.member_id = m->id;
            h.full_name = ENGINE_BSTR(eng, m->name);
            h.gender = (enum gender)m->gender;
            h.birth_date = m->birth;
            h.admission_decision_date = m->first_decision;
            h.status = (enum member_status)w->status;
            h.org_id = eng->orgs[w->slot].id;
            h.temporary = w->temporary;
            h.former = w->former;
            h.rank = w->rank;
            h.party_age_years = member_party_age_years_of(
                m->first_decision, m->died, &eng->gaps[eng->gap_off[w->member]],
                eng->gap_off[w->member + 1] - eng->gap_off[w->member], q->as_of);
            fn(fctx, &h);
        }
        if (total)
            *total = c.rows.total;
    }
    free(c.rows.v);
    return rc;
}

/* ---- store_member_list's shape ----------------------------------------------------------- */

struct adapt {
    void (*fn)(void *ctx, const struct member_row *r, const struct engine_hit *h);
    void *ctx;
};

static void adapt_hit(void *vctx, const struct engine_hit *h)
{
    struct adapt *a = vctx;
    struct member_row r;
    memset(&r, 0, sizeof(r));
    r.id = h->member_id;
    snprintf(r.full_name, sizeof(r.full_name), "%s", h->full_name);
    r.gender = h->gender;
    r.birth_date = h->birth_date;
    r.status = h->status;
    r.org_id = h->org_id;
    r.temporary = h->temporary;
    r.admission_decision_date = h->admission_decision_date;
    a->fn(a->ctx, &r, h);
}

enum tcxd_err engine_member_list(struct store *st, const struct member_query *q, bool former,
                                 void (*fn)(void *ctx, const struct member_row *r,
                                            const struct engine_hit *h),
                                 void *ctx, int64_t *total, struct tcxd_error *e)
{
    struct engine *eng;
    enum tcxd_err rc = engine_acquire_for(st, ENGINE_USE_LIST, &eng, e);
    if (rc)
        return rc;
    struct engine_list_query lq;
    engine_list_query_init(&lq, q->as_of);
    lq.org_id = q->org_id;
    lq.q = q->q;
    lq.former = former;
    lq.include_temporary = q->include_temporary;
    lq.status = q->status;
    lq.gender = q->gender;
    lq.age_min = q->age_min;
    lq.age_max = q->age_max;
    lq.theory = q->theory;
    lq.ethnicity = q->ethnicity;
    lq.sort = q->sort == MQ_SORT_BIRTH ? ENGINE_SORT_BIRTH : ENGINE_SORT_ROLL;
    lq.offset = q->offset;
    lq.limit = q->limit;
    uint8_t *marks = engine_scope_marks(eng, st);
    lq.visible_orgs = marks;
    struct adapt a = {fn, ctx};
    rc = engine_list(eng, &lq, adapt_hit, &a, total, e);
    free(marks);
    engine_release(eng);
    if (rc == TCXD_EIO && !strcmp(e->field, "engine_file")) {
        /* a damaged block of the cache file (nothing was answered from it): the file is gone,
           the engine is dropped; once more from an engine built afresh */
        tcxd_error_clear(e);
        if ((rc = engine_acquire_for(st, ENGINE_USE_LIST, &eng, e)))
            return rc;
        marks = engine_scope_marks(eng, st);
        lq.visible_orgs = marks;
        rc = engine_list(eng, &lq, adapt_hit, &a, total, e);
        free(marks);
        engine_release(eng);
    }
    return rc;
}
