/*
 * forms.h - the statistics pack (biểu mẫu thống kê) of the organization boards: each form's
 * definition as data (forms_btctw.c), versioned by the dates it applies; an evaluator that fills
 * a form for any subtree and period from the facts (facts.h); the checks shown with it; the
 * period-flow sentences; and renderings (text, CSV, JSON, XLSX).
 *
 * A definition is rows and columns; each row says what its cells count:
 *   members in the list at the end of the day before the period (A of form 1) or at its end,
 *   changes of the list in the period by kind (B and C of form 1, form 2), base organizations
 *   at the end, organizations and members by type of base organization (form 5), the review
 *   (form 6) - each filtered by a predicate (female, age band, education ...). Rows whose fact
 *   tcxd does not keep are FSRC_NOT_KEPT: shown as "chưa theo dõi", never a silent 0.
 * Layouts: COMPARE ("Kỳ này | Cùng kỳ năm trước | %", the same period a year earlier over the
 * tree as it stood then; % = this × 100 / last, one decimal, blank when last is 0), ANNEX (2B
 * and 3B: a row per ethnicity and religion: total, of which women, share %), ORG_TYPES (form 5),
 * REVIEW (form 6: collectives | members).
 */
#ifndef TCXD_REPORT_FORMS_H
#define TCXD_REPORT_FORMS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "report/facts.h"
#include "store/store.h"
#include "util/buf.h"

/* ---- periods ------------------------------------------------------------------------------ */

struct form_period {
    tcxd_date from, to; /* both days included */
    char label[96];     /* "6 tháng đầu năm 2022", "Năm 2021", "Quý II năm 2021",
                           "Từ 01/01/2021 đến 15/06/2021" */
    char key[32];       /* "2022-h1", "2021", "2021-q2", "2021-01-01..2021-06-15" */
};
/* "2021", "2021-h1", "2021-h2", "2021-q1".."2021-q4", "FROM..TO" (dates as date_parse takes).
   Errors name the field "period". */
enum tcxd_err form_period_parse(const char *s, struct form_period *out,
                                struct tcxd_error *e) TCXD_WUR;
/* The same period one year earlier (dates - 1 year; labels follow). */
void form_period_prev_year(const struct form_period *p, struct form_period *out);

/* ---- definitions -------------------------------------------------------------------------- */

/* FORM_GRID: ncols value columns, all filled by the form's source for the period (the cadre
   forms: rows = levels or posts, columns = total, women, age bands ...). */
enum form_layout {
    FORM_COMPARE,
    FORM_ANNEX,
    FORM_ORG_TYPES,
    FORM_REVIEW,
    FORM_GRID,
    FORM_LAYOUT__MAX
};

enum form_src {
    FSRC_HEADING,     /* a heading: no figure */
    FSRC_NOT_KEPT,    /* tcxd does not keep this fact */
    FSRC_LIST_START,  /* members in the list at the end of the day before the period */
    FSRC_LIST_END,    /* members in the list at the end of the period */
    FSRC_FLOW,        /* changes in the period, kinds in `flows` (bits of enum facts_flow_kind) */
    FSRC_AVG_AGE,     /* mean age: of the list at the end, or (flows != 0) of those flows */
    FSRC_BASE_ORGS,   /* base organizations at the end (form 2 III) */
    FSRC_ORG_TYPE,    /* form 5: base organizations of the types in `a` (bits) */
    FSRC_REVIEW,      /* form 6: the review figure `a` (enum form_review_fig) */
    FSRC_SOURCE,      /* the form's own facts: def->own_facts fills it (a, b are the source's) */
    FSRC_FLOW_NET,    /* flows of the kinds in `flows` minus those of the kinds in `a` (bits) */
    FSRC_SOURCE_MEAN, /* the form's own mean (8B's mean age): def->own_facts sets means */
    FSRC__MAX
};

enum form_pred {
    FP_ALL,
    FP_FEMALE,
    FP_PROBATIONARY,
    FP_MINORITY,      /* ethnicity other than Kinh */
    FP_RELIGIOUS,     /* a religion other than Không */
    FP_AGE,           /* age in whole years in [a, b] (on the flow's day / the period's end) */
    FP_ADMITTED,      /* first admission decision in [a, b] (day numbers) */
    FP_SCHOOL,        /* general education level a (enum form_school) */
    FP_PROFESSIONAL,  /* professional level a (enum form_prof), or b when b > 0 */
    FP_THEORY,        /* political theory: a = so cap, b = the other level counted with it */
    FP_EXEMPT,        /* miễn công tác và sinh hoạt đảng */
    FP_OWN_TRANSFER,  /* flows: the member's own transfer (not an organization's move) */
    FP_DANG_BO,       /* base organizations: đảng bộ cơ sở */
    FP_CHI_BO,        /* base organizations: chi bộ cơ sở */
    FP_DANG_BO_ADMIT, /* đảng bộ cơ sở with an admission in the period */
    FP_CHI_BO_ADMIT,  /* chi bộ cơ sở with an admission in the period */
    FP_BASE_ADMIT,    /* base organizations with an admission in the period (FP_ALL: all) */
    FP_OCCUPATION,    /* occupation code in the bits of a (member_occupation_values; flows: the
                         occupation before admission when entered, else now); b = 1: of those
                         not retired (work_status other than nghỉ hưu) */
    FP_WORKING, /* work_status other than nghỉ hưu (đang làm việc, or chưa cập nhật) */
    FP_RETIRED, /* work_status nghỉ hưu */
    FP_YES_NO,  /* the yes/no field a (enum form_yes_no) has the value b (0 chưa cập nhật,
                   1 không, 2 có) */
    FP_TITLE,   /* academic_title a (0 chưa cập nhật, 1 không, 2 PGS, 3 GS) */
    FP_FORM,    /* flows (badges, cards, commendations): the event's form is a, or b when
                   b >= 0 */
    FP_PARTY_AGE, /* party age in whole years in [a, b] on the period's end (facts_party_years) */
    FP__MAX
};

enum form_yes_no { YN_YOUTH_UNION, YN_BUSINESS_OWNER, YN_FOREIGN_MARRIAGE };

/* SCHOOL_NONE: chưa cập nhật (nothing entered, or a text that maps to no level) */
enum form_school { SCHOOL_NONE, SCHOOL_LITERATE, SCHOOL_PRIMARY, SCHOOL_LOWER, SCHOOL_UPPER };
enum form_prof {
    PROF_NONE,
    PROF_ELEMENTARY, /* công nhân kỹ thuật, nhân viên nghiệp vụ, sơ cấp */
    PROF_SECONDARY,  /* trung cấp */
    PROF_COLLEGE,    /* cao đẳng */
    PROF_BACHELOR,   /* đại học */
    PROF_MASTER,     /* thạc sỹ */
    PROF_DOCTOR,     /* tiến sỹ */
    PROF_UNKNOWN,    /* chưa cập nhật: nothing entered, or a text that maps to no level */
    PROF_DOCTOR_SCI  /* tiến sỹ khoa học (the BTCTW forms count it with tiến sỹ) */
};
/* "12/12", "9/12", "7/10", "Trung học phổ thông" ... (UNCONFIRMED mapping, docs/forms.md). */
enum form_school form_school_level(const char *education);
enum form_prof form_prof_level(const char *professional_level);
/* The level of a coded field (member_general_education_values, member_professional_degree_values
   index; 0 = chưa cập nhật) or, when it is 0, the text's level. */
enum form_school form_school_of(int general_education, enum form_school from_text);
enum form_prof form_prof_of(int professional_degree, enum form_prof from_text);

enum form_review_fig {
    FRV_DUE,        /* phải kiểm điểm */
    FRV_DONE,       /* đã kiểm điểm */
    FRV_NOT_DONE,   /* chưa kiểm điểm */
    FRV_NEW_ORG,    /* tập thể thành lập mới (in the year), not reviewed */
    FRV_NEW_MEMBER, /* admitted under 6 months before the year's end, not reviewed */
    FRV_EXEMPT,     /* miễn công tác và sinh hoạt đảng, not reviewed */
    FRV_SUSPENDED,  /* đình chỉ sinh hoạt đảng, not reviewed */
    FRV__MAX
};

#define FLOWBIT(k) (1u << (k))

struct form_row_def {
    const char *key;   /* stable id: "A", "B.1", "C.5.a", "II.2.18_30" */
    const char *label; /* as on paper, numbering included: "1. Kết nạp" */
    int level;         /* indentation: 0 headline ... 3 */
    enum form_src src;
    uint32_t flows; /* FSRC_FLOW / FSRC_AVG_AGE: FLOWBIT()s */
    enum form_pred pred;
    int64_t a, b;
    const char *note; /* FSRC_NOT_KEPT: why */
};

/* A check as data: for every value column, the row `total` equals the sum of the rows `parts`
   (NULL-terminated; a part "-KEY" is subtracted). Shown with the form as "name". */
struct form_sum_check {
    const char *name;
    const char *total;
    const char *const *parts;
};

/* A heading over adjacent value columns, as the paper grid's upper header row ("Lãnh đạo cấp
   ủy" over "Bí thư | Phó bí thư"): value columns first .. first + n - 1. */
struct form_col_group {
    const char *label;
    size_t first, n;
};

struct form_def;
/* The facts of a form of its own (cadre forms 8-13): what one call counts. */
struct form_source_ctx {
    struct store *st;
    const struct form_def *def;
    int64_t org_id;     /* the subtree's root */
    tcxd_date from, to; /* the period, both days included */
    double *means;      /* [nrows * FORM_MAX_COLS], NAN (shown empty) until set: the rows with
                           src FSRC_SOURCE_MEAN, columns as counts */
};
struct form_source {
    const char *name;
    /* Sets counts[i * FORM_MAX_COLS + c] for each row i with src FSRC_SOURCE and each value
       column c it fills (FORM_COMPARE: c = 0 only; FORM_GRID: 0 .. ncols - 1), for the subtree
       and period of c, counted over the tree as it stood then. counts come zeroed. */
    enum tcxd_err (*fill)(const struct form_source_ctx *c, int64_t *counts, struct tcxd_error *e);
};

struct form_def {
    const char *id;                    /* "1", "2", "2b", "3", "3b", "5", "6", "7" */
    const char *number;                /* "1-BTCTW" */
    const char *title;                 /* "TĂNG, GIẢM ĐẢNG VIÊN" */
    const char *subtitle;              /* "Chia theo dân tộc và tôn giáo" or NULL */
    const char *valid_from, *valid_to; /* ISO days the definition applies to periods ending in */
    const char *source;                /* which guidance and where the grid was found */
    enum form_layout layout;
    const char *item_header; /* "Tiêu chí" */
    size_t ncols;            /* value columns */
    const char *const *col_labels;
    const char *const *col_numbers; /* "2", "3", "4(=2*100/3)": the numbering row, after "1" */
    /* FORM_GRID: the upper header row (NULL-label terminated, in column order), or NULL; a
       column in no group has its label over both header rows */
    const struct form_col_group *col_groups;
    const char *annex_of; /* ANNEX: the form whose headline it totals ("2", "3") */
    bool annex_flows;     /* ANNEX: admissions in the period (2B) or the list at the end (3B) */
    const struct form_row_def *rows;
    size_t nrows;
    const struct form_sum_check *sums;   /* NULL-name terminated, or NULL */
    const struct form_source *own_facts; /* rows with src FSRC_SOURCE, or NULL */
    /* FORM_ORG_TYPES: value columns before the six counted ones (total, đảng bộ cơ sở, chi bộ
       cơ sở, đảng bộ bộ phận, chi bộ trực thuộc, members) that tcxd does not keep (the 2012
       form's units) */
    int types_offset;
    /* FORM_ORG_TYPES: a base type the form splits in rows tcxd cannot tell apart (those rows are
       FSRC_NOT_KEPT): its joint figure is given in a note, and is in the total row */
    bool has_joint;
    enum org_base_type joint_type;
    const char *joint_label; /* "Loại hình 'Cơ quan hành chính' (mục 4 và 5 gộp chung)" */
    bool source_additive;    /* FSRC_SOURCE rows are counts at the end of the period: the children's
                                sum to the parent's (the children check) */
    const char *set;         /* "BTCTW", "TCTW 2012": the set it belongs to */
};

/* Every definition, and the one of a form id applying to a period ending on `to` (ENOTFOUND
   naming the form and the date). */
const struct form_def *const *form_defs(size_t *n);
enum tcxd_err form_def_find(const char *id, tcxd_date to, const struct form_def **out,
                            struct tcxd_error *e) TCXD_WUR;

/* ---- results ------------------------------------------------------------------------------ */

/* The widest grid: 12A-BTCTW has 17 value columns, 9A-BTCTW 16; three to spare. */
#define FORM_MAX_COLS 20

enum form_value_kind { FV_EMPTY, FV_COUNT, FV_DECIMAL, FV_PERCENT, FV_NOT_KEPT };
struct form_value {
    enum form_value_kind kind;
    int64_t n;
    double x;
};

struct form_row {
    char *key, *label;
    int level;
    bool heading;
    struct form_value v[FORM_MAX_COLS];
    const char *note;
};

struct form_check {
    char *name; /* "A + B - C = D (kỳ này)" */
    bool ok;
    char *detail; /* the figures, and on failure the rows and organizations */
};

struct form_result {
    const struct form_def *def;
    struct org_info org;
    struct form_period period, prev;
    struct form_row *rows;
    size_t nrows, cap;
    struct form_check *checks;
    size_t nchecks, checks_cap;
    char **notes; /* things the reader must know (what is not kept, mappings) */
    size_t nnotes, notes_cap;
};

struct form_opts {
    bool children_check; /* also fill the form for each direct child and check their sum */
    const char *engine;  /* "store" (default) or "engine" when it is built in */
};

/* Fills form def for org_id over period p; *out is freed with form_result_free. */
enum tcxd_err form_fill(struct store *st, const struct form_def *def, int64_t org_id,
                        const struct form_period *p, const struct form_opts *o,
                        struct form_result **out, struct tcxd_error *e) TCXD_WUR;
/* The same from facts already opened over a window holding both periods (tests, the pack). */
enum tcxd_err form_fill_facts(struct facts *f, const struct org_info *org,
                              const struct form_def *def, const struct form_period *p,
                              struct form_result **out, struct tcxd_error *e) TCXD_WUR;
void form_result_free(struct form_result *r);
/* The row of a key, NULL if none. */
const struct form_row *form_result_row(const struct form_result *r, const char *key);

/* ---- period flows: the board's sentences -------------------------------------------------- */

struct form_flow_counts {
    int64_t n[FLOW__MAX], prev[FLOW__MAX];
    int64_t orgs[ORGCH__MAX];      /* organizations of every tier, in the period */
    int64_t base_orgs[ORGCH__MAX]; /* of which base organizations (tổ chức cơ sở đảng) */
};
/* "kết nạp được 5.030 đảng viên (bằng 107,3% so với cùng kỳ năm 2021)" and the like, for the
   period and the same period a year earlier; then what happened to organizations in the period
   ("thành lập mới ...; tiếp nhận 10 tổ chức cơ sở đảng từ ngoài về ...; chuyển giao, tiếp nhận 38
   tổ chức cơ sở đảng trong nội bộ"), left out when nothing did. */
enum tcxd_err form_flows(struct store *st, int64_t org_id, const struct form_period *p,
                         struct form_flow_counts *out, struct buf *sentence,
                         struct tcxd_error *e) TCXD_WUR;
void form_flows_sentence(const struct form_flow_counts *c, const struct form_period *p,
                         const struct form_period *prev, struct buf *out);

/* ---- rendering ---------------------------------------------------------------------------- */

enum form_format {
    FORM_FMT_TEXT,
    FORM_FMT_CSV,
    FORM_FMT_JSON,
    FORM_FMT_XLSX,
    FORM_FMT_PDF,
    FORM_FMT__MAX
};
enum tcxd_err form_format_parse(const char *s, enum form_format *out,
                                struct tcxd_error *e) TCXD_WUR;
const char *form_format_mime(enum form_format f);

/* The group of value column c, NULL if none. */
const struct form_col_group *form_col_group_of(const struct form_def *d, size_t c);
/* Value column c's label for one-line headers (text legend, CSV, checks): "Lãnh đạo HĐND - Chủ
   tịch" when the column is in a group, else its label. */
void form_col_label(const struct form_def *d, size_t c, struct buf *out);

/* A value as printed: "5.030", "107,3", "38,2", "chưa theo dõi", "". */
void form_value_text(const struct form_value *v, struct buf *out);
/* The header line of the issuing board: "ĐẢNG BỘ QUẬN BA ĐÌNH" style name of the root. */
void form_issuer(const struct form_result *r, struct buf *out);
/* The period line of the title, upper case: "6 THÁNG ĐẦU NĂM 2022". */
void form_period_title(const struct form_result *r, struct buf *out);

void form_render_text(const struct form_result *r, struct buf *out);
void form_render_csv(const struct form_result *r, struct buf *out);
json_t *form_json(const struct form_result *r);
json_t *form_defs_json(void);
enum tcxd_err form_write_xlsx(const struct form_result *r, const char *path,
                              struct tcxd_error *e) TCXD_WUR;
/* A4 PDF for printing and signing (cairo + pango; forms_pdf.c): portrait up to 8 value
   columns, landscape beyond; the header font shrinks until no word of a column label breaks. */
enum tcxd_err form_write_pdf(const struct form_result *r, const char *path,
                             struct tcxd_error *e) TCXD_WUR;
/* Any format into out (XLSX and PDF through a temporary file). */
enum tcxd_err form_to_buf(const struct form_result *r, enum form_format f, struct buf *out,
                          struct tcxd_error *e) TCXD_WUR;

#endif
