/*
 * store_facts.c - raw reads for the statistics forms: organization versions and member
 * histories (fields + events).
 */
#include "store/store_facts.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "util/xmalloc.h"

enum tcxd_err store_org_versions(struct store *st,
                                 void (*fn)(void *ctx, const struct store_org_version *v),
                                 void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_SF_ORG_VERSIONS);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_org_version v;
        v.org_id = sqlite3_column_int64(s, 0);
        v.parent_id = sqlite3_column_type(s, 1) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 1);
        v.from = store_column_date(s, 2);
        v.to = store_column_date(s, 3);
        v.created_on = store_column_date(s, 4);
        v.ended_on = store_column_date(s, 5);
        v.tier = (enum org_tier)sqlite3_column_int(s, 6);
        v.form = (enum org_form)sqlite3_column_int(s, 7);
        v.base_type = sqlite3_column_type(s, 8) == SQLITE_NULL || sqlite3_column_int(s, 8) < 0
                          ? ORG_BASE_NONE
                          : (enum org_base_type)sqlite3_column_int(s, 8);
        v.code = (const char *)sqlite3_column_text(s, 9);
        v.name = (const char *)sqlite3_column_text(s, 10);
        fn(ctx, &v);
    }
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading organization versions");
}

struct evbuf {
    struct member_event *v;
    uint8_t *scope;
    size_t n, cap;
};

static void evbuf_push(struct evbuf *b, sqlite3_stmt *s)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 16;
        b->v = xrealloc(b->v, b->cap * sizeof(*b->v));
        b->scope = xrealloc(b->scope, b->cap);
    }
    int scope = sqlite3_column_int(s, 8);
    b->scope[b->n] = scope >= 0 && scope < SCOPE__MAX ? (uint8_t)scope : SCOPE_NONE;
    struct member_event *ev = &b->v[b->n++];
    ev->seq = sqlite3_column_int64(s, 1);
    ev->kind = (enum member_event_kind)sqlite3_column_int(s, 2);
    ev->date = store_column_date(s, 3);
    ev->decision_date = store_column_date(s, 4);
    ev->org_id = sqlite3_column_type(s, 5) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 5);
    ev->form = sqlite3_column_int(s, 6);
    ev->until = store_column_date(s, 7);
}

static uint8_t code_at(sqlite3_stmt *s, int col)
{
    int v = sqlite3_column_int(s, col);
    return v >= 0 && v < 256 ? (uint8_t)v : 0;
}

/* SF_MEMBER_CODES from column `at` on */
static void read_codes(sqlite3_stmt *s, int at, struct store_member_codes *c)
{
    c->occupation_before = code_at(s, at);
    c->occupation = code_at(s, at + 1);
    c->work_status = code_at(s, at + 2);
    c->general_education = code_at(s, at + 3);
    c->professional_degree = code_at(s, at + 4);
    c->academic_title = code_at(s, at + 5);
    c->youth_union = code_at(s, at + 6);
    c->business_owner = code_at(s, at + 7);
    c->foreign_marriage = code_at(s, at + 8);
}

static void fill_history(sqlite3_stmt *m, struct store_member_history *h)
{
    h->id = sqlite3_column_int64(m, 0);
    h->gender = (enum gender)sqlite3_column_int(m, 1);
    h->birth_date = store_column_date(m, 2);
    h->theory = (enum theory_level)sqlite3_column_int(m, 3);
    h->ethnicity = (const char *)sqlite3_column_text(m, 4);
    h->religion = (const char *)sqlite3_column_text(m, 5);
    h->education = (const char *)sqlite3_column_text(m, 6);
    h->professional_level = (const char *)sqlite3_column_text(m, 7);
    read_codes(m, 8, &h->codes);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Every member: the member table and the event table walked together in member id order. */
static enum tcxd_err histories_all(struct store *st,
                                   enum tcxd_err (*fn)(void *, struct store_member_history *,
                                                       struct tcxd_error *),
                                   void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *m = store_stmt(st, STMT_SF_MEMBER_ALL);
    sqlite3_stmt *ev = store_stmt(st, STMT_SF_EVENTS_ALL);
    struct evbuf b = {0};
    enum tcxd_err err = TCXD_OK;
    int erc = sqlite3_step(ev), mrc;
    while ((mrc = sqlite3_step(m)) == SQLITE_ROW) {
        struct store_member_history h;
        fill_history(m, &h);
        b.n = 0;
        while (erc == SQLITE_ROW && sqlite3_column_int64(ev, 0) < h.id)
            erc = sqlite3_step(ev);
        while (erc == SQLITE_ROW && sqlite3_column_int64(ev, 0) == h.id) {
            evbuf_push(&b, ev);
            erc = sqlite3_step(ev);
        }
        if (erc != SQLITE_ROW && erc != SQLITE_DONE)
            break;
        h.ev = b.v;
        h.nev = b.n;
        h.scope = b.scope;
        if ((err = fn(ctx, &h, e)) != TCXD_OK)
            break;
    }
    free(b.v);
    free(b.scope);
    if (err != TCXD_OK) {
        sqlite3_reset(m);
        sqlite3_reset(ev);
        return err;
    }
    if ((erc != SQLITE_ROW && erc != SQLITE_DONE) || mrc != SQLITE_DONE) {
        err = store_db_error(st, e, "reading member histories");
        sqlite3_reset(m);
        sqlite3_reset(ev);
        return err;
    }
    sqlite3_reset(ev);
    return TCXD_OK;
}

enum tcxd_err store_member_histories(struct store *st, const int64_t *orgs, size_t norgs,
                                     tcxd_date from, tcxd_date to,
                                     enum tcxd_err (*fn)(void *ctx, struct store_member_history *h,
                                                         struct tcxd_error *e),
                                     void *ctx, struct tcxd_error *e)
{
    if (!orgs)
        return histories_all(st, fn, ctx, e);
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    int rc;
    for (size_t i = 0; i < norgs; i++) {
        sqlite3_stmt *s = store_stmt(st, STMT_SF_STINT_MEMBERS);
        sqlite3_bind_int64(s, 1, orgs[i]);
        store_bind_date(s, 2, from);
        store_bind_date(s, 3, to);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            if (n == cap) {
                cap = cap ? cap * 2 : 256;
                ids = xrealloc(ids, cap * sizeof(*ids));
            }
            ids[n++] = sqlite3_column_int64(s, 0);
        }
        if (rc != SQLITE_DONE) {
            free(ids);
            return store_db_error(st, e, "reading member histories");
        }
    }
    enum tcxd_err err = store_member_histories_of(st, ids, n, fn, ctx, e);
    free(ids);
    return err;
}

enum tcxd_err store_member_histories_of(struct store *st, const int64_t *ids_in, size_t n,
                                        enum tcxd_err (*fn)(void *ctx,
                                                            struct store_member_history *h,
                                                            struct tcxd_error *e),
                                        void *ctx, struct tcxd_error *e)
{
    int64_t *ids = n ? xmalloc(n * sizeof(*ids)) : NULL;
    if (n)
        memcpy(ids, ids_in, n * sizeof(*ids));
    if (n)
        qsort(ids, n, sizeof(*ids), cmp_i64);
    int rc;
    enum tcxd_err err = TCXD_OK;
    struct evbuf b = {0};
    for (size_t i = 0; i < n && err == TCXD_OK; i++) {
        if (i && ids[i] == ids[i - 1])
            continue;
        sqlite3_stmt *m = store_stmt(st, STMT_SF_MEMBER_ONE);
        sqlite3_bind_int64(m, 1, ids[i]);
        if ((rc = sqlite3_step(m)) == SQLITE_DONE) {
            sqlite3_reset(m);
            continue;
        }
        if (rc != SQLITE_ROW) {
            err = store_db_error(st, e, "reading member histories");
            break;
        }
        struct store_member_history h;
        fill_history(m, &h);
        sqlite3_stmt *ev = store_stmt(st, STMT_SF_EVENTS_ONE);
        sqlite3_bind_int64(ev, 1, ids[i]);
        b.n = 0;
        while ((rc = sqlite3_step(ev)) == SQLITE_ROW)
            evbuf_push(&b, ev);
        if (rc != SQLITE_DONE) {
            err = store_db_error(st, e, "reading member histories");
            break;
        }
        h.ev = b.v;
        h.nev = b.n;
        h.scope = b.scope;
        err = fn(ctx, &h, e);
        sqlite3_reset(m);
    }
    free(b.v);
    free(b.scope);
    free(ids);
    return err;
}

enum tcxd_err store_facts_members_after(struct store *st, int64_t member_after, int64_t event_after,
                                        void (*fn)(void *ctx, int64_t member_id), void *ctx,
                                        struct tcxd_error *e)
{
    const enum stmt_id ids[2] = {STMT_SF_MEMBERS_AFTER, STMT_SF_EVENT_MEMBERS_AFTER};
    const int64_t after[2] = {member_after, event_after};
    for (int k = 0; k < 2; k++) {
        sqlite3_stmt *s = store_stmt(st, ids[k]);
        sqlite3_bind_int64(s, 1, after[k]);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            fn(ctx, sqlite3_column_int64(s, 0));
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return store_db_error(st, e, "reading the members changed");
    }
    return TCXD_OK;
}

enum tcxd_err store_audit_since(struct store *st, int64_t after_id, size_t limit,
                                void (*fn)(void *ctx, const char *entity, int64_t entity_id),
                                void *ctx, size_t *n, struct tcxd_error *e)
{
    *n = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_SF_AUDIT_SINCE);
    sqlite3_bind_int64(s, 1, after_id);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)limit);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *entity = (const char *)sqlite3_column_text(s, 0);
        fn(ctx, entity ? entity : "", sqlite3_column_int64(s, 1));
        (*n)++;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading the audit log");
}

enum tcxd_err store_member_prof_levels(struct store *st,
                                       void (*fn)(void *ctx, int64_t id, const char *prof,
                                                  const struct store_member_codes *codes),
                                       void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_SF_MEMBER_PROF);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_member_codes c;
        read_codes(s, 2, &c);
        fn(ctx, sqlite3_column_int64(s, 0), (const char *)sqlite3_column_text(s, 1), &c);
    }
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading members");
}

enum tcxd_err store_member_status_events(struct store *st,
                                         void (*fn)(void *ctx, int64_t member_id,
                                                    enum member_event_kind kind, tcxd_date date,
                                                    int form),
                                         void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_SF_EVENTS_STATUS);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        fn(ctx, sqlite3_column_int64(s, 0), (enum member_event_kind)sqlite3_column_int(s, 1),
           store_column_date(s, 2), sqlite3_column_int(s, 3));
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, "reading member events");
}
