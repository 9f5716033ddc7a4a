/*
 * test_training.c - training classes and enrolments (core/training.h): a class's checks with
 * their fields (the programme, its split, the opener, both dates, the end before the start), an
 * enrolment up to and after the class's last day, which results form 10 counts, the cadres'
 * levels and the openers' class columns, the names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/training.h"

static tcxd_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static void test_class(void **state)
{
    (void)state;
    struct tcxd_error e;
    struct training_class c = {TRAIN_TC_LLCT, TMODE_FULL_TIME, CLASS_OPEN_TINH, D(2024, 3, 1),
                               D(2024, 9, 30)};
    assert_int_equal(training_class_check(&c, &e), TCXD_OK);
    /* one day */
    c.to = c.from;
    assert_int_equal(training_class_check(&c, &e), TCXD_OK);
    /* ends the day before it starts */
    c.to = D(2024, 2, 29);
    assert_int_equal(training_class_check(&c, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "to");
    c.to = DATE_NONE;
    assert_int_equal(training_class_check(&c, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "to");
    c.to = D(2024, 9, 30);
    c.from = DATE_NONE;
    assert_int_equal(training_class_check(&c, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "from");
    c.from = D(2024, 3, 1);
    /* the form splits Trung cấp LLCT by hệ tập trung / không tập trung, not trong nước */
    c.mode = TMODE_DOMESTIC;
    assert_int_equal(training_class_check(&c, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "mode");
    assert_non_null(strstr(e.msg, "full_time"));
    c.mode = TMODE_FULL_TIME;
    c.programme = TRAIN__MAX;
    assert_int_equal(training_class_check(&c, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "programme");
    c.programme = TRAIN_TC_LLCT;
    c.opener = CLASS_OPEN__MAX;
    assert_int_equal(training_class_check(&c, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "opener");
    /* Tin học is not split */
    struct training_class t = {TRAIN_BD_TIN_HOC, TMODE_NONE, CLASS_OPEN_HUYEN, D(2024, 5, 1),
                               D(2024, 5, 10)};
    assert_int_equal(training_class_check(&t, &e), TCXD_OK);
    t.mode = TMODE_DT1;
    assert_int_equal(training_class_check(&t, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "mode");
}

static void test_enrol(void **state)
{
    (void)state;
    struct tcxd_error e;
    struct training_class c = {TRAIN_BD_QPAN, TMODE_DT3, CLASS_OPEN_HUYEN, D(2024, 3, 1),
                               D(2024, 3, 15)};
    assert_int_equal(training_enrol_check(&c, DATE_NONE, &e), TCXD_OK);
    assert_int_equal(training_enrol_check(&c, D(2024, 2, 1), &e), TCXD_OK);
    assert_int_equal(training_enrol_check(&c, D(2024, 3, 15), &e), TCXD_OK);
    assert_int_equal(training_enrol_check(&c, D(2024, 3, 16), &e), TCXD_EINVAL);
    assert_string_equal(e.field, "date");
    assert_non_null(strstr(e.msg, "15/03/2024"));
    /* a class ending before it starts takes nobody */
    c.to = D(2024, 2, 28);
    assert_int_equal(training_enrol_check(&c, D(2024, 2, 1), &e), TCXD_EINVAL);
    assert_string_equal(e.field, "to");
}

static void test_counts(void **state)
{
    (void)state;
    assert_true(enrol_result_counts(ENROL_STUDYING));
    assert_true(enrol_result_counts(ENROL_COMPLETED));
    assert_false(enrol_result_counts(ENROL_NOT_COMPLETED));
    assert_int_equal(training_level_of(CADRE_MGMT_TW), TLEVEL_TINH);
    assert_int_equal(training_level_of(CADRE_MGMT_TINH), TLEVEL_TINH);
    assert_int_equal(training_level_of(CADRE_MGMT_HUYEN), TLEVEL_HUYEN);
    assert_int_equal(training_level_of(CADRE_MGMT_CO_SO), TLEVEL_XA);
    assert_int_equal(class_opener_column(CLASS_OPEN_TINH), 0);
    assert_int_equal(class_opener_column(CLASS_OPEN_HUYEN), 1);
    assert_int_equal(class_opener_column(CLASS_OPEN_OTHER), -1);
}

static void test_opener(void **state)
{
    (void)state;
    struct tcxd_error e;
    assert_int_equal(training_opener_check(CLASS_OPEN_TINH, ORG_TIER_ABOVE_BASE, &e), TCXD_OK);
    assert_int_equal(training_opener_check(CLASS_OPEN_HUYEN, ORG_TIER_ABOVE_BASE, &e), TCXD_OK);
    assert_int_equal(training_opener_check(CLASS_OPEN_OTHER, ORG_TIER_BELOW_BASE, &e), TCXD_OK);
    assert_int_equal(training_opener_check(CLASS_OPEN_HUYEN, ORG_TIER_BASE, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "opener");
    assert_int_equal(training_opener_check(CLASS_OPEN_TINH, ORG_TIER_BELOW_BASE, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "opener");
}

static void test_names(void **state)
{
    (void)state;
    struct tcxd_error e;
    enum class_opener o;
    assert_int_equal(class_opener_parse("Cấp ủy cấp huyện mở", &o, &e), TCXD_OK);
    assert_int_equal(o, CLASS_OPEN_HUYEN);
    assert_int_equal(class_opener_parse("khac", &o, &e), TCXD_OK);
    assert_int_equal(o, CLASS_OPEN_OTHER);
    assert_int_equal(class_opener_parse("xa", &o, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "opener");
    assert_non_null(strstr(e.msg, "tinh, huyen, khac"));
    enum enrol_result r;
    assert_int_equal(enrol_result_parse("not-completed", &r, &e), TCXD_OK);
    assert_int_equal(r, ENROL_NOT_COMPLETED);
    assert_int_equal(enrol_result_parse("passed", &r, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "result");
    assert_string_equal(enrol_result_name((enum enrol_result)9), "?");
    assert_string_equal(class_opener_label(CLASS_OPEN_TINH), "Cấp ủy cấp tỉnh mở");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_class),  cmocka_unit_test(test_enrol), cmocka_unit_test(test_counts),
        cmocka_unit_test(test_opener), cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
