/*
 * api_json.c - JSON shapes and small helpers shared by the API handlers.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "store/store_complaint.h"
#include "text/text.h"

json_t *api_org_json(const struct org_info *o)
{
    enum org_kind k = org_kind_of(o->tier, o->form);
    json_t *j =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)o->id, "code", o->code,
                  "name", o->name, "tier", org_tier_name(o->tier), "form", org_form_name(o->form),
                  "kind", org_kind_name(k), "kind_label", org_kind_label(k));
    json_object_set_new(j, "base_type",
                        o->base_type ? json_string(org_base_type_name(o->base_type)) : json_null());
    json_object_set_new(j, "parent_id", o->parent_id ? json_integer(o->parent_id) : json_null());
    json_object_set_new(j, "valid_from", http_json_date(o->created_on));
    json_object_set_new(j, "valid_to", http_json_date(o->ended_on));
    json_object_set_new(j, "ended_on",
                        o->ended_on < DATE_OPEN_END ? http_json_date(o->ended_on) : json_null());
    return j;
}

json_t *api_org_ref(int64_t id, const char *name)
{
    return json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name ? name : "");
}

void api_mask_national_id(const char *nid, char out[16])
{
    size_t n = strlen(nid);
    if (n < 7) {
        snprintf(out, 16, "%s", n ? "******" : "");
        return;
    }
    if (n > 15)
        n = 15;
    for (size_t i = 0; i < n; i++)
        out[i] = (i < 4 || i >= n - 2) ? nid[i] : '*';
    out[n] = '\0';
}

json_t *api_me_json(struct http_ctx *c)
{
    struct org_info o;
    json_t *scope;
    if (!store_org_get(c->st, c->sess.scope_org_id, date_today(), &o, NULL))
        scope =
            json_pack("{s:I, s:s, s:s}", "id", (json_int_t)o.id, "code", o.code, "name", o.name);
    else
        scope = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)c->sess.scope_org_id, "code", "",
                          "name", "");
    /* permissions beside the role (store/store_complaint.h) */
    json_t *perms = json_array();
    if (store_permission_has(c->st, c->sess.username, PERMISSION_INSPECTION))
        json_array_append_new(perms, json_string(PERMISSION_INSPECTION));
    return json_pack("{s:{s:s, s:s, s:s, s:o, s:o}, s:s}", "user", "username", c->sess.username,
                     "full_name", c->sess.full_name, "role", user_role_name(c->sess.role), "scope",
                     scope, "permissions", perms, "csrf", c->sess.csrf);
}

int api_collate(const char *a, const char *b)
{
    return http_collate(a, b);
}

enum tcxd_err api_member_not_found(struct http_ctx *c, int64_t id, struct tcxd_error *e)
{
    return tcxd_fail(e, TCXD_ENOTFOUND, "", c->en ? "no member #%lld" : "không có đảng viên #%lld",
                     (long long)id);
}
