/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Safe defaults and early errors (libbtxdose 1.2): the header initialisers say "unknown"
 * where a zeroed struct would say 1970-01-01; a birth date after the date checked is
 * BTX_ERANGE naming birth_date; a weight measured after the date checked is not used
 * for it. Expected values are typed from record.h, validate.h and docs/semantics.md.
 */
#include <check.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "check_util.h"

#define BOTOX BTX_PRODUCT_BOTOX
#define CM BTX_INDICATION_CHRONIC_MIGRAINE
#define ULS BTX_INDICATION_UPPER_LIMB_SPASTICITY

static size_t evaluate(const btx_patient *pat, const btx_policy *pol,
                       const btx_administration *h, size_t n, const btx_administration *prop,
                       btx_finding f[32])
{
    memset(f, 0, 32 * sizeof f[0]);
    f[0].struct_size = sizeof f[0];
    size_t count = 0;
    ck_assert_int_eq(btx_evaluate(pat, pol, h, n, prop, f, 32, &count), BTX_OK);
    return count;
}

static int evaluate_rc(const btx_patient *pat, const btx_policy *pol,
                       const btx_administration *h, size_t n, const btx_administration *prop)
{
    btx_finding f[32] = {BTX_FINDING_INIT};
    size_t count = 0;
    return btx_evaluate(pat, pol, h, n, prop, f, 32, &count);
}

static const btx_finding *find_rule(const btx_finding *f, size_t n, int32_t rule)
{
    for (size_t i = 0; i < n; i++)
        if (f[i].rule == rule)
            return &f[i];
    return NULL;
}

/* ---- initialisers ---- */

START_TEST(initialisers_say_unknown)
{
    const btx_patient p = BTX_PATIENT_INIT;
    ck_assert_uint_eq(p.struct_size, sizeof(btx_patient));
    ck_assert_int_eq(p.birth_date, BTX_DATE_UNKNOWN);
    ck_assert_int_eq(p.weight_date, BTX_DATE_UNKNOWN);
    ck_assert(p.weight_kg == 0.0);

    const btx_policy pol = BTX_POLICY_INIT;
    ck_assert_uint_eq(pol.struct_size, sizeof(btx_policy));
    ck_assert_int_eq(pol.window_length, 0);
    ck_assert_int_eq(pol.min_spacing_days, 0);
    ck_assert_int_eq(pol.weight_max_age_days, 0);
    ck_assert(pol.warn_fraction == 0.0);
    ck_assert_int_eq(pol.history_complete, 0);
    ck_assert_int_eq(pol.reserved, 0);

    const btx_finding f = BTX_FINDING_INIT;
    ck_assert_uint_eq(f.struct_size, sizeof(btx_finding));
    ck_assert_int_eq(f.window_start, BTX_DATE_UNKNOWN);
    ck_assert_int_eq(f.window_end, BTX_DATE_UNKNOWN);
    ck_assert_int_eq(f.earliest_date, BTX_DATE_UNKNOWN);

    const btx_protocol proto = BTX_PROTOCOL_INIT;
    ck_assert_uint_eq(proto.struct_size, sizeof(btx_protocol));
    ck_assert_ptr_null(proto.source);
    const btx_region region = BTX_REGION_INIT;
    ck_assert_uint_eq(region.struct_size, sizeof(btx_region));
    ck_assert_ptr_null(region.name);

    /* Every initialised input passes its check; the empty record does not: its date and
     * product must be set. */
    int32_t field = -1;
    ck_assert_int_eq(btx_check_patient(&p, &field), BTX_OK);
    ck_assert_int_eq(btx_check_policy(&pol, &field), BTX_OK);
    const btx_administration a = BTX_ADMINISTRATION_INIT;
    ck_assert_int_eq(btx_check_record(&a, &field), BTX_ERANGE);
    ck_assert_int_eq(field, BTX_FIELD_DATE);
    btx_administration b = BTX_ADMINISTRATION_INIT;
    b.date = ymd(2026, 1, 5);
    ck_assert_int_eq(btx_check_record(&b, &field), BTX_EINVAL);
    ck_assert_int_eq(field, BTX_FIELD_PRODUCT);
    b.product = BOTOX;
    ck_assert_int_eq(btx_check_record(&b, &field), BTX_OK);
    ck_assert_int_eq(btx_check_proposal(&b, &field), BTX_EINVAL);
    ck_assert_int_eq(field, BTX_FIELD_INDICATION);
}
END_TEST

/* The trap of 1.0's advice: a zeroed patient has the birth date 1970-01-01. An
 * initialised one is "nothing known", exactly as NULL. */
START_TEST(initialised_patient_is_unknown_not_1970)
{
    const btx_date d = ymd(2026, 3, 2);
    const btx_administration prop = rec(d, BOTOX, CM, 155);
    btx_finding a[32], b[32];

    btx_patient init = BTX_PATIENT_INIT;
    btx_policy pol = BTX_POLICY_INIT;
    size_t na = evaluate(&init, &pol, NULL, 0, &prop, a);
    size_t nb = evaluate(NULL, NULL, NULL, 0, &prop, b);
    ck_assert_uint_eq(na, nb);
    for (size_t i = 0; i < na; i++) {
        ck_assert_int_eq(a[i].rule, b[i].rule);
        ck_assert_int_eq(a[i].status, b[i].status);
    }
    ck_assert_ptr_nonnull(find_rule(a, na, BTX_RULE_NOTICE_AGE_UNKNOWN));

    btx_patient zeroed;
    memset(&zeroed, 0, sizeof zeroed);
    zeroed.struct_size = sizeof zeroed;
    ck_assert_int_eq(zeroed.birth_date, ymd(1970, 1, 1));
    size_t nz = evaluate(&zeroed, NULL, NULL, 0, &prop, b);
    ck_assert_ptr_null(find_rule(b, nz, BTX_RULE_NOTICE_AGE_UNKNOWN));

    /* The initialised findings array sets the stride the library walks. */
    btx_finding f[4] = {BTX_FINDING_INIT};
    size_t count = 0;
    ck_assert_int_eq(btx_evaluate(&init, &pol, NULL, 0, &prop, f, 4, &count), BTX_OK);
    ck_assert_uint_eq(count, na);

    btx_protocol proto = BTX_PROTOCOL_INIT;
    ck_assert_int_eq(btx_protocol_lookup(BOTOX, CM, BTX_ADULT, &proto), BTX_OK);
    ck_assert(proto.dose_units == 155.0);
    btx_region region = BTX_REGION_INIT;
    ck_assert_int_eq(btx_protocol_region(BOTOX, CM, BTX_ADULT, 0, &region), BTX_OK);
    ck_assert_ptr_nonnull(region.name);
}
END_TEST

/* ---- a birth date after the date checked ---- */

START_TEST(birth_after_date_is_erange)
{
    const btx_date d = ymd(2026, 3, 2);
    const btx_administration prop = rec(d, BOTOX, ULS, 100);
    btx_patient p = BTX_PATIENT_INIT;
    p.weight_kg = 30;
    p.weight_date = d;
    p.birth_date = d + 1;
    btx_date e = 0;
    double u = 0;
    int32_t field = -1;

    ck_assert_int_eq(evaluate_rc(&p, NULL, NULL, 0, &prop), BTX_ERANGE);
    ck_assert_int_eq(btx_earliest_date(&p, NULL, NULL, 0, &prop, &e), BTX_ERANGE);
    ck_assert_int_eq(btx_headroom(&p, NULL, NULL, 0, BOTOX, ULS, d, &u), BTX_ERANGE);
    ck_assert_int_eq(btx_check_patient_on(&p, d, &field), BTX_ERANGE);
    ck_assert_int_eq(field, BTX_FIELD_BIRTH_DATE);
    /* Alone the patient is good: only a question about an earlier date is refused. */
    ck_assert_int_eq(btx_check_patient(&p, &field), BTX_OK);
    ck_assert_int_eq(field, BTX_FIELD_NONE);

    /* Born on the day checked is a newborn, not an error (the label does not cover it). */
    p.birth_date = d;
    ck_assert_int_eq(evaluate_rc(&p, NULL, NULL, 0, &prop), BTX_OK);
    ck_assert_int_eq(btx_headroom(&p, NULL, NULL, 0, BOTOX, ULS, d, &u), BTX_OK);
    ck_assert_int_eq(btx_check_patient_on(&p, d, &field), BTX_OK);
    ck_assert_int_eq(field, BTX_FIELD_NONE);
    /* A later question about the same patient is fine too. */
    p.birth_date = d + 1;
    ck_assert_int_eq(btx_headroom(&p, NULL, NULL, 0, BOTOX, ULS, d + 1, &u), BTX_OK);

    /* NULL and an unknown birth date: nothing to compare. */
    ck_assert_int_eq(btx_check_patient_on(NULL, d, &field), BTX_OK);
    p.birth_date = BTX_DATE_UNKNOWN;
    ck_assert_int_eq(btx_check_patient_on(&p, BTX_DATE_MIN, NULL), BTX_OK);
}
END_TEST

START_TEST(patient_on_order)
{
    const btx_date d = ymd(2026, 3, 2);
    btx_patient p = BTX_PATIENT_INIT;
    p.birth_date = d + 400;
    int32_t field = -1;
    /* The patient checks come first ... */
    p.weight_kg = -1;
    ck_assert_int_eq(btx_check_patient_on(&p, d, &field), BTX_ERANGE);
    ck_assert_int_eq(field, BTX_FIELD_WEIGHT_KG);
    p.weight_kg = 0;
    p.struct_size = 4;
    ck_assert_int_eq(btx_check_patient_on(&p, d, &field), BTX_EVERSION);
    ck_assert_int_eq(field, BTX_FIELD_STRUCT_SIZE);
    p.struct_size = sizeof p;
    /* ... then the date itself ... */
    ck_assert_int_eq(btx_check_patient_on(&p, BTX_DATE_UNKNOWN, &field), BTX_ERANGE);
    ck_assert_int_eq(field, BTX_FIELD_DATE);
    ck_assert_int_eq(btx_check_patient_on(&p, BTX_DATE_MAX + 1, &field), BTX_ERANGE);
    ck_assert_int_eq(field, BTX_FIELD_DATE);
    /* ... then the birth date against it. */
    ck_assert_int_eq(btx_check_patient_on(&p, d, &field), BTX_ERANGE);
    ck_assert_int_eq(field, BTX_FIELD_BIRTH_DATE);

    /* In btx_evaluate: the policy and the proposal before it, the history after it. */
    const btx_administration prop = rec(d, BOTOX, CM, 155);
    btx_policy bad_policy = BTX_POLICY_INIT;
    bad_policy.reserved = 1;
    ck_assert_int_eq(evaluate_rc(&p, &bad_policy, NULL, 0, &prop), BTX_EINVAL);
    btx_administration no_indication = rec(d, BOTOX, 0, 155);
    ck_assert_int_eq(evaluate_rc(&p, NULL, NULL, 0, &no_indication), BTX_EINVAL);
    btx_administration bad_history[1] = {rec(d - 10, 99, CM, 10)};
    ck_assert_int_eq(evaluate_rc(&p, NULL, bad_history, 1, &prop), BTX_ERANGE);
    p.birth_date = d - 400;
    ck_assert_int_eq(evaluate_rc(&p, NULL, bad_history, 1, &prop), BTX_EINVAL);
    /* In btx_headroom: the product before it, the history after it. */
    double u;
    p.birth_date = d + 400;
    ck_assert_int_eq(btx_headroom(&p, NULL, NULL, 0, 99, CM, d, &u), BTX_EINVAL);
    ck_assert_int_eq(btx_headroom(&p, NULL, bad_history, 1, BOTOX, CM, d, &u), BTX_ERANGE);
}
END_TEST

/* ---- a weight measured after the date checked ---- */

START_TEST(weight_after_date_is_not_used)
{
    const btx_date d = ymd(2026, 3, 2);
    const btx_administration prop = rec(d, BOTOX, ULS, 100);
    btx_patient p = BTX_PATIENT_INIT;
    p.birth_date = ymd(2016, 1, 1); /* 10 years old */
    p.weight_kg = 30;
    p.weight_date = d + 1;
    btx_finding f[32];

    size_t n = evaluate(&p, NULL, NULL, 0, &prop, f);
    const btx_finding *w = find_rule(f, n, BTX_RULE_ONA_PEDIATRIC_WINDOW);
    const btx_finding *cap = find_rule(f, n, BTX_RULE_BOTOX_PED_ULS_SESSION);
    ck_assert_ptr_nonnull(w);
    ck_assert_ptr_nonnull(cap);
    ck_assert_int_eq(w->status, BTX_NOT_CHECKED);
    ck_assert_int_eq(w->severity, BTX_CRITICAL);
    ck_assert(w->limit_units == 340.0); /* the absolute part */
    ck_assert_ptr_nonnull(strstr(w->message, "measured after this date"));
    ck_assert_int_eq(cap->status, BTX_NOT_CHECKED);
    ck_assert_ptr_nonnull(strstr(cap->message, "measured after this date"));
    double u = 0;
    ck_assert_int_eq(btx_headroom(&p, NULL, NULL, 0, BOTOX, ULS, d, &u), BTX_EWEIGHT);

    /* Measured on the day: used (10 U/kg x 30 kg = 300 U; 6 U/kg = 180 U). */
    p.weight_date = d;
    n = evaluate(&p, NULL, NULL, 0, &prop, f);
    w = find_rule(f, n, BTX_RULE_ONA_PEDIATRIC_WINDOW);
    cap = find_rule(f, n, BTX_RULE_BOTOX_PED_ULS_SESSION);
    ck_assert_int_eq(w->status, BTX_PASS);
    ck_assert(w->limit_units == 300.0);
    ck_assert_int_eq(cap->status, BTX_PASS);
    ck_assert(cap->limit_units == 180.0);
    ck_assert_int_eq(btx_headroom(&p, NULL, NULL, 0, BOTOX, ULS, d, &u), BTX_OK);
    ck_assert(u == 300.0);

    /* With weight_max_age_days: a weight from the future is no better. */
    btx_policy pol = BTX_POLICY_INIT;
    pol.weight_max_age_days = 30;
    p.weight_date = d + 10;
    ck_assert_int_eq(btx_headroom(&p, &pol, NULL, 0, BOTOX, ULS, d, &u), BTX_EWEIGHT);
    p.weight_date = d - 30;
    ck_assert_int_eq(btx_headroom(&p, &pol, NULL, 0, BOTOX, ULS, d, &u), BTX_OK);
    p.weight_date = d - 31;
    ck_assert_int_eq(btx_headroom(&p, &pol, NULL, 0, BOTOX, ULS, d, &u), BTX_EWEIGHT);
    /* A weight of unknown date still counts when the policy sets no age. */
    p.weight_date = BTX_DATE_UNKNOWN;
    ck_assert_int_eq(btx_headroom(&p, NULL, NULL, 0, BOTOX, ULS, d, &u), BTX_OK);
}
END_TEST

/* The weight's date is a point where the limit may change: the earliest-date walk stops
 * there. A child of 20 kg (10 U/kg: 200 U) had 100 U of onabotulinumtoxinA a month ago;
 * 150 U more is within the absolute 340 U but not within 200 U. */
START_TEST(weight_date_bounds_the_earliest_date)
{
    const btx_date d = ymd(2026, 3, 2);
    const btx_date given = d - 30;
    btx_administration h[1] = {rec(given, BOTOX, CM, 100)};
    btx_patient p = BTX_PATIENT_INIT;
    p.birth_date = ymd(2016, 1, 1);
    p.weight_kg = 20;
    p.weight_date = d + 10;
    btx_administration prop = rec(d, BOTOX, ULS, 150);
    btx_date e = 0;
    /* On d no weight counts: only the absolute part can be checked. */
    ck_assert_int_eq(btx_earliest_date(&p, NULL, h, 1, &prop, &e), BTX_EWEIGHT);
    /* From the weight's date on, 250 U is over 200 U until the dose of a month ago leaves
     * every 3-month window. */
    prop.date = d + 10;
    ck_assert_int_eq(btx_earliest_date(&p, NULL, h, 1, &prop, &e), BTX_OK);
    btx_date leaves = 0;
    ck_assert_int_eq(btx_date_add_months(given, 3, &leaves), BTX_OK);
    ck_assert_int_eq(e, leaves);
    btx_finding f[32];
    size_t n = evaluate(&p, NULL, h, 1, &prop, f);
    const btx_finding *w = find_rule(f, n, BTX_RULE_ONA_PEDIATRIC_WINDOW);
    ck_assert_int_eq(w->status, BTX_FAIL);
    ck_assert_int_eq(w->earliest_date, leaves);

    /* A dose over the absolute part on d: the walk goes on past the weight's date and
     * still finds the first date the window passes with the weight. */
    btx_administration big[1] = {rec(given, BOTOX, CM, 300)};
    prop.date = d;
    prop.units = 50; /* 350 U > 340 U on d; with 20 kg: 200 U */
    ck_assert_int_eq(btx_earliest_date(&p, NULL, big, 1, &prop, &e), BTX_OK);
    ck_assert_int_eq(e, leaves);
}
END_TEST

Suite *defaults_suite(void);
Suite *defaults_suite(void)
{
    Suite *s = suite_create("defaults");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, initialisers_say_unknown);
    tcase_add_test(tc, initialised_patient_is_unknown_not_1970);
    tcase_add_test(tc, birth_after_date_is_erange);
    tcase_add_test(tc, patient_on_order);
    tcase_add_test(tc, weight_after_date_is_not_used);
    tcase_add_test(tc, weight_date_bounds_the_earliest_date);
    suite_add_tcase(s, tc);
    return s;
}
