/*
 * test_hashmap.c - src/util/hashmap and arena: every key put is found with its last value, keys
 * never put are not, across growth; key 0 of a u64map is a key like any other; arena pieces
 * stay where they were while more are allocated.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "util/arena.h"
#include "util/hashmap.h"

static void test_strmap(void **state)
{
    struct strmap m = {0};
    assert_null(strmap_find(&m, "x"));
    char k[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(k, sizeof(k), "CB%04d", i);
        strmap_put(&m, k, i);
    }
    for (int i = 0; i < 5000; i += 2) { /* replaced, not added */
        snprintf(k, sizeof(k), "CB%04d", i);
        strmap_put(&m, k, -i);
    }
    assert_int_equal(m.n, 5000);
    for (int i = 0; i < 5000; i++) {
        snprintf(k, sizeof(k), "CB%04d", i);
        int64_t *v = strmap_find(&m, k);
        assert_non_null(v);
        assert_int_equal(*v, i % 2 ? i : -i);
    }
    assert_null(strmap_find(&m, "CB5000"));
    assert_null(strmap_find(&m, ""));
    strmap_put(&m, "", 7);
    assert_int_equal(*strmap_find(&m, ""), 7);
    strmap_release(&m);
    assert_null(strmap_find(&m, "CB0001"));
}

static void test_u64map(void **state)
{
    struct u64map m = {0};
    assert_null(u64map_find(&m, 0));
    u64map_put(&m, 0, 42);
    for (uint64_t k = 1; k < 20000; k++)
        u64map_put(&m, k * 1000003ULL, (int64_t)k);
    assert_int_equal(m.n, 20000);
    assert_int_equal(*u64map_find(&m, 0), 42);
    for (uint64_t k = 1; k < 20000; k++) {
        int64_t *v = u64map_find(&m, k * 1000003ULL);
        assert_non_null(v);
        assert_int_equal(*v, (int64_t)k);
    }
    assert_null(u64map_find(&m, 1));
    u64map_put(&m, 0, -1);
    assert_int_equal(*u64map_find(&m, 0), -1);
    assert_int_equal(m.n, 20000);
    u64map_release(&m);
}

static void test_arena(void **state)
{
    struct arena a = ARENA_INIT;
    const char *first = arena_copy(&a, "Nguyễn", strlen("Nguyễn"));
    const char *ptrs[3000];
    for (int i = 0; i < 3000; i++) {
        char s[64];
        snprintf(s, sizeof(s), "piece %d", i);
        ptrs[i] = arena_copy(&a, s, strlen(s));
        assert_int_equal((uintptr_t)ptrs[i] % 8, 0);
    }
    char *big = arena_alloc(&a, 3u << 20); /* bigger than a block */
    memset(big, 'x', 3u << 20);
    assert_string_equal(first, "Nguyễn");
    for (int i = 0; i < 3000; i++) {
        char s[64];
        snprintf(s, sizeof(s), "piece %d", i);
        assert_string_equal(ptrs[i], s);
    }
    arena_release(&a);
    assert_null(a.head);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strmap),
        cmocka_unit_test(test_u64map),
        cmocka_unit_test(test_arena),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
