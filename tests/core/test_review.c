/*
 * Tests for the review module outside the rule sets: level names and legacy mapping, points,
 * the excellent cap, exclusions, the workflow, rubrics and report figures.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/review.h"
#include "util/xmalloc.h"

/* ---- Names ------------------------------------------------------------------------------- */

static void test_level_names(void **state)
{
    (void)state;
    static const char *labels[] = {"Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ",
                                   "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"};
    static const char *codes[] = {"HTXSNV", "HTTNV", "HTNV", "KHTNV"};
    assert_int_equal(ARRAY_SIZE(labels), REVIEW_LEVEL__MAX);
    for (int i = 0; i < REVIEW_LEVEL__MAX; i++) {
        enum review_level l = (enum review_level)i, back;
        assert_string_equal(review_level_label(l), labels[i]);
        assert_string_equal(review_level_code(l), codes[i]);
        assert_int_equal(review_level_parse(review_level_name(l), &back, NULL), TCXD_OK);
        assert_int_equal(back, l);
        assert_int_equal(review_level_parse(codes[i], &back, NULL), TCXD_OK);
        assert_int_equal(back, l);
        assert_int_equal(review_level_parse(labels[i], &back, NULL), TCXD_OK);
        assert_int_equal(back, l);
        assert_int_equal(review_level_parse(review_level_phrase(l), &back, NULL), TCXD_OK);
        assert_int_equal(back, l);
    }
    enum review_level l;
    struct tcxd_error e = {0};
    assert_int_equal(review_level_parse("xuat sac", &l, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "level");
    assert_string_equal(e.msg, "unknown review level 'xuat sac'");
    assert_true(review_level_at_least(REVIEW_HTXSNV, REVIEW_HTTNV));
    assert_true(review_level_at_least(REVIEW_HTTNV, REVIEW_HTTNV));
    assert_false(review_level_at_least(REVIEW_HTNV, REVIEW_HTTNV));
}

static void test_other_names_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < REVIEW_GRADE__MAX; i++) {
        enum review_grade g;
        assert_int_equal(review_grade_parse(review_grade_name(i), &g, NULL), TCXD_OK);
        assert_int_equal(g, i);
        assert_int_equal(review_grade_parse(review_grade_label(i), &g, NULL), TCXD_OK);
        assert_int_equal(g, i);
    }
    for (int i = 0; i < REVIEW_SUBJECT__MAX; i++) {
        enum review_subject s;
        assert_int_equal(review_subject_parse(review_subject_name(i), &s, NULL), TCXD_OK);
        assert_int_equal(s, i);
    }
    for (int i = 0; i < REVIEW_DISC__MAX; i++) {
        enum review_discipline_form f;
        assert_int_equal(review_discipline_parse(review_discipline_name(i), &f, NULL), TCXD_OK);
        assert_int_equal(f, i);
    }
    for (int i = 0; i < REVIEW_STATE__MAX; i++) {
        enum review_state s;
        assert_int_equal(review_state_parse(review_state_name(i), &s, NULL), TCXD_OK);
        assert_int_equal(s, i);
    }
    for (int i = 0; i < REVIEW_STEP__MAX; i++) {
        enum review_step s;
        assert_int_equal(review_step_parse(review_step_name(i), &s, NULL), TCXD_OK);
        assert_int_equal(s, i);
    }
    enum review_discipline_form f;
    assert_int_equal(review_discipline_parse("khien_trach", &f, NULL), TCXD_OK);
    assert_int_equal(f, REVIEW_DISC_KHIEN_TRACH);
    assert_int_equal(review_discipline_parse("cảnh cáo", &f, NULL), TCXD_OK);
    assert_int_equal(f, REVIEW_DISC_CANH_CAO);
    assert_int_equal(review_discipline_parse("phat", &f, NULL), TCXD_EINVAL);
    enum review_subject s;
    assert_int_equal(review_subject_parse("org", &s, NULL), TCXD_EINVAL);
    assert_true(review_subject_is_collective(REVIEW_SUBJECT_LEADERSHIP));
    assert_false(review_subject_is_party_org(REVIEW_SUBJECT_LEADERSHIP));
    assert_true(review_subject_is_party_org(REVIEW_SUBJECT_CHI_BO));
    assert_false(review_subject_is_collective(REVIEW_SUBJECT_LEADER));
}

static void test_legacy_levels(void **state)
{
    (void)state;
    static const struct {
        const char *label;
        enum review_level level;
    } orgs[REVIEW_LEGACY_ORG__MAX] = {
        {"Trong sạch, vững mạnh tiêu biểu", REVIEW_HTXSNV},
        {"Trong sạch, vững mạnh", REVIEW_HTXSNV},
        {"Hoàn thành tốt nhiệm vụ", REVIEW_HTTNV},
        {"Hoàn thành nhiệm vụ", REVIEW_HTNV},
        {"Yếu kém", REVIEW_KHTNV},
    };
    for (int i = 0; i < REVIEW_LEGACY_ORG__MAX; i++) {
        enum review_legacy_org o;
        assert_string_equal(review_legacy_org_label(i), orgs[i].label);
        assert_int_equal(review_legacy_org_level(i), orgs[i].level);
        assert_int_equal(review_legacy_org_parse(orgs[i].label, &o, NULL), TCXD_OK);
        assert_int_equal(o, i);
        assert_int_equal(review_legacy_org_parse(review_legacy_org_name(i), &o, NULL), TCXD_OK);
        assert_int_equal(o, i);
    }
    static const struct {
        const char *label;
        enum review_level level;
    } members[REVIEW_LEGACY_MEMBER__MAX] = {
        {"Đủ tư cách, hoàn thành xuất sắc nhiệm vụ", REVIEW_HTXSNV},
        {"Đủ tư cách, hoàn thành tốt nhiệm vụ", REVIEW_HTTNV},
        {"Đủ tư cách, hoàn thành nhiệm vụ", REVIEW_HTNV},
        {"Vi phạm tư cách hoặc không hoàn thành nhiệm vụ", REVIEW_KHTNV},
    };
    for (int i = 0; i < REVIEW_LEGACY_MEMBER__MAX; i++) {
        enum review_legacy_member m;
        assert_string_equal(review_legacy_member_label(i), members[i].label);
        assert_int_equal(review_legacy_member_level(i), members[i].level);
        assert_int_equal(review_legacy_member_from_level(members[i].level), i);
        assert_int_equal(review_legacy_member_parse(members[i].label, &m, NULL), TCXD_OK);
        assert_int_equal(m, i);
    }
    assert_int_equal(review_legacy_org_from_level(REVIEW_HTXSNV), REVIEW_LEGACY_ORG_TSVM);
    assert_int_equal(review_legacy_org_from_level(REVIEW_HTTNV), REVIEW_LEGACY_ORG_HTTNV);
    assert_int_equal(review_legacy_org_from_level(REVIEW_HTNV), REVIEW_LEGACY_ORG_HTNV);
    assert_int_equal(review_legacy_org_from_level(REVIEW_KHTNV), REVIEW_LEGACY_ORG_YEU_KEM);
    enum review_legacy_org o;
    assert_int_equal(review_legacy_org_parse("vững mạnh", &o, NULL), TCXD_EINVAL);
}

/* ---- Points ------------------------------------------------------------------------------ */

static void test_points_parse(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        review_points out;
    } good[] = {
        {"8", 800}, {"8,5", 850}, {"8.5", 850},     {"8,25", 825},  {" 90 ", 9000},
        {"0", 0},   {"0,05", 5},  {"1000", 100000}, {"70,0", 7000}, {"007", 700},
    };
    for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
        review_points p = -1;
        assert_int_equal(review_points_parse(good[i].in, &p, "score", NULL), TCXD_OK);
        assert_int_equal(p, good[i].out);
    }
    static const char *bad[] = {"",   " ",       "-1",    "+1",  "8,555", "abc",    "8,",
                                ",5", "1000,01", "10000", "8 5", "8,5a",  "1.000,5"};
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        review_points p = 123;
        struct tcxd_error e = {0};
        if (review_points_parse(bad[i], &p, "score", &e) != TCXD_EINVAL)
            fail_msg("'%s' accepted", bad[i]);
        assert_string_equal(e.field, "score");
        assert_int_equal(p, 123);
    }
}

static void test_points_format(void **state)
{
    (void)state;
    static const struct {
        review_points in;
        const char *out;
    } cases[] = {
        {850, "8,5"}, {9000, "90"},      {825, "8,25"},  {5, "0,05"},
        {0, "0"},     {100000, "1.000"}, {-250, "-2,5"}, {8999, "89,99"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct buf b = BUF_INIT;
        review_points_format(&b, cases[i].in);
        assert_string_equal(b.ptr, cases[i].out);
        buf_release(&b);
    }
}

/* ---- The excellent cap ------------------------------------------------------------------- */

static void test_cap_allowed(void **state)
{
    (void)state;
    static const struct {
        int share, good, allowed;
    } cases[] = {
        {20, 5, 1}, {20, 4, 0}, {20, 9, 1}, {20, 10, 2}, {20, 0, 0},
        {15, 7, 1}, {15, 6, 0}, {25, 8, 2}, {100, 3, 3}, {0, 50, 0},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
        assert_int_equal(review_cap_allowed(cases[i].share, cases[i].good), cases[i].allowed);
    /* floor(share x good): the largest a with 100 a <= share x good */
    for (int share = 0; share <= 100; share += 5) {
        for (int good = 0; good <= 60; good++) {
            int a = review_cap_allowed(share, good);
            assert_true(100 * a <= share * good);
            assert_true(100 * (a + 1) > share * good);
        }
    }
}

static enum review_level *group(int xs, int tot, int ht, int kht, size_t *n)
{
    *n = (size_t)(xs + tot + ht + kht);
    enum review_level *l = xcalloc(*n ? *n : 1, sizeof(*l));
    size_t k = 0;
    /* KHTNV, HTTNV, HTXSNV, HTNV: not in level order, counting must not care */
    for (int i = 0; i < kht; i++)
        l[k++] = REVIEW_KHTNV;
    for (int i = 0; i < tot; i++)
        l[k++] = REVIEW_HTTNV;
    for (int i = 0; i < xs; i++)
        l[k++] = REVIEW_HTXSNV;
    for (int i = 0; i < ht; i++)
        l[k++] = REVIEW_HTNV;
    return l;
}

static void test_cap_check(void **state)
{
    (void)state;
    const struct review_ruleset *r366 = review_ruleset_get(REVIEW_RULES_QD366_2025);
    const struct review_ruleset *r124 = review_ruleset_get(REVIEW_RULES_QD124_2023);
    const struct review_ruleset *r27 = review_ruleset_get(REVIEW_RULES_HD27_2014);
    const struct {
        const struct review_ruleset *rs;
        int share;
        int xs, tot, ht, kht;
        const char *reason;
        enum tcxd_err rc;
        int allowed;
    } cases[] = {
        {r124, REVIEW_CAP_DEFAULT, 1, 5, 3, 1, NULL, TCXD_OK, 1},
        {r124, REVIEW_CAP_DEFAULT, 1, 4, 3, 1, NULL, TCXD_ERULE, 0},
        {r124, REVIEW_CAP_DEFAULT, 0, 4, 3, 1, NULL, TCXD_OK, 0},
        {r124, REVIEW_CAP_DEFAULT, 2, 10, 0, 0, NULL, TCXD_OK, 2},
        {r124, REVIEW_CAP_DEFAULT, 3, 10, 0, 0, NULL, TCXD_ERULE, 2},
        {r124, REVIEW_CAP_DEFAULT, 2, 9, 0, 0, NULL, TCXD_ERULE, 1},
        {r124, REVIEW_CAP_DEFAULT, 1, 4, 0, 0, "đơn vị có thành tích đột xuất", TCXD_ERULE, 0},
        {r366, REVIEW_CAP_DEFAULT, 1, 4, 0, 0, "đơn vị có thành tích đột xuất", TCXD_OK, 0},
        {r366, REVIEW_CAP_DEFAULT, 1, 4, 0, 0, "   ", TCXD_ERULE, 0},
        {r366, REVIEW_CAP_DEFAULT, 1, 4, 0, 0, NULL, TCXD_ERULE, 0},
        {r366, 25, 2, 8, 0, 0, NULL, TCXD_OK, 2},
        {r366, 10, 2, 10, 0, 0, NULL, TCXD_ERULE, 1},
        {r366, 0, 7, 1, 0, 0, NULL, TCXD_OK, -1},
        {r27, REVIEW_CAP_DEFAULT, 7, 1, 0, 0, NULL, TCXD_OK, -1},
        {r366, 101, 0, 1, 0, 0, NULL, TCXD_EINVAL, 0},
        {r366, -5, 0, 1, 0, 0, NULL, TCXD_EINVAL, 0},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        size_t n;
        enum review_level *lv = group(cases[i].xs, cases[i].tot, cases[i].ht, cases[i].kht, &n);
        struct review_cap cap = {0};
        struct tcxd_error e = {0};
        enum tcxd_err rc =
            review_cap_check(cases[i].rs, cases[i].share, lv, n, cases[i].reason, &cap, &e);
        if (rc != cases[i].rc)
            fail_msg("case %zu: rc %d want %d (%s)", i, rc, cases[i].rc, e.msg);
        if (rc != TCXD_EINVAL) {
            assert_int_equal(cap.n_excellent, cases[i].xs);
            assert_int_equal(cap.n_good, cases[i].tot);
            assert_int_equal(cap.allowed, cases[i].allowed);
            assert_int_equal(cap.exceeded, cap.allowed >= 0 && cases[i].xs > cap.allowed);
        }
        if (rc == TCXD_ERULE)
            assert_string_equal(e.field, "level");
        free(lv);
    }
    struct tcxd_error e = {0};
    size_t n;
    enum review_level *lv = group(1, 4, 0, 0, &n);
    assert_int_equal(review_cap_check(r124, REVIEW_CAP_DEFAULT, lv, n, NULL, NULL, &e), TCXD_ERULE);
    assert_string_equal(e.msg, "1 rated HTXSNV exceed the cap of 0 (20% of 4 rated HTTNV)");
    free(lv);
}

/* ---- Exclusion --------------------------------------------------------------------------- */

static void test_exclusion(void **state)
{
    (void)state;
    const struct review_ruleset *rs = review_ruleset_get(REVIEW_RULES_QD366_2025);
    tcxd_date review = date_from_ymd(2025, 12, 15);
    const struct {
        struct review_member_status m;
        enum review_exclusion want;
    } cases[] = {
        {{false, false, date_from_ymd(2025, 7, 15)}, REVIEW_EXCL_NEW_MEMBER}, /* 5 months */
        {{false, false, date_from_ymd(2025, 5, 15)}, REVIEW_INCLUDED},        /* 7 months */
        {{false, false, date_from_ymd(2025, 6, 15)}, REVIEW_INCLUDED},        /* exactly 6 */
        {{false, false, date_from_ymd(2025, 6, 16)}, REVIEW_EXCL_NEW_MEMBER}, /* a day short */
        {{false, false, date_from_ymd(1990, 1, 1)}, REVIEW_INCLUDED},
        {{false, false, DATE_NONE}, REVIEW_INCLUDED},
        {{true, false, date_from_ymd(1970, 1, 1)}, REVIEW_EXCL_EXEMPTED},
        {{false, true, date_from_ymd(2000, 1, 1)}, REVIEW_EXCL_SUSPENDED},
        {{true, true, date_from_ymd(2025, 11, 1)}, REVIEW_EXCL_EXEMPTED},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
        assert_int_equal(review_exclusion_check(rs, &cases[i].m, review), cases[i].want);
    assert_string_equal(review_exclusion_label(REVIEW_EXCL_NEW_MEMBER), "kết nạp chưa đủ 6 tháng");
    /* 31/08 + 6 months ends on 28/02 (clamped): included from then on */
    struct review_member_status m = {false, false, date_from_ymd(2025, 8, 31)};
    assert_int_equal(review_exclusion_check(rs, &m, date_from_ymd(2026, 2, 27)),
                     REVIEW_EXCL_NEW_MEMBER);
    assert_int_equal(review_exclusion_check(rs, &m, date_from_ymd(2026, 2, 28)), REVIEW_INCLUDED);
}

/* ---- Workflow ---------------------------------------------------------------------------- */

static void test_workflow_table(void **state)
{
    (void)state;
    enum { NO = -1 };
    /* expected[from][step], written out independently of the implementation's table */
    static const int expected[REVIEW_STATE__MAX][REVIEW_STEP__MAX] = {
        /*                 self_assess                 verify                 decide amend record */
        [REVIEW_STATE_NONE] = {REVIEW_STATE_SELF_ASSESSED, NO, NO, NO, REVIEW_STATE_DECIDED},
        [REVIEW_STATE_SELF_ASSESSED] = {REVIEW_STATE_SELF_ASSESSED, REVIEW_STATE_VERIFIED, NO, NO,
                                        REVIEW_STATE_DECIDED},
        [REVIEW_STATE_VERIFIED] = {NO, REVIEW_STATE_VERIFIED, REVIEW_STATE_DECIDED, NO,
                                   REVIEW_STATE_DECIDED},
        [REVIEW_STATE_DECIDED] = {NO, NO, NO, REVIEW_STATE_AMENDED, NO},
        [REVIEW_STATE_AMENDED] = {NO, NO, NO, REVIEW_STATE_AMENDED, NO},
    };
    for (int s = 0; s < REVIEW_STATE__MAX; s++) {
        for (int st = 0; st < REVIEW_STEP__MAX; st++) {
            enum review_state to = REVIEW_STATE__MAX;
            struct tcxd_error e = {0};
            enum tcxd_err rc = review_step_apply(s, st, &to, &e);
            if (expected[s][st] == NO) {
                assert_int_equal(rc, TCXD_ERULE);
                assert_int_equal(to, REVIEW_STATE__MAX);
                assert_string_equal(e.field, "step");
            } else {
                assert_int_equal(rc, TCXD_OK);
                assert_int_equal(to, expected[s][st]);
            }
        }
    }
    assert_false(review_state_locked(REVIEW_STATE_VERIFIED));
    assert_true(review_state_locked(REVIEW_STATE_DECIDED));
    assert_true(review_state_locked(REVIEW_STATE_AMENDED));
}

static void test_workflow_walk(void **state)
{
    (void)state;
    enum review_state s = REVIEW_STATE_NONE;
    struct tcxd_error e = {0};
    /* a decision skipping verification is refused and changes nothing */
    assert_int_equal(review_step_apply(s, REVIEW_STEP_DECIDE, &s, &e), TCXD_ERULE);
    assert_int_equal(s, REVIEW_STATE_NONE);
    assert_int_equal(review_step_apply(s, REVIEW_STEP_SELF_ASSESS, &s, NULL), TCXD_OK);
    assert_int_equal(review_step_apply(s, REVIEW_STEP_DECIDE, &s, &e), TCXD_ERULE);
    assert_string_equal(e.msg, "cannot decide a review in state 'self_assessed': the "
                               "verification comes first");
    assert_int_equal(s, REVIEW_STATE_SELF_ASSESSED);
    assert_int_equal(review_step_apply(s, REVIEW_STEP_VERIFY, &s, NULL), TCXD_OK);
    assert_int_equal(review_step_apply(s, REVIEW_STEP_DECIDE, &s, NULL), TCXD_OK);
    assert_int_equal(s, REVIEW_STATE_DECIDED);
    assert_int_equal(review_step_apply(s, REVIEW_STEP_VERIFY, &s, &e), TCXD_ERULE);
    assert_non_null(strstr(e.msg, "locked"));
    assert_int_equal(review_step_apply(s, REVIEW_STEP_AMEND, &s, NULL), TCXD_OK);
    assert_int_equal(review_step_apply(s, REVIEW_STEP_AMEND, &s, NULL), TCXD_OK);
    assert_int_equal(s, REVIEW_STATE_AMENDED);
}

/* ---- Rubrics ----------------------------------------------------------------------------- */

static void test_default_rubrics(void **state)
{
    (void)state;
    const struct review_ruleset *r366 = review_ruleset_get(REVIEW_RULES_QD366_2025);
    static const enum review_subject subjects[] = {REVIEW_SUBJECT_MEMBER, REVIEW_SUBJECT_LEADER,
                                                   REVIEW_SUBJECT_CHI_BO, REVIEW_SUBJECT_DANG_BO};
    for (size_t i = 0; i < ARRAY_SIZE(subjects); i++) {
        const struct review_rubric *r = NULL;
        struct tcxd_error e = {0};
        assert_int_equal(review_rubric_default(subjects[i], 2025, &r, NULL), TCXD_OK);
        assert_int_equal(r->subject, subjects[i]);
        if (review_rubric_validate(r, r366, &e) != TCXD_OK)
            fail_msg("%s: %s", r->name, e.msg);
        /* independent sums: 30 general, 70 results, 100 in all */
        review_points sum[2] = {0, 0};
        for (size_t k = 0; k < r->n_criteria; k++)
            sum[r->criteria[k].group] += r->criteria[k].max;
        assert_int_equal(r->n_groups, 2);
        assert_int_equal(sum[0], 3000);
        assert_int_equal(sum[1], 7000);
        /* full marks total 100 */
        struct review_score *sc = xcalloc(r->n_criteria, sizeof(*sc));
        for (size_t k = 0; k < r->n_criteria; k++)
            sc[k] = (struct review_score){r->criteria[k].code, r->criteria[k].max};
        review_points total = 0, gt[2];
        assert_int_equal(review_scores_validate(r, sc, r->n_criteria, &total, gt, NULL), TCXD_OK);
        assert_int_equal(total, 10000);
        assert_int_equal(gt[0], 3000);
        assert_int_equal(gt[1], 7000);
        free(sc);
        assert_int_equal(review_rubric_default(subjects[i], 2040, &r, NULL), TCXD_OK);
    }
    const struct review_rubric *r = NULL;
    struct tcxd_error e = {0};
    assert_int_equal(review_rubric_default(REVIEW_SUBJECT_MEMBER, 2024, &r, &e), TCXD_ENOTFOUND);
    assert_int_equal(review_rubric_default(REVIEW_SUBJECT_LEADERSHIP, 2025, &r, &e),
                     TCXD_ENOTFOUND);
}

static const struct review_rubric_group tgroups[] = {
    {"I", "Chung", REVIEW_POINTS(30)},
    {"II", "Kết quả", REVIEW_POINTS(70)},
};
static const struct review_criterion tcrit[] = {
    {0, "1.1", "Tư tưởng", REVIEW_POINTS(20)},
    {0, "1.2", "Đạo đức", REVIEW_POINTS(10)},
    {1, "2.1", "Nhiệm vụ", 6050},
    {1, "2.2", "Khắc phục", 950},
};
static const struct review_rubric trubric = {
    "test", REVIEW_SUBJECT_MEMBER, 2025, 0, tgroups, 2, tcrit, 4};

static void test_scores_validate(void **state)
{
    (void)state;
    const struct {
        struct review_score s[5];
        size_t n;
        enum tcxd_err rc;
        const char *field;
        const char *msg;
        review_points total;
    } cases[] = {
        {{{"1.1", 2000}, {"1.2", 1000}, {"2.1", 6050}, {"2.2", 950}},
         4,
         TCXD_OK,
         NULL,
         NULL,
         10000},
        {{{"2.2", 0}, {"1.1", 1550}, {"2.1", 4025}, {"1.2", 875}}, 4, TCXD_OK, NULL, NULL, 6450},
        {{{"1.1", 2000}, {"1.2", 1200}, {"2.1", 6050}, {"2.2", 950}},
         4,
         TCXD_EINVAL,
         "1.2",
         "score 12 above the maximum 10 for criterion '1.2'",
         0},
        {{{"1.1", 2000}, {"1.2", 1001}, {"2.1", 6050}, {"2.2", 950}},
         4,
         TCXD_EINVAL,
         "1.2",
         "score 10,01 above the maximum 10 for criterion '1.2'",
         0},
        {{{"1.1", 2000}, {"1.2", 1000}, {"2.1", 6051}, {"2.2", 950}},
         4,
         TCXD_EINVAL,
         "2.1",
         "score 60,51 above the maximum 60,5 for criterion '2.1'",
         0},
        {{{"1.1", -100}, {"1.2", 1000}, {"2.1", 6050}, {"2.2", 950}},
         4,
         TCXD_EINVAL,
         "1.1",
         NULL,
         0},
        {{{"1.1", 2000}, {"1.2", 1000}, {"2.1", 6050}},
         3,
         TCXD_EINVAL,
         "2.2",
         "missing score for criterion '2.2'",
         0},
        {{{"1.1", 2000}, {"1.1", 1000}, {"2.1", 6050}, {"2.2", 950}},
         4,
         TCXD_EINVAL,
         "1.1",
         "criterion '1.1' scored twice",
         0},
        {{{"1.1", 2000}, {"1.2", 1000}, {"2.1", 6050}, {"2.2", 950}, {"3.1", 0}},
         5,
         TCXD_EINVAL,
         "3.1",
         "unknown criterion '3.1' in rubric 'test'",
         0},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        review_points total = -7;
        struct tcxd_error e = {0};
        enum tcxd_err rc =
            review_scores_validate(&trubric, cases[i].s, cases[i].n, &total, NULL, &e);
        if (rc != cases[i].rc)
            fail_msg("case %zu: rc %d (%s)", i, rc, e.msg);
        if (rc == TCXD_OK) {
            assert_int_equal(total, cases[i].total);
        } else {
            assert_int_equal(total, -7);
            assert_string_equal(e.field, cases[i].field);
            if (cases[i].msg)
                assert_string_equal(e.msg, cases[i].msg);
        }
    }
}

static void test_rubric_validate_rejects(void **state)
{
    (void)state;
    const struct review_ruleset *r366 = review_ruleset_get(REVIEW_RULES_QD366_2025);
    static const struct review_rubric_group g4060[] = {{"I", "Chung", REVIEW_POINTS(40)},
                                                       {"II", "Kết quả", REVIEW_POINTS(60)}};
    static const struct review_criterion c4060[] = {{0, "1", "a", REVIEW_POINTS(40)},
                                                    {1, "2", "b", REVIEW_POINTS(60)}};
    static const struct review_criterion short_sum[] = {{0, "1.1", "a", REVIEW_POINTS(29)},
                                                        {1, "2.1", "b", REVIEW_POINTS(70)}};
    static const struct review_criterion dup[] = {{0, "1.1", "a", REVIEW_POINTS(30)},
                                                  {1, "1.1", "b", REVIEW_POINTS(70)}};
    static const struct review_criterion nogroup[] = {{0, "1.1", "a", REVIEW_POINTS(30)},
                                                      {2, "2.1", "b", REVIEW_POINTS(70)}};
    static const struct review_criterion zero[] = {
        {0, "1.1", "a", REVIEW_POINTS(30)}, {1, "2.1", "b", REVIEW_POINTS(70)}, {1, "2.2", "c", 0}};
    static const struct review_criterion noname[] = {{0, "1.1", "", REVIEW_POINTS(30)},
                                                     {1, "2.1", "b", REVIEW_POINTS(70)}};
    const struct {
        struct review_rubric r;
        const struct review_ruleset *rs;
        const char *field;
    } bad[] = {
        {{"a", REVIEW_SUBJECT_MEMBER, 2025, 0, g4060, 2, c4060, 2}, r366, "rubric"},
        {{"b", REVIEW_SUBJECT_MEMBER, 2025, 0, tgroups, 2, short_sum, 2}, NULL, "I"},
        {{"c", REVIEW_SUBJECT_MEMBER, 2025, 0, tgroups, 2, dup, 2}, NULL, "1.1"},
        {{"d", REVIEW_SUBJECT_MEMBER, 2025, 0, tgroups, 2, nogroup, 2}, NULL, "2.1"},
        {{"e", REVIEW_SUBJECT_MEMBER, 2025, 0, tgroups, 2, zero, 3}, NULL, "2.2"},
        {{"f", REVIEW_SUBJECT_MEMBER, 2025, 0, tgroups, 2, noname, 2}, NULL, "criterion"},
        {{"g", REVIEW_SUBJECT_MEMBER, 2025, 2024, tgroups, 2, tcrit, 4}, NULL, "year_to"},
        {{"h", REVIEW_SUBJECT_MEMBER, 2025, 0, tgroups, 2, tcrit, 0}, NULL, "rubric"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        struct tcxd_error e = {0};
        if (review_rubric_validate(&bad[i].r, bad[i].rs, &e) != TCXD_EINVAL)
            fail_msg("rubric %s accepted", bad[i].r.name);
        assert_string_equal(e.field, bad[i].field);
    }
    /* the 40/60 split is fine for a grade-era rubric (no points framework to match) */
    struct review_rubric old = {"old", REVIEW_SUBJECT_MEMBER, 2020, 2022, g4060, 2, c4060, 2};
    assert_int_equal(
        review_rubric_validate(&old, review_ruleset_get(REVIEW_RULES_QD132_2018), NULL), TCXD_OK);
    assert_int_equal(review_rubric_validate(&trubric, r366, NULL), TCXD_OK);
}

/* ---- Report figures ---------------------------------------------------------------------- */

static void test_shares(void **state)
{
    (void)state;
    static const struct {
        int num, den, tenths;
    } cases[] = {
        {22, 50, 440}, {7, 39, 179}, {1, 3, 333}, {2, 3, 667}, {0, 0, 0},
        {0, 7, 0},     {5, 5, 1000}, {1, 8, 125}, {1, 16, 63}, {1, 2000, 1},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
        assert_int_equal(review_share_tenths(cases[i].num, cases[i].den), cases[i].tenths);

    assert_int_equal(review_change_tenths(22, 50, 33, 65), -68);
    assert_int_equal(review_change_tenths(30, 50, 25, 50), 100);
    assert_int_equal(review_change_tenths(10, 50, 10, 50), 0);
    assert_int_equal(review_change_tenths(1, 3, 0, 0), 333);
    /* against a floating-point computation away from rounding ties */
    for (int d1 = 1; d1 <= 40; d1 += 3) {
        for (int n1 = 0; n1 <= d1; n1++) {
            for (int d0 = 1; d0 <= 40; d0 += 7) {
                for (int n0 = 0; n0 <= d0; n0 += 2) {
                    double x = (100.0 * n1 / d1 - 100.0 * n0 / d0) * 10;
                    int got = review_change_tenths(n1, d1, n0, d0);
                    assert_true(fabs(x - got) <= 0.5 + 1e-9);
                }
            }
        }
    }
}

static void test_format_pct(void **state)
{
    (void)state;
    static const struct {
        int tenths;
        const char *out;
    } cases[] = {
        {440, "44%"}, {179, "17,9%"}, {0, "0%"}, {1000, "100%"}, {-68, "-6,8%"}, {5, "0,5%"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct buf b = BUF_INIT;
        review_format_tenths_pct(&b, cases[i].tenths);
        assert_string_equal(b.ptr, cases[i].out);
        buf_release(&b);
    }
}

static void counts_of(struct review_counts *c, int xs, int tot, int ht, int kht)
{
    size_t n;
    enum review_level *l = group(xs, tot, ht, kht, &n);
    review_counts_from(c, l, n);
    free(l);
}

static void test_counts(void **state)
{
    (void)state;
    /* a pseudo-random list counted here by hand and by the module */
    enum review_level l[500];
    int want[REVIEW_LEVEL__MAX] = {0};
    unsigned x = 12345;
    for (size_t i = 0; i < ARRAY_SIZE(l); i++) {
        x = x * 1103515245u + 12345u;
        l[i] = (enum review_level)((x >> 16) % REVIEW_LEVEL__MAX);
        want[l[i]]++;
    }
    struct review_counts c;
    review_counts_from(&c, l, ARRAY_SIZE(l));
    assert_int_equal(c.total, 500);
    for (int i = 0; i < REVIEW_LEVEL__MAX; i++)
        assert_int_equal(c.n[i], want[i]);
}

static void test_sentences(void **state)
{
    (void)state;
    struct review_counts cur, prev, empty;
    struct buf b = BUF_INIT;

    counts_of(&cur, 22, 20, 7, 1);  /* 50 */
    counts_of(&prev, 33, 25, 6, 1); /* 65: 50,8% */
    review_sentence(&b, "tổ chức cơ sở đảng", REVIEW_HTXSNV, &cur, &prev);
    assert_string_equal(b.ptr, "22/50 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ (44%), "
                               "giảm 6,8% so với năm trước");
    buf_reset(&b);
    review_sentence(&b, "tổ chức cơ sở đảng", REVIEW_HTTNV, &cur, &prev);
    /* 20/50 = 40% against 25/65 = 38,46%: +1,5 */
    assert_string_equal(b.ptr, "20/50 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ (40%), "
                               "tăng 1,5% so với năm trước");
    buf_reset(&b);
    review_sentence(&b, "đảng viên", REVIEW_KHTNV, &cur, NULL);
    assert_string_equal(b.ptr, "1/50 đảng viên không hoàn thành nhiệm vụ (2%)");
    buf_reset(&b);
    review_counts_init(&empty);
    review_sentence(&b, "đảng viên", REVIEW_HTNV, &cur, &empty);
    assert_string_equal(b.ptr, "7/50 đảng viên hoàn thành nhiệm vụ (14%)");
    buf_reset(&b);
    counts_of(&prev, 11, 10, 3, 1); /* 25: 44% */
    review_sentence(&b, "tổ chức cơ sở đảng", REVIEW_HTXSNV, &cur, &prev);
    assert_string_equal(b.ptr, "22/50 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ (44%), "
                               "không đổi so với năm trước");
    buf_reset(&b);
    counts_of(&cur, 1234, 3000, 700, 66); /* 5000 */
    review_sentence(&b, "đảng viên", REVIEW_HTXSNV, &cur, NULL);
    assert_string_equal(b.ptr, "1.234/5.000 đảng viên hoàn thành xuất sắc nhiệm vụ (24,7%)");
    buf_reset(&b);
    review_consolidation_sentence(&b, 7, 39);
    assert_string_equal(b.ptr, "đã củng cố 07/39 (17,9%)");
    buf_reset(&b);
    review_consolidation_sentence(&b, 1, 2);
    assert_string_equal(b.ptr, "đã củng cố 1/2 (50%)");
    buf_reset(&b);
    review_consolidation_sentence(&b, 12, 39);
    assert_string_equal(b.ptr, "đã củng cố 12/39 (30,8%)");
    buf_reset(&b);
    review_consolidation_sentence(&b, 0, 0);
    assert_string_equal(b.ptr, "đã củng cố 0/0");
    buf_release(&b);
}

/* The boards' sentence (seed 000, Tây Hồ 2017), written out here word for word. */
static void test_board_sentence(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    const char *noun = "tổ chức cơ sở Đảng";
    struct review_tally t[] = {
        {review_legacy_org_phrase(REVIEW_LEGACY_ORG_TSVM), true, 12, NULL, 0},
        {review_legacy_org_phrase(REVIEW_LEGACY_ORG_HTTNV), false, 14, NULL, 0},
        {review_legacy_org_phrase(REVIEW_LEGACY_ORG_HTNV), false, 2, NULL, 0},
        {review_legacy_org_phrase(REVIEW_LEGACY_ORG_YEU_KEM), false, 0, NULL, 0},
    };
    review_board_sentence(&b, 2017, "Đảng bộ quận", noun, 28, t, 4, 0);
    assert_string_equal(b.ptr, "Năm 2017, Đảng bộ quận có 28 tổ chức cơ sở Đảng, trong đó, có 12 "
                               "tổ chức cơ sở Đảng đạt trong sạch, vững mạnh; 14 tổ chức cơ sở "
                               "Đảng hoàn thành tốt nhiệm vụ; 2 tổ chức cơ sở Đảng hoàn thành "
                               "nhiệm vụ; không có tổ chức cơ sở Đảng yếu kém");
    /* a first level at zero, the exemplary subset and the undecided */
    buf_reset(&b);
    struct review_tally u[] = {
        {"trong sạch, vững mạnh", true, 0, "trong sạch, vững mạnh tiêu biểu", 0},
        {"hoàn thành tốt nhiệm vụ", false, 3, NULL, 0},
    };
    review_board_sentence(&b, 2016, "Đảng bộ X", "chi bộ", 3, u, 2, 1);
    assert_string_equal(b.ptr, "Năm 2016, Đảng bộ X có 3 chi bộ, trong đó, không có chi bộ đạt "
                               "trong sạch, vững mạnh; có 3 chi bộ hoàn thành tốt nhiệm vụ; 1 chi "
                               "bộ chưa có quyết định xếp loại");
    buf_reset(&b);
    u[0].n = 1234;
    u[0].sub_n = 4;
    review_board_sentence(&b, 2016, "Đảng bộ X", "chi bộ", 1237, u, 1, 0);
    assert_string_equal(b.ptr, "Năm 2016, Đảng bộ X có 1.237 chi bộ, trong đó, có 1.234 chi bộ "
                               "đạt trong sạch, vững mạnh (trong đó có 4 chi bộ đạt trong sạch, "
                               "vững mạnh tiêu biểu)");
    buf_release(&b);
}

/* QĐ 124: the cap is counted among units of similar roles: base organizations by type. */
static void test_cap_class(void **state)
{
    (void)state;
    int cb_phuong = review_cap_class(ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_PHUONG);
    int db_phuong = review_cap_class(ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_PHUONG);
    int db_xa = review_cap_class(ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_XA);
    int db_cq = review_cap_class(ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_CO_QUAN_HANH_CHINH);
    int cb_tt = review_cap_class(ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE);
    int db_bp = review_cap_class(ORG_TIER_BELOW_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE);
    int db_none = review_cap_class(ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE);
    int cb_none = review_cap_class(ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE);
    assert_int_equal(cb_phuong, db_phuong);
    assert_int_not_equal(db_phuong, db_xa);
    assert_int_not_equal(db_phuong, db_cq);
    assert_int_not_equal(cb_tt, db_bp);
    assert_int_not_equal(db_none, cb_none); /* no type: by kind */
    assert_int_not_equal(db_none, db_phuong);
    struct buf b = BUF_INIT;
    review_cap_class_label(&b, ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_PHUONG);
    assert_string_equal(b.ptr, "tổ chức cơ sở đảng loại hình Phường");
    buf_release(&b);
}

/* Seed 004: 39 organizations on the Nghị quyết 15 list, 14 followed by the district steering
   committee; 7 of the 39 consolidated by 30/06/2022, an 8th on 20/09/2022. */
static void test_weak_tally(void **state)
{
    (void)state;
    struct review_weak_entry v[39 + 14 + 2];
    size_t n = 0;
    const char *nq15 = "theo Nghị quyết 15", *bcd = "do Ban Chỉ đạo cấp huyện theo dõi";
    for (int i = 0; i < 39; i++)
        v[n++] = (struct review_weak_entry){100 + i, 2022, nq15, date_from_ymd(2022, 1, 10),
                                            i < 7    ? date_from_ymd(2022, 3 + i % 3, 1 + i)
                                            : i == 7 ? date_from_ymd(2022, 9, 20)
                                                     : DATE_NONE};
    for (int i = 0; i < 14; i++) /* the same organizations can be on both lists */
        v[n++] = (struct review_weak_entry){100 + i, 2022, bcd, DATE_NONE,
                                            i < 5 ? date_from_ymd(2022, 5, 1) : DATE_NONE};
    /* carried from 2021 into 2022: one organization over the range, judged by 2022 */
    v[n++] = (struct review_weak_entry){100, 2021, nq15, DATE_NONE, DATE_NONE};
    /* listed after the date: not yet on the list */
    v[n++] = (struct review_weak_entry){500, 2022, nq15, date_from_ymd(2022, 8, 1), DATE_NONE};
    struct review_weak_tally t[sizeof(v) / sizeof(v[0])];
    size_t nt = review_weak_tally(v, n, date_from_ymd(2022, 6, 30), t);
    assert_int_equal(nt, 2);
    assert_string_equal(t[0].basis, nq15);
    assert_int_equal(t[0].total, 39);
    assert_int_equal(t[0].consolidated, 7);
    assert_string_equal(t[1].basis, bcd);
    assert_int_equal(t[1].total, 14);
    assert_int_equal(t[1].consolidated, 5);
    struct buf b = BUF_INIT;
    review_consolidation_sentence(&b, t[0].consolidated, t[0].total);
    assert_string_equal(b.ptr, "đã củng cố 07/39 (17,9%)");
    buf_release(&b);
    nt = review_weak_tally(v, n, date_from_ymd(2022, 9, 30), t);
    assert_int_equal(t[0].total, 40);
    assert_int_equal(t[0].consolidated, 8);
    /* the 2021 entry alone, as of 2021 (the 2022 ones are listed later) */
    nt = review_weak_tally(v + 53, 1, date_from_ymd(2021, 12, 31), t);
    assert_int_equal(nt, 1);
    assert_int_equal(t[0].total, 1);
}

static void test_lenient(void **state)
{
    (void)state;
    static const struct {
        review_points self, verified, threshold;
        bool lenient;
    } cases[] = {
        {7550, 7000, 500, true},  {7500, 7000, 500, false}, {7501, 7000, 500, true},
        {6000, 7000, 500, false}, {9000, 0, 0, true},       {0, 0, 0, false},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
        assert_int_equal(review_lenient(cases[i].self, cases[i].verified, cases[i].threshold),
                         cases[i].lenient);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_level_names),
        cmocka_unit_test(test_other_names_round_trip),
        cmocka_unit_test(test_legacy_levels),
        cmocka_unit_test(test_points_parse),
        cmocka_unit_test(test_points_format),
        cmocka_unit_test(test_cap_allowed),
        cmocka_unit_test(test_cap_check),
        cmocka_unit_test(test_exclusion),
        cmocka_unit_test(test_workflow_table),
        cmocka_unit_test(test_workflow_walk),
        cmocka_unit_test(test_default_rubrics),
        cmocka_unit_test(test_scores_validate),
        cmocka_unit_test(test_rubric_validate_rejects),
        cmocka_unit_test(test_shares),
        cmocka_unit_test(test_format_pct),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_board_sentence),
        cmocka_unit_test(test_cap_class),
        cmocka_unit_test(test_weak_tally),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_lenient),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
