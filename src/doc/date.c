#include "date.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Reads exactly n digits at *p. */
static bool digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return false;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return true;
}

/* "Z", "+02:00", "+0200", "-05" or " UTC"; returns false on anything else. */
static bool parse_zone(const char **p, int *offset_min)
{
    const char *s = *p;
    while (*s == ' ')
        s++;
    if (*s == 'Z' || *s == 'z') {
        *p = s + 1;
        *offset_min = 0;
        return true;
    }
    if (strncmp(s, "UTC", 3) == 0 || strncmp(s, "GMT", 3) == 0) {
        *p = s + 3;
        *offset_min = 0;
        return true;
    }
    if (*s != '+' && *s != '-')
        return false;
    int sign = *s++ == '-' ? -1 : 1, h, m = 0;
    if (!digits(&s, 2, &h))
        return false;
    if (*s == ':')
        s++;
    if (isdigit((unsigned char)*s) && !digits(&s, 2, &m))
        return false;
    if (h > 14 || m > 59)
        return false;
    *offset_min = sign * (h * 60 + m);
    *p = s;
    return true;
}

bool fdate_parse(const char *s, fdate *out)
{
    fdate d = {0};
    *out = d;
    if (!s)
        return false;
    while (isspace((unsigned char)*s))
        s++;
    char quote = 0;
    if (*s == '\'' || *s == '"')
        quote = *s++;
    if (!digits(&s, 4, &d.year) || *s++ != '-' || !digits(&s, 2, &d.month) || *s++ != '-' ||
        !digits(&s, 2, &d.day))
        return false;
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month))
        return false;
    if ((*s == 'T' || *s == 't' || *s == ' ') && isdigit((unsigned char)s[1])) {
        s++;
        if (!digits(&s, 2, &d.hour) || *s++ != ':' || !digits(&s, 2, &d.min))
            return false;
        if (*s == ':') {
            s++;
            if (!digits(&s, 2, &d.sec))
                return false;
            if (*s == '.' || *s == ',') /* fractions of a second do not matter here */
                for (s++; isdigit((unsigned char)*s); s++)
                    ;
        }
        if (d.hour > 23 || d.min > 59 || d.sec > 60)
            return false;
        d.has_time = true;
        const char *zone = s;
        if (!parse_zone(&s, &d.tz_offset_min))
            s = zone; /* no zone: local time, taken as UTC */
    }
    if (quote && *s++ != quote)
        return false;
    while (isspace((unsigned char)*s))
        s++;
    if (*s)
        return false;
    d.valid = true;
    if (fdate_to_epoch(&d) > FDATE_MAX_EPOCH)
        return false;
    *out = d;
    return true;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int64_t fdate_to_epoch(const fdate *d)
{
    if (!d || !d->valid)
        return -1;
    int64_t t = days_from_civil(d->year, d->month, d->day) * 86400 + d->hour * 3600 +
                d->min * 60 + d->sec;
    return t - (int64_t)d->tz_offset_min * 60;
}
