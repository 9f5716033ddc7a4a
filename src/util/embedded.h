/*
 * embedded.h - files compiled into the binary by tools/embed.c.
 * Arrays end with an entry whose name is NULL. Data is static, never freed.
 */
#ifndef TCXD_UTIL_EMBEDDED_H
#define TCXD_UTIL_EMBEDDED_H
#include <stddef.h>

struct embedded_file {
    const char *name;
    const char *data; /* NUL-terminated */
    size_t len;
};

#endif
