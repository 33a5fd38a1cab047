/* SPDX-License-Identifier: Apache-2.0 */
/* Protocols, regions, reconstitution, struct layout and struct_size rules.
 *
 * The expected rows below are typed from ../shared/clinical/label-facts.md (Part A and
 * Part B) and design.md section 3, not read back from the library: a wrong number in
 * lib/protocol_data.c fails here. Every product x indication x population is walked
 * through the public API; a pair without an expected row must be BTX_ENOTFOUND. */
#include <check.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <btxdose/btxdose.h>

#define A BTX_ADULT
#define P BTX_PEDIATRIC
#define THER BTX_CATEGORY_THERAPEUTIC
#define COSM BTX_CATEGORY_COSMETIC
#define LBL BTX_EVIDENCE_LABEL
#define SEC BTX_EVIDENCE_SECONDARY
#define W BTX_WEEKS
#define M BTX_MONTHS
#define D BTX_DAYS
#define MIN BTX_INTERVAL_MINIMUM
#define SCHED BTX_INTERVAL_SCHEDULE

typedef struct expect_row {
    int32_t product, indication, population;
    int32_t category, age_min, age_max;
    double dose, dose_min, dose_max;
    double per_kg_min, per_kg_max;
    double cap, cap_per_kg;
    double per_site;
    int32_t sites, regions;
    int32_t ilen, iunit, ikind;
    int32_t evidence;
} expect_row;

/* product, indication, population | category, age min, age max | dose, min, max |
 * U/kg min, max | cap, cap U/kg | U/site | sites, regions | interval | evidence */
static const expect_row expected[] = {
    /* BOTOX therapeutic */
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, A, THER, 18, 0,
     155, 155, 155, 0, 0, 0, 0, 5, 31, 7, 12, W, SCHED, SEC},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_OVERACTIVE_BLADDER, A, THER, 18, 0,
     100, 100, 100, 0, 0, 0, 0, 5, 20, 0, 12, W, MIN, LBL},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY, A, THER, 18, 0,
     200, 200, 200, 0, 0, 0, 0, 0, 30, 0, 12, W, MIN, LBL},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY, P, THER, 5, 17,
     0, 0, 0, 6, 6, 200, 6, 0, 0, 0, 0, 0, 0, LBL},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, A, THER, 18, 0,
     0, 75, 400, 0, 0, 0, 0, 0, 0, 0, 12, W, MIN, SEC},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, P, THER, 2, 17,
     0, 0, 0, 3, 6, 200, 6, 0, 0, 7, 12, W, MIN, LBL},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_LOWER_LIMB_SPASTICITY, A, THER, 18, 0,
     0, 300, 400, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, LBL},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_LOWER_LIMB_SPASTICITY, P, THER, 2, 17,
     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, LBL},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_CERVICAL_DYSTONIA, A, THER, 18, 0,
     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, LBL},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_AXILLARY_HYPERHIDROSIS, A, THER, 18, 0,
     100, 100, 100, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, SEC},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_BLEPHAROSPASM, A, THER, 12, 0,
     0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, M, SCHED, LBL},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_BLEPHAROSPASM, P, THER, 12, 0,
     0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, M, SCHED, LBL},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_STRABISMUS, A, THER, 12, 0,
     0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, SEC},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_STRABISMUS, P, THER, 12, 0,
     0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, SEC},
    /* BOTOX Cosmetic */
    {BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_GLABELLAR_LINES, A, COSM, 18, 0,
     20, 20, 20, 0, 0, 20, 0, 4, 5, 2, 90, D, MIN, LBL},
    {BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_LATERAL_CANTHAL_LINES, A, COSM, 18, 0,
     24, 24, 24, 0, 0, 24, 0, 4, 6, 1, 90, D, MIN, LBL},
    {BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_FOREHEAD_LINES, A, COSM, 18, 0,
     20, 20, 20, 0, 0, 20, 0, 4, 5, 1, 90, D, MIN, LBL},
    {BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_PLATYSMA_BANDS, A, COSM, 18, 0,
     0, 26, 36, 0, 0, 36, 0, 0, 0, 0, 90, D, MIN, LBL},
    /* Dysport */
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_CERVICAL_DYSTONIA, A, THER, 18, 0,
     500, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12, W, MIN, SEC},
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_UPPER_LIMB_SPASTICITY, A, THER, 18, 0,
     0, 500, 1000, 0, 0, 0, 0, 0, 0, 0, 12, W, MIN, LBL},
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_LOWER_LIMB_SPASTICITY, A, THER, 18, 0,
     0, 1000, 1500, 0, 0, 0, 0, 0, 0, 0, 12, W, MIN, LBL},
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_UPPER_LIMB_SPASTICITY, P, THER, 2, 17,
     0, 0, 0, 8, 16, 1000, 30, 0, 0, 0, 16, W, MIN, LBL},
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_LOWER_LIMB_SPASTICITY, P, THER, 2, 17,
     0, 0, 0, 10, 15, 1000, 30, 0, 0, 0, 12, W, MIN, LBL},
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_GLABELLAR_LINES, A, COSM, 18, 64,
     50, 50, 50, 0, 0, 0, 0, 10, 5, 2, 3, M, MIN, LBL},
    /* Xeomin */
    {BTX_PRODUCT_XEOMIN, BTX_INDICATION_CHRONIC_SIALORRHEA, A, THER, 18, 0,
     100, 100, 100, 0, 0, 0, 0, 0, 0, 4, 16, W, MIN, SEC},
    {BTX_PRODUCT_XEOMIN, BTX_INDICATION_CHRONIC_SIALORRHEA, P, THER, 2, 17,
     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16, W, MIN, LBL},
    {BTX_PRODUCT_XEOMIN, BTX_INDICATION_UPPER_LIMB_SPASTICITY, A, THER, 18, 0,
     0, 0, 400, 0, 0, 0, 0, 0, 0, 12, 12, W, MIN, SEC},
    {BTX_PRODUCT_XEOMIN, BTX_INDICATION_UPPER_LIMB_SPASTICITY, P, THER, 2, 17,
     0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, LBL},
    {BTX_PRODUCT_XEOMIN, BTX_INDICATION_CERVICAL_DYSTONIA, A, THER, 18, 0,
     120, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, LBL},
    {BTX_PRODUCT_XEOMIN, BTX_INDICATION_BLEPHAROSPASM, A, THER, 18, 0,
     50, 0, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, SEC},
    {BTX_PRODUCT_XEOMIN, BTX_INDICATION_GLABELLAR_LINES, A, COSM, 18, 0,
     20, 20, 20, 0, 0, 0, 0, 4, 5, 0, 3, M, MIN, SEC},
    {BTX_PRODUCT_XEOMIN, BTX_INDICATION_LATERAL_CANTHAL_LINES, A, COSM, 18, 0,
     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, M, MIN, LBL},
    {BTX_PRODUCT_XEOMIN, BTX_INDICATION_FOREHEAD_LINES, A, COSM, 18, 0,
     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, M, MIN, LBL},
    /* Jeuveau, Daxxify, Letybo */
    {BTX_PRODUCT_JEUVEAU, BTX_INDICATION_GLABELLAR_LINES, A, COSM, 18, 0,
     20, 20, 20, 0, 0, 0, 0, 4, 5, 2, 3, M, MIN, LBL},
    {BTX_PRODUCT_DAXXIFY, BTX_INDICATION_GLABELLAR_LINES, A, COSM, 18, 0,
     40, 40, 40, 0, 0, 0, 0, 8, 5, 0, 3, M, SCHED, SEC},
    {BTX_PRODUCT_DAXXIFY, BTX_INDICATION_CERVICAL_DYSTONIA, A, THER, 18, 0,
     0, 125, 250, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, SEC},
    {BTX_PRODUCT_LETYBO, BTX_INDICATION_GLABELLAR_LINES, A, COSM, 18, 0,
     20, 20, 20, 0, 0, 0, 0, 4, 5, 0, 3, M, MIN, LBL},
    /* Myobloc */
    {BTX_PRODUCT_MYOBLOC, BTX_INDICATION_CERVICAL_DYSTONIA, A, THER, 18, 0,
     0, 2500, 5000, 0, 0, 0, 0, 0, 0, 0, 12, W, MIN, LBL},
    {BTX_PRODUCT_MYOBLOC, BTX_INDICATION_CHRONIC_SIALORRHEA, A, THER, 18, 0,
     0, 1500, 3500, 0, 0, 0, 0, 0, 0, 4, 3, M, MIN, LBL},
};
#define N_EXPECTED (sizeof expected / sizeof expected[0])

/* The fields 1.2 appended (label-review-2 D2, D8, D12; S42, S43, S51, S23): per limb,
 * the limb caps, the per-site maxima. Every row not listed has them all 0. */
typedef struct expect_1_2 {
    int32_t product, indication, population;
    int32_t per_limb;
    double limb_cap, limb_cap_per_kg, site_max_units, site_max_ml;
} expect_1_2;

static const expect_1_2 expected_1_2[] = {
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, A, 0, 0, 0, 50, 0},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_LOWER_LIMB_SPASTICITY, A, 0, 0, 0, 50, 0},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_CERVICAL_DYSTONIA, A, 0, 0, 0, 50, 0},
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_UPPER_LIMB_SPASTICITY, A, 0, 0, 0, 0, 1},
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_LOWER_LIMB_SPASTICITY, A, 0, 0, 0, 0, 1},
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_UPPER_LIMB_SPASTICITY, P, 1, 640, 16, 0, 0.5},
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_LOWER_LIMB_SPASTICITY, P, 1, 0, 15, 0, 0.5},
    {BTX_PRODUCT_XEOMIN, BTX_INDICATION_UPPER_LIMB_SPASTICITY, P, 1, 200, 8, 0, 0},
};

static expect_1_2 expected_1_2_row(int32_t product, int32_t indication, int32_t population)
{
    for (size_t i = 0; i < sizeof expected_1_2 / sizeof expected_1_2[0]; i++)
        if (expected_1_2[i].product == product && expected_1_2[i].indication == indication &&
            expected_1_2[i].population == population)
            return expected_1_2[i];
    expect_1_2 none = {product, indication, population, 0, 0, 0, 0, 0};
    return none;
}

static const expect_row *expected_row(int32_t product, int32_t indication, int32_t population)
{
    for (size_t i = 0; i < N_EXPECTED; i++)
        if (expected[i].product == product && expected[i].indication == indication &&
            expected[i].population == population)
            return &expected[i];
    return NULL;
}

static btx_protocol lookup_ok(int32_t product, int32_t indication, int32_t population)
{
    btx_protocol p;
    memset(&p, 0, sizeof p);
    p.struct_size = sizeof p;
    ck_assert_int_eq(btx_protocol_lookup(product, indication, population, &p), BTX_OK);
    return p;
}

static btx_region region_ok(int32_t product, int32_t indication, int32_t population,
                            int32_t index)
{
    btx_region r;
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    ck_assert_int_eq(btx_protocol_region(product, indication, population, index, &r), BTX_OK);
    return r;
}

/* ---- every product x indication x population ---- */

START_TEST(every_pair_matches_the_facts)
{
    size_t found = 0;
    for (int32_t prod = 1; prod <= 8; prod++) {
        for (int32_t ind = 1; ind <= 17; ind++) {
            for (int32_t pop = 1; pop <= 2; pop++) {
                btx_protocol p;
                memset(&p, 0xA5, sizeof p);
                p.struct_size = sizeof p;
                int rc = btx_protocol_lookup(prod, ind, pop, &p);
                const expect_row *e = expected_row(prod, ind, pop);
                char what[96];
                snprintf(what, sizeof what, "%s / %s / %s", btx_product_name(prod),
                         btx_indication_name(ind), pop == A ? "adult" : "pediatric");
                ck_assert_uint_eq(p.struct_size, sizeof p);
                ck_assert_int_eq(p.product, prod);
                ck_assert_int_eq(p.indication, ind);
                ck_assert_int_eq(p.population, pop);
                ck_assert_int_eq(p.reserved, 0);
                if (e == NULL) {
                    ck_assert_msg(rc == BTX_ENOTFOUND, "%s: rc %d", what, rc);
                    int32_t want = (prod == BTX_PRODUCT_BOTOX || prod == BTX_PRODUCT_BOTOX_COSMETIC) &&
                                           ind == BTX_INDICATION_EPISODIC_MIGRAINE
                                       ? BTX_LABEL_NOT_ESTABLISHED
                                       : BTX_LABEL_NOT_LABELLED;
                    ck_assert_msg(p.label_status == want, "%s: status %d", what, p.label_status);
                    /* every other field zero */
                    btx_protocol z;
                    memset(&z, 0, sizeof z);
                    z.struct_size = p.struct_size;
                    z.product = prod;
                    z.indication = ind;
                    z.population = pop;
                    z.label_status = want;
                    ck_assert_msg(memcmp(&z, &p, sizeof p) == 0, "%s: not zeroed", what);
                    continue;
                }
                found++;
                ck_assert_msg(rc == BTX_OK, "%s: rc %d", what, rc);
                ck_assert_msg(p.label_status == BTX_LABEL_APPROVED, "%s", what);
                ck_assert_msg(p.category == e->category, "%s: category", what);
                ck_assert_msg(p.age_min_years == e->age_min, "%s: age_min %d", what, p.age_min_years);
                ck_assert_msg(p.age_max_years == e->age_max, "%s: age_max %d", what, p.age_max_years);
                ck_assert_msg(p.dose_units == e->dose, "%s: dose %g", what, p.dose_units);
                ck_assert_msg(p.dose_min_units == e->dose_min, "%s: min %g", what, p.dose_min_units);
                ck_assert_msg(p.dose_max_units == e->dose_max, "%s: max %g", what, p.dose_max_units);
                ck_assert_msg(p.units_per_kg_min == e->per_kg_min, "%s: U/kg min", what);
                ck_assert_msg(p.units_per_kg_max == e->per_kg_max, "%s: U/kg max", what);
                ck_assert_msg(p.session_cap_units == e->cap, "%s: cap %g", what, p.session_cap_units);
                ck_assert_msg(p.session_cap_units_per_kg == e->cap_per_kg, "%s: cap/kg", what);
                ck_assert_msg(p.units_per_site == e->per_site, "%s: U/site %g", what, p.units_per_site);
                ck_assert_msg(p.sites == e->sites, "%s: sites %d", what, p.sites);
                ck_assert_msg(p.regions == e->regions, "%s: regions %d", what, p.regions);
                ck_assert_msg(p.interval_length == e->ilen, "%s: interval %d", what, p.interval_length);
                ck_assert_msg(p.interval_unit == e->iunit, "%s: unit", what);
                ck_assert_msg(p.interval_kind == e->ikind, "%s: kind", what);
                ck_assert_msg(p.evidence == e->evidence, "%s: evidence %d", what, p.evidence);
                ck_assert_msg(p.source != NULL && p.source[0] != '\0', "%s: source", what);
                const expect_1_2 e2 = expected_1_2_row(prod, ind, pop);
                ck_assert_msg(p.per_limb == e2.per_limb, "%s: per_limb %d", what, p.per_limb);
                ck_assert_int_eq(p.reserved2, 0);
                ck_assert_msg(p.limb_cap_units == e2.limb_cap, "%s: limb cap %g", what,
                              p.limb_cap_units);
                ck_assert_msg(p.limb_cap_units_per_kg == e2.limb_cap_per_kg,
                              "%s: limb cap/kg %g", what, p.limb_cap_units_per_kg);
                ck_assert_msg(p.site_max_units == e2.site_max_units, "%s: U/site max %g", what,
                              p.site_max_units);
                ck_assert_msg(p.site_max_ml == e2.site_max_ml, "%s: mL/site max %g", what,
                              p.site_max_ml);
            }
        }
    }
    ck_assert_uint_eq(found, N_EXPECTED);
}
END_TEST

/* Invariants of every row the library answers with, whatever the facts table says. */
START_TEST(every_row_is_consistent)
{
    for (int32_t prod = 1; prod <= 8; prod++) {
        for (int32_t ind = 1; ind <= 17; ind++) {
            for (int32_t pop = 1; pop <= 2; pop++) {
                btx_protocol p;
                memset(&p, 0, sizeof p);
                p.struct_size = sizeof p;
                if (btx_protocol_lookup(prod, ind, pop, &p) != BTX_OK)
                    continue;
                const char *what = p.source;
                ck_assert_ptr_nonnull(p.source);
                ck_assert_uint_gt(strlen(p.source), 10);
                ck_assert(p.evidence == BTX_EVIDENCE_LABEL || p.evidence == BTX_EVIDENCE_SECONDARY);
                /* the source names the product's label */
                ck_assert_msg(strncmp(p.source, btx_product_name(prod),
                                      strlen(btx_product_name(prod))) == 0, "%s", what);
                int cosmetic_area = ind == BTX_INDICATION_GLABELLAR_LINES ||
                                    ind == BTX_INDICATION_LATERAL_CANTHAL_LINES ||
                                    ind == BTX_INDICATION_FOREHEAD_LINES ||
                                    ind == BTX_INDICATION_PLATYSMA_BANDS;
                ck_assert_int_eq(p.category, prod == BTX_PRODUCT_BOTOX_COSMETIC || cosmetic_area
                                                 ? BTX_CATEGORY_COSMETIC
                                                 : BTX_CATEGORY_THERAPEUTIC);
                /* fixed dose: all three equal; range: dose_units 0; initial: range 0 */
                if (p.dose_units > 0 && p.dose_min_units > 0)
                    ck_assert(p.dose_min_units == p.dose_units && p.dose_max_units == p.dose_units);
                if (p.dose_units == 0)
                    ck_assert(p.dose_min_units <= p.dose_max_units);
                ck_assert(p.units_per_kg_min <= p.units_per_kg_max);
                if (p.interval_length == 0)
                    ck_assert(p.interval_unit == 0 && p.interval_kind == 0);
                else
                    ck_assert(p.interval_unit >= BTX_DAYS && p.interval_unit <= BTX_MONTHS &&
                              (p.interval_kind == BTX_INTERVAL_MINIMUM ||
                               p.interval_kind == BTX_INTERVAL_SCHEDULE));
                if (p.units_per_site > 0 && p.sites > 0 && p.dose_units > 0)
                    ck_assert_msg(p.units_per_site * p.sites == p.dose_units, "%s", what);
                if (pop == BTX_PEDIATRIC)
                    ck_assert_msg(p.age_min_years < 18, "%s", what);
                if (p.age_max_years != 0)
                    ck_assert(p.age_max_years >= p.age_min_years);

                /* regions: each well-formed; sums match fixed totals */
                double units_sum = 0;
                int32_t sites_sum = 0;
                int units_fixed = 1, sites_fixed = 1;
                for (int32_t i = 0; i < p.regions; i++) {
                    btx_region r = region_ok(prod, ind, pop, i);
                    ck_assert_ptr_nonnull(r.name);
                    ck_assert_uint_gt(strlen(r.name), 0);
                    ck_assert(r.bilateral == 0 || r.bilateral == 1);
                    if (r.units > 0)
                        ck_assert(r.units_min == r.units && r.units_max == r.units);
                    else
                        units_fixed = 0;
                    ck_assert(r.units_min <= r.units_max);
                    ck_assert(r.units_per_kg_min <= r.units_per_kg_max);
                    if (r.sites > 0)
                        ck_assert(r.sites_min == r.sites && r.sites_max == r.sites);
                    else
                        sites_fixed = 0;
                    ck_assert(r.sites_min <= r.sites_max);
                    if (r.bilateral && r.sites > 0)
                        ck_assert_msg(r.sites % 2 == 0, "%s: %s", what, r.name);
                    units_sum += r.units;
                    sites_sum += r.sites;
                }
                if (p.regions > 0 && units_fixed && p.dose_units > 0 &&
                    p.dose_min_units == p.dose_units)
                    ck_assert_msg(units_sum == p.dose_units, "%s: regions sum %g", what, units_sum);
                if (p.regions > 0 && sites_fixed && p.sites > 0)
                    ck_assert_msg(sites_sum == p.sites, "%s: sites sum %d", what, sites_sum);
                btx_region r;
                memset(&r, 0, sizeof r);
                r.struct_size = sizeof r;
                ck_assert_int_eq(btx_protocol_region(prod, ind, pop, p.regions, &r), BTX_ENOTFOUND);
                ck_assert_int_eq(btx_protocol_region(prod, ind, pop, -1, &r), BTX_ENOTFOUND);
                ck_assert_int_eq(btx_protocol_region(prod, ind, pop, INT32_MAX, &r), BTX_ENOTFOUND);
            }
        }
    }
}
END_TEST

/* ---- named protocols ---- */

typedef struct expect_region {
    const char *name;
    double units, units_min, units_max, per_kg_min, per_kg_max;
    int32_t sites, sites_min, sites_max, bilateral;
} expect_region;

static void check_regions(int32_t prod, int32_t ind, int32_t pop, const expect_region *want,
                          int32_t n)
{
    btx_protocol p = lookup_ok(prod, ind, pop);
    ck_assert_int_eq(p.regions, n);
    for (int32_t i = 0; i < n; i++) {
        btx_region r = region_ok(prod, ind, pop, i);
        const expect_region *e = &want[i];
        ck_assert_str_eq(r.name, e->name);
        ck_assert_msg(r.units == e->units, "%s units %g", e->name, r.units);
        ck_assert_msg(r.units_min == e->units_min, "%s units_min %g", e->name, r.units_min);
        ck_assert_msg(r.units_max == e->units_max, "%s units_max %g", e->name, r.units_max);
        ck_assert_msg(r.units_per_kg_min == e->per_kg_min, "%s", e->name);
        ck_assert_msg(r.units_per_kg_max == e->per_kg_max, "%s", e->name);
        ck_assert_msg(r.sites == e->sites, "%s sites %d", e->name, r.sites);
        ck_assert_msg(r.sites_min == e->sites_min, "%s sites_min %d", e->name, r.sites_min);
        ck_assert_msg(r.sites_max == e->sites_max, "%s sites_max %d", e->name, r.sites_max);
        ck_assert_msg(r.bilateral == e->bilateral, "%s bilateral", e->name);
    }
}

START_TEST(chronic_migraine)
{
    btx_protocol p = lookup_ok(BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, BTX_ADULT);
    ck_assert_double_eq(p.dose_units, 155);
    ck_assert_int_eq(p.sites, 31);
    ck_assert_int_eq(p.regions, 7);
    ck_assert_double_eq(p.units_per_site, 5);
    ck_assert_int_eq(p.label_status, BTX_LABEL_APPROVED);
    ck_assert_int_eq(p.interval_length, 12);
    ck_assert_int_eq(p.interval_unit, BTX_WEEKS);
    ck_assert_int_eq(p.interval_kind, BTX_INTERVAL_SCHEDULE);
    ck_assert_int_eq(p.evidence, BTX_EVIDENCE_SECONDARY);
    ck_assert_ptr_nonnull(strstr(p.source, "rev. 2023-11"));
    ck_assert_ptr_nonnull(strstr(p.source, "S23"));
    static const expect_region cm[] = {
        {"Corrugator", 10, 10, 10, 0, 0, 2, 2, 2, 1},
        {"Procerus", 5, 5, 5, 0, 0, 1, 1, 1, 0},
        {"Frontalis", 20, 20, 20, 0, 0, 4, 4, 4, 1},
        {"Temporalis", 40, 40, 40, 0, 0, 8, 8, 8, 1},
        {"Occipitalis", 30, 30, 30, 0, 0, 6, 6, 6, 1},
        {"Cervical paraspinal muscle group", 20, 20, 20, 0, 0, 4, 4, 4, 1},
        {"Trapezius", 30, 30, 30, 0, 0, 6, 6, 6, 1},
    };
    check_regions(BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, BTX_ADULT, cm, 7);
    /* every site is 5 U */
    for (int32_t i = 0; i < 7; i++)
        ck_assert_double_eq(cm[i].units / cm[i].sites, 5);
}
END_TEST

START_TEST(glabellar_regions)
{
    static const expect_region botox_cosmetic[] = {
        {"Corrugator", 16, 16, 16, 0, 0, 4, 4, 4, 1},
        {"Procerus", 4, 4, 4, 0, 0, 1, 1, 1, 0},
    };
    check_regions(BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_GLABELLAR_LINES, BTX_ADULT,
                  botox_cosmetic, 2);
    check_regions(BTX_PRODUCT_JEUVEAU, BTX_INDICATION_GLABELLAR_LINES, BTX_ADULT,
                  botox_cosmetic, 2);
    static const expect_region dysport[] = {
        {"Corrugator", 40, 40, 40, 0, 0, 4, 4, 4, 1},
        {"Procerus", 10, 10, 10, 0, 0, 1, 1, 1, 0},
    };
    check_regions(BTX_PRODUCT_DYSPORT, BTX_INDICATION_GLABELLAR_LINES, BTX_ADULT, dysport, 2);
    btx_protocol p = lookup_ok(BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_GLABELLAR_LINES, A);
    ck_assert_ptr_nonnull(strstr(p.source, "rev. 2024-10"));
}
END_TEST

START_TEST(pediatric_upper_limb_regions)
{
    static const expect_region uls[] = {
        {"Biceps brachii", 0, 0, 0, 1.5, 3, 4, 4, 4, 0},
        {"Brachialis", 0, 0, 0, 1, 2, 2, 2, 2, 0},
        {"Brachioradialis", 0, 0, 0, 0.5, 1, 2, 2, 2, 0},
        {"Flexor carpi radialis", 0, 0, 0, 1, 2, 2, 2, 2, 0},
        {"Flexor carpi ulnaris", 0, 0, 0, 1, 2, 2, 2, 2, 0},
        {"Flexor digitorum profundus", 0, 0, 0, 0.5, 1, 2, 2, 2, 0},
        {"Flexor digitorum superficialis", 0, 0, 0, 0.5, 1, 2, 2, 2, 0},
    };
    check_regions(BTX_PRODUCT_BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, BTX_PEDIATRIC, uls, 7);
    /* the adult BOTOX ULS row has no muscle table ([U]) */
    btx_protocol p = lookup_ok(BTX_PRODUCT_BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, A);
    ck_assert_int_eq(p.regions, 0);
}
END_TEST

START_TEST(xeomin_upper_limb_regions)
{
    static const expect_region uls[] = {
        {"Flexor digitorum superficialis", 0, 25, 100, 0, 0, 2, 2, 2, 0},
        {"Flexor digitorum profundus", 0, 25, 100, 0, 0, 2, 2, 2, 0},
        {"Flexor carpi radialis", 0, 25, 100, 0, 0, 0, 1, 2, 0},
        {"Flexor carpi ulnaris", 0, 20, 100, 0, 0, 0, 1, 2, 0},
        {"Brachioradialis", 0, 25, 100, 0, 0, 0, 1, 3, 0},
        {"Biceps", 0, 50, 200, 0, 0, 0, 1, 4, 0},
        {"Brachialis", 0, 25, 100, 0, 0, 0, 1, 2, 0},
        {"Pronator quadratus", 0, 10, 50, 0, 0, 1, 1, 1, 0},
        {"Pronator teres", 0, 25, 75, 0, 0, 0, 1, 2, 0},
        {"Flexor pollicis longus", 0, 10, 50, 0, 0, 1, 1, 1, 0},
        {"Adductor pollicis", 0, 5, 30, 0, 0, 1, 1, 1, 0},
        {"Flexor pollicis brevis / opponens pollicis", 0, 5, 30, 0, 0, 1, 1, 1, 0},
    };
    check_regions(BTX_PRODUCT_XEOMIN, BTX_INDICATION_UPPER_LIMB_SPASTICITY, BTX_ADULT, uls, 12);
}
END_TEST

START_TEST(glands_and_axillae)
{
    /* 50 U per axilla, 10-15 sites each: 2 x 50 U = 100 U */
    static const expect_region axillae[] = {
        {"Left axilla", 50, 50, 50, 0, 0, 0, 10, 15, 0},
        {"Right axilla", 50, 50, 50, 0, 0, 0, 10, 15, 0},
    };
    check_regions(BTX_PRODUCT_BOTOX, BTX_INDICATION_AXILLARY_HYPERHIDROSIS, A, axillae, 2);
    /* Xeomin adult: 30 U per parotid, 20 U per submandibular gland = 100 U */
    static const expect_region xeomin[] = {
        {"Left parotid gland", 30, 30, 30, 0, 0, 0, 0, 0, 0},
        {"Right parotid gland", 30, 30, 30, 0, 0, 0, 0, 0, 0},
        {"Left submandibular gland", 20, 20, 20, 0, 0, 0, 0, 0, 0},
        {"Right submandibular gland", 20, 20, 20, 0, 0, 0, 0, 0, 0},
    };
    check_regions(BTX_PRODUCT_XEOMIN, BTX_INDICATION_CHRONIC_SIALORRHEA, A, xeomin, 4);
    /* Myobloc: parotid 500-1500 U per gland, submandibular 250 U per gland; the glands
     * add up to the 1500-3500 U session range. */
    static const expect_region myobloc[] = {
        {"Left parotid gland", 0, 500, 1500, 0, 0, 0, 0, 0, 0},
        {"Right parotid gland", 0, 500, 1500, 0, 0, 0, 0, 0, 0},
        {"Left submandibular gland", 250, 250, 250, 0, 0, 0, 0, 0, 0},
        {"Right submandibular gland", 250, 250, 250, 0, 0, 0, 0, 0, 0},
    };
    check_regions(BTX_PRODUCT_MYOBLOC, BTX_INDICATION_CHRONIC_SIALORRHEA, A, myobloc, 4);
    double lo = 0, hi = 0;
    for (int i = 0; i < 4; i++) {
        lo += myobloc[i].units_min;
        hi += myobloc[i].units_max;
    }
    btx_protocol p = lookup_ok(BTX_PRODUCT_MYOBLOC, BTX_INDICATION_CHRONIC_SIALORRHEA, A);
    ck_assert_double_eq(p.dose_min_units, lo);
    ck_assert_double_eq(p.dose_max_units, hi);
}
END_TEST

START_TEST(eye_regions)
{
    /* 1.25-2.5 U at each of 3 sites per affected eye; 12 and over */
    btx_protocol p = lookup_ok(BTX_PRODUCT_BOTOX, BTX_INDICATION_BLEPHAROSPASM, P);
    ck_assert_int_eq(p.population, BTX_PEDIATRIC);
    ck_assert_int_eq(p.age_min_years, 12);
    ck_assert_int_eq(p.regions, 3);
    for (int32_t i = 0; i < 3; i++) {
        btx_region r = region_ok(BTX_PRODUCT_BOTOX, BTX_INDICATION_BLEPHAROSPASM, P, i);
        ck_assert_double_eq(r.units, 0);
        ck_assert_double_eq(r.units_min, 1.25);
        ck_assert_double_eq(r.units_max, 2.5);
        ck_assert_int_eq(r.sites, 1);
        ck_assert_ptr_nonnull(strstr(r.name, "orbicularis oculi"));
    }
    /* strabismus: per-muscle ranges 1.25-2.5, 2.5-5, 1.25-2.5 */
    static const double lo[3] = {1.25, 2.5, 1.25}, hi[3] = {2.5, 5, 2.5};
    for (int32_t i = 0; i < 3; i++) {
        btx_region r = region_ok(BTX_PRODUCT_BOTOX, BTX_INDICATION_STRABISMUS, A, i);
        ck_assert_double_eq(r.units_min, lo[i]);
        ck_assert_double_eq(r.units_max, hi[i]);
        ck_assert_double_eq(r.units, 0);
    }
    ck_assert_ptr_nonnull(strstr(region_ok(BTX_PRODUCT_BOTOX, BTX_INDICATION_STRABISMUS, A, 2).name,
                                 "medial rectus"));
}
END_TEST

START_TEST(label_status_cases)
{
    static const struct {
        int32_t product, indication, population, status, rc;
    } cases[] = {
        {BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, A, BTX_LABEL_APPROVED, BTX_OK},
        {BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, P, BTX_LABEL_NOT_LABELLED, BTX_ENOTFOUND},
        {BTX_PRODUCT_BOTOX, BTX_INDICATION_EPISODIC_MIGRAINE, A, BTX_LABEL_NOT_ESTABLISHED, BTX_ENOTFOUND},
        {BTX_PRODUCT_BOTOX, BTX_INDICATION_EPISODIC_MIGRAINE, P, BTX_LABEL_NOT_ESTABLISHED, BTX_ENOTFOUND},
        {BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_EPISODIC_MIGRAINE, A, BTX_LABEL_NOT_ESTABLISHED, BTX_ENOTFOUND},
        {BTX_PRODUCT_DYSPORT, BTX_INDICATION_EPISODIC_MIGRAINE, A, BTX_LABEL_NOT_LABELLED, BTX_ENOTFOUND},
        {BTX_PRODUCT_BOTOX, BTX_INDICATION_CLUSTER_HEADACHE, A, BTX_LABEL_NOT_LABELLED, BTX_ENOTFOUND},
        {BTX_PRODUCT_BOTOX, BTX_INDICATION_TENSION_TYPE_HEADACHE, A, BTX_LABEL_NOT_LABELLED, BTX_ENOTFOUND},
        {BTX_PRODUCT_DYSPORT, BTX_INDICATION_CHRONIC_MIGRAINE, A, BTX_LABEL_NOT_LABELLED, BTX_ENOTFOUND},
        {BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_CHRONIC_MIGRAINE, A, BTX_LABEL_NOT_LABELLED, BTX_ENOTFOUND},
        {BTX_PRODUCT_BOTOX, BTX_INDICATION_GLABELLAR_LINES, A, BTX_LABEL_NOT_LABELLED, BTX_ENOTFOUND},
        {BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_GLABELLAR_LINES, P, BTX_LABEL_NOT_LABELLED, BTX_ENOTFOUND},
        {BTX_PRODUCT_DYSPORT, BTX_INDICATION_GLABELLAR_LINES, P, BTX_LABEL_NOT_LABELLED, BTX_ENOTFOUND},
        {BTX_PRODUCT_BOTOX, BTX_INDICATION_BLEPHAROSPASM, P, BTX_LABEL_APPROVED, BTX_OK},
        {BTX_PRODUCT_BOTOX, BTX_INDICATION_STRABISMUS, P, BTX_LABEL_APPROVED, BTX_OK},
        {BTX_PRODUCT_BOTOX, BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY, P, BTX_LABEL_APPROVED, BTX_OK},
        {BTX_PRODUCT_BOTOX, BTX_INDICATION_OVERACTIVE_BLADDER, P, BTX_LABEL_NOT_LABELLED, BTX_ENOTFOUND},
        {BTX_PRODUCT_BOTOX, BTX_INDICATION_CERVICAL_DYSTONIA, P, BTX_LABEL_NOT_LABELLED, BTX_ENOTFOUND},
        {BTX_PRODUCT_XEOMIN, BTX_INDICATION_BLEPHAROSPASM, P, BTX_LABEL_NOT_LABELLED, BTX_ENOTFOUND},
        {BTX_PRODUCT_JEUVEAU, BTX_INDICATION_UPPER_LIMB_SPASTICITY, A, BTX_LABEL_NOT_LABELLED, BTX_ENOTFOUND},
        {BTX_PRODUCT_MYOBLOC, BTX_INDICATION_CHRONIC_SIALORRHEA, P, BTX_LABEL_NOT_LABELLED, BTX_ENOTFOUND},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        btx_protocol p;
        memset(&p, 0x5A, sizeof p);
        p.struct_size = sizeof p;
        int rc = btx_protocol_lookup(cases[i].product, cases[i].indication, cases[i].population, &p);
        ck_assert_msg(rc == cases[i].rc, "case %zu: rc %d", i, rc);
        ck_assert_msg(p.label_status == cases[i].status, "case %zu: status %d", i, p.label_status);
        ck_assert_int_eq(p.population, cases[i].population);
        if (rc == BTX_ENOTFOUND) {
            ck_assert_ptr_null(p.source);
            ck_assert_double_eq(p.dose_units, 0);
            ck_assert_int_eq(p.category, 0);
            btx_region r;
            memset(&r, 0, sizeof r);
            r.struct_size = sizeof r;
            ck_assert_int_eq(btx_protocol_region(cases[i].product, cases[i].indication,
                                                 cases[i].population, 0, &r), BTX_ENOTFOUND);
        }
    }
}
END_TEST

START_TEST(specific_doses)
{
    /* Pediatric NDO: 6 U/kg, capped at the lower of 6 U/kg and 200 U. */
    btx_protocol p = lookup_ok(BTX_PRODUCT_BOTOX, BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY, P);
    ck_assert_double_eq(p.units_per_kg_min, 6);
    ck_assert_double_eq(p.units_per_kg_max, 6);
    ck_assert_double_eq(p.session_cap_units, 200);
    ck_assert_double_eq(p.session_cap_units_per_kg, 6);
    ck_assert_int_eq(p.age_min_years, 5);
    /* Adult NDO: 200 U in 30 sites. */
    p = lookup_ok(BTX_PRODUCT_BOTOX, BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY, A);
    ck_assert_double_eq(p.dose_units, 200);
    ck_assert_int_eq(p.sites, 30);
    /* Initial doses fill dose_units only. */
    p = lookup_ok(BTX_PRODUCT_XEOMIN, BTX_INDICATION_CERVICAL_DYSTONIA, A);
    ck_assert_double_eq(p.dose_units, 120);
    ck_assert_double_eq(p.dose_min_units, 0);
    ck_assert_double_eq(p.dose_max_units, 0);
    p = lookup_ok(BTX_PRODUCT_DYSPORT, BTX_INDICATION_CERVICAL_DYSTONIA, A);
    ck_assert_double_eq(p.dose_units, 500);
    ck_assert_double_eq(p.dose_max_units, 0);
    /* Daxxify CD is a range. */
    p = lookup_ok(BTX_PRODUCT_DAXXIFY, BTX_INDICATION_CERVICAL_DYSTONIA, A);
    ck_assert_double_eq(p.dose_units, 0);
    ck_assert_double_eq(p.dose_min_units, 125);
    ck_assert_double_eq(p.dose_max_units, 250);
    /* Dysport glabellar: adults under 65. */
    p = lookup_ok(BTX_PRODUCT_DYSPORT, BTX_INDICATION_GLABELLAR_LINES, A);
    ck_assert_int_eq(p.age_max_years, 64);
    ck_assert_int_eq(p.age_min_years, 18);
    /* Platysma bands: discrete 26, 31, 36 U as the range 26-36 U. */
    p = lookup_ok(BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_PLATYSMA_BANDS, A);
    ck_assert_double_eq(p.dose_units, 0);
    ck_assert_double_eq(p.dose_min_units, 26);
    ck_assert_double_eq(p.dose_max_units, 36);
    /* BOTOX Cosmetic re-treatment: at least 90 days apart. */
    ck_assert_int_eq(p.interval_length, 90);
    ck_assert_int_eq(p.interval_unit, BTX_DAYS);
    ck_assert_int_eq(p.interval_kind, BTX_INTERVAL_MINIMUM);
    /* Daxxify glabellar: 40 U, 8 U at each of 5 sites. */
    p = lookup_ok(BTX_PRODUCT_DAXXIFY, BTX_INDICATION_GLABELLAR_LINES, A);
    ck_assert_double_eq(p.dose_units, 40);
    ck_assert_double_eq(p.units_per_site, 8);
    ck_assert_int_eq(p.sites, 5);
}
END_TEST

/* ---- errors and struct_size ---- */

START_TEST(bad_arguments)
{
    btx_protocol p;
    memset(&p, 0x11, sizeof p);
    p.struct_size = sizeof p;
    btx_protocol before = p;
    ck_assert_int_eq(btx_protocol_lookup(1, 1, 1, NULL), BTX_EINVAL);
    static const int32_t bad[][3] = {
        {0, 1, 1}, {9, 1, 1}, {-1, 1, 1}, {1, 0, 1}, {1, 18, 1}, {1, -5, 1},
        {1, 1, 0}, {1, 1, 3}, {1, 1, -1}, {INT32_MAX, INT32_MIN, 1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(btx_protocol_lookup(bad[i][0], bad[i][1], bad[i][2], &p), BTX_EINVAL);
        ck_assert(memcmp(&p, &before, sizeof p) == 0);
        btx_region r;
        memset(&r, 0, sizeof r);
        r.struct_size = sizeof r;
        ck_assert_int_eq(btx_protocol_region(bad[i][0], bad[i][1], bad[i][2], 0, &r), BTX_EINVAL);
    }
    ck_assert_int_eq(btx_protocol_region(1, 1, 1, 0, NULL), BTX_EINVAL);
}
END_TEST

START_TEST(struct_size_rules)
{
    /* Below the 1.0 layout (which ends with `source`): BTX_EVERSION, nothing written. */
    const size_t size_1_0 = offsetof(btx_protocol, source) + sizeof(const char *);
    const size_t small_p[] = {0, 1, 8, size_1_0 - 8, size_1_0 - 1};
    for (size_t i = 0; i < sizeof small_p / sizeof small_p[0]; i++) {
        btx_protocol p;
        memset(&p, 0x33, sizeof p);
        p.struct_size = small_p[i];
        btx_protocol before = p;
        ck_assert_int_eq(btx_protocol_lookup(1, 1, 1, &p), BTX_EVERSION);
        ck_assert(memcmp(&p, &before, sizeof p) == 0);
    }
    static const size_t small_r[] = {0, 8, sizeof(btx_region) - 8, sizeof(btx_region) - 1};
    for (size_t i = 0; i < sizeof small_r / sizeof small_r[0]; i++) {
        btx_region r;
        memset(&r, 0x33, sizeof r);
        r.struct_size = small_r[i];
        btx_region before = r;
        ck_assert_int_eq(btx_protocol_region(1, 1, 1, 0, &r), BTX_EVERSION);
        ck_assert(memcmp(&r, &before, sizeof r) == 0);
    }

    /* A 1.0/1.1 caller's struct: the 1.0 fields are written, nothing past them. */
    {
        unsigned char buf[sizeof(btx_protocol)];
        memset(buf, 0x5A, sizeof buf);
        btx_protocol *old = (btx_protocol *)(void *)buf;
        old->struct_size = size_1_0;
        ck_assert_int_eq(btx_protocol_lookup(BTX_PRODUCT_DYSPORT,
                                             BTX_INDICATION_LOWER_LIMB_SPASTICITY, P, old),
                         BTX_OK);
        ck_assert_double_eq(old->units_per_kg_max, 15);
        ck_assert_ptr_nonnull(old->source);
        for (size_t i = size_1_0; i < sizeof buf; i++)
            ck_assert_uint_eq(buf[i], 0x5A);
        /* the current size: the 1.2 fields too */
        old->struct_size = sizeof(btx_protocol);
        ck_assert_int_eq(btx_protocol_lookup(BTX_PRODUCT_DYSPORT,
                                             BTX_INDICATION_LOWER_LIMB_SPASTICITY, P, old),
                         BTX_OK);
        ck_assert_int_eq(old->per_limb, 1);
        ck_assert_double_eq(old->limb_cap_units_per_kg, 15);
        ck_assert_double_eq(old->site_max_ml, 0.5);
    }

    /* Larger: every field is written, the caller's newer tail is untouched. */
    struct {
        btx_protocol p;
        unsigned char tail[40];
    } big;
    memset(&big, 0xAB, sizeof big);
    big.p.struct_size = sizeof big;
    ck_assert_int_eq(btx_protocol_lookup(1, 1, 1, &big.p), BTX_OK);
    ck_assert_uint_eq(big.p.struct_size, sizeof big);
    ck_assert_double_eq(big.p.dose_units, 155);
    ck_assert_int_eq(big.p.reserved, 0);
    ck_assert_str_eq(big.p.source, lookup_ok(1, 1, 1).source);
    for (size_t i = 0; i < sizeof big.tail; i++)
        ck_assert_uint_eq(big.tail[i], 0xAB);
    /* ... and on BTX_ENOTFOUND too */
    memset(&big, 0xAB, sizeof big);
    big.p.struct_size = sizeof big;
    ck_assert_int_eq(btx_protocol_lookup(3, 1, 1, &big.p), BTX_ENOTFOUND);
    ck_assert_int_eq(big.p.label_status, BTX_LABEL_NOT_LABELLED);
    ck_assert_ptr_null(big.p.source);
    for (size_t i = 0; i < sizeof big.tail; i++)
        ck_assert_uint_eq(big.tail[i], 0xAB);

    struct {
        btx_region r;
        unsigned char tail[24];
    } bigr;
    memset(&bigr, 0xCD, sizeof bigr);
    bigr.r.struct_size = sizeof bigr;
    ck_assert_int_eq(btx_protocol_region(1, 1, 1, 3, &bigr.r), BTX_OK);
    ck_assert_uint_eq(bigr.r.struct_size, sizeof bigr);
    ck_assert_str_eq(bigr.r.name, "Temporalis");
    ck_assert_double_eq(bigr.r.units, 40);
    ck_assert_int_eq(bigr.r.sites, 8);
    for (size_t i = 0; i < sizeof bigr.tail; i++)
        ck_assert_uint_eq(bigr.tail[i], 0xCD);
}
END_TEST

START_TEST(layout_pinned)
{
    ck_assert_uint_eq(btx_sizeof_protocol(), sizeof(btx_protocol));
    ck_assert_uint_eq(btx_sizeof_region(), sizeof(btx_region));
    if (sizeof(void *) != 8 || sizeof(size_t) != 8)
        return; /* the pinned numbers are for LP64 */
    ck_assert_uint_eq(sizeof(btx_protocol), 176);
    ck_assert_uint_eq(offsetof(btx_protocol, struct_size), 0);
    ck_assert_uint_eq(offsetof(btx_protocol, product), 8);
    ck_assert_uint_eq(offsetof(btx_protocol, indication), 12);
    ck_assert_uint_eq(offsetof(btx_protocol, population), 16);
    ck_assert_uint_eq(offsetof(btx_protocol, label_status), 20);
    ck_assert_uint_eq(offsetof(btx_protocol, category), 24);
    ck_assert_uint_eq(offsetof(btx_protocol, age_min_years), 28);
    ck_assert_uint_eq(offsetof(btx_protocol, dose_units), 32);
    ck_assert_uint_eq(offsetof(btx_protocol, dose_min_units), 40);
    ck_assert_uint_eq(offsetof(btx_protocol, dose_max_units), 48);
    ck_assert_uint_eq(offsetof(btx_protocol, units_per_kg_min), 56);
    ck_assert_uint_eq(offsetof(btx_protocol, units_per_kg_max), 64);
    ck_assert_uint_eq(offsetof(btx_protocol, session_cap_units), 72);
    ck_assert_uint_eq(offsetof(btx_protocol, session_cap_units_per_kg), 80);
    ck_assert_uint_eq(offsetof(btx_protocol, units_per_site), 88);
    ck_assert_uint_eq(offsetof(btx_protocol, sites), 96);
    ck_assert_uint_eq(offsetof(btx_protocol, regions), 100);
    ck_assert_uint_eq(offsetof(btx_protocol, interval_length), 104);
    ck_assert_uint_eq(offsetof(btx_protocol, interval_unit), 108);
    ck_assert_uint_eq(offsetof(btx_protocol, interval_kind), 112);
    ck_assert_uint_eq(offsetof(btx_protocol, evidence), 116);
    ck_assert_uint_eq(offsetof(btx_protocol, age_max_years), 120);
    ck_assert_uint_eq(offsetof(btx_protocol, reserved), 124);
    ck_assert_uint_eq(offsetof(btx_protocol, source), 128);
    /* 1.2, appended */
    ck_assert_uint_eq(offsetof(btx_protocol, per_limb), 136);
    ck_assert_uint_eq(offsetof(btx_protocol, reserved2), 140);
    ck_assert_uint_eq(offsetof(btx_protocol, limb_cap_units), 144);
    ck_assert_uint_eq(offsetof(btx_protocol, limb_cap_units_per_kg), 152);
    ck_assert_uint_eq(offsetof(btx_protocol, site_max_units), 160);
    ck_assert_uint_eq(offsetof(btx_protocol, site_max_ml), 168);

    ck_assert_uint_eq(sizeof(btx_region), 72);
    ck_assert_uint_eq(offsetof(btx_region, struct_size), 0);
    ck_assert_uint_eq(offsetof(btx_region, name), 8);
    ck_assert_uint_eq(offsetof(btx_region, units), 16);
    ck_assert_uint_eq(offsetof(btx_region, units_min), 24);
    ck_assert_uint_eq(offsetof(btx_region, units_max), 32);
    ck_assert_uint_eq(offsetof(btx_region, units_per_kg_min), 40);
    ck_assert_uint_eq(offsetof(btx_region, units_per_kg_max), 48);
    ck_assert_uint_eq(offsetof(btx_region, sites), 56);
    ck_assert_uint_eq(offsetof(btx_region, sites_min), 60);
    ck_assert_uint_eq(offsetof(btx_region, sites_max), 64);
    ck_assert_uint_eq(offsetof(btx_region, bilateral), 68);
}
END_TEST

/* ---- reconstitution ---- */

static void expect_g(double x, const char *text)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%g", x);
    ck_assert_str_eq(buf, text);
}

START_TEST(reconstitution_label_tables)
{
    static const struct {
        double vial, diluent, per_0_1ml;
        const char *text;
    } v[] = {
        /* BOTOX 100 U vial (PI dilution table, S22) */
        {100, 1, 10, "10"},
        {100, 2, 5, "5"},
        {100, 2.5, 4, "4"},
        {100, 4, 2.5, "2.5"},
        {100, 8, 1.25, "1.25"},
        {100, 10, 1, "1"},
        /* 50 U vial + 1.25 mL (S22, S7) */
        {50, 1.25, 4, "4"},
        /* CM: 200 U / 4 mL = 5 U per 0.1 mL (S23) */
        {200, 4, 5, "5"},
        /* Dysport GL 300 U + 1.5 mL: 10 U per 0.05 mL = 20 U per 0.1 mL (S44) */
        {300, 1.5, 20, "20"},
        /* Myobloc 5000 U/mL: 2500 U in 0.5 mL (S70, S40) */
        {2500, 0.5, 500, "500"},
        /* Jeuveau 100 U vial + 2.5 mL = 4 U per 0.1 mL (S64) */
        {100, 2.5, 4, "4"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        double c = -1;
        ck_assert_int_eq(btx_reconstitute(v[i].vial, v[i].diluent, &c), BTX_OK);
        ck_assert_msg(c == v[i].per_0_1ml, "%g U + %g mL: %.17g", v[i].vial, v[i].diluent, c);
        expect_g(c, v[i].text);
    }
}
END_TEST

START_TEST(dose_volume_vectors)
{
    static const struct {
        double units, vial, diluent, ml;
        const char *text;
    } v[] = {
        {155, 200, 4, 3.1, "3.1"},   /* CM from a 200 U vial in 4 mL */
        {155, 100, 2, 3.1, "3.1"},   /* ... or 100 U in 2 mL */
        {20, 100, 2.5, 0.5, "0.5"},  /* glabellar: 20 U in 0.5 mL */
        {24, 100, 2.5, 0.6, "0.6"},  /* lateral canthal: 24 U in 0.6 mL */
        {40, 100, 2.5, 1, "1"},      /* forehead + glabellar: 40 U in 1 mL */
        {26, 100, 2.5, 0.65, "0.65"},/* platysma: 26 U in 0.65 mL */
        {36, 100, 2.5, 0.9, "0.9"},  /* platysma: 36 U in 0.9 mL */
        {100, 100, 10, 10, "10"},    /* OAB: 100 U in 10 mL */
        {72, 200, 10, 3.6, "3.6"},   /* pediatric NDO 12-<14 kg: 72 U = 3.6 mL */
        {10, 300, 1.5, 0.05, "0.05"},/* Dysport GL: 10 U per 0.05 mL */
        {4, 100, 2.5, 0.1, "0.1"},   /* Jeuveau: 4 U per 0.1 mL (S64) */
        {1500, 5000, 1, 0.3, "0.3"}, /* Myobloc ready to use: parotid 1,500 U in 0.3 mL (S69) */
        {500, 5000, 1, 0.1, "0.1"},  /* ... parotid 500 U in 0.1 mL (S69) */
        {250, 5000, 1, 0.05, "0.05"},/* ... submandibular 250 U in 0.05 mL (S69) */
        {0, 100, 2, 0, "0"},         /* 0 U is a dose of nothing */
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        double ml = -1;
        ck_assert_int_eq(btx_dose_volume(v[i].units, v[i].vial, v[i].diluent, &ml), BTX_OK);
        ck_assert_msg(ml == v[i].ml, "%g U: %.17g mL", v[i].units, ml);
        expect_g(ml, v[i].text);
    }
}
END_TEST

START_TEST(reconstitution_errors)
{
    double out = 42;
    const double bad_positive[] = {0, -0.0, -1, NAN, INFINITY, -INFINITY};
    for (size_t i = 0; i < sizeof bad_positive / sizeof bad_positive[0]; i++) {
        ck_assert_int_eq(btx_reconstitute(bad_positive[i], 2, &out), BTX_ERANGE);
        ck_assert_int_eq(btx_reconstitute(100, bad_positive[i], &out), BTX_ERANGE);
        ck_assert_int_eq(btx_dose_volume(10, bad_positive[i], 2, &out), BTX_ERANGE);
        ck_assert_int_eq(btx_dose_volume(10, 100, bad_positive[i], &out), BTX_ERANGE);
    }
    ck_assert_double_eq(out, 42);
    /* absurd sizes */
    ck_assert_int_eq(btx_reconstitute(100000.001, 2, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_reconstitute(100, 1000.001, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_reconstitute(100000, 1000, &out), BTX_OK);
    ck_assert_double_eq(out, 10);
    ck_assert_int_eq(btx_dose_volume(100000.001, 100, 2, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_dose_volume(-0.001, 100, 2, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_dose_volume(NAN, 100, 2, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_dose_volume(INFINITY, 100, 2, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_dose_volume(10, 100000.5, 2, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_dose_volume(10, 100, 1001, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_dose_volume(100000, 100000, 1000, &out), BTX_OK);
    ck_assert_double_eq(out, 1000);
    /* overflowing results */
    ck_assert_int_eq(btx_reconstitute(100000, 1e-310, &out), BTX_ERANGE);
    ck_assert_int_eq(btx_dose_volume(100000, 1e-310, 1000, &out), BTX_ERANGE);
    /* NULL out */
    ck_assert_int_eq(btx_reconstitute(100, 2, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_dose_volume(10, 100, 2, NULL), BTX_EINVAL);
    ck_assert_int_eq(btx_reconstitute(NAN, 2, NULL), BTX_EINVAL);
}
END_TEST

Suite *protocol_suite(void);
Suite *protocol_suite(void)
{
    Suite *s = suite_create("protocol");
    TCase *tc = tcase_create("table");
    tcase_add_test(tc, every_pair_matches_the_facts);
    tcase_add_test(tc, every_row_is_consistent);
    suite_add_tcase(s, tc);

    tc = tcase_create("named");
    tcase_add_test(tc, chronic_migraine);
    tcase_add_test(tc, glabellar_regions);
    tcase_add_test(tc, pediatric_upper_limb_regions);
    tcase_add_test(tc, xeomin_upper_limb_regions);
    tcase_add_test(tc, glands_and_axillae);
    tcase_add_test(tc, eye_regions);
    tcase_add_test(tc, label_status_cases);
    tcase_add_test(tc, specific_doses);
    suite_add_tcase(s, tc);

    tc = tcase_create("abi");
    tcase_add_test(tc, bad_arguments);
    tcase_add_test(tc, struct_size_rules);
    tcase_add_test(tc, layout_pinned);
    suite_add_tcase(s, tc);

    tc = tcase_create("reconstitution");
    tcase_add_test(tc, reconstitution_label_tables);
    tcase_add_test(tc, dose_volume_vectors);
    tcase_add_test(tc, reconstitution_errors);
    suite_add_tcase(s, tc);
    return s;
}
