/*
 * engine_delta.c - an engine kept current after members' writes without a rebuild
 * (engine_delta.h).
 */
#include "engine/engine_delta.h"

#include <stdlib.h>
#include <string.h>

#include "engine/engine_file.h"
#include "store/store_facts.h"
#include "util/xmalloc.h"

/* ---- which members changed ---------------------------------------------------------------- */

struct changed {
    int64_t *ids;
    size_t n, cap;
    bool refuse;
};

static void on_audit(void *ctx, const char *entity, int64_t id)
{
    /* records that change nothing the engine holds (as the forms' cache file judges them) */
    static const char *const harmless[] = {"session",       "user",     "review",
                                           "review_rubric", "weak_org", NULL};
    struct changed *c = ctx;
    if (!strcmp(entity, "member") && id > 0) {
        ALLOC_GROW(c->ids, c->n + 1, c->cap);
        c->ids[c->n++] = id;
        return;
    }
    for (size_t i = 0; harmless[i]; i++)
        if (!strcmp(entity, harmless[i]))
            return;
    c->refuse = true;
}

static void on_member_after(void *ctx, int64_t id)
{
    struct changed *c = ctx;
    ALLOC_GROW(c->ids, c->n + 1, c->cap);
    c->ids[c->n++] = id;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* token parts (STMT_ENGINE_TOKEN): org, org_version, org_event, member, member_event,
   member_stint, member_gap, audit, schema */
static bool only_members(const struct store_change_token *base,
                         const struct store_change_token *now)
{
    return base->v[0] == now->v[0] && base->v[1] == now->v[1] && base->v[2] == now->v[2] &&
           base->v[STORE_TOKEN_PARTS - 1] == now->v[STORE_TOKEN_PARTS - 1] &&
           base->v[7] <= now->v[7] && base->v[3] <= now->v[3] && base->v[4] <= now->v[4];
}

/* ---- a member as it is now ------------------------------------------------------------------ */

struct reading {
    const struct engine *base;
    struct engine_dmember *dm;
    bool found, refuse;
    unsigned char key[1024];
    size_t key_len;
};

static char *dup_or_null(const char *s)
{
    return s && *s ? xstrdup(s) : NULL;
}

static void on_member(void *ctx, const struct store_engine_member *m)
{
    struct reading *r = ctx;
    struct engine_dmember *d = r->dm;
    const struct engine *eng = r->base;
    r->found = true;
    d->id = m->id;
    d->name = xstrdup(m->full_name);
    d->nid = dup_or_null(m->national_id);
    d->card = dup_or_null(m->party_card_no);
    engine_search_words_of(d->name, &d->fold, &d->lower, &d->nw);
    d->birth = m->birth_date;
    d->first_decision = m->first_decision;
    d->died = m->died_on;
    d->gender = (uint8_t)((unsigned)m->gender < GENDER__MAX ? m->gender : 0);
    d->theory = (uint8_t)((unsigned)m->theory < THEORY__MAX ? m->theory : 0);
    d->status = (uint8_t)m->status;
    d->org_id = m->org_id;
    d->org_slot = idmap_get(&eng->org_slot, m->org_id);
    const char *vals[ENGINE_ATTR__MAX] = {m->ethnicity, m->religion, m->education};
    for (int a = 0; a < ENGINE_ATTR__MAX; a++) {
        int code = engine_attr_code(eng, (enum engine_attr)a, vals[a] ? vals[a] : "");
        if (code < 0) /* a value no member had: the dictionaries are the base's */
            r->refuse = true;
        d->attr[a] = (uint16_t)(code < 0 ? 0 : code);
    }
    r->key_len = m->name_key_len < sizeof(r->key) ? m->name_key_len : sizeof(r->key);
    if (r->key_len)
        memcpy(r->key, m->name_key, r->key_len);
}

static void on_stint(void *ctx, int64_t member_id, const struct member_stint *s)
{
    (void)member_id;
    struct reading *r = ctx;
    struct engine_dmember *d = r->dm;
    uint32_t slot = idmap_get(&r->base->org_slot, s->org_id);
    if (slot == UINT32_MAX || s->to <= s->from) /* as the build skips them */
        return;
    d->st = xreallocarray(d->st, d->nst + 1, sizeof(*d->st));
    struct engine_mstint *x = &d->st[d->nst++];
    x->slot = slot;
    x->from = s->from;
    x->to = s->to;
    x->kind = (uint8_t)s->kind;
    x->status = (uint8_t)s->status;
}

static void on_gap(void *ctx, int64_t member_id, const struct member_gap *g)
{
    (void)member_id;
    struct engine_dmember *d = ((struct reading *)ctx)->dm;
    d->gaps = xreallocarray(d->gaps, d->ngaps + 1, sizeof(*d->gaps));
    d->gaps[d->ngaps++] = *g;
}

static int cmp_mst(const void *a, const void *b)
{
    const struct engine_mstint *x = a, *y = b;
    return (x->from > y->from) - (x->from < y->from);
}

static void dmember_release(struct engine_dmember *d)
{
    free(d->name);
    free(d->nid);
    free(d->card);
    for (size_t i = 0; i < d->nw; i++) {
        free(d->fold[i]);
        free(d->lower[i]);
    }
    free(d->fold);
    free(d->lower);
    free(d->gaps);
    free(d->st);
}

/* (key, id) against the base member i's as stored now: < 0, 0, > 0 */
static int cmp_roll_key(struct store *st, const struct engine *base, uint32_t i,
                        const unsigned char *key, size_t len, int64_t id, bool *ok)
{
    unsigned char k[1024];
    size_t kl = 0;
    struct tcxd_error e;
    if (store_engine_member_key(st, base->m[i].id, k, sizeof(k), &kl, &e)) {
        *ok = false;
        return 0;
    }
    size_t n = kl < len ? kl : len;
    int c = n ? memcmp(key, k, n) : 0;
    if (c)
        return c;
    if (len != kl)
        return len < kl ? -1 : 1;
    return (id > base->m[i].id) - (id < base->m[i].id);
}

/* The number of base members before (key, id) in roll order, the masked ones (whose key may
   have changed) stepped over. */
static uint32_t roll_place(struct store *st, const struct engine *base, const unsigned char *masked,
                           const unsigned char *key, size_t len, int64_t id, bool *ok)
{
    uint32_t lo = 0, hi = (uint32_t)base->nmembers;
    while (lo < hi && *ok) {
        uint32_t mid = lo + (hi - lo) / 2, p = mid;
        while (p < hi && (masked[p >> 3] >> (p & 7) & 1))
            p++;
        if (p == hi) { /* every one of [mid, hi) is masked: look below */
            hi = mid;
            continue;
        }
        if (cmp_roll_key(st, base, p, key, len, id, ok) > 0)
            lo = p + 1;
        else
            hi = mid;
    }
    return lo;
}

struct placed {
    uint32_t place;
    size_t k;
    const struct engine_dmember *d;
};

static int cmp_placed(const void *a, const void *b)
{
    const struct placed *x = a, *y = b;
    if (x->place != y->place)
        return x->place < y->place ? -1 : 1;
    return (x->k > y->k) - (x->k < y->k);
}

enum tcxd_err engine_delta_make(struct store *st, struct engine *base,
                                const struct store_change_token *now, struct engine **out,
                                struct tcxd_error *e)
{
    if (base->delta)
        BUG("a delta over a view");
    if (!only_members(&base->token, now))
        return tcxd_fail(e, TCXD_ECONFLICT, "engine", "not only members changed");
    struct changed c = {0};
    size_t nrows = 0;
    enum tcxd_err rc =
        store_audit_since(st, base->token.v[7], ENGINE_DELTA_MAX * 2 + 1, on_audit, &c, &nrows, e);
    if (!rc && (c.refuse || nrows > ENGINE_DELTA_MAX * 2))
        rc = tcxd_fail(e, TCXD_ECONFLICT, "engine", "changes the delta does not hold");
    if (!rc)
        rc = store_facts_members_after(st, base->token.v[3], base->token.v[4], on_member_after, &c,
                                       e);
    size_t k = 0;
    if (!rc && c.n) {
        qsort(c.ids, c.n, sizeof(*c.ids), cmp_id);
        for (size_t i = 0; i < c.n; i++)
            if (!k || c.ids[i] != c.ids[k - 1])
                c.ids[k++] = c.ids[i];
    }
    if (!rc && k > ENGINE_DELTA_MAX)
        rc = tcxd_fail(e, TCXD_ECONFLICT, "engine", "too many members changed");
    if (rc) {
        free(c.ids);
        return rc;
    }
    struct engine_delta *d = xcalloc(1, sizeof(*d));
    d->masked = xcalloc(base->nmembers / 8 + 1, 1);
    d->m = xcalloc(k ? k : 1, sizeof(*d->m));
    d->masked_idx = xcalloc(k ? k : 1, sizeof(*d->masked_idx));
    struct reading r;
    memset(&r, 0, sizeof(r));
    r.base = base;
    unsigned char **keys = xcalloc(k ? k : 1, sizeof(*keys));
    size_t *key_len = xcalloc(k ? k : 1, sizeof(*key_len));
    for (size_t i = 0; i < k && !rc && !r.refuse; i++) {
        uint32_t bi = idmap_get(&base->member_idx, c.ids[i]);
        if (bi != UINT32_MAX) {
            struct engine_file_blocks *fb = base->blocks;
            /* its rows in the base are read (taken off the counts): checked first */
            if (fb &&
                !(engine_file_ok(fb, ENGINE_COL_MEMBERS, bi * sizeof(*base->m), sizeof(*base->m)) &&
                  engine_file_ok(fb, ENGINE_COL_MST_OFF, bi * sizeof(uint32_t),
                                 2 * sizeof(uint32_t)) &&
                  engine_file_ok(fb, ENGINE_COL_GAP_OFF, bi * sizeof(uint32_t),
                                 2 * sizeof(uint32_t)) &&
                  engine_file_ok(fb, ENGINE_COL_MST, base->mst_off[bi] * sizeof(*base->mst),
                                 (base->mst_off[bi + 1] - base->mst_off[bi]) *
                                     sizeof(*base->mst)))) {
                rc = tcxd_fail(e, TCXD_EIO, "engine_file", "engine cache damaged");
                break;
            }
            d->masked[bi >> 3] |= (unsigned char)(1u << (bi & 7));
            d->masked_idx[d->nmasked++] = bi;
        }
        struct engine_dmember *dm = &d->m[d->n];
        memset(dm, 0, sizeof(*dm));
        r.dm = dm;
        r.found = false;
        r.key_len = 0;
        rc = store_engine_member_one(st, c.ids[i], on_member, on_stint, on_gap, &r, e);
        if (rc == TCXD_ENOTFOUND || (!rc && !r.found)) { /* gone: only masked */
            tcxd_error_clear(e);
            dmember_release(dm);
            rc = TCXD_OK;
            continue;
        }
        if (rc)
            break;
        dm->base = bi;
        if (dm->nst > 1)
            qsort(dm->st, dm->nst, sizeof(*dm->st), cmp_mst);
        keys[d->n] = xmalloc(r.key_len ? r.key_len : 1);
        if (r.key_len)
            memcpy(keys[d->n], r.key, r.key_len);
        key_len[d->n] = r.key_len;
        d->n++;
    }
    if (!rc && r.refuse)
        rc = tcxd_fail(e, TCXD_ECONFLICT, "engine", "a value no member had");
    /* each one's place in roll order among the base's: (place << shift) + 512 + j, after the
       base's member place - 1 (engine_roll_of) and before the next, j its rank among those at
       the same place */
    if (!rc && d->n) {
        struct placed *pl = xmalloc(d->n * sizeof(*pl));
        bool ok = true;
        for (size_t i = 0; i < d->n && ok; i++) {
            pl[i].place = roll_place(st, base, d->masked, keys[i], key_len[i], d->m[i].id, &ok);
            pl[i].k = i;
        }
        if (!ok)
            rc = tcxd_fail(e, TCXD_EIO, "engine", "reading the members' roll keys");
        qsort(pl, d->n, sizeof(*pl), cmp_placed);
        /* among those at one place, by (key, id) */
        for (size_t a = 0; !rc && a < d->n;) {
            size_t b = a + 1;
            while (b < d->n && pl[b].place == pl[a].place)
                b++;
            for (size_t i = a + 1; i < b; i++) /* insertion sort: few */
                for (size_t j = i; j > a; j--) {
                    size_t x = pl[j - 1].k, y = pl[j].k;
                    size_t n = key_len[x] < key_len[y] ? key_len[x] : key_len[y];
                    int cmp = n ? memcmp(keys[x], keys[y], n) : 0;
                    if (!cmp)
                        cmp = key_len[x] != key_len[y]
                                  ? (key_len[x] < key_len[y] ? -1 : 1)
                                  : (d->m[x].id > d->m[y].id) - (d->m[x].id < d->m[y].id);
                    if (cmp <= 0)
                        break;
                    struct placed t = pl[j - 1];
                    pl[j - 1] = pl[j];
                    pl[j] = t;
                }
            if (b - a > 500)
                rc = tcxd_fail(e, TCXD_ECONFLICT, "engine", "too many members at one place");
            for (size_t i = a; i < b; i++)
                d->m[pl[i].k].roll =
                    ((uint64_t)pl[i].place << ENGINE_ROLL_SHIFT) + 512 + (uint64_t)(i - a);
            a = b;
        }
        free(pl);
    }
    for (size_t i = 0; i < d->n; i++)
        free(keys[i]);
    free(keys);
    free(key_len);
    free(c.ids);
    if (rc) {
        engine_delta_free(d);
        return rc;
    }
    /* the view: the base's columns, its own lock and counts */
    struct engine *v = xmalloc(sizeof(*v));
    memcpy(v, base, sizeof(*v));
    atomic_init(&v->refs, 1);
    pthread_mutex_init(&v->lock, NULL);
    atomic_fetch_add(&base->refs, 1);
    v->base = base;
    v->delta = d;
    v->token = *now;
    v->map = NULL; /* the mapping is the base's */
    v->prob = v->prob_off = NULL;
    v->prob_due = v->prob_deadline = NULL;
    atomic_init(&v->prob_made, false);
    *out = v;
    return TCXD_OK;
}

void engine_delta_free(struct engine_delta *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        dmember_release(&d->m[i]);
    free(d->m);
    free(d->masked);
    free(d->masked_idx);
    free(d);
}

/* ---- counts ---------------------------------------------------------------------------------- */

struct who {
    uint8_t gender, theory;
    const uint16_t *attr;
    tcxd_date birth, first_decision, died;
    const struct member_gap *gaps;
    size_t ngaps;
};

static void count_one(const struct engine_version *v, const struct engine_range *r,
                      const struct engine_mstint *s, const struct who *w, int sign,
                      int (*age_band)(int), int (*party_age_band)(int), int64_t *official,
                      int64_t *probationary, struct engine_breakdown *out)
{
    tcxd_date on = r->on;
    if (!(s->from <= on && on < s->to) || s->kind != STINT_REGISTERED ||
        (s->status != MEMBER_PROBATIONARY && s->status != MEMBER_OFFICIAL))
        return;
    uint32_t pos = v->pos_of_slot[s->slot];
    if (pos == TREE_NONE || pos < r->lo || pos >= r->hi)
        return;
    const struct engine_org *o = &v->orgs[pos];
    if (!org_holds_members(o->tier, o->form))
        return;
    bool off = s->status == MEMBER_OFFICIAL;
    int64_t *cell = off ? official : probationary;
    if (cell)
        cell[pos - r->lo] += sign;
    if (!out)
        return;
    out->members += sign;
    out->status[s->status] += sign;
    out->gender[w->gender] += sign;
    out->age[age_band(date_age_years(w->birth, on))][w->gender] += sign;
    out->party_age[party_age_band(
        member_party_age_years_of(w->first_decision, w->died, w->gaps, w->ngaps, on))] += sign;
    out->theory[w->theory] += sign;
    for (int a = 0; a < ENGINE_ATTR__MAX; a++)
        out->attr[a][w->attr[a]] += sign;
}

void engine_delta_counts(const struct engine *eng, const struct engine_range *r,
                         int (*age_band)(int years), int (*party_age_band)(int years),
                         int64_t *official, int64_t *probationary, struct engine_breakdown *out)
{
    const struct engine_delta *d = eng->delta;
    const struct engine *base = eng->base;
    const struct engine_version *v = engine_version_get(eng, r->version);
    /* the masked members' rows in the base, off */
    for (size_t k = 0; k < d->nmasked; k++) {
        {
            uint32_t mi = d->masked_idx[k];
            const struct engine_member_row *row = &base->m[mi];
            struct who w = {row->gender,
                            row->theory,
                            row->attr,
                            row->birth,
                            row->first_decision,
                            row->died,
                            &base->gaps[base->gap_off[mi]],
                            base->gap_off[mi + 1] - base->gap_off[mi]};
            for (uint32_t i = base->mst_off[mi]; i < base->mst_off[mi + 1]; i++)
                count_one(v, r, &base->mst[i], &w, -1, age_band, party_age_band, official,
                          probationary, out);
        }
    }
    /* their rows as they are now */
    for (size_t k = 0; k < d->n; k++) {
        const struct engine_dmember *dm = &d->m[k];
        struct who w = {dm->gender,         dm->theory, dm->attr, dm->birth,
                        dm->first_decision, dm->died,   dm->gaps, dm->ngaps};
        for (size_t i = 0; i < dm->nst; i++)
            count_one(v, r, &dm->st[i], &w, +1, age_band, party_age_band, official, probationary,
                      out);
    }
}

bool engine_delta_enabled(void)
{
    const char *v = getenv("TCXD_ENGINE_DELTA");
    return !(v && !strcmp(v, "0"));
}
