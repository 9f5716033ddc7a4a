/*
 * store_weak.c - weak organizations (tổ chức đảng yếu kém) in the database (see store_review.h):
 * the lists they are kept on (told apart by their basis), consolidation plans and dates, and the
 * lists over a subtree and a range of years.
 */
#include "store/store_review.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_review_internal.h"
#include "util/xmalloc.h"
#include "util/banned.h"

/* ---- weak organizations ------------------------------------------------------------------- */

static const struct {
    const char *name, *label;
} weak_states[WEAK_STATUS__MAX] = {
    [WEAK_OPEN] = {"open", "Chưa củng cố"},
    [WEAK_IN_PROGRESS] = {"in_progress", "Đang củng cố"},
    [WEAK_CONSOLIDATED] = {"consolidated", "Đã củng cố"},
};

const char *weak_status_name(enum weak_status s)
{
    return (unsigned)s < WEAK_STATUS__MAX ? weak_states[s].name : "";
}

const char *weak_status_label(enum weak_status s)
{
    return (unsigned)s < WEAK_STATUS__MAX ? weak_states[s].label : "";
}

enum tcxd_err weak_status_parse(const char *s, enum weak_status *out, struct tcxd_error *e)
{
    for (int i = 0; s && i < WEAK_STATUS__MAX; i++)
        if (!strcmp(s, weak_states[i].name) || !strcmp(s, weak_states[i].label)) {
            *out = (enum weak_status)i;
            return TCXD_OK;
        }
    return tcxd_fail(e, TCXD_EINVAL, "status",
                     "unknown consolidation status '%s' (open, in_progress, consolidated)",
                     s ? s : "");
}

static void weak_row(sqlite3_stmt *s, struct weak_org_row *w)
{
    memset(w, 0, sizeof(*w));
    w->id = sqlite3_column_int64(s, 0);
    w->org_id = sqlite3_column_int64(s, 1);
    w->year = sqlite3_column_int(s, 2);
    store_column_copy(s, 3, w->source, sizeof(w->source));
    store_column_copy(s, 4, w->plan, sizeof(w->plan));
    store_column_copy(s, 5, w->responsible, sizeof(w->responsible));
    w->deadline = store_column_date(s, 6);
    struct tcxd_error ig;
    if (weak_status_parse((const char *)sqlite3_column_text(s, 7), &w->status, &ig))
        w->status = WEAK_OPEN;
    w->consolidated_on = store_column_date(s, 8);
    store_column_copy(s, 9, w->code, sizeof(w->code));
    store_column_copy(s, 10, w->name, sizeof(w->name));
    store_column_copy(s, 11, w->basis, sizeof(w->basis));
    w->listed_on = store_column_date(s, 12);
}

enum tcxd_err store_weak_get(struct store *st, int64_t id, struct weak_org_row *out,
                             struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_WEAK_GET);
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        weak_row(s, out);
        sqlite3_reset(s);
        return TCXD_OK;
    }
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading a weak organization");
    return tcxd_fail(e, TCXD_ENOTFOUND, "id", "no weak organization entry #%lld", (long long)id);
}

static json_t *weak_json(const struct weak_org_row *w)
{
    char dl[DATE_ISO_LEN], co[DATE_ISO_LEN];
    date_format_iso(w->deadline, dl);
    date_format_iso(w->consolidated_on, co);
    char lo[DATE_ISO_LEN];
    date_format_iso(w->listed_on, lo);
    return json_pack("{s:I, s:I, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
                     (json_int_t)w->id, "org_id", (json_int_t)w->org_id, "year", w->year, "basis",
                     w->basis, "source", w->source, "plan", w->plan, "responsible", w->responsible,
                     "deadline", dl, "status", weak_status_name(w->status), "consolidated_on", co,
                     "listed_on", lo);
}

/* Applies req onto w (cleaned), checking the fields. */
static enum tcxd_err weak_apply(const struct weak_org_req *req, struct weak_org_row *w,
                                struct tcxd_error *e)
{
    struct buf b = BUF_INIT;
    enum tcxd_err rc = TCXD_OK;
    if (req->plan) {
        if ((rc = review_clean(req->plan, 2000, "plan", &b, e)))
            goto out;
        snprintf(w->plan, sizeof(w->plan), "%s", b.ptr);
    }
    if (req->responsible) {
        if ((rc = review_clean(req->responsible, 200, "responsible", &b, e)))
            goto out;
        snprintf(w->responsible, sizeof(w->responsible), "%s", b.ptr);
    }
    if (req->deadline != DATE_NONE)
        w->deadline = req->deadline;
    if (req->status >= 0) {
        if (req->status >= WEAK_STATUS__MAX)
            BUG("weak status %d", req->status);
        w->status = (enum weak_status)req->status;
    }
    if (w->status == WEAK_CONSOLIDATED) {
        if (req->consolidated_on != DATE_NONE)
            w->consolidated_on = req->consolidated_on;
        else if (w->consolidated_on == DATE_NONE)
            w->consolidated_on = date_today();
        if (w->consolidated_on > date_today()) {
            char d[DATE_ISO_LEN];
            date_format_vn(w->consolidated_on, d);
            rc = tcxd_fail(e, TCXD_EINVAL, "consolidated_on",
                           "consolidation date %s is in the future", d);
        }
    } else {
        if (req->consolidated_on != DATE_NONE)
            rc = tcxd_fail(e, TCXD_EINVAL, "consolidated_on",
                           "a consolidation date needs the status consolidated");
        w->consolidated_on = DATE_NONE;
    }
out:
    buf_release(&b);
    return rc;
}

enum tcxd_err store_weak_add(struct store *st, const struct store_actor *who, int64_t org_id,
                             int year, const struct weak_org_req *req, int64_t *id_out,
                             struct tcxd_error *e)
{
    struct weak_org_row w;
    struct org_info o;
    enum tcxd_err rc;
    const struct review_ruleset *rs;
    memset(&w, 0, sizeof(w));
    w.deadline = w.consolidated_on = DATE_NONE;
    w.status = WEAK_OPEN;
    struct buf basis = BUF_INIT;
    if ((rc = review_ruleset_for_year(year, &rs, e)) ||
        (rc = store_org_get(st, org_id, review_report_date(year), &o, e)) ||
        (rc = store_scope_check_write(st, org_id, review_report_date(year), "org_id", e)) ||
        (rc = weak_apply(req, &w, e)) || (rc = review_clean(req->basis, 200, "basis", &basis, e)))
        goto out;
    snprintf(w.basis, sizeof(w.basis), "%s", basis.ptr);
    w.listed_on = req->listed_on;
    if (w.listed_on != DATE_NONE && w.listed_on > date_today()) {
        char d[DATE_ISO_LEN];
        date_format_vn(w.listed_on, d);
        rc = tcxd_fail(e, TCXD_EINVAL, "listed_on", "listing date %s is in the future", d);
        goto out;
    }
    if ((rc = store_begin(st, e)))
        goto out;
    w.org_id = org_id;
    w.year = year;
    snprintf(w.source, sizeof(w.source), "flagged");
    sqlite3_stmt *s = store_stmt(st, STMT_WEAK_FIND);
    sqlite3_bind_int64(s, 1, org_id);
    sqlite3_bind_int(s, 2, year);
    store_bind_text(s, 3, w.basis);
    if (sqlite3_step(s) == SQLITE_ROW) {
        rc = tcxd_fail(e, TCXD_ECONFLICT, "org", "%s is already listed for %d (entry #%lld)",
                       o.code, year, (long long)sqlite3_column_int64(s, 0));
        sqlite3_reset(s);
        goto fail;
    }
    sqlite3_reset(s);
    char at[32];
    review_now_iso(at);
    s = store_stmt(st, STMT_WEAK_INSERT);
    sqlite3_bind_int64(s, 1, org_id);
    sqlite3_bind_int(s, 2, year);
    store_bind_text(s, 3, w.source);
    store_bind_text(s, 4, w.plan);
    store_bind_text(s, 5, w.responsible);
    store_bind_date(s, 6, w.deadline);
    store_bind_text(s, 7, weak_status_name(w.status));
    store_bind_date(s, 8, w.consolidated_on);
    store_bind_text(s, 9, at);
    store_bind_text(s, 10, w.basis);
    store_bind_date(s, 11, w.listed_on);
    if ((rc = store_step_done(st, s, e, "listing the weak organization")))
        goto fail;
    w.id = sqlite3_last_insert_rowid(st->db);
    char *after = review_json_text(weak_json(&w));
    rc = store_audit(st, who, "review.weak_add", "weak_org", w.id, org_id, NULL, after, e);
    free(after);
    if (rc || (rc = store_commit(st, e)))
        goto fail;
    if (id_out)
        *id_out = w.id;
    goto out;
fail:
    store_rollback(st);
out:
    buf_release(&basis);
    return rc;
}

enum tcxd_err store_weak_update(struct store *st, const struct store_actor *who, int64_t id,
                                const struct weak_org_req *req, struct tcxd_error *e)
{
    struct weak_org_row w;
    enum tcxd_err rc;
    if ((rc = store_begin(st, e)))
        return rc;
    if ((rc = store_weak_get(st, id, &w, e)))
        goto fail;
    char *before = review_json_text(weak_json(&w));
    if ((rc = weak_apply(req, &w, e))) {
        free(before);
        goto fail;
    }
    char at[32];
    review_now_iso(at);
    sqlite3_stmt *s = store_stmt(st, STMT_WEAK_UPDATE);
    sqlite3_bind_int64(s, 1, id);
    store_bind_text(s, 2, w.plan);
    store_bind_text(s, 3, w.responsible);
    store_bind_date(s, 4, w.deadline);
    store_bind_text(s, 5, weak_status_name(w.status));
    store_bind_date(s, 6, w.consolidated_on);
    store_bind_text(s, 7, at);
    rc = store_step_done(st, s, e, "updating the weak organization");
    char *after = review_json_text(weak_json(&w));
    if (!rc)
        rc = store_audit(st, who, "review.weak_update", "weak_org", id, w.org_id, before, after, e);
    free(before);
    free(after);
    if (rc || (rc = store_commit(st, e)))
        goto fail;
    return TCXD_OK;
fail:
    store_rollback(st);
    return rc;
}

enum tcxd_err store_weak_list(struct store *st, int64_t root, int year_from, int year_to,
                              void (*fn)(void *ctx, const struct weak_org_row *w), void *ctx,
                              struct tcxd_error *e)
{
    if (year_from > year_to)
        return tcxd_fail(e, TCXD_EINVAL, "year_from", "years %d..%d are reversed", year_from,
                         year_to);
    if (year_to - year_from > 50)
        return tcxd_fail(e, TCXD_EINVAL, "year_from", "a period of at most 50 years");
    struct weak_org_row *rows = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_WEAK_YEARS);
    sqlite3_bind_int(s, 1, year_from);
    sqlite3_bind_int(s, 2, year_to);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        ALLOC_GROW(rows, n + 1, cap);
        weak_row(s, &rows[n++]);
    }
    enum tcxd_err rc = TCXD_OK;
    if (r != SQLITE_DONE)
        rc = store_db_error(st, e, "listing weak organizations");
    /* each entry is placed in the tree of its own year */
    struct org_tree t;
    int loaded = 0;
    uint32_t rt = TREE_NONE;
    for (size_t i = 0; i < n && !rc; i++) {
        if (rows[i].year != loaded) {
            if (loaded)
                org_tree_release(&t);
            if ((rc = store_tree_load(st, review_report_date(rows[i].year), &t, e))) {
                loaded = 0;
                break;
            }
            loaded = rows[i].year;
            rt = org_tree_find(&t, root);
        }
        uint32_t x = org_tree_find(&t, rows[i].org_id);
        if (rt != TREE_NONE && x != TREE_NONE && org_tree_in_subtree(&t, rt, x))
            fn(ctx, &rows[i]);
    }
    if (loaded)
        org_tree_release(&t);
    free(rows);
    return rc;
}
