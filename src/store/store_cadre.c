/*
 * store_cadre.c - cadre work in the database (see store_cadre.h).
 */
#include "store/store_cadre.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_inspection.h"
#include "store/store_internal.h"
#include "text/text.h"
#include "util/xmalloc.h"

/* ---- helpers ---- */

static enum tcxd_err clean(const char *in, size_t max, bool allow_empty, const char *field,
                           struct buf *out, struct tcxd_error *e)
{
    return text_clean(in ? in : "", in ? strlen(in) : 0, max, allow_empty, field, out, e);
}

static json_t *json_date(tcxd_date d)
{
    char iso[DATE_ISO_LEN];
    if (d == DATE_NONE)
        return json_null();
    date_format_iso(d, iso);
    return json_string(iso);
}

/* Audits `after` (released here) and commits; rolls back on failure. */
static enum tcxd_err audit_commit(struct store *st, const struct store_actor *who,
                                  const char *action, const char *entity, int64_t id,
                                  int64_t org_id, json_t *after, struct tcxd_error *e)
{
    char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(after);
    enum tcxd_err rc = store_audit(st, who, action, entity, id, org_id, NULL, a, e);
    free(a);
    if (rc || (rc = store_commit(st, e)))
        store_rollback(st);
    return rc;
}

/* Rolls back and returns rc (for refusals inside a transaction). */
static enum tcxd_err undo(struct store *st, enum tcxd_err rc)
{
    store_rollback(st);
    return rc;
}

/* The organization exists on `on` and the handle may write for it. */
static enum tcxd_err check_org(struct store *st, int64_t org_id, tcxd_date on, const char *field,
                               struct tcxd_error *e)
{
    struct org_info o;
    enum tcxd_err rc = store_org_get(st, org_id, on, &o, e);
    if (rc == TCXD_ENOTFOUND) {
        char d[DATE_ISO_LEN];
        date_format_vn(on, d);
        return tcxd_fail(e, TCXD_ENOTFOUND, field, "organization #%lld did not exist on %s",
                         (long long)org_id, d);
    }
    return rc ? rc : store_scope_check_write(st, org_id, on, field, e);
}

static void cadre_row(sqlite3_stmt *s, struct cadre_info *c)
{
    memset(c, 0, sizeof(*c));
    c->id = sqlite3_column_int64(s, 0);
    c->member_id = sqlite3_column_int64(s, 1);
    store_column_copy(s, 2, c->full_name, sizeof(c->full_name));
    c->attrs.gender = (enum gender)sqlite3_column_int(s, 3);
    c->attrs.birth_date = store_column_date(s, 4);
    store_column_copy(s, 5, c->ethnicity, sizeof(c->ethnicity));
    store_column_copy(s, 6, c->religion, sizeof(c->religion));
    c->attrs.prof = (enum cadre_prof)sqlite3_column_int(s, 7);
    c->attrs.academic = (enum cadre_academic)sqlite3_column_int(s, 8);
    c->attrs.theory = (enum theory_level)sqlite3_column_int(s, 9);
    c->mgmt = (enum cadre_mgmt)sqlite3_column_int(s, 10);
    c->org_id = sqlite3_column_int64(s, 11);
    c->work_start = store_column_date(s, 12);
    c->retiring_on = store_column_date(s, 13);
    c->attrs.minority = cadre_ethnicity_minority(c->ethnicity);
    struct buf f = BUF_INIT;
    text_fold(c->religion, &f);
    c->attrs.religious = f.len && strcmp(f.ptr, "khong");
    buf_release(&f);
}

/* Reads one row of a statement bound by the caller; ENOTFOUND with msg when there is none. */
static enum tcxd_err one_row(struct store *st, sqlite3_stmt *s, const char *what, bool *found,
                             struct tcxd_error *e)
{
    int rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return TCXD_OK;
    sqlite3_reset(s);
    return store_db_error(st, e, what);
}

/* The linked member's disciplines (none for a non-member). Caller frees *out. */
static enum tcxd_err disciplines(struct store *st, int64_t member_id, struct cadre_discipline **out,
                                 size_t *n, struct tcxd_error *e)
{
    *out = NULL;
    *n = 0;
    if (!member_id)
        return TCXD_OK;
    size_t cap = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_DISCIPLINES);
    sqlite3_bind_int64(s, 1, member_id);
    sqlite3_bind_int(s, 2, MEV_DISCIPLINE);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 4;
            *out = xrealloc(*out, cap * sizeof(**out));
        }
        (*out)[*n].date = store_column_date(s, 0);
        (*out)[*n].form = (enum discipline_form)sqlite3_column_int(s, 1);
        /* as the decision stands after the appeals decided by today (store_inspection.h; added
           by the inspection stream): annulled, none; changed, the new form */
        int form = (int)(*out)[*n].form;
        if (!store_member_discipline_standing(st, member_id, (*out)[*n].date, &form,
                                              date_today()) ||
            (unsigned)form >= DISCIPLINE__MAX)
            continue;
        (*out)[*n].form = (enum discipline_form)form;
        (*n)++;
    }
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return store_db_error(st, e, "reading the disciplines");
    }
    return TCXD_OK;
}

/* The cadre without the scope check (for writes that check the scope themselves). */
static enum tcxd_err cadre_load(struct store *st, int64_t id, struct cadre_info *out,
                                struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_GET);
    sqlite3_bind_int64(s, 1, id);
    bool found;
    enum tcxd_err rc = one_row(st, s, "reading the cadre", &found, e);
    if (rc)
        return rc;
    if (found)
        cadre_row(s, out);
    sqlite3_reset(s);
    if (!found)
        return tcxd_fail(e, TCXD_ENOTFOUND, "cadre", "no cadre #%lld", (long long)id);
    return TCXD_OK;
}

/* ---- cadres ---- */

enum tcxd_err store_cadre_add(struct store *st, const struct store_actor *who,
                              const struct cadre_req *req, int64_t *id_out, struct tcxd_error *e)
{
    struct buf name = BUF_INIT, eth = BUF_INIT, rel = BUF_INIT;
    struct member_info m;
    bool member = req->member_id != 0;
    enum tcxd_err rc;
    if (member && (rc = store_member_get(st, req->member_id, &m, e)))
        return rc;
    const char *full = req->full_name && *req->full_name ? req->full_name
                       : member                          ? m.full_name
                                                         : "";
    if ((rc = clean(full, CADRE_NAME_MAX, false, "full_name", &name, e)) ||
        (rc = clean(req->ethnicity ? req->ethnicity
                    : member       ? m.ethnicity
                                   : "",
                    CADRE_TEXT_MAX, true, "ethnicity", &eth, e)) ||
        (rc = clean(req->religion ? req->religion
                    : member      ? m.religion
                                  : "",
                    CADRE_TEXT_MAX, true, "religion", &rel, e)))
        goto out;
    if (!member && !req->has_gender) {
        rc = tcxd_fail(e, TCXD_EINVAL, "gender", "field %s is required", "gender");
        goto out;
    }
    if ((unsigned)req->mgmt >= CADRE_MGMT__MAX || (unsigned)req->prof >= PROF__MAX ||
        (unsigned)req->academic >= ACAD__MAX) {
        rc = tcxd_fail(e, TCXD_EINVAL, "managing_level", "invalid managing level or attribute");
        goto out;
    }
    if ((rc = check_org(st, req->org_id, date_today(), "org_id", e)))
        goto out;
    enum gender g = req->has_gender ? req->gender : m.gender;
    tcxd_date birth = req->birth_date != DATE_NONE ? req->birth_date
                      : member                     ? m.birth_date
                                                   : DATE_NONE;
    enum theory_level th = req->has_theory ? req->theory : member ? m.theory : THEORY_NONE;
    if ((rc = store_begin(st, e)))
        goto out;
    if (member) {
        int64_t other;
        if (!store_cadre_by_member(st, req->member_id, &other, NULL)) {
            rc = undo(st, tcxd_fail(e, TCXD_ECONFLICT, "member_id",
                                    "member #%lld is already cadre #%lld",
                                    (long long)req->member_id, (long long)other));
            goto out;
        }
    }
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_INSERT);
    if (member)
        sqlite3_bind_int64(s, 1, req->member_id);
    else
        sqlite3_bind_null(s, 1);
    store_bind_text(s, 2, name.ptr);
    sqlite3_bind_int(s, 3, g);
    store_bind_date(s, 4, birth);
    store_bind_text(s, 5, eth.ptr);
    store_bind_text(s, 6, rel.ptr);
    sqlite3_bind_int(s, 7, req->prof);
    sqlite3_bind_int(s, 8, req->academic);
    sqlite3_bind_int(s, 9, th);
    sqlite3_bind_int(s, 10, req->mgmt);
    sqlite3_bind_int64(s, 11, req->org_id);
    store_bind_date(s, 12, req->work_start);
    if ((rc = store_step_done(st, s, e, "adding the cadre"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    /* no birth date or national id in the audit: the name and what the forms count */
    json_t *after = json_pack("{s:I, s:s, s:s, s:s, s:I}", "member_id", (json_int_t)req->member_id,
                              "full_name", name.ptr, "gender", gender_name(g), "managing_level",
                              cadre_mgmt_name(req->mgmt), "org_id", (json_int_t)req->org_id);
    if (!(rc = audit_commit(st, who, "cadre.add", "cadre", id, req->org_id, after, e)) && id_out)
        *id_out = id;
out:
    buf_release(&name);
    buf_release(&eth);
    buf_release(&rel);
    return rc;
}

enum tcxd_err store_cadre_get(struct store *st, int64_t id, struct cadre_info *out,
                              struct tcxd_error *e)
{
    enum tcxd_err rc = cadre_load(st, id, out, e);
    if (!rc && !store_scope_org_today(st, out->org_id))
        return tcxd_fail(e, TCXD_ENOTFOUND, "cadre", "no cadre #%lld", (long long)id);
    return rc;
}

enum tcxd_err store_cadre_load(struct store *st, int64_t id, struct cadre_info *out,
                               struct tcxd_error *e)
{
    return cadre_load(st, id, out, e);
}

enum tcxd_err store_cadre_by_member(struct store *st, int64_t member_id, int64_t *id_out,
                                    struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_BY_MEMBER);
    sqlite3_bind_int64(s, 1, member_id);
    bool found;
    enum tcxd_err rc = one_row(st, s, "finding the cadre", &found, e);
    if (rc)
        return rc;
    if (found)
        *id_out = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (!found)
        return tcxd_fail(e, TCXD_ENOTFOUND, "member_id", "member #%lld is not a cadre",
                         (long long)member_id);
    return TCXD_OK;
}

/* Is org in the subtree of root today (root 0: yes)? */
static bool in_subtree(const struct org_tree *t, uint32_t root, int64_t org)
{
    if (root == TREE_NONE)
        return true;
    uint32_t n = org_tree_find(t, org);
    return n != TREE_NONE && org_tree_in_subtree(t, root, n);
}

/* Loads the tree of `on` and finds org_id in it (0: no root, *root TREE_NONE). */
static enum tcxd_err subtree(struct store *st, int64_t org_id, tcxd_date on, struct org_tree *t,
                             uint32_t *root, struct tcxd_error *e)
{
    enum tcxd_err rc = store_tree_load(st, on, t, e);
    if (rc)
        return rc;
    *root = TREE_NONE;
    if (!org_id)
        return TCXD_OK;
    if ((rc = store_scope_check_org(st, org_id, on, "org", e))) {
        org_tree_release(t);
        return rc;
    }
    *root = org_tree_find(t, org_id);
    if (*root == TREE_NONE) {
        org_tree_release(t);
        char d[DATE_ISO_LEN];
        date_format_vn(on, d);
        return tcxd_fail(e, TCXD_ENOTFOUND, "org", "organization #%lld did not exist on %s",
                         (long long)org_id, d);
    }
    return TCXD_OK;
}

enum tcxd_err store_cadre_list(struct store *st, int64_t org_id,
                               void (*fn)(void *ctx, const struct cadre_info *c), void *ctx,
                               struct tcxd_error *e)
{
    struct org_tree t;
    uint32_t root;
    enum tcxd_err rc = subtree(st, org_id, date_today(), &t, &root, e);
    if (rc)
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_LIST);
    int r;
    struct cadre_info c;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        cadre_row(s, &c);
        if (in_subtree(&t, root, c.org_id) && store_scope_org_today(st, c.org_id))
            fn(ctx, &c);
    }
    org_tree_release(&t);
    return r == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "listing cadres");
}

enum tcxd_err store_cadre_retiring(struct store *st, const struct store_actor *who, int64_t id,
                                   tcxd_date on, struct tcxd_error *e)
{
    struct cadre_info c;
    enum tcxd_err rc;
    if ((rc = store_cadre_get(st, id, &c, e)) ||
        (rc = store_scope_check_write(st, c.org_id, on != DATE_NONE ? on : date_today(), "cadre",
                                      e)) ||
        (rc = store_begin(st, e)))
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_SET_RETIRING);
    sqlite3_bind_int64(s, 1, id);
    store_bind_date(s, 2, on);
    if ((rc = store_step_done(st, s, e, "recording the retirement notice")))
        return undo(st, rc);
    return audit_commit(st, who, "cadre.retiring", "cadre", id, c.org_id,
                        json_pack("{s:o}", "retiring_on", json_date(on)), e);
}

/* ---- committees ---- */

static void term_row(sqlite3_stmt *s, struct cadre_term_info *t)
{
    memset(t, 0, sizeof(*t));
    t->id = sqlite3_column_int64(s, 0);
    t->org_id = sqlite3_column_int64(s, 1);
    store_column_copy(s, 2, t->label, sizeof(t->label));
    t->from = store_column_date(s, 3);
    t->to = store_column_date(s, 4);
    t->tier_set = sqlite3_column_type(s, 5) != SQLITE_NULL;
    t->tier = t->tier_set ? (enum cadre_tier)sqlite3_column_int(s, 5) : CTIER_NONE;
    if ((unsigned)t->tier >= CTIER__MAX)
        t->tier = CTIER_NONE;
}

/* cadre_tier_default for org_id in the tree of `on`. */
static enum tcxd_err tier_of_org(struct store *st, int64_t org_id, tcxd_date on, bool committee,
                                 enum cadre_tier *out, struct tcxd_error *e)
{
    struct org_tree t;
    enum tcxd_err rc = store_tree_load(st, on, &t, e);
    if (rc)
        return rc;
    *out = cadre_tier_default(&t, org_tree_find(&t, org_id), committee);
    org_tree_release(&t);
    return TCXD_OK;
}

enum tcxd_err store_cadre_term_add(struct store *st, const struct store_actor *who, int64_t org_id,
                                   const char *label, tcxd_date from, tcxd_date to,
                                   const enum cadre_tier *tier, int64_t *id_out,
                                   struct tcxd_error *e)
{
    enum cadre_tier ti = CTIER_NONE;
    struct buf lb = BUF_INIT;
    enum tcxd_err rc;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    if ((rc = clean(label, 60, false, "label", &lb, e)))
        goto out;
    if (from == DATE_NONE || to == DATE_NONE || to <= from) {
        date_format_vn(from, a);
        date_format_vn(to, b);
        rc = tcxd_fail(e, TCXD_EINVAL, "to", "the term ends (%s) before it starts (%s)", b, a);
        goto out;
    }
    if (tier && (unsigned)*tier >= CTIER__MAX) {
        rc = tcxd_fail(e, TCXD_EINVAL, "tier", "invalid tier");
        goto out;
    }
    if ((rc = check_org(st, org_id, from, "org_id", e)))
        goto out;
    if (tier)
        ti = *tier;
    else if ((rc = tier_of_org(st, org_id, from, true, &ti, e)))
        goto out;
    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_TERM_OVERLAP);
    sqlite3_bind_int64(s, 1, org_id);
    store_bind_date(s, 2, from);
    store_bind_date(s, 3, to);
    bool found;
    if ((rc = one_row(st, s, "reading the terms", &found, e))) {
        store_rollback(st);
        goto out;
    }
    char other[64] = "";
    if (found)
        store_column_copy(s, 0, other, sizeof(other));
    sqlite3_reset(s);
    if (found) {
        rc = undo(st, tcxd_fail(e, TCXD_ECONFLICT, "from",
                                "the term overlaps the organization's term %s", other));
        goto out;
    }
    s = store_stmt(st, STMT_CADRE_TERM_INSERT);
    sqlite3_bind_int64(s, 1, org_id);
    store_bind_text(s, 2, lb.ptr);
    store_bind_date(s, 3, from);
    store_bind_date(s, 4, to);
    sqlite3_bind_int(s, 5, ti);
    if ((rc = store_step_done(st, s, e, "adding the term"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after =
        json_pack("{s:I, s:s, s:o, s:o, s:s}", "org_id", (json_int_t)org_id, "label", lb.ptr,
                  "from", json_date(from), "to", json_date(to), "tier", cadre_tier_name(ti));
    if (!(rc = audit_commit(st, who, "cadre.term", "cadre_term", id, org_id, after, e)) && id_out)
        *id_out = id;
out:
    buf_release(&lb);
    return rc;
}

static enum tcxd_err term_get(struct store *st, int64_t id, struct cadre_term_info *out,
                              struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_TERM_GET);
    sqlite3_bind_int64(s, 1, id);
    bool found;
    enum tcxd_err rc = one_row(st, s, "reading the term", &found, e);
    if (rc)
        return rc;
    if (found)
        term_row(s, out);
    sqlite3_reset(s);
    return found ? TCXD_OK
                 : tcxd_fail(e, TCXD_ENOTFOUND, "term", "no committee term #%lld", (long long)id);
}

enum tcxd_err store_cadre_term_on(struct store *st, int64_t org_id, tcxd_date on,
                                  struct cadre_term_info *out, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_TERM_ON);
    sqlite3_bind_int64(s, 1, org_id);
    store_bind_date(s, 2, on);
    bool found;
    enum tcxd_err rc = one_row(st, s, "reading the term", &found, e);
    if (rc)
        return rc;
    if (found)
        term_row(s, out);
    sqlite3_reset(s);
    if (!found) {
        char d[DATE_ISO_LEN];
        date_format_vn(on, d);
        return tcxd_fail(e, TCXD_ENOTFOUND, "term",
                         "organization #%lld has no committee term on %s", (long long)org_id, d);
    }
    return TCXD_OK;
}

/* The seats of a term. Caller frees *out. */
static enum tcxd_err term_seats(struct store *st, int64_t term_id, struct committee_seat **out,
                                int64_t **ids, size_t *n, struct tcxd_error *e)
{
    size_t cap = 0;
    *out = NULL;
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_SEATS_OF_TERM);
    sqlite3_bind_int64(s, 1, term_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            *out = xrealloc(*out, cap * sizeof(**out));
            *ids = xrealloc(*ids, cap * sizeof(**ids));
        }
        struct committee_seat *x = &(*out)[*n];
        x->cadre_id = sqlite3_column_int64(s, 0);
        x->role = (enum committee_role)sqlite3_column_int(s, 1);
        x->join = (enum committee_join)sqlite3_column_int(s, 2);
        x->from = store_column_date(s, 3);
        x->to = store_column_date(s, 4);
        (*ids)[*n] = sqlite3_column_int64(s, 5);
        (*n)++;
    }
    if (rc != SQLITE_DONE) {
        free(*out);
        free(*ids);
        *out = NULL;
        *ids = NULL;
        *n = 0;
        return store_db_error(st, e, "reading the committee");
    }
    return TCXD_OK;
}

enum tcxd_err store_cadre_seat_add(struct store *st, const struct store_actor *who, int64_t term_id,
                                   const struct committee_seat *seat, const char *decision_no,
                                   int64_t *id_out, struct tcxd_error *e)
{
    struct buf dec = BUF_INIT;
    struct cadre_term_info t;
    struct cadre_info c;
    struct committee_seat *held = NULL;
    int64_t *ids = NULL;
    size_t n = 0;
    enum tcxd_err rc;
    if ((rc = clean(decision_no, CADRE_DOC_MAX, true, "decision_no", &dec, e)) ||
        (rc = term_get(st, term_id, &t, e)) || (rc = cadre_load(st, seat->cadre_id, &c, e)) ||
        (rc = check_org(st, t.org_id, seat->from != DATE_NONE ? seat->from : t.from, "term", e)) ||
        (rc = store_begin(st, e)))
        goto out;
    if ((rc = term_seats(st, term_id, &held, &ids, &n, e))) {
        store_rollback(st);
        goto out;
    }
    struct committee_seat add = *seat;
    if (add.to == DATE_NONE)
        add.to = t.to;
    if ((rc = committee_seat_check(t.from, t.to, held, n, seat, e))) {
        store_rollback(st);
        goto out;
    }
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_SEAT_INSERT);
    sqlite3_bind_int64(s, 1, term_id);
    sqlite3_bind_int64(s, 2, add.cadre_id);
    sqlite3_bind_int(s, 3, add.role);
    sqlite3_bind_int(s, 4, add.join);
    store_bind_date(s, 5, add.from);
    store_bind_date(s, 6, add.to);
    store_bind_text(s, 7, dec.ptr);
    if ((rc = store_step_done(st, s, e, "adding the seat"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after =
        json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:s}", "term_id", (json_int_t)term_id, "cadre_id",
                  (json_int_t)add.cadre_id, "role", committee_role_name(add.role), "join",
                  committee_join_name(add.join), "from", json_date(add.from), "to",
                  json_date(add.to), "decision_no", dec.ptr);
    if (!(rc = audit_commit(st, who, "cadre.seat", "cadre_seat", id, t.org_id, after, e)) && id_out)
        *id_out = id;
out:
    free(held);
    free(ids);
    buf_release(&dec);
    return rc;
}

enum tcxd_err store_cadre_seat_end(struct store *st, const struct store_actor *who, int64_t seat_id,
                                   tcxd_date on, enum committee_leave reason, struct tcxd_error *e)
{
    if (on == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "date", "field %s is required", "date");
    if ((unsigned)reason >= CLEAVE__MAX || reason == CLEAVE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "reason", "give the reason the seat ends");
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_SEAT_GET);
    sqlite3_bind_int64(s, 1, seat_id);
    bool found;
    enum tcxd_err rc = one_row(st, s, "reading the seat", &found, e);
    if (rc)
        return rc;
    int64_t term_id = found ? sqlite3_column_int64(s, 0) : 0;
    tcxd_date from = found ? store_column_date(s, 1) : DATE_NONE;
    tcxd_date to = found ? store_column_date(s, 2) : DATE_NONE;
    sqlite3_reset(s);
    if (!found)
        return tcxd_fail(e, TCXD_ENOTFOUND, "seat", "no committee seat #%lld", (long long)seat_id);
    struct cadre_term_info t;
    if ((rc = term_get(st, term_id, &t, e)) || (rc = check_org(st, t.org_id, on, "seat", e)))
        return rc;
    if (on <= from || on > to) {
        char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
        date_format_vn(from, a);
        date_format_vn(to, b);
        return tcxd_fail(e, TCXD_EINVAL, "date", "the seat can end only after %s and by %s", a, b);
    }
    if ((rc = store_begin(st, e)))
        return rc;
    s = store_stmt(st, STMT_CADRE_SEAT_END);
    sqlite3_bind_int64(s, 1, seat_id);
    store_bind_date(s, 2, on);
    sqlite3_bind_int(s, 3, reason);
    if ((rc = store_step_done(st, s, e, "ending the seat")))
        return undo(st, rc);
    return audit_commit(
        st, who, "cadre.seat_end", "cadre_seat", seat_id, t.org_id,
        json_pack("{s:o, s:s}", "to", json_date(on), "reason", committee_leave_name(reason)), e);
}

enum tcxd_err store_cadre_committee(struct store *st, int64_t org_id, tcxd_date on,
                                    struct cadre_term_info *term,
                                    void (*fn)(void *ctx, const struct cadre_seat_info *s),
                                    void *ctx, struct tcxd_error *e)
{
    enum tcxd_err rc;
    if ((rc = store_scope_check_org(st, org_id, on, "org", e)) ||
        (rc = store_cadre_term_on(st, org_id, on, term, e)))
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_COMMITTEE_ON);
    sqlite3_bind_int64(s, 1, term->id);
    store_bind_date(s, 2, on);
    int r;
    struct cadre_seat_info x;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        memset(&x, 0, sizeof(x));
        x.id = sqlite3_column_int64(s, 0);
        x.term_id = sqlite3_column_int64(s, 1);
        x.seat.cadre_id = sqlite3_column_int64(s, 2);
        x.seat.role = (enum committee_role)sqlite3_column_int(s, 3);
        x.seat.join = (enum committee_join)sqlite3_column_int(s, 4);
        x.seat.from = store_column_date(s, 5);
        x.seat.to = store_column_date(s, 6);
        x.leave = (enum committee_leave)sqlite3_column_int(s, 7);
        store_column_copy(s, 8, x.full_name, sizeof(x.full_name));
        store_column_copy(s, 9, x.decision_no, sizeof(x.decision_no));
        fn(ctx, &x);
    }
    return r == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading the committee");
}

/* ---- positions ---- */

static void position_row(sqlite3_stmt *s, int c, struct cadre_position_info *p)
{
    p->id = sqlite3_column_int64(s, c);
    p->org_id = sqlite3_column_int64(s, c + 1);
    p->title = (enum position_title)sqlite3_column_int(s, c + 2);
    p->sector = (enum position_sector)sqlite3_column_int(s, c + 3);
    p->level = (enum cadre_mgmt)sqlite3_column_int(s, c + 4);
    store_column_copy(s, c + 5, p->name, sizeof(p->name));
    /* rows from before migration 0071: the defaults (the tier is the forms' to work out) */
    p->post = sqlite3_column_type(s, c + 6) == SQLITE_NULL
                  ? cadre_post_default(p->title)
                  : (enum cadre_post)sqlite3_column_int(s, c + 6);
    if ((unsigned)p->post >= CPOST__MAX)
        p->post = CPOST_NONE;
    p->tier_set = sqlite3_column_type(s, c + 7) != SQLITE_NULL;
    p->tier = p->tier_set ? (enum cadre_tier)sqlite3_column_int(s, c + 7) : CTIER_NONE;
    if ((unsigned)p->tier >= CTIER__MAX)
        p->tier = CTIER_NONE;
    p->leader = sqlite3_column_type(s, c + 8) == SQLITE_NULL
                    ? cadre_post_leader_default(p->post, p->title)
                    : sqlite3_column_int(s, c + 8) != 0;
    p->post_set = p->leader_set = true;
}

enum tcxd_err store_cadre_position_add(struct store *st, const struct store_actor *who,
                                       const struct cadre_position_info *p, int64_t *id_out,
                                       struct tcxd_error *e)
{
    struct buf name = BUF_INIT;
    enum tcxd_err rc;
    if ((rc = clean(p->name, CADRE_NAME_MAX, false, "name", &name, e)))
        goto out;
    if ((unsigned)p->title >= PT__MAX || (unsigned)p->sector >= PSEC__MAX ||
        (unsigned)p->level >= CADRE_MGMT__MAX) {
        rc = tcxd_fail(e, TCXD_EINVAL, "title", "invalid title, sector or level");
        goto out;
    }
    if ((p->post_set && (unsigned)p->post >= CPOST__MAX) ||
        (p->tier_set && (unsigned)p->tier >= CTIER__MAX)) {
        rc = tcxd_fail(e, TCXD_EINVAL,
                       p->post_set && (unsigned)p->post >= CPOST__MAX ? "post" : "tier",
                       "invalid post or tier");
        goto out;
    }
    enum cadre_post post = p->post_set ? p->post : cadre_post_default(p->title);
    enum cadre_tier tier = p->tier;
    bool leader = p->leader_set ? p->leader : cadre_post_leader_default(post, p->title);
    if ((rc = check_org(st, p->org_id, date_today(), "org_id", e)) ||
        (!p->tier_set &&
         (rc = tier_of_org(st, p->org_id, date_today(), cadre_post_of_committee(post), &tier, e))))
        goto out;
    /* a post or tier given: the post has a column at the tier (defaults are never refused: a
       bí thư chi bộ has no column and is not counted) */
    if ((p->post_set || p->tier_set) && post != CPOST_NONE &&
        cadre_post_column(CFORM_9, tier, post) < 0 && cadre_post_column(CFORM_12, tier, post) < 0) {
        if (p->tier_set)
            rc = tcxd_fail(e, TCXD_EINVAL, "tier",
                           "the post '%s' has no column on forms 9 and 12 at '%s'",
                           cadre_post_name(post), cadre_tier_name(tier));
        else
            rc = tcxd_fail(e, TCXD_EINVAL, "post",
                           "the post '%s' has no column on forms 9 and 12 at '%s' (the "
                           "organization's tier: give the tier, or post none)",
                           cadre_post_name(post), cadre_tier_name(tier));
        goto out;
    }
    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_POSITION_BY_NAME);
    sqlite3_bind_int64(s, 1, p->org_id);
    store_bind_text(s, 2, name.ptr);
    bool found;
    if ((rc = one_row(st, s, "reading the positions", &found, e))) {
        store_rollback(st);
        goto out;
    }
    sqlite3_reset(s);
    if (found) {
        rc = undo(st, tcxd_fail(e, TCXD_ECONFLICT, "name",
                                "the organization already has a position named '%s'", name.ptr));
        goto out;
    }
    s = store_stmt(st, STMT_CADRE_POSITION_INSERT);
    sqlite3_bind_int64(s, 1, p->org_id);
    sqlite3_bind_int(s, 2, p->title);
    sqlite3_bind_int(s, 3, p->sector);
    sqlite3_bind_int(s, 4, p->level);
    store_bind_text(s, 5, name.ptr);
    sqlite3_bind_int(s, 6, post);
    sqlite3_bind_int(s, 7, tier);
    sqlite3_bind_int(s, 8, leader);
    if ((rc = store_step_done(st, s, e, "adding the position"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "org_id", (json_int_t)p->org_id,
                  "title", position_title_name(p->title), "sector", position_sector_name(p->sector),
                  "level", cadre_mgmt_name(p->level), "name", name.ptr, "post",
                  cadre_post_name(post), "tier", cadre_tier_name(tier), "leader", leader);
    if (!(rc =
              audit_commit(st, who, "cadre.position", "cadre_position", id, p->org_id, after, e)) &&
        id_out)
        *id_out = id;
out:
    buf_release(&name);
    return rc;
}

enum tcxd_err store_cadre_position_get(struct store *st, int64_t id,
                                       struct cadre_position_info *out, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_POSITION_GET);
    sqlite3_bind_int64(s, 1, id);
    bool found;
    enum tcxd_err rc = one_row(st, s, "reading the position", &found, e);
    if (rc)
        return rc;
    memset(out, 0, sizeof(*out));
    if (found)
        position_row(s, 0, out);
    sqlite3_reset(s);
    if (!found || !store_scope_org_today(st, out->org_id))
        return tcxd_fail(e, TCXD_ENOTFOUND, "position", "no position #%lld", (long long)id);
    return TCXD_OK;
}

enum tcxd_err store_cadre_position_list(struct store *st, int64_t org_id,
                                        void (*fn)(void *ctx, const struct cadre_position_info *p),
                                        void *ctx, struct tcxd_error *e)
{
    struct org_tree t;
    uint32_t root;
    enum tcxd_err rc = subtree(st, org_id, date_today(), &t, &root, e);
    if (rc)
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_POSITION_LIST);
    int r;
    struct cadre_position_info p;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        memset(&p, 0, sizeof(p));
        position_row(s, 0, &p);
        if (in_subtree(&t, root, p.org_id) && store_scope_org_today(st, p.org_id))
            fn(ctx, &p);
    }
    org_tree_release(&t);
    return r == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "listing positions");
}

/* ---- appointments ---- */

/* The holdings of a position. Caller frees. */
static enum tcxd_err position_holdings(struct store *st, int64_t position_id,
                                       struct position_holding **out, size_t *n,
                                       struct tcxd_error *e)
{
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_HOLDINGS_OF_POSITION);
    sqlite3_bind_int64(s, 1, position_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            *out = xrealloc(*out, cap * sizeof(**out));
        }
        struct position_holding *h = &(*out)[(*n)++];
        h->cadre_id = sqlite3_column_int64(s, 0);
        h->position_id = sqlite3_column_int64(s, 1);
        h->from = store_column_date(s, 2);
        h->to = store_column_date(s, 3);
        h->term_end = store_column_date(s, 4);
    }
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return store_db_error(st, e, "reading the holdings");
    }
    return TCXD_OK;
}

/* The open holding of (cadre, position) on `on`: id and start, or 0. */
static int64_t holding_open(struct store *st, int64_t cadre_id, int64_t position_id, tcxd_date on,
                            tcxd_date *from, tcxd_date *to)
{
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_HOLDING_OPEN);
    sqlite3_bind_int64(s, 1, cadre_id);
    sqlite3_bind_int64(s, 2, position_id);
    store_bind_date(s, 3, on);
    int64_t id = 0;
    if (sqlite3_step(s) == SQLITE_ROW) {
        id = sqlite3_column_int64(s, 0);
        if (from)
            *from = store_column_date(s, 1);
        if (to)
            *to = store_column_date(s, 2);
    }
    sqlite3_reset(s);
    return id;
}

/* Active planning entries of the cadre (for one position, or all with position 0) on `on`. */
static enum tcxd_err plan_active(struct store *st, int64_t cadre_id, int64_t position_id,
                                 tcxd_date on, int64_t **ids, size_t *n, struct tcxd_error *e)
{
    size_t cap = 0;
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_PLAN_ACTIVE);
    sqlite3_bind_int64(s, 1, cadre_id);
    sqlite3_bind_int64(s, 2, position_id);
    store_bind_date(s, 3, on);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 4;
            *ids = xrealloc(*ids, cap * sizeof(**ids));
        }
        (*ids)[(*n)++] = sqlite3_column_int64(s, 0);
    }
    if (rc != SQLITE_DONE) {
        free(*ids);
        *ids = NULL;
        *n = 0;
        return store_db_error(st, e, "reading the planning");
    }
    return TCXD_OK;
}

static enum tcxd_err plan_remove_rows(struct store *st, const int64_t *ids, size_t n, tcxd_date on,
                                      enum plan_removal reason, struct tcxd_error *e)
{
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *s = store_stmt(st, STMT_CADRE_PLAN_REMOVE);
        sqlite3_bind_int64(s, 1, ids[i]);
        store_bind_date(s, 2, on);
        sqlite3_bind_int(s, 3, reason);
        enum tcxd_err rc = store_step_done(st, s, e, "removing from the planning");
        if (rc)
            return rc;
    }
    return TCXD_OK;
}

/* Whether a vote of two thirds low for (cadre, position) was held on or after `since`. */
static enum tcxd_err two_thirds_since(struct store *st, int64_t cadre_id, int64_t position_id,
                                      tcxd_date since, bool *out, struct tcxd_error *e)
{
    *out = false;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_VOTES_OF_CADRE);
    sqlite3_bind_int64(s, 1, cadre_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (sqlite3_column_int64(s, 11) != position_id || store_column_date(s, 1) < since)
            continue;
        struct vote_session vs = {sqlite3_column_int64(s, 3), sqlite3_column_int64(s, 4),
                                  sqlite3_column_int64(s, 5), sqlite3_column_int64(s, 6)};
        struct vote_tally t = {sqlite3_column_int64(s, 7), sqlite3_column_int64(s, 8),
                               sqlite3_column_int64(s, 9),
                               (enum vote_exclusion)sqlite3_column_int(s, 10)};
        if (vote_outcome_of(&vs, &t) == VOTE_TWO_THIRDS_LOW)
            *out = true;
    }
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading the votes");
}

enum tcxd_err store_cadre_appoint(struct store *st, const struct store_actor *who,
                                  const struct cadre_appoint_req *req, int64_t *id_out,
                                  struct tcxd_error *e)
{
    struct buf dec = BUF_INIT;
    struct cadre_info c;
    struct cadre_position_info p;
    struct cadre_discipline *disc = NULL;
    struct position_holding *held = NULL;
    int64_t *plans = NULL;
    size_t ndisc = 0, nheld = 0, nplans = 0;
    enum tcxd_err rc;
    if ((rc = clean(req->decision_no, CADRE_DOC_MAX, true, "decision_no", &dec, e)) ||
        (rc = store_cadre_get(st, req->cadre_id, &c, e)) ||
        (rc = store_cadre_position_get(st, req->position_id, &p, e)))
        goto out;
    if (req->date == DATE_NONE) {
        rc = tcxd_fail(e, TCXD_EINVAL, "date", "field %s is required", "date");
        goto out;
    }
    if ((rc = check_org(st, p.org_id, req->date, "position", e)) || (rc = store_begin(st, e)))
        goto out;
    if ((rc = disciplines(st, c.member_id, &disc, &ndisc, e)) ||
        (rc = plan_active(st, c.id, p.id, req->date, &plans, &nplans, e)) ||
        (rc = position_holdings(st, p.id, &held, &nheld, e))) {
        store_rollback(st);
        goto out;
    }
    tcxd_date since = DATE_NONE;
    int64_t current = holding_open(st, c.id, p.id, req->date - 1, &since, NULL);
    bool two_thirds = false;
    if (current && (rc = two_thirds_since(st, c.id, p.id, since, &two_thirds, e))) {
        store_rollback(st);
        goto out;
    }
    struct appoint_facts f = {
        .kind = req->kind,
        .date = req->date,
        .term_end = req->term_end,
        .in_planning = nplans > 0,
        .outside = req->outside,
        .holds_post = current != 0,
        .higher_post = req->higher_post,
        .two_thirds_low = two_thirds,
        .disc = disc,
        .ndisc = ndisc,
    };
    if ((rc = appoint_check(&f, e))) {
        store_rollback(st);
        goto out;
    }
    tcxd_date term_end = appoint_term_end(&f);
    bool opens = req->kind != APPOINT_NOMINATE;
    if (opens) {
        /* a reappointment continues: the holding it renews ends on its date */
        if (req->kind == APPOINT_RE)
            for (size_t i = 0; i < nheld; i++)
                if (held[i].cadre_id == c.id && position_holding_on(&held[i], req->date - 1))
                    held[i].to = req->date;
        struct position_holding h = {c.id, p.id, req->date, DATE_OPEN_END, term_end};
        if ((rc = position_holding_check(p.title, held, nheld, &h, e))) {
            store_rollback(st);
            goto out;
        }
    }
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_APPOINT_INSERT);
    sqlite3_bind_int64(s, 1, c.id);
    sqlite3_bind_int64(s, 2, p.id);
    sqlite3_bind_int(s, 3, req->kind);
    store_bind_date(s, 4, req->date);
    store_bind_date(s, 5, term_end);
    store_bind_text(s, 6, dec.ptr);
    sqlite3_bind_int(s, 7, req->outside);
    if ((rc = store_step_done(st, s, e, "recording the appointment"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    if (opens) {
        if (req->kind == APPOINT_RE) {
            s = store_stmt(st, STMT_CADRE_HOLDING_SET_END);
            sqlite3_bind_int64(s, 1, current);
            store_bind_date(s, 2, req->date);
            if ((rc = store_step_done(st, s, e, "ending the previous term"))) {
                store_rollback(st);
                goto out;
            }
        }
        s = store_stmt(st, STMT_CADRE_HOLDING_INSERT);
        sqlite3_bind_int64(s, 1, c.id);
        sqlite3_bind_int64(s, 2, p.id);
        store_bind_date(s, 3, req->date);
        store_bind_date(s, 4, DATE_OPEN_END);
        store_bind_date(s, 5, term_end);
        store_bind_text(s, 6, dec.ptr);
        sqlite3_bind_int64(s, 7, id);
        if ((rc = store_step_done(st, s, e, "recording the holding"))) {
            store_rollback(st);
            goto out;
        }
        /* appointed: out of the planning for this post */
        if (req->kind == APPOINT_NEW &&
            (rc = plan_remove_rows(st, plans, nplans, req->date, PREMOVE_APPOINTED, e))) {
            store_rollback(st);
            goto out;
        }
    }
    json_t *after = json_pack("{s:I, s:I, s:s, s:o, s:o, s:s, s:b}", "cadre_id", (json_int_t)c.id,
                              "position_id", (json_int_t)p.id, "kind", appoint_kind_name(req->kind),
                              "date", json_date(req->date), "term_end", json_date(term_end),
                              "decision_no", dec.ptr, "outside", req->outside);
    if (!(rc = audit_commit(st, who, "cadre.appoint", "cadre_appointment", id, p.org_id, after,
                            e)) &&
        id_out)
        *id_out = id;
out:
    free(disc);
    free(held);
    free(plans);
    buf_release(&dec);
    return rc;
}

enum tcxd_err store_cadre_holding_end(struct store *st, const struct store_actor *who,
                                      int64_t cadre_id, int64_t position_id, tcxd_date on,
                                      struct tcxd_error *e)
{
    struct cadre_info c;
    struct cadre_position_info p;
    enum tcxd_err rc;
    if (on == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "date", "field %s is required", "date");
    if ((rc = store_cadre_get(st, cadre_id, &c, e)) ||
        (rc = store_cadre_position_get(st, position_id, &p, e)) ||
        (rc = check_org(st, p.org_id, on, "position", e)))
        return rc;
    tcxd_date from = DATE_NONE, to = DATE_NONE;
    int64_t h = holding_open(st, cadre_id, position_id, on - 1, &from, &to);
    char d[DATE_ISO_LEN];
    if (!h || from >= on) {
        date_format_vn(on, d);
        return tcxd_fail(e, TCXD_ENOTFOUND, "position",
                         "the cadre does not hold the post before %s", d);
    }
    if (to != DATE_OPEN_END) { /* ended already (relieved, or reappointed): not twice */
        date_format_vn(to, d);
        return tcxd_fail(e, TCXD_ECONFLICT, "date", "the holding already ended on %s", d);
    }
    if ((rc = store_begin(st, e)))
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_HOLDING_SET_END);
    sqlite3_bind_int64(s, 1, h);
    store_bind_date(s, 2, on);
    if ((rc = store_step_done(st, s, e, "ending the holding")))
        return undo(st, rc);
    return audit_commit(st, who, "cadre.holding_end", "cadre_holding", h, p.org_id,
                        json_pack("{s:I, s:I, s:o}", "cadre_id", (json_int_t)cadre_id,
                                  "position_id", (json_int_t)position_id, "to", json_date(on)),
                        e);
}

static void holding_row(sqlite3_stmt *s, struct cadre_holding_info *h)
{
    memset(h, 0, sizeof(*h));
    h->id = sqlite3_column_int64(s, 0);
    h->h.cadre_id = sqlite3_column_int64(s, 1);
    h->h.position_id = sqlite3_column_int64(s, 2);
    h->h.from = store_column_date(s, 3);
    h->h.to = store_column_date(s, 4);
    h->h.term_end = store_column_date(s, 5);
    store_column_copy(s, 6, h->decision_no, sizeof(h->decision_no));
    h->position.id = h->h.position_id;
    h->position.org_id = sqlite3_column_int64(s, 7);
    h->position.title = (enum position_title)sqlite3_column_int(s, 8);
    h->position.sector = (enum position_sector)sqlite3_column_int(s, 9);
    h->position.level = (enum cadre_mgmt)sqlite3_column_int(s, 10);
    store_column_copy(s, 11, h->position.name, sizeof(h->position.name));
    store_column_copy(s, 12, h->full_name, sizeof(h->full_name));
}

enum tcxd_err store_cadre_holdings(struct store *st, int64_t cadre_id,
                                   void (*fn)(void *ctx, const struct cadre_holding_info *h),
                                   void *ctx, struct tcxd_error *e)
{
    struct cadre_info c;
    enum tcxd_err rc = store_cadre_get(st, cadre_id, &c, e);
    if (rc)
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_HOLDINGS_OF_CADRE);
    sqlite3_bind_int64(s, 1, cadre_id);
    int r;
    struct cadre_holding_info h;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        holding_row(s, &h);
        fn(ctx, &h);
    }
    return r == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading the career");
}

enum tcxd_err store_cadre_due(struct store *st, int64_t org_id, tcxd_date on, int horizon_days,
                              int soon_days, void (*fn)(void *ctx, const struct cadre_due_info *d),
                              void *ctx, struct tcxd_error *e)
{
    struct org_tree t;
    uint32_t root;
    enum tcxd_err rc = subtree(st, org_id, on, &t, &root, e);
    if (rc)
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_HOLDINGS_DUE);
    store_bind_date(s, 1, on);
    store_bind_date(s, 2, on + horizon_days);
    int r;
    struct cadre_due_info d;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        holding_row(s, &d.holding);
        if (!in_subtree(&t, root, d.holding.position.org_id) ||
            !store_scope_org_on(st, d.holding.position.org_id, on))
            continue;
        d.notice_by = reappoint_notice_by(d.holding.h.term_end);
        d.state = reappoint_state_on(d.holding.h.term_end, on, soon_days);
        fn(ctx, &d);
    }
    org_tree_release(&t);
    return r == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading the due list");
}

enum tcxd_err store_cadre_concurrent(struct store *st, int64_t org_id, tcxd_date on,
                                     enum position_title title, int64_t *num, int64_t *den,
                                     struct tcxd_error *e)
{
    struct org_tree t;
    uint32_t root;
    *num = *den = 0;
    enum tcxd_err rc = subtree(st, org_id, on, &t, &root, e);
    if (rc)
        return rc;
    /* the secretaries first (one statement at a time on the handle's cache) */
    struct pair {
        int64_t org, cadre;
    } *v = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_SEATS_OF_ROLE_ON);
    sqlite3_bind_int(s, 1, CROLE_SECRETARY);
    store_bind_date(s, 2, on);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t org = sqlite3_column_int64(s, 0);
        if (!in_subtree(&t, root, org) || !store_scope_org_on(st, org, on))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            v = xrealloc(v, cap * sizeof(*v));
        }
        v[n].org = org;
        v[n].cadre = sqlite3_column_int64(s, 1);
        n++;
    }
    org_tree_release(&t);
    if (r != SQLITE_DONE) {
        free(v);
        return store_db_error(st, e, "reading the secretaries");
    }
    for (size_t i = 0; i < n; i++) {
        if (i && v[i].org == v[i - 1].org)
            continue; /* cannot happen: one secretary at a time */
        (*den)++;
        s = store_stmt(st, STMT_CADRE_HOLDS_TITLE_ON);
        sqlite3_bind_int64(s, 1, v[i].cadre);
        sqlite3_bind_int64(s, 2, v[i].org);
        sqlite3_bind_int(s, 3, title);
        store_bind_date(s, 4, on);
        if (sqlite3_step(s) == SQLITE_ROW)
            (*num)++;
        sqlite3_reset(s);
    }
    free(v);
    return TCXD_OK;
}

/* ---- planning ---- */

enum tcxd_err store_cadre_plan_add(struct store *st, const struct store_actor *who,
                                   const char *term, int64_t position_id, int64_t cadre_id,
                                   tcxd_date on, int64_t *id_out, struct tcxd_error *e)
{
    struct buf tb = BUF_INIT;
    struct cadre_info c;
    struct cadre_position_info p;
    struct plan_entry *held = NULL;
    struct cadre_discipline *disc = NULL;
    size_t n = 0, cap = 0, ndisc = 0;
    enum tcxd_err rc;
    if ((rc = clean(term, 60, false, "term", &tb, e)) ||
        (rc = store_cadre_get(st, cadre_id, &c, e)) ||
        (rc = store_cadre_position_get(st, position_id, &p, e)))
        goto out;
    if (on == DATE_NONE) {
        rc = tcxd_fail(e, TCXD_EINVAL, "date", "field %s is required", "date");
        goto out;
    }
    if ((rc = check_org(st, p.org_id, on, "position", e)) || (rc = store_begin(st, e)))
        goto out;
    if ((rc = disciplines(st, c.member_id, &disc, &ndisc, e))) {
        store_rollback(st);
        goto out;
    }
    for (size_t i = 0; i < ndisc; i++)
        if (cadre_discipline_in_force(&disc[i], on)) {
            char d[DATE_ISO_LEN];
            date_format_vn(disc[i].date, d);
            rc = undo(st, tcxd_fail(e, TCXD_ERULE, "discipline",
                                    "a discipline (%s of %s) is in force: not planned",
                                    discipline_form_label(disc[i].form), d));
            goto out;
        }
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_PLAN_OF_TERM);
    store_bind_text(s, 1, tb.ptr);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            held = xrealloc(held, cap * sizeof(*held));
        }
        held[n].cadre_id = sqlite3_column_int64(s, 0);
        held[n].position_id = sqlite3_column_int64(s, 1);
        held[n].level = (enum cadre_mgmt)sqlite3_column_int(s, 2);
        held[n].added = store_column_date(s, 3);
        held[n].removed = store_column_date(s, 4);
        n++;
    }
    if (r != SQLITE_DONE) {
        rc = undo(st, store_db_error(st, e, "reading the planning"));
        goto out;
    }
    struct plan_entry add = {c.id, p.id, p.level, on, DATE_OPEN_END};
    if ((rc = plan_add_check(held, n, &add, e))) {
        store_rollback(st);
        goto out;
    }
    s = store_stmt(st, STMT_CADRE_PLAN_INSERT);
    store_bind_text(s, 1, tb.ptr);
    sqlite3_bind_int64(s, 2, p.id);
    sqlite3_bind_int64(s, 3, c.id);
    sqlite3_bind_int(s, 4, p.level);
    store_bind_date(s, 5, on);
    store_bind_date(s, 6, DATE_OPEN_END);
    if ((rc = store_step_done(st, s, e, "adding to the planning"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after =
        json_pack("{s:s, s:I, s:I, s:o}", "term", tb.ptr, "position_id", (json_int_t)p.id,
                  "cadre_id", (json_int_t)c.id, "added", json_date(on));
    if (!(rc = audit_commit(st, who, "cadre.plan", "cadre_plan", id, p.org_id, after, e)) && id_out)
        *id_out = id;
out:
    free(held);
    free(disc);
    buf_release(&tb);
    return rc;
}

enum tcxd_err store_cadre_plan_remove(struct store *st, const struct store_actor *who,
                                      int64_t plan_id, tcxd_date on, enum plan_removal reason,
                                      struct tcxd_error *e)
{
    if (on == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "date", "field %s is required", "date");
    if ((unsigned)reason >= PREMOVE__MAX || reason == PREMOVE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "reason", "give the reason for the removal");
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_PLAN_GET);
    sqlite3_bind_int64(s, 1, plan_id);
    bool found;
    enum tcxd_err rc = one_row(st, s, "reading the planning", &found, e);
    if (rc)
        return rc;
    tcxd_date added = found ? store_column_date(s, 2) : DATE_NONE;
    tcxd_date removed = found ? store_column_date(s, 3) : DATE_NONE;
    int64_t org = found ? sqlite3_column_int64(s, 4) : 0;
    sqlite3_reset(s);
    if (!found || !store_scope_org_today(st, org))
        return tcxd_fail(e, TCXD_ENOTFOUND, "plan", "no planning entry #%lld", (long long)plan_id);
    if ((rc = check_org(st, org, on, "plan", e)))
        return rc;
    if (removed != DATE_OPEN_END)
        return tcxd_fail(e, TCXD_ECONFLICT, "plan", "the entry was already removed");
    if (on < added) {
        char d[DATE_ISO_LEN];
        date_format_vn(added, d);
        return tcxd_fail(e, TCXD_EINVAL, "date", "the entry was added on %s", d);
    }
    if ((rc = store_begin(st, e)))
        return rc;
    if ((rc = plan_remove_rows(st, &plan_id, 1, on, reason, e)))
        return undo(st, rc);
    return audit_commit(
        st, who, "cadre.plan_remove", "cadre_plan", plan_id, org,
        json_pack("{s:o, s:s}", "removed", json_date(on), "reason", plan_removal_name(reason)), e);
}

enum tcxd_err store_cadre_plan_list(struct store *st, const char *term, int64_t position_id,
                                    tcxd_date on,
                                    void (*fn)(void *ctx, const struct cadre_plan_info *p),
                                    void *ctx, struct plan_shares *shares, struct tcxd_error *e)
{
    if (shares)
        memset(shares, 0, sizeof(*shares));
    if (position_id) {
        struct cadre_position_info p;
        enum tcxd_err rc = store_cadre_position_get(st, position_id, &p, e);
        if (rc)
            return rc;
    }
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_PLAN_LIST);
    store_bind_text(s, 1, term);
    sqlite3_bind_int64(s, 2, position_id);
    store_bind_date(s, 3, on);
    int r;
    struct cadre_plan_info x;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        if (!store_scope_org_today(st, sqlite3_column_int64(s, 11)))
            continue; /* a position outside the scope: neither listed nor counted */
        memset(&x, 0, sizeof(x));
        x.id = sqlite3_column_int64(s, 0);
        store_column_copy(s, 1, x.term, sizeof(x.term));
        x.entry.position_id = sqlite3_column_int64(s, 2);
        x.entry.cadre_id = sqlite3_column_int64(s, 3);
        x.entry.level = (enum cadre_mgmt)sqlite3_column_int(s, 4);
        x.entry.added = store_column_date(s, 5);
        x.entry.removed = store_column_date(s, 6);
        x.reason = (enum plan_removal)sqlite3_column_int(s, 7);
        store_column_copy(s, 8, x.full_name, sizeof(x.full_name));
        if (shares) {
            shares->planned++;
            if (sqlite3_column_int(s, 9) == GENDER_FEMALE)
                shares->women++;
            if (cadre_age_band(store_column_date(s, 10), on) == 0)
                shares->young++;
        }
        fn(ctx, &x);
    }
    return r == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading the planning");
}

/* ---- rotation, training ---- */

enum tcxd_err store_cadre_move_add(struct store *st, const struct store_actor *who,
                                   const struct cadre_move_req *req, int64_t *id_out,
                                   struct tcxd_error *e)
{
    struct buf from = BUF_INIT, dec = BUF_INIT;
    struct cadre_info c;
    struct cadre_discipline *disc = NULL;
    size_t ndisc = 0;
    enum tcxd_err rc;
    if ((rc = clean(req->from_text, CADRE_TEXT_MAX, true, "from", &from, e)) ||
        (rc = clean(req->decision_no, CADRE_DOC_MAX, true, "decision_no", &dec, e)) ||
        (rc = store_cadre_get(st, req->cadre_id, &c, e)))
        goto out;
    if (req->move.date == DATE_NONE) {
        rc = tcxd_fail(e, TCXD_EINVAL, "date", "field %s is required", "date");
        goto out;
    }
    if ((rc = store_scope_check_write(st, c.org_id, req->move.date, "cadre", e)) ||
        (rc = check_org(st, req->to_org_id, req->move.date, "to_org", e)) ||
        (rc = store_begin(st, e)))
        goto out;
    if ((rc = disciplines(st, c.member_id, &disc, &ndisc, e)) ||
        (rc = cadre_move_check(&req->move, disc, ndisc, e))) {
        store_rollback(st);
        goto out;
    }
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_MOVE_INSERT);
    sqlite3_bind_int64(s, 1, c.id);
    sqlite3_bind_int(s, 2, req->move.kind);
    sqlite3_bind_int(s, 3, req->move.direction);
    store_bind_date(s, 4, req->move.date);
    store_bind_date(s, 5, req->move.until);
    store_bind_text(s, 6, from.ptr);
    sqlite3_bind_int64(s, 7, req->to_org_id);
    store_bind_text(s, 8, dec.ptr);
    if ((rc = store_step_done(st, s, e, "recording the move"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after = json_pack(
        "{s:I, s:s, s:s, s:o, s:o, s:s, s:I, s:s}", "cadre_id", (json_int_t)c.id, "kind",
        move_kind_name(req->move.kind), "direction", move_direction_name(req->move.direction),
        "date", json_date(req->move.date), "until", json_date(req->move.until), "from", from.ptr,
        "to_org_id", (json_int_t)req->to_org_id, "decision_no", dec.ptr);
    if (!(rc = audit_commit(st, who, "cadre.move", "cadre_move", id, req->to_org_id, after, e)) &&
        id_out)
        *id_out = id;
out:
    free(disc);
    buf_release(&from);
    buf_release(&dec);
    return rc;
}

enum tcxd_err store_cadre_training_add(struct store *st, const struct store_actor *who,
                                       int64_t cadre_id, enum training_programme p,
                                       enum training_mode m, tcxd_date from, tcxd_date to,
                                       const char *institution, int64_t *id_out,
                                       struct tcxd_error *e)
{
    struct buf inst = BUF_INIT;
    struct cadre_info c;
    enum tcxd_err rc;
    if ((rc = clean(institution, CADRE_TEXT_MAX, true, "institution", &inst, e)) ||
        (rc = store_cadre_get(st, cadre_id, &c, e)) ||
        (rc = store_scope_check_write(st, c.org_id, from != DATE_NONE ? from : date_today(),
                                      "cadre", e)) ||
        (rc = training_check(p, m, from, to, e)) || (rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_TRAINING_INSERT);
    sqlite3_bind_int64(s, 1, c.id);
    sqlite3_bind_int(s, 2, p);
    sqlite3_bind_int(s, 3, m);
    store_bind_date(s, 4, from);
    store_bind_date(s, 5, to);
    store_bind_text(s, 6, inst.ptr);
    if ((rc = store_step_done(st, s, e, "recording the training"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after =
        json_pack("{s:I, s:s, s:s, s:o, s:o, s:s}", "cadre_id", (json_int_t)c.id, "programme",
                  training_programme_name(p), "mode", training_mode_name(m), "from",
                  json_date(from), "to", json_date(to), "institution", inst.ptr);
    if (!(rc = audit_commit(st, who, "cadre.training", "cadre_training", id, c.org_id, after, e)) &&
        id_out)
        *id_out = id;
out:
    buf_release(&inst);
    return rc;
}

/* ---- votes ---- */

enum tcxd_err store_cadre_vote_session_add(struct store *st, const struct store_actor *who,
                                           const struct cadre_vote_session_info *req,
                                           int64_t *id_out, struct tcxd_error *e)
{
    enum tcxd_err rc;
    if (req->held_on == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "date", "field %s is required", "date");
    int year = req->year ? req->year : date_to_ymd(req->held_on).y;
    if ((rc = vote_session_check(&req->s, e)) ||
        (rc = check_org(st, req->org_id, req->held_on, "org_id", e)) || (rc = store_begin(st, e)))
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_VOTE_SESSION_INSERT);
    sqlite3_bind_int64(s, 1, req->org_id);
    store_bind_date(s, 2, req->held_on);
    sqlite3_bind_int(s, 3, year);
    sqlite3_bind_int64(s, 4, req->s.convened);
    sqlite3_bind_int64(s, 5, req->s.present);
    sqlite3_bind_int64(s, 6, req->s.issued);
    sqlite3_bind_int64(s, 7, req->s.returned);
    if ((rc = store_step_done(st, s, e, "recording the vote session")))
        return undo(st, rc);
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after = json_pack(
        "{s:I, s:o, s:i, s:I, s:I, s:I, s:I, s:b}", "org_id", (json_int_t)req->org_id, "held_on",
        json_date(req->held_on), "year", year, "convened", (json_int_t)req->s.convened, "present",
        (json_int_t)req->s.present, "issued", (json_int_t)req->s.issued, "returned",
        (json_int_t)req->s.returned, "quorum", vote_quorum(&req->s));
    if (!(rc = audit_commit(st, who, "cadre.vote_session", "cadre_vote_session", id, req->org_id,
                            after, e)) &&
        id_out)
        *id_out = id;
    return rc;
}

static void session_row(sqlite3_stmt *s, struct cadre_vote_session_info *out)
{
    out->id = sqlite3_column_int64(s, 0);
    out->org_id = sqlite3_column_int64(s, 1);
    out->held_on = store_column_date(s, 2);
    out->year = sqlite3_column_int(s, 3);
    out->s.convened = sqlite3_column_int64(s, 4);
    out->s.present = sqlite3_column_int64(s, 5);
    out->s.issued = sqlite3_column_int64(s, 6);
    out->s.returned = sqlite3_column_int64(s, 7);
}

enum tcxd_err store_cadre_vote_session_list(struct store *st, int64_t org_id, int year,
                                            void (*fn)(void *ctx,
                                                       const struct cadre_vote_session_info *v),
                                            void *ctx, struct tcxd_error *e)
{
    struct org_tree t;
    uint32_t root;
    enum tcxd_err rc = subtree(st, org_id, date_today(), &t, &root, e);
    if (rc)
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_VOTE_SESSION_LIST);
    sqlite3_bind_int(s, 1, year);
    int r;
    struct cadre_vote_session_info v;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        memset(&v, 0, sizeof(v));
        session_row(s, &v);
        if (in_subtree(&t, root, v.org_id) && store_scope_org_today(st, v.org_id))
            fn(ctx, &v);
    }
    org_tree_release(&t);
    return r == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "listing vote sessions");
}

enum tcxd_err store_cadre_vote_session_get(struct store *st, int64_t id,
                                           struct cadre_vote_session_info *out,
                                           struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_VOTE_SESSION_GET);
    sqlite3_bind_int64(s, 1, id);
    bool found;
    enum tcxd_err rc = one_row(st, s, "reading the vote session", &found, e);
    if (rc)
        return rc;
    memset(out, 0, sizeof(*out));
    if (found)
        session_row(s, out);
    sqlite3_reset(s);
    if (!found || !store_scope_org_today(st, out->org_id))
        return tcxd_fail(e, TCXD_ENOTFOUND, "session", "no vote session #%lld", (long long)id);
    return TCXD_OK;
}

enum tcxd_err store_cadre_vote_add(struct store *st, const struct store_actor *who,
                                   int64_t session_id, int64_t cadre_id, int64_t position_id,
                                   const struct vote_tally *tin, enum vote_outcome *outcome,
                                   struct tcxd_error *e)
{
    struct cadre_vote_session_info vs;
    struct cadre_info c;
    struct cadre_position_info p;
    int64_t *plans = NULL;
    size_t nplans = 0;
    enum tcxd_err rc;
    if ((rc = store_cadre_vote_session_get(st, session_id, &vs, e)) ||
        (rc = store_cadre_get(st, cadre_id, &c, e)) ||
        (rc = store_cadre_position_get(st, position_id, &p, e)) ||
        (rc = check_org(st, vs.org_id, vs.held_on, "session", e)))
        return rc;
    struct vote_tally t = *tin;
    tcxd_date since = DATE_NONE;
    if (!holding_open(st, cadre_id, position_id, vs.held_on, &since, NULL)) {
        char d[DATE_ISO_LEN];
        date_format_vn(vs.held_on, d);
        return tcxd_fail(e, TCXD_ERULE, "position", "the cadre does not hold the post on %s", d);
    }
    /* the exclusions the data shows; the rest (leave) is entered */
    bool retiring = c.retiring_on != DATE_NONE && c.retiring_on <= vs.held_on;
    enum vote_exclusion ex = vote_exclusion_for(since, vs.year, retiring, t.excluded == VEX_LEAVE);
    if (ex != VEX_NONE && ex != t.excluded && t.high + t.medium + t.low > 0)
        return tcxd_fail(e, TCXD_ERULE, "excluded", "%s: not voted (%s)", c.full_name,
                         vote_exclusion_label(ex));
    if (ex != VEX_NONE)
        t.excluded = ex;
    if ((rc = vote_tally_check(&vs.s, &t, e)) || (rc = store_begin(st, e)))
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_VOTE_EXISTS);
    sqlite3_bind_int64(s, 1, session_id);
    sqlite3_bind_int64(s, 2, cadre_id);
    sqlite3_bind_int64(s, 3, position_id);
    bool found;
    if ((rc = one_row(st, s, "reading the votes", &found, e)))
        return undo(st, rc);
    sqlite3_reset(s);
    if (found)
        return undo(st,
                    tcxd_fail(e, TCXD_ECONFLICT, "cadre",
                              "the session already has a tally for %s as %s", c.full_name, p.name));
    s = store_stmt(st, STMT_CADRE_VOTE_INSERT);
    sqlite3_bind_int64(s, 1, session_id);
    sqlite3_bind_int64(s, 2, cadre_id);
    sqlite3_bind_int64(s, 3, position_id);
    sqlite3_bind_int64(s, 4, t.high);
    sqlite3_bind_int64(s, 5, t.medium);
    sqlite3_bind_int64(s, 6, t.low);
    sqlite3_bind_int(s, 7, t.excluded);
    if ((rc = store_step_done(st, s, e, "recording the tally")))
        return undo(st, rc);
    enum vote_outcome o = vote_outcome_of(&vs.s, &t);
    size_t removed = 0;
    if (vote_outcome_removes_from_planning(o)) {
        if ((rc = plan_active(st, cadre_id, 0, vs.held_on, &plans, &nplans, e)) ||
            (rc = plan_remove_rows(st, plans, nplans, vs.held_on, PREMOVE_LOW_CONFIDENCE, e))) {
            free(plans);
            return undo(st, rc);
        }
        removed = nplans;
        free(plans);
    }
    json_t *after = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:s, s:s, s:I}", "session_id",
                              (json_int_t)session_id, "cadre_id", (json_int_t)cadre_id,
                              "position_id", (json_int_t)position_id, "high", (json_int_t)t.high,
                              "medium", (json_int_t)t.medium, "low", (json_int_t)t.low, "excluded",
                              vote_exclusion_name(t.excluded), "outcome", vote_outcome_name(o),
                              "planning_removed", (json_int_t)removed);
    rc = audit_commit(st, who, "cadre.vote", "cadre_vote_session", session_id, vs.org_id, after, e);
    if (!rc && outcome)
        *outcome = o;
    return rc;
}

enum tcxd_err store_cadre_vote_results(struct store *st, int64_t session_id,
                                       void (*fn)(void *ctx, const struct cadre_vote_info *v),
                                       void *ctx, struct tcxd_error *e)
{
    struct cadre_vote_session_info vs;
    enum tcxd_err rc = store_cadre_vote_session_get(st, session_id, &vs, e);
    if (rc)
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_VOTE_RESULTS);
    sqlite3_bind_int64(s, 1, session_id);
    int r;
    struct cadre_vote_info v;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        memset(&v, 0, sizeof(v));
        v.session_id = session_id;
        v.cadre_id = sqlite3_column_int64(s, 0);
        v.position_id = sqlite3_column_int64(s, 1);
        v.t.high = sqlite3_column_int64(s, 2);
        v.t.medium = sqlite3_column_int64(s, 3);
        v.t.low = sqlite3_column_int64(s, 4);
        v.t.excluded = (enum vote_exclusion)sqlite3_column_int(s, 5);
        store_column_copy(s, 6, v.full_name, sizeof(v.full_name));
        store_column_copy(s, 7, v.position, sizeof(v.position));
        v.outcome = vote_outcome_of(&vs.s, &v.t);
        fn(ctx, &v);
    }
    return r == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading the votes");
}

enum tcxd_err store_cadre_vote_for_member(struct store *st, int64_t member_id, int year,
                                          struct cadre_vote_year *out, struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    int64_t cadre_id;
    struct tcxd_error ignore;
    if (store_cadre_by_member(st, member_id, &cadre_id, &ignore))
        return TCXD_OK; /* not a cadre: no vote */
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_VOTES_OF_CADRE);
    sqlite3_bind_int64(s, 1, cadre_id);
    int r;
    int64_t session = 0;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        if (sqlite3_column_int(s, 2) != year ||
            (enum vote_exclusion)sqlite3_column_int(s, 10) != VEX_NONE)
            continue;
        int64_t sid = sqlite3_column_int64(s, 0);
        if (session && sid != session)
            break; /* the latest session of the year only (rows are newest first) */
        session = sid;
        struct vote_session vs = {sqlite3_column_int64(s, 3), sqlite3_column_int64(s, 4),
                                  sqlite3_column_int64(s, 5), sqlite3_column_int64(s, 6)};
        struct vote_tally t = {sqlite3_column_int64(s, 7), sqlite3_column_int64(s, 8),
                               sqlite3_column_int64(s, 9), VEX_NONE};
        /* several posts in the session: the worst share of low votes */
        if (!out->found || t.low * out->returned > out->low * vs.returned) {
            out->found = true;
            out->session_id = sid;
            out->held_on = store_column_date(s, 1);
            out->returned = vs.returned;
            out->low = t.low;
            out->outcome = vote_outcome_of(&vs, &t);
        }
    }
    sqlite3_reset(s);
    return r == SQLITE_DONE || r == SQLITE_ROW ? TCXD_OK
                                               : store_db_error(st, e, "reading the votes");
}

/* ---- reports ---- */

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Distinct cadres of the rows (cadre, org) of s whose org is in the subtree. */
static enum tcxd_err distinct_in(struct store *st, sqlite3_stmt *s, const struct org_tree *t,
                                 uint32_t root, int64_t *out, struct tcxd_error *e)
{
    int64_t *v = NULL;
    size_t n = 0, cap = 0;
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t org = sqlite3_column_int64(s, 1);
        if (!in_subtree(t, root, org) || !store_scope_org_today(st, org))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            v = xrealloc(v, cap * sizeof(*v));
        }
        v[n++] = sqlite3_column_int64(s, 0);
    }
    if (r != SQLITE_DONE) {
        free(v);
        return store_db_error(st, e, "counting cadre work");
    }
    if (n)
        qsort(v, n, sizeof(*v), cmp_i64);
    *out = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || v[i] != v[i - 1])
            (*out)++;
    free(v);
    return TCXD_OK;
}

enum tcxd_err store_cadre_work_counts(struct store *st, int64_t org_id, tcxd_date from,
                                      tcxd_date to, struct cadre_work_counts *out,
                                      struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    if (from == DATE_NONE || to == DATE_NONE || to < from) {
        char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
        date_format_vn(from, a);
        date_format_vn(to, b);
        return tcxd_fail(e, TCXD_EINVAL, "to", "the period ends (%s) before it starts (%s)", b, a);
    }
    struct org_tree t;
    uint32_t root;
    enum tcxd_err rc = subtree(st, org_id, to, &t, &root, e);
    if (rc)
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_APPOINTS_IN);
    store_bind_date(s, 1, from);
    store_bind_date(s, 2, to);
    if (!(rc = distinct_in(st, s, &t, root, &out->appointed, e))) {
        s = store_stmt(st, STMT_CADRE_MOVES_IN);
        store_bind_date(s, 1, from);
        store_bind_date(s, 2, to);
        sqlite3_bind_int(s, 3, MOVE_BIET_PHAI);
        rc = distinct_in(st, s, &t, root, &out->moved, e);
    }
    if (!rc) {
        s = store_stmt(st, STMT_CADRE_ADDS_IN);
        store_bind_date(s, 1, from);
        store_bind_date(s, 2, to);
        sqlite3_bind_int(s, 3, CJOIN_CONGRESS);
        rc = distinct_in(st, s, &t, root, &out->added, e);
    }
    org_tree_release(&t);
    return rc;
}

enum tcxd_err
store_cadre_appoint_events(struct store *st, int64_t org_id, tcxd_date from, tcxd_date to,
                           void (*fn)(void *ctx, const struct cadre_appoint_event *ev), void *ctx,
                           struct tcxd_error *e)
{
    if (from == DATE_NONE || to == DATE_NONE || to < from)
        return tcxd_fail(e, TCXD_EINVAL, "to", "the period ends before it starts");
    struct org_tree t;
    uint32_t root;
    enum tcxd_err rc = subtree(st, org_id, to, &t, &root, e);
    if (rc)
        return rc;
    /* the events first, then each cadre (another statement) */
    struct cadre_appoint_event *v = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_APPOINT_EVENTS);
    store_bind_date(s, 1, from);
    store_bind_date(s, 2, to);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t org = sqlite3_column_int64(s, 1);
        if (!in_subtree(&t, root, org) || !store_scope_org_today(st, org))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            v = xrealloc(v, cap * sizeof(*v));
        }
        struct cadre_appoint_event *x = &v[n++];
        memset(x, 0, sizeof(*x));
        x->cadre_id = sqlite3_column_int64(s, 0);
        x->org_id = org;
        x->kind = (enum appoint_kind)sqlite3_column_int(s, 2);
        x->date = store_column_date(s, 3);
        x->position_id = sqlite3_column_int64(s, 4);
    }
    sqlite3_reset(s);
    org_tree_release(&t);
    if (r != SQLITE_DONE)
        rc = store_db_error(st, e, "reading the appointments");
    for (size_t i = 0; i < n && !rc; i++)
        if (!(rc = cadre_load(st, v[i].cadre_id, &v[i].cadre, e)))
            fn(ctx, &v[i]);
    free(v);
    return rc;
}

enum tcxd_err store_cadre_move_events(struct store *st, int64_t org_id, tcxd_date from,
                                      tcxd_date to,
                                      void (*fn)(void *ctx, const struct cadre_move_event *ev),
                                      void *ctx, struct tcxd_error *e)
{
    if (from == DATE_NONE || to == DATE_NONE || to < from)
        return tcxd_fail(e, TCXD_EINVAL, "to", "the period ends before it starts");
    struct org_tree t;
    uint32_t root;
    enum tcxd_err rc = subtree(st, org_id, to, &t, &root, e);
    if (rc)
        return rc;
    struct cadre_move_event *v = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_MOVE_EVENTS);
    store_bind_date(s, 1, from);
    store_bind_date(s, 2, to);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t org = sqlite3_column_int64(s, 1);
        if (!in_subtree(&t, root, org) || !store_scope_org_today(st, org))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            v = xrealloc(v, cap * sizeof(*v));
        }
        struct cadre_move_event *x = &v[n++];
        memset(x, 0, sizeof(*x));
        x->cadre_id = sqlite3_column_int64(s, 0);
        x->to_org_id = org;
        x->move.kind = (enum move_kind)sqlite3_column_int(s, 2);
        x->move.direction = (enum move_direction)sqlite3_column_int(s, 3);
        x->move.date = store_column_date(s, 4);
        x->move.until = store_column_date(s, 5);
    }
    sqlite3_reset(s);
    org_tree_release(&t);
    if (r != SQLITE_DONE)
        rc = store_db_error(st, e, "reading the moves");
    for (size_t i = 0; i < n && !rc; i++)
        if (!(rc = cadre_load(st, v[i].cadre_id, &v[i].cadre, e)))
            fn(ctx, &v[i]);
    free(v);
    return rc;
}

/* ---- the leadership forms ---- */

struct post_row {
    int64_t cadre_id, org_id;
    enum cadre_post post;
    enum cadre_tier tier;
};

static int post_row_cmp(const void *a, const void *b)
{
    const struct post_row *x = a, *y = b;
    if (x->cadre_id != y->cadre_id)
        return x->cadre_id < y->cadre_id ? -1 : 1;
    if (x->post != y->post)
        return x->post < y->post ? -1 : 1;
    if (x->tier != y->tier)
        return x->tier < y->tier ? -1 : 1;
    return 0;
}

static void post_push(struct post_row **v, size_t *n, size_t *cap, int64_t cadre, int64_t org,
                      enum cadre_post post, enum cadre_tier tier)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        *v = xrealloc(*v, *cap * sizeof(**v));
    }
    (*v)[(*n)++] = (struct post_row){cadre, org, post, tier};
}

/* A position row's post and tier (cadre_id, org_id, title, post, tier): NULLs are the
   defaults, the tier the organization's in the tree of the day. */
static void position_post(sqlite3_stmt *s, const struct org_tree *t, enum cadre_post *post,
                          enum cadre_tier *tier)
{
    enum position_title title = (enum position_title)sqlite3_column_int(s, 2);
    *post = sqlite3_column_type(s, 3) == SQLITE_NULL ? cadre_post_default(title)
                                                     : (enum cadre_post)sqlite3_column_int(s, 3);
    if (sqlite3_column_type(s, 4) == SQLITE_NULL)
        *tier = cadre_tier_default(t, org_tree_find(t, sqlite3_column_int64(s, 1)),
                                   cadre_post_of_committee(*post));
    else
        *tier = (enum cadre_tier)sqlite3_column_int(s, 4);
    if ((unsigned)*post >= CPOST__MAX)
        *post = CPOST_NONE;
    if ((unsigned)*tier >= CTIER__MAX)
        *tier = CTIER_NONE;
}

/* Calls fn for each row (sorted by cadre when `sorted`), loading each cadre once. */
static enum tcxd_err post_emit(struct store *st, struct post_row *v, size_t n,
                               void (*fn)(void *ctx, const struct cadre_post_fact *f), void *ctx,
                               struct tcxd_error *e)
{
    struct cadre_post_fact f;
    int64_t loaded = 0;
    enum tcxd_err rc = TCXD_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        if (v[i].cadre_id != loaded) {
            if ((rc = cadre_load(st, v[i].cadre_id, &f.cadre, e)))
                break;
            loaded = v[i].cadre_id;
        }
        f.post = v[i].post;
        f.tier = v[i].tier;
        f.org_id = v[i].org_id;
        fn(ctx, &f);
    }
    return rc;
}

enum tcxd_err store_cadre_post_holders(struct store *st, int64_t org_id, tcxd_date on,
                                       void (*fn)(void *ctx, const struct cadre_post_fact *f),
                                       void *ctx, struct tcxd_error *e)
{
    if (on == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "to", "field %s is required", "to");
    struct org_tree t;
    uint32_t root;
    enum tcxd_err rc = subtree(st, org_id, on, &t, &root, e);
    if (rc)
        return rc;
    struct post_row *v = NULL;
    size_t n = 0, cap = 0;
    /* the positions held */
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_POST_HOLDINGS_ON);
    store_bind_date(s, 1, on);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t org = sqlite3_column_int64(s, 1);
        if (!in_subtree(&t, root, org) || !store_scope_org_today(st, org))
            continue;
        enum cadre_post post;
        enum cadre_tier tier;
        position_post(s, &t, &post, &tier);
        if (post != CPOST_NONE && tier != CTIER_NONE)
            post_push(&v, &n, &cap, sqlite3_column_int64(s, 0), org, post, tier);
    }
    sqlite3_reset(s);
    if (r != SQLITE_DONE)
        rc = store_db_error(st, e, "reading the posts held");
    /* the committee seats: each post the role gives */
    if (!rc) {
        s = store_stmt(st, STMT_CADRE_POST_SEATS_ON);
        store_bind_date(s, 1, on);
        while ((r = sqlite3_step(s)) == SQLITE_ROW) {
            int64_t org = sqlite3_column_int64(s, 1);
            if (!in_subtree(&t, root, org) || !store_scope_org_today(st, org))
                continue;
            enum cadre_tier tier = sqlite3_column_type(s, 3) == SQLITE_NULL
                                       ? cadre_tier_default(&t, org_tree_find(&t, org), true)
                                       : (enum cadre_tier)sqlite3_column_int(s, 3);
            unsigned posts = committee_role_posts((enum committee_role)sqlite3_column_int(s, 2));
            if (tier == CTIER_NONE || (unsigned)tier >= CTIER__MAX)
                continue;
            for (int p = 0; p < CPOST__MAX; p++)
                if (posts & 1u << p)
                    post_push(&v, &n, &cap, sqlite3_column_int64(s, 0), org, (enum cadre_post)p,
                              tier);
        }
        sqlite3_reset(s);
        if (r != SQLITE_DONE)
            rc = store_db_error(st, e, "reading the committees");
    }
    org_tree_release(&t);
    /* once per cadre, post and tier */
    size_t m = 0;
    if (n) {
        qsort(v, n, sizeof(*v), post_row_cmp);
        for (size_t i = 0; i < n; i++)
            if (!m || post_row_cmp(&v[m - 1], &v[i]))
                v[m++] = v[i];
    }
    if (!rc)
        rc = post_emit(st, v, m, fn, ctx, e);
    free(v);
    return rc;
}

enum tcxd_err store_cadre_post_plans(struct store *st, int64_t org_id, tcxd_date on,
                                     void (*fn)(void *ctx, const struct cadre_post_fact *f),
                                     void *ctx, struct tcxd_error *e)
{
    if (on == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "to", "field %s is required", "to");
    struct org_tree t;
    uint32_t root;
    enum tcxd_err rc = subtree(st, org_id, on, &t, &root, e);
    if (rc)
        return rc;
    struct post_row *v = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_POST_PLANS_ON);
    store_bind_date(s, 1, on);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t org = sqlite3_column_int64(s, 1);
        if (!in_subtree(&t, root, org) || !store_scope_org_today(st, org))
            continue;
        enum cadre_post post;
        enum cadre_tier tier;
        position_post(s, &t, &post, &tier);
        if (post != CPOST_NONE && tier != CTIER_NONE)
            post_push(&v, &n, &cap, sqlite3_column_int64(s, 0), org, post, tier);
    }
    sqlite3_reset(s);
    org_tree_release(&t);
    if (r != SQLITE_DONE)
        rc = store_db_error(st, e, "reading the planning");
    /* every entry (lượt người); by cadre to load each once */
    if (n)
        qsort(v, n, sizeof(*v), post_row_cmp);
    if (!rc)
        rc = post_emit(st, v, n, fn, ctx, e);
    free(v);
    return rc;
}

enum tcxd_err store_cadre_leader_on(struct store *st, int64_t cadre_id, tcxd_date on, bool *out,
                                    struct tcxd_error *e)
{
    *out = false;
    sqlite3_stmt *s = store_stmt(st, STMT_CADRE_LEADER_HOLDINGS);
    sqlite3_bind_int64(s, 1, cadre_id);
    store_bind_date(s, 2, on);
    int r;
    while (!*out && (r = sqlite3_step(s)) == SQLITE_ROW) {
        enum position_title title = (enum position_title)sqlite3_column_int(s, 0);
        enum cadre_post post = sqlite3_column_type(s, 1) == SQLITE_NULL
                                   ? cadre_post_default(title)
                                   : (enum cadre_post)sqlite3_column_int(s, 1);
        *out = sqlite3_column_type(s, 2) == SQLITE_NULL ? cadre_post_leader_default(post, title)
                                                        : sqlite3_column_int(s, 2) != 0;
    }
    bool failed = !*out && r != SQLITE_DONE;
    sqlite3_reset(s);
    if (failed)
        return store_db_error(st, e, "reading the posts held");
    if (*out)
        return TCXD_OK;
    s = store_stmt(st, STMT_CADRE_LEADER_SEAT);
    sqlite3_bind_int64(s, 1, cadre_id);
    store_bind_date(s, 2, on);
    bool found;
    enum tcxd_err rc = one_row(st, s, "reading the committees", &found, e);
    sqlite3_reset(s);
    if (!rc)
        *out = found;
    return rc;
}
