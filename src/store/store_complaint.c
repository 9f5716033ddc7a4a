/*
 * store_complaint.c - letters (khiếu nại, tố cáo, phản ánh), their complainants' identities and
 * account permissions (see store_complaint.h).
 */
#include "store/store_complaint.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/inspection.h"
#include "store/store_auth.h"
#include "store/store_inspection.h"
#include "store/store_internal.h"
#include "store/store_scope.h"
#include "text/text.h"
#include "util/xmalloc.h"

static enum tcxd_err clean(const char *in, size_t max, const char *field, struct buf *out,
                           struct tcxd_error *e)
{
    return text_clean(in ? in : "", in ? strlen(in) : 0, max, true, field, out, e);
}

static json_t *json_date(tcxd_date d)
{
    char iso[DATE_ISO_LEN];
    date_format_iso(d, iso);
    return d == DATE_NONE ? json_null() : json_string(iso);
}

/* Audits and commits the open transaction (rolls back on failure); takes `after`. */
static enum tcxd_err audit_commit(struct store *st, const struct store_actor *who,
                                  const char *action, const char *entity, int64_t id,
                                  int64_t org_id, json_t *after, struct tcxd_error *e)
{
    char *a = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(after);
    enum tcxd_err rc = store_audit(st, who, action, entity, id, org_id, NULL, a, e);
    free(a);
    if (rc || (rc = store_commit(st, e)))
        store_rollback(st);
    return rc;
}

/* ---- permissions ---- */

bool store_permission_has(struct store *st, const char *username, const char *permission)
{
    if (!username || !permission)
        return false;
    sqlite3_stmt *s = store_stmt(st, STMT_PERMISSION_HAS);
    store_bind_text(s, 1, username);
    store_bind_text(s, 2, permission);
    bool has = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_reset(s);
    return has;
}

enum tcxd_err store_permission_set(struct store *st, const struct store_actor *who,
                                   const char *username, const char *permission, bool granted,
                                   struct tcxd_error *e)
{
    if (!permission || strcmp(permission, PERMISSION_INSPECTION))
        return tcxd_fail(e, TCXD_EINVAL, "permission", "unknown permission '%s' (%s)",
                         permission ? permission : "", PERMISSION_INSPECTION);
    struct user_info u;
    enum tcxd_err rc = store_user_get(st, username, &u, e);
    if (rc)
        return rc;
    if ((rc = store_begin(st, e)))
        return rc;
    sqlite3_stmt *s = store_stmt(st, granted ? STMT_PERMISSION_GRANT : STMT_PERMISSION_REVOKE);
    store_bind_text(s, 1, username);
    store_bind_text(s, 2, permission);
    if ((rc = store_step_done(st, s, e, "recording the permission"))) {
        store_rollback(st);
        return rc;
    }
    json_t *after = json_pack("{s:s, s:s, s:b}", "username", username, "permission", permission,
                              "granted", granted);
    return audit_commit(st, who, "user.permission", "user", 0, u.scope_org_id, after, e);
}

/* ---- letters ---- */

static void complaint_row(sqlite3_stmt *s, struct complaint_info *c)
{
    memset(c, 0, sizeof(*c));
    c->id = sqlite3_column_int64(s, 0);
    c->s.kind = (enum complaint_kind)sqlite3_column_int(s, 1);
    c->channel = (enum complaint_channel)sqlite3_column_int(s, 2);
    c->s.level = (enum complaint_level)sqlite3_column_int(s, 3);
    c->handling_org_id = sqlite3_column_int64(s, 4);
    c->s.received = store_column_date(s, 5);
    c->subject_org_id = sqlite3_column_int64(s, 6);
    c->subject_member_id = sqlite3_column_int64(s, 7);
    c->discipline_id = sqlite3_column_int64(s, 8);
    c->areas = (unsigned)sqlite3_column_int(s, 9);
    store_column_copy(s, 10, c->summary, sizeof(c->summary));
    c->s.named = sqlite3_column_int(s, 11) != 0;
    c->s.cls = (enum complaint_class)sqlite3_column_int(s, 12);
    c->s.classified = store_column_date(s, 13);
    store_column_copy(s, 14, c->class_note, sizeof(c->class_note));
    store_column_copy(s, 15, c->assignee, sizeof(c->assignee));
    c->assigned_on = store_column_date(s, 16);
    c->s.extension_days = sqlite3_column_int(s, 17);
    c->s.extended_on = store_column_date(s, 18);
    c->s.result = (enum complaint_result)sqlite3_column_int(s, 19);
    c->s.resolved = store_column_date(s, 20);
    store_column_copy(s, 21, c->resolution, sizeof(c->resolution));
    c->s.notified = store_column_date(s, 22);
    store_column_copy(s, 23, c->notice_no, sizeof(c->notice_no));
    c->s.discipline_notice = DATE_NONE;
}

/* What the row alone does not say: the discipline's announcement, the status, the deadline. */
static void complaint_derive(struct store *st, struct complaint_info *c)
{
    if (c->discipline_id) {
        /* the decision's dates only (whatever the scope: its subject is not read) */
        sqlite3_stmt *s = store_stmt(st, STMT_DISCIPLINE_GET);
        sqlite3_bind_int64(s, 1, c->discipline_id);
        if (sqlite3_step(s) == SQLITE_ROW) {
            tcxd_date announced = store_column_date(s, 7);
            c->s.discipline_notice = announced != DATE_NONE ? announced : store_column_date(s, 6);
        }
        sqlite3_reset(s);
    }
    c->status = complaint_status_of(&c->s);
    c->due = complaint_due(&c->s);
}

/* The letter whatever the scope (for the writes, which check the scope themselves). */
static enum tcxd_err load(struct store *st, int64_t id, struct complaint_info *out,
                          struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_COMPLAINT_GET);
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        complaint_row(s, out);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW && store_scope_org_today(st, out->handling_org_id)) {
        complaint_derive(st, out);
        return TCXD_OK;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_db_error(st, e, "reading the letter");
    return tcxd_fail(e, TCXD_ENOTFOUND, "id", "no letter #%lld", (long long)id);
}

enum tcxd_err store_complaint_get(struct store *st, int64_t id, struct complaint_info *out,
                                  struct tcxd_error *e)
{
    return load(st, id, out, e);
}

static enum complaint_level level_of(const struct org_info *o)
{
    if (o->tier != ORG_TIER_ABOVE_BASE || org_base_type_is_commune(o->base_type))
        return CPL_LEVEL_CO_SO;
    return o->parent_id ? CPL_LEVEL_HUYEN : CPL_LEVEL_TINH;
}

enum tcxd_err store_complaint_add(struct store *st, const struct store_actor *who,
                                  const struct complaint_req *req, tcxd_date today, int64_t *id_out,
                                  struct tcxd_error *e)
{
    struct buf summary = BUF_INIT, name = BUF_INIT, addr = BUF_INIT, contact = BUF_INIT;
    struct org_info h, o;
    struct member_info m;
    enum tcxd_err rc;
    int64_t subject_org = req->subject_org_id, subject_member = req->subject_member_id;
    enum complaint_level level = req->level;
    if ((unsigned)req->kind >= CPL_KIND__MAX || (unsigned)req->channel >= CPL_CHANNEL__MAX ||
        (req->level_given && (unsigned)req->level >= CPL_LEVEL__MAX)) {
        rc = tcxd_fail(e, TCXD_EINVAL, "kind", "invalid kind, channel or level");
        goto out;
    }
    if (req->received == DATE_NONE || req->received > today) {
        rc = tcxd_fail(e, TCXD_EINVAL, "received_on",
                       "the day the letter was received is missing or in the future");
        goto out;
    }
    if ((rc = clean(req->summary, COMPLAINT_TEXT_MAX, "summary", &summary, e)) ||
        (rc = clean(req->name, COMPLAINT_NAME_MAX, "name", &name, e)) ||
        (rc = clean(req->address, COMPLAINT_ADDRESS_MAX, "address", &addr, e)) ||
        (rc = clean(req->contact, COMPLAINT_NAME_MAX, "contact", &contact, e)))
        goto out;
    rc = store_org_get(st, req->handling_org_id, req->received, &h, e);
    if (rc == TCXD_ENOTFOUND)
        rc = tcxd_fail(e, TCXD_ENOTFOUND, "handling_org_id",
                       "organization #%lld did not exist when the letter was received",
                       (long long)req->handling_org_id);
    if (rc || (rc = store_scope_check_write(st, h.id, req->received, "handling_org_id", e)))
        goto out;
    if (!req->level_given)
        level = level_of(&h);
    if (req->discipline_id) {
        struct discipline_info *d = xmalloc(sizeof(*d));
        rc = store_discipline_get(st, req->discipline_id, d, e);
        if (!rc && req->kind != CPL_KHIEU_NAI)
            rc = tcxd_fail(e, TCXD_EINVAL, "discipline_id",
                           "only a complaint (khiếu nại) is against a discipline decision");
        if (!rc && req->received < d->decision)
            rc = tcxd_fail(e, TCXD_EINVAL, "received_on",
                           "the complaint is received before the discipline decision");
        if (!rc && !subject_org && !subject_member) {
            subject_org = d->org_id;
            subject_member = d->member_id;
        }
        free(d);
        if (rc)
            goto out;
    }
    if (subject_org && subject_member) {
        rc = tcxd_fail(e, TCXD_EINVAL, "subject_member_id",
                       "a letter is about one organization or one member");
        goto out;
    }
    if (!subject_org && !subject_member && req->kind != CPL_PHAN_ANH) {
        rc = tcxd_fail(e, TCXD_EINVAL, "subject_member_id",
                       "a complaint or a denunciation names the member or organization it is "
                       "about");
        goto out;
    }
    if (subject_org && (rc = store_org_get(st, subject_org, req->received, &o, e))) {
        if (rc == TCXD_ENOTFOUND)
            rc = tcxd_fail(e, TCXD_ENOTFOUND, "subject_org_id",
                           "organization #%lld did not exist when the letter was received",
                           (long long)subject_org);
        goto out;
    }
    if (subject_member && (rc = store_member_get(st, subject_member, &m, e)))
        goto out;
    /* a scoped handle records letters about its own subtree only, then and now */
    if (subject_org &&
        (rc = store_scope_check_write(st, subject_org, req->received, "subject_org_id", e)))
        goto out;
    if (subject_member) {
        int64_t at = store_scope_member_org_on(st, subject_member, req->received);
        if ((rc = store_scope_check_write(st, at ? at : m.org_id, req->received,
                                          "subject_member_id", e)))
            goto out;
    }
    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_COMPLAINT_INSERT);
    sqlite3_bind_int(s, 1, req->kind);
    sqlite3_bind_int(s, 2, req->channel);
    sqlite3_bind_int(s, 3, level);
    sqlite3_bind_int64(s, 4, h.id);
    store_bind_date(s, 5, req->received);
    if (subject_org)
        sqlite3_bind_int64(s, 6, subject_org);
    if (subject_member)
        sqlite3_bind_int64(s, 7, subject_member);
    if (req->discipline_id)
        sqlite3_bind_int64(s, 8, req->discipline_id);
    sqlite3_bind_int(s, 9, (int)req->areas);
    store_bind_text(s, 10, summary.ptr);
    sqlite3_bind_int(s, 11, name.len > 0);
    if ((rc = store_step_done(st, s, e, "recording the letter")))
        goto fail;
    int64_t id = sqlite3_last_insert_rowid(st->db);
    s = store_stmt(st, STMT_COMPLAINT_IDENTITY_INSERT);
    sqlite3_bind_int64(s, 1, id);
    store_bind_text(s, 2, name.ptr);
    store_bind_text(s, 3, addr.ptr);
    store_bind_text(s, 4, contact.ptr);
    if ((rc = store_step_done(st, s, e, "recording the letter")))
        goto fail;
    /* the audit image says whether a name was given, never the name */
    json_t *after =
        json_pack("{s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:b, s:I}", "kind",
                  complaint_kind_name(req->kind), "channel", complaint_channel_name(req->channel),
                  "level", complaint_level_name(level), "handling_org_id", (json_int_t)h.id,
                  "received_on", json_date(req->received), "subject_org_id",
                  subject_org ? json_integer(subject_org) : json_null(), "subject_member_id",
                  subject_member ? json_integer(subject_member) : json_null(), "discipline_id",
                  req->discipline_id ? json_integer(req->discipline_id) : json_null(), "named",
                  name.len > 0, "areas", (json_int_t)req->areas);
    if (!(rc = audit_commit(st, who, "complaint.add", "complaint", id, h.id, after, e)) && id_out)
        *id_out = id;
    goto out;
fail:
    store_rollback(st);
out:
    buf_release(&summary);
    buf_release(&name);
    buf_release(&addr);
    buf_release(&contact);
    return rc;
}

enum tcxd_err store_complaint_identity(struct store *st, const struct store_actor *who, int64_t id,
                                       struct complaint_identity *out, struct tcxd_error *e)
{
    struct complaint_info *c = xmalloc(sizeof(*c));
    enum tcxd_err rc = load(st, id, c, e);
    int64_t org = c->handling_org_id;
    free(c);
    if (rc)
        return rc;
    if (store_scoped(st) &&
        !store_permission_has(st, who ? who->username : NULL, PERMISSION_INSPECTION))
        return tcxd_fail(e, TCXD_EFORBIDDEN, "id",
                         "only an account with the inspection permission sees who wrote a "
                         "letter");
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *s = store_stmt(st, STMT_COMPLAINT_IDENTITY_GET);
    sqlite3_bind_int64(s, 1, id);
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW) {
        store_column_copy(s, 0, out->name, sizeof(out->name));
        store_column_copy(s, 1, out->address, sizeof(out->address));
        store_column_copy(s, 2, out->contact, sizeof(out->contact));
    }
    sqlite3_reset(s);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return store_db_error(st, e, "reading the letter");
    /* every read is audited, in its own transaction: no audit, no identity */
    if ((rc = store_begin(st, e)))
        return rc;
    rc = audit_commit(st, who, "complaint.identity_read", "complaint", id, org,
                      json_pack("{s:b}", "named", out->name[0] != '\0'), e);
    if (rc)
        memset(out, 0, sizeof(*out));
    return rc;
}

/* The letter for a step dated `on`: in the scope then and now. */
static enum tcxd_err for_step(struct store *st, int64_t id, tcxd_date on, struct complaint_info *c,
                              struct tcxd_error *e)
{
    enum tcxd_err rc = load(st, id, c, e);
    if (!rc && on != DATE_NONE)
        rc = store_scope_check_write(st, c->handling_org_id, on, "id", e);
    return rc;
}

/* Runs one UPDATE with its audit record (the statement's ?1 is the id). */
static enum tcxd_err step_commit(struct store *st, const struct store_actor *who, sqlite3_stmt *s,
                                 const char *action, const struct complaint_info *c, json_t *after,
                                 struct tcxd_error *e)
{
    enum tcxd_err rc = store_step_done(st, s, e, "recording the letter");
    if (rc) {
        json_decref(after);
        store_rollback(st);
        return rc;
    }
    return audit_commit(st, who, action, "complaint", c->id, c->handling_org_id, after, e);
}

enum tcxd_err store_complaint_classify(struct store *st, const struct store_actor *who, int64_t id,
                                       enum complaint_class cls, tcxd_date on, const char *note,
                                       tcxd_date today, struct tcxd_error *e)
{
    struct complaint_info *c = xmalloc(sizeof(*c));
    struct buf nb = BUF_INIT;
    enum tcxd_err rc;
    if ((rc = clean(note, COMPLAINT_TEXT_MAX, "note", &nb, e)) ||
        (rc = for_step(st, id, on, c, e)) ||
        (rc = complaint_classify_check(&c->s, cls, on, today, e)) || (rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_COMPLAINT_CLASSIFY);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, cls);
    store_bind_date(s, 3, on);
    store_bind_text(s, 4, nb.ptr);
    c->s.cls = cls;
    c->s.classified = on;
    rc = step_commit(st, who, s, "complaint.classify", c,
                     json_pack("{s:s, s:o, s:o, s:s}", "classification", complaint_class_name(cls),
                               "date", json_date(on), "due", json_date(complaint_due(&c->s)),
                               "note", nb.ptr),
                     e);
out:
    buf_release(&nb);
    free(c);
    return rc;
}

enum tcxd_err store_complaint_assign(struct store *st, const struct store_actor *who, int64_t id,
                                     const char *assignee, tcxd_date on, tcxd_date today,
                                     struct tcxd_error *e)
{
    struct complaint_info *c = xmalloc(sizeof(*c));
    struct buf ab = BUF_INIT;
    enum tcxd_err rc;
    if ((rc = clean(assignee, COMPLAINT_ASSIGNEE_MAX, "assignee", &ab, e)) ||
        (rc = for_step(st, id, on, c, e)))
        goto out;
    if (!ab.len) {
        rc = tcxd_fail(e, TCXD_EINVAL, "assignee", "field %s is required", "assignee");
        goto out;
    }
    if (c->s.cls != CPL_ACCEPTED || c->s.result != CPL_RESULT_PENDING) {
        rc = tcxd_fail(e, TCXD_ERULE, "assignee",
                       "only an accepted letter that is not resolved is assigned");
        goto out;
    }
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    date_format_vn(on, a);
    date_format_vn(c->s.classified, b);
    if (on == DATE_NONE || on > today || on < c->s.classified) {
        rc = tcxd_fail(e, TCXD_EINVAL, "date",
                       "the assignment (%s) must be dated between the acceptance (%s) and today", a,
                       b);
        goto out;
    }
    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_COMPLAINT_ASSIGN);
    sqlite3_bind_int64(s, 1, id);
    store_bind_text(s, 2, ab.ptr);
    store_bind_date(s, 3, on);
    rc = step_commit(st, who, s, "complaint.assign", c,
                     json_pack("{s:s, s:o}", "assignee", ab.ptr, "date", json_date(on)), e);
out:
    buf_release(&ab);
    free(c);
    return rc;
}

enum tcxd_err store_complaint_extend(struct store *st, const struct store_actor *who, int64_t id,
                                     int days, tcxd_date on, tcxd_date today, struct tcxd_error *e)
{
    struct complaint_info *c = xmalloc(sizeof(*c));
    enum tcxd_err rc;
    if ((rc = for_step(st, id, on, c, e)) ||
        (rc = complaint_extend_check(&c->s, days, on, today, e)) || (rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_COMPLAINT_EXTEND);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, days);
    store_bind_date(s, 3, on);
    c->s.extension_days = days;
    rc = step_commit(st, who, s, "complaint.extend", c,
                     json_pack("{s:i, s:o, s:o}", "days", days, "date", json_date(on), "due",
                               json_date(complaint_due(&c->s))),
                     e);
out:
    free(c);
    return rc;
}

enum tcxd_err store_complaint_resolve(struct store *st, const struct store_actor *who, int64_t id,
                                      enum complaint_result r, tcxd_date on, const char *resolution,
                                      tcxd_date today, struct tcxd_error *e)
{
    struct complaint_info *c = xmalloc(sizeof(*c));
    struct buf rb = BUF_INIT;
    enum tcxd_err rc;
    if ((rc = clean(resolution, COMPLAINT_TEXT_MAX, "resolution", &rb, e)) ||
        (rc = for_step(st, id, on, c, e)) ||
        (rc = complaint_resolve_check(&c->s, r, on, today, e)) || (rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_COMPLAINT_RESOLVE);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, r);
    store_bind_date(s, 3, on);
    store_bind_text(s, 4, rb.ptr);
    rc = step_commit(st, who, s, "complaint.resolve", c,
                     json_pack("{s:s, s:o, s:b}", "result", complaint_result_name(r), "date",
                               json_date(on), "late", on > c->due),
                     e);
out:
    buf_release(&rb);
    free(c);
    return rc;
}

enum tcxd_err store_complaint_notify(struct store *st, const struct store_actor *who, int64_t id,
                                     tcxd_date on, const char *notice_no, tcxd_date today,
                                     struct tcxd_error *e)
{
    struct complaint_info *c = xmalloc(sizeof(*c));
    struct buf nb = BUF_INIT;
    enum tcxd_err rc;
    if ((rc = clean(notice_no, COMPLAINT_DOC_MAX, "notice_no", &nb, e)) ||
        (rc = for_step(st, id, on, c, e)) || (rc = complaint_notify_check(&c->s, on, today, e)) ||
        (rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_COMPLAINT_NOTIFY);
    sqlite3_bind_int64(s, 1, id);
    store_bind_date(s, 2, on);
    store_bind_text(s, 3, nb.ptr);
    rc = step_commit(st, who, s, "complaint.notify", c,
                     json_pack("{s:o, s:s}", "date", json_date(on), "notice_no", nb.ptr), e);
out:
    buf_release(&nb);
    free(c);
    return rc;
}

/* Is `org` in root's subtree on the tree t, or (ended before t's day) on the tree of `on`? */
static bool in_subtree(struct store *st, const struct org_tree *t, uint32_t root, int64_t org,
                       tcxd_date on)
{
    uint32_t n = org_tree_find(t, org);
    if (n != TREE_NONE)
        return org_tree_in_subtree(t, root, n);
    struct org_tree alt;
    struct tcxd_error e;
    if (on == DATE_NONE || store_tree_load(st, on, &alt, &e))
        return false;
    uint32_t r2 = org_tree_find(&alt, t->nodes[root].id), n2 = org_tree_find(&alt, org);
    bool in = r2 != TREE_NONE && n2 != TREE_NONE && org_tree_in_subtree(&alt, r2, n2);
    org_tree_release(&alt);
    return in;
}

enum tcxd_err store_complaint_list(struct store *st, const struct org_tree *t, uint32_t root,
                                   tcxd_date from, tcxd_date to,
                                   void (*fn)(void *ctx, const struct complaint_info *c), void *ctx,
                                   struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_COMPLAINT_IN_PERIOD);
    store_bind_date(s, 1, from);
    store_bind_date(s, 2, to);
    struct complaint_info *rows = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            rows = xrealloc(rows, cap * sizeof(*rows));
        }
        complaint_row(s, &rows[n++]);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        free(rows);
        return store_db_error(st, e, "listing letters");
    }
    for (size_t i = 0; i < n; i++)
        if (in_subtree(st, t, root, rows[i].handling_org_id, rows[i].s.received) &&
            store_scope_org_today(st, rows[i].handling_org_id)) {
            complaint_derive(st, &rows[i]);
            fn(ctx, &rows[i]);
        }
    free(rows);
    return TCXD_OK;
}

struct count_ctx {
    tcxd_date from, to;
    struct complaint_counts *c;
};

static void count_one(void *vctx, const struct complaint_info *l)
{
    struct count_ctx *x = vctx;
    struct complaint_counts *c = x->c;
    if (l->s.received >= x->from) {
        c->received++;
        c->by_kind[l->s.kind]++;
        c->accepted += l->s.cls == CPL_ACCEPTED;
        c->forwarded += l->s.cls == CPL_FORWARDED;
        c->filed += l->s.cls == CPL_FILED;
    }
    if (l->s.result != CPL_RESULT_PENDING && l->s.resolved >= x->from && l->s.resolved <= x->to) {
        c->resolved++;
        c->resolved_late += l->s.resolved > l->due;
    }
    c->notified += l->s.notified != DATE_NONE && l->s.notified >= x->from && l->s.notified <= x->to;
    c->overdue += complaint_overdue(&l->s, x->to);
}

enum tcxd_err store_complaint_counts(struct store *st, const struct org_tree *t, uint32_t root,
                                     tcxd_date from, tcxd_date to, struct complaint_counts *out,
                                     struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    struct count_ctx x = {from, to, out};
    /* every letter received up to the period's end: those resolved or overdue in it may have
       come before it */
    return store_complaint_list(st, t, root, date_from_ymd(1900, 1, 1), to, count_one, &x, e);
}
