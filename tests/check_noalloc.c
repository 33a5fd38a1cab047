/* SPDX-License-Identifier: Apache-2.0 */
/*
 * No allocation (issue 7): the library never calls malloc, calloc, realloc or free.
 *
 * This suite is linked with the STATIC library and defines malloc, calloc, realloc,
 * free, aligned_alloc, posix_memalign and memalign itself, so every allocation in the
 * process (the library's, libc's on its behalf, Check's) goes through the counters
 * below. The counters only count while `armed` is set, which LIB() sets around each
 * library call alone: Check's own allocations are never counted. A positive control
 * proves the interposition is live. Not built under sanitizers (they own malloc).
 */
#include <check.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <btxdose/btxdose.h>

/* glibc's own entry points, which the wrappers forward to. */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
extern void *__libc_memalign(size_t, size_t);

static volatile int armed;
static volatile unsigned long calls; /* allocator calls while armed */

void *malloc(size_t n);
void *calloc(size_t n, size_t m);
void *realloc(void *p, size_t n);
void free(void *p);
void *aligned_alloc(size_t a, size_t n);
int posix_memalign(void **out, size_t a, size_t n);
void *memalign(size_t a, size_t n);

void *malloc(size_t n)
{
    if (armed)
        calls++;
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
    if (armed)
        calls++;
    return __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
    if (armed)
        calls++;
    return __libc_realloc(p, n);
}

void free(void *p)
{
    if (armed && p != NULL)
        calls++;
    __libc_free(p);
}

void *aligned_alloc(size_t a, size_t n)
{
    if (armed)
        calls++;
    return __libc_memalign(a, n);
}

int posix_memalign(void **out, size_t a, size_t n)
{
    if (armed)
        calls++;
    void *p = __libc_memalign(a, n);
    if (p == NULL)
        return ENOMEM;
    *out = p;
    return 0;
}

void *memalign(size_t a, size_t n)
{
    if (armed)
        calls++;
    return __libc_memalign(a, n);
}

/* Evaluates one library call with the counters armed. */
#define LIB(expr) (armed = 1, lib_result = (expr), armed = 0, lib_result)
static int lib_result;
static unsigned long lib_calls; /* library calls made */

#define CALL(expr) ((void)LIB(expr), lib_calls++)

START_TEST(interposition_is_live)
{
    /* Through volatile pointers: a compiler may drop a malloc/free pair it can see. */
    void *(*volatile do_malloc)(size_t) = malloc;
    void (*volatile do_free)(void *) = free;
    unsigned long before = calls;
    armed = 1;
    void *p = do_malloc(32);
    do_free(p);
    armed = 0;
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(calls - before, 2);
}
END_TEST

static btx_date day(int32_t y, int32_t m, int32_t d)
{
    btx_date out = 0;
    ck_assert_int_eq(btx_date_from_ymd(y, m, d, &out), BTX_OK);
    return out;
}

/* Every public function over the scenarios of check_evaluate.c and friends, on good
 * and bad input, with findings arrays large and small. */
START_TEST(library_never_allocates)
{
    const btx_date d = day(2025, 6, 2);
    btx_administration hist[300];
    size_t n = 0;
    for (int i = -4; i <= 2; i++) {
        btx_administration a = {d + 84 * i, BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE,
                                0, 155.0};
        hist[n++] = a;
    }
    btx_administration extra[] = {
        {d - 30, BTX_PRODUCT_BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, 0, 200.0},
        {d - 10, BTX_PRODUCT_DYSPORT, BTX_INDICATION_CERVICAL_DYSTONIA, 0, 500.0},
        {d - 25, BTX_PRODUCT_BOTOX, BTX_INDICATION_BLEPHAROSPASM, 0, 100.0},
        {d, BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_GLABELLAR_LINES, 0, 20.0},
        {d, BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_FOREHEAD_LINES, 0, 20.0},
        {d + 5, BTX_PRODUCT_XEOMIN, BTX_INDICATION_GLABELLAR_LINES, 0, 20.0},
        {d - 200, BTX_PRODUCT_BOTOX, 0, 0, 10.0},
    };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        hist[n++] = extra[i];
    const size_t small = n;
    while (n < 300) { /* a long history: past the library's stack buffer */
        btx_administration a = {d - 600 + (int32_t)(n * 7 % 1200), n % 3 ? BTX_PRODUCT_BOTOX
                                                                          : BTX_PRODUCT_BOTOX_COSMETIC,
                                (int32_t)(n % 18), 0, (double)(n % 50) + 0.5};
        hist[n++] = a;
    }

    btx_patient child = {sizeof(btx_patient), 23.45, day(2015, 3, 1), d - 20};
    btx_patient child_noweight = {sizeof(btx_patient), 0.0, day(2015, 3, 1), BTX_DATE_UNKNOWN};
    btx_patient adult = {sizeof(btx_patient), 70.0, day(1970, 1, 1), d};
    btx_policy pol = {sizeof(btx_policy), 90, BTX_DAYS, 30, 365, 0.8, 1, 0};
    btx_policy bad_pol = pol;
    bad_pol.reserved = 1;
    const btx_patient *patients[] = {NULL, &child, &child_noweight, &adult};
    const btx_policy *policies[] = {NULL, &pol, &bad_pol};
    const size_t sizes[] = {0, 1, small, n};

    static const int32_t products[] = {1, 2, 3, 4, 5, 6, 7, 8, 0, 9};
    static const int32_t indications[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 0};
    btx_finding f[24];
    unsigned long before = calls;

    for (size_t pi = 0; pi < 4; pi++)
        for (size_t qi = 0; qi < 3; qi++)
            for (size_t si = 0; si < 4; si++)
                for (size_t k = 0; k < 10; k++) {
                    const size_t hn = sizes[si];
                    btx_administration prop = {d + (int32_t)k * 9, products[k],
                                               indications[(k * 5 + si) % 18], 0,
                                               k == 7 ? 450.0 : 40.0 + (double)k * 30.0};
                    double u;
                    btx_date e;
                    size_t count;
                    memset(f, 0, sizeof f);
                    f[0].struct_size = sizeof f[0];
                    CALL(btx_evaluate(patients[pi], policies[qi], hist, hn, &prop, f, 24, &count));
                    CALL(btx_evaluate(patients[pi], policies[qi], hist, hn, &prop, f, 1, &count));
                    CALL(btx_evaluate(patients[pi], policies[qi], hist, hn, &prop, NULL, 0, &count));
                    CALL(btx_earliest_date(patients[pi], policies[qi], hist, hn, &prop, &e));
                    CALL(btx_headroom(patients[pi], policies[qi], hist, hn, prop.product,
                                      prop.indication, prop.date, &u));
                    CALL(btx_window_total(hist, hn, 1 + (int32_t)(k % 7), d - 90, 3, BTX_MONTHS,
                                          &u));
                    CALL(btx_validate_history(hist, hn, &count));
                }

    /* Bad input on every entry point. */
    btx_administration bad = {BTX_DATE_MAX + 1, 1, 1, 0, 1.0};
    btx_administration nan_units = {d, 1, 1, 0, NAN};
    double u;
    btx_date e;
    size_t count;
    CALL(btx_evaluate(NULL, NULL, &bad, 1, &nan_units, f, 24, &count));
    CALL(btx_evaluate(NULL, NULL, NULL, 3, &nan_units, f, 24, &count));
    CALL(btx_earliest_date(NULL, NULL, hist, small, &bad, &e));
    CALL(btx_headroom(NULL, NULL, hist, small, 99, 1, d, &u));
    CALL(btx_validate_history(&bad, 1, &count));

    /* Dates, catalog, protocols, names. */
    char buf[BTX_DATE_FORMAT_SIZE];
    int32_t y, m, dd, v;
    const char *texts[] = {"2025-02-28", "2024-02-29", "2025-02-29", "1899-12-31", "", "x",
                           "Botox", " botox cosmetic ", "onabotulinumtoxinA", "chronic migraine",
                           "OAB", "G43.709", "g43e19", "M43.6", "nonsense"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        CALL(btx_date_parse(texts[i], &e));
        CALL(btx_product_lookup(texts[i], &v));
        CALL(btx_indication_lookup(texts[i], &v));
        CALL(btx_indication_from_icd10(texts[i], &v));
        CALL(btx_substance_lookup(texts[i], &v));
    }
    for (int32_t s = -1; s <= 8; s++)
        for (int32_t ind = -1; ind <= 18; ind++)
            CALL(btx_product_for_indication(s, ind, &v));
    for (int32_t i = -3; i < 130; i++) {
        CALL(btx_date_format(d + i * 400, buf, sizeof buf));
        CALL(btx_date_to_ymd(d + i * 400, &y, &m, &dd));
        CALL(btx_date_add_months(d, i * 7 - 300, &e));
        CALL(btx_date_add_days(d, i * 1000, &e));
        CALL(btx_date_from_ymd(1890 + i * 3, 1 + i % 12, 1 + i % 31, &e));
        armed = 1;
        lib_calls += btx_product_name(i)[0] != 0;
        lib_calls += btx_substance_name(i)[0] != 0;
        lib_calls += btx_indication_name(i)[0] != 0;
        lib_calls += btx_rule_name(i)[0] != 0;
        lib_calls += btx_strerror(-i)[0] != 0;
        lib_calls += btx_finding_code_name(i)[0] != 0;
        lib_calls += btx_status_name(i)[0] != 0;
        lib_calls += btx_severity_name(i)[0] != 0;
        lib_calls += btx_label_status_name(i)[0] != 0;
        lib_calls += btx_product_substance(i) >= 0;
        armed = 0;
    }
    for (int32_t pr = 0; pr <= 9; pr++)
        for (int32_t in = 0; in <= 18; in++)
            for (int32_t po = 0; po <= 3; po++) {
                btx_protocol p;
                btx_region r;
                p.struct_size = sizeof p;
                r.struct_size = sizeof r;
                CALL(btx_protocol_lookup(pr, in, po, &p));
                for (int32_t i = -1; i < 8; i++)
                    CALL(btx_protocol_region(pr, in, po, i, &r));
            }
    CALL(btx_reconstitute(100.0, 2.5, &u));
    CALL(btx_dose_volume(155.0, 200.0, 4.0, &u));

    /* Vials, billing and NDCs (1.2). */
    static const double bill_units[] = {1.25, 155.0, 7.0, 2450.0, 100000.0, 0.0, NAN, -1.0};
    for (int32_t pr = 0; pr <= 9; pr++)
        for (int32_t in = 0; in <= 18; in += 3)
            for (size_t k = 0; k < sizeof bill_units / sizeof bill_units[0]; k++)
                for (int32_t st = 0; st <= 8; st += 2) {
                    btx_billing b;
                    btx_vial_plan vp;
                    b.struct_size = sizeof b;
                    vp.struct_size = sizeof vp;
                    int32_t field;
                    CALL(btx_bill(pr, in, bill_units[k], d + (int32_t)k * 400 - 3000, st, &b,
                                  &field));
                    CALL(btx_plan_vials(pr, bill_units[k], &vp));
                }
    const char *ndcs[] = {"0023-1145-01", "00023114501", " 15054-0530-6 ", "72960-112-02",
                          "0023114501", "", "x", "office", "hospital outpatient"};
    for (size_t i = 0; i < sizeof ndcs / sizeof ndcs[0]; i++) {
        int32_t pr;
        CALL(btx_product_from_ndc(ndcs[i], &pr, &u));
        CALL(btx_setting_lookup(ndcs[i], &pr));
    }
    for (int32_t i = -3; i < 10; i++) {
        armed = 1;
        lib_calls += btx_setting_name(i)[0] != 0;
        lib_calls += btx_bill_status_name(i)[0] != 0;
        lib_calls += btx_waste_modifiers_name(i)[0] != 0;
        armed = 0;
    }
    armed = 1;
    lib_calls += btx_version()[0] != 0;
    lib_calls += btx_data_version()[0] != 0;
    lib_calls += btx_version_number() > 0;
    lib_calls += btx_sizeof_patient() + btx_sizeof_policy() + btx_sizeof_finding() +
                 btx_sizeof_protocol() + btx_sizeof_region() + btx_sizeof_administration() +
                 btx_sizeof_vial_plan() + btx_sizeof_billing() > 0;
    armed = 0;

    ck_assert_uint_gt(lib_calls, 10000);
    ck_assert_msg(calls == before, "the library called the allocator %lu times",
                  calls - before);
}
END_TEST

Suite *noalloc_suite(void);
Suite *noalloc_suite(void)
{
    Suite *s = suite_create("noalloc");
    TCase *tc = tcase_create("noalloc");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, interposition_is_live);
    tcase_add_test(tc, library_never_allocates);
    suite_add_tcase(s, tc);
    return s;
}
