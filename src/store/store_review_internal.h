/*
 * store_review_internal.h - helpers shared by the review's store files (store_review.c,
 * store_weak.c); not part of the store interface.
 */
#ifndef TCXD_STORE_STORE_REVIEW_INTERNAL_H
#define TCXD_STORE_STORE_REVIEW_INTERNAL_H

#include <jansson.h>

#include "util/buf.h"
#include "util/err.h"

/* Now as "2026-01-15T08:30:00Z". */
void review_now_iso(char out[32]);
/* Compact JSON text of j (freed: j is consumed); the caller frees the text. */
char *review_json_text(json_t *j);
/* Cleans an optional text input (NULL: "") into out, at most max code points. */
enum tcxd_err review_clean(const char *in, size_t max, const char *field, struct buf *out,
                           struct tcxd_error *e) TCXD_WUR;

#endif
