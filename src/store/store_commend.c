/*
 * store_commend.c - commendations of party organizations (see store_commend.h).
 */
#include "store/store_commend.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_scope.h"
#include "text/text.h"

static void row(sqlite3_stmt *s, struct org_commendation *c)
{
    memset(c, 0, sizeof(*c));
    c->id = sqlite3_column_int64(s, 0);
    c->org_id = sqlite3_column_int64(s, 1);
    c->date = store_column_date(s, 2);
    c->form = (enum commend_form)sqlite3_column_int(s, 3);
    store_column_copy(s, 4, c->decision_no, sizeof(c->decision_no));
    store_column_copy(s, 5, c->detail, sizeof(c->detail));
}

char *store_org_commendation_json_text(const struct org_commendation *c)
{
    char d[DATE_ISO_LEN];
    date_format_iso(c->date, d);
    json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)c->id, "org_id",
                          (json_int_t)c->org_id, "date", d, "form", commend_form_name(c->form),
                          "decision_no", c->decision_no, "detail", c->detail);
    char *out = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    return out;
}

enum tcxd_err store_org_commend(struct store *st, const struct store_actor *who, int64_t org_id,
                                tcxd_date date, enum commend_form form, const char *decision_no,
                                const char *detail, int64_t *id_out, struct tcxd_error *e)
{
    struct buf dec = BUF_INIT, det = BUF_INIT;
    struct org_info o;
    enum tcxd_err rc;
    char *after = NULL;
    const char *dn = decision_no ? decision_no : "", *dt = detail ? detail : "";
    if (date == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "date", "the decision date is missing");
    if (date > date_today()) {
        char s[DATE_ISO_LEN];
        date_format_vn(date, s);
        return tcxd_fail(e, TCXD_EINVAL, "date", "date %s is in the future", s);
    }
    if ((unsigned)form >= COMMEND__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "form", "invalid commendation form %d", (int)form);
    if ((rc = text_clean(dn, strlen(dn), 100, true, "decision_no", &dec, e)) ||
        (rc = text_clean(dt, strlen(dt), 500, true, "reason", &det, e)))
        goto out;
    if (store_org_get(st, org_id, date, &o, NULL)) {
        char s[DATE_ISO_LEN];
        date_format_vn(date, s);
        rc = tcxd_fail(e, TCXD_ERULE, "org", "organization #%lld did not exist on %s",
                       (long long)org_id, s);
        goto out;
    }
    if ((store_scoped(st) && (rc = store_scope_check_write(st, org_id, date, "org", e))) ||
        (rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_COMMEND_INSERT);
    sqlite3_bind_int64(s, 1, org_id);
    store_bind_date(s, 2, date);
    sqlite3_bind_int(s, 3, (int)form);
    store_bind_text(s, 4, dec.ptr);
    store_bind_text(s, 5, det.ptr);
    if ((rc = store_step_done(st, s, e, "recording the commendation")))
        goto fail;
    struct org_commendation c = {
        .id = sqlite3_last_insert_rowid(st->db), .org_id = org_id, .date = date, .form = form};
    snprintf(c.decision_no, sizeof(c.decision_no), "%s", dec.ptr);
    snprintf(c.detail, sizeof(c.detail), "%s", det.ptr);
    after = store_org_commendation_json_text(&c);
    if ((rc = store_audit(st, who, "org.commend", "org", org_id, org_id, NULL, after, e)) ||
        (rc = store_commit(st, e)))
        goto fail;
    if (id_out)
        *id_out = c.id;
    goto out;
fail:
    store_rollback(st);
out:
    free(after);
    buf_release(&dec);
    buf_release(&det);
    return rc;
}

enum tcxd_err store_org_commendations(struct store *st, int64_t org_id,
                                      void (*fn)(void *ctx, const struct org_commendation *c),
                                      void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_COMMEND_LIST);
    sqlite3_bind_int64(s, 1, org_id);
    int r;
    struct org_commendation c;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        row(s, &c);
        fn(ctx, &c);
    }
    sqlite3_reset(s);
    if (r != SQLITE_DONE)
        return store_db_error(st, e, "reading the commendations");
    return TCXD_OK;
}

enum tcxd_err store_org_commendations_between(struct store *st, tcxd_date from, tcxd_date to,
                                              void (*fn)(void *ctx,
                                                         const struct org_commendation *c),
                                              void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_COMMEND_PERIOD);
    store_bind_date(s, 1, from);
    store_bind_date(s, 2, to);
    int r;
    struct org_commendation c;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        row(s, &c);
        fn(ctx, &c);
    }
    sqlite3_reset(s);
    if (r != SQLITE_DONE)
        return store_db_error(st, e, "reading the commendations");
    return TCXD_OK;
}

enum tcxd_err store_org_commend_cancel(struct store *st, const struct store_actor *who,
                                       int64_t org_id, int64_t id, const char *reason,
                                       struct tcxd_error *e)
{
    struct buf why = BUF_INIT;
    const char *r = reason ? reason : "";
    char *before = NULL;
    enum tcxd_err rc;
    if ((rc = text_clean(r, strlen(r), 500, false, "reason", &why, e)))
        goto out; /* text_clean may have grown why before refusing */
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_COMMEND_GET);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, org_id);
    struct org_commendation c;
    bool found = sqlite3_step(s) == SQLITE_ROW;
    if (found)
        row(s, &c);
    sqlite3_reset(s);
    if (!found) {
        rc = tcxd_fail(e, TCXD_ENOTFOUND, "commendation",
                       "organization #%lld has no commendation #%lld", (long long)org_id,
                       (long long)id);
        goto out;
    }
    if ((store_scoped(st) && (rc = store_scope_check_write(st, org_id, c.date, "org", e))) ||
        (rc = store_begin(st, e)))
        goto out;
    s = store_stmt(st, STMT_ORG_COMMEND_DELETE);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, org_id);
    before = store_org_commendation_json_text(&c);
    json_t *aj = json_pack("{s:s}", "reason", why.ptr);
    char *after = aj ? json_dumps(aj, JSON_COMPACT) : NULL;
    json_decref(aj);
    rc = store_step_done(st, s, e, "cancelling the commendation");
    if (!rc)
        rc = store_audit(st, who, "org.commend.cancel", "org", org_id, org_id, before, after, e);
    free(after);
    if (rc || (rc = store_commit(st, e)))
        store_rollback(st);
out:
    free(before);
    buf_release(&why);
    return rc;
}
