/*
 * engine.h - the read-side analytics engine: every figure of any subtree on any date from
 * columns in memory, built from the store (SQLite stays the source of truth).
 *
 * Layer: store -> engine -> report / api / cli. The engine reads the store only through bulk
 * reads (store_engine.h) and holds:
 *   - the organizations and every version of the tree: the tree changes only on the dates of
 *     organization events, so between two such dates it is one "version"; each version numbers
 *     its organizations in pre-order, so the subtree of any organization on any date is the
 *     contiguous range of positions [lo, hi) of that date's version (struct engine_range);
 *   - the registrations (member_stint, kind 0 and 1) as columns grouped by organization, the
 *     organizations in the pre-order of the newest version: on the newest tree a subtree's
 *     registrations are one contiguous slice; on an older date the range's organizations each
 *     map to their own slice;
 *   - the members' coded attributes as columns indexed by member (gender, birth date, first
 *     admission decision, theory level, and ethnicity / religion / education as codes into
 *     per-attribute dictionaries), the party-age gaps;
 *   - the member events as columns sorted by date (kind, form, member, the chi bộ where it
 *     happened and, for a transfer, the receiving one) for counts over a period.
 *
 * Freshness: the engine remembers the store's change token (struct store_change_token: the
 * highest row ids of the tables it reads, the audit log's last id and the schema version; a
 * few index lookups). engine_acquire() compares it with the store's on every call and builds
 * a new engine when they differ, so a change committed by any connection is visible to the
 * next request; a writer never waits for the engine. An engine is immutable once built: any
 * number of threads may read one at once.
 *
 * Ownership: engine_acquire() hands out a counted reference; engine_release() drops it (the
 * engine is freed when the last reference goes and a newer one has replaced it). Strings
 * returned (names, codes, attribute values) live as long as the engine.
 *
 * TCXD_ENGINE=0 in the environment turns the engine off: the callers take the SQL path
 * (engine_enabled()). Results equal the SQL path exactly (tests/engine compare both).
 */
#ifndef TCXD_ENGINE_ENGINE_H
#define TCXD_ENGINE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/member.h"
#include "core/org.h"
#include "core/tree.h"
#include "store/store.h"
#include "util/date.h"
#include "util/err.h"

struct engine;

/* ---- building, freshness, references ----------------------------------------------------- */

/* false when TCXD_ENGINE=0: callers use the SQL path. */
bool engine_enabled(void);

/* Builds an engine from st (one read snapshot). Free with engine_release (refcount 1). */
enum tcxd_err engine_build(struct store *st, struct engine **out, struct tcxd_error *e) TCXD_WUR;

/* The process's engine for st's database, current with it: builds it on first use, rebuilds
   it when the store's change token differs from the one it was built from. Thread-safe; each
   thread passes its own store. *out is a reference: engine_release() it when done. */
enum tcxd_err engine_acquire(struct store *st, struct engine **out, struct tcxd_error *e) TCXD_WUR;
void engine_release(struct engine *eng);
/* The parts of an engine a caller reads. An engine mapped from the cache file is checked
   (checksums) only in the parts a process reads: engine_acquire_for checks those of `uses`
   before it hands the engine out (a damaged file is rebuilt); engine_acquire checks them all.
   engine_list checks what it reads itself, row by row (ENGINE_USE_LIST is enough for it). */
enum engine_use {
    ENGINE_USE_LIST = 0,          /* engine_list / engine_member_list: checks its own reads */
    ENGINE_USE_COUNTS = 1u << 0,  /* engine_node_counts, engine_breakdown */
    ENGINE_USE_MEMBERS = 1u << 1, /* engine_members (with COUNTS), party ages, the due list */
    ENGINE_USE_EVENTS = 1u << 2,  /* engine_count_events */
    ENGINE_USE_SEARCH = 1u << 3,  /* the search index */
    ENGINE_USE_ALL = 15u
};
enum tcxd_err engine_acquire_for(struct store *st, unsigned uses, struct engine **out,
                                 struct tcxd_error *e) TCXD_WUR;
/* The process's engine for st's database when one is built and current with it (a
   reference: engine_release it), else NULL: never builds. NULL too when !engine_enabled(). */
struct engine *engine_current(struct store *st);
/* Drops the process's cached engine (tests; a server shutting down). */
void engine_forget(void);

/*
 * The cache file: <database>.engine beside the database. engine_acquire() maps it (mmap) when
 * its change token is the store's current one, and otherwise builds the engine and writes the
 * file afresh (to a temporary name, then renamed: readers never see half a file). A file that
 * is stale (another token), truncated, from a build with another layout or whose checksums do
 * not match is never used. TCXD_ENGINE_FILE=0 turns the file off (neither read nor written).
 */
struct store_change_token;
bool engine_file_enabled(void);
/* "<db_path>.engine" into out; false for an in-memory database or a path too long. */
bool engine_file_path(const char *db_path, char *out, size_t n);
/* Whether st's database has a cache file (fresh or not). */
bool engine_file_exists(struct store *st);
/* Whether a one-off process (a CLI command) should answer from the engine: TCXD_ENGINE=1
   always (building and writing the cache file when needed), TCXD_ENGINE=0 never, otherwise
   when the database has a cache file (a stale one is rebuilt and written again). A server
   uses the engine whenever engine_enabled(). */
bool engine_wanted(struct store *st);
enum tcxd_err engine_file_write(const struct engine *eng, const char *path,
                                struct tcxd_error *e) TCXD_WUR;
/* The engine of the file at path: ENOTFOUND (no file), ECONFLICT (stale: its token is not
   tok; tok NULL skips that check), EIO (corrupt, truncated, another format or layout). */
enum tcxd_err engine_file_load(const char *path, const struct store_change_token *tok,
                               struct engine **out, struct tcxd_error *e) TCXD_WUR;
/* The same checks on the header only (no mapping): is the file there and current? */
enum tcxd_err engine_file_check(const char *path, const struct store_change_token *tok,
                                struct tcxd_error *e) TCXD_WUR;

struct engine_stats {
    size_t orgs, versions, members, stints, events;
    size_t bytes;    /* heap held by the engine (when built) */
    double build_ms; /* wall time of the build */
    bool from_file;  /* mapped from the cache file rather than built */
};
void engine_stats(const struct engine *eng, struct engine_stats *out);

/* ---- the tree on a date ------------------------------------------------------------------ */

/* An organization at a position of a version's pre-order. */
struct engine_org {
    int64_t id;
    const char *code, *name; /* name of that version */
    enum org_tier tier;
    enum org_form form;
    enum org_base_type base_type;
    uint32_t parent; /* position of the parent, TREE_NONE for a root */
    uint32_t end;    /* the subtree is [position, end) */
    uint32_t depth;
};

/* A subtree on a date: positions [lo, hi) of the version holding `on`; lo is the root. */
struct engine_range {
    tcxd_date on;
    uint32_t version;
    uint32_t lo, hi;
};

/* org_id's subtree on `on`: ENOTFOUND (naming the id and date) when it did not exist then.
   org_id 0: the whole tree on that date (every root; lo = 0). */
enum tcxd_err engine_subtree(const struct engine *eng, int64_t org_id, tcxd_date on,
                             struct engine_range *out, struct tcxd_error *e) TCXD_WUR;
/* The organization at position pos (lo <= pos < hi) of the range's version. */
const struct engine_org *engine_org_at(const struct engine *eng, const struct engine_range *r,
                                       uint32_t pos);
/* The position of org_id in the range's version, TREE_NONE when it is not inside the range. */
uint32_t engine_org_pos(const struct engine *eng, const struct engine_range *r, int64_t org_id);
/* The whole tree of the range's version as a struct org_tree (what core and report code walk):
   node i is position i, children in code order as the store's tree loads link them. Borrowed:
   it lives as long as the engine. */
const struct org_tree *engine_version_tree(const struct engine *eng, const struct engine_range *r);

/* ---- members registered on a date --------------------------------------------------------- */

/* Coded attributes: each value is a small integer into that attribute's dictionary. */
enum engine_attr {
    ENGINE_ATTR_ETHNICITY,
    ENGINE_ATTR_RELIGION,
    ENGINE_ATTR_EDUCATION,
    ENGINE_ATTR__MAX
};
/* Number of distinct values; the text of a code ("" is a value: "Không rõ" in reports); the
   code of a text (-1 when no member has it). Matching is exact (texts are NFC-clean). */
size_t engine_attr_count(const struct engine *eng, enum engine_attr a);
const char *engine_attr_value(const struct engine *eng, enum engine_attr a, uint32_t code);
int engine_attr_code(const struct engine *eng, enum engine_attr a, const char *value);

/* One registered member on the date, decoded. */
struct engine_member {
    uint32_t idx; /* the engine's member index (engine_member_id) */
    int64_t member_id;
    uint32_t pos;              /* the chi bộ's position in the range's version */
    enum member_status status; /* PROBATIONARY or OFFICIAL on that date */
    bool temporary;            /* here on a temporary transfer (not counted) */
    enum gender gender;
    enum theory_level theory;
    uint32_t attr[ENGINE_ATTR__MAX];
    tcxd_date birth_date, first_decision;
};

/* Calls fn for each member registered in the range's subtree on r->on (temporary stays only
   when with_temporary), chi bộ by chi bộ in pre-order. What the structure report counts is
   the members with temporary == false. */
void engine_members(const struct engine *eng, const struct engine_range *r, bool with_temporary,
                    void (*fn)(void *ctx, const struct engine_member *m), void *ctx);
/* Party age in whole years on `on` (member_party_age_years with the member's gaps). */
int engine_party_age_years(const struct engine *eng, uint32_t idx, tcxd_date on);

/* Counted members (not temporary) per position of the range, by status: own[pos - lo]
   for pos in [lo, hi); arrays of hi - lo entries, zeroed by the call. */
void engine_node_counts(const struct engine *eng, const struct engine_range *r, int64_t *official,
                        int64_t *probationary);

/* Every breakdown of the structure report at once (one pass over the range). Ages and party
   ages go into ENGINE_AGE_BANDS bands by the caller's rules (report_age_band,
   report_party_age_band: band numbers 0..5 nondecreasing with the years). official and
   probationary (NULL or hi - lo entries) receive engine_node_counts' figures in the same pass;
   positions that hold no members are left as they are. */
#define ENGINE_AGE_BANDS 6
struct engine_breakdown {
    int64_t members;
    int64_t status[MEMBER_STATUS__MAX];
    int64_t gender[GENDER__MAX];
    int64_t age[ENGINE_AGE_BANDS][GENDER__MAX]; /* age_band(date_age_years) x gender */
    int64_t party_age[ENGINE_AGE_BANDS];        /* party_age_band(engine_party_age_years) */
    int64_t theory[THEORY__MAX];
    int64_t *attr[ENGINE_ATTR__MAX]; /* [engine_attr_count] each; owned */
};
void engine_breakdown(const struct engine *eng, const struct engine_range *r,
                      int (*age_band)(int years), int (*party_age_band)(int years),
                      int64_t *official, int64_t *probationary, struct engine_breakdown *out);
void engine_breakdown_release(struct engine_breakdown *b);

/* ---- events over a period ---------------------------------------------------------------- */

/* Where an event is placed: the chi bộ the member was registered in just before it (ADMIT:
   the admitting chi bộ; TRANSFER: the one left), or the receiving chi bộ of a transfer. */
enum engine_event_side { ENGINE_AT_FROM, ENGINE_AT_TO };

struct engine_event_query {
    enum member_event_kind kind;
    int form;           /* -1: any form (transfer kind, exit kind, discipline form) */
    tcxd_date from, to; /* [from, to) by the event's effective date */
    enum engine_event_side side;
    bool crossing; /* transfers only: the other side is outside the subtree that day */
};
/* Events of the query placed in org_id's subtree (0: everywhere), the subtree taken on each
   event's own date (so an organization that moved counts where it was then). */
int64_t engine_count_events(const struct engine *eng, int64_t org_id,
                            const struct engine_event_query *q);

/* ---- member lists and search ------------------------------------------------------------- */

/*
 * A list of the members registered in a subtree on a date (store_member_list's rows, in the
 * same order: roll order, or birth date then roll order), or a search:
 *   - q of digits only (at least 4): national ID (CCCD) or party card number beginning with q;
 *   - else the words of a name, in any order, each matching a whole word of the name or the
 *     beginning of one, diacritics ignored ("van an", "thu huong", "Minh Duc", "Thị", "tuan anh"
 *     finds Lê Tuấn Anh). Ranked: first by the number of words that match only as a beginning
 *     (whole words first: "nguyen thi" puts Nguyễn Thị … before Nguyễn … Thiên), then by the
 *     words not written with the query's diacritics (case aside), then the matches whose words
 *     come in the query's order; within a rank, roll order (or birth date).
 * former: also members who are not registered on as_of (left, died, moved out, not yet admitted
 * again): they are placed in their last chi bộ, with status today. The total counts every
 * match; only the page is materialized.
 */
enum engine_sort { ENGINE_SORT_ROLL, ENGINE_SORT_BIRTH };
struct engine_list_query {
    int64_t org_id; /* subtree root on as_of; 0 = everywhere */
    tcxd_date as_of;
    const char *q;          /* NULL or "": a list */
    bool former;            /* searches only */
    bool include_temporary; /* also members here on a temporary transfer */
    int status;             /* -1 any, else enum member_status */
    int gender;             /* -1 any */
    int age_min, age_max;   /* -1 none */
    int theory;             /* -1 any */
    const char *ethnicity;  /* NULL any */
    enum engine_sort sort;
    int offset, limit; /* limit <= 0: every row */
    /* NULL, or whether a member whose current (or last) chi bộ is member_org_id may be shown
       (the account's scope: store_scope_member_org); applied before counting */
    bool (*visible)(void *ctx, int64_t member_org_id);
    void *visible_ctx;
    /* NULL, or the same by the engine's organization: engine_scope_marks' array */
    const uint8_t *visible_orgs;
};
void engine_list_query_init(struct engine_list_query *q, tcxd_date as_of);

struct engine_hit {
    uint32_t idx;
    int64_t member_id;
    const char *full_name;
    enum gender gender;
    tcxd_date birth_date, admission_decision_date;
    enum member_status status; /* on as_of (former members: today) */
    int64_t org_id;            /* the chi bộ */
    bool temporary, former;
    int rank;            /* 0 best; lists: 0 */
    int party_age_years; /* on as_of (member_party_age_years) */
};
/* Calls fn for the page; *total gets the number of rows matching. ENOTFOUND (field "org") when
   org_id did not exist on as_of; EINVAL (field "q") for a query with nothing to search for. */
enum tcxd_err engine_list(const struct engine *eng, const struct engine_list_query *q,
                          void (*fn)(void *ctx, const struct engine_hit *h), void *ctx,
                          int64_t *total, struct tcxd_error *e) TCXD_WUR;

/* What store_scope_org_today(st, id) answers for every organization, by the engine's tables:
   marks[k] for the organization of the engine's k-th organization, the subtree of the store's
   scope root today (date_today()) and the ended organizations that were under it on their
   last day. NULL when st is not scoped (everything is visible); free() it. The store is given
   the same set (store_scope_today_seed): its own checks in the request skip their query. */
uint8_t *engine_scope_marks(const struct engine *eng, struct store *st);
/* When st is scoped and the process's engine is current (engine_current), gives the store the
   engine's set for today, as engine_scope_marks does, so that the store's own scope checks in
   this request (a member's page: store_member_get) skip their recursive query; otherwise
   nothing (the store asks SQL as before). */
void engine_scope_seed(struct store *st);
/* marks (engine_scope_marks) for an organization id: false when unknown to the engine */
bool engine_scope_marked(const struct engine *eng, const uint8_t *marks, int64_t org_id);

/* store_member_list's query and rows through the process's engine (engine_acquire on st):
   what the API and the CLI call when engine_enabled(). fn also gets the engine's hit (rank,
   former) beside the row. A scoped store (store_scope_set) shows only the members its scope
   shows, as store_member_list does. */
enum tcxd_err engine_member_list(struct store *st, const struct member_query *q, bool former,
                                 void (*fn)(void *ctx, const struct member_row *r,
                                            const struct engine_hit *h),
                                 void *ctx, int64_t *total, struct tcxd_error *e) TCXD_WUR;

/* store_member_due's rows through the process's engine: the members probationary today whose
   current chi bộ is in org_id's subtree of tree, chi bộ by chi bộ in the tree's order and by
   member id within one (as the store lists them), those past the deadline or due within
   within_days; a scoped store shows only its scope's. Equal to store_member_due (tests).
   party_age_years: the member's party age today (member_party_age_years). The due and
   deadline dates of every probationary member are computed once per engine. */
enum tcxd_err engine_member_due(struct store *st, const struct org_tree *tree, int64_t org_id,
                                tcxd_date today, int within_days,
                                void (*fn)(void *ctx, const struct member_row *r,
                                           const struct member_due *due, int party_age_years),
                                void *ctx, struct tcxd_error *e) TCXD_WUR;

#endif
