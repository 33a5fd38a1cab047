/* SPDX-License-Identifier: Apache-2.0 */
/* Catalog: enumeration values, names, product/indication lookups, ICD-10-CM mapping.
 * Expected values are typed from design.md section 3 and label-facts.md, never read
 * back from the library's tables. */
#include <check.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <btxdose/btxdose.h>

START_TEST(enum_values_pinned)
{
    ck_assert_int_eq(BTX_PRODUCT_BOTOX, 1);
    ck_assert_int_eq(BTX_PRODUCT_BOTOX_COSMETIC, 2);
    ck_assert_int_eq(BTX_PRODUCT_DYSPORT, 3);
    ck_assert_int_eq(BTX_PRODUCT_XEOMIN, 4);
    ck_assert_int_eq(BTX_PRODUCT_JEUVEAU, 5);
    ck_assert_int_eq(BTX_PRODUCT_DAXXIFY, 6);
    ck_assert_int_eq(BTX_PRODUCT_LETYBO, 7);
    ck_assert_int_eq(BTX_PRODUCT_MYOBLOC, 8);

    ck_assert_int_eq(BTX_SUBSTANCE_ONABOTULINUMTOXINA, 1);
    ck_assert_int_eq(BTX_SUBSTANCE_ABOBOTULINUMTOXINA, 2);
    ck_assert_int_eq(BTX_SUBSTANCE_INCOBOTULINUMTOXINA, 3);
    ck_assert_int_eq(BTX_SUBSTANCE_PRABOTULINUMTOXINA, 4);
    ck_assert_int_eq(BTX_SUBSTANCE_DAXIBOTULINUMTOXINA, 5);
    ck_assert_int_eq(BTX_SUBSTANCE_LETIBOTULINUMTOXINA, 6);
    ck_assert_int_eq(BTX_SUBSTANCE_RIMABOTULINUMTOXINB, 7);

    ck_assert_int_eq(BTX_INDICATION_CHRONIC_MIGRAINE, 1);
    ck_assert_int_eq(BTX_INDICATION_OVERACTIVE_BLADDER, 2);
    ck_assert_int_eq(BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY, 3);
    ck_assert_int_eq(BTX_INDICATION_UPPER_LIMB_SPASTICITY, 4);
    ck_assert_int_eq(BTX_INDICATION_LOWER_LIMB_SPASTICITY, 5);
    ck_assert_int_eq(BTX_INDICATION_CERVICAL_DYSTONIA, 6);
    ck_assert_int_eq(BTX_INDICATION_AXILLARY_HYPERHIDROSIS, 7);
    ck_assert_int_eq(BTX_INDICATION_BLEPHAROSPASM, 8);
    ck_assert_int_eq(BTX_INDICATION_STRABISMUS, 9);
    ck_assert_int_eq(BTX_INDICATION_GLABELLAR_LINES, 10);
    ck_assert_int_eq(BTX_INDICATION_LATERAL_CANTHAL_LINES, 11);
    ck_assert_int_eq(BTX_INDICATION_FOREHEAD_LINES, 12);
    ck_assert_int_eq(BTX_INDICATION_PLATYSMA_BANDS, 13);
    ck_assert_int_eq(BTX_INDICATION_CHRONIC_SIALORRHEA, 14);
    ck_assert_int_eq(BTX_INDICATION_EPISODIC_MIGRAINE, 15);
    ck_assert_int_eq(BTX_INDICATION_CLUSTER_HEADACHE, 16);
    ck_assert_int_eq(BTX_INDICATION_TENSION_TYPE_HEADACHE, 17);

    ck_assert_int_eq(BTX_ADULT, 1);
    ck_assert_int_eq(BTX_PEDIATRIC, 2);
    ck_assert_int_eq(BTX_LABEL_APPROVED, 1);
    ck_assert_int_eq(BTX_LABEL_NOT_ESTABLISHED, 2);
    ck_assert_int_eq(BTX_LABEL_NOT_LABELLED, 3);
    ck_assert_int_eq(BTX_CATEGORY_THERAPEUTIC, 1);
    ck_assert_int_eq(BTX_CATEGORY_COSMETIC, 2);
    ck_assert_int_eq(BTX_DAYS, 1);
    ck_assert_int_eq(BTX_WEEKS, 2);
    ck_assert_int_eq(BTX_MONTHS, 3);
    ck_assert_int_eq(BTX_INTERVAL_MINIMUM, 1);
    ck_assert_int_eq(BTX_INTERVAL_SCHEDULE, 2);
    ck_assert_int_eq(BTX_EVIDENCE_LABEL, 1);
    ck_assert_int_eq(BTX_EVIDENCE_SECONDARY, 2);
}
END_TEST

/* ---- products ---- */

static const struct {
    int32_t product;
    const char *name;
    int32_t substance;
} products[] = {
    {BTX_PRODUCT_BOTOX, "BOTOX", BTX_SUBSTANCE_ONABOTULINUMTOXINA},
    {BTX_PRODUCT_BOTOX_COSMETIC, "BOTOX Cosmetic", BTX_SUBSTANCE_ONABOTULINUMTOXINA},
    {BTX_PRODUCT_DYSPORT, "Dysport", BTX_SUBSTANCE_ABOBOTULINUMTOXINA},
    {BTX_PRODUCT_XEOMIN, "Xeomin", BTX_SUBSTANCE_INCOBOTULINUMTOXINA},
    {BTX_PRODUCT_JEUVEAU, "Jeuveau", BTX_SUBSTANCE_PRABOTULINUMTOXINA},
    {BTX_PRODUCT_DAXXIFY, "Daxxify", BTX_SUBSTANCE_DAXIBOTULINUMTOXINA},
    {BTX_PRODUCT_LETYBO, "Letybo", BTX_SUBSTANCE_LETIBOTULINUMTOXINA},
    {BTX_PRODUCT_MYOBLOC, "Myobloc", BTX_SUBSTANCE_RIMABOTULINUMTOXINB},
};
#define N_PRODUCTS (sizeof products / sizeof products[0])

START_TEST(product_names_and_substances)
{
    ck_assert_uint_eq(N_PRODUCTS, 8);
    for (size_t i = 0; i < N_PRODUCTS; i++) {
        ck_assert_str_eq(btx_product_name(products[i].product), products[i].name);
        ck_assert_int_eq(btx_product_substance(products[i].product), products[i].substance);
        int32_t p = 0;
        ck_assert_int_eq(btx_product_lookup(products[i].name, &p), BTX_OK);
        ck_assert_int_eq(p, products[i].product);
    }
    const int32_t bad[] = {0, -1, 9, 100, INT32_MIN, INT32_MAX};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_str_eq(btx_product_name(bad[i]), "unknown");
        ck_assert_int_eq(btx_product_substance(bad[i]), 0);
    }
}
END_TEST

static const struct {
    const char *text;
    int32_t product;
} product_spellings[] = {
    {"Botox", BTX_PRODUCT_BOTOX},
    {"botox", BTX_PRODUCT_BOTOX},
    {"  BOTOX  ", BTX_PRODUCT_BOTOX},
    {"Botox Cosmetic", BTX_PRODUCT_BOTOX_COSMETIC},
    {"BOTOX COSMETIC", BTX_PRODUCT_BOTOX_COSMETIC},
    {" botox cosmetic ", BTX_PRODUCT_BOTOX_COSMETIC},
    {"onabotulinumtoxinA", BTX_PRODUCT_BOTOX},
    {"ONABOTULINUMTOXINA", BTX_PRODUCT_BOTOX},
    {"DYSPORT", BTX_PRODUCT_DYSPORT},
    {"abobotulinumtoxinA", BTX_PRODUCT_DYSPORT},
    {"xeomin", BTX_PRODUCT_XEOMIN},
    {"incobotulinumtoxinA", BTX_PRODUCT_XEOMIN},
    {"jeuveau", BTX_PRODUCT_JEUVEAU},
    {"prabotulinumtoxinA", BTX_PRODUCT_JEUVEAU},
    {"prabotulinumtoxinA-xvfs", BTX_PRODUCT_JEUVEAU},
    {"PRABOTULINUMTOXINA-XVFS", BTX_PRODUCT_JEUVEAU},
    {"daxxify", BTX_PRODUCT_DAXXIFY},
    {"daxibotulinumtoxinA", BTX_PRODUCT_DAXXIFY},
    {"daxibotulinumtoxinA-lanm", BTX_PRODUCT_DAXXIFY},
    {"LETYBO", BTX_PRODUCT_LETYBO},
    {"letibotulinumtoxinA", BTX_PRODUCT_LETYBO},
    {" letibotulinumtoxinA-wlbg", BTX_PRODUCT_LETYBO},
    {"myobloc", BTX_PRODUCT_MYOBLOC},
    {"rimabotulinumtoxinB ", BTX_PRODUCT_MYOBLOC},
};

START_TEST(product_lookup_spellings)
{
    for (size_t i = 0; i < sizeof product_spellings / sizeof product_spellings[0]; i++) {
        int32_t p = -1;
        ck_assert_msg(btx_product_lookup(product_spellings[i].text, &p) == BTX_OK, "%s",
                      product_spellings[i].text);
        ck_assert_msg(p == product_spellings[i].product, "%s -> %d",
                      product_spellings[i].text, (int)p);
    }
}
END_TEST

START_TEST(product_lookup_rejects)
{
    static const char *const bad[] = {
        "", "   ", "botox_cosmetic", "Botox  Cosmetic", "BotoxCosmetic", "Botox-Cosmetic",
        "\tBotox", "Botox\n", "Botox Therapeutic", "Botox Cosmetics", "Boto", "Botoxx",
        "onabotulinumtoxinA-xyz", "prabotulinumtoxinA-", "prabotulinumtoxinA xvfs",
        "daxibotulinumtoxinA-xvfs", "botulinum toxin", "onabotulinumtoxin",
        "Xeomin 100", "unknown",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int32_t p = 12345;
        ck_assert_msg(btx_product_lookup(bad[i], &p) == BTX_ENOTFOUND, "'%s'", bad[i]);
        ck_assert_int_eq(p, 12345); /* untouched on failure */
    }
    int32_t p;
    ck_assert_int_eq(btx_product_lookup(NULL, &p), BTX_EINVAL);
    ck_assert_int_eq(btx_product_lookup("Botox", NULL), BTX_EINVAL);
}
END_TEST

/* ---- substances ---- */

START_TEST(substance_names)
{
    static const char *const names[] = {
        "onabotulinumtoxinA", "abobotulinumtoxinA", "incobotulinumtoxinA", "prabotulinumtoxinA",
        "daxibotulinumtoxinA", "letibotulinumtoxinA", "rimabotulinumtoxinB",
    };
    for (int32_t s = 1; s <= 7; s++)
        ck_assert_str_eq(btx_substance_name(s), names[s - 1]);
    ck_assert_str_eq(btx_substance_name(0), "unknown");
    ck_assert_str_eq(btx_substance_name(8), "unknown");
    ck_assert_str_eq(btx_substance_name(-3), "unknown");
    /* Every substance name is also a product spelling, naming a product of it. */
    for (int32_t s = 1; s <= 7; s++) {
        int32_t p = 0;
        ck_assert_int_eq(btx_product_lookup(btx_substance_name(s), &p), BTX_OK);
        ck_assert_int_eq(btx_product_substance(p), s);
    }
}
END_TEST

/* ---- indications ---- */

static const struct {
    int32_t indication;
    const char *key;
} indications[] = {
    {BTX_INDICATION_CHRONIC_MIGRAINE, "chronic_migraine"},
    {BTX_INDICATION_OVERACTIVE_BLADDER, "overactive_bladder"},
    {BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY, "neurogenic_detrusor_overactivity"},
    {BTX_INDICATION_UPPER_LIMB_SPASTICITY, "upper_limb_spasticity"},
    {BTX_INDICATION_LOWER_LIMB_SPASTICITY, "lower_limb_spasticity"},
    {BTX_INDICATION_CERVICAL_DYSTONIA, "cervical_dystonia"},
    {BTX_INDICATION_AXILLARY_HYPERHIDROSIS, "axillary_hyperhidrosis"},
    {BTX_INDICATION_BLEPHAROSPASM, "blepharospasm"},
    {BTX_INDICATION_STRABISMUS, "strabismus"},
    {BTX_INDICATION_GLABELLAR_LINES, "glabellar_lines"},
    {BTX_INDICATION_LATERAL_CANTHAL_LINES, "lateral_canthal_lines"},
    {BTX_INDICATION_FOREHEAD_LINES, "forehead_lines"},
    {BTX_INDICATION_PLATYSMA_BANDS, "platysma_bands"},
    {BTX_INDICATION_CHRONIC_SIALORRHEA, "chronic_sialorrhea"},
    {BTX_INDICATION_EPISODIC_MIGRAINE, "episodic_migraine"},
    {BTX_INDICATION_CLUSTER_HEADACHE, "cluster_headache"},
    {BTX_INDICATION_TENSION_TYPE_HEADACHE, "tension_type_headache"},
};
#define N_INDICATIONS (sizeof indications / sizeof indications[0])

START_TEST(indication_keys_round_trip)
{
    ck_assert_uint_eq(N_INDICATIONS, 17);
    for (size_t i = 0; i < N_INDICATIONS; i++) {
        ck_assert_str_eq(btx_indication_name(indications[i].indication), indications[i].key);
        int32_t ind = 0;
        ck_assert_int_eq(btx_indication_lookup(indications[i].key, &ind), BTX_OK);
        ck_assert_int_eq(ind, indications[i].indication);

        /* Spaces, hyphens and capitals are accepted for the key's underscores. */
        char buf[64];
        ck_assert_uint_lt(strlen(indications[i].key), sizeof buf - 3);
        buf[0] = ' ';
        for (size_t j = 0; indications[i].key[j] != '\0'; j++) {
            char c = indications[i].key[j];
            if (c == '_')
                c = j % 2 ? ' ' : '-';
            else if (j == 0 && c >= 'a' && c <= 'z')
                c = (char)(c - 'a' + 'A');
            buf[j + 1] = c;
            buf[j + 2] = ' ';
            buf[j + 3] = '\0';
        }
        ind = 0;
        ck_assert_msg(btx_indication_lookup(buf, &ind) == BTX_OK, "'%s'", buf);
        ck_assert_int_eq(ind, indications[i].indication);
    }
    const int32_t bad[] = {0, -1, 18, 1000, INT32_MIN, INT32_MAX};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_str_eq(btx_indication_name(bad[i]), "unknown");
}
END_TEST

static const struct {
    const char *text;
    int32_t indication;
} indication_spellings[] = {
    {"Chronic Migraine", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"CHRONIC-MIGRAINE", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"OAB", BTX_INDICATION_OVERACTIVE_BLADDER},
    {"oab", BTX_INDICATION_OVERACTIVE_BLADDER},
    {"overactive bladder", BTX_INDICATION_OVERACTIVE_BLADDER},
    {"NDO", BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY},
    {"neurogenic detrusor overactivity", BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY},
    {"detrusor overactivity", BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY},
    {"ULS", BTX_INDICATION_UPPER_LIMB_SPASTICITY},
    {"upper-limb spasticity", BTX_INDICATION_UPPER_LIMB_SPASTICITY},
    {"LLS", BTX_INDICATION_LOWER_LIMB_SPASTICITY},
    {"Cervical Dystonia", BTX_INDICATION_CERVICAL_DYSTONIA},
    {"spasmodic torticollis", BTX_INDICATION_CERVICAL_DYSTONIA},
    {"hyperhidrosis", BTX_INDICATION_AXILLARY_HYPERHIDROSIS},
    {"Primary Axillary Hyperhidrosis", BTX_INDICATION_AXILLARY_HYPERHIDROSIS},
    {"Blepharospasm", BTX_INDICATION_BLEPHAROSPASM},
    {"STRABISMUS", BTX_INDICATION_STRABISMUS},
    {"glabellar lines", BTX_INDICATION_GLABELLAR_LINES},
    {"glabellar", BTX_INDICATION_GLABELLAR_LINES},
    {"frown lines", BTX_INDICATION_GLABELLAR_LINES},
    {"Frown Lines", BTX_INDICATION_GLABELLAR_LINES},
    {"crow's feet", BTX_INDICATION_LATERAL_CANTHAL_LINES},
    {"Crow's Feet", BTX_INDICATION_LATERAL_CANTHAL_LINES},
    {"crows feet", BTX_INDICATION_LATERAL_CANTHAL_LINES},
    {"crow\xE2\x80\x99s feet", BTX_INDICATION_LATERAL_CANTHAL_LINES},
    {"LCL", BTX_INDICATION_LATERAL_CANTHAL_LINES},
    {"lateral canthal lines", BTX_INDICATION_LATERAL_CANTHAL_LINES},
    {"forehead lines", BTX_INDICATION_FOREHEAD_LINES},
    {"horizontal forehead lines", BTX_INDICATION_FOREHEAD_LINES},
    {"platysma bands", BTX_INDICATION_PLATYSMA_BANDS},
    {"platysma", BTX_INDICATION_PLATYSMA_BANDS},
    {"sialorrhea", BTX_INDICATION_CHRONIC_SIALORRHEA},
    {"chronic sialorrhoea", BTX_INDICATION_CHRONIC_SIALORRHEA},
    {"drooling", BTX_INDICATION_CHRONIC_SIALORRHEA},
    {"episodic migraine", BTX_INDICATION_EPISODIC_MIGRAINE},
    {"cluster headache", BTX_INDICATION_CLUSTER_HEADACHE},
    {"tension-type headache", BTX_INDICATION_TENSION_TYPE_HEADACHE},
    {"tension type headache", BTX_INDICATION_TENSION_TYPE_HEADACHE},
    {"tension headache", BTX_INDICATION_TENSION_TYPE_HEADACHE},
    {"   chronic_migraine   ", BTX_INDICATION_CHRONIC_MIGRAINE},
};

START_TEST(indication_lookup_spellings)
{
    for (size_t i = 0; i < sizeof indication_spellings / sizeof indication_spellings[0]; i++) {
        int32_t ind = -1;
        ck_assert_msg(btx_indication_lookup(indication_spellings[i].text, &ind) == BTX_OK, "'%s'",
                      indication_spellings[i].text);
        ck_assert_msg(ind == indication_spellings[i].indication, "'%s' -> %d",
                      indication_spellings[i].text, (int)ind);
    }
}
END_TEST

START_TEST(indication_lookup_rejects)
{
    static const char *const bad[] = {
        "", "  ", "migraine", "spasticity", "headache", "lines", "chronic  migraine",
        "chronic_migraines", "chronicmigraine", "\tchronic_migraine", "chronic_migraine.",
        "crow feet", "unknown", "CM", "G43.709",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int32_t ind = 777;
        ck_assert_msg(btx_indication_lookup(bad[i], &ind) == BTX_ENOTFOUND, "'%s'", bad[i]);
        ck_assert_int_eq(ind, 777);
    }
    int32_t ind;
    ck_assert_int_eq(btx_indication_lookup(NULL, &ind), BTX_EINVAL);
    ck_assert_int_eq(btx_indication_lookup("OAB", NULL), BTX_EINVAL);
}
END_TEST

/* ---- ICD-10-CM ---- */

static const struct {
    const char *code;
    int32_t indication;
} icd_codes[] = {
    {"G43.701", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43.709", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43.711", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43.719", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43.E01", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43.E09", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43.E11", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43.E19", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43.7", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43.70", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43.71", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43.E", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43.E0", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G43.E1", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G24.3", BTX_INDICATION_CERVICAL_DYSTONIA},
    {"M43.6", BTX_INDICATION_CERVICAL_DYSTONIA},
    /* dot optional, case ignored, surrounding spaces ignored */
    {"G43709", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"g43.e19", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"g43e01", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"  G43.719  ", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"G437", BTX_INDICATION_CHRONIC_MIGRAINE},
    {"g243", BTX_INDICATION_CERVICAL_DYSTONIA},
    {" m43.6", BTX_INDICATION_CERVICAL_DYSTONIA},
    {"M436 ", BTX_INDICATION_CERVICAL_DYSTONIA},
};

START_TEST(icd10_mapping)
{
    for (size_t i = 0; i < sizeof icd_codes / sizeof icd_codes[0]; i++) {
        int32_t ind = -1;
        ck_assert_msg(btx_indication_from_icd10(icd_codes[i].code, &ind) == BTX_OK, "'%s'",
                      icd_codes[i].code);
        ck_assert_msg(ind == icd_codes[i].indication, "'%s' -> %d", icd_codes[i].code, (int)ind);
    }
}
END_TEST

START_TEST(icd10_rejects)
{
    static const char *const bad[] = {
        "", " ", "G43", "G43.", "G43.1", "G43.0", "G43.909", "G43.B0", "G43.7011", "G43.70.1",
        "G4.3709", "G437.09", "G43..709", ".G43709", "G43.709.", "G43 709", "G24", "G24.31",
        "M43", "M43.61", "G24.30", "G25.3", "chronic_migraine", "G43.E2", "G43.E21", "G43.E001",
        "G43.702", "G43.A0", "G43.7x", "G43.709 x", "\tG43.709",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int32_t ind = 555;
        ck_assert_msg(btx_indication_from_icd10(bad[i], &ind) == BTX_ENOTFOUND, "'%s'", bad[i]);
        ck_assert_int_eq(ind, 555);
    }
    int32_t ind;
    ck_assert_int_eq(btx_indication_from_icd10(NULL, &ind), BTX_EINVAL);
    ck_assert_int_eq(btx_indication_from_icd10("G43.709", NULL), BTX_EINVAL);
}
END_TEST

/* Codes added in 1.2 (docs/clinical-data.md, "ICD-10-CM"), typed from the ICD-10-CM
 * tabular list. */
static const struct {
    const char *code;
    int32_t indication;
} icd_codes_1_2[] = {
    {"G24.5", BTX_INDICATION_BLEPHAROSPASM},
    {"G245", BTX_INDICATION_BLEPHAROSPASM},
    {"g24.5 ", BTX_INDICATION_BLEPHAROSPASM},
    {"L74.510", BTX_INDICATION_AXILLARY_HYPERHIDROSIS},
    {"L74510", BTX_INDICATION_AXILLARY_HYPERHIDROSIS},
    {"l74.510", BTX_INDICATION_AXILLARY_HYPERHIDROSIS},
    {"N32.81", BTX_INDICATION_OVERACTIVE_BLADDER},
    {"n3281", BTX_INDICATION_OVERACTIVE_BLADDER},
    {"N31.0", BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY},
    {"N31.1", BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY},
    {"N319", BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY},
    {"K11.7", BTX_INDICATION_CHRONIC_SIALORRHEA},
    {"H49.00", BTX_INDICATION_STRABISMUS},
    {"H49.13", BTX_INDICATION_STRABISMUS},
    {"H49.21", BTX_INDICATION_STRABISMUS},
    {"H49.2", BTX_INDICATION_STRABISMUS},
    {"H49.9", BTX_INDICATION_STRABISMUS},
    {"H50", BTX_INDICATION_STRABISMUS},
    {"H50.011", BTX_INDICATION_STRABISMUS},
    {"H50.00", BTX_INDICATION_STRABISMUS},
    {"h50.9", BTX_INDICATION_STRABISMUS},
    {"H50.811", BTX_INDICATION_STRABISMUS},
    {"G83.2", BTX_INDICATION_UPPER_LIMB_SPASTICITY},
    {"G83.21", BTX_INDICATION_UPPER_LIMB_SPASTICITY},
    {"I69.331", BTX_INDICATION_UPPER_LIMB_SPASTICITY},
    {"I69.039", BTX_INDICATION_UPPER_LIMB_SPASTICITY},
    {"I69934", BTX_INDICATION_UPPER_LIMB_SPASTICITY},
    {"I69.13", BTX_INDICATION_UPPER_LIMB_SPASTICITY},
    {"I69.832", BTX_INDICATION_UPPER_LIMB_SPASTICITY},
    {"I69.233", BTX_INDICATION_UPPER_LIMB_SPASTICITY},
    {"G83.10", BTX_INDICATION_LOWER_LIMB_SPASTICITY},
    {"G83.14", BTX_INDICATION_LOWER_LIMB_SPASTICITY},
    {"I69.341", BTX_INDICATION_LOWER_LIMB_SPASTICITY},
    {"I69.04", BTX_INDICATION_LOWER_LIMB_SPASTICITY},
    {"i69.149", BTX_INDICATION_LOWER_LIMB_SPASTICITY},
    {"I69.242", BTX_INDICATION_LOWER_LIMB_SPASTICITY},
    {"I69.843", BTX_INDICATION_LOWER_LIMB_SPASTICITY},
    {"I69.944", BTX_INDICATION_LOWER_LIMB_SPASTICITY},
};

START_TEST(icd10_mapping_1_2)
{
    for (size_t i = 0; i < sizeof icd_codes_1_2 / sizeof icd_codes_1_2[0]; i++) {
        int32_t ind = -1;
        ck_assert_msg(btx_indication_from_icd10(icd_codes_1_2[i].code, &ind) == BTX_OK, "'%s'",
                      icd_codes_1_2[i].code);
        ck_assert_msg(ind == icd_codes_1_2[i].indication, "'%s' -> %d", icd_codes_1_2[i].code,
                      (int)ind);
    }
}
END_TEST

/* Neighbours of the 1.2 codes that must stay unmapped: other dystonias, other
 * hyperhidrosis sites, flaccid and other neurogenic bladder, the ophthalmoplegias,
 * hemiplegia, monoplegia of an unspecified limb, letters or an eighth character in a
 * family. */
START_TEST(icd10_rejects_1_2)
{
    static const char *const bad[] = {
        "G24.4", "G24.50", "G24", "G24.01", "L74.51", "L74.511", "L74.512", "L74.519",
        "L74.52", "L74.5100", "N32.8", "N32.89", "N32", "N31", "N31.2", "N31.8", "N31.90",
        "K11", "K11.70", "K11.8", "R68.2", "H49", "H49.3", "H49.4", "H49.8", "H49.81",
        "H49.881", "H49.90", "H51.0", "H50.A", "H50.0X", "H50.01111", "G83", "G83.3",
        "G83.4", "G83.2A", "G81.10", "I69", "I69.3", "I69.35", "I69.351", "I69.05",
        "I69.331A", "I69.33100", "G80.0", "G35", "R25.2", "L74.510 x", "H50..1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int32_t ind = 555;
        ck_assert_msg(btx_indication_from_icd10(bad[i], &ind) == BTX_ENOTFOUND, "'%s'", bad[i]);
        ck_assert_int_eq(ind, 555);
    }
}
END_TEST

/* Every indication a label covers has at least one code, except the aesthetic ones
 * (ICD-10-CM has no code that names them; docs/clinical-data.md). */
START_TEST(icd10_every_labelled_indication)
{
    static const struct {
        const char *code;
        int32_t indication;
    } one_each[] = {
        {"G43.709", BTX_INDICATION_CHRONIC_MIGRAINE},
        {"N32.81", BTX_INDICATION_OVERACTIVE_BLADDER},
        {"N31.9", BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY},
        {"G83.20", BTX_INDICATION_UPPER_LIMB_SPASTICITY},
        {"G83.10", BTX_INDICATION_LOWER_LIMB_SPASTICITY},
        {"G24.3", BTX_INDICATION_CERVICAL_DYSTONIA},
        {"L74.510", BTX_INDICATION_AXILLARY_HYPERHIDROSIS},
        {"G24.5", BTX_INDICATION_BLEPHAROSPASM},
        {"H50.9", BTX_INDICATION_STRABISMUS},
        {"K11.7", BTX_INDICATION_CHRONIC_SIALORRHEA},
    };
    int seen[BTX_INDICATION_TENSION_TYPE_HEADACHE + 1] = {0};
    for (size_t i = 0; i < sizeof one_each / sizeof one_each[0]; i++) {
        int32_t ind = 0;
        ck_assert_int_eq(btx_indication_from_icd10(one_each[i].code, &ind), BTX_OK);
        ck_assert_int_eq(ind, one_each[i].indication);
        seen[ind] = 1;
    }
    for (int32_t ind = BTX_INDICATION_CHRONIC_MIGRAINE; ind <= BTX_INDICATION_CHRONIC_SIALORRHEA;
         ind++) {
        int aesthetic = ind == BTX_INDICATION_GLABELLAR_LINES ||
                        ind == BTX_INDICATION_LATERAL_CANTHAL_LINES ||
                        ind == BTX_INDICATION_FOREHEAD_LINES ||
                        ind == BTX_INDICATION_PLATYSMA_BANDS;
        ck_assert_msg(seen[ind] == !aesthetic, "indication %d", (int)ind);
    }
}
END_TEST

/* ---- nonproprietary names and the labelled product ---- */

START_TEST(substance_lookup_spellings)
{
    static const struct {
        const char *name;
        int32_t substance;
    } ok[] = {
        {"onabotulinumtoxinA", BTX_SUBSTANCE_ONABOTULINUMTOXINA},
        {"ONABOTULINUMTOXINA", BTX_SUBSTANCE_ONABOTULINUMTOXINA},
        {"  onabotulinumtoxina ", BTX_SUBSTANCE_ONABOTULINUMTOXINA},
        {"abobotulinumtoxinA", BTX_SUBSTANCE_ABOBOTULINUMTOXINA},
        {"incobotulinumtoxinA", BTX_SUBSTANCE_INCOBOTULINUMTOXINA},
        {"prabotulinumtoxinA", BTX_SUBSTANCE_PRABOTULINUMTOXINA},
        {"prabotulinumtoxinA-xvfs", BTX_SUBSTANCE_PRABOTULINUMTOXINA},
        {"daxibotulinumtoxinA", BTX_SUBSTANCE_DAXIBOTULINUMTOXINA},
        {"DaxibotulinumtoxinA-LANM", BTX_SUBSTANCE_DAXIBOTULINUMTOXINA},
        {"letibotulinumtoxinA", BTX_SUBSTANCE_LETIBOTULINUMTOXINA},
        {"letibotulinumtoxinA-wlbg", BTX_SUBSTANCE_LETIBOTULINUMTOXINA},
        {"rimabotulinumtoxinB", BTX_SUBSTANCE_RIMABOTULINUMTOXINB},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        int32_t s = -1;
        ck_assert_msg(btx_substance_lookup(ok[i].name, &s) == BTX_OK, "'%s'", ok[i].name);
        ck_assert_msg(s == ok[i].substance, "'%s' -> %d", ok[i].name, (int)s);
    }
    /* brands are products, not substances; suffixes belong to their own substance */
    static const char *const bad[] = {
        "", "  ", "Botox", "BOTOX Cosmetic", "Dysport", "Xeomin", "Jeuveau", "Daxxify",
        "Letybo", "Myobloc", "onabotulinumtoxinA-xvfs", "prabotulinumtoxinA-lanm",
        "botulinum toxin", "onabotulinumtoxin", "\tonabotulinumtoxinA", "unknown",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int32_t s = 444;
        ck_assert_msg(btx_substance_lookup(bad[i], &s) == BTX_ENOTFOUND, "'%s'", bad[i]);
        ck_assert_int_eq(s, 444);
    }
    int32_t s;
    ck_assert_int_eq(btx_substance_lookup(NULL, &s), BTX_EINVAL);
    ck_assert_int_eq(btx_substance_lookup("onabotulinumtoxinA", NULL), BTX_EINVAL);
}
END_TEST

START_TEST(product_for_indication_ona)
{
    static const int32_t cosmetic[] = {
        BTX_INDICATION_GLABELLAR_LINES, BTX_INDICATION_LATERAL_CANTHAL_LINES,
        BTX_INDICATION_FOREHEAD_LINES, BTX_INDICATION_PLATYSMA_BANDS,
    };
    static const int32_t therapeutic[] = {
        BTX_INDICATION_CHRONIC_MIGRAINE, BTX_INDICATION_OVERACTIVE_BLADDER,
        BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY, BTX_INDICATION_UPPER_LIMB_SPASTICITY,
        BTX_INDICATION_LOWER_LIMB_SPASTICITY, BTX_INDICATION_CERVICAL_DYSTONIA,
        BTX_INDICATION_AXILLARY_HYPERHIDROSIS, BTX_INDICATION_BLEPHAROSPASM,
        BTX_INDICATION_STRABISMUS, BTX_INDICATION_EPISODIC_MIGRAINE,
        /* labelled for neither: the nonproprietary name's product */
        BTX_INDICATION_CHRONIC_SIALORRHEA, BTX_INDICATION_CLUSTER_HEADACHE,
        BTX_INDICATION_TENSION_TYPE_HEADACHE, 0,
    };
    for (size_t i = 0; i < sizeof cosmetic / sizeof cosmetic[0]; i++) {
        int32_t p = -1;
        ck_assert_int_eq(btx_product_for_indication(BTX_SUBSTANCE_ONABOTULINUMTOXINA,
                                                    cosmetic[i], &p), BTX_OK);
        ck_assert_msg(p == BTX_PRODUCT_BOTOX_COSMETIC, "indication %d -> %d", (int)cosmetic[i],
                      (int)p);
    }
    for (size_t i = 0; i < sizeof therapeutic / sizeof therapeutic[0]; i++) {
        int32_t p = -1;
        ck_assert_int_eq(btx_product_for_indication(BTX_SUBSTANCE_ONABOTULINUMTOXINA,
                                                    therapeutic[i], &p), BTX_OK);
        ck_assert_msg(p == BTX_PRODUCT_BOTOX, "indication %d -> %d", (int)therapeutic[i],
                      (int)p);
    }
}
END_TEST

/* One product per other substance: the same answer for every indication, labelled or
 * not; and indication 0 gives what btx_product_lookup gives for the substance's name. */
START_TEST(product_for_indication_single_product)
{
    static const struct {
        int32_t substance, product;
    } one[] = {
        {BTX_SUBSTANCE_ABOBOTULINUMTOXINA, BTX_PRODUCT_DYSPORT},
        {BTX_SUBSTANCE_INCOBOTULINUMTOXINA, BTX_PRODUCT_XEOMIN},
        {BTX_SUBSTANCE_PRABOTULINUMTOXINA, BTX_PRODUCT_JEUVEAU},
        {BTX_SUBSTANCE_DAXIBOTULINUMTOXINA, BTX_PRODUCT_DAXXIFY},
        {BTX_SUBSTANCE_LETIBOTULINUMTOXINA, BTX_PRODUCT_LETYBO},
        {BTX_SUBSTANCE_RIMABOTULINUMTOXINB, BTX_PRODUCT_MYOBLOC},
    };
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++) {
        for (int32_t ind = 0; ind <= BTX_INDICATION_TENSION_TYPE_HEADACHE; ind++) {
            int32_t p = -1;
            ck_assert_int_eq(btx_product_for_indication(one[i].substance, ind, &p), BTX_OK);
            ck_assert_msg(p == one[i].product, "substance %d indication %d -> %d",
                          (int)one[i].substance, (int)ind, (int)p);
        }
    }
    for (int32_t s = BTX_SUBSTANCE_ONABOTULINUMTOXINA; s <= BTX_SUBSTANCE_RIMABOTULINUMTOXINB;
         s++) {
        int32_t by_name = -1, by_default = -2;
        ck_assert_int_eq(btx_product_lookup(btx_substance_name(s), &by_name), BTX_OK);
        ck_assert_int_eq(btx_product_for_indication(s, 0, &by_default), BTX_OK);
        ck_assert_int_eq(by_name, by_default);
    }
}
END_TEST

START_TEST(product_for_indication_rejects)
{
    static const struct {
        int32_t substance, indication;
    } bad[] = {
        {0, BTX_INDICATION_GLABELLAR_LINES}, {8, BTX_INDICATION_GLABELLAR_LINES},
        {-1, 0}, {BTX_SUBSTANCE_ONABOTULINUMTOXINA, 18},
        {BTX_SUBSTANCE_ONABOTULINUMTOXINA, -1}, {BTX_SUBSTANCE_ABOBOTULINUMTOXINA, 1000},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int32_t p = 333;
        ck_assert_int_eq(btx_product_for_indication(bad[i].substance, bad[i].indication, &p),
                         BTX_EINVAL);
        ck_assert_int_eq(p, 333);
    }
    ck_assert_int_eq(btx_product_for_indication(BTX_SUBSTANCE_ONABOTULINUMTOXINA,
                                                BTX_INDICATION_GLABELLAR_LINES, NULL),
                     BTX_EINVAL);
}
END_TEST

START_TEST(label_status_names)
{
    ck_assert_str_eq(btx_label_status_name(BTX_LABEL_APPROVED), "approved");
    ck_assert_str_eq(btx_label_status_name(BTX_LABEL_NOT_ESTABLISHED), "not_established");
    ck_assert_str_eq(btx_label_status_name(BTX_LABEL_NOT_LABELLED), "not_labelled");
    ck_assert_str_eq(btx_label_status_name(0), "unknown");
    ck_assert_str_eq(btx_label_status_name(4), "unknown");
    ck_assert_str_eq(btx_label_status_name(-1), "unknown");
}
END_TEST

/* Names are static and stable: the same pointer twice, never NULL. */
START_TEST(names_are_static)
{
    for (int32_t v = -2; v <= 20; v++) {
        ck_assert_ptr_nonnull(btx_product_name(v));
        ck_assert_ptr_nonnull(btx_substance_name(v));
        ck_assert_ptr_nonnull(btx_indication_name(v));
        ck_assert_ptr_nonnull(btx_label_status_name(v));
        ck_assert_ptr_eq(btx_product_name(v), btx_product_name(v));
        ck_assert_ptr_eq(btx_indication_name(v), btx_indication_name(v));
    }
}
END_TEST

Suite *catalog_suite(void);
Suite *catalog_suite(void)
{
    Suite *s = suite_create("catalog");
    TCase *tc = tcase_create("enums");
    tcase_add_test(tc, enum_values_pinned);
    suite_add_tcase(s, tc);

    tc = tcase_create("products");
    tcase_add_test(tc, product_names_and_substances);
    tcase_add_test(tc, product_lookup_spellings);
    tcase_add_test(tc, product_lookup_rejects);
    tcase_add_test(tc, substance_names);
    suite_add_tcase(s, tc);

    tc = tcase_create("indications");
    tcase_add_test(tc, indication_keys_round_trip);
    tcase_add_test(tc, indication_lookup_spellings);
    tcase_add_test(tc, indication_lookup_rejects);
    tcase_add_test(tc, icd10_mapping);
    tcase_add_test(tc, icd10_rejects);
    tcase_add_test(tc, icd10_mapping_1_2);
    tcase_add_test(tc, icd10_rejects_1_2);
    tcase_add_test(tc, icd10_every_labelled_indication);
    suite_add_tcase(s, tc);

    tc = tcase_create("labelled_product");
    tcase_add_test(tc, substance_lookup_spellings);
    tcase_add_test(tc, product_for_indication_ona);
    tcase_add_test(tc, product_for_indication_single_product);
    tcase_add_test(tc, product_for_indication_rejects);
    suite_add_tcase(s, tc);

    tc = tcase_create("names");
    tcase_add_test(tc, label_status_names);
    tcase_add_test(tc, names_are_static);
    suite_add_tcase(s, tc);
    return s;
}
