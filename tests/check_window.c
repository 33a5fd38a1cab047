/* SPDX-License-Identifier: Apache-2.0 */
/* Cumulative-dose accounting: records, validation, units, windows and headroom.
 * Worked examples typed from design.md section 4 and label-facts.md Part A. */
#include <check.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "check_util.h"

#define BOTOX BTX_PRODUCT_BOTOX
#define COSMETIC BTX_PRODUCT_BOTOX_COSMETIC
#define CM BTX_INDICATION_CHRONIC_MIGRAINE
#define GL BTX_INDICATION_GLABELLAR_LINES
#define ONA BTX_SUBSTANCE_ONABOTULINUMTOXINA

static double headroom(const btx_patient *p, const btx_policy *pol, const btx_administration *h,
                       size_t n, int32_t product, int32_t ind, btx_date d)
{
    double u = -1;
    ck_assert_int_eq(btx_headroom(p, pol, h, n, product, ind, d, &u), BTX_OK);
    return u;
}

static btx_policy policy_days(int32_t len, int32_t unit)
{
    btx_policy p;
    memset(&p, 0, sizeof p);
    p.struct_size = sizeof p;
    p.window_length = len;
    p.window_unit = unit;
    return p;
}

START_TEST(layouts_pinned)
{
    ck_assert_uint_eq(sizeof(btx_administration), 24);
    ck_assert_uint_eq(offsetof(btx_administration, date), 0);
    ck_assert_uint_eq(offsetof(btx_administration, product), 4);
    ck_assert_uint_eq(offsetof(btx_administration, indication), 8);
    ck_assert_uint_eq(offsetof(btx_administration, flags), 12);
    ck_assert_uint_eq(offsetof(btx_administration, units), 16);
    ck_assert_uint_eq(sizeof(btx_patient), 24);
    ck_assert_uint_eq(offsetof(btx_patient, struct_size), 0);
    ck_assert_uint_eq(offsetof(btx_patient, weight_kg), 8);
    ck_assert_uint_eq(offsetof(btx_patient, birth_date), 16);
    ck_assert_uint_eq(offsetof(btx_patient, weight_date), 20);
    ck_assert_uint_eq(sizeof(btx_policy), 40);
    ck_assert_uint_eq(offsetof(btx_policy, window_length), 8);
    ck_assert_uint_eq(offsetof(btx_policy, window_unit), 12);
    ck_assert_uint_eq(offsetof(btx_policy, min_spacing_days), 16);
    ck_assert_uint_eq(offsetof(btx_policy, weight_max_age_days), 20);
    ck_assert_uint_eq(offsetof(btx_policy, warn_fraction), 24);
    ck_assert_uint_eq(offsetof(btx_policy, history_complete), 32);
    ck_assert_uint_eq(offsetof(btx_policy, reserved), 36);
    ck_assert_uint_eq(btx_sizeof_administration(), 24);
    ck_assert_uint_eq(btx_sizeof_patient(), sizeof(btx_patient));
    ck_assert_uint_eq(btx_sizeof_policy(), sizeof(btx_policy));
}
END_TEST

START_TEST(validate_names_first_bad_record)
{
    const btx_date d = ymd(2025, 1, 1);
    btx_administration h[6] = {rec(d, BOTOX, CM, 155), rec(d, BOTOX, 0, 10),
                               rec(d, COSMETIC, GL, 20), rec(d, BOTOX, CM, 1),
                               rec(d, BOTOX, CM, 1), rec(d, BOTOX, CM, 1)};
    size_t bad = 99;
    ck_assert_int_eq(btx_validate_history(h, 6, &bad), BTX_OK);
    ck_assert_uint_eq(bad, 0);
    struct {
        btx_administration r;
        int rc;
    } cases[] = {
        {rec(d, 0, CM, 1), BTX_EINVAL},
        {rec(d, 9, CM, 1), BTX_EINVAL},
        {rec(d, BOTOX, 18, 1), BTX_EINVAL},
        {rec(d, BOTOX, -1, 1), BTX_EINVAL},
        {rec(BTX_DATE_MAX + 1, BOTOX, CM, 1), BTX_ERANGE},
        {rec(BTX_DATE_MIN - 1, BOTOX, CM, 1), BTX_ERANGE},
        {rec(BTX_DATE_UNKNOWN, BOTOX, CM, 1), BTX_ERANGE},
        {rec(d, BOTOX, CM, NAN), BTX_ERANGE},
        {rec(d, BOTOX, CM, INFINITY), BTX_ERANGE},
        {rec(d, BOTOX, CM, -0.001), BTX_ERANGE},
        {rec(d, BOTOX, CM, 100000.001), BTX_ERANGE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        btx_administration bad_h[6];
        memcpy(bad_h, h, sizeof h);
        bad_h[4] = cases[i].r;
        bad_h[5] = cases[i].r; /* the first bad one is named */
        ck_assert_int_eq(btx_validate_history(bad_h, 6, &bad), cases[i].rc);
        ck_assert_uint_eq(bad, 4);
        /* every entry point refuses the same history */
        double u;
        ck_assert_int_eq(btx_window_total(bad_h, 6, ONA, d, 3, BTX_MONTHS, &u), cases[i].rc);
        ck_assert_int_eq(btx_headroom(NULL, NULL, bad_h, 6, BOTOX, CM, d, &u), cases[i].rc);
    }
    btx_administration flagged = rec(d, BOTOX, CM, 1);
    flagged.flags = 1;
    ck_assert_int_eq(btx_validate_history(&flagged, 1, &bad), BTX_EINVAL);
    ck_assert_int_eq(btx_validate_history(NULL, 1, &bad), BTX_EINVAL);
    ck_assert_int_eq(btx_validate_history(NULL, 0, &bad), BTX_OK);
    ck_assert_int_eq(btx_validate_history(h, 6, NULL), BTX_OK);
    /* 0 U and exactly 100000 U are valid */
    btx_administration edge[2] = {rec(d, BOTOX, CM, 0.0), rec(d, BOTOX, CM, 100000.0)};
    ck_assert_int_eq(btx_validate_history(edge, 2, &bad), BTX_OK);
}
END_TEST

START_TEST(migraine_and_cosmetic_share_one_window)
{
    /* 155 U chronic migraine on day 0 and day 84, 100 U cosmetic on day 30: 410 U. */
    const btx_date d0 = ymd(2025, 1, 6);
    btx_administration h[3] = {rec(d0, BOTOX, CM, 155), rec(d0 + 84, BOTOX, CM, 155),
                               rec(d0 + 30, COSMETIC, GL, 100)};
    double u;
    ck_assert_int_eq(btx_window_total(h, 3, ONA, d0, 3, BTX_MONTHS, &u), BTX_OK);
    ck_assert_double_eq(u, 410.0);
    ck_assert_double_eq(headroom(NULL, NULL, h, 3, BOTOX, CM, d0 + 84), 0.0);
    ck_assert_double_eq(headroom(NULL, NULL, h, 2, BOTOX, CM, d0 + 84), 90.0);
    /* other substances never count */
    ck_assert_int_eq(btx_window_total(h, 3, BTX_SUBSTANCE_ABOBOTULINUMTOXINA, d0, 3, BTX_MONTHS, &u),
                     BTX_OK);
    ck_assert_double_eq(u, 0.0);
}
END_TEST

START_TEST(exactly_400_passes_400_001_does_not)
{
    const btx_date d = ymd(2025, 5, 5);
    btx_administration h[1] = {rec(d - 10, BOTOX, CM, 245)};
    ck_assert_double_eq(headroom(NULL, NULL, h, 1, COSMETIC, GL, d), 155.0);
    h[0].units = 400.0;
    ck_assert_double_eq(headroom(NULL, NULL, h, 1, BOTOX, CM, d), 0.0);
    h[0].units = 399.999;
    ck_assert_double_eq(headroom(NULL, NULL, h, 1, BOTOX, CM, d), 0.001);
    h[0].units = 400.001;
    ck_assert_double_eq(headroom(NULL, NULL, h, 1, BOTOX, CM, d), 0.0);
}
END_TEST

START_TEST(four_thousand_tenths_are_exactly_400)
{
    static btx_administration h[4001];
    const btx_date d = ymd(2025, 3, 1);
    for (int i = 0; i < 4000; i++)
        h[i] = rec(d + i % 60, i % 2 ? BOTOX : COSMETIC, i % 2 ? CM : GL, 0.1);
    double u;
    ck_assert_int_eq(btx_window_total(h, 4000, ONA, d, 3, BTX_MONTHS, &u), BTX_OK);
    ck_assert_double_eq(u, 400.0);
    ck_assert_double_eq(headroom(NULL, NULL, h, 4000, BOTOX, CM, d + 30), 0.0);
    h[4000] = rec(d + 59, BOTOX, CM, 0.001);
    ck_assert_int_eq(btx_window_total(h, 4001, ONA, d, 3, BTX_MONTHS, &u), BTX_OK);
    ck_assert_double_eq(u, 400.001);
    /* a double sum of 4000 x 0.1 is not 400; the library's is */
    double naive = 0;
    for (int i = 0; i < 4000; i++)
        naive += 0.1;
    ck_assert(naive != 400.0);
}
END_TEST

START_TEST(half_milli_units_round_away_from_zero)
{
    const btx_date d = ymd(2025, 5, 5);
    /* 1.0005 U is stored as a double just below 1.0005; it must still count as 1.001. */
    btx_administration h[3] = {rec(d, BOTOX, CM, 1.0005), rec(d, BOTOX, CM, 0.0004999),
                               rec(d, BOTOX, CM, 2.0015)};
    double u;
    ck_assert_int_eq(btx_window_total(h, 1, ONA, d, 1, BTX_DAYS, &u), BTX_OK);
    ck_assert_double_eq(u, 1.001);
    ck_assert_int_eq(btx_window_total(h + 1, 1, ONA, d, 1, BTX_DAYS, &u), BTX_OK);
    ck_assert_double_eq(u, 0.0);
    ck_assert_int_eq(btx_window_total(h + 2, 1, ONA, d, 1, BTX_DAYS, &u), BTX_OK);
    ck_assert_double_eq(u, 2.002);
    ck_assert_int_eq(btx_window_total(h, 3, ONA, d, 1, BTX_DAYS, &u), BTX_OK);
    ck_assert_double_eq(u, 3.003);
}
END_TEST

START_TEST(month_end_windows)
{
    /* [2025-11-30, +3 months) ends before 2026-02-28: the two doses never share a window. */
    btx_administration h[2] = {rec(ymd(2025, 11, 30), BOTOX, CM, 300),
                               rec(ymd(2026, 2, 28), BOTOX, CM, 300)};
    double u;
    ck_assert_int_eq(btx_window_total(h, 2, ONA, ymd(2025, 11, 30), 3, BTX_MONTHS, &u), BTX_OK);
    ck_assert_double_eq(u, 300.0);
    ck_assert_double_eq(headroom(NULL, NULL, h, 1, BOTOX, CM, ymd(2026, 2, 28)), 400.0);
    ck_assert_double_eq(headroom(NULL, NULL, h, 1, BOTOX, CM, ymd(2026, 2, 27)), 100.0);
    /* leap year: 2023-11-30 + 3 months = 2024-02-29 (clamped) */
    btx_administration l[1] = {rec(ymd(2023, 11, 30), BOTOX, CM, 300)};
    ck_assert_double_eq(headroom(NULL, NULL, l, 1, BOTOX, CM, ymd(2024, 2, 28)), 100.0);
    ck_assert_double_eq(headroom(NULL, NULL, l, 1, BOTOX, CM, ymd(2024, 2, 29)), 400.0);
    l[0].date = ymd(2023, 12, 1);
    ck_assert_double_eq(headroom(NULL, NULL, l, 1, BOTOX, CM, ymd(2024, 2, 29)), 100.0);
    ck_assert_double_eq(headroom(NULL, NULL, l, 1, BOTOX, CM, ymd(2024, 3, 1)), 400.0);
    /* a dose on 2024-02-29 shares windows with 2024-05-28 but not 2024-05-29 */
    l[0].date = ymd(2024, 2, 29);
    ck_assert_double_eq(headroom(NULL, NULL, l, 1, BOTOX, CM, ymd(2024, 5, 28)), 100.0);
    ck_assert_double_eq(headroom(NULL, NULL, l, 1, BOTOX, CM, ymd(2024, 5, 29)), 400.0);
}
END_TEST

START_TEST(planned_dose_reduces_todays_headroom)
{
    const btx_date today = ymd(2025, 6, 1);
    btx_administration h[2] = {rec(today + 60, BOTOX, CM, 155), rec(today - 20, COSMETIC, GL, 20)};
    ck_assert_double_eq(headroom(NULL, NULL, h + 1, 1, BOTOX, CM, today), 380.0);
    ck_assert_double_eq(headroom(NULL, NULL, h, 2, BOTOX, CM, today), 225.0);
    /* the cosmetic dose (05-12) and a planned one share a window only before 08-12 */
    h[0].date = ymd(2025, 8, 11);
    ck_assert_double_eq(headroom(NULL, NULL, h, 2, BOTOX, CM, today), 225.0);
    h[0].date = ymd(2025, 8, 12);
    ck_assert_double_eq(headroom(NULL, NULL, h, 2, BOTOX, CM, today), 245.0);
    /* 08-31 still shares the window [06-01, 09-01) with today; 09-01 does not */
    h[0].date = ymd(2025, 8, 31);
    ck_assert_double_eq(headroom(NULL, NULL, h, 2, BOTOX, CM, today), 245.0);
    h[0].date = ymd(2025, 9, 1);
    ck_assert_double_eq(headroom(NULL, NULL, h, 2, BOTOX, CM, today), 380.0);
}
END_TEST

START_TEST(other_substances_change_nothing)
{
    const btx_date d = ymd(2025, 6, 1);
    btx_administration h[3] = {rec(d - 10, BOTOX, CM, 155), rec(d - 5, BTX_PRODUCT_DYSPORT,
                                                               BTX_INDICATION_CERVICAL_DYSTONIA, 500),
                               rec(d, BTX_PRODUCT_XEOMIN, BTX_INDICATION_CERVICAL_DYSTONIA, 120)};
    ck_assert_double_eq(headroom(NULL, NULL, h, 1, BOTOX, CM, d), 245.0);
    ck_assert_double_eq(headroom(NULL, NULL, h, 3, BOTOX, CM, d), 245.0);
    /* no window rule for Dysport: unlimited */
    ck_assert(isinf(headroom(NULL, NULL, h, 3, BTX_PRODUCT_DYSPORT, BTX_INDICATION_CERVICAL_DYSTONIA, d)));
}
END_TEST

START_TEST(pediatric_limits_by_weight)
{
    const btx_date d = ymd(2025, 6, 1);
    btx_patient p = {sizeof(btx_patient), 20.0, ymd(2015, 1, 1), ymd(2025, 5, 1)};
    ck_assert_double_eq(headroom(&p, NULL, NULL, 0, BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, d), 200.0);
    p.weight_kg = 40.0;
    ck_assert_double_eq(headroom(&p, NULL, NULL, 0, BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, d), 340.0);
    p.weight_kg = 23.45; /* 234.5 U, rounded down to 0.001 U */
    ck_assert_double_eq(headroom(&p, NULL, NULL, 0, BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, d), 234.5);
    p.weight_kg = 0.0;
    double u;
    ck_assert_int_eq(btx_headroom(&p, NULL, NULL, 0, BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, d, &u),
                     BTX_EWEIGHT);
    /* a stale weight under weight_max_age_days does not count */
    btx_policy pol = policy_days(0, 0);
    pol.weight_max_age_days = 30;
    p.weight_kg = 20.0;
    p.weight_date = d - 31;
    ck_assert_int_eq(btx_headroom(&p, &pol, NULL, 0, BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, d, &u),
                     BTX_EWEIGHT);
    p.weight_date = d - 30;
    ck_assert_double_eq(headroom(&p, &pol, NULL, 0, BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, d), 200.0);
    /* a weight measured after the date says nothing about it (since 1.2) */
    p.weight_date = d + 1;
    ck_assert_int_eq(btx_headroom(&p, &pol, NULL, 0, BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, d, &u),
                     BTX_EWEIGHT);
    ck_assert_int_eq(btx_headroom(&p, NULL, NULL, 0, BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, d, &u),
                     BTX_EWEIGHT);
    ck_assert_double_eq(headroom(&p, NULL, NULL, 0, BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, d + 1), 200.0);
    p.weight_date = BTX_DATE_UNKNOWN;
    ck_assert_int_eq(btx_headroom(&p, &pol, NULL, 0, BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, d, &u),
                     BTX_EWEIGHT);
    /* history counts against the pediatric limit too */
    btx_administration h[1] = {rec(d - 30, BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, 150)};
    p.weight_date = d;
    ck_assert_double_eq(headroom(&p, NULL, h, 1, BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, d), 50.0);
}
END_TEST

START_TEST(eighteenth_birthday_switches_rules)
{
    /* The weight's date unknown: it counts on every date (a dated weight counts only
     * from the day it was measured). */
    btx_patient p = {sizeof(btx_patient), 20.0, ymd(2007, 6, 15), BTX_DATE_UNKNOWN};
    ck_assert_double_eq(headroom(&p, NULL, NULL, 0, BOTOX, CM, ymd(2025, 6, 14)), 200.0);
    ck_assert_double_eq(headroom(&p, NULL, NULL, 0, BOTOX, CM, ymd(2025, 6, 15)), 400.0);
    /* 29 February birthday: 18 on 28 February in a common year */
    p.birth_date = ymd(2008, 2, 29);
    ck_assert_double_eq(headroom(&p, NULL, NULL, 0, BOTOX, CM, ymd(2026, 2, 27)), 200.0);
    ck_assert_double_eq(headroom(&p, NULL, NULL, 0, BOTOX, CM, ymd(2026, 2, 28)), 400.0);
    p.birth_date = ymd(2004, 2, 29);
    ck_assert_double_eq(headroom(&p, NULL, NULL, 0, BOTOX, CM, ymd(2022, 2, 27)), 200.0);
    ck_assert_double_eq(headroom(&p, NULL, NULL, 0, BOTOX, CM, ymd(2022, 2, 28)), 400.0);
    p.birth_date = ymd(2006, 2, 28);
    ck_assert_double_eq(headroom(&p, NULL, NULL, 0, BOTOX, CM, ymd(2024, 2, 27)), 200.0);
    ck_assert_double_eq(headroom(&p, NULL, NULL, 0, BOTOX, CM, ymd(2024, 2, 28)), 400.0);
    /* without weight the child gets BTX_EWEIGHT, the adult does not */
    p.weight_kg = 0;
    double u;
    ck_assert_int_eq(btx_headroom(&p, NULL, NULL, 0, BOTOX, CM, ymd(2024, 2, 27), &u), BTX_EWEIGHT);
    ck_assert_int_eq(btx_headroom(&p, NULL, NULL, 0, BOTOX, CM, ymd(2024, 2, 28), &u), BTX_OK);
}
END_TEST

START_TEST(policy_90_days_vs_three_months)
{
    btx_administration h[1] = {rec(ymd(2024, 1, 1), BOTOX, CM, 300)};
    const btx_date d = ymd(2024, 3, 31);
    ck_assert_double_eq(headroom(NULL, NULL, h, 1, BOTOX, CM, d), 100.0);
    btx_policy p90 = policy_days(90, BTX_DAYS);
    ck_assert_double_eq(headroom(NULL, &p90, h, 1, BOTOX, CM, d), 400.0);
    ck_assert_double_eq(headroom(NULL, &p90, h, 1, BOTOX, CM, d - 1), 100.0);
    btx_policy p12w = policy_days(12, BTX_WEEKS);
    ck_assert_double_eq(headroom(NULL, &p12w, h, 1, BOTOX, CM, ymd(2024, 1, 1) + 83), 100.0);
    ck_assert_double_eq(headroom(NULL, &p12w, h, 1, BOTOX, CM, ymd(2024, 1, 1) + 84), 400.0);
    /* the blepharospasm 30 days are not replaced by the policy */
    btx_administration b[1] = {rec(ymd(2024, 1, 1), BOTOX, BTX_INDICATION_BLEPHAROSPASM, 150)};
    btx_policy p10 = policy_days(10, BTX_DAYS);
    ck_assert_double_eq(headroom(NULL, &p10, b, 1, BOTOX, BTX_INDICATION_BLEPHAROSPASM, ymd(2024, 1, 25)), 50.0);
    ck_assert_double_eq(headroom(NULL, &p10, b, 1, BOTOX, BTX_INDICATION_BLEPHAROSPASM, ymd(2024, 1, 31)), 200.0);
}
END_TEST

START_TEST(blepharospasm_window_counts_its_own_records)
{
    const btx_date d = ymd(2025, 4, 10);
    btx_administration h[3] = {rec(d - 29, BOTOX, BTX_INDICATION_BLEPHAROSPASM, 120),
                               rec(d - 10, BOTOX, CM, 155), rec(d - 40, BOTOX, BTX_INDICATION_BLEPHAROSPASM, 60)};
    /* blepharospasm: min(200 - 120, 400 - 335) = 65 */
    ck_assert_double_eq(headroom(NULL, NULL, h, 3, BOTOX, BTX_INDICATION_BLEPHAROSPASM, d), 65.0);
    /* other indications: only the 400 U rule */
    ck_assert_double_eq(headroom(NULL, NULL, h, 3, BOTOX, CM, d), 65.0);
    ck_assert_double_eq(headroom(NULL, NULL, h, 2, BOTOX, CM, d), 125.0);
    ck_assert_double_eq(headroom(NULL, NULL, h, 2, BOTOX, BTX_INDICATION_BLEPHAROSPASM, d), 80.0);
    ck_assert_double_eq(headroom(NULL, NULL, h, 2, BOTOX, BTX_INDICATION_BLEPHAROSPASM, d + 1), 125.0);
}
END_TEST

START_TEST(headroom_never_negative_and_order_free)
{
    const btx_date d = ymd(2025, 7, 1);
    btx_administration h[4] = {rec(d - 5, BOTOX, CM, 300), rec(d + 5, BOTOX, CM, 300),
                               rec(d - 80, COSMETIC, GL, 20), rec(d + 40, BOTOX, 0, 7)};
    ck_assert_double_eq(headroom(NULL, NULL, h, 4, BOTOX, CM, d), 0.0);
    btx_administration r[4] = {h[3], h[1], h[0], h[2]};
    ck_assert_double_eq(headroom(NULL, NULL, r, 4, BOTOX, CM, d), 0.0);
    double a, b;
    ck_assert_int_eq(btx_headroom(NULL, NULL, h, 2, BOTOX, CM, d - 200, &a), BTX_OK);
    ck_assert_int_eq(btx_headroom(NULL, NULL, r + 1, 2, BOTOX, CM, d - 200, &b), BTX_OK);
    ck_assert_double_eq(a, 400.0);
    ck_assert_double_eq(a, b);
}
END_TEST

START_TEST(many_dates_in_one_window)
{
    /* More distinct dates than the stack buffer holds: a long policy window over a
     * daily history must give the same answer as the exact sum. */
    static btx_administration h[700];
    const btx_date d0 = ymd(2024, 1, 1);
    for (int i = 0; i < 700; i++)
        h[i] = rec(d0 + i, BOTOX, CM, 0.5);
    btx_policy p = policy_days(600, BTX_DAYS);
    /* every window containing d0 + 650 holds 600 daily doses at most: 300 U */
    double u = headroom(NULL, &p, h, 700, BOTOX, CM, d0 + 650);
    ck_assert_double_eq(u, 100.0);
    double t;
    ck_assert_int_eq(btx_window_total(h, 700, ONA, d0 + 51, 600, BTX_DAYS, &t), BTX_OK);
    ck_assert_double_eq(t, 300.0);
}
END_TEST

START_TEST(argument_errors)
{
    const btx_date d = ymd(2025, 1, 1);
    btx_administration h[1] = {rec(d, BOTOX, CM, 1)};
    double u;
    ck_assert_int_eq(btx_window_total(h, 1, ONA, d, 3, BTX_MONTHS, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_window_total(NULL, 1, ONA, d, 3, BTX_MONTHS, &u), BTX_EINVAL);
    ck_assert_int_eq(btx_window_total(NULL, 0, ONA, d, 3, BTX_MONTHS, &u), BTX_OK);
    ck_assert_double_eq(u, 0.0);
    ck_assert_int_eq(btx_window_total(h, 1, 0, d, 3, BTX_MONTHS, &u), BTX_EINVAL);
    ck_assert_int_eq(btx_window_total(h, 1, 8, d, 3, BTX_MONTHS, &u), BTX_EINVAL);
    ck_assert_int_eq(btx_window_total(h, 1, ONA, d, 0, BTX_MONTHS, &u), BTX_EINVAL);
    ck_assert_int_eq(btx_window_total(h, 1, ONA, d, 3, 4, &u), BTX_EINVAL);
    ck_assert_int_eq(btx_window_total(h, 1, ONA, BTX_DATE_MAX + 1, 3, BTX_MONTHS, &u), BTX_ERANGE);
    ck_assert_int_eq(btx_window_total(h, 1, ONA, d, 200000, BTX_DAYS, &u), BTX_ERANGE);
    ck_assert_int_eq(btx_headroom(NULL, NULL, h, 1, BOTOX, CM, d, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_headroom(NULL, NULL, NULL, 1, BOTOX, CM, d, &u), BTX_EINVAL);
    ck_assert_int_eq(btx_headroom(NULL, NULL, h, 1, 0, CM, d, &u), BTX_EINVAL);
    ck_assert_int_eq(btx_headroom(NULL, NULL, h, 1, BOTOX, 99, d, &u), BTX_EINVAL);
    ck_assert_int_eq(btx_headroom(NULL, NULL, h, 1, BOTOX, CM, BTX_DATE_MIN - 1, &u), BTX_ERANGE);
    /* patient and policy struct_size rules */
    struct {
        btx_patient p;
        char tail[8];
    } big = {{sizeof big, 0, BTX_DATE_UNKNOWN, BTX_DATE_UNKNOWN}, {0}};
    ck_assert_int_eq(btx_headroom(&big.p, NULL, h, 1, BOTOX, CM, d, &u), BTX_OK);
    big.tail[7] = 1;
    ck_assert_int_eq(btx_headroom(&big.p, NULL, h, 1, BOTOX, CM, d, &u), BTX_EVERSION);
    btx_patient small = {sizeof(btx_patient) - 4, 0, BTX_DATE_UNKNOWN, BTX_DATE_UNKNOWN};
    ck_assert_int_eq(btx_headroom(&small, NULL, h, 1, BOTOX, CM, d, &u), BTX_EVERSION);
    btx_patient badw = {sizeof(btx_patient), NAN, BTX_DATE_UNKNOWN, BTX_DATE_UNKNOWN};
    ck_assert_int_eq(btx_headroom(&badw, NULL, h, 1, BOTOX, CM, d, &u), BTX_ERANGE);
    badw.weight_kg = -1;
    ck_assert_int_eq(btx_headroom(&badw, NULL, h, 1, BOTOX, CM, d, &u), BTX_ERANGE);
    badw.weight_kg = 20;
    badw.birth_date = BTX_DATE_MAX + 5;
    ck_assert_int_eq(btx_headroom(&badw, NULL, h, 1, BOTOX, CM, d, &u), BTX_ERANGE);

    btx_policy pol = policy_days(0, 0);
    pol.struct_size = sizeof pol - 8;
    ck_assert_int_eq(btx_headroom(NULL, &pol, h, 1, BOTOX, CM, d, &u), BTX_EVERSION);
    btx_policy bad[8];
    for (int i = 0; i < 8; i++)
        bad[i] = policy_days(0, 0);
    bad[0].window_length = -1;
    bad[1].window_length = 3;
    bad[1].window_unit = 0;
    bad[2].min_spacing_days = -1;
    bad[3].weight_max_age_days = -1;
    bad[4].warn_fraction = NAN;
    bad[5].warn_fraction = 1.5;
    bad[6].history_complete = 2;
    bad[7].reserved = 1;
    for (int i = 0; i < 8; i++)
        ck_assert_int_eq(btx_headroom(NULL, &bad[i], h, 1, BOTOX, CM, d, &u), BTX_EINVAL);
    btx_policy ok = policy_days(0, 99); /* unit ignored when length is 0 */
    ck_assert_int_eq(btx_headroom(NULL, &ok, h, 1, BOTOX, CM, d, &u), BTX_OK);
}
END_TEST

Suite *window_suite(void);
Suite *window_suite(void)
{
    Suite *s = suite_create("window");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, layouts_pinned);
    tcase_add_test(tc, validate_names_first_bad_record);
    tcase_add_test(tc, migraine_and_cosmetic_share_one_window);
    tcase_add_test(tc, exactly_400_passes_400_001_does_not);
    tcase_add_test(tc, four_thousand_tenths_are_exactly_400);
    tcase_add_test(tc, half_milli_units_round_away_from_zero);
    tcase_add_test(tc, month_end_windows);
    tcase_add_test(tc, planned_dose_reduces_todays_headroom);
    tcase_add_test(tc, other_substances_change_nothing);
    tcase_add_test(tc, pediatric_limits_by_weight);
    tcase_add_test(tc, eighteenth_birthday_switches_rules);
    tcase_add_test(tc, policy_90_days_vs_three_months);
    tcase_add_test(tc, blepharospasm_window_counts_its_own_records);
    tcase_add_test(tc, headroom_never_negative_and_order_free);
    tcase_add_test(tc, many_dates_in_one_window);
    tcase_add_test(tc, argument_errors);
    suite_add_tcase(s, tc);
    return s;
}
