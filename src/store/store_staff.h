/*
 * store_staff.h - the staffing roll (biên chế) in the database (migration 0072): bodies, people
 * and their dated events. The rules are core/staff.h: this module reads a person's events,
 * checks the new one with staff_check_add, records it and reads back; the forms' counts replay
 * the events (store_staff_scan).
 *
 * Scope: a person belongs to the managing organization (org_id, as a cadre does); a body to its
 * organization of the tree. A person is visible while the managing organization is in today's
 * scope; an event is written only when the person's organization and the body's are in the
 * scope on the event's date and today (store_scope_check_write). Every mutation is one
 * transaction with one audit record: "staff.body", "staff.person", "staff.join", "staff.move",
 * "staff.grade", "staff.leave" (no birth date in the audit). Refusals write nothing.
 *
 * Ownership: info structs are plain values; strings passed in are borrowed for the call;
 * store_staff_events' array is the caller's (free()).
 */
#ifndef TCXD_STORE_STORE_STAFF_H
#define TCXD_STORE_STORE_STAFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/cadre.h"
#include "core/staff.h"
#include "store/store.h"

enum { STAFF_NAME_MAX = 200, STAFF_DOC_MAX = 100 };

struct staff_body_info {
    int64_t id, org_id;
    char name[1024]; /* empty on add: the organization's name */
    enum staff_body_kind kind;
    enum staff_level level;
};
enum tcxd_err store_staff_body_add(struct store *st, const struct store_actor *who,
                                   const struct staff_body_info *b, int64_t *id_out,
                                   struct tcxd_error *e) TCXD_WUR;
/* ENOTFOUND for an unknown body or one outside today's scope (field "body"). */
enum tcxd_err store_staff_body_get(struct store *st, int64_t id, struct staff_body_info *out,
                                   struct tcxd_error *e) TCXD_WUR;
/* Bodies of organizations in the subtree of org_id today (0: all), by level, kind, name. */
enum tcxd_err store_staff_body_list(struct store *st, int64_t org_id,
                                    void (*fn)(void *ctx, const struct staff_body_info *b),
                                    void *ctx, struct tcxd_error *e) TCXD_WUR;

struct staff_person_req {
    int64_t org_id;    /* the managing organization */
    int64_t cadre_id;  /* 0: none; else the attributes are the cadre's (none may be given) */
    int64_t member_id; /* 0: none; else name, gender, birth, ethnicity, theory default to the
                          member's */
    const char *full_name;
    bool has_gender;
    enum gender gender;
    tcxd_date birth_date;
    const char *ethnicity;
    enum cadre_prof prof;
    enum cadre_academic academic;
    bool has_theory;
    enum theory_level theory;
    bool party; /* a party member not in this database */
};
struct staff_person_info {
    int64_t id, org_id, cadre_id, member_id;
    char full_name[1024];
    char ethnicity[128];
    struct cadre_attrs attrs; /* religious unused */
    bool party;               /* a party member: linked to a member, or said so */
};
enum tcxd_err store_staff_person_add(struct store *st, const struct store_actor *who,
                                     const struct staff_person_req *r, int64_t *id_out,
                                     struct tcxd_error *e) TCXD_WUR;
/* ENOTFOUND (field "person") for an unknown person or one outside today's scope. */
enum tcxd_err store_staff_person_get(struct store *st, int64_t id, struct staff_person_info *out,
                                     struct tcxd_error *e) TCXD_WUR;
/* The person's events by (date, id): *out is the caller's. */
enum tcxd_err store_staff_events(struct store *st, int64_t person_id, struct staff_event **out,
                                 size_t *n, struct tcxd_error *e) TCXD_WUR;
/* Records an event (kind and fields as core/staff.h; decision_no may be NULL) after
   staff_check_add against the person's events; the body must be visible and in the scope on
   the date. */
enum tcxd_err store_staff_event_add(struct store *st, const struct store_actor *who,
                                    int64_t person_id, const struct staff_event *ev,
                                    const char *decision_no, int64_t *id_out,
                                    struct tcxd_error *e) TCXD_WUR;

/* One person as the forms see them over a subtree: the replay, and for each stint whether its
   body is in the subtree (the tree of the day given to the scan) with the body's kind and
   level. All borrowed for the call. */
struct staff_scan_item {
    const struct staff_person_info *person;
    const struct staff_event *ev;
    size_t nev;
    const struct staff_replay *replay;
    const bool *in;                   /* [replay->n] */
    const enum staff_body_kind *kind; /* [replay->n] */
    const enum staff_level *level;    /* [replay->n] */
};
/* Every person with an event, replayed, over the subtree of org_id on tree_on (0: everything).
   The root is checked against the scope on tree_on. */
enum tcxd_err store_staff_scan(struct store *st, int64_t org_id, tcxd_date tree_on,
                               void (*fn)(void *ctx, const struct staff_scan_item *it), void *ctx,
                               struct tcxd_error *e) TCXD_WUR;
/* The roll at the end of `on`: each visible person (managing organization in today's scope) on
   it in a body of the subtree of org_id (the tree of `on`; 0: all), in id order. */
enum tcxd_err store_staff_roll(struct store *st, int64_t org_id, tcxd_date on,
                               void (*fn)(void *ctx, const struct staff_person_info *p,
                                          const struct staff_stint *s),
                               void *ctx, struct tcxd_error *e) TCXD_WUR;

/* The JSON of each record, one shape for `tcxd --json staff ...` and the API (new references). */
json_t *staff_body_json(const struct staff_body_info *b);
json_t *staff_person_json(const struct staff_person_info *p);
json_t *staff_event_json(const struct staff_event *x);
json_t *staff_stint_json(const struct staff_stint *s);

#endif
