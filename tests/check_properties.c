/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Randomized property tests of the window / interval / evaluate engine against the
 * independent brute-force model in tests/model/ (issues 4 and 5).
 *
 * Each case is generated from a 64-bit seed (splitmix64). Environment:
 *   BTX_PROPERTY_ITERATIONS  cases per property (default 2000);
 *   BTX_PROPERTY_SEED        first case seed (default 0x6274786d6f64656c); case i uses
 *                            seed + i, so a failure printed as "seed=S" is replayed with
 *                            BTX_PROPERTY_SEED=S BTX_PROPERTY_ITERATIONS=1.
 */
#include <check.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "model/model.h"

/* ------------------------------------------------------------------ PRNG */

typedef struct prng {
    uint64_t s;
} prng;

static uint64_t prng_next(prng *r)
{
    uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static int32_t prng_below(prng *r, int32_t n) { return (int32_t)(prng_next(r) % (uint64_t)n); }
static int32_t prng_range(prng *r, int32_t lo, int32_t hi) { return lo + prng_below(r, hi - lo + 1); }
static int prng_chance(prng *r, int percent) { return prng_below(r, 100) < percent; }

#define PICK(r, arr) ((arr)[prng_below((r), (int32_t)(sizeof(arr) / sizeof((arr)[0])))])

/* ------------------------------------------------------------------ cases */

#define MAX_RECORDS 16

typedef struct pcase {
    uint64_t seed;
    btx_administration h[MAX_RECORDS + 1];
    size_t n;
    btx_patient patient;
    int has_patient;
    btx_policy policy;
    int has_policy;
    btx_administration prop;
} pcase;

static const btx_patient *case_patient(const pcase *c) { return c->has_patient ? &c->patient : NULL; }
static const btx_policy *case_policy(const pcase *c) { return c->has_policy ? &c->policy : NULL; }

static btx_date ymd(int32_t y, int32_t m, int32_t d) { return model_days_from_civil(y, m, d); }

static int32_t month_days(int32_t y, int32_t m)
{
    int32_t first = ymd(y, m, 1);
    int32_t next = m == 12 ? ymd(y + 1, 1, 1) : ymd(y, m + 1, 1);
    return next - first;
}

static int32_t pick_product(prng *r)
{
    int32_t x = prng_below(r, 100);
    if (x < 40)
        return BTX_PRODUCT_BOTOX;
    if (x < 65)
        return BTX_PRODUCT_BOTOX_COSMETIC;
    if (x < 77)
        return BTX_PRODUCT_DYSPORT;
    if (x < 90)
        return BTX_PRODUCT_XEOMIN;
    return prng_range(r, 5, 8);
}

static int32_t pick_indication(prng *r, int32_t product)
{
    static const int32_t botox[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 8, 4, 1, 3};
    static const int32_t cosmetic[] = {10, 11, 12, 13, 10, 11, 8};
    static const int32_t dysport[] = {4, 5, 6, 10, 4, 5};
    static const int32_t xeomin[] = {4, 5, 6, 8, 10, 11, 12, 14, 14};
    static const int32_t glabellar[] = {10, 10, 6};
    static const int32_t myobloc[] = {6, 14};
    if (prng_chance(r, 12))
        return prng_range(r, 1, 17);
    switch (product) {
    case BTX_PRODUCT_BOTOX:
        return PICK(r, botox);
    case BTX_PRODUCT_BOTOX_COSMETIC:
        return PICK(r, cosmetic);
    case BTX_PRODUCT_DYSPORT:
        return PICK(r, dysport);
    case BTX_PRODUCT_XEOMIN:
        return PICK(r, xeomin);
    case BTX_PRODUCT_MYOBLOC:
        return PICK(r, myobloc);
    default:
        return PICK(r, glabellar);
    }
}

static double pick_units(prng *r, int32_t product)
{
    static const double ona[] = {5, 20, 24, 50, 100, 155, 200, 0.1, 0.001, 99.9995, 36, 64, 10,
                                 300, 400, 150, 0};
    static const double dysport[] = {50, 250, 500, 1000, 1500, 30, 120};
    static const double xeomin[] = {20, 24, 64, 100, 200, 400, 44, 0.5};
    static const double other[] = {20, 40, 50, 100, 2500, 5000};
    int32_t x = prng_below(r, 100);
    if (x < 8)
        return (double)prng_range(r, 0, 450000) / 1000.0;
    if (x < 12)
        return (double)prng_range(r, 0, 4000) / 10.0;
    switch (product) {
    case BTX_PRODUCT_BOTOX:
    case BTX_PRODUCT_BOTOX_COSMETIC:
        return PICK(r, ona);
    case BTX_PRODUCT_DYSPORT:
        return PICK(r, dysport);
    case BTX_PRODUCT_XEOMIN:
        return PICK(r, xeomin);
    default:
        return PICK(r, other);
    }
}

/* A history date near d: interval/window edges, random, or a month end. */
static btx_date pick_date_near(prng *r, btx_date d)
{
    static const int32_t edges[] = {0, 0, 1, 29, 30, 31, 83, 84, 85, 89, 90, 91, 92, 111, 112, 113};
    int32_t x = prng_below(r, 100);
    if (x < 45) {
        int32_t off = PICK(r, edges);
        return prng_chance(r, 50) ? d - off : d + off;
    }
    if (x < 75)
        return d + prng_range(r, -200, 200);
    int32_t y, m, dd;
    model_civil_from_days(d, &y, &m, &dd);
    int32_t idx = y * 12 + (m - 1) + prng_range(r, -7, 7);
    int32_t ny = idx / 12, nm = idx % 12 + 1;
    int32_t day = prng_range(r, 28, 31);
    int32_t md = month_days(ny, nm);
    return ymd(ny, nm, day < md ? day : md);
}

/* Limbs treated (record.h): only limb records carry a count; 0 = not stated. */
static int32_t pick_flags(prng *r, int32_t indication)
{
    if (indication != BTX_INDICATION_UPPER_LIMB_SPASTICITY &&
        indication != BTX_INDICATION_LOWER_LIMB_SPASTICITY)
        return 0;
    return BTX_LIMBS_FLAGS(prng_below(r, 3));
}

static btx_administration pick_record(prng *r, const btx_administration *prop)
{
    btx_administration a;
    memset(&a, 0, sizeof a);
    a.date = pick_date_near(r, prop->date);
    if (prng_chance(r, 45)) {
        a.product = prop->product;
        if (model_substance(prop->product) == BTX_SUBSTANCE_ONABOTULINUMTOXINA && prng_chance(r, 30))
            a.product = prop->product == BTX_PRODUCT_BOTOX ? BTX_PRODUCT_BOTOX_COSMETIC
                                                           : BTX_PRODUCT_BOTOX;
        a.indication = prop->indication;
    } else {
        a.product = pick_product(r);
        a.indication = pick_indication(r, a.product);
    }
    if (prng_chance(r, 15))
        a.indication = 0;
    a.flags = pick_flags(r, a.indication);
    a.units = pick_units(r, a.product);
    return a;
}

static void make_case(pcase *c, uint64_t seed)
{
    prng r = {seed};
    memset(c, 0, sizeof *c);
    c->seed = seed;

    /* The proposal's date. */
    int32_t base = prng_below(&r, 100);
    btx_date d;
    if (base < 55)
        d = ymd(2025, 6, 1);
    else if (base < 70)
        d = ymd(2026, 2, 28);
    else if (base < 80)
        d = ymd(2025, 1, 31);
    else if (base < 90)
        d = ymd(2024, 2, 29);
    else
        d = ymd(2025, 11, 30);
    if (prng_chance(&r, 60))
        d += prng_range(&r, -40, 40);

    c->prop.date = d;
    c->prop.product = pick_product(&r);
    c->prop.indication = pick_indication(&r, c->prop.product);
    c->prop.flags = pick_flags(&r, c->prop.indication);
    c->prop.units = pick_units(&r, c->prop.product);
    if (prng_chance(&r, 5))
        c->prop.units = prng_chance(&r, 50) ? 500.0 : 340.001;

    /* Patient. */
    int32_t kind = prng_below(&r, 100);
    if (kind >= 25) {
        c->has_patient = 1;
        c->patient.struct_size = sizeof(btx_patient);
        c->patient.birth_date = BTX_DATE_UNKNOWN;
        c->patient.weight_date = BTX_DATE_UNKNOWN;
        if (kind < 42) {
            c->patient.birth_date = prng_chance(&r, 80) ? ymd(1980, 5, 15) : ymd(1950, 1, 1);
        } else if (kind < 80) {
            /* A teenager turning 18 near d, sometimes a 29 February birthday. */
            static const int32_t leap_births[][3] = {
                {2008, 2, 29}, {2007, 2, 28}, {2008, 3, 1}, {2006, 2, 28}, {2004, 2, 29}};
            if (prng_chance(&r, 30)) {
                const int32_t *b = leap_births[prng_below(&r, 5)];
                c->patient.birth_date = ymd(b[0], b[1], b[2]);
            } else {
                c->patient.birth_date = model_add_months(d, -216) + prng_range(&r, -150, 150);
            }
        } else if (kind < 95) {
            c->patient.birth_date = model_add_months(d, -12 * prng_range(&r, 5, 12)) +
                                    prng_range(&r, -180, 180);
        } /* else: birth date unknown */
        if (c->patient.birth_date != BTX_DATE_UNKNOWN && prng_chance(&r, 3))
            c->patient.birth_date = d + prng_range(&r, 1, 400); /* a chart error */
        if (prng_chance(&r, 70)) {
            static const double weights[] = {12.5, 17.3, 23.45, 30.0, 33.9, 34.0, 40.0, 55.5, 70.0};
            c->patient.weight_kg = prng_chance(&r, 70) ? PICK(&r, weights)
                                                        : (double)prng_range(&r, 1000, 9000) / 100.0;
            if (prng_chance(&r, 70))
                c->patient.weight_date = d + prng_range(&r, -400, 200);
        } else if (prng_chance(&r, 20)) {
            c->patient.weight_date = d + prng_range(&r, -100, 100);
        }
    }

    /* Policy. */
    if (prng_chance(&r, 65)) {
        static const int32_t lengths[][2] = {{90, BTX_DAYS}, {12, BTX_WEEKS}, {3, BTX_MONTHS},
                                             {1, BTX_MONTHS}, {6, BTX_MONTHS}, {30, BTX_DAYS},
                                             {13, BTX_WEEKS}};
        static const int32_t spacings[] = {7, 28, 84, 90, 1};
        static const int32_t ages[] = {30, 90, 365, 1};
        static const double fractions[] = {0.5, 0.75, 0.8, 0.9, 1.0, 0.25};
        c->has_policy = 1;
        c->policy.struct_size = sizeof(btx_policy);
        if (prng_chance(&r, 60)) {
            const int32_t *l = lengths[prng_below(&r, 7)];
            c->policy.window_length = l[0];
            c->policy.window_unit = l[1];
        } else if (prng_chance(&r, 20)) {
            c->policy.window_unit = prng_range(&r, 1, 3); /* ignored when length is 0 */
        }
        if (prng_chance(&r, 40))
            c->policy.min_spacing_days = PICK(&r, spacings);
        if (prng_chance(&r, 50))
            c->policy.weight_max_age_days = PICK(&r, ages);
        if (prng_chance(&r, 50))
            c->policy.warn_fraction = prng_chance(&r, 80) ? PICK(&r, fractions)
                                                          : (double)prng_range(&r, 1, 100) / 100.0;
        c->policy.history_complete = prng_chance(&r, 50);
        c->policy.reserved = 0;
    }

    /* History. */
    c->n = (size_t)prng_range(&r, 0, 12);
    for (size_t i = 0; i < c->n; i++) {
        c->h[i] = pick_record(&r, &c->prop);
        /* Sometimes exactly one window or interval length away from an earlier record, so
         * that window edges and tie-breaks between records are reached. */
        if (i > 0 && prng_chance(&r, 25)) {
            btx_date from = c->h[prng_below(&r, (int32_t)i)].date;
            int32_t sign = prng_chance(&r, 50) ? 1 : -1;
            int32_t k = prng_below(&r, 6);
            btx_date to;
            if (k == 0 && c->has_policy && c->policy.window_length > 0)
                to = c->policy.window_unit == BTX_MONTHS
                         ? model_add_months(from, sign * c->policy.window_length)
                         : from + sign * c->policy.window_length *
                                      (c->policy.window_unit == BTX_WEEKS ? 7 : 1);
            else if (k <= 1)
                to = model_add_months(from, sign * 3);
            else if (k == 2)
                to = from + sign * 30;
            else if (k == 3)
                to = from + sign * 84;
            else if (k == 4)
                to = from + sign * (prng_chance(&r, 50) ? 90 : 112);
            else
                to = from + sign * prng_range(&r, 0, 2);
            c->h[i].date = to + (prng_chance(&r, 20) ? prng_range(&r, -1, 1) : 0);
        }
    }
}

/* ------------------------------------------------------------------ reporting */

typedef struct sbuf {
    char text[32768];
    size_t len;
} sbuf;

#if defined(__MINGW32__) /* mingw's C99 printf (-std=c11) knows %zu: gnu_printf checks */
__attribute__((format(gnu_printf, 2, 3)))
#elif defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void sb_printf(sbuf *b, const char *fmt, ...);
static void sb_printf(sbuf *b, const char *fmt, ...)
{
    if (b->len >= sizeof b->text - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(b->text + b->len, sizeof b->text - b->len, fmt, ap);
    va_end(ap);
    if (w > 0)
        b->len += (size_t)w;
    if (b->len > sizeof b->text - 1)
        b->len = sizeof b->text - 1;
}

static const char *fmt_date(btx_date d, char buf[16])
{
    if (d == BTX_DATE_UNKNOWN)
        return "UNKNOWN";
    int32_t y, m, dd;
    model_civil_from_days(d, &y, &m, &dd);
    snprintf(buf, 16, "%04d-%02d-%02d", (int)y, (int)m, (int)dd);
    return buf;
}

static void dump_record(sbuf *b, const btx_administration *a)
{
    char t[16];
    sb_printf(b, "{%s, product %d, indication %d, flags %d, %.17g U}", fmt_date(a->date, t),
              (int)a->product, (int)a->indication, (int)a->flags, a->units);
}

static void dump_case(sbuf *b, const pcase *c, const btx_administration *h, size_t n)
{
    char t1[16], t2[16];
    sb_printf(b, "seed=0x%016" PRIx64 " (replay: BTX_PROPERTY_SEED=%" PRIu64
                 " BTX_PROPERTY_ITERATIONS=1)\n",
              c->seed, c->seed);
    sb_printf(b, "proposal: ");
    dump_record(b, &c->prop);
    sb_printf(b, "\npatient: ");
    if (c->has_patient)
        sb_printf(b, "weight %.17g kg, birth %s, weight_date %s\n", c->patient.weight_kg,
                  fmt_date(c->patient.birth_date, t1), fmt_date(c->patient.weight_date, t2));
    else
        sb_printf(b, "NULL\n");
    sb_printf(b, "policy: ");
    if (c->has_policy)
        sb_printf(b, "window %d unit %d, spacing %d, weight_max_age %d, warn %.17g, complete %d\n",
                  (int)c->policy.window_length, (int)c->policy.window_unit,
                  (int)c->policy.min_spacing_days, (int)c->policy.weight_max_age_days,
                  c->policy.warn_fraction, (int)c->policy.history_complete);
    else
        sb_printf(b, "NULL\n");
    sb_printf(b, "history (%zu):\n", n);
    for (size_t i = 0; i < n; i++) {
        sb_printf(b, "  [%zu] ", i);
        dump_record(b, &h[i]);
        sb_printf(b, "\n");
    }
}

static void dump_model_finding(sbuf *b, const model_finding *f)
{
    char t1[16], t2[16], t3[16];
    sb_printf(b, "  code %d status %d sev %d rule %d limit %.3f total %.3f prop %.3f rem %.3f "
                 "win %s..%s earliest %s evidence %d\n",
              (int)f->code, (int)f->status, (int)f->severity, (int)f->rule, model_units(f->limit),
              model_units(f->total), model_units(f->proposed), model_units(f->remaining),
              fmt_date(f->window_start, t1), fmt_date(f->window_end, t2),
              fmt_date(f->earliest_date, t3), (int)f->evidence);
}

static void dump_finding(sbuf *b, const btx_finding *f)
{
    char t1[16], t2[16], t3[16];
    sb_printf(b, "  code %d status %d sev %d rule %d limit %.3f total %.3f prop %.3f rem %.3f "
                 "win %s..%s earliest %s evidence %d\n",
              (int)f->code, (int)f->status, (int)f->severity, (int)f->rule, f->limit_units,
              f->total_units, f->proposed_units, f->remaining_units,
              fmt_date(f->window_start, t1), fmt_date(f->window_end, t2),
              fmt_date(f->earliest_date, t3), (int)f->evidence);
}

/* With BTX_PROPERTY_KEEP_GOING=1 every failing case is printed and the test fails at
 * its end; otherwise the first failing case stops the test. */
static long failures;

static void fail_case(sbuf *b)
{
    const char *k = getenv("BTX_PROPERTY_KEEP_GOING");
    fprintf(stderr, "%s\n", b->text);
    if (k != NULL && *k == '1') {
        failures++;
        return;
    }
    ck_abort_msg("%s", b->text);
}

static void finish(void)
{
    long f = failures;
    failures = 0;
    ck_assert_msg(f == 0, "%ld failing cases (see stderr)", f);
}

/* ------------------------------------------------------------------ driver */

static long iterations(void)
{
    const char *s = getenv("BTX_PROPERTY_ITERATIONS");
    if (s != NULL && *s != '\0') {
        long v = strtol(s, NULL, 10);
        if (v > 0)
            return v;
    }
    return 2000;
}

static uint64_t first_seed(void)
{
    const char *s = getenv("BTX_PROPERTY_SEED");
    if (s != NULL && *s != '\0')
        return (uint64_t)strtoull(s, NULL, 0);
    return UINT64_C(0x6274786d6f64656c);
}

#define MAX_FINDINGS 32

/* BTX_PROPERTY_STATS=1 prints how often each outcome occurred, to show that the random
 * cases reach the interesting branches (FAIL, NOT_CHECKED, WARNING, EWEIGHT, ENEVER). */
static int stats_on(void)
{
    const char *s = getenv("BTX_PROPERTY_STATS");
    return s != NULL && *s == '1';
}

static size_t run_evaluate(const pcase *c, const btx_administration *h, size_t n,
                           const btx_administration *prop, btx_finding *out, int *rc)
{
    size_t count = 999;
    memset(out, 0, sizeof(btx_finding) * MAX_FINDINGS);
    out[0].struct_size = sizeof(btx_finding);
    *rc = btx_evaluate(case_patient(c), case_policy(c), h, n, prop, out, MAX_FINDINGS, &count);
    return count;
}

static int same_finding(const btx_finding *a, const btx_finding *b)
{
    return a->code == b->code && a->status == b->status && a->severity == b->severity &&
           a->rule == b->rule && a->limit_units == b->limit_units &&
           a->total_units == b->total_units && a->proposed_units == b->proposed_units &&
           a->remaining_units == b->remaining_units && a->window_start == b->window_start &&
           a->window_end == b->window_end && a->earliest_date == b->earliest_date &&
           a->evidence == b->evidence && a->message != NULL && b->message != NULL &&
           strcmp(a->message, b->message) == 0 && a->source != NULL && b->source != NULL &&
           strcmp(a->source, b->source) == 0;
}

/* ------------------------------------------------------------------ a. permutation */

START_TEST(permutation_invariance)
{
    long iters = iterations();
    uint64_t seed0 = first_seed();
    for (long it = 0; it < iters; it++) {
        pcase c;
        make_case(&c, seed0 + (uint64_t)it);
        prng r = {c.seed ^ UINT64_C(0xA5A5A5A5)};
        btx_administration perm[MAX_RECORDS + 1];
        memcpy(perm, c.h, sizeof(btx_administration) * c.n);
        for (size_t i = c.n; i > 1; i--) {
            size_t j = (size_t)prng_below(&r, (int32_t)i);
            btx_administration t = perm[i - 1];
            perm[i - 1] = perm[j];
            perm[j] = t;
        }
        const btx_patient *pt = case_patient(&c);
        const btx_policy *po = case_policy(&c);
        for (int k = 0; k < 2; k++) {
            int32_t ind = k == 0 ? c.prop.indication : 0;
            double h1 = -1, h2 = -1;
            int rc1 = btx_headroom(pt, po, c.h, c.n, c.prop.product, ind, c.prop.date, &h1);
            int rc2 = btx_headroom(pt, po, perm, c.n, c.prop.product, ind, c.prop.date, &h2);
            if (rc1 != rc2 || (rc1 == BTX_OK && !(h1 == h2 || (isinf(h1) && isinf(h2))))) {
                sbuf b = {{0}, 0};
                sb_printf(&b, "headroom changed under permutation (indication %d): rc %d %.3f vs rc %d %.3f\n",
                          (int)ind, rc1, h1, rc2, h2);
                dump_case(&b, &c, c.h, c.n);
                fail_case(&b);
            }
        }
        btx_date e1 = 0, e2 = 0;
        int rc1 = btx_earliest_date(pt, po, c.h, c.n, &c.prop, &e1);
        int rc2 = btx_earliest_date(pt, po, perm, c.n, &c.prop, &e2);
        if (rc1 != rc2 || (rc1 == BTX_OK && e1 != e2)) {
            sbuf b = {{0}, 0};
            char t1[16], t2[16];
            sb_printf(&b, "earliest_date changed under permutation: rc %d %s vs rc %d %s\n", rc1,
                      fmt_date(e1, t1), rc2, fmt_date(e2, t2));
            dump_case(&b, &c, c.h, c.n);
            fail_case(&b);
        }
        btx_finding f1[MAX_FINDINGS], f2[MAX_FINDINGS];
        int erc1, erc2;
        size_t n1 = run_evaluate(&c, c.h, c.n, &c.prop, f1, &erc1);
        size_t n2 = run_evaluate(&c, perm, c.n, &c.prop, f2, &erc2);
        int same = erc1 == erc2 && n1 == n2;
        /* A refused question (a birth date after D) writes no findings. */
        for (size_t i = 0; same && erc1 == BTX_OK && i < n1 && i < MAX_FINDINGS; i++)
            same = same_finding(&f1[i], &f2[i]);
        if (!same) {
            sbuf b = {{0}, 0};
            sb_printf(&b, "evaluate changed under permutation: rc %d n %zu vs rc %d n %zu\n", erc1,
                      n1, erc2, n2);
            for (size_t i = 0; i < n1 && i < MAX_FINDINGS; i++)
                dump_finding(&b, &f1[i]);
            sb_printf(&b, "permuted:\n");
            for (size_t i = 0; i < n2 && i < MAX_FINDINGS; i++)
                dump_finding(&b, &f2[i]);
            dump_case(&b, &c, c.h, c.n);
            fail_case(&b);
        }
    }
    finish();
}
END_TEST

/* ------------------------------------------------------------------ b. monotonicity */

START_TEST(adding_a_record_never_raises_headroom)
{
    long iters = iterations();
    uint64_t seed0 = first_seed();
    for (long it = 0; it < iters; it++) {
        pcase c;
        make_case(&c, seed0 + (uint64_t)it);
        prng r = {c.seed ^ UINT64_C(0x5A5A5A5A)};
        btx_administration more[MAX_RECORDS + 1];
        memcpy(more, c.h, sizeof(btx_administration) * c.n);
        more[c.n] = pick_record(&r, &c.prop);
        size_t at = (size_t)prng_below(&r, (int32_t)c.n + 1);
        btx_administration t = more[at];
        more[at] = more[c.n];
        more[c.n] = t;
        for (int k = 0; k < 2; k++) {
            int32_t ind = k == 0 ? c.prop.indication : 0;
            double h1 = -1, h2 = -1;
            int rc1 = btx_headroom(case_patient(&c), case_policy(&c), c.h, c.n, c.prop.product,
                                   ind, c.prop.date, &h1);
            int rc2 = btx_headroom(case_patient(&c), case_policy(&c), more, c.n + 1,
                                   c.prop.product, ind, c.prop.date, &h2);
            if (rc1 != rc2 || (rc1 == BTX_OK && !(h2 <= h1))) {
                sbuf b = {{0}, 0};
                sb_printf(&b, "adding a record raised headroom (indication %d): rc %d %.3f -> rc %d %.3f\n",
                          (int)ind, rc1, h1, rc2, h2);
                dump_case(&b, &c, more, c.n + 1);
                fail_case(&b);
            }
        }
    }
    finish();
}
END_TEST

/* ------------------------------------------------------------------ c. headroom vs model */

START_TEST(headroom_matches_model)
{
    long iters = iterations();
    uint64_t seed0 = first_seed();
    for (long it = 0; it < iters; it++) {
        pcase c;
        make_case(&c, seed0 + (uint64_t)it);
        for (int k = 0; k < 3; k++) {
            int32_t ind = k == 0 ? c.prop.indication : k == 1 ? 0 : BTX_INDICATION_BLEPHAROSPASM;
            double got = -1;
            /* An empty history may be NULL. */
            int rc = btx_headroom(case_patient(&c), case_policy(&c), c.n == 0 ? NULL : c.h, c.n,
                                  c.prop.product, ind, c.prop.date, &got);
            int64_t milli = 0;
            int inf = 0;
            int mrc = model_headroom(case_patient(&c), case_policy(&c), c.h, c.n, c.prop.product,
                                     ind, c.prop.date, &milli, &inf);
            int ok = rc == mrc;
            if (ok && rc == BTX_OK)
                ok = inf ? isinf(got) && got > 0 : got == model_units(milli);
            if (!ok) {
                sbuf b = {{0}, 0};
                sb_printf(&b, "headroom (indication %d): library rc %d %.3f, model rc %d %s%.3f\n",
                          (int)ind, rc, got, mrc, inf ? "INFINITY " : "", model_units(milli));
                dump_case(&b, &c, c.h, c.n);
                fail_case(&b);
            }
        }
    }
    finish();
}
END_TEST

/* ------------------------------------------------------------------ d. window total */

START_TEST(window_total_matches_model)
{
    long iters = iterations();
    uint64_t seed0 = first_seed();
    for (long it = 0; it < iters; it++) {
        pcase c;
        make_case(&c, seed0 + (uint64_t)it);
        prng r = {c.seed ^ UINT64_C(0x77777777)};
        for (int k = 0; k < 4; k++) {
            int32_t sub = prng_chance(&r, 60) ? BTX_SUBSTANCE_ONABOTULINUMTOXINA : prng_range(&r, 1, 7);
            btx_date start = prng_chance(&r, 50) ? pick_date_near(&r, c.prop.date)
                                                 : c.prop.date + prng_range(&r, -250, 50);
            int32_t unit = prng_range(&r, 1, 3);
            int32_t len = unit == BTX_DAYS ? prng_range(&r, 1, 200)
                          : unit == BTX_WEEKS ? prng_range(&r, 1, 30) : prng_range(&r, 1, 8);
            double got = -1;
            int rc = btx_window_total(c.n == 0 ? NULL : c.h, c.n, sub, start, len, unit, &got);
            int64_t want = model_window_total(c.h, c.n, sub, start, len, unit);
            if (rc != BTX_OK || got != model_units(want)) {
                sbuf b = {{0}, 0};
                char t[16];
                sb_printf(&b, "window_total(substance %d, %s, %d unit %d): rc %d %.3f, model %.3f\n",
                          (int)sub, fmt_date(start, t), (int)len, (int)unit, rc, got,
                          model_units(want));
                dump_case(&b, &c, c.h, c.n);
                fail_case(&b);
            }
        }
    }
    finish();
}
END_TEST

/* ------------------------------------------------------------------ e. earliest date */

static int date_rules_fail(const pcase *c, btx_date date, sbuf *why)
{
    btx_administration moved = c->prop;
    moved.date = date;
    btx_finding f[MAX_FINDINGS];
    int rc;
    size_t n = run_evaluate(c, c->h, c->n, &moved, f, &rc);
    ck_assert_int_eq(rc, BTX_OK);
    int failed = 0;
    for (size_t i = 0; i < n && i < MAX_FINDINGS; i++) {
        if ((f[i].code == BTX_FINDING_WINDOW_LIMIT || f[i].code == BTX_FINDING_TOO_SOON) &&
            f[i].status == BTX_FAIL)
            failed = 1;
        if (why != NULL)
            dump_finding(why, &f[i]);
    }
    return failed;
}

START_TEST(earliest_date_matches_model)
{
    long stat_ok[4] = {0, 0, 0, 0};
    long iters = iterations();
    uint64_t seed0 = first_seed();
    for (long it = 0; it < iters; it++) {
        pcase c;
        make_case(&c, seed0 + (uint64_t)it);
        btx_date got = BTX_DATE_UNKNOWN, want = BTX_DATE_UNKNOWN;
        int rc = btx_earliest_date(case_patient(&c), case_policy(&c), c.n == 0 ? NULL : c.h, c.n,
                                   &c.prop, &got);
        int mrc = model_earliest_date(case_patient(&c), case_policy(&c), c.h, c.n, &c.prop, &want);
        if (rc == BTX_OK)
            stat_ok[got == c.prop.date ? 0 : 1]++;
        else if (rc == BTX_ENEVER)
            stat_ok[2]++;
        else if (rc == BTX_EWEIGHT)
            stat_ok[3]++;
        if (rc != mrc || (rc == BTX_OK && got != want)) {
            sbuf b = {{0}, 0};
            char t1[16], t2[16];
            sb_printf(&b, "earliest_date: library rc %d %s, model rc %d %s\n", rc,
                      fmt_date(got, t1), mrc, fmt_date(want, t2));
            dump_case(&b, &c, c.h, c.n);
            fail_case(&b);
        }
        if (rc != BTX_OK)
            continue;
        if (date_rules_fail(&c, got, NULL)) {
            sbuf b = {{0}, 0};
            char t1[16];
            sb_printf(&b, "earliest_date %s, but evaluate on that date has a FAIL:\n",
                      fmt_date(got, t1));
            date_rules_fail(&c, got, &b);
            dump_case(&b, &c, c.h, c.n);
            fail_case(&b);
        }
        if (got > c.prop.date && !date_rules_fail(&c, got - 1, NULL)) {
            sbuf b = {{0}, 0};
            char t1[16];
            sb_printf(&b, "earliest_date %s, but evaluate the day before has no FAIL:\n",
                      fmt_date(got, t1));
            date_rules_fail(&c, got - 1, &b);
            dump_case(&b, &c, c.h, c.n);
            fail_case(&b);
        }
    }
    if (stats_on())
        fprintf(stderr, "earliest: on D %ld, later %ld, ENEVER %ld, EWEIGHT %ld\n", stat_ok[0],
                stat_ok[1], stat_ok[2], stat_ok[3]);
    finish();
}
END_TEST

/* ------------------------------------------------------------------ f. evaluate */

static int finding_matches(const btx_finding *f, const model_finding *m)
{
    return f->code == m->code && f->status == m->status && f->severity == m->severity &&
           f->rule == m->rule && f->limit_units == model_units(m->limit) &&
           f->total_units == model_units(m->total) &&
           f->proposed_units == model_units(m->proposed) &&
           f->remaining_units == model_units(m->remaining) &&
           f->window_start == m->window_start && f->window_end == m->window_end &&
           f->earliest_date == m->earliest_date &&
           (!m->check_evidence || f->evidence == m->evidence);
}

typedef struct wide_finding {
    btx_finding f;
    uint64_t extra[2];
} wide_finding;

START_TEST(evaluate_matches_model)
{
    static long stat[10][4][4]; /* code, status, severity */
    memset(stat, 0, sizeof stat);
    long iters = iterations();
    uint64_t seed0 = first_seed();
    for (long it = 0; it < iters; it++) {
        pcase c;
        make_case(&c, seed0 + (uint64_t)it);
        btx_finding f[MAX_FINDINGS];
        int rc;
        size_t n = run_evaluate(&c, c.n == 0 ? NULL : c.h, c.n, &c.prop, f, &rc);
        model_finding m[MODEL_MAX_FINDINGS];
        int mrc;
        size_t mn = model_evaluate(case_patient(&c), case_policy(&c), c.h, c.n, &c.prop, m, &mrc);
        if (mrc != BTX_OK) {
            /* The model refuses the question (a birth date after D): so must the library. */
            if (rc != mrc) {
                sbuf b = {{0}, 0};
                sb_printf(&b, "evaluate: library rc %d, model rc %d\n", rc, mrc);
                dump_case(&b, &c, c.h, c.n);
                fail_case(&b);
            }
            continue;
        }
        for (size_t i = 0; i < n && i < MAX_FINDINGS; i++)
            if (f[i].code >= 1 && f[i].code <= 9 && f[i].status >= 1 && f[i].status <= 3 &&
                f[i].severity >= 1 && f[i].severity <= 3)
                stat[f[i].code][f[i].status][f[i].severity]++;
        int ok = rc == BTX_OK && n == mn;
        for (size_t i = 0; ok && i < n; i++)
            ok = finding_matches(&f[i], &m[i]);
        if (!ok) {
            sbuf b = {{0}, 0};
            sb_printf(&b, "evaluate: library rc %d, %zu findings:\n", rc, n);
            for (size_t i = 0; i < n && i < MAX_FINDINGS; i++)
                dump_finding(&b, &f[i]);
            sb_printf(&b, "model, %zu findings:\n", mn);
            for (size_t i = 0; i < mn; i++)
                dump_model_finding(&b, &m[i]);
            dump_case(&b, &c, c.h, c.n);
            fail_case(&b);
        }
        for (size_t i = 0; i < n; i++) {
            int bad = f[i].message == NULL || f[i].message[0] == '\0' || f[i].source == NULL ||
                      f[i].source[0] == '\0';
            int notice = f[i].code == BTX_FINDING_MIXED_SUBSTANCES ||
                         f[i].code == BTX_FINDING_AGE_UNKNOWN ||
                         f[i].code == BTX_FINDING_HISTORY_INCOMPLETE;
            if (bad || (notice && f[i].status == BTX_FAIL)) {
                sbuf b = {{0}, 0};
                sb_printf(&b, "finding %zu: empty message/source or failing notice\n", i);
                dump_finding(&b, &f[i]);
                dump_case(&b, &c, c.h, c.n);
                fail_case(&b);
            }
        }

        /* Names of every field are known. */
        for (size_t i = 0; i < n && i < MAX_FINDINGS; i++)
            ck_assert_msg(strcmp(btx_finding_code_name(f[i].code), "unknown") != 0 &&
                              strcmp(btx_status_name(f[i].status), "unknown") != 0 &&
                              strcmp(btx_severity_name(f[i].severity), "unknown") != 0 &&
                              strcmp(btx_rule_name(f[i].rule), "unknown") != 0,
                          "finding %zu has a name \"unknown\" seed=%" PRIu64, i, c.seed);

        /* Capacity: 0 with NULL, exactly the count, and one short. */
        if (n > 0 && n <= MAX_FINDINGS) {
            btx_finding g[MAX_FINDINGS];
            memset(g, 0, sizeof g);
            g[0].struct_size = sizeof(btx_finding);
            size_t cnt = 999;
            int rce = btx_evaluate(case_patient(&c), case_policy(&c), c.h, c.n, &c.prop, g, n, &cnt);
            ck_assert_msg(rce == BTX_OK && cnt == n, "capacity == count: rc %d count %zu seed=%" PRIu64,
                          rce, cnt, c.seed);
        }
        size_t count = 999;
        int rc0 = btx_evaluate(case_patient(&c), case_policy(&c), c.h, c.n, &c.prop, NULL, 0, &count);
        ck_assert_msg(count == n && rc0 == (n > 0 ? BTX_ENOSPC : BTX_OK),
                      "capacity 0: rc %d count %zu (expected %zu) seed=%" PRIu64, rc0, count, n,
                      c.seed);
        if (n >= 2) {
            btx_finding g[MAX_FINDINGS];
            memset(g, 0, sizeof g);
            g[0].struct_size = sizeof(btx_finding);
            count = 999;
            int rc1 = btx_evaluate(case_patient(&c), case_policy(&c), c.h, c.n, &c.prop, g,
                                   n - 1, &count);
            ck_assert_msg(rc1 == BTX_ENOSPC && count == n, "capacity n-1: rc %d count %zu seed=%" PRIu64,
                          rc1, count, c.seed);
            for (size_t i = 0; i + 1 < n; i++)
                ck_assert_msg(same_finding(&g[i], &f[i]), "capacity n-1: finding %zu differs seed=%" PRIu64,
                              i, c.seed);
            ck_assert_msg(g[n - 1].code == 0 && g[n - 1].message == NULL,
                          "capacity n-1: wrote past capacity seed=%" PRIu64, c.seed);
        }
        /* A larger stride: every finding lands at its stride, the tail is untouched. */
        if (it % 4 == 0 && n > 0) {
            wide_finding w[MAX_FINDINGS];
            memset(w, 0, sizeof w);
            for (size_t i = 0; i < MAX_FINDINGS; i++)
                w[i].extra[0] = w[i].extra[1] = UINT64_C(0xDEADBEEFDEADBEEF);
            w[0].f.struct_size = sizeof(wide_finding);
            count = 999;
            int rcw = btx_evaluate(case_patient(&c), case_policy(&c), c.h, c.n, &c.prop,
                                   &w[0].f, MAX_FINDINGS, &count);
            ck_assert_msg(rcw == BTX_OK && count == n, "wide stride: rc %d seed=%" PRIu64, rcw, c.seed);
            for (size_t i = 0; i < n; i++) {
                ck_assert_msg(same_finding(&w[i].f, &f[i]), "wide stride: finding %zu differs seed=%" PRIu64,
                              i, c.seed);
                ck_assert_msg(w[i].extra[0] == UINT64_C(0xDEADBEEFDEADBEEF) &&
                                  w[i].extra[1] == UINT64_C(0xDEADBEEFDEADBEEF),
                              "wide stride: tail of finding %zu written seed=%" PRIu64, i, c.seed);
            }
        }
    }
    if (stats_on())
        for (int code = 1; code <= 9; code++)
            for (int st = 1; st <= 3; st++)
                for (int sv = 1; sv <= 3; sv++)
                    if (stat[code][st][sv] > 0)
                        fprintf(stderr, "evaluate: %s %s %s: %ld\n", btx_finding_code_name(code),
                                btx_status_name(st), btx_severity_name(sv), stat[code][st][sv]);
    finish();
}
END_TEST

/* ------------------------------------------------------------------ model self-checks */

/* A few hand-computed cases so a model bug cannot hide behind an engine bug. */
START_TEST(model_self_check)
{
    /* Month arithmetic with clamping, typed from design.md. */
    ck_assert_int_eq(model_add_months(ymd(2025, 11, 30), 3), ymd(2026, 2, 28));
    ck_assert_int_eq(model_add_months(ymd(2024, 1, 31), 1), ymd(2024, 2, 29));
    ck_assert_int_eq(model_add_months(ymd(2025, 5, 31), -3), ymd(2025, 2, 28));
    ck_assert_int_eq(ymd(1970, 1, 1), 0);
    ck_assert_int_eq(ymd(2000, 3, 1), 11017);
    /* 29 February birthday: 18 on 28 February in a common year. */
    ck_assert_int_eq(model_birthday(ymd(2008, 2, 29), 18), ymd(2026, 2, 28));
    btx_patient p = {sizeof(btx_patient), 0.0, ymd(2008, 2, 29), BTX_DATE_UNKNOWN};
    ck_assert_int_eq(model_population(&p, ymd(2026, 2, 27)), BTX_PEDIATRIC);
    ck_assert_int_eq(model_population(&p, ymd(2026, 2, 28)), BTX_ADULT);
    ck_assert_int_eq(model_age(ymd(2008, 2, 29), ymd(2026, 2, 28)), 18);
    ck_assert_int_eq(model_age(ymd(2008, 2, 29), ymd(2026, 2, 27)), 17);
    /* Units. */
    ck_assert(model_milli(99.9995) == 100000);
    ck_assert(model_milli(1.0005) == 1001);
    ck_assert(model_milli(0.001) == 1);
    ck_assert(model_per_kg(10000, 23.45) == 234500);
    /* decisions.md: only record 100 U on D, L = 90 days -> worst window D-89..D. */
    btx_date d = ymd(2025, 6, 1);
    btx_administration h[2] = {{d, BTX_PRODUCT_BOTOX, 1, 0, 100.0},
                               {d + 100, BTX_PRODUCT_DYSPORT, 6, 0, 500.0}};
    model_worst w = model_worst_window(h, 2, 1, 0, d, 90, BTX_DAYS);
    ck_assert(w.total == 100000);
    ck_assert_int_eq(w.start, d - 89);
    ck_assert_int_eq(w.end, d);
    /* Empty history, 3 months before 2025-05-31: earliest start containing it is 03-01. */
    w = model_worst_window(h, 0, 1, 0, ymd(2025, 5, 31), 3, BTX_MONTHS);
    ck_assert(w.total == 0);
    ck_assert_int_eq(w.start, ymd(2025, 3, 1));
    /* Interval: 12 weeks = 84 days, both sides. */
    ck_assert(model_interval_pass(h, 1, 1, 1, d + 84, 12, BTX_WEEKS));
    ck_assert(!model_interval_pass(h, 1, 1, 1, d + 83, 12, BTX_WEEKS));
    ck_assert(!model_interval_pass(h, 1, 1, 1, d - 83, 12, BTX_WEEKS));
    ck_assert(model_interval_pass(h, 1, 1, 1, d - 84, 12, BTX_WEEKS));
    ck_assert(model_interval_pass(h, 1, 1, 1, d, 12, BTX_WEEKS)); /* joins the session */
    /* Earliest date: 350 U on D, 100 U proposed -> after the 3-month window passes D. */
    btx_administration big = {d, BTX_PRODUCT_BOTOX, 4, 0, 350.0};
    btx_administration prop = {d, BTX_PRODUCT_BOTOX, 1, 0, 100.0};
    btx_date e = 0;
    ck_assert_int_eq(model_earliest_date(NULL, NULL, &big, 1, &prop, &e), BTX_OK);
    ck_assert_int_eq(e, ymd(2025, 9, 1));
    prop.units = 401.0;
    ck_assert_int_eq(model_earliest_date(NULL, NULL, &big, 1, &prop, &e), BTX_ENEVER);
}
END_TEST

Suite *properties_suite(void);
Suite *properties_suite(void)
{
    Suite *s = suite_create("properties");
    TCase *tc = tcase_create("model");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, model_self_check);
    tcase_add_test(tc, window_total_matches_model);
    tcase_add_test(tc, headroom_matches_model);
    tcase_add_test(tc, adding_a_record_never_raises_headroom);
    tcase_add_test(tc, permutation_invariance);
    tcase_add_test(tc, earliest_date_matches_model);
    tcase_add_test(tc, evaluate_matches_model);
    suite_add_tcase(s, tc);
    return s;
}
