/*
 * forms_defs.c - every set of form definitions in one list, and the definition of a form for a
 * period. Add a set by one line in form_sets[] (see forms_sets.h).
 */
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "report/forms.h"
#include "report/forms_sets.h"

struct form_set {
    const struct form_def *const *defs;
    const size_t *n;
};
static const struct form_set form_sets[] = {
    {forms_btctw_set, &forms_btctw_nset},
    {forms_tctw2012_set, &forms_tctw2012_nset},
    {forms_cadre_set, &forms_cadre_nset},
    {forms_training_set, &forms_training_nset},
    {forms_leaders_set, &forms_leaders_nset},
    {forms_staff_set, &forms_staff_nset},
};
#define NSETS (sizeof(form_sets) / sizeof(form_sets[0]))

#define MAX_DEFS 128
static const struct form_def *all_defs[MAX_DEFS];
static size_t n_all;
static pthread_once_t built = PTHREAD_ONCE_INIT;

static void build(void)
{
    for (size_t s = 0; s < NSETS; s++)
        for (size_t i = 0; i < *form_sets[s].n; i++) {
            if (n_all == MAX_DEFS)
                BUG("more than %d form definitions", MAX_DEFS);
            all_defs[n_all++] = form_sets[s].defs[i];
        }
}

const struct form_def *const *form_defs(size_t *n)
{
    pthread_once(&built, build);
    *n = n_all;
    return all_defs;
}

enum tcxd_err form_def_find(const char *id, tcxd_date to, const struct form_def **out,
                            struct tcxd_error *e)
{
    char iso[DATE_ISO_LEN];
    date_format_iso(to, iso);
    size_t n;
    const struct form_def *const *defs = form_defs(&n);
    bool known = false;
    for (size_t i = 0; i < n; i++) {
        const struct form_def *d = defs[i];
        if (strcasecmp(d->id, id) && strcasecmp(d->number, id))
            continue;
        known = true;
        if (strcmp(d->valid_from, iso) <= 0 && strcmp(iso, d->valid_to) <= 0) {
            *out = d;
            return TCXD_OK;
        }
    }
    if (!known)
        return tcxd_fail(e, TCXD_ENOTFOUND, "form", "no form '%s' (tcxd form list)", id);
    char vn[DATE_ISO_LEN];
    date_format_vn(to, vn);
    return tcxd_fail(e, TCXD_ENOTFOUND, "form", "no definition of form '%s' for a period ending %s",
                     id, vn);
}
