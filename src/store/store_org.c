/*
 * store_org.c - organizations and their dated history: create, rename, move, merge, dissolve,
 * lookups as of a date, and the tree of a date.
 */
#include "store/store_internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "util/xmalloc.h"

#define ORG_NAME_MAX 200

static void fill_org(sqlite3_stmt *s, struct org_info *o)
{
    o->id = sqlite3_column_int64(s, 0);
    store_column_copy(s, 1, o->code, sizeof(o->code));
    store_column_copy(s, 2, o->name, sizeof(o->name));
    o->tier = (enum org_tier)sqlite3_column_int(s, 3);
    o->form = (enum org_form)sqlite3_column_int(s, 4);
    o->base_type = (enum org_base_type)sqlite3_column_int(s, 5);
    o->parent_id = sqlite3_column_int64(s, 6);
    o->created_on = store_column_date(s, 7);
    o->ended_on = store_column_date(s, 8);
}

enum tcxd_err store_org_get(struct store *st, int64_t id, tcxd_date as_of, struct org_info *out,
                            struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_GET_ASOF);
    sqlite3_bind_int64(s, 1, id);
    store_bind_date(s, 2, as_of);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        fill_org(s, out);
        sqlite3_reset(s);
        return TCXD_OK;
    }
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading organization");
    char d[DATE_ISO_LEN];
    date_format_vn(as_of, d);
    return tcxd_fail(e, TCXD_ENOTFOUND, "org", "no organization #%lld on %s", (long long)id, d);
}

enum tcxd_err store_org_by_code(struct store *st, const char *code, tcxd_date as_of,
                                struct org_info *out, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_ID_BY_CODE);
    store_bind_text(s, 1, code);
    if (sqlite3_step(s) != SQLITE_ROW)
        return tcxd_fail(e, TCXD_ENOTFOUND, "org", "unknown organization '%s'", code);
    int64_t id = sqlite3_column_int64(s, 0);
    tcxd_date created = store_column_date(s, 1), ended = store_column_date(s, 2);
    sqlite3_reset(s);
    if (as_of < created || as_of >= ended) {
        char d[DATE_ISO_LEN], c[DATE_ISO_LEN], x[DATE_ISO_LEN];
        date_format_vn(as_of, d);
        date_format_vn(created, c);
        date_format_vn(ended, x);
        if (as_of < created)
            return tcxd_fail(e, TCXD_ENOTFOUND, "org",
                             "organization '%s' did not exist yet on %s (created %s)", code, d, c);
        return tcxd_fail(e, TCXD_ENOTFOUND, "org",
                         "organization '%s' no longer existed on %s (ended %s)", code, d, x);
    }
    return store_org_get(st, id, as_of, out, e);
}

enum tcxd_err store_org_resolve(struct store *st, const char *ref, tcxd_date as_of,
                                struct org_info *out, struct tcxd_error *e)
{
    const char *p = ref[0] == '#' ? ref + 1 : NULL;
    if (p && *p) {
        char *end;
        long long id = strtoll(p, &end, 10);
        if (!*end && id > 0)
            return store_org_get(st, id, as_of, out, e);
        return tcxd_fail(e, TCXD_EINVAL, "org", "invalid organization reference '%s'", ref);
    }
    return store_org_by_code(st, ref, as_of, out, e);
}

static tcxd_date latest(tcxd_date today, tcxd_date created, tcxd_date ended)
{
    if (today >= ended)
        return ended - 1;
    return today < created ? created : today;
}

enum tcxd_err store_org_latest_day(struct store *st, int64_t id, tcxd_date today, tcxd_date *day,
                                   struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_SPAN);
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return tcxd_fail(e, TCXD_ENOTFOUND, "org", "no organization #%lld", (long long)id);
    }
    *day = latest(today, store_column_date(s, 1), store_column_date(s, 2));
    sqlite3_reset(s);
    return TCXD_OK;
}

enum tcxd_err store_org_resolve_latest(struct store *st, const char *ref, tcxd_date today,
                                       struct org_info *out, struct tcxd_error *e)
{
    int64_t id = 0;
    const char *p = ref[0] == '#' ? ref + 1 : NULL;
    if (p && *p) {
        char *end;
        long long v = strtoll(p, &end, 10);
        if (*end || v <= 0)
            return tcxd_fail(e, TCXD_EINVAL, "org", "invalid organization reference '%s'", ref);
        id = v;
    } else {
        sqlite3_stmt *s = store_stmt(st, STMT_ORG_ID_BY_CODE);
        store_bind_text(s, 1, ref);
        int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW)
            id = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        if (!id)
            return tcxd_fail(e, TCXD_ENOTFOUND, "org", "unknown organization '%s'", ref);
    }
    tcxd_date day;
    enum tcxd_err rc = store_org_latest_day(st, id, today, &day, e);
    return rc ? rc : store_org_get(st, id, day, out, e);
}

static char *org_json(const struct org_info *o)
{
    char c[DATE_ISO_LEN];
    date_format_iso(o->created_on, c);
    json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:s}", "id", (json_int_t)o->id,
                          "code", o->code, "name", o->name, "tier", org_tier_name(o->tier), "form",
                          org_form_name(o->form), "base_type", org_base_type_name(o->base_type),
                          "parent_id", (json_int_t)o->parent_id, "created_on", c);
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return s;
}

static enum tcxd_err check_not_future(tcxd_date d, struct tcxd_error *e)
{
    if (d > date_today()) {
        char s[DATE_ISO_LEN];
        date_format_vn(d, s);
        return tcxd_fail(e, TCXD_EINVAL, "date", "date %s is in the future", s);
    }
    return TCXD_OK;
}

static enum tcxd_err clean_decision(const char *in, struct buf *out, struct tcxd_error *e)
{
    return text_clean(in ? in : "", in ? strlen(in) : 0, 100, true, "decision_no", out, e);
}

static enum tcxd_err add_event(struct store *st, int64_t org_id, const char *kind, tcxd_date date,
                               const char *decision_no, int64_t other, const char *detail,
                               struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_EVENT_INSERT);
    sqlite3_bind_int64(s, 1, org_id);
    store_bind_text(s, 2, kind);
    store_bind_date(s, 3, date);
    store_bind_text(s, 4, decision_no ? decision_no : "");
    if (other)
        sqlite3_bind_int64(s, 5, other);
    store_bind_text(s, 6, detail ? detail : "");
    return store_step_done(st, s, e, "recording the organization event");
}

enum tcxd_err store_org_create(struct store *st, const struct store_actor *who,
                               const struct org_create_req *req, int64_t *id_out,
                               struct tcxd_error *e)
{
    struct buf name = BUF_INIT, fold = BUF_INIT, dec = BUF_INIT;
    struct org_info parent;
    enum tcxd_err rc;
    memset(&parent, 0, sizeof(parent));

    if ((rc = org_check_code(req->code, e)) ||
        (rc = text_clean(req->name, strlen(req->name), ORG_NAME_MAX, false, "name", &name, e)) ||
        (rc = clean_decision(req->decision_no, &dec, e)) || (rc = check_not_future(req->date, e)))
        goto out;
    if (req->parent_id && (rc = store_org_get(st, req->parent_id, req->date, &parent, e)))
        goto out;
    /* a scoped account creates only inside its subtree (a root needs no scope) */
    if (store_scoped(st) && !(!req->parent_id && store_scope_is_top(st)) &&
        (rc = store_scope_check_write(st, req->parent_id, req->date, "parent_id", e)))
        goto out;
    store_scope_invalidate(st);
    struct org_shape ps = {parent.tier, parent.form, parent.base_type},
                     cs = {req->tier, req->form, req->base_type};
    if ((rc = org_check_placement(req->date, req->parent_id ? &ps : NULL, &cs, e)))
        goto out;
    text_fold(name.ptr, &fold);

    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_ID_BY_CODE);
    store_bind_text(s, 1, req->code);
    if (sqlite3_step(s) == SQLITE_ROW) {
        sqlite3_reset(s);
        rc = tcxd_fail(e, TCXD_ECONFLICT, "code", "organization code '%s' is already used",
                       req->code);
        goto fail;
    }
    s = store_stmt(st, STMT_ORG_INSERT);
    store_bind_text(s, 1, req->code);
    sqlite3_bind_int(s, 2, req->tier);
    sqlite3_bind_int(s, 3, req->form);
    if (req->base_type != ORG_BASE_NONE)
        sqlite3_bind_int(s, 4, req->base_type);
    store_bind_text(s, 5, name.ptr);
    store_bind_text(s, 6, fold.ptr);
    if (req->parent_id)
        sqlite3_bind_int64(s, 7, req->parent_id);
    store_bind_date(s, 8, req->date);
    if ((rc = store_step_done(st, s, e, "creating the organization")))
        goto fail;
    int64_t id = sqlite3_last_insert_rowid(st->db);
    s = store_stmt(st, STMT_ORG_VERSION_INSERT);
    sqlite3_bind_int64(s, 1, id);
    store_bind_date(s, 2, req->date);
    if (req->parent_id)
        sqlite3_bind_int64(s, 3, req->parent_id);
    store_bind_text(s, 4, name.ptr);
    sqlite3_bind_int(s, 5, req->tier);
    sqlite3_bind_int(s, 6, req->form);
    sqlite3_bind_int(s, 7, req->base_type);
    if ((rc = store_step_done(st, s, e, "creating the organization")) ||
        (rc = add_event(st, id, "create", req->date, dec.ptr, req->parent_id, "", e)))
        goto fail;

    struct org_info now;
    if ((rc = store_org_get(st, id, req->date, &now, e)))
        goto fail;
    char *after = org_json(&now);
    rc = store_audit(st, who, "org.create", "org", id, req->parent_id ? req->parent_id : id, NULL,
                     after, e);
    free(after);
    if (rc || (rc = store_commit(st, e)))
        goto fail;
    if (id_out)
        *id_out = id;
    goto out;
fail:
    store_rollback(st);
out:
    buf_release(&name);
    buf_release(&fold);
    buf_release(&dec);
    return rc;
}

/*
 * Starts a new version of the organization on `date` with (parent, name): the latest version is
 * closed on that date, or replaced when it started that same day. Changes dated before the
 * latest version are refused so that history stays a simple sequence.
 */
static enum tcxd_err new_version(struct store *st, int64_t id, tcxd_date date, int64_t parent,
                                 const char *name, const struct org_shape *shape,
                                 struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_VERSION_LAST);
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) != SQLITE_ROW)
        return store_db_error(st, e, "reading organization history");
    tcxd_date last = store_column_date(s, 0);
    sqlite3_reset(s);
    enum tcxd_err rc;
    if (date < last) {
        char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
        date_format_vn(date, a);
        date_format_vn(last, b);
        return tcxd_fail(e, TCXD_ERULE, "date",
                         "date %s is before the organization's last change on %s", a, b);
    }
    s = store_stmt(st, date == last ? STMT_ORG_VERSION_DELETE : STMT_ORG_VERSION_CLOSE);
    sqlite3_bind_int64(s, 1, id);
    store_bind_date(s, 2, last);
    if (date != last)
        store_bind_date(s, 3, date);
    if ((rc = store_step_done(st, s, e, "updating organization history")))
        return rc;
    s = store_stmt(st, STMT_ORG_VERSION_INSERT);
    sqlite3_bind_int64(s, 1, id);
    store_bind_date(s, 2, date);
    if (parent)
        sqlite3_bind_int64(s, 3, parent);
    store_bind_text(s, 4, name);
    sqlite3_bind_int(s, 5, shape->tier);
    sqlite3_bind_int(s, 6, shape->form);
    sqlite3_bind_int(s, 7, shape->base_type);
    if ((rc = store_step_done(st, s, e, "updating organization history")))
        return rc;
    struct buf fold = BUF_INIT;
    text_fold(name, &fold);
    s = store_stmt(st, STMT_ORG_SET_CURRENT);
    sqlite3_bind_int64(s, 1, id);
    store_bind_text(s, 2, name);
    store_bind_text(s, 3, fold.ptr);
    if (parent)
        sqlite3_bind_int64(s, 4, parent);
    rc = store_step_done(st, s, e, "updating organization");
    buf_release(&fold);
    return rc;
}

/* Ends the organization on date: its last version closes then. */
static enum tcxd_err end_org(struct store *st, int64_t id, tcxd_date date, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_VERSION_LAST);
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) != SQLITE_ROW)
        return store_db_error(st, e, "reading organization history");
    tcxd_date last = store_column_date(s, 0);
    sqlite3_reset(s);
    if (date <= last) {
        char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
        date_format_vn(date, a);
        date_format_vn(last, b);
        return tcxd_fail(e, TCXD_ERULE, "date",
                         "date %s is not after the organization's last change on %s", a, b);
    }
    enum tcxd_err rc;
    s = store_stmt(st, STMT_ORG_VERSION_CLOSE);
    sqlite3_bind_int64(s, 1, id);
    store_bind_date(s, 2, last);
    store_bind_date(s, 3, date);
    if ((rc = store_step_done(st, s, e, "ending the organization")))
        return rc;
    s = store_stmt(st, STMT_ORG_END);
    sqlite3_bind_int64(s, 1, id);
    store_bind_date(s, 2, date);
    return store_step_done(st, s, e, "ending the organization");
}

/* Common prologue of the dated operations: cleans the decision number, checks the date,
   loads the organization as it was the day before... on the day. */
static enum tcxd_err op_begin(struct store *st, int64_t id, tcxd_date date, const char *decision_no,
                              struct org_info *o, struct buf *dec, struct tcxd_error *e)
{
    enum tcxd_err rc;
    if ((rc = clean_decision(decision_no, dec, e)) || (rc = check_not_future(date, e)) ||
        (rc = store_org_get(st, id, date, o, e)) ||
        (rc = store_scope_check_write(st, id, date, "org", e)))
        return rc;
    store_scope_invalidate(st); /* the tree is about to change */
    return store_begin(st, e);
}

static enum tcxd_err op_finish(struct store *st, const struct store_actor *who, const char *action,
                               int64_t id, const struct org_info *before, tcxd_date date,
                               struct tcxd_error *e)
{
    struct org_info now;
    enum tcxd_err rc;
    char *b = org_json(before), *a = NULL;
    if (!strcmp(action, "org.merge") || !strcmp(action, "org.dissolve")) {
        char d[DATE_ISO_LEN];
        date_format_iso(date, d);
        json_t *j = json_pack("{s:s}", "ended_on", d);
        a = json_dumps(j, JSON_COMPACT);
        json_decref(j);
    } else {
        if ((rc = store_org_get(st, id, date, &now, e))) {
            free(b);
            return rc;
        }
        a = org_json(&now);
    }
    rc = store_audit(st, who, action, "org", id, before->parent_id ? before->parent_id : id, b, a,
                     e);
    free(a);
    free(b);
    if (rc)
        return rc;
    return store_commit(st, e);
}

enum tcxd_err store_org_rename(struct store *st, const struct store_actor *who, int64_t id,
                               const char *name, tcxd_date date, const char *decision_no,
                               struct tcxd_error *e)
{
    struct buf clean = BUF_INIT, dec = BUF_INIT;
    struct org_info o;
    enum tcxd_err rc;
    if ((rc = text_clean(name, strlen(name), ORG_NAME_MAX, false, "name", &clean, e)) ||
        (rc = op_begin(st, id, date, decision_no, &o, &dec, e)))
        goto out;
    char detail[2200];
    snprintf(detail, sizeof(detail), "%s → %s", o.name, clean.ptr);
    struct org_shape sh = {o.tier, o.form, o.base_type};
    if ((rc = new_version(st, id, date, o.parent_id, clean.ptr, &sh, e)) ||
        (rc = add_event(st, id, "rename", date, dec.ptr, 0, detail, e)) ||
        (rc = op_finish(st, who, "org.rename", id, &o, date, e)))
        store_rollback(st);
out:
    buf_release(&clean);
    buf_release(&dec);
    return rc;
}

/* Refuses a parent that lies inside the organization's own subtree on that date. */
static enum tcxd_err check_no_cycle(struct store *st, int64_t id, int64_t parent, tcxd_date date,
                                    struct tcxd_error *e)
{
    enum tcxd_err rc;
    for (int guard = 0; parent && guard < 64; guard++) {
        if (parent == id)
            return tcxd_fail(e, TCXD_ERULE, "parent_id",
                             "cannot move an organization under its own subordinate");
        struct org_info p;
        if ((rc = store_org_get(st, parent, date, &p, e)))
            return rc;
        parent = p.parent_id;
    }
    return TCXD_OK;
}

struct id_list {
    int64_t *v;
    int *kind;
    size_t n, cap, kcap;
};

static void id_list_push(struct id_list *l, int64_t id, int kind)
{
    ALLOC_GROW(l->v, l->n + 1, l->cap);
    ALLOC_GROW(l->kind, l->n + 1, l->kcap);
    l->v[l->n] = id;
    l->kind[l->n++] = kind;
}

static void id_list_release(struct id_list *l)
{
    free(l->v);
    free(l->kind);
    memset(l, 0, sizeof(*l));
}

static enum tcxd_err children_at(struct store *st, int64_t id, tcxd_date date, struct id_list *out,
                                 struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_CHILDREN_ASOF);
    sqlite3_bind_int64(s, 1, id);
    store_bind_date(s, 2, date);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        id_list_push(out, sqlite3_column_int64(s, 0), 0);
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading child organizations");
}

static enum tcxd_err members_at(struct store *st, int64_t id, tcxd_date date, struct id_list *out,
                                struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_STINT_STARTED_AFTER);
    sqlite3_bind_int64(s, 1, id);
    store_bind_date(s, 2, date);
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int64(s, 0) > 0) {
        sqlite3_reset(s);
        char d[DATE_ISO_LEN];
        date_format_vn(date, d);
        return tcxd_fail(e, TCXD_ERULE, "date",
                         "members joined this organization after %s: date the operation later", d);
    }
    sqlite3_reset(s);
    s = store_stmt(st, STMT_STINT_MEMBERS_AT);
    sqlite3_bind_int64(s, 1, id);
    store_bind_date(s, 2, date);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        id_list_push(out, sqlite3_column_int64(s, 0), sqlite3_column_int(s, 1));
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading members");
}

enum tcxd_err store_org_move(struct store *st, const struct store_actor *who, int64_t id,
                             int64_t new_parent_id, tcxd_date date, const char *decision_no,
                             struct tcxd_error *e)
{
    return store_org_move_retier(st, who, id, new_parent_id, NULL, date, decision_no, e);
}

/* Pins the versions that follow org's values (NULL columns) to the current values, then makes
   `to` the organization's current shape: the history before a re-tier keeps the old tier. */
static enum tcxd_err set_shape(struct store *st, int64_t id, const struct org_shape *from,
                               const struct org_shape *to, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_VERSION_PIN);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, from->tier);
    sqlite3_bind_int(s, 3, from->form);
    sqlite3_bind_int(s, 4, from->base_type);
    enum tcxd_err rc = store_step_done(st, s, e, "updating organization history");
    if (rc)
        return rc;
    s = store_stmt(st, STMT_ORG_SET_SHAPE);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, to->tier);
    sqlite3_bind_int(s, 3, to->form);
    if (to->base_type != ORG_BASE_NONE)
        sqlite3_bind_int(s, 4, to->base_type);
    return store_step_done(st, s, e, "updating organization");
}

static bool shape_eq(const struct org_shape *a, const struct org_shape *b)
{
    return a->tier == b->tier && a->form == b->form && a->base_type == b->base_type;
}

enum tcxd_err store_org_move_retier(struct store *st, const struct store_actor *who, int64_t id,
                                    int64_t new_parent_id, const struct org_shape *shape,
                                    tcxd_date date, const char *decision_no, struct tcxd_error *e)
{
    struct buf dec = BUF_INIT;
    struct org_info o, np, op;
    struct id_list kids = {0}, mem = {0};
    enum tcxd_err rc;
    memset(&op, 0, sizeof(op));
    if ((rc = store_org_get(st, new_parent_id, date, &np, e)) ||
        (rc = store_scope_check_write(st, new_parent_id, date, "parent_id", e)) ||
        (rc = store_scope_check_not_root(st, id, "org", e)))
        goto out;
    if ((rc = op_begin(st, id, date, decision_no, &o, &dec, e)))
        goto out;
    struct org_shape old = {o.tier, o.form, o.base_type};
    struct org_shape ps = {np.tier, np.form, np.base_type};
    /* no kind given: under a commune-level committee the 2025 default rule re-tiers (a chi bộ
       trực thuộc becomes a chi bộ cơ sở), elsewhere the kind stays */
    struct org_shape now =
        shape ? *shape : (org_shape_is_commune(&ps) ? org_default_shape(date, &ps, &old) : old);
    bool retier = !shape_eq(&old, &now);
    if (o.parent_id == new_parent_id && !retier) {
        rc = tcxd_fail(e, TCXD_ERULE, "parent_id", "'%s' is already under '%s'", o.code, np.code);
        goto fail;
    }
    if (o.parent_id && (rc = store_org_get(st, o.parent_id, date, &op, e)))
        goto fail;
    if ((rc = org_check_placement(date, &ps, &now, e)) ||
        (rc = check_no_cycle(st, id, new_parent_id, date, e)))
        goto fail;
    if (retier) {
        if ((rc = children_at(st, id, date, &kids, e)))
            goto fail;
        for (size_t i = 0; i < kids.n; i++) {
            struct org_info k;
            if ((rc = store_org_get(st, kids.v[i], date, &k, e)))
                goto fail;
            struct org_shape ks = {k.tier, k.form, k.base_type};
            if ((rc = org_check_placement(date, &now, &ks, e)))
                goto fail;
        }
        if (org_holds_members(old.tier, old.form) && !org_holds_members(now.tier, now.form)) {
            if ((rc = members_at(st, id, date, &mem, e)))
                goto fail;
            if (mem.n) {
                rc = tcxd_fail(e, TCXD_ERULE, "form",
                               "'%s' has %zu members: only a chi bộ holds members", o.code, mem.n);
                goto fail;
            }
        }
    }
    char detail[2200];
    snprintf(detail, sizeof(detail), "%s → %s", op.name, np.name);
    if ((rc = new_version(st, id, date, new_parent_id, o.name, &now, e)))
        goto fail;
    if (o.parent_id != new_parent_id &&
        (rc = add_event(st, id, "move", date, dec.ptr, new_parent_id, detail, e)))
        goto fail;
    if (retier) {
        snprintf(detail, sizeof(detail), "%s → %s", org_kind_label(org_kind_of(old.tier, old.form)),
                 org_kind_label(org_kind_of(now.tier, now.form)));
        if ((rc = set_shape(st, id, &old, &now, e)) ||
            (rc = add_event(st, id, "retier", date, dec.ptr, 0, detail, e)))
            goto fail;
    }
    if ((rc = op_finish(st, who, retier ? "org.retier" : "org.move", id, &o, date, e)))
        goto fail;
    goto out;
fail:
    store_rollback(st);
out:
    id_list_release(&kids);
    id_list_release(&mem);
    buf_release(&dec);
    return rc;
}

/* Moves every member registered (or temporarily active) in `from` on date to `to`. */
static enum tcxd_err move_members(struct store *st, const struct id_list *m, int64_t to,
                                  tcxd_date date, const char *decision_no, const char *detail,
                                  struct tcxd_error *e)
{
    for (size_t i = 0; i < m->n; i++) {
        struct member_event ev = {0};
        ev.date = date;
        ev.decision_date = DATE_NONE;
        ev.until = DATE_NONE;
        if (m->kind[i] == STINT_REGISTERED) {
            ev.kind = MEV_TRANSFER;
            ev.form = TRANSFER_ORG_CHANGE;
            ev.org_id = to;
        } else {
            ev.kind = MEV_RETURN;
        }
        enum tcxd_err rc = store_member_append(st, m->v[i], &ev, decision_no, detail, e);
        if (rc)
            return rc;
    }
    return TCXD_OK;
}

enum tcxd_err store_org_merge(struct store *st, const struct store_actor *who, int64_t from_id,
                              int64_t into_id, tcxd_date date, const char *decision_no,
                              struct tcxd_error *e)
{
    struct buf dec = BUF_INIT;
    struct org_info from, into;
    struct id_list kids = {0}, mem = {0};
    enum tcxd_err rc;
    if (from_id == into_id) {
        rc = tcxd_fail(e, TCXD_ERULE, "into", "cannot merge an organization into itself");
        goto out;
    }
    if ((rc = store_org_get(st, into_id, date, &into, e)) ||
        (rc = store_scope_check_write(st, into_id, date, "into", e)) ||
        (rc = store_scope_check_not_root(st, from_id, "org", e)) ||
        (rc = op_begin(st, from_id, date, decision_no, &from, &dec, e)))
        goto out;
    if ((rc = check_no_cycle(st, from_id, into_id, date, e)) ||
        (rc = children_at(st, from_id, date, &kids, e)) ||
        (rc = members_at(st, from_id, date, &mem, e)))
        goto fail;
    if (mem.n && !org_holds_members(into.tier, into.form)) {
        rc = tcxd_fail(e, TCXD_ERULE, "into",
                       "'%s' has members and '%s' is not a chi bộ: merge into a chi bộ", from.code,
                       into.code);
        goto fail;
    }
    char detail[2200];
    snprintf(detail, sizeof(detail), "%s → %s", from.name, into.name);
    for (size_t i = 0; i < kids.n; i++) {
        struct org_info k;
        struct org_shape is = {into.tier, into.form, into.base_type}, ks;
        if ((rc = store_org_get(st, kids.v[i], date, &k, e)))
            goto fail;
        ks = (struct org_shape){k.tier, k.form, k.base_type};
        if ((rc = org_check_placement(date, &is, &ks, e)) ||
            (rc = new_version(st, k.id, date, into_id, k.name, &ks, e)) ||
            (rc = add_event(st, k.id, "move", date, dec.ptr, into_id, detail, e)))
            goto fail;
    }
    if ((rc = move_members(st, &mem, into_id, date, dec.ptr, detail, e)) ||
        (rc = end_org(st, from_id, date, e)) ||
        (rc = add_event(st, from_id, "merged_into", date, dec.ptr, into_id, detail, e)) ||
        (rc = add_event(st, into_id, "merge_in", date, dec.ptr, from_id, detail, e)) ||
        (rc = op_finish(st, who, "org.merge", from_id, &from, date, e)))
        goto fail;
    goto out;
fail:
    store_rollback(st);
out:
    id_list_release(&kids);
    id_list_release(&mem);
    buf_release(&dec);
    return rc;
}

enum tcxd_err store_org_dissolve(struct store *st, const struct store_actor *who, int64_t id,
                                 int64_t members_to, tcxd_date date, const char *decision_no,
                                 struct tcxd_error *e)
{
    struct buf dec = BUF_INIT;
    struct org_info o, to;
    struct id_list kids = {0}, mem = {0};
    enum tcxd_err rc;
    memset(&to, 0, sizeof(to));
    if (members_to == id) {
        rc = tcxd_fail(e, TCXD_ERULE, "members_to",
                       "members must move to another chi bộ, not the one being dissolved");
        goto out;
    }
    if ((members_to && ((rc = store_org_get(st, members_to, date, &to, e)) ||
                        (rc = store_scope_check_write(st, members_to, date, "members_to", e)))) ||
        (rc = store_scope_check_not_root(st, id, "org", e)))
        goto out;
    if ((rc = op_begin(st, id, date, decision_no, &o, &dec, e)))
        goto out;
    if ((rc = children_at(st, id, date, &kids, e)) || (rc = members_at(st, id, date, &mem, e)))
        goto fail;
    if (kids.n) {
        rc = tcxd_fail(e, TCXD_ERULE, "org",
                       "'%s' still has %zu child organizations: move, merge or dissolve them first",
                       o.code, kids.n);
        goto fail;
    }
    if (mem.n && !members_to) {
        rc = tcxd_fail(e, TCXD_ERULE, "members_to",
                       "'%s' has %zu members: name the chi bộ they move to", o.code, mem.n);
        goto fail;
    }
    if (mem.n && !org_holds_members(to.tier, to.form)) {
        rc = tcxd_fail(e, TCXD_ERULE, "members_to", "'%s' is not a chi bộ", to.code);
        goto fail;
    }
    char detail[2200];
    snprintf(detail, sizeof(detail), "giải thể %s", o.name);
    if ((rc = move_members(st, &mem, members_to, date, dec.ptr, detail, e)) ||
        (rc = end_org(st, id, date, e)) ||
        (rc = add_event(st, id, "dissolve", date, dec.ptr, members_to, detail, e)) ||
        (rc = op_finish(st, who, "org.dissolve", id, &o, date, e)))
        goto fail;
    goto out;
fail:
    store_rollback(st);
out:
    id_list_release(&kids);
    id_list_release(&mem);
    buf_release(&dec);
    return rc;
}

enum tcxd_err store_org_history(struct store *st, int64_t id,
                                void (*fn)(void *ctx, const struct org_event_info *ev), void *ctx,
                                struct tcxd_error *e)
{
    /* Read every row before calling fn: callers look up the other organization of an event
       (its scope, its name), which may read another organization's history, and that reuses
       this statement: stepping on after it would list the other's events as this one's. */
    struct org_event_info *evs = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_EVENTS);
    sqlite3_bind_int64(s, 1, id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        ALLOC_GROW(evs, n + 1, cap);
        struct org_event_info *ev = &evs[n++];
        ev->date = store_column_date(s, 0);
        store_column_copy(s, 1, ev->kind, sizeof(ev->kind));
        store_column_copy(s, 2, ev->decision_no, sizeof(ev->decision_no));
        ev->other_org_id = sqlite3_column_int64(s, 3);
        store_column_copy(s, 4, ev->detail, sizeof(ev->detail));
    }
    sqlite3_reset(s);
    enum tcxd_err out =
        rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading organization history");
    for (size_t i = 0; !out && i < n; i++)
        fn(ctx, &evs[i]);
    free(evs);
    return out;
}

static int cmp_node_code(const void *a, const void *b)
{
    return strcmp((*(const struct org_node *const *)a)->code,
                  (*(const struct org_node *const *)b)->code);
}

/* Puts the nodes in code order (before org_tree_link): rows come in table order, which is
   usually close to it, so check first; sort pointers rather than the nodes themselves. */
static void sort_by_code(struct org_tree *t)
{
    size_t i = 1;
    while (i < t->n && strcmp(t->nodes[i - 1].code, t->nodes[i].code) <= 0)
        i++;
    if (i >= t->n)
        return;
    struct org_node **p = xmalloc(t->n * sizeof(*p));
    for (i = 0; i < t->n; i++)
        p[i] = &t->nodes[i];
    qsort(p, t->n, sizeof(*p), cmp_node_code);
    /* position i takes the node at src[i]: apply the permutation in place, cycle by cycle
       (src[j] = j marks a place done), rather than copying every node to a new array */
    size_t *src = xmalloc(t->n * sizeof(*src));
    for (i = 0; i < t->n; i++)
        src[i] = (size_t)(p[i] - t->nodes);
    free(p);
    for (i = 0; i < t->n; i++) {
        if (src[i] == i)
            continue;
        struct org_node tmp = t->nodes[i];
        size_t j = i;
        while (src[j] != i) {
            size_t k = src[j];
            t->nodes[j] = t->nodes[k];
            src[j] = j;
            j = k;
        }
        t->nodes[j] = tmp;
        src[j] = j;
    }
    free(src);
}

static enum tcxd_err tree_load(struct store *st, tcxd_date as_of, int64_t root, struct org_tree *t,
                               struct tcxd_error *e)
{
    org_tree_init(t, as_of);
    sqlite3_stmt *s = store_stmt(st, root ? STMT_ORG_SUBTREE_ASOF : STMT_ORG_TREE_ASOF);
    store_bind_date(s, 1, as_of);
    if (root)
        sqlite3_bind_int64(s, 2, root);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        org_tree_add(
            t, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
            (enum org_tier)sqlite3_column_int(s, 2), (enum org_form)sqlite3_column_int(s, 3),
            (enum org_base_type)sqlite3_column_int(s, 4), (const char *)sqlite3_column_text(s, 5),
            (const char *)sqlite3_column_text(s, 6));
    }
    if (rc != SQLITE_DONE) {
        org_tree_release(t);
        return store_db_error(st, e, "loading the organization tree");
    }
    /* children are linked in node order, which is code order (the subtree query sorts) */
    if (!root)
        sort_by_code(t);
    org_tree_link(t);
    return TCXD_OK;
}

enum tcxd_err store_tree_load(struct store *st, tcxd_date as_of, struct org_tree *t,
                              struct tcxd_error *e)
{
    return tree_load(st, as_of, 0, t, e);
}

enum tcxd_err store_tree_load_subtree(struct store *st, tcxd_date as_of, int64_t root,
                                      struct org_tree *t, struct tcxd_error *e)
{
    return tree_load(st, as_of, root, t, e);
}

enum tcxd_err store_org_search(struct store *st, const char *query, tcxd_date as_of, int limit,
                               void (*fn)(void *ctx, int64_t id), void *ctx, struct tcxd_error *e)
{
    struct buf fold = BUF_INIT, pat = BUF_INIT;
    text_fold(query, &fold);
    buf_addch(&pat, '%');
    for (size_t i = 0; i < fold.len; i++) {
        if (fold.ptr[i] == '%' || fold.ptr[i] == '_' || fold.ptr[i] == '\\')
            buf_addch(&pat, '\\');
        buf_addch(&pat, fold.ptr[i]);
    }
    buf_addch(&pat, '%');
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_SEARCH);
    store_bind_text(s, 1, pat.ptr);
    store_bind_date(s, 2, as_of);
    sqlite3_bind_int(s, 3, limit > 0 ? limit : 50);
    int rc;
    bool today = as_of == date_today();
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(s, 0); /* alive on as_of: in the scope then? */
        if (today ? store_scope_org_today(st, id) : store_scope_org_on(st, id, as_of))
            fn(ctx, id);
    }
    buf_release(&fold);
    buf_release(&pat);
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "searching organizations");
}
