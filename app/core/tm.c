/* tm: see tm.h. Pure arithmetic on the proleptic Gregorian calendar, so the
 * process time zone never leaks into a bundle. */
#include "tm.h"

#include <time.h>

int64_t tm_now_real(void *ctx)
{
    (void)ctx;
    return (int64_t)time(NULL);
}

/* Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

typedef struct { int64_t y; int mo, d, h, mi, s; } tm_parts;

static tm_parts split(int64_t t)
{
    tm_parts p;
    int64_t days = t / 86400, rem = t % 86400;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    civil_from_days(days, &p.y, &p.mo, &p.d);
    p.h = (int)(rem / 3600);
    p.mi = (int)(rem / 60 % 60);
    p.s = (int)(rem % 60);
    return p;
}

/* n decimal digits of v at out (v is known to fit). */
static char *put_digits(char *out, int v, int n)
{
    for (int i = n - 1; i >= 0; i--, v /= 10)
        out[i] = (char)('0' + v % 10);
    return out + n;
}

/* Both layouts: sep = 1 gives "YYYY-MM-DDTHH:MM:SSZ", 0 "YYYYMMDDTHHMMSSZ". */
static void format(int64_t t, char *out, int sep)
{
    tm_parts p = split(t);
    int y = (int)(p.y < 0 ? 0 : p.y % 10000);
    char *o = put_digits(out, y, 4);
    if (sep)
        *o++ = '-';
    o = put_digits(o, p.mo, 2);
    if (sep)
        *o++ = '-';
    o = put_digits(o, p.d, 2);
    *o++ = 'T';
    o = put_digits(o, p.h, 2);
    if (sep)
        *o++ = ':';
    o = put_digits(o, p.mi, 2);
    if (sep)
        *o++ = ':';
    o = put_digits(o, p.s, 2);
    *o++ = 'Z';
    *o = '\0';
}

void tm_format_iso(int64_t t, char *out) { format(t, out, 1); }
void tm_format_compact(int64_t t, char *out) { format(t, out, 0); }

static int digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return dm[m - 1] + (m == 2 && leap);
}

int tm_parse_iso(const char *s, size_t len, int64_t *t)
{
    int y, mo, d, h, mi, sec;
    if (len != TM_ISO_LEN || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
        s[13] != ':' || s[16] != ':' || s[19] != 'Z')
        return -1;
    if (digits(s, 4, &y) || digits(s + 5, 2, &mo) || digits(s + 8, 2, &d) ||
        digits(s + 11, 2, &h) || digits(s + 14, 2, &mi) ||
        digits(s + 17, 2, &sec))
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 ||
        mi > 59 || sec > 59)
        return -1;
    *t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    return 0;
}
