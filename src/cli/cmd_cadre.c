/*
 * cmd_cadre.c - `tcxd cadre ...`: cadres, committees per term, positions and appointments,
 * planning, the reappointment due list, rotation, training, confidence votes, the leave support
 * and the board's sentence. The rules are core/cadre.h; the records store/store_cadre.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/names.h"
#include "store/store_cadre.h"
#include "store/store_cadre_json.h"
#include "store/store_training.h"
#include "util/msg.h"
#include "util/vnfmt.h"

static const char cadre_help[] =
    "usage:\n"
    "  tcxd cadre add [NAME] --org ORG --level LEVEL [--member ID] [--gender nam|nu]\n"
    "           [--birth DATE] [--ethnicity T] [--religion T] [--prof P] [--academic A]\n"
    "           [--theory T] [--work-start DATE]\n"
    "  tcxd cadre list [--org ORG]\n"
    "  tcxd cadre show CADRE                      the career: posts held, trainings, dated\n"
    "  tcxd cadre retiring CADRE --date DATE      notified of leave pending retirement\n"
    "  tcxd cadre term ORG LABEL --from DATE --to DATE [--tier TIER]\n"
    "  tcxd cadre seat ORG CADRE --role ROLE --from DATE [--join JOIN] [--to DATE]\n"
    "           [--decision NO]\n"
    "  tcxd cadre seat-end SEAT --date DATE --reason REASON\n"
    "  tcxd cadre committee ORG [--as-of DATE]\n"
    "  tcxd cadre position ORG NAME --title TITLE --level LEVEL [--sector SECTOR]\n"
    "           [--post POST] [--tier TIER] [--leader yes|no]\n"
    "  tcxd cadre appoint CADRE POSITION --kind new|re|nominate --date DATE [--term-end DATE]\n"
    "           [--decision NO] [--outside] [--higher]\n"
    "  tcxd cadre relieve CADRE POSITION --date DATE\n"
    "  tcxd cadre plan TERM POSITION CADRE --date DATE\n"
    "  tcxd cadre unplan ENTRY --date DATE --reason REASON\n"
    "  tcxd cadre planning TERM [--position POSITION] [--as-of DATE]\n"
    "  tcxd cadre due [--org ORG] [--as-of DATE] [--days N] [--soon N]\n"
    "  tcxd cadre concurrent ORG --title TITLE [--as-of DATE]\n"
    "  tcxd cadre move CADRE --kind KIND --to ORG --date DATE [--direction D] [--until DATE]\n"
    "           [--from TEXT] [--decision NO]\n"
    "  tcxd cadre train CADRE --programme P --from DATE [--mode M] [--to DATE]\n"
    "           [--institution TEXT]\n"
    "  tcxd cadre class ORG NAME --programme P --opener tinh|huyen|khac --from DATE --to DATE\n"
    "           [--mode M] [--decision NO] [--institution TEXT]\n"
    "  tcxd cadre classes [--org ORG] [--year YYYY]\n"
    "  tcxd cadre class-show CLASS                a class and the cadres enrolled\n"
    "  tcxd cadre enrol CLASS CADRE [--date DATE]\n"
    "  tcxd cadre enrol-result ENROLMENT --result studying|completed|not_completed [--grade T]\n"
    "  tcxd cadre vote-session ORG --date DATE --convened N --present N --issued N\n"
    "           --returned N [--year YYYY]\n"
    "  tcxd cadre vote SESSION CADRE POSITION --high N --medium N --low N [--excluded leave]\n"
    "  tcxd cadre votes SESSION\n"
    "  tcxd cadre leave-support CADRE --date DATE\n"
    "  tcxd cadre report ORG --from DATE --to DATE\n"
    "CADRE, POSITION, SEAT, ENTRY, SESSION, CLASS and ENROLMENT are ids (#12 or 12). LEVEL: tw,\n"
    "tinh, huyen, co_so. ROLE: executive, standing, secretary, deputy, inspection,\n"
    "inspection_chair. JOIN: congress (default), elected_add, designated. TITLE: bi_thu,\n"
    "pho_bi_thu, chu_tich_ubnd, pho_chu_tich_ubnd, chu_tich_hdnd, pho_chu_tich_hdnd,\n"
    "truong_doan_dbqh, pho_doan_dbqh, chu_tich_mttq, truong_thon, cap_truong, cap_pho, khac.\n"
    "KIND (move): dieu_dong, luan_chuyen, biet_phai. Planning: at most 3 cadres per position\n"
    "and 3 positions per cadre at one level; a vote of more than half low removes from the\n"
    "planning. The due list shows terms ending within --days (default 365) with the notice day\n"
    "90 working days before.\n"
    "Forms 9 and 12: POST is the column a position is: bch, btv, ubkt, bi_thu, pho_bi_thu,\n"
    "chu_tich_hdnd, pho_chu_tich_hdnd, chu_tich_ubnd, pho_chu_tich_ubnd, truong_doan_dbqh,\n"
    "pho_doan_dbqh, truong_ban, pho_ban (party bodies, front, mass organizations), truong_so,\n"
    "pho_so (departments; district: phòng), truong_su_nghiep, pho_su_nghiep, none (default\n"
    "from the title; cap_truong and cap_pho need it). TIER: tinh, huyen, xa, none (default\n"
    "from the organization). --leader: a leadership post (default: any title but khac and\n"
    "truong_thon).\n";
static const char cadre_help_vi[] =
    "cách dùng:\n"
    "  tcxd cadre add [HỌ_TÊN] --org TỔ_CHỨC --level CẤP [--member SỐ] [--gender nam|nu]\n"
    "           [--birth NGÀY] [--ethnicity DÂN_TỘC] [--religion TÔN_GIÁO] [--prof CHUYÊN_MÔN]\n"
    "           [--academic HỌC_HÀM] [--theory LÝ_LUẬN] [--work-start NGÀY]\n"
    "  tcxd cadre list [--org TỔ_CHỨC]\n"
    "  tcxd cadre show CÁN_BỘ                     quá trình công tác: chức vụ đã giữ, đào tạo\n"
    "  tcxd cadre retiring CÁN_BỘ --date NGÀY     đã có thông báo nghỉ chờ hưu\n"
    "  tcxd cadre term TỔ_CHỨC NHIỆM_KỲ --from NGÀY --to NGÀY [--tier CẤP_BIỂU]\n"
    "  tcxd cadre seat TỔ_CHỨC CÁN_BỘ --role VAI_TRÒ --from NGÀY [--join CÁCH] [--to NGÀY]\n"
    "           [--decision SỐ]\n"
    "  tcxd cadre seat-end GHẾ --date NGÀY --reason LÝ_DO\n"
    "  tcxd cadre committee TỔ_CHỨC [--as-of NGÀY]\n"
    "  tcxd cadre position TỔ_CHỨC TÊN --title CHỨC_DANH --level CẤP [--sector LĨNH_VỰC]\n"
    "           [--post CỘT] [--tier CẤP_BIỂU] [--leader yes|no]\n"
    "  tcxd cadre appoint CÁN_BỘ CHỨC_VỤ --kind new|re|nominate --date NGÀY [--term-end NGÀY]\n"
    "           [--decision SỐ] [--outside] [--higher]\n"
    "  tcxd cadre relieve CÁN_BỘ CHỨC_VỤ --date NGÀY\n"
    "  tcxd cadre plan NHIỆM_KỲ CHỨC_VỤ CÁN_BỘ --date NGÀY\n"
    "  tcxd cadre unplan MỤC --date NGÀY --reason LÝ_DO\n"
    "  tcxd cadre planning NHIỆM_KỲ [--position CHỨC_VỤ] [--as-of NGÀY]\n"
    "  tcxd cadre due [--org TỔ_CHỨC] [--as-of NGÀY] [--days N] [--soon N]\n"
    "  tcxd cadre concurrent TỔ_CHỨC --title CHỨC_DANH [--as-of NGÀY]\n"
    "  tcxd cadre move CÁN_BỘ --kind LOẠI --to TỔ_CHỨC --date NGÀY [--direction HƯỚNG]\n"
    "           [--until NGÀY] [--from NƠI] [--decision SỐ]\n"
    "  tcxd cadre train CÁN_BỘ --programme CHƯƠNG_TRÌNH --from NGÀY [--mode HÌNH_THỨC]\n"
    "           [--to NGÀY] [--institution CƠ_SỞ]\n"
    "  tcxd cadre class TỔ_CHỨC TÊN_LỚP --programme CHƯƠNG_TRÌNH --opener tinh|huyen|khac\n"
    "           --from NGÀY --to NGÀY [--mode HÌNH_THỨC] [--decision SỐ] [--institution CƠ_SỞ]\n"
    "  tcxd cadre classes [--org TỔ_CHỨC] [--year NĂM]\n"
    "  tcxd cadre class-show LỚP                  lớp học và các cán bộ theo học\n"
    "  tcxd cadre enrol LỚP CÁN_BỘ [--date NGÀY]\n"
    "  tcxd cadre enrol-result LƯỢT_HỌC --result studying|completed|not_completed\n"
    "           [--grade XẾP_LOẠI]\n"
    "  tcxd cadre vote-session TỔ_CHỨC --date NGÀY --convened N --present N --issued N\n"
    "           --returned N [--year NĂM]\n"
    "  tcxd cadre vote HỘI_NGHỊ CÁN_BỘ CHỨC_VỤ --high N --medium N --low N [--excluded leave]\n"
    "  tcxd cadre votes HỘI_NGHỊ\n"
    "  tcxd cadre leave-support CÁN_BỘ --date NGÀY\n"
    "  tcxd cadre report TỔ_CHỨC --from NGÀY --to NGÀY\n";
/* the notes apart: one literal of both would pass the 4095 bytes C99 promises */
static const char cadre_help_vi_notes[] =
    "CÁN_BỘ, CHỨC_VỤ, GHẾ, MỤC, HỘI_NGHỊ, LỚP và LƯỢT_HỌC là mã số (#12 hoặc 12). CẤP: tw,\n"
    "tinh, huyen, co_so. VAI_TRÒ: executive (cấp ủy viên), standing (ủy viên ban thường vụ),\n"
    "secretary (bí thư), deputy (phó bí thư), inspection (ủy viên ủy ban kiểm tra),\n"
    "inspection_chair (chủ nhiệm ủy ban kiểm tra). CÁCH: congress (đại hội bầu, mặc định),\n"
    "elected_add (bầu bổ sung), designated (chỉ định). CHỨC_DANH: bi_thu, pho_bi_thu,\n"
    "chu_tich_ubnd, pho_chu_tich_ubnd, chu_tich_hdnd, pho_chu_tich_hdnd, truong_doan_dbqh,\n"
    "pho_doan_dbqh, chu_tich_mttq, truong_thon, cap_truong, cap_pho, khac. --kind (appoint):\n"
    "new (bổ nhiệm mới), re (bổ nhiệm lại), nominate (giới thiệu ứng cử); --outside: nguồn từ\n"
    "nơi khác; --higher: cấp trên quyết định. LOẠI ('move'): dieu_dong, luan_chuyen, biet_phai.\n"
    "--programme, --mode: chương trình và hình thức đào tạo, bồi dưỡng; --opener: cấp ủy cấp\n"
    "tỉnh (tinh), cấp huyện (huyen) hay nơi khác (khac) mở lớp; --result: đang học, hoàn thành,\n"
    "không hoàn thành. --high, --medium, --low: số phiếu tín nhiệm cao, trung bình, thấp;\n"
    "--excluded leave: không lấy phiếu (nghỉ chờ hưu). Quy hoạch: mỗi chức danh tối đa 3 cán\n"
    "bộ, mỗi cán bộ tối đa 3 chức danh ở một cấp; quá nửa số phiếu tín nhiệm thấp thì đưa ra\n"
    "khỏi quy hoạch. Danh sách đến hạn ('due') gồm các nhiệm kỳ kết thúc trong --days ngày (mặc\n"
    "định 365) với ngày thông báo trước 90 ngày làm việc; --soon: sắp đến hạn trong N ngày.\n";
/* the rest (one literal may not pass 4095 bytes) */
static const char cadre_help_vi_forms[] =
    "Biểu 9 và 12: CỘT là cột của chức vụ trên biểu: bch (ủy viên ban chấp hành), btv (ủy viên\n"
    "ban thường vụ), ubkt (ủy viên ủy ban kiểm tra), bi_thu, pho_bi_thu, chu_tich_hdnd,\n"
    "pho_chu_tich_hdnd, chu_tich_ubnd, pho_chu_tich_ubnd, truong_doan_dbqh, pho_doan_dbqh,\n"
    "truong_ban, pho_ban (các ban, cơ quan Đảng, MTTQ, đoàn thể), truong_so, pho_so (sở, ngành;\n"
    "cấp huyện: phòng), truong_su_nghiep, pho_su_nghiep (đơn vị sự nghiệp), none (mặc định theo\n"
    "chức danh; cap_truong, cap_pho phải ghi). CẤP_BIỂU: tinh, huyen, xa, none (mặc định theo tổ\n"
    "chức). --leader: chức vụ lãnh đạo, quản lý (mặc định: mọi chức danh trừ khac, truong_thon).\n";

enum {
    O_ORG,
    O_LEVEL,
    O_MEMBER,
    O_GENDER,
    O_BIRTH,
    O_ETHNICITY,
    O_RELIGION,
    O_PROF,
    O_ACADEMIC,
    O_THEORY,
    O_WORK_START,
    O_DATE,
    O_FROM,
    O_TO,
    O_ROLE,
    O_JOIN,
    O_DECISION,
    O_REASON,
    O_ASOF,
    O_TITLE,
    O_SECTOR,
    O_KIND,
    O_TERM_END,
    O_OUTSIDE,
    O_HIGHER,
    O_POSITION,
    O_DAYS,
    O_SOON,
    O_DIRECTION,
    O_UNTIL,
    O_PROGRAMME,
    O_MODE,
    O_INSTITUTION,
    O_CONVENED,
    O_PRESENT,
    O_ISSUED,
    O_RETURNED,
    O_YEAR,
    O_HIGH,
    O_MEDIUM,
    O_LOW,
    O_EXCLUDED,
    O_OPENER,
    O_RESULT,
    O_GRADE,
    O_TIER,
    O_POST,
    O_LEADER,
    O_HELP,
    O__MAX
};

static void opts_init(struct cli_opt *o)
{
    static const struct cli_opt proto[O__MAX] = {
        [O_ORG] = {"org", true, NULL},
        [O_LEVEL] = {"level", true, NULL},
        [O_MEMBER] = {"member", true, NULL},
        [O_GENDER] = {"gender", true, NULL},
        [O_BIRTH] = {"birth", true, NULL},
        [O_ETHNICITY] = {"ethnicity", true, NULL},
        [O_RELIGION] = {"religion", true, NULL},
        [O_PROF] = {"prof", true, NULL},
        [O_ACADEMIC] = {"academic", true, NULL},
        [O_THEORY] = {"theory", true, NULL},
        [O_WORK_START] = {"work-start", true, NULL},
        [O_DATE] = {"date", true, NULL},
        [O_FROM] = {"from", true, NULL},
        [O_TO] = {"to", true, NULL},
        [O_ROLE] = {"role", true, NULL},
        [O_JOIN] = {"join", true, NULL},
        [O_DECISION] = {"decision", true, NULL},
        [O_REASON] = {"reason", true, NULL},
        [O_ASOF] = {"as-of", true, NULL},
        [O_TITLE] = {"title", true, NULL},
        [O_SECTOR] = {"sector", true, NULL},
        [O_KIND] = {"kind", true, NULL},
        [O_TERM_END] = {"term-end", true, NULL},
        [O_OUTSIDE] = {"outside", false, NULL},
        [O_HIGHER] = {"higher", false, NULL},
        [O_POSITION] = {"position", true, NULL},
        [O_DAYS] = {"days", true, NULL},
        [O_SOON] = {"soon", true, NULL},
        [O_DIRECTION] = {"direction", true, NULL},
        [O_UNTIL] = {"until", true, NULL},
        [O_PROGRAMME] = {"programme", true, NULL},
        [O_MODE] = {"mode", true, NULL},
        [O_INSTITUTION] = {"institution", true, NULL},
        [O_CONVENED] = {"convened", true, NULL},
        [O_PRESENT] = {"present", true, NULL},
        [O_ISSUED] = {"issued", true, NULL},
        [O_RETURNED] = {"returned", true, NULL},
        [O_YEAR] = {"year", true, NULL},
        [O_HIGH] = {"high", true, NULL},
        [O_MEDIUM] = {"medium", true, NULL},
        [O_LOW] = {"low", true, NULL},
        [O_EXCLUDED] = {"excluded", true, NULL},
        [O_OPENER] = {"opener", true, NULL},
        [O_RESULT] = {"result", true, NULL},
        [O_GRADE] = {"grade", true, NULL},
        [O_TIER] = {"tier", true, NULL},
        [O_POST] = {"post", true, NULL},
        [O_LEADER] = {"leader", true, NULL},
        [O_HELP] = {"help", false, NULL},
    };
    memcpy(o, proto, sizeof(proto));
}

/* ---- small parsers ---- */

static enum tcxd_err int_opt(const char *s, long long lo, long long hi, long long dflt,
                             const char *field, int64_t *out, struct tcxd_error *e)
{
    if (!s) {
        *out = dflt;
        return TCXD_OK;
    }
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return tcxd_fail(e, TCXD_EINVAL, field,
                         "invalid %s '%s' (a whole number from %lld to %lld)", field, s, lo, hi);
    *out = v;
    return TCXD_OK;
}

static enum tcxd_err id_arg(const char *s, const char *field, int64_t *out, struct tcxd_error *e)
{
    if (s && *s == '#')
        s++;
    return int_opt(s ? s : "", 1, INT64_MAX, 0, field, out, e);
}

static enum tcxd_err need_date(const char *s, const char *field, tcxd_date *out,
                               struct tcxd_error *e)
{
    if (!s)
        return tcxd_fail(e, TCXD_EINVAL, field, "field %s is required", field);
    return cli_date(s, DATE_NONE, field, out, e);
}

/* An optional date: absent -> DATE_NONE. */
static enum tcxd_err opt_date(const char *s, const char *field, tcxd_date *out,
                              struct tcxd_error *e)
{
    if (!s) {
        *out = DATE_NONE;
        return TCXD_OK;
    }
    return cli_date(s, DATE_NONE, field, out, e);
}

/* yes / no (có / không, any case, with or without diacritics) */
static enum tcxd_err yes_no(const char *s, const char *field, bool *out, struct tcxd_error *e)
{
    static const struct core_name t[] = {{"no", "không"}, {"yes", "có"}};
    int i = core_name_find(s, strlen(s), t, CORE_NAMES_COUNT(t));
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, field, "invalid %s '%s' (yes or no)", field, s);
    *out = i == 1;
    return TCXD_OK;
}

static int created(struct cli *cli, int64_t id)
{
    if (cli->json)
        cli_print_json(json_pack("{s:I}", "id", (json_int_t)id));
    else
        printf("%s #%lld\n", MSG_T("recorded"), (long long)id);
    return 0;
}

static void add_date(struct buf *b, tcxd_date d)
{
    char s[DATE_ISO_LEN];
    date_format_vn(d, s);
    buf_adds(b, d == DATE_OPEN_END ? "" : s);
}

/* ---- cadres ---- */

static int cadre_add(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos > 1 || !o[O_ORG].value || !o[O_LEVEL].value)
        return cli_usage(cli, "cadre", "cadre add needs --org and --level (and NAME or --member)");
    struct cadre_req r = {.full_name = npos ? pos[0] : NULL,
                          .ethnicity = o[O_ETHNICITY].value,
                          .religion = o[O_RELIGION].value};
    struct org_info org;
    if (cli_org(cli, o[O_ORG].value, date_today(), &org, &e) ||
        cadre_mgmt_parse(o[O_LEVEL].value, &r.mgmt, &e) ||
        (o[O_MEMBER].value && cli_member_id(cli, o[O_MEMBER].value, &r.member_id, &e)) ||
        (o[O_PROF].value && cadre_prof_parse(o[O_PROF].value, &r.prof, &e)) ||
        (o[O_ACADEMIC].value && cadre_academic_parse(o[O_ACADEMIC].value, &r.academic, &e)) ||
        opt_date(o[O_BIRTH].value, "birth", &r.birth_date, &e) ||
        opt_date(o[O_WORK_START].value, "work_start", &r.work_start, &e))
        return cli_fail(cli, &e);
    if (o[O_GENDER].value) {
        if (gender_parse(o[O_GENDER].value, &r.gender, &e))
            return cli_fail(cli, &e);
        r.has_gender = true;
    }
    if (o[O_THEORY].value) {
        if (theory_level_parse(o[O_THEORY].value, &r.theory, &e))
            return cli_fail(cli, &e);
        r.has_theory = true;
    }
    r.org_id = org.id;
    int64_t id;
    if (store_cadre_add(cli->st, &cli->actor, &r, &id, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

static void list_cadre(void *ctx, const struct cadre_info *c)
{
    (void)ctx;
    printf("#%lld\t%s\t%s\n", (long long)c->id, c->full_name, cadre_mgmt_label(c->mgmt));
}

static void list_cadre_json(void *ctx, const struct cadre_info *c)
{
    json_array_append_new(ctx, cadre_json(c));
}

static int cadre_list(struct cli *cli, struct cli_opt *o)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    struct org_info org = {0};
    if (o[O_ORG].value && cli_org(cli, o[O_ORG].value, date_today(), &org, &e))
        return cli_fail(cli, &e);
    json_t *a = cli->json ? json_array() : NULL;
    enum tcxd_err rc = cli->json ? store_cadre_list(cli->st, org.id, list_cadre_json, a, &e)
                                 : store_cadre_list(cli->st, org.id, list_cadre, NULL, &e);
    if (rc) {
        json_decref(a);
        return cli_fail(cli, &e);
    }
    if (a)
        cli_print_json(a);
    return 0;
}

struct career {
    struct cli *cli;
    json_t *a;
};

static void career_row(void *ctx, const struct cadre_holding_info *h)
{
    struct career *c = ctx;
    if (c->a) {
        json_array_append_new(c->a, cadre_holding_json(h));
        return;
    }
    struct buf b = BUF_INIT;
    add_date(&b, h->h.from);
    buf_adds(&b, " - ");
    add_date(&b, h->h.to);
    printf("%s\t%s (#%lld)", b.ptr, h->position.name, (long long)h->position.id);
    if (h->h.term_end != DATE_NONE) {
        buf_reset(&b);
        add_date(&b, h->h.term_end);
        printf("\t%s %s", MSG_T("term ends"), b.ptr);
    }
    putchar('\n');
    buf_release(&b);
}

/* A training of the career: the dates, the programme (its split), the class or the institution,
   how the cadre left a class. */
static void training_row(void *ctx, const struct cadre_training_item *t)
{
    if (ctx) {
        json_array_append_new(ctx, cadre_training_json(t));
        return;
    }
    struct buf b = BUF_INIT;
    add_date(&b, t->from);
    buf_adds(&b, " - ");
    if (t->to != DATE_NONE)
        add_date(&b, t->to);
    printf("%s\t%s", b.ptr, training_programme_label(t->programme));
    if (t->mode != TMODE_NONE)
        printf(" (%s)", training_mode_label(t->mode));
    if (t->class_id)
        printf("\t%s (#%lld)\t%s%s%s", t->name, (long long)t->class_id,
               enrol_result_label(t->result), *t->grade ? ", " : "", t->grade);
    else if (*t->institution)
        printf("\t%s", t->institution);
    putchar('\n');
    buf_release(&b);
}

static int cadre_show(struct cli *cli, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    int64_t id;
    struct cadre_info c;
    if (npos != 1)
        return cli_usage(cli, "cadre", "cadre show needs CADRE");
    if (id_arg(pos[0], "cadre", &id, &e) || store_cadre_get(cli->st, id, &c, &e))
        return cli_fail(cli, &e);
    struct career k = {cli, cli->json ? json_array() : NULL};
    if (!cli->json)
        printf("#%lld %s — %s\n", (long long)c.id, c.full_name, cadre_mgmt_label(c.mgmt));
    if (store_cadre_holdings(cli->st, id, career_row, &k, &e)) {
        json_decref(k.a);
        return cli_fail(cli, &e);
    }
    json_t *tr = cli->json ? json_array() : NULL;
    if (store_training_of_cadre(cli->st, id, training_row, tr, &e)) {
        json_decref(k.a);
        json_decref(tr);
        return cli_fail(cli, &e);
    }
    if (k.a) {
        json_t *j = cadre_json(&c);
        json_object_set_new(j, "career", k.a);
        json_object_set_new(j, "training", tr);
        cli_print_json(j);
    }
    return 0;
}

static int cadre_retiring(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    int64_t id;
    tcxd_date d;
    if (npos != 1)
        return cli_usage(cli, "cadre", "cadre retiring needs CADRE");
    if (id_arg(pos[0], "cadre", &id, &e) || need_date(o[O_DATE].value, "date", &d, &e) ||
        store_cadre_retiring(cli->st, &cli->actor, id, d, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

/* ---- committees ---- */

static int cadre_term(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 2)
        return cli_usage(cli, "cadre", "cadre term needs ORG and LABEL");
    tcxd_date from, to;
    struct org_info org;
    int64_t id;
    enum cadre_tier tier;
    if (need_date(o[O_FROM].value, "from", &from, &e) || need_date(o[O_TO].value, "to", &to, &e) ||
        cli_org(cli, pos[0], from, &org, &e) ||
        (o[O_TIER].value && cadre_tier_parse(o[O_TIER].value, &tier, &e)) ||
        store_cadre_term_add(cli->st, &cli->actor, org.id, pos[1], from, to,
                             o[O_TIER].value ? &tier : NULL, &id, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

static int cadre_seat(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 2 || !o[O_ROLE].value)
        return cli_usage(cli, "cadre", "cadre seat needs ORG, CADRE and --role");
    struct committee_seat s = {.join = CJOIN_CONGRESS, .to = DATE_NONE};
    struct org_info org;
    struct cadre_term_info t;
    int64_t id;
    if (need_date(o[O_FROM].value, "from", &s.from, &e) ||
        opt_date(o[O_TO].value, "to", &s.to, &e) ||
        committee_role_parse(o[O_ROLE].value, &s.role, &e) ||
        (o[O_JOIN].value && committee_join_parse(o[O_JOIN].value, &s.join, &e)) ||
        cli_org(cli, pos[0], s.from, &org, &e) || id_arg(pos[1], "cadre", &s.cadre_id, &e) ||
        store_cadre_term_on(cli->st, org.id, s.from, &t, &e) ||
        store_cadre_seat_add(cli->st, &cli->actor, t.id, &s, o[O_DECISION].value, &id, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

static int cadre_seat_end(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1 || !o[O_REASON].value)
        return cli_usage(cli, "cadre", "cadre seat-end needs SEAT, --date and --reason");
    int64_t id;
    tcxd_date d;
    enum committee_leave r;
    if (id_arg(pos[0], "seat", &id, &e) || need_date(o[O_DATE].value, "date", &d, &e) ||
        committee_leave_parse(o[O_REASON].value, &r, &e) ||
        store_cadre_seat_end(cli->st, &cli->actor, id, d, r, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

struct committee_out {
    json_t *a;
    struct committee_count count;
};

static void committee_row(void *ctx, const struct cadre_seat_info *s)
{
    struct committee_out *c = ctx;
    c->count.by_role[s->seat.role]++;
    if (c->a) {
        json_array_append_new(c->a, cadre_seat_json(s));
        return;
    }
    struct buf b = BUF_INIT;
    add_date(&b, s->seat.from);
    printf("%s\t%s (#%lld)\t%s %s%s%s\n", committee_role_label(s->seat.role), s->full_name,
           (long long)s->seat.cadre_id, MSG_T("from"), b.ptr,
           committee_join_is_addition(s->seat.join) ? ", " : "",
           committee_join_is_addition(s->seat.join) ? committee_join_label(s->seat.join) : "");
    buf_release(&b);
}

static int cadre_committee(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "cadre", "cadre committee needs ORG");
    tcxd_date on;
    struct org_info org;
    struct cadre_term_info t;
    if (cli_date(o[O_ASOF].value, date_today(), "as_of", &on, &e) ||
        cli_org(cli, pos[0], on, &org, &e))
        return cli_fail(cli, &e);
    struct committee_out c = {cli->json ? json_array() : NULL, {{0}}};
    if (!cli->json) {
        char d[DATE_ISO_LEN];
        date_format_vn(on, d);
        printf("%s — %s\n", org.name, d);
    }
    if (store_cadre_committee(cli->st, org.id, on, &t, committee_row, &c, &e)) {
        json_decref(c.a);
        return cli_fail(cli, &e);
    }
    if (c.a) {
        json_t *j = cadre_committee_json(&t, on, &c.count, c.a);
        json_object_set_new(j, "org_id", json_integer((json_int_t)org.id));
        cli_print_json(j);
    }
    return 0;
}

/* ---- positions and appointments ---- */

static int cadre_position(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 2 || !o[O_TITLE].value || !o[O_LEVEL].value)
        return cli_usage(cli, "cadre", "cadre position needs ORG, NAME, --title and --level");
    struct cadre_position_info p = {0};
    struct org_info org;
    int64_t id;
    p.sector = PSEC_PARTY;
    if (cli_org(cli, pos[0], date_today(), &org, &e) ||
        position_title_parse(o[O_TITLE].value, &p.title, &e) ||
        cadre_mgmt_parse(o[O_LEVEL].value, &p.level, &e) ||
        (o[O_SECTOR].value && position_sector_parse(o[O_SECTOR].value, &p.sector, &e)) ||
        (o[O_POST].value && cadre_post_parse(o[O_POST].value, &p.post, &e)) ||
        (o[O_TIER].value && cadre_tier_parse(o[O_TIER].value, &p.tier, &e)) ||
        (o[O_LEADER].value && yes_no(o[O_LEADER].value, "leader", &p.leader, &e)))
        return cli_fail(cli, &e);
    p.post_set = o[O_POST].value != NULL;
    p.tier_set = o[O_TIER].value != NULL;
    p.leader_set = o[O_LEADER].value != NULL;
    p.org_id = org.id;
    snprintf(p.name, sizeof(p.name), "%s", pos[1]);
    if (store_cadre_position_add(cli->st, &cli->actor, &p, &id, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

static int cadre_appoint(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 2 || !o[O_KIND].value)
        return cli_usage(cli, "cadre", "cadre appoint needs CADRE, POSITION, --kind and --date");
    struct cadre_appoint_req r = {.decision_no = o[O_DECISION].value,
                                  .outside = o[O_OUTSIDE].value != NULL,
                                  .higher_post = o[O_HIGHER].value != NULL};
    int64_t id;
    if (id_arg(pos[0], "cadre", &r.cadre_id, &e) ||
        id_arg(pos[1], "position", &r.position_id, &e) ||
        appoint_kind_parse(o[O_KIND].value, &r.kind, &e) ||
        need_date(o[O_DATE].value, "date", &r.date, &e) ||
        opt_date(o[O_TERM_END].value, "term_end", &r.term_end, &e) ||
        store_cadre_appoint(cli->st, &cli->actor, &r, &id, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

static int cadre_relieve(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 2)
        return cli_usage(cli, "cadre", "cadre relieve needs CADRE, POSITION and --date");
    int64_t c, p;
    tcxd_date d;
    if (id_arg(pos[0], "cadre", &c, &e) || id_arg(pos[1], "position", &p, &e) ||
        need_date(o[O_DATE].value, "date", &d, &e) ||
        store_cadre_holding_end(cli->st, &cli->actor, c, p, d, &e))
        return cli_fail(cli, &e);
    return created(cli, c);
}

/* ---- planning ---- */

static int cadre_plan(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 3)
        return cli_usage(cli, "cadre", "cadre plan needs TERM, POSITION, CADRE and --date");
    int64_t p, c, id;
    tcxd_date d;
    if (id_arg(pos[1], "position", &p, &e) || id_arg(pos[2], "cadre", &c, &e) ||
        need_date(o[O_DATE].value, "date", &d, &e) ||
        store_cadre_plan_add(cli->st, &cli->actor, pos[0], p, c, d, &id, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

static int cadre_unplan(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1 || !o[O_REASON].value)
        return cli_usage(cli, "cadre", "cadre unplan needs ENTRY, --date and --reason");
    int64_t id;
    tcxd_date d;
    enum plan_removal r;
    if (id_arg(pos[0], "entry", &id, &e) || need_date(o[O_DATE].value, "date", &d, &e) ||
        plan_removal_parse(o[O_REASON].value, &r, &e) ||
        store_cadre_plan_remove(cli->st, &cli->actor, id, d, r, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

static void plan_row(void *ctx, const struct cadre_plan_info *p)
{
    json_t *a = ctx;
    if (a) {
        json_array_append_new(a, cadre_plan_json(p));
        return;
    }
    printf("#%lld\t%s #%lld\t%s (#%lld)\n", (long long)p->id, MSG_T("position"),
           (long long)p->entry.position_id, p->full_name, (long long)p->entry.cadre_id);
}

static int cadre_planning(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "cadre", "cadre planning needs TERM");
    int64_t position = 0;
    tcxd_date on;
    struct plan_shares sh;
    if ((o[O_POSITION].value && id_arg(o[O_POSITION].value, "position", &position, &e)) ||
        cli_date(o[O_ASOF].value, date_today(), "as_of", &on, &e))
        return cli_fail(cli, &e);
    json_t *a = cli->json ? json_array() : NULL;
    if (store_cadre_plan_list(cli->st, pos[0], position, on, plan_row, a, &sh, &e)) {
        json_decref(a);
        return cli_fail(cli, &e);
    }
    if (a) {
        cli_print_json(cadre_planning_json(pos[0], on, &sh, a));
        return 0;
    }
    struct buf b = BUF_INIT;
    buf_addf(&b, "%s: %lld; %s ", MSG_T("planned"), (long long)sh.planned, MSG_T("women"));
    cadre_share_text(sh.women, sh.planned, &b);
    buf_addf(&b, "; %s ", MSG_T("40 and under"));
    cadre_share_text(sh.young, sh.planned, &b);
    puts(b.ptr);
    buf_release(&b);
    return 0;
}

/* ---- the due list ---- */

static void due_row(void *ctx, const struct cadre_due_info *d)
{
    json_t *a = ctx;
    if (a) {
        json_array_append_new(a, cadre_due_json(d));
        return;
    }
    struct buf b = BUF_INIT;
    add_date(&b, d->holding.h.term_end);
    buf_adds(&b, "\t");
    add_date(&b, d->notice_by);
    printf("%s\t%s\t%s\t%s\n", b.ptr, d->holding.full_name, d->holding.position.name,
           reappoint_state_label(d->state));
    buf_release(&b);
}

static int cadre_due(struct cli *cli, struct cli_opt *o)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    tcxd_date on;
    int64_t days, soon;
    struct org_info org = {0};
    if (cli_date(o[O_ASOF].value, date_today(), "as_of", &on, &e) ||
        int_opt(o[O_DAYS].value, 0, 3650, 365, "days", &days, &e) ||
        int_opt(o[O_SOON].value, 0, 3650, 30, "soon", &soon, &e) ||
        (o[O_ORG].value && cli_org(cli, o[O_ORG].value, on, &org, &e)))
        return cli_fail(cli, &e);
    json_t *a = cli->json ? json_array() : NULL;
    if (store_cadre_due(cli->st, org.id, on, (int)days, (int)soon, due_row, a, &e)) {
        json_decref(a);
        return cli_fail(cli, &e);
    }
    if (a)
        cli_print_json(a);
    return 0;
}

static int cadre_concurrent(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1 || !o[O_TITLE].value)
        return cli_usage(cli, "cadre", "cadre concurrent needs ORG and --title");
    tcxd_date on;
    struct org_info org;
    enum position_title t;
    int64_t num, den;
    if (cli_date(o[O_ASOF].value, date_today(), "as_of", &on, &e) ||
        cli_org(cli, pos[0], on, &org, &e) || position_title_parse(o[O_TITLE].value, &t, &e) ||
        store_cadre_concurrent(cli->st, org.id, on, t, &num, &den, &e))
        return cli_fail(cli, &e);
    if (cli->json) {
        cli_print_json(cadre_concurrent_json(t, on, num, den));
        return 0;
    }
    struct buf b = BUF_INIT;
    cadre_share_text(num, den, &b);
    printf("%s %s: %s\n", MSG_T("secretary also"), position_title_label(t), b.ptr);
    buf_release(&b);
    return 0;
}

/* ---- rotation, training ---- */

static int cadre_move(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1 || !o[O_KIND].value || !o[O_TO].value)
        return cli_usage(cli, "cadre", "cadre move needs CADRE, --kind, --to and --date");
    struct cadre_move_req r = {.from_text = o[O_FROM].value, .decision_no = o[O_DECISION].value};
    r.move.direction = MDIR_NONE;
    struct org_info org;
    int64_t id;
    if (id_arg(pos[0], "cadre", &r.cadre_id, &e) ||
        move_kind_parse(o[O_KIND].value, &r.move.kind, &e) ||
        (o[O_DIRECTION].value &&
         move_direction_parse(o[O_DIRECTION].value, &r.move.direction, &e)) ||
        need_date(o[O_DATE].value, "date", &r.move.date, &e) ||
        opt_date(o[O_UNTIL].value, "until", &r.move.until, &e) ||
        cli_org(cli, o[O_TO].value, r.move.date, &org, &e))
        return cli_fail(cli, &e);
    r.to_org_id = org.id;
    if (store_cadre_move_add(cli->st, &cli->actor, &r, &id, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

static int cadre_train(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1 || !o[O_PROGRAMME].value)
        return cli_usage(cli, "cadre", "cadre train needs CADRE, --programme and --from");
    int64_t c, id;
    enum training_programme p;
    enum training_mode m = TMODE_NONE;
    tcxd_date from, to;
    if (id_arg(pos[0], "cadre", &c, &e) || training_programme_parse(o[O_PROGRAMME].value, &p, &e) ||
        (o[O_MODE].value && training_mode_parse(o[O_MODE].value, &m, &e)) ||
        need_date(o[O_FROM].value, "from", &from, &e) || opt_date(o[O_TO].value, "to", &to, &e) ||
        store_cadre_training_add(cli->st, &cli->actor, c, p, m, from, to, o[O_INSTITUTION].value,
                                 &id, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

/* ---- training classes ---- */

static int cadre_class(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 2 || !o[O_PROGRAMME].value || !o[O_OPENER].value)
        return cli_usage(cli, "cadre",
                         "cadre class needs ORG, NAME, --programme, --opener, --from and --to");
    struct training_class_req r = {
        .name = pos[1], .decision_no = o[O_DECISION].value, .institution = o[O_INSTITUTION].value};
    r.c.mode = TMODE_NONE;
    struct org_info org;
    int64_t id;
    if (training_programme_parse(o[O_PROGRAMME].value, &r.c.programme, &e) ||
        (o[O_MODE].value && training_mode_parse(o[O_MODE].value, &r.c.mode, &e)) ||
        class_opener_parse(o[O_OPENER].value, &r.c.opener, &e) ||
        need_date(o[O_FROM].value, "from", &r.c.from, &e) ||
        need_date(o[O_TO].value, "to", &r.c.to, &e) || cli_org(cli, pos[0], r.c.from, &org, &e))
        return cli_fail(cli, &e);
    r.org_id = org.id;
    if (store_training_class_add(cli->st, &cli->actor, &r, &id, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

static void class_line(const struct training_class_info *k)
{
    struct buf b = BUF_INIT;
    add_date(&b, k->c.from);
    buf_adds(&b, " - ");
    add_date(&b, k->c.to);
    printf("#%lld\t%s\t%s\t%s\t%s\t%lld/%lld\n", (long long)k->id, b.ptr, k->name,
           training_programme_label(k->c.programme), class_opener_label(k->c.opener),
           (long long)k->completed, (long long)k->enrolled);
    buf_release(&b);
}

static void list_class(void *ctx, const struct training_class_info *k)
{
    if (ctx)
        json_array_append_new(ctx, training_class_json(k));
    else
        class_line(k);
}

static int cadre_classes(struct cli *cli, struct cli_opt *o)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    struct org_info org = {0};
    int64_t year;
    if ((o[O_ORG].value && cli_org(cli, o[O_ORG].value, date_today(), &org, &e)) ||
        int_opt(o[O_YEAR].value, 1900, 9999, 0, "year", &year, &e))
        return cli_fail(cli, &e);
    json_t *a = cli->json ? json_array() : NULL;
    if (store_training_class_list(cli->st, org.id, (int)year, list_class, a, &e)) {
        json_decref(a);
        return cli_fail(cli, &e);
    }
    if (a)
        cli_print_json(json_pack("{s:o}", "classes", a));
    return 0;
}

static void enrol_row(void *ctx, const struct training_enrol_info *n)
{
    if (ctx) {
        json_array_append_new(ctx, training_enrol_json(n));
        return;
    }
    struct buf b = BUF_INIT;
    add_date(&b, n->enrolled_on);
    printf("#%lld\t%s (#%lld)\t%s\t%s%s%s\n", (long long)n->id, n->full_name,
           (long long)n->cadre_id, b.ptr, enrol_result_label(n->result), *n->grade ? ", " : "",
           n->grade);
    buf_release(&b);
}

static int cadre_class_show(struct cli *cli, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "cadre", "cadre class-show needs CLASS");
    int64_t id;
    struct training_class_info k;
    if (id_arg(pos[0], "class", &id, &e) || store_training_class_get(cli->st, id, &k, &e))
        return cli_fail(cli, &e);
    json_t *a = cli->json ? json_array() : NULL;
    if (!a)
        class_line(&k);
    if (store_training_enrolments(cli->st, id, enrol_row, a, &e)) {
        json_decref(a);
        return cli_fail(cli, &e);
    }
    if (a) {
        json_t *j = training_class_json(&k);
        json_object_set_new(j, "enrolments", a);
        cli_print_json(j);
    }
    return 0;
}

static int cadre_enrol(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 2)
        return cli_usage(cli, "cadre", "cadre enrol needs CLASS and CADRE");
    int64_t k, c, id;
    tcxd_date on;
    if (id_arg(pos[0], "class", &k, &e) || id_arg(pos[1], "cadre", &c, &e) ||
        opt_date(o[O_DATE].value, "date", &on, &e) ||
        store_training_enrol(cli->st, &cli->actor, k, c, on, &id, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

static int cadre_enrol_result(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1 || !o[O_RESULT].value)
        return cli_usage(cli, "cadre", "cadre enrol-result needs ENROLMENT and --result");
    int64_t id;
    enum enrol_result r;
    if (id_arg(pos[0], "enrolment", &id, &e) || enrol_result_parse(o[O_RESULT].value, &r, &e) ||
        store_training_result(cli->st, &cli->actor, id, r, o[O_GRADE].value, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

/* ---- votes ---- */

static int cadre_vote_session(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "cadre", "cadre vote-session needs ORG and the figures");
    struct cadre_vote_session_info r = {0};
    struct org_info org;
    int64_t year, id;
    if (need_date(o[O_DATE].value, "date", &r.held_on, &e) ||
        cli_org(cli, pos[0], r.held_on, &org, &e) ||
        int_opt(o[O_CONVENED].value, 0, 1000000, -1, "convened", &r.s.convened, &e) ||
        int_opt(o[O_PRESENT].value, 0, 1000000, -1, "present", &r.s.present, &e) ||
        int_opt(o[O_ISSUED].value, 0, 1000000, -1, "issued", &r.s.issued, &e) ||
        int_opt(o[O_RETURNED].value, 0, 1000000, -1, "returned", &r.s.returned, &e) ||
        int_opt(o[O_YEAR].value, 1900, 9999, 0, "year", &year, &e))
        return cli_fail(cli, &e);
    if (r.s.convened < 0 || r.s.present < 0 || r.s.issued < 0 || r.s.returned < 0)
        return cli_usage(cli, "cadre",
                         "cadre vote-session needs --convened, --present, --issued and --returned");
    r.org_id = org.id;
    r.year = (int)year;
    if (store_cadre_vote_session_add(cli->st, &cli->actor, &r, &id, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

static int cadre_vote(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 3)
        return cli_usage(cli, "cadre", "cadre vote needs SESSION, CADRE and POSITION");
    int64_t s, c, p;
    struct vote_tally t = {0};
    enum vote_outcome out;
    if (id_arg(pos[0], "session", &s, &e) || id_arg(pos[1], "cadre", &c, &e) ||
        id_arg(pos[2], "position", &p, &e) ||
        int_opt(o[O_HIGH].value, 0, 1000000, 0, "high", &t.high, &e) ||
        int_opt(o[O_MEDIUM].value, 0, 1000000, 0, "medium", &t.medium, &e) ||
        int_opt(o[O_LOW].value, 0, 1000000, 0, "low", &t.low, &e) ||
        (o[O_EXCLUDED].value && vote_exclusion_parse(o[O_EXCLUDED].value, &t.excluded, &e)) ||
        store_cadre_vote_add(cli->st, &cli->actor, s, c, p, &t, &out, &e))
        return cli_fail(cli, &e);
    if (cli->json)
        cli_print_json(cadre_vote_outcome_json(out));
    else
        printf("%s. %s\n", vote_outcome_label(out), vote_outcome_consequence(out));
    return 0;
}

struct votes_out {
    json_t *a;
    int64_t returned;
};

static void vote_row(void *ctx, const struct cadre_vote_info *v)
{
    struct votes_out *x = ctx;
    if (x->a) {
        json_array_append_new(x->a, cadre_vote_json(v, x->returned));
        return;
    }
    struct buf b = BUF_INIT;
    buf_addf(&b, "%s — %s: ", v->full_name, v->position);
    if (v->t.excluded != VEX_NONE) {
        buf_adds(&b, vote_exclusion_label(v->t.excluded));
    } else {
        buf_addf(&b, "%s ", MSG_T("high"));
        vote_share_text(v->t.high, x->returned, &b);
        buf_addf(&b, ", %s ", MSG_T("confidence"));
        vote_share_text(v->t.medium, x->returned, &b);
        buf_addf(&b, ", %s ", MSG_T("low"));
        vote_share_text(v->t.low, x->returned, &b);
        buf_addf(&b, " — %s", vote_outcome_label(v->outcome));
    }
    puts(b.ptr);
    buf_release(&b);
}

static int cadre_votes(struct cli *cli, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "cadre", "cadre votes needs SESSION");
    int64_t s;
    struct cadre_vote_session_info vs;
    if (id_arg(pos[0], "session", &s, &e) || store_cadre_vote_session_get(cli->st, s, &vs, &e))
        return cli_fail(cli, &e);
    struct votes_out x = {cli->json ? json_array() : NULL, vs.s.returned};
    if (!cli->json)
        printf("%s %lld/%lld; %s %lld, %s %lld; %s\n", MSG_T("present"), (long long)vs.s.present,
               (long long)vs.s.convened, MSG_T("issued"), (long long)vs.s.issued, MSG_T("returned"),
               (long long)vs.s.returned,
               vote_quorum(&vs.s) ? MSG_T("quorum reached") : MSG_T("no quorum"));
    if (store_cadre_vote_results(cli->st, s, vote_row, &x, &e)) {
        json_decref(x.a);
        return cli_fail(cli, &e);
    }
    if (x.a) {
        json_t *j = cadre_vote_session_json(&vs);
        json_object_set_new(j, "votes", x.a);
        cli_print_json(j);
    }
    return 0;
}

static int cadre_leave_support(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "cadre", "cadre leave-support needs CADRE and --date");
    int64_t id;
    tcxd_date d;
    struct cadre_info c;
    if (id_arg(pos[0], "cadre", &id, &e) || need_date(o[O_DATE].value, "date", &d, &e) ||
        store_cadre_get(cli->st, id, &c, &e))
        return cli_fail(cli, &e);
    if (c.work_start == DATE_NONE) {
        tcxd_fail(&e, TCXD_EINVAL, "work_start", "the cadre has no start of work recorded");
        return cli_fail(cli, &e);
    }
    int months = cadre_service_months(c.work_start, d);
    if (cli->json) {
        cli_print_json(cadre_leave_support_json(c.id, months));
        return 0;
    }
    int64_t amount = leave_support(&leave_policy_seed002, months);
    struct buf b = BUF_INIT;
    vnfmt_int(&b, amount);
    printf("%s: %d %s, %s %s\n", c.full_name, months, MSG_T("months of work"), b.ptr, "đồng");
    buf_release(&b);
    return 0;
}

static int cadre_report(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "cadre", "cadre report needs ORG, --from and --to");
    tcxd_date from, to;
    struct org_info org;
    struct cadre_work_counts c;
    if (need_date(o[O_FROM].value, "from", &from, &e) || need_date(o[O_TO].value, "to", &to, &e) ||
        cli_org(cli, pos[0], to, &org, &e) ||
        store_cadre_work_counts(cli->st, org.id, from, to, &c, &e))
        return cli_fail(cli, &e);
    if (cli->json) {
        cli_print_json(cadre_work_json(&c));
        return 0;
    }
    struct buf b = BUF_INIT;
    cadre_work_sentence(&c, &b);
    puts(b.ptr);
    buf_release(&b);
    return 0;
}

int cmd_cadre(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[O__MAX];
    opts_init(o);
    const char *pos[4];
    size_t npos;
    static char help_vi[sizeof(cadre_help_vi) + sizeof(cadre_help_vi_notes) +
                        sizeof(cadre_help_vi_forms)];
    if (!*help_vi)
        snprintf(help_vi, sizeof(help_vi), "%s%s%s", cadre_help_vi, cadre_help_vi_notes,
                 cadre_help_vi_forms);
    int rc = cli_verb_begin(cli, "cadre", cli_help(cadre_help, help_vi), argc, argv, o, O__MAX, pos,
                            4, &npos);
    if (rc >= 0)
        return rc;
    const char *v = argv[1];
    if (!strcmp(v, "add"))
        return cadre_add(cli, o, pos, npos);
    if (!strcmp(v, "list"))
        return cadre_list(cli, o);
    if (!strcmp(v, "show"))
        return cadre_show(cli, pos, npos);
    if (!strcmp(v, "retiring"))
        return cadre_retiring(cli, o, pos, npos);
    if (!strcmp(v, "term"))
        return cadre_term(cli, o, pos, npos);
    if (!strcmp(v, "seat"))
        return cadre_seat(cli, o, pos, npos);
    if (!strcmp(v, "seat-end"))
        return cadre_seat_end(cli, o, pos, npos);
    if (!strcmp(v, "committee"))
        return cadre_committee(cli, o, pos, npos);
    if (!strcmp(v, "position"))
        return cadre_position(cli, o, pos, npos);
    if (!strcmp(v, "appoint"))
        return cadre_appoint(cli, o, pos, npos);
    if (!strcmp(v, "relieve"))
        return cadre_relieve(cli, o, pos, npos);
    if (!strcmp(v, "plan"))
        return cadre_plan(cli, o, pos, npos);
    if (!strcmp(v, "unplan"))
        return cadre_unplan(cli, o, pos, npos);
    if (!strcmp(v, "planning"))
        return cadre_planning(cli, o, pos, npos);
    if (!strcmp(v, "due"))
        return cadre_due(cli, o);
    if (!strcmp(v, "concurrent"))
        return cadre_concurrent(cli, o, pos, npos);
    if (!strcmp(v, "move"))
        return cadre_move(cli, o, pos, npos);
    if (!strcmp(v, "train"))
        return cadre_train(cli, o, pos, npos);
    if (!strcmp(v, "class"))
        return cadre_class(cli, o, pos, npos);
    if (!strcmp(v, "classes"))
        return cadre_classes(cli, o);
    if (!strcmp(v, "class-show"))
        return cadre_class_show(cli, pos, npos);
    if (!strcmp(v, "enrol"))
        return cadre_enrol(cli, o, pos, npos);
    if (!strcmp(v, "enrol-result"))
        return cadre_enrol_result(cli, o, pos, npos);
    if (!strcmp(v, "vote-session"))
        return cadre_vote_session(cli, o, pos, npos);
    if (!strcmp(v, "vote"))
        return cadre_vote(cli, o, pos, npos);
    if (!strcmp(v, "votes"))
        return cadre_votes(cli, pos, npos);
    if (!strcmp(v, "leave-support"))
        return cadre_leave_support(cli, o, pos, npos);
    if (!strcmp(v, "report"))
        return cadre_report(cli, o, pos, npos);
    return cli_usage(cli, "cadre", "unknown cadre command '%s'", v);
}
