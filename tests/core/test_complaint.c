/*
 * test_complaint.c - the rules of core/complaint.h: deadlines in working days (counted here by
 * hand over a calendar written out in the test), the classification's refusals (an anonymous
 * denunciation, a complaint against discipline after one month), the single extension before
 * the deadline, result and notice order, status and overdue.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/complaint.h"

static tcxd_date d(int y, int m, int dd)
{
    return date_from_ymd(y, m, dd);
}

/* Working days written out: weekdays of August-December 2022 but 1 and 2 September. */
static tcxd_date by_hand(tcxd_date from, int n)
{
    tcxd_date t = from;
    while (n > 0) {
        t++;
        int wd = date_weekday(t);
        /* 2/9/2022 and the day before; Monday 2/1/2023 in lieu of 1/1 (a Sunday) */
        if (wd >= 5 || t == d(2022, 9, 1) || t == d(2022, 9, 2) || t == d(2023, 1, 2))
            continue;
        n--;
    }
    return t;
}

static struct complaint_state letter(enum complaint_kind k, enum complaint_level l)
{
    struct complaint_state s = {.kind = k,
                                .level = l,
                                .received = d(2022, 7, 25),
                                .named = true,
                                .discipline_notice = DATE_NONE,
                                .classified = DATE_NONE,
                                .extended_on = DATE_NONE,
                                .resolved = DATE_NONE,
                                .notified = DATE_NONE};
    return s;
}

static void test_deadlines(void **state)
{
    (void)state;
    assert_int_equal(complaint_deadline_days(CPL_TO_CAO, CPL_LEVEL_HUYEN), 90);
    assert_int_equal(complaint_deadline_days(CPL_TO_CAO, CPL_LEVEL_TRUNG_UONG), 180);
    assert_int_equal(complaint_deadline_days(CPL_KHIEU_NAI, CPL_LEVEL_CO_SO), 30);
    assert_int_equal(complaint_deadline_days(CPL_KHIEU_NAI, CPL_LEVEL_HUYEN), 60);
    assert_int_equal(complaint_deadline_days(CPL_KHIEU_NAI, CPL_LEVEL_TINH), 90);
    assert_int_equal(complaint_deadline_days(CPL_PHAN_ANH, CPL_LEVEL_TINH), 30);
    /* accepted Monday 1 August 2022: 30 working days skip the 2/9 holidays (1 and 2
       September) and end on Wednesday 14 September */
    assert_int_equal(complaint_deadline(CPL_KHIEU_NAI, CPL_LEVEL_CO_SO, d(2022, 8, 1), 0),
                     d(2022, 9, 14));
    assert_int_equal(by_hand(d(2022, 8, 1), 30), d(2022, 9, 14));
    assert_int_equal(complaint_deadline(CPL_TO_CAO, CPL_LEVEL_HUYEN, d(2022, 8, 1), 0),
                     by_hand(d(2022, 8, 1), 90));
    assert_int_equal(complaint_deadline(CPL_TO_CAO, CPL_LEVEL_HUYEN, d(2022, 8, 1), 30),
                     by_hand(d(2022, 8, 1), 120));
    assert_int_equal(complaint_deadline(CPL_TO_CAO, CPL_LEVEL_HUYEN, DATE_NONE, 0), DATE_NONE);
}

static void test_classify(void **state)
{
    (void)state;
    struct tcxd_error e;
    struct complaint_state s = letter(CPL_TO_CAO, CPL_LEVEL_HUYEN);
    tcxd_date today = d(2023, 1, 1);
    /* before it was received, in the future, unclassified: refused */
    assert_int_equal(complaint_classify_check(&s, CPL_ACCEPTED, d(2022, 7, 24), today, &e),
                     TCXD_EINVAL);
    assert_string_equal(e.field, "date");
    assert_int_equal(complaint_classify_check(&s, CPL_ACCEPTED, d(2023, 1, 2), today, &e),
                     TCXD_EINVAL);
    assert_int_equal(complaint_classify_check(&s, CPL_UNCLASSIFIED, d(2022, 8, 1), today, &e),
                     TCXD_EINVAL);
    assert_int_equal(complaint_classify_check(&s, CPL_ACCEPTED, d(2022, 8, 1), today, &e), TCXD_OK);
    /* anonymous: filed, not accepted */
    s.named = false;
    assert_int_equal(complaint_classify_check(&s, CPL_ACCEPTED, d(2022, 8, 1), today, &e),
                     TCXD_ERULE);
    assert_string_equal(e.field, "classification");
    assert_int_equal(complaint_classify_check(&s, CPL_FILED, d(2022, 8, 1), today, &e), TCXD_OK);
    /* an anonymous phản ánh may be accepted */
    struct complaint_state p = letter(CPL_PHAN_ANH, CPL_LEVEL_CO_SO);
    p.named = false;
    assert_int_equal(complaint_classify_check(&p, CPL_ACCEPTED, d(2022, 8, 1), today, &e), TCXD_OK);
    /* a complaint against discipline announced 20/06/2022: received 20/07 in time, 25/07 not */
    struct complaint_state k = letter(CPL_KHIEU_NAI, CPL_LEVEL_HUYEN);
    k.discipline_notice = d(2022, 6, 20);
    assert_int_equal(complaint_classify_check(&k, CPL_ACCEPTED, d(2022, 8, 1), today, &e),
                     TCXD_ERULE);
    k.received = d(2022, 7, 20);
    assert_int_equal(complaint_classify_check(&k, CPL_ACCEPTED, d(2022, 8, 1), today, &e), TCXD_OK);
    /* once */
    k.cls = CPL_ACCEPTED;
    k.classified = d(2022, 8, 1);
    assert_int_equal(complaint_classify_check(&k, CPL_FILED, d(2022, 8, 2), today, &e), TCXD_ERULE);
}

static void test_extend_resolve_notify(void **state)
{
    (void)state;
    struct tcxd_error e;
    tcxd_date today = d(2023, 6, 1);
    struct complaint_state s = letter(CPL_KHIEU_NAI, CPL_LEVEL_CO_SO);
    /* not accepted: nothing to extend or resolve */
    assert_int_equal(complaint_extend_check(&s, 10, d(2022, 8, 5), today, &e), TCXD_ERULE);
    assert_int_equal(complaint_resolve_check(&s, CPL_RESULT_DUNG, d(2022, 8, 5), today, &e),
                     TCXD_ERULE);
    s.cls = CPL_ACCEPTED;
    s.classified = d(2022, 8, 1);
    assert_int_equal(complaint_due(&s), d(2022, 9, 14));
    assert_int_equal(complaint_status_of(&s), CPL_ST_ACCEPTED);
    /* overdue the day after the deadline, not on it */
    assert_false(complaint_overdue(&s, d(2022, 9, 14)));
    assert_true(complaint_overdue(&s, d(2022, 9, 15)));
    assert_false(complaint_overdue(&s, d(2022, 7, 31)));
    /* extension: 1..30 days, before the deadline, once */
    assert_int_equal(complaint_extend_check(&s, 31, d(2022, 9, 1), today, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "days");
    assert_int_equal(complaint_extend_check(&s, 0, d(2022, 9, 1), today, &e), TCXD_EINVAL);
    assert_int_equal(complaint_extend_check(&s, 10, d(2022, 9, 15), today, &e), TCXD_ERULE);
    assert_string_equal(e.field, "date");
    assert_int_equal(complaint_extend_check(&s, 10, d(2022, 9, 14), today, &e), TCXD_OK);
    s.extension_days = 10;
    s.extended_on = d(2022, 9, 14);
    assert_int_equal(complaint_due(&s), by_hand(d(2022, 8, 1), 40));
    assert_false(complaint_overdue(&s, d(2022, 9, 15)));
    assert_int_equal(complaint_extend_check(&s, 5, d(2022, 9, 20), today, &e), TCXD_ERULE);
    /* the result: not before the acceptance; then the notice, not before the result */
    assert_int_equal(complaint_resolve_check(&s, CPL_RESULT_PENDING, d(2022, 9, 20), today, &e),
                     TCXD_EINVAL);
    assert_int_equal(complaint_resolve_check(&s, CPL_RESULT_SAI, d(2022, 7, 30), today, &e),
                     TCXD_EINVAL);
    assert_int_equal(complaint_notify_check(&s, d(2022, 9, 20), today, &e), TCXD_ERULE);
    assert_int_equal(complaint_resolve_check(&s, CPL_RESULT_MOT_PHAN, d(2022, 9, 20), today, &e),
                     TCXD_OK);
    s.result = CPL_RESULT_MOT_PHAN;
    s.resolved = d(2022, 9, 20);
    assert_int_equal(complaint_status_of(&s), CPL_ST_RESOLVED);
    assert_int_equal(complaint_resolve_check(&s, CPL_RESULT_SAI, d(2022, 9, 21), today, &e),
                     TCXD_ERULE);
    assert_int_equal(complaint_notify_check(&s, d(2022, 9, 19), today, &e), TCXD_EINVAL);
    assert_int_equal(complaint_notify_check(&s, d(2022, 9, 22), today, &e), TCXD_OK);
    s.notified = d(2022, 9, 22);
    assert_int_equal(complaint_status_of(&s), CPL_ST_NOTIFIED);
    assert_int_equal(complaint_notify_check(&s, d(2022, 9, 23), today, &e), TCXD_ERULE);
    /* resolved in time: never overdue afterwards */
    assert_false(complaint_overdue(&s, d(2023, 1, 1)));
}

static void test_names(void **state)
{
    (void)state;
    struct tcxd_error e;
    enum complaint_kind k;
    assert_int_equal(complaint_kind_parse("Tố cáo", &k, &e), TCXD_OK);
    assert_int_equal(k, CPL_TO_CAO);
    assert_int_equal(complaint_kind_parse("to_cao", &k, &e), TCXD_OK);
    assert_int_equal(complaint_kind_parse("thư", &k, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "kind");
    assert_string_equal(complaint_status_label(CPL_ST_FILED), "Đã lưu");
    enum complaint_result r;
    assert_int_equal(complaint_result_parse("đúng một phần", &r, &e), TCXD_OK);
    assert_int_equal(r, CPL_RESULT_MOT_PHAN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deadlines),
        cmocka_unit_test(test_classify),
        cmocka_unit_test(test_extend_resolve_notify),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
