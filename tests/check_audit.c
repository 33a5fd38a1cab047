/* SPDX-License-Identifier: Apache-2.0 */
/* Population audit (design.md section 6, docs/audit.md): layout, worked examples typed
 * from the design text and label-facts.md, validation and order, and a property test
 * that holds btx_audit to btx_evaluate / btx_window_total / btx_headroom row by row
 * over thousands of random populations. Public API only. */
#include <check.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "check_util.h"

#define BOTOX BTX_PRODUCT_BOTOX
#define COSMETIC BTX_PRODUCT_BOTOX_COSMETIC
#define DYSPORT BTX_PRODUCT_DYSPORT
#define XEOMIN BTX_PRODUCT_XEOMIN
#define CM BTX_INDICATION_CHRONIC_MIGRAINE
#define OAB BTX_INDICATION_OVERACTIVE_BLADDER
#define ULS BTX_INDICATION_UPPER_LIMB_SPASTICITY
#define LLS BTX_INDICATION_LOWER_LIMB_SPASTICITY
#define CD BTX_INDICATION_CERVICAL_DYSTONIA
#define BLEPH BTX_INDICATION_BLEPHAROSPASM
#define GL BTX_INDICATION_GLABELLAR_LINES
#define FL BTX_INDICATION_FOREHEAD_LINES
#define LCL BTX_INDICATION_LATERAL_CANTHAL_LINES
#define EM BTX_INDICATION_EPISODIC_MIGRAINE
#define UNKNOWN BTX_DATE_UNKNOWN

static btx_audit_row row(uint64_t patient, btx_date d, int32_t product, int32_t indication,
                         double units, double weight, btx_date birth)
{
    btx_audit_row r;
    memset(&r, 0, sizeof r);
    r.patient = patient;
    r.admin.date = d;
    r.admin.product = product;
    r.admin.indication = indication;
    r.admin.flags = 0;
    r.admin.units = units;
    r.weight_kg = weight;
    r.birth_date = birth;
    r.reserved = 0;
    return r;
}

static btx_policy policy_of(int32_t length, int32_t unit, int32_t spacing)
{
    btx_policy p;
    memset(&p, 0, sizeof p);
    p.struct_size = sizeof p;
    p.window_length = length;
    p.window_unit = unit;
    p.min_spacing_days = spacing;
    return p;
}

/* Fills results with a sentinel, runs the audit, returns the status. */
static int run(const btx_policy *pol, const btx_audit_row *rows, size_t n,
               btx_audit_result *res, size_t *flagged)
{
    memset(res, 0xA5, n * sizeof *res);
    return btx_audit(pol, rows, n, res, flagged);
}

static int untouched(const btx_audit_result *r)
{
    const unsigned char *b = (const unsigned char *)r;
    for (size_t i = 0; i < sizeof *r; i++)
        if (b[i] != 0xA5)
            return 0;
    return 1;
}

/* ---- layout ---- */

START_TEST(layout)
{
    ck_assert_uint_eq(sizeof(btx_audit_row), 48);
    ck_assert_uint_eq(offsetof(btx_audit_row, patient), 0);
    ck_assert_uint_eq(offsetof(btx_audit_row, admin), 8);
    ck_assert_uint_eq(offsetof(btx_audit_row, weight_kg), 32);
    ck_assert_uint_eq(offsetof(btx_audit_row, birth_date), 40);
    ck_assert_uint_eq(offsetof(btx_audit_row, reserved), 44);
    ck_assert_uint_eq(sizeof(btx_audit_result), 24);
    ck_assert_uint_eq(offsetof(btx_audit_result, window_total), 0);
    ck_assert_uint_eq(offsetof(btx_audit_result, flags), 8);
    ck_assert_uint_eq(offsetof(btx_audit_result, rule), 12);
    ck_assert_uint_eq(offsetof(btx_audit_result, reserved), 16);
    ck_assert_uint_eq(btx_sizeof_audit_row(), 48);
    ck_assert_uint_eq(btx_sizeof_audit_result(), 24);
    ck_assert_int_eq(BTX_AUDIT_OVER_WINDOW, 1);
    ck_assert_int_eq(BTX_AUDIT_TOO_SOON, 2);
    ck_assert_int_eq(BTX_AUDIT_SCHEDULE, 4);
    ck_assert_int_eq(BTX_AUDIT_OVER_SESSION, 8);
    ck_assert_int_eq(BTX_AUDIT_NOT_LABELLED, 16);
    ck_assert_int_eq(BTX_AUDIT_NOT_CHECKED, 32);
    ck_assert_int_ge(btx_version_number(), 10100); /* the audit exists since 1.1 */
}
END_TEST

/* ---- worked examples ---- */

/* 90-day policy: the window of 2025-03-31 is 2025-01-01..2025-03-31 (the date and the 89
 * days before it); on 2025-04-01 the 1 January dose has left it. */
START_TEST(ninety_days)
{
    const btx_audit_row rows[] = {
        row(7, ymd(2025, 1, 1), BOTOX, CM, 155, 0, UNKNOWN),
        row(7, ymd(2025, 3, 26), BOTOX, CM, 155, 0, UNKNOWN),  /* 84 days: on schedule */
        row(7, ymd(2025, 3, 31), BOTOX, ULS, 100, 0, UNKNOWN), /* 410 U in 90 days */
        row(7, ymd(2025, 4, 1), BOTOX, OAB, 50, 0, UNKNOWN),   /* 305 U */
    };
    btx_audit_result res[4];
    size_t flagged = 99;
    btx_policy pol = policy_of(90, BTX_DAYS, 0);
    ck_assert_int_eq(run(&pol, rows, 4, res, &flagged), BTX_OK);
    ck_assert_double_eq(res[0].window_total, 155.0);
    ck_assert_double_eq(res[1].window_total, 310.0);
    ck_assert_double_eq(res[2].window_total, 410.0);
    ck_assert_double_eq(res[3].window_total, 305.0);
    ck_assert_int_eq(res[0].flags, 0);
    ck_assert_int_eq(res[1].flags, 0);
    ck_assert_int_eq(res[2].flags, BTX_AUDIT_OVER_WINDOW);
    ck_assert_int_eq(res[2].rule, BTX_RULE_ONA_ADULT_WINDOW_POLICY);
    ck_assert_int_eq(res[3].flags, 0);
    ck_assert_int_eq(res[3].rule, 0);
    ck_assert_uint_eq(flagged, 1);
    for (size_t i = 0; i < 4; i++) {
        ck_assert_int_eq(res[i].reserved[0], 0);
        ck_assert_int_eq(res[i].reserved[1], 0);
    }
    /* The label's 3 months: the same dates, rule 1. 2024-12-31 + 3 months is 2025-03-31,
     * so the window of 2025-03-31 starts 2025-01-01; that of 2025-04-01 starts 01-02. */
    ck_assert_int_eq(run(NULL, rows, 4, res, NULL), BTX_OK);
    ck_assert_double_eq(res[2].window_total, 410.0);
    ck_assert_int_eq(res[2].rule, BTX_RULE_ONA_ADULT_WINDOW);
    ck_assert_double_eq(res[3].window_total, 305.0);
}
END_TEST

/* Month ends: 2025-03-31 + 3 months = 2025-06-30 (clamped), so the window starting on
 * 2025-03-31 ends before 2025-06-30: the window of 2025-06-30 starts on 2025-04-01 and
 * 2025-03-31 is not in it. 2025-02-28 + 3 months = 2025-05-28: the window
 * of 2025-05-27 starts 2025-02-28 (in), that of 2025-05-31 on 2025-03-01 (out). */
START_TEST(month_end)
{
    const btx_audit_row rows[] = {
        row(1, ymd(2025, 3, 31), BOTOX, CM, 200, 0, UNKNOWN),
        row(1, ymd(2025, 6, 30), BOTOX, CM, 250, 0, UNKNOWN),
        row(2, ymd(2025, 2, 28), BOTOX, CM, 300, 0, UNKNOWN),
        row(2, ymd(2025, 5, 27), BOTOX, OAB, 100, 0, UNKNOWN),
        row(2, ymd(2025, 5, 31), BOTOX, CM, 155, 0, UNKNOWN),
    };
    btx_audit_result res[5];
    size_t flagged = 0;
    ck_assert_int_eq(run(NULL, rows, 5, res, &flagged), BTX_OK);
    ck_assert_double_eq(res[1].window_total, 250.0);
    ck_assert_int_eq(res[1].flags, 0);
    ck_assert_double_eq(res[3].window_total, 400.0); /* at the limit: passes */
    ck_assert_int_eq(res[3].flags, 0);
    ck_assert_double_eq(res[4].window_total, 255.0);
    ck_assert_int_eq(res[4].flags, 0);
    ck_assert_uint_eq(flagged, 0);
}
END_TEST

/* A child of 20 kg: lower of 10 U/kg (200 U) and 340 U; without a weight, only the
 * 340 U absolute part can be checked. Pediatric upper limb session: lower of 6 U/kg
 * (120 U) and 200 U. From the 18th birthday: adult rules. */
START_TEST(pediatric)
{
    const btx_date birth = ymd(2015, 6, 1);
    const btx_audit_row rows[] = {
        row(3, ymd(2025, 1, 10), BOTOX, ULS, 120, 20, birth),
        row(3, ymd(2025, 3, 10), BOTOX, LLS, 90, 20, birth),  /* 210 > 200 */
        row(4, ymd(2025, 1, 10), BOTOX, ULS, 120, 0, birth),  /* no weight */
        row(4, ymd(2025, 3, 10), BOTOX, LLS, 90, 0, birth),   /* 210 <= 340 */
        row(5, ymd(2025, 1, 10), BOTOX, ULS, 121, 20, birth), /* session 121 > 120 */
        row(6, ymd(2033, 5, 31), BOTOX, CM, 300, 0, birth),   /* 17: no weight, 300 <= 340 */
        row(6, ymd(2033, 6, 1), BOTOX, OAB, 50, 0, birth),    /* 18 today: adult, 350 */
        row(6, ymd(2033, 6, 2), BOTOX, ULS, 60, 0, birth),    /* 410 > 400 */
    };
    btx_audit_result res[8];
    size_t flagged = 0;
    ck_assert_int_eq(run(NULL, rows, 8, res, &flagged), BTX_OK);
    ck_assert_int_eq(res[0].flags, 0);
    ck_assert_double_eq(res[1].window_total, 210.0);
    ck_assert_int_eq(res[1].flags, BTX_AUDIT_OVER_WINDOW);
    ck_assert_int_eq(res[1].rule, BTX_RULE_ONA_PEDIATRIC_WINDOW);
    ck_assert_int_eq(res[2].flags, BTX_AUDIT_NOT_CHECKED); /* window and session */
    ck_assert_int_eq(res[2].rule, 0);
    ck_assert_int_eq(res[3].flags, BTX_AUDIT_NOT_CHECKED);
    ck_assert_int_eq(res[3].rule, 0);
    ck_assert_int_eq(res[4].flags, BTX_AUDIT_OVER_SESSION);
    ck_assert_int_eq(res[4].rule, BTX_RULE_BOTOX_PED_ULS_SESSION);
    ck_assert_int_eq(res[5].flags, BTX_AUDIT_NOT_CHECKED | BTX_AUDIT_NOT_LABELLED);
    ck_assert_int_eq(res[5].rule, BTX_RULE_LABEL_NOT_LABELLED); /* no pediatric CM label */
    ck_assert_int_eq(res[6].flags, 0);
    ck_assert_double_eq(res[6].window_total, 350.0);
    ck_assert_int_eq(res[7].flags, BTX_AUDIT_OVER_WINDOW);
    ck_assert_int_eq(res[7].rule, BTX_RULE_ONA_ADULT_WINDOW);
    ck_assert_uint_eq(flagged, 6);
}
END_TEST

/* Rows of one date count together, whatever their order; blepharospasm: 200 U in 30
 * days of blepharospasm rows, on top of the substance window. */
START_TEST(same_date_and_blepharospasm)
{
    const btx_audit_row rows[] = {
        row(1, ymd(2025, 1, 1), BOTOX, CM, 250, 0, UNKNOWN),
        row(1, ymd(2025, 1, 1), BOTOX, OAB, 200, 0, UNKNOWN),
        row(2, ymd(2025, 1, 1), BOTOX, BLEPH, 100, 0, UNKNOWN),
        row(2, ymd(2025, 1, 30), BOTOX, BLEPH, 101, 0, UNKNOWN), /* 201 in 30 days */
        row(2, ymd(2025, 1, 31), BOTOX, BLEPH, 100, 0, UNKNOWN), /* 1 Jan left: 201 */
        row(2, ymd(2025, 2, 1), BOTOX, CM, 90, 0, UNKNOWN),      /* not blepharospasm */
    };
    btx_audit_result res[6];
    size_t flagged = 0;
    ck_assert_int_eq(run(NULL, rows, 6, res, &flagged), BTX_OK);
    ck_assert_double_eq(res[0].window_total, 450.0);
    ck_assert_double_eq(res[1].window_total, 450.0);
    ck_assert_int_eq(res[0].flags, BTX_AUDIT_OVER_WINDOW);
    ck_assert_int_eq(res[1].flags, BTX_AUDIT_OVER_WINDOW);
    ck_assert_int_eq(res[0].rule, BTX_RULE_ONA_ADULT_WINDOW);
    ck_assert_int_eq(res[2].flags, 0);
    ck_assert_int_eq(res[3].flags, BTX_AUDIT_OVER_WINDOW | BTX_AUDIT_SCHEDULE);
    ck_assert_int_eq(res[3].rule, BTX_RULE_ONA_BLEPHAROSPASM_WINDOW);
    ck_assert_double_eq(res[3].window_total, 201.0);
    ck_assert_int_eq(res[4].flags, BTX_AUDIT_OVER_WINDOW | BTX_AUDIT_SCHEDULE);
    ck_assert_int_eq(res[4].rule, BTX_RULE_ONA_BLEPHAROSPASM_WINDOW);
    ck_assert_double_eq(res[4].window_total, 301.0);
    ck_assert_int_eq(res[5].flags, 0);
    ck_assert_double_eq(res[5].window_total, 391.0);
    ck_assert_uint_eq(flagged, 4);
}
END_TEST

/* Intervals, spacing, caps and label status. */
START_TEST(rules)
{
    const btx_date adult = ymd(1955, 1, 1);
    const btx_audit_row rows[] = {
        row(1, ymd(2025, 1, 1), BOTOX, OAB, 100, 0, adult),
        row(1, ymd(2025, 3, 1), BOTOX, OAB, 100, 0, adult),   /* 59 days: too soon (61) */
        row(2, ymd(2025, 1, 1), BOTOX, CM, 155, 0, adult),
        row(2, ymd(2025, 3, 1), BOTOX, CM, 155, 0, adult),    /* schedule (60) */
        row(3, ymd(2025, 1, 1), COSMETIC, GL, 20, 0, adult),
        row(3, ymd(2025, 1, 1), COSMETIC, FL, 20, 0, adult),
        row(3, ymd(2025, 1, 1), COSMETIC, LCL, 24, 0, adult),  /* 64: at the visit cap */
        row(4, ymd(2025, 1, 1), COSMETIC, GL, 15, 0, adult),
        row(4, ymd(2025, 1, 1), BOTOX, GL, 10, 0, adult),      /* glabellar session 25 > 20 */
        row(5, ymd(2025, 1, 1), BOTOX, EM, 155, 0, adult),     /* not established (111) */
        row(5, ymd(2025, 5, 1), DYSPORT, CM, 500, 0, adult),   /* not labelled (112) */
        row(5, ymd(2025, 9, 1), DYSPORT, GL, 50, 0, adult),    /* 70 years old: 113 */
        row(5, ymd(2025, 9, 2), DYSPORT, 0, 900, 0, adult),    /* no indication */
        row(6, ymd(2025, 1, 1), XEOMIN, ULS, 300, 0, adult),
        row(6, ymd(2025, 1, 1), XEOMIN, 0, 150, 0, adult),     /* visit 450 > 400 (41) */
    };
    const size_t n = sizeof rows / sizeof rows[0];
    btx_audit_result res[sizeof rows / sizeof rows[0]];
    size_t flagged = 0;
    ck_assert_int_eq(run(NULL, rows, n, res, &flagged), BTX_OK);
    ck_assert_int_eq(res[0].flags, 0);
    ck_assert_int_eq(res[1].flags, BTX_AUDIT_TOO_SOON);
    ck_assert_int_eq(res[1].rule, BTX_RULE_BOTOX_OAB_INTERVAL);
    ck_assert_int_eq(res[3].flags, BTX_AUDIT_SCHEDULE);
    ck_assert_int_eq(res[3].rule, BTX_RULE_BOTOX_CHRONIC_MIGRAINE_INTERVAL);
    ck_assert_int_eq(res[4].flags, 0);
    ck_assert_int_eq(res[5].flags, 0);
    ck_assert_int_eq(res[6].flags, 0);
    ck_assert_int_eq(res[7].flags, BTX_AUDIT_OVER_SESSION);
    ck_assert_int_eq(res[7].rule, BTX_RULE_BOTOX_COSMETIC_GLABELLAR_SESSION);
    /* BOTOX for glabellar lines: no BOTOX row covers it (the cosmetic product does). */
    ck_assert_int_eq(res[8].flags, BTX_AUDIT_NOT_LABELLED);
    ck_assert_int_eq(res[8].rule, BTX_RULE_LABEL_NOT_LABELLED);
    ck_assert_int_eq(res[9].flags, BTX_AUDIT_NOT_LABELLED);
    ck_assert_int_eq(res[9].rule, BTX_RULE_LABEL_NOT_ESTABLISHED);
    ck_assert_int_eq(res[10].flags, BTX_AUDIT_NOT_LABELLED);
    ck_assert_int_eq(res[10].rule, BTX_RULE_LABEL_NOT_LABELLED);
    ck_assert_double_eq(res[10].window_total, 500.0); /* Dysport: no window rule */
    ck_assert_int_eq(res[11].flags, BTX_AUDIT_NOT_LABELLED);
    ck_assert_int_eq(res[11].rule, BTX_RULE_LABEL_AGE);
    ck_assert_int_eq(res[12].flags, 0);
    ck_assert_double_eq(res[12].window_total, 950.0); /* from 2025-06-03: 50 + 900 */
    ck_assert_int_eq(res[13].flags, BTX_AUDIT_OVER_SESSION);
    ck_assert_int_eq(res[13].rule, BTX_RULE_XEOMIN_VISIT);
    ck_assert_int_eq(res[14].flags, BTX_AUDIT_OVER_SESSION);
    ck_assert_uint_eq(flagged, 9);

    /* Policy spacing of 30 days between visits of a substance, any indication. */
    const btx_audit_row sp[] = {
        row(1, ymd(2025, 1, 1), BOTOX, CM, 100, 0, adult),
        row(1, ymd(2025, 1, 15), COSMETIC, 0, 10, 0, adult),
        row(1, ymd(2025, 2, 14), BOTOX, OAB, 100, 0, adult), /* 30 days after 1-15 */
    };
    btx_policy pol = policy_of(0, 0, 30);
    ck_assert_int_eq(run(&pol, sp, 3, res, &flagged), BTX_OK);
    ck_assert_int_eq(res[0].flags, 0);
    ck_assert_int_eq(res[1].flags, BTX_AUDIT_TOO_SOON);
    ck_assert_int_eq(res[1].rule, BTX_RULE_POLICY_SPACING);
    ck_assert_int_eq(res[2].flags, 0);
    ck_assert_uint_eq(flagged, 1);
}
END_TEST

/* Unsorted input: BTX_EINVAL, the index of the first bad row, nothing written at or past
 * it. */
START_TEST(order)
{
    btx_audit_row rows[] = {
        row(1, ymd(2025, 1, 1), BOTOX, CM, 100, 0, UNKNOWN),
        row(1, ymd(2025, 2, 1), BOTOX, CM, 100, 0, UNKNOWN),
        row(2, ymd(2024, 1, 1), BOTOX, CM, 100, 0, UNKNOWN),
        row(2, ymd(2024, 1, 1), BOTOX, OAB, 100, 0, UNKNOWN),
        row(1, ymd(2025, 3, 1), BOTOX, CM, 100, 0, UNKNOWN), /* key 1 again */
        row(3, ymd(2025, 3, 1), BOTOX, CM, 100, 0, UNKNOWN),
    };
    btx_audit_result res[6];
    size_t bad = 99, flagged = 77;
    ck_assert_int_eq(btx_validate_audit(rows, 6, &bad), BTX_EINVAL);
    ck_assert_uint_eq(bad, 4);
    ck_assert_int_eq(run(NULL, rows, 6, res, &flagged), BTX_EINVAL);
    ck_assert_uint_eq(flagged, 77);
    ck_assert(untouched(&res[4]));
    ck_assert(untouched(&res[5]));
    ck_assert(!untouched(&res[0])); /* earlier patients were done */

    /* A date going back within a patient, in the middle of a group of one date. */
    rows[4] = row(2, ymd(2024, 1, 1), BOTOX, CD, 100, 0, UNKNOWN);
    rows[5] = row(2, ymd(2023, 12, 31), BOTOX, CM, 100, 0, UNKNOWN);
    ck_assert_int_eq(btx_validate_audit(rows, 6, &bad), BTX_EINVAL);
    ck_assert_uint_eq(bad, 5);
    ck_assert_int_eq(run(NULL, rows, 6, res, NULL), BTX_EINVAL);
    ck_assert(untouched(&res[5]));

    /* Sorted: fine; equal dates are allowed. */
    rows[5] = row(2, ymd(2024, 1, 1), BOTOX, CM, 100, 0, UNKNOWN);
    ck_assert_int_eq(btx_validate_audit(rows, 6, &bad), BTX_OK);
    ck_assert_uint_eq(bad, 0);
    ck_assert_int_eq(run(NULL, rows, 6, res, NULL), BTX_OK);
    /* Patient 2 on 2024-01-01: 4 rows of 100 U together. */
    ck_assert_double_eq(res[2].window_total, 400.0);
    ck_assert_double_eq(res[5].window_total, 400.0);

    /* Keys compare as unsigned 64-bit numbers. */
    btx_audit_row big[2] = {row(5, ymd(2025, 1, 1), BOTOX, CM, 1, 0, UNKNOWN),
                            row(UINT64_C(0xFFFFFFFFFFFFFFFF), ymd(2020, 1, 1), BOTOX, CM, 1, 0,
                                UNKNOWN)};
    ck_assert_int_eq(btx_validate_audit(big, 2, &bad), BTX_OK);
    btx_audit_row tmp = big[0];
    big[0] = big[1];
    big[1] = tmp;
    ck_assert_int_eq(btx_validate_audit(big, 2, &bad), BTX_EINVAL);
    ck_assert_uint_eq(bad, 1);
}
END_TEST

START_TEST(validation)
{
    const btx_audit_row good = row(1, ymd(2025, 1, 1), BOTOX, CM, 155, 30, ymd(2000, 1, 1));
    btx_audit_row rows[3] = {good, good, good};
    btx_audit_result res[3];
    size_t bad = 99;
    struct {
        int field;
        int expect;
    } cases[] = {
        {0, BTX_ERANGE}, {1, BTX_EINVAL}, {2, BTX_EINVAL}, {3, BTX_EINVAL}, {4, BTX_ERANGE},
        {5, BTX_ERANGE}, {6, BTX_ERANGE}, {7, BTX_ERANGE}, {8, BTX_ERANGE}, {9, BTX_EINVAL},
        {10, BTX_ERANGE}, {11, BTX_ERANGE},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        btx_audit_row r = good;
        switch (cases[c].field) {
        case 0: r.admin.date = BTX_DATE_MAX + 1; break;
        case 1: r.admin.product = 9; break;
        case 2: r.admin.indication = 18; break;
        case 3: r.admin.flags = 4; break;
        case 4: r.admin.units = -1.0; break;
        case 5: r.weight_kg = NAN; break;
        case 6: r.weight_kg = -0.5; break;
        case 7: r.weight_kg = 1000.5; break;
        case 8: r.birth_date = BTX_DATE_MIN - 1; break;
        case 9: r.reserved = 1; break;
        case 10: r.admin.units = NAN; break;
        case 11: r.weight_kg = INFINITY; break;
        }
        /* Three layouts: rows of one date (a group), of three dates (each alone on its
         * date: the audit's fast lane), and the second row of a same-date pair. */
        for (int shape = 0; shape < 3; shape++) {
            btx_audit_row lr[4] = {good, good, good, good};
            size_t n = 3, at = 1;
            if (shape == 1) {
                lr[1].admin.date += 100;
                lr[2].admin.date += 200;
            } else if (shape == 2) {
                n = 4;
                at = 2;
                lr[1].admin.date += 100;
                lr[2].admin.date += 100;
                lr[3].admin.date += 200;
            }
            btx_audit_row b = r;
            if (cases[c].field != 0)
                b.admin.date = lr[at].admin.date;
            lr[at] = b;
            btx_audit_result lres[4];
            ck_assert_int_eq(btx_validate_audit(lr, n, &bad), cases[c].expect);
            ck_assert_uint_eq(bad, at);
            ck_assert_int_eq(run(NULL, lr, n, lres, NULL), cases[c].expect);
            for (size_t k = at; k < n; k++)
                ck_assert(untouched(&lres[k]));
        }
    }
    /* Field errors come before order: a bad weight on a row that is also out of order. */
    rows[1] = good;
    rows[1].patient = 0;
    rows[1].weight_kg = -1;
    ck_assert_int_eq(btx_validate_audit(rows, 3, &bad), BTX_ERANGE);
    /* Limits that are fine: 1000 kg, unknown birth date, 0 U. */
    rows[1] = good;
    rows[1].weight_kg = 1000.0;
    rows[1].birth_date = BTX_DATE_UNKNOWN;
    rows[1].admin.units = 0.0;
    ck_assert_int_eq(btx_validate_audit(rows, 3, &bad), BTX_OK);
    /* Good rows that the fast lane leaves to the general path, alone on their dates:
     * a dose that is not a whole number of milli-units (rounded: 12.3456 U counts as
     * 12.346 U), -0.0 U and -0.0 kg (valid: not below zero). */
    btx_audit_row odd[3] = {good, good, good};
    odd[1].admin.date += 100;
    odd[1].admin.units = 12.3456;
    odd[2].admin.date += 150;
    odd[2].admin.units = -0.0;
    odd[2].weight_kg = -0.0;
    btx_audit_result ores[3];
    ck_assert_int_eq(run(NULL, odd, 3, ores, NULL), BTX_OK);
    ck_assert(ores[0].window_total == 155.0);
    ck_assert(ores[1].window_total == 12.346); /* 2025-04-11: 2025-01-01 is 100 days back */
    ck_assert(ores[2].window_total == 12.346); /* 2025-05-31: its 3 months start on 1 March */

    /* Arguments. */
    size_t flagged = 5;
    ck_assert_int_eq(btx_audit(NULL, NULL, 1, res, &flagged), BTX_EINVAL);
    ck_assert_int_eq(btx_audit(NULL, rows, 1, NULL, &flagged), BTX_EINVAL);
    ck_assert_int_eq(btx_validate_audit(NULL, 1, &bad), BTX_EINVAL);
    ck_assert_int_eq(btx_audit(NULL, NULL, 0, NULL, &flagged), BTX_OK);
    ck_assert_uint_eq(flagged, 0);
    ck_assert_int_eq(btx_validate_audit(NULL, 0, NULL), BTX_OK);
    btx_policy pol = policy_of(0, 0, 0);
    pol.reserved = 1;
    ck_assert_int_eq(btx_audit(&pol, rows, 3, res, NULL), BTX_EINVAL);
    pol = policy_of(90, 9, 0);
    ck_assert_int_eq(btx_audit(&pol, rows, 3, res, NULL), BTX_EINVAL);
    pol = policy_of(0, 0, 0);
    pol.struct_size = 8;
    ck_assert_int_eq(btx_audit(&pol, rows, 3, res, NULL), BTX_EVERSION);
}
END_TEST

/* ---- property test against the per-patient engine ---- */

static uint64_t rng_state;

static uint32_t rnd(uint32_t bound)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)((rng_state >> 32) % bound);
}

typedef struct pair {
    int32_t product, indication;
} pair;

/* Combinations with rules (windows, caps, intervals, labels), plus anything at all. */
static const pair pairs[] = {
    {BOTOX, CM}, {BOTOX, OAB}, {BOTOX, BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY},
    {BOTOX, ULS}, {BOTOX, LLS}, {BOTOX, CD}, {BOTOX, BLEPH}, {BOTOX, BLEPH}, {BOTOX, EM},
    {BOTOX, 0}, {COSMETIC, GL}, {COSMETIC, FL}, {COSMETIC, LCL},
    {COSMETIC, BTX_INDICATION_PLATYSMA_BANDS}, {COSMETIC, BLEPH}, {DYSPORT, ULS},
    {DYSPORT, LLS}, {DYSPORT, CD}, {DYSPORT, GL}, {XEOMIN, ULS}, {XEOMIN, GL},
    {XEOMIN, FL}, {XEOMIN, BTX_INDICATION_CHRONIC_SIALORRHEA}, {XEOMIN, 0},
    {BTX_PRODUCT_JEUVEAU, GL}, {BTX_PRODUCT_MYOBLOC, CD},
};
static const double unit_choices[] = {0, -0.0, 0.5, 5, 10, 12.345, 20, 24, 36, 50, 100, 120,
                                      155, 200, 250, 300, 400, 500, 1000, 1500};

static btx_administration admin_of(const btx_audit_row *r)
{
    return r->admin;
}

/* Smallest S with S + L > d (L in days, weeks or months, by the public date functions). */
static btx_date first_start(btx_date d, int32_t length, int32_t unit)
{
    /* A start before BTX_DATE_MIN is out of range for btx_window_total: no record is
     * dated earlier, so BTX_DATE_MIN counts the same rows (the history ends on d). */
    btx_date s;
    if (unit == BTX_DAYS)
        s = d - length + 1;
    else if (unit == BTX_WEEKS)
        s = d - 7 * length + 1;
    else
        s = d - 31 * length - 5;
    if (s < BTX_DATE_MIN)
        s = BTX_DATE_MIN;
    if (unit != BTX_MONTHS)
        return s;
    for (;;) {
        btx_date e = 0;
        ck_assert_int_eq(btx_date_add_months(s, length, &e), BTX_OK);
        if (e > d)
            return s;
        s++;
    }
}

static int cmp_rows(const void *x, const void *y)
{
    const btx_audit_row *a = x, *b = y;
    if (a->patient != b->patient)
        return a->patient < b->patient ? -1 : 1;
    if (a->admin.date != b->admin.date)
        return a->admin.date < b->admin.date ? -1 : 1;
    return 0; /* same date: any order (qsort is not stable: so much the better) */
}

#define MAXROWS 160
#define MAXFIND 32

/* The flags and rule btx_evaluate's findings stand for, in its finding order. */
static void expected_from_findings(const btx_finding *f, size_t count, int32_t *flags,
                                   int32_t *rule)
{
    *flags = 0;
    *rule = 0;
    for (size_t i = 0; i < count; i++) {
        int32_t bit = 0;
        switch (f[i].code) {
        case BTX_FINDING_WINDOW_LIMIT:
            bit = BTX_AUDIT_OVER_WINDOW;
            break;
        case BTX_FINDING_TOO_SOON:
            bit = f[i].rule == BTX_RULE_POLICY_SPACING || f[i].severity == BTX_CRITICAL
                      ? BTX_AUDIT_TOO_SOON
                      : BTX_AUDIT_SCHEDULE;
            break;
        case BTX_FINDING_SESSION_LIMIT:
            bit = BTX_AUDIT_OVER_SESSION;
            break;
        case BTX_FINDING_NOT_ESTABLISHED:
        case BTX_FINDING_NOT_LABELLED:
            bit = BTX_AUDIT_NOT_LABELLED;
            break;
        default:
            continue; /* protocol dose, notices: not audit flags */
        }
        if (f[i].status == BTX_FAIL) {
            *flags |= bit;
            if (*rule == 0)
                *rule = f[i].rule;
        } else if (f[i].status == BTX_NOT_CHECKED) {
            *flags |= BTX_AUDIT_NOT_CHECKED;
        }
    }
}

static size_t seen_flags[6]; /* rows with each flag bit, over the property run */
static size_t seen_rows;

static void one_population(unsigned iter)
{
    btx_audit_row rows[MAXROWS];
    btx_audit_result res[MAXROWS];
    size_t n = 0;

    /* Policy: the label's 3 months or a replacement, maybe spacing; weight_max_age_days
     * is set at random to show the audit ignores it (rows carry no weight date). */
    btx_policy pol = policy_of(0, 0, 0);
    const btx_policy *polp = NULL;
    int32_t length = 3, unit = BTX_MONTHS;
    switch (rnd(6)) {
    case 0: break;
    case 1: pol = policy_of(90, BTX_DAYS, 0); length = 90; unit = BTX_DAYS; break;
    case 2: pol = policy_of(2, BTX_MONTHS, 0); length = 2; unit = BTX_MONTHS; break;
    case 3: pol = policy_of(13, BTX_WEEKS, 0); length = 13; unit = BTX_WEEKS; break;
    case 4: pol = policy_of(1, BTX_DAYS, 0); length = 1; unit = BTX_DAYS; break;
    default: pol = policy_of(3, BTX_MONTHS, 0); break;
    }
    if (rnd(3) == 0)
        pol.min_spacing_days = (int32_t)(1 + rnd(60));
    if (rnd(4) == 0)
        pol.weight_max_age_days = 30;
    polp = rnd(5) == 0 && pol.window_length == 0 && pol.min_spacing_days == 0 ? NULL : &pol;
    btx_policy eval_pol = pol;
    eval_pol.weight_max_age_days = 0;

    const unsigned patients = 1 + rnd(6);
    for (unsigned p = 0; p < patients && n < MAXROWS; p++) {
        const uint64_t key = (uint64_t)rnd(1000) * 1000 + p; /* unsorted keys, sorted below */
        /* Start on a month end now and then; now and then in 1900-1929, across the
         * first date of btx_audit's fast lane (1918, 18 years after BTX_DATE_MIN). */
        const int year = rnd(8) == 0 ? 1900 + (int)rnd(30) : 1990 + (int)rnd(200);
        btx_date d = ymd(year, 1 + (int)rnd(12), 1) + (btx_date)rnd(31);
        if (d > BTX_DATE_MAX - 2000)
            d = BTX_DATE_MAX - 2000;
        btx_date birth = UNKNOWN;
        if (rnd(4) != 0)
            birth = rnd(6) == 0 ? ymd(2008, 2, 29) : d - (btx_date)rnd(30 * 366);
        if (birth != UNKNOWN && birth < BTX_DATE_MIN)
            birth = BTX_DATE_MIN;
        /* -0.0 is a valid weight (and dose) that the fast lane leaves to the general
         * path: both must give the same answers. */
        double weight = rnd(3) == 0 ? (rnd(4) == 0 ? -0.0 : 0.0) : 5.0 + rnd(9000) / 100.0;
        const unsigned count = rnd(30);
        for (unsigned k = 0; k < count && n < MAXROWS; k++) {
            static const int32_t gaps[] = {0, 0, 1, 2, 7, 14, 28, 29, 30, 31, 59, 60, 83, 84,
                                           85, 89, 90, 91, 92, 120, 365};
            d += gaps[rnd(sizeof gaps / sizeof gaps[0])];
            if (d > BTX_DATE_MAX)
                break;
            pair pr;
            if (rnd(5) == 0) {
                pr.product = (int32_t)(1 + rnd(8));
                pr.indication = (int32_t)rnd(18);
            } else {
                pr = pairs[rnd(sizeof pairs / sizeof pairs[0])];
            }
            if (rnd(10) == 0)
                weight = rnd(2) == 0 ? 0.0 : 5.0 + rnd(9000) / 100.0;
            rows[n] = row(key, d, pr.product, pr.indication,
                          unit_choices[rnd(sizeof unit_choices / sizeof unit_choices[0])],
                          weight, birth);
            /* a limb record says how many limbs it treated, or not (record.h) */
            if (pr.indication == BTX_INDICATION_UPPER_LIMB_SPASTICITY ||
                pr.indication == BTX_INDICATION_LOWER_LIMB_SPASTICITY)
                rows[n].admin.flags = BTX_LIMBS_FLAGS(rnd(3));
            n++;
        }
    }
    qsort(rows, n, sizeof rows[0], cmp_rows);

    size_t bad = 1;
    ck_assert_int_eq(btx_validate_audit(rows, n, &bad), BTX_OK);
    size_t flagged = 12345;
    ck_assert_int_eq(run(polp, rows, n, res, &flagged), BTX_OK);

    size_t count_flagged = 0;
    for (size_t i = 0; i < n; i++) {
        const btx_audit_row *r = &rows[i];
        const btx_date d = r->admin.date;
        const int32_t substance = btx_product_substance(r->admin.product);
        count_flagged += res[i].flags != 0;
        seen_rows++;
        for (int b = 0; b < 6; b++)
            seen_flags[b] += (res[i].flags >> b) & 1;
        ck_assert_int_eq(res[i].reserved[0], 0);
        ck_assert_int_eq(res[i].reserved[1], 0);

        /* The patient's rows dated on or before d: all (hist_all) and all but this one
         * (hist). */
        btx_administration hist_all[MAXROWS], hist[MAXROWS];
        size_t na = 0, nh = 0;
        for (size_t j = 0; j < n; j++) {
            if (rows[j].patient != r->patient || rows[j].admin.date > d)
                continue;
            hist_all[na++] = admin_of(&rows[j]);
            if (j != i)
                hist[nh++] = admin_of(&rows[j]);
        }

        /* window_total: btx_window_total over [S, S + L) of the rows dated <= d. */
        const btx_date s = first_start(d, length, unit);
        double wt = -1;
        ck_assert_int_eq(btx_window_total(hist_all, na, substance, s, length, unit, &wt), BTX_OK);
        ck_assert_msg(wt == res[i].window_total, "iter %u row %zu: window_total %.3f, expected %.3f",
                      iter, i, res[i].window_total, wt);

        /* A row dated before the birth date: btx_evaluate refuses the question (1.2,
         * BTX_ERANGE); the audit still judges it by its birth date (pediatric), so there
         * is nothing to compare. */
        if (r->birth_date != UNKNOWN && r->birth_date > d) {
            ck_assert_int_eq(btx_check_patient_on(&(btx_patient){sizeof(btx_patient),
                                                                 r->weight_kg, r->birth_date,
                                                                 UNKNOWN},
                                                  d, NULL),
                             BTX_ERANGE);
            continue;
        }
        btx_patient pat;
        memset(&pat, 0, sizeof pat);
        pat.struct_size = sizeof pat;
        pat.weight_kg = r->weight_kg;
        pat.birth_date = r->birth_date;
        pat.weight_date = UNKNOWN;

        /* The row as a proposal, with every other row of the patient dated <= d as its
         * history. Why that history makes the answers exactly comparable:
         * - windows: with nothing dated after d, a window [S', S' + L) that contains d
         *   holds the rows of [S', d]; the largest total is the one with the smallest S',
         *   i.e. the trailing window. btx_evaluate's worst total + the proposal's units
         *   is then exactly the audit's window_total (rows of d count together: all the
         *   other rows of d are in the history whatever their input order).
         * - intervals: no record lies after d, so only the previous session P is tested
         *   (sessions on d are the one the proposal joins), as in the audit.
         * - caps: the history holds every other row of d, so the session or visit total
         *   before the proposal + its units is the total of the date.
         * An indication-0 row cannot be proposed; its substance window and policy spacing
         * are checked with the same row proposed for chronic migraine (both rules ignore
         * the indication), and its only cap, Xeomin's 400 U per visit, by hand. */
        btx_administration prop = r->admin;
        const int no_indication = prop.indication == 0;
        if (no_indication)
            prop.indication = CM;
        btx_finding f[MAXFIND];
        memset(f, 0, sizeof f);
        f[0].struct_size = sizeof f[0];
        size_t fc = 0;
        ck_assert_int_eq(btx_evaluate(&pat, &eval_pol, hist, nh, &prop, f, MAXFIND, &fc), BTX_OK);
        int32_t eflags = 0, erule = 0;
        if (no_indication) {
            btx_finding keep[MAXFIND];
            size_t kc = 0;
            for (size_t k = 0; k < fc; k++)
                if ((f[k].code == BTX_FINDING_WINDOW_LIMIT &&
                     f[k].rule != BTX_RULE_ONA_BLEPHAROSPASM_WINDOW) ||
                    (f[k].code == BTX_FINDING_TOO_SOON && f[k].rule == BTX_RULE_POLICY_SPACING))
                    keep[kc++] = f[k];
            expected_from_findings(keep, kc, &eflags, &erule);
            if (r->admin.product == XEOMIN) {
                double visit = 0;
                for (size_t j = 0; j < na; j++)
                    if (hist_all[j].date == d && btx_product_substance(hist_all[j].product) ==
                                                     BTX_SUBSTANCE_INCOBOTULINUMTOXINA)
                        visit += hist_all[j].units;
                if (visit > 400.0 + 1e-6) {
                    eflags |= BTX_AUDIT_OVER_SESSION;
                    if (erule == 0)
                        erule = BTX_RULE_XEOMIN_VISIT;
                }
            }
        } else {
            expected_from_findings(f, fc, &eflags, &erule);
        }
        ck_assert_msg(res[i].flags == eflags && res[i].rule == erule,
                      "iter %u row %zu (patient %llu, day %d, product %d, indication %d, "
                      "%.3f U, weight %.2f, birth %d, policy %d/%d spacing %d): audit flags "
                      "%d rule %d, btx_evaluate flags %d rule %d",
                      iter, i, (unsigned long long)r->patient, (int)d, (int)r->admin.product,
                      (int)r->admin.indication, r->admin.units, r->weight_kg,
                      (int)r->birth_date, (int)pol.window_length, (int)pol.window_unit,
                      (int)pol.min_spacing_days, (int)res[i].flags, (int)res[i].rule,
                      (int)eflags, (int)erule);
        /* The substance window finding's totals, exactly. */
        for (size_t k = 0; k < fc; k++)
            if (!no_indication && f[k].code == BTX_FINDING_WINDOW_LIMIT &&
                f[k].rule != BTX_RULE_ONA_BLEPHAROSPASM_WINDOW)
                /* Exact in milli-units (the sum of two doubles need not be). */
                ck_assert_msg(llround(f[k].total_units * 1000) + llround(f[k].proposed_units * 1000) ==
                                  llround(res[i].window_total * 1000),
                              "iter %u row %zu: worst %.3f + %.3f != window_total %.3f", iter,
                              i, f[k].total_units, f[k].proposed_units, res[i].window_total);
    }
    ck_assert_uint_eq(flagged, count_flagged);

    /* Break the order once: the first row that goes back is refused and nothing from it
     * on is written. */
    if (n >= 3) {
        size_t a = rnd((uint32_t)n), b = rnd((uint32_t)n);
        if (a > b) {
            size_t t = a;
            a = b;
            b = t;
        }
        if (cmp_rows(&rows[a], &rows[b]) != 0) {
            btx_audit_row t = rows[a];
            rows[a] = rows[b];
            rows[b] = t;
            size_t first_bad = n;
            for (size_t j = 1; j < n && first_bad == n; j++)
                if (cmp_rows(&rows[j - 1], &rows[j]) > 0)
                    first_bad = j;
            ck_assert_uint_lt(first_bad, n);
            ck_assert_int_eq(btx_validate_audit(rows, n, &bad), BTX_EINVAL);
            ck_assert_uint_eq(bad, first_bad);
            ck_assert_int_eq(run(polp, rows, n, res, NULL), BTX_EINVAL);
            for (size_t j = first_bad; j < n; j++)
                ck_assert(untouched(&res[j]));
        }
    }
}

/* BTX_PROPERTY_ITERATIONS lowers the number of populations (valgrind runs use 40). */
static unsigned iterations(void)
{
    const char *s = getenv("BTX_PROPERTY_ITERATIONS");
    if (s && *s) {
        char *end = NULL;
        unsigned long v = strtoul(s, &end, 10);
        if (end && *end == '\0' && v > 0 && v < 3000)
            return (unsigned)v;
    }
    return 3000;
}

START_TEST(property_against_evaluate)
{
    const unsigned count = iterations();
    rng_state = UINT64_C(0x2545F4914F6CDD1D);
    for (unsigned iter = 0; iter < count; iter++)
        one_population(iter);
    /* The populations must exercise every flag, or the comparison proves little. */
    for (int b = 0; b < 6 && count >= 1000; b++)
        ck_assert_msg(seen_flags[b] >= 20, "flag %d seen on %zu of %zu rows", 1 << b,
                      seen_flags[b], seen_rows);
    fprintf(stderr, "audit property: %zu rows; flags 1/2/4/8/16/32 on %zu/%zu/%zu/%zu/%zu/%zu\n",
            seen_rows, seen_flags[0], seen_flags[1], seen_flags[2], seen_flags[3],
            seen_flags[4], seen_flags[5]);
}
END_TEST

/* Many rows on one date and a long history: the group and window bookkeeping. */
START_TEST(large_groups)
{
    enum { N = 3000 };
    static btx_audit_row rows[N];
    static btx_audit_result res[N];
    const btx_date d0 = ymd(2030, 1, 1);
    for (size_t i = 0; i < N; i++) {
        /* 1000 rows of 0.1 U on d0, then one 0.5 U row a day. */
        btx_date d = i < 1000 ? d0 : d0 + (btx_date)(i - 999);
        rows[i] = row(42, d, i % 2 ? BOTOX : COSMETIC, i % 2 ? CM : GL, i < 1000 ? 0.1 : 0.5, 0,
                      UNKNOWN);
    }
    btx_policy pol = policy_of(90, BTX_DAYS, 0);
    size_t flagged = 0;
    ck_assert_int_eq(run(&pol, rows, N, res, &flagged), BTX_OK);
    ck_assert_double_eq(res[0].window_total, 100.0);
    ck_assert_double_eq(res[999].window_total, 100.0);
    ck_assert_double_eq(res[1000].window_total, 100.5);
    ck_assert_double_eq(res[1088].window_total, 144.5); /* d0 + 89: 100 + 89 x 0.5 */
    ck_assert_double_eq(res[1089].window_total, 45.0);  /* d0 + 90: d0 left, 90 x 0.5 */
    ck_assert_double_eq(res[N - 1].window_total, 45.0);
    /* Cosmetic glabellar session on d0: 500 rows of 0.1 U = 50 U > 20 U. */
    ck_assert_int_eq(res[0].flags & BTX_AUDIT_OVER_SESSION, BTX_AUDIT_OVER_SESSION);
    ck_assert_int_eq(res[0].rule, BTX_RULE_BOTOX_COSMETIC_GLABELLAR_SESSION);
}
END_TEST

Suite *audit_suite(void);
Suite *audit_suite(void)
{
    Suite *s = suite_create("audit");
    TCase *tc = tcase_create("examples");
    tcase_add_test(tc, layout);
    tcase_add_test(tc, ninety_days);
    tcase_add_test(tc, month_end);
    tcase_add_test(tc, pediatric);
    tcase_add_test(tc, same_date_and_blepharospasm);
    tcase_add_test(tc, rules);
    tcase_add_test(tc, order);
    tcase_add_test(tc, validation);
    tcase_add_test(tc, large_groups);
    suite_add_tcase(s, tc);
    TCase *prop = tcase_create("property");
    tcase_set_timeout(prop, 600);
    tcase_add_test(prop, property_against_evaluate);
    suite_add_tcase(s, prop);
    return s;
}
