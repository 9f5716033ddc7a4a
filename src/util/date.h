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

/* Years date_parse accepts. */
#define DATE_PARSE_YEAR_MIN 1800
#define DATE_PARSE_YEAR_MAX 9999

struct ymd {
    int y, m, d;
};

bool date_is_leap_year(int y);
/* Month 1..12, day 1..days in that month, year 1..9999. */
bool date_valid_ymd(int y, int m, int d);
tcxd_date date_from_ymd(int y, int m, int d); /* caller ensures validity */
struct ymd date_to_ymd(tcxd_date t);
int date_days_in_month(int y, int m); /* 0 when m is not 1..12 */
int date_weekday(tcxd_date t);        /* 0 = Monday ... 6 = Sunday */

/*
 * Parses "dd/mm/yyyy", "d/m/yyyy" and "yyyy-mm-dd" (whitespace around is trimmed).
 * Rejects impossible dates (31/02/2020), years outside 1800..9999 and trailing junk.
 * field names the input in the error: invalid date '31/02/2020' (field birth_date)
 */
enum tcxd_err date_parse(const char *s, tcxd_date *out, const char *field,
                         struct tcxd_error *e) TCXD_WUR;

/*
 * "2020-12-31" into out (DATE_ISO_LEN bytes). DATE_NONE gives "".
 * A date outside years 0..9999 is a programmer error (BUG).
 */
void date_format_iso(tcxd_date t, char out[DATE_ISO_LEN]);
/* "31/12/2020" into out (DATE_ISO_LEN bytes). DATE_NONE gives "". Same range as above. */
void date_format_vn(tcxd_date t, char out[DATE_ISO_LEN]);

/*
 * Adds months keeping the day, clamped to the month's end (31/01 + 1 month = 28/02 or 29/02),
 * as Bộ luật Dân sự 2015 art. 148 ends a period that has no matching day. months may be
 * negative. DATE_NONE and DATE_OPEN_END are returned unchanged (here and in
 * date_add_years and date_add_working_days).
 */
tcxd_date date_add_months(tcxd_date t, int months);
tcxd_date date_add_years(tcxd_date t, int years); /* 29/02/2024 + 1 year = 28/02/2025 */
/*
 * Whole months from a to b: the largest n with date_add_months(a, n) <= b.
 * 15/03/2000 → 14/03/2018 is 215, → 15/03/2018 is 216; 31/01 → 28/02 (non-leap) is 1.
 * When b < a the result is -date_months_between(b, a).
 */
int date_months_between(tcxd_date a, tcxd_date b);
/*
 * Age in whole years on day `on` of someone born on `birth` (date_months_between / 12):
 * born 29/02/2000, the age is 1 on 28/02/2001. Negative when on < birth.
 */
int date_age_years(tcxd_date birth, tcxd_date on);

/*
 * Today in Vietnam (UTC+7); TCXD_TODAY=YYYY-MM-DD (or dd/mm/yyyy) overrides for tests and
 * demos. An invalid TCXD_TODAY is ignored with one warning on stderr.
 */
tcxd_date date_today(void);

/*
 * Working days: Monday to Friday except Vietnam's public holidays, and the weekend days worked
 * in exchange for a swapped day off. The holidays of a year:
 * - the official schedule where data/calendar/holidays_vn.csv has one for the year's Tết (the
 *   days off the government announced, each row with its source: 2021 is 10..16/02, where the
 *   law's default below would give 11..15/02 and 17/02); the schedule's worked weekend days are
 *   working days (2025: Saturday 08/02);
 * - otherwise Tết computed by the law: the last day of the lunar year and the first 4 days of
 *   the new one from 2014 (Bộ luật Lao động 2012, in force 1/5/2013), before that the last day
 *   and the first 3 (Bộ luật Lao động 1994, applied to all earlier years too), from a built-in
 *   lunar table 1990..2050 (Vietnamese calendar, UTC+7: Tết 2007 is 17/02, 2030 is 02/02);
 *   outside 1990..2050 Tết is not known;
 * - 1/1, Giỗ Tổ Hùng Vương (10/3 lunar, from 2007, table to 2050), 30/4, 1/5, 2/9 and from 2021
 *   the day next to it (the designated day: 2021 3/9, 2022 1/9, 2023 1/9, 2024 3/9, 2025 1/9;
 *   3/9 in other years);
 * - each of these statutory days that falls on a Saturday or Sunday gives the next working day
 *   off (nghỉ bù; Bộ luật Lao động 2019 Điều 111 khoản 3 and its predecessors): 2/9/2023 gives
 *   Monday 4/9. A scheduled Tết already holds its days in lieu.
 * date_holiday_schedule_first/last give the years the schedules cover (outside: computed).
 */
#define DATE_MAX_HOLIDAYS 40
/* The holidays of Gregorian year y, ascending, without duplicates; returns how many. */
size_t date_holidays(int y, tcxd_date out[DATE_MAX_HOLIDAYS]);
/* The Saturdays and Sundays of year y worked in exchange for a day off, ascending. */
size_t date_worked_weekend_days(int y, tcxd_date out[DATE_MAX_HOLIDAYS]);
int date_holiday_schedule_first(void);
int date_holiday_schedule_last(void);
bool date_is_holiday(tcxd_date t);
bool date_is_working_day(tcxd_date t);
/*
 * The n-th working day after t (n = 0 returns t, even when t is not a working day);
 * n < 0 counts backwards: the |n|-th working day before t.
 */
tcxd_date date_add_working_days(tcxd_date t, int n);
/* Working days in (a, b]; 0 when b <= a. */
int date_working_days_between(tcxd_date a, tcxd_date b);

#endif
