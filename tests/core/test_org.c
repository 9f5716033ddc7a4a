/*
 * test_org.c - the organization nesting rules, dated: the old nesting before 01/07/2025, the
 * 2025 rules from it (commune-level committees above-base with a xã/phường/đặc khu type
 * directly under the province, a special zone above-base or base), the đảng bộ bộ phận rule,
 * and the size warnings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/org.h"

static tcxd_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static const struct org_shape province = {ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE};
static const struct org_shape district = {ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE};
static const struct org_shape ward_base = {ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_PHUONG};
static const struct org_shape commune = {ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_XA};
static const struct org_shape phuong = {ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_PHUONG};
static const struct org_shape zone_above = {ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO,
                                            ORG_BASE_DAC_KHU};
static const struct org_shape zone_base = {ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_DAC_KHU};
static const struct org_shape chi_truc_thuoc = {ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO,
                                                ORG_BASE_NONE};
static const struct org_shape chi_co_so = {ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_PHUONG};
static const struct org_shape dbbp = {ORG_TIER_BELOW_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE};

static enum tcxd_err place(tcxd_date on, const struct org_shape *p, const struct org_shape *c,
                           struct tcxd_error *e)
{
    tcxd_error_clear(e);
    return org_check_placement(on, p, c, e);
}

static void test_old_nesting(void **state)
{
    (void)state;
    struct tcxd_error e;
    tcxd_date before = D(2025, 6, 30);
    assert_int_equal(place(before, NULL, &province, &e), TCXD_OK);
    assert_int_equal(place(before, &province, &district, &e), TCXD_OK);
    assert_int_equal(place(before, &district, &ward_base, &e), TCXD_OK);
    assert_int_equal(place(before, &ward_base, &chi_truc_thuoc, &e), TCXD_OK);
    /* a commune-level above-base committee does not exist before 01/07/2025 */
    assert_int_equal(place(before, &province, &commune, &e), TCXD_ERULE);
    assert_string_equal(e.field, "base_type");
    assert_int_equal(place(before, &province, &zone_base, &e), TCXD_ERULE);
    /* the refusal, still true: a chi bộ trực thuộc under an above-base committee */
    assert_int_equal(place(before, &district, &chi_truc_thuoc, &e), TCXD_ERULE);
    assert_string_equal(e.field, "parent");
}

static void test_rules_2025(void **state)
{
    (void)state;
    struct tcxd_error e;
    tcxd_date on = D(2025, 7, 1);
    assert_int_equal(org_rules_2025(), on);
    assert_int_equal(place(on, &province, &commune, &e), TCXD_OK);
    assert_int_equal(place(on, &province, &phuong, &e), TCXD_OK);
    /* a special zone: above-base or base, as the province decides */
    assert_int_equal(place(on, &province, &zone_above, &e), TCXD_OK);
    assert_int_equal(place(on, &province, &zone_base, &e), TCXD_OK);
    /* directly under the province: not a root, not under another commune committee */
    assert_int_equal(place(on, NULL, &commune, &e), TCXD_ERULE);
    assert_int_equal(place(on, &phuong, &commune, &e), TCXD_ERULE);
    /* under a commune committee: base organizations, e.g. a residential chi bộ re-tiered */
    assert_int_equal(place(on, &commune, &chi_co_so, &e), TCXD_OK);
    assert_int_equal(place(on, &commune, &ward_base, &e), TCXD_OK);
    assert_int_equal(place(on, &commune, &chi_truc_thuoc, &e), TCXD_ERULE);
    assert_int_equal(place(on, &commune, &district, &e), TCXD_ERULE);
    /* an above-base committee carries only a commune type */
    struct org_shape bad = {ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_CONG_AN};
    assert_int_equal(place(on, &province, &bad, &e), TCXD_EINVAL);
    /* below-base never carries a type */
    struct org_shape bad2 = {ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_XA};
    assert_int_equal(place(on, &ward_base, &bad2, &e), TCXD_EINVAL);
}

static void test_dbbp_in_dbbp(void **state)
{
    (void)state;
    struct tcxd_error e;
    for (int i = 0; i < 2; i++) {
        tcxd_date on = i ? D(2025, 7, 1) : D(2020, 1, 1);
        assert_int_equal(place(on, &ward_base, &dbbp, &e), TCXD_OK);
        assert_int_equal(place(on, &dbbp, &chi_truc_thuoc, &e), TCXD_OK);
        assert_int_equal(place(on, &dbbp, &dbbp, &e), TCXD_ERULE);
        assert_string_equal(e.field, "parent");
        assert_non_null(strstr(e.msg, "đảng bộ bộ phận"));
    }
}

static void test_size_warnings(void **state)
{
    (void)state;
    enum org_size_warning w[2];
    assert_int_equal(org_size_warnings(&chi_truc_thuoc, 2, 5, w), 1);
    assert_int_equal(w[0], ORG_SIZE_CHI_BO_UNDER_3);
    assert_int_equal(org_size_warnings(&chi_truc_thuoc, 3, 3, w), 0);
    assert_int_equal(org_size_warnings(&chi_truc_thuoc, 40, 45, w), 0); /* trực thuộc: no cap */
    assert_int_equal(org_size_warnings(&chi_co_so, 29, 29, w), 0);
    assert_int_equal(org_size_warnings(&chi_co_so, 25, 30, w), 1);
    assert_int_equal(w[0], ORG_SIZE_CHI_BO_CO_SO_OVER_30);
    assert_int_equal(org_size_warnings(&chi_co_so, 1, 30, w), 2);
    assert_int_equal(org_size_warnings(&ward_base, 0, 0, w), 0); /* a đảng bộ: no chi bộ rule */
    assert_true(strlen(org_size_warning_text(ORG_SIZE_CHI_BO_UNDER_3)) > 0);
}

static void test_dac_khu_parse(void **state)
{
    (void)state;
    struct tcxd_error e;
    enum org_base_type bt;
    assert_int_equal(org_base_type_parse("dac_khu", &bt, &e), TCXD_OK);
    assert_int_equal(bt, ORG_BASE_DAC_KHU);
    assert_int_equal(org_base_type_parse("Đặc khu", &bt, &e), TCXD_OK);
    assert_int_equal(bt, ORG_BASE_DAC_KHU);
    assert_true(org_base_type_is_commune(ORG_BASE_XA));
    assert_false(org_base_type_is_commune(ORG_BASE_THI_TRAN));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_old_nesting),   cmocka_unit_test(test_rules_2025),
        cmocka_unit_test(test_dbbp_in_dbbp),  cmocka_unit_test(test_size_warnings),
        cmocka_unit_test(test_dac_khu_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
