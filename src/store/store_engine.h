/*
 * store_engine.h - the bulk reads the analytics engine (src/engine) is built from, and the
 * change token that tells it whether what it holds is still the database's content.
 *
 * Each read walks one table in table order and calls fn once per row; strings are valid during
 * the callback only. Call them between store_read_begin() and store_read_end() so that they
 * all see one snapshot, and take the token inside the same snapshot.
 */
#ifndef TCXD_STORE_STORE_ENGINE_H
#define TCXD_STORE_STORE_ENGINE_H

#include "store/store.h"

/* The highest row id of every table the engine reads (org, org_version, org_event, member,
   member_event, member_stint, member_gap) and of the audit log, with the schema version. Every
   change appends rows or an audit record (store.h: each mutation is audited), so a database
   whose token equals a remembered one holds the same members and organizations. A few index
   lookups. */
#define STORE_TOKEN_PARTS 9
struct store_change_token {
    int64_t v[STORE_TOKEN_PARTS];
};
enum tcxd_err store_change_token(struct store *st, struct store_change_token *out,
                                 struct tcxd_error *e) TCXD_WUR;
bool store_change_token_equal(const struct store_change_token *a,
                              const struct store_change_token *b);

/* The database file's path as opened ("" for an in-memory database): caches key on it. */
const char *store_path(const struct store *st);

struct store_engine_org {
    int64_t id;
    const char *code;
    enum org_tier tier;
    enum org_form form;
    enum org_base_type base_type;
    tcxd_date created_on, ended_on;
};
enum tcxd_err store_engine_orgs(struct store *st,
                                void (*fn)(void *ctx, const struct store_engine_org *o), void *ctx,
                                struct tcxd_error *e) TCXD_WUR;

struct store_engine_org_version {
    int64_t org_id, parent_id; /* parent 0: a root */
    tcxd_date from, to;
    const char *name;
    /* the organization's kind in this version (migration 0080: re-tiered organizations) */
    enum org_tier tier;
    enum org_form form;
    enum org_base_type base_type;
};
enum tcxd_err store_engine_org_versions(struct store *st,
                                        void (*fn)(void *ctx,
                                                   const struct store_engine_org_version *v),
                                        void *ctx, struct tcxd_error *e) TCXD_WUR;

struct store_engine_member {
    int64_t id;
    const char *full_name, *ethnicity, *religion, *education;
    const char *national_id, *party_card_no; /* NULL when absent */
    const void *name_key; /* the roll-order key (text_name_sort_key), name_key_len bytes */
    size_t name_key_len;
    enum gender gender;
    enum theory_level theory;
    tcxd_date birth_date, first_decision, ceremony_date, official_date, died_on;
    enum member_status status; /* today */
    int64_t org_id;            /* current chi bộ */
};
enum tcxd_err store_engine_members(struct store *st,
                                   void (*fn)(void *ctx, const struct store_engine_member *m),
                                   void *ctx, struct tcxd_error *e) TCXD_WUR;

enum tcxd_err store_engine_stints(struct store *st,
                                  void (*fn)(void *ctx, int64_t member_id,
                                             const struct member_stint *s),
                                  void *ctx, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_engine_gaps(struct store *st,
                                void (*fn)(void *ctx, int64_t member_id,
                                           const struct member_gap *g),
                                void *ctx, struct tcxd_error *e) TCXD_WUR;
/* One member's row, registrations and gaps, as the bulk reads give them (the engine's delta
   reads the members changed since it was built again): ENOTFOUND when there is no such member. */
enum tcxd_err store_engine_member_one(struct store *st, int64_t id,
                                      void (*fm)(void *ctx, const struct store_engine_member *m),
                                      void (*fs)(void *ctx, int64_t member_id,
                                                 const struct member_stint *s),
                                      void (*fg)(void *ctx, int64_t member_id,
                                                 const struct member_gap *g),
                                      void *ctx, struct tcxd_error *e) TCXD_WUR;
/* The roll-order key of member id as stored (store_engine_member.name_key): at most n bytes
   into buf, *len of them. */
enum tcxd_err store_engine_member_key(struct store *st, int64_t id, unsigned char *buf, size_t n,
                                      size_t *len, struct tcxd_error *e) TCXD_WUR;
/* ev->seq is the event's id. */
enum tcxd_err store_engine_events(struct store *st,
                                  void (*fn)(void *ctx, int64_t member_id,
                                             const struct member_event *ev),
                                  void *ctx, struct tcxd_error *e) TCXD_WUR;

#endif
