/*
 * test_degradation.c - the degradation self-check's rules: 27 manifestations in 3 groups of 9,
 * parsing (every one once, levels 0..4, errors naming the item), the stored digits, the overall
 * level, and the tally and its sentence against counts made here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/degradation.h"

/* "1.1=L; 1.2=L; ..." with every level `base` but item `at` at `level`. */
static void spec(char *out, size_t n, int base, int at, int level)
{
    size_t len = 0;
    for (int i = 0; i < DEGR_ITEMS; i++)
        len += (size_t)snprintf(out + len, n - len, "%s%d.%d=%d", i ? "; " : "", i / 9 + 1,
                                i % 9 + 1, i == at ? level : base);
}

static void test_items(void **state)
{
    (void)state;
    int per[DEGR_GROUP__MAX] = {0};
    for (unsigned i = 0; i < DEGR_ITEMS; i++) {
        const struct degradation_item *it = degradation_item(i);
        assert_non_null(it);
        per[it->group]++;
        char code[8];
        snprintf(code, sizeof(code), "%u.%u", i / 9 + 1, i % 9 + 1);
        assert_string_equal(it->code, code);
    }
    assert_null(degradation_item(DEGR_ITEMS));
    for (int g = 0; g < DEGR_GROUP__MAX; g++)
        assert_int_equal(per[g], 9);
}

static void test_parse(void **state)
{
    (void)state;
    char s[512];
    uint8_t lv[DEGR_ITEMS];
    struct tcxd_error e;
    spec(s, sizeof(s), 0, 12, 3); /* 2.4 = 3 */
    assert_int_equal(degradation_parse(s, lv, &e), TCXD_OK);
    assert_int_equal(lv[12], 3);
    assert_int_equal(degradation_overall(lv), DEGR_MODERATE);
    char d[DEGR_ITEMS + 1];
    degradation_digits(lv, d);
    assert_string_equal(d, "000000000000300000000000000");
    uint8_t back[DEGR_ITEMS];
    assert_true(degradation_from_digits(d, back));
    assert_memory_equal(back, lv, DEGR_ITEMS);
    assert_false(degradation_from_digits("00", back));
    assert_false(degradation_from_digits("000000000000500000000000000", back));
    /* a level out of range, an item missing, twice, unknown */
    spec(s, sizeof(s), 0, 4, 5);
    assert_int_equal(degradation_parse(s, lv, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "levels");
    assert_non_null(strstr(e.msg, "1.5"));
    assert_int_equal(degradation_parse("1.1=0", lv, &e), TCXD_EINVAL);
    assert_non_null(strstr(e.msg, "1.2"));
    spec(s, sizeof(s), 0, -1, 0);
    size_t used = strlen(s);
    snprintf(s + used, sizeof(s) - used, "; 1.1=2");
    assert_int_equal(degradation_parse(s, lv, &e), TCXD_EINVAL);
    assert_non_null(strstr(e.msg, "twice"));
    spec(s, sizeof(s), 0, -1, 0);
    s[0] = '4'; /* "4.1=0" */
    assert_int_equal(degradation_parse(s, lv, &e), TCXD_EINVAL);
}

static void test_tally(void **state)
{
    (void)state;
    struct degradation_tally t;
    memset(&t, 0, sizeof(t));
    uint8_t none[DEGR_ITEMS] = {0}, some[DEGR_ITEMS] = {0}, bad[DEGR_ITEMS] = {0};
    some[0] = 1;
    some[20] = 2; /* 3.3 at 2: overall 2 */
    bad[9] = 4;
    for (int i = 0; i < 3; i++)
        degradation_tally_add(&t, none, false);
    degradation_tally_add(&t, some, false);
    degradation_tally_add(&t, bad, true);
    assert_int_equal(t.members, 5);
    assert_int_equal(t.by_overall[DEGR_NONE], 3);
    assert_int_equal(t.by_overall[DEGR_MILD], 1);
    assert_int_equal(t.by_overall[DEGR_SEVERE], 1);
    assert_int_equal(t.by_item[0][DEGR_SLIGHT], 1);
    assert_int_equal(t.by_item[0][DEGR_NONE], 4);
    assert_int_equal(t.by_item[9][DEGR_SEVERE], 1);
    assert_int_equal(t.concluded, 1);
    struct buf b = BUF_INIT;
    degradation_sentence(&t, &b);
    assert_string_equal(b.ptr, "5 đảng viên tự đánh giá: 3 không có biểu hiện, 0 có biểu hiện "
                               "không đáng kể, 1 có biểu hiện ở mức nhẹ, 0 có biểu hiện ở mức "
                               "trung bình, 1 có biểu hiện ở mức nghiêm trọng; chi bộ kết luận 1 "
                               "đảng viên có biểu hiện suy thoái");
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_items),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_tally),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
