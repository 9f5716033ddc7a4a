/*
 * cmd_backup.c - `tcxd backup FILE` and `tcxd restore FILE` (store_backup.h): a consistent
 * copy while the server writes, and a verified restore.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store_backup.h"

static int report(struct cli *cli, const char *what, const char *file,
                  const struct store_backup_info *in)
{
    if (cli->json)
        cli_print_json(json_pack("{s:s, s:s, s:i, s:I, s:I, s:I, s:b}", what, file, "db",
                                 cli->db_path, "schema_version", in->schema_version, "orgs",
                                 (json_int_t)in->orgs, "members", (json_int_t)in->members,
                                 "audit_records", (json_int_t)in->audit, "verified", 1));
    else
        printf("%s %s: %lld tổ chức, %lld đảng viên, %lld bản ghi nhật ký; lược đồ %d; đã kiểm tra "
               "toàn vẹn\n",
               !strcmp(what, "backup") ? MSG_T("backed up to") : MSG_T("restored from"), file,
               (long long)in->orgs, (long long)in->members, (long long)in->audit,
               in->schema_version);
    return 0;
}

int cmd_backup(struct cli *cli, int argc, char **argv)
{
    struct cli_opt opts[] = {{"help", false, NULL}};
    const char *pos[1];
    size_t npos;
    int rc = cli_parse(cli, "backup", argc, argv, opts, 1, pos, 1, &npos);
    if (rc)
        return rc;
    if (opts[0].value) {
        fputs(
            MSG_T("usage: tcxd backup FILE\n"
                  "Writes a consistent copy of the database (--db) to FILE while a server may be\n"
                  "writing (SQLite's online backup under one snapshot), syncs it, checks it\n"
                  "(integrity, schema) and only then replaces FILE.\n"),
            stdout);
        return 0;
    }
    if (npos != 1)
        return cli_usage(cli, "backup", "give the backup file");
    struct store *st = cli_store(cli, false);
    if (!st)
        return 1;
    struct store_backup_info in;
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (store_backup(st, pos[0], &in, &e))
        return cli_fail(cli, &e);
    return report(cli, "backup", pos[0], &in);
}

int cmd_restore(struct cli *cli, int argc, char **argv)
{
    struct cli_opt opts[] = {{"help", false, NULL}};
    const char *pos[1];
    size_t npos;
    int rc = cli_parse(cli, "restore", argc, argv, opts, 1, pos, 1, &npos);
    if (rc)
        return rc;
    if (opts[0].value) {
        fputs(
            MSG_T(
                "usage: tcxd restore FILE\n"
                "Checks FILE (integrity, a schema this tcxd knows), replaces the database (--db)\n"
                "with it and checks the result. Nothing is changed when FILE is bad.\n"),
            stdout);
        return 0;
    }
    if (npos != 1)
        return cli_usage(cli, "restore", "give the backup file");
    struct store_backup_info in;
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (store_restore(cli->db_path, pos[0], &in, &e))
        return cli_fail(cli, &e);
    return report(cli, "restore", pos[0], &in);
}
