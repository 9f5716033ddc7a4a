/*
 * store_bulk.c - loading many members in one transaction, and reading rolls for export.
 *
 * store_bulk_member_add() writes what store_member_admit() + store_member_event(OFFICIAL) +
 * store_member_event(TRANSFER) write (see store_member.c): the member row with its derived
 * columns already final (one INSERT instead of INSERT + UPDATE), the ADMIT event, the OFFICIAL
 * event, the TRANSFER event, the stints and gaps of the replay, in that order per table, so ids
 * come out the same. tests/io/test_import.c compares both paths.
 *
 * Rows wait in one queue per table and are written STORE_BULK_BATCH at a time by one multi-row
 * INSERT OR FAIL (FAIL: a failing row does not need a statement journal to undo the rows before
 * it - the whole load is rolled back anyway). Member ids are given explicitly (the largest id
 * + 1, as SQLite would), so events and stints can name their member before it is written.
 */
#include "store/store_bulk.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "store/store_auth.h"
#include "store/store_internal.h"
#include "text/text.h"
#include "util/msg.h"
#include "util/xmalloc.h"

struct saved_sql {
    char *name, *sql, *table;
};

/* A value waiting in a queue: text and blobs live in the queue's buffer. */
enum qtype { QV_NULL, QV_INT, QV_TEXT, QV_BLOB };
struct qval {
    enum qtype type;
    int64_t i;
    size_t off, len;
};

#define QCOLS_MAX 22

struct queue {
    enum stmt_id one, many; /* one row; STORE_BULK_BATCH rows */
    int ncols;
    size_t nrows;
    struct qval v[STORE_BULK_BATCH * QCOLS_MAX];
    struct buf text;
};

/* Open registrations added per (chi bộ, status): what member_count_open_insert would add. */
struct open_count {
    int64_t org_id; /* 0: free slot */
    int status;
    int64_t n;
};

/* A registration (member_stint row) waiting for the separate build (see "apart" below). */
struct pstint {
    int64_t member_id, org_id;
    tcxd_date from, to;
    int kind, status;
};

/* member_stint built apart: on a second connection, on a second thread, while this one builds
   the other tables' indexes; then copied in. */
struct apart {
    bool on;
    struct pstint *v;
    size_t n, cap;
    char *table_sql; /* member_stint's CREATE TABLE */
    struct saved_sql *indexes;
    size_t nindexes;
    bool attached, running;
    pthread_t thread;
    unsigned char *image; /* the built database (sqlite3_serialize), handed to deserialize */
    sqlite3_int64 size;
    char err[256]; /* the thread's failure, "" when none */
};

/* The id ranges of a chunked load, by table (import_batch's columns, in that order). */
enum { BR_MEMBER, BR_EVENT, BR_STINT, BR_GAP, BR__MAX };
struct batch_range {
    int64_t lo, hi; /* reserved: lo .. hi - 1 for rows, hi for the mark */
    int64_t next;   /* the next row's id */
};

/* A registration (kind 0) of a chunked load: the snapshot days it covers lose their marks when
   the load is published (the days are those stored then). */
struct reg {
    tcxd_date from, to;
};

struct store_bulk {
    struct store *st;
    size_t n;
    tcxd_date today;
    struct buf fold, key, given;
    struct member_derived d;
    bool fk_off;               /* foreign key checks were turned off for the load */
    bool journal_switched;     /* WAL was switched to a rollback journal for the load */
    struct saved_sql *indexes; /* dropped for the load, made again at commit */
    size_t nindexes, indexes_cap;

    /* sole writer */
    bool sole;
    int64_t next_id;            /* the next member's id */
    struct saved_sql *triggers; /* dropped for the load, made again at commit */
    size_t ntriggers;
    struct apart apart;
    struct open_count *open; /* open addressing, cap a power of two */
    size_t nopen, open_cap;
    tcxd_date *days; /* member_count_day, ascending */
    bool *day_hit;   /* a registration written covers the day */
    size_t ndays;

    struct queue members, events, stints, gaps;
    bool prepared; /* store_bulk_prepare done */

    /* chunked (store_bulk_opts.chunk_rows) */
    bool chunked, in_chunk;
    size_t chunk_rows, chunk_n;
    int lock_fd; /* the import lock (-1: none) */
    struct batch_range r[BR__MAX];
    struct reg *regs;
    size_t nregs, regs_cap;
    bool check_org_generation;
    int64_t org_generation;
    void (*chunk_done)(void *ctx, size_t written);
    void *chunk_ctx;
};

/* The count triggers of 0005 and 0006 on member_stint: the two insert ones, which a sole
   writer replaces (see store_bulk.h), first; the others never fire during a load (it only
   inserts), but a table with triggers cannot be copied in whole (see "apart"). */
static const char *const count_triggers[6] = {
    "member_count_open_insert", "member_count_at_insert", "member_count_open_delete",
    "member_count_open_update", "member_count_at_delete", "member_count_at_update"};

/*
 * Every index and trigger on the tables a load writes, as the load handles it. A migration that
 * adds one must be handled here - a new insert trigger emulated by a sole writer (count_stint),
 * a unique index checked by the importer before its index is dropped for the load - and listed:
 * tests/store/test_bulk_schema.c fails on any index or trigger of these tables not listed (or
 * listed and gone).
 */
const char *const store_bulk_tables[] = {"member",     "member_event",      "member_stint",
                                         "member_gap", "member_count_open", "member_count_day"};
const size_t store_bulk_ntables = ARRAY_SIZE(store_bulk_tables);
const struct store_bulk_known store_bulk_known_schema[] = {
    {"index", "member_name_fold", "dropped for the load, made again at commit"},
    {"index", "member_name_fold_given", "dropped for the load, made again at commit"},
    {"index", "member_org", "dropped for the load, made again at commit"},
    {"index", "member_national_id_living",
     "unique: a sole writer's caller checks national IDs (the importer: file and database), the "
     "index is dropped and made again at commit (a duplicate still fails the load)"},
    {"index", "member_event_member", "led by member_id: kept (new ids only grow at its end)"},
    {"index", "member_gap_member", "led by member_id: kept"},
    {"index", "member_stint_member", "led by member_id: kept; built apart with the table"},
    {"index", "member_stint_end", "dropped and made again, or built apart with the table"},
    {"index", "member_stint_org", "dropped and made again, or built apart with the table"},
    {"index", "sqlite_autoindex_member_count_open_1",
     "the key counts_end's upsert adds the open registrations on"},
    {"index", "sqlite_autoindex_member_count_day_1", "the snapshot days counts_end unmarks"},
    {"trigger", "member_count_open_insert", "a sole writer does its work (count_stint)"},
    {"trigger", "member_count_at_insert", "a sole writer does its work (count_stint)"},
    {"trigger", "member_count_open_delete", "never fires in a load; dropped when built apart"},
    {"trigger", "member_count_open_update", "never fires in a load; dropped when built apart"},
    {"trigger", "member_count_at_delete", "never fires in a load; dropped when built apart"},
    {"trigger", "member_count_at_update", "never fires in a load; dropped when built apart"},
};
const size_t store_bulk_nknown = ARRAY_SIZE(store_bulk_known_schema);

enum tcxd_err store_bulk_org_by_code(struct store *st, const char *code, struct store_bulk_org *out,
                                     struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_BULK_ORG_BY_CODE);
    sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return store_db_error(st, e, "reading organization");
        return tcxd_fail(e, TCXD_ENOTFOUND, "org", "unknown organization '%s'", code);
    }
    out->id = sqlite3_column_int64(s, 0);
    out->tier = (enum org_tier)sqlite3_column_int(s, 1);
    out->form = (enum org_form)sqlite3_column_int(s, 2);
    out->created_on = store_column_date(s, 3);
    out->ended_on = store_column_date(s, 4);
    sqlite3_reset(s);
    return TCXD_OK;
}

/* An index's or trigger's CREATE statement as the schema holds it, with its name in the main
   schema: unqualified, the table it is on would be looked up among the connection's temporary
   views first (the member views, store_sqlite.c) and found to be a view. */
static char *main_qualified(const char *sql)
{
    static const char *const heads[] = {"CREATE UNIQUE INDEX ", "CREATE INDEX ", "CREATE TRIGGER "};
    for (size_t i = 0; i < ARRAY_SIZE(heads); i++) {
        size_t n = strlen(heads[i]);
        if (!strncmp(sql, heads[i], n)) {
            struct buf b = BUF_INIT;
            buf_add(&b, sql, n);
            buf_adds(&b, "main.");
            buf_adds(&b, sql + n);
            return buf_detach(&b, NULL);
        }
    }
    return xstrdup(sql);
}

/* Sets the journal mode; true when the database now uses it. */
static bool set_journal(struct store *st, const char *mode)
{
    char sql[64];
    snprintf(sql, sizeof(sql), "PRAGMA journal_mode = %s", mode);
    sqlite3_stmt *s;
    bool ok = false;
    /* leaving WAL needs the database to itself: with other connections open (a server's) it
       cannot, and waiting for them would only delay the load */
    store_busy_wait(st, false);
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            ok = !strcmp((const char *)sqlite3_column_text(s, 0), mode);
        sqlite3_finalize(s);
    }
    store_busy_wait(st, true);
    return ok;
}

static int64_t max_member_id(struct store *st)
{
    sqlite3_stmt *s = store_stmt(st, STMT_MEMBER_MAX_ID);
    int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return n;
}

/* Drops the secondary indexes of the member tables, remembering how to make them again:
   building an index once from sorted rows is much cheaper than updating it row by row at random
   places. The indexes led by member_id stay: new members get ever larger ids, so those only grow
   at their end. Unique indexes (national IDs) stay unless the handle is the sole writer: then
   the caller has checked the values (the importer does, against the file and the database),
   and making the index again at commit checks them once more - a duplicate fails the load. */
static enum tcxd_err drop_indexes(struct store_bulk *b, struct tcxd_error *e)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(
            b->st->db,
            "SELECT m.name, m.sql, m.tbl_name FROM sqlite_master m WHERE m.type = 'index' AND "
            "m.sql IS NOT NULL AND m.tbl_name IN ('member', 'member_event', 'member_stint', "
            "'member_gap') AND (?1 OR m.sql NOT LIKE 'CREATE UNIQUE%') AND (SELECT i.name FROM "
            "pragma_index_info(m.name) i WHERE i.seqno = 0) IS NOT 'member_id' ORDER BY m.name",
            -1, &s, NULL) != SQLITE_OK)
        return store_db_error(b->st, e, "reading the schema");
    sqlite3_bind_int(s, 1, b->sole);
    while (sqlite3_step(s) == SQLITE_ROW) {
        ALLOC_GROW(b->indexes, b->nindexes + 1, b->indexes_cap);
        b->indexes[b->nindexes].name = xstrdup((const char *)sqlite3_column_text(s, 0));
        b->indexes[b->nindexes].sql = main_qualified((const char *)sqlite3_column_text(s, 1));
        b->indexes[b->nindexes].table = xstrdup((const char *)sqlite3_column_text(s, 2));
        b->nindexes++;
    }
    sqlite3_finalize(s);
    for (size_t i = 0; i < b->nindexes; i++) {
        char sql[256];
        snprintf(sql, sizeof(sql), "DROP INDEX \"%s\"", b->indexes[i].name);
        if (sqlite3_exec(b->st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
            return store_db_error(b->st, e, "preparing the bulk load");
    }
    return TCXD_OK;
}

static enum tcxd_err make_indexes(struct store_bulk *b, struct tcxd_error *e)
{
    for (size_t i = 0; i < b->nindexes; i++) {
        if (b->apart.on && !strcmp(b->indexes[i].table, "member_stint"))
            continue; /* made with the table, apart */
        if (sqlite3_exec(b->st->db, b->indexes[i].sql, NULL, NULL, NULL) != SQLITE_OK)
            return store_db_error(b->st, e, "indexing the loaded members");
    }
    return TCXD_OK;
}

void store_bulk_name_keys(struct text_collator *c, const char *full_name, struct buf *fold,
                          struct buf *key, struct buf *given)
{
    buf_reset(fold);
    buf_reset(key);
    buf_reset(given);
    text_fold(full_name, fold);
    text_name_sort_key(c, full_name, key);
    store_fold_given_first(full_name, given);
}

void store_bulk_name_folds(const char *full_name, struct buf *fold, struct buf *given)
{
    text_fold(full_name, fold);
    store_fold_given_first(full_name, given);
}

enum tcxd_err store_bulk_orgs(struct store *st,
                              void (*fn)(void *ctx, const char *code,
                                         const struct store_bulk_org *o),
                              void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_BULK_ORGS_ALL);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_bulk_org o = {
            .id = sqlite3_column_int64(s, 1),
            .tier = (enum org_tier)sqlite3_column_int(s, 2),
            .form = (enum org_form)sqlite3_column_int(s, 3),
            .created_on = store_column_date(s, 4),
            .ended_on = store_column_date(s, 5),
        };
        fn(ctx, (const char *)sqlite3_column_text(s, 0), &o);
    }
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading organizations");
}

enum tcxd_err store_bulk_national_ids(struct store *st,
                                      void (*fn)(void *ctx, const char *nid, int64_t member_id),
                                      void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_BULK_NIDS);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        fn(ctx, (const char *)sqlite3_column_text(s, 0), sqlite3_column_int64(s, 1));
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading national IDs");
}

enum tcxd_err store_bulk_national_ids_after(struct store *st, int64_t after_id,
                                            void (*fn)(void *ctx, const char *nid,
                                                       int64_t member_id),
                                            void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_BULK_NIDS_AFTER);
    sqlite3_bind_int64(s, 1, after_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        fn(ctx, (const char *)sqlite3_column_text(s, 0), sqlite3_column_int64(s, 1));
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading national IDs");
}

/* ---- queues ----------------------------------------------------------------------------- */

static void queue_init(struct queue *q, enum stmt_id one, enum stmt_id many, int ncols)
{
    q->one = one;
    q->many = many;
    q->ncols = ncols;
    q->nrows = 0;
    buf_init(&q->text, 0);
}

/* The values of the next row, all NULL. */
static struct qval *q_row(struct queue *q)
{
    struct qval *v = &q->v[q->nrows * (size_t)q->ncols];
    memset(v, 0, sizeof(*v) * (size_t)q->ncols);
    return v;
}

static void q_int(struct qval *v, int64_t i)
{
    v->type = QV_INT;
    v->i = i;
}

static void q_text(struct queue *q, struct qval *v, const char *s, size_t len)
{
    v->type = QV_TEXT;
    v->off = q->text.len;
    v->len = len;
    buf_add(&q->text, s, len);
}

static void q_str(struct queue *q, struct qval *v, const struct buf *s, bool null_if_empty)
{
    if (!null_if_empty || s->len)
        q_text(q, v, s->ptr, s->len);
}

static void q_date(struct queue *q, struct qval *v, tcxd_date d)
{
    if (d == DATE_NONE)
        return;
    char iso[DATE_ISO_LEN];
    date_format_iso(d, iso);
    q_text(q, v, iso, 10);
}

static void q_bind(struct queue *q, sqlite3_stmt *s, int first, const struct qval *v, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        int i = first + (int)k;
        switch (v[k].type) {
        case QV_NULL:
            sqlite3_bind_null(s, i);
            break;
        case QV_INT:
            sqlite3_bind_int64(s, i, v[k].i);
            break;
        case QV_TEXT:
            sqlite3_bind_text(s, i, q->text.ptr + v[k].off, (int)v[k].len, SQLITE_STATIC);
            break;
        case QV_BLOB:
            sqlite3_bind_blob(s, i, q->text.ptr + v[k].off, (int)v[k].len, SQLITE_STATIC);
            break;
        }
    }
}

/* Writes the waiting rows: a full batch with one statement, fewer one by one. */
static enum tcxd_err q_flush(struct store_bulk *b, struct queue *q, struct tcxd_error *e)
{
    enum tcxd_err rc = TCXD_OK;
    size_t nc = (size_t)q->ncols;
    /* the members a batch of events, registrations or gaps refers to go first (foreign keys
       stay checked in a load nested in an outer transaction) */
    if (q != &b->members && b->members.nrows && (rc = q_flush(b, &b->members, e)))
        return rc;
    if (q->nrows == STORE_BULK_BATCH) {
        sqlite3_stmt *s = store_stmt(b->st, q->many);
        q_bind(q, s, 1, q->v, STORE_BULK_BATCH * nc);
        rc = store_step_done(b->st, s, e, "writing the members");
    } else {
        for (size_t r = 0; r < q->nrows && !rc; r++) {
            sqlite3_stmt *s = store_stmt(b->st, q->one);
            q_bind(q, s, 1, &q->v[r * nc], nc);
            rc = store_step_done(b->st, s, e, "writing the members");
        }
    }
    q->nrows = 0;
    buf_reset(&q->text);
    return rc;
}

/* The row from q_row is complete: written now (not a sole writer) or when the batch is full. */
static enum tcxd_err q_done(struct store_bulk *b, struct queue *q, struct tcxd_error *e)
{
    q->nrows++;
    if (!b->sole || q->nrows == STORE_BULK_BATCH)
        return q_flush(b, q, e);
    return TCXD_OK;
}

static enum tcxd_err flush_all(struct store_bulk *b, struct tcxd_error *e)
{
    enum tcxd_err rc;
    if ((rc = q_flush(b, &b->members, e)) || (rc = q_flush(b, &b->events, e)) ||
        (rc = q_flush(b, &b->stints, e)) || (rc = q_flush(b, &b->gaps, e)))
        return rc;
    return TCXD_OK;
}

/* ---- the counts a sole writer keeps ------------------------------------------------------ */

static void open_add(struct store_bulk *b, int64_t org_id, int status)
{
    if ((b->nopen + 1) * 2 > b->open_cap) {
        struct open_count *old = b->open;
        size_t old_cap = b->open_cap;
        b->open_cap = old_cap ? old_cap * 2 : 1024;
        b->open = xcalloc(b->open_cap, sizeof(*b->open));
        b->nopen = 0;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].org_id) {
                size_t j =
                    ((uint64_t)old[i].org_id * 31 + (uint64_t)old[i].status) & (b->open_cap - 1);
                while (b->open[j].org_id)
                    j = (j + 1) & (b->open_cap - 1);
                b->open[j] = old[i];
                b->nopen++;
            }
        free(old);
    }
    size_t j = ((uint64_t)org_id * 31 + (uint64_t)status) & (b->open_cap - 1);
    while (b->open[j].org_id && (b->open[j].org_id != org_id || b->open[j].status != status))
        j = (j + 1) & (b->open_cap - 1);
    if (!b->open[j].org_id) {
        b->open[j].org_id = org_id;
        b->open[j].status = status;
        b->nopen++;
    }
    b->open[j].n++;
}

/* What the insert triggers do for one registration written: member_count_open_insert adds an
   open registration (kind 0, valid_to 9999-12-31) to its chi bộ's count, and
   member_count_at_insert drops the mark of every snapshot day in [from, to) (kind 0). */
static void count_stint(struct store_bulk *b, const struct member_stint *x)
{
    if (x->kind != STINT_REGISTERED)
        return;
    if (x->to == DATE_OPEN_END)
        open_add(b, x->org_id, (int)x->status);
    if (b->chunked) {
        ALLOC_GROW(b->regs, b->nregs + 1, b->regs_cap);
        b->regs[b->nregs++] = (struct reg){x->from, x->to};
        return;
    }
    size_t lo = 0, hi = b->ndays;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->days[mid] < x->from)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < b->ndays && b->days[i] < x->to; i++)
        b->day_hit[i] = true;
}

static enum tcxd_err counts_begin(struct store_bulk *b, struct tcxd_error *e)
{
    struct store *st = b->st;
    size_t cap = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_BULK_COUNT_DAYS);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        ALLOC_GROW(b->days, b->ndays + 1, cap);
        b->days[b->ndays++] = store_column_date(s, 0);
    }
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading the count snapshots");
    b->day_hit = xcalloc(b->ndays ? b->ndays : 1, sizeof(*b->day_hit));
    size_t ndrop = b->apart.on ? ARRAY_SIZE(count_triggers) : 2;
    b->triggers = xcalloc(ndrop, sizeof(*b->triggers));
    for (size_t i = 0; i < ndrop; i++) {
        s = store_stmt(st, STMT_BULK_TRIGGER_SQL);
        sqlite3_bind_text(s, 1, count_triggers[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            struct saved_sql *t = &b->triggers[b->ntriggers++];
            t->name = xstrdup(count_triggers[i]);
            t->sql = main_qualified((const char *)sqlite3_column_text(s, 0));
        }
        sqlite3_reset(s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return store_db_error(st, e, "reading the schema");
        if (rc != SQLITE_ROW)
            continue;
        char sql[128];
        snprintf(sql, sizeof(sql), "DROP TRIGGER \"%s\"", count_triggers[i]);
        if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
            return store_db_error(st, e, "preparing the bulk load");
    }
    return TCXD_OK;
}

/* At commit: the counts the triggers would have kept. */
static enum tcxd_err counts_end(struct store_bulk *b, struct tcxd_error *e)
{
    struct store *st = b->st;
    enum tcxd_err rc;
    for (size_t i = 0; i < b->open_cap; i++) {
        if (!b->open[i].org_id)
            continue;
        sqlite3_stmt *s = store_stmt(st, STMT_BULK_COUNT_OPEN_ADD);
        sqlite3_bind_int64(s, 1, b->open[i].org_id);
        sqlite3_bind_int(s, 2, b->open[i].status);
        sqlite3_bind_int64(s, 3, b->open[i].n);
        if ((rc = store_step_done(st, s, e, "updating the member counts")))
            return rc;
    }
    for (size_t i = 0; i < b->ndays; i++) {
        if (!b->day_hit[i])
            continue;
        sqlite3_stmt *s = store_stmt(st, STMT_BULK_COUNT_DAY_DELETE);
        store_bind_date(s, 1, b->days[i]);
        if ((rc = store_step_done(st, s, e, "updating the count snapshots")))
            return rc;
    }
    return TCXD_OK;
}

static enum tcxd_err triggers_restore(struct store_bulk *b, struct tcxd_error *e)
{
    for (size_t i = 0; i < b->ntriggers; i++)
        if (sqlite3_exec(b->st->db, b->triggers[i].sql, NULL, NULL, NULL) != SQLITE_OK)
            return store_db_error(b->st, e, "restoring the count triggers");
    return TCXD_OK;
}

/* ---- member_stint built apart ---------------------------------------------------------- */

/*
 * A sole-writer load that rebuilds indexes into a database without registrations builds
 * member_stint on a second connection (an in-memory database) on a second thread, while this
 * connection builds the other tables' indexes: the registrations are sorted in the order of
 * member_stint_end (whose SQLite sort is the slowest of all), written, indexed, and the whole
 * table with its indexes is copied into the empty member_stint by one INSERT ... SELECT *, which
 * SQLite does as a transfer of the ordered rows and index entries (no sort). For the transfer
 * the table needs no triggers: all six count triggers are dropped for the load (the delete and
 * update ones never fire in it) and made again after. Any other trigger, or registrations
 * already there, and the registrations are written the usual way.
 */
static const char apart_insert_one[] =
    "INSERT INTO main.member_stint(member_id, org_id, valid_from, valid_to, kind, status) "
    "VALUES(?, ?, ?, ?, ?, ?)";
static const char apart_insert_many[] =
    "INSERT INTO main.member_stint(member_id, org_id, valid_from, valid_to, kind, status) "
    "VALUES" BULK_TIMES32("(?,?,?,?,?,?)");

static bool known_trigger(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(count_triggers); i++)
        if (!strcmp(name, count_triggers[i]))
            return true;
    return false;
}

/* Before the transaction: whether member_stint can be built apart, and then the schema it
   needs and the attached database it will arrive in. */
static void apart_begin(struct store_bulk *b)
{
    sqlite3 *db = b->st->db;
    sqlite3_stmt *s;
    bool ok = true;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM member_stint LIMIT 1", -1, &s, NULL) != SQLITE_OK)
        return;
    ok = sqlite3_step(s) == SQLITE_DONE;
    sqlite3_finalize(s);
    if (!ok || sqlite3_prepare_v2(db,
                                  "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = "
                                  "'member_stint' AND sql IS NOT NULL",
                                  -1, &s, NULL) != SQLITE_OK)
        return;
    struct apart *a = &b->apart;
    size_t cap = 0;
    while (ok && sqlite3_step(s) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(s, 0);
        const char *name = (const char *)sqlite3_column_text(s, 1);
        const char *sql = (const char *)sqlite3_column_text(s, 2);
        if (!strcmp(type, "table")) {
            a->table_sql = xstrdup(sql);
        } else if (!strcmp(type, "index")) {
            ALLOC_GROW(a->indexes, a->nindexes + 1, cap);
            a->indexes[a->nindexes].name = xstrdup(name);
            a->indexes[a->nindexes].sql = xstrdup(sql);
            a->indexes[a->nindexes].table = xstrdup("member_stint");
            a->nindexes++;
        } else {
            ok = !strcmp(type, "trigger") && known_trigger(name);
        }
    }
    sqlite3_finalize(s);
    a->on = ok && a->table_sql &&
            sqlite3_exec(db, "ATTACH ':memory:' AS bulk_apart", NULL, NULL, NULL) == SQLITE_OK;
    a->attached = a->on;
}

static void apart_add(struct store_bulk *b, int64_t member_id, const struct member_stint *x)
{
    struct apart *a = &b->apart;
    ALLOC_GROW(a->v, a->n + 1, a->cap);
    a->v[a->n++] = (struct pstint){member_id, x->org_id, x->from, x->to, x->kind, x->status};
}

/* member_stint_end's order: valid_to, kind, valid_from, org_id, status (then the member). */
static int pstint_cmp(const void *pa, const void *pb)
{
    const struct pstint *x = pa, *y = pb;
    if (x->to != y->to)
        return x->to < y->to ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    if (x->org_id != y->org_id)
        return x->org_id < y->org_id ? -1 : 1;
    if (x->status != y->status)
        return x->status < y->status ? -1 : 1;
    return x->member_id < y->member_id ? -1 : x->member_id > y->member_id;
}

static bool apart_exec(struct apart *a, sqlite3 *db, const char *sql)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK)
        return true;
    snprintf(a->err, sizeof(a->err), "%s", sqlite3_errmsg(db));
    return false;
}

static void apart_bind(sqlite3_stmt *s, int first, const struct pstint *x,
                       char iso[2][DATE_ISO_LEN])
{
    date_format_iso(x->from, iso[0]);
    date_format_iso(x->to, iso[1]);
    sqlite3_bind_int64(s, first, x->member_id);
    sqlite3_bind_int64(s, first + 1, x->org_id);
    sqlite3_bind_text(s, first + 2, iso[0], 10, SQLITE_STATIC);
    sqlite3_bind_text(s, first + 3, iso[1], 10, SQLITE_STATIC);
    sqlite3_bind_int(s, first + 4, x->kind);
    sqlite3_bind_int(s, first + 5, x->status);
}

static void *apart_main(void *arg)
{
    struct apart *a = arg;
    sqlite3 *db = NULL;
    sqlite3_stmt *one = NULL, *many = NULL;
    char iso[STORE_BULK_BATCH][2][DATE_ISO_LEN];
    if (a->n > 1)
        qsort(a->v, a->n, sizeof(*a->v), pstint_cmp);
    if (sqlite3_open_v2(":memory:", &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        snprintf(a->err, sizeof(a->err), "cannot open an in-memory database");
        goto out;
    }
    if (!apart_exec(a, db,
                    "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                    "PRAGMA cache_size = -2000000") ||
        !apart_exec(a, db, a->table_sql) || !apart_exec(a, db, "BEGIN"))
        goto out;
    if (sqlite3_prepare_v2(db, apart_insert_one, -1, &one, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, apart_insert_many, -1, &many, NULL) != SQLITE_OK) {
        snprintf(a->err, sizeof(a->err), "%s", sqlite3_errmsg(db));
        goto out;
    }
    size_t i = 0;
    for (; i + STORE_BULK_BATCH <= a->n; i += STORE_BULK_BATCH) {
        for (int r = 0; r < STORE_BULK_BATCH; r++)
            apart_bind(many, 1 + 6 * r, &a->v[i + (size_t)r], iso[r]);
        if (sqlite3_step(many) != SQLITE_DONE) {
            snprintf(a->err, sizeof(a->err), "%s", sqlite3_errmsg(db));
            goto out;
        }
        sqlite3_reset(many);
    }
    for (; i < a->n; i++) {
        apart_bind(one, 1, &a->v[i], iso[0]);
        if (sqlite3_step(one) != SQLITE_DONE) {
            snprintf(a->err, sizeof(a->err), "%s", sqlite3_errmsg(db));
            goto out;
        }
        sqlite3_reset(one);
    }
    if (!apart_exec(a, db, "COMMIT"))
        goto out;
    /* the index whose order the rows are in sorts fast; the others sort here, not there */
    for (size_t k = 0; k < a->nindexes; k++)
        if (!apart_exec(a, db, a->indexes[k].sql))
            goto out;
    a->image = sqlite3_serialize(db, "main", &a->size, 0);
    if (!a->image)
        snprintf(a->err, sizeof(a->err), "cannot copy the registrations out");
out:
    sqlite3_finalize(one);
    sqlite3_finalize(many);
    sqlite3_close(db);
    return NULL;
}

static void apart_start(struct store_bulk *b)
{
    struct apart *a = &b->apart;
    a->running = pthread_create(&a->thread, NULL, apart_main, a) == 0;
    if (!a->running)
        apart_main(a);
}

static void apart_join(struct apart *a)
{
    if (a->running)
        pthread_join(a->thread, NULL);
    a->running = false;
}

/* Copies the registrations built apart into member_stint, with its indexes, and makes the
   triggers again. */
static enum tcxd_err apart_finish(struct store_bulk *b, struct tcxd_error *e)
{
    struct apart *a = &b->apart;
    sqlite3 *db = b->st->db;
    apart_join(a);
    if (a->err[0])
        return tcxd_fail(e, TCXD_EDB, "", "%s: %s", "building the registrations", a->err);
    unsigned char *image = a->image;
    a->image = NULL; /* the attached database owns it now */
    if (sqlite3_deserialize(db, "bulk_apart", image, a->size, a->size,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) !=
        SQLITE_OK)
        return store_db_error(b->st, e, "copying the registrations");
    /* the empty table gets the indexes dropped for the load back, so the copy brings them */
    for (size_t i = 0; i < b->nindexes; i++)
        if (!strcmp(b->indexes[i].table, "member_stint") &&
            sqlite3_exec(db, b->indexes[i].sql, NULL, NULL, NULL) != SQLITE_OK)
            return store_db_error(b->st, e, "indexing the registrations");
    if (sqlite3_exec(db, "INSERT INTO main.member_stint SELECT * FROM bulk_apart.member_stint",
                     NULL, NULL, NULL) != SQLITE_OK)
        return store_db_error(b->st, e, "copying the registrations");
    return TCXD_OK;
}

/* ---- a load in pieces -------------------------------------------------------------------- */

/*
 * A chunked load (store_bulk.h) reserves, in one short transaction, a range of ids in each member
 * table: import_batch holds the ranges, and one mark row at the top of each range makes other
 * writers' new rows go above it (SQLite gives a new row the largest rowid + 1). The store reads
 * the member tables through views that leave the ranges out (store_sqlite.c), and the count
 * triggers skip them (0110_import_batch.sql). Each piece of chunk_rows members is a transaction
 * of its own; publishing adds the counts, deletes the marks and the import_batch row and writes
 * the audit record, in one short transaction. A failed load, or one whose process died, is
 * deleted range by range, each step its own transaction, the import_batch row last: until then
 * its rows stay invisible. The import lock, a file next to the database held with flock(2) for
 * the whole load, tells a live load from a dead one: the kernel releases it when the process
 * dies.
 */
#define BATCH_DELETE_STEP 20000

static int lock_open(struct store *st)
{
    char path[1100];
    if (snprintf(path, sizeof(path), "%s-import", st->path) >= (int)sizeof(path))
        return -1;
    return open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
}

/* Reads import_batch into r; false when there is no import being written. */
static bool batch_get(struct store *st, struct batch_range r[BR__MAX])
{
    sqlite3_stmt *s = store_stmt(st, STMT_BATCH_GET);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    if (found)
        for (int t = 0; t < BR__MAX; t++) {
            r[t].lo = sqlite3_column_int64(s, 2 * t);
            r[t].hi = sqlite3_column_int64(s, 2 * t + 1);
        }
    sqlite3_reset(s);
    return found;
}

/* Deletes an unpublished load, a step at a time, the import_batch row last. The caller holds
   the import lock and has turned foreign key checks off (the rows refer only to each other). */
static enum tcxd_err batch_remove(struct store *st, const struct batch_range r[BR__MAX],
                                  struct tcxd_error *e)
{
    static const struct {
        int t;
        enum stmt_id id;
    } steps[] = {{BR_STINT, STMT_BATCH_DELETE_STINTS},
                 {BR_GAP, STMT_BATCH_DELETE_GAPS},
                 {BR_EVENT, STMT_BATCH_DELETE_EVENTS},
                 {BR_MEMBER, STMT_BATCH_DELETE_MEMBERS}};
    enum tcxd_err rc;
    for (size_t k = 0; k < ARRAY_SIZE(steps); k++) {
        int changed;
        do {
            if ((rc = store_begin(st, e)))
                return rc;
            sqlite3_stmt *s = store_stmt(st, steps[k].id);
            sqlite3_bind_int64(s, 1, r[steps[k].t].lo);
            sqlite3_bind_int64(s, 2, r[steps[k].t].hi);
            sqlite3_bind_int(s, 3, BATCH_DELETE_STEP);
            if ((rc = store_step_done(st, s, e, "removing an unfinished import"))) {
                store_rollback(st);
                return rc;
            }
            changed = sqlite3_changes(st->db);
            if ((rc = store_commit(st, e)))
                return rc;
        } while (changed > 0);
    }
    if ((rc = store_begin(st, e)))
        return rc;
    if ((rc = store_step_done(st, store_stmt(st, STMT_BATCH_END), e,
                              "removing an unfinished import"))) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, e);
}

static enum tcxd_err remove_locked(struct store *st, struct tcxd_error *e)
{
    struct batch_range r[BR__MAX];
    if (!batch_get(st, r))
        return TCXD_OK;
    sqlite3_exec(st->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
    enum tcxd_err rc = batch_remove(st, r, e);
    sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    return rc;
}

enum tcxd_err store_bulk_recover(struct store *st, struct tcxd_error *e)
{
    struct batch_range r[BR__MAX];
    if (!st->path[0] || !strcmp(st->path, ":memory:") || !batch_get(st, r))
        return TCXD_OK;
    int fd = lock_open(st);
    if (fd < 0)
        return TCXD_OK; /* cannot tell: left for a writer that can */
    enum tcxd_err rc = TCXD_OK;
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) { /* else a live load: its own */
        fprintf(stderr, "tcxd: ");
        fprintf(stderr, MSG_T("removing an import that did not finish (members #%lld-#%lld)"),
                (long long)r[BR_MEMBER].lo, (long long)r[BR_MEMBER].hi - 1);
        fputc('\n', stderr);
        rc = remove_locked(st, e);
    }
    close(fd);
    return rc;
}

/* The reservation, with the lock taken and any dead load removed: one short transaction. */
static enum tcxd_err chunked_begin(struct store_bulk *b, const struct store_bulk_opts *o,
                                   struct tcxd_error *e)
{
    struct store *st = b->st;
    b->lock_fd = lock_open(st);
    if (b->lock_fd < 0)
        return tcxd_fail(e, TCXD_EIO, "", "cannot open the import lock next to the database: %s",
                         strerror(errno));
    if (flock(b->lock_fd, LOCK_EX | LOCK_NB) != 0)
        return tcxd_fail(e, TCXD_EBUSY, "",
                         "another import is being written; try again when it has finished");
    enum tcxd_err rc = remove_locked(st, e);
    if (rc)
        return rc;
    if ((rc = store_begin(st, e)))
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_BATCH_MAX);
    int64_t max[BR__MAX] = {0}, org = 0;
    if (sqlite3_step(s) == SQLITE_ROW) {
        for (int t = 0; t < BR__MAX; t++)
            max[t] = sqlite3_column_int64(s, t);
        org = sqlite3_column_int64(s, BR__MAX);
    }
    sqlite3_reset(s);
    const size_t want[BR__MAX] = {o->reserve.members, o->reserve.events, o->reserve.stints,
                                  o->reserve.gaps};
    for (int t = 0; t < BR__MAX; t++) {
        b->r[t].lo = b->r[t].next = max[t] + 1;
        b->r[t].hi = max[t] + 1 + (int64_t)want[t];
    }
    char now[32];
    time_t tt = time(NULL);
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
    s = store_stmt(st, STMT_BATCH_INSERT);
    sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
    for (int t = 0; t < BR__MAX; t++) {
        sqlite3_bind_int64(s, 2 + 2 * t, b->r[t].lo);
        sqlite3_bind_int64(s, 3 + 2 * t, b->r[t].hi);
    }
    rc = store_step_done(st, s, e, "starting the import");
    static const enum stmt_id marks[BR__MAX] = {STMT_BATCH_MARK_MEMBER, STMT_BATCH_MARK_EVENT,
                                                STMT_BATCH_MARK_STINT, STMT_BATCH_MARK_GAP};
    for (int t = 0; t < BR__MAX && !rc; t++) {
        s = store_stmt(st, marks[t]);
        sqlite3_bind_int64(s, 1, b->r[t].hi);
        sqlite3_bind_int64(s, 2, t == BR_MEMBER ? org : b->r[BR_MEMBER].hi);
        if (t == BR_STINT)
            sqlite3_bind_int64(s, 3, org);
        rc = store_step_done(st, s, e, "starting the import");
    }
    if (rc) {
        store_rollback(st);
        return rc;
    }
    if ((rc = store_commit(st, e)))
        return rc;
    /* the pieces need not reach the disk one by one: a piece lost with the power was not
       published, and the publishing commit syncs the log with every piece before it */
    sqlite3_exec(st->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
    b->next_id = b->r[BR_MEMBER].lo;
    return TCXD_OK;
}

/* The piece being written is complete: its waiting rows are written and it commits. */
static enum tcxd_err chunk_end(struct store_bulk *b, struct tcxd_error *e)
{
    if (!b->in_chunk)
        return TCXD_OK;
    enum tcxd_err rc = flush_all(b, e);
    if (rc)
        return rc; /* the caller aborts: the piece is rolled back, the others removed */
    b->in_chunk = false;
    b->chunk_n = 0;
    if ((rc = store_commit(b->st, e)))
        return rc;
    /* a pause for the writers waiting for the lock (they try every millisecond) */
    struct timespec ts = {0, 2000000};
    nanosleep(&ts, NULL);
    if (b->chunk_done)
        b->chunk_done(b->chunk_ctx, b->n);
    return TCXD_OK;
}

/* Publishing: in one short transaction, the counts the triggers left out, the marks and the
   import_batch row go, and the audit record is written. */
static enum tcxd_err chunked_publish(struct store_bulk *b, const struct store_actor *who,
                                     const char *action, const char *after_json,
                                     struct tcxd_error *e)
{
    struct store *st = b->st;
    enum tcxd_err rc;
    sqlite3_exec(st->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
    if ((rc = store_begin(st, e)))
        return rc;
    if (b->check_org_generation && store_org_generation(st) != b->org_generation) {
        store_rollback(st);
        return tcxd_fail(e, TCXD_ECONFLICT, "org", "%s",
                         MSG_T("the organizations changed while the file was being written; "
                               "import it again"));
    }
    /* the snapshot days stored now that a registration of the load covers lose their marks */
    sqlite3_stmt *s = store_stmt(st, STMT_BULK_COUNT_DAYS);
    size_t cap = 0;
    int src;
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        ALLOC_GROW(b->days, b->ndays + 1, cap);
        b->days[b->ndays++] = store_column_date(s, 0);
    }
    sqlite3_reset(s);
    if (src != SQLITE_DONE) {
        rc = store_db_error(st, e, "reading the count snapshots");
        store_rollback(st);
        return rc;
    }
    free(b->day_hit);
    b->day_hit = xcalloc(b->ndays ? b->ndays : 1, sizeof(*b->day_hit));
    for (size_t i = 0; i < b->nregs; i++) {
        size_t lo = 0, hi = b->ndays;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (b->days[mid] < b->regs[i].from)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < b->ndays && b->days[k] < b->regs[i].to; k++)
            b->day_hit[k] = true;
    }
    rc = counts_end(b, e);
    static const enum stmt_id del[BR__MAX] = {STMT_BATCH_DELETE_MEMBERS, STMT_BATCH_DELETE_EVENTS,
                                              STMT_BATCH_DELETE_STINTS, STMT_BATCH_DELETE_GAPS};
    static const int order[BR__MAX] = {BR_STINT, BR_GAP, BR_EVENT, BR_MEMBER};
    for (int k = 0; k < BR__MAX && !rc; k++) {
        int t = order[k];
        s = store_stmt(st, del[t]);
        sqlite3_bind_int64(s, 1, b->r[t].hi);
        sqlite3_bind_int64(s, 2, b->r[t].hi);
        sqlite3_bind_int(s, 3, 1);
        rc = store_step_done(st, s, e, "publishing the import");
    }
    if (!rc)
        rc = store_step_done(st, store_stmt(st, STMT_BATCH_END), e, "publishing the import");
    int64_t org = store_scope_root(st) > 0 ? store_scope_root(st) : 0;
    if (!rc)
        rc = store_audit(st, who, action, "import", 0, org, NULL, after_json, e);
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, e);
}

/* ---- the load --------------------------------------------------------------------------- */

static void bulk_free(struct store_bulk *b);

enum tcxd_err store_bulk_begin_opts(struct store *st, const struct store_bulk_opts *o,
                                    struct store_bulk **out, struct tcxd_error *e)
{
    struct store_bulk *b = xcalloc(1, sizeof(*b));
    b->st = st;
    b->lock_fd = -1;
    /* the load makes its own references (new member ids, chi bộ ids the importer looked up):
       foreign key checks cost a lookup per reference, and can only be switched outside a
       transaction */
    bool outermost = st->tx_depth == 0;
    /* in pieces: only a sole writer's outermost load into a database file */
    b->chunked = o->chunk_rows > 0 && o->sole_writer && outermost && st->path[0] &&
                 strcmp(st->path, ":memory:");
    bool rebuild = !b->chunked && (o->indexes == STORE_BULK_REBUILD_INDEXES ||
                                   (o->indexes == STORE_BULK_INDEXES_AUTO &&
                                    o->expected_rows >= STORE_BULK_REBUILD_MIN &&
                                    (int64_t)o->expected_rows >= max_member_id(st)));
    if (outermost) {
        sqlite3_exec(st->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
        b->fk_off = true;
    }
    /* A big load in WAL mode writes every new page twice (WAL, then the checkpoint); with a
       rollback journal new pages are written once and only the few old pages it changes are
       journaled. Possible only with no other connection open: else the load stays in WAL. */
    if (outermost && rebuild)
        b->journal_switched = set_journal(st, "delete");
    b->sole = o->sole_writer;
    if (outermost && rebuild && b->sole)
        apart_begin(b);
    b->today = date_today();
    buf_init(&b->fold, 64);
    buf_init(&b->key, 128);
    buf_init(&b->given, 64);
    member_derived_init(&b->d);
    queue_init(&b->members, b->sole ? STMT_BULK_MEMBER_INSERT_ID : STMT_BULK_MEMBER_INSERT,
               STMT_BULK_MEMBER_INSERT_N, b->sole ? 22 : 21);
    if (b->chunked) {
        queue_init(&b->events, STMT_BULK_EVENT_INSERT_ID, STMT_BULK_EVENT_INSERT_ID_N, 12);
        queue_init(&b->stints, STMT_BULK_STINT_INSERT_ID, STMT_BULK_STINT_INSERT_ID_N, 7);
        queue_init(&b->gaps, STMT_BULK_GAP_INSERT_ID, STMT_BULK_GAP_INSERT_ID, 5);
    } else {
        queue_init(&b->events, STMT_BULK_EVENT_INSERT, STMT_BULK_EVENT_INSERT_N, 11);
        queue_init(&b->stints, STMT_STINT_INSERT, STMT_BULK_STINT_INSERT_N, 6);
        queue_init(&b->gaps, STMT_GAP_INSERT, STMT_GAP_INSERT, 4);
    }
    if (b->chunked) {
        b->chunk_rows = o->chunk_rows;
        b->chunk_done = o->chunk_done;
        b->chunk_ctx = o->chunk_ctx;
        b->check_org_generation = o->check_org_generation;
        b->org_generation = o->org_generation;
        enum tcxd_err rc = chunked_begin(b, o, e);
        if (rc) {
            bulk_free(b);
            return rc;
        }
        *out = b;
        return TCXD_OK;
    }
    enum tcxd_err rc = store_begin(st, e);
    if (rc) {
        if (b->fk_off)
            sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
        if (b->journal_switched)
            set_journal(st, "wal");
        b->fk_off = b->journal_switched = false;
        bulk_free(b);
        return rc;
    }
    /* keep the whole load's pages in memory until COMMIT instead of spilling them to the WAL
       mid-transaction (each page would then be written twice) */
    sqlite3_exec(st->db, "PRAGMA cache_spill = OFF; PRAGMA cache_size = -2000000", NULL, NULL,
                 NULL);
    if (b->sole) {
        b->next_id = max_member_id(st) + 1;
        if ((rc = counts_begin(b, e))) {
            store_bulk_abort(b);
            return rc;
        }
    }
    if (rebuild && (rc = drop_indexes(b, e))) {
        store_bulk_abort(b);
        return rc;
    }
    *out = b;
    return TCXD_OK;
}

enum tcxd_err store_bulk_begin(struct store *st, size_t expected_rows,
                               enum store_bulk_indexes indexes, struct store_bulk **out,
                               struct tcxd_error *e)
{
    struct store_bulk_opts o = {.expected_rows = expected_rows, .indexes = indexes};
    return store_bulk_begin_opts(st, &o, out, e);
}

static void bulk_free(struct store_bulk *b)
{
    struct apart *a = &b->apart;
    apart_join(a);
    if (a->attached)
        sqlite3_exec(b->st->db, "DETACH DATABASE bulk_apart", NULL, NULL, NULL);
    sqlite3_free(a->image);
    free(a->v);
    free(a->table_sql);
    for (size_t i = 0; i < a->nindexes; i++) {
        free(a->indexes[i].name);
        free(a->indexes[i].sql);
        free(a->indexes[i].table);
    }
    free(a->indexes);
    sqlite3_exec(b->st->db, "PRAGMA cache_spill = ON; PRAGMA cache_size = -65536", NULL, NULL,
                 NULL);
    if (b->fk_off)
        sqlite3_exec(b->st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    if (b->journal_switched)
        set_journal(b->st, "wal");
    for (size_t i = 0; i < b->nindexes; i++) {
        free(b->indexes[i].name);
        free(b->indexes[i].sql);
        free(b->indexes[i].table);
    }
    free(b->indexes);
    for (size_t i = 0; i < b->ntriggers; i++) {
        free(b->triggers[i].name);
        free(b->triggers[i].sql);
    }
    free(b->triggers);
    free(b->open);
    free(b->days);
    free(b->day_hit);
    free(b->regs);
    if (b->lock_fd >= 0)
        close(b->lock_fd); /* releases the import lock */
    if (b->chunked)
        sqlite3_exec(b->st->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
    struct queue *qs[] = {&b->members, &b->events, &b->stints, &b->gaps};
    for (size_t i = 0; i < ARRAY_SIZE(qs); i++)
        buf_release(&qs[i]->text);
    buf_release(&b->fold);
    buf_release(&b->key);
    buf_release(&b->given);
    member_derived_release(&b->d);
    free(b);
}

void store_bulk_abort(struct store_bulk *b)
{
    if (!b)
        return;
    if (b->chunked) {
        if (b->in_chunk)
            store_rollback(b->st);
        b->in_chunk = false;
        struct batch_range r[BR__MAX];
        struct tcxd_error e;
        /* this load's rows, if its reservation was made (the lock is held) */
        if (b->lock_fd >= 0 && batch_get(b->st, r) && r[BR_MEMBER].lo == b->r[BR_MEMBER].lo &&
            batch_remove(b->st, r, &e))
            fprintf(stderr, "tcxd: %s\n", e.msg); /* removed at the next start */
        bulk_free(b);
        return;
    }
    store_rollback(b->st);
    bulk_free(b);
}

size_t store_bulk_count(const struct store_bulk *b)
{
    return b->n;
}

/* The next id in a chunked load's range of table t; fails when the range is used up (the
   reservation is an upper bound: it should not happen). */
static enum tcxd_err next_id_in(struct store_bulk *b, int t, struct qval *v, struct tcxd_error *e)
{
    if (b->r[t].next >= b->r[t].hi)
        return tcxd_fail(e, TCXD_EINTERNAL, "", "the ids reserved for the import ran out");
    q_int(v, b->r[t].next++);
    return TCXD_OK;
}

static enum tcxd_err queue_event(struct store_bulk *b, int64_t member_id,
                                 const struct member_event *ev, const char *decision_no,
                                 const char *detail, enum transfer_scope scope, const char *place,
                                 struct tcxd_error *e)
{
    struct queue *q = &b->events;
    struct qval *v = q_row(q);
    q_int(&v[0], member_id);
    q_int(&v[1], ev->kind);
    q_date(q, &v[2], ev->date);
    q_text(q, &v[3], decision_no ? decision_no : "", decision_no ? strlen(decision_no) : 0);
    q_date(q, &v[4], ev->decision_date);
    if (ev->org_id)
        q_int(&v[5], ev->org_id);
    q_int(&v[6], ev->form);
    q_date(q, &v[7], ev->until);
    q_text(q, &v[8], detail ? detail : "", detail ? strlen(detail) : 0);
    q_int(&v[9], (int)scope);
    q_text(q, &v[10], place ? place : "", place ? strlen(place) : 0);
    enum tcxd_err rc;
    if (b->chunked && (rc = next_id_in(b, BR_EVENT, &v[11], e)))
        return rc;
    return q_done(b, q, e);
}

static enum tcxd_err bulk_member_add(struct store_bulk *b, const struct store_bulk_member *m,
                                     struct member_event *ev, size_t nentry, size_t nev,
                                     int64_t *id_out, struct tcxd_error *e);

enum tcxd_err store_bulk_member_add(struct store_bulk *b, const struct store_bulk_member *m,
                                    int64_t *id_out, struct tcxd_error *e)
{
    enum tcxd_err rc;
    /* in the order the per-member path appends them: admission, recognition, transfer, then
       the history */
    struct member_event ev_entry[MEMBER_ENTRY_EVENTS + 8], *ev = ev_entry;
    if (m->nhistory > 8)
        ev = xcalloc(MEMBER_ENTRY_EVENTS + m->nhistory, 2 * sizeof(*ev));
    const struct member_entry entry = {.admission_org_id = m->org_id,
                                       .decision_date = m->decision_date,
                                       .ceremony_date = m->ceremony_date,
                                       .official_decision_date = m->official_decision_date,
                                       .moved_to = m->moved_to,
                                       .moved_on = m->moved_on,
                                       .moved_decision_date = m->moved_decision_date};
    size_t nentry = member_entry_events(&entry, ev), nev = nentry;
    for (size_t i = 0; i < m->nhistory; i++) {
        ev[nev] = m->history[i].ev;
        ev[nev].seq = (int64_t)nev + 1;
        nev++;
    }
    rc = bulk_member_add(b, m, ev, nentry, nev, id_out, e);
    if (ev != ev_entry)
        free(ev);
    return rc;
}

static enum tcxd_err bulk_member_add(struct store_bulk *b, const struct store_bulk_member *m,
                                     struct member_event *ev, size_t nentry, size_t nev,
                                     int64_t *id_out, struct tcxd_error *e)
{
    struct store *st = b->st;
    const struct member_fields *f = m->fields;
    struct member_derived *d = &b->d;
    enum tcxd_err rc;
    if (b->chunked && !b->in_chunk) {
        if ((rc = store_begin(st, e)))
            return rc;
        b->in_chunk = true;
    }
    if ((rc = member_check_admission(f->birth_date, m->decision_date, m->ceremony_date, b->today,
                                     e)))
        return rc;
    for (size_t i = nentry; i < nev; i++)
        if (ev[i].date > b->today ||
            (ev[i].decision_date != DATE_NONE && ev[i].decision_date > b->today)) {
            char day[DATE_ISO_LEN];
            date_format_vn(ev[i].date, day);
            return tcxd_fail(e, TCXD_EINVAL, "date", "%s on %s: the date is in the future",
                             member_event_kind_label(ev[i].kind), day);
        }
    if (m->official_decision_date != DATE_NONE && m->official_decision_date > b->today)
        return tcxd_fail(e, TCXD_EINVAL, "date", "official recognition decided in the future");
    if (!m->org_id && (!m->moved_to || !m->admission_place || !*m->admission_place))
        return tcxd_fail(e, TCXD_EINVAL, "admission_place",
                         "a member admitted outside the database needs the place of admission and "
                         "the chi bộ of registration");
    if (m->moved_to && (m->moved_on == DATE_NONE || m->moved_on > b->today))
        return tcxd_fail(e, TCXD_EINVAL, "date", "a transfer needs a date, not in the future");
    /* a scoped load writes only its own subtree's history: the chi bộ of admission on the
       ceremony day, the chi bộ moved to on the transfer's day */
    if (store_scoped(st)) {
        const char *field = m->moved_to ? "admission_org" : "org";
        int64_t bad = 0;
        tcxd_date on = DATE_NONE;
        if (store_scope_check_write(st, m->org_id, m->ceremony_date, field, NULL))
            bad = m->org_id, on = m->ceremony_date;
        else if (m->moved_to && store_scope_check_write(st, m->moved_to, m->moved_on, "org", NULL))
            bad = m->moved_to, on = m->moved_on, field = "org";
        if (bad) {
            char day[DATE_ISO_LEN];
            date_format_vn(on, day);
            return tcxd_fail(e, TCXD_ENOTFOUND, field,
                             "%s: organization #%lld is not in your account's scope on %s; nothing "
                             "can be written",
                             f->full_name.ptr, (long long)bad, day);
        }
    }
    if (store_scoped(st))
        for (size_t i = nentry; i < nev; i++)
            if (ev[i].org_id &&
                store_scope_check_write(st, ev[i].org_id, ev[i].date, "history", NULL)) {
                char day[DATE_ISO_LEN];
                date_format_vn(ev[i].date, day);
                return tcxd_fail(e, TCXD_ENOTFOUND, "history",
                                 "%s: organization #%lld is not in your account's scope on %s; "
                                 "nothing can be written",
                                 f->full_name.ptr, (long long)ev[i].org_id, day);
            }
    /* member_replay sorts its input: pass a copy (after ev) so ev keeps the insertion order */
    struct member_event sorted_entry[MEMBER_ENTRY_EVENTS + 8];
    struct member_event *sorted = nev <= MEMBER_ENTRY_EVENTS + 8 ? sorted_entry : ev + nev;
    memcpy(sorted, ev, sizeof(ev[0]) * nev);
    if ((rc = member_replay(sorted, nev, d, e)))
        return rc;

    struct slice fold = m->name_fold, key = m->name_key, given = m->name_fold_given;
    if (!fold.ptr || !key.ptr || !given.ptr) {
        store_bulk_name_keys(store_collator(st), f->full_name.ptr, &b->fold, &b->key, &b->given);
        fold = (struct slice){b->fold.ptr, b->fold.len};
        key = (struct slice){b->key.ptr, b->key.len};
        given = (struct slice){b->given.ptr, b->given.len};
    }
    enum member_status now = member_status_on(d, b->today);
    struct queue *q = &b->members;
    struct qval *v = q_row(q);
    q_str(q, &v[0], &f->full_name, false);
    q_text(q, &v[1], fold.ptr, fold.len);
    q_text(q, &v[2], key.ptr, key.len);
    v[2].type = QV_BLOB;
    q_int(&v[3], f->gender);
    q_date(q, &v[4], f->birth_date);
    q_str(q, &v[5], &f->ethnicity, false);
    q_str(q, &v[6], &f->religion, false);
    q_str(q, &v[7], &f->hometown, false);
    q_str(q, &v[8], &f->national_id, true);
    q_str(q, &v[9], &f->education, false);
    q_str(q, &v[10], &f->professional_level, false);
    q_int(&v[11], f->theory);
    q_str(q, &v[12], &f->party_card_no, true);
    q_int(&v[13], now == MEMBER_NONE ? (int)d->status : (int)now);
    q_int(&v[14], d->exempt);
    q_int(&v[15], d->org_id);
    q_date(q, &v[16], d->first_decision);
    q_date(q, &v[17], d->ceremony);
    q_date(q, &v[18], d->official);
    q_date(q, &v[19], d->died);
    q_text(q, &v[20], given.ptr, given.len);
    int64_t id;
    if (b->chunked && b->next_id >= b->r[BR_MEMBER].hi)
        return tcxd_fail(e, TCXD_EINTERNAL, "", "the ids reserved for the import ran out");
    if (b->sole) {
        id = b->next_id++;
        q_int(&v[21], id);
        if ((rc = q_done(b, q, e)))
            return rc;
    } else {
        if ((rc = q_done(b, q, e)))
            return rc;
        id = sqlite3_last_insert_rowid(st->db);
    }
    /* the Phiếu's fields, rare in a load: the row is written first, then completed */
    if (!store_member_profile_empty(f) &&
        ((rc = q_flush(b, &b->members, e)) || (rc = store_member_profile_write(st, id, f, e))))
        return rc;
    if ((rc = queue_event(b, id, &ev[0], m->decision_no, m->org_id ? "" : m->admission_place,
                          SCOPE_NONE, "", e)))
        return rc;
    for (size_t i = 1; i < nentry; i++) {
        bool tr = ev[i].kind == MEV_TRANSFER;
        const char *no = ev[i].kind == MEV_OFFICIAL   ? m->official_decision_no
                         : tr && m->moved_decision_no ? m->moved_decision_no
                                                      : "";
        if ((rc = queue_event(b, id, &ev[i], no, "", tr ? m->moved_scope : SCOPE_NONE,
                              tr && m->moved_from ? m->moved_from : "", e)))
            return rc;
    }
    for (size_t i = nentry; i < nev; i++) {
        const struct member_history_item *h = &m->history[i - nentry];
        if ((rc = queue_event(b, id, &ev[i], h->decision_no.ptr, h->detail.ptr, h->scope,
                              h->place.ptr, e)))
            return rc;
    }
    for (size_t i = 0; i < d->nstints; i++) {
        const struct member_stint *x = &d->stints[i];
        if (x->kind == STINT_OUTSIDE) /* not in the tree: not stored */
            continue;
        if (b->apart.on) {
            count_stint(b, x);
            apart_add(b, id, x);
            continue;
        }
        q = &b->stints;
        v = q_row(q);
        q_int(&v[0], id);
        q_int(&v[1], x->org_id);
        q_date(q, &v[2], x->from);
        q_date(q, &v[3], x->to);
        q_int(&v[4], x->kind);
        q_int(&v[5], x->status);
        if (b->chunked && (rc = next_id_in(b, BR_STINT, &v[6], e)))
            return rc;
        if (b->sole)
            count_stint(b, x);
        if ((rc = q_done(b, q, e)))
            return rc;
    }
    for (size_t i = 0; i < d->ngaps; i++) {
        q = &b->gaps;
        v = q_row(q);
        q_int(&v[0], id);
        q_date(q, &v[1], d->gaps[i].from);
        q_date(q, &v[2], d->gaps[i].to);
        q_int(&v[3], d->gaps[i].kind);
        if (b->chunked && (rc = next_id_in(b, BR_GAP, &v[4], e)))
            return rc;
        /* one by one: gaps are rare (the single-row statement is also its "many") */
        q->nrows++;
        if ((rc = q_flush(b, q, e)))
            return rc;
    }
    b->n++;
    if (id_out)
        *id_out = id;
    if (b->chunked && ++b->chunk_n >= b->chunk_rows)
        return chunk_end(b, e);
    return TCXD_OK;
}

enum tcxd_err store_bulk_prepare(struct store_bulk *b, struct tcxd_error *e)
{
    if (b->prepared)
        return TCXD_OK;
    if (b->chunked) {
        enum tcxd_err rc = chunk_end(b, e);
        b->prepared = !rc;
        return rc;
    }
    if (b->apart.on)
        apart_start(b);
    enum tcxd_err rc = flush_all(b, e);
    if (!rc && b->sole)
        rc = counts_end(b, e);
    if (!rc)
        rc = make_indexes(b, e);
    if (!rc && b->apart.on)
        rc = apart_finish(b, e);
    if (!rc && b->sole)
        rc = triggers_restore(b, e);
    b->prepared = !rc;
    return rc;
}

enum tcxd_err store_bulk_commit(struct store_bulk *b, const struct store_actor *who,
                                const char *action, const char *after_json, struct tcxd_error *e)
{
    struct store *st = b->st;
    enum tcxd_err rc = store_bulk_prepare(b, e);
    if (b->chunked) {
        if (!rc)
            rc = chunked_publish(b, who, action, after_json, e);
        if (rc)
            store_bulk_abort(b);
        else
            bulk_free(b);
        return rc;
    }
    /* the record belongs to the scope that loaded it (a scoped admin sees its imports) */
    int64_t org = store_scope_root(st) > 0 ? store_scope_root(st) : 0;
    if (!rc)
        rc = store_audit(st, who, action, "import", 0, org, NULL, after_json, e);
    if (rc)
        store_rollback(st);
    else
        rc = store_commit(st, e); /* rolls back itself when COMMIT fails */
    bulk_free(b);
    return rc;
}

/* ---- export ----------------------------------------------------------------------------- */

enum tcxd_err store_bulk_roll(struct store *st, int64_t org_id, tcxd_date as_of,
                              void (*fn)(void *ctx, const struct store_roll_member *r), void *ctx,
                              struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_BULK_ROLL);
    sqlite3_bind_int64(s, 1, org_id);
    store_bind_date(s, 2, as_of);
    sqlite3_bind_int(s, 3, MEV_ADMIT);
    sqlite3_bind_int(s, 4, MEV_OFFICIAL);
    sqlite3_bind_int(s, 5, MEV_TRANSFER);
    sqlite3_bind_int(s, 6, TRANSFER_OFFICIAL);
    sqlite3_bind_int(s, 7, TRANSFER_ORG_CHANGE);
    int rc;
    struct member_info m;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        memset(&m, 0, sizeof(m));
        m.id = sqlite3_column_int64(s, 0);
        store_column_copy(s, 1, m.full_name, sizeof(m.full_name));
        m.gender = (enum gender)sqlite3_column_int(s, 2);
        m.birth_date = store_column_date(s, 3);
        store_column_copy(s, 4, m.ethnicity, sizeof(m.ethnicity));
        store_column_copy(s, 5, m.religion, sizeof(m.religion));
        store_column_copy(s, 6, m.hometown, sizeof(m.hometown));
        store_column_copy(s, 7, m.national_id, sizeof(m.national_id));
        store_column_copy(s, 8, m.education, sizeof(m.education));
        store_column_copy(s, 9, m.professional_level, sizeof(m.professional_level));
        m.theory = (enum theory_level)sqlite3_column_int(s, 10);
        store_column_copy(s, 11, m.party_card_no, sizeof(m.party_card_no));
        m.admission_decision_date = store_column_date(s, 12);
        m.ceremony_date = store_column_date(s, 13);
        m.official_date = store_column_date(s, 14);
        m.died_on = store_column_date(s, 15);
        m.status = (enum member_status)sqlite3_column_int(s, 16);
        m.exempt = sqlite3_column_int(s, 17) != 0;
        m.org_id = sqlite3_column_int64(s, 18);
        if (!store_scope_member_org(st, m.org_id)) /* registered elsewhere today */
            continue;
        const char *dec = (const char *)sqlite3_column_text(s, 19);
        const char *odec = (const char *)sqlite3_column_text(s, 21);
        /* the recognition in force: only while the registration is an official one */
        bool official = m.status == MEMBER_OFFICIAL;
        struct store_roll_member r = {
            .m = &m,
            .decision_no = dec ? dec : "",
            .official_decision_date = official ? store_column_date(s, 20) : DATE_NONE,
            .official_decision_no = official && odec ? odec : "",
            .arrived_on = DATE_NONE,
        };
        /* admitted elsewhere and moved in since */
        int64_t admitted_in = sqlite3_column_int64(s, 22), here = sqlite3_column_int64(s, 24);
        tcxd_date arrived = store_column_date(s, 23);
        if (admitted_in && admitted_in != here && arrived != DATE_NONE) {
            r.admission_org_id = admitted_in;
            r.arrived_on = arrived;
        }
        fn(ctx, &r);
    }
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading the roll");
    return TCXD_OK;
}

enum tcxd_err store_bulk_org_decision(struct store *st, int64_t org_id, char *out, size_t n,
                                      struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_BULK_ORG_DECISION);
    sqlite3_bind_int64(s, 1, org_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        store_column_copy(s, 0, out, n);
    else if (n)
        out[0] = '\0';
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_db_error(st, e, "reading organization history");
    return TCXD_OK;
}
