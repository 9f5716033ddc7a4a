/*
 * test_org_search.c - the ranked organization search on a small city tree: words in any order,
 * folded, numbers exact, initials, parent and ward names, codes, the scope root, ranking.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/org_search.h"

static struct org_tree tree;
static struct org_search_index ix;

enum {
    HN = 1,
    DD,   /* quận Đống Đa */
    KL,   /* phường Kim Liên */
    KL1,  /* Tổ dân phố số 1 of Kim Liên */
    KL10, /* số 10 */
    KLCQ, /* Chi bộ Cơ quan */
    TT,   /* phường Trung Tự */
    TT1,  /* Tổ dân phố số 1 of Trung Tự */
    BD,   /* quận Ba Đình */
    BDKL  /* a chi bộ named after Kim Liên street in Ba Đình */
};

static int setup(void **state)
{
    (void)state;
    org_tree_init(&tree, 0);
    org_tree_add(&tree, HN, 0, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, "HN",
                 "Đảng bộ thành phố Hà Nội");
    org_tree_add(&tree, DD, HN, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, "HN.DD",
                 "Đảng bộ quận Đống Đa");
    org_tree_add(&tree, KL, DD, ORG_TIER_BASE, ORG_FORM_DANG_BO, 0, "HN.DD.KL",
                 "Đảng bộ phường Kim Liên");
    org_tree_add(&tree, KL1, KL, ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0, "HN.DD.KL.08",
                 "Chi bộ Tổ dân phố số 1");
    org_tree_add(&tree, KL10, KL, ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0, "HN.DD.KL.17",
                 "Chi bộ Tổ dân phố số 10");
    org_tree_add(&tree, KLCQ, KL, ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0, "HN.DD.KL.01",
                 "Chi bộ Cơ quan");
    org_tree_add(&tree, TT, DD, ORG_TIER_BASE, ORG_FORM_DANG_BO, 0, "HN.DD.TT",
                 "Đảng bộ phường Trung Tự");
    org_tree_add(&tree, TT1, TT, ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0, "HN.DD.TT.05",
                 "Chi bộ Tổ dân phố số 01");
    org_tree_add(&tree, BD, HN, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, "HN.BD",
                 "Đảng bộ quận Ba Đình");
    org_tree_add(&tree, BDKL, BD, ORG_TIER_BASE, ORG_FORM_CHI_BO, 0, "HN.BD.03",
                 "Chi bộ Khu tập thể Kim Liên");
    org_tree_link(&tree);
    org_search_index_build(&ix, &tree);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    org_search_index_release(&ix);
    org_tree_release(&tree);
    return 0;
}

/* Runs q over root's subtree (0: the whole tree); writes the hits' ids, returns their number. */
static size_t ids(const char *q, int64_t root, int64_t *out, size_t max)
{
    struct org_search_hit *h;
    uint32_t r = root ? org_tree_find(&tree, root) : TREE_NONE;
    size_t n = org_search_run(&ix, r, q, NULL, NULL, &h);
    for (size_t k = 0; k < n && k < max; k++)
        out[k] = tree.nodes[h[k].node].id;
    free(h);
    return n;
}

static void test_words_any_order_with_ward(void **state)
{
    (void)state;
    int64_t got[16];
    /* "tdp" = initials of tổ dân phố; "1" is not "10"; kim liên is the parent ward's name */
    assert_int_equal(ids("tdp 1 kim lien", 0, got, 16), 1);
    assert_int_equal(got[0], KL1);
    assert_int_equal(ids("Kim Liên TDP 1", 0, got, 16), 1);
    assert_int_equal(got[0], KL1);
    assert_int_equal(ids("KIM LIEN tổ dân phố số 1", 0, got, 16), 1);
    /* "01" and "1" are the same number: both wards' TDP số 1, never số 10 */
    assert_int_equal(ids("to dan pho so 1", 0, got, 16), 2);
    assert_true((got[0] == KL1 && got[1] == TT1) || (got[0] == TT1 && got[1] == KL1));
    assert_int_equal(ids("tdp 10", 0, got, 16), 1);
    assert_int_equal(got[0], KL10);
    /* the grandparent (district) counts too */
    assert_int_equal(ids("tdp 1 dong da", 0, got, 16), 2);
}

static void test_codes(void **state)
{
    (void)state;
    int64_t got[16];
    assert_int_equal(ids("HN.DD.KL.08", 0, got, 16), 1);
    assert_int_equal(got[0], KL1);
    /* a code prefix finds the organization and, through it, its subtree: itself first */
    size_t n = ids("hn.dd.kl", 0, got, 16);
    assert_int_equal(n, 4);
    assert_int_equal(got[0], KL);
}

static void test_ranking(void **state)
{
    (void)state;
    int64_t got[16];
    /* the ward itself (own name, shallower) first, then the Ba Đình chi bộ that bears the name in
       its own name, then the ward's chi bộ (through their parent) */
    size_t n = ids("kim lien", 0, got, 16);
    assert_int_equal(n, 5);
    assert_int_equal(got[0], KL);
    assert_int_equal(got[1], BDKL);
    /* a name equal to the query beats a longer one */
    n = ids("chi bo co quan", 0, got, 16);
    assert_int_equal(n, 1);
    assert_int_equal(got[0], KLCQ);
}

static void test_scope_and_empty(void **state)
{
    (void)state;
    int64_t got[16];
    /* within Ba Đình only its chi bộ has kim liên */
    assert_int_equal(ids("kim lien", BD, got, 16), 1);
    assert_int_equal(got[0], BDKL);
    assert_int_equal(ids("tdp 1", TT, got, 16), 1);
    assert_int_equal(got[0], TT1);
    assert_int_equal(ids("", 0, got, 16), 0);
    assert_int_equal(ids("  ,; ", 0, got, 16), 0);
    assert_int_equal(ids("khong co", 0, got, 16), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_any_order_with_ward),
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_ranking),
        cmocka_unit_test(test_scope_and_empty),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
