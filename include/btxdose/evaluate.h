/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file evaluate.h
 * @brief The combined check of a proposed dose: findings with their basis, and the
 * earliest date a dose is allowed.
 *
 * THREAD SAFETY: pure functions, no allocation; inputs are borrowed for the call.
 */
#ifndef BTXDOSE_EVALUATE_H
#define BTXDOSE_EVALUATE_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "export.h"
#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief What a finding is about. Values are part of the ABI. */
typedef enum btx_finding_code {
    BTX_FINDING_WINDOW_LIMIT = 1,        /**< A rolling-window limit. */
    BTX_FINDING_TOO_SOON = 2,            /**< A re-treatment interval or policy spacing. */
    BTX_FINDING_SESSION_LIMIT = 3,       /**< A session or visit cap. */
    BTX_FINDING_ABOVE_PROTOCOL = 4,      /**< Session total above the protocol's range. */
    BTX_FINDING_NOT_ESTABLISHED = 5,     /**< The label says not established. */
    BTX_FINDING_NOT_LABELLED = 6,        /**< No label covers it, or the age is outside the label's. */
    BTX_FINDING_MIXED_SUBSTANCES = 7,    /**< Notice: another substance within 3 months. */
    BTX_FINDING_AGE_UNKNOWN = 8,         /**< Notice: birth date unknown, adult rules used. */
    BTX_FINDING_HISTORY_INCOMPLETE = 9   /**< Notice: history not declared complete. */
} btx_finding_code;

/** @brief Outcome of a rule. */
typedef enum btx_status {
    BTX_PASS = 1,        /**< The rule is met. */
    BTX_FAIL = 2,        /**< The rule is broken. */
    BTX_NOT_CHECKED = 3  /**< The rule could not be checked (e.g. no usable weight). */
} btx_status;

/** @brief How much a finding matters. */
typedef enum btx_severity {
    BTX_INFO = 1,     /**< For information. */
    BTX_WARNING = 2,  /**< Needs attention. */
    BTX_CRITICAL = 3  /**< Must not be ignored. */
} btx_severity;

/**
 * @brief One finding: a rule's outcome for the proposal and the numbers behind it.
 *
 * Size-prefixed output struct: set findings[0].struct_size; the array is walked with
 * that stride, which must be at least the 1.0 size and a multiple of 8.
 */
typedef struct btx_finding {
    size_t struct_size;     /**< Set by the caller (in findings[0]) to sizeof its version. */
    int32_t code;           /**< #btx_finding_code. */
    int32_t status;         /**< #btx_status. */
    int32_t severity;       /**< #btx_severity. */
    int32_t rule;           /**< #btx_rule id; #btx_rule_name names it. */
    double limit_units;     /**< The limit the rule sets; 0 when not a units rule. */
    double total_units;     /**< Units already counted against it, without the proposal. */
    double proposed_units;  /**< The proposal's units (rounded to 0.001 U). */
    double remaining_units; /**< limit - (total + proposed); negative = over by that much. */
    btx_date window_start;  /**< First day of the worst window; #BTX_DATE_UNKNOWN if not a window finding. */
    btx_date window_end;    /**< Last day (inclusive) of the worst window; #BTX_DATE_UNKNOWN if not a window finding. */
    btx_date earliest_date; /**< First date this rule passes (the proposal's date when it passes); #BTX_DATE_UNKNOWN when no date helps. */
    int32_t evidence;       /**< #btx_evidence of the rule; 0 for policy rules and notices. */
    const char *message;    /**< Static English sentence; never NULL. */
    const char *source;     /**< Static UTF-8 citation: label, section, revision and source ids, e.g. "... rev. 2023-11 [S21, S29, S5]" (docs/sources.md resolves the ids), or a docs/ heading for the library's own semantics; never NULL. */
} btx_finding;

/**
 * @def BTX_FINDING_INIT
 * @brief Initialiser of a #btx_finding with struct_size `sizeof(btx_finding)`, numbers 0
 * and dates #BTX_DATE_UNKNOWN.
 *
 * `btx_finding findings[16] = {BTX_FINDING_INIT};` sets the stride in findings[0] (the
 * other entries are zero; the library overwrites every entry it reports). C99 and C++11.
 * @since 1.2
 */
#define BTX_FINDING_INIT                                                                  \
    { sizeof(btx_finding), 0, 0, 0, 0, 0.0, 0.0, 0.0, 0.0, BTX_DATE_UNKNOWN,               \
      BTX_DATE_UNKNOWN, BTX_DATE_UNKNOWN, 0, NULL, NULL }

/**
 * @brief Checks a proposed dose against every rule that applies.
 *
 * Emits one finding per rule that applies, plus notices (see docs/findings.md for the
 * order and every field). Returns #BTX_OK whatever the findings say.
 * @param[in]  patient   Patient, or NULL (birth date and weight unknown).
 * @param[in]  policy    Policy, or NULL (label rules, history not declared complete).
 * @param[in]  history   Records, any order, planned ones included; not the proposal.
 * @param[in]  n         Number of records.
 * @param[in]  proposed  The proposed dose; its indication must not be 0.
 * @param[out] findings  Caller's array; findings[0].struct_size sets the stride. May be
 *                       NULL when @p capacity is 0.
 * @param[in]  capacity  Entries in @p findings.
 * @param[out] count     Number of findings that exist (also when above @p capacity).
 * @return #BTX_OK; #BTX_ENOSPC when @p capacity is below *count (the first @p capacity
 *         are written); #BTX_EINVAL, #BTX_ERANGE, #BTX_EVERSION for bad arguments or
 *         records (since 1.2 #BTX_ERANGE also for a birth date after the proposal's date:
 *         #btx_check_patient_on).
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_evaluate(const btx_patient *patient, const btx_policy *policy,
                                       const btx_administration *history, size_t n,
                                       const btx_administration *proposed, btx_finding *findings,
                                       size_t capacity, size_t *count);

/**
 * @brief First date on or after the proposal's date on which the dose passes every
 * date-dependent rule.
 *
 * Date-dependent rules: windows, re-treatment intervals, policy spacing (not session
 * caps, protocol ranges or label status). A child's dose above the pediatric window
 * limit but within the adult one gets a date on or after the 18th birthday.
 * @param[in]  patient  Patient, or NULL.
 * @param[in]  policy   Policy, or NULL.
 * @param[in]  history  Records, any order.
 * @param[in]  n        Number of records.
 * @param[in]  proposed The proposed dose; its date is the first date considered.
 * @param[out] out      The earliest date.
 * @return #BTX_OK; #BTX_ENEVER when no date up to 2199-12-31 passes; #BTX_EWEIGHT when
 *         the first date that passes every other rule and the absolute part of a
 *         weight-based window still needs a usable weight; #BTX_EINVAL, #BTX_ERANGE,
 *         #BTX_EVERSION for bad arguments or records (since 1.2 #BTX_ERANGE also for a
 *         birth date after the proposal's date: #btx_check_patient_on).
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_earliest_date(const btx_patient *patient, const btx_policy *policy,
                                            const btx_administration *history, size_t n,
                                            const btx_administration *proposed, btx_date *out);

/**
 * @brief Stable name of a finding code ("window_limit", "too_soon", ...).
 * @param[in] code A #btx_finding_code value.
 * @return A static string, never NULL; "unknown" for a value outside the set.
 * @since 1.0
 */
BTX_API const char *btx_finding_code_name(int32_t code);

/**
 * @brief Stable name of a status: "pass", "fail", "not_checked".
 * @param[in] status A #btx_status value.
 * @return A static string, never NULL; "unknown" for a value outside the set.
 * @since 1.0
 */
BTX_API const char *btx_status_name(int32_t status);

/**
 * @brief Stable name of a severity: "info", "warning", "critical".
 * @param[in] severity A #btx_severity value.
 * @return A static string, never NULL; "unknown" for a value outside the set.
 * @since 1.0
 */
BTX_API const char *btx_severity_name(int32_t severity);

/**
 * @brief sizeof(btx_finding) in the 1.0 layout (88 on LP64).
 * @return The size in bytes.
 * @since 1.0
 */
BTX_API size_t btx_sizeof_finding(void);

#ifdef __cplusplus
}
#endif

#endif /* BTXDOSE_EVALUATE_H */
