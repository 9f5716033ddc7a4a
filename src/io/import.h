/*
 * import.h - importing organizations and members from CSV or XLSX, all or nothing.
 *
 * The column format (docs/import-format.md): the first row is the header; headers are matched
 * case- and diacritics-insensitively against each field's ASCII name ("birth_date"), its
 * Vietnamese header ("Ngày sinh") and a few usual variants ("Ngày tháng năm sinh"); a trailing
 * "(...)" note or '*' in a header is ignored, and so is a row-number column ("STT"). Title rows
 * above the header (one cell or none filled) are skipped.
 *
 * Every row is validated - with the same rules the one-by-one commands apply - and EVERY problem
 * is reported, not just the first: each as (line, column, field, message), where line is the
 * 1-based physical line in a CSV file (a quoted field may span lines: the line where the cell
 * starts) or the row number in an XLSX sheet, column is the header text as written in the file
 * and field the canonical name. Only when no row has a problem is anything written, and then
 * all of it in ONE transaction with one audit record for the file (name, rows, SHA-256); any
 * failure while writing rolls everything back. A dry run validates only.
 *
 * Members are written by default through the store's bulk path (store_bulk.h), which writes
 * the same rows as admitting each member with store_member_admit() and recording the official
 * recognition with store_member_event(); opts.per_row takes that slow path instead (tests use
 * it to check that both write the same thing).
 *
 * Ownership: struct io_report owns its issues; release it with io_report_release(). The
 * importer borrows the store, the data and the options for the call.
 */
#ifndef TCXD_IO_IMPORT_H
#define TCXD_IO_IMPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "io/table.h"
#include "store/store.h"
#include "store/store_bulk.h"
#include "util/buf.h"

enum io_entity { IO_ORGS, IO_MEMBERS, IO_ENTITY__MAX };
const char *io_entity_name(enum io_entity w); /* "orgs", "members" */
enum tcxd_err io_entity_parse(const char *s, enum io_entity *out, struct tcxd_error *e) TCXD_WUR;

/* One problem found in the input. Strings are owned by the report. */
struct io_issue {
    long line;     /* 1-based line (CSV) or row (XLSX); 0: the file as a whole */
    char *column;  /* header text as in the file; "" when not about one column */
    char *field;   /* canonical field name ("birth_date"); "" when none */
    char *message; /* one line, lowercase start, no period */
    enum tcxd_err code;
};

struct io_report {
    struct io_issue *issues;
    size_t n, cap;
    struct io_issue *warnings; /* not problems: an unknown column ignored, a number cell's
                                  zeros restored; they never stop an import */
    size_t nwarn, warn_cap;
    enum io_entity what;
    enum io_format format;
    size_t rows;     /* data rows read (blank rows and the header not counted) */
    size_t bad_rows; /* rows with at least one issue */
    size_t written;  /* rows written: 0 unless the import succeeded */
    bool dry_run;
    bool truncated;  /* validation stopped at opts.max_errors */
    char sha256[65]; /* of the input bytes, hex */
};

void io_report_init(struct io_report *r);
void io_report_release(struct io_report *r);
/* Appends an issue (strings copied; column/field may be NULL). */
void io_report_add(struct io_report *r, long line, const char *column, const char *field,
                   enum tcxd_err code, const char *fmt, ...) TCXD_PRINTF(6, 7);

/* Appends a warning (as io_report_add). */
void io_report_warn(struct io_report *r, long line, const char *column, const char *field,
                    const char *fmt, ...) TCXD_PRINTF(5, 6);

/* {"what","format","rows","bad_rows","written","dry_run","truncated","sha256","errors":[...],
   "warnings":[...]}; each error or warning {"line","column","field","code","message"}. New
   reference. */
json_t *io_report_json(const struct io_report *r);
/* Just the errors array, as above. New reference. */
json_t *io_report_errors_json(const struct io_report *r);
/*
 * The errors as CSV for Excel: a UTF-8 byte order mark (Excel reads UTF-8 only with it), CRLF
 * line ends, and in the thread's language: in English the header line,column,field,message
 * and ',' between fields; in Vietnamese the header Dòng;Cột;Trường;Lỗi and ';' between fields,
 * the list separator of Windows' vi-VN regional format (decimal ',', so lists use ';'), which
 * Excel uses to split a .csv it opens. (A "sep=;" first line would also set the separator,
 * but Excel then ignores the byte order mark and garbles the Vietnamese.)
 */
void io_report_errors_csv(const struct io_report *r, struct buf *out);
/* The same as an XLSX workbook at path (opens right in Excel whatever its regional format):
   the header in bold, the line as a number. TCXD_EIO naming the path on failure. */
enum tcxd_err io_report_errors_xlsx(const struct io_report *r, const char *path,
                                    struct tcxd_error *e) TCXD_WUR;
/* "line 17, column 'Ngày sinh': invalid date '31/02/1980' (field birth_date)"; an XLSX
   file's issues say "row 17". */
void io_issue_format(const struct io_report *r, const struct io_issue *i, struct buf *out);

/*
 * The text's encoding. UTF-8 is the format's; the others are converted on request (iconv):
 * a CSV file's bytes in Windows-1258 or Windows-1252 (Excel's plain "CSV" on Windows), or in
 * TCVN3 (ABC, the .VnTime fonts; iconv's TCVN5712-1); an XLSX sheet's text typed in a .VnTime
 * font (its characters are the TCVN3 bytes read as Windows-1252) with IO_ENC_TCVN3. A CSV file
 * that is not UTF-8 and is not converted is refused with one error naming the first bad byte
 * (line, character, value) and the encoding it looks like.
 */
enum io_encoding { IO_ENC_UTF8, IO_ENC_TCVN3, IO_ENC_CP1258, IO_ENC_CP1252, IO_ENC__MAX };
const char *io_encoding_name(enum io_encoding x); /* "utf-8", "tcvn3", "cp1258", "cp1252" */
enum tcxd_err io_encoding_parse(const char *s, enum io_encoding *out,
                                struct tcxd_error *e) TCXD_WUR;

struct io_import_opts {
    enum io_entity what;
    enum io_format format; /* IO_FORMAT_AUTO: by magic bytes and name */
    const char *name;      /* file name: detection and the audit record (may be NULL) */
    bool dry_run;          /* validate only */
    bool per_row;          /* members: write through store_member_admit (slow; for tests) */
    bool stream;           /* members: write each row as it is checked, in one pass (a little
                              faster; holds the write lock while the whole file is read) */
    size_t max_errors;     /* stop validating after this many issues; 0 = no limit */
    enum store_bulk_indexes indexes; /* members: index handling of the bulk load (auto) */
    enum io_encoding encoding;       /* of a CSV file's bytes, or of an XLSX's legacy-font text */
    const char *default_org; /* members: the chi bộ code for a file without a Chi bộ column (a
                                chi bộ's own roll); NULL: the column is required */
    io_progress_fn progress; /* told bytes consumed (may be NULL) */
    void *progress_ctx;
    /* members through the bulk path, checked before writing (not per_row, stream or dry_run):
       write in pieces of chunk_rows members, each its own transaction, the whole import
       invisible until its last piece is published (store_bulk.h); 0: in one transaction (the
       fastest, but it holds the write lock for all of the writing). The server uses
       IO_IMPORT_CHUNK_ROWS. chunk_done is told after each piece (tests; may be NULL). */
    size_t chunk_rows;
    void (*chunk_done)(void *ctx, size_t written);
    void *chunk_ctx;
};
#define IO_IMPORT_CHUNK_ROWS 500
void io_import_opts_init(struct io_import_opts *o);

/*
 * Imports data[0..len). Returns TCXD_OK when everything was written (or, for a dry run,
 * would be); TCXD_EINVAL when the input has problems (r lists them all, e summarises: "3
 * problems in 2 of 120 rows; nothing was written"); another code for a system failure (EDB,
 * EIO), also recorded in r. Nothing is written unless TCXD_OK is returned.
 */
enum tcxd_err io_import_buffer(struct store *st, const struct store_actor *who, const void *data,
                               size_t len, const struct io_import_opts *opts, struct io_report *r,
                               struct tcxd_error *e) TCXD_WUR;
/*
 * The same in two steps, for a caller that holds the write lock only to write (the server:
 * other writes wait for an import's commit, not for its checks). io_import_prepare() reads and
 * checks every row outside any transaction (members through the bulk path are kept in memory,
 * about 1 KB each, with their names' keys made) and returns what io_import_buffer would for a
 * bad file; io_import_write() must follow whatever it returned: it begins the transaction
 * (nested in the caller's, if one is open), writes, commits, and returns the import's result.
 * Should an organization change, or a national ID of the file be registered, in between, it
 * writes nothing and says so (import again). io_import_free() releases the handle; data, opts,
 * r and e are borrowed until then. Organizations, per-row and stream imports write while they
 * read (in the transaction io_import_prepare begins).
 */
struct io_import;
enum tcxd_err io_import_prepare(struct store *st, const struct store_actor *who, const void *data,
                                size_t len, const struct io_import_opts *opts, struct io_report *r,
                                struct io_import **out, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err io_import_write(struct io_import *x, struct tcxd_error *e) TCXD_WUR;
void io_import_free(struct io_import *x);

/* Reads the file into memory and calls io_import_buffer (opts->name defaults to path). */
enum tcxd_err io_import_file(struct store *st, const struct store_actor *who, const char *path,
                             const struct io_import_opts *opts, struct io_report *r,
                             struct tcxd_error *e) TCXD_WUR;

/* Reads a whole file into out (reset first). TCXD_EIO naming the path on failure. */
enum tcxd_err io_read_file(const char *path, struct buf *out, struct tcxd_error *e) TCXD_WUR;

#endif
