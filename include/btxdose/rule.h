/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file rule.h
 * @brief Stable rule ids: every finding names the rule it reports on.
 *
 * Ids are pinned for the life of the ABI (see docs/findings.md); new rules get new ids.
 *
 * THREAD SAFETY: pure functions, callable from any thread.
 */
#ifndef BTXDOSE_RULE_H
#define BTXDOSE_RULE_H

#include <stdint.h>

#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Rule ids. Values are part of the ABI. */
typedef enum btx_rule {
    /* Rolling-window limits (BTX_FINDING_WINDOW_LIMIT). */
    BTX_RULE_ONA_ADULT_WINDOW = 1,         /**< onabotulinumtoxinA, adults: 400 U in any 3 months. */
    BTX_RULE_ONA_PEDIATRIC_WINDOW = 2,     /**< onabotulinumtoxinA, under 18: lower of 10 U/kg and 340 U in any 3 months. */
    BTX_RULE_ONA_BLEPHAROSPASM_WINDOW = 3, /**< BOTOX blepharospasm: 200 U in any 30 days. */
    BTX_RULE_ONA_ADULT_WINDOW_POLICY = 4,  /**< The adult limit over the policy's window length. */
    BTX_RULE_ONA_PEDIATRIC_WINDOW_POLICY = 5, /**< The pediatric limit over the policy's window length. */

    /* Session caps: one substance, one indication, one date (BTX_FINDING_SESSION_LIMIT). */
    BTX_RULE_BOTOX_PED_ULS_SESSION = 20,        /**< BOTOX pediatric upper limb: lower of 6 U/kg and 200 U. */
    BTX_RULE_BOTOX_PED_NDO_SESSION = 21,        /**< BOTOX pediatric NDO: lower of 6 U/kg and 200 U. */
    BTX_RULE_BOTOX_COSMETIC_GLABELLAR_SESSION = 22, /**< BOTOX Cosmetic glabellar lines: 20 U. */
    BTX_RULE_BOTOX_COSMETIC_LATERAL_CANTHAL_SESSION = 23, /**< BOTOX Cosmetic lateral canthal lines: 24 U. */
    BTX_RULE_BOTOX_COSMETIC_FOREHEAD_SESSION = 24, /**< BOTOX Cosmetic forehead lines: 20 U. */
    BTX_RULE_BOTOX_COSMETIC_PLATYSMA_SESSION = 25, /**< BOTOX Cosmetic platysma bands: 36 U. */
    BTX_RULE_DYSPORT_PED_ULS_LIMB = 26,  /**< Dysport pediatric upper limb: lower of 16 U/kg and 640 U per limb treated (#BTX_LIMBS_MASK). @since 1.2 */
    BTX_RULE_DYSPORT_PED_LLS_LIMB = 27,  /**< Dysport pediatric lower limb: lower of 15 U/kg per leg treated and 1000 U. @since 1.2 */
    BTX_RULE_XEOMIN_PED_ULS_LIMB = 28,   /**< Xeomin pediatric upper limb: lower of 8 U/kg and 200 U per limb treated. @since 1.2 */

    /* Visit caps: one substance, one date, the indications named (BTX_FINDING_SESSION_LIMIT). */
    BTX_RULE_BOTOX_COSMETIC_UPPER_FACE_VISIT = 40, /**< BOTOX Cosmetic glabellar + lateral canthal + forehead: 64 U. */
    BTX_RULE_XEOMIN_VISIT = 41,                    /**< Xeomin, every indication: 400 U. */
    BTX_RULE_XEOMIN_UPPER_FACE_VISIT = 42,         /**< Xeomin upper facial lines: 64 U. */
    BTX_RULE_DYSPORT_ADULT_SPASTICITY_VISIT = 43,  /**< Dysport adult upper + lower limb: 1500 U. */
    BTX_RULE_DYSPORT_PED_SPASTICITY_VISIT = 44,    /**< Dysport pediatric upper + lower limb: lower of 30 U/kg and 1000 U. */

    /* Re-treatment intervals (BTX_FINDING_TOO_SOON). */
    BTX_RULE_BOTOX_CHRONIC_MIGRAINE_INTERVAL = 60, /**< Every 12 weeks (schedule). */
    BTX_RULE_BOTOX_OAB_INTERVAL = 61,              /**< No sooner than 12 weeks. */
    BTX_RULE_BOTOX_ADULT_NDO_INTERVAL = 62,        /**< No sooner than 12 weeks. */
    BTX_RULE_BOTOX_PED_ULS_INTERVAL = 63,          /**< No sooner than 12 weeks. */
    BTX_RULE_BOTOX_ADULT_ULS_INTERVAL = 64,        /**< No sooner than 12 weeks. */
    BTX_RULE_BOTOX_BLEPHAROSPASM_INTERVAL = 65,    /**< Every 3 months (schedule). */
    BTX_RULE_BOTOX_COSMETIC_INTERVAL = 66,         /**< Each area at least 90 days apart. */
    BTX_RULE_DYSPORT_ADULT_SPASTICITY_INTERVAL = 67, /**< No sooner than 12 weeks. */
    BTX_RULE_DYSPORT_PED_LLS_INTERVAL = 68,        /**< No sooner than 12 weeks. */
    BTX_RULE_DYSPORT_PED_ULS_INTERVAL = 69,        /**< No sooner than 16 weeks. */
    BTX_RULE_DYSPORT_CD_INTERVAL = 70,             /**< 12 weeks or longer. */
    BTX_RULE_DYSPORT_GLABELLAR_INTERVAL = 71,      /**< No more than every 3 months. */
    BTX_RULE_XEOMIN_ADULT_ULS_INTERVAL = 72,       /**< No sooner than 12 weeks. */
    BTX_RULE_XEOMIN_PED_SIALORRHEA_INTERVAL = 73,  /**< No sooner than 16 weeks. */
    BTX_RULE_XEOMIN_ADULT_SIALORRHEA_INTERVAL = 74,/**< No sooner than 16 weeks. */
    BTX_RULE_XEOMIN_UPPER_FACE_INTERVAL = 75,      /**< No more often than every 3 months. */
    BTX_RULE_JEUVEAU_GLABELLAR_INTERVAL = 76,      /**< No more often than every 3 months. */
    BTX_RULE_LETYBO_GLABELLAR_INTERVAL = 77,       /**< No more often than every 3 months. */
    BTX_RULE_DAXXIFY_GLABELLAR_INTERVAL = 78,      /**< Every 3 months (schedule: more often not clinically evaluated). */
    BTX_RULE_MYOBLOC_CD_INTERVAL = 79,             /**< No sooner than 12 weeks. */
    BTX_RULE_MYOBLOC_SIALORRHEA_INTERVAL = 80,     /**< No more often than every 3 months. */

    /* Policy rules. */
    BTX_RULE_POLICY_SPACING = 100,  /**< policy->min_spacing_days between visits of a substance. */

    /* Protocol and label checks. */
    BTX_RULE_PROTOCOL_DOSE = 110,       /**< Session total above the protocol's dose_max_units. */
    BTX_RULE_LABEL_NOT_ESTABLISHED = 111, /**< Label says not established (episodic migraine). */
    BTX_RULE_LABEL_NOT_LABELLED = 112,  /**< No label covers product and indication for the population. */
    BTX_RULE_LABEL_AGE = 113,           /**< Age outside the label row's age range. */

    /* Notices. */
    BTX_RULE_NOTICE_MIXED_SUBSTANCES = 120,  /**< Another substance within 3 months either side. */
    BTX_RULE_NOTICE_AGE_UNKNOWN = 121,       /**< Birth date unknown: adult rules applied. */
    BTX_RULE_NOTICE_HISTORY_INCOMPLETE = 122 /**< History not declared complete. */
} btx_rule;

/**
 * @brief Stable snake_case name of a rule id, e.g. "ona_adult_window".
 * @param[in] rule A #btx_rule value.
 * @return A static string, never NULL; "unknown" for an id the library does not know.
 * @since 1.0
 */
BTX_API const char *btx_rule_name(int32_t rule);

#ifdef __cplusplus
}
#endif

#endif /* BTXDOSE_RULE_H */
