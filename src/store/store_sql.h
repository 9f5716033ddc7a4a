/*
 * store_sql.h - every SQL statement tcxd runs, as named constants (openradtool style).
 * X(id, sql): the enum stmt_id and store_sqlite.c's text table are generated from this one list.
 * Statements are always bound, never built by concatenation. Keep them portable SQL.
 */
#ifndef TCXD_STORE_SQL_H
#define TCXD_STORE_SQL_H

/* The bulk load (store_bulk.c) writes rows STORE_BULK_BATCH at a time with one multi-row INSERT:
   one statement run instead of 32 (the per-statement cost is most of a small INSERT's). */
#define STORE_BULK_BATCH 32
#define BULK_TIMES2(r)   r "," r
#define BULK_TIMES32(r)  BULK_TIMES2(BULK_TIMES2(BULK_TIMES2(BULK_TIMES2(BULK_TIMES2(r)))))
#define BULK_MEMBER_COLS                                                                           \
    "full_name, name_fold, name_key, gender, birth_date, ethnicity, religion, hometown, "          \
    "national_id, education, professional_level, theory_level, party_card_no, status, exempt, "    \
    "org_id, admission_decision_date, ceremony_date, official_date, died_on, name_fold_given"
#define BULK_MEMBER_ROW "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"

/* The largest rowid of a member table that readers see: an import being written has its rows in
   the range import_batch reserved for it (0110_import_batch.sql), which is left out; both halves
   are one index seek. */
#define TOKEN_VISIBLE_MAX(table, part)                                                             \
    "MAX(COALESCE((SELECT MAX(rowid) FROM main." table " WHERE rowid < COALESCE((SELECT " part     \
    "_lo FROM main.import_batch), 9223372036854775807)), 0), COALESCE((SELECT MAX(rowid) FROM "    \
    "main." table " WHERE rowid > COALESCE((SELECT " part "_hi FROM main.import_batch), "          \
    "9223372036854775807)), 0))"

/* the Phiếu's coded fields the statistics forms count (migration 0011), in struct
   store_member_codes order */
#define SF_MEMBER_CODES                                                                            \
    "occupation_before, occupation, work_status, general_education, professional_degree, "         \
    "academic_title, youth_union, business_owner, foreign_marriage"

#define STORE_STATEMENTS(X)                                                                                             \
    /* organizations */                                                                                                 \
    X(STMT_ORG_INSERT,                                                                                                  \
      "INSERT INTO org(code, tier, form, base_type, name, name_fold, parent_id, created_on) "                           \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")                                                                         \
    X(STMT_ORG_VERSION_INSERT,                                                                                          \
      "INSERT INTO org_version(org_id, valid_from, valid_to, parent_id, name, tier, form, "                             \
      "base_type) VALUES(?1, ?2, '9999-12-31', ?3, ?4, ?5, ?6, ?7)")                                                    \
    X(STMT_ORG_VERSION_PIN,                                                                                             \
      "UPDATE org_version SET tier = ?2, form = ?3, base_type = ?4 WHERE org_id = ?1 "                                  \
      "AND tier IS NULL")                                                                                               \
    X(STMT_ORG_SET_SHAPE, "UPDATE org SET tier = ?2, form = ?3, base_type = ?4 WHERE id = ?1")                          \
    X(STMT_ORG_VERSION_LAST,                                                                                            \
      "SELECT valid_from, parent_id, name FROM org_version WHERE org_id = ?1 "                                          \
      "ORDER BY valid_from DESC LIMIT 1")                                                                               \
    X(STMT_ORG_VERSION_CLOSE,                                                                                           \
      "UPDATE org_version SET valid_to = ?3 WHERE org_id = ?1 AND valid_from = ?2")                                     \
    X(STMT_ORG_VERSION_DELETE, "DELETE FROM org_version WHERE org_id = ?1 AND valid_from = ?2")                         \
    X(STMT_ORG_SET_CURRENT,                                                                                             \
      "UPDATE org SET name = ?2, name_fold = ?3, parent_id = ?4 WHERE id = ?1")                                         \
    X(STMT_ORG_END, "UPDATE org SET ended_on = ?2 WHERE id = ?1")                                                       \
    X(STMT_ORG_EVENT_INSERT,                                                                                            \
      "INSERT INTO org_event(org_id, kind, date, decision_no, other_org_id, detail) "                                   \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6)")                                                                                 \
    X(STMT_ORG_EVENTS,                                                                                                  \
      "SELECT date, kind, decision_no, other_org_id, detail FROM org_event WHERE org_id = ?1 "                          \
      "ORDER BY date, id")                                                                                              \
    X(STMT_ORG_GET_ASOF,                                                                                                \
      "SELECT o.id, o.code, v.name, COALESCE(v.tier, o.tier), COALESCE(v.form, o.form), "                               \
      "COALESCE(v.base_type, o.base_type), v.parent_id, o.created_on, "                                                 \
      "o.ended_on FROM org o JOIN org_version v ON v.org_id = o.id "                                                    \
      "WHERE o.id = ?1 AND v.valid_from <= ?2 AND v.valid_to > ?2 AND o.created_on <= ?2 "                              \
      "AND o.ended_on > ?2")                                                                                            \
    X(STMT_ORG_ID_BY_CODE, "SELECT id, created_on, ended_on FROM org WHERE code = ?1")                                  \
    X(STMT_ORG_SPAN, "SELECT id, created_on, ended_on FROM org WHERE id = ?1")                                          \
    /* in table order: tree_load sorts by code (cheaper than walking the code index) */                                 \
    X(STMT_ORG_TREE_ASOF,                                                                                               \
      "SELECT o.id, v.parent_id, COALESCE(v.tier, o.tier), COALESCE(v.form, o.form), "                                  \
      "COALESCE(v.base_type, o.base_type), o.code, v.name "                                                             \
      "FROM org o JOIN org_version v ON v.org_id = o.id "                                                               \
      "WHERE v.valid_from <= ?1 AND v.valid_to > ?1 AND o.created_on <= ?1 AND o.ended_on > ?1")                        \
    X(STMT_ORG_CHILDREN_ASOF, "SELECT v.org_id FROM org_version v JOIN org o ON o.id = v.org_id "                       \
                              "WHERE v.parent_id = ?1 AND v.valid_from <= ?2 AND v.valid_to > ?2 "                      \
                              "AND o.created_on <= ?2 AND o.ended_on > ?2")                                             \
    X(STMT_ORG_SEARCH,                                                                                                  \
      "SELECT id FROM org WHERE name_fold LIKE ?1 ESCAPE '\\' AND created_on <= ?2 "                                    \
      "AND ended_on > ?2 ORDER BY name_fold LIMIT ?3")                                                                  \
    /* restructuring (store_restructure.c) */                                                                           \
    X(STMT_RS_CHILDREN_ASOF, "SELECT v.org_id FROM org_version v JOIN org o ON o.id = v.org_id "                        \
                             "WHERE v.parent_id = ?1 AND v.valid_from <= ?2 AND v.valid_to > ?2 "                       \
                             "AND o.created_on <= ?2 AND o.ended_on > ?2 ORDER BY o.code")                              \
    X(STMT_RS_UNIT_PUT,                                                                                                 \
      "INSERT INTO admin_unit(code, as_of, name, level, province_code, kind, terrain, area_km2, "                       \
      "population, source) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "                                            \
      "ON CONFLICT(code, as_of) DO UPDATE SET name = excluded.name, level = excluded.level, "                           \
      "province_code = excluded.province_code, kind = excluded.kind, "                                                  \
      "terrain = excluded.terrain, area_km2 = excluded.area_km2, "                                                      \
      "population = excluded.population, source = excluded.source")                                                     \
    X(STMT_RS_UNITS_OF_PROVINCE,                                                                                        \
      "SELECT code, name, level, province_code, kind, terrain, area_km2, population, as_of, "                           \
      "source FROM admin_unit a WHERE province_code = ?1 AND level = 2 AND as_of <= ?2 "                                \
      "AND as_of = (SELECT MAX(as_of) FROM admin_unit b WHERE b.code = a.code "                                         \
      "AND b.as_of <= ?2) ORDER BY code")                                                                               \
    X(STMT_RS_EVENTS_BETWEEN,                                                                                           \
      "SELECT e.org_id, e.kind, e.date, COALESCE(e.other_org_id, 0) FROM org_event e "                                  \
      "WHERE e.date >= ?1 AND e.date < ?2 ORDER BY e.date, e.id")                                                       \
    /* members */                                                                                                       \
    X(STMT_MEMBER_INSERT,                                                                                               \
      "INSERT INTO main.member(full_name, name_fold, name_key, gender, birth_date, ethnicity, "                         \
      "religion, hometown, national_id, education, professional_level, theory_level, "                                  \
      "party_card_no, status, org_id, name_fold_given) "                                                                \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)")                                  \
    X(STMT_MEMBER_UPDATE_FIELDS,                                                                                        \
      "UPDATE main.member SET full_name = ?2, name_fold = ?3, name_key = ?4, gender = ?5, "                             \
      "birth_date = ?6, ethnicity = ?7, religion = ?8, hometown = ?9, national_id = ?10, "                              \
      "education = ?11, professional_level = ?12, theory_level = ?13, party_card_no = ?14, "                            \
      "name_fold_given = ?15 WHERE id = ?1")                                                                            \
    X(STMT_MEMBER_UPDATE_DERIVED,                                                                                       \
      "UPDATE main.member SET status = ?2, exempt = ?3, org_id = ?4, admission_decision_date = "                        \
      "?5, "                                                                                                            \
      "ceremony_date = ?6, official_date = ?7, died_on = ?8 WHERE id = ?1")                                             \
    X(STMT_MEMBER_GET,                                                                                                  \
      "SELECT id, full_name, gender, birth_date, ethnicity, religion, hometown, national_id, "                          \
      "education, professional_level, theory_level, party_card_no, admission_decision_date, "                           \
      "ceremony_date, official_date, died_on, status, exempt, org_id FROM member WHERE id = ?1")                        \
    X(STMT_MEMBER_BY_NID, "SELECT id FROM member WHERE national_id = ?1 AND died_on IS NULL")                           \
    X(STMT_MEMBER_EVENT_INSERT, "INSERT INTO main.member_event(member_id, kind, date, "                                 \
                                "decision_no, decision_date, org_id, form, "                                            \
                                "until_date, detail) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")                       \
    X(STMT_MEMBER_EVENTS,                                                                                               \
      "SELECT id, kind, date, decision_no, decision_date, org_id, form, until_date, detail, "                           \
      "scope, place FROM member_event WHERE member_id = ?1 ORDER BY date, id")                                          \
    X(STMT_EVENT_SET_WHERE,                                                                                             \
      "UPDATE main.member_event SET scope = ?2, place = ?3 WHERE id = (SELECT MAX(id) FROM "                            \
      "member_event WHERE member_id = ?1)")                                                                             \
    /* the Phiếu's fields (0011), in the field table's order of MFF_PROFILE fields */                                 \
    X(STMT_MEMBER_PROFILE_SET,                                                                                          \
      "UPDATE main.member SET other_name = ?2, birth_registration = ?3, permanent_address = ?4, "                       \
      "dossier_no = ?5, occupation_before = ?6, occupation = ?7, work_status = ?8, "                                    \
      "general_education = ?9, professional_degree = ?10, academic_title = ?11, "                                       \
      "foreign_language = ?12, it_level = ?13, youth_union = ?14, business_owner = ?15, "                               \
      "foreign_marriage = ?16, armed_forces = ?17, introducer_1 = ?18, introducer_2 = ?19 WHERE "                       \
      "id = ?1")                                                                                                        \
    X(STMT_MEMBER_PROFILE_GET,                                                                                          \
      "SELECT other_name, birth_registration, permanent_address, dossier_no, occupation_before, "                       \
      "occupation, work_status, general_education, professional_degree, academic_title, "                               \
      "foreign_language, it_level, youth_union, business_owner, foreign_marriage, armed_forces, "                       \
      "introducer_1, introducer_2 FROM member WHERE id = ?1")                                                           \
    /* corrections (0010) */                                                                                            \
    X(STMT_EVENT_UPDATE,                                                                                                \
      "UPDATE main.member_event SET date = ?3, decision_no = ?4, decision_date = ?5, org_id = "                         \
      "?6, "                                                                                                            \
      "form = ?7, until_date = ?8, detail = ?9, scope = ?10, place = ?11 WHERE id = ?1 AND "                            \
      "member_id = ?2")                                                                                                 \
    X(STMT_EVENT_DELETE, "DELETE FROM main.member_event WHERE id = ?1 AND member_id = ?2")                              \
    X(STMT_CORRECTION_INSERT,                                                                                           \
      "INSERT INTO member_correction(member_id, event_id, action, before, after, reason, "                              \
      "username, at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")                                                           \
    X(STMT_CORRECTIONS,                                                                                                 \
      "SELECT id, event_id, action, before, after, reason, username, at FROM member_correction "                        \
      "WHERE member_id = ?1 ORDER BY id")                                                                               \
    X(STMT_STINT_DELETE, "DELETE FROM main.member_stint WHERE member_id = ?1")                                          \
    X(STMT_STINT_INSERT,                                                                                                \
      "INSERT INTO main.member_stint(member_id, org_id, valid_from, valid_to, kind, status) "                           \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6)")                                                                                 \
    X(STMT_GAP_DELETE, "DELETE FROM main.member_gap WHERE member_id = ?1")                                              \
    X(STMT_GAP_INSERT,                                                                                                  \
      "INSERT INTO main.member_gap(member_id, valid_from, valid_to, kind) VALUES(?1, ?2, ?3, ?4)")                      \
    X(STMT_STINT_MEMBERS_AT,                                                                                            \
      "SELECT DISTINCT member_id, kind FROM member_stint WHERE org_id = ?1 AND valid_from <= ?2 "                       \
      "AND valid_to > ?2")                                                                                              \
    X(STMT_STINT_STARTED_AFTER,                                                                                         \
      "SELECT COUNT(*) FROM member_stint WHERE org_id = ?1 AND valid_from > ?2")                                        \
    X(STMT_COUNT_ORG,                                                                                                   \
      "SELECT status, COUNT(*) FROM member_stint WHERE org_id = ?1 AND valid_from <= ?2 "                               \
      "AND valid_to > ?2 AND kind = 0 GROUP BY status")                                                                 \
    X(STMT_FACTS_ALL,                                                                                                   \
      "SELECT s.org_id, s.status, m.gender, m.birth_date, m.admission_decision_date, "                                  \
      "m.theory_level, m.ethnicity, m.religion, m.education, s.member_id FROM member_stint s "                          \
      "JOIN member m ON m.id = s.member_id WHERE s.kind = 0 AND s.valid_from <= ?1 "                                    \
      "AND +s.valid_to > ?1") /* + keeps member_stint_end out: in member order, not date order */                       \
    X(STMT_FACTS_ORG,                                                                                                   \
      "SELECT s.org_id, s.status, m.gender, m.birth_date, m.admission_decision_date, "                                  \
      "m.theory_level, m.ethnicity, m.religion, m.education, s.member_id FROM member_stint s "                          \
      "JOIN member m ON m.id = s.member_id WHERE s.org_id = ?1 AND s.valid_from <= ?2 "                                 \
      "AND s.valid_to > ?2 AND s.kind = 0")                                                                             \
    /* structure report (src/report) */                                                                                 \
    X(STMT_GAPS_BEFORE,                                                                                                 \
      "SELECT member_id, valid_from, valid_to, kind FROM member_gap WHERE valid_from < ?1")                             \
    X(STMT_COUNT_OPEN_ALL, "SELECT org_id, status, n FROM member_count_open WHERE n != 0")                              \
    /* one row per registration (summed in C: cheaper than sorting them for a GROUP BY) */                              \
    X(STMT_COUNT_OPENED_AFTER, "SELECT org_id, status, 1 FROM member_stint WHERE kind = 0 "                             \
                               "AND valid_to = '9999-12-31' AND valid_from > ?1")                                       \
    X(STMT_COUNT_CLOSED_SPANNING,                                                                                       \
      "SELECT org_id, status, 1 FROM member_stint WHERE kind = 0 AND valid_to > ?1 "                                    \
      "AND valid_to < '9999-12-31' AND valid_from <= ?1")                                                               \
    X(STMT_COUNT_DAY_GET, "SELECT 1 FROM member_count_day WHERE as_of = ?1")                                            \
    X(STMT_COUNT_DAY_INSERT, "INSERT INTO member_count_day(as_of) VALUES(?1)")                                          \
    X(STMT_COUNT_AT_ALL, "SELECT org_id, status, n FROM member_count_at WHERE as_of = ?1")                              \
    X(STMT_COUNT_AT_ORG, "SELECT status, n FROM member_count_at WHERE as_of = ?1 AND org_id = ?2")                      \
    X(STMT_COUNT_AT_CLEAR, "DELETE FROM member_count_at WHERE as_of = ?1")                                              \
    X(STMT_COUNT_AT_INSERT,                                                                                             \
      "INSERT INTO member_count_at(as_of, org_id, status, n) VALUES(?1, ?2, ?3, ?4)")                                   \
    X(STMT_ORG_SUBTREE_ASOF,                                                                                            \
      "WITH RECURSIVE sub(id) AS (SELECT ?2 UNION ALL SELECT v.org_id "                                                 \
      "FROM org_version v JOIN sub ON v.parent_id = sub.id JOIN org c ON c.id = v.org_id "                              \
      "WHERE v.valid_from <= ?1 AND v.valid_to > ?1 AND c.created_on <= ?1 AND c.ended_on > ?1) "                       \
      "SELECT o.id, v.parent_id, COALESCE(v.tier, o.tier), COALESCE(v.form, o.form), "                                  \
      "COALESCE(v.base_type, o.base_type), o.code, v.name FROM sub "                                                    \
      "JOIN org o ON o.id = sub.id JOIN org_version v ON v.org_id = o.id "                                              \
      "WHERE v.valid_from <= ?1 AND v.valid_to > ?1 AND o.created_on <= ?1 AND o.ended_on > ?1 "                        \
      "ORDER BY o.code")                                                                                                \
    X(STMT_LIST_ORG,                                                                                                    \
      "SELECT m.id, m.full_name, m.gender, m.birth_date, s.status, s.org_id, s.kind, "                                  \
      "m.admission_decision_date, m.name_key, m.theory_level, m.ethnicity, m.org_id "                                   \
      "FROM member_stint s "                                                                                            \
      "JOIN member m ON m.id = s.member_id WHERE s.org_id = ?1 AND s.valid_from <= ?2 "                                 \
      "AND s.valid_to > ?2 AND (s.kind = 0 OR ?3)")                                                                     \
    X(STMT_LIST_NAME_PREFIX,                                                                                            \
      "SELECT m.id, m.full_name, m.gender, m.birth_date, s.status, s.org_id, s.kind, "                                  \
      "m.admission_decision_date, m.name_key, m.theory_level, m.ethnicity, m.org_id "                                   \
      "FROM member m "                                                                                                  \
      "JOIN member_stint s ON s.member_id = m.id AND s.valid_from <= ?3 AND s.valid_to > ?3 "                           \
      "WHERE m.name_fold >= ?1 AND m.name_fold < ?2 AND (s.kind = 0 OR ?4)")                                            \
    X(STMT_LIST_GIVEN_PREFIX,                                                                                           \
      "SELECT m.id, m.full_name, m.gender, m.birth_date, s.status, s.org_id, s.kind, "                                  \
      "m.admission_decision_date, m.name_key, m.theory_level, m.ethnicity, m.org_id "                                   \
      "FROM member m "                                                                                                  \
      "JOIN member_stint s ON s.member_id = m.id AND s.valid_from <= ?3 AND s.valid_to > ?3 "                           \
      "WHERE m.name_fold_given >= ?1 AND m.name_fold_given < ?2 AND (s.kind = 0 OR ?4)")                                \
    X(STMT_MEMBER_NEED_GIVEN, "SELECT id, full_name FROM member WHERE name_fold_given = ''")                            \
    X(STMT_MEMBER_SET_GIVEN, "UPDATE main.member SET name_fold_given = ?2 WHERE id = ?1")                               \
    X(STMT_STINT_OF_MEMBER_AT,                                                                                          \
      "SELECT org_id, status, kind FROM member_stint WHERE member_id = ?1 AND valid_from <= ?2 "                        \
      "AND valid_to > ?2 ORDER BY kind")                                                                                \
    X(STMT_PROBATIONARY_IN_ORG,                                                                                         \
      "SELECT m.id, m.full_name, m.gender, m.birth_date, m.org_id, m.ceremony_date, "                                   \
      "m.admission_decision_date FROM member m WHERE m.org_id = ?1 AND m.status = 1")                                   \
    /* annual quality review (store_review.c) */                                                                        \
    X(STMT_RUBRIC_INSERT,                                                                                               \
      "INSERT INTO review_rubric(name, subject, year_from, year_to, version, created_at, "                              \
      "created_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")                                                                 \
    X(STMT_RUBRIC_NEXT_VERSION,                                                                                         \
      "SELECT COALESCE(MAX(version), 0) + 1 FROM review_rubric WHERE subject = ?1 "                                     \
      "AND year_from = ?2")                                                                                             \
    X(STMT_RUBRIC_GROUP_INSERT,                                                                                         \
      "INSERT INTO review_rubric_group(rubric_id, seq, code, name, max_points) "                                        \
      "VALUES(?1, ?2, ?3, ?4, ?5)")                                                                                     \
    X(STMT_RUBRIC_CRITERION_INSERT,                                                                                     \
      "INSERT INTO review_rubric_criterion(rubric_id, seq, group_seq, code, name, max_points) "                         \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6)")                                                                                 \
    X(STMT_RUBRIC_GET,                                                                                                  \
      "SELECT id, name, subject, year_from, year_to, version, created_at, created_by "                                  \
      "FROM review_rubric WHERE id = ?1")                                                                               \
    X(STMT_RUBRIC_FOR,                                                                                                  \
      "SELECT id FROM review_rubric WHERE subject = ?1 AND year_from <= ?2 "                                            \
      "AND (year_to = 0 OR year_to >= ?2) ORDER BY year_from DESC, version DESC LIMIT 1")                               \
    X(STMT_RUBRIC_LIST,                                                                                                 \
      "SELECT id, name, subject, year_from, year_to, version, created_at, created_by "                                  \
      "FROM review_rubric ORDER BY subject, year_from DESC, version DESC")                                              \
    X(STMT_RUBRIC_GROUPS,                                                                                               \
      "SELECT code, name, max_points FROM review_rubric_group WHERE rubric_id = ?1 ORDER BY seq")                       \
    X(STMT_RUBRIC_CRITERIA,                                                                                             \
      "SELECT group_seq, code, name, max_points FROM review_rubric_criterion "                                          \
      "WHERE rubric_id = ?1 ORDER BY seq")                                                                              \
    X(STMT_REVIEW_FIND_MEMBER, "SELECT id FROM review WHERE member_id = ?1 AND year = ?2")                              \
    X(STMT_REVIEW_FIND_ORG,                                                                                             \
      "SELECT id FROM review WHERE org_id = ?1 AND year = ?2 AND member_id IS NULL")                                    \
    X(STMT_REVIEW_GET,                                                                                                  \
      "SELECT id, year, member_id, org_id, subject, ruleset, rubric_id, rubric_name, "                                  \
      "review_date, "                                                                                                   \
      "state, self_level, self_total, verified_level, verified_total, proposed_level, "                                 \
      "final_level, decision_no, decision_date, final_legacy, historical FROM review "                                  \
      "WHERE id = ?1")                                                                                                  \
    X(STMT_REVIEW_INSERT,                                                                                               \
      "INSERT INTO review(year, member_id, org_id, subject, ruleset, rubric_id, rubric_name, "                          \
      "review_date, state, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'none', ?9)")                             \
    X(STMT_REVIEW_UPDATE,                                                                                               \
      "UPDATE review SET state = ?2, self_level = ?3, self_total = ?4, verified_level = ?5, "                           \
      "verified_total = ?6, proposed_level = ?7, final_level = ?8, decision_no = ?9, "                                  \
      "decision_date = ?10, votes_returned = ?11, votes_low = ?12, updated_at = ?13, "                                  \
      "final_legacy = ?14, historical = ?15 WHERE id = ?1")                                                             \
    X(STMT_REVIEW_STEP_INSERT,                                                                                          \
      "INSERT INTO review_step(review_id, step, level, total, text, decision_no, decision_date, "                       \
      "cap_exception, proposal, facts, username, at, legacy_level) "                                                    \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")                                                 \
    X(STMT_REVIEW_STEPS,                                                                                                \
      "SELECT s.id, s.step, s.level, s.total, s.text, s.decision_no, s.decision_date, "                                 \
      "s.cap_exception, s.proposal, s.facts, s.username, s.at, s.legacy_level, "                                        \
      "COALESCE(NULLIF(u.full_name, ''), s.username) FROM review_step s "                                               \
      "LEFT JOIN app_user u ON u.username = s.username WHERE s.review_id = ?1 ORDER BY s.id")                           \
    X(STMT_REVIEW_SCORE_INSERT,                                                                                         \
      "INSERT INTO review_score(step_id, criterion, points, grade) VALUES(?1, ?2, ?3, ?4)")                             \
    X(STMT_REVIEW_SCORES,                                                                                               \
      "SELECT criterion, points, grade FROM review_score WHERE step_id = ?1 ORDER BY rowid")                            \
    X(STMT_REVIEW_YEAR,                                                                                                 \
      "SELECT r.id, r.member_id, r.org_id, r.state, r.self_level, r.self_total, "                                       \
      "r.verified_level, r.verified_total, r.final_level, m.full_name, r.final_legacy, "                                \
      "r.historical FROM review r "                                                                                     \
      "LEFT JOIN member m ON m.id = r.member_id WHERE r.year = ?1 ORDER BY r.id")                                       \
    /* the events that put members out of a review on ?3 (review_scan_status): exemptions,                              \
       suspensions and exits up to ?3, admissions after ?4; by member, in event order */                                \
    X(STMT_REVIEW_EXCL_EVENTS,                                                                                          \
      "SELECT member_id, kind, form, decision_date FROM member_event "                                                  \
      "WHERE (kind IN (?1, ?2, ?6) AND date <= ?3) OR (kind = ?5 AND date > ?4 AND date <= ?3) "                        \
      "ORDER BY member_id, date, id")                                                                                   \
    X(STMT_REVIEW_MEMBER_NAME, "SELECT full_name FROM member WHERE id = ?1")                                            \
    X(STMT_WEAK_INSERT,                                                                                                 \
      "INSERT INTO weak_org(org_id, year, source, plan, responsible, deadline, status, "                                \
      "consolidated_on, updated_at, basis, listed_on) "                                                                 \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")                                                           \
    X(STMT_WEAK_UPDATE,                                                                                                 \
      "UPDATE weak_org SET plan = ?2, responsible = ?3, deadline = ?4, status = ?5, "                                   \
      "consolidated_on = ?6, updated_at = ?7 WHERE id = ?1")                                                            \
    X(STMT_WEAK_GET,                                                                                                    \
      "SELECT w.id, w.org_id, w.year, w.source, w.plan, w.responsible, w.deadline, w.status, "                          \
      "w.consolidated_on, o.code, o.name, w.basis, w.listed_on FROM weak_org w "                                        \
      "JOIN org o ON o.id = w.org_id WHERE w.id = ?1")                                                                  \
    X(STMT_WEAK_FIND, "SELECT id FROM weak_org WHERE org_id = ?1 AND year = ?2 AND basis = ?3")                         \
    X(STMT_WEAK_YEARS,                                                                                                  \
      "SELECT w.id, w.org_id, w.year, w.source, w.plan, w.responsible, w.deadline, w.status, "                          \
      "w.consolidated_on, o.code, o.name, w.basis, w.listed_on FROM weak_org w "                                        \
      "JOIN org o ON o.id = w.org_id WHERE w.year >= ?1 AND w.year <= ?2 "                                              \
      "ORDER BY w.basis, w.year, o.code")                                                                               \
    /* bulk import and export (store_bulk.c); the _N statements write STORE_BULK_BATCH rows */                          \
    X(STMT_BULK_ORG_BY_CODE,                                                                                            \
      "SELECT id, tier, form, created_on, ended_on FROM org WHERE code = ?1")                                           \
    X(STMT_BULK_MEMBER_INSERT, "INSERT INTO main.member(" BULK_MEMBER_COLS                                              \
                               ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "                                     \
                               "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)")                                \
    X(STMT_BULK_MEMBER_INSERT_ID,                                                                                       \
      "INSERT INTO main.member(" BULK_MEMBER_COLS ", id) VALUES" BULK_MEMBER_ROW)                                       \
    X(STMT_BULK_MEMBER_INSERT_N, "INSERT OR FAIL INTO main.member(" BULK_MEMBER_COLS                                    \
                                 ", id) VALUES" BULK_TIMES32(BULK_MEMBER_ROW))                                          \
    X(STMT_BULK_EVENT_INSERT,                                                                                           \
      "INSERT INTO main.member_event(member_id, kind, date, decision_no, decision_date, org_id, "                       \
      "form, "                                                                                                          \
      "until_date, detail, scope, place) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")                         \
    X(STMT_BULK_EVENT_INSERT_N,                                                                                         \
      "INSERT OR FAIL INTO main.member_event(member_id, kind, date, decision_no, decision_date, "                       \
      "org_id, form, until_date, detail, scope, place) VALUES" BULK_TIMES32(                                            \
          "(?,?,?,?,?,?,?,?,?,?,?)"))                                                                                   \
    X(STMT_BULK_STINT_INSERT_N, "INSERT OR FAIL INTO main.member_stint(member_id, org_id, "                             \
                                "valid_from, valid_to, kind, status) "                                                  \
                                "VALUES" BULK_TIMES32("(?,?,?,?,?,?)"))                                                 \
    X(STMT_BULK_EVENT_INSERT_ID,                                                                                        \
      "INSERT INTO main.member_event(member_id, kind, date, decision_no, decision_date, org_id, "                       \
      "form, until_date, detail, scope, place, id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "                         \
      "?10, ?11, ?12)")                                                                                                 \
    X(STMT_BULK_EVENT_INSERT_ID_N,                                                                                      \
      "INSERT OR FAIL INTO main.member_event(member_id, kind, date, decision_no, decision_date, "                       \
      "org_id, form, until_date, detail, scope, place, id) VALUES" BULK_TIMES32(                                        \
          "(?,?,?,?,?,?,?,?,?,?,?,?)"))                                                                                 \
    X(STMT_BULK_STINT_INSERT_ID,                                                                                        \
      "INSERT INTO main.member_stint(member_id, org_id, valid_from, valid_to, kind, status, "                           \
      "rowid) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")                                                                      \
    X(STMT_BULK_STINT_INSERT_ID_N,                                                                                      \
      "INSERT OR FAIL INTO main.member_stint(member_id, org_id, valid_from, valid_to, kind, "                           \
      "status, rowid) VALUES" BULK_TIMES32("(?,?,?,?,?,?,?)"))                                                          \
    X(STMT_BULK_GAP_INSERT_ID,                                                                                          \
      "INSERT INTO main.member_gap(member_id, valid_from, valid_to, kind, rowid) "                                      \
      "VALUES(?1, ?2, ?3, ?4, ?5)")                                                                                     \
    /* an import written in pieces (0110_import_batch.sql) */                                                           \
    X(STMT_BATCH_GET,                                                                                                   \
      "SELECT member_lo, member_hi, event_lo, event_hi, stint_lo, stint_hi, gap_lo, gap_hi "                            \
      "FROM main.import_batch")                                                                                         \
    X(STMT_BATCH_MAX,                                                                                                   \
      "SELECT (SELECT COALESCE(MAX(id), 0) FROM main.member), "                                                         \
      "(SELECT COALESCE(MAX(id), 0) FROM main.member_event), "                                                          \
      "(SELECT COALESCE(MAX(rowid), 0) FROM main.member_stint), "                                                       \
      "(SELECT COALESCE(MAX(rowid), 0) FROM main.member_gap), (SELECT MIN(id) FROM org)")                               \
    X(STMT_BATCH_INSERT,                                                                                                \
      "INSERT INTO main.import_batch(id, started_at, member_lo, member_hi, event_lo, event_hi, "                        \
      "stint_lo, stint_hi, gap_lo, gap_hi) VALUES(1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")                              \
    /* the rows at the top of each range, so that other writers' new rows go above it */                                \
    X(STMT_BATCH_MARK_MEMBER,                                                                                           \
      "INSERT INTO main.member(id, full_name, name_fold, name_key, gender, birth_date, status, "                        \
      "org_id) VALUES(?1, '', '', x'', 0, '', 0, ?2)")                                                                  \
    X(STMT_BATCH_MARK_EVENT,                                                                                            \
      "INSERT INTO main.member_event(id, member_id, kind, date) VALUES(?1, ?2, 0, '')")                                 \
    X(STMT_BATCH_MARK_STINT,                                                                                            \
      "INSERT INTO main.member_stint(rowid, member_id, org_id, valid_from, valid_to, kind, "                            \
      "status) VALUES(?1, ?2, ?3, '', '', 1, 0)")                                                                       \
    X(STMT_BATCH_MARK_GAP,                                                                                              \
      "INSERT INTO main.member_gap(rowid, member_id, valid_from, valid_to, kind) "                                      \
      "VALUES(?1, ?2, '', '', 0)")                                                                                      \
    X(STMT_BATCH_DELETE_STINTS,                                                                                         \
      "DELETE FROM main.member_stint WHERE rowid IN (SELECT rowid FROM main.member_stint "                              \
      "WHERE rowid BETWEEN ?1 AND ?2 LIMIT ?3)")                                                                        \
    X(STMT_BATCH_DELETE_GAPS,                                                                                           \
      "DELETE FROM main.member_gap WHERE rowid IN (SELECT rowid FROM main.member_gap "                                  \
      "WHERE rowid BETWEEN ?1 AND ?2 LIMIT ?3)")                                                                        \
    X(STMT_BATCH_DELETE_EVENTS,                                                                                         \
      "DELETE FROM main.member_event WHERE id IN (SELECT id FROM main.member_event "                                    \
      "WHERE id BETWEEN ?1 AND ?2 LIMIT ?3)")                                                                           \
    X(STMT_BATCH_DELETE_MEMBERS,                                                                                        \
      "DELETE FROM main.member WHERE id IN (SELECT id FROM main.member "                                                \
      "WHERE id BETWEEN ?1 AND ?2 LIMIT ?3)")                                                                           \
    X(STMT_BATCH_END, "DELETE FROM main.import_batch")                                                                  \
    X(STMT_BULK_COUNT_DAYS, "SELECT as_of FROM member_count_day ORDER BY as_of")                                        \
    X(STMT_BULK_COUNT_DAY_DELETE, "DELETE FROM member_count_day WHERE as_of = ?1")                                      \
    X(STMT_BULK_COUNT_OPEN_ADD,                                                                                         \
      "INSERT INTO member_count_open(org_id, status, n) VALUES(?1, ?2, ?3) "                                            \
      "ON CONFLICT(org_id, status) DO UPDATE SET n = n + excluded.n")                                                   \
    X(STMT_BULK_TRIGGER_SQL, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1")                      \
    /* ?3 admission, ?4 official recognition, ?5 transfer, ?6 and ?7 the transfer kinds that                            \
       move a registration (official, organization change) */                                                           \
    X(STMT_BULK_ROLL,                                                                                                   \
      "SELECT m.id, m.full_name, m.gender, m.birth_date, m.ethnicity, m.religion, m.hometown, "                         \
      "m.national_id, m.education, m.professional_level, m.theory_level, m.party_card_no, "                             \
      "m.admission_decision_date, m.ceremony_date, m.official_date, m.died_on, s.status, "                              \
      "m.exempt, m.org_id, (SELECT a.decision_no FROM member_event a WHERE a.member_id = m.id "                         \
      "AND +a.kind = ?3 ORDER BY a.date, a.id LIMIT 1), (SELECT x.decision_date FROM "                                  \
      "member_event x WHERE x.member_id = m.id AND +x.kind = ?4 AND x.date <= ?2 "                                      \
      "ORDER BY x.date DESC, x.id DESC LIMIT 1), (SELECT x.decision_no FROM member_event x "                            \
      "WHERE x.member_id = m.id AND +x.kind = ?4 AND x.date <= ?2 ORDER BY x.date DESC, "                               \
      "x.id DESC LIMIT 1), (SELECT a.org_id FROM member_event a WHERE a.member_id = m.id "                              \
      "AND +a.kind = ?3 AND a.date <= ?2 ORDER BY a.date DESC, a.id DESC LIMIT 1), "                                    \
      "(SELECT t.date FROM member_event t WHERE t.member_id = m.id AND +t.kind = ?5 "                                   \
      "AND t.form IN (?6, ?7) AND t.org_id = s.org_id AND t.date <= ?2 "                                                \
      "ORDER BY t.date DESC, t.id DESC LIMIT 1), s.org_id "                                                             \
      "FROM member_stint s JOIN member m ON m.id = s.member_id "                                                        \
      "WHERE s.org_id = ?1 AND s.valid_from <= ?2 AND s.valid_to > ?2 AND s.kind = 0 "                                  \
      "ORDER BY m.name_key, m.id")                                                                                      \
    X(STMT_BULK_ORGS_ALL, "SELECT code, id, tier, form, created_on, ended_on FROM org")                                 \
    X(STMT_BULK_NIDS,                                                                                                   \
      "SELECT national_id, id FROM member WHERE national_id IS NOT NULL AND died_on IS NULL")                           \
    X(STMT_BULK_NIDS_AFTER,                                                                                             \
      "SELECT national_id, id FROM member WHERE id > ?1 AND national_id IS NOT NULL "                                   \
      "AND died_on IS NULL")                                                                                            \
    X(STMT_BULK_ORG_DECISION,                                                                                           \
      "SELECT decision_no FROM org_event WHERE org_id = ?1 AND kind = 'create' "                                        \
      "ORDER BY date, id LIMIT 1")                                                                                      \
    /* audit */                                                                                                         \
    X(STMT_AUDIT_INSERT,                                                                                                \
      "INSERT INTO audit(at, username, address, action, entity, entity_id, org_id, before, "                            \
      "after) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")                                                              \
    X(STMT_AUDIT_LIST,                                                                                                  \
      "SELECT id, at, username, address, action, entity, entity_id, org_id, before, after "                             \
      "FROM audit WHERE (?1 = 0 OR org_id = ?1) AND (?2 IS NULL OR username = ?2) "                                     \
      "AND at >= ?3 ORDER BY id DESC LIMIT ?4")                                                                         \
    X(STMT_AUDIT_COUNT, "SELECT COUNT(*) FROM audit")                                                                   \
    /* accounts, sessions, login throttling (store_auth.c) */                                                           \
    X(STMT_USER_INSERT,                                                                                                 \
      "INSERT INTO app_user(username, full_name, role, scope_org_id, pw_hash, disabled, "                               \
      "created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, 0, ?6, ?6)")                                                  \
    X(STMT_USER_GET,                                                                                                    \
      "SELECT username, full_name, role, scope_org_id, pw_hash, disabled, created_at, updated_at "                      \
      "FROM app_user WHERE username = ?1")                                                                              \
    X(STMT_USER_LIST,                                                                                                   \
      "SELECT username, full_name, role, scope_org_id, pw_hash, disabled, created_at, updated_at "                      \
      "FROM app_user ORDER BY username")                                                                                \
    X(STMT_USER_SET_PASSWORD,                                                                                           \
      "UPDATE app_user SET pw_hash = ?2, updated_at = ?3 WHERE username = ?1")                                          \
    X(STMT_USER_SET_DISABLED,                                                                                           \
      "UPDATE app_user SET disabled = ?2, updated_at = ?3 WHERE username = ?1")                                         \
    X(STMT_SESSION_INSERT,                                                                                              \
      "INSERT INTO user_session(token_hash, username, csrf, address, created_at, last_seen) "                           \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?5)")                                                                                 \
    X(STMT_SESSION_GET,                                                                                                 \
      "SELECT s.username, s.csrf, s.created_at, s.last_seen, u.full_name, u.role, "                                     \
      "u.scope_org_id, u.disabled FROM user_session s JOIN app_user u ON u.username = s.username "                      \
      "WHERE s.token_hash = ?1")                                                                                        \
    X(STMT_SESSION_TOUCH, "UPDATE user_session SET last_seen = ?2 WHERE token_hash = ?1")                               \
    X(STMT_SESSION_DELETE, "DELETE FROM user_session WHERE token_hash = ?1")                                            \
    X(STMT_SESSION_DELETE_USER,                                                                                         \
      "DELETE FROM user_session WHERE username = ?1 AND token_hash <> COALESCE(?2, '')")                                \
    X(STMT_SESSION_DELETE_IDLE, "DELETE FROM user_session WHERE last_seen < ?1")                                        \
    X(STMT_LOGIN_FAILURE_INSERT,                                                                                        \
      "INSERT INTO login_failure(username, address, at) VALUES(?1, ?2, ?3)")                                            \
    X(STMT_LOGIN_FAILURE_COUNT_USER,                                                                                    \
      "SELECT COUNT(*) FROM login_failure WHERE username = ?1 AND at >= ?2")                                            \
    X(STMT_LOGIN_FAILURE_LAST_USER,                                                                                     \
      "SELECT COALESCE(MAX(at), 0) FROM login_failure WHERE username = ?1 AND at >= ?2")                                \
    X(STMT_LOGIN_FAILURE_COUNT_ADDR,                                                                                    \
      "SELECT COUNT(*) FROM login_failure WHERE address = ?1 AND at >= ?2")                                             \
    X(STMT_LOGIN_FAILURE_CLEAR_USER, "UPDATE login_failure SET username = '' WHERE username = ?1")                      \
    X(STMT_LOGIN_FAILURE_PRUNE, "DELETE FROM login_failure WHERE at < ?1")                                              \
    X(STMT_DATA_VERSION, "PRAGMA data_version")                                                                         \
    X(STMT_MEMBER_MAX_ID, "SELECT COALESCE(MAX(id), 0) FROM main.member") /* an import's too */                         \
    X(STMT_MEMBERS_AFTER, "SELECT id, org_id FROM member WHERE id > ?1 ORDER BY id")                                    \
    X(STMT_ORG_LIFESPANS, "SELECT id, created_on, ended_on FROM org")                                                   \
    X(STMT_ORG_GENERATION, "SELECT COALESCE(MAX(id), 0) FROM org_event")                                                \
    /* scope (store_scope.c): ?1 the scope root, ?2 the day. Today's set: organizations alive                           \
       on ?2 under ?1 that day, and ended ones under it on their last day */                                            \
    X(STMT_SCOPE_TODAY_SET,                                                                                             \
      "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT v.org_id FROM sub "                                            \
      "JOIN org_version v ON v.parent_id = sub.id JOIN org o ON o.id = v.org_id "                                       \
      "WHERE (o.ended_on > ?2 AND v.valid_from <= ?2 AND v.valid_to > ?2) OR "                                          \
      "(o.ended_on <= ?2 AND v.valid_from < o.ended_on AND v.valid_to >= o.ended_on)) "                                 \
      "SELECT id FROM sub ORDER BY id")                                                                                 \
    /* ?1 the organization, ?2 the day, ?3 the scope root: 1 when ?1 exists on ?2 and ?3 is on                          \
       its path to the top that day */                                                                                  \
    X(STMT_SCOPE_ORG_ON,                                                                                                \
      "WITH RECURSIVE up(id, n) AS (SELECT o.id, 0 FROM org o WHERE o.id = ?1 "                                         \
      "AND o.created_on <= ?2 AND o.ended_on > ?2 UNION ALL SELECT v.parent_id, up.n + 1 "                              \
      "FROM up JOIN org_version v ON v.org_id = up.id AND v.valid_from <= ?2 "                                          \
      "AND v.valid_to > ?2 WHERE v.parent_id IS NOT NULL AND up.n < 64) "                                               \
      "SELECT COUNT(*) FROM up WHERE id = ?3")                                                                          \
    X(STMT_SCOPE_MEMBER_ORG, "SELECT org_id FROM member WHERE id = ?1")                                                 \
    X(STMT_ORG_GET_ENDED, "SELECT ended_on FROM org WHERE id = ?1 AND ended_on < '9999-12-31'")                         \
    X(STMT_SCOPE_MEMBER_ORG_ON,                                                                                         \
      "SELECT org_id FROM member_stint WHERE member_id = ?1 AND kind = 0 AND valid_from <= ?2 "                         \
      "ORDER BY valid_from DESC LIMIT 1")                                                                               \
    /* backups (store_backup.c) */                                                                                      \
    X(STMT_INTEGRITY_CHECK, "PRAGMA integrity_check")                                                                   \
    X(STMT_META_MIGRATIONS, "SELECT key FROM meta WHERE key LIKE 'migration:%'")                                        \
    X(STMT_BACKUP_COUNTS, "SELECT (SELECT COUNT(*) FROM org), (SELECT COUNT(*) FROM member), "                          \
                          "(SELECT COUNT(*) FROM audit)")                                                               \
    X(STMT_SCOPE_ROOT_PARENT,                                                                                           \
      "SELECT COUNT(*) FROM org_version WHERE org_id = ?1 AND parent_id IS NOT NULL")                                   \
    /* the analytics engine's bulk reads (store_engine.c) */                                                            \
    X(STMT_ENGINE_TOKEN,                                                                                                \
      "SELECT (SELECT COALESCE(MAX(rowid), 0) FROM org), "                                                              \
      "(SELECT COALESCE(MAX(rowid), 0) FROM org_version), "                                                             \
      "(SELECT COALESCE(MAX(rowid), 0) FROM org_event), " TOKEN_VISIBLE_MAX("member", "member") ", " TOKEN_VISIBLE_MAX( \
          "member_event",                                                                                               \
          "event") ", " TOKEN_VISIBLE_MAX("member_stint",                                                               \
                                          "stint") ", " TOKEN_VISIBLE_MAX("member_gap",                                 \
                                                                          "gap") ", "                                   \
                                                                                 "(SELECT "                             \
                                                                                 "COALESCE(MAX("                        \
                                                                                 "rowid), 0) "                          \
                                                                                 "FROM audit)")                         \
    X(STMT_ENGINE_ORGS, "SELECT id, code, tier, form, base_type, created_on, ended_on FROM org")                        \
    X(STMT_ENGINE_ORG_VERSIONS,                                                                                         \
      "SELECT v.org_id, v.parent_id, v.valid_from, v.valid_to, v.name, "                                                \
      "COALESCE(v.tier, o.tier), COALESCE(v.form, o.form), COALESCE(v.base_type, o.base_type) "                         \
      "FROM org_version v JOIN org o ON o.id = v.org_id")                                                               \
    X(STMT_ENGINE_MEMBERS,                                                                                              \
      "SELECT id, full_name, gender, birth_date, ethnicity, religion, education, theory_level, "                        \
      "admission_decision_date, ceremony_date, official_date, died_on, status, org_id, "                                \
      "national_id, party_card_no, name_key FROM member")                                                               \
    X(STMT_ENGINE_STINTS,                                                                                               \
      "SELECT member_id, org_id, valid_from, valid_to, kind, status FROM member_stint")                                 \
    X(STMT_ENGINE_GAPS, "SELECT member_id, valid_from, valid_to, kind FROM member_gap")                                 \
    X(STMT_ENGINE_MEMBER_ONE,                                                                                           \
      "SELECT id, full_name, gender, birth_date, ethnicity, religion, education, theory_level, "                        \
      "admission_decision_date, ceremony_date, official_date, died_on, status, org_id, "                                \
      "national_id, party_card_no, name_key FROM member WHERE id = ?1")                                                 \
    X(STMT_ENGINE_STINTS_ONE,                                                                                           \
      "SELECT member_id, org_id, valid_from, valid_to, kind, status FROM member_stint "                                 \
      "WHERE member_id = ?1")                                                                                           \
    X(STMT_ENGINE_GAPS_ONE,                                                                                             \
      "SELECT member_id, valid_from, valid_to, kind FROM member_gap WHERE member_id = ?1")                              \
    X(STMT_ENGINE_MEMBER_KEY, "SELECT name_key FROM member WHERE id = ?1")                                              \
    X(STMT_ENGINE_EVENTS,                                                                                               \
      "SELECT id, member_id, kind, date, decision_date, org_id, form, until_date "                                      \
      "FROM member_event")                                                                                              \
    /* statistics forms (store_facts.c) */                                                                              \
    X(STMT_SF_ORG_VERSIONS,                                                                                             \
      "SELECT v.org_id, v.parent_id, v.valid_from, v.valid_to, o.created_on, o.ended_on, "                              \
      "COALESCE(v.tier, o.tier), COALESCE(v.form, o.form), COALESCE(v.base_type, o.base_type), "                        \
      "o.code, v.name FROM org_version v JOIN org o ON o.id = v.org_id "                                                \
      "ORDER BY v.org_id, v.valid_from")                                                                                \
    X(STMT_SF_STINT_MEMBERS,                                                                                            \
      "SELECT DISTINCT member_id FROM member_stint WHERE org_id = ?1 AND valid_from <= ?3 "                             \
      "AND valid_to > ?2")                                                                                              \
    X(STMT_SF_MEMBER_ONE,                                                                                               \
      "SELECT id, gender, birth_date, theory_level, ethnicity, religion, education, "                                   \
      "professional_level, " SF_MEMBER_CODES " FROM member WHERE id = ?1")                                              \
    X(STMT_SF_MEMBER_ALL,                                                                                               \
      "SELECT id, gender, birth_date, theory_level, ethnicity, religion, education, "                                   \
      "professional_level, " SF_MEMBER_CODES " FROM member ORDER BY id")                                                \
    X(STMT_SF_EVENTS_ONE,                                                                                               \
      "SELECT member_id, id, kind, date, decision_date, org_id, form, until_date, scope "                               \
      "FROM member_event WHERE member_id = ?1 ORDER BY date, id")                                                       \
    X(STMT_SF_MEMBER_PROF,                                                                                              \
      "SELECT id, professional_level, " SF_MEMBER_CODES " FROM member ORDER BY id")                                     \
    X(STMT_SF_EVENTS_STATUS,                                                                                            \
      "SELECT member_id, kind, date, form FROM member_event WHERE kind IN (0, 5, 6, 7) "                                \
      "ORDER BY member_id, date, id")                                                                                   \
    X(STMT_SF_EVENTS_ALL,                                                                                               \
      "SELECT member_id, id, kind, date, decision_date, org_id, form, until_date, scope "                               \
      "FROM member_event ORDER BY member_id, date, id")                                                                 \
    X(STMT_ORG_COMMEND_INSERT,                                                                                          \
      "INSERT INTO org_commendation(org_id, date, form, decision_no, detail) "                                          \
      "VALUES(?1, ?2, ?3, ?4, ?5)")                                                                                     \
    X(STMT_ORG_COMMEND_LIST,                                                                                            \
      "SELECT id, org_id, date, form, decision_no, detail FROM org_commendation "                                       \
      "WHERE org_id = ?1 ORDER BY date, id")                                                                            \
    X(STMT_ORG_COMMEND_GET,                                                                                             \
      "SELECT id, org_id, date, form, decision_no, detail FROM org_commendation "                                       \
      "WHERE id = ?1 AND org_id = ?2")                                                                                  \
    X(STMT_ORG_COMMEND_DELETE, "DELETE FROM org_commendation WHERE id = ?1 AND org_id = ?2")                            \
    X(STMT_ORG_COMMEND_PERIOD,                                                                                          \
      "SELECT id, org_id, date, form, decision_no, detail FROM org_commendation "                                       \
      "WHERE date >= ?1 AND date <= ?2 ORDER BY date, id")                                                              \
    X(STMT_SF_AUDIT_SINCE,                                                                                              \
      "SELECT entity, COALESCE(entity_id, 0) FROM audit WHERE id > ?1 ORDER BY id LIMIT ?2")                            \
    X(STMT_SF_MEMBERS_AFTER, "SELECT id FROM member WHERE id > ?1")                                                     \
    X(STMT_SF_EVENT_MEMBERS_AFTER, "SELECT member_id FROM member_event WHERE id > ?1")

#include "store/store_sql_inspection.h"
#include "store/store_sql_program.h"
#include "store/store_sql_cadre.h"
#include "store/store_sql_training.h"
#include "store/store_sql_staff.h"

enum stmt_id {
#define X(id, sql) id,
    STORE_STATEMENTS(X) PROGRAM_STATEMENTS(X) INSPECTION_STATEMENTS(X) CADRE_STATEMENTS(X)
        TRAINING_STATEMENTS(X)
        STAFF_STATEMENTS(X)
#undef X
            STMT__MAX
};

#endif
