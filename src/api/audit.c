/*
 * audit.c - GET /api/audit (admin): the audit log, newest first, limited to the caller's scope.
 */
#include <string.h>

#include "api/api.h"

enum { Q_ORG, Q_USER, Q_SINCE, Q_PAGE, Q_PAGE_SIZE };
const struct http_field api_audit_query[] = {
    {"org", HF_ID, 0, 0, 0, "records about this organization's subtree"},
    {"user", HF_STRING, 0, 0, 64, "records made by this account"},
    {"since", HF_DATE, 0, 0, 0, "records from this day on (UTC)"},
    {"page", HF_INT, 0, 1, 1000000, "page from 1"},
    {"page_size", HF_INT, 0, 1, 200, "rows per page (default 50)"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* Records examined per request at most (newest first). */
#define AUDIT_SCAN_MAX 100000

struct audit_ctx {
    struct http_ctx *c;
    uint32_t root; /* subtree asked for, in today's tree */
    bool root_is_tree_root;
    int64_t skip, take, total;
    json_t *items;
};

static json_t *raw_json(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_loads(s, 0, NULL);
    return j ? j : json_string(s);
}

static void audit_row(void *vctx, const struct audit_row *r)
{
    struct audit_ctx *a = vctx;
    if (r->org_id) {
        uint32_t i = org_tree_find(a->c->tree, r->org_id);
        bool ok = i != TREE_NONE ? org_tree_in_subtree(a->c->tree, a->root, i)
                                 : (a->root == a->c->scope && http_org_in_scope(a->c, r->org_id));
        if (!ok)
            return;
    } else if (!a->root_is_tree_root) {
        return;
    }
    a->total++;
    if (a->total <= a->skip || a->total > a->skip + a->take)
        return;
    json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->id, "at", r->at,
                          "username", r->username, "address", r->address, "action", r->action,
                          "entity", r->entity);
    if (!j)
        return;
    json_object_set_new(j, "entity_id", r->entity_id ? json_integer(r->entity_id) : json_null());
    json_object_set_new(j, "org_id", r->org_id ? json_integer(r->org_id) : json_null());
    json_object_set_new(j, "before", raw_json(r->before));
    json_object_set_new(j, "after", raw_json(r->after));
    json_array_append_new(a->items, j);
}

enum tcxd_err api_audit_list(struct http_ctx *c, struct tcxd_error *e)
{
    int64_t page = c->q[Q_PAGE].present ? c->q[Q_PAGE].i : 1;
    int64_t size = c->q[Q_PAGE_SIZE].present ? c->q[Q_PAGE_SIZE].i : 50;
    struct audit_ctx a = {c, c->scope, false, (page - 1) * size, size, 0, json_array()};
    if (c->q[Q_ORG].present) {
        struct org_info o;
        enum tcxd_err rc = http_org_get(c, c->q[Q_ORG].i, c->tree->as_of, "org", &o, e);
        if (rc) {
            json_decref(a.items);
            return rc;
        }
        a.root = org_tree_find(c->tree, o.id);
    }
    a.root_is_tree_root = c->tree->nodes[a.root].parent == TREE_NONE;
    char since[DATE_ISO_LEN];
    if (c->q[Q_SINCE].present)
        date_format_iso(c->q[Q_SINCE].d, since);
    struct audit_query q = {0, c->q[Q_USER].present ? c->q[Q_USER].s : NULL,
                            c->q[Q_SINCE].present ? since : NULL, AUDIT_SCAN_MAX};
    enum tcxd_err rc = store_audit_list(c->st, &q, audit_row, &a, e);
    if (rc) {
        json_decref(a.items);
        return rc;
    }
    http_json(c, 200,
              json_pack("{s:o, s:I, s:I, s:I}", "items", a.items, "total", (json_int_t)a.total,
                        "page", (json_int_t)page, "page_size", (json_int_t)size));
    return TCXD_OK;
}
