/*
 * encoding.h - legacy Vietnamese encodings (private to src/io): conversion to UTF-8 with
 * iconv (glibc's TCVN5712-1, CP1258, CP1252) and the check that a CSV file is UTF-8.
 * enum io_encoding and its names are in import.h.
 */
#ifndef TCXD_IO_ENCODING_H
#define TCXD_IO_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

#include "io/import.h"
#include "util/buf.h"

/* s[0..n) in enc, as UTF-8 into out (reset first). A byte enc has no character for: TCXD_EINVAL
   naming its line, character and value (e->line set). */
enum tcxd_err io_convert_to_utf8(enum io_encoding enc, const char *s, size_t n, struct buf *out,
                                 struct tcxd_error *e) TCXD_WUR;

/* An XLSX cell typed in a .VnTime font: its characters, as Windows-1252 bytes, are TCVN3; out
   gets the real text. false (out untouched or partial) when the cell is plain ASCII or has a
   character no .VnTime font types (it is Unicode already): keep the cell as it is. */
bool io_tcvn3_cell(const char *s, size_t n, struct buf *out);

/* The legacy encoding whose decoding of s shows the most of the import's column headers
   (TCVN3 or Windows-1258); IO_ENC_UTF8 when neither shows any. */
enum io_encoding io_encoding_guess(const char *s, size_t n);

/* TCXD_OK when s[0..n) is UTF-8; else ONE error for the file: the line, character and value of
   the first bad byte and the encoding it looks like (e->line set). */
enum tcxd_err io_check_utf8(const char *s, size_t n, struct tcxd_error *e) TCXD_WUR;

#endif
