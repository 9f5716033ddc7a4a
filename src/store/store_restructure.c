/*
 * store_restructure.c - the reads a restructuring plan and the organization-flow counts need:
 * whether a code is used, the children of a date, organization events of a period, and the
 * plan's own audit record.
 */
#include "store/store_internal.h"

bool store_org_code_used(struct store *st, const char *code)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_ID_BY_CODE);
    store_bind_text(s, 1, code);
    bool used = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_reset(s);
    return used;
}

enum tcxd_err store_org_children(struct store *st, int64_t id, tcxd_date date,
                                 void (*fn)(void *ctx, int64_t id), void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_RS_CHILDREN_ASOF);
    sqlite3_bind_int64(s, 1, id);
    store_bind_date(s, 2, date);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        fn(ctx, sqlite3_column_int64(s, 0));
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading child organizations");
}

enum tcxd_err store_audit_append(struct store *st, const struct store_actor *who,
                                 const char *action, const char *entity, int64_t entity_id,
                                 int64_t org_id, const char *before, const char *after,
                                 struct tcxd_error *e)
{
    return store_audit(st, who, action, entity, entity_id, org_id, before, after, e);
}

enum tcxd_err store_org_events_between(struct store *st, tcxd_date from, tcxd_date to,
                                       void (*fn)(void *ctx, int64_t org_id, const char *kind,
                                                  tcxd_date date, int64_t other),
                                       void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_RS_EVENTS_BETWEEN);
    store_bind_date(s, 1, from);
    store_bind_date(s, 2, to);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        fn(ctx, sqlite3_column_int64(s, 0), (const char *)sqlite3_column_text(s, 1),
           store_column_date(s, 2), sqlite3_column_int64(s, 3));
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading organization events");
}
