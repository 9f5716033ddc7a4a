/*
 * store_backup.h - copies of the database that can be trusted: `tcxd backup` and `tcxd restore`.
 *
 * A backup is SQLite's online backup API in one step (sqlite3_backup_step(-1)): the whole file
 * copied under one read snapshot, so it is consistent while a server keeps writing (WAL readers
 * do not block writers, nor writers readers). It is written beside the target, synced, checked
 * (integrity_check, every migration this tcxd knows and none it does not), then renamed over the
 * target: a crash leaves the old file or the new one, never half of one.
 *
 * A restore checks the file the same way before it touches anything, copies it into the database
 * (the online backup API again: other connections see the old database or the new one), then
 * checks the result.
 */
#ifndef TCXD_STORE_BACKUP_H
#define TCXD_STORE_BACKUP_H

#include <stdint.h>

#include "store/store.h"

struct store_backup_info {
    int schema_version;
    int64_t orgs, members, audit;
};

/* Writes a consistent, verified copy of st's database to path (replacing it). */
enum tcxd_err store_backup(struct store *st, const char *path, struct store_backup_info *info,
                           struct tcxd_error *e) TCXD_WUR;
/* Checks a database file without changing it: integrity, the schema this tcxd knows. */
enum tcxd_err store_backup_verify(const char *path, struct store_backup_info *info,
                                  struct tcxd_error *e) TCXD_WUR;
/* Verifies src, replaces the database at db_path with it (created when missing), verifies the
   result. */
enum tcxd_err store_restore(const char *db_path, const char *src, struct store_backup_info *info,
                            struct tcxd_error *e) TCXD_WUR;

#endif
