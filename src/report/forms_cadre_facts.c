/*
 * forms_cadre_facts.c - the cadre forms' counts from the cadre records (forms_cadre_facts.h).
 */
#include "report/forms_cadre_facts.h"

#include <string.h>

#include "store/store_cadre.h"

_Static_assert(CADRE_FORM13_COLS == CADRE_MGMT__MAX, "form 13 has a column per managing level");

static void on_appoint(void *ctx, const struct cadre_appoint_event *ev)
{
    int64_t(*out)[CADRE_FORM13_COLS] = ctx;
    int col = (int)ev->cadre.mgmt;
    if (col < 0 || col >= CADRE_FORM13_COLS)
        return;
    out[CF13_TOTAL][col]++;
    if (ev->kind == APPOINT_NOMINATE) {
        out[CF13_NOMINATE][col]++;
        return;
    }
    out[CF13_APPOINT][col]++;
    if (ev->kind == APPOINT_RE)
        out[CF13_REAPPOINT][col]++;
}

enum tcxd_err cadre_form13_counts(struct store *st, int64_t org_id, tcxd_date from, tcxd_date to,
                                  int64_t out[CADRE_FORM13_ROWS][CADRE_FORM13_COLS],
                                  struct tcxd_error *e)
{
    memset(out, 0, sizeof(int64_t) * CADRE_FORM13_ROWS * CADRE_FORM13_COLS);
    return store_cadre_appoint_events(st, org_id, from, to, on_appoint, out, e);
}

_Static_assert(CADRE_FORM11_COLS == 1 + MDIR_NONE, "form 11: the total and ten directions");

static void on_move(void *ctx, const struct cadre_move_event *ev)
{
    int64_t(*out)[CADRE_FORM11_COLS] = ctx;
    if (ev->move.kind != MOVE_LUAN_CHUYEN || (unsigned)ev->move.direction >= MDIR_NONE)
        return;
    const struct cadre_attrs *a = &ev->cadre.attrs;
    int rows[8], n = 0;
    rows[n++] = CF11_TOTAL;
    if (a->gender == GENDER_FEMALE)
        rows[n++] = CF11_WOMEN;
    if (a->minority)
        rows[n++] = CF11_MINORITY;
    if (a->religious)
        rows[n++] = CF11_RELIGIOUS;
    int band = cadre_age_band(a->birth_date, ev->move.date);
    if (band >= 0)
        rows[n++] = CF11_AGE_40 + band;
    switch (a->prof) {
    case PROF_TRUNG_CAP:
        rows[n++] = CF11_PROF_TRUNG_CAP;
        break;
    case PROF_CAO_DANG:
        rows[n++] = CF11_PROF_CAO_DANG;
        break;
    case PROF_DAI_HOC:
        rows[n++] = CF11_PROF_DAI_HOC;
        break;
    case PROF_THAC_SI:
    case PROF_TIEN_SI:
        rows[n++] = CF11_PROF_SAU_DAI_HOC;
        break;
    default:
        break;
    }
    switch (a->theory) {
    case THEORY_SO_CAP:
        rows[n++] = CF11_THEORY_SO_CAP;
        break;
    case THEORY_TRUNG_CAP:
        rows[n++] = CF11_THEORY_TRUNG_CAP;
        break;
    case THEORY_CAO_CAP:
    case THEORY_CU_NHAN:
        rows[n++] = CF11_THEORY_CAO_CAP;
        break;
    default:
        break;
    }
    for (int i = 0; i < n; i++) {
        out[rows[i]][0]++;
        out[rows[i]][1 + (int)ev->move.direction]++;
    }
}

enum tcxd_err cadre_form11_counts(struct store *st, int64_t org_id, tcxd_date from, tcxd_date to,
                                  int64_t out[CADRE_FORM11_ROWS][CADRE_FORM11_COLS],
                                  struct tcxd_error *e)
{
    memset(out, 0, sizeof(int64_t) * CADRE_FORM11_ROWS * CADRE_FORM11_COLS);
    return store_cadre_move_events(st, org_id, from, to, on_move, out, e);
}

/* ---- forms 9 and 12 ---- */

_Static_assert(CFL_FORM9 == (int)CFORM_9 && CFL_FORM12 == (int)CFORM_12, "the families");
_Static_assert(CFL_TINH == (int)CTIER_TINH && CFL_HUYEN == (int)CTIER_HUYEN &&
                   CFL_XA == (int)CTIER_XA,
               "the tiers");

struct leader_ctx {
    enum cadre_form_family family;
    enum cadre_tier tier;
    tcxd_date on;
    int64_t (*out)[CADRE_LEADER_MAX_COLS];
};

static void on_post(void *ctx, const struct cadre_post_fact *f)
{
    struct leader_ctx *x = ctx;
    if (f->tier != x->tier)
        return;
    int col = cadre_post_column(x->family, x->tier, f->post);
    if (col < 0 || col >= CADRE_LEADER_MAX_COLS)
        return;
    const struct cadre_attrs *a = &f->cadre.attrs;
    int rows[8], n = 0;
    rows[n++] = CFL_TOTAL;
    if (a->gender == GENDER_FEMALE)
        rows[n++] = CFL_WOMEN;
    if (a->minority)
        rows[n++] = CFL_MINORITY;
    int band = cadre_age_band(a->birth_date, x->on);
    if (band >= 0)
        rows[n++] = CFL_AGE_40 + band;
    switch (a->prof) {
    case PROF_CAO_DANG:
        rows[n++] = CFL_PROF_CAO_DANG;
        break;
    case PROF_DAI_HOC:
        rows[n++] = CFL_PROF_DAI_HOC;
        break;
    case PROF_THAC_SI:
    case PROF_TIEN_SI:
        rows[n++] = CFL_PROF_SAU_DAI_HOC;
        break;
    default:
        break;
    }
    if (a->academic == ACAD_PGS)
        rows[n++] = CFL_ACAD_PGS;
    else if (a->academic == ACAD_GS)
        rows[n++] = CFL_ACAD_GS;
    switch (a->theory) {
    case THEORY_SO_CAP:
        rows[n++] = CFL_THEORY_SO_CAP;
        break;
    case THEORY_TRUNG_CAP:
        rows[n++] = CFL_THEORY_TRUNG_CAP;
        break;
    case THEORY_CAO_CAP:
    case THEORY_CU_NHAN:
        rows[n++] = CFL_THEORY_CAO_CAP;
        break;
    default:
        break;
    }
    for (int i = 0; i < n; i++)
        x->out[rows[i]][col]++;
}

enum tcxd_err cadre_leader_counts(struct store *st, int64_t org_id, tcxd_date on, int family,
                                  int tier, int64_t out[CADRE_LEADER_ROWS][CADRE_LEADER_MAX_COLS],
                                  struct tcxd_error *e)
{
    memset(out, 0, sizeof(int64_t) * CADRE_LEADER_ROWS * CADRE_LEADER_MAX_COLS);
    struct leader_ctx x = {(enum cadre_form_family)family, (enum cadre_tier)tier, on, out};
    return family == CFORM_9 ? store_cadre_post_holders(st, org_id, on, on_post, &x, e)
                             : store_cadre_post_plans(st, org_id, on, on_post, &x, e);
}
