/*
 * cmd_restructure.c - `tcxd restructure check|apply PLAN`: restructuring plans (2025 two-level
 * reorganisation), checked as a whole, shown as a dry run, applied as one transaction; and
 * `tcxd restructure flows ORG`: organizations received, handed over, created, merged, dissolved.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "plan/flows.h"
#include "plan/merger.h"
#include "plan/restructure.h"
#include "util/msg.h"
#include "util/xmalloc.h"

static const char restructure_help[] =
    "usage:\n"
    "  tcxd restructure check PLAN [--scope ORG] [--verbose]\n"
    "  tcxd restructure apply PLAN [--dry-run] [--scope ORG] [--verbose]\n"
    "  tcxd restructure flows ORG --from DATE --to DATE\n"
    "  tcxd restructure units FILE [--as-of DATE] [--source TEXT]\n"
    "  tcxd restructure merger PROVINCE_CODE [--date DATE] [--org ORG --draft OUT.csv]\n"
    "PLAN is CSV or XLSX with a header row; columns action (create|merge|move|end), code,\n"
    "name, tier, form, type, parent, into, part (whole|part), decision_no, date (the plan's\n"
    "date, the same on every row). create makes the new committees; move puts an\n"
    "organization under a new parent (re-tiered by tier/form/type, or by the default rule);\n"
    "merge ends an old unit into a new one (its remaining children and, for a chi bộ, its\n"
    "members move into it); end ends an old committee (remaining children go to into).\n"
    "check validates the whole plan and shows what would change, with both days' figures;\n"
    "apply writes it in one transaction (--dry-run: as check). Every base xã/phường/thị trấn\n"
    "committee under the scope (default: the root above the old units) must be in the plan.\n"
    "flows counts, over [from, to] and ORG's subtree, base organizations received from outside\n"
    "it, handed over within it, created, merged and dissolved.\n"
    "units imports administrative units' area and population (columns code, name, level,\n"
    "province_code, type, terrain, area_km2, population, as_of, source). merger lists a\n"
    "province's communes below 50% of both standards (area and population) in force on the\n"
    "date (NQ 1211/2016 until 2025, NQ 112/2025 from 2026); --draft writes a plan merging\n"
    "them by three into new committees, ORG being the province's committee.\n";
static const char restructure_help_vi[] =
    "cách dùng:\n"
    "  tcxd restructure check PHƯƠNG_ÁN [--scope TỔ_CHỨC] [--verbose]\n"
    "  tcxd restructure apply PHƯƠNG_ÁN [--dry-run] [--scope TỔ_CHỨC] [--verbose]\n"
    "  tcxd restructure flows TỔ_CHỨC --from NGÀY --to NGÀY\n"
    "  tcxd restructure units TỆP [--as-of NGÀY] [--source NGUỒN]\n"
    "  tcxd restructure merger MÃ_TỈNH [--date NGÀY] [--org TỔ_CHỨC --draft TỆP.csv]\n"
    "PHƯƠNG_ÁN là CSV hoặc XLSX có dòng tiêu đề; các cột 'action' (create|merge|move|end: thành\n"
    "lập, hợp nhất, chuyển, kết thúc), 'code, name, tier, form, type, parent, into, part'\n"
    "(whole|part: toàn bộ, một phần), decision_no, 'date' (ngày của phương án, như nhau ở mọi\n"
    "dòng). 'create' thành lập các đảng bộ mới; 'move' chuyển một tổ chức về cấp trên mới (đổi "
    "cấp\n"
    "theo tier/form/type hoặc theo quy tắc mặc định); 'merge' hợp nhất đơn vị cũ vào đơn vị mới\n"
    "(các tổ chức trực thuộc còn lại, và với chi bộ là các đảng viên, chuyển theo); 'end' kết "
    "thúc\n"
    "một đảng bộ cũ (tổ chức trực thuộc còn lại chuyển về 'into').\n"
    "'check' kiểm tra toàn bộ phương án và cho thấy những gì sẽ thay đổi, với số liệu của cả hai\n"
    "ngày; 'apply' ghi phương án trong một giao dịch (--dry-run: như check; --verbose: in từng\n"
    "dòng). Mọi đảng bộ cơ sở xã, phường, thị trấn thuộc phạm vi (--scope, mặc định: tổ chức gốc\n"
    "phía trên các đơn vị cũ) phải có trong phương án.\n"
    "'flows' đếm, trong khoảng [--from, --to] và trên cây của TỔ_CHỨC, số tổ chức cơ sở đảng tiếp\n"
    "nhận từ bên ngoài, bàn giao trong nội bộ, thành lập, hợp nhất và giải thể.\n"
    "'units' nhập diện tích và dân số các đơn vị hành chính (các cột 'code, name, level,'\n"
    "'province_code, type, terrain, area_km2, population, as_of, source'; --source: nguồn số "
    "liệu).\n"
    "'merger' liệt kê các xã của tỉnh chưa đạt 50% cả hai tiêu chuẩn (diện tích và dân số) có "
    "hiệu\n"
    "lực vào ngày đó (NQ 1211/2016 đến 2025, NQ 112/2025 từ 2026); --draft ghi phương án hợp\n"
    "nhất chúng theo nhóm ba thành đảng bộ mới, TỔ_CHỨC là đảng bộ tỉnh.\n";

enum {
    O_DRY_RUN,
    O_SCOPE,
    O_VERBOSE,
    O_FROM,
    O_TO,
    O_AS_OF,
    O_SOURCE,
    O_DATE,
    O_ORG,
    O_DRAFT,
    O_HELP,
    O__MAX
};

static int read_all(const char *path, struct buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
        buf_add(out, tmp, n);
    int bad = ferror(f);
    fclose(f);
    return bad ? -1 : 0;
}

static int plan_cmd(struct cli *cli, bool apply, struct cli_opt *o, const char *path)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    struct buf data = BUF_INIT;
    if (read_all(path, &data)) {
        buf_release(&data);
        tcxd_fail(&e, TCXD_EIO, "file", "cannot read '%s'", path);
        return cli_fail(cli, &e);
    }
    if (!cli_store(cli, false)) {
        buf_release(&data);
        return 1;
    }
    struct restructure_plan p;
    struct restructure_result r;
    restructure_plan_init(&p);
    restructure_result_init(&r);
    struct restructure_opts opts = {apply && !o[O_DRY_RUN].value, 0};
    enum tcxd_err rc = restructure_plan_read(data.ptr, data.len, path, &p, &r, &e);
    if (!rc && o[O_SCOPE].value) {
        struct org_info s;
        if ((rc = cli_org(cli, o[O_SCOPE].value, p.date - 1, &s, &e)) == TCXD_OK)
            opts.scope = s.id;
    }
    if (!rc)
        rc = restructure_run(cli->st, &cli->actor, &p, &opts, &r, &e);
    if (cli->json) {
        cli_print_json(restructure_result_json(&r, p.date));
    } else if (!rc || r.nissues) {
        struct buf out = BUF_INIT;
        restructure_result_text(&r, p.date, o[O_VERBOSE].value != NULL, &out);
        fputs(out.ptr, rc ? stderr : stdout);
        buf_release(&out);
    }
    int status = 0;
    if (rc) {
        if (!cli->json)
            fprintf(stderr, "tcxd: %s\n", e.msg);
        status = tcxd_err_exit_status(rc);
        if (!status)
            status = 1;
    }
    restructure_result_release(&r);
    restructure_plan_release(&p);
    buf_release(&data);
    return status;
}

static int flows_cmd(struct cli *cli, struct cli_opt *o, const char *ref)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    tcxd_date from, to;
    if (!o[O_FROM].value || !o[O_TO].value)
        return cli_usage(cli, "restructure", "flows needs --from and --to");
    if (cli_date(o[O_FROM].value, date_today(), "from", &from, &e) ||
        cli_date(o[O_TO].value, date_today(), "to", &to, &e))
        return cli_fail(cli, &e);
    if (!cli_store(cli, false))
        return 1;
    struct org_info org;
    if (cli_org(cli, ref, to, &org, &e))
        return cli_fail(cli, &e);
    struct org_flows f;
    if (org_flows_count(cli->st, org.id, from, to, &f, &e))
        return cli_fail(cli, &e);
    if (cli->json) {
        cli_print_json(org_flows_json(&f));
        return 0;
    }
    struct buf out = BUF_INIT;
    org_flows_text(&f, &org, from, to, &out);
    fputs(out.ptr, stdout);
    buf_release(&out);
    return 0;
}

static int units_cmd(struct cli *cli, struct cli_opt *o, const char *path)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    tcxd_date as_of = DATE_NONE;
    if (o[O_AS_OF].value && cli_date(o[O_AS_OF].value, date_today(), "as_of", &as_of, &e))
        return cli_fail(cli, &e);
    struct buf data = BUF_INIT;
    if (read_all(path, &data)) {
        buf_release(&data);
        tcxd_fail(&e, TCXD_EIO, "file", "cannot read '%s'", path);
        return cli_fail(cli, &e);
    }
    struct admin_unit *u = NULL;
    size_t n = 0;
    enum tcxd_err rc =
        merger_units_read(data.ptr, data.len, path, as_of, o[O_SOURCE].value, &u, &n, &e);
    buf_release(&data);
    if (!rc && !cli_store(cli, false)) {
        free(u);
        return 1;
    }
    if (!rc)
        rc = store_admin_units_put(cli->st, &cli->actor, u, n, &e);
    free(u);
    if (rc)
        return cli_fail(cli, &e);
    if (cli->json)
        cli_print_json(json_pack("{s:I}", "units", (json_int_t)n));
    else
        printf(msg_tr("imported %zu administrative units from %s\n"), n, path);
    return 0;
}

static int merger_cmd(struct cli *cli, struct cli_opt *o, const char *province)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    tcxd_date on;
    if (cli_date(o[O_DATE].value, date_today(), "date", &on, &e))
        return cli_fail(cli, &e);
    if (o[O_DRAFT].value && !o[O_ORG].value)
        return cli_usage(cli, "restructure", "--draft needs --org (the province's committee)");
    if (!cli_store(cli, false))
        return 1;
    struct merger_list l;
    if (merger_analyse(cli->st, province, on, &l, &e))
        return cli_fail(cli, &e);
    if (o[O_DRAFT].value) {
        struct org_info org;
        struct buf csv = BUF_INIT;
        size_t unmatched = 0;
        if (cli_org(cli, o[O_ORG].value, on - 1, &org, &e) ||
            merger_draft(cli->st, &l, org.id, on, &csv, &unmatched, &e)) {
            buf_release(&csv);
            merger_list_release(&l);
            return cli_fail(cli, &e);
        }
        FILE *f = fopen(o[O_DRAFT].value, "wb");
        bool ok = f && fwrite(csv.ptr, 1, csv.len, f) == csv.len;
        if (f && fclose(f))
            ok = false;
        buf_release(&csv);
        if (!ok) {
            merger_list_release(&l);
            tcxd_fail(&e, TCXD_EIO, "draft", "cannot write '%s'", o[O_DRAFT].value);
            return cli_fail(cli, &e);
        }
        if (unmatched)
            fprintf(stderr, msg_tr("%zu units have no party committee of the same name under %s\n"),
                    unmatched, org.code);
    }
    if (cli->json) {
        cli_print_json(merger_list_json(&l, province, on));
    } else {
        struct buf out = BUF_INIT;
        merger_list_text(&l, province, on, &out);
        fputs(out.ptr, stdout);
        buf_release(&out);
    }
    merger_list_release(&l);
    return 0;
}

int cmd_restructure(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[O__MAX] = {
        [O_DRY_RUN] = {"dry-run", false, NULL},
        [O_SCOPE] = {"scope", true, NULL},
        [O_VERBOSE] = {"verbose", false, NULL},
        [O_FROM] = {"from", true, NULL},
        [O_TO] = {"to", true, NULL},
        [O_AS_OF] = {"as-of", true, NULL},
        [O_SOURCE] = {"source", true, NULL},
        [O_DATE] = {"date", true, NULL},
        [O_ORG] = {"org", true, NULL},
        [O_DRAFT] = {"draft", true, NULL},
        [O_HELP] = {"help", false, NULL},
    };
    const char *pos[2];
    size_t npos;
    int st = cli_parse(cli, "restructure", argc, argv, o, O__MAX, pos, 2, &npos);
    if (st)
        return st;
    if (o[O_HELP].value || !npos) {
        fputs(cli_help(restructure_help, restructure_help_vi), stdout);
        return npos || o[O_HELP].value ? 0 : 2;
    }
    if (npos != 2)
        return cli_usage(cli, "restructure", "restructure %s needs %s", pos[0],
                         !strcmp(pos[0], "flows")    ? MSG_T("ORG")
                         : !strcmp(pos[0], "merger") ? MSG_T("a PROVINCE_CODE")
                         : !strcmp(pos[0], "units")  ? MSG_T("a FILE")
                                                     : MSG_T("a PLAN file"));
    if (!strcmp(pos[0], "check") || !strcmp(pos[0], "apply"))
        return plan_cmd(cli, !strcmp(pos[0], "apply"), o, pos[1]);
    if (!strcmp(pos[0], "flows"))
        return flows_cmd(cli, o, pos[1]);
    if (!strcmp(pos[0], "units"))
        return units_cmd(cli, o, pos[1]);
    if (!strcmp(pos[0], "merger"))
        return merger_cmd(cli, o, pos[1]);
    return cli_usage(cli, "restructure", "unknown restructure command '%s'", pos[0]);
}
