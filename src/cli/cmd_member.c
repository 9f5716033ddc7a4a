/*
 * cmd_member.c - `tcxd member ...`: party members and their lifecycle events.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/engine.h"
#include "text/text.h"
#include "util/vnfmt.h"
#include "util/xmalloc.h"

static const char member_help[] =
    "usage:\n"
    "  tcxd member admit --org CHI_BO --name NAME --gender nam|nu --birth DATE\n"
    "           --decision-date DATE --ceremony-date DATE [--decision NO] [FIELDS]\n"
    "  tcxd member add   (same as admit, for entering existing members; also\n"
    "           --official-date DATE [--official-decision NO]: the decision recognising\n"
    "           official status; --admission-place TEXT [--arrival-date DATE]: admitted\n"
    "           outside the database (\"Chi bộ Đội 3, xã Thanh Liệt, huyện Thanh Trì\"),\n"
    "           registered in --org from the arrival (default: the chi bộ's creation))\n"
    "  tcxd member show MEMBER\n"
    "  tcxd member find TEXT [--org ORG] [--limit N]\n"
    "  tcxd member list ORG [--as-of DATE] [--status S] [--gender G] [--theory T]\n"
    "           [--age-min N] [--age-max N] [--sort name|birth] [--page N] [--limit N]\n"
    "  tcxd member official MEMBER --decision-date DATE [--decision NO]\n"
    "  tcxd member transfer MEMBER --to CHI_BO [--temporary [--until DATE]] --date DATE\n"
    "           [--scope inside|other_district|other_province] [--place TEXT]\n"
    "  tcxd member return MEMBER --date DATE          (ends a temporary transfer)\n"
    "  tcxd member discipline MEMBER --form khien_trach|canh_cao|cach_chuc|khai_tru --date DATE\n"
    "           [--reason TEXT]\n"
    "  tcxd member exempt MEMBER --date DATE [--end]\n"
    "  tcxd member exit MEMBER --kind xoa_ten|xin_ra|khai_tru|tu_tran|chuyen_di --date DATE\n"
    "           (chuyen_di: also --scope and --place, where the member goes)\n"
    "  tcxd member due [ORG] [--days N]\n"
    "  tcxd member suspend MEMBER --date DATE [--end]   (đình chỉ sinh hoạt đảng)\n"
    "  tcxd member restore MEMBER --to CHI_BO --date DATE   (phục hồi đảng tịch)\n"
    "  tcxd member badge MEMBER --years 30|40|45|...|90 --date DATE   (huy hiệu Đảng)\n"
    "  tcxd member card MEMBER [--kind issued|reissued_lost|exchanged] --date DATE\n"
    "           [--number NO]   (thẻ đảng viên)\n"
    "  tcxd member commend MEMBER --form co|bang_khen|giay_khen --date DATE [--reason TEXT]\n"
    "  tcxd member readmit MEMBER --org CHI_BO --decision-date DATE --ceremony-date DATE\n"
    "           [--decision NO]   (kết nạp lại a member who left: once; probation again)\n"
    "  tcxd member correct MEMBER [FIELDS] --reason TEXT   (a correction, not a life event)\n"
    "  tcxd member event correct MEMBER EVENT [--date D] [--ceremony-date D]\n"
    "           [--decision-date D] [--decision NO] [--to CHI_BO | --org CHI_BO] [--until D]\n"
    "           [--form F | --kind K | --years N] [--detail TEXT] [--scope S] [--place TEXT]\n"
    "           --reason TEXT\n"
    "  tcxd member event cancel MEMBER EVENT --reason TEXT\n"
    "  tcxd member corrections MEMBER   (what was corrected: before, after, who, why)\n"
    "MEMBER is a member id (#12 or 12) or a 12-digit national ID. Every event takes\n"
    "--decision NO (số quyết định).\n"
    "FIELDS (the member record; --name, --gender and --birth are required):\n";
static const char member_help_vi[] =
    "cách dùng:\n"
    "  tcxd member admit --org CHI_BỘ --name HỌ_TÊN --gender nam|nu --birth NGÀY\n"
    "           --decision-date NGÀY --ceremony-date NGÀY [--decision SỐ] [TRƯỜNG]\n"
    "  tcxd member add   (như admit, để nhập đảng viên đã có; thêm\n"
    "           --official-date NGÀY [--official-decision SỐ]: quyết định công nhận\n"
    "           đảng viên chính thức; --admission-place NƠI [--arrival-date NGÀY]: kết nạp\n"
    "           ngoài cơ sở dữ liệu (\"Chi bộ Đội 3, xã Thanh Liệt, huyện Thanh Trì\"),\n"
    "           sinh hoạt tại --org từ ngày chuyển đến (mặc định: ngày thành lập chi bộ))\n"
    "  tcxd member show ĐẢNG_VIÊN\n"
    "  tcxd member find NỘI_DUNG [--org TỔ_CHỨC] [--limit N]\n"
    "  tcxd member list TỔ_CHỨC [--as-of NGÀY] [--status TRẠNG_THÁI] [--gender GIỚI_TÍNH]\n"
    "           [--theory LÝ_LUẬN] [--age-min N] [--age-max N] [--sort name|birth] [--page N]\n"
    "           [--limit N]\n"
    "  tcxd member official ĐẢNG_VIÊN --decision-date NGÀY [--decision SỐ]\n"
    "  tcxd member transfer ĐẢNG_VIÊN --to CHI_BỘ [--temporary [--until NGÀY]] --date NGÀY\n"
    "           [--scope inside|other_district|other_province] [--place NƠI]\n"
    "  tcxd member return ĐẢNG_VIÊN --date NGÀY       (kết thúc chuyển sinh hoạt tạm thời)\n"
    "  tcxd member discipline ĐẢNG_VIÊN --form khien_trach|canh_cao|cach_chuc|khai_tru\n"
    "           --date NGÀY [--reason LÝ_DO]\n"
    "  tcxd member exempt ĐẢNG_VIÊN --date NGÀY [--end]   (miễn công tác và sinh hoạt đảng)\n"
    "  tcxd member exit ĐẢNG_VIÊN --kind xoa_ten|xin_ra|khai_tru|tu_tran|chuyen_di --date NGÀY\n"
    "           (chuyen_di: thêm --scope và --place, nơi đảng viên chuyển đến)\n"
    "  tcxd member due [TỔ_CHỨC] [--days N]   (đảng viên dự bị đến hạn xét chính thức)\n"
    "  tcxd member suspend ĐẢNG_VIÊN --date NGÀY [--end]   (đình chỉ sinh hoạt đảng)\n"
    "  tcxd member restore ĐẢNG_VIÊN --to CHI_BỘ --date NGÀY   (phục hồi đảng tịch)\n"
    "  tcxd member badge ĐẢNG_VIÊN --years 30|40|45|...|90 --date NGÀY   (huy hiệu Đảng)\n"
    "  tcxd member card ĐẢNG_VIÊN [--kind issued|reissued_lost|exchanged] --date NGÀY\n"
    "           [--number SỐ]   (thẻ đảng viên: cấp, cấp lại do mất, đổi)\n"
    "  tcxd member commend ĐẢNG_VIÊN --form co|bang_khen|giay_khen --date NGÀY [--reason LÝ_DO]\n"
    "  tcxd member readmit ĐẢNG_VIÊN --org CHI_BỘ --decision-date NGÀY --ceremony-date NGÀY\n"
    "           [--decision SỐ]   (kết nạp lại người đã ra khỏi Đảng: một lần; dự bị lại)\n"
    "  tcxd member correct ĐẢNG_VIÊN [TRƯỜNG] --reason LÝ_DO   (đính chính, không phải sự kiện)\n"
    "  tcxd member event correct ĐẢNG_VIÊN SỰ_KIỆN [--date NGÀY] [--ceremony-date NGÀY]\n"
    "           [--decision-date NGÀY] [--decision SỐ] [--to CHI_BỘ | --org CHI_BỘ] [--until "
    "NGÀY]\n"
    "           [--form HÌNH_THỨC | --kind LOẠI | --years N] [--detail NỘI_DUNG] [--scope "
    "PHẠM_VI]\n"
    "           [--place NƠI] --reason LÝ_DO\n"
    "  tcxd member event cancel ĐẢNG_VIÊN SỰ_KIỆN --reason LÝ_DO\n"
    "  tcxd member corrections ĐẢNG_VIÊN   (những gì đã đính chính: trước, sau, ai, vì sao)\n"
    "ĐẢNG_VIÊN là mã số đảng viên (#12 hoặc 12) hoặc số định danh cá nhân 12 chữ số. Mọi sự kiện\n"
    "nhận --decision SỐ (số quyết định). --status: probationary (dự bị), official (chính thức)\n"
    "hoặc nhãn tiếng Việt; --gender: nam, nu (Nam, Nữ); --theory: so_cap, trung_cap ... hoặc\n"
    "\"Sơ cấp\", \"Trung cấp\" như trong bảng tính.\n"
    "TRƯỜNG (lý lịch đảng viên; bắt buộc --name, --gender và --birth):\n";

/* The usage, then the record's fields from the field table (core/member_record.h). */
static void member_print_help(void)
{
    fputs(cli_help(member_help, member_help_vi), stdout);
    for (int i = 0; i < MF__MAX; i++) {
        const struct member_field_def *d = &member_field_defs[i];
        printf("  --%-16s %s", d->option, d->label);
        if (d->kind == MFK_ENUM) {
            fputs(": ", stdout);
            for (size_t k = 0; k < d->nvalues; k++)
                printf("%s%s", k ? "|" : "", d->values[k].name);
        } else if (d->kind == MFK_DATE) {
            fputs(MSG_T(" (DATE)"), stdout);
        } else if (d->max) {
            printf(" (%s %u)", d->kind == MFK_TEXT ? "≤" : "=", d->max);
        }
        if (d->dflt)
            printf(", mặc định %s", d->dflt);
        putchar('\n');
    }
}

/* Options: the record fields first, indexed by enum member_field; then the others. */
enum {
    O_ORG = MF__MAX,
    O_DECISION_DATE,
    O_CEREMONY_DATE,
    O_OFFICIAL_DATE,
    O_OFFICIAL_NO,
    O_SCOPE,
    O_PLACE_TO,
    O_YEARS,
    O_NUMBER,
    O_DETAIL,
    O_PLACE,
    O_ARRIVAL,
    O_DECISION,
    O_DATE,
    O_TO,
    O_TEMPORARY,
    O_UNTIL,
    O_FORM,
    O_REASON,
    O_END,
    O_KIND,
    O_AS_OF,
    O_STATUS,
    O_LIMIT,
    O_PAGE,
    O_AGE_MIN,
    O_AGE_MAX,
    O_SORT,
    O_DAYS,
    O_HELP,
    O__MAX
};

static const struct cli_opt member_opts[O__MAX] = {
    /* fields: member_print_help */
    [O_ORG] = {"org", true, NULL},
    [O_DECISION_DATE] = {"decision-date", true, NULL},
    [O_CEREMONY_DATE] = {"ceremony-date", true, NULL},
    [O_OFFICIAL_DATE] = {"official-date", true, NULL},
    [O_OFFICIAL_NO] = {"official-decision", true, NULL},
    [O_SCOPE] = {"scope", true, NULL},
    [O_PLACE_TO] = {"place", true, NULL},
    [O_YEARS] = {"years", true, NULL},
    [O_NUMBER] = {"number", true, NULL},
    [O_DETAIL] = {"detail", true, NULL},
    [O_PLACE] = {"admission-place", true, NULL},
    [O_ARRIVAL] = {"arrival-date", true, NULL},
    [O_DECISION] = {"decision", true, NULL},
    [O_DATE] = {"date", true, NULL},
    [O_TO] = {"to", true, NULL},
    [O_TEMPORARY] = {"temporary", false, NULL},
    [O_UNTIL] = {"until", true, NULL},
    [O_FORM] = {"form", true, NULL},
    [O_REASON] = {"reason", true, NULL},
    [O_END] = {"end", false, NULL},
    [O_KIND] = {"kind", true, NULL},
    [O_AS_OF] = {"as-of", true, NULL},
    [O_STATUS] = {"status", true, NULL},
    [O_LIMIT] = {"limit", true, NULL},
    [O_PAGE] = {"page", true, NULL},
    [O_AGE_MIN] = {"age-min", true, NULL},
    [O_AGE_MAX] = {"age-max", true, NULL},
    [O_SORT] = {"sort", true, NULL},
    [O_DAYS] = {"days", true, NULL},
    [O_HELP] = {"help", false, NULL},
};

static enum tcxd_err int_opt(const char *s, int lo, int hi, int dflt, const char *field, int *out,
                             struct tcxd_error *e)
{
    if (!s) {
        *out = dflt;
        return TCXD_OK;
    }
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return tcxd_fail(e, TCXD_EINVAL, field, "invalid %s '%s' (%d to %d)", field, s, lo, hi);
    *out = (int)v;
    return TCXD_OK;
}

/* Adds the Phiếu's fields (MFF_PROFILE) of member id to j, by key; "chua_cap_nhat" / "" when
   not entered. */
static void profile_json(struct cli *cli, int64_t id, json_t *j)
{
    struct member_fields f;
    member_fields_init(&f);
    if (!store_member_record(cli->st, id, &f, NULL)) {
        char *txt = store_member_record_json_text(&f);
        json_t *all = txt ? json_loads(txt, 0, NULL) : NULL;
        for (int i = 0; all && i < MF__MAX; i++)
            if (member_field_defs[i].flags & MFF_PROFILE)
                json_object_set(j, member_field_defs[i].key,
                                json_object_get(all, member_field_defs[i].key));
        json_decref(all);
        free(txt);
    }
    member_fields_release(&f);
}

/* The entered Phiếu fields, one "label: value" line each. */
static void profile_print(struct cli *cli, int64_t id)
{
    struct member_fields f;
    member_fields_init(&f);
    if (!store_member_record(cli->st, id, &f, NULL))
        for (int i = 0; i < MF__MAX; i++) {
            const struct member_field_def *d = &member_field_defs[i];
            if (!(d->flags & MFF_PROFILE))
                continue;
            if (d->kind == MFK_ENUM) {
                int v = member_fields_enum(&f, (enum member_field)i);
                if (v > 0)
                    printf("  %s: %s\n", d->label, d->values[v].label);
            } else if (member_fields_text_c(&f, (enum member_field)i)->len) {
                printf("  %s: %s\n", d->label, member_fields_text_c(&f, (enum member_field)i)->ptr);
            }
        }
    member_fields_release(&f);
}

static json_t *member_json(struct cli *cli, const struct member_info *m)
{
    json_t *j =
        json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
                  (json_int_t)m->id, "full_name", m->full_name, "gender", gender_name(m->gender),
                  "birth_date", cli_json_date(m->birth_date), "ethnicity", m->ethnicity, "religion",
                  m->religion, "hometown", m->hometown, "education", m->education,
                  "professional_level", m->professional_level, "theory_level",
                  theory_level_name(m->theory), "status", member_status_name(m->status));
    json_object_set_new(j, "national_id",
                        m->national_id[0] ? json_string(m->national_id) : json_null());
    json_object_set_new(j, "party_card_no",
                        m->party_card_no[0] ? json_string(m->party_card_no) : json_null());
    json_object_set_new(j, "admission_decision_date", cli_json_date(m->admission_decision_date));
    json_object_set_new(j, "ceremony_date", cli_json_date(m->ceremony_date));
    json_object_set_new(j, "official_date", cli_json_date(m->official_date));
    json_object_set_new(j, "died_on", cli_json_date(m->died_on));
    json_object_set_new(j, "exempt", json_boolean(m->exempt));
    profile_json(cli, m->id, j);
    struct org_info o;
    if (!store_org_get(cli->st, m->org_id, date_today(), &o, NULL))
        json_object_set_new(
            j, "org",
            json_pack("{s:I, s:s, s:s}", "id", (json_int_t)o.id, "code", o.code, "name", o.name));
    else
        json_object_set_new(j, "org", json_pack("{s:I}", "id", (json_int_t)m->org_id));
    return j;
}

static int member_admit(struct cli *cli, struct cli_opt *o, bool historical)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    const char *in[MF__MAX];
    for (int i = 0; i < MF__MAX; i++)
        in[i] = o[i].value;
    struct member_fields f;
    struct member_admit_history hist = {.admission_place = o[O_PLACE].value,
                                        .arrival_date = DATE_NONE,
                                        .official_decision_date = DATE_NONE,
                                        .official_decision_no = o[O_OFFICIAL_NO].value
                                                                    ? o[O_OFFICIAL_NO].value
                                                                    : o[O_DECISION].value};
    struct member_admit_req req = {
        .fields = &f, .decision_no = o[O_DECISION].value, .history = historical ? &hist : NULL};
    struct org_info org;
    bool outside = o[O_PLACE].value && *o[O_PLACE].value;
    int64_t id = 0;
    enum tcxd_err rc;
    member_fields_init(&f);
    if (!historical && (outside || o[O_ARRIVAL].value || o[O_OFFICIAL_DATE].value)) {
        rc = tcxd_fail(&e, TCXD_EINVAL, outside ? "admission_place" : "official_date",
                       "--admission-place, --arrival-date and --official-date are for entering "
                       "an existing member: use member add");
        goto out;
    }
    if ((rc = member_record_parse(in, date_today(), &f, NULL, &e)) ||
        (rc = cli_date(o[O_DECISION_DATE].value, DATE_NONE, "decision_date", &req.decision_date,
                       &e)) ||
        (rc = cli_date(o[O_CEREMONY_DATE].value, req.decision_date, "ceremony_date",
                       &req.ceremony_date, &e)) ||
        (o[O_OFFICIAL_DATE].value &&
         (rc = date_parse(o[O_OFFICIAL_DATE].value, &hist.official_decision_date, "official_date",
                          &e))) ||
        (o[O_ARRIVAL].value &&
         (rc = date_parse(o[O_ARRIVAL].value, &hist.arrival_date, "arrival_date", &e))))
        goto out;
    if (outside) {
        /* the chi bộ of registration as it is on the arrival (today when not given); arriving
           by default when it was created, or at the admission when it already existed */
        bool on_arrival = hist.arrival_date != DATE_NONE && hist.arrival_date >= req.ceremony_date;
        if ((rc = cli_org(cli, o[O_ORG].value, on_arrival ? hist.arrival_date : date_today(), &org,
                          &e)))
            goto out;
        if (hist.arrival_date == DATE_NONE)
            hist.arrival_date =
                org.created_on > req.ceremony_date ? org.created_on : req.ceremony_date;
    } else if (o[O_ARRIVAL].value) {
        rc = tcxd_fail(&e, TCXD_EINVAL, "arrival_date",
                       "--arrival-date goes with --admission-place (admitted outside the "
                       "database)");
        goto out;
    } else if ((rc = cli_org(cli, o[O_ORG].value, req.ceremony_date, &org, &e))) {
        goto out;
    }
    req.org_id = org.id;
    if ((rc = store_member_admit(cli->st, &cli->actor, &req, &id, &e)))
        goto out;
    struct member_info m;
    if ((rc = store_member_get(cli->st, id, &m, &e)))
        goto out;
    if (cli->json)
        cli_print_json(member_json(cli, &m));
    else
        printf(MSG_T("admitted: #%lld %s (%s) in %s\n"), (long long)id, m.full_name,
               member_status_label(m.status), org.name);
out:
    member_fields_release(&f);
    return rc ? cli_fail(cli, &e) : 0;
}

struct events_ctx {
    struct cli *cli;
    json_t *arr;
    struct cli_table *t;
};

static void event_detail(struct cli *cli, const struct member_event_info *ev, struct buf *b)
{
    struct org_info o;
    switch (ev->ev.kind) {
    case MEV_ADMIT:
    case MEV_TRANSFER:
        if (ev->ev.kind == MEV_TRANSFER)
            buf_addf(b, "%s: ", transfer_kind_label((enum transfer_kind)ev->ev.form));
        if (!store_org_get(cli->st, ev->ev.org_id, ev->ev.date, &o, NULL))
            buf_addf(b, "%s (%s)", o.name, o.code);
        break;
    case MEV_DISCIPLINE:
        buf_adds(b, discipline_form_label((enum discipline_form)ev->ev.form));
        break;
    case MEV_EXIT:
        buf_adds(b, exit_kind_label((enum exit_kind)ev->ev.form));
        break;
    case MEV_EXEMPT:
        buf_adds(b, ev->ev.form ? "hết miễn" : "miễn sinh hoạt");
        break;
    case MEV_SUSPEND:
        buf_adds(b, ev->ev.form ? "hết đình chỉ" : "đình chỉ sinh hoạt");
        break;
    case MEV_RESTORE:
        if (!store_org_get(cli->st, ev->ev.org_id, ev->ev.date, &o, NULL))
            buf_addf(b, "%s (%s)", o.name, o.code);
        break;
    case MEV_BADGE:
        buf_addf(b, "Huy hiệu %d năm tuổi Đảng", ev->ev.form);
        break;
    case MEV_CARD:
        buf_adds(b, card_kind_label((enum card_kind)ev->ev.form));
        break;
    case MEV_COMMEND:
        buf_adds(b, commend_form_label((enum commend_form)ev->ev.form));
        break;
    default:
        break;
    }
    if (ev->scope || ev->place[0])
        buf_addf(b, "%s%s%s%s", b->len ? " — " : "",
                 ev->scope ? transfer_scope_label(ev->scope) : "",
                 ev->scope && ev->place[0] ? ": " : "", ev->place);
    if (ev->detail[0])
        buf_addf(b, "%s%s", b->len ? " — " : "", ev->detail);
}

static void event_row(void *vctx, const struct member_event_info *ev)
{
    struct events_ctx *ctx = vctx;
    struct buf det = BUF_INIT;
    event_detail(ctx->cli, ev, &det);
    if (ctx->arr) {
        json_t *j = json_pack(
            "{s:I, s:s, s:s, s:o, s:o, s:s, s:s}", "id", (json_int_t)ev->id, "kind",
            member_event_kind_name(ev->ev.kind), "label", member_event_kind_label(ev->ev.kind),
            "date", cli_json_date(ev->ev.date), "decision_date",
            cli_json_date(ev->ev.decision_date), "decision_no", ev->decision_no, "detail", det.ptr);
        json_object_set_new(j, "org_id", ev->ev.org_id ? json_integer(ev->ev.org_id) : json_null());
        json_object_set_new(j, "scope", json_string(transfer_scope_name(ev->scope)));
        json_object_set_new(j, "place", json_string(ev->place));
        json_array_append_new(ctx->arr, j);
    } else {
        char d[DATE_ISO_LEN], id[24];
        date_format_vn(ev->ev.date, d);
        snprintf(id, sizeof(id), "#%lld", (long long)ev->id);
        const char *row[] = {id, d, member_event_kind_label(ev->ev.kind), ev->decision_no, det.ptr};
        cli_table_row(ctx->t, row);
    }
    buf_release(&det);
}

static int member_show(struct cli *cli, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "member", "member show needs MEMBER");
    int64_t id;
    struct member_info m;
    struct member_derived d;
    if (cli_member_id(cli, pos[0], &id, &e) || store_member_get(cli->st, id, &m, &e))
        return cli_fail(cli, &e);
    member_derived_init(&d);
    struct cli_table t;
    const char *hdr[] = {"Mã", "Ngày", "Sự kiện", "Số quyết định", "Nội dung"};
    cli_table_init(&t, 5, hdr, NULL);
    struct events_ctx ctx = {cli, cli->json ? json_array() : NULL, &t};
    enum tcxd_err rc = store_member_events(cli->st, id, event_row, &ctx, &d, &e);
    tcxd_date today = date_today();
    if (!rc && cli->json) {
        json_t *j = member_json(cli, &m);
        json_object_set_new(j, "events", ctx.arr);
        json_object_set_new(j, "party_age_years", json_integer(member_party_age_years(&d, today)));
        cli_print_json(j);
    } else if (!rc) {
        char b[DATE_ISO_LEN], a[DATE_ISO_LEN], c[DATE_ISO_LEN], of[DATE_ISO_LEN];
        date_format_vn(m.birth_date, b);
        date_format_vn(m.admission_decision_date, a);
        date_format_vn(m.ceremony_date, c);
        date_format_vn(m.official_date, of);
        struct org_info o;
        bool has_org = !store_org_get(cli->st, m.org_id, today, &o, NULL);
        printf("#%lld %s\n", (long long)m.id, m.full_name);
        printf("  %s, sinh %s, dân tộc %s, tôn giáo %s\n", gender_label(m.gender), b, m.ethnicity,
               m.religion);
        if (m.hometown[0])
            printf("  quê quán: %s\n", m.hometown);
        if (m.national_id[0])
            printf("  CCCD: %s\n", m.national_id);
        printf("  trình độ: %s; chuyên môn: %s; lý luận chính trị: %s\n",
               m.education[0] ? m.education : "-",
               m.professional_level[0] ? m.professional_level : "-", theory_level_label(m.theory));
        printf("  trạng thái: %s%s; chi bộ: %s\n", member_status_label(m.status),
               m.exempt ? " (miễn sinh hoạt)" : "", has_org ? o.name : "-");
        printf("  quyết định kết nạp: %s; lễ kết nạp: %s; chính thức: %s; tuổi đảng: %d\n", a, c,
               m.official_date != DATE_NONE ? of : "-", member_party_age_years(&d, today));
        profile_print(cli, m.id);
        printf("\n");
        cli_table_print(&t);
    } else {
        json_decref(ctx.arr);
    }
    cli_table_release(&t);
    member_derived_release(&d);
    return rc ? cli_fail(cli, &e) : 0;
}

struct list_ctx {
    struct cli *cli;
    json_t *arr;
    struct cli_table *t;
    const struct org_tree *tree;
    tcxd_date as_of;
};

static void list_row(void *vctx, const struct member_row *r)
{
    struct list_ctx *ctx = vctx;
    uint32_t i = ctx->tree ? org_tree_find(ctx->tree, r->org_id) : TREE_NONE;
    const char *org = i != TREE_NONE ? ctx->tree->nodes[i].name : "";
    if (ctx->arr) {
        json_array_append_new(
            ctx->arr,
            json_pack("{s:I, s:s, s:s, s:o, s:s, s:{s:I, s:s}, s:b}", "id", (json_int_t)r->id,
                      "full_name", r->full_name, "gender", gender_name(r->gender), "birth_date",
                      cli_json_date(r->birth_date), "status", member_status_name(r->status), "org",
                      "id", (json_int_t)r->org_id, "name", org, "temporary", r->temporary));
        return;
    }
    char id[24], b[DATE_ISO_LEN];
    snprintf(id, sizeof(id), "#%lld", (long long)r->id);
    date_format_vn(r->birth_date, b);
    const char *row[] = {
        id, r->full_name, gender_label(r->gender), b, member_status_label(r->status), org};
    cli_table_row(ctx->t, row);
}

static void list_hit(void *vctx, const struct member_row *r, const struct engine_hit *h)
{
    (void)h;
    list_row(vctx, r);
}

static int member_list(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos, bool find)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    struct member_query q;
    member_query_init(&q);
    struct org_info org;
    struct org_tree tree;
    int page = 1;
    const char *orgref = find ? o[O_ORG].value : (npos ? pos[0] : NULL);
    if (find && npos != 1)
        return cli_usage(cli, "member", "member find needs TEXT");
    if (!find && npos != 1)
        return cli_usage(cli, "member", "member list needs ORG");
    if (find)
        q.q = pos[0];
    if (cli_date(o[O_AS_OF].value, date_today(), "as_of", &q.as_of, &e) ||
        int_opt(o[O_LIMIT].value, 1, 100000, find ? 20 : 50, "limit", &q.limit, &e) ||
        int_opt(o[O_PAGE].value, 1, 1000000, 1, "page", &page, &e) ||
        int_opt(o[O_AGE_MIN].value, 0, 150, -1, "age_min", &q.age_min, &e) ||
        int_opt(o[O_AGE_MAX].value, 0, 150, -1, "age_max", &q.age_max, &e))
        return cli_fail(cli, &e);
    q.offset = (page - 1) * q.limit;
    if (o[MF_GENDER].value) {
        enum gender g;
        if (gender_parse(o[MF_GENDER].value, &g, &e))
            return cli_fail(cli, &e);
        q.gender = g;
    }
    if (o[MF_THEORY_LEVEL].value) {
        enum theory_level t;
        if (theory_level_parse(o[MF_THEORY_LEVEL].value, &t, &e))
            return cli_fail(cli, &e);
        q.theory = t;
    }
    if (o[O_STATUS].value) {
        enum member_status s;
        if (member_status_parse(o[O_STATUS].value, &s, &e))
            return cli_fail(cli, &e);
        q.status = s;
    }
    q.ethnicity = o[MF_ETHNICITY].value;
    if (o[O_SORT].value) {
        if (!strcmp(o[O_SORT].value, "birth"))
            q.sort = MQ_SORT_BIRTH;
        else if (strcmp(o[O_SORT].value, "name"))
            return cli_usage(cli, "member", "invalid --sort '%s' (name or birth)", o[O_SORT].value);
    }
    if (store_tree_load(cli->st, q.as_of, &tree, &e))
        return cli_fail(cli, &e);
    if (orgref) {
        if (cli_org(cli, orgref, q.as_of, &org, &e)) {
            org_tree_release(&tree);
            return cli_fail(cli, &e);
        }
        q.org_id = org.id;
    }
    struct cli_table t;
    const char *hdr[] = {"Mã", "Họ và tên", "Giới tính", "Ngày sinh", "Trạng thái", "Chi bộ"};
    cli_table_init(&t, 6, hdr, NULL);
    struct list_ctx ctx = {cli, cli->json ? json_array() : NULL, &t, &tree, q.as_of};
    int64_t total = 0;
    /* the engine when its cache file is there (the same rows for a list; for a search its
       ranked word matches, as the API's) */
    enum tcxd_err rc = engine_wanted(cli->st)
                           ? engine_member_list(cli->st, &q, false, list_hit, &ctx, &total, &e)
                           : store_member_list(cli->st, &tree, &q, list_row, &ctx, &total, &e);
    if (!rc && ctx.arr) {
        cli_print_json(json_pack("{s:o, s:I, s:i, s:i}", "items", ctx.arr, "total",
                                 (json_int_t)total, "page", page, "page_size", q.limit));
    } else if (!rc) {
        cli_table_print(&t);
        struct buf b = BUF_INIT;
        vnfmt_int(&b, total);
        printf("(%s đảng viên%s)\n", b.ptr, total > q.limit ? "; --page N for more" : "");
        buf_release(&b);
    } else {
        json_decref(ctx.arr);
    }
    cli_table_release(&t);
    org_tree_release(&tree);
    return rc ? cli_fail(cli, &e) : 0;
}

/* official, transfer, return, discipline, exempt, exit */
/* What a life-event verb did, for the success line: "recognised official" ... */
static const char *verb_done(const char *verb)
{
    static const struct {
        const char *verb, *done;
    } words[] = {
        {"official", MSG_N("recognised official")},
        {"transfer", MSG_N("transferred")},
        {"return", MSG_N("returned from the temporary transfer")},
        {"discipline", MSG_N("disciplined")},
        {"exempt", MSG_N("exemption recorded")},
        {"exit", MSG_N("left the party")},
        {"suspend", MSG_N("suspension recorded")},
        {"restore", MSG_N("party membership restored")},
        {"badge", MSG_N("badge recorded")},
        {"card", MSG_N("card recorded")},
        {"commend", MSG_N("commendation recorded")},
        {"readmit", MSG_N("re-admitted")},
    };
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (!strcmp(verb, words[i].verb))
            return msg_tr(words[i].done);
    return verb;
}

static int member_event_cmd(struct cli *cli, const char *verb, struct cli_opt *o, const char **pos,
                            size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "member", "member %s needs MEMBER", verb);
    int64_t id;
    struct member_event ev = {.date = DATE_NONE, .decision_date = DATE_NONE, .until = DATE_NONE};
    enum tcxd_err rc = cli_member_id(cli, pos[0], &id, &e);
    if (rc)
        return cli_fail(cli, &e);
    const char *detail = o[O_REASON].value;
    if (!strcmp(verb, "official")) {
        ev.kind = MEV_OFFICIAL;
        rc = cli_date(o[O_DECISION_DATE].value, DATE_NONE, "decision_date", &ev.decision_date, &e);
    } else {
        rc = cli_date(o[O_DATE].value, DATE_NONE, "date", &ev.date, &e);
        ev.decision_date = ev.date;
    }
    if (rc)
        return cli_fail(cli, &e);
    if (!strcmp(verb, "transfer")) {
        struct org_info to;
        ev.kind = MEV_TRANSFER;
        ev.form = o[O_TEMPORARY].value ? TRANSFER_TEMPORARY : TRANSFER_OFFICIAL;
        if (!o[O_TO].value)
            return cli_usage(cli, "member", "member transfer needs --to CHI_BO");
        if (cli_org(cli, o[O_TO].value, ev.date, &to, &e) ||
            (o[O_UNTIL].value && date_parse(o[O_UNTIL].value, &ev.until, "until", &e)))
            return cli_fail(cli, &e);
        ev.org_id = to.id;
    } else if (!strcmp(verb, "return")) {
        ev.kind = MEV_RETURN;
    } else if (!strcmp(verb, "discipline")) {
        enum discipline_form f;
        ev.kind = MEV_DISCIPLINE;
        if (!o[O_FORM].value)
            return cli_usage(cli, "member", "member discipline needs --form");
        if (discipline_form_parse(o[O_FORM].value, &f, &e))
            return cli_fail(cli, &e);
        ev.form = f;
    } else if (!strcmp(verb, "exempt")) {
        ev.kind = MEV_EXEMPT;
        ev.form = o[O_END].value ? 1 : 0;
    } else if (!strcmp(verb, "suspend")) {
        ev.kind = MEV_SUSPEND;
        ev.form = o[O_END].value ? 1 : 0;
    } else if (!strcmp(verb, "restore")) {
        struct org_info to;
        ev.kind = MEV_RESTORE;
        if (!o[O_TO].value)
            return cli_usage(cli, "member", "member restore needs --to CHI_BO");
        if (cli_org(cli, o[O_TO].value, ev.date, &to, &e))
            return cli_fail(cli, &e);
        ev.org_id = to.id;
    } else if (!strcmp(verb, "badge")) {
        ev.kind = MEV_BADGE;
        if (!o[O_YEARS].value)
            return cli_usage(cli, "member", "member badge needs --years N");
        if (member_badge_parse(o[O_YEARS].value, &ev.form, &e))
            return cli_fail(cli, &e);
    } else if (!strcmp(verb, "card")) {
        enum card_kind k = CARD_ISSUED;
        ev.kind = MEV_CARD;
        if (o[O_KIND].value && card_kind_parse(o[O_KIND].value, &k, &e))
            return cli_fail(cli, &e);
        ev.form = k;
        detail = o[O_NUMBER].value;
    } else if (!strcmp(verb, "commend")) {
        enum commend_form f;
        ev.kind = MEV_COMMEND;
        if (!o[O_FORM].value)
            return cli_usage(cli, "member", "member commend needs --form co|bang_khen|giay_khen");
        if (commend_form_parse(o[O_FORM].value, &f, &e))
            return cli_fail(cli, &e);
        ev.form = f;
    } else if (!strcmp(verb, "exit")) {
        enum exit_kind k;
        ev.kind = MEV_EXIT;
        if (!o[O_KIND].value)
            return cli_usage(cli, "member", "member exit needs --kind");
        if (exit_kind_parse(o[O_KIND].value, &k, &e))
            return cli_fail(cli, &e);
        ev.form = k;
    }
    enum transfer_scope scope = SCOPE_NONE;
    if (o[O_SCOPE].value && transfer_scope_parse(o[O_SCOPE].value, &scope, &e))
        return cli_fail(cli, &e);
    if (store_member_event_where(cli->st, &cli->actor, id, &ev, o[O_DECISION].value, detail, scope,
                                 o[O_PLACE_TO].value, &e))
        return cli_fail(cli, &e);
    struct member_info m;
    if (store_member_get(cli->st, id, &m, &e))
        return cli_fail(cli, &e);
    if (cli->json)
        cli_print_json(member_json(cli, &m));
    else
        printf("%s: #%lld %s — %s\n", verb_done(verb), (long long)id, m.full_name,
               member_status_label(m.status));
    return 0;
}

/* tcxd member readmit MEMBER --org CHI_BO --decision-date D --ceremony-date D [--decision NO]:
   kết nạp lại (domain.md §3.2: once, probation again; party age from the first admission). */
static int member_readmit(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "member", "member %s needs MEMBER", "readmit");
    int64_t id;
    tcxd_date decision, ceremony;
    struct org_info org;
    struct member_info m;
    if (cli_member_id(cli, pos[0], &id, &e) ||
        cli_date(o[O_DECISION_DATE].value, DATE_NONE, "decision_date", &decision, &e) ||
        cli_date(o[O_CEREMONY_DATE].value, decision, "ceremony_date", &ceremony, &e) ||
        cli_org(cli, o[O_ORG].value, ceremony, &org, &e) ||
        store_member_readmit(cli->st, &cli->actor, id, org.id, decision, ceremony,
                             o[O_DECISION].value, &e) ||
        store_member_get(cli->st, id, &m, &e))
        return cli_fail(cli, &e);
    if (cli->json)
        cli_print_json(member_json(cli, &m));
    else
        printf("%s: #%lld %s — %s\n", verb_done("readmit"), (long long)id, m.full_name,
               member_status_label(m.status));
    return 0;
}

/* tcxd member correct MEMBER [FIELDS] --reason TEXT: the given fields replace the stored ones. */
static int member_correct(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "member", "member correct needs MEMBER");
    int64_t id;
    struct member_fields f;
    member_fields_init(&f);
    enum tcxd_err rc;
    bool any = false;
    if ((rc = cli_member_id(cli, pos[0], &id, &e)) ||
        (rc = store_member_record(cli->st, id, &f, &e)))
        goto out;
    for (int i = 0; i < MF__MAX && !rc; i++)
        if (o[i].value) {
            any = true;
            rc = member_field_parse((enum member_field)i, o[i].value, strlen(o[i].value),
                                    date_today(), &f, &e);
        }
    if (!rc && !any)
        rc = tcxd_fail(&e, TCXD_EINVAL, "field",
                       "nothing to correct: give the fields to correct (see tcxd member help)");
    if (rc || (rc = store_member_correct(cli->st, &cli->actor, id, &f, o[O_REASON].value, &e)))
        goto out;
    struct member_info m;
    if ((rc = store_member_get(cli->st, id, &m, &e)))
        goto out;
    if (cli->json)
        cli_print_json(member_json(cli, &m));
    else
        printf("%s: #%lld %s\n", MSG_T("corrected"), (long long)id, m.full_name);
out:
    member_fields_release(&f);
    return rc ? cli_fail(cli, &e) : 0;
}

static void event_found(void *ctx, const struct member_event_info *ev)
{
    struct member_event_info *want = ctx;
    if (ev->id == want->id)
        *want = *ev;
}

/* tcxd member event correct|cancel MEMBER EVENT ... --reason TEXT */
static int member_event_fix(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 3 || (strcmp(pos[0], "correct") && strcmp(pos[0], "cancel")))
        return cli_usage(cli, "member", "member event correct|cancel MEMBER EVENT --reason TEXT");
    int64_t id;
    char *end;
    const char *ref = pos[2][0] == '#' ? pos[2] + 1 : pos[2];
    long long evid = strtoll(ref, &end, 10);
    if (!*ref || *end || evid <= 0)
        return cli_usage(cli, "member", "invalid event id '%s'", pos[2]);
    enum tcxd_err rc = cli_member_id(cli, pos[1], &id, &e);
    if (rc)
        return cli_fail(cli, &e);
    if (!strcmp(pos[0], "cancel")) {
        rc = store_member_event_cancel(cli->st, &cli->actor, id, evid, o[O_REASON].value, &e);
    } else {
        struct member_event_info x;
        memset(&x, 0, sizeof(x));
        x.id = evid;
        x.ev.kind = MEV__MAX;
        if ((rc = store_member_events(cli->st, id, event_found, &x, NULL, &e)))
            return cli_fail(cli, &e);
        if (x.ev.kind == MEV__MAX)
            return cli_fail(cli, (tcxd_fail(&e, TCXD_ENOTFOUND, "event",
                                            "member #%lld has no event #%lld", (long long)id, evid),
                                  &e));
        struct member_event ev = x.ev;
        const char *dec = o[O_DECISION].value ? o[O_DECISION].value : x.decision_no;
        const char *detail = o[O_DETAIL].value ? o[O_DETAIL].value : x.detail;
        if (o[O_DATE].value) {
            if ((rc = date_parse(o[O_DATE].value, &ev.date, "date", &e)))
                return cli_fail(cli, &e);
            /* events other than admission and recognition are decided on their date */
            if (ev.kind != MEV_ADMIT && ev.kind != MEV_OFFICIAL && !o[O_DECISION_DATE].value)
                ev.decision_date = ev.date;
        }
        if (o[O_CEREMONY_DATE].value &&
            (rc = date_parse(o[O_CEREMONY_DATE].value, &ev.date, "ceremony_date", &e)))
            return cli_fail(cli, &e);
        if (o[O_DECISION_DATE].value &&
            (rc = date_parse(o[O_DECISION_DATE].value, &ev.decision_date, "decision_date", &e)))
            return cli_fail(cli, &e);
        if (o[O_UNTIL].value && (rc = date_parse(o[O_UNTIL].value, &ev.until, "until", &e)))
            return cli_fail(cli, &e);
        const char *org_ref = o[O_TO].value ? o[O_TO].value : o[O_ORG].value;
        if (org_ref) {
            struct org_info org;
            if ((rc = cli_org(cli, org_ref, ev.date, &org, &e)))
                return cli_fail(cli, &e);
            ev.org_id = org.id;
        }
        if (o[O_YEARS].value) {
            if (ev.kind != MEV_BADGE)
                return cli_fail(
                    cli,
                    (tcxd_fail(&e, TCXD_EINVAL, "years", "this event has no form or kind"), &e));
            if ((rc = member_badge_parse(o[O_YEARS].value, &ev.form, &e)))
                return cli_fail(cli, &e);
        }
        const char *form = o[O_FORM].value ? o[O_FORM].value : o[O_KIND].value;
        if (form) {
            if (ev.kind == MEV_TRANSFER) {
                enum transfer_kind k;
                rc = transfer_kind_parse(form, &k, &e);
                ev.form = (int)k;
            } else if (ev.kind == MEV_DISCIPLINE) {
                enum discipline_form k;
                rc = discipline_form_parse(form, &k, &e);
                ev.form = (int)k;
            } else if (ev.kind == MEV_EXIT) {
                enum exit_kind k;
                rc = exit_kind_parse(form, &k, &e);
                ev.form = (int)k;
            } else if (ev.kind == MEV_CARD) {
                enum card_kind k;
                rc = card_kind_parse(form, &k, &e);
                ev.form = (int)k;
            } else if (ev.kind == MEV_COMMEND) {
                enum commend_form k;
                rc = commend_form_parse(form, &k, &e);
                ev.form = (int)k;
            } else {
                rc = tcxd_fail(&e, TCXD_EINVAL, "form", "this event has no form or kind");
            }
            if (rc)
                return cli_fail(cli, &e);
        }
        enum transfer_scope scope = SCOPE_NONE;
        if (o[O_SCOPE].value && transfer_scope_parse(o[O_SCOPE].value, &scope, &e))
            return cli_fail(cli, &e);
        rc = store_member_event_correct(cli->st, &cli->actor, id, evid, &ev, dec, detail,
                                        o[O_SCOPE].value ? (int)scope : -1, o[O_PLACE_TO].value,
                                        o[O_REASON].value, &e);
    }
    if (rc)
        return cli_fail(cli, &e);
    struct member_info m;
    if (store_member_get(cli->st, id, &m, &e))
        return cli_fail(cli, &e);
    if (cli->json)
        cli_print_json(member_json(cli, &m));
    else
        printf(MSG_T("%s: #%lld %s, event #%lld\n"),
               !strcmp(pos[0], "cancel") ? MSG_T("cancelled") : MSG_T("corrected"), (long long)id,
               m.full_name, evid);
    return 0;
}

struct fixes_ctx {
    json_t *arr;
    struct cli_table *t;
};

/* member_correction.action: record (the member record), event (an event corrected), cancel */
static const char *correction_label(const char *action)
{
    return !strcmp(action, "record")   ? "Đính chính lý lịch"
           : !strcmp(action, "event")  ? "Đính chính sự kiện"
           : !strcmp(action, "cancel") ? "Hủy sự kiện"
                                       : action;
}

static void fix_row(void *vctx, const struct member_correction_info *c)
{
    struct fixes_ctx *x = vctx;
    char ev[32] = "";
    if (c->event_id)
        snprintf(ev, sizeof(ev), "#%lld", (long long)c->event_id);
    if (x->arr) {
        json_t *j =
            json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)c->id, "action",
                      c->action, "reason", c->reason, "by", c->username, "at", c->at, "event", ev);
        json_object_set_new(j, "before", json_loads(c->before, 0, NULL));
        json_object_set_new(j, "after", json_loads(c->after, 0, NULL));
        json_array_append_new(x->arr, j);
    } else {
        const char *row[] = {c->at, correction_label(c->action), ev, c->username, c->reason};
        cli_table_row(x->t, row);
    }
}

/* tcxd member corrections MEMBER: the corrections of a member, oldest first. */
static int member_corrections(struct cli *cli, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "member", "member corrections needs MEMBER");
    int64_t id;
    struct member_info m;
    if (cli_member_id(cli, pos[0], &id, &e) || store_member_get(cli->st, id, &m, &e))
        return cli_fail(cli, &e);
    struct cli_table t;
    const char *hdr[] = {"Lúc", "Loại", "Sự kiện", "Người sửa", "Lý do"};
    cli_table_init(&t, 5, hdr, NULL);
    struct fixes_ctx x = {cli->json ? json_array() : NULL, &t};
    enum tcxd_err rc = store_member_corrections(cli->st, id, fix_row, &x, &e);
    if (!rc && x.arr)
        cli_print_json(json_pack("{s:I, s:o}", "member_id", (json_int_t)id, "items", x.arr));
    else if (!rc)
        cli_table_print(&t);
    else
        json_decref(x.arr);
    cli_table_release(&t);
    return rc ? cli_fail(cli, &e) : 0;
}

struct due_ctx {
    struct cli *cli;
    json_t *arr;
    struct cli_table *t;
    const struct org_tree *tree;
    size_t n_due, n_overdue;
};

static void due_row(void *vctx, const struct member_row *r, const struct member_due *due)
{
    struct due_ctx *ctx = vctx;
    uint32_t i = org_tree_find(ctx->tree, r->org_id);
    const char *org = i != TREE_NONE ? ctx->tree->nodes[i].name : "";
    if (due->overdue)
        ctx->n_overdue++;
    else
        ctx->n_due++;
    if (ctx->arr) {
        json_array_append_new(
            ctx->arr,
            json_pack("{s:I, s:s, s:o, s:o, s:b, s:i, s:i, s:{s:I, s:s}}", "id", (json_int_t)r->id,
                      "full_name", r->full_name, "due_date", cli_json_date(due->due), "deadline",
                      cli_json_date(due->deadline), "overdue", due->overdue, "days_left",
                      due->days_left, "working_days_late", due->working_days_late, "org", "id",
                      (json_int_t)r->org_id, "name", org));
        return;
    }
    char id[24], d[DATE_ISO_LEN], note[64];
    snprintf(id, sizeof(id), "#%lld", (long long)r->id);
    date_format_vn(due->due, d);
    if (due->overdue)
        snprintf(note, sizeof(note), "QUÁ HẠN %d ngày làm việc", due->working_days_late);
    else if (due->days_left >= 0)
        snprintf(note, sizeof(note), "còn %d ngày", due->days_left);
    else
        snprintf(note, sizeof(note), "đã đến hạn %d ngày", -due->days_left);
    const char *row[] = {id, r->full_name, d, note, org};
    cli_table_row(ctx->t, row);
}

static void due_row_aged(void *vctx, const struct member_row *r, const struct member_due *due,
                         int party_age_years)
{
    (void)party_age_years;
    due_row(vctx, r, due);
}

static int member_due(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    int days;
    tcxd_date today = date_today();
    struct org_tree tree;
    if (int_opt(o[O_DAYS].value, 0, 3650, 30, "days", &days, &e) ||
        store_tree_load(cli->st, today, &tree, &e))
        return cli_fail(cli, &e);
    int64_t root_id = 0;
    if (npos) {
        struct org_info org;
        if (cli_org(cli, pos[0], today, &org, &e)) {
            org_tree_release(&tree);
            return cli_fail(cli, &e);
        }
        root_id = org.id;
    }
    struct cli_table t;
    const char *hdr[] = {"Mã", "Họ và tên", "Hết 12 tháng", "Tình trạng", "Chi bộ"};
    cli_table_init(&t, 5, hdr, NULL);
    struct due_ctx ctx = {cli, cli->json ? json_array() : NULL, &t, &tree, 0, 0};
    enum tcxd_err rc = TCXD_OK;
    for (size_t i = 0; i < tree.n && !rc; i++) {
        if (root_id ? tree.nodes[i].id != root_id : tree.nodes[i].parent != TREE_NONE)
            continue;
        rc = engine_wanted(cli->st) ? engine_member_due(cli->st, &tree, tree.nodes[i].id, today,
                                                        days, due_row_aged, &ctx, &e)
                                    : store_member_due(cli->st, &tree, tree.nodes[i].id, today,
                                                       days, due_row, &ctx, &e);
    }
    if (!rc && ctx.arr) {
        cli_print_json(json_pack("{s:o, s:i, s:I, s:I}", "items", ctx.arr, "days", days, "due",
                                 (json_int_t)ctx.n_due, "overdue", (json_int_t)ctx.n_overdue));
    } else if (!rc) {
        cli_table_print(&t);
        printf("(%zu đến hạn trong %d ngày, %zu quá hạn)\n", ctx.n_due, days, ctx.n_overdue);
    } else {
        json_decref(ctx.arr);
    }
    cli_table_release(&t);
    org_tree_release(&tree);
    return rc ? cli_fail(cli, &e) : 0;
}

int cmd_member(struct cli *cli, int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        member_print_help();
        return argc < 2 ? 2 : 0;
    }
    const char *verb = argv[1];
    struct cli_opt o[O__MAX];
    memcpy(o, member_opts, sizeof(o));
    for (int i = 0; i < MF__MAX; i++)
        o[i] = (struct cli_opt){member_field_defs[i].option, true, NULL};
    const char *pos[4];
    size_t npos;
    int rc = cli_parse(cli, "member", argc - 1, argv + 1, o, O__MAX, pos, 4, &npos);
    if (rc)
        return rc;
    if (o[O_HELP].value) {
        member_print_help();
        return 0;
    }
    if (!cli_store(cli, false))
        return 1;
    if (!strcmp(verb, "admit") || !strcmp(verb, "add")) {
        if (npos)
            return cli_usage(cli, "member", "unexpected argument '%s'", pos[0]);
        return member_admit(cli, o, !strcmp(verb, "add"));
    }
    if (!strcmp(verb, "show"))
        return member_show(cli, pos, npos);
    if (!strcmp(verb, "find"))
        return member_list(cli, o, pos, npos, true);
    if (!strcmp(verb, "list"))
        return member_list(cli, o, pos, npos, false);
    if (!strcmp(verb, "due"))
        return member_due(cli, o, pos, npos);
    if (!strcmp(verb, "correct"))
        return member_correct(cli, o, pos, npos);
    if (!strcmp(verb, "event"))
        return member_event_fix(cli, o, pos, npos);
    if (!strcmp(verb, "corrections"))
        return member_corrections(cli, pos, npos);
    if (!strcmp(verb, "readmit"))
        return member_readmit(cli, o, pos, npos);
    static const char *const events[] = {"official", "transfer", "return",  "discipline",
                                         "exempt",   "exit",     "suspend", "restore",
                                         "badge",    "card",     "commend"};
    for (size_t i = 0; i < ARRAY_SIZE(events); i++)
        if (!strcmp(verb, events[i]))
            return member_event_cmd(cli, verb, o, pos, npos);
    return cli_usage(cli, "member", "unknown member command '%s'", verb);
}
