/*
 * users.c - accounts for admins, within their scope: the list, adding one, a new password,
 * disabling or enabling. An account belongs to the admin's scope when its scope organization is
 * inside it; anything else answers ENOTFOUND as if it did not exist. Each change is audited by
 * the store (store_auth.c) in its transaction.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "api/api.h"

enum { U_USERNAME, U_FULL_NAME, U_ROLE, U_SCOPE, U_PASSWORD };
const struct http_field api_user_add_body[] = {
    {"username", HF_STRING, HF_REQUIRED, 0, 64, "account name"},
    {"full_name", HF_STRING, 0, 0, 200, "the person's full name"},
    {"role", HF_STRING, HF_REQUIRED, 0, 16, "viewer, staff or admin"},
    {"scope_org_id", HF_ID, HF_REQUIRED, 0, 0, "the organization whose subtree the account sees"},
    {"password", HF_STRING, HF_REQUIRED, 0, 256, "first password (8 to 256 bytes)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { W_USERNAME, W_PASSWORD };
const struct http_field api_user_password_body[] = {
    {"username", HF_STRING, HF_REQUIRED, 0, 64, "account name"},
    {"password", HF_STRING, HF_REQUIRED, 0, 256, "new password (the account's sessions end)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { S_USERNAME, S_DISABLED };
const struct http_field api_user_disable_body[] = {
    {"username", HF_STRING, HF_REQUIRED, 0, 64, "account name"},
    {"disabled", HF_BOOL, HF_REQUIRED, 0, 0, "true disables (sessions end), false enables"},
    {NULL, 0, 0, 0, 0, NULL},
};

static json_t *user_json(struct http_ctx *c, const struct user_info *u)
{
    json_t *j = json_pack("{s:s, s:s, s:s, s:b}", "username", u->username, "full_name",
                          u->full_name, "role", user_role_name(u->role), "disabled", u->disabled);
    struct org_info o;
    if (http_org_today(c, u->scope_org_id, &o))
        json_object_set_new(j, "scope", api_org_ref(o.id, o.name));
    else
        json_object_set_new(j, "scope", json_pack("{s:I}", "id", (json_int_t)u->scope_org_id));
    return j;
}

struct list_ctx {
    struct http_ctx *c;
    json_t *items;
};

static void list_row(void *vctx, const struct user_info *u)
{
    struct list_ctx *x = vctx;
    if (http_org_in_scope(x->c, u->scope_org_id))
        json_array_append_new(x->items, user_json(x->c, u));
}

enum tcxd_err api_user_list(struct http_ctx *c, struct tcxd_error *e)
{
    struct list_ctx x = {c, json_array()};
    enum tcxd_err rc = store_user_list(c->st, list_row, &x, e);
    if (rc) {
        json_decref(x.items);
        return rc;
    }
    http_json(c, 200, json_pack("{s:o}", "items", x.items));
    return TCXD_OK;
}

/* The account named, inside the caller's scope (else ENOTFOUND, field username). */
static enum tcxd_err scoped_user(struct http_ctx *c, const char *name, struct user_info *u,
                                 struct tcxd_error *e)
{
    if (store_user_get(c->st, name, u, NULL) || !http_org_in_scope(c, u->scope_org_id))
        return tcxd_fail(e, TCXD_ENOTFOUND, "username", "%s",
                         http_msg(c, "không có tài khoản này", "no such account"));
    return TCXD_OK;
}

enum tcxd_err api_user_add(struct http_ctx *c, struct tcxd_error *e)
{
    enum user_role role;
    struct org_info scope;
    char hash[USER_PWHASH_MAX];
    enum tcxd_err rc;
    if ((rc = user_check_name(c->in[U_USERNAME].s, e)) ||
        (rc = user_role_parse(c->in[U_ROLE].s, &role, e)) ||
        (rc = http_org_get(c, c->in[U_SCOPE].i, c->tree->as_of, "scope_org_id", &scope, e)) ||
        (rc = http_password_hash(c->in[U_PASSWORD].s, "password", hash, e)))
        return rc;
    rc = store_user_add(c->st, &c->actor, c->in[U_USERNAME].s,
                        c->in[U_FULL_NAME].present ? c->in[U_FULL_NAME].s : "", role, scope.id,
                        hash, c->now, e);
    sodium_memzero(hash, sizeof(hash));
    if (rc)
        return rc;
    struct user_info u;
    if ((rc = store_user_get(c->st, c->in[U_USERNAME].s, &u, e)))
        return rc;
    http_json(c, 201, user_json(c, &u));
    return TCXD_OK;
}

enum tcxd_err api_user_password(struct http_ctx *c, struct tcxd_error *e)
{
    struct user_info u;
    char hash[USER_PWHASH_MAX];
    enum tcxd_err rc;
    if ((rc = scoped_user(c, c->in[W_USERNAME].s, &u, e)) ||
        (rc = http_password_hash(c->in[W_PASSWORD].s, "password", hash, e)))
        return rc;
    rc = store_user_set_password(c->st, &c->actor, u.username, hash,
                                 !strcmp(u.username, c->sess.username) ? c->token_hash : NULL,
                                 c->now, e);
    sodium_memzero(hash, sizeof(hash));
    if (rc)
        return rc;
    http_json(c, 200, user_json(c, &u));
    return TCXD_OK;
}

enum tcxd_err api_user_disable(struct http_ctx *c, struct tcxd_error *e)
{
    struct user_info u;
    enum tcxd_err rc;
    if ((rc = scoped_user(c, c->in[S_USERNAME].s, &u, e)))
        return rc;
    if (!strcmp(u.username, c->sess.username) && c->in[S_DISABLED].b)
        return tcxd_fail(e, TCXD_EINVAL, "username", "%s",
                         http_msg(c, "không thể tự khóa tài khoản đang dùng",
                                  "you cannot disable the account you are using"));
    if ((rc = store_user_set_disabled(c->st, &c->actor, u.username, c->in[S_DISABLED].b, c->now,
                                      e)) ||
        (rc = store_user_get(c->st, u.username, &u, e)))
        return rc;
    http_json(c, 200, user_json(c, &u));
    return TCXD_OK;
}
