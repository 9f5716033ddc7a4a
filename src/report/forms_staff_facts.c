/*
 * forms_staff_facts.c - forms 8A and 8B-BTCTW's counts from the staffing roll
 * (forms_staff_facts.h): each person's events replayed (store_staff_scan), each stint whose
 * body is in the subtree counted on its days.
 */
#include "report/forms_staff_facts.h"

#include <math.h>
#include <string.h>

#include "store/store_staff.h"

_Static_assert(SF8A_C7 - SF8A_C1 + 1 == SLEAVE__MAX, "form 8A: C.1-C.7 are the leave kinds");

static const int cat_a[STAFF_CAT__MAX] = {SF8A_A_CBCC, SF8A_A_VC, SF8A_A_HD68, SF8A_A_HDK};
static const int cat_d[STAFF_CAT__MAX] = {SF8A_D_CBCC, SF8A_D_VC, SF8A_D_HD68, SF8A_D_HDK};

struct ctx8a {
    tcxd_date from, to;
    int64_t *out;
};

static bool covers(const struct staff_stint *s, tcxd_date d)
{
    return s->from <= d && d < s->to;
}

/* An entry into the subtree's roll: a JOIN, or a MOVE from a body outside it. */
static void count_in(int64_t *out, const struct staff_scan_item *it, size_t i)
{
    const struct staff_stint *s = &it->replay->v[i];
    out[SF8A_B]++;
    bool cc = s->category == STAFF_CBCC, vc = s->category == STAFF_VIEN_CHUC;
    if (s->start == SEV_MOVE) { /* tiếp nhận from another body of the roll */
        if (cc || vc) {
            out[cc ? SF8A_B1 : SF8A_B2]++;
            out[cc ? SF8A_B1B : SF8A_B2B]++;
        }
        return;
    }
    const struct staff_event *x = &it->ev[s->start_ev];
    switch (x->join) {
    case SJOIN_CC_EXAM:
        out[SF8A_B1]++;
        out[SF8A_B1A]++;
        break;
    case SJOIN_CC_INTAKE:
        out[SF8A_B1]++;
        out[SF8A_B1B]++;
        if (x->talent)
            out[SF8A_B1B_TALENT]++;
        if (x->experience >= 5)
            out[SF8A_B1B_EXP]++;
        break;
    case SJOIN_VC_EXAM:
        out[SF8A_B2]++;
        out[SF8A_B2A]++;
        break;
    case SJOIN_VC_INTAKE:
        out[SF8A_B2]++;
        out[SF8A_B2B]++;
        if (x->talent)
            out[SF8A_B2B_TALENT]++;
        if (x->experience >= 3)
            out[SF8A_B2B_EXP]++;
        break;
    default: /* a contract, other: in B only */
        break;
    }
}

static void on_8a(void *vc, const struct staff_scan_item *it)
{
    struct ctx8a *c = vc;
    const struct staff_replay *r = it->replay;
    for (size_t i = 0; i < r->n; i++) {
        if (!it->in[i])
            continue;
        const struct staff_stint *s = &r->v[i];
        if (covers(s, c->from - 1)) {
            c->out[SF8A_A]++;
            c->out[cat_a[s->category]]++;
        }
        if (covers(s, c->to)) {
            c->out[SF8A_D]++;
            c->out[cat_d[s->category]]++;
        }
        bool entry = s->start == SEV_JOIN || (s->start == SEV_MOVE && i && !it->in[i - 1]);
        if (entry && s->from >= c->from && s->from <= c->to)
            count_in(c->out, it, i);
        bool exit = s->end == SEV_LEAVE || (s->end == SEV_MOVE && i + 1 < r->n && !it->in[i + 1]);
        if (exit && s->to >= c->from && s->to <= c->to) {
            c->out[SF8A_C]++;
            c->out[SF8A_C1 + (s->end == SEV_LEAVE ? (int)s->leave : (int)SLEAVE_TRANSFER)]++;
        }
    }
}

enum tcxd_err staff_form8a_counts(struct store *st, int64_t org_id, tcxd_date from, tcxd_date to,
                                  int64_t out[STAFF_FORM8A_ROWS], struct tcxd_error *e)
{
    memset(out, 0, sizeof(int64_t) * STAFF_FORM8A_ROWS);
    if (from == DATE_NONE || to == DATE_NONE || to < from)
        return tcxd_fail(e, TCXD_EINVAL, "to", "the period ends before it starts");
    struct ctx8a c = {from, to, out};
    return store_staff_scan(st, org_id, to, on_8a, &c, e);
}

struct ctx8b {
    tcxd_date on;
    int64_t (*out)[STAFF_FORM8B_COLS];
    double age_sum[STAFF_FORM8B_COLS];
    int64_t age_n[STAFF_FORM8B_COLS];
};

static void on_8b(void *vc, const struct staff_scan_item *it)
{
    struct ctx8b *c = vc;
    const struct staff_stint *s = staff_on(it->replay, c->on);
    if (!s)
        return;
    size_t i = (size_t)(s - it->replay->v);
    if (!it->in[i])
        return;
    int lv = (int)it->level[i], kind = (int)it->kind[i];
    if (lv < 0 || lv >= STAFF_LEVEL__MAX || kind < 0 || kind >= SBODY__MAX)
        return;
    int cols[3] = {0, 1 + lv * 4, 1 + lv * 4 + 1 + kind};
    const struct cadre_attrs *a = &it->person->attrs;
    int rows[12], n = 0;
    rows[n++] = SF8B_TOTAL;
    rows[n++] = SF8B_CBCC + (int)s->category;
    if (a->gender == GENDER_FEMALE)
        rows[n++] = SF8B_WOMEN;
    if (a->minority)
        rows[n++] = SF8B_MINORITY;
    if (it->person->party)
        rows[n++] = SF8B_PARTY;
    int band = staff_age_band(a->birth_date, c->on);
    if (band >= 0)
        rows[n++] = SF8B_AGE0 + band;
    if (s->grade >= SGRADE_CVCC && s->grade <= SGRADE_NHAN_VIEN)
        rows[n++] = SF8B_CC1 + (int)(s->grade - SGRADE_CVCC);
    if (s->grade >= SGRADE_HANG_1 && s->grade <= SGRADE_HANG_5)
        rows[n++] = SF8B_VC1 + (int)(s->grade - SGRADE_HANG_1);
    switch (a->prof) {
    case PROF_CAO_DANG:
        rows[n++] = SF8B_PROF_CD;
        break;
    case PROF_DAI_HOC:
        rows[n++] = SF8B_PROF_DH;
        break;
    case PROF_THAC_SI:
        rows[n++] = SF8B_PROF_THS;
        break;
    case PROF_TIEN_SI:
        rows[n++] = SF8B_PROF_TS;
        break;
    default: /* none, trung cấp */
        rows[n++] = SF8B_PROF_BELOW;
        break;
    }
    if (a->academic == ACAD_PGS)
        rows[n++] = SF8B_PGS;
    if (a->academic == ACAD_GS)
        rows[n++] = SF8B_GS;
    if (a->theory == THEORY_SO_CAP)
        rows[n++] = SF8B_LLCT_SC;
    if (a->theory == THEORY_TRUNG_CAP)
        rows[n++] = SF8B_LLCT_TC;
    if (a->theory == THEORY_CAO_CAP || a->theory == THEORY_CU_NHAN)
        rows[n++] = SF8B_LLCT_CC;
    for (int k = 0; k < 3; k++) {
        for (int j = 0; j < n; j++)
            c->out[rows[j]][cols[k]]++;
        if (band >= 0) {
            c->age_sum[cols[k]] += date_age_years(a->birth_date, c->on);
            c->age_n[cols[k]]++;
        }
    }
}

enum tcxd_err staff_form8b_counts(struct store *st, int64_t org_id, tcxd_date to,
                                  int64_t out[STAFF_FORM8B_ROWS][STAFF_FORM8B_COLS],
                                  double mean[STAFF_FORM8B_COLS], struct tcxd_error *e)
{
    memset(out, 0, sizeof(int64_t) * STAFF_FORM8B_ROWS * STAFF_FORM8B_COLS);
    struct ctx8b c = {.on = to, .out = out};
    enum tcxd_err rc = store_staff_scan(st, org_id, to, on_8b, &c, e);
    for (int k = 0; k < STAFF_FORM8B_COLS; k++)
        mean[k] = c.age_n[k] ? c.age_sum[k] / (double)c.age_n[k] : NAN;
    return rc;
}
