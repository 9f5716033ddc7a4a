/*
 * Tests for the review rule sets and the level proposal (src/core/review_rules.c): which rule
 * set judges which year, every rule of every rule set in a year it applies to, score band
 * boundaries, and the explanations.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/review.h"
#include "util/xmalloc.h"

/* ---- Which rule set judges which year ---------------------------------------------------- */

static void test_ruleset_for_year(void **state)
{
    (void)state;
    static const struct {
        int year;
        int ok;
        enum review_ruleset_id id;
    } cases[] = {
        {2013, 0, 0},
        {2014, 1, REVIEW_RULES_HD27_2014},
        {2017, 1, REVIEW_RULES_HD27_2014},
        {2018, 1, REVIEW_RULES_QD132_2018},
        {2022, 1, REVIEW_RULES_QD132_2018},
        {2023, 1, REVIEW_RULES_QD124_2023},
        {2024, 1, REVIEW_RULES_QD124_2023},
        {2025, 1, REVIEW_RULES_QD366_2025},
        {2040, 1, REVIEW_RULES_QD366_2025},
        {1990, 0, 0},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        const struct review_ruleset *rs = NULL;
        struct tcxd_error e = {0};
        enum tcxd_err rc = review_ruleset_for_year(cases[i].year, &rs, &e);
        if (cases[i].ok) {
            assert_int_equal(rc, TCXD_OK);
            assert_int_equal(rs->id, cases[i].id);
            assert_true(review_ruleset_covers(rs, cases[i].year));
        } else {
            assert_int_equal(rc, TCXD_EINVAL);
            assert_string_equal(e.field, "year");
            assert_non_null(strstr(e.msg, "no review rule set for year"));
        }
    }
}

/* Every year from the first rule set on is judged by exactly one rule set. */
static void test_rulesets_partition_years(void **state)
{
    (void)state;
    for (int y = 2014; y <= 2100; y++) {
        int n = 0;
        for (int id = 0; id < REVIEW_RULES__MAX; id++)
            n += review_ruleset_covers(review_ruleset_get((enum review_ruleset_id)id), y);
        assert_int_equal(n, 1);
    }
    for (int id = 0; id < REVIEW_RULES__MAX; id++) {
        const struct review_ruleset *rs = review_ruleset_get((enum review_ruleset_id)id);
        const struct review_ruleset *back = NULL;
        assert_int_equal(rs->id, id);
        assert_true(rs->legal_basis && *rs->legal_basis);
        assert_int_equal(review_ruleset_parse(rs->name, &back, NULL), TCXD_OK);
        assert_ptr_equal(back, rs);
    }
    const struct review_ruleset *rs = NULL;
    assert_int_equal(review_ruleset_parse("qd999", &rs, NULL), TCXD_EINVAL);
}

/* The parameters the brief names, by rule set. */
static void test_ruleset_parameters(void **state)
{
    (void)state;
    const struct review_ruleset *r366 = review_ruleset_get(REVIEW_RULES_QD366_2025);
    assert_int_equal(r366->scoring, REVIEW_SCORING_POINTS);
    assert_int_equal(r366->max_general, 3000);
    assert_int_equal(r366->max_results, 7000);
    assert_int_equal(r366->band_min[REVIEW_HTXSNV], 9000);
    assert_int_equal(r366->band_min[REVIEW_HTTNV], 7000);
    assert_int_equal(r366->band_min[REVIEW_HTNV], 5000);
    assert_int_equal(r366->cap_share_pct, 20);
    assert_non_null(strstr(r366->legal_basis, "366-QĐ/TW"));
    assert_non_null(strstr(r366->legal_basis, "43-HD/BTCTW"));
    const struct review_ruleset *r124 = review_ruleset_get(REVIEW_RULES_QD124_2023);
    assert_int_equal(r124->scoring, REVIEW_SCORING_GRADES);
    assert_int_equal(r124->cap_share_pct, 20);
    assert_true(r124->discipline_remedied_exception);
    assert_non_null(strstr(r124->legal_basis, "124-QĐ/TW"));
    const struct review_ruleset *r27 = review_ruleset_get(REVIEW_RULES_HD27_2014);
    assert_true(r27->legacy_levels);
    assert_non_null(strstr(r27->legal_basis, "27-HD/BTCTW"));
    const struct review_ruleset *r132 = review_ruleset_get(REVIEW_RULES_QD132_2018);
    assert_non_null(strstr(r132->legal_basis, "21-HD/BTCTW"));
}

/* ---- Score bands ------------------------------------------------------------------------- */

static void test_score_bands_366(void **state)
{
    (void)state;
    const struct review_ruleset *rs = review_ruleset_get(REVIEW_RULES_QD366_2025);
    static const struct {
        review_points score;
        enum review_level level;
    } cases[] = {
        {10000, REVIEW_HTXSNV}, {9000, REVIEW_HTXSNV}, {8999, REVIEW_HTTNV}, {8900, REVIEW_HTTNV},
        {7000, REVIEW_HTTNV},   {6999, REVIEW_HTNV},   {6900, REVIEW_HTNV},  {5000, REVIEW_HTNV},
        {4999, REVIEW_KHTNV},   {4900, REVIEW_KHTNV},  {0, REVIEW_KHTNV},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        assert_int_equal(review_level_for_score(rs, cases[i].score), cases[i].level);
        struct review_facts f = {
            .subject = REVIEW_SUBJECT_MEMBER, .has_score = true, .score = cases[i].score};
        struct review_proposal p;
        review_proposal_init(&p);
        assert_int_equal(review_propose(rs, 2025, &f, &p, NULL), TCXD_OK);
        assert_int_equal(p.level, cases[i].level);
        assert_int_equal(p.score_level, cases[i].level);
        assert_false(p.forced);
        assert_int_equal(p.n_reasons, 1);
        review_proposal_release(&p);
    }
}

static void test_score_reason_text(void **state)
{
    (void)state;
    const struct review_ruleset *rs = review_ruleset_get(REVIEW_RULES_QD366_2025);
    static const struct {
        review_points score;
        const char *reason;
    } cases[] = {
        {9200, "tổng điểm 92 (từ 90 điểm trở lên) → Hoàn thành xuất sắc nhiệm vụ"},
        {8950, "tổng điểm 89,5 (từ 70 đến dưới 90 điểm) → Hoàn thành tốt nhiệm vụ"},
        {5000, "tổng điểm 50 (từ 50 đến dưới 70 điểm) → Hoàn thành nhiệm vụ"},
        {4975, "tổng điểm 49,75 (dưới 50 điểm) → Không hoàn thành nhiệm vụ"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct review_facts f = {
            .subject = REVIEW_SUBJECT_MEMBER, .has_score = true, .score = cases[i].score};
        struct review_proposal p;
        review_proposal_init(&p);
        assert_int_equal(review_propose(rs, 2025, &f, &p, NULL), TCXD_OK);
        assert_int_equal(p.n_reasons, 1);
        assert_string_equal(p.reasons[0], cases[i].reason);
        review_proposal_release(&p);
    }
}

/* ---- Every rule of every rule set -------------------------------------------------------- */

struct disc_spec {
    enum review_discipline_form form;
    int y, m, d;
    bool remedied, duty;
};

struct propose_case {
    const char *name;
    int year;
    struct review_facts f; /* disciplines are filled from disc / ldisc */
    struct disc_spec disc[2];
    size_t n_disc;
    struct disc_spec ldisc[2];
    size_t n_ldisc;
    enum review_level level;
    bool forced;
    const char *reason; /* must appear in one explanation; NULL: not checked */
};

static const enum review_grade g_tot3[] = {REVIEW_GRADE_TOT, REVIEW_GRADE_TOT, REVIEW_GRADE_TOT};
static const enum review_grade g_tb[] = {REVIEW_GRADE_TOT, REVIEW_GRADE_TRUNG_BINH};
static const enum review_grade g_kem[] = {REVIEW_GRADE_XUAT_SAC, REVIEW_GRADE_KEM};

#define GRADES(res, arr)                                                                           \
    .has_grades = true, .results_grade = (res), .grades = (arr), .n_grades = ARRAY_SIZE(arr)
#define SCORE(whole) .has_score = true, .score = REVIEW_POINTS(whole)
#define MEMBER       .subject = REVIEW_SUBJECT_MEMBER
#define LEADER       .subject = REVIEW_SUBJECT_LEADER
#define CHI_BO       .subject = REVIEW_SUBJECT_CHI_BO
#define DANG_BO      .subject = REVIEW_SUBJECT_DANG_BO
#define LEADERSHIP   .subject = REVIEW_SUBJECT_LEADERSHIP
#define TARGETS(t, d, o, x)                                                                        \
    {                                                                                              \
        .total = (t), .done = (d), .on_time = (o), .exceeded = (x)                                 \
    }

static const struct propose_case propose_cases[] = {
    /* QĐ 124, review year 2023: grades */
    {"124 grades excellent",
     2023,
     {MEMBER, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3)},
     .level = REVIEW_HTXSNV,
     .reason = "kết quả thực hiện nhiệm vụ đạt Xuất sắc → Hoàn thành xuất sắc"},
    {"124 grades good", 2023, {MEMBER, GRADES(REVIEW_GRADE_TOT, g_tb)}, .level = REVIEW_HTTNV},
    {"124 grades pass",
     2023,
     {MEMBER, GRADES(REVIEW_GRADE_TRUNG_BINH, g_tot3)},
     .level = REVIEW_HTNV},
    {"124 grades Kém",
     2023,
     {MEMBER, GRADES(REVIEW_GRADE_XUAT_SAC, g_kem)},
     .level = REVIEW_KHTNV,
     .reason = "có tiêu chí xếp loại Kém → Không hoàn thành nhiệm vụ"},
    {"124 member disciplined in 2023",
     2023,
     {MEMBER, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3)},
     .disc = {{REVIEW_DISC_KHIEN_TRACH, 2023, 5, 12, false, true}},
     .n_disc = 1,
     .level = REVIEW_KHTNV,
     .forced = true,
     .reason = "bị kỷ luật khiển trách ngày 12/05/2023 → Không hoàn thành nhiệm vụ"},
    {"124 member disciplined, self-detected and remedied",
     2023,
     {MEMBER, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3)},
     .disc = {{REVIEW_DISC_CANH_CAO, 2023, 8, 1, true, true}},
     .n_disc = 1,
     .level = REVIEW_HTTNV,
     .reason = "bị kỷ luật cảnh cáo ngày 01/08/2023, đã tự phát hiện và khắc phục xong → tối "
               "đa Hoàn thành tốt nhiệm vụ"},
    {"124 discipline in the previous year not counted",
     2023,
     {MEMBER, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3)},
     .disc = {{REVIEW_DISC_KHIEN_TRACH, 2022, 12, 10, false, true}},
     .n_disc = 1,
     .level = REVIEW_HTXSNV,
     .reason = "không thuộc năm đánh giá 2023 → không tính"},
    {"124 individual exceeded 50% of targets",
     2023,
     {MEMBER, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3), .targets = TARGETS(10, 10, 10, 5)},
     .level = REVIEW_HTXSNV},
    {"124 individual exceeded 40% of targets",
     2023,
     {MEMBER, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3), .targets = TARGETS(10, 10, 10, 4)},
     .level = REVIEW_HTTNV,
     .reason = "vượt 4/10 chỉ tiêu (40%, cần từ 50%)"},
    {"124 individual late target",
     2023,
     {MEMBER, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3), .targets = TARGETS(10, 10, 9, 9)},
     .level = REVIEW_HTTNV,
     .reason = "hoàn thành đúng hạn 9/10 chỉ tiêu"},
    {"124 leader, unit below 50% with key target missed",
     2023,
     {LEADER, GRADES(REVIEW_GRADE_TOT, g_tot3),
      .unit_targets = {.total = 10, .done = 4, .on_time = 4, .key_missed = true}},
     .level = REVIEW_KHTNV,
     .forced = true,
     .reason = "đơn vị trực tiếp lãnh đạo hoàn thành 4/10 chỉ tiêu (40%, dưới 50%)"},
    {"124 leader, unit at 50% with key target missed",
     2023,
     {LEADER, GRADES(REVIEW_GRADE_TOT, g_tot3),
      .unit_targets = {.total = 10, .done = 5, .on_time = 5, .key_missed = true}},
     .level = REVIEW_HTTNV},
    {"124 leader, unit below 50%, key targets met",
     2023,
     {LEADER, GRADES(REVIEW_GRADE_TOT, g_tot3),
      .unit_targets = {.total = 10, .done = 4, .on_time = 4}},
     .level = REVIEW_HTTNV},
    {"124 leader, unit below 50% by force majeure",
     2023,
     {LEADER, GRADES(REVIEW_GRADE_TOT, g_tot3),
      .unit_targets =
          {.total = 10, .done = 4, .on_time = 4, .key_missed = true, .force_majeure = true}},
     .level = REVIEW_HTTNV,
     .reason = "bất khả kháng"},
    {"124 chi bộ, 30% of sub-units disciplined",
     2024,
     {CHI_BO, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3), .sub_units = 10, .sub_units_disciplined = 3},
     .level = REVIEW_KHTNV,
     .forced = true,
     .reason = "3/10 tổ chức trực thuộc bị kỷ luật (30%, trên 20%) → Không hoàn thành"},
    {"124 chi bộ, 20% of sub-units disciplined, remedied",
     2024,
     {CHI_BO, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3), .sub_units = 10, .sub_units_disciplined = 2},
     .level = REVIEW_HTTNV,
     .reason = "2/10 tổ chức trực thuộc bị kỷ luật → không đủ điều kiện Hoàn thành xuất "
               "sắc nhiệm vụ"},
    {"124 chi bộ, a sub-unit disciplined and not remedied",
     2024,
     {CHI_BO, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3), .sub_units = 10, .sub_units_disciplined = 1,
      .sub_units_unremedied = 1},
     .level = REVIEW_KHTNV,
     .forced = true},
    {"124 collective itself disciplined",
     2023,
     {LEADERSHIP, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3)},
     .disc = {{REVIEW_DISC_KHIEN_TRACH, 2023, 3, 9, true, true}},
     .n_disc = 1,
     .level = REVIEW_KHTNV,
     .forced = true,
     .reason = "tập thể bị kỷ luật khiển trách ngày 09/03/2023 → Không hoàn thành nhiệm vụ"},
    {"124 leadership member disciplined, remedied",
     2023,
     {LEADERSHIP, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3)},
     .ldisc = {{REVIEW_DISC_KHIEN_TRACH, 2023, 3, 9, true, true}},
     .n_ldisc = 1,
     .level = REVIEW_HTTNV},
    {"124 leadership member disciplined, not remedied",
     2023,
     {LEADERSHIP, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3)},
     .ldisc = {{REVIEW_DISC_KHIEN_TRACH, 2023, 3, 9, false, true}},
     .n_ldisc = 1,
     .level = REVIEW_KHTNV,
     .forced = true},
    {"124 chi bộ excellent with 100% HTNV+ and 80% HTTNV+",
     2023,
     {CHI_BO, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3), .composition_total = 10,
      .composition_htnv_plus = 10, .composition_httnv_plus = 8},
     .level = REVIEW_HTXSNV},
    {"124 chi bộ with 70% HTTNV+",
     2023,
     {CHI_BO, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3), .composition_total = 10,
      .composition_htnv_plus = 10, .composition_httnv_plus = 7},
     .level = REVIEW_HTTNV,
     .reason = "7/10 đảng viên hoàn thành tốt nhiệm vụ trở lên (70%"},
    {"124 đảng bộ with one sub-organization KHTNV",
     2023,
     {DANG_BO, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3), .composition_total = 10,
      .composition_htnv_plus = 9, .composition_httnv_plus = 9},
     .level = REVIEW_HTTNV,
     .reason = "9/10 tổ chức đảng trực thuộc hoàn thành nhiệm vụ trở lên"},
    {"124 disunity",
     2023,
     {CHI_BO, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3), .disunity = true},
     .level = REVIEW_KHTNV,
     .forced = true,
     .reason = "mất đoàn kết nội bộ"},
    {"124 collective below 50% with key target missed",
     2023,
     {CHI_BO, GRADES(REVIEW_GRADE_TOT, g_tot3),
      .targets = {.total = 10, .done = 4, .on_time = 4, .key_missed = true}},
     .level = REVIEW_KHTNV,
     .forced = true},
    {"124 degradation",
     2024,
     {MEMBER, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3), .degradation = true},
     .level = REVIEW_KHTNV,
     .forced = true,
     .reason = "suy thoái"},

    /* QĐ 366, review year 2025: points */
    {"366 member disciplined in 2025, self-detected",
     2025,
     {MEMBER, SCORE(95)},
     .disc = {{REVIEW_DISC_KHIEN_TRACH, 2025, 5, 12, true, true}},
     .n_disc = 1,
     .level = REVIEW_KHTNV,
     .forced = true,
     .reason = "bị kỷ luật khiển trách ngày 12/05/2025 → Không hoàn thành nhiệm vụ"},
    {"366 member disciplined for a violation outside duties",
     2025,
     {MEMBER, SCORE(95)},
     .disc = {{REVIEW_DISC_KHIEN_TRACH, 2025, 5, 12, false, false}},
     .n_disc = 1,
     .level = REVIEW_HTTNV,
     .reason = "không liên quan đến thực hiện nhiệm vụ"},
    {"366 leader with 51% low-confidence votes",
     2025,
     {LEADER, SCORE(92), .votes_returned = 100, .votes_low = 51},
     .level = REVIEW_KHTNV,
     .forced = true,
     .reason = "51/100 phiếu tín nhiệm thấp (51%, trên 50%) → Không hoàn thành nhiệm vụ"},
    {"366 leader with 50% low-confidence votes",
     2025,
     {LEADER, SCORE(92), .votes_returned = 100, .votes_low = 50},
     .level = REVIEW_HTXSNV},
    {"366 leader, unit below 70%",
     2025,
     {LEADER, SCORE(80), .unit_targets = TARGETS(10, 6, 6, 0)},
     .level = REVIEW_KHTNV,
     .forced = true,
     .reason = "(60%, dưới 70%)"},
    {"366 leader, unit at 70%",
     2025,
     {LEADER, SCORE(80), .unit_targets = TARGETS(10, 7, 7, 0)},
     .level = REVIEW_HTTNV},
    {"366 leader, socio-economic targets missed",
     2025,
     {LEADER, SCORE(80), .se_targets_missed = true},
     .level = REVIEW_KHTNV,
     .forced = true},
    {"366 leader, 3/4 units in charge KHTNV",
     2025,
     {LEADER, SCORE(80), .units_in_charge = 4, .units_in_charge_khtnv = 3},
     .level = REVIEW_KHTNV,
     .forced = true},
    {"366 leader, 2/4 units in charge KHTNV",
     2025,
     {LEADER, SCORE(80), .units_in_charge = 4, .units_in_charge_khtnv = 2},
     .level = REVIEW_HTTNV},
    {"366 chi bộ exceeded 30%",
     2025,
     {CHI_BO, SCORE(95), .targets = TARGETS(10, 10, 10, 3)},
     .level = REVIEW_HTXSNV},
    {"366 chi bộ exceeded 20%",
     2025,
     {CHI_BO, SCORE(95), .targets = TARGETS(10, 10, 10, 2)},
     .level = REVIEW_HTTNV,
     .reason = "vượt 2/10 chỉ tiêu (20%, cần từ 30%) → không đủ điều kiện Hoàn thành xuất sắc "
               "nhiệm vụ"},
    {"366 HTTNV needs all on time",
     2025,
     {CHI_BO, SCORE(80), .targets = TARGETS(10, 10, 9, 0)},
     .level = REVIEW_HTNV,
     .reason = "hoàn thành đúng hạn 9/10 nhiệm vụ"},
    {"366 collective HTNV with 20% late",
     2025,
     {CHI_BO, SCORE(60), .targets = TARGETS(10, 10, 8, 0)},
     .level = REVIEW_HTNV},
    {"366 collective HTNV with 30% late",
     2025,
     {CHI_BO, SCORE(60), .targets = TARGETS(10, 10, 7, 0)},
     .level = REVIEW_KHTNV,
     .reason = "3/10 nhiệm vụ hoàn thành chậm (30%, trên 20%)"},
    {"366 collective HTNV with a task not done",
     2025,
     {CHI_BO, SCORE(60), .targets = TARGETS(10, 9, 9, 0)},
     .level = REVIEW_KHTNV},
    {"366 member HTNV with late tasks (collective rule only)",
     2025,
     {MEMBER, SCORE(60), .targets = TARGETS(10, 10, 5, 0)},
     .level = REVIEW_HTNV},
    {"366 shortcomings not all remedied",
     2025,
     {MEMBER, SCORE(95), .shortcomings_total = 3, .shortcomings_remedied = 2},
     .level = REVIEW_HTTNV,
     .reason = "khắc phục 2/3 hạn chế, khuyết điểm"},
    {"366 chi bộ with a sub-unit disciplined",
     2025,
     {CHI_BO, SCORE(95), .sub_units = 10, .sub_units_disciplined = 1},
     .level = REVIEW_HTTNV},
    {"366 đảng bộ with 3/10 sub-units disciplined",
     2025,
     {DANG_BO, SCORE(95), .sub_units = 10, .sub_units_disciplined = 3},
     .level = REVIEW_KHTNV,
     .forced = true},
    {"366 low score and discipline both explained",
     2025,
     {MEMBER, SCORE(40)},
     .disc = {{REVIEW_DISC_CANH_CAO, 2025, 1, 2, false, true}},
     .n_disc = 1,
     .level = REVIEW_KHTNV,
     .forced = true,
     .reason = "cảnh cáo ngày 02/01/2025"},

    /* QĐ 132 + HD 21, review year 2020 */
    {"132 member disciplined, self-detected: no exception",
     2020,
     {MEMBER, GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3)},
     .disc = {{REVIEW_DISC_KHIEN_TRACH, 2020, 6, 30, true, true}},
     .n_disc = 1,
     .level = REVIEW_KHTNV,
     .forced = true},
    {"132 member below 50% of targets",
     2020,
     {MEMBER, GRADES(REVIEW_GRADE_TOT, g_tot3), .targets = TARGETS(10, 4, 4, 0)},
     .level = REVIEW_KHTNV,
     .forced = true},
    {"132 member at 50% of targets",
     2020,
     {MEMBER, GRADES(REVIEW_GRADE_TOT, g_tot3), .targets = TARGETS(10, 5, 5, 0)},
     .level = REVIEW_HTTNV},
    {"132 leadership member reprimanded",
     2020,
     {LEADERSHIP, GRADES(REVIEW_GRADE_TOT, g_tot3)},
     .ldisc = {{REVIEW_DISC_KHIEN_TRACH, 2020, 2, 3, false, true}},
     .n_ldisc = 1,
     .level = REVIEW_HTTNV},
    {"132 leadership member warned",
     2020,
     {LEADERSHIP, GRADES(REVIEW_GRADE_TOT, g_tot3)},
     .ldisc = {{REVIEW_DISC_CANH_CAO, 2020, 2, 3, false, true}},
     .n_ldisc = 1,
     .level = REVIEW_KHTNV,
     .forced = true},

    /* HD 27, review year 2016: legacy levels */
    {"27 chi bộ with 6/10 members KHTNV",
     2016,
     {CHI_BO, SCORE(80), .composition_total = 10, .composition_htnv_plus = 4,
      .composition_httnv_plus = 4},
     .level = REVIEW_KHTNV,
     .forced = true,
     .reason = "(trên 1/2) → Yếu kém"},
    {"27 chi bộ with 5/10 members KHTNV",
     2016,
     {CHI_BO, SCORE(80), .composition_total = 10, .composition_htnv_plus = 5,
      .composition_httnv_plus = 5},
     .level = REVIEW_HTTNV,
     .reason = "→ Hoàn thành tốt nhiệm vụ"},
    {"27 đảng bộ with 3/9 sub-organizations weak",
     2016,
     {DANG_BO, SCORE(75), .composition_total = 9, .composition_htnv_plus = 6,
      .composition_httnv_plus = 6},
     .level = REVIEW_HTTNV},
    {"27 đảng bộ with 4/9 sub-organizations weak",
     2016,
     {DANG_BO, SCORE(75), .composition_total = 9, .composition_htnv_plus = 5,
      .composition_httnv_plus = 5},
     .level = REVIEW_KHTNV,
     .forced = true,
     .reason = "4/9 tổ chức đảng trực thuộc yếu kém"},
    {"27 chi bộ below 50 points",
     2016,
     {CHI_BO, SCORE(49)},
     .level = REVIEW_KHTNV,
     .reason = "tổng điểm 49 (dưới 50 điểm) → Yếu kém"},
    {"27 chi bộ at 90 points",
     2016,
     {CHI_BO, SCORE(90)},
     .level = REVIEW_HTXSNV,
     .reason = "→ Trong sạch, vững mạnh"},
    {"27 member at 95 points",
     2016,
     {MEMBER, SCORE(95)},
     .level = REVIEW_HTXSNV,
     .reason = "→ Đủ tư cách, hoàn thành xuất sắc nhiệm vụ"},
    {"27 member disciplined",
     2016,
     {MEMBER, SCORE(95)},
     .disc = {{REVIEW_DISC_KHIEN_TRACH, 2016, 4, 4, true, true}},
     .n_disc = 1,
     .level = REVIEW_KHTNV,
     .forced = true,
     .reason = "→ Vi phạm tư cách hoặc không hoàn thành nhiệm vụ"},
};

static void fill_disc(struct review_discipline *out, const struct disc_spec *in, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        out[i].form = in[i].form;
        out[i].date = date_from_ymd(in[i].y, in[i].m, in[i].d);
        out[i].self_remedied = in[i].remedied;
        out[i].duty_related = in[i].duty;
    }
}

static void test_propose_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(propose_cases); i++) {
        const struct propose_case *c = &propose_cases[i];
        struct review_discipline disc[2], ldisc[2];
        struct review_facts f = c->f;
        fill_disc(disc, c->disc, c->n_disc);
        fill_disc(ldisc, c->ldisc, c->n_ldisc);
        f.disciplines = disc;
        f.n_disciplines = c->n_disc;
        f.leader_disciplines = ldisc;
        f.n_leader_disciplines = c->n_ldisc;

        const struct review_ruleset *rs = NULL;
        assert_int_equal(review_ruleset_for_year(c->year, &rs, NULL), TCXD_OK);
        struct review_proposal p;
        struct tcxd_error e = {0};
        review_proposal_init(&p);
        enum tcxd_err rc = review_propose(rs, c->year, &f, &p, &e);
        if (rc != TCXD_OK)
            fail_msg("%s: %s", c->name, e.msg);
        if (p.level != c->level || p.forced != c->forced)
            fail_msg("%s: level %s forced %d, want %s forced %d", c->name,
                     review_level_name(p.level), p.forced, review_level_name(c->level), c->forced);
        if (c->reason) {
            bool found = false;
            for (size_t k = 0; k < p.n_reasons; k++)
                found |= strstr(p.reasons[k], c->reason) != NULL;
            if (!found) {
                for (size_t k = 0; k < p.n_reasons; k++)
                    print_message("  reason: %s\n", p.reasons[k]);
                fail_msg("%s: no explanation containing '%s'", c->name, c->reason);
            }
        }
        review_proposal_release(&p);
    }
}

/* The same facts judged in 2023 (QĐ 124) and in 2025 (QĐ 366) give different levels. */
static void test_same_discipline_two_rulesets(void **state)
{
    (void)state;
    struct review_discipline d = {REVIEW_DISC_KHIEN_TRACH, 0, true, true};
    struct review_proposal p;
    review_proposal_init(&p);

    const struct review_ruleset *r2023 = NULL, *r2025 = NULL;
    assert_int_equal(review_ruleset_for_year(2023, &r2023, NULL), TCXD_OK);
    assert_int_equal(review_ruleset_for_year(2025, &r2025, NULL), TCXD_OK);
    assert_int_equal(r2023->id, REVIEW_RULES_QD124_2023);
    assert_int_equal(r2025->id, REVIEW_RULES_QD366_2025);

    d.date = date_from_ymd(2023, 9, 1);
    struct review_facts f23 = {MEMBER, GRADES(REVIEW_GRADE_TOT, g_tot3), .disciplines = &d,
                               .n_disciplines = 1};
    assert_int_equal(review_propose(r2023, 2023, &f23, &p, NULL), TCXD_OK);
    assert_int_equal(p.level, REVIEW_HTTNV);
    assert_false(p.forced);

    d.date = date_from_ymd(2025, 9, 1);
    struct review_facts f25 = {MEMBER, SCORE(80), .disciplines = &d, .n_disciplines = 1};
    assert_int_equal(review_propose(r2025, 2025, &f25, &p, NULL), TCXD_OK);
    assert_int_equal(p.level, REVIEW_KHTNV);
    assert_true(p.forced);
    assert_string_equal(p.reasons[p.n_reasons - 1],
                        "bị kỷ luật khiển trách ngày 01/09/2025 → Không hoàn thành nhiệm vụ");
    review_proposal_release(&p);
}

/* Every forcing rule that fires is listed, after the score. */
static void test_all_reasons_listed(void **state)
{
    (void)state;
    const struct review_ruleset *rs = review_ruleset_get(REVIEW_RULES_QD366_2025);
    struct review_discipline d = {REVIEW_DISC_CANH_CAO, date_from_ymd(2025, 3, 4), false, true};
    struct review_facts f = {LEADER,
                             SCORE(91),
                             .disciplines = &d,
                             .n_disciplines = 1,
                             .votes_returned = 40,
                             .votes_low = 30,
                             .se_targets_missed = true};
    struct review_proposal p;
    review_proposal_init(&p);
    assert_int_equal(review_propose(rs, 2025, &f, &p, NULL), TCXD_OK);
    assert_int_equal(p.level, REVIEW_KHTNV);
    assert_int_equal(p.score_level, REVIEW_HTXSNV);
    assert_int_equal(p.n_reasons, 4);
    assert_non_null(strstr(p.reasons[0], "tổng điểm 91"));
    assert_string_equal(p.reasons[1],
                        "bị kỷ luật cảnh cáo ngày 04/03/2025 → Không hoàn thành nhiệm vụ");
    assert_string_equal(p.reasons[2],
                        "30/40 phiếu tín nhiệm thấp (75%, trên 50%) → Không hoàn thành nhiệm vụ");
    assert_non_null(strstr(p.reasons[3], "kinh tế - xã hội"));
    /* proposing again into the same proposal replaces the explanations */
    f.n_disciplines = 0;
    f.votes_returned = f.votes_low = 0;
    f.se_targets_missed = false;
    assert_int_equal(review_propose(rs, 2025, &f, &p, NULL), TCXD_OK);
    assert_int_equal(p.level, REVIEW_HTXSNV);
    assert_int_equal(p.n_reasons, 1);
    review_proposal_release(&p);
}

/* A low-confidence share typed without ballots reads as a share, not "5050/10000 phiếu"; the
   2018 review cites the guidance then in force (HD 16), not HD 21 of 2019 (issue 12). */
static void test_share_votes_and_2018_basis(void **state)
{
    (void)state;
    const struct review_ruleset *rs = review_ruleset_get(REVIEW_RULES_QD366_2025);
    struct review_facts f = {LEADER, SCORE(91), .votes_returned = 10000, .votes_low = 5050,
                             .votes_share = true};
    struct review_proposal p;
    review_proposal_init(&p);
    assert_int_equal(review_propose(rs, 2025, &f, &p, NULL), TCXD_OK);
    assert_int_equal(p.level, REVIEW_KHTNV);
    assert_string_equal(p.reasons[1],
                        "50,5% phiếu tín nhiệm thấp (trên 50%) → Không hoàn thành nhiệm vụ");
    review_proposal_release(&p);

    const struct review_ruleset *r132 = review_ruleset_get(REVIEW_RULES_QD132_2018);
    assert_non_null(strstr(review_legal_basis(r132, 2018), "Hướng dẫn 16-HD/BTCTW"));
    assert_null(strstr(review_legal_basis(r132, 2018), "21-HD"));
    for (int y = 2019; y <= 2022; y++)
        assert_non_null(strstr(review_legal_basis(r132, y), "Hướng dẫn 21-HD/BTCTW (18/10/2019)"));
    assert_string_equal(review_legal_basis(rs, 2025), rs->legal_basis);
}

/* The decision of a step, table by table (review_decision_check: the rules the store applied
   inline before; issue 12's "Shape"). */
static void test_decision_check(void **state)
{
    (void)state;
    /* a proposal forced to KHTNV by a rule, after the score's reason */
    char r0[] = "tổng điểm 80", r1[] = "bị kỷ luật khiển trách ngày 01/03/2025";
    char *reasons[] = {r0, r1};
    bool forcing[] = {false, true};
    struct review_proposal forced = {REVIEW_KHTNV, REVIEW_HTTNV, true, reasons, forcing, 2, 2};
    struct review_proposal plain = {REVIEW_HTTNV, REVIEW_HTTNV, false, reasons, forcing, 1, 2};
    const tcxd_date today = date_from_ymd(2026, 3, 1), jan = date_from_ymd(2026, 1, 15);
    enum { D = REVIEW_STEP_DECIDE, A = REVIEW_STEP_AMEND, R = REVIEW_STEP_RECORD };
    static const struct {
        int step, year;
        enum review_level level;
        bool decno, reason, over;
        int date; /* 0 none, 1 15/01/2026, 2 after today, 3 before the year */
        int prop; /* 0 none, 1 plain, 2 forced */
        bool party, chi_bo;
        int expected, decided;
        const char *field; /* NULL: accepted */
        bool departs, before, keeps;
    } cases[] = {
        {D, 2025, REVIEW_HTTNV, true, false, false, 1, 1, false, false, 0, 0, NULL, false, false,
         false},
        {D, 2025, REVIEW_HTTNV, false, false, false, 1, 1, false, false, 0, 0, "decision_no", false,
         false, false},
        {D, 2025, REVIEW_HTTNV, true, false, false, 0, 1, false, false, 0, 0, "decision_date",
         false, false, false},
        {D, 2025, REVIEW_HTTNV, true, false, false, 2, 1, false, false, 0, 0, "decision_date",
         false, false, false},
        {D, 2025, REVIEW_HTTNV, true, false, false, 3, 1, false, false, 0, 0, "decision_date",
         false, false, false},
        {A, 2025, REVIEW_HTNV, false, false, false, 0, 1, false, false, 0, 0, "reason", false,
         false, false},
        {A, 2025, REVIEW_HTNV, false, true, false, 0, 1, false, false, 0, 0, NULL, false, false,
         false},
        {A, 2025, REVIEW_HTNV, false, true, false, 2, 1, false, false, 0, 0, "decision_date", false,
         false, false},
        /* history: past years only, no other rule (no proposal, no order) */
        {R, 2017, REVIEW_HTTNV, false, false, false, 0, 0, true, true, 5, 0, NULL, false, false,
         false},
        {R, 2026, REVIEW_HTTNV, false, false, false, 0, 0, false, false, 0, 0, "year", false, false,
         false},
        {R, 2017, REVIEW_HTTNV, false, false, false, 2, 0, false, false, 0, 0, "decision_date",
         false, false, false},
        /* a chi bộ before its members: refused without a reason, noted with one */
        {D, 2025, REVIEW_HTTNV, true, false, false, 1, 1, true, true, 5, 4, "order", false, false,
         false},
        {D, 2025, REVIEW_HTTNV, true, false, true, 1, 1, true, true, 5, 4, NULL, false, true, true},
        {D, 2025, REVIEW_HTTNV, true, false, false, 1, 1, true, true, 5, 5, NULL, false, false,
         false},
        {D, 2025, REVIEW_HTTNV, true, false, false, 1, 1, true, false, 3, 2, "order", false, false,
         false},
        /* an amendment is not held to the order */
        {A, 2025, REVIEW_HTTNV, false, true, false, 0, 1, true, true, 5, 0, NULL, false, false,
         false},
        /* above a forced KHTNV: a reason; KHTNV itself needs none; the reason of a decision
           that departs from nothing is not kept */
        {D, 2025, REVIEW_HTTNV, true, false, false, 1, 2, false, false, 0, 0, "override_reason",
         false, false, false},
        {D, 2025, REVIEW_HTTNV, true, false, true, 1, 2, false, false, 0, 0, NULL, true, false,
         true},
        {D, 2025, REVIEW_KHTNV, true, false, false, 1, 2, false, false, 0, 0, NULL, false, false,
         false},
        {D, 2025, REVIEW_HTTNV, true, false, true, 1, 1, false, false, 0, 0, NULL, false, false,
         false},
        {A, 2025, REVIEW_HTTNV, false, true, false, 0, 2, false, false, 0, 0, NULL, true, false,
         false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const tcxd_date dates[] = {DATE_NONE, jan, today + 1,
                                   date_from_ymd(cases[i].year - 1, 12, 31)};
        const struct review_proposal *props[] = {NULL, &plain, &forced};
        struct review_decision_in in = {.step = (enum review_step)cases[i].step,
                                        .year = cases[i].year,
                                        .today = today,
                                        .level = cases[i].level,
                                        .has_decision_no = cases[i].decno,
                                        .has_reason = cases[i].reason,
                                        .has_override_reason = cases[i].over,
                                        .decision_date = dates[cases[i].date],
                                        .proposal = props[cases[i].prop],
                                        .party_org = cases[i].party,
                                        .chi_bo = cases[i].chi_bo,
                                        .subject_name = "Chi bộ 1",
                                        .parts_expected = cases[i].expected,
                                        .parts_decided = cases[i].decided};
        struct review_decision_out out;
        struct tcxd_error e;
        tcxd_error_clear(&e);
        enum tcxd_err rc = review_decision_check(&in, &out, &e);
        if (cases[i].field) {
            if (rc == TCXD_OK || strcmp(e.field, cases[i].field))
                fail_msg("case %zu: want a refusal at %s, got %d at '%s'", i, cases[i].field,
                         (int)rc, e.field);
            continue;
        }
        if (rc != TCXD_OK)
            fail_msg("case %zu: refused: %s (%s)", i, e.msg, e.field);
        assert_int_equal(out.departs_from_forced, cases[i].departs);
        assert_int_equal(out.decided_before_parts, cases[i].before);
        assert_int_equal(out.keeps_override, cases[i].keeps);
    }
    /* the refusal names the forcing rule, not the score */
    struct review_decision_in in = {.step = REVIEW_STEP_DECIDE,
                                    .year = 2025,
                                    .today = today,
                                    .level = REVIEW_HTNV,
                                    .has_decision_no = true,
                                    .decision_date = jan,
                                    .proposal = &forced};
    struct review_decision_out out;
    struct tcxd_error e;
    assert_int_equal(review_decision_check(&in, &out, &e), TCXD_ERULE);
    assert_non_null(strstr(e.msg, r1));
    assert_null(strstr(e.msg, r0));
}

/* Every condition barring HTXSNV is explained, not only the first. */
static void test_excellent_blockers_listed(void **state)
{
    (void)state;
    const struct review_ruleset *rs = review_ruleset_get(REVIEW_RULES_QD124_2023);
    struct review_discipline ld = {REVIEW_DISC_KHIEN_TRACH, date_from_ymd(2023, 5, 12), true, true};
    struct review_facts f = {CHI_BO,
                             GRADES(REVIEW_GRADE_XUAT_SAC, g_tot3),
                             .leader_disciplines = &ld,
                             .n_leader_disciplines = 1,
                             .sub_units = 5,
                             .sub_units_disciplined = 1,
                             .targets = TARGETS(8, 8, 8, 2),
                             .composition_total = 12,
                             .composition_htnv_plus = 12,
                             .composition_httnv_plus = 9};
    static const char *want[] = {
        "các tiêu chí đạt Tốt trở lên, kết quả thực hiện nhiệm vụ đạt Xuất sắc → Hoàn thành "
        "xuất sắc nhiệm vụ",
        "thành viên tập thể lãnh đạo bị kỷ luật khiển trách ngày 12/05/2023 → không đủ điều "
        "kiện Hoàn thành xuất sắc nhiệm vụ",
        "1/5 tổ chức trực thuộc bị kỷ luật → không đủ điều kiện Hoàn thành xuất sắc nhiệm vụ",
        "vượt 2/8 chỉ tiêu (25%, cần từ 50%) → không đủ điều kiện Hoàn thành xuất sắc nhiệm vụ",
        "9/12 đảng viên hoàn thành tốt nhiệm vụ trở lên (75%, cần từ 80%) → không đủ điều kiện "
        "Hoàn thành xuất sắc nhiệm vụ",
    };
    struct review_proposal p;
    review_proposal_init(&p);
    assert_int_equal(review_propose(rs, 2023, &f, &p, NULL), TCXD_OK);
    assert_int_equal(p.level, REVIEW_HTTNV);
    assert_false(p.forced);
    assert_int_equal(p.n_reasons, ARRAY_SIZE(want));
    for (size_t i = 0; i < ARRAY_SIZE(want); i++)
        assert_string_equal(p.reasons[i], want[i]);
    review_proposal_release(&p);
}

/* ---- Bad input: an error and no proposal ------------------------------------------------- */

static void test_propose_rejects(void **state)
{
    (void)state;
    const struct review_ruleset *r366 = review_ruleset_get(REVIEW_RULES_QD366_2025);
    const struct review_ruleset *r124 = review_ruleset_get(REVIEW_RULES_QD124_2023);
    struct review_discipline nodate = {REVIEW_DISC_KHIEN_TRACH, DATE_NONE, false, false};
    struct review_discipline dissolved = {REVIEW_DISC_GIAI_TAN, date_from_ymd(2025, 2, 2), false,
                                          false};
    struct review_discipline expelled = {REVIEW_DISC_KHAI_TRU, date_from_ymd(2025, 2, 2), false,
                                         false};
    static const enum review_grade bad_grade[] = {(enum review_grade)7};
    const struct {
        const struct review_ruleset *rs;
        int year;
        struct review_facts f;
        const char *field;
    } bad[] = {
        {r366, 2025, {MEMBER}, "score"},
        {r366, 2025, {MEMBER, SCORE(101)}, "score"},
        {r366, 2025, {MEMBER, .has_score = true, .score = -1}, "score"},
        {r366, 2024, {MEMBER, SCORE(80)}, "year"},
        {r124, 2025, {MEMBER, GRADES(REVIEW_GRADE_TOT, g_tot3)}, "year"},
        {r124, 2023, {MEMBER, SCORE(80)}, "grades"},
        {r124, 2023, {MEMBER, GRADES(REVIEW_GRADE_TOT, bad_grade)}, "grades"},
        {r366, 2025, {MEMBER, SCORE(80), .targets = TARGETS(10, 11, 5, 0)}, "targets"},
        {r366, 2025, {MEMBER, SCORE(80), .targets = TARGETS(10, 5, 6, 0)}, "targets"},
        {r366, 2025, {LEADER, SCORE(80), .unit_targets = TARGETS(-1, 0, 0, 0)}, "unit_targets"},
        {r366, 2025, {LEADER, SCORE(80), .votes_returned = 10, .votes_low = 11}, "votes"},
        {r366, 2025, {CHI_BO, SCORE(80), .sub_units = 3, .sub_units_disciplined = 4}, "sub_units"},
        {r366,
         2025,
         {CHI_BO, SCORE(80), .composition_total = 10, .composition_htnv_plus = 8,
          .composition_httnv_plus = 9},
         "composition"},
        {r366,
         2025,
         {MEMBER, SCORE(80), .disciplines = &nodate, .n_disciplines = 1},
         "disciplines"},
        {r366,
         2025,
         {MEMBER, SCORE(80), .disciplines = &dissolved, .n_disciplines = 1},
         "disciplines"},
        {r366,
         2025,
         {CHI_BO, SCORE(80), .disciplines = &expelled, .n_disciplines = 1},
         "disciplines"},
        {r366,
         2025,
         {CHI_BO, SCORE(80), .leader_disciplines = &dissolved, .n_leader_disciplines = 1},
         "leader_disciplines"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        struct review_proposal p;
        struct tcxd_error e = {0};
        review_proposal_init(&p);
        enum tcxd_err rc = review_propose(bad[i].rs, bad[i].year, &bad[i].f, &p, &e);
        if (rc != TCXD_EINVAL)
            fail_msg("case %zu: rc %d", i, rc);
        assert_string_equal(e.field, bad[i].field);
        assert_int_equal(p.n_reasons, 0);
        review_proposal_release(&p);
    }
}

/* ---- Party-organization excellent preconditions ------------------------------------------ */

static void test_org_excellent_ok(void **state)
{
    (void)state;
    const struct review_ruleset *rs = review_ruleset_get(REVIEW_RULES_QD366_2025);
    static const struct {
        int total, htnv_plus, httnv_plus;
        bool ok;
    } cases[] = {
        {10, 10, 8, true}, {10, 10, 10, true}, {10, 10, 7, false},
        {10, 9, 9, false}, {5, 5, 4, true},    {5, 5, 3, false},
        {0, 0, 0, false},  {24, 24, 20, true}, {24, 24, 19, false}, /* 19/24 = 79,2% */
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
        assert_int_equal(
            review_org_excellent_ok(rs, cases[i].total, cases[i].htnv_plus, cases[i].httnv_plus),
            cases[i].ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ruleset_for_year),
        cmocka_unit_test(test_rulesets_partition_years),
        cmocka_unit_test(test_ruleset_parameters),
        cmocka_unit_test(test_score_bands_366),
        cmocka_unit_test(test_score_reason_text),
        cmocka_unit_test(test_propose_table),
        cmocka_unit_test(test_same_discipline_two_rulesets),
        cmocka_unit_test(test_all_reasons_listed),
        cmocka_unit_test(test_share_votes_and_2018_basis),
        cmocka_unit_test(test_decision_check),
        cmocka_unit_test(test_excellent_blockers_listed),
        cmocka_unit_test(test_propose_rejects),
        cmocka_unit_test(test_org_excellent_ok),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
