/*
 * store_bulk.h - the store's fast paths for whole files: loading many members in one
 * transaction, and reading a subtree's roll with every field for export.
 *
 * A bulk load writes exactly the rows store_member_admit() followed by store_member_event()
 * (official recognition) would write for each member - member, member_event, member_stint,
 * member_gap, with the same values and in the same order - but with prepared statements and no
 * per-member read-back or audit record. Instead store_bulk_commit() appends ONE audit record for
 * the load as a whole. The caller validates every member first (the import does, with the same
 * rules the per-member path applies); store_bulk_member_add() still replays the events and
 * refuses what the replay refuses.
 *
 * Lifecycle: store_bulk_begin() opens a transaction (nesting like store_begin) and returns a
 * handle; store_bulk_commit() or store_bulk_abort() ends it and frees the handle. On an error
 * from store_bulk_member_add() the caller must abort. A struct store_bulk borrows the store.
 */
#ifndef TCXD_STORE_STORE_BULK_H
#define TCXD_STORE_STORE_BULK_H

#include "store/store.h"
#include "text/text.h"

struct store_bulk;

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

/* The search and sort keys of a full name, exactly as the store makes them (member.name_fold,
   name_key, name_fold_given); bufs are reset first. Any thread, with its own collator. */
void store_bulk_name_keys(struct text_collator *c, const char *full_name, struct buf *fold,
                          struct buf *key, struct buf *given);

/* One member as an import row gives it: admitted into org_id, optionally recognised official. */
struct store_bulk_member {
    const struct member_fields *fields; /* validated, clean */
    int64_t org_id;                     /* a chi bộ alive on ceremony_date */
    tcxd_date decision_date;            /* admission decision */
    tcxd_date ceremony_date;            /* admission ceremony */
    tcxd_date official_decision_date;   /* DATE_NONE: no official recognition */
    const char *decision_no;            /* clean text ("" when none) */
    const char *official_decision_no;   /* clean text ("" when none) */
    /* made by store_bulk_name_keys beforehand (another thread can), or all NULL */
    const struct buf *name_fold, *name_key, *name_fold_given;
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
enum tcxd_err store_bulk_begin(struct store *st, size_t expected_rows,
                               enum store_bulk_indexes indexes, struct store_bulk **out,
                               struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_bulk_member_add(struct store_bulk *b, const struct store_bulk_member *m,
                                    int64_t *id_out, struct tcxd_error *e) TCXD_WUR;
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
