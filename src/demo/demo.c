/*
 * demo.c - profiles and the writer: plans a profile (demo_orgs.c, demo_people.c) and writes it
 * through the store API in one outer transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "demo/demo_internal.h"
#include "plan/provinces.h"
#include "plan/restructure.h"
#include "store/store_bulk.h"
#include "util/buf.h"
#include "util/xmalloc.h"

static const char *const profile_names[DEMO__MAX] = {"small", "hanoi-2020", "national"};

const char *demo_profile_name(enum demo_profile p)
{
    return (unsigned)p < DEMO__MAX ? profile_names[p] : "?";
}

enum tcxd_err demo_profile_parse(const char *s, enum demo_profile *out, struct tcxd_error *e)
{
    for (int i = 0; i < DEMO__MAX; i++)
        if (s && !strcmp(s, profile_names[i])) {
            *out = (enum demo_profile)i;
            return TCXD_OK;
        }
    return tcxd_fail(e, TCXD_EINVAL, "profile",
                     "unknown profile '%s' (small, hanoi-2020 or national)", s ? s : "");
}

/* Hà Nội on 31/12/2020: the figures of the city's report. */
#define HN_ABOVE    50
#define HN_BASE     2316
#define HN_PARTIAL  176
#define HN_BRANCHES 17225
#define HN_MEMBERS  457397

#define NATIONAL_MEMBERS 5600000

static const char *const small_districts[] = {"001", "002", NULL};

void demo_profile_figures(enum demo_profile p, struct demo_figures *out)
{
    memset(out, 0, sizeof(*out));
    out->as_of = date_from_ymd(2020, 12, 31);
    switch (p) {
    case DEMO_SMALL:
        out->direct_above_base = 2;
        out->base = 10;
        out->partial = 2;
        out->branches = 36;
        out->members = 400;
        break;
    case DEMO_HANOI_2020:
        out->direct_above_base = HN_ABOVE;
        out->base = HN_BASE;
        out->partial = HN_PARTIAL;
        out->branches = HN_BRANCHES;
        out->members = HN_MEMBERS;
        break;
    default:
        out->direct_above_base = 63;
        out->members = NATIONAL_MEMBERS;
        break;
    }
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* ---- writing -----------------------------------------------------------------------------------
 */

struct writer {
    struct store *st;
    const struct store_actor *who;
    struct demo_plan *p;
    const struct demo_options *o;
    struct demo_result *res;
    struct rng r;
    int64_t done, total;
    const char *phase;
    struct store_bulk *bulk; /* the load the people without a merge go through */
    /* write_history's work: the history items (the first hist_init initialized) */
    struct member_history_item *hist;
    size_t hist_cap, hist_init;
    char adec[48];
};

static void progress(struct writer *w)
{
    if (!w->o->progress)
        return;
    if (w->total < 200 || w->done % (w->total / 200) == 0 || w->done == w->total)
        w->o->progress(w->o->ctx, w->phase, w->done, w->total);
}

/* "123-QĐ/HU": a decision of the committee above org (numbers are random, not sequential) */
static void decision_no(struct writer *w, int32_t org, char *out, size_t n)
{
    const char *suffix = org >= 0 ? w->p->orgs[org].dec : "TU";
    snprintf(out, n, "%u-QĐ/%s", 1 + rng_below(&w->r, 1500), suffix ? suffix : "TU");
}

static enum tcxd_err write_orgs(struct writer *w, struct tcxd_error *e)
{
    struct demo_plan *p = w->p;
    w->phase = "organizations";
    w->done = 0;
    w->total = (int64_t)p->norgs;
    for (size_t i = 0; i < p->norgs; i++) {
        struct demo_org *o = &p->orgs[i];
        char dec[48];
        decision_no(w, o->parent >= 0 ? o->parent : (int32_t)i, dec, sizeof(dec));
        struct org_create_req req = {
            .code = o->code,
            .name = o->name,
            .tier = o->tier,
            .form = o->form,
            .base_type = o->base_type,
            .parent_id = o->parent >= 0 ? p->orgs[o->parent].id : p->root_parent_id,
            .date = o->created,
            .decision_no = dec,
        };
        enum tcxd_err rc = store_org_create(w->st, w->who, &req, &o->id, e);
        if (rc)
            return rc;
        w->res->orgs++;
        w->done++;
        progress(w);
    }
    return TCXD_OK;
}

static void full_name(const struct demo_data *d, const struct demo_person *x, struct buf *out)
{
    buf_reset(out);
    buf_adds(out, d->surname.parts[x->surname]);
    buf_addch(out, ' ');
    buf_adds(out, x->middle == DEMO_MIDDLE_THI ? "Thị" : d->middle.parts[x->middle]);
    buf_addch(out, ' ');
    buf_adds(out, d->given.parts[x->given]);
}

/* The person's record as the text a form or a file would give, cleaned and checked. The caller
   releases f with member_fields_release whatever the result. */
static enum tcxd_err person_fields(struct writer *w, struct demo_person *x, struct buf *name,
                                   struct member_fields *f, struct tcxd_error *e)
{
    const struct demo_data *d = w->p->data;
    char birth[DATE_ISO_LEN], nid[16], card[16], home[400];
    const struct demo_unit *u = &d->units[x->home];
    full_name(d, x, name);
    date_format_iso(x->birth, birth);
    snprintf(nid, sizeof(nid), "%012llu", (unsigned long long)x->nid);
    if (x->card)
        snprintf(card, sizeof(card), "%08u",
                 (unsigned)(((uint64_t)x->card * 7919u + 1234567u) % 100000000u));
    else
        card[0] = '\0';
    snprintf(home, sizeof(home), "%s, %s, %s", u->ward, u->district, u->province);
    struct member_strings s = {
        .full_name = name->ptr,
        .gender = gender_name((enum gender)x->gender),
        .birth_date = birth,
        .ethnicity = demo_ethnicities[x->eth],
        .religion = demo_religions[x->rel],
        .hometown = home,
        .national_id = nid,
        .education = demo_education[x->edu],
        .professional_level = demo_professional[x->prof],
        .theory_level = theory_level_name((enum theory_level)x->theory),
        .party_card_no = card,
    };
    member_fields_init(f);
    return member_fields_parse(&s, f, e);
}

static enum tcxd_err write_admission(struct writer *w, struct demo_person *x, struct buf *name,
                                     struct tcxd_error *e)
{
    const struct demo_ev *ev = &w->p->evs[x->ev0];
    char dec[48];
    struct member_fields f;
    enum tcxd_err rc = person_fields(w, x, name, &f, e);
    if (!rc) {
        decision_no(w, ev->org, dec, sizeof(dec));
        struct member_admit_req req = {.fields = &f,
                                       .org_id = w->p->orgs[ev->org].id,
                                       .decision_date = ev->decision,
                                       .ceremony_date = ev->date,
                                       .decision_no = dec};
        rc = store_member_admit(w->st, w->who, &req, &x->id, e);
    }
    member_fields_release(&f);
    return rc;
}

/* The person's whole history through the bulk path: the admission, then every later event as
   a history item in the planned order - the rows the per-member path below would write (the
   same events in the same order, the same decision numbers), without an audit record each. */
static enum tcxd_err write_history(struct writer *w, struct demo_person *x, struct buf *name,
                                   struct tcxd_error *e)
{
    const struct demo_plan *p = w->p;
    const struct demo_ev *ev0 = &p->evs[x->ev0];
    struct member_fields f;
    enum tcxd_err rc = person_fields(w, x, name, &f, e);
    if (!rc) {
        char dec[48];
        decision_no(w, ev0->org, w->adec, sizeof(w->adec)); /* as write_admission draws it */
        size_t nh = x->nev - 1u;
        ALLOC_GROW(w->hist, nh, w->hist_cap);
        for (size_t k = w->hist_init; k < w->hist_cap; k++)
            member_history_item_init(&w->hist[k]);
        w->hist_init = w->hist_cap;
        for (size_t k = 0; k < nh; k++) {
            const struct demo_ev *ev = &p->evs[x->ev0 + 1 + k];
            struct member_history_item *h = &w->hist[k];
            bool admit = ev->kind == MEV_ADMIT;
            h->ev = (struct member_event){
                .kind = (enum member_event_kind)ev->kind,
                .date = ev->date, /* a recognition: 12 months after the ceremony, as planned */
                .decision_date = ev->decision,
                .org_id = ev->org >= 0 ? p->orgs[ev->org].id : 0,
                .form = admit ? 0 : ev->form,
                .until = admit ? DATE_NONE : ev->until,
            };
            buf_reset(&h->decision_no);
            decision_no(w, ev->org >= 0 ? ev->org : ev0->org, dec, sizeof(dec));
            buf_adds(&h->decision_no, dec);
            buf_reset(&h->detail);
            buf_reset(&h->place);
            h->scope = SCOPE_NONE;
        }
        struct store_bulk_member m = {
            .fields = &f,
            .org_id = p->orgs[ev0->org].id,
            .decision_date = ev0->decision,
            .ceremony_date = ev0->date,
            .official_decision_date = DATE_NONE,
            .decision_no = w->adec,
            .official_decision_no = "",
            .history = w->hist,
            .nhistory = nh,
        };
        rc = store_bulk_member_add(w->bulk, &m, &x->id, e);
        if (rc) {
            char msg[sizeof(e->msg)], field[sizeof(e->field)];
            snprintf(msg, sizeof(msg), "%s", e ? e->msg : "");
            snprintf(field, sizeof(field), "%s", e ? e->field : "");
            rc = tcxd_fail(e, rc, field, "demo member '%s': %s", name->ptr, msg);
        }
    }
    member_fields_release(&f);
    if (!rc) {
        w->res->members++;
        w->res->member_events += x->nev - 1;
    }
    return rc;
}

/* Writes the person's events with index in [from, to) (0 = the admission). */
static enum tcxd_err write_events(struct writer *w, struct demo_person *x, uint32_t from,
                                  uint32_t to, struct buf *name, struct tcxd_error *e)
{
    enum tcxd_err rc;
    for (uint32_t k = from; k < to; k++) {
        const struct demo_ev *ev = &w->p->evs[x->ev0 + k];
        if (k == 0) {
            if ((rc = write_admission(w, x, name, e)))
                return rc;
            w->res->members++;
            continue;
        }
        char dec[48];
        int32_t reg = w->p->evs[x->ev0].org;
        decision_no(w, ev->org >= 0 ? ev->org : reg, dec, sizeof(dec));
        if (ev->kind == MEV_ADMIT) {
            rc = store_member_readmit(w->st, w->who, x->id, w->p->orgs[ev->org].id, ev->decision,
                                      ev->date, dec, e);
        } else {
            struct member_event me = {
                .kind = (enum member_event_kind)ev->kind,
                .date = ev->kind == MEV_OFFICIAL ? DATE_NONE : ev->date,
                .decision_date = ev->decision,
                .org_id = ev->org >= 0 ? w->p->orgs[ev->org].id : 0,
                .form = ev->form,
                .until = ev->until,
            };
            rc = store_member_event(w->st, w->who, x->id, &me, dec, "", e);
        }
        if (rc) {
            char d[DATE_ISO_LEN];
            date_format_vn(ev->date, d);
            char msg[sizeof(e->msg)], field[sizeof(e->field)];
            snprintf(msg, sizeof(msg), "%s", e ? e->msg : "");
            snprintf(field, sizeof(field), "%s", e ? e->field : "");
            return tcxd_fail(e, rc, field, "demo member '%s', %s on %s: %s", name->ptr,
                             member_event_kind_name((enum member_event_kind)ev->kind), d, msg);
        }
        w->res->member_events++;
    }
    return TCXD_OK;
}

static uint32_t first_at_or_after(const struct demo_plan *p, const struct demo_person *x,
                                  tcxd_date d)
{
    uint32_t k = 1;
    while (k < x->nev && p->evs[x->ev0 + k].date < d)
        k++;
    return k;
}

static enum tcxd_err write_people(struct writer *w, struct tcxd_error *e)
{
    struct demo_plan *p = w->p;
    struct buf name = BUF_INIT;
    enum tcxd_err rc = TCXD_OK;
    w->phase = "members";
    w->done = 0;
    w->total = (int64_t)p->npeople;
    for (size_t k = 0; !rc && k < p->nops; k++) {
        const struct demo_op *op = &p->ops[k];
        if (op->kind != DEMO_OP_MOVE)
            continue;
        char dec[48];
        decision_no(w, op->other, dec, sizeof(dec));
        rc = store_org_move(w->st, w->who, p->orgs[op->org].id, p->orgs[op->other].id, op->date,
                            dec, e);
        w->res->org_ops += !rc;
    }
    for (size_t i = 0; !rc && i < p->npeople; i++) {
        struct demo_person *x = &p->people[i];
        if (x->merge_block)
            continue;
        if (w->bulk)
            rc = write_history(w, x, &name, e);
        else
            rc = write_events(w, x, 0, x->nev, &name, e);
        w->done++;
        progress(w);
    }
    /* the load's rows, indexes and counts in place: the merges below find their members */
    if (!rc && w->bulk)
        rc = store_bulk_prepare(w->bulk, e);
    /* people of chi bộ merged away: their history up to the merge, the merge, the rest */
    for (size_t k = 0; !rc && k < p->nops; k++) {
        const struct demo_op *op = &p->ops[k];
        if (op->kind != DEMO_OP_MERGE)
            continue;
        for (size_t i = 0; !rc && i < p->npeople; i++) {
            struct demo_person *x = &p->people[i];
            if (x->merge_block && p->evs[x->ev0].org == op->org)
                rc = write_events(w, x, 0, first_at_or_after(p, x, op->date), &name, e);
        }
        char dec[48];
        decision_no(w, op->other, dec, sizeof(dec));
        if (!rc)
            rc = store_org_merge(w->st, w->who, p->orgs[op->org].id, p->orgs[op->other].id,
                                 op->date, dec, e);
        w->res->org_ops += !rc;
        for (size_t i = 0; !rc && i < p->npeople; i++) {
            struct demo_person *x = &p->people[i];
            if (x->merge_block && p->evs[x->ev0].org == op->org) {
                rc = write_events(w, x, first_at_or_after(p, x, op->date), x->nev, &name, e);
                w->done++;
                progress(w);
            }
        }
    }
    buf_release(&name);
    return rc;
}

/* ---- profiles ----------------------------------------------------------------------------------
 */

static enum tcxd_err build_province(struct writer *w, const struct demo_spec *spec,
                                    struct tcxd_error *e)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    enum tcxd_err rc = demo_plan_orgs(w->p, spec, -1, e);
    if (rc)
        return rc;
    demo_plan_people(w->p);
    w->res->dropped += w->p->dropped;
    w->p->dropped = 0;
    w->res->plan_seconds += seconds_since(&t0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rng_seed(&w->r, w->p->seed, 0xdec15 + (uint64_t)strtoul(spec->province_code, NULL, 10));
    if (!(rc = write_orgs(w, e)))
        rc = write_people(w, e);
    w->res->write_seconds += seconds_since(&t0);
    return rc;
}

/* One transaction: the organizations, the people, the merges. Through the bulk path the people
   without a merge are loaded by the sole writer of the member tables (until store_bulk_prepare)
   with one audit record for the load (after: its JSON); per member, each operation has its
   own. */
static enum tcxd_err load_province(struct writer *w, const struct demo_spec *spec,
                                   const char *after, struct tcxd_error *e)
{
    enum tcxd_err rc;
    if (w->o->per_member) {
        if ((rc = store_begin(w->st, e)))
            return rc;
        if ((rc = build_province(w, spec, e)))
            store_rollback(w->st);
        else
            rc = store_commit(w->st, e);
        return rc;
    }
    struct store_bulk_opts bo = {.expected_rows = (size_t)spec->members,
                                 .indexes = STORE_BULK_INDEXES_AUTO,
                                 .sole_writer = true};
    if ((rc = store_bulk_begin_opts(w->st, &bo, &w->bulk, e)))
        return rc;
    if ((rc = build_province(w, spec, e)))
        store_bulk_abort(w->bulk);
    else
        rc = store_bulk_commit(w->bulk, w->who, "demo.generate", after, e);
    w->bulk = NULL;
    return rc;
}

/* ---- the 2025 restructuring ------------------------------------------------------------------ */

static enum tcxd_err apply_plan(struct writer *w, const struct restructure_plan *p,
                                struct tcxd_error *e)
{
    struct restructure_result r;
    restructure_result_init(&r);
    struct restructure_opts o = {true, 0};
    enum tcxd_err rc = restructure_run(w->st, w->who, p, &o, &r, e);
    if (!rc) {
        w->res->orgs += r.created;
        w->res->org_ops += r.moved + r.ended + r.retiered;
    }
    restructure_result_release(&r);
    return rc;
}

/* Hà Nội's 126 commune-level committees from 01/07/2025 (data/plans/hanoi-2025.csv, the real
   mapping of Nghị quyết 1656/NQ-UBTVQH15): moves of organizations this seed did not make are
   left out. */
static enum tcxd_err restructure_hanoi(struct writer *w, struct tcxd_error *e)
{
    size_t len;
    const char *csv = demo_file("hanoi-2025.csv", &len);
    if (!csv)
        return tcxd_fail(e, TCXD_EINTERNAL, "", "demo data file %s is not built in",
                         "hanoi-2025.csv");
    struct restructure_plan p;
    struct restructure_result r;
    restructure_plan_init(&p);
    restructure_result_init(&r);
    enum tcxd_err rc = restructure_plan_read(csv, len, "hanoi-2025.csv", &p, &r, e);
    restructure_result_release(&r);
    if (!rc) {
        size_t k = 0;
        for (size_t i = 0; i < p.n; i++) {
            struct plan_row *x = &p.rows[i];
            if (x->action == PLAN_MOVE && !store_org_code_used(w->st, x->code)) {
                free(x->code);
                free(x->name);
                free(x->parent);
                free(x->into);
                free(x->decision_no);
                continue;
            }
            p.rows[k++] = *x;
        }
        p.n = k;
        rc = apply_plan(w, &p, e);
    }
    restructure_plan_release(&p);
    return rc;
}

struct province_codes {
    char gso[100][4];
    char code[100][33];
    size_t n;
};

static const char *province_committee(void *ctx, const char *gso)
{
    const struct province_codes *pc = ctx;
    for (size_t i = 0; i < pc->n; i++)
        if (!strcmp(pc->gso[i], gso))
            return pc->code[i];
    return NULL;
}

/* The 63 provincial committees become 34 on 01/07/2025 (data/admin_units/
   province_mapping_2025.csv). */
static enum tcxd_err restructure_provinces(struct writer *w, const struct province_codes *pc,
                                           struct tcxd_error *e)
{
    size_t len, n;
    const char *csv = demo_file("province_mapping_2025.csv", &len);
    if (!csv)
        return tcxd_fail(e, TCXD_EINTERNAL, "", "demo data file %s is not built in",
                         "province_mapping_2025.csv");
    struct province_link *l;
    enum tcxd_err rc = province_links_read(csv, len, &l, &n, e);
    if (rc)
        return rc;
    struct restructure_plan p;
    restructure_plan_init(&p);
    p.date = org_rules_2025();
    province_plan(l, n, "VN", province_committee, (void *)pc, &p);
    free(l);
    rc = apply_plan(w, &p, e);
    restructure_plan_release(&p);
    return rc;
}

/* The communes a scaled province keeps: 2 in each of its first 2 districts. */
static int64_t scaled_communes(const struct demo_data *d, const char *province)
{
    int64_t n = 0;
    int districts = 0, in_district = 0;
    const char *cur = NULL;
    for (size_t i = 0; i < d->nunits; i++) {
        const struct demo_unit *u = &d->units[i];
        if (strcmp(u->province_code, province))
            continue;
        if (!cur || strcmp(cur, u->district_code)) {
            cur = u->district_code;
            districts++;
            in_district = 0;
        }
        if (districts <= 2 && in_district++ < 2)
            n++;
    }
    return n;
}

static enum tcxd_err build_national(struct writer *w, struct tcxd_error *e)
{
    const struct demo_data *d = w->p->data;
    struct {
        char code[4];
        const char *name;
        int wards, communes;
    } prov[100];
    size_t np = 0;
    for (size_t i = 0; i < d->nunits; i++) {
        const struct demo_unit *u = &d->units[i];
        if (!np || strcmp(prov[np - 1].code, u->province_code)) {
            if (np == ARRAY_SIZE(prov))
                break;
            snprintf(prov[np].code, sizeof(prov[np].code), "%s", u->province_code);
            prov[np].name = u->province;
            prov[np].wards = prov[np].communes = 0;
            np++;
        }
        if (!strncmp(u->ward, "Phường", strlen("Phường")))
            prov[np - 1].wards++;
        else
            prov[np - 1].communes++;
    }
    /* root: the Party */
    struct org_create_req req = {.code = "VN",
                                 .name = "Đảng Cộng sản Việt Nam",
                                 .tier = ORG_TIER_ABOVE_BASE,
                                 .form = ORG_FORM_DANG_BO,
                                 .base_type = ORG_BASE_NONE,
                                 .parent_id = 0,
                                 .date = date_from_ymd(1930, 2, 3),
                                 .decision_no = ""};
    int64_t root = 0;
    enum tcxd_err rc = store_org_create(w->st, w->who, &req, &root, e);
    if (rc)
        return rc;
    w->res->orgs++;
    w->p->root_parent_id = root;
    double *wt = xmalloc(np * sizeof(*wt));
    int32_t *lo = xmalloc(np * sizeof(*lo)), *members = xmalloc(np * sizeof(*members));
    struct province_codes *pc = xcalloc(1, sizeof(*pc));
    size_t hn = np;
    for (size_t i = 0; i < np; i++) {
        wt[i] = prov[i].communes + 2.5 * prov[i].wards;
        lo[i] = 20000;
        if (!strcmp(prov[i].code, "01"))
            hn = i;
        if (!strcmp(prov[i].code, "79"))
            wt[i] *= 1.6; /* Hồ Chí Minh City */
    }
    if (hn < np)
        wt[hn] = 0, lo[hn] = 0;
    demo_allocate(NATIONAL_MEMBERS - (hn < np ? HN_MEMBERS : 0), wt, lo, NULL, np, members);
    bool scaled = w->o->scale > 0 && w->o->scale < 1;
    if (scaled)
        w->res->figures.members = 0; /* the sum of the provinces' below */
    for (size_t i = 0; !rc && i < np; i++) {
        int n = prov[i].wards + prov[i].communes;
        char rootcode[16];
        struct demo_spec spec = {.province_code = prov[i].code, .root_code = "", .nblocs = 4};
        /* the code: initials of the bare name, numbered when taken ("Tỉnh Hà Nam" -> HN2) */
        const char *bare = prov[i].name;
        if (!strncmp(bare, "Thành phố ", strlen("Thành phố ")))
            bare += strlen("Thành phố ");
        else if (!strncmp(bare, "Tỉnh ", strlen("Tỉnh ")))
            bare += strlen("Tỉnh ");
        demo_initials(bare, rootcode, sizeof(rootcode));
        if (!strcmp(prov[i].code, "79"))
            snprintf(rootcode, sizeof(rootcode), "HCM");
        spec.root_code = rootcode;
        if (scaled) {
            /* a smaller tree: the first 2 districts with 2 communes each, the 4 blocs (2 base
               organizations each at least), 2 more base organizations per district */
            spec.max_districts = 2;
            spec.communes_per_district = 2;
            int64_t m = (int64_t)((double)(i == hn ? HN_MEMBERS : members[i]) * w->o->scale);
            spec.members = m > SCALED_MIN_MEMBERS ? m : SCALED_MIN_MEMBERS;
            spec.base = scaled_communes(d, prov[i].code) + 4 * 2 + 2 * 2 + 2;
            /* enough chi bộ for every base organization to be a đảng bộ of 3 */
            spec.branches = spec.members / 27 > 3 * spec.base ? spec.members / 27 : 3 * spec.base;
            spec.partial = 1;
            w->res->figures.members += spec.members;
        } else if (i == hn) {
            spec.hanoi_blocs = true;
            spec.base = HN_BASE;
            spec.partial = HN_PARTIAL;
            spec.branches = HN_BRANCHES;
            spec.members = HN_MEMBERS;
        } else {
            spec.members = members[i];
            spec.branches = members[i] / 27;
            spec.base = n + n * 3 / 2 + 20;
            spec.partial = spec.base / 20;
        }
        /* one transaction per province (memory stays bounded) */
        char after[256];
        snprintf(after, sizeof(after),
                 "{\"profile\":\"national\",\"seed\":%llu,\"province\":\"%.3s\","
                 "\"members\":%lld}",
                 (unsigned long long)w->o->seed, prov[i].code, (long long)spec.members);
        rc = load_province(w, &spec, after, e);
        /* the committee's code as made unique ("QN" taken: "QN2") */
        memcpy(pc->gso[pc->n], prov[i].code, sizeof(pc->gso[0]));
        snprintf(pc->code[pc->n++], sizeof(pc->code[0]), "%s",
                 w->p->norgs ? w->p->orgs[0].code : rootcode);
        demo_plan_reset(w->p);
        if (w->o->progress)
            w->o->progress(w->o->ctx, "provinces", (int64_t)i + 1, (int64_t)np);
    }
    if (!rc && date_today() >= org_rules_2025())
        rc = restructure_provinces(w, pc, e);
    free(pc);
    free(wt);
    free(lo);
    free(members);
    return rc;
}

enum tcxd_err demo_generate(struct store *st, const struct store_actor *who,
                            const struct demo_options *o, struct demo_result *out,
                            struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    demo_profile_figures(o->profile, &out->figures);
    if (o->scale < 0 || o->scale > 1 || (o->scale > 0 && o->scale < 1e-4))
        return tcxd_fail(e, TCXD_EINVAL, "scale", "the scale is a number in [0,0001; 1]");
    if (o->scale > 0 && o->scale < 1 && o->profile != DEMO_NATIONAL)
        return tcxd_fail(e, TCXD_EINVAL, "scale", "only the national profile can be scaled");
    tcxd_date today = date_today();
    if (today <= out->figures.as_of) {
        char a[DATE_ISO_LEN], t[DATE_ISO_LEN];
        date_format_vn(out->figures.as_of, a);
        date_format_vn(today, t);
        return tcxd_fail(e, TCXD_EINVAL, "today",
                         "the %s profile holds its figures on %s: today (%s) must be later",
                         demo_profile_name(o->profile), a, t);
    }
    struct demo_data data;
    enum tcxd_err rc = demo_data_load(&data, e);
    if (rc)
        return rc;
    struct demo_plan plan;
    demo_plan_init(&plan, &data, o->seed, out->figures.as_of, today);
    plan.nmerges = o->profile == DEMO_SMALL ? 1 : 2;
    plan.overdue_rate = o->profile == DEMO_SMALL ? 0.5 : 0.0015;
    plan.national_home = o->profile == DEMO_NATIONAL;
    struct writer w = {.st = st, .who = who, .p = &plan, .o = o, .res = out};
    store_bulk_mode(st, true);
    if (o->profile == DEMO_NATIONAL) {
        rc = build_national(&w, e);
    } else {
        struct demo_spec spec = {.province_code = "01", .root_code = "HN"};
        spec.base = out->figures.base;
        spec.partial = out->figures.partial;
        spec.branches = out->figures.branches;
        spec.members = out->figures.members;
        if (o->profile == DEMO_SMALL) {
            spec.district_codes = small_districts;
            spec.communes_per_district = 3;
        } else {
            spec.hanoi_blocs = true;
        }
        char after[128];
        snprintf(after, sizeof(after), "{\"profile\":\"%s\",\"seed\":%llu,\"members\":%lld}",
                 demo_profile_name(o->profile), (unsigned long long)o->seed,
                 (long long)spec.members);
        rc = load_province(&w, &spec, after, e);
        if (!rc && o->profile == DEMO_HANOI_2020 && today >= org_rules_2025())
            rc = restructure_hanoi(&w, e);
    }
    store_bulk_mode(st, false);
    for (size_t k = 0; k < w.hist_init; k++)
        member_history_item_release(&w.hist[k]);
    free(w.hist);
    demo_plan_release(&plan);
    demo_data_release(&data);
    return rc;
}
