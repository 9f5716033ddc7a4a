#include "core/org.h"

#include <string.h>

#include "text/text.h"
#include "util/buf.h"
#include "util/msg.h"
#include "util/xmalloc.h"

static const char *const tier_names[ORG_TIER__MAX] = {"above_base", "base", "below_base"};
static const char *const tier_labels[ORG_TIER__MAX] = {"cấp trên cơ sở", "cơ sở", "dưới cơ sở"};
static const char *const form_names[ORG_FORM__MAX] = {"dang_bo", "chi_bo"};
static const char *const form_labels[ORG_FORM__MAX] = {"đảng bộ", "chi bộ"};

static const struct {
    const char *name;
    const char *label;
} kinds[ORG_KIND__MAX] = {
    [ORG_KIND_ABOVE_BASE] = {"cap_tren_co_so", "Cấp trên cơ sở"},
    [ORG_KIND_DANG_BO_CO_SO] = {"dang_bo_co_so", "Đảng bộ cơ sở"},
    [ORG_KIND_CHI_BO_CO_SO] = {"chi_bo_co_so", "Chi bộ cơ sở"},
    [ORG_KIND_DANG_BO_BO_PHAN] = {"dang_bo_bo_phan", "Đảng bộ bộ phận"},
    [ORG_KIND_CHI_BO_TRUC_THUOC] = {"chi_bo_truc_thuoc", "Chi bộ trực thuộc"},
};

static const struct {
    const char *name;
    const char *label;
} base_types[ORG_BASE__MAX] = {
    [ORG_BASE_NONE] = {"", ""},
    [ORG_BASE_XA] = {"xa", "Xã"},
    [ORG_BASE_PHUONG] = {"phuong", "Phường"},
    [ORG_BASE_THI_TRAN] = {"thi_tran", "Thị trấn"},
    [ORG_BASE_CO_QUAN_HANH_CHINH] = {"co_quan_hanh_chinh", "Cơ quan hành chính"},
    [ORG_BASE_DON_VI_SU_NGHIEP] = {"don_vi_su_nghiep", "Đơn vị sự nghiệp"},
    [ORG_BASE_DNNN] = {"dnnn", "Doanh nghiệp nhà nước"},
    [ORG_BASE_DN_NGOAI_NHA_NUOC] = {"dn_ngoai_nha_nuoc", "Doanh nghiệp ngoài khu vực nhà nước"},
    [ORG_BASE_QUAN_DOI] = {"quan_doi", "Quân đội"},
    [ORG_BASE_CONG_AN] = {"cong_an", "Công an"},
    [ORG_BASE_KHAC] = {"khac", "Khác"},
    [ORG_BASE_DAC_KHU] = {"dac_khu", "Đặc khu"},
};

const char *org_tier_name(enum org_tier t)
{
    return (unsigned)t < ORG_TIER__MAX ? tier_names[t] : "?";
}

const char *org_form_name(enum org_form f)
{
    return (unsigned)f < ORG_FORM__MAX ? form_names[f] : "?";
}

const char *org_kind_name(enum org_kind k)
{
    return (unsigned)k < ORG_KIND__MAX ? kinds[k].name : "?";
}

const char *org_kind_label(enum org_kind k)
{
    return (unsigned)k < ORG_KIND__MAX ? kinds[k].label : "?";
}

const char *org_event_label(const char *kind)
{
    static const struct {
        const char *kind, *label;
    } labels[] = {
        {"create", "Thành lập"},
        {"rename", "Đổi tên"},
        {"move", "Chuyển trực thuộc"},
        {"merge_in", "Tiếp nhận tổ chức hợp nhất"},
        {"merged_into", "Hợp nhất vào tổ chức khác"},
        {"dissolve", "Giải thể"},
        {"retier", "Đổi cấp"},
    };
    for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
        if (kind && !strcmp(kind, labels[i].kind))
            return labels[i].label;
    return kind ? kind : "";
}

const char *org_base_type_name(enum org_base_type t)
{
    return (unsigned)t < ORG_BASE__MAX ? base_types[t].name : "?";
}

const char *org_base_type_label(enum org_base_type t)
{
    return (unsigned)t < ORG_BASE__MAX ? base_types[t].label : "?";
}

/* Compares s with a name or a label, ignoring case, diacritics, spaces vs underscores. */
static bool matches(const char *s, const char *name, const char *label)
{
    struct buf a = BUF_INIT, b = BUF_INIT;
    text_fold(s, &a);
    for (size_t i = 0; i < a.len; i++)
        if (a.ptr[i] == ' ' || a.ptr[i] == '-')
            a.ptr[i] = '_';
    bool ok = !strcmp(a.ptr, name);
    if (!ok && label && *label) {
        text_fold(label, &b);
        for (size_t i = 0; i < b.len; i++)
            if (b.ptr[i] == ' ')
                b.ptr[i] = '_';
        ok = !strcmp(a.ptr, b.ptr);
    }
    buf_release(&a);
    buf_release(&b);
    return ok;
}

enum tcxd_err org_tier_parse(const char *s, enum org_tier *out, struct tcxd_error *e)
{
    for (int i = 0; i < ORG_TIER__MAX; i++)
        if (matches(s, tier_names[i], tier_labels[i])) {
            *out = (enum org_tier)i;
            return TCXD_OK;
        }
    return tcxd_fail(e, TCXD_EINVAL, "tier",
                     "invalid tier '%s' (expected above_base, base or below_base)", s);
}

enum tcxd_err org_form_parse(const char *s, enum org_form *out, struct tcxd_error *e)
{
    for (int i = 0; i < ORG_FORM__MAX; i++)
        if (matches(s, form_names[i], form_labels[i])) {
            *out = (enum org_form)i;
            return TCXD_OK;
        }
    return tcxd_fail(e, TCXD_EINVAL, "form", "invalid form '%s' (expected dang_bo or chi_bo)", s);
}

enum tcxd_err org_base_type_parse(const char *s, enum org_base_type *out, struct tcxd_error *e)
{
    if (!*s) {
        *out = ORG_BASE_NONE;
        return TCXD_OK;
    }
    for (int i = 1; i < ORG_BASE__MAX; i++)
        if (matches(s, base_types[i].name, base_types[i].label)) {
            *out = (enum org_base_type)i;
            return TCXD_OK;
        }
    return tcxd_fail(e, TCXD_EINVAL, "base_type", "invalid base organization type '%s'", s);
}

enum org_kind org_kind_of(enum org_tier t, enum org_form f)
{
    switch (t) {
    case ORG_TIER_ABOVE_BASE:
        return ORG_KIND_ABOVE_BASE;
    case ORG_TIER_BASE:
        return f == ORG_FORM_DANG_BO ? ORG_KIND_DANG_BO_CO_SO : ORG_KIND_CHI_BO_CO_SO;
    default:
        return f == ORG_FORM_DANG_BO ? ORG_KIND_DANG_BO_BO_PHAN : ORG_KIND_CHI_BO_TRUC_THUOC;
    }
}

bool org_holds_members(enum org_tier t, enum org_form f)
{
    return t != ORG_TIER_ABOVE_BASE && f == ORG_FORM_CHI_BO;
}

enum tcxd_err org_check_nesting(bool has_parent, enum org_tier pt, enum org_form pf,
                                enum org_tier ct, enum org_form cf, struct tcxd_error *e)
{
    const char *child = org_kind_label(org_kind_of(ct, cf));
    if (ct == ORG_TIER_ABOVE_BASE && cf == ORG_FORM_CHI_BO)
        return tcxd_fail(e, TCXD_ERULE, "form",
                         "an above-base organization must be a đảng bộ, not a chi bộ");
    if (!has_parent) {
        if (ct != ORG_TIER_ABOVE_BASE)
            return tcxd_fail(e, TCXD_ERULE, "parent", "%s needs a parent organization", child);
        return TCXD_OK;
    }
    const char *parent = org_kind_label(org_kind_of(pt, pf));
    bool ok;
    switch (ct) {
    case ORG_TIER_ABOVE_BASE:
    case ORG_TIER_BASE:
        ok = pt == ORG_TIER_ABOVE_BASE;
        break;
    default:
        ok = pf == ORG_FORM_DANG_BO && (pt == ORG_TIER_BASE || pt == ORG_TIER_BELOW_BASE);
        if (ok && pt == ORG_TIER_BELOW_BASE && cf == ORG_FORM_DANG_BO)
            return tcxd_fail(e, TCXD_ERULE, "parent",
                             "a đảng bộ bộ phận cannot be placed inside another đảng bộ bộ phận");
        break;
    }
    if (!ok)
        return tcxd_fail(e, TCXD_ERULE, "parent", "%s cannot be placed under %s", child,
                         pf == ORG_FORM_CHI_BO
                             ? MSG_T("a chi bộ (a chi bộ has no child organizations)")
                             : parent);
    return TCXD_OK;
}

enum tcxd_err org_check_base_type(enum org_tier t, enum org_base_type bt, struct tcxd_error *e)
{
    if ((unsigned)bt >= ORG_BASE__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "base_type", "invalid base organization type");
    if (t == ORG_TIER_BASE && bt == ORG_BASE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "base_type",
                         "a base organization needs a type (loại hình), e.g. phuong or "
                         "co_quan_hanh_chinh");
    if (t == ORG_TIER_ABOVE_BASE && org_base_type_is_commune(bt))
        return TCXD_OK; /* a commune-level committee; org_check_type_on dates it */
    if (t != ORG_TIER_BASE && bt != ORG_BASE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "base_type",
                         "only base organizations carry a type (loại hình)");
    return TCXD_OK;
}

enum tcxd_err org_check_code(const char *code, struct tcxd_error *e)
{
    size_t n = strlen(code);
    if (n == 0 || n > 32)
        return tcxd_fail(e, TCXD_EINVAL, "code",
                         "invalid organization code '%s' (1 to 32 characters)", code);
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-';
        if (!ok)
            return tcxd_fail(e, TCXD_EINVAL, "code",
                             "invalid organization code '%s' (letters, digits, '.', '_', '-')",
                             code);
    }
    return TCXD_OK;
}

tcxd_date org_rules_2025(void)
{
    return date_from_ymd(ORG_RULES_2025_Y, ORG_RULES_2025_M, ORG_RULES_2025_D);
}

bool org_base_type_is_commune(enum org_base_type bt)
{
    return bt == ORG_BASE_XA || bt == ORG_BASE_PHUONG || bt == ORG_BASE_DAC_KHU;
}

bool org_shape_is_commune(const struct org_shape *s)
{
    return s->tier == ORG_TIER_ABOVE_BASE && org_base_type_is_commune(s->base_type);
}

enum tcxd_err org_check_type_on(tcxd_date on, enum org_tier t, enum org_base_type bt,
                                struct tcxd_error *e)
{
    bool rules2025 = on >= org_rules_2025();
    if ((unsigned)bt >= ORG_BASE__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "base_type", "invalid base organization type");
    if (t == ORG_TIER_ABOVE_BASE && bt != ORG_BASE_NONE) {
        if (!org_base_type_is_commune(bt))
            return tcxd_fail(e, TCXD_EINVAL, "base_type",
                             "an above-base organization carries only a commune-level type "
                             "(xa, phuong or dac_khu)");
        if (!rules2025)
            return tcxd_fail(e, TCXD_ERULE, "base_type",
                             "commune-level committees (xã, phường, đặc khu) are above-base "
                             "only from 01/07/2025");
        return TCXD_OK;
    }
    if (t == ORG_TIER_BASE && bt == ORG_BASE_DAC_KHU && !rules2025)
        return tcxd_fail(e, TCXD_ERULE, "base_type", "đặc khu exist only from 01/07/2025");
    return org_check_base_type(t, bt, e);
}

enum tcxd_err org_check_placement(tcxd_date on, const struct org_shape *parent,
                                  const struct org_shape *child, struct tcxd_error *e)
{
    enum tcxd_err rc;
    if ((rc = org_check_type_on(on, child->tier, child->base_type, e)))
        return rc;
    if (!parent)
        return org_shape_is_commune(child)
                   ? tcxd_fail(e, TCXD_ERULE, "parent",
                               "a commune-level committee sits directly under a provincial "
                               "committee")
                   : org_check_nesting(false, 0, 0, child->tier, child->form, e);
    if ((rc = org_check_nesting(true, parent->tier, parent->form, child->tier, child->form, e)))
        return rc;
    if (org_shape_is_commune(child) && parent->tier == ORG_TIER_ABOVE_BASE &&
        org_shape_is_commune(parent))
        return tcxd_fail(e, TCXD_ERULE, "parent",
                         "a commune-level committee sits directly under a provincial "
                         "committee");
    if (org_shape_is_commune(parent) && child->tier != ORG_TIER_BASE)
        return tcxd_fail(e, TCXD_ERULE, "parent",
                         "under a commune-level committee only base organizations are placed");
    return TCXD_OK;
}

int org_size_warnings(const struct org_shape *s, int64_t official, int64_t total,
                      enum org_size_warning out[2])
{
    int n = 0;
    if (!org_holds_members(s->tier, s->form))
        return 0;
    if (official < 3)
        out[n++] = ORG_SIZE_CHI_BO_UNDER_3;
    if (s->tier == ORG_TIER_BASE && total >= 30)
        out[n++] = ORG_SIZE_CHI_BO_CO_SO_OVER_30;
    return n;
}

const char *org_size_warning_text(enum org_size_warning w)
{
    switch (w) {
    case ORG_SIZE_CHI_BO_UNDER_3:
        return MSG_N("a chi bộ needs at least 3 official members");
    case ORG_SIZE_CHI_BO_CO_SO_OVER_30:
        return MSG_N("a chi bộ cơ sở of 30 members or more should become a đảng bộ cơ sở");
    default:
        return "";
    }
}

struct org_shape org_default_shape(tcxd_date on, const struct org_shape *parent,
                                   const struct org_shape *child)
{
    struct tcxd_error e;
    if (org_check_placement(on, parent, child, &e) == TCXD_OK)
        return *child;
    struct org_shape s = *child;
    if (org_shape_is_commune(parent) && child->tier == ORG_TIER_BELOW_BASE) {
        s.tier = ORG_TIER_BASE;
        s.base_type = parent->base_type;
    } else if (parent->tier == ORG_TIER_BASE && parent->form == ORG_FORM_DANG_BO &&
               child->tier == ORG_TIER_BASE) {
        s.tier = ORG_TIER_BELOW_BASE;
        s.base_type = ORG_BASE_NONE;
    }
    return s;
}
