/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The check functions of validate.h: each bad field of each input struct is named, in
 * the documented order, and every check returns the code of the call that takes the same
 * argument (btx_evaluate, btx_validate_history, btx_audit), for a table of bad values and
 * for random combinations of them. Expected fields and codes are typed from validate.h.
 */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "check_util.h"

/* 2025-06-02 as a day count. */
#define D 20241

static btx_administration good_record(void)
{
    return rec(D, BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, 155.0);
}

static btx_patient good_patient(void)
{
    btx_patient p = {sizeof(btx_patient), 70.0, D - 40 * 365, D};
    return p;
}

static btx_policy good_policy(void)
{
    btx_policy p = {sizeof(btx_policy), 0, 0, 0, 0, 0.0, 1, 0};
    return p;
}

static int evaluate_rc(const btx_patient *pat, const btx_policy *pol,
                       const btx_administration *h, size_t n, const btx_administration *prop)
{
    btx_finding f[16];
    memset(f, 0, sizeof f);
    f[0].struct_size = sizeof f[0];
    size_t count = 0;
    return btx_evaluate(pat, pol, h, n, prop, f, 16, &count);
}

/* ---- records and proposals ---- */

typedef struct record_case {
    void (*spoil)(btx_administration *);
    int32_t field;
    int code;
} record_case;

static void bad_date(btx_administration *a) { a->date = BTX_DATE_MAX + 1; }
static void early_date(btx_administration *a) { a->date = BTX_DATE_MIN - 1; }
static void bad_product(btx_administration *a) { a->product = 99; }
static void zero_product(btx_administration *a) { a->product = 0; }
static void bad_indication(btx_administration *a) { a->indication = -3; }
static void bad_flags(btx_administration *a) { a->flags = 4; }
static void nan_units(btx_administration *a) { a->units = NAN; }
static void negative_units(btx_administration *a) { a->units = -5.0; }
static void huge_units(btx_administration *a) { a->units = BTX_UNITS_MAX + 1.0; }

static const record_case record_cases[] = {
    {bad_date, BTX_FIELD_DATE, BTX_ERANGE},
    {early_date, BTX_FIELD_DATE, BTX_ERANGE},
    {bad_product, BTX_FIELD_PRODUCT, BTX_EINVAL},
    {zero_product, BTX_FIELD_PRODUCT, BTX_EINVAL},
    {bad_indication, BTX_FIELD_INDICATION, BTX_EINVAL},
    {bad_flags, BTX_FIELD_FLAGS, BTX_EINVAL},
    {nan_units, BTX_FIELD_UNITS, BTX_ERANGE},
    {negative_units, BTX_FIELD_UNITS, BTX_ERANGE},
    {huge_units, BTX_FIELD_UNITS, BTX_ERANGE},
};
#define NRECORD (sizeof record_cases / sizeof record_cases[0])

START_TEST(record_fields)
{
    const record_case *c = &record_cases[_i];
    btx_administration a = good_record();
    int32_t field = -1;
    ck_assert_int_eq(btx_check_record(&a, &field), BTX_OK);
    ck_assert_int_eq(field, BTX_FIELD_NONE);
    c->spoil(&a);
    ck_assert_int_eq(btx_check_record(&a, &field), c->code);
    ck_assert_int_eq(field, c->field);
    ck_assert_int_eq(btx_check_record(&a, NULL), c->code);
    /* The same code from the calls that take a history and a proposal. */
    const btx_administration prop = good_record();
    ck_assert_int_eq(btx_validate_history(&a, 1, NULL), c->code);
    ck_assert_int_eq(evaluate_rc(NULL, NULL, &a, 1, &prop), c->code);
    ck_assert_int_eq(btx_check_proposal(&a, &field), c->code);
    ck_assert_int_eq(field, c->field);
    ck_assert_int_eq(evaluate_rc(NULL, NULL, NULL, 0, &a), c->code);
}
END_TEST

START_TEST(proposal_needs_indication)
{
    btx_administration a = good_record();
    a.indication = 0;
    int32_t field = -1;
    ck_assert_int_eq(btx_check_record(&a, &field), BTX_OK);
    ck_assert_int_eq(btx_check_proposal(&a, &field), BTX_EINVAL);
    ck_assert_int_eq(field, BTX_FIELD_INDICATION);
    ck_assert_int_eq(evaluate_rc(NULL, NULL, NULL, 0, &a), BTX_EINVAL);
    ck_assert_int_eq(btx_check_proposal(NULL, &field), BTX_EINVAL);
    ck_assert_int_eq(field, BTX_FIELD_NONE);
    ck_assert_int_eq(btx_check_record(NULL, &field), BTX_EINVAL);
}
END_TEST

/* The first bad field in the documented order wins: date, product, indication, flags,
 * units. */
START_TEST(record_order)
{
    btx_administration a = good_record();
    int32_t field;
    negative_units(&a);
    bad_flags(&a);
    ck_assert_int_eq(btx_check_record(&a, &field), BTX_EINVAL);
    ck_assert_int_eq(field, BTX_FIELD_FLAGS);
    bad_indication(&a);
    ck_assert_int_eq(btx_check_record(&a, &field), BTX_EINVAL);
    ck_assert_int_eq(field, BTX_FIELD_INDICATION);
    bad_product(&a);
    ck_assert_int_eq(btx_check_record(&a, &field), BTX_EINVAL);
    ck_assert_int_eq(field, BTX_FIELD_PRODUCT);
    bad_date(&a);
    ck_assert_int_eq(btx_check_record(&a, &field), BTX_ERANGE);
    ck_assert_int_eq(field, BTX_FIELD_DATE);
}
END_TEST

/* ---- patient ---- */

START_TEST(patient_fields)
{
    const btx_administration prop = good_record();
    int32_t field = -1;
    btx_patient p = good_patient();
    ck_assert_int_eq(btx_check_patient(&p, &field), BTX_OK);
    ck_assert_int_eq(field, BTX_FIELD_NONE);
    ck_assert_int_eq(btx_check_patient(NULL, &field), BTX_OK);

    struct {
        int which;
        int32_t field;
        int code;
    } cases[] = {
        {0, BTX_FIELD_STRUCT_SIZE, BTX_EVERSION}, {1, BTX_FIELD_WEIGHT_KG, BTX_ERANGE},
        {2, BTX_FIELD_WEIGHT_KG, BTX_ERANGE},     {3, BTX_FIELD_BIRTH_DATE, BTX_ERANGE},
        {4, BTX_FIELD_WEIGHT_DATE, BTX_ERANGE},   {5, BTX_FIELD_WEIGHT_KG, BTX_ERANGE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        p = good_patient();
        switch (cases[i].which) {
        case 0: p.struct_size = sizeof(btx_patient) - 8; break;
        case 1: p.weight_kg = -1.0; break;
        case 2: p.weight_kg = NAN; break;
        case 3: p.birth_date = BTX_DATE_MAX + 10; break;
        case 4: p.weight_date = BTX_DATE_MIN - 1; break;
        default: p.weight_kg = 1000.5; break;
        }
        ck_assert_int_eq(btx_check_patient(&p, &field), cases[i].code);
        ck_assert_int_eq(field, cases[i].field);
        ck_assert_int_eq(evaluate_rc(&p, NULL, NULL, 0, &prop), cases[i].code);
    }
    /* Order: weight before birth date before weight date. */
    p = good_patient();
    p.weight_date = BTX_DATE_MIN - 1;
    p.birth_date = BTX_DATE_MAX + 1;
    ck_assert_int_eq(btx_check_patient(&p, &field), BTX_ERANGE);
    ck_assert_int_eq(field, BTX_FIELD_BIRTH_DATE);
    p.weight_kg = -2.0;
    ck_assert_int_eq(btx_check_patient(&p, &field), BTX_ERANGE);
    ck_assert_int_eq(field, BTX_FIELD_WEIGHT_KG);
}
END_TEST

/* A larger struct_size is accepted only when the bytes the library does not know are 0. */
START_TEST(patient_larger_struct)
{
    struct {
        btx_patient p;
        int64_t later;
    } big;
    memset(&big, 0, sizeof big);
    big.p = good_patient();
    big.p.struct_size = sizeof big;
    int32_t field = -1;
    ck_assert_int_eq(btx_check_patient(&big.p, &field), BTX_OK);
    big.later = 1;
    ck_assert_int_eq(btx_check_patient(&big.p, &field), BTX_EVERSION);
    ck_assert_int_eq(field, BTX_FIELD_STRUCT_SIZE);
}
END_TEST

/* ---- policy ---- */

typedef struct policy_case {
    int which;
    int32_t field;
    int code;
} policy_case;

static const policy_case policy_cases[] = {
    {0, BTX_FIELD_STRUCT_SIZE, BTX_EVERSION},
    {1, BTX_FIELD_WINDOW_LENGTH, BTX_EINVAL},
    {2, BTX_FIELD_MIN_SPACING_DAYS, BTX_EINVAL},
    {3, BTX_FIELD_WEIGHT_MAX_AGE_DAYS, BTX_EINVAL},
    {4, BTX_FIELD_RESERVED, BTX_EINVAL},
    {5, BTX_FIELD_HISTORY_COMPLETE, BTX_EINVAL},
    {6, BTX_FIELD_WARN_FRACTION, BTX_EINVAL},
    {7, BTX_FIELD_WARN_FRACTION, BTX_EINVAL},
    {8, BTX_FIELD_WINDOW_UNIT, BTX_EINVAL},
    {9, BTX_FIELD_WINDOW_LENGTH, BTX_ERANGE},
    {10, BTX_FIELD_MIN_SPACING_DAYS, BTX_ERANGE},
};
#define NPOLICY (sizeof policy_cases / sizeof policy_cases[0])

static void spoil_policy(btx_policy *p, int which)
{
    switch (which) {
    case 0: p->struct_size = 8; break;
    case 1: p->window_length = -1; break;
    case 2: p->min_spacing_days = -1; break;
    case 3: p->weight_max_age_days = -7; break;
    case 4: p->reserved = 1; break;
    case 5: p->history_complete = 2; break;
    case 6: p->warn_fraction = NAN; break;
    case 7: p->warn_fraction = 1.5; break;
    case 8: p->window_length = 90; p->window_unit = 9; break;
    case 9: p->window_length = 100001; p->window_unit = BTX_DAYS; break;
    default: p->min_spacing_days = 100001; break;
    }
}

START_TEST(policy_fields)
{
    const policy_case *c = &policy_cases[_i];
    const btx_administration prop = good_record();
    btx_policy p = good_policy();
    int32_t field = -1;
    ck_assert_int_eq(btx_check_policy(&p, &field), BTX_OK);
    ck_assert_int_eq(btx_check_policy(NULL, &field), BTX_OK);
    spoil_policy(&p, c->which);
    ck_assert_int_eq(btx_check_policy(&p, &field), c->code);
    ck_assert_int_eq(field, c->field);
    ck_assert_int_eq(evaluate_rc(NULL, &p, NULL, 0, &prop), c->code);
    btx_audit_result res;
    ck_assert_int_eq(btx_audit(&p, NULL, 0, &res, NULL), c->code);
}
END_TEST

/* Any two bad fields: the one earlier in the documented order is named. */
START_TEST(policy_order)
{
    for (size_t i = 0; i < NPOLICY; i++)
        for (size_t j = i + 1; j < NPOLICY; j++) {
            btx_policy p = good_policy();
            spoil_policy(&p, policy_cases[j].which);
            spoil_policy(&p, policy_cases[i].which);
            int32_t field = -1;
            const int rc = btx_check_policy(&p, &field);
            /* Case 8 sets a window length itself, which hides the window length cases
             * after it; case 0 hides everything. */
            ck_assert_int_ne(rc, BTX_OK);
            ck_assert_int_eq(rc, evaluate_rc(NULL, &p, NULL, 0, &(btx_administration){
                D, BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, 0, 155.0}));
            if (policy_cases[i].which != 8 && policy_cases[i].which != 9) {
                ck_assert_int_eq(field, policy_cases[i].field);
                ck_assert_int_eq(rc, policy_cases[i].code);
            }
        }
}
END_TEST

/* ---- audit rows ---- */

static btx_audit_row good_row(uint64_t patient, btx_date d)
{
    btx_audit_row r;
    memset(&r, 0, sizeof r);
    r.patient = patient;
    r.admin = rec(d, BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, 155.0);
    r.weight_kg = 0.0;
    r.birth_date = BTX_DATE_UNKNOWN;
    return r;
}

START_TEST(audit_row_fields)
{
    int32_t field = -1;
    btx_audit_row r = good_row(1, D);
    btx_audit_result res[3];
    ck_assert_int_eq(btx_check_audit_row(&r, &field), BTX_OK);
    ck_assert_int_eq(field, BTX_FIELD_NONE);
    for (int which = 0; which < 5; which++) {
        r = good_row(1, D);
        int32_t want_field;
        int want;
        switch (which) {
        case 0: r.admin.units = -1.0; want_field = BTX_FIELD_UNITS; want = BTX_ERANGE; break;
        case 1: r.weight_kg = NAN; want_field = BTX_FIELD_WEIGHT_KG; want = BTX_ERANGE; break;
        case 2: r.birth_date = BTX_DATE_MIN - 2; want_field = BTX_FIELD_BIRTH_DATE; want = BTX_ERANGE; break;
        case 3: r.reserved = 1; want_field = BTX_FIELD_RESERVED; want = BTX_EINVAL; break;
        default: r.admin.product = 77; want_field = BTX_FIELD_PRODUCT; want = BTX_EINVAL; break;
        }
        ck_assert_int_eq(btx_check_audit_row(&r, &field), want);
        ck_assert_int_eq(field, want_field);
        btx_audit_row rows[2] = {good_row(1, D - 200), r};
        size_t bad = 9;
        ck_assert_int_eq(btx_check_audit_rows(rows, 2, &bad, &field), want);
        ck_assert_int_eq(field, want_field);
        ck_assert_uint_eq(bad, 1);
        ck_assert_int_eq(btx_audit(NULL, rows, 2, res, NULL), want);
        ck_assert_int_eq(btx_validate_audit(rows, 2, &bad), want);
    }
    ck_assert_int_eq(btx_check_audit_row(NULL, &field), BTX_EINVAL);
}
END_TEST

START_TEST(audit_row_order)
{
    int32_t field = -1;
    size_t bad = 9;
    btx_audit_result res[3];
    btx_audit_row keys[3] = {good_row(1, D), good_row(3, D), good_row(2, D + 400)};
    ck_assert_int_eq(btx_check_audit_rows(keys, 3, &bad, &field), BTX_EINVAL);
    ck_assert_int_eq(field, BTX_FIELD_PATIENT);
    ck_assert_uint_eq(bad, 2);
    ck_assert_int_eq(btx_audit(NULL, keys, 3, res, NULL), BTX_EINVAL);
    btx_audit_row dates[3] = {good_row(1, D), good_row(1, D + 200), good_row(1, D + 100)};
    ck_assert_int_eq(btx_check_audit_rows(dates, 3, &bad, &field), BTX_EINVAL);
    ck_assert_int_eq(field, BTX_FIELD_DATE);
    ck_assert_uint_eq(bad, 2);
    btx_audit_row fine[3] = {good_row(1, D), good_row(1, D), good_row(2, D - 100)};
    ck_assert_int_eq(btx_check_audit_rows(fine, 3, &bad, &field), BTX_OK);
    ck_assert_int_eq(field, BTX_FIELD_NONE);
    ck_assert_uint_eq(bad, 0);
    ck_assert_int_eq(btx_check_audit_rows(NULL, 1, &bad, &field), BTX_EINVAL);
    ck_assert_int_eq(btx_check_audit_rows(NULL, 0, NULL, NULL), BTX_OK);
}
END_TEST

/* Random records with random bad fields: the check agrees with btx_validate_history
 * and names a field whose repair changes the answer. */
START_TEST(random_records)
{
    srand(12345);
    for (int i = 0; i < 20000; i++) {
        btx_administration a = good_record();
        for (size_t k = 0; k < NRECORD; k++)
            if (rand() % 4 == 0)
                record_cases[k].spoil(&a);
        int32_t field = -1;
        const int rc = btx_check_record(&a, &field);
        ck_assert_int_eq(rc, btx_validate_history(&a, 1, NULL));
        ck_assert_int_eq(rc == BTX_OK, field == BTX_FIELD_NONE);
        if (rc != BTX_OK) {
            /* Repair the named field: the error moves to a later field or goes away. */
            const btx_administration g = good_record();
            switch (field) {
            case BTX_FIELD_DATE: a.date = g.date; break;
            case BTX_FIELD_PRODUCT: a.product = g.product; break;
            case BTX_FIELD_INDICATION: a.indication = g.indication; break;
            case BTX_FIELD_FLAGS: a.flags = g.flags; break;
            case BTX_FIELD_UNITS: a.units = g.units; break;
            default: ck_abort_msg("unexpected field %d", field);
            }
            int32_t after = -1;
            const int rc_after = btx_check_record(&a, &after);
            ck_assert((rc_after == BTX_OK) == (after == BTX_FIELD_NONE));
            ck_assert(after == BTX_FIELD_NONE || after > field);
        }
    }
}
END_TEST

START_TEST(field_names)
{
    ck_assert_str_eq(btx_field_name(BTX_FIELD_NONE), "none");
    ck_assert_str_eq(btx_field_name(BTX_FIELD_UNITS), "units");
    ck_assert_str_eq(btx_field_name(BTX_FIELD_BIRTH_DATE), "birth_date");
    ck_assert_str_eq(btx_field_name(BTX_FIELD_WEIGHT_MAX_AGE_DAYS), "weight_max_age_days");
    ck_assert_str_eq(btx_field_name(BTX_FIELD_PATIENT), "patient");
    ck_assert_str_eq(btx_field_name(BTX_FIELD_SETTING), "setting");
    ck_assert_str_eq(btx_field_name(BTX_FIELD_SETTING + 1), "unknown");
    ck_assert_str_eq(btx_field_name(-1), "unknown");
    /* Every field has its own name. */
    for (int32_t i = BTX_FIELD_NONE; i <= BTX_FIELD_SETTING; i++)
        for (int32_t j = i + 1; j <= BTX_FIELD_SETTING; j++)
            ck_assert_str_ne(btx_field_name(i), btx_field_name(j));
}
END_TEST

Suite *validate_suite(void);
Suite *validate_suite(void)
{
    Suite *s = suite_create("validate");
    TCase *tc = tcase_create("validate");
    tcase_add_loop_test(tc, record_fields, 0, (int)NRECORD);
    tcase_add_test(tc, proposal_needs_indication);
    tcase_add_test(tc, record_order);
    tcase_add_test(tc, patient_fields);
    tcase_add_test(tc, patient_larger_struct);
    tcase_add_loop_test(tc, policy_fields, 0, (int)NPOLICY);
    tcase_add_test(tc, policy_order);
    tcase_add_test(tc, audit_row_fields);
    tcase_add_test(tc, audit_row_order);
    tcase_add_test(tc, random_records);
    tcase_add_test(tc, field_names);
    suite_add_tcase(s, tc);
    return s;
}
