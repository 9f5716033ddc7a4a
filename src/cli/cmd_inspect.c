/*
 * cmd_inspect.c - `tcxd inspect ...` (inspections and supervision: record, conclude, list, the
 * period report) and `tcxd discipline ...` (decisions for members and organizations, appeals,
 * the list). Rules: core/inspection.h; records: store/store_inspection.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "cli/cli.h"
#include "report/inspection_report.h"
#include "store/store_inspection.h"
#include "util/msg.h"
#include "util/xmalloc.h"

static const char inspect_help[] =
    "usage:\n"
    "  tcxd inspect add BODY_ORG --kind KIND --body BODY --start DATE [--end DATE]\n"
    "           [--areas A,B] [--team NAME] [--orgs ORG,ORG] [--members ID,ID] [--decision NO]\n"
    "           [--plan-item ID]\n"
    "  tcxd inspect plan-add BODY_ORG --year Y --kind KIND --body BODY [--areas A,B]\n"
    "           [--planned-orgs N] [--planned-members N] [--month M] [--title TEXT]\n"
    "  tcxd inspect plan ORG --year Y\n"
    "  tcxd inspect conclude ID --conclusion C [--date DATE] [--findings TEXT] [--follow-up TEXT]\n"
    "  tcxd inspect show ID\n"
    "  tcxd inspect list ORG --from DATE --to DATE\n"
    "  tcxd inspect report ORG --from DATE --to DATE [--format text|xlsx|pdf --output FILE]\n"
    "KIND: kt_thuong_xuyen, kt_dau_hieu, kt_chuyen_de, kt_thi_hanh_ky_luat (kiểm tra),\n"
    "gs_thuong_xuyen, gs_chuyen_de (giám sát). BODY: cap_uy, ban_thuong_vu, ubkt, chi_bo, doan.\n"
    "AREAS: nghi_quyet, quy_che, tap_trung_dan_chu, can_bo, tham_nhung, tai_chinh, tai_san,\n"
    "dao_duc, khac. C: no_violation, violation, discipline_due. A plan item (the year's\n"
    "programme) is carried out by an inspection of the same body's organization, kind and year;\n"
    "a planned supervision is gs_chuyen_de.\n";
static const char inspect_help_vi[] =
    "cách dùng:\n"
    "  tcxd inspect add CƠ_QUAN --kind LOẠI --body CHỦ_THỂ --start NGÀY [--end NGÀY]\n"
    "           [--areas A,B] [--team TÊN] [--orgs TỔ_CHỨC,TỔ_CHỨC] [--members SỐ,SỐ] [--decision "
    "SỐ]\n"
    "           [--plan-item MÃ_SỐ]\n"
    "  tcxd inspect plan-add CƠ_QUAN --year NĂM --kind LOẠI --body CHỦ_THỂ [--areas A,B]\n"
    "           [--planned-orgs SỐ] [--planned-members SỐ] [--month THÁNG] [--title NỘI_DUNG]\n"
    "  tcxd inspect plan TỔ_CHỨC --year NĂM\n"
    "  tcxd inspect conclude MÃ_SỐ --conclusion KẾT_LUẬN [--date NGÀY] [--findings NỘI_DUNG]\n"
    "           [--follow-up NỘI_DUNG]\n"
    "  tcxd inspect show MÃ_SỐ\n"
    "  tcxd inspect list TỔ_CHỨC --from NGÀY --to NGÀY\n"
    "  tcxd inspect report TỔ_CHỨC --from NGÀY --to NGÀY [--format text|xlsx|pdf --output TỆP]\n"
    "LOẠI: kt_thuong_xuyen, kt_dau_hieu, kt_chuyen_de, kt_thi_hanh_ky_luat (kiểm tra),\n"
    "gs_thuong_xuyen, gs_chuyen_de (giám sát). CHỦ_THỂ: cap_uy, ban_thuong_vu, ubkt, chi_bo, "
    "doan.\n"
    "--areas: nghi_quyet, quy_che, tap_trung_dan_chu, can_bo, tham_nhung, tai_chinh, tai_san,\n"
    "dao_duc, khac. KẾT_LUẬN: no_violation (không vi phạm), violation (có vi phạm),\n"
    "discipline_due (đến mức phải xem xét kỷ luật). Một nội dung của chương trình kiểm tra,\n"
    "giám sát năm được thực hiện bằng một cuộc kiểm tra của cùng cơ quan, cùng loại, trong năm\n"
    "đó; giám sát theo chương trình là gs_chuyen_de.\n";

static const char discipline_help[] =
    "usage:\n"
    "  tcxd discipline member MEMBER --form FORM --decision-date DATE [--violation-date DATE]\n"
    "           [--announced DATE] [--by ORG] [--decision NO] [--reason TEXT] [--inspection ID]\n"
    "  tcxd discipline org ORG --form FORM --decision-date DATE [...the same options]\n"
    "  tcxd discipline appeal ID --lodged DATE [--result R] [--form FORM] [--decided DATE]\n"
    "           [--decision NO]\n"
    "  tcxd discipline show ID\n"
    "  tcxd discipline list ORG --from DATE --to DATE\n"
    "FORM: khien_trach, canh_cao, cach_chuc, khai_tru (members; a probationary member only the\n"
    "first two), giai_tan (organizations, with khien_trach and canh_cao). R: pending, kept,\n"
    "changed (with --form), annulled. A decision other than khai trừ and giải tán ceases 12\n"
    "months after its announcement.\n";
static const char discipline_help_vi[] =
    "cách dùng:\n"
    "  tcxd discipline member ĐẢNG_VIÊN --form HÌNH_THỨC --decision-date NGÀY\n"
    "           [--violation-date NGÀY] [--announced NGÀY] [--by TỔ_CHỨC] [--decision SỐ]\n"
    "           [--reason LÝ_DO] [--inspection MÃ_SỐ]\n"
    "  tcxd discipline org TỔ_CHỨC --form HÌNH_THỨC --decision-date NGÀY [...cùng các tùy chọn]\n"
    "  tcxd discipline appeal MÃ_SỐ --lodged NGÀY [--result KẾT_QUẢ] [--form HÌNH_THỨC]\n"
    "           [--decided NGÀY] [--decision SỐ]\n"
    "  tcxd discipline show MÃ_SỐ\n"
    "  tcxd discipline list TỔ_CHỨC --from NGÀY --to NGÀY\n"
    "HÌNH_THỨC: khien_trach, canh_cao, cach_chuc, khai_tru (đảng viên; đảng viên dự bị chỉ hai\n"
    "hình thức đầu), giai_tan (tổ chức, cùng khien_trach và canh_cao). KẾT_QUẢ: pending (đang\n"
    "giải quyết), kept (giữ nguyên), changed (thay đổi, kèm --form), annulled (xóa bỏ). Quyết\n"
    "định kỷ luật, trừ khai trừ và giải tán, hết hiệu lực sau 12 tháng kể từ ngày công bố.\n";

enum {
    O_KIND,
    O_BODY,
    O_START,
    O_END,
    O_AREAS,
    O_TEAM,
    O_ORGS,
    O_MEMBERS,
    O_DECISION,
    O_CONCLUSION,
    O_DATE,
    O_FINDINGS,
    O_FOLLOW_UP,
    O_FROM,
    O_TO,
    O_FORM,
    O_DECISION_DATE,
    O_VIOLATION_DATE,
    O_ANNOUNCED,
    O_BY,
    O_REASON,
    O_INSPECTION,
    O_LODGED,
    O_RESULT,
    O_DECIDED,
    O_FORMAT,
    O_OUTPUT,
    O_YEAR,
    O_MONTH,
    O_TITLE,
    O_PLANNED_ORGS,
    O_PLANNED_MEMBERS,
    O_PLAN_ITEM,
    O_HELP,
    O__MAX
};

static void opts_init(struct cli_opt *o)
{
    static const struct cli_opt proto[O__MAX] = {
        {"kind", true, NULL},
        {"body", true, NULL},
        {"start", true, NULL},
        {"end", true, NULL},
        {"areas", true, NULL},
        {"team", true, NULL},
        {"orgs", true, NULL},
        {"members", true, NULL},
        {"decision", true, NULL},
        {"conclusion", true, NULL},
        {"date", true, NULL},
        {"findings", true, NULL},
        {"follow-up", true, NULL},
        {"from", true, NULL},
        {"to", true, NULL},
        {"form", true, NULL},
        {"decision-date", true, NULL},
        {"violation-date", true, NULL},
        {"announced", true, NULL},
        {"by", true, NULL},
        {"reason", true, NULL},
        {"inspection", true, NULL},
        {"lodged", true, NULL},
        {"result", true, NULL},
        {"decided", true, NULL},
        {"format", true, NULL},
        {"output", true, NULL},
        {"year", true, NULL},
        {"month", true, NULL},
        {"title", true, NULL},
        {"planned-orgs", true, NULL},
        {"planned-members", true, NULL},
        {"plan-item", true, NULL},
        {"help", false, NULL},
    };
    memcpy(o, proto, sizeof(proto));
}

static enum tcxd_err opt_date(const char *s, const char *field, bool required, tcxd_date *out,
                              struct tcxd_error *e)
{
    *out = DATE_NONE;
    if (!s)
        return required ? tcxd_fail(e, TCXD_EINVAL, field, "field %s is required", field) : TCXD_OK;
    return cli_date(s, DATE_NONE, field, out, e);
}

/* "A,B,C" into at most max pieces (each copied into its own buffer of 64 bytes). */
static size_t split(const char *s, char (*out)[64], size_t max)
{
    size_t n = 0;
    for (const char *p = s ? s : ""; *p && n < max;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        while (len && *p == ' ')
            p++, len--;
        if (len >= 64)
            len = 63;
        memcpy(out[n], p, len);
        out[n][len] = '\0';
        if (len)
            n++;
        p = comma ? comma + 1 : p + strlen(p);
    }
    return n;
}

/* A whole number option in [lo, hi] (field named in the error). */
static enum tcxd_err number(const char *s, const char *field, int64_t lo, int64_t hi, int64_t *out,
                            struct tcxd_error *e)
{
    char *end = NULL;
    long long v = s && *s ? strtoll(s, &end, 10) : 0;
    if (!s || !*s || *end || v < lo || v > hi)
        return tcxd_fail(e, TCXD_EINVAL, field, "invalid %s '%s' (%lld..%lld)", field, s ? s : "",
                         (long long)lo, (long long)hi);
    *out = v;
    return TCXD_OK;
}

static json_t *jdate(tcxd_date d)
{
    return cli_json_date(d);
}

/* ---- inspect ---- */

static int inspect_add(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1 || !o[O_KIND].value || !o[O_BODY].value)
        return cli_usage(cli, "inspect", "inspect add needs BODY_ORG, --kind and --body");
    struct inspection_req r = {.team = o[O_TEAM].value, .decision_no = o[O_DECISION].value};
    struct org_info body, x;
    char(*orgs)[64] = xcalloc(512, 64), (*mems)[64] = xcalloc(512, 64);
    int64_t org_ids[512], mem_ids[512], id;
    int ret = 0;
    if (inspection_kind_parse(o[O_KIND].value, &r.kind, &e) ||
        inspection_body_parse(o[O_BODY].value, &r.body, &e) ||
        inspection_areas_parse(o[O_AREAS].value, &r.areas, &e) ||
        opt_date(o[O_START].value, "start", true, &r.start, &e) ||
        opt_date(o[O_END].value, "end", false, &r.end, &e) ||
        cli_org(cli, pos[0], r.start, &body, &e)) {
        ret = cli_fail(cli, &e);
        goto out;
    }
    r.body_org_id = body.id;
    if (o[O_PLAN_ITEM].value &&
        number(o[O_PLAN_ITEM].value, "plan_item_id", 1, INT64_MAX, &r.plan_item_id, &e)) {
        ret = cli_fail(cli, &e);
        goto out;
    }
    size_t no = split(o[O_ORGS].value, orgs, 512), nm = split(o[O_MEMBERS].value, mems, 512);
    for (size_t i = 0; i < no; i++) {
        if (cli_org(cli, orgs[i], r.start, &x, &e)) {
            ret = cli_fail(cli, &e);
            goto out;
        }
        org_ids[i] = x.id;
    }
    for (size_t i = 0; i < nm; i++)
        if (cli_member_id(cli, mems[i], &mem_ids[i], &e)) {
            ret = cli_fail(cli, &e);
            goto out;
        }
    r.orgs = org_ids;
    r.norgs = no;
    r.members = mem_ids;
    r.nmembers = nm;
    if (store_inspection_add(cli->st, &cli->actor, &r, date_today(), &id, &e)) {
        ret = cli_fail(cli, &e);
        goto out;
    }
    if (cli->json)
        cli_print_json(json_pack("{s:I, s:s, s:I, s:I}", "id", (json_int_t)id, "kind",
                                 inspection_kind_name(r.kind), "orgs", (json_int_t)no, "members",
                                 (json_int_t)nm));
    else
        printf("%s: #%lld %s (%zu, %zu)\n", MSG_T("inspection recorded"), (long long)id,
               inspection_kind_label(r.kind), no, nm);
out:
    free(orgs);
    free(mems);
    return ret;
}

static int inspect_conclude(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1 || !o[O_CONCLUSION].value)
        return cli_usage(cli, "inspect", "inspect conclude needs ID and --conclusion");
    enum inspection_conclusion c;
    tcxd_date on;
    if (inspection_conclusion_parse(o[O_CONCLUSION].value, &c, &e) ||
        cli_date(o[O_DATE].value, date_today(), "date", &on, &e) ||
        store_inspection_conclude(cli->st, &cli->actor, strtoll(pos[0], NULL, 10), c, on,
                                  o[O_FINDINGS].value, o[O_FOLLOW_UP].value, date_today(), &e))
        return cli_fail(cli, &e);
    if (cli->json)
        cli_print_json(
            json_pack("{s:s, s:s}", "id", pos[0], "conclusion", inspection_conclusion_name(c)));
    else
        printf("%s: #%s %s\n", MSG_T("conclusion recorded"), pos[0],
               inspection_conclusion_label(c));
    return 0;
}

struct list_ctx {
    json_t *items;
};

static void list_inspection(void *ctx, const struct inspection_info *i)
{
    json_array_append_new(((struct list_ctx *)ctx)->items, api_inspection_json(i));
}

static void list_discipline(void *ctx, const struct discipline_info *d)
{
    json_array_append_new(((struct list_ctx *)ctx)->items, api_discipline_json(d));
}

/* ORG --from --to: the tree on the last day and the organization's index in it. */
static int period(struct cli *cli, const char *cmd, struct cli_opt *o, const char **pos,
                  size_t npos, tcxd_date *from, tcxd_date *to, struct org_info *org,
                  struct org_tree *t, uint32_t *root)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, cmd, "%s needs ORG, --from and --to", cmd);
    if (opt_date(o[O_FROM].value, "from", true, from, &e) ||
        opt_date(o[O_TO].value, "to", true, to, &e) || cli_org(cli, pos[0], *to, org, &e) ||
        store_tree_load(cli->st, *to, t, &e))
        return cli_fail(cli, &e);
    *root = org_tree_find(t, org->id);
    return 0;
}

static int inspect_view(struct cli *cli, const char *verb, struct cli_opt *o, const char **pos,
                        size_t npos)
{
    tcxd_date from, to;
    struct org_info org;
    struct org_tree t;
    uint32_t root;
    int rc = period(cli, "inspect", o, pos, npos, &from, &to, &org, &t, &root);
    if (rc)
        return rc;
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (!strcmp(verb, "list")) {
        struct list_ctx l = {json_array()};
        if (store_inspection_list(cli->st, &t, root, from, to, list_inspection, &l, &e)) {
            org_tree_release(&t);
            json_decref(l.items);
            return cli_fail(cli, &e);
        }
        org_tree_release(&t);
        if (cli->json) {
            cli_print_json(l.items);
            return 0;
        }
        size_t i;
        json_t *v;
        json_array_foreach(l.items, i, v)
        {
            char d[DATE_ISO_LEN];
            printf("#%lld\t%s\t%s\t%lld tổ chức, %lld đảng viên\t%s\n",
                   (long long)json_integer_value(json_object_get(v, "id")),
                   cli_vn_date(json_object_get(v, "start"), d),
                   json_string_value(json_object_get(v, "kind_label")),
                   (long long)json_integer_value(json_object_get(v, "orgs")),
                   (long long)json_integer_value(json_object_get(v, "members")),
                   json_string_value(json_object_get(v, "conclusion_label")));
        }
        json_decref(l.items);
        return 0;
    }
    const char *fmt = o[O_FORMAT].value;
    if (fmt && strcmp(fmt, "text")) {
        /* the period report as a file: XLSX or a Party document in PDF */
        org_tree_release(&t);
        bool pdf = !strcmp(fmt, "pdf");
        if (!pdf && strcmp(fmt, "xlsx"))
            return cli_usage(cli, "inspect", "--format is text, xlsx or pdf");
        if (!o[O_OUTPUT].value)
            return cli_usage(cli, "inspect", "--format %s needs --output FILE", fmt);
        struct inspection_report *r = xmalloc(sizeof(*r));
        struct buf out = BUF_INIT;
        rc = inspection_report_build(cli->st, org.id, from, to, r, &e);
        if (!rc)
            rc = pdf ? inspection_report_pdf(r, &out, &e) : inspection_report_xlsx(r, &out, &e);
        free(r);
        if (!rc) {
            FILE *f = fopen(o[O_OUTPUT].value, "wb");
            bool ok = f && fwrite(out.ptr, 1, out.len, f) == out.len;
            if (f && fclose(f) != 0)
                ok = false;
            if (!ok)
                rc = tcxd_fail(&e, TCXD_EIO, "output", "cannot write '%s'", o[O_OUTPUT].value);
        }
        size_t bytes = out.len;
        buf_release(&out);
        if (rc)
            return cli_fail(cli, &e);
        if (cli->json)
            cli_print_json(
                json_pack("{s:s, s:I}", "file", o[O_OUTPUT].value, "bytes", (json_int_t)bytes));
        return 0;
    }
    struct inspection_counts c;
    rc = store_inspection_counts(cli->st, &t, root, from, to, &c, &e);
    org_tree_release(&t);
    if (rc)
        return cli_fail(cli, &e);
    struct buf b = BUF_INIT;
    inspection_sentence(&c, &b);
    if (cli->json) {
        /* the API's shape (api_inspection_counts_json) with the organization and period */
        json_t *j = api_inspection_counts_json(&c);
        json_object_set_new(j, "org", json_string(org.code));
        json_object_set_new(j, "from", jdate(from));
        json_object_set_new(j, "to", jdate(to));
        cli_print_json(j);
    } else {
        char a[DATE_ISO_LEN], z[DATE_ISO_LEN];
        date_format_vn(from, a);
        date_format_vn(to, z);
        printf("%s (%s – %s): %s.\n", org.name, a, z, b.ptr);
        if (c.teams)
            printf("Thành lập %lld đoàn kiểm tra đối với %lld tổ chức đảng và %lld đảng viên.\n",
                   (long long)c.teams, (long long)c.team_orgs, (long long)c.team_members);
    }
    buf_release(&b);
    return 0;
}

/* ---- the annual plan ---- */

static int plan_add(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1 || !o[O_YEAR].value || !o[O_KIND].value || !o[O_BODY].value)
        return cli_usage(cli, "inspect",
                         "inspect plan-add needs BODY_ORG, --year, --kind and --body");
    struct inspection_plan_req r = {.title = o[O_TITLE].value};
    int64_t year = 0, month = 0, id;
    struct org_info body;
    struct inspection_plan_item item;
    if (number(o[O_YEAR].value, "year", 1930, 9998, &year, &e) ||
        (o[O_MONTH].value && number(o[O_MONTH].value, "month", 0, 12, &month, &e)) ||
        (o[O_PLANNED_ORGS].value && number(o[O_PLANNED_ORGS].value, "planned_orgs", 0,
                                           INSPECTION_PLAN_PLANNED_MAX, &r.planned_orgs, &e)) ||
        (o[O_PLANNED_MEMBERS].value &&
         number(o[O_PLANNED_MEMBERS].value, "planned_members", 0, INSPECTION_PLAN_PLANNED_MAX,
                &r.planned_members, &e)) ||
        inspection_kind_parse(o[O_KIND].value, &r.kind, &e) ||
        inspection_body_parse(o[O_BODY].value, &r.body, &e) ||
        inspection_areas_parse(o[O_AREAS].value, &r.areas, &e))
        return cli_fail(cli, &e);
    r.year = (int)year;
    r.month = (int)month;
    tcxd_date on = date_from_ymd(r.year, 12, 31);
    if (on > date_today())
        on = date_today();
    if (cli_org(cli, pos[0], on, &body, &e))
        return cli_fail(cli, &e);
    r.body_org_id = body.id;
    if (store_inspection_plan_add(cli->st, &cli->actor, &r, date_today(), &id, &e) ||
        store_inspection_plan_item_get(cli->st, id, &item, &e))
        return cli_fail(cli, &e);
    if (cli->json)
        cli_print_json(api_plan_item_json(&item));
    else
        printf("%s: #%lld %s (%d)\n", MSG_T("plan item recorded"), (long long)id,
               inspection_kind_label(r.kind), r.year);
    return 0;
}

static void plan_item_line(void *ctx, const struct inspection_plan_item *i)
{
    json_array_append_new(ctx, api_plan_item_json(i));
}

static int plan_show(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1 || !o[O_YEAR].value)
        return cli_usage(cli, "inspect", "inspect plan needs ORG and --year");
    int64_t year;
    struct org_info org;
    struct org_tree t;
    if (number(o[O_YEAR].value, "year", 1930, 9998, &year, &e))
        return cli_fail(cli, &e);
    tcxd_date on = date_from_ymd((int)year, 12, 31);
    if (on > date_today())
        on = date_today();
    if (cli_org(cli, pos[0], on, &org, &e) || store_tree_load(cli->st, on, &t, &e))
        return cli_fail(cli, &e);
    struct inspection_plan_progress p;
    json_t *items = json_array();
    enum tcxd_err rc = store_inspection_plan(cli->st, &t, org_tree_find(&t, org.id), (int)year,
                                             plan_item_line, items, &p, &e);
    org_tree_release(&t);
    if (rc) {
        json_decref(items);
        return cli_fail(cli, &e);
    }
    json_t *j = api_plan_progress_json(&p, (int)year);
    if (cli->json) {
        json_object_set_new(j, "org", json_string(org.code));
        json_object_set_new(j, "items", items);
        cli_print_json(j);
        return 0;
    }
    printf("%s: %s.\n", org.name, json_string_value(json_object_get(j, "sentence")));
    size_t i;
    json_t *v;
    json_array_foreach(items, i, v)
    {
        long long month = json_integer_value(json_object_get(v, "month"));
        char when[32];
        if (month)
            snprintf(when, sizeof(when), "tháng %lld", month);
        else
            snprintf(when, sizeof(when), "cả năm");
        printf("#%lld\t%s\t%s\t%lld tổ chức, %lld đảng viên\t%s\t%s\n",
               (long long)json_integer_value(json_object_get(v, "id")), when,
               json_string_value(json_object_get(v, "kind_label")),
               (long long)json_integer_value(json_object_get(v, "planned_orgs")),
               (long long)json_integer_value(json_object_get(v, "planned_members")),
               json_integer_value(json_object_get(v, "carried_out")) ? "đã thực hiện"
                                                                     : "chưa thực hiện",
               json_string_value(json_object_get(v, "title")));
    }
    json_decref(items);
    json_decref(j);
    return 0;
}

int cmd_inspect(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[O__MAX];
    opts_init(o);
    cli_opts_keep(o, O__MAX,
                  "kind body start end areas team orgs members decision conclusion date findings "
                  "follow-up from to format output year month title planned-orgs planned-members "
                  "plan-item help");
    const char *pos[4];
    size_t npos;
    int rc = cli_verb_begin(cli, "inspect", cli_help(inspect_help, inspect_help_vi), argc, argv, o,
                            O__MAX, pos, 4, &npos);
    if (rc >= 0)
        return rc;
    const char *verb = argv[1];
    if (!strcmp(verb, "add"))
        return inspect_add(cli, o, pos, npos);
    if (!strcmp(verb, "conclude"))
        return inspect_conclude(cli, o, pos, npos);
    if (!strcmp(verb, "plan-add"))
        return plan_add(cli, o, pos, npos);
    if (!strcmp(verb, "plan"))
        return plan_show(cli, o, pos, npos);
    if (!strcmp(verb, "show")) {
        struct tcxd_error e;
        struct inspection_info *i = xmalloc(sizeof(*i));
        if (npos != 1 || store_inspection_get(cli->st, strtoll(pos[0], NULL, 10), i, &e)) {
            free(i);
            return npos != 1 ? cli_usage(cli, "inspect", "inspect show needs ID")
                             : cli_fail(cli, &e);
        }
        json_t *j = api_inspection_json(i);
        free(i);
        if (cli->json)
            cli_print_json(j);
        else {
            char *t = json_dumps(j, JSON_INDENT(2));
            printf("%s\n", t);
            free(t);
            json_decref(j);
        }
        return 0;
    }
    if (!strcmp(verb, "list") || !strcmp(verb, "report"))
        return inspect_view(cli, verb, o, pos, npos);
    return cli_usage(cli, "inspect", "unknown inspect command '%s'", verb);
}

/* ---- discipline ---- */

static int discipline_add(struct cli *cli, bool member, struct cli_opt *o, const char **pos,
                          size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1 || !o[O_FORM].value)
        return cli_usage(cli, "discipline", "discipline %s needs %s and --form",
                         member ? "member" : "org", member ? MSG_T("MEMBER") : MSG_T("ORG"));
    struct discipline_req r = {.decision_no = o[O_DECISION].value, .reason = o[O_REASON].value};
    struct org_info org;
    int64_t id;
    if (party_discipline_parse(o[O_FORM].value, &r.form, &e) ||
        opt_date(o[O_DECISION_DATE].value, "decision_date", true, &r.decision, &e) ||
        opt_date(o[O_VIOLATION_DATE].value, "violation_date", false, &r.violation, &e) ||
        opt_date(o[O_ANNOUNCED].value, "announced_on", false, &r.announced, &e))
        return cli_fail(cli, &e);
    if (member) {
        if (cli_member_id(cli, pos[0], &r.member_id, &e))
            return cli_fail(cli, &e);
    } else {
        if (cli_org(cli, pos[0], r.decision, &org, &e))
            return cli_fail(cli, &e);
        r.org_id = org.id;
    }
    if (o[O_BY].value) {
        if (cli_org(cli, o[O_BY].value, r.decision, &org, &e))
            return cli_fail(cli, &e);
        r.deciding_org_id = org.id;
    }
    if (o[O_INSPECTION].value)
        r.inspection_id = strtoll(o[O_INSPECTION].value, NULL, 10);
    if (store_discipline_add(cli->st, &cli->actor, &r, date_today(), &id, &e))
        return cli_fail(cli, &e);
    if (cli->json) {
        struct discipline_info d;
        if (store_discipline_get(cli->st, id, &d, &e))
            return cli_fail(cli, &e);
        cli_print_json(api_discipline_json(&d));
    } else {
        printf("%s: #%lld %s\n", MSG_T("discipline recorded"), (long long)id,
               party_discipline_label(r.form));
    }
    return 0;
}

static int discipline_appeal(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "discipline", "discipline appeal needs ID");
    tcxd_date lodged, decided;
    enum appeal_result res = APPEAL_PENDING;
    enum party_discipline form = PD_KHIEN_TRACH;
    if (opt_date(o[O_LODGED].value, "lodged_on", true, &lodged, &e) ||
        opt_date(o[O_DECIDED].value, "decided_on", false, &decided, &e) ||
        (o[O_RESULT].value && appeal_result_parse(o[O_RESULT].value, &res, &e)) ||
        (o[O_FORM].value && party_discipline_parse(o[O_FORM].value, &form, &e)) ||
        store_discipline_appeal(cli->st, &cli->actor, strtoll(pos[0], NULL, 10), lodged, res, form,
                                decided, o[O_DECISION].value, date_today(), &e))
        return cli_fail(cli, &e);
    if (cli->json)
        cli_print_json(
            json_pack("{s:s, s:s}", "discipline", pos[0], "result", appeal_result_name(res)));
    else
        printf("%s: #%s %s\n", MSG_T("appeal recorded"), pos[0], appeal_result_label(res));
    return 0;
}

int cmd_discipline(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[O__MAX];
    opts_init(o);
    cli_opts_keep(o, O__MAX,
                  "form decision-date violation-date announced by decision reason inspection "
                  "lodged result decided from to help");
    const char *pos[4];
    size_t npos;
    int rc = cli_verb_begin(cli, "discipline", cli_help(discipline_help, discipline_help_vi), argc,
                            argv, o, O__MAX, pos, 4, &npos);
    if (rc >= 0)
        return rc;
    const char *verb = argv[1];
    if (!strcmp(verb, "member") || !strcmp(verb, "org"))
        return discipline_add(cli, !strcmp(verb, "member"), o, pos, npos);
    if (!strcmp(verb, "appeal"))
        return discipline_appeal(cli, o, pos, npos);
    if (!strcmp(verb, "show")) {
        struct tcxd_error e;
        struct discipline_info d;
        if (npos != 1)
            return cli_usage(cli, "discipline", "discipline show needs ID");
        if (store_discipline_get(cli->st, strtoll(pos[0], NULL, 10), &d, &e))
            return cli_fail(cli, &e);
        json_t *j = api_discipline_json(&d);
        if (cli->json) {
            cli_print_json(j);
        } else {
            char *t = json_dumps(j, JSON_INDENT(2));
            printf("%s\n", t);
            free(t);
            json_decref(j);
        }
        return 0;
    }
    if (!strcmp(verb, "list")) {
        tcxd_date from, to;
        struct org_info org;
        struct org_tree t;
        uint32_t root;
        rc = period(cli, "discipline", o, pos, npos, &from, &to, &org, &t, &root);
        if (rc)
            return rc;
        struct tcxd_error e;
        struct list_ctx l = {json_array()};
        rc = store_discipline_list(cli->st, &t, root, from, to, list_discipline, &l, &e);
        org_tree_release(&t);
        if (rc) {
            json_decref(l.items);
            return cli_fail(cli, &e);
        }
        if (cli->json) {
            cli_print_json(l.items);
            return 0;
        }
        size_t i;
        json_t *v;
        json_array_foreach(l.items, i, v)
        {
            char d[DATE_ISO_LEN];
            printf("#%lld\t%s\t%s\t%s\n", (long long)json_integer_value(json_object_get(v, "id")),
                   cli_vn_date(json_object_get(v, "decision_date"), d),
                   json_string_value(json_object_get(v, "current_label")),
                   json_string_value(json_object_get(v, "decision_no")));
        }
        json_decref(l.items);
        return 0;
    }
    return cli_usage(cli, "discipline", "unknown discipline command '%s'", verb);
}
