/*
 * store_program.c - programs, items, indicators, meetings and attendance assignments (see
 * store_program.h).
 */
#include "store/store_program.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

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
    date_format_iso(d, iso);
    return d == DATE_NONE ? json_null() : json_string(iso);
}

/* Audits `after` (a JSON object, released here) and commits; rolls back on failure. */
static enum tcxd_err audit_commit(struct store *st, const struct store_actor *who,
                                  const char *action, const char *entity, int64_t id,
                                  int64_t org_id, json_t *before, json_t *after,
                                  struct tcxd_error *e)
{
    char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(before);
    json_decref(after);
    enum tcxd_err rc = store_audit(st, who, action, entity, id, org_id, b, a, e);
    free(b);
    free(a);
    if (rc || (rc = store_commit(st, e)))
        store_rollback(st);
    return rc;
}

static enum tcxd_err check_period(tcxd_date from, tcxd_date to, struct tcxd_error *e)
{
    if (from == DATE_NONE || to == DATE_NONE || to < from) {
        char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
        date_format_vn(from, a);
        date_format_vn(to, b);
        return tcxd_fail(e, TCXD_EINVAL, "to", "the period ends (%s) before it starts (%s)", b, a);
    }
    return TCXD_OK;
}

/* The organization exists on `on`. */
static enum tcxd_err check_org(struct store *st, int64_t org_id, tcxd_date on, struct org_info *out,
                               struct tcxd_error *e)
{
    struct org_info o;
    enum tcxd_err rc = store_org_get(st, org_id, on, out ? out : &o, e);
    if (rc == TCXD_ENOTFOUND) {
        char d[DATE_ISO_LEN];
        date_format_vn(on, d);
        return tcxd_fail(e, TCXD_ENOTFOUND, "org_id", "organization #%lld did not exist on %s",
                         (long long)org_id, d);
    }
    /* every caller writes: a scoped handle writes only for its subtree, then and now */
    return rc ? rc : store_scope_check_write(st, org_id, on, "org_id", e);
}

/* ---- programs ---- */

static void program_row(sqlite3_stmt *s, struct program_info *p)
{
    memset(p, 0, sizeof(*p));
    p->id = sqlite3_column_int64(s, 0);
    store_column_copy(s, 1, p->code, sizeof(p->code));
    store_column_copy(s, 2, p->title, sizeof(p->title));
    p->org_id = sqlite3_column_int64(s, 3);
    store_column_copy(s, 4, p->steering, sizeof(p->steering));
    p->from = store_column_date(s, 5);
    p->to = store_column_date(s, 6);
    store_column_copy(s, 7, p->decision_no, sizeof(p->decision_no));
}

enum tcxd_err store_program_create(struct store *st, const struct store_actor *who,
                                   const struct program_create_req *req, int64_t *id_out,
                                   struct tcxd_error *e)
{
    struct buf code = BUF_INIT, title = BUF_INIT, steer = BUF_INIT, dec = BUF_INIT;
    enum tcxd_err rc;
    if ((rc = clean(req->code, PROGRAM_CODE_MAX, false, "code", &code, e)) ||
        (rc = clean(req->title, PROGRAM_TITLE_MAX, false, "title", &title, e)) ||
        (rc = clean(req->steering, PROGRAM_TITLE_MAX, true, "steering", &steer, e)) ||
        (rc = clean(req->decision_no, PROGRAM_DOC_MAX, true, "decision_no", &dec, e)) ||
        (rc = check_period(req->from, req->to, e)) ||
        (rc = check_org(st, req->org_id, req->from, NULL, e)))
        goto out;
    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_PROGRAM_BY_CODE);
    store_bind_text(s, 1, code.ptr);
    bool taken = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_reset(s);
    if (taken) {
        rc = tcxd_fail(e, TCXD_ECONFLICT, "code", "program code '%s' is already used", code.ptr);
        store_rollback(st);
        goto out;
    }
    s = store_stmt(st, STMT_PROGRAM_INSERT);
    store_bind_text(s, 1, code.ptr);
    store_bind_text(s, 2, title.ptr);
    sqlite3_bind_int64(s, 3, req->org_id);
    store_bind_text(s, 4, steer.ptr);
    store_bind_date(s, 5, req->from);
    store_bind_date(s, 6, req->to);
    store_bind_text(s, 7, dec.ptr);
    if ((rc = store_step_done(st, s, e, "creating the program"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after = json_pack(
        "{s:I, s:s, s:s, s:I, s:s, s:o, s:o, s:s}", "id", (json_int_t)id, "code", code.ptr, "title",
        title.ptr, "org_id", (json_int_t)req->org_id, "steering", steer.ptr, "from",
        json_date(req->from), "to", json_date(req->to), "decision_no", dec.ptr);
    if (!(rc = audit_commit(st, who, "program.create", "program", id, req->org_id, NULL, after,
                            e)) &&
        id_out)
        *id_out = id;
out:
    buf_release(&code);
    buf_release(&title);
    buf_release(&steer);
    buf_release(&dec);
    return rc;
}

enum tcxd_err store_program_get(struct store *st, int64_t id, const char *code,
                                struct program_info *out, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, code ? STMT_PROGRAM_BY_CODE : STMT_PROGRAM_BY_ID);
    if (code)
        store_bind_text(s, 1, code);
    else
        sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        program_row(s, out);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return TCXD_OK;
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading the program");
    if (code)
        return tcxd_fail(e, TCXD_ENOTFOUND, "program", "no program '%s'", code);
    return tcxd_fail(e, TCXD_ENOTFOUND, "program", "no program #%lld", (long long)id);
}

enum tcxd_err store_program_list(struct store *st,
                                 void (*fn)(void *ctx, const struct program_info *p), void *ctx,
                                 struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_PROGRAM_LIST);
    int rc;
    struct program_info p;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        program_row(s, &p);
        fn(ctx, &p);
    }
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "listing programs");
}

/* ---- items ---- */

void store_program_items_release(struct program_items *l)
{
    free(l->v);
    free(l->changes);
    memset(l, 0, sizeof(*l));
}

enum tcxd_err store_program_item_add(struct store *st, const struct store_actor *who,
                                     int64_t program_id, const struct program_item_req *req,
                                     int64_t *id_out, struct tcxd_error *e)
{
    struct buf no = BUF_INIT, title = BUF_INIT, lead = BUF_INIT, people = BUF_INIT, doc = BUF_INIT;
    struct program_info p;
    enum tcxd_err rc;
    if ((rc = clean(req->no, PROGRAM_ITEM_NO_MAX, false, "no", &no, e)) ||
        (rc = clean(req->title, PROGRAM_TITLE_MAX, false, "title", &title, e)) ||
        (rc = clean(req->lead_agency, PROGRAM_AGENCY_MAX, false, "lead_agency", &lead, e)) ||
        (rc = clean(req->people, PROGRAM_PEOPLE_MAX, true, "people", &people, e)) ||
        (rc = clean(req->document_no, PROGRAM_DOC_MAX, true, "document_no", &doc, e)))
        goto out;
    if ((unsigned)req->kind >= PITEM_KIND__MAX) {
        rc = tcxd_fail(e, TCXD_EINVAL, "kind", "invalid item kind");
        goto out;
    }
    if (req->start == DATE_NONE || req->deadline == DATE_NONE) {
        rc = tcxd_fail(e, TCXD_EINVAL, req->start == DATE_NONE ? "start" : "deadline",
                       "field %s is required", req->start == DATE_NONE ? "start" : "deadline");
        goto out;
    }
    if ((rc = program_item_check(req->start, req->deadline, e)) ||
        (rc = store_program_get(st, program_id, NULL, &p, e)) ||
        (rc = store_scope_check_write(st, p.org_id, req->start, "id", e)))
        goto out;
    if ((rc = store_begin(st, e)))
        goto out;
    int64_t existing;
    if (!store_program_item_find(st, program_id, no.ptr, &existing, NULL)) {
        rc = tcxd_fail(e, TCXD_ECONFLICT, "no", "program %s already has an item numbered '%s'",
                       p.code, no.ptr);
        store_rollback(st);
        goto out;
    }
    sqlite3_stmt *s = store_stmt(st, STMT_PROGRAM_ITEM_INSERT);
    sqlite3_bind_int64(s, 1, program_id);
    store_bind_text(s, 2, no.ptr);
    sqlite3_bind_int(s, 3, req->kind);
    store_bind_text(s, 4, title.ptr);
    store_bind_text(s, 5, lead.ptr);
    store_bind_text(s, 6, people.ptr);
    store_bind_date(s, 7, req->start);
    store_bind_date(s, 8, req->deadline);
    store_bind_text(s, 9, doc.ptr);
    if ((rc = store_step_done(st, s, e, "adding the item"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "program_id", (json_int_t)program_id,
                  "no", no.ptr, "kind", program_item_kind_name(req->kind), "title", title.ptr,
                  "lead_agency", lead.ptr, "people", people.ptr, "start", json_date(req->start),
                  "deadline", json_date(req->deadline));
    if (!(rc = audit_commit(st, who, "program.item", "program_item", id, p.org_id, NULL, after,
                            e)) &&
        id_out)
        *id_out = id;
out:
    buf_release(&no);
    buf_release(&title);
    buf_release(&lead);
    buf_release(&people);
    buf_release(&doc);
    return rc;
}

enum tcxd_err store_program_item_find(struct store *st, int64_t program_id, const char *no,
                                      int64_t *item_id, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_PROGRAM_ITEM_BY_NO);
    sqlite3_bind_int64(s, 1, program_id);
    store_bind_text(s, 2, no);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *item_id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return TCXD_OK;
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "finding the item");
    return tcxd_fail(e, TCXD_ENOTFOUND, "no", "the program has no item numbered '%s'", no);
}

enum tcxd_err store_program_item_program(struct store *st, int64_t item_id, int64_t *program_id,
                                         struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_PROGRAM_ITEM_GET);
    sqlite3_bind_int64(s, 1, item_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *program_id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return TCXD_OK;
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading the item");
    return tcxd_fail(e, TCXD_ENOTFOUND, "item", "no program item #%lld", (long long)item_id);
}

enum tcxd_err store_program_items(struct store *st, int64_t program_id, struct program_items *out,
                                  struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    size_t cap = 0, ccap = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_PROGRAM_ITEMS);
    sqlite3_bind_int64(s, 1, program_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (out->n == cap) {
            cap = cap ? 2 * cap : 16;
            out->v = xrealloc(out->v, cap * sizeof(*out->v));
        }
        struct program_item_info *it = &out->v[out->n++];
        memset(it, 0, sizeof(*it));
        it->id = sqlite3_column_int64(s, 0);
        it->program_id = sqlite3_column_int64(s, 1);
        store_column_copy(s, 2, it->no, sizeof(it->no));
        it->kind = (enum program_item_kind)sqlite3_column_int(s, 3);
        store_column_copy(s, 4, it->title, sizeof(it->title));
        store_column_copy(s, 5, it->lead_agency, sizeof(it->lead_agency));
        store_column_copy(s, 6, it->people, sizeof(it->people));
        it->start = store_column_date(s, 7);
        it->deadline = store_column_date(s, 8);
        store_column_copy(s, 9, it->document_no, sizeof(it->document_no));
    }
    if (rc != SQLITE_DONE) {
        store_program_items_release(out);
        return store_db_error(st, e, "reading the items");
    }
    /* the changes, item by item in id order: the same order as the items */
    size_t *first = xcalloc(out->n + 1, sizeof(*first));
    s = store_stmt(st, STMT_PROGRAM_ITEM_CHANGES);
    sqlite3_bind_int64(s, 1, program_id);
    size_t k = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t item = sqlite3_column_int64(s, 0);
        while (k < out->n && out->v[k].id != item)
            first[++k] = out->nchanges;
        if (k == out->n)
            break; /* cannot happen: the changes of this program's items */
        if (out->nchanges == ccap) {
            ccap = ccap ? 2 * ccap : 32;
            out->changes = xrealloc(out->changes, ccap * sizeof(*out->changes));
        }
        out->changes[out->nchanges].date = store_column_date(s, 1);
        out->changes[out->nchanges].status = (enum program_status)sqlite3_column_int(s, 2);
        out->nchanges++;
    }
    sqlite3_reset(s);
    while (k < out->n)
        first[++k] = out->nchanges;
    for (size_t i = 0; i < out->n; i++) {
        out->v[i].changes = out->changes ? out->changes + first[i] : NULL;
        out->v[i].nchanges = first[i + 1] - first[i];
    }
    free(first);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        store_program_items_release(out);
        return store_db_error(st, e, "reading the items' statuses");
    }
    return TCXD_OK;
}

enum tcxd_err store_program_item_status(struct store *st, const struct store_actor *who,
                                        int64_t item_id, struct program_status_change ch,
                                        const char *note, const char *document_no, tcxd_date today,
                                        struct tcxd_error *e)
{
    struct buf nb = BUF_INIT, db = BUF_INIT;
    struct program_status_change *h = NULL;
    size_t n = 0, cap = 0;
    enum tcxd_err rc;
    int64_t program_id;
    struct program_info p;
    if ((rc = clean(note, PROGRAM_NOTE_MAX, true, "note", &nb, e)) ||
        (rc = clean(document_no, PROGRAM_DOC_MAX, true, "document_no", &db, e)) ||
        (rc = store_program_item_program(st, item_id, &program_id, e)) ||
        (rc = store_program_get(st, program_id, NULL, &p, e)) ||
        (rc = store_scope_check_write(st, p.org_id, ch.date != DATE_NONE ? ch.date : today, "id",
                                      e)))
        goto out;
    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_PROGRAM_ITEM_GET);
    sqlite3_bind_int64(s, 1, item_id);
    tcxd_date start = sqlite3_step(s) == SQLITE_ROW ? store_column_date(s, 1) : DATE_NONE;
    sqlite3_reset(s);
    s = store_stmt(st, STMT_PROGRAM_ITEM_HISTORY);
    sqlite3_bind_int64(s, 1, item_id);
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 8;
            h = xrealloc(h, cap * sizeof(*h));
        }
        h[n].date = store_column_date(s, 0);
        h[n].status = (enum program_status)sqlite3_column_int(s, 1);
        n++;
    }
    sqlite3_reset(s);
    enum program_status before = program_status_on(h, n, ch.date);
    if ((rc = program_status_change_check(start, h, n, ch, today, e))) {
        store_rollback(st);
        goto out;
    }
    s = store_stmt(st, STMT_PROGRAM_STATUS_INSERT);
    sqlite3_bind_int64(s, 1, item_id);
    store_bind_date(s, 2, ch.date);
    sqlite3_bind_int(s, 3, ch.status);
    store_bind_text(s, 4, nb.ptr);
    store_bind_text(s, 5, db.ptr);
    if ((rc = store_step_done(st, s, e, "recording the status"))) {
        store_rollback(st);
        goto out;
    }
    json_t *b = json_pack("{s:s}", "status", program_status_name(before));
    json_t *a = json_pack("{s:s, s:o, s:s, s:s}", "status", program_status_name(ch.status), "date",
                          json_date(ch.date), "note", nb.ptr, "document_no", db.ptr);
    rc = audit_commit(st, who, "program.status", "program_item", item_id, p.org_id, b, a, e);
out:
    free(h);
    buf_release(&nb);
    buf_release(&db);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void store_program_progress(const struct program_items *l, tcxd_date on, int soon_days,
                            struct program_progress *out)
{
    memset(out, 0, sizeof(*out));
    char **agencies = xcalloc(l->n + 1, sizeof(*agencies));
    size_t na = 0;
    for (size_t i = 0; i < l->n; i++) {
        const struct program_item_info *it = &l->v[i];
        if (it->start > on)
            continue; /* not yet assigned on that day */
        program_progress_add(out, program_status_on(it->changes, it->nchanges, on), it->deadline,
                             on, soon_days);
        struct buf f = BUF_INIT;
        text_fold(it->lead_agency, &f);
        agencies[na++] = buf_detach(&f, NULL);
    }
    qsort(agencies, na, sizeof(*agencies), cmp_str);
    for (size_t i = 0; i < na; i++)
        if (i == 0 || strcmp(agencies[i], agencies[i - 1]))
            out->agencies++;
    for (size_t i = 0; i < na; i++)
        free(agencies[i]);
    free(agencies);
}

/* ---- indicators ---- */

static void indicator_row(sqlite3_stmt *s, struct indicator_info *i)
{
    memset(i, 0, sizeof(*i));
    i->id = sqlite3_column_int64(s, 0);
    store_column_copy(s, 1, i->code, sizeof(i->code));
    store_column_copy(s, 2, i->name, sizeof(i->name));
    i->org_id = sqlite3_column_int64(s, 3);
    i->source = (enum indicator_source)sqlite3_column_int(s, 4);
    i->unit = (enum indicator_unit)sqlite3_column_int(s, 5);
}

enum tcxd_err store_indicator_create(struct store *st, const struct store_actor *who,
                                     const struct indicator_create_req *req, int64_t *id_out,
                                     struct tcxd_error *e)
{
    struct buf code = BUF_INIT, name = BUF_INIT;
    enum tcxd_err rc;
    if ((rc = clean(req->code, PROGRAM_CODE_MAX, false, "code", &code, e)) ||
        (rc = clean(req->name, PROGRAM_TITLE_MAX, false, "name", &name, e)) ||
        (rc = check_org(st, req->org_id, date_today(), NULL, e)))
        goto out;
    if ((unsigned)req->source >= IND__MAX || (unsigned)req->unit >= INDICATOR_UNIT__MAX) {
        rc = tcxd_fail(e, TCXD_EINVAL, "source", "invalid indicator source or unit");
        goto out;
    }
    if (req->source != IND_MANUAL && req->unit != INDICATOR_COUNT) {
        rc = tcxd_fail(e, TCXD_EINVAL, "unit", "a computed indicator is a count (unit count)");
        goto out;
    }
    if ((rc = store_begin(st, e)))
        goto out;
    struct indicator_info dup;
    if (!store_indicator_get(st, 0, code.ptr, &dup, NULL)) {
        rc = tcxd_fail(e, TCXD_ECONFLICT, "code", "indicator code '%s' is already used", code.ptr);
        store_rollback(st);
        goto out;
    }
    sqlite3_stmt *s = store_stmt(st, STMT_INDICATOR_INSERT);
    store_bind_text(s, 1, code.ptr);
    store_bind_text(s, 2, name.ptr);
    sqlite3_bind_int64(s, 3, req->org_id);
    sqlite3_bind_int(s, 4, req->source);
    sqlite3_bind_int(s, 5, req->unit);
    if ((rc = store_step_done(st, s, e, "creating the indicator"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after =
        json_pack("{s:I, s:s, s:s, s:I, s:s, s:s}", "id", (json_int_t)id, "code", code.ptr, "name",
                  name.ptr, "org_id", (json_int_t)req->org_id, "source",
                  indicator_source_name(req->source), "unit", indicator_unit_name(req->unit));
    if (!(rc = audit_commit(st, who, "indicator.create", "indicator", id, req->org_id, NULL, after,
                            e)) &&
        id_out)
        *id_out = id;
out:
    buf_release(&code);
    buf_release(&name);
    return rc;
}

enum tcxd_err store_indicator_get(struct store *st, int64_t id, const char *code,
                                  struct indicator_info *out, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, code ? STMT_INDICATOR_BY_CODE : STMT_INDICATOR_BY_ID);
    if (code)
        store_bind_text(s, 1, code);
    else
        sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        indicator_row(s, out);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return TCXD_OK;
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading the indicator");
    if (code)
        return tcxd_fail(e, TCXD_ENOTFOUND, "indicator", "no indicator '%s'", code);
    return tcxd_fail(e, TCXD_ENOTFOUND, "indicator", "no indicator #%lld", (long long)id);
}

enum tcxd_err store_indicator_list(struct store *st,
                                   void (*fn)(void *ctx, const struct indicator_info *i), void *ctx,
                                   struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_INDICATOR_LIST);
    int rc;
    struct indicator_info i;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        indicator_row(s, &i);
        fn(ctx, &i);
    }
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "listing indicators");
}

enum tcxd_err store_indicator_figure_get(struct store *st, int64_t indicator_id,
                                         enum indicator_figure_what what, tcxd_date from,
                                         tcxd_date to, bool *found, int64_t *value,
                                         struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_INDICATOR_FIGURE_GET);
    sqlite3_bind_int64(s, 1, indicator_id);
    sqlite3_bind_int(s, 2, what);
    store_bind_date(s, 3, from);
    store_bind_date(s, 4, to);
    int rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (*found)
        *value = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? TCXD_OK
                                                 : store_db_error(st, e, "reading the figure");
}

enum tcxd_err store_indicator_figure_set(struct store *st, const struct store_actor *who,
                                         int64_t indicator_id, enum indicator_figure_what what,
                                         tcxd_date from, tcxd_date to, int64_t value,
                                         const char *note, struct tcxd_error *e)
{
    struct buf nb = BUF_INIT;
    struct indicator_info ind;
    enum tcxd_err rc;
    if ((rc = clean(note, PROGRAM_NOTE_MAX, true, "note", &nb, e)) ||
        (rc = check_period(from, to, e)) ||
        (rc = store_indicator_get(st, indicator_id, NULL, &ind, e)) ||
        (rc = store_scope_check_write(st, ind.org_id, from, "id", e)))
        goto out;
    if (value < 0 || (ind.unit == INDICATOR_PERMILLE && value > 1000)) {
        rc = tcxd_fail(e, TCXD_EINVAL, "value", "value %lld is out of range (0 to %s)",
                       (long long)value, ind.unit == INDICATOR_PERMILLE ? "1000" : "any");
        goto out;
    }
    if (what == INDICATOR_ACTUAL && ind.source != IND_MANUAL) {
        rc = tcxd_fail(e, TCXD_ERULE, "value",
                       "indicator %s is computed from the registry: its value cannot be entered",
                       ind.code);
        goto out;
    }
    if ((rc = store_begin(st, e)))
        goto out;
    bool had;
    int64_t old = 0;
    if ((rc = store_indicator_figure_get(st, indicator_id, what, from, to, &had, &old, e))) {
        store_rollback(st);
        goto out;
    }
    sqlite3_stmt *s = store_stmt(st, STMT_INDICATOR_FIGURE_SET);
    sqlite3_bind_int64(s, 1, indicator_id);
    sqlite3_bind_int(s, 2, what);
    store_bind_date(s, 3, from);
    store_bind_date(s, 4, to);
    sqlite3_bind_int64(s, 5, value);
    store_bind_text(s, 6, nb.ptr);
    if ((rc = store_step_done(st, s, e, "recording the figure"))) {
        store_rollback(st);
        goto out;
    }
    const char *key = what == INDICATOR_TARGET ? "target" : "actual";
    json_t *b = had ? json_pack("{s:I}", key, (json_int_t)old) : NULL;
    json_t *a = json_pack("{s:I, s:o, s:o, s:s}", key, (json_int_t)value, "from", json_date(from),
                          "to", json_date(to), "note", nb.ptr);
    rc = audit_commit(st, who, "indicator.figure", "indicator", indicator_id, ind.org_id, b, a, e);
out:
    buf_release(&nb);
    return rc;
}

enum tcxd_err store_indicator_actual(struct store *st, const struct indicator_info *ind,
                                     tcxd_date from, tcxd_date to, bool *found, int64_t *value,
                                     struct tcxd_error *e)
{
    if (ind->source == IND_MANUAL)
        return store_indicator_figure_get(st, ind->id, INDICATOR_ACTUAL, from, to, found, value, e);
    enum tcxd_err rc;
    if ((rc = check_period(from, to, e)))
        return rc;
    struct org_tree t;
    if ((rc = store_tree_load(st, to, &t, e)))
        return rc;
    *found = true;
    *value = 0;
    uint32_t root = org_tree_find(&t, ind->org_id);
    if (root == TREE_NONE) { /* the subtree did not exist then: nothing to count */
        org_tree_release(&t);
        return TCXD_OK;
    }
    if (ind->source == IND_UNITS_WITHOUT_CHI_BO || ind->source == IND_UNITS_WITHOUT_MEMBERS) {
        struct residential_coverage cov;
        rc = store_residential_coverage(st, &t, root, to, &cov, e);
        org_tree_release(&t);
        *value = ind->source == IND_UNITS_WITHOUT_CHI_BO ? cov.without_chi_bo : cov.without_members;
        return rc;
    }
    sqlite3_stmt *s;
    if (ind->source == IND_ADMISSIONS) {
        s = store_stmt(st, STMT_INDICATOR_ADMISSIONS);
        sqlite3_bind_int(s, 1, MEV_ADMIT);
        store_bind_date(s, 2, from);
        store_bind_date(s, 3, to);
    } else {
        s = store_stmt(st, STMT_INDICATOR_NEW_ORGS);
        store_bind_date(s, 1, from);
        store_bind_date(s, 2, to);
    }
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        uint32_t node = org_tree_find(&t, sqlite3_column_int64(s, 0));
        if (node == TREE_NONE || !org_tree_in_subtree(&t, root, node))
            continue;
        /* tier and type as the tree has them on the period's last day (they are dated) */
        const struct org_node *n = &t.nodes[node];
        if (ind->source != IND_ADMISSIONS &&
            (n->tier != ORG_TIER_BASE ||
             (ind->source == IND_NEW_ORGS_NON_STATE && n->base_type != ORG_BASE_DN_NGOAI_NHA_NUOC)))
            continue;
        (*value)++;
    }
    org_tree_release(&t);
    return step == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "counting the indicator");
}

/* ---- meetings ---- */

static enum tcxd_err check_listed_once(const int64_t *a, size_t na, const int64_t *b, size_t nb,
                                       struct tcxd_error *e)
{
    for (size_t i = 0; i < na + nb; i++)
        for (size_t j = i + 1; j < na + nb; j++) {
            int64_t x = i < na ? a[i] : b[i - na], y = j < na ? a[j] : b[j - na];
            if (x == y)
                return tcxd_fail(e, TCXD_EINVAL, j < na ? "members" : "guests",
                                 "member #%lld is listed twice", (long long)x);
        }
    return TCXD_OK;
}

enum tcxd_err store_meeting_add(struct store *st, const struct store_actor *who,
                                const struct meeting_req *req, tcxd_date today, int64_t *id_out,
                                struct tcxd_error *e)
{
    struct buf topic = BUF_INIT;
    struct org_info o;
    enum tcxd_err rc;
    char d[DATE_ISO_LEN];
    date_format_vn(req->date, d);
    if ((rc = clean(req->topic, PROGRAM_TITLE_MAX, true, "topic", &topic, e)))
        goto out;
    if ((unsigned)req->kind >= MEETING_KIND__MAX) {
        rc = tcxd_fail(e, TCXD_EINVAL, "kind", "invalid meeting kind");
        goto out;
    }
    if (req->date == DATE_NONE || req->date > today) {
        rc = tcxd_fail(e, TCXD_EINVAL, "date", "meeting date %s is in the future", d);
        goto out;
    }
    if ((rc = check_org(st, req->org_id, req->date, &o, e)) ||
        (rc = check_listed_once(req->members, req->nmembers, req->guests, req->nguests, e)))
        goto out;
    if ((rc = store_begin(st, e)))
        goto out;
    for (size_t i = 0; i < req->nmembers + req->nguests; i++) {
        bool guest = i >= req->nmembers;
        int64_t m = guest ? req->guests[i - req->nmembers] : req->members[i];
        /* guests come from higher committees (outside the scope): only that the member
           exists is checked, nothing of the record is read */
        if (!store_member_exists(st, m)) {
            rc = tcxd_fail(e, TCXD_ENOTFOUND, "member", "no member #%lld", (long long)m);
            goto fail;
        }
        if (guest)
            continue;
        sqlite3_stmt *s = store_stmt(st, STMT_MEETING_REGISTERED);
        sqlite3_bind_int64(s, 1, m);
        sqlite3_bind_int64(s, 2, req->org_id);
        store_bind_date(s, 3, req->date);
        bool here = sqlite3_step(s) == SQLITE_ROW;
        sqlite3_reset(s);
        if (!here) {
            rc = tcxd_fail(e, TCXD_ERULE, "members",
                           "member #%lld was not registered in %s on %s: attendance belongs to "
                           "the meetings of the member's own chi bộ (a visitor is a guest)",
                           (long long)m, o.code, d);
            goto fail;
        }
    }
    sqlite3_stmt *s = store_stmt(st, STMT_MEETING_INSERT);
    sqlite3_bind_int64(s, 1, req->org_id);
    store_bind_date(s, 2, req->date);
    sqlite3_bind_int(s, 3, req->kind);
    store_bind_text(s, 4, topic.ptr);
    if ((rc = store_step_done(st, s, e, "recording the meeting")))
        goto fail;
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *mem = json_array(), *gue = json_array();
    for (size_t i = 0; i < req->nmembers + req->nguests; i++) {
        bool guest = i >= req->nmembers;
        int64_t m = guest ? req->guests[i - req->nmembers] : req->members[i];
        s = store_stmt(st, STMT_MEETING_ATTENDEE_INSERT);
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, m);
        sqlite3_bind_int(s, 3, guest ? 1 : 0);
        if ((rc = store_step_done(st, s, e, "recording attendance"))) {
            json_decref(mem);
            json_decref(gue);
            goto fail;
        }
        json_array_append_new(guest ? gue : mem, json_integer(m));
    }
    json_t *after = json_pack("{s:I, s:o, s:s, s:s, s:o, s:o}", "org_id", (json_int_t)req->org_id,
                              "date", json_date(req->date), "kind", meeting_kind_name(req->kind),
                              "topic", topic.ptr, "members", mem, "guests", gue);
    if (!(rc = audit_commit(st, who, "meeting.add", "meeting", id, req->org_id, NULL, after, e)) &&
        id_out)
        *id_out = id;
    goto out;
fail:
    store_rollback(st);
out:
    buf_release(&topic);
    return rc;
}

enum tcxd_err store_meeting_list(struct store *st, int64_t org_id, tcxd_date from, tcxd_date to,
                                 void (*fn)(void *ctx, const struct meeting_row *m), void *ctx,
                                 struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_MEETING_LIST);
    sqlite3_bind_int64(s, 1, org_id);
    store_bind_date(s, 2, from);
    store_bind_date(s, 3, to);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct meeting_row m = {
            .id = sqlite3_column_int64(s, 0),
            .org_id = sqlite3_column_int64(s, 1),
            .date = store_column_date(s, 2),
            .kind = (enum meeting_kind)sqlite3_column_int(s, 3),
            .topic = (const char *)sqlite3_column_text(s, 4),
            .present = sqlite3_column_int64(s, 5),
            .guests = sqlite3_column_int64(s, 6),
        };
        fn(ctx, &m);
    }
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "listing meetings");
}

/* ---- attendance ---- */

enum tcxd_err store_attendance_assign(struct store *st, const struct store_actor *who,
                                      int64_t member_id, int64_t org_id, tcxd_date from,
                                      tcxd_date to, const char *decision_no, int64_t *id_out,
                                      struct tcxd_error *e)
{
    struct buf dec = BUF_INIT;
    enum tcxd_err rc;
    if (to == DATE_NONE)
        to = DATE_OPEN_END;
    if (from == DATE_NONE) {
        rc = tcxd_fail(e, TCXD_EINVAL, "from", "field %s is required", "from");
        goto out;
    }
    if (to <= from) {
        rc = tcxd_fail(e, TCXD_EINVAL, "to", "the assignment ends before it starts");
        goto out;
    }
    if ((rc = clean(decision_no, PROGRAM_DOC_MAX, true, "decision_no", &dec, e)) ||
        (rc = check_org(st, org_id, from, NULL, e)))
        goto out;
    /* the committee member attending comes from above (outside the scope): only that the
       member exists is checked, nothing of the record is read */
    if (!store_member_exists(st, member_id)) {
        rc = tcxd_fail(e, TCXD_ENOTFOUND, "member", "no member #%lld", (long long)member_id);
        goto out;
    }
    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_ATTENDANCE_SAME);
    sqlite3_bind_int64(s, 1, member_id);
    sqlite3_bind_int64(s, 2, org_id);
    store_bind_date(s, 3, from);
    store_bind_date(s, 4, to);
    bool overlap = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_reset(s);
    if (overlap) {
        rc = tcxd_fail(e, TCXD_ECONFLICT, "org_id",
                       "member #%lld is already assigned to that organization in that period",
                       (long long)member_id);
        store_rollback(st);
        goto out;
    }
    s = store_stmt(st, STMT_ATTENDANCE_INSERT);
    sqlite3_bind_int64(s, 1, member_id);
    sqlite3_bind_int64(s, 2, org_id);
    store_bind_date(s, 3, from);
    store_bind_date(s, 4, to);
    store_bind_text(s, 5, dec.ptr);
    if ((rc = store_step_done(st, s, e, "recording the assignment"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after =
        json_pack("{s:I, s:I, s:o, s:o, s:s}", "member_id", (json_int_t)member_id, "org_id",
                  (json_int_t)org_id, "from", json_date(from), "to",
                  to == DATE_OPEN_END ? json_null() : json_date(to), "decision_no", dec.ptr);
    if (!(rc = audit_commit(st, who, "attendance.assign", "attendance_assignment", id, org_id, NULL,
                            after, e)) &&
        id_out)
        *id_out = id;
out:
    buf_release(&dec);
    return rc;
}

enum tcxd_err store_attendance_report(struct store *st, const struct org_tree *t, uint32_t root,
                                      int y, int q,
                                      void (*fn)(void *ctx, const struct attendance_row *r),
                                      void *ctx, struct tcxd_error *e)
{
    if (q < 1 || q > 4)
        return tcxd_fail(e, TCXD_EINVAL, "quarter", "quarter must be 1 to 4");
    tcxd_date qf, qt;
    program_quarter_bounds(y, q, &qf, &qt);
    struct attendance_visit *v = NULL;
    size_t nv = 0, cap = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_ATTENDANCE_VISITS);
    store_bind_date(s, 1, qf);
    store_bind_date(s, 2, qt);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (nv == cap) {
            cap = cap ? 2 * cap : 64;
            v = xrealloc(v, cap * sizeof(*v));
        }
        v[nv].member_id = sqlite3_column_int64(s, 0);
        v[nv].org_id = sqlite3_column_int64(s, 1);
        v[nv].date = store_column_date(s, 2);
        nv++;
    }
    if (rc != SQLITE_DONE) {
        free(v);
        return store_db_error(st, e, "reading attendance");
    }
    s = store_stmt(st, STMT_ATTENDANCE_OVERLAPPING);
    store_bind_date(s, 1, qf);
    store_bind_date(s, 2, qt);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct attendance_row r = {.assignment_id = sqlite3_column_int64(s, 0)};
        r.a.member_id = sqlite3_column_int64(s, 1);
        r.a.org_id = sqlite3_column_int64(s, 2);
        r.a.from = store_column_date(s, 3);
        r.a.to = store_column_date(s, 4);
        uint32_t node = org_tree_find(t, r.a.org_id);
        if (node == TREE_NONE || !org_tree_in_subtree(t, root, node))
            continue;
        r.result = attendance_check(&r.a, v, nv, qf, qt, &r.visits);
        fn(ctx, &r);
    }
    free(v);
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading assignments");
}

/* ---- residential units ---- */

/* A commune-level committee on `on`: a base organization of a xã, phường or thị trấn, or (the
   2025 rules) an above-base committee of a xã, phường or đặc khu. */
static bool is_commune(const struct org_info *o)
{
    return o->base_type == ORG_BASE_XA || o->base_type == ORG_BASE_PHUONG ||
           o->base_type == ORG_BASE_THI_TRAN || o->base_type == ORG_BASE_DAC_KHU;
}

enum tcxd_err store_residential_add(struct store *st, const struct store_actor *who,
                                    const char *code, const char *name, enum residential_kind kind,
                                    int64_t commune_org_id, tcxd_date from, int64_t *id_out,
                                    struct tcxd_error *e)
{
    struct buf cb = BUF_INIT, nb = BUF_INIT;
    struct org_info o;
    struct residential_unit_info dup;
    enum tcxd_err rc;
    char d[DATE_ISO_LEN];
    date_format_vn(from, d);
    if ((rc = clean(code, PROGRAM_CODE_MAX, false, "code", &cb, e)) ||
        (rc = clean(name, PROGRAM_TITLE_MAX, false, "name", &nb, e)))
        goto out;
    if ((unsigned)kind >= RES_KIND__MAX || from == DATE_NONE) {
        rc = tcxd_fail(e, TCXD_EINVAL, from == DATE_NONE ? "from" : "kind", "field %s is required",
                       from == DATE_NONE ? "from" : "kind");
        goto out;
    }
    if ((rc = check_org(st, commune_org_id, from, &o, e)))
        goto out;
    if (!is_commune(&o)) {
        rc = tcxd_fail(e, TCXD_ERULE, "org_id", "%s is not a commune or ward committee on %s",
                       o.code, d);
        goto out;
    }
    if ((rc = store_begin(st, e)))
        goto out;
    if (!store_residential_get(st, cb.ptr, &dup, NULL)) {
        rc = tcxd_fail(e, TCXD_ECONFLICT, "code", "residential unit code '%s' is already used",
                       cb.ptr);
        store_rollback(st);
        goto out;
    }
    sqlite3_stmt *s = store_stmt(st, STMT_RESIDENTIAL_INSERT);
    store_bind_text(s, 1, cb.ptr);
    store_bind_text(s, 2, nb.ptr);
    sqlite3_bind_int(s, 3, kind);
    sqlite3_bind_int64(s, 4, commune_org_id);
    store_bind_date(s, 5, from);
    if ((rc = store_step_done(st, s, e, "adding the residential unit"))) {
        store_rollback(st);
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    json_t *after = json_pack("{s:s, s:s, s:s, s:I, s:o}", "code", cb.ptr, "name", nb.ptr, "kind",
                              residential_kind_name(kind), "commune_org_id",
                              (json_int_t)commune_org_id, "from", json_date(from));
    if (!(rc = audit_commit(st, who, "residential.add", "residential_unit", id, commune_org_id,
                            NULL, after, e)) &&
        id_out)
        *id_out = id;
out:
    buf_release(&cb);
    buf_release(&nb);
    return rc;
}

enum tcxd_err store_residential_get(struct store *st, const char *code,
                                    struct residential_unit_info *out, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_RESIDENTIAL_BY_CODE);
    store_bind_text(s, 1, code);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof(*out));
        out->id = sqlite3_column_int64(s, 0);
        store_column_copy(s, 1, out->code, sizeof(out->code));
        store_column_copy(s, 2, out->name, sizeof(out->name));
        out->kind = (enum residential_kind)sqlite3_column_int(s, 3);
        out->commune_org_id = sqlite3_column_int64(s, 4);
        out->from = store_column_date(s, 5);
        out->to = store_column_date(s, 6);
    }
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return TCXD_OK;
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading the residential unit");
    return tcxd_fail(e, TCXD_ENOTFOUND, "unit", "no residential unit '%s'", code);
}

enum tcxd_err store_residential_link(struct store *st, const struct store_actor *who,
                                     int64_t unit_id, int64_t org_id, tcxd_date from,
                                     const char *decision_no, struct tcxd_error *e)
{
    struct buf dec = BUF_INIT;
    struct org_info o;
    enum tcxd_err rc;
    char d[DATE_ISO_LEN];
    date_format_vn(from, d);
    if ((rc = clean(decision_no, PROGRAM_DOC_MAX, true, "decision_no", &dec, e)) ||
        (rc = check_org(st, org_id, from, &o, e)))
        goto out;
    if (o.form != ORG_FORM_CHI_BO) {
        rc = tcxd_fail(e, TCXD_ERULE, "org_id", "%s is not a chi bộ on %s", o.code, d);
        goto out;
    }
    if ((rc = store_begin(st, e)))
        goto out;
    sqlite3_stmt *s = store_stmt(st, STMT_RESIDENTIAL_LAST_LINK);
    sqlite3_bind_int64(s, 1, unit_id);
    tcxd_date last = sqlite3_step(s) == SQLITE_ROW ? store_column_date(s, 0) : DATE_NONE;
    sqlite3_reset(s);
    if (last != DATE_NONE && from <= last) {
        char l[DATE_ISO_LEN];
        date_format_vn(last, l);
        rc =
            tcxd_fail(e, TCXD_ERULE, "from", "the link starts before the unit's last link (%s)", l);
        store_rollback(st);
        goto out;
    }
    s = store_stmt(st, STMT_RESIDENTIAL_LINK_CLOSE);
    sqlite3_bind_int64(s, 1, unit_id);
    store_bind_date(s, 2, from);
    if ((rc = store_step_done(st, s, e, "ending the previous link"))) {
        store_rollback(st);
        goto out;
    }
    s = store_stmt(st, STMT_RESIDENTIAL_LINK_INSERT);
    sqlite3_bind_int64(s, 1, unit_id);
    sqlite3_bind_int64(s, 2, org_id);
    store_bind_date(s, 3, from);
    store_bind_text(s, 4, dec.ptr);
    if ((rc = store_step_done(st, s, e, "linking the unit"))) {
        store_rollback(st);
        goto out;
    }
    json_t *after = json_pack("{s:I, s:I, s:o, s:s}", "unit_id", (json_int_t)unit_id, "org_id",
                              (json_int_t)org_id, "from", json_date(from), "decision_no", dec.ptr);
    rc = audit_commit(st, who, "residential.link", "residential_unit", unit_id, org_id, NULL, after,
                      e);
out:
    buf_release(&dec);
    return rc;
}

struct count_ctx {
    const int64_t *ids;
    int64_t *counts;
    size_t n;
};

static void add_count(void *vctx, int64_t org_id, enum member_status s, int64_t count)
{
    (void)s;
    struct count_ctx *c = vctx;
    for (size_t i = 0; i < c->n; i++)
        if (c->ids[i] == org_id)
            c->counts[i] += count;
}

enum tcxd_err store_residential_coverage(struct store *st, const struct org_tree *t, uint32_t root,
                                         tcxd_date on, struct residential_coverage *out,
                                         struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    int64_t *chi = NULL; /* the serving chi bộ of each unit counted, 0 when none */
    size_t n = 0, cap = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_RESIDENTIAL_ALIVE);
    store_bind_date(s, 1, on);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        uint32_t commune = org_tree_find(t, sqlite3_column_int64(s, 1));
        if (commune == TREE_NONE || !org_tree_in_subtree(t, root, commune))
            continue;
        int64_t org = sqlite3_column_type(s, 2) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 2);
        uint32_t node = org ? org_tree_find(t, org) : TREE_NONE;
        if (node == TREE_NONE || t->nodes[node].form != ORG_FORM_CHI_BO)
            org = 0; /* no chi bộ (or it ended) */
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            chi = xrealloc(chi, cap * sizeof(*chi));
        }
        chi[n++] = org;
    }
    if (rc != SQLITE_DONE) {
        free(chi);
        return store_db_error(st, e, "reading residential units");
    }
    int64_t *counts = xcalloc(n + 1, sizeof(*counts));
    struct count_ctx cc = {chi, counts, n};
    enum tcxd_err r = n ? store_member_counts(st, on, chi, n, add_count, &cc, e) : TCXD_OK;
    if (!r) {
        out->units = (int64_t)n;
        for (size_t i = 0; i < n; i++) {
            out->without_chi_bo += chi[i] == 0;
            out->without_members += chi[i] == 0 || counts[i] == 0;
        }
    }
    free(counts);
    free(chi);
    return r;
}
