/*
 * cmd_audit.c - `tcxd audit`: read the append-only audit log, newest first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char audit_help[] =
    "usage: tcxd audit [--org ORG] [--user USERNAME] [--since DATE] [--limit N]\n"
    "  --org    records about ORG's subtree (as of today, or of its last day when ORG has been\n"
    "           merged or dissolved; organizations that ended since are matched by their id)\n"
    "  --user   records made by this account (CLI changes are 'cli:USER')\n"
    "  --since  records from this day on (UTC)\n"
    "  --limit  at most N records (default 100)\n";
static const char audit_help_vi[] =
    "cách dùng: tcxd audit [--org TỔ_CHỨC] [--user TÀI_KHOẢN] [--since NGÀY] [--limit N]\n"
    "  --org    bản ghi về cây của TỔ_CHỨC (tính đến hôm nay, hoặc đến ngày cuối cùng khi TỔ_CHỨC\n"
    "           đã hợp nhất hoặc giải thể; tổ chức đã kết thúc được so theo mã số)\n"
    "  --user   bản ghi do tài khoản này thực hiện (thao tác dòng lệnh là 'cli:TÊN')\n"
    "  --since  bản ghi từ ngày này (UTC)\n"
    "  --limit  tối đa N bản ghi (mặc định 100)\n";

struct audit_ctx {
    json_t *arr;
    struct cli_table *t;
    const struct org_tree *tree;
    uint32_t root; /* TREE_NONE: every record */
    int64_t root_id;
    int limit, n;
};

static void audit_row(void *vctx, const struct audit_row *r)
{
    struct audit_ctx *x = vctx;
    if (x->n >= x->limit)
        return;
    if (x->root_id) {
        /* about an organization of the subtree: by the record's organization, or an
           organization's own records (their org_id is the parent) */
        int64_t ids[2] = {r->org_id, !strcmp(r->entity, "org") ? r->entity_id : 0};
        bool ok = false;
        for (int k = 0; k < 2 && !ok; k++) {
            uint32_t i = ids[k] ? org_tree_find(x->tree, ids[k]) : TREE_NONE;
            ok = i != TREE_NONE ? org_tree_in_subtree(x->tree, x->root, i)
                                : ids[k] && ids[k] == x->root_id;
        }
        if (!ok)
            return;
    }
    x->n++;
    if (x->arr) {
        json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->id, "at",
                              r->at, "username", r->username, "address", r->address, "action",
                              r->action, "entity", r->entity);
        json_object_set_new(j, "entity_id",
                            r->entity_id ? json_integer(r->entity_id) : json_null());
        json_object_set_new(j, "org_id", r->org_id ? json_integer(r->org_id) : json_null());
        json_t *b = r->before ? json_loads(r->before, 0, NULL) : json_null();
        json_t *a = r->after ? json_loads(r->after, 0, NULL) : json_null();
        json_object_set_new(j, "before", b ? b : json_string(r->before));
        json_object_set_new(j, "after", a ? a : json_string(r->after));
        json_array_append_new(x->arr, j);
        return;
    }
    char id[24], eid[64] = "", oid[24] = "";
    snprintf(id, sizeof(id), "%lld", (long long)r->id);
    if (r->entity_id)
        snprintf(eid, sizeof(eid), "%s #%lld", r->entity, (long long)r->entity_id);
    else
        snprintf(eid, sizeof(eid), "%s", r->entity);
    if (r->org_id)
        snprintf(oid, sizeof(oid), "#%lld", (long long)r->org_id);
    const char *row[] = {id, r->at, r->username, r->address, r->action, eid, oid};
    cli_table_row(x->t, row);
}

int cmd_audit(struct cli *cli, int argc, char **argv)
{
    enum { O_ORG, O_USER, O_SINCE, O_LIMIT, O_HELP, O__MAX };
    struct cli_opt o[O__MAX] = {
        {"org", true, NULL},   {"user", true, NULL},  {"since", true, NULL},
        {"limit", true, NULL}, {"help", false, NULL},
    };
    const char *pos[1];
    size_t npos;
    int rc = cli_parse(cli, "audit", argc, argv, o, O__MAX, pos, 0, &npos);
    if (rc)
        return rc;
    if (o[O_HELP].value) {
        fputs(cli_help(audit_help, audit_help_vi), stdout);
        return 0;
    }
    if (!cli_store(cli, false))
        return 1;
    struct tcxd_error e;
    tcxd_error_clear(&e);
    struct audit_ctx x = {NULL, NULL, NULL, TREE_NONE, 0, 100, 0};
    if (o[O_LIMIT].value) {
        char *end;
        long v = strtol(o[O_LIMIT].value, &end, 10);
        if (*end || v < 1 || v > 1000000)
            return cli_usage(cli, "audit", "invalid --limit '%s'", o[O_LIMIT].value);
        x.limit = (int)v;
    }
    char since[DATE_ISO_LEN];
    tcxd_date d;
    if (o[O_SINCE].value) {
        if (date_parse(o[O_SINCE].value, &d, "since", &e))
            return cli_fail(cli, &e);
        date_format_iso(d, since);
    }
    struct org_tree tree;
    org_tree_init(&tree, date_today());
    if (o[O_ORG].value) {
        /* an organization that has ended: its subtree as it was on its last day */
        struct org_info org;
        tcxd_date day;
        if (store_org_resolve_latest(cli->st, o[O_ORG].value, date_today(), &org, &e) ||
            store_org_latest_day(cli->st, org.id, date_today(), &day, &e) ||
            store_tree_load(cli->st, day, &tree, &e))
            return cli_fail(cli, &e);
        x.root_id = org.id;
        x.root = org_tree_find(&tree, org.id);
        x.tree = &tree;
    }
    struct cli_table t;
    const char *hdr[] = {"#",        "Thời điểm (UTC)", "Người thực hiện", "Địa chỉ",
                         "Thao tác", "Đối tượng",       "Tổ chức"};
    cli_table_init(&t, 7, hdr, NULL);
    x.t = &t;
    x.arr = cli->json ? json_array() : NULL;
    /* scan more than the limit when filtering by organization in C */
    struct audit_query q = {0, o[O_USER].value, o[O_SINCE].value ? since : NULL,
                            x.root_id ? 1000000 : x.limit};
    enum tcxd_err r = store_audit_list(cli->st, &q, audit_row, &x, &e);
    if (!r) {
        if (x.arr)
            cli_print_json(x.arr);
        else
            cli_table_print(&t);
    } else {
        json_decref(x.arr);
    }
    cli_table_release(&t);
    org_tree_release(&tree);
    return r ? cli_fail(cli, &e) : 0;
}
