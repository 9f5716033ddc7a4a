/*
 * cli_util.c - what every subcommand shares: opening the store, errors, option scanning,
 * aligned tables and JSON output.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "text/text.h"
#include "util/msg.h"
#include "util/xmalloc.h"

struct store *cli_store(struct cli *cli, bool create)
{
    if (cli->st)
        return cli->st;
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (store_open(cli->db_path, create ? STORE_CREATE : 0, &cli->st, &e)) {
        cli_fail(cli, &e);
        return NULL;
    }
    return cli->st;
}

int cli_fail(struct cli *cli, const struct tcxd_error *e)
{
    /* the message names the field; add it when the text does not already */
    if (e->field[0] && !strstr(e->msg, e->field))
        fprintf(stderr, MSG_T("tcxd: %s (field %s)\n"), e->msg[0] ? e->msg : tcxd_err_name(e->code),
                e->field);
    else
        fprintf(stderr, "tcxd: %s\n", e->msg[0] ? e->msg : tcxd_err_name(e->code));
    if (cli->json) {
        json_t *j = json_pack("{s:{s:s, s:s, s:s}}", "error", "code", tcxd_err_name(e->code),
                              "message", e->msg, "field", e->field);
        cli_print_json(j);
    }
    int st = tcxd_err_exit_status(e->code);
    return st ? st : 1;
}

int cli_usage(struct cli *cli, const char *cmd, const char *fmt, ...)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    va_list ap;
    va_start(ap, fmt);
    tcxd_vfail(&e, TCXD_EINVAL, "", fmt, ap);
    va_end(ap);
    int rc = cli_fail(cli, &e);
    fprintf(stderr, MSG_T("see 'tcxd help %s'\n"), cmd);
    return rc;
}

void cli_print_json(json_t *j)
{
    char *s =
        json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(15)); /* 83.3, not 83.299999999999997 */
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
        free(s);
    }
    json_decref(j);
}

bool cli_list_options;

const char *cli_help(const char *en, const char *vi)
{
    return msg_lang() == MSG_VI && vi ? vi : en;
}

int cli_parse(struct cli *cli, const char *cmd, int argc, char **argv, struct cli_opt *opts,
              size_t nopts, const char **pos, size_t maxpos, size_t *npos)
{
    if (cli_list_options) {
        for (size_t k = 0; k < nopts; k++)
            if (opts[k].name)
                printf("--%s%s\n", opts[k].name, opts[k].takes_value ? " VALUE" : "");
        return CLI_LISTED;
    }
    *npos = 0;
    for (size_t k = 0; k < nopts; k++)
        opts[k].value = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            for (i++; i < argc; i++) {
                if (*npos >= maxpos)
                    return cli_usage(cli, cmd, "too many arguments ('%s')", argv[i]);
                pos[(*npos)++] = argv[i];
            }
            break;
        }
        if (strncmp(a, "--", 2) || !a[2]) {
            if (*npos >= maxpos)
                return cli_usage(cli, cmd, "unexpected argument '%s'", a);
            pos[(*npos)++] = a;
            continue;
        }
        const char *name = a + 2, *eq = strchr(name, '=');
        size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
        struct cli_opt *o = NULL;
        for (size_t k = 0; k < nopts; k++)
            if (opts[k].name && strlen(opts[k].name) == nlen && !strncmp(opts[k].name, name, nlen))
                o = &opts[k];
        if (!o)
            return cli_usage(cli, cmd, "unknown option '--%.*s'", (int)nlen, name);
        if (!o->takes_value) {
            if (eq)
                return cli_usage(cli, cmd, "option '--%s' takes no value", o->name);
            o->value = "1";
        } else if (eq) {
            o->value = eq + 1;
        } else if (i + 1 < argc) {
            o->value = argv[++i];
        } else {
            return cli_usage(cli, cmd, "option '--%s' needs a value", o->name);
        }
    }
    return 0;
}

const char *cli_opt(const struct cli_opt *opts, size_t nopts, const char *name)
{
    for (size_t k = 0; k < nopts; k++)
        if (opts[k].name && !strcmp(opts[k].name, name))
            return opts[k].value;
    return NULL;
}

void cli_opts_keep(struct cli_opt *opts, size_t nopts, const char *names)
{
    for (size_t k = 0; k < nopts; k++) {
        const char *n = opts[k].name, *p = names;
        size_t len = n ? strlen(n) : 0;
        bool found = false;
        while (n && *p && !found) {
            size_t w = strcspn(p, " ");
            found = w == len && !strncmp(p, n, len);
            p += w;
            p += strspn(p, " ");
        }
        if (!found)
            opts[k].name = NULL;
    }
}

enum tcxd_err cli_date(const char *s, tcxd_date dflt, const char *field, tcxd_date *out,
                       struct tcxd_error *e)
{
    if (!s || !*s) {
        if (dflt == DATE_NONE)
            return tcxd_fail(e, TCXD_EINVAL, field, "--%s is required", field);
        *out = dflt;
        return TCXD_OK;
    }
    return date_parse(s, out, field, e);
}

enum tcxd_err cli_org(struct cli *cli, const char *ref, tcxd_date as_of, struct org_info *out,
                      struct tcxd_error *e)
{
    if (!ref || !*ref)
        return tcxd_fail(e, TCXD_EINVAL, "org", "an organization code is required");
    return store_org_resolve(cli->st, ref, as_of, out, e);
}

enum tcxd_err cli_member_id(struct cli *cli, const char *ref, int64_t *out, struct tcxd_error *e)
{
    const char *p = ref[0] == '#' ? ref + 1 : ref;
    size_t n = strlen(p);
    bool digits = n > 0;
    for (size_t i = 0; i < n; i++)
        digits = digits && p[i] >= '0' && p[i] <= '9';
    if (digits && n == 12 && ref[0] != '#')
        return store_member_by_national_id(cli->st, p, out, e);
    if (!digits || n > 15)
        return tcxd_fail(e, TCXD_EINVAL, "member", "invalid member reference '%s'", ref);
    *out = strtoll(p, NULL, 10);
    struct member_info m;
    return store_member_get(cli->st, *out, &m, e);
}

/* ---- tables ---- */

void cli_table_init(struct cli_table *t, size_t ncols, const char *const *headers,
                    const bool *right)
{
    memset(t, 0, sizeof(*t));
    t->ncols = ncols;
    t->right = xcalloc(ncols, sizeof(bool));
    if (right)
        memcpy(t->right, right, ncols * sizeof(bool));
    cli_table_row(t, headers);
}

void cli_table_row(struct cli_table *t, const char *const *cells)
{
    ALLOC_GROW(t->cells, (t->nrows + 1) * t->ncols, t->cap);
    for (size_t c = 0; c < t->ncols; c++)
        t->cells[t->nrows * t->ncols + c] = xstrdup(cells[c] ? cells[c] : "");
    t->nrows++;
}

void cli_table_print(struct cli_table *t)
{
    size_t *w = xcalloc(t->ncols, sizeof(size_t));
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = t->cells[r * t->ncols + c];
            size_t n = text_utf8_len(s, strlen(s));
            if (n > w[c])
                w[c] = n;
        }
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = t->cells[r * t->ncols + c];
            size_t pad = w[c] - text_utf8_len(s, strlen(s));
            bool last = c + 1 == t->ncols;
            if (t->right[c])
                printf("%*s%s", (int)pad, "", s);
            else
                printf("%s%*s", s, last ? 0 : (int)pad, "");
            if (!last)
                fputs("  ", stdout);
        }
        fputc('\n', stdout);
    }
    free(w);
}

void cli_table_release(struct cli_table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t->right);
    memset(t, 0, sizeof(*t));
}

json_t *cli_json_date(tcxd_date d)
{
    if (d == DATE_NONE || d == DATE_OPEN_END)
        return json_null();
    char s[DATE_ISO_LEN];
    date_format_iso(d, s);
    return json_string(s);
}

const char *cli_vn_date(json_t *iso, char out[DATE_ISO_LEN])
{
    tcxd_date d;
    const char *s = json_string_value(iso);
    if (!s || date_parse(s, &d, "date", NULL))
        return s ? s : "";
    date_format_vn(d, out);
    return out;
}

json_t *cli_json_org(const struct org_info *o)
{
    enum org_kind k = org_kind_of(o->tier, o->form);
    json_t *j =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)o->id, "code", o->code,
                  "name", o->name, "tier", org_tier_name(o->tier), "form", org_form_name(o->form),
                  "kind", org_kind_name(k), "kind_label", org_kind_label(k));
    json_object_set_new(j, "base_type",
                        o->base_type ? json_string(org_base_type_name(o->base_type)) : json_null());
    json_object_set_new(j, "parent_id", o->parent_id ? json_integer(o->parent_id) : json_null());
    json_object_set_new(j, "created_on", cli_json_date(o->created_on));
    json_object_set_new(j, "ended_on", cli_json_date(o->ended_on));
    return j;
}

int cli_verb_begin(struct cli *cli, const char *cmd, const char *help, int argc, char **argv,
                   struct cli_opt *opts, size_t nopts, const char **pos, size_t maxpos,
                   size_t *npos)
{
    if (!cli_list_options && (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help"))) {
        fputs(help, stdout);
        return argc < 2 ? 2 : 0;
    }
    int rc = cli_parse(cli, cmd, argc < 2 ? 1 : argc - 1, argv + 1, opts, nopts, pos, maxpos, npos);
    if (rc)
        return rc;
    if (cli_opt(opts, nopts, "help")) {
        fputs(help, stdout);
        return 0;
    }
    return cli_store(cli, false) ? -1 : 1;
}
