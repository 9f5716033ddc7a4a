/*
 * commend_line.c - a commendation of an organization in the organization file (see
 * commend_line.h).
 */
#include "io/commend_line.h"

#include <stdio.h>
#include <string.h>

#include "text/text.h"

static void add_escaped(struct buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|' || *s == '\\')
            buf_addch(out, '\\');
        buf_addch(out, *s);
    }
}

void io_org_commend_format(const struct org_commendation *c, bool ascii, struct buf *out)
{
    char d[DATE_ISO_LEN];
    if (ascii)
        date_format_iso(c->date, d);
    else
        date_format_vn(c->date, d);
    buf_addf(out, "%s | %s", d, ascii ? commend_form_name(c->form) : commend_form_label(c->form));
    if (c->decision_no[0] || c->detail[0]) {
        buf_adds(out, " | ");
        add_escaped(out, c->decision_no);
    }
    if (c->detail[0]) {
        buf_adds(out, " | ");
        add_escaped(out, c->detail);
    }
}

enum tcxd_err io_org_commend_parse(const char *s, size_t len, struct org_commendation *out,
                                   struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    struct buf part[4] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT}, clean = BUF_INIT;
    size_t n = 0;
    enum tcxd_err rc = TCXD_OK;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\' && i + 1 < len) {
            buf_addch(&part[n], s[++i]);
        } else if (s[i] == '|') {
            if (++n == 4) {
                rc = tcxd_fail(e, TCXD_EINVAL, "reason",
                               "at most 4 fields: date | form | decision no | what for");
                goto out;
            }
        } else {
            buf_addch(&part[n], s[i]);
        }
    }
    static const char *const field[4] = {"date", "form", "decision_no", "reason"};
    static const size_t max[4] = {32, 32, 100, 500};
    char *dst[4] = {NULL, NULL, out->decision_no, out->detail};
    size_t cap[4] = {0, 0, sizeof(out->decision_no), sizeof(out->detail)};
    for (size_t k = 0; k < 4 && !rc; k++) {
        buf_reset(&clean);
        const char *p = part[k].ptr ? part[k].ptr : "";
        if ((rc = text_clean(p, strlen(p), max[k], true, field[k], &clean, e)))
            break;
        if (k == 0) {
            rc = clean.len ? date_parse(clean.ptr, &out->date, "date", e)
                           : tcxd_fail(e, TCXD_EINVAL, "date", "the date is required");
        } else if (k == 1) {
            rc = clean.len ? commend_form_parse(clean.ptr, &out->form, e)
                           : tcxd_fail(e, TCXD_EINVAL, "form",
                                       "the form is required (co, bang_khen, giay_khen)");
        } else {
            snprintf(dst[k], cap[k], "%s", clean.ptr ? clean.ptr : "");
        }
    }
out:
    for (size_t k = 0; k < 4; k++)
        buf_release(&part[k]);
    buf_release(&clean);
    return rc;
}
