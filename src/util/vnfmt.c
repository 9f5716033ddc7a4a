/*
 * vnfmt.c - Vietnamese number formats: '.' groups thousands, ',' marks decimals.
 *
 * Integers and ratios are formatted with exact integer arithmetic in 128 bits, so every
 * int64_t (INT64_MIN included) and every difference of two of them is safe. Doubles are
 * rounded on their shortest round-trip decimal form, so 1.005 with 2 places gives "1,01"
 * as a reader expects. Rounding is half away from zero everywhere; a value that rounds to
 * zero never shows a minus sign.
 */
#include "util/vnfmt.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

__extension__ typedef unsigned __int128 u128;
__extension__ typedef __int128 i128;

#define VNFMT_MAX_DECIMALS 9

static void check_decimals(int decimals)
{
    if (decimals < 0 || decimals > VNFMT_MAX_DECIMALS)
        BUG("vnfmt: %d decimals outside 0..%d", decimals, VNFMT_MAX_DECIMALS);
}

/* Appends the digits of an integer string with a '.' every three digits from the right. */
static void add_grouped(struct buf *b, const char *digits, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf_addch(b, '.');
        buf_addch(b, digits[i]);
    }
}

/* Decimal digits of v, most significant first, into out (40 bytes); returns the count. */
static size_t u128_digits(u128 v, char out[40])
{
    char tmp[40];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

/* Appends v / 10^decimals: grouped integer part, then ',' and exactly `decimals` digits. */
static void add_fixed_u128(struct buf *b, u128 v, int decimals)
{
    char d[40];
    size_t n = u128_digits(v, d);
    char padded[48];
    size_t want = (size_t)decimals + 1; /* at least one integer digit */
    size_t pad = n < want ? want - n : 0;
    memset(padded, '0', pad);
    memcpy(padded + pad, d, n);
    n += pad;
    add_grouped(b, padded, n - (size_t)decimals);
    if (decimals > 0) {
        buf_addch(b, ',');
        buf_add(b, padded + n - (size_t)decimals, (size_t)decimals);
    }
}

static u128 pow10_u128(int e)
{
    u128 p = 1;
    while (e-- > 0)
        p *= 10;
    return p;
}

static u128 magnitude(int64_t v)
{
    return v < 0 ? (u128)0 - (u128)v : (u128)v;
}

void vnfmt_int(struct buf *b, int64_t n)
{
    if (n < 0)
        buf_addch(b, '-');
    add_fixed_u128(b, magnitude(n), 0);
}

/* num/den * 100 rounded half away from zero to `decimals` places, with '%'. */
static void add_percent(struct buf *b, u128 num, u128 den, bool negative, int decimals)
{
    /* num < 2^64 and 100 * 10^9 < 2^37, so 2 * num * scale < 2^102: no overflow */
    u128 scale = pow10_u128(decimals + 2);
    u128 q = (2 * num * scale + den) / (2 * den);
    if (negative && q != 0)
        buf_addch(b, '-');
    add_fixed_u128(b, q, decimals);
    buf_addch(b, '%');
}

void vnfmt_percent(struct buf *b, int64_t num, int64_t den, int decimals)
{
    check_decimals(decimals);
    if (den == 0) {
        buf_addch(b, '-');
        return;
    }
    add_percent(b, magnitude(num), magnitude(den), (num < 0) != (den < 0), decimals);
}

/*
 * Shortest decimal form of a finite, non-negative v that reads back as v: its significant
 * digits into digits (no leading zeros) and the exponent of the first one, so that
 * v = 0.d1d2d3... * 10^exp10. Returns the digit count (0 for zero).
 */
static size_t shortest_digits(double v, char digits[24], int *exp10)
{
    char tmp[64];
    *exp10 = 0;
    if (v == 0)
        return 0;
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, v);
        if (strtod(tmp, NULL) == v || prec == 17)
            break;
    }
    /* tmp is d[.ddd]e[+-]xx; the decimal point may be any locale's string */
    size_t n = 0;
    const char *p = tmp;
    while (*p && *p != 'e' && *p != 'E') {
        if (*p >= '0' && *p <= '9' && n < 23)
            digits[n++] = *p;
        p++;
    }
    int e = (*p == 'e' || *p == 'E') ? (int)strtol(p + 1, NULL, 10) : 0;
    while (n > 1 && digits[n - 1] == '0')
        n--;
    *exp10 = e + 1;
    return n;
}

/* Appends v rounded half away from zero to `decimals` places; non-finite gives "-". */
static void add_double(struct buf *b, double v, int decimals, bool *was_zero)
{
    if (!isfinite(v)) {
        buf_addch(b, '-');
        if (was_zero)
            *was_zero = false;
        return;
    }
    char sig[24];
    int exp10;
    bool negative = v < 0;
    size_t n = shortest_digits(fabs(v), sig, &exp10);

    /*
     * The value is 0.sig * 10^exp10. Keep the digits down to 10^-decimals: the first
     * exp10 + decimals significant digits. Build that integer as a digit string.
     */
    long keep = (long)exp10 + decimals;
    struct buf digits = BUF_INIT;
    bool round_up = false;
    if (keep < 0) {
        /* below half of the last place: rounds to zero */
    } else {
        for (long i = 0; i < keep; i++)
            buf_addch(&digits, (size_t)i < n ? sig[i] : '0');
        round_up = (size_t)keep < n && sig[keep] >= '5';
    }
    if (digits.len == 0)
        buf_addch(&digits, '0');
    if (round_up) {
        size_t i = digits.len;
        while (i > 0 && digits.ptr[i - 1] == '9')
            digits.ptr[--i] = '0';
        if (i == 0) {
            struct buf t = BUF_INIT;
            buf_addch(&t, '1');
            buf_add(&t, digits.ptr, digits.len);
            buf_release(&digits);
            digits = t;
        } else {
            digits.ptr[i - 1]++;
        }
    }
    /* strip leading zeros, keeping at least decimals + 1 digits */
    size_t start = 0;
    while (start + (size_t)decimals + 1 < digits.len && digits.ptr[start] == '0')
        start++;
    const char *dp = digits.ptr + start;
    size_t dn = digits.len - start;

    bool zero = true;
    for (size_t i = 0; i < dn; i++)
        if (dp[i] != '0')
            zero = false;
    if (was_zero)
        *was_zero = zero;
    if (negative && !zero)
        buf_addch(b, '-');
    if (dn < (size_t)decimals + 1) {
        /* fewer digits than places: pad with leading zeros */
        size_t pad = (size_t)decimals + 1 - dn;
        struct buf t = BUF_INIT;
        for (size_t i = 0; i < pad; i++)
            buf_addch(&t, '0');
        buf_add(&t, dp, dn);
        add_grouped(b, t.ptr, t.len - (size_t)decimals);
        if (decimals > 0) {
            buf_addch(b, ',');
            buf_add(b, t.ptr + t.len - (size_t)decimals, (size_t)decimals);
        }
        buf_release(&t);
    } else {
        add_grouped(b, dp, dn - (size_t)decimals);
        if (decimals > 0) {
            buf_addch(b, ',');
            buf_add(b, dp + dn - (size_t)decimals, (size_t)decimals);
        }
    }
    buf_release(&digits);
}

void vnfmt_double(struct buf *b, double v, int decimals)
{
    check_decimals(decimals);
    add_double(b, v, decimals, NULL);
}

void vnfmt_change(struct buf *b, int64_t old_value, int64_t new_value)
{
    i128 diff = (i128)new_value - (i128)old_value;
    if (diff == 0) {
        buf_adds(b, "không đổi");
        return;
    }
    u128 mag = diff < 0 ? (u128)(-diff) : (u128)diff;
    buf_adds(b, diff > 0 ? "tăng " : "giảm ");
    add_fixed_u128(b, mag, 0);
    if (old_value != 0) {
        buf_adds(b, " (");
        add_percent(b, mag, magnitude(old_value), false, 1);
        buf_addch(b, ')');
    }
}

void vnfmt_change_points(struct buf *b, double old_pct, double new_pct)
{
    double d = new_pct - old_pct;
    if (!isfinite(d)) {
        buf_addch(b, '-');
        return;
    }
    /* drop the binary noise of the subtraction (0.35 - 0.30 = 0.04999...93) */
    if (fabs(d) < 1e6)
        d = round(d * 1e9) / 1e9;
    struct buf num = BUF_INIT;
    bool zero;
    add_double(&num, fabs(d), 1, &zero);
    if (zero) {
        buf_adds(b, "không đổi");
    } else {
        buf_adds(b, d > 0 ? "tăng " : "giảm ");
        buf_add(b, num.ptr, num.len);
        buf_adds(b, " điểm %");
    }
    buf_release(&num);
}
