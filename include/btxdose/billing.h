/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file billing.h
 * @brief Vials, discarded units and US billing lines: which single-dose vials to open for
 * a dose, how many units are discarded, the HCPCS drug lines with their billing units and
 * the JW/JZ discarded-drug modifiers, the advisory CPT administration codes, and the
 * product behind a package NDC.
 *
 * Every number comes from a table row with a source id in brackets ("[BH1, BR1]");
 * docs/billing.md lists the rules, the worked examples, the sources and what the
 * library leaves to the biller (payer, medical necessity, MUEs, other modifiers, NDC
 * quantities on the claim). The answers are decision support for a biller, not a claim.
 *
 * Doses are rounded to 0.001 U as everywhere in the library (docs/semantics.md, Units)
 * and every billing computation is done on those integer milli-units, never on floats:
 * a 1.25 U dose is exactly 2 billing units of a 1-unit code.
 *
 * THREAD SAFETY: pure functions over static tables, callable from any thread.
 * @since 1.2
 */
#ifndef BTXDOSE_BILLING_H
#define BTXDOSE_BILLING_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Entries of the vial arrays of #btx_vial_plan and #btx_billing: the most
 * orderable vial sizes one product has. @since 1.2 */
#define BTX_VIAL_SIZES_MAX 4
/** @brief Entries of #btx_billing::lines: the administered line and the discarded line.
 * @since 1.2 */
#define BTX_BILL_LINES_MAX 2
/** @brief Entries of #btx_billing::cpt. @since 1.2 */
#define BTX_CPT_MAX 4

/** @brief Where the drug is given, which decides whether JW/JZ apply. Values are part of
 * the ABI. @since 1.2 */
typedef enum btx_setting {
    BTX_SETTING_OFFICE = 1,              /**< office: physician office (Medicare Part B). */
    BTX_SETTING_HOSPITAL_OUTPATIENT = 2, /**< hospital_outpatient: hospital outpatient department (OPPS). */
    BTX_SETTING_ASC = 3,                 /**< asc: ambulatory surgical center. */
    BTX_SETTING_CAH = 4,                 /**< cah: critical access hospital. */
    BTX_SETTING_RHC = 5,                 /**< rhc: rural health clinic (JW/JZ do not apply). */
    BTX_SETTING_FQHC = 6,                /**< fqhc: federally qualified health center (JW/JZ do not apply). */
    BTX_SETTING_INPATIENT = 7            /**< inpatient: inpatient claim under the IPPS (JW/JZ do not apply). */
} btx_setting;

/** @brief Whether there are drug lines, and why not. Values are part of the ABI.
 * @since 1.2 */
typedef enum btx_bill_status {
    BTX_BILL_DRUG_LINES = 1,      /**< A therapeutic use with a HCPCS code in effect: the lines are given. */
    BTX_BILL_COSMETIC = 2,        /**< A cosmetic indication: not covered, self-pay; no drug line, no code. */
    BTX_BILL_NO_CODE = 3,         /**< No HCPCS code for this substance (prabotulinumtoxinA, letibotulinumtoxinA). */
    BTX_BILL_NO_CODE_ON_DATE = 4  /**< The substance's code is not in effect, or not confirmed, on the date of service. */
} btx_bill_status;

/** @brief How the discarded-drug modifiers JW and JZ apply to the lines. Values are part
 * of the ABI. @since 1.2 */
typedef enum btx_waste_modifiers {
    BTX_WASTE_JW_JZ = 1,          /**< The JW/JZ rules were applied to the lines. */
    BTX_WASTE_NOT_IN_SETTING = 2, /**< The setting is one where JW and JZ do not apply (RHC, FQHC, inpatient). */
    BTX_WASTE_BEFORE_JW = 3       /**< The date of service is before JW was required (2017-01-01). */
} btx_waste_modifiers;

/**
 * @brief The vials to open for one patient's dose of one product in one session.
 *
 * Size-prefixed output struct: set @c struct_size to `sizeof(btx_vial_plan)` before the
 * call; the library writes only the fields of its own layout and never past it.
 */
typedef struct btx_vial_plan {
    size_t struct_size;       /**< Set by the caller to sizeof its version of the struct. */
    int32_t product;          /**< #btx_product. */
    int32_t vial_sizes;       /**< Entries used in vial_units and vial_counts. */
    int32_t vial_units[BTX_VIAL_SIZES_MAX];  /**< Every orderable single-dose vial size of the product, in label units, largest first. */
    int32_t vial_counts[BTX_VIAL_SIZES_MAX]; /**< Vials of that size to open (0 for a size not used). */
    int32_t vials;            /**< Vials opened in all. */
    int32_t in_use_hours;     /**< Hours a reconstituted vial may be kept (24; Daxxify 72); 0 when ready_to_use. */
    double dose_units;        /**< The dose, rounded to 0.001 U. */
    double opened_units;      /**< Units in the vials opened. */
    double discarded_units;   /**< opened_units - dose_units. */
    int32_t ready_to_use;     /**< 1: a solution that needs no reconstitution (Myobloc); 0 otherwise. */
    int32_t evidence;         /**< #btx_evidence of the in-use window. */
    const char *vial_source;  /**< Static: sources of the vial sizes (package NDCs) and of the rule for choosing them. */
    const char *in_use_source;/**< Static: source of the in-use window. */
} btx_vial_plan;

/**
 * @brief One drug line of a claim. Frozen: its layout never changes (it is an array
 * element of #btx_billing).
 */
typedef struct btx_bill_line {
    const char *hcpcs;          /**< Static HCPCS code, e.g. "J0585". */
    const char *modifier;       /**< Static "JW", "JZ" or "" (none). */
    int32_t billing_units;      /**< Units of the HCPCS descriptor to claim on this line. */
    int32_t discarded;          /**< 1: the discarded-drug line (JW); 0: the administered line. */
    int32_t modifier_required;  /**< 1: the modifier is required; 0: optional (JZ from 2023-01-01 to 2023-06-30) or no modifier. */
    int32_t reserved;           /**< Always 0. */
    double units;               /**< Label units the line stands for: the dose, or the units discarded. */
    const char *source;         /**< Static: sources of the code, its unit, the rounding and the modifier. */
} btx_bill_line;

/**
 * @brief What to bill for one patient's dose of one product on one date of service.
 *
 * Size-prefixed output struct: set @c struct_size to `sizeof(btx_billing)` before the
 * call; the library writes only the fields of its own layout and never past it.
 * Unused entries of the arrays are zero (NULL pointers).
 */
typedef struct btx_billing {
    size_t struct_size;       /**< Set by the caller to sizeof its version of the struct. */
    int32_t product;          /**< #btx_product. */
    int32_t indication;       /**< #btx_indication. */
    int32_t setting;          /**< #btx_setting. */
    btx_date date;            /**< Date of service. */
    int32_t category;         /**< #btx_category of the indication. */
    int32_t covered;          /**< 0: cosmetic, not covered (self-pay); 1: therapeutic, not excluded as cosmetic (the payer still decides medical necessity). */
    int32_t status;           /**< #btx_bill_status. */
    int32_t waste_modifiers;  /**< #btx_waste_modifiers; 0 when there are no drug lines. */
    double dose_units;        /**< The dose, rounded to 0.001 U. */
    double billing_unit;      /**< Label units per billing unit of the code (1, 5 or 100); 0 when there is no code. */
    const char *hcpcs;        /**< Static HCPCS code of the drug lines; "" when there is none. */
    const char *status_source;/**< Static: sources of the status (the code and its dates, no code, or cosmetic). */
    int32_t vial_sizes;       /**< Entries used in vial_units and vial_counts (as #btx_vial_plan). */
    int32_t vials;            /**< Vials opened in all. */
    int32_t vial_units[BTX_VIAL_SIZES_MAX];  /**< Orderable vial sizes, largest first (as #btx_vial_plan). */
    int32_t vial_counts[BTX_VIAL_SIZES_MAX]; /**< Vials of that size opened. */
    double opened_units;      /**< Units in the vials opened. */
    double discarded_units;   /**< opened_units - dose_units. */
    int32_t line_count;       /**< Entries used in lines: 0, 1 or 2. */
    int32_t reserved;         /**< Always 0. */
    btx_bill_line lines[BTX_BILL_LINES_MAX]; /**< The administered line first, then the discarded (JW) line if any. */
    int32_t cpt_count;        /**< Entries used in cpt. */
    int32_t reserved2;        /**< Always 0. */
    const char *cpt[BTX_CPT_MAX]; /**< Static CPT administration codes for the indication: advisory only (the muscles and limbs injected decide). */
    const char *cpt_source;   /**< Static: sources of the CPT codes; "" when there are none. */
    const char *modifier_source; /**< Static: sources of the JW/JZ answer for the setting and date; "" without drug lines. */
    const char *vial_source;  /**< Static: sources of the vial sizes and of the rule for choosing them. */
} btx_billing;

/**
 * @brief Chooses the single-dose vials to open for a dose.
 *
 * The dose is what one patient receives from the product in one session: every
 * same-day dose of that product for the patient together (a vial may serve several
 * indications of one patient in one session, never two patients or two sessions). Only
 * vial sizes with a sourced package NDC in the library's table are used (docs/billing.md
 * lists them). The plan has the fewest discarded units; among those, the fewest vials;
 * among those, the most vials of the largest size.
 * @param[in]  product #btx_product.
 * @param[in]  units   The dose in label units: finite, above 0 and at most 100000, and
 *                     at least 0.001 after rounding to 0.001 U.
 * @param[out] out     Caller's struct with struct_size set.
 * @return #BTX_OK; #BTX_EINVAL for NULL @p out or a product outside the set;
 *         #BTX_EVERSION for a struct_size below the 1.2 layout; #BTX_ERANGE for units
 *         that are not positive, not finite or above 100000. Nothing is written unless
 *         #BTX_OK.
 * @since 1.2
 */
BTX_NODISCARD BTX_API int btx_plan_vials(int32_t product, double units, btx_vial_plan *out);

/**
 * @brief The billing lines for a dose: HCPCS code, billing units, JW/JZ, advisory CPT.
 *
 * The vial plan is that of #btx_plan_vials. The indication decides the category: a
 * cosmetic indication (glabellar, lateral canthal or forehead lines, platysma bands) is
 * not covered and gets no drug line and no code (#BTX_BILL_COSMETIC). Otherwise the
 * substance's HCPCS code is used when it is in effect on @p date: J0585
 * onabotulinumtoxinA 1 unit, J0586 abobotulinumtoxinA 5 units, J0587
 * rimabotulinumtoxinB 100 units, J0588 incobotulinumtoxinA 1 unit (each confirmed from
 * 2020-01-01), J0589 daxibotulinumtoxinA-lanm 1 unit (from 2024-04-01); there is none for
 * prabotulinumtoxinA and letibotulinumtoxinA (#BTX_BILL_NO_CODE).
 *
 * Lines: the administered line bills the dose rounded up to whole billing units (a dose
 * below one billing unit bills one). The discarded units, rounded down to whole billing
 * units, go on a second line with JW when that is at least one billing unit; otherwise
 * the administered line carries JZ (required from 2023-07-01, optional from 2023-01-01,
 * absent before). So administered + JW billing units = the billing units of the vials
 * opened. JW and JZ apply only from 2017-01-01 and only in the office, hospital
 * outpatient, ASC and CAH settings (where the drug is separately payable); in RHC, FQHC
 * and inpatient settings the answer is the administered line alone, with
 * #BTX_WASTE_NOT_IN_SETTING.
 *
 * Arguments are checked in this order, the first bad one reported: @p out not NULL
 * (#BTX_EINVAL, field #BTX_FIELD_NONE); struct_size (#BTX_EVERSION,
 * #BTX_FIELD_STRUCT_SIZE); product (#BTX_EINVAL, #BTX_FIELD_PRODUCT); indication
 * (#BTX_EINVAL, #BTX_FIELD_INDICATION); setting (#BTX_EINVAL, #BTX_FIELD_SETTING); date
 * in 1900-01-01..2199-12-31 (#BTX_ERANGE, #BTX_FIELD_DATE); units as for
 * #btx_plan_vials (#BTX_ERANGE, #BTX_FIELD_UNITS).
 * @param[in]  product    #btx_product.
 * @param[in]  indication #btx_indication (not 0).
 * @param[in]  units      The dose in label units (see #btx_plan_vials).
 * @param[in]  date       Date of service.
 * @param[in]  setting    #btx_setting.
 * @param[out] out        Caller's struct with struct_size set.
 * @param[out] field      The first bad argument as a #btx_field, #BTX_FIELD_NONE on
 *                        success. May be NULL.
 * @return #BTX_OK, or the error above. Nothing is written to @p out unless #BTX_OK.
 * @since 1.2
 */
BTX_NODISCARD BTX_API int btx_bill(int32_t product, int32_t indication, double units, btx_date date,
                                   int32_t setting, btx_billing *out, int32_t *field);

/**
 * @brief The product and package size behind a package NDC.
 *
 * Accepts the 10-digit NDC with hyphens in its labelled layout (4-4-2 "0023-1145-01",
 * 5-3-2 "72960-112-01", 5-4-1 "15054-0530-6") and the 11-digit billing form 5-4-2 with
 * or without hyphens ("00023-1145-01", "00023114501"); surrounding ASCII spaces are
 * ignored. A 10-digit code must be written in the layout the labeler uses
 * ("15054-530-06" is not Dysport's 15054-0530-6). Ten digits without hyphens are
 * ambiguous and malformed. Only finished packages with a sourced NDC are known
 * (docs/billing.md lists them): samples and bulk drug substance are not finished
 * packages.
 * @param[in]  ndc           NUL-terminated code; borrowed for the call.
 * @param[out] product       The #btx_product value; untouched unless #BTX_OK.
 * @param[out] package_units Label units in the package; 0 when the product's package
 *                           is known but its size is not confirmed (Myobloc 10454-711-10
 *                           and 10454-712-10); untouched unless #BTX_OK.
 * @return #BTX_OK; #BTX_EINVAL for a NULL pointer or a malformed code; #BTX_ENOTFOUND for
 *         a well-formed code that is not a finished botulinum-toxin package in the table
 *         (including samples, such as Daxxify 72960-112-02, and bulk drug substance).
 * @since 1.2
 */
BTX_NODISCARD BTX_API int btx_product_from_ndc(const char *ndc, int32_t *product, double *package_units);

/**
 * @brief Stable name of a setting: "office", "hospital_outpatient", "asc", "cah", "rhc",
 * "fqhc", "inpatient".
 * @param[in] setting A #btx_setting value.
 * @return A static string, never NULL; "unknown" for a value outside the set.
 * @since 1.2
 */
BTX_API const char *btx_setting_name(int32_t setting);

/**
 * @brief Finds a setting by name.
 *
 * Accepts the names of #btx_setting_name and the spelled-out forms
 * ("physician office", "hospital outpatient department", "ambulatory surgical center",
 * "critical access hospital", "rural health clinic", "federally qualified health
 * center"); ASCII case-insensitive, spaces and hyphens read as underscores, surrounding
 * spaces ignored.
 * @param[in]  name    NUL-terminated name; borrowed for the call.
 * @param[out] setting The #btx_setting value; untouched unless #BTX_OK.
 * @return #BTX_OK; #BTX_EINVAL for a NULL pointer; #BTX_ENOTFOUND for any other text.
 * @since 1.2
 */
BTX_NODISCARD BTX_API int btx_setting_lookup(const char *name, int32_t *setting);

/**
 * @brief Stable name of a bill status: "drug_lines", "cosmetic_self_pay", "no_code",
 * "no_code_on_date".
 * @param[in] status A #btx_bill_status value.
 * @return A static string, never NULL; "unknown" for a value outside the set.
 * @since 1.2
 */
BTX_API const char *btx_bill_status_name(int32_t status);

/**
 * @brief Stable name of a JW/JZ answer: "jw_jz", "not_in_setting", "before_jw".
 * @param[in] value A #btx_waste_modifiers value.
 * @return A static string, never NULL; "unknown" for a value outside the set.
 * @since 1.2
 */
BTX_API const char *btx_waste_modifiers_name(int32_t value);

/**
 * @brief sizeof(btx_vial_plan) in the library's 1.2 layout, for bindings to check their
 * mirror.
 * @return The size in bytes (104 on LP64).
 * @since 1.2
 */
BTX_API size_t btx_sizeof_vial_plan(void);

/**
 * @brief sizeof(btx_billing) in the library's 1.2 layout, for bindings to check their
 * mirror.
 * @return The size in bytes (296 on LP64).
 * @since 1.2
 */
BTX_API size_t btx_sizeof_billing(void);

#ifdef __cplusplus
}
#endif

#endif /* BTXDOSE_BILLING_H */
