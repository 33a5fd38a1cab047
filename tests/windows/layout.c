/* SPDX-License-Identifier: Apache-2.0 */
/* Prints the size and the offset of every member of the structs that the C# sketch of
 * docs/windows.md declares, as "struct size N" and "struct.member OFFSET" lines, in the
 * C# sketch's names (reserved[2] of btx_audit_result is reserved_0 and reserved_1).
 * check_layout.py compares them with the [StructLayout(Size = N)] and [FieldOffset(N)]
 * attributes of the sketch. Built for the target: run under Wine in a Windows build. */
#include <btxdose/btxdose.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SIZE(s) printf(#s " size %zu\n", sizeof(s))
#define AT(s, m) printf(#s "." #m " %zu\n", offsetof(s, m))

int main(void)
{
    SIZE(btx_administration);
    AT(btx_administration, date);
    AT(btx_administration, product);
    AT(btx_administration, indication);
    AT(btx_administration, flags);
    AT(btx_administration, units);

    SIZE(btx_patient);
    AT(btx_patient, struct_size);
    AT(btx_patient, weight_kg);
    AT(btx_patient, birth_date);
    AT(btx_patient, weight_date);

    SIZE(btx_policy);
    AT(btx_policy, struct_size);
    AT(btx_policy, window_length);
    AT(btx_policy, window_unit);
    AT(btx_policy, min_spacing_days);
    AT(btx_policy, weight_max_age_days);
    AT(btx_policy, warn_fraction);
    AT(btx_policy, history_complete);
    AT(btx_policy, reserved);

    SIZE(btx_finding);
    AT(btx_finding, struct_size);
    AT(btx_finding, code);
    AT(btx_finding, status);
    AT(btx_finding, severity);
    AT(btx_finding, rule);
    AT(btx_finding, limit_units);
    AT(btx_finding, total_units);
    AT(btx_finding, proposed_units);
    AT(btx_finding, remaining_units);
    AT(btx_finding, window_start);
    AT(btx_finding, window_end);
    AT(btx_finding, earliest_date);
    AT(btx_finding, evidence);
    AT(btx_finding, message);
    AT(btx_finding, source);

    SIZE(btx_protocol);
    AT(btx_protocol, struct_size);
    AT(btx_protocol, product);
    AT(btx_protocol, indication);
    AT(btx_protocol, population);
    AT(btx_protocol, label_status);
    AT(btx_protocol, category);
    AT(btx_protocol, age_min_years);
    AT(btx_protocol, dose_units);
    AT(btx_protocol, dose_min_units);
    AT(btx_protocol, dose_max_units);
    AT(btx_protocol, units_per_kg_min);
    AT(btx_protocol, units_per_kg_max);
    AT(btx_protocol, session_cap_units);
    AT(btx_protocol, session_cap_units_per_kg);
    AT(btx_protocol, units_per_site);
    AT(btx_protocol, sites);
    AT(btx_protocol, regions);
    AT(btx_protocol, interval_length);
    AT(btx_protocol, interval_unit);
    AT(btx_protocol, interval_kind);
    AT(btx_protocol, evidence);
    AT(btx_protocol, age_max_years);
    AT(btx_protocol, reserved);
    AT(btx_protocol, source);
    AT(btx_protocol, per_limb);
    AT(btx_protocol, reserved2);
    AT(btx_protocol, limb_cap_units);
    AT(btx_protocol, limb_cap_units_per_kg);
    AT(btx_protocol, site_max_units);
    AT(btx_protocol, site_max_ml);

    SIZE(btx_audit_row);
    AT(btx_audit_row, patient);
    AT(btx_audit_row, admin);
    AT(btx_audit_row, weight_kg);
    AT(btx_audit_row, birth_date);
    AT(btx_audit_row, reserved);

    SIZE(btx_audit_result);
    AT(btx_audit_result, window_total);
    AT(btx_audit_result, flags);
    AT(btx_audit_result, rule);
    printf("btx_audit_result.reserved_0 %zu\n", offsetof(btx_audit_result, reserved));
    printf("btx_audit_result.reserved_1 %zu\n",
           offsetof(btx_audit_result, reserved) + sizeof(int32_t));
    return 0;
}
