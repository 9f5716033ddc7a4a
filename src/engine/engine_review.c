/*
 * engine_review.c - the subjects of a year's review from the engine's columns
 * (engine_review.h).
 *
 * The store's rule (store_review_report.c, STMT_REVIEW_EXCL_EVENTS with review_scan_status):
 * a member's exemptions, suspensions and exits up to the day, and its admissions in the twelve
 * months up to it, replayed in event order, say whether it is exempted or suspended and the
 * decision date of its latest recent admission. The engine's events are sorted by (date, id),
 * the store's order within a member, so one pass up to the day replays every member at once.
 * The events keep no decision date: a first admission's is the member's first decision; a
 * re-admission's ends the gap its removal opened (member_replay: gap.to = the decision), or is
 * the removal's own day when that gap was empty (dropped).
 */
#include "engine/engine_review.h"

#include <stdlib.h>
#include <string.h>

#include "engine/engine_internal.h"
#include "util/xmalloc.h"

enum { F_EXEMPT = 1, F_SUSPENDED = 2, F_ADMITTED = 4 /* an admission seen before */ };

struct state {
    uint8_t *flags;       /* [nmembers] */
    tcxd_date *admitted;  /* [nmembers], DATE_NONE */
    tcxd_date *last_exit; /* [nmembers], DATE_NONE */
};

/* The decision date of member idx's admission effective on `date`. */
static tcxd_date admission_decision(const struct engine *eng, const struct state *s, uint32_t idx,
                                    tcxd_date date)
{
    if (!(s->flags[idx] & F_ADMITTED)) {
        tcxd_date d = eng->m[idx].first_decision;
        return d == INT32_MAX ? DATE_NONE : d;
    }
    /* a re-admission: the closed gap that began last by `date` ends on its decision */
    tcxd_date best_from = DATE_NONE, decision = s->last_exit[idx];
    for (uint32_t g = eng->gap_off[idx]; g < eng->gap_off[idx + 1]; g++) {
        const struct member_gap *x = &eng->gaps[g];
        if (x->kind != GAP_OUT_OF_PARTY || x->to == DATE_OPEN_END || x->from > date ||
            x->from < best_from)
            continue;
        best_from = x->from;
        decision = x->to;
    }
    return decision;
}

static void replay(const struct engine *eng, tcxd_date on, struct state *s)
{
    tcxd_date recent = date_add_months(on, -12);
    for (size_t i = 0; i < eng->nev && eng->ev[i].date <= on; i++) {
        const struct engine_event *x = &eng->ev[i];
        uint32_t m = x->member;
        switch ((enum member_event_kind)x->kind) {
        case MEV_ADMIT:
            if (x->date > recent) {
                s->admitted[m] = admission_decision(eng, s, m, x->date);
                s->flags[m] &= (uint8_t) ~(F_EXEMPT | F_SUSPENDED);
            }
            s->flags[m] |= F_ADMITTED;
            break;
        case MEV_EXEMPT:
            s->flags[m] =
                (uint8_t)(x->form == 0 ? s->flags[m] | F_EXEMPT : s->flags[m] & ~F_EXEMPT);
            break;
        case MEV_SUSPEND:
            s->flags[m] =
                (uint8_t)(x->form == 0 ? s->flags[m] | F_SUSPENDED : s->flags[m] & ~F_SUSPENDED);
            break;
        case MEV_EXIT:
            s->flags[m] &= (uint8_t) ~(F_EXEMPT | F_SUSPENDED);
            s->last_exit[m] = x->date;
            break;
        default:
            break;
        }
    }
}

struct collect {
    const struct engine *eng;
    const struct engine_range *r;
    const struct state *s;
    struct review_registrant *v;
    size_t n, cap;
    uint32_t pos; /* the last chi bộ seen (members come chi bộ by chi bộ) and its id */
    int64_t org_id;
};

static void collect(void *ctx, const struct engine_member *m)
{
    struct collect *c = ctx;
    ALLOC_GROW(c->v, c->n + 1, c->cap);
    struct review_registrant *x = &c->v[c->n++];
    x->member_id = m->member_id;
    if (m->pos != c->pos) {
        c->pos = m->pos;
        c->org_id = engine_org_at(c->eng, c->r, m->pos)->id;
    }
    x->org_id = c->org_id;
    x->status.exempted = c->s->flags[m->idx] & F_EXEMPT;
    x->status.suspended = c->s->flags[m->idx] & F_SUSPENDED;
    x->status.admitted = c->s->admitted[m->idx];
}

enum tcxd_err engine_review_registrants(const struct engine *eng, int64_t org_id, tcxd_date on,
                                        struct review_registrant **out, size_t *n,
                                        struct tcxd_error *e)
{
    struct engine_range r;
    *out = NULL;
    *n = 0;
    enum tcxd_err rc = engine_subtree(eng, org_id, on, &r, e);
    if (rc)
        return rc;
    size_t nm = eng->nmembers ? eng->nmembers : 1;
    struct state s = {xcalloc(nm, 1), xmalloc(nm * sizeof(tcxd_date)),
                      xmalloc(nm * sizeof(tcxd_date))};
    for (size_t i = 0; i < nm; i++)
        s.admitted[i] = s.last_exit[i] = DATE_NONE;
    replay(eng, on, &s);
    struct collect c = {eng, &r, &s, NULL, 0, 0, UINT32_MAX, 0};
    engine_members(eng, &r, false, collect, &c);
    free(s.flags);
    free(s.admitted);
    free(s.last_exit);
    *out = c.v;
    *n = c.n;
    return TCXD_OK;
}

enum tcxd_err engine_review_unreviewed(struct store *st, struct review_report *r, bool named,
                                       struct tcxd_error *e)
{
    struct engine *eng;
    enum tcxd_err rc = engine_acquire(st, &eng, e);
    if (rc)
        return rc;
    struct review_registrant *v;
    size_t n;
    rc = engine_review_registrants(eng, r->root_id, review_report_date(r->year), &v, &n, e);
    engine_release(eng);
    if (rc == TCXD_ENOTFOUND) /* the store names the organization and the day */
        return store_review_unreviewed(st, r, named, e);
    if (!rc)
        rc = store_review_unreviewed_of(st, r, named, v, n, e);
    free(v);
    return rc;
}
