/*
 * store_member.c - party members: personal records, lifecycle events, and the tables derived
 * from events (stints, gaps, cached status) that make dated counts fast.
 */
#include "store/store_internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/text.h"
#include "util/xmalloc.h"

struct text_collator *store_collator(struct store *st)
{
    if (!st->coll)
        st->coll = text_collator_new();
    return st->coll;
}

enum tcxd_err member_fields_parse(const struct member_strings *in, struct member_fields *out,
                                  struct tcxd_error *e)
{
    const char *v[MF__MAX] = {
        [MF_FULL_NAME] = in->full_name,
        [MF_GENDER] = in->gender,
        [MF_BIRTH_DATE] = in->birth_date,
        [MF_ETHNICITY] = in->ethnicity,
        [MF_RELIGION] = in->religion,
        [MF_HOMETOWN] = in->hometown,
        [MF_NATIONAL_ID] = in->national_id,
        [MF_EDUCATION] = in->education,
        [MF_PROFESSIONAL_LEVEL] = in->professional_level,
        [MF_THEORY_LEVEL] = in->theory_level,
        [MF_PARTY_CARD_NO] = in->party_card_no,
    };
    return member_record_parse(v, date_today(), out, NULL, e);
}

void member_query_init(struct member_query *q)
{
    memset(q, 0, sizeof(*q));
    q->as_of = date_today();
    q->q = "";
    q->status = -1;
    q->gender = -1;
    q->age_min = q->age_max = -1;
    q->theory = -1;
    q->limit = 50;
}

/* ---- events and derived tables ---------------------------------------------------------- */

struct event_vec {
    struct member_event *v;
    size_t n, cap;
};

static enum tcxd_err load_events(struct store *st, int64_t member_id, struct event_vec *out,
                                 struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_MEMBER_EVENTS);
    sqlite3_bind_int64(s, 1, member_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        ALLOC_GROW(out->v, out->n + 1, out->cap);
        struct member_event *ev = &out->v[out->n++];
        ev->seq = sqlite3_column_int64(s, 0);
        ev->kind = (enum member_event_kind)sqlite3_column_int(s, 1);
        ev->date = store_column_date(s, 2);
        ev->decision_date = store_column_date(s, 4);
        ev->org_id = sqlite3_column_int64(s, 5);
        ev->form = sqlite3_column_int(s, 6);
        ev->until = store_column_date(s, 7);
    }
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading member events");
}

static enum tcxd_err insert_event(struct store *st, int64_t member_id,
                                  const struct member_event *ev, const char *decision_no,
                                  const char *detail, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_MEMBER_EVENT_INSERT);
    sqlite3_bind_int64(s, 1, member_id);
    sqlite3_bind_int(s, 2, ev->kind);
    store_bind_date(s, 3, ev->date);
    store_bind_text(s, 4, decision_no ? decision_no : "");
    store_bind_date(s, 5, ev->decision_date);
    if (ev->org_id)
        sqlite3_bind_int64(s, 6, ev->org_id);
    sqlite3_bind_int(s, 7, ev->form);
    store_bind_date(s, 8, ev->until);
    store_bind_text(s, 9, detail ? detail : "");
    return store_step_done(st, s, e, "recording the member event");
}

static enum tcxd_err write_derived(struct store *st, int64_t member_id,
                                   const struct member_derived *d, bool fresh, struct tcxd_error *e)
{
    enum tcxd_err rc;
    sqlite3_stmt *s;
    if (!fresh) {
        s = store_stmt(st, STMT_STINT_DELETE);
        sqlite3_bind_int64(s, 1, member_id);
        if ((rc = store_step_done(st, s, e, "updating member history")))
            return rc;
        s = store_stmt(st, STMT_GAP_DELETE);
        sqlite3_bind_int64(s, 1, member_id);
        if ((rc = store_step_done(st, s, e, "updating member history")))
            return rc;
    }
    for (size_t i = 0; i < d->nstints; i++) {
        const struct member_stint *x = &d->stints[i];
        if (x->kind == STINT_OUTSIDE) /* not in the tree: not stored */
            continue;
        s = store_stmt(st, STMT_STINT_INSERT);
        sqlite3_bind_int64(s, 1, member_id);
        sqlite3_bind_int64(s, 2, x->org_id);
        store_bind_date(s, 3, x->from);
        store_bind_date(s, 4, x->to);
        sqlite3_bind_int(s, 5, x->kind);
        sqlite3_bind_int(s, 6, x->status);
        if ((rc = store_step_done(st, s, e, "updating member history")))
            return rc;
    }
    for (size_t i = 0; i < d->ngaps; i++) {
        s = store_stmt(st, STMT_GAP_INSERT);
        sqlite3_bind_int64(s, 1, member_id);
        store_bind_date(s, 2, d->gaps[i].from);
        store_bind_date(s, 3, d->gaps[i].to);
        sqlite3_bind_int(s, 4, d->gaps[i].kind);
        if ((rc = store_step_done(st, s, e, "updating member history")))
            return rc;
    }
    s = store_stmt(st, STMT_MEMBER_UPDATE_DERIVED);
    sqlite3_bind_int64(s, 1, member_id);
    sqlite3_bind_int(s, 2,
                     member_status_on(d, date_today()) == MEMBER_NONE
                         ? (int)d->status
                         : (int)member_status_on(d, date_today()));
    sqlite3_bind_int(s, 3, d->exempt);
    sqlite3_bind_int64(s, 4, d->org_id);
    store_bind_date(s, 5, d->first_decision);
    store_bind_date(s, 6, d->ceremony);
    store_bind_date(s, 7, d->official);
    store_bind_date(s, 8, d->died);
    return store_step_done(st, s, e, "updating the member");
}

enum tcxd_err store_member_rebuild(struct store *st, int64_t member_id, struct member_derived *d,
                                   struct tcxd_error *e)
{
    struct event_vec evs = {0};
    enum tcxd_err rc;
    if (!(rc = load_events(st, member_id, &evs, e)) && !(rc = member_replay(evs.v, evs.n, d, e)))
        rc = write_derived(st, member_id, d, false, e);
    free(evs.v);
    return rc;
}

/* The receiving organization of a transfer or admission: a chi bộ alive on that date. */
static enum tcxd_err check_chi_bo(struct store *st, int64_t org_id, tcxd_date date,
                                  const char *field, struct tcxd_error *e)
{
    struct org_info o;
    enum tcxd_err rc = store_org_get(st, org_id, date, &o, e);
    if (rc) {
        if (e)
            snprintf(e->field, sizeof(e->field), "%s", field);
        return rc;
    }
    if (!org_holds_members(o.tier, o.form))
        return tcxd_fail(e, TCXD_ERULE, field,
                         "'%s' (%s) is not a chi bộ: members are registered in a chi bộ", o.code,
                         org_kind_label(org_kind_of(o.tier, o.form)));
    return TCXD_OK;
}

/* A scoped handle changes only its own history: the member's chi bộ on the event's date and
   the receiving chi bộ must be in the scope's subtree on that date. */
static enum tcxd_err scope_check_event(struct store *st, int64_t member_id,
                                       const struct member_event *ev, struct tcxd_error *e)
{
    if (!store_scoped(st))
        return TCXD_OK;
    enum tcxd_err rc;
    int64_t from = ev->kind == MEV_ADMIT ? 0 : store_scope_member_org_on(st, member_id, ev->date);
    if (from && (rc = store_scope_check_write(st, from, ev->date, "member", e)))
        return rc;
    if ((ev->kind == MEV_TRANSFER || ev->kind == MEV_ADMIT) &&
        (rc = store_scope_check_write(st, ev->org_id, ev->date, "to_org", e)))
        return rc;
    return TCXD_OK;
}

static enum tcxd_err check_not_future(tcxd_date d, const char *field, struct tcxd_error *e)
{
    if (d != DATE_NONE && d > date_today()) {
        char s[DATE_ISO_LEN];
        date_format_vn(d, s);
        return tcxd_fail(e, TCXD_EINVAL, field, "date %s is in the future", s);
    }
    return TCXD_OK;
}

enum tcxd_err store_member_append(struct store *st, int64_t member_id,
                                  const struct member_event *in, const char *decision_no,
                                  const char *detail, struct tcxd_error *e)
{
    struct event_vec evs = {0};
    struct member_derived d;
    struct member_event ev = *in;
    enum tcxd_err rc;
    member_derived_init(&d);
    if ((rc = load_events(st, member_id, &evs, e)))
        goto out;
    if (!evs.n) {
        rc = tcxd_fail(e, TCXD_ENOTFOUND, "member", "no member #%lld", (long long)member_id);
        goto out;
    }
    if (ev.kind == MEV_OFFICIAL && ev.date == DATE_NONE) {
        if ((rc = member_replay(evs.v, evs.n, &d, e)))
            goto out;
        if (d.status != MEMBER_PROBATIONARY) {
            rc = tcxd_fail(e, TCXD_ERULE, "member", "member #%lld is not probationary (%s)",
                           (long long)member_id, member_status_label(d.status));
            goto out;
        }
        ev.date = member_official_date(d.ceremony);
    }
    if ((rc = check_not_future(ev.kind == MEV_OFFICIAL ? ev.decision_date : ev.date, "date", e)))
        goto out;
    if ((ev.kind == MEV_TRANSFER || ev.kind == MEV_ADMIT || ev.kind == MEV_RESTORE) &&
        (rc = check_chi_bo(st, ev.org_id, ev.date, "to_org", e)))
        goto out;
    if ((rc = scope_check_event(st, member_id, &ev, e)))
        goto out;
    ev.seq = INT64_MAX;
    ALLOC_GROW(evs.v, evs.n + 1, evs.cap);
    evs.v[evs.n++] = ev;
    if ((rc = member_replay(evs.v, evs.n, &d, e)) ||
        (rc = insert_event(st, member_id, &ev, decision_no, detail, e)) ||
        (rc = write_derived(st, member_id, &d, false, e)))
        goto out;
out:
    member_derived_release(&d);
    free(evs.v);
    return rc;
}

static json_t *member_json(const struct member_info *m)
{
    char b[DATE_ISO_LEN], o[DATE_ISO_LEN];
    date_format_iso(m->birth_date, b);
    date_format_iso(m->official_date, o);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:b}", "id",
                     (json_int_t)m->id, "full_name", m->full_name, "gender", gender_name(m->gender),
                     "birth_date", b, "ethnicity", m->ethnicity, "religion", m->religion,
                     "national_id", m->national_id, "theory_level", theory_level_name(m->theory),
                     "status", member_status_name(m->status), "official_date", o, "org_id",
                     (json_int_t)m->org_id, "exempt", m->exempt);
}

static char *member_json_text(struct store *st, int64_t id)
{
    struct member_info m;
    if (store_member_get(st, id, &m, NULL))
        return NULL;
    json_t *j = member_json(&m);
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return s;
}

static char *event_json_text(const struct member_event *ev, const char *decision_no)
{
    char d[DATE_ISO_LEN], dd[DATE_ISO_LEN];
    date_format_iso(ev->date, d);
    date_format_iso(ev->decision_date, dd);
    json_t *j =
        json_pack("{s:s, s:s, s:s, s:s, s:I, s:i}", "event", member_event_kind_name(ev->kind),
                  "date", d, "decision_date", dd, "decision_no", decision_no ? decision_no : "",
                  "org_id", (json_int_t)ev->org_id, "form", ev->form);
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return s;
}

enum tcxd_err store_member_event(struct store *st, const struct store_actor *who, int64_t member_id,
                                 const struct member_event *ev, const char *decision_no,
                                 const char *detail, struct tcxd_error *e)
{
    return store_member_event_where(st, who, member_id, ev, decision_no, detail, SCOPE_NONE, NULL,
                                    e);
}

enum tcxd_err store_member_event_where(struct store *st, const struct store_actor *who,
                                       int64_t member_id, const struct member_event *ev,
                                       const char *decision_no, const char *detail,
                                       enum transfer_scope scope, const char *place,
                                       struct tcxd_error *e)
{
    struct buf dec = BUF_INIT, det = BUF_INIT, where = BUF_INIT;
    enum tcxd_err rc;
    struct member_info before;
    const char *pl = place ? place : "";
    if ((unsigned)ev->kind >= MEV__MAX || ev->kind == MEV_ADMIT)
        return tcxd_fail(e, TCXD_EINVAL, "kind", "use admission for new members");
    if ((unsigned)scope >= SCOPE__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "scope", "invalid transfer scope %d", (int)scope);
    bool moves = ev->kind == MEV_TRANSFER || (ev->kind == MEV_EXIT && ev->form == EXIT_CHUYEN_DI);
    if ((scope || *pl) && !moves)
        return tcxd_fail(e, TCXD_EINVAL, "scope",
                         "scope and place go with a transfer or a transfer out (chuyen_di)");
    if ((rc = text_clean(decision_no ? decision_no : "", decision_no ? strlen(decision_no) : 0, 100,
                         true, "decision_no", &dec, e)) ||
        (rc = text_clean(detail ? detail : "", detail ? strlen(detail) : 0, 500, true, "reason",
                         &det, e)) ||
        (rc = text_clean(pl, strlen(pl), 300, true, "place", &where, e)) ||
        (rc = store_member_get(st, member_id, &before, e)) || (rc = store_begin(st, e)))
        goto out;
    if ((rc = store_member_append(st, member_id, ev, dec.ptr, det.ptr, e)))
        goto fail;
    if (scope || where.len) {
        sqlite3_stmt *w = store_stmt(st, STMT_EVENT_SET_WHERE);
        sqlite3_bind_int64(w, 1, member_id);
        sqlite3_bind_int(w, 2, (int)scope);
        store_bind_text(w, 3, where.ptr);
        if ((rc = store_step_done(st, w, e, "recording the member event")))
            goto fail;
    }
    char *b = member_json_text(st, member_id);
    json_t *bj = member_json(&before);
    char *bs = json_dumps(bj, JSON_COMPACT);
    json_decref(bj);
    json_t *aj = json_loads(b ? b : "{}", 0, NULL);
    char *evs = event_json_text(ev, dec.ptr);
    json_object_set_new(aj ? aj : (aj = json_object()), "event", json_loads(evs, 0, NULL));
    char *as = json_dumps(aj, JSON_COMPACT);
    json_decref(aj);
    free(evs);
    free(b);
    char action[48];
    snprintf(action, sizeof(action), "member.%s", member_event_kind_name(ev->kind));
    rc = store_audit(st, who, action, "member", member_id, before.org_id, bs, as, e);
    free(bs);
    free(as);
    if (rc || (rc = store_commit(st, e)))
        goto fail;
    goto out;
fail:
    store_rollback(st);
out:
    buf_release(&dec);
    buf_release(&det);
    buf_release(&where);
    return rc;
}

static void bind_fields(struct store *st, sqlite3_stmt *s, int first, const struct member_fields *f,
                        struct buf *fold, struct buf *key)
{
    buf_reset(fold);
    buf_reset(key);
    text_fold(f->full_name.ptr, fold);
    text_name_sort_key(store_collator(st), f->full_name.ptr, key);
    int i = first;
    store_bind_text(s, i++, f->full_name.ptr);
    store_bind_text(s, i++, fold->ptr);
    sqlite3_bind_blob(s, i++, key->ptr, (int)key->len, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, i++, f->gender);
    store_bind_date(s, i++, f->birth_date);
    store_bind_text(s, i++, f->ethnicity.ptr);
    store_bind_text(s, i++, f->religion.ptr);
    store_bind_text(s, i++, f->hometown.ptr);
    store_bind_text(s, i++, f->national_id.len ? f->national_id.ptr : NULL);
    store_bind_text(s, i++, f->education.ptr);
    store_bind_text(s, i++, f->professional_level.ptr);
    sqlite3_bind_int(s, i++, f->theory);
    store_bind_text(s, i++, f->party_card_no.len ? f->party_card_no.ptr : NULL);
}

/* The search key with the given name first: "phong nguyen van" for Nguyễn Văn Phong. */
void store_fold_given_first(const char *full_name, struct buf *out)
{
    struct name_parts p;
    text_name_split(full_name, &p);
    struct buf tmp = BUF_INIT;
    const struct slice parts[] = {p.given, p.family, p.middle};
    for (size_t i = 0; i < ARRAY_SIZE(parts); i++) {
        if (!parts[i].len)
            continue;
        buf_reset(&tmp);
        buf_add(&tmp, parts[i].ptr, parts[i].len);
        if (out->len)
            buf_addch(out, ' ');
        text_fold(tmp.ptr, out);
    }
    buf_release(&tmp);
}

/* Rows written before migration 0004 (or by a bulk path) get their given-name key. */
enum tcxd_err store_backfill_given(struct store *st, struct tcxd_error *e)
{
    struct buf key = BUF_INIT;
    enum tcxd_err rc = TCXD_OK;
    sqlite3_stmt *q = store_stmt(st, STMT_MEMBER_NEED_GIVEN);
    if (sqlite3_step(q) != SQLITE_ROW) {
        sqlite3_reset(q);
        return TCXD_OK;
    }
    sqlite3_reset(q);
    if ((rc = store_begin(st, e)))
        return rc;
    /* collect first: updating while stepping the same table's scan is not portable */
    struct {
        int64_t *id;
        char **name;
        size_t n, cap, ncap;
    } v = {0};
    q = store_stmt(st, STMT_MEMBER_NEED_GIVEN);
    while (sqlite3_step(q) == SQLITE_ROW) {
        ALLOC_GROW(v.id, v.n + 1, v.cap);
        ALLOC_GROW(v.name, v.n + 1, v.ncap);
        v.id[v.n] = sqlite3_column_int64(q, 0);
        v.name[v.n++] = xstrdup((const char *)sqlite3_column_text(q, 1));
    }
    for (size_t i = 0; i < v.n; i++) {
        buf_reset(&key);
        store_fold_given_first(v.name[i], &key);
        sqlite3_stmt *u = store_stmt(st, STMT_MEMBER_SET_GIVEN);
        sqlite3_bind_int64(u, 1, v.id[i]);
        store_bind_text(u, 2, key.len ? key.ptr : " ");
        if (!rc)
            rc = store_step_done(st, u, e, "indexing member names");
        free(v.name[i]);
    }
    free(v.id);
    free(v.name);
    buf_release(&key);
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, e);
}

static enum tcxd_err check_nid_free(struct store *st, const struct member_fields *f, int64_t self,
                                    int64_t *other_out, struct tcxd_error *e)
{
    if (!f->national_id.len)
        return TCXD_OK;
    int64_t other = 0;
    enum tcxd_err rc = store_member_by_national_id(st, f->national_id.ptr, &other, NULL);
    if (rc == TCXD_OK && other != self) {
        if (other_out)
            *other_out = other;
        return store_nid_conflict(st, other, "national_id", e);
    }
    return TCXD_OK;
}

/* ---- the Phiếu's fields (MFF_PROFILE, migration 0011) ---- */

bool store_member_profile_empty(const struct member_fields *f)
{
    for (int i = 0; i < MF__MAX; i++) {
        const struct member_field_def *d = &member_field_defs[i];
        if (!(d->flags & MFF_PROFILE))
            continue;
        if (d->kind == MFK_ENUM ? member_fields_enum(f, (enum member_field)i) != 0
                                : member_fields_text_c(f, (enum member_field)i)->len != 0)
            return false;
    }
    return true;
}

enum tcxd_err store_member_profile_write(struct store *st, int64_t member_id,
                                         const struct member_fields *f, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_MEMBER_PROFILE_SET);
    sqlite3_bind_int64(s, 1, member_id);
    int k = 2; /* the statement lists the profile fields in table order */
    for (int i = 0; i < MF__MAX; i++) {
        const struct member_field_def *d = &member_field_defs[i];
        if (!(d->flags & MFF_PROFILE))
            continue;
        if (d->kind == MFK_ENUM)
            sqlite3_bind_int(s, k++, member_fields_enum(f, (enum member_field)i));
        else
            store_bind_text(s, k++, member_fields_text_c(f, (enum member_field)i)->ptr);
    }
    return store_step_done(st, s, e, "recording the member's Phiếu fields");
}

static enum tcxd_err profile_read(struct store *st, int64_t member_id, struct member_fields *f,
                                  struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_MEMBER_PROFILE_GET);
    sqlite3_bind_int64(s, 1, member_id);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE
                   ? tcxd_fail(e, TCXD_ENOTFOUND, "member", "no member #%lld", (long long)member_id)
                   : store_db_error(st, e, "reading member");
    }
    int k = 0;
    for (int i = 0; i < MF__MAX; i++) {
        const struct member_field_def *d = &member_field_defs[i];
        if (!(d->flags & MFF_PROFILE))
            continue;
        char *p = (char *)f + d->offset;
        if (d->kind == MFK_ENUM) {
            int v = sqlite3_column_int(s, k++);
            if (v < 0 || (size_t)v >= d->nvalues)
                v = 0;
            memcpy(p, &v, sizeof(v));
        } else {
            struct buf *b = member_fields_text(f, (enum member_field)i);
            buf_reset(b);
            const char *t = (const char *)sqlite3_column_text(s, k++);
            buf_adds(b, t ? t : "");
        }
    }
    sqlite3_reset(s);
    return TCXD_OK;
}

enum tcxd_err store_member_admit(struct store *st, const struct store_actor *who,
                                 const struct member_admit_req *req, int64_t *id_out,
                                 struct tcxd_error *e)
{
    const struct member_fields *f = req->fields;
    const struct member_admit_history *h = req->history;
    struct buf dec = BUF_INIT, odec = BUF_INIT, place = BUF_INIT, fold = BUF_INIT, key = BUF_INIT;
    struct member_derived d;
    enum tcxd_err rc;
    int64_t other = 0;
    member_derived_init(&d);
    bool outside = h && h->admission_place && *h->admission_place;
    struct member_entry entry = {
        .admission_org_id = outside ? 0 : req->org_id,
        .decision_date = req->decision_date,
        .ceremony_date = req->ceremony_date,
        .official_decision_date = h ? h->official_decision_date : DATE_NONE,
        .moved_to = outside ? req->org_id : 0,
        .moved_on = outside ? h->arrival_date : DATE_NONE,
        .moved_decision_date = outside ? h->arrival_decision_date : DATE_NONE};
    struct member_event ev[MEMBER_ENTRY_EVENTS], sorted[MEMBER_ENTRY_EVENTS];
    size_t nev = member_entry_events(&entry, ev);
    const char *odn = h && h->official_decision_no ? h->official_decision_no : "";
    const char *pl = outside ? h->admission_place : "";
    const char *adn = outside && h->arrival_decision_no ? h->arrival_decision_no : "";
    struct buf adec = BUF_INIT;
    if ((rc = text_clean(req->decision_no ? req->decision_no : "",
                         req->decision_no ? strlen(req->decision_no) : 0, 100, true, "decision_no",
                         &dec, e)) ||
        (rc = text_clean(odn, strlen(odn), 100, true, "official_decision_no", &odec, e)) ||
        (rc = text_clean(pl, strlen(pl), 300, true, "admission_place", &place, e)) ||
        (rc = text_clean(adn, strlen(adn), 100, true, "arrival_decision_no", &adec, e)) ||
        (rc = member_check_admission(f->birth_date, req->decision_date, req->ceremony_date,
                                     date_today(), e)) ||
        (rc = check_not_future(entry.official_decision_date, "official_decision_date", e)))
        goto out;
    if (outside) {
        if (h->arrival_date == DATE_NONE)
            rc = tcxd_fail(e, TCXD_EINVAL, "arrival_date",
                           "a member admitted outside the database needs the date of arrival in "
                           "the chi bộ");
        else if (h->arrival_date < req->ceremony_date)
            rc = tcxd_fail(e, TCXD_EINVAL, "arrival_date",
                           "the arrival in the chi bộ is before the admission ceremony");
        if (rc || (rc = check_not_future(h->arrival_date, "arrival_date", e)) ||
            (rc = check_chi_bo(st, req->org_id, h->arrival_date, "org", e)))
            goto out;
    } else if ((rc = check_chi_bo(st, req->org_id, req->ceremony_date, "org", e))) {
        goto out;
    }
    /* a scoped handle admits only into its own chi bộ of that day (and of today) */
    if ((rc = store_scope_check_write(st, req->org_id,
                                      outside ? h->arrival_date : req->ceremony_date, "org", e)))
        goto out;
    memcpy(sorted, ev, sizeof(ev[0]) * nev); /* member_replay sorts: ev keeps the order */
    if ((rc = member_replay(sorted, nev, &d, e)) || (rc = store_begin(st, e)))
        goto out;
    if ((rc = check_nid_free(st, f, 0, &other, e)))
        goto fail;
    sqlite3_stmt *s = store_stmt(st, STMT_MEMBER_INSERT);
    bind_fields(st, s, 1, f, &fold, &key);
    sqlite3_bind_int(s, 14, d.status);
    sqlite3_bind_int64(s, 15, d.org_id);
    buf_reset(&fold);
    store_fold_given_first(f->full_name.ptr, &fold);
    store_bind_text(s, 16, fold.ptr);
    if ((rc = store_step_done(st, s, e, "recording the member")))
        goto fail;
    int64_t id = sqlite3_last_insert_rowid(st->db);
    if (!store_member_profile_empty(f) && (rc = store_member_profile_write(st, id, f, e)))
        goto fail;
    for (size_t i = 0; i < nev && !rc; i++)
        rc = insert_event(st, id, &ev[i],
                          ev[i].kind == MEV_ADMIT      ? dec.ptr
                          : ev[i].kind == MEV_OFFICIAL ? odec.ptr
                          : ev[i].kind == MEV_TRANSFER ? adec.ptr
                                                       : "",
                          ev[i].kind == MEV_ADMIT ? place.ptr : "", e);
    if (!rc && outside &&
        (h->arrival_scope != SCOPE_NONE || (h->arrival_from && *h->arrival_from))) {
        /* the arrival is the last of the entry's events */
        buf_reset(&fold);
        const char *from = h->arrival_from ? h->arrival_from : "";
        if ((unsigned)h->arrival_scope >= SCOPE__MAX)
            rc = tcxd_fail(e, TCXD_EINVAL, "scope", "invalid transfer scope %d",
                           (int)h->arrival_scope);
        else if (!(rc = text_clean(from, strlen(from), 300, true, "place", &fold, e))) {
            sqlite3_stmt *w = store_stmt(st, STMT_EVENT_SET_WHERE);
            sqlite3_bind_int64(w, 1, id);
            sqlite3_bind_int(w, 2, (int)h->arrival_scope);
            store_bind_text(w, 3, fold.ptr);
            rc = store_step_done(st, w, e, "recording the member event");
        }
    }
    if (rc || (rc = write_derived(st, id, &d, true, e)))
        goto fail;
    char *after = member_json_text(st, id);
    rc = store_audit(st, who, "member.admit", "member", id, req->org_id, NULL, after, e);
    free(after);
    if (rc || (rc = store_commit(st, e)))
        goto fail;
    if (id_out)
        *id_out = id;
    goto out;
fail:
    store_rollback(st);
    if (other) /* the check itself is recorded: who tested whose national ID */
        store_nid_conflict_audit(st, who, other, "admit");
out:
    member_derived_release(&d);
    buf_release(&dec);
    buf_release(&odec);
    buf_release(&place);
    buf_release(&adec);
    buf_release(&fold);
    buf_release(&key);
    return rc;
}

enum tcxd_err store_member_readmit(struct store *st, const struct store_actor *who,
                                   int64_t member_id, int64_t org_id, tcxd_date decision_date,
                                   tcxd_date ceremony_date, const char *decision_no,
                                   struct tcxd_error *e)
{
    struct member_info m;
    enum tcxd_err rc;
    if ((rc = store_member_get(st, member_id, &m, e)) ||
        (rc = member_check_admission(m.birth_date, decision_date, ceremony_date, date_today(), e)))
        return rc;
    struct member_event ev = {.kind = MEV_ADMIT,
                              .date = ceremony_date,
                              .decision_date = decision_date,
                              .org_id = org_id,
                              .until = DATE_NONE};
    struct buf dec = BUF_INIT;
    if ((rc = text_clean(decision_no ? decision_no : "", decision_no ? strlen(decision_no) : 0, 100,
                         true, "decision_no", &dec, e)) ||
        (rc = store_begin(st, e)))
        goto out;
    if ((rc = store_member_append(st, member_id, &ev, dec.ptr, "", e))) {
        store_rollback(st);
        goto out;
    }
    char *after = member_json_text(st, member_id);
    rc = store_audit(st, who, "member.readmit", "member", member_id, org_id, NULL, after, e);
    free(after);
    if (rc || (rc = store_commit(st, e)))
        store_rollback(st);
out:
    buf_release(&dec);
    return rc;
}

enum tcxd_err store_member_update(struct store *st, const struct store_actor *who,
                                  int64_t member_id, const struct member_fields *f,
                                  struct tcxd_error *e)
{
    struct buf fold = BUF_INIT, key = BUF_INIT;
    enum tcxd_err rc;
    int64_t other = 0;
    char *before = member_json_text(st, member_id);
    if (!before)
        return tcxd_fail(e, TCXD_ENOTFOUND, "member", "no member #%lld", (long long)member_id);
    if ((rc = store_begin(st, e)))
        goto out;
    if ((rc = check_nid_free(st, f, member_id, &other, e)))
        goto fail;
    sqlite3_stmt *s = store_stmt(st, STMT_MEMBER_UPDATE_FIELDS);
    sqlite3_bind_int64(s, 1, member_id);
    bind_fields(st, s, 2, f, &fold, &key);
    buf_reset(&fold);
    store_fold_given_first(f->full_name.ptr, &fold);
    store_bind_text(s, 15, fold.ptr);
    if ((rc = store_step_done(st, s, e, "updating the member")))
        goto fail;
    struct member_info m;
    if ((rc = store_member_get(st, member_id, &m, e)))
        goto fail;
    char *after = member_json_text(st, member_id);
    rc = store_audit(st, who, "member.update", "member", member_id, m.org_id, before, after, e);
    free(after);
    if (rc || (rc = store_commit(st, e)))
        goto fail;
    goto out;
fail:
    store_rollback(st);
    if (other)
        store_nid_conflict_audit(st, who, other, "update");
out:
    free(before);
    buf_release(&fold);
    buf_release(&key);
    return rc;
}

/* ---- reading ---------------------------------------------------------------------------- */

enum tcxd_err store_member_get(struct store *st, int64_t id, struct member_info *m,
                               struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_MEMBER_GET);
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        if (rc != SQLITE_DONE)
            return store_db_error(st, e, "reading member");
        return tcxd_fail(e, TCXD_ENOTFOUND, "member", "no member #%lld", (long long)id);
    }
    memset(m, 0, sizeof(*m));
    m->id = sqlite3_column_int64(s, 0);
    store_column_copy(s, 1, m->full_name, sizeof(m->full_name));
    m->gender = (enum gender)sqlite3_column_int(s, 2);
    m->birth_date = store_column_date(s, 3);
    store_column_copy(s, 4, m->ethnicity, sizeof(m->ethnicity));
    store_column_copy(s, 5, m->religion, sizeof(m->religion));
    store_column_copy(s, 6, m->hometown, sizeof(m->hometown));
    store_column_copy(s, 7, m->national_id, sizeof(m->national_id));
    store_column_copy(s, 8, m->education, sizeof(m->education));
    store_column_copy(s, 9, m->professional_level, sizeof(m->professional_level));
    m->theory = (enum theory_level)sqlite3_column_int(s, 10);
    store_column_copy(s, 11, m->party_card_no, sizeof(m->party_card_no));
    m->admission_decision_date = store_column_date(s, 12);
    m->ceremony_date = store_column_date(s, 13);
    m->official_date = store_column_date(s, 14);
    m->died_on = store_column_date(s, 15);
    m->status = (enum member_status)sqlite3_column_int(s, 16);
    m->exempt = sqlite3_column_int(s, 17) != 0;
    m->org_id = sqlite3_column_int64(s, 18);
    sqlite3_reset(s);
    if (!store_scope_member_org(st, m->org_id)) /* personal data follows today's scope */
        return tcxd_fail(e, TCXD_ENOTFOUND, "member", "no member #%lld", (long long)id);
    return TCXD_OK;
}

enum tcxd_err store_member_by_national_id(struct store *st, const char *nid, int64_t *id_out,
                                          struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_MEMBER_BY_NID);
    store_bind_text(s, 1, nid);
    if (sqlite3_step(s) != SQLITE_ROW)
        return tcxd_fail(e, TCXD_ENOTFOUND, "national_id", "no living member with national ID %s",
                         nid);
    *id_out = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return TCXD_OK;
}

enum tcxd_err store_member_events(struct store *st, int64_t member_id,
                                  void (*fn)(void *ctx, const struct member_event_info *ev),
                                  void *ctx, struct member_derived *d, struct tcxd_error *e)
{
    if (!store_scope_member(st, member_id)) /* a life's events are personal data too */
        return tcxd_fail(e, TCXD_ENOTFOUND, "member", "no member #%lld", (long long)member_id);
    sqlite3_stmt *s = store_stmt(st, STMT_MEMBER_EVENTS);
    sqlite3_bind_int64(s, 1, member_id);
    struct event_vec evs = {0};
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct member_event_info info;
        memset(&info, 0, sizeof(info));
        info.id = sqlite3_column_int64(s, 0);
        info.ev.seq = info.id;
        info.ev.kind = (enum member_event_kind)sqlite3_column_int(s, 1);
        info.ev.date = store_column_date(s, 2);
        store_column_copy(s, 3, info.decision_no, sizeof(info.decision_no));
        info.ev.decision_date = store_column_date(s, 4);
        info.ev.org_id = sqlite3_column_int64(s, 5);
        info.ev.form = sqlite3_column_int(s, 6);
        info.ev.until = store_column_date(s, 7);
        store_column_copy(s, 8, info.detail, sizeof(info.detail));
        info.scope = (enum transfer_scope)sqlite3_column_int(s, 9);
        if ((unsigned)info.scope >= SCOPE__MAX)
            info.scope = SCOPE_NONE;
        store_column_copy(s, 10, info.place, sizeof(info.place));
        if (fn)
            fn(ctx, &info);
        ALLOC_GROW(evs.v, evs.n + 1, evs.cap);
        evs.v[evs.n++] = info.ev;
    }
    enum tcxd_err r = TCXD_OK;
    if (rc != SQLITE_DONE)
        r = store_db_error(st, e, "reading member events");
    else if (d)
        r = member_replay(evs.v, evs.n, d, e);
    free(evs.v);
    return r;
}

/* ---- lists ------------------------------------------------------------------------------ */

/*
 * A match is kept compact (no name copy): ids, what the filters and the page need, and the
 * roll-order key in one shared arena. Full rows are read only for the page shown, so a broad
 * search ("nguyen": a third of a city) costs a scan and a sort, not a copy of every record.
 */
struct hit {
    int64_t id, org_id;
    size_t key_off;
    uint32_t key_len;
    tcxd_date birth;
    uint8_t status, temporary;
};

struct hit_vec {
    struct hit *v;
    size_t n, cap;
    struct buf keys;
};

static bool row_matches(struct store *st, const struct member_query *q, sqlite3_stmt *s)
{
    /* columns: 0 id, 1 name, 2 gender, 3 birth, 4 status, 5 org, 6 kind, 7 adm, 8 key,
       9 theory, 10 ethnicity, 11 the member's current chi bộ */
    if (store_scoped(st) && !store_scope_member_org(st, sqlite3_column_int64(s, 11)))
        return false;
    if (q->gender >= 0 && sqlite3_column_int(s, 2) != q->gender)
        return false;
    if (q->status >= 0 && sqlite3_column_int(s, 4) != q->status)
        return false;
    if (q->theory >= 0 && sqlite3_column_int(s, 9) != q->theory)
        return false;
    if (q->ethnicity && *q->ethnicity) {
        const char *eth = (const char *)sqlite3_column_text(s, 10);
        if (!eth || strcmp(eth, q->ethnicity))
            return false;
    }
    if (q->age_min >= 0 || q->age_max >= 0) {
        int age = date_age_years(store_column_date(s, 3), q->as_of);
        if ((q->age_min >= 0 && age < q->age_min) || (q->age_max >= 0 && age > q->age_max))
            return false;
    }
    return true;
}

static void collect_hit(struct hit_vec *hv, sqlite3_stmt *s)
{
    ALLOC_GROW(hv->v, hv->n + 1, hv->cap);
    struct hit *h = &hv->v[hv->n++];
    h->id = sqlite3_column_int64(s, 0);
    h->org_id = sqlite3_column_int64(s, 5);
    h->birth = store_column_date(s, 3);
    h->status = (uint8_t)sqlite3_column_int(s, 4);
    h->temporary = sqlite3_column_int(s, 6) == STINT_TEMPORARY;
    h->key_off = hv->keys.len;
    h->key_len = (uint32_t)sqlite3_column_bytes(s, 8);
    buf_add(&hv->keys, sqlite3_column_blob(s, 8), h->key_len);
}

/* qsort has no context argument in C11: the vector being sorted, per thread. */
static _Thread_local const struct hit_vec *sort_ctx;

static int cmp_name(const void *a, const void *b)
{
    const struct hit *x = a, *y = b;
    const char *kx = sort_ctx->keys.ptr + x->key_off, *ky = sort_ctx->keys.ptr + y->key_off;
    size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
    int c = memcmp(kx, ky, n);
    if (c)
        return c;
    if (x->key_len != y->key_len)
        return x->key_len < y->key_len ? -1 : 1;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return (int)x->temporary - (int)y->temporary;
}

static int cmp_birth(const void *a, const void *b)
{
    const struct hit *x = a, *y = b;
    if (x->birth != y->birth)
        return x->birth < y->birth ? -1 : 1;
    return cmp_name(a, b);
}

/* Rows of one organization on the query date that pass the filters and the name prefix. */
static enum tcxd_err collect_org(struct store *st, int64_t org_id, const struct member_query *q,
                                 const char *prefix, size_t plen, struct hit_vec *hv,
                                 struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_LIST_ORG);
    sqlite3_bind_int64(s, 1, org_id);
    store_bind_date(s, 2, q->as_of);
    sqlite3_bind_int(s, 3, q->include_temporary);
    int rc;
    struct buf f = BUF_INIT;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (!row_matches(st, q, s))
            continue;
        if (plen) {
            buf_reset(&f);
            text_fold((const char *)sqlite3_column_text(s, 1), &f);
            if (f.len < plen || memcmp(f.ptr, prefix, plen))
                continue;
        }
        collect_hit(hv, s);
    }
    buf_release(&f);
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "listing members");
}

/*
 * With a name prefix: two range scans, on the folded full name ("nguyen van ph...") and on the
 * folded given-name-first key ("phong ..."), each joined to where the member was on the date;
 * members outside the subtree are dropped in memory. A member matching both appears twice and is
 * removed after sorting (equal keys and ids sort together).
 */
static enum tcxd_err collect_prefix(struct store *st, const struct org_tree *tree, uint32_t root,
                                    const struct member_query *q, const struct buf *fold,
                                    struct hit_vec *hv, struct tcxd_error *e)
{
    struct buf hi = BUF_INIT;
    buf_add(&hi, fold->ptr, fold->len);
    buf_addch(&hi, 0x7f);
    enum stmt_id which[] = {STMT_LIST_NAME_PREFIX, STMT_LIST_GIVEN_PREFIX};
    enum tcxd_err r = TCXD_OK;
    for (size_t w = 0; w < ARRAY_SIZE(which) && !r; w++) {
        sqlite3_stmt *s = store_stmt(st, which[w]);
        store_bind_text(s, 1, fold->ptr);
        store_bind_text(s, 2, hi.ptr);
        store_bind_date(s, 3, q->as_of);
        sqlite3_bind_int(s, 4, q->include_temporary);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            if (tree && root != TREE_NONE &&
                !org_tree_in_subtree(tree, root, org_tree_find(tree, sqlite3_column_int64(s, 5))))
                continue;
            if (row_matches(st, q, s))
                collect_hit(hv, s);
        }
        if (rc != SQLITE_DONE)
            r = store_db_error(st, e, "searching members");
    }
    buf_release(&hi);
    return r;
}

/* The full row of a hit on the page. */
static enum tcxd_err hit_row(struct store *st, const struct hit *h, struct member_row *r,
                             struct tcxd_error *e)
{
    struct member_info m;
    enum tcxd_err rc = store_member_get(st, h->id, &m, e);
    if (rc)
        return rc;
    memset(r, 0, sizeof(*r));
    r->id = h->id;
    memcpy(r->full_name, m.full_name, sizeof(r->full_name));
    r->gender = m.gender;
    r->birth_date = m.birth_date;
    r->status = (enum member_status)h->status;
    r->org_id = h->org_id;
    r->temporary = h->temporary;
    r->admission_decision_date = m.admission_decision_date;
    return TCXD_OK;
}

enum tcxd_err store_member_list(struct store *st, const struct org_tree *tree,
                                const struct member_query *q,
                                void (*fn)(void *ctx, const struct member_row *r), void *ctx,
                                int64_t *total, struct tcxd_error *e)
{
    struct hit_vec hv = {NULL, 0, 0, BUF_INIT};
    struct buf fold = BUF_INIT;
    enum tcxd_err rc = TCXD_OK;
    uint32_t root = TREE_NONE;
    if (q->org_id) {
        root = tree ? org_tree_find(tree, q->org_id) : TREE_NONE;
        if (root == TREE_NONE)
            return tcxd_fail(e, TCXD_ENOTFOUND, "org", "no organization #%lld on that date",
                             (long long)q->org_id);
    }
    if (q->q && *q->q)
        text_fold(q->q, &fold);
    if (fold.len >= 2 || !tree) {
        rc = collect_prefix(st, tree, root, q, &fold, &hv, e);
    } else {
        for (uint32_t i = root != TREE_NONE ? root : 0; i < tree->n && !rc;
             i = root != TREE_NONE ? org_tree_next(tree, root, i) : i + 1) {
            if (!org_holds_members(tree->nodes[i].tier, tree->nodes[i].form))
                continue;
            rc = collect_org(st, tree->nodes[i].id, q, fold.ptr, fold.len, &hv, e);
        }
    }
    if (!rc) {
        sort_ctx = &hv;
        if (hv.n > 1) /* qsort's array may not be NULL, even for no elements */
            qsort(hv.v, hv.n, sizeof(*hv.v), q->sort == MQ_SORT_BIRTH ? cmp_birth : cmp_name);
        sort_ctx = NULL;
        size_t n = 0; /* drop a member found by both keys (adjacent after sorting) */
        for (size_t i = 0; i < hv.n; i++)
            if (!n || hv.v[n - 1].id != hv.v[i].id || hv.v[n - 1].temporary != hv.v[i].temporary)
                hv.v[n++] = hv.v[i];
        size_t from = q->offset > 0 ? (size_t)q->offset : 0;
        size_t lim = q->limit > 0 ? (size_t)q->limit : n;
        for (size_t i = from; i < n && i < from + lim && !rc; i++) {
            struct member_row r;
            if (!(rc = hit_row(st, &hv.v[i], &r, e)))
                fn(ctx, &r);
        }
        if (total)
            *total = (int64_t)n;
    }
    free(hv.v);
    buf_release(&hv.keys);
    buf_release(&fold);
    return rc;
}

enum tcxd_err store_member_due(struct store *st, const struct org_tree *tree, int64_t org_id,
                               tcxd_date today, int within_days,
                               void (*fn)(void *ctx, const struct member_row *r,
                                          const struct member_due *due),
                               void *ctx, struct tcxd_error *e)
{
    uint32_t root = org_tree_find(tree, org_id);
    if (root == TREE_NONE)
        return tcxd_fail(e, TCXD_ENOTFOUND, "org", "no organization #%lld", (long long)org_id);
    for (uint32_t i = root; i != TREE_NONE; i = org_tree_next(tree, root, i)) {
        const struct org_node *nd = &tree->nodes[i];
        if (!org_holds_members(nd->tier, nd->form))
            continue;
        sqlite3_stmt *s = store_stmt(st, STMT_PROBATIONARY_IN_ORG);
        sqlite3_bind_int64(s, 1, nd->id);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            struct member_row r;
            memset(&r, 0, sizeof(r));
            r.id = sqlite3_column_int64(s, 0);
            store_column_copy(s, 1, r.full_name, sizeof(r.full_name));
            r.gender = (enum gender)sqlite3_column_int(s, 2);
            r.birth_date = store_column_date(s, 3);
            r.org_id = sqlite3_column_int64(s, 4);
            if (!store_scope_member_org(st, r.org_id))
                continue;
            r.status = MEMBER_PROBATIONARY;
            r.admission_decision_date = store_column_date(s, 6);
            tcxd_date ceremony = store_column_date(s, 5);
            struct member_due due;
            member_due_compute(ceremony, today, &due);
            if (due.overdue || due.days_left <= within_days)
                fn(ctx, &r, &due);
        }
        if (rc != SQLITE_DONE)
            return store_db_error(st, e, "listing probationary members");
    }
    return TCXD_OK;
}

/* ---- counting --------------------------------------------------------------------------- */

/* Per-organization sums of (org, status) counts that come in several parts. */
/* 16 bytes a slot: the rows come in date order, not by organization, so lookups jump around */
struct count_map {
    struct count_slot {
        int64_t org_id; /* 0: empty */
        int32_t n[2];   /* probationary, official: registrations hold no other status */
    } * slots;
    size_t cap, used;
};

static struct count_slot *count_slot(struct count_map *m, int64_t org_id)
{
    if (2 * (m->used + 1) > m->cap) {
        struct count_map g = {xcalloc(m->cap ? 2 * m->cap : 4096, sizeof(struct count_slot)),
                              m->cap ? 2 * m->cap : 4096, 0};
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].org_id)
                *count_slot(&g, m->slots[i].org_id) = m->slots[i];
        free(m->slots);
        *m = g;
    }
    /* Fibonacci hashing: the top bits of the product (cap is a power of two) */
    size_t i = (size_t)(((uint64_t)org_id * 0x9E3779B97F4A7C15ull) >>
                        (64 - __builtin_ctzll((unsigned long long)m->cap)));
    while (m->slots[i].org_id && m->slots[i].org_id != org_id)
        i = (i + 1) & (m->cap - 1);
    if (!m->slots[i].org_id) {
        m->slots[i].org_id = org_id;
        m->used++;
    }
    return &m->slots[i];
}

/* Adds each row (org_id, status, count) of s, times sign. */
static enum tcxd_err count_rows(struct store *st, sqlite3_stmt *s, int sign, struct count_map *m,
                                struct tcxd_error *e)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int status = sqlite3_column_int(s, 1);
        if (status == MEMBER_PROBATIONARY || status == MEMBER_OFFICIAL)
            count_slot(m, sqlite3_column_int64(s, 0))->n[status == MEMBER_OFFICIAL] +=
                sign * sqlite3_column_int(s, 2);
    }
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "counting members");
}

/* A snapshot is kept for the last day of a past month (migration 0006): the days boards close
   their figures on, a bounded number of them. */
static bool snapshot_worth(tcxd_date as_of)
{
    return as_of < date_today() && date_to_ymd(as_of + 1).d == 1;
}

static bool snapshot_stored(struct store *st, tcxd_date as_of)
{
    sqlite3_stmt *s = store_stmt(st, STMT_COUNT_DAY_GET);
    store_bind_date(s, 1, as_of);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_reset(s); /* a statement left on its row would pin the read snapshot (issue 9) */
    return found;
}

/* Stores the counts of as_of when the connection may write, without waiting for a lock: a
   snapshot that cannot be written now is simply not kept (it is only an accelerator). Inside a
   read snapshot (store_read_begin) SQLite refuses the write when another connection committed
   since, so a stored snapshot always matches the data it was counted from. */
static void snapshot_save(struct store *st, tcxd_date as_of, const struct count_map *m)
{
    if (!snapshot_worth(as_of) || sqlite3_db_readonly(st->db, "main"))
        return;
    store_busy_wait(st, false);
    bool ok = sqlite3_exec(st->db, "SAVEPOINT count_snapshot", NULL, NULL, NULL) == SQLITE_OK;
    if (ok) {
        sqlite3_stmt *s = store_stmt(st, STMT_COUNT_AT_CLEAR); /* rows left by a dropped mark */
        store_bind_date(s, 1, as_of);
        ok = sqlite3_step(s) == SQLITE_DONE;
        s = store_stmt(st, STMT_COUNT_DAY_INSERT);
        store_bind_date(s, 1, as_of);
        ok = ok && sqlite3_step(s) == SQLITE_DONE;
        for (size_t i = 0; i < m->cap && ok; i++)
            for (int k = 0; k < 2 && m->slots[i].org_id && ok; k++) {
                if (!m->slots[i].n[k])
                    continue;
                s = store_stmt(st, STMT_COUNT_AT_INSERT);
                store_bind_date(s, 1, as_of);
                sqlite3_bind_int64(s, 2, m->slots[i].org_id);
                sqlite3_bind_int(s, 3, k ? MEMBER_OFFICIAL : MEMBER_PROBATIONARY);
                sqlite3_bind_int(s, 4, m->slots[i].n[k]);
                ok = sqlite3_step(s) == SQLITE_DONE;
            }
        if (!ok)
            sqlite3_exec(st->db, "ROLLBACK TO count_snapshot", NULL, NULL, NULL);
        sqlite3_exec(st->db, "RELEASE count_snapshot", NULL, NULL, NULL);
    }
    store_busy_wait(st, true);
}

/*
 * Every organization: the day's snapshot when there is one; else the open registrations
 * (member_count_open, kept by triggers), minus those that opened after as_of, plus the closed
 * ones that spanned it (migration 0005), and the result kept as the day's snapshot.
 */
static enum tcxd_err counts_all(struct store *st, tcxd_date as_of,
                                void (*fn)(void *ctx, int64_t org_id, enum member_status s,
                                           int64_t count),
                                void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s;
    int step;
    if (snapshot_stored(st, as_of)) {
        s = store_stmt(st, STMT_COUNT_AT_ALL);
        store_bind_date(s, 1, as_of);
        while ((step = sqlite3_step(s)) == SQLITE_ROW)
            fn(ctx, sqlite3_column_int64(s, 0), (enum member_status)sqlite3_column_int(s, 1),
               sqlite3_column_int64(s, 2));
        return step == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "counting members");
    }
    struct count_map m = {0};
    s = store_stmt(st, STMT_COUNT_OPEN_ALL);
    enum tcxd_err rc = count_rows(st, s, 1, &m, e);
    if (!rc) {
        s = store_stmt(st, STMT_COUNT_OPENED_AFTER);
        store_bind_date(s, 1, as_of);
        rc = count_rows(st, s, -1, &m, e);
    }
    if (!rc) {
        s = store_stmt(st, STMT_COUNT_CLOSED_SPANNING);
        store_bind_date(s, 1, as_of);
        rc = count_rows(st, s, 1, &m, e);
    }
    for (size_t i = 0; i < m.cap && !rc; i++)
        for (int k = 0; k < 2 && m.slots[i].org_id; k++)
            if (m.slots[i].n[k])
                fn(ctx, m.slots[i].org_id, k ? MEMBER_OFFICIAL : MEMBER_PROBATIONARY,
                   m.slots[i].n[k]);
    if (!rc)
        snapshot_save(st, as_of, &m);
    free(m.slots);
    return rc;
}

enum tcxd_err
store_member_counts(struct store *st, tcxd_date as_of, const int64_t *orgs, size_t norgs,
                    void (*fn)(void *ctx, int64_t org_id, enum member_status s, int64_t count),
                    void *ctx, struct tcxd_error *e)
{
    int rc;
    if (!orgs)
        return counts_all(st, as_of, fn, ctx, e);
    bool snap = snapshot_stored(st, as_of);
    for (size_t i = 0; i < norgs; i++) {
        sqlite3_stmt *s = store_stmt(st, snap ? STMT_COUNT_AT_ORG : STMT_COUNT_ORG);
        if (snap) {
            store_bind_date(s, 1, as_of);
            sqlite3_bind_int64(s, 2, orgs[i]);
        } else {
            sqlite3_bind_int64(s, 1, orgs[i]);
            store_bind_date(s, 2, as_of);
        }
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            fn(ctx, orgs[i], (enum member_status)sqlite3_column_int(s, 0),
               sqlite3_column_int64(s, 1));
        if (rc != SQLITE_DONE)
            return store_db_error(st, e, "counting members");
    }
    return TCXD_OK;
}

static void emit_fact(sqlite3_stmt *s, void (*fn)(void *ctx, const struct member_fact *f),
                      void *ctx)
{
    struct member_fact f;
    f.org_id = sqlite3_column_int64(s, 0);
    f.status = (enum member_status)sqlite3_column_int(s, 1);
    f.gender = (enum gender)sqlite3_column_int(s, 2);
    f.birth_date = store_column_date(s, 3);
    f.first_decision = store_column_date(s, 4);
    f.theory = (enum theory_level)sqlite3_column_int(s, 5);
    f.ethnicity = (const char *)sqlite3_column_text(s, 6);
    f.religion = (const char *)sqlite3_column_text(s, 7);
    f.education = (const char *)sqlite3_column_text(s, 8);
    f.member_id = sqlite3_column_int64(s, 9);
    fn(ctx, &f);
}

enum tcxd_err store_member_facts(struct store *st, tcxd_date as_of, const int64_t *orgs,
                                 size_t norgs, void (*fn)(void *ctx, const struct member_fact *f),
                                 void *ctx, struct tcxd_error *e)
{
    int rc;
    if (!orgs) {
        sqlite3_stmt *s = store_stmt(st, STMT_FACTS_ALL);
        store_bind_date(s, 1, as_of);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            emit_fact(s, fn, ctx);
        return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading members");
    }
    for (size_t i = 0; i < norgs; i++) {
        sqlite3_stmt *s = store_stmt(st, STMT_FACTS_ORG);
        sqlite3_bind_int64(s, 1, orgs[i]);
        store_bind_date(s, 2, as_of);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            emit_fact(s, fn, ctx);
        if (rc != SQLITE_DONE)
            return store_db_error(st, e, "reading members");
    }
    return TCXD_OK;
}

enum tcxd_err store_member_gaps(struct store *st, tcxd_date before,
                                void (*fn)(void *ctx, int64_t member_id,
                                           const struct member_gap *g),
                                void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_GAPS_BEFORE);
    store_bind_date(s, 1, before);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct member_gap g;
        g.from = store_column_date(s, 1);
        g.to = store_column_date(s, 2);
        g.kind = (enum gap_kind)sqlite3_column_int(s, 3);
        fn(ctx, sqlite3_column_int64(s, 0), &g);
    }
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading membership gaps");
}

/* ---- corrections ------------------------------------------------------------------------ */

/* The record as JSON, keys and values from the field table. */
static json_t *record_json(const struct member_fields *f)
{
    json_t *j = json_object();
    for (int i = 0; i < MF__MAX; i++) {
        const struct member_field_def *d = &member_field_defs[i];
        enum member_field id = (enum member_field)i;
        json_t *v;
        if (d->kind == MFK_DATE) {
            tcxd_date t = member_fields_date(f, id);
            char s[DATE_ISO_LEN];
            date_format_iso(t, s);
            v = t == DATE_NONE ? json_null() : json_string(s);
        } else if (d->kind == MFK_ENUM) {
            int x = member_fields_enum(f, id);
            v = x >= 0 && (size_t)x < d->nvalues ? json_string(d->values[x].name) : json_null();
        } else {
            v = json_string(member_fields_text_c(f, id)->ptr);
        }
        json_object_set_new(j, d->key, v);
    }
    return j;
}

static char *dump_free(json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    return s;
}

char *store_member_record_json_text(const struct member_fields *f)
{
    return dump_free(record_json(f));
}

enum tcxd_err store_member_profile(struct store *st, int64_t member_id, struct member_fields *out,
                                   struct tcxd_error *e)
{
    return profile_read(st, member_id, out, e);
}

enum tcxd_err store_member_record(struct store *st, int64_t member_id, struct member_fields *out,
                                  struct tcxd_error *e)
{
    struct member_info m;
    enum tcxd_err rc = store_member_get(st, member_id, &m, e);
    if (rc)
        return rc;
    char birth[DATE_ISO_LEN];
    date_format_iso(m.birth_date, birth);
    const char *v[MF__MAX] = {
        [MF_FULL_NAME] = m.full_name,
        [MF_GENDER] = gender_name(m.gender),
        [MF_BIRTH_DATE] = birth,
        [MF_ETHNICITY] = m.ethnicity,
        [MF_RELIGION] = m.religion,
        [MF_HOMETOWN] = m.hometown,
        [MF_NATIONAL_ID] = m.national_id,
        [MF_EDUCATION] = m.education,
        [MF_PROFESSIONAL_LEVEL] = m.professional_level,
        [MF_THEORY_LEVEL] = theory_level_name(m.theory),
        [MF_PARTY_CARD_NO] = m.party_card_no,
    };
    /* stored values passed these checks; a future birth date cannot have been stored */
    if ((rc = member_record_parse(v, DATE_OPEN_END, out, NULL, e)))
        return rc;
    return profile_read(st, member_id, out, e);
}

static enum tcxd_err clean_reason(const char *reason, struct buf *out, struct tcxd_error *e)
{
    const char *r = reason ? reason : "";
    return text_clean(r, strlen(r), 500, false, "reason", out, e);
}

static enum tcxd_err correction_insert(struct store *st, const struct store_actor *who,
                                       int64_t member_id, int64_t event_id, const char *action,
                                       const char *before, const char *after, const char *reason,
                                       struct tcxd_error *e)
{
    char at[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
    sqlite3_stmt *s = store_stmt(st, STMT_CORRECTION_INSERT);
    sqlite3_bind_int64(s, 1, member_id);
    if (event_id)
        sqlite3_bind_int64(s, 2, event_id);
    store_bind_text(s, 3, action);
    store_bind_text(s, 4, before);
    store_bind_text(s, 5, after);
    store_bind_text(s, 6, reason);
    store_bind_text(s, 7, who && who->username ? who->username : "?");
    store_bind_text(s, 8, at);
    return store_step_done(st, s, e, "recording the correction");
}

/* Audit text: {"record" or "event": ..., "reason": ...}. */
static char *audit_text(const char *what, const char *json, const char *reason)
{
    json_t *j = json_object();
    json_object_set_new(j, what, json_loads(json ? json : "{}", 0, NULL));
    if (reason)
        json_object_set_new(j, "reason", json_string(reason));
    return dump_free(j);
}

enum tcxd_err store_member_correct(struct store *st, const struct store_actor *who,
                                   int64_t member_id, const struct member_fields *f,
                                   const char *reason, struct tcxd_error *e)
{
    struct buf why = BUF_INIT, fold = BUF_INIT, key = BUF_INIT;
    struct member_fields old;
    member_fields_init(&old);
    char *before = NULL, *after = NULL, *ab = NULL, *aa = NULL;
    enum tcxd_err rc;
    int64_t other = 0;
    if ((rc = clean_reason(reason, &why, e)) ||
        (rc = store_member_record(st, member_id, &old, e)) || (rc = store_begin(st, e)))
        goto out;
    before = dump_free(record_json(&old));
    after = dump_free(record_json(f));
    if (!strcmp(before, after)) {
        rc = tcxd_fail(e, TCXD_EINVAL, "reason", "the correction changes nothing");
        goto fail;
    }
    if ((rc = check_nid_free(st, f, member_id, &other, e)))
        goto fail;
    sqlite3_stmt *s = store_stmt(st, STMT_MEMBER_UPDATE_FIELDS);
    sqlite3_bind_int64(s, 1, member_id);
    bind_fields(st, s, 2, f, &fold, &key);
    buf_reset(&fold);
    store_fold_given_first(f->full_name.ptr, &fold);
    store_bind_text(s, 15, fold.ptr);
    struct member_info m;
    if ((rc = store_step_done(st, s, e, "correcting the member")) ||
        (rc = store_member_profile_write(st, member_id, f, e)) ||
        (rc = store_member_get(st, member_id, &m, e)) ||
        (rc = correction_insert(st, who, member_id, 0, "record", before, after, why.ptr, e)))
        goto fail;
    ab = audit_text("record", before, NULL);
    aa = audit_text("record", after, why.ptr);
    if ((rc = store_audit(st, who, "member.correct", "member", member_id, m.org_id, ab, aa, e)) ||
        (rc = store_commit(st, e)))
        goto fail;
    goto out;
fail:
    store_rollback(st);
    if (other)
        store_nid_conflict_audit(st, who, other, "correct");
out:
    free(before);
    free(after);
    free(ab);
    free(aa);
    member_fields_release(&old);
    buf_release(&why);
    buf_release(&fold);
    buf_release(&key);
    return rc;
}

struct info_vec {
    struct member_event_info *v;
    size_t n, cap;
};

static void collect_info(void *ctx, const struct member_event_info *ev)
{
    struct info_vec *iv = ctx;
    ALLOC_GROW(iv->v, iv->n + 1, iv->cap);
    iv->v[iv->n++] = *ev;
}

static json_t *event_info_json(const struct member_event_info *x)
{
    char d[DATE_ISO_LEN], dd[DATE_ISO_LEN], u[DATE_ISO_LEN];
    date_format_iso(x->ev.date, d);
    date_format_iso(x->ev.decision_date, dd);
    date_format_iso(x->ev.until, u);
    json_t *j =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:s}", "id", (json_int_t)x->id, "kind",
                  member_event_kind_name(x->ev.kind), "date", d, "decision_no", x->decision_no,
                  "decision_date", dd, "form", x->ev.form, "detail", x->detail);
    json_object_set_new(j, "org_id", x->ev.org_id ? json_integer(x->ev.org_id) : json_null());
    json_object_set_new(j, "until", x->ev.until == DATE_NONE ? json_null() : json_string(u));
    if (x->scope || x->place[0]) {
        json_object_set_new(j, "scope", json_string(transfer_scope_name(x->scope)));
        json_object_set_new(j, "place", json_string(x->place));
    }
    return j;
}

static int info_cmp(const void *pa, const void *pb)
{
    const struct member_event_info *a = pa, *b = pb;
    if (a->ev.date != b->ev.date)
        return a->ev.date < b->ev.date ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/*
 * The member's events as they would be with the correction (cancel: without event_id; else
 * event_id replaced by *fix), official recognitions dated from their admission; replayed into d.
 * changed[i] marks the rows to rewrite. Returns the index of event_id in iv (before removal).
 */
static enum tcxd_err fix_replay(struct store *st, int64_t member_id, int64_t event_id,
                                const struct member_event_info *fix, struct info_vec *iv,
                                bool **changed, struct member_derived *d, struct tcxd_error *e)
{
    enum tcxd_err rc = store_member_events(st, member_id, collect_info, iv, NULL, e);
    if (rc)
        return rc;
    size_t at = iv->n;
    for (size_t i = 0; i < iv->n; i++)
        if (iv->v[i].id == event_id)
            at = i;
    if (at == iv->n)
        return tcxd_fail(e, TCXD_ENOTFOUND, "event", "member #%lld has no event #%lld",
                         (long long)member_id, (long long)event_id);
    if (fix) {
        enum member_event_kind kind = iv->v[at].ev.kind; /* the kind stays */
        iv->v[at].ev = fix->ev;
        iv->v[at].ev.kind = kind;
        memcpy(iv->v[at].decision_no, fix->decision_no, sizeof(fix->decision_no));
        memcpy(iv->v[at].detail, fix->detail, sizeof(fix->detail));
        iv->v[at].scope = fix->scope;
        memcpy(iv->v[at].place, fix->place, sizeof(fix->place));
    } else {
        memmove(&iv->v[at], &iv->v[at + 1], (iv->n - at - 1) * sizeof(iv->v[0]));
        iv->n--;
    }
    *changed = xcalloc(iv->n + 1, sizeof(bool));
    qsort(iv->v, iv->n, sizeof(iv->v[0]), info_cmp);
    /* an official recognition takes effect 12 months after the admission it follows */
    tcxd_date ceremony = DATE_NONE;
    for (size_t i = 0; i < iv->n; i++) {
        struct member_event *x = &iv->v[i].ev;
        (*changed)[i] = fix && iv->v[i].id == event_id;
        if (x->kind == MEV_ADMIT) {
            ceremony = x->date;
        } else if (x->kind == MEV_OFFICIAL && ceremony != DATE_NONE &&
                   x->date != member_official_date(ceremony)) {
            x->date = member_official_date(ceremony);
            (*changed)[i] = true;
        }
    }
    struct member_event *evs = xcalloc(iv->n + 1, sizeof(*evs));
    for (size_t i = 0; i < iv->n; i++) {
        evs[i] = iv->v[i].ev;
        evs[i].seq = iv->v[i].id;
    }
    rc = member_replay(evs, iv->n, d, e);
    free(evs);
    return rc;
}

static enum tcxd_err event_row_update(struct store *st, int64_t member_id,
                                      const struct member_event_info *x, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_EVENT_UPDATE);
    sqlite3_bind_int64(s, 1, x->id);
    sqlite3_bind_int64(s, 2, member_id);
    store_bind_date(s, 3, x->ev.date);
    store_bind_text(s, 4, x->decision_no);
    store_bind_date(s, 5, x->ev.decision_date);
    if (x->ev.org_id)
        sqlite3_bind_int64(s, 6, x->ev.org_id);
    sqlite3_bind_int(s, 7, x->ev.form);
    store_bind_date(s, 8, x->ev.until);
    store_bind_text(s, 9, x->detail);
    sqlite3_bind_int(s, 10, (int)x->scope);
    store_bind_text(s, 11, x->place);
    return store_step_done(st, s, e, "correcting the event");
}

enum tcxd_err store_member_event_correct(struct store *st, const struct store_actor *who,
                                         int64_t member_id, int64_t event_id,
                                         const struct member_event *ev, const char *decision_no,
                                         const char *detail, int scope, const char *place,
                                         const char *reason, struct tcxd_error *e)
{
    struct buf why = BUF_INIT, dec = BUF_INIT, det = BUF_INIT, where = BUF_INIT;
    struct info_vec iv = {0}, orig = {0};
    bool *changed = NULL;
    struct member_derived d;
    struct member_info m;
    char *before = NULL, *after = NULL, *ab = NULL, *aa = NULL;
    enum tcxd_err rc;
    member_derived_init(&d);
    const char *dn = decision_no ? decision_no : "", *dt = detail ? detail : "";
    if ((rc = clean_reason(reason, &why, e)) ||
        (rc = text_clean(dn, strlen(dn), 100, true, "decision_no", &dec, e)) ||
        (rc = text_clean(dt, strlen(dt), 500, true, "detail", &det, e)) ||
        (place && (rc = text_clean(place, strlen(place), 300, true, "place", &where, e))) ||
        (rc = store_member_get(st, member_id, &m, e)) ||
        (rc = store_member_events(st, member_id, collect_info, &orig, NULL, e)))
        goto out;
    const struct member_event_info *old = NULL;
    for (size_t i = 0; i < orig.n; i++)
        if (orig.v[i].id == event_id)
            old = &orig.v[i];
    if (!old) {
        rc = tcxd_fail(e, TCXD_ENOTFOUND, "event", "member #%lld has no event #%lld",
                       (long long)member_id, (long long)event_id);
        goto out;
    }
    struct member_event_info fix = *old;
    fix.ev = *ev;
    fix.ev.kind = old->ev.kind;
    fix.ev.seq = event_id;
    snprintf(fix.decision_no, sizeof(fix.decision_no), "%s", dec.ptr);
    snprintf(fix.detail, sizeof(fix.detail), "%s", det.ptr);
    if (scope >= SCOPE__MAX) {
        rc = tcxd_fail(e, TCXD_EINVAL, "scope", "invalid transfer scope %d", scope);
        goto out;
    }
    if (scope >= 0)
        fix.scope = (enum transfer_scope)scope;
    if (place)
        snprintf(fix.place, sizeof(fix.place), "%s", where.ptr);
    bool moves =
        fix.ev.kind == MEV_TRANSFER || (fix.ev.kind == MEV_EXIT && fix.ev.form == EXIT_CHUYEN_DI);
    if ((fix.scope || fix.place[0]) && !moves) {
        rc = tcxd_fail(e, TCXD_EINVAL, "scope",
                       "scope and place go with a transfer or a transfer out (chuyen_di)");
        goto out;
    }
    if (fix.ev.kind == MEV_OFFICIAL)
        fix.ev.date = old->ev.date; /* re-dated from the admission by fix_replay */
    tcxd_date when = fix.ev.kind == MEV_OFFICIAL ? fix.ev.decision_date : fix.ev.date;
    if ((rc = check_not_future(when, "date", e)) ||
        (fix.ev.kind == MEV_ADMIT &&
         (rc = member_check_admission(m.birth_date, fix.ev.decision_date, fix.ev.date, date_today(),
                                      e))) ||
        ((fix.ev.kind == MEV_TRANSFER || (fix.ev.kind == MEV_ADMIT && fix.ev.org_id)) &&
         (rc = check_chi_bo(st, fix.ev.org_id, fix.ev.date, "org", e))) ||
        (rc = fix_replay(st, member_id, event_id, &fix, &iv, &changed, &d, e)))
        goto out;
    before = dump_free(event_info_json(old));
    after = dump_free(event_info_json(&fix));
    if (!strcmp(before, after)) {
        rc = tcxd_fail(e, TCXD_EINVAL, "reason", "the correction changes nothing");
        goto out;
    }
    if ((rc = store_begin(st, e)))
        goto out;
    for (size_t i = 0; i < iv.n && !rc; i++)
        if (changed[i])
            rc = event_row_update(st, member_id, &iv.v[i], e);
    if (rc || (rc = write_derived(st, member_id, &d, false, e)) ||
        (rc = correction_insert(st, who, member_id, event_id, "event", before, after, why.ptr, e)))
        goto fail;
    ab = audit_text("event", before, NULL);
    aa = audit_text("event", after, why.ptr);
    if ((rc = store_audit(st, who, "member.event.correct", "member", member_id, m.org_id, ab, aa,
                          e)) ||
        (rc = store_commit(st, e)))
        goto fail;
    goto out;
fail:
    store_rollback(st);
out:
    member_derived_release(&d);
    free(iv.v);
    free(orig.v);
    free(changed);
    free(before);
    free(after);
    free(ab);
    free(aa);
    buf_release(&why);
    buf_release(&dec);
    buf_release(&det);
    buf_release(&where);
    return rc;
}

enum tcxd_err store_member_event_cancel(struct store *st, const struct store_actor *who,
                                        int64_t member_id, int64_t event_id, const char *reason,
                                        struct tcxd_error *e)
{
    struct buf why = BUF_INIT;
    struct info_vec iv = {0}, orig = {0};
    bool *changed = NULL;
    struct member_derived d;
    struct member_info m;
    char *before = NULL, *ab = NULL, *aa = NULL;
    enum tcxd_err rc;
    member_derived_init(&d);
    if ((rc = clean_reason(reason, &why, e)) || (rc = store_member_get(st, member_id, &m, e)) ||
        (rc = store_member_events(st, member_id, collect_info, &orig, NULL, e)))
        goto out;
    const struct member_event_info *old = NULL;
    bool first_admit = true;
    for (size_t i = 0; i < orig.n; i++) {
        if (orig.v[i].id == event_id) {
            old = &orig.v[i];
            break;
        }
        if (orig.v[i].ev.kind == MEV_ADMIT)
            first_admit = false;
    }
    if (!old) {
        rc = tcxd_fail(e, TCXD_ENOTFOUND, "event", "member #%lld has no event #%lld",
                       (long long)member_id, (long long)event_id);
        goto out;
    }
    if (old->ev.kind == MEV_ADMIT && first_admit) {
        rc = tcxd_fail(e, TCXD_ERULE, "event",
                       "the first admission cannot be cancelled (correct it instead)");
        goto out;
    }
    if ((rc = fix_replay(st, member_id, event_id, NULL, &iv, &changed, &d, e)))
        goto out;
    before = dump_free(event_info_json(old));
    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_EVENT_DELETE);
    sqlite3_bind_int64(s, 1, event_id);
    sqlite3_bind_int64(s, 2, member_id);
    if ((rc = store_step_done(st, s, e, "cancelling the event")))
        goto fail;
    for (size_t i = 0; i < iv.n && !rc; i++)
        if (changed[i])
            rc = event_row_update(st, member_id, &iv.v[i], e);
    if (rc || (rc = write_derived(st, member_id, &d, false, e)) ||
        (rc = correction_insert(st, who, member_id, event_id, "cancel", before, "{}", why.ptr, e)))
        goto fail;
    ab = audit_text("event", before, NULL);
    aa = audit_text("event", "{}", why.ptr);
    if ((rc = store_audit(st, who, "member.event.cancel", "member", member_id, m.org_id, ab, aa,
                          e)) ||
        (rc = store_commit(st, e)))
        goto fail;
    goto out;
fail:
    store_rollback(st);
out:
    member_derived_release(&d);
    free(iv.v);
    free(orig.v);
    free(changed);
    free(before);
    free(ab);
    free(aa);
    buf_release(&why);
    return rc;
}

enum tcxd_err store_member_corrections(struct store *st, int64_t member_id,
                                       void (*fn)(void *ctx,
                                                  const struct member_correction_info *c),
                                       void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_CORRECTIONS);
    sqlite3_bind_int64(s, 1, member_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct member_correction_info c;
        memset(&c, 0, sizeof(c));
        c.id = sqlite3_column_int64(s, 0);
        c.event_id = sqlite3_column_int64(s, 1);
        store_column_copy(s, 2, c.action, sizeof(c.action));
        c.before = (const char *)sqlite3_column_text(s, 3);
        c.after = (const char *)sqlite3_column_text(s, 4);
        c.reason = (const char *)sqlite3_column_text(s, 5);
        store_column_copy(s, 6, c.username, sizeof(c.username));
        store_column_copy(s, 7, c.at, sizeof(c.at));
        fn(ctx, &c);
    }
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading corrections");
}
