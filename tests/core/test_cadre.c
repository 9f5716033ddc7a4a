/*
 * test_cadre.c - the rules of cadre work (core/cadre.h), table by table with their boundaries:
 * committee seats, single-holder posts, planning limits, discipline delays, the 90 working days,
 * vote thresholds and quorum, exclusions, rotation, training modes, the leave support and the
 * board's sentence.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/cadre.h"
#include "core/tree.h"

static tcxd_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static void test_names(void **state)
{
    (void)state;
    struct tcxd_error e;
    enum committee_role r;
    assert_int_equal(committee_role_parse("Bí thư", &r, &e), TCXD_OK);
    assert_int_equal(r, CROLE_SECRETARY);
    assert_int_equal(committee_role_parse("inspection-chair", &r, &e), TCXD_OK);
    assert_int_equal(r, CROLE_INSPECTION_CHAIR);
    assert_int_equal(committee_role_parse("chu tich", &r, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "role");
    assert_non_null(strstr(e.msg, "secretary"));
    enum move_direction d;
    assert_int_equal(move_direction_parse("Xã này sang xã khác", &d, &e), TCXD_OK);
    assert_int_equal(d, MDIR_XA_XA);
    assert_string_equal(position_title_name(PT_CHU_TICH_UBND), "chu_tich_ubnd");
    assert_string_equal(vote_outcome_name((enum vote_outcome)99), "?");
    /* every value of every table has a name and a label */
    for (int i = 0; i < VOTE_OUTCOME__MAX; i++)
        assert_string_not_equal(vote_outcome_label((enum vote_outcome)i), "?");
    for (int i = 0; i < TRAIN__MAX; i++)
        assert_string_not_equal(training_programme_label((enum training_programme)i), "?");
    for (int i = 0; i < MDIR__MAX; i++)
        assert_string_not_equal(move_direction_name((enum move_direction)i), "?");
}

static void test_attributes(void **state)
{
    (void)state;
    /* the 40th birthday is still "40 and under"; the day after the 41st starts... the band is by
       completed years: 40 years and 364 days is still 40 */
    tcxd_date b = D(1980, 6, 15);
    assert_int_equal(cadre_age_band(b, D(2020, 6, 15)), 0);
    assert_int_equal(cadre_age_band(b, D(2021, 6, 14)), 0);
    assert_int_equal(cadre_age_band(b, D(2021, 6, 15)), 1);
    assert_int_equal(cadre_age_band(b, D(2031, 6, 14)), 1);
    assert_int_equal(cadre_age_band(b, D(2031, 6, 15)), 2);
    assert_int_equal(cadre_age_band(DATE_NONE, D(2031, 6, 15)), -1);
    assert_false(cadre_ethnicity_minority("Kinh"));
    assert_false(cadre_ethnicity_minority(" kinh "));
    assert_false(cadre_ethnicity_minority(""));
    assert_true(cadre_ethnicity_minority("Tày"));
    assert_true(cadre_ethnicity_minority("Mường"));
}

static void test_committee_seats(void **state)
{
    (void)state;
    struct tcxd_error e;
    tcxd_date t0 = D(2020, 10, 15), t1 = D(2025, 10, 15);
    struct committee_seat held[] = {
        {1, CROLE_SECRETARY, CJOIN_CONGRESS, t0, D(2022, 3, 1)},
        {1, CROLE_EXECUTIVE, CJOIN_CONGRESS, t0, t1},
        {2, CROLE_EXECUTIVE, CJOIN_CONGRESS, t0, t1},
        {3, CROLE_EXECUTIVE, CJOIN_DESIGNATED, D(2021, 5, 1), t1},
    };
    /* a second secretary while the first still is; the day the first leaves, allowed */
    struct committee_seat s = {2, CROLE_SECRETARY, CJOIN_ELECTED_ADD, D(2022, 2, 28), t1};
    assert_int_equal(committee_seat_check(t0, t1, held, 4, &s, &e), TCXD_ERULE);
    assert_string_equal(e.field, "role");
    s.from = D(2022, 3, 1);
    assert_int_equal(committee_seat_check(t0, t1, held, 4, &s, &e), TCXD_OK);
    /* the same cadre in the same role twice */
    struct committee_seat dup = {2, CROLE_EXECUTIVE, CJOIN_ELECTED_ADD, D(2023, 1, 1), t1};
    assert_int_equal(committee_seat_check(t0, t1, held, 4, &dup, &e), TCXD_ECONFLICT);
    /* deputies: several at once */
    struct committee_seat dep1 = {2, CROLE_DEPUTY, CJOIN_CONGRESS, t0, t1};
    assert_int_equal(committee_seat_check(t0, t1, held, 4, &dep1, &e), TCXD_OK);
    /* congress seats start on the congress day; additions after it */
    struct committee_seat late = {4, CROLE_EXECUTIVE, CJOIN_CONGRESS, D(2020, 10, 16), t1};
    assert_int_equal(committee_seat_check(t0, t1, held, 4, &late, &e), TCXD_ERULE);
    assert_string_equal(e.field, "join");
    struct committee_seat early_add = {4, CROLE_EXECUTIVE, CJOIN_ELECTED_ADD, t0, t1};
    assert_int_equal(committee_seat_check(t0, t1, held, 4, &early_add, &e), TCXD_ERULE);
    early_add.from = t0 + 1;
    assert_int_equal(committee_seat_check(t0, t1, held, 4, &early_add, &e), TCXD_OK);
    /* ends before it starts; outside the term */
    struct committee_seat back = {4, CROLE_EXECUTIVE, CJOIN_ELECTED_ADD, D(2022, 1, 1),
                                  D(2022, 1, 1)};
    assert_int_equal(committee_seat_check(t0, t1, held, 4, &back, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "to");
    struct committee_seat after = {4, CROLE_EXECUTIVE, CJOIN_ELECTED_ADD, D(2022, 1, 1),
                                   D(2025, 10, 16)};
    assert_int_equal(committee_seat_check(t0, t1, held, 4, &after, &e), TCXD_ERULE);
    after.to = t1;
    assert_int_equal(committee_seat_check(t0, t1, held, 4, &after, &e), TCXD_OK);

    /* as of a date: the addition counts from its day, the secretary until the day he leaves */
    struct committee_count c;
    committee_count_on(held, 4, D(2021, 4, 30), &c);
    assert_int_equal(c.by_role[CROLE_EXECUTIVE], 2);
    assert_int_equal(c.by_role[CROLE_SECRETARY], 1);
    committee_count_on(held, 4, D(2021, 5, 1), &c);
    assert_int_equal(c.by_role[CROLE_EXECUTIVE], 3);
    committee_count_on(held, 4, D(2022, 3, 1), &c);
    assert_int_equal(c.by_role[CROLE_SECRETARY], 0);
    committee_count_on(held, 4, t1, &c);
    assert_int_equal(c.by_role[CROLE_EXECUTIVE], 0);
    assert_true(committee_join_is_addition(CJOIN_DESIGNATED));
    assert_true(committee_join_is_addition(CJOIN_ELECTED_ADD));
    assert_false(committee_join_is_addition(CJOIN_CONGRESS));
}

static void test_positions(void **state)
{
    (void)state;
    struct tcxd_error e;
    struct position_holding held[] = {
        {1, 10, D(2016, 7, 1), D(2021, 7, 1), D(2021, 7, 1)},
        {2, 11, D(2019, 1, 1), DATE_OPEN_END, D(2024, 1, 1)},
    };
    /* a chủ tịch UBND: one at a time; from the day the first leaves */
    struct position_holding h = {3, 10, D(2021, 6, 30), DATE_OPEN_END, DATE_NONE};
    assert_int_equal(position_holding_check(PT_CHU_TICH_UBND, held, 2, &h, &e), TCXD_ERULE);
    h.from = D(2021, 7, 1);
    assert_int_equal(position_holding_check(PT_CHU_TICH_UBND, held, 2, &h, &e), TCXD_OK);
    /* a deputy post takes several holders */
    h.from = D(2020, 1, 1);
    assert_int_equal(position_holding_check(PT_PHO_CHU_TICH_UBND, held, 2, &h, &e), TCXD_OK);
    /* the same cadre twice */
    struct position_holding again = {2, 11, D(2020, 1, 1), DATE_OPEN_END, DATE_NONE};
    assert_int_equal(position_holding_check(PT_CAP_PHO, held, 2, &again, &e), TCXD_ECONFLICT);
    /* an appointment ending before it starts: refused, with the field */
    struct position_holding back = {4, 12, D(2022, 1, 1), D(2021, 12, 31), DATE_NONE};
    assert_int_equal(position_holding_check(PT_CAP_PHO, held, 2, &back, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "to");
    back.to = DATE_OPEN_END;
    back.term_end = D(2022, 1, 1);
    assert_int_equal(position_holding_check(PT_CAP_PHO, held, 2, &back, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "term_end");
    assert_true(position_title_single(PT_BI_THU));
    assert_false(position_title_single(PT_PHO_BI_THU));

    struct buf b = BUF_INIT;
    cadre_share_text(96, 186, &b);
    assert_string_equal(b.ptr, "96/186 (51,6%)");
    buf_reset(&b);
    cadre_share_text(0, 0, &b);
    assert_string_equal(b.ptr, "0/0");
    buf_release(&b);
}

static void test_planning_limits(void **state)
{
    (void)state;
    struct tcxd_error e;
    tcxd_date a = D(2021, 3, 1);
    struct plan_entry held[] = {
        {1, 100, CADRE_MGMT_TINH, a, DATE_OPEN_END},  {2, 100, CADRE_MGMT_TINH, a, DATE_OPEN_END},
        {3, 100, CADRE_MGMT_TINH, a, D(2022, 6, 1)}, /* removed on 01/06/2022 */
        {1, 101, CADRE_MGMT_TINH, a, DATE_OPEN_END},  {1, 102, CADRE_MGMT_TINH, a, DATE_OPEN_END},
        {1, 200, CADRE_MGMT_HUYEN, a, DATE_OPEN_END},
    };
    /* a fourth cadre for position 100 while three are planned: refused */
    struct plan_entry add = {4, 100, CADRE_MGMT_TINH, D(2022, 5, 31), DATE_OPEN_END};
    assert_int_equal(plan_add_check(held, 6, &add, &e), TCXD_ERULE);
    assert_string_equal(e.field, "position");
    /* the day the third is removed: accepted */
    add.added = D(2022, 6, 1);
    assert_int_equal(plan_add_check(held, 6, &add, &e), TCXD_OK);
    /* cadre 1 in 3 positions at the provincial level: a fourth refused, another level fine */
    struct plan_entry more = {1, 103, CADRE_MGMT_TINH, D(2022, 1, 1), DATE_OPEN_END};
    assert_int_equal(plan_add_check(held, 6, &more, &e), TCXD_ERULE);
    assert_string_equal(e.field, "cadre");
    more.level = CADRE_MGMT_HUYEN;
    assert_int_equal(plan_add_check(held, 6, &more, &e), TCXD_OK);
    /* with only two of the three: the third is accepted */
    assert_int_equal(
        plan_add_check(held, 4,
                       &(struct plan_entry){1, 103, CADRE_MGMT_TINH, D(2022, 1, 1), DATE_OPEN_END},
                       &e),
        TCXD_OK);
    /* twice the same */
    struct plan_entry dup = {2, 100, CADRE_MGMT_TINH, D(2022, 1, 1), DATE_OPEN_END};
    assert_int_equal(plan_add_check(held, 6, &dup, &e), TCXD_ECONFLICT);
    /* every discipline form removes; a vote of more than half low too */
    for (int f = 0; f < DISCIPLINE__MAX; f++)
        assert_true(plan_removed_by_discipline((enum discipline_form)f));
    assert_true(vote_outcome_removes_from_planning(VOTE_OVER_HALF_LOW));
    assert_true(vote_outcome_removes_from_planning(VOTE_TWO_THIRDS_LOW));
    assert_false(vote_outcome_removes_from_planning(VOTE_NORMAL));
    assert_true(plan_entry_on(&held[2], D(2022, 5, 31)));
    assert_false(plan_entry_on(&held[2], D(2022, 6, 1)));
}

static void test_discipline_delays(void **state)
{
    (void)state;
    struct tcxd_error e;
    /* in force 12 months from its date */
    struct cadre_discipline kt = {DISCIPLINE_KHIEN_TRACH, D(2020, 3, 10)};
    assert_true(cadre_discipline_in_force(&kt, D(2020, 3, 10)));
    assert_true(cadre_discipline_in_force(&kt, D(2021, 3, 9)));
    assert_false(cadre_discipline_in_force(&kt, D(2021, 3, 10)));
    assert_false(cadre_discipline_in_force(&kt, D(2020, 3, 9)));
    struct cadre_discipline kh = {DISCIPLINE_KHAI_TRU, D(2020, 3, 10)};
    assert_true(cadre_discipline_in_force(&kh, D(2040, 1, 1)));

    struct appoint_facts f = {.kind = APPOINT_NEW,
                              .term_end = DATE_NONE,
                              .in_planning = true,
                              .higher_post = true,
                              .disc = &kt,
                              .ndisc = 1};
    /* khiển trách: 24 months before a higher post */
    f.date = D(2021, 3, 9);
    assert_int_equal(appoint_check(&f, &e), TCXD_ERULE); /* still in force */
    assert_string_equal(e.field, "discipline");
    f.date = D(2022, 3, 9);
    assert_int_equal(appoint_check(&f, &e), TCXD_ERULE);
    f.date = D(2022, 3, 10);
    assert_int_equal(appoint_check(&f, &e), TCXD_OK);
    /* not a higher post: once no longer in force */
    f.higher_post = false;
    f.date = D(2021, 3, 10);
    assert_int_equal(appoint_check(&f, &e), TCXD_OK);
    /* cảnh cáo 36, cách chức 60 */
    struct cadre_discipline cc = {DISCIPLINE_CANH_CAO, D(2019, 1, 31)};
    f.disc = &cc;
    f.higher_post = true;
    f.date = D(2022, 1, 30);
    assert_int_equal(appoint_check(&f, &e), TCXD_ERULE);
    f.date = D(2022, 1, 31);
    assert_int_equal(appoint_check(&f, &e), TCXD_OK);
    struct cadre_discipline cch = {DISCIPLINE_CACH_CHUC, D(2019, 1, 31)};
    f.disc = &cch;
    f.date = D(2024, 1, 30);
    assert_int_equal(appoint_check(&f, &e), TCXD_ERULE);
    f.date = D(2024, 1, 31);
    assert_int_equal(appoint_check(&f, &e), TCXD_OK);
    assert_int_equal(cadre_discipline_wait_months(DISCIPLINE_KHIEN_TRACH), 24);
    assert_int_equal(cadre_discipline_wait_months(DISCIPLINE_CANH_CAO), 36);
    assert_int_equal(cadre_discipline_wait_months(DISCIPLINE_CACH_CHUC), 60);
    /* a nomination follows the same delays */
    f.kind = APPOINT_NOMINATE;
    f.date = D(2024, 1, 30);
    assert_int_equal(appoint_check(&f, &e), TCXD_ERULE);
    /* a discipline after the decision does not count */
    struct cadre_discipline later = {DISCIPLINE_CANH_CAO, D(2024, 2, 1)};
    f.disc = &later;
    assert_int_equal(appoint_check(&f, &e), TCXD_OK);
}

static void test_appointment_conditions(void **state)
{
    (void)state;
    struct tcxd_error e;
    struct appoint_facts f = {.kind = APPOINT_NEW, .date = D(2023, 5, 1), .term_end = DATE_NONE};
    /* not in the planning */
    assert_int_equal(appoint_check(&f, &e), TCXD_ERULE);
    assert_string_equal(e.field, "planning");
    f.outside = true; /* planned for an equivalent post elsewhere */
    assert_int_equal(appoint_check(&f, &e), TCXD_OK);
    f.outside = false;
    f.in_planning = true;
    assert_int_equal(appoint_check(&f, &e), TCXD_OK);
    /* default term: 5 years */
    assert_int_equal(appoint_term_end(&f), D(2028, 5, 1));
    /* a term ending before it starts */
    f.term_end = D(2023, 5, 1);
    assert_int_equal(appoint_check(&f, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "term_end");
    /* reappointment: holding the post, no vote of two thirds low; planning not needed */
    struct appoint_facts r = {.kind = APPOINT_RE, .date = D(2023, 5, 1), .term_end = DATE_NONE};
    assert_int_equal(appoint_check(&r, &e), TCXD_ERULE);
    assert_string_equal(e.field, "post");
    r.holds_post = true;
    assert_int_equal(appoint_check(&r, &e), TCXD_OK);
    r.two_thirds_low = true;
    assert_int_equal(appoint_check(&r, &e), TCXD_ERULE);
    assert_string_equal(e.field, "vote");
    /* a nomination has no term of its own */
    struct appoint_facts n = {.kind = APPOINT_NOMINATE,
                              .date = D(2023, 5, 1),
                              .term_end = DATE_NONE,
                              .in_planning = true};
    assert_int_equal(appoint_term_end(&n), DATE_NONE);
}

static void test_ninety_working_days(void **state)
{
    (void)state;
    /* counted by hand: 90 working days before Wednesday 31/12/2025, skipping weekends and the
       National Day holidays Monday 01/09 and Tuesday 02/09/2025 (no weekend holiday, no swapped
       day in the window), is Monday 25/08/2025 */
    tcxd_date end = D(2025, 12, 31);
    tcxd_date by = reappoint_notice_by(end);
    assert_int_equal(by, D(2025, 8, 25));
    assert_int_equal(date_working_days_between(by, end), 90);
    /* on the notice day itself the notice is in time; the next day late */
    assert_int_equal(reappoint_state_on(end, by, 30), REAPPOINT_NOTICE_DUE);
    assert_int_equal(reappoint_state_on(end, by + 1, 30), REAPPOINT_LATE);
    assert_int_equal(reappoint_state_on(end, by - 30, 30), REAPPOINT_NOTICE_DUE);
    assert_int_equal(reappoint_state_on(end, by - 31, 30), REAPPOINT_LATER);
    assert_int_equal(reappoint_state_on(end, end - 1, 30), REAPPOINT_LATE);
    assert_int_equal(reappoint_state_on(end, end, 30), REAPPOINT_ENDED);
}

static void test_vote_session(void **state)
{
    (void)state;
    struct tcxd_error e;
    struct vote_session s = {30, 20, 20, 20};
    assert_int_equal(vote_session_check(&s, &e), TCXD_OK);
    /* quorum: 20 of 30 is exactly two thirds */
    assert_true(vote_quorum(&s));
    s.present = 19;
    assert_false(vote_quorum(&s));
    s.present = 20;
    /* more ballots returned than issued: refused with the field */
    struct vote_session bad = {30, 20, 18, 19};
    assert_int_equal(vote_session_check(&bad, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "returned");
    bad = (struct vote_session){30, 31, 18, 18};
    assert_int_equal(vote_session_check(&bad, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "present");
    bad = (struct vote_session){30, 20, 21, 18};
    assert_int_equal(vote_session_check(&bad, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "issued");
    bad = (struct vote_session){0, 0, 0, 0};
    assert_int_equal(vote_session_check(&bad, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "convened");
    /* a tally with more valid ballots than returned */
    struct vote_tally t = {10, 6, 5, VEX_NONE};
    assert_int_equal(vote_tally_check(&s, &t, &e), TCXD_EINVAL);
    t.low = 4;
    assert_int_equal(vote_tally_check(&s, &t, &e), TCXD_OK);
    struct vote_tally ex = {1, 0, 0, VEX_RETIRING};
    assert_int_equal(vote_tally_check(&s, &ex, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "excluded");
}

static void test_vote_thresholds(void **state)
{
    (void)state;
    /* thresholds over the ballots returned: 30 returned (of 40 issued: returned counts) */
    struct vote_session s = {45, 40, 40, 30};
    struct vote_tally t = {0, 0, 15, VEX_NONE};
    assert_int_equal(vote_outcome_of(&s, &t), VOTE_NORMAL); /* exactly half: not more */
    t.low = 16;
    assert_int_equal(vote_outcome_of(&s, &t), VOTE_OVER_HALF_LOW);
    t.low = 19;
    assert_int_equal(vote_outcome_of(&s, &t), VOTE_OVER_HALF_LOW);
    t.low = 20; /* exactly two thirds */
    assert_int_equal(vote_outcome_of(&s, &t), VOTE_TWO_THIRDS_LOW);
    /* an odd number: 31 returned, 16 is more than half, 20 below two thirds (20.67), 21 not */
    s.returned = 31;
    t.low = 15;
    assert_int_equal(vote_outcome_of(&s, &t), VOTE_NORMAL);
    t.low = 16;
    assert_int_equal(vote_outcome_of(&s, &t), VOTE_OVER_HALF_LOW);
    t.low = 20;
    assert_int_equal(vote_outcome_of(&s, &t), VOTE_OVER_HALF_LOW);
    t.low = 21;
    assert_int_equal(vote_outcome_of(&s, &t), VOTE_TWO_THIRDS_LOW);
    /* no quorum: 29 of 45 present (below 30) */
    s.present = 29;
    assert_int_equal(vote_outcome_of(&s, &t), VOTE_NO_QUORUM);
    s.present = 30;
    assert_int_equal(vote_outcome_of(&s, &t), VOTE_TWO_THIRDS_LOW);
    t.excluded = VEX_LEAVE;
    assert_int_equal(vote_outcome_of(&s, &t), VOTE_EXCLUDED);
    assert_string_not_equal(vote_outcome_consequence(VOTE_TWO_THIRDS_LOW), "");
    assert_string_equal(vote_outcome_consequence(VOTE_NORMAL), "");
    struct buf b = BUF_INIT;
    vote_share_text(16, 31, &b);
    assert_string_equal(b.ptr, "16 (51,61%)");
    buf_release(&b);
}

static void test_vote_exclusions(void **state)
{
    (void)state;
    /* appointed in the voting year: not voted; the 31/12 before: voted */
    assert_int_equal(vote_exclusion_for(D(2023, 1, 1), 2023, false, false), VEX_NEW_IN_POST);
    assert_int_equal(vote_exclusion_for(D(2023, 12, 31), 2023, false, false), VEX_NEW_IN_POST);
    assert_int_equal(vote_exclusion_for(D(2022, 12, 31), 2023, false, false), VEX_NONE);
    assert_int_equal(vote_exclusion_for(D(2020, 1, 1), 2023, true, false), VEX_RETIRING);
    assert_int_equal(vote_exclusion_for(D(2020, 1, 1), 2023, false, true), VEX_LEAVE);
    assert_int_equal(vote_exclusion_for(DATE_NONE, 2023, false, false), VEX_NONE);
}

static void test_rotation(void **state)
{
    (void)state;
    struct tcxd_error e;
    struct cadre_move m = {MOVE_BIET_PHAI, MDIR_TINH_XA, D(2017, 3, 1), DATE_NONE};
    assert_int_equal(cadre_move_check(&m, NULL, 0, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "until");
    m.until = D(2017, 3, 1);
    assert_int_equal(cadre_move_check(&m, NULL, 0, &e), TCXD_EINVAL);
    m.until = D(2019, 3, 1);
    assert_int_equal(cadre_move_check(&m, NULL, 0, &e), TCXD_OK);
    /* no rotation while a discipline is in force */
    struct cadre_discipline d = {DISCIPLINE_KHIEN_TRACH, D(2016, 3, 2)};
    assert_int_equal(cadre_move_check(&m, &d, 1, &e), TCXD_ERULE);
    assert_string_equal(e.field, "discipline");
    d.date = D(2016, 3, 1);
    assert_int_equal(cadre_move_check(&m, &d, 1, &e), TCXD_OK);
    /* form 11's groups */
    assert_int_equal(move_direction_group(MDIR_TW_TINH), 0);
    assert_int_equal(move_direction_group(MDIR_NGANH_NGANH), 0);
    assert_int_equal(move_direction_group(MDIR_TINH_XA), 1);
    assert_int_equal(move_direction_group(MDIR_PHONG_PHONG), 1);
    assert_int_equal(move_direction_group(MDIR_NONE), -1);
}

static void test_training(void **state)
{
    (void)state;
    struct tcxd_error e;
    /* form 10: degrees split domestic / foreign / joint, political theory by full / part time,
       defence by the four groups, the rest not split */
    assert_true(training_mode_allowed(TRAIN_THAC_SI, TMODE_JOINT));
    assert_false(training_mode_allowed(TRAIN_THAC_SI, TMODE_FULL_TIME));
    assert_true(training_mode_allowed(TRAIN_CC_LLCT, TMODE_PART_TIME));
    assert_false(training_mode_allowed(TRAIN_CC_LLCT, TMODE_NONE));
    assert_true(training_mode_allowed(TRAIN_BD_QLNN, TMODE_FOREIGN));
    assert_false(training_mode_allowed(TRAIN_BD_QLNN, TMODE_JOINT));
    assert_true(training_mode_allowed(TRAIN_BD_TIN_HOC, TMODE_NONE));
    assert_true(training_mode_allowed(TRAIN_BD_QPAN, TMODE_DT4));
    assert_false(training_mode_allowed(TRAIN_BD_QPAN, TMODE_NONE));
    assert_true(training_is_degree(TRAIN_CN_LLCT));
    assert_false(training_is_degree(TRAIN_BD_XDD));
    assert_int_equal(training_check(TRAIN_CC_LLCT, TMODE_DOMESTIC, D(2020, 1, 1), DATE_NONE, &e),
                     TCXD_EINVAL);
    assert_string_equal(e.field, "mode");
    assert_non_null(strstr(e.msg, "full_time"));
    assert_int_equal(
        training_check(TRAIN_CC_LLCT, TMODE_FULL_TIME, D(2020, 1, 2), D(2020, 1, 1), &e),
        TCXD_EINVAL);
    assert_string_equal(e.field, "to");
    assert_int_equal(
        training_check(TRAIN_CC_LLCT, TMODE_FULL_TIME, D(2020, 1, 1), D(2020, 1, 1), &e), TCXD_OK);
}

static void test_leave_support(void **state)
{
    (void)state;
    /* 1.000.000 đồng a month of work, at most 300.000.000 */
    const struct leave_policy *p = &leave_policy_seed002;
    assert_int_equal(cadre_service_months(D(2000, 3, 15), D(2020, 3, 14)), 239);
    assert_int_equal(cadre_service_months(D(2000, 3, 15), D(2020, 3, 15)), 240);
    assert_int_equal(leave_support(p, 240), 240000000);
    assert_int_equal(leave_support(p, 299), 299000000);
    assert_int_equal(leave_support(p, 300), 300000000);
    assert_int_equal(leave_support(p, 301), 300000000);
    assert_int_equal(leave_support(p, 0), 0);
    assert_int_equal(cadre_service_months(D(2020, 3, 15), D(2020, 3, 15)), 0);
    struct leave_policy uncapped = {500000, 0};
    assert_int_equal(leave_support(&uncapped, 700), 350000000);
}

static void test_sentence(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    struct cadre_work_counts c = {107, 42, 53};
    cadre_work_sentence(&c, &b);
    assert_string_equal(b.ptr, "bổ nhiệm, bổ nhiệm lại, giới thiệu ứng cử 107 cán bộ; điều động, "
                               "luân chuyển 42 đồng chí; bổ sung cấp ủy 53 đồng chí");
    buf_reset(&b);
    c = (struct cadre_work_counts){5, 0, 1200};
    cadre_work_sentence(&c, &b);
    assert_string_equal(b.ptr, "bổ nhiệm, bổ nhiệm lại, giới thiệu ứng cử 05 cán bộ; điều động, "
                               "luân chuyển 00 đồng chí; bổ sung cấp ủy 1.200 đồng chí");
    buf_release(&b);
}

/* Forms 9 and 12's columns, read off forms-BTCTW.txt by hand (9A line 531, 9B 1006, 9C 1080,
   12A 771, 12B 877, 12C 947): the posts in column order at each tier. */
static void test_post_columns(void **state)
{
    (void)state;
    static const enum cadre_post f9_tinh[] = {
        CPOST_BCH,           CPOST_BTV,        CPOST_BI_THU,
        CPOST_PHO_BI_THU,    CPOST_CT_HDND,    CPOST_PCT_HDND,
        CPOST_CT_UBND,       CPOST_PCT_UBND,   CPOST_TRUONG_DOAN_DBQH,
        CPOST_PHO_DOAN_DBQH, CPOST_TRUONG_BAN, CPOST_PHO_BAN,
        CPOST_TRUONG_SO,     CPOST_PHO_SO,     CPOST_TRUONG_SU_NGHIEP,
        CPOST_PHO_SU_NGHIEP};
    static const enum cadre_post f9_huyen[] = {
        CPOST_BCH,       CPOST_BTV,     CPOST_BI_THU,           CPOST_PHO_BI_THU,   CPOST_CT_HDND,
        CPOST_PCT_HDND,  CPOST_CT_UBND, CPOST_PCT_UBND,         CPOST_TRUONG_BAN,   CPOST_PHO_BAN,
        CPOST_TRUONG_SO, CPOST_PHO_SO,  CPOST_TRUONG_SU_NGHIEP, CPOST_PHO_SU_NGHIEP};
    static const enum cadre_post f9_xa[] = {
        CPOST_BCH,      CPOST_BTV,     CPOST_BI_THU,   CPOST_PHO_BI_THU, CPOST_CT_HDND,
        CPOST_PCT_HDND, CPOST_CT_UBND, CPOST_PCT_UBND, CPOST_TRUONG_BAN, CPOST_PHO_BAN};
    static const enum cadre_post f12_tinh[] = {CPOST_BCH,           CPOST_BTV,
                                               CPOST_UBKT,          CPOST_BI_THU,
                                               CPOST_PHO_BI_THU,    CPOST_CT_UBND,
                                               CPOST_PCT_UBND,      CPOST_CT_HDND,
                                               CPOST_PCT_HDND,      CPOST_TRUONG_DOAN_DBQH,
                                               CPOST_PHO_DOAN_DBQH, CPOST_TRUONG_BAN,
                                               CPOST_PHO_BAN,       CPOST_TRUONG_SO,
                                               CPOST_PHO_SO,        CPOST_TRUONG_SU_NGHIEP,
                                               CPOST_PHO_SU_NGHIEP};
    static const enum cadre_post f12_huyen[] = {
        CPOST_BCH,     CPOST_BTV,       CPOST_UBKT,    CPOST_BI_THU,           CPOST_PHO_BI_THU,
        CPOST_CT_UBND, CPOST_PCT_UBND,  CPOST_CT_HDND, CPOST_PCT_HDND,         CPOST_TRUONG_BAN,
        CPOST_PHO_BAN, CPOST_TRUONG_SO, CPOST_PHO_SO,  CPOST_TRUONG_SU_NGHIEP, CPOST_PHO_SU_NGHIEP};
    static const enum cadre_post f12_xa[] = {CPOST_BCH,        CPOST_BTV,        CPOST_UBKT,
                                             CPOST_BI_THU,     CPOST_PHO_BI_THU, CPOST_CT_UBND,
                                             CPOST_PCT_UBND,   CPOST_CT_HDND,    CPOST_PCT_HDND,
                                             CPOST_TRUONG_BAN, CPOST_PHO_BAN};
    const struct {
        enum cadre_form_family f;
        enum cadre_tier t;
        const enum cadre_post *cols;
        int n;
    } want[] = {
        {CFORM_9, CTIER_TINH, f9_tinh, 16},     {CFORM_9, CTIER_HUYEN, f9_huyen, 14},
        {CFORM_9, CTIER_XA, f9_xa, 10},         {CFORM_12, CTIER_TINH, f12_tinh, 17},
        {CFORM_12, CTIER_HUYEN, f12_huyen, 15}, {CFORM_12, CTIER_XA, f12_xa, 11},
    };
    for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
        assert_int_equal(cadre_post_ncols(want[k].f, want[k].t), want[k].n);
        for (int p = 0; p < CPOST__MAX; p++) {
            int expect = -1;
            for (int c = 0; c < want[k].n; c++)
                if (want[k].cols[c] == (enum cadre_post)p)
                    expect = c;
            if (cadre_post_column(want[k].f, want[k].t, (enum cadre_post)p) != expect)
                fail_msg("form %d tier %d post %s: column %d, expected %d", want[k].f, want[k].t,
                         cadre_post_name((enum cadre_post)p),
                         cadre_post_column(want[k].f, want[k].t, (enum cadre_post)p), expect);
        }
    }
    for (int p = 0; p < CPOST__MAX; p++)
        for (int f = 0; f < CFORM__MAX; f++)
            assert_int_equal(
                cadre_post_column((enum cadre_form_family)f, CTIER_NONE, (enum cadre_post)p), -1);
    assert_int_equal(cadre_post_ncols(CFORM_9, CTIER_NONE), 0);
    assert_int_equal(cadre_post_column(CFORM_9, CTIER_TINH, CPOST__MAX), -1);

    /* defaults */
    assert_int_equal(cadre_post_default(PT_BI_THU), CPOST_BI_THU);
    assert_int_equal(cadre_post_default(PT_PHO_CHU_TICH_HDND), CPOST_PCT_HDND);
    assert_int_equal(cadre_post_default(PT_CHU_TICH_MTTQ), CPOST_TRUONG_BAN);
    assert_int_equal(cadre_post_default(PT_CAP_TRUONG), CPOST_NONE);
    assert_int_equal(cadre_post_default(PT_KHAC), CPOST_NONE);
    assert_true(cadre_post_leader_default(CPOST_NONE, PT_CAP_PHO));
    assert_false(cadre_post_leader_default(CPOST_NONE, PT_KHAC));
    assert_false(cadre_post_leader_default(CPOST_NONE, PT_TRUONG_THON));
    assert_true(cadre_post_leader_default(CPOST_PHO_SO, PT_KHAC));
    assert_int_equal(committee_role_posts(CROLE_EXECUTIVE), 1u << CPOST_BCH);
    assert_int_equal(committee_role_posts(CROLE_SECRETARY),
                     1u << CPOST_BCH | 1u << CPOST_BTV | 1u << CPOST_BI_THU);
    assert_int_equal(committee_role_posts(CROLE_INSPECTION_CHAIR), 1u << CPOST_UBKT);
    enum cadre_post p;
    struct tcxd_error e;
    assert_int_equal(cadre_post_parse("Phó Bí thư", &p, &e), TCXD_OK);
    assert_int_equal(p, CPOST_PHO_BI_THU);
    assert_int_equal(cadre_post_parse("chairman", &p, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "post");
    enum cadre_tier t;
    assert_int_equal(cadre_tier_parse("Cấp huyện", &t, &e), TCXD_OK);
    assert_int_equal(t, CTIER_HUYEN);
}

/* The default tier on a tree: city > district > ward (base, phường) > chi bộ; city > agency
   (base, cơ quan) > chi bộ; a post-2025 commune committee (above base, xã) > chi bộ. */
static void test_tier_default(void **state)
{
    (void)state;
    struct org_tree t;
    org_tree_init(&t, 0);
    org_tree_add(&t, 1, 0, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, "C", "city");
    org_tree_add(&t, 2, 1, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, "C.D", "district");
    org_tree_add(&t, 3, 2, ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_PHUONG, "C.D.W", "ward");
    org_tree_add(&t, 4, 3, ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, "C.D.W.1", "cb");
    org_tree_add(&t, 5, 1, ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_CO_QUAN_HANH_CHINH, "C.A",
                 "agency");
    org_tree_add(&t, 6, 5, ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, "C.A.1", "cb2");
    org_tree_add(&t, 7, 1, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_XA, "C.X", "commune");
    org_tree_add(&t, 8, 7, ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, "C.X.1", "cb3");
    org_tree_add(&t, 9, 2, ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_CO_QUAN_HANH_CHINH, "C.D.A",
                 "district agency");
    org_tree_link(&t);
    const struct {
        int64_t id;
        enum cadre_tier post, committee;
    } want[] = {
        {1, CTIER_TINH, CTIER_TINH}, {2, CTIER_HUYEN, CTIER_HUYEN}, {3, CTIER_XA, CTIER_XA},
        {4, CTIER_XA, CTIER_NONE},   {5, CTIER_TINH, CTIER_NONE},   {6, CTIER_TINH, CTIER_NONE},
        {7, CTIER_XA, CTIER_XA},     {8, CTIER_XA, CTIER_NONE},     {9, CTIER_HUYEN, CTIER_NONE},
    };
    for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
        uint32_t n = org_tree_find(&t, want[k].id);
        if (cadre_tier_default(&t, n, false) != want[k].post)
            fail_msg("org %lld: post tier %d, expected %d", (long long)want[k].id,
                     cadre_tier_default(&t, n, false), want[k].post);
        if (cadre_tier_default(&t, n, true) != want[k].committee)
            fail_msg("org %lld: committee tier %d, expected %d", (long long)want[k].id,
                     cadre_tier_default(&t, n, true), want[k].committee);
    }
    assert_int_equal(cadre_tier_default(&t, TREE_NONE, false), CTIER_NONE);
    org_tree_release(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_committee_seats),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_planning_limits),
        cmocka_unit_test(test_discipline_delays),
        cmocka_unit_test(test_appointment_conditions),
        cmocka_unit_test(test_ninety_working_days),
        cmocka_unit_test(test_vote_session),
        cmocka_unit_test(test_vote_thresholds),
        cmocka_unit_test(test_vote_exclusions),
        cmocka_unit_test(test_rotation),
        cmocka_unit_test(test_training),
        cmocka_unit_test(test_leave_support),
        cmocka_unit_test(test_sentence),
        cmocka_unit_test(test_post_columns),
        cmocka_unit_test(test_tier_default),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
