/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzzer: date parsing, formatting and arithmetic (date.h).
 * The input is parsed as text by btx_date_parse and, read again as numbers, drives
 * btx_date_from_ymd / to_ymd / format / add_days / add_months. Every answer is checked
 * against an independent model of the proleptic Gregorian calendar. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int64_t dim(int64_t y, int64_t m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 for a year >= 1 (counts whole years, then months). */
static int64_t model_days(int64_t y, int64_t m, int64_t d)
{
    int64_t yp = y - 1; /* whole years before y, counted from 0001-01-01 */
    int64_t days = yp * 365 + yp / 4 - yp / 100 + yp / 400;
    for (int64_t k = 1; k < m; k++)
        days += dim(y, k);
    days += d - 1;
    return days - 719162; /* 1970-01-01 is day 719162 from 0001-01-01 */
}

static void check_parse(const char *text, size_t len)
{
    btx_date out = 12345;
    int rc = btx_date_parse(text, &out);
    CHECK(rc_known(rc), "rc %d", rc);
    int shape = len == 10 && text[4] == '-' && text[7] == '-';
    int64_t y = 0, m = 0, d = 0;
    for (size_t i = 0; shape && i < 10; i++) {
        if (i == 4 || i == 7)
            continue;
        if (text[i] < '0' || text[i] > '9') {
            shape = 0;
            break;
        }
        int64_t v = text[i] - '0';
        if (i < 4)
            y = y * 10 + v;
        else if (i < 7)
            m = m * 10 + v;
        else
            d = d * 10 + v;
    }
    int expect;
    if (!shape || m < 1 || m > 12 || d < 1 || d > dim(y, m))
        expect = BTX_EPARSE;
    else if (y < 1900 || y > 2199)
        expect = BTX_ERANGE;
    else
        expect = BTX_OK;
    CHECK(rc == expect, "parse \"%s\": rc %d, expected %d", text, rc, expect);
    if (rc != BTX_OK)
        return;
    CHECK(out == model_days(y, m, d), "parse \"%s\" = %d, model %lld", text, out,
          (long long)model_days(y, m, d));
    char buf[BTX_DATE_FORMAT_SIZE];
    CHECK(btx_date_format(out, buf, sizeof buf) == BTX_OK, "format");
    CHECK(memcmp(buf, text, 11) == 0, "round trip \"%s\" -> \"%s\"", text, buf);
}

static void check_ymd(int32_t y, int32_t m, int32_t d)
{
    btx_date out = 777;
    int rc = btx_date_from_ymd(y, m, d, &out);
    CHECK(rc_known(rc), "rc %d", rc);
    if (m < 1 || m > 12 || d < 1) {
        CHECK(rc == BTX_EINVAL, "from_ymd(%d,%d,%d) rc %d", y, m, d, rc);
    } else if (y < 1900 || y > 2199) {
        /* Outside the range: ERANGE for a day that could exist, EINVAL otherwise. */
        CHECK(rc == BTX_ERANGE || (rc == BTX_EINVAL && d > 28), "from_ymd(%d,%d,%d) rc %d",
              y, m, d, rc);
    } else if (d > dim(y, m)) {
        CHECK(rc == BTX_EINVAL, "from_ymd(%d,%d,%d) rc %d", y, m, d, rc);
    } else {
        CHECK(rc == BTX_OK, "from_ymd(%d,%d,%d) rc %d", y, m, d, rc);
        CHECK(out == model_days(y, m, d), "from_ymd value");
        int32_t yy, mm, dd;
        CHECK(btx_date_to_ymd(out, &yy, &mm, &dd) == BTX_OK, "to_ymd");
        CHECK(yy == y && mm == m && dd == d, "to_ymd round trip");
    }
}

static void check_date(btx_date date, int32_t n, size_t fsize)
{
    int in = date >= BTX_DATE_MIN && date <= BTX_DATE_MAX;
    int32_t y = 0, m = 0, d = 0;
    int rc = btx_date_to_ymd(date, &y, &m, &d);
    CHECK(rc == (in ? BTX_OK : BTX_ERANGE), "to_ymd(%d) rc %d", date, rc);
    if (in)
        CHECK(model_days(y, m, d) == date && m >= 1 && m <= 12 && d >= 1 && d <= dim(y, m),
              "to_ymd(%d) = %d-%d-%d", date, y, m, d);

    /* Format into a buffer of exactly fsize bytes: ASan sees any write past it. */
    char *buf = malloc(fsize > 0 ? fsize : 1);
    CHECK(buf != NULL, "malloc");
    memset(buf, 'x', fsize > 0 ? fsize : 1);
    rc = btx_date_format(date, buf, fsize);
    if (!in) {
        CHECK(rc == BTX_ERANGE, "format(%d) rc %d", date, rc);
    } else if (fsize < BTX_DATE_FORMAT_SIZE) {
        CHECK(rc == BTX_ENOSPC, "format size %zu rc %d", fsize, rc);
    } else {
        CHECK(rc == BTX_OK, "format rc %d", rc);
        CHECK(strlen(buf) == 10, "format length");
        btx_date back;
        CHECK(btx_date_parse(buf, &back) == BTX_OK && back == date, "format/parse");
    }
    if (rc != BTX_OK && fsize > 0)
        CHECK(buf[0] == '\0', "buf[0] not NUL on error");
    if (rc != BTX_OK && fsize > 1)
        CHECK(buf[1] == 'x', "wrote past buf[0] on error");
    free(buf);

    btx_date out = 555;
    rc = btx_date_add_days(date, n, &out);
    int64_t sum = (int64_t)date + n;
    int ok = in && sum >= BTX_DATE_MIN && sum <= BTX_DATE_MAX;
    CHECK(rc == (ok ? BTX_OK : BTX_ERANGE), "add_days(%d, %d) rc %d", date, n, rc);
    if (ok)
        CHECK(out == sum, "add_days value");

    out = 555;
    rc = btx_date_add_months(date, n, &out);
    if (!in) {
        CHECK(rc == BTX_ERANGE, "add_months(%d) rc %d", date, rc);
        return;
    }
    int64_t idx = (int64_t)y * 12 + (m - 1) + n;
    int64_t ny = idx >= 0 ? idx / 12 : -((-idx + 11) / 12);
    int64_t nm = idx - ny * 12 + 1;
    if (ny < 1900 || ny > 2199) {
        CHECK(rc == BTX_ERANGE, "add_months(%d, %d) rc %d", date, n, rc);
        return;
    }
    int64_t nd = d > dim(ny, nm) ? dim(ny, nm) : d;
    CHECK(rc == BTX_OK, "add_months(%d, %d) rc %d", date, n, rc);
    CHECK(out == model_days(ny, nm, nd), "add_months(%d, %d) = %d", date, n, out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The whole input as text (up to a NUL, as the library would see it). */
    char *text = malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    check_parse(text, strlen(text));
    free(text);

    fz f = {data, size};
    int32_t y = (int32_t)(int16_t)fz_u16(&f) + (fz_u8(&f) & 1 ? 2000 : 0);
    int32_t m = (int8_t)fz_u8(&f);
    int32_t d = (int8_t)fz_u8(&f);
    if (fz_u8(&f) == 0xFF) {
        y = fz_i32(&f);
        m = fz_i32(&f);
        d = fz_i32(&f);
    }
    check_ymd(y, m, d);

    btx_date date = fz_date(&f, 20000);
    uint8_t nsel = fz_u8(&f);
    int32_t n = nsel & 1 ? fz_i32(&f) : (int32_t)(int16_t)fz_u16(&f);
    size_t fsize = fz_u8(&f) % 16;
    check_date(date, n, fsize);

    /* NULL pointers are refused, never dereferenced. */
    btx_date out;
    int32_t a, b, c;
    CHECK(btx_date_parse(NULL, &out) == BTX_EINVAL, "parse NULL text");
    CHECK(btx_date_parse("2025-01-01", NULL) == BTX_EINVAL, "parse NULL out");
    CHECK(btx_date_from_ymd(y, m, d, NULL) == BTX_EINVAL, "from_ymd NULL");
    CHECK(btx_date_to_ymd(date, NULL, &b, &c) == BTX_EINVAL, "to_ymd NULL");
    CHECK(btx_date_to_ymd(date, &a, &b, NULL) == BTX_EINVAL, "to_ymd NULL");
    CHECK(btx_date_format(date, NULL, 11) == BTX_EINVAL, "format NULL");
    CHECK(btx_date_add_days(date, n, NULL) == BTX_EINVAL, "add_days NULL");
    CHECK(btx_date_add_months(date, n, NULL) == BTX_EINVAL, "add_months NULL");
    return 0;
}
