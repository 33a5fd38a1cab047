/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file protocol.h
 * @brief What the label recommends: protocol lookup, muscle regions, reconstitution.
 *
 * THREAD SAFETY: pure functions over static tables, callable from any thread.
 */
#ifndef BTXDOSE_PROTOCOL_H
#define BTXDOSE_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief A label's recommendation for one product, indication and population.
 *
 * Size-prefixed output struct: set @c struct_size to `sizeof(btx_protocol)` before the
 * call; the library writes only the fields that fit.
 */
typedef struct btx_protocol {
    size_t struct_size;       /**< Set by the caller to sizeof its version of the struct. */
    int32_t product;          /**< #btx_product. */
    int32_t indication;       /**< #btx_indication. */
    int32_t population;       /**< #btx_population asked for. */
    int32_t label_status;     /**< #btx_label_status. */
    int32_t category;         /**< #btx_category. */
    int32_t age_min_years;    /**< Youngest age the label admits; 0 = no bound. */
    double dose_units;        /**< Recommended total per session (fixed, or the label's initial/typical dose); 0 if only a range. */
    double dose_min_units;    /**< Range per session: equals dose_units for a fixed dose; 0 when no range is stated. */
    double dose_max_units;    /**< Range per session: equals dose_units for a fixed dose; 0 when no range is stated. */
    double units_per_kg_min;  /**< Weight-based dosing, U/kg; 0 if not. */
    double units_per_kg_max;  /**< Weight-based dosing, U/kg; 0 if not. */
    double session_cap_units; /**< Absolute cap per session; 0 if none. */
    double session_cap_units_per_kg; /**< Weight-based cap per session; the cap is the lower of the two when both are set. */
    double units_per_site;    /**< Units per injection site; 0 when it differs between sites or regions. */
    int32_t sites;            /**< Injection sites in total; 0 when not fixed. */
    int32_t regions;          /**< Number of entries #btx_protocol_region gives. */
    int32_t interval_length;  /**< Re-treatment interval; 0 when the label states none. */
    int32_t interval_unit;    /**< #btx_interval_unit of interval_length. */
    int32_t interval_kind;    /**< #btx_interval_kind. */
    int32_t evidence;         /**< #btx_evidence of the dose. */
    int32_t age_max_years;    /**< Oldest age the label admits; 0 = no bound. */
    int32_t reserved;         /**< Always 0. */
    const char *source;       /**< Static UTF-8 citation: label, section, revision and source ids (docs/sources.md resolves the ids); never freed. */
    /* 1.2: written only when struct_size holds them (a 1.0/1.1 caller's struct ends above). */
    int32_t per_limb;         /**< 1 when units_per_kg_min/max and the limb caps are per limb treated (a record states its limbs in btx_administration::flags, #BTX_LIMBS_MASK); 0 otherwise. @since 1.2 */
    int32_t reserved2;        /**< Always 0. @since 1.2 */
    double limb_cap_units;    /**< Cap per limb treated, absolute part; 0 when the absolute part is per session only (then session_cap_units). @since 1.2 */
    double limb_cap_units_per_kg; /**< Cap per limb treated, U/kg part; for n limbs the cap is n times it (and n times limb_cap_units), the lower of the two. 0 if none. @since 1.2 */
    double site_max_units;    /**< Generally at most this many units at one injection site; 0 when the label states no such maximum in units. @since 1.2 */
    double site_max_ml;       /**< Generally at most this volume at one injection site, mL; 0 when none is stated. The units it means depend on the dilution: site_max_ml times #btx_reconstitute's units per mL. @since 1.2 */
} btx_protocol;

/**
 * @def BTX_PROTOCOL_INIT
 * @brief Initialiser of a #btx_protocol with struct_size `sizeof(btx_protocol)` and every
 * other field 0: `btx_protocol p = BTX_PROTOCOL_INIT;`. C99 and C++11.
 * @since 1.2
 */
#define BTX_PROTOCOL_INIT                                                                 \
    { sizeof(btx_protocol), 0, 0, 0, 0, 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0,  \
      0, 0, 0, 0, 0, 0, NULL, 0, 0, 0.0, 0.0, 0.0, 0.0 }

/**
 * @brief One muscle group or treatment area of a protocol.
 *
 * Size-prefixed output struct, like #btx_protocol.
 */
typedef struct btx_region {
    size_t struct_size;       /**< Set by the caller to sizeof its version of the struct. */
    const char *name;         /**< Static name, e.g. "Temporalis"; never freed. */
    double units;             /**< Fixed total for the region; 0 when a range. */
    double units_min;         /**< Range; both equal units if fixed. */
    double units_max;         /**< Range; both equal units if fixed. */
    double units_per_kg_min;  /**< Weight-based, U/kg; 0 if not. */
    double units_per_kg_max;  /**< Weight-based, U/kg; 0 if not. */
    int32_t sites;            /**< Fixed number of sites; 0 when a range. */
    int32_t sites_min;        /**< Sites, lower end (equals sites when fixed). */
    int32_t sites_max;        /**< Sites, upper end (equals sites when fixed). */
    int32_t bilateral;        /**< 1 when split evenly left and right. */
} btx_region;

/**
 * @def BTX_REGION_INIT
 * @brief Initialiser of a #btx_region with struct_size `sizeof(btx_region)` and every
 * other field 0: `btx_region r = BTX_REGION_INIT;`. C99 and C++11.
 * @since 1.2
 */
#define BTX_REGION_INIT { sizeof(btx_region), NULL, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0, 0, 0 }

/**
 * @brief Looks up the label's protocol for a product, indication and population.
 *
 * A pediatric lookup returns the label's pediatric dosing where it has one, else the
 * row whose age range admits patients under 18. Where no label covers the pair the
 * call returns #BTX_ENOTFOUND and still sets product, indication, population and
 * label_status (#BTX_LABEL_NOT_ESTABLISHED for onabotulinumtoxinA and episodic
 * migraine, #BTX_LABEL_NOT_LABELLED otherwise), every other field but struct_size 0.
 * @param[in]  product    #btx_product.
 * @param[in]  indication #btx_indication.
 * @param[in]  population #btx_population.
 * @param[out] out        Caller's struct with struct_size set.
 * @return #BTX_OK; #BTX_EINVAL for NULL @p out or a code outside its set;
 *         #BTX_EVERSION for a struct_size below the 1.0 layout; #BTX_ENOTFOUND as above.
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_protocol_lookup(int32_t product, int32_t indication, int32_t population,
                                              btx_protocol *out);

/**
 * @brief One region (muscle group or area) of a protocol.
 * @param[in]  product    #btx_product.
 * @param[in]  indication #btx_indication.
 * @param[in]  population #btx_population.
 * @param[in]  index      0 .. regions-1 of the protocol.
 * @param[out] out        Caller's struct with struct_size set.
 * @return #BTX_OK; #BTX_EINVAL for NULL @p out or a code outside its set;
 *         #BTX_EVERSION for a struct_size below the 1.0 layout; #BTX_ENOTFOUND when no
 *         protocol exists or @p index is not below its region count.
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_protocol_region(int32_t product, int32_t indication, int32_t population,
                                              int32_t index, btx_region *out);

/**
 * @brief Concentration after reconstitution, in units per 0.1 mL.
 *
 * 100 U in 2 mL gives 5 U per 0.1 mL; 100 U in 2.5 mL gives 4.
 * @param[in]  vial_units       Units in the vial, above 0 and at most 100000.
 * @param[in]  diluent_ml       Diluent volume in mL, above 0 and at most 1000.
 * @param[out] units_per_0_1ml The concentration.
 * @return #BTX_OK; #BTX_EINVAL for a NULL pointer; #BTX_ERANGE for non-positive, NaN,
 *         infinite or absurd inputs.
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_reconstitute(double vial_units, double diluent_ml, double *units_per_0_1ml);

/**
 * @brief Volume to draw for a dose from a reconstituted vial.
 *
 * 155 U from a 200 U vial in 4 mL is 3.1 mL.
 * @param[in]  units      Dose in units, at least 0 and at most 100000.
 * @param[in]  vial_units Units in the vial, above 0 and at most 100000.
 * @param[in]  diluent_ml Diluent volume in mL, above 0 and at most 1000.
 * @param[out] ml         The volume in mL.
 * @return #BTX_OK; #BTX_EINVAL for a NULL pointer; #BTX_ERANGE for negative, NaN,
 *         infinite or absurd inputs, or a non-positive vial or diluent.
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_dose_volume(double units, double vial_units, double diluent_ml, double *ml);

/**
 * @brief Stable name of a label status ("approved", "not_established", "not_labelled").
 * @param[in] status A #btx_label_status value.
 * @return A static string, never NULL; "unknown" for a value outside the set.
 * @since 1.0
 */
BTX_API const char *btx_label_status_name(int32_t status);

/**
 * @brief sizeof(btx_protocol) in the library's 1.0 layout, for bindings to check their mirror.
 * @return The size in bytes.
 * @since 1.0
 */
BTX_API size_t btx_sizeof_protocol(void);

/**
 * @brief sizeof(btx_region) in the library's 1.0 layout, for bindings to check their mirror.
 * @return The size in bytes.
 * @since 1.0
 */
BTX_API size_t btx_sizeof_region(void);

#ifdef __cplusplus
}
#endif

#endif /* BTXDOSE_PROTOCOL_H */
