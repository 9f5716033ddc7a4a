/*
 * store_auth.h - accounts, login sessions and login throttling (migration 0002).
 *
 * Accounts have a role (viewer < staff < admin) and a scope organization; the HTTP layer decides
 * what that allows. The store keeps only what it is given: password hashes come already hashed
 * (http/auth.h), session tokens only as their hash. Times are Unix seconds passed in by the
 * caller (so tests and the server agree on one clock).
 *
 * Mutations that change accounts (add, password, disable) and sessions (login, logout) are each
 * one transaction with one audit record naming the actor; throttling bookkeeping (failures,
 * last-seen updates, pruning) is not audited. Every struct here is a plain value.
 */
#ifndef TCXD_STORE_AUTH_H
#define TCXD_STORE_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* Ordered by power: a route's minimum role compares with <. */
enum user_role { ROLE_VIEWER, ROLE_STAFF, ROLE_ADMIN, ROLE__MAX };

const char *user_role_name(enum user_role r); /* "viewer", "staff", "admin" */
const char *user_role_label(enum user_role r); /* "Chỉ xem", "Cán bộ nghiệp vụ", "Quản trị" */
/* Field "role". */
enum tcxd_err user_role_parse(const char *s, enum user_role *out, struct tcxd_error *e) TCXD_WUR;
/* 1..64 characters of [A-Za-z0-9._@-]; field "username". */
enum tcxd_err user_check_name(const char *s, struct tcxd_error *e) TCXD_WUR;

#define USER_PWHASH_MAX 256

struct user_info {
    char username[65];
    char full_name[256];
    enum user_role role;
    int64_t scope_org_id;
    bool disabled;
    int64_t created_at, updated_at;
    char pw_hash[USER_PWHASH_MAX];
};

enum tcxd_err store_user_add(struct store *st, const struct store_actor *who, const char *username,
                             const char *full_name, enum user_role role, int64_t scope_org_id,
                             const char *pw_hash, int64_t now, struct tcxd_error *e) TCXD_WUR;
/* Replaces the password hash and ends the user's sessions but keep_session (a token hash, or
   NULL: all of them). */
enum tcxd_err store_user_set_password(struct store *st, const struct store_actor *who,
                                      const char *username, const char *pw_hash,
                                      const char *keep_session, int64_t now,
                                      struct tcxd_error *e) TCXD_WUR;
/* Disables (or re-enables) an account; disabling ends its sessions. */
enum tcxd_err store_user_set_disabled(struct store *st, const struct store_actor *who,
                                      const char *username, bool disabled, int64_t now,
                                      struct tcxd_error *e) TCXD_WUR;
/* ENOTFOUND (field username) when there is no such account. */
enum tcxd_err store_user_get(struct store *st, const char *username, struct user_info *out,
                             struct tcxd_error *e) TCXD_WUR;
/* Every account by username (pw_hash is left empty). */
enum tcxd_err store_user_list(struct store *st, void (*fn)(void *ctx, const struct user_info *u),
                              void *ctx, struct tcxd_error *e) TCXD_WUR;

struct session_info {
    char username[65];
    char full_name[256];
    char csrf[65];
    enum user_role role;
    int64_t scope_org_id;
    bool disabled;
    int64_t created_at, last_seen;
};

/* Records a login of who->username: a new session row and the audit record "login". token_hash
   and csrf are hex text (the token itself never reaches the store). */
enum tcxd_err store_session_create(struct store *st, const struct store_actor *who,
                                   const char *token_hash, const char *csrf, int64_t scope_org_id,
                                   int64_t now, struct tcxd_error *e) TCXD_WUR;
/* The session with its account; ENOTFOUND when there is none. */
enum tcxd_err store_session_get(struct store *st, const char *token_hash, struct session_info *out,
                                struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_session_touch(struct store *st, const char *token_hash, int64_t now,
                                  struct tcxd_error *e) TCXD_WUR;
/* Logout: deletes the session and audits "logout". */
enum tcxd_err store_session_delete(struct store *st, const struct store_actor *who,
                                   const char *token_hash, int64_t scope_org_id,
                                   struct tcxd_error *e) TCXD_WUR;
/* Drops an expired session without an audit record. */
enum tcxd_err store_session_drop(struct store *st, const char *token_hash,
                                 struct tcxd_error *e) TCXD_WUR;
/* Housekeeping: deletes sessions idle since before idle_before and failures older than
   failures_before. */
enum tcxd_err store_auth_prune(struct store *st, int64_t idle_before, int64_t failures_before,
                               struct tcxd_error *e) TCXD_WUR;

/* Failed logins since `since`, by account and by address. */
enum tcxd_err store_login_failures(struct store *st, const char *username, const char *address,
                                   int64_t since, int64_t *by_user, int64_t *by_address,
                                   struct tcxd_error *e) TCXD_WUR;
/* When the account's last failed login since `since` was (0: none). */
int64_t store_login_failure_last(struct store *st, const char *username, int64_t since);
enum tcxd_err store_login_failure_add(struct store *st, const char *username, const char *address,
                                      int64_t now, struct tcxd_error *e) TCXD_WUR;
/* A successful login forgets the account's failures; the address keeps counting them (the
   rows stay, without the account name). */
enum tcxd_err store_login_failures_clear(struct store *st, const char *username,
                                         struct tcxd_error *e) TCXD_WUR;

/* For scope checks of bulk changes (imports): the highest member id so far, and every member
   added after a given id with its chi bộ. */
int64_t store_member_max_id(struct store *st);
enum tcxd_err store_members_after(struct store *st, int64_t after_id,
                                  void (*fn)(void *ctx, int64_t member_id, int64_t org_id),
                                  void *ctx, struct tcxd_error *e) TCXD_WUR;

/* Every organization's creation and end dates (ended_on DATE_OPEN_END while alive): the server
   keeps them beside its cached tree, which has names and parents only. */
enum tcxd_err store_org_lifespans(struct store *st,
                                  void (*fn)(void *ctx, int64_t id, tcxd_date created,
                                             tcxd_date ended),
                                  void *ctx, struct tcxd_error *e) TCXD_WUR;

/* Grows with every change to the organization tree (each one records an organization event):
   a cached tree stays valid while this stays the same. */
int64_t store_org_generation(struct store *st);

/* Changes whenever another connection committed a write since the last call on this one
   (SQLite's data_version): lets a server thread keep caches until someone else writes. */
int64_t store_data_version(struct store *st);

#endif
