/*
 * hashmap.h - the project's hash maps: open addressing, linear probing, a power-of-two table
 * at most half full. Zero-initialised ({0}) means empty; *_release frees and empties.
 *
 *   struct strmap: NUL-terminated string -> int64 (keys copied and owned by the map)
 *   struct u64map: uint64 -> int64 (any key, 0 included)
 *
 * A pointer returned by *_find is valid until the next *_put. Not thread-safe.
 * hash_bytes is the hash the maps use, for callers that key their own tables (io's cell cache).
 */
#ifndef TCXD_UTIL_HASHMAP_H
#define TCXD_UTIL_HASHMAP_H

#include <stddef.h>
#include <stdint.h>

uint64_t hash_bytes(const char *s, size_t n);
uint64_t hash_u64(uint64_t k);

struct strmap {
    char **keys;
    int64_t *vals;
    uint64_t *hashes;
    size_t cap, n;
};
int64_t *strmap_find(const struct strmap *m, const char *key);
void strmap_put(struct strmap *m, const char *key, int64_t val); /* replaces a key's value */
void strmap_release(struct strmap *m);

struct u64map {
    uint64_t *keys;
    int64_t *vals;
    unsigned char *used;
    size_t cap, n;
};
int64_t *u64map_find(const struct u64map *m, uint64_t key);
void u64map_put(struct u64map *m, uint64_t key, int64_t val);
void u64map_release(struct u64map *m);

#endif
