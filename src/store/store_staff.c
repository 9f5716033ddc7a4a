/*
 * store_staff.c - the staffing roll in the database (see store_staff.h).
 */
#include "store/store_staff.h"

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

static json_t *json_day(tcxd_date d)
{
    char iso[DATE_ISO_LEN];
    if (d == DATE_NONE)
        return json_null();
    date_format_iso(d, iso);
    return json_string(iso);
}

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

/* The organization exists on `on` and the handle may write for it on that day and today. */
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

/* ---- bodies ---- */

static void body_row(sqlite3_stmt *s, struct staff_body_info *b)
{
    memset(b, 0, sizeof(*b));
    b->id = sqlite3_column_int64(s, 0);
    b->org_id = sqlite3_column_int64(s, 1);
    store_column_copy(s, 2, b->name, sizeof(b->name));
    b->kind = (enum staff_body_kind)sqlite3_column_int(s, 3);
    b->level = (enum staff_level)sqlite3_column_int(s, 4);
}

enum tcxd_err store_staff_body_add(struct store *st, const struct store_actor *who,
                                   const struct staff_body_info *b, int64_t *id_out,
                                   struct tcxd_error *e)
{
    if ((unsigned)b->kind >= SBODY__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "kind", "invalid body kind");
    if ((unsigned)b->level >= STAFF_LEVEL__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "level", "invalid body level");
    enum tcxd_err rc = check_org(st, b->org_id, date_today(), "org_id", e);
    if (rc)
        return rc;
    struct org_info o;
    if ((rc = store_org_get(st, b->org_id, date_today(), &o, e)))
        return rc;
    struct buf name = BUF_INIT;
    if ((rc = clean(b->name[0] ? b->name : o.name, STAFF_NAME_MAX, false, "name", &name, e)))
        goto out;
    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_STAFF_BODY_BY_NAME);
    sqlite3_bind_int64(s, 1, b->org_id);
    store_bind_text(s, 2, name.ptr);
    int r = sqlite3_step(s);
    int64_t other = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (r != SQLITE_ROW && r != SQLITE_DONE) {
        rc = store_db_error(st, e, "finding the body");
        store_rollback(st);
        goto out;
    }
    if (other) {
        store_rollback(st);
        rc = tcxd_fail(e, TCXD_ECONFLICT, "name",
                       "the organization already has the body '%s' (#%lld)", name.ptr,
                       (long long)other);
        goto out;
    }
    s = store_stmt(st, STMT_STAFF_BODY_INSERT);
    sqlite3_bind_int64(s, 1, b->org_id);
    store_bind_text(s, 2, name.ptr);
    sqlite3_bind_int(s, 3, b->kind);
    sqlite3_bind_int(s, 4, b->level);
    if ((rc = store_step_done(st, s, e, "adding the body"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after =
        json_pack("{s:I, s:s, s:s, s:s}", "org_id", (json_int_t)b->org_id, "name", name.ptr, "kind",
                  staff_body_kind_name(b->kind), "level", staff_level_name(b->level));
    if (!(rc = audit_commit(st, who, "staff.body", "staff_body", id, b->org_id, after, e)) &&
        id_out)
        *id_out = id;
out:
    buf_release(&name);
    return rc;
}

static enum tcxd_err body_load(struct store *st, int64_t id, struct staff_body_info *out,
                               struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_STAFF_BODY_GET);
    sqlite3_bind_int64(s, 1, id);
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW)
        body_row(s, out);
    sqlite3_reset(s);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return store_db_error(st, e, "reading the body");
    if (r != SQLITE_ROW)
        return tcxd_fail(e, TCXD_ENOTFOUND, "body", "no body #%lld", (long long)id);
    return TCXD_OK;
}

enum tcxd_err store_staff_body_get(struct store *st, int64_t id, struct staff_body_info *out,
                                   struct tcxd_error *e)
{
    enum tcxd_err rc = body_load(st, id, out, e);
    if (!rc && !store_scope_org_today(st, out->org_id))
        return tcxd_fail(e, TCXD_ENOTFOUND, "body", "no body #%lld", (long long)id);
    return rc;
}

/* Loads the tree of `on` and finds org_id in it (0: no root, *root TREE_NONE). */
static enum tcxd_err subtree(struct store *st, int64_t org_id, tcxd_date on, struct org_tree *t,
                             uint32_t *root, struct tcxd_error *e)
{
    *root = TREE_NONE;
    if (!org_id)
        return store_tree_load(st, on, t, e);
    /* only the root's subtree: a district's form does not load the province */
    enum tcxd_err rc = store_scope_check_org(st, org_id, on, "org", e);
    if (rc || (rc = store_tree_load_subtree(st, on, org_id, t, e)))
        return rc;
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

enum tcxd_err store_staff_body_list(struct store *st, int64_t org_id,
                                    void (*fn)(void *ctx, const struct staff_body_info *b),
                                    void *ctx, struct tcxd_error *e)
{
    struct org_tree t;
    uint32_t root;
    enum tcxd_err rc = subtree(st, org_id, date_today(), &t, &root, e);
    if (rc)
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_STAFF_BODY_LIST);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        struct staff_body_info b;
        body_row(s, &b);
        if (in_subtree(&t, root, b.org_id) && store_scope_org_today(st, b.org_id))
            fn(ctx, &b);
    }
    sqlite3_reset(s);
    org_tree_release(&t);
    return r == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "listing the bodies");
}

/* ---- people ---- */

static void person_row(sqlite3_stmt *s, struct staff_person_info *p)
{
    memset(p, 0, sizeof(*p));
    p->id = sqlite3_column_int64(s, 0);
    p->org_id = sqlite3_column_int64(s, 1);
    p->cadre_id = sqlite3_column_int64(s, 2);
    p->member_id = sqlite3_column_int64(s, 3);
    store_column_copy(s, 4, p->full_name, sizeof(p->full_name));
    p->attrs.gender = (enum gender)sqlite3_column_int(s, 5);
    p->attrs.birth_date = store_column_date(s, 6);
    store_column_copy(s, 7, p->ethnicity, sizeof(p->ethnicity));
    p->attrs.prof = (enum cadre_prof)sqlite3_column_int(s, 8);
    p->attrs.academic = (enum cadre_academic)sqlite3_column_int(s, 9);
    p->attrs.theory = (enum theory_level)sqlite3_column_int(s, 10);
    p->party = sqlite3_column_int(s, 11) || p->member_id;
    p->attrs.minority = cadre_ethnicity_minority(p->ethnicity);
}

enum tcxd_err store_staff_person_add(struct store *st, const struct store_actor *who,
                                     const struct staff_person_req *r, int64_t *id_out,
                                     struct tcxd_error *e)
{
    struct buf name = BUF_INIT, eth = BUF_INIT;
    struct member_info m;
    bool member = r->member_id != 0;
    enum tcxd_err rc;
    if ((unsigned)r->prof >= PROF__MAX || (unsigned)r->academic >= ACAD__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "prof", "invalid professional level or academic title");
    if ((rc = check_org(st, r->org_id, date_today(), "org_id", e)))
        return rc;
    if (r->cadre_id) {
        if (member || (r->full_name && *r->full_name) || r->has_gender ||
            r->birth_date != DATE_NONE || r->ethnicity || r->prof || r->academic || r->has_theory ||
            r->party)
            return tcxd_fail(e, TCXD_EINVAL, "cadre_id",
                             "a person linked to a cadre has the cadre's attributes: give none");
        sqlite3_stmt *s = store_stmt(st, STMT_STAFF_PERSON_BY_CADRE);
        sqlite3_bind_int64(s, 1, r->cadre_id);
        int k = sqlite3_step(s);
        int64_t other = k == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
        sqlite3_reset(s);
        if (other)
            return tcxd_fail(e, TCXD_ECONFLICT, "cadre_id", "cadre #%lld is already person #%lld",
                             (long long)r->cadre_id, (long long)other);
        /* the cadre must exist and be visible */
        s = store_stmt(st, STMT_CADRE_GET);
        sqlite3_bind_int64(s, 1, r->cadre_id);
        k = sqlite3_step(s);
        int64_t corg = k == SQLITE_ROW ? sqlite3_column_int64(s, 11) : 0;
        sqlite3_reset(s);
        if (!corg || !store_scope_org_today(st, corg))
            return tcxd_fail(e, TCXD_ENOTFOUND, "cadre_id", "no cadre #%lld",
                             (long long)r->cadre_id);
    }
    if (member && (rc = store_member_get(st, r->member_id, &m, e)))
        return rc;
    const char *full = r->full_name && *r->full_name ? r->full_name : member ? m.full_name : "";
    if (r->cadre_id)
        full = "-";
    if ((rc = clean(full, STAFF_NAME_MAX, false, "full_name", &name, e)) ||
        (rc = clean(r->ethnicity ? r->ethnicity
                    : member     ? m.ethnicity
                                 : "",
                    STAFF_NAME_MAX, true, "ethnicity", &eth, e)))
        goto out;
    if (!member && !r->cadre_id && !r->has_gender) {
        rc = tcxd_fail(e, TCXD_EINVAL, "gender", "field %s is required", "gender");
        goto out;
    }
    enum gender g = r->has_gender ? r->gender : member ? m.gender : GENDER_MALE;
    tcxd_date birth = r->birth_date != DATE_NONE ? r->birth_date
                      : member                   ? m.birth_date
                                                 : DATE_NONE;
    enum theory_level th = r->has_theory ? r->theory : member ? m.theory : THEORY_NONE;
    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_STAFF_PERSON_INSERT);
    sqlite3_bind_int64(s, 1, r->org_id);
    if (r->cadre_id)
        sqlite3_bind_int64(s, 2, r->cadre_id);
    else
        sqlite3_bind_null(s, 2);
    if (member)
        sqlite3_bind_int64(s, 3, r->member_id);
    else
        sqlite3_bind_null(s, 3);
    store_bind_text(s, 4, name.ptr);
    sqlite3_bind_int(s, 5, g);
    store_bind_date(s, 6, birth);
    store_bind_text(s, 7, eth.ptr);
    sqlite3_bind_int(s, 8, r->prof);
    sqlite3_bind_int(s, 9, r->academic);
    sqlite3_bind_int(s, 10, th);
    sqlite3_bind_int(s, 11, r->party);
    if ((rc = store_step_done(st, s, e, "adding the person"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after = json_pack("{s:I, s:I, s:I, s:s}", "org_id", (json_int_t)r->org_id, "cadre_id",
                              (json_int_t)r->cadre_id, "member_id", (json_int_t)r->member_id,
                              "full_name", r->cadre_id ? "" : name.ptr);
    if (!(rc = audit_commit(st, who, "staff.person", "staff_person", id, r->org_id, after, e)) &&
        id_out)
        *id_out = id;
out:
    buf_release(&name);
    buf_release(&eth);
    return rc;
}

static enum tcxd_err person_load(struct store *st, int64_t id, struct staff_person_info *out,
                                 struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_STAFF_PERSON_GET);
    sqlite3_bind_int64(s, 1, id);
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW)
        person_row(s, out);
    sqlite3_reset(s);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return store_db_error(st, e, "reading the person");
    if (r != SQLITE_ROW)
        return tcxd_fail(e, TCXD_ENOTFOUND, "person", "no person #%lld on the roll", (long long)id);
    return TCXD_OK;
}

enum tcxd_err store_staff_person_get(struct store *st, int64_t id, struct staff_person_info *out,
                                     struct tcxd_error *e)
{
    enum tcxd_err rc = person_load(st, id, out, e);
    if (!rc && !store_scope_org_today(st, out->org_id))
        return tcxd_fail(e, TCXD_ENOTFOUND, "person", "no person #%lld on the roll", (long long)id);
    return rc;
}

static void event_row(sqlite3_stmt *s, struct staff_event *x)
{
    memset(x, 0, sizeof(*x));
    x->id = sqlite3_column_int64(s, 0);
    x->kind = (enum staff_ev_kind)sqlite3_column_int(s, 2);
    x->date = store_column_date(s, 3);
    x->body_id = sqlite3_column_int64(s, 4);
    x->join = (enum staff_join)sqlite3_column_int(s, 5);
    x->category = (enum staff_category)sqlite3_column_int(s, 6);
    x->grade = (enum staff_grade)sqlite3_column_int(s, 7);
    x->talent = sqlite3_column_int(s, 8) != 0;
    x->experience = sqlite3_column_int(s, 9);
    x->leave = (enum staff_leave)sqlite3_column_int(s, 10);
}

enum tcxd_err store_staff_events(struct store *st, int64_t person_id, struct staff_event **out,
                                 size_t *n, struct tcxd_error *e)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_STAFF_EVENTS);
    sqlite3_bind_int64(s, 1, person_id);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        ALLOC_GROW(*out, *n + 1, cap);
        event_row(s, &(*out)[(*n)++]);
    }
    sqlite3_reset(s);
    if (r != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return store_db_error(st, e, "reading the roll events");
    }
    return TCXD_OK;
}

static const char *const event_action[SEV__MAX] = {
    [SEV_JOIN] = "staff.join",
    [SEV_MOVE] = "staff.move",
    [SEV_GRADE] = "staff.grade",
    [SEV_LEAVE] = "staff.leave",
};

enum tcxd_err store_staff_event_add(struct store *st, const struct store_actor *who,
                                    int64_t person_id, const struct staff_event *ev,
                                    const char *decision_no, int64_t *id_out, struct tcxd_error *e)
{
    struct staff_person_info p;
    struct staff_body_info b = {0};
    enum tcxd_err rc;
    if ((rc = staff_event_check(ev, e)) || (rc = store_staff_person_get(st, person_id, &p, e)) ||
        (rc = store_scope_check_write(st, p.org_id, ev->date, "person", e)))
        return rc;
    if (ev->body_id && (ev->kind == SEV_JOIN || ev->kind == SEV_MOVE) &&
        ((rc = store_staff_body_get(st, ev->body_id, &b, e)) ||
         (rc = check_org(st, b.org_id, ev->date, "body", e))))
        return rc;
    struct buf doc = BUF_INIT;
    if ((rc = clean(decision_no, STAFF_DOC_MAX, true, "decision_no", &doc, e)))
        goto out;
    if ((rc = store_begin(st, e)))
        goto out;
    struct staff_event *held;
    size_t n;
    if ((rc = store_staff_events(st, person_id, &held, &n, e))) {
        store_rollback(st);
        goto out;
    }
    rc = staff_check_add(held, n, ev, e);
    free(held);
    if (rc) {
        store_rollback(st);
        goto out;
    }
    sqlite3_stmt *s = store_stmt(st, STMT_STAFF_EVENT_INSERT);
    sqlite3_bind_int64(s, 1, person_id);
    sqlite3_bind_int(s, 2, ev->kind);
    store_bind_date(s, 3, ev->date);
    if (ev->kind == SEV_JOIN || ev->kind == SEV_MOVE)
        sqlite3_bind_int64(s, 4, ev->body_id);
    else
        sqlite3_bind_null(s, 4);
    sqlite3_bind_int(s, 5, ev->kind == SEV_JOIN ? ev->join : 0);
    sqlite3_bind_int(s, 6, ev->kind == SEV_JOIN ? ev->category : 0);
    sqlite3_bind_int(s, 7, ev->kind == SEV_JOIN || ev->kind == SEV_GRADE ? ev->grade : 0);
    sqlite3_bind_int(s, 8, ev->kind == SEV_JOIN && ev->talent);
    sqlite3_bind_int(s, 9, ev->kind == SEV_JOIN ? ev->experience : 0);
    sqlite3_bind_int(s, 10, ev->kind == SEV_LEAVE ? ev->leave : 0);
    store_bind_text(s, 11, doc.ptr);
    if ((rc = store_step_done(st, s, e, "recording the roll event"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after = json_pack("{s:I, s:o, s:s}", "person_id", (json_int_t)person_id, "date",
                              json_day(ev->date), "decision_no", doc.ptr);
    switch (ev->kind) {
    case SEV_JOIN:
        json_object_set_new(after, "body_id", json_integer(ev->body_id));
        json_object_set_new(after, "kind", json_string(staff_join_name(ev->join)));
        json_object_set_new(after, "category", json_string(staff_category_name(ev->category)));
        json_object_set_new(after, "grade", json_string(staff_grade_name(ev->grade)));
        break;
    case SEV_MOVE:
        json_object_set_new(after, "body_id", json_integer(ev->body_id));
        break;
    case SEV_GRADE:
        json_object_set_new(after, "grade", json_string(staff_grade_name(ev->grade)));
        break;
    default:
        json_object_set_new(after, "kind", json_string(staff_leave_name(ev->leave)));
        break;
    }
    if (!(rc = audit_commit(st, who, event_action[ev->kind], "staff_event", id, p.org_id, after,
                            e)) &&
        id_out)
        *id_out = id;
out:
    buf_release(&doc);
    return rc;
}

/* ---- the forms' scan ---- */

struct body_slot {
    int64_t id;
    bool in;
    enum staff_body_kind kind;
    enum staff_level level;
};

static int cmp_slot(const void *a, const void *b)
{
    const struct body_slot *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

static const struct body_slot *slot_find(const struct body_slot *v, size_t n, int64_t id)
{
    struct body_slot key = {.id = id};
    return n ? bsearch(&key, v, n, sizeof(*v), cmp_slot) : NULL;
}

static enum tcxd_err scan_one(const struct body_slot *bodies, size_t nb,
                              const struct staff_person_info *p, const struct staff_event *ev,
                              size_t n, void (*fn)(void *ctx, const struct staff_scan_item *it),
                              void *ctx, struct tcxd_error *e)
{
    struct staff_replay r;
    enum tcxd_err rc = staff_replay(ev, n, &r, e);
    if (rc)
        return rc; /* written through store_staff_event_add, they always replay */
    bool *in = xcalloc(r.n ? r.n : 1, sizeof(*in));
    enum staff_body_kind *kind = xcalloc(r.n ? r.n : 1, sizeof(*kind));
    enum staff_level *level = xcalloc(r.n ? r.n : 1, sizeof(*level));
    for (size_t i = 0; i < r.n; i++) {
        const struct body_slot *b = slot_find(bodies, nb, r.v[i].body_id);
        in[i] = b && b->in;
        kind[i] = b ? b->kind : SBODY_DANG;
        level[i] = b ? b->level : STAFF_LEVEL_TINH;
    }
    struct staff_scan_item it = {p, ev, n, &r, in, kind, level};
    fn(ctx, &it);
    free(in);
    free(kind);
    free(level);
    staff_replay_release(&r);
    return TCXD_OK;
}

enum tcxd_err store_staff_scan(struct store *st, int64_t org_id, tcxd_date tree_on,
                               void (*fn)(void *ctx, const struct staff_scan_item *it), void *ctx,
                               struct tcxd_error *e)
{
    struct org_tree t;
    uint32_t root;
    enum tcxd_err rc = subtree(st, org_id, tree_on, &t, &root, e);
    if (rc)
        return rc;
    struct body_slot *bodies = NULL;
    size_t nb = 0, cb = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_STAFF_BODY_LIST);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        struct staff_body_info b;
        body_row(s, &b);
        ALLOC_GROW(bodies, nb + 1, cb);
        bodies[nb++] = (struct body_slot){b.id, in_subtree(&t, root, b.org_id), b.kind, b.level};
    }
    sqlite3_reset(s);
    org_tree_release(&t);
    if (r != SQLITE_DONE) {
        free(bodies);
        return store_db_error(st, e, "reading the bodies");
    }
    if (nb)
        qsort(bodies, nb, sizeof(*bodies), cmp_slot);
    /* people by id, events by (person, date, id): merged */
    struct staff_person_info *people = NULL;
    size_t np = 0, cp = 0;
    s = store_stmt(st, STMT_STAFF_PERSON_ALL);
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        ALLOC_GROW(people, np + 1, cp);
        person_row(s, &people[np++]);
    }
    sqlite3_reset(s);
    if (r != SQLITE_DONE) {
        free(bodies);
        free(people);
        return store_db_error(st, e, "reading the people on the roll");
    }
    struct staff_event *ev = NULL;
    int64_t *owner = NULL;
    size_t ne = 0, ce = 0, co = 0;
    s = store_stmt(st, STMT_STAFF_EVENTS_ALL);
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        ALLOC_GROW(ev, ne + 1, ce);
        ALLOC_GROW(owner, ne + 1, co);
        event_row(s, &ev[ne]);
        owner[ne++] = sqlite3_column_int64(s, 1);
    }
    sqlite3_reset(s);
    if (r != SQLITE_DONE)
        rc = store_db_error(st, e, "reading the roll events");
    size_t k = 0;
    for (size_t i = 0; i < np && !rc; i++) {
        while (k < ne && owner[k] < people[i].id)
            k++;
        size_t j = k;
        while (j < ne && owner[j] == people[i].id)
            j++;
        if (j > k)
            rc = scan_one(bodies, nb, &people[i], ev + k, j - k, fn, ctx, e);
        k = j;
    }
    free(bodies);
    free(people);
    free(ev);
    free(owner);
    return rc;
}

struct roll_ctx {
    struct store *st;
    tcxd_date on;
    void (*fn)(void *ctx, const struct staff_person_info *p, const struct staff_stint *s);
    void *ctx;
};

static void on_roll(void *vc, const struct staff_scan_item *it)
{
    struct roll_ctx *c = vc;
    const struct staff_stint *s = staff_on(it->replay, c->on);
    if (s && it->in[s - it->replay->v] && store_scope_org_today(c->st, it->person->org_id))
        c->fn(c->ctx, it->person, s);
}

enum tcxd_err store_staff_roll(struct store *st, int64_t org_id, tcxd_date on,
                               void (*fn)(void *ctx, const struct staff_person_info *p,
                                          const struct staff_stint *s),
                               void *ctx, struct tcxd_error *e)
{
    struct roll_ctx c = {st, on, fn, ctx};
    return store_staff_scan(st, org_id, on, on_roll, &c, e);
}

/* ---- JSON: one shape for the CLI and the API ---- */

json_t *staff_body_json(const struct staff_body_info *b)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)b->id, "org_id",
                     (json_int_t)b->org_id, "name", b->name, "kind", staff_body_kind_name(b->kind),
                     "kind_label", staff_body_kind_label(b->kind), "level",
                     staff_level_name(b->level), "level_label", staff_level_label(b->level));
}

json_t *staff_person_json(const struct staff_person_info *p)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:s, s:s, s:o, s:s, s:b, s:s, s:s, s:s, s:b}", "id",
                     (json_int_t)p->id, "org_id", (json_int_t)p->org_id, "cadre_id",
                     (json_int_t)p->cadre_id, "member_id", (json_int_t)p->member_id, "full_name",
                     p->full_name, "gender", gender_name(p->attrs.gender), "birth_date",
                     json_day(p->attrs.birth_date), "ethnicity", p->ethnicity, "minority",
                     p->attrs.minority, "prof", cadre_prof_name(p->attrs.prof), "academic",
                     cadre_academic_name(p->attrs.academic), "theory",
                     theory_level_name(p->attrs.theory), "party", p->party);
}

json_t *staff_event_json(const struct staff_event *x)
{
    json_t *j = json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)x->id, "event",
                          staff_ev_kind_name(x->kind), "event_label", staff_ev_kind_label(x->kind),
                          "date", json_day(x->date));
    if (x->kind == SEV_JOIN || x->kind == SEV_MOVE)
        json_object_set_new(j, "body_id", json_integer(x->body_id));
    if (x->kind == SEV_JOIN) {
        json_object_set_new(j, "kind", json_string(staff_join_name(x->join)));
        json_object_set_new(j, "kind_label", json_string(staff_join_label(x->join)));
        json_object_set_new(j, "category", json_string(staff_category_name(x->category)));
        json_object_set_new(j, "talent", json_boolean(x->talent));
        json_object_set_new(j, "experience", json_integer(x->experience));
    }
    if (x->kind == SEV_JOIN || x->kind == SEV_GRADE)
        json_object_set_new(j, "grade", json_string(staff_grade_name(x->grade)));
    if (x->kind == SEV_LEAVE) {
        json_object_set_new(j, "kind", json_string(staff_leave_name(x->leave)));
        json_object_set_new(j, "kind_label", json_string(staff_leave_label(x->leave)));
    }
    return j;
}

json_t *staff_stint_json(const struct staff_stint *s)
{
    return json_pack("{s:o, s:o, s:I, s:s, s:s, s:s, s:s, s:s, s:s?}", "from", json_day(s->from),
                     "to", s->to == DATE_OPEN_END ? json_null() : json_day(s->to), "body_id",
                     (json_int_t)s->body_id, "category", staff_category_name(s->category),
                     "category_label", staff_category_label(s->category), "grade",
                     staff_grade_name(s->grade), "grade_label", staff_grade_label(s->grade),
                     "start", staff_ev_kind_name(s->start), "leave",
                     s->end == SEV_LEAVE ? staff_leave_name(s->leave) : NULL);
}
