/*
 * cli.h - the tcxd command line: the context every subcommand gets, the command table entry,
 * option helpers and output (human tables or --json).
 *
 * main.c strips the global options (--db PATH, --json, --as-of is per command) from argv, then
 * calls the command's fn with argv[0] = the command name. A command returns the process exit
 * status: 0 ok, 2 bad input or refused (nothing written), 1 system error.
 * cli_store() opens the database on first use and main closes it; commands never close it.
 */
#ifndef TCXD_CLI_CLI_H
#define TCXD_CLI_CLI_H

#include <jansson.h>
#include <stdbool.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/msg.h"

struct cli {
    const char *db_path;
    bool json;
    struct store *st;
    struct store_actor actor;
    char username[64];
};

struct cli_command {
    const char *name;
    int (*fn)(struct cli *cli, int argc, char **argv);
    const char *usage;   /* "org add CODE NAME --tier T --form F [--parent ORG] ..." */
    const char *summary; /* one line */
    const char *usage_vi; /* the same in Vietnamese (placeholders too: TỔ_CHỨC, NGÀY ...) */
    const char *summary_vi;
};

/* The command table (main.c); ends with a NULL name. */
extern const struct cli_command cli_commands[];

/* The help text in the thread's language: vi when it is Vietnamese (and vi is given), else en. */
const char *cli_help(const char *en, const char *vi);

/* `tcxd help --options CMD` sets this: cli_parse then prints its option table (one "--name" or
   "--name VALUE" a line) and returns CLI_LISTED instead of parsing (tests/cli/check_docs.sh). */
extern bool cli_list_options;
#define CLI_LISTED 99

/* Opens the store (STORE_CREATE when create) on first call; NULL after printing the error. */
struct store *cli_store(struct cli *cli, bool create);

/* Prints e as "tcxd: message" (and {"error":...} on stdout with --json); returns the exit
   status for e->code. */
int cli_fail(struct cli *cli, const struct tcxd_error *e);
/* Formats a usage error for the command and returns 2. */
int cli_usage(struct cli *cli, const char *cmd, const char *fmt, ...) TCXD_PRINTF(3, 4);

/* Prints j (pretty, UTF-8) on stdout and releases it. */
void cli_print_json(json_t *j);

/* ---- options ---- */
/*
 * A tiny option scanner over argv[1..]: options are --name VALUE or --name=VALUE, flags are
 * --name; everything else is positional. Unknown options are an error naming the option.
 */
struct cli_opt {
    const char *name;
    bool takes_value;
    const char *value; /* filled: value, or "1" for a present flag, NULL when absent */
};
int cli_parse(struct cli *cli, const char *cmd, int argc, char **argv, struct cli_opt *opts,
              size_t nopts, const char **pos, size_t maxpos, size_t *npos);
const char *cli_opt(const struct cli_opt *opts, size_t nopts, const char *name);
/* Keeps the options named in names (space-separated) and drops the others (name NULL: unknown
   to cli_parse), for commands that share one option table. */
void cli_opts_keep(struct cli_opt *opts, size_t nopts, const char *names);
/* The start of a command with verbs (`tcxd CMD VERB [options]`): no verb or "help" prints help
   (exit 2 without a verb), the options after the verb are parsed, --help prints help, the store
   is opened. Returns -1 when the verb (argv[1]) is to run, else the exit status. */
int cli_verb_begin(struct cli *cli, const char *cmd, const char *help, int argc, char **argv,
                   struct cli_opt *opts, size_t nopts, const char **pos, size_t maxpos,
                   size_t *npos);

/* Parses a date option (dd/mm/yyyy or yyyy-mm-dd); missing -> dflt. */
enum tcxd_err cli_date(const char *s, tcxd_date dflt, const char *field, tcxd_date *out,
                       struct tcxd_error *e) TCXD_WUR;
/* Resolves an organization reference (code or #id) on a date. */
enum tcxd_err cli_org(struct cli *cli, const char *ref, tcxd_date as_of, struct org_info *out,
                      struct tcxd_error *e) TCXD_WUR;
/* Parses a member id ("123" or "#123") or a 12-digit national ID. */
enum tcxd_err cli_member_id(struct cli *cli, const char *ref, int64_t *out,
                            struct tcxd_error *e) TCXD_WUR;

/* ---- tables ---- */
/* Column-aligned output that counts UTF-8 code points. Cells are copied. */
struct cli_table {
    size_t ncols;
    char **cells; /* row-major */
    size_t nrows, cap;
    bool *right; /* right-align column (numbers) */
};
void cli_table_init(struct cli_table *t, size_t ncols, const char *const *headers,
                    const bool *right);
void cli_table_row(struct cli_table *t, const char *const *cells);
void cli_table_print(struct cli_table *t);
void cli_table_release(struct cli_table *t);

/* ---- JSON helpers ---- */
json_t *cli_json_date(tcxd_date d); /* "YYYY-MM-DD" or null */
/* A JSON "YYYY-MM-DD" as dd/mm/yyyy (into out) for a text line; anything else as it is. */
const char *cli_vn_date(json_t *iso, char out[DATE_ISO_LEN]);
json_t *cli_json_org(const struct org_info *o);

/* Subcommands (one file each). */
int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_org(struct cli *cli, int argc, char **argv);
int cmd_member(struct cli *cli, int argc, char **argv);
int cmd_stats(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_form(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);
int cmd_user(struct cli *cli, int argc, char **argv);
int cmd_audit(struct cli *cli, int argc, char **argv);
int cmd_review(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_print(struct cli *cli, int argc, char **argv);
int cmd_backup(struct cli *cli, int argc, char **argv);
int cmd_restore(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_program(struct cli *cli, int argc, char **argv);
int cmd_indicator(struct cli *cli, int argc, char **argv);
int cmd_meeting(struct cli *cli, int argc, char **argv);
int cmd_unit(struct cli *cli, int argc, char **argv);
int cmd_inspect(struct cli *cli, int argc, char **argv);
int cmd_cadre(struct cli *cli, int argc, char **argv);
int cmd_staff(struct cli *cli, int argc, char **argv);
int cmd_discipline(struct cli *cli, int argc, char **argv);
int cmd_complaint(struct cli *cli, int argc, char **argv);
int cmd_degradation(struct cli *cli, int argc, char **argv);
int cmd_restructure(struct cli *cli, int argc, char **argv);
int cmd_help(struct cli *cli, int argc, char **argv);
int cmd_version(struct cli *cli, int argc, char **argv);

#endif
