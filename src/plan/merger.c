/*
 * merger.c - the administrative-unit merger analysis (see merger.h).
 */
#include "plan/merger.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/table.h"
#include "text/text.h"
#include "util/msg.h"
#include "util/vnfmt.h"
#include "util/xmalloc.h"

enum ucol {
    U_CODE,
    U_NAME,
    U_LEVEL,
    U_PROVINCE,
    U_TYPE,
    U_TERRAIN,
    U_AREA,
    U_POP,
    U_ASOF,
    U_SOURCE,
    U__MAX
};
static const char *const ucol_names[U__MAX][3] = {
    [U_CODE] = {"code", "ma", "ma_don_vi"},       [U_NAME] = {"name", "full_name", "ten"},
    [U_LEVEL] = {"level", "cap", NULL},           [U_PROVINCE] = {"province_code", "ma_tinh", NULL},
    [U_TYPE] = {"type", "loai", "unit_type"},     [U_TERRAIN] = {"terrain", "dia_hinh", "vung"},
    [U_AREA] = {"area_km2", "dien_tich", "area"}, [U_POP] = {"population", "dan_so", NULL},
    [U_ASOF] = {"as_of", "ngay", "date"},         [U_SOURCE] = {"source", "nguon", NULL},
};

struct ureader {
    int col[U__MAX];
    bool header;
    tcxd_date as_of;
    const char *source;
    struct admin_unit *v;
    size_t n, cap;
    struct tcxd_error err;
    bool failed;
};

static void fold_key(const char *s, size_t n, struct buf *out)
{
    char *tmp = xstrndup(s, n);
    buf_reset(out);
    text_fold(tmp, out);
    free(tmp);
    for (size_t i = 0; i < out->len; i++)
        if (out->ptr[i] == ' ' || out->ptr[i] == '-')
            out->ptr[i] = '_';
}

static const char *cell(const struct io_row *row, int c, char *buf, size_t n)
{
    buf[0] = 0;
    if (c < 0 || (size_t)c >= row->n)
        return buf;
    const struct io_cell *x = &row->cells[c];
    size_t a = 0, b = x->len;
    while (a < b && x->ptr[a] == ' ')
        a++;
    while (b > a && (x->ptr[b - 1] == ' ' || x->ptr[b - 1] == '\r'))
        b--;
    snprintf(buf, n, "%.*s", (int)(b - a), x->ptr + a);
    return buf;
}

static bool parse_number(const char *s, double *out)
{
    if (!*s)
        return false;
    char *end;
    *out = strtod(s, &end);
    return !*end && isfinite(*out) && *out >= 0;
}

/* Copies s into out (n bytes); false when it does not fit. */
static bool copy(char *out, size_t n, const char *s)
{
    size_t len = strlen(s);
    if (len >= n)
        return false;
    memcpy(out, s, len + 1);
    return true;
}

static int on_urow(void *vctx, const struct io_table_info *info, const struct io_row *row)
{
    struct ureader *r = vctx;
    struct buf k = BUF_INIT;
    (void)info;
    if (!r->header) {
        for (int c = 0; c < U__MAX; c++)
            r->col[c] = -1;
        for (size_t i = 0; i < row->n; i++) {
            fold_key(row->cells[i].ptr, row->cells[i].len, &k);
            for (int c = 0; c < U__MAX; c++)
                for (int a = 0; a < 3; a++)
                    if (ucol_names[c][a] && !strcmp(k.ptr, ucol_names[c][a]) && r->col[c] < 0)
                        r->col[c] = (int)i;
        }
        r->header = true;
        buf_release(&k);
        if (r->col[U_CODE] < 0 || r->col[U_NAME] < 0) {
            tcxd_fail(&r->err, TCXD_EINVAL, "file",
                      "line %ld: the units file needs the columns code and name", row->line);
            r->failed = true;
            return 1;
        }
        return 0;
    }
    buf_release(&k);
    char v[U__MAX][512];
    for (int c = 0; c < U__MAX; c++)
        cell(row, r->col[c], v[c], sizeof(v[c]));
    if (!*v[U_CODE] && !*v[U_NAME])
        return 0;
    struct admin_unit u;
    memset(&u, 0, sizeof(u));
    const char *field = NULL;
    if (!copy(u.code, sizeof(u.code), v[U_CODE]))
        field = "code";
    else if (!copy(u.name, sizeof(u.name), v[U_NAME]))
        field = "name";
    else if (!copy(u.province_code, sizeof(u.province_code), v[U_PROVINCE]))
        field = "province_code";
    else if (!copy(u.source, sizeof(u.source), *v[U_SOURCE] ? v[U_SOURCE] : r->source))
        field = "source";
    fold_key(v[U_LEVEL], strlen(v[U_LEVEL]), &k);
    if (!field && !*u.code)
        field = "code";
    else if (field)
        ;
    else if (!*k.ptr)
        u.level = strlen(u.code) <= 2 ? 0 : strlen(u.code) == 3 ? 1 : 2;
    else if (!strcmp(k.ptr, "province") || !strcmp(k.ptr, "tinh") || !strcmp(k.ptr, "0"))
        u.level = 0;
    else if (!strcmp(k.ptr, "district") || !strcmp(k.ptr, "huyen") || !strcmp(k.ptr, "1"))
        u.level = 1;
    else if (!strcmp(k.ptr, "ward") || !strcmp(k.ptr, "commune") || !strcmp(k.ptr, "xa") ||
             !strcmp(k.ptr, "2"))
        u.level = 2;
    else
        field = "level";
    buf_release(&k);
    enum admin_kind kind;
    enum admin_terrain terrain = ADMIN_OTHER;
    if (!field && !admin_kind_parse(*v[U_TYPE] ? v[U_TYPE] : v[U_NAME], &kind))
        field = "type";
    if (!field && !admin_terrain_parse(v[U_TERRAIN], &terrain))
        field = "terrain";
    double area = -1, pop = -1;
    if (!field && *v[U_AREA] && !parse_number(v[U_AREA], &area))
        field = "area_km2";
    if (!field && *v[U_POP] && (!parse_number(v[U_POP], &pop) || pop != floor(pop)))
        field = "population";
    u.as_of = r->as_of;
    if (!field && *v[U_ASOF]) {
        struct tcxd_error de;
        if (date_parse(v[U_ASOF], &u.as_of, "as_of", &de))
            field = "as_of";
    }
    if (!field && u.as_of == DATE_NONE)
        field = "as_of";
    if (field) {
        tcxd_fail(&r->err, TCXD_EINVAL, field, "line %ld: invalid %s", row->line, field);
        r->failed = true;
        return 1;
    }
    u.kind = kind;
    u.terrain = terrain;
    u.area_km2 = area;
    u.population = pop < 0 ? -1 : (int64_t)pop;
    ALLOC_GROW(r->v, r->n + 1, r->cap);
    r->v[r->n++] = u;
    return 0;
}

enum tcxd_err merger_units_read(const void *data, size_t len, const char *name,
                                tcxd_date default_as_of, const char *source,
                                struct admin_unit **out, size_t *n, struct tcxd_error *e)
{
    enum io_format f;
    enum tcxd_err rc;
    *out = NULL;
    *n = 0;
    if ((rc = io_format_detect(data, len, name, &f, e)))
        return rc;
    struct ureader r;
    memset(&r, 0, sizeof(r));
    r.as_of = default_as_of;
    r.source = source ? source : "";
    if ((rc = io_table_read(f, data, len, on_urow, &r, NULL, NULL, e))) {
        free(r.v);
        return rc;
    }
    if (r.failed) {
        free(r.v);
        *e = r.err;
        return r.err.code;
    }
    if (!r.n) {
        free(r.v);
        return tcxd_fail(e, TCXD_EINVAL, "file", "the units file has no rows");
    }
    *out = r.v;
    *n = r.n;
    return TCXD_OK;
}

void merger_list_release(struct merger_list *l)
{
    free(l->below);
    memset(l, 0, sizeof(*l));
}

struct actx {
    struct merger_list *l;
    tcxd_date on;
};

static void on_unit(void *vctx, const struct admin_unit *u)
{
    struct actx *a = vctx;
    const struct admin_standard *s =
        admin_standard_find(a->on, (enum admin_kind)u->kind, (enum admin_terrain)u->terrain);
    if (!s || u->area_km2 < 0 || u->population < 0) {
        a->l->unknown++;
        return;
    }
    a->l->units++;
    if (!admin_below_half_both(s, u->area_km2, u->population))
        return;
    ALLOC_GROW(a->l->below, a->l->n + 1, a->l->cap);
    struct merger_unit *m = &a->l->below[a->l->n++];
    m->u = *u;
    m->std = s;
    m->area_pct = 100.0 * u->area_km2 / s->area_min_km2;
    m->population_pct = 100.0 * (double)u->population / (double)s->population_min;
}

enum tcxd_err merger_analyse(struct store *st, const char *province_code, tcxd_date on,
                             struct merger_list *out, struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    struct actx a = {out, on};
    return store_admin_units_of(st, province_code, on, on_unit, &a, e);
}

json_t *merger_list_json(const struct merger_list *l, const char *province_code, tcxd_date on)
{
    char d[DATE_ISO_LEN];
    date_format_iso(on, d);
    json_t *arr = json_array();
    for (size_t i = 0; i < l->n; i++) {
        const struct merger_unit *m = &l->below[i];
        char a[DATE_ISO_LEN];
        date_format_iso(m->u.as_of, a);
        json_array_append_new(
            arr,
            json_pack("{s:s, s:s, s:s, s:f, s:I, s:s, s:f, s:I, s:f, s:f, s:s}", "code", m->u.code,
                      "name", m->u.name, "kind", admin_kind_name((enum admin_kind)m->u.kind),
                      "area_km2", m->u.area_km2, "population", (json_int_t)m->u.population,
                      "standard", m->std->source, "area_min_km2", m->std->area_min_km2,
                      "population_min", (json_int_t)m->std->population_min, "area_pct", m->area_pct,
                      "population_pct", m->population_pct, "as_of", a));
    }
    return json_pack("{s:s, s:s, s:I, s:I, s:I, s:o}", "province_code", province_code, "date", d,
                     "units", (json_int_t)l->units, "unknown", (json_int_t)l->unknown, "below",
                     (json_int_t)l->n, "list", arr);
}

void merger_list_text(const struct merger_list *l, const char *province_code, tcxd_date on,
                      struct buf *out)
{
    char d[DATE_ISO_LEN];
    date_format_vn(on, d);
    buf_addf(out,
             msg_tr("province %s on %s: %zu of %zu communes below 50%% of both standards "
                    "(area and population); %zu without figures or standard\n"),
             province_code, d, l->n, l->units, l->unknown);
    for (size_t i = 0; i < l->n; i++) {
        const struct merger_unit *m = &l->below[i];
        struct buf a = BUF_INIT, p = BUF_INIT, ap = BUF_INIT, pp = BUF_INIT;
        vnfmt_double(&a, m->u.area_km2, 2);
        vnfmt_int(&p, m->u.population);
        vnfmt_double(&ap, m->area_pct, 1);
        vnfmt_double(&pp, m->population_pct, 1);
        buf_addf(out, msg_tr("  %s %s: %s km² (%s%%), %s people (%s%%) — %s\n"), m->u.code,
                 m->u.name, a.ptr, ap.ptr, p.ptr, pp.ptr, m->std->source);
        buf_release(&a);
        buf_release(&p);
        buf_release(&ap);
        buf_release(&pp);
    }
}

/* The unit's party committee in root's subtree by name: "Đảng bộ " + the unit's full name. */
static uint32_t find_committee(const struct org_tree *t, uint32_t root, const char *unit_name)
{
    struct buf want = BUF_INIT, f = BUF_INIT;
    struct buf name = BUF_INIT;
    buf_addf(&name, "Đảng bộ %s", unit_name);
    text_fold(name.ptr, &want);
    buf_release(&name);
    uint32_t found = TREE_NONE;
    for (uint32_t i = root; i != TREE_NONE && found == TREE_NONE; i = org_tree_next(t, root, i)) {
        const struct org_node *nd = &t->nodes[i];
        if (!org_base_type_is_commune(nd->base_type) && nd->base_type != ORG_BASE_THI_TRAN)
            continue;
        buf_reset(&f);
        text_fold(nd->name, &f);
        if (!strcmp(f.ptr, want.ptr))
            found = i;
    }
    buf_release(&want);
    buf_release(&f);
    return found;
}

enum tcxd_err merger_draft(struct store *st, const struct merger_list *l, int64_t root,
                           tcxd_date on, struct buf *csv, size_t *unmatched, struct tcxd_error *e)
{
    struct org_tree t;
    *unmatched = 0;
    enum tcxd_err rc = store_tree_load_subtree(st, on - 1, root, &t, e);
    if (rc)
        return rc;
    uint32_t r = org_tree_find(&t, root);
    bool y2025 = on >= org_rules_2025();
    char d[DATE_ISO_LEN];
    date_format_vn(on, d);
    buf_adds(csv, "action,code,name,tier,form,type,parent,into,part,decision_no,date\n");
    uint32_t group[3];
    size_t ng = 0;
    char group_code[16] = "";
    for (size_t i = 0; i <= l->n; i++) {
        uint32_t k = TREE_NONE;
        if (i < l->n && r != TREE_NONE) {
            k = find_committee(&t, r, l->below[i].u.name);
            if (k == TREE_NONE) {
                (*unmatched)++;
                continue;
            }
            if (!ng)
                snprintf(group_code, sizeof(group_code), "%s", l->below[i].u.code);
            group[ng++] = k;
        }
        if (ng && (ng == 3 || i == l->n)) {
            const struct org_node *first = &t.nodes[group[0]];
            const char *type = first->base_type == ORG_BASE_PHUONG ? "phuong" : "xa";
            char code[40];
            snprintf(code, sizeof(code), "%s.M%s", t.nodes[r].code, group_code);
            buf_adds(csv, "create,");
            buf_add_csv_field(csv, code);
            buf_addch(csv, ',');
            buf_add_csv_field(csv, first->name);
            buf_addf(csv, ",%s,dang_bo,%s,", y2025 ? "above_base" : "base", type);
            buf_add_csv_field(csv, y2025 ? t.nodes[r].code
                                         : (first->parent != TREE_NONE ? t.nodes[first->parent].code
                                                                       : t.nodes[r].code));
            buf_addf(csv, ",,,,%s\n", d);
            for (size_t g = 0; g < ng; g++) {
                buf_adds(csv, "merge,");
                buf_add_csv_field(csv, t.nodes[group[g]].code);
                buf_adds(csv, ",,,,,,");
                buf_add_csv_field(csv, code);
                buf_adds(csv, ",whole,,\n");
            }
            ng = 0;
        }
    }
    org_tree_release(&t);
    return TCXD_OK;
}
