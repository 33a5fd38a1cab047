/* SPDX-License-Identifier: Apache-2.0 */
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
    /* Since 1.2: one row per code or family; a text ending in '*' is a family (the code
     * and every code below it, digits only). The mapping choices and the codes left out
     * are explained in docs/clinical-data.md ("ICD-10-CM"); [CMn] are its sources. */
    {"G245", BTX_INDICATION_BLEPHAROSPASM},                      /* G24.5 Blepharospasm [CM1] */
    {"L74510", BTX_INDICATION_AXILLARY_HYPERHIDROSIS},           /* L74.510 Primary focal hyperhidrosis, axilla [CM2] */
    {"N3281", BTX_INDICATION_OVERACTIVE_BLADDER},                /* N32.81 Overactive bladder [CM3] */
    {"N310", BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY},   /* N31.0 Uninhibited neuropathic bladder, NEC [CM4] */
    {"N311", BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY},   /* N31.1 Reflex neuropathic bladder, NEC [CM4] */
    {"N319", BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY},   /* N31.9 Neuromuscular dysfunction of bladder, unspecified [CM4] */
    {"K117", BTX_INDICATION_CHRONIC_SIALORRHEA},                 /* K11.7 Disturbances of salivary secretion (ptyalism) [CM5] */
    {"H490*", BTX_INDICATION_STRABISMUS},                        /* H49.0- Third [oculomotor] nerve palsy [CM6] */
    {"H491*", BTX_INDICATION_STRABISMUS},                        /* H49.1- Fourth [trochlear] nerve palsy [CM6] */
    {"H492*", BTX_INDICATION_STRABISMUS},                        /* H49.2- Sixth [abducent] nerve palsy [CM6] */
    {"H499", BTX_INDICATION_STRABISMUS},                         /* H49.9 Unspecified paralytic strabismus [CM6] */
    {"H50*", BTX_INDICATION_STRABISMUS},                         /* H50- Other strabismus [CM7] */
    {"G832*", BTX_INDICATION_UPPER_LIMB_SPASTICITY},             /* G83.2- Monoplegia of upper limb [CM8] */
    {"I6903*", BTX_INDICATION_UPPER_LIMB_SPASTICITY},            /* I69.03- Monoplegia of upper limb following nontraumatic subarachnoid hemorrhage [CM9] */
    {"I6913*", BTX_INDICATION_UPPER_LIMB_SPASTICITY},            /* I69.13- ... following nontraumatic intracerebral hemorrhage [CM9] */
    {"I6923*", BTX_INDICATION_UPPER_LIMB_SPASTICITY},            /* I69.23- ... following other nontraumatic intracranial hemorrhage [CM9] */
    {"I6933*", BTX_INDICATION_UPPER_LIMB_SPASTICITY},            /* I69.33- ... following cerebral infarction [CM9] */
    {"I6983*", BTX_INDICATION_UPPER_LIMB_SPASTICITY},            /* I69.83- ... following other cerebrovascular disease [CM9] */
    {"I6993*", BTX_INDICATION_UPPER_LIMB_SPASTICITY},            /* I69.93- ... following unspecified cerebrovascular disease [CM9] */
    {"G831*", BTX_INDICATION_LOWER_LIMB_SPASTICITY},             /* G83.1- Monoplegia of lower limb [CM10] */
    {"I6904*", BTX_INDICATION_LOWER_LIMB_SPASTICITY},            /* I69.04- Monoplegia of lower limb following nontraumatic subarachnoid hemorrhage [CM10] */
    {"I6914*", BTX_INDICATION_LOWER_LIMB_SPASTICITY},            /* I69.14- ... following nontraumatic intracerebral hemorrhage [CM10] */
    {"I6924*", BTX_INDICATION_LOWER_LIMB_SPASTICITY},            /* I69.24- ... following other nontraumatic intracranial hemorrhage [CM10] */
    {"I6934*", BTX_INDICATION_LOWER_LIMB_SPASTICITY},            /* I69.34- ... following cerebral infarction [CM10] */
    {"I6984*", BTX_INDICATION_LOWER_LIMB_SPASTICITY},            /* I69.84- ... following other cerebrovascular disease [CM10] */
    {"I6994*", BTX_INDICATION_LOWER_LIMB_SPASTICITY},            /* I69.94- ... following unspecified cerebrovascular disease [CM10] */
};
const size_t btx__icd10_row_count = sizeof btx__icd10_rows / sizeof btx__icd10_rows[0];

/* Nonproprietary names with their four-letter suffix (btx_substance_lookup; the names
 * without it are btx__substance_names). Same spellings as the product aliases above. */
const btx__alias_row btx__substance_aliases[] = {
    {"prabotulinumtoxina-xvfs", BTX_SUBSTANCE_PRABOTULINUMTOXINA},
    {"daxibotulinumtoxina-lanm", BTX_SUBSTANCE_DAXIBOTULINUMTOXINA},
    {"letibotulinumtoxina-wlbg", BTX_SUBSTANCE_LETIBOTULINUMTOXINA},
};
const size_t btx__substance_alias_count =
    sizeof btx__substance_aliases / sizeof btx__substance_aliases[0];
