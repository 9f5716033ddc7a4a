/*
 * review.c - names and parsing of the review enumerations, legacy-level mapping, points,
 * the excellent cap, review exclusions and the workflow state machine (see review.h).
 */
#include "core/review.h"

#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/msg.h"
#include "util/vnfmt.h"
#include "util/banned.h"

struct named {
    const char *name;
    const char *label;
};

/* Index of s in table by name (ASCII case-insensitive) or exact label; -1 if none. */
static int lookup(const struct named *t, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcasecmp(s, t[i].name) == 0 || strcmp(s, t[i].label) == 0)
            return i;
    return -1;
}

/* ---- Levels ------------------------------------------------------------------------------ */

static const struct {
    const char *name, *code, *label, *phrase;
} levels[REVIEW_LEVEL__MAX] = {
    [REVIEW_HTXSNV] = {"htxsnv", "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ",
                       "hoàn thành xuất sắc nhiệm vụ"},
    [REVIEW_HTTNV] = {"httnv", "HTTNV", "Hoàn thành tốt nhiệm vụ", "hoàn thành tốt nhiệm vụ"},
    [REVIEW_HTNV] = {"htnv", "HTNV", "Hoàn thành nhiệm vụ", "hoàn thành nhiệm vụ"},
    [REVIEW_KHTNV] = {"khtnv", "KHTNV", "Không hoàn thành nhiệm vụ", "không hoàn thành nhiệm vụ"},
};

const char *review_level_name(enum review_level l)
{
    assert((unsigned)l < REVIEW_LEVEL__MAX);
    return levels[l].name;
}

const char *review_level_code(enum review_level l)
{
    assert((unsigned)l < REVIEW_LEVEL__MAX);
    return levels[l].code;
}

const char *review_level_label(enum review_level l)
{
    assert((unsigned)l < REVIEW_LEVEL__MAX);
    return levels[l].label;
}

const char *review_level_phrase(enum review_level l)
{
    assert((unsigned)l < REVIEW_LEVEL__MAX);
    return levels[l].phrase;
}

enum tcxd_err review_level_parse(const char *s, enum review_level *out, struct tcxd_error *e)
{
    for (int i = 0; i < REVIEW_LEVEL__MAX; i++) {
        if (strcasecmp(s, levels[i].name) == 0 || strcmp(s, levels[i].label) == 0 ||
            strcmp(s, levels[i].phrase) == 0) {
            *out = (enum review_level)i;
            return TCXD_OK;
        }
    }
    return tcxd_fail(e, TCXD_EINVAL, "level", "unknown review level '%s'", s);
}

bool review_level_at_least(enum review_level l, enum review_level min)
{
    return l <= min;
}

/* ---- Legacy levels ----------------------------------------------------------------------- */

static const struct named legacy_org[REVIEW_LEGACY_ORG__MAX] = {
    [REVIEW_LEGACY_ORG_TSVM_TIEU_BIEU] = {"tsvm_tieu_bieu", "Trong sạch, vững mạnh tiêu biểu"},
    [REVIEW_LEGACY_ORG_TSVM] = {"tsvm", "Trong sạch, vững mạnh"},
    [REVIEW_LEGACY_ORG_HTTNV] = {"httnv", "Hoàn thành tốt nhiệm vụ"},
    [REVIEW_LEGACY_ORG_HTNV] = {"htnv", "Hoàn thành nhiệm vụ"},
    [REVIEW_LEGACY_ORG_YEU_KEM] = {"yeu_kem", "Yếu kém"},
};

static const enum review_level legacy_org_level[REVIEW_LEGACY_ORG__MAX] = {
    [REVIEW_LEGACY_ORG_TSVM_TIEU_BIEU] = REVIEW_HTXSNV, [REVIEW_LEGACY_ORG_TSVM] = REVIEW_HTXSNV,
    [REVIEW_LEGACY_ORG_HTTNV] = REVIEW_HTTNV,           [REVIEW_LEGACY_ORG_HTNV] = REVIEW_HTNV,
    [REVIEW_LEGACY_ORG_YEU_KEM] = REVIEW_KHTNV,
};

static const struct named legacy_member[REVIEW_LEGACY_MEMBER__MAX] = {
    [REVIEW_LEGACY_MEMBER_HTXSNV] = {"dtc_htxsnv", "Đủ tư cách, hoàn thành xuất sắc nhiệm vụ"},
    [REVIEW_LEGACY_MEMBER_HTTNV] = {"dtc_httnv", "Đủ tư cách, hoàn thành tốt nhiệm vụ"},
    [REVIEW_LEGACY_MEMBER_HTNV] = {"dtc_htnv", "Đủ tư cách, hoàn thành nhiệm vụ"},
    [REVIEW_LEGACY_MEMBER_VPTC] = {"vptc_khtnv", "Vi phạm tư cách hoặc không hoàn thành nhiệm vụ"},
};

const char *review_legacy_org_name(enum review_legacy_org l)
{
    assert((unsigned)l < REVIEW_LEGACY_ORG__MAX);
    return legacy_org[l].name;
}

const char *review_legacy_org_label(enum review_legacy_org l)
{
    assert((unsigned)l < REVIEW_LEGACY_ORG__MAX);
    return legacy_org[l].label;
}

const char *review_legacy_member_name(enum review_legacy_member l)
{
    assert((unsigned)l < REVIEW_LEGACY_MEMBER__MAX);
    return legacy_member[l].name;
}

const char *review_legacy_member_label(enum review_legacy_member l)
{
    assert((unsigned)l < REVIEW_LEGACY_MEMBER__MAX);
    return legacy_member[l].label;
}

static const char *const legacy_org_phrase[REVIEW_LEGACY_ORG__MAX] = {
    [REVIEW_LEGACY_ORG_TSVM_TIEU_BIEU] = "trong sạch, vững mạnh tiêu biểu",
    [REVIEW_LEGACY_ORG_TSVM] = "trong sạch, vững mạnh",
    [REVIEW_LEGACY_ORG_HTTNV] = "hoàn thành tốt nhiệm vụ",
    [REVIEW_LEGACY_ORG_HTNV] = "hoàn thành nhiệm vụ",
    [REVIEW_LEGACY_ORG_YEU_KEM] = "yếu kém",
};

static const char *const legacy_member_phrase[REVIEW_LEGACY_MEMBER__MAX] = {
    [REVIEW_LEGACY_MEMBER_HTXSNV] = "đủ tư cách, hoàn thành xuất sắc nhiệm vụ",
    [REVIEW_LEGACY_MEMBER_HTTNV] = "đủ tư cách, hoàn thành tốt nhiệm vụ",
    [REVIEW_LEGACY_MEMBER_HTNV] = "đủ tư cách, hoàn thành nhiệm vụ",
    [REVIEW_LEGACY_MEMBER_VPTC] = "vi phạm tư cách hoặc không hoàn thành nhiệm vụ",
};

const char *review_legacy_org_phrase(enum review_legacy_org l)
{
    assert((unsigned)l < REVIEW_LEGACY_ORG__MAX);
    return legacy_org_phrase[l];
}

const char *review_legacy_member_phrase(enum review_legacy_member l)
{
    assert((unsigned)l < REVIEW_LEGACY_MEMBER__MAX);
    return legacy_member_phrase[l];
}

enum tcxd_err review_legacy_org_parse(const char *s, enum review_legacy_org *out,
                                      struct tcxd_error *e)
{
    int i = lookup(legacy_org, REVIEW_LEGACY_ORG__MAX, s);
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "level", "unknown legacy organization level '%s'", s);
    *out = (enum review_legacy_org)i;
    return TCXD_OK;
}

enum tcxd_err review_legacy_member_parse(const char *s, enum review_legacy_member *out,
                                         struct tcxd_error *e)
{
    int i = lookup(legacy_member, REVIEW_LEGACY_MEMBER__MAX, s);
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "level", "unknown legacy member level '%s'", s);
    *out = (enum review_legacy_member)i;
    return TCXD_OK;
}

enum review_level review_legacy_org_level(enum review_legacy_org l)
{
    assert((unsigned)l < REVIEW_LEGACY_ORG__MAX);
    return legacy_org_level[l];
}

enum review_level review_legacy_member_level(enum review_legacy_member l)
{
    assert((unsigned)l < REVIEW_LEGACY_MEMBER__MAX);
    return (enum review_level)l; /* same order, one to one */
}

enum review_legacy_org review_legacy_org_from_level(enum review_level l)
{
    assert((unsigned)l < REVIEW_LEVEL__MAX);
    return l == REVIEW_HTXSNV ? REVIEW_LEGACY_ORG_TSVM : (enum review_legacy_org)(l + 1);
}

enum review_legacy_member review_legacy_member_from_level(enum review_level l)
{
    assert((unsigned)l < REVIEW_LEVEL__MAX);
    return (enum review_legacy_member)l;
}

/* ---- Grades, subjects, discipline forms -------------------------------------------------- */

static const struct named grades[REVIEW_GRADE__MAX] = {
    [REVIEW_GRADE_XUAT_SAC] = {"xuat_sac", "Xuất sắc"},
    [REVIEW_GRADE_TOT] = {"tot", "Tốt"},
    [REVIEW_GRADE_TRUNG_BINH] = {"trung_binh", "Trung bình"},
    [REVIEW_GRADE_KEM] = {"kem", "Kém"},
};

const char *review_grade_name(enum review_grade g)
{
    assert((unsigned)g < REVIEW_GRADE__MAX);
    return grades[g].name;
}

const char *review_grade_label(enum review_grade g)
{
    assert((unsigned)g < REVIEW_GRADE__MAX);
    return grades[g].label;
}

enum tcxd_err review_grade_parse(const char *s, enum review_grade *out, struct tcxd_error *e)
{
    int i = lookup(grades, REVIEW_GRADE__MAX, s);
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "grade", "unknown criterion grade '%s'", s);
    *out = (enum review_grade)i;
    return TCXD_OK;
}

static const struct named subjects[REVIEW_SUBJECT__MAX] = {
    [REVIEW_SUBJECT_MEMBER] = {"member", "Đảng viên"},
    [REVIEW_SUBJECT_LEADER] = {"leader", "Cán bộ lãnh đạo, quản lý"},
    [REVIEW_SUBJECT_CHI_BO] = {"chi_bo", "Chi bộ"},
    [REVIEW_SUBJECT_DANG_BO] = {"dang_bo", "Đảng bộ"},
    [REVIEW_SUBJECT_LEADERSHIP] = {"leadership", "Tập thể lãnh đạo, quản lý"},
};

const char *review_subject_name(enum review_subject s)
{
    assert((unsigned)s < REVIEW_SUBJECT__MAX);
    return subjects[s].name;
}

const char *review_subject_label(enum review_subject s)
{
    assert((unsigned)s < REVIEW_SUBJECT__MAX);
    return subjects[s].label;
}

enum tcxd_err review_subject_parse(const char *s, enum review_subject *out, struct tcxd_error *e)
{
    int i = lookup(subjects, REVIEW_SUBJECT__MAX, s);
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "subject", "unknown review subject '%s'", s);
    *out = (enum review_subject)i;
    return TCXD_OK;
}

bool review_subject_is_collective(enum review_subject s)
{
    assert((unsigned)s < REVIEW_SUBJECT__MAX);
    return s == REVIEW_SUBJECT_CHI_BO || s == REVIEW_SUBJECT_DANG_BO ||
           s == REVIEW_SUBJECT_LEADERSHIP;
}

bool review_subject_is_party_org(enum review_subject s)
{
    assert((unsigned)s < REVIEW_SUBJECT__MAX);
    return s == REVIEW_SUBJECT_CHI_BO || s == REVIEW_SUBJECT_DANG_BO;
}

static const struct named disciplines[REVIEW_DISC__MAX] = {
    [REVIEW_DISC_KHIEN_TRACH] = {"khien_trach", "khiển trách"},
    [REVIEW_DISC_CANH_CAO] = {"canh_cao", "cảnh cáo"},
    [REVIEW_DISC_CACH_CHUC] = {"cach_chuc", "cách chức"},
    [REVIEW_DISC_KHAI_TRU] = {"khai_tru", "khai trừ"},
    [REVIEW_DISC_GIAI_TAN] = {"giai_tan", "giải tán"},
};

const char *review_discipline_name(enum review_discipline_form f)
{
    assert((unsigned)f < REVIEW_DISC__MAX);
    return disciplines[f].name;
}

const char *review_discipline_label(enum review_discipline_form f)
{
    assert((unsigned)f < REVIEW_DISC__MAX);
    return disciplines[f].label;
}

enum tcxd_err review_discipline_parse(const char *s, enum review_discipline_form *out,
                                      struct tcxd_error *e)
{
    int i = lookup(disciplines, REVIEW_DISC__MAX, s);
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "form", "unknown discipline form '%s'", s);
    *out = (enum review_discipline_form)i;
    return TCXD_OK;
}

/* ---- Points ------------------------------------------------------------------------------ */

enum tcxd_err review_points_parse(const char *s, review_points *out, const char *field,
                                  struct tcxd_error *e)
{
    const char *p = s;
    int64_t whole = 0, frac = 0;
    int nd = 0, nf = 0;

    while (*p == ' ' || *p == '\t')
        p++;
    for (; isdigit((unsigned char)*p); p++, nd++) {
        if (nd >= 4)
            goto bad;
        whole = whole * 10 + (*p - '0');
    }
    if (nd == 0)
        goto bad;
    if (*p == ',' || *p == '.') {
        for (p++; isdigit((unsigned char)*p); p++, nf++) {
            if (nf >= 2)
                goto bad;
            frac = frac * 10 + (*p - '0');
        }
        if (nf == 0)
            goto bad;
        if (nf == 1)
            frac *= 10;
    }
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p)
        goto bad;
    if (whole * 100 + frac > REVIEW_POINTS_MAX)
        return tcxd_fail(e, TCXD_EINVAL, field, "points '%s' above 1000", s);
    *out = (review_points)(whole * 100 + frac);
    return TCXD_OK;
bad:
    return tcxd_fail(e, TCXD_EINVAL, field, "invalid points '%s'", s);
}

void review_points_format(struct buf *b, review_points p)
{
    int64_t v = p;
    if (v < 0) {
        buf_addch(b, '-');
        v = -v;
    }
    vnfmt_int(b, v / 100);
    int frac = (int)(v % 100);
    if (frac % 10 == 0 && frac)
        buf_addf(b, ",%d", frac / 10);
    else if (frac)
        buf_addf(b, ",%02d", frac);
}

/* ---- The excellent cap ------------------------------------------------------------------- */

int review_cap_allowed(int share_pct, int n_good)
{
    assert(share_pct >= 0 && share_pct <= 100 && n_good >= 0);
    return (int)((int64_t)share_pct * n_good / 100);
}

enum tcxd_err review_cap_check(const struct review_ruleset *rs, int share_pct,
                               const enum review_level *lv, size_t n, const char *exception_reason,
                               struct review_cap *out, struct tcxd_error *e)
{
    struct review_cap c = {0};
    int share = share_pct == REVIEW_CAP_DEFAULT ? rs->cap_share_pct : share_pct;

    if (share < 0 || share > 100)
        return tcxd_fail(e, TCXD_EINVAL, "cap_share", "cap share %d%% outside 0..100", share_pct);
    for (size_t i = 0; i < n; i++) {
        assert((unsigned)lv[i] < REVIEW_LEVEL__MAX);
        c.n_excellent += lv[i] == REVIEW_HTXSNV;
        c.n_good += lv[i] == REVIEW_HTTNV;
    }
    c.share_pct = share;
    c.allowed = share ? review_cap_allowed(share, c.n_good) : -1;
    c.exceeded = share && c.n_excellent > c.allowed;
    if (out)
        *out = c;
    if (!c.exceeded)
        return TCXD_OK;

    bool has_reason = false;
    for (const char *r = exception_reason; r && *r; r++)
        if (!isspace((unsigned char)*r))
            has_reason = true;
    if (has_reason && rs->cap_exception)
        return TCXD_OK;
    return tcxd_fail(e, TCXD_ERULE, "level",
                     "%d rated HTXSNV exceed the cap of %d (%d%% of %d rated HTTNV)%s",
                     c.n_excellent, c.allowed, share, c.n_good,
                     has_reason          ? MSG_T("; this rule set allows no exception")
                     : rs->cap_exception ? MSG_T("; an exception needs a reason")
                                         : "");
}

/* ---- Exclusion --------------------------------------------------------------------------- */

static const struct named exclusions[REVIEW_EXCLUSION__MAX] = {
    [REVIEW_INCLUDED] = {"included", "thuộc diện đánh giá, xếp loại"},
    [REVIEW_EXCL_EXEMPTED] = {"exempted", "được miễn công tác và sinh hoạt đảng"},
    [REVIEW_EXCL_SUSPENDED] = {"suspended", "đang bị đình chỉ sinh hoạt đảng"},
    [REVIEW_EXCL_NEW_MEMBER] = {"new_member", "kết nạp chưa đủ 6 tháng"},
};

const char *review_exclusion_name(enum review_exclusion x)
{
    assert((unsigned)x < REVIEW_EXCLUSION__MAX);
    return exclusions[x].name;
}

const char *review_exclusion_label(enum review_exclusion x)
{
    assert((unsigned)x < REVIEW_EXCLUSION__MAX);
    return exclusions[x].label;
}

enum review_exclusion review_exclusion_check(const struct review_ruleset *rs,
                                             const struct review_member_status *m,
                                             tcxd_date review_date)
{
    if (m->exempted)
        return REVIEW_EXCL_EXEMPTED;
    if (m->suspended)
        return REVIEW_EXCL_SUSPENDED;
    if (m->admitted != DATE_NONE && rs->new_member_months > 0 &&
        date_add_months(m->admitted, rs->new_member_months) > review_date)
        return REVIEW_EXCL_NEW_MEMBER;
    return REVIEW_INCLUDED;
}

/* ---- Workflow ---------------------------------------------------------------------------- */

static const struct named states[REVIEW_STATE__MAX] = {
    [REVIEW_STATE_NONE] = {"none", "Chưa đánh giá"},
    [REVIEW_STATE_SELF_ASSESSED] = {"self_assessed", "Đã tự đánh giá"},
    [REVIEW_STATE_VERIFIED] = {"verified", "Đã thẩm định"},
    [REVIEW_STATE_DECIDED] = {"decided", "Đã quyết định xếp loại"},
    [REVIEW_STATE_AMENDED] = {"amended", "Đã điều chỉnh sau quyết định"},
};

static const struct named steps[REVIEW_STEP__MAX] = {
    [REVIEW_STEP_SELF_ASSESS] = {"self_assess", "Tự đánh giá"},
    [REVIEW_STEP_VERIFY] = {"verify", "Thẩm định"},
    [REVIEW_STEP_DECIDE] = {"decide", "Quyết định xếp loại"},
    [REVIEW_STEP_AMEND] = {"amend", "Điều chỉnh"},
    [REVIEW_STEP_RECORD] = {"record", "Ghi nhận quyết định đã có"},
};

#define NO_STATE REVIEW_STATE__MAX

/* next[from][step]: the state after the step, NO_STATE when refused. */
static const enum review_state next_state[REVIEW_STATE__MAX][REVIEW_STEP__MAX] = {
    [REVIEW_STATE_NONE] = {REVIEW_STATE_SELF_ASSESSED, NO_STATE, NO_STATE, NO_STATE,
                           REVIEW_STATE_DECIDED},
    [REVIEW_STATE_SELF_ASSESSED] = {REVIEW_STATE_SELF_ASSESSED, REVIEW_STATE_VERIFIED, NO_STATE,
                                    NO_STATE, REVIEW_STATE_DECIDED},
    [REVIEW_STATE_VERIFIED] = {NO_STATE, REVIEW_STATE_VERIFIED, REVIEW_STATE_DECIDED, NO_STATE,
                               REVIEW_STATE_DECIDED},
    [REVIEW_STATE_DECIDED] = {NO_STATE, NO_STATE, NO_STATE, REVIEW_STATE_AMENDED, NO_STATE},
    [REVIEW_STATE_AMENDED] = {NO_STATE, NO_STATE, NO_STATE, REVIEW_STATE_AMENDED, NO_STATE},
};

const char *review_state_name(enum review_state s)
{
    assert((unsigned)s < REVIEW_STATE__MAX);
    return states[s].name;
}

const char *review_state_label(enum review_state s)
{
    assert((unsigned)s < REVIEW_STATE__MAX);
    return states[s].label;
}

const char *review_step_name(enum review_step s)
{
    assert((unsigned)s < REVIEW_STEP__MAX);
    return steps[s].name;
}

const char *review_step_label(enum review_step s)
{
    assert((unsigned)s < REVIEW_STEP__MAX);
    return steps[s].label;
}

enum tcxd_err review_state_parse(const char *s, enum review_state *out, struct tcxd_error *e)
{
    int i = lookup(states, REVIEW_STATE__MAX, s);
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "state", "unknown review state '%s'", s);
    *out = (enum review_state)i;
    return TCXD_OK;
}

enum tcxd_err review_step_parse(const char *s, enum review_step *out, struct tcxd_error *e)
{
    int i = lookup(steps, REVIEW_STEP__MAX, s);
    if (i < 0)
        return tcxd_fail(e, TCXD_EINVAL, "step", "unknown review step '%s'", s);
    *out = (enum review_step)i;
    return TCXD_OK;
}

bool review_state_locked(enum review_state s)
{
    assert((unsigned)s < REVIEW_STATE__MAX);
    return s == REVIEW_STATE_DECIDED || s == REVIEW_STATE_AMENDED;
}

enum tcxd_err review_step_apply(enum review_state from, enum review_step step,
                                enum review_state *to, struct tcxd_error *e)
{
    assert((unsigned)from < REVIEW_STATE__MAX && (unsigned)step < REVIEW_STEP__MAX);
    enum review_state n = next_state[from][step];
    if (n != NO_STATE) {
        *to = n;
        return TCXD_OK;
    }
    const char *why;
    if (review_state_locked(from))
        why = MSG_T("the review is decided and locked; change it by an amendment");
    else if (step == REVIEW_STEP_AMEND)
        why = MSG_T("only a decided review can be amended");
    else if (step == REVIEW_STEP_SELF_ASSESS)
        why = MSG_T("the self-assessment cannot be redone after verification");
    else if (step == REVIEW_STEP_VERIFY)
        why = MSG_T("the self-assessment comes first");
    else
        why = MSG_T("the verification comes first");
    return tcxd_fail(e, TCXD_ERULE, "step", "cannot %s a review in state '%s': %s",
                     review_step_name(step), review_state_name(from), why);
}
