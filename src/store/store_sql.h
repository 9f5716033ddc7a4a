/*
 * store_sql.h - every SQL statement tcxd runs, as named constants (openradtool style).
 * X(id, sql): the enum stmt_id and store_sqlite.c's text table are generated from this one list.
 * Statements are always bound, never built by concatenation. Keep them portable SQL.
 */
#ifndef TCXD_STORE_SQL_H
#define TCXD_STORE_SQL_H

#define STORE_STATEMENTS(X)                                                                        \
    /* organizations */                                                                            \
    X(STMT_ORG_INSERT,                                                                             \
      "INSERT INTO org(code, tier, form, base_type, name, name_fold, parent_id, created_on) "      \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")                                                    \
    X(STMT_ORG_VERSION_INSERT,                                                                     \
      "INSERT INTO org_version(org_id, valid_from, valid_to, parent_id, name) "                    \
      "VALUES(?1, ?2, '9999-12-31', ?3, ?4)")                                                      \
    X(STMT_ORG_VERSION_LAST,                                                                       \
      "SELECT valid_from, parent_id, name FROM org_version WHERE org_id = ?1 "                     \
      "ORDER BY valid_from DESC LIMIT 1")                                                          \
    X(STMT_ORG_VERSION_CLOSE,                                                                      \
      "UPDATE org_version SET valid_to = ?3 WHERE org_id = ?1 AND valid_from = ?2")                \
    X(STMT_ORG_VERSION_DELETE, "DELETE FROM org_version WHERE org_id = ?1 AND valid_from = ?2")    \
    X(STMT_ORG_SET_CURRENT,                                                                        \
      "UPDATE org SET name = ?2, name_fold = ?3, parent_id = ?4 WHERE id = ?1")                    \
    X(STMT_ORG_END, "UPDATE org SET ended_on = ?2 WHERE id = ?1")                                  \
    X(STMT_ORG_EVENT_INSERT,                                                                       \
      "INSERT INTO org_event(org_id, kind, date, decision_no, other_org_id, detail) "              \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6)")                                                            \
    X(STMT_ORG_EVENTS,                                                                             \
      "SELECT date, kind, decision_no, other_org_id, detail FROM org_event WHERE org_id = ?1 "     \
      "ORDER BY date, id")                                                                         \
    X(STMT_ORG_GET_ASOF,                                                                           \
      "SELECT o.id, o.code, v.name, o.tier, o.form, o.base_type, v.parent_id, o.created_on, "      \
      "o.ended_on FROM org o JOIN org_version v ON v.org_id = o.id "                               \
      "WHERE o.id = ?1 AND v.valid_from <= ?2 AND v.valid_to > ?2 AND o.created_on <= ?2 "         \
      "AND o.ended_on > ?2")                                                                       \
    X(STMT_ORG_ID_BY_CODE, "SELECT id, created_on, ended_on FROM org WHERE code = ?1")             \
    X(STMT_ORG_TREE_ASOF,                                                                          \
      "SELECT o.id, v.parent_id, o.tier, o.form, o.base_type, o.code, v.name "                     \
      "FROM org_version v JOIN org o ON o.id = v.org_id "                                          \
      "WHERE v.valid_from <= ?1 AND v.valid_to > ?1 AND o.created_on <= ?1 AND o.ended_on > ?1 "   \
      "ORDER BY o.code")                                                                           \
    X(STMT_ORG_CHILDREN_ASOF, "SELECT v.org_id FROM org_version v JOIN org o ON o.id = v.org_id "  \
                              "WHERE v.parent_id = ?1 AND v.valid_from <= ?2 AND v.valid_to > ?2 " \
                              "AND o.created_on <= ?2 AND o.ended_on > ?2")                        \
    X(STMT_ORG_SEARCH,                                                                             \
      "SELECT id FROM org WHERE name_fold LIKE ?1 ESCAPE '\\' AND created_on <= ?2 "               \
      "AND ended_on > ?2 ORDER BY name_fold LIMIT ?3")                                             \
    /* members */                                                                                  \
    X(STMT_MEMBER_INSERT,                                                                          \
      "INSERT INTO member(full_name, name_fold, name_key, gender, birth_date, ethnicity, "         \
      "religion, hometown, national_id, education, professional_level, theory_level, "             \
      "party_card_no, status, org_id) "                                                            \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")                  \
    X(STMT_MEMBER_UPDATE_FIELDS,                                                                   \
      "UPDATE member SET full_name = ?2, name_fold = ?3, name_key = ?4, gender = ?5, "             \
      "birth_date = ?6, ethnicity = ?7, religion = ?8, hometown = ?9, national_id = ?10, "         \
      "education = ?11, professional_level = ?12, theory_level = ?13, party_card_no = ?14 "        \
      "WHERE id = ?1")                                                                             \
    X(STMT_MEMBER_UPDATE_DERIVED,                                                                  \
      "UPDATE member SET status = ?2, exempt = ?3, org_id = ?4, admission_decision_date = ?5, "    \
      "ceremony_date = ?6, official_date = ?7, died_on = ?8 WHERE id = ?1")                        \
    X(STMT_MEMBER_GET,                                                                             \
      "SELECT id, full_name, gender, birth_date, ethnicity, religion, hometown, national_id, "     \
      "education, professional_level, theory_level, party_card_no, admission_decision_date, "      \
      "ceremony_date, official_date, died_on, status, exempt, org_id FROM member WHERE id = ?1")   \
    X(STMT_MEMBER_BY_NID, "SELECT id FROM member WHERE national_id = ?1 AND died_on IS NULL")      \
    X(STMT_MEMBER_EVENT_INSERT,                                                                    \
      "INSERT INTO member_event(member_id, kind, date, decision_no, decision_date, org_id, form, " \
      "until_date, detail) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")                            \
    X(STMT_MEMBER_EVENTS,                                                                          \
      "SELECT id, kind, date, decision_no, decision_date, org_id, form, until_date, detail "       \
      "FROM member_event WHERE member_id = ?1 ORDER BY date, id")                                  \
    X(STMT_STINT_DELETE, "DELETE FROM member_stint WHERE member_id = ?1")                          \
    X(STMT_STINT_INSERT,                                                                           \
      "INSERT INTO member_stint(member_id, org_id, valid_from, valid_to, kind, status) "           \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6)")                                                            \
    X(STMT_GAP_DELETE, "DELETE FROM member_gap WHERE member_id = ?1")                              \
    X(STMT_GAP_INSERT,                                                                             \
      "INSERT INTO member_gap(member_id, valid_from, valid_to, kind) VALUES(?1, ?2, ?3, ?4)")      \
    X(STMT_STINT_MEMBERS_AT,                                                                       \
      "SELECT DISTINCT member_id, kind FROM member_stint WHERE org_id = ?1 AND valid_from <= ?2 "  \
      "AND valid_to > ?2")                                                                         \
    X(STMT_STINT_STARTED_AFTER,                                                                    \
      "SELECT COUNT(*) FROM member_stint WHERE org_id = ?1 AND valid_from > ?2")                   \
    X(STMT_COUNT_ALL,                                                                              \
      "SELECT org_id, status, COUNT(*) FROM member_stint WHERE kind = 0 AND valid_from <= ?1 "     \
      "AND valid_to > ?1 GROUP BY org_id, status")                                                 \
    X(STMT_COUNT_ORG,                                                                              \
      "SELECT status, COUNT(*) FROM member_stint WHERE org_id = ?1 AND valid_from <= ?2 "          \
      "AND valid_to > ?2 AND kind = 0 GROUP BY status")                                            \
    X(STMT_FACTS_ALL,                                                                              \
      "SELECT s.org_id, s.status, m.gender, m.birth_date, m.admission_decision_date, "             \
      "m.theory_level, m.ethnicity, m.religion, m.education FROM member_stint s "                  \
      "JOIN member m ON m.id = s.member_id WHERE s.kind = 0 AND s.valid_from <= ?1 "               \
      "AND s.valid_to > ?1")                                                                       \
    X(STMT_FACTS_ORG,                                                                              \
      "SELECT s.org_id, s.status, m.gender, m.birth_date, m.admission_decision_date, "             \
      "m.theory_level, m.ethnicity, m.religion, m.education FROM member_stint s "                  \
      "JOIN member m ON m.id = s.member_id WHERE s.org_id = ?1 AND s.valid_from <= ?2 "            \
      "AND s.valid_to > ?2 AND s.kind = 0")                                                        \
    X(STMT_LIST_ORG,                                                                               \
      "SELECT m.id, m.full_name, m.gender, m.birth_date, s.status, s.org_id, s.kind, "             \
      "m.admission_decision_date, m.name_key, m.theory_level, m.ethnicity FROM member_stint s "    \
      "JOIN member m ON m.id = s.member_id WHERE s.org_id = ?1 AND s.valid_from <= ?2 "            \
      "AND s.valid_to > ?2 AND (s.kind = 0 OR ?3)")                                                \
    X(STMT_LIST_NAME_PREFIX,                                                                       \
      "SELECT id FROM member WHERE name_fold >= ?1 AND name_fold < ?2 ORDER BY name_fold "         \
      "LIMIT ?3")                                                                                  \
    X(STMT_STINT_OF_MEMBER_AT,                                                                     \
      "SELECT org_id, status, kind FROM member_stint WHERE member_id = ?1 AND valid_from <= ?2 "   \
      "AND valid_to > ?2 ORDER BY kind")                                                           \
    X(STMT_PROBATIONARY_IN_ORG,                                                                    \
      "SELECT m.id, m.full_name, m.gender, m.birth_date, m.org_id, m.ceremony_date, "              \
      "m.admission_decision_date FROM member m WHERE m.org_id = ?1 AND m.status = 1")              \
    /* audit */                                                                                    \
    X(STMT_AUDIT_INSERT,                                                                           \
      "INSERT INTO audit(at, username, address, action, entity, entity_id, org_id, before, "       \
      "after) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")                                         \
    X(STMT_AUDIT_LIST,                                                                             \
      "SELECT id, at, username, address, action, entity, entity_id, org_id, before, after "        \
      "FROM audit WHERE (?1 = 0 OR org_id = ?1) AND (?2 IS NULL OR username = ?2) "                \
      "AND at >= ?3 ORDER BY id DESC LIMIT ?4")                                                    \
    X(STMT_AUDIT_COUNT, "SELECT COUNT(*) FROM audit")

enum stmt_id {
#define X(id, sql) id,
    STORE_STATEMENTS(X)
#undef X
        STMT__MAX
};

#endif
