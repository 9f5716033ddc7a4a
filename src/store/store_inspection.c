/*
 * store_inspection.c - inspections, supervision, discipline and appeals (see store_inspection.h).
 */
#include "store/store_inspection.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

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

static enum tcxd_err org_on(struct store *st, int64_t id, tcxd_date on, const char *field,
                            struct org_info *o, struct tcxd_error *e)
{
    enum tcxd_err rc = store_org_get(st, id, on, o, e);
    if (rc == TCXD_ENOTFOUND) {
        char d[DATE_ISO_LEN];
        date_format_vn(on, d);
        return tcxd_fail(e, TCXD_ENOTFOUND, field, "organization #%lld did not exist on %s",
                         (long long)id, d);
    }
    return rc;
}

/* The chi bộ a member was registered in on `on` (0 when none). */
static int64_t registered_on(struct store *st, int64_t member_id, tcxd_date on)
{
    sqlite3_stmt *s = store_stmt(st, STMT_MEMBER_REGISTERED_ON);
    sqlite3_bind_int64(s, 1, member_id);
    store_bind_date(s, 2, on);
    int64_t org = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return org;
}

/* ---- inspections ---- */

enum tcxd_err store_inspection_add(struct store *st, const struct store_actor *who,
                                   const struct inspection_req *req, tcxd_date today,
                                   int64_t *id_out, struct tcxd_error *e)
{
    struct buf team = BUF_INIT, dec = BUF_INIT;
    struct org_info body, o;
    enum tcxd_err rc;
    if ((unsigned)req->kind >= INSP_KIND__MAX || (unsigned)req->body >= INSP_BODY__MAX) {
        rc = tcxd_fail(e, TCXD_EINVAL, "kind", "invalid inspection kind or body");
        goto out;
    }
    if (req->start == DATE_NONE || req->start > today) {
        rc = tcxd_fail(e, TCXD_EINVAL, "start", "the start date is missing or in the future");
        goto out;
    }
    if (!req->norgs && !req->nmembers) {
        rc = tcxd_fail(e, TCXD_EINVAL, "orgs", "an inspection needs at least one subject");
        goto out;
    }
    if ((rc = clean(req->team, INSPECTION_TEAM_MAX, "team", &team, e)) ||
        (rc = clean(req->decision_no, INSPECTION_DOC_MAX, "decision_no", &dec, e)) ||
        (rc = inspection_dates_check(req->start, req->end, DATE_NONE, today, e)) ||
        (rc = org_on(st, req->body_org_id, req->start, "body_org_id", &body, e)))
        goto out;
    if (req->body == INSP_BODY_DOAN && !team.len) {
        rc = tcxd_fail(e, TCXD_EINVAL, "team", "an inspection team needs its name");
        goto out;
    }
    if (req->plan_item_id) {
        struct inspection_plan_item item;
        if ((rc = store_inspection_plan_item_get(st, req->plan_item_id, &item, e)) ||
            (rc = inspection_plan_match_check(item.kind, item.year, req->kind, req->start, e)))
            goto out;
        if (item.body_org_id != req->body_org_id) {
            rc = tcxd_fail(e, TCXD_ERULE, "plan_item_id",
                           "plan item #%lld is of organization #%lld, not of #%lld",
                           (long long)item.id, (long long)item.body_org_id,
                           (long long)req->body_org_id);
            goto out;
        }
    }
    /* a scoped handle writes only for its subtree, then and now: the body and every subject */
    if ((rc = store_scope_check_write(st, req->body_org_id, req->start, "body_org_id", e)))
        goto out;
    for (size_t i = 0; i < req->norgs; i++)
        if ((rc = org_on(st, req->orgs[i], req->start, "orgs", &o, e)) ||
            (rc = store_scope_check_write(st, req->orgs[i], req->start, "orgs", e)))
            goto out;
    for (size_t i = 0; i < req->nmembers; i++) {
        struct member_info m;
        if ((rc = store_member_get(st, req->members[i], &m, e)))
            goto out;
        int64_t at = registered_on(st, req->members[i], req->start);
        if (at && (rc = store_scope_check_write(st, at, req->start, "members", e)))
            goto out;
        if (!at) {
            char d[DATE_ISO_LEN];
            date_format_vn(req->start, d);
            rc = tcxd_fail(e, TCXD_ERULE, "members", "member #%lld was not a member on %s",
                           (long long)req->members[i], d);
            goto out;
        }
    }
    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_INSPECTION_INSERT);
    sqlite3_bind_int(s, 1, req->kind);
    sqlite3_bind_int(s, 2, req->body);
    sqlite3_bind_int64(s, 3, req->body_org_id);
    store_bind_text(s, 4, team.ptr);
    sqlite3_bind_int(s, 5, (int)req->areas);
    store_bind_date(s, 6, req->start);
    store_bind_date(s, 7, req->end);
    store_bind_text(s, 8, dec.ptr);
    if (req->plan_item_id)
        sqlite3_bind_int64(s, 9, req->plan_item_id);
    if ((rc = store_step_done(st, s, e, "recording the inspection")))
        goto fail;
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *orgs = json_array(), *members = json_array();
    for (size_t i = 0; i < req->norgs + req->nmembers && !rc; i++) {
        bool org = i < req->norgs;
        s = store_stmt(st, STMT_INSPECTION_SUBJECT_INSERT);
        sqlite3_bind_int64(s, 1, id);
        if (org)
            sqlite3_bind_int64(s, 2, req->orgs[i]);
        else
            sqlite3_bind_int64(s, 3, req->members[i - req->norgs]);
        rc = store_step_done(st, s, e, "recording the subjects");
        json_array_append_new(org ? orgs : members,
                              json_integer(org ? req->orgs[i] : req->members[i - req->norgs]));
    }
    for (size_t i = 0; i < req->nteam && !rc; i++) {
        const char *m = req->team_members[i], *bar = strchr(m, '|');
        struct buf name = BUF_INIT, role = BUF_INIT;
        if (!(rc = text_clean(m, bar ? (size_t)(bar - m) : strlen(m), 200, false, "team_members",
                              &name, e)) &&
            !(rc = clean(bar ? bar + 1 : "", 200, "team_members", &role, e))) {
            s = store_stmt(st, STMT_INSPECTION_TEAM_INSERT);
            sqlite3_bind_int64(s, 1, id);
            store_bind_text(s, 2, name.ptr);
            store_bind_text(s, 3, role.ptr);
            rc = store_step_done(st, s, e, "recording the team");
        }
        buf_release(&name);
        buf_release(&role);
    }
    if (rc) {
        json_decref(orgs);
        json_decref(members);
        goto fail;
    }
    json_t *after = json_pack(
        "{s:s, s:s, s:I, s:s, s:I, s:o, s:o, s:o, s:o}", "kind", inspection_kind_name(req->kind),
        "body", inspection_body_name(req->body), "body_org_id", (json_int_t)req->body_org_id,
        "team", team.ptr, "areas", (json_int_t)req->areas, "start", json_date(req->start), "end",
        json_date(req->end), "orgs", orgs, "members", members);
    if (!(rc = audit_commit(st, who, "inspection.add", "inspection", id, req->body_org_id, after,
                            e)) &&
        id_out)
        *id_out = id;
    goto out;
fail:
    store_rollback(st);
out:
    buf_release(&team);
    buf_release(&dec);
    return rc;
}

static void inspection_row(sqlite3_stmt *s, struct inspection_info *i)
{
    memset(i, 0, sizeof(*i));
    i->id = sqlite3_column_int64(s, 0);
    i->kind = (enum inspection_kind)sqlite3_column_int(s, 1);
    i->body = (enum inspection_body)sqlite3_column_int(s, 2);
    i->body_org_id = sqlite3_column_int64(s, 3);
    store_column_copy(s, 4, i->team, sizeof(i->team));
    i->areas = (unsigned)sqlite3_column_int(s, 5);
    i->start = store_column_date(s, 6);
    i->end = store_column_date(s, 7);
    i->concluded_on = store_column_date(s, 8);
    i->conclusion = (enum inspection_conclusion)sqlite3_column_int(s, 9);
    store_column_copy(s, 10, i->findings, sizeof(i->findings));
    store_column_copy(s, 11, i->follow_up, sizeof(i->follow_up));
    store_column_copy(s, 12, i->decision_no, sizeof(i->decision_no));
    i->plan_item_id = sqlite3_column_int64(s, 13);
}

static void count_subjects(struct store *st, struct inspection_info *i)
{
    sqlite3_stmt *s = store_stmt(st, STMT_INSPECTION_SUBJECTS);
    sqlite3_bind_int64(s, 1, i->id);
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (sqlite3_column_type(s, 0) != SQLITE_NULL)
            i->norgs++;
        else
            i->nmembers++;
    }
    sqlite3_reset(s);
}

enum tcxd_err store_inspection_get(struct store *st, int64_t id, struct inspection_info *out,
                                   struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_INSPECTION_GET);
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        inspection_row(s, out);
    sqlite3_reset(s);
    /* a scoped handle sees the inspections of bodies in today's subtree */
    if (rc == SQLITE_ROW && store_scope_org_today(st, out->body_org_id)) {
        count_subjects(st, out);
        return TCXD_OK;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_db_error(st, e, "reading the inspection");
    return tcxd_fail(e, TCXD_ENOTFOUND, "inspection", "no inspection #%lld", (long long)id);
}

enum tcxd_err store_inspection_conclude(struct store *st, const struct store_actor *who, int64_t id,
                                        enum inspection_conclusion c, tcxd_date concluded_on,
                                        const char *findings, const char *follow_up,
                                        tcxd_date today, struct tcxd_error *e)
{
    struct buf fb = BUF_INIT, ub = BUF_INIT;
    struct inspection_info *i = xmalloc(sizeof(*i));
    enum tcxd_err rc;
    if ((unsigned)c >= INSP_CONCLUSION__MAX || c == INSP_PENDING) {
        rc = tcxd_fail(e, TCXD_EINVAL, "conclusion", "a conclusion is required");
        goto out;
    }
    if ((rc = clean(findings, INSPECTION_TEXT_MAX, "findings", &fb, e)) ||
        (rc = clean(follow_up, INSPECTION_TEXT_MAX, "follow_up", &ub, e)) ||
        (rc = store_inspection_get(st, id, i, e)) ||
        (rc = inspection_dates_check(
             i->start, i->end != DATE_NONE && i->end < concluded_on ? DATE_NONE : i->end,
             concluded_on, today, e)))
        goto out;
    if ((rc = store_scope_check_write(st, i->body_org_id, concluded_on, "id", e)))
        goto out;
    if (i->conclusion != INSP_PENDING) {
        rc = tcxd_fail(e, TCXD_ERULE, "conclusion", "inspection #%lld is already concluded",
                       (long long)id);
        goto out;
    }
    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_INSPECTION_CONCLUDE);
    sqlite3_bind_int64(s, 1, id);
    store_bind_date(s, 2, concluded_on);
    sqlite3_bind_int(s, 3, c);
    store_bind_text(s, 4, fb.ptr);
    store_bind_text(s, 5, ub.ptr);
    if ((rc = store_step_done(st, s, e, "recording the conclusion"))) {
        store_rollback(st);
        goto out;
    }
    json_t *after =
        json_pack("{s:s, s:o, s:s, s:s}", "conclusion", inspection_conclusion_name(c),
                  "concluded_on", json_date(concluded_on), "findings", fb.ptr, "follow_up", ub.ptr);
    rc = audit_commit(st, who, "inspection.conclude", "inspection", id, i->body_org_id, after, e);
out:
    free(i);
    buf_release(&fb);
    buf_release(&ub);
    return rc;
}

/* Is `org` in root's subtree, judged on the tree t, or (an organization that ended before t's
   day) on the tree of `on`, loaded into *alt once per call site? */
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

enum tcxd_err store_inspection_list(struct store *st, const struct org_tree *t, uint32_t root,
                                    tcxd_date from, tcxd_date to,
                                    void (*fn)(void *ctx, const struct inspection_info *i),
                                    void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_INSPECTION_IN_PERIOD);
    store_bind_date(s, 1, from);
    store_bind_date(s, 2, to);
    struct inspection_info *rows = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            rows = xrealloc(rows, cap * sizeof(*rows));
        }
        inspection_row(s, &rows[n++]);
    }
    if (rc != SQLITE_DONE) {
        free(rows);
        return store_db_error(st, e, "listing inspections");
    }
    for (size_t i = 0; i < n; i++)
        if (in_subtree(st, t, root, rows[i].body_org_id, rows[i].start) &&
            store_scope_org_today(st, rows[i].body_org_id)) {
            count_subjects(st, &rows[i]);
            fn(ctx, &rows[i]);
        }
    free(rows);
    return TCXD_OK;
}

/* ---- discipline ---- */

static void discipline_row(struct store *st, sqlite3_stmt *s, struct discipline_info *d)
{
    memset(d, 0, sizeof(*d));
    d->id = sqlite3_column_int64(s, 0);
    d->org_id = sqlite3_column_int64(s, 1);
    d->member_id = sqlite3_column_int64(s, 2);
    d->subject_org_id = sqlite3_column_int64(s, 3);
    d->form = d->current = (enum party_discipline)sqlite3_column_int(s, 4);
    d->violation = store_column_date(s, 5);
    d->decision = store_column_date(s, 6);
    d->announced = store_column_date(s, 7);
    d->deciding_org_id = sqlite3_column_int64(s, 8);
    store_column_copy(s, 9, d->decision_no, sizeof(d->decision_no));
    store_column_copy(s, 10, d->reason, sizeof(d->reason));
    d->inspection_id = sqlite3_column_int64(s, 11);
    d->annulled = DATE_NONE;
    (void)st;
}

/* A scoped handle sees a member's discipline while the member is visible (personal data follows
   today's responsibility), an organization's while the organization is in today's subtree. */
static bool discipline_visible(struct store *st, const struct discipline_info *d)
{
    return d->member_id ? store_scope_member(st, d->member_id)
                        : store_scope_org_today(st, d->org_id);
}

/* The last decided appeal changes the form, annuls it, or restarts the 12 months. */
static void apply_appeal(struct store *st, struct discipline_info *d)
{
    sqlite3_stmt *s = store_stmt(st, STMT_APPEAL_LAST);
    sqlite3_bind_int64(s, 1, d->id);
    tcxd_date restart = DATE_NONE;
    if (sqlite3_step(s) == SQLITE_ROW) {
        enum appeal_result r = (enum appeal_result)sqlite3_column_int(s, 0);
        tcxd_date decided = store_column_date(s, 2);
        if (r == APPEAL_ANNULLED)
            d->annulled = decided;
        else if (r == APPEAL_CHANGED && sqlite3_column_type(s, 1) != SQLITE_NULL)
            d->current = (enum party_discipline)sqlite3_column_int(s, 1);
        restart = decided;
    }
    sqlite3_reset(s);
    tcxd_date from = restart != DATE_NONE        ? restart
                     : d->announced != DATE_NONE ? d->announced
                                                 : d->decision;
    d->expires = d->annulled != DATE_NONE ? d->annulled : discipline_expires(d->current, from);
}

enum tcxd_err store_discipline_get(struct store *st, int64_t id, struct discipline_info *out,
                                   struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_DISCIPLINE_GET);
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        discipline_row(st, s, out);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW && discipline_visible(st, out)) {
        apply_appeal(st, out);
        return TCXD_OK;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_db_error(st, e, "reading the discipline");
    return tcxd_fail(e, TCXD_ENOTFOUND, "discipline", "no discipline decision #%lld",
                     (long long)id);
}

enum tcxd_err store_discipline_add(struct store *st, const struct store_actor *who,
                                   const struct discipline_req *req, tcxd_date today,
                                   int64_t *id_out, struct tcxd_error *e)
{
    struct buf dec = BUF_INIT, reason = BUF_INIT;
    struct member_derived d;
    member_derived_init(&d);
    enum tcxd_err rc;
    int64_t subject_org = 0;
    if ((!req->org_id) == (!req->member_id)) {
        rc = tcxd_fail(e, TCXD_EINVAL, "member_id",
                       "a discipline decision is for one organization or one member");
        goto out;
    }
    if ((unsigned)req->form >= PD__MAX) {
        rc = tcxd_fail(e, TCXD_EINVAL, "form", "invalid discipline form");
        goto out;
    }
    if ((rc = clean(req->decision_no, INSPECTION_DOC_MAX, "decision_no", &dec, e)) ||
        (rc = clean(req->reason, INSPECTION_TEXT_MAX, "reason", &reason, e)) ||
        (rc = discipline_dates_check(req->form, req->violation, req->decision, today, e)))
        goto out;
    if (req->announced != DATE_NONE && req->announced < req->decision) {
        rc = tcxd_fail(e, TCXD_EINVAL, "announced_on",
                       "the decision is announced before it is made");
        goto out;
    }
    struct org_info o;
    if (req->deciding_org_id &&
        (rc = org_on(st, req->deciding_org_id, req->decision, "deciding_org_id", &o, e)))
        goto out;
    if (req->inspection_id) {
        struct inspection_info *i = xmalloc(sizeof(*i));
        rc = store_inspection_get(st, req->inspection_id, i, e);
        free(i);
        if (rc)
            goto out;
    }
    enum discipline_subject subject = DISC_ORG;
    if (req->org_id) {
        if ((rc = org_on(st, req->org_id, req->decision, "org_id", &o, e)))
            goto out;
        subject_org = req->org_id;
    } else {
        if ((rc = store_member_events(st, req->member_id, NULL, NULL, &d, e)))
            goto out;
        enum member_status ms = member_status_on(&d, req->decision);
        if (ms != MEMBER_OFFICIAL && ms != MEMBER_PROBATIONARY) {
            char dd[DATE_ISO_LEN];
            date_format_vn(req->decision, dd);
            rc = tcxd_fail(e, TCXD_ERULE, "member_id", "member #%lld was not a member on %s",
                           (long long)req->member_id, dd);
            goto out;
        }
        subject = ms == MEMBER_OFFICIAL ? DISC_OFFICIAL_MEMBER : DISC_PROBATIONARY_MEMBER;
        subject_org = registered_on(st, req->member_id, req->decision);
        if (!subject_org)
            subject_org = d.org_id;
    }
    if ((rc = discipline_form_check(subject, req->form, e)) ||
        (rc = store_scope_check_write(st, subject_org, req->decision,
                                      req->member_id ? "member_id" : "org_id", e)))
        goto out;
    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_DISCIPLINE_INSERT);
    if (req->org_id)
        sqlite3_bind_int64(s, 1, req->org_id);
    if (req->member_id)
        sqlite3_bind_int64(s, 2, req->member_id);
    sqlite3_bind_int64(s, 3, subject_org);
    sqlite3_bind_int(s, 4, req->form);
    store_bind_date(s, 5, req->violation);
    store_bind_date(s, 6, req->decision);
    store_bind_date(s, 7, req->announced);
    if (req->deciding_org_id)
        sqlite3_bind_int64(s, 8, req->deciding_org_id);
    store_bind_text(s, 9, dec.ptr);
    store_bind_text(s, 10, reason.ptr);
    if (req->inspection_id)
        sqlite3_bind_int64(s, 11, req->inspection_id);
    if ((rc = store_step_done(st, s, e, "recording the discipline"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    if (req->member_id) {
        /* the member's own DISCIPLINE event: the forms 0..3 are the same in both enums */
        struct member_event ev = {.kind = MEV_DISCIPLINE,
                                  .date = req->decision,
                                  .decision_date = req->decision,
                                  .form = (int)req->form,
                                  .until = DATE_NONE};
        if ((rc = store_member_append(st, req->member_id, &ev, dec.ptr, reason.ptr, e))) {
            store_rollback(st);
            goto out;
        }
    }
    json_t *after = json_pack(
        "{s:s, s:o, s:o, s:I, s:o, s:o, s:o, s:s, s:s}", "form", party_discipline_name(req->form),
        "org_id", req->org_id ? json_integer(req->org_id) : json_null(), "member_id",
        req->member_id ? json_integer(req->member_id) : json_null(), "subject_org_id",
        (json_int_t)subject_org, "violation_date", json_date(req->violation), "decision_date",
        json_date(req->decision), "announced_on", json_date(req->announced), "decision_no", dec.ptr,
        "reason", reason.ptr);
    if (!(rc = audit_commit(st, who, req->member_id ? "discipline.member" : "discipline.org",
                            "discipline", id, subject_org, after, e)) &&
        id_out)
        *id_out = id;
out:
    member_derived_release(&d);
    buf_release(&dec);
    buf_release(&reason);
    return rc;
}

enum tcxd_err store_discipline_appeal(struct store *st, const struct store_actor *who,
                                      int64_t discipline_id, tcxd_date lodged,
                                      enum appeal_result result, enum party_discipline new_form,
                                      tcxd_date decided, const char *decision_no, tcxd_date today,
                                      struct tcxd_error *e)
{
    struct buf dec = BUF_INIT;
    struct discipline_info *d = xmalloc(sizeof(*d));
    enum tcxd_err rc;
    if ((rc = clean(decision_no, INSPECTION_DOC_MAX, "decision_no", &dec, e)) ||
        (rc = store_discipline_get(st, discipline_id, d, e)))
        goto out;
    if ((rc = store_scope_check_write(st, d->subject_org_id, d->decision, "id", e)))
        goto out;
    if ((rc = discipline_appeal_lodged_check(d->decision, d->announced, lodged, today, e)))
        goto out;
    if ((unsigned)result >= APPEAL__MAX) {
        rc = tcxd_fail(e, TCXD_EINVAL, "result", "invalid appeal result");
        goto out;
    }
    if (result != APPEAL_PENDING && (decided == DATE_NONE || decided < lodged || decided > today)) {
        rc = tcxd_fail(e, TCXD_EINVAL, "decided_on",
                       "the appeal's result needs a date on or after it was lodged, not in the "
                       "future");
        goto out;
    }
    if (result == APPEAL_CHANGED) {
        enum discipline_subject subject = d->org_id ? DISC_ORG : DISC_OFFICIAL_MEMBER;
        if (d->member_id) {
            struct member_derived md;
            member_derived_init(&md);
            if (!store_member_events(st, d->member_id, NULL, NULL, &md, NULL) &&
                member_status_on(&md, d->decision) == MEMBER_PROBATIONARY)
                subject = DISC_PROBATIONARY_MEMBER;
            member_derived_release(&md);
        }
        if ((rc = discipline_form_check(subject, new_form, e)))
            goto out;
        if (new_form == d->current) {
            rc = tcxd_fail(e, TCXD_EINVAL, "form", "the new form is the same as the current one");
            goto out;
        }
    }
    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_APPEAL_INSERT);
    sqlite3_bind_int64(s, 1, discipline_id);
    store_bind_date(s, 2, lodged);
    sqlite3_bind_int(s, 3, result);
    if (result == APPEAL_CHANGED)
        sqlite3_bind_int(s, 4, new_form);
    store_bind_date(s, 5, result == APPEAL_PENDING ? DATE_NONE : decided);
    store_bind_text(s, 6, dec.ptr);
    if ((rc = store_step_done(st, s, e, "recording the appeal"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    /* a member's membership follows a result that makes or unmakes a khai trừ: raised to khai
       trừ, the member's DISCIPLINE event of that form on the result's day ends it; a khai trừ
       annulled or lowered, a restoration (phục hồi đảng tịch) in the chi bộ of the decision */
    if (d->member_id && result != APPEAL_PENDING) {
        bool was = d->current == PD_KHAI_TRU;
        bool now =
            result == APPEAL_CHANGED ? new_form == PD_KHAI_TRU : result == APPEAL_KEPT && was;
        struct member_event ev = {.date = decided, .decision_date = decided, .until = DATE_NONE};
        if (was != now) {
            if (now) {
                ev.kind = MEV_DISCIPLINE;
                ev.form = (int)PD_KHAI_TRU;
            } else {
                ev.kind = MEV_RESTORE;
                ev.org_id = d->subject_org_id;
            }
            if ((rc = store_member_append(st, d->member_id, &ev, dec.ptr, "", e))) {
                store_rollback(st);
                goto out;
            }
        }
    }
    json_t *after = json_pack(
        "{s:I, s:o, s:s, s:o, s:o}", "discipline_id", (json_int_t)discipline_id, "lodged_on",
        json_date(lodged), "result", appeal_result_name(result), "form",
        result == APPEAL_CHANGED ? json_string(party_discipline_name(new_form)) : json_null(),
        "decided_on", json_date(result == APPEAL_PENDING ? DATE_NONE : decided));
    rc = audit_commit(st, who, "discipline.appeal", "discipline_appeal", id, d->subject_org_id,
                      after, e);
out:
    free(d);
    buf_release(&dec);
    return rc;
}

enum tcxd_err store_discipline_list(struct store *st, const struct org_tree *t, uint32_t root,
                                    tcxd_date from, tcxd_date to,
                                    void (*fn)(void *ctx, const struct discipline_info *d),
                                    void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_DISCIPLINE_IN_PERIOD);
    store_bind_date(s, 1, from);
    store_bind_date(s, 2, to);
    struct discipline_info *rows = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            rows = xrealloc(rows, cap * sizeof(*rows));
        }
        discipline_row(st, s, &rows[n++]);
    }
    if (rc != SQLITE_DONE) {
        free(rows);
        return store_db_error(st, e, "listing disciplines");
    }
    for (size_t i = 0; i < n; i++)
        if (in_subtree(st, t, root, rows[i].subject_org_id, rows[i].decision) &&
            discipline_visible(st, &rows[i])) {
            apply_appeal(st, &rows[i]);
            fn(ctx, &rows[i]);
        }
    free(rows);
    return TCXD_OK;
}

/* ---- counts ---- */

struct count_ctx {
    struct store *st;
    const struct org_tree *t;
    uint32_t root;
    struct inspection_counts *c;
};

static void count_discipline(void *vctx, const struct discipline_info *d)
{
    struct count_ctx *x = vctx;
    if (d->annulled != DATE_NONE)
        return; /* annulled on appeal: not a discipline carried out */
    if (d->member_id)
        x->c->disciplined_members++;
    else
        x->c->disciplined_orgs++;
    x->c->by_form[d->current]++;
}

enum tcxd_err store_inspection_counts(struct store *st, const struct org_tree *t, uint32_t root,
                                      tcxd_date from, tcxd_date to, struct inspection_counts *out,
                                      struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    /* every inspection started in the period, with its subjects judged one by one: a subject in
       the subtree counts even when the body is a higher one (an inspection of a ward by the city
       counts for the district too) */
    sqlite3_stmt *s = store_stmt(st, STMT_INSPECTION_IN_PERIOD);
    store_bind_date(s, 1, from);
    store_bind_date(s, 2, to);
    struct inspection_info *rows = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            rows = xrealloc(rows, cap * sizeof(*rows));
        }
        inspection_row(s, &rows[n++]);
    }
    if (rc != SQLITE_DONE) {
        free(rows);
        return store_db_error(st, e, "counting inspections");
    }
    int64_t root_id = t->nodes[root].id;
    for (size_t i = 0; i < n; i++) {
        const struct inspection_info *in = &rows[i];
        bool sup = inspection_is_supervision(in->kind);
        bool team = in->body == INSP_BODY_DOAN && in->body_org_id == root_id;
        if (team)
            out->teams++;
        s = store_stmt(st, STMT_INSPECTION_SUBJECTS);
        sqlite3_bind_int64(s, 1, in->id);
        int64_t *subj_org = NULL, *subj_mem = NULL;
        size_t no = 0, nm = 0, co = 0, cm = 0;
        while (sqlite3_step(s) == SQLITE_ROW) {
            if (sqlite3_column_type(s, 0) != SQLITE_NULL) {
                if (no == co)
                    subj_org = xrealloc(subj_org, (co = co ? 2 * co : 16) * sizeof(*subj_org));
                subj_org[no++] = sqlite3_column_int64(s, 0);
            } else {
                if (nm == cm)
                    subj_mem = xrealloc(subj_mem, (cm = cm ? 2 * cm : 16) * sizeof(*subj_mem));
                subj_mem[nm++] = sqlite3_column_int64(s, 1);
            }
        }
        sqlite3_reset(s);
        bool any = false;
        for (size_t k = 0; k < no; k++)
            if (in_subtree(st, t, root, subj_org[k], in->start)) {
                *(sup ? &out->supervised_orgs : &out->inspected_orgs) += 1;
                out->team_orgs += team;
                any = true;
            }
        for (size_t k = 0; k < nm; k++) {
            int64_t org = registered_on(st, subj_mem[k], in->start);
            if (org && in_subtree(st, t, root, org, in->start)) {
                *(sup ? &out->supervised_members : &out->inspected_members) += 1;
                out->team_members += team;
                any = true;
            }
        }
        for (int a = 0; a < INSP_AREA__MAX && any; a++)
            out->by_area[a] += (in->areas >> a) & 1u;
        free(subj_org);
        free(subj_mem);
    }
    free(rows);
    struct count_ctx x = {st, t, root, out};
    return store_discipline_list(st, t, root, from, to, count_discipline, &x, e);
}

/* ---- effects ---- */

enum tcxd_err store_discipline_briefs(struct store *st, int64_t org_id, int64_t member_id,
                                      tcxd_date on, struct discipline_brief **out, size_t *n,
                                      struct tcxd_error *e)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_DISCIPLINE_OF_SUBJECT);
    sqlite3_bind_int64(s, 1, org_id ? org_id : -1);
    sqlite3_bind_int64(s, 2, member_id ? member_id : -1);
    store_bind_date(s, 3, on);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 4;
            *out = xrealloc(*out, cap * sizeof(**out));
        }
        struct discipline_brief *b = &(*out)[(*n)++];
        b->id = sqlite3_column_int64(s, 0);
        b->form = (enum party_discipline)sqlite3_column_int(s, 1);
        b->decided = store_column_date(s, 2);
        b->announced = store_column_date(s, 3);
        b->annulled = b->restarted = DATE_NONE;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return store_db_error(st, e, "reading the disciplines");
    }
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        struct discipline_brief b = (*out)[i];
        s = store_stmt(st, STMT_APPEAL_LAST_ON);
        sqlite3_bind_int64(s, 1, b.id);
        store_bind_date(s, 2, on);
        if (sqlite3_step(s) == SQLITE_ROW) {
            enum appeal_result r = (enum appeal_result)sqlite3_column_int(s, 0);
            b.restarted = store_column_date(s, 2);
            if (r == APPEAL_ANNULLED)
                b.annulled = b.restarted;
            else if (r == APPEAL_CHANGED && sqlite3_column_type(s, 1) != SQLITE_NULL)
                b.form = (enum party_discipline)sqlite3_column_int(s, 1);
        }
        sqlite3_reset(s);
        if (b.annulled == DATE_NONE)
            (*out)[kept++] = b;
    }
    *n = kept;
    return TCXD_OK;
}

bool store_member_discipline_standing(struct store *st, int64_t member_id, tcxd_date decided,
                                      int *form, tcxd_date on)
{
    sqlite3_stmt *s = store_stmt(st, STMT_DISCIPLINE_OF_EVENT);
    sqlite3_bind_int64(s, 1, member_id);
    store_bind_date(s, 2, decided);
    sqlite3_bind_int(s, 3, *form);
    int64_t id = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (!id) {
        /* the khai trừ an appeal's result raised to is carried by the decision it changed */
        s = store_stmt(st, STMT_APPEAL_RAISED_ON);
        sqlite3_bind_int64(s, 1, member_id);
        store_bind_date(s, 2, decided);
        sqlite3_bind_int(s, 3, APPEAL_CHANGED);
        sqlite3_bind_int(s, 4, *form);
        bool raised = sqlite3_step(s) == SQLITE_ROW;
        sqlite3_reset(s);
        return !raised;
    }
    s = store_stmt(st, STMT_APPEAL_LAST_ON);
    sqlite3_bind_int64(s, 1, id);
    store_bind_date(s, 2, on);
    bool standing = true;
    if (sqlite3_step(s) == SQLITE_ROW) {
        enum appeal_result r = (enum appeal_result)sqlite3_column_int(s, 0);
        if (r == APPEAL_ANNULLED)
            standing = false;
        else if (r == APPEAL_CHANGED && sqlite3_column_type(s, 1) != SQLITE_NULL)
            *form = sqlite3_column_int(s, 1);
    }
    sqlite3_reset(s);
    return standing;
}

enum tcxd_err store_member_discipline_effects(struct store *st, int64_t member_id, tcxd_date on,
                                              struct discipline_effects *out, struct tcxd_error *e)
{
    discipline_effects_init(out);
    struct discipline_brief *b;
    size_t n;
    enum tcxd_err rc = store_discipline_briefs(st, 0, member_id, on, &b, &n, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        discipline_effects_add(out, b[i].form, b[i].decided, b[i].announced, b[i].annulled,
                               b[i].restarted, on);
    /* older DISCIPLINE events without a decision record (entered as member events): their
       decision date and form; one with a record on the same day and form is that record */
    sqlite3_stmt *s = store_stmt(st, STMT_DISCIPLINE_EVENTS_OF_MEMBER);
    sqlite3_bind_int64(s, 1, member_id);
    sqlite3_bind_int(s, 2, MEV_DISCIPLINE);
    store_bind_date(s, 3, on);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        tcxd_date d = store_column_date(s, 0);
        enum party_discipline f = (enum party_discipline)sqlite3_column_int(s, 1);
        /* a decision record of that day (annulled ones too) is the event's own */
        sqlite3_stmt *x = store_stmt(st, STMT_DISCIPLINE_RECORDED_ON);
        sqlite3_bind_int64(x, 1, member_id);
        store_bind_date(x, 2, d);
        bool recorded = sqlite3_step(x) == SQLITE_ROW;
        sqlite3_reset(x);
        if (!recorded && (unsigned)f < PD__MAX)
            discipline_effects_add(out, f, d, DATE_NONE, DATE_NONE, DATE_NONE, on);
    }
    sqlite3_reset(s);
    free(b);
    if (r != SQLITE_DONE)
        return store_db_error(st, e, "reading the disciplines");
    return TCXD_OK;
}

/* ---- the annual plan ---- */

static void plan_row(sqlite3_stmt *s, struct inspection_plan_item *i)
{
    memset(i, 0, sizeof(*i));
    i->id = sqlite3_column_int64(s, 0);
    i->body_org_id = sqlite3_column_int64(s, 1);
    i->year = sqlite3_column_int(s, 2);
    i->kind = (enum inspection_kind)sqlite3_column_int(s, 3);
    i->body = (enum inspection_body)sqlite3_column_int(s, 4);
    i->areas = (unsigned)sqlite3_column_int(s, 5);
    i->planned_orgs = sqlite3_column_int64(s, 6);
    i->planned_members = sqlite3_column_int64(s, 7);
    i->month = sqlite3_column_int(s, 8);
    store_column_copy(s, 9, i->title, sizeof(i->title));
    i->carried_out = sqlite3_column_int64(s, 10);
}

enum tcxd_err store_inspection_plan_add(struct store *st, const struct store_actor *who,
                                        const struct inspection_plan_req *req, tcxd_date today,
                                        int64_t *id_out, struct tcxd_error *e)
{
    struct buf title = BUF_INIT;
    struct org_info o;
    enum tcxd_err rc;
    if ((rc = inspection_plan_item_check(req->kind, req->year, req->month, req->planned_orgs,
                                         req->planned_members, e)))
        goto out;
    if ((unsigned)req->body >= INSP_BODY__MAX) {
        rc = tcxd_fail(e, TCXD_EINVAL, "body", "invalid body");
        goto out;
    }
    if (req->areas >> INSP_AREA__MAX) {
        rc = tcxd_fail(e, TCXD_EINVAL, "areas", "invalid content areas");
        goto out;
    }
    /* the organization on the plan's last day (or today, for next year's plan) */
    tcxd_date on = date_from_ymd(req->year, 12, 31);
    if (on > today)
        on = today;
    if ((rc = clean(req->title, INSPECTION_PLAN_TITLE_MAX, "title", &title, e)) ||
        (rc = org_on(st, req->body_org_id, on, "body_org_id", &o, e)) ||
        (rc = store_scope_check_write(st, req->body_org_id, on, "body_org_id", e)))
        goto out;
    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_PLAN_ITEM_INSERT);
    sqlite3_bind_int64(s, 1, req->body_org_id);
    sqlite3_bind_int(s, 2, req->year);
    sqlite3_bind_int(s, 3, req->kind);
    sqlite3_bind_int(s, 4, req->body);
    sqlite3_bind_int(s, 5, (int)req->areas);
    sqlite3_bind_int64(s, 6, req->planned_orgs);
    sqlite3_bind_int64(s, 7, req->planned_members);
    sqlite3_bind_int(s, 8, req->month);
    store_bind_text(s, 9, title.ptr);
    if ((rc = store_step_done(st, s, e, "recording the plan item"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after =
        json_pack("{s:I, s:i, s:i, s:s, s:s, s:i, s:I, s:I, s:s}", "body_org_id",
                  (json_int_t)req->body_org_id, "year", req->year, "month", req->month, "kind",
                  inspection_kind_name(req->kind), "body", inspection_body_name(req->body), "areas",
                  (int)req->areas, "planned_orgs", (json_int_t)req->planned_orgs, "planned_members",
                  (json_int_t)req->planned_members, "title", title.ptr);
    if (!(rc = audit_commit(st, who, "inspection.plan_item", "inspection_plan_item", id,
                            req->body_org_id, after, e)) &&
        id_out)
        *id_out = id;
out:
    buf_release(&title);
    return rc;
}

enum tcxd_err store_inspection_plan_item_get(struct store *st, int64_t id,
                                             struct inspection_plan_item *out, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_PLAN_ITEM_GET);
    sqlite3_bind_int64(s, 1, id);
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW)
        plan_row(s, out);
    sqlite3_reset(s);
    if (r == SQLITE_ROW)
        return TCXD_OK;
    if (r != SQLITE_DONE)
        return store_db_error(st, e, "reading the plan item");
    return tcxd_fail(e, TCXD_ENOTFOUND, "plan_item_id", "no plan item #%lld", (long long)id);
}

static bool in_tree_under(const struct org_tree *t, uint32_t root, int64_t org_id)
{
    uint32_t n = org_tree_find(t, org_id);
    return n != TREE_NONE && org_tree_in_subtree(t, root, n);
}

enum tcxd_err store_inspection_plan(struct store *st, const struct org_tree *t, uint32_t root,
                                    int year,
                                    void (*fn)(void *ctx, const struct inspection_plan_item *i),
                                    void *ctx, struct inspection_plan_progress *out,
                                    struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    struct inspection_plan_item *items = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_PLAN_ITEMS_OF_YEAR);
    sqlite3_bind_int(s, 1, year);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        if (!in_tree_under(t, root, sqlite3_column_int64(s, 1)))
            continue;
        if (n == cap)
            items = xrealloc(items, (cap = cap ? 2 * cap : 16) * sizeof(*items));
        plan_row(s, &items[n++]);
    }
    sqlite3_reset(s);
    if (r != SQLITE_DONE) {
        free(items);
        return store_db_error(st, e, "reading the plan");
    }
    for (size_t i = 0; i < n; i++) {
        bool sup = inspection_is_supervision(items[i].kind);
        *(sup ? &out->planned_gs : &out->planned_kt) += 1;
        *(sup ? &out->done_gs : &out->done_kt) += items[i].carried_out > 0;
        out->planned_orgs += items[i].planned_orgs;
        out->planned_members += items[i].planned_members;
        if (fn)
            fn(ctx, &items[i]);
    }
    free(items);
    /* the year's inspections by the subtree's bodies that carry out no item */
    s = store_stmt(st, STMT_INSPECTION_IN_PERIOD);
    store_bind_date(s, 1, date_from_ymd(year, 1, 1));
    store_bind_date(s, 2, date_from_ymd(year, 12, 31));
    struct inspection_info *row = xmalloc(sizeof(*row));
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        inspection_row(s, row);
        if (row->plan_item_id || !in_tree_under(t, root, row->body_org_id))
            continue;
        *(inspection_is_supervision(row->kind) ? &out->outside_gs : &out->outside_kt) += 1;
    }
    sqlite3_reset(s);
    free(row);
    if (r != SQLITE_DONE)
        return store_db_error(st, e, "reading the year's inspections");
    return TCXD_OK;
}
