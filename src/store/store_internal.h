/*
 * store_internal.h - private to src/store: the SQLite handle, the statement table, helpers for
 * binding dates and strings, and the audit writer. Not for other layers.
 *
 * Statements: every SQL statement is a named constant (enum stmt_id) with its text in
 * store_sql.c's table; store_stmt() prepares it once per connection, resets and clears bindings
 * before handing it out. The statement stays owned by the store.
 */
#ifndef TCXD_STORE_INTERNAL_H
#define TCXD_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store/store.h"
#include "store/store_sql.h"

/* How long a statement waits for another connection's write lock before failing busy. */
#define STORE_BUSY_TIMEOUT_MS 10000

/* The handle's scope (store_scope.h) with its caches: today's set of organization ids (sorted)
   and the answers of store_scope_org_on asked so far. */
struct store_scope_state {
    int64_t root; /* 0: none */
    bool have_today;
    tcxd_date today;
    int64_t *set;
    size_t n, cap;
    struct scope_memo {
        int64_t org;
        tcxd_date date;
        int8_t in; /* 0 empty slot, 1 inside, -1 outside */
    } * memo;
    size_t memo_cap, memo_n;
};

struct store {
    sqlite3 *db;
    struct store_scope_state scope;
    sqlite3_stmt *stmts[STMT__MAX];
    int tx_depth;
    int64_t deadline_ms; /* CLOCK_MONOTONIC ms after which statements stop (0: none) */
    int schema_version;
    struct text_collator *coll; /* lazily made by store_collator() */
    char path[1024];
    int64_t busy_since; /* CLOCK_MONOTONIC ms when the current wait for the lock began */
};
/* Whether a statement waits (up to STORE_BUSY_TIMEOUT_MS) for another connection's write lock
   or fails busy at once; store_open makes it wait. */
void store_busy_wait(struct store *st, bool wait);

struct text_collator *store_collator(struct store *st);
/* Frees the scope's caches (store_close). */
void store_scope_release(struct store *st);

sqlite3_stmt *store_stmt(struct store *st, enum stmt_id id);

/* Fills e from the connection's last error; returns TCXD_EDB (or ECONFLICT for constraints). */
enum tcxd_err store_db_error(struct store *st, struct tcxd_error *e, const char *what);

void store_bind_date(sqlite3_stmt *s, int i, tcxd_date d);   /* DATE_NONE binds NULL */
void store_bind_text(sqlite3_stmt *s, int i, const char *t); /* NULL binds NULL */
tcxd_date store_column_date(sqlite3_stmt *s, int i);         /* NULL gives DATE_NONE */
/* Copies a text column into dst (always NUL-terminated, truncated to n-1 bytes). */
void store_column_copy(sqlite3_stmt *s, int i, char *dst, size_t n);

/* Steps a statement expected to finish with SQLITE_DONE. */
enum tcxd_err store_step_done(struct store *st, sqlite3_stmt *s, struct tcxd_error *e,
                              const char *what) TCXD_WUR;

/* Appends an audit record inside the current transaction. before/after: JSON or NULL. */
enum tcxd_err store_audit(struct store *st, const struct store_actor *who, const char *action,
                          const char *entity, int64_t entity_id, int64_t org_id, const char *before,
                          const char *after, struct tcxd_error *e) TCXD_WUR;

/* Appends a member event and rebuilds the derived tables, without an audit record (the caller
   audits: an organization merge audits once for all the members it moves). */
enum tcxd_err store_member_append(struct store *st, int64_t member_id,
                                  const struct member_event *ev, const char *decision_no,
                                  const char *detail, struct tcxd_error *e) TCXD_WUR;

/* The folded search key with the given name first ("phong nguyen van"). */
void store_fold_given_first(const char *full_name, struct buf *out);
/* Fills member.name_fold_given where it is empty (rows from before migration 0004 or a bulk
   path that left it empty). */
enum tcxd_err store_backfill_given(struct store *st, struct tcxd_error *e) TCXD_WUR;
/* Removes a load in pieces whose process died (store_bulk.h): TCXD_OK when there was none, or
   one is still being written. */
enum tcxd_err store_bulk_recover(struct store *st, struct tcxd_error *e) TCXD_WUR;

/* A member's derived state rebuilt and written (stints, gaps, cached status) from its events. */
/* The Phiếu's fields (MFF_PROFILE) of a member row; true when none is entered. */
bool store_member_profile_empty(const struct member_fields *f);
enum tcxd_err store_member_profile_write(struct store *st, int64_t member_id,
                                         const struct member_fields *f, struct tcxd_error *e);
enum tcxd_err store_member_rebuild(struct store *st, int64_t member_id, struct member_derived *d,
                                   struct tcxd_error *e) TCXD_WUR;

#endif
