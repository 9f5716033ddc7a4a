/*
 * structure.h - the structure report (báo cáo cơ cấu tổ chức và đảng viên) of an organization on
 * a date: the one sentence a board writes, and the same figures broken down by child
 * organization, by base-organization type and by members' attributes, optionally against a
 * second date; rendered as text, an aligned table, JSON, CSV or XLSX.
 *
 * report_structure_build() reads the store once (the tree of each date, member counts through
 * report_node_counts, member rows through store_member_facts) and fills a struct
 * report_structure; rendering reads only that struct, so one report can be rendered in several
 * formats. The report owns every string and array in it: free it with report_structure_free().
 *
 * What is counted (see count.h): members registered (not on temporary transfer) in a chi bộ of
 * the organization's subtree on the date, probationary or official. The root is not counted
 * among its own organizations. "Đảng bộ trực thuộc" are the root's direct above-base children.
 *
 * Breakdowns, all on the report date:
 *   children        each direct child's subtree, the child itself included, so that every
 *                   column adds up to the root's total (above_base, base_orgs, ...);
 *   base_type       base organizations of each type (loại hình) and their members;
 *   age_band        age in whole years (date_age_years): ≤30, 31–40, 41–50, 51–60, 61–70, >70
 *                   (the bands of the party's statistical forms), split by gender;
 *   party_age_band  party age in whole years from the first admission decision, minus the
 *                   intervals spent outside the party (member_party_age_years): <10, 10–19,
 *                   20–29, 30–39, 40–49, ≥50;
 *   ethnicity, religion, education: the `top` most frequent values (ties by value), then one
 *                   row for all the others; an empty value is "Không rõ";
 *   gender, theory_level, status (official / probationary): every value, zeros included.
 * With a comparison date each row carries both dates' values; rows are matched by key
 * (organizations by id, so a renamed organization stays one row; an organization that existed
 * on one date only shows zeros on the other).
 */
#ifndef TCXD_REPORT_STRUCTURE_H
#define TCXD_REPORT_STRUCTURE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "report/count.h"
#include "store/store.h"
#include "util/buf.h"

enum report_format {
    REPORT_FMT_TEXT,  /* the sentence (and, compared, one line of changes) */
    REPORT_FMT_TABLE, /* aligned tables for a terminal */
    REPORT_FMT_JSON,
    REPORT_FMT_CSV,  /* UTF-8 with a BOM (for Excel), RFC 4180, one header row, one row per
                        figure (long format) */
    REPORT_FMT_XLSX, /* one sheet per table, Vietnamese headers and a title */
    REPORT_FMT__MAX
};
const char *report_format_name(enum report_format f); /* "text", "table", ... */
/* Parses a format name; the error names the field "format". */
enum tcxd_err report_format_parse(const char *s, enum report_format *out,
                                  struct tcxd_error *e) TCXD_WUR;
/* MIME type of a format ("text/csv; charset=utf-8", ...), for HTTP answers. */
const char *report_format_mime(enum report_format f);

enum report_table_id {
    RT_TOTALS,
    RT_CHILDREN,
    RT_BASE_TYPE,
    RT_GENDER,
    RT_AGE_BAND,
    RT_PARTY_AGE_BAND,
    RT_ETHNICITY,
    RT_RELIGION,
    RT_EDUCATION,
    RT_THEORY_LEVEL,
    RT_STATUS,
    RT__MAX
};

#define REPORT_MAX_COLS 7

struct report_row {
    char *key;      /* stable id: enum name, organization code, or the value itself */
    char *label;    /* Vietnamese */
    char *note;     /* children: the organization's kind ("Đảng bộ cơ sở"); else NULL */
    int64_t org_id; /* children: the organization; else 0 */
    bool part;      /* totals: a part of the row above it ("of which"), shown indented */
    int64_t v[REPORT_MAX_COLS];    /* on as_of */
    int64_t prev[REPORT_MAX_COLS]; /* on the comparison date; zeros when not compared */
};

struct report_table {
    enum report_table_id id;
    const char *key;         /* "totals", "children", "gender", ... (JSON, CSV) */
    const char *title;       /* "Theo giới tính" */
    const char *sheet;       /* XLSX sheet name, at most 31 characters */
    const char *item_header; /* header of the label column: "Giới tính" */
    const char *note_header; /* header of the note column, NULL when rows have none */
    size_t ncols;
    size_t count_col; /* the column that is "the count" of a row (JSON "count", comparisons) */
    const char *col_key[REPORT_MAX_COLS];
    const char *col_label[REPORT_MAX_COLS];
    bool shares; /* rows partition the members: a share (%) of count_col is shown */
    struct report_row *rows;
    size_t nrows, cap;
};

struct report_structure_opts {
    tcxd_date as_of;
    tcxd_date compare; /* DATE_NONE: no comparison */
    bool breakdowns;   /* false: totals and sentence only (what the text format needs) */
    int top;           /* rows kept for ethnicity, religion, education; <= 0: REPORT_TOP_DEFAULT */
    bool engine;       /* read the analytics engine (src/engine) rather than SQL; the figures are
                          the same (report_structure_opts_init sets it from engine_enabled()) */
};
/* Zeroes o, no comparison, the engine when enabled. */
void report_structure_opts_init(struct report_structure_opts *o, tcxd_date as_of);
#define REPORT_TOP_DEFAULT 5

struct report_structure {
    struct org_info org; /* the root, on as_of */
    tcxd_date as_of;
    tcxd_date compare; /* DATE_NONE when not compared */
    bool breakdowns;
    bool existed_then; /* compared and the root existed on the comparison date */
    struct structure_counts now, then;
    char *sentence;                      /* on as_of */
    char *sentence_then;                 /* on the comparison date; NULL unless existed_then */
    struct report_table tables[RT__MAX]; /* only RT_TOTALS has rows without breakdowns */
};

/* Builds the report of organization org_id (which must exist on o->as_of: ENOTFOUND names it).
 *out is set on success only; free it with report_structure_free(). */
enum tcxd_err report_structure_build(struct store *st, int64_t org_id,
                                     const struct report_structure_opts *o,
                                     struct report_structure **out, struct tcxd_error *e) TCXD_WUR;
void report_structure_free(struct report_structure *r);

/*
 * The sentence: "<name> có 50 đảng bộ trực thuộc với 2.316 tổ chức cơ sở đảng, 176 đảng bộ bộ
 * phận, 17.225 chi bộ trực thuộc và 457.397 đảng viên." Parts that are zero are left out
 * ("Đảng bộ quận Ba Đình có 35 tổ chức cơ sở đảng, ... và 12.345 đảng viên.", "Chi bộ X có 12
 * đảng viên."); no members reads "chưa có đảng viên". Appends to out, no newline.
 */
void report_sentence(const char *name, const struct structure_counts *c, struct buf *out);
/* "So với ngày 31/12/2019: tổ chức cơ sở đảng giảm 6 (0,3%), ..., đảng viên tăng 312 (7,3%)."
   for the sentence's figures (those non-zero on either date). Appends to out, no newline. */
void report_compare_sentence(tcxd_date then_date, const struct structure_counts *then,
                             const struct structure_counts *now, struct buf *out);

/* Renders in a text format (everything but XLSX: that one is binary, see below) into out. */
void report_structure_render(const struct report_structure *r, enum report_format f,
                             struct buf *out);
/* The JSON document (docs/api-contract.md shape); a new reference. */
json_t *report_structure_json(const struct report_structure *r);
/* Writes the XLSX workbook to path. */
enum tcxd_err report_structure_xlsx(const struct report_structure *r, const char *path,
                                    struct tcxd_error *e) TCXD_WUR;
/* Writes any format to path ("-" is stdout for text formats). */
enum tcxd_err report_structure_write(const struct report_structure *r, enum report_format f,
                                     const char *path, struct tcxd_error *e) TCXD_WUR;
/* Any format into out (XLSX goes through a temporary file in $TMPDIR), for HTTP answers. */
enum tcxd_err report_structure_to_buf(const struct report_structure *r, enum report_format f,
                                      struct buf *out, struct tcxd_error *e) TCXD_WUR;

/* Band of an age in whole years: 0 for ≤30 ... 5 for >70; of a party age: 0 for <10 ... 5 for
   ≥50. Their keys ("31_40") and labels ("Từ 31 đến 40 tuổi"). */
#define REPORT_AGE_BANDS 6
int report_age_band(int years);
int report_party_age_band(int years);
const char *report_age_band_key(int band);
const char *report_age_band_label(int band);
const char *report_party_age_band_key(int band);
const char *report_party_age_band_label(int band);

#endif
