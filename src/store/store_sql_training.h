/*
 * store_sql_training.h - the statements of store_training.c (training classes and enrolments,
 * migration 0073), part of the one statement table: store_sql.h includes this list in
 * STORE_STATEMENTS' enum.
 */
#ifndef TCXD_STORE_SQL_TRAINING_H
#define TCXD_STORE_SQL_TRAINING_H

#define TRAINING_CLASS_COLS                                                                        \
    "k.id, k.org_id, k.opener, k.programme, k.mode, k.name, k.from_date, k.to_date, "              \
    "k.decision_no, k.institution, "                                                               \
    "(SELECT COUNT(*) FROM cadre_enrolment n WHERE n.class_id = k.id), "                           \
    "(SELECT COUNT(*) FROM cadre_enrolment n WHERE n.class_id = k.id AND n.result = 1)"

#define TRAINING_STATEMENTS(X)                                                                     \
    X(STMT_TRAINING_CLASS_INSERT,                                                                  \
      "INSERT INTO cadre_class(org_id, opener, programme, mode, name, from_date, to_date, "        \
      "decision_no, institution) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")                      \
    X(STMT_TRAINING_CLASS_GET,                                                                     \
      "SELECT " TRAINING_CLASS_COLS " FROM cadre_class k WHERE k.id = ?1")                         \
    X(STMT_TRAINING_CLASS_LIST, "SELECT " TRAINING_CLASS_COLS " FROM cadre_class k "               \
                                "WHERE ?1 = 0 OR (k.from_date >= ?2 AND k.from_date <= ?3) "       \
                                "ORDER BY k.from_date DESC, k.id DESC")                            \
    X(STMT_TRAINING_ENROL_EXISTS,                                                                  \
      "SELECT id FROM cadre_enrolment WHERE class_id = ?1 AND cadre_id = ?2")                      \
    X(STMT_TRAINING_ENROL_INSERT,                                                                  \
      "INSERT INTO cadre_enrolment(class_id, cadre_id, enrolled_on) VALUES(?1, ?2, ?3)")           \
    X(STMT_TRAINING_ENROL_GET,                                                                     \
      "SELECT class_id, cadre_id, result, grade FROM cadre_enrolment WHERE id = ?1")               \
    X(STMT_TRAINING_ENROL_SET_RESULT,                                                              \
      "UPDATE cadre_enrolment SET result = ?2, grade = ?3 WHERE id = ?1")                          \
    X(STMT_TRAINING_ENROLMENTS,                                                                    \
      "SELECT n.id, n.class_id, n.cadre_id, n.enrolled_on, n.result, n.grade, c.full_name "        \
      "FROM cadre_enrolment n JOIN cadre c ON c.id = n.cadre_id WHERE n.class_id = ?1 "            \
      "ORDER BY c.full_name, n.id")                                                                \
    X(STMT_TRAINING_OF_CADRE,                                                                      \
      "SELECT k.id, n.id, k.programme, k.mode, k.from_date, k.to_date, n.result, k.name, "         \
      "k.institution, n.grade FROM cadre_enrolment n JOIN cadre_class k ON k.id = n.class_id "     \
      "WHERE n.cadre_id = ?1 "                                                                     \
      "UNION ALL SELECT 0, 0, t.programme, t.mode, t.from_date, t.to_date, 0, '', "                \
      "t.institution, '' FROM cadre_training t WHERE t.cadre_id = ?1 ORDER BY 5, 1, 2")            \
    X(STMT_TRAINING_EVENTS,                                                                        \
      "SELECT n.cadre_id, k.programme, k.mode, k.from_date FROM cadre_enrolment n "                \
      "JOIN cadre_class k ON k.id = n.class_id "                                                   \
      "WHERE k.from_date >= ?1 AND k.from_date <= ?2 AND n.result <> ?3 "                          \
      "UNION ALL SELECT t.cadre_id, t.programme, t.mode, t.from_date FROM cadre_training t "       \
      "WHERE t.from_date >= ?1 AND t.from_date <= ?2 ORDER BY 4, 1")                               \
    X(STMT_TRAINING_HELD_POST,                                                                     \
      "SELECT 1 FROM cadre_holding WHERE cadre_id = ?1 AND from_date <= ?2 AND ?2 < to_date "      \
      "LIMIT 1")                                                                                   \
    X(STMT_TRAINING_CLASS_EVENTS,                                                                  \
      "SELECT id, org_id, programme, mode, opener FROM cadre_class "                               \
      "WHERE from_date >= ?1 AND from_date <= ?2 ORDER BY from_date, id")

#endif
