/*
 * dashboard.c - the landing page of an account's scope in one request: member and organization
 * counts, members due for official recognition (due soon, due, past the deadline), the year's
 * review progress of the organizations that are reviewed (base organizations, đảng bộ bộ phận,
 * chi bộ trực thuộc: tier not above-base) per direct child, the first ones that have not
 * started, and (staff and admins) the latest recorded changes in the scope.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "engine/engine.h"
#include "store/store_review.h"
#include "util/xmalloc.h"

enum { D_YEAR };
const struct http_field api_dashboard_query[] = {
    {"year", HF_INT, 0, 1900, 9999, "review year (default: this year)"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* Audit records looked at for the recent changes, newest first, and how many are shown. */
enum { RECENT_SCAN = 3000, RECENT_SHOW = 10, NOT_STARTED_SHOW = 50 };

struct due_counts {
    int64_t soon, due, overdue;
};

static void due_count(void *vctx, const struct member_row *r, const struct member_due *due)
{
    (void)r;
    struct due_counts *d = vctx;
    if (due->overdue)
        d->overdue++;
    else if (due->days_left <= 0)
        d->due++;
    else
        d->soon++;
}

static void due_count_aged(void *vctx, const struct member_row *r, const struct member_due *due,
                           int party_age_years)
{
    (void)party_age_years;
    due_count(vctx, r, due);
}

struct recent_ctx {
    struct http_ctx *c;
    json_t *items;
};

static void recent_row(void *vctx, const struct audit_row *r)
{
    struct recent_ctx *x = vctx;
    if (json_array_size(x->items) >= RECENT_SHOW || !r->org_id || !strcmp(r->entity, "session"))
        return;
    uint32_t i = org_tree_find(x->c->tree, r->org_id);
    if (i != TREE_NONE ? !org_tree_in_subtree(x->c->tree, x->c->scope, i)
                       : !http_org_in_scope(x->c, r->org_id))
        return;
    json_t *j = json_pack("{s:s, s:s, s:s, s:s}", "at", r->at, "username", r->username, "action",
                          r->action, "entity", r->entity);
    if (!j)
        return;
    json_object_set_new(j, "entity_id", r->entity_id ? json_integer(r->entity_id) : json_null());
    json_object_set_new(j, "org",
                        i != TREE_NONE ? api_org_ref(r->org_id, x->c->tree->nodes[i].name)
                                       : json_integer(r->org_id));
    json_array_append_new(x->items, j);
}

static bool reviewed_node(const struct org_node *n)
{
    return n->tier != ORG_TIER_ABOVE_BASE;
}

enum tcxd_err api_dashboard(struct http_ctx *c, struct tcxd_error *e)
{
    const struct org_tree *t = c->tree;
    tcxd_date today = t->as_of;
    int year = c->q[D_YEAR].present ? (int)c->q[D_YEAR].i : date_to_ymd(today).y;
    uint32_t root = c->scope;
    int64_t root_id = t->nodes[root].id;
    enum tcxd_err rc;

    /* counts */
    const struct node_counts *nc = http_today_counts(c, e);
    if (!nc)
        return e->code ? e->code : TCXD_EDB;
    struct structure_counts sc;
    report_structure_counts(t, root, nc, &sc);
    json_t *counts =
        json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "members", (json_int_t)sc.members, "official",
                  (json_int_t)sc.official, "probationary", (json_int_t)sc.probationary, "base_orgs",
                  (json_int_t)(sc.base_dang_bo + sc.base_chi_bo), "partial_committees",
                  (json_int_t)sc.partial, "branches", (json_int_t)sc.branches);

    /* due for official recognition: within 30 days, due, past the deadline */
    struct due_counts dc = {0, 0, 0};
    if ((rc = engine_enabled()
                  ? engine_member_due(c->st, t, root_id, today, 30, due_count_aged, &dc, e)
                  : store_member_due(c->st, t, root_id, today, 30, due_count, &dc, e))) {
        json_decref(counts);
        return rc;
    }

    /* review progress: the year's organization reviews in the subtree, by organization */
    struct review_report rr;
    memset(&rr, 0, sizeof(rr));
    if ((rc = store_review_report(c->st, root_id, year, &rr, e))) {
        review_report_release(&rr);
        json_decref(counts);
        return rc;
    }
    uint8_t *state = xcalloc(t->n ? t->n : 1, 1); /* 0 none, 1 started, 2 decided */
    for (size_t k = 0; k < rr.n_items; k++) {
        const struct review_report_item *it = &rr.items[k];
        if (it->member_id)
            continue;
        uint32_t i = org_tree_find(t, it->org_id);
        if (i == TREE_NONE)
            continue;
        uint8_t s = it->has_final ? 2 : 1;
        if (s > state[i])
            state[i] = s;
    }
    review_report_release(&rr);
    int64_t total = 0, started = 0, decided = 0;
    json_t *not_started = json_array();
    for (uint32_t i = org_tree_next(t, root, root); i != TREE_NONE; i = org_tree_next(t, root, i)) {
        if (!reviewed_node(&t->nodes[i]))
            continue;
        total++;
        started += state[i] >= 1;
        decided += state[i] == 2;
        if (!state[i] && json_array_size(not_started) < NOT_STARTED_SHOW) {
            json_t *j = api_org_ref(t->nodes[i].id, t->nodes[i].name);
            json_object_set_new(j, "parent",
                                t->nodes[i].parent != TREE_NONE && t->nodes[i].parent != root
                                    ? api_org_ref(t->nodes[t->nodes[i].parent].id,
                                                  t->nodes[t->nodes[i].parent].name)
                                    : json_null());
            json_array_append_new(not_started, j);
        }
    }
    /* per direct child: its reviewed organizations (itself included) and how far they are */
    json_t *by_child = json_array();
    for (uint32_t k = t->nodes[root].first_child; k != TREE_NONE; k = t->nodes[k].next_sibling) {
        int64_t ct = 0, cs = 0, cd = 0;
        for (uint32_t i = k; i != TREE_NONE; i = org_tree_next(t, k, i)) {
            if (!reviewed_node(&t->nodes[i]))
                continue;
            ct++;
            cs += state[i] >= 1;
            cd += state[i] == 2;
        }
        json_t *j = api_org_ref(t->nodes[k].id, t->nodes[k].name);
        json_object_set_new(j, "units", json_integer(ct));
        json_object_set_new(j, "started", json_integer(cs));
        json_object_set_new(j, "decided", json_integer(cd));
        json_array_append_new(by_child, j);
    }
    free(state);
    json_t *review = json_pack("{s:i, s:I, s:I, s:I, s:I, s:o, s:o}", "year", year, "units",
                               (json_int_t)total, "started", (json_int_t)started, "decided",
                               (json_int_t)decided, "not_started", (json_int_t)(total - started),
                               "not_started_items", not_started, "by_child", by_child);

    /* recent changes (not for viewers: who changed what is the audit's) */
    json_t *recent = json_array();
    if (c->sess.role != ROLE_VIEWER) {
        struct recent_ctx x = {c, recent};
        struct audit_query q = {0, NULL, NULL, RECENT_SCAN};
        if ((rc = store_audit_list(c->st, &q, recent_row, &x, e))) {
            json_decref(recent);
            json_decref(review);
            json_decref(counts);
            return rc;
        }
    }
    json_t *j =
        json_pack("{s:o, s:o, s:o, s:{s:I, s:I, s:I}, s:o, s:o}", "org",
                  api_org_ref(root_id, t->nodes[root].name), "as_of", http_json_date(today),
                  "counts", counts, "due", "soon", (json_int_t)dc.soon, "due", (json_int_t)dc.due,
                  "overdue", (json_int_t)dc.overdue, "review", review, "recent", recent);
    http_json(c, 200, j);
    return TCXD_OK;
}
