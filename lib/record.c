/* Administration records, patient and policy structs: validation and sizes. */
#include <math.h>
#include <string.h>

#include "internal.h"

_Static_assert(sizeof(btx_administration) == 24, "btx_administration is frozen at 24 bytes");

int btx__validate_record(const btx_administration *a)
{
    if (!btx__date_in_range(a->date))
        return BTX_ERANGE;
    if (!btx__product_valid(a->product))
        return BTX_EINVAL;
    if (a->indication != 0 && !btx__indication_valid(a->indication))
        return BTX_EINVAL;
    if (a->flags != 0)
        return BTX_EINVAL;
    btx_milli m;
    return btx__milli_from_units(a->units, &m);
}

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

/* The extensible-struct rule: smaller than the 1.0 layout is too old; larger is fine
 * only if every byte the library does not know is zero. */
static int check_struct_size(const void *p, size_t given, size_t known)
{
    if (given < known)
        return BTX_EVERSION;
    const unsigned char *tail = (const unsigned char *)p + known;
    for (size_t i = 0; i < given - known; i++)
        if (tail[i] != 0)
            return BTX_EVERSION;
    return BTX_OK;
}

static int date_or_unknown(btx_date d)
{
    return d == BTX_DATE_UNKNOWN || btx__date_in_range(d);
}

int btx__load_patient(const btx_patient *patient, btx__patient *out)
{
    out->weight_kg = 0.0;
    out->birth_date = BTX_DATE_UNKNOWN;
    out->weight_date = BTX_DATE_UNKNOWN;
    if (!patient)
        return BTX_OK;
    int rc = check_struct_size(patient, patient->struct_size, sizeof(btx_patient));
    if (rc != BTX_OK)
        return rc;
    if (isnan(patient->weight_kg) || patient->weight_kg < 0.0 || patient->weight_kg > 1000.0)
        return BTX_ERANGE;
    if (!date_or_unknown(patient->birth_date) || !date_or_unknown(patient->weight_date))
        return BTX_ERANGE;
    out->weight_kg = patient->weight_kg;
    out->birth_date = patient->birth_date;
    out->weight_date = patient->weight_date;
    return BTX_OK;
}

int btx__load_policy(const btx_policy *policy, btx__policy *out)
{
    memset(out, 0, sizeof *out);
    if (!policy)
        return BTX_OK;
    int rc = check_struct_size(policy, policy->struct_size, sizeof(btx_policy));
    if (rc != BTX_OK)
        return rc;
    if (policy->window_length < 0 || policy->min_spacing_days < 0 ||
        policy->weight_max_age_days < 0 || policy->reserved != 0)
        return BTX_EINVAL;
    if (policy->history_complete != 0 && policy->history_complete != 1)
        return BTX_EINVAL;
    if (isnan(policy->warn_fraction) || policy->warn_fraction < 0.0 || policy->warn_fraction > 1.0)
        return BTX_EINVAL;
    if (policy->window_length > 0) {
        if (policy->window_unit < BTX_DAYS || policy->window_unit > BTX_MONTHS)
            return BTX_EINVAL;
        if (!btx__length_valid(policy->window_length, policy->window_unit))
            return BTX_ERANGE;
        out->window_length = policy->window_length;
        out->window_unit = policy->window_unit;
    }
    if (policy->min_spacing_days > BTX__MAX_SPAN_DAYS)
        return BTX_ERANGE;
    out->min_spacing_days = policy->min_spacing_days;
    out->weight_max_age_days = policy->weight_max_age_days;
    out->warn_fraction = policy->warn_fraction;
    out->history_complete = policy->history_complete;
    return BTX_OK;
}

int btx__load_proposal(const btx_administration *proposed, btx_milli *units)
{
    if (!proposed)
        return BTX_EINVAL;
    int rc = btx__validate_record(proposed);
    if (rc != BTX_OK)
        return rc;
    if (proposed->indication == 0)
        return BTX_EINVAL;
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
    if (pol->weight_max_age_days == 0)
        return 1;
    if (p->weight_date == BTX_DATE_UNKNOWN)
        return 0;
    int64_t age = (int64_t)d - p->weight_date;
    if (age < 0)
        age = -age;
    return age <= pol->weight_max_age_days;
}
