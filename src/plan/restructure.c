/*
 * restructure.c - restructuring plans: read, check, dry run, apply (see restructure.h).
 */
#include "plan/restructure.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/table.h"
#include "text/text.h"
#include "util/msg.h"
#include "util/vnfmt.h"
#include "util/xmalloc.h"

/* ---- result ------------------------------------------------------------------------------ */

void restructure_plan_init(struct restructure_plan *p)
{
    memset(p, 0, sizeof(*p));
    p->date = DATE_NONE;
}

void restructure_plan_release(struct restructure_plan *p)
{
    for (size_t i = 0; i < p->n; i++) {
        struct plan_row *r = &p->rows[i];
        free(r->code);
        free(r->name);
        free(r->parent);
        free(r->into);
        free(r->decision_no);
    }
    free(p->rows);
    restructure_plan_init(p);
}

void restructure_result_init(struct restructure_result *r)
{
    memset(r, 0, sizeof(*r));
    r->changes = json_array();
}

void restructure_result_release(struct restructure_result *r)
{
    free(r->issues);
    json_decref(r->changes);
    memset(r, 0, sizeof(*r));
}

static void add_issue(struct restructure_result *r, long line, const char *field, bool warning,
                      const char *msg)
{
    ALLOC_GROW(r->issues, r->nissues + 1, r->cap);
    struct plan_issue *is = &r->issues[r->nissues++];
    is->line = line;
    is->warning = warning;
    snprintf(is->field, sizeof(is->field), "%s", field ? field : "");
    snprintf(is->msg, sizeof(is->msg), "%s", msg);
    if (!warning)
        r->nerrors++;
}

/* An issue with a catalogued English format (translated in the thread's language). */
static void issue(struct restructure_result *r, long line, const char *field, bool warning,
                  const char *fmt, ...) TCXD_PRINTF(5, 6);
static void issue(struct restructure_result *r, long line, const char *field, bool warning,
                  const char *fmt, ...)
{
    struct tcxd_error e;
    va_list ap;
    va_start(ap, fmt);
    tcxd_vfail(&e, TCXD_ERULE, field, fmt, ap);
    va_end(ap);
    add_issue(r, line, field, warning, e.msg);
}

static void change(struct restructure_result *r, const char *action, const char *code,
                   const char *name, const char *detail)
{
    json_array_append_new(r->changes,
                          json_pack("{s:s, s:s, s:s, s:s}", "action", action, "code", code, "name",
                                    name ? name : "", "detail", detail ? detail : ""));
}

/* ---- reading ----------------------------------------------------------------------------- */

enum col {
    C_ACTION,
    C_CODE,
    C_NAME,
    C_TIER,
    C_FORM,
    C_TYPE,
    C_PARENT,
    C_INTO,
    C_PART,
    C_DECISION,
    C_DATE,
    C__MAX
};
static const char *const col_names[C__MAX][3] = {
    [C_ACTION] = {"action", "hanh_dong", "thao_tac"},
    [C_CODE] = {"code", "ma", "ma_to_chuc"},
    [C_NAME] = {"name", "ten", "ten_to_chuc"},
    [C_TIER] = {"tier", "cap", NULL},
    [C_FORM] = {"form", "hinh_thuc", NULL},
    [C_TYPE] = {"type", "loai_hinh", "base_type"},
    [C_PARENT] = {"parent", "cap_tren", "truc_thuoc"},
    [C_INTO] = {"into", "don_vi_moi", "vao"},
    [C_PART] = {"part", "toan_bo_mot_phan", "pham_vi"},
    [C_DECISION] = {"decision_no", "so_quyet_dinh", "quyet_dinh"},
    [C_DATE] = {"date", "ngay", "ngay_hieu_luc"},
};
static const char *const action_names[PLAN__MAX][3] = {
    [PLAN_CREATE] = {"create", "thanh_lap", "tao"},
    [PLAN_MERGE] = {"merge", "hop_nhat", "sap_nhap"},
    [PLAN_MOVE] = {"move", "chuyen", "chuyen_giao"},
    [PLAN_END] = {"end", "ket_thuc", "giai_the"},
};

static void fold_key(const char *s, size_t n, struct buf *out)
{
    char *tmp = xstrndup(s, n);
    buf_reset(out);
    text_fold(tmp, out);
    free(tmp);
    size_t w = 0;
    for (size_t i = 0; i < out->len; i++) {
        char c = out->ptr[i];
        if (c == ' ' || c == '-' || c == '/' || c == '_') {
            if (w && out->ptr[w - 1] != '_')
                out->ptr[w++] = '_';
        } else {
            out->ptr[w++] = c;
        }
    }
    while (w && out->ptr[w - 1] == '_')
        w--;
    out->ptr[w] = 0;
    out->len = w;
}

struct reader {
    struct restructure_plan *p;
    struct restructure_result *r;
    int col[C__MAX]; /* cell index, -1 absent */
    bool header_done;
};

static char *cell_dup(const struct io_row *row, int c)
{
    if (c < 0 || (size_t)c >= row->n)
        return xstrdup("");
    const struct io_cell *x = &row->cells[c];
    size_t a = 0, b = x->len;
    while (a < b && (x->ptr[a] == ' ' || x->ptr[a] == '\t'))
        a++;
    while (b > a && (x->ptr[b - 1] == ' ' || x->ptr[b - 1] == '\t' || x->ptr[b - 1] == '\r'))
        b--;
    return xstrndup(x->ptr + a, b - a);
}

static int on_row(void *vctx, const struct io_table_info *info, const struct io_row *row)
{
    struct reader *rd = vctx;
    struct buf k = BUF_INIT;
    if (!rd->header_done) {
        for (int c = 0; c < C__MAX; c++)
            rd->col[c] = -1;
        for (size_t i = 0; i < row->n; i++) {
            fold_key(row->cells[i].ptr, row->cells[i].len, &k);
            for (int c = 0; c < C__MAX; c++)
                for (int a = 0; a < 3; a++)
                    if (col_names[c][a] && !strcmp(k.ptr, col_names[c][a]) && rd->col[c] < 0)
                        rd->col[c] = (int)i;
        }
        rd->header_done = true;
        if (rd->col[C_ACTION] < 0 || rd->col[C_CODE] < 0)
            issue(rd->r, row->line, "file", false,
                  "the plan needs the columns action and code (header row)");
        buf_release(&k);
        return 0;
    }
    if (rd->col[C_ACTION] < 0 || rd->col[C_CODE] < 0) {
        buf_release(&k);
        return 1;
    }
    char *v[C__MAX];
    bool empty = true;
    for (int c = 0; c < C__MAX; c++) {
        v[c] = cell_dup(row, rd->col[c]);
        if (*v[c])
            empty = false;
    }
    if (empty)
        goto done;
    struct plan_row pr;
    memset(&pr, 0, sizeof(pr));
    pr.line = row->line;
    struct tcxd_error e;
    bool ok = true;
    fold_key(v[C_ACTION], strlen(v[C_ACTION]), &k);
    int act = -1;
    for (int a = 0; a < PLAN__MAX && act < 0; a++)
        for (int j = 0; j < 3; j++)
            if (!strcmp(k.ptr, action_names[a][j]))
                act = a;
    if (act < 0) {
        issue(rd->r, row->line, "action", false,
              "invalid action '%s' (expected create, merge, move or end)", v[C_ACTION]);
        ok = false;
    }
    pr.action = act < 0 ? PLAN_CREATE : (enum plan_action)act;
    if (!*v[C_CODE]) {
        issue(rd->r, row->line, "code", false, "the code is required");
        ok = false;
    } else if (org_check_code(v[C_CODE], &e)) {
        add_issue(rd->r, row->line, "code", false, e.msg);
        ok = false;
    }
    if (*v[C_TIER] || *v[C_FORM]) {
        pr.has_shape = true;
        if (org_tier_parse(v[C_TIER], &pr.shape.tier, &e) ||
            org_form_parse(v[C_FORM], &pr.shape.form, &e)) {
            add_issue(rd->r, row->line, e.field, false, e.msg);
            ok = false;
        }
    }
    if (org_base_type_parse(v[C_TYPE], &pr.shape.base_type, &e)) {
        add_issue(rd->r, row->line, "type", false, e.msg);
        ok = false;
    } else if (pr.shape.base_type && !pr.has_shape) {
        issue(rd->r, row->line, "type", false, "a type goes with tier and form");
        ok = false;
    }
    fold_key(v[C_PART], strlen(v[C_PART]), &k);
    if (!strcmp(k.ptr, "part") || !strcmp(k.ptr, "partial") || !strcmp(k.ptr, "mot_phan"))
        pr.part = true;
    else if (*k.ptr && strcmp(k.ptr, "whole") && strcmp(k.ptr, "full") &&
             strcmp(k.ptr, "toan_bo")) {
        issue(rd->r, row->line, "part", false, "invalid part '%s' (expected whole or part)",
              v[C_PART]);
        ok = false;
    }
    /* a date typed in Excel is a numeric cell holding its serial day number */
    int dc = rd->col[C_DATE];
    int y, mo, dd;
    if (*v[C_DATE] && dc >= 0 && (size_t)dc < row->n && row->cells[dc].number &&
        io_excel_serial_date(v[C_DATE], info->date1904, &y, &mo, &dd)) {
        free(v[C_DATE]);
        v[C_DATE] = xmalloc(DATE_ISO_LEN);
        date_format_iso(date_from_ymd(y, mo, dd), v[C_DATE]);
    }
    if (*v[C_DATE]) {
        tcxd_date d;
        if (date_parse(v[C_DATE], &d, "date", &e)) {
            add_issue(rd->r, row->line, "date", false, e.msg);
            ok = false;
        } else if (rd->p->date == DATE_NONE) {
            rd->p->date = d;
        } else if (d != rd->p->date) {
            char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
            date_format_vn(d, a);
            date_format_vn(rd->p->date, b);
            issue(rd->r, row->line, "date", false,
                  "every row of a plan has the same date (%s here, %s above)", a, b);
            ok = false;
        }
    }
    switch (pr.action) {
    case PLAN_CREATE:
        if (!*v[C_NAME]) {
            issue(rd->r, row->line, "name", false, "a new unit needs a name");
            ok = false;
        }
        if (!pr.has_shape) {
            issue(rd->r, row->line, "tier", false, "a new unit needs a tier and a form");
            ok = false;
        }
        break;
    case PLAN_MOVE:
        if (!*v[C_PARENT]) {
            issue(rd->r, row->line, "parent", false, "a move needs the new parent");
            ok = false;
        }
        break;
    case PLAN_MERGE:
        if (!*v[C_INTO]) {
            issue(rd->r, row->line, "into", false, "a merge needs the unit it goes into");
            ok = false;
        }
        break;
    default:
        break;
    }
    if (ok) {
        struct restructure_plan *p = rd->p;
        pr.code = v[C_CODE];
        pr.name = v[C_NAME];
        pr.parent = v[C_PARENT];
        pr.into = v[C_INTO];
        pr.decision_no = v[C_DECISION];
        v[C_CODE] = v[C_NAME] = v[C_PARENT] = v[C_INTO] = v[C_DECISION] = NULL;
        ALLOC_GROW(p->rows, p->n + 1, p->cap);
        p->rows[p->n++] = pr;
    }
done:
    for (int c = 0; c < C__MAX; c++)
        free(v[c]);
    buf_release(&k);
    (void)info;
    return 0;
}

enum tcxd_err restructure_plan_read(const void *data, size_t len, const char *name,
                                    struct restructure_plan *p, struct restructure_result *r,
                                    struct tcxd_error *e)
{
    enum io_format f;
    enum tcxd_err rc;
    if ((rc = io_format_detect(data, len, name, &f, e)))
        return rc;
    struct reader rd;
    memset(&rd, 0, sizeof(rd));
    rd.p = p;
    rd.r = r;
    if ((rc = io_table_read(f, data, len, on_row, &rd, NULL, NULL, e)))
        return rc;
    if (!rd.header_done)
        issue(r, 0, "file", false, "the plan is empty");
    else if (!r->nerrors && !p->n)
        issue(r, 0, "file", false, "the plan has no rows");
    if (!r->nerrors && p->date == DATE_NONE)
        issue(r, 0, "date", false, "the plan needs its date (column date)");
    if (r->nerrors) {
        const struct plan_issue *is = &r->issues[0];
        for (size_t i = 0; i < r->nissues; i++)
            if (!r->issues[i].warning) {
                is = &r->issues[i];
                break;
            }
        return is->line ? tcxd_fail(e, TCXD_EINVAL, is->field, "line %ld: %s", is->line, is->msg)
                        : tcxd_fail(e, TCXD_EINVAL, is->field, "%s", is->msg);
    }
    return TCXD_OK;
}

/* ---- checking and applying ----------------------------------------------------------------- */

struct run {
    struct store *st;
    const struct store_actor *who;
    const struct restructure_plan *p;
    struct restructure_result *r;
    tcxd_date day, before;
    int64_t *row_id;    /* created id (create rows) or the existing organization */
    struct org_tree tb; /* the scope's subtree the day before */
};

/* The id a code stands for on the date: a unit the plan creates (0 until created) or an
   organization alive then; -1 when neither. */
static int64_t resolve(struct run *x, const char *code, tcxd_date on)
{
    for (size_t i = 0; i < x->p->n; i++)
        if (x->p->rows[i].action == PLAN_CREATE && !strcmp(x->p->rows[i].code, code))
            return x->row_id[i];
    struct org_info o;
    struct tcxd_error e;
    if (store_org_by_code(x->st, code, on, &o, &e))
        return -1;
    return o.id;
}

static bool is_created(const struct run *x, const char *code)
{
    for (size_t i = 0; i < x->p->n; i++)
        if (x->p->rows[i].action == PLAN_CREATE && !strcmp(x->p->rows[i].code, code))
            return true;
    return false;
}

static void static_checks(struct run *x)
{
    const struct restructure_plan *p = x->p;
    struct restructure_result *r = x->r;
    char d[DATE_ISO_LEN], b[DATE_ISO_LEN];
    date_format_vn(x->day, d);
    date_format_vn(x->before, b);
    for (size_t i = 0; i < p->n; i++) {
        const struct plan_row *w = &p->rows[i];
        if (w->action == PLAN_CREATE) {
            if (store_org_code_used(x->st, w->code))
                issue(r, w->line, "code", false, "organization code '%s' is already used", w->code);
            for (size_t j = 0; j < i; j++)
                if (p->rows[j].action == PLAN_CREATE && !strcmp(p->rows[j].code, w->code))
                    issue(r, w->line, "code", false, "'%s' is created twice (line %ld)", w->code,
                          p->rows[j].line);
        } else {
            struct org_info o;
            struct tcxd_error e;
            if (store_org_by_code(x->st, w->code, x->before, &o, &e))
                issue(r, w->line, "code", false, "'%s' does not exist on %s, the day before",
                      w->code, b);
            else
                x->row_id[i] = o.id;
            for (size_t j = 0; j < i; j++) {
                const struct plan_row *u = &p->rows[j];
                if (u->action == PLAN_CREATE || strcmp(u->code, w->code))
                    continue;
                if (!(u->action == PLAN_MERGE && w->action == PLAN_MERGE && u->part && w->part))
                    issue(r, w->line, "code", false,
                          "'%s' is already in the plan on line %ld (an old unit split in parts "
                          "has part on each of its merge rows)",
                          w->code, u->line);
                break;
            }
        }
        const char *ref = w->action == PLAN_CREATE || w->action == PLAN_MOVE ? w->parent : w->into;
        const char *field = w->action == PLAN_CREATE || w->action == PLAN_MOVE ? "parent" : "into";
        if (ref && *ref && !is_created(x, ref) && resolve(x, ref, x->day) < 0)
            issue(r, w->line, field, false, "'%s' is neither created by the plan nor alive on %s",
                  ref, d);
    }
}

/* The plan ends (merges or ends) this organization. */
static bool ended_by_plan(const struct run *x, int64_t id)
{
    for (size_t j = 0; j < x->p->n; j++)
        if ((x->p->rows[j].action == PLAN_MERGE || x->p->rows[j].action == PLAN_END) &&
            x->row_id[j] == id)
            return true;
    return false;
}

/* Every base commune committee (xã, phường, thị trấn) of the scope whose above-base parent the
   plan ends (a district committee, 2025) is itself in the plan: the old communes are mapped,
   not carried along by default. */
static void accounted_for(struct run *x)
{
    for (uint32_t i = 0; i < x->tb.n; i++) {
        const struct org_node *nd = &x->tb.nodes[i];
        bool commune = nd->tier == ORG_TIER_BASE &&
                       (nd->base_type == ORG_BASE_XA || nd->base_type == ORG_BASE_PHUONG ||
                        nd->base_type == ORG_BASE_THI_TRAN) &&
                       nd->form == ORG_FORM_DANG_BO;
        if (!commune || nd->id == x->r->scope_id || nd->parent == TREE_NONE)
            continue;
        const struct org_node *pa = &x->tb.nodes[nd->parent];
        if (pa->tier != ORG_TIER_ABOVE_BASE || !ended_by_plan(x, pa->id))
            continue;
        bool found = false;
        for (size_t j = 0; j < x->p->n && !found; j++)
            found = x->p->rows[j].action != PLAN_CREATE && x->row_id[j] == nd->id;
        if (!found)
            issue(x->r, 0, "code", false, "old unit '%s' (%s) is not accounted for in the plan",
                  nd->code, nd->name);
    }
}

static enum tcxd_err figures(struct store *st, const struct org_tree *t, int64_t root,
                             struct structure_counts *out, struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    uint32_t i = org_tree_find(t, root);
    if (i == TREE_NONE)
        return TCXD_OK;
    struct node_counts nc;
    enum tcxd_err rc = report_node_counts(st, t, i, &nc, e);
    if (rc)
        return rc;
    report_structure_counts(t, i, &nc, out);
    report_node_counts_free(&nc);
    return TCXD_OK;
}

struct idset {
    int64_t *v;
    size_t n, cap;
};
static void idset_add(void *ctx, int64_t id)
{
    struct idset *s = ctx;
    ALLOC_GROW(s->v, s->n + 1, s->cap);
    s->v[s->n++] = id;
}
static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}
static void idset_sort(struct idset *s)
{
    if (s->n)
        qsort(s->v, s->n, sizeof(*s->v), cmp_id);
}
static bool idset_has(const struct idset *s, int64_t id)
{
    return s->n && bsearch(&id, s->v, s->n, sizeof(*s->v), cmp_id);
}

static void fact_member(void *ctx, const struct member_fact *f)
{
    idset_add(ctx, f->member_id);
}

static enum tcxd_err members_of(struct store *st, const struct org_tree *t, tcxd_date on,
                                struct idset *out, struct tcxd_error *e)
{
    int64_t *ids = xmalloc((t->n + 1) * sizeof(*ids));
    for (size_t i = 0; i < t->n; i++)
        ids[i] = t->nodes[i].id;
    enum tcxd_err rc = t->n ? store_member_facts(st, on, ids, t->n, fact_member, out, e) : TCXD_OK;
    free(ids);
    idset_sort(out);
    return rc;
}

struct day_events {
    tcxd_date day;
    int n;
};
static void on_member_event(void *ctx, const struct member_event_info *ev)
{
    struct day_events *d = ctx;
    if (ev->ev.date == d->day)
        d->n++;
}

static enum tcxd_err fail_row(struct run *x, const struct plan_row *w, enum tcxd_err rc,
                              struct tcxd_error *e)
{
    add_issue(x->r, w ? w->line : 0, e->field, false, e->msg);
    (void)rc;
    return rc;
}

static struct org_shape shape_of(const struct org_info *o)
{
    return (struct org_shape){o->tier, o->form, o->base_type};
}

static enum tcxd_err do_move(struct run *x, const struct plan_row *w, int64_t id, int64_t parent,
                             const struct org_shape *want, struct idset *touched,
                             struct tcxd_error *e)
{
    struct org_info o, np;
    enum tcxd_err rc;
    if ((rc = store_org_get(x->st, id, x->day, &o, e)) ||
        (rc = store_org_get(x->st, parent, x->day, &np, e)))
        return rc;
    struct org_shape old = shape_of(&o), ps = shape_of(&np);
    struct org_shape sh = want ? *want : org_default_shape(x->day, &ps, &old);
    bool retier = sh.tier != old.tier || sh.form != old.form || sh.base_type != old.base_type;
    if (o.parent_id == parent && !retier)
        return TCXD_OK;
    if ((rc = store_org_move_retier(x->st, x->who, id, parent, &sh, x->day, w->decision_no, e)))
        return rc;
    char detail[2200];
    snprintf(detail, sizeof(detail), "→ %s%s%s", np.code, retier ? ", " : "",
             retier ? org_kind_label(org_kind_of(sh.tier, sh.form)) : "");
    change(x->r, retier ? "retier" : "move", o.code, o.name, detail);
    if (o.parent_id != parent)
        x->r->moved++;
    if (retier)
        x->r->retiered++;
    idset_add(touched, id);
    return TCXD_OK;
}

struct old_unit {
    size_t row; /* first row */
    int64_t id;
    uint32_t depth;
};
static int cmp_old(const void *a, const void *b)
{
    const struct old_unit *x = a, *y = b;
    if (x->depth != y->depth)
        return x->depth > y->depth ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

static enum tcxd_err apply_all(struct run *x, struct idset *touched, struct tcxd_error *e)
{
    const struct restructure_plan *p = x->p;
    struct restructure_result *r = x->r;
    enum tcxd_err rc;
    /* 1. creates, parents first */
    size_t left = 0;
    for (size_t i = 0; i < p->n; i++)
        left += p->rows[i].action == PLAN_CREATE;
    while (left) {
        size_t done = 0;
        for (size_t i = 0; i < p->n; i++) {
            const struct plan_row *w = &p->rows[i];
            if (w->action != PLAN_CREATE || x->row_id[i])
                continue;
            int64_t parent = 0;
            if (*w->parent && (parent = resolve(x, w->parent, x->day)) <= 0)
                continue;
            struct org_create_req req = {
                w->code, w->name, w->shape.tier, w->shape.form, w->shape.base_type,
                parent,  x->day,  w->decision_no};
            if ((rc = store_org_create(x->st, x->who, &req, &x->row_id[i], e)))
                return fail_row(x, w, rc, e);
            change(r, "create", w->code, w->name, w->parent);
            r->created++;
            idset_add(touched, x->row_id[i]);
            done++;
            left--;
        }
        if (!done) {
            for (size_t i = 0; i < p->n; i++)
                if (p->rows[i].action == PLAN_CREATE && !x->row_id[i]) {
                    rc = tcxd_fail(e, TCXD_ERULE, "parent",
                                   "'%s' cannot be created: its parent '%s' is never created",
                                   p->rows[i].code, p->rows[i].parent);
                    return fail_row(x, &p->rows[i], rc, e);
                }
        }
    }
    /* 2. explicit moves */
    for (size_t i = 0; i < p->n; i++) {
        const struct plan_row *w = &p->rows[i];
        if (w->action != PLAN_MOVE)
            continue;
        int64_t parent = resolve(x, w->parent, x->day);
        if ((rc = do_move(x, w, x->row_id[i], parent, w->has_shape ? &w->shape : NULL, touched, e)))
            return fail_row(x, w, rc, e);
    }
    /* 3. old units, innermost first */
    struct old_unit *ou = xcalloc(p->n + 1, sizeof(*ou));
    size_t nou = 0;
    for (size_t i = 0; i < p->n; i++) {
        const struct plan_row *w = &p->rows[i];
        if (w->action != PLAN_MERGE && w->action != PLAN_END)
            continue;
        bool seen = false;
        for (size_t j = 0; j < nou && !seen; j++)
            seen = ou[j].id == x->row_id[i];
        if (seen)
            continue;
        uint32_t k = org_tree_find(&x->tb, x->row_id[i]);
        ou[nou++] = (struct old_unit){i, x->row_id[i], k == TREE_NONE ? 0 : x->tb.nodes[k].depth};
    }
    if (nou)
        qsort(ou, nou, sizeof(*ou), cmp_old);
    rc = TCXD_OK;
    for (size_t u = 0; u < nou && !rc; u++) {
        const struct plan_row *w = &p->rows[ou[u].row];
        int64_t into = *w->into ? resolve(x, w->into, x->day) : 0;
        struct idset kids = {0};
        if ((rc = store_org_children(x->st, ou[u].id, x->day, idset_add, &kids, e))) {
            free(kids.v);
            break;
        }
        if (kids.n && !into) {
            rc = tcxd_fail(e, TCXD_ERULE, "into",
                           "'%s' still has %zu child organizations: move them or give into",
                           w->code, kids.n);
            free(kids.v);
            break;
        }
        for (size_t k = 0; k < kids.n && !rc; k++)
            rc = do_move(x, w, kids.v[k], into, NULL, touched, e);
        free(kids.v);
        if (rc)
            break;
        struct org_info o;
        if ((rc = store_org_get(x->st, ou[u].id, x->day, &o, e)))
            break;
        if (w->action == PLAN_MERGE) {
            struct idset mem = {0};
            struct org_tree one;
            org_tree_init(&one, x->day);
            org_tree_add(&one, o.id, 0, o.tier, o.form, o.base_type, o.code, o.name);
            org_tree_link(&one);
            rc = members_of(x->st, &one, x->day, &mem, e);
            org_tree_release(&one);
            if (!rc)
                rc = store_org_merge(x->st, x->who, ou[u].id, into, x->day, w->decision_no, e);
            if (!rc) {
                r->members_moved += (int64_t)mem.n;
                char detail[256];
                snprintf(detail, sizeof(detail), "→ %s", w->into);
                change(r, "merge", o.code, o.name, detail);
                idset_add(touched, into);
            }
            free(mem.v);
        } else {
            struct org_info to;
            int64_t members_to = 0;
            if (into && !store_org_get(x->st, into, x->day, &to, e) &&
                org_holds_members(to.tier, to.form))
                members_to = into;
            struct idset mem = {0};
            if (members_to) {
                struct org_tree one;
                org_tree_init(&one, x->day);
                org_tree_add(&one, o.id, 0, o.tier, o.form, o.base_type, o.code, o.name);
                org_tree_link(&one);
                rc = members_of(x->st, &one, x->day, &mem, e);
                org_tree_release(&one);
            }
            if (!rc)
                rc = store_org_dissolve(x->st, x->who, ou[u].id, members_to, x->day, w->decision_no,
                                        e);
            if (!rc) {
                r->members_moved += (int64_t)mem.n;
                change(r, "end", o.code, o.name, "");
                if (members_to)
                    idset_add(touched, members_to);
            }
            free(mem.v);
        }
        if (!rc)
            r->ended++;
    }
    if (rc) {
        const struct plan_row *w = NULL;
        for (size_t u = 0; u < nou; u++)
            if (!w)
                w = &p->rows[ou[u].row];
        free(ou);
        return fail_row(x, w, rc, e);
    }
    free(ou);
    return TCXD_OK;
}

static int64_t top_of(struct store *st, int64_t id, tcxd_date on)
{
    struct org_info o;
    struct tcxd_error e;
    for (int guard = 0; guard < 64; guard++) {
        if (store_org_get(st, id, on, &o, &e) || !o.parent_id)
            return id;
        id = o.parent_id;
    }
    return id;
}

static void size_warnings(struct run *x, const struct org_tree *t, const struct idset *touched,
                          struct tcxd_error *e)
{
    struct node_counts nc;
    if (report_node_counts(x->st, t, TREE_NONE, &nc, e))
        return;
    for (size_t i = 0; i < t->n; i++) {
        const struct org_node *nd = &t->nodes[i];
        if (!idset_has(touched, nd->id))
            continue;
        struct org_shape s = {nd->tier, nd->form, nd->base_type};
        enum org_size_warning w[2];
        int k = org_size_warnings(&s, nc.official[i], nc.official[i] + nc.probationary[i], w);
        for (int j = 0; j < k; j++)
            issue(x->r, 0, "code", true, "%s (%s): %s", nd->code, nd->name, // NOLINT
                  msg_tr(org_size_warning_text(w[j])));
    }
    report_node_counts_free(&nc);
}

enum tcxd_err restructure_run(struct store *st, const struct store_actor *who,
                              const struct restructure_plan *p, const struct restructure_opts *o,
                              struct restructure_result *r, struct tcxd_error *e)
{
    struct run x;
    memset(&x, 0, sizeof(x));
    x.st = st;
    x.who = who;
    x.p = p;
    x.r = r;
    x.day = p->date;
    x.before = p->date - 1;
    x.row_id = xcalloc(p->n + 1, sizeof(*x.row_id));
    org_tree_init(&x.tb, x.before);
    enum tcxd_err rc = TCXD_OK;
    struct idset touched = {0}, mb = {0}, ma = {0};
    struct org_tree ta;
    org_tree_init(&ta, x.day);

    static_checks(&x);
    /* the scope: given, or the root above the first old unit */
    int64_t scope = o->scope;
    for (size_t i = 0; i < p->n && !scope; i++)
        if (p->rows[i].action != PLAN_CREATE && x.row_id[i] > 0)
            scope = top_of(st, x.row_id[i], x.before);
    r->scope_id = scope;
    if (scope) {
        org_tree_release(&x.tb);
        if ((rc = store_tree_load_subtree(st, x.before, scope, &x.tb, e)))
            goto out;
        accounted_for(&x);
    }
    if (r->nerrors) {
        const struct plan_issue *is = NULL;
        for (size_t i = 0; i < r->nissues && !is; i++)
            if (!r->issues[i].warning)
                is = &r->issues[i];
        rc = is->line ? tcxd_fail(e, TCXD_EINVAL, is->field, "line %ld: %s", is->line, is->msg)
                      : tcxd_fail(e, TCXD_EINVAL, is->field, "%s", is->msg);
        goto out;
    }
    if ((rc = store_begin(st, e)))
        goto out;
    if ((rc = figures(st, &x.tb, scope, &r->before, e)) ||
        (rc = members_of(st, &x.tb, x.before, &mb, e)) || (rc = apply_all(&x, &touched, e)))
        goto fail;
    int64_t after_root = scope;
    struct org_info so;
    if (store_org_get(st, scope, x.day, &so, e))
        after_root = top_of(st, scope, x.before);
    if ((rc = store_tree_load_subtree(st, x.day, after_root, &ta, e)) ||
        (rc = figures(st, &ta, after_root, &r->after, e)) ||
        (rc = members_of(st, &ta, x.day, &ma, e)))
        goto fail;
    /* every member registered the day before is registered on the date, unless the member's
       own record changes that day (an exit, a transfer away) */
    for (size_t i = 0; i < mb.n; i++) {
        if (idset_has(&ma, mb.v[i]))
            continue;
        struct day_events de = {x.day, 0};
        if ((rc = store_member_events(st, mb.v[i], on_member_event, &de, NULL, e)))
            goto fail;
        if (!de.n)
            r->members_unplaced++;
    }
    if (r->members_unplaced) {
        rc = tcxd_fail(e, TCXD_ERULE, "plan", "%lld members would be left without a chi bộ",
                       (long long)r->members_unplaced);
        add_issue(r, 0, "plan", false, e->msg);
        goto fail;
    }
    idset_sort(&touched);
    size_warnings(&x, &ta, &touched, e);
    char d[DATE_ISO_LEN];
    date_format_iso(x.day, d);
    json_t *sum = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "date", d, "rows",
                            (json_int_t)p->n, "created", (json_int_t)r->created, "ended",
                            (json_int_t)r->ended, "moved", (json_int_t)r->moved, "retiered",
                            (json_int_t)r->retiered, "members_moved", (json_int_t)r->members_moved);
    char *after = json_dumps(sum, JSON_COMPACT);
    json_decref(sum);
    rc = store_audit_append(st, who, "restructure.apply", "plan", 0, scope, NULL, after, e);
    free(after);
    if (rc)
        goto fail;
    if (o->apply) {
        if ((rc = store_commit(st, e)))
            goto out;
        r->applied = true;
    } else {
        store_rollback(st);
    }
    goto out;
fail:
    store_rollback(st);
out:
    org_tree_release(&x.tb);
    org_tree_release(&ta);
    free(x.row_id);
    free(touched.v);
    free(mb.v);
    free(ma.v);
    return rc;
}

/* ---- output ------------------------------------------------------------------------------ */

json_t *structure_counts_json(const struct structure_counts *c)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "direct_above_base",
                     (json_int_t)c->direct_above_base, "above_base", (json_int_t)c->above_base,
                     "base_dang_bo", (json_int_t)c->base_dang_bo, "base_chi_bo",
                     (json_int_t)c->base_chi_bo, "partial", (json_int_t)c->partial, "branches",
                     (json_int_t)c->branches, "members", (json_int_t)c->members, "official",
                     (json_int_t)c->official, "probationary", (json_int_t)c->probationary);
}

json_t *restructure_result_json(const struct restructure_result *r, tcxd_date date)
{
    char d[DATE_ISO_LEN] = "";
    if (date != DATE_NONE)
        date_format_iso(date, d);
    json_t *issues = json_array();
    for (size_t i = 0; i < r->nissues; i++) {
        const struct plan_issue *is = &r->issues[i];
        json_array_append_new(issues,
                              json_pack("{s:I, s:s, s:s, s:s}", "line", (json_int_t)is->line,
                                        "field", is->field, "severity",
                                        is->warning ? "warning" : "error", "message", is->msg));
    }
    return json_pack("{s:b, s:b, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:o, s:O, s:o}", "ok",
                     r->nerrors == 0, "applied", r->applied, "date", d, "scope_id",
                     (json_int_t)r->scope_id, "created", (json_int_t)r->created, "ended",
                     (json_int_t)r->ended, "moved", (json_int_t)r->moved, "retiered",
                     (json_int_t)r->retiered, "members_moved", (json_int_t)r->members_moved,
                     "members_unplaced", (json_int_t)r->members_unplaced, "before",
                     structure_counts_json(&r->before), "after", structure_counts_json(&r->after),
                     "changes", r->changes, "issues", issues);
}

static void counts_line(struct buf *out, const char *day, const struct structure_counts *c)
{
    struct buf a = BUF_INIT, b = BUF_INIT, p = BUF_INIT, ch = BUF_INIT, m = BUF_INIT;
    vnfmt_int(&a, c->above_base);
    vnfmt_int(&b, c->base_dang_bo + c->base_chi_bo);
    vnfmt_int(&p, c->partial);
    vnfmt_int(&ch, c->branches);
    vnfmt_int(&m, c->members);
    buf_addf(out,
             msg_tr("  %s: %s above-base committees, %s base organizations, %s đảng bộ bộ phận, "
                    "%s chi bộ trực thuộc, %s members\n"),
             day, a.ptr, b.ptr, p.ptr, ch.ptr, m.ptr);
    buf_release(&a);
    buf_release(&b);
    buf_release(&p);
    buf_release(&ch);
    buf_release(&m);
}

void restructure_result_text(const struct restructure_result *r, tcxd_date date, bool verbose,
                             struct buf *out)
{
    char d[DATE_ISO_LEN] = "?", b[DATE_ISO_LEN] = "?";
    if (date != DATE_NONE) {
        date_format_vn(date, d);
        date_format_vn(date - 1, b);
    }
    buf_addf(out,
             msg_tr("plan of %s: %lld created, %lld ended, %lld moved, %lld re-tiered, %lld "
                    "members moved from merged chi bộ\n"),
             d, (long long)r->created, (long long)r->ended, (long long)r->moved,
             (long long)r->retiered, (long long)r->members_moved);
    counts_line(out, b, &r->before);
    counts_line(out, d, &r->after);
    size_t nw = 0;
    for (size_t i = 0; i < r->nissues; i++) {
        const struct plan_issue *is = &r->issues[i];
        if (is->warning && !verbose && ++nw > 20)
            continue;
        if (is->line)
            buf_addf(out, msg_tr("%s: line %ld: %s\n"),
                     is->warning ? msg_tr("warning") : msg_tr("error"), is->line, is->msg);
        else
            buf_addf(out, "%s: %s\n", is->warning ? msg_tr("warning") : msg_tr("error"), is->msg);
    }
    if (nw > 20)
        buf_addf(out, msg_tr("... %zu warnings in all\n"), nw);
    if (verbose) {
        size_t i;
        json_t *c;
        json_array_foreach(r->changes, i, c)
        {
            buf_addf(out, "%s %s %s %s\n", json_string_value(json_object_get(c, "action")),
                     json_string_value(json_object_get(c, "code")),
                     json_string_value(json_object_get(c, "name")),
                     json_string_value(json_object_get(c, "detail")));
        }
    }
    buf_addf(out, "%s\n",
             r->applied   ? msg_tr("applied")
             : r->nerrors ? msg_tr("refused: nothing was written")
                          : msg_tr("dry run: nothing was written"));
}
