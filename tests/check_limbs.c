/* SPDX-License-Identifier: Apache-2.0 */
/* Limbs treated (btx_administration::flags bits 0-1, record.h): the per-limb caps of
 * Dysport pediatric upper and lower limb and Xeomin pediatric upper limb spasticity,
 * through btx_evaluate and btx_audit, and the validation of the field. The numbers are
 * the labels' (docs/clinical-data.md, "Limbs"): Dysport lower limb 15 U/kg per leg or
 * 1000 U, upper limb 16 U/kg or 640 U per limb, both with the multi-limb session cap of
 * 30 U/kg or 1000 U; Xeomin upper limb 8 U/kg or 200 U per limb. */
#include <check.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "check_findings.h"

#define DYSPORT BTX_PRODUCT_DYSPORT
#define XEOMIN BTX_PRODUCT_XEOMIN
#define BOTOX BTX_PRODUCT_BOTOX
#define ULS BTX_INDICATION_UPPER_LIMB_SPASTICITY
#define LLS BTX_INDICATION_LOWER_LIMB_SPASTICITY
#define CM BTX_INDICATION_CHRONIC_MIGRAINE

static btx_administration limbs(btx_administration a, int32_t n)
{
    a.flags = BTX_LIMBS_FLAGS(n);
    return a;
}

/* A child of `kg` kg, born 2016-05-01, weighed on `on`. */
static btx_patient child(double kg, btx_date on)
{
    btx_patient p = {sizeof(btx_patient), kg, ymd(2016, 5, 1), on};
    return p;
}

/* Issue 16's case: a 20 kg child, Dysport lower limb, 350 U (17.5 U/kg). */
START_TEST(dysport_lower_limb_one_two_or_unstated)
{
    const btx_date d = ymd(2026, 3, 2);
    const btx_patient kid = child(20, d);
    result r;

    /* one leg: at most 15 U/kg = 300 U */
    evaluate(&kid, NULL, NULL, 0, limbs(rec(d, DYSPORT, LLS, 350), 1), &r);
    const btx_finding *f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_LLS_LIMB);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->code, BTX_FINDING_SESSION_LIMIT);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_int_eq(f->severity, BTX_CRITICAL);
    ck_assert_double_eq(f->limit_units, 300.0);
    ck_assert_double_eq(f->proposed_units, 350.0);
    ck_assert_int_eq(f->earliest_date, BTX_DATE_UNKNOWN); /* 350 U never fits one leg */
    ck_assert_ptr_nonnull(strstr(f->message, "15 U/kg per leg"));
    ck_assert_ptr_nonnull(strstr(f->source, "[S42]"));
    ck_assert_int_eq(fails(&r), 1);
    /* the multi-limb cap is still there, and passes */
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_SPASTICITY_VISIT);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->status, BTX_PASS);
    ck_assert_double_eq(f->limit_units, 600.0);

    /* both legs: at most 30 U/kg = 600 U */
    evaluate(&kid, NULL, NULL, 0, limbs(rec(d, DYSPORT, LLS, 350), 2), &r);
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_LLS_LIMB);
    ck_assert_int_eq(f->status, BTX_PASS);
    ck_assert_double_eq(f->limit_units, 600.0);
    ck_assert_int_eq(fails(&r), 0);

    /* not stated: the two-leg cap holds, and the per-leg limit is NOT_CHECKED */
    evaluate(&kid, NULL, NULL, 0, rec(d, DYSPORT, LLS, 350), &r);
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_LLS_LIMB);
    ck_assert_int_eq(f->status, BTX_NOT_CHECKED);
    ck_assert_int_eq(f->severity, BTX_CRITICAL);
    ck_assert_double_eq(f->limit_units, 600.0);
    ck_assert_ptr_nonnull(strstr(f->message, "not stated"));
    ck_assert_int_eq(fails(&r), 0);
    /* not stated and above even the two-leg cap: FAIL */
    evaluate(&kid, NULL, NULL, 0, rec(d, DYSPORT, LLS, 650), &r);
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_LLS_LIMB);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_ptr_nonnull(strstr(f->message, "even for both legs"));

    /* 1000 U is the absolute part for both legs too (not 2000): a 40 kg child */
    const btx_patient big = child(40, d);
    evaluate(&big, NULL, NULL, 0, limbs(rec(d, DYSPORT, LLS, 1100), 2), &r);
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_LLS_LIMB);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_double_eq(f->limit_units, 1000.0);
}
END_TEST

/* The records of one date and indication add their limbs: left leg, then right leg. */
START_TEST(limbs_of_a_date_add_up)
{
    const btx_date d = ymd(2026, 3, 2);
    const btx_patient kid = child(20, d);
    btx_administration left = limbs(rec(d, DYSPORT, LLS, 150), 1);
    result r;
    evaluate(&kid, NULL, &left, 1, limbs(rec(d, DYSPORT, LLS, 200), 1), &r);
    const btx_finding *f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_LLS_LIMB);
    ck_assert_int_eq(f->status, BTX_PASS);
    ck_assert_double_eq(f->limit_units, 600.0);
    ck_assert_double_eq(f->total_units, 150.0);
    /* two records of two legs each: still two legs */
    left.flags = BTX_LIMBS_FLAGS(2);
    evaluate(&kid, NULL, &left, 1, limbs(rec(d, DYSPORT, LLS, 500), 2), &r);
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_LLS_LIMB);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_double_eq(f->limit_units, 600.0);
    /* one record that does not say: the day's count is unknown */
    left.flags = 0;
    evaluate(&kid, NULL, &left, 1, limbs(rec(d, DYSPORT, LLS, 200), 1), &r);
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_LLS_LIMB);
    ck_assert_int_eq(f->status, BTX_NOT_CHECKED);
    /* an upper limb record is another session: it does not add a leg */
    btx_administration arm = limbs(rec(d, DYSPORT, ULS, 100), 1);
    evaluate(&kid, NULL, &arm, 1, limbs(rec(d, DYSPORT, LLS, 350), 1), &r);
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_LLS_LIMB);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_double_eq(f->limit_units, 300.0);
    ck_assert_double_eq(f->total_units, 0.0);
    /* ... but counts in the multi-limb cap: 450 of 600 */
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_SPASTICITY_VISIT);
    ck_assert_int_eq(f->status, BTX_PASS);
    ck_assert_double_eq(f->total_units, 100.0);
}
END_TEST

START_TEST(upper_limb_caps_per_limb)
{
    const btx_date d = ymd(2026, 3, 2);
    const btx_patient kid = child(30, d);
    result r;
    /* Dysport: one arm at most min(16 x 30, 640) = 480 U */
    evaluate(&kid, NULL, NULL, 0, limbs(rec(d, DYSPORT, ULS, 500), 1), &r);
    const btx_finding *f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_ULS_LIMB);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_double_eq(f->limit_units, 480.0);
    /* two arms: min(960, 1280) per limb, and the multi-limb cap min(900, 1000) */
    evaluate(&kid, NULL, NULL, 0, limbs(rec(d, DYSPORT, ULS, 950), 2), &r);
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_ULS_LIMB);
    ck_assert_int_eq(f->status, BTX_PASS);
    ck_assert_double_eq(f->limit_units, 960.0);
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_SPASTICITY_VISIT);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_double_eq(f->limit_units, 900.0);
    /* a heavy child: the absolute part is per limb too (640 and 1280) */
    const btx_patient big = child(50, d);
    evaluate(&big, NULL, NULL, 0, limbs(rec(d, DYSPORT, ULS, 700), 1), &r);
    ck_assert_double_eq(find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_ULS_LIMB)->limit_units, 640.0);
    ck_assert_int_eq(find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_ULS_LIMB)->status, BTX_FAIL);
    evaluate(&big, NULL, NULL, 0, limbs(rec(d, DYSPORT, ULS, 700), 2), &r);
    ck_assert_double_eq(find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_ULS_LIMB)->limit_units, 1280.0);
    ck_assert_int_eq(find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_ULS_LIMB)->status, BTX_PASS);

    /* Xeomin: min(8 U/kg, 200 U) per limb */
    evaluate(&kid, NULL, NULL, 0, limbs(rec(d, XEOMIN, ULS, 250), 1), &r);
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_XEOMIN_PED_ULS_LIMB);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_double_eq(f->limit_units, 200.0);
    evaluate(&kid, NULL, NULL, 0, limbs(rec(d, XEOMIN, ULS, 250), 2), &r);
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_XEOMIN_PED_ULS_LIMB);
    ck_assert_int_eq(f->status, BTX_PASS);
    ck_assert_double_eq(f->limit_units, 400.0);
    ck_assert_int_eq(fails(&r), 0);

    /* adults have no per-limb rule: a count is accepted and changes nothing */
    btx_patient adult = {sizeof(btx_patient), 70, ymd(1970, 1, 1), d};
    result plain;
    evaluate(&adult, NULL, NULL, 0, rec(d, BOTOX, ULS, 300), &plain);
    evaluate(&adult, NULL, NULL, 0, limbs(rec(d, BOTOX, ULS, 300), 2), &r);
    ck_assert_uint_eq(r.count, plain.count);
    for (size_t i = 0; i < r.count; i++) {
        ck_assert_int_eq(r.f[i].rule, plain.f[i].rule);
        ck_assert_int_eq(r.f[i].status, plain.f[i].status);
    }
}
END_TEST

START_TEST(no_weight_and_earliest_date)
{
    const btx_date d = ymd(2026, 3, 2);
    /* no weight: the absolute part, 1000 U for the legs */
    btx_patient unweighed = {sizeof(btx_patient), 0, ymd(2016, 5, 1), BTX_DATE_UNKNOWN};
    result r;
    evaluate(&unweighed, NULL, NULL, 0, limbs(rec(d, DYSPORT, LLS, 900), 1), &r);
    const btx_finding *f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_LLS_LIMB);
    ck_assert_int_eq(f->status, BTX_NOT_CHECKED);
    ck_assert_ptr_nonnull(strstr(f->message, "weight"));
    evaluate(&unweighed, NULL, NULL, 0, limbs(rec(d, DYSPORT, LLS, 1100), 1), &r);
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_LLS_LIMB);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_double_eq(f->limit_units, 1000.0);
    ck_assert_int_eq(f->earliest_date, BTX_DATE_UNKNOWN);

    /* a planned session on d + 10 (one leg, 100 U) and a proposal of 280 U for one leg
     * on d + 10 joins it: 380 U over two legs, within 600 U; moved to d + 11 the
     * proposal alone fits 300 U */
    const btx_patient kid = child(20, d);
    btx_administration planned = limbs(rec(d + 10, DYSPORT, LLS, 400), 2);
    evaluate(&kid, NULL, &planned, 1, limbs(rec(d + 10, DYSPORT, LLS, 280), 1), &r);
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_LLS_LIMB);
    ck_assert_int_eq(f->status, BTX_FAIL); /* 680 U > 600 U */
    ck_assert_int_eq(f->earliest_date, d + 11);
    /* 350 U for one leg never fits one leg alone; only a day whose records add a leg
     * and leave room can take it */
    planned = limbs(rec(d + 10, DYSPORT, LLS, 100), 1);
    evaluate(&kid, NULL, &planned, 1, limbs(rec(d, DYSPORT, LLS, 350), 1), &r);
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_DYSPORT_PED_LLS_LIMB);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_int_eq(f->earliest_date, d + 10);
}
END_TEST

START_TEST(field_is_validated)
{
    const btx_date d = ymd(2026, 3, 2);
    int32_t field = -1;
    btx_administration a = limbs(rec(d, DYSPORT, LLS, 100), 2);
    ck_assert_int_eq(btx_check_record(&a, &field), BTX_OK);
    ck_assert_int_eq(field, BTX_FIELD_NONE);
    ck_assert_int_eq(btx_check_proposal(&a, &field), BTX_OK);
    a.indication = ULS;
    ck_assert_int_eq(btx_check_record(&a, &field), BTX_OK);
    a.flags = 3; /* three limbs of one indication */
    ck_assert_int_eq(btx_check_record(&a, &field), BTX_EINVAL);
    ck_assert_int_eq(field, BTX_FIELD_FLAGS);
    a.flags = 4; /* a reserved bit */
    ck_assert_int_eq(btx_check_record(&a, &field), BTX_EINVAL);
    ck_assert_int_eq(field, BTX_FIELD_FLAGS);
    a.flags = (int32_t)0x80000001u;
    ck_assert_int_eq(btx_check_record(&a, &field), BTX_EINVAL);
    /* a count on a record that is not about a limb */
    btx_administration cm = limbs(rec(d, BOTOX, CM, 155), 1);
    ck_assert_int_eq(btx_check_record(&cm, &field), BTX_EINVAL);
    ck_assert_int_eq(field, BTX_FIELD_FLAGS);
    cm.indication = 0;
    ck_assert_int_eq(btx_check_record(&cm, &field), BTX_EINVAL);
    ck_assert_int_eq(field, BTX_FIELD_FLAGS);
    /* every entry point refuses it */
    btx_finding f[4];
    f[0].struct_size = sizeof f[0];
    size_t count;
    btx_administration ok = rec(d, DYSPORT, LLS, 100);
    ck_assert_int_eq(btx_evaluate(NULL, NULL, &ok, 1, &cm, f, 4, &count), BTX_EINVAL);
    ck_assert_int_eq(btx_evaluate(NULL, NULL, &cm, 1, &ok, f, 4, &count), BTX_EINVAL);
    btx_date e;
    ck_assert_int_eq(btx_earliest_date(NULL, NULL, &cm, 1, &ok, &e), BTX_EINVAL);
    size_t bad = 0;
    ck_assert_int_eq(btx_validate_history(&cm, 1, &bad), BTX_EINVAL);
    ck_assert_uint_eq(bad, 0);
    ck_assert_int_eq(BTX_LIMBS_OF(BTX_LIMBS_FLAGS(2)), 2);
    /* a count out of range is refused, not wrapped into another count */
    static const int32_t out_of_range[] = {3, 4, 5, 6, -1};
    for (size_t i = 0; i < sizeof out_of_range / sizeof out_of_range[0]; i++) {
        a = limbs(rec(d, DYSPORT, LLS, 100), out_of_range[i]);
        ck_assert_int_eq(btx_check_record(&a, &field), BTX_EINVAL);
        ck_assert_int_eq(field, BTX_FIELD_FLAGS);
    }
    ck_assert_int_eq(BTX_LIMBS_OF(0), 0);
}
END_TEST

static btx_audit_row audit_row(uint64_t patient, btx_administration a, double kg)
{
    btx_audit_row r;
    memset(&r, 0, sizeof r);
    r.patient = patient;
    r.admin = a;
    r.weight_kg = kg;
    r.birth_date = ymd(2016, 5, 1);
    return r;
}

/* The audit gives the same answers, alone on a date and in a group. */
START_TEST(audit_applies_limbs)
{
    const btx_date d = ymd(2026, 3, 2);
    btx_policy pol;
    memset(&pol, 0, sizeof pol);
    pol.struct_size = sizeof pol;
    btx_audit_row rows[] = {
        audit_row(1, limbs(rec(d, DYSPORT, LLS, 350), 1), 20), /* one leg: over */
        audit_row(2, limbs(rec(d, DYSPORT, LLS, 350), 2), 20), /* two legs: fine */
        audit_row(3, rec(d, DYSPORT, LLS, 350), 20),            /* unstated */
        audit_row(4, limbs(rec(d, DYSPORT, LLS, 150), 1), 20),  /* left ... */
        audit_row(4, limbs(rec(d, DYSPORT, LLS, 200), 1), 20),  /* ... and right: fine */
        audit_row(5, limbs(rec(d, DYSPORT, LLS, 150), 1), 20),  /* left ... */
        audit_row(5, rec(d, DYSPORT, LLS, 200), 20),            /* ... and unstated */
        audit_row(6, limbs(rec(d, XEOMIN, ULS, 250), 1), 30),
        audit_row(7, limbs(rec(d, XEOMIN, ULS, 250), 2), 30),
    };
    const size_t n = sizeof rows / sizeof rows[0];
    btx_audit_result res[sizeof rows / sizeof rows[0]];
    size_t flagged = 0;
    ck_assert_int_eq(btx_audit(&pol, rows, n, res, &flagged), BTX_OK);
    ck_assert_int_eq(res[0].flags, BTX_AUDIT_OVER_SESSION);
    ck_assert_int_eq(res[0].rule, BTX_RULE_DYSPORT_PED_LLS_LIMB);
    ck_assert_int_eq(res[1].flags, 0);
    ck_assert_int_eq(res[2].flags, BTX_AUDIT_NOT_CHECKED);
    ck_assert_int_eq(res[3].flags, 0);
    ck_assert_int_eq(res[4].flags, 0);
    ck_assert_int_eq(res[5].flags, BTX_AUDIT_NOT_CHECKED);
    ck_assert_int_eq(res[6].flags, BTX_AUDIT_NOT_CHECKED);
    ck_assert_int_eq(res[7].flags, BTX_AUDIT_OVER_SESSION);
    ck_assert_int_eq(res[7].rule, BTX_RULE_XEOMIN_PED_ULS_LIMB);
    ck_assert_int_eq(res[8].flags, 0);
    ck_assert_uint_eq(flagged, 5);
    /* a bad count stops the audit at its row */
    rows[4].admin.flags = 3;
    size_t bad = 0;
    ck_assert_int_eq(btx_validate_audit(rows, n, &bad), BTX_EINVAL);
    ck_assert_uint_eq(bad, 4);
    ck_assert_int_eq(btx_audit(&pol, rows, n, res, &flagged), BTX_EINVAL);
}
END_TEST

Suite *limbs_suite(void);
Suite *limbs_suite(void)
{
    Suite *s = suite_create("limbs");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, dysport_lower_limb_one_two_or_unstated);
    tcase_add_test(tc, limbs_of_a_date_add_up);
    tcase_add_test(tc, upper_limb_caps_per_limb);
    tcase_add_test(tc, no_weight_and_earliest_date);
    tcase_add_test(tc, field_is_validated);
    tcase_add_test(tc, audit_applies_limbs);
    suite_add_tcase(s, tc);
    return s;
}
