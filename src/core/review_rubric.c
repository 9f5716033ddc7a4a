/*
 * review_rubric.c - scoring rubrics: validation of a rubric and of the scores given against
 * it, and the built-in QĐ 366 rubrics (see review.h).
 *
 * CONFIGURABLE DEFAULTS: QĐ 366-QĐ/TW fixes the two groups (general criteria 30 points, task
 * results 70 points) but the text of its appendices (the per-criterion frameworks) was not
 * confirmed (domain.md §1.3). The split of each group into criteria below is a reasonable
 * default drawn from the criteria the earlier guidance names (HD 21-HD/BTCTW, QĐ 124); boards
 * replace it with their own rubric (edited and imported by admins, stored per year).
 */
#include "core/review.h"

#include <stdlib.h>
#include <string.h>

#include "util/msg.h"
#include "util/xmalloc.h"
#include "util/banned.h"

static const struct review_rubric_group groups_366[] = {
    {"I", "Nhóm tiêu chí chung", REVIEW_POINTS(30)},
    {"II", "Nhóm tiêu chí về kết quả thực hiện nhiệm vụ", REVIEW_POINTS(70)},
};

/* Chi bộ (cơ sở or trực thuộc). */
static const struct review_criterion criteria_chi_bo[] = {
    {0, "1.1",
     "Lãnh đạo chấp hành chủ trương, đường lối của Đảng, chính sách, pháp luật của "
     "Nhà nước",
     REVIEW_POINTS(8)},
    {0, "1.2", "Công tác giáo dục chính trị, tư tưởng, đạo đức, lối sống của đảng viên",
     REVIEW_POINTS(6)},
    {0, "1.3", "Thực hiện nguyên tắc tập trung dân chủ, giữ gìn đoàn kết nội bộ", REVIEW_POINTS(6)},
    {0, "1.4", "Chất lượng sinh hoạt chi bộ", REVIEW_POINTS(5)},
    {0, "1.5", "Kiểm tra, giám sát; phòng, chống tham nhũng, lãng phí, tiêu cực", REVIEW_POINTS(5)},
    {1, "2.1", "Lãnh đạo thực hiện nhiệm vụ chính trị của địa phương, cơ quan, đơn vị",
     REVIEW_POINTS(30)},
    {1, "2.2", "Công tác phát triển, quản lý, phân công nhiệm vụ cho đảng viên", REVIEW_POINTS(15)},
    {1, "2.3", "Lãnh đạo chính quyền, Mặt trận Tổ quốc và các đoàn thể cùng cấp",
     REVIEW_POINTS(10)},
    {1, "2.4", "Khắc phục hạn chế, khuyết điểm đã được chỉ ra", REVIEW_POINTS(10)},
    {1, "2.5", "Thực hiện nhiệm vụ đột xuất, phát sinh", REVIEW_POINTS(5)},
};

/* Đảng bộ cơ sở. */
static const struct review_criterion criteria_dang_bo[] = {
    {0, "1.1",
     "Lãnh đạo chấp hành chủ trương, đường lối của Đảng, chính sách, pháp luật của "
     "Nhà nước",
     REVIEW_POINTS(8)},
    {0, "1.2", "Công tác chính trị, tư tưởng; xây dựng Đảng về đạo đức", REVIEW_POINTS(6)},
    {0, "1.3", "Thực hiện nguyên tắc tập trung dân chủ, quy chế làm việc, đoàn kết nội bộ",
     REVIEW_POINTS(6)},
    {0, "1.4", "Chất lượng sinh hoạt đảng ủy và các chi bộ trực thuộc", REVIEW_POINTS(5)},
    {0, "1.5", "Phòng, chống tham nhũng, lãng phí, tiêu cực", REVIEW_POINTS(5)},
    {1, "2.1",
     "Lãnh đạo thực hiện nhiệm vụ chính trị, phát triển kinh tế - xã hội, quốc phòng, "
     "an ninh",
     REVIEW_POINTS(25)},
    {1, "2.2", "Xây dựng tổ chức đảng; chất lượng tổ chức đảng trực thuộc", REVIEW_POINTS(15)},
    {1, "2.3", "Công tác cán bộ, phát triển và quản lý đảng viên", REVIEW_POINTS(10)},
    {1, "2.4", "Công tác kiểm tra, giám sát và thi hành kỷ luật đảng", REVIEW_POINTS(10)},
    {1, "2.5", "Khắc phục hạn chế, khuyết điểm đã được chỉ ra", REVIEW_POINTS(10)},
};

/* Đảng viên without a leadership post. */
static const struct review_criterion criteria_member[] = {
    {0, "1.1", "Tư tưởng chính trị", REVIEW_POINTS(8)},
    {0, "1.2", "Phẩm chất đạo đức, lối sống", REVIEW_POINTS(8)},
    {0, "1.3", "Ý thức tổ chức kỷ luật", REVIEW_POINTS(7)},
    {0, "1.4", "Tác phong, lề lối làm việc; quan hệ với quần chúng", REVIEW_POINTS(7)},
    {1, "2.1", "Kết quả thực hiện nhiệm vụ chuyên môn, công việc được giao", REVIEW_POINTS(40)},
    {1, "2.2", "Thực hiện nhiệm vụ đảng viên, nhiệm vụ chi bộ phân công", REVIEW_POINTS(20)},
    {1, "2.3", "Khắc phục hạn chế, khuyết điểm đã được chỉ ra", REVIEW_POINTS(10)},
};

/* Cán bộ lãnh đạo, quản lý. */
static const struct review_criterion criteria_leader[] = {
    {0, "1.1", "Tư tưởng chính trị", REVIEW_POINTS(8)},
    {0, "1.2", "Phẩm chất đạo đức, lối sống; nêu gương", REVIEW_POINTS(8)},
    {0, "1.3", "Ý thức tổ chức kỷ luật", REVIEW_POINTS(7)},
    {0, "1.4", "Tác phong, lề lối làm việc; quan hệ với quần chúng", REVIEW_POINTS(7)},
    {1, "2.1", "Kết quả thực hiện nhiệm vụ của địa phương, cơ quan, đơn vị được giao phụ trách",
     REVIEW_POINTS(30)},
    {1, "2.2", "Năng lực lãnh đạo, quản lý, điều hành; đổi mới, sáng tạo", REVIEW_POINTS(20)},
    {1, "2.3", "Kết quả thực hiện nhiệm vụ cá nhân được giao", REVIEW_POINTS(10)},
    {1, "2.4", "Khắc phục hạn chế, khuyết điểm đã được chỉ ra", REVIEW_POINTS(10)},
};

#define RUBRIC_366(nm, subj, crit)                                                                 \
    {                                                                                              \
        .name = (nm), .subject = (subj), .year_from = 2025, .year_to = 0, .groups = groups_366,    \
        .n_groups = ARRAY_SIZE(groups_366), .criteria = (crit), .n_criteria = ARRAY_SIZE(crit)     \
    }

static const struct review_rubric default_rubrics[] = {
    RUBRIC_366("qd366-chi-bo", REVIEW_SUBJECT_CHI_BO, criteria_chi_bo),
    RUBRIC_366("qd366-dang-bo-co-so", REVIEW_SUBJECT_DANG_BO, criteria_dang_bo),
    RUBRIC_366("qd366-dang-vien", REVIEW_SUBJECT_MEMBER, criteria_member),
    RUBRIC_366("qd366-lanh-dao", REVIEW_SUBJECT_LEADER, criteria_leader),
};

enum tcxd_err review_rubric_default(enum review_subject s, int year,
                                    const struct review_rubric **out, struct tcxd_error *e)
{
    for (size_t i = 0; i < ARRAY_SIZE(default_rubrics); i++) {
        const struct review_rubric *r = &default_rubrics[i];
        if (r->subject == s && year >= r->year_from && (r->year_to == 0 || year <= r->year_to)) {
            *out = r;
            return TCXD_OK;
        }
    }
    return tcxd_fail(e, TCXD_ENOTFOUND, "rubric", "no built-in rubric for %s in %d",
                     review_subject_name(s), year);
}

static bool empty(const char *s)
{
    return !s || !*s;
}

enum tcxd_err review_rubric_validate(const struct review_rubric *r, const struct review_ruleset *rs,
                                     struct tcxd_error *e)
{
    if (r->n_groups == 0 || r->n_criteria == 0)
        return tcxd_fail(e, TCXD_EINVAL, "rubric", "rubric '%s' has no %s", r->name ? r->name : "",
                         r->n_groups == 0 ? MSG_T("groups") : MSG_T("criteria"));
    if (r->year_to != 0 && r->year_to < r->year_from)
        return tcxd_fail(e, TCXD_EINVAL, "year_to", "rubric years %d..%d are reversed",
                         r->year_from, r->year_to);

    review_points *sums = xcalloc(r->n_groups, sizeof(*sums));
    enum tcxd_err rc = TCXD_OK;
    for (size_t g = 0; g < r->n_groups && !rc; g++) {
        const struct review_rubric_group *gr = &r->groups[g];
        if (empty(gr->code) || empty(gr->name))
            rc = tcxd_fail(e, TCXD_EINVAL, "group", "group %zu has no code or name", g + 1);
        else if (gr->max <= 0 || gr->max > REVIEW_POINTS_MAX)
            rc = tcxd_fail(e, TCXD_EINVAL, gr->code,
                           "group '%s' has a maximum outside 0..1000 points", gr->code);
        for (size_t h = 0; h < g && !rc; h++)
            if (strcmp(r->groups[h].code, gr->code) == 0)
                rc = tcxd_fail(e, TCXD_EINVAL, gr->code, "duplicate group code '%s'", gr->code);
    }
    for (size_t i = 0; i < r->n_criteria && !rc; i++) {
        const struct review_criterion *c = &r->criteria[i];
        if (empty(c->code) || empty(c->name))
            rc = tcxd_fail(e, TCXD_EINVAL, "criterion", "criterion %zu has no code or name", i + 1);
        else if (c->group >= r->n_groups)
            rc = tcxd_fail(e, TCXD_EINVAL, c->code, "criterion '%s' is in no group", c->code);
        else if (c->max <= 0 || c->max > REVIEW_POINTS_MAX)
            rc = tcxd_fail(e, TCXD_EINVAL, c->code,
                           "criterion '%s' has a maximum outside 0..1000 points", c->code);
        for (size_t j = 0; j < i && !rc; j++)
            if (strcmp(r->criteria[j].code, c->code) == 0)
                rc = tcxd_fail(e, TCXD_EINVAL, c->code, "duplicate criterion code '%s'", c->code);
        if (!rc)
            sums[c->group] += c->max;
    }
    for (size_t g = 0; g < r->n_groups && !rc; g++) {
        struct buf a = BUF_INIT, b = BUF_INIT;
        if (sums[g] != r->groups[g].max) {
            review_points_format(&a, sums[g]);
            review_points_format(&b, r->groups[g].max);
            rc = tcxd_fail(e, TCXD_EINVAL, r->groups[g].code,
                           "criteria of group '%s' add up to %s, not its maximum %s",
                           r->groups[g].code, a.ptr, b.ptr);
        }
        buf_release(&a);
        buf_release(&b);
    }
    if (!rc && rs && rs->scoring == REVIEW_SCORING_POINTS && rs->max_general &&
        review_ruleset_covers(rs, r->year_from)) {
        if (r->n_groups != 2 || r->groups[0].max != rs->max_general ||
            r->groups[1].max != rs->max_results)
            rc = tcxd_fail(e, TCXD_EINVAL, "rubric",
                           "rule set %s needs two groups of %d and %d points", rs->name,
                           (int)(rs->max_general / 100), (int)(rs->max_results / 100));
    }
    free(sums);
    return rc;
}

enum tcxd_err review_scores_validate(const struct review_rubric *r,
                                     const struct review_score *scores, size_t n,
                                     review_points *total, review_points *group_totals,
                                     struct tcxd_error *e)
{
    size_t *seen = xcalloc(r->n_criteria ? r->n_criteria : 1, sizeof(*seen));
    review_points *gt = xcalloc(r->n_groups ? r->n_groups : 1, sizeof(*gt));
    review_points sum = 0;
    enum tcxd_err rc = TCXD_OK;

    for (size_t i = 0; i < n && !rc; i++) {
        const struct review_score *s = &scores[i];
        const char *code = s->criterion ? s->criterion : "";
        size_t k = r->n_criteria;
        for (size_t j = 0; j < r->n_criteria; j++)
            if (strcmp(r->criteria[j].code, code) == 0)
                k = j;
        if (k == r->n_criteria) {
            rc = tcxd_fail(e, TCXD_EINVAL, code, "unknown criterion '%s' in rubric '%s'", code,
                           r->name ? r->name : "");
            break;
        }
        const struct review_criterion *c = &r->criteria[k];
        struct buf a = BUF_INIT, b = BUF_INIT;
        review_points_format(&a, s->points);
        review_points_format(&b, c->max);
        if (seen[k])
            rc = tcxd_fail(e, TCXD_EINVAL, code, "criterion '%s' scored twice", code);
        else if (s->points < 0)
            rc = tcxd_fail(e, TCXD_EINVAL, code, "negative score %s for criterion '%s'", a.ptr,
                           code);
        else if (s->points > c->max)
            rc = tcxd_fail(e, TCXD_EINVAL, code, "score %s above the maximum %s for criterion '%s'",
                           a.ptr, b.ptr, code);
        buf_release(&a);
        buf_release(&b);
        if (rc)
            break;
        seen[k] = 1;
        sum += s->points;
        gt[c->group] += s->points;
    }
    for (size_t j = 0; j < r->n_criteria && !rc; j++)
        if (!seen[j])
            rc = tcxd_fail(e, TCXD_EINVAL, r->criteria[j].code, "missing score for criterion '%s'",
                           r->criteria[j].code);
    if (!rc) {
        *total = sum;
        if (group_totals)
            memcpy(group_totals, gt, r->n_groups * sizeof(*gt));
    }
    free(seen);
    free(gt);
    return rc;
}
