/*
 * store_sqlite.c - the SQLite backend: open, pragmas, migrations, transactions, statement cache,
 * binding helpers and the audit writer.
 */
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/text.h"
#include "util/embedded.h"
#include "util/msg.h"
#include "util/xmalloc.h"

extern const struct embedded_file store_migrations[];

static int over_limit(void *arg);
static int busy_wait(void *arg, int n);

static const char *const stmt_sql[STMT__MAX] = {
#define X(id, sql) [id] = sql,
    STORE_STATEMENTS(X) PROGRAM_STATEMENTS(X) INSPECTION_STATEMENTS(X) CADRE_STATEMENTS(X)
        TRAINING_STATEMENTS(X)
        STAFF_STATEMENTS(X)
#undef X
};

sqlite3_stmt *store_stmt(struct store *st, enum stmt_id id)
{
    sqlite3_stmt *s = st->stmts[id];
    if (!s) {
        if (sqlite3_prepare_v3(st->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) !=
            SQLITE_OK)
            BUG("cannot prepare statement %d: %s", (int)id, sqlite3_errmsg(st->db));
        st->stmts[id] = s;
    } else {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
    }
    return s;
}

enum tcxd_err store_db_error(struct store *st, struct tcxd_error *e, const char *what)
{
    int rc = sqlite3_extended_errcode(st->db);
    if ((rc & 0xff) == SQLITE_INTERRUPT)
        return tcxd_fail(e, TCXD_EBUSY, "",
                         "%s: the request needs more work than one request may take; narrow it "
                         "(a smaller organization, a name, a page) or try again later",
                         what);
    /* the national IDs are checked before writing, against what readers see: a duplicate
       found by the index is in an import being written, or was written a moment ago */
    if (rc == SQLITE_CONSTRAINT_UNIQUE && strstr(sqlite3_errmsg(st->db), "member.national_id"))
        return tcxd_fail(e, TCXD_ECONFLICT, "national_id", "%s: %s", what,
                         MSG_T("a member with this national ID is being imported or was just "
                               "registered"));
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return tcxd_fail(e, TCXD_ECONFLICT, "", "%s: %s", what, sqlite3_errmsg(st->db));
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        return tcxd_fail(e, TCXD_EBUSY, "", "%s: the database is busy, try again", what);
    return tcxd_fail(e, TCXD_EDB, "", "%s: %s", what, sqlite3_errmsg(st->db));
}

void store_bind_date(sqlite3_stmt *s, int i, tcxd_date d)
{
    if (d == DATE_NONE) {
        sqlite3_bind_null(s, i);
        return;
    }
    char iso[DATE_ISO_LEN];
    date_format_iso(d, iso);
    sqlite3_bind_text(s, i, iso, 10, SQLITE_TRANSIENT);
}

void store_bind_text(sqlite3_stmt *s, int i, const char *t)
{
    if (!t)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_text(s, i, t, -1, SQLITE_TRANSIENT);
}

/* Dates in the database are always well-formed ISO text written by store_bind_date. */
tcxd_date store_column_date(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    if (!t || sqlite3_column_bytes(s, i) != 10)
        return DATE_NONE;
    int y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
    int m = (t[5] - '0') * 10 + (t[6] - '0');
    int d = (t[8] - '0') * 10 + (t[9] - '0');
    if (!date_valid_ymd(y, m, d))
        return DATE_NONE;
    return date_from_ymd(y, m, d);
}

void store_column_copy(sqlite3_stmt *s, int i, char *dst, size_t n)
{
    const char *t = (const char *)sqlite3_column_text(s, i);
    size_t len = t ? (size_t)sqlite3_column_bytes(s, i) : 0;
    if (len >= n)
        len = n - 1;
    if (len)
        memcpy(dst, t, len);
    dst[len] = '\0';
}

enum tcxd_err store_step_done(struct store *st, sqlite3_stmt *s, struct tcxd_error *e,
                              const char *what)
{
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_db_error(st, e, what);
    return TCXD_OK;
}

static enum tcxd_err exec(struct store *st, const char *sql, struct tcxd_error *e)
{
    char *msg = NULL;
    int src = sqlite3_exec(st->db, sql, NULL, NULL, &msg);
    if (src != SQLITE_OK) {
        bool busy = (src & 0xff) == SQLITE_BUSY || (src & 0xff) == SQLITE_LOCKED;
        enum tcxd_err rc =
            tcxd_fail(e, busy ? TCXD_EBUSY : TCXD_EDB, "", "database: %s", msg ? msg : "error");
        sqlite3_free(msg);
        return rc;
    }
    return TCXD_OK;
}

/* Has migration n been applied? Each applied migration leaves meta 'migration:NNNN'; numbers are
   applied in order but a lower number that arrives later (merged branches) is still applied. */
static bool migration_applied(struct store *st, int n)
{
    char key[32];
    snprintf(key, sizeof(key), "migration:%04d", n);
    sqlite3_stmt *s;
    bool found = false;
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM meta WHERE key = ?1", -1, &s, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
        found = sqlite3_step(s) == SQLITE_ROW;
        sqlite3_finalize(s);
    }
    return found;
}

/* Migration files are named NNNN_description.sql and applied in order, each in its own
   transaction; meta.schema_version records the highest applied. */
static enum tcxd_err migrate(struct store *st, bool readonly, struct tcxd_error *e)
{
    enum tcxd_err rc;
    int version = 0;
    for (const struct embedded_file *f = store_migrations; f->name; f++) {
        int n = (int)strtol(f->name, NULL, 10);
        if (migration_applied(st, n)) {
            if (n > version)
                version = n;
            continue;
        }
        if (readonly)
            return tcxd_fail(e, TCXD_EDB, "",
                             "database schema is older than this tcxd (migration %04d missing);"
                             " open it once read-write to upgrade",
                             n);
        if ((rc = exec(st, "BEGIN IMMEDIATE", e)))
            return rc;
        if ((rc = exec(st, f->data, e))) {
            exec(st, "ROLLBACK", NULL);
            return rc;
        }
        if (n > version)
            version = n;
        char sql[256];
        snprintf(sql, sizeof(sql),
                 "INSERT INTO meta(key, value) VALUES('migration:%04d', '%s');"
                 "INSERT INTO meta(key, value) VALUES('schema_version', '%d') "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 n, f->name, version);
        if ((rc = exec(st, sql, e)) || (rc = exec(st, "COMMIT", e))) {
            exec(st, "ROLLBACK", NULL);
            return rc;
        }
    }
    st->schema_version = version;
    /* SQLite-specific: the audit table is append-only. */
    if (!readonly)
        return exec(st,
                    "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit "
                    "BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;"
                    "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit "
                    "BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;",
                    e);
    return TCXD_OK;
}

/*
 * The member tables as every statement of this connection reads them: an import being written in
 * pieces (0110_import_batch.sql) has its rows in the ranges of ids import_batch reserved for it,
 * and these views, which shadow the tables of the same name (an unqualified name is looked up in
 * the temporary schema first), leave those ranges out. So no statement can see an unpublished
 * import, whoever wrote it; the writes name the tables themselves (main.member ...). The
 * condition is on the rowid, which every index holds: a covering index stays covering, and
 * likely() keeps the planner's estimates as they were.
 */
static const char member_views[] =
    "CREATE TEMP VIEW member AS SELECT * FROM main.member WHERE likely(id NOT BETWEEN "
    "COALESCE((SELECT member_lo FROM main.import_batch), 1) AND "
    "COALESCE((SELECT member_hi FROM main.import_batch), 0));"
    "CREATE TEMP VIEW member_event AS SELECT * FROM main.member_event WHERE likely(id NOT BETWEEN "
    "COALESCE((SELECT event_lo FROM main.import_batch), 1) AND "
    "COALESCE((SELECT event_hi FROM main.import_batch), 0));"
    "CREATE TEMP VIEW member_stint AS SELECT * FROM main.member_stint WHERE likely(rowid NOT "
    "BETWEEN COALESCE((SELECT stint_lo FROM main.import_batch), 1) AND "
    "COALESCE((SELECT stint_hi FROM main.import_batch), 0));"
    "CREATE TEMP VIEW member_gap AS SELECT * FROM main.member_gap WHERE likely(rowid NOT BETWEEN "
    "COALESCE((SELECT gap_lo FROM main.import_batch), 1) AND "
    "COALESCE((SELECT gap_hi FROM main.import_batch), 0));";

enum tcxd_err store_open(const char *path, int flags, struct store **out, struct tcxd_error *e)
{
    struct store *st = xcalloc(1, sizeof(*st));
    snprintf(st->path, sizeof(st->path), "%s", path);
    int oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (flags & STORE_CREATE)
        oflags |= SQLITE_OPEN_CREATE;
    oflags |= SQLITE_OPEN_NOMUTEX;
    enum tcxd_err rc;
    if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
        rc = tcxd_fail(e, TCXD_EIO, "db", "cannot open database '%s': %s%s", path,
                       st->db ? sqlite3_errmsg(st->db) : MSG_T("out of memory"),
                       (flags & STORE_CREATE) ? "" : MSG_T(" (run 'tcxd init' first)"));
        sqlite3_close(st->db);
        free(st);
        return rc;
    }
    store_busy_wait(st, true);
    sqlite3_progress_handler(st->db, 1000, over_limit, st);
    if ((rc = exec(st, "PRAGMA foreign_keys = ON", e)) ||
        (!(flags & STORE_READONLY) && (rc = exec(st, "PRAGMA journal_mode = WAL", e))) ||
        (rc = exec(st,
                   "PRAGMA synchronous = FULL; PRAGMA cache_size = -65536;"
                   "PRAGMA temp_store = MEMORY",
                   e)) ||
        (rc = migrate(st, flags & STORE_READONLY, e)) ||
        (!(flags & STORE_READONLY) && (rc = store_backfill_given(st, e))) ||
        (rc = exec(st, member_views, e)) ||
        (!(flags & STORE_READONLY) && (rc = store_bulk_recover(st, e)))) {
        store_close(st);
        return rc;
    }
    *out = st;
    return TCXD_OK;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    for (int i = 0; i < STMT__MAX; i++)
        sqlite3_finalize(st->stmts[i]);
    if (st->coll)
        text_collator_free(st->coll);
    store_scope_release(st);
    sqlite3_close_v2(st->db);
    free(st);
}

int store_schema_version(struct store *st)
{
    return st->schema_version;
}

/* TCXD_STRICT_STORE=1 (the test suites) makes a statement or transaction left open fatal, so
   that such a bug fails the tests instead of hiding behind the repair. */
static void strict_stop(void)
{
    const char *strict = getenv("TCXD_STRICT_STORE");
    if (strict && !strcmp(strict, "1"))
        abort();
}

/* Resets every statement of the connection that is still stepping. A statement left on a row
   keeps its read transaction open after COMMIT, in autocommit mode too: the connection then goes
   on reading the database as it was (issue 9: new sessions unknown, new members missing, writes
   refused as busy). Names each one on stderr when `report` is set; returns how many there were. */
static int reset_active(struct store *st, const char *report)
{
    int n = 0;
    for (sqlite3_stmt *s = sqlite3_next_stmt(st->db, NULL); s; s = sqlite3_next_stmt(st->db, s)) {
        if (!sqlite3_stmt_busy(s))
            continue;
        if (report) {
            fprintf(stderr, "tcxd: BUG: statement left active %s: %.120s\n", report,
                    sqlite3_sql(s));
            strict_stop();
        }
        sqlite3_reset(s);
        n++;
    }
    return n;
}

/* Ends the outermost transaction with `sql` (COMMIT or ROLLBACK). Statements still stepping are
   reset first, so that COMMIT really ends the read snapshot; a COMMIT that fails is rolled back,
   so that the connection never stays inside a transaction. */
static enum tcxd_err end_transaction(struct store *st, const char *sql, struct tcxd_error *e)
{
    reset_active(st, NULL);
    enum tcxd_err rc = exec(st, sql, e);
    if (rc || !sqlite3_get_autocommit(st->db))
        exec(st, "ROLLBACK", NULL);
    return rc;
}

/* Starts the outermost transaction: anything still stepping here was left by a read outside any
   transaction and would pin the new transaction to its old snapshot. */
static enum tcxd_err begin_transaction(struct store *st, const char *sql, struct tcxd_error *e)
{
    reset_active(st, "before a transaction");
    enum tcxd_err rc = exec(st, sql, e);
    if (rc)
        st->tx_depth = 0;
    return rc;
}

enum tcxd_err store_begin(struct store *st, struct tcxd_error *e)
{
    if (st->tx_depth++ > 0)
        return TCXD_OK;
    return begin_transaction(st, "BEGIN IMMEDIATE", e);
}

enum tcxd_err store_commit(struct store *st, struct tcxd_error *e)
{
    if (st->tx_depth <= 0)
        BUG("store_commit without store_begin");
    if (--st->tx_depth > 0)
        return TCXD_OK;
    return end_transaction(st, "COMMIT", e);
}

enum tcxd_err store_read_begin(struct store *st, struct tcxd_error *e)
{
    if (st->tx_depth++ > 0)
        return TCXD_OK;
    return begin_transaction(st, "BEGIN", e); /* deferred: a read snapshot, no write lock */
}

void store_read_end(struct store *st)
{
    if (st->tx_depth <= 0)
        BUG("store_read_end without store_read_begin");
    if (--st->tx_depth > 0)
        return;
    struct tcxd_error e;
    if (end_transaction(st, "COMMIT", &e))
        fprintf(stderr, "tcxd: ending a read snapshot: %s\n", e.msg);
}

void store_rollback(struct store *st)
{
    if (st->tx_depth <= 0)
        return;
    /* an inner failure poisons the whole transaction: the outermost caller rolls back */
    if (--st->tx_depth > 0)
        return;
    end_transaction(st, "ROLLBACK", NULL);
}

int store_idle_check(struct store *st, const char *where)
{
    int n = reset_active(st, where);
    if (st->tx_depth > 0 || !sqlite3_get_autocommit(st->db)) {
        fprintf(stderr, "tcxd: BUG: transaction left open %s (depth %d)\n", where, st->tx_depth);
        strict_stop();
        st->tx_depth = 0;
        exec(st, "ROLLBACK", NULL);
        n++;
    }
    return n;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SQLite's progress handler: non-zero stops the running statement (SQLITE_INTERRUPT). */
/* Waiting for another connection's write lock: a try every millisecond up to the timeout.
   SQLite's own handler (sqlite3_busy_timeout) waits up to 100 ms between tries, so a writer
   whose transactions follow one another closely - an import in pieces, with a 2 ms pause
   between them - could keep it waiting for many of them. */
static int busy_wait(void *arg, int n)
{
    struct store *st = arg;
    int64_t now = now_ms();
    if (n == 0)
        st->busy_since = now;
    if (now - st->busy_since >= STORE_BUSY_TIMEOUT_MS)
        return 0;
    struct timespec ts = {0, 1000000};
    nanosleep(&ts, NULL);
    return 1;
}

void store_busy_wait(struct store *st, bool wait)
{
    sqlite3_busy_handler(st->db, wait ? busy_wait : NULL, st);
}

static int over_limit(void *arg)
{
    struct store *st = arg;
    return st->deadline_ms && now_ms() > st->deadline_ms;
}

void store_set_cost_limit(struct store *st, int ms)
{
    st->deadline_ms = ms > 0 ? now_ms() + ms : 0;
}

void store_cost_pause(struct store *st, struct store_cost_pause *p)
{
    p->deadline_ms = st->deadline_ms;
    p->at_ms = now_ms();
    st->deadline_ms = 0;
}

void store_cost_resume(struct store *st, const struct store_cost_pause *p)
{
    st->deadline_ms = p->deadline_ms ? p->deadline_ms + (now_ms() - p->at_ms) : 0;
}

void store_bulk_mode(struct store *st, bool on)
{
    /* FULL: a commit is on disk (WAL synced) before it is acknowledged; leaving bulk mode
       checkpoints and syncs what was written without syncs */
    exec(st, on ? "PRAGMA synchronous = OFF" : "PRAGMA synchronous = FULL", NULL);
    if (!on)
        exec(st, "PRAGMA wal_checkpoint(FULL)", NULL);
}

enum tcxd_err store_audit(struct store *st, const struct store_actor *who, const char *action,
                          const char *entity, int64_t entity_id, int64_t org_id, const char *before,
                          const char *after, struct tcxd_error *e)
{
    char at[32];
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
    sqlite3_stmt *s = store_stmt(st, STMT_AUDIT_INSERT);
    sqlite3_bind_text(s, 1, at, -1, SQLITE_TRANSIENT);
    store_bind_text(s, 2, who && who->username ? who->username : "?");
    store_bind_text(s, 3, who && who->address ? who->address : "");
    store_bind_text(s, 4, action);
    store_bind_text(s, 5, entity);
    if (entity_id)
        sqlite3_bind_int64(s, 6, entity_id);
    if (org_id)
        sqlite3_bind_int64(s, 7, org_id);
    store_bind_text(s, 8, before);
    store_bind_text(s, 9, after);
    return store_step_done(st, s, e, "writing the audit record");
}

enum tcxd_err store_audit_list(struct store *st, const struct audit_query *q,
                               void (*fn)(void *ctx, const struct audit_row *r), void *ctx,
                               struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_AUDIT_LIST);
    sqlite3_bind_int64(s, 1, q->org_id);
    store_bind_text(s, 2, q->username);
    store_bind_text(s, 3, q->since ? q->since : "");
    sqlite3_bind_int(s, 4, q->limit > 0 ? q->limit : 1000);
    int rc;
    bool scoped = store_scoped(st), top = store_scope_is_top(st);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct audit_row r;
        memset(&r, 0, sizeof(r));
        r.id = sqlite3_column_int64(s, 0);
        store_column_copy(s, 1, r.at, sizeof(r.at));
        store_column_copy(s, 2, r.username, sizeof(r.username));
        store_column_copy(s, 3, r.address, sizeof(r.address));
        store_column_copy(s, 4, r.action, sizeof(r.action));
        store_column_copy(s, 5, r.entity, sizeof(r.entity));
        r.entity_id = sqlite3_column_int64(s, 6);
        r.org_id = sqlite3_column_int64(s, 7);
        r.before = (const char *)sqlite3_column_text(s, 8);
        r.after = (const char *)sqlite3_column_text(s, 9);
        /* a scoped reader sees a member's records while the member is in its scope today (the
           images hold personal data), other records by their organization */
        if (scoped && !(!strcmp(r.entity, "member") ? store_scope_member(st, r.entity_id)
                        : r.org_id                  ? store_scope_org_today(st, r.org_id)
                                                    : top))
            continue;
        fn(ctx, &r);
    }
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading the audit log");
    return TCXD_OK;
}

int64_t store_audit_count(struct store *st)
{
    sqlite3_stmt *s = store_stmt(st, STMT_AUDIT_COUNT);
    int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_reset(s); /* release the read snapshot (issue 9) */
    return n;
}
