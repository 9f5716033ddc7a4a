/*
 * facts_engine.c - the forms' facts with the analytics engine (src/engine) for what it holds:
 * the list on a day (engine_members over the day's subtree range) and the organizations of a
 * day (the range's positions). What the engine does not hold is read once from the store: each
 * member's professional level and coded Phiếu fields, and the events that make exemption,
 * suspension and the latest ceremony. The
 * flows (changes of the list with their causes) and the organizations' changes come from the
 * store's replay (facts_store.c): the engine counts events but keeps neither the attributes of
 * each change nor the moves an organization's transfer makes. tests/report/test_forms.c fills
 * the forms both ways and requires every cell equal.
 */
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "report/facts.h"
#include "report/forms.h"
#include "store/store_facts.h"
#include "util/xmalloc.h"

struct fe_status_ev {
    tcxd_date date;
    uint8_t kind, form;
};

struct fe_member { /* by member id */
    int64_t id;
    uint32_t prof; /* index into profs */
    uint32_t first_ev, nev;
    struct store_member_codes codes;
};

struct fe {
    struct engine *eng;
    struct facts store; /* flows, organization changes */
    struct fe_member *m;
    size_t nm, m_cap;
    struct fe_status_ev *ev;
    size_t nev, ev_cap;
    char **profs;
    uint8_t *prof_level;
    size_t nprofs, profs_cap;
    uint8_t *school; /* [engine_attr_count(EDUCATION)] */
};

static const struct fe_member *fe_find(const struct fe *f, int64_t id)
{
    size_t lo = 0, hi = f->nm;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->m[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < f->nm && f->m[lo].id == id ? &f->m[lo] : NULL;
}

static void on_prof(void *ctx, int64_t id, const char *prof, const struct store_member_codes *codes)
{
    struct fe *f = ctx;
    if (!prof)
        prof = "";
    uint32_t k = 0;
    while (k < f->nprofs && strcmp(f->profs[k], prof))
        k++;
    if (k == f->nprofs) {
        ALLOC_GROW(f->profs, f->nprofs + 1, f->profs_cap);
        f->prof_level = xreallocarray(f->prof_level, f->profs_cap, 1);
        f->profs[f->nprofs] = xstrdup(prof);
        f->prof_level[f->nprofs] = (uint8_t)form_prof_level(prof);
        f->nprofs++;
    }
    ALLOC_GROW(f->m, f->nm + 1, f->m_cap);
    f->m[f->nm++] = (struct fe_member){id, k, 0, 0, *codes};
}

struct ev_ctx {
    struct fe *f;
    size_t at; /* member cursor (both walks are in member id order) */
};

static void on_status_ev(void *ctx, int64_t member_id, enum member_event_kind kind, tcxd_date date,
                         int form)
{
    struct ev_ctx *c = ctx;
    struct fe *f = c->f;
    while (c->at < f->nm && f->m[c->at].id < member_id)
        c->at++;
    if (c->at >= f->nm || f->m[c->at].id != member_id)
        return;
    struct fe_member *m = &f->m[c->at];
    if (!m->nev)
        m->first_ev = (uint32_t)f->nev;
    ALLOC_GROW(f->ev, f->nev + 1, f->ev_cap);
    f->ev[f->nev++] = (struct fe_status_ev){date, (uint8_t)kind, (uint8_t)form};
    m->nev++;
}

static void status_on(const struct fe *f, const struct fe_member *m, tcxd_date day, bool *exempt,
                      bool *suspended, tcxd_date *ceremony)
{
    *exempt = *suspended = false;
    *ceremony = DATE_NONE;
    if (!m)
        return;
    for (uint32_t i = 0; i < m->nev; i++) {
        const struct fe_status_ev *ev = &f->ev[m->first_ev + i];
        if (ev->date > day)
            break;
        if (ev->kind == MEV_EXEMPT)
            *exempt = ev->form == 0;
        else if (ev->kind == MEV_SUSPEND)
            *suspended = ev->form == 0;
        else if (ev->kind == MEV_ADMIT) {
            *exempt = *suspended = false;
            *ceremony = ev->date;
        } else if (ev->kind == MEV_EXIT)
            *exempt = *suspended = false;
    }
}

struct members_ctx {
    const struct fe *f;
    const struct engine_range *r;
    void (*fn)(void *ctx, const struct facts_member *m);
    void *ctx;
};

static uint32_t base_pos(const struct engine *eng, const struct engine_range *r, uint32_t pos)
{
    /* the base organization may sit above the range's root: the version's whole tree */
    const struct org_tree *t = engine_version_tree(eng, r);
    for (uint32_t p = pos; p != TREE_NONE; p = t->nodes[p].parent)
        if (t->nodes[p].tier == ORG_TIER_BASE)
            return p;
    return TREE_NONE;
}

static void on_engine_member(void *ctx, const struct engine_member *em)
{
    struct members_ctx *c = ctx;
    const struct fe *f = c->f;
    const struct engine *eng = f->eng;
    if (em->temporary)
        return;
    const struct org_tree *t = engine_version_tree(eng, c->r);
    struct facts_member m;
    memset(&m, 0, sizeof(m));
    m.id = em->member_id;
    m.org_id = t->nodes[em->pos].id;
    uint32_t b = base_pos(eng, c->r, em->pos);
    m.base_id = b == TREE_NONE ? 0 : t->nodes[b].id;
    m.status = em->status;
    m.gender = em->gender;
    m.birth_date = em->birth_date;
    if (m.birth_date != DATE_NONE)
        m.birth_ymd = date_to_ymd(m.birth_date);
    m.first_decision = em->first_decision;
    m.party_days = -1;
    m.party_years = engine_party_age_years(eng, em->idx, c->r->on);
    m.theory = em->theory;
    m.ethnicity = engine_attr_value(eng, ENGINE_ATTR_ETHNICITY, em->attr[ENGINE_ATTR_ETHNICITY]);
    m.religion = engine_attr_value(eng, ENGINE_ATTR_RELIGION, em->attr[ENGINE_ATTR_RELIGION]);
    m.education = engine_attr_value(eng, ENGINE_ATTR_EDUCATION, em->attr[ENGINE_ATTR_EDUCATION]);
    const struct fe_member *side = fe_find(f, em->member_id);
    m.professional_level = side ? f->profs[side->prof] : "";
    static const struct store_member_codes none;
    facts_member_codes(&m, side ? &side->codes : &none, f->school[em->attr[ENGINE_ATTR_EDUCATION]],
                       side ? f->prof_level[side->prof] : PROF_UNKNOWN);
    status_on(f, side, c->r->on, &m.exempt, &m.suspended, &m.ceremony);
    c->fn(c->ctx, &m);
}

static enum tcxd_err fe_members_on(void *impl, int64_t root, tcxd_date day,
                                   void (*fn)(void *ctx, const struct facts_member *m), void *ctx,
                                   struct tcxd_error *e)
{
    struct fe *f = impl;
    struct engine_range r;
    enum tcxd_err err = engine_subtree(f->eng, root, day, &r, e);
    if (err == TCXD_ENOTFOUND)
        return TCXD_OK; /* the subtree did not exist that day: nobody in its list */
    if (err != TCXD_OK)
        return err;
    struct members_ctx c = {f, &r, fn, ctx};
    engine_members(f->eng, &r, false, on_engine_member, &c);
    return TCXD_OK;
}

static enum tcxd_err fe_orgs_on(void *impl, int64_t root, tcxd_date day,
                                void (*fn)(void *ctx, const struct facts_org *o), void *ctx,
                                struct tcxd_error *e)
{
    struct fe *f = impl;
    struct engine_range r;
    enum tcxd_err err = engine_subtree(f->eng, root, day, &r, e);
    if (err == TCXD_ENOTFOUND)
        return TCXD_OK;
    if (err != TCXD_OK)
        return err;
    const struct org_tree *t = engine_version_tree(f->eng, &r);
    for (uint32_t pos = r.lo; pos < r.hi; pos++) {
        const struct org_node *n = &t->nodes[pos];
        struct facts_org o;
        o.id = n->id;
        o.parent_id = n->parent_id;
        o.tier = n->tier;
        o.form = n->form;
        o.base_type = n->base_type;
        uint32_t b = base_pos(f->eng, &r, pos);
        o.base_id = b == TREE_NONE ? 0 : t->nodes[b].id;
        o.base_org_type = b == TREE_NONE ? ORG_BASE_NONE : t->nodes[b].base_type;
        o.created_on = DATE_NONE;
        o.code = n->code;
        o.name = n->name;
        /* the creation day is not in the tree node: the store's history has it */
        struct org_info info;
        if (store_org_get(f->store.st, n->id, day, &info, NULL) == TCXD_OK)
            o.created_on = info.created_on;
        fn(ctx, &o);
    }
    return TCXD_OK;
}

static enum tcxd_err fe_flows(void *impl, int64_t root, tcxd_date from, tcxd_date to,
                              void (*fn)(void *ctx, const struct facts_flow *f), void *ctx,
                              struct tcxd_error *e)
{
    struct fe *f = impl;
    return f->store.ops->flows(f->store.impl, root, from, to, fn, ctx, e);
}

static enum tcxd_err fe_admissions(void *impl, int64_t root, tcxd_date from, tcxd_date to,
                                   void (*fn)(void *ctx, int64_t base_id), void *ctx,
                                   struct tcxd_error *e)
{
    struct fe *f = impl;
    return f->store.ops->admissions(f->store.impl, root, from, to, fn, ctx, e);
}

static enum tcxd_err fe_org_changes(void *impl, int64_t root, tcxd_date from, tcxd_date to,
                                    void (*fn)(void *ctx, const struct facts_org_change *c),
                                    void *ctx, struct tcxd_error *e)
{
    struct fe *f = impl;
    return f->store.ops->org_changes(f->store.impl, root, from, to, fn, ctx, e);
}

static void fe_close(void *impl)
{
    struct fe *f = impl;
    if (!f)
        return;
    facts_close(&f->store);
    if (f->eng)
        engine_release(f->eng);
    for (size_t i = 0; i < f->nprofs; i++)
        free(f->profs[i]);
    free(f->profs);
    free(f->prof_level);
    free(f->m);
    free(f->ev);
    free(f->school);
    free(f);
}

static const struct facts_ops engine_ops = {
    .name = "engine",
    .members_on = fe_members_on,
    .flows = fe_flows,
    .admissions = fe_admissions,
    .orgs_on = fe_orgs_on,
    .org_changes = fe_org_changes,
    .close = fe_close,
};

enum tcxd_err facts_engine_open(struct store *st, int64_t root, tcxd_date from, tcxd_date to,
                                struct facts *out, struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    struct fe *f = xcalloc(1, sizeof(*f));
    enum tcxd_err err = engine_acquire_for(st, ENGINE_USE_COUNTS | ENGINE_USE_MEMBERS, &f->eng, e);
    if (err == TCXD_OK)
        err = facts_store_open(st, root, from, to, &f->store, e);
    if (err == TCXD_OK)
        err = store_read_begin(st, e);
    if (err == TCXD_OK) {
        err = store_member_prof_levels(st, on_prof, f, e);
        struct ev_ctx c = {f, 0};
        if (err == TCXD_OK)
            err = store_member_status_events(st, on_status_ev, &c, e);
        store_read_end(st);
    }
    if (err == TCXD_OK) {
        size_t n = engine_attr_count(f->eng, ENGINE_ATTR_EDUCATION);
        f->school = xcalloc(n ? n : 1, 1);
        for (size_t i = 0; i < n; i++)
            f->school[i] = (uint8_t)form_school_level(
                engine_attr_value(f->eng, ENGINE_ATTR_EDUCATION, (uint32_t)i));
    }
    if (err != TCXD_OK) {
        fe_close(f);
        return err;
    }
    out->ops = &engine_ops;
    out->impl = f;
    out->st = st;
    return TCXD_OK;
}
