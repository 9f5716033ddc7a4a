/*
 * store_restructure.c - the reads a restructuring plan and the organization-flow counts need:
 * whether a code is used, the children of a date, organization events of a period, and the
 * plan's own audit record.
 */
#include "store/store_internal.h"

#include <stdio.h>
#include <string.h>

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

enum tcxd_err store_admin_units_put(struct store *st, const struct store_actor *who,
                                    const struct admin_unit *u, size_t n, struct tcxd_error *e)
{
    enum tcxd_err rc = store_begin(st, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && !rc; i++) {
        sqlite3_stmt *s = store_stmt(st, STMT_RS_UNIT_PUT);
        store_bind_text(s, 1, u[i].code);
        store_bind_date(s, 2, u[i].as_of);
        store_bind_text(s, 3, u[i].name);
        sqlite3_bind_int(s, 4, u[i].level);
        store_bind_text(s, 5, u[i].province_code);
        sqlite3_bind_int(s, 6, u[i].kind);
        sqlite3_bind_int(s, 7, u[i].terrain);
        if (u[i].area_km2 >= 0)
            sqlite3_bind_double(s, 8, u[i].area_km2);
        if (u[i].population >= 0)
            sqlite3_bind_int64(s, 9, u[i].population);
        store_bind_text(s, 10, u[i].source);
        rc = store_step_done(st, s, e, "writing administrative units");
    }
    char after[96];
    snprintf(after, sizeof(after), "{\"units\":%zu}", n);
    if (!rc)
        rc = store_audit(st, who, "admin_unit.import", "admin_unit", 0, 0, NULL, after, e);
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, e);
}

enum tcxd_err store_admin_units_of(struct store *st, const char *province_code, tcxd_date on,
                                   void (*fn)(void *ctx, const struct admin_unit *u), void *ctx,
                                   struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_RS_UNITS_OF_PROVINCE);
    store_bind_text(s, 1, province_code);
    store_bind_date(s, 2, on);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct admin_unit u;
        memset(&u, 0, sizeof(u));
        store_column_copy(s, 0, u.code, sizeof(u.code));
        store_column_copy(s, 1, u.name, sizeof(u.name));
        u.level = sqlite3_column_int(s, 2);
        store_column_copy(s, 3, u.province_code, sizeof(u.province_code));
        u.kind = sqlite3_column_int(s, 4);
        u.terrain = sqlite3_column_int(s, 5);
        u.area_km2 = sqlite3_column_type(s, 6) == SQLITE_NULL ? -1 : sqlite3_column_double(s, 6);
        u.population = sqlite3_column_type(s, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 7);
        u.as_of = store_column_date(s, 8);
        store_column_copy(s, 9, u.source, sizeof(u.source));
        fn(ctx, &u);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading administrative units");
}
