/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The calendar of date.c for the audit's inner loop: inline, unsigned, without calls.
 * Internal, never installed.
 *
 * For a day count from BTX_DATE_MIN (1900-01-01) on, and month counts that keep the
 * year at 1600 or later, every intermediate value is non-negative, so the unsigned
 * arithmetic here is exact and its results are date.c's: tests/check_coverage_calendar.c
 * compares them on every valid date. The algorithms are date.c's (days from and to a
 * proleptic Gregorian date in eras of 400 years).
 */
#ifndef BTXDOSE_CALENDAR_H
#define BTXDOSE_CALENDAR_H

#include <stdint.h>

#include "btxdose/date.h"

/* A civil date: year, month 1-12, day 1-31. */
typedef struct btx__civil {
    uint32_t y, m, d;
} btx__civil;

/* btx__civil_from_days, for days >= BTX_DATE_MIN. */
static inline btx__civil btx__civil_u(btx_date days)
{
    const uint32_t z = (uint32_t)(days + 719468);
    const uint32_t era = z / 146097u;
    const uint32_t doe = z - era * 146097u;
    const uint32_t yoe = (doe - doe / 1460u + doe / 36524u - doe / 146096u) / 365u;
    const uint32_t doy = doe - (365u * yoe + yoe / 4u - yoe / 100u);
    const uint32_t mp = (5u * doy + 2u) / 153u;
    btx__civil c;
    c.d = doy - (153u * mp + 2u) / 5u + 1u;
    c.m = mp < 10u ? mp + 3u : mp - 9u;
    c.y = yoe + era * 400u + (c.m <= 2u);
    return c;
}

/* btx__days_in_month. */
static inline uint32_t btx__days_in_month_u(uint32_t y, uint32_t m)
{
    static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const uint32_t leap = (y % 4u == 0 && y % 100u != 0) || y % 400u == 0;
    return days[m - 1u] + (m == 2u ? leap : 0u);
}

/* btx__days_from_civil(y, m, 1), for years from 1600 on. */
static inline btx_date btx__first_of_month_u(uint32_t y, uint32_t m)
{
    y -= m <= 2u;
    const uint32_t era = y / 400u;
    const uint32_t yoe = y - era * 400u;
    const uint32_t doy = (153u * (m > 2u ? m - 3u : m + 9u) + 2u) / 5u;
    const uint32_t doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
    return (btx_date)(era * 146097u + doe) - 719468;
}

/* btx__add_months(d, n): the same day n months on (n may be negative), the last day of
 * the month when that day does not exist. */
static inline btx_date btx__add_months_u(btx_date d, int32_t n)
{
    const btx__civil c = btx__civil_u(d);
    const uint32_t idx = c.y * 12u + (c.m - 1u) + (uint32_t)n; /* wraps back for n < 0 */
    const uint32_t ny = idx / 12u, nm = idx % 12u + 1u;
    const uint32_t dim = btx__days_in_month_u(ny, nm);
    return btx__first_of_month_u(ny, nm) + (btx_date)((c.d < dim ? c.d : dim) - 1u);
}

/* btx__first_start_covering(d, months, BTX_MONTHS): the smallest S whose window
 * [S, S + months) still holds d. That is the day after d, `months` months back, or the
 * first of the next month when that day does not exist or d is the last day of its
 * month. */
static inline btx_date btx__months_start_u(btx_date d, int32_t months)
{
    const btx__civil c = btx__civil_u(d);
    const uint32_t idx = c.y * 12u + (c.m - 1u) - (uint32_t)months;
    const uint32_t sy = idx / 12u, sm = idx % 12u + 1u;
    const uint32_t dim_s = btx__days_in_month_u(sy, sm);
    const btx_date first = btx__first_of_month_u(sy, sm);
    if (c.d < btx__days_in_month_u(c.y, c.m) && c.d + 1u <= dim_s)
        return first + (btx_date)c.d;
    return first + (btx_date)dim_s;
}

/* btx__months_start_u through a cache for many dates and one month count: the start
 * depends only on the month of d and the day in it, so a slot holds, for one month, its
 * first day and length and those of the month `months` before. A slot is chosen by an
 * estimate of the month (days since 1900 / 30.44, right except a day or two around a
 * month's end) and is valid for the days of the month it holds: a miss (an empty slot,
 * another month) computes the month and refills the slot, so the answer is
 * btx__months_start_u's either way. 256 slots cover 21 years without two months sharing
 * a slot. Empty slots have dim 0. */
#define BTX__MONTH_SLOTS 256

typedef struct btx__month_slot {
    btx_date first;   /* first day of the month held */
    btx_date first_s; /* first day of the month `months` before it */
    uint8_t dim;      /* days in the month held; 0: empty */
    uint8_t dim_s;    /* days in the month `months` before */
} btx__month_slot;

static inline btx_date btx__months_start_cached(btx__month_slot *slots, btx_date d,
                                                int32_t months)
{
    const uint32_t since = (uint32_t)d - (uint32_t)BTX_DATE_MIN; /* < 2^17 */
    btx__month_slot *e = &slots[(since * 4800u / 146097u) % BTX__MONTH_SLOTS];
    uint32_t day = (uint32_t)d - (uint32_t)e->first + 1u; /* 1-based day in the month */
    if (day - 1u >= e->dim) {
        const btx__civil c = btx__civil_u(d);
        const uint32_t idx = c.y * 12u + (c.m - 1u) - (uint32_t)months;
        const uint32_t sy = idx / 12u, sm = idx % 12u + 1u;
        e->first = d - (btx_date)(c.d - 1u);
        e->dim = (uint8_t)btx__days_in_month_u(c.y, c.m);
        e->first_s = btx__first_of_month_u(sy, sm);
        e->dim_s = (uint8_t)btx__days_in_month_u(sy, sm);
        day = c.d;
    }
    /* btx__months_start_u: the same day in the earlier month when d is not its month's
     * last day and that day exists there; else the first of the month after it. */
    const uint32_t off = day < e->dim ? (day < e->dim_s ? day : e->dim_s) : e->dim_s;
    return e->first_s + (btx_date)off;
}

#endif
