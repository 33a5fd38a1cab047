/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file record.h
 * @brief Administration records, patient and policy structs, and history validation.
 *
 * Units: at the boundary a dose is a `double` in label Units of its product. It is
 * rounded to the nearest 0.001 U, halves away from zero (a value within a few ulps of a
 * half counts as the half, so decimal input such as 1.0005 rounds as written); NaN,
 * infinities, negatives and more than 100000 U are #BTX_ERANGE; 0 U is valid. All sums
 * and comparisons are done on integer milli-units.
 *
 * THREAD SAFETY: pure functions; inputs are borrowed for the call and never written.
 */
#ifndef BTXDOSE_RECORD_H
#define BTXDOSE_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Largest dose the library accepts in one record, in units. */
#define BTX_UNITS_MAX 100000.0

/**
 * @brief One administration, given (past) or planned (future). Frozen: 24 bytes on
 * every platform, never changed.
 */
typedef struct btx_administration {
    btx_date date;      /**< Day given (past) or planned (future). */
    int32_t product;    /**< #btx_product. */
    int32_t indication; /**< #btx_indication; 0 = not recorded. */
    int32_t flags;      /**< Bits 0-1: limbs treated (#BTX_LIMBS_MASK, since 1.2); every other bit 0, reserved. */
    double units;       /**< Units given to the patient (not discarded). */
} btx_administration;

/**
 * @name Limbs treated: bits 0-1 of btx_administration::flags (since 1.2)
 *
 * Some labels dose limb spasticity per limb treated (Dysport pediatric upper limb: 8 to
 * 16 U/kg per limb; Dysport pediatric lower limb: 10 to 15 U/kg per leg; Xeomin pediatric
 * upper limb: at most 8 U/kg and 200 U per limb). A record says how many limbs it treated
 * in bits 0-1 of its flags: `a.flags = BTX_LIMBS_FLAGS(2);`.
 *
 * - 0: not stated. The per-limb limit cannot be checked: the session caps are checked as
 *   before and the per-limb rule gives a #BTX_NOT_CHECKED finding, never a silent pass.
 * - 1: one limb; 2: two limbs (both arms, or both legs; an arm and a leg are two records,
 *   one per indication).
 * - 3, any other bit, or a count on a record whose indication is not
 *   #BTX_INDICATION_UPPER_LIMB_SPASTICITY or #BTX_INDICATION_LOWER_LIMB_SPASTICITY:
 *   refused with #BTX_EINVAL (field #BTX_FIELD_FLAGS).
 *
 * The limbs of the records of one date and indication add up (a left-leg record and a
 * right-leg record make two legs), to at most #BTX_LIMBS_MAX. A 1.0 or 1.1 library refuses
 * every non-zero flags value with #BTX_EINVAL: a record that states its limbs is never
 * checked by a library that would ignore the count (docs/abi.md).
 * @since 1.2
 * @{
 */
/** @brief Bits of btx_administration::flags that hold the limb count. */
#define BTX_LIMBS_MASK 0x3
/** @brief Most limbs one record (one indication on one date) can treat. */
#define BTX_LIMBS_MAX 2
/** @brief The flags value for `n` limbs treated (0 = not stated). Not masked: an `n`
 * outside 0..#BTX_LIMBS_MAX gives a value the library refuses (#BTX_EINVAL), never another
 * count. */
#define BTX_LIMBS_FLAGS(n) ((int32_t)(n))
/** @brief The limb count held in a flags value (0 = not stated). */
#define BTX_LIMBS_OF(flags) ((int32_t)(flags) & BTX_LIMBS_MASK)
/** @} */

/**
 * @def BTX_ADMINISTRATION_INIT
 * @brief Initialiser of a #btx_administration that nothing has been said about yet: date
 * #BTX_DATE_UNKNOWN, product and indication 0, flags 0, 0 units.
 *
 * `btx_administration a = BTX_ADMINISTRATION_INIT;` then set the fields. A record whose
 * date or product is left unset is refused (#BTX_ERANGE, #BTX_EINVAL) instead of being
 * read as a dose of 1970-01-01. C99 and C++11.
 * @since 1.2
 */
#define BTX_ADMINISTRATION_INIT { BTX_DATE_UNKNOWN, 0, 0, 0, 0.0 }

/**
 * @brief The patient facts the rules need. A NULL patient means birth date and weight
 * unknown. Extensible input struct: see #btx_policy.
 */
typedef struct btx_patient {
    size_t struct_size;   /**< sizeof the caller's version; smaller than 1.0 is #BTX_EVERSION. */
    double weight_kg;     /**< Body weight; 0 when not known. */
    btx_date birth_date;  /**< #BTX_DATE_UNKNOWN when not known; after the date checked is #BTX_ERANGE (since 1.2). */
    btx_date weight_date; /**< When the weight was measured; #BTX_DATE_UNKNOWN if not known. A weight measured after the date checked is not used for it (since 1.2). */
} btx_patient;

/**
 * @def BTX_PATIENT_INIT
 * @brief Initialiser of a #btx_patient about whom nothing is known: struct_size
 * `sizeof(btx_patient)`, birth date, weight and weight date unknown.
 *
 * `btx_patient p = BTX_PATIENT_INIT;` then set what the chart says. Never zero a
 * patient instead (`memset` or `= {0}`): a zero birth date is 1970-01-01, a real date,
 * so the age-unknown notice disappears and the rules of that age are applied. C99 and
 * C++11.
 * @since 1.2
 */
#define BTX_PATIENT_INIT { sizeof(btx_patient), 0.0, BTX_DATE_UNKNOWN, BTX_DATE_UNKNOWN }

/**
 * @brief Caller's policy. A NULL policy means the label's rules, history not declared
 * complete.
 *
 * Extensible input struct: struct_size below the 1.0 layout is #BTX_EVERSION; a larger
 * size is accepted only if every byte past the 1.0 layout is zero.
 */
typedef struct btx_policy {
    size_t struct_size;          /**< sizeof the caller's version. */
    int32_t window_length;       /**< 0 = label; else replaces the 3-month length of the substance-wide cumulative windows (not the blepharospasm 30 days). */
    int32_t window_unit;         /**< #BTX_DAYS, #BTX_WEEKS or #BTX_MONTHS; ignored when window_length is 0. */
    int32_t min_spacing_days;    /**< Days between visits of one substance on different dates, across indications; 0 = none. */
    int32_t weight_max_age_days; /**< 0 = any weight measured on or before D counts; else only if 0 <= D - weight_date <= this. A weight dated after D never counts for D (since 1.2). */
    double warn_fraction;        /**< WARNING when a window's total with the proposal is >= this share of its limit and within it; 0 = never. */
    int32_t history_complete;    /**< 1 = the caller declares the history whole; 0 = not. */
    int32_t reserved;            /**< 0. */
} btx_policy;

/**
 * @def BTX_POLICY_INIT
 * @brief Initialiser of a #btx_policy with struct_size `sizeof(btx_policy)` and the
 * label's rules: the same answers as a NULL policy (history not declared complete).
 *
 * `btx_policy pol = BTX_POLICY_INIT;` then set the options wanted. C99 and C++11.
 * @since 1.2
 */
#define BTX_POLICY_INIT { sizeof(btx_policy), 0, 0, 0, 0, 0.0, 0, 0 }

/**
 * @brief Checks every record of a history.
 *
 * A record is bad when its date is outside 1900-01-01..2199-12-31 (#BTX_ERANGE), its
 * product is not a #btx_product or its indication neither 0 nor a #btx_indication
 * (#BTX_EINVAL), its flags are neither 0 nor a limb count of 1 or 2 on an upper or lower
 * limb spasticity record (#BTX_LIMBS_MASK; #BTX_EINVAL), or its units are NaN, infinite,
 * negative or above #BTX_UNITS_MAX (#BTX_ERANGE). Fields are checked in that order.
 * @param[in]  history   Records, any order; may be NULL when @p n is 0.
 * @param[in]  n         Number of records.
 * @param[out] bad_index Index of the first bad record; set to 0 on success. May be NULL.
 * @return #BTX_OK or the error of the first bad record; #BTX_EINVAL for a NULL
 *         @p history with @p n above 0.
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_validate_history(const btx_administration *history, size_t n, size_t *bad_index);

/**
 * @brief sizeof(btx_patient) in the 1.0 layout.
 * @return The size in bytes (24 on LP64).
 * @since 1.0
 */
BTX_API size_t btx_sizeof_patient(void);

/**
 * @brief sizeof(btx_policy) in the 1.0 layout.
 * @return The size in bytes (40 on LP64).
 * @since 1.0
 */
BTX_API size_t btx_sizeof_policy(void);

/**
 * @brief sizeof(btx_administration): always 24.
 * @return 24.
 * @since 1.0
 */
BTX_API size_t btx_sizeof_administration(void);

#ifdef __cplusplus
}
#endif

#endif /* BTXDOSE_RECORD_H */
