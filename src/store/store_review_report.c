/*
 * store_review_report.c - the review's reports over a subtree (see store_review.h): the year's
 * decided levels by group, last year's for the change, the named list, and the subjects that
 * were never reviewed.
 */
#include "store/store_review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_review_internal.h"
#include "store/store_scope.h"
#include "text/text.h"
#include "util/xmalloc.h"
#include "util/banned.h"

/* ---- levels ------------------------------------------------------------------------------- */

static const struct {
    const char *name, *noun;
} groups[REVIEW_GROUP__MAX] = {
    [REVIEW_GROUP_BASE] = {"base", "tổ chức cơ sở đảng"},
    [REVIEW_GROUP_COMMITTEE] = {"committee", "đảng bộ cấp trên cơ sở trực thuộc"},
    [REVIEW_GROUP_BRANCH] = {"branch", "tổ chức đảng trực thuộc đảng ủy cơ sở"},
    [REVIEW_GROUP_MEMBER] = {"member", "đảng viên"},
};

const char *review_group_name(enum review_group g)
{
    return (unsigned)g < REVIEW_GROUP__MAX ? groups[g].name : "";
}

const char *review_group_noun(enum review_group g)
{
    return (unsigned)g < REVIEW_GROUP__MAX ? groups[g].noun : "";
}

void review_report_release(struct review_report *r)
{
    free(r->items);
    free(r->missing);
    memset(r, 0, sizeof(*r));
}

/* Classifies the year's rows over root's subtree of t; keeps the items when keep is set. */
static void classify(const struct org_tree *t, uint32_t root, struct item_vec *rows,
                     struct review_counts *counts, int *undecided, struct review_counts *selfc,
                     struct review_counts *verc, struct review_report *keep)
{
    for (size_t i = 0; i < rows->n; i++) {
        struct review_report_item *it = &rows->v[i];
        uint32_t x = org_tree_find(t, it->org_id);
        if (x == TREE_NONE || !org_tree_in_subtree(t, root, x))
            continue;
        const struct org_node *nd = &t->nodes[x];
        if (it->member_id) {
            it->group = REVIEW_GROUP_MEMBER;
            uint32_t b = review_base_of(t, x);
            it->unit_id = b != TREE_NONE ? t->nodes[b].id : nd->id;
        } else {
            if (x == root)
                continue;
            it->group = nd->tier == ORG_TIER_BASE         ? REVIEW_GROUP_BASE
                        : nd->tier == ORG_TIER_ABOVE_BASE ? REVIEW_GROUP_COMMITTEE
                                                          : REVIEW_GROUP_BRANCH;
            it->unit_id = nd->parent_id;
            snprintf(it->name, sizeof(it->name), "%s", nd->name);
        }
        snprintf(it->code, sizeof(it->code), "%s", nd->code);
        uint32_t u = org_tree_find(t, it->unit_id);
        if (u != TREE_NONE) {
            snprintf(it->unit_code, sizeof(it->unit_code), "%s", t->nodes[u].code);
            snprintf(it->unit_name, sizeof(it->unit_name), "%s", t->nodes[u].name);
        }
        if (it->has_final)
            review_counts_add(&counts[it->group], it->final_level);
        else if (undecided)
            undecided[it->group]++;
        if (selfc && it->has_self)
            review_counts_add(&selfc[it->group], it->self_level);
        if (verc && it->has_verified)
            review_counts_add(&verc[it->group], it->verified_level);
        if (keep && it->has_final) {
            int lg = it->final_legacy;
            if (lg < 0)
                lg = it->member_id ? (int)review_legacy_member_from_level(it->final_level)
                                   : (int)review_legacy_org_from_level(it->final_level);
            keep->legacy[it->group][lg]++;
            if (it->historical)
                keep->historical[it->group]++;
        }
        if (keep) {
            ALLOC_GROW(keep->items, keep->n_items + 1, keep->alloc_items);
            keep->items[keep->n_items++] = *it;
        }
    }
}

static _Thread_local struct text_collator *sort_coll; /* qsort has no context argument */

static int item_cmp(const void *a, const void *b)
{
    const struct review_report_item *x = a, *y = b;
    if (x->group != y->group)
        return (int)x->group - (int)y->group;
    int c = text_collator_compare(sort_coll, x->name, y->name);
    return c ? c : (x->review_id < y->review_id ? -1 : x->review_id > y->review_id);
}

enum tcxd_err store_review_report(struct store *st, int64_t root, int year,
                                  struct review_report *out, struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    out->year = year;
    out->root_id = root;
    for (int g = 0; g < REVIEW_GROUP__MAX; g++) {
        review_counts_init(&out->counts[g]);
        review_counts_init(&out->prev[g]);
        review_counts_init(&out->self_counts[g]);
        review_counts_init(&out->verified_counts[g]);
    }
    struct org_tree t;
    struct item_vec rows = {0};
    enum tcxd_err rc;
    if (year < 1900 || year > 9999)
        return tcxd_fail(e, TCXD_EINVAL, "year", "invalid review year %d", year);
    if ((rc = store_tree_load(st, review_report_date(year), &t, e)))
        return rc;
    uint32_t r = org_tree_find(&t, root);
    if (r == TREE_NONE) {
        char d[DATE_ISO_LEN];
        date_format_vn(review_report_date(year), d);
        rc = tcxd_fail(e, TCXD_ENOTFOUND, "org", "organization #%lld did not exist on %s",
                       (long long)root, d);
    } else if (!(rc = review_load_year(st, year, &rows, e))) {
        snprintf(out->root_name, sizeof(out->root_name), "%s", t.nodes[r].name);
        struct tcxd_error ig;
        if (review_ruleset_for_year(year, &out->rs, &ig))
            out->rs = NULL;
        classify(&t, r, &rows, out->counts, out->undecided, out->self_counts, out->verified_counts,
                 out);
    }
    org_tree_release(&t);
    free(rows.v);
    if (rc)
        return rc;
    /* the figures count the subtree of that year; the named list keeps only the members in
       the reader's scope today (store_scope.h) */
    size_t kept = 0;
    for (size_t i = 0; i < out->n_items; i++)
        if (!out->items[i].member_id || store_scope_member(st, out->items[i].member_id))
            out->items[kept++] = out->items[i];
    out->n_items = kept;
    sort_coll = store_collator(st);
    if (out->n_items > 1)
        qsort(out->items, out->n_items, sizeof(*out->items), item_cmp);

    memset(&rows, 0, sizeof(rows));
    if ((rc = store_tree_load(st, review_report_date(year - 1), &t, e)))
        return rc;
    r = org_tree_find(&t, root);
    if (r != TREE_NONE && !(rc = review_load_year(st, year - 1, &rows, e)))
        classify(&t, r, &rows, out->prev, NULL, NULL, NULL, NULL);
    org_tree_release(&t);
    free(rows.v);
    return rc;
}

/* ---- subjects never reviewed ------------------------------------------------------------- */

static int id_cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static bool id_in(const int64_t *v, size_t n, int64_t id)
{
    return n && bsearch(&id, v, n, sizeof(*v), id_cmp);
}

struct id_list {
    int64_t *v;
    size_t n, cap;
};

static void id_push(struct id_list *l, int64_t id)
{
    ALLOC_GROW(l->v, l->n + 1, l->cap);
    l->v[l->n++] = id;
}

static int subject_cmp(const void *a, const void *b)
{
    return id_cmp(&((const struct review_registrant *)a)->member_id,
                  &((const struct review_registrant *)b)->member_id);
}

struct subject_vec {
    struct review_registrant *v;
    size_t n, cap;
};

static void subject_push(struct subject_vec *out, int64_t member_id, int64_t org_id,
                         const struct review_member_status *st)
{
    ALLOC_GROW(out->v, out->n + 1, out->cap);
    out->v[out->n++] = (struct review_registrant){member_id, org_id, *st};
}

static void collect_registered(void *ctx, const struct member_fact *f)
{
    static const struct review_member_status none = {false, false, DATE_NONE};
    if (member_status_active(f->status))
        subject_push(ctx, f->member_id, f->org_id, &none);
}

static struct review_missing *missing_push(struct review_report *r)
{
    ALLOC_GROW(r->missing, r->n_missing + 1, r->alloc_missing);
    struct review_missing *m = &r->missing[r->n_missing++];
    memset(m, 0, sizeof(*m));
    return m;
}

static int missing_cmp(const void *a, const void *b)
{
    const struct review_missing *x = a, *y = b;
    if (x->group != y->group)
        return (int)x->group - (int)y->group;
    int c = text_collator_compare(sort_coll, x->name, y->name);
    return c ? c : (x->member_id < y->member_id ? -1 : x->member_id > y->member_id);
}

static void status_close(struct subject_vec *out, int64_t member_id, const struct member_scan *m)
{
    if (!member_id || (!m->exempt && !m->suspended && m->admitted == DATE_NONE))
        return;
    struct review_member_status st = {m->exempt, m->suspended, m->admitted};
    subject_push(out, member_id, 0, &st);
}

/* What may put members out of the review held on date (exempted, suspended, the admission
   decision of an admission in the year before it), for those whose events say anything, by
   member id: one pass over the events that decide it. */
static enum tcxd_err member_statuses(struct store *st, tcxd_date date, struct subject_vec *out,
                                     struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_REVIEW_EXCL_EVENTS);
    sqlite3_bind_int(s, 1, MEV_EXEMPT);
    sqlite3_bind_int(s, 2, MEV_SUSPEND);
    store_bind_date(s, 3, date);
    store_bind_date(s, 4, date_add_months(date, -12));
    sqlite3_bind_int(s, 5, MEV_ADMIT);
    sqlite3_bind_int(s, 6, MEV_EXIT);
    int64_t cur = 0;
    struct member_scan m = {.admitted = DATE_NONE};
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(s, 0);
        if (id != cur) {
            status_close(out, cur, &m);
            cur = id;
            memset(&m, 0, sizeof(m));
            m.admitted = DATE_NONE;
        }
        review_scan_status(&m, (enum member_event_kind)sqlite3_column_int(s, 1),
                           sqlite3_column_int(s, 2), store_column_date(s, 3));
    }
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading the review's exclusions");
    status_close(out, cur, &m);
    return TCXD_OK;
}

static enum tcxd_err member_name(struct store *st, int64_t id, char *dst, size_t n,
                                 struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_REVIEW_MEMBER_NAME);
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        store_column_copy(s, 0, dst, n);
    else if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading a member's name");
    sqlite3_reset(s);
    return TCXD_OK;
}

/* The members registered in the subtree (the organizations' ids in `subtree`) on date, each
   with its status then, through SQL. */
static enum tcxd_err subjects_sql(struct store *st, tcxd_date date, const struct id_list *subtree,
                                  struct subject_vec *out, struct tcxd_error *e)
{
    struct subject_vec stat = {0};
    enum tcxd_err rc;
    if ((rc = store_member_facts(st, date, subtree->v, subtree->n, collect_registered, out, e)) ||
        (rc = member_statuses(st, date, &stat, e)))
        goto out;
    for (size_t i = 0; i < out->n && stat.n; i++) {
        const struct review_registrant *x =
            bsearch(&out->v[i], stat.v, stat.n, sizeof(*stat.v), subject_cmp);
        if (x)
            out->v[i].status = x->status;
    }
out:
    free(stat.v);
    return rc;
}

/* store_review_unreviewed's work; subjects NULL: read them through SQL. */
static enum tcxd_err unreviewed(struct store *st, struct review_report *r, bool named,
                                const struct review_registrant *given, size_t ngiven,
                                struct tcxd_error *e)
{
    tcxd_date date = review_report_date(r->year);
    static const struct review_ruleset no_rules; /* a year no rule set judges: no 6 months */
    const struct review_ruleset *rs = r->rs ? r->rs : &no_rules;
    struct org_tree t;
    struct item_vec rows = {0};
    struct id_list reviewed_orgs = {0}, reviewed_members = {0}, subtree = {0};
    struct subject_vec read = {0};
    enum tcxd_err rc;
    memset(r->unreviewed, 0, sizeof(r->unreviewed));
    memset(r->excluded, 0, sizeof(r->excluded));
    r->n_missing = 0;
    if ((rc = store_tree_load(st, date, &t, e)))
        return rc;
    uint32_t root = org_tree_find(&t, r->root_id);
    if (root == TREE_NONE) {
        char d[DATE_ISO_LEN];
        date_format_vn(date, d);
        rc = tcxd_fail(e, TCXD_ENOTFOUND, "org", "organization #%lld did not exist on %s",
                       (long long)r->root_id, d);
        goto out;
    }
    if ((rc = review_load_year(st, r->year, &rows, e)))
        goto out;
    for (size_t i = 0; i < rows.n; i++)
        id_push(rows.v[i].member_id ? &reviewed_members : &reviewed_orgs,
                rows.v[i].member_id ? rows.v[i].member_id : rows.v[i].org_id);
    if (reviewed_orgs.n) /* qsort(NULL, 0, ...) is undefined */
        qsort(reviewed_orgs.v, reviewed_orgs.n, sizeof(int64_t), id_cmp);
    if (reviewed_members.n)
        qsort(reviewed_members.v, reviewed_members.n, sizeof(int64_t), id_cmp);

    /* organizations: every node of the subtree but its root */
    for (uint32_t x = 0; x < t.n; x++) {
        if (!org_tree_in_subtree(&t, root, x))
            continue;
        const struct org_node *nd = &t.nodes[x];
        id_push(&subtree, nd->id);
        if (x == root || id_in(reviewed_orgs.v, reviewed_orgs.n, nd->id))
            continue;
        enum review_group g = nd->tier == ORG_TIER_BASE         ? REVIEW_GROUP_BASE
                              : nd->tier == ORG_TIER_ABOVE_BASE ? REVIEW_GROUP_COMMITTEE
                                                                : REVIEW_GROUP_BRANCH;
        r->unreviewed[g]++;
        if (!named)
            continue;
        struct review_missing *m = missing_push(r);
        m->org_id = nd->id;
        m->group = g;
        snprintf(m->name, sizeof(m->name), "%s", nd->name);
        snprintf(m->code, sizeof(m->code), "%s", nd->code);
    }

    /* members registered in the subtree on the report date */
    if (!given) {
        if ((rc = subjects_sql(st, date, &subtree, &read, e)))
            goto out;
        given = read.v;
        ngiven = read.n;
    }
    for (size_t i = 0; i < ngiven; i++) {
        const struct review_registrant *g = &given[i];
        if (id_in(reviewed_members.v, reviewed_members.n, g->member_id))
            continue;
        enum review_exclusion x = review_exclusion_check(rs, &g->status, date);
        if (x != REVIEW_INCLUDED) {
            r->excluded[x]++;
            continue;
        }
        r->unreviewed[REVIEW_GROUP_MEMBER]++;
        if (!named || !store_scope_member(st, g->member_id))
            continue;
        struct review_missing *m = missing_push(r);
        m->member_id = g->member_id;
        m->org_id = g->org_id;
        m->group = REVIEW_GROUP_MEMBER;
        uint32_t c = org_tree_find(&t, g->org_id);
        if (c != TREE_NONE)
            snprintf(m->code, sizeof(m->code), "%s", t.nodes[c].code);
        if ((rc = member_name(st, g->member_id, m->name, sizeof(m->name), e)))
            goto out;
    }
    sort_coll = store_collator(st);
    if (r->n_missing > 1)
        qsort(r->missing, r->n_missing, sizeof(*r->missing), missing_cmp);
    r->has_unreviewed = true;
    r->named_unreviewed = named;
out:
    org_tree_release(&t);
    free(rows.v);
    free(reviewed_orgs.v);
    free(reviewed_members.v);
    free(subtree.v);
    free(read.v);
    return rc;
}

enum tcxd_err store_review_unreviewed(struct store *st, struct review_report *r, bool named,
                                      struct tcxd_error *e)
{
    return unreviewed(st, r, named, NULL, 0, e);
}

enum tcxd_err store_review_unreviewed_of(struct store *st, struct review_report *r, bool named,
                                         const struct review_registrant *subjects, size_t n,
                                         struct tcxd_error *e)
{
    static const struct review_registrant none;
    return unreviewed(st, r, named, subjects ? subjects : &none, subjects ? n : 0, e);
}
