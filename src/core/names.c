/*
 * names.c - name and label lookups for the core's enum tables (names.h).
 */
#include "core/names.h"

#include <stdbool.h>
#include <string.h>

#include "text/text.h"
#include "util/buf.h"

const char *core_name_of(const struct core_name *t, size_t n, unsigned i)
{
    return i < n ? t[i].name : "?";
}

const char *core_label_of(const struct core_name *t, size_t n, unsigned i)
{
    return i < n ? t[i].label : "?";
}

/* folded, with ' ' and '-' as '_' */
static void key(const char *s, size_t len, struct buf *out)
{
    struct buf in = BUF_INIT;
    buf_add(&in, s, len);
    text_fold(in.ptr, out);
    buf_release(&in);
    for (size_t i = 0; i < out->len; i++)
        if (out->ptr[i] == ' ' || out->ptr[i] == '-')
            out->ptr[i] = '_';
}

int core_name_find(const char *s, size_t len, const struct core_name *t, size_t n)
{
    if (!s)
        return -1;
    struct buf a = BUF_INIT, b = BUF_INIT;
    key(s, len, &a);
    int found = -1;
    for (size_t i = 0; i < n && found < 0; i++) {
        if (!strcmp(a.ptr, t[i].name)) {
            found = (int)i;
            break;
        }
        buf_reset(&b);
        key(t[i].label, strlen(t[i].label), &b);
        if (!strcmp(a.ptr, b.ptr))
            found = (int)i;
    }
    buf_release(&a);
    buf_release(&b);
    return found;
}
