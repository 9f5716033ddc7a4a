/*
 * engine.c - building the engine from the store, the tree versions, members on a date,
 * breakdowns and event counts (engine.h).
 */
#include "engine/engine_delta.h"
#include "engine/engine_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>

#include "util/xmalloc.h"

bool engine_enabled(void)
{
    const char *v = getenv("TCXD_ENGINE");
    return !(v && !strcmp(v, "0"));
}

/* ---- small helpers ------------------------------------------------------------------------ */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static size_t id_slot(int64_t id, size_t cap)
{
    uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 21) & (cap - 1);
}

void idmap_init(struct idmap *m, size_t n, int64_t lo, int64_t hi)
{
    memset(m, 0, sizeof(*m));
    if (n && lo <= hi && (uint64_t)hi - (uint64_t)lo < 2 * (uint64_t)n + 16) {
        m->dense = true;
        m->base = lo;
        m->cap = (size_t)((uint64_t)hi - (uint64_t)lo + 1);
        m->vals = xmalloc(m->cap * sizeof(*m->vals));
        memset(m->vals, 0xff, m->cap * sizeof(*m->vals));
        return;
    }
    size_t cap = 16;
    while (cap < n * 2 + 2)
        cap *= 2;
    m->cap = cap;
    m->keys = xmalloc(cap * sizeof(*m->keys));
    m->vals = xmalloc(cap * sizeof(*m->vals));
    memset(m->vals, 0xff, cap * sizeof(*m->vals));
}

void idmap_put(struct idmap *m, int64_t id, uint32_t v)
{
    if (m->dense) {
        uint64_t k = (uint64_t)id - (uint64_t)m->base;
        if (k >= m->cap)
            BUG("id %lld outside the dense map", (long long)id);
        m->vals[k] = v;
        return;
    }
    size_t i = id_slot(id, m->cap);
    while (m->vals[i] != UINT32_MAX && m->keys[i] != id)
        i = (i + 1) & (m->cap - 1);
    m->keys[i] = id;
    m->vals[i] = v;
}

uint32_t idmap_probe(const struct idmap *m, int64_t id)
{
    if (!m->cap)
        return UINT32_MAX;
    size_t i = id_slot(id, m->cap);
    while (m->vals[i] != UINT32_MAX) {
        if (m->keys[i] == id)
            return m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    return UINT32_MAX;
}

void idmap_release(struct idmap *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof(*m));
}

char *engine_pool_strdup(struct engine *eng, const char *s)
{
    size_t n = strlen(s) + 1;
    if (eng->pool_used + n > eng->pool_cap || !eng->npool) {
        size_t cap = n > 1u << 20 ? n : 1u << 20;
        ALLOC_GROW(eng->pool, eng->npool + 1, eng->pool_blocks_cap);
        eng->pool_len = xreallocarray(eng->pool_len, eng->pool_blocks_cap, sizeof(size_t));
        eng->pool[eng->npool++] = xmalloc(cap);
        eng->pool_cap = cap;
        eng->pool_used = 0;
        eng->bytes += cap;
    }
    char *p = eng->pool[eng->npool - 1] + eng->pool_used;
    memcpy(p, s, n);
    eng->pool_used += n;
    eng->pool_len[eng->npool - 1] = eng->pool_used;
    return p;
}

uint32_t engine_bstr_add(struct engine *eng, const char *s)
{
    size_t n = strlen(s) + 1;
    if (!eng->bstr_len) { /* offset 0 is "" */
        eng->bstr_cap = 1u << 20;
        eng->bstr = xmalloc(eng->bstr_cap);
        eng->bstr[0] = 0;
        eng->bstr_len = 1;
    }
    if (!s[0])
        return 0;
    if (eng->bstr_len + n > UINT32_MAX)
        BUG("engine strings past 4 GB");
    if (eng->bstr_len + n > eng->bstr_cap) {
        while (eng->bstr_len + n > eng->bstr_cap)
            eng->bstr_cap *= 2;
        eng->bstr = xrealloc(eng->bstr, eng->bstr_cap);
    }
    uint32_t off = (uint32_t)eng->bstr_len;
    memcpy(eng->bstr + off, s, n);
    eng->bstr_len += n;
    return off;
}

/* Dictionary of an attribute's values: string -> code. */
static uint32_t str_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static uint32_t str_hash_bytes(const void *p, size_t n)
{
    const unsigned char *c = p;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ c[i]) * 16777619u;
    return h;
}

static uint32_t dict_slot(const struct engine_dict *d, const char *s)
{
    uint32_t i = str_hash(s) & (uint32_t)(d->nslots - 1);
    while (d->slots[i] && strcmp(d->values[d->slots[i] - 1], s))
        i = (i + 1) & (uint32_t)(d->nslots - 1);
    return i;
}

static uint16_t dict_code(struct engine *eng, struct engine_dict *d, const char *s)
{
    if (d->n * 2 >= d->nslots) {
        size_t ns = d->nslots ? d->nslots * 2 : 64;
        free(d->slots);
        d->slots = xcalloc(ns, sizeof(uint32_t));
        d->nslots = ns;
        for (size_t k = 0; k < d->n; k++)
            d->slots[dict_slot(d, d->values[k])] = (uint32_t)k + 1;
    }
    uint32_t i = dict_slot(d, s);
    if (!d->slots[i]) {
        if (d->n >= ENGINE_DICT_MAX)
            return ENGINE_DICT_MAX - 1; /* never with real data: values are a few hundred */
        ALLOC_GROW(d->values, d->n + 1, d->cap);
        d->values[d->n] = engine_pool_strdup(eng, s);
        d->slots[i] = (uint32_t)++d->n;
    }
    return (uint16_t)(d->slots[i] - 1);
}

/* ---- reading the store -------------------------------------------------------------------- */

struct raw_stint {
    uint32_t member, slot;
    tcxd_date from, to;
    uint8_t kind, status;
};

/* A member event as read (member, at: the event's organization's slot) and then placed
   (from_slot, to_slot). */
struct raw_event {
    int64_t seq;
    tcxd_date date;
    uint32_t member, at, from_slot, to_slot;
    uint8_t kind;
    int8_t form;
};

struct build {
    struct engine *eng;
    struct raw_stint *st;
    size_t nst, st_cap;
    struct {
        uint32_t member;
        struct member_gap g;
    } * gaps;
    size_t ngaps, gaps_cap;
    struct raw_event *evs; /* in the store's order (event id) */
    size_t nevs, evs_cap;
    struct org_version_raw *vers;
    size_t nvers, vers_cap;
    uint32_t *gapm_of; /* member -> its entry in eng->gapm (members with gaps) */
};

static void on_org(void *ctx, const struct store_engine_org *o)
{
    struct build *b = ctx;
    struct engine *eng = b->eng;
    ALLOC_GROW(eng->orgs, eng->norgs + 1, eng->orgs_cap);
    struct engine_org_row *r = &eng->orgs[eng->norgs++];
    r->id = o->id;
    r->code = engine_pool_strdup(eng, o->code);
    r->tier = o->tier;
    r->form = o->form;
    r->base_type = o->base_type;
    r->created_on = o->created_on;
    r->ended_on = o->ended_on == DATE_NONE ? DATE_OPEN_END : o->ended_on;
}

static void on_version(void *ctx, const struct store_engine_org_version *v)
{
    struct build *b = ctx;
    ALLOC_GROW(b->vers, b->nvers + 1, b->vers_cap);
    struct org_version_raw *r = &b->vers[b->nvers++];
    r->org_id = v->org_id;
    r->parent_id = v->parent_id;
    r->from = v->from;
    r->to = v->to;
    r->name = engine_pool_strdup(b->eng, v->name);
    r->tier = v->tier;
    r->form = v->form;
    r->base_type = v->base_type;
}

static void on_member(void *ctx, const struct store_engine_member *m)
{
    struct build *b = ctx;
    struct engine *eng = b->eng;
    size_t i = eng->nmembers;
    if (i >= eng->members_cap) {
        size_t cap = eng->members_cap ? eng->members_cap * 2 : 1024;
        eng->m = xreallocarray(eng->m, cap, sizeof(*eng->m));
        eng->members_cap = cap;
    }
    struct engine_member_row *r = &eng->m[i];
    memset(r, 0, sizeof(*r));
    r->id = m->id;
    r->birth = m->birth_date;
    r->first_decision = m->first_decision;
    r->ceremony = m->ceremony_date;
    r->official = m->official_date;
    r->died = m->died_on;
    r->gender = (uint8_t)((unsigned)m->gender < GENDER__MAX ? m->gender : 0);
    r->theory = (uint8_t)((unsigned)m->theory < THEORY__MAX ? m->theory : 0);
    r->status = (uint8_t)m->status;
    r->org_id = m->org_id;
    r->org_slot = idmap_get(&eng->org_slot, m->org_id);
    r->attr[ENGINE_ATTR_ETHNICITY] =
        dict_code(eng, &eng->dict[ENGINE_ATTR_ETHNICITY], m->ethnicity);
    r->attr[ENGINE_ATTR_RELIGION] = dict_code(eng, &eng->dict[ENGINE_ATTR_RELIGION], m->religion);
    r->attr[ENGINE_ATTR_EDUCATION] =
        dict_code(eng, &eng->dict[ENGINE_ATTR_EDUCATION], m->education);
    engine_search_add_member(eng, (uint32_t)i, m);
    eng->nmembers++;
}

static void on_stint(void *ctx, int64_t member_id, const struct member_stint *s)
{
    struct build *b = ctx;
    uint32_t mi = idmap_get(&b->eng->member_idx, member_id);
    uint32_t slot = idmap_get(&b->eng->org_slot, s->org_id);
    if (mi == UINT32_MAX || slot == UINT32_MAX || s->to <= s->from)
        return;
    ALLOC_GROW(b->st, b->nst + 1, b->st_cap);
    struct raw_stint *r = &b->st[b->nst++];
    r->member = mi;
    r->slot = slot;
    r->from = s->from;
    r->to = s->to;
    r->kind = (uint8_t)s->kind;
    r->status = (uint8_t)s->status;
}

static void on_gap(void *ctx, int64_t member_id, const struct member_gap *g)
{
    struct build *b = ctx;
    uint32_t mi = idmap_get(&b->eng->member_idx, member_id);
    if (mi == UINT32_MAX)
        return;
    ALLOC_GROW(b->gaps, b->ngaps + 1, b->gaps_cap);
    b->gaps[b->ngaps].member = mi;
    b->gaps[b->ngaps].g = *g;
    b->ngaps++;
}

static void on_event(void *ctx, int64_t member_id, const struct member_event *ev)
{
    struct build *b = ctx;
    uint32_t mi = idmap_get(&b->eng->member_idx, member_id);
    if (mi == UINT32_MAX || ev->date == DATE_NONE || (unsigned)ev->kind >= MEV__MAX)
        return;
    ALLOC_GROW(b->evs, b->nevs + 1, b->evs_cap);
    struct raw_event *x = &b->evs[b->nevs++];
    x->seq = ev->seq;
    x->date = ev->date;
    x->member = mi;
    x->at = ev->org_id ? idmap_get(&b->eng->org_slot, ev->org_id) : TREE_NONE;
    x->kind = (uint8_t)ev->kind;
    x->form = (int8_t)ev->form;
}

/* ---- organizations and versions ----------------------------------------------------------- */

static int cmp_org_code(const void *a, const void *b)
{
    const struct engine_org_row *x = a, *y = b;
    return strcmp(x->code, y->code);
}

static int cmp_version(const void *a, const void *b)
{
    const struct org_version_raw *x = a, *y = b;
    if (x->slot != y->slot)
        return x->slot < y->slot ? -1 : 1;
    return (x->from > y->from) - (x->from < y->from);
}

static int cmp_date(const void *a, const void *b)
{
    tcxd_date x = *(const tcxd_date *)a, y = *(const tcxd_date *)b;
    return (x > y) - (x < y);
}

static void build_orgs(struct build *b)
{
    struct engine *eng = b->eng;
    /* slots in code order: a version's children are then linked in code order, as the store's
       tree loads link them */
    if (eng->norgs)
        qsort(eng->orgs, eng->norgs, sizeof(*eng->orgs), cmp_org_code);
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (size_t i = 0; i < eng->norgs; i++) {
        lo = eng->orgs[i].id < lo ? eng->orgs[i].id : lo;
        hi = eng->orgs[i].id > hi ? eng->orgs[i].id : hi;
    }
    idmap_init(&eng->org_slot, eng->norgs, lo, hi);
    for (size_t i = 0; i < eng->norgs; i++)
        idmap_put(&eng->org_slot, eng->orgs[i].id, (uint32_t)i);
    size_t k = 0;
    for (size_t i = 0; i < b->nvers; i++) {
        uint32_t slot = idmap_get(&eng->org_slot, b->vers[i].org_id);
        if (slot == UINT32_MAX || b->vers[i].to <= b->vers[i].from)
            continue;
        b->vers[k] = b->vers[i];
        b->vers[k++].slot = slot;
    }
    b->nvers = k;
    if (k)
        qsort(b->vers, k, sizeof(*b->vers), cmp_version);
    eng->vers = b->vers;
    eng->nvers = k;
    b->vers = NULL;
    eng->ver_off = xcalloc(eng->norgs + 1, sizeof(uint32_t));
    for (size_t i = 0; i < k; i++)
        eng->ver_off[eng->vers[i].slot + 1]++;
    for (size_t i = 0; i < eng->norgs; i++)
        eng->ver_off[i + 1] += eng->ver_off[i];
    /* the tree changes only on these dates */
    size_t nb = 0;
    tcxd_date *bd = xmalloc((2 * eng->norgs + 2 * k + 1) * sizeof(*bd));
    for (size_t i = 0; i < eng->norgs; i++) {
        bd[nb++] = eng->orgs[i].created_on;
        bd[nb++] = eng->orgs[i].ended_on;
    }
    for (size_t i = 0; i < k; i++) {
        bd[nb++] = eng->vers[i].from;
        bd[nb++] = eng->vers[i].to;
    }
    if (nb)
        qsort(bd, nb, sizeof(*bd), cmp_date);
    size_t u = 0;
    for (size_t i = 0; i < nb; i++)
        if (bd[i] != DATE_NONE && (!u || bd[u - 1] != bd[i]))
            bd[u++] = bd[i];
    eng->bounds = bd;
    eng->nbounds = u;
    eng->versions = xcalloc(u + 1, sizeof(*eng->versions));
    eng->bytes += eng->norgs * sizeof(*eng->orgs) + k * sizeof(*eng->vers) +
                  (u + 1) * (sizeof(*bd) + sizeof(*eng->versions));
}

/* The version holding date d: the number of boundaries <= d. */
uint32_t engine_version_index(const struct engine *eng, tcxd_date d)
{
    size_t lo = 0, hi = eng->nbounds;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (eng->bounds[mid] <= d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (uint32_t)lo;
}

static struct engine_version *version_make(const struct engine *eng, uint32_t k)
{
    struct engine_version *v = xcalloc(1, sizeof(*v));
    tcxd_date d = k == 0 ? (eng->nbounds ? eng->bounds[0] - 1 : 0) : eng->bounds[k - 1];
    size_t n = eng->norgs;
    v->pos_of_slot = xmalloc((n ? n : 1) * sizeof(uint32_t));
    /* each alive organization's version of that day */
    const struct org_version_raw **ver = xcalloc(n ? n : 1, sizeof(*ver));
    uint32_t *parent = xmalloc((n ? n : 1) * sizeof(uint32_t));
    uint32_t *first = xmalloc((n ? n : 1) * sizeof(uint32_t));
    uint32_t *last = xmalloc((n ? n : 1) * sizeof(uint32_t));
    uint32_t *next = xmalloc((n ? n : 1) * sizeof(uint32_t));
    size_t alive = 0;
    for (size_t s = 0; s < n; s++) {
        v->pos_of_slot[s] = TREE_NONE;
        first[s] = last[s] = next[s] = parent[s] = TREE_NONE;
        const struct engine_org_row *o = &eng->orgs[s];
        if (!(o->created_on <= d && d < o->ended_on))
            continue;
        for (uint32_t j = eng->ver_off[s]; j < eng->ver_off[s + 1]; j++)
            if (eng->vers[j].from <= d && d < eng->vers[j].to) {
                ver[s] = &eng->vers[j];
                break;
            }
        if (ver[s])
            alive++;
    }
    /* children in slot (code) order; an organization whose parent is absent is a root */
    uint32_t root_first = TREE_NONE, root_last = TREE_NONE;
    for (size_t s = 0; s < n; s++) {
        if (!ver[s])
            continue;
        uint32_t p = ver[s]->parent_id ? idmap_get(&eng->org_slot, ver[s]->parent_id) : TREE_NONE;
        if (p != TREE_NONE && (!ver[p] || p == s))
            p = TREE_NONE;
        parent[s] = p;
        uint32_t *f = p == TREE_NONE ? &root_first : &first[p];
        uint32_t *l = p == TREE_NONE ? &root_last : &last[p];
        if (*l == TREE_NONE)
            *f = (uint32_t)s;
        else
            next[*l] = (uint32_t)s;
        *l = (uint32_t)s;
    }
    /* pre-order, iteratively */
    org_tree_init(&v->tree, d);
    v->orgs = xmalloc((alive ? alive : 1) * sizeof(*v->orgs));
    v->slot_of_pos = xmalloc((alive ? alive : 1) * sizeof(uint32_t));
    uint32_t *stack = xmalloc((alive + 1) * sizeof(uint32_t));
    size_t np = 0;
    for (uint32_t r = root_first; r != TREE_NONE; r = next[r]) {
        size_t sp = 0;
        uint32_t cur = r;
        for (;;) {
            /* visit cur */
            const struct engine_org_row *o = &eng->orgs[cur];
            uint32_t pos = (uint32_t)np++;
            v->pos_of_slot[cur] = pos;
            v->slot_of_pos[pos] = cur;
            struct engine_org *eo = &v->orgs[pos];
            eo->id = o->id;
            eo->code = o->code;
            eo->name = ver[cur]->name;
            eo->tier = ver[cur]->tier;
            eo->form = ver[cur]->form;
            eo->base_type = ver[cur]->base_type;
            eo->parent = parent[cur] == TREE_NONE ? TREE_NONE : v->pos_of_slot[parent[cur]];
            eo->depth = (uint32_t)sp;
            eo->end = 0;
            org_tree_add(&v->tree, o->id, ver[cur]->parent_id, ver[cur]->tier, ver[cur]->form,
                         ver[cur]->base_type, o->code, ver[cur]->name);
            if (first[cur] != TREE_NONE) {
                stack[sp++] = cur;
                cur = first[cur];
                continue;
            }
            /* close finished subtrees */
            for (;;) {
                v->orgs[v->pos_of_slot[cur]].end = (uint32_t)np;
                if (next[cur] != TREE_NONE && sp > 0) {
                    cur = next[cur];
                    break;
                }
                if (sp == 0) {
                    cur = TREE_NONE;
                    break;
                }
                cur = stack[--sp];
            }
            if (cur == TREE_NONE)
                break;
        }
    }
    /* organizations in a parent cycle are never reached from a root: absent */
    v->n = np;
    free(stack);
    free(ver);
    free(parent);
    free(first);
    free(last);
    free(next);
    org_tree_link(&v->tree);
    return v;
}

static void version_free(struct engine_version *v)
{
    if (!v)
        return;
    org_tree_release(&v->tree);
    free(v->orgs);
    free(v->slot_of_pos);
    free(v->pos_of_slot);
    free(v);
}

const struct engine_version *engine_version_get(const struct engine *ceng, uint32_t k)
{
    if (ceng->base) /* a view's versions are its base's */
        return engine_version_get(ceng->base, k);
    struct engine *eng = (struct engine *)ceng; /* the version cache is behind the mutex */
    pthread_mutex_lock(&eng->lock);
    struct engine_version *v = eng->versions[k];
    if (!v) {
        v = version_make(eng, k);
        eng->versions[k] = v;
        eng->bytes += v->n * (sizeof(struct engine_org) + sizeof(uint32_t) + 64) +
                      eng->norgs * sizeof(uint32_t);
    }
    pthread_mutex_unlock(&eng->lock);
    return v;
}

/* ---- registrations ------------------------------------------------------------------------ */

static int cmp_raw_slot(const void *a, const void *b)
{
    const struct raw_stint *x = a, *y = b;
    if (x->slot != y->slot)
        return x->slot < y->slot ? -1 : 1;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return (x->member > y->member) - (x->member < y->member);
}

/* A new exception entry for member i (its gaps, if any, already in gap_off). */
static uint32_t gapm_add(struct engine *eng, uint32_t i)
{
    ALLOC_GROW(eng->gapm, eng->ngapm + 1, eng->gapm_cap);
    struct engine_gapm *g = &eng->gapm[eng->ngapm];
    memset(g, 0, sizeof(*g));
    g->first_decision = eng->m[i].first_decision;
    g->died = eng->m[i].died;
    g->birth = eng->m[i].birth;
    g->lo = eng->gap_off[i];
    g->hi = eng->gap_off[i + 1];
    if (g->hi > g->lo)
        g->one = eng->gaps[g->lo];
    return (uint32_t)eng->ngapm++;
}

/* A date as 16 bits (struct engine_stint): false when outside them. */
static bool day16(tcxd_date d, uint16_t *out)
{
    if (d < ENGINE_DAY0 || (int64_t)d - ENGINE_DAY0 >= (int64_t)ENGINE_DAY_NONE)
        return false;
    *out = (uint16_t)(d - ENGINE_DAY0);
    return true;
}

/* The profile code of a combination of attributes (a new entry when first seen). */
static uint32_t prof_code(struct engine *eng, const struct engine_member_row *m)
{
    struct engine_prof p;
    memset(&p, 0, sizeof(p));
    memcpy(p.attr, m->attr, sizeof(p.attr));
    p.gender = m->gender;
    p.theory = m->theory;
    if (eng->nprof * 2 >= eng->nprof_slots) {
        size_t ns = eng->nprof_slots ? eng->nprof_slots * 2 : 1024;
        free(eng->prof_slots);
        eng->prof_slots = xcalloc(ns, sizeof(uint32_t));
        eng->nprof_slots = ns;
        for (size_t k = 0; k < eng->nprof; k++) {
            uint32_t h = str_hash_bytes(&eng->prof[k], sizeof(p)) & (uint32_t)(ns - 1);
            while (eng->prof_slots[h])
                h = (h + 1) & (uint32_t)(ns - 1);
            eng->prof_slots[h] = (uint32_t)k + 1;
        }
    }
    uint32_t h = str_hash_bytes(&p, sizeof(p)) & (uint32_t)(eng->nprof_slots - 1);
    while (eng->prof_slots[h]) {
        uint32_t k = eng->prof_slots[h] - 1;
        if (!memcmp(&eng->prof[k], &p, sizeof(p)))
            return k;
        h = (h + 1) & (uint32_t)(eng->nprof_slots - 1);
    }
    if (eng->nprof >= ENGINE_PROF_MAX)
        BUG("more than %u combinations of members' attributes", ENGINE_PROF_MAX);
    ALLOC_GROW(eng->prof, eng->nprof + 1, eng->prof_cap);
    eng->prof[eng->nprof] = p;
    eng->prof_slots[h] = (uint32_t)eng->nprof + 1;
    return (uint32_t)eng->nprof++;
}

static void build_stints(struct build *b)
{
    struct engine *eng = b->eng;
    uint32_t *mprof = xmalloc((eng->nmembers ? eng->nmembers : 1) * sizeof(uint32_t));
    for (size_t i = 0; i < eng->nmembers; i++)
        mprof[i] = prof_code(eng, &eng->m[i]);
    free(eng->prof_slots);
    eng->prof_slots = NULL;
    eng->nprof_slots = 0;
    eng->st = xmalloc((b->nst ? b->nst : 1) * sizeof(*eng->st));
    eng->st_member = xmalloc((b->nst ? b->nst : 1) * sizeof(uint32_t));
    eng->st_from = xmalloc((b->nst ? b->nst : 1) * sizeof(tcxd_date));
    eng->st_to = xmalloc((b->nst ? b->nst : 1) * sizeof(tcxd_date));
    eng->nst = b->nst;
    /* b->st is by (first day, member) (stints_by_from): a stable pass by slot */
    eng->st_off = xcalloc(eng->norgs + 1, sizeof(uint32_t));
    for (size_t i = 0; i < b->nst; i++)
        eng->st_off[b->st[i].slot + 1]++;
    for (size_t i = 0; i < eng->norgs; i++)
        eng->st_off[i + 1] += eng->st_off[i];
    uint32_t *cur = xmalloc((eng->norgs ? eng->norgs : 1) * sizeof(uint32_t));
    memcpy(cur, eng->st_off, (eng->norgs ? eng->norgs : 1) * sizeof(uint32_t));
    for (size_t k = 0; k < b->nst; k++) {
        const struct raw_stint *r = &b->st[k];
        size_t i = cur[r->slot]++;
        const struct engine_member_row *m = &eng->m[r->member];
        struct engine_stint *s = &eng->st[i];
        eng->st_from[i] = r->from;
        eng->st_to[i] = r->to;
        eng->st_member[i] = r->member;
        uint16_t bd = 0, fd = ENGINE_DAY_NONE;
        bool exc = b->gapm_of[r->member] != UINT32_MAX || !day16(m->birth, &bd) ||
                   (m->first_decision != DATE_NONE && !day16(m->first_decision, &fd));
        if (exc && b->gapm_of[r->member] == UINT32_MAX)
            b->gapm_of[r->member] = gapm_add(eng, r->member);
        if (exc) {
            uint32_t g = b->gapm_of[r->member];
            if (g >= ENGINE_PROF_MAX)
                BUG("more than %u members with gaps or odd dates", ENGINE_PROF_MAX);
            eng->gapm[g].prof = mprof[r->member];
            s->birth = s->first_decision = 0;
            s->prof = g;
        } else {
            s->birth = bd;
            s->first_decision = fd;
            s->prof = mprof[r->member];
        }
        s->status = r->status & 7u;
        s->kind = r->kind & 1u;
        s->exc = exc;
        s->cur = m->org_slot == r->slot;
    }
    free(cur);
    free(mprof);
    eng->bytes += eng->nst * (sizeof(*eng->st) + 2 * sizeof(tcxd_date) + sizeof(uint32_t)) +
                  (eng->norgs + 1) * sizeof(uint32_t) + eng->nprof * sizeof(*eng->prof) +
                  eng->ngapm * sizeof(*eng->gapm);
}

static int cmp_gap_member(const void *a, const void *b)
{
    const uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static void build_gaps(struct build *b)
{
    struct engine *eng = b->eng;
    /* member first in the record: sorting by it groups a member's gaps */
    if (b->ngaps)
        qsort(b->gaps, b->ngaps, sizeof(*b->gaps), cmp_gap_member);
    eng->gap_off = xcalloc(eng->nmembers + 1, sizeof(uint32_t));
    eng->gaps = xmalloc((b->ngaps ? b->ngaps : 1) * sizeof(*eng->gaps));
    eng->ngaps = b->ngaps;
    for (size_t i = 0; i < b->ngaps; i++) {
        eng->gaps[i] = b->gaps[i].g;
        eng->gap_off[b->gaps[i].member + 1]++;
    }
    for (size_t i = 0; i < eng->nmembers; i++)
        eng->gap_off[i + 1] += eng->gap_off[i];
    /* the members with gaps, compact (what the breakdown's party ages read); build_stints adds
       the other exceptions (struct engine_stint) */
    b->gapm_of = xmalloc((eng->nmembers ? eng->nmembers : 1) * sizeof(uint32_t));
    eng->ngapm = 0;
    for (size_t i = 0; i < eng->nmembers; i++)
        b->gapm_of[i] =
            eng->gap_off[i] != eng->gap_off[i + 1] ? gapm_add(eng, (uint32_t)i) : UINT32_MAX;
    eng->bytes += (eng->nmembers + 1) * sizeof(uint32_t) + eng->ngaps * sizeof(*eng->gaps) +
                  eng->ngapm * sizeof(*eng->gapm);
}

/* The registered chi bộ (slot) of member mi on day d, from the raw stints sorted by member. */
static uint32_t registered_slot(const struct raw_stint *st, const uint32_t *off, uint32_t mi,
                                tcxd_date d)
{
    for (uint32_t i = off[mi]; i < off[mi + 1]; i++)
        if (st[i].kind == STINT_REGISTERED && st[i].from <= d && d < st[i].to)
            return st[i].slot;
    return TREE_NONE;
}

static int cmp_event(const void *a, const void *b)
{
    const struct raw_event *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The events in (date, id) order straight into the engine's column: one counting pass keyed
   by the date, stable, over events read in id order (the store's table order; a comparison
   sort when they were not, or when the dates span too many days). */
static void sort_events(struct build *b, const struct raw_stint *bym, const uint32_t *off)
{
    struct engine *eng = b->eng;
    struct raw_event *rev = b->evs;
    size_t nev = b->nevs;
    bool ordered = true;
    tcxd_date dmin = INT32_MAX, dmax = INT32_MIN;
    for (size_t i = 0; i < nev; i++) {
        ordered = ordered && (i == 0 || rev[i - 1].seq < rev[i].seq);
        dmin = rev[i].date < dmin ? rev[i].date : dmin;
        dmax = rev[i].date > dmax ? rev[i].date : dmax;
    }
    size_t days = nev ? (size_t)((int64_t)dmax - dmin + 1) : 1;
    if (!ordered || days > (1u << 22)) {
        if (nev)
            qsort(rev, nev, sizeof(*rev), cmp_event);
        days = 1; /* then every event is in the one bucket, in the sorted order */
    }
    uint32_t *pos = xcalloc(days + 1, sizeof(uint32_t));
    for (size_t i = 0; i < nev; i++)
        pos[(size_t)(days > 1 ? rev[i].date - dmin : 0) + 1]++;
    for (size_t k = 0; k < days; k++)
        pos[k + 1] += pos[k];
    eng->ev = xmalloc((nev ? nev : 1) * sizeof(*eng->ev));
    eng->nev = nev;
    for (size_t i = 0; i < nev; i++) {
        const struct raw_event *x = &rev[i];
        uint32_t j = pos[(size_t)(days > 1 ? x->date - dmin : 0)]++;
        struct engine_event *y = &eng->ev[j];
        memset(y, 0, sizeof(*y));
        y->date = x->date;
        y->member = x->member;
        y->kind = x->kind;
        y->form = x->form;
        /* where it is placed: the chi bộ of the day before (of the day itself when it began
           that day); an admission's is its organization, a transfer's other side its target */
        if (x->kind == MEV_ADMIT) {
            y->from_slot = x->at;
            y->to_slot = TREE_NONE;
        } else {
            y->from_slot = registered_slot(bym, off, x->member, x->date - 1);
            if (y->from_slot == TREE_NONE)
                y->from_slot = registered_slot(bym, off, x->member, x->date);
            y->to_slot = x->kind == MEV_TRANSFER ? x->at : TREE_NONE;
        }
    }
    free(pos);
    eng->bytes += eng->nev * sizeof(*eng->ev);
}

/* b->st by member (a counting pass), each member's few by first day: into bym, offsets off. */
static void stints_by_member(struct build *b, struct raw_stint *bym, uint32_t *off)
{
    size_t n = b->nst, nm = b->eng->nmembers;
    for (size_t i = 0; i < n; i++)
        off[b->st[i].member + 1]++;
    for (size_t i = 0; i < nm; i++)
        off[i + 1] += off[i];
    uint32_t *cur = xmalloc((nm ? nm : 1) * sizeof(uint32_t));
    memcpy(cur, off, (nm ? nm : 1) * sizeof(uint32_t));
    for (size_t i = 0; i < n; i++)
        bym[cur[b->st[i].member]++] = b->st[i];
    free(cur);
    for (size_t m = 0; m < nm; m++)
        for (uint32_t i = off[m] + 1; i < off[m + 1]; i++) {
            struct raw_stint t = bym[i];
            uint32_t j = i;
            for (; j > off[m] && bym[j - 1].from > t.from; j--)
                bym[j] = bym[j - 1];
            bym[j] = t;
        }
}

/* bym (by member, then first day) into b->st by first day, then member: a stable counting pass
   (a comparison sort when the first days span too many days). build_stints' pass by slot then
   gives the order (slot, first day, member). */
static void stints_by_from(struct build *b, const struct raw_stint *bym)
{
    size_t n = b->nst;
    tcxd_date dmin = INT32_MAX, dmax = INT32_MIN;
    for (size_t i = 0; i < n; i++) {
        dmin = bym[i].from < dmin ? bym[i].from : dmin;
        dmax = bym[i].from > dmax ? bym[i].from : dmax;
    }
    size_t days = n ? (size_t)((int64_t)dmax - dmin + 1) : 1;
    if (days > (1u << 22)) {
        memcpy(b->st, bym, n * sizeof(*bym));
        qsort(b->st, n, sizeof(*b->st), cmp_raw_slot);
        return;
    }
    uint32_t *pos = xcalloc(days + 1, sizeof(uint32_t));
    for (size_t i = 0; i < n; i++)
        pos[bym[i].from - dmin + 1]++;
    for (size_t k = 0; k < days; k++)
        pos[k + 1] += pos[k];
    for (size_t i = 0; i < n; i++)
        b->st[pos[bym[i].from - dmin]++] = bym[i];
    free(pos);
}

static void build_events(struct build *b)
{
    struct engine *eng = b->eng;
    /* the registrations by member, to place each event */
    struct raw_stint *bym = xmalloc((b->nst ? b->nst : 1) * sizeof(*bym));
    uint32_t *off = xcalloc(eng->nmembers + 1, sizeof(uint32_t));
    stints_by_member(b, bym, off);
    sort_events(b, bym, off);
    free(b->evs);
    b->evs = NULL;
    stints_by_from(b, bym);
    /* kept for lists and searches: each member's registrations */
    eng->mst = xmalloc((b->nst ? b->nst : 1) * sizeof(*eng->mst));
    for (size_t i = 0; i < b->nst; i++) {
        eng->mst[i].slot = bym[i].slot;
        eng->mst[i].from = bym[i].from;
        eng->mst[i].to = bym[i].to;
        eng->mst[i].kind = bym[i].kind;
        eng->mst[i].status = bym[i].status;
    }
    eng->mst_off = off;
    eng->bytes += b->nst * sizeof(*eng->mst) + (eng->nmembers + 1) * sizeof(uint32_t);
    free(bym);
}

/* ---- build / free ------------------------------------------------------------------------- */

static enum tcxd_err read_all(struct store *st, struct build *b, struct tcxd_error *e)
{
    struct engine *eng = b->eng;
    enum tcxd_err rc;
    if ((rc = store_change_token(st, &eng->token, e)) ||
        (rc = store_engine_orgs(st, on_org, b, e)) ||
        (rc = store_engine_org_versions(st, on_version, b, e)))
        return rc;
    build_orgs(b);
    if ((rc = store_engine_members(st, on_member, b, e)))
        return rc;
    engine_search_finish(eng); /* renumbers the members in roll order */
    /* the strings' buffer without its room for growth */
    if (eng->bstr_len && eng->bstr_len < eng->bstr_cap) {
        eng->bstr = xrealloc(eng->bstr, eng->bstr_len);
        eng->bstr_cap = eng->bstr_len;
    }
    eng->bytes += eng->bstr_cap;
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (size_t i = 0; i < eng->nmembers; i++) {
        lo = eng->m[i].id < lo ? eng->m[i].id : lo;
        hi = eng->m[i].id > hi ? eng->m[i].id : hi;
    }
    idmap_init(&eng->member_idx, eng->nmembers, lo, hi);
    for (size_t i = 0; i < eng->nmembers; i++)
        idmap_put(&eng->member_idx, eng->m[i].id, (uint32_t)i);
    eng->bytes +=
        eng->nmembers * sizeof(*eng->m) + eng->member_idx.cap * (eng->member_idx.dense ? 4 : 12);
    if ((rc = store_engine_gaps(st, on_gap, b, e)))
        return rc;
    build_gaps(b);
    if ((rc = store_engine_stints(st, on_stint, b, e)))
        return rc;
    if ((rc = store_engine_events(st, on_event, b, e)))
        return rc;
    build_events(b);
    build_stints(b);
    engine_search_regs(eng);
    return TCXD_OK;
}

enum tcxd_err engine_build(struct store *st, struct engine **out, struct tcxd_error *e)
{
    double t0 = now_ms();
    struct engine *eng = xcalloc(1, sizeof(*eng));
    pthread_mutex_init(&eng->lock, NULL);
    atomic_init(&eng->refs, 1);
    struct build b;
    memset(&b, 0, sizeof(b));
    b.eng = eng;
    enum tcxd_err rc = store_read_begin(st, e);
    if (!rc) {
        rc = read_all(st, &b, e);
        store_read_end(st);
    }
    free(b.st);
    free(b.gaps);
    free(b.evs);
    free(b.vers);
    free(b.gapm_of);
    if (rc) {
        engine_free(eng);
        return rc;
    }
    eng->build_ms = now_ms() - t0;
    *out = eng;
    return TCXD_OK;
}

void engine_free(struct engine *eng)
{
    if (!eng)
        return;
    if (eng->base) { /* a view: everything but its delta is the base's */
        struct engine *base = eng->base;
        engine_delta_free(eng->delta);
        pthread_mutex_destroy(&eng->lock);
        free(eng);
        engine_release(base);
        return;
    }
    free(eng->prob);
    free(eng->prob_off);
    free(eng->prob_due);
    free(eng->prob_deadline);
    if (eng->versions)
        for (size_t k = 0; k <= eng->nbounds; k++)
            version_free(eng->versions[k]);
    free(eng->versions);
    if (eng->map) { /* loaded from a cache file: the columns are in the mapping */
        free(eng->pool);
        free(eng->pool_len);
        for (size_t i = 0; i < sizeof(eng->map_copies) / sizeof(eng->map_copies[0]); i++)
            free(eng->map_copies[i]);
        engine_file_blocks_free(eng->blocks);
        munmap(eng->map, eng->map_len);
        pthread_mutex_destroy(&eng->lock);
        free(eng);
        return;
    }
    free(eng->bounds);
    free(eng->orgs);
    free(eng->vers);
    free(eng->ver_off);
    idmap_release(&eng->org_slot);
    idmap_release(&eng->member_idx);
    free(eng->m);
    free(eng->st);
    free(eng->st_member);
    free(eng->st_from);
    free(eng->st_to);
    free(eng->prof);
    free(eng->prof_slots);
    free(eng->st_off);
    free(eng->gaps);
    free(eng->gapm);
    free(eng->gap_off);
    free(eng->ev);
    free(eng->mst);
    free(eng->mst_off);
    engine_search_release(eng);
    for (int a = 0; a < ENGINE_ATTR__MAX; a++) {
        free(eng->dict[a].values);
        free(eng->dict[a].slots);
    }
    for (size_t i = 0; i < eng->npool; i++)
        free(eng->pool[i]);
    free(eng->pool);
    free(eng->pool_len);
    free(eng->bstr);
    pthread_mutex_destroy(&eng->lock);
    free(eng);
}

void engine_stats(const struct engine *eng, struct engine_stats *out)
{
    out->orgs = eng->norgs;
    out->versions = eng->nbounds + 1;
    out->members = eng->nmembers;
    out->stints = eng->nst;
    out->events = eng->nev;
    out->bytes = eng->bytes;
    out->build_ms = eng->build_ms;
    out->from_file = eng->map != NULL;
}

/* ---- the process's engines ---------------------------------------------------------------- */

#define ENGINE_CACHE_MAX 4

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    char path[1024];
    dev_t dev;
    ino_t ino;
    struct engine *eng; /* holds one reference */
    uint64_t used;
} cache[ENGINE_CACHE_MAX];
static uint64_t cache_clock;

void engine_release(struct engine *eng)
{
    if (eng && atomic_fetch_sub(&eng->refs, 1) == 1)
        engine_free(eng);
}

/* The cached engine of (path, file) when its token is tok; a new reference or NULL. */
static struct engine *cache_find(const char *path, const struct stat *sb,
                                 const struct store_change_token *tok)
{
    struct engine *found = NULL;
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < ENGINE_CACHE_MAX; i++)
        if (cache[i].eng && !strcmp(cache[i].path, path) && cache[i].dev == sb->st_dev &&
            cache[i].ino == sb->st_ino && store_change_token_equal(&cache[i].eng->token, tok)) {
            found = cache[i].eng;
            atomic_fetch_add(&found->refs, 1);
            cache[i].used = ++cache_clock;
            break;
        }
    pthread_mutex_unlock(&cache_lock);
    return found;
}

static void cache_put(const char *path, const struct stat *sb, struct engine *eng)
{
    struct engine *old = NULL;
    pthread_mutex_lock(&cache_lock);
    int slot = -1;
    for (int i = 0; i < ENGINE_CACHE_MAX && slot < 0; i++)
        if (cache[i].eng && !strcmp(cache[i].path, path))
            slot = i;
    for (int i = 0; i < ENGINE_CACHE_MAX && slot < 0; i++)
        if (!cache[i].eng)
            slot = i;
    if (slot < 0) {
        slot = 0;
        for (int i = 1; i < ENGINE_CACHE_MAX; i++)
            if (cache[i].used < cache[slot].used)
                slot = i;
    }
    old = cache[slot].eng;
    snprintf(cache[slot].path, sizeof(cache[slot].path), "%s", path);
    cache[slot].dev = sb->st_dev;
    cache[slot].ino = sb->st_ino;
    atomic_fetch_add(&eng->refs, 1);
    cache[slot].eng = eng;
    cache[slot].used = ++cache_clock;
    pthread_mutex_unlock(&cache_lock);
    engine_release(old);
}

/* Drops eng from the process's cache (its file was found damaged). */
static void cache_drop(struct engine *eng)
{
    struct engine *old = NULL;
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < ENGINE_CACHE_MAX; i++)
        if (cache[i].eng == eng) {
            old = cache[i].eng;
            memset(&cache[i], 0, sizeof(cache[i]));
        }
    pthread_mutex_unlock(&cache_lock);
    engine_release(old);
}

/* A cached engine checked in the parts of uses, or NULL (dropped when damaged; a view when
   uses are more than a view holds). */
static struct engine *cache_find_checked(const char *path, const struct stat *sb,
                                         const struct store_change_token *tok, unsigned uses)
{
    struct engine *eng = cache_find(path, sb, tok);
    if (eng && eng->delta && (uses & ~ENGINE_USE_COUNTS)) {
        engine_release(eng);
        return NULL;
    }
    if (eng && !engine_file_verify(eng, uses)) {
        cache_drop(eng);
        engine_release(eng);
        eng = NULL;
    }
    return eng;
}

/* The cached engine of (path, file) whatever its token, its base when it is a view; a new
   reference or NULL. */
static struct engine *cache_base(const char *path, const struct stat *sb)
{
    struct engine *found = NULL;
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < ENGINE_CACHE_MAX; i++)
        if (cache[i].eng && !strcmp(cache[i].path, path) && cache[i].dev == sb->st_dev &&
            cache[i].ino == sb->st_ino) {
            found = cache[i].eng->base ? cache[i].eng->base : cache[i].eng;
            atomic_fetch_add(&found->refs, 1);
            break;
        }
    pthread_mutex_unlock(&cache_lock);
    return found;
}

enum tcxd_err engine_acquire(struct store *st, struct engine **out, struct tcxd_error *e)
{
    return engine_acquire_for(st, ENGINE_USE_ALL, out, e);
}

enum tcxd_err engine_acquire_for(struct store *st, unsigned uses, struct engine **out,
                                 struct tcxd_error *e)
{
    const char *path = store_path(st);
    struct stat sb;
    memset(&sb, 0, sizeof(sb));
    bool cacheable = path[0] && strcmp(path, ":memory:") && stat(path, &sb) == 0;
    struct store_change_token tok;
    enum tcxd_err rc;
    if (cacheable) {
        if ((rc = store_change_token(st, &tok, e)))
            return rc;
        if ((*out = cache_find_checked(path, &sb, &tok, uses)))
            return TCXD_OK;
    }
    /* one build at a time: threads asking meanwhile wait for it rather than build their own */
    pthread_mutex_lock(&build_lock);
    if (cacheable) {
        if ((rc = store_change_token(st, &tok, e))) {
            pthread_mutex_unlock(&build_lock);
            return rc;
        }
        if ((*out = cache_find_checked(path, &sb, &tok, uses))) {
            pthread_mutex_unlock(&build_lock);
            return TCXD_OK;
        }
    }
    /* the cache file next to the database, when it belongs to the database as it is now */
    struct engine *eng = NULL;
    char fpath[1100];
    bool use_file =
        cacheable && engine_file_enabled() && engine_file_path(path, fpath, sizeof(fpath));
    struct tcxd_error fe;
    if (use_file && engine_file_load(fpath, &tok, &eng, &fe) != TCXD_OK)
        eng = NULL;
    if (eng && !engine_file_verify(eng, uses)) { /* damaged: built and written afresh */
        engine_release(eng);
        eng = NULL;
    }
    /* after members' writes, for readers a view serves: the engine in memory (or the cache
       file, even a stale one) with the members changed since laid over it (engine_delta.h) */
    if (!eng && cacheable && !(uses & ~ENGINE_USE_COUNTS) && engine_delta_enabled()) {
        struct engine *base = cache_base(path, &sb);
        if (!base && use_file && engine_file_load(fpath, NULL, &base, &fe) != TCXD_OK)
            base = NULL;
        if (base && engine_file_verify(base, uses) &&
            engine_delta_make(st, base, &tok, &eng, &fe) == TCXD_OK) {
            cache_put(path, &sb, eng);
            engine_release(base);
            pthread_mutex_unlock(&build_lock);
            *out = eng;
            return TCXD_OK;
        }
        engine_release(base);
        eng = NULL;
    }
    bool built = !eng;
    if (built) {
        /* the build serves every request after this one: not this request's cost (issue 11:
           under the server's read limit a build slower than it never finished, each request
           starting it again and answering 503) */
        struct store_cost_pause pause;
        store_cost_pause(st, &pause);
        rc = engine_build(st, &eng, e);
        store_cost_resume(st, &pause);
    }
    if (!rc && cacheable)
        cache_put(path, &sb, eng);
    pthread_mutex_unlock(&build_lock);
    if (rc)
        return rc;
    /* written after the others may use the engine; a failure (a read-only directory) only
       means the next process builds again */
    if (built && use_file && engine_file_write(eng, fpath, &fe) != TCXD_OK)
        tcxd_error_clear(&fe);
    *out = eng;
    return TCXD_OK;
}

struct engine *engine_current(struct store *st)
{
    const char *path = store_path(st);
    struct stat sb;
    struct store_change_token tok;
    struct tcxd_error e;
    if (!engine_enabled() || !path[0] || !strcmp(path, ":memory:") || stat(path, &sb) != 0)
        return NULL;
    if (store_change_token(st, &tok, &e)) {
        tcxd_error_clear(&e);
        return NULL;
    }
    return cache_find(path, &sb, &tok);
}

bool engine_file_enabled(void)
{
    const char *v = getenv("TCXD_ENGINE_FILE");
    return !(v && !strcmp(v, "0"));
}

bool engine_file_path(const char *db_path, char *out, size_t n)
{
    return db_path[0] && strcmp(db_path, ":memory:") &&
           snprintf(out, n, "%s.engine", db_path) < (int)n;
}

bool engine_wanted(struct store *st)
{
    const char *v = getenv("TCXD_ENGINE");
    if (v && !strcmp(v, "0"))
        return false;
    if (v && !strcmp(v, "1"))
        return true;
    return engine_file_exists(st);
}

bool engine_file_exists(struct store *st)
{
    char fpath[1100];
    struct stat sb;
    return engine_file_enabled() && engine_file_path(store_path(st), fpath, sizeof(fpath)) &&
           stat(fpath, &sb) == 0;
}

void engine_forget(void)
{
    pthread_mutex_lock(&cache_lock);
    struct engine *old[ENGINE_CACHE_MAX];
    for (int i = 0; i < ENGINE_CACHE_MAX; i++) {
        old[i] = cache[i].eng;
        memset(&cache[i], 0, sizeof(cache[i]));
    }
    pthread_mutex_unlock(&cache_lock);
    for (int i = 0; i < ENGINE_CACHE_MAX; i++)
        engine_release(old[i]);
}

/* ---- the tree on a date ------------------------------------------------------------------- */

enum tcxd_err engine_subtree(const struct engine *eng, int64_t org_id, tcxd_date on,
                             struct engine_range *out, struct tcxd_error *e)
{
    uint32_t k = engine_version_index(eng, on);
    const struct engine_version *v = engine_version_get(eng, k);
    out->on = on;
    out->version = k;
    if (!org_id) {
        out->lo = 0;
        out->hi = (uint32_t)v->n;
        return TCXD_OK;
    }
    uint32_t slot = idmap_get(&eng->org_slot, org_id);
    uint32_t pos = slot == UINT32_MAX ? TREE_NONE : v->pos_of_slot[slot];
    if (pos == TREE_NONE) {
        char d[DATE_ISO_LEN];
        date_format_vn(on, d);
        return tcxd_fail(e, TCXD_ENOTFOUND, "org", "no organization #%lld on %s", (long long)org_id,
                         d);
    }
    out->lo = pos;
    out->hi = v->orgs[pos].end;
    return TCXD_OK;
}

static const struct engine_version *range_version(const struct engine *eng,
                                                  const struct engine_range *r)
{
    return engine_version_get(eng, r->version);
}

const struct engine_org *engine_org_at(const struct engine *eng, const struct engine_range *r,
                                       uint32_t pos)
{
    const struct engine_version *v = range_version(eng, r);
    return pos < v->n ? &v->orgs[pos] : NULL;
}

uint32_t engine_org_pos(const struct engine *eng, const struct engine_range *r, int64_t org_id)
{
    const struct engine_version *v = range_version(eng, r);
    uint32_t slot = idmap_get(&eng->org_slot, org_id);
    uint32_t pos = slot == UINT32_MAX ? TREE_NONE : v->pos_of_slot[slot];
    return pos != TREE_NONE && pos >= r->lo && pos < r->hi ? pos : TREE_NONE;
}

const struct org_tree *engine_version_tree(const struct engine *eng, const struct engine_range *r)
{
    return &range_version(eng, r)->tree;
}

/* ---- members on a date -------------------------------------------------------------------- */

size_t engine_attr_count(const struct engine *eng, enum engine_attr a)
{
    return (unsigned)a < ENGINE_ATTR__MAX ? eng->dict[a].n : 0;
}

const char *engine_attr_value(const struct engine *eng, enum engine_attr a, uint32_t code)
{
    if ((unsigned)a >= ENGINE_ATTR__MAX || code >= eng->dict[a].n)
        return "";
    return eng->dict[a].values[code];
}

int engine_attr_code(const struct engine *eng, enum engine_attr a, const char *value)
{
    if ((unsigned)a >= ENGINE_ATTR__MAX || !eng->dict[a].nslots || !value)
        return -1;
    uint32_t i = dict_slot(&eng->dict[a], value);
    return eng->dict[a].slots[i] ? (int)eng->dict[a].slots[i] - 1 : -1;
}

static bool active(uint8_t status)
{
    return status == MEMBER_PROBATIONARY || status == MEMBER_OFFICIAL;
}

void engine_members(const struct engine *eng, const struct engine_range *r, bool with_temporary,
                    void (*fn)(void *ctx, const struct engine_member *m), void *ctx)
{
    engine_need(eng, ENGINE_USE_COUNTS | ENGINE_USE_MEMBERS);
    const struct engine_version *v = range_version(eng, r);
    tcxd_date on = r->on;
    for (uint32_t pos = r->lo; pos < r->hi && pos < v->n; pos++) {
        const struct engine_org *o = &v->orgs[pos];
        if (!org_holds_members(o->tier, o->form))
            continue;
        uint32_t slot = v->slot_of_pos[pos];
        for (uint32_t i = eng->st_off[slot], end = engine_slot_end(eng, slot, on); i < end; i++) {
            if (eng->st_to[i] <= on)
                continue;
            const struct engine_stint *s = &eng->st[i];
            if (!active(s->status))
                continue;
            if (s->kind != STINT_REGISTERED && !with_temporary)
                continue;
            struct engine_member m;
            m.idx = eng->st_member[i];
            m.member_id = eng->m[m.idx].id;
            m.pos = pos;
            m.status = (enum member_status)s->status;
            m.temporary = s->kind != STINT_REGISTERED;
            const struct engine_prof *pf = engine_st_prof(eng, s);
            m.gender = (enum gender)pf->gender;
            m.theory = (enum theory_level)pf->theory;
            for (int a = 0; a < ENGINE_ATTR__MAX; a++)
                m.attr[a] = pf->attr[a];
            m.birth_date = engine_st_birth(eng, s);
            m.first_decision = engine_st_first_decision(eng, s);
            fn(ctx, &m);
        }
    }
}

int engine_party_age_years(const struct engine *eng, uint32_t idx, tcxd_date on)
{
    if (idx >= eng->nmembers)
        return 0;
    engine_need(eng, ENGINE_USE_MEMBERS);
    const struct engine_member_row *m = &eng->m[idx];
    return member_party_age_years_of(m->first_decision, m->died, &eng->gaps[eng->gap_off[idx]],
                                     eng->gap_off[idx + 1] - eng->gap_off[idx], on);
}

/* The registrations of a slot that hold day `on`, as indexes into the columns: a slot's
   registrations are sorted by their first day, so those that begin after `on` are cut off by
   a (branchless) binary search; among the rest, those that ended by `on` sit in no predictable
   order and are tested without a branch into sel[], ENGINE_SEL at a time (select_on). (Sorting
   by the end instead, the latest first, cuts the ended ones off but measured slower.) */
#define ENGINE_SEL 512
_Static_assert(ENGINE_SEL < 1024 && ENGINE_AGE_BANDS * 10 <= 64, "engine_breakdown packs counts");
uint32_t engine_slot_end(const struct engine *eng, uint32_t slot, tcxd_date on)
{
    uint32_t base = eng->st_off[slot], n = eng->st_off[slot + 1] - base;
    if (!n)
        return base;
    while (n > 1) {
        uint32_t half = n / 2;
        base = eng->st_from[base + half - 1] <= on ? base + half : base;
        n -= half;
    }
    return base + (eng->st_from[base] <= on);
}

static uint32_t select_on(const tcxd_date *to, uint32_t i, uint32_t end, tcxd_date on,
                          uint32_t *sel, uint32_t *next)
{
    uint32_t n = 0;
    uint32_t stop = end - i > ENGINE_SEL ? i + ENGINE_SEL : end;
    for (; i < stop; i++) {
        sel[n] = i;
        n += to[i] > on;
    }
    *next = i;
    return n;
}

void engine_node_counts(const struct engine *eng, const struct engine_range *r, int64_t *official,
                        int64_t *probationary)
{
    engine_need(eng, ENGINE_USE_COUNTS);
    const struct engine_version *v = range_version(eng, r);
    tcxd_date on = r->on;
    size_t n = r->hi > r->lo ? r->hi - r->lo : 0;
    memset(official, 0, n * sizeof(int64_t));
    memset(probationary, 0, n * sizeof(int64_t));
    uint32_t sel[ENGINE_SEL];
    for (uint32_t pos = r->lo; pos < r->hi && pos < v->n; pos++) {
        const struct engine_org *o = &v->orgs[pos];
        if (!org_holds_members(o->tier, o->form))
            continue;
        uint32_t slot = v->slot_of_pos[pos];
        int64_t a = 0, b = 0;
        for (uint32_t i = eng->st_off[slot], end = engine_slot_end(eng, slot, on); i < end;) {
            uint32_t k = select_on(eng->st_to, i, end, on, sel, &i);
            for (uint32_t j = 0; j < k; j++) {
                const struct engine_stint *s = &eng->st[sel[j]];
                unsigned reg = s->kind == STINT_REGISTERED;
                a += reg & (s->status == MEMBER_OFFICIAL);
                b += reg & (s->status == MEMBER_PROBATIONARY);
            }
        }
        official[pos - r->lo] = a;
        probationary[pos - r->lo] = b;
    }
    if (eng->delta)
        engine_delta_counts(eng, r, NULL, NULL, official, probationary, NULL);
}

/* The largest date x in [lo, hi] with f(x) >= k, f nonincreasing; lo - 1 when none. */
static tcxd_date last_at_least(int (*f)(tcxd_date, tcxd_date), tcxd_date on, int k, tcxd_date lo,
                               tcxd_date hi)
{
    if (f(lo, on) < k)
        return lo - 1;
    while (lo < hi) {
        tcxd_date mid = lo + (hi - lo + 1) / 2;
        if (f(mid, on) >= k)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static int age_of(tcxd_date birth, tcxd_date on)
{
    return date_age_years(birth, on);
}

static int party_age_plain(tcxd_date fd, tcxd_date on)
{
    return on <= fd ? 0 : date_age_years(fd, on);
}

/* The smallest whole number of years in band j or above (band nondecreasing in years). */
static int band_start(int (*band)(int), int j)
{
    for (int y = 0; y <= 300; y++)
        if (band(y) >= j)
            return y;
    return 301;
}

static int cut16(tcxd_date c)
{
    if (c < ENGINE_DAY0)
        return -1;
    int64_t d = (int64_t)c - ENGINE_DAY0;
    return d >= (int64_t)ENGINE_DAY_NONE - 1 ? (int)ENGINE_DAY_NONE - 1 : (int)d;
}

void engine_breakdown(const struct engine *eng, const struct engine_range *r,
                      int (*age_band)(int years), int (*party_age_band)(int years),
                      int64_t *official, int64_t *probationary, struct engine_breakdown *out)
{
    engine_need(eng, ENGINE_USE_COUNTS);
    memset(out, 0, sizeof(*out));
    for (int a = 0; a < ENGINE_ATTR__MAX; a++)
        out->attr[a] = xcalloc(eng->dict[a].n ? eng->dict[a].n : 1, sizeof(int64_t));
    const struct engine_version *v = range_version(eng, r);
    tcxd_date on = r->on;
    /* band edges as dates: a member is in age band >= j + 1 when born on or before
       age_cut[j]; with no gaps, in party-age band >= j + 1 when first admitted on or before
       pa_cut[j] */
    tcxd_date lo = on - 320 * 366, age_cut[ENGINE_AGE_BANDS - 1], pa_cut[ENGINE_AGE_BANDS - 1];
    for (int j = 0; j < ENGINE_AGE_BANDS - 1; j++) {
        age_cut[j] = last_at_least(age_of, on, band_start(age_band, j + 1), lo, on);
        pa_cut[j] = last_at_least(party_age_plain, on, band_start(party_age_band, j + 1), lo, on);
    }
    /* the same edges as 16-bit days (struct engine_stint): -1 when before ENGINE_DAY0 (no such
       day is on or before it), at most ENGINE_DAY_NONE - 1 (never "no decision") */
    int acut[ENGINE_AGE_BANDS - 1], pcut[ENGINE_AGE_BANDS - 1];
    for (int j = 0; j < ENGINE_AGE_BANDS - 1; j++) {
        acut[j] = cut16(age_cut[j]);
        pcut[j] = cut16(pa_cut[j]);
    }
    int64_t gender[GENDER__MAX] = {0}, status[MEMBER_STATUS__MAX] = {0};
    int64_t age[ENGINE_AGE_BANDS][GENDER__MAX], pa[ENGINE_AGE_BANDS], th[THEORY__MAX];
    memset(age, 0, sizeof(age));
    memset(pa, 0, sizeof(pa));
    memset(th, 0, sizeof(th));
    int64_t *eth = out->attr[0], *rel = out->attr[1], *edu = out->attr[2];
    /* each counted member is one increment of its (profile, age band) cell and one of its
       party-age band; the other breakdowns are sums of the cells afterwards. A range with fewer
       registrations than cells counts into the breakdowns directly instead. */
    size_t nreg = 0;
    for (uint32_t pos = r->lo; pos < r->hi && pos < v->n; pos++) {
        uint32_t slot = v->slot_of_pos[pos];
        nreg += eng->st_off[slot + 1] - eng->st_off[slot];
    }
    size_t ncells = eng->nprof * ENGINE_AGE_BANDS;
    uint32_t *cell = nreg > ncells ? xcalloc(ncells ? ncells : 1, sizeof(uint32_t)) : NULL;
    uint32_t sel[ENGINE_SEL];
    for (uint32_t pos = r->lo; pos < r->hi && pos < v->n; pos++) {
        const struct engine_org *o = &v->orgs[pos];
        if (!org_holds_members(o->tier, o->form))
            continue;
        uint32_t slot = v->slot_of_pos[pos];
        int64_t n_off = 0, n_prob = 0;
        for (uint32_t i = eng->st_off[slot], end = engine_slot_end(eng, slot, on); i < end;) {
            uint32_t k = select_on(eng->st_to, i, end, on, sel, &i);
            /* the exceptions (about 1 in 100) read their entry in gapm: fetched ahead */
            for (uint32_t j = 0; j < k; j++) {
                const struct engine_stint *s = &eng->st[sel[j]];
                if (s->exc)
                    __builtin_prefetch(&eng->gapm[s->prof]);
            }
            /* the party-age bands of the batch in 10-bit fields of one register (a batch has at
               most ENGINE_SEL < 1024 members): no chain of increments through memory */
            uint64_t pab = 0;
            for (uint32_t j = 0; j < k; j++) {
                const struct engine_stint *s = &eng->st[sel[j]];
                if (s->kind != STINT_REGISTERED || !active(s->status))
                    continue;
                n_off += s->status == MEMBER_OFFICIAL;
                n_prob += s->status == MEMBER_PROBATIONARY;
                int ab, pb;
                uint32_t prof;
                if (!s->exc) {
                    int bd = s->birth, fd = s->first_decision;
                    ab = (bd <= acut[0]) + (bd <= acut[1]) + (bd <= acut[2]) + (bd <= acut[3]) +
                         (bd <= acut[4]);
                    pb = (fd <= pcut[0]) + (fd <= pcut[1]) + (fd <= pcut[2]) + (fd <= pcut[3]) +
                         (fd <= pcut[4]);
                    prof = s->prof;
                } else {
                    const struct engine_gapm *gm = &eng->gapm[s->prof];
                    ab = (gm->birth <= age_cut[0]) + (gm->birth <= age_cut[1]) +
                         (gm->birth <= age_cut[2]) + (gm->birth <= age_cut[3]) +
                         (gm->birth <= age_cut[4]);
                    if (gm->hi > gm->lo)
                        pb = party_age_band(member_party_age_years_of(
                            gm->first_decision, gm->died, engine_gapm_gaps(eng->gaps, gm),
                            gm->hi - gm->lo, on));
                    else {
                        tcxd_date fd =
                            gm->first_decision == DATE_NONE ? INT32_MAX : gm->first_decision;
                        pb = (fd <= pa_cut[0]) + (fd <= pa_cut[1]) + (fd <= pa_cut[2]) +
                             (fd <= pa_cut[3]) + (fd <= pa_cut[4]);
                    }
                    prof = gm->prof;
                }
                pab += 1ull << (10 * pb);
                if (cell) {
                    cell[(size_t)prof * ENGINE_AGE_BANDS + (size_t)ab]++;
                    continue;
                }
                const struct engine_prof *p = &eng->prof[prof];
                gender[p->gender]++;
                age[ab][p->gender]++;
                th[p->theory]++;
                eth[p->attr[0]]++;
                rel[p->attr[1]]++;
                edu[p->attr[2]]++;
            }
            for (int x = 0; x < ENGINE_AGE_BANDS; x++)
                pa[x] += (int64_t)((pab >> (10 * x)) & 1023u);
        }
        status[MEMBER_OFFICIAL] += n_off;
        status[MEMBER_PROBATIONARY] += n_prob;
        if (official)
            official[pos - r->lo] = n_off;
        if (probationary)
            probationary[pos - r->lo] = n_prob;
    }
    if (cell) {
        for (size_t q = 0; q < eng->nprof; q++) {
            const struct engine_prof *p = &eng->prof[q];
            const uint32_t *c = cell + q * ENGINE_AGE_BANDS;
            int64_t n = 0;
            for (int ab = 0; ab < ENGINE_AGE_BANDS; ab++) {
                age[ab][p->gender] += c[ab];
                n += c[ab];
            }
            gender[p->gender] += n;
            th[p->theory] += n;
            eth[p->attr[0]] += n;
            rel[p->attr[1]] += n;
            edu[p->attr[2]] += n;
        }
        free(cell);
    }
    memcpy(out->gender, gender, sizeof(gender));
    memcpy(out->status, status, sizeof(status));
    memcpy(out->age, age, sizeof(age));
    memcpy(out->party_age, pa, sizeof(pa));
    memcpy(out->theory, th, sizeof(th));
    out->members = status[MEMBER_OFFICIAL] + status[MEMBER_PROBATIONARY];
    if (eng->delta)
        engine_delta_counts(eng, r, age_band, party_age_band, official, probationary, out);
}

void engine_breakdown_release(struct engine_breakdown *b)
{
    for (int a = 0; a < ENGINE_ATTR__MAX; a++)
        free(b->attr[a]);
    memset(b, 0, sizeof(*b));
}

/* ---- events over a period ----------------------------------------------------------------- */

int64_t engine_count_events(const struct engine *eng, int64_t org_id,
                            const struct engine_event_query *q)
{
    engine_need(eng, ENGINE_USE_EVENTS);
    size_t lo = 0, hi = eng->nev;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (eng->ev[mid].date < q->from)
            lo = mid + 1;
        else
            hi = mid;
    }
    uint32_t slot = org_id ? idmap_get(&eng->org_slot, org_id) : UINT32_MAX;
    if (org_id && slot == UINT32_MAX)
        return 0;
    int64_t n = 0;
    uint32_t k = UINT32_MAX;
    const struct engine_version *v = NULL;
    uint32_t rlo = 0, rhi = 0;
    for (size_t i = lo; i < eng->nev && eng->ev[i].date < q->to; i++) {
        const struct engine_event *x = &eng->ev[i];
        if (x->kind != q->kind || (q->form >= 0 && x->form != q->form))
            continue;
        uint32_t here = q->side == ENGINE_AT_TO ? x->to_slot : x->from_slot;
        uint32_t other = q->side == ENGINE_AT_TO ? x->from_slot : x->to_slot;
        if (here == TREE_NONE)
            continue;
        uint32_t vk = engine_version_index(eng, x->date);
        if (vk != k) {
            k = vk;
            v = engine_version_get(eng, k);
            if (org_id) {
                uint32_t p = v->pos_of_slot[slot];
                rlo = p;
                rhi = p == TREE_NONE ? 0 : v->orgs[p].end;
            } else {
                rlo = 0;
                rhi = (uint32_t)v->n;
            }
        }
        uint32_t hp = v->pos_of_slot[here];
        if (hp == TREE_NONE || hp < rlo || hp >= rhi)
            continue;
        if (q->crossing) {
            uint32_t op = other == TREE_NONE ? TREE_NONE : v->pos_of_slot[other];
            if (op != TREE_NONE && op >= rlo && op < rhi)
                continue;
        }
        n++;
    }
    return n;
}

/* ---- the due list ------------------------------------------------------------------------- */

static const struct engine *prob_ctx; /* qsort's context (under the engine's lock) */

static int cmp_prob(const void *a, const void *b)
{
    const struct engine_member_row *x = &prob_ctx->m[*(const uint32_t *)a],
                                   *y = &prob_ctx->m[*(const uint32_t *)b];
    return (x->id > y->id) - (x->id < y->id);
}

struct due_pair {
    tcxd_date ceremony;
    uint32_t k;
};

static int cmp_due_pair(const void *a, const void *b)
{
    const struct due_pair *x = a, *y = b;
    if (x->ceremony != y->ceremony)
        return x->ceremony < y->ceremony ? -1 : 1;
    return (x->k > y->k) - (x->k < y->k);
}

static void prob_make(const struct engine *ceng)
{
    struct engine *eng = (struct engine *)ceng; /* the index is behind the lock */
    if (atomic_load(&eng->prob_made))
        return;
    pthread_mutex_lock(&eng->lock);
    if (!atomic_load(&eng->prob_made)) {
        uint32_t *off = xcalloc(eng->norgs + 2, sizeof(uint32_t));
        size_t n = 0;
        for (size_t i = 0; i < eng->nmembers; i++) {
            const struct engine_member_row *m = &eng->m[i];
            uint32_t slot;
            if (m->status == MEMBER_PROBATIONARY &&
                (slot = idmap_get(&eng->org_slot, m->org_id)) != UINT32_MAX) {
                off[slot + 2]++;
                n++;
            }
        }
        for (size_t k = 0; k < eng->norgs; k++)
            off[k + 2] += off[k + 1];
        uint32_t *v = xmalloc((n ? n : 1) * sizeof(uint32_t));
        for (size_t i = 0; i < eng->nmembers; i++) {
            const struct engine_member_row *m = &eng->m[i];
            uint32_t slot;
            if (m->status == MEMBER_PROBATIONARY &&
                (slot = idmap_get(&eng->org_slot, m->org_id)) != UINT32_MAX)
                v[off[slot + 1]++] = (uint32_t)i;
        }
        /* off[slot] .. off[slot + 1] now; each chi bộ's members by id */
        prob_ctx = eng;
        for (size_t k = 0; k < eng->norgs; k++)
            if (off[k + 1] - off[k] > 1)
                qsort(v + off[k], off[k + 1] - off[k], sizeof(uint32_t), cmp_prob);
        prob_ctx = NULL;
        /* the due date and the deadline hang on the ceremony alone (30 working days: the
           holidays of each day looked up); what depends on today is left to each request */
        eng->prob_due = xmalloc((n ? n : 1) * sizeof(tcxd_date));
        eng->prob_deadline = xmalloc((n ? n : 1) * sizeof(tcxd_date));
        /* many members share a ceremony day: member_due_compute once for each distinct one */
        struct due_pair *byd = xmalloc((n ? n : 1) * sizeof(*byd));
        for (size_t k = 0; k < n; k++) {
            byd[k].ceremony = eng->m[v[k]].ceremony;
            byd[k].k = (uint32_t)k;
        }
        if (n > 1)
            qsort(byd, n, sizeof(*byd), cmp_due_pair);
        struct member_due d;
        for (size_t k = 0; k < n; k++) {
            if (!k || byd[k].ceremony != byd[k - 1].ceremony)
                member_due_compute(byd[k].ceremony, 0, &d);
            eng->prob_due[byd[k].k] = d.due;
            eng->prob_deadline[byd[k].k] = d.deadline;
        }
        free(byd);
        eng->prob = v;
        eng->prob_off = off;
        atomic_store(&eng->prob_made, true);
    }
    pthread_mutex_unlock(&eng->lock);
}

enum tcxd_err engine_member_due(struct store *st, const struct org_tree *tree, int64_t org_id,
                                tcxd_date today, int within_days,
                                void (*fn)(void *ctx, const struct member_row *r,
                                           const struct member_due *due, int party_age_years),
                                void *ctx, struct tcxd_error *e)
{
    uint32_t root = org_tree_find(tree, org_id);
    if (root == TREE_NONE)
        return tcxd_fail(e, TCXD_ENOTFOUND, "org", "no organization #%lld", (long long)org_id);
    struct engine *eng;
    enum tcxd_err rc = engine_acquire_for(st, ENGINE_USE_MEMBERS, &eng, e);
    if (rc)
        return rc;
    prob_make(eng);
    uint8_t *marks = engine_scope_marks(eng, st);
    for (uint32_t i = root; i != TREE_NONE; i = org_tree_next(tree, root, i)) {
        const struct org_node *nd = &tree->nodes[i];
        if (!org_holds_members(nd->tier, nd->form))
            continue;
        uint32_t slot = idmap_get(&eng->org_slot, nd->id);
        /* a chi bộ's probationary members are those whose current chi bộ it is: one scope
           check for them all */
        if (slot == UINT32_MAX || (marks && !marks[slot]))
            continue;
        for (uint32_t k = eng->prob_off[slot]; k < eng->prob_off[slot + 1]; k++) {
            const struct engine_member_row *m = &eng->m[eng->prob[k]];
            /* member_due_compute's figures from the engine's due date and deadline */
            struct member_due due;
            memset(&due, 0, sizeof(due));
            due.due = eng->prob_due[k];
            due.deadline = eng->prob_deadline[k];
            due.overdue = today > due.deadline;
            due.days_left = (int)((int64_t)due.due - today);
            if (!(due.overdue || due.days_left <= within_days))
                continue;
            due.working_days_late = today > due.due ? date_working_days_between(due.due, today) : 0;
            struct member_row r;
            memset(&r, 0, sizeof(r));
            r.id = m->id;
            snprintf(r.full_name, sizeof(r.full_name), "%s", ENGINE_BSTR(eng, m->name));
            r.gender = (enum gender)m->gender;
            r.birth_date = m->birth;
            r.org_id = m->org_id;
            r.status = MEMBER_PROBATIONARY;
            r.admission_decision_date = m->first_decision;
            fn(ctx, &r, &due, engine_party_age_years(eng, eng->prob[k], today));
        }
    }
    free(marks);
    engine_release(eng);
    return TCXD_OK;
}
