/*
 * test_retier.c - a residential chi bộ trực thuộc of a ward committee moves under the new
 * commune committee on 01/07/2025 and becomes a chi bộ cơ sở: same id and code, its members
 * stay registered in it, the day before still shows the old tier under the old parent, and its
 * history lists the move and the re-tier. Refusals leave the database unchanged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "report/count.h"
#include "store/store.h"

static const struct store_actor actor = {"test", "local"};

static tcxd_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static void must(enum tcxd_err rc, const struct tcxd_error *e)
{
    if (rc)
        fail_msg("unexpected error: %s", e->msg);
}

static int64_t mk(struct store *st, const char *code, const char *name, enum org_tier t,
                  enum org_form f, enum org_base_type bt, int64_t parent, tcxd_date on)
{
    struct tcxd_error e;
    struct org_create_req r = {code, name, t, f, bt, parent, on, "QĐ 1"};
    int64_t id = 0;
    must(store_org_create(st, &actor, &r, &id, &e), &e);
    return id;
}

static void admit(struct store *st, int64_t chi, int i)
{
    char name[64];
    snprintf(name, sizeof(name), "Trần Thị Thử %d", i);
    struct member_strings s = {.full_name = name, .gender = "nữ", .birth_date = "1980-01-01"};
    struct member_fields f;
    struct tcxd_error e;
    member_fields_init(&f);
    must(member_fields_parse(&s, &f, &e), &e);
    struct member_admit_req r = {.fields = &f,
                                 .org_id = chi,
                                 .decision_date = D(2018, 1, 1),
                                 .ceremony_date = D(2018, 1, 10),
                                 .decision_no = "QĐ 2"};
    int64_t id;
    must(store_member_admit(st, &actor, &r, &id, &e), &e);
    member_fields_release(&f);
}

struct hist {
    int moves, retiers;
};
static void on_event(void *ctx, const struct org_event_info *ev)
{
    struct hist *h = ctx;
    h->moves += !strcmp(ev->kind, "move");
    h->retiers += !strcmp(ev->kind, "retier");
}

static int64_t members_in(struct store *st, int64_t org, tcxd_date on)
{
    struct org_tree t;
    struct node_counts nc;
    struct tcxd_error e;
    must(store_tree_load(st, on, &t, &e), &e);
    uint32_t i = org_tree_find(&t, org);
    assert_int_not_equal(i, TREE_NONE);
    must(report_node_counts(st, &t, TREE_NONE, &nc, &e), &e);
    int64_t n = nc.official[i] + nc.probationary[i];
    report_node_counts_free(&nc);
    org_tree_release(&t);
    return n;
}

static void test_residential_chi_bo_retier(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof(path), "/tmp/tcxd-test-retier-%d.db", (int)getpid());
    unlink(path);
    struct store *st;
    struct tcxd_error e;
    must(store_open(path, STORE_CREATE, &st, &e), &e);
    tcxd_date t0 = D(2015, 1, 1), day = D(2025, 7, 1), before = D(2025, 6, 30);
    int64_t hn = mk(st, "P", "Đảng bộ thành phố", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO,
                    ORG_BASE_NONE, 0, t0);
    int64_t q =
        mk(st, "P.Q", "Đảng bộ quận", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, hn, t0);
    int64_t w =
        mk(st, "P.Q.W", "Đảng bộ phường", ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_PHUONG, q, t0);
    int64_t chi = mk(st, "P.Q.W.01", "Chi bộ Tổ dân phố số 1", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO,
                     ORG_BASE_NONE, w, t0);
    for (int i = 0; i < 4; i++)
        admit(st, chi, i);

    /* the commune committee cannot exist before 01/07/2025, and not as a root */
    struct org_create_req early = {"X1",
                                   "Đảng bộ phường Mới",
                                   ORG_TIER_ABOVE_BASE,
                                   ORG_FORM_DANG_BO,
                                   ORG_BASE_PHUONG,
                                   hn,
                                   before,
                                   ""};
    int64_t id;
    assert_int_equal(store_org_create(st, &actor, &early, &id, &e), TCXD_ERULE);
    int64_t audits = store_audit_count(st);
    int64_t c = mk(st, "X1", "Đảng bộ phường Mới", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO,
                   ORG_BASE_PHUONG, hn, day);

    /* kept as a chi bộ trực thuộc it cannot go under the commune committee; a đảng bộ form with
       members is refused */
    struct org_shape keep = {ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE};
    assert_int_equal(store_org_move_retier(st, &actor, chi, c, &keep, day, "QĐ 3", &e), TCXD_ERULE);
    assert_string_equal(e.field, "parent");
    assert_int_equal(store_audit_count(st), audits + 1);
    struct org_shape bad = {ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_PHUONG};
    assert_int_equal(store_org_move_retier(st, &actor, chi, c, &bad, day, "QĐ 3", &e), TCXD_ERULE);
    assert_int_equal(store_audit_count(st), audits + 1);
    /* a plain move applies the 2025 default rule: a chi bộ cơ sở of the committee's type */
    must(store_org_move(st, &actor, chi, c, day, "QĐ 3", &e), &e);
    assert_int_equal(store_audit_count(st), audits + 2);

    struct org_info a, b;
    must(store_org_get(st, chi, before, &a, &e), &e);
    must(store_org_get(st, chi, day, &b, &e), &e);
    assert_int_equal(a.tier, ORG_TIER_BELOW_BASE);
    assert_int_equal(a.parent_id, w);
    assert_int_equal(a.base_type, ORG_BASE_NONE);
    assert_int_equal(b.tier, ORG_TIER_BASE);
    assert_int_equal(b.parent_id, c);
    assert_int_equal(b.base_type, ORG_BASE_PHUONG);
    assert_string_equal(a.code, b.code);
    assert_int_equal(members_in(st, chi, before), 4);
    assert_int_equal(members_in(st, chi, day), 4);

    /* the tree of each day carries that day's tier */
    struct org_tree t;
    must(store_tree_load(st, before, &t, &e), &e);
    assert_int_equal(t.nodes[org_tree_find(&t, chi)].tier, ORG_TIER_BELOW_BASE);
    org_tree_release(&t);
    must(store_tree_load_subtree(st, day, hn, &t, &e), &e);
    assert_int_equal(t.nodes[org_tree_find(&t, chi)].tier, ORG_TIER_BASE);
    assert_int_equal(t.nodes[org_tree_find(&t, chi)].parent_id, c);
    org_tree_release(&t);

    struct hist h = {0};
    must(store_org_history(st, chi, on_event, &h, &e), &e);
    assert_int_equal(h.moves, 1);
    assert_int_equal(h.retiers, 1);
    store_close(st);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_residential_chi_bo_retier)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
