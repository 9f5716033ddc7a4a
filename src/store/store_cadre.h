/*
 * store_cadre.h - cadre work in the database (migration 0070): cadres, committees per term,
 * positions and holdings, planning, appointments, rotation, training, confidence votes, and the
 * figures reports need. The rules are core/cadre.h: this module gathers the facts they need,
 * checks with them, records the result and reads back.
 *
 * Every mutation is one transaction with one audit record ("cadre.add", "cadre.term",
 * "cadre.seat", "cadre.seat_end", "cadre.position", "cadre.appoint", "cadre.holding_end",
 * "cadre.plan", "cadre.plan_remove", "cadre.move", "cadre.training", "cadre.vote_session",
 * "cadre.vote") naming the organization the record belongs to: the cadre's managing
 * organization, the committee's, the position's, the session's. Writes check the scope
 * (store_scope_check_write) on that organization; refusals write nothing.
 *
 * Facts gathered for the rules:
 *   - disciplines: the linked member's DISCIPLINE events (a non-member cadre has none here:
 *     UNCONFIRMED how boards record disciplines of non-members);
 *   - planning for an appointment: an entry for the cadre and the post active on the date (any
 *     term); a new appointment removes the cadre's entry for that post (reason "appointed");
 *   - reappointment: a holding of the post by the cadre covering the day before; it ends on the
 *     reappointment's date and a new holding starts;
 *   - a vote "two thirds low" for the cadre in the post since the holding began refuses a
 *     reappointment;
 *   - a vote: the exclusion is computed (store_cadre_vote_add): appointed or elected to the post
 *     in the session's year, or notified of retirement, is not voted (counts refused); a result
 *     of more than half low removes the cadre's active planning entries on the session day
 *     (reason "low_confidence"), in the same transaction.
 *
 * Ownership: info structs are plain values; strings passed in are borrowed for the call.
 */
#ifndef TCXD_STORE_STORE_CADRE_H
#define TCXD_STORE_STORE_CADRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/cadre.h"
#include "store/store.h"

enum {
    CADRE_NAME_MAX = 200,
    CADRE_TEXT_MAX = 200,
    CADRE_DOC_MAX = 100,
};

/* ---- cadres ------------------------------------------------------------------------------- */

struct cadre_req {
    int64_t member_id; /* 0: not a member; else name, gender, birth, ethnicity, religion and
                          theory default to the member's when not given */
    const char *full_name;
    bool has_gender;
    enum gender gender;
    tcxd_date birth_date;
    const char *ethnicity, *religion;
    enum cadre_prof prof;
    enum cadre_academic academic;
    bool has_theory;
    enum theory_level theory;
    enum cadre_mgmt mgmt;
    int64_t org_id; /* the managing committee's organization */
    tcxd_date work_start;
};

struct cadre_info {
    int64_t id, member_id, org_id;
    char full_name[1024];
    char ethnicity[128], religion[128];
    enum cadre_mgmt mgmt;
    struct cadre_attrs attrs;
    tcxd_date work_start, retiring_on;
};

enum tcxd_err store_cadre_add(struct store *st, const struct store_actor *who,
                              const struct cadre_req *req, int64_t *id_out,
                              struct tcxd_error *e) TCXD_WUR;
/* ENOTFOUND for an unknown cadre or one whose managing organization is outside the scope. */
enum tcxd_err store_cadre_get(struct store *st, int64_t id, struct cadre_info *out,
                              struct tcxd_error *e) TCXD_WUR;
/* The cadre without the scope check (ENOTFOUND when none), for the store's modules that check
   the scope themselves (store_training.c). */
enum tcxd_err store_cadre_load(struct store *st, int64_t id, struct cadre_info *out,
                               struct tcxd_error *e) TCXD_WUR;
/* The cadre linked to a member (ENOTFOUND when none). */
enum tcxd_err store_cadre_by_member(struct store *st, int64_t member_id, int64_t *id_out,
                                    struct tcxd_error *e) TCXD_WUR;
/* Cadres managed in the subtree of org_id today (0: all), by name. */
enum tcxd_err store_cadre_list(struct store *st, int64_t org_id,
                               void (*fn)(void *ctx, const struct cadre_info *c), void *ctx,
                               struct tcxd_error *e) TCXD_WUR;
/* Records the notice of leave pending retirement (DATE_NONE clears it). */
enum tcxd_err store_cadre_retiring(struct store *st, const struct store_actor *who, int64_t id,
                                   tcxd_date on, struct tcxd_error *e) TCXD_WUR;

/* ---- committees --------------------------------------------------------------------------- */

struct cadre_term_info {
    int64_t id, org_id;
    char label[64];
    tcxd_date from, to;
    enum cadre_tier tier; /* the committee's tier on forms 9 and 12 */
    bool tier_set;        /* false: a term from before migration 0071 (cadre_tier_default) */
};
/* A term: from the congress to the next (exclusive); terms of one organization do not overlap.
   tier NULL: cadre_tier_default of the organization on `from` (a committee's). */
enum tcxd_err store_cadre_term_add(struct store *st, const struct store_actor *who, int64_t org_id,
                                   const char *label, tcxd_date from, tcxd_date to,
                                   const enum cadre_tier *tier, int64_t *id_out,
                                   struct tcxd_error *e) TCXD_WUR;
/* The term of org_id covering `on` (ENOTFOUND when none). */
enum tcxd_err store_cadre_term_on(struct store *st, int64_t org_id, tcxd_date on,
                                  struct cadre_term_info *out, struct tcxd_error *e) TCXD_WUR;

/* A seat (to DATE_NONE: until the term ends), checked with committee_seat_check. */
enum tcxd_err store_cadre_seat_add(struct store *st, const struct store_actor *who, int64_t term_id,
                                   const struct committee_seat *seat, const char *decision_no,
                                   int64_t *id_out, struct tcxd_error *e) TCXD_WUR;
/* Ends a seat on `on` (after it starts, not after its end) with the reason. */
enum tcxd_err store_cadre_seat_end(struct store *st, const struct store_actor *who, int64_t seat_id,
                                   tcxd_date on, enum committee_leave reason,
                                   struct tcxd_error *e) TCXD_WUR;

struct cadre_seat_info {
    int64_t id, term_id;
    struct committee_seat seat;
    enum committee_leave leave;
    char full_name[1024];
    char decision_no[128];
};
/* The committee of org_id on `on`: the seats of the term covering it held that day, by role then
   name; *term gets the term (ENOTFOUND when no term covers the day). */
enum tcxd_err store_cadre_committee(struct store *st, int64_t org_id, tcxd_date on,
                                    struct cadre_term_info *term,
                                    void (*fn)(void *ctx, const struct cadre_seat_info *s),
                                    void *ctx, struct tcxd_error *e) TCXD_WUR;

/* ---- positions, appointments ---------------------------------------------------------------- */

struct cadre_position_info {
    int64_t id, org_id;
    enum position_title title;
    enum position_sector sector;
    enum cadre_mgmt level;
    char name[1024];
    enum cadre_post post; /* the column of forms 9 and 12 */
    enum cadre_tier tier;
    bool leader; /* lãnh đạo, quản lý */
    /* adding: which of post, tier, leader are given (else core/cadre.h's defaults: the tier of
       the organization today); reading: post_set, leader_set true, tier_set false for a
       position from before migration 0071 (the forms apply cadre_tier_default) */
    bool post_set, tier_set, leader_set;
};
enum tcxd_err store_cadre_position_add(struct store *st, const struct store_actor *who,
                                       const struct cadre_position_info *p, int64_t *id_out,
                                       struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_cadre_position_get(struct store *st, int64_t id,
                                       struct cadre_position_info *out,
                                       struct tcxd_error *e) TCXD_WUR;
/* Positions of organizations in the subtree of org_id today (0: all in the scope), by name. */
enum tcxd_err store_cadre_position_list(struct store *st, int64_t org_id,
                                        void (*fn)(void *ctx, const struct cadre_position_info *p),
                                        void *ctx, struct tcxd_error *e) TCXD_WUR;

struct cadre_appoint_req {
    int64_t cadre_id, position_id;
    enum appoint_kind kind;
    tcxd_date date, term_end; /* term_end DATE_NONE: 5 years (none for a nomination) */
    const char *decision_no;
    bool outside;     /* from outside, planned for an equivalent post */
    bool higher_post; /* a higher post than the cadre's current one */
};
/* Checks (appoint_check with the gathered facts) and records; a new appointment or a
   reappointment opens a holding (position_holding_check). */
enum tcxd_err store_cadre_appoint(struct store *st, const struct store_actor *who,
                                  const struct cadre_appoint_req *req, int64_t *id_out,
                                  struct tcxd_error *e) TCXD_WUR;
/* Ends the holding of the post by the cadre open on `on` (after its start). */
enum tcxd_err store_cadre_holding_end(struct store *st, const struct store_actor *who,
                                      int64_t cadre_id, int64_t position_id, tcxd_date on,
                                      struct tcxd_error *e) TCXD_WUR;

struct cadre_holding_info {
    int64_t id;
    struct position_holding h;
    struct cadre_position_info position;
    char full_name[1024];
    char decision_no[128];
};
/* A cadre's holdings, oldest first (the career). */
enum tcxd_err store_cadre_holdings(struct store *st, int64_t cadre_id,
                                   void (*fn)(void *ctx, const struct cadre_holding_info *h),
                                   void *ctx, struct tcxd_error *e) TCXD_WUR;

/* The due list: holdings open on `on` with a term end within `horizon_days`, of positions in
   the subtree of org_id on `on` (0: all), by term end; with reappoint_state_on(soon_days). */
struct cadre_due_info {
    struct cadre_holding_info holding;
    tcxd_date notice_by;
    enum reappoint_state state;
};
enum tcxd_err store_cadre_due(struct store *st, int64_t org_id, tcxd_date on, int horizon_days,
                              int soon_days, void (*fn)(void *ctx, const struct cadre_due_info *d),
                              void *ctx, struct tcxd_error *e) TCXD_WUR;

/* Among the organizations of the subtree of org_id on `on` whose committee has a secretary that
   day, how many have the secretary also holding a position of `title` in the same organization
   (seed 002: "bí thư cấp ủy đồng thời là chủ tịch UBND cấp xã ở 96/186"). */
enum tcxd_err store_cadre_concurrent(struct store *st, int64_t org_id, tcxd_date on,
                                     enum position_title title, int64_t *num, int64_t *den,
                                     struct tcxd_error *e) TCXD_WUR;

/* ---- planning ----------------------------------------------------------------------------- */

struct cadre_plan_info {
    int64_t id;
    char term[64];
    struct plan_entry entry;
    enum plan_removal reason;
    char full_name[1024];
};
/* Adds the cadre to the planning of the term for the position on `on` (plan_add_check over the
   term's entries; refused while a discipline is in force). */
enum tcxd_err store_cadre_plan_add(struct store *st, const struct store_actor *who,
                                   const char *term, int64_t position_id, int64_t cadre_id,
                                   tcxd_date on, int64_t *id_out, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_cadre_plan_remove(struct store *st, const struct store_actor *who,
                                      int64_t plan_id, tcxd_date on, enum plan_removal reason,
                                      struct tcxd_error *e) TCXD_WUR;
/* Entries of the term for a position (0: every position) active on `on`, by position and the
   order added, of positions whose organization is in the scope today; with the shares of
   women and young. */
enum tcxd_err store_cadre_plan_list(struct store *st, const char *term, int64_t position_id,
                                    tcxd_date on,
                                    void (*fn)(void *ctx, const struct cadre_plan_info *p),
                                    void *ctx, struct plan_shares *shares,
                                    struct tcxd_error *e) TCXD_WUR;

/* ---- rotation, training -------------------------------------------------------------------- */

struct cadre_move_req {
    int64_t cadre_id;
    struct cadre_move move;
    const char *from_text;
    int64_t to_org_id;
    const char *decision_no;
};
enum tcxd_err store_cadre_move_add(struct store *st, const struct store_actor *who,
                                   const struct cadre_move_req *req, int64_t *id_out,
                                   struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_cadre_training_add(struct store *st, const struct store_actor *who,
                                       int64_t cadre_id, enum training_programme p,
                                       enum training_mode m, tcxd_date from, tcxd_date to,
                                       const char *institution, int64_t *id_out,
                                       struct tcxd_error *e) TCXD_WUR;

/* ---- votes -------------------------------------------------------------------------------- */

struct cadre_vote_session_info {
    int64_t id, org_id;
    tcxd_date held_on;
    int year;
    struct vote_session s;
};
enum tcxd_err store_cadre_vote_session_add(struct store *st, const struct store_actor *who,
                                           const struct cadre_vote_session_info *req,
                                           int64_t *id_out, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_cadre_vote_session_get(struct store *st, int64_t id,
                                           struct cadre_vote_session_info *out,
                                           struct tcxd_error *e) TCXD_WUR;
/* Sessions held by organizations of the subtree of org_id today (0: all in the scope), of
   `year` (0: every year), the latest first. */
enum tcxd_err store_cadre_vote_session_list(struct store *st, int64_t org_id, int year,
                                            void (*fn)(void *ctx,
                                                       const struct cadre_vote_session_info *v),
                                            void *ctx, struct tcxd_error *e) TCXD_WUR;
/* One person's tally in a session for a post (see the header for the exclusion and the planning
   consequence); *outcome gets the result when not NULL. */
enum tcxd_err store_cadre_vote_add(struct store *st, const struct store_actor *who,
                                   int64_t session_id, int64_t cadre_id, int64_t position_id,
                                   const struct vote_tally *t, enum vote_outcome *outcome,
                                   struct tcxd_error *e) TCXD_WUR;

struct cadre_vote_info {
    int64_t session_id, cadre_id, position_id;
    char full_name[1024], position[1024];
    struct vote_tally t;
    enum vote_outcome outcome;
};
enum tcxd_err store_cadre_vote_results(struct store *st, int64_t session_id,
                                       void (*fn)(void *ctx, const struct cadre_vote_info *v),
                                       void *ctx, struct tcxd_error *e) TCXD_WUR;

/* The review link: the confidence vote of the cadre linked to member_id held in `year` (the
   latest session that year; with several posts, the one with the most low votes as a share of
   the ballots returned). *found false when there is none (or the cadre was excluded). */
struct cadre_vote_year {
    bool found;
    int64_t session_id;
    tcxd_date held_on;
    int64_t returned, low;
    enum vote_outcome outcome;
};
enum tcxd_err store_cadre_vote_for_member(struct store *st, int64_t member_id, int year,
                                          struct cadre_vote_year *out,
                                          struct tcxd_error *e) TCXD_WUR;

/* ---- reports ------------------------------------------------------------------------------ */

/* Distinct cadres over the subtree of org_id (as it stood on `to`) in [from, to] (both days):
   appointed (appointments and nominations to posts of the subtree), moved (điều động, luân
   chuyển to organizations of the subtree; biệt phái is not counted), added to committees
   (bầu bổ sung, chỉ định bổ sung of the subtree's committees). */
enum tcxd_err store_cadre_work_counts(struct store *st, int64_t org_id, tcxd_date from,
                                      tcxd_date to, struct cadre_work_counts *out,
                                      struct tcxd_error *e) TCXD_WUR;

/* Each appointment, reappointment and nomination (one per decision: form 13's "lượt người") of
   [from, to] (both days) to a post of an organization of the subtree of org_id as it stood on
   `to`, with the cadre, by date. */
struct cadre_appoint_event {
    int64_t cadre_id, position_id, org_id;
    enum appoint_kind kind;
    tcxd_date date;
    struct cadre_info cadre;
};
enum tcxd_err
store_cadre_appoint_events(struct store *st, int64_t org_id, tcxd_date from, tcxd_date to,
                           void (*fn)(void *ctx, const struct cadre_appoint_event *ev), void *ctx,
                           struct tcxd_error *e) TCXD_WUR;

/* Each transfer, rotation and secondment of [from, to] (both days) to an organization of the
   subtree of org_id as it stood on `to` (form 11's "lượt người"), with the cadre, by date. */
struct cadre_move_event {
    int64_t cadre_id, to_org_id;
    struct cadre_move move;
    struct cadre_info cadre;
};
enum tcxd_err store_cadre_move_events(struct store *st, int64_t org_id, tcxd_date from,
                                      tcxd_date to,
                                      void (*fn)(void *ctx, const struct cadre_move_event *ev),
                                      void *ctx, struct tcxd_error *e) TCXD_WUR;

/* ---- the leadership forms (9A-9C, 12A-12C) ------------------------------------------------ */

/* A post of forms 9 and 12 and the cadre: the posts held on a day (positions of that post and
   tier held, and committee seats of terms of that tier giving it: committee_role_posts), once
   per cadre, post and tier; or a planning entry active on the day for a position of that post
   and tier, once per entry (lượt người). Organizations: of the subtree of org_id as it stood on
   the day, in the scope today. Tiers not recorded are cadre_tier_default's on the day. */
struct cadre_post_fact {
    enum cadre_post post;
    enum cadre_tier tier;
    int64_t org_id;
    struct cadre_info cadre;
};
enum tcxd_err store_cadre_post_holders(struct store *st, int64_t org_id, tcxd_date on,
                                       void (*fn)(void *ctx, const struct cadre_post_fact *f),
                                       void *ctx, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_cadre_post_plans(struct store *st, int64_t org_id, tcxd_date on,
                                     void (*fn)(void *ctx, const struct cadre_post_fact *f),
                                     void *ctx, struct tcxd_error *e) TCXD_WUR;
/* Whether the cadre is lãnh đạo, quản lý on `on`: holds a leadership position (leader) or a
   committee seat that day (form 10's "trong đó lãnh đạo, quản lý"). */
enum tcxd_err store_cadre_leader_on(struct store *st, int64_t cadre_id, tcxd_date on, bool *out,
                                    struct tcxd_error *e) TCXD_WUR;

#endif
