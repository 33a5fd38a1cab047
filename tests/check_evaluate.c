/* SPDX-License-Identifier: Apache-2.0 */
/* The combined evaluation and the earliest date: worked examples from design.md
 * sections 4-5 and issue 5, each typed from the label facts. */
#include <check.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "check_findings.h"

#define BOTOX BTX_PRODUCT_BOTOX
#define COSMETIC BTX_PRODUCT_BOTOX_COSMETIC
#define CM BTX_INDICATION_CHRONIC_MIGRAINE
#define GL BTX_INDICATION_GLABELLAR_LINES
#define ULS BTX_INDICATION_UPPER_LIMB_SPASTICITY

static btx_policy policy(void)
{
    btx_policy p;
    memset(&p, 0, sizeof p);
    p.struct_size = sizeof p;
    return p;
}

START_TEST(finding_layout_and_names)
{
    ck_assert_uint_eq(sizeof(btx_finding), 88);
    ck_assert_uint_eq(offsetof(btx_finding, code), 8);
    ck_assert_uint_eq(offsetof(btx_finding, status), 12);
    ck_assert_uint_eq(offsetof(btx_finding, severity), 16);
    ck_assert_uint_eq(offsetof(btx_finding, rule), 20);
    ck_assert_uint_eq(offsetof(btx_finding, limit_units), 24);
    ck_assert_uint_eq(offsetof(btx_finding, total_units), 32);
    ck_assert_uint_eq(offsetof(btx_finding, proposed_units), 40);
    ck_assert_uint_eq(offsetof(btx_finding, remaining_units), 48);
    ck_assert_uint_eq(offsetof(btx_finding, window_start), 56);
    ck_assert_uint_eq(offsetof(btx_finding, window_end), 60);
    ck_assert_uint_eq(offsetof(btx_finding, earliest_date), 64);
    ck_assert_uint_eq(offsetof(btx_finding, evidence), 68);
    ck_assert_uint_eq(offsetof(btx_finding, message), 72);
    ck_assert_uint_eq(offsetof(btx_finding, source), 80);
    ck_assert_uint_eq(btx_sizeof_finding(), sizeof(btx_finding));
    ck_assert_int_eq(BTX_FINDING_WINDOW_LIMIT, 1);
    ck_assert_int_eq(BTX_FINDING_TOO_SOON, 2);
    ck_assert_int_eq(BTX_FINDING_SESSION_LIMIT, 3);
    ck_assert_int_eq(BTX_FINDING_ABOVE_PROTOCOL, 4);
    ck_assert_int_eq(BTX_FINDING_NOT_ESTABLISHED, 5);
    ck_assert_int_eq(BTX_FINDING_NOT_LABELLED, 6);
    ck_assert_int_eq(BTX_FINDING_MIXED_SUBSTANCES, 7);
    ck_assert_int_eq(BTX_FINDING_AGE_UNKNOWN, 8);
    ck_assert_int_eq(BTX_FINDING_HISTORY_INCOMPLETE, 9);
    ck_assert_int_eq(BTX_PASS, 1);
    ck_assert_int_eq(BTX_FAIL, 2);
    ck_assert_int_eq(BTX_NOT_CHECKED, 3);
    ck_assert_int_eq(BTX_INFO, 1);
    ck_assert_int_eq(BTX_WARNING, 2);
    ck_assert_int_eq(BTX_CRITICAL, 3);
    ck_assert_str_eq(btx_status_name(BTX_PASS), "pass");
    ck_assert_str_eq(btx_status_name(BTX_FAIL), "fail");
    ck_assert_str_eq(btx_status_name(BTX_NOT_CHECKED), "not_checked");
    ck_assert_str_eq(btx_status_name(0), "unknown");
    ck_assert_str_eq(btx_severity_name(BTX_INFO), "info");
    ck_assert_str_eq(btx_severity_name(BTX_WARNING), "warning");
    ck_assert_str_eq(btx_severity_name(BTX_CRITICAL), "critical");
    ck_assert_str_eq(btx_severity_name(4), "unknown");
    static const char *const codes[] = {"window_limit", "too_soon", "session_limit",
                                        "above_protocol", "not_established", "not_labelled",
                                        "mixed_substances", "age_unknown", "history_incomplete"};
    for (int i = 0; i < 9; i++)
        ck_assert_str_eq(btx_finding_code_name(i + 1), codes[i]);
    ck_assert_str_eq(btx_finding_code_name(10), "unknown");
    ck_assert_str_eq(btx_rule_name(BTX_RULE_ONA_ADULT_WINDOW), "ona_adult_window");
    ck_assert_str_eq(btx_rule_name(BTX_RULE_POLICY_SPACING), "policy_spacing");
    ck_assert_str_eq(btx_rule_name(9999), "unknown");
    /* pinned rule ids */
    ck_assert_int_eq(BTX_RULE_ONA_ADULT_WINDOW, 1);
    ck_assert_int_eq(BTX_RULE_ONA_PEDIATRIC_WINDOW, 2);
    ck_assert_int_eq(BTX_RULE_ONA_BLEPHAROSPASM_WINDOW, 3);
    ck_assert_int_eq(BTX_RULE_BOTOX_PED_ULS_SESSION, 20);
    ck_assert_int_eq(BTX_RULE_XEOMIN_VISIT, 41);
    ck_assert_int_eq(BTX_RULE_BOTOX_CHRONIC_MIGRAINE_INTERVAL, 60);
    ck_assert_int_eq(BTX_RULE_MYOBLOC_SIALORRHEA_INTERVAL, 80);
    ck_assert_int_eq(BTX_RULE_POLICY_SPACING, 100);
    ck_assert_int_eq(BTX_RULE_NOTICE_HISTORY_INCOMPLETE, 122);
}
END_TEST

START_TEST(migraine_every_12_weeks)
{
    const btx_date d0 = ymd(2025, 1, 6);
    btx_administration h[1] = {rec(d0, BOTOX, CM, 155)};
    btx_patient adult = {sizeof(btx_patient), 70, ymd(1980, 1, 1), d0};
    result r;
    evaluate(&adult, NULL, h, 1, rec(d0 + 84, BOTOX, CM, 155), &r);
    const btx_finding *f = find(&r, BTX_FINDING_TOO_SOON, BTX_RULE_BOTOX_CHRONIC_MIGRAINE_INTERVAL);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->status, BTX_PASS);
    ck_assert_int_eq(f->severity, BTX_INFO);
    ck_assert_int_eq(f->earliest_date, d0 + 84);
    ck_assert_int_eq(fails(&r), 0);

    evaluate(&adult, NULL, h, 1, rec(d0 + 83, BOTOX, CM, 155), &r);
    f = find(&r, BTX_FINDING_TOO_SOON, BTX_RULE_BOTOX_CHRONIC_MIGRAINE_INTERVAL);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_int_eq(f->severity, BTX_WARNING); /* a schedule, not a minimum */
    ck_assert_int_eq(f->earliest_date, d0 + 84);
    ck_assert_int_eq(f->evidence, BTX_EVIDENCE_SECONDARY);
    ck_assert_int_eq(f->window_start, BTX_DATE_UNKNOWN);

    btx_administration p = rec(d0 + 83, BOTOX, CM, 155);
    btx_date e;
    ck_assert_int_eq(btx_earliest_date(&adult, NULL, h, 1, &p, &e), BTX_OK);
    ck_assert_int_eq(e, d0 + 84);
    p.date = d0 + 100;
    ck_assert_int_eq(btx_earliest_date(&adult, NULL, h, 1, &p, &e), BTX_OK);
    ck_assert_int_eq(e, d0 + 100);
}
END_TEST

/* Daxxify glabellar lines: the label says only that dosing more often than every 3 months
 * "has not been clinically evaluated" (an advisory), so sooner is a WARNING, not CRITICAL. */
START_TEST(daxxify_glabellar_every_3_months_is_a_schedule)
{
    const btx_date d0 = ymd(2025, 1, 6);
    btx_administration h[1] = {rec(d0, BTX_PRODUCT_DAXXIFY, GL, 40)};
    btx_patient adult = {sizeof(btx_patient), 70, ymd(1980, 1, 1), d0};
    result r;
    evaluate(&adult, NULL, h, 1, rec(ymd(2025, 3, 6), BTX_PRODUCT_DAXXIFY, GL, 40), &r);
    const btx_finding *f = find(&r, BTX_FINDING_TOO_SOON, BTX_RULE_DAXXIFY_GLABELLAR_INTERVAL);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_int_eq(f->severity, BTX_WARNING);
    ck_assert_int_eq(f->evidence, BTX_EVIDENCE_SECONDARY);
    ck_assert_int_eq(f->earliest_date, ymd(2025, 4, 6));
    ck_assert_ptr_nonnull(strstr(f->source, "not been clinically evaluated"));
    for (size_t i = 0; i < r.count; i++)
        ck_assert_int_ne(r.f[i].severity, BTX_CRITICAL);

    evaluate(&adult, NULL, h, 1, rec(ymd(2025, 4, 6), BTX_PRODUCT_DAXXIFY, GL, 40), &r);
    f = find(&r, BTX_FINDING_TOO_SOON, BTX_RULE_DAXXIFY_GLABELLAR_INTERVAL);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->status, BTX_PASS);
}
END_TEST

START_TEST(cosmetic_after_migraine_remaining)
{
    const btx_date d0 = ymd(2025, 3, 3);
    btx_administration h[1] = {rec(d0, BOTOX, CM, 155)};
    double u;
    ck_assert_int_eq(btx_headroom(NULL, NULL, h, 1, COSMETIC, GL, d0 + 30, &u), BTX_OK);
    ck_assert_double_eq(u, 245.0);
    result r;
    evaluate(NULL, NULL, h, 1, rec(d0 + 30, COSMETIC, GL, 20), &r);
    const btx_finding *f = find(&r, BTX_FINDING_WINDOW_LIMIT, BTX_RULE_ONA_ADULT_WINDOW);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->status, BTX_PASS);
    ck_assert_double_eq(f->limit_units, 400.0);
    ck_assert_double_eq(f->total_units, 155.0);
    ck_assert_double_eq(f->proposed_units, 20.0);
    ck_assert_double_eq(f->remaining_units, 225.0);
    ck_assert_int_eq(f->evidence, BTX_EVIDENCE_SECONDARY);
    ck_assert_int_eq(f->earliest_date, d0 + 30);
    /* the worst window is the earliest that holds the migraine dose and the date */
    btx_date s;
    ck_assert_int_eq(btx_date_add_months(d0 + 30, -3, &s), BTX_OK);
    ck_assert_int_le(f->window_start, d0);
    ck_assert_int_ge(f->window_end, d0 + 30);
    /* glabellar 20 U: session cap met exactly, visit cap too; notices present */
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_BOTOX_COSMETIC_GLABELLAR_SESSION);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->status, BTX_PASS);
    ck_assert_double_eq(f->limit_units, 20.0);
    ck_assert_ptr_nonnull(find(&r, BTX_FINDING_AGE_UNKNOWN, 0));
    ck_assert_ptr_nonnull(find(&r, BTX_FINDING_HISTORY_INCOMPLETE, 0));
    ck_assert_ptr_nonnull(find(&r, BTX_FINDING_TOO_SOON, BTX_RULE_BOTOX_COSMETIC_INTERVAL));
    ck_assert_int_eq(fails(&r), 0);
}
END_TEST

START_TEST(planned_session_forward_window)
{
    const btx_date today = ymd(2025, 6, 2);
    btx_administration h[1] = {rec(today + 60, BOTOX, CM, 155)};
    result r;
    evaluate(NULL, NULL, h, 1, rec(today, BOTOX, BTX_INDICATION_CERVICAL_DYSTONIA, 300), &r);
    const btx_finding *f = find(&r, BTX_FINDING_WINDOW_LIMIT, BTX_RULE_ONA_ADULT_WINDOW);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_int_eq(f->severity, BTX_CRITICAL);
    ck_assert_double_eq(f->total_units, 155.0);
    ck_assert_double_eq(f->remaining_units, -55.0);
    /* the reported window reaches forward over the planned session */
    ck_assert_int_le(f->window_start, today);
    ck_assert_int_ge(f->window_end, today + 60);
    /* earliest start of the windows that hold both: end(S) > today + 60 */
    btx_date s;
    ck_assert_int_eq(btx_date_add_months(today + 61, -3, &s), BTX_OK);
    ck_assert_int_eq(f->window_start, s);
    btx_date e;
    ck_assert_int_eq(btx_date_add_months(f->window_start, 3, &e), BTX_OK);
    ck_assert_int_eq(f->window_end, e - 1);
    /* the earliest date: once no window holds both the dose and the planned session,
     * i.e. 3 months after the planned session */
    btx_date planned_end;
    ck_assert_int_eq(btx_date_add_months(today + 60, 3, &planned_end), BTX_OK);
    ck_assert_int_eq(f->earliest_date, planned_end);
    btx_administration p = rec(today, BOTOX, BTX_INDICATION_CERVICAL_DYSTONIA, 300);
    btx_date out;
    ck_assert_int_eq(btx_earliest_date(NULL, NULL, h, 1, &p, &out), BTX_OK);
    ck_assert_int_eq(out, planned_end);
}
END_TEST

START_TEST(never_above_400)
{
    btx_administration p = rec(ymd(2025, 1, 1), BOTOX, CM, 401);
    btx_date out = 7;
    ck_assert_int_eq(btx_earliest_date(NULL, NULL, NULL, 0, &p, &out), BTX_ENEVER);
    ck_assert_int_eq(out, 7);
    result r;
    evaluate(NULL, NULL, NULL, 0, p, &r);
    const btx_finding *f = find(&r, BTX_FINDING_WINDOW_LIMIT, BTX_RULE_ONA_ADULT_WINDOW);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_int_eq(f->earliest_date, BTX_DATE_UNKNOWN);
    /* blepharospasm doses above its own 200 U never pass either */
    btx_administration b = rec(ymd(2025, 1, 1), BOTOX, BTX_INDICATION_BLEPHAROSPASM, 200.001);
    ck_assert_int_eq(btx_earliest_date(NULL, NULL, NULL, 0, &b, &out), BTX_ENEVER);
    /* a huge weight age is a valid policy (no overflow in the date arithmetic) */
    btx_patient child = {sizeof(btx_patient), 35, ymd(2017, 10, 18), ymd(2025, 4, 20)};
    btx_policy pol = policy();
    pol.weight_max_age_days = 2147483647;
    btx_administration c = rec(ymd(2024, 7, 8), BOTOX, CM, 358.25);
    ck_assert_int_eq(btx_earliest_date(&child, &pol, NULL, 0, &c, &out), BTX_OK);
    ck_assert_int_eq(out, ymd(2035, 10, 18));
    /* 400 exactly is fine */
    p.units = 400;
    ck_assert_int_eq(btx_earliest_date(NULL, NULL, NULL, 0, &p, &out), BTX_OK);
    ck_assert_int_eq(out, p.date);
}
END_TEST

START_TEST(pediatric_without_weight)
{
    const btx_date d = ymd(2025, 6, 1);
    btx_patient child = {sizeof(btx_patient), 0, ymd(2015, 3, 1), BTX_DATE_UNKNOWN};
    result r;
    evaluate(&child, NULL, NULL, 0, rec(d, BOTOX, ULS, 100), &r);
    const btx_finding *f = find(&r, BTX_FINDING_WINDOW_LIMIT, BTX_RULE_ONA_PEDIATRIC_WINDOW);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->status, BTX_NOT_CHECKED);
    ck_assert_int_eq(f->severity, BTX_CRITICAL);
    ck_assert_double_eq(f->limit_units, 340.0);
    ck_assert_int_eq(f->earliest_date, BTX_DATE_UNKNOWN);
    ck_assert_ptr_nonnull(strstr(f->message, "weight"));
    /* the session cap is weight-based too */
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_BOTOX_PED_ULS_SESSION);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->status, BTX_NOT_CHECKED);
    ck_assert_double_eq(f->limit_units, 200.0);
    ck_assert_ptr_null(find(&r, BTX_FINDING_AGE_UNKNOWN, 0));

    evaluate(&child, NULL, NULL, 0, rec(d, BOTOX, ULS, 350), &r);
    f = find(&r, BTX_FINDING_WINDOW_LIMIT, BTX_RULE_ONA_PEDIATRIC_WINDOW);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_int_eq(f->severity, BTX_CRITICAL);
    ck_assert_double_eq(f->limit_units, 340.0);
    /* without a usable weight no date is promised, even when the absolute part fails */
    ck_assert_int_eq(f->earliest_date, BTX_DATE_UNKNOWN);
    ck_assert_ptr_nonnull(strstr(f->message, "weight"));
    f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_BOTOX_PED_ULS_SESSION);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_double_eq(f->limit_units, 200.0);
    ck_assert_int_eq(f->earliest_date, BTX_DATE_UNKNOWN);
    ck_assert_ptr_nonnull(strstr(f->message, "weight"));

    btx_administration p = rec(d, BOTOX, ULS, 100);
    btx_date out;
    ck_assert_int_eq(btx_earliest_date(&child, NULL, NULL, 0, &p, &out), BTX_EWEIGHT);
    /* a child's dose above the pediatric limit but within the adult one waits for 18 */
    btx_patient teen = {sizeof(btx_patient), 30, ymd(2008, 2, 29), d};
    p.units = 350;
    ck_assert_int_eq(btx_earliest_date(&teen, NULL, NULL, 0, &p, &out), BTX_OK);
    ck_assert_int_eq(out, ymd(2026, 2, 28));
}
END_TEST

START_TEST(same_day_record_joins_session)
{
    const btx_date d = ymd(2025, 6, 1);
    btx_patient child = {sizeof(btx_patient), 20, ymd(2016, 1, 1), d};
    btx_administration h[1] = {rec(d, BOTOX, ULS, 100)};
    result r;
    evaluate(&child, NULL, h, 1, rec(d, BOTOX, ULS, 30), &r);
    const btx_finding *f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_BOTOX_PED_ULS_SESSION);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_int_eq(f->severity, BTX_CRITICAL);
    ck_assert_double_eq(f->limit_units, 120.0); /* 6 U/kg x 20 kg below 200 U */
    ck_assert_double_eq(f->total_units, 100.0);
    ck_assert_double_eq(f->remaining_units, -10.0);
    ck_assert_int_eq(f->earliest_date, d + 1);
    /* joining the session on the same day is not "too soon" */
    f = find(&r, BTX_FINDING_TOO_SOON, BTX_RULE_BOTOX_PED_ULS_INTERVAL);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->status, BTX_PASS);
    /* 20 U more would fit */
    evaluate(&child, NULL, h, 1, rec(d, BOTOX, ULS, 20), &r);
    ck_assert_int_eq(find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_BOTOX_PED_ULS_SESSION)->status,
                     BTX_PASS);
}
END_TEST

START_TEST(xeomin_visit_cap)
{
    const btx_date d = ymd(2025, 6, 1);
    btx_administration h[1] = {rec(d, BTX_PRODUCT_XEOMIN, BTX_INDICATION_CERVICAL_DYSTONIA, 120)};
    result r;
    evaluate(NULL, NULL, h, 1, rec(d, BTX_PRODUCT_XEOMIN, ULS, 300), &r);
    const btx_finding *f = find(&r, BTX_FINDING_SESSION_LIMIT, BTX_RULE_XEOMIN_VISIT);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_double_eq(f->limit_units, 400.0);
    ck_assert_double_eq(f->total_units, 120.0);
    ck_assert_double_eq(f->remaining_units, -20.0);
    ck_assert_int_eq(f->evidence, BTX_EVIDENCE_LABEL);
    /* Xeomin has no window rule */
    ck_assert_ptr_null(find(&r, BTX_FINDING_WINDOW_LIMIT, 0));
}
END_TEST

START_TEST(policy_spacing)
{
    const btx_date d = ymd(2025, 6, 1);
    btx_administration h[1] = {rec(d - 10, COSMETIC, GL, 20)};
    btx_policy pol = policy();
    pol.min_spacing_days = 14;
    result r;
    evaluate(NULL, &pol, h, 1, rec(d, BOTOX, CM, 155), &r);
    const btx_finding *f = find(&r, BTX_FINDING_TOO_SOON, BTX_RULE_POLICY_SPACING);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_int_eq(f->severity, BTX_CRITICAL);
    ck_assert_int_eq(f->evidence, 0);
    ck_assert_int_eq(f->earliest_date, d + 4);
    btx_administration p = rec(d, BOTOX, CM, 155);
    btx_date out;
    ck_assert_int_eq(btx_earliest_date(NULL, &pol, h, 1, &p, &out), BTX_OK);
    ck_assert_int_eq(out, d + 4);
    /* the same day is the same visit */
    evaluate(NULL, &pol, h, 1, rec(d - 10, BOTOX, CM, 155), &r);
    ck_assert_int_eq(find(&r, BTX_FINDING_TOO_SOON, BTX_RULE_POLICY_SPACING)->status, BTX_PASS);
}
END_TEST

START_TEST(stale_weight)
{
    const btx_date d = ymd(2025, 6, 1);
    btx_patient child = {sizeof(btx_patient), 20, ymd(2016, 1, 1), d - 200};
    btx_policy pol = policy();
    pol.weight_max_age_days = 180;
    result r;
    evaluate(&child, &pol, NULL, 0, rec(d, BOTOX, ULS, 100), &r);
    ck_assert_int_eq(find(&r, BTX_FINDING_WINDOW_LIMIT, BTX_RULE_ONA_PEDIATRIC_WINDOW)->status,
                     BTX_NOT_CHECKED);
    child.weight_date = d - 180;
    evaluate(&child, &pol, NULL, 0, rec(d, BOTOX, ULS, 100), &r);
    const btx_finding *f = find(&r, BTX_FINDING_WINDOW_LIMIT, BTX_RULE_ONA_PEDIATRIC_WINDOW);
    ck_assert_int_eq(f->status, BTX_PASS);
    ck_assert_double_eq(f->limit_units, 200.0);
}
END_TEST

START_TEST(tie_reports_earliest_window)
{
    /* 100 U on day 0, 60 and 120 (90-day policy); on day 60 the windows starting in
     * [-29, 0] and in [31, 60] both hold 200 U: the earliest start, day -29, is reported. */
    const btx_date d0 = ymd(2025, 1, 10);
    btx_administration h[3] = {rec(d0, BOTOX, CM, 100), rec(d0 + 60, BOTOX, CM, 100),
                               rec(d0 + 120, BOTOX, CM, 100)};
    btx_policy pol = policy();
    pol.window_length = 90;
    pol.window_unit = BTX_DAYS;
    result r;
    evaluate(NULL, &pol, h, 3, rec(d0 + 60, BOTOX, CM, 10), &r);
    const btx_finding *f = find(&r, BTX_FINDING_WINDOW_LIMIT, BTX_RULE_ONA_ADULT_WINDOW_POLICY);
    ck_assert_ptr_nonnull(f);
    ck_assert_double_eq(f->total_units, 200.0);
    ck_assert_int_eq(f->window_start, d0 - 29);
    ck_assert_int_eq(f->window_end, d0 + 60);
}
END_TEST

START_TEST(warn_fraction_boundary)
{
    const btx_date d = ymd(2025, 6, 1);
    btx_administration h[1] = {rec(d - 5, BOTOX, CM, 205)};
    btx_policy pol = policy();
    pol.warn_fraction = 0.9; /* 360 U */
    result r;
    evaluate(NULL, &pol, h, 1, rec(d, COSMETIC, GL, 155), &r);
    const btx_finding *f = find(&r, BTX_FINDING_WINDOW_LIMIT, BTX_RULE_ONA_ADULT_WINDOW);
    ck_assert_int_eq(f->status, BTX_PASS);
    ck_assert_int_eq(f->severity, BTX_WARNING); /* 360 >= 0.9 x 400, inclusive */
    evaluate(NULL, &pol, h, 1, rec(d, COSMETIC, GL, 154.999), &r);
    f = find(&r, BTX_FINDING_WINDOW_LIMIT, BTX_RULE_ONA_ADULT_WINDOW);
    ck_assert_int_eq(f->severity, BTX_INFO);
    evaluate(NULL, &pol, h, 1, rec(d, COSMETIC, GL, 195), &r);
    f = find(&r, BTX_FINDING_WINDOW_LIMIT, BTX_RULE_ONA_ADULT_WINDOW);
    ck_assert_int_eq(f->status, BTX_PASS);
    ck_assert_int_eq(f->severity, BTX_WARNING); /* exactly 400: within the limit */
    evaluate(NULL, &pol, h, 1, rec(d, COSMETIC, GL, 195.001), &r);
    f = find(&r, BTX_FINDING_WINDOW_LIMIT, BTX_RULE_ONA_ADULT_WINDOW);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_int_eq(f->severity, BTX_CRITICAL);
}
END_TEST

START_TEST(half_unit_rounding_in_findings)
{
    const btx_date d = ymd(2025, 6, 1);
    btx_administration h[1] = {rec(d - 5, BOTOX, CM, 399.9985)}; /* 399.999 U */
    result r;
    evaluate(NULL, NULL, h, 1, rec(d, BOTOX, CM, 0.0005), &r); /* 0.001 U */
    const btx_finding *f = find(&r, BTX_FINDING_WINDOW_LIMIT, BTX_RULE_ONA_ADULT_WINDOW);
    ck_assert_double_eq(f->total_units, 399.999);
    ck_assert_double_eq(f->proposed_units, 0.001);
    ck_assert_double_eq(f->remaining_units, 0.0);
    ck_assert_int_eq(f->status, BTX_PASS);
    evaluate(NULL, NULL, h, 1, rec(d, BOTOX, CM, 0.0015), &r); /* 0.002 U */
    f = find(&r, BTX_FINDING_WINDOW_LIMIT, BTX_RULE_ONA_ADULT_WINDOW);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_double_eq(f->remaining_units, -0.001);
}
END_TEST

START_TEST(label_status_findings)
{
    const btx_date d = ymd(2025, 6, 1);
    result r;
    evaluate(NULL, NULL, NULL, 0, rec(d, BOTOX, BTX_INDICATION_EPISODIC_MIGRAINE, 155), &r);
    const btx_finding *f = find(&r, BTX_FINDING_NOT_ESTABLISHED, 0);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->status, BTX_FAIL);
    ck_assert_int_eq(f->severity, BTX_WARNING);
    evaluate(NULL, NULL, NULL, 0, rec(d, BOTOX, BTX_INDICATION_CLUSTER_HEADACHE, 155), &r);
    ck_assert_ptr_nonnull(find(&r, BTX_FINDING_NOT_LABELLED, BTX_RULE_LABEL_NOT_LABELLED));
    evaluate(NULL, NULL, NULL, 0, rec(d, BTX_PRODUCT_DYSPORT, CM, 155), &r);
    ck_assert_ptr_nonnull(find(&r, BTX_FINDING_NOT_LABELLED, BTX_RULE_LABEL_NOT_LABELLED));
    /* a 10-year-old with blepharospasm: the label admits 12 and over */
    btx_patient child = {sizeof(btx_patient), 30, ymd(2015, 1, 1), d};
    evaluate(&child, NULL, NULL, 0, rec(d, BOTOX, BTX_INDICATION_BLEPHAROSPASM, 10), &r);
    f = find(&r, BTX_FINDING_NOT_LABELLED, BTX_RULE_LABEL_AGE);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->earliest_date, ymd(2027, 1, 1));
    /* chronic migraine at 16: no pediatric label; adult label from 18 */
    btx_patient teen = {sizeof(btx_patient), 60, ymd(2009, 3, 1), d};
    evaluate(&teen, NULL, NULL, 0, rec(d, BOTOX, CM, 155), &r);
    f = find(&r, BTX_FINDING_NOT_LABELLED, BTX_RULE_LABEL_NOT_LABELLED);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->earliest_date, ymd(2027, 3, 1));
}
END_TEST

START_TEST(mixed_substances_notice)
{
    const btx_date d = ymd(2025, 6, 1);
    btx_administration h[1] = {rec(ymd(2025, 3, 1), BTX_PRODUCT_DYSPORT, BTX_INDICATION_CERVICAL_DYSTONIA, 500)};
    result r;
    evaluate(NULL, NULL, h, 1, rec(d, BOTOX, CM, 155), &r);
    const btx_finding *f = find(&r, BTX_FINDING_MIXED_SUBSTANCES, 0);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->status, BTX_NOT_CHECKED);
    ck_assert_int_eq(f->severity, BTX_WARNING);
    h[0].date = ymd(2025, 2, 28); /* more than 3 calendar months before */
    evaluate(NULL, NULL, h, 1, rec(d, BOTOX, CM, 155), &r);
    ck_assert_ptr_null(find(&r, BTX_FINDING_MIXED_SUBSTANCES, 0));
    h[0].date = ymd(2025, 9, 1); /* planned, 3 months after */
    evaluate(NULL, NULL, h, 1, rec(d, BOTOX, CM, 155), &r);
    ck_assert_ptr_nonnull(find(&r, BTX_FINDING_MIXED_SUBSTANCES, 0));
    /* a complete history and a known age drop the two other notices */
    btx_policy pol = policy();
    pol.history_complete = 1;
    btx_patient adult = {sizeof(btx_patient), 70, ymd(1980, 1, 1), d};
    evaluate(&adult, &pol, NULL, 0, rec(d, BOTOX, CM, 155), &r);
    ck_assert_ptr_null(find(&r, BTX_FINDING_HISTORY_INCOMPLETE, 0));
    ck_assert_ptr_null(find(&r, BTX_FINDING_AGE_UNKNOWN, 0));
}
END_TEST

START_TEST(capacity_and_stride)
{
    const btx_date d = ymd(2025, 6, 1);
    btx_administration p = rec(d, BOTOX, CM, 155);
    size_t count = 99;
    ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 0, &p, NULL, 0, &count), BTX_ENOSPC);
    ck_assert_uint_ge(count, 3);
    const size_t all = count;
    btx_finding two[2];
    two[0].struct_size = sizeof(btx_finding);
    ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 0, &p, two, 2, &count), BTX_ENOSPC);
    ck_assert_uint_eq(count, all);
    ck_assert_int_eq(two[0].code, BTX_FINDING_WINDOW_LIMIT);
    /* a caller with a bigger struct: stride 96, the extra bytes untouched */
    struct big {
        btx_finding f;
        double extra;
    } big[8];
    memset(big, 0x5a, sizeof big);
    big[0].f.struct_size = sizeof(struct big);
    ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 0, &p, &big[0].f, 8, &count), BTX_OK);
    ck_assert_uint_eq(count, all);
    for (size_t i = 0; i < count; i++) {
        ck_assert_int_ge(big[i].f.code, 1);
        ck_assert_ptr_nonnull(big[i].f.message);
        unsigned char b[sizeof(double)];
        memcpy(b, &big[i].extra, sizeof b);
        ck_assert_int_eq(b[0], 0x5a);
    }
    btx_finding f[4];
    f[0].struct_size = sizeof(btx_finding) - 8;
    ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 0, &p, f, 4, &count), BTX_EVERSION);
    f[0].struct_size = sizeof(btx_finding) + 4;
    ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 0, &p, f, 4, &count), BTX_EVERSION);
    f[0].struct_size = sizeof(btx_finding);
    ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 0, &p, f, 4, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 0, NULL, f, 4, &count), BTX_EINVAL);
    ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 1, &p, f, 4, &count), BTX_EINVAL);
    ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 0, &p, NULL, 4, &count), BTX_EINVAL);
    p.indication = 0;
    ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 0, &p, f, 4, &count), BTX_EINVAL);
    btx_date out;
    ck_assert_int_eq(btx_earliest_date(NULL, NULL, NULL, 0, &p, &out), BTX_EINVAL);
    p.indication = CM;
    p.units = NAN;
    ck_assert_int_eq(btx_evaluate(NULL, NULL, NULL, 0, &p, f, 4, &count), BTX_ERANGE);
    ck_assert_int_eq(btx_earliest_date(NULL, NULL, NULL, 0, &p, NULL), BTX_EINVAL);
}
END_TEST

START_TEST(earliest_date_in_gap_between_planned_sessions)
{
    /* planned migraine sessions; a 100 U cervical dystonia dose fits only where no
     * 3-month window would hold more than 300 U of the planned doses */
    const btx_date d0 = ymd(2026, 1, 5);
    btx_administration h[3] = {rec(d0, BOTOX, CM, 155), rec(d0 + 84, BOTOX, CM, 155),
                               rec(d0 + 168, BOTOX, CM, 155)};
    btx_administration p = rec(d0, BOTOX, BTX_INDICATION_CERVICAL_DYSTONIA, 100);
    btx_date out;
    ck_assert_int_eq(btx_earliest_date(NULL, NULL, h, 3, &p, &out), BTX_OK);
    /* the answer passes and the day before fails */
    result r;
    btx_administration at = p;
    at.date = out;
    evaluate(NULL, NULL, h, 3, at, &r);
    ck_assert_int_eq(find(&r, BTX_FINDING_WINDOW_LIMIT, 0)->status, BTX_PASS);
    at.date = out - 1;
    evaluate(NULL, NULL, h, 3, at, &r);
    ck_assert_int_eq(find(&r, BTX_FINDING_WINDOW_LIMIT, 0)->status, BTX_FAIL);
    ck_assert_int_gt(out, d0);
}
END_TEST

Suite *evaluate_suite(void);
Suite *evaluate_suite(void)
{
    Suite *s = suite_create("evaluate");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, finding_layout_and_names);
    tcase_add_test(tc, migraine_every_12_weeks);
    tcase_add_test(tc, daxxify_glabellar_every_3_months_is_a_schedule);
    tcase_add_test(tc, cosmetic_after_migraine_remaining);
    tcase_add_test(tc, planned_session_forward_window);
    tcase_add_test(tc, never_above_400);
    tcase_add_test(tc, pediatric_without_weight);
    tcase_add_test(tc, same_day_record_joins_session);
    tcase_add_test(tc, xeomin_visit_cap);
    tcase_add_test(tc, policy_spacing);
    tcase_add_test(tc, stale_weight);
    tcase_add_test(tc, tie_reports_earliest_window);
    tcase_add_test(tc, warn_fraction_boundary);
    tcase_add_test(tc, half_unit_rounding_in_findings);
    tcase_add_test(tc, label_status_findings);
    tcase_add_test(tc, mixed_substances_notice);
    tcase_add_test(tc, capacity_and_stride);
    tcase_add_test(tc, earliest_date_in_gap_between_planned_sessions);
    suite_add_tcase(s, tc);
    return s;
}
