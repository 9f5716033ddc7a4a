/*
 * export.h - writing a subtree's organizations or members as CSV or XLSX in the import format.
 *
 * What is written reads back through io_import_* unchanged: exporting, importing the file into
 * an empty database that has the same organizations, and exporting again gives the same file
 * (CSV byte for byte; XLSX cell for cell). Members: those registered (counted) in the subtree's
 * chi bộ on the as-of date, chi bộ by chi bộ in tree order (codes), each in Vietnamese roll
 * order; official recognition only when in force on that date. Organizations: the subtree in
 * tree order, with the names and parents of the as-of date and their creation dates.
 *
 * Headers and values are Vietnamese by default ("Họ và tên", "Nữ", "Cao cấp", dd/mm/yyyy);
 * ascii gives the ASCII field names, value names ("nu", "cao_cap") and ISO dates. CSV is UTF-8
 * with a byte order mark (so Excel opens it as UTF-8) and CRLF line ends; XLSX has one sheet,
 * dates as date cells, national IDs as text.
 */
#ifndef TCXD_IO_EXPORT_H
#define TCXD_IO_EXPORT_H

#include "io/import.h"
#include "store/store.h"

struct io_export_opts {
    enum io_entity what;
    enum io_format format; /* CSV or XLSX */
    int64_t org_id;        /* the subtree's root */
    tcxd_date as_of;
    bool ascii;
};

/* Appends the file to out; *rows (may be NULL) gets the number of data rows. */
enum tcxd_err io_export(struct store *st, const struct io_export_opts *o, struct buf *out,
                        size_t *rows, struct tcxd_error *e) TCXD_WUR;
/* Writes the file at path (replacing it). */
enum tcxd_err io_export_file(struct store *st, const struct io_export_opts *o, const char *path,
                             size_t *rows, struct tcxd_error *e) TCXD_WUR;

#endif
