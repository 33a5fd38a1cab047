/* SPDX-License-Identifier: Apache-2.0 */
/* Civil dates: days since 1970-01-01, proleptic Gregorian.
 *
 * Conversions use the era-based algorithm (400-year cycles of 146097 days), which is
 * exact for every year representable here and needs no tables. */
#include "internal.h"

static int is_leap(int32_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int32_t btx__days_in_month(int32_t y, int32_t m)
{
    static const int8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && is_leap(y))
        return 29;
    return days[m - 1];
}

int32_t btx__days_from_civil(int32_t y, int32_t m, int32_t d)
{
    y -= m <= 2;
    const int32_t era = (y >= 0 ? y : y - 399) / 400;
    const int32_t yoe = y - era * 400;                                   /* [0, 399] */
    const int32_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  /* [0, 365] */
    const int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

void btx__civil_from_days(int32_t days, int32_t *y, int32_t *m, int32_t *d)
{
    const int32_t z = days + 719468;
    const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int32_t doe = z - era * 146097;                                      /* [0, 146096] */
    const int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    const int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
    const int32_t mp = (5 * doy + 2) / 153;                                    /* [0, 11] */
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

int btx__date_in_range(btx_date d)
{
    return d >= BTX_DATE_MIN && d <= BTX_DATE_MAX;
}

btx_date btx__add_months(btx_date date, int32_t n)
{
    int32_t y, m, d;
    btx__civil_from_days(date, &y, &m, &d);
    /* Month index from year 0, then split back; floor division for negative n. */
    int64_t idx = (int64_t)y * 12 + (m - 1) + n;
    int64_t ny = idx >= 0 ? idx / 12 : -((-idx + 11) / 12);
    int32_t nm = (int32_t)(idx - ny * 12) + 1;
    int32_t dim = btx__days_in_month((int32_t)ny, nm);
    return btx__days_from_civil((int32_t)ny, nm, d > dim ? dim : d);
}

btx_date btx__birthday(btx_date birth, int32_t years)
{
    /* 29 February + N years clamps to 28 February in a common year. */
    return btx__add_months(birth, 12 * years);
}

int32_t btx__age_years(btx_date birth, btx_date d)
{
    int32_t by, bm, bd, y, m, dd;
    btx__civil_from_days(birth, &by, &bm, &bd);
    btx__civil_from_days(d, &y, &m, &dd);
    int32_t age = y - by;
    if (btx__birthday(birth, age) > d)
        age--;
    return age;
}

int btx_date_from_ymd(int32_t y, int32_t m, int32_t d, btx_date *out)
{
    if (!out)
        return BTX_EINVAL;
    if (m < 1 || m > 12 || d < 1)
        return BTX_EINVAL;
    /* Check the range on the year first so the arithmetic below cannot overflow. */
    if (y < 1900 || y > 2199)
        return d <= 31 ? BTX_ERANGE : BTX_EINVAL;
    if (d > btx__days_in_month(y, m))
        return BTX_EINVAL;
    *out = btx__days_from_civil(y, m, d);
    return BTX_OK;
}

int btx_date_to_ymd(btx_date date, int32_t *y, int32_t *m, int32_t *d)
{
    if (!y || !m || !d)
        return BTX_EINVAL;
    if (!btx__date_in_range(date))
        return BTX_ERANGE;
    btx__civil_from_days(date, y, m, d);
    return BTX_OK;
}

static int digits(const char *s, int n, int32_t *value)
{
    int32_t v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return 1;
}

int btx_date_parse(const char *text, btx_date *out)
{
    if (!text || !out)
        return BTX_EINVAL;
    int32_t y, m, d;
    /* Exactly 10 characters; never read past a shorter string's NUL. */
    size_t len = 0;
    while (len < 11 && text[len] != '\0')
        len++;
    if (len != 10 || text[4] != '-' || text[7] != '-' ||
        !digits(text, 4, &y) || !digits(text + 5, 2, &m) || !digits(text + 8, 2, &d))
        return BTX_EPARSE;
    if (m < 1 || m > 12 || d < 1 || d > btx__days_in_month(y, m))
        return BTX_EPARSE;
    if (y < 1900 || y > 2199)
        return BTX_ERANGE;
    *out = btx__days_from_civil(y, m, d);
    return BTX_OK;
}

int btx_date_format(btx_date date, char *buf, size_t size)
{
    if (!buf)
        return BTX_EINVAL;
    if (!btx__date_in_range(date)) {
        if (size > 0)
            buf[0] = '\0';
        return BTX_ERANGE;
    }
    if (size < BTX_DATE_FORMAT_SIZE) {
        if (size > 0)
            buf[0] = '\0';
        return BTX_ENOSPC;
    }
    int32_t y, m, d;
    btx__civil_from_days(date, &y, &m, &d);
    const int32_t parts[3] = {y, m, d};
    const int widths[3] = {4, 2, 2};
    char *p = buf;
    for (int i = 0; i < 3; i++) {
        int32_t v = parts[i];
        for (int k = widths[i] - 1; k >= 0; k--) {
            p[k] = (char)('0' + v % 10);
            v /= 10;
        }
        p += widths[i];
        if (i < 2)
            *p++ = '-';
    }
    *p = '\0';
    return BTX_OK;
}

int btx_date_add_days(btx_date date, int32_t n, btx_date *out)
{
    if (!out)
        return BTX_EINVAL;
    if (!btx__date_in_range(date))
        return BTX_ERANGE;
    int64_t r = (int64_t)date + n;
    if (r < BTX_DATE_MIN || r > BTX_DATE_MAX)
        return BTX_ERANGE;
    *out = (btx_date)r;
    return BTX_OK;
}

int btx_date_add_months(btx_date date, int32_t n, btx_date *out)
{
    if (!out)
        return BTX_EINVAL;
    if (!btx__date_in_range(date))
        return BTX_ERANGE;
    /* 300 years is 3600 months: anything beyond cannot land in range. */
    if (n > 3600 || n < -3600)
        return BTX_ERANGE;
    btx_date r = btx__add_months(date, n);
    if (!btx__date_in_range(r))
        return BTX_ERANGE;
    *out = r;
    return BTX_OK;
}
