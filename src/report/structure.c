/*
 * structure.c - building the structure report: one snapshot per date (tree, counts, member
 * breakdowns), then the tables that put the two dates side by side.
 */
#include "report/structure.h"

#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "text/text.h"
#include "util/vnfmt.h"
#include "util/xmalloc.h"

/* ---- formats, bands ---------------------------------------------------------------------- */

static const char *const format_names[REPORT_FMT__MAX] = {"text", "table", "json", "csv", "xlsx"};
static const char *const format_mimes[REPORT_FMT__MAX] = {
    "text/plain; charset=utf-8", "text/plain; charset=utf-8", "application/json",
    "text/csv; charset=utf-8", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};

const char *report_format_name(enum report_format f)
{
    return (unsigned)f < REPORT_FMT__MAX ? format_names[f] : "?";
}

const char *report_format_mime(enum report_format f)
{
    return (unsigned)f < REPORT_FMT__MAX ? format_mimes[f] : "application/octet-stream";
}

enum tcxd_err report_format_parse(const char *s, enum report_format *out, struct tcxd_error *e)
{
    for (int i = 0; i < REPORT_FMT__MAX; i++)
        if (s && !strcmp(s, format_names[i])) {
            *out = (enum report_format)i;
            return TCXD_OK;
        }
    return tcxd_fail(e, TCXD_EINVAL, "format",
                     "invalid format '%s' (expected text, table, json, csv or xlsx)", s ? s : "");
}

static const char *const age_keys[REPORT_AGE_BANDS] = {"den_30", "31_40", "41_50",
                                                       "51_60",  "61_70", "tren_70"};
static const char *const age_labels[REPORT_AGE_BANDS] = {
    "Từ 30 tuổi trở xuống", "Từ 31 đến 40 tuổi", "Từ 41 đến 50 tuổi",
    "Từ 51 đến 60 tuổi",    "Từ 61 đến 70 tuổi", "Trên 70 tuổi"};
static const char *const party_age_keys[REPORT_AGE_BANDS] = {"duoi_10", "10_19", "20_29",
                                                             "30_39",   "40_49", "tu_50"};
static const char *const party_age_labels[REPORT_AGE_BANDS] = {
    "Dưới 10 năm",           "Từ 10 đến dưới 20 năm", "Từ 20 đến dưới 30 năm",
    "Từ 30 đến dưới 40 năm", "Từ 40 đến dưới 50 năm", "Từ 50 năm trở lên"};

int report_age_band(int years)
{
    if (years <= 30)
        return 0;
    if (years > 70)
        return 5;
    return (years - 31) / 10 + 1;
}

int report_party_age_band(int years)
{
    if (years < 0)
        return 0;
    return years >= 50 ? 5 : years / 10;
}

const char *report_age_band_key(int b)
{
    return b >= 0 && b < REPORT_AGE_BANDS ? age_keys[b] : "?";
}
const char *report_age_band_label(int b)
{
    return b >= 0 && b < REPORT_AGE_BANDS ? age_labels[b] : "?";
}
const char *report_party_age_band_key(int b)
{
    return b >= 0 && b < REPORT_AGE_BANDS ? party_age_keys[b] : "?";
}
const char *report_party_age_band_label(int b)
{
    return b >= 0 && b < REPORT_AGE_BANDS ? party_age_labels[b] : "?";
}

/* ---- the sentence ------------------------------------------------------------------------- */

static void add_count(struct buf *b, int64_t n, const char *noun)
{
    vnfmt_int(b, n);
    buf_addch(b, ' ');
    buf_adds(b, noun);
}

/* Joins parts as Vietnamese lists do: "a", "a và b", "a, b và c". */
static void add_list(struct buf *out, const struct buf *parts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_adds(out, i + 1 == n ? " và " : ", ");
        buf_add(out, parts[i].ptr, parts[i].len);
    }
}

void report_sentence(const char *name, const struct structure_counts *c, struct buf *out)
{
    struct buf parts[4] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
    size_t n = 0;
    if (c->base_dang_bo + c->base_chi_bo)
        add_count(&parts[n++], c->base_dang_bo + c->base_chi_bo, "tổ chức cơ sở đảng");
    if (c->partial)
        add_count(&parts[n++], c->partial, "đảng bộ bộ phận");
    if (c->branches)
        add_count(&parts[n++], c->branches, "chi bộ trực thuộc");
    if (c->members)
        add_count(&parts[n++], c->members, "đảng viên");
    buf_adds(out, name);
    bool any = c->direct_above_base || n;
    if (any)
        buf_adds(out, " có ");
    if (c->direct_above_base) {
        add_count(out, c->direct_above_base, "đảng bộ trực thuộc");
        if (n)
            buf_adds(out, " với ");
    }
    add_list(out, parts, n);
    if (!c->members)
        buf_adds(out, any ? ", chưa có đảng viên" : " chưa có đảng viên");
    buf_addch(out, '.');
    for (size_t i = 0; i < 4; i++)
        buf_release(&parts[i]);
}

void report_compare_sentence(tcxd_date then_date, const struct structure_counts *then,
                             const struct structure_counts *now, struct buf *out)
{
    struct {
        int64_t a, b;
        const char *noun;
    } figs[] = {
        {then->direct_above_base, now->direct_above_base, "đảng bộ trực thuộc"},
        {then->base_dang_bo + then->base_chi_bo, now->base_dang_bo + now->base_chi_bo,
         "tổ chức cơ sở đảng"},
        {then->partial, now->partial, "đảng bộ bộ phận"},
        {then->branches, now->branches, "chi bộ trực thuộc"},
        {then->members, now->members, "đảng viên"},
    };
    char d[DATE_ISO_LEN];
    date_format_vn(then_date, d);
    buf_addf(out, "So với ngày %s: ", d);
    bool first = true;
    for (size_t i = 0; i < ARRAY_SIZE(figs); i++) {
        if (!figs[i].a && !figs[i].b && i + 1 < ARRAY_SIZE(figs))
            continue;
        if (!first)
            buf_adds(out, ", ");
        first = false;
        buf_adds(out, figs[i].noun);
        buf_addch(out, ' ');
        vnfmt_change(out, figs[i].a, figs[i].b);
    }
    buf_addch(out, '.');
}

/* ---- counting strings --------------------------------------------------------------------- */

struct strcount {
    char *s;
    int64_t n;
};

/* A small open-addressing map from a string to a count (ethnicities, religions, ...). */
struct strmap {
    struct strcount *v;
    size_t n, cap;
    uint32_t *slots; /* index + 1; 0 empty */
    size_t nslots;
};

static uint32_t str_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static size_t strmap_slot(const struct strmap *m, const char *s)
{
    size_t i = str_hash(s) & (m->nslots - 1);
    while (m->slots[i] && strcmp(m->v[m->slots[i] - 1].s, s))
        i = (i + 1) & (m->nslots - 1);
    return i;
}

static void strmap_add(struct strmap *m, const char *s, int64_t n)
{
    if (!s)
        s = "";
    if (m->n * 2 >= m->nslots) {
        size_t ns = m->nslots ? m->nslots * 2 : 64;
        free(m->slots);
        m->slots = xcalloc(ns, sizeof(uint32_t));
        m->nslots = ns;
        for (size_t k = 0; k < m->n; k++)
            m->slots[strmap_slot(m, m->v[k].s)] = (uint32_t)k + 1;
    }
    size_t i = strmap_slot(m, s);
    if (!m->slots[i]) {
        ALLOC_GROW(m->v, m->n + 1, m->cap);
        m->v[m->n].s = xstrdup(s);
        m->v[m->n].n = 0;
        m->slots[i] = (uint32_t)++m->n;
    }
    m->v[m->slots[i] - 1].n += n;
}

static int64_t strmap_get(const struct strmap *m, const char *s)
{
    if (!m->nslots)
        return 0;
    size_t i = strmap_slot(m, s);
    return m->slots[i] ? m->v[m->slots[i] - 1].n : 0;
}

static void strmap_release(struct strmap *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->v[i].s);
    free(m->v);
    free(m->slots);
    memset(m, 0, sizeof(*m));
}

/* ---- one date ----------------------------------------------------------------------------- */

struct gap {
    int64_t member_id;
    struct member_gap g;
};

struct snap {
    tcxd_date as_of;
    bool exists;
    bool whole;                  /* the organization is a root: its tree is the whole tree */
    const struct org_tree *tree; /* tree_own, or the engine's tree of that day */
    struct org_tree tree_own;
    uint32_t root;
    struct node_counts own;
    struct structure_counts totals;
    unsigned char *in_sub; /* [tree.n]: node inside root's subtree */
    /* member breakdowns */
    int64_t gender[GENDER__MAX];
    int64_t age[REPORT_AGE_BANDS][GENDER__MAX];
    int64_t party_age[REPORT_AGE_BANDS];
    int64_t theory[THEORY__MAX];
    int64_t status[MEMBER_STATUS__MAX];
    struct strmap ethnicity, religion, education;
    struct gap *gaps; /* sorted by member */
    size_t ngaps, gaps_cap;
};

static void snap_release(struct snap *s)
{
    if (s->exists) {
        if (s->tree == &s->tree_own)
            org_tree_release(&s->tree_own);
        report_node_counts_free(&s->own);
    }
    free(s->in_sub);
    free(s->gaps);
    strmap_release(&s->ethnicity);
    strmap_release(&s->religion);
    strmap_release(&s->education);
    memset(s, 0, sizeof(*s));
}

static void on_gap(void *ctx, int64_t member_id, const struct member_gap *g)
{
    struct snap *s = ctx;
    ALLOC_GROW(s->gaps, s->ngaps + 1, s->gaps_cap);
    s->gaps[s->ngaps].member_id = member_id;
    s->gaps[s->ngaps].g = *g;
    s->ngaps++;
}

static int cmp_gap(const void *a, const void *b)
{
    const struct gap *x = a, *y = b;
    return (x->member_id > y->member_id) - (x->member_id < y->member_id);
}

static int party_age_years(const struct snap *s, const struct member_fact *f)
{
    struct member_derived d;
    member_derived_init(&d);
    d.first_decision = f->first_decision;
    if (s->ngaps) {
        size_t lo = 0, hi = s->ngaps;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (s->gaps[mid].member_id < f->member_id)
                lo = mid + 1;
            else
                hi = mid;
        }
        struct member_gap local[8]; /* one gap per re-admission, and there is at most one */
        size_t k = 0;
        for (; lo < s->ngaps && s->gaps[lo].member_id == f->member_id && k < 8; lo++)
            local[k++] = s->gaps[lo].g;
        d.gaps = local;
        d.ngaps = k;
        return member_party_age_years(&d, s->as_of);
    }
    return member_party_age_years(&d, s->as_of);
}

static void on_fact(void *ctx, const struct member_fact *f)
{
    struct snap *s = ctx;
    uint32_t i = org_tree_find(s->tree, f->org_id);
    if (i == TREE_NONE || !s->in_sub[i] || !member_status_active(f->status))
        return;
    unsigned g = (unsigned)f->gender < GENDER__MAX ? (unsigned)f->gender : 0;
    s->gender[g]++;
    s->age[report_age_band(date_age_years(f->birth_date, s->as_of))][g]++;
    s->party_age[report_party_age_band(party_age_years(s, f))]++;
    s->theory[(unsigned)f->theory < THEORY__MAX ? (unsigned)f->theory : 0]++;
    s->status[f->status]++;
    strmap_add(&s->ethnicity, f->ethnicity, 1);
    strmap_add(&s->religion, f->religion, 1);
    strmap_add(&s->education, f->education, 1);
}

static enum tcxd_err snap_breakdowns(struct store *st, struct snap *s, struct tcxd_error *e)
{
    enum tcxd_err rc = store_member_gaps(st, s->as_of, on_gap, s, e);
    if (rc)
        return rc;
    if (s->ngaps)
        qsort(s->gaps, s->ngaps, sizeof(*s->gaps), cmp_gap);
    const struct org_tree *t = s->tree;
    if (s->whole)
        return store_member_facts(st, s->as_of, NULL, 0, on_fact, s, e);
    size_t k = 0, cap = 0;
    int64_t *ids = NULL;
    for (uint32_t i = s->root; i != TREE_NONE; i = org_tree_next(t, s->root, i))
        if (org_holds_members(t->nodes[i].tier, t->nodes[i].form)) {
            ALLOC_GROW(ids, k + 1, cap);
            ids[k++] = t->nodes[i].id;
        }
    if (k)
        rc = store_member_facts(st, s->as_of, ids, k, on_fact, s, e);
    free(ids);
    return rc;
}

static enum tcxd_err snap_load(struct store *st, int64_t org_id, tcxd_date as_of, bool breakdowns,
                               struct snap *s, struct tcxd_error *e)
{
    memset(s, 0, sizeof(*s));
    s->as_of = as_of;
    struct org_info o;
    enum tcxd_err rc = store_org_get(st, org_id, as_of, &o, e);
    if (rc == TCXD_ENOTFOUND) {
        tcxd_error_clear(e); /* did not exist on that date */
        return TCXD_OK;
    }
    if (rc)
        return rc;
    /* an organization below the top needs only its subtree */
    s->whole = o.parent_id == 0;
    rc = s->whole ? store_tree_load(st, as_of, &s->tree_own, e)
                  : store_tree_load_subtree(st, as_of, org_id, &s->tree_own, e);
    if (rc)
        return rc;
    s->tree = &s->tree_own;
    s->exists = true;
    s->root = org_tree_find(s->tree, org_id);
    if (s->root == TREE_NONE) {
        org_tree_release(&s->tree_own);
        s->exists = false;
        return TCXD_OK;
    }
    if ((rc = report_node_counts(st, s->tree, s->root, &s->own, e))) {
        report_node_counts_free(&s->own);
        org_tree_release(&s->tree_own);
        s->exists = false;
        return rc;
    }
    report_structure_counts(s->tree, s->root, &s->own, &s->totals);
    s->in_sub = xcalloc(s->tree->n ? s->tree->n : 1, 1);
    for (uint32_t i = s->root; i != TREE_NONE; i = org_tree_next(s->tree, s->root, i))
        s->in_sub[i] = 1;
    if (breakdowns)
        rc = snap_breakdowns(st, s, e);
    return rc;
}

/* The same snapshot from the engine: the day's tree is the engine's (node i = position i), the
   subtree the range [lo, hi), counts and breakdowns one pass over its registrations. */
static void strmap_from_codes(struct strmap *m, const struct engine *eng, enum engine_attr a,
                              const int64_t *counts)
{
    for (size_t c = 0; c < engine_attr_count(eng, a); c++)
        if (counts[c])
            strmap_add(m, engine_attr_value(eng, a, (uint32_t)c), counts[c]);
}

static enum tcxd_err snap_engine(const struct engine *eng, int64_t org_id, tcxd_date as_of,
                                 bool breakdowns, struct snap *s, struct tcxd_error *e)
{
    memset(s, 0, sizeof(*s));
    s->as_of = as_of;
    struct engine_range r;
    enum tcxd_err rc = engine_subtree(eng, org_id, as_of, &r, e);
    if (rc == TCXD_ENOTFOUND) {
        tcxd_error_clear(e); /* did not exist on that date */
        return TCXD_OK;
    }
    if (rc)
        return rc;
    s->exists = true;
    s->tree = engine_version_tree(eng, &r);
    s->root = r.lo;
    size_t n = s->tree->n ? s->tree->n : 1;
    s->own.official = xcalloc(n, sizeof(int64_t));
    s->own.probationary = xcalloc(n, sizeof(int64_t));
    if (!breakdowns) {
        engine_node_counts(eng, &r, s->own.official + r.lo, s->own.probationary + r.lo);
        report_structure_counts(s->tree, s->root, &s->own, &s->totals);
        return TCXD_OK;
    }
    struct engine_breakdown b;
    engine_breakdown(eng, &r, report_age_band, report_party_age_band, s->own.official + r.lo,
                     s->own.probationary + r.lo, &b);
    report_structure_counts(s->tree, s->root, &s->own, &s->totals);
    memcpy(s->gender, b.gender, sizeof(s->gender));
    for (int k = 0; k < REPORT_AGE_BANDS; k++)
        for (int g = 0; g < GENDER__MAX; g++)
            s->age[k][g] = b.age[k][g];
    memcpy(s->party_age, b.party_age, sizeof(s->party_age));
    memcpy(s->theory, b.theory, sizeof(s->theory));
    memcpy(s->status, b.status, sizeof(s->status));
    strmap_from_codes(&s->ethnicity, eng, ENGINE_ATTR_ETHNICITY, b.attr[ENGINE_ATTR_ETHNICITY]);
    strmap_from_codes(&s->religion, eng, ENGINE_ATTR_RELIGION, b.attr[ENGINE_ATTR_RELIGION]);
    strmap_from_codes(&s->education, eng, ENGINE_ATTR_EDUCATION, b.attr[ENGINE_ATTR_EDUCATION]);
    engine_breakdown_release(&b);
    return TCXD_OK;
}

/* ---- tables ------------------------------------------------------------------------------- */

struct table_def {
    const char *key, *title, *sheet, *item_header, *note_header;
    size_t ncols, count_col;
    const char *col_key[REPORT_MAX_COLS], *col_label[REPORT_MAX_COLS];
    bool shares;
};

#define MEMBERS_COL 1, 0, {"members"}, {"Đảng viên"}, true

static const struct table_def table_defs[RT__MAX] = {
    [RT_TOTALS] =
        {"totals", "Tổng hợp", "Tổng hợp", "Chỉ tiêu", NULL, 1, 0, {"count"}, {"Số lượng"}, false},
    [RT_CHILDREN] = {"children",
                     "Theo tổ chức trực thuộc",
                     "Tổ chức trực thuộc",
                     "Tổ chức",
                     "Loại tổ chức",
                     7,
                     4,
                     {"above_base", "base_orgs", "partial_committees", "branches", "members",
                      "official", "probationary"},
                     {"Cấp trên cơ sở", "Tổ chức cơ sở đảng", "Đảng bộ bộ phận",
                      "Chi bộ trực thuộc", "Đảng viên", "Chính thức", "Dự bị"},
                     false},
    [RT_BASE_TYPE] = {"base_type",
                      "Theo loại hình tổ chức cơ sở đảng",
                      "Loại hình cơ sở",
                      "Loại hình",
                      NULL,
                      4,
                      0,
                      {"base_orgs", "dang_bo_co_so", "chi_bo_co_so", "members"},
                      {"Tổ chức cơ sở đảng", "Đảng bộ cơ sở", "Chi bộ cơ sở", "Đảng viên"},
                      false},
    [RT_GENDER] = {"gender", "Theo giới tính", "Giới tính", "Giới tính", NULL, MEMBERS_COL},
    [RT_AGE_BAND] = {"age_band",
                     "Theo độ tuổi",
                     "Độ tuổi",
                     "Độ tuổi",
                     NULL,
                     3,
                     0,
                     {"members", "nam", "nu"},
                     {"Đảng viên", "Nam", "Nữ"},
                     true},
    [RT_PARTY_AGE_BAND] = {"party_age_band", "Theo tuổi đảng", "Tuổi đảng", "Tuổi đảng", NULL,
                           MEMBERS_COL},
    [RT_ETHNICITY] = {"ethnicity", "Theo dân tộc", "Dân tộc", "Dân tộc", NULL, MEMBERS_COL},
    [RT_RELIGION] = {"religion", "Theo tôn giáo", "Tôn giáo", "Tôn giáo", NULL, MEMBERS_COL},
    [RT_EDUCATION] = {"education", "Theo trình độ học vấn", "Trình độ học vấn", "Trình độ học vấn",
                      NULL, MEMBERS_COL},
    [RT_THEORY_LEVEL] = {"theory_level", "Theo trình độ lý luận chính trị", "Lý luận chính trị",
                         "Trình độ lý luận chính trị", NULL, MEMBERS_COL},
    [RT_STATUS] = {"status", "Theo trạng thái đảng viên", "Chính thức, dự bị", "Trạng thái", NULL,
                   MEMBERS_COL},
};

static struct report_row *add_row(struct report_table *t, const char *key, const char *label)
{
    ALLOC_GROW(t->rows, t->nrows + 1, t->cap);
    struct report_row *r = &t->rows[t->nrows++];
    memset(r, 0, sizeof(*r));
    r->key = xstrdup(key);
    r->label = xstrdup(label);
    return r;
}

/* The figures of a totals row from structure counts, by row key. */
static const struct {
    const char *key, *label;
    bool part;
} total_rows[] = {
    {"children", "Đảng bộ trực thuộc", false},
    {"above_base", "Tổ chức đảng cấp trên cơ sở (mọi cấp)", false},
    {"base_orgs", "Tổ chức cơ sở đảng", false},
    {"dang_bo_co_so", "Đảng bộ cơ sở", true},
    {"chi_bo_co_so", "Chi bộ cơ sở", true},
    {"partial_committees", "Đảng bộ bộ phận", false},
    {"branches", "Chi bộ trực thuộc", false},
    {"members", "Đảng viên", false},
    {"official", "Đảng viên chính thức", true},
    {"probationary", "Đảng viên dự bị", true},
};

static void total_values(const struct structure_counts *c, int64_t v[ARRAY_SIZE(total_rows)])
{
    int64_t x[] = {c->direct_above_base, c->above_base,  c->base_dang_bo + c->base_chi_bo,
                   c->base_dang_bo,      c->base_chi_bo, c->partial,
                   c->branches,          c->members,     c->official,
                   c->probationary};
    memcpy(v, x, sizeof(x));
}

static void build_totals(struct report_structure *r)
{
    struct report_table *t = &r->tables[RT_TOTALS];
    int64_t now[ARRAY_SIZE(total_rows)], then[ARRAY_SIZE(total_rows)];
    total_values(&r->now, now);
    total_values(&r->then, then);
    for (size_t i = 0; i < ARRAY_SIZE(total_rows); i++) {
        struct report_row *row = add_row(t, total_rows[i].key, total_rows[i].label);
        row->part = total_rows[i].part;
        row->v[0] = now[i];
        row->prev[0] = then[i];
    }
}

/* A child's row counts its subtree with the child itself, so that each column adds up to the
   root's total. */
static void child_values(const struct org_node *nd, struct structure_counts *c, int64_t *v)
{
    switch (org_node_kind(nd)) {
    case ORG_KIND_ABOVE_BASE:
        c->above_base++;
        break;
    case ORG_KIND_DANG_BO_CO_SO:
        c->base_dang_bo++;
        break;
    case ORG_KIND_CHI_BO_CO_SO:
        c->base_chi_bo++;
        break;
    case ORG_KIND_DANG_BO_BO_PHAN:
        c->partial++;
        break;
    default:
        c->branches++;
        break;
    }
    v[0] = c->above_base;
    v[1] = c->base_dang_bo + c->base_chi_bo;
    v[2] = c->partial;
    v[3] = c->branches;
    v[4] = c->members;
    v[5] = c->official;
    v[6] = c->probationary;
}

static struct report_row *find_org_row(struct report_table *t, int64_t id)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (t->rows[i].org_id == id)
            return &t->rows[i];
    return NULL;
}

static void add_children(struct report_table *t, const struct snap *s, bool prev)
{
    if (!s->exists)
        return;
    const struct org_tree *tr = s->tree;
    for (uint32_t c = tr->nodes[s->root].first_child; c != TREE_NONE;
         c = tr->nodes[c].next_sibling) {
        const struct org_node *nd = &tr->nodes[c];
        struct report_row *row = prev ? find_org_row(t, nd->id) : NULL;
        if (!row) {
            row = add_row(t, nd->code, nd->name);
            row->org_id = nd->id;
            row->note = xstrdup(org_kind_label(org_node_kind(nd)));
        }
        struct structure_counts cc;
        report_structure_counts(tr, c, &s->own, &cc);
        child_values(nd, &cc, prev ? row->prev : row->v);
    }
}

static void base_type_values(const struct snap *s, int64_t v[ORG_BASE__MAX][4])
{
    memset(v, 0, sizeof(int64_t) * ORG_BASE__MAX * 4);
    if (!s->exists)
        return;
    const struct org_tree *tr = s->tree;
    for (uint32_t i = s->root; i != TREE_NONE; i = org_tree_next(tr, s->root, i)) {
        const struct org_node *nd = &tr->nodes[i];
        if (i == s->root || nd->tier != ORG_TIER_BASE)
            continue;
        unsigned bt = (unsigned)nd->base_type < ORG_BASE__MAX ? (unsigned)nd->base_type : 0;
        struct structure_counts cc;
        report_structure_counts(tr, i, &s->own, &cc);
        v[bt][0]++;
        v[bt][nd->form == ORG_FORM_DANG_BO ? 1 : 2]++;
        v[bt][3] += cc.members;
    }
}

static void build_base_types(struct report_structure *r, const struct snap *now,
                             const struct snap *then)
{
    int64_t a[ORG_BASE__MAX][4], b[ORG_BASE__MAX][4];
    base_type_values(now, a);
    base_type_values(then, b);
    for (int bt = 0; bt < ORG_BASE__MAX; bt++) {
        if (!a[bt][0] && !b[bt][0])
            continue;
        const char *key = bt == ORG_BASE_NONE ? "none" : org_base_type_name(bt);
        const char *label = bt == ORG_BASE_NONE ? "Không rõ" : org_base_type_label(bt);
        struct report_row *row = add_row(&r->tables[RT_BASE_TYPE], key, label);
        memcpy(row->v, a[bt], sizeof(a[bt]));
        memcpy(row->prev, b[bt], sizeof(b[bt]));
    }
}

static void fixed_row(struct report_table *t, const char *key, const char *label, int64_t now,
                      int64_t then)
{
    struct report_row *row = add_row(t, key, label);
    row->v[0] = now;
    row->prev[0] = then;
}

struct ranked {
    const char *s;
    int64_t now, then;
};

static int cmp_ranked(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->now != y->now)
        return x->now > y->now ? -1 : 1;
    if (x->then != y->then)
        return x->then > y->then ? -1 : 1;
    return strcmp(x->s, y->s);
}

/* The top values of either date by count on as_of (then on the other date, then the value),
   one row for the rest. */
static void build_ranked(struct report_table *t, const struct strmap *now,
                         const struct strmap *then, int top, const char *other_label)
{
    size_t n = 0;
    struct ranked *v = xmalloc((now->n + then->n + 1) * sizeof(*v));
    for (size_t i = 0; i < now->n; i++)
        v[n++] = (struct ranked){now->v[i].s, now->v[i].n, strmap_get(then, now->v[i].s)};
    for (size_t i = 0; i < then->n; i++)
        if (!strmap_get(now, then->v[i].s)) /* counts in a map are never 0 */
            v[n++] = (struct ranked){then->v[i].s, 0, then->v[i].n};
    qsort(v, n, sizeof(*v), cmp_ranked);
    size_t keep = n > (size_t)top + 1 ? (size_t)top : n; /* never an "others" row of one value */
    int64_t rest_now = 0, rest_then = 0;
    for (size_t i = 0; i < n; i++) {
        if (i < keep)
            fixed_row(t, v[i].s, *v[i].s ? v[i].s : "Không rõ", v[i].now, v[i].then);
        else {
            rest_now += v[i].now;
            rest_then += v[i].then;
        }
    }
    if (keep < n)
        fixed_row(t, "_khac", other_label, rest_now, rest_then);
    free(v);
}

static void build_member_tables(struct report_structure *r, const struct snap *a,
                                const struct snap *b, int top)
{
    for (int g = 0; g < GENDER__MAX; g++)
        fixed_row(&r->tables[RT_GENDER], gender_name(g), gender_label(g), a->gender[g],
                  b->gender[g]);
    for (int k = 0; k < REPORT_AGE_BANDS; k++) {
        struct report_row *row = add_row(&r->tables[RT_AGE_BAND], age_keys[k], age_labels[k]);
        for (int g = 0; g < GENDER__MAX; g++) {
            row->v[0] += a->age[k][g];
            row->prev[0] += b->age[k][g];
            row->v[1 + g] = a->age[k][g];
            row->prev[1 + g] = b->age[k][g];
        }
    }
    for (int k = 0; k < REPORT_AGE_BANDS; k++)
        fixed_row(&r->tables[RT_PARTY_AGE_BAND], party_age_keys[k], party_age_labels[k],
                  a->party_age[k], b->party_age[k]);
    build_ranked(&r->tables[RT_ETHNICITY], &a->ethnicity, &b->ethnicity, top, "Dân tộc khác");
    build_ranked(&r->tables[RT_RELIGION], &a->religion, &b->religion, top, "Tôn giáo khác");
    build_ranked(&r->tables[RT_EDUCATION], &a->education, &b->education, top, "Trình độ khác");
    for (int k = 0; k < THEORY__MAX; k++)
        fixed_row(&r->tables[RT_THEORY_LEVEL], theory_level_name(k), theory_level_label(k),
                  a->theory[k], b->theory[k]);
    const enum member_status st[] = {MEMBER_OFFICIAL, MEMBER_PROBATIONARY};
    for (size_t k = 0; k < ARRAY_SIZE(st); k++)
        fixed_row(&r->tables[RT_STATUS], member_status_name(st[k]), member_status_label(st[k]),
                  a->status[st[k]], b->status[st[k]]);
}

/* ---- build / free ------------------------------------------------------------------------- */

static enum tcxd_err snap_get(struct store *st, const struct engine *eng, int64_t org_id,
                              tcxd_date as_of, bool breakdowns, struct snap *s,
                              struct tcxd_error *e)
{
    return eng ? snap_engine(eng, org_id, as_of, breakdowns, s, e)
               : snap_load(st, org_id, as_of, breakdowns, s, e);
}

static enum tcxd_err read_report(struct store *st, const struct engine *eng, int64_t org_id,
                                 const struct report_structure_opts *o,
                                 struct report_structure **out, struct tcxd_error *e)
{
    struct snap now, then;
    memset(&then, 0, sizeof(then));
    enum tcxd_err rc = snap_get(st, eng, org_id, o->as_of, o->breakdowns, &now, e);
    if (rc)
        return rc;
    if (!now.exists) {
        char d[DATE_ISO_LEN];
        date_format_vn(o->as_of, d);
        snap_release(&now);
        return tcxd_fail(e, TCXD_ENOTFOUND, "org", "no organization #%lld on %s", (long long)org_id,
                         d);
    }
    bool compared = o->compare != DATE_NONE;
    if (compared && (rc = snap_get(st, eng, org_id, o->compare, o->breakdowns, &then, e))) {
        snap_release(&now);
        snap_release(&then);
        return rc;
    }
    struct report_structure *r = xcalloc(1, sizeof(*r));
    if ((rc = store_org_get(st, org_id, o->as_of, &r->org, e))) {
        free(r);
        snap_release(&now);
        snap_release(&then);
        return rc;
    }
    r->as_of = o->as_of;
    r->compare = compared ? o->compare : DATE_NONE;
    r->breakdowns = o->breakdowns;
    r->existed_then = compared && then.exists;
    r->now = now.totals;
    if (then.exists)
        r->then = then.totals;
    for (int i = 0; i < RT__MAX; i++) {
        const struct table_def *d = &table_defs[i];
        struct report_table *t = &r->tables[i];
        t->id = (enum report_table_id)i;
        t->key = d->key;
        t->title = d->title;
        t->sheet = d->sheet;
        t->item_header = d->item_header;
        t->note_header = d->note_header;
        t->ncols = d->ncols;
        t->count_col = d->count_col;
        for (size_t c = 0; c < d->ncols; c++) {
            t->col_key[c] = d->col_key[c];
            t->col_label[c] = d->col_label[c];
        }
        t->shares = d->shares;
    }
    struct buf b = BUF_INIT;
    report_sentence(r->org.name, &r->now, &b);
    r->sentence = buf_detach(&b, NULL);
    if (r->existed_then) {
        const char *name = then.tree->nodes[then.root].name;
        report_sentence(name, &r->then, &b);
        r->sentence_then = buf_detach(&b, NULL);
    }
    build_totals(r);
    if (o->breakdowns) {
        int top = o->top > 0 ? o->top : REPORT_TOP_DEFAULT;
        add_children(&r->tables[RT_CHILDREN], &now, false);
        add_children(&r->tables[RT_CHILDREN], &then, true);
        build_base_types(r, &now, &then);
        build_member_tables(r, &now, &then, top);
    }
    snap_release(&now);
    snap_release(&then);
    *out = r;
    return TCXD_OK;
}

enum tcxd_err report_structure_build(struct store *st, int64_t org_id,
                                     const struct report_structure_opts *o,
                                     struct report_structure **out, struct tcxd_error *e)
{
    /* one snapshot for both dates: the figures agree with each other under concurrent writes */
    enum tcxd_err rc = store_read_begin(st, e);
    if (rc)
        return rc;
    struct engine *eng = NULL;
    if (o->engine && (rc = engine_acquire_for(st, ENGINE_USE_COUNTS, &eng, e))) {
        store_read_end(st);
        return rc;
    }
    rc = read_report(st, eng, org_id, o, out, e);
    engine_release(eng);
    store_read_end(st);
    return rc;
}

void report_structure_free(struct report_structure *r)
{
    if (!r)
        return;
    for (int i = 0; i < RT__MAX; i++) {
        struct report_table *t = &r->tables[i];
        for (size_t k = 0; k < t->nrows; k++) {
            free(t->rows[k].key);
            free(t->rows[k].label);
            free(t->rows[k].note);
        }
        free(t->rows);
    }
    free(r->sentence);
    free(r->sentence_then);
    free(r);
}

void report_structure_opts_init(struct report_structure_opts *o, tcxd_date as_of)
{
    memset(o, 0, sizeof(*o));
    o->as_of = as_of;
    o->compare = DATE_NONE;
    o->engine = engine_enabled();
}
