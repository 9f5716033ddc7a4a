/*
 * complaint.c - letters of complaint, denunciation and report (đơn thư) over HTTP (issue 16),
 * and account permissions. A letter belongs to the organization whose body received it: the
 * store's scope refuses what lies outside (404 as if it did not exist). Letters are staff
 * business; who wrote one is answered only by POST /api/complaints/{id}/identity, to an account
 * holding the "inspection" permission (403 otherwise), and each answer is audited
 * ("complaint.identity_read"). No other answer carries the name, address or contact.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "store/store_auth.h"
#include "core/inspection.h"
#include "store/store_complaint.h"
#include "store/store_scope.h"
#include "util/xmalloc.h"

/* ---- input declarations ---- */

enum { CL_ORG, CL_FROM, CL_TO };
const struct http_field api_complaint_period_query[] = {
    {"org", HF_ID, 0, 0, 0, "subtree root (default: the account's scope)"},
    {"from", HF_DATE, HF_REQUIRED, 0, 0, "first day of the period"},
    {"to", HF_DATE, HF_REQUIRED, 0, 0, "last day of the period"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { CO_ORG, CO_AS_OF };
const struct http_field api_complaint_overdue_query[] = {
    {"org", HF_ID, 0, 0, 0, "subtree root (default: the account's scope)"},
    {"as_of", HF_DATE, 0, 0, 0, "the day (default today)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum {
    CA_KIND,
    CA_HANDLING,
    CA_RECEIVED,
    CA_SUBJECT_MEMBER,
    CA_SUBJECT_ORG,
    CA_DISCIPLINE,
    CA_CHANNEL,
    CA_LEVEL,
    CA_AREAS,
    CA_SUMMARY,
    CA_NAME,
    CA_ADDRESS,
    CA_CONTACT
};
const struct http_field api_complaint_add_body[] = {
    {"kind", HF_STRING, HF_REQUIRED, 0, 40, "khieu_nai, to_cao or phan_anh"},
    {"handling_org_id", HF_ID, HF_REQUIRED, 0, 0, "the organization whose body received it"},
    {"received_on", HF_DATE, HF_REQUIRED, 0, 0, "the day it was received"},
    {"subject_member_id", HF_ID, 0, 0, 0, "the member it is about"},
    {"subject_org_id", HF_ID, 0, 0, 0, "the organization it is about"},
    {"discipline_id", HF_ID, 0, 0, 0, "the discipline decision a khiếu nại is against"},
    {"channel", HF_STRING, 0, 0, 40, "truc_tiep (default), buu_dien, dien_tu or chuyen_den"},
    {"level", HF_STRING, 0, 0, 40,
     "co_so, huyen, tinh or trung_uong (default: from the handling organization)"},
    {"areas", HF_STRING, 0, 0, 400, "content areas, commas (as for inspections)"},
    {"summary", HF_STRING, 0, 0, COMPLAINT_TEXT_MAX, "what the letter says"},
    {"name", HF_STRING, 0, 0, COMPLAINT_NAME_MAX, "who wrote it (kept apart; empty: anonymous)"},
    {"address", HF_STRING, 0, 0, COMPLAINT_ADDRESS_MAX, "the writer's address (kept apart)"},
    {"contact", HF_STRING, 0, 0, COMPLAINT_NAME_MAX, "the writer's phone or e-mail (kept apart)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { CC_CLASS, CC_DATE, CC_NOTE };
const struct http_field api_complaint_classify_body[] = {
    {"classification", HF_STRING, HF_REQUIRED, 0, 40, "accepted, forwarded or filed"},
    {"date", HF_DATE, 0, 0, 0, "the day (default today)"},
    {"note", HF_STRING, 0, 0, COMPLAINT_TEXT_MAX, "why (where it was forwarded, why filed)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { CS_ASSIGNEE, CS_DATE };
const struct http_field api_complaint_assign_body[] = {
    {"assignee", HF_STRING, HF_REQUIRED, 0, COMPLAINT_ASSIGNEE_MAX,
     "the person or unit who resolves it"},
    {"date", HF_DATE, 0, 0, 0, "the day (default today)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { CE_DAYS, CE_DATE };
const struct http_field api_complaint_extend_body[] = {
    {"days", HF_INT, HF_REQUIRED, 1, CPL_EXTENSION_MAX_DAYS, "working days added (once)"},
    {"date", HF_DATE, 0, 0, 0, "the day decided (default today; not after the deadline)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { CR_RESULT, CR_DATE, CR_RESOLUTION };
const struct http_field api_complaint_resolve_body[] = {
    {"result", HF_STRING, HF_REQUIRED, 0, 40, "dung, mot_phan or sai"},
    {"date", HF_DATE, 0, 0, 0, "the day (default today)"},
    {"resolution", HF_STRING, 0, 0, COMPLAINT_TEXT_MAX, "the conclusion"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { CN_DATE, CN_NOTICE };
const struct http_field api_complaint_notify_body[] = {
    {"date", HF_DATE, 0, 0, 0, "the day the result was notified (default today)"},
    {"notice_no", HF_STRING, 0, 0, COMPLAINT_DOC_MAX, "the notice's number"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { UP_USERNAME, UP_PERMISSION, UP_GRANTED };
const struct http_field api_user_permission_body[] = {
    {"username", HF_STRING, HF_REQUIRED, 0, 64, "the account (within the admin's scope)"},
    {"permission", HF_STRING, HF_REQUIRED, 0, 40, "inspection"},
    {"granted", HF_BOOL, HF_REQUIRED, 0, 0, "true: grant, false: revoke"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* ---- JSON ---- */

static json_t *id_or_null(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

json_t *api_complaint_json(const struct complaint_info *c)
{
    json_t *areas = json_array();
    for (int a = 0; a < INSP_AREA__MAX; a++)
        if (c->areas & (1u << a))
            json_array_append_new(areas,
                                  json_string(inspection_area_name((enum inspection_area)a)));
    const struct complaint_state *s = &c->s;
    json_t *j = json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:s, s:b, s:s, s:s, s:o}", "id",
        (json_int_t)c->id, "kind", complaint_kind_name(s->kind), "kind_label",
        complaint_kind_label(s->kind), "channel", complaint_channel_name(c->channel), "level",
        complaint_level_name(s->level), "handling_org_id", (json_int_t)c->handling_org_id,
        "received_on", http_json_date(s->received), "subject_org_id", id_or_null(c->subject_org_id),
        "subject_member_id", id_or_null(c->subject_member_id), "discipline_id",
        id_or_null(c->discipline_id), "areas", areas, "summary", c->summary, "named", s->named,
        "classification", complaint_class_name(s->cls), "class_note", c->class_note,
        "classified_on", http_json_date(s->classified));
    json_object_set_new(j, "assignee", json_string(c->assignee));
    json_object_set_new(j, "assigned_on", http_json_date(c->assigned_on));
    json_object_set_new(j, "extension_days", json_integer(s->extension_days));
    json_object_set_new(j, "extended_on", http_json_date(s->extended_on));
    json_object_set_new(j, "due", http_json_date(c->due));
    json_object_set_new(j, "overdue", json_boolean(complaint_overdue(s, date_today())));
    json_object_set_new(j, "result", json_string(complaint_result_name(s->result)));
    json_object_set_new(j, "result_label", json_string(complaint_result_label(s->result)));
    json_object_set_new(j, "resolved_on", http_json_date(s->resolved));
    json_object_set_new(j, "resolution", json_string(c->resolution));
    json_object_set_new(j, "notified_on", http_json_date(s->notified));
    json_object_set_new(j, "notice_no", json_string(c->notice_no));
    json_object_set_new(j, "status", json_string(complaint_status_name(c->status)));
    json_object_set_new(j, "status_label", json_string(complaint_status_label(c->status)));
    return j;
}

json_t *api_complaint_counts_json(const struct complaint_counts *c)
{
    struct buf b = BUF_INIT;
    complaint_sentence(c, &b);
    json_t *by = json_object();
    for (int k = 0; k < CPL_KIND__MAX; k++)
        json_object_set_new(by, complaint_kind_name((enum complaint_kind)k),
                            json_integer(c->by_kind[k]));
    json_t *j = json_pack(
        "{s:I, s:o, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:s}", "received", (json_int_t)c->received,
        "by_kind", by, "accepted", (json_int_t)c->accepted, "forwarded", (json_int_t)c->forwarded,
        "filed", (json_int_t)c->filed, "resolved", (json_int_t)c->resolved, "resolved_late",
        (json_int_t)c->resolved_late, "notified", (json_int_t)c->notified, "overdue",
        (json_int_t)c->overdue, "sentence", b.ptr);
    buf_release(&b);
    return j;
}

/* ---- helpers ---- */

static enum tcxd_err not_found(struct http_ctx *c, struct tcxd_error *e)
{
    return tcxd_fail(e, TCXD_ENOTFOUND, "", "%s",
                     http_msg(c, "không tìm thấy đơn thư", "no such letter"));
}

static tcxd_date or_today(const struct http_value *v)
{
    return v->present ? v->d : date_today();
}

static const char *opt(const struct http_value *v)
{
    return v->present ? v->s : NULL;
}

/* The subtree of the period's last day (in the scope then). */
static enum tcxd_err subtree(struct http_ctx *c, const struct http_value *org, tcxd_date to,
                             struct org_tree *own, const struct org_tree **t, uint32_t *root,
                             int64_t *root_id, struct tcxd_error *e)
{
    *root_id = org->present ? org->i : c->sess.scope_org_id;
    struct org_info o;
    enum tcxd_err rc = http_org_get(c, *root_id, to, "org", &o, e);
    if (rc || (rc = http_tree(c, to, own, t, e)))
        return rc;
    *root = org_tree_find(*t, *root_id);
    return TCXD_OK;
}

struct list_ctx {
    json_t *items;
    bool overdue_only;
    tcxd_date on;
};

static void list_one(void *ctx, const struct complaint_info *ci)
{
    struct list_ctx *l = ctx;
    if (l->overdue_only && !complaint_overdue(&ci->s, l->on))
        return;
    json_t *j = api_complaint_json(ci);
    if (l->overdue_only)
        json_object_set_new(j, "days_late",
                            json_integer(date_working_days_between(ci->due, l->on)));
    json_array_append_new(l->items, j);
}

static enum tcxd_err list(struct http_ctx *c, const struct http_value *org, tcxd_date from,
                          tcxd_date to, bool overdue, struct tcxd_error *e)
{
    struct org_tree own;
    const struct org_tree *t;
    uint32_t root;
    int64_t root_id;
    enum tcxd_err rc = subtree(c, org, to, &own, &t, &root, &root_id, e);
    if (rc)
        return rc;
    struct list_ctx l = {json_array(), overdue, to};
    if (root != TREE_NONE)
        rc = store_complaint_list(c->st, t, root, from, to, list_one, &l, e);
    if (t == &own)
        org_tree_release(&own);
    if (rc) {
        json_decref(l.items);
        return rc;
    }
    http_json(c, 200,
              json_pack("{s:I, s:o, s:o}", "org_id", (json_int_t)root_id, "as_of",
                        http_json_date(to), "items", l.items));
    return TCXD_OK;
}

/* ---- handlers ---- */

enum tcxd_err api_complaint_list(struct http_ctx *c, struct tcxd_error *e)
{
    if (c->q[CL_TO].d < c->q[CL_FROM].d)
        return tcxd_fail(
            e, TCXD_EINVAL, "to", "%s",
            http_msg(c, "ngày cuối kỳ trước ngày đầu kỳ", "the period ends before it starts"));
    return list(c, &c->q[CL_ORG], c->q[CL_FROM].d, c->q[CL_TO].d, false, e);
}

enum tcxd_err api_complaint_overdue(struct http_ctx *c, struct tcxd_error *e)
{
    return list(c, &c->q[CO_ORG], date_from_ymd(1900, 1, 1), or_today(&c->q[CO_AS_OF]), true, e);
}

enum tcxd_err api_complaint_report(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date from = c->q[CL_FROM].d, to = c->q[CL_TO].d;
    if (to < from)
        return tcxd_fail(
            e, TCXD_EINVAL, "to", "%s",
            http_msg(c, "ngày cuối kỳ trước ngày đầu kỳ", "the period ends before it starts"));
    struct org_tree own;
    const struct org_tree *t;
    uint32_t root;
    int64_t root_id;
    struct complaint_counts n;
    memset(&n, 0, sizeof(n));
    enum tcxd_err rc = subtree(c, &c->q[CL_ORG], to, &own, &t, &root, &root_id, e);
    if (rc)
        return rc;
    if (root != TREE_NONE)
        rc = store_complaint_counts(c->st, t, root, from, to, &n, e);
    if (t == &own)
        org_tree_release(&own);
    if (rc)
        return rc;
    json_t *j = api_complaint_counts_json(&n);
    json_object_set_new(j, "org_id", json_integer(root_id));
    json_object_set_new(j, "from", http_json_date(from));
    json_object_set_new(j, "to", http_json_date(to));
    http_json(c, 200, j);
    return TCXD_OK;
}

enum tcxd_err api_complaint_add(struct http_ctx *c, struct tcxd_error *e)
{
    const struct http_value *in = c->in;
    struct complaint_req r = {
        .handling_org_id = in[CA_HANDLING].i,
        .received = in[CA_RECEIVED].d,
        .subject_member_id = in[CA_SUBJECT_MEMBER].present ? in[CA_SUBJECT_MEMBER].i : 0,
        .subject_org_id = in[CA_SUBJECT_ORG].present ? in[CA_SUBJECT_ORG].i : 0,
        .discipline_id = in[CA_DISCIPLINE].present ? in[CA_DISCIPLINE].i : 0,
        .summary = opt(&in[CA_SUMMARY]),
        .name = opt(&in[CA_NAME]),
        .address = opt(&in[CA_ADDRESS]),
        .contact = opt(&in[CA_CONTACT])};
    enum tcxd_err rc;
    if ((rc = complaint_kind_parse(in[CA_KIND].s, &r.kind, e)) ||
        (in[CA_CHANNEL].present &&
         (rc = complaint_channel_parse(in[CA_CHANNEL].s, &r.channel, e))) ||
        (in[CA_LEVEL].present && (rc = complaint_level_parse(in[CA_LEVEL].s, &r.level, e))) ||
        (rc = inspection_areas_parse(opt(&in[CA_AREAS]), &r.areas, e)))
        return rc;
    r.level_given = in[CA_LEVEL].present;
    /* what the caller cannot see does not exist for it */
    if (!http_org_in_scope(c, r.handling_org_id))
        return tcxd_fail(e, TCXD_ENOTFOUND, "handling_org_id", "%s",
                         http_msg(c, "không tìm thấy tổ chức", "no such organization"));
    if (r.subject_org_id && !http_org_in_scope(c, r.subject_org_id))
        return tcxd_fail(e, TCXD_ENOTFOUND, "subject_org_id", "%s",
                         http_msg(c, "không tìm thấy tổ chức", "no such organization"));
    if (r.subject_member_id && !store_scope_member(c->st, r.subject_member_id))
        return api_member_not_found(c, r.subject_member_id, e);
    int64_t id;
    struct complaint_info *ci = xmalloc(sizeof(*ci));
    if (!(rc = store_complaint_add(c->st, &c->actor, &r, date_today(), &id, e)) &&
        !(rc = store_complaint_get(c->st, id, ci, e)))
        http_json(c, 201, api_complaint_json(ci));
    free(ci);
    return rc;
}

/* Answers the letter c->ids[0] after a step (200). */
static enum tcxd_err answer(struct http_ctx *c, enum tcxd_err rc, struct tcxd_error *e)
{
    if (rc)
        return rc;
    struct complaint_info *ci = xmalloc(sizeof(*ci));
    if (!(rc = store_complaint_get(c->st, c->ids[0], ci, e)))
        http_json(c, 200, api_complaint_json(ci));
    free(ci);
    return rc;
}

/* Refuses (404) a letter the caller cannot see before any step. */
static enum tcxd_err visible(struct http_ctx *c, struct tcxd_error *e)
{
    struct complaint_info *ci = xmalloc(sizeof(*ci));
    bool seen = !store_complaint_get(c->st, c->ids[0], ci, NULL);
    free(ci);
    return seen ? TCXD_OK : not_found(c, e);
}

enum tcxd_err api_complaint_show(struct http_ctx *c, struct tcxd_error *e)
{
    enum tcxd_err rc = visible(c, e);
    return rc ? rc : answer(c, TCXD_OK, e);
}

enum tcxd_err api_complaint_identity(struct http_ctx *c, struct tcxd_error *e)
{
    enum tcxd_err rc = visible(c, e);
    if (rc)
        return rc;
    if (!store_permission_has(c->st, c->sess.username, PERMISSION_INSPECTION))
        return tcxd_fail(e, TCXD_EFORBIDDEN, "", "%s",
                         http_msg(c, "chỉ tài khoản có quyền kiểm tra mới xem được người gửi đơn",
                                  "only an account with the inspection permission sees who "
                                  "wrote a letter"));
    struct complaint_identity who;
    if ((rc = store_complaint_identity(c->st, &c->actor, c->ids[0], &who, e)))
        return rc;
    http_json(c, 200,
              json_pack("{s:I, s:b, s:s, s:s, s:s}", "id", (json_int_t)c->ids[0], "named",
                        who.name[0] != '\0', "name", who.name, "address", who.address, "contact",
                        who.contact));
    return TCXD_OK;
}

enum tcxd_err api_complaint_classify(struct http_ctx *c, struct tcxd_error *e)
{
    enum complaint_class cls;
    enum tcxd_err rc;
    if ((rc = visible(c, e)) || (rc = complaint_class_parse(c->in[CC_CLASS].s, &cls, e)))
        return rc;
    return answer(c,
                  store_complaint_classify(c->st, &c->actor, c->ids[0], cls,
                                           or_today(&c->in[CC_DATE]), opt(&c->in[CC_NOTE]),
                                           date_today(), e),
                  e);
}

enum tcxd_err api_complaint_assign(struct http_ctx *c, struct tcxd_error *e)
{
    enum tcxd_err rc = visible(c, e);
    if (rc)
        return rc;
    return answer(c,
                  store_complaint_assign(c->st, &c->actor, c->ids[0], c->in[CS_ASSIGNEE].s,
                                         or_today(&c->in[CS_DATE]), date_today(), e),
                  e);
}

enum tcxd_err api_complaint_extend(struct http_ctx *c, struct tcxd_error *e)
{
    enum tcxd_err rc = visible(c, e);
    if (rc)
        return rc;
    return answer(c,
                  store_complaint_extend(c->st, &c->actor, c->ids[0], (int)c->in[CE_DAYS].i,
                                         or_today(&c->in[CE_DATE]), date_today(), e),
                  e);
}

enum tcxd_err api_complaint_resolve(struct http_ctx *c, struct tcxd_error *e)
{
    enum complaint_result r;
    enum tcxd_err rc;
    if ((rc = visible(c, e)) || (rc = complaint_result_parse(c->in[CR_RESULT].s, &r, e)))
        return rc;
    return answer(c,
                  store_complaint_resolve(c->st, &c->actor, c->ids[0], r, or_today(&c->in[CR_DATE]),
                                          opt(&c->in[CR_RESOLUTION]), date_today(), e),
                  e);
}

enum tcxd_err api_complaint_notify(struct http_ctx *c, struct tcxd_error *e)
{
    enum tcxd_err rc = visible(c, e);
    if (rc)
        return rc;
    return answer(c,
                  store_complaint_notify(c->st, &c->actor, c->ids[0], or_today(&c->in[CN_DATE]),
                                         opt(&c->in[CN_NOTICE]), date_today(), e),
                  e);
}

enum tcxd_err api_user_permission(struct http_ctx *c, struct tcxd_error *e)
{
    struct user_info u;
    const char *name = c->in[UP_USERNAME].s;
    /* an account outside the admin's scope answers like an unknown name */
    if (store_user_get(c->st, name, &u, NULL) || !http_org_in_scope(c, u.scope_org_id))
        return tcxd_fail(e, TCXD_ENOTFOUND, "username", "%s",
                         http_msg(c, "không tìm thấy tài khoản", "no such account"));
    bool granted = c->in[UP_GRANTED].b;
    enum tcxd_err rc =
        store_permission_set(c->st, &c->actor, name, c->in[UP_PERMISSION].s, granted, e);
    if (rc)
        return rc;
    http_json(c, 200,
              json_pack("{s:s, s:s, s:b}", "username", name, "permission", c->in[UP_PERMISSION].s,
                        "granted", granted));
    return TCXD_OK;
}
