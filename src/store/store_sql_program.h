/*
 * store_sql_program.h - the statements of store_program.c (programs, indicators, meetings),
 * part of the one statement table: store_sql.h includes this list in STORE_STATEMENTS' enum.
 */
#ifndef TCXD_STORE_SQL_PROGRAM_H
#define TCXD_STORE_SQL_PROGRAM_H

#define PROGRAM_STATEMENTS(X)                                                                      \
    X(STMT_PROGRAM_INSERT,                                                                         \
      "INSERT INTO program(code, title, org_id, steering, period_from, period_to, decision_no) "   \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")                                                        \
    X(STMT_PROGRAM_BY_ID,                                                                          \
      "SELECT id, code, title, org_id, steering, period_from, period_to, decision_no "             \
      "FROM program WHERE id = ?1")                                                                \
    X(STMT_PROGRAM_BY_CODE,                                                                        \
      "SELECT id, code, title, org_id, steering, period_from, period_to, decision_no "             \
      "FROM program WHERE code = ?1")                                                              \
    X(STMT_PROGRAM_LIST,                                                                           \
      "SELECT id, code, title, org_id, steering, period_from, period_to, decision_no "             \
      "FROM program ORDER BY code")                                                                \
    X(STMT_PROGRAM_ITEM_INSERT,                                                                    \
      "INSERT INTO program_item(program_id, no, kind, title, lead_agency, people, start_date, "    \
      "deadline, document_no) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")                         \
    X(STMT_PROGRAM_ITEM_BY_NO, "SELECT id FROM program_item WHERE program_id = ?1 AND no = ?2")    \
    X(STMT_PROGRAM_ITEM_GET, "SELECT program_id, start_date FROM program_item WHERE id = ?1")      \
    X(STMT_PROGRAM_ITEMS,                                                                          \
      "SELECT id, program_id, no, kind, title, lead_agency, people, start_date, deadline, "        \
      "document_no FROM program_item WHERE program_id = ?1 ORDER BY id")                           \
    X(STMT_PROGRAM_ITEM_CHANGES,                                                                   \
      "SELECT s.item_id, s.date, s.status FROM program_item_status s "                             \
      "JOIN program_item i ON i.id = s.item_id WHERE i.program_id = ?1 "                           \
      "ORDER BY s.item_id, s.date")                                                                \
    X(STMT_PROGRAM_ITEM_HISTORY,                                                                   \
      "SELECT date, status FROM program_item_status WHERE item_id = ?1 ORDER BY date")             \
    X(STMT_PROGRAM_STATUS_INSERT,                                                                  \
      "INSERT INTO program_item_status(item_id, date, status, note, document_no) "                 \
      "VALUES(?1, ?2, ?3, ?4, ?5)")                                                                \
    X(STMT_INDICATOR_INSERT,                                                                       \
      "INSERT INTO indicator(code, name, org_id, source, unit) VALUES(?1, ?2, ?3, ?4, ?5)")        \
    X(STMT_INDICATOR_BY_ID,                                                                        \
      "SELECT id, code, name, org_id, source, unit FROM indicator WHERE id = ?1")                  \
    X(STMT_INDICATOR_BY_CODE,                                                                      \
      "SELECT id, code, name, org_id, source, unit FROM indicator WHERE code = ?1")                \
    X(STMT_INDICATOR_LIST,                                                                         \
      "SELECT id, code, name, org_id, source, unit FROM indicator ORDER BY code")                  \
    X(STMT_INDICATOR_FIGURE_GET,                                                                   \
      "SELECT value FROM indicator_figure WHERE indicator_id = ?1 AND what = ?2 "                  \
      "AND period_from = ?3 AND period_to = ?4")                                                   \
    X(STMT_INDICATOR_FIGURE_SET,                                                                   \
      "INSERT INTO indicator_figure(indicator_id, what, period_from, period_to, value, note) "     \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(indicator_id, what, period_from, period_to) "    \
      "DO UPDATE SET value = excluded.value, note = excluded.note")                                \
    X(STMT_INDICATOR_ADMISSIONS,                                                                   \
      "SELECT org_id FROM member_event WHERE kind = ?1 AND COALESCE(decision_date, date) >= ?2 "   \
      "AND COALESCE(decision_date, date) <= ?3 AND org_id IS NOT NULL")                            \
    X(STMT_INDICATOR_NEW_ORGS, "SELECT id FROM org WHERE created_on >= ?1 AND created_on <= ?2")   \
    X(STMT_MEETING_INSERT,                                                                         \
      "INSERT INTO meeting(org_id, date, kind, topic) VALUES(?1, ?2, ?3, ?4)")                     \
    X(STMT_MEETING_ATTENDEE_INSERT,                                                                \
      "INSERT INTO meeting_attendee(meeting_id, member_id, role) VALUES(?1, ?2, ?3)")              \
    X(STMT_MEETING_REGISTERED,                                                                     \
      "SELECT 1 FROM member_stint WHERE member_id = ?1 AND org_id = ?2 AND kind = 0 "              \
      "AND valid_from <= ?3 AND valid_to > ?3 LIMIT 1")                                            \
    X(STMT_MEETING_LIST,                                                                           \
      "SELECT m.id, m.org_id, m.date, m.kind, m.topic, "                                           \
      "(SELECT COUNT(*) FROM meeting_attendee a WHERE a.meeting_id = m.id AND a.role = 0), "       \
      "(SELECT COUNT(*) FROM meeting_attendee a WHERE a.meeting_id = m.id AND a.role = 1) "        \
      "FROM meeting m WHERE m.org_id = ?1 AND m.date >= ?2 AND m.date <= ?3 ORDER BY m.date, "     \
      "m.id")                                                                                      \
    X(STMT_ATTENDANCE_INSERT,                                                                      \
      "INSERT INTO attendance_assignment(member_id, org_id, valid_from, valid_to, decision_no) "   \
      "VALUES(?1, ?2, ?3, ?4, ?5)")                                                                \
    X(STMT_ATTENDANCE_OVERLAPPING,                                                                 \
      "SELECT id, member_id, org_id, valid_from, valid_to FROM attendance_assignment "             \
      "WHERE valid_from < ?2 AND valid_to > ?1 ORDER BY org_id, member_id, valid_from")            \
    X(STMT_ATTENDANCE_VISITS,                                                                      \
      "SELECT a.member_id, m.org_id, m.date FROM meeting_attendee a "                              \
      "JOIN meeting m ON m.id = a.meeting_id WHERE m.date >= ?1 AND m.date < ?2")                  \
    X(STMT_RESIDENTIAL_INSERT,                                                                     \
      "INSERT INTO residential_unit(code, name, kind, commune_org_id, valid_from) "                \
      "VALUES(?1, ?2, ?3, ?4, ?5)")                                                                \
    X(STMT_RESIDENTIAL_BY_CODE,                                                                    \
      "SELECT id, code, name, kind, commune_org_id, valid_from, valid_to FROM residential_unit "   \
      "WHERE code = ?1")                                                                           \
    X(STMT_RESIDENTIAL_ALIVE,                                                                      \
      "SELECT u.id, u.commune_org_id, (SELECT l.org_id FROM residential_link l "                   \
      "WHERE l.unit_id = u.id AND l.valid_from <= ?1 AND l.valid_to > ?1) FROM residential_unit "  \
      "u "                                                                                         \
      "WHERE u.valid_from <= ?1 AND u.valid_to > ?1 ORDER BY u.id")                                \
    X(STMT_RESIDENTIAL_LAST_LINK, "SELECT valid_from FROM residential_link WHERE unit_id = ?1 "    \
                                  "ORDER BY valid_from DESC LIMIT 1")                              \
    X(STMT_RESIDENTIAL_LINK_CLOSE,                                                                 \
      "UPDATE residential_link SET valid_to = ?2 WHERE unit_id = ?1 AND valid_to = '9999-12-31'")  \
    X(STMT_RESIDENTIAL_LINK_INSERT,                                                                \
      "INSERT INTO residential_link(unit_id, org_id, valid_from, decision_no) "                    \
      "VALUES(?1, ?2, ?3, ?4)")                                                                    \
    X(STMT_ATTENDANCE_SAME,                                                                        \
      "SELECT 1 FROM attendance_assignment WHERE member_id = ?1 AND org_id = ?2 "                  \
      "AND valid_from < ?4 AND valid_to > ?3 LIMIT 1")

#endif
