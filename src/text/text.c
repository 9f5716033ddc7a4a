/*
 * text.c - Vietnamese text: validation, NFC, search folding, collation, name sort keys.
 *
 * UTF-8 is decoded here (strict, RFC 3629: no overlongs, no surrogates, nothing past
 * U+10FFFF) so errors can name a byte offset. utf8proc does normalisation and folding;
 * ICU does collation. text_fold allocates nothing but the growth of its output buffer;
 * text_clean keeps one thread-local UTF-32 scratch buffer for NFC.
 */
#include "text/text.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucol.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>
#include <utf8proc.h>

#include "util/xmalloc.h"
#include "util/banned.h"

/* ---------------------------------------------------------------- UTF-8 */

/*
 * Decodes one code point at s[i..len). Returns its length in bytes (1..4) and stores the code
 * point in *cp, or returns 0 when the sequence there is not valid UTF-8.
 */
static size_t utf8_decode(const unsigned char *s, size_t len, size_t i, int32_t *cp)
{
    unsigned c = s[i];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    size_t left = len - i;
    if (c >= 0xC2 && c <= 0xDF) {
        if (left < 2 || (s[i + 1] & 0xC0) != 0x80)
            return 0;
        *cp = (int32_t)(((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu));
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xE0)
            lo = 0xA0; /* overlong below U+0800 */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates U+D800..U+DFFF */
        if (left < 3 || s[i + 1] < lo || s[i + 1] > hi || (s[i + 2] & 0xC0) != 0x80)
            return 0;
        *cp = (int32_t)(((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu));
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xF0)
            lo = 0x90; /* overlong below U+10000 */
        else if (c == 0xF4)
            hi = 0x8F; /* past U+10FFFF */
        if (left < 4 || s[i + 1] < lo || s[i + 1] > hi || (s[i + 2] & 0xC0) != 0x80 ||
            (s[i + 3] & 0xC0) != 0x80)
            return 0;
        *cp = (int32_t)(((c & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) |
                        ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3Fu));
        return 4;
    }
    return 0; /* continuation byte, C0/C1 overlong lead, or F5..FF */
}

/* Appends the UTF-8 encoding of a valid code point to p; returns the byte count. */
static size_t utf8_encode(int32_t cp, char *p)
{
    uint32_t u = (uint32_t)cp;
    if (u < 0x80) {
        p[0] = (char)u;
        return 1;
    }
    if (u < 0x800) {
        p[0] = (char)(0xC0 | (u >> 6));
        p[1] = (char)(0x80 | (u & 0x3F));
        return 2;
    }
    if (u < 0x10000) {
        p[0] = (char)(0xE0 | (u >> 12));
        p[1] = (char)(0x80 | ((u >> 6) & 0x3F));
        p[2] = (char)(0x80 | (u & 0x3F));
        return 3;
    }
    p[0] = (char)(0xF0 | (u >> 18));
    p[1] = (char)(0x80 | ((u >> 12) & 0x3F));
    p[2] = (char)(0x80 | ((u >> 6) & 0x3F));
    p[3] = (char)(0x80 | (u & 0x3F));
    return 4;
}

size_t text_utf8_invalid_at(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    int32_t cp;
    while (i < len) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = utf8_decode(u, len, i, &cp);
        if (!n)
            return i;
        i += n;
    }
    return len;
}

bool text_utf8_valid(const char *s, size_t len)
{
    return text_utf8_invalid_at(s, len) == len;
}

size_t text_utf8_len(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* ---------------------------------------------------------------- clean */

/* Control characters text_clean refuses: C0, DEL, C1, and the line/paragraph separators. */
static bool is_control(int32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

/* Space separators (category Zs: U+0020, U+00A0, U+3000 ...); text_clean makes them U+0020. */
static bool is_space_sep(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

static _Thread_local int32_t *clean_scratch;
static _Thread_local size_t clean_scratch_cap;

static const char *field_name(const char *field)
{
    return field ? field : "value";
}

enum tcxd_err text_clean(const char *in, size_t len, size_t max_chars, bool allow_empty,
                         const char *field, struct buf *out, struct tcxd_error *e)
{
    const unsigned char *u = (const unsigned char *)in;
    bool ascii = true;
    size_t nonspace = 0; /* code points other than space separators, before NFC */

    buf_reset(out);
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t n = utf8_decode(u, len, i, &cp);
        if (!n)
            return tcxd_fail(e, TCXD_EINVAL, field, "invalid UTF-8 in field %s at byte %zu",
                             field_name(field), i);
        if (is_control(cp))
            return tcxd_fail(e, TCXD_EINVAL, field,
                             "field %s contains a control character (U+%04X at byte %zu)",
                             field_name(field), (unsigned)cp, i);
        /* bidi controls (U+202E ...), zero-width and other invisible format characters
           (category Cf) make a text show other than it is: refused */
        if (cp >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_CF)
            return tcxd_fail(e, TCXD_EINVAL, field,
                             "field %s contains an invisible format character (U+%04X at byte "
                             "%zu)",
                             field_name(field), (unsigned)cp, i);
        ascii &= n == 1;
        nonspace += !is_space_sep(cp);
        i += n;
    }
    /*
     * NFC output holds at least a quarter as many code points (no canonical decomposition is
     * longer than 4), so a value this long is refused before any normalisation work.
     */
    if (max_chars && max_chars <= SIZE_MAX / 4 && nonspace > 4 * max_chars)
        return tcxd_fail(e, TCXD_ETOOBIG, field,
                         "field %s is too long (%zu characters, at most %zu)", field_name(field),
                         nonspace, max_chars);

    const int32_t *cps = NULL;
    size_t ncp = len;
    if (!ascii) {
        utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
        utf8proc_ssize_t r;
        for (;;) {
            r = utf8proc_decompose(u, (utf8proc_ssize_t)len, clean_scratch,
                                   (utf8proc_ssize_t)clean_scratch_cap, opt);
            if (r < 0)
                BUG("utf8proc_decompose: %s", utf8proc_errmsg(r));
            if ((size_t)r <= clean_scratch_cap)
                break;
            ALLOC_GROW(clean_scratch, (size_t)r, clean_scratch_cap);
        }
        r = utf8proc_normalize_utf32(clean_scratch, r, opt);
        if (r < 0)
            BUG("utf8proc_normalize_utf32: %s", utf8proc_errmsg(r));
        cps = clean_scratch;
        ncp = (size_t)r;
    }

    /* Trim, collapse space runs to one U+0020, count code points. */
    buf_grow(out, len);
    size_t chars = 0;
    bool pending_space = false;
    for (size_t k = 0; k < ncp; k++) {
        int32_t cp = cps ? cps[k] : (int32_t)u[k];
        if (is_space_sep(cp)) {
            pending_space = chars > 0;
            continue;
        }
        char enc[5];
        size_t n = utf8_encode(cp, enc);
        if (pending_space) {
            buf_addch(out, ' ');
            chars++;
            pending_space = false;
        }
        buf_add(out, enc, n);
        chars++;
    }

    if (max_chars && chars > max_chars) {
        buf_reset(out);
        return tcxd_fail(e, TCXD_ETOOBIG, field,
                         "field %s is too long (%zu characters, at most %zu)", field_name(field),
                         chars, max_chars);
    }
    if (!chars && !allow_empty)
        return tcxd_fail(e, TCXD_EINVAL, field, "field %s is required", field_name(field));
    return TCXD_OK;
}

/* ---------------------------------------------------------------- fold */

/* utf8proc options for one folded code point: compatibility decomposition (NFKD), case
 * folding, marks stripped, default ignorables dropped, punctuation and spaces lumped. */
#define FOLD_OPTIONS                                                                               \
    (UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |               \
     UTF8PROC_IGNORE | UTF8PROC_LUMP)

struct fold_state {
    struct buf *out;
    size_t start;       /* out->len when the call began */
    bool pending_space; /* a separator was seen after output */
};

static void fold_emit(struct fold_state *st, int32_t cp)
{
    struct buf *out = st->out;
    if (cp < 0x80) {
        if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp < 0x20 || cp == 0x7F) {
            st->pending_space = out->len > st->start;
            return;
        }
        if (cp >= 'A' && cp <= 'Z')
            cp += 'a' - 'A';
    } else {
        /* Non-ASCII separators, controls, punctuation and symbols left after NFKD and lumping
         * (°, «, ★ ...) separate words; letters and digits of any script stay. */
        utf8proc_category_t cat = utf8proc_category(cp);
        if ((cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_CC)) {
            st->pending_space = out->len > st->start;
            return;
        }
    }
    if (out->cap - out->len < 6)
        buf_grow(out, 16);
    if (st->pending_space) {
        out->ptr[out->len++] = ' ';
        st->pending_space = false;
    }
    out->len += utf8_encode(cp, out->ptr + out->len);
    out->ptr[out->len] = '\0';
}

/*
 * Latin letters that have no decomposition but a plain ASCII reading, for search: đ and Đ
 * (Vietnamese), Ð and ð (eth, a common stand-in for Đ), ø (typed for ù/ô), and a few others.
 */
static const struct {
    int32_t cp;
    const char *ascii;
} fold_latin_table[] = {
    {0x00C6, "ae"}, {0x00D0, "d"},  {0x00D8, "o"}, {0x00DE, "th"}, {0x00E6, "ae"}, {0x00F0, "d"},
    {0x00F8, "o"},  {0x00FE, "th"}, {0x0110, "d"}, {0x0111, "d"},  {0x0126, "h"},  {0x0127, "h"},
    {0x0131, "i"},  {0x0141, "l"},  {0x0142, "l"}, {0x0152, "oe"}, {0x0153, "oe"}, {0x0166, "t"},
    {0x0167, "t"},  {0x0180, "b"},  {0x0197, "i"}, {0x0243, "b"},  {0x0268, "i"},
};

static const char *fold_latin_extra(int32_t cp)
{
    if (cp < 0x00C6 || cp > 0x0268)
        return NULL;
    for (size_t i = 0; i < ARRAY_SIZE(fold_latin_table); i++)
        if (fold_latin_table[i].cp == cp)
            return fold_latin_table[i].ascii;
    return NULL;
}

/* Folds one non-ASCII code point. */
static void fold_cp(struct fold_state *st, int32_t cp)
{
    const char *plain = fold_latin_extra(cp);
    if (plain) {
        for (; *plain; plain++)
            fold_emit(st, *plain);
        return;
    }
    int32_t tmp[32];
    int bound = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, tmp, 32, FOLD_OPTIONS, &bound);
    if (n < 0 || n > 32) {
        /* No code point decomposes into more than 18; keep it as it is if one ever does. */
        fold_emit(st, cp);
        return;
    }
    for (utf8proc_ssize_t k = 0; k < n; k++) {
        plain = tmp[k] >= 0x80 ? fold_latin_extra(tmp[k]) : NULL;
        if (!plain) {
            fold_emit(st, tmp[k]);
            continue;
        }
        for (; *plain; plain++)
            fold_emit(st, *plain);
    }
}

void text_fold(const char *s, struct buf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s);
    struct fold_state st = {out, out->len, false};

    buf_grow(out, len + 8);
    for (size_t i = 0; i < len;) {
        if (u[i] < 0x80) {
            fold_emit(&st, u[i]);
            i++;
            continue;
        }
        int32_t cp;
        size_t n = utf8_decode(u, len, i, &cp);
        if (!n) {
            i++; /* skip the invalid byte */
            continue;
        }
        fold_cp(&st, cp);
        i += n;
    }
}

/* ---------------------------------------------------------------- collation */

struct text_collator {
    UCollator *coll;
    UChar *u16; /* scratch: UTF-16 of the string being keyed */
    size_t u16_cap;
    uint8_t *key; /* scratch: sort key */
    size_t key_cap;
    int32_t *cps; /* scratch: NFD code points of a name part */
    size_t cps_cap;
};

struct text_collator *text_collator_new(void)
{
    UErrorCode status = U_ZERO_ERROR;
    UCollator *coll = ucol_open("vi", &status);
    if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING) {
        fprintf(stderr, "tcxd: ICU has no Vietnamese collation (%s)\n", u_errorName(status));
        abort();
    }
    struct text_collator *c = xcalloc(1, sizeof(*c));
    c->coll = coll;
    return c;
}

void text_collator_free(struct text_collator *c)
{
    if (!c)
        return;
    ucol_close(c->coll);
    free(c->u16);
    free(c->key);
    free(c->cps);
    free(c);
}

int text_collator_compare(struct text_collator *c, const char *a, const char *b)
{
    UErrorCode status = U_ZERO_ERROR;
    UCollationResult r = ucol_strcollUTF8(c->coll, a, -1, b, -1, &status);
    if (U_FAILURE(status))
        BUG("ucol_strcollUTF8: %s", u_errorName(status));
    return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

/*
 * Appends the UTF-16 form of s[0..len) to c->u16 at *at (invalid bytes become U+FFFD).
 */
static void to_u16(struct text_collator *c, const char *s, size_t len, size_t *at)
{
    /* UTF-16 never needs more code units than UTF-8 has bytes. */
    ALLOC_GROW(c->u16, *at + len + 1, c->u16_cap);
    if (len > INT32_MAX)
        BUG("string too long to collate (%zu bytes)", len);
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8WithSub(c->u16 + *at, (int32_t)(c->u16_cap - *at), &n, s, (int32_t)len, 0xFFFD,
                         NULL, &status);
    if (U_FAILURE(status))
        BUG("u_strFromUTF8WithSub: %s", u_errorName(status));
    *at += (size_t)n;
}

/* Appends the sort key of c->u16[0..n) to out, without ICU's terminating NUL. */
static void key_of_u16(struct text_collator *c, size_t n, struct buf *out)
{
    for (;;) {
        int32_t need = ucol_getSortKey(c->coll, c->u16, (int32_t)n, c->key, (int32_t)c->key_cap);
        if (need <= 0)
            BUG("ucol_getSortKey failed");
        if ((size_t)need <= c->key_cap) {
            buf_add(out, c->key, (size_t)need - 1);
            return;
        }
        ALLOC_GROW(c->key, (size_t)need, c->key_cap);
    }
}

void text_collator_sort_key(struct text_collator *c, const char *s, struct buf *out)
{
    size_t n = 0;
    to_u16(c, s, strlen(s), &n);
    key_of_u16(c, n, out);
}

/* ---------------------------------------------------------------- names */

static bool is_name_space(char ch)
{
    return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

void text_name_split(const char *full_name, struct name_parts *out)
{
    const char *p = full_name;
    const char *end = p + strlen(p);
    while (p < end && is_name_space(*p))
        p++;
    while (end > p && is_name_space(end[-1]))
        end--;

    out->family = slice_from(p, 0);
    out->middle = slice_from(p, 0);
    out->given = slice_from(p, 0);
    if (p == end)
        return;

    const char *first_end = p;
    while (first_end < end && !is_name_space(*first_end))
        first_end++;
    const char *last_start = end;
    while (last_start > p && !is_name_space(last_start[-1]))
        last_start--;

    out->given = slice_from(last_start, (size_t)(end - last_start));
    if (first_end == end) /* one word: a given name only */
        return;
    out->family = slice_from(p, (size_t)(first_end - p));

    const char *m = first_end;
    while (m < last_start && is_name_space(*m))
        m++;
    const char *m_end = last_start;
    while (m_end > m && is_name_space(m_end[-1]))
        m_end--;
    out->middle = slice_from(m, (size_t)(m_end - m));
}

/* The five Vietnamese tone marks, as combining characters after NFD. */
static bool is_tone_mark(int32_t cp)
{
    return cp == 0x0300 || cp == 0x0301 || cp == 0x0303 || cp == 0x0309 || cp == 0x0323;
}

static void put_u16(struct text_collator *c, size_t *at, int32_t cp)
{
    if (cp >= 0x10000) {
        c->u16[(*at)++] = (UChar)(0xD800 + ((cp - 0x10000) >> 10));
        c->u16[(*at)++] = (UChar)(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
        c->u16[(*at)++] = (UChar)cp;
    }
}

/*
 * Appends s[0..len) to c->u16 at *at in NFD with each word's tone marks moved to the end of
 * the word: "Hoà" and "Hòa" (old and new placement) become one string, and two words with the
 * same letters compare by tone alone. Returns false (nothing appended) on invalid UTF-8.
 */
static bool to_u16_tones_last(struct text_collator *c, const char *s, size_t len, size_t *at)
{
    utf8proc_ssize_t n;
    for (;;) {
        n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, c->cps,
                               (utf8proc_ssize_t)c->cps_cap, UTF8PROC_DECOMPOSE);
        if (n < 0)
            return false;
        if ((size_t)n <= c->cps_cap)
            break;
        ALLOC_GROW(c->cps, (size_t)n, c->cps_cap);
    }
    ALLOC_GROW(c->u16, *at + 2 * (size_t)n + 1, c->u16_cap);

    int32_t tones[8];
    size_t ntones = 0;
    for (utf8proc_ssize_t k = 0; k <= n; k++) {
        int32_t cp = k < n ? c->cps[k] : ' ';
        if (k < n && is_tone_mark(cp) && ntones < sizeof(tones) / sizeof(tones[0])) {
            tones[ntones++] = cp;
            continue;
        }
        if (is_space_sep(cp)) {
            for (size_t t = 0; t < ntones; t++)
                put_u16(c, at, tones[t]);
            ntones = 0;
        }
        if (k < n)
            put_u16(c, at, cp);
    }
    return true;
}

/* Appends ICU's complete sort key of one name part, with its terminating 00. */
static void name_part_key(struct text_collator *c, struct slice part, struct buf *out)
{
    size_t n = 0;
    if (!to_u16_tones_last(c, part.ptr, part.len, &n)) {
        n = 0;
        to_u16(c, part.ptr, part.len, &n);
    }
    key_of_u16(c, n, out);
    buf_addch(out, '\0');
}

void text_name_sort_key(struct text_collator *c, const char *full_name, struct buf *out)
{
    /*
     * key(given) 00 key(family) 00 key(middle) 00, each a complete ICU key with its terminator.
     * Inside a key 01 separates levels and weights are 02 or more, so 00 sorts below every key
     * byte: when two given names differ, the first difference is inside the given keys ("An"
     * ends with 00 where "Anh" goes on with the weight of h), and the family key is compared
     * only when the given keys are equal.
     */
    struct name_parts np;
    text_name_split(full_name, &np);
    name_part_key(c, np.given, out);
    name_part_key(c, np.family, out);
    name_part_key(c, np.middle, out);
}
