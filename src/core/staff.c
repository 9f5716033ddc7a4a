/*
 * staff.c - the staffing roll's rules (staff.h).
 */
#include "core/staff.h"

#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* ---- names ---- */

static const struct core_name staff_category_t[STAFF_CAT__MAX] = {
    [STAFF_CBCC] = {"cbcc", "Cán bộ, công chức"},
    [STAFF_VIEN_CHUC] = {"vien_chuc", "Viên chức"},
    [STAFF_HD68] = {"hd68", "Hợp đồng 68"},
    [STAFF_HD_KHAC] = {"hd_khac", "Hợp đồng khác"},
};
static const struct core_name staff_level_t[STAFF_LEVEL__MAX] = {
    [STAFF_LEVEL_TINH] = {"tinh", "Cấp tỉnh"},
    [STAFF_LEVEL_HUYEN] = {"huyen", "Cấp huyện"},
};
static const struct core_name staff_body_kind_t[SBODY__MAX] = {
    [SBODY_DANG] = {"dang", "Cơ quan Đảng"},
    [SBODY_SU_NGHIEP] = {"su_nghiep", "Đơn vị sự nghiệp trực thuộc"},
    [SBODY_DOAN_THE] = {"doan_the", "MTTQ và các đoàn thể CTXH"},
};
static const struct core_name staff_grade_t[SGRADE__MAX] = {
    [SGRADE_NONE] = {"none", "Chưa xếp ngạch, hạng"},
    [SGRADE_CVCC] = {"cvcc", "Chuyên viên cao cấp và tương đương"},
    [SGRADE_CVC] = {"cvc", "Chuyên viên chính và tương đương"},
    [SGRADE_CV] = {"cv", "Chuyên viên và tương đương"},
    [SGRADE_CAN_SU] = {"can_su", "Cán sự và tương đương"},
    [SGRADE_NHAN_VIEN] = {"nhan_vien", "Nhân viên"},
    [SGRADE_HANG_1] = {"hang_1", "Chức danh nghề nghiệp viên chức hạng I"},
    [SGRADE_HANG_2] = {"hang_2", "Chức danh nghề nghiệp viên chức hạng II"},
    [SGRADE_HANG_3] = {"hang_3", "Chức danh nghề nghiệp viên chức hạng III"},
    [SGRADE_HANG_4] = {"hang_4", "Chức danh nghề nghiệp viên chức hạng IV"},
    [SGRADE_HANG_5] = {"hang_5", "Chức danh nghề nghiệp viên chức hạng V"},
};
static const struct core_name staff_join_t[SJOIN__MAX] = {
    [SJOIN_CC_EXAM] = {"cc_exam", "Thi tuyển công chức"},
    [SJOIN_CC_INTAKE] = {"cc_intake", "Tiếp nhận công chức"},
    [SJOIN_VC_EXAM] = {"vc_exam", "Thi tuyển viên chức"},
    [SJOIN_VC_INTAKE] = {"vc_intake", "Tiếp nhận viên chức"},
    [SJOIN_CONTRACT] = {"contract", "Hợp đồng"},
    [SJOIN_OTHER] = {"other", "Tăng khác"},
};
static const struct core_name staff_leave_t[SLEAVE__MAX] = {
    [SLEAVE_RETIRE] = {"retire", "Nghỉ hưu đúng tuổi"},
    [SLEAVE_TRANSFER] = {"transfer", "Chuyển đi"},
    [SLEAVE_RESIGN] = {"resign", "Cho thôi việc"},
    [SLEAVE_DISMISS] = {"dismiss", "Buộc thôi việc"},
    [SLEAVE_OFF_BUDGET] = {"off_budget", "Chuyển không hưởng lương ngân sách"},
    [SLEAVE_DOWNSIZE] = {"downsize", "Tinh giản biên chế theo nghị định của Chính phủ"},
    [SLEAVE_OTHER] = {"other", "Giảm khác"},
};
static const struct core_name staff_ev_kind_t[SEV__MAX] = {
    [SEV_JOIN] = {"join", "Vào biên chế"},
    [SEV_MOVE] = {"move", "Chuyển cơ quan"},
    [SEV_GRADE] = {"grade", "Chuyển ngạch, hạng"},
    [SEV_LEAVE] = {"leave", "Ra khỏi biên chế"},
};

#define STAFF_ENUM_DEF(T, MAX, FIELD)                                                              \
    const char *T##_name(enum T v)                                                                 \
    {                                                                                              \
        return core_name_of(T##_t, MAX, (unsigned)v);                                              \
    }                                                                                              \
    const char *T##_label(enum T v)                                                                \
    {                                                                                              \
        return core_label_of(T##_t, MAX, (unsigned)v);                                             \
    }                                                                                              \
    enum tcxd_err T##_parse(const char *s, enum T *out, struct tcxd_error *e)                      \
    {                                                                                              \
        int i = core_name_find(s, s ? strlen(s) : 0, T##_t, MAX);                                  \
        if (i < 0) {                                                                               \
            struct buf b = BUF_INIT;                                                               \
            for (size_t k = 0; k < (size_t)(MAX); k++)                                             \
                buf_addf(&b, "%s%s", k ? ", " : "", T##_t[k].name);                                \
            enum tcxd_err rc =                                                                     \
                tcxd_fail(e, TCXD_EINVAL, FIELD, "invalid %s '%s' (expected one of: %s)", FIELD,   \
                          s ? s : "", b.ptr);                                                      \
            buf_release(&b);                                                                       \
            return rc;                                                                             \
        }                                                                                          \
        *out = (enum T)i;                                                                          \
        return TCXD_OK;                                                                            \
    }
STAFF_ENUM_NAMES(STAFF_ENUM_DEF)
#undef STAFF_ENUM_DEF

/* ---- rules ---- */

bool staff_grade_fits(enum staff_category c, enum staff_grade g)
{
    if (g == SGRADE_NONE)
        return true;
    if (c == STAFF_CBCC)
        return g >= SGRADE_CVCC && g <= SGRADE_NHAN_VIEN;
    if (c == STAFF_VIEN_CHUC)
        return g >= SGRADE_HANG_1 && g <= SGRADE_HANG_5;
    return false;
}

int staff_age_band(tcxd_date birth, tcxd_date on)
{
    if (birth == DATE_NONE)
        return -1;
    int age = date_age_years(birth, on);
    if (age <= 30)
        return 0;
    if (age > 60)
        return 7;
    return (age - 31) / 5 + 1;
}

static bool is_intake(enum staff_join j)
{
    return j == SJOIN_CC_INTAKE || j == SJOIN_VC_INTAKE;
}

static void fmt_day(tcxd_date d, char out[DATE_ISO_LEN])
{
    date_format_vn(d, out);
}

enum tcxd_err staff_event_check(const struct staff_event *ev, struct tcxd_error *e)
{
    if ((unsigned)ev->kind >= SEV__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "event", "invalid roll event");
    if (ev->date == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "date", "field %s is required", "date");
    if ((ev->kind == SEV_JOIN || ev->kind == SEV_MOVE) && ev->body_id <= 0)
        return tcxd_fail(e, TCXD_EINVAL, "body", "field %s is required", "body");
    if (ev->kind == SEV_LEAVE && (unsigned)ev->leave >= SLEAVE__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "kind", "invalid kind of leaving the roll");
    if (ev->kind == SEV_GRADE && ((unsigned)ev->grade >= SGRADE__MAX || ev->grade == SGRADE_NONE))
        return tcxd_fail(e, TCXD_EINVAL, "grade", "field %s is required", "grade");
    if (ev->kind != SEV_JOIN)
        return TCXD_OK;
    if ((unsigned)ev->join >= SJOIN__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "kind", "invalid kind of joining the roll");
    if ((unsigned)ev->category >= STAFF_CAT__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "category", "invalid category");
    bool ok;
    switch (ev->join) {
    case SJOIN_CC_EXAM:
    case SJOIN_CC_INTAKE:
        ok = ev->category == STAFF_CBCC;
        break;
    case SJOIN_VC_EXAM:
    case SJOIN_VC_INTAKE:
        ok = ev->category == STAFF_VIEN_CHUC;
        break;
    case SJOIN_CONTRACT:
        ok = ev->category == STAFF_HD68 || ev->category == STAFF_HD_KHAC;
        break;
    default:
        ok = true;
        break;
    }
    if (!ok)
        return tcxd_fail(e, TCXD_EINVAL, "category", "a %s is not of the category %s",
                         staff_join_name(ev->join), staff_category_name(ev->category));
    if ((unsigned)ev->grade >= SGRADE__MAX || !staff_grade_fits(ev->category, ev->grade))
        return tcxd_fail(e, TCXD_EINVAL, "grade", "the grade %s is not one of the category %s",
                         staff_grade_name(ev->grade), staff_category_name(ev->category));
    if (ev->talent && !is_intake(ev->join))
        return tcxd_fail(e, TCXD_EINVAL, "talent",
                         "talent (thủ khoa, nhà khoa học) is recorded on an intake only");
    if (ev->experience < 0 || ev->experience > 60)
        return tcxd_fail(e, TCXD_EINVAL, "experience",
                         "invalid experience %d (a whole number of years from 0 to 60)",
                         ev->experience);
    if (ev->experience && !is_intake(ev->join))
        return tcxd_fail(e, TCXD_EINVAL, "experience",
                         "the years of experience are recorded on an intake only");
    return TCXD_OK;
}

static struct staff_stint *stint_open(struct staff_replay *r, const struct staff_event *ev,
                                      size_t i, int64_t body, enum staff_category c,
                                      enum staff_grade g)
{
    ALLOC_GROW(r->v, r->n + 1, r->cap);
    struct staff_stint *s = &r->v[r->n++];
    memset(s, 0, sizeof(*s));
    s->from = ev->date;
    s->to = DATE_OPEN_END;
    s->body_id = body;
    s->category = c;
    s->grade = g;
    s->start = ev->kind;
    s->end = SEV__MAX;
    s->start_ev = i;
    return s;
}

enum tcxd_err staff_replay(const struct staff_event *ev, size_t n, struct staff_replay *out,
                           struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    enum tcxd_err rc = TCXD_OK;
    tcxd_date first_join = DATE_NONE;
    for (size_t i = 0; i < n; i++)
        if (ev[i].kind == SEV_JOIN) {
            first_join = ev[i].date;
            break;
        }
    for (size_t i = 0; i < n && !rc; i++) {
        const struct staff_event *x = &ev[i];
        struct staff_stint *cur =
            out->n && out->v[out->n - 1].end == SEV__MAX ? &out->v[out->n - 1] : NULL;
        char d[DATE_ISO_LEN], f[DATE_ISO_LEN];
        fmt_day(x->date, d);
        if ((rc = staff_event_check(x, e)))
            break;
        if (x->kind == SEV_JOIN) {
            if (cur) {
                fmt_day(cur->from, f);
                rc = tcxd_fail(e, TCXD_ECONFLICT, "date",
                               "already on the roll on %s (since %s): a join needs a leave first",
                               d, f);
                break;
            }
            stint_open(out, x, i, x->body_id, x->category, x->grade);
            continue;
        }
        if (!cur) {
            if (first_join != DATE_NONE && x->date < first_join) {
                fmt_day(first_join, f);
                rc = tcxd_fail(e, TCXD_EINVAL, "date",
                               "the %s of %s is before the start on the roll (%s)",
                               staff_ev_kind_name(x->kind), d, f);
            } else {
                rc = tcxd_fail(e, TCXD_ECONFLICT, "person", "not on the roll on %s (the %s)", d,
                               staff_ev_kind_name(x->kind));
            }
            break;
        }
        if (x->date <= cur->from) {
            fmt_day(cur->from, f);
            rc = tcxd_fail(e, TCXD_EINVAL, "date", "the %s of %s is not after the start (%s)",
                           staff_ev_kind_name(x->kind), d, f);
            break;
        }
        if (x->kind == SEV_MOVE && x->body_id == cur->body_id) {
            rc = tcxd_fail(e, TCXD_EINVAL, "body", "already in body #%lld on %s",
                           (long long)x->body_id, d);
            break;
        }
        if (x->kind == SEV_GRADE && x->grade == cur->grade) {
            rc = tcxd_fail(e, TCXD_EINVAL, "grade", "already of the grade %s on %s",
                           staff_grade_name(x->grade), d);
            break;
        }
        if (x->kind == SEV_GRADE && !staff_grade_fits(cur->category, x->grade)) {
            rc = tcxd_fail(e, TCXD_EINVAL, "grade", "the grade %s is not one of the category %s",
                           staff_grade_name(x->grade), staff_category_name(cur->category));
            break;
        }
        cur->to = x->date;
        cur->end = x->kind;
        if (x->kind == SEV_LEAVE) {
            cur->leave = x->leave;
            continue;
        }
        int64_t body = cur->body_id;
        enum staff_category c = cur->category;
        enum staff_grade g = cur->grade;
        if (x->kind == SEV_MOVE)
            body = x->body_id;
        else
            g = x->grade;
        stint_open(out, x, i, body, c, g);
    }
    if (rc)
        staff_replay_release(out);
    return rc;
}

void staff_replay_release(struct staff_replay *r)
{
    free(r->v);
    memset(r, 0, sizeof(*r));
}

enum tcxd_err staff_check_add(const struct staff_event *held, size_t n,
                              const struct staff_event *add, struct tcxd_error *e)
{
    enum tcxd_err rc = staff_event_check(add, e);
    if (rc)
        return rc;
    struct staff_event *v = xmalloc((n + 1) * sizeof(*v));
    size_t k = 0;
    while (k < n && held[k].date <= add->date) {
        v[k] = held[k];
        k++;
    }
    v[k] = *add;
    if (n > k)
        memcpy(v + k + 1, held + k, (n - k) * sizeof(*v));
    struct staff_replay r;
    rc = staff_replay(v, n + 1, &r, e);
    staff_replay_release(&r);
    free(v);
    return rc;
}

const struct staff_stint *staff_on(const struct staff_replay *r, tcxd_date d)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->v[i].from <= d && d < r->v[i].to)
            return &r->v[i];
    return NULL;
}
