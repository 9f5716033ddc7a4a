/*
 * columns.h - the columns of the import/export formats (private to src/io).
 *
 * Each table lists a column's ASCII header (the canonical field name), its Vietnamese header
 * and more accepted spellings. The order is the export's column order. docs/import-format.md
 * documents these tables; tests/io checks that every header listed there is recognised.
 */
#ifndef TCXD_IO_COLUMNS_H
#define TCXD_IO_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/member_record.h"
#include "util/buf.h"

#define MC_PROFILE_ID(ID, ...) MC_##ID,
enum member_col {
    MC_FULL_NAME,
    MC_GENDER,
    MC_BIRTH_DATE,
    MC_ETHNICITY,
    MC_RELIGION,
    MC_HOMETOWN,
    MC_NATIONAL_ID,
    MC_EDUCATION,
    MC_PROFESSIONAL,
    MC_THEORY,
    MC_DECISION_DATE,
    MC_CEREMONY_DATE,
    MC_OFFICIAL_DATE,
    MC_PARTY_CARD,
    MC_ORG,
    MC_DECISION_NO,
    MC_OFFICIAL_NO,
    MC_ADMISSION_ORG,         /* a member who moved: the chi bộ of the admission */
    MC_ARRIVAL_DATE,          /* ... and the day of the move into "Chi bộ" */
    MC_ADMISSION_PLACE,       /* admitted outside the database: where (text) */
    MC_ARRIVAL_SCOPE,         /* the arrival's transfer: from where (enum transfer_scope) */
    MC_ARRIVAL_FROM,          /* ... the other party's name */
    MC_ARRIVAL_DECISION_DATE, /* ... the transfer's decision (empty: the arrival's date) */
    MC_ARRIVAL_DECISION_NO,
    /* the Phiếu's fields, one column each, named as the member field table names them */
    /* clang-format off */
    MEMBER_PROFILE_FIELDS(MC_PROFILE_ID)
    MC_HISTORY, /* every other event, one a line (member_history_format) */
    /* clang-format on */
    MC__MAX
};
#undef MC_PROFILE_ID
/* The member field of a profile column. */
#define MC_FIRST_PROFILE    MC_OTHER_NAME
#define MC_PROFILE_FIELD(c) ((enum member_field)(MF_OTHER_NAME + ((c)-MC_FIRST_PROFILE)))

enum org_col {
    OC_CODE,
    OC_NAME,
    OC_KIND,
    OC_PARENT,
    OC_BASE_TYPE,
    OC_DATE,
    OC_DECISION_NO,
    OC_TIER,
    OC_FORM,
    OC_COMMENDATIONS, /* khen thưởng tổ chức đảng, one a line (io/commend_line.h) */
    OC__MAX
};

#define IO_COL_REQUIRED 1u
#define IO_COL_DATE     2u
#define IO_COL_NOEXPORT 4u /* accepted on import, not written by export */

struct io_column {
    const char *name;    /* ASCII header and field name */
    const char *label;   /* Vietnamese header */
    const char *aliases; /* more headers, '|'-separated, any case and diacritics */
    unsigned flags;
};

extern const struct io_column io_member_columns[MC__MAX];
extern const struct io_column io_org_columns[OC__MAX];

#define IO_COLUMN_UNKNOWN (-1)
#define IO_COLUMN_IGNORED (-2) /* a row-number column (STT) */

/* The column a header cell names: an index into cols, or IO_COLUMN_UNKNOWN / _IGNORED. */
int io_column_match(const struct io_column *cols, size_t n, const char *header, size_t len);

/* Header key: folded (text_fold), '(...)' notes and '*' / ':' removed, '_' '-' '.' '/' as
   spaces, single spaces. */
void io_header_key(const char *s, size_t len, struct buf *out);

#endif
