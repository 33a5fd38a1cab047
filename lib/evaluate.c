/* SPDX-License-Identifier: Apache-2.0 */
/* The combined check of a proposed dose (docs/findings.md, docs/semantics.md) and the
 * earliest date it is allowed (docs/semantics.md, "Earliest date").
 *
 * Findings are emitted in a fixed order: substance window, blepharospasm window, label
 * interval, policy spacing, session/visit caps (by rule id), above protocol, label
 * status or age, then the notices (mixed substances, age unknown, history incomplete). */
#include <math.h>
#include <string.h>

#include "internal.h"

typedef struct ctx {
    btx__patient pat;
    btx__policy pol;
    const btx_administration *h;
    size_t n;
    int32_t product, indication, substance;
    btx_date d;
    btx_milli u;
    int32_t limbs; /* the proposal's limbs treated (record.h); 0 = not stated */
} ctx;

enum { CHK_SUBST_WINDOW = 1, CHK_BLEPH_WINDOW = 2, CHK_INTERVAL = 4, CHK_SPACING = 8 };
#define CHK_ALL (CHK_SUBST_WINDOW | CHK_BLEPH_WINDOW | CHK_INTERVAL | CHK_SPACING)

static int load(ctx *c, const btx_patient *patient, const btx_policy *policy,
                const btx_administration *history, size_t n, const btx_administration *proposed)
{
    if (!history && n > 0)
        return BTX_EINVAL;
    int rc = btx__load_patient(patient, &c->pat);
    if (rc == BTX_OK)
        rc = btx__load_policy(policy, &c->pol);
    if (rc == BTX_OK)
        rc = btx__load_proposal(proposed, &c->u);
    if (rc == BTX_OK) {
        int32_t field;
        rc = btx__check_patient_on(patient, proposed->date, &field);
    }
    if (rc == BTX_OK)
        rc = btx_validate_history(history, n, NULL);
    if (rc != BTX_OK)
        return rc;
    c->h = history;
    c->n = n;
    c->product = proposed->product;
    c->indication = proposed->indication;
    c->substance = btx__substance_of(proposed->product);
    c->d = proposed->date;
    c->limbs = BTX_LIMBS_OF(proposed->flags);
    return BTX_OK;
}

/* The next date after e on which a window limit may change: the 18th birthday, or a
 * bound of the weight's validity (the day it was measured, from which it counts, and
 * the day after weight_max_age_days). INT32_MAX when none. */
static btx_date next_limit_change(const ctx *c, btx_date e)
{
    btx_date best = INT32_MAX;
    if (c->pat.birth_date != BTX_DATE_UNKNOWN) {
        btx_date b18 = btx__birthday(c->pat.birth_date, 18);
        if (b18 > e && b18 < best)
            best = b18;
    }
    if (c->pat.weight_kg > 0.0 && c->pat.weight_date != BTX_DATE_UNKNOWN) {
        const btx_date from = c->pat.weight_date;
        if (from > e && from < best)
            best = from;
        if (c->pol.weight_max_age_days > 0) {
            /* 64-bit: any non-negative weight_max_age_days is a valid policy. */
            const int64_t to = (int64_t)c->pat.weight_date + c->pol.weight_max_age_days + 1;
            if (to > e && to < best)
                best = (btx_date)to;
        }
    }
    return best;
}

typedef struct window_eval {
    btx__window_check check;
    btx__worst worst;
    int fails;         /* total + u above the limit (the absolute part when weight_missing) */
} window_eval;

static void eval_window(const ctx *c, const btx__window_check *check, btx_date e, window_eval *w)
{
    btx_date lo, hi;
    btx__src src;
    const btx__filter f = {check->rule->substance, check->rule->indication};
    w->check = *check;
    btx__window_span(e, e, check->length, check->unit, &lo, &hi);
    btx__src_init(&src, c->h, c->n, f, lo, hi);
    btx__window_worst(&src, e, check->length, check->unit, check->limit - c->u, &w->worst);
    w->fails = w->worst.total + c->u > check->limit;
}

typedef struct day_result {
    int pass;
    int weight_needed;
    btx_date retry;  /* when !pass: no date before it passes the failing rules */
} day_result;

/* A failing rule bound that holds only while the limits and the rule that applies stay
 * the same: never past the next date on which they may change. */
static btx_date bounded_by_limit_change(const ctx *c, btx_date e, btx_date until)
{
    const btx_date change = next_limit_change(c, e);
    return change < until ? change : until;
}

/* Marks the day failed: no date before `until` passes this rule. */
static void fail_until(day_result *r, btx_date *retry, btx_date until)
{
    r->pass = 0;
    if (until > *retry)
        *retry = until;
}

static void check_day(const ctx *c, btx_date e, unsigned mask, day_result *r)
{
    btx_date retry = e;
    r->pass = 1;
    r->weight_needed = 0;
    if (mask & (CHK_SUBST_WINDOW | CHK_BLEPH_WINDOW)) {
        btx__window_check checks[2];
        size_t k = btx__window_checks(&c->pat, &c->pol, c->product, c->indication, e, checks);
        for (size_t i = 0; i < k; i++) {
            const int bleph = checks[i].rule->indication != 0;
            if (!(mask & (bleph ? CHK_BLEPH_WINDOW : CHK_SUBST_WINDOW)))
                continue;
            window_eval w;
            eval_window(c, &checks[i], e, &w);
            if (w.fails) {
                /* Every date before block_end lies in a window already over the limit,
                 * as long as the limit itself does not change. */
                fail_until(r, &retry, bounded_by_limit_change(c, e, w.worst.block_end));
            } else if (checks[i].weight_missing) {
                r->weight_needed = 1;
            }
        }
    }
    if (mask & CHK_INTERVAL) {
        btx__rules rules;
        btx__rules_for(c->product, c->indication, btx__population_on(&c->pat, e), &rules);
        const btx__interval_rule *rule = rules.interval;
        if (rule) {
            btx_date prev, next, until;
            btx__neighbours(c->h, c->n, c->substance, c->indication, e, &prev, &next);
            if (!btx__interval_test(prev, next, e, rule->length, rule->unit, &until)) {
                /* The rule that applies may change on the 18th birthday. */
                fail_until(r, &retry, bounded_by_limit_change(c, e, until));
            }
        }
    }
    if ((mask & CHK_SPACING) && c->pol.min_spacing_days > 0) {
        btx_date prev, next, until;
        btx__neighbours(c->h, c->n, c->substance, 0, e, &prev, &next);
        if (!btx__interval_test(prev, next, e, c->pol.min_spacing_days, BTX_DAYS, &until))
            fail_until(r, &retry, until);
    }
    r->retry = retry;
}

/* A dose above every limit a window rule family can ever set never passes it: no walk
 * to 2199 needed. The substance-wide family is always represented on every date (adult
 * or pediatric), so its largest limit is the ceiling; an indication rule is its own. */
static int above_every_limit(const ctx *c, unsigned mask)
{
    btx_milli family = -1;
    for (size_t i = 0; i < btx__window_rule_count; i++) {
        const btx__window_rule *r = &btx__window_rules[i];
        if (r->substance != c->substance)
            continue;
        if (r->indication != 0) {
            if ((mask & CHK_BLEPH_WINDOW) && r->indication == c->indication && c->u > r->limit)
                return 1;
        } else if (r->limit > family) {
            family = r->limit;
        }
    }
    return (mask & CHK_SUBST_WINDOW) && family >= 0 && c->u > family;
}

/* First date >= from on which the selected rules pass. BTX_ENEVER when none. */
static int search(const ctx *c, btx_date from, unsigned mask, btx_date *out, int *weight_needed)
{
    if (above_every_limit(c, mask))
        return BTX_ENEVER;
    btx_date e = from;
    while (e <= BTX_DATE_MAX) {
        day_result r;
        check_day(c, e, mask, &r);
        if (r.pass) {
            *out = e;
            *weight_needed = r.weight_needed;
            return BTX_OK;
        }
        e = r.retry;
    }
    return BTX_ENEVER;
}

static btx_date rule_earliest(const ctx *c, unsigned mask)
{
    btx_date e;
    int weight_needed = 0;
    if (search(c, c->d, mask, &e, &weight_needed) != BTX_OK || weight_needed)
        return BTX_DATE_UNKNOWN;
    return e;
}

int btx_earliest_date(const btx_patient *patient, const btx_policy *policy,
                      const btx_administration *history, size_t n,
                      const btx_administration *proposed, btx_date *out)
{
    if (!out)
        return BTX_EINVAL;
    ctx c;
    int rc = load(&c, patient, policy, history, n, proposed);
    if (rc != BTX_OK)
        return rc;
    btx_date e;
    int weight_needed = 0;
    rc = search(&c, c.d, CHK_ALL, &e, &weight_needed);
    if (rc != BTX_OK)
        return rc;
    if (weight_needed)
        return BTX_EWEIGHT;
    *out = e;
    return BTX_OK;
}

/* ---- findings ---- */

typedef struct sink {
    unsigned char *base;
    size_t stride, capacity, count;
} sink;

static btx_finding *next_finding(sink *s, const ctx *c, int32_t code, int32_t status,
                                 int32_t severity, int32_t rule, int32_t evidence,
                                 const char *message, const char *source)
{
    btx_finding *f = NULL;
    /* Findings beyond the caller's capacity are counted, not written; bytes past the
     * 1.0 layout in the caller's stride are left as the caller set them. */
    if (s->count < s->capacity) {
        f = (btx_finding *)(void *)(s->base + s->count * s->stride);
        memset(f, 0, sizeof(btx_finding));
        f->struct_size = s->stride;
        f->code = code;
        f->status = status;
        f->severity = severity;
        f->rule = rule;
        f->proposed_units = btx__units_from_milli(c->u);
        f->window_start = BTX_DATE_UNKNOWN;
        f->window_end = BTX_DATE_UNKNOWN;
        f->earliest_date = status == BTX_PASS ? c->d : BTX_DATE_UNKNOWN;
        f->evidence = evidence;
        f->message = message;
        f->source = source;
    }
    s->count++;
    return f;
}

static void set_units(btx_finding *f, btx_milli limit, btx_milli total, btx_milli u)
{
    if (!f)
        return;
    f->limit_units = btx__units_from_milli(limit);
    f->total_units = btx__units_from_milli(total);
    f->remaining_units = btx__units_from_milli(limit - (total + u));
}

/* warn_fraction * limit in milli-units, inclusive, tolerant of binary fractions (0.9). */
static int at_warn_level(double fraction, btx_milli limit, btx_milli with_proposal)
{
    if (!(fraction > 0.0))
        return 0;
    const double x = fraction * (double)limit;
    double r = floor(x + 0.5);
    double threshold = fabs(x - r) <= 1e-6 * (x > 1.0 ? x : 1.0) ? r : ceil(x);
    return (double)with_proposal >= threshold;
}

static void emit_windows(const ctx *c, sink *s)
{
    btx__window_check checks[2];
    size_t k = btx__window_checks(&c->pat, &c->pol, c->product, c->indication, c->d, checks);
    for (size_t i = 0; i < k; i++) {
        const btx__window_rule *r = checks[i].rule;
        window_eval w;
        eval_window(c, &checks[i], c->d, &w);
        int32_t status, severity;
        const char *msg;
        if (w.fails) {
            status = BTX_FAIL;
            severity = BTX_CRITICAL;
            msg = checks[i].weight_missing ? r->msg_fail_no_weight : r->msg_fail;
        } else if (checks[i].weight_missing) {
            status = BTX_NOT_CHECKED;
            severity = BTX_CRITICAL;
            msg = r->msg_not_checked;
        } else {
            status = BTX_PASS;
            severity = at_warn_level(c->pol.warn_fraction, checks[i].limit, w.worst.total + c->u)
                           ? BTX_WARNING
                           : BTX_INFO;
            msg = r->msg_pass;
        }
        btx_finding *f = next_finding(s, c, BTX_FINDING_WINDOW_LIMIT, status, severity,
                                      checks[i].rule_id, r->evidence, msg, r->source);
        set_units(f, checks[i].limit, w.worst.total, c->u);
        if (f) {
            f->window_start = w.worst.start;
            f->window_end = w.worst.end - 1;
            /* Without a usable weight no date can be promised (docs/semantics.md, "Weight"). */
            if (status == BTX_FAIL && !checks[i].weight_missing)
                f->earliest_date =
                    rule_earliest(c, r->indication != 0 ? CHK_BLEPH_WINDOW : CHK_SUBST_WINDOW);
        }
    }
}

static void emit_intervals(const ctx *c, const btx__rules *rules, sink *s)
{
    const btx__interval_rule *rule = rules->interval;
    if (rule) {
        btx_date prev, next;
        btx__neighbours(c->h, c->n, c->substance, c->indication, c->d, &prev, &next);
        int pass = btx__interval_test(prev, next, c->d, rule->length, rule->unit, NULL);
        int32_t severity = pass ? BTX_INFO
                                : (rule->kind == BTX_INTERVAL_MINIMUM ? BTX_CRITICAL : BTX_WARNING);
        btx_finding *f = next_finding(s, c, BTX_FINDING_TOO_SOON, pass ? BTX_PASS : BTX_FAIL,
                                      severity, rule->id, rule->evidence,
                                      pass ? rule->msg_pass : rule->msg_fail, rule->source);
        if (f && !pass)
            f->earliest_date = rule_earliest(c, CHK_INTERVAL);
    }
    if (c->pol.min_spacing_days > 0) {
        const btx__other_rule *r = btx__other_rule_get(BTX_RULE_POLICY_SPACING);
        btx_date prev, next;
        btx__neighbours(c->h, c->n, c->substance, 0, c->d, &prev, &next);
        int pass = btx__interval_test(prev, next, c->d, c->pol.min_spacing_days, BTX_DAYS, NULL);
        btx_finding *f = next_finding(
            s, c, BTX_FINDING_TOO_SOON, pass ? BTX_PASS : BTX_FAIL, pass ? BTX_INFO : BTX_CRITICAL,
            r->id, r->evidence, pass ? r->msg_pass : r->msg_fail, r->source);
        if (f && !pass)
            f->earliest_date = rule_earliest(c, CHK_SPACING);
    }
}

static int cap_counts(const btx__cap_rule *r, int32_t proposal_indication,
                      const btx_administration *a)
{
    if (r->visit)
        return (r->indications & BTX__IND_BIT(a->indication)) != 0;
    return a->indication == proposal_indication;
}

/* Units already recorded on day e for a cap (or, with r NULL, the proposal's session). */
static btx_milli day_total(const ctx *c, const btx__cap_rule *r, btx_date e)
{
    btx_milli t = 0;
    for (size_t i = 0; i < c->n; i++) {
        const btx_administration *a = &c->h[i];
        btx_milli m;
        if (a->date != e || btx__substance_of(a->product) != c->substance)
            continue;
        if (r ? !cap_counts(r, c->indication, a) : a->indication != c->indication)
            continue;
        if (btx__milli_from_units(a->units, &m) == BTX_OK)
            t += m;
    }
    return t;
}

/* The limbs treated on day e that a per-limb cap counts: the proposal's and those of
 * the records of its session, at most BTX_LIMBS_MAX; 0 when one of them does not say. */
static int32_t day_limbs(const ctx *c, const btx__cap_rule *r, btx_date e)
{
    int32_t n = c->limbs;
    for (size_t i = 0; i < c->n && n != 0; i++) {
        const btx_administration *a = &c->h[i];
        if (a->date != e || btx__substance_of(a->product) != c->substance ||
            !cap_counts(r, c->indication, a))
            continue;
        const int32_t l = BTX_LIMBS_OF(a->flags);
        n = l == 0 ? 0 : n + l;
    }
    return n < BTX_LIMBS_MAX ? n : BTX_LIMBS_MAX;
}

/* Whether the proposal on day e stays within a cap (or, with r NULL, a maximum for its
 * session); a per-limb cap is the one for the limbs of day e. */
static int cap_passes(const ctx *c, const btx__cap_rule *r, btx_milli cap, double weight,
                      btx_date e)
{
    if (r && r->per_limb) {
        int missing;
        cap = btx__cap_limit(r, day_limbs(c, r, e), weight, &missing);
    }
    return day_total(c, r, e) + c->u <= cap;
}

/* First day after d whose recorded total leaves room for the proposal under a cap (or,
 * with r NULL, under a maximum for the proposal's session). */
static btx_date cap_earliest(const ctx *c, const btx__cap_rule *r, btx_milli cap, double weight)
{
    btx_milli alone = cap; /* a day without records */
    if (r && r->per_limb) {
        int missing;
        alone = btx__cap_limit(r, c->limbs, weight, &missing);
    }
    if (c->u > alone) {
        /* Only a day with records of the session, whose limbs add to the proposal's,
         * can pass a per-limb cap; for any other cap, no day can. */
        btx_date best = BTX_DATE_UNKNOWN;
        if (r && r->per_limb)
            for (size_t i = 0; i < c->n; i++) {
                const btx_date e = c->h[i].date;
                if (e > c->d && (best == BTX_DATE_UNKNOWN || e < best) &&
                    cap_passes(c, r, cap, weight, e))
                    best = e;
            }
        return best;
    }
    for (btx_date e = c->d + 1; e <= BTX_DATE_MAX; e++) {
        /* Only days with records can fail, and there are at most n of them. */
        if (cap_passes(c, r, cap, weight, e))
            return e;
    }
    return BTX_DATE_UNKNOWN;
}

static int emit_caps(const ctx *c, const btx__rules *rules, sink *s)
{
    const double weight =
        btx__weight_usable(&c->pat, &c->pol, c->d) ? c->pat.weight_kg : 0.0;
    int session_failed = 0;
    for (size_t i = 0; i < btx__cap_rule_count; i++) {
        if (!(rules->caps & (UINT32_C(1) << i)))
            continue;
        const btx__cap_rule *r = &btx__cap_rules[i];
        int weight_missing;
        /* A per-limb cap: for the limbs of the date, or for two when one record (or the
         * proposal) does not say. */
        const int32_t limbs = r->per_limb ? day_limbs(c, r, c->d) : 0;
        const int limbs_unknown = r->per_limb && limbs == 0;
        const btx_milli cap = btx__cap_limit(r, limbs, weight, &weight_missing);
        const btx_milli total = day_total(c, r, c->d);
        int32_t status = total + c->u > cap                 ? BTX_FAIL
                         : weight_missing || limbs_unknown ? BTX_NOT_CHECKED
                                                           : BTX_PASS;
        if (status == BTX_FAIL && !r->visit)
            session_failed = 1;
        btx_finding *f = next_finding(
            s, c, BTX_FINDING_SESSION_LIMIT, status, status == BTX_PASS ? BTX_INFO : BTX_CRITICAL,
            r->id, r->evidence,
            status == BTX_PASS          ? r->msg_pass
            : status == BTX_NOT_CHECKED ? (weight_missing ? r->msg_not_checked
                                                          : r->msg_not_checked_limbs)
            : weight_missing            ? r->msg_fail_no_weight
            : limbs_unknown             ? r->msg_fail_limbs
                                        : r->msg_fail,
            r->source);
        set_units(f, cap, total, c->u);
        if (f && status == BTX_FAIL && !weight_missing)
            f->earliest_date = cap_earliest(c, r, cap, weight);
    }
    return session_failed;
}

static void emit_protocol(const ctx *c, const btx__rules *rules, sink *s, int session_failed)
{
    const btx__protocol_row *p = rules->protocol;
    const int32_t population = btx__population_on(&c->pat, c->d);
    if (p && p->dose_max_units > 0.0 && !session_failed) {
        const btx__other_rule *r = btx__other_rule_get(BTX_RULE_PROTOCOL_DOSE);
        btx_milli max, total = day_total(c, NULL, c->d);
        if (btx__milli_from_units(p->dose_max_units, &max) == BTX_OK && total + c->u > max) {
            btx_finding *f = next_finding(s, c, BTX_FINDING_ABOVE_PROTOCOL, BTX_FAIL,
                                          BTX_WARNING, r->id, p->evidence, r->msg_fail,
                                          p->source);
            set_units(f, max, total, c->u);
            if (f)
                f->earliest_date = cap_earliest(c, NULL, max, 0.0);
        }
    }

    /* Label status and age range. */
    const int age_known = c->pat.birth_date != BTX_DATE_UNKNOWN;
    if (!p && rules->label_status == BTX_LABEL_NOT_ESTABLISHED) {
        const btx__other_rule *r = btx__other_rule_get(BTX_RULE_LABEL_NOT_ESTABLISHED);
        next_finding(s, c, BTX_FINDING_NOT_ESTABLISHED, BTX_FAIL, BTX_WARNING, r->id,
                     r->evidence, r->msg_fail, r->source);
    } else if (!p) {
        const btx__other_rule *r = btx__other_rule_get(BTX_RULE_LABEL_NOT_LABELLED);
        const int pediatric = population == BTX_PEDIATRIC;
        btx_finding *f = next_finding(s, c, BTX_FINDING_NOT_LABELLED, BTX_FAIL, BTX_WARNING,
                                      r->id, r->evidence,
                                      pediatric ? r->msg_fail_alt : r->msg_fail, r->source);
        if (f && pediatric) {
            /* Labelled for adults: allowed from the adult row's lowest age (at least 18). */
            btx__rules adult;
            btx__rules_for(c->product, c->indication, BTX_ADULT, &adult);
            if (adult.protocol) {
                const int32_t min = adult.protocol->age_min_years;
                const btx_date b = btx__birthday(c->pat.birth_date, min > 18 ? min : 18);
                f->earliest_date = b <= BTX_DATE_MAX ? b : BTX_DATE_UNKNOWN;
            }
        }
    } else if (age_known) {
        const int32_t age = btx__age_years(c->pat.birth_date, c->d);
        const int too_young = p->age_min_years > 0 && age < p->age_min_years;
        const int too_old = p->age_max_years > 0 && age > p->age_max_years;
        if (too_young || too_old) {
            const btx__other_rule *r = btx__other_rule_get(BTX_RULE_LABEL_AGE);
            btx_finding *f = next_finding(s, c, BTX_FINDING_NOT_LABELLED, BTX_FAIL, BTX_WARNING,
                                          r->id, p->evidence,
                                          too_young ? r->msg_fail : r->msg_fail_alt, p->source);
            if (f && too_young) {
                const btx_date b = btx__birthday(c->pat.birth_date, p->age_min_years);
                f->earliest_date = b <= BTX_DATE_MAX ? b : BTX_DATE_UNKNOWN;
            }
        }
    }
}

static void emit_notice(const ctx *c, sink *s, int32_t code, int32_t status, int32_t severity,
                        int32_t id)
{
    const btx__other_rule *r = btx__other_rule_get(id);
    next_finding(s, c, code, status, severity, r->id, r->evidence,
                 status == BTX_PASS ? r->msg_pass : r->msg_fail, r->source);
}

static void emit_notices(const ctx *c, sink *s)
{
    const btx_date from = btx__add_months(c->d, -3), to = btx__add_months(c->d, 3);
    for (size_t i = 0; i < c->n; i++) {
        const btx_administration *a = &c->h[i];
        if (btx__substance_of(a->product) != c->substance && a->date >= from && a->date <= to) {
            emit_notice(c, s, BTX_FINDING_MIXED_SUBSTANCES, BTX_NOT_CHECKED, BTX_WARNING,
                        BTX_RULE_NOTICE_MIXED_SUBSTANCES);
            break;
        }
    }
    if (c->pat.birth_date == BTX_DATE_UNKNOWN)
        emit_notice(c, s, BTX_FINDING_AGE_UNKNOWN, BTX_PASS, BTX_INFO,
                    BTX_RULE_NOTICE_AGE_UNKNOWN);
    if (!c->pol.history_complete)
        emit_notice(c, s, BTX_FINDING_HISTORY_INCOMPLETE, BTX_PASS, BTX_INFO,
                    BTX_RULE_NOTICE_HISTORY_INCOMPLETE);
}

int btx_evaluate(const btx_patient *patient, const btx_policy *policy,
                 const btx_administration *history, size_t n, const btx_administration *proposed,
                 btx_finding *findings, size_t capacity, size_t *count)
{
    if (!count || (!findings && capacity > 0))
        return BTX_EINVAL;
    sink s = {(unsigned char *)findings, sizeof(btx_finding), capacity, 0};
    if (capacity > 0) {
        s.stride = findings[0].struct_size;
        if (s.stride < sizeof(btx_finding) || s.stride % 8 != 0)
            return BTX_EVERSION;
    }
    ctx c;
    int rc = load(&c, patient, policy, history, n, proposed);
    if (rc != BTX_OK)
        return rc;
    btx__rules rules;
    btx__rules_for(c.product, c.indication, btx__population_on(&c.pat, c.d), &rules);
    emit_windows(&c, &s);
    emit_intervals(&c, &rules, &s);
    int session_failed = emit_caps(&c, &rules, &s);
    emit_protocol(&c, &rules, &s, session_failed);
    emit_notices(&c, &s);
    *count = s.count;
    return s.count > capacity ? BTX_ENOSPC : BTX_OK;
}

const char *btx_finding_code_name(int32_t code)
{
    static const char *const names[] = {"unknown",         "window_limit",     "too_soon",
                                        "session_limit",   "above_protocol",   "not_established",
                                        "not_labelled",    "mixed_substances", "age_unknown",
                                        "history_incomplete"};
    return code >= 1 && code <= 9 ? names[code] : names[0];
}

const char *btx_status_name(int32_t status)
{
    switch (status) {
    case BTX_PASS: return "pass";
    case BTX_FAIL: return "fail";
    case BTX_NOT_CHECKED: return "not_checked";
    default: return "unknown";
    }
}

const char *btx_severity_name(int32_t severity)
{
    switch (severity) {
    case BTX_INFO: return "info";
    case BTX_WARNING: return "warning";
    case BTX_CRITICAL: return "critical";
    default: return "unknown";
    }
}

size_t btx_sizeof_finding(void)
{
    return sizeof(btx_finding);
}
