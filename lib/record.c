/* SPDX-License-Identifier: Apache-2.0 */
/* Administration records, patient and policy structs: loading, history validation and
 * sizes. The checks themselves are in validate.c. */
#include <math.h>
#include <string.h>

#include "internal.h"

_Static_assert(sizeof(btx_administration) == 24, "btx_administration is frozen at 24 bytes");

int btx_validate_history(const btx_administration *history, size_t n, size_t *bad_index)
{
    if (bad_index)
        *bad_index = 0;
    if (!history && n > 0)
        return BTX_EINVAL;
    for (size_t i = 0; i < n; i++) {
        int rc = btx__validate_record(&history[i]);
        if (rc != BTX_OK) {
            if (bad_index)
                *bad_index = i;
            return rc;
        }
    }
    return BTX_OK;
}

int btx__load_patient(const btx_patient *patient, btx__patient *out)
{
    out->weight_kg = 0.0;
    out->birth_date = BTX_DATE_UNKNOWN;
    out->weight_date = BTX_DATE_UNKNOWN;
    int32_t field;
    const int rc = btx__check_patient(patient, &field);
    if (rc != BTX_OK || !patient)
        return rc;
    out->weight_kg = patient->weight_kg;
    out->birth_date = patient->birth_date;
    out->weight_date = patient->weight_date;
    return BTX_OK;
}

int btx__load_policy(const btx_policy *policy, btx__policy *out)
{
    memset(out, 0, sizeof *out);
    int32_t field;
    const int rc = btx__check_policy(policy, &field);
    if (rc != BTX_OK || !policy)
        return rc;
    if (policy->window_length > 0) {
        out->window_length = policy->window_length;
        out->window_unit = policy->window_unit;
    }
    out->min_spacing_days = policy->min_spacing_days;
    out->weight_max_age_days = policy->weight_max_age_days;
    out->warn_fraction = policy->warn_fraction;
    out->history_complete = policy->history_complete;
    return BTX_OK;
}

int btx__load_proposal(const btx_administration *proposed, btx_milli *units)
{
    int32_t field;
    const int rc = btx__check_proposal(proposed, &field);
    if (rc != BTX_OK)
        return rc;
    return btx__milli_from_units(proposed->units, units);
}

size_t btx_sizeof_patient(void)
{
    return sizeof(btx_patient);
}

size_t btx_sizeof_policy(void)
{
    return sizeof(btx_policy);
}

size_t btx_sizeof_administration(void)
{
    return sizeof(btx_administration);
}

int32_t btx__population_on(const btx__patient *p, btx_date d)
{
    if (p->birth_date == BTX_DATE_UNKNOWN)
        return BTX_ADULT;
    return d < btx__birthday(p->birth_date, 18) ? BTX_PEDIATRIC : BTX_ADULT;
}

int btx__weight_usable(const btx__patient *p, const btx__policy *pol, btx_date d)
{
    if (!(p->weight_kg > 0.0))
        return 0;
    /* A weight measured after d says nothing about d (docs/semantics.md, "Weight"). */
    if (p->weight_date != BTX_DATE_UNKNOWN && p->weight_date > d)
        return 0;
    if (pol->weight_max_age_days == 0)
        return 1;
    if (p->weight_date == BTX_DATE_UNKNOWN)
        return 0;
    return (int64_t)d - p->weight_date <= pol->weight_max_age_days;
}
