/*
 * cmd_complaint.c - `tcxd complaint ...`: letters of complaint, denunciation and report (đơn thư
 * khiếu nại, tố cáo, phản ánh): intake, classification, assignment, extension, result, notice,
 * the list, the overdue list and the period's counts; `identity` reads who wrote one (audited).
 * Rules: core/complaint.h; records: store/store_complaint.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "cli/cli.h"
#include "core/inspection.h"
#include "store/store_complaint.h"
#include "util/msg.h"
#include "util/xmalloc.h"

static const char complaint_help[] =
    "usage:\n"
    "  tcxd complaint add HANDLING_ORG --kind KIND --received DATE [--member ID | --org ORG]\n"
    "           [--discipline ID] [--channel CH] [--level L] [--areas A,B] [--summary TEXT]\n"
    "           [--name TEXT] [--address TEXT] [--contact TEXT]\n"
    "  tcxd complaint classify ID --as accepted|forwarded|filed [--date DATE] [--note TEXT]\n"
    "  tcxd complaint assign ID --assignee TEXT [--date DATE]\n"
    "  tcxd complaint extend ID --days N [--date DATE]\n"
    "  tcxd complaint resolve ID --result dung|mot_phan|sai [--date DATE] [--resolution TEXT]\n"
    "  tcxd complaint notify ID [--date DATE] [--notice NO]\n"
    "  tcxd complaint show ID\n"
    "  tcxd complaint identity ID     (who wrote it; every read is audited)\n"
    "  tcxd complaint list ORG --from DATE --to DATE\n"
    "  tcxd complaint overdue ORG [--as-of DATE]\n"
    "  tcxd complaint report ORG --from DATE --to DATE\n"
    "KIND: khieu_nai, to_cao, phan_anh. CH: truc_tiep, buu_dien, dien_tu, chuyen_den.\n"
    "L: co_so, huyen, tinh, trung_uong (default from the handling organization). Deadlines in\n"
    "working days from the acceptance: tố cáo 90 (Trung ương 180); khiếu nại 30, 60, 90 by\n"
    "level; phản ánh 30; one extension of at most 30 days, before the deadline.\n";
static const char complaint_help_vi[] =
    "cách dùng:\n"
    "  tcxd complaint add NƠI_GIẢI_QUYẾT --kind LOẠI --received NGÀY [--member SỐ | --org "
    "TỔ_CHỨC]\n"
    "           [--discipline SỐ] [--channel KÊNH] [--level CẤP] [--areas A,B] [--summary "
    "NỘI_DUNG]\n"
    "           [--name HỌ_TÊN] [--address ĐỊA_CHỈ] [--contact LIÊN_HỆ]\n"
    "  tcxd complaint classify MÃ_SỐ --as accepted|forwarded|filed [--date NGÀY] [--note "
    "NỘI_DUNG]\n"
    "  tcxd complaint assign MÃ_SỐ --assignee NGƯỜI_GIẢI_QUYẾT [--date NGÀY]\n"
    "  tcxd complaint extend MÃ_SỐ --days N [--date NGÀY]\n"
    "  tcxd complaint resolve MÃ_SỐ --result dung|mot_phan|sai [--date NGÀY]\n"
    "           [--resolution NỘI_DUNG]\n"
    "  tcxd complaint notify MÃ_SỐ [--date NGÀY] [--notice SỐ]\n"
    "  tcxd complaint show MÃ_SỐ\n"
    "  tcxd complaint identity MÃ_SỐ     (người viết đơn; mỗi lần xem đều ghi nhật ký)\n"
    "  tcxd complaint list TỔ_CHỨC --from NGÀY --to NGÀY\n"
    "  tcxd complaint overdue TỔ_CHỨC [--as-of NGÀY]\n"
    "  tcxd complaint report TỔ_CHỨC --from NGÀY --to NGÀY\n"
    "LOẠI: khieu_nai, to_cao, phan_anh. KÊNH: truc_tiep, buu_dien, dien_tu, chuyen_den.\n"
    "CẤP: co_so, huyen, tinh, trung_uong (mặc định theo tổ chức giải quyết). --as: accepted (thụ\n"
    "lý), forwarded (chuyển đơn), filed (lưu đơn). --result: dung (đúng), mot_phan (đúng một\n"
    "phần), sai. Thời hạn tính bằng ngày làm việc kể từ ngày thụ lý: tố cáo 90 (Trung ương 180);\n"
    "khiếu nại 30, 60, 90 theo cấp; phản ánh 30; được gia hạn một lần, không quá 30 ngày, trước\n"
    "khi hết hạn.\n";

enum {
    O_KIND,
    O_RECEIVED,
    O_MEMBER,
    O_ORG,
    O_DISCIPLINE,
    O_CHANNEL,
    O_LEVEL,
    O_AREAS,
    O_SUMMARY,
    O_NAME,
    O_ADDRESS,
    O_CONTACT,
    O_AS,
    O_DATE,
    O_NOTE,
    O_TO_WHOM,
    O_DAYS,
    O_RESULT,
    O_RESOLUTION,
    O_NOTICE,
    O_FROM,
    O_TO,
    O_AS_OF,
    O_HELP,
    O__MAX
};

static void opts_init(struct cli_opt *o)
{
    static const struct cli_opt proto[O__MAX] = {
        {"kind", true, NULL},       {"received", true, NULL},   {"member", true, NULL},
        {"org", true, NULL},        {"discipline", true, NULL}, {"channel", true, NULL},
        {"level", true, NULL},      {"areas", true, NULL},      {"summary", true, NULL},
        {"name", true, NULL},       {"address", true, NULL},    {"contact", true, NULL},
        {"as", true, NULL},         {"date", true, NULL},       {"note", true, NULL},
        {"assignee", true, NULL},   {"days", true, NULL},       {"result", true, NULL},
        {"resolution", true, NULL}, {"notice", true, NULL},     {"from", true, NULL},
        {"to", true, NULL},         {"as-of", true, NULL},      {"help", false, NULL},
    };
    memcpy(o, proto, sizeof(proto));
}

static int64_t id_arg(const char *s)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    return *end || v <= 0 ? 0 : v;
}

/* An ISO date of the record's JSON as dd/mm/yyyy (as given when it does not parse). */
static const char *vn_date(const char *iso, char out[DATE_ISO_LEN])
{
    tcxd_date t;
    struct tcxd_error ig;
    if (!iso || date_parse(iso, &t, "", &ig))
        return iso ? iso : "";
    date_format_vn(t, out);
    return out;
}

static int print_one(struct cli *cli, int64_t id, const char *done)
{
    struct tcxd_error e;
    struct complaint_info *c = xmalloc(sizeof(*c));
    if (store_complaint_get(cli->st, id, c, &e)) {
        free(c);
        return cli_fail(cli, &e);
    }
    json_t *j = api_complaint_json(c);
    if (cli->json) {
        cli_print_json(j);
    } else if (done) {
        char due[DATE_ISO_LEN] = "";
        if (c->due != DATE_NONE)
            date_format_vn(c->due, due);
        if (due[0])
            printf("%s: #%lld %s, %s %s\n", done, (long long)id, complaint_status_label(c->status),
                   MSG_T("due"), due);
        else
            printf("%s: #%lld %s\n", done, (long long)id, complaint_status_label(c->status));
        json_decref(j);
    } else {
        /* the letter in words, dates as dd/mm/yyyy (--json gives the record) */
        static const struct {
            const char *key, *label;
            bool date;
        } rows[] = {
            {"kind_label", "Loại đơn", false},         {"status_label", "Tình trạng", false},
            {"received_on", "Ngày tiếp nhận", true},   {"summary", "Nội dung", false},
            {"classified_on", "Ngày phân loại", true}, {"assignee", "Người giải quyết", false},
            {"due", "Hạn giải quyết", true},           {"result_label", "Kết quả", false},
            {"resolved_on", "Ngày giải quyết", true},  {"resolution", "Nội dung giải quyết", false},
            {"notified_on", "Ngày thông báo", true},   {"notice_no", "Số thông báo", false},
        };
        printf("Đơn thư #%lld\n", (long long)id);
        for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
            const char *v = json_string_value(json_object_get(j, rows[i].key));
            char d[DATE_ISO_LEN];
            if (!v || !v[0])
                continue;
            printf("  %s: %s\n", rows[i].label, rows[i].date ? vn_date(v, d) : v);
        }
        json_decref(j);
    }
    free(c);
    return 0;
}

static int complaint_add(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1 || !o[O_KIND].value || !o[O_RECEIVED].value)
        return cli_usage(cli, "complaint",
                         "complaint add needs HANDLING_ORG, --kind and --received");
    struct complaint_req r = {.summary = o[O_SUMMARY].value,
                              .name = o[O_NAME].value,
                              .address = o[O_ADDRESS].value,
                              .contact = o[O_CONTACT].value};
    struct org_info h, s;
    int64_t id;
    if (complaint_kind_parse(o[O_KIND].value, &r.kind, &e) ||
        cli_date(o[O_RECEIVED].value, DATE_NONE, "received_on", &r.received, &e) ||
        (o[O_CHANNEL].value && complaint_channel_parse(o[O_CHANNEL].value, &r.channel, &e)) ||
        (o[O_LEVEL].value && complaint_level_parse(o[O_LEVEL].value, &r.level, &e)) ||
        inspection_areas_parse(o[O_AREAS].value, &r.areas, &e) ||
        cli_org(cli, pos[0], r.received, &h, &e))
        return cli_fail(cli, &e);
    r.level_given = o[O_LEVEL].value != NULL;
    r.handling_org_id = h.id;
    if (o[O_ORG].value) {
        if (cli_org(cli, o[O_ORG].value, r.received, &s, &e))
            return cli_fail(cli, &e);
        r.subject_org_id = s.id;
    }
    if (o[O_MEMBER].value && cli_member_id(cli, o[O_MEMBER].value, &r.subject_member_id, &e))
        return cli_fail(cli, &e);
    if (o[O_DISCIPLINE].value && !(r.discipline_id = id_arg(o[O_DISCIPLINE].value))) {
        tcxd_fail(&e, TCXD_EINVAL, "discipline_id", "invalid discipline id '%s'",
                  o[O_DISCIPLINE].value);
        return cli_fail(cli, &e);
    }
    if (store_complaint_add(cli->st, &cli->actor, &r, date_today(), &id, &e))
        return cli_fail(cli, &e);
    return print_one(cli, id, MSG_T("letter received"));
}

/* The ID argument and a --date (default today). */
static int id_date(struct cli *cli, const char *verb, struct cli_opt *o, const char **pos,
                   size_t npos, int64_t *id, tcxd_date *on)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1 || !(*id = id_arg(pos[0])))
        return cli_usage(cli, "complaint", "complaint %s needs ID", verb);
    if (cli_date(o[O_DATE].value, date_today(), "date", on, &e))
        return cli_fail(cli, &e);
    return 0;
}

struct list_ctx {
    json_t *items;
    bool overdue_only;
    tcxd_date on;
};

static void list_one(void *ctx, const struct complaint_info *c)
{
    struct list_ctx *l = ctx;
    if (l->overdue_only && !complaint_overdue(&c->s, l->on))
        return;
    json_array_append_new(l->items, api_complaint_json(c));
}

static int complaint_view(struct cli *cli, const char *verb, struct cli_opt *o, const char **pos,
                          size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    bool overdue = !strcmp(verb, "overdue"), report = !strcmp(verb, "report");
    if (npos != 1)
        return cli_usage(cli, "complaint", "complaint %s needs ORG", verb);
    tcxd_date from = date_from_ymd(1900, 1, 1), to;
    if (overdue) {
        if (cli_date(o[O_AS_OF].value, date_today(), "as_of", &to, &e))
            return cli_fail(cli, &e);
    } else if (!o[O_FROM].value || !o[O_TO].value) {
        return cli_usage(cli, "complaint", "complaint %s needs --from and --to", verb);
    } else if (cli_date(o[O_FROM].value, DATE_NONE, "from", &from, &e) ||
               cli_date(o[O_TO].value, DATE_NONE, "to", &to, &e)) {
        return cli_fail(cli, &e);
    }
    struct org_info org;
    struct org_tree t;
    if (cli_org(cli, pos[0], to, &org, &e) || store_tree_load(cli->st, to, &t, &e))
        return cli_fail(cli, &e);
    uint32_t root = org_tree_find(&t, org.id);
    if (report) {
        struct complaint_counts c;
        int rc = store_complaint_counts(cli->st, &t, root, from, to, &c, &e);
        org_tree_release(&t);
        if (rc)
            return cli_fail(cli, &e);
        json_t *j = api_complaint_counts_json(&c);
        if (cli->json) {
            cli_print_json(j);
            return 0;
        }
        printf("%s: %s.\n", org.name, json_string_value(json_object_get(j, "sentence")));
        json_decref(j);
        return 0;
    }
    struct list_ctx l = {json_array(), overdue, to};
    int rc = store_complaint_list(cli->st, &t, root, from, to, list_one, &l, &e);
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
        const char *due = json_string_value(json_object_get(v, "due"));
        char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];
        printf("#%lld\t%s\t%s\t%s\t%s\n", (long long)json_integer_value(json_object_get(v, "id")),
               vn_date(json_string_value(json_object_get(v, "received_on")), d1),
               json_string_value(json_object_get(v, "kind_label")),
               json_string_value(json_object_get(v, "status_label")), due ? vn_date(due, d2) : "");
    }
    json_decref(l.items);
    return 0;
}

int cmd_complaint(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[O__MAX];
    opts_init(o);
    const char *pos[4];
    size_t npos;
    int rc = cli_verb_begin(cli, "complaint", cli_help(complaint_help, complaint_help_vi), argc,
                            argv, o, O__MAX, pos, 4, &npos);
    if (rc >= 0)
        return rc;
    const char *verb = argv[1];
    struct tcxd_error e;
    tcxd_error_clear(&e);
    int64_t id = 0;
    tcxd_date on;
    if (!strcmp(verb, "add"))
        return complaint_add(cli, o, pos, npos);
    if (!strcmp(verb, "list") || !strcmp(verb, "overdue") || !strcmp(verb, "report"))
        return complaint_view(cli, verb, o, pos, npos);
    if (!strcmp(verb, "show")) {
        if (npos != 1 || !(id = id_arg(pos[0])))
            return cli_usage(cli, "complaint", "complaint show needs ID");
        return print_one(cli, id, NULL);
    }
    if (!strcmp(verb, "identity")) {
        struct complaint_identity who;
        if (npos != 1 || !(id = id_arg(pos[0])))
            return cli_usage(cli, "complaint", "complaint identity needs ID");
        if (store_complaint_identity(cli->st, &cli->actor, id, &who, &e))
            return cli_fail(cli, &e);
        if (cli->json)
            cli_print_json(json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "name", who.name,
                                     "address", who.address, "contact", who.contact));
        else
            printf("%s\t%s\t%s\n", who.name[0] ? who.name : MSG_T("anonymous"), who.address,
                   who.contact);
        return 0;
    }
    if ((rc = id_date(cli, verb, o, pos, npos, &id, &on)))
        return rc;
    const char *done = NULL;
    if (!strcmp(verb, "classify")) {
        enum complaint_class c = CPL_UNCLASSIFIED;
        if (!o[O_AS].value)
            return cli_usage(cli, "complaint", "complaint classify needs --as");
        if (complaint_class_parse(o[O_AS].value, &c, &e) ||
            store_complaint_classify(cli->st, &cli->actor, id, c, on, o[O_NOTE].value, date_today(),
                                     &e))
            return cli_fail(cli, &e);
        done = MSG_T("letter classified");
    } else if (!strcmp(verb, "assign")) {
        if (store_complaint_assign(cli->st, &cli->actor, id, o[O_TO_WHOM].value, on, date_today(),
                                   &e))
            return cli_fail(cli, &e);
        done = MSG_T("letter assigned");
    } else if (!strcmp(verb, "extend")) {
        char *end = NULL;
        long days = o[O_DAYS].value ? strtol(o[O_DAYS].value, &end, 10) : 0;
        if (!o[O_DAYS].value || *end) {
            tcxd_fail(&e, TCXD_EINVAL, "days", "--days needs a number of working days");
            return cli_fail(cli, &e);
        }
        if (store_complaint_extend(cli->st, &cli->actor, id, (int)days, on, date_today(), &e))
            return cli_fail(cli, &e);
        done = MSG_T("deadline extended");
    } else if (!strcmp(verb, "resolve")) {
        enum complaint_result r = CPL_RESULT_PENDING;
        if (!o[O_RESULT].value)
            return cli_usage(cli, "complaint", "complaint resolve needs --result");
        if (complaint_result_parse(o[O_RESULT].value, &r, &e) ||
            store_complaint_resolve(cli->st, &cli->actor, id, r, on, o[O_RESOLUTION].value,
                                    date_today(), &e))
            return cli_fail(cli, &e);
        done = MSG_T("letter resolved");
    } else if (!strcmp(verb, "notify")) {
        if (store_complaint_notify(cli->st, &cli->actor, id, on, o[O_NOTICE].value, date_today(),
                                   &e))
            return cli_fail(cli, &e);
        done = MSG_T("result notified");
    } else {
        return cli_usage(cli, "complaint", "unknown complaint command '%s'", verb);
    }
    return print_one(cli, id, done);
}
