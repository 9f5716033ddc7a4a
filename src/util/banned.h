/*
 * banned.h - calls tcxd does not use (after git's banned.h): unbounded copies, locale- or
 * error-blind conversions, non-reentrant time. Include it after all other headers; tests/lint.sh
 * also fails the build when a banned call appears anywhere under src/.
 */
#ifndef TCXD_UTIL_BANNED_H
#define TCXD_UTIL_BANNED_H

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef gmtime
#define gmtime(x) BANNED(gmtime)
#undef localtime
#define localtime(x) BANNED(localtime)

#endif
