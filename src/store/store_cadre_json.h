/*
 * store_cadre_json.h - the one JSON shape of each cadre record, for `tcxd --json cadre ...` and
 * the API's /api/cadres and /api/cadre/... routes alike (they built the cadre and the career twice
 * before). Dates are "YYYY-MM-DD" or null (an open end is null); enums by their ASCII name,
 * with a "_label" in Vietnamese where a page shows it.
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
/* A class: id, org_id, name, opener(_label), programme(_label), mode(_label), from, to,
   decision_no, institution, enrolled, completed */
json_t *training_class_json(const struct training_class_info *k);
/* An enrolment: id, class_id, cadre_id, full_name, enrolled_on, result(_label), grade */
json_t *training_enrol_json(const struct training_enrol_info *n);
/* A training of a career: class_id (null outside a class), enrolment_id, name, programme(_label),
   mode(_label), from, to, institution, result(_label), grade */
json_t *cadre_training_json(const struct cadre_training_item *t);

#endif
