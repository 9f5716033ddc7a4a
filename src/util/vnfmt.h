/*
 * vnfmt.h - numbers the way Vietnamese reports write them.
 * Thousands separator '.', decimal comma: 457.397; 17,9%; "tăng 312 (7,3%)".
 * All functions append to a struct buf owned by the caller.
 */
#ifndef TCXD_UTIL_VNFMT_H
#define TCXD_UTIL_VNFMT_H

#include <stdint.h>

#include "util/buf.h"

/* 457397 -> "457.397"; -1234 -> "-1.234" */
void vnfmt_int(struct buf *b, int64_t n);
/* num/den as a percentage with `decimals` places: (7, 39, 1) -> "17,9%"; den 0 -> "-" */
void vnfmt_percent(struct buf *b, int64_t num, int64_t den, int decimals);
/* a double with `decimals` places, decimal comma, thousands dots: 1234.5 -> "1.234,5" */
void vnfmt_double(struct buf *b, double v, int decimals);
/* change from old to new: "tăng 312 (7,3%)", "giảm 6 (1,2%)", "không đổi";
   old 0 and new > 0 -> "tăng 5" (no percent). */
void vnfmt_change(struct buf *b, int64_t old_value, int64_t new_value);
/* change in percentage points: "tăng 6,8 điểm %" / "giảm 6,8 điểm %" */
void vnfmt_change_points(struct buf *b, double old_pct, double new_pct);

#endif
