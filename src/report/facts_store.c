/*
 * facts_store.c - the forms' facts from the store: the organizations' whole history in memory,
 * and the replayed events (member_replay) of the members who were ever in the subtree in the
 * window. See facts.h for what is counted.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/facts.h"
#include "report/forms.h"
#include "store/store_engine.h"
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

int facts_party_years(const struct facts_member *m)
{
    if (m->party_years >= 0)
        return m->party_years;
    if (m->first_decision == DATE_NONE || m->party_days <= 0)
        return 0;
    return date_age_years(m->first_decision, (tcxd_date)(m->first_decision + m->party_days));
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
    struct ymd birth_ymd;
    const struct sf_str *ethnicity, *religion, *education, *professional_level;
    struct store_member_codes codes;
    struct sf_stint *st; /* registered stints, by from */
    size_t nst;
    struct member_event *ev; /* by (date, seq) */
    uint8_t *scope;          /* each event's enum transfer_scope */
    size_t nev;
    bool owned; /* st, ev, scope are the member's own (not in the cache file's mapping) */
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
    /* loaded from the cache file: strings, versions, stints and events live in the mapping */
    void *map;
    size_t map_len;
    bool all; /* every member of the database was loaded: any subtree can be asked */
    /* all loaded for a smaller root: the members who ever touched an organization of the root's
       subtree in the window (a registration or an event there), by index; the root's questions
       walk only these, other roots' every member */
    uint32_t *sel;
    size_t nsel;
    /* organization id -> index (ids are dense), -1 for none; NULL: binary search */
    int32_t *idx;
    int64_t idx_max;
    /* memo of in_subtree and base_of for one (root, day): entries of generation `gen` hold */
    int64_t memo_root;
    tcxd_date memo_day;
    uint32_t gen, *in_gen, *base_gen;
    uint8_t *in_val;
    int32_t *base_val; /* index of the base organization, -1 none */
};

static struct sf_org *org_find(const struct sf *sf, int64_t id)
{
    if (sf->idx) {
        if (id < 0 || id > sf->idx_max || sf->idx[id] < 0)
            return NULL;
        return &sf->orgs[sf->idx[id]];
    }
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

/* Builds the id index and the memo arrays once the organizations are loaded. */
static void index_orgs(struct sf *sf)
{
    int64_t max = sf->norgs ? sf->orgs[sf->norgs - 1].id : 0;
    if (sf->norgs && sf->orgs[0].id >= 0 && max <= (int64_t)sf->norgs * 4 + 1024) {
        sf->idx_max = max;
        sf->idx = xmalloc(((size_t)max + 1) * sizeof(*sf->idx));
        for (int64_t i = 0; i <= max; i++)
            sf->idx[i] = -1;
        for (size_t i = 0; i < sf->norgs; i++)
            sf->idx[sf->orgs[i].id] = (int32_t)i;
    }
    size_t n = sf->norgs ? sf->norgs : 1;
    sf->in_gen = xcalloc(n, sizeof(*sf->in_gen));
    sf->base_gen = xcalloc(n, sizeof(*sf->base_gen));
    sf->in_val = xcalloc(n, sizeof(*sf->in_val));
    sf->base_val = xcalloc(n, sizeof(*sf->base_val));
    sf->gen = 1;
    sf->memo_day = DATE_NONE;
}

/* Selects the memo of (root, day), starting a new generation when it differs. */
static void memo_for(const struct sf *csf, int64_t root, tcxd_date day)
{
    struct sf *sf = (struct sf *)csf; /* the memo only: the facts do not change */
    if (sf->memo_root == root && sf->memo_day == day)
        return;
    sf->memo_root = root;
    sf->memo_day = day;
    if (++sf->gen == 0) { /* wrapped: clear */
        memset(sf->in_gen, 0, (sf->norgs ? sf->norgs : 1) * sizeof(*sf->in_gen));
        memset(sf->base_gen, 0, (sf->norgs ? sf->norgs : 1) * sizeof(*sf->base_gen));
        sf->gen = 1;
    }
}

static bool in_subtree(const struct sf *csf, int64_t root, int64_t org, tcxd_date day)
{
    struct sf *sf = (struct sf *)csf;
    memo_for(sf, root, day);
    size_t path[64];
    int n = 0;
    bool result = false;
    for (int depth = 0; org && depth < 64; depth++) {
        const struct sf_org *o = org_find(sf, org);
        if (!o)
            break;
        size_t i = (size_t)(o - sf->orgs);
        if (sf->in_gen[i] == sf->gen) {
            result = sf->in_val[i];
            break;
        }
        path[n++] = i;
        bool alive;
        int64_t parent = org_parent_on(o, day, &alive);
        if (!alive)
            break;
        if (org == root || root == 0) {
            result = true;
            break;
        }
        org = parent;
    }
    for (int k = 0; k < n; k++) {
        sf->in_gen[path[k]] = sf->gen;
        sf->in_val[path[k]] = result;
    }
    return result;
}

/* The base organization above (or at) org on a day and its version then, NULL if none. */
static const struct sf_org *base_of_walk(const struct sf *sf, int64_t org, tcxd_date day,
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

static const struct sf_org *base_of(const struct sf *csf, int64_t org, tcxd_date day,
                                    const struct sf_version **bv)
{
    struct sf *sf = (struct sf *)csf;
    const struct sf_org *o = org_find(sf, org);
    if (!o)
        return NULL;
    memo_for(sf, sf->memo_root, day);
    size_t i = (size_t)(o - sf->orgs);
    if (sf->base_gen[i] != sf->gen) {
        const struct sf_org *b = base_of_walk(sf, org, day, NULL);
        sf->base_gen[i] = sf->gen;
        sf->base_val[i] = b ? (int32_t)(b - sf->orgs) : -1;
    }
    if (sf->base_val[i] < 0)
        return NULL;
    const struct sf_org *b = &sf->orgs[sf->base_val[i]];
    if (bv)
        *bv = org_version_on(b, day);
    return b;
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
    if (m->birth_date != DATE_NONE)
        m->birth_ymd = date_to_ymd(m->birth_date);
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
    m->owned = true;
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
    out->birth_ymd = m->birth_ymd;
    out->first_decision = DATE_NONE;
    out->ceremony = DATE_NONE;
    /* one pass: the admissions, exemption (miễn: EXEMPT form 0 starts, 1 ends) and suspension
       (đình chỉ: SUSPEND the same) up to the day; admission and exit clear both */
    bool ex = false, su = false;
    /* party age: a removal (xóa tên, xin ra, khai trừ - also by discipline) opens a gap that a
       re-admission's decision closes and a restoration cancels (core/member.c's replay) */
    tcxd_date gap_from = DATE_NONE;
    int64_t gap_days = 0;
    for (size_t i = 0; i < m->nev && m->ev[i].date <= day; i++) {
        const struct member_event *ev = &m->ev[i];
        switch (ev->kind) {
        case MEV_ADMIT:
            if (out->first_decision == DATE_NONE)
                out->first_decision = ev->decision_date;
            else if (gap_from != DATE_NONE) {
                tcxd_date to = ev->decision_date < day ? ev->decision_date : day;
                gap_days += to > gap_from ? to - gap_from : 0;
                gap_from = DATE_NONE;
            }
            out->ceremony = ev->date;
            ex = su = false;
            break;
        case MEV_EXIT:
            ex = su = false;
            if (ev->form == EXIT_XOA_TEN || ev->form == EXIT_XIN_RA || ev->form == EXIT_KHAI_TRU)
                gap_from = ev->date;
            break;
        case MEV_DISCIPLINE:
            if (ev->form == DISCIPLINE_KHAI_TRU) {
                ex = su = false;
                gap_from = ev->date;
            }
            break;
        case MEV_RESTORE:
            gap_from = DATE_NONE;
            break;
        case MEV_EXEMPT:
            ex = ev->form == 0;
            break;
        case MEV_SUSPEND:
            su = ev->form == 0;
            break;
        default:
            break;
        }
    }
    if (gap_from != DATE_NONE)
        gap_days += day > gap_from ? day - gap_from : 0;
    int64_t pd = out->first_decision != DATE_NONE && day > out->first_decision
                     ? (int64_t)day - out->first_decision - gap_days
                     : 0;
    out->party_days = (int32_t)(pd > 0 ? pd : 0);
    out->party_years = -1;
    out->theory = m->theory;
    out->exempt = ex;
    out->ethnicity = m->ethnicity->s;
    out->religion = m->religion->s;
    out->education = m->education->s;
    out->professional_level = m->professional_level->s;
    out->suspended = su;
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
    if (o && sf->all)
        return TCXD_OK;
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
    bool use_sel = sf->sel && root == sf->root;
    size_t n = use_sel ? sf->nsel : sf->nm;
    for (size_t k = 0; k < n; k++) {
        size_t i = use_sel ? sf->sel[k] : k;
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

static enum tcxd_err sf_admissions(void *impl, int64_t root, tcxd_date from, tcxd_date to,
                                   void (*fn)(void *ctx, int64_t base_id), void *ctx,
                                   struct tcxd_error *e)
{
    struct sf *sf = impl;
    enum tcxd_err err = check_root(sf, root, e);
    if (err == TCXD_OK)
        err = check_day(sf, from, e);
    if (err == TCXD_OK)
        err = check_day(sf, to, e);
    if (err != TCXD_OK)
        return err;
    /* the members loaded for the root: any admitted into a base organization of the subtree
       on `to` has a registration there in the window */
    bool use_sel = sf->sel && root == sf->root;
    size_t nm = use_sel ? sf->nsel : sf->nm;
    for (size_t mk = 0; mk < nm; mk++) {
        const struct sf_member *m = &sf->m[use_sel ? sf->sel[mk] : mk];
        for (size_t i = 0; i < m->nev; i++) {
            const struct member_event *ev = &m->ev[i];
            if (ev->date > to)
                break;
            if (ev->kind != MEV_ADMIT || ev->date < from || !ev->org_id)
                continue;
            const struct sf_org *b = base_of_walk(sf, ev->org_id, ev->date, NULL);
            if (b && in_subtree(sf, root, b->id, to))
                fn(ctx, b->id);
        }
    }
    return TCXD_OK;
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
    bool use_sel = sf->sel && root == sf->root;
    size_t nm = use_sel ? sf->nsel : sf->nm;
    for (size_t mk = 0; mk < nm; mk++) {
        const struct sf_member *m = &sf->m[use_sel ? sf->sel[mk] : mk];
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
        if (!sf->map) {
            free(sf->orgs[i].code);
            free(sf->orgs[i].name);
            free(sf->orgs[i].v);
        }
        free(sf->orgs[i].changes);
    }
    free(sf->orgs);
    for (size_t i = 0; i < sf->nm; i++)
        if (sf->m[i].owned) {
            free(sf->m[i].st);
            free(sf->m[i].ev);
            free(sf->m[i].scope);
        }
    free(sf->m);
    if (sf->map)
        munmap(sf->map, sf->map_len);
    free(sf->idx);
    free(sf->sel);
    free(sf->in_gen);
    free(sf->base_gen);
    free(sf->in_val);
    free(sf->base_val);
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
    .admissions = sf_admissions,
    .close = sf_close,
};

/* The members who had a registration in, or an event naming, an organization of the root's
   subtree in the window (org `relevant`): the only ones the root's list or flows can hold. */
static void select_members(struct sf *sf)
{
    sf->sel = xmalloc((sf->nm ? sf->nm : 1) * sizeof(*sf->sel));
    for (size_t i = 0; i < sf->nm; i++) {
        const struct sf_member *m = &sf->m[i];
        bool hit = false;
        for (size_t j = 0; j < m->nst && !hit; j++) {
            const struct sf_org *o = org_find(sf, m->st[j].org_id);
            hit = o && o->relevant && m->st[j].to > sf->from - 1 && m->st[j].from <= sf->to;
        }
        for (size_t j = 0; j < m->nev && !hit; j++) {
            const struct sf_org *o = m->ev[j].org_id ? org_find(sf, m->ev[j].org_id) : NULL;
            hit = o && o->relevant;
        }
        if (hit)
            sf->sel[sf->nsel++] = (uint32_t)i;
    }
}

/* ---- the cache file ------------------------------------------------------------------------
 * The whole database's facts (every organization version, every member with its registered
 * stints and events) as one flat file next to the database, "<db>.forms-cache", written after
 * a load from the store and mapped by the next process whose store has the same change token
 * (store_change_token: any change appends rows or an audit record). A stale, foreign or damaged
 * file is never trusted: it is rebuilt. TCXD_FORMS_CACHE=0 turns the cache off (the bench's SQL
 * path); facts_store_cache_path() names the file.
 */
#define FC_MAGIC "TCXDFC01"
/* Bump when what is stored changes meaning: the record layouts, or the levels worked out from
   the texts (form_school_level, form_prof_level of forms_eval.c, kept with each string). */
#define FC_VERSION 1
struct fc_header {
    char magic[8];
    uint32_t version, sizes; /* sizes: a fingerprint of the record sizes (layout/ABI) */
    struct store_change_token token;
    uint64_t norgs, nversions, nmembers, nstints, nevents, strings_len;
    uint64_t off_orgs, off_versions, off_members, off_stints, off_events, off_scope, off_strings;
    uint64_t total;
};
struct fc_org {
    int64_t id;
    tcxd_date created_on, ended_on;
    uint64_t code, name; /* offsets into the strings */
    uint64_t v_first, nv;
};
struct fc_member {
    int64_t id;
    int32_t gender, theory;
    tcxd_date birth_date;
    uint32_t pad;
    uint64_t eth, rel, edu, prof; /* offsets of struct sf_str entries into the strings */
    struct store_member_codes codes;
    uint64_t st_first, nst, ev_first, nev;
};
#define FC_SIZES                                                                                   \
    ((uint32_t)(sizeof(struct fc_org) * 1 + sizeof(struct fc_member) * 7 +                         \
                sizeof(struct sf_version) * 31 + sizeof(struct sf_stint) * 127 +                   \
                sizeof(struct member_event) * 8191))

static bool cache_enabled(struct store *st)
{
    const char *v = getenv("TCXD_FORMS_CACHE");
    if (v && !strcmp(v, "0"))
        return false;
    const char *p = store_path(st);
    return p && *p && strcmp(p, ":memory:") != 0;
}

void facts_store_cache_path(struct store *st, struct buf *out)
{
    buf_reset(out);
    buf_addf(out, "%s.forms-cache", store_path(st));
}

struct strtab {
    struct buf b;
    /* offsets of interned strings already written, by their address */
    const void **key;
    uint64_t *off;
    size_t n, cap;
};

static uint64_t strtab_sf(struct strtab *t, const struct sf_str *v)
{
    /* few distinct values: a linear probe table by address */
    size_t cap = t->cap;
    if (cap) {
        size_t j = ((uintptr_t)v >> 4) & (cap - 1);
        while (t->key[j]) {
            if (t->key[j] == v)
                return t->off[j];
            j = (j + 1) & (cap - 1);
        }
    }
    if ((t->n + 1) * 2 > t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 256;
        const void **nk = xcalloc(ncap, sizeof(*nk));
        uint64_t *no = xcalloc(ncap, sizeof(*no));
        for (size_t i = 0; i < t->cap; i++)
            if (t->key[i]) {
                size_t j = ((uintptr_t)t->key[i] >> 4) & (ncap - 1);
                while (nk[j])
                    j = (j + 1) & (ncap - 1);
                nk[j] = t->key[i];
                no[j] = t->off[i];
            }
        free(t->key);
        free(t->off);
        t->key = nk;
        t->off = no;
        t->cap = ncap;
    }
    uint64_t off = t->b.len;
    buf_add(&t->b, v, 2 + strlen(v->s) + 1);
    size_t j = ((uintptr_t)v >> 4) & (t->cap - 1);
    while (t->key[j])
        j = (j + 1) & (t->cap - 1);
    t->key[j] = v;
    t->off[j] = off;
    t->n++;
    return off;
}

static uint64_t strtab_text(struct strtab *t, const char *s)
{
    uint64_t off = t->b.len;
    buf_add(&t->b, s, strlen(s) + 1);
    return off;
}

static void pad8(struct buf *b)
{
    static const char zero[8];
    if (b->len % 8)
        buf_add(b, zero, 8 - b->len % 8);
}

/* Writes sf (the whole database) as the cache of token; failures only cost the next run. */
static void cache_write(struct sf *sf, struct store *st, const struct store_change_token *token)
{
    struct fc_header h;
    memset(&h, 0, sizeof(h));
    memcpy(h.magic, FC_MAGIC, 8);
    h.version = FC_VERSION;
    h.sizes = FC_SIZES;
    h.token = *token;
    struct strtab t;
    memset(&t, 0, sizeof(t));
    buf_init(&t.b, 1 << 16);
    struct fc_org *orgs = xcalloc(sf->norgs ? sf->norgs : 1, sizeof(*orgs));
    size_t nv = 0;
    for (size_t i = 0; i < sf->norgs; i++)
        nv += sf->orgs[i].nv;
    struct sf_version *vers = xcalloc(nv ? nv : 1, sizeof(*vers));
    nv = 0;
    for (size_t i = 0; i < sf->norgs; i++) {
        const struct sf_org *o = &sf->orgs[i];
        orgs[i] = (struct fc_org){
            o->id, o->created_on, o->ended_on, strtab_text(&t, o->code), strtab_text(&t, o->name),
            nv,    o->nv};
        memcpy(&vers[nv], o->v, o->nv * sizeof(*vers));
        nv += o->nv;
    }
    size_t nst = 0, nev = 0;
    for (size_t i = 0; i < sf->nm; i++) {
        nst += sf->m[i].nst;
        nev += sf->m[i].nev;
    }
    struct fc_member *mem = xcalloc(sf->nm ? sf->nm : 1, sizeof(*mem));
    struct sf_stint *sts = xcalloc(nst ? nst : 1, sizeof(*sts));
    struct member_event *evs = xcalloc(nev ? nev : 1, sizeof(*evs));
    uint8_t *scope = xcalloc(nev ? nev : 1, 1);
    nst = nev = 0;
    for (size_t i = 0; i < sf->nm; i++) {
        const struct sf_member *m = &sf->m[i];
        mem[i] = (struct fc_member){.id = m->id,
                                    .gender = m->gender,
                                    .theory = m->theory,
                                    .birth_date = m->birth_date,
                                    .eth = strtab_sf(&t, m->ethnicity),
                                    .rel = strtab_sf(&t, m->religion),
                                    .edu = strtab_sf(&t, m->education),
                                    .prof = strtab_sf(&t, m->professional_level),
                                    .codes = m->codes,
                                    .st_first = nst,
                                    .nst = m->nst,
                                    .ev_first = nev,
                                    .nev = m->nev};
        if (m->nst)
            memcpy(&sts[nst], m->st, m->nst * sizeof(*sts));
        if (m->nev) {
            memcpy(&evs[nev], m->ev, m->nev * sizeof(*evs));
            memcpy(&scope[nev], m->scope, m->nev);
        }
        nst += m->nst;
        nev += m->nev;
    }
    struct buf f;
    buf_init(&f, 1 << 20);
    buf_add(&f, &h, sizeof(h));
#define SECTION(off, ptr, n, size)                                                                 \
    do {                                                                                           \
        pad8(&f);                                                                                  \
        h.off = f.len;                                                                             \
        buf_add(&f, ptr, (n) * (size));                                                            \
    } while (0)
    SECTION(off_orgs, orgs, sf->norgs, sizeof(*orgs));
    SECTION(off_versions, vers, nv, sizeof(*vers));
    SECTION(off_members, mem, sf->nm, sizeof(*mem));
    SECTION(off_stints, sts, nst, sizeof(*sts));
    SECTION(off_events, evs, nev, sizeof(*evs));
    SECTION(off_scope, scope, nev, 1);
    SECTION(off_strings, t.b.ptr, t.b.len, 1);
#undef SECTION
    pad8(&f);
    h.norgs = sf->norgs;
    h.nversions = nv;
    h.nmembers = sf->nm;
    h.nstints = nst;
    h.nevents = nev;
    h.strings_len = t.b.len;
    h.total = f.len;
    memcpy(f.ptr, &h, sizeof(h));
    struct buf path = BUF_INIT, tmp = BUF_INIT;
    facts_store_cache_path(st, &path);
    buf_addf(&tmp, "%s.XXXXXX", path.ptr); /* each writer its own (the server's threads too) */
    int fd = mkstemp(tmp.ptr);
    bool ok = fd >= 0;
    for (size_t done = 0; ok && done < f.len;) {
        ssize_t w = write(fd, f.ptr + done, f.len - done);
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        if (ok)
            done += (size_t)w;
    }
    if (fd >= 0 && close(fd) != 0)
        ok = false;
    if (fd >= 0 && (!ok || rename(tmp.ptr, path.ptr) != 0))
        unlink(tmp.ptr);
    buf_release(&path);
    buf_release(&tmp);
    buf_release(&f);
    buf_release(&t.b);
    free(t.key);
    free(t.off);
    free(orgs);
    free(vers);
    free(mem);
    free(sts);
    free(evs);
    free(scope);
}

/* ---- a stale file brought up to date ------------------------------------------------------
 * A file written before some members changed (an event entered, corrected or cancelled, a
 * profile edited, a member admitted) is still used: the audit records after the file's own (its
 * token's last part) name the members changed, and only those are read again from the store and
 * replace theirs. Any other change (an organization's, an import's, anything the audit does not
 * tie to one member, more than FC_PATCH_MEMBERS members) rebuilds the file. Beyond
 * FC_REWRITE_MEMBERS members patched the file is written again, so that the work each process
 * repeats stays small.
 */
#define FC_PATCH_AUDIT     50000
#define FC_PATCH_MEMBERS   5000
#define FC_REWRITE_MEMBERS 200

struct fc_patch {
    int64_t *ids;
    size_t n, cap;
    bool refuse;
};

static void on_audit_row(void *ctx, const char *entity, int64_t id)
{
    /* records that change nothing the forms' facts hold (form 6 reads the review itself) */
    static const char *const harmless[] = {"session",       "user",     "review",
                                           "review_rubric", "weak_org", NULL};
    struct fc_patch *p = ctx;
    if (!strcmp(entity, "member") && id > 0) {
        ALLOC_GROW(p->ids, p->n + 1, p->cap);
        p->ids[p->n++] = id;
        return;
    }
    for (size_t i = 0; harmless[i]; i++)
        if (!strcmp(entity, harmless[i]))
            return;
    p->refuse = true;
}

static void on_changed_member(void *ctx, int64_t id)
{
    struct fc_patch *p = ctx;
    ALLOC_GROW(p->ids, p->n + 1, p->cap);
    p->ids[p->n++] = id;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The file's token differs from the store's only by what members' changes make. */
static bool cache_patchable(const struct store_change_token *file,
                            const struct store_change_token *now)
{
    /* parts: org, org_version, org_event, member, member_event, member_stint, member_gap,
       audit, schema (STMT_ENGINE_TOKEN) */
    return file->v[0] == now->v[0] && file->v[1] == now->v[1] && file->v[2] == now->v[2] &&
           file->v[STORE_TOKEN_PARTS - 1] == now->v[STORE_TOKEN_PARTS - 1] &&
           file->v[7] <= now->v[7];
}

/* Replaces the mapped members changed since the file (its token: the audit records after its
   own, and the members and events added after its own, which a writer may not have audited) by
   their histories read now; false when that is not enough (sf unchanged but for members read). */
static bool cache_patch(struct sf *sf, struct store *st, const struct store_change_token *file,
                        size_t *npatched)
{
    int64_t file_audit = file->v[7];
    struct fc_patch p = {0};
    size_t nrows = 0;
    struct tcxd_error e;
    tcxd_error_clear(&e);
    bool ok = store_audit_since(st, file_audit, FC_PATCH_AUDIT + 1, on_audit_row, &p, &nrows, &e) ==
                  TCXD_OK &&
              nrows <= FC_PATCH_AUDIT && !p.refuse;
    if (ok)
        ok = store_facts_members_after(st, file->v[3], file->v[4], on_changed_member, &p, &e) ==
             TCXD_OK;
    size_t k = 0;
    if (ok && p.n) {
        qsort(p.ids, p.n, sizeof(*p.ids), cmp_id);
        for (size_t i = 0; i < p.n; i++)
            if (!k || p.ids[i] != p.ids[k - 1])
                p.ids[k++] = p.ids[i];
        ok = k <= FC_PATCH_MEMBERS;
    }
    size_t old_n = sf->nm;
    if (ok && k)
        ok = store_member_histories_of(st, p.ids, k, on_member, sf, &e) == TCXD_OK;
    if (!ok) {
        for (size_t i = old_n; i < sf->nm; i++) {
            free(sf->m[i].st);
            free(sf->m[i].ev);
            free(sf->m[i].scope);
        }
        sf->nm = old_n;
        free(p.ids);
        return false;
    }
    /* the file's entries of the members read again go (a member no longer in the store too) */
    size_t w = 0;
    for (size_t i = 0; i < sf->nm; i++) {
        if (i < old_n && k && bsearch(&sf->m[i].id, p.ids, k, sizeof(*p.ids), cmp_id))
            continue;
        sf->m[w++] = sf->m[i];
    }
    sf->nm = w;
    *npatched = k;
    free(p.ids);
    return true;
}

/* Maps the cache of token into sf; false (nothing changed in sf) when there is none usable.
 *npatched: how many members a stale file needed read again (0: the file was current). */
static bool cache_read(struct sf *sf, struct store *st, const struct store_change_token *token,
                       size_t *npatched)
{
    *npatched = 0;
    struct buf path = BUF_INIT;
    facts_store_cache_path(st, &path);
    int fd = open(path.ptr, O_RDONLY | O_CLOEXEC);
    buf_release(&path);
    if (fd < 0)
        return false;
    struct stat sb;
    void *map = MAP_FAILED;
    if (fstat(fd, &sb) == 0 && (size_t)sb.st_size >= sizeof(struct fc_header))
        map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return false;
    size_t len = (size_t)sb.st_size;
    const struct fc_header *h = map;
    const char *base = map;
#define FITS(off, n, size) ((off) % 8 == 0 && (off) <= len && (n) <= (len - (off)) / (size))
    bool current = store_change_token_equal(&h->token, token);
    bool ok = !memcmp(h->magic, FC_MAGIC, 8) && h->version == FC_VERSION && h->sizes == FC_SIZES &&
              (current || cache_patchable(&h->token, token)) && h->total == len &&
              FITS(h->off_orgs, h->norgs, sizeof(struct fc_org)) &&
              FITS(h->off_versions, h->nversions, sizeof(struct sf_version)) &&
              FITS(h->off_members, h->nmembers, sizeof(struct fc_member)) &&
              FITS(h->off_stints, h->nstints, sizeof(struct sf_stint)) &&
              FITS(h->off_events, h->nevents, sizeof(struct member_event)) &&
              FITS(h->off_scope, h->nevents, 1) && FITS(h->off_strings, h->strings_len, 1) &&
              h->strings_len > 0 && base[h->off_strings + h->strings_len - 1] == 0;
#undef FITS
    if (!ok) {
        munmap(map, len);
        return false;
    }
    const struct fc_org *fo = (const void *)(base + h->off_orgs);
    const struct sf_version *fv = (const void *)(base + h->off_versions);
    const struct fc_member *fm = (const void *)(base + h->off_members);
    const struct sf_stint *fs = (const void *)(base + h->off_stints);
    const struct member_event *fe = (const void *)(base + h->off_events);
    const uint8_t *fsc = (const void *)(base + h->off_scope);
    const char *str = base + h->off_strings;
    /* every offset and range is checked before it is used */
    for (size_t i = 0; i < h->norgs && ok; i++)
        ok = fo[i].code < h->strings_len && fo[i].name < h->strings_len &&
             fo[i].v_first <= h->nversions && fo[i].nv <= h->nversions - fo[i].v_first &&
             (i == 0 || fo[i].id > fo[i - 1].id);
    if (!ok) {
        munmap(map, len);
        return false;
    }
    sf->orgs = xcalloc(h->norgs ? h->norgs : 1, sizeof(*sf->orgs));
    sf->norgs = sf->orgs_cap = h->norgs;
    for (size_t i = 0; i < h->norgs; i++) {
        struct sf_org *o = &sf->orgs[i];
        o->id = fo[i].id;
        o->created_on = fo[i].created_on;
        o->ended_on = fo[i].ended_on;
        o->code = (char *)(str + fo[i].code);
        o->name = (char *)(str + fo[i].name);
        o->v = (struct sf_version *)(fv + fo[i].v_first);
        o->nv = o->cap = fo[i].nv;
    }
    sf->m = xcalloc(h->nmembers ? h->nmembers : 1, sizeof(*sf->m));
    sf->nm = sf->m_cap = h->nmembers;
    for (size_t i = 0; i < h->nmembers; i++) {
        /* every offset and range is checked before it is used */
        if (!(fm[i].eth + 2 < h->strings_len && fm[i].rel + 2 < h->strings_len &&
              fm[i].edu + 2 < h->strings_len && fm[i].prof + 2 < h->strings_len &&
              fm[i].st_first <= h->nstints && fm[i].nst <= h->nstints - fm[i].st_first &&
              fm[i].ev_first <= h->nevents && fm[i].nev <= h->nevents - fm[i].ev_first)) {
            free(sf->orgs);
            free(sf->m);
            sf->orgs = NULL;
            sf->m = NULL;
            sf->norgs = sf->orgs_cap = sf->nm = sf->m_cap = 0;
            munmap(map, len);
            return false;
        }
        struct sf_member *m = &sf->m[i];
        m->id = fm[i].id;
        m->gender = (enum gender)fm[i].gender;
        m->theory = (enum theory_level)fm[i].theory;
        m->birth_date = fm[i].birth_date;
        if (m->birth_date != DATE_NONE)
            m->birth_ymd = date_to_ymd(m->birth_date);
        m->ethnicity = (const struct sf_str *)(str + fm[i].eth);
        m->religion = (const struct sf_str *)(str + fm[i].rel);
        m->education = (const struct sf_str *)(str + fm[i].edu);
        m->professional_level = (const struct sf_str *)(str + fm[i].prof);
        m->codes = fm[i].codes;
        m->st = (struct sf_stint *)(fs + fm[i].st_first);
        m->nst = fm[i].nst;
        m->ev = (struct member_event *)(fe + fm[i].ev_first);
        m->scope = (uint8_t *)(fsc + fm[i].ev_first);
        m->nev = fm[i].nev;
    }
    sf->map = map;
    sf->map_len = len;
    if (!current && !cache_patch(sf, st, &h->token, npatched)) {
        free(sf->orgs);
        free(sf->m);
        sf->orgs = NULL;
        sf->m = NULL;
        sf->norgs = sf->orgs_cap = sf->nm = sf->m_cap = 0;
        sf->map = NULL;
        sf->map_len = 0;
        munmap(map, len);
        return false;
    }
    return true;
}

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
    bool cache = cache_enabled(st), cached = false;
    size_t patched = 0;
    struct store_change_token token;
    if (cache && store_change_token(st, &token, NULL) != TCXD_OK)
        cache = false;
    if (cache)
        cached = cache_read(sf, st, &token, &patched);
    if (!cached)
        err = store_org_versions(st, on_version, sf, e);
    if (err == TCXD_OK)
        index_orgs(sf);
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
        /* the whole database, or most of it: one walk over every member is cheaper; with the
           cache, the whole database (written for the next process) */
        bool all = root == 0 || nids * 2 > sf->norgs || cache;
        if (!cached)
            err = store_member_histories(st, all ? NULL : ids, nids, from, to, on_member, sf, e);
        sf->all = all || cached;
        /* a subtree holding most of the database walks every member (as the store's load) */
        if (err == TCXD_OK && sf->all && root != 0 && nids * 2 <= sf->norgs)
            select_members(sf);
    }
    store_read_end(st);
    free(ids);
    if (err == TCXD_OK && cache && (!cached || patched > FC_REWRITE_MEMBERS))
        cache_write(sf, st, &token);
    if (err != TCXD_OK) {
        sf_close(sf);
        return err;
    }
    out->ops = &store_ops;
    out->impl = sf;
    out->st = st;
    return TCXD_OK;
}
