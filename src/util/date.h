/*
 * date.h - calendar dates as day numbers, Vietnamese and ISO parsing/formatting,
 * month arithmetic, and working days with Vietnam's public holidays.
 *
 * A tcxd_date is the number of days since 1970-01-01 in the proleptic Gregorian calendar
 * (negative before). DATE_NONE marks "no date"; DATE_OPEN_END marks an interval that has
 * not ended ("9999-12-31"). Intervals are half-open: [from, to).
 * Everything here is pure computation: no allocation, nothing to free.
 */
#ifndef TCXD_UTIL_DATE_H
#define TCXD_UTIL_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

typedef int32_t tcxd_date;

#define DATE_NONE     INT32_MIN
#define DATE_OPEN_END 2932896 /* 9999-12-31 */
#define DATE_ISO_LEN  11      /* "YYYY-MM-DD" + NUL */

struct ymd {
    int y, m, d;
};

bool date_valid_ymd(int y, int m, int d);
tcxd_date date_from_ymd(int y, int m, int d); /* caller ensures validity */
struct ymd date_to_ymd(tcxd_date t);
int date_days_in_month(int y, int m);
int date_weekday(tcxd_date t); /* 0 = Monday ... 6 = Sunday */

/*
 * Parses "dd/mm/yyyy", "d/m/yyyy" and "yyyy-mm-dd" (whitespace around is trimmed).
 * Rejects impossible dates (31/02/2020), years outside 1800..9999 and trailing junk.
 * field names the input in the error: invalid date '31/02/2020' (field birth_date)
 */
enum tcxd_err date_parse(const char *s, tcxd_date *out, const char *field,
                         struct tcxd_error *e) TCXD_WUR;

/* "2020-12-31" into out (DATE_ISO_LEN bytes). DATE_NONE gives "". */
void date_format_iso(tcxd_date t, char out[DATE_ISO_LEN]);
/* "31/12/2020" into out (DATE_ISO_LEN bytes). DATE_NONE gives "". */
void date_format_vn(tcxd_date t, char out[DATE_ISO_LEN]);

/* Adds months keeping the day, clamped to the month's end (31/01 + 1 month = 28/02 or 29/02). */
tcxd_date date_add_months(tcxd_date t, int months);
tcxd_date date_add_years(tcxd_date t, int years);
/* Whole months from a to b (b >= a): 15/03/2000 → 14/03/2018 is 215, → 15/03/2018 is 216. */
int date_months_between(tcxd_date a, tcxd_date b);
/* Age in whole years on day `on` of someone born on `birth`. */
int date_age_years(tcxd_date birth, tcxd_date on);

/* Today in Vietnam (UTC+7); TCXD_TODAY=YYYY-MM-DD overrides for tests and demos. */
tcxd_date date_today(void);

/*
 * Working days: Monday to Friday except Vietnam's public holidays: 1/1, Tết Nguyên đán
 * (5 days around lunar new year, from a built-in table 1990..2050), Giỗ Tổ Hùng Vương
 * (10/3 lunar, table), 30/4, 1/5, 2/9 and the day before or after it (from 2021).
 * Official substitute days are not modelled.
 */
bool date_is_working_day(tcxd_date t);
/* The n-th working day after t (n >= 0; n = 0 returns t). */
tcxd_date date_add_working_days(tcxd_date t, int n);
/* Working days in (a, b]; 0 when b <= a. */
int date_working_days_between(tcxd_date a, tcxd_date b);

#endif
