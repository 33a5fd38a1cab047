/* SPDX-License-Identifier: Apache-2.0 */
/* Benchmark: btx_headroom, btx_evaluate and btx_earliest_date on histories of 10, 100,
 * 1,000 and 10,000 records. Not a test: prints microseconds per call.
 *
 * Histories are synthetic and reproducible (fixed seed): one record every few days over
 * years, BOTOX/BOTOX Cosmetic mostly, a few other products, typical doses. The question
 * date is in the middle, so windows hold a realistic handful of records. */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <btxdose/btxdose.h>

static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint32_t next_u32(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 32);
}

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void fill(btx_administration *h, size_t n, btx_date start)
{
    static const int32_t products[] = {BTX_PRODUCT_BOTOX, BTX_PRODUCT_BOTOX, BTX_PRODUCT_BOTOX_COSMETIC,
                                       BTX_PRODUCT_DYSPORT, BTX_PRODUCT_XEOMIN};
    static const int32_t indications[] = {BTX_INDICATION_CHRONIC_MIGRAINE, BTX_INDICATION_CERVICAL_DYSTONIA,
                                          BTX_INDICATION_GLABELLAR_LINES, BTX_INDICATION_CERVICAL_DYSTONIA,
                                          BTX_INDICATION_UPPER_LIMB_SPASTICITY};
    static const double units[] = {155, 100, 20, 500, 200};
    /* Spread the records evenly over the supported range and scale the doses so a
     * 3-month window holds about 300 U: a realistic load at every size. */
    const double span = (double)(BTX_DATE_MAX - start);
    const double per_window = (double)n * 92.0 / span;
    for (size_t i = 0; i < n; i++) {
        size_t k = next_u32() % 5;
        h[i].date = start + (btx_date)(span * (double)i / (double)n) + (btx_date)(next_u32() % 5);
        h[i].product = products[k];
        h[i].indication = indications[k];
        h[i].flags = 0;
        h[i].units = per_window > 1.0 && units[k] > 300.0 / per_window ? 300.0 / per_window : units[k];
    }
    /* shuffle: the library must not depend on order */
    for (size_t i = n; i > 1; i--) {
        size_t j = next_u32() % i;
        btx_administration t = h[i - 1];
        h[i - 1] = h[j];
        h[j] = t;
    }
}

int main(int argc, char **argv)
{
    const int reps = argc > 1 ? atoi(argv[1]) : 2000;
    static const size_t sizes[] = {10, 100, 1000, 10000};
    btx_date start;
    if (btx_date_from_ymd(1900, 1, 1, &start) != BTX_OK)
        return 1;
    printf("%-8s %14s %14s %14s\n", "records", "headroom us", "evaluate us", "earliest us");
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        const size_t n = sizes[s];
        btx_administration *h = malloc(n * sizeof *h);
        if (!h)
            return 1;
        fill(h, n, start);
        btx_date mid = h[0].date;
        btx_administration p = {mid, BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, 0, 155};
        btx_finding f[16] = {BTX_FINDING_INIT};
        double sink = 0, u;
        size_t count;
        btx_date e;
        int r = n >= 10000 ? reps / 10 : reps;
        if (r < 10)
            r = 10;

        double t0 = now_us();
        for (int i = 0; i < r; i++) {
            if (btx_headroom(NULL, NULL, h, n, BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE,
                             mid + (i % 50), &u) != BTX_OK)
                return 2;
            sink += u;
        }
        double t1 = now_us();
        for (int i = 0; i < r; i++) {
            p.date = mid + (i % 50);
            if (btx_evaluate(NULL, NULL, h, n, &p, f, 16, &count) != BTX_OK)
                return 3;
            sink += (double)count;
        }
        double t2 = now_us();
        for (int i = 0; i < r; i++) {
            p.date = mid + (i % 50);
            int rc = btx_earliest_date(NULL, NULL, h, n, &p, &e);
            if (rc != BTX_OK && rc != BTX_ENEVER)
                return 4;
            sink += e;
        }
        double t3 = now_us();
        printf("%-8zu %14.2f %14.2f %14.2f\n", n, (t1 - t0) / r, (t2 - t1) / r, (t3 - t2) / r);
        free(h);
        if (sink == 42.4242)
            puts("");
    }
    return 0;
}
