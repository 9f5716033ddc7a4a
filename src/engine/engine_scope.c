/*
 * engine_scope.c - an account's scope by the engine's tables: the organizations that
 * store_scope_org_today accepts, for every organization at once (engine.h).
 *
 * The store's set (STMT_SCOPE_TODAY_SET) is the scope root and, recursively, the organizations
 * with a version under a member of the set that holds today (alive ones) or holds their last
 * day (ended ones). The same rule here on the engine's versions: each organization's parents
 * by those versions, then marks spread from the root until nothing changes (the depth of the
 * tree in passes over the organizations; well under a millisecond for a city). One request
 * asks it once instead of one recursive query per request and a lookup per member.
 */
#include <stdlib.h>

#include "engine/engine_internal.h"
#include "util/xmalloc.h"

static bool version_holds(const struct engine_org_row *o, const struct org_version_raw *v,
                          tcxd_date today)
{
    if (o->ended_on > today)
        return v->from <= today && v->to > today;
    return v->from < o->ended_on && v->to >= o->ended_on;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

uint8_t *engine_scope_marks(const struct engine *eng, struct store *st)
{
    if (!store_scoped(st))
        return NULL;
    uint8_t *marks = xcalloc(eng->norgs + 1, 1);
    int64_t root = store_scope_root(st);
    uint32_t rs = root > 0 ? idmap_get(&eng->org_slot, root) : UINT32_MAX;
    if (rs == UINT32_MAX) /* the store's set is then the root alone */
        return marks;
    tcxd_date today = date_today();
    /* each organization's parents by the versions that count today (usually one) */
    uint32_t *poff = xmalloc((eng->norgs + 1) * sizeof(uint32_t));
    uint32_t *par = xmalloc((eng->nvers ? eng->nvers : 1) * sizeof(uint32_t));
    size_t np = 0;
    for (size_t s = 0; s < eng->norgs; s++) {
        poff[s] = (uint32_t)np;
        for (uint32_t j = eng->ver_off[s]; j < eng->ver_off[s + 1]; j++) {
            const struct org_version_raw *v = &eng->vers[j];
            if (!v->parent_id || !version_holds(&eng->orgs[s], v, today))
                continue;
            uint32_t p = idmap_get(&eng->org_slot, v->parent_id);
            if (p != UINT32_MAX)
                par[np++] = p;
        }
    }
    poff[eng->norgs] = (uint32_t)np;
    marks[rs] = 1;
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t s = 0; s < eng->norgs; s++) {
            if (marks[s])
                continue;
            for (uint32_t k = poff[s]; k < poff[s + 1]; k++)
                if (marks[par[k]]) {
                    marks[s] = 1;
                    changed = true;
                    break;
                }
        }
    }
    free(par);
    free(poff);
    /* the store's checks of this request use the same set */
    int64_t *ids = xmalloc((eng->norgs + 1) * sizeof(int64_t));
    size_t n = 0;
    for (size_t s = 0; s < eng->norgs; s++)
        if (marks[s])
            ids[n++] = eng->orgs[s].id;
    qsort(ids, n, sizeof(*ids), cmp_id);
    store_scope_today_seed(st, ids, n);
    free(ids);
    return marks;
}

bool engine_scope_marked(const struct engine *eng, const uint8_t *marks, int64_t org_id)
{
    if (!marks)
        return true;
    if (org_id <= 0)
        return false;
    uint32_t s = idmap_get(&eng->org_slot, org_id);
    return s != UINT32_MAX && marks[s];
}

void engine_scope_seed(struct store *st)
{
    if (!store_scoped(st))
        return;
    struct engine *eng = engine_current(st);
    if (!eng)
        return;
    free(engine_scope_marks(eng, st));
    engine_release(eng);
}
