/*
 * table.c - what CSV and XLSX input share: format names and detection, dispatch, Excel dates.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/table.h"
#include "util/date.h"

static const char *const format_names[IO_FORMAT__MAX] = {"auto", "csv", "xlsx"};

const char *io_format_name(enum io_format f)
{
    return (unsigned)f < IO_FORMAT__MAX ? format_names[f] : "?";
}

enum tcxd_err io_format_parse(const char *s, enum io_format *out, struct tcxd_error *e)
{
    for (int i = 0; i < IO_FORMAT__MAX; i++)
        if (!strcasecmp(s, format_names[i])) {
            *out = (enum io_format)i;
            return TCXD_OK;
        }
    return tcxd_fail(e, TCXD_EINVAL, "format", "invalid format '%s' (expected csv or xlsx)", s);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcasecmp(s + n - k, suffix);
}

enum tcxd_err io_format_detect(const void *data, size_t len, const char *name, enum io_format *out,
                               struct tcxd_error *e)
{
    const unsigned char *b = data;
    name = name ? name : "";
    bool zip = len >= 4 && !memcmp(b, "PK\3\4", 4);
    bool ole = len >= 8 && !memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    if (zip) {
        if (ends_with(name, ".ods"))
            return tcxd_fail(e, TCXD_EINVAL, "file",
                             "'%s' is an OpenDocument spreadsheet: save it as .xlsx or CSV UTF-8",
                             name);
        *out = IO_FORMAT_XLSX;
        return TCXD_OK;
    }
    if (ole || ends_with(name, ".xls"))
        return tcxd_fail(e, TCXD_EINVAL, "file",
                         "'%s' is an old Excel 97-2003 (.xls) file: save it as .xlsx or CSV UTF-8",
                         name);
    if (ends_with(name, ".xlsx"))
        return tcxd_fail(e, TCXD_EINVAL, "file",
                         "'%s' is named .xlsx but is not a zip file: it is damaged or not XLSX",
                         name);
    /* text: no NUL bytes in the first 4 KiB (UTF-16 files have them) */
    size_t probe = len < 4096 ? len : 4096;
    if (memchr(b, '\0', probe))
        return tcxd_fail(e, TCXD_EINVAL, "file",
                         "'%s' is not a text file (UTF-16 or binary): save it as CSV UTF-8", name);
    *out = IO_FORMAT_CSV;
    return TCXD_OK;
}

enum tcxd_err io_table_read(enum io_format format, const void *data, size_t len, io_row_fn fn,
                            void *ctx, io_progress_fn progress, void *pctx, struct tcxd_error *e)
{
    switch (format) {
    case IO_FORMAT_CSV:
        return io_csv_read(data, len, fn, ctx, progress, pctx, e);
    case IO_FORMAT_XLSX:
        return io_xlsx_read(data, len, fn, ctx, progress, pctx, e);
    default:
        BUG("io_table_read: format %d", (int)format);
    }
}

bool io_excel_serial_date(const char *s, bool date1904, int *y, int *m, int *d)
{
    char *end;
    while (isspace((unsigned char)*s))
        s++;
    if (!*s)
        return false;
    double v = strtod(s, &end);
    while (isspace((unsigned char)*end))
        end++;
    if (*end || !isfinite(v) || v < 0 || v > 3e6)
        return false;
    long serial = (long)floor(v);
    tcxd_date t;
    if (date1904) {
        t = date_from_ymd(1904, 1, 1) + (tcxd_date)serial;
    } else {
        if (serial == 60 || serial == 0)
            return false; /* 29/02/1900 does not exist; 0 is "00/01/1900" */
        t = serial < 60 ? date_from_ymd(1899, 12, 31) + (tcxd_date)serial
                        : date_from_ymd(1899, 12, 30) + (tcxd_date)serial;
    }
    struct ymd r = date_to_ymd(t);
    if (r.y < DATE_PARSE_YEAR_MIN || r.y > DATE_PARSE_YEAR_MAX)
        return false;
    *y = r.y;
    *m = r.m;
    *d = r.d;
    return true;
}
