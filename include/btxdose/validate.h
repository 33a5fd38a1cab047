/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file validate.h
 * @brief Input checks that name the bad field.
 *
 * Every function that takes a record, patient, policy or audit row checks it first and
 * returns an error code when it is bad. These functions run exactly those checks, in the
 * library's own order, and say which field failed, so that a caller (an EHR, the
 * `btxdose` tool, the Python package) can tell its user "units: -5 is out of range"
 * instead of guessing. A function here returns the same code as the call that takes the
 * same argument: #btx_check_record as #btx_validate_history, #btx_check_proposal,
 * #btx_check_patient, #btx_check_patient_on and #btx_check_policy as #btx_evaluate,
 * #btx_earliest_date and #btx_headroom, #btx_check_audit_row and #btx_check_audit_rows
 * as #btx_audit.
 *
 * The checks, in order (the first failing one is reported):
 * - record: date in 1900-01-01..2199-12-31 (#BTX_ERANGE); product a #btx_product
 *   (#BTX_EINVAL); indication 0 or a #btx_indication (#BTX_EINVAL); flags 0, or a limb
 *   count of 1 or 2 on a limb spasticity record (#BTX_LIMBS_MASK; #BTX_EINVAL); units
 *   finite, 0..#BTX_UNITS_MAX (#BTX_ERANGE).
 * - proposal: not NULL (#BTX_EINVAL, field #BTX_FIELD_NONE); the record checks; then
 *   indication not 0 (#BTX_EINVAL).
 * - patient (NULL is valid: nothing known): struct_size at least the 1.0 layout and
 *   every byte past it zero (#BTX_EVERSION); weight_kg 0..1000 and not NaN
 *   (#BTX_ERANGE); birth_date, then weight_date, a valid date or #BTX_DATE_UNKNOWN
 *   (#BTX_ERANGE).
 * - patient on the date checked (#btx_check_patient_on; since 1.2): the patient checks;
 *   then the date in 1900-01-01..2199-12-31 (#BTX_ERANGE, field #BTX_FIELD_DATE); then
 *   birth_date, when known, not after the date (#BTX_ERANGE, field
 *   #BTX_FIELD_BIRTH_DATE). A weight_date after the date is not an error: that weight
 *   is not used for the date (docs/semantics.md, "Weight").
 * - policy (NULL is valid: the label's rules): struct_size as for the patient
 *   (#BTX_EVERSION); window_length, min_spacing_days, weight_max_age_days not negative
 *   and reserved 0 (#BTX_EINVAL, in that order); history_complete 0 or 1
 *   (#BTX_EINVAL); warn_fraction 0..1 and not NaN (#BTX_EINVAL); when window_length is
 *   above 0: window_unit a #btx_interval_unit (#BTX_EINVAL) and the window at most
 *   100,000 days long (#BTX_ERANGE, field window_length); min_spacing_days at most
 *   100,000 (#BTX_ERANGE).
 * - the order of the arguments: #btx_evaluate and #btx_earliest_date check the patient,
 *   the policy, the proposal, then the patient on the proposal's date, then the history;
 *   #btx_headroom the patient, the policy, the product and indication (#BTX_EINVAL), the
 *   date (#BTX_ERANGE), the patient on that date, then the history.
 * - audit row: the record checks on @c admin; weight_kg 0..1000 and not NaN
 *   (#BTX_ERANGE); birth_date a valid date or #BTX_DATE_UNKNOWN (#BTX_ERANGE);
 *   reserved 0 (#BTX_EINVAL).
 * - audit rows: each row as above, then its order after the row before: patient keys
 *   ascending (#BTX_EINVAL, field #BTX_FIELD_PATIENT), dates ascending within a
 *   patient (#BTX_EINVAL, field #BTX_FIELD_DATE).
 *
 * THREAD SAFETY: pure functions; inputs are borrowed for the call and never written.
 * @since 1.2
 */
#ifndef BTXDOSE_VALIDATE_H
#define BTXDOSE_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#include "audit.h"
#include "export.h"
#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A field of an input struct, as named by the check functions. Values are part
 * of the ABI. @since 1.2 */
typedef enum btx_field {
    BTX_FIELD_NONE = 0,                 /**< No field: the input is good, or a NULL pointer. */
    BTX_FIELD_STRUCT_SIZE = 1,          /**< struct_size, or bytes past the known layout. */
    BTX_FIELD_DATE = 2,                 /**< btx_administration::date (also audit row order). */
    BTX_FIELD_PRODUCT = 3,              /**< btx_administration::product. */
    BTX_FIELD_INDICATION = 4,           /**< btx_administration::indication. */
    BTX_FIELD_FLAGS = 5,                /**< btx_administration::flags. */
    BTX_FIELD_UNITS = 6,                /**< btx_administration::units. */
    BTX_FIELD_WEIGHT_KG = 7,            /**< btx_patient::weight_kg, btx_audit_row::weight_kg. */
    BTX_FIELD_BIRTH_DATE = 8,           /**< btx_patient::birth_date, btx_audit_row::birth_date. */
    BTX_FIELD_WEIGHT_DATE = 9,          /**< btx_patient::weight_date. */
    BTX_FIELD_WINDOW_LENGTH = 10,       /**< btx_policy::window_length. */
    BTX_FIELD_WINDOW_UNIT = 11,         /**< btx_policy::window_unit. */
    BTX_FIELD_MIN_SPACING_DAYS = 12,    /**< btx_policy::min_spacing_days. */
    BTX_FIELD_WEIGHT_MAX_AGE_DAYS = 13, /**< btx_policy::weight_max_age_days. */
    BTX_FIELD_WARN_FRACTION = 14,       /**< btx_policy::warn_fraction. */
    BTX_FIELD_HISTORY_COMPLETE = 15,    /**< btx_policy::history_complete. */
    BTX_FIELD_RESERVED = 16,            /**< A reserved field that is not 0. */
    BTX_FIELD_PATIENT = 17,             /**< btx_audit_row::patient: keys out of order. */
    BTX_FIELD_SETTING = 18              /**< The setting argument of #btx_bill. */
} btx_field;

/**
 * @brief Stable snake_case name of a field, e.g. "units", "birth_date".
 * @param[in] field A #btx_field value.
 * @return A static string, never NULL; "unknown" for a value the library does not know.
 * @since 1.2
 */
BTX_API const char *btx_field_name(int32_t field);

/**
 * @brief Checks one history record as #btx_validate_history does.
 * @param[in]  record The record; NULL is #BTX_EINVAL.
 * @param[out] field  The first bad field, #BTX_FIELD_NONE when good. May be NULL.
 * @return #BTX_OK, or the error #btx_validate_history returns for this record.
 * @since 1.2
 */
BTX_NODISCARD BTX_API int btx_check_record(const btx_administration *record, int32_t *field);

/**
 * @brief Checks a proposed administration as #btx_evaluate does: a record whose
 * indication must not be 0.
 * @param[in]  proposed The proposal; NULL is #BTX_EINVAL.
 * @param[out] field    The first bad field, #BTX_FIELD_NONE when good. May be NULL.
 * @return #BTX_OK, or the error #btx_evaluate returns for this proposal.
 * @since 1.2
 */
BTX_NODISCARD BTX_API int btx_check_proposal(const btx_administration *proposed, int32_t *field);

/**
 * @brief Checks a patient as #btx_evaluate does.
 * @param[in]  patient The patient; NULL is valid (nothing known).
 * @param[out] field   The first bad field, #BTX_FIELD_NONE when good. May be NULL.
 * @return #BTX_OK, #BTX_EVERSION or #BTX_ERANGE.
 * @since 1.2
 */
BTX_NODISCARD BTX_API int btx_check_patient(const btx_patient *patient, int32_t *field);

/**
 * @brief Checks a patient for a question about one date, as #btx_evaluate,
 * #btx_earliest_date (the proposal's date) and #btx_headroom (its @p date) do: the
 * checks of #btx_check_patient, then a birth date after @p date is #BTX_ERANGE naming
 * #BTX_FIELD_BIRTH_DATE.
 *
 * A weight measured after @p date is not an error; the library does not use it for
 * @p date (its weight-based rules are NOT_CHECKED, #btx_headroom gives #BTX_EWEIGHT).
 * @param[in]  patient The patient; NULL is valid (nothing known).
 * @param[in]  date    The date checked; outside 1900-01-01..2199-12-31 is #BTX_ERANGE
 *                     naming #BTX_FIELD_DATE.
 * @param[out] field   The first bad field, #BTX_FIELD_NONE when good. May be NULL.
 * @return #BTX_OK, #BTX_EVERSION or #BTX_ERANGE.
 * @since 1.2
 */
BTX_NODISCARD BTX_API int btx_check_patient_on(const btx_patient *patient, btx_date date, int32_t *field);

/**
 * @brief Checks a policy as #btx_evaluate and #btx_audit do.
 * @param[in]  policy The policy; NULL is valid (the label's rules).
 * @param[out] field  The first bad field, #BTX_FIELD_NONE when good. May be NULL.
 * @return #BTX_OK, #BTX_EVERSION, #BTX_EINVAL or #BTX_ERANGE.
 * @since 1.2
 */
BTX_NODISCARD BTX_API int btx_check_policy(const btx_policy *policy, int32_t *field);

/**
 * @brief Checks one audit row as #btx_audit does (not its order: see
 * #btx_check_audit_rows).
 * @param[in]  row   The row; NULL is #BTX_EINVAL.
 * @param[out] field The first bad field, #BTX_FIELD_NONE when good. May be NULL.
 * @return #BTX_OK, #BTX_EINVAL or #BTX_ERANGE.
 * @since 1.2
 */
BTX_NODISCARD BTX_API int btx_check_audit_row(const btx_audit_row *row, int32_t *field);

/**
 * @brief Checks audit rows and their order as #btx_validate_audit does, naming the field.
 * @param[in]  rows      The rows; may be NULL when @p n is 0.
 * @param[in]  n         Number of rows.
 * @param[out] bad_index Index of the first bad row; 0 on success. May be NULL.
 * @param[out] field     Its first bad field (#BTX_FIELD_PATIENT or #BTX_FIELD_DATE for a
 *                       row out of order); #BTX_FIELD_NONE on success. May be NULL.
 * @return #BTX_OK or the error of the first bad row (as #btx_validate_audit).
 * @since 1.2
 */
BTX_NODISCARD BTX_API int btx_check_audit_rows(const btx_audit_row *rows, size_t n, size_t *bad_index,
                                               int32_t *field);

#ifdef __cplusplus
}
#endif

#endif /* BTXDOSE_VALIDATE_H */
