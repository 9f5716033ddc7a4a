/*
 * test_text.c - Vietnamese text module: cleaning, folding, collation, name sort keys.
 *
 * Expected values are written out by hand (UTF-8 bytes as escapes where the form matters) or
 * computed here by independent means: a hand-written table of Vietnamese letters for folding,
 * utf8proc_NFD for decomposed input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "text/text.h"

static struct text_collator *coll;

static int setup(void **state)
{
    coll = text_collator_new();
    return 0;
}

static int teardown(void **state)
{
    text_collator_free(coll);
    coll = NULL;
    return 0;
}

static char *fold(const char *s)
{
    static char res[4][512];
    static int k;
    struct buf b = BUF_INIT;
    text_fold(s, &b);
    k = (k + 1) % 4;
    snprintf(res[k], sizeof(res[k]), "%s", b.ptr);
    buf_release(&b);
    return res[k];
}

/* ------------------------------------------------------------------ fold */

static void test_fold_table(void **state)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"Nguyễn Văn Phong", "nguyen van phong"},
        {"NGUYỄN VĂN PHONG", "nguyen van phong"},
        {"nguyen van phong", "nguyen van phong"},
        /* NFD: e + U+0302 circumflex + U+0303 tilde */
        {"Nguye\xcc\x82\xcc\x83n Va\xcc\x86n Phong", "nguyen van phong"},
        {"Đặng Đức Đạt", "dang duc dat"},
        {"đặng đức đạt", "dang duc dat"},
        {"\xc3\x90\xe1\xbb\xa9\x63", "duc"}, /* Ð (U+00D0, eth) + ức */
        {"\xc3\xb0\xe1\xbb\xa9\x63", "duc"}, /* ð (U+00F0) */
        {"  Trần \t\n  Thị   Mai  ", "tran thi mai"},
        {"Trần\xc2\xa0Thị\xe3\x80\x80Mai", "tran thi mai"}, /* NBSP, ideographic space */
        {"\xef\xbc\xae\xef\xbc\xa7\xef\xbc\xb5\xef\xbc\xb9\xe1\xbb\x84\xef\xbc\xae", "nguyen"},
        {"\xef\xac\x81", "fi"},                      /* ﬁ ligature */
        {"\xe2\x91\xa0\xe2\x85\xab", "1xii"},        /* circled 1, roman numeral 12 */
        {"Ng\xe2\x80\x8buy\xc2\xad\x65n", "nguyen"}, /* zero-width space, soft hyphen */
        {"Ng\xffuy\xc3\x28\x65n", "nguy(en"},        /* invalid bytes skipped */
        {"Đạ M\xe2\x80\x99ri", "da m'ri"},           /* right single quote lumped */
        {"Ấp Bắc", "ap bac"},
        {"ƯỚC ƠN", "uoc on"},
        {"", ""},
        {"   ", ""},
        {"Москва", "москва"},
        {"\xc2\xab\xc4\x90\xe1\xba\xa3ng\xc2\xbb \xe2\x98\x85 30\xc2\xb0",
         "dang 30"}, /* «Đảng» ★ 30° */
        {"Ê-đê, K'Ho", "e-de, k'ho"},
        {"Bu\xc3\xb8i", "buoi"}, /* ø typed for ù (a real data row) */
        {"\xc3\x86\xc3\x98 \xc5\x93 \xc5\x81\xc3\x9e", "aeo oe lth"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = fold(cases[i].in);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("fold(\"%s\") = \"%s\", want \"%s\"", cases[i].in, got, cases[i].want);
    }
}

static void test_fold_old_new_tone_placement(void **state)
{
    /* The two spellings are different strings, even after NFC ... */
    static const char *pairs[][2] = {
        {"Ho\xc3\xa0", "H\xc3\xb2\x61"},             /* Hoà (à on a) vs Hòa (ò on o) */
        {"Thu\xe1\xbb\xb7", "Th\xe1\xbb\xa7y"},      /* Thuỷ vs Thủy */
        {"Kho\xe1\xba\xbb", "Kh\xe1\xbb\x8f\x65"},   /* Khoẻ vs Khỏe */
        {"Thanh Ho\xc3\xa1", "Thanh H\xc3\xb3\x61"}, /* Thanh Hoá vs Thanh Hóa */
    };
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        struct buf a = BUF_INIT, b = BUF_INIT;
        struct tcxd_error e;
        assert_int_equal(text_clean(pairs[i][0], strlen(pairs[i][0]), 0, false, "n", &a, &e), 0);
        assert_int_equal(text_clean(pairs[i][1], strlen(pairs[i][1]), 0, false, "n", &b, &e), 0);
        assert_string_not_equal(a.ptr, b.ptr);
        /* ... but fold alike, and compare equal at the primary level only. */
        assert_string_equal(fold(a.ptr), fold(b.ptr));
        assert_int_not_equal(text_collator_compare(coll, a.ptr, b.ptr), 0);
        buf_release(&a);
        buf_release(&b);
    }
    assert_string_equal(fold("Hoà"), "hoa");
    assert_string_equal(fold("Thủy"), "thuy");
}

static void test_fold_appends(void **state)
{
    struct buf b = BUF_INIT;
    buf_adds(&b, "x|");
    text_fold("  Lê  ", &b);
    text_fold("Văn", &b);
    assert_string_equal(b.ptr, "x|levan");
    assert_int_equal(b.len, strlen("x|levan"));
    buf_release(&b);
}

/* ----------------------------------------------------------------- clean */

struct clean_case {
    const char *in;
    size_t len; /* 0: strlen(in) */
    size_t max;
    int allow_empty;
    int want_err;     /* enum tcxd_err */
    const char *want; /* output when ok, message when not */
};

static void run_clean_cases(const struct clean_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct clean_case *c = &cases[i];
        struct buf out = BUF_INIT;
        struct tcxd_error e;
        tcxd_error_clear(&e);
        size_t len = c->len ? c->len : strlen(c->in);
        enum tcxd_err r = text_clean(c->in, len, c->max, c->allow_empty, "full_name", &out, &e);
        if ((int)r != c->want_err)
            fail_msg("case %zu: text_clean returned %d, want %d (%s)", i, r, c->want_err, e.msg);
        if (r == TCXD_OK) {
            if (strcmp(out.ptr, c->want) != 0)
                fail_msg("case %zu: got \"%s\", want \"%s\"", i, out.ptr, c->want);
            assert_int_equal(out.len, strlen(c->want));
        } else {
            if (strcmp(e.msg, c->want) != 0)
                fail_msg("case %zu: message \"%s\", want \"%s\"", i, e.msg, c->want);
            assert_string_equal(e.field, "full_name");
            assert_int_equal(out.len, 0);
        }
        buf_release(&out);
    }
}

static void test_clean_normalises(void **state)
{
    static const struct clean_case cases[] = {
        /* NFD in, NFC out: Nguyễn = N g u y U+1EC5 n */
        {"Nguye\xcc\x82\xcc\x83n", 0, 100, 0, TCXD_OK, "Nguy\xe1\xbb\x85n"},
        /* grave then circumflex (same combining class) stays à + U+0302; the reverse is ầ */
        {"Tra\xcc\x80\xcc\x82n", 0, 100, 0, TCXD_OK, "Tr\xc3\xa0\xcc\x82n"},
        {"Tra\xcc\x82\xcc\x80n", 0, 100, 0, TCXD_OK, "Tr\xe1\xba\xa7n"}, /* Trần */
        {"  Nguyễn   Văn\xc2\xa0\xc2\xa0 An  ", 0, 100, 0, TCXD_OK, "Nguyễn Văn An"},
        {"\xe3\x80\x80Lê\xe2\x80\x83Lợi\xe3\x80\x80", 0, 100, 0, TCXD_OK, "Lê Lợi"},
        {"\xc3\x90\xe1\xbb\xa9\x63", 0, 100, 0, TCXD_OK, "\xc3\x90\xe1\xbb\xa9\x63"}, /* Ð kept */
        {"ＮＧＵＹỄＮ", 0, 100, 0, TCXD_OK, "ＮＧＵＹỄＮ"}, /* NFC, not NFKC */
        {"", 0, 100, 1, TCXD_OK, ""},
        {"   ", 0, 100, 1, TCXD_OK, ""},
        {"", 0, 100, 0, TCXD_EINVAL, "field full_name is required"},
        {" \xc2\xa0 ", 0, 100, 0, TCXD_EINVAL, "field full_name is required"},
        {"\xf0\x9f\x99\x82", 0, 1, 0, TCXD_OK, "\xf0\x9f\x99\x82"}, /* U+1F642 */
        {"\xf4\x8f\xbf\xbf", 0, 1, 0, TCXD_OK, "\xf4\x8f\xbf\xbf"}, /* U+10FFFF */
        {"\xef\xbf\xbd", 0, 1, 0, TCXD_OK, "\xef\xbf\xbd"},         /* U+FFFD */
    };
    run_clean_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_clean_rejects_bad_utf8(void **state)
{
    static const struct clean_case cases[] = {
        {"ab\xc0\xaf", 0, 100, 0, TCXD_EINVAL, "invalid UTF-8 in field full_name at byte 2"},
        {"\xc1\xbf", 0, 100, 0, TCXD_EINVAL, "invalid UTF-8 in field full_name at byte 0"},
        {"Lê\xe0\x80\xaf", 0, 100, 0, TCXD_EINVAL, "invalid UTF-8 in field full_name at byte 3"},
        {"\xf0\x80\x80\xaf", 0, 100, 0, TCXD_EINVAL, "invalid UTF-8 in field full_name at byte 0"},
        {"a\x80", 0, 100, 0, TCXD_EINVAL, "invalid UTF-8 in field full_name at byte 1"},
        {"\xbf\x61", 0, 100, 0, TCXD_EINVAL, "invalid UTF-8 in field full_name at byte 0"},
        {"Nguy\xe1\xbb", 0, 100, 0, TCXD_EINVAL, "invalid UTF-8 in field full_name at byte 4"},
        {"Nguy\xe1\xbbn", 0, 100, 0, TCXD_EINVAL, "invalid UTF-8 in field full_name at byte 4"},
        {"\xf0\x9f\x99", 0, 100, 0, TCXD_EINVAL, "invalid UTF-8 in field full_name at byte 0"},
        {"x\xed\xa0\x80", 0, 100, 0, TCXD_EINVAL, "invalid UTF-8 in field full_name at byte 1"},
        {"x\xed\xbf\xbf", 0, 100, 0, TCXD_EINVAL, "invalid UTF-8 in field full_name at byte 1"},
        {"\xed\xa0\xbd\xed\xb8\x82", 0, 100, 0, TCXD_EINVAL,
         "invalid UTF-8 in field full_name at byte 0"}, /* CESU-8 surrogate pair */
        {"\xf4\x90\x80\x80", 0, 100, 0, TCXD_EINVAL, "invalid UTF-8 in field full_name at byte 0"},
        {"\xf5\x80\x80\x80", 0, 100, 0, TCXD_EINVAL, "invalid UTF-8 in field full_name at byte 0"},
        {"ab\xfe", 0, 100, 0, TCXD_EINVAL, "invalid UTF-8 in field full_name at byte 2"},
        {"ab\xff", 0, 100, 0, TCXD_EINVAL, "invalid UTF-8 in field full_name at byte 2"},
        /* Latin-1 "Lê" from a legacy export */
        {"L\xea", 0, 100, 0, TCXD_EINVAL, "invalid UTF-8 in field full_name at byte 1"},
    };
    run_clean_cases(cases, sizeof(cases) / sizeof(cases[0]));

    /* The same inputs through the plain validators. */
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t len = strlen(cases[i].in);
        assert_false(text_utf8_valid(cases[i].in, len));
        size_t at = text_utf8_invalid_at(cases[i].in, len);
        char want[80];
        snprintf(want, sizeof(want), "invalid UTF-8 in field full_name at byte %zu", at);
        assert_string_equal(want, cases[i].want);
    }
}

static void test_clean_rejects_controls(void **state)
{
    static const struct clean_case cases[] = {
        {"Nguyễn\tAn", 0, 100, 0, TCXD_EINVAL,
         "field full_name contains a control character (U+0009 at byte 8)"},
        {"An\n", 0, 100, 0, TCXD_EINVAL,
         "field full_name contains a control character (U+000A at byte 2)"},
        {"An\r\n", 0, 100, 0, TCXD_EINVAL,
         "field full_name contains a control character (U+000D at byte 2)"},
        {"\x01", 0, 100, 0, TCXD_EINVAL,
         "field full_name contains a control character (U+0001 at byte 0)"},
        {"a\x7f", 0, 100, 0, TCXD_EINVAL,
         "field full_name contains a control character (U+007F at byte 1)"},
        {"a\xc2\x85", 0, 100, 0, TCXD_EINVAL,
         "field full_name contains a control character (U+0085 at byte 1)"},
        {"a\xe2\x80\xa8"
         "b",
         0, 100, 0, TCXD_EINVAL, "field full_name contains a control character (U+2028 at byte 1)"},
        {"ab\0cd", 5, 100, 0, TCXD_EINVAL,
         "field full_name contains a control character (U+0000 at byte 2)"},
    };
    run_clean_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_clean_length(void **state)
{
    static const struct clean_case cases[] = {
        /* Nguyễn: 6 code points, 8 bytes */
        {"Nguyễn", 0, 6, 0, TCXD_OK, "Nguyễn"},
        {"Nguyễn", 0, 5, 0, TCXD_ETOOBIG, "field full_name is too long (6 characters, at most 5)"},
        /* NFD: 8 code points in, 6 after NFC: counted after */
        {"Nguye\xcc\x82\xcc\x83n", 0, 6, 0, TCXD_OK, "Nguyễn"},
        /* spaces collapse before counting */
        {"  Lê    Lợi  ", 0, 6, 0, TCXD_OK, "Lê Lợi"},
        {"  Lê    Lợi  ", 0, 5, 0, TCXD_ETOOBIG,
         "field full_name is too long (6 characters, at most 5)"},
        {"ĐĐĐĐĐĐĐĐĐĐ", 0, 0, 0, TCXD_OK, "ĐĐĐĐĐĐĐĐĐĐ"}, /* 0: no limit */
    };
    run_clean_cases(cases, sizeof(cases) / sizeof(cases[0]));

    /* A 300-character name against a limit of 200. */
    struct buf in = BUF_INIT, out = BUF_INIT;
    for (int i = 0; i < 100; i++)
        buf_adds(&in, "Đỗ ");
    struct tcxd_error e;
    assert_int_equal(text_clean(in.ptr, in.len, 200, false, "full_name", &out, &e), TCXD_ETOOBIG);
    assert_string_equal(e.msg, "field full_name is too long (299 characters, at most 200)");
    assert_int_equal(text_clean(in.ptr, in.len, 299, false, "full_name", &out, &e), TCXD_OK);
    assert_int_equal(text_utf8_len(out.ptr, out.len), 299);
    assert_int_equal(out.len, 100 * strlen("Đỗ ") - 1);
    /* A megabyte of Vietnamese text is refused without being normalised. */
    buf_reset(&in);
    while (in.len < (1u << 20))
        buf_adds(&in, "Nguye\xcc\x82\xcc\x83n ");
    size_t words = in.len / strlen("Nguye\xcc\x82\xcc\x83n ");
    assert_int_equal(text_clean(in.ptr, in.len, 200, false, "full_name", &out, &e), TCXD_ETOOBIG);
    char want[128];
    snprintf(want, sizeof(want), "field full_name is too long (%zu characters, at most 200)",
             words * 8);
    assert_string_equal(e.msg, want);
    assert_int_equal(out.len, 0);
    /* Just under four times the limit: normalised, then counted exactly (6 per word). */
    buf_reset(&in);
    for (int i = 0; i < 100; i++)
        buf_adds(&in, "Nguye\xcc\x82\xcc\x83n ");
    assert_int_equal(text_clean(in.ptr, in.len, 200, false, "full_name", &out, &e), TCXD_ETOOBIG);
    assert_string_equal(e.msg, "field full_name is too long (699 characters, at most 200)");
    buf_release(&in);
    buf_release(&out);
}

static void test_utf8_helpers(void **state)
{
    assert_int_equal(text_utf8_len("", 0), 0);
    assert_int_equal(text_utf8_len("abc", 3), 3);
    assert_int_equal(text_utf8_len("Nguyễn", strlen("Nguyễn")), 6);
    assert_int_equal(text_utf8_len("\xf0\x9f\x99\x82x", 5), 2);
    assert_true(text_utf8_valid("", 0));
    assert_true(text_utf8_valid("Đảng Cộng sản Việt Nam", strlen("Đảng Cộng sản Việt Nam")));
    assert_true(text_utf8_valid("\xee\x80\x80\xef\xbf\xbf", 6));               /* U+E000, U+FFFF */
    assert_int_equal(text_utf8_invalid_at("Đảng\xff", strlen("Đảng\xff")), 7); /* 2+3+1+1 */
    assert_int_equal(text_utf8_invalid_at("ok", 2), 2);
}

/* ------------------------------------------------------------- collation */

static int key_cmp(const struct buf *a, const struct buf *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int r = memcmp(a->ptr, b->ptr, n);
    if (r)
        return r < 0 ? -1 : 1;
    return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

/* Asserts that list is strictly increasing by compare and by sort key. */
static void assert_ascending(const char *const *list, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        struct buf ka = BUF_INIT, kb = BUF_INIT;
        text_collator_sort_key(coll, list[i], &ka);
        text_collator_sort_key(coll, list[i + 1], &kb);
        if (text_collator_compare(coll, list[i], list[i + 1]) >= 0)
            fail_msg("compare: \"%s\" should sort before \"%s\"", list[i], list[i + 1]);
        if (text_collator_compare(coll, list[i + 1], list[i]) <= 0)
            fail_msg("compare: \"%s\" should sort after \"%s\"", list[i + 1], list[i]);
        if (key_cmp(&ka, &kb) >= 0)
            fail_msg("sort key: \"%s\" should sort before \"%s\"", list[i], list[i + 1]);
        assert_int_equal(strlen(ka.ptr), ka.len); /* no NUL inside a key */
        buf_release(&ka);
        buf_release(&kb);
    }
}

static void test_collation_alphabet(void **state)
{
    /* The Vietnamese alphabet (29 letters), then ê, ô, ơ, ư after their bases. */
    static const char *const letters[] = {
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m",
        "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y",
    };
    assert_ascending(letters, sizeof(letters) / sizeof(letters[0]));

    /* Tones: ngang, huyền, hỏi, ngã, sắc, nặng (dictionary order). */
    static const char *const tones[] = {"ma", "mà", "mả", "mã", "má", "mạ"};
    assert_ascending(tones, sizeof(tones) / sizeof(tones[0]));

    /* đ is a letter after d, not an accented d: every D... before any Đ... */
    static const char *const words[] = {
        "Dung", "Dũng", "Duy", "Dương", "Đào", "Đặng", "Đinh", "Đỗ", "Đức", "Em", "Ê-đê",
    };
    assert_ascending(words, sizeof(words) / sizeof(words[0]));

    /* ă and â are letters: Anh < Ăn < Ân. */
    static const char *const more[] = {"An", "Anh", "Ăn", "Ân", "Bình", "Cường"};
    assert_ascending(more, sizeof(more) / sizeof(more[0]));

    assert_int_equal(text_collator_compare(coll, "Nguyễn", "Nguyễn"), 0);
    assert_int_equal(text_collator_compare(coll, "Nguye\xcc\x82\xcc\x83n", "Nguyễn"), 0);
}

/* ----------------------------------------------------------------- names */

static void slice_eq(struct slice s, const char *want)
{
    char got[256];
    snprintf(got, sizeof(got), "%.*s", (int)s.len, s.ptr);
    assert_string_equal(got, want);
}

static void test_name_split(void **state)
{
    static const struct {
        const char *in, *family, *middle, *given;
    } cases[] = {
        {"Nguyễn Thị Minh Khai", "Nguyễn", "Thị Minh", "Khai"},
        {"Hồ Chí Minh", "Hồ", "Chí", "Minh"},
        {"Lê Lợi", "Lê", "", "Lợi"},
        {"Thu", "", "", "Thu"},
        {"", "", "", ""},
        {"   ", "", "", ""},
        {"  Trần   Văn   An  ", "Trần", "Văn", "An"},
        {"Tôn Nữ Thị Ngọc Hà", "Tôn", "Nữ Thị Ngọc", "Hà"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct name_parts np;
        text_name_split(cases[i].in, &np);
        slice_eq(np.family, cases[i].family);
        slice_eq(np.middle, cases[i].middle);
        slice_eq(np.given, cases[i].given);
    }
}

struct keyed {
    const char *name;
    struct buf key;
};

static int keyed_cmp(const void *a, const void *b)
{
    return key_cmp(&((const struct keyed *)a)->key, &((const struct keyed *)b)->key);
}

static void test_name_sort_key(void **state)
{
    /* A roll in Vietnamese order: given name, then family name, then middle name. */
    static const char *const roll[] = {
        "Nguyễn Văn An",
        "Trần Văn An",
        "Anh", /* one word: given only; no family sorts first */
        "Lê Thị Anh",
        "Lê Văn Anh",     /* middle decides: Thị < Văn */
        "Phạm Anh",       /* family decides before middle: Lê < Phạm */
        "Nguyễn Văn Ánh", /* Ánh is another given name: after every Anh */
        "Đỗ Thị Ăn",
        "Vũ Ân",
        "Dương Văn Bình",
        "Đặng Văn Bình", /* D < Đ */
        "Lê Thị Hoa",
        "Nguyễn Thị Hoà", /* Hoà and Hòa are one name: the family decides */
        "Trần Thị Hòa",
        "Vũ Thị Hoà",
        "Lê Hóa",        /* sắc after huyền, whatever the family */
        "Trần Thị Thuỳ", /* huyền before hỏi */
        "Nguyễn Thị Thuỷ",
        "Phan Thị Thủy",
        "Ông Thị Thuý",
    };
    size_t n = sizeof(roll) / sizeof(roll[0]);
    struct keyed *k = calloc(n, sizeof(*k));
    assert_non_null(k);
    /* Shuffle deterministically, sort by key, expect the roll back. */
    for (size_t i = 0; i < n; i++) {
        k[i].name = roll[(i * 7 + 3) % n];
        buf_init(&k[i].key, 0);
        text_name_sort_key(coll, k[i].name, &k[i].key);
    }
    qsort(k, n, sizeof(*k), keyed_cmp);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(k[i].name, roll[i]) != 0)
            fail_msg("position %zu: \"%s\", want \"%s\"", i, k[i].name, roll[i]);
        buf_release(&k[i].key);
    }
    free(k);

    /* "An" before "Anh" whatever the family names: An's family Ý would sort last. */
    struct buf a = BUF_INIT, b = BUF_INIT;
    text_name_sort_key(coll, "Ý Văn An", &a);
    text_name_sort_key(coll, "An Văn Anh", &b);
    assert_true(key_cmp(&a, &b) < 0);
    /* Old and new tone placement give the same key, also in NFD. */
    static const char *const same[][2] = {
        {"Lê Thị Hoà", "Lê Thị Hòa"},
        {"Khoa Thuỷ", "Khoa Thủy"},
        {"Phạm Khoẻ", "Pha\xcc\xa3m Kho\xcc\x89\x65"}, /* NFD Khỏe */
        {"Nguyễn Văn Phong", "  Nguyễn  Văn  Phong "},
    };
    for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
        buf_reset(&a);
        buf_reset(&b);
        text_name_sort_key(coll, same[i][0], &a);
        text_name_sort_key(coll, same[i][1], &b);
        if (key_cmp(&a, &b) != 0)
            fail_msg("\"%s\" and \"%s\" should have equal keys", same[i][0], same[i][1]);
    }
    /* Appends after existing content. */
    buf_reset(&a);
    buf_reset(&b);
    buf_adds(&b, "p");
    text_name_sort_key(coll, "Nguyễn Văn Phong", &a);
    text_name_sort_key(coll, "Nguyễn Văn Phong", &b);
    assert_int_equal(b.len, a.len + 1);
    assert_memory_equal(a.ptr, b.ptr + 1, a.len);
    buf_release(&a);
    buf_release(&b);
}

/* ------------------------------------------------------------- real data */

/* Vietnamese letters by base letter: an oracle for folding written out independently. */
static const char *const viet_letters[] = {
    "aàảãáạăằẳẵắặâầẩẫấậAÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬ",
    "eèẻẽéẹêềểễếệEÈẺẼÉẸÊỀỂỄẾỆ",
    "iìỉĩíịIÌỈĨÍỊ",
    "oòỏõóọôồổỗốộơờởỡớợOÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢ",
    "uùủũúụưừửữứựUÙỦŨÚỤƯỪỬỮỨỰ",
    "yỳỷỹýỵYỲỶỸÝỴ",
    "dđDĐ",
};

/* Folds a name with the table above; false when it has a code point the table lacks. */
static bool oracle_fold(const char *s, char *out, size_t cap)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t n = 0;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate(p, -1, &cp);
        if (l <= 0 || n + 1 >= cap)
            return false;
        p += l;
        char base = 0;
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
            base = (char)(cp | 0x20);
        } else {
            for (size_t t = 0; t < sizeof(viet_letters) / sizeof(viet_letters[0]) && !base; t++) {
                const utf8proc_uint8_t *q = (const utf8proc_uint8_t *)viet_letters[t];
                while (*q) {
                    utf8proc_int32_t c2;
                    q += utf8proc_iterate(q, -1, &c2);
                    if (c2 == cp) {
                        base = viet_letters[t][0];
                        break;
                    }
                }
            }
        }
        if (!base)
            return false;
        out[n++] = base;
    }
    out[n] = '\0';
    return true;
}

/* U+00AD (C2 AD) or a bidi / zero-width character (E2 80 8B..8F, E2 80 AA..AE, E2 81 A6..A9) */
static bool has_format_char(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    for (; *u; u++) {
        if (u[0] == 0xC2 && u[1] == 0xAD)
            return true;
        if (u[0] == 0xE2 && u[1] == 0x80 && u[2] &&
            ((u[2] >= 0x8B && u[2] <= 0x8F) || (u[2] >= 0xAA && u[2] <= 0xAE)))
            return true;
        if (u[0] == 0xE2 && u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9)
            return true;
    }
    return false;
}

static bool has_c1_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            return true;
    return false;
}

/* Checks every name in the first column of data/names/<file>; returns how many. */
static size_t check_name_file(const char *file)
{
    const char *root = getenv("TCXD_SRCDIR");
    if (!root)
        fail_msg("TCXD_SRCDIR is not set (tests/meson.build sets it)");
    char path[1024];
    snprintf(path, sizeof(path), "%s/data/names/%s", root, file);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s", path);

    char line[1024];
    size_t rows = 0, oracle_checked = 0, rejected = 0;
    struct buf key = BUF_INIT, clean = BUF_INIT;
    assert_non_null(fgets(line, sizeof(line), f)); /* header */
    while (fgets(line, sizeof(line), f)) {
        char *comma = strchr(line, ',');
        assert_non_null(comma);
        *comma = '\0';
        const char *name = line;
        rows++;

        /* Folded key: lowercase ASCII, never empty, no surrounding space. */
        buf_reset(&key);
        text_fold(name, &key);
        assert_true(key.len > 0);
        for (size_t i = 0; i < key.len; i++) {
            unsigned char ch = (unsigned char)key.ptr[i];
            if (ch >= 0x80 || ch < 0x20 || (ch >= 'A' && ch <= 'Z'))
                fail_msg("%s: fold(\"%s\") = \"%s\" is not lowercase ASCII", file, name, key.ptr);
        }
        assert_true(key.ptr[0] != ' ' && key.ptr[key.len - 1] != ' ');

        /* Names made only of Vietnamese letters fold exactly as the table says. */
        char want[256];
        if (oracle_fold(name, want, sizeof(want))) {
            oracle_checked++;
            if (strcmp(key.ptr, want) != 0)
                fail_msg("%s: fold(\"%s\") = \"%s\", want \"%s\"", file, name, key.ptr, want);
        }

        /* NFC round-trip: the data is NFC; its NFD form cleans back to it. The few mojibake
         * rows carrying C1 control characters (UTF-8 read as a legacy code page) are refused. */
        struct tcxd_error e;
        enum tcxd_err r = text_clean(name, strlen(name), 200, false, "name", &clean, &e);
        if (has_c1_control(name)) {
            assert_int_equal(r, TCXD_EINVAL);
            assert_non_null(strstr(e.msg, "control character"));
            rejected++;
            continue;
        }
        if (has_format_char(name)) { /* a soft hyphen (U+00AD) left in a mojibake row */
            assert_int_equal(r, TCXD_EINVAL);
            assert_non_null(strstr(e.msg, "invisible format character"));
            continue; /* one row in the given names (Háş\u00adu) */
        }
        if (r != TCXD_OK)
            fail_msg("%s: text_clean(\"%s\"): %s", file, name, e.msg);
        assert_string_equal(clean.ptr, name);
        utf8proc_uint8_t *nfd = utf8proc_NFD((const utf8proc_uint8_t *)name);
        assert_non_null(nfd);
        r = text_clean((const char *)nfd, strlen((const char *)nfd), 200, false, "name", &clean,
                       &e);
        assert_int_equal(r, TCXD_OK);
        assert_string_equal(clean.ptr, name);
        buf_reset(&key);
        text_fold((const char *)nfd, &key);
        buf_reset(&clean);
        text_fold(name, &clean);
        assert_string_equal(key.ptr, clean.ptr);
        free(nfd);
    }
    fclose(f);
    buf_release(&key);
    buf_release(&clean);
    /* Most rows are plain Vietnamese letters; the rest are legacy-encoding mojibake (VNI read
     * as Latin-1: "Ñoã" for Đỗ, "Döông" for Dương) and stray punctuation ("Y-", "Thanh."). */
    assert_true(oracle_checked * 100 >= rows * 90);
    assert_true(rejected * 100 <= rows);
    return rows;
}

static void test_real_names(void **state)
{
    assert_int_equal(check_name_file("names_surname_counts.csv"), 209);
    assert_int_equal(check_name_file("names_given_name_counts.csv"), 782);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_table),
        cmocka_unit_test(test_fold_old_new_tone_placement),
        cmocka_unit_test(test_fold_appends),
        cmocka_unit_test(test_clean_normalises),
        cmocka_unit_test(test_clean_rejects_bad_utf8),
        cmocka_unit_test(test_clean_rejects_controls),
        cmocka_unit_test(test_clean_length),
        cmocka_unit_test(test_utf8_helpers),
        cmocka_unit_test(test_collation_alphabet),
        cmocka_unit_test(test_name_split),
        cmocka_unit_test(test_name_sort_key),
        cmocka_unit_test(test_real_names),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
