/*
 * engine_file.c - the engine's cache file: every column of an engine written next to its
 * database (<db>.engine) and mapped back (mmap) by the next process, so that a CLI command
 * reads the engine in milliseconds instead of building it.
 *
 * Layout: a header (magic, format, the element sizes of this build, the change token the
 * engine was built from, the counts, and for each section its offset, length and checksum;
 * the header has its own checksum), then the sections, each a column as it lies in memory,
 * 64-byte aligned. The members' names and ids are offsets into one string section (no
 * pointers); the few structures that hold pointers (organizations' codes, versions' names,
 * attribute values, words) are written with offsets into the pool section, copied out of the
 * (read-only) mapping when loaded and fixed up there (a few megabytes).
 *
 * Trust: a file is used only when its magic, format, element sizes, counts, every section's
 * bounds and checksum and the header's checksum are right, and its token equals the store's
 * current one; anything else is refused (ESTALE-like: TCXD_ECONFLICT for a stale token,
 * TCXD_EIO for a corrupt or foreign file) and the caller builds afresh. Written to a temporary
 * file and renamed over, so a reader never sees half a file.
 */
#include "engine/engine_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xmalloc.h"

#define FILE_MAGIC  "TCXDENG\n"
#define FILE_FORMAT 7u
#define FILE_ALIGN  64u

enum {
    S_ORGS,
    S_ORG_SLOT_KEYS,
    S_ORG_SLOT_VALS,
    S_VERS,
    S_VER_OFF,
    S_BOUNDS,
    S_MEMBERS,
    S_MEMBER_IDX_KEYS,
    S_MEMBER_IDX_VALS,
    S_DICT_VALUES0,
    S_DICT_VALUES1,
    S_DICT_VALUES2,
    S_DICT_SLOTS0,
    S_DICT_SLOTS1,
    S_DICT_SLOTS2,
    S_GAPS,
    S_GAP_OFF,
    S_GAPM,
    S_ST_FROM,
    S_ST_TO,
    S_PROF,
    S_ST,
    S_ST_MEMBER,
    S_ST_OFF,
    S_EV,
    S_WORDS,
    S_BY_FOLD,
    S_FOLD_POS,
    S_MW,
    S_MW_OFF,
    S_POST,
    S_POST_OFF,
    S_ROLL,
    S_MREG,
    S_NID,
    S_CARD,
    S_MST,
    S_MST_OFF,
    S_POOL,
    S_BSTR,
    S__MAX
};

/* the element sizes of this build: a file written by a build with another layout is refused */
enum {
    Z_ORG,
    Z_VERS,
    Z_MEMBER,
    Z_GAP,
    Z_GAPM,
    Z_PROF,
    Z_ST,
    Z_EV,
    Z_WORD,
    Z_IDREF,
    Z_MST,
    Z_PTR,
    Z_TOKEN,
    Z__MAX
};

struct file_counts {
    uint64_t norgs, nvers, nbounds, nmembers, ngaps, ngapm, nst, nev, nprof;
    uint64_t org_slot_cap, member_idx_cap;
    int64_t org_slot_base, member_idx_base;
    uint64_t org_slot_dense, member_idx_dense;
    uint64_t dict_n[ENGINE_ATTR__MAX], dict_nslots[ENGINE_ATTR__MAX];
    uint64_t nwords, nmw, nnid, ncard;
    uint64_t pool_len, bstr_len;
    uint64_t bytes;
    double build_ms;
};

/* block: the index of the section's first 1 MiB block in the table of block checksums */
struct file_sect {
    uint64_t off, len, block;
};

struct file_header {
    char magic[8];
    uint32_t format, nsect;
    uint32_t sizes[Z__MAX];
    uint32_t block_shift;
    struct store_change_token token;
    struct file_counts counts;
    struct file_sect sect[S__MAX];
    /* the file's length; the table of block checksums (nblocks uint64) and its checksum */
    uint64_t file_size, blocks_off, nblocks, blocks_sum;
    uint64_t header_sum; /* of every byte above */
};

/* The parts (enum engine_use) each section belongs to; 0: checked when the file is mapped
   (small: organizations, versions, dictionaries, words, offsets by organization or word). */
static unsigned sect_uses(int k)
{
    switch (k) {
    case S_ST_FROM:
    case S_ST_TO:
    case S_ST:
        return ENGINE_USE_COUNTS;
    case S_MEMBERS:
    case S_MEMBER_IDX_KEYS:
    case S_MEMBER_IDX_VALS:
    case S_GAP_OFF:
    case S_MST:
    case S_MST_OFF:
    case S_BSTR:
    case S_ST_MEMBER:
        return ENGINE_USE_MEMBERS;
    case S_EV:
        return ENGINE_USE_EVENTS;
    case S_MW:
    case S_MW_OFF:
    case S_POST:
    case S_ROLL:
    case S_MREG:
    case S_NID:
    case S_CARD:
        return ENGINE_USE_SEARCH;
    default:
        return 0;
    }
}

/* the file section of each column checked row by row (engine_file.h) */
static const int col_sect[ENGINE_COL__MAX] = {
    [ENGINE_COL_MEMBERS] = S_MEMBERS, [ENGINE_COL_MST] = S_MST,
    [ENGINE_COL_MST_OFF] = S_MST_OFF, [ENGINE_COL_BSTR] = S_BSTR,
    [ENGINE_COL_MW] = S_MW,           [ENGINE_COL_MW_OFF] = S_MW_OFF,
    [ENGINE_COL_POST] = S_POST,       [ENGINE_COL_NID] = S_NID,
    [ENGINE_COL_CARD] = S_CARD,       [ENGINE_COL_ST_MEMBER] = S_ST_MEMBER,
    [ENGINE_COL_GAP_OFF] = S_GAP_OFF, [ENGINE_COL_EV] = S_EV,
    [ENGINE_COL_MREG] = S_MREG,
};

#define BLOCK        ((uint64_t)1 << ENGINE_FILE_BLOCK_SHIFT)
#define NBLOCKS(len) (((len) + BLOCK - 1) / BLOCK)

static void layout_sizes(uint32_t *z)
{
    z[Z_ORG] = sizeof(struct engine_org_row);
    z[Z_VERS] = sizeof(struct org_version_raw);
    z[Z_MEMBER] = sizeof(struct engine_member_row);
    z[Z_GAP] = sizeof(struct member_gap);
    z[Z_GAPM] = sizeof(struct engine_gapm);
    z[Z_PROF] = sizeof(struct engine_prof);
    z[Z_ST] = sizeof(struct engine_stint);
    z[Z_EV] = sizeof(struct engine_event);
    z[Z_WORD] = sizeof(struct engine_word);
    z[Z_IDREF] = sizeof(struct engine_idref);
    z[Z_MST] = sizeof(struct engine_mstint);
    z[Z_PTR] = sizeof(void *);
    z[Z_TOKEN] = sizeof(struct store_change_token);
}

/* A checksum for corruption (not an adversary): four multiply-xorshift lanes over 8-byte
   words, memory-bound. */
static uint64_t mix(uint64_t h)
{
    h ^= h >> 31;
    h *= 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
    return h;
}

static uint64_t checksum(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h0 = 0x243F6A8885A308D3ull, h1 = 0x13198A2E03707344ull, h2 = 0xA4093822299F31D0ull,
             h3 = 0x082EFA98EC4E6C89ull;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        uint64_t w[4];
        memcpy(w, b + i, 32);
        h0 = (h0 ^ w[0]) * 0xff51afd7ed558ccdull;
        h1 = (h1 ^ w[1]) * 0xc4ceb9fe1a85ec53ull;
        h2 = (h2 ^ w[2]) * 0xff51afd7ed558ccdull;
        h3 = (h3 ^ w[3]) * 0xc4ceb9fe1a85ec53ull;
        h0 ^= h0 >> 33;
        h1 ^= h1 >> 33;
        h2 ^= h2 >> 33;
        h3 ^= h3 >> 33;
    }
    uint64_t t = 0;
    for (size_t k = 0; i < n; i++, k++)
        t ^= (uint64_t)b[i] << (8 * (k & 7));
    return mix(h0 ^ mix(h1 ^ mix(h2 ^ mix(h3 ^ mix(t ^ n)))));
}

/* Where each section lives in an engine and how long it is (from the counts). */
struct sect_desc {
    void **dst; /* the engine's field (the array's pointer) */
    size_t len;
};

static void describe(struct engine *eng, struct sect_desc *d)
{
    struct engine_search *x = &eng->search;
#define D(k, field, n) (d[k].dst = (void **)&(field), d[k].len = (n) * sizeof(*(field)))
    D(S_ORGS, eng->orgs, eng->norgs);
    D(S_ORG_SLOT_KEYS, eng->org_slot.keys, eng->org_slot.dense ? 0 : eng->org_slot.cap);
    D(S_ORG_SLOT_VALS, eng->org_slot.vals, eng->org_slot.cap);
    D(S_VERS, eng->vers, eng->nvers);
    D(S_VER_OFF, eng->ver_off, eng->norgs + 1);
    D(S_BOUNDS, eng->bounds, eng->nbounds);
    D(S_MEMBERS, eng->m, eng->nmembers);
    D(S_MEMBER_IDX_KEYS, eng->member_idx.keys, eng->member_idx.dense ? 0 : eng->member_idx.cap);
    D(S_MEMBER_IDX_VALS, eng->member_idx.vals, eng->member_idx.cap);
    D(S_DICT_VALUES0, eng->dict[0].values, eng->dict[0].n);
    D(S_DICT_VALUES1, eng->dict[1].values, eng->dict[1].n);
    D(S_DICT_VALUES2, eng->dict[2].values, eng->dict[2].n);
    D(S_DICT_SLOTS0, eng->dict[0].slots, eng->dict[0].nslots);
    D(S_DICT_SLOTS1, eng->dict[1].slots, eng->dict[1].nslots);
    D(S_DICT_SLOTS2, eng->dict[2].slots, eng->dict[2].nslots);
    D(S_GAPS, eng->gaps, eng->ngaps);
    D(S_GAP_OFF, eng->gap_off, eng->nmembers + 1);
    D(S_GAPM, eng->gapm, eng->ngapm);
    D(S_ST_FROM, eng->st_from, eng->nst);
    D(S_ST_TO, eng->st_to, eng->nst);
    D(S_PROF, eng->prof, eng->nprof);
    D(S_ST, eng->st, eng->nst);
    D(S_ST_MEMBER, eng->st_member, eng->nst);
    D(S_ST_OFF, eng->st_off, eng->norgs + 1);
    D(S_EV, eng->ev, eng->nev);
    D(S_WORDS, x->words, x->nwords);
    D(S_BY_FOLD, x->by_fold, x->nwords);
    D(S_FOLD_POS, x->fold_pos, x->nwords);
    D(S_MW, x->mw, x->nmw);
    D(S_MW_OFF, x->mw_off, eng->nmembers + 1);
    D(S_POST, x->post, x->nmw);
    D(S_POST_OFF, x->post_off, x->nwords + 1);
    D(S_ROLL, x->roll, eng->nmembers);
    D(S_MREG, x->mreg, eng->nmembers);
    D(S_NID, x->nid, x->nnid);
    D(S_CARD, x->card, x->ncard);
    D(S_MST, eng->mst, eng->nst);
    D(S_MST_OFF, eng->mst_off, eng->nmembers + 1);
#undef D
    d[S_POOL].dst = NULL; /* the pool and the strings are handled apart */
    d[S_POOL].len = 0;
    d[S_BSTR].dst = (void **)&eng->bstr;
    d[S_BSTR].len = eng->bstr_len;
}

/* ---- writing ------------------------------------------------------------------------------ */

/* The pool's blocks in the file's order: a pointer into block j is at base[j] + (p - pool[j]). */
struct pool_map {
    const char **start;
    size_t *len, *base;
    size_t n, total;
};

static void pool_map_init(const struct engine *eng, struct pool_map *pm)
{
    pm->n = eng->npool;
    pm->start = xmalloc((pm->n ? pm->n : 1) * sizeof(*pm->start));
    pm->len = xmalloc((pm->n ? pm->n : 1) * sizeof(size_t));
    pm->base = xmalloc((pm->n ? pm->n : 1) * sizeof(size_t));
    pm->total = 0;
    for (size_t j = 0; j < pm->n; j++) {
        pm->start[j] = eng->pool[j];
        pm->len[j] = eng->pool_len[j];
        pm->base[j] = pm->total;
        pm->total += pm->len[j];
    }
}

static void pool_map_release(struct pool_map *pm)
{
    free(pm->start);
    free(pm->len);
    free(pm->base);
}

/* A pointer's offset in the file's pool (a few hundred blocks at most: a linear search). */
static uint64_t pool_off(const struct pool_map *pm, const char *p)
{
    uintptr_t a = (uintptr_t)p;
    for (size_t j = 0; j < pm->n; j++) {
        uintptr_t s = (uintptr_t)pm->start[j];
        if (a >= s && a < s + pm->len[j])
            return pm->base[j] + (a - s);
    }
    BUG("engine string outside its pool");
}

static void put_off(void *field, uint64_t off)
{
    uintptr_t v = (uintptr_t)off;
    memcpy(field, &v, sizeof(v));
}

struct writer {
    FILE *fp;
    uint64_t pos;
    bool failed;
    uint64_t *sums; /* a checksum per 1 MiB block of every section, in file order */
    size_t nsums, sums_cap;
};

static void w_bytes(struct writer *w, const void *p, size_t n)
{
    if (n && fwrite(p, 1, n, w->fp) != n)
        w->failed = true;
    w->pos += n;
}

static void w_align(struct writer *w)
{
    static const char zero[FILE_ALIGN];
    size_t pad = (size_t)((FILE_ALIGN - w->pos % FILE_ALIGN) % FILE_ALIGN);
    w_bytes(w, zero, pad);
}

static void w_sect(struct writer *w, struct file_sect *s, const void *p, size_t n)
{
    w_align(w);
    s->off = w->pos;
    s->len = n;
    s->block = w->nsums;
    for (uint64_t o = 0; o < n; o += BLOCK) {
        ALLOC_GROW(w->sums, w->nsums + 1, w->sums_cap);
        w->sums[w->nsums++] = checksum((const char *)p + o, n - o < BLOCK ? n - o : BLOCK);
    }
    w_bytes(w, p, n);
}

/* A copy of a section whose structures hold pool pointers, with offsets in their place. */
static void *translated(const struct engine *eng, int k, const void *src, size_t len,
                        const struct pool_map *pm)
{
    char *c = xmalloc(len ? len : 1);
    if (len)
        memcpy(c, src, len);
    if (k == S_ORGS) {
        struct engine_org_row *o = (struct engine_org_row *)c;
        for (size_t i = 0; i < eng->norgs; i++)
            put_off(&o[i].code, pool_off(pm, o[i].code));
    } else if (k == S_VERS) {
        struct org_version_raw *v = (struct org_version_raw *)c;
        for (size_t i = 0; i < eng->nvers; i++)
            put_off(&v[i].name, pool_off(pm, v[i].name));
    } else if (k >= S_DICT_VALUES0 && k <= S_DICT_VALUES2) {
        const char **v = (const char **)(void *)c;
        for (size_t i = 0; i < eng->dict[k - S_DICT_VALUES0].n; i++)
            put_off(&v[i], pool_off(pm, v[i]));
    } else if (k == S_WORDS) {
        struct engine_word *wd = (struct engine_word *)c;
        for (size_t i = 0; i < eng->search.nwords; i++) {
            put_off(&wd[i].orig, pool_off(pm, wd[i].orig));
            put_off(&wd[i].fold, pool_off(pm, wd[i].fold));
            put_off(&wd[i].lower, pool_off(pm, wd[i].lower));
        }
    }
    return c;
}

static bool has_pointers(int k)
{
    return k == S_ORGS || k == S_VERS || (k >= S_DICT_VALUES0 && k <= S_DICT_VALUES2) ||
           k == S_WORDS;
}

enum tcxd_err engine_file_write(const struct engine *ceng, const char *path, struct tcxd_error *e)
{
    struct engine *eng = (struct engine *)ceng; /* describe() takes fields' addresses only */
    static atomic_uint serial;
    char tmp[1100];
    if (snprintf(tmp, sizeof(tmp), "%s.%ld-%u.tmp", path, (long)getpid(),
                 atomic_fetch_add(&serial, 1)) >= (int)sizeof(tmp))
        return tcxd_fail(e, TCXD_EIO, "path", "engine cache path too long");
    struct writer w = {fopen(tmp, "wb"), 0, false, NULL, 0, 0};
    if (!w.fp)
        return tcxd_fail(e, TCXD_EIO, "path", "cannot write %s: %s", tmp, strerror(errno));
    struct file_header h;
    memset(&h, 0, sizeof(h));
    memcpy(h.magic, FILE_MAGIC, 8);
    h.format = FILE_FORMAT;
    h.nsect = S__MAX;
    layout_sizes(h.sizes);
    h.token = eng->token;
    struct file_counts *c = &h.counts;
    c->norgs = eng->norgs;
    c->nvers = eng->nvers;
    c->nbounds = eng->nbounds;
    c->nmembers = eng->nmembers;
    c->ngaps = eng->ngaps;
    c->ngapm = eng->ngapm;
    c->nst = eng->nst;
    c->nev = eng->nev;
    c->nprof = eng->nprof;
    c->org_slot_cap = eng->org_slot.cap;
    c->member_idx_cap = eng->member_idx.cap;
    c->org_slot_base = eng->org_slot.base;
    c->member_idx_base = eng->member_idx.base;
    c->org_slot_dense = eng->org_slot.dense;
    c->member_idx_dense = eng->member_idx.dense;
    for (int a = 0; a < ENGINE_ATTR__MAX; a++) {
        c->dict_n[a] = eng->dict[a].n;
        c->dict_nslots[a] = eng->dict[a].nslots;
    }
    c->nwords = eng->search.nwords;
    c->nmw = eng->search.nmw;
    c->nnid = eng->search.nnid;
    c->ncard = eng->search.ncard;
    c->bstr_len = eng->bstr_len;
    c->bytes = eng->bytes;
    c->build_ms = eng->build_ms;
    struct pool_map pm;
    pool_map_init(eng, &pm);
    c->pool_len = pm.total;
    w_bytes(&w, &h, sizeof(h)); /* again at the end, complete */
    struct sect_desc d[S__MAX];
    describe(eng, d);
    for (int k = 0; k < S__MAX; k++) {
        if (k == S_POOL) { /* the pool's blocks gathered in one */
            char *all = xmalloc(pm.total ? pm.total : 1);
            for (size_t j = 0; j < pm.n; j++)
                memcpy(all + pm.base[j], pm.start[j], pm.len[j]);
            w_sect(&w, &h.sect[k], all, pm.total);
            free(all);
            continue;
        }
        const void *src = *d[k].dst;
        if (!src && d[k].len)
            BUG("engine section %d missing", k);
        if (has_pointers(k)) {
            void *t = translated(eng, k, src, d[k].len, &pm);
            w_sect(&w, &h.sect[k], t, d[k].len);
            free(t);
        } else
            w_sect(&w, &h.sect[k], src, d[k].len);
    }
    pool_map_release(&pm);
    w_align(&w);
    h.block_shift = ENGINE_FILE_BLOCK_SHIFT;
    h.blocks_off = w.pos;
    h.nblocks = w.nsums;
    h.blocks_sum = checksum(w.sums, w.nsums * sizeof(uint64_t));
    w_bytes(&w, w.sums, w.nsums * sizeof(uint64_t));
    free(w.sums);
    h.file_size = w.pos;
    h.header_sum = checksum(&h, offsetof(struct file_header, header_sum));
    if (fseek(w.fp, 0, SEEK_SET) || fwrite(&h, sizeof(h), 1, w.fp) != 1)
        w.failed = true;
    if (fclose(w.fp))
        w.failed = true;
    if (w.failed || rename(tmp, path)) {
        int err = errno;
        unlink(tmp);
        return tcxd_fail(e, TCXD_EIO, "path", "cannot write %s: %s", path, strerror(err));
    }
    return TCXD_OK;
}

/* ---- reading ------------------------------------------------------------------------------ */

static enum tcxd_err corrupt(struct tcxd_error *e, const char *path, const char *what)
{
    return tcxd_fail(e, TCXD_EIO, "engine_file", "engine cache %s refused: %s", path, what);
}

static bool fix_ptr(void *field, const char *base, uint64_t len)
{
    uintptr_t v;
    memcpy(&v, field, sizeof(v));
    if ((uint64_t)v >= len)
        return false;
    const char *p = base + v;
    memcpy(field, &p, sizeof(p));
    return true;
}

/* Reads only the header: TCXD_OK when the file is there, whole in its header and its token is
   tok's (the sections are checked by engine_file_load). */
static enum tcxd_err read_header(int fd, const char *path, struct file_header *h, off_t *size,
                                 struct tcxd_error *e)
{
    struct stat sb;
    if (fstat(fd, &sb))
        return tcxd_fail(e, TCXD_EIO, "engine_file", "cannot stat %s", path);
    *size = sb.st_size;
    if (sb.st_size < (off_t)sizeof(*h) || pread(fd, h, sizeof(*h), 0) != (ssize_t)sizeof(*h))
        return corrupt(e, path, "shorter than its header");
    if (memcmp(h->magic, FILE_MAGIC, 8) || h->format != FILE_FORMAT || h->nsect != S__MAX)
        return corrupt(e, path, "not an engine cache of this format");
    if (checksum(h, offsetof(struct file_header, header_sum)) != h->header_sum)
        return corrupt(e, path, "header checksum");
    uint32_t z[Z__MAX];
    layout_sizes(z);
    if (memcmp(z, h->sizes, sizeof(z)) || h->block_shift != ENGINE_FILE_BLOCK_SHIFT)
        return corrupt(e, path, "written by a build with another layout");
    if ((uint64_t)sb.st_size != h->file_size)
        return corrupt(e, path, "not as long as its header says (truncated)");
    return TCXD_OK;
}

/* ---- checking blocks as they are read ------------------------------------------------------ */

bool engine_file_check_block(struct engine_file_blocks *b, size_t k)
{
    unsigned char v = atomic_load_explicit(&b->ok[k], memory_order_acquire);
    if (v)
        return v == 1;
    /* the section holding block k: its bytes up to the next block or the section's end */
    size_t s = 0;
    while (s + 1 < b->nsect &&
           !(k >= b->sect_block[s] && k < b->sect_block[s] + NBLOCKS(b->sect_len[s])))
        s++;
    uint64_t o = (k - b->sect_block[s]) * BLOCK;
    uint64_t n = b->sect_len[s] - o < BLOCK ? b->sect_len[s] - o : BLOCK;
    bool good = checksum(b->base + b->sect_off[s] + o, n) == b->sum[k];
    /* two threads may check one block at once: both get the same answer */
    atomic_store_explicit(&b->ok[k], good ? 1 : 2, memory_order_release);
    if (!good) { /* never read again: the next acquire builds and writes it afresh */
        atomic_store(&b->damaged, true);
        unlink(b->path);
    }
    return good;
}

static bool verify_sect(struct engine_file_blocks *b, int k)
{
    size_t n = (size_t)NBLOCKS(b->sect_len[k]);
    for (size_t j = 0; j < n; j++)
        if (!engine_file_check_block(b, (size_t)b->sect_block[k] + j))
            return false;
    return true;
}

bool engine_file_verify(struct engine *eng, unsigned uses)
{
    struct engine_file_blocks *b = eng->blocks;
    if (!b)
        return true;
    if (atomic_load(&b->damaged))
        return false;
    if ((atomic_load(&b->uses) & uses) == uses)
        return true;
    for (int k = 0; k < S__MAX; k++)
        if ((sect_uses(k) & uses) && !verify_sect(b, k))
            return false;
    atomic_fetch_or(&b->uses, uses);
    return true;
}

void engine_file_need_slow(const struct engine *eng, unsigned uses)
{
    if (!engine_file_verify((struct engine *)eng, uses)) {
        fprintf(stderr, "tcxd: engine cache %s is damaged: removed, run the command again\n",
                eng->blocks->path);
        abort();
    }
}

bool engine_file_col_place(const struct engine *eng, enum engine_col c, uint64_t *off,
                           uint64_t *len)
{
    const struct engine_file_blocks *b = eng->blocks;
    if (!b)
        return false;
    *off = b->sect_off[b->col_sect[c]];
    *len = b->sect_len[b->col_sect[c]];
    return true;
}

void engine_file_blocks_free(struct engine_file_blocks *b)
{
    if (!b)
        return;
    free((void *)b->sum);
    free(b->ok);
    free(b->sect_off);
    free(b->sect_len);
    free(b->sect_block);
    free(b);
}

enum tcxd_err engine_file_check(const char *path, const struct store_change_token *tok,
                                struct tcxd_error *e)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return tcxd_fail(e, TCXD_ENOTFOUND, "engine_file", "no engine cache %s", path);
    struct file_header h;
    off_t size;
    enum tcxd_err rc = read_header(fd, path, &h, &size, e);
    close(fd);
    if (!rc && !store_change_token_equal(&h.token, tok))
        rc = tcxd_fail(e, TCXD_ECONFLICT, "engine_file",
                       "engine cache %s is stale (the database changed since)", path);
    return rc;
}

enum tcxd_err engine_file_load(const char *path, const struct store_change_token *tok,
                               struct engine **out, struct tcxd_error *e)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return tcxd_fail(e, TCXD_ENOTFOUND, "engine_file", "no engine cache %s", path);
    struct file_header h;
    off_t size;
    enum tcxd_err rc = read_header(fd, path, &h, &size, e);
    if (!rc && tok && !store_change_token_equal(&h.token, tok))
        rc = tcxd_fail(e, TCXD_ECONFLICT, "engine_file",
                       "engine cache %s is stale (the database changed since)", path);
    if (rc) {
        close(fd);
        return rc;
    }
    /* the table of the blocks' checksums, read and checked whole */
    bool tab_ok = h.nblocks < ((uint64_t)1 << 40) / sizeof(uint64_t) &&
                  h.blocks_off % FILE_ALIGN == 0 && h.blocks_off >= sizeof(h) &&
                  h.blocks_off <= (uint64_t)size &&
                  h.nblocks * sizeof(uint64_t) <= (uint64_t)size - h.blocks_off;
    uint64_t *sums = tab_ok ? xmalloc(h.nblocks ? h.nblocks * sizeof(uint64_t) : 1) : NULL;
    if (tab_ok && h.nblocks &&
        pread(fd, sums, h.nblocks * sizeof(uint64_t), (off_t)h.blocks_off) !=
            (ssize_t)(h.nblocks * sizeof(uint64_t)))
        tab_ok = false;
    if (tab_ok && checksum(sums, h.nblocks * sizeof(uint64_t)) != h.blocks_sum)
        tab_ok = false;
    if (!tab_ok) {
        free(sums);
        close(fd);
        return corrupt(e, path, "the table of checksums");
    }
    /* not populated: a process maps in only the pages it reads */
    void *map = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        free(sums);
        return tcxd_fail(e, TCXD_EIO, "engine_file", "cannot map %s: %s", path, strerror(errno));
    }
    struct engine *eng = xcalloc(1, sizeof(*eng));
    pthread_mutex_init(&eng->lock, NULL);
    atomic_init(&eng->refs, 1);
    eng->map = map;
    eng->map_len = (size_t)size;
    eng->token = h.token;
    const struct file_counts *c = &h.counts;
    eng->norgs = c->norgs;
    eng->nvers = c->nvers;
    eng->nbounds = c->nbounds;
    eng->nmembers = c->nmembers;
    eng->ngaps = c->ngaps;
    eng->ngapm = c->ngapm;
    eng->nst = c->nst;
    eng->nev = c->nev;
    eng->nprof = c->nprof;
    eng->org_slot.cap = c->org_slot_cap;
    eng->member_idx.cap = c->member_idx_cap;
    eng->org_slot.base = c->org_slot_base;
    eng->member_idx.base = c->member_idx_base;
    eng->org_slot.dense = c->org_slot_dense != 0;
    eng->member_idx.dense = c->member_idx_dense != 0;
    for (int a = 0; a < ENGINE_ATTR__MAX; a++) {
        eng->dict[a].n = c->dict_n[a];
        eng->dict[a].nslots = c->dict_nslots[a];
    }
    eng->search.nwords = c->nwords;
    eng->search.nmw = c->nmw;
    eng->search.nnid = c->nnid;
    eng->search.ncard = c->ncard;
    eng->bstr_len = c->bstr_len;
    eng->bytes = c->bytes;
    eng->build_ms = c->build_ms;
    bool ok = c->nprof <= ENGINE_PROF_MAX && c->norgs < UINT32_MAX && c->nmembers < UINT32_MAX &&
              c->nst < UINT32_MAX && c->nwords < UINT32_MAX && c->nmw < UINT32_MAX &&
              c->bstr_len <= UINT32_MAX && c->nbounds < UINT32_MAX;
    struct sect_desc d[S__MAX];
    describe(eng, d);
    d[S_POOL].len = c->pool_len;
    char *base = map;
    struct engine_file_blocks *fb = xcalloc(1, sizeof(*fb));
    eng->blocks = fb;
    fb->base = base;
    fb->nblocks = h.nblocks;
    fb->sum = sums;
    fb->ok = xcalloc(h.nblocks ? h.nblocks : 1, sizeof(*fb->ok));
    fb->nsect = S__MAX;
    fb->sect_off = xmalloc(S__MAX * sizeof(uint64_t));
    fb->sect_len = xmalloc(S__MAX * sizeof(uint64_t));
    fb->sect_block = xmalloc(S__MAX * sizeof(uint64_t));
    for (int k = 0; k < ENGINE_COL__MAX; k++)
        fb->col_sect[k] = col_sect[k];
    snprintf(fb->path, sizeof(fb->path), "%s", path);
    for (int k = 0; ok && k < S__MAX; k++) {
        const struct file_sect *s = &h.sect[k];
        ok = s->len == d[k].len && s->off % FILE_ALIGN == 0 && s->off >= sizeof(h) &&
             s->off <= (uint64_t)size && s->len <= (uint64_t)size - s->off &&
             s->block <= h.nblocks && NBLOCKS(s->len) <= h.nblocks - s->block;
        fb->sect_off[k] = s->off;
        fb->sect_len[k] = s->len;
        fb->sect_block[k] = s->block;
        if (ok && d[k].dst)
            *d[k].dst = base + s->off;
    }
    /* the small sections are checked now, the others as they are read */
    for (int k = 0; ok && k < S__MAX; k++)
        if (!sect_uses(k))
            ok = verify_sect(fb, k);
    if (!ok) {
        engine_free(eng);
        return corrupt(e, path, "a section's length, place or checksum");
    }
    /* the strings held by pointer: the few structures holding them are copied (the mapping is
       read-only) and their offsets into the pool become pointers */
    int copies[] = {S_ORGS, S_VERS, S_DICT_VALUES0, S_DICT_VALUES1, S_DICT_VALUES2, S_WORDS};
    for (size_t i = 0; i < sizeof(copies) / sizeof(copies[0]); i++) {
        void *cp = xmalloc(d[copies[i]].len ? d[copies[i]].len : 1);
        memcpy(cp, *d[copies[i]].dst, d[copies[i]].len);
        *d[copies[i]].dst = cp;
        eng->map_copies[i] = cp;
    }
    const char *pool = base + h.sect[S_POOL].off;
    uint64_t plen = h.sect[S_POOL].len;
    for (size_t i = 0; ok && i < eng->norgs; i++)
        ok = fix_ptr(&eng->orgs[i].code, pool, plen);
    for (size_t i = 0; ok && i < eng->nvers; i++)
        ok = fix_ptr(&eng->vers[i].name, pool, plen);
    for (int a = 0; a < ENGINE_ATTR__MAX; a++)
        for (size_t i = 0; ok && i < eng->dict[a].n; i++)
            ok = fix_ptr(&eng->dict[a].values[i], pool, plen);
    for (size_t i = 0; ok && i < eng->search.nwords; i++)
        ok = fix_ptr(&eng->search.words[i].orig, pool, plen) &&
             fix_ptr(&eng->search.words[i].fold, pool, plen) &&
             fix_ptr(&eng->search.words[i].lower, pool, plen);
    /* the pool and the strings end with a NUL (no string runs off its section) */
    ok = ok && (!plen || pool[plen - 1] == 0) &&
         (!eng->bstr_len || eng->bstr[eng->bstr_len - 1] == 0);
    if (!ok) {
        engine_free(eng);
        return corrupt(e, path, "a string outside its section");
    }
    eng->npool = 1;
    eng->pool = xmalloc(sizeof(*eng->pool));
    eng->pool_len = xmalloc(sizeof(*eng->pool_len));
    eng->pool[0] = (char *)pool;
    eng->pool_len[0] = plen;
    eng->versions = xcalloc(eng->nbounds + 1, sizeof(*eng->versions));
    *out = eng;
    return TCXD_OK;
}
