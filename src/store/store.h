/*
 * store.h - the one interface to tcxd's database.
 *
 * Everything above this layer (CLI, HTTP API, reports, import) talks to a struct store through
 * these functions only; SQL never leaves src/store. The SQLite backend (store_sqlite.c) is the
 * default: one file, WAL mode, foreign keys on, a busy timeout, numbered migrations applied at
 * open. A struct store is used by one thread at a time; servers open one per worker thread.
 *
 * Mutations: each public mutating function is one transaction (all or nothing) and appends one
 * audit record in that same transaction, naming the actor. Between store_begin() and
 * store_commit()/store_rollback() calls nest: only the outermost commits (imports use this to
 * make a whole file one transaction). A failed mutation inside an outer transaction leaves the
 * outer transaction to be rolled back by the caller.
 *
 * Ownership: out-structs documented "release with X" own heap memory; everything else is plain
 * values. Strings passed in are borrowed for the call.
 */
#ifndef TCXD_STORE_STORE_H
#define TCXD_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/member.h"
#include "core/member_record.h"
#include "core/org.h"
#include "core/tree.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"
#include "store/store_scope.h"

struct store;

/* Who makes a change, for the audit log. address may be "" (CLI: "cli"). */
struct store_actor {
    const char *username;
    const char *address;
};

enum store_open_flags {
    STORE_CREATE = 1, /* create the file if missing (tcxd init) */
    STORE_READONLY = 2,
};

enum tcxd_err store_open(const char *path, int flags, struct store **out,
                         struct tcxd_error *e) TCXD_WUR;
void store_close(struct store *st);
/* Schema version after migrations (number of the last migration applied). */
int store_schema_version(struct store *st);

enum tcxd_err store_begin(struct store *st, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_commit(struct store *st, struct tcxd_error *e) TCXD_WUR;
void store_rollback(struct store *st);
/* One consistent snapshot for several reads (a report reads the tree, then counts, then member
   rows): between store_read_begin() and store_read_end() every read sees the database as it was
   at the first one, and SQLite takes its read lock once instead of once per statement. Nests
   like store_begin (inside a transaction both are no-ops). No writes in between. */
enum tcxd_err store_read_begin(struct store *st, struct tcxd_error *e) TCXD_WUR;
void store_read_end(struct store *st);
/* The end of a unit of work (a server request, a CLI command): no statement may still be
   stepping and no transaction may be open, or the connection would keep reading an old snapshot.
   Anything left is named on stderr as a bug, with `where` ("after GET /api/..."), and repaired
   (statements reset, transaction rolled back); returns how many leftovers there were (0 when
   all is well). With TCXD_STRICT_STORE=1 (the test suites) a leftover aborts the process. */
int store_idle_check(struct store *st, const char *where);
/* Faster bulk loading for the demo: no fsync while on (WAL stays consistent); turning it off
   checkpoints with syncs, so what was loaded is on disk before the caller reports success. */
void store_bulk_mode(struct store *st, bool on);
/* A cost limit for what follows on this handle: statements still running ms milliseconds from
   now stop (SQLite's progress handler) and fail with TCXD_EBUSY "too much work" (0: no limit).
   The server sets it for reads, so a heavy one cannot hold a worker thread for long. */
void store_set_cost_limit(struct store *st, int ms);
/* Work done for the whole process rather than for the request (building the engine every
   request then shares) runs without the limit; the request's own budget resumes after it,
   moved on by the time the shared work took. */
struct store_cost_pause {
    int64_t deadline_ms, at_ms;
};
void store_cost_pause(struct store *st, struct store_cost_pause *p);
void store_cost_resume(struct store *st, const struct store_cost_pause *p);

/* ---- organizations ---------------------------------------------------------------------- */

struct org_info {
    int64_t id;
    char code[33];
    char name[1024];
    enum org_tier tier;
    enum org_form form;
    enum org_base_type base_type;
    int64_t parent_id; /* on the as-of date; 0 for a root */
    tcxd_date created_on, ended_on;
};

struct org_create_req {
    const char *code;
    const char *name;
    enum org_tier tier;
    enum org_form form;
    enum org_base_type base_type;
    int64_t parent_id; /* 0: a root (above-base only) */
    tcxd_date date;
    const char *decision_no;
};

enum tcxd_err store_org_create(struct store *st, const struct store_actor *who,
                               const struct org_create_req *req, int64_t *id_out,
                               struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_org_rename(struct store *st, const struct store_actor *who, int64_t id,
                               const char *name, tcxd_date date, const char *decision_no,
                               struct tcxd_error *e) TCXD_WUR;
/* Transfer to another parent (chuyển giao / tiếp nhận). */
enum tcxd_err store_org_move(struct store *st, const struct store_actor *who, int64_t id,
                             int64_t new_parent_id, tcxd_date date, const char *decision_no,
                             struct tcxd_error *e) TCXD_WUR;
/* Moves and/or re-tiers (2025: a chi bộ trực thuộc of a ward committee becomes a chi bộ cơ sở
   under the new commune committee): the organization keeps its id, code, members and history;
   from `date` it has `shape` under new_parent_id (NULL: unchanged, or under a commune-level
   committee the 2025 default rule, org_default_shape). Checks the dated nesting
   rules for it and its children; a chi bộ with members stays a chi bộ. Events "move" and/or
   "retier"; audited as org.move or org.retier. */
enum tcxd_err store_org_move_retier(struct store *st, const struct store_actor *who, int64_t id,
                                    int64_t new_parent_id, const struct org_shape *shape,
                                    tcxd_date date, const char *decision_no,
                                    struct tcxd_error *e) TCXD_WUR;
/* Merge: from's members and child organizations move to into; from ends on date. */
enum tcxd_err store_org_merge(struct store *st, const struct store_actor *who, int64_t from_id,
                              int64_t into_id, tcxd_date date, const char *decision_no,
                              struct tcxd_error *e) TCXD_WUR;
/* Dissolve: members move to members_to (a chi bộ; required when there are members); the
   organization must have no child organizations left on that date. */
enum tcxd_err store_org_dissolve(struct store *st, const struct store_actor *who, int64_t id,
                                 int64_t members_to, tcxd_date date, const char *decision_no,
                                 struct tcxd_error *e) TCXD_WUR;

/* Looks up by id or code as of a date (name and parent of that day). ENOTFOUND if it did not
   exist on that date (message names the code/id and date). */
enum tcxd_err store_org_get(struct store *st, int64_t id, tcxd_date as_of, struct org_info *out,
                            struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_org_by_code(struct store *st, const char *code, tcxd_date as_of,
                                struct org_info *out, struct tcxd_error *e) TCXD_WUR;
/* Resolves "code" or "#id" or a numeric id string. */
enum tcxd_err store_org_resolve(struct store *st, const char *ref, tcxd_date as_of,
                                struct org_info *out, struct tcxd_error *e) TCXD_WUR;
/* The day an organization is shown on when no date is asked: today while it exists, else its
   last day when it has ended (merged, dissolved), or its first when it is created later. */
enum tcxd_err store_org_latest_day(struct store *st, int64_t id, tcxd_date today, tcxd_date *day,
                                   struct tcxd_error *e) TCXD_WUR;
/* store_org_resolve on that day: also finds an organization that has ended (out->ended_on). */
enum tcxd_err store_org_resolve_latest(struct store *st, const char *ref, tcxd_date today,
                                       struct org_info *out, struct tcxd_error *e) TCXD_WUR;

struct org_event_info {
    tcxd_date date;
    char kind[16];
    char decision_no[128];
    int64_t other_org_id;
    char detail[1024];
};
/* Calls fn for each event of the organization, oldest first. */
enum tcxd_err store_org_history(struct store *st, int64_t id,
                                void (*fn)(void *ctx, const struct org_event_info *ev), void *ctx,
                                struct tcxd_error *e) TCXD_WUR;

/* Loads every organization that existed on as_of, with that day's names and parents. */
enum tcxd_err store_tree_load(struct store *st, tcxd_date as_of, struct org_tree *t,
                              struct tcxd_error *e) TCXD_WUR;
/* Loads only root's subtree on as_of (root becomes the tree's root; an empty tree when root did
   not exist on that date): what a report on one organization needs, without the whole tree. */
enum tcxd_err store_tree_load_subtree(struct store *st, tcxd_date as_of, int64_t root,
                                      struct org_tree *t, struct tcxd_error *e) TCXD_WUR;

/* Folded-name search among organizations alive on as_of; fn gets ids, at most limit. */
enum tcxd_err store_org_search(struct store *st, const char *query, tcxd_date as_of, int limit,
                               void (*fn)(void *ctx, int64_t id), void *ctx,
                               struct tcxd_error *e) TCXD_WUR;

/* ---- members ---------------------------------------------------------------------------- */

/* The same fields as text, as they come from a CLI flag, a JSON body or a CSV cell (NULL or ""
   means absent; gender, full_name and birth_date are required). */
struct member_strings {
    const char *full_name, *gender, *birth_date, *ethnicity, *religion, *hometown, *national_id,
        *education, *professional_level, *theory_level, *party_card_no;
};
/* Cleans and validates every field (member_record_parse: the field table of
   core/member_record.h); the error names the field. */
enum tcxd_err member_fields_parse(const struct member_strings *in, struct member_fields *out,
                                  struct tcxd_error *e) TCXD_WUR;

/* What entering an existing member adds to an admission (tcxd member add). Dates DATE_NONE and
   strings NULL or "" when absent. */
struct member_admit_history {
    /* admitted outside the database, at this place (text: "Chi bộ Đội 3, xã Thanh Liệt, huyện
       Thanh Trì"); the member is registered in the request's org_id from arrival_date (an
       official transfer: required, on or after the ceremony) and counted there from then */
    const char *admission_place;
    tcxd_date arrival_date;
    /* recognised official: the decision's date (official from ceremony + 12 months) */
    tcxd_date official_decision_date;
    const char *official_decision_no;
    /* the arrival's transfer: from where (SCOPE_NONE / NULL: not recorded) */
    enum transfer_scope arrival_scope;
    const char *arrival_from;
    tcxd_date arrival_decision_date; /* 0 or DATE_NONE: the arrival's own date */
    const char *arrival_decision_no;
};

struct member_admit_req {
    const struct member_fields *fields;
    int64_t org_id;          /* the chi bộ (of the admission, or of the arrival) */
    tcxd_date decision_date; /* admission decision */
    tcxd_date ceremony_date; /* admission ceremony; probation starts */
    const char *decision_no;
    const struct member_admit_history *history; /* NULL: a new admission into org_id */
};
/* Records a new member (dự bị), or an existing one with its history (req->history: the events
   of member_entry_events, one audit record). Refuses a duplicate national ID among living
   members, and what member_replay refuses. */
enum tcxd_err store_member_admit(struct store *st, const struct store_actor *who,
                                 const struct member_admit_req *req, int64_t *id_out,
                                 struct tcxd_error *e) TCXD_WUR;
/* Re-admission of a removed member (once). */
enum tcxd_err store_member_readmit(struct store *st, const struct store_actor *who,
                                   int64_t member_id, int64_t org_id, tcxd_date decision_date,
                                   tcxd_date ceremony_date, const char *decision_no,
                                   struct tcxd_error *e) TCXD_WUR;

/*
 * Appends a lifecycle event (OFFICIAL, TRANSFER, RETURN, DISCIPLINE, EXEMPT, EXIT) and rebuilds
 * what derives from the events; refuses what member_replay refuses, an event dated in the
 * future, and a target organization that is not a chi bộ alive on that date. For OFFICIAL pass
 * ev->date = DATE_NONE: the store sets ceremony + 12 months.
 */
enum tcxd_err store_member_event(struct store *st, const struct store_actor *who, int64_t member_id,
                                 const struct member_event *ev, const char *decision_no,
                                 const char *detail, struct tcxd_error *e) TCXD_WUR;

/* store_member_event, recording where a transfer or a chuyển đi goes: scope and the other
   party's name (place, at most 300 characters; "" when not known). */
enum tcxd_err store_member_event_where(struct store *st, const struct store_actor *who,
                                       int64_t member_id, const struct member_event *ev,
                                       const char *decision_no, const char *detail,
                                       enum transfer_scope scope, const char *place,
                                       struct tcxd_error *e) TCXD_WUR;

/* Corrects personal fields (not lifecycle). */
enum tcxd_err store_member_update(struct store *st, const struct store_actor *who,
                                  int64_t member_id, const struct member_fields *f,
                                  struct tcxd_error *e) TCXD_WUR;

/*
 * Corrections (làm sạch dữ liệu). A correction is not a life event: the corrected fact replaces
 * the old one where replays and reports read it, and member_correction keeps both (before and
 * after as JSON), who, when and the reason, which is required (field "reason", 1 to 500
 * characters). Each is one transaction with one audit record (member.correct,
 * member.event.correct, member.event.cancel) carrying before, after and the reason. Reports of
 * past dates follow the corrected facts (the derived registrations are rebuilt).
 */
/* The personal record as stored (for a correction that changes some fields). Release out. */
enum tcxd_err store_member_record(struct store *st, int64_t member_id, struct member_fields *out,
                                  struct tcxd_error *e) TCXD_WUR;
/* Only the Phiếu's fields (MFF_PROFILE) of the record into out (the others are left). */
enum tcxd_err store_member_profile(struct store *st, int64_t member_id, struct member_fields *out,
                                   struct tcxd_error *e) TCXD_WUR;
/* The record as a JSON object (text, malloc'd: free it): every field of the table by its key,
   enumerations by their names, dates ISO, null for a missing date. */
char *store_member_record_json_text(const struct member_fields *f);
/* Replaces the personal record by f (every field; the caller changes those it corrects). */
enum tcxd_err store_member_correct(struct store *st, const struct store_actor *who,
                                   int64_t member_id, const struct member_fields *f,
                                   const char *reason, struct tcxd_error *e) TCXD_WUR;
/*
 * Replaces the event event_id of the member by ev (its kind stays; date, decision date, org,
 * form, until), decision_no and detail, and where a transfer or chuyển đi goes or comes from
 * (scope: an enum transfer_scope, -1 keeps it; place NULL keeps it); an official recognition's date
 * follows the admission (ceremony + 12 months, also when the admission's ceremony is corrected).
 * Refused (nothing written) when the member's events with the correction do not replay, a date is
 * in the future, or an admission/transfer names no chi bộ alive on its date. ENOTFOUND (field
 * "event") when the member has no such event.
 */
enum tcxd_err store_member_event_correct(struct store *st, const struct store_actor *who,
                                         int64_t member_id, int64_t event_id,
                                         const struct member_event *ev, const char *decision_no,
                                         const char *detail, int scope, const char *place,
                                         const char *reason, struct tcxd_error *e) TCXD_WUR;
/* Cancels (removes) an event entered by mistake; the first admission cannot be cancelled. */
enum tcxd_err store_member_event_cancel(struct store *st, const struct store_actor *who,
                                        int64_t member_id, int64_t event_id, const char *reason,
                                        struct tcxd_error *e) TCXD_WUR;
struct member_correction_info {
    int64_t id, event_id;                /* event_id 0: the record */
    char action[16];                     /* record | event | cancel */
    const char *before, *after, *reason; /* JSON, JSON, text: valid during the callback */
    char username[128], at[32];
};
enum tcxd_err store_member_corrections(struct store *st, int64_t member_id,
                                       void (*fn)(void *ctx,
                                                  const struct member_correction_info *c),
                                       void *ctx, struct tcxd_error *e) TCXD_WUR;

struct member_info {
    int64_t id;
    char full_name[1024];
    enum gender gender;
    tcxd_date birth_date;
    char ethnicity[128], religion[128], hometown[1024], national_id[16], education[128],
        professional_level[256], party_card_no[32];
    enum theory_level theory;
    tcxd_date admission_decision_date, ceremony_date, official_date, died_on;
    enum member_status status; /* today */
    bool exempt;
    int64_t org_id; /* current chi bộ */
};
enum tcxd_err store_member_get(struct store *st, int64_t id, struct member_info *out,
                               struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_member_by_national_id(struct store *st, const char *nid, int64_t *id_out,
                                          struct tcxd_error *e) TCXD_WUR;

struct member_event_info {
    int64_t id;
    struct member_event ev;
    char decision_no[128];
    char detail[1024];
    enum transfer_scope scope; /* transfers and chuyển đi: where to / from */
    char place[304];           /* the other party, as text */
};
/* Events oldest first; also fills *d with the replayed derivation when d is not NULL
   (caller releases d with member_derived_release). */
enum tcxd_err store_member_events(struct store *st, int64_t member_id,
                                  void (*fn)(void *ctx, const struct member_event_info *ev),
                                  void *ctx, struct member_derived *d,
                                  struct tcxd_error *e) TCXD_WUR;

/* Member list / search. org_id: subtree root as of as_of (0 = everything). */
struct member_query {
    int64_t org_id;
    tcxd_date as_of;
    const char *q;          /* folded-prefix search on the full name, or "" */
    int status;             /* -1 any active (dự bị + chính thức), else enum member_status */
    int gender;             /* -1 any */
    int age_min, age_max;   /* -1 none */
    int theory;             /* -1 any */
    const char *ethnicity;  /* NULL any */
    bool include_temporary; /* also members here on a temporary transfer */
    enum { MQ_SORT_NAME, MQ_SORT_BIRTH } sort;
    int offset, limit;
};
void member_query_init(struct member_query *q);
struct member_row {
    int64_t id;
    char full_name[1024];
    enum gender gender;
    tcxd_date birth_date;
    enum member_status status;
    int64_t org_id;
    bool temporary;
    tcxd_date admission_decision_date;
};
/* Calls fn for the page of rows in Vietnamese roll order; *total gets the full match count. */
enum tcxd_err store_member_list(struct store *st, const struct org_tree *tree,
                                const struct member_query *q,
                                void (*fn)(void *ctx, const struct member_row *r), void *ctx,
                                int64_t *total, struct tcxd_error *e) TCXD_WUR;

/* Probationary members (as of today) under org: fn per member with its due computation. */
enum tcxd_err store_member_due(struct store *st, const struct org_tree *tree, int64_t org_id,
                               tcxd_date today, int within_days,
                               void (*fn)(void *ctx, const struct member_row *r,
                                          const struct member_due *due),
                               void *ctx, struct tcxd_error *e) TCXD_WUR;

/* ---- counting --------------------------------------------------------------------------- */

/* Per organization counts of registered members on as_of by status (probationary/official);
   fn is called once per (org, status) with a non-zero count. orgs == NULL: every organization
   (from the open-registration counters: time grows with what changed after as_of, not with the
   number of members); else only those norgs ids, one indexed lookup each (a small subtree).
   The counts of every organization on the last day of a past month are kept as that day's
   snapshot when the connection can write (migration 0006; dropped by triggers whenever a
   registration covering the day changes), and later counts of that day read the snapshot. */
enum tcxd_err
store_member_counts(struct store *st, tcxd_date as_of, const int64_t *orgs, size_t norgs,
                    void (*fn)(void *ctx, int64_t org_id, enum member_status s, int64_t count),
                    void *ctx, struct tcxd_error *e) TCXD_WUR;

/* Row per registered member on as_of, for breakdowns: what a report tabulates. */
struct member_fact {
    int64_t member_id;
    int64_t org_id;
    enum member_status status;
    enum gender gender;
    tcxd_date birth_date;
    tcxd_date first_decision;
    enum theory_level theory;
    const char *ethnicity, *religion, *education; /* valid during the callback only */
};
enum tcxd_err store_member_facts(struct store *st, tcxd_date as_of, const int64_t *orgs,
                                 size_t norgs, void (*fn)(void *ctx, const struct member_fact *f),
                                 void *ctx, struct tcxd_error *e) TCXD_WUR;

/* Every interval outside the party (member_gap) that starts before `before`, in no particular
   order: with member_fact.first_decision it gives exact party ages (member_party_age_years). */
enum tcxd_err store_member_gaps(struct store *st, tcxd_date before,
                                void (*fn)(void *ctx, int64_t member_id,
                                           const struct member_gap *g),
                                void *ctx, struct tcxd_error *e) TCXD_WUR;

/* ---- audit ------------------------------------------------------------------------------ */

struct audit_row {
    int64_t id;
    char at[32];
    char username[128], address[64], action[64], entity[32];
    int64_t entity_id, org_id;
    const char *before, *after; /* JSON text or NULL, valid during the callback */
};
struct audit_query {
    int64_t org_id;       /* 0 any */
    const char *username; /* NULL any */
    const char *since;    /* ISO date or NULL */
    int limit;
};
enum tcxd_err store_audit_list(struct store *st, const struct audit_query *q,
                               void (*fn)(void *ctx, const struct audit_row *r), void *ctx,
                               struct tcxd_error *e) TCXD_WUR;
int64_t store_audit_count(struct store *st);

/* ---- restructuring (store_restructure.c) ------------------------------------------------ */

/* Is the code used by any organization, of any date? */
bool store_org_code_used(struct store *st, const char *code);
/* Child organizations of id alive on date, in code order (fn gets each id). */
enum tcxd_err store_org_children(struct store *st, int64_t id, tcxd_date date,
                                 void (*fn)(void *ctx, int64_t id), void *ctx,
                                 struct tcxd_error *e) TCXD_WUR;
/* Appends an audit record for a composite change (a restructuring plan), inside the caller's
   transaction: the operations it is made of audit themselves as well. */
enum tcxd_err store_audit_append(struct store *st, const struct store_actor *who,
                                 const char *action, const char *entity, int64_t entity_id,
                                 int64_t org_id, const char *before, const char *after,
                                 struct tcxd_error *e) TCXD_WUR;
/* Every organization event dated in [from, to), oldest first: kind is create, rename, move,
   merge_in, merged_into, dissolve or retier; other is the other organization (the new parent of
   a move, the target of a merge) or 0. */
enum tcxd_err store_org_events_between(struct store *st, tcxd_date from, tcxd_date to,
                                       void (*fn)(void *ctx, int64_t org_id, const char *kind,
                                                  tcxd_date date, int64_t other),
                                       void *ctx, struct tcxd_error *e) TCXD_WUR;

/* Administrative units' area and population (migration 0081), for the merger analysis. */
struct admin_unit {
    char code[16];
    char name[256];
    int level; /* 0 province, 1 district, 2 commune */
    char province_code[8];
    int kind;           /* enum admin_kind (core/adminstd.h) */
    int terrain;        /* enum admin_terrain */
    double area_km2;    /* < 0: unknown */
    int64_t population; /* < 0: unknown */
    tcxd_date as_of;
    char source[128];
};
/* Adds or replaces (same code and as_of) the rows in one transaction, one audit record. */
enum tcxd_err store_admin_units_put(struct store *st, const struct store_actor *who,
                                    const struct admin_unit *u, size_t n,
                                    struct tcxd_error *e) TCXD_WUR;
/* The communes (level 2) of a province with each one's latest figures on or before `on`. */
enum tcxd_err store_admin_units_of(struct store *st, const char *province_code, tcxd_date on,
                                   void (*fn)(void *ctx, const struct admin_unit *u), void *ctx,
                                   struct tcxd_error *e) TCXD_WUR;

#endif
