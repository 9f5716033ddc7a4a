/*
 * cmd_user.c - `tcxd user ...`: accounts for `tcxd serve` (add, passwd, disable, enable, list).
 * Passwords come from standard input (--password-stdin, the first line) or, for scripts, the
 * TCXD_PASSWORD environment variable; never from the command line.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "http/http.h"
#include "store/store_complaint.h"
#include "util/msg.h"

static const char user_help[] =
    "usage:\n"
    "  tcxd user add NAME --role admin|staff|viewer --scope ORG [--full-name TEXT]\n"
    "           --password-stdin\n"
    "  tcxd user passwd NAME --password-stdin\n"
    "  tcxd user disable NAME      (ends the account's sessions)\n"
    "  tcxd user enable NAME\n"
    "  tcxd user list\n"
    "  tcxd user grant|revoke NAME inspection   (the permission to see who wrote a letter)\n"
    "The password is the first line of standard input with --password-stdin, else the\n"
    "TCXD_PASSWORD environment variable. At least 8 characters.\n";
static const char user_help_vi[] =
    "cách dùng:\n"
    "  tcxd user add TÊN --role admin|staff|viewer --scope TỔ_CHỨC [--full-name HỌ_TÊN]\n"
    "           --password-stdin\n"
    "  tcxd user passwd TÊN --password-stdin\n"
    "  tcxd user disable TÊN      (kết thúc các phiên đăng nhập của tài khoản)\n"
    "  tcxd user enable TÊN\n"
    "  tcxd user list\n"
    "  tcxd user grant|revoke TÊN 'inspection'   (quyền xem người viết đơn thư)\n"
    "--role: admin (quản trị), staff (cán bộ nghiệp vụ), viewer (chỉ xem); có thể gõ nhãn tiếng\n"
    "Việt. Mật khẩu là dòng đầu của đầu vào chuẩn khi có --password-stdin, nếu không thì biến môi\n"
    "trường TCXD_PASSWORD. Ít nhất 8 ký tự.\n";

static int read_password(struct cli *cli, bool from_stdin, char *out, size_t n)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (from_stdin) {
        if (!fgets(out, (int)n, stdin)) {
            tcxd_fail(&e, TCXD_EINVAL, "password", "no password on standard input");
            return cli_fail(cli, &e);
        }
        size_t len = strlen(out);
        if (len && out[len - 1] != '\n' && !feof(stdin)) {
            tcxd_fail(&e, TCXD_EINVAL, "password", "the password is too long");
            return cli_fail(cli, &e);
        }
        while (len && (out[len - 1] == '\n' || out[len - 1] == '\r'))
            out[--len] = '\0';
        return 0;
    }
    const char *env = getenv("TCXD_PASSWORD");
    if (!env || !*env)
        return cli_usage(cli, "user", "give the password with --password-stdin or TCXD_PASSWORD");
    if (strlen(env) >= n) {
        tcxd_fail(&e, TCXD_EINVAL, "password", "the password is too long");
        return cli_fail(cli, &e);
    }
    snprintf(out, n, "%s", env);
    return 0;
}

struct list_ctx {
    struct cli *cli;
    json_t *arr;
    struct cli_table *t;
};

static void list_row(void *vctx, const struct user_info *u)
{
    struct list_ctx *x = vctx;
    struct org_info o;
    bool has = !store_org_get(x->cli->st, u->scope_org_id, date_today(), &o, NULL);
    if (x->arr) {
        json_array_append_new(
            x->arr, json_pack("{s:s, s:s, s:s, s:{s:I, s:s, s:s}, s:b}", "username", u->username,
                              "full_name", u->full_name, "role", user_role_name(u->role), "scope",
                              "id", (json_int_t)u->scope_org_id, "code", has ? o.code : "", "name",
                              has ? o.name : "", "disabled", u->disabled));
        return;
    }
    const char *row[] = {u->username, u->full_name, user_role_label(u->role), has ? o.code : "?",
                         u->disabled ? MSG_T("disabled") : MSG_T("active")};
    cli_table_row(x->t, row);
}

int cmd_user(struct cli *cli, int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        fputs(cli_help(user_help, user_help_vi), stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *verb = argv[1];
    enum { O_ROLE, O_SCOPE, O_FULL, O_STDIN, O_HELP, O__MAX };
    struct cli_opt o[O__MAX] = {
        {"role", true, NULL},      {"scope", true, NULL},
        {"full-name", true, NULL}, {"password-stdin", false, NULL},
        {"help", false, NULL},
    };
    const char *pos[2];
    size_t npos;
    int rc = cli_parse(cli, "user", argc - 1, argv + 1, o, O__MAX, pos, 2, &npos);
    if (rc)
        return rc;
    if (o[O_HELP].value) {
        fputs(cli_help(user_help, user_help_vi), stdout);
        return 0;
    }
    if (!cli_store(cli, false))
        return 1;
    struct tcxd_error e;
    tcxd_error_clear(&e);
    int64_t now = (int64_t)time(NULL);
    if (!strcmp(verb, "list")) {
        struct cli_table t;
        const char *hdr[] = {"Tài khoản", "Họ và tên", "Vai trò", "Phạm vi", "Trạng thái"};
        cli_table_init(&t, 5, hdr, NULL);
        struct list_ctx x = {cli, cli->json ? json_array() : NULL, &t};
        if (store_user_list(cli->st, list_row, &x, &e)) {
            json_decref(x.arr);
            cli_table_release(&t);
            return cli_fail(cli, &e);
        }
        if (x.arr)
            cli_print_json(x.arr);
        else
            cli_table_print(&t);
        cli_table_release(&t);
        return 0;
    }
    /* permissions beside the role: grant NAME PERMISSION, revoke NAME PERMISSION */
    if (!strcmp(verb, "grant") || !strcmp(verb, "revoke")) {
        bool grant = !strcmp(verb, "grant");
        if (npos != 2)
            return cli_usage(cli, "user", "user %s needs NAME and PERMISSION", verb);
        if (store_permission_set(cli->st, &cli->actor, pos[0], pos[1], grant, &e))
            return cli_fail(cli, &e);
        if (cli->json)
            cli_print_json(json_pack("{s:s, s:s, s:b}", "username", pos[0], "permission", pos[1],
                                     "granted", grant));
        else
            printf("%s: %s '%s'\n", /* the permission as typed: a value, quoted */
                   grant ? MSG_T("permission granted") : MSG_T("permission revoked"), pos[0],
                   pos[1]);
        return 0;
    }
    if (npos != 1)
        return cli_usage(cli, "user", "user %s needs NAME", verb);
    const char *name = pos[0];
    if (!strcmp(verb, "add") || !strcmp(verb, "passwd")) {
        bool add = !strcmp(verb, "add");
        enum user_role role = ROLE_VIEWER;
        struct org_info scope;
        if (add) {
            if (!o[O_ROLE].value || !o[O_SCOPE].value)
                return cli_usage(cli, "user", "user add needs --role and --scope");
            if (user_role_parse(o[O_ROLE].value, &role, &e) || user_check_name(name, &e) ||
                cli_org(cli, o[O_SCOPE].value, date_today(), &scope, &e))
                return cli_fail(cli, &e);
        } else {
            struct user_info u;
            if (store_user_get(cli->st, name, &u, &e))
                return cli_fail(cli, &e);
        }
        char pw[300], hash[USER_PWHASH_MAX];
        if ((rc = read_password(cli, o[O_STDIN].value != NULL, pw, sizeof(pw))))
            return rc;
        enum tcxd_err r = http_password_hash(pw, "password", hash, &e);
        sodium_memzero(pw, sizeof(pw));
        if (!r)
            r = add ? store_user_add(cli->st, &cli->actor, name, o[O_FULL].value, role, scope.id,
                                     hash, now, &e)
                    : store_user_set_password(cli->st, &cli->actor, name, hash, NULL, now, &e);
        if (r)
            return cli_fail(cli, &e);
        if (cli->json)
            cli_print_json(json_pack("{s:s, s:s}", "username", name, "done", verb));
        else
            printf("%s: %s\n", add ? MSG_T("added") : MSG_T("password changed"), name);
        return 0;
    }
    if (!strcmp(verb, "disable") || !strcmp(verb, "enable")) {
        bool off = !strcmp(verb, "disable");
        if (store_user_set_disabled(cli->st, &cli->actor, name, off, now, &e))
            return cli_fail(cli, &e);
        if (cli->json)
            cli_print_json(json_pack("{s:s, s:b}", "username", name, "disabled", off));
        else
            printf("%s: %s\n", off ? MSG_T("disabled") : MSG_T("enabled"), name);
        return 0;
    }
    return cli_usage(cli, "user", "unknown user command '%s'", verb);
}
