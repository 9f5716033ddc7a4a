/*
 * session.c - login (with throttling), logout, the current user, changing one's password.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/api.h"

enum { L_USERNAME, L_PASSWORD };
const struct http_field api_login_body[] = {
    {"username", HF_STRING, HF_REQUIRED, 0, 64, "account name"},
    {"password", HF_STRING, HF_REQUIRED, 0, 256, "password"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { P_OLD, P_NEW };
const struct http_field api_password_body[] = {
    {"old_password", HF_STRING, HF_REQUIRED, 0, 256, "current password"},
    {"new_password", HF_STRING, HF_REQUIRED, 0, 256, "new password (at least 8 characters)"},
    {NULL, 0, 0, 0, 0, NULL},
};

static void set_cookie(struct http_ctx *c, const char *token)
{
    snprintf(c->res->set_cookie, sizeof(c->res->set_cookie),
             "tcxd_session=%s; HttpOnly; SameSite=Strict; Path=/%s%s", token,
             c->req->tls || c->cfg->secure_cookies ? "; Secure" : "",
             token[0] ? "" : "; Max-Age=0");
}

enum tcxd_err api_login(struct http_ctx *c, struct tcxd_error *e)
{
    const char *username = c->in[L_USERNAME].s, *password = c->in[L_PASSWORD].s;
    const char *addr = c->actor.address;
    enum tcxd_err rc;
    if ((rc = http_throttle_check(c, username, e)))
        return rc;
    struct user_info u;
    bool known = !user_check_name(username, NULL) && !store_user_get(c->st, username, &u, NULL) &&
                 !u.disabled;
    /* an unknown or disabled account costs the same argon2 verification as a known one */
    if (!http_password_check(c, username, known ? u.pw_hash : NULL, password))
        return tcxd_fail(
            e, TCXD_EUNAUTH, "", "%s",
            http_msg(c, "sai tên đăng nhập hoặc mật khẩu", "wrong username or password"));
    sodium_memzero(u.pw_hash, sizeof(u.pw_hash));
    char token[HTTP_TOKEN_HEX];
    memset(&c->sess, 0, sizeof(c->sess));
    http_random_token(token);
    http_random_token(c->sess.csrf);
    http_token_hash(token, c->token_hash);
    struct store_actor who = {u.username, addr};
    if ((rc = store_session_create(c->st, &who, c->token_hash, c->sess.csrf, u.scope_org_id, c->now,
                                   e))) {
        sodium_memzero(token, sizeof(token));
        return rc;
    }
    snprintf(c->sess.username, sizeof(c->sess.username), "%s", u.username);
    snprintf(c->sess.full_name, sizeof(c->sess.full_name), "%s", u.full_name);
    c->sess.role = u.role;
    c->sess.scope_org_id = u.scope_org_id;
    snprintf(c->res->username, sizeof(c->res->username), "%s", u.username);
    set_cookie(c, token);
    sodium_memzero(token, sizeof(token));
    http_json(c, 200, api_me_json(c));
    return TCXD_OK;
}

enum tcxd_err api_logout(struct http_ctx *c, struct tcxd_error *e)
{
    enum tcxd_err rc =
        store_session_delete(c->st, &c->actor, c->token_hash, c->sess.scope_org_id, e);
    if (rc)
        return rc;
    set_cookie(c, "");
    http_json(c, 200, json_object());
    return TCXD_OK;
}

enum tcxd_err api_me(struct http_ctx *c, struct tcxd_error *e)
{
    http_json(c, 200, api_me_json(c));
    return TCXD_OK;
}

enum tcxd_err api_me_password(struct http_ctx *c, struct tcxd_error *e)
{
    struct user_info u;
    enum tcxd_err rc;
    if ((rc = store_user_get(c->st, c->sess.username, &u, e)) ||
        (rc = http_throttle_check(c, c->sess.username, e)))
        return rc;
    if (!http_password_check(c, c->sess.username, u.pw_hash, c->in[P_OLD].s))
        return tcxd_fail(
            e, TCXD_EINVAL, "old_password", "%s",
            http_msg(c, "mật khẩu hiện tại không đúng", "the current password is wrong"));
    char hash[USER_PWHASH_MAX];
    if ((rc = http_password_hash(c->in[P_NEW].s, "new_password", hash, e)))
        return rc;
    rc =
        store_user_set_password(c->st, &c->actor, c->sess.username, hash, c->token_hash, c->now, e);
    if (rc)
        return rc;
    http_json(c, 200, json_object());
    return TCXD_OK;
}
