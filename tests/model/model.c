/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Brute-force reference model (see model.h). Written from design.md sections 3-5,
 * notes/decisions.md and clinical/label-facts.md Part A only; nothing here is read back
 * from the library except btx_protocol_lookup (a table lookup tested elsewhere) for the
 * ABOVE_PROTOCOL and label-status findings.
 */
#include "model/model.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ dates */

static int model_leap(int32_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int32_t model_month_days(int32_t y, int32_t m)
{
    static const int32_t t[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return (m == 2 && model_leap(y)) ? 29 : t[m - 1];
}

/* Days since 1970-01-01, counted year by year and month by month (slow but plain). */
int32_t model_days_from_civil(int32_t y, int32_t m, int32_t d)
{
    int32_t days = 0;
    if (y >= 1970) {
        for (int32_t yy = 1970; yy < y; yy++)
            days += model_leap(yy) ? 366 : 365;
    } else {
        for (int32_t yy = y; yy < 1970; yy++)
            days -= model_leap(yy) ? 366 : 365;
    }
    for (int32_t mm = 1; mm < m; mm++)
        days += model_month_days(y, mm);
    return days + d - 1;
}

void model_civil_from_days(int32_t z, int32_t *y, int32_t *m, int32_t *d)
{
    int32_t yy = 1970;
    int32_t rest = z;
    while (rest < 0) {
        yy--;
        rest += model_leap(yy) ? 366 : 365;
    }
    while (rest >= (model_leap(yy) ? 366 : 365)) {
        rest -= model_leap(yy) ? 366 : 365;
        yy++;
    }
    int32_t mm = 1;
    while (rest >= model_month_days(yy, mm)) {
        rest -= model_month_days(yy, mm);
        mm++;
    }
    *y = yy;
    *m = mm;
    *d = rest + 1;
}

btx_date model_add_months(btx_date date, int32_t n)
{
    int32_t y, m, d;
    model_civil_from_days(date, &y, &m, &d);
    int32_t idx = y * 12 + (m - 1) + n;
    int32_t ny = idx >= 0 ? idx / 12 : -((-idx + 11) / 12);
    int32_t nm = idx - ny * 12 + 1;
    int32_t md = model_month_days(ny, nm);
    return model_days_from_civil(ny, nm, d < md ? d : md);
}

btx_date model_window_end(btx_date start, int32_t length, int32_t unit)
{
    switch (unit) {
    case BTX_DAYS:
        return start + length;
    case BTX_WEEKS:
        return start + 7 * length;
    default:
        return model_add_months(start, length);
    }
}

/* A generous upper bound, in days, of a window or interval length. */
static int32_t model_span_days(int32_t length, int32_t unit)
{
    switch (unit) {
    case BTX_DAYS:
        return length;
    case BTX_WEEKS:
        return 7 * length;
    default:
        return 31 * length + 1;
    }
}

/* ------------------------------------------------------------------ units */

int64_t model_milli(double units)
{
    double v = units * 1000.0;
    double f = floor(v);
    double tol = 8.0 * DBL_EPSILON * (v > 1.0 ? v : 1.0);
    if (v - f + tol >= 0.5)
        f += 1.0;
    return (int64_t)f;
}

double model_units(int64_t milli) { return (double)milli / 1000.0; }

int64_t model_per_kg(int64_t per_kg_milli, double weight_kg)
{
    double v = (double)per_kg_milli * weight_kg;
    double f = floor(v);
    double tol = 8.0 * DBL_EPSILON * (v > 1.0 ? v : 1.0);
    if (v - f + tol >= 1.0)
        f += 1.0;
    return (int64_t)f;
}

int32_t model_substance(int32_t product)
{
    switch (product) {
    case BTX_PRODUCT_BOTOX:
    case BTX_PRODUCT_BOTOX_COSMETIC:
        return BTX_SUBSTANCE_ONABOTULINUMTOXINA;
    case BTX_PRODUCT_DYSPORT:
        return BTX_SUBSTANCE_ABOBOTULINUMTOXINA;
    case BTX_PRODUCT_XEOMIN:
        return BTX_SUBSTANCE_INCOBOTULINUMTOXINA;
    case BTX_PRODUCT_JEUVEAU:
        return BTX_SUBSTANCE_PRABOTULINUMTOXINA;
    case BTX_PRODUCT_DAXXIFY:
        return BTX_SUBSTANCE_DAXIBOTULINUMTOXINA;
    case BTX_PRODUCT_LETYBO:
        return BTX_SUBSTANCE_LETIBOTULINUMTOXINA;
    case BTX_PRODUCT_MYOBLOC:
        return BTX_SUBSTANCE_RIMABOTULINUMTOXINB;
    default:
        return 0;
    }
}

/* ------------------------------------------------------------------ patient */

btx_date model_birthday(btx_date birth, int32_t years) { return model_add_months(birth, 12 * years); }

int32_t model_age(btx_date birth, btx_date d)
{
    int32_t by, bm, bd, y, m, dd;
    model_civil_from_days(birth, &by, &bm, &bd);
    model_civil_from_days(d, &y, &m, &dd);
    int32_t a = y - by + 1;
    while (model_birthday(birth, a) > d)
        a--;
    return a;
}

int model_population(const btx_patient *patient, btx_date d)
{
    if (patient == NULL || patient->birth_date == BTX_DATE_UNKNOWN)
        return BTX_ADULT;
    return d < model_birthday(patient->birth_date, 18) ? BTX_PEDIATRIC : BTX_ADULT;
}

int model_weight_usable(const btx_patient *patient, const btx_policy *policy, btx_date d)
{
    if (patient == NULL || !(patient->weight_kg > 0.0))
        return 0;
    /* Since 1.2 a weight measured after d is not used for d. */
    if (patient->weight_date != BTX_DATE_UNKNOWN && patient->weight_date > d)
        return 0;
    int32_t max_age = policy != NULL ? policy->weight_max_age_days : 0;
    if (max_age == 0)
        return 1;
    if (patient->weight_date == BTX_DATE_UNKNOWN)
        return 0;
    int64_t diff = (int64_t)d - (int64_t)patient->weight_date;
    return diff <= max_age;
}

int model_patient_on(const btx_patient *patient, btx_date d)
{
    /* Since 1.2: born after the date checked is a range error. */
    if (patient != NULL && patient->birth_date != BTX_DATE_UNKNOWN && patient->birth_date > d)
        return BTX_ERANGE;
    return BTX_OK;
}

/* ------------------------------------------------------------------ windows */

int64_t model_window_total(const btx_administration *h, size_t n, int32_t substance,
                           btx_date start, int32_t length, int32_t unit)
{
    btx_date end = model_window_end(start, length, unit);
    int64_t total = 0;
    for (size_t i = 0; i < n; i++)
        if (model_substance(h[i].product) == substance && h[i].date >= start && h[i].date < end)
            total += model_milli(h[i].units);
    return total;
}

model_worst model_worst_window(const btx_administration *h, size_t n, int32_t substance,
                               int32_t only_indication, btx_date date, int32_t length,
                               int32_t unit)
{
    model_worst w = {-1, BTX_DATE_UNKNOWN, BTX_DATE_UNKNOWN};
    for (btx_date s = date - model_span_days(length, unit) - 1; s <= date; s++) {
        btx_date end = model_window_end(s, length, unit);
        if (end <= date)
            continue; /* does not contain date */
        int64_t total = 0;
        for (size_t i = 0; i < n; i++) {
            if (model_substance(h[i].product) != substance)
                continue;
            if (only_indication != 0 && h[i].indication != only_indication)
                continue;
            if (h[i].date >= s && h[i].date < end)
                total += model_milli(h[i].units);
        }
        if (total > w.total) {
            w.total = total;
            w.start = s;
            w.end = end - 1;
        }
    }
    return w;
}

static void model_policy_window(const btx_policy *policy, int32_t *length, int32_t *unit)
{
    if (policy != NULL && policy->window_length > 0) {
        *length = policy->window_length;
        *unit = policy->window_unit;
    } else {
        *length = 3;
        *unit = BTX_MONTHS;
    }
}

#define MODEL_ADULT_LIMIT 400000
#define MODEL_PED_LIMIT 340000
#define MODEL_PED_PER_KG 10000
#define MODEL_BLEPH_LIMIT 200000

/* Substance window limit on d; *usable = 0 for a child without a usable weight (limit is
 * then the absolute 340 U). */
static int64_t model_sub_limit(const btx_patient *patient, const btx_policy *policy, btx_date d,
                               int *pediatric, int *usable)
{
    *pediatric = model_population(patient, d) == BTX_PEDIATRIC;
    *usable = 1;
    if (!*pediatric)
        return MODEL_ADULT_LIMIT;
    if (!model_weight_usable(patient, policy, d)) {
        *usable = 0;
        return MODEL_PED_LIMIT;
    }
    int64_t w = model_per_kg(MODEL_PED_PER_KG, patient->weight_kg);
    return w < MODEL_PED_LIMIT ? w : MODEL_PED_LIMIT;
}

int model_headroom(const btx_patient *patient, const btx_policy *policy,
                   const btx_administration *h, size_t n, int32_t product, int32_t indication,
                   btx_date date, int64_t *milli, int *infinite)
{
    *milli = 0;
    *infinite = 0;
    if (model_patient_on(patient, date) != BTX_OK)
        return BTX_ERANGE;
    if (model_substance(product) != BTX_SUBSTANCE_ONABOTULINUMTOXINA) {
        *infinite = 1;
        return BTX_OK;
    }
    int ped, usable;
    int64_t limit = model_sub_limit(patient, policy, date, &ped, &usable);
    if (!usable)
        return BTX_EWEIGHT;
    int32_t len, unit;
    model_policy_window(policy, &len, &unit);
    model_worst w = model_worst_window(h, n, BTX_SUBSTANCE_ONABOTULINUMTOXINA, 0, date, len, unit);
    int64_t room = limit - w.total;
    if (room < 0)
        room = 0;
    if (indication == BTX_INDICATION_BLEPHAROSPASM) {
        model_worst b = model_worst_window(h, n, BTX_SUBSTANCE_ONABOTULINUMTOXINA,
                                           BTX_INDICATION_BLEPHAROSPASM, date, 30, BTX_DAYS);
        int64_t r2 = MODEL_BLEPH_LIMIT - b.total;
        if (r2 < 0)
            r2 = 0;
        if (r2 < room)
            room = r2;
    }
    *milli = room;
    return BTX_OK;
}

/* ------------------------------------------------------------------ rule tables */

/* label-facts.md Part A, "Re-treatment intervals". Rules without a population in their
 * row apply to both populations. */
static const model_interval_rule model_intervals[] = {
    {60, BTX_PRODUCT_BOTOX, {1, 0}, 0, 12, BTX_WEEKS, BTX_INTERVAL_SCHEDULE, 2},
    {61, BTX_PRODUCT_BOTOX, {2, 0}, 0, 12, BTX_WEEKS, BTX_INTERVAL_MINIMUM, 1},
    {62, BTX_PRODUCT_BOTOX, {3, 0}, BTX_ADULT, 12, BTX_WEEKS, BTX_INTERVAL_MINIMUM, 1},
    {63, BTX_PRODUCT_BOTOX, {4, 0}, BTX_PEDIATRIC, 12, BTX_WEEKS, BTX_INTERVAL_MINIMUM, 1},
    {64, BTX_PRODUCT_BOTOX, {4, 0}, BTX_ADULT, 12, BTX_WEEKS, BTX_INTERVAL_MINIMUM, 2},
    {65, BTX_PRODUCT_BOTOX, {8, 0}, 0, 3, BTX_MONTHS, BTX_INTERVAL_SCHEDULE, 1},
    {66, BTX_PRODUCT_BOTOX_COSMETIC, {10, 11, 12, 13}, 0, 90, BTX_DAYS, BTX_INTERVAL_MINIMUM, 1},
    {67, BTX_PRODUCT_DYSPORT, {4, 5, 0}, BTX_ADULT, 12, BTX_WEEKS, BTX_INTERVAL_MINIMUM, 1},
    {68, BTX_PRODUCT_DYSPORT, {5, 0}, BTX_PEDIATRIC, 12, BTX_WEEKS, BTX_INTERVAL_MINIMUM, 1},
    {69, BTX_PRODUCT_DYSPORT, {4, 0}, BTX_PEDIATRIC, 16, BTX_WEEKS, BTX_INTERVAL_MINIMUM, 1},
    {70, BTX_PRODUCT_DYSPORT, {6, 0}, 0, 12, BTX_WEEKS, BTX_INTERVAL_MINIMUM, 1},
    {71, BTX_PRODUCT_DYSPORT, {10, 0}, 0, 3, BTX_MONTHS, BTX_INTERVAL_MINIMUM, 2},
    {72, BTX_PRODUCT_XEOMIN, {4, 0}, BTX_ADULT, 12, BTX_WEEKS, BTX_INTERVAL_MINIMUM, 1},
    {73, BTX_PRODUCT_XEOMIN, {14, 0}, BTX_PEDIATRIC, 16, BTX_WEEKS, BTX_INTERVAL_MINIMUM, 1},
    {74, BTX_PRODUCT_XEOMIN, {14, 0}, BTX_ADULT, 16, BTX_WEEKS, BTX_INTERVAL_MINIMUM, 2},
    {75, BTX_PRODUCT_XEOMIN, {10, 11, 12, 0}, 0, 3, BTX_MONTHS, BTX_INTERVAL_MINIMUM, 1},
    {76, BTX_PRODUCT_JEUVEAU, {10, 0}, 0, 3, BTX_MONTHS, BTX_INTERVAL_MINIMUM, 1},
    {77, BTX_PRODUCT_LETYBO, {10, 0}, 0, 3, BTX_MONTHS, BTX_INTERVAL_MINIMUM, 2},
    {78, BTX_PRODUCT_DAXXIFY, {10, 0}, 0, 3, BTX_MONTHS, BTX_INTERVAL_SCHEDULE, 2},
    {79, BTX_PRODUCT_MYOBLOC, {6, 0}, 0, 12, BTX_WEEKS, BTX_INTERVAL_MINIMUM, 2},
    {80, BTX_PRODUCT_MYOBLOC, {14, 0}, 0, 3, BTX_MONTHS, BTX_INTERVAL_MINIMUM, 1},
};

/* label-facts.md Part A, "Session caps" and "Visit caps", in rule-id order. */
static const model_cap_rule model_caps[] = {
    {20, BTX_PRODUCT_BOTOX, 0, {4, 0}, 0, BTX_PEDIATRIC, 200000, 6000, 1, 0},
    {21, BTX_PRODUCT_BOTOX, 0, {3, 0}, 0, BTX_PEDIATRIC, 200000, 6000, 1, 0},
    {22, BTX_PRODUCT_BOTOX_COSMETIC, 0, {10, 0}, 0, 0, 20000, 0, 1, 0},
    {23, BTX_PRODUCT_BOTOX_COSMETIC, 0, {11, 0}, 0, 0, 24000, 0, 1, 0},
    {24, BTX_PRODUCT_BOTOX_COSMETIC, 0, {12, 0}, 0, 0, 20000, 0, 1, 0},
    {25, BTX_PRODUCT_BOTOX_COSMETIC, 0, {13, 0}, 0, 0, 36000, 0, 1, 0},
    /* per limb: Dysport pediatric upper limb 16 U/kg or 640 U per limb, lower limb 15 U/kg
     * per leg or 1000 U, Xeomin pediatric upper limb 8 U/kg or 200 U per limb */
    {26, BTX_PRODUCT_DYSPORT, 0, {4, 0}, 0, BTX_PEDIATRIC, 640000, 16000, 1, 1},
    {27, BTX_PRODUCT_DYSPORT, 0, {5, 0}, 0, BTX_PEDIATRIC, 1000000, 15000, 1, 2},
    {28, BTX_PRODUCT_XEOMIN, 0, {4, 0}, 0, BTX_PEDIATRIC, 200000, 8000, 1, 1},
    {40, BTX_PRODUCT_BOTOX_COSMETIC, 1, {10, 11, 12, 0}, 0, 0, 64000, 0, 1, 0},
    {41, BTX_PRODUCT_XEOMIN, 1, {0}, 1, 0, 400000, 0, 1, 0},
    {42, BTX_PRODUCT_XEOMIN, 1, {10, 11, 12, 0}, 0, 0, 64000, 0, 1, 0},
    {43, BTX_PRODUCT_DYSPORT, 1, {4, 5, 0}, 0, BTX_ADULT, 1500000, 0, 1, 0},
    {44, BTX_PRODUCT_DYSPORT, 1, {4, 5, 0}, 0, BTX_PEDIATRIC, 1000000, 30000, 1, 0},
};

static int model_in_list(const int32_t *list, size_t cap, int32_t v)
{
    for (size_t i = 0; i < cap && list[i] != 0; i++)
        if (list[i] == v)
            return 1;
    return 0;
}

const model_interval_rule *model_interval_rule_for(int32_t product, int32_t indication,
                                                   int32_t population)
{
    for (size_t i = 0; i < sizeof model_intervals / sizeof model_intervals[0]; i++) {
        const model_interval_rule *r = &model_intervals[i];
        if (r->product == product && model_in_list(r->indications, 4, indication) &&
            (r->population == 0 || r->population == population))
            return r;
    }
    return NULL;
}

static int model_cap_matches(const model_cap_rule *c, int32_t product, int32_t indication,
                             int32_t population)
{
    if (c->product != product)
        return 0;
    if (c->population != 0 && c->population != population)
        return 0;
    return c->all_indications || model_in_list(c->indications, 4, indication);
}

/* Units already in the cap's session/visit on day d. */
static int64_t model_cap_total(const model_cap_rule *c, const btx_administration *h, size_t n,
                               int32_t substance, int32_t indication, btx_date d)
{
    int64_t t = 0;
    for (size_t i = 0; i < n; i++) {
        if (h[i].date != d || model_substance(h[i].product) != substance)
            continue;
        int counts;
        if (!c->visit)
            counts = h[i].indication == indication;
        else if (c->all_indications)
            counts = 1;
        else
            counts = model_in_list(c->indications, 4, h[i].indication);
        if (counts)
            t += model_milli(h[i].units);
    }
    return t;
}

/* The limbs a per-limb cap sees on day d: the proposal's and those of the session's
 * records, at most 2; 0 when any of them is 0 (not stated). */
static int32_t model_cap_limbs(const btx_administration *h, size_t n, int32_t substance,
                               int32_t indication, btx_date d, int32_t proposal_limbs)
{
    int any_unknown = proposal_limbs == 0;
    int32_t sum = proposal_limbs;
    for (size_t i = 0; i < n; i++) {
        if (h[i].date != d || model_substance(h[i].product) != substance ||
            h[i].indication != indication)
            continue;
        const int32_t l = h[i].flags & 3;
        if (l == 0)
            any_unknown = 1;
        sum += l;
    }
    if (any_unknown)
        return 0;
    return sum > 2 ? 2 : sum;
}

/* A cap's limit on day d in milli-units; *usable 0 when its weight part could not be
 * applied (then the absolute part). */
static int64_t model_cap_limit(const model_cap_rule *c, const btx_patient *patient,
                               const btx_policy *policy, btx_date d, int32_t limbs, int *usable)
{
    const int64_t times = c->per_limb == 0 ? 1 : limbs == 0 ? 2 : limbs;
    int64_t limit = c->per_limb == 1 ? c->cap_milli * times : c->cap_milli;
    *usable = 1;
    if (c->per_kg_milli > 0) {
        *usable = model_weight_usable(patient, policy, d);
        if (*usable) {
            int64_t w = model_per_kg(c->per_kg_milli * times, patient->weight_kg);
            if (w < limit)
                limit = w;
        }
    }
    return limit;
}

/* ------------------------------------------------------------------ intervals */

static int model_gap_pass(const btx_administration *h, size_t n, int32_t substance,
                          int32_t indication, int any_indication, btx_date date, int32_t length,
                          int32_t unit)
{
    int has_p = 0, has_n = 0;
    btx_date p = 0, nx = 0;
    for (size_t i = 0; i < n; i++) {
        if (model_substance(h[i].product) != substance)
            continue;
        if (!any_indication && (indication == 0 || h[i].indication != indication))
            continue;
        if (h[i].date < date && (!has_p || h[i].date > p)) {
            p = h[i].date;
            has_p = 1;
        }
        if (h[i].date > date && (!has_n || h[i].date < nx)) {
            nx = h[i].date;
            has_n = 1;
        }
    }
    if (has_p && model_window_end(p, length, unit) > date)
        return 0;
    if (has_n && model_window_end(date, length, unit) > nx)
        return 0;
    return 1;
}

int model_interval_pass(const btx_administration *h, size_t n, int32_t substance,
                        int32_t indication, btx_date date, int32_t length, int32_t unit)
{
    return model_gap_pass(h, n, substance, indication, 0, date, length, unit);
}

int model_spacing_pass(const btx_administration *h, size_t n, int32_t substance, btx_date date,
                       int32_t days)
{
    return model_gap_pass(h, n, substance, 0, 1, date, days, BTX_DAYS);
}

/* ------------------------------------------------------------------ earliest date */

/* A date from which on every date-dependent answer stays the same: past every record by
 * more than any window/interval/spacing length, past the 18th birthday, past the last
 * day a weight can count. Scanning up to it (inclusive) is the same as scanning to
 * 2199-12-31. */
static btx_date model_quiet_date(const btx_patient *patient, const btx_policy *policy,
                                 const btx_administration *h, size_t n, btx_date d)
{
    btx_date last = d;
    for (size_t i = 0; i < n; i++)
        if (h[i].date > last)
            last = h[i].date;
    int32_t len, unit;
    model_policy_window(policy, &len, &unit);
    int32_t span = model_span_days(len, unit);
    if (span < 130)
        span = 130; /* 30-day window, 16 weeks, 3 months */
    if (policy != NULL && policy->min_spacing_days > span)
        span = policy->min_spacing_days;
    btx_date q = last + span + 2;
    if (patient != NULL && patient->birth_date != BTX_DATE_UNKNOWN) {
        btx_date b18 = model_birthday(patient->birth_date, 18);
        if (b18 + 1 > q)
            q = b18 + 1;
    }
    if (patient != NULL && patient->weight_date != BTX_DATE_UNKNOWN) {
        /* The weight counts from the day it was measured ... */
        if (patient->weight_date + 1 > q)
            q = patient->weight_date + 1;
        /* ... for weight_max_age_days. */
        if (policy != NULL && policy->weight_max_age_days > 0) {
            btx_date wl = patient->weight_date + policy->weight_max_age_days + 1;
            if (wl > q)
                q = wl;
        }
    }
    return q < BTX_DATE_MAX ? q : BTX_DATE_MAX;
}

/* 1 when the substance window rule passes on e (*need_weight = 1 when it can only be
 * decided with a weight and the absolute part passes). */
static int model_sub_window_pass(const btx_patient *patient, const btx_policy *policy,
                                 const btx_administration *h, size_t n, btx_date e, int64_t u,
                                 int *need_weight)
{
    int ped, usable;
    int64_t limit = model_sub_limit(patient, policy, e, &ped, &usable);
    int32_t len, unit;
    model_policy_window(policy, &len, &unit);
    model_worst w = model_worst_window(h, n, BTX_SUBSTANCE_ONABOTULINUMTOXINA, 0, e, len, unit);
    *need_weight = 0;
    if (w.total + u > limit)
        return 0;
    if (!usable)
        *need_weight = 1;
    return 1;
}

static int model_bleph_pass(const btx_administration *h, size_t n, btx_date e, int64_t u)
{
    model_worst b = model_worst_window(h, n, BTX_SUBSTANCE_ONABOTULINUMTOXINA,
                                       BTX_INDICATION_BLEPHAROSPASM, e, 30, BTX_DAYS);
    return b.total + u <= MODEL_BLEPH_LIMIT;
}

int model_earliest_date(const btx_patient *patient, const btx_policy *policy,
                        const btx_administration *h, size_t n,
                        const btx_administration *proposed, btx_date *out)
{
    if (model_patient_on(patient, proposed->date) != BTX_OK)
        return BTX_ERANGE;
    int32_t sub = model_substance(proposed->product);
    int64_t u = model_milli(proposed->units);
    int ona = sub == BTX_SUBSTANCE_ONABOTULINUMTOXINA;
    int bleph = ona && proposed->indication == BTX_INDICATION_BLEPHAROSPASM;
    int32_t spacing = policy != NULL ? policy->min_spacing_days : 0;
    btx_date q = model_quiet_date(patient, policy, h, n, proposed->date);
    for (btx_date e = proposed->date; e <= q; e++) {
        int need_weight = 0;
        if (ona && !model_sub_window_pass(patient, policy, h, n, e, u, &need_weight))
            continue;
        if (bleph && !model_bleph_pass(h, n, e, u))
            continue;
        const model_interval_rule *r = model_interval_rule_for(
            proposed->product, proposed->indication, model_population(patient, e));
        if (r != NULL &&
            !model_interval_pass(h, n, sub, proposed->indication, e, r->length, r->unit))
            continue;
        if (spacing > 0 && !model_spacing_pass(h, n, sub, e, spacing))
            continue;
        *out = e;
        return need_weight ? BTX_EWEIGHT : BTX_OK;
    }
    return BTX_ENEVER;
}

/* ------------------------------------------------------------------ evaluate */

/* proposed_units is the proposal's units in every finding (record.h: "The proposal's
 * units"), also in label findings and notices, whose other numbers are 0. */
static model_finding model_blank(int32_t code, int32_t rule, int64_t proposed)
{
    model_finding f;
    memset(&f, 0, sizeof f);
    f.code = code;
    f.rule = rule;
    f.proposed = proposed;
    f.window_start = BTX_DATE_UNKNOWN;
    f.window_end = BTX_DATE_UNKNOWN;
    f.earliest_date = BTX_DATE_UNKNOWN;
    f.check_evidence = 1;
    return f;
}

/* warn_fraction test in milli-units: total+u >= fraction * limit, with a tolerance of a
 * millionth of a milli-unit for the product's rounding. */
static int model_warn(const btx_policy *policy, int64_t with, int64_t limit)
{
    if (policy == NULL || !(policy->warn_fraction > 0.0))
        return 0;
    return (double)with >= policy->warn_fraction * (double)limit - 1e-6;
}

size_t model_evaluate(const btx_patient *patient, const btx_policy *policy,
                      const btx_administration *h, size_t n,
                      const btx_administration *proposed, model_finding *out, int *rc)
{
    size_t k = 0;
    *rc = model_patient_on(patient, proposed->date);
    if (*rc != BTX_OK)
        return 0;
    const btx_date d = proposed->date;
    const int32_t product = proposed->product;
    const int32_t ind = proposed->indication;
    const int32_t sub = model_substance(product);
    const int64_t u = model_milli(proposed->units);
    const int pop = model_population(patient, d);
    const btx_date q = model_quiet_date(patient, policy, h, n, d);

    /* 1. substance window */
    if (sub == BTX_SUBSTANCE_ONABOTULINUMTOXINA) {
        int ped, usable;
        int64_t limit = model_sub_limit(patient, policy, d, &ped, &usable);
        int policy_len = policy != NULL && policy->window_length > 0;
        int32_t rule = ped ? (policy_len ? 5 : 2) : (policy_len ? 4 : 1);
        int32_t len, unit;
        model_policy_window(policy, &len, &unit);
        model_worst w = model_worst_window(h, n, sub, 0, d, len, unit);
        model_finding f = model_blank(BTX_FINDING_WINDOW_LIMIT, rule, u);
        f.limit = limit;
        f.total = w.total;
        f.proposed = u;
        f.remaining = limit - (w.total + u);
        f.window_start = w.start;
        f.window_end = w.end;
        f.evidence = BTX_EVIDENCE_SECONDARY;
        if (!usable) {
            f.status = w.total + u > limit ? BTX_FAIL : BTX_NOT_CHECKED;
            f.severity = BTX_CRITICAL;
        } else if (w.total + u <= limit) {
            f.status = BTX_PASS;
            f.severity = model_warn(policy, w.total + u, limit) ? BTX_WARNING : BTX_INFO;
            f.earliest_date = d;
        } else {
            f.status = BTX_FAIL;
            f.severity = BTX_CRITICAL;
            for (btx_date e = d; e <= q; e++) {
                int ped_e, usable_e;
                int64_t lim_e = model_sub_limit(patient, policy, e, &ped_e, &usable_e);
                model_worst we = model_worst_window(h, n, sub, 0, e, len, unit);
                /* A later date without a usable pediatric weight: if the dose breaks the
                 * absolute 340 U anyway the rule fails there for certain (go on, as
                 * btx_earliest_date does); otherwise the rule cannot be decided there, so
                 * no later date can be called the first: UNKNOWN. */
                if (!usable_e) {
                    if (we.total + u > lim_e)
                        continue;
                    break;
                }
                if (we.total + u <= lim_e) {
                    f.earliest_date = e;
                    break;
                }
            }
        }
        out[k++] = f;
    }

    /* 2. blepharospasm window */
    if (sub == BTX_SUBSTANCE_ONABOTULINUMTOXINA && ind == BTX_INDICATION_BLEPHAROSPASM) {
        model_worst w = model_worst_window(h, n, sub, BTX_INDICATION_BLEPHAROSPASM, d, 30, BTX_DAYS);
        model_finding f = model_blank(BTX_FINDING_WINDOW_LIMIT, BTX_RULE_ONA_BLEPHAROSPASM_WINDOW, u);
        f.limit = MODEL_BLEPH_LIMIT;
        f.total = w.total;
        f.proposed = u;
        f.remaining = MODEL_BLEPH_LIMIT - (w.total + u);
        f.window_start = w.start;
        f.window_end = w.end;
        f.evidence = BTX_EVIDENCE_LABEL;
        if (w.total + u <= MODEL_BLEPH_LIMIT) {
            f.status = BTX_PASS;
            f.severity = model_warn(policy, w.total + u, MODEL_BLEPH_LIMIT) ? BTX_WARNING : BTX_INFO;
            f.earliest_date = d;
        } else {
            f.status = BTX_FAIL;
            f.severity = BTX_CRITICAL;
            for (btx_date e = d; e <= q; e++)
                if (model_bleph_pass(h, n, e, u)) {
                    f.earliest_date = e;
                    break;
                }
        }
        out[k++] = f;
    }

    /* 3. label interval; 4. policy spacing */
    const model_interval_rule *ir = model_interval_rule_for(product, ind, pop);
    int32_t spacing = policy != NULL ? policy->min_spacing_days : 0;
    for (int pass = 0; pass < 2; pass++) {
        int32_t kind, rule, evidence;
        if (pass == 0) {
            if (ir == NULL)
                continue;
            kind = ir->kind;
            rule = ir->rule;
            evidence = ir->evidence;
        } else {
            if (spacing <= 0)
                continue;
            kind = BTX_INTERVAL_MINIMUM;
            rule = BTX_RULE_POLICY_SPACING;
            evidence = 0;
        }
        model_finding f = model_blank(BTX_FINDING_TOO_SOON, rule, u);
        f.proposed = u;
        f.evidence = evidence;
        /* The label interval's earliest date follows whichever interval rule applies on
         * each date (a child's Dysport upper-limb dose: 16 weeks, then 12 weeks from 18),
         * as btx_earliest_date does. */
        for (btx_date e = d; e <= q; e++) {
            int ok;
            if (pass == 0) {
                const model_interval_rule *re =
                    model_interval_rule_for(product, ind, model_population(patient, e));
                ok = re == NULL || model_interval_pass(h, n, sub, ind, e, re->length, re->unit);
            } else {
                ok = model_spacing_pass(h, n, sub, e, spacing);
            }
            if (ok) {
                f.earliest_date = e;
                break;
            }
        }
        if (f.earliest_date == d) {
            f.status = BTX_PASS;
            f.severity = BTX_INFO;
        } else {
            f.status = BTX_FAIL;
            f.severity = kind == BTX_INTERVAL_MINIMUM ? BTX_CRITICAL : BTX_WARNING;
        }
        out[k++] = f;
    }

    /* 5. session and visit caps */
    int cap_failed = 0;
    for (size_t i = 0; i < sizeof model_caps / sizeof model_caps[0]; i++) {
        const model_cap_rule *c = &model_caps[i];
        if (!model_cap_matches(c, product, ind, pop))
            continue;
        model_finding f = model_blank(BTX_FINDING_SESSION_LIMIT, c->rule, u);
        int usable;
        const int32_t plimbs = proposed->flags & 3;
        const int32_t limbs = c->per_limb ? model_cap_limbs(h, n, sub, ind, d, plimbs) : 1;
        const int64_t limit = model_cap_limit(c, patient, policy, d, limbs, &usable);
        int64_t total = model_cap_total(c, h, n, sub, ind, d);
        f.limit = limit;
        f.total = total;
        f.proposed = u;
        f.remaining = limit - (total + u);
        f.evidence = c->evidence;
        if (!usable || limbs == 0) {
            f.status = total + u > limit ? BTX_FAIL : BTX_NOT_CHECKED;
            f.severity = BTX_CRITICAL;
        } else if (total + u <= limit) {
            f.status = BTX_PASS;
            f.severity = BTX_INFO;
            f.earliest_date = d;
        } else {
            f.status = BTX_FAIL;
            f.severity = BTX_CRITICAL;
        }
        if (f.status == BTX_FAIL && usable) {
            /* Brute force: every later day with its own limit (a per-limb cap's depends on
             * the limbs of that day). A day without records holds the proposal alone;
             * past the last record every day is such a day. */
            btx_date last = d;
            for (size_t j = 0; j < n; j++)
                if (h[j].date > last)
                    last = h[j].date;
            for (btx_date e = d + 1; e <= BTX_DATE_MAX; e++) {
                int ok;
                const int32_t le =
                    c->per_limb ? model_cap_limbs(h, n, sub, ind, e, plimbs) : 1;
                /* the weight as usable on the proposal's date, as for the finding */
                const int64_t lim = model_cap_limit(c, patient, policy, d, le, &ok);
                (void)ok;
                if (model_cap_total(c, h, n, sub, ind, e) + u <= lim) {
                    f.earliest_date = e;
                    break;
                }
                if (e > last)
                    break; /* every later day is the same as this one */
            }
        }
        /* ABOVE_PROTOCOL is about the session total: only a failing session cap (not a
         * visit cap) of the same session suppresses it. */
        if (f.status == BTX_FAIL && !c->visit)
            cap_failed = 1;
        out[k++] = f;
    }

    /* 6. protocol; 7. label status */
    btx_protocol p;
    memset(&p, 0, sizeof p);
    p.struct_size = sizeof p;
    int prc = btx_protocol_lookup(product, ind, pop, &p);
    if (prc == BTX_OK && p.dose_max_units > 0.0) {
        int64_t session = 0;
        for (size_t i = 0; i < n; i++)
            if (h[i].date == d && model_substance(h[i].product) == sub && h[i].indication == ind)
                session += model_milli(h[i].units);
        int64_t max = model_milli(p.dose_max_units);
        if (session + u > max && !cap_failed) {
            model_finding f = model_blank(BTX_FINDING_ABOVE_PROTOCOL, BTX_RULE_PROTOCOL_DOSE, u);
            f.status = BTX_FAIL;
            f.severity = BTX_WARNING;
            f.limit = max;
            f.total = session;
            f.proposed = u;
            f.remaining = max - (session + u);
            f.check_evidence = 0;
            /* Like a session cap: the first later date whose session leaves room. */
            if (u <= max)
                for (btx_date e = d + 1; e <= BTX_DATE_MAX; e++) {
                    int64_t se = 0;
                    for (size_t i = 0; i < n; i++)
                        if (h[i].date == e && model_substance(h[i].product) == sub &&
                            h[i].indication == ind)
                            se += model_milli(h[i].units);
                    if (se + u <= max) {
                        f.earliest_date = e;
                        break;
                    }
                }
            out[k++] = f;
        }
    }
    if (prc == BTX_ENOTFOUND) {
        int ne = p.label_status == BTX_LABEL_NOT_ESTABLISHED;
        model_finding f = model_blank(ne ? BTX_FINDING_NOT_ESTABLISHED : BTX_FINDING_NOT_LABELLED,
                                      ne ? BTX_RULE_LABEL_NOT_ESTABLISHED
                                         : BTX_RULE_LABEL_NOT_LABELLED, u);
        f.status = BTX_FAIL;
        f.severity = BTX_WARNING;
        f.check_evidence = 0;
        /* A child's pair the label covers for adults only: admitted from 18. */
        if (!ne && pop == BTX_PEDIATRIC) {
            btx_protocol a;
            memset(&a, 0, sizeof a);
            a.struct_size = sizeof a;
            if (btx_protocol_lookup(product, ind, BTX_ADULT, &a) == BTX_OK)
                f.earliest_date = model_birthday(patient->birth_date,
                                                 a.age_min_years > 18 ? a.age_min_years : 18);
        }
        out[k++] = f;
    } else if (prc == BTX_OK && patient != NULL && patient->birth_date != BTX_DATE_UNKNOWN) {
        int32_t age = model_age(patient->birth_date, d);
        int young = p.age_min_years > 0 && age < p.age_min_years;
        int old = p.age_max_years > 0 && age > p.age_max_years;
        if (young || old) {
            model_finding f = model_blank(BTX_FINDING_NOT_LABELLED, BTX_RULE_LABEL_AGE, u);
            f.status = BTX_FAIL;
            f.severity = BTX_WARNING;
            f.check_evidence = 0;
            if (young)
                f.earliest_date = model_birthday(patient->birth_date, p.age_min_years);
            out[k++] = f;
        }
    }

    /* 8-10. notices */
    btx_date lo = model_add_months(d, -3), hi = model_add_months(d, 3);
    for (size_t i = 0; i < n; i++) {
        if (model_substance(h[i].product) != sub && h[i].date >= lo && h[i].date <= hi) {
            model_finding f = model_blank(BTX_FINDING_MIXED_SUBSTANCES,
                                          BTX_RULE_NOTICE_MIXED_SUBSTANCES, u);
            f.status = BTX_NOT_CHECKED;
            f.severity = BTX_WARNING;
            out[k++] = f;
            break;
        }
    }
    if (patient == NULL || patient->birth_date == BTX_DATE_UNKNOWN) {
        model_finding f = model_blank(BTX_FINDING_AGE_UNKNOWN, BTX_RULE_NOTICE_AGE_UNKNOWN, u);
        f.status = BTX_PASS;
        f.severity = BTX_INFO;
        f.earliest_date = d;
        out[k++] = f;
    }
    if (policy == NULL || policy->history_complete == 0) {
        model_finding f = model_blank(BTX_FINDING_HISTORY_INCOMPLETE,
                                      BTX_RULE_NOTICE_HISTORY_INCOMPLETE, u);
        f.status = BTX_PASS;
        f.severity = BTX_INFO;
        f.earliest_date = d;
        out[k++] = f;
    }
    return k;
}
