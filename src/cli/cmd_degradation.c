/*
 * cmd_degradation.c - `tcxd degradation ...`: the degradation self-check (tự soi, tự sửa) of the
 * 27 manifestations (NQ 04-NQ/TW) at 5 levels per member per year: the list of manifestations,
 * recording a member's check (with the chi bộ's conclusion), showing it, and the year's tally
 * over a subtree by organization. Rules: core/degradation.h; records: store/store_degradation.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store_degradation.h"
#include "util/msg.h"

static const char degradation_help[] =
    "usage:\n"
    "  tcxd degradation items\n"
    "  tcxd degradation record MEMBER --year Y --levels \"1.1=0; 1.2=2; ...; 3.9=0\"\n"
    "           [--concluded] [--date DATE]\n"
    "  tcxd degradation show MEMBER --year Y\n"
    "  tcxd degradation report ORG --year Y\n"
    "LEVELS: 0 none, 1 slight (remedied), 2 mild, 3 moderate, 4 severe; every one of the 27\n"
    "manifestations 1.1 .. 3.9 once. --concluded: the chi bộ concluded the member shows\n"
    "degradation (the member's review of that year reads it).\n";
static const char degradation_help_vi[] =
    "cách dùng:\n"
    "  tcxd degradation items\n"
    "  tcxd degradation record ĐẢNG_VIÊN --year NĂM --levels \"1.1=0; 1.2=2; ...; 3.9=0\"\n"
    "           [--concluded] [--date NGÀY]\n"
    "  tcxd degradation show ĐẢNG_VIÊN --year NĂM\n"
    "  tcxd degradation report TỔ_CHỨC --year NĂM\n"
    "MỨC (--levels): 0 không có, 1 có nhưng đã khắc phục, 2 nhẹ, 3 trung bình, 4 nghiêm trọng; mỗi\n"
    "biểu hiện trong 27 biểu hiện 1.1 .. 3.9 đúng một lần. --concluded: chi bộ kết luận đảng viên\n"
    "có biểu hiện suy thoái (kết quả xếp loại của năm đó đọc kết luận này).\n";

enum { O_YEAR, O_LEVELS, O_CONCLUDED, O_DATE, O_HELP, O__MAX };

static int year_of(struct cli *cli, const char *s, int *out)
{
    char *end = NULL;
    long y = s ? strtol(s, &end, 10) : 0;
    if (!s || *end || y < 1930 || y > 9998) {
        struct tcxd_error e;
        tcxd_fail(&e, TCXD_EINVAL, "year", "--year needs a year");
        return cli_fail(cli, &e);
    }
    *out = (int)y;
    return 0;
}

static void print_tally(const struct degradation_tally *t, const char *who)
{
    struct buf b = BUF_INIT;
    degradation_sentence(t, &b);
    printf("%s: %s.\n", who, b.ptr);
    buf_release(&b);
}

struct org_ctx {
    const struct org_tree *t;
    json_t *rows;
};

static void org_row(void *ctx, int64_t org_id, const struct degradation_tally *tally)
{
    struct org_ctx *x = ctx;
    uint32_t n = org_tree_find(x->t, org_id);
    const char *name = n != TREE_NONE ? x->t->nodes[n].name : "";
    if (!x->rows) {
        print_tally(tally, name);
        return;
    }
    json_t *by = json_object();
    for (int l = 0; l < DEGR_LEVEL__MAX; l++)
        json_object_set_new(by, degradation_level_name((enum degradation_level)l),
                            json_integer(tally->by_overall[l]));
    json_array_append_new(x->rows,
                          json_pack("{s:I, s:s, s:I, s:o, s:I}", "org_id", (json_int_t)org_id,
                                    "name", name, "members", (json_int_t)tally->members, "by_level",
                                    by, "concluded", (json_int_t)tally->concluded));
}

int cmd_degradation(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[O__MAX] = {{"year", true, NULL},
                                {"levels", true, NULL},
                                {"concluded", false, NULL},
                                {"date", true, NULL},
                                {"help", false, NULL}};
    const char *pos[4];
    size_t npos;
    int rc =
        cli_verb_begin(cli, "degradation", cli_help(degradation_help, degradation_help_vi), argc, argv, o, O__MAX, pos, 4, &npos);
    if (rc >= 0)
        return rc;
    const char *verb = argv[1];
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (!strcmp(verb, "items")) {
        json_t *a = cli->json ? json_array() : NULL;
        for (unsigned i = 0; i < DEGR_ITEMS; i++) {
            const struct degradation_item *it = degradation_item(i);
            if (a)
                json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "code", it->code, "group",
                                                   degradation_group_label(it->group), "label",
                                                   it->label));
            else
                printf("%s\t%s\n", it->code, it->label);
        }
        if (a)
            cli_print_json(a);
        return 0;
    }
    int year = 0;
    if (npos != 1)
        return cli_usage(cli, "degradation", "degradation %s needs one argument", verb);
    if ((rc = year_of(cli, o[O_YEAR].value, &year)))
        return rc;
    if (!strcmp(verb, "record") || !strcmp(verb, "show")) {
        int64_t m;
        struct degradation_check d;
        if (cli_member_id(cli, pos[0], &m, &e))
            return cli_fail(cli, &e);
        if (!strcmp(verb, "record")) {
            uint8_t levels[DEGR_ITEMS];
            tcxd_date on;
            if (!o[O_LEVELS].value)
                return cli_usage(cli, "degradation", "degradation record needs --levels");
            if (degradation_parse(o[O_LEVELS].value, levels, &e) ||
                cli_date(o[O_DATE].value, date_today(), "date", &on, &e) ||
                store_degradation_record(cli->st, &cli->actor, m, year, levels,
                                         o[O_CONCLUDED].value != NULL, on, date_today(), &e))
                return cli_fail(cli, &e);
        }
        if (store_degradation_get(cli->st, m, year, &d, &e))
            return cli_fail(cli, &e);
        char digits[DEGR_ITEMS + 1];
        degradation_digits(d.levels, digits);
        enum degradation_level overall = degradation_overall(d.levels);
        if (cli->json) {
            cli_print_json(json_pack("{s:I, s:i, s:I, s:s, s:s, s:b}", "member_id", (json_int_t)m,
                                     "year", year, "org_id", (json_int_t)d.org_id, "levels", digits,
                                     "overall", degradation_level_name(overall), "concluded",
                                     d.concluded));
            return 0;
        }
        if (!strcmp(verb, "record"))
            printf("%s: #%lld %d\n", MSG_T("self-check recorded"), (long long)m, year);
        for (unsigned i = 0; i < DEGR_ITEMS; i++)
            if (d.levels[i])
                printf("%s\t%s\t%s\n", degradation_item(i)->code,
                       degradation_level_label((enum degradation_level)d.levels[i]),
                       degradation_item(i)->label);
        printf("%s%s\n", degradation_level_label(overall),
               d.concluded ? "; chi bộ kết luận có biểu hiện suy thoái" : "");
        return 0;
    }
    if (!strcmp(verb, "report")) {
        struct org_info org;
        struct org_tree t;
        tcxd_date end = date_from_ymd(year, 12, 31), today = date_today();
        tcxd_date on = end < today ? end : today;
        if (cli_org(cli, pos[0], on, &org, &e) || store_tree_load(cli->st, on, &t, &e))
            return cli_fail(cli, &e);
        struct degradation_tally total;
        struct org_ctx x = {&t, cli->json ? json_array() : NULL};
        rc = store_degradation_tally(cli->st, &t, org_tree_find(&t, org.id), year, &total, org_row,
                                     &x, &e);
        org_tree_release(&t);
        if (rc) {
            json_decref(x.rows);
            return cli_fail(cli, &e);
        }
        if (!cli->json) {
            print_tally(&total, org.name);
            return 0;
        }
        json_t *by = json_object();
        for (int l = 0; l < DEGR_LEVEL__MAX; l++)
            json_object_set_new(by, degradation_level_name((enum degradation_level)l),
                                json_integer(total.by_overall[l]));
        struct buf b = BUF_INIT;
        degradation_sentence(&total, &b);
        cli_print_json(json_pack("{s:s, s:i, s:I, s:o, s:I, s:o, s:s}", "org", org.code, "year",
                                 year, "members", (json_int_t)total.members, "by_level", by,
                                 "concluded", (json_int_t)total.concluded, "orgs", x.rows,
                                 "sentence", b.ptr));
        buf_release(&b);
        return 0;
    }
    return cli_usage(cli, "degradation", "unknown degradation command '%s'", verb);
}
