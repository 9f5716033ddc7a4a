/*
 * flows.c - organization transfers counted over a period and a subtree (see flows.h).
 */
#include "plan/flows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/msg.h"
#include "util/xmalloc.h"

static const char *const flow_names[FLOW__MAX] = {
    "received", "inside", "sent_out", "created", "merged", "dissolved", "retiered",
};

const char *org_flow_name(enum org_flow f)
{
    return (unsigned)f < FLOW__MAX ? flow_names[f] : "?";
}

struct ev {
    int64_t org;
    char kind[16];
    tcxd_date date;
};

struct evs {
    struct ev *v;
    size_t n, cap;
};

static void on_event(void *ctx, int64_t org, const char *kind, tcxd_date date, int64_t other)
{
    struct evs *l = ctx;
    (void)other;
    ALLOC_GROW(l->v, l->n + 1, l->cap);
    struct ev *x = &l->v[l->n++];
    x->org = org;
    snprintf(x->kind, sizeof(x->kind), "%s", kind);
    x->date = date;
}

/* The subtree of one day, loaded once per day asked. */
struct day_tree {
    tcxd_date day;
    bool loaded;
    struct org_tree t;
};

struct cache {
    struct store *st;
    int64_t root;
    struct day_tree d[2]; /* the day before and the day of the current event date */
};

static enum tcxd_err tree_on(struct cache *c, int which, tcxd_date day, struct tcxd_error *e)
{
    struct day_tree *d = &c->d[which];
    if (d->loaded && d->day == day)
        return TCXD_OK;
    if (d->loaded)
        org_tree_release(&d->t);
    d->loaded = false;
    enum tcxd_err rc = store_tree_load_subtree(c->st, day, c->root, &d->t, e);
    if (rc)
        return rc;
    d->loaded = true;
    d->day = day;
    return TCXD_OK;
}

/* The node of org in the subtree of that day, NULL when outside (or the root itself). */
static const struct org_node *in_tree(const struct day_tree *d, int64_t org, int64_t root)
{
    if (org == root)
        return NULL;
    uint32_t i = org_tree_find(&d->t, org);
    return i == TREE_NONE ? NULL : &d->t.nodes[i];
}

static void add(struct org_flows *f, enum org_flow k, const struct org_node *n)
{
    f->all[k]++;
    if (n->tier == ORG_TIER_BASE)
        f->base[k]++;
}

enum tcxd_err org_flows_count(struct store *st, int64_t root, tcxd_date from, tcxd_date to,
                              struct org_flows *out, struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    out->root = root;
    out->from = from;
    out->to = to;
    if (to < from)
        return tcxd_fail(e, TCXD_EINVAL, "to", "the period ends before it starts");
    struct evs l = {0};
    enum tcxd_err rc = store_org_events_between(st, from, to + 1, on_event, &l, e);
    struct cache c;
    memset(&c, 0, sizeof(c));
    c.st = st;
    c.root = root;
    for (size_t i = 0; i < l.n && !rc; i++) {
        const struct ev *x = &l.v[i];
        if ((rc = tree_on(&c, 0, x->date - 1, e)) || (rc = tree_on(&c, 1, x->date, e)))
            break;
        const struct org_node *b = in_tree(&c.d[0], x->org, root),
                              *a = in_tree(&c.d[1], x->org, root);
        if (!strcmp(x->kind, "move")) {
            if (a && !b)
                add(out, FLOW_RECEIVED, a);
            else if (a && b)
                add(out, FLOW_INSIDE, a);
            else if (b)
                add(out, FLOW_SENT_OUT, b);
        } else if (!strcmp(x->kind, "create")) {
            if (a)
                add(out, FLOW_CREATED, a);
        } else if (!strcmp(x->kind, "merged_into")) {
            if (b)
                add(out, FLOW_MERGED, b);
        } else if (!strcmp(x->kind, "dissolve")) {
            if (b)
                add(out, FLOW_DISSOLVED, b);
        } else if (!strcmp(x->kind, "retier")) {
            if (a)
                add(out, FLOW_RETIERED, a);
        }
    }
    for (int k = 0; k < 2; k++)
        if (c.d[k].loaded)
            org_tree_release(&c.d[k].t);
    free(l.v);
    return rc;
}

json_t *org_flows_json(const struct org_flows *f)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    date_format_iso(f->from, a);
    date_format_iso(f->to, b);
    json_t *j = json_pack("{s:I, s:s, s:s}", "org_id", (json_int_t)f->root, "from", a, "to", b);
    for (int k = 0; k < FLOW__MAX; k++)
        json_object_set_new(
            j, flow_names[k],
            json_pack("{s:I, s:I}", "all", (json_int_t)f->all[k], "base", (json_int_t)f->base[k]));
    return j;
}

void org_flows_text(const struct org_flows *f, const struct org_info *root, tcxd_date from,
                    tcxd_date to, struct buf *out)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    date_format_vn(from, a);
    date_format_vn(to, b);
    buf_addf(out, msg_tr("%s, %s to %s:\n"), root->name, a, b);
    buf_addf(out,
             msg_tr("  received %lld base organizations from outside (%lld organizations in "
                    "all)\n"),
             (long long)f->base[FLOW_RECEIVED], (long long)f->all[FLOW_RECEIVED]);
    buf_addf(out,
             msg_tr("  handed over and received %lld base organizations within (%lld "
                    "organizations in all)\n"),
             (long long)f->base[FLOW_INSIDE], (long long)f->all[FLOW_INSIDE]);
    buf_addf(out, msg_tr("  handed over %lld base organizations outside (%lld in all)\n"),
             (long long)f->base[FLOW_SENT_OUT], (long long)f->all[FLOW_SENT_OUT]);
    buf_addf(out,
             msg_tr("  created %lld, merged %lld, dissolved %lld base organizations (all: %lld, "
                    "%lld, %lld); re-tiered %lld\n"),
             (long long)f->base[FLOW_CREATED], (long long)f->base[FLOW_MERGED],
             (long long)f->base[FLOW_DISSOLVED], (long long)f->all[FLOW_CREATED],
             (long long)f->all[FLOW_MERGED], (long long)f->all[FLOW_DISSOLVED],
             (long long)f->all[FLOW_RETIERED]);
}
