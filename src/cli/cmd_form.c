/*
 * cmd_form.c - `tcxd form list|show|export|flows`: the statistics pack (biểu mẫu thống kê) for
 * any organization's subtree and period, and the period-flow sentences boards write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "report/forms.h"

static const char form_help[] =
    "usage:\n"
    "  tcxd form list\n"
    "  tcxd form show FORM ORG --period P [--format text|csv|json|xlsx|pdf] [--output FILE]\n"
    "       [--children]\n"
    "  tcxd form export FORM ORG --period P --format csv|json|xlsx|pdf --output FILE\n"
    "       [--children]\n"
    "  tcxd form flows ORG --period P\n"
    "FORM is a form of the statistics pack (1, 2, 2b, 3, 3b, 5, 6, 7 or its number, 1-BTCTW);\n"
    "the definition that applies to the period is used. ORG's subtree is taken as it stood on\n"
    "each day counted. P is a year (2021), a half (2021-h1, 2021-h2), a quarter (2021-q3) or\n"
    "free dates (01/01/2021..15/06/2021). Forms with \"Cùng kỳ năm trước\" compute the same\n"
    "period a year earlier over the tree as it stood then. Cells whose facts tcxd does not keep\n"
    "read \"chưa theo dõi\", never 0. The checks (A + B - C = D, annexes, column sums) are\n"
    "printed with the form; --children also fills the form for each direct child and checks\n"
    "that their end-of-period figures add up. flows prints the board's sentences: admissions,\n"
    "recognitions, transfers, exits and deaths against the same period of the year before, and\n"
    "the organizations created, merged, dissolved, received and handed over.\n"
    "--engine store (default) replays the store's events; --engine engine takes the list and the\n"
    "organizations of each day from the analytics engine (the same cells; a test checks).\n";
static const char form_help_vi[] =
    "cách dùng:\n"
    "  tcxd form list\n"
    "  tcxd form show BIỂU TỔ_CHỨC --period KỲ [--format text|csv|json|xlsx|pdf] [--output TỆP]\n"
    "       [--children]\n"
    "  tcxd form export BIỂU TỔ_CHỨC --period KỲ --format csv|json|xlsx|pdf --output TỆP\n"
    "       [--children]\n"
    "  tcxd form flows TỔ_CHỨC --period KỲ\n"
    "BIỂU là một biểu của bộ biểu mẫu thống kê (1, 2, 2b, 3, 3b, 5, 6, 7 hoặc số hiệu, 1-BTCTW);\n"
    "dùng định nghĩa biểu áp dụng cho kỳ. Cây của TỔ_CHỨC được lấy đúng như tại từng ngày được\n"
    "đếm. KỲ là một năm (2021), nửa năm (2021-h1, 2021-h2), một quý (2021-q3) hoặc khoảng ngày\n"
    "tùy ý (01/01/2021..15/06/2021). Biểu có cột \"Cùng kỳ năm trước\" tính cùng kỳ năm trước "
    "trên\n"
    "cây tổ chức tại thời điểm đó. Ô mà tcxd không theo dõi dữ kiện ghi \"chưa theo dõi\", không\n"
    "bao giờ ghi 0. Các phép kiểm tra (A + B - C = D, phụ lục, cộng cột) in cùng biểu; --children\n"
    "lập biểu cho từng tổ chức trực thuộc trực tiếp và kiểm tra số cuối kỳ cộng lại khớp. 'flows'\n"
    "in các câu báo cáo: kết nạp, công nhận chính thức, chuyển sinh hoạt, ra khỏi đảng, từ trần "
    "so\n"
    "với cùng kỳ năm trước, và các tổ chức thành lập, hợp nhất, giải thể, tiếp nhận, bàn giao.\n"
    "--engine store (mặc định) phát lại các sự kiện đã lưu; --engine engine lấy danh sách và tổ\n"
    "chức của từng ngày từ bộ máy phân tích trong bộ nhớ (cùng các ô; có phép thử kiểm tra).\n";

enum { O_PERIOD, O_FORMAT, O_OUTPUT, O_CHILDREN, O_ENGINE, O_HELP, O__MAX };

static int list(struct cli *cli)
{
    json_t *defs = form_defs_json();
    if (cli->json) {
        cli_print_json(defs);
        return 0;
    }
    static const char *const headers[] = {"Biểu", "Tên", "Áp dụng từ", "Dòng tính",
                                          "Chưa theo dõi"};
    static const bool right[] = {false, false, false, true, true};
    struct cli_table t;
    cli_table_init(&t, 5, headers, right);
    size_t i;
    json_t *d;
    json_array_foreach(defs, i, d)
    {
        char a[16], b[16], from[DATE_ISO_LEN];
        snprintf(a, sizeof(a), "%lld",
                 (long long)json_integer_value(json_object_get(d, "rows_computed")));
        snprintf(b, sizeof(b), "%lld",
                 (long long)json_integer_value(json_object_get(d, "rows_not_kept")));
        const char *cells[] = {json_string_value(json_object_get(d, "number")),
                               json_string_value(json_object_get(d, "title")),
                               cli_vn_date(json_object_get(d, "valid_from"), from), a, b};
        cli_table_row(&t, cells);
    }
    cli_table_print(&t);
    cli_table_release(&t);
    json_decref(defs);
    return 0;
}

static int write_out(struct cli *cli, const struct buf *b, const char *output)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    FILE *fp = output && strcmp(output, "-") ? fopen(output, "wb") : stdout;
    if (!fp) {
        tcxd_fail(&e, TCXD_EIO, "output", "cannot write '%s'", output);
        return cli_fail(cli, &e);
    }
    bool bad = fwrite(b->ptr, 1, b->len, fp) != b->len;
    bad = (fp == stdout ? fflush(fp) : fclose(fp)) != 0 || bad;
    if (bad) {
        tcxd_fail(&e, TCXD_EIO, "output", "cannot write '%s'", output ? output : "stdout");
        return cli_fail(cli, &e);
    }
    return 0;
}

static int show(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos, bool export)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 2)
        return cli_usage(cli, "form", "form %s needs a form and an organization",
                         export ? "export" : "show");
    enum form_format f = cli->json ? FORM_FMT_JSON : FORM_FMT_TEXT;
    if (o[O_FORMAT].value && form_format_parse(o[O_FORMAT].value, &f, &e))
        return cli_fail(cli, &e);
    const char *output = o[O_OUTPUT].value;
    if (export && !output)
        return cli_usage(cli, "form", "form export needs --output FILE");
    if ((f == FORM_FMT_XLSX || f == FORM_FMT_PDF) && !output && isatty(STDOUT_FILENO))
        return cli_usage(cli, "form", "%s is binary: give --output FILE",
                         f == FORM_FMT_PDF ? "pdf" : "xlsx");
    struct form_period p;
    if (form_period_parse(o[O_PERIOD].value, &p, &e))
        return cli_fail(cli, &e);
    const struct form_def *def;
    if (form_def_find(pos[0], p.to, &def, &e))
        return cli_fail(cli, &e);
    if (!cli_store(cli, false))
        return 1;
    struct org_info org;
    struct form_result *r = NULL;
    struct form_opts fo = {.children_check = o[O_CHILDREN].value != NULL,
                           .engine = o[O_ENGINE].value};
    if (cli_org(cli, pos[1], p.to, &org, &e) || form_fill(cli->st, def, org.id, &p, &fo, &r, &e))
        return cli_fail(cli, &e);
    struct buf b = BUF_INIT;
    int rc = 0;
    if (form_to_buf(r, f, &b, &e))
        rc = cli_fail(cli, &e);
    else
        rc = write_out(cli, &b, output);
    if (!rc && cli->json && f != FORM_FMT_JSON)
        cli_print_json(json_pack("{s:s, s:s, s:s}", "output", output ? output : "-", "form",
                                 def->number, "period", p.key));
    buf_release(&b);
    form_result_free(r);
    return rc;
}

static int flows(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "form", "form flows needs an organization");
    struct form_period p;
    if (form_period_parse(o[O_PERIOD].value, &p, &e))
        return cli_fail(cli, &e);
    if (!cli_store(cli, false))
        return 1;
    struct org_info org;
    if (cli_org(cli, pos[0], p.to, &org, &e))
        return cli_fail(cli, &e);
    struct form_flow_counts c;
    struct buf s = BUF_INIT;
    if (form_flows(cli->st, org.id, &p, &c, &s, &e)) {
        buf_release(&s);
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        json_t *now = json_object(), *prev = json_object();
        for (int k = 0; k < FLOW__MAX; k++) {
            json_object_set_new(now, facts_flow_kind_name((enum facts_flow_kind)k),
                                json_integer(c.n[k]));
            json_object_set_new(prev, facts_flow_kind_name((enum facts_flow_kind)k),
                                json_integer(c.prev[k]));
        }
        json_t *orgs = json_object();
        for (int k = 0; k < ORGCH__MAX; k++)
            json_object_set_new(orgs, facts_org_change_name((enum facts_org_change_kind)k),
                                json_pack("{s:I, s:I}", "all", (json_int_t)c.orgs[k], "base",
                                          (json_int_t)c.base_orgs[k]));
        cli_print_json(json_pack("{s:s, s:s, s:o, s:o, s:o, s:s}", "org", org.code, "period", p.key,
                                 "counts", now, "previous", prev, "organizations", orgs, "sentence",
                                 s.ptr));
    } else {
        printf("%s\n", s.ptr);
    }
    buf_release(&s);
    return 0;
}

int cmd_form(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[O__MAX] = {
        {"period", true, NULL},    {"format", true, NULL}, {"output", true, NULL},
        {"children", false, NULL}, {"engine", true, NULL}, {"help", false, NULL},
    };
    const char *pos[4];
    size_t npos;
    int rc = cli_parse(cli, "form", argc, argv, o, O__MAX, pos, 4, &npos);
    if (rc)
        return rc;
    if (o[O_HELP].value) {
        fputs(cli_help(form_help, form_help_vi), stdout);
        return 0;
    }
    if (npos == 0)
        return cli_usage(cli, "form", "form needs a subcommand (list, show, export, flows)");
    if (!strcmp(pos[0], "list"))
        return list(cli);
    if (!strcmp(pos[0], "show"))
        return show(cli, o, pos + 1, npos - 1, false);
    if (!strcmp(pos[0], "export"))
        return show(cli, o, pos + 1, npos - 1, true);
    if (!strcmp(pos[0], "flows"))
        return flows(cli, o, pos + 1, npos - 1);
    return cli_usage(cli, "form", "unknown form subcommand '%s' (list, show, export, flows)",
                     pos[0]);
}
