/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Vial plans and billing lines (btx_plan_vials, btx_bill), table-driven over every
 * product, every orderable vial size, a range of doses, every setting and dates around
 * every code and modifier date.
 *
 * The expected facts below are typed from the billing sources of docs/billing.md (HCPCS
 * codes and billing units, vial sizes with an NDC, in-use windows, CPT codes, JW/JZ
 * dates and settings), never read back from the library. Where a test needs many
 * answers it computes them here by the rule the sources state (an exhaustive search for
 * the vial plan; ceil and floor on milli-units for the lines), independently of
 * lib/billing.c. A few white-box tests (the JW date, the table's size bound) use the
 * static library's internals.
 */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "check_util.h"
#include "internal.h"

/* ---- facts typed from the sources ---- */

typedef struct product_fact {
    int32_t product;
    const char *hcpcs;      /* NULL: no code for the substance [BH11] */
    int32_t unit;           /* label units per billing unit [BH1-BH5, BH13, BH14] */
    int32_t from_ymd;       /* first date of service with the code (J0589 [BH6]; J0585-J0588
                               from the 2020 CMS file, their add dates not confirmed [BH10]) */
    int32_t sizes[BTX_VIAL_SIZES_MAX]; /* single-dose sizes with an NDC, largest first */
    int32_t in_use_hours;   /* [BS1]-[BS9] */
    int32_t ready_to_use;
    int32_t in_use_evidence;
} product_fact;

#define LBL BTX_EVIDENCE_LABEL
#define SEC BTX_EVIDENCE_SECONDARY

static const product_fact products[] = {
    {BTX_PRODUCT_BOTOX, "J0585", 1, 20200101, {200, 100}, 24, 0, LBL},
    {BTX_PRODUCT_BOTOX_COSMETIC, "J0585", 1, 20200101, {100, 50}, 24, 0, SEC},
    {BTX_PRODUCT_DYSPORT, "J0586", 5, 20200101, {500, 300}, 24, 0, SEC},
    {BTX_PRODUCT_XEOMIN, "J0588", 1, 20200101, {200, 100, 50}, 24, 0, LBL},
    {BTX_PRODUCT_JEUVEAU, NULL, 0, 0, {100}, 24, 0, LBL},
    {BTX_PRODUCT_DAXXIFY, "J0589", 1, 20240401, {100}, 72, 0, SEC},
    {BTX_PRODUCT_LETYBO, NULL, 0, 0, {100}, 24, 0, SEC},
    {BTX_PRODUCT_MYOBLOC, "J0587", 100, 20200101, {2500}, 0, 1, LBL},
};
#define N_PRODUCTS (sizeof products / sizeof products[0])

typedef struct indication_fact {
    int32_t indication;
    int32_t category;
    const char *cpt[BTX_CPT_MAX]; /* [BC1]-[BC9] */
} indication_fact;

#define THER BTX_CATEGORY_THERAPEUTIC
#define COSM BTX_CATEGORY_COSMETIC

static const indication_fact indications[] = {
    {BTX_INDICATION_CHRONIC_MIGRAINE, THER, {"64615"}},
    {BTX_INDICATION_OVERACTIVE_BLADDER, THER, {"52287"}},
    {BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY, THER, {"52287"}},
    {BTX_INDICATION_UPPER_LIMB_SPASTICITY, THER, {"64642", "64643", "64644", "64645"}},
    {BTX_INDICATION_LOWER_LIMB_SPASTICITY, THER, {"64642", "64643", "64644", "64645"}},
    {BTX_INDICATION_CERVICAL_DYSTONIA, THER, {"64616"}},
    {BTX_INDICATION_AXILLARY_HYPERHIDROSIS, THER, {"64650"}},
    {BTX_INDICATION_BLEPHAROSPASM, THER, {"64612"}},
    {BTX_INDICATION_STRABISMUS, THER, {"67345"}},
    {BTX_INDICATION_GLABELLAR_LINES, COSM, {NULL}},
    {BTX_INDICATION_LATERAL_CANTHAL_LINES, COSM, {NULL}},
    {BTX_INDICATION_FOREHEAD_LINES, COSM, {NULL}},
    {BTX_INDICATION_PLATYSMA_BANDS, COSM, {NULL}},
    {BTX_INDICATION_CHRONIC_SIALORRHEA, THER, {"64611"}},
    {BTX_INDICATION_EPISODIC_MIGRAINE, THER, {NULL}},
    {BTX_INDICATION_CLUSTER_HEADACHE, THER, {NULL}},
    {BTX_INDICATION_TENSION_TYPE_HEADACHE, THER, {NULL}},
};
#define N_INDICATIONS (sizeof indications / sizeof indications[0])

/* Settings and whether JW/JZ apply there [BW3, BW8, BW9]. */
static const struct {
    int32_t setting;
    const char *name;
    int applies;
} settings[] = {
    {BTX_SETTING_OFFICE, "office", 1},
    {BTX_SETTING_HOSPITAL_OUTPATIENT, "hospital_outpatient", 1},
    {BTX_SETTING_ASC, "asc", 1},
    {BTX_SETTING_CAH, "cah", 1},
    {BTX_SETTING_RHC, "rhc", 0},
    {BTX_SETTING_FQHC, "fqhc", 0},
    {BTX_SETTING_INPATIENT, "inpatient", 0},
};
#define N_SETTINGS (sizeof settings / sizeof settings[0])

/* JW required from 2017-01-01 [BW3]; JZ available 2023-01-01, required 2023-07-01 [BW4, BW5]. */
#define JW_FROM 20170101
#define JZ_OPTIONAL_FROM 20230101
#define JZ_REQUIRED_FROM 20230701

/* Dates of service on both sides of every date above. */
static const int32_t dates_ymd[] = {
    20161231, 20170101, 20191231, 20200101, 20221231, 20230101, 20230630, 20230701,
    20240331, 20240401, 20260302,
};
#define N_DATES (sizeof dates_ymd / sizeof dates_ymd[0])

static btx_date date_of(int32_t ymd_value)
{
    return ymd(ymd_value / 10000, ymd_value / 100 % 100, ymd_value % 100);
}

/* Doses in label units: exact decimals, so milli-units are exact. */
static const double fixed_doses[] = {
    0.001, 0.5, 1, 1.25, 1.5, 2.5, 4, 4.999, 5, 5.001, 7, 10, 20, 24, 36, 49.999, 50,
    50.001, 64, 99, 99.999, 100, 100.001, 120, 150, 155, 195, 200, 201, 250, 298, 299,
    300, 301, 360, 400, 450, 499, 500, 501, 600, 700, 800, 999, 1000, 1100, 1499.5,
    1500, 2450, 2499, 2500, 2501, 3500, 5000, 7499, 10000, 12345.678, 25000,
};
#define N_FIXED (sizeof fixed_doses / sizeof fixed_doses[0])

/* The doses tried for a product: the fixed ones, and around 1, 2 and 3 vials of each size. */
static size_t doses_for(const product_fact *p, double *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < N_FIXED && n < cap; i++)
        out[n++] = fixed_doses[i];
    for (int k = 0; k < BTX_VIAL_SIZES_MAX && p->sizes[k] > 0; k++) {
        double s = p->sizes[k];
        const double around[] = {s - 1, s - 0.001, s, s + 0.001, s + 1, 2 * s - 1, 2 * s,
                                 2 * s + 1, 3 * s + 1, s / 2};
        for (size_t j = 0; j < sizeof around / sizeof around[0] && n < cap; j++)
            out[n++] = around[j];
    }
    return n;
}

static int64_t milli_of(double u)
{
    return (int64_t)llround(u * 1000.0);
}

/* ---- the oracle of the vial plan: every combination, the best by the stated rule ---- */

typedef struct plan_expect {
    int64_t opened;          /* milli-units */
    int32_t vials;
    int32_t counts[BTX_VIAL_SIZES_MAX];
} plan_expect;

/* Fewest discarded units (= fewest opened), then fewest vials, then most of the largest
 * size [BW16]; exhaustive over 0..ceil(dose/size) vials of each size. */
static void oracle_plan(const product_fact *p, int64_t dose, plan_expect *best)
{
    int n = 0;
    while (n < BTX_VIAL_SIZES_MAX && p->sizes[n] > 0)
        n++;
    int32_t top[BTX_VIAL_SIZES_MAX] = {0}, c[BTX_VIAL_SIZES_MAX] = {0};
    for (int i = 0; i < n; i++)
        top[i] = (int32_t)((dose + p->sizes[i] * 1000 - 1) / (p->sizes[i] * 1000));
    int have = 0;
    for (;;) {
        int64_t opened = 0;
        int32_t vials = 0;
        for (int i = 0; i < n; i++) {
            opened += (int64_t)c[i] * p->sizes[i] * 1000;
            vials += c[i];
        }
        if (opened >= dose) {
            int take = !have || opened < best->opened ||
                       (opened == best->opened && vials < best->vials);
            if (!take && opened == best->opened && vials == best->vials) {
                for (int i = 0; i < n; i++) {
                    if (c[i] != best->counts[i]) {
                        take = c[i] > best->counts[i];
                        break;
                    }
                }
            }
            if (take) {
                have = 1;
                best->opened = opened;
                best->vials = vials;
                memset(best->counts, 0, sizeof best->counts);
                memcpy(best->counts, c, sizeof c);
            }
        }
        int i = 0;
        while (i < n && c[i] == top[i]) {
            c[i] = 0;
            i++;
        }
        if (i == n)
            break;
        c[i]++;
    }
    ck_assert(have);
}

/* ---- tests ---- */

START_TEST(sizes_and_in_use_windows)
{
    for (size_t i = 0; i < N_PRODUCTS; i++) {
        const product_fact *p = &products[i];
        btx_vial_plan plan = {.struct_size = sizeof plan};
        ck_assert_int_eq(btx_plan_vials(p->product, 1, &plan), BTX_OK);
        ck_assert_int_eq(plan.product, p->product);
        int n = 0;
        while (n < BTX_VIAL_SIZES_MAX && p->sizes[n] > 0)
            n++;
        ck_assert_msg(plan.vial_sizes == n, "%s: %d sizes, expected %d",
                      btx_product_name(p->product), plan.vial_sizes, n);
        for (int k = 0; k < BTX_VIAL_SIZES_MAX; k++)
            ck_assert_int_eq(plan.vial_units[k], k < n ? p->sizes[k] : 0);
        ck_assert_int_eq(plan.in_use_hours, p->in_use_hours);
        ck_assert_int_eq(plan.ready_to_use, p->ready_to_use);
        ck_assert_int_eq(plan.evidence, p->in_use_evidence);
        ck_assert_ptr_nonnull(strstr(plan.vial_source, "BW16]"));
        ck_assert_ptr_nonnull(strstr(plan.in_use_source, "[BS"));
    }
}
END_TEST

START_TEST(plan_matches_exhaustive_search)
{
    double doses[128];
    size_t checked = 0;
    for (size_t i = 0; i < N_PRODUCTS; i++) {
        const product_fact *p = &products[i];
        size_t nd = doses_for(p, doses, sizeof doses / sizeof doses[0]);
        for (size_t k = 0; k < nd; k++) {
            int64_t dose = milli_of(doses[k]);
            /* The search is exhaustive: keep it small for products with several sizes. */
            if (dose > (p->sizes[1] > 0 ? 3000000 : 30000000))
                continue;
            plan_expect want = {0, 0, {0}};
            oracle_plan(p, dose, &want);
            btx_vial_plan plan = {.struct_size = sizeof plan};
            ck_assert_int_eq(btx_plan_vials(p->product, doses[k], &plan), BTX_OK);
            ck_assert_msg(milli_of(plan.opened_units) == want.opened,
                          "%s %.3f U: opened %.3f, expected %.3f", btx_product_name(p->product),
                          doses[k], plan.opened_units, (double)want.opened / 1000.0);
            ck_assert_int_eq(plan.vials, want.vials);
            for (int s = 0; s < BTX_VIAL_SIZES_MAX; s++)
                ck_assert_int_eq(plan.vial_counts[s], want.counts[s]);
            ck_assert_int_eq(milli_of(plan.dose_units), dose);
            ck_assert_int_eq(milli_of(plan.discarded_units), want.opened - dose);
            checked++;
        }
    }
    ck_assert_uint_ge(checked, 400);
}
END_TEST

/* Every product, dose, setting and date, for a therapeutic and a cosmetic indication:
 * the invariants of the issue and the rules of the sources. */
START_TEST(bill_invariants_everywhere)
{
    double doses[128];
    size_t cases = 0;
    for (size_t i = 0; i < N_PRODUCTS; i++) {
        const product_fact *p = &products[i];
        size_t nd = doses_for(p, doses, sizeof doses / sizeof doses[0]);
        for (size_t k = 0; k < nd; k++) {
            int64_t dose = milli_of(doses[k]);
            for (size_t s = 0; s < N_SETTINGS; s++) {
                for (size_t d = 0; d < N_DATES; d++) {
                    int32_t when = dates_ymd[d];
                    btx_billing b;
                    memset(&b, 0, sizeof b);
                    b.struct_size = sizeof b;
                    int32_t field = -1;
                    ck_assert_int_eq(btx_bill(p->product, BTX_INDICATION_CERVICAL_DYSTONIA,
                                              doses[k], date_of(when), settings[s].setting,
                                              &b, &field), BTX_OK);
                    ck_assert_int_eq(field, BTX_FIELD_NONE);
                    ck_assert_int_eq(b.category, THER);
                    ck_assert_int_eq(b.covered, 1);
                    ck_assert_int_eq(b.cpt_count, 1);
                    ck_assert_str_eq(b.cpt[0], "64616");
                    int64_t opened = milli_of(b.opened_units);
                    ck_assert_int_eq(milli_of(b.discarded_units), opened - dose);
                    ck_assert_int_ge(opened, dose);

                    /* A code only from the date it is known to exist. */
                    if (p->hcpcs == NULL) {
                        ck_assert_int_eq(b.status, BTX_BILL_NO_CODE);
                    } else if (when < p->from_ymd) {
                        ck_assert_int_eq(b.status, BTX_BILL_NO_CODE_ON_DATE);
                    } else {
                        ck_assert_int_eq(b.status, BTX_BILL_DRUG_LINES);
                    }
                    if (b.status != BTX_BILL_DRUG_LINES) {
                        ck_assert_int_eq(b.line_count, 0);
                        ck_assert_str_eq(b.hcpcs, "");
                        ck_assert(b.billing_unit == 0.0);
                        ck_assert_int_eq(b.waste_modifiers, 0);
                        cases++;
                        continue;
                    }
                    ck_assert_str_eq(b.hcpcs, p->hcpcs);
                    ck_assert(b.billing_unit == (double)p->unit);
                    int64_t unit = (int64_t)p->unit * 1000;

                    /* Administered: up, at least one [BR1, BR3]. */
                    const btx_bill_line *admin = &b.lines[0];
                    ck_assert_str_eq(admin->hcpcs, p->hcpcs);
                    ck_assert_int_eq(admin->discarded, 0);
                    ck_assert_int_eq(admin->billing_units, (dose + unit - 1) / unit);
                    ck_assert_int_ge(admin->billing_units, 1);
                    ck_assert_int_eq(milli_of(admin->units), dose);
                    int64_t jw = (opened - dose) / unit; /* down [BR4] */

                    if (!settings[s].applies) {
                        ck_assert_int_eq(b.waste_modifiers, BTX_WASTE_NOT_IN_SETTING);
                        ck_assert_int_eq(b.line_count, 1);
                        ck_assert_str_eq(admin->modifier, "");
                        cases++;
                        continue;
                    }
                    ck_assert_int_eq(b.waste_modifiers, BTX_WASTE_JW_JZ);
                    ck_assert(when >= JW_FROM); /* every code here starts later */
                    if (jw >= 1) {
                        ck_assert_int_eq(b.line_count, 2);
                        const btx_bill_line *waste = &b.lines[1];
                        ck_assert_str_eq(waste->hcpcs, p->hcpcs);
                        ck_assert_str_eq(waste->modifier, "JW");
                        ck_assert_int_eq(waste->discarded, 1);
                        ck_assert_int_eq(waste->billing_units, jw);
                        ck_assert_int_eq(milli_of(waste->units), opened - dose);
                        ck_assert_str_eq(admin->modifier, "");
                        /* administered + JW = the billing units of the vials [BR7] */
                        ck_assert_int_eq(opened % unit, 0);
                        ck_assert_int_eq(admin->billing_units + waste->billing_units,
                                         opened / unit);
                    } else {
                        /* Less than one billing unit discarded: no JW line [BW14]. */
                        ck_assert_int_eq(b.line_count, 1);
                        ck_assert_int_eq(admin->billing_units, opened / unit);
                        if (when >= JZ_REQUIRED_FROM) {
                            ck_assert_str_eq(admin->modifier, "JZ");
                            ck_assert_int_eq(admin->modifier_required, 1);
                        } else if (when >= JZ_OPTIONAL_FROM) {
                            ck_assert_str_eq(admin->modifier, "JZ");
                            ck_assert_int_eq(admin->modifier_required, 0);
                        } else {
                            ck_assert_str_eq(admin->modifier, "");
                        }
                    }
                    /* No JW when dose and discarded units fit in one billing unit. */
                    if (opened <= unit)
                        ck_assert_int_eq(b.line_count, 1);
                    cases++;
                }
            }
        }
    }
    ck_assert_uint_ge(cases, 30000);
}
END_TEST

START_TEST(cosmetic_never_has_a_drug_line)
{
    size_t cases = 0;
    for (size_t i = 0; i < N_PRODUCTS; i++) {
        for (size_t n = 0; n < N_INDICATIONS; n++) {
            if (indications[n].category != COSM)
                continue;
            for (size_t s = 0; s < N_SETTINGS; s++) {
                for (size_t d = 0; d < N_DATES; d++) {
                    for (size_t k = 0; k < N_FIXED; k += 7) {
                        btx_billing b = {.struct_size = sizeof b};
                        ck_assert_int_eq(btx_bill(products[i].product,
                                                  indications[n].indication, fixed_doses[k],
                                                  date_of(dates_ymd[d]), settings[s].setting,
                                                  &b, NULL), BTX_OK);
                        ck_assert_int_eq(b.category, COSM);
                        ck_assert_int_eq(b.covered, 0);
                        ck_assert_int_eq(b.status, BTX_BILL_COSMETIC);
                        ck_assert_int_eq(b.line_count, 0);
                        ck_assert_int_eq(b.cpt_count, 0);
                        ck_assert_str_eq(b.hcpcs, "");
                        ck_assert(b.billing_unit == 0.0);
                        ck_assert_ptr_nonnull(strstr(b.status_source, "[BM1"));
                        ck_assert_int_ge(b.vials, 1); /* the plan is still given */
                        cases++;
                    }
                }
            }
        }
    }
    ck_assert_uint_ge(cases, 2000);
}
END_TEST

START_TEST(category_and_cpt_of_every_indication)
{
    for (size_t n = 0; n < N_INDICATIONS; n++) {
        const indication_fact *f = &indications[n];
        btx_billing b = {.struct_size = sizeof b};
        ck_assert_int_eq(btx_bill(BTX_PRODUCT_BOTOX, f->indication, 100, ymd(2026, 3, 2),
                                  BTX_SETTING_OFFICE, &b, NULL), BTX_OK);
        ck_assert_int_eq(b.category, f->category);
        int expected = 0;
        while (expected < BTX_CPT_MAX && f->cpt[expected] != NULL)
            expected++;
        ck_assert_msg(b.cpt_count == expected, "%s: %d CPT codes, expected %d",
                      btx_indication_name(f->indication), b.cpt_count, expected);
        for (int c = 0; c < BTX_CPT_MAX; c++) {
            if (c < expected)
                ck_assert_str_eq(b.cpt[c], f->cpt[c]);
            else
                ck_assert_ptr_null(b.cpt[c]);
        }
        if (expected > 0)
            ck_assert_ptr_nonnull(strstr(b.cpt_source, "(advisory)"));
        else
            ck_assert_str_eq(b.cpt_source, "");
    }
    ck_assert_uint_eq(N_INDICATIONS, 17); /* every btx_indication */
}
END_TEST

/* ---- worked examples, every number typed ---- */

typedef struct example {
    int32_t product, indication;
    double units;
    int32_t when, setting;
    int32_t status, waste;
    int32_t sizes[BTX_VIAL_SIZES_MAX], counts[BTX_VIAL_SIZES_MAX];
    double opened, discarded;
    const char *hcpcs;
    int32_t lines;
    const char *mod0;
    int32_t bu0, required0;
    int32_t bu1; /* the JW line's billing units when lines == 2 */
} example;

#define OFFICE BTX_SETTING_OFFICE
#define LINES BTX_BILL_DRUG_LINES
#define JWJZ BTX_WASTE_JW_JZ

static const example examples[] = {
    /* BOTOX strabismus 1.25 U: 2 units of J0585, 98 discarded units with JW. */
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_STRABISMUS, 1.25, 20260302, OFFICE, LINES, JWJZ,
     {200, 100}, {0, 1}, 100, 98.75, "J0585", 2, "", 2, 0, 98},
    /* BOTOX chronic migraine 155 U: one 200 U vial, 45 U discarded. */
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, 155, 20260302, OFFICE, LINES, JWJZ,
     {200, 100}, {1, 0}, 200, 45, "J0585", 2, "", 155, 0, 45},
    /* BOTOX NDO 200 U: nothing discarded, JZ. */
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY, 200, 20260302, OFFICE,
     LINES, JWJZ, {200, 100}, {1, 0}, 200, 0, "J0585", 1, "JZ", 200, 1, 0},
    /* BOTOX 300 U: 200 + 100. */
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, 300, 20260302, OFFICE, LINES,
     JWJZ, {200, 100}, {1, 1}, 300, 0, "J0585", 1, "JZ", 300, 1, 0},
    /* Same 200 U on 2023-03-15: JZ optional; on 2022-12-31: no JZ yet. */
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY, 200, 20230315, OFFICE,
     LINES, JWJZ, {200, 100}, {1, 0}, 200, 0, "J0585", 1, "JZ", 200, 0, 0},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY, 200, 20221231, OFFICE,
     LINES, JWJZ, {200, 100}, {1, 0}, 200, 0, "J0585", 1, "", 200, 0, 0},
    /* 155 U in 2023-03: JW as ever. */
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, 155, 20230315, OFFICE, LINES, JWJZ,
     {200, 100}, {1, 0}, 200, 45, "J0585", 2, "", 155, 0, 45},
    /* Rural health clinic: the administered line alone. */
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, 155, 20260302, BTX_SETTING_RHC, LINES,
     BTX_WASTE_NOT_IN_SETTING, {200, 100}, {1, 0}, 200, 45, "J0585", 1, "", 155, 0, 0},
    /* Before 2020-01-01 no code is confirmed. */
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, 155, 20191231, OFFICE,
     BTX_BILL_NO_CODE_ON_DATE, 0, {200, 100}, {1, 0}, 200, 45, "", 0, NULL, 0, 0, 0},
    /* Dysport (J0586, 5 units): 500 U cervical dystonia = 100 billing units, JZ. */
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_CERVICAL_DYSTONIA, 500, 20260302, OFFICE, LINES, JWJZ,
     {500, 300}, {1, 0}, 500, 0, "J0586", 1, "JZ", 100, 1, 0},
    /* 7 U: 2 billing units given, 293 U discarded = 58 billing units; 60 in all. */
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_CERVICAL_DYSTONIA, 7, 20260302, OFFICE, LINES, JWJZ,
     {500, 300}, {0, 1}, 300, 293, "J0586", 2, "", 2, 0, 58},
    /* 1.5 U, below one billing unit: 1; 298.5 U discarded: 59. */
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_CERVICAL_DYSTONIA, 1.5, 20260302, OFFICE, LINES, JWJZ,
     {500, 300}, {0, 1}, 300, 298.5, "J0586", 2, "", 1, 0, 59},
    /* 298 U: 60 billing units (59.6 up), 2 U discarded is no billing unit: JZ. */
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_CERVICAL_DYSTONIA, 298, 20260302, OFFICE, LINES, JWJZ,
     {500, 300}, {0, 1}, 300, 2, "J0586", 1, "JZ", 60, 1, 0},
    /* 700 U: 500 + 300 (100 U discarded) beats 3 x 300 and 2 x 500. */
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_UPPER_LIMB_SPASTICITY, 700, 20260302, OFFICE, LINES,
     JWJZ, {500, 300}, {1, 1}, 800, 100, "J0586", 2, "", 140, 0, 20},
    /* 1100 U: 500 + 300 + 300, nothing discarded. */
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_LOWER_LIMB_SPASTICITY, 1100, 20260302, OFFICE, LINES,
     JWJZ, {500, 300}, {1, 2}, 1100, 0, "J0586", 1, "JZ", 220, 1, 0},
    /* 1000 U: 2 x 500 (not 500 + 300 + 300 + ...). */
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_LOWER_LIMB_SPASTICITY, 1000, 20260302, OFFICE, LINES,
     JWJZ, {500, 300}, {2, 0}, 1000, 0, "J0586", 1, "JZ", 200, 1, 0},
    /* Xeomin cervical dystonia 120 U: 100 + 50, 30 U discarded. */
    {BTX_PRODUCT_XEOMIN, BTX_INDICATION_CERVICAL_DYSTONIA, 120, 20260302, OFFICE, LINES, JWJZ,
     {200, 100, 50}, {0, 1, 1}, 150, 30, "J0588", 2, "", 120, 0, 30},
    /* Xeomin 400 U: 2 x 200. */
    {BTX_PRODUCT_XEOMIN, BTX_INDICATION_UPPER_LIMB_SPASTICITY, 400, 20260302, OFFICE, LINES,
     JWJZ, {200, 100, 50}, {2, 0, 0}, 400, 0, "J0588", 1, "JZ", 400, 1, 0},
    /* Myobloc (J0587, 100 units): 2,500 U = 25 billing units, JZ. */
    {BTX_PRODUCT_MYOBLOC, BTX_INDICATION_CERVICAL_DYSTONIA, 2500, 20260302, OFFICE, LINES, JWJZ,
     {2500}, {1}, 2500, 0, "J0587", 1, "JZ", 25, 1, 0},
    /* 50 U: 1 billing unit; 2,450 U discarded = 24. */
    {BTX_PRODUCT_MYOBLOC, BTX_INDICATION_CHRONIC_SIALORRHEA, 50, 20260302, OFFICE, LINES, JWJZ,
     {2500}, {1}, 2500, 2450, "J0587", 2, "", 1, 0, 24},
    /* 2,450 U: 25 billing units (24.5 up); 50 U discarded is no billing unit: JZ. */
    {BTX_PRODUCT_MYOBLOC, BTX_INDICATION_CERVICAL_DYSTONIA, 2450, 20260302, OFFICE, LINES, JWJZ,
     {2500}, {1}, 2500, 50, "J0587", 1, "JZ", 25, 1, 0},
    /* 1,500 U sialorrhea: 15 + JW 10. */
    {BTX_PRODUCT_MYOBLOC, BTX_INDICATION_CHRONIC_SIALORRHEA, 1500, 20260302, OFFICE, LINES, JWJZ,
     {2500}, {1}, 2500, 1000, "J0587", 2, "", 15, 0, 10},
    /* 5,000 U: two 2,500 U vials (the larger sizes' NDCs are not assigned a size). */
    {BTX_PRODUCT_MYOBLOC, BTX_INDICATION_CERVICAL_DYSTONIA, 5000, 20260302, OFFICE, LINES, JWJZ,
     {2500}, {2}, 5000, 0, "J0587", 1, "JZ", 50, 1, 0},
    /* Daxxify 250 U: J0589 from 2024-04-01, not the day before. */
    {BTX_PRODUCT_DAXXIFY, BTX_INDICATION_CERVICAL_DYSTONIA, 250, 20240401, OFFICE, LINES, JWJZ,
     {100}, {3}, 300, 50, "J0589", 2, "", 250, 0, 50},
    {BTX_PRODUCT_DAXXIFY, BTX_INDICATION_CERVICAL_DYSTONIA, 250, 20240331, OFFICE,
     BTX_BILL_NO_CODE_ON_DATE, 0, {100}, {3}, 300, 50, "", 0, NULL, 0, 0, 0},
    /* Jeuveau for a therapeutic use: no code. */
    {BTX_PRODUCT_JEUVEAU, BTX_INDICATION_CERVICAL_DYSTONIA, 100, 20260302, OFFICE,
     BTX_BILL_NO_CODE, 0, {100}, {1}, 100, 0, "", 0, NULL, 0, 0, 0},
    /* Cosmetic: Daxxify glabellar 40 U, BOTOX Cosmetic 20 U (one 50 U vial), 64 U (one 100 U). */
    {BTX_PRODUCT_DAXXIFY, BTX_INDICATION_GLABELLAR_LINES, 40, 20260302, OFFICE,
     BTX_BILL_COSMETIC, 0, {100}, {1}, 100, 60, "", 0, NULL, 0, 0, 0},
    {BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_GLABELLAR_LINES, 20, 20260302, OFFICE,
     BTX_BILL_COSMETIC, 0, {100, 50}, {0, 1}, 50, 30, "", 0, NULL, 0, 0, 0},
    {BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_FOREHEAD_LINES, 64, 20260302, OFFICE,
     BTX_BILL_COSMETIC, 0, {100, 50}, {1, 0}, 100, 36, "", 0, NULL, 0, 0, 0},
    /* BOTOX (therapeutic product) for a cosmetic indication: the indication decides. */
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_GLABELLAR_LINES, 20, 20260302, OFFICE,
     BTX_BILL_COSMETIC, 0, {200, 100}, {0, 1}, 100, 80, "", 0, NULL, 0, 0, 0},
    /* The largest dose: 100000 U of BOTOX is 500 vials of 200 U. */
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, 100000, 20260302, OFFICE, LINES,
     JWJZ, {200, 100}, {500, 0}, 100000, 0, "J0585", 1, "JZ", 100000, 1, 0},
};

START_TEST(worked_examples)
{
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        const example *e = &examples[i];
        btx_billing b = {.struct_size = sizeof b};
        ck_assert_int_eq(btx_bill(e->product, e->indication, e->units, date_of(e->when),
                                  e->setting, &b, NULL), BTX_OK);
        ck_assert_msg(b.status == e->status, "example %zu: status %s", i,
                      btx_bill_status_name(b.status));
        ck_assert_int_eq(b.waste_modifiers, e->waste);
        for (int k = 0; k < BTX_VIAL_SIZES_MAX; k++) {
            ck_assert_int_eq(b.vial_units[k], e->sizes[k]);
            ck_assert_msg(b.vial_counts[k] == e->counts[k], "example %zu: %d x %d U", i,
                          b.vial_counts[k], b.vial_units[k]);
        }
        ck_assert(b.opened_units == e->opened);
        ck_assert_msg(fabs(b.discarded_units - e->discarded) < 1e-9, "example %zu: %g", i,
                      b.discarded_units);
        ck_assert_str_eq(b.hcpcs, e->hcpcs);
        ck_assert_int_eq(b.line_count, e->lines);
        if (e->lines >= 1) {
            ck_assert_str_eq(b.lines[0].hcpcs, e->hcpcs);
            ck_assert_str_eq(b.lines[0].modifier, e->mod0);
            ck_assert_int_eq(b.lines[0].billing_units, e->bu0);
            ck_assert_int_eq(b.lines[0].modifier_required, e->required0);
            ck_assert_ptr_nonnull(strstr(b.lines[0].source, "[BR1"));
        }
        if (e->lines == 2) {
            ck_assert_str_eq(b.lines[1].modifier, "JW");
            ck_assert_int_eq(b.lines[1].billing_units, e->bu1);
            ck_assert_ptr_nonnull(strstr(b.lines[1].source, "BR4"));
        } else {
            ck_assert_ptr_null(b.lines[1].hcpcs);
            ck_assert_int_eq(b.lines[1].billing_units, 0);
        }
    }
}
END_TEST

START_TEST(sources_are_given)
{
    btx_billing b = {.struct_size = sizeof b};
    ck_assert_int_eq(btx_bill(BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, 155,
                              ymd(2026, 3, 2), OFFICE, &b, NULL), BTX_OK);
    ck_assert_ptr_nonnull(strstr(b.status_source, "J0585"));
    ck_assert_ptr_nonnull(strstr(b.status_source, "[BH1"));
    ck_assert_ptr_nonnull(strstr(b.modifier_source, "[BW3"));
    ck_assert_ptr_nonnull(strstr(b.cpt_source, "[BC1"));
    ck_assert_ptr_nonnull(strstr(b.vial_source, "[BP1"));
    ck_assert_ptr_nonnull(strstr(b.lines[1].source, "JW"));
    /* The JW/JZ answer names the setting's source. */
    ck_assert_int_eq(btx_bill(BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, 155,
                              ymd(2026, 3, 2), BTX_SETTING_FQHC, &b, NULL), BTX_OK);
    ck_assert_ptr_nonnull(strstr(b.modifier_source, "federally qualified"));
    ck_assert_ptr_nonnull(strstr(b.modifier_source, "[BW9]"));
    ck_assert_int_eq(btx_bill(BTX_PRODUCT_LETYBO, BTX_INDICATION_CERVICAL_DYSTONIA, 20,
                              ymd(2026, 3, 2), OFFICE, &b, NULL), BTX_OK);
    ck_assert_ptr_nonnull(strstr(b.status_source, "[BH11]"));
    ck_assert_str_eq(b.modifier_source, "");
}
END_TEST

/* ---- bad input: the error and the field, nothing written ---- */

typedef struct bad_case {
    int32_t product, indication;
    double units;
    btx_date date;
    int32_t setting;
    int code, field;
} bad_case;

START_TEST(bad_input_named)
{
    const btx_date good = 20514; /* 2026-03-02 */
    ck_assert_int_eq(good, ymd(2026, 3, 2));
    const bad_case cases[] = {
        {0, 1, 155, good, 1, BTX_EINVAL, BTX_FIELD_PRODUCT},
        {9, 1, 155, good, 1, BTX_EINVAL, BTX_FIELD_PRODUCT},
        {-1, 1, 155, good, 1, BTX_EINVAL, BTX_FIELD_PRODUCT},
        {1, 0, 155, good, 1, BTX_EINVAL, BTX_FIELD_INDICATION},
        {1, 18, 155, good, 1, BTX_EINVAL, BTX_FIELD_INDICATION},
        {1, 1, 155, good, 0, BTX_EINVAL, BTX_FIELD_SETTING},
        {1, 1, 155, good, 8, BTX_EINVAL, BTX_FIELD_SETTING},
        {1, 1, 155, BTX_DATE_MIN - 1, 1, BTX_ERANGE, BTX_FIELD_DATE},
        {1, 1, 155, BTX_DATE_MAX + 1, 1, BTX_ERANGE, BTX_FIELD_DATE},
        {1, 1, 155, BTX_DATE_UNKNOWN, 1, BTX_ERANGE, BTX_FIELD_DATE},
        {1, 1, 0, good, 1, BTX_ERANGE, BTX_FIELD_UNITS},
        {1, 1, -0.0, good, 1, BTX_ERANGE, BTX_FIELD_UNITS},
        {1, 1, -1, good, 1, BTX_ERANGE, BTX_FIELD_UNITS},
        {1, 1, NAN, good, 1, BTX_ERANGE, BTX_FIELD_UNITS},
        {1, 1, INFINITY, good, 1, BTX_ERANGE, BTX_FIELD_UNITS},
        {1, 1, -INFINITY, good, 1, BTX_ERANGE, BTX_FIELD_UNITS},
        {1, 1, 100000.001, good, 1, BTX_ERANGE, BTX_FIELD_UNITS},
        {1, 1, 0.0004, good, 1, BTX_ERANGE, BTX_FIELD_UNITS}, /* 0 after rounding */
        /* The first bad argument in the documented order wins. */
        {0, 0, -1, BTX_DATE_UNKNOWN, 0, BTX_EINVAL, BTX_FIELD_PRODUCT},
        {1, 0, -1, BTX_DATE_UNKNOWN, 0, BTX_EINVAL, BTX_FIELD_INDICATION},
        {1, 1, -1, BTX_DATE_UNKNOWN, 0, BTX_EINVAL, BTX_FIELD_SETTING},
        {1, 1, -1, BTX_DATE_UNKNOWN, 1, BTX_ERANGE, BTX_FIELD_DATE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const bad_case *c = &cases[i];
        btx_billing b;
        memset(&b, 0xAB, sizeof b);
        b.struct_size = sizeof b;
        btx_billing before = b;
        int32_t field = -1;
        ck_assert_msg(btx_bill(c->product, c->indication, c->units, c->date, c->setting, &b,
                               &field) == c->code, "case %zu", i);
        ck_assert_msg(field == c->field, "case %zu: field %s", i, btx_field_name(field));
        ck_assert(memcmp(&b, &before, sizeof b) == 0);
        /* NULL field is allowed. */
        ck_assert_int_eq(btx_bill(c->product, c->indication, c->units, c->date, c->setting,
                                  &b, NULL), c->code);
    }
    int32_t field = -1;
    ck_assert_int_eq(btx_bill(1, 1, 155, good, 1, NULL, &field), BTX_EINVAL);
    ck_assert_int_eq(field, BTX_FIELD_NONE);
    btx_billing small = {.struct_size = sizeof small - 1};
    ck_assert_int_eq(btx_bill(1, 1, 155, good, 1, &small, &field), BTX_EVERSION);
    ck_assert_int_eq(field, BTX_FIELD_STRUCT_SIZE);
    ck_assert_str_eq(btx_field_name(BTX_FIELD_SETTING), "setting");

    btx_vial_plan plan;
    memset(&plan, 0xCD, sizeof plan);
    plan.struct_size = sizeof plan;
    btx_vial_plan before = plan;
    ck_assert_int_eq(btx_plan_vials(0, 100, &plan), BTX_EINVAL);
    ck_assert_int_eq(btx_plan_vials(9, 100, &plan), BTX_EINVAL);
    ck_assert_int_eq(btx_plan_vials(1, 0, &plan), BTX_ERANGE);
    ck_assert_int_eq(btx_plan_vials(1, NAN, &plan), BTX_ERANGE);
    ck_assert_int_eq(btx_plan_vials(1, INFINITY, &plan), BTX_ERANGE);
    ck_assert_int_eq(btx_plan_vials(1, -5, &plan), BTX_ERANGE);
    ck_assert_int_eq(btx_plan_vials(1, 100000.5, &plan), BTX_ERANGE);
    ck_assert(memcmp(&plan, &before, sizeof plan) == 0);
    ck_assert_int_eq(btx_plan_vials(1, 100, NULL), BTX_EINVAL);
    plan.struct_size = sizeof plan - 1;
    ck_assert_int_eq(btx_plan_vials(1, 100, &plan), BTX_EVERSION);
}
END_TEST

/* A newer caller's bigger struct: bytes past the 1.2 layout are never written. */
START_TEST(struct_size_respected)
{
    struct {
        btx_billing b;
        unsigned char tail[32];
    } big;
    memset(&big, 0x5A, sizeof big);
    big.b.struct_size = sizeof big;
    ck_assert_int_eq(btx_bill(1, 1, 155, ymd(2026, 3, 2), 1, &big.b, NULL), BTX_OK);
    for (size_t i = 0; i < sizeof big.tail; i++)
        ck_assert_int_eq(big.tail[i], 0x5A);
    ck_assert_uint_eq(big.b.struct_size, sizeof big);
    ck_assert_int_eq(big.b.reserved, 0);
    ck_assert_int_eq(big.b.reserved2, 0);
    ck_assert_int_eq(big.b.lines[0].reserved, 0);

    struct {
        btx_vial_plan p;
        unsigned char tail[32];
    } bigp;
    memset(&bigp, 0x5A, sizeof bigp);
    bigp.p.struct_size = sizeof bigp;
    ck_assert_int_eq(btx_plan_vials(1, 155, &bigp.p), BTX_OK);
    for (size_t i = 0; i < sizeof bigp.tail; i++)
        ck_assert_int_eq(bigp.tail[i], 0x5A);
    ck_assert_uint_eq(btx_sizeof_billing(), sizeof(btx_billing));
    ck_assert_uint_eq(btx_sizeof_vial_plan(), sizeof(btx_vial_plan));
    ck_assert_uint_eq(sizeof(btx_bill_line), 48);
#if UINTPTR_MAX == 0xFFFFFFFFFFFFFFFFu
    ck_assert_uint_eq(sizeof(btx_billing), 296);
    ck_assert_uint_eq(sizeof(btx_vial_plan), 104);
#endif
}
END_TEST

START_TEST(names)
{
    for (size_t s = 0; s < N_SETTINGS; s++) {
        ck_assert_str_eq(btx_setting_name(settings[s].setting), settings[s].name);
        int32_t out = 0;
        ck_assert_int_eq(btx_setting_lookup(settings[s].name, &out), BTX_OK);
        ck_assert_int_eq(out, settings[s].setting);
    }
    ck_assert_str_eq(btx_setting_name(0), "unknown");
    ck_assert_str_eq(btx_setting_name(8), "unknown");
    const struct {
        const char *text;
        int32_t setting;
    } spellings[] = {
        {"  Office ", BTX_SETTING_OFFICE},
        {"physician office", BTX_SETTING_OFFICE},
        {"Hospital Outpatient", BTX_SETTING_HOSPITAL_OUTPATIENT},
        {"hospital-outpatient-department", BTX_SETTING_HOSPITAL_OUTPATIENT},
        {"HOPD", BTX_SETTING_HOSPITAL_OUTPATIENT},
        {"ASC", BTX_SETTING_ASC},
        {"ambulatory surgical center", BTX_SETTING_ASC},
        {"Critical Access Hospital", BTX_SETTING_CAH},
        {"rural health clinic", BTX_SETTING_RHC},
        {"FQHC", BTX_SETTING_FQHC},
        {"federally qualified health center", BTX_SETTING_FQHC},
        {"INPATIENT", BTX_SETTING_INPATIENT},
    };
    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
        int32_t out = 0;
        ck_assert_msg(btx_setting_lookup(spellings[i].text, &out) == BTX_OK, "%s",
                      spellings[i].text);
        ck_assert_int_eq(out, spellings[i].setting);
    }
    const char *unknown[] = {"", "  ", "home", "offices", "office x", "hospital", "in patient",
                             "asc\t"};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        int32_t out = 42;
        ck_assert_int_eq(btx_setting_lookup(unknown[i], &out), BTX_ENOTFOUND);
        ck_assert_int_eq(out, 42);
    }
    int32_t out = 0;
    ck_assert_int_eq(btx_setting_lookup(NULL, &out), BTX_EINVAL);
    ck_assert_int_eq(btx_setting_lookup("office", NULL), BTX_EINVAL);

    ck_assert_str_eq(btx_bill_status_name(BTX_BILL_DRUG_LINES), "drug_lines");
    ck_assert_str_eq(btx_bill_status_name(BTX_BILL_COSMETIC), "cosmetic_self_pay");
    ck_assert_str_eq(btx_bill_status_name(BTX_BILL_NO_CODE), "no_code");
    ck_assert_str_eq(btx_bill_status_name(BTX_BILL_NO_CODE_ON_DATE), "no_code_on_date");
    ck_assert_str_eq(btx_bill_status_name(0), "unknown");
    ck_assert_str_eq(btx_bill_status_name(5), "unknown");
    ck_assert_str_eq(btx_waste_modifiers_name(BTX_WASTE_JW_JZ), "jw_jz");
    ck_assert_str_eq(btx_waste_modifiers_name(BTX_WASTE_NOT_IN_SETTING), "not_in_setting");
    ck_assert_str_eq(btx_waste_modifiers_name(BTX_WASTE_BEFORE_JW), "before_jw");
    ck_assert_str_eq(btx_waste_modifiers_name(0), "unknown");
    ck_assert_str_eq(btx_waste_modifiers_name(4), "unknown");
    /* Enum values are ABI. */
    ck_assert_int_eq(BTX_SETTING_OFFICE, 1);
    ck_assert_int_eq(BTX_SETTING_INPATIENT, 7);
    ck_assert_int_eq(BTX_BILL_NO_CODE_ON_DATE, 4);
    ck_assert_int_eq(BTX_WASTE_BEFORE_JW, 3);
    ck_assert_int_eq(BTX_FIELD_SETTING, 18);
}
END_TEST

/* ---- white box: what the public API cannot reach with today's tables ---- */

/* JW before its date: J0585-J0588 are confirmed only from 2020-01-01, so no public call
 * reaches a date before 2017-01-01 with a code. The line builder itself must hold. */
START_TEST(jw_not_before_2017)
{
    btx_bill_line lines[BTX_BILL_LINES_MAX];
    int32_t count = 0;
    /* 155 U from a 200 U vial, J0585. */
    ck_assert_int_eq(btx__bill_lines("J0585", 1000, 155000, 200000, 20161231, 1, lines,
                                     &count), BTX_WASTE_BEFORE_JW);
    ck_assert_int_eq(count, 1);
    ck_assert_str_eq(lines[0].modifier, "");
    ck_assert_int_eq(lines[0].billing_units, 155);
    ck_assert_ptr_null(lines[1].hcpcs);
    ck_assert_int_eq(btx__bill_lines("J0585", 1000, 155000, 200000, 20170101, 1, lines,
                                     &count), BTX_WASTE_JW_JZ);
    ck_assert_int_eq(count, 2);
    ck_assert_str_eq(lines[1].modifier, "JW");
    ck_assert_int_eq(lines[1].billing_units, 45);
    /* Zero waste before 2017: no JZ either. */
    ck_assert_int_eq(btx__bill_lines("J0585", 1000, 200000, 200000, 20100101, 1, lines,
                                     &count), BTX_WASTE_BEFORE_JW);
    ck_assert_str_eq(lines[0].modifier, "");
}
END_TEST

/* The vial arrays hold every product's sizes: count the distinct finished sizes here. */
START_TEST(vial_size_bound)
{
    for (int32_t product = 1; product <= BTX__PRODUCT_MAX; product++) {
        int32_t seen[64];
        int32_t n = 0;
        for (size_t i = 0; i < btx__package_row_count; i++) {
            const btx__package_row *r = &btx__package_rows[i];
            if (r->product != product || r->kind != BTX__PACKAGE_FINISHED || r->units <= 0)
                continue;
            int dup = 0;
            for (int32_t k = 0; k < n; k++)
                dup |= seen[k] == r->units;
            if (!dup && n < 64)
                seen[n++] = r->units;
        }
        ck_assert_msg(n >= 1 && n <= BTX_VIAL_SIZES_MAX, "product %d has %d sizes", product, n);
        int32_t units[BTX_VIAL_SIZES_MAX];
        ck_assert_int_eq(btx__vial_sizes(product, units), n);
        /* Every product has its in-use facts. */
        ck_assert_ptr_nonnull(btx__product_vial_facts[product].in_use_source);
        ck_assert_ptr_nonnull(btx__product_vial_facts[product].vial_source);
    }
    /* Each substance has either a code with a unit and a date, or none and a reason. */
    for (int32_t s = 1; s <= BTX__SUBSTANCE_MAX; s++) {
        const btx__hcpcs_row *h = &btx__hcpcs_rows[s];
        ck_assert_ptr_nonnull(h->no_code_source);
        if (h->code != NULL)
            ck_assert(h->unit_units > 0 && h->from_ymd > 19000101 && h->source != NULL);
    }
    for (int32_t i = 1; i <= BTX__INDICATION_MAX; i++) {
        const btx__cpt_row *c = &btx__cpt_rows[i];
        ck_assert((c->codes[0] == NULL) == (c->source == NULL));
    }
}
END_TEST

Suite *billing_suite(void);
Suite *billing_suite(void)
{
    Suite *s = suite_create("billing");
    TCase *tc = tcase_create("billing");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, sizes_and_in_use_windows);
    tcase_add_test(tc, plan_matches_exhaustive_search);
    tcase_add_test(tc, bill_invariants_everywhere);
    tcase_add_test(tc, cosmetic_never_has_a_drug_line);
    tcase_add_test(tc, category_and_cpt_of_every_indication);
    tcase_add_test(tc, worked_examples);
    tcase_add_test(tc, sources_are_given);
    tcase_add_test(tc, bad_input_named);
    tcase_add_test(tc, struct_size_respected);
    tcase_add_test(tc, names);
    tcase_add_test(tc, jw_not_before_2017);
    tcase_add_test(tc, vial_size_bound);
    suite_add_tcase(s, tc);
    return s;
}
