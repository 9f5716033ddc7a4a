#include "util/hashmap.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
        s += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    return h ^ (h >> 29);
}

uint64_t hash_u64(uint64_t k)
{
    uint64_t h = (k + 1) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 31);
}

/* ---- strmap ---- */

static size_t str_slot(const struct strmap *m, uint64_t h, const char *key)
{
    size_t i = (size_t)h & (m->cap - 1);
    while (m->keys[i] && (m->hashes[i] != h || strcmp(m->keys[i], key)))
        i = (i + 1) & (m->cap - 1);
    return i;
}

int64_t *strmap_find(const struct strmap *m, const char *key)
{
    if (!m->cap)
        return NULL;
    size_t i = str_slot(m, hash_bytes(key, strlen(key)), key);
    return m->keys[i] ? &m->vals[i] : NULL;
}

void strmap_put(struct strmap *m, const char *key, int64_t val)
{
    if ((m->n + 1) * 2 > m->cap) {
        struct strmap old = *m;
        m->cap = old.cap ? old.cap * 2 : 64;
        m->keys = xcalloc(m->cap, sizeof(*m->keys));
        m->vals = xcalloc(m->cap, sizeof(*m->vals));
        m->hashes = xcalloc(m->cap, sizeof(*m->hashes));
        for (size_t i = 0; i < old.cap; i++)
            if (old.keys[i]) {
                size_t j = (size_t)old.hashes[i] & (m->cap - 1);
                while (m->keys[j])
                    j = (j + 1) & (m->cap - 1);
                m->keys[j] = old.keys[i];
                m->vals[j] = old.vals[i];
                m->hashes[j] = old.hashes[i];
            }
        free(old.keys);
        free(old.vals);
        free(old.hashes);
    }
    uint64_t h = hash_bytes(key, strlen(key));
    size_t j = str_slot(m, h, key);
    if (!m->keys[j]) {
        m->keys[j] = xstrdup(key);
        m->hashes[j] = h;
        m->n++;
    }
    m->vals[j] = val;
}

void strmap_release(struct strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    free(m->hashes);
    memset(m, 0, sizeof(*m));
}

/* ---- u64map ---- */

static size_t u64_slot(const struct u64map *m, uint64_t k)
{
    size_t i = (size_t)hash_u64(k) & (m->cap - 1);
    while (m->used[i] && m->keys[i] != k)
        i = (i + 1) & (m->cap - 1);
    return i;
}

int64_t *u64map_find(const struct u64map *m, uint64_t key)
{
    if (!m->cap)
        return NULL;
    size_t i = u64_slot(m, key);
    return m->used[i] ? &m->vals[i] : NULL;
}

void u64map_put(struct u64map *m, uint64_t key, int64_t val)
{
    if ((m->n + 1) * 2 > m->cap) {
        struct u64map old = *m;
        m->cap = old.cap ? old.cap * 2 : 1024;
        m->keys = xcalloc(m->cap, sizeof(*m->keys));
        m->vals = xcalloc(m->cap, sizeof(*m->vals));
        m->used = xcalloc(m->cap, sizeof(*m->used));
        for (size_t i = 0; i < old.cap; i++)
            if (old.used[i]) {
                size_t j = u64_slot(m, old.keys[i]);
                m->keys[j] = old.keys[i];
                m->vals[j] = old.vals[i];
                m->used[j] = 1;
            }
        free(old.keys);
        free(old.vals);
        free(old.used);
    }
    size_t i = u64_slot(m, key);
    if (!m->used[i]) {
        m->used[i] = 1;
        m->keys[i] = key;
        m->n++;
    }
    m->vals[i] = val;
}

void u64map_release(struct u64map *m)
{
    free(m->keys);
    free(m->vals);
    free(m->used);
    memset(m, 0, sizeof(*m));
}
