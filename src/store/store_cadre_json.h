/*
 * store_cadre_json.h - the one JSON shape of each cadre record, for `tcxd --json cadre ...` and
 * the API's /api/cadres and /api/cadre/... routes alike (they built each twice before, the CLI's
 * with fewer keys): a caller adds only what it alone knows (the API an organization's name, the
 * CLI an org_id). tests/api/test_training_api.c compares the two for a cadre and a class. Dates
 * are "YYYY-MM-DD" or null (an open end is null); enums by their ASCII name, with a "_label" in
 * Vietnamese where a page shows it.
 *
 * Ownership: each function returns a new reference (the caller owns it).
 */
#ifndef TCXD_STORE_STORE_CADRE_JSON_H
#define TCXD_STORE_STORE_CADRE_JSON_H

#include <jansson.h>

#include "store/store_cadre.h"
#include "store/store_training.h"

/* id, member_id, full_name, gender, birth_date, ethnicity, religion, prof, academic, theory,
   managing_level(_label), org_id, work_start, retiring_on */
json_t *cadre_json(const struct cadre_info *c);
/* One post held (a career row): position_id, position, title(_label), org_id, from, to,
   term_end, decision_no */
json_t *cadre_holding_json(const struct cadre_holding_info *h);
/* A committee seat: seat_id, cadre_id, full_name, role(_label), join(_label), from, to,
   decision_no */
json_t *cadre_seat_json(const struct cadre_seat_info *s);
/* A position: id, org_id, name, title(_label), sector, level */
json_t *cadre_position_json(const struct cadre_position_info *p);
/* A planning entry: id, position_id, cadre_id, full_name, level, added */
json_t *cadre_plan_json(const struct cadre_plan_info *p);
/* A row of the due list: cadre_id, full_name, position_id, position, from, term_end, notice_by,
   state(_label) */
json_t *cadre_due_json(const struct cadre_due_info *d);
/* A vote session's figures: id, org_id, held_on, year, convened, present, issued, returned,
   quorum */
json_t *cadre_vote_session_json(const struct cadre_vote_session_info *v);
/* One person's result in a session whose ballots returned are `returned`: cadre_id, full_name,
   position_id, position, high, medium, low, excluded, outcome(_label), consequence,
   removes_from_planning, and excluded_label (not voted) or shares ("14 (53,85%)" of each) */
json_t *cadre_vote_json(const struct cadre_vote_info *v, int64_t returned);
/* A term's planning on a day: term, as_of, planned, women, young, women_text, young_text,
   max_per_position, entries (`entries` is stolen) */
json_t *cadre_planning_json(const char *term, tcxd_date on, const struct plan_shares *sh,
                            json_t *entries);
/* A vote's outcome: outcome(_label), consequence, removes_from_planning */
json_t *cadre_vote_outcome_json(enum vote_outcome o);
/* A committee on a day: term_id, term, term_from, term_to, as_of, counts (seats by role), seats
   (`seats` is stolen) */
json_t *cadre_committee_json(const struct cadre_term_info *t, tcxd_date on,
                             const struct committee_count *count, json_t *seats);
/* Secretaries also holding a title: title(_label), as_of, num, den, text ("96/186 (51,6%)") */
json_t *cadre_concurrent_json(enum position_title t, tcxd_date on, int64_t num, int64_t den);
/* Seed 002's leave support for `months` of work: cadre_id, months, amount, per_month, cap */
json_t *cadre_leave_support_json(int64_t cadre_id, int months);
/* The period's figures: appointed, moved, added, sentence */
json_t *cadre_work_json(const struct cadre_work_counts *c);
/* A class: id, org_id, name, opener(_label), programme(_label), mode(_label), from, to,
   decision_no, institution, enrolled, completed */
json_t *training_class_json(const struct training_class_info *k);
/* An enrolment: id, class_id, cadre_id, full_name, enrolled_on, result(_label), grade */
json_t *training_enrol_json(const struct training_enrol_info *n);
/* A training of a career: class_id (null outside a class), enrolment_id, name, programme(_label),
   mode(_label), from, to, institution, result(_label), grade */
json_t *cadre_training_json(const struct cadre_training_item *t);

#endif
