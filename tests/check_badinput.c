/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Bad input, named (issue 7): every class of bad input listed in docs/reliability.md,
 * one test each, with the error the contract (design.md sections 2-3,
 * notes/decisions.md "Validation") gives it. Expected codes are typed from those
 * texts, not read back from the library.
 */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <btxdose/btxdose.h>

/* 2025-06-02 as a day count (typed: 20241 days since 1970-01-01). */
#define D 20241

static const btx_administration good = {D, BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE,
                                        0, 155.0};

static btx_patient adult(void)
{
    btx_patient p = {sizeof(btx_patient), 70.0, D - 40 * 365, D};
    return p;
}

static btx_policy policy(void)
{
    btx_policy p = {sizeof(btx_policy), 0, 0, 0, 0, 0.0, 1, 0};
    return p;
}

/* Runs every history-taking entry point with one argument changed and checks that all
 * of them return `expect` (window_total and validate only see the history). */
static void all_calls(const btx_patient *pat, const btx_policy *pol, const btx_administration *h,
                      size_t n, const btx_administration *prop, int expect, int history_only)
{
    btx_finding f[16];
    memset(f, 0, sizeof f);
    f[0].struct_size = sizeof f[0];
    size_t count = 0;
    btx_date e = 0;
    double u = 0.0;
    ck_assert_int_eq(btx_evaluate(pat, pol, h, n, prop, f, 16, &count), expect);
    ck_assert_int_eq(btx_earliest_date(pat, pol, h, n, prop, &e), expect);
    if (prop->indication != 0 && prop->flags == 0 && !isnan(prop->units) &&
        prop->units >= 0.0 && prop->units <= BTX_UNITS_MAX)
        ck_assert_int_eq(btx_headroom(pat, pol, h, n, prop->product, prop->indication,
                                      prop->date, &u), expect);
    if (history_only) {
        ck_assert_int_eq(btx_validate_history(h, n, NULL), expect);
        ck_assert_int_eq(btx_window_total(h, n, 1, D - 90, 3, BTX_MONTHS, &u), expect);
    }
}

/* ---- 1. NULL for each pointer ---- */
START_TEST(null_pointers)
{
    btx_finding f[4];
    memset(f, 0, sizeof f);
    f[0].struct_size = sizeof f[0];
    size_t count;
    btx_date e;
    double u;
    int32_t v, y, m, d;
    btx_protocol p;
    p.struct_size = sizeof p;
    btx_region r;
    r.struct_size = sizeof r;
    char buf[16];
    /* out-params and required inputs */
    ck_assert_int_eq(btx_evaluate(NULL, NULL, &good, 1, NULL, f, 4, &count), BTX_EINVAL);
    ck_assert_int_eq(btx_evaluate(NULL, NULL, &good, 1, &good, f, 4, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_evaluate(NULL, NULL, &good, 1, &good, NULL, 4, &count), BTX_EINVAL);
    ck_assert_int_eq(btx_earliest_date(NULL, NULL, &good, 1, NULL, &e), BTX_EINVAL);
    ck_assert_int_eq(btx_earliest_date(NULL, NULL, &good, 1, &good, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_headroom(NULL, NULL, &good, 1, 1, 1, D, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_window_total(&good, 1, 1, D, 3, BTX_MONTHS, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_date_parse(NULL, &e), BTX_EINVAL);
    ck_assert_int_eq(btx_date_parse("2025-01-01", NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_date_from_ymd(2025, 1, 1, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_date_to_ymd(D, NULL, &m, &d), BTX_EINVAL);
    ck_assert_int_eq(btx_date_to_ymd(D, &y, NULL, &d), BTX_EINVAL);
    ck_assert_int_eq(btx_date_to_ymd(D, &y, &m, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_date_format(D, NULL, sizeof buf), BTX_EINVAL);
    ck_assert_int_eq(btx_date_add_days(D, 1, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_date_add_months(D, 1, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_product_lookup(NULL, &v), BTX_EINVAL);
    ck_assert_int_eq(btx_product_lookup("Botox", NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_indication_lookup(NULL, &v), BTX_EINVAL);
    ck_assert_int_eq(btx_indication_lookup("OAB", NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_indication_from_icd10(NULL, &v), BTX_EINVAL);
    ck_assert_int_eq(btx_indication_from_icd10("G24.3", NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_protocol_lookup(1, 1, 1, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_protocol_region(1, 6, 1, 0, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_reconstitute(100.0, 2.0, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_dose_volume(10.0, 100.0, 2.0, NULL), BTX_EINVAL);
    /* NULL where the contract allows it */
    ck_assert_int_eq(btx_validate_history(NULL, 0, NULL), BTX_OK);
    ck_assert_int_eq(btx_validate_history(&good, 1, NULL), BTX_OK);
    ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 0, &good, f, 4, &count), BTX_OK);
    ck_assert_int_eq(btx_headroom(NULL, NULL, NULL, 0, 1, 1, D, &u), BTX_OK);
    ck_assert_int_eq(btx_window_total(NULL, 0, 1, D, 3, BTX_MONTHS, &u), BTX_OK);
    ck_assert(u == 0.0);
    /* NULL strings to the name functions are not a thing; unknown values give "unknown" */
    ck_assert_str_eq(btx_strerror(12345), "unknown error");
}
END_TEST

/* ---- 2. n > 0 with a NULL history ---- */
START_TEST(null_history_with_records)
{
    size_t bad = 99;
    ck_assert_int_eq(btx_validate_history(NULL, 2, &bad), BTX_EINVAL);
    all_calls(NULL, NULL, NULL, 1, &good, BTX_EINVAL, 1);
    btx_patient p = adult();
    btx_policy q = policy();
    all_calls(&p, &q, NULL, 3, &good, BTX_EINVAL, 0);
}
END_TEST

/* ---- 3. out-of-set codes ---- */
START_TEST(out_of_set_codes)
{
    const int32_t bad_products[] = {0, 9, -1, INT32_MAX, INT32_MIN};
    const int32_t bad_indications[] = {18, -1, INT32_MAX};
    for (size_t i = 0; i < 5; i++) {
        btx_administration r = good;
        r.product = bad_products[i];
        all_calls(NULL, NULL, &r, 1, &good, BTX_EINVAL, 1); /* in the history */
        all_calls(NULL, NULL, NULL, 0, &r, BTX_EINVAL, 0);  /* as the proposal */
        btx_protocol p;
        p.struct_size = sizeof p;
        ck_assert_int_eq(btx_protocol_lookup(bad_products[i], 1, BTX_ADULT, &p), BTX_EINVAL);
        double u;
        ck_assert_int_eq(btx_headroom(NULL, NULL, NULL, 0, bad_products[i], 1, D, &u), BTX_EINVAL);
        ck_assert_str_eq(btx_product_name(bad_products[i]), "unknown");
        ck_assert_int_eq(btx_product_substance(bad_products[i]), 0);
    }
    for (size_t i = 0; i < 3; i++) {
        btx_administration r = good;
        r.indication = bad_indications[i];
        all_calls(NULL, NULL, &r, 1, &good, BTX_EINVAL, 1);
        all_calls(NULL, NULL, NULL, 0, &r, BTX_EINVAL, 0);
        btx_protocol p;
        p.struct_size = sizeof p;
        ck_assert_int_eq(btx_protocol_lookup(1, bad_indications[i], BTX_ADULT, &p), BTX_EINVAL);
        ck_assert_str_eq(btx_indication_name(bad_indications[i]), "unknown");
    }
    /* A history record may omit its indication; a proposal may not. */
    btx_administration none = good;
    none.indication = 0;
    all_calls(NULL, NULL, &none, 1, &good, BTX_OK, 1);
    all_calls(NULL, NULL, NULL, 0, &none, BTX_EINVAL, 0);
    /* flags are reserved: 0 only */
    btx_administration flagged = good;
    flagged.flags = 1;
    all_calls(NULL, NULL, &flagged, 1, &good, BTX_EINVAL, 1);
    all_calls(NULL, NULL, NULL, 0, &flagged, BTX_EINVAL, 0);
    /* population, substance, unit */
    btx_protocol p;
    p.struct_size = sizeof p;
    btx_region r;
    r.struct_size = sizeof r;
    ck_assert_int_eq(btx_protocol_lookup(1, 1, 0, &p), BTX_EINVAL);
    ck_assert_int_eq(btx_protocol_lookup(1, 1, 3, &p), BTX_EINVAL);
    ck_assert_int_eq(btx_protocol_region(1, 6, 3, 0, &r), BTX_EINVAL);
    double u;
    ck_assert_int_eq(btx_window_total(&good, 1, 0, D, 3, BTX_MONTHS, &u), BTX_EINVAL);
    ck_assert_int_eq(btx_window_total(&good, 1, 8, D, 3, BTX_MONTHS, &u), BTX_EINVAL);
    ck_assert_int_eq(btx_window_total(&good, 1, 1, D, 3, 0, &u), BTX_EINVAL);
    ck_assert_int_eq(btx_window_total(&good, 1, 1, D, 3, 4, &u), BTX_EINVAL);
    ck_assert_int_eq(btx_window_total(&good, 1, 1, D, 0, BTX_DAYS, &u), BTX_EINVAL);
    ck_assert_int_eq(btx_window_total(&good, 1, 1, D, -5, BTX_DAYS, &u), BTX_EINVAL);
    /* the index of region that does not exist is not an argument error */
    ck_assert_int_eq(btx_protocol_region(1, 6, 1, -1, &r), BTX_ENOTFOUND);
    ck_assert_int_eq(btx_protocol_region(1, 6, 1, 1000, &r), BTX_ENOTFOUND);
}
END_TEST

/* ---- 4. policy fields out of their sets ---- */
START_TEST(bad_policy_fields)
{
    btx_policy q;
    q = policy(); q.window_length = -1;
    all_calls(NULL, &q, &good, 1, &good, BTX_EINVAL, 0);
    q = policy(); q.min_spacing_days = -1;
    all_calls(NULL, &q, &good, 1, &good, BTX_EINVAL, 0);
    q = policy(); q.weight_max_age_days = -1;
    all_calls(NULL, &q, &good, 1, &good, BTX_EINVAL, 0);
    q = policy(); q.window_length = 3; q.window_unit = 0;
    all_calls(NULL, &q, &good, 1, &good, BTX_EINVAL, 0);
    q = policy(); q.window_length = 3; q.window_unit = 4;
    all_calls(NULL, &q, &good, 1, &good, BTX_EINVAL, 0);
    q = policy(); q.window_length = 0; q.window_unit = 99; /* ignored when the length is 0 */
    all_calls(NULL, &q, &good, 1, &good, BTX_OK, 0);
    q = policy(); q.warn_fraction = NAN;
    all_calls(NULL, &q, &good, 1, &good, BTX_EINVAL, 0);
    q = policy(); q.warn_fraction = -0.01;
    all_calls(NULL, &q, &good, 1, &good, BTX_EINVAL, 0);
    q = policy(); q.warn_fraction = 1.01;
    all_calls(NULL, &q, &good, 1, &good, BTX_EINVAL, 0);
    q = policy(); q.warn_fraction = INFINITY;
    all_calls(NULL, &q, &good, 1, &good, BTX_EINVAL, 0);
    q = policy(); q.history_complete = 2;
    all_calls(NULL, &q, &good, 1, &good, BTX_EINVAL, 0);
    q = policy(); q.history_complete = -1;
    all_calls(NULL, &q, &good, 1, &good, BTX_EINVAL, 0);
    q = policy(); q.reserved = 1;
    all_calls(NULL, &q, &good, 1, &good, BTX_EINVAL, 0);
    /* lengths beyond 100000 days */
    q = policy(); q.window_length = 100001; q.window_unit = BTX_DAYS;
    all_calls(NULL, &q, &good, 1, &good, BTX_ERANGE, 0);
    q = policy(); q.window_length = 100000; q.window_unit = BTX_DAYS;
    all_calls(NULL, &q, &good, 1, &good, BTX_OK, 0);
    q = policy(); q.window_length = 15000; q.window_unit = BTX_WEEKS;
    all_calls(NULL, &q, &good, 1, &good, BTX_ERANGE, 0);
    q = policy(); q.window_length = 4000; q.window_unit = BTX_MONTHS;
    all_calls(NULL, &q, &good, 1, &good, BTX_ERANGE, 0);
    q = policy(); q.window_length = INT32_MAX; q.window_unit = BTX_MONTHS;
    all_calls(NULL, &q, &good, 1, &good, BTX_ERANGE, 0);
    q = policy(); q.min_spacing_days = 100001;
    all_calls(NULL, &q, &good, 1, &good, BTX_ERANGE, 0);
    double u;
    ck_assert_int_eq(btx_window_total(&good, 1, 1, D, 100001, BTX_DAYS, &u), BTX_ERANGE);
    ck_assert_int_eq(btx_window_total(&good, 1, 1, D, INT32_MAX, BTX_MONTHS, &u), BTX_ERANGE);
}
END_TEST

/* ---- 5. struct_size too small, or larger with a non-zero unknown tail ---- */
typedef struct patient_v2 {
    btx_patient v1;
    double future_field;
    int32_t more[2];
} patient_v2;

typedef struct policy_v2 {
    btx_policy v1;
    int64_t future_field;
} policy_v2;

START_TEST(struct_size_checks)
{
    const size_t small_sizes[] = {0, 1, 8, sizeof(btx_patient) - 1};
    for (size_t i = 0; i < 4; i++) {
        btx_patient p = adult();
        p.struct_size = small_sizes[i];
        all_calls(&p, NULL, &good, 1, &good, BTX_EVERSION, 0);
        btx_policy q = policy();
        q.struct_size = small_sizes[i] == sizeof(btx_patient) - 1 ? sizeof(btx_policy) - 1
                                                                  : small_sizes[i];
        all_calls(NULL, &q, &good, 1, &good, BTX_EVERSION, 0);
    }
    /* larger: accepted when the tail is zero, refused otherwise */
    patient_v2 p2;
    memset(&p2, 0, sizeof p2);
    p2.v1 = adult();
    p2.v1.struct_size = sizeof p2;
    all_calls(&p2.v1, NULL, &good, 1, &good, BTX_OK, 0);
    p2.more[1] = 1;
    all_calls(&p2.v1, NULL, &good, 1, &good, BTX_EVERSION, 0);
    policy_v2 q2;
    memset(&q2, 0, sizeof q2);
    q2.v1 = policy();
    q2.v1.struct_size = sizeof q2;
    all_calls(NULL, &q2.v1, &good, 1, &good, BTX_OK, 0);
    q2.future_field = INT64_MIN;
    all_calls(NULL, &q2.v1, &good, 1, &good, BTX_EVERSION, 0);

    /* output structs: smaller than 1.0 is EVERSION; larger is fine, tail untouched */
    unsigned char big[256];
    memset(big, 0xEE, sizeof big);
    btx_protocol *p = (btx_protocol *)(void *)big;
    p->struct_size = offsetof(btx_protocol, source) + sizeof(const char *) - 8; /* below 1.0 */
    ck_assert_int_eq(btx_protocol_lookup(1, 1, 1, p), BTX_EVERSION);
    p->struct_size = 0;
    ck_assert_int_eq(btx_protocol_lookup(1, 1, 1, p), BTX_EVERSION);
    p->struct_size = sizeof(btx_protocol) + 16;
    ck_assert_int_eq(btx_protocol_lookup(1, 1, 1, p), BTX_OK);
    ck_assert_uint_eq(p->struct_size, sizeof(btx_protocol) + 16);
    for (size_t i = sizeof(btx_protocol); i < sizeof(btx_protocol) + 16; i++)
        ck_assert_uint_eq(big[i], 0xEE);
    btx_region *r = (btx_region *)(void *)big;
    r->struct_size = sizeof(btx_region) - 1;
    ck_assert_int_eq(btx_protocol_region(1, 1, 1, 0, r), BTX_EVERSION);

    /* findings stride: below the 1.0 size or not a multiple of 8 */
    btx_finding f[4];
    size_t count = 0;
    memset(f, 0, sizeof f);
    const size_t strides[] = {0, 8, sizeof(btx_finding) - 8, sizeof(btx_finding) + 4};
    for (size_t i = 0; i < 4; i++) {
        f[0].struct_size = strides[i];
        ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 0, &good, f, 2, &count), BTX_EVERSION);
    }
    /* a larger multiple of 8 is walked with that stride */
    unsigned char arr[4 * (sizeof(btx_finding) + 8)];
    memset(arr, 0xEE, sizeof arr);
    size_t stride = sizeof(btx_finding) + 8;
    memcpy(arr, &stride, sizeof stride);
    ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 0, &good, (btx_finding *)(void *)arr, 4,
                                  &count), BTX_OK);
    ck_assert_uint_ge(count, 2);
    for (size_t i = 0; i < count; i++)
        for (size_t k = sizeof(btx_finding); k < stride; k++)
            ck_assert_uint_eq(arr[i * stride + k], 0xEE);
}
END_TEST

/* ---- 6. NaN, infinite, negative and huge units and weights ---- */
START_TEST(bad_units_and_weights)
{
    const double bad[] = {NAN, -NAN, INFINITY, -INFINITY, -0.001, -1.0, 100000.001, 1e300,
                          1.7976931348623157e308};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        btx_administration r = good;
        r.units = bad[i];
        all_calls(NULL, NULL, &r, 1, &good, BTX_ERANGE, 1);
        all_calls(NULL, NULL, NULL, 0, &r, BTX_ERANGE, 0);
        double out;
        ck_assert_int_eq(btx_reconstitute(bad[i], 2.0, &out), BTX_ERANGE);
        ck_assert_int_eq(btx_reconstitute(100.0, bad[i], &out), BTX_ERANGE);
        ck_assert_int_eq(btx_dose_volume(bad[i], 100.0, 2.0, &out), BTX_ERANGE);
    }
    /* the edges are valid: 0 U and exactly 100000 U */
    btx_administration r = good;
    r.units = 0.0;
    all_calls(NULL, NULL, &r, 1, &good, BTX_OK, 1);
    r.units = 100000.0;
    all_calls(NULL, NULL, &r, 1, &good, BTX_OK, 1);
    /* zero vial or diluent */
    double out;
    ck_assert_int_eq(btx_reconstitute(0.0, 2.0, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_reconstitute(100.0, 0.0, &out), BTX_ERANGE);
    /* weights: NaN, infinite, negative, above 1000 kg */
    const double weights[] = {NAN, INFINITY, -INFINITY, -1.0, 1000.5};
    for (size_t i = 0; i < 5; i++) {
        btx_patient p = adult();
        p.weight_kg = weights[i];
        all_calls(&p, NULL, &good, 1, &good, BTX_ERANGE, 0);
    }
}
END_TEST

/* ---- 7. dates out of range ---- */
START_TEST(dates_out_of_range)
{
    const btx_date bad[] = {BTX_DATE_MIN - 1, BTX_DATE_MAX + 1, BTX_DATE_UNKNOWN, INT32_MAX};
    for (size_t i = 0; i < 4; i++) {
        btx_administration r = good;
        r.date = bad[i];
        all_calls(NULL, NULL, &r, 1, &good, BTX_ERANGE, 1);
        all_calls(NULL, NULL, NULL, 0, &r, BTX_ERANGE, 0);
        double u;
        ck_assert_int_eq(btx_headroom(NULL, NULL, NULL, 0, 1, 1, bad[i], &u), BTX_ERANGE);
        ck_assert_int_eq(btx_window_total(NULL, 0, 1, bad[i], 3, BTX_MONTHS, &u), BTX_ERANGE);
        int32_t y, m, d;
        char buf[BTX_DATE_FORMAT_SIZE];
        btx_date e;
        ck_assert_int_eq(btx_date_to_ymd(bad[i], &y, &m, &d), BTX_ERANGE);
        ck_assert_int_eq(btx_date_format(bad[i], buf, sizeof buf), BTX_ERANGE);
        ck_assert_int_eq(btx_date_add_days(bad[i], 0, &e), BTX_ERANGE);
        ck_assert_int_eq(btx_date_add_months(bad[i], 0, &e), BTX_ERANGE);
        if (bad[i] != BTX_DATE_UNKNOWN) { /* UNKNOWN is a valid birth / weight date */
            btx_patient p = adult();
            p.birth_date = bad[i];
            all_calls(&p, NULL, &good, 1, &good, BTX_ERANGE, 0);
            p = adult();
            p.weight_date = bad[i];
            all_calls(&p, NULL, &good, 1, &good, BTX_ERANGE, 0);
        }
    }
    btx_patient p = adult();
    p.birth_date = BTX_DATE_UNKNOWN;
    p.weight_date = BTX_DATE_UNKNOWN;
    all_calls(&p, NULL, &good, 1, &good, BTX_OK, 0);
    /* results that leave the range */
    btx_date e;
    ck_assert_int_eq(btx_date_add_days(BTX_DATE_MAX, 1, &e), BTX_ERANGE);
    ck_assert_int_eq(btx_date_add_days(BTX_DATE_MIN, -1, &e), BTX_ERANGE);
    ck_assert_int_eq(btx_date_add_days(BTX_DATE_MIN, INT32_MAX, &e), BTX_ERANGE);
    ck_assert_int_eq(btx_date_add_months(BTX_DATE_MAX, 1, &e), BTX_ERANGE);
    ck_assert_int_eq(btx_date_add_months(BTX_DATE_MIN, INT32_MIN, &e), BTX_ERANGE);
    ck_assert_int_eq(btx_date_from_ymd(1899, 12, 31, &e), BTX_ERANGE);
    ck_assert_int_eq(btx_date_from_ymd(2200, 1, 1, &e), BTX_ERANGE);
    ck_assert_int_eq(btx_date_from_ymd(INT32_MIN, 1, 1, &e), BTX_ERANGE);
    ck_assert_int_eq(btx_date_parse("1899-12-31", &e), BTX_ERANGE);
    ck_assert_int_eq(btx_date_parse("2200-01-01", &e), BTX_ERANGE);
    /* a day or month that does not exist is EINVAL from numbers */
    ck_assert_int_eq(btx_date_from_ymd(2025, 2, 29, &e), BTX_EINVAL);
    ck_assert_int_eq(btx_date_from_ymd(2025, 13, 1, &e), BTX_EINVAL);
    ck_assert_int_eq(btx_date_from_ymd(2025, 0, 1, &e), BTX_EINVAL);
    ck_assert_int_eq(btx_date_from_ymd(2025, 4, 31, &e), BTX_EINVAL);
    ck_assert_int_eq(btx_date_from_ymd(2025, 1, 0, &e), BTX_EINVAL);
}
END_TEST

/* ---- 8. capacity 0 and buffers too small ---- */
START_TEST(capacity_zero)
{
    size_t count = 99;
    /* NULL policy: at least the HISTORY_INCOMPLETE notice exists, so 0 is too small */
    ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 0, &good, NULL, 0, &count), BTX_ENOSPC);
    ck_assert_uint_ge(count, 1);
    size_t needed = count;
    btx_finding f[2];
    memset(f, 0x77, sizeof f);
    f[0].struct_size = sizeof f[0];
    ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 0, &good, f, 0, &count), BTX_ENOSPC);
    ck_assert_uint_eq(count, needed);
    ck_assert_int_eq(f[0].code, 0x77777777); /* capacity 0: nothing written */
    /* capacity 1 of more: ENOSPC, the first written, count still the total */
    memset(f, 0, sizeof f);
    f[0].struct_size = sizeof f[0];
    btx_administration big = good;
    big.units = 500.0;
    ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 0, &big, f, 1, &count), BTX_ENOSPC);
    ck_assert_uint_gt(count, 1);
    ck_assert_int_ge(f[0].code, 1);
    ck_assert_int_eq(f[1].code, 0);
    /* date_format below 11 bytes */
    char buf[BTX_DATE_FORMAT_SIZE];
    memset(buf, 'x', sizeof buf);
    ck_assert_int_eq(btx_date_format(D, buf, 0), BTX_ENOSPC);
    ck_assert_int_eq(buf[0], 'x');
    ck_assert_int_eq(btx_date_format(D, buf, 10), BTX_ENOSPC);
    ck_assert_int_eq(buf[0], '\0');
    ck_assert_int_eq(buf[1], 'x');
    ck_assert_int_eq(btx_date_format(D, buf, 11), BTX_OK);
    ck_assert_str_eq(buf, "2025-06-02");
}
END_TEST

/* ---- 9. malformed text ---- */
START_TEST(malformed_text)
{
    const char *dates[] = {"", "2025", "2025-1-01", "2025-01-1", "25-01-01", " 2025-01-01",
                           "2025-01-01 ", "2025-01-01T00:00", "2025/01/01", "+025-01-01",
                           "2025-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "20250101",
                           "2025-0a-01", "\357\274\222025-01-01", "2025-01-01\n"};
    btx_date e = 0;
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
        ck_assert_msg(btx_date_parse(dates[i], &e) == BTX_EPARSE, "\"%s\"", dates[i]);
    const char *names[] = {"", "   ", "Botox  Cosmetic", "Bot ox", "\xff", "Botox\t",
                           "onabotulinumtoxin", "Dysport2", "-"};
    int32_t v;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        ck_assert_msg(btx_product_lookup(names[i], &v) == BTX_ENOTFOUND, "\"%s\"", names[i]);
        ck_assert_msg(btx_indication_lookup(names[i], &v) == BTX_ENOTFOUND, "\"%s\"", names[i]);
        ck_assert_msg(btx_indication_from_icd10(names[i], &v) == BTX_ENOTFOUND, "\"%s\"",
                      names[i]);
    }
    const char *codes[] = {"G43.7091", "G4.3709", "G43..709", "G43.X", "Z99.9", "G43.7 09"};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        ck_assert_msg(btx_indication_from_icd10(codes[i], &v) == BTX_ENOTFOUND, "\"%s\"",
                      codes[i]);
}
END_TEST

/* ---- 10. the first bad record decides, and its index is named ---- */
START_TEST(first_bad_record_named)
{
    btx_administration h[4] = {good, good, good, good};
    h[2].flags = 4;                 /* EINVAL at 2 */
    h[3].date = BTX_DATE_MAX + 1;   /* ERANGE at 3 */
    size_t bad = 99;
    ck_assert_int_eq(btx_validate_history(h, 4, &bad), BTX_EINVAL);
    ck_assert_uint_eq(bad, 2);
    all_calls(NULL, NULL, h, 4, &good, BTX_EINVAL, 1);
    /* within a record: date before product before indication before flags before units */
    btx_administration r = {BTX_DATE_MAX + 1, 0, 99, 1, NAN};
    ck_assert_int_eq(btx_validate_history(&r, 1, &bad), BTX_ERANGE);
    r.date = D;
    ck_assert_int_eq(btx_validate_history(&r, 1, &bad), BTX_EINVAL);
    r.product = 1;
    r.indication = 1;
    r.flags = 0;
    ck_assert_int_eq(btx_validate_history(&r, 1, &bad), BTX_ERANGE);
    ck_assert_uint_eq(bad, 0);
    /* patient before policy before proposal before history */
    btx_patient p = adult();
    p.struct_size = 0;
    btx_policy q = policy();
    q.reserved = 1;
    btx_administration prop = good;
    prop.units = -1.0;
    all_calls(&p, &q, h, 4, &prop, BTX_EVERSION, 0);
    all_calls(NULL, &q, h, 4, &prop, BTX_EINVAL, 0);
    all_calls(NULL, NULL, h, 4, &prop, BTX_ERANGE, 0);
    all_calls(NULL, NULL, h, 4, &good, BTX_EINVAL, 0);
}
END_TEST

Suite *badinput_suite(void);
Suite *badinput_suite(void)
{
    Suite *s = suite_create("badinput");
    TCase *tc = tcase_create("badinput");
    tcase_add_test(tc, null_pointers);
    tcase_add_test(tc, null_history_with_records);
    tcase_add_test(tc, out_of_set_codes);
    tcase_add_test(tc, bad_policy_fields);
    tcase_add_test(tc, struct_size_checks);
    tcase_add_test(tc, bad_units_and_weights);
    tcase_add_test(tc, dates_out_of_range);
    tcase_add_test(tc, capacity_zero);
    tcase_add_test(tc, malformed_text);
    tcase_add_test(tc, first_bad_record_named);
    suite_add_tcase(s, tc);
    return s;
}
