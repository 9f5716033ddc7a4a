/*
 * member_record.h - the one definition of a party member's personal record.
 *
 * MEMBER_FIELDS lists every personal field once: its JSON key (also the API body field and the
 * ASCII import/export header), Vietnamese label, CLI option, kind, maximum length in code points,
 * flags, default and enumeration table. member_field_defs[] is built from it, the API's admission
 * body (src/api/members.c) expands it, the CLI builds its options from the table, and tests check
 * docs/openapi.yaml (maxLength included), docs/tcxd.1 and the import columns against it.
 *
 * member_record_parse() is the one check of a record: the CLI and the API stop at the first
 * problem, the import passes a sink and hears of every one. Pure: no I/O.
 *
 * struct member_fields owns its bufs: member_fields_init / member_fields_release.
 */
#ifndef TCXD_CORE_MEMBER_RECORD_H
#define TCXD_CORE_MEMBER_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/member.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"

enum member_field_kind {
    MFK_TEXT,        /* free text: text_clean (NFC, trimmed), at most max code points */
    MFK_DATE,        /* dd/mm/yyyy or yyyy-mm-dd */
    MFK_ENUM,        /* a name, label or alias of the field's enumeration (case/diacritics-free) */
    MFK_NATIONAL_ID, /* 12 digits (CCCD) */
    MFK_DIGITS, /* exactly max ASCII digits, kept as text (leading zeros stay): số lý lịch */
    MFK__MAX
};

#define MFF_REQUIRED   1u /* absent or empty is an error */
#define MFF_NOT_FUTURE 2u /* a date not after today */
/* A field of the Phiếu đảng viên added for the statistics forms (migration 0011): stored by the
   store's profile statements, "chưa cập nhật" (the enumeration's value 0, or empty text) until
   entered. Enumerations use the forms' own categories. */
#define MFF_PROFILE 4u

/*
 * X(ID, cname, key, label, option, kind, max, flags, dflt, values, doc)
 *   cname:  the member of struct member_fields holding the value
 *   values: the enumeration table (struct member_enum_value[]) of an MFK_ENUM field, else NULL
 */
#define MEMBER_BASE_FIELDS(X)                                                                      \
    X(FULL_NAME, full_name, "full_name", "Họ và tên", "name", MFK_TEXT, 100, MFF_REQUIRED, NULL,   \
      NULL, "full name")                                                                           \
    X(GENDER, gender, "gender", "Giới tính", "gender", MFK_ENUM, 8, MFF_REQUIRED, NULL,            \
      member_gender_values, "nam or nu")                                                           \
    X(BIRTH_DATE, birth_date, "birth_date", "Ngày sinh", "birth", MFK_DATE, 0,                     \
      MFF_REQUIRED | MFF_NOT_FUTURE, NULL, NULL, "date of birth")                                  \
    X(ETHNICITY, ethnicity, "ethnicity", "Dân tộc", "ethnicity", MFK_TEXT, 50, 0, "Kinh", NULL,    \
      "ethnicity (default Kinh)")                                                                  \
    X(RELIGION, religion, "religion", "Tôn giáo", "religion", MFK_TEXT, 50, 0, "Không", NULL,      \
      "religion (default Không)")                                                                  \
    X(HOMETOWN, hometown, "hometown", "Quê quán", "hometown", MFK_TEXT, 200, 0, NULL, NULL,        \
      "hometown")                                                                                  \
    X(NATIONAL_ID, national_id, "national_id", "Số CCCD", "national-id", MFK_NATIONAL_ID, 12, 0,   \
      NULL, NULL, "12-digit citizen ID (CCCD)")                                                    \
    X(EDUCATION, education, "education", "Trình độ học vấn", "education", MFK_TEXT, 50, 0, NULL,   \
      NULL, "general education")                                                                   \
    X(PROFESSIONAL_LEVEL, professional_level, "professional_level", "Chuyên môn", "professional",  \
      MFK_TEXT, 100, 0, NULL, NULL, "professional qualification")                                  \
    X(THEORY_LEVEL, theory, "theory_level", "Lý luận chính trị", "theory", MFK_ENUM, 32, 0, NULL,  \
      member_theory_values, "none, so_cap, trung_cap, cao_cap, cu_nhan")                           \
    X(PARTY_CARD_NO, party_card_no, "party_card_no", "Số thẻ đảng viên", "card", MFK_TEXT, 20, 0,  \
      NULL, NULL, "party card number")
/* the Phiếu đảng viên's fields the statistics forms count (MFF_PROFILE) */
#define MEMBER_PROFILE_FIELDS(X)                                                                   \
    X(OTHER_NAME, other_name, "other_name", "Tên gọi khác", "other-name", MFK_TEXT, 100,           \
      MFF_PROFILE, NULL, NULL, "other name (Phiếu item 03)")                                       \
    X(BIRTH_REGISTRATION, birth_registration, "birth_registration", "Nơi đăng ký khai sinh",       \
      "birth-registration", MFK_TEXT, 200, MFF_PROFILE, NULL, NULL,                                \
      "place of birth registration (item 05)")                                                     \
    X(PERMANENT_ADDRESS, permanent_address, "permanent_address", "Nơi thường trú",                 \
      "permanent-address", MFK_TEXT, 300, MFF_PROFILE, NULL, NULL, "permanent address (item 07)")  \
    X(DOSSIER_NO, dossier_no, "dossier_no", "Số lý lịch", "dossier-no", MFK_DIGITS, 10,            \
      MFF_PROFILE, NULL, NULL, "số lý lịch, 10 digits")                                            \
    X(OCCUPATION_BEFORE, occupation_before, "occupation_before", "Nghề nghiệp trước khi vào Đảng", \
      "occupation-before", MFK_ENUM, 32, MFF_PROFILE, NULL, member_occupation_values,              \
      "occupation before admission (forms' categories)")                                           \
    X(OCCUPATION, occupation, "occupation", "Nghề nghiệp hiện nay", "occupation", MFK_ENUM, 32,    \
      MFF_PROFILE, NULL, member_occupation_values, "occupation now (forms' categories)")           \
    X(WORK_STATUS, work_status, "work_status", "Tình trạng công tác", "work-status", MFK_ENUM, 32, \
      MFF_PROFILE, NULL, member_work_status_values, "working or retired")                          \
    X(GENERAL_EDUCATION, general_education, "general_education", "Bậc giáo dục phổ thông",         \
      "general-education", MFK_ENUM, 32, MFF_PROFILE, NULL, member_general_education_values,       \
      "general education (coded)")                                                                 \
    X(PROFESSIONAL_DEGREE, professional_degree, "professional_degree", "Bậc trình độ chuyên môn",  \
      "professional-degree", MFK_ENUM, 32, MFF_PROFILE, NULL, member_professional_degree_values,   \
      "professional level (coded)")                                                                \
    X(ACADEMIC_TITLE, academic_title, "academic_title", "Chức danh khoa học", "academic-title",    \
      MFK_ENUM, 32, MFF_PROFILE, NULL, member_academic_title_values, "academic title")             \
    X(FOREIGN_LANGUAGE, foreign_language, "foreign_language", "Ngoại ngữ", "foreign-language",     \
      MFK_ENUM, 32, MFF_PROFILE, NULL, member_foreign_language_values, "foreign language")         \
    X(IT_LEVEL, it_level, "it_level", "Tin học", "it-level", MFK_ENUM, 32, MFF_PROFILE, NULL,      \
      member_it_level_values, "information technology")                                            \
    X(YOUTH_UNION, youth_union, "youth_union", "Đoàn viên", "youth-union", MFK_ENUM, 32,           \
      MFF_PROFILE, NULL, member_yes_no_values, "member of the Ho Chi Minh Communist Youth Union")  \
    X(BUSINESS_OWNER, business_owner, "business_owner", "Chủ doanh nghiệp tư nhân",                \
      "business-owner", MFK_ENUM, 32, MFF_PROFILE, NULL, member_yes_no_values,                     \
      "owner of a private business")                                                               \
    X(FOREIGN_MARRIAGE, foreign_marriage, "foreign_marriage", "Hôn nhân với người nước ngoài",     \
      "foreign-marriage", MFK_ENUM, 32, MFF_PROFILE, NULL, member_yes_no_values,                   \
      "married to a foreigner")                                                                    \
    X(ARMED_FORCES, armed_forces, "armed_forces", "Bộ đội, công an", "armed-forces", MFK_ENUM, 32, \
      MFF_PROFILE, NULL, member_armed_forces_values, "army or police")                             \
    X(INTRODUCER_1, introducer_1, "introducer_1", "Người giới thiệu thứ nhất", "introducer-1",     \
      MFK_TEXT, 200, MFF_PROFILE, NULL, NULL, "first introducer: name, post, unit")                \
    X(INTRODUCER_2, introducer_2, "introducer_2", "Người giới thiệu thứ hai", "introducer-2",      \
      MFK_TEXT, 200, MFF_PROFILE, NULL, NULL, "second introducer: name, post, unit")
#define MEMBER_FIELDS(X) MEMBER_BASE_FIELDS(X) MEMBER_PROFILE_FIELDS(X)

#define MF_ENUM_ID(ID, ...) MF_##ID,
enum member_field { MEMBER_FIELDS(MF_ENUM_ID) MF__MAX };
#undef MF_ENUM_ID

/* One value of an enumeration: stable ASCII name (JSON/CSV), Vietnamese label, another
   accepted spelling (may be NULL). */
/* name: the stored code; label: what every output prints; alias: other spellings accepted on
 * input, separated by '|' (e.g. the label an earlier version printed, so its exports import). */
struct member_enum_value {
    const char *name, *label, *alias;
};
extern const struct member_enum_value member_gender_values[GENDER__MAX];
extern const struct member_enum_value member_theory_values[THEORY__MAX];
/* The Phiếu's coded fields; value 0 is "chua_cap_nhat" (not entered) in each. */
extern const struct member_enum_value member_occupation_values[15];
extern const struct member_enum_value member_work_status_values[3];
extern const struct member_enum_value member_general_education_values[5];
extern const struct member_enum_value member_professional_degree_values[9];
extern const struct member_enum_value member_academic_title_values[4];
extern const struct member_enum_value member_foreign_language_values[4];
extern const struct member_enum_value member_it_level_values[4];
extern const struct member_enum_value member_yes_no_values[3];
extern const struct member_enum_value member_armed_forces_values[4];

struct member_field_def {
    const char *key;    /* JSON key, API field, ASCII header: "full_name" */
    const char *label;  /* Vietnamese label and header: "Họ và tên" */
    const char *option; /* CLI option without "--": "name" */
    enum member_field_kind kind;
    unsigned max; /* code points; 0 for dates */
    unsigned flags;
    const char *dflt; /* stored for an empty value; NULL: empty stays empty */
    const struct member_enum_value *values;
    size_t nvalues;
    size_t offset;   /* of the value in struct member_fields */
    const char *doc; /* English, one line (API docs) */
};
extern const struct member_field_def member_field_defs[MF__MAX];

/* The field with that key, or -1. */
int member_field_by_key(const char *key);

/* Index of the value whose name, label or alias folds like s (case, diacritics, ' ' '-' '_'
   alike); -1 if none. */
int member_enum_find(const struct member_enum_value *tab, size_t n, const char *s);

/* A member's personal record, validated and NFC-clean. Release with member_fields_release. */
struct member_fields {
    struct buf full_name, ethnicity, religion, hometown, national_id, education, professional_level,
        party_card_no;
    enum gender gender;
    tcxd_date birth_date;
    enum theory_level theory;
    /* the Phiếu's fields (MFF_PROFILE) */
    struct buf other_name, birth_registration, permanent_address, dossier_no, introducer_1,
        introducer_2;
    int occupation_before, occupation, work_status, general_education, professional_degree,
        academic_title, foreign_language, it_level, youth_union, business_owner, foreign_marriage,
        armed_forces;
};
void member_fields_init(struct member_fields *f);
void member_fields_release(struct member_fields *f);
/* The buf of a text-like field (TEXT, NATIONAL_ID, DIGITS); NULL for dates and enumerations. */
struct buf *member_fields_text(struct member_fields *f, enum member_field id);
const struct buf *member_fields_text_c(const struct member_fields *f, enum member_field id);
/* The value of an enumeration field as an index into its table; the date of a date field. */
int member_fields_enum(const struct member_fields *f, enum member_field id);
tcxd_date member_fields_date(const struct member_fields *f, enum member_field id);

/*
 * Cleans and checks one field's text s[0..len) into out (an empty value takes the default, or
 * the field's empty/none value). Errors name the field by key (e->field). today: for
 * MFF_NOT_FUTURE.
 */
enum tcxd_err member_field_parse(enum member_field id, const char *s, size_t len, tcxd_date today,
                                 struct member_fields *out, struct tcxd_error *e) TCXD_WUR;

/* Where member_record_parse reports problems when asked to go on after the first. */
struct member_issue_sink {
    void (*fn)(void *ctx, enum member_field f, const struct tcxd_error *e);
    void *ctx;
};

/*
 * Every field, in table order: in[i] is field i's text (NULL or "" when absent). sink NULL:
 * stops at the first problem, fills e and returns its code. With a sink: each problem goes to
 * the sink and parsing goes on; returns the first problem's code (e gets it too).
 */
enum tcxd_err member_record_parse(const char *const in[MF__MAX], tcxd_date today,
                                  struct member_fields *out, const struct member_issue_sink *sink,
                                  struct tcxd_error *e) TCXD_WUR;

/*
 * A member as entered (member add, the API's admission, an import row, the demo): admitted into
 * a chi bộ of the database, or outside it (admission_org_id 0: the store keeps the place as
 * text); maybe recognised official; maybe moved since, or arrived from outside, by an official
 * transfer into moved_to on moved_on. member_entry_events() is the one place that turns it into
 * events, for both the per-member and the bulk write path: admission, recognition, transfer, in
 * that order, with seq 1, 2, 3 and the recognition on ceremony + 12 months. Returns how many.
 */
#define MEMBER_ENTRY_EVENTS 3
struct member_entry {
    int64_t admission_org_id; /* 0: admitted outside the database */
    tcxd_date decision_date, ceremony_date;
    tcxd_date official_decision_date; /* DATE_NONE: not recognised */
    int64_t moved_to;                 /* 0: no transfer */
    tcxd_date moved_on;
    tcxd_date moved_decision_date; /* the transfer's decision; 0 or DATE_NONE: moved_on */
};
size_t member_entry_events(const struct member_entry *m,
                           struct member_event ev[MEMBER_ENTRY_EVENTS]);

/*
 * One event of a member's history as the import and export write it in the history column
 * ("Diễn biến khác"), one event a line:
 *   date | kind | form | org | decision date | decision no | detail | scope | place | until
 * kind, form and scope by label (Vietnamese, dates dd/mm/yyyy) or by name (ascii, ISO dates);
 * org is the organization's code ("" when none or outside the database); trailing empty fields
 * are left out; '|' and '\' inside a value are written "\|" and "\\". member_history_parse
 * reads either spelling back (errors name the field: date, kind, form, decision_date, until,
 * scope; text fields are cleaned like the store's, at most 300 characters, decision numbers 100).
 * ev.org_id is not used: the caller resolves org.
 */
struct member_history_item {
    struct member_event ev;
    struct buf org, decision_no, detail, place;
    enum transfer_scope scope;
};
void member_history_item_init(struct member_history_item *h);
void member_history_item_release(struct member_history_item *h);
void member_history_format(const struct member_history_item *h, bool ascii, struct buf *out);
enum tcxd_err member_history_parse(const char *s, size_t len, struct member_history_item *out,
                                   struct tcxd_error *e) TCXD_WUR;

#endif
