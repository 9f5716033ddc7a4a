/*
 * demo_util.c - the demo generator's random numbers, weighted choice, exact allocation,
 * organization codes and the plan's storage.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_internal.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* ---- xoshiro256** (Blackman & Vigna), seeded with splitmix64 -------------------------------- */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * 0xd1342543de82ef95ull + 0x2545f4914f6cdd1dull);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint32_t rng_below(struct rng *r, uint32_t n)
{
    /* Lemire's multiply-shift; the tiny bias is irrelevant for demo data */
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int rng_range(struct rng *r, int lo, int hi)
{
    if (hi <= lo)
        return lo;
    return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

double rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

bool rng_chance(struct rng *r, double p)
{
    return rng_unit(r) < p;
}

int rng_round(struct rng *r, double x)
{
    if (x <= 0)
        return 0;
    int n = (int)x;
    return n + (rng_chance(r, x - n) ? 1 : 0);
}

void wtable_init(struct wtable *t, const double *w, size_t n)
{
    t->cum = xmalloc((n ? n : 1) * sizeof(*t->cum));
    t->n = n;
    double s = 0;
    for (size_t i = 0; i < n; i++) {
        s += w[i] > 0 ? w[i] : 0;
        t->cum[i] = s;
    }
}

size_t wtable_pick(const struct wtable *t, struct rng *r)
{
    double x = rng_unit(r) * t->cum[t->n - 1];
    size_t lo = 0, hi = t->n - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->cum[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

void wtable_release(struct wtable *t)
{
    free(t->cum);
    t->cum = NULL;
    t->n = 0;
}

/* ---- exact allocation ---------------------------------------------------------------------- */

static int64_t alloc_at(double lambda, const double *w, const int32_t *lo, const int32_t *hi,
                        size_t n, int32_t *out)
{
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        double x = floor(lambda * w[i]);
        int64_t v = x > 2e9 ? 2000000000 : (int64_t)x;
        if (v < lo[i])
            v = lo[i];
        if (hi && v > hi[i])
            v = hi[i];
        out[i] = (int32_t)v;
        sum += v;
    }
    return sum;
}

static const double *frac_w;
static double frac_lambda;
static int cmp_frac(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    double fi = frac_lambda * frac_w[i] - floor(frac_lambda * frac_w[i]);
    double fj = frac_lambda * frac_w[j] - floor(frac_lambda * frac_w[j]);
    if (fi != fj)
        return fi > fj ? -1 : 1;
    return i < j ? -1 : 1;
}

void demo_allocate(int64_t total, const double *w, const int32_t *lo, const int32_t *hi, size_t n,
                   int32_t *out)
{
    if (!n)
        return;
    double a = 0, b = 1;
    while (alloc_at(b, w, lo, hi, n, out) < total && b < 1e15)
        b *= 2;
    for (int it = 0; it < 200; it++) {
        double m = (a + b) / 2;
        if (alloc_at(m, w, lo, hi, n, out) <= total)
            a = m;
        else
            b = m;
    }
    int64_t left = total - alloc_at(a, w, lo, hi, n, out);
    if (left <= 0)
        return;
    size_t *idx = xmalloc(n * sizeof(*idx));
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    frac_w = w;
    frac_lambda = a;
    qsort(idx, n, sizeof(*idx), cmp_frac);
    while (left > 0) {
        int64_t before = left;
        for (size_t k = 0; k < n && left > 0; k++) {
            size_t i = idx[k];
            if (hi && out[i] >= hi[i])
                continue;
            out[i]++;
            left--;
        }
        if (left == before)
            BUG("demo_allocate: total %lld above the upper bounds", (long long)total);
    }
    free(idx);
}

/* ---- codes ---------------------------------------------------------------------------------- */

void demo_initials(const char *name, char *out, size_t n)
{
    struct buf f = BUF_INIT;
    text_fold(name, &f);
    size_t k = 0;
    const char *p = f.ptr;
    while (*p && k + 1 < n) {
        while (*p == ' ' || *p == '-' || *p == '.' || *p == '\'')
            p++;
        if (!*p)
            break;
        if (*p >= '0' && *p <= '9') {
            while (*p >= '0' && *p <= '9' && k + 1 < n)
                out[k++] = *p++;
        } else {
            char c = *p;
            if (c >= 'a' && c <= 'z')
                out[k++] = (char)(c - 'a' + 'A');
            else if (c >= 'A' && c <= 'Z')
                out[k++] = c;
        }
        while (*p && *p != ' ' && *p != '-')
            p++;
    }
    out[k] = '\0';
    buf_release(&f);
}

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static bool code_used(const struct demo_plan *p, const char *code)
{
    if (!p->codes_cap)
        return false;
    for (size_t i = hash_str(code) & (p->codes_cap - 1);; i = (i + 1) & (p->codes_cap - 1)) {
        if (!p->codes[i])
            return false;
        if (!strcmp(p->codes[i], code))
            return true;
    }
}

static void code_add(struct demo_plan *p, const char *code)
{
    if ((p->ncodes + 1) * 2 > p->codes_cap) {
        size_t ncap = p->codes_cap ? p->codes_cap * 2 : 1024;
        char **old = p->codes;
        size_t ocap = p->codes_cap;
        p->codes = xcalloc(ncap, sizeof(*p->codes));
        p->codes_cap = ncap;
        for (size_t i = 0; i < ocap; i++) {
            if (!old[i])
                continue;
            size_t j = hash_str(old[i]) & (ncap - 1);
            while (p->codes[j])
                j = (j + 1) & (ncap - 1);
            p->codes[j] = old[i];
        }
        free(old);
    }
    size_t j = hash_str(code) & (p->codes_cap - 1);
    while (p->codes[j])
        j = (j + 1) & (p->codes_cap - 1);
    p->codes[j] = xstrdup(code);
    p->ncodes++;
}

void demo_plan_unique_code(struct demo_plan *p, const char *parent_code, const char *want,
                           char out[33])
{
    for (int k = 1;; k++) {
        if (k == 1)
            snprintf(out, 33, "%s%s%s", parent_code ? parent_code : "", parent_code ? "." : "",
                     want);
        else
            snprintf(out, 33, "%s%s%s%d", parent_code ? parent_code : "", parent_code ? "." : "",
                     want, k);
        if (!code_used(p, out))
            return;
    }
}

/* ---- plan storage ---------------------------------------------------------------------------- */

#define NID_BUCKETS (100 * 4 * 100)

void demo_plan_init(struct demo_plan *p, const struct demo_data *d, uint64_t seed, tcxd_date as_of,
                    tcxd_date end)
{
    memset(p, 0, sizeof(*p));
    p->data = d;
    p->seed = seed;
    p->as_of = as_of;
    p->end = end;
    p->nid_serial = xcalloc(NID_BUCKETS, sizeof(*p->nid_serial));
}

void demo_plan_reset(struct demo_plan *p)
{
    for (size_t i = 0; i < p->norgs; i++)
        free(p->orgs[i].name);
    p->norgs = p->nops = p->npeople = p->nevs = 0;
}

void demo_plan_release(struct demo_plan *p)
{
    demo_plan_reset(p);
    free(p->orgs);
    free(p->ops);
    free(p->people);
    free(p->evs);
    free(p->nid_serial);
    for (size_t i = 0; i < p->codes_cap; i++)
        free(p->codes[i]);
    free(p->codes);
    memset(p, 0, sizeof(*p));
}

int32_t demo_plan_add_org(struct demo_plan *p, const char *code, const char *name,
                          enum org_tier tier, enum org_form form, enum org_base_type bt,
                          int32_t parent)
{
    if (code_used(p, code))
        BUG("demo: organization code '%s' planned twice", code);
    code_add(p, code);
    ALLOC_GROW(p->orgs, p->norgs + 1, p->orgs_cap);
    struct demo_org *o = &p->orgs[p->norgs];
    memset(o, 0, sizeof(*o));
    snprintf(o->code, sizeof(o->code), "%s", code);
    o->name = xstrdup(name);
    o->tier = tier;
    o->form = form;
    o->base_type = bt;
    o->parent = parent;
    o->above = tier == ORG_TIER_ABOVE_BASE ? (int32_t)p->norgs
                                           : (parent >= 0 ? p->orgs[parent].above : -1);
    o->dec = (parent >= 0 && tier != ORG_TIER_ABOVE_BASE) ? p->orgs[o->above].dec : "TU";
    o->created = DATE_OPEN_END;
    if (parent >= 0)
        p->orgs[parent].nkids++;
    return (int32_t)p->norgs++;
}
