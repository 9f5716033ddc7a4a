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
