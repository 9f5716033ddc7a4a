/*
 * training.c - training classes and enrolments (training.h).
 */
#include "core/training.h"

#include <string.h>

#include "core/names.h"

static const struct core_name opener_t[CLASS_OPEN__MAX] = {
    [CLASS_OPEN_TINH] = {"tinh", "Cấp ủy cấp tỉnh mở"},
    [CLASS_OPEN_HUYEN] = {"huyen", "Cấp ủy cấp huyện mở"},
    [CLASS_OPEN_OTHER] = {"khac", "Nơi khác mở"},
};
static const struct core_name result_t[ENROL__MAX] = {
    [ENROL_STUDYING] = {"studying", "Đang học"},
    [ENROL_COMPLETED] = {"completed", "Hoàn thành"},
    [ENROL_NOT_COMPLETED] = {"not_completed", "Không hoàn thành"},
};

static enum tcxd_err parse_in(const struct core_name *t, size_t n, const char *field, const char *s,
                              int *out, struct tcxd_error *e)
{
    int i = core_name_find(s, s ? strlen(s) : 0, t, n);
    if (i < 0) {
        struct buf b = BUF_INIT;
        for (size_t k = 0; k < n; k++)
            buf_addf(&b, "%s%s", k ? ", " : "", t[k].name);
        enum tcxd_err rc = tcxd_fail(e, TCXD_EINVAL, field, "invalid %s '%s' (expected one of: %s)",
                                     field, s ? s : "", b.ptr);
        buf_release(&b);
        return rc;
    }
    *out = i;
    return TCXD_OK;
}

const char *class_opener_name(enum class_opener v)
{
    return core_name_of(opener_t, CLASS_OPEN__MAX, (unsigned)v);
}
const char *class_opener_label(enum class_opener v)
{
    return core_label_of(opener_t, CLASS_OPEN__MAX, (unsigned)v);
}
enum tcxd_err class_opener_parse(const char *s, enum class_opener *out, struct tcxd_error *e)
{
    int i;
    enum tcxd_err rc = parse_in(opener_t, CLASS_OPEN__MAX, "opener", s, &i, e);
    if (!rc)
        *out = (enum class_opener)i;
    return rc;
}
const char *enrol_result_name(enum enrol_result v)
{
    return core_name_of(result_t, ENROL__MAX, (unsigned)v);
}
const char *enrol_result_label(enum enrol_result v)
{
    return core_label_of(result_t, ENROL__MAX, (unsigned)v);
}
enum tcxd_err enrol_result_parse(const char *s, enum enrol_result *out, struct tcxd_error *e)
{
    int i;
    enum tcxd_err rc = parse_in(result_t, ENROL__MAX, "result", s, &i, e);
    if (!rc)
        *out = (enum enrol_result)i;
    return rc;
}

enum tcxd_err training_class_check(const struct training_class *c, struct tcxd_error *e)
{
    enum tcxd_err rc = training_check(c->programme, c->mode, c->from, c->to, e);
    if (rc)
        return rc;
    if ((unsigned)c->opener >= CLASS_OPEN__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "opener", "invalid opener");
    if (c->to == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "to", "field %s is required", "to");
    return TCXD_OK;
}

enum tcxd_err training_enrol_check(const struct training_class *c, tcxd_date on,
                                   struct tcxd_error *e)
{
    enum tcxd_err rc = training_class_check(c, e);
    if (rc)
        return rc;
    if (on != DATE_NONE && on > c->to) {
        char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
        date_format_vn(on, a);
        date_format_vn(c->to, b);
        return tcxd_fail(e, TCXD_EINVAL, "date", "enrolled on %s, after the class ended (%s)", a,
                         b);
    }
    return TCXD_OK;
}

enum tcxd_err training_opener_check(enum class_opener o, enum org_tier tier, struct tcxd_error *e)
{
    if (o == CLASS_OPEN_OTHER || tier == ORG_TIER_ABOVE_BASE)
        return TCXD_OK;
    return tcxd_fail(e, TCXD_EINVAL, "opener",
                     "a class opened by the province or district committee belongs to an "
                     "organization above the base (this one is %s): opener khac",
                     org_tier_name(tier));
}

bool enrol_result_counts(enum enrol_result r)
{
    return r == ENROL_STUDYING || r == ENROL_COMPLETED;
}

enum training_level training_level_of(enum cadre_mgmt m)
{
    switch (m) {
    case CADRE_MGMT_TW:
    case CADRE_MGMT_TINH:
        return TLEVEL_TINH;
    case CADRE_MGMT_HUYEN:
        return TLEVEL_HUYEN;
    default:
        return TLEVEL_XA;
    }
}

int class_opener_column(enum class_opener o)
{
    return o == CLASS_OPEN_TINH ? 0 : o == CLASS_OPEN_HUYEN ? 1 : -1;
}
