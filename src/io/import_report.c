/*
 * import_report.c - the import's report: a sink of issues (problems and warnings), and the
 * report as JSON, as CSV for Excel, and as lines for a terminal.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "io/import_internal.h"
#include "util/xmalloc.h"

/* ---- the report ------------------------------------------------------------------------- */

static const char *const entity_names[IO_ENTITY__MAX] = {"orgs", "members"};

const char *io_entity_name(enum io_entity w)
{
    return (unsigned)w < IO_ENTITY__MAX ? entity_names[w] : "?";
}

enum tcxd_err io_entity_parse(const char *s, enum io_entity *out, struct tcxd_error *e)
{
    for (int i = 0; i < IO_ENTITY__MAX; i++)
        if (!strcmp(s, entity_names[i])) {
            *out = (enum io_entity)i;
            return TCXD_OK;
        }
    return tcxd_fail(e, TCXD_EINVAL, "what", "cannot import or export '%s' (orgs or members)", s);
}

void io_report_init(struct io_report *r)
{
    memset(r, 0, sizeof(*r));
}

static void issues_free(struct io_issue *is, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(is[i].column);
        free(is[i].field);
        free(is[i].message);
    }
    free(is);
}

void io_report_release(struct io_report *r)
{
    issues_free(r->issues, r->n);
    issues_free(r->warnings, r->nwarn);
    io_report_init(r);
}

/* A copy of s that is valid UTF-8: bad bytes become U+FFFD. */
char *io_utf8_copy(const char *s)
{
    size_t len = strlen(s);
    if (text_utf8_valid(s, len))
        return xstrdup(s);
    struct buf b = BUF_INIT;
    while (len) {
        size_t ok = text_utf8_invalid_at(s, len);
        buf_add(&b, s, ok);
        if (ok == len)
            break;
        buf_adds(&b, "\xEF\xBF\xBD");
        s += ok + 1;
        len -= ok + 1;
    }
    return buf_detach(&b, NULL);
}

static void issue_fill(struct io_issue *i, long line, const char *column, const char *field,
                       enum tcxd_err code, char *msg)
{
    i->line = line;
    i->column = io_utf8_copy(column ? column : "");
    i->field = io_utf8_copy(field ? field : "");
    /* messages start lowercase, whoever wrote them ("Chi bộ trực thuộc cannot be ...") */
    if (msg[0] >= 'A' && msg[0] <= 'Z' && !(msg[1] >= 'A' && msg[1] <= 'Z'))
        msg[0] = (char)(msg[0] - 'A' + 'a');
    i->message = io_utf8_copy(msg);
    i->code = code;
}

void io_report_add(struct io_report *r, long line, const char *column, const char *field,
                   enum tcxd_err code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), msg_tr(fmt), ap);
    va_end(ap);
    ALLOC_GROW(r->issues, r->n + 1, r->cap);
    issue_fill(&r->issues[r->n++], line, column, field, code, msg);
}

void io_report_warn(struct io_report *r, long line, const char *column, const char *field,
                    const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), msg_tr(fmt), ap);
    va_end(ap);
    ALLOC_GROW(r->warnings, r->nwarn + 1, r->warn_cap);
    issue_fill(&r->warnings[r->nwarn++], line, column, field, TCXD_OK, msg);
}

static json_t *issues_json(const struct io_issue *is, size_t n)
{
    json_t *a = json_array();
    for (size_t k = 0; k < n; k++) {
        const struct io_issue *i = &is[k];
        json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s}", "line", (json_int_t)i->line,
                                           "column", i->column, "field", i->field, "code",
                                           i->code ? tcxd_err_name(i->code) : "warning", "message",
                                           i->message));
    }
    return a;
}

json_t *io_report_errors_json(const struct io_report *r)
{
    return issues_json(r->issues, r->n);
}

json_t *io_report_json(const struct io_report *r)
{
    json_t *j =
        json_pack("{s:s, s:s, s:I, s:I, s:I, s:b, s:b, s:s}", "what", io_entity_name(r->what),
                  "format", io_format_name(r->format), "rows", (json_int_t)r->rows, "bad_rows",
                  (json_int_t)r->bad_rows, "written", (json_int_t)r->written, "dry_run", r->dry_run,
                  "truncated", r->truncated, "sha256", r->sha256);
    json_object_set_new(j, "errors", io_report_errors_json(r));
    json_object_set_new(j, "warnings", issues_json(r->warnings, r->nwarn));
    return j;
}

void io_report_errors_csv(const struct io_report *r, struct buf *out)
{
    bool vi = msg_lang() == MSG_VI;
    char sep = vi ? ';' : ',';
    buf_adds(out, "\xEF\xBB\xBF");
    /* the header in the language of the messages below it */
    buf_adds(out, vi ? "Dòng;Cột;Trường;Lỗi" : "line,column,field,message");
    buf_adds(out, "\r\n");
    for (size_t k = 0; k < r->n; k++) {
        const struct io_issue *i = &r->issues[k];
        buf_addf(out, "%ld%c", i->line, sep);
        buf_add_csv_field_sep(out, i->column, sep);
        buf_addch(out, sep);
        buf_add_csv_field_sep(out, i->field, sep);
        buf_addch(out, sep);
        buf_add_csv_field_sep(out, i->message, sep);
        buf_adds(out, "\r\n");
    }
}

enum tcxd_err io_report_errors_xlsx(const struct io_report *r, const char *path,
                                    struct tcxd_error *e)
{
    bool vi = msg_lang() == MSG_VI;
    static const char *const head[2][4] = {{"line", "column", "field", "message"},
                                           {"Dòng", "Cột", "Trường", "Lỗi"}};
    static const double widths[4] = {8, 28, 24, 100};
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return tcxd_fail(e, TCXD_EIO, "errors", "cannot write '%s'", path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, vi ? "Lỗi" : "errors");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    for (int k = 0; k < 4; k++) {
        worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, widths[k], NULL);
        worksheet_write_string(ws, 0, (lxw_col_t)k, head[vi][k], bold);
    }
    for (size_t k = 0; k < r->n; k++) {
        const struct io_issue *i = &r->issues[k];
        lxw_row_t row = (lxw_row_t)(k + 1);
        worksheet_write_number(ws, row, 0, (double)i->line, NULL);
        worksheet_write_string(ws, row, 1, i->column, NULL);
        worksheet_write_string(ws, row, 2, i->field, NULL);
        worksheet_write_string(ws, row, 3, i->message, NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (workbook_close(wb) != LXW_NO_ERROR)
        return tcxd_fail(e, TCXD_EIO, "errors", "cannot write '%s'", path);
    return TCXD_OK;
}

void io_issue_format(const struct io_report *r, const struct io_issue *i, struct buf *out)
{
    if (i->line)
        buf_addf(out, "%s %ld", r->format == IO_FORMAT_XLSX ? MSG_T("row") : MSG_T("line"),
                 i->line);
    else
        buf_adds(out, MSG_T("file"));
    if (i->column[0])
        buf_addf(out, MSG_T(", column '%s'"), i->column);
    buf_addf(out, ": %s", i->message);
}
