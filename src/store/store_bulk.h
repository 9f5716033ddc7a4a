/*
 * store_bulk.h - the store's fast paths for whole files: loading many members in one
 * transaction, and reading a subtree's roll with every field for export.
 *
 * A bulk load writes exactly the rows store_member_admit() followed by store_member_event()
 * (official recognition, then an official transfer) would write for each member - member,
 * member_event, member_stint, member_gap, with the same values, the same ids and in the same
 * order per table - but with prepared statements and no per-member read-back or audit record.
 * Instead store_bulk_commit() appends ONE audit record for the load as a whole. The caller
 * validates every member first (the import does, with the same rules the per-member path
 * applies); store_bulk_member_add() still replays the events and refuses what the replay
 * refuses.
 *
 * Sole writer (opts.sole_writer): the caller promises that nothing but this handle writes the
 * member tables until commit. The handle then writes STORE_BULK_BATCH rows per statement (rows
 * wait in the handle: a write error may surface at a later add or at commit), and the count
 * triggers on member_stint that fire on insert (0005 member_count_open_insert, 0006
 * member_count_at_insert) are dropped for the load: the handle adds the open registrations to
 * member_count_open itself and drops the marks of the snapshot days (member_count_day) that a
 * registration it wrote covers - exactly what the triggers would have done row by row - then
 * makes the triggers again, all before COMMIT. A sole writer that rebuilds indexes (see below)
 * into a database without registrations also builds member_stint apart, on a second connection
 * and thread, and copies it in at commit (store_bulk.c). Without sole_writer (a caller mixing
 * the per-member path into its load) every member is written at once and the triggers stay.
 * The demo generator is a sole writer until store_bulk_prepare, then writes its merges through
 * the per-member path (see below).
 *
 * Lifecycle: store_bulk_begin() opens a transaction (nesting like store_begin) and returns a
 * handle; store_bulk_commit() or store_bulk_abort() ends it and frees the handle. On an error
 * from store_bulk_member_add() the caller must abort. A struct store_bulk borrows the store.
 */
#ifndef TCXD_STORE_STORE_BULK_H
#define TCXD_STORE_STORE_BULK_H

#include "core/member_record.h"
#include "store/store.h"
#include "text/text.h"

struct store_bulk;

/* The tables a load writes, and every index and trigger on them with how the load handles it
   (store_bulk.c; a test keeps the list equal to the schema the migrations make). */
struct store_bulk_known {
    const char *type; /* "index" or "trigger" */
    const char *name;
    const char *handling;
};
extern const char *const store_bulk_tables[];
extern const size_t store_bulk_ntables;
extern const struct store_bulk_known store_bulk_known_schema[];
extern const size_t store_bulk_nknown;

/* An organization by code, whatever the date (the importer checks dates itself). */
struct store_bulk_org {
    int64_t id;
    enum org_tier tier;
    enum org_form form;
    tcxd_date created_on, ended_on;
};
/* ENOTFOUND (field "org") when no organization ever had the code. */
enum tcxd_err store_bulk_org_by_code(struct store *st, const char *code, struct store_bulk_org *out,
                                     struct tcxd_error *e) TCXD_WUR;

/* Every organization ever created, for a cache (the importer looks codes up in it from another
   thread than the one writing). */
enum tcxd_err store_bulk_orgs(struct store *st,
                              void (*fn)(void *ctx, const char *code,
                                         const struct store_bulk_org *o),
                              void *ctx, struct tcxd_error *e) TCXD_WUR;
/* The national IDs of living members, with their member ids. */
enum tcxd_err store_bulk_national_ids(struct store *st,
                                      void (*fn)(void *ctx, const char *nid, int64_t member_id),
                                      void *ctx, struct tcxd_error *e) TCXD_WUR;

/* The same for members with an id above after_id (added since a load's caches were made). */
enum tcxd_err store_bulk_national_ids_after(struct store *st, int64_t after_id,
                                            void (*fn)(void *ctx, const char *nid,
                                                       int64_t member_id),
                                            void *ctx, struct tcxd_error *e) TCXD_WUR;

/* The search and sort keys of a full name, exactly as the store makes them (member.name_fold,
   name_key, name_fold_given); bufs are reset first. Any thread, with its own collator. */
void store_bulk_name_keys(struct text_collator *c, const char *full_name, struct buf *fold,
                          struct buf *key, struct buf *given);
/* Only the two search keys (name_fold, name_fold_given), appended; no collator needed. */
void store_bulk_name_folds(const char *full_name, struct buf *fold, struct buf *given);

/* One member as an import row gives it: admitted into org_id, optionally recognised official,
   optionally moved since by an official transfer (chuyển sinh hoạt chính thức). */
struct store_bulk_member {
    const struct member_fields *fields; /* validated, clean */
    int64_t org_id;                     /* the chi bộ of the admission, alive on ceremony_date;
                                           0: admitted outside the database (then moved_to is
                                           the chi bộ of registration, from moved_on) */
    const char *admission_place;        /* clean text: where, when org_id is 0 (else unused) */
    tcxd_date decision_date;            /* admission decision */
    tcxd_date ceremony_date;            /* admission ceremony */
    tcxd_date official_decision_date;   /* DATE_NONE: no official recognition */
    const char *decision_no;            /* clean text ("" when none) */
    const char *official_decision_no;   /* clean text ("" when none) */
    int64_t moved_to;                   /* 0, or the chi bộ the member moved to on moved_on */
    tcxd_date moved_on;                 /* the transfer's date (and decision date) */
    tcxd_date moved_decision_date;      /* ... its decision (0 or DATE_NONE: moved_on) */
    const char *moved_decision_no;      /* ... its decision number (clean text, or NULL) */
    enum transfer_scope moved_scope;    /* ... where it came from (SCOPE_NONE: not recorded) */
    const char *moved_from;             /* ... the other party's name (clean text, or NULL) */
    /* the member's other events (re-admission, restoration, badges ...), after those above in
       the order given; ev.org_id resolved (0: none), text clean. NULL/0: none */
    const struct member_history_item *history;
    size_t nhistory;
    /* made by store_bulk_name_keys beforehand (another thread can), or all {NULL, 0} */
    struct slice name_fold, name_key, name_fold_given;
};

/*
 * Indexes: updating the member tables' secondary indexes row by row costs more than building
 * them once at the end, so a big load into a small database drops them (in the transaction)
 * and makes them again at commit. AUTO does so when expected_rows (an estimate; 0 if unknown)
 * is at least STORE_BULK_REBUILD_MIN and at least the members already there. Unique indexes
 * always stay. Foreign key checks are off during a load that opens the outermost transaction.
 */
enum store_bulk_indexes {
    STORE_BULK_INDEXES_AUTO,
    STORE_BULK_KEEP_INDEXES,
    STORE_BULK_REBUILD_INDEXES,
    STORE_BULK_INDEXES__MAX
};
#define STORE_BULK_REBUILD_MIN 20000

/*
 * In pieces (chunk_rows > 0; a sole writer's outermost load into a database file, else the
 * option is ignored): the load reserves ranges of ids in the member tables (reserve: at least
 * what it writes) and commits every chunk_rows members, so that other writes wait for one piece
 * at most, not for the whole load. Its rows stay invisible to every reader of the store until
 * store_bulk_commit publishes them in one short transaction (counts, audit record); a load that
 * fails, or whose process dies, is deleted piece by piece (at the latest when the database is
 * next opened for writing: store_open), and was never seen. Indexes and triggers stay (no index
 * rebuild): the whole load takes longer than in one transaction. One load in pieces at a time:
 * a second one fails with TCXD_EBUSY. Mechanism: 0110_import_batch.sql, store_bulk.c.
 */
struct store_bulk_reserve {
    size_t members, events, stints, gaps;
};
struct store_bulk_opts {
    size_t expected_rows; /* an estimate; 0 if unknown */
    enum store_bulk_indexes indexes;
    bool sole_writer;  /* see above */
    size_t chunk_rows; /* 0: one transaction */
    struct store_bulk_reserve reserve;
    /* checked again when publishing (TCXD_ECONFLICT "org" when it changed) */
    bool check_org_generation;
    int64_t org_generation;
    /* called after each piece committed (written: members so far); NULL: none */
    void (*chunk_done)(void *ctx, size_t written);
    void *chunk_ctx;
};
enum tcxd_err store_bulk_begin_opts(struct store *st, const struct store_bulk_opts *o,
                                    struct store_bulk **out, struct tcxd_error *e) TCXD_WUR;
/* store_bulk_begin_opts without sole_writer. */
enum tcxd_err store_bulk_begin(struct store *st, size_t expected_rows,
                               enum store_bulk_indexes indexes, struct store_bulk **out,
                               struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_bulk_member_add(struct store_bulk *b, const struct store_bulk_member *m,
                                    int64_t *id_out, struct tcxd_error *e) TCXD_WUR;
/*
 * After store_bulk_prepare the load's rows, indexes, counts and triggers are all in place and
 * the transaction is still open: the caller may go on writing through the per-member path (the
 * demo's organization merges) before store_bulk_commit, which then only audits and commits.
 */
/* The commit's work before its audit record: the waiting rows, the counts, the indexes (the
   longest part of a big load). Optional: store_bulk_commit does it when not done. On failure
   the caller aborts. */
enum tcxd_err store_bulk_prepare(struct store_bulk *b, struct tcxd_error *e) TCXD_WUR;
/* Appends the one audit record (action e.g. "import.members", after = JSON text describing the
   load) and commits. The handle is freed whatever the result; on failure all is rolled back. */
enum tcxd_err store_bulk_commit(struct store_bulk *b, const struct store_actor *who,
                                const char *action, const char *after_json,
                                struct tcxd_error *e) TCXD_WUR;
void store_bulk_abort(struct store_bulk *b);
/* Members added so far. */
size_t store_bulk_count(const struct store_bulk *b);

/* ---- export ----------------------------------------------------------------------------- */

/* A member of a roll with what an import row holds. Valid during the callback only. */
struct store_roll_member {
    const struct member_info *m;
    const char *decision_no;          /* of the first admission ("" when none) */
    tcxd_date official_decision_date; /* of the official recognition in force on the date, or
                                         DATE_NONE when the member was probationary then */
    const char *official_decision_no;
    /* when the member was admitted (the latest admission up to the date) in another chi bộ than
       the roll's: that chi bộ, and the day the registration in the roll's chi bộ began (the
       latest official transfer or organization change into it); else 0 and DATE_NONE */
    int64_t admission_org_id;
    tcxd_date arrived_on;
};
/*
 * Calls fn for each member registered (counted) in the chi bộ org_id on as_of, in Vietnamese
 * roll order (given name, family name, middle names; then member id).
 */
enum tcxd_err store_bulk_roll(struct store *st, int64_t org_id, tcxd_date as_of,
                              void (*fn)(void *ctx, const struct store_roll_member *r), void *ctx,
                              struct tcxd_error *e) TCXD_WUR;

/* The decision number of an organization's creation ("" when none). */
enum tcxd_err store_bulk_org_decision(struct store *st, int64_t org_id, char *out, size_t n,
                                      struct tcxd_error *e) TCXD_WUR;

#endif
