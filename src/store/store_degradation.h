/*
 * store_degradation.h - the degradation self-checks in the database (migration 0092; the rules
 * are core/degradation.h): one per member per year, recorded against the member's chi bộ on the
 * day it is recorded (which a scoped handle must reach, then and now), replaced when recorded
 * again; one audit record each ("degradation.record", before and after). The chi bộ's
 * conclusion (concluded) is what the member's review reads (store_degradation_concluded).
 */
#ifndef TCXD_STORE_STORE_DEGRADATION_H
#define TCXD_STORE_STORE_DEGRADATION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/degradation.h"
#include "core/tree.h"
#include "store/store.h"

struct degradation_check {
    int64_t member_id, org_id;
    int year;
    uint8_t levels[DEGR_ITEMS];
    bool concluded;
    tcxd_date recorded_on;
};

/* Records (or replaces) a member's self-check of `year` on `on` (field "year": 1930..the current
   year; "member_id": a member on `on`). */
enum tcxd_err store_degradation_record(struct store *st, const struct store_actor *who,
                                       int64_t member_id, int year,
                                       const uint8_t levels[DEGR_ITEMS], bool concluded,
                                       tcxd_date on, tcxd_date today,
                                       struct tcxd_error *e) TCXD_WUR;
/* ENOTFOUND when there is none (or the member is not visible). */
enum tcxd_err store_degradation_get(struct store *st, int64_t member_id, int year,
                                    struct degradation_check *out, struct tcxd_error *e) TCXD_WUR;
/* Did the chi bộ conclude degradation in the member's self-check of that year? */
bool store_degradation_concluded(struct store *st, int64_t member_id, int year);

/* The tally of a year's self-checks over a subtree (their chi bộ in it on the tree t), in total
   and for each organization directly below the root (fn once per child with its own tally;
   the root's own chi bộ, when it holds members itself, counts under the root). */
enum tcxd_err store_degradation_tally(struct store *st, const struct org_tree *t, uint32_t root,
                                      int year, struct degradation_tally *total,
                                      void (*fn)(void *ctx, int64_t org_id,
                                                 const struct degradation_tally *tally),
                                      void *ctx, struct tcxd_error *e) TCXD_WUR;

#endif
