#include "util/buf.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

char buf_empty_[1];

void buf_init(struct buf *b, size_t hint)
{
    b->ptr = buf_empty_;
    b->len = b->cap = b->max = 0;
    if (hint)
        buf_grow(b, hint);
}

void buf_release(struct buf *b)
{
    if (b->cap)
        free(b->ptr);
    size_t max = b->max;
    buf_init(b, 0);
    b->max = max;
}

void buf_reset(struct buf *b)
{
    buf_setlen(b, 0);
}

void buf_setlen(struct buf *b, size_t len)
{
    if (len > (b->cap ? b->cap - 1 : 0))
        BUG("buf_setlen beyond allocation");
    b->len = len;
    b->ptr[len] = '\0';
}

char *buf_detach(struct buf *b, size_t *len)
{
    char *s;
    if (len)
        *len = b->len;
    if (!b->cap) {
        s = xstrdup("");
    } else {
        s = b->ptr;
    }
    buf_init(b, 0);
    return s;
}

void buf_grow(struct buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t ncap = b->cap ? b->cap : 64;
    while (ncap < need)
        ncap *= 2;
    if (!b->cap) {
        b->ptr = xmalloc(ncap);
        b->ptr[0] = '\0';
    } else {
        b->ptr = xrealloc(b->ptr, ncap);
    }
    b->cap = ncap;
}

void buf_add(struct buf *b, const void *data, size_t n)
{
    if (!n)
        return;
    buf_grow(b, n);
    memcpy(b->ptr + b->len, data, n);
    b->len += n;
    b->ptr[b->len] = '\0';
}

enum tcxd_err buf_add_checked(struct buf *b, const void *data, size_t n)
{
    if (b->max && (n > b->max || b->len > b->max - n))
        return TCXD_ETOOBIG;
    buf_add(b, data, n);
    return TCXD_OK;
}

void buf_adds(struct buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

void buf_addch(struct buf *b, int c)
{
    char ch = (char)c;
    buf_add(b, &ch, 1);
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(b->ptr + b->len, b->cap ? b->cap - b->len : 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        BUG("vsnprintf failed");
    if (b->len + (size_t)n + 1 > b->cap) {
        buf_grow(b, (size_t)n);
        n = vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, ap);
    }
    b->len += (size_t)n;
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vaddf(b, fmt, ap);
    va_end(ap);
}

void buf_add_json_string(struct buf *b, const char *s)
{
    buf_addch(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            buf_add(b, "\\\"", 2);
            break;
        case '\\':
            buf_add(b, "\\\\", 2);
            break;
        case '\n':
            buf_add(b, "\\n", 2);
            break;
        case '\r':
            buf_add(b, "\\r", 2);
            break;
        case '\t':
            buf_add(b, "\\t", 2);
            break;
        default:
            if (*p < 0x20)
                buf_addf(b, "\\u%04x", *p);
            else
                buf_addch(b, *p);
        }
    }
    buf_addch(b, '"');
}

/* A number as the reports write it ("-3", "+1,5", "-17,9%"): no formula, left as it is. */
static bool csv_number(const char *s)
{
    size_t i = s[0] == '-' || s[0] == '+';
    bool digit = false;
    for (; s[i]; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digit = true;
        else if (!(s[i] == ',' || s[i] == '.' || (s[i] == '%' && !s[i + 1])))
            return false;
    }
    return digit;
}

bool buf_csv_guarded(const char *s)
{
    /* a value the guard would make ambiguous ("'=x" as written by a person) is guarded too, so
       that a reader stripping one apostrophe gets back exactly what was written */
    if (s[0] == '\'')
        return buf_csv_guarded(s + 1);
    return s[0] && strchr("=+-@\t\r", s[0]) && !csv_number(s);
}

void buf_add_csv_field_sep(struct buf *b, const char *s, char sep)
{
    /* formula injection (OWASP "CSV Injection"): a cell a spreadsheet would run as a formula
       gets a leading apostrophe, inside quotes */
    bool guard = buf_csv_guarded(s);
    char special[] = {sep, '"', '\r', '\n', '\0'};
    if (!guard && !strpbrk(s, special)) {
        buf_adds(b, s);
        return;
    }
    buf_addch(b, '"');
    if (guard)
        buf_addch(b, '\'');
    for (; *s; s++) {
        if (*s == '"')
            buf_addch(b, '"');
        buf_addch(b, *s);
    }
    buf_addch(b, '"');
}

void buf_add_csv_field(struct buf *b, const char *s)
{
    buf_add_csv_field_sep(b, s, ',');
}
