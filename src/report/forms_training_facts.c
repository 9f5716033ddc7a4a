/*
 * forms_training_facts.c - form 10-BTCTW's counts from the training records
 * (forms_training_facts.h).
 */
#include "report/forms_training_facts.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_training.h"
#include "util/xmalloc.h"

#define P(x) (1u << (x))
#define ANY  (-1)

/* each row: the programmes (bits of enum training_programme) and the mode (ANY: every one) */
static const struct {
    unsigned programmes;
    int mode;
} rows10[CADRE_FORM10_ROWS] = {
    [CF10_I] = {P(TRAIN_DAI_HOC) | P(TRAIN_THAC_SI) | P(TRAIN_TIEN_SI) | P(TRAIN_TC_LLCT) |
                    P(TRAIN_CC_LLCT) | P(TRAIN_CN_LLCT),
                ANY},
    [CF10_PROF] = {P(TRAIN_DAI_HOC) | P(TRAIN_THAC_SI) | P(TRAIN_TIEN_SI), ANY},
    [CF10_DH] = {P(TRAIN_DAI_HOC), ANY},
    [CF10_DH_DOM] = {P(TRAIN_DAI_HOC), TMODE_DOMESTIC},
    [CF10_DH_FOR] = {P(TRAIN_DAI_HOC), TMODE_FOREIGN},
    [CF10_DH_JOINT] = {P(TRAIN_DAI_HOC), TMODE_JOINT},
    [CF10_THS] = {P(TRAIN_THAC_SI), ANY},
    [CF10_THS_DOM] = {P(TRAIN_THAC_SI), TMODE_DOMESTIC},
    [CF10_THS_FOR] = {P(TRAIN_THAC_SI), TMODE_FOREIGN},
    [CF10_THS_JOINT] = {P(TRAIN_THAC_SI), TMODE_JOINT},
    [CF10_TS] = {P(TRAIN_TIEN_SI), ANY},
    [CF10_TS_DOM] = {P(TRAIN_TIEN_SI), TMODE_DOMESTIC},
    [CF10_TS_FOR] = {P(TRAIN_TIEN_SI), TMODE_FOREIGN},
    [CF10_TS_JOINT] = {P(TRAIN_TIEN_SI), TMODE_JOINT},
    [CF10_POL] = {P(TRAIN_TC_LLCT) | P(TRAIN_CC_LLCT) | P(TRAIN_CN_LLCT), ANY},
    [CF10_TC] = {P(TRAIN_TC_LLCT), ANY},
    [CF10_TC_FULL] = {P(TRAIN_TC_LLCT), TMODE_FULL_TIME},
    [CF10_TC_PART] = {P(TRAIN_TC_LLCT), TMODE_PART_TIME},
    [CF10_CC] = {P(TRAIN_CC_LLCT), ANY},
    [CF10_CC_FULL] = {P(TRAIN_CC_LLCT), TMODE_FULL_TIME},
    [CF10_CC_PART] = {P(TRAIN_CC_LLCT), TMODE_PART_TIME},
    [CF10_CN] = {P(TRAIN_CN_LLCT), ANY},
    [CF10_CN_FULL] = {P(TRAIN_CN_LLCT), TMODE_FULL_TIME},
    [CF10_CN_PART] = {P(TRAIN_CN_LLCT), TMODE_PART_TIME},
    [CF10_II] = {P(TRAIN_BD_XDD) | P(TRAIN_BD_DOAN_THE) | P(TRAIN_BD_QLNN) | P(TRAIN_BD_QLKT) |
                     P(TRAIN_BD_NGOAI_NGU) | P(TRAIN_BD_TIN_HOC) | P(TRAIN_BD_CAP_NHAT) |
                     P(TRAIN_BD_QPAN),
                 ANY},
    [CF10_XDD] = {P(TRAIN_BD_XDD), ANY},
    [CF10_DOAN_THE] = {P(TRAIN_BD_DOAN_THE), ANY},
    [CF10_QLNN] = {P(TRAIN_BD_QLNN), ANY},
    [CF10_QLNN_DOM] = {P(TRAIN_BD_QLNN), TMODE_DOMESTIC},
    [CF10_QLNN_FOR] = {P(TRAIN_BD_QLNN), TMODE_FOREIGN},
    [CF10_QLKT] = {P(TRAIN_BD_QLKT), ANY},
    [CF10_QLKT_DOM] = {P(TRAIN_BD_QLKT), TMODE_DOMESTIC},
    [CF10_QLKT_FOR] = {P(TRAIN_BD_QLKT), TMODE_FOREIGN},
    [CF10_NN] = {P(TRAIN_BD_NGOAI_NGU), ANY},
    [CF10_NN_DOM] = {P(TRAIN_BD_NGOAI_NGU), TMODE_DOMESTIC},
    [CF10_NN_FOR] = {P(TRAIN_BD_NGOAI_NGU), TMODE_FOREIGN},
    [CF10_TIN_HOC] = {P(TRAIN_BD_TIN_HOC), ANY},
    [CF10_CAP_NHAT] = {P(TRAIN_BD_CAP_NHAT), ANY},
    [CF10_QPAN] = {P(TRAIN_BD_QPAN), ANY},
    [CF10_QPAN_DT1] = {P(TRAIN_BD_QPAN), TMODE_DT1},
    [CF10_QPAN_DT2] = {P(TRAIN_BD_QPAN), TMODE_DT2},
    [CF10_QPAN_DT3] = {P(TRAIN_BD_QPAN), TMODE_DT3},
    [CF10_QPAN_DT4] = {P(TRAIN_BD_QPAN), TMODE_DT4},
};

static bool in_row(int row, enum training_programme p, enum training_mode m)
{
    return (unsigned)p < TRAIN__MAX && (rows10[row].programmes & P(p)) &&
           (rows10[row].mode == ANY || rows10[row].mode == (int)m);
}

/* one course of a cadre: who, at which level, a leader that day */
struct course {
    int64_t cadre_id;
    enum training_programme p;
    enum training_mode m;
    enum training_level level;
    bool leader;
};
struct courses {
    struct course *v;
    size_t n, cap;
};

static void on_event(void *ctx, const struct training_event *ev)
{
    struct courses *c = ctx;
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 64;
        c->v = xrealloc(c->v, c->cap * sizeof(*c->v));
    }
    c->v[c->n++] = (struct course){ev->cadre.id, ev->programme, ev->mode,
                                   training_level_of(ev->cadre.mgmt), ev->leader};
}

static void on_class(void *ctx, const struct training_class_event *ev)
{
    int64_t(*out)[CADRE_FORM10_COLS] = ctx;
    int col = class_opener_column(ev->opener);
    if (col < 0)
        return;
    for (int r = 0; r < CADRE_FORM10_ROWS; r++)
        if (in_row(r, ev->programme, ev->mode)) {
            out[r][6]++;
            out[r][7 + col]++;
        }
}

static int by_cadre(const void *a, const void *b)
{
    const struct course *x = a, *y = b;
    return x->cadre_id < y->cadre_id ? -1 : x->cadre_id > y->cadre_id;
}

/* the cadre columns of the level, -1 for none: 1/2 tỉnh, 3/4 huyện, 5 xã (no leaders' column) */
static const int level_col[TLEVEL__MAX] = {1, 3, 5};

enum tcxd_err cadre_form10_counts(struct store *st, int64_t org_id, tcxd_date from, tcxd_date to,
                                  int64_t out[CADRE_FORM10_ROWS][CADRE_FORM10_COLS],
                                  struct tcxd_error *e)
{
    memset(out, 0, sizeof(int64_t) * CADRE_FORM10_ROWS * CADRE_FORM10_COLS);
    struct courses c = {0};
    enum tcxd_err rc = store_training_events(st, org_id, from, to, on_event, &c, e);
    if (!rc)
        rc = store_training_class_events(st, org_id, from, to, on_class, out, e);
    if (rc || !c.n) {
        free(c.v);
        return rc;
    }
    qsort(c.v, c.n, sizeof(*c.v), by_cadre);
    for (int r = 0; r < CADRE_FORM10_ROWS; r++)
        for (size_t i = 0; i < c.n;) {
            /* the cadre's courses c.v[i .. j): counted once in the row, a leader when on any */
            size_t j = i;
            bool hit = false, leader = false;
            for (; j < c.n && c.v[j].cadre_id == c.v[i].cadre_id; j++)
                if (in_row(r, c.v[j].p, c.v[j].m)) {
                    hit = true;
                    leader = leader || c.v[j].leader;
                }
            if (hit) {
                int col = level_col[c.v[i].level];
                out[r][0]++;
                out[r][col]++;
                if (leader && col != 5)
                    out[r][col + 1]++;
            }
            i = j;
        }
    free(c.v);
    return TCXD_OK;
}
