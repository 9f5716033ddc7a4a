/*
 * store_training.c - training classes and enrolments in the database (see store_training.h).
 */
#include "store/store_training.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "text/text.h"
#include "util/xmalloc.h"

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
    char *a = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(after);
    enum tcxd_err rc = store_audit(st, who, action, entity, id, org_id, NULL, a, e);
    free(a);
    if (rc || (rc = store_commit(st, e)))
        store_rollback(st);
    return rc;
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

static bool in_subtree(const struct org_tree *t, uint32_t root, int64_t org)
{
    if (root == TREE_NONE)
        return true;
    uint32_t n = org_tree_find(t, org);
    return n != TREE_NONE && org_tree_in_subtree(t, root, n);
}

/* ---- classes ---- */

static void class_row(sqlite3_stmt *s, struct training_class_info *k)
{
    memset(k, 0, sizeof(*k));
    k->id = sqlite3_column_int64(s, 0);
    k->org_id = sqlite3_column_int64(s, 1);
    k->c.opener = (enum class_opener)sqlite3_column_int(s, 2);
    k->c.programme = (enum training_programme)sqlite3_column_int(s, 3);
    k->c.mode = (enum training_mode)sqlite3_column_int(s, 4);
    store_column_copy(s, 5, k->name, sizeof(k->name));
    k->c.from = store_column_date(s, 6);
    k->c.to = store_column_date(s, 7);
    store_column_copy(s, 8, k->decision_no, sizeof(k->decision_no));
    store_column_copy(s, 9, k->institution, sizeof(k->institution));
    k->enrolled = sqlite3_column_int64(s, 10);
    k->completed = sqlite3_column_int64(s, 11);
}

enum tcxd_err store_training_class_add(struct store *st, const struct store_actor *who,
                                       const struct training_class_req *req, int64_t *id_out,
                                       struct tcxd_error *e)
{
    struct buf name = BUF_INIT, dec = BUF_INIT, inst = BUF_INIT;
    struct org_info o;
    enum tcxd_err rc;
    if ((rc = clean(req->name, CADRE_NAME_MAX, false, "name", &name, e)) ||
        (rc = clean(req->decision_no, CADRE_DOC_MAX, true, "decision_no", &dec, e)) ||
        (rc = clean(req->institution, CADRE_TEXT_MAX, true, "institution", &inst, e)) ||
        (rc = training_class_check(&req->c, e)))
        goto out;
    rc = store_org_get(st, req->org_id, req->c.from, &o, e);
    if (rc == TCXD_ENOTFOUND) {
        char d[DATE_ISO_LEN];
        date_format_vn(req->c.from, d);
        rc = tcxd_fail(e, TCXD_ENOTFOUND, "org_id", "organization #%lld did not exist on %s",
                       (long long)req->org_id, d);
    }
    if (rc || (rc = store_scope_check_write(st, req->org_id, req->c.from, "org_id", e)) ||
        (rc = training_opener_check(req->c.opener, o.tier, e)) || (rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_TRAINING_CLASS_INSERT);
    sqlite3_bind_int64(s, 1, req->org_id);
    sqlite3_bind_int(s, 2, req->c.opener);
    sqlite3_bind_int(s, 3, req->c.programme);
    sqlite3_bind_int(s, 4, req->c.mode);
    store_bind_text(s, 5, name.ptr);
    store_bind_date(s, 6, req->c.from);
    store_bind_date(s, 7, req->c.to);
    store_bind_text(s, 8, dec.ptr);
    store_bind_text(s, 9, inst.ptr);
    if ((rc = store_step_done(st, s, e, "recording the class"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s}", "org_id",
                  (json_int_t)req->org_id, "opener", class_opener_name(req->c.opener), "programme",
                  training_programme_name(req->c.programme), "mode",
                  training_mode_name(req->c.mode), "name", name.ptr, "from", json_date(req->c.from),
                  "to", json_date(req->c.to), "decision_no", dec.ptr, "institution", inst.ptr);
    if (!(rc = audit_commit(st, who, "cadre.class", "cadre_class", id, req->org_id, after, e)) &&
        id_out)
        *id_out = id;
out:
    buf_release(&name);
    buf_release(&dec);
    buf_release(&inst);
    return rc;
}

/* The class without the scope check. */
static enum tcxd_err class_load(struct store *st, int64_t id, struct training_class_info *out,
                                struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_TRAINING_CLASS_GET);
    sqlite3_bind_int64(s, 1, id);
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW)
        class_row(s, out);
    sqlite3_reset(s);
    if (r == SQLITE_ROW)
        return TCXD_OK;
    if (r != SQLITE_DONE)
        return store_db_error(st, e, "reading the class");
    return tcxd_fail(e, TCXD_ENOTFOUND, "class", "no class #%lld", (long long)id);
}

enum tcxd_err store_training_class_get(struct store *st, int64_t id,
                                       struct training_class_info *out, struct tcxd_error *e)
{
    enum tcxd_err rc = class_load(st, id, out, e);
    if (!rc && !store_scope_org_today(st, out->org_id))
        return tcxd_fail(e, TCXD_ENOTFOUND, "class", "no class #%lld", (long long)id);
    return rc;
}

enum tcxd_err store_training_class_list(struct store *st, int64_t org_id, int year,
                                        void (*fn)(void *ctx, const struct training_class_info *c),
                                        void *ctx, struct tcxd_error *e)
{
    struct org_tree t;
    uint32_t root;
    enum tcxd_err rc = subtree(st, org_id, date_today(), &t, &root, e);
    if (rc)
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_TRAINING_CLASS_LIST);
    sqlite3_bind_int(s, 1, year);
    store_bind_date(s, 2, year ? date_from_ymd(year, 1, 1) : DATE_NONE);
    store_bind_date(s, 3, year ? date_from_ymd(year, 12, 31) : DATE_NONE);
    int r;
    struct training_class_info k;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        class_row(s, &k);
        if (in_subtree(&t, root, k.org_id) && store_scope_org_today(st, k.org_id))
            fn(ctx, &k);
    }
    sqlite3_reset(s);
    org_tree_release(&t);
    return r == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "listing the classes");
}

/* ---- enrolments ---- */

enum tcxd_err store_training_enrol(struct store *st, const struct store_actor *who,
                                   int64_t class_id, int64_t cadre_id, tcxd_date on,
                                   int64_t *id_out, struct tcxd_error *e)
{
    struct training_class_info k;
    struct cadre_info c;
    enum tcxd_err rc;
    if ((rc = store_training_class_get(st, class_id, &k, e)) ||
        (rc = training_enrol_check(&k.c, on, e)) ||
        (rc = store_scope_check_write(st, k.org_id, k.c.from, "class", e)) ||
        (rc = store_cadre_get(st, cadre_id, &c, e)))
        return rc;
    if (on == DATE_NONE)
        on = k.c.from;
    /* the cadre's managing organization in the scope on the day enrolled (and today) */
    if ((rc = store_scope_check_write(st, c.org_id, on, "cadre_id", e)) ||
        (rc = store_begin(st, e)))
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_TRAINING_ENROL_EXISTS);
    sqlite3_bind_int64(s, 1, k.id);
    sqlite3_bind_int64(s, 2, c.id);
    int r = sqlite3_step(s);
    int64_t other = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (r != SQLITE_ROW && r != SQLITE_DONE) {
        rc = store_db_error(st, e, "reading the enrolments");
        store_rollback(st);
        return rc;
    }
    if (other) {
        store_rollback(st);
        return tcxd_fail(e, TCXD_ECONFLICT, "cadre_id",
                         "cadre #%lld is already enrolled in class #%lld (enrolment #%lld)",
                         (long long)c.id, (long long)k.id, (long long)other);
    }
    s = store_stmt(st, STMT_TRAINING_ENROL_INSERT);
    sqlite3_bind_int64(s, 1, k.id);
    sqlite3_bind_int64(s, 2, c.id);
    store_bind_date(s, 3, on);
    if ((rc = store_step_done(st, s, e, "recording the enrolment"))) {
        store_rollback(st);
        return rc;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after = json_pack("{s:I, s:I, s:o}", "class_id", (json_int_t)k.id, "cadre_id",
                              (json_int_t)c.id, "enrolled_on", json_date(on));
    if (!(rc = audit_commit(st, who, "cadre.enrol", "cadre_enrolment", id, k.org_id, after, e)) &&
        id_out)
        *id_out = id;
    return rc;
}

enum tcxd_err store_training_result(struct store *st, const struct store_actor *who,
                                    int64_t enrolment_id, enum enrol_result result,
                                    const char *grade, struct tcxd_error *e)
{
    if ((unsigned)result >= ENROL__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "result", "invalid result");
    struct buf g = BUF_INIT;
    enum tcxd_err rc = clean(grade, CADRE_DOC_MAX, true, "grade", &g, e);
    if (rc)
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_TRAINING_ENROL_GET);
    sqlite3_bind_int64(s, 1, enrolment_id);
    int r = sqlite3_step(s);
    int64_t class_id = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    int64_t cadre_id = r == SQLITE_ROW ? sqlite3_column_int64(s, 1) : 0;
    sqlite3_reset(s);
    struct training_class_info k;
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = store_db_error(st, e, "reading the enrolment");
    else if (!class_id || (rc = store_training_class_get(st, class_id, &k, e)))
        rc = tcxd_fail(e, TCXD_ENOTFOUND, "enrolment", "no enrolment #%lld",
                       (long long)enrolment_id);
    if (rc || (rc = store_scope_check_write(st, k.org_id, k.c.from, "enrolment", e)) ||
        (rc = store_begin(st, e)))
        goto out;
    s = store_stmt(st, STMT_TRAINING_ENROL_SET_RESULT);
    sqlite3_bind_int64(s, 1, enrolment_id);
    sqlite3_bind_int(s, 2, result);
    store_bind_text(s, 3, g.ptr);
    if ((rc = store_step_done(st, s, e, "recording the result"))) {
        store_rollback(st);
        goto out;
    }
    json_t *after =
        json_pack("{s:I, s:I, s:s, s:s}", "class_id", (json_int_t)class_id, "cadre_id",
                  (json_int_t)cadre_id, "result", enrol_result_name(result), "grade", g.ptr);
    rc = audit_commit(st, who, "cadre.enrol_result", "cadre_enrolment", enrolment_id, k.org_id,
                      after, e);
out:
    buf_release(&g);
    return rc;
}

enum tcxd_err store_training_enrolments(struct store *st, int64_t class_id,
                                        void (*fn)(void *ctx, const struct training_enrol_info *en),
                                        void *ctx, struct tcxd_error *e)
{
    struct training_class_info k;
    enum tcxd_err rc = store_training_class_get(st, class_id, &k, e);
    if (rc)
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_TRAINING_ENROLMENTS);
    sqlite3_bind_int64(s, 1, class_id);
    int r;
    struct training_enrol_info n;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        memset(&n, 0, sizeof(n));
        n.id = sqlite3_column_int64(s, 0);
        n.class_id = sqlite3_column_int64(s, 1);
        n.cadre_id = sqlite3_column_int64(s, 2);
        n.enrolled_on = store_column_date(s, 3);
        n.result = (enum enrol_result)sqlite3_column_int(s, 4);
        store_column_copy(s, 5, n.grade, sizeof(n.grade));
        store_column_copy(s, 6, n.full_name, sizeof(n.full_name));
        fn(ctx, &n);
    }
    sqlite3_reset(s);
    return r == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "listing the enrolments");
}

enum tcxd_err store_training_of_cadre(struct store *st, int64_t cadre_id,
                                      void (*fn)(void *ctx, const struct cadre_training_item *t),
                                      void *ctx, struct tcxd_error *e)
{
    struct cadre_info c;
    enum tcxd_err rc = store_cadre_get(st, cadre_id, &c, e);
    if (rc)
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_TRAINING_OF_CADRE);
    sqlite3_bind_int64(s, 1, cadre_id);
    int r;
    struct cadre_training_item t;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        memset(&t, 0, sizeof(t));
        t.class_id = sqlite3_column_int64(s, 0);
        t.enrolment_id = sqlite3_column_int64(s, 1);
        t.programme = (enum training_programme)sqlite3_column_int(s, 2);
        t.mode = (enum training_mode)sqlite3_column_int(s, 3);
        t.from = store_column_date(s, 4);
        t.to = store_column_date(s, 5);
        t.result = (enum enrol_result)sqlite3_column_int(s, 6);
        store_column_copy(s, 7, t.name, sizeof(t.name));
        store_column_copy(s, 8, t.institution, sizeof(t.institution));
        store_column_copy(s, 9, t.grade, sizeof(t.grade));
        fn(ctx, &t);
    }
    sqlite3_reset(s);
    return r == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading the trainings");
}

/* ---- form 10 ---- */

static enum tcxd_err check_period(tcxd_date from, tcxd_date to, struct tcxd_error *e)
{
    if (from == DATE_NONE || to == DATE_NONE || to < from)
        return tcxd_fail(e, TCXD_EINVAL, "to", "the period ends before it starts");
    return TCXD_OK;
}

enum tcxd_err store_training_events(struct store *st, int64_t org_id, tcxd_date from, tcxd_date to,
                                    void (*fn)(void *ctx, const struct training_event *ev),
                                    void *ctx, struct tcxd_error *e)
{
    enum tcxd_err rc = check_period(from, to, e);
    if (rc)
        return rc;
    struct org_tree t;
    uint32_t root;
    if ((rc = subtree(st, org_id, to, &t, &root, e)))
        return rc;
    /* the courses first, then each cadre and post (other statements) */
    struct training_event *v = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_TRAINING_EVENTS);
    store_bind_date(s, 1, from);
    store_bind_date(s, 2, to);
    sqlite3_bind_int(s, 3, ENROL_NOT_COMPLETED);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            v = xrealloc(v, cap * sizeof(*v));
        }
        struct training_event *x = &v[n++];
        memset(x, 0, sizeof(*x));
        x->cadre.id = sqlite3_column_int64(s, 0);
        x->programme = (enum training_programme)sqlite3_column_int(s, 1);
        x->mode = (enum training_mode)sqlite3_column_int(s, 2);
        x->from = store_column_date(s, 3);
    }
    sqlite3_reset(s);
    if (r != SQLITE_DONE)
        rc = store_db_error(st, e, "reading the trainings");
    for (size_t i = 0; i < n && !rc; i++) {
        if ((rc = store_cadre_load(st, v[i].cadre.id, &v[i].cadre, e)))
            break;
        if (!in_subtree(&t, root, v[i].cadre.org_id) ||
            !store_scope_org_today(st, v[i].cadre.org_id))
            continue;
        s = store_stmt(st, STMT_TRAINING_HELD_POST);
        sqlite3_bind_int64(s, 1, v[i].cadre.id);
        store_bind_date(s, 2, v[i].from);
        r = sqlite3_step(s);
        v[i].leader = r == SQLITE_ROW;
        sqlite3_reset(s);
        if (r != SQLITE_ROW && r != SQLITE_DONE) {
            rc = store_db_error(st, e, "reading the posts held");
            break;
        }
        fn(ctx, &v[i]);
    }
    org_tree_release(&t);
    free(v);
    return rc;
}

enum tcxd_err
store_training_class_events(struct store *st, int64_t org_id, tcxd_date from, tcxd_date to,
                            void (*fn)(void *ctx, const struct training_class_event *ev), void *ctx,
                            struct tcxd_error *e)
{
    enum tcxd_err rc = check_period(from, to, e);
    if (rc)
        return rc;
    struct org_tree t;
    uint32_t root;
    if ((rc = subtree(st, org_id, to, &t, &root, e)))
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_TRAINING_CLASS_EVENTS);
    store_bind_date(s, 1, from);
    store_bind_date(s, 2, to);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        struct training_class_event ev = {
            .id = sqlite3_column_int64(s, 0),
            .org_id = sqlite3_column_int64(s, 1),
            .programme = (enum training_programme)sqlite3_column_int(s, 2),
            .mode = (enum training_mode)sqlite3_column_int(s, 3),
            .opener = (enum class_opener)sqlite3_column_int(s, 4),
        };
        if (in_subtree(&t, root, ev.org_id) && store_scope_org_today(st, ev.org_id))
            fn(ctx, &ev);
    }
    sqlite3_reset(s);
    org_tree_release(&t);
    return r == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading the classes");
}
