/* SPDX-License-Identifier: Apache-2.0 */
/* Protocol lookup, regions and reconstitution arithmetic. Data in protocol_data.c.
 *
 * Output structs are written field by field from a local copy: struct_size stays the
 * caller's, and bytes past the 1.0 layout (a newer caller's fields) are never touched. */
#include <math.h>
#include <string.h>

#include "internal.h"

/* Reconstitution inputs beyond these are typing errors, not vials. */
#define BTX__MAX_VIAL_UNITS 100000.0
#define BTX__MAX_DILUENT_ML 1000.0
#define BTX__MAX_DOSE_UNITS 100000.0

static const btx__protocol_row *find_row(int32_t product, int32_t indication,
                                         int32_t population)
{
    for (size_t i = 0; i < btx__protocol_row_count; i++) {
        const btx__protocol_row *r = &btx__protocol_rows[i];
        if (r->product == product && r->indication == indication && r->population == population)
            return r;
    }
    return NULL;
}

const btx__protocol_row *btx__protocol_find(int32_t product, int32_t indication,
                                            int32_t population, int32_t *label_status)
{
    const btx__protocol_row *r = find_row(product, indication, population);
    if (r == NULL && population == BTX_PEDIATRIC) {
        /* No pediatric dosing: an adult row whose age range admits under-18s
         * (blepharospasm, strabismus: 12 and over). */
        r = find_row(product, indication, BTX_ADULT);
        if (r != NULL && r->age_min_years >= 18)
            r = NULL;
    }
    if (r != NULL)
        *label_status = BTX_LABEL_APPROVED;
    else if (btx__substance_of(product) == BTX_SUBSTANCE_ONABOTULINUMTOXINA &&
             indication == BTX_INDICATION_EPISODIC_MIGRAINE)
        *label_status = BTX_LABEL_NOT_ESTABLISHED; /* BOTOX PI 1, limitation of use */
    else
        *label_status = BTX_LABEL_NOT_LABELLED;
    return r;
}

static int population_valid(int32_t population)
{
    return population == BTX_ADULT || population == BTX_PEDIATRIC;
}

/* The 1.0 (and 1.1) layout ends with `source`; 1.2 appended the limb and site fields. */
#define PROTOCOL_SIZE_1_0 (offsetof(btx_protocol, source) + sizeof(const char *))

/* Copies everything after struct_size that fits the caller's struct, which was checked
 * to hold 1.0; bytes past it are never touched. */
static void write_protocol(btx_protocol *out, const btx_protocol *p)
{
    const size_t size = out->struct_size < sizeof *p ? out->struct_size : sizeof *p;
    memcpy((char *)out + sizeof out->struct_size, (const char *)p + sizeof p->struct_size,
           size - sizeof p->struct_size);
}

static void write_region(btx_region *out, const btx_region *r)
{
    memcpy((char *)out + sizeof out->struct_size, (const char *)r + sizeof r->struct_size,
           sizeof *r - sizeof r->struct_size);
}

int btx_protocol_lookup(int32_t product, int32_t indication, int32_t population,
                        btx_protocol *out)
{
    if (out == NULL)
        return BTX_EINVAL;
    if (out->struct_size < PROTOCOL_SIZE_1_0)
        return BTX_EVERSION;
    if (!btx__product_valid(product) || !btx__indication_valid(indication) ||
        !population_valid(population))
        return BTX_EINVAL;

    btx_protocol p;
    memset(&p, 0, sizeof p);
    p.product = product;
    p.indication = indication;
    p.population = population;
    const btx__protocol_row *r = btx__protocol_find(product, indication, population,
                                                    &p.label_status);
    if (r == NULL) {
        write_protocol(out, &p);
        return BTX_ENOTFOUND;
    }
    p.category = r->category;
    p.age_min_years = r->age_min_years;
    p.dose_units = r->dose_units;
    p.dose_min_units = r->dose_min_units;
    p.dose_max_units = r->dose_max_units;
    p.units_per_kg_min = r->units_per_kg_min;
    p.units_per_kg_max = r->units_per_kg_max;
    p.session_cap_units = r->session_cap_units;
    p.session_cap_units_per_kg = r->session_cap_units_per_kg;
    p.units_per_site = r->units_per_site;
    p.sites = r->sites;
    p.regions = r->region_count;
    p.interval_length = r->interval_length;
    p.interval_unit = r->interval_unit;
    p.interval_kind = r->interval_kind;
    p.evidence = r->evidence;
    p.age_max_years = r->age_max_years;
    p.reserved = 0;
    p.source = r->source;
    p.per_limb = r->per_limb;
    p.limb_cap_units = r->limb_cap_units;
    p.limb_cap_units_per_kg = r->limb_cap_units_per_kg;
    p.site_max_units = r->site_max_units;
    p.site_max_ml = r->site_max_ml;
    write_protocol(out, &p);
    return BTX_OK;
}

int btx_protocol_region(int32_t product, int32_t indication, int32_t population,
                        int32_t index, btx_region *out)
{
    if (out == NULL)
        return BTX_EINVAL;
    if (out->struct_size < sizeof(btx_region))
        return BTX_EVERSION;
    if (!btx__product_valid(product) || !btx__indication_valid(indication) ||
        !population_valid(population))
        return BTX_EINVAL;
    int32_t status;
    const btx__protocol_row *r = btx__protocol_find(product, indication, population, &status);
    if (r == NULL || index < 0 || index >= r->region_count)
        return BTX_ENOTFOUND;
    const btx__region_row *g = &r->regions[index];
    btx_region reg;
    memset(&reg, 0, sizeof reg);
    reg.name = g->name;
    reg.units = g->units;
    reg.units_min = g->units_min;
    reg.units_max = g->units_max;
    reg.units_per_kg_min = g->units_per_kg_min;
    reg.units_per_kg_max = g->units_per_kg_max;
    reg.sites = g->sites;
    reg.sites_min = g->sites_min;
    reg.sites_max = g->sites_max;
    reg.bilateral = g->bilateral;
    write_region(out, &reg);
    return BTX_OK;
}

const char *btx_label_status_name(int32_t status)
{
    switch (status) {
    case BTX_LABEL_APPROVED: return "approved";
    case BTX_LABEL_NOT_ESTABLISHED: return "not_established";
    case BTX_LABEL_NOT_LABELLED: return "not_labelled";
    default: return "unknown";
    }
}

size_t btx_sizeof_protocol(void)
{
    return sizeof(btx_protocol);
}

size_t btx_sizeof_region(void)
{
    return sizeof(btx_region);
}

/* Above 0 and at most max (NaN fails every comparison). */
static int positive_within(double x, double max)
{
    return x > 0.0 && x <= max;
}

/* Label dilution tables print exactly with %g: 100 U / 8 mL is 1.25, not 1.2500000000000002.
 * Rounding to 1e-9 removes binary noise; beyond 1e6 a double has no digits at 1e-9 left. */
static double tidy(double x)
{
    if (fabs(x) < 1e6)
        return round(x * 1e9) / 1e9;
    return x;
}

int btx_reconstitute(double vial_units, double diluent_ml, double *units_per_0_1ml)
{
    if (units_per_0_1ml == NULL)
        return BTX_EINVAL;
    if (!positive_within(vial_units, BTX__MAX_VIAL_UNITS) ||
        !positive_within(diluent_ml, BTX__MAX_DILUENT_ML))
        return BTX_ERANGE;
    double c = vial_units / (diluent_ml * 10.0);
    if (!isfinite(c))
        return BTX_ERANGE;
    *units_per_0_1ml = tidy(c);
    return BTX_OK;
}

int btx_dose_volume(double units, double vial_units, double diluent_ml, double *ml)
{
    if (ml == NULL)
        return BTX_EINVAL;
    if (!(units >= 0.0 && units <= BTX__MAX_DOSE_UNITS) ||
        !positive_within(vial_units, BTX__MAX_VIAL_UNITS) ||
        !positive_within(diluent_ml, BTX__MAX_DILUENT_ML))
        return BTX_ERANGE;
    double v = units * diluent_ml / vial_units;
    if (!isfinite(v))
        return BTX_ERANGE;
    *ml = tidy(v) + 0.0; /* + 0.0: never -0 */
    return BTX_OK;
}
