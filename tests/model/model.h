/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Independent brute-force reference model of libbtxdose's window, interval, headroom,
 * earliest-date and evaluate semantics (design.md sections 3-5 and the lead's
 * decisions). Test code only: written from the text, not from lib/, day by day and
 * window start by window start, so it can catch the engine's mistakes.
 *
 * Amounts are int64 milli-units (0.001 U). Dates are btx_date day numbers; the model has
 * its own civil-date arithmetic that works past 2199-12-31.
 */
#ifndef BTX_TEST_MODEL_H
#define BTX_TEST_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include <btxdose/btxdose.h>

/* ---- dates ---- */
int32_t model_days_from_civil(int32_t y, int32_t m, int32_t d);
void model_civil_from_days(int32_t z, int32_t *y, int32_t *m, int32_t *d);
btx_date model_add_months(btx_date d, int32_t n);
/* S + length in unit (days, weeks of 7 days, clamped calendar months). */
btx_date model_window_end(btx_date start, int32_t length, int32_t unit);

/* ---- units ---- */
int64_t model_milli(double units);       /* rounds to 0.001 U, halves away from zero */
double model_units(int64_t milli);       /* milli / 1000.0 */
int64_t model_per_kg(int64_t per_kg_milli, double weight_kg); /* floor, with tolerance */
int32_t model_substance(int32_t product);

/* ---- patient ---- */
/* BTX_ADULT or BTX_PEDIATRIC on day d (unknown birth date: adult). */
int model_population(const btx_patient *patient, btx_date d);
/* Whether the patient's weight counts on day d under the policy (never a weight
 * measured after d). */
int model_weight_usable(const btx_patient *patient, const btx_policy *policy, btx_date d);
/* BTX_ERANGE for a birth date after d (a question about d), else BTX_OK. */
int model_patient_on(const btx_patient *patient, btx_date d);
/* Completed years of age on d (birth date must be known). */
int32_t model_age(btx_date birth, btx_date d);
btx_date model_birthday(btx_date birth, int32_t years);

/* ---- windows ---- */
int64_t model_window_total(const btx_administration *h, size_t n, int32_t substance,
                           btx_date start, int32_t length, int32_t unit);

typedef struct model_worst {
    int64_t total;    /* largest total of a window containing the date */
    btx_date start;   /* earliest start with that total */
    btx_date end;     /* last day (inclusive) of that window */
} model_worst;

/* Every window [S, end(S)) with S <= date < end(S); records of the substance, and of
 * only_indication when it is not 0. */
model_worst model_worst_window(const btx_administration *h, size_t n, int32_t substance,
                               int32_t only_indication, btx_date date, int32_t length,
                               int32_t unit);

/* Headroom in milli-units; *infinite = 1 when no window rule applies. Returns BTX_OK,
 * BTX_EWEIGHT, or BTX_ERANGE for a birth date after the date. Inputs must otherwise be
 * valid. */
int model_headroom(const btx_patient *patient, const btx_policy *policy,
                   const btx_administration *h, size_t n, int32_t product, int32_t indication,
                   btx_date date, int64_t *milli, int *infinite);

/* ---- rules typed from label-facts.md Part A ---- */
typedef struct model_interval_rule {
    int32_t rule;
    int32_t product;
    int32_t indications[4]; /* 0-terminated */
    int32_t population;     /* 0 both, BTX_ADULT, BTX_PEDIATRIC */
    int32_t length, unit, kind;
    int32_t evidence;
} model_interval_rule;

typedef struct model_cap_rule {
    int32_t rule;
    int32_t product;
    int32_t visit;          /* 0 session (proposal's indication), 1 visit over indications */
    int32_t indications[4]; /* 0-terminated; all_indications overrides */
    int32_t all_indications;
    int32_t population;     /* 0 both, BTX_ADULT, BTX_PEDIATRIC */
    int64_t cap_milli;
    int64_t per_kg_milli;   /* 0 when not weight based */
    int32_t evidence;
    int32_t per_limb;       /* 0; 1 cap and per-kg part per limb treated; 2 the per-kg part
                               only (the limbs: bits 0-1 of the records' flags, 0 = not
                               stated, then two limbs' cap and NOT_CHECKED within it) */
} model_cap_rule;

const model_interval_rule *model_interval_rule_for(int32_t product, int32_t indication,
                                                   int32_t population);
/* The interval test: P + I <= D and D + I <= N for the sessions of substance+indication. */
int model_interval_pass(const btx_administration *h, size_t n, int32_t substance,
                        int32_t indication, btx_date date, int32_t length, int32_t unit);
/* Policy spacing over visits (any indication) of the substance on other dates. */
int model_spacing_pass(const btx_administration *h, size_t n, int32_t substance,
                       btx_date date, int32_t days);

/* ---- earliest date ---- */
/* BTX_OK (*out set), BTX_ENEVER, BTX_EWEIGHT, or BTX_ERANGE for a birth date after the
 * proposal's date. */
int model_earliest_date(const btx_patient *patient, const btx_policy *policy,
                        const btx_administration *h, size_t n,
                        const btx_administration *proposed, btx_date *out);

/* ---- evaluate ---- */
typedef struct model_finding {
    int32_t code, status, severity, rule;
    int64_t limit, total, proposed, remaining; /* milli-units */
    btx_date window_start, window_end, earliest_date;
    int32_t evidence;
    int check_evidence; /* 0: the model does not know this rule's evidence */
} model_finding;

#define MODEL_MAX_FINDINGS 32

/* Expected findings in order; returns their count (at most MODEL_MAX_FINDINGS). *rc is
 * BTX_OK, or BTX_ERANGE (no findings) for a birth date after the proposal's date. */
size_t model_evaluate(const btx_patient *patient, const btx_policy *policy,
                      const btx_administration *h, size_t n,
                      const btx_administration *proposed, model_finding *out, int *rc);

#endif /* BTX_TEST_MODEL_H */
