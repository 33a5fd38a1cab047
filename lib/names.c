/* SPDX-License-Identifier: Apache-2.0 */
/* Stable snake_case names of the small public enums (catalog.h, audit.h): the spellings
 * the btxdose tool and the Python package write in JSON. A name, once given, never
 * changes; a value outside the set is "unknown". */
#include "internal.h"

const char *btx_population_name(int32_t population)
{
    switch (population) {
    case BTX_ADULT: return "adult";
    case BTX_PEDIATRIC: return "pediatric";
    default: return "unknown";
    }
}

const char *btx_category_name(int32_t category)
{
    switch (category) {
    case BTX_CATEGORY_THERAPEUTIC: return "therapeutic";
    case BTX_CATEGORY_COSMETIC: return "cosmetic";
    default: return "unknown";
    }
}

const char *btx_interval_unit_name(int32_t unit)
{
    switch (unit) {
    case BTX_DAYS: return "days";
    case BTX_WEEKS: return "weeks";
    case BTX_MONTHS: return "months";
    default: return "unknown";
    }
}

const char *btx_interval_kind_name(int32_t kind)
{
    switch (kind) {
    case BTX_INTERVAL_MINIMUM: return "minimum";
    case BTX_INTERVAL_SCHEDULE: return "schedule";
    default: return "unknown";
    }
}

const char *btx_evidence_name(int32_t evidence)
{
    switch (evidence) {
    case BTX_EVIDENCE_LABEL: return "label";
    case BTX_EVIDENCE_SECONDARY: return "secondary";
    default: return "unknown";
    }
}

const char *btx_audit_flag_name(int32_t flag)
{
    switch (flag) {
    case BTX_AUDIT_OVER_WINDOW: return "over_window";
    case BTX_AUDIT_TOO_SOON: return "too_soon";
    case BTX_AUDIT_SCHEDULE: return "schedule";
    case BTX_AUDIT_OVER_SESSION: return "over_session";
    case BTX_AUDIT_NOT_LABELLED: return "not_labelled";
    case BTX_AUDIT_NOT_CHECKED: return "not_checked";
    default: return "unknown";
    }
}
