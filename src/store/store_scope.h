/*
 * store_scope.h - the account's scope as one mechanism of the store: a scope is an
 * organization's subtree on each date, and a store handle that carries one (store_scope_set)
 * answers and changes only what lies inside it. The server sets it for every request from the
 * session (src/http/router.c) and clears it when the request ends; the CLI runs without one.
 *
 * The policy (docs/server.md "Scope"):
 * - personal data follows today's responsibility: a member's record (store_member_get, lists,
 *   exports, the due list, audit images) is visible only while the member's current
 *   registration - for someone who died or left, the last one - is in today's subtree (an
 *   organization that ended counts where it was on its last day);
 * - figures and organizations of a date are those of the subtree on that date
 *   (store_scope_org_on): an organization asked for as of a date must be in the subtree then;
 * - a write is allowed only when every organization it touches is in the subtree on the write's
 *   effective date (store_scope_check_org): the member's chi bộ on that date, the receiving chi
 *   bộ, an organization's old and new parent. The scope root's own place (moving, merging,
 *   dissolving the root) belongs to the superior committee.
 *
 * Unscoped (root 0) every check passes. The scope's cached sets live in the handle and are
 * dropped by store_scope_set and by the handle's own organization changes.
 */
#ifndef TCXD_STORE_SCOPE_H
#define TCXD_STORE_SCOPE_H

#include <stdbool.h>
#include <stdint.h>

#include "util/date.h"
#include "util/err.h"

struct store;
struct store_actor;

/* root: the scope organization (0: no scope; STORE_SCOPE_NOTHING: nothing is visible). */
#define STORE_SCOPE_NOTHING INT64_C(-1)
void store_scope_set(struct store *st, int64_t root);
int64_t store_scope_root(const struct store *st);
bool store_scoped(const struct store *st);

/* Is the organization in the scope's subtree on date (true when unscoped)? */
bool store_scope_org_on(struct store *st, int64_t org_id, tcxd_date date);
/* Is the organization (alive today, or ended: where it was on its last day) in today's
   subtree? */
bool store_scope_org_today(struct store *st, int64_t org_id);
/* Today's set given by a caller that knows it (the analytics engine, from its own tables;
   tests/engine check it equals the query's): ids sorted ascending, the scope root included;
   the checks of this handle use it until the scope is set or invalidated again, instead of
   running the recursive query. */
void store_scope_today_seed(struct store *st, const int64_t *ids, size_t n);
/* Is a member whose current (or last) registration is member_org_id visible? */
bool store_scope_member_org(struct store *st, int64_t member_org_id);
/* Is the member with this id visible (false when there is no such member)? */
bool store_scope_member(struct store *st, int64_t member_id);

/* Does a member with this id exist, whatever the scope? For people who come from above the
   scope (a meeting's guests, a committee member assigned to attend); reads nothing else. */
bool store_member_exists(struct store *st, int64_t member_id);

/* ENOTFOUND naming field ("no organization #ID on DATE", as if it did not exist) unless the
   organization is in the scope's subtree on date. */
enum tcxd_err store_scope_check_org(struct store *st, int64_t org_id, tcxd_date date,
                                    const char *field, struct tcxd_error *e) TCXD_WUR;
/* The same for a write: in the subtree on date and today (the change lasts from date to now:
   an organization that was elsewhere then, or is elsewhere now, belongs to another unit). */
enum tcxd_err store_scope_check_write(struct store *st, int64_t org_id, tcxd_date date,
                                      const char *field, struct tcxd_error *e) TCXD_WUR;
/* Refuses a change of the scope root's own place (EFORBIDDEN naming field). */
enum tcxd_err store_scope_check_not_root(struct store *st, int64_t org_id, const char *field,
                                         struct tcxd_error *e) TCXD_WUR;
/* The member's chi bộ of registration on date (the last registration begun on or before it),
   0 when none. */
int64_t store_scope_member_org_on(struct store *st, int64_t member_id, tcxd_date date);
/* Refuses deciding, recording or amending the review of the scope root itself: an
   organization's level is decided by the directly superior committee (HD 43-HD/BTCTW). A top
   organization's accounts enter its own level (its superior has no account). */
enum tcxd_err store_scope_check_not_root_review(struct store *st, int64_t org_id, const char *field,
                                                struct tcxd_error *e) TCXD_WUR;
/* Is the scope root a top organization (it never had a parent; true when unscoped)? Audit
   records about no organization are shown to such a scope only. */
bool store_scope_is_top(struct store *st);
/*
 * A national ID that already belongs to another living member (other): ECONFLICT naming field,
 * saying the person is already registered and whom to contact - the member's chi bộ and id when
 * the member is in the scope (or unscoped), else only the organization board of the lowest
 * committee above both (no id, no place outside the scope). The national ID is not repeated.
 */
enum tcxd_err store_nid_conflict(struct store *st, int64_t other, const char *field,
                                 struct tcxd_error *e) TCXD_WUR;
/* Records that who's check of a national ID met an existing member (audit "member.nid_check",
   about that member, in its own transaction; nothing when a transaction is open). */
void store_nid_conflict_audit(struct store *st, const struct store_actor *who, int64_t other,
                              const char *context);
/* Forget the cached sets (after an organization change on this handle). */
void store_scope_invalidate(struct store *st);

#endif
