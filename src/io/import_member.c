/*
 * import_member.c - member rows: each row checked as `tcxd member admit` would (every failing
 * field reported), its national ID against the file and the database, and while the file is
 * good handed to the writer thread, which writes it through the bulk path (store_bulk.h); the
 * caches of cleaned cells that make a city's roll fast.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/import_internal.h"
#include "util/xmalloc.h"

static struct centry *cache_find(struct ccache *c, uint64_t h, const char *s, size_t n)
{
    if (!c->cap)
        return NULL;
    c->lookups++;
    for (size_t i = h & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
        struct centry *x = &c->tab[i];
        if (!x->raw)
            return NULL;
        if (x->h == h && x->raw_len == n && !memcmp(x->raw, s, n)) {
            c->hits++;
            return x;
        }
    }
}

/* A new entry for s (not in c), or NULL when the cache is full. */
static struct centry *cache_add(struct ccache *c, struct arena *a, uint64_t h, const char *s,
                                size_t n)
{
    if (c->n >= CACHE_MAX)
        return NULL;
    /* a column of (nearly) all different values, like national IDs: checking it afresh is
       cheaper than keeping it */
    if (c->lookups >= 4096 && c->hits < c->lookups / 4) {
        c->off = true;
        return NULL;
    }
    if ((c->n + 1) * 2 > c->cap) {
        struct ccache old = *c;
        c->cap = old.cap ? old.cap * 2 : 256;
        c->tab = xcalloc(c->cap, sizeof(*c->tab));
        for (size_t i = 0; i < old.cap; i++)
            if (old.tab[i].raw) {
                size_t j = old.tab[i].h & (c->cap - 1);
                while (c->tab[j].raw)
                    j = (j + 1) & (c->cap - 1);
                c->tab[j] = old.tab[i];
            }
        free(old.tab);
    }
    size_t j = h & (c->cap - 1);
    while (c->tab[j].raw)
        j = (j + 1) & (c->cap - 1);
    struct centry *x = &c->tab[j];
    memset(x, 0, sizeof(*x));
    x->h = h;
    x->raw = arena_copy(a, s, n);
    x->raw_len = n;
    c->n++;
    return x;
}

static void cache_release(struct ccache *c)
{
    free(c->tab);
    memset(c, 0, sizeof(*c));
}

static void namer_release(struct namer *n)
{
    if (n->coll)
        text_collator_free(n->coll);
    cache_release(&n->names);
    cache_release(&n->parts);
    arena_release(&n->arena);
    buf_release(&n->tmp);
    buf_release(&n->text);
}

/* The 12 digits as a number; false for anything else. */
static bool nid_number(const char *s, size_t n, uint64_t *out)
{
    if (n != 12)
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return true;
}

/* An XLSX number in a text column (a party card number): its digits. (A cell formatted to
   show leading zeros, "00000000", arrives as the text it shows: xlsx_read.c.) */
static const char *text_of(const struct io_cell *cl, struct buf *tmp)
{
    if (!cl->number)
        return cl->ptr;
    buf_reset(tmp);
    char *end;
    double v = strtod(cl->ptr, &end);
    if (*end || v < 0 || v >= 1e15 || v != (double)(long long)v)
        return cl->ptr;
    buf_addf(tmp, "%lld", (long long)v);
    return tmp->ptr;
}

/* The provinces' codes, the first three digits of a CCCD (the province of the birth
   registration; "0" and the province's code): docs/import-format.md. */
static bool cccd_province(int code)
{
    static const unsigned char codes[] = {
        1,  2,  4,  6,  8,  10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33,
        34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66,
        67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96};
    for (size_t i = 0; i < sizeof(codes); i++)
        if (codes[i] == code)
            return true;
    return false;
}

/*
 * The national ID of an XLSX number cell. A number loses a CCCD's leading zeros (every CCCD
 * starts with 0: "0" and the province's code), so 10 or 11 digits are given back their zeros
 * when that makes the code of a province - the only reading of the number as a CCCD (counted
 * for one warning). Any other number (8 or 9 digits, an old 9-digit CMND, a province code that
 * does not exist) is refused: NULL, with an issue that never shows the number.
 */
static const char *nid_of(struct importer *im, const struct io_cell *cl, struct buf *tmp)
{
    if (!cl->number)
        return cl->ptr;
    char *end;
    double v = strtod(cl->ptr, &end);
    if (*end || v < 0 || v >= 1e12 || v != (double)(long long)v) {
        im_issue(im, cl->line, MC_NATIONAL_ID, NULL, TCXD_EINVAL,
                 "the national ID cell is a number that is not a whole number of up to 12 digits: "
                 "format the column as Text and type the 12 digits");
        return NULL;
    }
    buf_reset(tmp);
    buf_addf(tmp, "%lld", (long long)v);
    size_t digits = tmp->len;
    if (digits == 12)
        return tmp->ptr;
    buf_reset(tmp);
    buf_addf(tmp, "%012lld", (long long)v);
    int province = (tmp->ptr[0] - '0') * 100 + (tmp->ptr[1] - '0') * 10 + (tmp->ptr[2] - '0');
    if ((digits == 10 || digits == 11) && cccd_province(province)) {
        if (!im->nid_restored++)
            im->nid_restored_line = cl->line;
        return tmp->ptr;
    }
    im_issue(
        im, cl->line, MC_NATIONAL_ID, NULL, TCXD_EINVAL,
        "the national ID cell is a number of %zu digits, not the 12 digits of a CCCD (a number "
        "cell drops leading zeros, and no province code makes it 12): format the column as "
        "Text and type the 12 digits",
        digits);
    return NULL;
}

/* ---- the writer thread ----------------------------------------------------------------- */

static void slot_init(struct slot *sl)
{
    memset(sl, 0, sizeof(*sl));
    member_fields_init(&sl->f);
    buf_init(&sl->dec, 0);
    buf_init(&sl->odec, 0);
    buf_init(&sl->place, 0);
    buf_init(&sl->fold, 0);
    buf_init(&sl->key, 0);
    buf_init(&sl->given, 0);
    buf_init(&sl->moved_from, 0);
    buf_init(&sl->moved_no, 0);
}

static void slot_release(struct slot *sl)
{
    member_fields_release(&sl->f);
    buf_release(&sl->dec);
    buf_release(&sl->odec);
    buf_release(&sl->place);
    buf_release(&sl->fold);
    buf_release(&sl->key);
    buf_release(&sl->given);
    buf_release(&sl->moved_from);
    buf_release(&sl->moved_no);
    for (size_t i = 0; i < sl->hist_cap; i++)
        member_history_item_release(&sl->hist[i]);
    free(sl->hist);
}

/*
 * A name part's piece of the roll-order key. text_name_sort_key lays a full name's key out as
 * key(given) 00 key(family) 00 key(middle) 00, each piece made from its part alone (text.h), so
 * a piece is cached per part: a city's names are made of a few thousand parts, but hundreds of
 * thousands of combinations, and an ICU key costs far more than a lookup. A part's piece is
 * the third one of the key of "a PART b" (PART as the middle name).
 */
static struct slice part_key(struct namer *nm, struct slice part)
{
    uint64_t h = hash_bytes(part.ptr, part.len);
    struct centry *x = cache_find(&nm->parts, h, part.ptr, part.len);
    if (x)
        return x->val;
    buf_reset(&nm->text);
    buf_adds(&nm->text, "a ");
    buf_add(&nm->text, part.ptr, part.len);
    buf_adds(&nm->text, " b");
    buf_reset(&nm->tmp);
    text_name_sort_key(nm->coll, nm->text.ptr, &nm->tmp);
    const char *p = nm->tmp.ptr, *end = p + nm->tmp.len;
    for (int k = 0; k < 2 && p < end; k++)
        p = (const char *)memchr(p, '\0', (size_t)(end - p)) + 1;
    const char *z = memchr(p, '\0', (size_t)(end - p));
    if (!z)
        BUG("name sort key without three parts");
    struct slice piece =
        slice_from(arena_copy(&nm->arena, p, (size_t)(z - p) + 1), (size_t)(z - p) + 1);
    if ((x = cache_add(&nm->parts, &nm->arena, h, part.ptr, part.len)))
        x->val = piece;
    return piece;
}

/* The search and sort keys of a member's clean full name, made once per distinct name (on the
   writer thread). */
static void name_keys(struct namer *nm, struct slot *sl)
{
    struct slice name = slice_from(sl->f.full_name.ptr, sl->f.full_name.len);
    uint64_t h = hash_bytes(name.ptr, name.len);
    struct centry *x = cache_find(&nm->names, h, name.ptr, name.len);
    if (!x) {
        buf_reset(&sl->fold);
        buf_reset(&sl->key);
        buf_reset(&sl->given);
        store_bulk_name_folds(name.ptr, &sl->fold, &sl->given);
        struct name_parts np;
        text_name_split(name.ptr, &np);
        const struct slice parts[3] = {np.given, np.family, np.middle};
        for (int k = 0; k < 3; k++) {
            struct slice piece = part_key(nm, parts[k]);
            buf_add(&sl->key, piece.ptr, piece.len);
        }
        if ((x = cache_add(&nm->names, &nm->arena, h, name.ptr, name.len))) {
            x->fold = slice_from(arena_copy(&nm->arena, sl->fold.ptr, sl->fold.len), sl->fold.len);
            x->key = slice_from(arena_copy(&nm->arena, sl->key.ptr, sl->key.len), sl->key.len);
            x->given =
                slice_from(arena_copy(&nm->arena, sl->given.ptr, sl->given.len), sl->given.len);
        }
    }
    if (x) {
        sl->kfold = x->fold;
        sl->kkey = x->key;
        sl->kgiven = x->given;
        return;
    }
    sl->kfold = slice_from(sl->fold.ptr, sl->fold.len);
    sl->kkey = slice_from(sl->key.ptr, sl->key.len);
    sl->kgiven = slice_from(sl->given.ptr, sl->given.len);
}

/* What the bulk path takes from a checked row. */
static struct store_bulk_member slot_member(const struct slot *sl)
{
    return (struct store_bulk_member){.fields = &sl->f,
                                      .org_id = sl->org_id,
                                      .decision_date = sl->decision,
                                      .ceremony_date = sl->ceremony,
                                      .official_decision_date = sl->official,
                                      .decision_no = sl->dec.ptr,
                                      .official_decision_no = sl->odec.ptr,
                                      .moved_to = sl->moved_to,
                                      .moved_on = sl->moved_on,
                                      .admission_place = sl->place.ptr,
                                      .moved_scope = sl->moved_scope,
                                      .moved_from = sl->moved_from.ptr,
                                      .moved_decision_date = sl->moved_decision,
                                      .moved_decision_no = sl->moved_no.ptr,
                                      .history = sl->hist,
                                      .nhistory = sl->nhist,
                                      .name_fold = sl->kfold,
                                      .name_key = sl->kkey,
                                      .name_fold_given = sl->kgiven};
}

static void *writer_main(void *arg)
{
    struct importer *im = arg;
    struct pipe *p = &im->pipe;
    msg_set_lang(p->lang);
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->nfull && !p->closing)
            pthread_cond_wait(&p->full_cv, &p->mu);
        if (!p->nfull) {
            pthread_mutex_unlock(&p->mu);
            break;
        }
        struct batch *b = p->fullq[p->full_head];
        p->full_head = (p->full_head + 1) % NBATCHES;
        p->nfull--;
        bool failed = p->failed;
        pthread_mutex_unlock(&p->mu);
        size_t written = 0;
        for (size_t i = 0; i < b->n && !failed; i++) {
            struct slot *sl = &b->s[i];
            name_keys(&im->namer, sl);
            if (p->keep)
                continue;
            struct store_bulk_member bm = slot_member(sl);
            enum tcxd_err rc = store_bulk_member_add(im->bulk, &bm, NULL, &p->err);
            if (rc) {
                failed = true;
                p->fail_line = sl->line;
                p->fail_rc = rc;
            } else {
                written++;
            }
        }
        pthread_mutex_lock(&p->mu);
        p->written += written;
        p->failed = p->failed || failed;
        if (p->keep) {
            ALLOC_GROW(p->kept, p->nkept + 1, p->kept_cap);
            p->kept[p->nkept++] = b;
        } else {
            b->n = 0;
            p->freeq[p->nfree++] = b;
        }
        pthread_cond_signal(&p->free_cv);
        pthread_mutex_unlock(&p->mu);
    }
    return NULL;
}

static struct batch *batch_new(struct pipe *p)
{
    struct batch *b = xcalloc(1, sizeof(*b));
    for (int k = 0; k < BATCH_ROWS; k++)
        slot_init(&b->s[k]);
    ALLOC_GROW(p->batches, p->nbatches + 1, p->batches_cap);
    p->batches[p->nbatches++] = b;
    return b;
}

bool members_pipe_start(struct importer *im, bool keep)
{
    struct pipe *p = &im->pipe;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->full_cv, NULL);
    pthread_cond_init(&p->free_cv, NULL);
    p->keep = keep;
    for (int i = 0; i < NBATCHES; i++)
        p->freeq[p->nfree++] = batch_new(p);
    p->lang = msg_lang();
    if (pthread_create(&p->thread, NULL, writer_main, im) != 0)
        return false;
    p->running = true;
    return true;
}

/* Hands the batch being filled to the writer. Called with the lock held. */
static void pipe_push_locked(struct pipe *p)
{
    if (!p->cur)
        return;
    if (p->cur->n) {
        p->fullq[(p->full_head + p->nfull) % NBATCHES] = p->cur;
        p->nfull++;
        pthread_cond_signal(&p->full_cv);
    } else {
        p->freeq[p->nfree++] = p->cur;
    }
    p->cur = NULL;
}

/* Lets the writer finish what it was given and waits for it. */
void members_pipe_finish(struct importer *im)
{
    struct pipe *p = &im->pipe;
    if (!p->running)
        return;
    pthread_mutex_lock(&p->mu);
    pipe_push_locked(p);
    p->closing = true;
    pthread_cond_signal(&p->full_cv);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);
    p->running = false;
    im->r->written += p->written;
    p->written = 0;
}

static void pipe_release(struct pipe *p)
{
    if (!p->batches)
        return;
    for (size_t i = 0; i < p->nbatches; i++) {
        for (int k = 0; k < BATCH_ROWS; k++)
            slot_release(&p->batches[i]->s[k]);
        free(p->batches[i]);
    }
    free(p->batches);
    free(p->kept);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->full_cv);
    pthread_cond_destroy(&p->free_cv);
}

/* The slot the next row is checked into: the next free one of the writer's batch, or solo. */
static struct slot *row_slot(struct importer *im)
{
    struct pipe *p = &im->pipe;
    if (!p->running)
        return &im->solo;
    if (p->cur && p->cur->n < BATCH_ROWS)
        return &p->cur->s[p->cur->n];
    pthread_mutex_lock(&p->mu);
    /* keeping: the thread takes each batch and keeps it; at most NBATCHES wait for it */
    while (p->keep && p->nfull == NBATCHES)
        pthread_cond_wait(&p->free_cv, &p->mu);
    pipe_push_locked(p);
    while (!p->nfree && !p->keep)
        pthread_cond_wait(&p->free_cv, &p->mu);
    p->cur = p->nfree ? p->freeq[--p->nfree] : batch_new(p);
    pthread_mutex_unlock(&p->mu);
    return &p->cur->s[0];
}

void members_preload_org(void *ctx, const char *code, const struct store_bulk_org *o)
{
    struct importer *im = ctx;
    ALLOC_GROW(im->orgs, im->norgs + 1, im->orgs_cap);
    struct org_cache *c = &im->orgs[im->norgs];
    memset(c, 0, sizeof(*c));
    c->found = true;
    c->o = *o;
    strmap_put(&im->org_index, code, (int64_t)im->norgs++);
}

void members_preload_nid(void *ctx, const char *nid, int64_t member_id)
{
    struct importer *im = ctx;
    uint64_t k;
    /* the store keeps only 12-digit IDs; anything else could not equal a row's anyway */
    if (nid_number(nid, strlen(nid), &k))
        u64map_put(&im->nids, k, -(int64_t)member_id); /* negative: a member in the database */
}

/* ---- members ---------------------------------------------------------------------------- */

struct hits {
    int64_t id[5];
    int n;
};

static void take_hit(void *ctx, int64_t id)
{
    struct hits *h = ctx;
    if (h->n < 5)
        h->id[h->n++] = id;
}

/* A name given where a code belongs: "; did you mean 'CB05' (Chi bộ 5)?" when a chi bộ alive
   today has exactly that name (folded). */
static void suggest_code(struct importer *im, const char *text, char *out, size_t n)
{
    struct hits h = {{0}, 0};
    out[0] = '\0';
    if (store_org_search(im->st, text, im->today, 5, take_hit, &h, NULL))
        return;
    struct buf want = BUF_INIT, got = BUF_INIT;
    text_fold(text, &want);
    for (int i = 0; i < h.n && !out[0]; i++) {
        struct org_info oi;
        if (store_org_get(im->st, h.id[i], im->today, &oi, NULL) ||
            !org_holds_members(oi.tier, oi.form))
            continue;
        buf_reset(&got);
        text_fold(oi.name, &got);
        if (!strcmp(got.ptr, want.ptr))
            snprintf(out, n, MSG_T("; did you mean '%s' (%.150s)?"), oi.code, oi.name);
    }
    buf_release(&want);
    buf_release(&got);
}

/* Looks up a chi bộ code once; the cache keeps what the database said. */
static struct org_cache *org_lookup(struct importer *im, const char *code, struct tcxd_error *err)
{
    int64_t *idx = strmap_find(&im->org_index, code);
    if (idx)
        return &im->orgs[*idx];
    members_pipe_finish(im); /* an unknown code: the database is needed for a suggestion */
    ALLOC_GROW(im->orgs, im->norgs + 1, im->orgs_cap);
    struct org_cache *c = &im->orgs[im->norgs];
    memset(c, 0, sizeof(*c));
    enum tcxd_err rc =
        im->preloaded ? TCXD_ENOTFOUND : store_bulk_org_by_code(im->st, code, &c->o, err);
    if (rc == TCXD_OK) {
        c->found = true;
    } else if (rc == TCXD_ENOTFOUND) {
        suggest_code(im, code, c->suggestion, sizeof(c->suggestion));
    } else {
        return NULL;
    }
    strmap_put(&im->org_index, code, (int64_t)im->norgs);
    return &im->orgs[im->norgs++];
}

/* ---- a member row's cells ---------------------------------------------------------------- */

/* "invalid UTF-8 ..." for a cell with bad bytes; true when the cell is valid. */
static bool cell_utf8(struct importer *im, const struct io_cell *cl, int col)
{
    size_t at = text_utf8_invalid_at(cl->ptr, cl->len);
    if (at == cl->len)
        return true;
    im_issue(im, cl->line, col, NULL, TCXD_EINVAL,
             "invalid UTF-8 at byte %zu of the value: the file is not UTF-8 (save it as "
             "'CSV UTF-8' or XLSX)",
             at + 1);
    return false;
}

/* Does a text column of member_fields_parse (clean_opt in store_member.c: an empty cell is
   the default; text_clean with the field's limit), through the column's cache. */
static bool text_cell(struct importer *im, int col, const struct io_cell *cl, const char *text,
                      size_t max, bool allow_empty, const char *dflt, struct slice *out)
{
    struct tcxd_error err;
    size_t len = text == cl->ptr ? cl->len : strlen(text);
    if (!len && dflt) {
        *out = slice_from(dflt, strlen(dflt));
        return true;
    }
    struct ccache *c = &im->cache[col];
    uint64_t h = c->off ? 0 : hash_bytes(text, len);
    struct centry *x = c->off ? NULL : cache_find(c, h, text, len);
    if (x) {
        *out = x->val;
        return true;
    }
    if (text == cl->ptr && !cell_utf8(im, cl, col))
        return false;
    buf_reset(&im->tmp);
    if (text_clean(text, len, max, allow_empty, io_member_columns[col].name, &im->tmp, &err)) {
        im_issue_err(im, cl->line, col, &err);
        return false;
    }
    if (c->off || !(x = cache_add(c, &im->arena, h, text, len))) {
        *out = slice_from(im->tmp.ptr, im->tmp.len); /* valid until the next cleaning */
        return true;
    }
    x->val = slice_from(arena_copy(&im->arena, im->tmp.ptr, im->tmp.len), im->tmp.len);
    *out = x->val;
    return true;
}

static void buf_set(struct buf *b, struct slice s)
{
    buf_reset(b);
    buf_add(b, s.ptr, s.len);
}

/* A date cell (dd/mm/yyyy, ISO, or an XLSX date number). Not cached: parsing one is about as
   cheap as finding it again. */
static bool date_of(struct importer *im, const struct io_table_info *info, int col,
                    const struct io_cell *cl, tcxd_date *out)
{
    struct tcxd_error err;
    if (!date_cell(info, cl, io_member_columns[col].name, out, &err))
        return true;
    if (cl->number || cell_utf8(im, cl, col))
        im_issue_err(im, cl->line, col, &err);
    return false;
}

/* An enum cell (gender, theory level) through the column's cache. */
static bool enum_cell(struct importer *im, int col, const struct io_cell *cl,
                      enum tcxd_err (*parse)(const char *, int *, struct tcxd_error *), int *out)
{
    struct tcxd_error err;
    uint64_t h = hash_bytes(cl->ptr, cl->len);
    struct centry *x = cache_find(&im->cache[col], h, cl->ptr, cl->len);
    if (x) {
        *out = (int)x->num;
        return true;
    }
    if (!cell_utf8(im, cl, col))
        return false;
    if (parse(cl->ptr, out, &err)) {
        im_issue_err(im, cl->line, col, &err);
        return false;
    }
    if ((x = cache_add(&im->cache[col], &im->arena, h, cl->ptr, cl->len)))
        x->num = *out;
    return true;
}

static enum tcxd_err parse_gender(const char *s, int *out, struct tcxd_error *e)
{
    enum gender g;
    enum tcxd_err rc = gender_parse(s, &g, e);
    *out = (int)g;
    return rc;
}

static enum tcxd_err parse_theory(const char *s, int *out, struct tcxd_error *e)
{
    enum theory_level t;
    enum tcxd_err rc = theory_level_parse(s, &t, e);
    *out = (int)t;
    return rc;
}

/* A chi bộ code cell (either chi bộ column): the organization, or NULL with an issue. */
static const struct org_cache *org_cell(struct importer *im, int col, const struct io_cell *cl,
                                        const char **code)
{
    struct tcxd_error err;
    uint64_t h = hash_bytes(cl->ptr, cl->len);
    struct ccache *c = &im->cache[MC_ORG];
    struct centry *x = cache_find(c, h, cl->ptr, cl->len);
    if (x) {
        *code = x->val.ptr;
        return &im->orgs[x->num];
    }
    if (!cell_utf8(im, cl, col))
        return NULL;
    buf_reset(&im->tmp);
    if (text_clean(cl->ptr, cl->len, 64, true, io_member_columns[col].name, &im->tmp, &err)) {
        im_issue_err(im, cl->line, col, &err);
        return NULL;
    }
    if (!im->tmp.len) {
        im_issue(im, cl->line, col, NULL, TCXD_EINVAL, "the chi bộ code is required");
        return NULL;
    }
    const struct org_cache *oc = org_lookup(im, im->tmp.ptr, &err);
    if (!oc) {
        im_issue_err(im, cl->line, col, &err);
        im->fatal = err.code;
        im->stop = true;
        return NULL;
    }
    *code = arena_copy(&im->arena, im->tmp.ptr, im->tmp.len);
    if ((x = cache_add(c, &im->arena, h, cl->ptr, cl->len))) {
        x->val = slice_from(*code, im->tmp.len);
        x->num = oc - im->orgs;
    }
    return oc;
}

/* A chi bộ that holds members and exists on date: the admission's (arrival false) or the
   arrival's (the transfer's). */
static bool org_alive(struct importer *im, int col, const struct io_cell *cl,
                      const struct org_cache *oc, const char *code, tcxd_date date, bool arrival)
{
    if (!oc->found) {
        im_issue(im, cl->line, col, NULL, TCXD_ENOTFOUND, "unknown chi bộ '%s'%s", code,
                 oc->suggestion);
        return false;
    }
    if (!org_holds_members(oc->o.tier, oc->o.form)) {
        im_issue(im, cl->line, col, NULL, TCXD_ERULE,
                 "'%s' is a %s, not a chi bộ: members are registered in a chi bộ", code,
                 org_kind_label(org_kind_of(oc->o.tier, oc->o.form)));
        return false;
    }
    if (date == DATE_NONE || (date >= oc->o.created_on && date < oc->o.ended_on))
        return true;
    char d[DATE_ISO_LEN], x[DATE_ISO_LEN];
    bool before = date < oc->o.created_on;
    date_format_vn(date, d);
    date_format_vn(before ? oc->o.created_on : oc->o.ended_on, x);
    im_issue(im, cl->line, col, NULL, TCXD_ENOTFOUND,
             before ? "chi bộ '%s' did not exist yet on the %s date %s (created %s)"
                    : "chi bộ '%s' no longer existed on the %s date %s (ended %s)",
             code, arrival ? MSG_T("transfer") : MSG_T("admission"), d, x);
    return false;
}

static enum tcxd_err parse_scope(const char *s, int *out, struct tcxd_error *e)
{
    enum transfer_scope v;
    enum tcxd_err rc = transfer_scope_parse(s, &v, e);
    *out = (int)v;
    return rc;
}

/* The Phiếu's fields (one column each, member_field_parse's checks); an absent or empty cell
   is "chưa cập nhật". False when one is wrong (reported). */
static bool profile_cells(struct importer *im, const struct io_cell *const *cl,
                          struct member_fields *f, struct buf *tmp)
{
    bool ok = true;
    for (int c = MC_FIRST_PROFILE; c < MC_HISTORY; c++) {
        enum member_field mf = MC_PROFILE_FIELD(c);
        struct buf *tb = member_fields_text(f, mf);
        if (!cl[c]->len) {
            if (tb)
                buf_reset(tb);
            else
                *(int *)(void *)((char *)f + member_field_defs[mf].offset) = 0;
            continue;
        }
        if (!cell_utf8(im, cl[c], c)) {
            ok = false;
            continue;
        }
        struct tcxd_error err;
        const char *t = text_of(cl[c], tmp);
        if (member_field_parse(mf, t, strlen(t), im->today, f, &err)) {
            im_issue_err(im, cl[c]->line, c, &err);
            ok = false;
        }
    }
    return ok;
}

/* The history column: one event a line (member_history_parse), organizations by code, each a
   chi bộ alive on the event's date. *registers: one of them is an admission or a restoration.
   False when a line is wrong (reported, naming the line). */
static bool history_cell(struct importer *im, const struct io_cell *cl, struct slot *sl,
                         bool *registers)
{
    sl->nhist = 0;
    *registers = false;
    if (!cl->len)
        return true;
    if (!cell_utf8(im, cl, MC_HISTORY))
        return false;
    bool ok = true;
    const char *p = cl->ptr, *end = cl->ptr + cl->len;
    for (int k = 1; p < end; k++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        size_t len = (size_t)(le - p);
        if (len && p[len - 1] == '\r')
            len--;
        const char *line = p;
        p = nl ? nl + 1 : end;
        size_t b = 0;
        while (b < len && (line[b] == ' ' || line[b] == '\t'))
            b++;
        if (b == len) {
            k--;
            continue;
        }
        if (sl->nhist == sl->hist_cap) {
            size_t cap = sl->hist_cap ? sl->hist_cap * 2 : 4;
            sl->hist = xrealloc(sl->hist, cap * sizeof(*sl->hist));
            for (size_t i = sl->hist_cap; i < cap; i++)
                member_history_item_init(&sl->hist[i]);
            sl->hist_cap = cap;
        }
        struct member_history_item *h = &sl->hist[sl->nhist];
        struct tcxd_error err;
        if (member_history_parse(line, len, h, &err)) {
            im_issue(im, cl->line, MC_HISTORY, err.field, err.code, "event %d: %s", k, err.msg);
            ok = false;
            continue;
        }
        h->ev.org_id = 0;
        if (h->org.len) {
            const struct org_cache *oc = org_lookup(im, h->org.ptr, &err);
            if (!oc) {
                im_issue_err(im, cl->line, MC_HISTORY, &err);
                im->fatal = err.code;
                im->stop = true;
                return false;
            }
            if (!org_alive(im, MC_HISTORY, cl, oc, h->org.ptr, h->ev.date, true)) {
                ok = false;
                continue;
            }
            h->ev.org_id = oc->o.id;
        }
        if (h->ev.date > im->today) {
            char d[DATE_ISO_LEN];
            date_format_vn(h->ev.date, d);
            im_issue(im, cl->line, MC_HISTORY, "date", TCXD_EINVAL,
                     "event %d: date %s is in the future", k, d);
            ok = false;
            continue;
        }
        *registers = *registers || h->ev.kind == MEV_ADMIT || h->ev.kind == MEV_RESTORE;
        sl->nhist++;
    }
    return ok;
}

/*
 * One member row: the checks of `tcxd member admit` (member_fields_parse's field by field, with
 * every failing field reported), then those of the official recognition and the transfer, then
 * the national ID's uniqueness; a good row goes to the writer while the file is still good.
 */
void import_member_row(struct importer *im, const struct io_table_info *info,
                       const struct io_row *row)
{
    struct io_cell tmpc[MC__MAX];
    const struct io_cell *cl[MC__MAX];
    struct tcxd_error err;
    struct buf numtmp = BUF_INIT, nidtmp = BUF_INIT;
    struct slot *sl = row_slot(im);
    sl->line = row->line;
    for (int c = 0; c < MC__MAX; c++)
        cl[c] = cell_of(im, row, c, &tmpc[c]);
        /* a column that is absent reads as an empty cell */
#define GIVEN(c) (cl[c]->len > 0)

    /* personal fields, in member_fields_parse's order */
    bool fields_ok = true;
    struct slice v;
    if (text_cell(im, MC_FULL_NAME, cl[MC_FULL_NAME], cl[MC_FULL_NAME]->ptr,
                  member_field_defs[MF_FULL_NAME].max, false, NULL, &v))
        buf_set(&sl->f.full_name, v);
    else
        fields_ok = false;
    int en = 0;
    if (!GIVEN(MC_GENDER)) {
        im_issue(im, cl[MC_GENDER]->line, MC_GENDER, NULL, TCXD_EINVAL, "field gender is required");
        fields_ok = false;
    } else if (enum_cell(im, MC_GENDER, cl[MC_GENDER], parse_gender, &en)) {
        sl->f.gender = (enum gender)en;
    } else {
        fields_ok = false;
    }
    if (!GIVEN(MC_BIRTH_DATE)) {
        im_issue(im, cl[MC_BIRTH_DATE]->line, MC_BIRTH_DATE, NULL, TCXD_EINVAL,
                 "field birth_date is required");
        fields_ok = false;
    } else if (!date_of(im, info, MC_BIRTH_DATE, cl[MC_BIRTH_DATE], &sl->f.birth_date)) {
        fields_ok = false;
    } else if (sl->f.birth_date > im->today) {
        char d[DATE_ISO_LEN];
        date_format_vn(sl->f.birth_date, d);
        im_issue(im, cl[MC_BIRTH_DATE]->line, MC_BIRTH_DATE, NULL, TCXD_EINVAL,
                 "birth date %s is in the future", d);
        fields_ok = false;
    }
    sl->f.theory = THEORY_NONE;
    if (GIVEN(MC_THEORY)) {
        if (enum_cell(im, MC_THEORY, cl[MC_THEORY], parse_theory, &en))
            sl->f.theory = (enum theory_level)en;
        else
            fields_ok = false;
    }
    static const struct {
        int col;
        enum member_field f; /* its limit and default: the member field table's */
    } texts[] = {
        {MC_ETHNICITY, MF_ETHNICITY},
        {MC_RELIGION, MF_RELIGION},
        {MC_HOMETOWN, MF_HOMETOWN},
        {MC_EDUCATION, MF_EDUCATION},
        {MC_PROFESSIONAL, MF_PROFESSIONAL_LEVEL},
        {MC_PARTY_CARD, MF_PARTY_CARD_NO},
        {MC_NATIONAL_ID, MF_NATIONAL_ID},
    };
    bool nid_bad = false;
    struct buf *dest[] = {&sl->f.ethnicity,  &sl->f.religion,           &sl->f.hometown,
                          &sl->f.education,  &sl->f.professional_level, &sl->f.party_card_no,
                          &sl->f.national_id};
    for (size_t k = 0; k < ARRAY_SIZE(texts); k++) {
        int c = texts[k].col;
        const char *t = cl[c]->ptr;
        if (c == MC_NATIONAL_ID)
            t = nid_of(im, cl[c], &nidtmp);
        else if (c == MC_PARTY_CARD)
            t = text_of(cl[c], &numtmp);
        if (!t)
            fields_ok = false, nid_bad = true, buf_reset(dest[k]);
        else if (text_cell(im, c, cl[c], t, member_field_defs[texts[k].f].max, true,
                           member_field_defs[texts[k].f].dflt ? member_field_defs[texts[k].f].dflt
                                                              : "",
                           &v))
            buf_set(dest[k], v);
        else if (c == MC_NATIONAL_ID)
            fields_ok = false, buf_reset(dest[k]);
        else
            buf_reset(dest[k]);
    }
    bool nid_ok = !nid_bad;
    if (nid_ok && sl->f.national_id.len && member_check_national_id(sl->f.national_id.ptr, &err)) {
        im_issue_err(im, cl[MC_NATIONAL_ID]->line, MC_NATIONAL_ID, &err);
        nid_ok = false;
    }

    if (!profile_cells(im, cl, &sl->f, &numtmp))
        fields_ok = false;

    /* admission, official recognition, arrival */
    bool dates_ok = true;
    static const int date_cols[4] = {MC_DECISION_DATE, MC_CEREMONY_DATE, MC_OFFICIAL_DATE,
                                     MC_ARRIVAL_DATE};
    tcxd_date dt[4] = {DATE_NONE, DATE_NONE, DATE_NONE, DATE_NONE};
    for (int k = 0; k < 4; k++) {
        int c = date_cols[k];
        if (!GIVEN(c)) {
            if (c == MC_DECISION_DATE && !GIVEN(MC_CEREMONY_DATE)) {
                /* a sheet of "Ngày vào Đảng" only: that date is the admission's */
                int at =
                    im->col_cell[MC_DECISION_DATE] != NO_CELL ? MC_DECISION_DATE : MC_CEREMONY_DATE;
                im_issue(im, cl[at]->line, at, NULL, TCXD_EINVAL,
                         "the admission decision date is required");
                dates_ok = false;
            }
            continue;
        }
        if (!date_of(im, info, c, cl[c], &dt[k]))
            dates_ok = false;
    }
    /* one of the two dates is enough: the decision defaults to the ceremony's day and the
       ceremony to the decision's */
    sl->decision = dt[0] != DATE_NONE ? dt[0] : dt[1];
    sl->ceremony = dt[1] != DATE_NONE ? dt[1] : dt[0];
    sl->official = dt[2];
    sl->moved_on = dt[3];
    for (int k = 2; k < 4; k++)
        if (dt[k] != DATE_NONE && dt[k] > im->today) {
            char d[DATE_ISO_LEN];
            date_format_vn(dt[k], d);
            im_issue(im, cl[date_cols[k]]->line, date_cols[k], NULL, TCXD_EINVAL,
                     "date %s is in the future", d);
            dates_ok = false;
        }

    static const int dec_cols[2] = {MC_DECISION_NO, MC_OFFICIAL_NO};
    struct buf *decb[2] = {&sl->dec, &sl->odec};
    for (int k = 0; k < 2; k++) {
        int c = dec_cols[k];
        if (text_cell(im, c, cl[c], cl[c]->ptr, 100, true, "", &v))
            buf_set(decb[k], v);
        else
            buf_reset(decb[k]);
    }

    /* the arrival's where from, and the other events */
    sl->moved_scope = SCOPE_NONE;
    buf_reset(&sl->moved_from);
    bool hist_registers = false;
    bool hist_ok = history_cell(im, cl[MC_HISTORY], sl, &hist_registers);
    if (GIVEN(MC_ARRIVAL_SCOPE)) {
        if (enum_cell(im, MC_ARRIVAL_SCOPE, cl[MC_ARRIVAL_SCOPE], parse_scope, &en))
            sl->moved_scope = (enum transfer_scope)en;
        else
            hist_ok = false;
    }
    if (GIVEN(MC_ARRIVAL_FROM)) {
        if (text_cell(im, MC_ARRIVAL_FROM, cl[MC_ARRIVAL_FROM], cl[MC_ARRIVAL_FROM]->ptr, 300, true,
                      "", &v))
            buf_set(&sl->moved_from, v);
        else
            hist_ok = false;
    }
    sl->moved_decision = DATE_NONE;
    buf_reset(&sl->moved_no);
    if (GIVEN(MC_ARRIVAL_DECISION_DATE) &&
        !date_of(im, info, MC_ARRIVAL_DECISION_DATE, cl[MC_ARRIVAL_DECISION_DATE],
                 &sl->moved_decision))
        hist_ok = false;
    if (GIVEN(MC_ARRIVAL_DECISION_NO)) {
        if (text_cell(im, MC_ARRIVAL_DECISION_NO, cl[MC_ARRIVAL_DECISION_NO],
                      cl[MC_ARRIVAL_DECISION_NO]->ptr, 100, true, "", &v))
            buf_set(&sl->moved_no, v);
        else
            hist_ok = false;
    }

    /* the chi bộ, and the chi bộ of the admission when the member moved since */
    const struct org_cache *org = NULL, *adm = NULL;
    const char *org_code = "", *adm_code = "";
    bool orgs_ok = true;
    struct io_cell dflt_org;
    const struct io_cell *org_cl = cl[MC_ORG];
    if (!GIVEN(MC_ORG) && im->o->default_org) {
        dflt_org = *cl[MC_ORG];
        dflt_org.ptr = im->o->default_org;
        dflt_org.len = strlen(im->o->default_org);
        dflt_org.number = false;
        org_cl = &dflt_org;
    }
    if (!(org = org_cell(im, MC_ORG, org_cl, &org_code)))
        orgs_ok = false;
    if (GIVEN(MC_ADMISSION_ORG) &&
        !(adm = org_cell(im, MC_ADMISSION_ORG, cl[MC_ADMISSION_ORG], &adm_code)))
        orgs_ok = false;
    if (adm == org)
        adm = NULL; /* admitted in the chi bộ itself: no move */
    sl->moved_to = 0;
    bool place_cell = GIVEN(MC_ADMISSION_PLACE);
    bool before_org =
        org && org->found && sl->ceremony != DATE_NONE && sl->ceremony < org->o.created_on;
    if (orgs_ok && !adm && !place_cell && !before_org && sl->moved_on != DATE_NONE) {
        im_issue(im, cl[MC_ARRIVAL_DATE]->line, MC_ARRIVAL_DATE, NULL, TCXD_EINVAL,
                 "an arrival date needs the chi bộ of the admission (column '%s') to be another "
                 "chi bộ",
                 io_member_columns[MC_ADMISSION_ORG].label);
        orgs_ok = false;
    } else if (orgs_ok && adm && sl->moved_on == DATE_NONE && !(GIVEN(MC_ARRIVAL_DATE)) &&
               !hist_registers) {
        im_issue(im, cl[MC_ARRIVAL_DATE]->line, MC_ARRIVAL_DATE, NULL, TCXD_EINVAL,
                 "the arrival date in chi bộ '%s' is required when the member was admitted in "
                 "another chi bộ ('%s')",
                 org_code, adm_code);
        orgs_ok = false;
    }
    /* admitted outside the database: where (the column), or before the chi bộ existed (after
       the 2025 restructuring every chi bộ is new): registered in it from the arrival date, by
       default from its creation */
    bool outside = false;
    buf_reset(&sl->place);
    if (orgs_ok && !adm && org->found) {
        struct slice pv = {"", 0};
        bool place_given = GIVEN(MC_ADMISSION_PLACE) &&
                           text_cell(im, MC_ADMISSION_PLACE, cl[MC_ADMISSION_PLACE],
                                     cl[MC_ADMISSION_PLACE]->ptr, 200, true, "", &pv) &&
                           pv.len;
        if (GIVEN(MC_ADMISSION_PLACE) && !place_given && !pv.len)
            orgs_ok = false; /* the cell's problem is reported */
        bool before = sl->ceremony != DATE_NONE && sl->ceremony < org->o.created_on;
        if (orgs_ok && (place_given || before) && org_holds_members(org->o.tier, org->o.form)) {
            outside = true;
            if (place_given) {
                buf_add(&sl->place, pv.ptr, pv.len);
            } else {
                char d[DATE_ISO_LEN];
                date_format_vn(org->o.created_on, d);
                buf_addf(&sl->place, MSG_T("not recorded (admitted before %s was created on %s)"),
                         org_code, d);
                if (!im->outside_before++)
                    im->outside_before_line = row->line;
            }
            if (sl->moved_on == DATE_NONE)
                sl->moved_on = org->o.created_on > sl->ceremony ? org->o.created_on : sl->ceremony;
        }
    }
    if (orgs_ok && adm) {
        orgs_ok = org_alive(im, MC_ADMISSION_ORG, cl[MC_ADMISSION_ORG], adm, adm_code, sl->ceremony,
                            false);
        orgs_ok = org_alive(im, MC_ORG, cl[MC_ORG], org, org_code, sl->moved_on, true) && orgs_ok;
    } else if (orgs_ok && outside) {
        orgs_ok = org_alive(im, MC_ORG, cl[MC_ORG], org, org_code, sl->moved_on, true);
    } else if (orgs_ok) {
        orgs_ok = org_alive(im, MC_ORG, cl[MC_ORG], org, org_code, sl->ceremony, false);
    }

    /* rules across fields, once the fields themselves are right */
    if (fields_ok && dates_ok && sl->decision != DATE_NONE) {
        if (member_check_admission(sl->f.birth_date, sl->decision, sl->ceremony, im->today, &err)) {
            int c = !strcmp(err.field, "ceremony_date") && im->col_cell[MC_CEREMONY_DATE] >= 0
                        ? MC_CEREMONY_DATE
                    : !strcmp(err.field, "birth_date") ? MC_BIRTH_DATE
                                                       : MC_DECISION_DATE;
            im_issue_err(im, cl[c]->line, c, &err);
        } else if (sl->official != DATE_NONE || ((adm || outside) && orgs_ok)) {
            /* replayed as the store will: the recognition first, then with the transfer, so
               that a problem is reported on the column that causes it */
            struct member_event ev[3];
            size_t n = 0;
            ev[n++] = (struct member_event){.seq = 1,
                                            .kind = MEV_ADMIT,
                                            .date = sl->ceremony,
                                            .decision_date = sl->decision,
                                            .org_id = 1,
                                            .until = DATE_NONE};
            if (sl->official != DATE_NONE)
                ev[n++] = (struct member_event){.seq = 2,
                                                .kind = MEV_OFFICIAL,
                                                .date = member_official_date(sl->ceremony),
                                                .decision_date = sl->official,
                                                .until = DATE_NONE};
            struct member_event tr = {.seq = 3,
                                      .kind = MEV_TRANSFER,
                                      .date = sl->moved_on,
                                      .decision_date = sl->moved_on,
                                      .org_id = 2,
                                      .form = TRANSFER_OFFICIAL,
                                      .until = DATE_NONE};
            struct member_derived d;
            member_derived_init(&d);
            struct member_event sorted[3];
            memcpy(sorted, ev, sizeof(ev[0]) * n);
            if (member_replay(sorted, n, &d, &err)) {
                im_issue_err(im, cl[MC_OFFICIAL_DATE]->line, MC_OFFICIAL_DATE, &err);
            } else if ((adm || outside) && orgs_ok && sl->moved_on != DATE_NONE) {
                ev[n++] = tr;
                if (member_replay(ev, n, &d, &err))
                    im_issue_err(im, cl[MC_ARRIVAL_DATE]->line, MC_ARRIVAL_DATE, &err);
            }
            member_derived_release(&d);
        }
    }

    /* where the arrival came from goes with an arrival */
    bool moves = sl->moved_on != DATE_NONE && (adm || outside);
    if (orgs_ok && !moves &&
        (sl->moved_scope != SCOPE_NONE || sl->moved_from.len || sl->moved_no.len ||
         sl->moved_decision != DATE_NONE)) {
        int c = sl->moved_scope != SCOPE_NONE     ? MC_ARRIVAL_SCOPE
                : sl->moved_from.len              ? MC_ARRIVAL_FROM
                : sl->moved_decision != DATE_NONE ? MC_ARRIVAL_DECISION_DATE
                                                  : MC_ARRIVAL_DECISION_NO;
        im_issue(im, cl[c]->line, c, NULL, TCXD_EINVAL,
                 "where the member came from goes with an arrival (columns '%s' and '%s')",
                 io_member_columns[MC_ADMISSION_ORG].label,
                 io_member_columns[MC_ARRIVAL_DATE].label);
    }
    /* the history replayed after the rest, as the store will, with the real organizations: it
       must leave the member registered in the row's chi bộ */
    if (sl->nhist && hist_ok && orgs_ok && !im->row_bad) {
        struct member_entry entry = {.admission_org_id = outside ? 0
                                                         : adm   ? adm->o.id
                                                                 : org->o.id,
                                     .decision_date = sl->decision,
                                     .ceremony_date = sl->ceremony,
                                     .official_decision_date = sl->official,
                                     .moved_to = moves ? org->o.id : 0,
                                     .moved_on = moves ? sl->moved_on : DATE_NONE,
                                     .moved_decision_date = sl->moved_decision};
        struct member_event *ev = xcalloc(MEMBER_ENTRY_EVENTS + sl->nhist, sizeof(*ev));
        size_t n = member_entry_events(&entry, ev);
        for (size_t i = 0; i < sl->nhist; i++) {
            ev[n] = sl->hist[i].ev;
            ev[n].seq = (int64_t)n + 1;
            n++;
        }
        struct member_derived d;
        member_derived_init(&d);
        if (member_replay(ev, n, &d, &err))
            im_issue(im, cl[MC_HISTORY]->line, MC_HISTORY, NULL, err.code, "%s", err.msg);
        else if (!member_status_active(d.status) || d.org_id != org->o.id)
            im_issue(im, cl[MC_HISTORY]->line, MC_HISTORY, NULL, TCXD_ERULE,
                     "after these events the member is not registered in chi bộ '%s' (%s)",
                     org_code, member_status_label(d.status));
        member_derived_release(&d);
        free(ev);
    }

    /* national ID: unique in the file and among living members */
    /* (whatever else is wrong with the row: a duplicate is a problem of both rows) */
    uint64_t nk;
    if (nid_ok && sl->f.national_id.len &&
        nid_number(sl->f.national_id.ptr, sl->f.national_id.len, &nk)) {
        int64_t *seen = u64map_find(&im->nids, nk);
        int64_t other = 0;
        if (seen && *seen > 0) {
            im_issue(im, cl[MC_NATIONAL_ID]->line, MC_NATIONAL_ID, NULL, TCXD_ECONFLICT,
                     "the same national ID is on line %ld", *seen);
        } else if (seen || (!im->preloaded && !store_member_by_national_id(
                                                  im->st, sl->f.national_id.ptr, &other, NULL))) {
            /* already registered: whom to contact, without ids or places outside the scope */
            struct tcxd_error ce;
            tcxd_error_clear(&ce);
            (void)!store_nid_conflict(im->st, seen ? -(int64_t)*seen : other, "national_id", &ce);
            im_issue(im, cl[MC_NATIONAL_ID]->line, MC_NATIONAL_ID, NULL, TCXD_ECONFLICT, "%s",
                     ce.msg);
        } else {
            u64map_put(&im->nids, nk, cl[MC_NATIONAL_ID]->line);
        }
    }
#undef GIVEN

    /* write (or hand to the writer) at once while the whole file is still good */
    if (!im->row_bad && !im->r->n && (im->bulk || (im->pipe.keep && im->pipe.running)) &&
        !im->fatal) {
        sl->org_id = outside ? 0 : adm ? adm->o.id : org->o.id;
        sl->moved_to = moves ? org->o.id : 0;
        struct pipe *p = &im->pipe;
        int64_t id = 0;
        enum tcxd_err rc = TCXD_OK;
        if (p->running) {
            p->cur->n++;
        } else if (im->o->per_row) {
            struct member_admit_history hist = {.admission_place = sl->place.ptr,
                                                .arrival_date = sl->moved_on,
                                                .official_decision_date = sl->official,
                                                .official_decision_no = sl->odec.ptr,
                                                .arrival_scope = sl->moved_scope,
                                                .arrival_from = sl->moved_from.ptr,
                                                .arrival_decision_date = sl->moved_decision,
                                                .arrival_decision_no = sl->moved_no.ptr};
            struct member_admit_req req = {.fields = &sl->f,
                                           .org_id = outside ? sl->moved_to : sl->org_id,
                                           .decision_date = sl->decision,
                                           .ceremony_date = sl->ceremony,
                                           .decision_no = sl->dec.ptr,
                                           .history = outside ? &hist : NULL};
            rc = store_member_admit(im->st, im->who, &req, &id, &err);
            if (!rc && !outside && sl->official != DATE_NONE) {
                struct member_event ev = {.kind = MEV_OFFICIAL,
                                          .date = DATE_NONE,
                                          .decision_date = sl->official,
                                          .until = DATE_NONE};
                rc = store_member_event(im->st, im->who, id, &ev, sl->odec.ptr, "", &err);
            }
            if (!rc && !outside && sl->moved_to) {
                struct member_event ev = {.kind = MEV_TRANSFER,
                                          .date = sl->moved_on,
                                          .decision_date = sl->moved_decision != DATE_NONE
                                                               ? sl->moved_decision
                                                               : sl->moved_on,
                                          .org_id = sl->moved_to,
                                          .form = TRANSFER_OFFICIAL,
                                          .until = DATE_NONE};
                rc = store_member_event_where(im->st, im->who, id, &ev, sl->moved_no.ptr, "",
                                              sl->moved_scope, sl->moved_from.ptr, &err);
            }
            for (size_t i = 0; !rc && i < sl->nhist; i++) {
                const struct member_history_item *h = &sl->hist[i];
                if (h->ev.kind == MEV_ADMIT)
                    rc =
                        store_member_readmit(im->st, im->who, id, h->ev.org_id, h->ev.decision_date,
                                             h->ev.date, h->decision_no.ptr, &err);
                else
                    rc = store_member_event_where(im->st, im->who, id, &h->ev, h->decision_no.ptr,
                                                  h->detail.ptr, h->scope, h->place.ptr, &err);
            }
        } else {
            sl->kfold = sl->kkey = sl->kgiven = (struct slice){NULL, 0};
            struct store_bulk_member bm = slot_member(sl);
            rc = store_bulk_member_add(im->bulk, &bm, &id, &err);
        }
        if (rc) {
            im_issue(im, row->line, -1, err.field, rc, "%s", err.msg);
            if (rc == TCXD_EDB || rc == TCXD_EIO || rc == TCXD_EINTERNAL) {
                im->fatal = rc;
                im->stop = true;
            }
        } else if (!p->running) {
            im->r->written++;
        }
    }
    buf_release(&numtmp);
    buf_release(&nidtmp);
}

struct nid_check {
    struct importer *im;
    long line;
    int64_t member_id;
};

static void nid_added(void *ctx, const char *nid, int64_t member_id)
{
    struct nid_check *x = ctx;
    uint64_t k;
    int64_t *seen;
    if (!x->line && nid_number(nid, strlen(nid), &k) && (seen = u64map_find(&x->im->nids, k)) &&
        *seen > 0) {
        x->line = (long)*seen;
        x->member_id = member_id;
    }
}

enum tcxd_err members_write_kept(struct importer *im)
{
    struct pipe *p = &im->pipe;
    struct tcxd_error err;
    tcxd_error_clear(&err);
    /* someone registered one of the file's national IDs while it was being checked */
    struct nid_check x = {im, 0, 0};
    enum tcxd_err rc =
        store_bulk_national_ids_after(im->st, im->max_member_id, nid_added, &x, &err);
    if (rc) {
        im_issue(im, 0, -1, "", rc, "%s", err.msg);
        im->fatal = rc;
        return rc;
    }
    if (x.line) {
        (void)!store_nid_conflict(im->st, x.member_id, "national_id", &err);
        im_issue(im, x.line, MC_NATIONAL_ID, NULL, TCXD_ECONFLICT, "%s", err.msg);
        return TCXD_ECONFLICT;
    }
    for (size_t k = 0; k < p->nkept; k++) {
        struct batch *b = p->kept[k];
        for (size_t i = 0; i < b->n; i++) {
            struct store_bulk_member bm = slot_member(&b->s[i]);
            if ((rc = store_bulk_member_add(im->bulk, &bm, NULL, &err))) {
                im_issue(im, b->s[i].line, -1, err.field, rc, "%s", err.msg);
                if (rc == TCXD_EDB || rc == TCXD_EIO || rc == TCXD_EINTERNAL)
                    im->fatal = rc;
                return rc;
            }
            im->r->written++;
        }
    }
    return TCXD_OK;
}

void members_reserve(const struct importer *im, struct store_bulk_reserve *r)
{
    /* per member: the entry events and the history; a registration begins with each event at
       most (and the temporary activity's a second one), a gap with each */
    memset(r, 0, sizeof(*r));
    const struct pipe *p = &im->pipe;
    for (size_t k = 0; k < p->nkept; k++)
        for (size_t i = 0; i < p->kept[k]->n; i++) {
            size_t nev = MEMBER_ENTRY_EVENTS + p->kept[k]->s[i].nhist;
            r->members++;
            r->events += nev;
            r->stints += 2 * nev + 1;
            r->gaps += nev;
        }
}

void members_init(struct importer *im)
{
    slot_init(&im->solo);
}

void members_release(struct importer *im)
{
    u64map_release(&im->nids);
    for (int c = 0; c < MC__MAX; c++)
        cache_release(&im->cache[c]);
    namer_release(&im->namer);
    arena_release(&im->arena);
    strmap_release(&im->org_index);
    free(im->orgs);
    slot_release(&im->solo);
    pipe_release(&im->pipe);
}
