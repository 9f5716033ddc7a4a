/*
 * test_staff.c - the staffing roll's rules (core/staff.h): the replay of dated events into
 * stints, each refusal with its field, the ages of form 8B's bands at their birthdays.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/staff.h"

static tcxd_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static struct staff_event join(int64_t id, tcxd_date d, int64_t body, enum staff_join j,
                               enum staff_category c, enum staff_grade g)
{
    return (struct staff_event){.id = id,
                                .kind = SEV_JOIN,
                                .date = d,
                                .body_id = body,
                                .join = j,
                                .category = c,
                                .grade = g};
}

static struct staff_event other(int64_t id, enum staff_ev_kind k, tcxd_date d)
{
    return (struct staff_event){.id = id, .kind = k, .date = d};
}

static void test_replay(void **state)
{
    (void)state;
    struct tcxd_error e;
    struct staff_event ev[5];
    ev[0] = join(1, D(2020, 3, 1), 7, SJOIN_CC_EXAM, STAFF_CBCC, SGRADE_CV);
    ev[1] = other(2, SEV_GRADE, D(2023, 1, 1));
    ev[1].grade = SGRADE_CVC;
    ev[2] = other(3, SEV_MOVE, D(2024, 6, 1));
    ev[2].body_id = 9;
    ev[3] = other(4, SEV_LEAVE, D(2025, 5, 6));
    ev[3].leave = SLEAVE_RETIRE;
    ev[4] = join(5, D(2025, 5, 6), 9, SJOIN_CONTRACT, STAFF_HD68, SGRADE_NONE);
    struct staff_replay r;
    assert_int_equal(staff_replay(ev, 5, &r, &e), TCXD_OK);
    assert_int_equal(r.n, 4);
    assert_int_equal(r.v[0].from, D(2020, 3, 1));
    assert_int_equal(r.v[0].to, D(2023, 1, 1));
    assert_int_equal(r.v[0].grade, SGRADE_CV);
    assert_int_equal(r.v[1].grade, SGRADE_CVC);
    assert_int_equal(r.v[1].start, SEV_GRADE);
    assert_int_equal(r.v[2].body_id, 9);
    assert_int_equal(r.v[2].start, SEV_MOVE);
    assert_int_equal(r.v[2].end, SEV_LEAVE);
    assert_int_equal(r.v[2].leave, SLEAVE_RETIRE);
    assert_int_equal(r.v[3].category, STAFF_HD68);
    assert_int_equal(r.v[3].to, DATE_OPEN_END);
    /* on the roll at the end of a day: the leave's day is off, a join's day on */
    assert_null(staff_on(&r, D(2020, 2, 29)));
    assert_ptr_equal(staff_on(&r, D(2020, 3, 1)), &r.v[0]);
    assert_ptr_equal(staff_on(&r, D(2025, 5, 5)), &r.v[2]);
    assert_ptr_equal(staff_on(&r, D(2025, 5, 6)), &r.v[3]);
    staff_replay_release(&r);
}

static void refused(const struct staff_event *held, size_t n, const struct staff_event *add,
                    const char *field)
{
    struct tcxd_error e;
    memset(&e, 0, sizeof(e));
    assert_int_not_equal(staff_check_add(held, n, add, &e), TCXD_OK);
    assert_string_equal(e.field, field);
}

static void test_refusals(void **state)
{
    (void)state;
    struct tcxd_error e;
    struct staff_event held[2] = {join(1, D(2021, 6, 1), 7, SJOIN_CC_INTAKE, STAFF_CBCC, SGRADE_CV),
                                  other(2, SEV_LEAVE, D(2023, 1, 1))};
    held[1].leave = SLEAVE_TRANSFER;
    struct staff_event x = other(0, SEV_LEAVE, D(2024, 1, 1));
    /* a decrease for someone not on the roll (left on 01/01/2023) */
    refused(held, 2, &x, "person");
    /* an end before the start */
    x.date = D(2020, 1, 1);
    refused(held, 2, &x, "date");
    /* on the start's own day */
    x.date = D(2021, 6, 1);
    refused(held, 1, &x, "date");
    /* the day after is fine */
    x.date = D(2021, 6, 2);
    assert_int_equal(staff_check_add(held, 1, &x, &e), TCXD_OK);
    /* a leave inserted before a held one leaves that one without a roll */
    x.date = D(2022, 1, 1);
    refused(held, 2, &x, "person");
    /* a join while on the roll */
    struct staff_event j = join(0, D(2022, 1, 1), 8, SJOIN_OTHER, STAFF_VIEN_CHUC, SGRADE_NONE);
    refused(held, 1, &j, "date");
    /* after the leave: fine */
    j.date = D(2023, 1, 1);
    assert_int_equal(staff_check_add(held, 2, &j, &e), TCXD_OK);
    /* an unknown category, one the kind does not allow, a contract of công chức */
    j.category = (enum staff_category)STAFF_CAT__MAX;
    refused(held, 2, &j, "category");
    j.category = STAFF_CBCC;
    j.join = SJOIN_VC_EXAM;
    refused(held, 2, &j, "category");
    j.join = SJOIN_CONTRACT;
    refused(held, 2, &j, "category");
    /* grades of the category only */
    j = join(0, D(2023, 1, 1), 8, SJOIN_VC_EXAM, STAFF_VIEN_CHUC, SGRADE_CVC);
    refused(held, 2, &j, "grade");
    j.grade = SGRADE_HANG_5;
    assert_int_equal(staff_check_add(held, 2, &j, &e), TCXD_OK);
    j = join(0, D(2023, 1, 1), 8, SJOIN_CONTRACT, STAFF_HD_KHAC, SGRADE_NHAN_VIEN);
    refused(held, 2, &j, "grade");
    struct staff_event g = other(0, SEV_GRADE, D(2022, 1, 1));
    g.grade = SGRADE_HANG_1;
    refused(held, 1, &g, "grade");
    g.grade = SGRADE_CV; /* the grade it has */
    refused(held, 1, &g, "grade");
    g.grade = SGRADE_NONE;
    refused(held, 1, &g, "grade");
    /* talent and experience on an intake only, experience 0-60 */
    j = join(0, D(2023, 1, 1), 8, SJOIN_CC_EXAM, STAFF_CBCC, SGRADE_NONE);
    j.talent = true;
    refused(held, 2, &j, "talent");
    j.talent = false;
    j.experience = 5;
    refused(held, 2, &j, "experience");
    j.join = SJOIN_CC_INTAKE;
    assert_int_equal(staff_check_add(held, 2, &j, &e), TCXD_OK);
    j.experience = 61;
    refused(held, 2, &j, "experience");
    /* a move to the same body, a body missing */
    struct staff_event m = other(0, SEV_MOVE, D(2022, 1, 1));
    m.body_id = 7;
    refused(held, 1, &m, "body");
    m.body_id = 0;
    refused(held, 1, &m, "body");
    m.body_id = 8;
    assert_int_equal(staff_check_add(held, 1, &m, &e), TCXD_OK);
    /* nothing held: a leave names the person, a first join is fine */
    refused(NULL, 0, &x, "person");
    j.experience = 5;
    assert_int_equal(staff_check_add(NULL, 0, &j, &e), TCXD_OK);
}

static void test_names(void **state)
{
    (void)state;
    struct tcxd_error e;
    enum staff_category c;
    assert_int_equal(staff_category_parse("Hợp đồng 68", &c, &e), TCXD_OK);
    assert_int_equal(c, STAFF_HD68);
    assert_int_equal(staff_category_parse("bien_che", &c, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "category");
    assert_non_null(strstr(e.msg, "vien_chuc"));
    enum staff_leave l;
    assert_int_equal(staff_leave_parse("tinh giản biên chế theo nghị định của chính phủ", &l, &e),
                     TCXD_OK);
    assert_int_equal(l, SLEAVE_DOWNSIZE);
    for (int i = 0; i < SGRADE__MAX; i++)
        assert_string_not_equal(staff_grade_name((enum staff_grade)i), "?");
    assert_true(staff_grade_fits(STAFF_HD68, SGRADE_NONE));
    assert_false(staff_grade_fits(STAFF_HD68, SGRADE_CV));
}

static void test_age_bands(void **state)
{
    (void)state;
    tcxd_date b = D(1990, 6, 15);
    /* 30 on the birthday: band 0 until 31 */
    assert_int_equal(staff_age_band(b, D(2021, 6, 14)), 0);
    assert_int_equal(staff_age_band(b, D(2021, 6, 15)), 1);
    assert_int_equal(staff_age_band(b, D(2025, 6, 14)), 1);
    assert_int_equal(staff_age_band(b, D(2026, 6, 15)), 2);
    assert_int_equal(staff_age_band(b, D(2050, 6, 14)), 6);
    assert_int_equal(staff_age_band(b, D(2050, 6, 15)), 6); /* 60 */
    assert_int_equal(staff_age_band(b, D(2051, 6, 15)), 7); /* 61 */
    assert_int_equal(staff_age_band(DATE_NONE, D(2020, 1, 1)), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replay),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_age_bands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
