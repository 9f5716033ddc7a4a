/*
 * err.h - the project's one error type.
 *
 * Every fallible function returns enum tcxd_err (TCXD_OK == 0) and, when given a
 * struct tcxd_error *, fills it with a one-line message and the offending field.
 * A table maps each code to an HTTP status, a stable JSON code and a CLI exit status
 * (curl's CURLcode; redis's "first word is the code").
 *
 * Messages start lowercase, end without a period, and name the value:
 *   invalid birth date '31/02/1980' (field birth_date)
 * struct tcxd_error is a plain value: no ownership, nothing to free.
 */
#ifndef TCXD_UTIL_ERR_H
#define TCXD_UTIL_ERR_H

#include <stdarg.h>

#define TCXD_WUR          __attribute__((warn_unused_result))
#define TCXD_PRINTF(a, b) __attribute__((format(printf, a, b)))

enum tcxd_err {
    TCXD_OK = 0,
    TCXD_EINVAL,     /* bad input: a field's value is wrong */
    TCXD_ENOTFOUND,  /* no such organization, member, user ... (or out of scope) */
    TCXD_ECONFLICT,  /* duplicate national ID, code, concurrent change */
    TCXD_ERULE,      /* a domain rule refuses the operation (nesting, 12 months, cap) */
    TCXD_EUNAUTH,    /* not logged in, bad password, expired session */
    TCXD_EFORBIDDEN, /* role or scope does not allow it */
    TCXD_ETOOBIG,    /* request, field or file too large */
    TCXD_ETOOMANY,   /* rate-limited (failed logins) */
    TCXD_EIO,        /* file or network error */
    TCXD_EDB,        /* database error */
    TCXD_EINTERNAL,  /* a bug */
    TCXD_EBUSY,      /* the database is busy with another write: try again (503, Retry-After) */
    TCXD_ERR__MAX
};

struct tcxd_error {
    enum tcxd_err code;
    char field[64]; /* "" when not about one field */
    char msg[512];
    long line; /* the input's 1-based line (CSV) or row (XLSX) the error is about; 0: none.
                  Readers set it (tcxd_fail_at) so that callers never parse it out of msg,
                  which is in the thread's language */
};

const char *tcxd_err_name(enum tcxd_err e); /* stable JSON code: "invalid", "not_found" ... */
int tcxd_err_http_status(enum tcxd_err e);  /* 400, 404, 409, 422, 401, 403, 413, 429, 500 */
int tcxd_err_exit_status(enum tcxd_err e);  /* 0 ok, 2 bad input or refused, 1 system error */

/*
 * Fills *e (when not NULL) and returns code, so callers write
 *   return tcxd_fail(e, TCXD_EINVAL, "birth_date", "invalid birth date '%s'", s);
 */
enum tcxd_err tcxd_fail(struct tcxd_error *e, enum tcxd_err code, const char *field,
                        const char *fmt, ...) TCXD_PRINTF(4, 5);
enum tcxd_err tcxd_vfail(struct tcxd_error *e, enum tcxd_err code, const char *field,
                         const char *fmt, va_list ap);
/* tcxd_fail that also records the input line the error is about (e->line). */
enum tcxd_err tcxd_fail_at(struct tcxd_error *e, enum tcxd_err code, const char *field, long line,
                           const char *fmt, ...) TCXD_PRINTF(5, 6);
void tcxd_error_clear(struct tcxd_error *e);

/* Programmer errors: never an error code. */
#define BUG(...) tcxd_bug(__FILE__, __LINE__, __VA_ARGS__)
_Noreturn void tcxd_bug(const char *file, int line, const char *fmt, ...) TCXD_PRINTF(3, 4);

#endif
