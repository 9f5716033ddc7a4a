/*
 * store_sql_staff.h - the statements of store_staff.c (the staffing roll, migration 0072), part
 * of the one statement table: store_sql.h includes this list in the statements' enum.
 */
#ifndef TCXD_STORE_SQL_STAFF_H
#define TCXD_STORE_SQL_STAFF_H

/* a person linked to a cadre has the cadre's attributes */
#define STAFF_PERSON_COLS                                                                          \
    "p.id, p.org_id, COALESCE(p.cadre_id, 0), COALESCE(p.member_id, c.member_id, 0), "             \
    "CASE WHEN c.id IS NULL THEN p.full_name ELSE c.full_name END, "                               \
    "CASE WHEN c.id IS NULL THEN p.gender ELSE c.gender END, "                                     \
    "CASE WHEN c.id IS NULL THEN p.birth_date ELSE c.birth_date END, "                             \
    "CASE WHEN c.id IS NULL THEN p.ethnicity ELSE c.ethnicity END, "                               \
    "CASE WHEN c.id IS NULL THEN p.prof ELSE c.prof END, "                                         \
    "CASE WHEN c.id IS NULL THEN p.academic ELSE c.academic END, "                                 \
    "CASE WHEN c.id IS NULL THEN p.theory ELSE c.theory END, p.party"
#define STAFF_EVENT_COLS                                                                           \
    "e.id, e.person_id, e.kind, e.date, COALESCE(e.body_id, 0), e.join_kind, e.category, "         \
    "e.grade, e.talent, e.experience, e.leave_kind, e.decision_no"

#define STAFF_STATEMENTS(X)                                                                        \
    X(STMT_STAFF_BODY_INSERT,                                                                      \
      "INSERT INTO staff_body(org_id, name, kind, level) VALUES(?1, ?2, ?3, ?4)")                  \
    X(STMT_STAFF_BODY_GET, "SELECT id, org_id, name, kind, level FROM staff_body WHERE id = ?1")   \
    X(STMT_STAFF_BODY_BY_NAME, "SELECT id FROM staff_body WHERE org_id = ?1 AND name = ?2")        \
    X(STMT_STAFF_BODY_LIST,                                                                        \
      "SELECT id, org_id, name, kind, level FROM staff_body ORDER BY level, kind, name, id")       \
    X(STMT_STAFF_PERSON_INSERT,                                                                    \
      "INSERT INTO staff_person(org_id, cadre_id, member_id, full_name, gender, birth_date, "      \
      "ethnicity, prof, academic, theory, party) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, " \
      "?11)")                                                                                      \
    X(STMT_STAFF_PERSON_GET, "SELECT " STAFF_PERSON_COLS " FROM staff_person p LEFT JOIN cadre c " \
                             "ON c.id = p.cadre_id WHERE p.id = ?1")                               \
    X(STMT_STAFF_PERSON_BY_CADRE, "SELECT id FROM staff_person WHERE cadre_id = ?1")               \
    X(STMT_STAFF_PERSON_ALL, "SELECT " STAFF_PERSON_COLS " FROM staff_person p LEFT JOIN cadre c " \
                             "ON c.id = p.cadre_id ORDER BY p.id")                                 \
    X(STMT_STAFF_EVENT_INSERT,                                                                     \
      "INSERT INTO staff_event(person_id, kind, date, body_id, join_kind, category, grade, "       \
      "talent, experience, leave_kind, decision_no) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "   \
      "?10, ?11)")                                                                                 \
    X(STMT_STAFF_EVENTS,                                                                           \
      "SELECT " STAFF_EVENT_COLS " FROM staff_event e WHERE e.person_id = ?1 ORDER BY e.date, "    \
      "e.id")                                                                                      \
    X(STMT_STAFF_EVENTS_ALL,                                                                       \
      "SELECT " STAFF_EVENT_COLS " FROM staff_event e ORDER BY e.person_id, e.date, e.id")

#endif
