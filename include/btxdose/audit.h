/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file audit.h
 * @brief Population audit: every administration of every patient, checked in one pass.
 *
 * For payers, registries and EHR analytics. The caller gives one array of rows, sorted
 * by patient key and by date within a patient; #btx_audit checks each row against the
 * same rules as #btx_evaluate (cumulative windows, re-treatment intervals, policy
 * spacing, session and visit caps, label status) and writes one #btx_audit_result per
 * row. The work is one pass over the rows, linear in their number, with O(1) state per
 * rule and no allocation. See docs/audit.md.
 *
 * THREAD SAFETY: pure functions, no allocation; rows are borrowed for the call and never
 * written; results are written only by the call that is given them.
 */
#ifndef BTXDOSE_AUDIT_H
#define BTXDOSE_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "export.h"
#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief One administration of one patient, as the audit reads it. Frozen: 48 bytes on
 * every platform, never changed.
 *
 * Rows are sorted by @c patient, ascending as unsigned 64-bit numbers (so a key that
 * reappears after another key is detected in O(1)), and by @c admin.date, ascending
 * (equal dates allowed), within a patient.
 * @since 1.1
 */
typedef struct btx_audit_row {
    uint64_t patient;         /**< Caller's patient key; rows sorted by it, ascending. */
    btx_administration admin; /**< The record (validated as by #btx_validate_history). */
    double weight_kg;         /**< Body weight on the row's date; 0 = unknown. Any value
                                   above 0 counts (rows carry no weight date, so
                                   btx_policy::weight_max_age_days does not apply). */
    btx_date birth_date;      /**< #BTX_DATE_UNKNOWN = unknown: adult rules. */
    int32_t reserved;         /**< 0. */
} btx_audit_row;

/**
 * @brief The audit's answer for one row. Frozen: 24 bytes on every platform.
 *
 * The 1.1 contract named three fields and 24 bytes; @c reserved makes the size true
 * without moving any of them (see docs/audit.md, "Contract note").
 * @since 1.1
 */
typedef struct btx_audit_result {
    double window_total; /**< Units of the row's substance in the trailing window that
                              ends on the row's date: rows of the patient dated
                              S <= d <= date, S the smallest start whose window
                              [S, S + L) still holds the date (L = 3 calendar months,
                              or the policy's window length; for 90 days: the date and
                              the 89 days before it). Every row of the date counts. */
    int32_t flags;       /**< Bitwise OR of #btx_audit_flag values; 0 = nothing found. */
    int32_t rule;        /**< #btx_rule id of the first rule broken, in #btx_evaluate's
                              finding order; 0 when none is broken (a row flagged only
                              #BTX_AUDIT_NOT_CHECKED has rule 0). */
    int32_t reserved[2]; /**< Written as 0. */
} btx_audit_result;

/** @brief Flags of a #btx_audit_result. Values are part of the ABI. @since 1.1 */
typedef enum btx_audit_flag {
    BTX_AUDIT_OVER_WINDOW = 1,    /**< A cumulative window limit is exceeded (rule 1-5). */
    BTX_AUDIT_TOO_SOON = 2,       /**< Sooner than a minimum re-treatment interval, or than
                                       the policy's spacing (rule 100). */
    BTX_AUDIT_SCHEDULE = 4,       /**< Sooner than a schedule interval (a WARNING rule). */
    BTX_AUDIT_OVER_SESSION = 8,   /**< A session or visit cap is exceeded on the date. */
    BTX_AUDIT_NOT_LABELLED = 16,  /**< Not labelled or not established for the product,
                                       indication and population, or age outside the
                                       label's range (rules 111-113). */
    BTX_AUDIT_NOT_CHECKED = 32    /**< A weight-based limit could not be checked: no
                                       weight, and the absolute part is not exceeded; or
                                       (1.2) a per-limb cap: a row of the session does not
                                       state its limbs, and the cap for two is not
                                       exceeded. */
} btx_audit_flag;

/**
 * @brief Stable name of one audit flag: "over_window", "too_soon", "schedule",
 * "over_session", "not_labelled", "not_checked".
 *
 * Names one bit: for a #btx_audit_result::flags value, test each #btx_audit_flag bit and
 * name the bits that are set.
 * @param[in] flag One #btx_audit_flag value (a single bit).
 * @return A static string, never NULL; "unknown" for any other value (0, several bits,
 *         a bit the library does not know).
 * @since 1.2
 */
BTX_API const char *btx_audit_flag_name(int32_t flag);

/**
 * @brief Checks every row of a population in one pass.
 *
 * Each row is judged as #btx_evaluate would judge it as a proposal, given as history the
 * patient's rows dated on or before it (all of them on its own date):
 * - windows (onabotulinumtoxinA only): #btx_audit_result::window_total above the limit
 *   on the date (adult 400 U; under 18 on the date with the row's birth date: the lower
 *   of 10 U/kg x the row's weight and 340 U; without a weight: over 340 U, else
 *   #BTX_AUDIT_NOT_CHECKED); blepharospasm rows also against 200 U in the trailing 30
 *   days of blepharospasm rows. Other substances get the same trailing sum and never
 *   #BTX_AUDIT_OVER_WINDOW.
 * - intervals: the previous session of the substance and indication (date strictly
 *   before) less than the label interval ago: #BTX_AUDIT_TOO_SOON (minimum) or
 *   #BTX_AUDIT_SCHEDULE (schedule); policy spacing against the previous visit of the
 *   substance: #BTX_AUDIT_TOO_SOON, rule #BTX_RULE_POLICY_SPACING.
 * - session and visit caps over every row of the date: #BTX_AUDIT_OVER_SESSION; a
 *   per-limb cap (1.2, rules 26-28) for the limbs the session's rows state (#BTX_LIMBS_MASK).
 * - label: #BTX_AUDIT_NOT_LABELLED (rows with indication 0 are not label-checked).
 *
 * Rows are validated in order as by #btx_validate_audit; the first bad row stops the
 * call. Then nothing is written at or past that row, results before it are unspecified,
 * and @p flagged is not written.
 * @param[in]  policy  Policy, or NULL (label rules). window_length and
 *                     min_spacing_days apply; weight_max_age_days, warn_fraction and
 *                     history_complete are validated and otherwise ignored.
 * @param[in]  rows    @p n rows, sorted; may be NULL when @p n is 0.
 * @param[in]  n       Number of rows.
 * @param[out] results @p n results, one per row, same index; may be NULL when @p n is 0.
 * @param[out] flagged Number of rows with any flag; may be NULL.
 * @return #BTX_OK; #BTX_EINVAL for a NULL @p rows or @p results with @p n above 0, or a
 *         row out of order; any error of the policy (as #btx_evaluate) or of
 *         #btx_validate_audit.
 * @since 1.1
 */
BTX_NODISCARD BTX_API int btx_audit(const btx_policy *policy, const btx_audit_row *rows, size_t n,
                                    btx_audit_result *results, size_t *flagged);

/**
 * @brief Checks every row of a population, as #btx_audit does before it computes.
 *
 * Per row, in this order: the record as #btx_validate_history (date #BTX_ERANGE, product
 * #BTX_EINVAL, indication #BTX_EINVAL, flags (#BTX_LIMBS_MASK) #BTX_EINVAL, units #BTX_ERANGE); weight NaN,
 * negative or above 1000 kg (#BTX_ERANGE); birth date neither #BTX_DATE_UNKNOWN nor in
 * 1900-01-01..2199-12-31 (#BTX_ERANGE); reserved not 0 (#BTX_EINVAL); order against the
 * row before it: a smaller patient key, or the same key with an earlier date
 * (#BTX_EINVAL).
 * @param[in]  rows      @p n rows; may be NULL when @p n is 0.
 * @param[in]  n         Number of rows.
 * @param[out] bad_index Index of the first bad row; set to 0 on success. May be NULL.
 * @return #BTX_OK or the error of the first bad row; #BTX_EINVAL for a NULL @p rows with
 *         @p n above 0.
 * @since 1.1
 */
BTX_NODISCARD BTX_API int btx_validate_audit(const btx_audit_row *rows, size_t n, size_t *bad_index);

/**
 * @brief sizeof(btx_audit_row): always 48.
 * @return 48.
 * @since 1.1
 */
BTX_API size_t btx_sizeof_audit_row(void);

/**
 * @brief sizeof(btx_audit_result): always 24.
 * @return 24.
 * @since 1.1
 */
BTX_API size_t btx_sizeof_audit_result(void);

#ifdef __cplusplus
}
#endif

#endif /* BTXDOSE_AUDIT_H */
