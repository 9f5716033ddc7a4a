/*
 * engine_file.h - checking an engine mapped from its cache file, lazily (private to src/engine).
 *
 * The file holds a checksum of every 1 MiB block of every section. Mapping it reads and checks
 * only the header, the table of block checksums and the small sections (organizations, the
 * tree's versions, dictionaries, words); a block of a large column is checked before it is
 * first read: by engine_acquire_for for the parts its caller names (enum engine_use), by
 * engine_list row by row, and otherwise by engine_need on entry to a reader (a damaged block
 * found there ends the process, the file removed: a caller that names its parts never gets
 * there). A block that does not match its checksum is never read: the file is removed and
 * the engine built afresh. An engine that was built (not mapped) has no blocks: every check
 * is a NULL test.
 */
#ifndef TCXD_ENGINE_ENGINE_FILE_H
#define TCXD_ENGINE_ENGINE_FILE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/engine_internal.h"

/* The columns that are checked block by block (the others are checked when mapped). */
enum engine_col {
    ENGINE_COL_MEMBERS,   /* eng->m */
    ENGINE_COL_MST,       /* eng->mst */
    ENGINE_COL_MST_OFF,   /* eng->mst_off */
    ENGINE_COL_BSTR,      /* eng->bstr */
    ENGINE_COL_MW,        /* eng->search.mw */
    ENGINE_COL_MW_OFF,    /* eng->search.mw_off */
    ENGINE_COL_POST,      /* eng->search.post */
    ENGINE_COL_NID,       /* eng->search.nid */
    ENGINE_COL_CARD,      /* eng->search.card */
    ENGINE_COL_ST_MEMBER, /* eng->st_member */
    ENGINE_COL_GAP_OFF,   /* eng->gap_off */
    ENGINE_COL_EV,        /* eng->ev (checked whole: ENGINE_USE_EVENTS) */
    ENGINE_COL_MREG,      /* eng->search.mreg */
    ENGINE_COL__MAX
};

#define ENGINE_FILE_BLOCK_SHIFT 20

struct engine_file_blocks {
    const char *base; /* the mapping */
    size_t nblocks;
    const uint64_t *sum; /* [nblocks] */
    atomic_uchar *ok;    /* [nblocks]: 1 checked, 2 damaged */
    uint64_t *sect_off;  /* per section of the file: offset, length, first block */
    uint64_t *sect_len;
    uint64_t *sect_block;
    size_t nsect;
    int col_sect[ENGINE_COL__MAX]; /* the file section of each column */
    atomic_uint uses;              /* enum engine_use bits checked */
    atomic_bool damaged;           /* a block did not match: the engine is dropped */
    char path[1100];
};

/* Checks block k (computes its checksum); false when it is damaged (the file is removed). */
bool engine_file_check_block(struct engine_file_blocks *b, size_t k);

/* Whether bytes [off, off + len) of column c can be read: true for a built engine or once
   their blocks are checked; false when one is damaged. */
static inline bool engine_file_ok(struct engine_file_blocks *b, enum engine_col c, size_t off,
                                  size_t len)
{
    if (!b || !len)
        return true;
    int s = b->col_sect[c];
    size_t first = (size_t)b->sect_block[s];
    size_t lo = first + (off >> ENGINE_FILE_BLOCK_SHIFT);
    size_t hi = first + ((off + len - 1) >> ENGINE_FILE_BLOCK_SHIFT);
    for (size_t k = lo; k <= hi; k++) {
        unsigned char v = atomic_load_explicit(&b->ok[k], memory_order_acquire);
        if (v != 1 && (v == 2 || !engine_file_check_block(b, k)))
            return false;
    }
    return true;
}

/* Checks every block of the parts `uses` (enum engine_use) not yet checked; false when one is
   damaged. True at once for a built engine. */
bool engine_file_verify(struct engine *eng, unsigned uses);
/* engine_file_verify for a reader that cannot fail: a damaged block ends the process (the
   file is removed first, so the next process builds). */
void engine_file_need_slow(const struct engine *eng, unsigned uses);
void engine_file_blocks_free(struct engine_file_blocks *b);
/* Where column c lies in the file of a mapped engine (tests damage it): false when built. */
bool engine_file_col_place(const struct engine *eng, enum engine_col c, uint64_t *off,
                           uint64_t *len);

/* On entry to a reader of the parts `uses`: nothing for a built engine or parts checked. */
static inline void engine_need(const struct engine *eng, unsigned uses)
{
    if (eng->delta && (uses & ~ENGINE_USE_COUNTS))
        BUG("a reader of engine parts a delta does not hold was given a view");
    if (eng->blocks &&
        (atomic_load_explicit(&eng->blocks->uses, memory_order_acquire) & uses) != uses)
        engine_file_need_slow(eng, uses);
}

#endif
