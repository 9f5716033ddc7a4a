/*
 * test_vnfmt.c - Vietnamese number formats. Expected strings are worked out by hand in the
 * tables (the arithmetic is in the comments where it is not obvious).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/vnfmt.h"

#include "util/banned.h"

static void test_int(void **state)
{
    (void)state;
    static const struct {
        int64_t n;
        const char *want;
    } cases[] = {
        {0, "0"},
        {7, "7"},
        {-7, "-7"},
        {999, "999"},
        {1000, "1.000"},
        {-1000, "-1.000"},
        {1234, "1.234"},
        {-1234, "-1.234"},
        {99999, "99.999"},
        {100000, "100.000"},
        {457397, "457.397"},
        {1000000, "1.000.000"},
        {5210000, "5.210.000"},
        {INT64_MAX, "9.223.372.036.854.775.807"},
        {INT64_MIN, "-9.223.372.036.854.775.808"},
        {INT64_MIN + 1, "-9.223.372.036.854.775.807"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct buf b = BUF_INIT;
        vnfmt_int(&b, cases[i].n);
        assert_string_equal(b.ptr, cases[i].want);
        buf_release(&b);
    }
}

static void test_int_appends(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    buf_adds(&b, "tổng: ");
    vnfmt_int(&b, 12345);
    buf_adds(&b, " đảng viên");
    assert_string_equal(b.ptr, "tổng: 12.345 đảng viên");
    buf_release(&b);
}

static void test_percent(void **state)
{
    (void)state;
    static const struct {
        int64_t num, den;
        int decimals;
        const char *want;
    } cases[] = {
        {7, 39, 1, "17,9%"}, /* 17.948... */
        {1, 8, 1, "12,5%"},
        {1, 8, 0, "13%"}, /* 12.5 rounds away from zero */
        {-1, 8, 0, "-13%"},
        {1, -8, 0, "-13%"},
        {-1, -8, 0, "13%"},
        {3, 8, 0, "38%"}, /* 37.5 */
        {1, 3, 2, "33,33%"},
        {2, 3, 2, "66,67%"},
        {2, 3, 0, "67%"},
        {1, 1, 1, "100,0%"},
        {0, 5, 1, "0,0%"},
        {5, 0, 1, "-"},
        {0, 0, 1, "-"},
        {1, 2000, 1, "0,1%"}, /* 0.05 rounds up */
        {-1, 2000, 1, "-0,1%"},
        {-1, 20001, 1, "0,0%"}, /* -0.00499.. rounds to zero: no sign */
        {1, 20001, 1, "0,0%"},
        {123, 10, 1, "1.230,0%"},
        {1, 7, 9, "14,285714286%"}, /* 14.2857142857 */
        {INT64_MIN, INT64_MIN, 1, "100,0%"},
        {INT64_MIN, 1, 0, "-922.337.203.685.477.580.800%"},
        {INT64_MAX, 1, 0, "922.337.203.685.477.580.700%"},
        {1, INT64_MAX, 1, "0,0%"},
        {INT64_MAX, INT64_MIN, 2, "-100,00%"}, /* (2^63 - 1) / 2^63 */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct buf b = BUF_INIT;
        vnfmt_percent(&b, cases[i].num, cases[i].den, cases[i].decimals);
        if (strcmp(b.ptr, cases[i].want) != 0)
            fail_msg("%lld/%lld (%d): got '%s', want '%s'", (long long)cases[i].num,
                     (long long)cases[i].den, cases[i].decimals, b.ptr, cases[i].want);
        buf_release(&b);
    }
}

static void test_double(void **state)
{
    (void)state;
    static const struct {
        double v;
        int decimals;
        const char *want;
    } cases[] = {
        {1234.5, 1, "1.234,5"},
        {1234.5, 0, "1.235"},
        {-1234.5, 0, "-1.235"},
        {1234.5, 2, "1.234,50"},
        {2.5, 0, "3"},
        {-2.5, 0, "-3"},
        {0.5, 0, "1"},
        {0.4, 0, "0"},
        {-0.4, 0, "0"},
        {0.125, 2, "0,13"},
        {1.005, 2, "1,01"},
        {2.675, 2, "2,68"},
        {1.25, 1, "1,3"},
        {-1.25, 1, "-1,3"},
        {1.35, 1, "1,4"},
        {-0.001, 2, "0,00"},
        {-0.005, 2, "-0,01"},
        {0.0, 3, "0,000"},
        {-0.0, 1, "0,0"},
        {999.995, 2, "1.000,00"},
        {999999.5, 0, "1.000.000"},
        {9.99, 1, "10,0"},
        {0.05, 1, "0,1"},
        {0.04, 1, "0,0"},
        {1e-7, 2, "0,00"},
        {5e-3, 2, "0,01"},
        {4.9e-3, 2, "0,00"},
        {1e15, 0, "1.000.000.000.000.000"},
        {1e21, 0, "1.000.000.000.000.000.000.000"},
        {123456789.987, 1, "123.456.790,0"},
        {17.948717948717949, 1, "17,9"},
        {100, 2, "100,00"},
        {0.1 + 0.2, 1, "0,3"},
        {NAN, 1, "-"},
        {INFINITY, 1, "-"},
        {-INFINITY, 0, "-"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct buf b = BUF_INIT;
        vnfmt_double(&b, cases[i].v, cases[i].decimals);
        if (strcmp(b.ptr, cases[i].want) != 0)
            fail_msg("%.17g (%d): got '%s', want '%s'", cases[i].v, cases[i].decimals, b.ptr,
                     cases[i].want);
        buf_release(&b);
    }
}

/* Integers formatted as doubles agree with vnfmt_int (exactly representable range). */
static void test_double_matches_int(void **state)
{
    (void)state;
    int64_t v = 1;
    for (int i = 0; i < 52; i++, v = v * 2 + (i % 3)) {
        struct buf a = BUF_INIT, b = BUF_INIT;
        vnfmt_int(&a, v);
        vnfmt_double(&b, (double)v, 0);
        assert_string_equal(a.ptr, b.ptr);
        buf_reset(&a);
        buf_reset(&b);
        vnfmt_int(&a, -v);
        vnfmt_double(&b, -(double)v, 0);
        assert_string_equal(a.ptr, b.ptr);
        buf_release(&a);
        buf_release(&b);
    }
}

static void test_change(void **state)
{
    (void)state;
    static const struct {
        int64_t old_value, new_value;
        const char *want;
    } cases[] = {
        {4273, 4585, "tăng 312 (7,3%)"}, /* 312 / 4273 = 7.30% */
        {500, 494, "giảm 6 (1,2%)"},
        {5, 5, "không đổi"},
        {0, 0, "không đổi"},
        {0, 5, "tăng 5"},
        {0, -5, "giảm 5"},
        {1000, 2234, "tăng 1.234 (123,4%)"},
        {2234, 1000, "giảm 1.234 (55,2%)"}, /* 1234 / 2234 = 55.237% */
        {8, 9, "tăng 1 (12,5%)"},
        {16, 15, "giảm 1 (6,3%)"}, /* 6.25 rounds away from zero */
        {3, 0, "giảm 3 (100,0%)"},
        {-10, -5, "tăng 5 (50,0%)"},
        {-10, 10, "tăng 20 (200,0%)"},
        {100000, 100001, "tăng 1 (0,0%)"},
        {1, 1000001, "tăng 1.000.000 (100.000.000,0%)"},
        /* 2^64 - 1 over 2^63 is 199.99..% */
        {INT64_MIN, INT64_MAX, "tăng 18.446.744.073.709.551.615 (200,0%)"},
        {INT64_MAX, INT64_MIN, "giảm 18.446.744.073.709.551.615 (200,0%)"},
        {0, INT64_MIN, "giảm 9.223.372.036.854.775.808"},
        {INT64_MIN, 0, "tăng 9.223.372.036.854.775.808 (100,0%)"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct buf b = BUF_INIT;
        vnfmt_change(&b, cases[i].old_value, cases[i].new_value);
        if (strcmp(b.ptr, cases[i].want) != 0)
            fail_msg("%lld -> %lld: got '%s', want '%s'", (long long)cases[i].old_value,
                     (long long)cases[i].new_value, b.ptr, cases[i].want);
        buf_release(&b);
    }
}

static void test_change_points(void **state)
{
    (void)state;
    static const struct {
        double old_pct, new_pct;
        const char *want;
    } cases[] = {
        {11.1, 17.9, "tăng 6,8 điểm %"},
        {17.9, 11.1, "giảm 6,8 điểm %"},
        {50, 50, "không đổi"},
        {10, 10.04, "không đổi"},
        {10, 9.96, "không đổi"},
        {0.30, 0.35, "tăng 0,1 điểm %"}, /* 0.05 despite 0.35 - 0.30 = 0.0499..93 */
        {0.35, 0.30, "giảm 0,1 điểm %"},
        {0, 100, "tăng 100,0 điểm %"},
        {92.5, 87.25, "giảm 5,3 điểm %"}, /* 5.25 rounds away from zero */
        {NAN, 3, "-"},
        {3, INFINITY, "-"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct buf b = BUF_INIT;
        vnfmt_change_points(&b, cases[i].old_pct, cases[i].new_pct);
        if (strcmp(b.ptr, cases[i].want) != 0)
            fail_msg("%g -> %g: got '%s', want '%s'", cases[i].old_pct, cases[i].new_pct, b.ptr,
                     cases[i].want);
        buf_release(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int),
        cmocka_unit_test(test_int_appends),
        cmocka_unit_test(test_percent),
        cmocka_unit_test(test_double),
        cmocka_unit_test(test_double_matches_int),
        cmocka_unit_test(test_change),
        cmocka_unit_test(test_change_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
