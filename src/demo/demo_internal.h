/*
 * demo_internal.h - private to src/demo: the random generator, weighted choice, exact integer
 * allocation, the embedded name and administrative-unit data, and the in-memory plan (the
 * organizations, people and their events) that demo.c writes through the store.
 *
 * Ownership: a struct demo_plan owns its arrays and org names (demo_plan_release); struct
 * demo_data owns the parsed copies of the embedded CSV files (demo_data_release).
 */
#ifndef TCXD_DEMO_INTERNAL_H
#define TCXD_DEMO_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/member.h"
#include "core/org.h"
#include "demo/demo.h"
#include "util/date.h"

/* ---- random numbers: xoshiro256** seeded through splitmix64 -------------------------------- */

struct rng {
    uint64_t s[4];
};
/* Independent streams: the same (seed, stream) always gives the same sequence. */
void rng_seed(struct rng *r, uint64_t seed, uint64_t stream);
uint64_t rng_next(struct rng *r);
uint32_t rng_below(struct rng *r, uint32_t n); /* uniform in [0, n), n > 0 */
int rng_range(struct rng *r, int lo, int hi);  /* uniform in [lo, hi] */
double rng_unit(struct rng *r);                /* uniform in [0, 1) */
bool rng_chance(struct rng *r, double p);
/* How many events of a rate: floor(x) plus one with probability frac(x). */
int rng_round(struct rng *r, double x);

/* Weighted choice over n items (cumulative table, binary search). */
struct wtable {
    double *cum;
    size_t n;
};
void wtable_init(struct wtable *t, const double *w, size_t n);
size_t wtable_pick(const struct wtable *t, struct rng *r);
void wtable_release(struct wtable *t);

/*
 * Splits total into out[0..n) proportionally to w, each within [lo[i], hi[i]] (hi NULL: no
 * upper bound), exactly: out sums to total. Requires sum(lo) <= total <= sum(hi).
 */
void demo_allocate(int64_t total, const double *w, const int32_t *lo, const int32_t *hi, size_t n,
                   int32_t *out);

/* ---- embedded data -------------------------------------------------------------------------- */

struct demo_unit {
    const char *province_code, *province, *district_code, *district, *ward_code, *ward;
};

struct demo_names {
    char **parts;
    size_t n;
    struct wtable male, female; /* the same parts weighted for each gender */
};

struct demo_data {
    struct demo_unit *units; /* pre-2025 communes, CSV order */
    size_t nunits;
    struct demo_names surname, middle, given;
    char *blob[4]; /* the copies the strings above point into */
};

enum tcxd_err demo_data_load(struct demo_data *d, struct tcxd_error *e) TCXD_WUR;
/* A data file compiled in (by its base name), NULL when absent. */
const char *demo_file(const char *name, size_t *len);
void demo_data_release(struct demo_data *d);
/* A name part made of Vietnamese letters only (words separated by single spaces), after
   text_clean: rejects mojibake, typos with foreign letters and punctuation. */
bool demo_name_part_ok(const char *s);

/* ---- the plan ------------------------------------------------------------------------------- */

/* What kind of people a chi bộ holds (age, gender, education, rates). */
enum demo_cat {
    CAT_RES_URBAN,
    CAT_RES_RURAL,
    CAT_AGENCY,
    CAT_SCHOOL,
    CAT_HEALTH,
    CAT_SOE,
    CAT_PRIVATE,
    CAT_UNI,
    CAT_STUDENT,
    CAT_POLICE,
    CAT_MILITARY,
    CAT__MAX
};

struct demo_org {
    char code[33];
    char *name;
    enum org_tier tier;
    enum org_form form;
    enum org_base_type base_type;
    int32_t parent; /* index, -1 for a root */
    int32_t above;  /* index of the nearest above-base ancestor (itself if above-base) */
    int32_t nkids;  /* planning: child count so far (names and codes of chi bộ) */
    uint8_t cat;    /* enum demo_cat of a chi bộ (of a base org: its main category) */
    bool merged;    /* merged into another chi bộ before the as-of date */
    int32_t target; /* chi bộ: registered members on the as-of date */
    double weight;  /* planning: expected size */
    tcxd_date created;
    int64_t id;      /* the store's id once written */
    const char *dec; /* decision-number suffix of the committee above ("QU", "HU", "ĐU") */
};

enum demo_op_kind { DEMO_OP_MERGE, DEMO_OP_MOVE };
struct demo_op {
    enum demo_op_kind kind;
    int32_t org, other; /* merge: org into other; move: org under other */
    tcxd_date date;
};

/* One lifecycle fact of a planned person; kind MEV_ADMIT again means a re-admission. */
struct demo_ev {
    tcxd_date date, decision, until;
    int32_t org; /* -1 when not applicable */
    uint8_t kind;
    int8_t form;
};

/* Values of the personal fields, indexed by struct demo_person's small fields. */
extern const char *const demo_ethnicities[15];
extern const char *const demo_religions[6];
extern const char *const demo_education[4];
extern const char *const demo_professional[7];

#define DEMO_MIDDLE_THI UINT32_MAX /* middle name "Thị" */

struct demo_person {
    tcxd_date birth;
    uint32_t surname, middle, given;
    uint32_t home; /* index into data->units */
    uint32_t ev0;  /* first event in plan->evs */
    uint16_t nev;
    uint8_t gender, eth, rel, edu, prof, theory;
    bool merge_block; /* admitted into a chi bộ that is merged away later */
    uint64_t nid;     /* 12-digit national ID */
    int64_t id;       /* the store's member id once written */
    uint32_t card;    /* party card number, 0 none */
};

struct demo_plan {
    const struct demo_data *data;
    uint64_t seed;
    tcxd_date as_of, end;   /* figures date; history ends at end (today) */
    bool national_home;     /* hometowns spread over the whole country */
    int nmerges;            /* chi bộ merges to plan per province */
    double overdue_rate;    /* share of recent admissions left without recognition */
    int64_t root_parent_id; /* store id of the parent of the province committee, 0 none */
    struct demo_org *orgs;
    size_t norgs, orgs_cap;
    struct demo_op *ops;
    size_t nops, ops_cap;
    struct demo_person *people;
    size_t npeople, people_cap;
    struct demo_ev *evs;
    size_t nevs, evs_cap;
    /* national-ID serials per (province, century/gender digit, 2-digit year) */
    uint32_t *nid_serial;
    uint32_t card_serial;
    int64_t dropped; /* planned events after the as-of date the rules refused (dropped) */
    /* codes in use (open addressing over code strings) */
    char **codes;
    size_t codes_cap, ncodes;
};

/* Province-level description of what to build under one root. */
struct demo_spec {
    const char *province_code;         /* "01" */
    const char *root_code;             /* "HN" */
    const char *const *district_codes; /* NULL: all districts of the province */
    int communes_per_district;         /* 0: all */
    int max_districts;                 /* 0: all; else the first ones */
    int nblocs;                        /* bloc committees: the Hà Nội table, or 4 generic */
    bool hanoi_blocs;
    int64_t base, partial, branches, members; /* exact totals under the root */
};

void demo_plan_init(struct demo_plan *p, const struct demo_data *d, uint64_t seed, tcxd_date as_of,
                    tcxd_date end);
void demo_plan_release(struct demo_plan *p);
/* Drops people, events and organizations (a province is done); keeps serials and codes. */
void demo_plan_reset(struct demo_plan *p);
int32_t demo_plan_add_org(struct demo_plan *p, const char *code, const char *name,
                          enum org_tier tier, enum org_form form, enum org_base_type bt,
                          int32_t parent);
/* Makes code unique by extending or numbering it; writes the full code into out[33]. */
void demo_plan_unique_code(struct demo_plan *p, const char *parent_code, const char *want,
                           char out[33]);

/* Builds the organizations of one province under parent (-1: the province is the root). */
enum tcxd_err demo_plan_orgs(struct demo_plan *p, const struct demo_spec *spec, int32_t parent,
                             struct tcxd_error *e) TCXD_WUR;
/* Plans every person of the organizations added so far, the merges and the move, and the
   organizations' creation dates. */
void demo_plan_people(struct demo_plan *p);

/* Folded initials of a place name ("Ba Đình" -> "BD", "Phường 12" -> "P12"). */
void demo_initials(const char *name, char *out, size_t n);

#endif
