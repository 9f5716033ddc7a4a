/*
 * member_record.c - the member field table and the one check of a personal record.
 */
#include "core/member_record.h"

#include <stdio.h>
#include <string.h>

#include "text/text.h"
#include "util/msg.h"
#include "util/xmalloc.h"

#include "util/banned.h"

_Static_assert(sizeof(enum gender) == sizeof(int) && sizeof(enum theory_level) == sizeof(int),
               "enumeration fields are stored as int");

#define MF_NVALUES(values) (sizeof(values) / sizeof((values)[0]))
#define MF_DEF(ID, cname, key, label, option, kind, max, flags, dflt, values, doc)                 \
    [MF_##ID] = {key,                                                                              \
                 label,                                                                            \
                 option,                                                                           \
                 kind,                                                                             \
                 max,                                                                              \
                 flags,                                                                            \
                 dflt,                                                                             \
                 values,                                                                           \
                 MF_VALUES_N_##kind(values),                                                       \
                 offsetof(struct member_fields, cname),                                            \
                 doc},
/* the count of an enumeration table, 0 for the other kinds (whose values are NULL) */
#define MF_VALUES_N_MFK_ENUM(values)        MF_NVALUES(values)
#define MF_VALUES_N_MFK_TEXT(values)        0
#define MF_VALUES_N_MFK_DATE(values)        0
#define MF_VALUES_N_MFK_NATIONAL_ID(values) 0
#define MF_VALUES_N_MFK_DIGITS(values)      0

#define UNSET                                                                                      \
    {                                                                                              \
        "chua_cap_nhat", "Chưa cập nhật", "chưa rõ"                                              \
    }
const struct member_enum_value member_occupation_values[15] = {
    UNSET,
    {"cong_chuc_nha_nuoc", "Cán bộ, công chức cơ quan Nhà nước từ cấp huyện trở lên", NULL},
    {"cong_chuc_dang_doan_the",
     "Cán bộ, công chức cơ quan Đảng, Mặt trận Tổ quốc, đoàn thể từ cấp huyện trở lên", NULL},
    {"can_bo_xa", "Cán bộ, công chức, người hoạt động không chuyên trách ở cấp xã", NULL},
    {"khong_chuyen_trach_thon", "Người hoạt động không chuyên trách thôn, tổ dân phố", NULL},
    {"vien_chuc", "Viên chức trong các đơn vị sự nghiệp công lập", "viên chức"},
    {"su_nghiep_ngoai_cong_lap", "Người lao động trong các đơn vị sự nghiệp ngoài công lập", NULL},
    {"quan_ly_doanh_nghiep", "Người lãnh đạo, quản lý doanh nghiệp", NULL},
    {"nhan_vien_doanh_nghiep", "Nhân viên, người gián tiếp sản xuất", NULL},
    {"cong_nhan", "Công nhân, lao động trực tiếp sản xuất", "công nhân"},
    {"nong_lam_ngu", "Người làm nông, lâm, ngư nghiệp", "nông dân"},
    {"luc_luong_vu_trang", "Sỹ quan, chiến sỹ quân đội và công an", "lực lượng vũ trang"},
    {"sinh_vien", "Sinh viên", NULL},
    {"hoc_sinh", "Học sinh", NULL},
    {"khac", "Khác (lao động hợp đồng, tự do…)", "khác"},
};
const struct member_enum_value member_work_status_values[3] = {
    UNSET,
    {"dang_lam_viec", "Đang làm việc và công tác", "đang công tác"},
    {"nghi_huu", "Đã nghỉ hưu và nghỉ công tác", "hưu trí"},
};
const struct member_enum_value member_general_education_values[5] = {
    UNSET,
    {"biet_doc_viet", "Biết đọc, biết viết chữ quốc ngữ", "biết đọc biết viết"},
    {"tieu_hoc", "Tiểu học", NULL},
    {"thcs", "Trung học cơ sở", NULL},
    {"thpt", "Trung học phổ thông", NULL},
};
const struct member_enum_value member_professional_degree_values[9] = {
    UNSET,
    {"khong", "Chưa qua đào tạo", "không"},
    {"so_cap", "Công nhân kỹ thuật, nhân viên nghiệp vụ, sơ cấp", "sơ cấp"},
    {"trung_cap", "Trung cấp", NULL},
    {"cao_dang", "Cao đẳng", NULL},
    {"dai_hoc", "Đại học", NULL},
    {"thac_si", "Thạc sỹ", "thạc sĩ"},
    {"tien_si", "Tiến sỹ", "tiến sĩ"},
    {"tien_si_khoa_hoc", "Tiến sỹ khoa học", "tskh"},
};
const struct member_enum_value member_academic_title_values[4] = {
    UNSET,
    {"khong", "Không", NULL},
    {"pho_giao_su", "Phó Giáo sư", "pgs"},
    {"giao_su", "Giáo sư", "gs"},
};
const struct member_enum_value member_foreign_language_values[4] = {
    UNSET,
    {"khong", "Không", NULL},
    {"chung_chi", "Có chứng chỉ", "chứng chỉ"},
    {"dai_hoc", "Đại học trở lên", "đại học"},
};
const struct member_enum_value member_it_level_values[4] = {
    UNSET,
    {"khong", "Không", NULL},
    {"chung_chi", "Có chứng chỉ", "chứng chỉ"},
    {"trung_cap", "Trung cấp trở lên", "trung cấp"},
};
const struct member_enum_value member_yes_no_values[3] = {
    UNSET,
    {"khong", "Không", "no"},
    {"co", "Có", "yes"},
};
const struct member_enum_value member_armed_forces_values[4] = {
    UNSET,
    {"khong", "Không", NULL},
    {"quan_doi", "Quân đội", "bộ đội"},
    {"cong_an", "Công an", NULL},
};
#undef UNSET

const struct member_field_def member_field_defs[MF__MAX] = {MEMBER_FIELDS(MF_DEF)};

int member_field_by_key(const char *key)
{
    for (int i = 0; i < MF__MAX; i++)
        if (!strcmp(member_field_defs[i].key, key))
            return i;
    return -1;
}

void member_fields_init(struct member_fields *f)
{
    memset(f, 0, sizeof(*f));
    for (int i = 0; i < MF__MAX; i++) {
        struct buf *b = member_fields_text(f, (enum member_field)i);
        if (b)
            buf_init(b, 0);
    }
    f->birth_date = DATE_NONE;
    f->gender = GENDER_MALE;
    f->theory = THEORY_NONE;
}

void member_fields_release(struct member_fields *f)
{
    for (int i = 0; i < MF__MAX; i++) {
        struct buf *b = member_fields_text(f, (enum member_field)i);
        if (b)
            buf_release(b);
    }
}

static bool text_like(enum member_field_kind k)
{
    return k == MFK_TEXT || k == MFK_NATIONAL_ID || k == MFK_DIGITS;
}

struct buf *member_fields_text(struct member_fields *f, enum member_field id)
{
    const struct member_field_def *d = &member_field_defs[id];
    return text_like(d->kind) ? (struct buf *)(void *)((char *)f + d->offset) : NULL;
}

const struct buf *member_fields_text_c(const struct member_fields *f, enum member_field id)
{
    return member_fields_text((struct member_fields *)f, id);
}

int member_fields_enum(const struct member_fields *f, enum member_field id)
{
    const struct member_field_def *d = &member_field_defs[id];
    if (d->kind != MFK_ENUM)
        BUG("field %s is not an enumeration", d->key);
    int v;
    memcpy(&v, (const char *)f + d->offset, sizeof(v));
    return v;
}

tcxd_date member_fields_date(const struct member_fields *f, enum member_field id)
{
    const struct member_field_def *d = &member_field_defs[id];
    if (d->kind != MFK_DATE)
        BUG("field %s is not a date", d->key);
    tcxd_date v;
    memcpy(&v, (const char *)f + d->offset, sizeof(v));
    return v;
}

/* "a, b or c": the names of an enumeration, for messages. */
static void enum_names(const struct member_field_def *d, struct buf *out)
{
    for (size_t i = 0; i < d->nvalues; i++) {
        if (i)
            buf_adds(out, i == d->nvalues - 1 ? MSG_T(" or ") : ", ");
        buf_adds(out, d->values[i].name);
    }
}

static enum tcxd_err parse_enum(enum member_field id, const char *s, int *v, struct tcxd_error *e)
{
    const struct member_field_def *d = &member_field_defs[id];
    enum tcxd_err rc;
    /* gender and theory keep their own parsers' messages */
    if (id == MF_GENDER) {
        enum gender g;
        if (!(rc = gender_parse(s, &g, e)))
            *v = (int)g;
        return rc;
    }
    if (id == MF_THEORY_LEVEL) {
        enum theory_level t;
        if (!(rc = theory_level_parse(s, &t, e)))
            *v = (int)t;
        return rc;
    }
    int i = member_enum_find(d->values, d->nvalues, s);
    if (i >= 0) {
        *v = i;
        return TCXD_OK;
    }
    struct buf names = BUF_INIT;
    enum_names(d, &names);
    rc = tcxd_fail(e, TCXD_EINVAL, d->key, "invalid %s '%s' (expected %s)", d->key, s, names.ptr);
    buf_release(&names);
    return rc;
}

enum tcxd_err member_field_parse(enum member_field id, const char *s, size_t len, tcxd_date today,
                                 struct member_fields *out, struct tcxd_error *e)
{
    const struct member_field_def *d = &member_field_defs[id];
    enum tcxd_err rc;
    if (!s)
        s = "", len = 0;
    bool empty = true;
    for (size_t i = 0; i < len && empty; i++)
        empty = s[i] == ' ' || s[i] == '\t';
    if (empty && (d->flags & MFF_REQUIRED))
        return tcxd_fail(e, TCXD_EINVAL, d->key, "field %s is required", d->key);
    if (empty && d->dflt)
        s = d->dflt, len = strlen(d->dflt), empty = false;
    char *p = (char *)out + d->offset;
    switch (d->kind) {
    case MFK_TEXT:
    case MFK_NATIONAL_ID:
    case MFK_DIGITS: {
        struct buf *b = (struct buf *)(void *)p;
        if ((rc = text_clean(s, len, d->max, !(d->flags & MFF_REQUIRED), d->key, b, e)))
            return rc;
        if (!b->len)
            return TCXD_OK;
        if (d->kind == MFK_NATIONAL_ID)
            return member_check_national_id(b->ptr, e);
        if (d->kind == MFK_DIGITS) {
            for (size_t i = 0; i < b->len; i++)
                if (b->ptr[i] < '0' || b->ptr[i] > '9')
                    return tcxd_fail(e, TCXD_EINVAL, d->key,
                                     "field %s: character %zu is not a digit (%u digits expected)",
                                     d->key, i + 1, d->max);
            if (b->len != d->max)
                return tcxd_fail(e, TCXD_EINVAL, d->key,
                                 "field %s: %zu digits (%u digits expected)", d->key, b->len,
                                 d->max);
        }
        return TCXD_OK;
    }
    case MFK_DATE: {
        tcxd_date v = DATE_NONE;
        if (!empty) {
            struct buf tmp = BUF_INIT;
            buf_add(&tmp, s, len);
            rc = date_parse(tmp.ptr, &v, d->key, e);
            buf_release(&tmp);
            if (rc)
                return rc;
            if ((d->flags & MFF_NOT_FUTURE) && v > today) {
                char ds[DATE_ISO_LEN];
                date_format_vn(v, ds);
                if (id == MF_BIRTH_DATE)
                    return tcxd_fail(e, TCXD_EINVAL, d->key, "birth date %s is in the future", ds);
                return tcxd_fail(e, TCXD_EINVAL, d->key, "field %s: date %s is after today", d->key,
                                 ds);
            }
        }
        memcpy(p, &v, sizeof(v));
        return TCXD_OK;
    }
    case MFK_ENUM: {
        int v = 0; /* the first value is the field's "none / not recorded" */
        if (!empty) {
            struct buf tmp = BUF_INIT;
            buf_add(&tmp, s, len);
            rc = parse_enum(id, tmp.ptr, &v, e);
            buf_release(&tmp);
            if (rc)
                return rc;
        }
        memcpy(p, &v, sizeof(v));
        return TCXD_OK;
    }
    default:
        BUG("field %s has kind %d", d->key, (int)d->kind);
    }
}

enum tcxd_err member_record_parse(const char *const in[MF__MAX], tcxd_date today,
                                  struct member_fields *out, const struct member_issue_sink *sink,
                                  struct tcxd_error *e)
{
    enum tcxd_err first = TCXD_OK;
    for (int i = 0; i < MF__MAX; i++) {
        struct tcxd_error err;
        tcxd_error_clear(&err);
        const char *s = in[i] ? in[i] : "";
        enum tcxd_err rc = member_field_parse((enum member_field)i, s, strlen(s), today, out, &err);
        if (!rc)
            continue;
        if (!first) {
            first = rc;
            if (e)
                *e = err;
        }
        if (!sink)
            return rc;
        sink->fn(sink->ctx, (enum member_field)i, &err);
    }
    return first;
}

size_t member_entry_events(const struct member_entry *m,
                           struct member_event ev[MEMBER_ENTRY_EVENTS])
{
    size_t n = 0;
    ev[n++] = (struct member_event){.seq = 1,
                                    .kind = MEV_ADMIT,
                                    .date = m->ceremony_date,
                                    .decision_date = m->decision_date,
                                    .org_id = m->admission_org_id,
                                    .until = DATE_NONE};
    if (m->official_decision_date != DATE_NONE)
        ev[n++] = (struct member_event){.seq = 2,
                                        .kind = MEV_OFFICIAL,
                                        .date = member_official_date(m->ceremony_date),
                                        .decision_date = m->official_decision_date,
                                        .until = DATE_NONE};
    if (m->moved_to)
        ev[n++] = (struct member_event){.seq = 3,
                                        .kind = MEV_TRANSFER,
                                        .date = m->moved_on,
                                        .decision_date = m->moved_on,
                                        .org_id = m->moved_to,
                                        .form = TRANSFER_OFFICIAL,
                                        .until = DATE_NONE};
    return n;
}
