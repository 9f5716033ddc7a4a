/*
 * store_backup.c - backup and restore through SQLite's online backup API, with verification
 * (store_backup.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/store_backup.h"
#include "store/store_internal.h"
#include "util/embedded.h"

extern const struct embedded_file store_migrations[];

static bool known_migration(const char *key)
{
    /* "migration:NNNN" */
    if (strncmp(key, "migration:", 10))
        return false;
    int n = (int)strtol(key + 10, NULL, 10);
    for (const struct embedded_file *f = store_migrations; f->name; f++)
        if ((int)strtol(f->name, NULL, 10) == n)
            return true;
    return false;
}

/* Integrity, no migration this tcxd does not know, the counts. The store was opened read-only
   (which already refused a missing migration). */
static enum tcxd_err check_open(struct store *st, const char *path, struct store_backup_info *info,
                                struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_INTEGRITY_CHECK);
    int rc = sqlite3_step(s);
    char first[256] = "";
    if (rc == SQLITE_ROW)
        store_column_copy(s, 0, first, sizeof(first));
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return store_db_error(st, e, "checking the database");
    if (strcmp(first, "ok"))
        return tcxd_fail(e, TCXD_EDB, "file", "'%s' is damaged: %s", path, first);
    s = store_stmt(st, STMT_META_MIGRATIONS);
    char unknown[64] = "";
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(s, 0);
        if (k && !known_migration(k) && !unknown[0])
            snprintf(unknown, sizeof(unknown), "%s", k + 10);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading the schema version");
    if (unknown[0])
        return tcxd_fail(e, TCXD_EDB, "file",
                         "'%s' was written by a newer tcxd (migration %s is unknown here)", path,
                         unknown);
    memset(info, 0, sizeof(*info));
    info->schema_version = store_schema_version(st);
    s = store_stmt(st, STMT_BACKUP_COUNTS);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return store_db_error(st, e, "counting");
    }
    info->orgs = sqlite3_column_int64(s, 0);
    info->members = sqlite3_column_int64(s, 1);
    info->audit = sqlite3_column_int64(s, 2);
    sqlite3_reset(s);
    return TCXD_OK;
}

enum tcxd_err store_backup_verify(const char *path, struct store_backup_info *info,
                                  struct tcxd_error *e)
{
    if (access(path, R_OK))
        return tcxd_fail(e, TCXD_EIO, "file", "cannot read '%s': %s", path, strerror(errno));
    struct store *st;
    enum tcxd_err rc = store_open(path, STORE_READONLY, &st, e);
    if (rc)
        return rc;
    rc = check_open(st, path, info, e);
    store_close(st);
    return rc;
}

/* One step copies everything under one snapshot; busy (a writer checkpointing, the target
   locked) is waited out for a while. */
static enum tcxd_err copy_db(sqlite3 *to, sqlite3 *from, struct tcxd_error *e)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    if (!b)
        return tcxd_fail(e, TCXD_EDB, "", "backup: %s", sqlite3_errmsg(to));
    int rc;
    for (int tries = 0;; tries++) {
        rc = sqlite3_backup_step(b, -1);
        if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries >= 600)
            break;
        struct timespec ts = {0, 50 * 1000000L};
        nanosleep(&ts, NULL);
    }
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        return tcxd_fail(e, TCXD_EDB, "", "backup: %s", sqlite3_errstr(rc));
    return TCXD_OK;
}

static void sync_path(const char *path, bool dir)
{
    int fd = open(path, dir ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd >= 0) {
        if (fsync(fd)) {
            /* the rename still happened; a failed directory sync is reported by nothing */
        }
        close(fd);
    }
}

enum tcxd_err store_backup(struct store *st, const char *path, struct store_backup_info *info,
                           struct tcxd_error *e)
{
    char tmp[1100], dir[1100];
    snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", path, (long)getpid());
    snprintf(dir, sizeof(dir), "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    else
        snprintf(dir, sizeof(dir), ".");
    unlink(tmp);
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        enum tcxd_err rc = tcxd_fail(e, TCXD_EIO, "file", "cannot write '%s': %s", tmp,
                                     db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return rc;
    }
    enum tcxd_err rc = copy_db(db, st->db, e);
    /* one self-contained file: no WAL beside it, synced */
    if (!rc && (sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK))
        rc = tcxd_fail(e, TCXD_EDB, "", "backup: %s", sqlite3_errmsg(db));
    sqlite3_close(db);
    if (!rc) {
        sync_path(tmp, false);
        rc = store_backup_verify(tmp, info, e);
    }
    if (!rc && rename(tmp, path))
        rc = tcxd_fail(e, TCXD_EIO, "file", "cannot write '%s': %s", path, strerror(errno));
    if (rc) {
        unlink(tmp);
        return rc;
    }
    sync_path(dir, true);
    return TCXD_OK;
}

enum tcxd_err store_restore(const char *db_path, const char *src, struct store_backup_info *info,
                            struct tcxd_error *e)
{
    struct store_backup_info in;
    enum tcxd_err rc;
    if ((rc = store_backup_verify(src, &in, e)))
        return rc;
    struct store *from, *to;
    if ((rc = store_open(src, STORE_READONLY, &from, e)))
        return rc;
    if ((rc = store_open(db_path, STORE_CREATE, &to, e))) {
        store_close(from);
        return rc;
    }
    rc = copy_db(to->db, from->db, e);
    store_close(from);
    store_close(to);
    if (rc)
        return rc;
    if ((rc = store_backup_verify(db_path, info, e)))
        return rc;
    if (info->members != in.members || info->audit != in.audit || info->orgs != in.orgs)
        return tcxd_fail(e, TCXD_EDB, "", "restore: the result differs from '%s'", src);
    return TCXD_OK;
}
