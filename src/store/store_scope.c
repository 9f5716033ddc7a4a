/*
 * store_scope.c - the handle's scope (store_scope.h): today's set of organizations in the
 * subtree (one recursive query per request that needs it), the subtree on other dates (one
 * query per organization and date, remembered for the request), and the checks the store's
 * reads and writes call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_scope.h"
#include "util/xmalloc.h"

static void memo_clear(struct store_scope_state *sc)
{
    if (sc->memo)
        memset(sc->memo, 0, sc->memo_cap * sizeof(*sc->memo));
    sc->memo_n = 0;
}

void store_scope_invalidate(struct store *st)
{
    st->scope.have_today = false;
    st->scope.n = 0;
    memo_clear(&st->scope);
}

void store_scope_set(struct store *st, int64_t root)
{
    st->scope.root = root;
    store_scope_invalidate(st);
}

void store_scope_release(struct store *st)
{
    free(st->scope.set);
    free(st->scope.memo);
    memset(&st->scope, 0, sizeof(st->scope));
}

int64_t store_scope_root(const struct store *st)
{
    return st->scope.root;
}

bool store_scoped(const struct store *st)
{
    return st->scope.root != 0;
}

static enum tcxd_err load_today(struct store *st, struct tcxd_error *e)
{
    struct store_scope_state *sc = &st->scope;
    tcxd_date today = date_today();
    if (sc->have_today && sc->today == today)
        return TCXD_OK;
    sc->n = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_SCOPE_TODAY_SET);
    sqlite3_bind_int64(s, 1, sc->root);
    store_bind_date(s, 2, today);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        ALLOC_GROW(sc->set, sc->n + 1, sc->cap);
        sc->set[sc->n++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading the scope");
    sc->have_today = true;
    sc->today = today;
    return TCXD_OK;
}

void store_scope_today_seed(struct store *st, const int64_t *ids, size_t n)
{
    struct store_scope_state *sc = &st->scope;
    if (!sc->root)
        return;
    sc->n = 0;
    for (size_t i = 0; i < n; i++) {
        ALLOC_GROW(sc->set, sc->n + 1, sc->cap);
        sc->set[sc->n++] = ids[i];
    }
    sc->have_today = true;
    sc->today = date_today();
}

bool store_scope_org_today(struct store *st, int64_t org_id)
{
    struct store_scope_state *sc = &st->scope;
    if (!sc->root)
        return true;
    if (sc->root < 0 || org_id <= 0 || load_today(st, NULL))
        return false;
    size_t lo = 0, hi = sc->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sc->set[mid] < org_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < sc->n && sc->set[lo] == org_id;
}

bool store_scope_member_org(struct store *st, int64_t member_org_id)
{
    return store_scope_org_today(st, member_org_id);
}

bool store_scope_member(struct store *st, int64_t member_id)
{
    if (!st->scope.root)
        return true;
    sqlite3_stmt *s = store_stmt(st, STMT_SCOPE_MEMBER_ORG);
    sqlite3_bind_int64(s, 1, member_id);
    int64_t org = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return org && store_scope_member_org(st, org);
}

bool store_member_exists(struct store *st, int64_t member_id)
{
    sqlite3_stmt *s = store_stmt(st, STMT_SCOPE_MEMBER_ORG);
    sqlite3_bind_int64(s, 1, member_id);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_reset(s);
    return found;
}

static uint64_t memo_hash(int64_t org, tcxd_date d)
{
    uint64_t h = (uint64_t)org * UINT64_C(0x9E3779B97F4A7C15) ^ (uint64_t)(uint32_t)d;
    h ^= h >> 29;
    return h * UINT64_C(0xBF58476D1CE4E5B9);
}

static struct scope_memo *memo_slot(struct store_scope_state *sc, int64_t org, tcxd_date d)
{
    if (!sc->memo_cap || (sc->memo_n + 1) * 2 > sc->memo_cap) {
        size_t cap = sc->memo_cap ? sc->memo_cap * 2 : 256;
        struct scope_memo *old = sc->memo;
        size_t old_cap = sc->memo_cap;
        sc->memo = xcalloc(cap, sizeof(*sc->memo));
        sc->memo_cap = cap;
        sc->memo_n = 0;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].in) {
                struct scope_memo *m = memo_slot(sc, old[i].org, old[i].date);
                *m = old[i];
                sc->memo_n++;
            }
        free(old);
    }
    size_t i = (size_t)(memo_hash(org, d) & (sc->memo_cap - 1));
    while (sc->memo[i].in && !(sc->memo[i].org == org && sc->memo[i].date == d))
        i = (i + 1) & (sc->memo_cap - 1);
    return &sc->memo[i];
}

bool store_scope_org_on(struct store *st, int64_t org_id, tcxd_date date)
{
    struct store_scope_state *sc = &st->scope;
    if (!sc->root)
        return true;
    if (sc->root < 0 || org_id <= 0 || date == DATE_NONE)
        return false;
    struct scope_memo *m = memo_slot(sc, org_id, date);
    if (m->in)
        return m->in > 0;
    sqlite3_stmt *s = store_stmt(st, STMT_SCOPE_ORG_ON);
    sqlite3_bind_int64(s, 1, org_id);
    store_bind_date(s, 2, date);
    sqlite3_bind_int64(s, 3, sc->root);
    int rc = sqlite3_step(s);
    bool in = rc == SQLITE_ROW && sqlite3_column_int64(s, 0) > 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return false;                /* not remembered: a busy database may answer next time */
    m = memo_slot(sc, org_id, date); /* the table may have grown */
    m->org = org_id;
    m->date = date;
    m->in = in ? 1 : -1;
    sc->memo_n++;
    return in;
}

enum tcxd_err store_scope_check_org(struct store *st, int64_t org_id, tcxd_date date,
                                    const char *field, struct tcxd_error *e)
{
    if (store_scope_org_on(st, org_id, date))
        return TCXD_OK;
    char d[DATE_ISO_LEN];
    date_format_vn(date, d);
    return tcxd_fail(e, TCXD_ENOTFOUND, field, "no organization #%lld on %s", (long long)org_id, d);
}

enum tcxd_err store_scope_check_write(struct store *st, int64_t org_id, tcxd_date date,
                                      const char *field, struct tcxd_error *e)
{
    if (store_scope_org_today(st, org_id) && store_scope_org_on(st, org_id, date))
        return TCXD_OK;
    char d[DATE_ISO_LEN];
    date_format_vn(date, d);
    return tcxd_fail(e, TCXD_ENOTFOUND, field,
                     "organization #%lld is not in your account's scope on %s (then and today)",
                     (long long)org_id, d);
}

enum tcxd_err store_scope_check_not_root(struct store *st, int64_t org_id, const char *field,
                                         struct tcxd_error *e)
{
    if (!st->scope.root || org_id != st->scope.root)
        return TCXD_OK;
    return tcxd_fail(e, TCXD_EFORBIDDEN, field,
                     "the place of the account's scope organization #%lld is decided by the "
                     "superior committee",
                     (long long)org_id);
}

enum tcxd_err store_scope_check_not_root_review(struct store *st, int64_t org_id, const char *field,
                                                struct tcxd_error *e)
{
    /* a top organization's superior (the Centre) has no account here: its own accounts enter
       the decision */
    if (!st->scope.root || org_id != st->scope.root || store_scope_is_top(st))
        return TCXD_OK;
    return tcxd_fail(e, TCXD_EFORBIDDEN, field,
                     "the level of the account's scope organization #%lld is decided by the "
                     "superior committee",
                     (long long)org_id);
}

int64_t store_scope_member_org_on(struct store *st, int64_t member_id, tcxd_date date)
{
    sqlite3_stmt *s = store_stmt(st, STMT_SCOPE_MEMBER_ORG_ON);
    sqlite3_bind_int64(s, 1, member_id);
    store_bind_date(s, 2, date);
    int64_t org = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return org;
}

bool store_scope_is_top(struct store *st)
{
    if (!st->scope.root)
        return true;
    if (st->scope.root < 0)
        return false;
    sqlite3_stmt *s = store_stmt(st, STMT_SCOPE_ROOT_PARENT);
    sqlite3_bind_int64(s, 1, st->scope.root);
    bool top = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int64(s, 0) == 0;
    sqlite3_reset(s);
    return top;
}

/* Where an organization is today, or on its last day when it has ended. */
static bool org_last(struct store *st, int64_t id, struct org_info *o)
{
    tcxd_date today = date_today();
    if (!store_org_get(st, id, today, o, NULL))
        return true;
    sqlite3_stmt *s = store_stmt(st, STMT_ORG_GET_ENDED);
    sqlite3_bind_int64(s, 1, id);
    tcxd_date end = sqlite3_step(s) == SQLITE_ROW ? store_column_date(s, 0) : DATE_NONE;
    sqlite3_reset(s);
    return end != DATE_NONE && !store_org_get(st, id, end - 1, o, NULL);
}

enum tcxd_err store_nid_conflict(struct store *st, int64_t other, const char *field,
                                 struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_SCOPE_MEMBER_ORG);
    sqlite3_bind_int64(s, 1, other);
    int64_t org = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    struct org_info o;
    if (store_scope_member_org(st, org)) {
        const char *name = org_last(st, org, &o) ? o.name : "";
        return tcxd_fail(e, TCXD_ECONFLICT, field,
                         "this person is already registered as a party member: member #%lld of "
                         "%s",
                         (long long)other, name);
    }
    /* the lowest committee above both the scope and the member's chi bộ */
    int64_t up[64];
    size_t n = 0;
    for (int64_t id = org; id && n < 64 && org_last(st, id, &o); id = o.parent_id)
        up[n++] = id;
    char board[1024] = "";
    for (int64_t id = st->scope.root, hops = 0; id > 0 && hops < 64 && org_last(st, id, &o);
         id = o.parent_id, hops++) {
        size_t i = 0;
        while (i < n && up[i] != id)
            i++;
        if (i < n) {
            snprintf(board, sizeof(board), "%s", o.name);
            break;
        }
    }
    if (!board[0])
        return tcxd_fail(e, TCXD_ECONFLICT, field,
                         "this person is already registered as a party member in another unit: "
                         "contact the superior organization board");
    return tcxd_fail(e, TCXD_ECONFLICT, field,
                     "this person is already registered as a party member in another unit: "
                     "contact the organization board of %s",
                     board);
}

void store_nid_conflict_audit(struct store *st, const struct store_actor *who, int64_t other,
                              const char *context)
{
    if (st->tx_depth > 0 || !who)
        return;
    char after[256];
    snprintf(after, sizeof(after), "{\"check\":\"%s\",\"scope_org_id\":%lld}", context,
             (long long)(st->scope.root > 0 ? st->scope.root : 0));
    sqlite3_stmt *s = store_stmt(st, STMT_SCOPE_MEMBER_ORG);
    sqlite3_bind_int64(s, 1, other);
    int64_t org = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (store_begin(st, NULL))
        return;
    if (store_audit(st, who, "member.nid_check", "member", other, org, NULL, after, NULL) ||
        store_commit(st, NULL))
        store_rollback(st);
}
