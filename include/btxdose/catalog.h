/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file catalog.h
 * @brief Products, substances and indications: their codes, names and lookups.
 *
 * Every enumeration value is part of the ABI and never renumbered. Parameters and
 * fields that carry these values are `int32_t`; 0 always means "none/unknown".
 *
 * THREAD SAFETY: pure functions over static tables, callable from any thread.
 */
#ifndef BTXDOSE_CATALOG_H
#define BTXDOSE_CATALOG_H

#include <stdint.h>

#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief US botulinum-toxin products. Units of different substances never add up. */
typedef enum btx_product {
    BTX_PRODUCT_BOTOX = 1,          /**< BOTOX (onabotulinumtoxinA), therapeutic. */
    BTX_PRODUCT_BOTOX_COSMETIC = 2, /**< BOTOX Cosmetic (onabotulinumtoxinA). */
    BTX_PRODUCT_DYSPORT = 3,        /**< Dysport (abobotulinumtoxinA). */
    BTX_PRODUCT_XEOMIN = 4,         /**< Xeomin (incobotulinumtoxinA). */
    BTX_PRODUCT_JEUVEAU = 5,        /**< Jeuveau (prabotulinumtoxinA-xvfs). */
    BTX_PRODUCT_DAXXIFY = 6,        /**< Daxxify (daxibotulinumtoxinA-lanm). */
    BTX_PRODUCT_LETYBO = 7,         /**< Letybo (letibotulinumtoxinA-wlbg). */
    BTX_PRODUCT_MYOBLOC = 8         /**< Myobloc (rimabotulinumtoxinB). */
} btx_product;

/** @brief Active substances. BOTOX and BOTOX Cosmetic share onabotulinumtoxinA. */
typedef enum btx_substance {
    BTX_SUBSTANCE_ONABOTULINUMTOXINA = 1,  /**< BOTOX, BOTOX Cosmetic. */
    BTX_SUBSTANCE_ABOBOTULINUMTOXINA = 2,  /**< Dysport. */
    BTX_SUBSTANCE_INCOBOTULINUMTOXINA = 3, /**< Xeomin. */
    BTX_SUBSTANCE_PRABOTULINUMTOXINA = 4,  /**< Jeuveau. */
    BTX_SUBSTANCE_DAXIBOTULINUMTOXINA = 5, /**< Daxxify. */
    BTX_SUBSTANCE_LETIBOTULINUMTOXINA = 6, /**< Letybo. */
    BTX_SUBSTANCE_RIMABOTULINUMTOXINB = 7  /**< Myobloc. */
} btx_substance;

/** @brief Indications (and headache types no product is approved for). */
typedef enum btx_indication {
    BTX_INDICATION_CHRONIC_MIGRAINE = 1,                 /**< chronic_migraine */
    BTX_INDICATION_OVERACTIVE_BLADDER = 2,               /**< overactive_bladder */
    BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY = 3, /**< neurogenic_detrusor_overactivity */
    BTX_INDICATION_UPPER_LIMB_SPASTICITY = 4,            /**< upper_limb_spasticity */
    BTX_INDICATION_LOWER_LIMB_SPASTICITY = 5,            /**< lower_limb_spasticity */
    BTX_INDICATION_CERVICAL_DYSTONIA = 6,                /**< cervical_dystonia */
    BTX_INDICATION_AXILLARY_HYPERHIDROSIS = 7,           /**< axillary_hyperhidrosis */
    BTX_INDICATION_BLEPHAROSPASM = 8,                    /**< blepharospasm */
    BTX_INDICATION_STRABISMUS = 9,                       /**< strabismus */
    BTX_INDICATION_GLABELLAR_LINES = 10,                 /**< glabellar_lines */
    BTX_INDICATION_LATERAL_CANTHAL_LINES = 11,           /**< lateral_canthal_lines */
    BTX_INDICATION_FOREHEAD_LINES = 12,                  /**< forehead_lines */
    BTX_INDICATION_PLATYSMA_BANDS = 13,                  /**< platysma_bands */
    BTX_INDICATION_CHRONIC_SIALORRHEA = 14,              /**< chronic_sialorrhea */
    BTX_INDICATION_EPISODIC_MIGRAINE = 15,               /**< episodic_migraine (not established) */
    BTX_INDICATION_CLUSTER_HEADACHE = 16,                /**< cluster_headache (not labelled) */
    BTX_INDICATION_TENSION_TYPE_HEADACHE = 17            /**< tension_type_headache (not labelled) */
} btx_indication;

/** @brief Patient population for a protocol lookup. */
typedef enum btx_population {
    BTX_ADULT = 1,    /**< 18 years and over. */
    BTX_PEDIATRIC = 2 /**< Under 18 years. */
} btx_population;

/** @brief Whether a product is labelled for an indication. */
typedef enum btx_label_status {
    BTX_LABEL_APPROVED = 1,        /**< The US label covers the pair. */
    BTX_LABEL_NOT_ESTABLISHED = 2, /**< The label says safety and effectiveness are not established. */
    BTX_LABEL_NOT_LABELLED = 3     /**< No US label covers the pair. */
} btx_label_status;

/** @brief Therapeutic or cosmetic use. */
typedef enum btx_category {
    BTX_CATEGORY_THERAPEUTIC = 1, /**< Therapeutic indication. */
    BTX_CATEGORY_COSMETIC = 2     /**< Aesthetic indication. */
} btx_category;

/** @brief Units of a window or interval length. "N weeks" is 7N days; months are calendar months. */
typedef enum btx_interval_unit {
    BTX_DAYS = 1,  /**< Days. */
    BTX_WEEKS = 2, /**< Weeks of 7 days. */
    BTX_MONTHS = 3 /**< Calendar months, day clamped to the month's end. */
} btx_interval_unit;

/** @brief Kind of a re-treatment interval. */
typedef enum btx_interval_kind {
    BTX_INTERVAL_MINIMUM = 1, /**< "No sooner than": a session earlier is a critical finding. */
    BTX_INTERVAL_SCHEDULE = 2 /**< "Every N": a session earlier is a warning. */
} btx_interval_kind;

/** @brief Strength of the evidence behind a number or rule. */
typedef enum btx_evidence {
    BTX_EVIDENCE_LABEL = 1,    /**< Prescribing-information copy, FDA page or manufacturer HCP text (levels: docs/sources.md). */
    BTX_EVIDENCE_SECONDARY = 2 /**< Secondary or low-authority source: the integrator should verify it. */
} btx_evidence;

/**
 * @brief Display name of a product ("BOTOX", "BOTOX Cosmetic", "Dysport", ...).
 * @param[in] product A #btx_product value.
 * @return A static string, never NULL; "unknown" for a value outside the set.
 * @since 1.0
 */
BTX_API const char *btx_product_name(int32_t product);

/**
 * @brief Finds a product by name.
 *
 * Accepts the brand ("Botox", "Botox Cosmetic", "Dysport", ...) or the nonproprietary
 * name with or without its suffix ("prabotulinumtoxinA-xvfs", "prabotulinumtoxinA");
 * "onabotulinumtoxinA" alone means BOTOX. Case-insensitive; leading and trailing
 * spaces are ignored; nothing else is accepted. To resolve a nonproprietary name to the
 * product labelled for an indication (onabotulinumtoxinA for glabellar lines is BOTOX
 * Cosmetic), use #btx_substance_lookup and #btx_product_for_indication.
 * @param[in]  name    NUL-terminated name; borrowed for the call.
 * @param[out] product The #btx_product value.
 * @return #BTX_OK; #BTX_EINVAL for a NULL pointer; #BTX_ENOTFOUND for any other text.
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_product_lookup(const char *name, int32_t *product);

/**
 * @brief Substance of a product.
 * @param[in] product A #btx_product value.
 * @return The #btx_substance value, or 0 for a value outside the set.
 * @since 1.0
 */
BTX_API int32_t btx_product_substance(int32_t product);

/**
 * @brief Nonproprietary name of a substance ("onabotulinumtoxinA", ...).
 * @param[in] substance A #btx_substance value.
 * @return A static string, never NULL; "unknown" for a value outside the set.
 * @since 1.0
 */
BTX_API const char *btx_substance_name(int32_t substance);

/**
 * @brief Stable snake_case key of an indication ("chronic_migraine", ...).
 * @param[in] indication A #btx_indication value.
 * @return A static string, never NULL; "unknown" for a value outside the set.
 * @since 1.0
 */
BTX_API const char *btx_indication_name(int32_t indication);

/**
 * @brief Finds an indication by key or common spelling.
 *
 * Accepts the snake_case key and common spellings ("chronic migraine", "OAB",
 * "crow's feet", ...). Case-insensitive; surrounding spaces ignored.
 * @param[in]  name       NUL-terminated text; borrowed for the call.
 * @param[out] indication The #btx_indication value.
 * @return #BTX_OK; #BTX_EINVAL for a NULL pointer; #BTX_ENOTFOUND for unknown text.
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_indication_lookup(const char *name, int32_t *indication);

/**
 * @brief Maps an ICD-10-CM code to an indication.
 *
 * Chronic migraine: G43.7xx and G43.Exx (G43.701, G43.709, G43.711, G43.719, G43.E01,
 * G43.E09, G43.E11, G43.E19, and the family headers G43.7, G43.70, G43.71, G43.E,
 * G43.E0, G43.E1); cervical dystonia: G24.3 and M43.6. Since 1.2 also: blepharospasm
 * G24.5; primary axillary hyperhidrosis L74.510; overactive bladder N32.81; neurogenic
 * detrusor overactivity N31.0, N31.1, N31.9; chronic sialorrhea K11.7; strabismus
 * H49.0-, H49.1-, H49.2-, H49.9 and H50-; upper limb spasticity G83.2- and I69.x3-
 * (monoplegia of an upper limb); lower limb spasticity G83.1- and I69.x4- (of a lower
 * limb), where "-" is a family: the code itself and every code below it (digits only).
 * docs/clinical-data.md lists the codes, their sources and why others (spasticity
 * coded by its cause, the aesthetic indications) have no mapping. The dot is optional
 * (only after the three-character category), case is ignored, surrounding spaces are
 * ignored.
 * @param[in]  code       NUL-terminated code; borrowed for the call.
 * @param[out] indication The #btx_indication value.
 * @return #BTX_OK; #BTX_EINVAL for a NULL pointer; #BTX_ENOTFOUND for a code with no mapping.
 * @since 1.0 (the codes added in 1.2 were #BTX_ENOTFOUND before)
 */
BTX_NODISCARD BTX_API int btx_indication_from_icd10(const char *code, int32_t *indication);

/**
 * @brief Finds a substance by its nonproprietary name.
 *
 * Accepts the nonproprietary names with or without their four-letter suffix
 * ("onabotulinumtoxinA", "prabotulinumtoxinA-xvfs", "prabotulinumtoxinA"), with the same
 * matching as #btx_product_lookup (ASCII case-insensitive, surrounding spaces ignored).
 * Brand names are not substances: "Botox" is #BTX_ENOTFOUND here. A caller that reads
 * product names from outside (an EHR, a command line) tries this first and, when it
 * succeeds, asks #btx_product_for_indication for the product; otherwise it calls
 * #btx_product_lookup.
 * @param[in]  name      NUL-terminated name; borrowed for the call.
 * @param[out] substance The #btx_substance value; untouched unless #BTX_OK.
 * @return #BTX_OK; #BTX_EINVAL for a NULL pointer; #BTX_ENOTFOUND for any other text.
 * @since 1.2
 */
BTX_NODISCARD BTX_API int btx_substance_lookup(const char *name, int32_t *substance);

/**
 * @brief The product whose US label covers a substance for an indication.
 *
 * onabotulinumtoxinA for glabellar, lateral canthal or forehead lines or platysma bands
 * is BOTOX Cosmetic; for chronic migraine (and every other indication BOTOX is labelled
 * for, and episodic migraine, which its label names as not established) it is BOTOX.
 * Every other substance has one product, which is the answer for every indication. When
 * no product of the substance is labelled for the indication, and when @p indication is
 * 0 (not recorded), the answer is the product #btx_product_lookup gives for the
 * substance's nonproprietary name (onabotulinumtoxinA: BOTOX); #btx_evaluate then
 * reports the pair as not labelled. The label status is the one #btx_protocol_lookup
 * reports, for adults or children.
 * @param[in]  substance  A #btx_substance value.
 * @param[in]  indication A #btx_indication value, or 0 for "not recorded".
 * @param[out] product    The #btx_product value; untouched unless #BTX_OK.
 * @return #BTX_OK; #BTX_EINVAL for a NULL pointer, a substance outside the set or an
 *         indication neither 0 nor in the set.
 * @since 1.2
 */
BTX_NODISCARD BTX_API int btx_product_for_indication(int32_t substance, int32_t indication,
                                                     int32_t *product);

/**
 * @brief Stable name of a population: "adult", "pediatric".
 * @param[in] population A #btx_population value.
 * @return A static string, never NULL; "unknown" for a value outside the set.
 * @since 1.2
 */
BTX_API const char *btx_population_name(int32_t population);

/**
 * @brief Stable name of a category: "therapeutic", "cosmetic".
 * @param[in] category A #btx_category value.
 * @return A static string, never NULL; "unknown" for a value outside the set (also 0,
 *         "not stated").
 * @since 1.2
 */
BTX_API const char *btx_category_name(int32_t category);

/**
 * @brief Stable name of an interval unit: "days", "weeks", "months".
 * @param[in] unit A #btx_interval_unit value.
 * @return A static string, never NULL; "unknown" for a value outside the set.
 * @since 1.2
 */
BTX_API const char *btx_interval_unit_name(int32_t unit);

/**
 * @brief Stable name of an interval kind: "minimum", "schedule".
 * @param[in] kind A #btx_interval_kind value.
 * @return A static string, never NULL; "unknown" for a value outside the set.
 * @since 1.2
 */
BTX_API const char *btx_interval_kind_name(int32_t kind);

/**
 * @brief Stable name of an evidence level: "label", "secondary".
 * @param[in] evidence A #btx_evidence value.
 * @return A static string, never NULL; "unknown" for a value outside the set (also 0,
 *         the value of policy rules and notices, which have no evidence level).
 * @since 1.2
 */
BTX_API const char *btx_evidence_name(int32_t evidence);

#ifdef __cplusplus
}
#endif

#endif /* BTXDOSE_CATALOG_H */
