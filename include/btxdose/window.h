/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file window.h
 * @brief Cumulative-dose accounting over rolling windows.
 *
 * A rolling window of length L starting on S covers the dates S <= d < S + L, with
 * S + L computed as #btx_date_add_days or #btx_date_add_months do. A dose on D passes
 * a window rule iff every window that contains D stays within the limit with the dose
 * added. The history may be in any order and may hold planned (future) records.
 * See docs/semantics.md.
 *
 * THREAD SAFETY: pure functions, no allocation; inputs are borrowed for the call.
 */
#ifndef BTXDOSE_WINDOW_H
#define BTXDOSE_WINDOW_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "export.h"
#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Units of a substance dated in [start, start + length).
 * @param[in]  history   Records, any order; every record is validated.
 * @param[in]  n         Number of records.
 * @param[in]  substance #btx_substance whose records are counted.
 * @param[in]  start     First day of the window.
 * @param[in]  length    Window length, at least 1.
 * @param[in]  unit      #BTX_DAYS, #BTX_WEEKS or #BTX_MONTHS.
 * @param[out] units     The total, exact to 0.001 U.
 * @return #BTX_OK; #BTX_EINVAL for a NULL pointer, an unknown substance or unit, or a
 *         length below 1; #BTX_ERANGE for a start outside the date range or a length
 *         above 100000 days; any error of #btx_validate_history.
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_window_total(const btx_administration *history, size_t n, int32_t substance,
                                           btx_date start, int32_t length, int32_t unit, double *units);

/**
 * @brief How many units of a product may still be given on a date under every window rule.
 *
 * For each window rule that applies to the product and indication on @p date (adult or
 * pediatric substance window, the blepharospasm window for blepharospasm), the limit
 * minus the largest total of any window containing @p date, never below 0; the smallest
 * of these. Planned records count.
 * @param[in]  patient    Patient, or NULL (age and weight unknown: adult rules).
 * @param[in]  policy     Policy, or NULL (label rules).
 * @param[in]  history    Records, any order; may be NULL when @p n is 0.
 * @param[in]  n          Number of records.
 * @param[in]  product    #btx_product of the dose.
 * @param[in]  indication #btx_indication of the dose, or 0 (substance-wide rules only).
 * @param[in]  date       Day of the dose.
 * @param[out] units      Units allowed; INFINITY when no window rule applies.
 * @return #BTX_OK; #BTX_EINVAL, #BTX_ERANGE or #BTX_EVERSION for bad arguments or records
 *         (since 1.2 #BTX_ERANGE also for a birth date after @p date:
 *         #btx_check_patient_on); #BTX_EWEIGHT when a weight-based window applies and no
 *         weight usable on @p date was given (none, one measured after @p date, or one
 *         older than the policy allows).
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_headroom(const btx_patient *patient, const btx_policy *policy,
                                       const btx_administration *history, size_t n, int32_t product,
                                       int32_t indication, btx_date date, double *units);

#ifdef __cplusplus
}
#endif

#endif /* BTXDOSE_WINDOW_H */
