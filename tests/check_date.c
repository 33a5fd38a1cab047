/* SPDX-License-Identifier: Apache-2.0 */
/* Civil dates: conversions, parsing, formatting, arithmetic, range edges. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "check_util.h"

/* A calendar model written independently of the library: count days month by month. */
static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static int mdays(int y, int m)
{
    static const int t[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : t[m - 1];
}

START_TEST(epoch_and_range_ends)
{
    ck_assert_int_eq(ymd(1970, 1, 1), 0);
    ck_assert_int_eq(ymd(1970, 1, 2), 1);
    ck_assert_int_eq(ymd(1969, 12, 31), -1);
    ck_assert_int_eq(ymd(1900, 1, 1), BTX_DATE_MIN);
    ck_assert_int_eq(ymd(2199, 12, 31), BTX_DATE_MAX);
    ck_assert_int_eq(ymd(2000, 3, 1), 11017);
    btx_date d;
    ck_assert_int_eq(btx_date_from_ymd(1899, 12, 31, &d), BTX_ERANGE);
    ck_assert_int_eq(btx_date_from_ymd(2200, 1, 1, &d), BTX_ERANGE);
    ck_assert_int_eq(BTX_DATE_UNKNOWN, INT32_MIN);
}
END_TEST

START_TEST(round_trip_whole_range)
{
    /* Walk every day of the range with the independent model. */
    int y = 1900, m = 1, d = 1;
    for (btx_date date = BTX_DATE_MIN; date <= BTX_DATE_MAX; date++) {
        int32_t yy, mm, dd;
        ck_assert_int_eq(btx_date_to_ymd(date, &yy, &mm, &dd), BTX_OK);
        ck_assert_int_eq(yy, y);
        ck_assert_int_eq(mm, m);
        ck_assert_int_eq(dd, d);
        btx_date back;
        ck_assert_int_eq(btx_date_from_ymd(y, m, d, &back), BTX_OK);
        ck_assert_int_eq(back, date);
        if (++d > mdays(y, m)) {
            d = 1;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
    ck_assert_int_eq(y, 2200);
}
END_TEST

START_TEST(leap_years)
{
    btx_date d;
    ck_assert_int_eq(btx_date_from_ymd(1900, 2, 29, &d), BTX_EINVAL);
    ck_assert_int_eq(btx_date_from_ymd(2000, 2, 29, &d), BTX_OK);
    ck_assert_int_eq(btx_date_from_ymd(2100, 2, 29, &d), BTX_EINVAL);
    ck_assert_int_eq(btx_date_from_ymd(2024, 2, 29, &d), BTX_OK);
    ck_assert_int_eq(btx_date_from_ymd(2025, 2, 29, &d), BTX_EINVAL);
    ck_assert_int_eq(ymd(1900, 3, 1) - ymd(1900, 2, 28), 1);
    ck_assert_int_eq(ymd(2000, 3, 1) - ymd(2000, 2, 28), 2);
    ck_assert_int_eq(ymd(2100, 3, 1) - ymd(2100, 2, 28), 1);
}
END_TEST

START_TEST(from_ymd_rejects)
{
    btx_date d = 12345;
    ck_assert_int_eq(btx_date_from_ymd(2025, 0, 1, &d), BTX_EINVAL);
    ck_assert_int_eq(btx_date_from_ymd(2025, 13, 1, &d), BTX_EINVAL);
    ck_assert_int_eq(btx_date_from_ymd(2025, 4, 31, &d), BTX_EINVAL);
    ck_assert_int_eq(btx_date_from_ymd(2025, 1, 0, &d), BTX_EINVAL);
    ck_assert_int_eq(btx_date_from_ymd(2025, 1, 32, &d), BTX_EINVAL);
    ck_assert_int_eq(btx_date_from_ymd(INT32_MAX, 1, 1, &d), BTX_ERANGE);
    ck_assert_int_eq(btx_date_from_ymd(INT32_MIN, 1, 1, &d), BTX_ERANGE);
    ck_assert_int_eq(d, 12345); /* untouched on failure */
    ck_assert_int_eq(btx_date_from_ymd(2025, 1, 1, NULL), BTX_EINVAL);
}
END_TEST

START_TEST(to_ymd_rejects)
{
    int32_t y, m, d;
    ck_assert_int_eq(btx_date_to_ymd(BTX_DATE_MIN - 1, &y, &m, &d), BTX_ERANGE);
    ck_assert_int_eq(btx_date_to_ymd(BTX_DATE_MAX + 1, &y, &m, &d), BTX_ERANGE);
    ck_assert_int_eq(btx_date_to_ymd(BTX_DATE_UNKNOWN, &y, &m, &d), BTX_ERANGE);
    ck_assert_int_eq(btx_date_to_ymd(0, NULL, &m, &d), BTX_EINVAL);
    ck_assert_int_eq(btx_date_to_ymd(0, &y, NULL, &d), BTX_EINVAL);
    ck_assert_int_eq(btx_date_to_ymd(0, &y, &m, NULL), BTX_EINVAL);
}
END_TEST

static const struct {
    const char *text;
    int rc;
} parse_vectors[] = {
    {"2025-01-01", BTX_OK},     {"1900-01-01", BTX_OK},   {"2199-12-31", BTX_OK},
    {"2024-02-29", BTX_OK},     {"2000-02-29", BTX_OK},   {" 2025-01-01", BTX_EPARSE},
    {"2025-01-01 ", BTX_EPARSE}, {"2025-1-01", BTX_EPARSE}, {"2025-01-1", BTX_EPARSE},
    {"2025-02-29", BTX_EPARSE}, {"2100-02-29", BTX_EPARSE}, {"2025-13-01", BTX_EPARSE},
    {"2025-00-10", BTX_EPARSE}, {"2025-04-31", BTX_EPARSE}, {"2025-01-00", BTX_EPARSE},
    {"2025-01-01x", BTX_EPARSE}, {"", BTX_EPARSE},        {"+2025-01-01", BTX_EPARSE},
    {"-2025-01-01", BTX_EPARSE}, {"2025/01/01", BTX_EPARSE}, {"20250101", BTX_EPARSE},
    {"2025-01-01T00:00", BTX_EPARSE}, {"２025-01-01", BTX_EPARSE}, {"1899-12-31", BTX_ERANGE},
    {"2200-01-01", BTX_ERANGE}, {"0000-01-01", BTX_ERANGE}, {"9999-12-31", BTX_ERANGE},
    {"abcd-ef-gh", BTX_EPARSE},
};

START_TEST(parse_vector)
{
    btx_date d = 777;
    int rc = btx_date_parse(parse_vectors[_i].text, &d);
    ck_assert_msg(rc == parse_vectors[_i].rc, "\"%s\": got %d, want %d", parse_vectors[_i].text,
                  rc, parse_vectors[_i].rc);
    if (rc != BTX_OK)
        ck_assert_int_eq(d, 777);
}
END_TEST

START_TEST(parse_values_and_null)
{
    btx_date d;
    ck_assert_int_eq(btx_date_parse("2025-11-30", &d), BTX_OK);
    ck_assert_int_eq(d, ymd(2025, 11, 30));
    ck_assert_int_eq(btx_date_parse(NULL, &d), BTX_EINVAL);
    ck_assert_int_eq(btx_date_parse("2025-11-30", NULL), BTX_EINVAL);
}
END_TEST

START_TEST(format_values)
{
    char buf[BTX_DATE_FORMAT_SIZE];
    ck_assert_int_eq(btx_date_format(ymd(2025, 11, 30), buf, sizeof buf), BTX_OK);
    ck_assert_str_eq(buf, "2025-11-30");
    ck_assert_int_eq(btx_date_format(BTX_DATE_MIN, buf, sizeof buf), BTX_OK);
    ck_assert_str_eq(buf, "1900-01-01");
    ck_assert_int_eq(btx_date_format(BTX_DATE_MAX, buf, sizeof buf), BTX_OK);
    ck_assert_str_eq(buf, "2199-12-31");
    ck_assert_int_eq(btx_date_format(BTX_DATE_MAX + 1, buf, sizeof buf), BTX_ERANGE);
    ck_assert_int_eq(btx_date_format(BTX_DATE_UNKNOWN, buf, sizeof buf), BTX_ERANGE);
    ck_assert_int_eq(btx_date_format(0, NULL, 11), BTX_EINVAL);
    /* format then parse is the identity over a sample of the range */
    for (btx_date d = BTX_DATE_MIN; d <= BTX_DATE_MAX; d += 97) {
        btx_date back;
        ck_assert_int_eq(btx_date_format(d, buf, sizeof buf), BTX_OK);
        ck_assert_int_eq(btx_date_parse(buf, &back), BTX_OK);
        ck_assert_int_eq(back, d);
    }
}
END_TEST

START_TEST(format_small_buffer_never_overflows)
{
    for (size_t size = 0; size < BTX_DATE_FORMAT_SIZE; size++) {
        char buf[32];
        memset(buf, 'Z', sizeof buf);
        ck_assert_int_eq(btx_date_format(ymd(2025, 1, 2), buf, size), BTX_ENOSPC);
        for (size_t k = size; k < sizeof buf; k++)
            ck_assert_int_eq(buf[k], 'Z');
        if (size > 0)
            ck_assert_int_eq(buf[0], '\0');
    }
}
END_TEST

static const struct {
    int y, m, d, n, ry, rm, rd;
} month_vectors[] = {
    {2024, 1, 31, 1, 2024, 2, 29},  {2025, 1, 31, 1, 2025, 2, 28},
    {2025, 3, 31, -1, 2025, 2, 28}, {2024, 3, 31, -1, 2024, 2, 29},
    {2025, 11, 30, 3, 2026, 2, 28}, {2025, 1, 15, -13, 2023, 12, 15},
    {2025, 3, 31, -13, 2024, 2, 29}, {2024, 2, 29, 12, 2025, 2, 28},
    {2024, 2, 29, 48, 2028, 2, 29}, {2025, 8, 31, 1, 2025, 9, 30},
    {2025, 12, 31, 2, 2026, 2, 28}, {2026, 1, 31, -2, 2025, 11, 30},
    {2025, 5, 10, 0, 2025, 5, 10},  {2025, 5, 31, -24, 2023, 5, 31},
    {1900, 1, 31, 1, 1900, 2, 28},  {2199, 11, 30, 1, 2199, 12, 30},
};

START_TEST(add_months_vector)
{
    btx_date out;
    ck_assert_int_eq(btx_date_add_months(ymd(month_vectors[_i].y, month_vectors[_i].m,
                                             month_vectors[_i].d),
                                         month_vectors[_i].n, &out),
                     BTX_OK);
    ck_assert_int_eq(out, ymd(month_vectors[_i].ry, month_vectors[_i].rm, month_vectors[_i].rd));
}
END_TEST

START_TEST(add_months_model)
{
    /* Against the definition: same day, or the last day of the target month. */
    for (btx_date d = ymd(1990, 1, 1); d <= ymd(2030, 12, 31); d += 3) {
        int32_t y, m, dd;
        ck_assert_int_eq(btx_date_to_ymd(d, &y, &m, &dd), BTX_OK);
        for (int n = -30; n <= 30; n += 7) {
            int idx = y * 12 + (m - 1) + n;
            int ty = idx / 12, tm = idx % 12 + 1;
            int td = dd > mdays(ty, tm) ? mdays(ty, tm) : dd;
            btx_date out;
            ck_assert_int_eq(btx_date_add_months(d, n, &out), BTX_OK);
            ck_assert_int_eq(out, ymd(ty, tm, td));
        }
    }
}
END_TEST

START_TEST(add_range_edges)
{
    btx_date out = 5;
    ck_assert_int_eq(btx_date_add_days(BTX_DATE_MAX, 1, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_date_add_days(BTX_DATE_MIN, -1, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_date_add_days(BTX_DATE_MAX, 0, &out), BTX_OK);
    ck_assert_int_eq(out, BTX_DATE_MAX);
    ck_assert_int_eq(btx_date_add_days(BTX_DATE_MIN, INT32_MAX, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_date_add_days(BTX_DATE_MAX, INT32_MIN, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_date_add_days(BTX_DATE_MIN, BTX_DATE_MAX - BTX_DATE_MIN, &out), BTX_OK);
    ck_assert_int_eq(out, BTX_DATE_MAX);
    ck_assert_int_eq(btx_date_add_days(BTX_DATE_UNKNOWN, 1, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_date_add_days(0, 1, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_date_add_days(ymd(2025, 12, 31), 1, &out), BTX_OK);
    ck_assert_int_eq(out, ymd(2026, 1, 1));
    ck_assert_int_eq(btx_date_add_days(ymd(2024, 3, 1), -1, &out), BTX_OK);
    ck_assert_int_eq(out, ymd(2024, 2, 29));

    ck_assert_int_eq(btx_date_add_months(ymd(2199, 12, 1), 1, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_date_add_months(ymd(1900, 1, 31), -1, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_date_add_months(0, INT32_MAX, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_date_add_months(0, INT32_MIN, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_date_add_months(BTX_DATE_UNKNOWN, 1, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_date_add_months(0, 1, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_date_add_months(ymd(1900, 1, 1), 3599, &out), BTX_OK);
    ck_assert_int_eq(out, ymd(2199, 12, 1));
}
END_TEST

Suite *date_suite(void);
Suite *date_suite(void)
{
    Suite *s = suite_create("date");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, epoch_and_range_ends);
    tcase_add_test(tc, round_trip_whole_range);
    tcase_add_test(tc, leap_years);
    tcase_add_test(tc, from_ymd_rejects);
    tcase_add_test(tc, to_ymd_rejects);
    tcase_add_loop_test(tc, parse_vector, 0, (int)(sizeof parse_vectors / sizeof parse_vectors[0]));
    tcase_add_test(tc, parse_values_and_null);
    tcase_add_test(tc, format_values);
    tcase_add_test(tc, format_small_buffer_never_overflows);
    tcase_add_loop_test(tc, add_months_vector, 0,
                        (int)(sizeof month_vectors / sizeof month_vectors[0]));
    tcase_add_test(tc, add_months_model);
    tcase_add_test(tc, add_range_edges);
    suite_add_tcase(s, tc);
    return s;
}
