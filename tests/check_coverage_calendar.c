/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lib/calendar.h, the audit's inline calendar, against date.c and window.c on every
 * valid date: civil dates, month arithmetic (both directions, and the month lengths the
 * policy allows) and the start of a trailing window in months. A few answers are also
 * typed from the calendar itself, so the two implementations cannot agree on a mistake
 * there.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "check_util.h"

#include "calendar.h"
#include "internal.h"

/* Every day; every 101st under valgrind (which sets BTX_PROPERTY_ITERATIONS to run the
 * long tests short): the exhaustive run is the plain one. */
static btx_date day_step(void)
{
    return getenv("BTX_PROPERTY_ITERATIONS") ? 101 : 1;
}

START_TEST(civil_dates_on_every_day)
{
    const btx_date step = day_step();
    for (btx_date d = BTX_DATE_MIN; d <= BTX_DATE_MAX; d += step) {
        int32_t y, m, day;
        btx__civil_from_days(d, &y, &m, &day);
        const btx__civil c = btx__civil_u(d);
        ck_assert_msg(c.y == (uint32_t)y && c.m == (uint32_t)m && c.d == (uint32_t)day,
                      "day %d", (int)d);
        ck_assert_int_eq(btx__days_in_month_u(c.y, c.m), btx__days_in_month(y, m));
        ck_assert_int_eq(btx__first_of_month_u(c.y, c.m) + (btx_date)(c.d - 1u), d);
    }
}
END_TEST

/* Month counts: 1-40 both ways, and the longest window the policy allows (3,225). */
static const int32_t month_counts[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 18, 23,
                                       24, 25, 36, 40, 120, 1200, 3225};

START_TEST(month_arithmetic_on_every_day)
{
    const btx_date step = day_step();
    for (btx_date d = BTX_DATE_MIN; d <= BTX_DATE_MAX; d += step) {
        for (size_t k = 0; k < sizeof month_counts / sizeof month_counts[0]; k++) {
            const int32_t n = month_counts[k];
            ck_assert_msg(btx__add_months_u(d, n) == btx__add_months(d, n), "day %d + %d",
                          (int)d, (int)n);
            if (n <= 40)
                ck_assert_msg(btx__add_months_u(d, -n) == btx__add_months(d, -n),
                              "day %d - %d", (int)d, (int)n);
            ck_assert_msg(btx__months_start_u(d, n) ==
                              btx__first_start_covering(d, n, BTX_MONTHS),
                          "window start of day %d, %d months", (int)d, (int)n);
        }
    }
}
END_TEST

/* The cached start (one cache per month count): every day in order, then every day in
 * a scrambled order, then pairs of days 256 months apart (the two share a slot, so each
 * refills it). */
START_TEST(cached_window_start)
{
    static const int32_t counts[] = {1, 2, 3, 6, 12, 13, 3225};
    const btx_date step = day_step();
    const uint32_t span = (uint32_t)(BTX_DATE_MAX - BTX_DATE_MIN) + 1u;
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
        const int32_t n = counts[k];
        btx__month_slot slots[BTX__MONTH_SLOTS];
        memset(slots, 0, sizeof slots);
        for (btx_date d = BTX_DATE_MIN; d <= BTX_DATE_MAX; d += step)
            ck_assert_msg(btx__months_start_cached(slots, d, n) == btx__months_start_u(d, n),
                          "in order: day %d, %d months", (int)d, (int)n);
        for (uint32_t i = 0; i < span; i += (uint32_t)step) {
            const btx_date d = BTX_DATE_MIN + (btx_date)((i * 7919u) % span);
            ck_assert_msg(btx__months_start_cached(slots, d, n) ==
                              btx__first_start_covering(d, n, BTX_MONTHS),
                          "scrambled: day %d, %d months", (int)d, (int)n);
        }
        for (btx_date d = BTX_DATE_MIN; d + 7840 <= BTX_DATE_MAX; d += 37 * step) {
            const btx_date far = btx__add_months(d, 256);
            ck_assert_int_eq(btx__months_start_cached(slots, d, n), btx__months_start_u(d, n));
            ck_assert_int_eq(btx__months_start_cached(slots, far, n),
                             btx__months_start_u(far, n));
            ck_assert_int_eq(btx__months_start_cached(slots, d, n), btx__months_start_u(d, n));
        }
    }
}
END_TEST

START_TEST(typed_examples)
{
    /* 31 January + 1 month: the last day of February (leap and common years). */
    ck_assert_int_eq(btx__add_months_u(ymd(2024, 1, 31), 1), ymd(2024, 2, 29));
    ck_assert_int_eq(btx__add_months_u(ymd(2025, 1, 31), 1), ymd(2025, 2, 28));
    ck_assert_int_eq(btx__add_months_u(ymd(2025, 3, 31), -1), ymd(2025, 2, 28));
    ck_assert_int_eq(btx__add_months_u(ymd(2099, 12, 15), 3), ymd(2100, 3, 15));
    /* 3-month windows holding d: [S, S + 3 months). For 15 May the window starts on 16
     * February (16 February + 3 months = 16 May > 15 May, 15 February + 3 months = 15 May
     * does not hold it). */
    ck_assert_int_eq(btx__months_start_u(ymd(2025, 5, 15), 3), ymd(2025, 2, 16));
    /* 30 May: 31 February does not exist; the window starts on 1 March. */
    ck_assert_int_eq(btx__months_start_u(ymd(2025, 5, 30), 3), ymd(2025, 3, 1));
    /* The last day of a month: the first of the month after, L months back. */
    ck_assert_int_eq(btx__months_start_u(ymd(2025, 3, 31), 3), ymd(2025, 1, 1));
    ck_assert_int_eq(btx__months_start_u(ymd(2024, 2, 29), 1), ymd(2024, 2, 1));
    /* The first supported day: a start before it. */
    ck_assert_int_eq(btx__months_start_u(BTX_DATE_MIN, 3), ymd(1900, 1, 1) - 91);
    /* The same through the cache, in one cache. */
    btx__month_slot slots[BTX__MONTH_SLOTS];
    memset(slots, 0, sizeof slots);
    ck_assert_int_eq(btx__months_start_cached(slots, ymd(2025, 5, 15), 3), ymd(2025, 2, 16));
    ck_assert_int_eq(btx__months_start_cached(slots, ymd(2025, 5, 30), 3), ymd(2025, 3, 1));
    ck_assert_int_eq(btx__months_start_cached(slots, ymd(2025, 5, 31), 3), ymd(2025, 3, 1));
    ck_assert_int_eq(btx__months_start_cached(slots, ymd(2025, 3, 31), 3), ymd(2025, 1, 1));
    ck_assert_int_eq(btx__months_start_cached(slots, ymd(2025, 3, 30), 3), ymd(2024, 12, 31));
}
END_TEST

Suite *coverage_calendar_suite(void);
Suite *coverage_calendar_suite(void)
{
    Suite *s = suite_create("coverage_calendar");
    TCase *tc = tcase_create("calendar");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, civil_dates_on_every_day);
    tcase_add_test(tc, month_arithmetic_on_every_day);
    tcase_add_test(tc, cached_window_start);
    tcase_add_test(tc, typed_examples);
    suite_add_tcase(s, tc);
    return s;
}
