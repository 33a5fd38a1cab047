/* SPDX-License-Identifier: Apache-2.0 */
/* Input checks, one place for all: every entry point validates its records, patient,
 * policy and audit rows here, and the public btx_check_* functions (validate.h) report
 * the same checks with the field that failed. The order of the checks is part of the
 * contract (validate.h, docs/semantics.md "Bad input"). */
#include <math.h>

#include "internal.h"

#define FAIL(f, code)                                                                         \
    do {                                                                                      \
        *field = (f);                                                                         \
        return (code);                                                                        \
    } while (0)

/* The extensible-struct rule: smaller than the 1.0 layout is too old; larger is fine
 * only if every byte the library does not know is zero. */
static int struct_size_ok(const void *p, size_t given, size_t known)
{
    if (given < known)
        return 0;
    const unsigned char *tail = (const unsigned char *)p + known;
    for (size_t i = 0; i < given - known; i++)
        if (tail[i] != 0)
            return 0;
    return 1;
}

static int date_or_unknown(btx_date d)
{
    return d == BTX_DATE_UNKNOWN || btx__date_in_range(d);
}

static int weight_ok(double kg)
{
    return kg >= 0.0 && kg <= 1000.0; /* NaN fails */
}

int btx__check_record(const btx_administration *a, int32_t *field)
{
    *field = BTX_FIELD_NONE;
    if (!a)
        return BTX_EINVAL;
    if (!btx__date_in_range(a->date))
        FAIL(BTX_FIELD_DATE, BTX_ERANGE);
    if (!btx__product_valid(a->product))
        FAIL(BTX_FIELD_PRODUCT, BTX_EINVAL);
    if (a->indication != 0 && !btx__indication_valid(a->indication))
        FAIL(BTX_FIELD_INDICATION, BTX_EINVAL);
    if (!btx__flags_valid(a->flags, a->indication))
        FAIL(BTX_FIELD_FLAGS, BTX_EINVAL);
    btx_milli m;
    const int rc = btx__milli_from_units(a->units, &m);
    if (rc != BTX_OK)
        FAIL(BTX_FIELD_UNITS, rc);
    return BTX_OK;
}

int btx__check_proposal(const btx_administration *a, int32_t *field)
{
    const int rc = btx__check_record(a, field);
    if (rc != BTX_OK)
        return rc;
    if (a->indication == 0)
        FAIL(BTX_FIELD_INDICATION, BTX_EINVAL);
    return BTX_OK;
}

int btx__check_patient(const btx_patient *p, int32_t *field)
{
    *field = BTX_FIELD_NONE;
    if (!p)
        return BTX_OK;
    if (!struct_size_ok(p, p->struct_size, sizeof(btx_patient)))
        FAIL(BTX_FIELD_STRUCT_SIZE, BTX_EVERSION);
    if (!weight_ok(p->weight_kg))
        FAIL(BTX_FIELD_WEIGHT_KG, BTX_ERANGE);
    if (!date_or_unknown(p->birth_date))
        FAIL(BTX_FIELD_BIRTH_DATE, BTX_ERANGE);
    if (!date_or_unknown(p->weight_date))
        FAIL(BTX_FIELD_WEIGHT_DATE, BTX_ERANGE);
    return BTX_OK;
}

int btx__check_patient_on(const btx_patient *p, btx_date date, int32_t *field)
{
    const int rc = btx__check_patient(p, field);
    if (rc != BTX_OK)
        return rc;
    if (!btx__date_in_range(date))
        FAIL(BTX_FIELD_DATE, BTX_ERANGE);
    /* Born after the day asked about: a chart error, never a child not yet born. */
    if (p && p->birth_date != BTX_DATE_UNKNOWN && p->birth_date > date)
        FAIL(BTX_FIELD_BIRTH_DATE, BTX_ERANGE);
    return BTX_OK;
}

int btx__check_policy(const btx_policy *p, int32_t *field)
{
    *field = BTX_FIELD_NONE;
    if (!p)
        return BTX_OK;
    if (!struct_size_ok(p, p->struct_size, sizeof(btx_policy)))
        FAIL(BTX_FIELD_STRUCT_SIZE, BTX_EVERSION);
    if (p->window_length < 0)
        FAIL(BTX_FIELD_WINDOW_LENGTH, BTX_EINVAL);
    if (p->min_spacing_days < 0)
        FAIL(BTX_FIELD_MIN_SPACING_DAYS, BTX_EINVAL);
    if (p->weight_max_age_days < 0)
        FAIL(BTX_FIELD_WEIGHT_MAX_AGE_DAYS, BTX_EINVAL);
    if (p->reserved != 0)
        FAIL(BTX_FIELD_RESERVED, BTX_EINVAL);
    if (p->history_complete != 0 && p->history_complete != 1)
        FAIL(BTX_FIELD_HISTORY_COMPLETE, BTX_EINVAL);
    if (!(p->warn_fraction >= 0.0 && p->warn_fraction <= 1.0)) /* NaN fails */
        FAIL(BTX_FIELD_WARN_FRACTION, BTX_EINVAL);
    if (p->window_length > 0) {
        if (p->window_unit < BTX_DAYS || p->window_unit > BTX_MONTHS)
            FAIL(BTX_FIELD_WINDOW_UNIT, BTX_EINVAL);
        if (!btx__length_valid(p->window_length, p->window_unit))
            FAIL(BTX_FIELD_WINDOW_LENGTH, BTX_ERANGE);
    }
    if (p->min_spacing_days > BTX__MAX_SPAN_DAYS)
        FAIL(BTX_FIELD_MIN_SPACING_DAYS, BTX_ERANGE);
    return BTX_OK;
}

int btx__check_audit_row(const btx_audit_row *r, int32_t *field)
{
    *field = BTX_FIELD_NONE;
    if (!r)
        return BTX_EINVAL;
    const int rc = btx__check_record(&r->admin, field);
    if (rc != BTX_OK)
        return rc;
    if (!weight_ok(r->weight_kg))
        FAIL(BTX_FIELD_WEIGHT_KG, BTX_ERANGE);
    if (r->birth_date != BTX_DATE_UNKNOWN && !btx__date_in_range(r->birth_date))
        FAIL(BTX_FIELD_BIRTH_DATE, BTX_ERANGE);
    if (r->reserved != 0)
        FAIL(BTX_FIELD_RESERVED, BTX_EINVAL);
    return BTX_OK;
}

int btx__check_audit_order(const btx_audit_row *prev, const btx_audit_row *r, int32_t *field)
{
    *field = BTX_FIELD_NONE;
    if (prev->patient > r->patient)
        FAIL(BTX_FIELD_PATIENT, BTX_EINVAL);
    if (prev->patient == r->patient && prev->admin.date > r->admin.date)
        FAIL(BTX_FIELD_DATE, BTX_EINVAL);
    return BTX_OK;
}

int btx__validate_record(const btx_administration *a)
{
    int32_t field;
    return btx__check_record(a, &field);
}

/* ---- public ---- */

const char *btx_field_name(int32_t field)
{
    static const char *const names[] = {
        "none",          "struct_size",      "date",           "product",
        "indication",    "flags",            "units",          "weight_kg",
        "birth_date",    "weight_date",      "window_length",  "window_unit",
        "min_spacing_days", "weight_max_age_days", "warn_fraction", "history_complete",
        "reserved",      "patient",          "setting"};
    if (field < 0 || (size_t)field >= sizeof names / sizeof names[0])
        return "unknown";
    return names[field];
}

/* A caller's field pointer, or a local one. */
#define FIELD_OUT(field, local) ((field) ? (field) : &(local))

int btx_check_record(const btx_administration *record, int32_t *field)
{
    int32_t local;
    return btx__check_record(record, FIELD_OUT(field, local));
}

int btx_check_proposal(const btx_administration *proposed, int32_t *field)
{
    int32_t local;
    return btx__check_proposal(proposed, FIELD_OUT(field, local));
}

int btx_check_patient(const btx_patient *patient, int32_t *field)
{
    int32_t local;
    return btx__check_patient(patient, FIELD_OUT(field, local));
}

int btx_check_patient_on(const btx_patient *patient, btx_date date, int32_t *field)
{
    int32_t local;
    return btx__check_patient_on(patient, date, FIELD_OUT(field, local));
}

int btx_check_policy(const btx_policy *policy, int32_t *field)
{
    int32_t local;
    return btx__check_policy(policy, FIELD_OUT(field, local));
}

int btx_check_audit_row(const btx_audit_row *row, int32_t *field)
{
    int32_t local;
    return btx__check_audit_row(row, FIELD_OUT(field, local));
}

int btx_check_audit_rows(const btx_audit_row *rows, size_t n, size_t *bad_index,
                         int32_t *field)
{
    int32_t local;
    int32_t *f = FIELD_OUT(field, local);
    *f = BTX_FIELD_NONE;
    if (bad_index)
        *bad_index = 0;
    if (!rows && n > 0)
        return BTX_EINVAL;
    for (size_t i = 0; i < n; i++) {
        int rc = btx__check_audit_row(&rows[i], f);
        if (rc == BTX_OK && i > 0)
            rc = btx__check_audit_order(&rows[i - 1], &rows[i], f);
        if (rc != BTX_OK) {
            if (bad_index)
                *bad_index = i;
            return rc;
        }
    }
    return BTX_OK;
}
