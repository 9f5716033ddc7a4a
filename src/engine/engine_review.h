/*
 * engine_review.h - the members a year's review should have reviewed, from the engine's
 * registrations and events instead of SQL (store_review_unreviewed's member half).
 *
 * A city's report of the members never reviewed reads ~450,000 registrations: through SQL
 * (store_member_facts per organization and one pass over the exclusion events) that is most
 * of a second; the engine holds both as columns. The subjects equal those the store reads
 * (tests/engine/test_engine.c compares the two reports), so the figures are the same.
 */
#ifndef TCXD_ENGINE_ENGINE_REVIEW_H
#define TCXD_ENGINE_ENGINE_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "engine/engine.h"
#include "store/store_review.h"

/* The members registered (not temporary) in org_id's subtree on `on`, probationary or official,
   each with its chi bộ and its review status on that day (struct review_registrant: an exemption
   or suspension in force, the decision date of an admission in the year up to `on`), in no
   particular order. *out is malloc'ed (free it); ENOTFOUND (field "org") when org_id did not
   exist on `on`. */
enum tcxd_err engine_review_registrants(const struct engine *eng, int64_t org_id, tcxd_date on,
                                        struct review_registrant **out, size_t *n,
                                        struct tcxd_error *e) TCXD_WUR;

/* store_review_unreviewed through the process's engine (engine_acquire on st): what the API
   and the CLI call when the engine is enabled (wanted). */
enum tcxd_err engine_review_unreviewed(struct store *st, struct review_report *r, bool named,
                                       struct tcxd_error *e) TCXD_WUR;

#endif
