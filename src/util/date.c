#include "util/date.h"
#include <stdio.h>

/* Civil date <-> day number by 400-year eras (the usual era / day-of-era arithmetic). */
int32_t dyad_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int32_t)doe - 719468;
}

void dyad_civil_from_days(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)yoe + era * 400 + (*m <= 2);
}

int dyad_weekday(int32_t days)
{
    return (int)((days % 7 + 7 + 4) % 7);   /* 1970-01-01 was a Thursday */
}

int dyad_days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[(m - 1) % 12];
}

static int digits(const char *s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 1;
}

int32_t dyad_parse_date(const char *s, int len, int end, dyad_prec *prec)
{
    int y, m = 1, d = 1;
    dyad_prec p;
    if (len == 4 && digits(s, 4, &y)) {
        p = DYAD_PREC_YEAR;
        if (end) {
            m = 12;
            d = 31;
        }
    } else if (len == 7 && s[4] == '-' && digits(s, 4, &y) && digits(s + 5, 2, &m)) {
        p = DYAD_PREC_MONTH;
        if (m < 1 || m > 12)
            return DYAD_NO_DATE;
        if (end)
            d = dyad_days_in_month(y, m);
    } else if (len == 10 && s[4] == '-' && s[7] == '-' && digits(s, 4, &y) &&
               digits(s + 5, 2, &m) && digits(s + 8, 2, &d)) {
        p = DYAD_PREC_DAY;
        if (m < 1 || m > 12 || d < 1 || d > dyad_days_in_month(y, m))
            return DYAD_NO_DATE;
    } else {
        return DYAD_NO_DATE;
    }
    if (y < 1000 || y > 2999)
        return DYAD_NO_DATE;
    if (prec)
        *prec = p;
    return dyad_days_from_civil(y, m, d);
}

void dyad_format_date(int32_t days, char out[11])
{
    int y, m, d;
    if (days == DYAD_NO_DATE) {
        out[0] = 0;
        return;
    }
    dyad_civil_from_days(days, &y, &m, &d);
    y = ((y % 10000) + 10000) % 10000;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = 0;
}

const char *dyad_prec_name(dyad_prec p)
{
    switch (p) {
    case DYAD_PREC_DAY: return "day";
    case DYAD_PREC_MONTH: return "month";
    case DYAD_PREC_YEAR: return "year";
    default: return "";
    }
}
