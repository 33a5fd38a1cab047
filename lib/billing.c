/* SPDX-License-Identifier: Apache-2.0 */
/* Vial plans, billing lines and NDC lookup. Data in package_data.c and billing_data.c;
 * the rules are in docs/billing.md.
 *
 * Every quantity is an integer: doses and vials in milli-units (units.c), billing units
 * as whole numbers. Output structs are written field by field from a local copy, as in
 * protocol.c: struct_size stays the caller's and nothing past the 1.2 layout is touched. */
#include <string.h>

#include "internal.h"

/* ---- dates and doses ---- */

static int32_t ymd_of(btx_date date)
{
    int32_t y, m, d;
    btx__civil_from_days(date, &y, &m, &d);
    return y * 10000 + m * 100 + d;
}

/* A dose: finite, above 0, at most BTX_UNITS_MAX, and not 0 after rounding to 0.001 U. */
static int load_dose(double units, btx_milli *out)
{
    btx_milli m;
    if (btx__milli_from_units(units, &m) != BTX_OK || m <= 0)
        return BTX_ERANGE;
    *out = m;
    return BTX_OK;
}

/* ---- vial plans ---- */

int32_t btx__vial_sizes(int32_t product, int32_t units[BTX_VIAL_SIZES_MAX])
{
    int32_t n = 0;
    for (size_t i = 0; i < btx__package_row_count; i++) {
        const btx__package_row *r = &btx__package_rows[i];
        if (r->product != product || r->kind != BTX__PACKAGE_FINISHED || r->units <= 0)
            continue;
        int32_t k = 0;
        while (k < n && units[k] > r->units)
            k++;
        if (k < n && units[k] == r->units)
            continue; /* a size already seen (another labeler or package) */
        if (n == BTX_VIAL_SIZES_MAX)
            return n; /* tests/check_billing.c keeps the table within the bound */
        memmove(&units[k + 1], &units[k], (size_t)(n - k) * sizeof units[0]);
        units[k] = r->units;
        n++;
    }
    return n;
}

static int64_t gcd64(int64_t a, int64_t b)
{
    while (b != 0) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Is candidate a better than b: fewer units opened (= fewer discarded), then fewer
 * vials, then more vials of the larger sizes (counts compared from the largest size)? */
static int better(btx_milli opened_a, int32_t vials_a, const int32_t *counts_a,
                  btx_milli opened_b, int32_t vials_b, const int32_t *counts_b, int32_t n)
{
    if (opened_a != opened_b)
        return opened_a < opened_b;
    if (vials_a != vials_b)
        return vials_a < vials_b;
    for (int32_t i = 0; i < n; i++)
        if (counts_a[i] != counts_b[i])
            return counts_a[i] > counts_b[i];
    return 0;
}

/* The search. Sizes s0 > s1 > ... For every smaller size i, an optimal plan opens fewer
 * than lcm(sj, si) / si vials of it for each larger size j: that many could be swapped
 * for lcm / sj vials of size j, the same units in fewer vials. So the counts of the
 * smaller sizes run over that small box, and the largest size covers the rest of the
 * dose with as few vials as needed (one more would only add discarded units). The box
 * holds at most 1 x 5 (Dysport 500/300) or 2 x 2 (Xeomin 200/100/50) combinations. */
void btx__plan_vials(int32_t product, btx_milli dose, btx__plan *out)
{
    memset(out, 0, sizeof *out);
    out->sizes = btx__vial_sizes(product, out->units);
    int32_t n = out->sizes;
    if (n == 0)
        return; /* every product has a size (tests/check_billing.c) */

    btx_milli size[BTX_VIAL_SIZES_MAX] = {0};
    int32_t bound[BTX_VIAL_SIZES_MAX] = {0};
    for (int32_t i = 0; i < n; i++) {
        size[i] = (btx_milli)out->units[i] * 1000;
        int64_t b = dose / size[i] + 1; /* never more than the dose needs */
        for (int32_t j = 0; j < i; j++) {
            int64_t lcm_over_si = out->units[j] / gcd64(out->units[j], out->units[i]);
            if (lcm_over_si - 1 < b)
                b = lcm_over_si - 1;
        }
        bound[i] = (int32_t)b;
    }

    int32_t counts[BTX_VIAL_SIZES_MAX] = {0};
    int have = 0;
    for (;;) {
        btx_milli partial = 0;
        int32_t vials = 0;
        for (int32_t i = 1; i < n; i++) {
            partial += counts[i] * size[i];
            vials += counts[i];
        }
        btx_milli rest = dose - partial;
        counts[0] = rest > 0 ? (int32_t)((rest + size[0] - 1) / size[0]) : 0;
        vials += counts[0];
        btx_milli opened = partial + counts[0] * size[0];
        if (!have || better(opened, vials, counts, out->opened, out->vials, out->counts, n)) {
            have = 1;
            out->opened = opened;
            out->vials = vials;
            memcpy(out->counts, counts, sizeof counts);
        }
        /* Next combination of the smaller sizes' counts (an odometer). */
        int32_t i = 1;
        while (i < n && counts[i] == bound[i]) {
            counts[i] = 0;
            i++;
        }
        if (i >= n)
            break;
        counts[i]++;
    }
}

/* ---- billing lines ---- */

int32_t btx__bill_lines(const char *code, btx_milli unit_milli, btx_milli dose,
                        btx_milli opened, int32_t ymd, int32_t waste_modifiers_apply,
                        btx_bill_line lines[BTX_BILL_LINES_MAX], int32_t *count)
{
    btx_milli discarded = opened - dose;
    memset(lines, 0, BTX_BILL_LINES_MAX * sizeof lines[0]);
    btx_bill_line *admin = &lines[0];
    admin->hcpcs = code;
    admin->modifier = "";
    admin->billing_units = (int32_t)((dose + unit_milli - 1) / unit_milli); /* up */
    admin->units = btx__units_from_milli(dose);
    admin->source = btx__waste.admin_source;
    *count = 1;

    if (!waste_modifiers_apply)
        return BTX_WASTE_NOT_IN_SETTING;
    if (ymd < btx__waste.jw_from_ymd)
        return BTX_WASTE_BEFORE_JW;

    int32_t jw = (int32_t)(discarded / unit_milli); /* down */
    if (jw >= 1) {
        btx_bill_line *waste = &lines[1];
        waste->hcpcs = code;
        waste->modifier = "JW";
        waste->billing_units = jw;
        waste->discarded = 1;
        waste->modifier_required = 1;
        waste->units = btx__units_from_milli(discarded);
        waste->source = btx__waste.jw_source;
        *count = 2;
    } else if (ymd >= btx__waste.jz_required_from_ymd) {
        admin->modifier = "JZ";
        admin->modifier_required = 1;
        admin->source = btx__waste.admin_jz_required_source;
    } else if (ymd >= btx__waste.jz_optional_from_ymd) {
        admin->modifier = "JZ";
        admin->modifier_required = 0;
        admin->source = btx__waste.admin_jz_optional_source;
    }
    return BTX_WASTE_JW_JZ;
}

/* The category of an indication: that of its label rows (the aesthetic indications are
 * cosmetic in every row, docs/clinical-data.md); therapeutic when no label covers it. */
static int32_t category_of(int32_t indication)
{
    for (size_t i = 0; i < btx__protocol_row_count; i++)
        if (btx__protocol_rows[i].indication == indication)
            return btx__protocol_rows[i].category;
    return BTX_CATEGORY_THERAPEUTIC;
}

static void write_plan(btx_vial_plan *out, const btx_vial_plan *p)
{
    memcpy((char *)out + sizeof out->struct_size, (const char *)p + sizeof p->struct_size,
           sizeof *p - sizeof p->struct_size);
}

static void write_billing(btx_billing *out, const btx_billing *b)
{
    memcpy((char *)out + sizeof out->struct_size, (const char *)b + sizeof b->struct_size,
           sizeof *b - sizeof b->struct_size);
}

int btx_plan_vials(int32_t product, double units, btx_vial_plan *out)
{
    if (out == NULL)
        return BTX_EINVAL;
    if (out->struct_size < sizeof(btx_vial_plan))
        return BTX_EVERSION;
    if (!btx__product_valid(product))
        return BTX_EINVAL;
    btx_milli dose;
    if (load_dose(units, &dose) != BTX_OK)
        return BTX_ERANGE;

    btx__plan plan;
    btx__plan_vials(product, dose, &plan);
    const btx__product_vials *f = &btx__product_vial_facts[product];
    btx_vial_plan p;
    memset(&p, 0, sizeof p);
    p.product = product;
    p.vial_sizes = plan.sizes;
    memcpy(p.vial_units, plan.units, sizeof p.vial_units);
    memcpy(p.vial_counts, plan.counts, sizeof p.vial_counts);
    p.vials = plan.vials;
    p.in_use_hours = f->in_use_hours;
    p.dose_units = btx__units_from_milli(dose);
    p.opened_units = btx__units_from_milli(plan.opened);
    p.discarded_units = btx__units_from_milli(plan.opened - dose);
    p.ready_to_use = f->ready_to_use;
    p.evidence = f->in_use_evidence;
    p.vial_source = f->vial_source;
    p.in_use_source = f->in_use_source;
    write_plan(out, &p);
    return BTX_OK;
}

static int fail(int32_t *field, int32_t which, int code)
{
    *field = which;
    return code;
}

int btx_bill(int32_t product, int32_t indication, double units, btx_date date,
             int32_t setting, btx_billing *out, int32_t *field)
{
    int32_t local;
    if (field == NULL)
        field = &local;
    *field = BTX_FIELD_NONE;
    if (out == NULL)
        return BTX_EINVAL;
    if (out->struct_size < sizeof(btx_billing))
        return fail(field, BTX_FIELD_STRUCT_SIZE, BTX_EVERSION);
    if (!btx__product_valid(product))
        return fail(field, BTX_FIELD_PRODUCT, BTX_EINVAL);
    if (!btx__indication_valid(indication))
        return fail(field, BTX_FIELD_INDICATION, BTX_EINVAL);
    if (setting < 1 || setting > BTX__SETTING_MAX)
        return fail(field, BTX_FIELD_SETTING, BTX_EINVAL);
    if (!btx__date_in_range(date))
        return fail(field, BTX_FIELD_DATE, BTX_ERANGE);
    btx_milli dose;
    if (load_dose(units, &dose) != BTX_OK)
        return fail(field, BTX_FIELD_UNITS, BTX_ERANGE);

    btx__plan plan;
    btx__plan_vials(product, dose, &plan);
    btx_billing b;
    memset(&b, 0, sizeof b);
    b.product = product;
    b.indication = indication;
    b.setting = setting;
    b.date = date;
    b.category = category_of(indication);
    b.covered = b.category == BTX_CATEGORY_COSMETIC ? 0 : 1;
    b.dose_units = btx__units_from_milli(dose);
    b.hcpcs = "";
    b.vial_sizes = plan.sizes;
    b.vials = plan.vials;
    memcpy(b.vial_units, plan.units, sizeof b.vial_units);
    memcpy(b.vial_counts, plan.counts, sizeof b.vial_counts);
    b.opened_units = btx__units_from_milli(plan.opened);
    b.discarded_units = btx__units_from_milli(plan.opened - dose);
    b.cpt_source = "";
    b.modifier_source = "";
    b.vial_source = btx__product_vial_facts[product].vial_source;

    if (!b.covered) {
        b.status = BTX_BILL_COSMETIC;
        b.status_source = btx__waste.cosmetic_source;
        write_billing(out, &b);
        return BTX_OK;
    }

    const btx__cpt_row *cpt = &btx__cpt_rows[indication];
    for (int32_t i = 0; i < BTX_CPT_MAX && cpt->codes[i] != NULL; i++)
        b.cpt[b.cpt_count++] = cpt->codes[i];
    if (b.cpt_count > 0)
        b.cpt_source = cpt->source;

    const btx__hcpcs_row *code = &btx__hcpcs_rows[btx__substance_of(product)];
    int32_t ymd = ymd_of(date);
    if (code->code == NULL || ymd < code->from_ymd) {
        b.status = code->code == NULL ? BTX_BILL_NO_CODE : BTX_BILL_NO_CODE_ON_DATE;
        b.status_source = code->no_code_source;
        write_billing(out, &b);
        return BTX_OK;
    }

    const btx__setting_row *where = &btx__setting_rows[setting];
    b.status = BTX_BILL_DRUG_LINES;
    b.status_source = code->source;
    b.hcpcs = code->code;
    b.billing_unit = (double)code->unit_units;
    b.waste_modifiers = btx__bill_lines(code->code, (btx_milli)code->unit_units * 1000, dose,
                                        plan.opened, ymd, where->waste_modifiers, b.lines,
                                        &b.line_count);
    b.modifier_source = b.waste_modifiers == BTX_WASTE_BEFORE_JW ? btx__waste.before_jw_source
                                                                 : where->source;
    write_billing(out, &b);
    return BTX_OK;
}

/* ---- NDC lookup ---- */

/* The form of an NDC: 11 for the billing form (5-4-2 with hyphens, or 11 digits without)
 * with its digits in digits[] (NUL-terminated); 10 for a 10-digit code with hyphens in
 * one of the three labelled layouts (4-4-2, 5-3-2, 5-4-1); 0 when malformed. [b, e) has
 * no surrounding spaces. */
static int parse_ndc(const char *b, const char *e, char digits[12])
{
    int len[3] = {0, 0, 0};
    int groups = 1;
    int n = 0;
    for (const char *p = b; p < e; p++) {
        if (*p == '-') {
            if (groups == 3)
                return 0;
            groups++;
        } else if (*p >= '0' && *p <= '9') {
            if (n == 11)
                return 0;
            digits[n++] = *p;
            len[groups - 1]++;
        } else {
            return 0;
        }
    }
    digits[n] = '\0';
    if (groups == 1)
        return n == 11 ? 11 : 0; /* ten digits without hyphens are ambiguous */
    if (groups != 3)
        return 0;
    if (len[0] == 5 && len[1] == 4 && len[2] == 2)
        return 11;
    if ((len[0] == 4 && len[1] == 4 && len[2] == 2) ||
        (len[0] == 5 && len[1] == 3 && len[2] == 2) ||
        (len[0] == 5 && len[1] == 4 && len[2] == 1))
        return 10;
    return 0;
}

/* Does [b, e) equal the NUL-terminated text? */
static int span_is(const char *b, const char *e, const char *text)
{
    size_t n = (size_t)(e - b);
    return strlen(text) == n && memcmp(b, text, n) == 0;
}

int btx_product_from_ndc(const char *ndc, int32_t *product, double *package_units)
{
    if (ndc == NULL || product == NULL || package_units == NULL)
        return BTX_EINVAL;
    const char *b = ndc;
    while (*b == ' ')
        b++;
    const char *e = b + strlen(b);
    while (e > b && e[-1] == ' ')
        e--;
    char digits[12];
    int form = parse_ndc(b, e, digits);
    if (form == 0)
        return BTX_EINVAL;
    for (size_t i = 0; i < btx__package_row_count; i++) {
        const btx__package_row *r = &btx__package_rows[i];
        if (r->ndc11 == NULL)
            continue; /* package code not sourced */
        /* An 11-digit code by its digits; a 10-digit one only as labelled: its layout
         * says where the padding zero of the 11-digit form goes, and "15054-530-06" is
         * not Dysport's "15054-0530-6" even though both pad to 15054-0530-06. */
        int match = form == 11 ? strcmp(digits, r->ndc11) == 0 : span_is(b, e, r->ndc10);
        if (!match)
            continue;
        if (r->kind != BTX__PACKAGE_FINISHED || r->product == 0)
            return BTX_ENOTFOUND;
        *product = r->product;
        *package_units = (double)r->units;
        return BTX_OK;
    }
    return BTX_ENOTFOUND;
}

/* ---- names ---- */

const char *btx_setting_name(int32_t setting)
{
    if (setting < 1 || setting > BTX__SETTING_MAX)
        return "unknown";
    return btx__setting_rows[setting].name;
}

static char fold(char c)
{
    if (c == ' ' || c == '-')
        return '_';
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Does [b, e), folded, equal the folded form `want`? */
static int folded_is(const char *b, const char *e, const char *want)
{
    for (; b < e; b++, want++)
        if (*want == '\0' || fold(*b) != *want)
            return 0;
    return *want == '\0';
}

int btx_setting_lookup(const char *name, int32_t *setting)
{
    if (name == NULL || setting == NULL)
        return BTX_EINVAL;
    const char *b = name;
    while (*b == ' ')
        b++;
    const char *e = b + strlen(b);
    while (e > b && e[-1] == ' ')
        e--;
    for (int32_t s = 1; s <= BTX__SETTING_MAX; s++) {
        if (folded_is(b, e, btx__setting_rows[s].name)) {
            *setting = s;
            return BTX_OK;
        }
    }
    for (size_t i = 0; i < btx__setting_alias_count; i++) {
        if (folded_is(b, e, btx__setting_aliases[i].text)) {
            *setting = btx__setting_aliases[i].value;
            return BTX_OK;
        }
    }
    return BTX_ENOTFOUND;
}

const char *btx_bill_status_name(int32_t status)
{
    switch (status) {
    case BTX_BILL_DRUG_LINES: return "drug_lines";
    case BTX_BILL_COSMETIC: return "cosmetic_self_pay";
    case BTX_BILL_NO_CODE: return "no_code";
    case BTX_BILL_NO_CODE_ON_DATE: return "no_code_on_date";
    default: return "unknown";
    }
}

const char *btx_waste_modifiers_name(int32_t value)
{
    switch (value) {
    case BTX_WASTE_JW_JZ: return "jw_jz";
    case BTX_WASTE_NOT_IN_SETTING: return "not_in_setting";
    case BTX_WASTE_BEFORE_JW: return "before_jw";
    default: return "unknown";
    }
}

size_t btx_sizeof_vial_plan(void)
{
    return sizeof(btx_vial_plan);
}

size_t btx_sizeof_billing(void)
{
    return sizeof(btx_billing);
}
