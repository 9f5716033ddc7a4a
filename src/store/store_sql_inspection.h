/*
 * store_sql_inspection.h - the statements of store_inspection.c (inspections, supervision,
 * discipline, appeals) and of store_complaint.c (letters, their identities, permissions), part of
 * the one statement table (store_sql.h).
 */
#ifndef TCXD_STORE_SQL_INSPECTION_H
#define TCXD_STORE_SQL_INSPECTION_H

#define INSPECTION_STATEMENTS(X)                                                                   \
    X(STMT_INSPECTION_INSERT,                                                                      \
      "INSERT INTO inspection(kind, body, body_org_id, team, areas, start_date, end_date, "        \
      "decision_no, plan_item_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")                     \
    X(STMT_INSPECTION_SUBJECT_INSERT,                                                              \
      "INSERT INTO inspection_subject(inspection_id, org_id, member_id) VALUES(?1, ?2, ?3)")       \
    X(STMT_INSPECTION_TEAM_INSERT,                                                                 \
      "INSERT INTO inspection_team_member(inspection_id, name, role) VALUES(?1, ?2, ?3)")          \
    X(STMT_INSPECTION_GET,                                                                         \
      "SELECT id, kind, body, body_org_id, team, areas, start_date, end_date, concluded_on, "      \
      "conclusion, findings, follow_up, decision_no, plan_item_id FROM inspection WHERE id = ?1")  \
    X(STMT_INSPECTION_CONCLUDE,                                                                    \
      "UPDATE inspection SET concluded_on = ?2, conclusion = ?3, findings = ?4, follow_up = ?5, "  \
      "end_date = COALESCE(end_date, ?2) WHERE id = ?1")                                           \
    X(STMT_INSPECTION_IN_PERIOD,                                                                   \
      "SELECT id, kind, body, body_org_id, team, areas, start_date, end_date, concluded_on, "      \
      "conclusion, findings, follow_up, decision_no, plan_item_id FROM inspection "                \
      "WHERE start_date >= ?1 AND start_date <= ?2 ORDER BY start_date, id")                       \
    X(STMT_PLAN_ITEM_INSERT,                                                                       \
      "INSERT INTO inspection_plan_item(body_org_id, year, kind, body, areas, planned_orgs, "      \
      "planned_members, month, title) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")                 \
    X(STMT_PLAN_ITEM_GET,                                                                          \
      "SELECT id, body_org_id, year, kind, body, areas, planned_orgs, planned_members, month, "    \
      "title, (SELECT COUNT(*) FROM inspection i WHERE i.plan_item_id = p.id) "                    \
      "FROM inspection_plan_item p WHERE id = ?1")                                                 \
    X(STMT_PLAN_ITEMS_OF_YEAR,                                                                     \
      "SELECT id, body_org_id, year, kind, body, areas, planned_orgs, planned_members, month, "    \
      "title, (SELECT COUNT(*) FROM inspection i WHERE i.plan_item_id = p.id) "                    \
      "FROM inspection_plan_item p WHERE year = ?1 ORDER BY body_org_id, month, id")               \
    X(STMT_INSPECTION_SUBJECTS,                                                                    \
      "SELECT org_id, member_id FROM inspection_subject WHERE inspection_id = ?1")                 \
    X(STMT_MEMBER_REGISTERED_ON,                                                                   \
      "SELECT org_id FROM member_stint WHERE member_id = ?1 AND kind = 0 AND valid_from <= ?2 "    \
      "AND valid_to > ?2 LIMIT 1")                                                                 \
    X(STMT_DISCIPLINE_INSERT,                                                                      \
      "INSERT INTO discipline(org_id, member_id, subject_org_id, form, violation_date, "           \
      "decision_date, announced_on, deciding_org_id, decision_no, reason, inspection_id) "         \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")                                      \
    X(STMT_DISCIPLINE_GET,                                                                         \
      "SELECT id, org_id, member_id, subject_org_id, form, violation_date, decision_date, "        \
      "announced_on, deciding_org_id, decision_no, reason, inspection_id FROM discipline "         \
      "WHERE id = ?1")                                                                             \
    X(STMT_DISCIPLINE_IN_PERIOD,                                                                   \
      "SELECT id, org_id, member_id, subject_org_id, form, violation_date, decision_date, "        \
      "announced_on, deciding_org_id, decision_no, reason, inspection_id FROM discipline "         \
      "WHERE decision_date >= ?1 AND decision_date <= ?2 ORDER BY decision_date, id")              \
    X(STMT_APPEAL_INSERT,                                                                          \
      "INSERT INTO discipline_appeal(discipline_id, lodged_on, result, result_form, decided_on, "  \
      "decision_no) VALUES(?1, ?2, ?3, ?4, ?5, ?6)")                                               \
    X(STMT_APPEAL_LAST,                                                                            \
      "SELECT result, result_form, decided_on FROM discipline_appeal WHERE discipline_id = ?1 "    \
      "AND result <> 0 ORDER BY decided_on DESC, id DESC LIMIT 1")                                 \
    X(STMT_DISCIPLINE_OF_SUBJECT,                                                                  \
      "SELECT id, form, decision_date, announced_on FROM discipline WHERE (org_id = ?1 OR "        \
      "member_id = ?2) AND decision_date <= ?3 ORDER BY decision_date, id")                        \
    X(STMT_APPEAL_LAST_ON,                                                                         \
      "SELECT result, result_form, decided_on FROM discipline_appeal WHERE discipline_id = ?1 "    \
      "AND result <> 0 AND decided_on <= ?2 ORDER BY decided_on DESC, id DESC LIMIT 1")            \
    X(STMT_DISCIPLINE_EVENTS_OF_MEMBER,                                                            \
      "SELECT date, form FROM member_event WHERE member_id = ?1 AND kind = ?2 AND date <= ?3 "     \
      "ORDER BY date")                                                                             \
    X(STMT_DISCIPLINE_RECORDED_ON,                                                                 \
      "SELECT 1 FROM discipline WHERE member_id = ?1 AND decision_date = ?2 LIMIT 1")              \
    X(STMT_APPEAL_RAISED_ON,                                                                       \
      "SELECT 1 FROM discipline_appeal a JOIN discipline d ON d.id = a.discipline_id "             \
      "WHERE d.member_id = ?1 AND a.decided_on = ?2 AND a.result = ?3 AND a.result_form = ?4 "     \
      "LIMIT 1")                                                                                   \
    X(STMT_DISCIPLINE_OF_EVENT,                                                                    \
      "SELECT id FROM discipline WHERE member_id = ?1 AND decision_date = ?2 AND form = ?3 "       \
      "ORDER BY id LIMIT 1")                                                                       \
    X(STMT_DEGRADATION_PUT,                                                                        \
      "INSERT OR REPLACE INTO degradation_check(member_id, year, org_id, levels, concluded, "      \
      "recorded_on) VALUES(?1, ?2, ?3, ?4, ?5, ?6)")                                               \
    X(STMT_DEGRADATION_GET,                                                                        \
      "SELECT org_id, levels, concluded, recorded_on FROM degradation_check WHERE member_id = ?1 " \
      "AND year = ?2")                                                                             \
    X(STMT_DEGRADATION_YEAR,                                                                       \
      "SELECT member_id, org_id, levels, concluded FROM degradation_check WHERE year = ?1 "        \
      "ORDER BY org_id, member_id")                                                                \
    X(STMT_COMPLAINT_INSERT,                                                                       \
      "INSERT INTO complaint(kind, channel, level, handling_org_id, received_on, "                 \
      "subject_org_id, subject_member_id, discipline_id, areas, summary, named) VALUES(?1, "       \
      "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")                                                 \
    X(STMT_COMPLAINT_IDENTITY_INSERT,                                                              \
      "INSERT INTO complaint_identity(complaint_id, name, address, contact) VALUES(?1, ?2, "       \
      "?3, ?4)")                                                                                   \
    X(STMT_COMPLAINT_IDENTITY_GET,                                                                 \
      "SELECT name, address, contact FROM complaint_identity WHERE complaint_id = ?1")             \
    X(STMT_COMPLAINT_GET,                                                                          \
      "SELECT id, kind, channel, level, handling_org_id, received_on, subject_org_id, "            \
      "subject_member_id, discipline_id, areas, summary, named, classification, "                  \
      "classified_on, class_note, assignee, assigned_on, extension_days, extended_on, "            \
      "result, resolved_on, resolution, notified_on, notice_no FROM complaint WHERE id = ?1")      \
    X(STMT_COMPLAINT_IN_PERIOD,                                                                    \
      "SELECT id, kind, channel, level, handling_org_id, received_on, subject_org_id, "            \
      "subject_member_id, discipline_id, areas, summary, named, classification, "                  \
      "classified_on, class_note, assignee, assigned_on, extension_days, extended_on, "            \
      "result, resolved_on, resolution, notified_on, notice_no FROM complaint WHERE "              \
      "received_on >= ?1 AND received_on <= ?2 ORDER BY received_on, id")                          \
    X(STMT_COMPLAINT_CLASSIFY,                                                                     \
      "UPDATE complaint SET classification = ?2, classified_on = ?3, class_note = ?4 WHERE "       \
      "id = ?1")                                                                                   \
    X(STMT_COMPLAINT_ASSIGN, "UPDATE complaint SET assignee = ?2, assigned_on = ?3 WHERE id = ?1") \
    X(STMT_COMPLAINT_EXTEND,                                                                       \
      "UPDATE complaint SET extension_days = ?2, extended_on = ?3 WHERE id = ?1")                  \
    X(STMT_COMPLAINT_RESOLVE,                                                                      \
      "UPDATE complaint SET result = ?2, resolved_on = ?3, resolution = ?4 WHERE id = ?1")         \
    X(STMT_COMPLAINT_NOTIFY,                                                                       \
      "UPDATE complaint SET notified_on = ?2, notice_no = ?3 WHERE id = ?1")                       \
    X(STMT_PERMISSION_HAS,                                                                         \
      "SELECT 1 FROM user_permission WHERE username = ?1 AND permission = ?2")                     \
    X(STMT_PERMISSION_GRANT,                                                                       \
      "INSERT OR IGNORE INTO user_permission(username, permission) VALUES(?1, ?2)")                \
    X(STMT_PERMISSION_REVOKE,                                                                      \
      "DELETE FROM user_permission WHERE username = ?1 AND permission = ?2")                       \
    X(STMT_PERMISSION_LIST,                                                                        \
      "SELECT permission FROM user_permission WHERE username = ?1 ORDER BY permission")

#endif
