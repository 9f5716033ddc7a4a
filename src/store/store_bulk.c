/*
 * store_bulk.c - loading many members in one transaction, and reading rolls for export.
 *
 * store_bulk_member_add() writes what store_member_admit() + store_member_event(OFFICIAL) write
 * (see store_member.c): the member row with its derived columns already final (one INSERT
 * instead of INSERT + UPDATE), the ADMIT event, the OFFICIAL event, the stints and gaps of the
 * replay, in that order, so ids come out the same. tests/io/test_import.c compares both paths.
 */
#include "store/store_bulk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "text/text.h"
#include "util/xmalloc.h"

struct saved_index {
    char *name, *sql;
};

struct store_bulk {
    struct store *st;
    size_t n;
    tcxd_date today;
    struct buf fold, key, given;
    struct member_derived d;
    bool fk_off;                 /* foreign key checks were turned off for the load */
    bool journal_switched;       /* WAL was switched to a rollback journal for the load */
    struct saved_index *indexes; /* dropped for the load, made again at commit */
    size_t nindexes, indexes_cap;
    char dates[12][DATE_ISO_LEN]; /* text of the dates bound to the current member's rows */
};

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

/* Sets the journal mode; true when the database now uses it. */
static bool set_journal(struct store *st, const char *mode)
{
    char sql[64];
    snprintf(sql, sizeof(sql), "PRAGMA journal_mode = %s", mode);
    sqlite3_stmt *s;
    bool ok = false;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            ok = !strcmp((const char *)sqlite3_column_text(s, 0), mode);
        sqlite3_finalize(s);
    }
    return ok;
}

static int64_t member_rows(struct store *st)
{
    sqlite3_stmt *s;
    int64_t n = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT COUNT(*) FROM member", -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            n = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    return n;
}

/* Drops the secondary (non-unique) indexes of the member tables, remembering how to make them
   again: building an index once from sorted rows is much cheaper than updating it row by row
   at random places. Unique indexes stay: they check as rows arrive. So do the indexes led by
   member_id: new members get ever larger ids, so those only grow at their end. */
static enum tcxd_err drop_indexes(struct store_bulk *b, struct tcxd_error *e)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(
            b->st->db,
            "SELECT m.name, m.sql FROM sqlite_master m WHERE m.type = 'index' AND "
            "m.sql IS NOT NULL AND m.tbl_name IN ('member', 'member_event', 'member_stint', "
            "'member_gap') AND m.sql NOT LIKE 'CREATE UNIQUE%' AND (SELECT i.name FROM "
            "pragma_index_info(m.name) i WHERE i.seqno = 0) IS NOT 'member_id' ORDER BY m.name",
            -1, &s, NULL) != SQLITE_OK)
        return store_db_error(b->st, e, "reading the schema");
    while (sqlite3_step(s) == SQLITE_ROW) {
        ALLOC_GROW(b->indexes, b->nindexes + 1, b->indexes_cap);
        b->indexes[b->nindexes].name = xstrdup((const char *)sqlite3_column_text(s, 0));
        b->indexes[b->nindexes].sql = xstrdup((const char *)sqlite3_column_text(s, 1));
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
    if (!b->nindexes)
        return TCXD_OK;
    /* let SQLite's sorter use a helper thread while building them */
    sqlite3_exec(b->st->db, "PRAGMA threads = 2", NULL, NULL, NULL);
    enum tcxd_err rc = TCXD_OK;
    for (size_t i = 0; i < b->nindexes && !rc; i++)
        if (sqlite3_exec(b->st->db, b->indexes[i].sql, NULL, NULL, NULL) != SQLITE_OK)
            rc = store_db_error(b->st, e, "indexing the loaded members");
    sqlite3_exec(b->st->db, "PRAGMA threads = 0", NULL, NULL, NULL);
    return rc;
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

enum tcxd_err store_bulk_begin(struct store *st, size_t expected_rows,
                               enum store_bulk_indexes indexes, struct store_bulk **out,
                               struct tcxd_error *e)
{
    struct store_bulk *b = xcalloc(1, sizeof(*b));
    b->st = st;
    /* the load makes its own references (new member ids, chi bộ ids the importer looked up):
       foreign key checks cost a lookup per reference, and can only be switched outside a
       transaction */
    bool outermost = st->tx_depth == 0;
    bool rebuild = indexes == STORE_BULK_REBUILD_INDEXES ||
                   (indexes == STORE_BULK_INDEXES_AUTO && expected_rows >= STORE_BULK_REBUILD_MIN &&
                    (int64_t)expected_rows >= member_rows(st));
    if (outermost) {
        sqlite3_exec(st->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
        b->fk_off = true;
    }
    /* A big load in WAL mode writes every new page twice (WAL, then the checkpoint); with a
       rollback journal new pages are written once and only the few old pages it changes are
       journaled. Possible only with no other connection open: else the load stays in WAL. */
    if (outermost && rebuild)
        b->journal_switched = set_journal(st, "delete");
    enum tcxd_err rc = store_begin(st, e);
    if (rc) {
        if (b->fk_off)
            sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
        free(b);
        return rc;
    }
    /* keep the whole load's pages in memory until COMMIT instead of spilling them to the WAL
       mid-transaction (each page would then be written twice) */
    sqlite3_exec(st->db, "PRAGMA cache_spill = OFF; PRAGMA cache_size = -2000000", NULL, NULL,
                 NULL);
    b->today = date_today();
    buf_init(&b->fold, 64);
    buf_init(&b->key, 128);
    buf_init(&b->given, 64);
    member_derived_init(&b->d);
    if (rebuild && (rc = drop_indexes(b, e))) {
        store_bulk_abort(b);
        return rc;
    }
    *out = b;
    return TCXD_OK;
}

static void bulk_free(struct store_bulk *b)
{
    sqlite3_exec(b->st->db, "PRAGMA cache_spill = ON; PRAGMA cache_size = -65536", NULL, NULL,
                 NULL);
    if (b->fk_off)
        sqlite3_exec(b->st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    if (b->journal_switched)
        set_journal(b->st, "wal");
    for (size_t i = 0; i < b->nindexes; i++) {
        free(b->indexes[i].name);
        free(b->indexes[i].sql);
    }
    free(b->indexes);
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
    store_rollback(b->st);
    bulk_free(b);
}

size_t store_bulk_count(const struct store_bulk *b)
{
    return b->n;
}

/* Binds a date whose text lives in b->dates[slot] until the statement has run. */
static void bind_date(struct store_bulk *b, sqlite3_stmt *s, int i, int slot, tcxd_date d)
{
    if (d == DATE_NONE) {
        sqlite3_bind_null(s, i);
        return;
    }
    date_format_iso(d, b->dates[slot]);
    sqlite3_bind_text(s, i, b->dates[slot], 10, SQLITE_STATIC);
}

static void bind_str(sqlite3_stmt *s, int i, const struct buf *b, bool null_if_empty)
{
    if (null_if_empty && !b->len)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_text(s, i, b->ptr, (int)b->len, SQLITE_STATIC);
}

static enum tcxd_err insert_event(struct store_bulk *b, int64_t member_id,
                                  const struct member_event *ev, const char *decision_no,
                                  struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(b->st, STMT_MEMBER_EVENT_INSERT);
    sqlite3_bind_int64(s, 1, member_id);
    sqlite3_bind_int(s, 2, ev->kind);
    bind_date(b, s, 3, 0, ev->date);
    sqlite3_bind_text(s, 4, decision_no ? decision_no : "", -1, SQLITE_STATIC);
    bind_date(b, s, 5, 1, ev->decision_date);
    if (ev->org_id)
        sqlite3_bind_int64(s, 6, ev->org_id);
    sqlite3_bind_int(s, 7, ev->form);
    bind_date(b, s, 8, 2, ev->until);
    sqlite3_bind_text(s, 9, "", 0, SQLITE_STATIC);
    return store_step_done(b->st, s, e, "recording the member event");
}

enum tcxd_err store_bulk_member_add(struct store_bulk *b, const struct store_bulk_member *m,
                                    int64_t *id_out, struct tcxd_error *e)
{
    struct store *st = b->st;
    const struct member_fields *f = m->fields;
    struct member_derived *d = &b->d;
    enum tcxd_err rc;
    struct member_event ev[2] = {
        {.seq = 1,
         .kind = MEV_ADMIT,
         .date = m->ceremony_date,
         .decision_date = m->decision_date,
         .org_id = m->org_id,
         .until = DATE_NONE},
        {.seq = 2,
         .kind = MEV_OFFICIAL,
         .date = member_official_date(m->ceremony_date),
         .decision_date = m->official_decision_date,
         .until = DATE_NONE},
    };
    size_t nev = m->official_decision_date != DATE_NONE ? 2 : 1;
    if ((rc = member_check_admission(f->birth_date, m->decision_date, m->ceremony_date, b->today,
                                     e)))
        return rc;
    if (nev == 2 && m->official_decision_date > b->today)
        return tcxd_fail(e, TCXD_EINVAL, "date", "official recognition decided in the future");
    /* member_replay sorts its input: pass a copy so ev keeps the insertion order */
    struct member_event sorted[2] = {ev[0], ev[1]};
    if ((rc = member_replay(sorted, nev, d, e)))
        return rc;

    const struct buf *fold = m->name_fold, *key = m->name_key, *given = m->name_fold_given;
    if (!fold || !key || !given) {
        store_bulk_name_keys(store_collator(st), f->full_name.ptr, &b->fold, &b->key, &b->given);
        fold = &b->fold;
        key = &b->key;
        given = &b->given;
    }
    enum member_status now = member_status_on(d, b->today);
    sqlite3_stmt *s = store_stmt(st, STMT_BULK_MEMBER_INSERT);
    bind_str(s, 1, &f->full_name, false);
    bind_str(s, 2, fold, false);
    sqlite3_bind_blob(s, 3, key->ptr, (int)key->len, SQLITE_STATIC);
    sqlite3_bind_int(s, 4, f->gender);
    bind_date(b, s, 5, 0, f->birth_date);
    bind_str(s, 6, &f->ethnicity, false);
    bind_str(s, 7, &f->religion, false);
    bind_str(s, 8, &f->hometown, false);
    bind_str(s, 9, &f->national_id, true);
    bind_str(s, 10, &f->education, false);
    bind_str(s, 11, &f->professional_level, false);
    sqlite3_bind_int(s, 12, f->theory);
    bind_str(s, 13, &f->party_card_no, true);
    sqlite3_bind_int(s, 14, now == MEMBER_NONE ? (int)d->status : (int)now);
    sqlite3_bind_int(s, 15, d->exempt);
    sqlite3_bind_int64(s, 16, d->org_id);
    bind_date(b, s, 17, 1, d->first_decision);
    bind_date(b, s, 18, 2, d->ceremony);
    bind_date(b, s, 19, 3, d->official);
    bind_date(b, s, 20, 4, d->died);
    bind_str(s, 21, given, false);
    if ((rc = store_step_done(st, s, e, "recording the member")))
        return rc;
    int64_t id = sqlite3_last_insert_rowid(st->db);
    if ((rc = insert_event(b, id, &ev[0], m->decision_no, e)) ||
        (nev == 2 && (rc = insert_event(b, id, &ev[1], m->official_decision_no, e))))
        return rc;
    for (size_t i = 0; i < d->nstints; i++) {
        const struct member_stint *x = &d->stints[i];
        s = store_stmt(st, STMT_STINT_INSERT);
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, x->org_id);
        bind_date(b, s, 3, 0, x->from);
        bind_date(b, s, 4, 1, x->to);
        sqlite3_bind_int(s, 5, x->kind);
        sqlite3_bind_int(s, 6, x->status);
        if ((rc = store_step_done(st, s, e, "updating member history")))
            return rc;
    }
    for (size_t i = 0; i < d->ngaps; i++) {
        s = store_stmt(st, STMT_GAP_INSERT);
        sqlite3_bind_int64(s, 1, id);
        bind_date(b, s, 2, 0, d->gaps[i].from);
        bind_date(b, s, 3, 1, d->gaps[i].to);
        sqlite3_bind_int(s, 4, d->gaps[i].kind);
        if ((rc = store_step_done(st, s, e, "updating member history")))
            return rc;
    }
    b->n++;
    if (id_out)
        *id_out = id;
    return TCXD_OK;
}

enum tcxd_err store_bulk_commit(struct store_bulk *b, const struct store_actor *who,
                                const char *action, const char *after_json, struct tcxd_error *e)
{
    struct store *st = b->st;
    enum tcxd_err rc = make_indexes(b, e);
    if (!rc)
        rc = store_audit(st, who, action, "import", 0, 0, NULL, after_json, e);
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
        const char *dec = (const char *)sqlite3_column_text(s, 19);
        const char *odec = (const char *)sqlite3_column_text(s, 21);
        /* the recognition in force: only while the registration is an official one */
        bool official = m.status == MEMBER_OFFICIAL;
        struct store_roll_member r = {
            .m = &m,
            .decision_no = dec ? dec : "",
            .official_decision_date = official ? store_column_date(s, 20) : DATE_NONE,
            .official_decision_no = official && odec ? odec : "",
        };
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
