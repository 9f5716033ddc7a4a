/*
 * store_engine.c - bulk reads for the analytics engine (store_engine.h).
 */
#include "store/store_engine.h"

#include <string.h>

#include "store/store_internal.h"

enum tcxd_err store_change_token(struct store *st, struct store_change_token *out,
                                 struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *s = store_stmt(st, STMT_ENGINE_TOKEN);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        enum tcxd_err r = store_db_error(st, e, "reading the change token");
        sqlite3_reset(s);
        return r;
    }
    for (int i = 0; i < STORE_TOKEN_PARTS - 1; i++)
        out->v[i] = sqlite3_column_int64(s, i);
    sqlite3_reset(s);
    out->v[STORE_TOKEN_PARTS - 1] = store_schema_version(st);
    return TCXD_OK;
}

bool store_change_token_equal(const struct store_change_token *a,
                              const struct store_change_token *b)
{
    return !memcmp(a->v, b->v, sizeof(a->v));
}

const char *store_path(const struct store *st)
{
    return st->path;
}

static const char *text_or_empty(sqlite3_stmt *s, int i)
{
    const char *t = (const char *)sqlite3_column_text(s, i);
    return t ? t : "";
}

static enum tcxd_err finish(struct store *st, sqlite3_stmt *s, int rc, struct tcxd_error *e,
                            const char *what)
{
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? TCXD_OK : store_db_error(st, e, what);
}

enum tcxd_err store_engine_orgs(struct store *st,
                                void (*fn)(void *ctx, const struct store_engine_org *o), void *ctx,
                                struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ENGINE_ORGS);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_engine_org o;
        o.id = sqlite3_column_int64(s, 0);
        o.code = text_or_empty(s, 1);
        o.tier = (enum org_tier)sqlite3_column_int(s, 2);
        o.form = (enum org_form)sqlite3_column_int(s, 3);
        o.base_type = (enum org_base_type)sqlite3_column_int(s, 4);
        o.created_on = store_column_date(s, 5);
        o.ended_on = store_column_date(s, 6);
        fn(ctx, &o);
    }
    return finish(st, s, rc, e, "reading organizations");
}

enum tcxd_err store_engine_org_versions(struct store *st,
                                        void (*fn)(void *ctx,
                                                   const struct store_engine_org_version *v),
                                        void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ENGINE_ORG_VERSIONS);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_engine_org_version v;
        v.org_id = sqlite3_column_int64(s, 0);
        v.parent_id = sqlite3_column_int64(s, 1); /* NULL reads 0 */
        v.from = store_column_date(s, 2);
        v.to = store_column_date(s, 3);
        v.name = text_or_empty(s, 4);
        v.tier = (enum org_tier)sqlite3_column_int(s, 5);
        v.form = (enum org_form)sqlite3_column_int(s, 6);
        v.base_type = (enum org_base_type)sqlite3_column_int(s, 7);
        fn(ctx, &v);
    }
    return finish(st, s, rc, e, "reading organization versions");
}

static void member_of(sqlite3_stmt *s, struct store_engine_member *m)
{
    m->id = sqlite3_column_int64(s, 0);
    m->full_name = text_or_empty(s, 1);
    m->gender = (enum gender)sqlite3_column_int(s, 2);
    m->birth_date = store_column_date(s, 3);
    m->ethnicity = text_or_empty(s, 4);
    m->religion = text_or_empty(s, 5);
    m->education = text_or_empty(s, 6);
    m->theory = (enum theory_level)sqlite3_column_int(s, 7);
    m->first_decision = store_column_date(s, 8);
    m->ceremony_date = store_column_date(s, 9);
    m->official_date = store_column_date(s, 10);
    m->died_on = store_column_date(s, 11);
    m->status = (enum member_status)sqlite3_column_int(s, 12);
    m->org_id = sqlite3_column_int64(s, 13);
    m->national_id = (const char *)sqlite3_column_text(s, 14);
    m->party_card_no = (const char *)sqlite3_column_text(s, 15);
    m->name_key = sqlite3_column_blob(s, 16);
    m->name_key_len = (size_t)sqlite3_column_bytes(s, 16);
}

static void stint_of(sqlite3_stmt *s, struct member_stint *x)
{
    x->org_id = sqlite3_column_int64(s, 1);
    x->from = store_column_date(s, 2);
    x->to = store_column_date(s, 3);
    x->kind = (enum stint_kind)sqlite3_column_int(s, 4);
    x->status = (enum member_status)sqlite3_column_int(s, 5);
}

static void gap_of(sqlite3_stmt *s, struct member_gap *g)
{
    g->from = store_column_date(s, 1);
    g->to = store_column_date(s, 2);
    g->kind = (enum gap_kind)sqlite3_column_int(s, 3);
}

enum tcxd_err store_engine_members(struct store *st,
                                   void (*fn)(void *ctx, const struct store_engine_member *m),
                                   void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ENGINE_MEMBERS);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_engine_member m;
        member_of(s, &m);
        fn(ctx, &m);
    }
    return finish(st, s, rc, e, "reading members");
}

enum tcxd_err store_engine_stints(struct store *st,
                                  void (*fn)(void *ctx, int64_t member_id,
                                             const struct member_stint *s),
                                  void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ENGINE_STINTS);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct member_stint x;
        stint_of(s, &x);
        fn(ctx, sqlite3_column_int64(s, 0), &x);
    }
    return finish(st, s, rc, e, "reading registrations");
}

enum tcxd_err store_engine_gaps(struct store *st,
                                void (*fn)(void *ctx, int64_t member_id,
                                           const struct member_gap *g),
                                void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ENGINE_GAPS);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct member_gap g;
        gap_of(s, &g);
        fn(ctx, sqlite3_column_int64(s, 0), &g);
    }
    return finish(st, s, rc, e, "reading membership gaps");
}

enum tcxd_err store_engine_events(struct store *st,
                                  void (*fn)(void *ctx, int64_t member_id,
                                             const struct member_event *ev),
                                  void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ENGINE_EVENTS);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct member_event ev;
        ev.seq = sqlite3_column_int64(s, 0);
        ev.kind = (enum member_event_kind)sqlite3_column_int(s, 2);
        ev.date = store_column_date(s, 3);
        ev.decision_date = store_column_date(s, 4);
        ev.org_id = sqlite3_column_int64(s, 5);
        ev.form = sqlite3_column_int(s, 6);
        ev.until = store_column_date(s, 7);
        fn(ctx, sqlite3_column_int64(s, 1), &ev);
    }
    return finish(st, s, rc, e, "reading member events");
}

enum tcxd_err
store_engine_member_one(struct store *st, int64_t id,
                        void (*fm)(void *ctx, const struct store_engine_member *m),
                        void (*fs)(void *ctx, int64_t member_id, const struct member_stint *s),
                        void (*fg)(void *ctx, int64_t member_id, const struct member_gap *g),
                        void *ctx, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ENGINE_MEMBER_ONE);
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(s);
        return tcxd_fail(e, TCXD_ENOTFOUND, "member", "no member #%lld", (long long)id);
    }
    if (rc == SQLITE_ROW) {
        struct store_engine_member m;
        member_of(s, &m);
        fm(ctx, &m);
        rc = SQLITE_DONE;
    }
    enum tcxd_err r = finish(st, s, rc, e, "reading a member");
    if (r)
        return r;
    s = store_stmt(st, STMT_ENGINE_STINTS_ONE);
    sqlite3_bind_int64(s, 1, id);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct member_stint x;
        stint_of(s, &x);
        fs(ctx, id, &x);
    }
    if ((r = finish(st, s, rc, e, "reading a member's registrations")))
        return r;
    s = store_stmt(st, STMT_ENGINE_GAPS_ONE);
    sqlite3_bind_int64(s, 1, id);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct member_gap g;
        gap_of(s, &g);
        fg(ctx, id, &g);
    }
    return finish(st, s, rc, e, "reading a member's gaps");
}

enum tcxd_err store_engine_member_key(struct store *st, int64_t id, unsigned char *buf, size_t n,
                                      size_t *len, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_ENGINE_MEMBER_KEY);
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    *len = 0;
    if (rc == SQLITE_ROW) {
        size_t k = (size_t)sqlite3_column_bytes(s, 0);
        const void *p = sqlite3_column_blob(s, 0);
        *len = k < n ? k : n;
        if (*len)
            memcpy(buf, p, *len);
        rc = SQLITE_DONE;
    } else if (rc == SQLITE_DONE) {
        sqlite3_reset(s);
        return tcxd_fail(e, TCXD_ENOTFOUND, "member", "no member #%lld", (long long)id);
    }
    return finish(st, s, rc, e, "reading a member's roll key");
}
