/*
 * store_sql_cadre.h - the statements of store_cadre.c (cadre work, migration 0070), part of the
 * one statement table: store_sql.h includes this list in STORE_STATEMENTS' enum.
 */
#ifndef TCXD_STORE_SQL_CADRE_H
#define TCXD_STORE_SQL_CADRE_H

#define CADRE_COLS                                                                                 \
    "c.id, c.member_id, c.full_name, c.gender, c.birth_date, c.ethnicity, c.religion, c.prof, "    \
    "c.academic, c.theory, c.mgmt, c.org_id, c.work_start, c.retiring_on"
#define CADRE_HOLDING_COLS                                                                         \
    "h.id, h.cadre_id, h.position_id, h.from_date, h.to_date, h.term_end, h.decision_no, "         \
    "p.org_id, p.title, p.sector, p.level, p.name, c.full_name"

#define CADRE_POSITION_COLS "id, org_id, title, sector, level, name, post, tier, leader"

#define CADRE_STATEMENTS(X)                                                                        \
    X(STMT_CADRE_INSERT,                                                                           \
      "INSERT INTO cadre(member_id, full_name, gender, birth_date, ethnicity, religion, prof, "    \
      "academic, theory, mgmt, org_id, work_start) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "    \
      "?10, ?11, ?12)")                                                                            \
    X(STMT_CADRE_GET, "SELECT " CADRE_COLS " FROM cadre c WHERE c.id = ?1")                        \
    X(STMT_CADRE_BY_MEMBER, "SELECT id FROM cadre WHERE member_id = ?1")                           \
    X(STMT_CADRE_LIST, "SELECT " CADRE_COLS " FROM cadre c ORDER BY c.full_name, c.id")            \
    X(STMT_CADRE_SET_RETIRING, "UPDATE cadre SET retiring_on = ?2 WHERE id = ?1")                  \
    X(STMT_CADRE_DISCIPLINES,                                                                      \
      "SELECT date, form FROM member_event WHERE member_id = ?1 AND kind = ?2 ORDER BY date")      \
    X(STMT_CADRE_TERM_INSERT, "INSERT INTO cadre_term(org_id, label, from_date, to_date, tier) "   \
                              "VALUES(?1, ?2, ?3, ?4, ?5)")                                        \
    X(STMT_CADRE_TERM_OVERLAP,                                                                     \
      "SELECT label FROM cadre_term WHERE org_id = ?1 AND from_date < ?3 AND ?2 < to_date")        \
    X(STMT_CADRE_TERM_ON, "SELECT id, org_id, label, from_date, to_date, tier FROM cadre_term "    \
                          "WHERE org_id = ?1 AND from_date <= ?2 AND ?2 < to_date")                \
    X(STMT_CADRE_TERM_GET,                                                                         \
      "SELECT id, org_id, label, from_date, to_date, tier FROM cadre_term WHERE id = ?1")          \
    X(STMT_CADRE_SEAT_INSERT,                                                                      \
      "INSERT INTO cadre_seat(term_id, cadre_id, role, join_kind, from_date, to_date, "            \
      "decision_no) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")                                           \
    X(STMT_CADRE_SEATS_OF_TERM,                                                                    \
      "SELECT cadre_id, role, join_kind, from_date, to_date, id FROM cadre_seat "                  \
      "WHERE term_id = ?1")                                                                        \
    X(STMT_CADRE_SEAT_GET, "SELECT term_id, from_date, to_date FROM cadre_seat WHERE id = ?1")     \
    X(STMT_CADRE_SEAT_END, "UPDATE cadre_seat SET to_date = ?2, leave_reason = ?3 WHERE id = ?1")  \
    X(STMT_CADRE_COMMITTEE_ON,                                                                     \
      "SELECT s.id, s.term_id, s.cadre_id, s.role, s.join_kind, s.from_date, s.to_date, "          \
      "s.leave_reason, c.full_name, s.decision_no FROM cadre_seat s "                              \
      "JOIN cadre c ON c.id = s.cadre_id WHERE s.term_id = ?1 AND s.from_date <= ?2 "              \
      "AND ?2 < s.to_date ORDER BY s.role, c.full_name, s.id")                                     \
    X(STMT_CADRE_POSITION_INSERT,                                                                  \
      "INSERT INTO cadre_position(org_id, title, sector, level, name, post, tier, leader) "        \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")                                                    \
    X(STMT_CADRE_POSITION_GET, "SELECT " CADRE_POSITION_COLS " FROM cadre_position WHERE id = ?1") \
    X(STMT_CADRE_POSITION_LIST,                                                                    \
      "SELECT " CADRE_POSITION_COLS " FROM cadre_position ORDER BY name, id")                      \
    X(STMT_CADRE_POSITION_BY_NAME,                                                                 \
      "SELECT id FROM cadre_position WHERE org_id = ?1 AND name = ?2")                             \
    X(STMT_CADRE_APPOINT_INSERT,                                                                   \
      "INSERT INTO cadre_appointment(cadre_id, position_id, kind, date, term_end, decision_no, "   \
      "outside) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")                                               \
    X(STMT_CADRE_HOLDINGS_OF_POSITION,                                                             \
      "SELECT cadre_id, position_id, from_date, to_date, term_end, id FROM cadre_holding "         \
      "WHERE position_id = ?1")                                                                    \
    X(STMT_CADRE_HOLDING_OPEN,                                                                     \
      "SELECT id, from_date, to_date FROM cadre_holding WHERE cadre_id = ?1 AND position_id = ?2 " \
      "AND from_date <= ?3 AND ?3 < to_date")                                                      \
    X(STMT_CADRE_HOLDING_INSERT,                                                                   \
      "INSERT INTO cadre_holding(cadre_id, position_id, from_date, to_date, term_end, "            \
      "decision_no, appointment_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")                           \
    X(STMT_CADRE_HOLDING_SET_END, "UPDATE cadre_holding SET to_date = ?2 WHERE id = ?1")           \
    X(STMT_CADRE_HOLDINGS_OF_CADRE,                                                                \
      "SELECT " CADRE_HOLDING_COLS " FROM cadre_holding h "                                        \
      "JOIN cadre_position p ON p.id = h.position_id JOIN cadre c ON c.id = h.cadre_id "           \
      "WHERE h.cadre_id = ?1 ORDER BY h.from_date, h.id")                                          \
    X(STMT_CADRE_HOLDINGS_DUE,                                                                     \
      "SELECT " CADRE_HOLDING_COLS " FROM cadre_holding h "                                        \
      "JOIN cadre_position p ON p.id = h.position_id JOIN cadre c ON c.id = h.cadre_id "           \
      "WHERE h.from_date <= ?1 AND ?1 < h.to_date AND h.term_end IS NOT NULL "                     \
      "AND h.term_end <= ?2 ORDER BY h.term_end, c.full_name, h.id")                               \
    X(STMT_CADRE_SEATS_OF_ROLE_ON,                                                                 \
      "SELECT t.org_id, s.cadre_id FROM cadre_seat s JOIN cadre_term t ON t.id = s.term_id "       \
      "WHERE s.role = ?1 AND s.from_date <= ?2 AND ?2 < s.to_date ORDER BY t.org_id")              \
    X(STMT_CADRE_HOLDS_TITLE_ON,                                                                   \
      "SELECT 1 FROM cadre_holding h JOIN cadre_position p ON p.id = h.position_id "               \
      "WHERE h.cadre_id = ?1 AND p.org_id = ?2 AND p.title = ?3 AND h.from_date <= ?4 "            \
      "AND ?4 < h.to_date")                                                                        \
    X(STMT_CADRE_PLAN_OF_TERM,                                                                     \
      "SELECT cadre_id, position_id, level, added_on, removed_on FROM cadre_plan WHERE term = ?1") \
    X(STMT_CADRE_PLAN_INSERT,                                                                      \
      "INSERT INTO cadre_plan(term, position_id, cadre_id, level, added_on, removed_on) "          \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6)")                                                            \
    X(STMT_CADRE_PLAN_GET,                                                                         \
      "SELECT p.position_id, p.cadre_id, p.added_on, p.removed_on, pos.org_id FROM cadre_plan p "  \
      "JOIN cadre_position pos ON pos.id = p.position_id WHERE p.id = ?1")                         \
    X(STMT_CADRE_PLAN_REMOVE,                                                                      \
      "UPDATE cadre_plan SET removed_on = ?2, removed_reason = ?3 WHERE id = ?1")                  \
    X(STMT_CADRE_PLAN_ACTIVE,                                                                      \
      "SELECT id FROM cadre_plan WHERE cadre_id = ?1 AND (?2 = 0 OR position_id = ?2) "            \
      "AND added_on <= ?3 AND ?3 < removed_on")                                                    \
    X(STMT_CADRE_PLAN_LIST,                                                                        \
      "SELECT p.id, p.term, p.position_id, p.cadre_id, p.level, p.added_on, p.removed_on, "        \
      "p.removed_reason, c.full_name, c.gender, c.birth_date, pos.org_id FROM cadre_plan p "       \
      "JOIN cadre c ON c.id = p.cadre_id JOIN cadre_position pos ON pos.id = p.position_id "       \
      "WHERE p.term = ?1 AND (?2 = 0 OR p.position_id = ?2) "                                      \
      "AND p.added_on <= ?3 AND ?3 < p.removed_on ORDER BY p.position_id, p.added_on, p.id")       \
    X(STMT_CADRE_MOVE_INSERT,                                                                      \
      "INSERT INTO cadre_move(cadre_id, kind, direction, date, until_date, from_text, to_org_id, " \
      "decision_no) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")                                       \
    X(STMT_CADRE_TRAINING_INSERT,                                                                  \
      "INSERT INTO cadre_training(cadre_id, programme, mode, from_date, to_date, institution) "    \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6)")                                                            \
    X(STMT_CADRE_VOTE_SESSION_INSERT, "INSERT INTO cadre_vote_session(org_id, held_on, year, "     \
                                      "convened, present, issued, returned) "                      \
                                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")                        \
    X(STMT_CADRE_VOTE_SESSION_GET,                                                                 \
      "SELECT id, org_id, held_on, year, convened, present, issued, returned "                     \
      "FROM cadre_vote_session WHERE id = ?1")                                                     \
    X(STMT_CADRE_VOTE_SESSION_LIST,                                                                \
      "SELECT id, org_id, held_on, year, convened, present, issued, returned "                     \
      "FROM cadre_vote_session WHERE ?1 = 0 OR year = ?1 ORDER BY held_on DESC, id DESC")          \
    X(STMT_CADRE_VOTE_EXISTS,                                                                      \
      "SELECT 1 FROM cadre_vote WHERE session_id = ?1 AND cadre_id = ?2 AND position_id = ?3")     \
    X(STMT_CADRE_VOTE_INSERT,                                                                      \
      "INSERT INTO cadre_vote(session_id, cadre_id, position_id, high, medium, low, excluded) "    \
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")                                                        \
    X(STMT_CADRE_VOTE_RESULTS,                                                                     \
      "SELECT v.cadre_id, v.position_id, v.high, v.medium, v.low, v.excluded, c.full_name, "       \
      "p.name FROM cadre_vote v JOIN cadre c ON c.id = v.cadre_id "                                \
      "JOIN cadre_position p ON p.id = v.position_id WHERE v.session_id = ?1 "                     \
      "ORDER BY c.full_name, p.name")                                                              \
    X(STMT_CADRE_VOTES_OF_CADRE,                                                                   \
      "SELECT s.id, s.held_on, s.year, s.convened, s.present, s.issued, s.returned, v.high, "      \
      "v.medium, v.low, v.excluded, v.position_id FROM cadre_vote v "                              \
      "JOIN cadre_vote_session s ON s.id = v.session_id WHERE v.cadre_id = ?1 "                    \
      "ORDER BY s.held_on DESC, s.id DESC")                                                        \
    X(STMT_CADRE_APPOINTS_IN,                                                                      \
      "SELECT a.cadre_id, p.org_id FROM cadre_appointment a "                                      \
      "JOIN cadre_position p ON p.id = a.position_id WHERE a.date >= ?1 AND a.date <= ?2")         \
    X(STMT_CADRE_APPOINT_EVENTS,                                                                   \
      "SELECT a.cadre_id, p.org_id, a.kind, a.date, a.position_id FROM cadre_appointment a "       \
      "JOIN cadre_position p ON p.id = a.position_id WHERE a.date >= ?1 AND a.date <= ?2 "         \
      "ORDER BY a.date, a.id")                                                                     \
    X(STMT_CADRE_MOVE_EVENTS,                                                                      \
      "SELECT cadre_id, to_org_id, kind, direction, date, until_date FROM cadre_move "             \
      "WHERE date >= ?1 AND date <= ?2 ORDER BY date, id")                                         \
    X(STMT_CADRE_MOVES_IN,                                                                         \
      "SELECT cadre_id, to_org_id FROM cadre_move WHERE date >= ?1 AND date <= ?2 AND kind <> ?3") \
    X(STMT_CADRE_ADDS_IN,                                                                          \
      "SELECT s.cadre_id, t.org_id FROM cadre_seat s JOIN cadre_term t ON t.id = s.term_id "       \
      "WHERE s.from_date >= ?1 AND s.from_date <= ?2 AND s.join_kind <> ?3")                       \
    X(STMT_CADRE_POST_HOLDINGS_ON,                                                                 \
      "SELECT h.cadre_id, p.org_id, p.title, p.post, p.tier FROM cadre_holding h "                 \
      "JOIN cadre_position p ON p.id = h.position_id WHERE h.from_date <= ?1 AND ?1 < h.to_date")  \
    X(STMT_CADRE_POST_SEATS_ON,                                                                    \
      "SELECT s.cadre_id, t.org_id, s.role, t.tier FROM cadre_seat s "                             \
      "JOIN cadre_term t ON t.id = s.term_id WHERE s.from_date <= ?1 AND ?1 < s.to_date")          \
    X(STMT_CADRE_POST_PLANS_ON,                                                                    \
      "SELECT pl.cadre_id, p.org_id, p.title, p.post, p.tier FROM cadre_plan pl "                  \
      "JOIN cadre_position p ON p.id = pl.position_id "                                            \
      "WHERE pl.added_on <= ?1 AND ?1 < pl.removed_on ORDER BY pl.id")                             \
    X(STMT_CADRE_LEADER_HOLDINGS,                                                                  \
      "SELECT p.title, p.post, p.leader FROM cadre_holding h "                                     \
      "JOIN cadre_position p ON p.id = h.position_id "                                             \
      "WHERE h.cadre_id = ?1 AND h.from_date <= ?2 AND ?2 < h.to_date")                            \
    X(STMT_CADRE_LEADER_SEAT,                                                                      \
      "SELECT 1 FROM cadre_seat WHERE cadre_id = ?1 AND from_date <= ?2 AND ?2 < to_date LIMIT 1")

#endif
