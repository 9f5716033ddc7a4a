/*
 * cmd_program.c - `tcxd program ...` (programs and their items with dated statuses, progress
 * reports and the overdue list), `tcxd indicator ...` (targets, computed and entered values,
 * progress against plan and the same period) and `tcxd meeting ...` (the chi bộ meeting
 * register, committee members' assignments and the quarterly attendance report). The rules are
 * core/program.h; the records store/store_program.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store_program.h"
#include "util/msg.h"
#include "util/vnfmt.h"
#include "util/xmalloc.h"

static const char program_help[] =
    "usage:\n"
    "  tcxd program add CODE TITLE --org ORG --from DATE --to DATE [--steering TEXT]\n"
    "           [--decision NO]\n"
    "  tcxd program list\n"
    "  tcxd program item PROGRAM NO TITLE --kind KIND --lead AGENCY --start DATE\n"
    "           --deadline DATE [--people TEXT] [--document NO]\n"
    "  tcxd program status PROGRAM NO STATUS [--date DATE] [--note TEXT] [--document NO]\n"
    "  tcxd program show PROGRAM [--as-of DATE]\n"
    "  tcxd program report PROGRAM [--as-of DATE] [--days N]\n"
    "  tcxd program due PROGRAM [--as-of DATE] [--days N]\n"
    "KIND: de_tai, de_an, chuyen_de, ke_hoach, khac. STATUS: not_started, in_progress,\n"
    "draft_submitted, done (or the Vietnamese words: \"Đang triển khai\" ...). An item is overdue\n"
    "when it is not done after its deadline; due soon: deadline within --days (default 30).\n";
static const char program_help_vi[] =
    "cách dùng:\n"
    "  tcxd program add MÃ TIÊU_ĐỀ --org TỔ_CHỨC --from NGÀY --to NGÀY [--steering NỘI_DUNG]\n"
    "           [--decision SỐ]\n"
    "  tcxd program list\n"
    "  tcxd program item CHƯƠNG_TRÌNH SỐ_TT TIÊU_ĐỀ --kind LOẠI --lead CƠ_QUAN --start NGÀY\n"
    "           --deadline NGÀY [--people NỘI_DUNG] [--document SỐ]\n"
    "  tcxd program status CHƯƠNG_TRÌNH SỐ_TT TRẠNG_THÁI [--date NGÀY] [--note NỘI_DUNG]\n"
    "           [--document SỐ]\n"
    "  tcxd program show CHƯƠNG_TRÌNH [--as-of NGÀY]\n"
    "  tcxd program report CHƯƠNG_TRÌNH [--as-of NGÀY] [--days N]\n"
    "  tcxd program due CHƯƠNG_TRÌNH [--as-of NGÀY] [--days N]\n"
    "LOẠI: de_tai, de_an, chuyen_de, ke_hoach, khac. TRẠNG_THÁI: not_started (chưa triển khai),\n"
    "in_progress (đang triển khai), draft_submitted (đã trình dự thảo), done (hoàn thành), hoặc\n"
    "nhãn tiếng Việt: \"Đang triển khai\" ... Một nội dung quá hạn khi chưa hoàn thành sau thời\n"
    "hạn; sắp đến hạn: thời hạn trong vòng --days ngày (mặc định 30).\n";

static const char indicator_help[] =
    "usage:\n"
    "  tcxd indicator add CODE NAME --org ORG --source SOURCE [--unit count|permille]\n"
    "  tcxd indicator list\n"
    "  tcxd indicator target CODE VALUE --from DATE --to DATE [--note TEXT]\n"
    "  tcxd indicator value CODE VALUE --from DATE --to DATE [--note TEXT]\n"
    "  tcxd indicator report CODE --from DATE --to DATE\n"
    "SOURCE: admissions (members admitted in the period), new_orgs (base organizations\n"
    "created), new_orgs_non_state (of them, in non-state enterprises), all counted over ORG's\n"
    "subtree as it stood on the period's last day; manual (values entered with 'value').\n"
    "A share (permille) is given in tenths of a percent: 825 = 82,5%.\n";
static const char indicator_help_vi[] =
    "cách dùng:\n"
    "  tcxd indicator add MÃ TÊN --org TỔ_CHỨC --source NGUỒN [--unit count|permille]\n"
    "  tcxd indicator list\n"
    "  tcxd indicator target MÃ GIÁ_TRỊ --from NGÀY --to NGÀY [--note NỘI_DUNG]\n"
    "  tcxd indicator value MÃ GIÁ_TRỊ --from NGÀY --to NGÀY [--note NỘI_DUNG]\n"
    "  tcxd indicator report MÃ --from NGÀY --to NGÀY\n"
    "NGUỒN: admissions (đảng viên kết nạp trong kỳ), new_orgs (tổ chức cơ sở đảng thành lập),\n"
    "new_orgs_non_state (trong đó, ở doanh nghiệp ngoài nhà nước), đều đếm trên cây của TỔ_CHỨC\n"
    "tại ngày cuối kỳ; manual (giá trị nhập bằng 'value'). --unit: count (số lượng), permille\n"
    "(tỷ lệ, tính bằng phần nghìn: 825 = 82,5%).\n";

static const char unit_help[] =
    "usage:\n"
    "  tcxd unit add CODE NAME --org COMMUNE --kind KIND [--from DATE]\n"
    "  tcxd unit link CODE CHI_BO [--from DATE] [--decision NO]\n"
    "  tcxd unit coverage ORG [--as-of DATE]\n"
    "Residential units (thôn, tổ dân phố) of a commune or ward committee and the chi bộ serving\n"
    "each from a date; coverage counts, over ORG's subtree on a day, the units with no chi bộ and\n"
    "those with no member. KIND: thon, to_dan_pho, ban, ap, khu_pho, khac.\n";
static const char unit_help_vi[] =
    "cách dùng:\n"
    "  tcxd unit add MÃ TÊN --org ĐẢNG_BỘ_XÃ --kind LOẠI [--from NGÀY]\n"
    "  tcxd unit link MÃ CHI_BỘ [--from NGÀY] [--decision SỐ]\n"
    "  tcxd unit coverage TỔ_CHỨC [--as-of NGÀY]\n"
    "Thôn, tổ dân phố của đảng bộ xã, phường và chi bộ phụ trách từng nơi từ một ngày; coverage\n"
    "đếm, trên cây của TỔ_CHỨC vào một ngày, các thôn, tổ dân phố chưa có chi bộ và chưa có đảng\n"
    "viên. LOẠI: thon, to_dan_pho, ban, ap, khu_pho, khac.\n";

static const char meeting_help[] =
    "usage:\n"
    "  tcxd meeting add ORG --date DATE [--kind regular|thematic] [--topic TEXT]\n"
    "           [--members ID,ID,...] [--guests ID,ID,...]\n"
    "  tcxd meeting list ORG [--from DATE] [--to DATE]\n"
    "  tcxd meeting assign MEMBER ORG --from DATE [--to DATE] [--decision NO]\n"
    "  tcxd meeting attendance ORG --year YYYY --quarter 1-4\n"
    "Members present must be registered in ORG on the date; guests (members of higher\n"
    "committees) may be anyone. A committee member assigned to ORG must attend at least once a\n"
    "quarter; an assignment that starts or ends inside a quarter is not yet due in it.\n";
static const char meeting_help_vi[] =
    "cách dùng:\n"
    "  tcxd meeting add TỔ_CHỨC --date NGÀY [--kind regular|thematic] [--topic NỘI_DUNG]\n"
    "           [--members SỐ,SỐ,...] [--guests SỐ,SỐ,...]\n"
    "  tcxd meeting list TỔ_CHỨC [--from NGÀY] [--to NGÀY]\n"
    "  tcxd meeting assign ĐẢNG_VIÊN TỔ_CHỨC --from NGÀY [--to NGÀY] [--decision SỐ]\n"
    "  tcxd meeting attendance TỔ_CHỨC --year NĂM --quarter 1-4\n"
    "--kind: regular (sinh hoạt thường kỳ), thematic (sinh hoạt chuyên đề). Đảng viên có mặt phải\n"
    "sinh hoạt tại TỔ_CHỨC vào ngày họp; khách mời (đảng viên cấp ủy cấp trên) có thể là bất kỳ\n"
    "ai. Cấp ủy viên được phân công dự sinh hoạt ở TỔ_CHỨC phải dự ít nhất mỗi quý một lần; phân\n"
    "công bắt đầu hoặc kết thúc giữa quý thì chưa tính trong quý đó.\n";

enum {
    O_ORG,
    O_FROM,
    O_TO,
    O_STEERING,
    O_DECISION,
    O_KIND,
    O_LEAD,
    O_START,
    O_DEADLINE,
    O_PEOPLE,
    O_DOCUMENT,
    O_DATE,
    O_NOTE,
    O_ASOF,
    O_DAYS,
    O_SOURCE,
    O_UNIT,
    O_TOPIC,
    O_MEMBERS,
    O_GUESTS,
    O_YEAR,
    O_QUARTER,
    O_HELP,
    O__MAX
};

static void opts_init(struct cli_opt *o)
{
    static const struct cli_opt proto[O__MAX] = {
        {"org", true, NULL},      {"from", true, NULL},     {"to", true, NULL},
        {"steering", true, NULL}, {"decision", true, NULL}, {"kind", true, NULL},
        {"lead", true, NULL},     {"start", true, NULL},    {"deadline", true, NULL},
        {"people", true, NULL},   {"document", true, NULL}, {"date", true, NULL},
        {"note", true, NULL},     {"as-of", true, NULL},    {"days", true, NULL},
        {"source", true, NULL},   {"unit", true, NULL},     {"topic", true, NULL},
        {"members", true, NULL},  {"guests", true, NULL},   {"year", true, NULL},
        {"quarter", true, NULL},  {"help", false, NULL},
    };
    memcpy(o, proto, sizeof(proto));
}

/* A whole number option within [lo, hi]; absent -> dflt. */
static enum tcxd_err int_opt(const char *s, long lo, long hi, long dflt, const char *field,
                             long *out, struct tcxd_error *e)
{
    if (!s) {
        *out = dflt;
        return TCXD_OK;
    }
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return tcxd_fail(e, TCXD_EINVAL, field, "invalid %s '%s' (a whole number from %ld to %ld)",
                         field, s, lo, hi);
    *out = v;
    return TCXD_OK;
}

static enum tcxd_err required_date(const char *s, const char *field, tcxd_date *out,
                                   struct tcxd_error *e)
{
    if (!s)
        return tcxd_fail(e, TCXD_EINVAL, field, "field %s is required", field);
    return cli_date(s, DATE_NONE, field, out, e);
}

static json_t *jdate(tcxd_date d)
{
    return cli_json_date(d);
}

/* ---- programs ---- */

static enum tcxd_err find_program(struct cli *cli, const char *ref, struct program_info *p,
                                  struct tcxd_error *e)
{
    if (ref[0] == '#')
        return store_program_get(cli->st, strtoll(ref + 1, NULL, 10), NULL, p, e);
    return store_program_get(cli->st, 0, ref, p, e);
}

static json_t *program_json(const struct program_info *p)
{
    return json_pack("{s:I, s:s, s:s, s:I, s:s, s:o, s:o, s:s}", "id", (json_int_t)p->id, "code",
                     p->code, "title", p->title, "org_id", (json_int_t)p->org_id, "steering",
                     p->steering, "from", jdate(p->from), "to", jdate(p->to), "decision_no",
                     p->decision_no);
}

static int program_add(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 2)
        return cli_usage(cli, "program", "program add needs CODE and TITLE");
    if (!o[O_ORG].value)
        return cli_usage(cli, "program", "program add needs --org");
    struct program_create_req r = {.code = pos[0],
                                   .title = pos[1],
                                   .steering = o[O_STEERING].value,
                                   .decision_no = o[O_DECISION].value};
    struct org_info org;
    struct program_info p;
    int64_t id;
    if (required_date(o[O_FROM].value, "from", &r.from, &e) ||
        required_date(o[O_TO].value, "to", &r.to, &e) ||
        cli_org(cli, o[O_ORG].value, r.from, &org, &e))
        return cli_fail(cli, &e);
    r.org_id = org.id;
    if (store_program_create(cli->st, &cli->actor, &r, &id, &e) ||
        store_program_get(cli->st, id, NULL, &p, &e))
        return cli_fail(cli, &e);
    if (cli->json)
        cli_print_json(program_json(&p));
    else
        printf("%s: %s %s (#%lld)\n", MSG_T("program created"), p.code, p.title, (long long)p.id);
    return 0;
}

static void list_program(void *ctx, const struct program_info *p)
{
    json_t *arr = ctx;
    json_array_append_new(arr, program_json(p));
}

static int program_list(struct cli *cli)
{
    struct tcxd_error e;
    json_t *arr = json_array();
    if (store_program_list(cli->st, list_program, arr, &e)) {
        json_decref(arr);
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        cli_print_json(arr);
        return 0;
    }
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        char a[DATE_ISO_LEN], z[DATE_ISO_LEN];
        printf("%s\t%s\t%s – %s\n", json_string_value(json_object_get(v, "code")),
               json_string_value(json_object_get(v, "title")),
               cli_vn_date(json_object_get(v, "from"), a),
               cli_vn_date(json_object_get(v, "to"), z));
    }
    json_decref(arr);
    return 0;
}

static int program_item(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 3)
        return cli_usage(cli, "program", "program item needs PROGRAM, NO and TITLE");
    if (!o[O_KIND].value || !o[O_LEAD].value)
        return cli_usage(cli, "program", "program item needs --kind and --lead");
    struct program_info p;
    struct program_item_req r = {.no = pos[1],
                                 .title = pos[2],
                                 .lead_agency = o[O_LEAD].value,
                                 .people = o[O_PEOPLE].value,
                                 .document_no = o[O_DOCUMENT].value};
    int64_t id;
    if (find_program(cli, pos[0], &p, &e) ||
        program_item_kind_parse(o[O_KIND].value, &r.kind, &e) ||
        required_date(o[O_START].value, "start", &r.start, &e) ||
        required_date(o[O_DEADLINE].value, "deadline", &r.deadline, &e) ||
        store_program_item_add(cli->st, &cli->actor, p.id, &r, &id, &e))
        return cli_fail(cli, &e);
    if (cli->json)
        cli_print_json(
            json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "program", p.code, "no", pos[1]));
    else
        printf("%s: %s %s (#%lld)\n", MSG_T("item added"), p.code, pos[1], (long long)id);
    return 0;
}

static int program_status(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 3)
        return cli_usage(cli, "program", "program status needs PROGRAM, NO and STATUS");
    struct program_info p;
    int64_t item;
    struct program_status_change ch;
    if (find_program(cli, pos[0], &p, &e) ||
        store_program_item_find(cli->st, p.id, pos[1], &item, &e) ||
        program_status_parse(pos[2], &ch.status, &e) ||
        cli_date(o[O_DATE].value, date_today(), "date", &ch.date, &e) ||
        store_program_item_status(cli->st, &cli->actor, item, ch, o[O_NOTE].value,
                                  o[O_DOCUMENT].value, date_today(), &e))
        return cli_fail(cli, &e);
    char d[DATE_ISO_LEN];
    date_format_vn(ch.date, d);
    if (cli->json)
        cli_print_json(json_pack("{s:I, s:s, s:s, s:o}", "item", (json_int_t)item, "no", pos[1],
                                 "status", program_status_name(ch.status), "date", jdate(ch.date)));
    else
        printf("%s: %s %s — %s (%s)\n", MSG_T("status recorded"), p.code, pos[1],
               program_status_label(ch.status), d);
    return 0;
}

static json_t *item_json(const struct program_item_info *it, tcxd_date on)
{
    enum program_status s = program_status_on(it->changes, it->nchanges, on);
    json_t *hist = json_array();
    for (size_t k = 0; k < it->nchanges; k++)
        json_array_append_new(hist,
                              json_pack("{s:o, s:s}", "date", jdate(it->changes[k].date), "status",
                                        program_status_name(it->changes[k].status)));
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:b, s:o}", "id",
                     (json_int_t)it->id, "no", it->no, "kind", program_item_kind_name(it->kind),
                     "title", it->title, "lead_agency", it->lead_agency, "people", it->people,
                     "start", jdate(it->start), "deadline", jdate(it->deadline), "status",
                     program_status_name(s), "status_label", program_status_label(s), "overdue",
                     program_item_overdue(it->deadline, s, on), "history", hist);
}

static json_t *progress_json(const struct program_progress *pr)
{
    struct buf sentence = BUF_INIT, summary = BUF_INIT;
    program_progress_sentence(pr, &sentence);
    program_progress_summary(pr, &summary);
    json_t *by = json_object();
    for (int s = 0; s < PSTATUS__MAX; s++)
        json_object_set_new(by, program_status_name((enum program_status)s),
                            json_integer(pr->by_status[s]));
    json_t *j = json_pack("{s:I, s:I, s:o, s:I, s:I, s:s, s:s}", "items", (json_int_t)pr->items,
                          "agencies", (json_int_t)pr->agencies, "by_status", by, "overdue",
                          (json_int_t)pr->overdue, "due_soon", (json_int_t)pr->due_soon, "sentence",
                          sentence.ptr, "summary", summary.ptr);
    buf_release(&sentence);
    buf_release(&summary);
    return j;
}

/* show, report and due: the program's items on a day. */
static int program_view(struct cli *cli, const char *verb, struct cli_opt *o, const char **pos,
                        size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "program", "program %s needs PROGRAM", verb);
    struct program_info p;
    struct program_items l;
    tcxd_date on;
    long days;
    if (find_program(cli, pos[0], &p, &e) ||
        cli_date(o[O_ASOF].value, date_today(), "as_of", &on, &e) ||
        int_opt(o[O_DAYS].value, 0, 3650, 30, "days", &days, &e) ||
        store_program_items(cli->st, p.id, &l, &e))
        return cli_fail(cli, &e);
    struct program_progress pr;
    store_program_progress(&l, on, (int)days, &pr);
    bool due = !strcmp(verb, "due"), report = !strcmp(verb, "report");
    char d[DATE_ISO_LEN];
    date_format_vn(on, d);
    if (cli->json) {
        json_t *items = json_array();
        for (size_t i = 0; i < l.n; i++) {
            const struct program_item_info *it = &l.v[i];
            enum program_status s = program_status_on(it->changes, it->nchanges, on);
            bool late = program_item_overdue(it->deadline, s, on);
            bool soon = !late && s != PSTATUS_DONE && it->deadline - on <= days;
            if (it->start > on || (due && !late && !soon) || report)
                continue;
            json_array_append_new(items, item_json(it, on));
        }
        cli_print_json(json_pack("{s:o, s:o, s:o, s:o}", "program", program_json(&p), "as_of",
                                 jdate(on), "progress", progress_json(&pr), "items", items));
        store_program_items_release(&l);
        return 0;
    }
    printf("%s — %s (%s)\n", p.code, p.title, d);
    struct buf b = BUF_INIT;
    if (report) {
        program_progress_sentence(&pr, &b);
        printf("%s\n", b.ptr);
        buf_reset(&b);
    }
    program_progress_summary(&pr, &b);
    printf("%s\n", b.ptr);
    buf_release(&b);
    if (!report) {
        const char *hdr[] = {"Số", "Nội dung", "Cơ quan chủ trì", "Thời hạn", "Trạng thái"};
        const bool right[] = {false, false, false, false, false};
        struct cli_table t;
        cli_table_init(&t, 5, hdr, right);
        for (size_t i = 0; i < l.n; i++) {
            const struct program_item_info *it = &l.v[i];
            enum program_status s = program_status_on(it->changes, it->nchanges, on);
            bool late = program_item_overdue(it->deadline, s, on);
            bool soon = !late && s != PSTATUS_DONE && it->deadline - on <= days;
            if (it->start > on || (due && !late && !soon))
                continue;
            char dl[DATE_ISO_LEN];
            date_format_vn(it->deadline, dl);
            struct buf st = BUF_INIT;
            buf_adds(&st, program_status_label(s));
            if (late)
                buf_adds(&st, " — quá hạn");
            else if (soon)
                buf_adds(&st, " — sắp đến hạn");
            const char *row[] = {it->no, it->title, it->lead_agency, dl, st.ptr};
            cli_table_row(&t, row);
            buf_release(&st);
        }
        cli_table_print(&t);
        cli_table_release(&t);
    }
    store_program_items_release(&l);
    return 0;
}

int cmd_program(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[O__MAX];
    opts_init(o);
    cli_opts_keep(o, O__MAX,
                  "org from to steering decision kind lead start deadline people document date "
                  "note as-of days help");
    const char *pos[4];
    size_t npos;
    int rc = cli_verb_begin(cli, "program", cli_help(program_help, program_help_vi), argc, argv, o,
                            O__MAX, pos, 4, &npos);
    if (rc >= 0)
        return rc;
    const char *verb = argv[1];
    if (!strcmp(verb, "add"))
        return program_add(cli, o, pos, npos);
    if (!strcmp(verb, "list"))
        return program_list(cli);
    if (!strcmp(verb, "item"))
        return program_item(cli, o, pos, npos);
    if (!strcmp(verb, "status"))
        return program_status(cli, o, pos, npos);
    if (!strcmp(verb, "show") || !strcmp(verb, "report") || !strcmp(verb, "due"))
        return program_view(cli, verb, o, pos, npos);
    return cli_usage(cli, "program", "unknown program command '%s'", verb);
}

/* ---- indicators ---- */

static json_t *indicator_json(const struct indicator_info *i)
{
    return json_pack("{s:I, s:s, s:s, s:I, s:s, s:s}", "id", (json_int_t)i->id, "code", i->code,
                     "name", i->name, "org_id", (json_int_t)i->org_id, "source",
                     indicator_source_name(i->source), "unit", indicator_unit_name(i->unit));
}

static void list_indicator(void *ctx, const struct indicator_info *i)
{
    json_array_append_new(ctx, indicator_json(i));
}

static int indicator_add(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 2)
        return cli_usage(cli, "indicator", "indicator add needs CODE and NAME");
    if (!o[O_ORG].value || !o[O_SOURCE].value)
        return cli_usage(cli, "indicator", "indicator add needs --org and --source");
    struct indicator_create_req r = {.code = pos[0], .name = pos[1]};
    struct org_info org;
    struct indicator_info ind;
    int64_t id;
    if (cli_org(cli, o[O_ORG].value, date_today(), &org, &e) ||
        indicator_source_parse(o[O_SOURCE].value, &r.source, &e) ||
        indicator_unit_parse(o[O_UNIT].value ? o[O_UNIT].value : "count", &r.unit, &e))
        return cli_fail(cli, &e);
    r.org_id = org.id;
    if (store_indicator_create(cli->st, &cli->actor, &r, &id, &e) ||
        store_indicator_get(cli->st, id, NULL, &ind, &e))
        return cli_fail(cli, &e);
    if (cli->json)
        cli_print_json(indicator_json(&ind));
    else
        printf("%s: %s %s (#%lld)\n", MSG_T("indicator created"), ind.code, ind.name,
               (long long)ind.id);
    return 0;
}

static int indicator_figure(struct cli *cli, enum indicator_figure_what what, struct cli_opt *o,
                            const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 2)
        return cli_usage(cli, "indicator", "indicator %s needs CODE and VALUE",
                         what == INDICATOR_TARGET ? "target" : "value");
    struct indicator_info ind;
    tcxd_date from, to;
    long v;
    if (store_indicator_get(cli->st, 0, pos[0], &ind, &e) ||
        int_opt(pos[1], 0, 2000000000L, 0, "value", &v, &e) ||
        required_date(o[O_FROM].value, "from", &from, &e) ||
        required_date(o[O_TO].value, "to", &to, &e) ||
        store_indicator_figure_set(cli->st, &cli->actor, ind.id, what, from, to, v, o[O_NOTE].value,
                                   &e))
        return cli_fail(cli, &e);
    if (cli->json)
        cli_print_json(json_pack("{s:s, s:s, s:I, s:o, s:o}", "code", ind.code, "what",
                                 what == INDICATOR_TARGET ? "target" : "actual", (json_int_t)v,
                                 "from", jdate(from), "to", jdate(to)));
    else
        printf("%s: %s %ld\n",
               what == INDICATOR_TARGET ? MSG_T("target recorded") : MSG_T("value recorded"),
               ind.code, v);
    return 0;
}

/* The same period one year earlier: [from - 1 year, to - 1 year]. */
static void same_period(tcxd_date from, tcxd_date to, tcxd_date *f0, tcxd_date *t0)
{
    *f0 = date_add_years(from, -1);
    *t0 = date_add_years(to, -1);
}

static int indicator_report(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "indicator", "indicator report needs CODE");
    struct indicator_info ind;
    tcxd_date from, to, f0, t0;
    struct indicator_progress p = {0};
    if (store_indicator_get(cli->st, 0, pos[0], &ind, &e) ||
        required_date(o[O_FROM].value, "from", &from, &e) ||
        required_date(o[O_TO].value, "to", &to, &e))
        return cli_fail(cli, &e);
    same_period(from, to, &f0, &t0);
    p.unit = ind.unit;
    if (store_indicator_actual(cli->st, &ind, from, to, &p.has_actual, &p.actual, &e) ||
        store_indicator_figure_get(cli->st, ind.id, INDICATOR_TARGET, from, to, &p.has_target,
                                   &p.target, &e) ||
        store_indicator_actual(cli->st, &ind, f0, t0, &p.has_same_period, &p.same_period, &e))
        return cli_fail(cli, &e);
    struct buf b = BUF_INIT;
    int year0 = date_to_ymd(t0).y;
    indicator_sentence(&p, year0, &b);
    if (cli->json) {
        json_t *j = indicator_json(&ind);
        json_object_set_new(j, "from", jdate(from));
        json_object_set_new(j, "to", jdate(to));
        json_object_set_new(j, "actual", p.has_actual ? json_integer(p.actual) : json_null());
        json_object_set_new(j, "target", p.has_target ? json_integer(p.target) : json_null());
        json_object_set_new(j, "same_period",
                            p.has_same_period ? json_integer(p.same_period) : json_null());
        json_object_set_new(j, "sentence", json_string(b.ptr));
        cli_print_json(j);
    } else {
        char a[DATE_ISO_LEN], z[DATE_ISO_LEN];
        date_format_vn(from, a);
        date_format_vn(to, z);
        printf("%s (%s – %s): %s\n", ind.name, a, z, b.ptr);
    }
    buf_release(&b);
    return 0;
}

int cmd_indicator(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[O__MAX];
    opts_init(o);
    cli_opts_keep(o, O__MAX, "org source unit from to note help");
    const char *pos[4];
    size_t npos;
    int rc = cli_verb_begin(cli, "indicator", cli_help(indicator_help, indicator_help_vi), argc,
                            argv, o, O__MAX, pos, 4, &npos);
    if (rc >= 0)
        return rc;
    const char *verb = argv[1];
    if (!strcmp(verb, "add"))
        return indicator_add(cli, o, pos, npos);
    if (!strcmp(verb, "list")) {
        struct tcxd_error e;
        json_t *arr = json_array();
        if (store_indicator_list(cli->st, list_indicator, arr, &e)) {
            json_decref(arr);
            return cli_fail(cli, &e);
        }
        if (cli->json) {
            cli_print_json(arr);
            return 0;
        }
        size_t i;
        json_t *v;
        json_array_foreach(arr, i, v)
        {
            printf("%s\t%s\t%s\n", json_string_value(json_object_get(v, "code")),
                   json_string_value(json_object_get(v, "name")),
                   json_string_value(json_object_get(v, "source")));
        }
        json_decref(arr);
        return 0;
    }
    if (!strcmp(verb, "target"))
        return indicator_figure(cli, INDICATOR_TARGET, o, pos, npos);
    if (!strcmp(verb, "value"))
        return indicator_figure(cli, INDICATOR_ACTUAL, o, pos, npos);
    if (!strcmp(verb, "report"))
        return indicator_report(cli, o, pos, npos);
    return cli_usage(cli, "indicator", "unknown indicator command '%s'", verb);
}

/* ---- meetings ---- */

/* "12,13,#14" -> ids (member references as the CLI takes them; national IDs too). */
static enum tcxd_err id_list(struct cli *cli, const char *s, int64_t **out, size_t *n,
                             struct tcxd_error *e)
{
    *out = NULL;
    *n = 0;
    if (!s || !*s)
        return TCXD_OK;
    size_t cap = 0;
    enum tcxd_err rc = TCXD_OK;
    for (const char *p = s; *p && !rc;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char tok[64];
        while (len && *p == ' ')
            p++, len--;
        if (!len || len >= sizeof(tok)) {
            rc = tcxd_fail(e, TCXD_EINVAL, "members", "invalid member list '%s'", s);
            break;
        }
        memcpy(tok, p, len);
        tok[len] = '\0';
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            *out = xrealloc(*out, cap * sizeof(**out));
        }
        rc = cli_member_id(cli, tok, &(*out)[*n], e);
        (*n)++;
        p += len + (comma ? 1 : 0);
    }
    if (rc) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

static int meeting_add(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "meeting", "meeting add needs ORG");
    struct meeting_req r = {.topic = o[O_TOPIC].value};
    struct org_info org;
    int64_t *members = NULL, *guests = NULL, id;
    int ret = 0;
    if (required_date(o[O_DATE].value, "date", &r.date, &e) ||
        cli_org(cli, pos[0], r.date, &org, &e) ||
        meeting_kind_parse(o[O_KIND].value ? o[O_KIND].value : "regular", &r.kind, &e) ||
        id_list(cli, o[O_MEMBERS].value, &members, &r.nmembers, &e) ||
        id_list(cli, o[O_GUESTS].value, &guests, &r.nguests, &e)) {
        ret = cli_fail(cli, &e);
        goto out;
    }
    r.org_id = org.id;
    r.members = members;
    r.guests = guests;
    if (store_meeting_add(cli->st, &cli->actor, &r, date_today(), &id, &e)) {
        ret = cli_fail(cli, &e);
        goto out;
    }
    if (cli->json)
        cli_print_json(json_pack("{s:I, s:s, s:o, s:I, s:I}", "id", (json_int_t)id, "org", org.code,
                                 "date", jdate(r.date), "present", (json_int_t)r.nmembers, "guests",
                                 (json_int_t)r.nguests));
    else
        printf("%s: %s #%lld (%zu, %zu)\n", MSG_T("meeting recorded"), org.code, (long long)id,
               r.nmembers, r.nguests);
out:
    free(members);
    free(guests);
    return ret;
}

static void list_meeting(void *ctx, const struct meeting_row *m)
{
    json_array_append_new(ctx, json_pack("{s:I, s:o, s:s, s:s, s:I, s:I}", "id", (json_int_t)m->id,
                                         "date", jdate(m->date), "kind", meeting_kind_name(m->kind),
                                         "topic", m->topic ? m->topic : "", "present",
                                         (json_int_t)m->present, "guests", (json_int_t)m->guests));
}

static int meeting_list(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "meeting", "meeting list needs ORG");
    struct org_info org;
    tcxd_date from, to;
    json_t *arr = json_array();
    if (cli_date(o[O_FROM].value, date_from_ymd(1900, 1, 1), "from", &from, &e) ||
        cli_date(o[O_TO].value, date_today(), "to", &to, &e) ||
        cli_org(cli, pos[0], to, &org, &e) ||
        store_meeting_list(cli->st, org.id, from, to, list_meeting, arr, &e)) {
        json_decref(arr);
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        cli_print_json(arr);
        return 0;
    }
    const char *hdr[] = {"Ngày", "Loại", "Nội dung", "Có mặt", "Khách mời"};
    const bool right[] = {false, false, false, true, true};
    struct cli_table t;
    cli_table_init(&t, 5, hdr, right);
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        tcxd_date d;
        char dv[DATE_ISO_LEN], p[24], g[24];
        if (date_parse(json_string_value(json_object_get(v, "date")), &d, "date", NULL))
            d = DATE_NONE;
        date_format_vn(d, dv);
        enum meeting_kind k = MEETING_REGULAR;
        if (meeting_kind_parse(json_string_value(json_object_get(v, "kind")), &k, NULL))
            k = MEETING_REGULAR;
        snprintf(p, sizeof(p), "%lld",
                 (long long)json_integer_value(json_object_get(v, "present")));
        snprintf(g, sizeof(g), "%lld", (long long)json_integer_value(json_object_get(v, "guests")));
        const char *row[] = {dv, meeting_kind_label(k),
                             json_string_value(json_object_get(v, "topic")), p, g};
        cli_table_row(&t, row);
    }
    cli_table_print(&t);
    cli_table_release(&t);
    json_decref(arr);
    return 0;
}

static int meeting_assign(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 2)
        return cli_usage(cli, "meeting", "meeting assign needs MEMBER and ORG");
    int64_t member, id;
    struct org_info org;
    tcxd_date from, to = DATE_NONE;
    if (cli_member_id(cli, pos[0], &member, &e) ||
        required_date(o[O_FROM].value, "from", &from, &e) ||
        (o[O_TO].value && cli_date(o[O_TO].value, DATE_NONE, "to", &to, &e)) ||
        cli_org(cli, pos[1], from, &org, &e) ||
        store_attendance_assign(cli->st, &cli->actor, member, org.id, from, to, o[O_DECISION].value,
                                &id, &e))
        return cli_fail(cli, &e);
    if (cli->json)
        cli_print_json(json_pack("{s:I, s:I, s:s, s:o}", "id", (json_int_t)id, "member_id",
                                 (json_int_t)member, "org", org.code, "from", jdate(from)));
    else
        printf("%s: #%lld → %s\n", MSG_T("assignment recorded"), (long long)member, org.code);
    return 0;
}

struct attendance_out {
    struct cli *cli;
    json_t *rows;
    int counts[ATTEND__MAX];
};

static void attendance_row_out(void *ctx, const struct attendance_row *r)
{
    struct attendance_out *out = ctx;
    out->counts[r->result]++;
    struct member_info m;
    struct org_info o;
    bool mok = !store_member_get(out->cli->st, r->a.member_id, &m, NULL);
    bool ook = !store_org_get(out->cli->st, r->a.org_id, r->a.from, &o, NULL);
    json_array_append_new(out->rows,
                          json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:s, s:i}", "assignment",
                                    (json_int_t)r->assignment_id, "member_id",
                                    (json_int_t)r->a.member_id, "member", mok ? m.full_name : "",
                                    "org_id", (json_int_t)r->a.org_id, "org", ook ? o.code : "",
                                    "result", attendance_result_name(r->result), "result_label",
                                    attendance_result_label(r->result), "visits", r->visits));
}

static int meeting_attendance(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "meeting", "meeting attendance needs ORG");
    long y, q;
    if (int_opt(o[O_YEAR].value, 1930, 9998, date_to_ymd(date_today()).y, "year", &y, &e) ||
        int_opt(o[O_QUARTER].value, 1, 4, 1, "quarter", &q, &e))
        return cli_fail(cli, &e);
    if (!o[O_QUARTER].value)
        return cli_usage(cli, "meeting", "meeting attendance needs --quarter");
    tcxd_date qf, qt;
    program_quarter_bounds((int)y, (int)q, &qf, &qt);
    struct org_info org;
    struct org_tree t;
    if (cli_org(cli, pos[0], qt - 1, &org, &e) || store_tree_load(cli->st, qt - 1, &t, &e))
        return cli_fail(cli, &e);
    struct attendance_out out = {.cli = cli, .rows = json_array()};
    if (store_attendance_report(cli->st, &t, org_tree_find(&t, org.id), (int)y, (int)q,
                                attendance_row_out, &out, &e)) {
        org_tree_release(&t);
        json_decref(out.rows);
        return cli_fail(cli, &e);
    }
    org_tree_release(&t);
    if (cli->json) {
        cli_print_json(json_pack("{s:s, s:i, s:i, s:i, s:i, s:i, s:o}", "org", org.code, "year",
                                 (int)y, "quarter", (int)q, "met", out.counts[ATTEND_MET], "missed",
                                 out.counts[ATTEND_MISSED], "not_due", out.counts[ATTEND_NOT_DUE],
                                 "rows", out.rows));
        return 0;
    }
    printf("Quý %ld/%ld — %s: %d đã dự, %d chưa dự, %d chưa đến hạn\n", q, y, org.code,
           out.counts[ATTEND_MET], out.counts[ATTEND_MISSED], out.counts[ATTEND_NOT_DUE]);
    const char *hdr[] = {"Cấp ủy viên", "Tổ chức", "Kết quả", "Số lần dự"};
    const bool right[] = {false, false, false, true};
    struct cli_table tb;
    cli_table_init(&tb, 4, hdr, right);
    size_t i;
    json_t *v;
    json_array_foreach(out.rows, i, v)
    {
        char n[16];
        snprintf(n, sizeof(n), "%lld", (long long)json_integer_value(json_object_get(v, "visits")));
        const char *row[] = {json_string_value(json_object_get(v, "member")),
                             json_string_value(json_object_get(v, "org")),
                             json_string_value(json_object_get(v, "result_label")), n};
        cli_table_row(&tb, row);
    }
    cli_table_print(&tb);
    cli_table_release(&tb);
    json_decref(out.rows);
    return 0;
}

int cmd_meeting(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[O__MAX];
    opts_init(o);
    cli_opts_keep(o, O__MAX, "date kind topic members guests from to decision year quarter help");
    const char *pos[4];
    size_t npos;
    int rc = cli_verb_begin(cli, "meeting", cli_help(meeting_help, meeting_help_vi), argc, argv, o,
                            O__MAX, pos, 4, &npos);
    if (rc >= 0)
        return rc;
    const char *verb = argv[1];
    if (!strcmp(verb, "add"))
        return meeting_add(cli, o, pos, npos);
    if (!strcmp(verb, "list"))
        return meeting_list(cli, o, pos, npos);
    if (!strcmp(verb, "assign"))
        return meeting_assign(cli, o, pos, npos);
    if (!strcmp(verb, "attendance"))
        return meeting_attendance(cli, o, pos, npos);
    return cli_usage(cli, "meeting", "unknown meeting command '%s'", verb);
}

/* ---- residential units ---- */

static int unit_add(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 2 || !o[O_ORG].value || !o[O_KIND].value)
        return cli_usage(cli, "unit", "unit add needs CODE, NAME, --org and --kind");
    enum residential_kind k;
    tcxd_date from;
    struct org_info org;
    int64_t id;
    if (residential_kind_parse(o[O_KIND].value, &k, &e) ||
        cli_date(o[O_FROM].value, date_today(), "from", &from, &e) ||
        cli_org(cli, o[O_ORG].value, from, &org, &e) ||
        store_residential_add(cli->st, &cli->actor, pos[0], pos[1], k, org.id, from, &id, &e))
        return cli_fail(cli, &e);
    if (cli->json)
        cli_print_json(
            json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "code", pos[0], "org", org.code));
    else
        printf("%s: %s %s (#%lld)\n", MSG_T("residential unit added"), pos[0], pos[1],
               (long long)id);
    return 0;
}

static int unit_link(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 2)
        return cli_usage(cli, "unit", "unit link needs CODE and CHI_BO");
    struct residential_unit_info u;
    struct org_info org;
    tcxd_date from;
    if (store_residential_get(cli->st, pos[0], &u, &e) ||
        cli_date(o[O_FROM].value, date_today(), "from", &from, &e) ||
        cli_org(cli, pos[1], from, &org, &e) ||
        store_residential_link(cli->st, &cli->actor, u.id, org.id, from, o[O_DECISION].value, &e))
        return cli_fail(cli, &e);
    if (cli->json)
        cli_print_json(
            json_pack("{s:s, s:s, s:o}", "unit", u.code, "org", org.code, "from", jdate(from)));
    else
        printf("%s: %s → %s\n", MSG_T("residential unit linked"), u.code, org.code);
    return 0;
}

static int unit_coverage(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "unit", "unit coverage needs ORG");
    tcxd_date on;
    struct org_info org;
    struct org_tree t;
    struct residential_coverage c;
    if (cli_date(o[O_ASOF].value, date_today(), "as_of", &on, &e) ||
        cli_org(cli, pos[0], on, &org, &e) || store_tree_load(cli->st, on, &t, &e))
        return cli_fail(cli, &e);
    enum tcxd_err rc =
        store_residential_coverage(cli->st, &t, org_tree_find(&t, org.id), on, &c, &e);
    org_tree_release(&t);
    if (rc)
        return cli_fail(cli, &e);
    if (cli->json) {
        cli_print_json(json_pack("{s:s, s:o, s:I, s:I, s:I}", "org", org.code, "as_of", jdate(on),
                                 "units", (json_int_t)c.units, "without_chi_bo",
                                 (json_int_t)c.without_chi_bo, "without_members",
                                 (json_int_t)c.without_members));
        return 0;
    }
    char d[DATE_ISO_LEN];
    date_format_vn(on, d);
    struct buf b = BUF_INIT;
    buf_addf(&b, "%s, ngày %s: ", org.name, d);
    vnfmt_int(&b, c.units);
    buf_adds(&b, " thôn, tổ dân phố; ");
    if (c.without_chi_bo) {
        vnfmt_int(&b, c.without_chi_bo);
        buf_adds(&b, " chưa có chi bộ");
    } else {
        buf_adds(&b, "không còn thôn, tổ dân phố chưa có chi bộ");
    }
    buf_adds(&b, "; ");
    if (c.without_members) {
        vnfmt_int(&b, c.without_members);
        buf_adds(&b, " chưa có đảng viên (");
        vnfmt_percent(&b, c.units - c.without_members, c.units, 1);
        buf_adds(&b, " có đảng viên)");
    } else {
        buf_adds(&b, "100% thôn, tổ dân phố có đảng viên");
    }
    printf("%s\n", b.ptr);
    buf_release(&b);
    return 0;
}

int cmd_unit(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[O__MAX];
    opts_init(o);
    cli_opts_keep(o, O__MAX, "org kind from decision as-of help");
    const char *pos[4];
    size_t npos;
    int rc = cli_verb_begin(cli, "unit", cli_help(unit_help, unit_help_vi), argc, argv, o, O__MAX,
                            pos, 4, &npos);
    if (rc >= 0)
        return rc;
    const char *verb = argv[1];
    if (!strcmp(verb, "add"))
        return unit_add(cli, o, pos, npos);
    if (!strcmp(verb, "link"))
        return unit_link(cli, o, pos, npos);
    if (!strcmp(verb, "coverage"))
        return unit_coverage(cli, o, pos, npos);
    return cli_usage(cli, "unit", "unknown unit command '%s'", verb);
}
