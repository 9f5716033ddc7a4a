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
                                        .decision_date = m->moved_decision_date &&
                                                                 m->moved_decision_date != DATE_NONE
                                                             ? m->moved_decision_date
                                                             : m->moved_on,
                                        .org_id = m->moved_to,
                                        .form = TRANSFER_OFFICIAL,
                                        .until = DATE_NONE};
    return n;
}

/* ---- the history column ------------------------------------------------------------------ */

void member_history_item_init(struct member_history_item *h)
{
    memset(h, 0, sizeof(*h));
    h->ev.date = h->ev.decision_date = h->ev.until = DATE_NONE;
    buf_init(&h->org, 0);
    buf_init(&h->decision_no, 0);
    buf_init(&h->detail, 0);
    buf_init(&h->place, 0);
}

void member_history_item_release(struct member_history_item *h)
{
    buf_release(&h->org);
    buf_release(&h->decision_no);
    buf_release(&h->detail);
    buf_release(&h->place);
}

static void hist_value(struct buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|' || *s == '\\')
            buf_addch(out, '\\');
        buf_addch(out, *s);
    }
}

static void hist_date(struct buf *out, tcxd_date d, bool ascii)
{
    char t[DATE_ISO_LEN];
    if (d == DATE_NONE)
        return;
    if (ascii)
        date_format_iso(d, t);
    else
        date_format_vn(d, t);
    buf_adds(out, t);
}

void member_history_format(const struct member_history_item *h, bool ascii, struct buf *out)
{
    enum { F_DATE, F_KIND, F_FORM, F_ORG, F_DDATE, F_DNO, F_DETAIL, F_SCOPE, F_PLACE, F_UNTIL, NF };
    struct buf f[NF];
    for (int i = 0; i < NF; i++)
        buf_init(&f[i], 0);
    hist_date(&f[F_DATE], h->ev.date, ascii);
    buf_adds(&f[F_KIND],
             ascii ? member_event_kind_name(h->ev.kind) : member_event_kind_label(h->ev.kind));
    member_event_form_text(h->ev.kind, h->ev.form, ascii, &f[F_FORM]);
    hist_value(&f[F_ORG], h->org.ptr);
    hist_date(&f[F_DDATE], h->ev.decision_date, ascii);
    hist_value(&f[F_DNO], h->decision_no.ptr);
    hist_value(&f[F_DETAIL], h->detail.ptr);
    if (h->scope != SCOPE_NONE)
        buf_adds(&f[F_SCOPE],
                 ascii ? transfer_scope_name(h->scope) : transfer_scope_label(h->scope));
    hist_value(&f[F_PLACE], h->place.ptr);
    hist_date(&f[F_UNTIL], h->ev.until, ascii);
    int last = NF - 1;
    while (last > F_KIND && !f[last].len)
        last--;
    for (int i = 0; i <= last; i++) {
        if (i) /* "a | | b" for an empty field between */
            buf_adds(out, f[i].len ? " | " : " |");
        buf_add(out, f[i].ptr, f[i].len);
    }
    for (int i = 0; i < NF; i++)
        buf_release(&f[i]);
}

/* The fields of one line: split at '|' (not "\\|"), unescaped, trimmed. */
static size_t hist_split(const char *s, size_t len, struct buf *f, size_t nf)
{
    size_t n = 0;
    buf_reset(&f[0]);
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < len) {
            buf_addch(&f[n], s[++i]);
            continue;
        }
        if (c == '|') {
            if (++n == nf)
                return n + 1; /* too many */
            buf_reset(&f[n]);
            continue;
        }
        buf_addch(&f[n], c);
    }
    return n + 1;
}

static enum tcxd_err hist_text(const struct buf *in, size_t max, const char *field, struct buf *out,
                               struct tcxd_error *e)
{
    buf_reset(out);
    return text_clean(in->ptr, in->len, max, true, field, out, e);
}

enum tcxd_err member_history_parse(const char *s, size_t len, struct member_history_item *out,
                                   struct tcxd_error *e)
{
    enum { F_DATE, F_KIND, F_FORM, F_ORG, F_DDATE, F_DNO, F_DETAIL, F_SCOPE, F_PLACE, F_UNTIL, NF };
    static const char *const names[NF] = {"date",          "kind",        "form",   "org",
                                          "decision_date", "decision_no", "detail", "scope",
                                          "place",         "until"};
    struct buf raw[NF], f[NF];
    for (int i = 0; i < NF; i++)
        buf_init(&raw[i], 0), buf_init(&f[i], 0);
    enum tcxd_err rc = TCXD_OK;
    size_t n = hist_split(s, len, raw, NF);
    if (n > NF) {
        rc = tcxd_fail(e, TCXD_EINVAL, "history",
                       "more than %d fields in an event (date | kind | form | org | decision "
                       "date | decision no | detail | scope | place | until)",
                       NF);
        goto out;
    }
    for (size_t i = 0; i < NF && !rc; i++)
        rc = hist_text(&raw[i], i == F_DNO ? 100 : 300, names[i], &f[i], e);
    if (rc)
        goto out;
    out->ev =
        (struct member_event){.date = DATE_NONE, .decision_date = DATE_NONE, .until = DATE_NONE};
    out->scope = SCOPE_NONE;
    if (!f[F_DATE].len || !f[F_KIND].len) {
        rc = tcxd_fail(e, TCXD_EINVAL, f[F_DATE].len ? "kind" : "date",
                       "an event needs a date and a kind (date | kind | ...)");
        goto out;
    }
    if ((rc = date_parse(f[F_DATE].ptr, &out->ev.date, "date", e)) ||
        (rc = member_event_kind_parse(f[F_KIND].ptr, &out->ev.kind, e)) ||
        (rc = member_event_form_parse(out->ev.kind, f[F_FORM].ptr, &out->ev.form, e)))
        goto out;
    if (f[F_DDATE].len &&
        (rc = date_parse(f[F_DDATE].ptr, &out->ev.decision_date, "decision_date", e)))
        goto out;
    if (f[F_UNTIL].len && (rc = date_parse(f[F_UNTIL].ptr, &out->ev.until, "until", e)))
        goto out;
    if (f[F_SCOPE].len && (rc = transfer_scope_parse(f[F_SCOPE].ptr, &out->scope, e)))
        goto out;
    buf_reset(&out->org);
    buf_add(&out->org, f[F_ORG].ptr, f[F_ORG].len);
    buf_reset(&out->decision_no);
    buf_add(&out->decision_no, f[F_DNO].ptr, f[F_DNO].len);
    buf_reset(&out->detail);
    buf_add(&out->detail, f[F_DETAIL].ptr, f[F_DETAIL].len);
    buf_reset(&out->place);
    buf_add(&out->place, f[F_PLACE].ptr, f[F_PLACE].len);
out:
    for (int i = 0; i < NF; i++)
        buf_release(&raw[i]), buf_release(&f[i]);
    return rc;
}
