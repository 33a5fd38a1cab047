/* SPDX-License-Identifier: Apache-2.0 */
/* Protocol data: what each US label recommends, one row per product, indication and
 * population, and the regions (muscle groups, areas) of the rows that have them.
 * Logic is in protocol.c; docs/clinical-data.md lists every number with its source.
 *
 * Only numbers that the sources of docs/sources.md state are here: facts stated by a
 * label, a copy of a label or the manufacturer's pages (tag [C]: evidence
 * BTX_EVIDENCE_LABEL), facts seen only on a low-authority copy of label text ([C-low])
 * or only in secondary sources ([S]) (both BTX_EVIDENCE_SECONDARY), and plain
 * arithmetic on them that docs/clinical-data.md shows (axillary hyperhidrosis 2 x 50 U;
 * corrugator 4 sites x 4 U). Unconfirmed facts ([U]), trial data and EU SmPC rows are
 * not doses. docs/sources.md defines the tags and resolves every source id (S1..S101c,
 * N1..N22) to its address. A source string reads "<label> §<section> (<what>),
 * rev. <revision> [<ids>]"; the section is exact where a copy of the label names it,
 * otherwise "§2 Dosage and Administration" or "§1 Indications and Usage".
 *
 * Conventions of the rows:
 * - a fixed dose: dose_units = dose_min_units = dose_max_units;
 * - a range: dose_units 0, dose_min_units..dose_max_units;
 * - an initial or typical dose without a stated range: dose_units only;
 * - session_cap_* mirror the session caps of docs/clinical-data.md ("Rules"), and
 *   for the Dysport pediatric limb rows the multi-limb session maximum (rule 44);
 *   other visit caps across indications (Xeomin 400 U, Dysport 1500 U, ...) are
 *   rules only (rules_data.c);
 * - per_limb and limb_cap_* (1.2) mirror the per-limb caps (rules 26-28): 1 when the
 *   U/kg range and the limb caps are per limb treated;
 * - site_max_units / site_max_ml (1.2): the label's "generally no more than ... per
 *   site", in units or in mL, where a source gives it; the row's source lists it.
 * - interval_* equal the re-treatment intervals there (0 when none is listed);
 * - pediatric rows admit 2..17 or 5..17 years; adult rows start at 18 unless the
 *   label admits younger patients (blepharospasm, strabismus: 12). */
#include "internal.h"

#define FIXED(u) .dose_units = (u), .dose_min_units = (u), .dose_max_units = (u)
#define RANGE(lo, hi) .dose_min_units = (lo), .dose_max_units = (hi)
#define REGIONS(r) .regions = (r), .region_count = (int32_t)(sizeof(r) / sizeof((r)[0]))
#define EVERY(n, unit, kind) .interval_length = (n), .interval_unit = (unit), \
                             .interval_kind = (kind)
#define MIN_WEEKS(n) EVERY(n, BTX_WEEKS, BTX_INTERVAL_MINIMUM)
#define MIN_MONTHS(n) EVERY(n, BTX_MONTHS, BTX_INTERVAL_MINIMUM)
#define MIN_DAYS(n) EVERY(n, BTX_DAYS, BTX_INTERVAL_MINIMUM)
#define ADULT .population = BTX_ADULT, .age_min_years = 18
#define CHILD(lo) .population = BTX_PEDIATRIC, .age_min_years = (lo), .age_max_years = 17
#define THERAPEUTIC .category = BTX_CATEGORY_THERAPEUTIC
#define COSMETIC .category = BTX_CATEGORY_COSMETIC
#define LABEL .evidence = BTX_EVIDENCE_LABEL
#define SECONDARY .evidence = BTX_EVIDENCE_SECONDARY

/* Region rows: name, units, units_min, units_max, U/kg min, U/kg max, sites, sites_min,
 * sites_max, bilateral ("bilateral" = the region's units and sites split evenly left
 * and right). */
#define R_FIXED(name, u, s, bil) {(name), (u), (u), (u), 0, 0, (s), (s), (s), (bil)}
#define R_RANGE(name, lo, hi, smin, smax) \
    {(name), 0, (lo), (hi), 0, 0, (smin) == (smax) ? (smin) : 0, (smin), (smax), 0}
#define R_PER_KG(name, lo, hi, s) {(name), 0, 0, 0, (lo), (hi), (s), (s), (s), 0}

/* ---- BOTOX ---- */

/* Chronic migraine, US PI Table 2 (values of the fixed part of the SmPC table, S25;
 * S24, S33): 155 U, 31 sites of 5 U; procerus at 1 midline site, the rest bilateral. */
static const btx__region_row botox_cm_regions[] = {
    R_FIXED("Corrugator", 10, 2, 1),
    R_FIXED("Procerus", 5, 1, 0),
    R_FIXED("Frontalis", 20, 4, 1),
    R_FIXED("Temporalis", 40, 8, 1),
    R_FIXED("Occipitalis", 30, 6, 1),
    R_FIXED("Cervical paraspinal muscle group", 20, 4, 1),
    R_FIXED("Trapezius", 30, 6, 1),
};

/* Pediatric upper limb spasticity, U/kg per muscle and sites (S14). */
static const btx__region_row botox_ped_uls_regions[] = {
    R_PER_KG("Biceps brachii", 1.5, 3, 4),
    R_PER_KG("Brachialis", 1, 2, 2),
    R_PER_KG("Brachioradialis", 0.5, 1, 2),
    R_PER_KG("Flexor carpi radialis", 1, 2, 2),
    R_PER_KG("Flexor carpi ulnaris", 1, 2, 2),
    R_PER_KG("Flexor digitorum profundus", 0.5, 1, 2),
    R_PER_KG("Flexor digitorum superficialis", 0.5, 1, 2),
};

/* Axillary hyperhidrosis: 50 U per axilla at 10-15 intradermal sites (S23, S29). */
static const btx__region_row botox_hyperhidrosis_regions[] = {
    {"Left axilla", 50, 50, 50, 0, 0, 0, 10, 15, 0},
    {"Right axilla", 50, 50, 50, 0, 0, 0, 10, 15, 0},
};

/* Blepharospasm: 1.25-2.5 U at each of 3 sites per affected eye (S13, S88). */
static const btx__region_row botox_blepharospasm_regions[] = {
    R_RANGE("Medial pretarsal orbicularis oculi, upper lid (per affected eye)", 1.25, 2.5, 1, 1),
    R_RANGE("Lateral pretarsal orbicularis oculi, upper lid (per affected eye)", 1.25, 2.5, 1, 1),
    R_RANGE("Lateral pretarsal orbicularis oculi, lower lid (per affected eye)", 1.25, 2.5, 1, 1),
};

/* Strabismus: initial dose per muscle by deviation (S21 2018, S30, S88); alternatives,
 * not parts of one session. */
static const btx__region_row botox_strabismus_regions[] = {
    R_RANGE("Vertical muscles, or horizontal strabismus under 20 prism diopters (any one muscle)",
            1.25, 2.5, 0, 0),
    R_RANGE("Horizontal strabismus of 20 to 50 prism diopters (any one muscle)", 2.5, 5, 0, 0),
    R_RANGE("Persistent VI nerve palsy of one month or longer (medial rectus)", 1.25, 2.5, 0, 0),
};

/* ---- BOTOX Cosmetic (PI §2.2 Table 1, rev. 2024-10) ---- */

/* Glabellar lines: 4 U at each of 5 sites, 2 per corrugator and 1 procerus (S3). */
static const btx__region_row cosmetic_gl_regions[] = {
    R_FIXED("Corrugator", 16, 4, 1),
    R_FIXED("Procerus", 4, 1, 0),
};

/* Lateral canthal lines: 4 U at 3 sites per side (S3, S4). */
static const btx__region_row cosmetic_lcl_regions[] = {
    R_FIXED("Orbicularis oculi (lateral canthal area)", 24, 6, 1),
};

/* Forehead lines: 4 U at each of 5 sites (S3, S4, S5). */
static const btx__region_row cosmetic_fhl_regions[] = {
    R_FIXED("Frontalis", 20, 5, 0),
};

/* ---- Dysport ---- */

/* Glabellar lines: 10 U at each of 5 sites, 2 per corrugator and 1 procerus (S44). */
static const btx__region_row dysport_gl_regions[] = {
    R_FIXED("Corrugator", 40, 4, 1),
    R_FIXED("Procerus", 10, 1, 0),
};

/* ---- Xeomin ---- */

/* Adult upper limb spasticity, PI §2.3: units and sites per muscle (S51, S52). */
static const btx__region_row xeomin_uls_regions[] = {
    R_RANGE("Flexor digitorum superficialis", 25, 100, 2, 2),
    R_RANGE("Flexor digitorum profundus", 25, 100, 2, 2),
    R_RANGE("Flexor carpi radialis", 25, 100, 1, 2),
    R_RANGE("Flexor carpi ulnaris", 20, 100, 1, 2),
    R_RANGE("Brachioradialis", 25, 100, 1, 3),
    R_RANGE("Biceps", 50, 200, 1, 4),
    R_RANGE("Brachialis", 25, 100, 1, 2),
    R_RANGE("Pronator quadratus", 10, 50, 1, 1),
    R_RANGE("Pronator teres", 25, 75, 1, 2),
    R_RANGE("Flexor pollicis longus", 10, 50, 1, 1),
    R_RANGE("Adductor pollicis", 5, 30, 1, 1),
    R_RANGE("Flexor pollicis brevis / opponens pollicis", 5, 30, 1, 1),
};

/* Adult chronic sialorrhea: 30 U per parotid and 20 U per submandibular gland (S57). */
static const btx__region_row xeomin_sialorrhea_regions[] = {
    {"Left parotid gland", 30, 30, 30, 0, 0, 0, 0, 0, 0},
    {"Right parotid gland", 30, 30, 30, 0, 0, 0, 0, 0, 0},
    {"Left submandibular gland", 20, 20, 20, 0, 0, 0, 0, 0, 0},
    {"Right submandibular gland", 20, 20, 20, 0, 0, 0, 0, 0, 0},
};

/* ---- Jeuveau ---- */

/* Glabellar lines: 4 U at each of 5 sites, 2 per corrugator and 1 procerus (S64, S63). */
static const btx__region_row jeuveau_gl_regions[] = {
    R_FIXED("Corrugator", 16, 4, 1),
    R_FIXED("Procerus", 4, 1, 0),
};

/* ---- Myobloc ---- */

/* Chronic sialorrhea: parotid 500-1500 U per gland, submandibular 250 U per gland (S69). */
static const btx__region_row myobloc_sialorrhea_regions[] = {
    {"Left parotid gland", 0, 500, 1500, 0, 0, 0, 0, 0, 0},
    {"Right parotid gland", 0, 500, 1500, 0, 0, 0, 0, 0, 0},
    {"Left submandibular gland", 250, 250, 250, 0, 0, 0, 0, 0, 0},
    {"Right submandibular gland", 250, 250, 250, 0, 0, 0, 0, 0, 0},
};

const btx__protocol_row btx__protocol_rows[] = {
    /* ---- BOTOX (onabotulinumtoxinA), therapeutic: PI rev. 2023-11 ---- */
    {.product = BTX_PRODUCT_BOTOX, .indication = BTX_INDICATION_CHRONIC_MIGRAINE,
     ADULT, THERAPEUTIC, FIXED(155), .units_per_site = 5, .sites = 31,
     EVERY(12, BTX_WEEKS, BTX_INTERVAL_SCHEDULE), SECONDARY, REGIONS(botox_cm_regions),
     .source = "BOTOX PI §2 Dosage and Administration (chronic migraine, Table 2), rev. 2023-11 "
               "[S23, S24, S25, S33]"},
    {.product = BTX_PRODUCT_BOTOX, .indication = BTX_INDICATION_OVERACTIVE_BLADDER,
     ADULT, THERAPEUTIC, FIXED(100), .units_per_site = 5, .sites = 20, MIN_WEEKS(12), LABEL,
     .source = "BOTOX PI §2 Dosage and Administration (overactive bladder), rev. 2023-11 [S16]"},
    /* 30 injections of 1 mL: about 6.7 U each, not a round per-site dose. */
    {.product = BTX_PRODUCT_BOTOX, .indication = BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY,
     ADULT, THERAPEUTIC, FIXED(200), .sites = 30, MIN_WEEKS(12), LABEL,
     .source = "BOTOX PI §2 Dosage and Administration (adult detrusor overactivity with a "
               "neurologic condition), rev. 2023-11 [S17]"},
    /* 6 U/kg below 34 kg, 200 U from 34 kg: the lower of 6 U/kg and 200 U. Sites and
     * re-treatment interval not retrieved ([U]). */
    {.product = BTX_PRODUCT_BOTOX, .indication = BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY,
     CHILD(5), THERAPEUTIC, .units_per_kg_min = 6, .units_per_kg_max = 6,
     .session_cap_units = 200, .session_cap_units_per_kg = 6, LABEL,
     .source = "BOTOX PI §2 Dosage and Administration (pediatric detrusor overactivity, 5 years "
               "and over), rev. 2023-11 [S18, S11]"},
    {.product = BTX_PRODUCT_BOTOX, .indication = BTX_INDICATION_UPPER_LIMB_SPASTICITY,
     ADULT, THERAPEUTIC, RANGE(75, 400), MIN_WEEKS(12), SECONDARY, .site_max_units = 50,
     .source = "BOTOX PI §2 Dosage and Administration (adult upper limb spasticity; generally no "
               "more than 50 Units per site), rev. 2023-11 [S29, S30, S23]"},
    {.product = BTX_PRODUCT_BOTOX, .indication = BTX_INDICATION_UPPER_LIMB_SPASTICITY,
     CHILD(2), THERAPEUTIC, .units_per_kg_min = 3, .units_per_kg_max = 6,
     .session_cap_units = 200, .session_cap_units_per_kg = 6, MIN_WEEKS(12), LABEL,
     REGIONS(botox_ped_uls_regions),
     .source = "BOTOX PI §2 Dosage and Administration (pediatric upper limb spasticity, 2 to 17 "
               "years), rev. 2023-11 [S14]"},
    /* 300-400 U: the manufacturer's page for health professionals (S31, "Maximum Total
     * Dose: 300 units to 400 units divided among up to 6 muscles"); label evidence since 1.2. */
    {.product = BTX_PRODUCT_BOTOX, .indication = BTX_INDICATION_LOWER_LIMB_SPASTICITY,
     ADULT, THERAPEUTIC, RANGE(300, 400), LABEL, .site_max_units = 50,
     .source = "BOTOX PI §2 Dosage and Administration (adult lower limb spasticity: 300 to 400 "
               "Units divided among up to 6 muscles; spasticity: generally no more than 50 Units "
               "per site), rev. 2023-11 [S31, S29, S23]"},
    /* Labelled (spasticity from 2 years, S11) but its dose was not retrieved ([U]). */
    {.product = BTX_PRODUCT_BOTOX, .indication = BTX_INDICATION_LOWER_LIMB_SPASTICITY,
     CHILD(2), THERAPEUTIC, LABEL,
     .source = "BOTOX PI §1 Indications and Usage (spasticity in patients 2 years and older; "
               "pediatric lower limb dose not encoded), rev. 2023-11 [S11, S12]"},
    /* No recommended dose is encoded: the 236 U median is trial data (S19). */
    {.product = BTX_PRODUCT_BOTOX, .indication = BTX_INDICATION_CERVICAL_DYSTONIA,
     ADULT, THERAPEUTIC, LABEL, .site_max_units = 50,
     .source = "BOTOX PI §1 Indications and Usage (cervical dystonia, adults; no fixed dose; "
               "generally no more than 50 Units per site), rev. 2023-11 [S11, S19, S23]"},
    /* 50 U per axilla, both axillae: 2 x 50 U = 100 U (derived). */
    {.product = BTX_PRODUCT_BOTOX, .indication = BTX_INDICATION_AXILLARY_HYPERHIDROSIS,
     ADULT, THERAPEUTIC, FIXED(100), SECONDARY, REGIONS(botox_hyperhidrosis_regions),
     .source = "BOTOX PI §2 Dosage and Administration (primary axillary hyperhidrosis; 50 U per "
               "axilla, 2 x 50 U), rev. 2023-11 [S23, S29]"},
    {.product = BTX_PRODUCT_BOTOX, .indication = BTX_INDICATION_BLEPHAROSPASM,
     .population = BTX_ADULT, .age_min_years = 12, THERAPEUTIC,
     EVERY(3, BTX_MONTHS, BTX_INTERVAL_SCHEDULE), LABEL, REGIONS(botox_blepharospasm_regions),
     .source = "BOTOX PI §2 Dosage and Administration (blepharospasm, 12 years and older), rev. "
               "2023-11 [S13, S88]"},
    {.product = BTX_PRODUCT_BOTOX, .indication = BTX_INDICATION_STRABISMUS,
     .population = BTX_ADULT, .age_min_years = 12, THERAPEUTIC, SECONDARY,
     REGIONS(botox_strabismus_regions),
     .source = "BOTOX PI §2 Dosage and Administration (strabismus, 12 years and older), rev. "
               "2023-11 [S21, S30, S88]"},

    /* ---- BOTOX Cosmetic (onabotulinumtoxinA): PI rev. 2024-10 ---- */
    {.product = BTX_PRODUCT_BOTOX_COSMETIC, .indication = BTX_INDICATION_GLABELLAR_LINES,
     ADULT, COSMETIC, FIXED(20), .session_cap_units = 20, .units_per_site = 4, .sites = 5,
     MIN_DAYS(90), LABEL, REGIONS(cosmetic_gl_regions),
     .source = "BOTOX Cosmetic PI §2.2 Table 1 (glabellar lines), rev. 2024-10 [S3, S4, S5, S8]"},
    {.product = BTX_PRODUCT_BOTOX_COSMETIC, .indication = BTX_INDICATION_LATERAL_CANTHAL_LINES,
     ADULT, COSMETIC, FIXED(24), .session_cap_units = 24, .units_per_site = 4, .sites = 6,
     MIN_DAYS(90), LABEL, REGIONS(cosmetic_lcl_regions),
     .source = "BOTOX Cosmetic PI §2.2 Table 1 (lateral canthal lines), rev. 2024-10 [S3, S4, S8]"},
    /* Given with glabellar lines: 20 U + 20 U = 40 U together. */
    {.product = BTX_PRODUCT_BOTOX_COSMETIC, .indication = BTX_INDICATION_FOREHEAD_LINES,
     ADULT, COSMETIC, FIXED(20), .session_cap_units = 20, .units_per_site = 4, .sites = 5,
     MIN_DAYS(90), LABEL, REGIONS(cosmetic_fhl_regions),
     .source = "BOTOX Cosmetic PI §2.2 Table 1 (forehead lines, with glabellar lines), rev. "
               "2024-10 [S3, S4, S5, S8]"},
    /* Discrete doses 26, 31 or 36 U by band count, given as the range 26-36 U. */
    {.product = BTX_PRODUCT_BOTOX_COSMETIC, .indication = BTX_INDICATION_PLATYSMA_BANDS,
     ADULT, COSMETIC, RANGE(26, 36), .session_cap_units = 36, MIN_DAYS(90), LABEL,
     .source = "BOTOX Cosmetic PI §2.2 Table 1 (platysma bands: 26, 31 or 36 U), rev. 2024-10 [S3, "
               "S6, S8]"},

    /* ---- Dysport (abobotulinumtoxinA): PI revision not seen ---- */
    {.product = BTX_PRODUCT_DYSPORT, .indication = BTX_INDICATION_CERVICAL_DYSTONIA,
     ADULT, THERAPEUTIC, .dose_units = 500, MIN_WEEKS(12), SECONDARY,
     .source = "Dysport PI §2 Dosage and Administration (cervical dystonia, initial dose), rev. "
               "not seen [S47, S49]"},
    {.product = BTX_PRODUCT_DYSPORT, .indication = BTX_INDICATION_UPPER_LIMB_SPASTICITY,
     ADULT, THERAPEUTIC, RANGE(500, 1000), MIN_WEEKS(12), LABEL, .site_max_ml = 1,
     .source = "Dysport PI §2 Dosage and Administration (adult upper limb spasticity; generally "
               "no more than 1 mL per injection site), rev. not seen [S43]"},
    {.product = BTX_PRODUCT_DYSPORT, .indication = BTX_INDICATION_LOWER_LIMB_SPASTICITY,
     ADULT, THERAPEUTIC, RANGE(1000, 1500), MIN_WEEKS(12), LABEL, .site_max_ml = 1,
     .source = "Dysport PI §2 Dosage and Administration (adult lower limb spasticity; generally "
               "no more than 1 mL per injection site), rev. not seen [S43]"},
    /* Per limb: 8-16 U/kg, at most 16 U/kg or 640 U per limb (rule 26); more than one
     * limb: at most 30 U/kg or 1000 U in the session (rule 44). */
    {.product = BTX_PRODUCT_DYSPORT, .indication = BTX_INDICATION_UPPER_LIMB_SPASTICITY,
     CHILD(2), THERAPEUTIC, .units_per_kg_min = 8, .units_per_kg_max = 16, MIN_WEEKS(16), LABEL,
     .per_limb = 1, .limb_cap_units = 640, .limb_cap_units_per_kg = 16,
     .session_cap_units = 1000, .session_cap_units_per_kg = 30, .site_max_ml = 0.5,
     .source = "Dysport PI §2 Dosage and Administration (pediatric upper limb spasticity, 8-16 "
               "U/kg per limb, at most 16 U/kg or 640 Units per limb; more than one limb: at "
               "most 30 U/kg or 1000 Units per session; generally no more than 0.5 mL per "
               "injection site), rev. not seen [S42]"},
    /* Per leg: 10-15 U/kg, at most 15 U/kg per leg (rule 27); both legs 20-30 U/kg in
     * total, at most 30 U/kg; 1000 U per session either way (docs/clinical-data.md,
     * "Limbs": the total, not per leg). */
    {.product = BTX_PRODUCT_DYSPORT, .indication = BTX_INDICATION_LOWER_LIMB_SPASTICITY,
     CHILD(2), THERAPEUTIC, .units_per_kg_min = 10, .units_per_kg_max = 15, MIN_WEEKS(12), LABEL,
     .per_limb = 1, .limb_cap_units_per_kg = 15,
     .session_cap_units = 1000, .session_cap_units_per_kg = 30, .site_max_ml = 0.5,
     .source = "Dysport PI §2 Dosage and Administration (pediatric lower limb spasticity, 10-15 "
               "U/kg per leg, at most 15 U/kg per leg; both legs 20-30 U/kg, at most 30 U/kg; "
               "at most 1000 Units per session; generally no more than 0.5 mL per injection "
               "site), rev. not seen [S42]"},
    {.product = BTX_PRODUCT_DYSPORT, .indication = BTX_INDICATION_GLABELLAR_LINES,
     .population = BTX_ADULT, .age_min_years = 18, .age_max_years = 64, COSMETIC, FIXED(50),
     .units_per_site = 10, .sites = 5, MIN_MONTHS(3), LABEL, REGIONS(dysport_gl_regions),
     .source = "Dysport PI §2 Dosage and Administration (glabellar lines, adults under 65), rev. "
               "not seen [S44, S45, S49]"},

    /* ---- Xeomin (incobotulinumtoxinA): PI rev. 2021 ---- */
    {.product = BTX_PRODUCT_XEOMIN, .indication = BTX_INDICATION_CHRONIC_SIALORRHEA,
     ADULT, THERAPEUTIC, FIXED(100), MIN_WEEKS(16), SECONDARY,
     REGIONS(xeomin_sialorrhea_regions),
     .source = "Xeomin PI §2 Dosage and Administration (chronic sialorrhea, adults), rev. 2021 "
               "[S57, S55]"},
    /* Weight-based with a 3:2 parotid:submandibular ratio, none below 12 kg; the band
     * table is SmPC-based ([S], US equality [U]) and not encoded. */
    {.product = BTX_PRODUCT_XEOMIN, .indication = BTX_INDICATION_CHRONIC_SIALORRHEA,
     CHILD(2), THERAPEUTIC, MIN_WEEKS(16), LABEL,
     .source = "Xeomin PI §2 Dosage and Administration (chronic sialorrhea, 2 to 17 years; "
               "weight-based), rev. 2021 [S55, S56]"},
    /* "Up to 400 U" [S]; the muscle table is [C]. */
    {.product = BTX_PRODUCT_XEOMIN, .indication = BTX_INDICATION_UPPER_LIMB_SPASTICITY,
     ADULT, THERAPEUTIC, RANGE(0, 400), MIN_WEEKS(12), SECONDARY, REGIONS(xeomin_uls_regions),
     .source = "Xeomin PI §2.3 (adult upper limb spasticity, Table), rev. 2021 [S51, S52, S57]"},
    /* At most 8 U/kg and 200 U per single upper limb (rule 28); excluding spasticity
     * caused by cerebral palsy. */
    {.product = BTX_PRODUCT_XEOMIN, .indication = BTX_INDICATION_UPPER_LIMB_SPASTICITY,
     CHILD(2), THERAPEUTIC, .units_per_kg_max = 8, LABEL,
     .per_limb = 1, .limb_cap_units = 200, .limb_cap_units_per_kg = 8,
     .source = "Xeomin PI §2 Dosage and Administration (pediatric upper limb spasticity, 2 to 17 "
               "years, at most 8 U/kg and 200 U per limb), rev. 2021 [S51, S56]"},
    {.product = BTX_PRODUCT_XEOMIN, .indication = BTX_INDICATION_CERVICAL_DYSTONIA,
     ADULT, THERAPEUTIC, .dose_units = 120, LABEL,
     .source = "Xeomin PI §2 Dosage and Administration (cervical dystonia, initial dose), rev. "
               "2021 [S54]"},
    /* Labelled for adults (S56). The current label's recommended initial total dose,
     * 50 U (25 U per eye), is seen only on non-primary sources: a Highlights fragment on a
     * low-authority page (N4), a drug reference (N8) and an AI summary (N11), hence
     * secondary. The older HCP page's 70 U (35 U per eye) applied to patients pretreated
     * with onabotulinumtoxinA only (S53) and is not encoded. At most 100 U per session
     * (50 U per eye) in one secondary source (N8): dose_max_units, so that rule 110 warns
     * above it; dose_min_units stays 0 (no minimum stated). */
    {.product = BTX_PRODUCT_XEOMIN, .indication = BTX_INDICATION_BLEPHAROSPASM,
     ADULT, THERAPEUTIC, .dose_units = 50, .dose_max_units = 100, SECONDARY,
     .source = "Xeomin PI §2 Dosage and Administration (blepharospasm: recommended initial total "
               "dose 50 Units, 25 Units per eye; at most 100 Units per session, 50 Units per eye; "
               "as reproduced by secondary sources), rev. 2021 [N8, N4, N11, S56]"},
    {.product = BTX_PRODUCT_XEOMIN, .indication = BTX_INDICATION_GLABELLAR_LINES,
     ADULT, COSMETIC, FIXED(20), .units_per_site = 4, .sites = 5, MIN_MONTHS(3), SECONDARY,
     .source = "Xeomin PI §2 Dosage and Administration (upper facial lines: glabellar lines), rev. "
               "2021 [S58, S56]"},
    {.product = BTX_PRODUCT_XEOMIN, .indication = BTX_INDICATION_LATERAL_CANTHAL_LINES,
     ADULT, COSMETIC, MIN_MONTHS(3), LABEL,
     .source = "Xeomin PI §2 Dosage and Administration (upper facial lines: lateral canthal lines; "
               "dose not encoded), rev. 2021 [S56]"},
    {.product = BTX_PRODUCT_XEOMIN, .indication = BTX_INDICATION_FOREHEAD_LINES,
     ADULT, COSMETIC, MIN_MONTHS(3), LABEL,
     .source = "Xeomin PI §2 Dosage and Administration (upper facial lines: horizontal forehead "
               "lines; dose not encoded), rev. 2021 [S56]"},

    /* ---- Jeuveau (prabotulinumtoxinA-xvfs): PI rev. 2023-04 ---- */
    {.product = BTX_PRODUCT_JEUVEAU, .indication = BTX_INDICATION_GLABELLAR_LINES,
     ADULT, COSMETIC, FIXED(20), .units_per_site = 4, .sites = 5, MIN_MONTHS(3), LABEL,
     REGIONS(jeuveau_gl_regions),
     .source = "Jeuveau PI §2 Dosage and Administration (glabellar lines), rev. 2023-04 [S63, "
               "S64]"},

    /* ---- Daxxify (daxibotulinumtoxinA-lanm): PI rev. 2023-09 ---- */
    {.product = BTX_PRODUCT_DAXXIFY, .indication = BTX_INDICATION_GLABELLAR_LINES,
     ADULT, COSMETIC, FIXED(40), .units_per_site = 8, .sites = 5,
     EVERY(3, BTX_MONTHS, BTX_INTERVAL_SCHEDULE), SECONDARY,
     .source = "Daxxify PI §2 Dosage and Administration (glabellar lines), rev. 2023-09 [S60, "
               "S61]"},
    {.product = BTX_PRODUCT_DAXXIFY, .indication = BTX_INDICATION_CERVICAL_DYSTONIA,
     ADULT, THERAPEUTIC, RANGE(125, 250), SECONDARY,
     .source = "Daxxify PI §2 Dosage and Administration (cervical dystonia), rev. 2023-09 [S60, "
               "S61, S92]"},

    /* ---- Letybo (letibotulinumtoxinA-wlbg): PI rev. 2024 ---- */
    {.product = BTX_PRODUCT_LETYBO, .indication = BTX_INDICATION_GLABELLAR_LINES,
     ADULT, COSMETIC, FIXED(20), .units_per_site = 4, .sites = 5, MIN_MONTHS(3), LABEL,
     .source = "Letybo PI §2.2 and §2.3 (glabellar lines), rev. 2024 [S67, S65]"},

    /* ---- Myobloc (rimabotulinumtoxinB): PI revision not seen ---- */
    /* Treatment-experienced patients; toxin-naive patients start lower. */
    {.product = BTX_PRODUCT_MYOBLOC, .indication = BTX_INDICATION_CERVICAL_DYSTONIA,
     ADULT, THERAPEUTIC, RANGE(2500, 5000), MIN_WEEKS(12), LABEL,
     .source = "Myobloc PI §2 Dosage and Administration (cervical dystonia, initial dose), rev. "
               "not seen [S70, S68, S71]"},
    {.product = BTX_PRODUCT_MYOBLOC, .indication = BTX_INDICATION_CHRONIC_SIALORRHEA,
     ADULT, THERAPEUTIC, RANGE(1500, 3500), MIN_MONTHS(3), LABEL,
     REGIONS(myobloc_sialorrhea_regions),
     .source = "Myobloc PI §2 Dosage and Administration (chronic sialorrhea), rev. not seen [S69, "
               "S71]"},
};
const size_t btx__protocol_row_count = sizeof btx__protocol_rows / sizeof btx__protocol_rows[0];
