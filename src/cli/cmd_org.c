/*
 * cmd_org.c - `tcxd org ...`: the organization tree and its dated operations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/count.h"
#include "store/store_commend.h"
#include "text/text.h"
#include "util/vnfmt.h"
#include "util/xmalloc.h"

static const char org_help[] =
    "usage:\n"
    "  tcxd org add CODE NAME --tier above_base|base|below_base --form dang_bo|chi_bo\n"
    "           [--parent ORG] [--type BASE_TYPE] [--date DATE] [--decision NO]\n"
    "  tcxd org show ORG [--as-of DATE]\n"
    "  tcxd org tree [ORG] [--as-of DATE] [--depth N]\n"
    "  tcxd org rename ORG NAME [--date DATE] [--decision NO]\n"
    "  tcxd org move ORG NEW_PARENT [--date DATE] [--decision NO]\n"
    "           [--tier T --form F [--type BASE_TYPE]]   (re-tier on the move, keeping history)\n"
    "  tcxd org merge FROM INTO [--date DATE] [--decision NO]\n"
    "  tcxd org dissolve ORG [--members-to CHI_BO] [--date DATE] [--decision NO]\n"
    "  tcxd org history ORG\n"
    "  tcxd org find TEXT [--as-of DATE]\n"
    "  tcxd org commend ORG --form co|bang_khen|giay_khen --date DATE [--decision NO]\n"
    "           [--reason TEXT]   (khen thưởng tổ chức đảng: what for, who awarded it)\n"
    "  tcxd org commendations ORG\n"
    "  tcxd org commend cancel ORG ID --reason TEXT   (entered by mistake)\n"
    "ORG is a code or #id. DATE is dd/mm/yyyy or yyyy-mm-dd (default today).\n"
    "BASE_TYPE (base organizations): xa, phuong, thi_tran, co_quan_hanh_chinh, don_vi_su_nghiep,\n"
    "  dnnn, dn_ngoai_nha_nuoc, quan_doi, cong_an, khac, dac_khu; from 01/07/2025 a commune-level\n"
    "  committee (above_base) carries xa, phuong or dac_khu.\n";
static const char org_help_vi[] =
    "cách dùng:\n"
    "  tcxd org add MÃ TÊN --tier above_base|base|below_base --form dang_bo|chi_bo\n"
    "           [--parent TỔ_CHỨC] [--type LOẠI_HÌNH] [--date NGÀY] [--decision SỐ]\n"
    "  tcxd org show TỔ_CHỨC [--as-of NGÀY]\n"
    "  tcxd org tree [TỔ_CHỨC] [--as-of NGÀY] [--depth N]\n"
    "  tcxd org rename TỔ_CHỨC TÊN [--date NGÀY] [--decision SỐ]\n"
    "  tcxd org move TỔ_CHỨC CẤP_TRÊN_MỚI [--date NGÀY] [--decision SỐ]\n"
    "           [--tier CẤP --form HÌNH_THỨC [--type LOẠI_HÌNH]]   (đổi cấp khi chuyển, giữ lịch "
    "sử)\n"
    "  tcxd org merge NGUỒN ĐÍCH [--date NGÀY] [--decision SỐ]\n"
    "  tcxd org dissolve TỔ_CHỨC [--members-to CHI_BỘ] [--date NGÀY] [--decision SỐ]\n"
    "  tcxd org history TỔ_CHỨC\n"
    "  tcxd org find NỘI_DUNG [--as-of NGÀY]\n"
    "  tcxd org commend TỔ_CHỨC --form co|bang_khen|giay_khen --date NGÀY [--decision SỐ]\n"
    "           [--reason NỘI_DUNG]   (khen thưởng tổ chức đảng: cờ, bằng khen, giấy khen)\n"
    "  tcxd org commendations TỔ_CHỨC\n"
    "  tcxd org commend cancel TỔ_CHỨC SỐ --reason LÝ_DO   (hủy bản ghi nhập nhầm)\n"
    "TỔ_CHỨC là mã hoặc #số. NGÀY là dd/mm/yyyy hoặc yyyy-mm-dd (mặc định hôm nay).\n"
    "--tier: above_base (cấp trên cơ sở), base (cơ sở), below_base (dưới cơ sở);\n"
    "--form: dang_bo (đảng bộ), chi_bo (chi bộ); --members-to: chi bộ nhận đảng viên khi giải "
    "thể.\n"
    "LOẠI_HÌNH (tổ chức cơ sở đảng): xa, phuong, thi_tran, co_quan_hanh_chinh, don_vi_su_nghiep,\n"
    "  dnnn, dn_ngoai_nha_nuoc, quan_doi, cong_an, khac, dac_khu; từ 01/07/2025 đảng bộ cấp xã\n"
    "  (above_base) mang loại hình xa, phuong hoặc dac_khu.\n";

/* Options shared by the dated operations. */
enum {
    O_DATE,
    O_DECISION,
    O_TIER,
    O_FORM,
    O_PARENT,
    O_TYPE,
    O_ASOF,
    O_DEPTH,
    O_MEMBERS_TO,
    O_REASON,
    O_HELP,
    O__MAX
};
static void org_opts(struct cli_opt *o)
{
    static const struct cli_opt proto[O__MAX] = {
        {"date", true, NULL},   {"decision", true, NULL}, {"tier", true, NULL},
        {"form", true, NULL},   {"parent", true, NULL},   {"type", true, NULL},
        {"as-of", true, NULL},  {"depth", true, NULL},    {"members-to", true, NULL},
        {"reason", true, NULL}, {"help", false, NULL},
    };
    memcpy(o, proto, sizeof(proto));
}

static int done(struct cli *cli, const char *what, const struct org_info *o)
{
    if (cli->json)
        cli_print_json(cli_json_org(o));
    else
        printf("%s: %s %s (#%lld)\n", what, o->code, o->name, (long long)o->id);
    return 0;
}

static int org_add(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 2)
        return cli_usage(cli, "org", "org add needs CODE and NAME");
    struct org_create_req req = {
        .code = pos[0], .name = pos[1], .decision_no = o[O_DECISION].value};
    struct org_info parent, made;
    memset(&parent, 0, sizeof(parent));
    if (!o[O_TIER].value || !o[O_FORM].value)
        return cli_usage(cli, "org", "org add needs --tier and --form");
    if (org_tier_parse(o[O_TIER].value, &req.tier, &e) ||
        org_form_parse(o[O_FORM].value, &req.form, &e) ||
        org_base_type_parse(o[O_TYPE].value ? o[O_TYPE].value : "", &req.base_type, &e) ||
        cli_date(o[O_DATE].value, date_today(), "date", &req.date, &e))
        return cli_fail(cli, &e);
    if (o[O_PARENT].value) {
        if (cli_org(cli, o[O_PARENT].value, req.date, &parent, &e))
            return cli_fail(cli, &e);
        req.parent_id = parent.id;
    }
    int64_t id;
    if (store_org_create(cli->st, &cli->actor, &req, &id, &e) ||
        store_org_get(cli->st, id, req.date, &made, &e))
        return cli_fail(cli, &e);
    return done(cli, MSG_T("created"), &made);
}

static void path_json(struct cli *cli, json_t *arr, int64_t id, tcxd_date d)
{
    struct org_info p;
    int64_t chain[64];
    int n = 0;
    while (id && n < 64 && !store_org_get(cli->st, id, d, &p, NULL)) {
        chain[n++] = id;
        id = p.parent_id;
    }
    while (n-- > 0) {
        if (store_org_get(cli->st, chain[n], d, &p, NULL))
            continue;
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)p.id, "code",
                                             p.code, "name", p.name));
    }
}

static int org_show(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "org", "org show needs ORG");
    tcxd_date as_of;
    struct org_info org;
    struct org_tree tree;
    struct node_counts nc = {0};
    /* without --as-of: today, or the last day of an organization that has ended */
    if (o[O_ASOF].value ? (cli_date(o[O_ASOF].value, date_today(), "as_of", &as_of, &e) ||
                           cli_org(cli, pos[0], as_of, &org, &e))
                        : (store_org_resolve_latest(cli->st, pos[0], date_today(), &org, &e) ||
                           store_org_latest_day(cli->st, org.id, date_today(), &as_of, &e)))
        return cli_fail(cli, &e);
    if (store_tree_load(cli->st, as_of, &tree, &e))
        return cli_fail(cli, &e);
    uint32_t root = org_tree_find(&tree, org.id);
    if (report_node_counts(cli->st, &tree, root, &nc, &e)) {
        org_tree_release(&tree);
        return cli_fail(cli, &e);
    }
    struct structure_counts c;
    report_structure_counts(&tree, root, &nc, &c);
    size_t nchildren = 0;
    for (uint32_t k = tree.nodes[root].first_child; k != TREE_NONE; k = tree.nodes[k].next_sibling)
        nchildren++;
    report_node_counts_free(&nc);
    org_tree_release(&tree);
    if (cli->json) {
        json_t *j = cli_json_org(&org), *path = json_array();
        path_json(cli, path, org.id, as_of);
        json_object_set_new(j, "path", path);
        json_object_set_new(j, "as_of", cli_json_date(as_of));
        json_object_set_new(j, "ended_on",
                            org.ended_on < DATE_OPEN_END ? cli_json_date(org.ended_on)
                                                         : json_null());
        json_object_set_new(
            j, "counts",
            json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "members", (json_int_t)c.members,
                      "official", (json_int_t)c.official, "probationary",
                      (json_int_t)c.probationary, "children", (json_int_t)nchildren, "base_orgs",
                      (json_int_t)(c.base_dang_bo + c.base_chi_bo), "partial_committees",
                      (json_int_t)c.partial, "branches", (json_int_t)c.branches));
        cli_print_json(j);
        return 0;
    }
    char d[DATE_ISO_LEN], cr[DATE_ISO_LEN];
    date_format_vn(as_of, d);
    date_format_vn(org.created_on, cr);
    struct buf m = BUF_INIT;
    vnfmt_int(&m, c.members);
    printf("%s (%s, #%lld)\n  loại: %s", org.name, org.code, (long long)org.id,
           org_kind_label(org_kind_of(org.tier, org.form)));
    if (org.base_type)
        printf(" — %s", org_base_type_label(org.base_type));
    printf("\n  thành lập: %s\n", cr);
    if (org.ended_on < DATE_OPEN_END) {
        char en[DATE_ISO_LEN];
        date_format_vn(org.ended_on, en);
        printf("  kết thúc: %s (sáp nhập hoặc giải thể; xem org history)\n", en);
    }
    if (org.parent_id) {
        struct org_info p;
        if (!store_org_get(cli->st, org.parent_id, as_of, &p, NULL))
            printf("  trực thuộc: %s (%s)\n", p.name, p.code);
    }
    printf("  ngày %s: %zu tổ chức trực thuộc, %s đảng viên (%lld chính thức, %lld dự bị)\n", d,
           nchildren, m.ptr, (long long)c.official, (long long)c.probationary);
    buf_release(&m);
    return 0;
}

static void print_tree(const struct org_tree *t, const struct node_counts *nc, uint32_t i,
                       int depth, int maxdepth, json_t *arr)
{
    const struct org_node *nd = &t->nodes[i];
    int64_t members = nc->official[i] + nc->probationary[i];
    json_t *kids = NULL;
    if (arr) {
        json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)nd->id, "code",
                              nd->code, "name", nd->name, "kind", org_kind_name(org_node_kind(nd)),
                              "members", (json_int_t)members);
        kids = json_array();
        json_object_set_new(j, "children", kids);
        json_array_append_new(arr, j);
    } else {
        struct buf b = BUF_INIT;
        vnfmt_int(&b, members);
        printf("%*s%s %s [%s] — %s đảng viên\n", depth * 2, "", nd->code, nd->name,
               org_kind_label(org_node_kind(nd)), b.ptr);
        buf_release(&b);
    }
    if (maxdepth >= 0 && depth >= maxdepth)
        return;
    for (uint32_t k = nd->first_child; k != TREE_NONE; k = t->nodes[k].next_sibling)
        print_tree(t, nc, k, depth + 1, maxdepth, kids);
}

static int org_tree_cmd(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    tcxd_date as_of;
    struct org_tree tree;
    struct node_counts nc = {0};
    int depth = -1;
    if (o[O_DEPTH].value) {
        char *end;
        long v = strtol(o[O_DEPTH].value, &end, 10);
        if (*end || v < 0 || v > 64)
            return cli_usage(cli, "org", "invalid --depth '%s'", o[O_DEPTH].value);
        depth = (int)v;
    }
    if (cli_date(o[O_ASOF].value, date_today(), "as_of", &as_of, &e) ||
        store_tree_load(cli->st, as_of, &tree, &e))
        return cli_fail(cli, &e);
    uint32_t root = TREE_NONE;
    if (npos == 1) {
        struct org_info org;
        if (cli_org(cli, pos[0], as_of, &org, &e)) {
            org_tree_release(&tree);
            return cli_fail(cli, &e);
        }
        root = org_tree_find(&tree, org.id);
    }
    if (report_node_counts(cli->st, &tree, root, &nc, &e)) {
        org_tree_release(&tree);
        return cli_fail(cli, &e);
    }
    report_rollup(&tree, &nc);
    json_t *arr = cli->json ? json_array() : NULL;
    for (size_t i = 0; i < tree.n; i++) {
        if (root != TREE_NONE ? i != root : tree.nodes[i].parent != TREE_NONE)
            continue;
        print_tree(&tree, &nc, (uint32_t)i, 0, depth, arr);
    }
    if (arr)
        cli_print_json(arr);
    report_node_counts_free(&nc);
    org_tree_release(&tree);
    return 0;
}

/* rename, move, merge, dissolve: ORG, one more argument, a date and a decision number. */
static int org_dated(struct cli *cli, const char *verb, struct cli_opt *o, const char **pos,
                     size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    bool dissolve = !strcmp(verb, "dissolve");
    if (npos != (dissolve ? 1u : 2u))
        return cli_usage(cli, "org", "org %s needs %s", verb,
                         dissolve                  ? MSG_T("ORG")
                         : !strcmp(verb, "rename") ? MSG_T("ORG and NAME")
                                                   : MSG_T("two organizations"));
    tcxd_date date;
    struct org_info org, other;
    const char *dec = o[O_DECISION].value;
    if (cli_date(o[O_DATE].value, date_today(), "date", &date, &e) ||
        cli_org(cli, pos[0], date, &org, &e))
        return cli_fail(cli, &e);
    enum tcxd_err rc;
    if (!strcmp(verb, "rename")) {
        rc = store_org_rename(cli->st, &cli->actor, org.id, pos[1], date, dec, &e);
    } else if (dissolve) {
        int64_t to = 0;
        if (o[O_MEMBERS_TO].value) {
            if (cli_org(cli, o[O_MEMBERS_TO].value, date, &other, &e))
                return cli_fail(cli, &e);
            to = other.id;
        }
        rc = store_org_dissolve(cli->st, &cli->actor, org.id, to, date, dec, &e);
    } else {
        if (cli_org(cli, pos[1], date, &other, &e))
            return cli_fail(cli, &e);
        struct org_shape sh = {org.tier, org.form, ORG_BASE_NONE};
        bool retier = o[O_TIER].value || o[O_FORM].value || o[O_TYPE].value;
        if (retier &&
            (!strcmp(verb, "merge") ||
             (o[O_TIER].value && org_tier_parse(o[O_TIER].value, &sh.tier, &e)) ||
             (o[O_FORM].value && org_form_parse(o[O_FORM].value, &sh.form, &e)) ||
             org_base_type_parse(o[O_TYPE].value ? o[O_TYPE].value : "", &sh.base_type, &e)))
            return e.code ? cli_fail(cli, &e)
                          : cli_usage(cli, "org", "--tier/--form/--type go with org move");
        rc = !strcmp(verb, "move")
                 ? store_org_move_retier(cli->st, &cli->actor, org.id, other.id,
                                         retier ? &sh : NULL, date, dec, &e)
                 : store_org_merge(cli->st, &cli->actor, org.id, other.id, date, dec, &e);
    }
    if (rc)
        return cli_fail(cli, &e);
    if (dissolve || !strcmp(verb, "merge")) {
        if (cli->json)
            cli_print_json(json_pack("{s:s, s:s, s:o}", "org", org.code, "ended", verb, "date",
                                     cli_json_date(date)));
        else
            printf("%s: %s %s\n", dissolve ? MSG_T("dissolved") : MSG_T("merged"), org.code,
                   org.name);
        return 0;
    }
    if (store_org_get(cli->st, org.id, date, &org, &e))
        return cli_fail(cli, &e);
    return done(cli, !strcmp(verb, "move") ? MSG_T("moved") : MSG_T("renamed"), &org);
}

struct hist_ctx {
    json_t *arr;
    struct cli_table *t;
};

static void hist_row(void *vctx, const struct org_event_info *ev)
{
    struct hist_ctx *ctx = vctx;
    char d[DATE_ISO_LEN];
    if (ctx->arr) {
        json_array_append_new(
            ctx->arr, json_pack("{s:o, s:s, s:s, s:s, s:s}", "date", cli_json_date(ev->date),
                                "kind", ev->kind, "kind_label", org_event_label(ev->kind),
                                "decision_no", ev->decision_no, "detail", ev->detail));
        return;
    }
    date_format_vn(ev->date, d);
    const char *row[] = {d, org_event_label(ev->kind), ev->decision_no, ev->detail};
    cli_table_row(ctx->t, row);
}

static int org_history(struct cli *cli, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "org", "org history needs ORG");
    /* the code may name an organization that has ended: resolve on its last day */
    struct org_info org;
    if (store_org_resolve_latest(cli->st, pos[0], date_today(), &org, &e))
        return cli_fail(cli, &e);
    struct cli_table t;
    const char *hdr[] = {"Ngày", "Sự kiện", "Số quyết định", "Nội dung"};
    cli_table_init(&t, 4, hdr, NULL);
    struct hist_ctx ctx = {cli->json ? json_array() : NULL, &t};
    enum tcxd_err rc = store_org_history(cli->st, org.id, hist_row, &ctx, &e);
    if (!rc) {
        if (ctx.arr)
            cli_print_json(ctx.arr);
        else
            cli_table_print(&t);
    } else {
        json_decref(ctx.arr);
    }
    cli_table_release(&t);
    return rc ? cli_fail(cli, &e) : 0;
}

struct find_ctx {
    struct cli *cli;
    tcxd_date as_of;
    json_t *arr;
};

static void find_row(void *vctx, int64_t id)
{
    struct find_ctx *ctx = vctx;
    struct org_info o;
    if (store_org_get(ctx->cli->st, id, ctx->as_of, &o, NULL))
        return;
    if (ctx->arr)
        json_array_append_new(ctx->arr, cli_json_org(&o));
    else
        printf("%s  %s  [%s]\n", o.code, o.name, org_kind_label(org_kind_of(o.tier, o.form)));
}

static int org_find(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "org", "org find needs TEXT");
    struct find_ctx ctx = {cli, 0, cli->json ? json_array() : NULL};
    if (cli_date(o[O_ASOF].value, date_today(), "as_of", &ctx.as_of, &e) ||
        store_org_search(cli->st, pos[0], ctx.as_of, 100, find_row, &ctx, &e)) {
        json_decref(ctx.arr);
        return cli_fail(cli, &e);
    }
    if (ctx.arr)
        cli_print_json(ctx.arr);
    return 0;
}

struct commend_ctx {
    json_t *arr;
    struct cli_table *t;
};

static void commend_row(void *vctx, const struct org_commendation *c)
{
    struct commend_ctx *ctx = vctx;
    if (ctx->arr) {
        char *txt = store_org_commendation_json_text(c);
        json_t *j = txt ? json_loads(txt, 0, NULL) : NULL;
        free(txt);
        if (j) {
            json_object_set_new(j, "form_label", json_string(commend_form_label(c->form)));
            json_array_append_new(ctx->arr, j);
        }
        return;
    }
    char id[24], d[DATE_ISO_LEN];
    snprintf(id, sizeof(id), "%lld", (long long)c->id);
    date_format_vn(c->date, d);
    const char *r[] = {id, d, commend_form_label(c->form), c->decision_no, c->detail};
    cli_table_row(ctx->t, r);
}

/* tcxd org commend ORG --form F --date D [--decision NO] [--reason TEXT]; org commendations ORG;
   org commend cancel ORG ID --reason TEXT */
static int org_commend(struct cli *cli, const char *verb, struct cli_opt *o, const char **pos,
                       size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    struct org_info org;
    bool cancel = !strcmp(verb, "commend") && npos >= 1 && !strcmp(pos[0], "cancel");
    if (cancel) {
        if (npos != 3)
            return cli_usage(cli, "org", "org commend cancel needs ORG and ID");
        char *end;
        long long id = strtoll(pos[2], &end, 10);
        if (!*pos[2] || *end || id <= 0)
            return cli_usage(cli, "org", "org commend cancel needs ORG and ID");
        if (store_org_resolve_latest(cli->st, pos[1], date_today(), &org, &e) ||
            store_org_commend_cancel(cli->st, &cli->actor, org.id, id, o[O_REASON].value, &e))
            return cli_fail(cli, &e);
        return done(cli, MSG_T("commendation cancelled"), &org);
    }
    if (npos != 1)
        return cli_usage(cli, "org", "org %s needs ORG", verb);
    if (!strcmp(verb, "commendations")) {
        if (store_org_resolve_latest(cli->st, pos[0], date_today(), &org, &e))
            return cli_fail(cli, &e);
        struct cli_table t;
        const char *hdr[] = {"Số", "Ngày", "Hình thức", "Số quyết định", "Nội dung"};
        cli_table_init(&t, 5, hdr, NULL);
        struct commend_ctx ctx = {cli->json ? json_array() : NULL, &t};
        enum tcxd_err rc = store_org_commendations(cli->st, org.id, commend_row, &ctx, &e);
        if (!rc && ctx.arr)
            cli_print_json(ctx.arr);
        else if (!rc)
            cli_table_print(&t);
        else
            json_decref(ctx.arr);
        cli_table_release(&t);
        return rc ? cli_fail(cli, &e) : 0;
    }
    tcxd_date date;
    enum commend_form form;
    if (!o[O_FORM].value)
        return cli_usage(cli, "org", "org commend needs --form co|bang_khen|giay_khen");
    if (cli_date(o[O_DATE].value, date_today(), "date", &date, &e) ||
        commend_form_parse(o[O_FORM].value, &form, &e) ||
        store_org_resolve_latest(cli->st, pos[0], date, &org, &e) ||
        store_org_commend(cli->st, &cli->actor, org.id, date, form, o[O_DECISION].value,
                          o[O_REASON].value, NULL, &e))
        return cli_fail(cli, &e);
    return done(cli, MSG_T("commendation recorded"), &org);
}

int cmd_org(struct cli *cli, int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        fputs(cli_help(org_help, org_help_vi), stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *verb = argv[1];
    struct cli_opt o[O__MAX];
    org_opts(o);
    const char *pos[4];
    size_t npos;
    int rc = cli_parse(cli, "org", argc - 1, argv + 1, o, O__MAX, pos, 4, &npos);
    if (rc)
        return rc;
    if (o[O_HELP].value) {
        fputs(cli_help(org_help, org_help_vi), stdout);
        return 0;
    }
    if (!cli_store(cli, false))
        return 1;
    if (!strcmp(verb, "add"))
        return org_add(cli, o, pos, npos);
    if (!strcmp(verb, "show"))
        return org_show(cli, o, pos, npos);
    if (!strcmp(verb, "tree"))
        return org_tree_cmd(cli, o, pos, npos);
    if (!strcmp(verb, "rename") || !strcmp(verb, "move") || !strcmp(verb, "merge") ||
        !strcmp(verb, "dissolve"))
        return org_dated(cli, verb, o, pos, npos);
    if (!strcmp(verb, "history"))
        return org_history(cli, pos, npos);
    if (!strcmp(verb, "find"))
        return org_find(cli, o, pos, npos);
    if (!strcmp(verb, "commend") || !strcmp(verb, "commendations"))
        return org_commend(cli, verb, o, pos, npos);
    return cli_usage(cli, "org", "unknown org command '%s'", verb);
}
