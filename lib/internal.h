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
} btx__protocol_row;

extern const btx__protocol_row btx__protocol_rows[];
extern const size_t btx__protocol_row_count;

/* The row a lookup answers with, or NULL; *label_status is set either way (after the
 * caller has checked that the codes are valid). */
const btx__protocol_row *btx__protocol_find(int32_t product, int32_t indication,
                                            int32_t population, int32_t *label_status);

#endif /* BTXDOSE_INTERNAL_H */
