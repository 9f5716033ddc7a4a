/*
 * store_degradation.c - the degradation self-checks (see store_degradation.h).
 */
#include "store/store_degradation.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_scope.h"
#include "util/xmalloc.h"

static bool check_row(sqlite3_stmt *s, int64_t member_id, int year, struct degradation_check *out)
{
    memset(out, 0, sizeof(*out));
    out->member_id = member_id;
    out->year = year;
    out->org_id = sqlite3_column_int64(s, 0);
    bool ok = degradation_from_digits((const char *)sqlite3_column_text(s, 1), out->levels);
    out->concluded = sqlite3_column_int(s, 2) != 0;
    out->recorded_on = store_column_date(s, 3);
    return ok;
}

static bool load(struct store *st, int64_t member_id, int year, struct degradation_check *out)
{
    sqlite3_stmt *s = store_stmt(st, STMT_DEGRADATION_GET);
    sqlite3_bind_int64(s, 1, member_id);
    sqlite3_bind_int(s, 2, year);
    bool found = sqlite3_step(s) == SQLITE_ROW && check_row(s, member_id, year, out);
    sqlite3_reset(s);
    return found;
}

static json_t *check_json(const struct degradation_check *c)
{
    char digits[DEGR_ITEMS + 1];
    degradation_digits(c->levels, digits);
    return json_pack("{s:I, s:i, s:I, s:s, s:b}", "member_id", (json_int_t)c->member_id, "year",
                     c->year, "org_id", (json_int_t)c->org_id, "levels", digits, "concluded",
                     c->concluded);
}

enum tcxd_err store_degradation_record(struct store *st, const struct store_actor *who,
                                       int64_t member_id, int year,
                                       const uint8_t levels[DEGR_ITEMS], bool concluded,
                                       tcxd_date on, tcxd_date today, struct tcxd_error *e)
{
    int this_year = date_to_ymd(today).y;
    if (year < 1930 || year > this_year)
        return tcxd_fail(e, TCXD_EINVAL, "year", "the year must be 1930 to %d", this_year);
    if (on == DATE_NONE || on > today)
        return tcxd_fail(e, TCXD_EINVAL, "date", "the date is missing or in the future");
    for (int i = 0; i < DEGR_ITEMS; i++)
        if (levels[i] >= DEGR_LEVEL__MAX)
            return tcxd_fail(e, TCXD_EINVAL, "levels", "the level of %s must be 0 to 4",
                             degradation_item((unsigned)i)->code);
    struct member_info m;
    enum tcxd_err rc = store_member_get(st, member_id, &m, e);
    if (rc)
        return rc;
    int64_t org = store_scope_member_org_on(st, member_id, on);
    if (!org) {
        char d[DATE_ISO_LEN];
        date_format_vn(on, d);
        return tcxd_fail(e, TCXD_ERULE, "member_id", "member #%lld was not a member on %s",
                         (long long)member_id, d);
    }
    if ((rc = store_scope_check_write(st, org, on, "member_id", e)))
        return rc;
    struct degradation_check before, after = {.member_id = member_id,
                                              .org_id = org,
                                              .year = year,
                                              .concluded = concluded,
                                              .recorded_on = on};
    memcpy(after.levels, levels, DEGR_ITEMS);
    bool had = load(st, member_id, year, &before);
    char digits[DEGR_ITEMS + 1];
    degradation_digits(levels, digits);
    if ((rc = store_begin(st, e)))
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_DEGRADATION_PUT);
    sqlite3_bind_int64(s, 1, member_id);
    sqlite3_bind_int(s, 2, year);
    sqlite3_bind_int64(s, 3, org);
    store_bind_text(s, 4, digits);
    sqlite3_bind_int(s, 5, concluded);
    store_bind_date(s, 6, on);
    if ((rc = store_step_done(st, s, e, "recording the self-check"))) {
        store_rollback(st);
        return rc;
    }
    json_t *bj = had ? check_json(&before) : NULL, *aj = check_json(&after);
    char *b = bj ? json_dumps(bj, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    char *a = json_dumps(aj, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(bj);
    json_decref(aj);
    rc = store_audit(st, who, "degradation.record", "member", member_id, org, b, a, e);
    free(a);
    free(b);
    if (rc || (rc = store_commit(st, e)))
        store_rollback(st);
    return rc;
}

enum tcxd_err store_degradation_get(struct store *st, int64_t member_id, int year,
                                    struct degradation_check *out, struct tcxd_error *e)
{
    if (store_scope_member(st, member_id) && load(st, member_id, year, out))
        return TCXD_OK;
    return tcxd_fail(e, TCXD_ENOTFOUND, "member_id", "no self-check of member #%lld for %d",
                     (long long)member_id, year);
}

bool store_degradation_concluded(struct store *st, int64_t member_id, int year)
{
    struct degradation_check c;
    return load(st, member_id, year, &c) && c.concluded;
}

struct row {
    int64_t member_id, org_id;
    uint8_t levels[DEGR_ITEMS];
    bool concluded;
};

enum tcxd_err store_degradation_tally(struct store *st, const struct org_tree *t, uint32_t root,
                                      int year, struct degradation_tally *total,
                                      void (*fn)(void *ctx, int64_t org_id,
                                                 const struct degradation_tally *tally),
                                      void *ctx, struct tcxd_error *e)
{
    memset(total, 0, sizeof(*total));
    sqlite3_stmt *s = store_stmt(st, STMT_DEGRADATION_YEAR);
    sqlite3_bind_int(s, 1, year);
    struct row *rows = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            rows = xrealloc(rows, cap * sizeof(*rows));
        }
        struct row *r = &rows[n];
        r->member_id = sqlite3_column_int64(s, 0);
        r->org_id = sqlite3_column_int64(s, 1);
        r->concluded = sqlite3_column_int(s, 3) != 0;
        if (degradation_from_digits((const char *)sqlite3_column_text(s, 2), r->levels))
            n++;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        free(rows);
        return store_db_error(st, e, "reading the self-checks");
    }
    /* one tally per child of the root (and the root itself), in tree order */
    size_t nkids = 1;
    for (uint32_t c = t->nodes[root].first_child; c != TREE_NONE; c = t->nodes[c].next_sibling)
        nkids++;
    struct degradation_tally *per = xcalloc(nkids, sizeof(*per));
    uint32_t *kid = xcalloc(nkids, sizeof(*kid));
    kid[0] = root;
    size_t k = 1;
    for (uint32_t c = t->nodes[root].first_child; c != TREE_NONE; c = t->nodes[c].next_sibling)
        kid[k++] = c;
    for (size_t i = 0; i < n; i++) {
        uint32_t node = org_tree_find(t, rows[i].org_id);
        if (node == TREE_NONE || !org_tree_in_subtree(t, root, node))
            continue;
        degradation_tally_add(total, rows[i].levels, rows[i].concluded);
        size_t which = 0;
        for (size_t j = 1; j < nkids && !which; j++)
            if (org_tree_in_subtree(t, kid[j], node))
                which = j;
        degradation_tally_add(&per[which], rows[i].levels, rows[i].concluded);
    }
    if (fn)
        for (size_t j = 0; j < nkids; j++)
            if (per[j].members)
                fn(ctx, t->nodes[kid[j]].id, &per[j]);
    free(per);
    free(kid);
    free(rows);
    return TCXD_OK;
}
