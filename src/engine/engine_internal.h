/*
 * engine_internal.h - the engine's columns, private to src/engine.
 */
#ifndef TCXD_ENGINE_ENGINE_INTERNAL_H
#define TCXD_ENGINE_ENGINE_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>

#include "engine/engine.h"
#include "store/store_engine.h"

/* id -> index: open addressing, or (dense) vals[id - base] when the ids are nearly 1..N, as a
   store's row ids are (a direct load instead of a probe: the build looks ids up ~60 M times at
   national scale). Read it through idmap_get only. */
struct idmap {
    int64_t *keys;  /* NULL when dense */
    uint32_t *vals; /* UINT32_MAX empty */
    size_t cap;     /* slots, or ids covered when dense */
    int64_t base;   /* dense: the smallest id */
    bool dense;
};
/* Room for n ids between lo and hi (dense when that range is at most about twice n). */
void idmap_init(struct idmap *m, size_t n, int64_t lo, int64_t hi);
void idmap_put(struct idmap *m, int64_t id, uint32_t v);
uint32_t idmap_probe(const struct idmap *m, int64_t id); /* the hashed case of idmap_get */
static inline uint32_t idmap_get(const struct idmap *m, int64_t id)
{
    if (m->dense) {
        uint64_t k = (uint64_t)id - (uint64_t)m->base;
        return k < m->cap ? m->vals[k] : UINT32_MAX;
    }
    return idmap_probe(m, id);
}
void idmap_release(struct idmap *m);

struct engine_org_row {
    int64_t id;
    const char *code;
    enum org_tier tier;
    enum org_form form;
    enum org_base_type base_type;
    tcxd_date created_on, ended_on;
};

struct org_version_raw {
    int64_t org_id, parent_id;
    uint32_t slot;
    tcxd_date from, to;
    const char *name;
    enum org_tier tier; /* this version's kind (re-tiered organizations change it) */
    enum org_form form;
    enum org_base_type base_type;
};

/* One version of the tree: positions in pre-order. */
struct engine_version {
    size_t n;
    struct engine_org *orgs; /* [n] */
    uint32_t *slot_of_pos;   /* [n] */
    uint32_t *pos_of_slot;   /* [norgs], TREE_NONE when absent that day */
    struct org_tree tree;    /* node i = position i */
};

#define ENGINE_DICT_MAX 65535
struct engine_dict {
    const char **values;
    size_t n, cap;
    uint32_t *slots;
    size_t nslots;
};

struct engine_member_row {
    int64_t id;
    uint32_t name;     /* the full name: offset in eng->bstr */
    uint32_t org_slot; /* org_id's slot, UINT32_MAX when unknown */
    int64_t org_id;
    tcxd_date birth, first_decision, ceremony, official, died;
    uint16_t attr[ENGINE_ATTR__MAX];
    uint8_t gender, theory, status;
};

/* A member's profile: one entry of eng->prof for each distinct combination of the coded
   attributes the breakdowns count, so that a registration carries one small code for them all
   and a breakdown counts a member with one increment of a (profile x age band) cell. */
struct engine_prof {
    uint16_t attr[ENGINE_ATTR__MAX];
    uint8_t gender, theory;
};
#define ENGINE_PROF_MAX (1u << 20)

/* A registration's columns: its first and last days (st_from, st_to: the columns scanned for a
   date, 4 bytes each) and, beside them, its status and its member's coded attributes (8 bytes,
   read only for the registrations that hold the date). The member's index is in the parallel
   column st_member. Birth and first admission decision are days since ENGINE_DAY0 in 16 bits
   (1900-01-01 to 2079-06-05; ENGINE_DAY_NONE: no decision); a member outside them, or with
   gaps in the membership, is an exception: `prof` is then its entry in eng->gapm, which holds
   its dates and profile (exc set). */
#define ENGINE_DAY0     (-25567) /* 1900-01-01 */
#define ENGINE_DAY_NONE 0xFFFFu
struct engine_stint {
    uint16_t birth, first_decision;
    /* prof: eng->prof[] (eng->gapm[] when exc); cur: the member's current chi bộ (its org_id)
       is this registration's organization */
    uint32_t prof : 20, status : 3, kind : 1, exc : 1, cur : 1;
};

/* A member whose registrations are exceptions (gaps, or dates outside 16 bits). */
struct engine_gapm {
    tcxd_date first_decision, died, birth;
    uint32_t lo, hi;       /* gaps[lo, hi), empty when none */
    uint32_t prof;         /* eng->prof[] */
    struct member_gap one; /* gaps[lo] when it is the only one: no second access */
};
/* The member's gaps as member_party_age_years_of takes them. */
static inline const struct member_gap *engine_gapm_gaps(const struct member_gap *gaps,
                                                        const struct engine_gapm *g)
{
    return g->hi - g->lo == 1 ? &g->one : gaps + g->lo;
}

/* The member events by date, then id (the store's order within a member: one pass replays
   every member at once, engine_review.c): 20 bytes. */
struct engine_event {
    tcxd_date date;
    uint32_t member;
    uint32_t from_slot, to_slot; /* where it is placed (engine_count_events) */
    uint8_t kind;
    int8_t form;
};

/* A member's registrations, grouped by member (lists and searches look a member up). */
struct engine_mstint {
    uint32_t slot;
    tcxd_date from, to;
    uint8_t kind, status;
};

struct engine_word {
    const char *orig, *fold, *lower; /* as written, text_fold, case-folded with diacritics */
};
struct engine_idref {
    uint32_t s; /* offset in eng->bstr */
    uint32_t member;
};
/* A member's registrations in short (engine_search_regs), so that a search counts most
   candidates without reading them: [lo, hi) is the last unbroken run of its registrations
   (kind STINT_REGISTERED) in one organization, slot's, and it has no registration from hi on.
   Flags in slot's high bits: RUN (there is such a run), TEMP (it has a temporary stay too),
   CUR (that organization is its current chi bộ), ONLY (no registration before lo either). */
struct engine_mreg {
    tcxd_date lo, hi;
    uint32_t slot;
};
#define ENGINE_MREG_RUN  (1u << 31)
#define ENGINE_MREG_TEMP (1u << 30)
#define ENGINE_MREG_CUR  (1u << 29)
#define ENGINE_MREG_ONLY (1u << 28)
#define ENGINE_MREG_SLOT (ENGINE_MREG_ONLY - 1)

struct engine_search {
    struct engine_word *words; /* distinct words of names */
    size_t nwords, words_cap;
    uint32_t *slots; /* word hash on orig: id + 1 */
    size_t nslots;
    uint32_t *by_fold;     /* word ids sorted by fold */
    uint32_t *fold_pos;    /* word id -> position in by_fold */
    uint32_t *mw, *mw_off; /* each member's word ids in name order */
    size_t nmw, mw_cap;
    uint32_t *post, *post_off;       /* members of each by_fold position, in roll order */
    uint32_t *roll;                  /* member -> position in roll order */
    struct engine_mreg *mreg;        /* [nmembers], made once the registrations are read */
    struct engine_idref *nid, *card; /* sorted */
    size_t nnid, ncard, nid_cap, card_cap;
    /* the roll-order keys while building */
    char *keys;
    size_t keys_len, keys_cap;
    size_t *key_off;
    uint32_t *key_len;
    size_t mcap; /* members the three arrays above and mw_off have room for */
};

struct engine {
    atomic_int refs;
    pthread_mutex_t lock; /* the version cache */
    struct store_change_token token;
    double build_ms;
    size_t bytes;
    /* organizations, by slot (code order) */
    struct engine_org_row *orgs;
    size_t norgs, orgs_cap;
    struct idmap org_slot;
    struct org_version_raw *vers; /* sorted by (slot, from) */
    size_t nvers;
    uint32_t *ver_off; /* [norgs + 1] */
    tcxd_date *bounds; /* sorted dates where the tree may change */
    size_t nbounds;
    struct engine_version **versions; /* [nbounds + 1], made on first use */
    /* members */
    struct engine_member_row *m;
    size_t nmembers, members_cap;
    struct idmap member_idx;
    struct engine_dict dict[ENGINE_ATTR__MAX];
    struct member_gap *gaps;
    size_t ngaps;
    struct engine_gapm *gapm; /* the exceptions (members with gaps, few), compact */
    size_t ngapm, gapm_cap;
    uint32_t *gap_off; /* [nmembers + 1] */
    /* the members' profiles (struct engine_prof) */
    struct engine_prof *prof;
    size_t nprof, prof_cap;
    uint32_t *prof_slots; /* hash of the profiles while building: id + 1 */
    size_t nprof_slots;
    /* registrations by slot, then first day */
    tcxd_date *st_from, *st_to; /* [nst] */
    struct engine_stint *st;    /* [nst] */
    uint32_t *st_member;        /* [nst] */
    size_t nst;
    uint32_t *st_off; /* [norgs + 1] */
    /* events by date, then id */
    struct engine_event *ev;
    size_t nev;
    struct engine_search search;
    struct engine_mstint *mst; /* by member, then from */
    uint32_t *mst_off;         /* [nmembers + 1] */
    /* string storage: the few strings held by pointer (codes, names of organizations, words,
       attribute values) in blocks; the members' names and ids, by offset, in one array (what
       the cache file maps without fixing pointers up) */
    char **pool;
    size_t *pool_len; /* bytes used in each block */
    size_t npool, pool_blocks_cap, pool_used, pool_cap;
    char *bstr;
    size_t bstr_len, bstr_cap;
    /* a cache file's mapping (engine_file.c) when the engine was loaded from one: the arrays
       point into it, nothing of them is freed */
    void *map;
    size_t map_len;
    void *map_copies[6];               /* the sections with pointers, copied out of it */
    struct engine_file_blocks *blocks; /* the blocks' checksums, what is checked (engine_file.h) */
    /* a view (engine_delta.h): the base whose columns it shares (a reference), the members
       changed since laid over them */
    struct engine *base;
    struct engine_delta *delta;
    /* the members probationary today by current chi bộ (slot), then id: made on first use by
       the due list (behind lock) */
    uint32_t *prob, *prob_off; /* member indexes; [norgs + 1] */
    tcxd_date *prob_due;       /* [prob_off[norgs]]: member_due_compute's due and deadline */
    tcxd_date *prob_deadline;
    atomic_bool prob_made;
};

static inline const struct engine_prof *engine_st_prof(const struct engine *eng,
                                                       const struct engine_stint *s)
{
    return &eng->prof[s->exc ? eng->gapm[s->prof].prof : s->prof];
}
/* The registration's member's birth date and first admission decision (DATE_NONE: none). */
static inline tcxd_date engine_st_birth(const struct engine *eng, const struct engine_stint *s)
{
    return s->exc ? eng->gapm[s->prof].birth : ENGINE_DAY0 + (tcxd_date)s->birth;
}
static inline tcxd_date engine_st_first_decision(const struct engine *eng,
                                                 const struct engine_stint *s)
{
    if (s->exc)
        return eng->gapm[s->prof].first_decision;
    return s->first_decision == ENGINE_DAY_NONE ? DATE_NONE
                                                : ENGINE_DAY0 + (tcxd_date)s->first_decision;
}

#define ENGINE_BSTR(eng, off) ((const char *)(eng)->bstr + (off))
uint32_t engine_bstr_add(struct engine *eng, const char *s);

/* The end of the registrations of slot that may hold day `on`: [st_off[slot], end) are those
   that began by `on` (a slot's registrations are sorted by their first day); those among them
   that ended by `on` remain to be skipped. */
uint32_t engine_slot_end(const struct engine *eng, uint32_t slot, tcxd_date on);
const struct engine_version *engine_version_get(const struct engine *eng, uint32_t k);
uint32_t engine_version_index(const struct engine *eng, tcxd_date d);
char *engine_pool_strdup(struct engine *eng, const char *s);
/* search index (engine_search.c) */
void engine_search_add_member(struct engine *eng, uint32_t idx,
                              const struct store_engine_member *m);
void engine_search_finish(struct engine *eng);
void engine_search_regs(struct engine *eng); /* once eng->mst is made */
void engine_search_release(struct engine *eng);
/* engine_list keeps a page's rows in a heap up to this page end, past it every row and selects
   the page (a variable so that tests take both paths on small data) */
extern size_t engine_heap_keep_max;
void engine_free(struct engine *eng);

#endif
