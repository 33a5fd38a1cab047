/* Catalog data: names, accepted spellings and ICD-10-CM rows. Logic is in catalog.c.
 *
 * Every string here is compared after the normalisation catalog.c applies: product
 * spellings in ASCII lower case, indication spellings in lower case with spaces and
 * hyphens turned into underscores, ICD-10-CM codes in upper case without the dot.
 * Sources (docs/sources.md): brand and nonproprietary names from the labels listed
 * there ("Labels"); ICD-10-CM codes from S62, S77, S78, S79 (docs/clinical-data.md,
 * "ICD-10-CM"). */
#include "internal.h"

/* Indexed by the enum value; [0] is the "unknown" answer for values outside the set. */
const char *const btx__product_names[BTX__PRODUCT_MAX + 1] = {
    "unknown",
    "BOTOX",          /* BTX_PRODUCT_BOTOX */
    "BOTOX Cosmetic", /* BTX_PRODUCT_BOTOX_COSMETIC */
    "Dysport",        /* BTX_PRODUCT_DYSPORT */
    "Xeomin",         /* BTX_PRODUCT_XEOMIN */
    "Jeuveau",        /* BTX_PRODUCT_JEUVEAU */
    "Daxxify",        /* BTX_PRODUCT_DAXXIFY */
    "Letybo",         /* BTX_PRODUCT_LETYBO */
    "Myobloc",        /* BTX_PRODUCT_MYOBLOC */
};

/* BOTOX and BOTOX Cosmetic are one substance (BOTOX Cosmetic PI §6.1 [S99]): their
 * units add up. */
const int32_t btx__product_substances[BTX__PRODUCT_MAX + 1] = {
    0,
    BTX_SUBSTANCE_ONABOTULINUMTOXINA,  /* BOTOX */
    BTX_SUBSTANCE_ONABOTULINUMTOXINA,  /* BOTOX Cosmetic */
    BTX_SUBSTANCE_ABOBOTULINUMTOXINA,  /* Dysport */
    BTX_SUBSTANCE_INCOBOTULINUMTOXINA, /* Xeomin */
    BTX_SUBSTANCE_PRABOTULINUMTOXINA,  /* Jeuveau */
    BTX_SUBSTANCE_DAXIBOTULINUMTOXINA, /* Daxxify */
    BTX_SUBSTANCE_LETIBOTULINUMTOXINA, /* Letybo */
    BTX_SUBSTANCE_RIMABOTULINUMTOXINB, /* Myobloc */
};

const char *const btx__substance_names[BTX__SUBSTANCE_MAX + 1] = {
    "unknown",
    "onabotulinumtoxinA",
    "abobotulinumtoxinA",
    "incobotulinumtoxinA",
    "prabotulinumtoxinA",
    "daxibotulinumtoxinA",
    "letibotulinumtoxinA",
    "rimabotulinumtoxinB",
};

/* Stable keys: part of the contract (logs, JSON, CDS Hooks); never renamed. */
const char *const btx__indication_names[BTX__INDICATION_MAX + 1] = {
    "unknown",
    "chronic_migraine",
    "overactive_bladder",
    "neurogenic_detrusor_overactivity",
    "upper_limb_spasticity",
    "lower_limb_spasticity",
    "cervical_dystonia",
    "axillary_hyperhidrosis",
    "blepharospasm",
    "strabismus",
    "glabellar_lines",
    "lateral_canthal_lines",
    "forehead_lines",
    "platysma_bands",
    "chronic_sialorrhea",
    "episodic_migraine",
    "cluster_headache",
    "tension_type_headache",
};

/* Product spellings besides the display names (which catalog.c also accepts). The
 * nonproprietary name is accepted with and without its four-letter suffix;
 * "onabotulinumtoxinA" alone means BOTOX (the therapeutic label). */
const btx__alias_row btx__product_aliases[] = {
    {"onabotulinumtoxina", BTX_PRODUCT_BOTOX},
    {"abobotulinumtoxina", BTX_PRODUCT_DYSPORT},
    {"incobotulinumtoxina", BTX_PRODUCT_XEOMIN},
    {"prabotulinumtoxina", BTX_PRODUCT_JEUVEAU},
    {"prabotulinumtoxina-xvfs", BTX_PRODUCT_JEUVEAU},
    {"daxibotulinumtoxina", BTX_PRODUCT_DAXXIFY},
    {"daxibotulinumtoxina-lanm", BTX_PRODUCT_DAXXIFY},
    {"letibotulinumtoxina", BTX_PRODUCT_LETYBO},
    {"letibotulinumtoxina-wlbg", BTX_PRODUCT_LETYBO},
    {"rimabotulinumtoxinb", BTX_PRODUCT_MYOBLOC},
};
const size_t btx__product_alias_count = sizeof btx__product_aliases / sizeof btx__product_aliases[0];

/* Indication spellings besides the keys (which catalog.c also accepts). Only spellings
 * that name one indication: "migraine" and "spasticity" alone are ambiguous and absent. */
const btx__alias_row btx__indication_aliases[] = {
    {"oab", BTX_INDICATION_OVERACTIVE_BLADDER},
    {"ndo", BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY},
    {"detrusor_overactivity", BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY},
    {"uls", BTX_INDICATION_UPPER_LIMB_SPASTICITY},
    {"lls", BTX_INDICATION_LOWER_LIMB_SPASTICITY},
    {"spasmodic_torticollis", BTX_INDICATION_CERVICAL_DYSTONIA},
    {"hyperhidrosis", BTX_INDICATION_AXILLARY_HYPERHIDROSIS},
    {"primary_axillary_hyperhidrosis", BTX_INDICATION_AXILLARY_HYPERHIDROSIS},
    {"glabellar", BTX_INDICATION_GLABELLAR_LINES},
    {"frown_lines", BTX_INDICATION_GLABELLAR_LINES},
    {"lcl", BTX_INDICATION_LATERAL_CANTHAL_LINES},
    {"crow's_feet", BTX_INDICATION_LATERAL_CANTHAL_LINES},
    {"crow\xE2\x80\x99s_feet", BTX_INDICATION_LATERAL_CANTHAL_LINES}, /* U+2019 apostrophe */
    {"crows_feet", BTX_INDICATION_LATERAL_CANTHAL_LINES},
    {"horizontal_forehead_lines", BTX_INDICATION_FOREHEAD_LINES},
    {"platysma", BTX_INDICATION_PLATYSMA_BANDS},
    {"sialorrhea", BTX_INDICATION_CHRONIC_SIALORRHEA},
    {"sialorrhoea", BTX_INDICATION_CHRONIC_SIALORRHEA},
    {"chronic_sialorrhoea", BTX_INDICATION_CHRONIC_SIALORRHEA},
    {"drooling", BTX_INDICATION_CHRONIC_SIALORRHEA},
    {"tension_headache", BTX_INDICATION_TENSION_TYPE_HEADACHE},
};
const size_t btx__indication_alias_count =
    sizeof btx__indication_aliases / sizeof btx__indication_aliases[0];

/* ICD-10-CM, dot removed. Chronic migraine without aura G43.70x/G43.71x and with aura
 * G43.E0x/G43.E1x (new FY2024), with their family headers; cervical dystonia G24.3
 * (spasmodic torticollis) and M43.6 (torticollis) [S77, S78, S79, S62]. */
const btx__alias_row btx__icd10_rows[] = {
    {"G437", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G4370", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43701", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43709", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G4371", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43711", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43719", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43E", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43E0", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43E01", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43E09", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43E1", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43E11", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43E19", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G243", BTX_INDICATION_CERVICAL_DYSTONIA},
    {"M436", BTX_INDICATION_CERVICAL_DYSTONIA},
};
const size_t btx__icd10_row_count = sizeof btx__icd10_rows / sizeof btx__icd10_rows[0];
