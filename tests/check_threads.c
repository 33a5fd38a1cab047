/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Thread safety (issue 7): the same mixed workload (lookups, protocols, headroom,
 * evaluate, earliest date, window totals over a fixed set of histories) run from 8
 * threads at once must give, answer for answer, what one thread gives alone. Run under
 * ThreadSanitizer by the `tsan` preset; under the other builds it still compares.
 */
#include <check.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <btxdose/btxdose.h>

#define THREADS 8
#define ROUNDS 2
#define HISTORIES 6
#define MAX_REC 300
#define DATES 12
#define KINDS 7
#define TASKS (HISTORIES * DATES * KINDS)

typedef struct scenario {
    btx_administration h[MAX_REC];
    size_t n;
    btx_patient patient;
    int have_patient;
    btx_policy policy;
    int have_policy;
    int32_t product, indication;
} scenario;

static scenario scenarios[HISTORIES];
static uint64_t reference[TASKS];
static btx_date base_date;

/* ---- deterministic inputs ---- */

static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static void add(scenario *s, int32_t day, int32_t product, int32_t indication, double units)
{
    btx_administration a = {base_date + day, product, indication, 0, units};
    s->h[s->n++] = a;
}

static void make_scenarios(void)
{
    ck_assert_int_eq(btx_date_from_ymd(2025, 6, 1, &base_date), BTX_OK);
    memset(scenarios, 0, sizeof scenarios);
    uint64_t seed = 7;

    scenario *s = &scenarios[0]; /* empty history, no patient, no policy */
    s->product = BTX_PRODUCT_BOTOX;
    s->indication = BTX_INDICATION_CHRONIC_MIGRAINE;

    s = &scenarios[1]; /* adult chronic migraine every 12 weeks, some spasticity */
    s->product = BTX_PRODUCT_BOTOX;
    s->indication = BTX_INDICATION_CHRONIC_MIGRAINE;
    for (int i = -4; i <= 2; i++)
        add(s, 84 * i, BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, 155.0);
    add(s, -30, BTX_PRODUCT_BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, 200.0);

    s = &scenarios[2]; /* a child with a weight, pediatric upper limb */
    s->product = BTX_PRODUCT_BOTOX;
    s->indication = BTX_INDICATION_UPPER_LIMB_SPASTICITY;
    s->have_patient = 1;
    s->patient.struct_size = sizeof s->patient;
    s->patient.weight_kg = 23.45;
    s->patient.birth_date = base_date - 10 * 365;
    s->patient.weight_date = base_date - 20;
    add(s, -90, BTX_PRODUCT_BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, 120.0);
    add(s, -10, BTX_PRODUCT_BOTOX, BTX_INDICATION_LOWER_LIMB_SPASTICITY, 60.5);

    s = &scenarios[3]; /* mixed substances and a policy */
    s->product = BTX_PRODUCT_DYSPORT;
    s->indication = BTX_INDICATION_CERVICAL_DYSTONIA;
    s->have_policy = 1;
    s->policy.struct_size = sizeof s->policy;
    s->policy.window_length = 90;
    s->policy.window_unit = BTX_DAYS;
    s->policy.min_spacing_days = 30;
    s->policy.warn_fraction = 0.8;
    s->policy.history_complete = 1;
    add(s, -100, BTX_PRODUCT_DYSPORT, BTX_INDICATION_CERVICAL_DYSTONIA, 500.0);
    add(s, -20, BTX_PRODUCT_XEOMIN, BTX_INDICATION_CERVICAL_DYSTONIA, 120.0);
    add(s, 15, BTX_PRODUCT_BOTOX, BTX_INDICATION_BLEPHAROSPASM, 50.0);

    s = &scenarios[4]; /* a long history: past the library's stack buffer */
    s->product = BTX_PRODUCT_BOTOX_COSMETIC;
    s->indication = BTX_INDICATION_GLABELLAR_LINES;
    for (int i = 0; i < MAX_REC; i++) {
        uint64_t r = rng_next(&seed);
        add(s, (int32_t)(r % 1200) - 600, r & 256 ? BTX_PRODUCT_BOTOX : BTX_PRODUCT_BOTOX_COSMETIC,
            (int32_t)((r >> 12) % 18), (double)((r >> 20) % 400) / 8.0);
    }

    s = &scenarios[5]; /* blepharospasm, cosmetic areas on one day */
    s->product = BTX_PRODUCT_BOTOX;
    s->indication = BTX_INDICATION_BLEPHAROSPASM;
    add(s, -25, BTX_PRODUCT_BOTOX, BTX_INDICATION_BLEPHAROSPASM, 100.0);
    add(s, 0, BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_GLABELLAR_LINES, 20.0);
    add(s, 0, BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_FOREHEAD_LINES, 20.0);
}

/* ---- answers reduced to a 64-bit digest of every output field ---- */

static void mix(uint64_t *hsh, const void *p, size_t len)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < len; i++) {
        *hsh ^= b[i];
        *hsh *= UINT64_C(0x100000001B3);
    }
}

static void mix_i(uint64_t *h, int64_t v)
{
    mix(h, &v, sizeof v);
}

static void mix_d(uint64_t *h, double v)
{
    mix(h, &v, sizeof v);
}

static void mix_s(uint64_t *h, const char *s)
{
    mix(h, s ? s : "(null)", strlen(s ? s : "(null)") + 1);
}

static const char *const lookup_texts[] = {"Botox", "botox cosmetic", "Dysport", "xeomin",
                                           "chronic migraine", "OAB", "crow's feet", "G43.709",
                                           "M43.6", "nonsense", " Myobloc "};

static uint64_t run_task(size_t task)
{
    const size_t hi = task % HISTORIES;
    const size_t di = (task / HISTORIES) % DATES;
    const size_t kind = task / (HISTORIES * DATES);
    const scenario *s = &scenarios[hi];
    const btx_patient *pat = s->have_patient ? &s->patient : NULL;
    const btx_policy *pol = s->have_policy ? &s->policy : NULL;
    const btx_date d = base_date + (btx_date)di * 17 - 90;
    uint64_t h = UINT64_C(0xCBF29CE484222325);
    int rc;
    switch (kind) {
    case 0: { /* lookups and names */
        int32_t v = 0;
        const char *t = lookup_texts[(hi + di) % (sizeof lookup_texts / sizeof lookup_texts[0])];
        mix_i(&h, btx_product_lookup(t, &v));
        mix_i(&h, v);
        mix_i(&h, btx_indication_lookup(t, &v));
        mix_i(&h, v);
        mix_i(&h, btx_indication_from_icd10(t, &v));
        mix_i(&h, v);
        mix_s(&h, btx_product_name((int32_t)di));
        mix_s(&h, btx_indication_name((int32_t)(di + hi)));
        mix_s(&h, btx_rule_name((int32_t)(di * 10 + hi)));
        mix_s(&h, btx_strerror(-(int)di));
        break;
    }
    case 1: { /* protocols and regions */
        btx_protocol p;
        memset(&p, 0, sizeof p);
        p.struct_size = sizeof p;
        int32_t product = 1 + (int32_t)((hi + di) % 8), indication = 1 + (int32_t)((di * 3 + hi) % 17);
        int32_t population = 1 + (int32_t)(di % 2);
        rc = btx_protocol_lookup(product, indication, population, &p);
        mix_i(&h, rc);
        mix(&h, (const char *)&p + sizeof p.struct_size,
            offsetof(btx_protocol, source) - sizeof p.struct_size);
        mix_s(&h, p.source);
        for (int32_t i = 0; rc == BTX_OK && i < p.regions; i++) {
            btx_region r;
            memset(&r, 0, sizeof r);
            r.struct_size = sizeof r;
            mix_i(&h, btx_protocol_region(product, indication, population, i, &r));
            mix_s(&h, r.name);
            mix_d(&h, r.units_min);
            mix_d(&h, r.units_max);
            mix_i(&h, r.sites);
        }
        break;
    }
    case 2: { /* headroom */
        double u = -1.0;
        mix_i(&h, btx_headroom(pat, pol, s->h, s->n, s->product, s->indication, d, &u));
        mix_d(&h, u);
        mix_i(&h, btx_headroom(pat, pol, s->h, s->n, s->product, 0, d, &u));
        mix_d(&h, u);
        break;
    }
    case 3:
    case 4: { /* evaluate, two doses */
        btx_finding f[24];
        memset(f, 0, sizeof f);
        f[0].struct_size = sizeof f[0];
        size_t count = 0;
        btx_administration prop = {d, s->product, s->indication, 0, kind == 3 ? 50.0 : 250.0};
        rc = btx_evaluate(pat, pol, s->h, s->n, &prop, f, 24, &count);
        mix_i(&h, rc);
        mix_i(&h, (int64_t)count);
        for (size_t i = 0; rc == BTX_OK && i < count; i++) {
            mix(&h, (const char *)&f[i] + sizeof f[i].struct_size,
                offsetof(btx_finding, message) - sizeof f[i].struct_size);
            mix_s(&h, f[i].message);
            mix_s(&h, f[i].source);
        }
        break;
    }
    case 5: { /* earliest date */
        btx_date e = 0;
        btx_administration prop = {d, s->product, s->indication, 0, 150.0 + (double)di * 20.0};
        mix_i(&h, btx_earliest_date(pat, pol, s->h, s->n, &prop, &e));
        mix_i(&h, e);
        break;
    }
    default: { /* window totals, dates */
        double u = -1.0;
        mix_i(&h, btx_window_total(s->h, s->n, 1 + (int32_t)(di % 7), d - 90, 3, BTX_MONTHS, &u));
        mix_d(&h, u);
        char buf[BTX_DATE_FORMAT_SIZE];
        mix_i(&h, btx_date_format(d, buf, sizeof buf));
        mix_s(&h, buf);
        btx_date back = 0;
        mix_i(&h, btx_date_parse(buf, &back));
        mix_i(&h, back);
        mix_i(&h, btx_date_add_months(d, (int32_t)di - 6, &back));
        mix_i(&h, back);
        break;
    }
    }
    return h;
}

/* ---- threads ---- */

typedef struct worker {
    size_t id;
    size_t mismatches;
    size_t done;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    for (int round = 0; round < ROUNDS; round++) {
        for (size_t k = 0; k < TASKS; k++) {
            /* Each thread starts at its own place and walks its own stride, so
             * different threads run different calls at the same moment. */
            size_t task = (w->id * 97 + k * (2 * w->id + 1)) % TASKS;
            if (run_task(task) != reference[task])
                w->mismatches++;
            w->done++;
        }
    }
    return NULL;
}

START_TEST(eight_threads_agree_with_one)
{
    make_scenarios();
    for (size_t t = 0; t < TASKS; t++)
        reference[t] = run_task(t);
    /* The reference itself is deterministic. */
    for (size_t t = 0; t < TASKS; t += 7)
        ck_assert_uint_eq(run_task(t), reference[t]);

    pthread_t th[THREADS];
    worker w[THREADS];
    for (size_t i = 0; i < THREADS; i++) {
        w[i].id = i;
        w[i].mismatches = 0;
        w[i].done = 0;
        ck_assert_int_eq(pthread_create(&th[i], NULL, work, &w[i]), 0);
    }
    size_t mismatches = 0, done = 0;
    for (size_t i = 0; i < THREADS; i++) {
        ck_assert_int_eq(pthread_join(th[i], NULL), 0);
        mismatches += w[i].mismatches;
        done += w[i].done;
    }
    ck_assert_uint_eq(done, (size_t)THREADS * ROUNDS * TASKS);
    ck_assert_msg(mismatches == 0, "%zu of %zu answers differ from the single-threaded ones",
                  mismatches, done);
}
END_TEST

/* The workload really exercises the engine: some answers are errors, some findings
 * fail, some earliest dates move (so a broken library cannot pass by answering
 * nothing). */
START_TEST(workload_is_not_trivial)
{
    make_scenarios();
    const scenario *s = &scenarios[1];
    btx_finding f[24];
    memset(f, 0, sizeof f);
    f[0].struct_size = sizeof f[0];
    size_t count = 0;
    btx_administration prop = {base_date + 1, s->product, s->indication, 0, 250.0};
    ck_assert_int_eq(btx_evaluate(NULL, NULL, s->h, s->n, &prop, f, 24, &count), BTX_OK);
    int fails = 0;
    for (size_t i = 0; i < count; i++)
        fails += f[i].status == BTX_FAIL;
    ck_assert_int_gt(fails, 0);
    btx_date e = 0;
    ck_assert_int_eq(btx_earliest_date(NULL, NULL, s->h, s->n, &prop, &e), BTX_OK);
    ck_assert_int_gt(e, prop.date);
    /* Distinct tasks give distinct digests for the most part. */
    size_t same = 0;
    for (size_t t = 1; t < TASKS; t++)
        same += run_task(t) == run_task(t - 1);
    ck_assert_uint_lt(same, TASKS / 4);
}
END_TEST

Suite *threads_suite(void);
Suite *threads_suite(void)
{
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("threads");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, workload_is_not_trivial);
    tcase_add_test(tc, eight_threads_agree_with_one);
    suite_add_tcase(s, tc);
    return s;
}
