/*
 * test_inspection.c - the rules of inspection and discipline (core/inspection.h): forms per kind
 * of subject, the limitation periods at their boundaries, the 12-month expiry, dates of
 * inspections and conclusions, parsing, and the board's sentence with seed 004's figures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/inspection.h"

static tcxd_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static void test_forms_per_subject(void **state)
{
    (void)state;
    struct tcxd_error e;
    /* expected[subject][form]: the table of Điều lệ Đảng, written out here */
    const bool expected[DISC_SUBJECT__MAX][PD__MAX] = {
        [DISC_ORG] = {[PD_KHIEN_TRACH] = true, [PD_CANH_CAO] = true, [PD_GIAI_TAN] = true},
        [DISC_OFFICIAL_MEMBER] = {[PD_KHIEN_TRACH] = true,
                                  [PD_CANH_CAO] = true,
                                  [PD_CACH_CHUC] = true,
                                  [PD_KHAI_TRU] = true},
        [DISC_PROBATIONARY_MEMBER] = {[PD_KHIEN_TRACH] = true, [PD_CANH_CAO] = true},
    };
    for (int s = 0; s < DISC_SUBJECT__MAX; s++)
        for (int f = 0; f < PD__MAX; f++) {
            enum tcxd_err rc =
                discipline_form_check((enum discipline_subject)s, (enum party_discipline)f, &e);
            assert_int_equal(rc == TCXD_OK, expected[s][f]);
            if (rc)
                assert_string_equal(e.field, "form");
        }
}

static void test_limitation_and_dates(void **state)
{
    (void)state;
    struct tcxd_error e;
    tcxd_date today = D(2026, 1, 1);
    /* khiển trách: 5 years from the violation, the last day included */
    assert_int_equal(
        discipline_dates_check(PD_KHIEN_TRACH, D(2018, 3, 10), D(2023, 3, 10), today, &e), TCXD_OK);
    assert_int_equal(
        discipline_dates_check(PD_KHIEN_TRACH, D(2018, 3, 10), D(2023, 3, 11), today, &e),
        TCXD_ERULE);
    assert_string_equal(e.field, "violation_date");
    /* cảnh cáo, cách chức: 10 years */
    assert_int_equal(discipline_dates_check(PD_CANH_CAO, D(2014, 3, 10), D(2023, 3, 11), today, &e),
                     TCXD_OK);
    assert_int_equal(
        discipline_dates_check(PD_CACH_CHUC, D(2013, 3, 10), D(2023, 3, 11), today, &e),
        TCXD_ERULE);
    /* khai trừ, giải tán: none */
    assert_int_equal(discipline_dates_check(PD_KHAI_TRU, D(1990, 1, 1), D(2023, 3, 11), today, &e),
                     TCXD_OK);
    assert_int_equal(discipline_dates_check(PD_GIAI_TAN, D(1990, 1, 1), D(2023, 3, 11), today, &e),
                     TCXD_OK);
    /* a decision before the violation, or in the future */
    assert_int_equal(discipline_dates_check(PD_CANH_CAO, D(2023, 3, 11), D(2023, 3, 10), today, &e),
                     TCXD_EINVAL);
    assert_string_equal(e.field, "decision_date");
    assert_int_equal(discipline_dates_check(PD_CANH_CAO, D(2023, 3, 11), D(2026, 1, 2), today, &e),
                     TCXD_EINVAL);
    /* inspections: a conclusion before the start, an end before the start */
    assert_int_equal(inspection_dates_check(D(2022, 3, 1), D(2022, 2, 1), DATE_NONE, today, &e),
                     TCXD_EINVAL);
    assert_string_equal(e.field, "end");
    assert_int_equal(inspection_dates_check(D(2022, 3, 1), DATE_NONE, D(2022, 2, 28), today, &e),
                     TCXD_EINVAL);
    assert_string_equal(e.field, "concluded_on");
    assert_int_equal(inspection_dates_check(D(2022, 3, 1), D(2022, 3, 1), D(2022, 3, 1), today, &e),
                     TCXD_OK);
}

static void test_expiry(void **state)
{
    (void)state;
    /* announced 15/03/2022: in force until 14/03/2023, ceased on 15/03/2023 */
    tcxd_date dec = D(2022, 3, 10), ann = D(2022, 3, 15);
    assert_int_equal(discipline_expires(PD_CANH_CAO, ann), D(2023, 3, 15));
    assert_false(discipline_in_force(PD_CANH_CAO, dec, ann, DATE_NONE, D(2022, 3, 9)));
    assert_true(discipline_in_force(PD_CANH_CAO, dec, ann, DATE_NONE, D(2022, 3, 10)));
    assert_true(discipline_in_force(PD_CANH_CAO, dec, ann, DATE_NONE, D(2023, 3, 14)));
    assert_false(discipline_in_force(PD_CANH_CAO, dec, ann, DATE_NONE, D(2023, 3, 15)));
    /* no announcement date: counted from the decision */
    assert_false(discipline_in_force(PD_KHIEN_TRACH, dec, DATE_NONE, DATE_NONE, D(2023, 3, 10)));
    /* khai trừ, giải tán never cease by themselves */
    assert_int_equal(discipline_expires(PD_KHAI_TRU, ann), DATE_NONE);
    assert_true(discipline_in_force(PD_GIAI_TAN, dec, ann, DATE_NONE, D(2040, 1, 1)));
    /* annulled on appeal */
    assert_false(discipline_in_force(PD_CANH_CAO, dec, ann, D(2022, 6, 1), D(2022, 6, 1)));
    assert_true(discipline_in_force(PD_CANH_CAO, dec, ann, D(2022, 6, 1), D(2022, 5, 31)));
}

static void test_parsing(void **state)
{
    (void)state;
    struct tcxd_error e;
    enum inspection_kind k;
    assert_int_equal(inspection_kind_parse("Kiểm tra chuyên đề", &k, &e), TCXD_OK);
    assert_int_equal(k, INSP_KT_CHUYEN_DE);
    assert_false(inspection_is_supervision(k));
    assert_int_equal(inspection_kind_parse("gs-thuong-xuyen", &k, &e), TCXD_OK);
    assert_true(inspection_is_supervision(k));
    unsigned areas;
    assert_int_equal(inspection_areas_parse("nghi_quyet, Công tác cán bộ,tham_nhung", &areas, &e),
                     TCXD_OK);
    assert_int_equal(areas, (1u << INSP_AREA_NGHI_QUYET) | (1u << INSP_AREA_CAN_BO) |
                                (1u << INSP_AREA_THAM_NHUNG));
    assert_int_equal(inspection_areas_parse("nghi_quyet,bogus", &areas, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "areas");
    enum party_discipline f;
    assert_int_equal(party_discipline_parse("Khai trừ", &f, &e), TCXD_OK);
    assert_int_equal(f, PD_KHAI_TRU);
}

static void test_seed_sentence(void **state)
{
    (void)state;
    struct inspection_counts c = {.inspected_orgs = 533,
                                  .inspected_members = 187,
                                  .supervised_orgs = 243,
                                  .supervised_members = 160,
                                  .disciplined_orgs = 10,
                                  .disciplined_members = 359};
    struct buf b = BUF_INIT;
    inspection_sentence(&c, &b);
    assert_string_equal(b.ptr, "kiểm tra đối với 533 tổ chức đảng, 187 đảng viên; giám sát đối "
                               "với 243 tổ chức đảng, 160 đảng viên; thi hành kỷ luật 10 tổ chức "
                               "đảng và 359 đảng viên");
    buf_release(&b);
}

/* Appointment (QĐ 377: 24, 36, 60 months) and badge (QĐ 24 Điểm 27: 6 and 12 months) delays,
   combined over decisions; khai trừ: never; an annulled decision: nothing. */
static void test_effects(void **state)
{
    (void)state;
    struct discipline_effects x;
    discipline_effects_init(&x);
    discipline_effects_add(&x, PD_KHIEN_TRACH, D(2022, 5, 10), DATE_NONE, DATE_NONE, DATE_NONE,
                           D(2022, 6, 1));
    assert_true(x.in_force);
    assert_int_equal(x.appointment_from, D(2024, 5, 10));
    assert_int_equal(x.badge_from, DATE_NONE); /* khiển trách: no badge delay */
    /* a cảnh cáo later: the later of each */
    discipline_effects_add(&x, PD_CANH_CAO, D(2022, 5, 20), DATE_NONE, DATE_NONE, DATE_NONE,
                           D(2022, 6, 1));
    assert_int_equal(x.appointment_from, D(2025, 5, 20));
    assert_int_equal(x.badge_from, D(2022, 11, 20));
    /* a decision after the day does not count yet */
    struct discipline_effects y;
    discipline_effects_init(&y);
    discipline_effects_add(&y, PD_CACH_CHUC, D(2023, 1, 10), DATE_NONE, DATE_NONE, DATE_NONE,
                           D(2023, 1, 9));
    assert_false(y.in_force);
    assert_int_equal(y.appointment_from, DATE_NONE);
    discipline_effects_add(&y, PD_CACH_CHUC, D(2023, 1, 10), DATE_NONE, DATE_NONE, DATE_NONE,
                           D(2024, 2, 1));
    assert_false(y.in_force); /* ceased 12 months after 10/01/2023 */
    assert_int_equal(y.appointment_from, D(2028, 1, 10));
    assert_int_equal(y.badge_from, D(2024, 1, 10));
    /* an appeal's result restarts the 12 months */
    struct discipline_effects z;
    discipline_effects_init(&z);
    discipline_effects_add(&z, PD_KHIEN_TRACH, D(2023, 1, 10), DATE_NONE, DATE_NONE, D(2023, 6, 1),
                           D(2024, 2, 1));
    assert_true(z.in_force);
    /* annulled: nothing */
    discipline_effects_init(&z);
    discipline_effects_add(&z, PD_CANH_CAO, D(2023, 1, 10), DATE_NONE, D(2023, 3, 1), DATE_NONE,
                           D(2023, 4, 1));
    assert_false(z.in_force);
    assert_int_equal(z.appointment_from, DATE_NONE);
    /* khai trừ: never */
    discipline_effects_add(&z, PD_KHAI_TRU, D(2023, 1, 10), DATE_NONE, DATE_NONE, DATE_NONE,
                           D(2023, 4, 1));
    assert_int_equal(z.appointment_from, DATE_OPEN_END);
    assert_int_equal(z.badge_from, DATE_OPEN_END);
    assert_int_equal(discipline_appointment_delay_months(PD_GIAI_TAN), -1);
}

/* The annual plan: an item's values at their boundaries, the match of an inspection with an
   item, and the plan's sentence. */
static void test_plan_rules(void **state)
{
    (void)state;
    struct tcxd_error e;
    assert_int_equal(inspection_plan_item_check(INSP_KT_CHUYEN_DE, 2022, 0, 3, 0, &e), TCXD_OK);
    assert_int_equal(inspection_plan_item_check(INSP_GS_CHUYEN_DE, 2022, 12, 0, 1, &e), TCXD_OK);
    assert_int_equal(inspection_plan_item_check(INSP_GS_THUONG_XUYEN, 2022, 3, 2, 0, &e),
                     TCXD_ERULE); /* a planned supervision is chuyên đề */
    assert_string_equal(e.field, "kind");
    assert_int_equal(inspection_plan_item_check(INSP_KT_CHUYEN_DE, 2022, 13, 1, 0, &e),
                     TCXD_EINVAL);
    assert_string_equal(e.field, "month");
    assert_int_equal(inspection_plan_item_check(INSP_KT_CHUYEN_DE, 2022, -1, 1, 0, &e),
                     TCXD_EINVAL);
    assert_int_equal(inspection_plan_item_check(INSP_KT_CHUYEN_DE, 1929, 1, 1, 0, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "year");
    assert_int_equal(inspection_plan_item_check(INSP_KT_CHUYEN_DE, 2022, 1, 0, 0, &e),
                     TCXD_EINVAL); /* nothing planned */
    assert_string_equal(e.field, "orgs");
    assert_int_equal(inspection_plan_item_check(INSP_KT_CHUYEN_DE, 2022, 1, 100000, 100000, &e),
                     TCXD_OK);
    assert_int_equal(inspection_plan_item_check(INSP_KT_CHUYEN_DE, 2022, 1, 100001, 0, &e),
                     TCXD_EINVAL);
    /* an inspection carries out an item of its kind and year: 01/01 and 31/12 are in it */
    assert_int_equal(
        inspection_plan_match_check(INSP_KT_CHUYEN_DE, 2022, INSP_KT_CHUYEN_DE, D(2022, 1, 1), &e),
        TCXD_OK);
    assert_int_equal(inspection_plan_match_check(INSP_KT_CHUYEN_DE, 2022, INSP_KT_CHUYEN_DE,
                                                 D(2022, 12, 31), &e),
                     TCXD_OK);
    assert_int_equal(inspection_plan_match_check(INSP_KT_CHUYEN_DE, 2022, INSP_KT_CHUYEN_DE,
                                                 D(2021, 12, 31), &e),
                     TCXD_ERULE);
    assert_string_equal(e.field, "plan_item_id");
    assert_int_equal(
        inspection_plan_match_check(INSP_KT_CHUYEN_DE, 2022, INSP_KT_DAU_HIEU, D(2022, 5, 1), &e),
        TCXD_ERULE);
    struct inspection_plan_progress p = {.planned_kt = 12,
                                         .planned_gs = 8,
                                         .done_kt = 10,
                                         .done_gs = 8,
                                         .outside_kt = 3,
                                         .outside_gs = 1};
    struct buf b = BUF_INIT;
    inspection_plan_sentence(&p, 2022, &b);
    assert_string_equal(b.ptr, "kế hoạch năm 2022: 12 cuộc kiểm tra, 8 cuộc giám sát; đã thực "
                               "hiện 10/12 cuộc kiểm tra, 8/8 cuộc giám sát; ngoài kế hoạch 3 "
                               "cuộc kiểm tra, 1 cuộc giám sát");
    buf_release(&b);
}

/* Appeals are lodged within one month of the announcement (Điều lệ Điều 39 khoản 7), the last
   day included; from the decision when no announcement is recorded. */
static void test_appeal_deadline(void **state)
{
    (void)state;
    struct tcxd_error e;
    tcxd_date today = D(2026, 1, 1), dec = D(2024, 1, 31), ann = D(2024, 2, 5);
    assert_int_equal(discipline_appeal_lodged_check(dec, ann, D(2024, 3, 5), today, &e), TCXD_OK);
    assert_int_equal(discipline_appeal_lodged_check(dec, ann, D(2024, 3, 6), today, &e),
                     TCXD_ERULE);
    assert_string_equal(e.field, "lodged_on");
    /* 31/01 + one month is 29/02 in 2024 */
    assert_int_equal(discipline_appeal_lodged_check(dec, DATE_NONE, D(2024, 2, 29), today, &e),
                     TCXD_OK);
    assert_int_equal(discipline_appeal_lodged_check(dec, DATE_NONE, D(2024, 3, 1), today, &e),
                     TCXD_ERULE);
    assert_int_equal(discipline_appeal_lodged_check(dec, ann, D(2024, 1, 31), today, &e), TCXD_OK);
    assert_int_equal(discipline_appeal_lodged_check(dec, ann, D(2024, 1, 30), today, &e),
                     TCXD_EINVAL);
    assert_int_equal(
        discipline_appeal_lodged_check(D(2025, 12, 20), DATE_NONE, D(2026, 1, 2), today, &e),
        TCXD_EINVAL); /* in the future */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms_per_subject),
        cmocka_unit_test(test_limitation_and_dates),
        cmocka_unit_test(test_expiry),
        cmocka_unit_test(test_parsing),
        cmocka_unit_test(test_seed_sentence),
        cmocka_unit_test(test_effects),
        cmocka_unit_test(test_plan_rules),
        cmocka_unit_test(test_appeal_deadline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
