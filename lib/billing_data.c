/* SPDX-License-Identifier: Apache-2.0 */
/* Billing data: the HCPCS drug code of each substance with its billing unit and dates,
 * the discarded-drug modifiers JW and JZ with their dates, the settings where they
 * apply, and the advisory CPT administration codes of each indication. Logic is in
 * billing.c; docs/billing.md shows every row and resolves the source ids in brackets.
 *
 * Dates are YYYYMMDD. A code is given only from the first date of service on which a
 * source shows it in effect: the add dates of J0585-J0588 are not confirmed, and the
 * CMS HCPCS file for 2020 is the earliest source that lists them [BH10]. */
#include "internal.h"

const btx__hcpcs_row btx__hcpcs_rows[BTX__SUBSTANCE_MAX + 1] = {
    [BTX_SUBSTANCE_ONABOTULINUMTOXINA] = {
        .code = "J0585", .unit_units = 1, .from_ymd = 20200101,
        .source = "HCPCS J0585 Injection, onabotulinumtoxinA, 1 unit (CMS HCPCS file 2020; its start date is not confirmed, so it is given from 2020-01-01) [BH1, BH10]",
        .no_code_source = "J0585 is confirmed in effect from 2020-01-01 (CMS HCPCS file 2020); its start date is not confirmed, so no line is given for an earlier date of service [BH1, BH10]",
    },
    [BTX_SUBSTANCE_ABOBOTULINUMTOXINA] = {
        .code = "J0586", .unit_units = 5, .from_ymd = 20200101,
        .source = "HCPCS J0586 Injection, abobotulinumtoxinA, 5 units: Dysport units divided by 5 (CMS HCPCS file 2020; its start date is not confirmed, so it is given from 2020-01-01) [BH2, BH10, BH14]",
        .no_code_source = "J0586 is confirmed in effect from 2020-01-01 (CMS HCPCS file 2020); its start date is not confirmed, so no line is given for an earlier date of service [BH2, BH10]",
    },
    [BTX_SUBSTANCE_INCOBOTULINUMTOXINA] = {
        .code = "J0588", .unit_units = 1, .from_ymd = 20200101,
        .source = "HCPCS J0588 Injection, incobotulinumtoxinA, 1 unit (CMS HCPCS file 2020; its start date is not confirmed, so it is given from 2020-01-01) [BH4, BH10]",
        .no_code_source = "J0588 is confirmed in effect from 2020-01-01 (CMS HCPCS file 2020); its start date is not confirmed, so no line is given for an earlier date of service [BH4, BH10]",
    },
    [BTX_SUBSTANCE_PRABOTULINUMTOXINA] = {
        .code = NULL, .unit_units = 0, .from_ymd = 0, .source = NULL,
        .no_code_source = "No HCPCS code for prabotulinumtoxinA was found (Jeuveau is labelled for glabellar lines only); no code is invented [BH11]",
    },
    [BTX_SUBSTANCE_DAXIBOTULINUMTOXINA] = {
        .code = "J0589", .unit_units = 1, .from_ymd = 20240401,
        .source = "HCPCS J0589 Injection, daxibotulinumtoxinA-lanm, 1 unit, from 2024-04-01, for therapeutic use [BH5, BH6, BH8, BH12]",
        .no_code_source = "J0589 is in effect from 2024-04-01; the earlier outpatient pass-through code C9160 has no confirmed dates and is not given [BH6, BH7]",
    },
    [BTX_SUBSTANCE_LETIBOTULINUMTOXINA] = {
        .code = NULL, .unit_units = 0, .from_ymd = 0, .source = NULL,
        .no_code_source = "No HCPCS code for letibotulinumtoxinA was found (Letybo is labelled for glabellar lines only); no code is invented [BH11]",
    },
    [BTX_SUBSTANCE_RIMABOTULINUMTOXINB] = {
        .code = "J0587", .unit_units = 100, .from_ymd = 20200101,
        .source = "HCPCS J0587 Injection, rimabotulinumtoxinB, 100 units: Myobloc units divided by 100 (CMS HCPCS file 2020; its start date is not confirmed, so it is given from 2020-01-01) [BH3, BH10, BH13]",
        .no_code_source = "J0587 is confirmed in effect from 2020-01-01 (CMS HCPCS file 2020); its start date is not confirmed, so no line is given for an earlier date of service [BH3, BH10]",
    },
};

const btx__waste_rules btx__waste = {
    .jw_from_ymd = 20170101,
    .jz_optional_from_ymd = 20230101,
    .jz_required_from_ymd = 20230701,
    .before_jw_source = "JW is required from 2017-01-01 and JZ exists from 2023-01-01: neither is given for an earlier date of service [BW3, BW5]",
    .admin_source = "Administered line: the dose rounded up to whole billing units of the code's descriptor; a dose below one billing unit bills one [BR1, BR2, BR3]",
    .admin_jz_optional_source = "Administered line: the dose rounded up to whole billing units (a dose below one billing unit bills one); less than one billing unit discarded, so no JW line and JZ, which is available from 2023-01-01 and required from 2023-07-01 [BR1, BR2, BR3, BR4, BW2, BW5, BW12, BW14]",
    .admin_jz_required_source = "Administered line: the dose rounded up to whole billing units (a dose below one billing unit bills one); less than one billing unit discarded, so no JW line and JZ, required from 2023-07-01 [BR1, BR2, BR3, BR4, BW2, BW4, BW12, BW14]",
    .jw_source = "Discarded line: the units left in the single-dose vials opened, rounded down to whole billing units, on a separate line with JW (required from 2017-01-01); administered plus discarded billing units equal the billing units of the vials [BR1, BR4, BW1, BW3, BW10, BW11, BW13]",
    .cosmetic_source = "Cosmetic use is not covered by Medicare (statutorily excluded), nor by the plans seen: not covered, self-pay; no drug line and no code are given [BM1, BM2, BM4, BM5]",
};

const btx__setting_row btx__setting_rows[BTX__SETTING_MAX + 1] = {
    [0] = {.name = "unknown", .waste_modifiers = 0, .source = ""},
    [BTX_SETTING_OFFICE] = {
        .name = "office", .waste_modifiers = 1,
        .source = "JW and JZ apply to drugs from single-dose containers separately payable under Medicare Part B (physician office) [BW3, BW4, BW8]",
    },
    [BTX_SETTING_HOSPITAL_OUTPATIENT] = {
        .name = "hospital_outpatient", .waste_modifiers = 1,
        .source = "JW and JZ apply to separately payable drugs under the OPPS (status indicators G and K), not to packaged drugs [BW8, BW9]",
    },
    [BTX_SETTING_ASC] = {
        .name = "asc", .waste_modifiers = 1,
        .source = "JW and JZ apply to separately payable drugs in an ambulatory surgical center (payment indicator K2), not to packaged drugs [BW8, BW9]",
    },
    [BTX_SETTING_CAH] = {
        .name = "cah", .waste_modifiers = 1,
        .source = "JW and JZ apply in critical access hospitals [BW8, BW9]",
    },
    [BTX_SETTING_RHC] = {
        .name = "rhc", .waste_modifiers = 0,
        .source = "JW and JZ do not apply to drugs given in a rural health clinic [BW9]",
    },
    [BTX_SETTING_FQHC] = {
        .name = "fqhc", .waste_modifiers = 0,
        .source = "JW and JZ do not apply to drugs given in a federally qualified health center [BW9]",
    },
    [BTX_SETTING_INPATIENT] = {
        .name = "inpatient", .waste_modifiers = 0,
        .source = "JW and JZ are not for claims under the Inpatient Prospective Payment System [BW9]",
    },
};

/* Spellings besides the keys, folded as billing.c folds them: ASCII lower case, spaces
 * and hyphens as underscores. */
const btx__alias_row btx__setting_aliases[] = {
    {"physician_office", BTX_SETTING_OFFICE},
    {"hospital_outpatient_department", BTX_SETTING_HOSPITAL_OUTPATIENT},
    {"hopd", BTX_SETTING_HOSPITAL_OUTPATIENT},
    {"ambulatory_surgical_center", BTX_SETTING_ASC},
    {"critical_access_hospital", BTX_SETTING_CAH},
    {"rural_health_clinic", BTX_SETTING_RHC},
    {"federally_qualified_health_center", BTX_SETTING_FQHC},
};
const size_t btx__setting_alias_count =
    sizeof btx__setting_aliases / sizeof btx__setting_aliases[0];

#define LIMB_CODES {"64642", "64643", "64644", "64645"}
#define LIMB_SOURCE "CPT 64642-64645 (advisory): chemodenervation of one extremity, 1-4 muscles (64642) or 5 or more (64644), and of each additional extremity (+64643, +64645); one base code per session; the limbs and muscles decide [BC3, BC4, BC11]"
#define BLADDER_SOURCE "CPT 52287 (advisory): cystourethroscopy with injection(s) for chemodenervation of the bladder [BC9, BC11]"

/* Indications without a row (the aesthetic ones, and headaches no label covers) have no
 * advisory code. */
const btx__cpt_row btx__cpt_rows[BTX__INDICATION_MAX + 1] = {
    [BTX_INDICATION_CHRONIC_MIGRAINE] = {
        .codes = {"64615"},
        .source = "CPT 64615 (advisory): chemodenervation of muscles innervated by the facial, trigeminal, cervical spinal and accessory nerves, bilateral (eg, for chronic migraine); once per session [BC1, BC11]",
    },
    [BTX_INDICATION_OVERACTIVE_BLADDER] = {.codes = {"52287"}, .source = BLADDER_SOURCE},
    [BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY] = {.codes = {"52287"}, .source = BLADDER_SOURCE},
    [BTX_INDICATION_UPPER_LIMB_SPASTICITY] = {.codes = LIMB_CODES, .source = LIMB_SOURCE},
    [BTX_INDICATION_LOWER_LIMB_SPASTICITY] = {.codes = LIMB_CODES, .source = LIMB_SOURCE},
    [BTX_INDICATION_CERVICAL_DYSTONIA] = {
        .codes = {"64616"},
        .source = "CPT 64616 (advisory): chemodenervation of neck muscles, excluding the larynx, unilateral (eg, for cervical dystonia) [BC3, BC11]",
    },
    [BTX_INDICATION_AXILLARY_HYPERHIDROSIS] = {
        .codes = {"64650"},
        .source = "CPT 64650 (advisory): chemodenervation of eccrine glands, both axillae [BC6, BC11]",
    },
    [BTX_INDICATION_BLEPHAROSPASM] = {
        .codes = {"64612"},
        .source = "CPT 64612 (advisory): chemodenervation of muscles innervated by the facial nerve, unilateral (eg, for blepharospasm); both sides with modifier 50 [BC2, BC11]",
    },
    [BTX_INDICATION_STRABISMUS] = {
        .codes = {"67345"},
        .source = "CPT 67345 (advisory): chemodenervation of extraocular muscle [BC7, BC11]",
    },
    [BTX_INDICATION_CHRONIC_SIALORRHEA] = {
        .codes = {"64611"},
        .source = "CPT 64611 (advisory): chemodenervation of parotid and submandibular salivary glands, bilateral [BC5, BC11]",
    },
};
