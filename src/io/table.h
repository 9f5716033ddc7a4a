/*
 * table.h - spreadsheet-shaped input: CSV (RFC 4180, read with libcsv) and XLSX (the first
 * worksheet, read with libzip + expat), delivered row by row to a callback.
 *
 * Both readers work on a memory buffer the caller owns and never modify it. A row is handed
 * over as an array of cells that is valid during the callback only. Each cell carries the line
 * where it starts: in CSV the 1-based physical line of the file (a quoted field may hold
 * newlines, so a row can span lines and its cells start on different lines); in XLSX the
 * row number shown by the spreadsheet. Cell text is passed as stored (UTF-8 expected, but not
 * checked here: the importer reports bad bytes with the line and column).
 *
 * Blank lines in CSV are skipped, as are XLSX rows with no cells. A leading UTF-8 byte order
 * mark is skipped. The CSV delimiter is ',' unless the first line has more ';' or tabs outside
 * quotes (spreadsheets saved with a Vietnamese or European list separator).
 *
 * Errors stop the read: malformed CSV quoting (a quote inside an unquoted field, text after a
 * closing quote, a quoted field still open at the end of the file), a damaged or unsupported
 * XLSX file, or limits passed (IO_CELL_MAX bytes in one cell, IO_COLS_MAX cells in a row,
 * IO_XLSX_MAX_XML bytes of uncompressed XML). The error's field is "file" and the message gives
 * the line. A callback returning non-zero stops the read early with TCXD_OK.
 */
#ifndef TCXD_IO_TABLE_H
#define TCXD_IO_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

#define IO_CELL_MAX     65536                            /* bytes in one cell */
#define IO_COLS_MAX     512                              /* cells in one row */
#define IO_XLSX_MAX_XML ((size_t)4 * 1024 * 1024 * 1024) /* uncompressed XML read from one file */

enum io_format { IO_FORMAT_AUTO, IO_FORMAT_CSV, IO_FORMAT_XLSX, IO_FORMAT__MAX };

const char *io_format_name(enum io_format f); /* "auto", "csv", "xlsx" */
/* "csv" / "xlsx" (case-insensitive); TCXD_EINVAL naming field "format" otherwise. */
enum tcxd_err io_format_parse(const char *s, enum io_format *out, struct tcxd_error *e) TCXD_WUR;
/*
 * The format of data: XLSX when it starts with a zip signature ("PK\3\4"); else by the name's
 * extension (.xlsx, .csv, .txt, .tsv); else CSV when the first bytes look like text. A name
 * ending in .xls (the old binary format) or a zip that is not XLSX is refused with a message
 * that says to save the sheet as .xlsx or CSV UTF-8.
 */
enum tcxd_err io_format_detect(const void *data, size_t len, const char *name, enum io_format *out,
                               struct tcxd_error *e) TCXD_WUR;

struct io_cell {
    const char *ptr; /* not NUL-terminated in general; ptr[len] is NUL for both readers */
    size_t len;
    long line;
    bool number; /* an XLSX numeric cell (ptr holds its text, e.g. "44196" or "1.5E3") */
};

struct io_row {
    const struct io_cell *cells;
    size_t n;
    long line;     /* where the row starts */
    long end_line; /* where it ends (CSV: > line when a quoted field spans lines) */
};

/* Facts about the whole table that rows need. */
struct io_table_info {
    enum io_format format;
    bool date1904; /* XLSX workbook uses the 1904 date system */
    char delim;    /* CSV delimiter used */
};

typedef int (*io_row_fn)(void *ctx, const struct io_table_info *info, const struct io_row *row);

/* progress (may be NULL) is told the bytes of data consumed so far, now and then. */
typedef void (*io_progress_fn)(void *ctx, size_t done, size_t total);

enum tcxd_err io_csv_read(const void *data, size_t len, io_row_fn fn, void *ctx,
                          io_progress_fn progress, void *pctx, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err io_xlsx_read(const void *data, size_t len, io_row_fn fn, void *ctx,
                           io_progress_fn progress, void *pctx, struct tcxd_error *e) TCXD_WUR;
/* Dispatches on format (IO_FORMAT_AUTO is a programmer error). */
enum tcxd_err io_table_read(enum io_format format, const void *data, size_t len, io_row_fn fn,
                            void *ctx, io_progress_fn progress, void *pctx,
                            struct tcxd_error *e) TCXD_WUR;

/*
 * Converts an Excel serial day number (the text of a numeric cell, e.g. "44196" or
 * "44196.5") into a date: 1900 system (with Excel's phantom 29/02/1900, so serial 60 is
 * refused) or 1904 system. A time part is ignored. false when s is not a number or the day is
 * outside years 1800..9999.
 */
bool io_excel_serial_date(const char *s, bool date1904, int *y, int *m, int *d);

#endif
