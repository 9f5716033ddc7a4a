/*
 * date.c - day numbers (Howard Hinnant's days_from_civil / civil_from_days), parsing,
 * month arithmetic and Vietnam's working-day calendar.
 */
#include "util/date.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/embedded.h"
#include "util/banned.h"

/* Floor division and modulo for a positive divisor. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

static int64_t floor_mod(int64_t a, int64_t b)
{
    return a - floor_div(a, b) * b;
}

/* Hinnant's days_from_civil, in 64 bits so any int year is safe. */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;                                   /* [0, 399] */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

/* Hinnant's civil_from_days. */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;                                      /* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
    int64_t mp = (5 * doy + 2) / 153;                                    /* [0, 11] */
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

bool date_is_leap_year(int y)
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int date_days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && date_is_leap_year(y) ? 29 : dim[m - 1];
}

bool date_valid_ymd(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

tcxd_date date_from_ymd(int y, int m, int d)
{
    return (tcxd_date)days_from_civil(y, m, d);
}

struct ymd date_to_ymd(tcxd_date t)
{
    struct ymd r;
    int64_t y;
    civil_from_days(t, &y, &r.m, &r.d);
    r.y = (int)y;
    return r;
}

int date_weekday(tcxd_date t)
{
    /* 1970-01-01 was a Thursday (3). */
    return (int)floor_mod((int64_t)t + 3, 7);
}

/* ---- parsing ---------------------------------------------------------------------------- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads 1..max digits at *p into *v; returns how many were read (0 on none). */
static int read_digits(const char **p, const char *end, int max, int *v)
{
    int n = 0, val = 0;
    while (*p < end && n < max && is_digit(**p)) {
        val = val * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *v = val;
    return n;
}

/* Parses [s, end) exactly; false on any other shape. */
static bool parse_shape(const char *s, const char *end, int *y, int *m, int *d)
{
    const char *p = s;
    int a, n;
    n = read_digits(&p, end, 4, &a);
    if (n == 4 && p < end && *p == '-') {
        /* yyyy-mm-dd */
        *y = a;
        p++;
        if (read_digits(&p, end, 2, m) != 2 || p >= end || *p != '-')
            return false;
        p++;
        if (read_digits(&p, end, 2, d) != 2)
            return false;
        return p == end;
    }
    /* d/m/yyyy with one or two digits for day and month */
    if (n < 1 || n > 2 || p >= end || *p != '/')
        return false;
    *d = a;
    p++;
    n = read_digits(&p, end, 2, m);
    if (n < 1 || p >= end || *p != '/')
        return false;
    p++;
    if (read_digits(&p, end, 4, y) != 4)
        return false;
    return p == end;
}

/* Longest prefix of s (at most max bytes) that does not cut a UTF-8 sequence. */
static int quoted_len(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return (int)len;
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

enum tcxd_err date_parse(const char *s, tcxd_date *out, const char *field, struct tcxd_error *e)
{
    enum { QUOTE_MAX = 64 };
    if (!s)
        s = "";
    const char *end = s + strlen(s);
    while (s < end && is_space(*s))
        s++;
    while (end > s && is_space(end[-1]))
        end--;

    int y = 0, m = 0, d = 0;
    if (parse_shape(s, end, &y, &m, &d) && y >= DATE_PARSE_YEAR_MIN && y <= DATE_PARSE_YEAR_MAX &&
        date_valid_ymd(y, m, d)) {
        *out = date_from_ymd(y, m, d);
        return TCXD_OK;
    }
    size_t len = (size_t)(end - s);
    int qlen = quoted_len(s, len, QUOTE_MAX);
    const char *more = (size_t)qlen < len ? "..." : "";
    if (!field || !*field)
        return tcxd_fail(e, TCXD_EINVAL, NULL, "invalid date '%.*s%s'", qlen, s, more);
    return tcxd_fail(e, TCXD_EINVAL, field, "invalid date '%.*s%s' (field %s)", qlen, s, more,
                     field);
}

/* ---- formatting ------------------------------------------------------------------------- */

static void put_num(char *p, int v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

static struct ymd ymd_for_format(tcxd_date t)
{
    struct ymd r = date_to_ymd(t);
    if (r.y < 0 || r.y > 9999)
        BUG("date %ld outside years 0..9999 cannot be formatted", (long)t);
    return r;
}

void date_format_iso(tcxd_date t, char out[DATE_ISO_LEN])
{
    if (t == DATE_NONE) {
        out[0] = '\0';
        return;
    }
    struct ymd r = ymd_for_format(t);
    put_num(out, r.y, 4);
    out[4] = '-';
    put_num(out + 5, r.m, 2);
    out[7] = '-';
    put_num(out + 8, r.d, 2);
    out[10] = '\0';
}

void date_format_vn(tcxd_date t, char out[DATE_ISO_LEN])
{
    if (t == DATE_NONE) {
        out[0] = '\0';
        return;
    }
    struct ymd r = ymd_for_format(t);
    put_num(out, r.d, 2);
    out[2] = '/';
    put_num(out + 3, r.m, 2);
    out[5] = '/';
    put_num(out + 6, r.y, 4);
    out[10] = '\0';
}

/* ---- month arithmetic ------------------------------------------------------------------- */

static bool is_sentinel(tcxd_date t)
{
    return t == DATE_NONE || t == DATE_OPEN_END;
}

static tcxd_date clamp_date(int64_t v)
{
    if (v <= INT32_MIN)
        return INT32_MIN + 1;
    if (v > INT32_MAX)
        return INT32_MAX;
    return (tcxd_date)v;
}

static int64_t add_months64(tcxd_date t, int64_t months)
{
    int64_t y;
    int m, d;
    civil_from_days(t, &y, &m, &d);
    int64_t idx = y * 12 + (m - 1) + months;
    int64_t ny = floor_div(idx, 12);
    int nm = (int)floor_mod(idx, 12) + 1;
    int dim = date_days_in_month((int)floor_mod(ny, 400), nm); /* leapness repeats every 400 */
    if (d > dim)
        d = dim;
    return days_from_civil(ny, nm, d);
}

tcxd_date date_add_months(tcxd_date t, int months)
{
    if (is_sentinel(t))
        return t;
    return clamp_date(add_months64(t, months));
}

tcxd_date date_add_years(tcxd_date t, int years)
{
    if (is_sentinel(t))
        return t;
    return clamp_date(add_months64(t, (int64_t)years * 12));
}

int date_months_between(tcxd_date a, tcxd_date b)
{
    if (b < a)
        return -date_months_between(b, a);
    struct ymd ra = date_to_ymd(a), rb = date_to_ymd(b);
    int64_t n = ((int64_t)rb.y * 12 + rb.m) - ((int64_t)ra.y * 12 + ra.m);
    if (add_months64(a, n) > b)
        n--;
    return (int)n;
}

int date_age_years(tcxd_date birth, tcxd_date on)
{
    return date_months_between(birth, on) / 12;
}

/* ---- today ------------------------------------------------------------------------------ */

tcxd_date date_today(void)
{
    static atomic_flag warned = ATOMIC_FLAG_INIT;
    const char *env = getenv("TCXD_TODAY");
    if (env && *env) {
        tcxd_date t;
        struct tcxd_error err;
        if (date_parse(env, &t, "TCXD_TODAY", &err) == TCXD_OK)
            return t;
        if (!atomic_flag_test_and_set(&warned))
            fprintf(stderr, "tcxd: ignoring TCXD_TODAY: %s\n", err.msg);
    }
    time_t now = time(NULL);
    return (tcxd_date)floor_div((int64_t)now + 7 * 3600, 86400);
}

/* ---- holidays --------------------------------------------------------------------------- */

/*
 * Gregorian date (month * 100 + day) of Tết Nguyên đán, the first day of the lunar year, for
 * 1990..2050, and of Giỗ Tổ Hùng Vương (10th day of the 3rd lunar month) for 2007..2050.
 * Computed with Hồ Ngọc Đức's algorithm for the Vietnamese lunar calendar (new moons and
 * solar terms from Meeus, "Astronomical Algorithms", at UTC+7) and checked against the
 * published dates (Tết 2020-01-25, 2021-02-12, 2022-02-01, 2023-01-22, 2024-02-10,
 * 2025-01-29, 2026-02-17; Giỗ Tổ 2023-04-29, 2024-04-18, 2025-04-07).
 * tests/util/test_date.c recomputes both tables independently.
 */
#define TET_FIRST_YEAR    1990
#define TET_LAST_YEAR     2050
#define GIO_TO_FIRST_YEAR 2007
#define GIO_TO_LAST_YEAR  2050

static const unsigned short tet_md[TET_LAST_YEAR - TET_FIRST_YEAR + 1] = {
    /* 1990 */ 127, 215, 204, 123, 210, 131, 219, 207, 128, 216,
    /* 2000 */ 205, 124, 212, 201, 122, 209, 129, 217, 207, 126,
    /* 2010 */ 214, 203, 123, 210, 131, 219, 208, 128, 216, 205,
    /* 2020 */ 125, 212, 201, 122, 210, 129, 217, 206, 126, 213,
    /* 2030 */ 202, 123, 211, 131, 219, 208, 128, 215, 204, 124,
    /* 2040 */ 212, 201, 122, 210, 130, 217, 206, 126, 214, 202,
    /* 2050 */ 123,
};

static const unsigned short gio_to_md[GIO_TO_LAST_YEAR - GIO_TO_FIRST_YEAR + 1] = {
    /* 2007 */ 426, 415, 404,
    /* 2010 */ 423, 412, 331, 419, 409, 428, 416, 406, 425, 414,
    /* 2020 */ 402, 421, 410, 429, 418, 407, 426, 416, 404, 423,
    /* 2030 */ 412, 401, 419, 409, 428, 417, 406, 424, 413, 403,
    /* 2040 */ 420, 410, 429, 419, 407, 426, 415, 404, 422, 411,
    /* 2050 */ 401,
};

/* The day next to 2/9 designated as holiday, as day of September; 3 when not designated. */
#define NATIONAL_DAY_PAIR_FROM 2021
static const struct {
    int year, day;
} national_day_pair[] = {
    {2021, 3}, {2022, 1}, {2023, 1}, {2024, 3}, {2025, 1},
};

#define TET_FIVE_DAYS_FROM 2014 /* Bộ luật Lao động 2012 */

static int national_day_pair_day(int y)
{
    for (size_t i = 0; i < sizeof(national_day_pair) / sizeof(national_day_pair[0]); i++)
        if (national_day_pair[i].year == y)
            return national_day_pair[i].day;
    return 3;
}

static int cmp_date(const void *a, const void *b)
{
    tcxd_date x = *(const tcxd_date *)a, y = *(const tcxd_date *)b;
    return (x > y) - (x < y);
}

/*
 * The official schedules (data/calendar/holidays_vn.csv, compiled in, one row per span with its
 * source): the days off the government announced for a year's Tết, where it placed the 5 days
 * and the days off in lieu, and the weekend days worked in exchange. Read once.
 */
extern const struct embedded_file holiday_files[];

#define SCHED_MAX 64
static struct sched_row {
    int year;
    tcxd_date from, to;
    bool work; /* a Saturday or Sunday worked in place of a swapped day off */
} sched[SCHED_MAX];
static size_t n_sched;
static pthread_once_t sched_once = PTHREAD_ONCE_INIT;

static void sched_load(void)
{
    const char *p = holiday_files[0].data;
    p = strchr(p, '\n'); /* the header */
    while (p && *++p) {
        char kind[8] = "", hol[16] = "";
        int year, y1, m1, d1, y2, m2, d2;
        /* holiday,year,from,to,kind,source: the source (quoted, with commas) is not read */
        if (sscanf(p, "%15[^,],%d,%d-%d-%d,%d-%d-%d,%7[^,\n]", hol, &year, &y1, &m1, &d1, &y2, &m2,
                   &d2, kind) == 9 &&
            !strcmp(hol, "tet") && n_sched < SCHED_MAX)
            sched[n_sched++] = (struct sched_row){year, date_from_ymd(y1, m1, d1),
                                                  date_from_ymd(y2, m2, d2), !strcmp(kind, "work")};
        p = strchr(p, '\n');
    }
}

static bool sched_has_year(int y)
{
    pthread_once(&sched_once, sched_load);
    for (size_t i = 0; i < n_sched; i++)
        if (sched[i].year == y)
            return true;
    return false;
}

int date_holiday_schedule_first(void)
{
    pthread_once(&sched_once, sched_load);
    int y = 0;
    for (size_t i = 0; i < n_sched; i++)
        if (!y || sched[i].year < y)
            y = sched[i].year;
    return y;
}

int date_holiday_schedule_last(void)
{
    pthread_once(&sched_once, sched_load);
    int y = 0;
    for (size_t i = 0; i < n_sched; i++)
        if (sched[i].year > y)
            y = sched[i].year;
    return y;
}

static bool is_weekend(tcxd_date t)
{
    return date_weekday(t) >= 5;
}

static bool in_set(const tcxd_date *v, size_t n, tcxd_date t)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == t)
            return true;
    return false;
}

size_t date_holidays(int y, tcxd_date out[DATE_MAX_HOLIDAYS])
{
    size_t n = 0;
    if (y < 1 || y > 9999)
        return 0;
    /* the statutory days; a schedule's Tết replaces the computed one with what was announced */
    tcxd_date legal[DATE_MAX_HOLIDAYS];
    size_t nl = 0;
    legal[nl++] = date_from_ymd(y, 1, 1);
    bool scheduled = sched_has_year(y);
    if (!scheduled && y >= TET_FIRST_YEAR && y <= TET_LAST_YEAR) {
        int md = tet_md[y - TET_FIRST_YEAR];
        tcxd_date tet = date_from_ymd(y, md / 100, md % 100);
        int after = y >= TET_FIVE_DAYS_FROM ? 3 : 2;
        for (tcxd_date t = tet - 1; t <= tet + after; t++)
            legal[nl++] = t;
    }
    if (y >= GIO_TO_FIRST_YEAR && y <= GIO_TO_LAST_YEAR) { /* a holiday since 2007 */
        int md = gio_to_md[y - GIO_TO_FIRST_YEAR];
        legal[nl++] = date_from_ymd(y, md / 100, md % 100);
    }
    legal[nl++] = date_from_ymd(y, 4, 30);
    legal[nl++] = date_from_ymd(y, 5, 1);
    legal[nl++] = date_from_ymd(y, 9, 2);
    if (y >= NATIONAL_DAY_PAIR_FROM)
        legal[nl++] = date_from_ymd(y, 9, national_day_pair_day(y));
    qsort(legal, nl, sizeof(legal[0]), cmp_date);
    for (size_t i = 0; i < nl; i++)
        if (!n || out[n - 1] != legal[i])
            out[n++] = legal[i];
    if (scheduled)
        for (size_t i = 0; i < n_sched; i++)
            for (tcxd_date t = sched[i].from;
                 sched[i].year == y && !sched[i].work && t <= sched[i].to; t++)
                if (!in_set(out, n, t) && n < DATE_MAX_HOLIDAYS)
                    out[n++] = t;
    /* a statutory day on a Saturday or Sunday gives the next working day off (Bộ luật Lao động
       1994 Điều 73, 2012 Điều 115, 2019 Điều 111 khoản 3); a schedule says its own */
    for (size_t i = 0; i < nl; i++) {
        if (!is_weekend(legal[i]) || (i && legal[i - 1] == legal[i]))
            continue;
        tcxd_date t = legal[i] + 1;
        while ((is_weekend(t) || in_set(out, n, t)) && date_to_ymd(t).y == y)
            t++;
        if (date_to_ymd(t).y == y && n < DATE_MAX_HOLIDAYS)
            out[n++] = t;
    }
    qsort(out, n, sizeof(out[0]), cmp_date);
    return n;
}

size_t date_worked_weekend_days(int y, tcxd_date out[DATE_MAX_HOLIDAYS])
{
    size_t n = 0;
    if (!sched_has_year(y))
        return 0;
    for (size_t i = 0; i < n_sched; i++)
        for (tcxd_date t = sched[i].from; sched[i].work && t <= sched[i].to; t++)
            if (date_to_ymd(t).y == y && n < DATE_MAX_HOLIDAYS)
                out[n++] = t;
    qsort(out, n, sizeof(out[0]), cmp_date);
    return n;
}

static bool is_worked_weekend_day(tcxd_date t)
{
    tcxd_date w[DATE_MAX_HOLIDAYS];
    size_t n = date_worked_weekend_days(date_to_ymd(t).y, w);
    return in_set(w, n, t);
}

bool date_is_holiday(tcxd_date t)
{
    tcxd_date h[DATE_MAX_HOLIDAYS];
    size_t n = date_holidays(date_to_ymd(t).y, h);
    for (size_t i = 0; i < n; i++)
        if (h[i] == t)
            return true;
    return false;
}

bool date_is_working_day(tcxd_date t)
{
    return is_weekend(t) ? is_worked_weekend_day(t) : !date_is_holiday(t);
}

tcxd_date date_add_working_days(tcxd_date t, int n)
{
    if (is_sentinel(t))
        return t;
    int step = n < 0 ? -1 : 1;
    int64_t left = n < 0 ? -(int64_t)n : n;
    int64_t d = t;
    while (left > 0) {
        d += step;
        if (d <= INT32_MIN || d >= INT32_MAX)
            return clamp_date(d);
        if (date_is_working_day((tcxd_date)d))
            left--;
    }
    return (tcxd_date)d;
}

/* Monday-to-Friday days in [1970-01-05 (a Monday), t); negative for t before it. */
static int64_t weekdays_before(int64_t t)
{
    int64_t s = t - 4;
    int64_t weeks = floor_div(s, 7), rem = floor_mod(s, 7);
    return weeks * 5 + (rem < 5 ? rem : 5);
}

int date_working_days_between(tcxd_date a, tcxd_date b)
{
    if (b <= a)
        return 0;
    /* (a, b] is [a + 1, b + 1) */
    int64_t count = weekdays_before((int64_t)b + 1) - weekdays_before((int64_t)a + 1);
    int ya = date_to_ymd(a + 1).y, yb = date_to_ymd(b).y;
    for (int y = ya < 1 ? 1 : ya; y <= yb && y <= 9999; y++) {
        tcxd_date h[DATE_MAX_HOLIDAYS];
        size_t n = date_holidays(y, h);
        for (size_t i = 0; i < n; i++)
            if (h[i] > a && h[i] <= b && date_weekday(h[i]) < 5)
                count--;
        n = date_worked_weekend_days(y, h);
        for (size_t i = 0; i < n; i++)
            if (h[i] > a && h[i] <= b)
                count++;
    }
    return (int)count;
}
