#include "util/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/msg.h"

static const struct {
    const char *name;
    int http;
    int exit;
} err_table[TCXD_ERR__MAX] = {
    [TCXD_OK] = {"ok", 200, 0},
    [TCXD_EINVAL] = {"invalid", 400, 2},
    [TCXD_ENOTFOUND] = {"not_found", 404, 2},
    [TCXD_ECONFLICT] = {"conflict", 409, 2},
    [TCXD_ERULE] = {"rule", 422, 2},
    [TCXD_EUNAUTH] = {"unauthorized", 401, 2},
    [TCXD_EFORBIDDEN] = {"forbidden", 403, 2},
    [TCXD_ETOOBIG] = {"too_large", 413, 2},
    [TCXD_ETOOMANY] = {"too_many", 429, 2},
    [TCXD_EIO] = {"io", 500, 1},
    [TCXD_EDB] = {"database", 500, 1},
    [TCXD_EINTERNAL] = {"internal", 500, 1},
    [TCXD_EBUSY] = {"busy", 503, 1},
};

const char *tcxd_err_name(enum tcxd_err e)
{
    return (unsigned)e < TCXD_ERR__MAX ? err_table[e].name : "internal";
}

int tcxd_err_http_status(enum tcxd_err e)
{
    return (unsigned)e < TCXD_ERR__MAX ? err_table[e].http : 500;
}

int tcxd_err_exit_status(enum tcxd_err e)
{
    return (unsigned)e < TCXD_ERR__MAX ? err_table[e].exit : 1;
}

enum tcxd_err tcxd_vfail(struct tcxd_error *e, enum tcxd_err code, const char *field,
                         const char *fmt, va_list ap)
{
    if (!e)
        return code;
    e->code = code;
    e->line = 0;
    snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
    /* in the thread's language: the catalog's Vietnamese format when there is one */
    vsnprintf(e->msg, sizeof(e->msg), msg_tr(fmt), ap);
    return code;
}

enum tcxd_err tcxd_fail(struct tcxd_error *e, enum tcxd_err code, const char *field,
                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tcxd_vfail(e, code, field, fmt, ap);
    va_end(ap);
    return code;
}

enum tcxd_err tcxd_fail_at(struct tcxd_error *e, enum tcxd_err code, const char *field, long line,
                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tcxd_vfail(e, code, field, fmt, ap);
    va_end(ap);
    if (e)
        e->line = line;
    return code;
}

void tcxd_error_clear(struct tcxd_error *e)
{
    if (e)
        memset(e, 0, sizeof(*e));
}

void tcxd_bug(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "BUG: %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}
