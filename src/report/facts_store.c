/*
 * facts_store.c - the forms' facts from the store: the organizations' whole history in memory,
 * and the replayed events (member_replay) of the members who were ever in the subtree in the
 * window. See facts.h for what is counted.
 */
#include <stdlib.h>
#include <string.h>

#include "report/facts.h"
#include "report/forms.h"
#include "store/store_facts.h"
#include "util/xmalloc.h"

static const char *const flow_names[FLOW__MAX] = {
    "admit",         "readmit",  "restore", "in_province",  "in_other",     "death",
    "expel",         "strike",   "resign",  "out_province", "out_other",    "temporary_in",
    "temporary_out", "official", "badge",   "card",         "commendation",
};

const char *facts_flow_kind_name(enum facts_flow_kind k)
{
    return (unsigned)k < FLOW__MAX ? flow_names[k] : "?";
}

bool facts_flow_is_in(enum facts_flow_kind k)
{
    return k <= FLOW_IN_OTHER;
}

bool facts_flow_is_out(enum facts_flow_kind k)
{
    return k >= FLOW_DEATH && k <= FLOW_OUT_OTHER;
}

void facts_close(struct facts *f)
{
    if (f && f->ops && f->ops->close)
        f->ops->close(f->impl);
    if (f) {
        f->ops = NULL;
        f->impl = NULL;
    }
}

/* ---- organizations' history ------------------------------------------------------------- */

struct sf_version {
    tcxd_date from, to;
    int64_t parent_id;
    enum org_tier tier;
    enum org_form form;
    enum org_base_type base_type;
};

struct sf_org {
    int64_t id;
    tcxd_date created_on, ended_on;
    char *code, *name;
    struct sf_version *v;
    size_t nv, cap;
    tcxd_date *changes; /* days in the window when its chain to the top changed (memo) */
    size_t nchanges;
    bool changes_done;
    bool relevant; /* in the subtree at some time in the window */
};

/* Interned strings: member fields take few distinct values. Each carries the forms' levels
   of it (education, professional level), worked out once. */
struct sf_str {
    uint8_t school, prof;
    char s[];
};
struct sf_intern {
    struct sf_str **slot;
    size_t cap, n;
};

struct sf_stint {
    int64_t org_id;
    tcxd_date from, to;
    enum member_status status;
};

struct sf_member {
    int64_t id;
    enum gender gender;
    enum theory_level theory;
    tcxd_date birth_date;
    const struct sf_str *ethnicity, *religion, *education, *professional_level;
    struct store_member_codes codes;
    struct sf_stint *st; /* registered stints, by from */
    size_t nst;
    struct member_event *ev; /* by (date, seq) */
    uint8_t *scope;          /* each event's enum transfer_scope */
    size_t nev;
};

struct sf {
    struct store *st; /* organization events are read when asked */
    int64_t root;
    tcxd_date from, to;
    struct sf_org *orgs; /* by id */
    size_t norgs, orgs_cap;
    struct sf_member *m;
    size_t nm, m_cap;
    struct sf_intern strings;
};

static struct sf_org *org_find(const struct sf *sf, int64_t id)
{
    size_t lo = 0, hi = sf->norgs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sf->orgs[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < sf->norgs && sf->orgs[lo].id == id ? &sf->orgs[lo] : NULL;
}

static bool org_alive(const struct sf_org *o, tcxd_date day)
{
    return o->created_on <= day && day < o->ended_on;
}

/* The version holding a day, NULL when the organization did not exist then. */
static const struct sf_version *org_version_on(const struct sf_org *o, tcxd_date day)
{
    if (!org_alive(o, day))
        return NULL;
    for (size_t i = 0; i < o->nv; i++)
        if (o->v[i].from <= day && day < o->v[i].to)
            return &o->v[i];
    return NULL;
}

/* Parent on a day; 0 for a root or when the organization did not exist. */
static int64_t org_parent_on(const struct sf_org *o, tcxd_date day, bool *alive)
{
    const struct sf_version *v = org_version_on(o, day);
    *alive = v != NULL;
    return v ? v->parent_id : 0;
}

static bool in_subtree(const struct sf *sf, int64_t root, int64_t org, tcxd_date day)
{
    for (int depth = 0; org && depth < 64; depth++) {
        const struct sf_org *o = org_find(sf, org);
        if (!o)
            return false;
        bool alive;
        int64_t parent = org_parent_on(o, day, &alive);
        if (!alive)
            return false;
        if (org == root || root == 0)
            return true;
        org = parent;
    }
    return false;
}

/* The base organization above (or at) org on a day and its version then, NULL if none. */
static const struct sf_org *base_of(const struct sf *sf, int64_t org, tcxd_date day,
                                    const struct sf_version **bv)
{
    for (int depth = 0; org && depth < 64; depth++) {
        const struct sf_org *o = org_find(sf, org);
        if (!o)
            return NULL;
        const struct sf_version *v = org_version_on(o, day);
        if (!v)
            return NULL;
        if (v->tier == ORG_TIER_BASE) {
            if (bv)
                *bv = v;
            return o;
        }
        org = v->parent_id;
    }
    return NULL;
}

/* The province-level organization above (or at) org on a day; 0 if it did not exist. */
static int64_t province_of(const struct sf *sf, int64_t org, tcxd_date day)
{
    int64_t chain[64];
    int n = 0;
    while (org && n < 64) {
        const struct sf_org *o = org_find(sf, org);
        if (!o)
            break;
        bool alive;
        int64_t parent = org_parent_on(o, day, &alive);
        if (!alive)
            break;
        chain[n++] = org;
        org = parent;
    }
    if (n == 0)
        return 0;
    const struct sf_org *top = org_find(sf, chain[n - 1]);
    if (top && !strcmp(top->code, FACTS_NATIONAL_ROOT_CODE) && n >= 2)
        return chain[n - 2];
    return chain[n - 1];
}

/* Was org in the subtree on some day of [a, b]? */
static bool ever_in(const struct sf *sf, int64_t org, tcxd_date a, tcxd_date b, int depth)
{
    const struct sf_org *o = org_find(sf, org);
    if (!o || depth > 64)
        return false;
    if (o->created_on > a)
        a = o->created_on;
    if (o->ended_on - 1 < b)
        b = o->ended_on - 1;
    if (a > b)
        return false;
    if (org == sf->root || sf->root == 0)
        return true;
    for (size_t i = 0; i < o->nv; i++) {
        tcxd_date va = o->v[i].from > a ? o->v[i].from : a;
        tcxd_date vb = o->v[i].to - 1 < b ? o->v[i].to - 1 : b;
        if (va <= vb && o->v[i].parent_id && ever_in(sf, o->v[i].parent_id, va, vb, depth + 1))
            return true;
    }
    return false;
}

static void add_day(tcxd_date **v, size_t *n, size_t *cap, tcxd_date d)
{
    ALLOC_GROW(*v, *n + 1, *cap);
    (*v)[(*n)++] = d;
}

static int cmp_date(const void *a, const void *b)
{
    tcxd_date x = *(const tcxd_date *)a, y = *(const tcxd_date *)b;
    return (x > y) - (x < y);
}

static size_t uniq_days(tcxd_date *v, size_t n)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof(*v), cmp_date);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}

/* Days in the window on which org's chain of parents changed (its own or an ancestor's). */
static void org_changes(struct sf *sf, struct sf_org *o, int depth)
{
    if (o->changes_done || depth > 64)
        return;
    o->changes_done = true;
    tcxd_date *v = NULL;
    size_t n = 0, cap = 0;
#define IN_WINDOW(d) ((d) > sf->from && (d) <= sf->to)
    if (IN_WINDOW(o->created_on))
        add_day(&v, &n, &cap, o->created_on);
    if (IN_WINDOW(o->ended_on))
        add_day(&v, &n, &cap, o->ended_on);
    for (size_t i = 0; i < o->nv; i++) {
        if (IN_WINDOW(o->v[i].from))
            add_day(&v, &n, &cap, o->v[i].from);
        if (IN_WINDOW(o->v[i].to))
            add_day(&v, &n, &cap, o->v[i].to);
        if (o->v[i].to <= sf->from || o->v[i].from > sf->to || !o->v[i].parent_id)
            continue;
        struct sf_org *p = org_find(sf, o->v[i].parent_id);
        if (!p)
            continue;
        org_changes(sf, p, depth + 1);
        for (size_t j = 0; j < p->nchanges; j++)
            if (p->changes[j] >= o->v[i].from && p->changes[j] < o->v[i].to)
                add_day(&v, &n, &cap, p->changes[j]);
    }
#undef IN_WINDOW
    o->nchanges = uniq_days(v, n);
    o->changes = v;
}

static void on_version(void *ctx, const struct store_org_version *v)
{
    struct sf *sf = ctx;
    struct sf_org *o = sf->norgs ? &sf->orgs[sf->norgs - 1] : NULL;
    if (!o || o->id != v->org_id) {
        ALLOC_GROW(sf->orgs, sf->norgs + 1, sf->orgs_cap);
        o = &sf->orgs[sf->norgs++];
        memset(o, 0, sizeof(*o));
        o->id = v->org_id;
        o->created_on = v->created_on;
        o->ended_on = v->ended_on;
        o->code = xstrdup(v->code ? v->code : "");
        o->name = xstrdup(v->name ? v->name : "");
    } else {
        free(o->name); /* the latest name */
        o->name = xstrdup(v->name ? v->name : "");
    }
    ALLOC_GROW(o->v, o->nv + 1, o->cap);
    o->v[o->nv++] =
        (struct sf_version){v->from, v->to, v->parent_id, v->tier, v->form, v->base_type};
}

/* ---- members ------------------------------------------------------------------------------ */

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static const struct sf_str *intern(struct sf_intern *t, const char *s)
{
    if (!s)
        s = "";
    if ((t->n + 1) * 2 > t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 64;
        struct sf_str **ns = xcalloc(ncap, sizeof(*ns));
        for (size_t i = 0; i < t->cap; i++)
            if (t->slot[i]) {
                size_t j = str_hash(t->slot[i]->s) & (ncap - 1);
                while (ns[j])
                    j = (j + 1) & (ncap - 1);
                ns[j] = t->slot[i];
            }
        free(t->slot);
        t->slot = ns;
        t->cap = ncap;
    }
    size_t j = str_hash(s) & (t->cap - 1);
    while (t->slot[j]) {
        if (!strcmp(t->slot[j]->s, s))
            return t->slot[j];
        j = (j + 1) & (t->cap - 1);
    }
    size_t n = strlen(s);
    struct sf_str *v = xmalloc(sizeof(*v) + n + 1);
    memcpy(v->s, s, n + 1);
    v->school = (uint8_t)form_school_level(s);
    v->prof = (uint8_t)form_prof_level(s);
    t->slot[j] = v;
    t->n++;
    return v;
}

static enum tcxd_err on_member(void *ctx, struct store_member_history *h, struct tcxd_error *e)
{
    struct sf *sf = ctx;
    struct member_derived d;
    member_derived_init(&d);
    /* the events as read, (date, id): the order member_replay sorts them into, so that the
       scopes read alongside stay with their events */
    struct member_event *evs = h->nev ? xmalloc(h->nev * sizeof(*evs)) : NULL;
    uint8_t *scope = h->nev ? xmalloc(h->nev) : NULL;
    if (h->nev) {
        memcpy(evs, h->ev, h->nev * sizeof(*evs));
        memcpy(scope, h->scope, h->nev);
    }
    enum tcxd_err err = member_replay(h->ev, h->nev, &d, e);
    if (err != TCXD_OK) {
        member_derived_release(&d);
        free(evs);
        free(scope);
        return err;
    }
    ALLOC_GROW(sf->m, sf->nm + 1, sf->m_cap);
    struct sf_member *m = &sf->m[sf->nm++];
    memset(m, 0, sizeof(*m));
    m->id = h->id;
    m->gender = h->gender;
    m->theory = h->theory;
    m->birth_date = h->birth_date;
    m->ethnicity = intern(&sf->strings, h->ethnicity);
    m->religion = intern(&sf->strings, h->religion);
    m->education = intern(&sf->strings, h->education);
    m->professional_level = intern(&sf->strings, h->professional_level);
    m->codes = h->codes;
    size_t k = 0;
    for (size_t i = 0; i < d.nstints; i++)
        k += d.stints[i].kind == STINT_REGISTERED;
    m->st = k ? xmalloc(k * sizeof(*m->st)) : NULL;
    for (size_t i = 0; i < d.nstints; i++)
        if (d.stints[i].kind == STINT_REGISTERED)
            m->st[m->nst++] = (struct sf_stint){d.stints[i].org_id, d.stints[i].from,
                                                d.stints[i].to, d.stints[i].status};
    m->nev = h->nev;
    m->ev = evs;
    m->scope = scope;
    member_derived_release(&d);
    return TCXD_OK;
}

static const struct sf_stint *stint_on(const struct sf_member *m, tcxd_date day)
{
    for (size_t i = 0; i < m->nst; i++)
        if (m->st[i].from <= day && day < m->st[i].to)
            return &m->st[i];
    return NULL;
}

static bool exempt_on(const struct sf_member *m, tcxd_date day)
{
    bool ex = false;
    for (size_t i = 0; i < m->nev && m->ev[i].date <= day; i++) {
        const struct member_event *ev = &m->ev[i];
        if (ev->kind == MEV_EXEMPT)
            ex = ev->form == 0;
        else if (ev->kind == MEV_ADMIT || ev->kind == MEV_EXIT)
            ex = false;
    }
    return ex;
}

static bool suspended_on(const struct sf_member *m, tcxd_date day)
{
    bool su = false;
    for (size_t i = 0; i < m->nev && m->ev[i].date <= day; i++) {
        const struct member_event *ev = &m->ev[i];
        if (ev->kind == MEV_SUSPEND)
            su = ev->form == 0;
        else if (ev->kind == MEV_ADMIT || ev->kind == MEV_EXIT)
            su = false;
    }
    return su;
}

void facts_member_codes(struct facts_member *out, const struct store_member_codes *c,
                        uint8_t school_text, uint8_t prof_text)
{
    out->school = (uint8_t)form_school_of(c->general_education, (enum form_school)school_text);
    out->prof = (uint8_t)form_prof_of(c->professional_degree, (enum form_prof)prof_text);
    out->occupation = c->occupation;
    out->occupation_before = c->occupation_before;
    out->work_status = c->work_status;
    out->academic_title = c->academic_title;
    out->youth_union = c->youth_union;
    out->business_owner = c->business_owner;
    out->foreign_marriage = c->foreign_marriage;
}

static void fill_member(const struct sf *sf, const struct sf_member *m, const struct sf_stint *s,
                        tcxd_date day, struct facts_member *out)
{
    out->id = m->id;
    out->org_id = s->org_id;
    const struct sf_org *b = base_of(sf, s->org_id, day, NULL);
    out->base_id = b ? b->id : 0;
    out->status = s->status;
    out->gender = m->gender;
    out->birth_date = m->birth_date;
    out->first_decision = DATE_NONE;
    out->ceremony = DATE_NONE;
    for (size_t i = 0; i < m->nev && m->ev[i].date <= day; i++)
        if (m->ev[i].kind == MEV_ADMIT) {
            if (out->first_decision == DATE_NONE)
                out->first_decision = m->ev[i].decision_date;
            out->ceremony = m->ev[i].date;
        }
    out->theory = m->theory;
    out->exempt = exempt_on(m, day);
    out->ethnicity = m->ethnicity->s;
    out->religion = m->religion->s;
    out->education = m->education->s;
    out->professional_level = m->professional_level->s;
    out->suspended = suspended_on(m, day);
    facts_member_codes(out, &m->codes, m->education->school, m->professional_level->prof);
}

/* In the list on a day: registered in a chi bộ of the subtree. */
static const struct sf_stint *listed_on(const struct sf *sf, int64_t root,
                                        const struct sf_member *m, tcxd_date day)
{
    const struct sf_stint *s = stint_on(m, day);
    if (!s || !member_status_active(s->status))
        return NULL;
    return in_subtree(sf, root, s->org_id, day) ? s : NULL;
}

/* The loaded root, or an organization inside its subtree over the whole window (then every
   member ever in its subtree in the window was loaded). */
static enum tcxd_err check_root(struct sf *sf, int64_t root, struct tcxd_error *e)
{
    if (root == sf->root)
        return TCXD_OK;
    struct sf_org *o = org_find(sf, root);
    if (o && in_subtree(sf, sf->root, root, sf->from) && in_subtree(sf, sf->root, root, sf->to)) {
        org_changes(sf, o, 0);
        if (o->nchanges == 0)
            return TCXD_OK;
    }
    return tcxd_fail(e, TCXD_EINVAL, "org",
                     "facts for #%lld were not loaded (not inside the loaded subtree throughout)",
                     (long long)root);
}

static enum tcxd_err check_day(const struct sf *sf, tcxd_date day, struct tcxd_error *e)
{
    if (day < sf->from || day > sf->to) {
        char a[DATE_ISO_LEN], b[DATE_ISO_LEN], c[DATE_ISO_LEN];
        date_format_vn(day, a);
        date_format_vn(sf->from, b);
        date_format_vn(sf->to, c);
        return tcxd_fail(e, TCXD_EINVAL, "date", "facts asked for %s, outside the loaded %s - %s",
                         a, b, c);
    }
    return TCXD_OK;
}

static enum tcxd_err sf_members_on(void *impl, int64_t root, tcxd_date day,
                                   void (*fn)(void *ctx, const struct facts_member *m), void *ctx,
                                   struct tcxd_error *e)
{
    struct sf *sf = impl;
    enum tcxd_err err = check_root(sf, root, e);
    if (err == TCXD_OK)
        err = check_day(sf, day, e);
    if (err != TCXD_OK)
        return err;
    for (size_t i = 0; i < sf->nm; i++) {
        const struct sf_stint *s = listed_on(sf, root, &sf->m[i], day);
        if (!s)
            continue;
        struct facts_member fm;
        fill_member(sf, &sf->m[i], s, day, &fm);
        fn(ctx, &fm);
    }
    return TCXD_OK;
}

static void emit_change(const struct sf *sf, const struct sf_member *m, tcxd_date day,
                        const struct sf_stint *before, const struct sf_stint *after,
                        void (*fn)(void *ctx, const struct facts_flow *f), void *ctx)
{
    struct facts_flow f;
    memset(&f, 0, sizeof(f));
    f.date = day;
    bool entering = after != NULL;
    const struct member_event *admit = NULL, *exit = NULL, *transfer = NULL, *restore = NULL;
    enum transfer_scope scope = SCOPE_NONE; /* of the member's own transfer or chuyển đi */
    int admissions = 0;
    for (size_t i = 0; i < m->nev && m->ev[i].date <= day; i++) {
        const struct member_event *ev = &m->ev[i];
        if (ev->kind == MEV_ADMIT)
            admissions++;
        if (ev->date != day)
            continue;
        if (ev->kind == MEV_ADMIT)
            admit = ev;
        else if (ev->kind == MEV_RESTORE)
            restore = ev;
        else if (ev->kind == MEV_EXIT ||
                 (ev->kind == MEV_DISCIPLINE && ev->form == DISCIPLINE_KHAI_TRU)) {
            exit = ev;
            if (ev->kind == MEV_EXIT && ev->form == EXIT_CHUYEN_DI)
                scope = (enum transfer_scope)m->scope[i];
        } else if (ev->kind == MEV_TRANSFER && ev->form != TRANSFER_TEMPORARY) {
            transfer = ev;
            if (ev->form != TRANSFER_ORG_CHANGE)
                scope = (enum transfer_scope)m->scope[i];
        }
    }
    bool scoped = scope != SCOPE_NONE;
    bool other_province = scope == SCOPE_OTHER_PROVINCE;
    if (entering) {
        fill_member(sf, m, after, day, &f.m);
        f.probationary = after->status == MEMBER_PROBATIONARY;
        if (admit) {
            f.kind = admissions > 1 ? FLOW_READMIT : FLOW_ADMIT;
        } else if (restore) {
            f.kind = FLOW_RESTORE;
        } else {
            const struct sf_stint *prev = stint_on(m, day - 1);
            f.by_org = !transfer || transfer->form == TRANSFER_ORG_CHANGE;
            if (prev && member_status_active(prev->status))
                f.other_org_id = prev->org_id;
            if (scoped && !f.by_org) {
                f.kind = other_province ? FLOW_IN_OTHER : FLOW_IN_PROVINCE;
            } else if (f.other_org_id) {
                int64_t pa = province_of(sf, prev->org_id, day - 1);
                int64_t pr = province_of(sf, after->org_id, day);
                f.kind = pa && pa == pr ? FLOW_IN_PROVINCE : FLOW_IN_OTHER;
            } else {
                f.kind = FLOW_IN_OTHER;
            }
        }
    } else {
        fill_member(sf, m, before, day - 1, &f.m);
        f.probationary = before->status == MEMBER_PROBATIONARY;
        if (exit) {
            if (exit->kind == MEV_DISCIPLINE)
                f.kind = FLOW_EXPEL;
            else
                switch ((enum exit_kind)exit->form) {
                case EXIT_TU_TRAN:
                    f.kind = FLOW_DEATH;
                    break;
                case EXIT_KHAI_TRU:
                    f.kind = FLOW_EXPEL;
                    break;
                case EXIT_XOA_TEN:
                    f.kind = FLOW_STRIKE;
                    break;
                case EXIT_XIN_RA:
                    f.kind = FLOW_RESIGN;
                    break;
                case EXIT_CHUYEN_DI:
                default:
                    f.kind = scoped && !other_province ? FLOW_OUT_PROVINCE : FLOW_OUT_OTHER;
                    break;
                }
        } else {
            const struct sf_stint *now = stint_on(m, day);
            f.by_org = !transfer || transfer->form == TRANSFER_ORG_CHANGE;
            if (now && member_status_active(now->status))
                f.other_org_id = now->org_id;
            if (scoped && !f.by_org) {
                f.kind = other_province ? FLOW_OUT_OTHER : FLOW_OUT_PROVINCE;
            } else if (f.other_org_id) {
                int64_t pa = province_of(sf, now->org_id, day);
                int64_t pr = province_of(sf, before->org_id, day - 1);
                f.kind = pa && pa == pr ? FLOW_OUT_PROVINCE : FLOW_OUT_OTHER;
            } else {
                f.kind = FLOW_OUT_OTHER;
            }
        }
    }
    fn(ctx, &f);
}

static enum tcxd_err sf_flows(void *impl, int64_t root, tcxd_date from, tcxd_date to,
                              void (*fn)(void *ctx, const struct facts_flow *f), void *ctx,
                              struct tcxd_error *e)
{
    struct sf *sf = impl;
    enum tcxd_err err = check_root(sf, root, e);
    if (err == TCXD_OK)
        err = check_day(sf, from - 1, e);
    if (err == TCXD_OK)
        err = check_day(sf, to, e);
    if (err != TCXD_OK)
        return err;
    tcxd_date *days = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < sf->nm; i++) {
        const struct sf_member *m = &sf->m[i];
        size_t n = 0;
        for (size_t j = 0; j < m->nev; j++)
            if (m->ev[j].date >= from && m->ev[j].date <= to)
                add_day(&days, &n, &cap, m->ev[j].date);
        for (size_t j = 0; j < m->nst; j++) {
            const struct sf_stint *s = &m->st[j];
            if (s->to <= from - 1 || s->from > to)
                continue;
            struct sf_org *o = org_find(sf, s->org_id);
            if (!o)
                continue;
            org_changes(sf, o, 0);
            for (size_t k = 0; k < o->nchanges; k++)
                if (o->changes[k] >= from && o->changes[k] <= to && o->changes[k] >= s->from &&
                    o->changes[k] < s->to)
                    add_day(&days, &n, &cap, o->changes[k]);
        }
        if (!n)
            continue;
        n = uniq_days(days, n);
        const struct sf_stint *prev = listed_on(sf, root, m, from - 1);
        for (size_t k = 0; k < n; k++) {
            const struct sf_stint *cur = listed_on(sf, root, m, days[k]);
            if (!prev != !cur)
                emit_change(sf, m, days[k], prev, cur, fn, ctx);
            prev = cur;
        }
        /* temporary transfers across the edge, official recognitions, badges, cards and
           commendations */
        for (size_t j = 0; j < m->nev; j++) {
            const struct member_event *ev = &m->ev[j];
            if ((ev->kind == MEV_BADGE || ev->kind == MEV_CARD || ev->kind == MEV_COMMEND) &&
                ev->date >= from && ev->date <= to) {
                const struct sf_stint *s = listed_on(sf, root, m, ev->date);
                tcxd_date on = ev->date;
                if (!s && ev->kind == MEV_BADGE) {
                    /* posthumous: the last chi bộ */
                    for (size_t x = 0; x < m->nst; x++)
                        if (m->st[x].to <= ev->date && (!s || m->st[x].to > s->to))
                            s = &m->st[x];
                    if (s) {
                        on = s->to - 1;
                        if (!in_subtree(sf, root, s->org_id, on))
                            s = NULL;
                    }
                }
                if (s) {
                    struct facts_flow f;
                    memset(&f, 0, sizeof(f));
                    f.kind = ev->kind == MEV_BADGE  ? FLOW_BADGE
                             : ev->kind == MEV_CARD ? FLOW_CARD
                                                    : FLOW_COMMEND;
                    f.date = ev->date;
                    f.form = ev->form;
                    f.probationary = s->status == MEMBER_PROBATIONARY;
                    fill_member(sf, m, s, on, &f.m);
                    fn(ctx, &f);
                }
                continue;
            }
            if (ev->kind == MEV_OFFICIAL && ev->date >= from && ev->date <= to) {
                const struct sf_stint *s = listed_on(sf, root, m, ev->date);
                if (s) {
                    struct facts_flow f;
                    memset(&f, 0, sizeof(f));
                    f.kind = FLOW_OFFICIAL;
                    f.date = ev->date;
                    fill_member(sf, m, s, ev->date, &f.m);
                    fn(ctx, &f);
                }
                continue;
            }
            if (ev->kind != MEV_TRANSFER || ev->form != TRANSFER_TEMPORARY || ev->date < from ||
                ev->date > to)
                continue;
            const struct sf_stint *home = stint_on(m, ev->date);
            if (!home)
                continue;
            bool home_in = in_subtree(sf, root, home->org_id, ev->date);
            bool dest_in = in_subtree(sf, root, ev->org_id, ev->date);
            if (home_in == dest_in)
                continue;
            struct facts_flow f;
            memset(&f, 0, sizeof(f));
            f.kind = dest_in ? FLOW_TEMP_IN : FLOW_TEMP_OUT;
            f.date = ev->date;
            f.probationary = home->status == MEMBER_PROBATIONARY;
            fill_member(sf, m, home, ev->date, &f.m);
            f.other_org_id = dest_in ? home->org_id : ev->org_id;
            if (dest_in)
                f.m.org_id = ev->org_id;
            fn(ctx, &f);
        }
    }
    free(days);
    return TCXD_OK;
}

static enum tcxd_err sf_orgs_on(void *impl, int64_t root, tcxd_date day,
                                void (*fn)(void *ctx, const struct facts_org *o), void *ctx,
                                struct tcxd_error *e)
{
    struct sf *sf = impl;
    enum tcxd_err err = check_root(sf, root, e);
    if (err == TCXD_OK)
        err = check_day(sf, day, e);
    if (err != TCXD_OK)
        return err;
    for (size_t i = 0; i < sf->norgs; i++) {
        const struct sf_org *o = &sf->orgs[i];
        if (!o->relevant || !in_subtree(sf, root, o->id, day))
            continue;
        struct facts_org fo;
        const struct sf_version *v = org_version_on(o, day), *bv = NULL;
        fo.id = o->id;
        fo.parent_id = v->parent_id;
        fo.tier = v->tier;
        fo.form = v->form;
        fo.base_type = v->base_type;
        const struct sf_org *b = base_of(sf, o->id, day, &bv);
        fo.base_id = b ? b->id : 0;
        fo.base_org_type = b ? bv->base_type : ORG_BASE_NONE;
        fo.created_on = o->created_on;
        fo.code = o->code;
        fo.name = o->name;
        fn(ctx, &fo);
    }
    return TCXD_OK;
}

static const char *const orgch_names[ORGCH__MAX] = {"created",  "merged",      "dissolved",
                                                    "received", "handed_over", "moved_inside"};

const char *facts_org_change_name(enum facts_org_change_kind k)
{
    return (unsigned)k < ORGCH__MAX ? orgch_names[k] : "?";
}

struct orgch_ctx {
    struct sf *sf;
    int64_t root;
    void (*fn)(void *ctx, const struct facts_org_change *c);
    void *ctx;
};

static void on_org_event(void *ctx, int64_t org_id, const char *kind, tcxd_date date, int64_t other)
{
    (void)other;
    struct orgch_ctx *c = ctx;
    const struct sf_org *o = org_find(c->sf, org_id);
    if (!o || !kind || org_id == c->root)
        return;
    struct {
        int64_t org_id;
        const char *kind;
        tcxd_date date;
    } evv = {org_id, kind, date}, *ev = &evv;
    bool before = in_subtree(c->sf, c->root, ev->org_id, ev->date - 1);
    bool after = in_subtree(c->sf, c->root, ev->org_id, ev->date);
    struct facts_org_change ch = {.date = ev->date, .org_id = ev->org_id};
    const struct sf_version *v = org_version_on(o, after ? ev->date : ev->date - 1);
    if (!v)
        v = &o->v[o->nv - 1];
    ch.tier = v->tier;
    ch.form = v->form;
    if (!strcmp(ev->kind, "create") && after)
        ch.kind = ORGCH_CREATED;
    else if (!strcmp(ev->kind, "merged_into") && before)
        ch.kind = ORGCH_MERGED;
    else if (!strcmp(ev->kind, "dissolve") && before)
        ch.kind = ORGCH_DISSOLVED;
    else if (!strcmp(ev->kind, "move") && after && !before)
        ch.kind = ORGCH_RECEIVED;
    else if (!strcmp(ev->kind, "move") && before && !after)
        ch.kind = ORGCH_HANDED_OVER;
    else if (!strcmp(ev->kind, "move") && before && after)
        ch.kind = ORGCH_MOVED_INSIDE;
    else
        return;
    c->fn(c->ctx, &ch);
}

static enum tcxd_err sf_org_changes(void *impl, int64_t root, tcxd_date from, tcxd_date to,
                                    void (*fn)(void *ctx, const struct facts_org_change *c),
                                    void *ctx, struct tcxd_error *e)
{
    struct sf *sf = impl;
    enum tcxd_err err = check_root(sf, root, e);
    if (err == TCXD_OK)
        err = check_day(sf, from - 1, e);
    if (err == TCXD_OK)
        err = check_day(sf, to, e);
    if (err != TCXD_OK)
        return err;
    if (!sf->st)
        return tcxd_fail(e, TCXD_EINVAL, "org", "organization events need the store");
    struct orgch_ctx c = {sf, root, fn, ctx};
    return store_org_events_between(sf->st, from, to + 1, on_org_event, &c, e);
}

static void sf_close(void *impl)
{
    struct sf *sf = impl;
    if (!sf)
        return;
    for (size_t i = 0; i < sf->norgs; i++) {
        free(sf->orgs[i].code);
        free(sf->orgs[i].name);
        free(sf->orgs[i].v);
        free(sf->orgs[i].changes);
    }
    free(sf->orgs);
    for (size_t i = 0; i < sf->nm; i++) {
        free(sf->m[i].st);
        free(sf->m[i].ev);
        free(sf->m[i].scope);
    }
    free(sf->m);
    for (size_t i = 0; i < sf->strings.cap; i++)
        free(sf->strings.slot[i]);
    free(sf->strings.slot);
    free(sf);
}

static const struct facts_ops store_ops = {
    .name = "store",
    .members_on = sf_members_on,
    .flows = sf_flows,
    .orgs_on = sf_orgs_on,
    .org_changes = sf_org_changes,
    .close = sf_close,
};

enum tcxd_err facts_store_open(struct store *st, int64_t root, tcxd_date from, tcxd_date to,
                               struct facts *out, struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    struct sf *sf = xcalloc(1, sizeof(*sf));
    sf->st = st;
    sf->root = root;
    sf->from = from;
    sf->to = to;
    enum tcxd_err err = store_read_begin(st, e);
    if (err != TCXD_OK) {
        free(sf);
        return err;
    }
    err = store_org_versions(st, on_version, sf, e);
    int64_t *ids = NULL;
    size_t nids = 0;
    if (err == TCXD_OK && root && !org_find(sf, root))
        err = tcxd_fail(e, TCXD_ENOTFOUND, "org", "no organization #%lld", (long long)root);
    if (err == TCXD_OK) {
        ids = xmalloc((sf->norgs ? sf->norgs : 1) * sizeof(*ids));
        for (size_t i = 0; i < sf->norgs; i++)
            if (ever_in(sf, sf->orgs[i].id, from, to, 0)) {
                sf->orgs[i].relevant = true;
                ids[nids++] = sf->orgs[i].id;
            }
        /* the whole database, or most of it: one walk over every member is cheaper */
        bool all = root == 0 || nids * 2 > sf->norgs;
        err = store_member_histories(st, all ? NULL : ids, nids, from, to, on_member, sf, e);
    }
    store_read_end(st);
    free(ids);
    if (err != TCXD_OK) {
        sf_close(sf);
        return err;
    }
    out->ops = &store_ops;
    out->impl = sf;
    out->st = st;
    return TCXD_OK;
}
