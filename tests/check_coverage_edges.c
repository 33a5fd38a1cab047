/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Coverage (issue 7): lib/ paths that the concept suites do not reach, each named with
 * what it does. Expected values are typed from design.md and the label facts.
 */
#include <check.h>
#include <string.h>

#include <btxdose/btxdose.h>

/* A session cap that fails on the last supported day: no later day exists, so the
 * finding's earliest date is unknown (evaluate.c, cap_earliest past 2199-12-31). */
START_TEST(session_cap_fails_on_the_last_day)
{
    const btx_administration h[] = {
        {BTX_DATE_MAX, BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_GLABELLAR_LINES, 0, 15.0}};
    const btx_administration prop = {BTX_DATE_MAX, BTX_PRODUCT_BOTOX_COSMETIC,
                                     BTX_INDICATION_GLABELLAR_LINES, 0, 10.0};
    btx_finding f[16];
    memset(f, 0, sizeof f);
    f[0].struct_size = sizeof f[0];
    size_t count = 0;
    ck_assert_int_eq(btx_evaluate(NULL, NULL, h, 1, &prop, f, 16, &count), BTX_OK);
    int seen = 0;
    for (size_t i = 0; i < count; i++) {
        if (f[i].rule != BTX_RULE_BOTOX_COSMETIC_GLABELLAR_SESSION)
            continue;
        seen = 1;
        ck_assert_int_eq(f[i].code, BTX_FINDING_SESSION_LIMIT);
        ck_assert_int_eq(f[i].status, BTX_FAIL);
        ck_assert(f[i].limit_units == 20.0);  /* BOTOX Cosmetic glabellar lines: 20 U */
        ck_assert(f[i].total_units == 15.0);
        ck_assert(f[i].remaining_units == -5.0);
        ck_assert_int_eq(f[i].earliest_date, BTX_DATE_UNKNOWN);
    }
    ck_assert(seen);
    /* The same on the day before: the last day is free, so it is the earliest. */
    btx_administration h2 = h[0], p2 = prop;
    h2.date = p2.date = BTX_DATE_MAX - 1;
    ck_assert_int_eq(btx_evaluate(NULL, NULL, &h2, 1, &p2, f, 16, &count), BTX_OK);
    for (size_t i = 0; i < count; i++)
        if (f[i].rule == BTX_RULE_BOTOX_COSMETIC_GLABELLAR_SESSION)
            ck_assert_int_eq(f[i].earliest_date, BTX_DATE_MAX);
}
END_TEST

/* Concentrations of a million units per 0.1 mL and more are returned as computed (no
 * rounding to 1e-9, which a double that large cannot hold; protocol.c, tidy). */
START_TEST(huge_concentration)
{
    double c = 0.0;
    ck_assert_int_eq(btx_reconstitute(100000.0, 0.001, &c), BTX_OK);
    ck_assert(c == 1e7); /* 100000 U in 0.001 mL: 1e7 U per 0.1 mL */
    ck_assert_int_eq(btx_reconstitute(100000.0, 0.01, &c), BTX_OK);
    ck_assert(c == 1e6);
    double ml = 0.0;
    ck_assert_int_eq(btx_dose_volume(100000.0, 0.001, 1000.0, &ml), BTX_OK);
    ck_assert(ml == 1e11); /* 100000 U from a 0.001 U vial in 1000 mL */
}
END_TEST

Suite *coverage_edges_suite(void);
Suite *coverage_edges_suite(void)
{
    Suite *s = suite_create("coverage_edges");
    TCase *tc = tcase_create("edges");
    tcase_add_test(tc, session_cap_fails_on_the_last_day);
    tcase_add_test(tc, huge_concentration);
    suite_add_tcase(s, tc);
    return s;
}
