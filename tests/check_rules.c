/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The rule tables against each other and against the code that reads them:
 * - every cap and interval stated both in a protocol row (protocol_data.c) and in a rule
 *   row (rules_data.c) agrees;
 * - every fixed capacity of the readers holds for the tables as they are: the audit's
 *   rule-id width, its one length for every substance-wide window, its indication-window
 *   slots, and "the first matching row wins" in btx__rules_for (so a second matching row
 *   would be dropped: the test fails instead);
 * - btx__rules_for answers what the tables say, for every product, indication and
 *   population (checked against a plain walk of the tables written here);
 * - the history-scan fallback past BTX__SCAN_CAP dates gives the same answers as the
 *   buffered path.
 * Counts that C can check at compile time are checked in rules_data.c.
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "check_util.h"
#include "internal.h"

#define MILLI(u) ((btx_milli)((u) * 1000.0 + 0.5))

static const int32_t populations[2] = {BTX_ADULT, BTX_PEDIATRIC};

START_TEST(protocol_caps_agree_with_rules)
{
    size_t compared = 0, limb_rows = 0;
    for (size_t i = 0; i < btx__protocol_row_count; i++) {
        const btx__protocol_row *p = &btx__protocol_rows[i];
        btx__rules rules;
        btx__rules_for(p->product, p->indication, p->population, &rules);
        /* The session caps (one indication) the rule table applies to this row: the
         * session cap, or a per-limb cap (its session part, if any, is the row's). */
        int session_rules = 0, limb_rules = 0, session_cap_checked = 0;
        for (size_t k = 0; k < btx__cap_rule_count; k++) {
            const btx__cap_rule *r = &btx__cap_rules[k];
            if (!(rules.caps & (UINT32_C(1) << k)))
                continue;
            if (r->visit) {
                /* A row may mirror a visit cap over its indication as its session maximum
                 * (Dysport pediatric limbs: rule 44). */
                if (p->session_cap_units > 0.0 && MILLI(p->session_cap_units) == r->cap &&
                    MILLI(p->session_cap_units_per_kg) == r->cap_per_kg)
                    session_cap_checked = 1;
                continue;
            }
            if (r->per_limb) {
                limb_rules++;
                ck_assert_msg(p->per_limb == 1, "rule %d is per limb; its protocol row is not",
                              r->id);
                ck_assert_msg(MILLI(p->limb_cap_units_per_kg) == r->cap_per_kg,
                              "rule %d: %lld mU/kg per limb, protocol row %g U/kg", r->id,
                              (long long)r->cap_per_kg, p->limb_cap_units_per_kg);
                if (r->per_limb == BTX__PER_LIMB_BOTH) {
                    ck_assert_msg(MILLI(p->limb_cap_units) == r->cap,
                                  "rule %d: %lld mU per limb, protocol row %g U", r->id,
                                  (long long)r->cap, p->limb_cap_units);
                } else {
                    ck_assert_msg(p->limb_cap_units == 0.0 && MILLI(p->session_cap_units) == r->cap,
                                  "rule %d: %lld mU per session, protocol row %g U per limb, "
                                  "%g U per session", r->id, (long long)r->cap,
                                  p->limb_cap_units, p->session_cap_units);
                }
                /* the row's U/kg range is per limb and within the per-limb cap */
                ck_assert_msg(p->units_per_kg_max > 0.0 &&
                                  MILLI(p->units_per_kg_max) <= r->cap_per_kg,
                              "rule %d: protocol row's U/kg range %g..%g", r->id,
                              p->units_per_kg_min, p->units_per_kg_max);
                compared++;
                continue;
            }
            session_rules++;
            ck_assert_msg(p->session_cap_units > 0.0,
                          "rule %d caps a session of product %d indication %d population %d; "
                          "its protocol row states no session cap",
                          r->id, p->product, p->indication, p->population);
            ck_assert_msg(MILLI(p->session_cap_units) == r->cap,
                          "rule %d: cap %lld mU, protocol row %g U", r->id, (long long)r->cap,
                          p->session_cap_units);
            ck_assert_msg(MILLI(p->session_cap_units_per_kg) == r->cap_per_kg,
                          "rule %d: %lld mU/kg, protocol row %g U/kg", r->id,
                          (long long)r->cap_per_kg, p->session_cap_units_per_kg);
            session_cap_checked = 1;
            compared++;
        }
        ck_assert_msg(session_rules <= 1, "product %d indication %d: %d session caps",
                      p->product, p->indication, session_rules);
        ck_assert_msg(limb_rules <= 1, "product %d indication %d: %d per-limb caps",
                      p->product, p->indication, limb_rules);
        ck_assert_msg((p->per_limb != 0) == (limb_rules == 1),
                      "protocol row product %d indication %d population %d: per_limb %d, "
                      "%d per-limb rules", p->product, p->indication, p->population,
                      p->per_limb, limb_rules);
        ck_assert_msg((p->limb_cap_units > 0.0 || p->limb_cap_units_per_kg > 0.0) ==
                          (p->per_limb != 0),
                      "protocol row product %d indication %d: limb caps without per_limb",
                      p->product, p->indication);
        limb_rows += (size_t)limb_rules;
        if (p->session_cap_units > 0.0)
            ck_assert_msg(session_cap_checked,
                          "protocol row product %d indication %d population %d states a "
                          "session cap of %g U that no rule checks",
                          p->product, p->indication, p->population, p->session_cap_units);
    }
    ck_assert_uint_gt(compared, 0);
    ck_assert_uint_eq(limb_rows, 3); /* Dysport pediatric upper and lower, Xeomin pediatric upper */
}
END_TEST

START_TEST(protocol_intervals_agree_with_rules)
{
    size_t compared = 0;
    for (size_t i = 0; i < btx__protocol_row_count; i++) {
        const btx__protocol_row *p = &btx__protocol_rows[i];
        btx__rules rules;
        btx__rules_for(p->product, p->indication, p->population, &rules);
        const btx__interval_rule *r = rules.interval;
        if (p->interval_length > 0 && r) {
            ck_assert_msg(p->interval_length == r->length && p->interval_unit == r->unit &&
                              p->interval_kind == r->kind,
                          "rule %d: %d/%d/%d, protocol row product %d indication %d: %d/%d/%d",
                          r->id, r->length, r->unit, r->kind, p->product, p->indication,
                          p->interval_length, p->interval_unit, p->interval_kind);
            compared++;
        } else {
            ck_assert_msg(p->interval_length == 0 && !r,
                          "product %d indication %d population %d: interval in %s only",
                          p->product, p->indication, p->population,
                          r ? "rules_data.c" : "protocol_data.c");
        }
    }
    ck_assert_uint_gt(compared, 0);
}
END_TEST

/* Every rule id is unique, named, and fits the audit's short path. */
START_TEST(rule_ids)
{
    int32_t ids[256];
    size_t n = 0;
    for (size_t i = 0; i < btx__window_rule_count; i++) {
        ids[n++] = btx__window_rules[i].id;
        if (btx__window_rules[i].policy_id != 0)
            ids[n++] = btx__window_rules[i].policy_id;
    }
    for (size_t i = 0; i < btx__cap_rule_count; i++)
        ids[n++] = btx__cap_rules[i].id;
    for (size_t i = 0; i < btx__interval_rule_count; i++)
        ids[n++] = btx__interval_rules[i].id;
    for (size_t i = 0; i < btx__other_rule_count; i++) {
        /* Policy window ids are listed twice: as a window's policy id and here. */
        int listed = 0;
        for (size_t k = 0; k < n; k++)
            listed |= ids[k] == btx__other_rules[i].id;
        if (!listed)
            ids[n++] = btx__other_rules[i].id;
    }
    ck_assert_uint_le(n, sizeof ids / sizeof ids[0]);
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(ids[i] > 0 && ids[i] <= BTX__AUDIT_RULE_ID_MAX,
                      "rule id %d does not fit the audit's rule-id width", ids[i]);
        ck_assert_str_ne(btx_rule_name(ids[i]), "unknown");
        for (size_t k = i + 1; k < n; k++)
            ck_assert_msg(ids[i] != ids[k], "rule id %d twice", ids[i]);
    }
}
END_TEST

/* Rules without limits carry what btx_evaluate prints for them. */
START_TEST(other_rule_texts)
{
    static const int32_t failing[] = {BTX_RULE_POLICY_SPACING, BTX_RULE_PROTOCOL_DOSE,
                                      BTX_RULE_LABEL_NOT_ESTABLISHED, BTX_RULE_LABEL_NOT_LABELLED,
                                      BTX_RULE_LABEL_AGE, BTX_RULE_NOTICE_MIXED_SUBSTANCES};
    static const int32_t own_source[] = {BTX_RULE_POLICY_SPACING, BTX_RULE_LABEL_NOT_ESTABLISHED,
                                         BTX_RULE_LABEL_NOT_LABELLED,
                                         BTX_RULE_NOTICE_MIXED_SUBSTANCES,
                                         BTX_RULE_NOTICE_AGE_UNKNOWN,
                                         BTX_RULE_NOTICE_HISTORY_INCOMPLETE};
    for (size_t i = 0; i < sizeof failing / sizeof failing[0]; i++) {
        const btx__other_rule *r = btx__other_rule_get(failing[i]);
        ck_assert_ptr_nonnull(r);
        ck_assert_ptr_nonnull(r->msg_fail);
    }
    for (size_t i = 0; i < sizeof own_source / sizeof own_source[0]; i++) {
        const btx__other_rule *r = btx__other_rule_get(own_source[i]);
        ck_assert_ptr_nonnull(r);
        ck_assert_ptr_nonnull(r->source);
    }
    ck_assert_ptr_nonnull(btx__other_rule_get(BTX_RULE_LABEL_NOT_LABELLED)->msg_fail_alt);
    ck_assert_ptr_nonnull(btx__other_rule_get(BTX_RULE_LABEL_AGE)->msg_fail_alt);
    ck_assert_ptr_nonnull(btx__other_rule_get(BTX_RULE_NOTICE_AGE_UNKNOWN)->msg_pass);
    ck_assert_ptr_nonnull(btx__other_rule_get(BTX_RULE_NOTICE_HISTORY_INCOMPLETE)->msg_pass);
    ck_assert_ptr_null(btx__other_rule_get(BTX_RULE_ONA_ADULT_WINDOW));
    for (size_t i = 0; i < btx__window_rule_count; i++) {
        const btx__window_rule *r = &btx__window_rules[i];
        ck_assert(r->source && r->msg_pass && r->msg_fail);
        ck_assert_msg(r->limit_per_kg == 0 || (r->msg_not_checked && r->msg_fail_no_weight),
                      "weight-based window rule %d lacks its no-weight messages", r->id);
    }
    for (size_t i = 0; i < btx__cap_rule_count; i++) {
        const btx__cap_rule *r = &btx__cap_rules[i];
        ck_assert(r->source && r->msg_pass && r->msg_fail);
        ck_assert_msg(r->cap_per_kg == 0 || (r->msg_not_checked && r->msg_fail_no_weight),
                      "weight-based cap rule %d lacks its no-weight messages", r->id);
    }
    for (size_t i = 0; i < btx__interval_rule_count; i++)
        ck_assert(btx__interval_rules[i].source && btx__interval_rules[i].msg_pass &&
                  btx__interval_rules[i].msg_fail);
}
END_TEST

/* The audit tracks every substance-wide window with one trailing start: one length. */
START_TEST(one_substance_window_length)
{
    const btx__window_rule *first = NULL;
    for (size_t i = 0; i < btx__window_rule_count; i++) {
        const btx__window_rule *r = &btx__window_rules[i];
        if (r->indication != 0)
            continue;
        if (!first)
            first = r;
        ck_assert_msg(r->length == first->length && r->unit == first->unit,
                      "substance-wide window %d has another length than %d: the audit "
                      "assumes one", r->id, first->id);
    }
}
END_TEST

/* Indication windows: at most the audit's slots, one per substance and indication. */
START_TEST(indication_window_slots)
{
    size_t count = 0;
    for (size_t i = 0; i < btx__window_rule_count; i++) {
        const btx__window_rule *r = &btx__window_rules[i];
        if (r->indication == 0)
            continue;
        count++;
        for (size_t k = i + 1; k < btx__window_rule_count; k++)
            ck_assert_msg(!(btx__window_rules[k].substance == r->substance &&
                            btx__window_rules[k].indication == r->indication),
                          "two windows of one substance and indication (%d, %d): the "
                          "audit keeps one slot for them", r->id, btx__window_rules[k].id);
    }
    ck_assert_uint_le(count, BTX__AUDIT_MAX_IND_WINDOWS);
}
END_TEST

/* btx__rules_for against a plain walk of the tables: nothing it would drop. */
START_TEST(rules_for_every_cell)
{
    for (int32_t product = 1; product <= BTX__PRODUCT_MAX; product++)
        for (int32_t ind = 0; ind <= BTX__INDICATION_MAX; ind++)
            for (size_t pi = 0; pi < 2; pi++) {
                const int32_t pop = populations[pi];
                const int32_t s = btx__substance_of(product);
                btx__rules rules;
                btx__rules_for(product, ind, pop, &rules);
                size_t wide = 0, narrow = 0, intervals = 0;
                for (size_t i = 0; i < btx__window_rule_count; i++) {
                    const btx__window_rule *r = &btx__window_rules[i];
                    if (r->substance != s || (r->population != 0 && r->population != pop))
                        continue;
                    if (r->indication == 0) {
                        wide++;
                        ck_assert_ptr_eq(rules.window, r);
                    } else if (r->indication == ind) {
                        narrow++;
                        ck_assert_ptr_eq(rules.ind_window, r);
                    }
                }
                ck_assert_uint_le(wide, 1);
                ck_assert_uint_le(narrow, 1);
                if (wide == 0)
                    ck_assert_ptr_null(rules.window);
                if (narrow == 0)
                    ck_assert_ptr_null(rules.ind_window);
                uint32_t caps = 0;
                for (size_t i = 0; i < btx__cap_rule_count; i++) {
                    const btx__cap_rule *r = &btx__cap_rules[i];
                    if (r->product == product && (r->indications >> ind & 1u) &&
                        (r->population == 0 || r->population == pop))
                        caps |= UINT32_C(1) << i;
                }
                ck_assert_uint_eq(rules.caps, caps);
                for (size_t i = 0; i < btx__interval_rule_count && ind != 0; i++) {
                    const btx__interval_rule *r = &btx__interval_rules[i];
                    if (r->product == product && (r->indications >> ind & 1u) &&
                        (r->population == 0 || r->population == pop)) {
                        intervals++;
                        ck_assert_ptr_eq(rules.interval, r);
                    }
                }
                ck_assert_msg(intervals <= 1, "product %d indication %d: %zu intervals",
                              product, ind, intervals);
                if (intervals == 0)
                    ck_assert_ptr_null(rules.interval);
                if (ind == 0) {
                    ck_assert_ptr_null(rules.protocol);
                    ck_assert_int_eq(rules.label_status, 0);
                } else {
                    int32_t status = -1;
                    ck_assert_ptr_eq(rules.protocol, btx__protocol_find(product, ind, pop, &status));
                    ck_assert_int_eq(rules.label_status, status);
                }
            }
}
END_TEST

START_TEST(weight_limits)
{
    int missing = -1;
    ck_assert_int_eq(btx__limit_for(340000, 10000, 20.0, &missing), 200000);
    ck_assert_int_eq(missing, 0);
    ck_assert_int_eq(btx__limit_for(340000, 10000, 50.0, &missing), 340000);
    ck_assert_int_eq(missing, 0);
    ck_assert_int_eq(btx__limit_for(340000, 10000, 0.0, &missing), 340000);
    ck_assert_int_eq(missing, 1);
    ck_assert_int_eq(btx__limit_for(400000, 0, 0.0, &missing), 400000);
    ck_assert_int_eq(missing, 0);
    ck_assert_int_eq(btx__limit_for(200000, 6000, 23.45, &missing), 140700);
}
END_TEST

/* More dates in a window than BTX__SCAN_CAP: the answers come from the history scan
 * and equal a brute-force sum over every window that holds the date. */
START_TEST(scan_fallback)
{
    enum { N = BTX__SCAN_CAP + 64 };
    static btx_administration h[N];
    const btx_date d0 = ymd(2024, 1, 1);
    for (size_t i = 0; i < N; i++)
        h[i] = rec(d0 + (btx_date)i, BTX_PRODUCT_BOTOX, BTX_INDICATION_CERVICAL_DYSTONIA,
                   i % 7 == 0 ? 2.5 : 1.0);
    const btx_policy pol = {sizeof pol, 400, BTX_DAYS, 0, 0, 0.0, 1, 0};
    const btx_date d = d0 + N + 10;
    /* Brute force: the largest total of a 400-day window [S, S + 400) that holds d. */
    btx_milli best = 0;
    for (btx_date s = d - 399; s <= d; s++) {
        btx_milli t = 0;
        for (size_t i = 0; i < N; i++)
            if (h[i].date >= s && h[i].date < s + 400)
                t += MILLI(h[i].units);
        if (t > best)
            best = t;
    }
    ck_assert_int_gt(best, 0);
    double left = -1.0;
    ck_assert_int_eq(btx_headroom(NULL, &pol, h, N, BTX_PRODUCT_BOTOX,
                                  BTX_INDICATION_CERVICAL_DYSTONIA, d, &left), BTX_OK);
    ck_assert_int_eq(MILLI(left), 400000 - best);
    /* The buffered path, on the last 200 records only, agrees with the brute force. */
    btx_milli tail = 0;
    for (size_t i = N - 200; i < N; i++)
        tail += MILLI(h[i].units);
    ck_assert_int_eq(btx_headroom(NULL, &pol, h + N - 200, 200, BTX_PRODUCT_BOTOX,
                                  BTX_INDICATION_CERVICAL_DYSTONIA, d, &left), BTX_OK);
    ck_assert_int_eq(MILLI(left), 400000 - tail);
}
END_TEST

Suite *rules_suite(void);
Suite *rules_suite(void)
{
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("rules");
    tcase_add_test(tc, protocol_caps_agree_with_rules);
    tcase_add_test(tc, protocol_intervals_agree_with_rules);
    tcase_add_test(tc, rule_ids);
    tcase_add_test(tc, other_rule_texts);
    tcase_add_test(tc, one_substance_window_length);
    tcase_add_test(tc, indication_window_slots);
    tcase_add_test(tc, rules_for_every_cell);
    tcase_add_test(tc, weight_limits);
    tcase_add_test(tc, scan_fallback);
    suite_add_tcase(s, tc);
    return s;
}
