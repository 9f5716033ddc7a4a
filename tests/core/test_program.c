/*
 * test_program.c - the rules of programs, items, indicators and attendance (core/program.h):
 * status on a day, overdue, refusals, the boards' sentences with the seed's figures, indicator
 * shares, and the quarterly attendance rule at its boundaries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/program.h"

static tcxd_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static void test_status_on_a_day(void **state)
{
    (void)state;
    const struct program_status_change h[] = {
        {D(2021, 3, 1), PSTATUS_IN_PROGRESS},
        {D(2021, 9, 15), PSTATUS_DRAFT_SUBMITTED},
        {D(2022, 1, 10), PSTATUS_DONE},
    };
    assert_int_equal(program_status_on(h, 3, D(2021, 2, 28)), PSTATUS_NOT_STARTED);
    assert_int_equal(program_status_on(h, 3, D(2021, 3, 1)), PSTATUS_IN_PROGRESS);
    assert_int_equal(program_status_on(h, 3, D(2021, 9, 14)), PSTATUS_IN_PROGRESS);
    assert_int_equal(program_status_on(h, 3, D(2021, 9, 15)), PSTATUS_DRAFT_SUBMITTED);
    assert_int_equal(program_status_on(h, 3, D(2022, 1, 10)), PSTATUS_DONE);
    assert_int_equal(program_status_on(h, 0, D(2022, 1, 10)), PSTATUS_NOT_STARTED);
    /* overdue: the day after the deadline, not on it; never when done */
    assert_false(program_item_overdue(D(2021, 12, 31), PSTATUS_IN_PROGRESS, D(2021, 12, 31)));
    assert_true(program_item_overdue(D(2021, 12, 31), PSTATUS_IN_PROGRESS, D(2022, 1, 1)));
    assert_false(program_item_overdue(D(2021, 12, 31), PSTATUS_DONE, D(2022, 6, 1)));
}

static void test_refusals(void **state)
{
    (void)state;
    struct tcxd_error e;
    assert_int_equal(program_item_check(D(2021, 1, 1), D(2020, 12, 31), &e), TCXD_EINVAL);
    assert_string_equal(e.field, "deadline");
    assert_int_equal(program_item_check(D(2021, 1, 1), D(2021, 1, 1), &e), TCXD_OK);
    const struct program_status_change h[] = {{D(2021, 3, 1), PSTATUS_IN_PROGRESS}};
    struct program_status_change before_start = {D(2020, 12, 1), PSTATUS_IN_PROGRESS};
    assert_int_not_equal(
        program_status_change_check(D(2021, 1, 1), NULL, 0, before_start, D(2022, 1, 1), &e),
        TCXD_OK);
    assert_string_equal(e.field, "date");
    struct program_status_change future = {D(2023, 1, 1), PSTATUS_DONE};
    assert_int_not_equal(
        program_status_change_check(D(2021, 1, 1), h, 1, future, D(2022, 1, 1), &e), TCXD_OK);
    struct program_status_change same_day = {D(2021, 3, 1), PSTATUS_DONE};
    assert_int_equal(program_status_change_check(D(2021, 1, 1), h, 1, same_day, D(2022, 1, 1), &e),
                     TCXD_ERULE);
    struct program_status_change unchanged = {D(2021, 4, 1), PSTATUS_IN_PROGRESS};
    assert_int_equal(program_status_change_check(D(2021, 1, 1), h, 1, unchanged, D(2022, 1, 1), &e),
                     TCXD_ERULE);
    assert_string_equal(e.field, "status");
    struct program_status_change ok = {D(2021, 4, 1), PSTATUS_DONE};
    assert_int_equal(program_status_change_check(D(2021, 1, 1), h, 1, ok, D(2022, 1, 1), &e),
                     TCXD_OK);
    enum program_status s;
    assert_int_equal(program_status_parse("Hoàn thành", &s, &e), TCXD_OK);
    assert_int_equal(s, PSTATUS_DONE);
    assert_int_equal(program_status_parse("dang trien khai", &s, &e), TCXD_OK);
    assert_int_equal(s, PSTATUS_IN_PROGRESS);
    assert_int_equal(program_status_parse("xong", &s, &e), TCXD_EINVAL);
    enum program_item_kind k;
    assert_int_equal(program_item_kind_parse("Đề án", &k, &e), TCXD_OK);
    assert_int_equal(k, PITEM_DE_AN);
}

/* Seed 004: 34 items for 11 agencies; 24 done, 5 draft submitted, 5 in progress. */
static void test_seed_sentence(void **state)
{
    (void)state;
    struct program_progress p = {0};
    tcxd_date on = D(2022, 6, 30);
    for (int i = 0; i < 34; i++) {
        enum program_status s = i < 24   ? PSTATUS_DONE
                                : i < 29 ? PSTATUS_DRAFT_SUBMITTED
                                         : PSTATUS_IN_PROGRESS;
        program_progress_add(&p, s, D(2025, 12, 31), on, 30);
    }
    p.agencies = 11;
    struct buf b = BUF_INIT;
    program_progress_sentence(&p, &b);
    assert_string_equal(
        b.ptr, "Giao cho 11 cơ quan, đơn vị chủ trì triển khai thực hiện 34 đề tài, đề án, "
               "chuyên đề, kế hoạch. Đến nay, có 24 nội dung hoàn thành; 05 nội dung đã hoàn "
               "thành dự thảo, đang trình cấp có thẩm quyền xem xét phê duyệt. Còn lại 05 nội "
               "dung đang được các cơ quan chủ trì triển khai thực hiện.");
    buf_reset(&b);
    program_progress_summary(&p, &b);
    assert_string_equal(b.ptr, "34 nội dung, 11 cơ quan: 24 hoàn thành; 05 đã có dự thảo trình; "
                               "05 đang triển khai");
    /* one item past its deadline and not done */
    program_progress_add(&p, PSTATUS_IN_PROGRESS, D(2022, 6, 29), on, 30);
    program_progress_add(&p, PSTATUS_IN_PROGRESS, D(2022, 7, 20), on, 30);
    assert_int_equal(p.overdue, 1);
    assert_int_equal(p.due_soon, 1);
    buf_reset(&b);
    program_progress_summary(&p, &b);
    assert_string_equal(b.ptr, "36 nội dung, 11 cơ quan: 24 hoàn thành; 05 đã có dự thảo trình; "
                               "07 đang triển khai; 01 quá hạn");
    buf_release(&b);
}

static void test_indicator_sentences(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    /* seed 004: 56 of 68 planned organizations, 82,4% */
    struct indicator_progress plan = {.unit = INDICATOR_COUNT,
                                      .has_actual = true,
                                      .actual = 56,
                                      .has_target = true,
                                      .target = 68};
    indicator_sentence(&plan, 0, &b);
    assert_string_equal(b.ptr, "56/68, đạt 82,4% kế hoạch");
    /* seed 004: 5.030 admissions against 4.688 the year before, 107,3% */
    struct indicator_progress same = {.unit = INDICATOR_COUNT,
                                      .has_actual = true,
                                      .actual = 5030,
                                      .has_same_period = true,
                                      .same_period = 4688};
    buf_reset(&b);
    indicator_sentence(&same, 2021, &b);
    assert_string_equal(b.ptr, "5.030, bằng 107,3% so với cùng kỳ năm 2021");
    assert_int_equal(indicator_permille(56, 68), 824);      /* 823,53... */
    assert_int_equal(indicator_permille(5030, 4688), 1073); /* 1072,95... */
    assert_int_equal(indicator_permille(1, 8), 125);        /* exactly 12,5% */
    assert_int_equal(indicator_permille(1, 0), -1);
    struct indicator_progress none = {.unit = INDICATOR_COUNT};
    buf_reset(&b);
    indicator_sentence(&none, 0, &b);
    assert_string_equal(b.ptr, "chưa có số liệu");
    struct indicator_progress share = {.unit = INDICATOR_PERMILLE,
                                       .has_actual = true,
                                       .actual = 925,
                                       .has_target = true,
                                       .target = 1000};
    buf_reset(&b);
    indicator_sentence(&share, 0, &b);
    assert_string_equal(b.ptr, "92,5%, đạt 92,5% kế hoạch (chỉ tiêu 100,0%)");
    buf_release(&b);
}

static void test_attendance_quarters(void **state)
{
    (void)state;
    tcxd_date qf, qt;
    program_quarter_bounds(2022, 1, &qf, &qt);
    assert_int_equal(qf, D(2022, 1, 1));
    assert_int_equal(qt, D(2022, 4, 1));
    program_quarter_bounds(2022, 4, &qf, &qt);
    assert_int_equal(qf, D(2022, 10, 1));
    assert_int_equal(qt, D(2023, 1, 1));

    struct attendance_assignment a = {7, 100, D(2021, 1, 1), DATE_OPEN_END};
    struct attendance_visit v[] = {
        {7, 100, D(2022, 3, 31)}, /* last day of Q1 */
        {7, 100, D(2022, 7, 1)},  /* first day of Q3 */
        {7, 200, D(2022, 5, 5)},  /* another organization: does not count for 100 */
        {8, 100, D(2022, 5, 6)},  /* another member */
    };
    int n;
    program_quarter_bounds(2022, 1, &qf, &qt);
    assert_int_equal(attendance_check(&a, v, 4, qf, qt, &n), ATTEND_MET);
    assert_int_equal(n, 1);
    program_quarter_bounds(2022, 2, &qf, &qt);
    assert_int_equal(attendance_check(&a, v, 4, qf, qt, &n), ATTEND_MISSED);
    assert_int_equal(n, 0);
    program_quarter_bounds(2022, 3, &qf, &qt);
    assert_int_equal(attendance_check(&a, v, 4, qf, qt, &n), ATTEND_MET);
    /* assigned on the second day of Q2: not yet due there */
    struct attendance_assignment late = {7, 100, D(2022, 4, 2), DATE_OPEN_END};
    program_quarter_bounds(2022, 2, &qf, &qt);
    assert_int_equal(attendance_check(&late, v, 4, qf, qt, NULL), ATTEND_NOT_DUE);
    /* assigned on the first day: due */
    struct attendance_assignment first = {7, 100, D(2022, 4, 1), DATE_OPEN_END};
    assert_int_equal(attendance_check(&first, v, 4, qf, qt, NULL), ATTEND_MISSED);
    /* ending on the quarter's last day ([from, to) ends the next day): still due */
    struct attendance_assignment ends = {7, 100, D(2021, 1, 1), D(2022, 7, 1)};
    assert_int_equal(attendance_check(&ends, v, 4, qf, qt, NULL), ATTEND_MISSED);
    struct attendance_assignment ends_early = {7, 100, D(2021, 1, 1), D(2022, 6, 30)};
    assert_int_equal(attendance_check(&ends_early, v, 4, qf, qt, NULL), ATTEND_NOT_DUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_on_a_day),     cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_seed_sentence),       cmocka_unit_test(test_indicator_sentences),
        cmocka_unit_test(test_attendance_quarters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
