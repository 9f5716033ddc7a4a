/*
 * store_auth.c - accounts, sessions and failed-login bookkeeping (see store_auth.h).
 */
#include "store/store_auth.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "text/text.h"

static const char *const role_names[ROLE__MAX] = {"viewer", "staff", "admin"};

/* the labels a board uses; parsed too, case and diacritics folded */
static const char *const role_labels[ROLE__MAX] = {"Chỉ xem", "Cán bộ nghiệp vụ", "Quản trị"};

const char *user_role_name(enum user_role r)
{
    return (unsigned)r < ROLE__MAX ? role_names[r] : "?";
}

const char *user_role_label(enum user_role r)
{
    return (unsigned)r < ROLE__MAX ? role_labels[r] : "?";
}

static bool role_matches(const char *s, const char *label)
{
    struct buf a = BUF_INIT, b = BUF_INIT;
    text_fold(s, &a);
    text_fold(label, &b);
    bool ok = a.len && !strcmp(a.ptr, b.ptr);
    buf_release(&a);
    buf_release(&b);
    return ok;
}

enum tcxd_err user_role_parse(const char *s, enum user_role *out, struct tcxd_error *e)
{
    for (int i = 0; i < ROLE__MAX; i++)
        if (s && (!strcmp(s, role_names[i]) || role_matches(s, role_labels[i]))) {
            *out = (enum user_role)i;
            return TCXD_OK;
        }
    return tcxd_fail(e, TCXD_EINVAL, "role", "invalid role '%.40s' (admin, staff or viewer)",
                     s ? s : "");
}

enum tcxd_err user_check_name(const char *s, struct tcxd_error *e)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 1 || n > 64)
        return tcxd_fail(e, TCXD_EINVAL, "username", "a username has 1 to 64 characters");
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '@' || c == '-';
        if (!ok)
            return tcxd_fail(e, TCXD_EINVAL, "username",
                             "invalid username '%.64s' (letters, digits and . _ @ - only)", s);
    }
    return TCXD_OK;
}

static void fill_user(sqlite3_stmt *s, struct user_info *u, bool with_hash)
{
    memset(u, 0, sizeof(*u));
    store_column_copy(s, 0, u->username, sizeof(u->username));
    store_column_copy(s, 1, u->full_name, sizeof(u->full_name));
    const char *role = (const char *)sqlite3_column_text(s, 2);
    enum user_role r = ROLE_VIEWER;
    for (int i = 0; role && i < ROLE__MAX; i++)
        if (!strcmp(role, role_names[i]))
            r = (enum user_role)i;
    u->role = r;
    u->scope_org_id = sqlite3_column_int64(s, 3);
    if (with_hash)
        store_column_copy(s, 4, u->pw_hash, sizeof(u->pw_hash));
    u->disabled = sqlite3_column_int(s, 5) != 0;
    u->created_at = sqlite3_column_int64(s, 6);
    u->updated_at = sqlite3_column_int64(s, 7);
}

static char *user_json(const struct user_info *u)
{
    json_t *j = json_pack("{s:s, s:s, s:s, s:I, s:b}", "username", u->username, "full_name",
                          u->full_name, "role", user_role_name(u->role), "scope_org_id",
                          (json_int_t)u->scope_org_id, "disabled", u->disabled);
    char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    return s;
}

enum tcxd_err store_user_get(struct store *st, const char *username, struct user_info *out,
                             struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_USER_GET);
    store_bind_text(s, 1, username);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        fill_user(s, out, true);
        sqlite3_reset(s);
        return TCXD_OK;
    }
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading the account");
    return tcxd_fail(e, TCXD_ENOTFOUND, "username", "no account '%.64s'", username);
}

enum tcxd_err store_user_list(struct store *st, void (*fn)(void *ctx, const struct user_info *u),
                              void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_USER_LIST);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct user_info u;
        fill_user(s, &u, false);
        fn(ctx, &u);
    }
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "listing accounts");
    return TCXD_OK;
}

static enum tcxd_err check_scope(struct store *st, int64_t scope_org_id, struct tcxd_error *e)
{
    struct org_info o;
    if (store_org_get(st, scope_org_id, date_today(), &o, NULL))
        return tcxd_fail(e, TCXD_EINVAL, "scope", "no organization #%lld exists today",
                         (long long)scope_org_id);
    return TCXD_OK;
}

enum tcxd_err store_user_add(struct store *st, const struct store_actor *who, const char *username,
                             const char *full_name, enum user_role role, int64_t scope_org_id,
                             const char *pw_hash, int64_t now, struct tcxd_error *e)
{
    enum tcxd_err rc;
    struct buf name = BUF_INIT;
    struct user_info u;
    if ((rc = user_check_name(username, e)))
        return rc;
    if ((unsigned)role >= ROLE__MAX)
        BUG("bad role %d", (int)role);
    if (!pw_hash || !*pw_hash || strlen(pw_hash) >= USER_PWHASH_MAX)
        BUG("store_user_add needs a password hash");
    if ((rc = text_clean(full_name ? full_name : "", full_name ? strlen(full_name) : 0, 255, true,
                         "full_name", &name, e)))
        return rc;
    if ((rc = store_begin(st, e)))
        goto out;
    if ((rc = check_scope(st, scope_org_id, e)))
        goto fail;
    if (!store_user_get(st, username, &u, NULL)) {
        rc = tcxd_fail(e, TCXD_ECONFLICT, "username", "account '%s' already exists", username);
        goto fail;
    }
    sqlite3_stmt *s = store_stmt(st, STMT_USER_INSERT);
    store_bind_text(s, 1, username);
    store_bind_text(s, 2, name.ptr);
    store_bind_text(s, 3, user_role_name(role));
    sqlite3_bind_int64(s, 4, scope_org_id);
    store_bind_text(s, 5, pw_hash);
    sqlite3_bind_int64(s, 6, now);
    if ((rc = store_step_done(st, s, e, "adding the account")))
        goto fail;
    memset(&u, 0, sizeof(u));
    snprintf(u.username, sizeof(u.username), "%s", username);
    snprintf(u.full_name, sizeof(u.full_name), "%s", name.ptr);
    u.role = role;
    u.scope_org_id = scope_org_id;
    char *after = user_json(&u);
    rc = store_audit(st, who, "user.add", "user", 0, scope_org_id, NULL, after, e);
    free(after);
    if (rc || (rc = store_commit(st, e)))
        goto fail;
    goto out;
fail:
    store_rollback(st);
out:
    buf_release(&name);
    return rc;
}

/* Runs one account update (stmt binds ?1 username, ?2 value, ?3 now), ends the sessions, and
   audits it with before/after JSON. */
static enum tcxd_err user_change(struct store *st, const struct store_actor *who,
                                 const char *username, const char *action, enum stmt_id id,
                                 const char *text_value, int64_t int_value, const char *keep,
                                 int64_t now, struct tcxd_error *e)
{
    enum tcxd_err rc;
    struct user_info before, after;
    if ((rc = store_begin(st, e)))
        return rc;
    if ((rc = store_user_get(st, username, &before, e)))
        goto fail;
    sqlite3_stmt *s = store_stmt(st, id);
    store_bind_text(s, 1, username);
    if (text_value)
        store_bind_text(s, 2, text_value);
    else
        sqlite3_bind_int64(s, 2, int_value);
    sqlite3_bind_int64(s, 3, now);
    if ((rc = store_step_done(st, s, e, "updating the account")))
        goto fail;
    if (id == STMT_USER_SET_PASSWORD || int_value) {
        s = store_stmt(st, STMT_SESSION_DELETE_USER);
        store_bind_text(s, 1, username);
        store_bind_text(s, 2, keep);
        if ((rc = store_step_done(st, s, e, "ending the account's sessions")))
            goto fail;
    }
    if ((rc = store_user_get(st, username, &after, e)))
        goto fail;
    char *b = user_json(&before), *a = user_json(&after);
    rc = store_audit(st, who, action, "user", 0, before.scope_org_id, b, a, e);
    free(b);
    free(a);
    if (rc || (rc = store_commit(st, e)))
        goto fail;
    return TCXD_OK;
fail:
    store_rollback(st);
    return rc;
}

enum tcxd_err store_user_set_password(struct store *st, const struct store_actor *who,
                                      const char *username, const char *pw_hash,
                                      const char *keep_session, int64_t now, struct tcxd_error *e)
{
    if (!pw_hash || !*pw_hash || strlen(pw_hash) >= USER_PWHASH_MAX)
        BUG("store_user_set_password needs a password hash");
    return user_change(st, who, username, "user.passwd", STMT_USER_SET_PASSWORD, pw_hash, 0,
                       keep_session, now, e);
}

enum tcxd_err store_user_set_disabled(struct store *st, const struct store_actor *who,
                                      const char *username, bool disabled, int64_t now,
                                      struct tcxd_error *e)
{
    return user_change(st, who, username, disabled ? "user.disable" : "user.enable",
                       STMT_USER_SET_DISABLED, NULL, disabled ? 1 : 0, NULL, now, e);
}

enum tcxd_err store_session_create(struct store *st, const struct store_actor *who,
                                   const char *token_hash, const char *csrf, int64_t scope_org_id,
                                   int64_t now, struct tcxd_error *e)
{
    enum tcxd_err rc;
    if ((rc = store_begin(st, e)))
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_SESSION_INSERT);
    store_bind_text(s, 1, token_hash);
    store_bind_text(s, 2, who->username);
    store_bind_text(s, 3, csrf);
    store_bind_text(s, 4, who->address ? who->address : "");
    sqlite3_bind_int64(s, 5, now);
    if ((rc = store_step_done(st, s, e, "opening the session")) ||
        (rc = store_audit(st, who, "login", "session", 0, scope_org_id, NULL, NULL, e)) ||
        (rc = store_commit(st, e))) {
        store_rollback(st);
        return rc;
    }
    return TCXD_OK;
}

enum tcxd_err store_session_get(struct store *st, const char *token_hash, struct session_info *out,
                                struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_SESSION_GET);
    store_bind_text(s, 1, token_hash);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof(*out));
        store_column_copy(s, 0, out->username, sizeof(out->username));
        store_column_copy(s, 1, out->csrf, sizeof(out->csrf));
        out->created_at = sqlite3_column_int64(s, 2);
        out->last_seen = sqlite3_column_int64(s, 3);
        store_column_copy(s, 4, out->full_name, sizeof(out->full_name));
        const char *role = (const char *)sqlite3_column_text(s, 5);
        out->role = ROLE_VIEWER;
        for (int i = 0; role && i < ROLE__MAX; i++)
            if (!strcmp(role, role_names[i]))
                out->role = (enum user_role)i;
        out->scope_org_id = sqlite3_column_int64(s, 6);
        out->disabled = sqlite3_column_int(s, 7) != 0;
        sqlite3_reset(s);
        return TCXD_OK;
    }
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading the session");
    return tcxd_fail(e, TCXD_ENOTFOUND, "", "no such session");
}

enum tcxd_err store_session_touch(struct store *st, const char *token_hash, int64_t now,
                                  struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_SESSION_TOUCH);
    store_bind_text(s, 1, token_hash);
    sqlite3_bind_int64(s, 2, now);
    return store_step_done(st, s, e, "updating the session");
}

enum tcxd_err store_session_delete(struct store *st, const struct store_actor *who,
                                   const char *token_hash, int64_t scope_org_id,
                                   struct tcxd_error *e)
{
    enum tcxd_err rc;
    if ((rc = store_begin(st, e)))
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_SESSION_DELETE);
    store_bind_text(s, 1, token_hash);
    if ((rc = store_step_done(st, s, e, "ending the session")) ||
        (rc = store_audit(st, who, "logout", "session", 0, scope_org_id, NULL, NULL, e)) ||
        (rc = store_commit(st, e))) {
        store_rollback(st);
        return rc;
    }
    return TCXD_OK;
}

enum tcxd_err store_session_drop(struct store *st, const char *token_hash, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_SESSION_DELETE);
    store_bind_text(s, 1, token_hash);
    return store_step_done(st, s, e, "ending the session");
}

enum tcxd_err store_auth_prune(struct store *st, int64_t idle_before, int64_t failures_before,
                               struct tcxd_error *e)
{
    enum tcxd_err rc;
    sqlite3_stmt *s = store_stmt(st, STMT_SESSION_DELETE_IDLE);
    sqlite3_bind_int64(s, 1, idle_before);
    if ((rc = store_step_done(st, s, e, "pruning sessions")))
        return rc;
    s = store_stmt(st, STMT_LOGIN_FAILURE_PRUNE);
    sqlite3_bind_int64(s, 1, failures_before);
    return store_step_done(st, s, e, "pruning login failures");
}

static enum tcxd_err count_one(struct store *st, enum stmt_id id, const char *key, int64_t since,
                               int64_t *out, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, id);
    store_bind_text(s, 1, key);
    sqlite3_bind_int64(s, 2, since);
    if (sqlite3_step(s) != SQLITE_ROW)
        return store_db_error(st, e, "counting failed logins");
    *out = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return TCXD_OK;
}

enum tcxd_err store_login_failures(struct store *st, const char *username, const char *address,
                                   int64_t since, int64_t *by_user, int64_t *by_address,
                                   struct tcxd_error *e)
{
    enum tcxd_err rc;
    if ((rc = count_one(st, STMT_LOGIN_FAILURE_COUNT_USER, username, since, by_user, e)))
        return rc;
    return count_one(st, STMT_LOGIN_FAILURE_COUNT_ADDR, address, since, by_address, e);
}

int64_t store_login_failure_last(struct store *st, const char *username, int64_t since)
{
    sqlite3_stmt *s = store_stmt(st, STMT_LOGIN_FAILURE_LAST_USER);
    store_bind_text(s, 1, username);
    sqlite3_bind_int64(s, 2, since);
    int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return v;
}

enum tcxd_err store_login_failure_add(struct store *st, const char *username, const char *address,
                                      int64_t now, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_LOGIN_FAILURE_INSERT);
    store_bind_text(s, 1, username);
    store_bind_text(s, 2, address);
    sqlite3_bind_int64(s, 3, now);
    return store_step_done(st, s, e, "recording a failed login");
}

enum tcxd_err store_login_failures_clear(struct store *st, const char *username,
                                         struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_LOGIN_FAILURE_CLEAR_USER);
    store_bind_text(s, 1, username);
    return store_step_done(st, s, e, "clearing failed logins");
}

int64_t store_data_version(struct store *st)
{
    sqlite3_stmt *s = store_stmt(st, STMT_DATA_VERSION);
    int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_reset(s); /* release the read snapshot (issue 9) */
    sqlite3_reset(s);
    return v;
}

int64_t store_member_max_id(struct store *st)
{
    sqlite3_stmt *s = store_stmt(st, STMT_MEMBER_MAX_ID);
    int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s); /* release the read snapshot (issue 9) */
    sqlite3_reset(s);
    return v;
}

enum tcxd_err store_members_after(struct store *st, int64_t after_id,
                                  void (*fn)(void *ctx, int64_t member_id, int64_t org_id),
                                  void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_MEMBERS_AFTER);
    sqlite3_bind_int64(s, 1, after_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        fn(ctx, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1));
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading new members");
}

enum tcxd_err store_org_lifespans(struct store *st,
                                  void (*fn)(void *ctx, int64_t id, tcxd_date created,
                                             tcxd_date ended),
                                  void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_LIFESPANS);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        fn(ctx, sqlite3_column_int64(s, 0), store_column_date(s, 1), store_column_date(s, 2));
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading organizations");
}

int64_t store_org_generation(struct store *st)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_GENERATION);
    int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_reset(s); /* release the read snapshot (issue 9) */
    sqlite3_reset(s);
    return v;
}
