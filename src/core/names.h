/*
 * names.h - the tables of names and labels behind the core's enums: each value has a stable
 * ASCII name ("kt_chuyen_de", used in JSON, CSV and the CLI) and a Vietnamese label ("Kiểm tra
 * chuyên đề"). Lookups accept either, in any case, with or without diacritics, and '-' or ' '
 * for '_'. Tables are static; nothing to free.
 */
#ifndef TCXD_CORE_NAMES_H
#define TCXD_CORE_NAMES_H

#include <stddef.h>

struct core_name {
    const char *name;
    const char *label;
};

#define CORE_NAMES_COUNT(t) (sizeof(t) / sizeof((t)[0]))

/* t[i]'s name or label, "?" when i is out of range. */
const char *core_name_of(const struct core_name *t, size_t n, unsigned i);
const char *core_label_of(const struct core_name *t, size_t n, unsigned i);
/* The index of the entry s[0..len) names, or -1 (s NULL: -1). */
int core_name_find(const char *s, size_t len, const struct core_name *t, size_t n);

#endif
