/*
 * arena.h - an allocator of many small pieces freed all at once.
 *
 * Pieces are carved from 1 MiB blocks (a bigger piece gets a block of its own) and never move,
 * so a pointer into the arena stays valid - from any thread that was handed it - until
 * arena_release(). Not thread-safe: one thread allocates. Zero-initialised (ARENA_INIT or {0})
 * means empty.
 */
#ifndef TCXD_UTIL_ARENA_H
#define TCXD_UTIL_ARENA_H

#include <stddef.h>

struct arena_block;
struct arena {
    struct arena_block *head;
};
#define ARENA_INIT                                                                                 \
    {                                                                                              \
        NULL                                                                                       \
    }

/* n bytes aligned to 8, uninitialised. */
void *arena_alloc(struct arena *a, size_t n);
/* A NUL-terminated copy of s[0..n). */
const char *arena_copy(struct arena *a, const char *s, size_t n);
void arena_release(struct arena *a);

#endif
