/*
 * store_facts.h - raw reads for the statistics forms (src/report/facts*): every version of every
 * organization, and members' personal fields with their whole event history. The forms replay
 * these with core's rules (member_replay) to know who was where on any day; nothing here is
 * derived.
 */
#ifndef TCXD_STORE_STORE_FACTS_H
#define TCXD_STORE_STORE_FACTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/member.h"
#include "core/org.h"
#include "store/store.h"

/* One row of an organization's history: its parent, tier, form and base type over [from, to)
   (migration 0080: they may change), with its life span. code and name are valid during the
   callback only. */
struct store_org_version {
    int64_t org_id, parent_id; /* parent 0: a root */
    tcxd_date from, to;        /* [from, to) */
    tcxd_date created_on, ended_on;
    enum org_tier tier;
    enum org_form form;
    enum org_base_type base_type;
    const char *code, *name;
};
/* Every version of every organization, by organization id then from. */
enum tcxd_err store_org_versions(struct store *st,
                                 void (*fn)(void *ctx, const struct store_org_version *v),
                                 void *ctx, struct tcxd_error *e) TCXD_WUR;

/* The Phiếu's coded fields the forms count (migration 0011): each the index of its value in the
   field's table of core/member_record.c (member_occupation_values ...), 0 = chưa cập nhật. */
struct store_member_codes {
    uint8_t occupation_before, occupation, work_status, general_education, professional_degree,
        academic_title, youth_union, business_owner, foreign_marriage;
};

/* A member's fields (strings valid during the callback) and events (date, id order). */
struct store_member_history {
    int64_t id;
    enum gender gender;
    tcxd_date birth_date;
    enum theory_level theory;
    const char *ethnicity, *religion, *education, *professional_level;
    struct store_member_codes codes;
    struct member_event *ev; /* the callback may reorder them (member_replay sorts) */
    size_t nev;
    /* each event's transfer scope (enum transfer_scope, migration 0012), in the order the
       events were read: (date, id), the order member_replay sorts them into (seq = id) */
    const uint8_t *scope;
};
/*
 * Members who had a stint (registered or temporary) in one of orgs overlapping the days
 * [from, to] (both included); orgs == NULL: every member. fn once per member, by id.
 * A non-OK return of fn stops the walk and is returned.
 */
enum tcxd_err store_member_histories(struct store *st, const int64_t *orgs, size_t norgs,
                                     tcxd_date from, tcxd_date to,
                                     enum tcxd_err (*fn)(void *ctx, struct store_member_history *h,
                                                         struct tcxd_error *e),
                                     void *ctx, struct tcxd_error *e) TCXD_WUR;

/* The same for the members ids[0 .. n) (any order, repeats allowed; an id with no member is
   skipped), by id. */
enum tcxd_err store_member_histories_of(struct store *st, const int64_t *ids, size_t n,
                                        enum tcxd_err (*fn)(void *ctx,
                                                            struct store_member_history *h,
                                                            struct tcxd_error *e),
                                        void *ctx, struct tcxd_error *e) TCXD_WUR;
/* The audit records after the one numbered after_id, in order, at most limit of them: fn gets
   each record's entity ("member", "org", "import" ...) and entity id (0 when none); *n how many
   were read. What the forms' cache file uses to tell the members changed since it was written
   from a change it must be rebuilt for. */
enum tcxd_err store_audit_since(struct store *st, int64_t after_id, size_t limit,
                                void (*fn)(void *ctx, const char *entity, int64_t entity_id),
                                void *ctx, size_t *n, struct tcxd_error *e) TCXD_WUR;

/* The members added after the member row numbered member_after, and those with an event added
   after the event row numbered event_after (what the audit may not name); an id may come more
   than once. */
enum tcxd_err store_facts_members_after(struct store *st, int64_t member_after, int64_t event_after,
                                        void (*fn)(void *ctx, int64_t member_id), void *ctx,
                                        struct tcxd_error *e) TCXD_WUR;

/* What the analytics engine does not hold, for the forms' engine facts (facts_engine.c): each
   member's professional level and coded fields (by id), and the events that make exemption,
   suspension and the latest ceremony (ADMIT, EXEMPT, EXIT, SUSPEND: member_id, kind, date, form; by
   member, date). Strings are valid during the callback only. */
enum tcxd_err store_member_prof_levels(struct store *st,
                                       void (*fn)(void *ctx, int64_t id, const char *prof,
                                                  const struct store_member_codes *codes),
                                       void *ctx, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_member_status_events(struct store *st,
                                         void (*fn)(void *ctx, int64_t member_id,
                                                    enum member_event_kind kind, tcxd_date date,
                                                    int form),
                                         void *ctx, struct tcxd_error *e) TCXD_WUR;

#endif
