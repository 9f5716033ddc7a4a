/*
 * commend_line.h - one commendation of an organization as the organization file's column
 * "Khen thưởng" (commendations) holds it, one a line:
 *   date | form | decision no | detail
 * form by label and dates dd/mm/yyyy (Vietnamese headers) or by name and ISO dates (ascii);
 * trailing empty fields are left out; '|' and '\' inside a value are written "\|" and "\\".
 * io_org_commend_parse reads either spelling back (errors name the field: date, form,
 * decision_no, reason).
 */
#ifndef TCXD_IO_COMMEND_LINE_H
#define TCXD_IO_COMMEND_LINE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store_commend.h"
#include "util/buf.h"
#include "util/err.h"

void io_org_commend_format(const struct org_commendation *c, bool ascii, struct buf *out);
enum tcxd_err io_org_commend_parse(const char *s, size_t len, struct org_commendation *out,
                                   struct tcxd_error *e) TCXD_WUR;

#endif
