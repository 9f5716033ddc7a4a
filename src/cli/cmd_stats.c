/*
 * cmd_stats.c - `tcxd stats ORG [--as-of DATE]`: organizations of each kind under ORG and members
 * by status, on a date.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "report/count.h"
#include "util/vnfmt.h"

int cmd_stats(struct cli *cli, int argc, char **argv)
{
    struct cli_opt opts[] = {{"as-of", true, NULL}, {"help", false, NULL}};
    const char *pos[1];
    size_t npos;
    int rc = cli_parse(cli, "stats", argc, argv, opts, 2, pos, 1, &npos);
    if (rc)
        return rc;
    if (opts[1].value) {
        fputs(MSG_T("Counts organizations by kind and members by status under ORG on a date\n"
                    "(default today). Members on a temporary transfer count at home only.\n"),
              stdout);
        return 0;
    }
    if (npos != 1)
        return cli_usage(cli, "stats", "stats needs an organization code");
    struct tcxd_error e;
    tcxd_error_clear(&e);
    tcxd_date as_of;
    struct org_info o;
    struct org_tree tree;
    struct node_counts nc = {0};
    if (!cli_store(cli, false))
        return 1;
    if (cli_date(opts[0].value, date_today(), "as_of", &as_of, &e) ||
        cli_org(cli, pos[0], as_of, &o, &e))
        return cli_fail(cli, &e);
    if (store_tree_load(cli->st, as_of, &tree, &e))
        return cli_fail(cli, &e);
    uint32_t root = org_tree_find(&tree, o.id);
    if (report_node_counts(cli->st, &tree, root, &nc, &e)) {
        org_tree_release(&tree);
        return cli_fail(cli, &e);
    }
    struct structure_counts c;
    report_structure_counts(&tree, root, &nc, &c);
    report_node_counts_free(&nc);
    org_tree_release(&tree);

    if (cli->json) {
        json_t *j = json_pack(
            "{s:s, s:s, s:o, s:{s:I, s:I, s:I, s:I, s:I, s:I}, s:{s:I, s:I, s:I}}", "org", o.code,
            "name", o.name, "as_of", cli_json_date(as_of), "orgs", "direct_above_base",
            (json_int_t)c.direct_above_base, "above_base", (json_int_t)c.above_base,
            "dang_bo_co_so", (json_int_t)c.base_dang_bo, "chi_bo_co_so", (json_int_t)c.base_chi_bo,
            "dang_bo_bo_phan", (json_int_t)c.partial, "chi_bo_truc_thuoc", (json_int_t)c.branches,
            "members", "total", (json_int_t)c.members, "official", (json_int_t)c.official,
            "probationary", (json_int_t)c.probationary);
        cli_print_json(j);
        return 0;
    }
    char d[DATE_ISO_LEN];
    date_format_vn(as_of, d);
    printf("%s (%s) ngày %s\n", o.name, o.code, d);
    const char *labels[] = {"Đảng bộ trực thuộc (cấp trên cơ sở)",
                            "Cấp trên cơ sở (tất cả)",
                            "Đảng bộ cơ sở",
                            "Chi bộ cơ sở",
                            "Đảng bộ bộ phận",
                            "Chi bộ trực thuộc",
                            "Đảng viên",
                            "  chính thức",
                            "  dự bị"};
    int64_t vals[] = {c.direct_above_base, c.above_base, c.base_dang_bo, c.base_chi_bo, c.partial,
                      c.branches,          c.members,    c.official,     c.probationary};
    const char *hdr[] = {"", "Số lượng"};
    const bool right[] = {false, true};
    struct cli_table t;
    cli_table_init(&t, 2, hdr, right);
    for (size_t i = 0; i < 9; i++) {
        struct buf b = BUF_INIT;
        vnfmt_int(&b, vals[i]);
        const char *row[] = {labels[i], b.ptr};
        cli_table_row(&t, row);
        buf_release(&b);
    }
    cli_table_print(&t);
    cli_table_release(&t);
    return 0;
}
