#include <stdio.h>

#include "cli/cli.h"

int cmd_init(struct cli *cli, int argc, char **argv)
{
    struct cli_opt opts[] = {{"help", false, NULL}};
    const char *pos[1];
    size_t npos;
    int rc = cli_parse(cli, "init", argc, argv, opts, 1, pos, 0, &npos);
    if (rc)
        return rc;
    if (opts[0].value) {
        fputs(MSG_T("Creates the database file (--db, $TCXD_DB or ./tcxd.db) or upgrades its "
                    "schema.\n"),
              stdout);
        return 0;
    }
    struct store *st = cli_store(cli, true);
    if (!st)
        return 1;
    if (cli->json)
        cli_print_json(json_pack("{s:s, s:i}", "db", cli->db_path, "schema_version",
                                 store_schema_version(st)));
    else
        printf(MSG_T("initialized %s (schema version %d)\n"), cli->db_path,
               store_schema_version(st));
    return 0;
}
