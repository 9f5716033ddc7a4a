/*
 * xmalloc.h - allocation that never returns NULL.
 * tcxd is a program, not a library: running out of memory aborts with a message (as git, redis).
 * Memory from these functions is released with free().
 */
#ifndef TCXD_UTIL_XMALLOC_H
#define TCXD_UTIL_XMALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array of nmemb elements of size; aborts on overflow. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grows *cap (at least doubling) until it holds need elements; reallocs *pp. */
#define ALLOC_GROW(pp, need, cap)                                                                  \
    do {                                                                                           \
        if ((size_t)(need) > (size_t)(cap)) {                                                      \
            size_t alloc_grow_n_ = (cap) ? (size_t)(cap)*2 : 16;                                   \
            while (alloc_grow_n_ < (size_t)(need))                                                 \
                alloc_grow_n_ *= 2;                                                                \
            (pp) = xreallocarray((pp), alloc_grow_n_, sizeof(*(pp)));                              \
            (cap) = alloc_grow_n_;                                                                 \
        }                                                                                          \
    } while (0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
