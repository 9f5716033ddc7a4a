/*
 * engine_delta.h - an engine kept current after members' writes without a rebuild (private to
 * src/engine).
 *
 * When the store's change token differs from an engine's only by members' changes (the
 * organizations, their versions and events and the schema as they were; the audit records
 * since name members only, or records that change nothing the engine holds), the members
 * changed since are read again (a few indexed queries each) and laid over the engine as a
 * delta: a "view" engine that shares every column of its base (never copied, never written:
 * readers of the base go on undisturbed), masks the base's rows of those members, and holds
 * their rows as they are now. The counts (engine_breakdown, engine_node_counts) are the
 * base's with the masked members' contributions taken off and the delta's added; lists and
 * searches (engine_list) skip the masked members and take the delta's rows in their place
 * (in roll order among the base's). The other readers (engine_members, party ages by index,
 * event counts, the due list) are not served by a view: engine_acquire_for builds afresh for
 * them (engine_need refuses a view).
 *
 * A delta is always relative to a base (a built engine or one mapped from its cache file,
 * even a stale one): the next write makes a new view of the same base with every member
 * changed since it, until there are more than ENGINE_DELTA_MAX of them (then the engine is
 * built afresh). Ownership: a view holds a reference to its base and owns its delta.
 */
#ifndef TCXD_ENGINE_ENGINE_DELTA_H
#define TCXD_ENGINE_ENGINE_DELTA_H

#include "engine/engine_internal.h"

#define ENGINE_DELTA_MAX 20000

/* A base member's place in roll order, as a search's row key holds it: (base index + 1) << 10
   (engine_roll_of); a delta member takes a place between two of the base's, or before the first. */
#define ENGINE_ROLL_SHIFT 10
static inline uint64_t engine_roll_of(uint32_t m)
{
    return ((uint64_t)m + 1) << ENGINE_ROLL_SHIFT;
}

/* A member as it is now, from the store. */
struct engine_dmember {
    int64_t id;
    uint32_t base; /* its index in the base; UINT32_MAX: new since */
    uint64_t roll;
    char *name, *nid, *card;
    char **fold, **lower; /* the name's words: text_fold'ed, case-folded with diacritics */
    size_t nw;
    tcxd_date birth, first_decision, died;
    uint8_t gender, theory, status; /* status today */
    uint16_t attr[ENGINE_ATTR__MAX];
    int64_t org_id;
    uint32_t org_slot; /* UINT32_MAX when unknown */
    struct member_gap *gaps;
    size_t ngaps;
    struct engine_mstint *st; /* by first day */
    size_t nst;
};

struct engine_delta {
    unsigned char *masked; /* one bit per base member: its rows are the delta's */
    uint32_t *masked_idx;  /* the same as a list */
    size_t nmasked;
    struct engine_dmember *m;
    size_t n;
};

static inline bool engine_delta_masked(const struct engine *eng, uint32_t m)
{
    return eng->delta && (eng->delta->masked[m >> 3] >> (m & 7)) & 1;
}

/* A view of base current with the store at `now` (*out: a new engine, refcount 1), or
   ECONFLICT when the changes since base are not only members' or too many (build afresh). */
enum tcxd_err engine_delta_make(struct store *st, struct engine *base,
                                const struct store_change_token *now, struct engine **out,
                                struct tcxd_error *e) TCXD_WUR;
/* What engine_breakdown (out) or engine_node_counts (out NULL) adds for the delta of a view. */
void engine_delta_counts(const struct engine *eng, const struct engine_range *r,
                         int (*age_band)(int years), int (*party_age_band)(int years),
                         int64_t *official, int64_t *probationary, struct engine_breakdown *out);
void engine_delta_free(struct engine_delta *d);
/* false when TCXD_ENGINE_DELTA=0 in the environment: every change builds afresh */
bool engine_delta_enabled(void);
/* a name's words for a delta member (engine_search.c) */
void engine_search_words_of(const char *name, char ***fold, char ***lower, size_t *n);

#endif
