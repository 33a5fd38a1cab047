/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzzer: btx_audit and btx_validate_audit (audit.h, 1.1), checked against btx_evaluate.
 *
 * The input decodes to a policy and rows of a few patients (sorted, with occasional bad
 * fields or rows out of order). Invariants: known return codes; btx_audit fails exactly
 * when btx_validate_audit (or the policy) does, and then writes nothing at or past the
 * bad row; on success *flagged counts the flagged rows, flags stay within the defined
 * bits, rule is 0 exactly when nothing is broken, reserved fields are 0, window totals
 * are >= 0; and every row with an indication agrees with btx_evaluate of that row as a
 * proposal, given the patient's other rows dated on or before it as history (the
 * audit's own definition): the same flags, the same first broken rule, and for
 * onabotulinumtoxinA the evaluate window total plus the dose equals the audit total. */
#include <math.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ROWS 24

static void decode_rows(fz *f, btx_audit_row *rows, size_t n)
{
    uint64_t patient = fz_u8(f) % 3;
    btx_date date = 20000 + (int16_t)fz_u16(f) % 2000;
    double weight = 0.0;
    btx_date birth = BTX_DATE_UNKNOWN;
    for (size_t i = 0; i < n; i++) {
        uint8_t b0 = fz_u8(f), b1 = fz_u8(f), b2 = fz_u8(f);
        uint16_t u = fz_u16(f);
        if (i == 0 || (b0 & 0xE0) == 0xE0) { /* a new patient */
            patient += 1 + (b2 & 3);
            date = 20000 + (int16_t)fz_u16(f) % 2000;
            uint8_t w = fz_u8(f);
            weight = w % 3 == 0 ? 0.0 : 10.0 + (double)(w % 90) + (double)(w & 3) * 0.25;
            birth = w % 4 == 0 ? BTX_DATE_UNKNOWN : date - (btx_date)(fz_u16(f) % (30 * 366));
        }
        date += (b2 >> 2) % 8 == 0 ? 0 : (btx_date)((b2 >> 2) * 3);
        btx_audit_row *r = &rows[i];
        memset(r, 0, sizeof *r);
        r->patient = patient;
        r->admin.date = date;
        r->admin.product = 1 + (b0 & 7);
        if ((b0 & 0x18) == 0)
            r->admin.product = b0 & 0x20 ? BTX_PRODUCT_BOTOX_COSMETIC : BTX_PRODUCT_BOTOX;
        r->admin.indication = b1 % 18;
        if (r->admin.indication == BTX_INDICATION_UPPER_LIMB_SPASTICITY ||
            r->admin.indication == BTX_INDICATION_LOWER_LIMB_SPASTICITY)
            r->admin.flags = BTX_LIMBS_FLAGS((u >> 12) % 3); /* limbs: 0, 1 or 2 */
        r->admin.units = (double)(u % 3600) / 8.0;
        r->weight_kg = weight;
        r->birth_date = birth;
        if ((b1 & 0xF0) == 0xF0) { /* an odd row */
            uint8_t w = fz_u8(f);
            switch (w % 10) {
            case 0: r->admin.date = fz_date(f, date); break;
            case 1: r->admin.product = (int8_t)fz_u8(f) % 10; break;
            case 2: r->admin.flags = 4; break;
            case 3: r->admin.units = fz_units(f); break;
            case 4: r->weight_kg = fz_units(f); break;
            case 5: r->birth_date = fz_date(f, date); break;
            case 6: r->reserved = 1; break;
            case 7: r->patient = patient - 1; break;   /* a key going back */
            case 8: r->admin.date = date - 1 - fz_u8(f); break; /* a date going back */
            default: r->admin.indication = 18 + fz_u8(f) % 3; break;
            }
        }
    }
}

static int has(const btx_finding *f, size_t count, int32_t code, int32_t status, int32_t sev)
{
    for (size_t i = 0; i < count; i++)
        if (f[i].code == code && f[i].status == status && (sev == 0 || f[i].severity == sev))
            return 1;
    return 0;
}

/* Row i as btx_evaluate sees it: the proposal, and the patient's other rows dated on
 * or before it. */
static void cross_check(const btx_policy *policy, const btx_audit_row *rows, size_t n, size_t i,
                        const btx_audit_result *res)
{
    const btx_audit_row *row = &rows[i];
    if (row->admin.indication == 0)
        return; /* no proposal without an indication; not label-checked either */
    if (row->birth_date != BTX_DATE_UNKNOWN && row->birth_date > row->admin.date)
        return; /* btx_evaluate refuses a birth date after the date (1.2); the audit does not */
    btx_administration h[MAX_ROWS];
    size_t hn = 0;
    for (size_t k = 0; k < n; k++)
        if (k != i && rows[k].patient == row->patient && rows[k].admin.date <= row->admin.date)
            h[hn++] = rows[k].admin;
    btx_patient pat = {sizeof pat, row->weight_kg, row->birth_date, BTX_DATE_UNKNOWN};
    btx_policy pol;
    memset(&pol, 0, sizeof pol);
    if (policy) {
        pol = *policy;
        pol.weight_max_age_days = 0; /* rows carry no weight date: any weight counts */
    }
    pol.struct_size = sizeof pol;
    pol.history_complete = 1;
    btx_finding f[32];
    memset(f, 0, sizeof f);
    f[0].struct_size = sizeof f[0];
    size_t count = 0;
    int rc = btx_evaluate(&pat, &pol, h, hn, &row->admin, f, 32, &count);
    CHECK(rc == BTX_OK, "row %zu: evaluate rc %d on a row the audit accepted", i, rc);
    int32_t flags = 0, rule = 0;
    if (has(f, count, BTX_FINDING_WINDOW_LIMIT, BTX_FAIL, 0))
        flags |= BTX_AUDIT_OVER_WINDOW;
    if (has(f, count, BTX_FINDING_TOO_SOON, BTX_FAIL, BTX_CRITICAL))
        flags |= BTX_AUDIT_TOO_SOON;
    if (has(f, count, BTX_FINDING_TOO_SOON, BTX_FAIL, BTX_WARNING))
        flags |= BTX_AUDIT_SCHEDULE;
    if (has(f, count, BTX_FINDING_SESSION_LIMIT, BTX_FAIL, 0))
        flags |= BTX_AUDIT_OVER_SESSION;
    if (has(f, count, BTX_FINDING_NOT_LABELLED, BTX_FAIL, 0) ||
        has(f, count, BTX_FINDING_NOT_ESTABLISHED, BTX_FAIL, 0))
        flags |= BTX_AUDIT_NOT_LABELLED;
    if (has(f, count, BTX_FINDING_WINDOW_LIMIT, BTX_NOT_CHECKED, 0) ||
        has(f, count, BTX_FINDING_SESSION_LIMIT, BTX_NOT_CHECKED, 0))
        flags |= BTX_AUDIT_NOT_CHECKED;
    for (size_t k = 0; k < count && rule == 0; k++)
        if (f[k].status == BTX_FAIL && f[k].code != BTX_FINDING_ABOVE_PROTOCOL)
            rule = f[k].rule;
    CHECK(res->flags == flags, "row %zu: audit flags %d, evaluate says %d", i, res->flags, flags);
    CHECK(res->rule == rule, "row %zu: audit rule %d, evaluate says %d", i, res->rule, rule);
    for (size_t k = 0; k < count; k++)
        if (f[k].code == BTX_FINDING_WINDOW_LIMIT && f[k].rule != BTX_RULE_ONA_BLEPHAROSPASM_WINDOW)
            CHECK(llround((f[k].total_units + f[k].proposed_units) * 1000.0) ==
                      llround(res->window_total * 1000.0),
                  "row %zu: audit window total %.3f, evaluate %.3f + %.3f", i, res->window_total,
                  f[k].total_units, f[k].proposed_units);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz f = {data, size};
    uint8_t ps = fz_u8(&f);
    btx_policy pol;
    memset(&pol, 0, sizeof pol);
    pol.struct_size = sizeof pol;
    switch (ps % 8) {
    case 0: pol.window_length = 90; pol.window_unit = BTX_DAYS; break;
    case 1: pol.min_spacing_days = 1 + fz_u8(&f) % 120; break;
    case 2: pol.window_length = 1 + fz_u8(&f) % 30; pol.window_unit = 1 + fz_u8(&f) % 3; break;
    case 3: pol.reserved = (ps & 0x80) ? 1 : 0; pol.warn_fraction = (ps & 0x40) ? NAN : 0.5; break;
    default: break;
    }
    const btx_policy *policy = ps % 8 >= 6 ? NULL : &pol;
    size_t n = fz_u8(&f) % (MAX_ROWS + 1);
    btx_audit_row rows[MAX_ROWS];
    decode_rows(&f, rows, n);
    uint8_t ns = fz_u8(&f);
    const btx_audit_row *rp = ns == 0xFF && n > 0 ? NULL : rows;

    size_t bad = 999;
    int v = btx_validate_audit(rp, n, &bad);
    CHECK(rc_known(v), "validate rc %d", v);
    if (v != BTX_OK && rp != NULL)
        CHECK(bad < n, "bad index %zu of %zu", bad, n);

    btx_audit_result res[MAX_ROWS + 1];
    memset(res, 0xA5, sizeof res);
    size_t flagged = 12345;
    int rc = btx_audit(policy, rp, n, res, &flagged);
    CHECK(rc_known(rc) && rc != BTX_ENOSPC && rc != BTX_ENEVER && rc != BTX_EWEIGHT,
          "audit rc %d", rc);
    int policy_bad = policy != NULL && (pol.reserved != 0 || isnan(pol.warn_fraction));
    if (!policy_bad)
        CHECK(rc == v, "audit rc %d, validate_audit rc %d", rc, v);
    else
        CHECK(rc == BTX_EINVAL, "bad policy: audit rc %d", rc);
    const unsigned char *raw = (const unsigned char *)res;
    if (rc != BTX_OK) {
        CHECK(flagged == 12345, "flagged written on error");
        size_t from = policy_bad ? 0 : (rp ? bad : 0);
        for (size_t k = from * sizeof res[0]; k < sizeof res; k++)
            CHECK(raw[k] == 0xA5, "result byte %zu written at or past the bad row %zu", k, from);
        return 0;
    }
    for (size_t k = n * sizeof res[0]; k < sizeof res; k++)
        CHECK(raw[k] == 0xA5, "result byte %zu written past n", k);
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        const btx_audit_result *r = &res[i];
        CHECK((r->flags & ~63) == 0, "row %zu flags %d", i, r->flags);
        CHECK(r->reserved[0] == 0 && r->reserved[1] == 0, "row %zu reserved", i);
        CHECK(r->window_total >= 0.0 && isfinite(r->window_total), "row %zu total", i);
        CHECK((r->rule == 0) == ((r->flags & 31) == 0), "row %zu rule %d flags %d", i, r->rule,
              r->flags);
        if (r->rule != 0)
            CHECK(strcmp(btx_rule_name(r->rule), "unknown") != 0, "row %zu rule %d", i, r->rule);
        if (r->flags & BTX_AUDIT_OVER_WINDOW)
            CHECK(btx_product_substance(rows[i].admin.product) == BTX_SUBSTANCE_ONABOTULINUMTOXINA,
                  "row %zu: window flag on another substance", i);
        count += r->flags != 0;
        cross_check(policy, rows, n, i, r);
    }
    CHECK(flagged == count, "flagged %zu, rows with flags %zu", flagged, count);
    size_t again = 0;
    CHECK(btx_audit(policy, rows, n, res, NULL) == BTX_OK, "flagged NULL");
    (void)again;
    return 0;
}
