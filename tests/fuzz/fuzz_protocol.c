/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzzer: protocol and region lookup over every code combination (protocol.h), with
 * odd struct_size values, and the reconstitution arithmetic.
 * Output structs live in buffers of exactly struct_size bytes filled with a canary, so
 * ASan sees a write past the caller's struct and the harness sees a write past the 1.0
 * layout or a write on an error. */
#include <math.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CANARY 0xA5

static unsigned char *canary_buf(size_t struct_size, size_t *alloc)
{
    *alloc = struct_size < sizeof(size_t) ? sizeof(size_t) : struct_size;
    unsigned char *b = malloc(*alloc);
    CHECK(b != NULL, "malloc");
    memset(b, CANARY, *alloc);
    memcpy(b, &struct_size, sizeof struct_size);
    return b;
}

static void check_untouched(const unsigned char *b, size_t from, size_t to, const char *what)
{
    for (size_t i = from; i < to; i++)
        CHECK(b[i] == CANARY, "%s: byte %zu written", what, i);
}

static int valid(int32_t product, int32_t indication, int32_t population)
{
    return product >= 1 && product <= 8 && indication >= 1 && indication <= 17 &&
           (population == BTX_ADULT || population == BTX_PEDIATRIC);
}

static void check_region(int32_t pr, int32_t in, int32_t po, int32_t index, int32_t regions,
                         int found, size_t struct_size)
{
    size_t alloc;
    unsigned char *b = canary_buf(struct_size, &alloc);
    btx_region *r = (btx_region *)(void *)b;
    int rc = btx_protocol_region(pr, in, po, index, r);
    CHECK(rc_known(rc), "region rc %d", rc);
    if (struct_size < sizeof(btx_region)) {
        CHECK(rc == BTX_EVERSION, "region struct_size %zu rc %d", struct_size, rc);
    } else if (!valid(pr, in, po)) {
        CHECK(rc == BTX_EINVAL, "region codes %d/%d/%d rc %d", pr, in, po, rc);
    } else if (!found || index < 0 || index >= regions) {
        CHECK(rc == BTX_ENOTFOUND, "region %d of %d (found %d) rc %d", index, regions, found, rc);
    } else {
        CHECK(rc == BTX_OK, "region %d of %d rc %d", index, regions, rc);
        CHECK(r->name != NULL && r->name[0] != '\0', "region name");
        CHECK(r->struct_size == struct_size, "struct_size changed");
        double v[5] = {r->units, r->units_min, r->units_max, r->units_per_kg_min,
                       r->units_per_kg_max};
        for (int i = 0; i < 5; i++)
            CHECK(isfinite(v[i]) && v[i] >= 0.0, "region number %d", i);
        CHECK(r->units_min <= r->units_max, "region range");
        CHECK(r->units_per_kg_min <= r->units_per_kg_max, "region per-kg range");
        CHECK(r->sites >= 0 && r->sites_min >= 0 && r->sites_min <= r->sites_max, "sites");
        CHECK(r->bilateral == 0 || r->bilateral == 1, "bilateral");
        check_untouched(b, sizeof(btx_region), alloc, "region tail");
    }
    if (rc != BTX_OK)
        check_untouched(b, sizeof(size_t), alloc, "region on error");
    free(b);
}

static void check_lookup(int32_t pr, int32_t in, int32_t po, size_t struct_size,
                         int32_t region_index, size_t region_size)
{
    size_t alloc;
    unsigned char *b = canary_buf(struct_size, &alloc);
    btx_protocol *p = (btx_protocol *)(void *)b;
    int rc = btx_protocol_lookup(pr, in, po, p);
    CHECK(rc_known(rc), "rc %d", rc);
    /* Below the 1.0 layout (up to `source`): refused. From it up: the fields that fit are
     * written (the buffer is exactly struct_size bytes: ASan sees any write past it). */
    const size_t size_1_0 = offsetof(btx_protocol, source) + sizeof(const char *);
    const int whole = struct_size >= sizeof(btx_protocol);
    if (struct_size < size_1_0) {
        CHECK(rc == BTX_EVERSION, "struct_size %zu rc %d", struct_size, rc);
        check_untouched(b, sizeof(size_t), alloc, "protocol on EVERSION");
        free(b);
        return;
    }
    if (!valid(pr, in, po)) {
        CHECK(rc == BTX_EINVAL, "codes %d/%d/%d rc %d", pr, in, po, rc);
        check_untouched(b, sizeof(size_t), alloc, "protocol on EINVAL");
        free(b);
        check_region(pr, in, po, region_index, 0, 0, region_size);
        return;
    }
    CHECK(rc == BTX_OK || rc == BTX_ENOTFOUND, "%d/%d/%d rc %d", pr, in, po, rc);
    CHECK(p->struct_size == struct_size, "struct_size changed");
    CHECK(p->product == pr && p->indication == in && p->population == po, "codes echoed");
    check_untouched(b, sizeof(btx_protocol), alloc, "protocol tail");
    int32_t sub = btx_product_substance(pr);
    if (rc == BTX_ENOTFOUND) {
        int32_t expect = sub == BTX_SUBSTANCE_ONABOTULINUMTOXINA &&
                                 in == BTX_INDICATION_EPISODIC_MIGRAINE
                             ? BTX_LABEL_NOT_ESTABLISHED
                             : BTX_LABEL_NOT_LABELLED;
        CHECK(p->label_status == expect, "label_status %d, expected %d", p->label_status, expect);
        btx_protocol z;
        memset(&z, 0, sizeof z);
        z.struct_size = p->struct_size;
        z.product = pr;
        z.indication = in;
        z.population = po;
        z.label_status = expect;
        CHECK(memcmp(&z, p, whole ? sizeof z : struct_size) == 0, "ENOTFOUND fields not zero");
        for (int32_t i = -1; i <= 1; i++)
            check_region(pr, in, po, i, 0, 0, sizeof(btx_region));
        free(b);
        return;
    }
    CHECK(p->label_status == BTX_LABEL_APPROVED, "label_status %d", p->label_status);
    CHECK(p->category == BTX_CATEGORY_THERAPEUTIC || p->category == BTX_CATEGORY_COSMETIC,
          "category %d", p->category);
    CHECK(p->age_min_years >= 0 && p->age_max_years >= 0, "ages");
    CHECK(p->age_max_years == 0 || p->age_min_years <= p->age_max_years, "age range");
    if (po == BTX_PEDIATRIC)
        CHECK(p->age_min_years < 18, "pediatric row with age_min %d", p->age_min_years);
    double v[9] = {p->dose_units,        p->dose_min_units,   p->dose_max_units,
                   p->units_per_kg_min,  p->units_per_kg_max, p->session_cap_units,
                   p->session_cap_units_per_kg, p->units_per_site, 0.0};
    for (int i = 0; i < 9; i++)
        CHECK(isfinite(v[i]) && v[i] >= 0.0 && v[i] <= BTX_UNITS_MAX, "number %d = %g", i, v[i]);
    CHECK(p->dose_min_units <= p->dose_max_units, "dose range");
    if (p->dose_max_units > 0.0 && p->dose_units > 0.0)
        CHECK(p->dose_units >= p->dose_min_units && p->dose_units <= p->dose_max_units,
              "dose %g outside %g..%g", p->dose_units, p->dose_min_units, p->dose_max_units);
    CHECK(p->units_per_kg_min <= p->units_per_kg_max, "per-kg range");
    CHECK(p->sites >= 0 && p->regions >= 0 && p->regions < 64, "sites/regions");
    CHECK(p->interval_length >= 0, "interval length");
    if (p->interval_length > 0) {
        CHECK(p->interval_unit >= BTX_DAYS && p->interval_unit <= BTX_MONTHS, "interval unit");
        CHECK(p->interval_kind == BTX_INTERVAL_MINIMUM || p->interval_kind == BTX_INTERVAL_SCHEDULE,
              "interval kind");
    }
    CHECK(p->evidence == BTX_EVIDENCE_LABEL || p->evidence == BTX_EVIDENCE_SECONDARY, "evidence");
    CHECK(p->reserved == 0, "reserved");
    CHECK(p->source != NULL && p->source[0] != '\0', "source");
    if (whole) { /* 1.2 */
        CHECK(p->per_limb == 0 || p->per_limb == 1, "per_limb %d", p->per_limb);
        CHECK(p->reserved2 == 0, "reserved2");
        double w[4] = {p->limb_cap_units, p->limb_cap_units_per_kg, p->site_max_units,
                       p->site_max_ml};
        for (int i = 0; i < 4; i++)
            CHECK(isfinite(w[i]) && w[i] >= 0.0 && w[i] <= BTX_UNITS_MAX, "1.2 number %d = %g",
                  i, w[i]);
        CHECK(p->per_limb == 1 || (p->limb_cap_units == 0.0 && p->limb_cap_units_per_kg == 0.0),
              "limb caps without per_limb");
    }
    int32_t regions = p->regions;
    free(b);
    check_region(pr, in, po, region_index, regions, 1, region_size);
    for (int32_t i = -1; i <= regions; i++)
        check_region(pr, in, po, i, regions, 1, sizeof(btx_region));
}

static size_t pick_size(fz *f, size_t base)
{
    uint8_t s = fz_u8(f);
    switch (s % 8) {
    case 0: return 0;
    case 1: return base - 8;
    case 2: return base - 1;
    case 3: return base + (size_t)(fz_u8(f) % 64);
    default: return base;
    }
}

static void check_reconstitution(double a, double b, double c)
{
    double out = -1.0;
    int rc = btx_reconstitute(a, b, &out);
    int ok = a > 0.0 && a <= 100000.0 && b > 0.0 && b <= 1000.0;
    /* In range but a result too large for a double (a subnormal diluent): ERANGE too. */
    int huge = ok && !isfinite(a / (b * 10.0));
    CHECK(rc == (ok && !huge ? BTX_OK : BTX_ERANGE), "reconstitute(%g, %g) rc %d", a, b, rc);
    if (rc == BTX_OK) /* >= 0: a tiny vial in much diluent rounds to 0 */
        CHECK(isfinite(out) && out >= 0.0, "reconstitute(%g, %g) = %g", a, b, out);
    out = -1.0;
    rc = btx_dose_volume(c, a, b, &out);
    ok = a > 0.0 && a <= 100000.0 && b > 0.0 && b <= 1000.0 && c >= 0.0 && c <= 100000.0;
    huge = ok && !isfinite(c * b / a);
    CHECK(rc == (ok && !huge ? BTX_OK : BTX_ERANGE), "dose_volume(%g, %g, %g) rc %d", c, a, b,
          rc);
    if (rc == BTX_OK)
        CHECK(isfinite(out) && out >= 0.0 && !signbit(out), "dose_volume = %g", out);
    CHECK(btx_reconstitute(a, b, NULL) == BTX_EINVAL, "NULL out");
    CHECK(btx_dose_volume(c, a, b, NULL) == BTX_EINVAL, "NULL out");
}

static double pick_double(fz *f)
{
    uint8_t s = fz_u8(f);
    switch (s % 8) {
    case 0: return fz_f64(f);
    case 1: return (double)fz_u16(f) / 16.0;
    case 2: return 100000.0;
    case 3: return 1000.0;
    default: return (double)(fz_u16(f) % 1200);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int swept;
    if (!swept) {
        /* Every code combination once per process, just outside the sets included. */
        swept = 1;
        for (int32_t pr = -1; pr <= 9; pr++)
            for (int32_t in = -1; in <= 18; in++)
                for (int32_t po = -1; po <= 3; po++)
                    check_lookup(pr, in, po, sizeof(btx_protocol), 0, sizeof(btx_region));
    }
    fz f = {data, size};
    while (f.left > 0) {
        uint8_t wide = fz_u8(&f);
        int32_t pr = wide & 1 ? fz_i32(&f) : (int8_t)fz_u8(&f) % 10;
        int32_t in = wide & 2 ? fz_i32(&f) : (int8_t)fz_u8(&f) % 19;
        int32_t po = wide & 4 ? fz_i32(&f) : (int8_t)fz_u8(&f) % 4;
        int32_t index = wide & 8 ? fz_i32(&f) : (int8_t)fz_u8(&f);
        size_t ps = pick_size(&f, sizeof(btx_protocol));
        size_t rs = pick_size(&f, sizeof(btx_region));
        check_lookup(pr, in, po, ps, index, rs);
        double a = pick_double(&f), b = pick_double(&f), c = pick_double(&f);
        check_reconstitution(a, b, c);
    }
    CHECK(btx_protocol_lookup(1, 1, 1, NULL) == BTX_EINVAL, "NULL out");
    CHECK(btx_protocol_region(1, 1, 1, 0, NULL) == BTX_EINVAL, "NULL out");
    return 0;
}
