/*
 * cmd_staff.c - `tcxd staff ...`: the staffing roll (biên chế) of the Party, Fatherland Front and
 * mass-organization bodies at province and district level: bodies, people, their dated events
 * (join, move, grade, leave) and the roll on a day. The rules are core/staff.h; the records
 * store/store_staff.h; forms 8A and 8B-BTCTW count them (tcxd form show 8a|8b).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store_staff.h"
#include "util/msg.h"

static const char staff_help[] =
    "usage:\n"
    "  tcxd staff body ORG [NAME] --kind dang|su_nghiep|doan_the --level tinh|huyen\n"
    "  tcxd staff bodies [--org ORG]\n"
    "  tcxd staff add [NAME] --org ORG [--cadre ID] [--member ID] [--gender nam|nu]\n"
    "           [--birth DATE] [--ethnicity T] [--prof P] [--academic A] [--theory T] [--party]\n"
    "  tcxd staff join PERSON --body BODY --date DATE --kind KIND [--category C] [--grade G]\n"
    "           [--talent] [--experience YEARS] [--decision NO]\n"
    "  tcxd staff move PERSON --body BODY --date DATE [--decision NO]\n"
    "  tcxd staff grade PERSON --grade G --date DATE [--decision NO]\n"
    "  tcxd staff leave PERSON --kind KIND --date DATE [--decision NO]\n"
    "  tcxd staff show PERSON                     the person's events and stints on the roll\n"
    "  tcxd staff list [--org ORG] [--as-of DATE] the roll on the day\n"
    "ORG is the managing organization (a body's: the organization it is or belongs to). PERSON\n"
    "and BODY are ids (#12 or 12). KIND (join): cc_exam, cc_intake (công chức: thi tuyển, tiếp\n"
    "nhận), vc_exam, vc_intake (viên chức), contract, other; (leave): retire, transfer, resign,\n"
    "dismiss, off_budget, downsize, other. --category: cbcc, vien_chuc, hd68, hd_khac (implied by\n"
    "cc_* and vc_*). --grade: cvcc, cvc, cv, can_su, nhan_vien (công chức), hang_1 .. hang_5\n"
    "(viên chức). --talent (thủ khoa, nhà khoa học) and --experience only on an intake. --cadre:\n"
    "the person is that cadre (the cadre's attributes). Forms 8A and 8B-BTCTW count the roll.\n";
static const char staff_help_vi[] =
    "cách dùng:\n"
    "  tcxd staff body TỔ_CHỨC [TÊN] --kind dang|su_nghiep|doan_the --level tinh|huyen\n"
    "  tcxd staff bodies [--org TỔ_CHỨC]\n"
    "  tcxd staff add [HỌ_TÊN] --org TỔ_CHỨC [--cadre SỐ] [--member SỐ] [--gender nam|nu]\n"
    "           [--birth NGÀY] [--ethnicity DÂN_TỘC] [--prof CHUYÊN_MÔN] [--academic HỌC_HÀM]\n"
    "           [--theory LÝ_LUẬN] [--party]\n"
    "  tcxd staff join NGƯỜI --body CƠ_QUAN --date NGÀY --kind LOẠI [--category LOẠI_BIÊN_CHẾ]\n"
    "           [--grade NGẠCH] [--talent] [--experience SỐ_NĂM] [--decision SỐ]\n"
    "  tcxd staff move NGƯỜI --body CƠ_QUAN --date NGÀY [--decision SỐ]\n"
    "  tcxd staff grade NGƯỜI --grade NGẠCH --date NGÀY [--decision SỐ]\n"
    "  tcxd staff leave NGƯỜI --kind LOẠI --date NGÀY [--decision SỐ]\n"
    "  tcxd staff show NGƯỜI                      các sự kiện và thời gian trong biên chế\n"
    "  tcxd staff list [--org TỔ_CHỨC] [--as-of NGÀY] danh sách người hưởng lương trong ngày\n"
    "TỔ_CHỨC là tổ chức quản lý (của cơ quan: tổ chức đảng là chính cơ quan đó hoặc cơ quan trực\n"
    "thuộc). NGƯỜI và CƠ_QUAN là mã số (#12 hoặc 12). LOẠI ('join'): cc_exam, cc_intake (thi\n"
    "tuyển, tiếp nhận công chức), vc_exam, vc_intake (viên chức), contract (hợp đồng), other "
    "(tăng\n"
    "khác); ('leave'): retire (nghỉ hưu đúng tuổi), transfer (chuyển đi), resign (cho thôi việc),\n"
    "dismiss (buộc thôi việc), off_budget (chuyển không hưởng lương ngân sách), downsize (tinh\n"
    "giản biên chế), other (giảm khác). --category: cbcc (cán bộ, công chức), vien_chuc, hd68\n"
    "(hợp đồng 68), hd_khac (hợp đồng khác). --grade: cvcc, cvc, cv, can_su, nhan_vien (ngạch "
    "công\n"
    "chức), hang_1 .. hang_5 (hạng viên chức). --talent (thủ khoa, nhà khoa học) và --experience\n"
    "(số năm kinh nghiệm) chỉ khi tiếp nhận. --cadre: người đó là cán bộ đã có (thông tin của cán\n"
    "bộ). --party: là đảng viên. Biểu 8A và 8B-BTCTW đếm theo danh sách này.\n";

enum {
    O_ORG,
    O_KIND,
    O_LEVEL,
    O_CADRE,
    O_MEMBER,
    O_GENDER,
    O_BIRTH,
    O_ETHNICITY,
    O_PROF,
    O_ACADEMIC,
    O_THEORY,
    O_PARTY,
    O_BODY,
    O_DATE,
    O_CATEGORY,
    O_GRADE,
    O_TALENT,
    O_EXPERIENCE,
    O_DECISION,
    O_ASOF,
    O_HELP,
    O__MAX
};

static void opts_init(struct cli_opt *o)
{
    static const struct cli_opt proto[O__MAX] = {
        [O_ORG] = {"org", true, NULL},           [O_KIND] = {"kind", true, NULL},
        [O_LEVEL] = {"level", true, NULL},       [O_CADRE] = {"cadre", true, NULL},
        [O_MEMBER] = {"member", true, NULL},     [O_GENDER] = {"gender", true, NULL},
        [O_BIRTH] = {"birth", true, NULL},       [O_ETHNICITY] = {"ethnicity", true, NULL},
        [O_PROF] = {"prof", true, NULL},         [O_ACADEMIC] = {"academic", true, NULL},
        [O_THEORY] = {"theory", true, NULL},     [O_PARTY] = {"party", false, NULL},
        [O_BODY] = {"body", true, NULL},         [O_DATE] = {"date", true, NULL},
        [O_CATEGORY] = {"category", true, NULL}, [O_GRADE] = {"grade", true, NULL},
        [O_TALENT] = {"talent", false, NULL},    [O_EXPERIENCE] = {"experience", true, NULL},
        [O_DECISION] = {"decision", true, NULL}, [O_ASOF] = {"as-of", true, NULL},
        [O_HELP] = {"help", false, NULL},
    };
    memcpy(o, proto, sizeof(proto));
}

static enum tcxd_err id_arg(const char *s, const char *field, int64_t *out, struct tcxd_error *e)
{
    if (s && *s == '#')
        s++;
    char *end;
    long long v = s && *s ? strtoll(s, &end, 10) : 0;
    if (!s || !*s || *end || v < 1)
        return tcxd_fail(e, TCXD_EINVAL, field,
                         "invalid %s '%s' (a whole number from %lld to %lld)", field, s ? s : "",
                         1LL, (long long)INT64_MAX);
    *out = v;
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

static int body_add(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos < 1 || npos > 2 || !o[O_KIND].value || !o[O_LEVEL].value)
        return cli_usage(cli, "staff", "staff body needs ORG, --kind and --level");
    struct staff_body_info b = {0};
    struct org_info org;
    if (cli_org(cli, pos[0], date_today(), &org, &e) ||
        staff_body_kind_parse(o[O_KIND].value, &b.kind, &e) ||
        staff_level_parse(o[O_LEVEL].value, &b.level, &e))
        return cli_fail(cli, &e);
    b.org_id = org.id;
    if (npos == 2)
        snprintf(b.name, sizeof(b.name), "%s", pos[1]);
    int64_t id;
    if (store_staff_body_add(cli->st, &cli->actor, &b, &id, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

static void body_row(void *ctx, const struct staff_body_info *b)
{
    if (ctx) {
        json_array_append_new(ctx, staff_body_json(b));
        return;
    }
    printf("#%lld\t%s\t%s\t%s\n", (long long)b->id, b->name, staff_body_kind_label(b->kind),
           staff_level_label(b->level));
}

static int body_list(struct cli *cli, struct cli_opt *o)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    struct org_info org = {0};
    if (o[O_ORG].value && cli_org(cli, o[O_ORG].value, date_today(), &org, &e))
        return cli_fail(cli, &e);
    json_t *a = cli->json ? json_array() : NULL;
    if (store_staff_body_list(cli->st, org.id, body_row, a, &e)) {
        json_decref(a);
        return cli_fail(cli, &e);
    }
    if (a)
        cli_print_json(a);
    return 0;
}

static int person_add(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos > 1 || !o[O_ORG].value)
        return cli_usage(cli, "staff", "staff add needs --org (and NAME, --member or --cadre)");
    struct staff_person_req r = {.full_name = npos ? pos[0] : NULL,
                                 .ethnicity = o[O_ETHNICITY].value,
                                 .birth_date = DATE_NONE,
                                 .party = o[O_PARTY].value != NULL};
    struct org_info org;
    if (cli_org(cli, o[O_ORG].value, date_today(), &org, &e) ||
        (o[O_CADRE].value && id_arg(o[O_CADRE].value, "cadre", &r.cadre_id, &e)) ||
        (o[O_MEMBER].value && cli_member_id(cli, o[O_MEMBER].value, &r.member_id, &e)) ||
        (o[O_PROF].value && cadre_prof_parse(o[O_PROF].value, &r.prof, &e)) ||
        (o[O_ACADEMIC].value && cadre_academic_parse(o[O_ACADEMIC].value, &r.academic, &e)) ||
        (o[O_BIRTH].value && cli_date(o[O_BIRTH].value, DATE_NONE, "birth", &r.birth_date, &e)))
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
    if (store_staff_person_add(cli->st, &cli->actor, &r, &id, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

/* PERSON --date DATE [--decision NO], then what the event's kind needs */
static int event_add(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos,
                     enum staff_ev_kind kind)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    bool body = kind == SEV_JOIN || kind == SEV_MOVE;
    if (npos != 1 || !o[O_DATE].value || (body && !o[O_BODY].value) ||
        ((kind == SEV_JOIN || kind == SEV_LEAVE) && !o[O_KIND].value) ||
        (kind == SEV_GRADE && !o[O_GRADE].value)) {
        switch (kind) {
        case SEV_JOIN:
            return cli_usage(cli, "staff", "staff join needs PERSON, --body, --date and --kind");
        case SEV_MOVE:
            return cli_usage(cli, "staff", "staff move needs PERSON, --body and --date");
        case SEV_GRADE:
            return cli_usage(cli, "staff", "staff grade needs PERSON, --grade and --date");
        default:
            return cli_usage(cli, "staff", "staff leave needs PERSON, --kind and --date");
        }
    }
    struct staff_event ev = {.kind = kind};
    int64_t person;
    if (id_arg(pos[0], "person", &person, &e) ||
        cli_date(o[O_DATE].value, DATE_NONE, "date", &ev.date, &e) ||
        (body && id_arg(o[O_BODY].value, "body", &ev.body_id, &e)) ||
        (o[O_GRADE].value && staff_grade_parse(o[O_GRADE].value, &ev.grade, &e)))
        return cli_fail(cli, &e);
    if (kind == SEV_LEAVE && staff_leave_parse(o[O_KIND].value, &ev.leave, &e))
        return cli_fail(cli, &e);
    if (kind == SEV_JOIN) {
        if (staff_join_parse(o[O_KIND].value, &ev.join, &e))
            return cli_fail(cli, &e);
        if (o[O_CATEGORY].value) {
            if (staff_category_parse(o[O_CATEGORY].value, &ev.category, &e))
                return cli_fail(cli, &e);
        } else if (ev.join == SJOIN_CC_EXAM || ev.join == SJOIN_CC_INTAKE) {
            ev.category = STAFF_CBCC;
        } else if (ev.join == SJOIN_VC_EXAM || ev.join == SJOIN_VC_INTAKE) {
            ev.category = STAFF_VIEN_CHUC;
        } else {
            tcxd_fail(&e, TCXD_EINVAL, "category", "field %s is required", "category");
            return cli_fail(cli, &e);
        }
        ev.talent = o[O_TALENT].value != NULL;
        if (o[O_EXPERIENCE].value) {
            char *end;
            long v = strtol(o[O_EXPERIENCE].value, &end, 10);
            if (!*o[O_EXPERIENCE].value || *end || v < 0 || v > 60) {
                tcxd_fail(&e, TCXD_EINVAL, "experience",
                          "invalid experience '%s' (a whole number of years from 0 to 60)",
                          o[O_EXPERIENCE].value);
                return cli_fail(cli, &e);
            }
            ev.experience = (int)v;
        }
    } else if (o[O_TALENT].value || o[O_EXPERIENCE].value || o[O_CATEGORY].value) {
        tcxd_fail(&e, TCXD_EINVAL, o[O_CATEGORY].value ? "category" : "talent",
                  "--category, --talent and --experience go with staff join");
        return cli_fail(cli, &e);
    }
    int64_t id;
    if (store_staff_event_add(cli->st, &cli->actor, person, &ev, o[O_DECISION].value, &id, &e))
        return cli_fail(cli, &e);
    return created(cli, id);
}

static void add_day(struct buf *b, tcxd_date d)
{
    char s[DATE_ISO_LEN];
    date_format_vn(d, s);
    buf_adds(b, d == DATE_OPEN_END || d == DATE_NONE ? "" : s);
}

static int person_show(struct cli *cli, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "staff", "staff show needs PERSON");
    int64_t id;
    struct staff_person_info p;
    struct staff_event *ev = NULL;
    size_t n = 0;
    struct staff_replay r;
    if (id_arg(pos[0], "person", &id, &e) || store_staff_person_get(cli->st, id, &p, &e) ||
        store_staff_events(cli->st, id, &ev, &n, &e))
        return cli_fail(cli, &e);
    if (staff_replay(ev, n, &r, &e)) {
        free(ev);
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        json_t *j = staff_person_json(&p), *a = json_array(), *b = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, staff_event_json(&ev[i]));
        for (size_t i = 0; i < r.n; i++)
            json_array_append_new(b, staff_stint_json(&r.v[i]));
        json_object_set_new(j, "events", a);
        json_object_set_new(j, "stints", b);
        cli_print_json(j);
    } else {
        printf("#%lld\t%s\n", (long long)p.id, p.full_name);
        for (size_t i = 0; i < r.n; i++) {
            struct buf b = BUF_INIT;
            add_day(&b, r.v[i].from);
            buf_adds(&b, " - ");
            add_day(&b, r.v[i].to);
            printf("  %s\t#%lld\t%s\t%s%s%s\n", b.ptr, (long long)r.v[i].body_id,
                   staff_category_label(r.v[i].category), staff_grade_label(r.v[i].grade),
                   r.v[i].end == SEV_LEAVE ? "\t" : "",
                   r.v[i].end == SEV_LEAVE ? staff_leave_label(r.v[i].leave) : "");
            buf_release(&b);
        }
    }
    staff_replay_release(&r);
    free(ev);
    return 0;
}

static void roll_row(void *ctx, const struct staff_person_info *p, const struct staff_stint *s)
{
    if (ctx) {
        json_t *j = staff_person_json(p);
        json_object_set_new(j, "stint", staff_stint_json(s));
        json_array_append_new(ctx, j);
        return;
    }
    printf("#%lld\t%s\t#%lld\t%s\t%s\n", (long long)p->id, p->full_name, (long long)s->body_id,
           staff_category_label(s->category), staff_grade_label(s->grade));
}

static int roll_list(struct cli *cli, struct cli_opt *o)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    tcxd_date on = date_today();
    struct org_info org = {0};
    if ((o[O_ASOF].value && cli_date(o[O_ASOF].value, DATE_NONE, "as_of", &on, &e)) ||
        (o[O_ORG].value && cli_org(cli, o[O_ORG].value, on, &org, &e)))
        return cli_fail(cli, &e);
    json_t *a = cli->json ? json_array() : NULL;
    if (store_staff_roll(cli->st, org.id, on, roll_row, a, &e)) {
        json_decref(a);
        return cli_fail(cli, &e);
    }
    if (a)
        cli_print_json(a);
    return 0;
}

int cmd_staff(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[O__MAX];
    opts_init(o);
    const char *pos[3];
    size_t npos;
    int rc = cli_verb_begin(cli, "staff", cli_help(staff_help, staff_help_vi), argc, argv, o,
                            O__MAX, pos, 3, &npos);
    if (rc >= 0)
        return rc;
    const char *v = argv[1];
    if (!strcmp(v, "body"))
        return body_add(cli, o, pos, npos);
    if (!strcmp(v, "bodies"))
        return body_list(cli, o);
    if (!strcmp(v, "add"))
        return person_add(cli, o, pos, npos);
    if (!strcmp(v, "join"))
        return event_add(cli, o, pos, npos, SEV_JOIN);
    if (!strcmp(v, "move"))
        return event_add(cli, o, pos, npos, SEV_MOVE);
    if (!strcmp(v, "grade"))
        return event_add(cli, o, pos, npos, SEV_GRADE);
    if (!strcmp(v, "leave"))
        return event_add(cli, o, pos, npos, SEV_LEAVE);
    if (!strcmp(v, "show"))
        return person_show(cli, pos, npos);
    if (!strcmp(v, "list"))
        return roll_list(cli, o);
    return cli_usage(cli, "staff", "unknown staff command '%s'", v);
}
