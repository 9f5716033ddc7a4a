/*
 * buf.h - the owning, growable string buffer (after git's strbuf and curl's dynbuf).
 *
 * Invariants: ptr is never NULL and always NUL-terminated; len excludes the NUL.
 * A buffer set up with BUF_INIT or buf_init() owns nothing until the first append;
 * buf_release() frees and re-initialises; buf_detach() hands the string to the caller,
 * who frees it with free(). max (0 = unlimited) bounds buffers fed by the network:
 * an append past it fails with TCXD_ETOOBIG and leaves the buffer unchanged.
 *
 * struct slice is a non-owning view {ptr, len}; it is valid while its owner is.
 */
#ifndef TCXD_UTIL_BUF_H
#define TCXD_UTIL_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

extern char buf_empty_[];

struct buf {
    char *ptr;
    size_t len;
    size_t cap; /* 0 while ptr points at buf_empty_ */
    size_t max; /* 0: no limit */
};

#define BUF_INIT                                                                                   \
    {                                                                                              \
        buf_empty_, 0, 0, 0                                                                        \
    }

struct slice {
    const char *ptr;
    size_t len;
};

void buf_init(struct buf *b, size_t hint);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);                /* len = 0, keeps the memory */
char *buf_detach(struct buf *b, size_t *len); /* caller frees; b is re-initialised */
void buf_grow(struct buf *b, size_t extra);

void buf_add(struct buf *b, const void *data, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, int c);
void buf_addf(struct buf *b, const char *fmt, ...) TCXD_PRINTF(2, 3);
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
/* Bounded append for network input: fails when len + n would pass max. */
enum tcxd_err buf_add_checked(struct buf *b, const void *data, size_t n) TCXD_WUR;
void buf_setlen(struct buf *b, size_t len);

/* Appends s as a JSON string literal (with quotes), escaping as RFC 8259 requires. */
void buf_add_json_string(struct buf *b, const char *s);
/* Appends s as one CSV field (RFC 4180), quoting when needed. A field starting with =, +, -,
   @, tab or CR that is not a plain number ("-3", "+1,5", "-17,9%") is written as "'..." so a
   spreadsheet shows it as text instead of running it as a formula (OWASP CSV injection). */
void buf_add_csv_field(struct buf *b, const char *s);
/* The same with another separator (';' for a Vietnamese spreadsheet). */
void buf_add_csv_field_sep(struct buf *b, const char *s, char sep);
/* True when s is written with that apostrophe: it starts like a formula, or with apostrophes
   before one (so "'=x" is written "''=x"). A reader strips one apostrophe from a cell when
   what follows is guarded: the round trip is exact. */
bool buf_csv_guarded(const char *s);

static inline struct slice slice_from(const char *s, size_t n)
{
    struct slice sl = {s, n};
    return sl;
}

#endif
