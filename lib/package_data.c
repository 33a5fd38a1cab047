/* SPDX-License-Identifier: Apache-2.0 */
/* Package data: every botulinum-toxin package NDC with a source, its product, its size
 * and whether it is a finished package; and per product the in-use window after
 * reconstitution. Logic is in billing.c; docs/billing.md shows every row and resolves
 * the source ids in brackets.
 *
 * Only NDCs seen in a source are here; none is derived from a pattern. The 11-digit
 * form is the 10-digit one padded with a zero in its short segment (4-4-2: labeler;
 * 5-3-2: product; 5-4-1: package) [BN1, BN2]; tests/check_ndc.c checks that every row
 * agrees with that rule. A row whose package code is not sourced carries its product
 * code alone and no 11-digit form: it gives a vial size, never a lookup answer.
 *
 * Evidence follows the source's confidence: a manufacturer, FDA (openFDA) or CMS
 * contractor page quoted verbatim is BTX_EVIDENCE_LABEL; a secondary copy or a value
 * derived by the padding rule alone is BTX_EVIDENCE_SECONDARY. */
#include "internal.h"

#define FINISHED .kind = BTX__PACKAGE_FINISHED
#define SAMPLE .kind = BTX__PACKAGE_SAMPLE
#define BULK .kind = BTX__PACKAGE_BULK
#define LABEL .evidence = BTX_EVIDENCE_LABEL
#define SECONDARY .evidence = BTX_EVIDENCE_SECONDARY

const btx__package_row btx__package_rows[] = {
    /* ---- BOTOX (therapeutic); the labelled 50 U vial has no sourced NDC [BP3] ---- */
    {.ndc10 = "0023-1145-01", .ndc11 = "00023114501", .product = BTX_PRODUCT_BOTOX,
     .units = 100, FINISHED, LABEL,
     .source = "BOTOX 100 Unit vial, NDC 00023-1145-01 (Allergan billing and coding reference) [BP1]"},
    {.ndc10 = "0023-3921-02", .ndc11 = "00023392102", .product = BTX_PRODUCT_BOTOX,
     .units = 200, FINISHED, LABEL,
     .source = "BOTOX 200 Unit vial, NDC 00023-3921-02 (Allergan billing and coding reference) [BP2]"},
    /* A repackager's BOTOX 100 U (Sportpharm LLC, marketed from 2026-02-03). */
    {.ndc10 = "85766-155-01", .ndc11 = "85766015501", .product = BTX_PRODUCT_BOTOX,
     .units = 100, FINISHED, LABEL,
     .source = "BOTOX 100 Units repackaged by Sportpharm LLC, NDC 85766-155-01 (openFDA) [BP18]"},
    {.ndc10 = "85766-155-02", .ndc11 = "85766015502", .product = BTX_PRODUCT_BOTOX,
     .units = 100, FINISHED, LABEL,
     .source = "BOTOX 100 Units repackaged by Sportpharm LLC, NDC 85766-155-02 (openFDA) [BP18]"},

    /* ---- BOTOX Cosmetic ---- */
    {.ndc10 = "0023-9232-01", .ndc11 = "00023923201", .product = BTX_PRODUCT_BOTOX_COSMETIC,
     .units = 100, FINISHED, LABEL,
     .source = "BOTOX Cosmetic 100 Units, NDC 0023-9232-01, 1 glass vial in 1 carton (openFDA) [BP4]"},
    {.ndc10 = "0023-9232-02", .ndc11 = "00023923202", .product = BTX_PRODUCT_BOTOX_COSMETIC,
     .units = 100, FINISHED, LABEL,
     .source = "BOTOX Cosmetic 100 Units, NDC 0023-9232-02 (openFDA) [BP4]"},
    /* 50 U: the product code 0023-3919 is sourced, its package suffix is not. */
    {.ndc10 = "0023-3919", .ndc11 = NULL, .product = BTX_PRODUCT_BOTOX_COSMETIC,
     .units = 50, FINISHED, SECONDARY,
     .source = "BOTOX Cosmetic 50 Units, product NDC 0023-3919 (copy of the SPL listing; package code not confirmed); single-use vial [BP5, BS3]"},

    /* ---- Dysport (Ipsen); the aesthetic 300 U vial (Galderma) has no sourced NDC [BP8] ---- */
    {.ndc10 = "15054-0530-6", .ndc11 = "15054053006", .product = BTX_PRODUCT_DYSPORT,
     .units = 300, FINISHED, LABEL,
     .source = "Dysport 300 Units vial, NDC 15054-0530-6, billed as 15054-0530-06 (openFDA; Ipsen) [BP6]"},
    {.ndc10 = "15054-0500-1", .ndc11 = "15054050001", .product = BTX_PRODUCT_DYSPORT,
     .units = 500, FINISHED, LABEL,
     .source = "Dysport 500 Units vial, NDC 15054-0500-01 (Ipsen); 10-digit form 15054-0500-1 by the padding rule [BP7, BN2]"},

    /* ---- Xeomin: two labelers (Merz Pharmaceuticals 0259, Merz North America 46783) ---- */
    {.ndc10 = "0259-1605-01", .ndc11 = "00259160501", .product = BTX_PRODUCT_XEOMIN,
     .units = 50, FINISHED, LABEL,
     .source = "Xeomin 50 Units, NDC 0259-1605-01 (Merz billing codes) [BP9]"},
    {.ndc10 = "0259-1610-01", .ndc11 = "00259161001", .product = BTX_PRODUCT_XEOMIN,
     .units = 100, FINISHED, LABEL,
     .source = "Xeomin 100 Units, NDC 0259-1610-01 (Merz billing codes) [BP9]"},
    {.ndc10 = "0259-1620-01", .ndc11 = "00259162001", .product = BTX_PRODUCT_XEOMIN,
     .units = 200, FINISHED, LABEL,
     .source = "Xeomin 200 Units, NDC 0259-1620-01 (Merz billing codes; openFDA) [BP9, BP10]"},
    {.ndc10 = "0259-1620-10", .ndc11 = "00259162010", .product = BTX_PRODUCT_XEOMIN,
     .units = 200, FINISHED, LABEL,
     .source = "Xeomin 200 Units, NDC 0259-1620-10, 1 single-use vial in 1 carton (openFDA) [BP10]"},
    {.ndc10 = "46783-160-01", .ndc11 = "46783016001", .product = BTX_PRODUCT_XEOMIN,
     .units = 100, FINISHED, LABEL,
     .source = "Xeomin 100 Units, NDC 46783-160-01, Merz North America (openFDA) [BP10]"},
    {.ndc10 = "46783-160-10", .ndc11 = "46783016010", .product = BTX_PRODUCT_XEOMIN,
     .units = 100, FINISHED, LABEL,
     .source = "Xeomin 100 Units, NDC 46783-160-10, Merz North America (openFDA) [BP10]"},

    /* ---- Jeuveau ---- */
    {.ndc10 = "72301-595-10", .ndc11 = "72301059510", .product = BTX_PRODUCT_JEUVEAU,
     .units = 100, FINISHED, LABEL,
     .source = "Jeuveau 100 Units, NDC 72301-595-10, 1 vial in 1 carton (openFDA) [BP11]"},

    /* ---- Daxxify; the 50 U vial has no sourced NDC [BP13] ---- */
    {.ndc10 = "72960-112-01", .ndc11 = "72960011201", .product = BTX_PRODUCT_DAXXIFY,
     .units = 100, FINISHED, LABEL,
     .source = "Daxxify 100 Units single-dose vial, NDC 72960-112-01 / 72960-0112-01 (Revance) [BP12, BH12]"},
    {.ndc10 = "72960-112-02", .ndc11 = "72960011202", .product = BTX_PRODUCT_DAXXIFY,
     .units = 100, SAMPLE, LABEL,
     .source = "Daxxify 100 Units, NDC 72960-112-02: a sample (openFDA \"sample\": true) [BP12]"},

    /* ---- Letybo; the 50 U vial has no sourced NDC [BP15] ---- */
    {.ndc10 = "81165-100-01", .ndc11 = "81165010001", .product = BTX_PRODUCT_LETYBO,
     .units = 100, FINISHED, LABEL,
     .source = "Letybo 100 Units single-dose vial, NDC 81165-100-01, marketed from 2024-07-30 (openFDA) [BP14]"},

    /* ---- Myobloc: 711 and 712 are the 5,000 and 10,000 U vials, which is which is
     * not confirmed, so their size is 0 (not used by the vial plan) ---- */
    {.ndc10 = "10454-710-10", .ndc11 = "10454071010", .product = BTX_PRODUCT_MYOBLOC,
     .units = 2500, FINISHED, LABEL,
     .source = "Myobloc 2,500 Units/0.5 mL single-use vial, NDC 10454-710-10 (openFDA) [BP16]"},
    {.ndc10 = "10454-711-10", .ndc11 = "10454071110", .product = BTX_PRODUCT_MYOBLOC,
     .units = 0, FINISHED, SECONDARY,
     .source = "Myobloc, NDC 10454-711-10: the 5,000 or the 10,000 Units vial (which one is not confirmed) [BP17]"},
    {.ndc10 = "10454-712-10", .ndc11 = "10454071210", .product = BTX_PRODUCT_MYOBLOC,
     .units = 0, FINISHED, SECONDARY,
     .source = "Myobloc, NDC 10454-712-10: the 5,000 or the 10,000 Units vial (which one is not confirmed) [BP17]"},

    /* ---- bulk incobotulinumtoxinA: drug for further processing, not a product ---- */
    {.ndc10 = "71956-202-01", .ndc11 = "71956020201", .product = 0,
     .units = 0, BULK, LABEL,
     .source = "incobotulinumtoxinA, NDC 71956-202-01 (LYOCONTRACT GmbH): drug for further processing, not finished (openFDA) [BP19]"},
};
const size_t btx__package_row_count = sizeof btx__package_rows / sizeof btx__package_rows[0];

/* In-use windows after reconstitution and the sources of each product's vial sizes. The
 * choice rule (least discarded units with the vials available for purchase) is BW16. */
const btx__product_vials btx__product_vial_facts[BTX__PRODUCT_MAX + 1] = {
    [BTX_PRODUCT_BOTOX] = {
        .in_use_hours = 24, .ready_to_use = 0, .in_use_evidence = BTX_EVIDENCE_LABEL,
        .in_use_source = "BOTOX: administer within 24 hours of reconstitution, stored in a refrigerator at 2 to 8 C; single-dose vials, discard any unused portion [BS1, BS2]",
        .vial_source = "BOTOX single-dose vials with a package NDC: 100 U (0023-1145-01; repackaged 85766-155-01, -02) and 200 U (0023-3921-02); the labelled 50 U vial has no sourced NDC and is not used; least discarded units with the vials available, then fewest vials [BP1, BP2, BP3, BP18, BW16]",
    },
    [BTX_PRODUCT_BOTOX_COSMETIC] = {
        .in_use_hours = 24, .ready_to_use = 0, .in_use_evidence = BTX_EVIDENCE_SECONDARY,
        .in_use_source = "BOTOX Cosmetic: use within 24 hours of reconstitution, stored at 2 to 8 C; single-use vials (manufacturer reconstitution guides) [BS3]",
        .vial_source = "BOTOX Cosmetic single-use vials: 100 U (0023-9232-01, -02) and 50 U (product NDC 0023-3919, package code not confirmed); least discarded units with the vials available, then fewest vials [BP4, BP5, BS3, BW16]",
    },
    [BTX_PRODUCT_DYSPORT] = {
        .in_use_hours = 24, .ready_to_use = 0, .in_use_evidence = BTX_EVIDENCE_SECONDARY,
        .in_use_source = "Dysport: single-use vial (Ipsen); use the reconstituted solution within 24 hours (seen on a retailer page only; the US label's wording is not confirmed) [BS4]",
        .vial_source = "Dysport single-use vials: 300 U (15054-0530-6) and 500 U (15054-0500-1); the aesthetic 300 U vial (Galderma) has no sourced NDC; least discarded units with the vials available, then fewest vials [BP6, BP7, BP8, BW16]",
    },
    [BTX_PRODUCT_XEOMIN] = {
        .in_use_hours = 24, .ready_to_use = 0, .in_use_evidence = BTX_EVIDENCE_LABEL,
        .in_use_source = "Xeomin: reconstituted, may be kept at 2 to 8 C for up to 24 hours; one injection session, one patient; single-dose vial [BS5]",
        .vial_source = "Xeomin single-dose vials: 50 U (0259-1605-01), 100 U (0259-1610-01; 46783-160-01, -10) and 200 U (0259-1620-01, -10); least discarded units with the vials available, then fewest vials [BP9, BP10, BW16]",
    },
    [BTX_PRODUCT_JEUVEAU] = {
        .in_use_hours = 24, .ready_to_use = 0, .in_use_evidence = BTX_EVIDENCE_LABEL,
        .in_use_source = "Jeuveau: administer within 24 hours of reconstitution; single-dose vial, one injection session, one patient [BS6]",
        .vial_source = "Jeuveau single-dose vial: 100 U (72301-595-10); least discarded units with the vials available, then fewest vials [BP11, BW16]",
    },
    [BTX_PRODUCT_DAXXIFY] = {
        .in_use_hours = 72, .ready_to_use = 0, .in_use_evidence = BTX_EVIDENCE_SECONDARY,
        .in_use_source = "Daxxify: 72 hours after reconstitution, not 24 (journal report of the label; the label's own wording not retrieved); single-dose vial [BS7]",
        .vial_source = "Daxxify single-dose vial: 100 U (72960-112-01; 72960-112-02 is a sample); the 50 U vial has no sourced NDC; least discarded units with the vials available, then fewest vials [BP12, BP13, BW16]",
    },
    [BTX_PRODUCT_LETYBO] = {
        .in_use_hours = 24, .ready_to_use = 0, .in_use_evidence = BTX_EVIDENCE_SECONDARY,
        .in_use_source = "Letybo: administer within 24 hours of reconstitution (ASHP monograph) [BS8]",
        .vial_source = "Letybo single-dose vial: 100 U (81165-100-01); the 50 U vial has no sourced NDC; least discarded units with the vials available, then fewest vials [BP14, BP15, BW16]",
    },
    [BTX_PRODUCT_MYOBLOC] = {
        .in_use_hours = 0, .ready_to_use = 1, .in_use_evidence = BTX_EVIDENCE_LABEL,
        .in_use_source = "Myobloc: a ready-to-use solution, no reconstitution; each single-dose vial for one session and one patient, discard the rest; the in-use time after an optional dilution is not confirmed [BS9]",
        .vial_source = "Myobloc single-use vial: 2,500 U (10454-710-10); the 5,000 U and 10,000 U vials are 10454-711-10 and 10454-712-10, which is which is not confirmed, so they are not used (both are multiples of 2,500 U: the units discarded are the same); least discarded units, then fewest vials [BP16, BP17, BW16]",
    },
};
