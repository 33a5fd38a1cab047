/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Internals shared between the library's source files. Never installed; nothing here
 * is exported (the version script and hidden visibility keep it so).
 */
#ifndef BTXDOSE_INTERNAL_H
#define BTXDOSE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "btxdose/btxdose.h"

/* ---- dates (date.c) ----
 * The unchecked helpers work on any day count a window or interval end can reach
 * (years -10000..10000), so window ends past 2199-12-31 need no special case. */
int32_t btx__days_from_civil(int32_t y, int32_t m, int32_t d);
void btx__civil_from_days(int32_t days, int32_t *y, int32_t *m, int32_t *d);
int32_t btx__days_in_month(int32_t y, int32_t m);
int btx__date_in_range(btx_date d);
btx_date btx__add_months(btx_date d, int32_t n);
/* Completed years of age on day d for a birth date (29 February birthdays fall on
 * 28 February in common years). */
int32_t btx__age_years(btx_date birth, btx_date d);
/* The day a person born on birth turns years old. */
btx_date btx__birthday(btx_date birth, int32_t years);

/* ---- units (units.c) ---- */
typedef int64_t btx_milli; /* 0.001 U */
/* Rounds to 0.001 U, halves away from zero; BTX_ERANGE for NaN, inf, < 0, > 100000. */
int btx__milli_from_units(double units, btx_milli *out);
double btx__units_from_milli(btx_milli m);
/* Weight-based limit in milli-units, rounded down: per_kg_milli * kg. */
btx_milli btx__milli_per_kg(btx_milli per_kg_milli, double weight_kg);

/* ---- catalog (catalog.c) ---- */
int btx__product_valid(int32_t product);
int btx__indication_valid(int32_t indication);
int btx__substance_valid(int32_t substance);
/* The substance of a valid product (0 otherwise). */
int32_t btx__substance_of(int32_t product);

/* btx_administration::flags: a limb count of 0..BTX_LIMBS_MAX and no other bit, and a
 * count only on a limb-spasticity record (record.h). */
static inline int btx__flags_valid(int32_t flags, int32_t indication)
{
    if (flags == 0)
        return 1;
    if ((flags & ~BTX_LIMBS_MASK) != 0 || BTX_LIMBS_OF(flags) > BTX_LIMBS_MAX)
        return 0;
    return indication == BTX_INDICATION_UPPER_LIMB_SPASTICITY ||
           indication == BTX_INDICATION_LOWER_LIMB_SPASTICITY;
}

/* ---- catalog data (catalog_data.c; read by catalog.c only) ---- */
#define BTX__PRODUCT_MAX 8     /* highest btx_product value */
#define BTX__SUBSTANCE_MAX 7   /* highest btx_substance value */
#define BTX__INDICATION_MAX 17 /* highest btx_indication value */

typedef struct btx__alias_row {
    const char *text;          /* normalised spelling (see catalog_data.c) */
    int32_t value;
} btx__alias_row;

extern const char *const btx__product_names[BTX__PRODUCT_MAX + 1];     /* [0] "unknown" */
extern const int32_t btx__product_substances[BTX__PRODUCT_MAX + 1];
extern const char *const btx__substance_names[BTX__SUBSTANCE_MAX + 1];
extern const char *const btx__indication_names[BTX__INDICATION_MAX + 1];
extern const btx__alias_row btx__product_aliases[];
extern const size_t btx__product_alias_count;
extern const btx__alias_row btx__indication_aliases[];
extern const size_t btx__indication_alias_count;
extern const btx__alias_row btx__icd10_rows[];
extern const size_t btx__icd10_row_count;
/* Nonproprietary names besides btx__substance_names (which catalog.c also accepts). */
extern const btx__alias_row btx__substance_aliases[];
extern const size_t btx__substance_alias_count;

/* ---- protocols (protocol.c, protocol_data.c) ---- */
typedef struct btx__region_row {
    const char *name;
    double units, units_min, units_max;
    double units_per_kg_min, units_per_kg_max;
    int32_t sites, sites_min, sites_max;
    int32_t bilateral;
} btx__region_row;

typedef struct btx__protocol_row {
    int32_t product, indication;
    int32_t population;    /* BTX_ADULT or BTX_PEDIATRIC: which lookup this row answers
                              first; a pediatric lookup falls back to an adult row whose
                              age range admits under-18s */
    int32_t category;
    int32_t age_min_years, age_max_years;
    double dose_units, dose_min_units, dose_max_units;
    double units_per_kg_min, units_per_kg_max;
    double session_cap_units, session_cap_units_per_kg;
    double units_per_site;
    int32_t sites;
    int32_t interval_length, interval_unit, interval_kind;
    int32_t evidence;
    const char *source;
    const btx__region_row *regions;
    int32_t region_count;
    int32_t per_limb;                          /* btx_protocol (1.2) */
    double limb_cap_units, limb_cap_units_per_kg;
    double site_max_units, site_max_ml;
} btx__protocol_row;

extern const btx__protocol_row btx__protocol_rows[];
extern const size_t btx__protocol_row_count;

/* The row a lookup answers with, or NULL; *label_status is set either way (after the
 * caller has checked that the codes are valid). */
const btx__protocol_row *btx__protocol_find(int32_t product, int32_t indication,
                                            int32_t population, int32_t *label_status);

/* ---- records, patient, policy (record.c) ---- */
#define BTX__MAX_SPAN_DAYS 100000   /* longest window, interval or spacing, in days */

typedef struct btx__patient {
    double weight_kg;         /* 0 = unknown */
    btx_date birth_date;      /* BTX_DATE_UNKNOWN = unknown */
    btx_date weight_date;
} btx__patient;

typedef struct btx__policy {
    int32_t window_length, window_unit;   /* 0 = label */
    int32_t min_spacing_days;
    int32_t weight_max_age_days;
    double warn_fraction;
    int32_t history_complete;
} btx__policy;

/* Input checks (validate.c): the library's one validation, in its documented order
 * (validate.h). *field (never NULL here) names the first bad field. */
int btx__check_record(const btx_administration *a, int32_t *field);
int btx__check_proposal(const btx_administration *a, int32_t *field);
int btx__check_patient(const btx_patient *p, int32_t *field);
/* The patient checks, then a date in range (field date) and a birth date not after it
 * (field birth_date), both BTX_ERANGE. */
int btx__check_patient_on(const btx_patient *p, btx_date date, int32_t *field);
int btx__check_policy(const btx_policy *p, int32_t *field);
int btx__check_audit_row(const btx_audit_row *r, int32_t *field);
/* The order of row r after prev (keys ascending, dates ascending within a key). */
int btx__check_audit_order(const btx_audit_row *prev, const btx_audit_row *r, int32_t *field);
int btx__validate_record(const btx_administration *a);
int btx__load_patient(const btx_patient *patient, btx__patient *out);
int btx__load_policy(const btx_policy *policy, btx__policy *out);
/* Validates the proposal (indication 0 is BTX_EINVAL) and rounds its units. */
int btx__load_proposal(const btx_administration *proposed, btx_milli *units);
/* BTX_ADULT or BTX_PEDIATRIC on day d (unknown birth date: adult). */
int32_t btx__population_on(const btx__patient *p, btx_date d);
/* Whether the patient's weight counts on day d under the policy: known, measured on or
 * before d (when its date is known) and, with weight_max_age_days, at most that many
 * days before d. */
int btx__weight_usable(const btx__patient *p, const btx__policy *pol, btx_date d);
/* A length (>= 1) whose span is at most BTX__MAX_SPAN_DAYS. */
int btx__length_valid(int32_t length, int32_t unit);

/* ---- rules (rules_data.c) ---- */
#define BTX__IND_BIT(i) (UINT32_C(1) << (i))
#define BTX__IND_NONE_BIT UINT32_C(1)          /* bit 0: records without an indication */
#define BTX__IND_ALL UINT32_C(0x3FFFF)        /* bits 0..17 */

typedef struct btx__window_rule {
    int32_t id;
    int32_t policy_id;         /* rule id used when a policy replaces the length; 0 = never */
    int32_t substance;
    int32_t indication;        /* 0 = every record of the substance; else only this one */
    int32_t population;        /* 0 = any, BTX_ADULT, BTX_PEDIATRIC (on the dose's date) */
    btx_milli limit;           /* absolute limit */
    btx_milli limit_per_kg;    /* 0 = none; else the limit is the lower of the two */
    int32_t length, unit;
    int32_t evidence;
    const char *name;
    const char *source;
    const char *msg_pass, *msg_fail, *msg_not_checked;
    const char *msg_fail_no_weight;  /* over the absolute part, no usable weight */
} btx__window_rule;

#define BTX__PER_LIMB_BOTH 1 /* cap and cap_per_kg per limb treated */
#define BTX__PER_LIMB_KG 2   /* cap_per_kg per limb treated, cap per session */

typedef struct btx__cap_rule {
    int32_t id;
    int32_t product;           /* applies to proposals of this product */
    int32_t population;        /* 0 = any */
    int32_t visit;             /* 0: session (same indication); 1: visit over `indications` */
    int32_t per_limb;          /* 0, or BTX__PER_LIMB_*: the cap scales with the limbs treated */
    uint32_t indications;      /* proposals and records counted: BTX__IND_BIT(i) */
    btx_milli cap;
    btx_milli cap_per_kg;      /* 0 = none; else the cap is the lower of the two */
    int32_t evidence;
    const char *name;
    const char *source;
    const char *msg_pass, *msg_fail, *msg_not_checked;
    const char *msg_fail_no_weight;  /* over the absolute cap, no usable weight */
    const char *msg_not_checked_limbs; /* per_limb: the limbs not stated, within two limbs' cap */
    const char *msg_fail_limbs;        /* per_limb: the limbs not stated, over two limbs' cap */
} btx__cap_rule;

typedef struct btx__interval_rule {
    int32_t id;
    int32_t product;           /* applies to proposals of this product */
    uint32_t indications;      /* ... for these indications (each checked on its own) */
    int32_t population;        /* 0 = any */
    int32_t length, unit, kind;
    int32_t evidence;
    const char *name;
    const char *source;
    const char *msg_pass, *msg_fail;
} btx__interval_rule;

/* A rule without a limit of its own: policy, protocol, label and notices. Its
 * messages and source are data too (rules_data.c). */
typedef struct btx__other_rule {
    int32_t id;
    int32_t evidence;          /* of its own source; protocol rules take the row's */
    const char *name;
    const char *source;        /* NULL: the protocol row's source */
    const char *msg_pass, *msg_fail;
    const char *msg_fail_alt;  /* the second wording of a failure (pediatric; too old) */
} btx__other_rule;

extern const btx__window_rule btx__window_rules[];
extern const size_t btx__window_rule_count;
extern const btx__cap_rule btx__cap_rules[];
extern const size_t btx__cap_rule_count;
extern const btx__interval_rule btx__interval_rules[];
extern const size_t btx__interval_rule_count;
extern const btx__other_rule btx__other_rules[];
extern const size_t btx__other_rule_count;

/* Capacities of the population audit (audit.c). rules_data.c checks the tables against
 * them at compile time where C allows (counts); tests/check_rules.c walks the tables for
 * the rest (ids, one length for every substance-wide window, indication windows). */
#define BTX__AUDIT_MAX_CAP_RULES 16        /* bits of the audit's per-cell cap set */
#define BTX__AUDIT_MAX_WINDOW_RULES 127    /* window rule indices are int8_t */
#define BTX__AUDIT_MAX_IND_WINDOWS 4       /* indication-limited windows tracked at once */
#define BTX__AUDIT_MAX_INTERVAL_RULES 32767 /* interval rule indices are int16_t */
#define BTX__AUDIT_RULE_ID_MAX 127         /* the short path keeps rule ids as int8_t */
#define BTX__RULES_MAX_CAP_RULES 32        /* bits of btx__rules.caps */

/* ---- rule selection (rules.c): the one place that decides which rules apply ---- */

/* Every rule that applies to a dose of one product and indication for one population
 * (BTX_ADULT or BTX_PEDIATRIC, as on the dose's date). Indication 0 (not recorded):
 * the substance-wide window and the caps that count every indication; no interval,
 * no protocol, no label check. */
typedef struct btx__rules {
    const btx__window_rule *window;      /* the substance-wide window, or NULL */
    const btx__window_rule *ind_window;  /* a window of this indication only, or NULL */
    uint32_t caps;                       /* bit i: btx__cap_rules[i] applies */
    const btx__interval_rule *interval;  /* the label interval, or NULL */
    const btx__protocol_row *protocol;   /* the label's row, or NULL (see label_status) */
    int32_t label_status;                /* BTX_LABEL_*; 0 for indication 0 (not asked) */
} btx__rules;

void btx__rules_for(int32_t product, int32_t indication, int32_t population, btx__rules *out);

/* The table row of a rule without a limit of its own (never NULL for the ids of
 * btx__other_rules; NULL otherwise). */
const btx__other_rule *btx__other_rule_get(int32_t id);

/* A limit with an absolute part and an optional per-kg part (0 = none): the lower of
 * the two when weight_kg > 0 (a usable weight); the absolute part otherwise, with
 * *weight_missing set when the per-kg part could not be applied. */
btx_milli btx__limit_for(btx_milli limit, btx_milli per_kg, double weight_kg, int *weight_missing);
/* A cap rule's cap, as btx__limit_for, for `limbs` limbs treated (per_limb rules only;
 * 0 = not stated: the cap for BTX_LIMBS_MAX limbs). */
btx_milli btx__cap_limit(const btx__cap_rule *r, int32_t limbs, double weight_kg,
                         int *weight_missing);

/* ---- window spans (window.c) ---- */
/* d + length in days, weeks (7 days) or calendar months. */
btx_date btx__add_length(btx_date d, int32_t length, int32_t unit);
/* Smallest S with btx__add_length(S, length, unit) > x: the first start of a window of
 * that length that still contains x. */
btx_date btx__first_start_covering(btx_date x, int32_t length, int32_t unit);

/* The records one window rule counts: a substance, and one indication or all (0).
 * Records with 0 units never change a total and are ignored. */
typedef struct btx__filter {
    int32_t substance;
    int32_t indication;
} btx__filter;

/* Records of a filter near one date, gathered and sorted once per question when they
 * fit in a fixed buffer on the stack; otherwise answered by scanning the history. */
#define BTX__SCAN_CAP 256
typedef struct btx__entry {
    btx_date date;
    int32_t pad;
    btx_milli milli;
} btx__entry;

typedef struct btx__src {
    const btx_administration *history;
    size_t n;
    btx__filter filter;
    int buffered;         /* 1: entries[] holds every counted record in [lo, hi) */
    btx_date lo, hi;
    size_t k;
    btx__entry entries[BTX__SCAN_CAP];
} btx__src;

/* Prepares a source for questions about windows whose dates lie in [lo, hi). */
void btx__src_init(btx__src *src, const btx_administration *history, size_t n,
                   btx__filter filter, btx_date lo, btx_date hi);

/* The worst window of a rule among the windows that contain d. */
typedef struct btx__worst {
    btx_milli total;     /* largest total of any window containing d */
    btx_date start;      /* earliest start of a window with that total */
    btx_date end;        /* its end, exclusive */
    btx_date block_end;  /* largest end of a window containing d whose total exceeds the
                            threshold given; d when there is none */
} btx__worst;

void btx__window_worst(const btx__src *src, btx_date d, int32_t length, int32_t unit,
                       btx_milli threshold, btx__worst *out);
/* [lo, hi) a source needs to answer btx__window_worst for every date in [d0, d1]. */
void btx__window_span(btx_date d0, btx_date d1, int32_t length, int32_t unit, btx_date *lo,
                      btx_date *hi);

/* One window rule as it applies to a dose on one date. */
typedef struct btx__window_check {
    const btx__window_rule *rule;
    int32_t rule_id;      /* the row's id, or its policy id when the policy sets the length */
    int32_t length, unit;
    btx_milli limit;      /* on that date; the absolute part when weight_missing */
    int weight_missing;   /* a weight-based limit without a usable weight */
} btx__window_check;

/* The window rules for a dose of product/indication on day d (at most 2; rules.c). */
size_t btx__window_checks(const btx__patient *patient, const btx__policy *policy,
                          int32_t product, int32_t indication, btx_date d,
                          btx__window_check out[2]);

/* ---- intervals (interval.c) ---- */
/* Latest session date before d and earliest after d (INT32_MIN / INT32_MAX when none)
 * of a substance and indication; indication 0 = visits (any indication). */
void btx__neighbours(const btx_administration *history, size_t n, int32_t substance,
                     int32_t indication, btx_date d, btx_date *prev, btx_date *next);
/* 1 if d passes an interval against prev/next; else 0 and *retry is a date > d before
 * which no date passes (retry may be NULL). */
int btx__interval_test(btx_date prev, btx_date next, btx_date d, int32_t length, int32_t unit,
                       btx_date *retry);

/* ---- packages, vials and billing (package_data.c, billing_data.c, billing.c) ----
 * Dates of the billing tables are written as YYYYMMDD integers (20240401) and compared
 * with a date of service converted the same way. docs/billing.md shows every row. */
#define BTX__PACKAGE_FINISHED 1    /* a finished package of single-dose vials */
#define BTX__PACKAGE_SAMPLE 2      /* a sample: not a finished package for billing */
#define BTX__PACKAGE_BULK 3        /* drug for further processing: never administered */

typedef struct btx__package_row {
    const char *ndc10;   /* 10-digit NDC as labelled, with hyphens; for a row whose
                            package code is not sourced, the product code alone */
    const char *ndc11;   /* 11 digits 5-4-2 without hyphens; NULL when the package code
                            is not sourced (the row then never matches a lookup) */
    int32_t product;     /* btx_product; 0 for bulk substance, which is no product */
    int32_t units;       /* label units in the package; 0 = size not confirmed */
    int32_t kind;        /* BTX__PACKAGE_* */
    int32_t evidence;    /* btx_evidence of the row */
    const char *source;
} btx__package_row;

extern const btx__package_row btx__package_rows[];
extern const size_t btx__package_row_count;

/* Per product: the in-use window after reconstitution and the sources of the vial sizes
 * (indexed by btx_product; [0] unused). */
typedef struct btx__product_vials {
    int32_t in_use_hours;      /* 0 when ready_to_use */
    int32_t ready_to_use;      /* 1: a solution, no reconstitution */
    int32_t in_use_evidence;   /* btx_evidence */
    const char *in_use_source;
    const char *vial_source;   /* the sizes with an NDC, the ones without, the choice rule */
} btx__product_vials;

extern const btx__product_vials btx__product_vial_facts[BTX__PRODUCT_MAX + 1];

/* Per substance: its HCPCS drug code (indexed by btx_substance; [0] unused). */
typedef struct btx__hcpcs_row {
    const char *code;          /* NULL: the substance has no code */
    int32_t unit_units;        /* label units per billing unit */
    int32_t from_ymd;          /* first date of service the code is confirmed in effect */
    const char *source;        /* the code, its descriptor and its dates */
    const char *no_code_source;/* why there is no line: no code at all, or before from_ymd */
} btx__hcpcs_row;

extern const btx__hcpcs_row btx__hcpcs_rows[BTX__SUBSTANCE_MAX + 1];

/* The discarded-drug modifiers: dates and the static sources of each kind of line. */
typedef struct btx__waste_rules {
    int32_t jw_from_ymd;           /* JW required from */
    int32_t jz_optional_from_ymd;  /* JZ available from */
    int32_t jz_required_from_ymd;  /* JZ required from */
    const char *before_jw_source;
    const char *admin_source;            /* administered line, no modifier */
    const char *admin_jz_optional_source;/* administered line with optional JZ */
    const char *admin_jz_required_source;/* administered line with required JZ */
    const char *jw_source;               /* discarded line */
    const char *cosmetic_source;         /* no drug line: cosmetic */
} btx__waste_rules;

extern const btx__waste_rules btx__waste;

#define BTX__SETTING_MAX 7     /* highest btx_setting value */

typedef struct btx__setting_row {
    const char *name;          /* stable key */
    int32_t waste_modifiers;   /* JW/JZ apply: 1; 0 = BTX_WASTE_NOT_IN_SETTING */
    const char *source;
} btx__setting_row;

extern const btx__setting_row btx__setting_rows[BTX__SETTING_MAX + 1]; /* [0] "unknown" */
extern const btx__alias_row btx__setting_aliases[];                      /* folded spellings */
extern const size_t btx__setting_alias_count;

/* Per indication: the advisory CPT administration codes (indexed by btx_indication). */
typedef struct btx__cpt_row {
    const char *codes[BTX_CPT_MAX];  /* NULL-terminated when fewer */
    const char *source;              /* NULL when there are no codes */
} btx__cpt_row;

extern const btx__cpt_row btx__cpt_rows[BTX__INDICATION_MAX + 1];

/* The vial plan and the lines of billing.c, for the white-box tests. */
typedef struct btx__plan {
    int32_t sizes;
    int32_t units[BTX_VIAL_SIZES_MAX];   /* descending */
    int32_t counts[BTX_VIAL_SIZES_MAX];
    int32_t vials;
    btx_milli opened;
} btx__plan;

/* The orderable sizes of a valid product, descending; returns how many. */
int32_t btx__vial_sizes(int32_t product, int32_t units[BTX_VIAL_SIZES_MAX]);
/* Fewest discarded units, then fewest vials, then most of the largest size; dose > 0. */
void btx__plan_vials(int32_t product, btx_milli dose, btx__plan *out);
/* The drug lines of a dose with a code of unit_milli per billing unit: *count lines (1
 * or 2) and the waste-modifier answer, for a date given as YYYYMMDD. */
int32_t btx__bill_lines(const char *code, btx_milli unit_milli, btx_milli dose,
                        btx_milli opened, int32_t ymd, int32_t waste_modifiers_apply,
                        btx_bill_line lines[BTX_BILL_LINES_MAX], int32_t *count);

#endif /* BTXDOSE_INTERNAL_H */
