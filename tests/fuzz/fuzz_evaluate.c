/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzzer: btx_validate_history, btx_window_total, btx_headroom, btx_evaluate and
 * btx_earliest_date fed with a patient, policy, history and proposal decoded from the
 * input: odd struct_size values with zero or non-zero tails, NaN / infinite / negative /
 * huge units and weights, dates at and past both range ends, empty, NULL and long
 * histories (beyond the library's 256-entry stack buffer), odd finding strides and
 * capacities.
 *
 * Invariants checked (besides ASan/UBSan): every return code is a btx_error; argument
 * errors follow a model of docs/semantics validation; headroom >= 0 or +infinity and
 * consistent with the window findings; *count is consistent with BTX_ENOSPC and a short
 * array holds the first findings of the full answer; every finding has a code 1..9 in
 * the documented order, a status/severity pair from the design table, a message and a
 * source; an earliest date is never before the proposal's date, evaluating the dose on
 * it gives no FAIL among WINDOW_LIMIT and TOO_SOON findings, and the day before it does;
 * permuting a valid history changes nothing. */
#include <math.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_RECORDS 300
#define FULL 32
#define SZ_FINDING sizeof(btx_finding)

/* ------------------------------------------------------------------ decoding */

typedef struct input {
    btx_date base;
    unsigned char *patient_buf; /* exactly patient_size bytes (NULL: no patient) */
    size_t patient_size;
    unsigned char *policy_buf;
    size_t policy_size;
    btx_administration *h;      /* NULL with n > 0 when the input asks for it */
    size_t n;
    btx_administration prop;
    int32_t hr_indication;      /* indication asked of btx_headroom */
    size_t capacity, stride;
} input;

static size_t pick_struct_size(fz *f, size_t known)
{
    uint8_t s = fz_u8(f);
    switch (s % 16) {
    case 0: return 0;
    case 1: return known - 8;
    case 2: return known - 1;
    case 3: return known + 8;
    case 4: return known + 1 + fz_u8(f) % 40;
    default: return known;
    }
}

/* A buffer of exactly struct_size bytes (at least a size_t) holding the struct, with
 * the tail past the 1.0 layout zero or, if the input says so, one non-zero byte. */
static unsigned char *struct_buf(fz *f, const void *v, size_t known, size_t struct_size)
{
    size_t alloc = struct_size < sizeof(size_t) ? sizeof(size_t) : struct_size;
    unsigned char *b = calloc(1, alloc);
    CHECK(b != NULL, "calloc");
    memcpy(b, v, alloc < known ? alloc : known);
    memcpy(b, &struct_size, sizeof struct_size);
    if (struct_size > known) {
        uint8_t t = fz_u8(f);
        if (t & 1)
            b[known + (size_t)(t >> 1) % (struct_size - known)] = (unsigned char)(t | 1);
    }
    return b;
}

static double pick_weight(fz *f)
{
    uint8_t s = fz_u8(f);
    switch (s % 12) {
    case 0: return 0.0;
    case 1: return __builtin_nan("");
    case 2: return __builtin_inf();
    case 3: return -5.0;
    case 4: return 1000.0;
    case 5: return 1000.5;
    case 6: return fz_f64(f);
    case 7: return (double)fz_u16(f) / 100.0;
    default: return 5.0 + (double)(fz_u8(f) % 96) + (double)(fz_u8(f) % 100) / 100.0;
    }
}

static void decode_patient(fz *f, input *in)
{
    uint8_t s = fz_u8(f);
    if (s & 1)
        return; /* NULL patient */
    btx_patient p;
    memset(&p, 0, sizeof p);
    p.weight_kg = pick_weight(f);
    uint8_t b = fz_u8(f);
    switch (b % 8) {
    case 0: p.birth_date = BTX_DATE_UNKNOWN; break;
    case 1: p.birth_date = fz_date(f, in->base); break;
    default: /* a child or young adult around the proposal */
        p.birth_date = in->base - (int32_t)(fz_u16(f) % (25 * 366));
        break;
    }
    uint8_t w = fz_u8(f);
    p.weight_date = w % 4 == 0 ? BTX_DATE_UNKNOWN : w % 4 == 1 ? fz_date(f, in->base)
                                                               : in->base - (int32_t)(w % 200);
    in->patient_size = pick_struct_size(f, sizeof p);
    in->patient_buf = struct_buf(f, &p, sizeof p, in->patient_size);
}

static void decode_policy(fz *f, input *in)
{
    uint8_t s = fz_u8(f);
    if (s & 1)
        return; /* NULL policy */
    btx_policy p;
    memset(&p, 0, sizeof p);
    uint8_t a = fz_u8(f);
    switch (a % 8) {
    case 0:
    case 1:
    case 2: p.window_length = 0; break;
    case 3: p.window_length = 3; p.window_unit = BTX_MONTHS; break;
    case 4: p.window_length = 1 + fz_u8(f) % 200; p.window_unit = 1 + fz_u8(f) % 3; break;
    case 5: p.window_length = fz_i32(f); p.window_unit = fz_i32(f); break;
    case 6: p.window_length = 3000 + fz_u16(f) % 400; p.window_unit = BTX_MONTHS; break;
    default: p.window_length = 99990 + fz_u8(f) % 20; p.window_unit = 1 + fz_u8(f) % 2; break;
    }
    uint8_t b = fz_u8(f);
    p.min_spacing_days = b % 4 == 0 ? fz_i32(f) : b % 4 == 1 ? fz_u8(f) % 120 : 0;
    uint8_t c = fz_u8(f);
    p.weight_max_age_days = c % 4 == 0 ? fz_i32(f) : c % 4 == 1 ? fz_u8(f) % 200 : 0;
    uint8_t d = fz_u8(f);
    switch (d % 8) {
    case 0: p.warn_fraction = 0.0; break;
    case 1: p.warn_fraction = 0.8; break;
    case 2: p.warn_fraction = 1.0; break;
    case 3: p.warn_fraction = __builtin_nan(""); break;
    case 4: p.warn_fraction = -0.25; break;
    case 5: p.warn_fraction = fz_f64(f); break;
    default: p.warn_fraction = (double)(fz_u8(f) % 101) / 100.0; break;
    }
    uint8_t e = fz_u8(f);
    p.history_complete = e % 8 == 7 ? (int32_t)fz_u8(f) : e % 2;
    p.reserved = e % 16 == 14 ? 1 : 0;
    in->policy_size = pick_struct_size(f, sizeof p);
    in->policy_buf = struct_buf(f, &p, sizeof p, in->policy_size);
}

/* All-zero bytes decode to a valid record (BOTOX, no indication, 0 U, on the base). */
static void decode_record(fz *f, btx_date base, int proposal, btx_administration *a)
{
    uint8_t b0 = fz_u8(f);
    uint8_t b1 = fz_u8(f);
    int32_t off = (int16_t)fz_u16(f);
    uint16_t u = fz_u16(f);
    memset(a, 0, sizeof *a);
    a->product = 1 + (b0 & 7);
    if ((b0 & 0x18) == 0) /* onabotulinumtoxinA, where the window rules live, half the time */
        a->product = b0 & 0x20 ? BTX_PRODUCT_BOTOX_COSMETIC : BTX_PRODUCT_BOTOX;
    a->indication = proposal ? 1 + b1 % 17 : b1 % 18;
    a->date = fz_offset(base, off % 400);
    /* Proposals mostly within 425 U: a dose above every limit makes the engine walk
     * to 2199-12-31 before it answers BTX_ENEVER, which is slow (docs/reliability.md). */
    a->units = (double)(u % (proposal ? 3400 : 4096)) / 8.0;
    if ((b0 & 0xC0) == 0xC0) { /* an odd record */
        uint8_t w = fz_u8(f);
        if (w & 1)
            a->date = fz_date(f, base);
        if (w & 2)
            a->product = (int8_t)fz_u8(f) % 10;
        if (w & 4)
            a->indication = (int8_t)fz_u8(f) % 19;
        if (w & 8)
            a->flags = (int32_t)fz_u8(f) % 5;
        if (w & 16)
            a->units = fz_units(f);
        if (w & 32)
            a->date = fz_offset(base, (int32_t)(fz_u16(f) % 4000) - 2000);
    }
}

static void decode(const uint8_t *data, size_t size, input *in)
{
    fz f = {data, size};
    memset(in, 0, sizeof *in);
    uint8_t bs = fz_u8(&f);
    in->base = bs % 8 == 0   ? BTX_DATE_MIN + fz_u16(&f) % 200
               : bs % 8 == 1 ? BTX_DATE_MAX - fz_u16(&f) % 200
                             : 20000 + (int16_t)fz_u16(&f);
    decode_patient(&f, in);
    decode_policy(&f, in);
    decode_record(&f, in->base, 1, &in->prop);
    uint8_t hs = fz_u8(&f);
    in->hr_indication = hs & 0x80 ? 0 : in->prop.indication;
    uint8_t ns = fz_u8(&f);
    size_t n;
    if (ns % 32 == 1) /* long: past the library's stack buffer (rare: they are slow) */
        n = 257 + fz_u8(&f) % (MAX_RECORDS - 257);
    else if (ns % 8 == 0)
        n = 0;
    else if (ns % 8 == 2)
        n = 1 + fz_u8(&f) % 64;
    else
        n = 1 + ns % 16;
    uint8_t cs = fz_u8(&f);
    in->capacity = cs % 4 == 0 ? 0 : cs % 4 == 1 ? 1 + (cs >> 2) % 4 : FULL;
    uint8_t ss = fz_u8(&f);
    in->stride = ss % 8 == 0   ? SZ_FINDING + 8 * (1 + (ss >> 3) % 3)
                 : ss % 8 == 1 ? (size_t)(ss >> 3) * 8 + (ss & 0x40 ? 1 : 0)
                               : SZ_FINDING;
    if (ns == 0xFF) { /* a NULL history with n > 0 */
        in->n = 1 + fz_u8(&f) % 3;
        return;
    }
    in->n = n;
    in->h = malloc(n > 0 ? n * sizeof *in->h : 1);
    CHECK(in->h != NULL, "malloc");
    /* Records cluster around the proposal so that windows and intervals interact. */
    for (size_t i = 0; i < n; i++)
        decode_record(&f, in->prop.date, 0, &in->h[i]);
}

static void free_input(input *in)
{
    free(in->patient_buf);
    free(in->policy_buf);
    free(in->h);
}

/* ------------------------------------------------------------------ model of validation */

enum { E_OK = 1, E_INVAL = 2, E_RANGE = 4, E_VERSION = 8 };

static int bit_of(int rc)
{
    switch (rc) {
    case BTX_OK: return E_OK;
    case BTX_EINVAL: return E_INVAL;
    case BTX_ERANGE: return E_RANGE;
    case BTX_EVERSION: return E_VERSION;
    default: return 0;
    }
}

static int in_range(btx_date d)
{
    return d >= BTX_DATE_MIN && d <= BTX_DATE_MAX;
}

static int tail_zero(const unsigned char *b, size_t known, size_t size)
{
    for (size_t i = known; i < size; i++)
        if (b[i] != 0)
            return 0;
    return 1;
}

static int model_patient(const input *in)
{
    if (!in->patient_buf)
        return E_OK;
    if (in->patient_size < sizeof(btx_patient) ||
        !tail_zero(in->patient_buf, sizeof(btx_patient), in->patient_size))
        return E_VERSION;
    const btx_patient *p = (const btx_patient *)(const void *)in->patient_buf;
    if (!(p->weight_kg >= 0.0 && p->weight_kg <= 1000.0))
        return E_RANGE;
    if ((p->birth_date != BTX_DATE_UNKNOWN && !in_range(p->birth_date)) ||
        (p->weight_date != BTX_DATE_UNKNOWN && !in_range(p->weight_date)))
        return E_RANGE;
    return E_OK;
}

/* Bits of the acceptable answers: a policy may break several rules, and a length in
 * months between the decisions' 3000 and the header's 100000 days is either. */
static int model_policy(const input *in)
{
    if (!in->policy_buf)
        return E_OK;
    if (in->policy_size < sizeof(btx_policy) ||
        !tail_zero(in->policy_buf, sizeof(btx_policy), in->policy_size))
        return E_VERSION;
    const btx_policy *p = (const btx_policy *)(const void *)in->policy_buf;
    if (p->window_length < 0 || p->min_spacing_days < 0 || p->weight_max_age_days < 0 ||
        p->reserved != 0 || (p->history_complete != 0 && p->history_complete != 1) ||
        !(p->warn_fraction >= 0.0 && p->warn_fraction <= 1.0) ||
        (p->window_length > 0 && (p->window_unit < 1 || p->window_unit > 3)))
        return E_INVAL;
    int ok = E_OK;
    if (p->window_length > 0) {
        int64_t days = p->window_unit == BTX_DAYS    ? p->window_length
                       : p->window_unit == BTX_WEEKS ? 7 * (int64_t)p->window_length
                                                     : 31 * (int64_t)p->window_length;
        if (p->window_unit == BTX_MONTHS && p->window_length > 3000 && days <= 100000 + 31)
            ok = E_OK | E_RANGE;
        else if (days > 100000)
            return E_RANGE;
    }
    if (p->min_spacing_days > 100000)
        return E_RANGE;
    return ok;
}

static int model_record(const btx_administration *a)
{
    if (!in_range(a->date))
        return E_RANGE;
    if (a->product < 1 || a->product > 8 || a->indication < 0 || a->indication > 17)
        return E_INVAL;
    /* flags: 0, or a limb count of 1 or 2 on upper (4) or lower (5) limb spasticity */
    if (a->flags != 0 && !((a->flags == 1 || a->flags == 2) &&
                           (a->indication == 4 || a->indication == 5)))
        return E_INVAL;
    if (!(a->units >= 0.0 && a->units <= BTX_UNITS_MAX))
        return E_RANGE;
    return E_OK;
}

/* The first bad record decides: fields in the order date, product, indication, flags,
 * units. */
static int model_history(const btx_administration *h, size_t n)
{
    if (!h && n > 0)
        return E_INVAL;
    for (size_t i = 0; i < n; i++) {
        int r = model_record(&h[i]);
        if (r != E_OK)
            return r;
    }
    return E_OK;
}

static int model_evaluate(const input *in, const btx_administration *h)
{
    if (!h && in->n > 0)
        return E_INVAL;
    int r = model_patient(in);
    if (r != E_OK)
        return r;
    int pol = model_policy(in);
    if (!(pol & E_OK))
        return pol;
    r = model_record(&in->prop);
    if (r == E_OK && in->prop.indication == 0)
        r = E_INVAL;
    if (r != E_OK)
        return r | (pol & ~E_OK);
    /* Since 1.2: a birth date after the proposal's date. */
    if (in->patient_buf) {
        const btx_patient *p = (const btx_patient *)(const void *)in->patient_buf;
        if (p->birth_date != BTX_DATE_UNKNOWN && p->birth_date > in->prop.date)
            return E_RANGE | (pol & ~E_OK);
    }
    r = model_history(h, in->n);
    if (r != E_OK)
        return r | (pol & ~E_OK);
    return pol;
}

/* ------------------------------------------------------------------ calls */

static const btx_patient *patient_of(const input *in)
{
    return (const btx_patient *)(const void *)in->patient_buf;
}

static const btx_policy *policy_of(const input *in)
{
    return (const btx_policy *)(const void *)in->policy_buf;
}

static int64_t milli(double x)
{
    return llround(x * 1000.0);
}

typedef struct answer {
    int rc;
    size_t count;
    btx_finding f[FULL];
} answer;

static void evaluate_full(const input *in, const btx_administration *h,
                          const btx_administration *prop, answer *a)
{
    memset(a->f, 0, sizeof a->f);
    a->f[0].struct_size = SZ_FINDING;
    a->count = 9999;
    a->rc = btx_evaluate(patient_of(in), policy_of(in), h, in->n, prop, a->f, FULL, &a->count);
    CHECK(rc_known(a->rc), "evaluate rc %d", a->rc);
    if (a->rc == BTX_OK || a->rc == BTX_ENOSPC)
        CHECK(a->rc == BTX_OK && a->count <= FULL, "more than %d findings: %zu", FULL, a->count);
}

static int has_fail(const answer *a, int32_t code1, int32_t code2)
{
    for (size_t i = 0; i < a->count; i++)
        if ((a->f[i].code == code1 || a->f[i].code == code2) && a->f[i].status == BTX_FAIL)
            return 1;
    return 0;
}

static int date_dependent_fail(const answer *a)
{
    return has_fail(a, BTX_FINDING_WINDOW_LIMIT, BTX_FINDING_TOO_SOON);
}

/* Whether a record of another substance lies within D - 3 months .. D + 3 months. */
static int model_mixed(const input *in, const btx_administration *h)
{
    btx_date lo, hi;
    if (btx_date_add_months(in->prop.date, -3, &lo) != BTX_OK)
        lo = BTX_DATE_MIN;
    if (btx_date_add_months(in->prop.date, 3, &hi) != BTX_OK)
        hi = BTX_DATE_MAX;
    int32_t sub = btx_product_substance(in->prop.product);
    for (size_t i = 0; i < in->n; i++)
        if (btx_product_substance(h[i].product) != sub && h[i].date >= lo && h[i].date <= hi)
            return 1;
    return 0;
}

static void check_findings(const input *in, const btx_administration *h, const answer *a)
{
    const btx_date d = in->prop.date;
    int seen[10] = {0};
    int32_t last_code = 0;
    for (size_t i = 0; i < a->count; i++) {
        const btx_finding *f = &a->f[i];
        CHECK(f->code >= 1 && f->code <= 9, "finding %zu code %d", i, f->code);
        CHECK(f->code >= last_code, "finding %zu code %d after %d", i, f->code, last_code);
        last_code = f->code;
        seen[f->code]++;
        CHECK(f->status >= 1 && f->status <= 3, "finding %zu status %d", i, f->status);
        CHECK(f->severity >= 1 && f->severity <= 3, "finding %zu severity %d", i, f->severity);
        CHECK(f->message != NULL && f->message[0] != '\0', "finding %zu message", i);
        CHECK(f->source != NULL && f->source[0] != '\0', "finding %zu source", i);
        CHECK(strcmp(btx_rule_name(f->rule), "unknown") != 0, "finding %zu rule %d", i, f->rule);
        CHECK(f->evidence >= 0 && f->evidence <= 2, "finding %zu evidence", i);
        CHECK(fabs(f->proposed_units - in->prop.units) <= 0.00051,
              "finding %zu proposed %.6f for %.6f", i, f->proposed_units, in->prop.units);
        CHECK(f->proposed_units == a->f[0].proposed_units, "finding %zu proposed differs", i);
        CHECK(f->earliest_date == BTX_DATE_UNKNOWN ||
                  (f->earliest_date >= d && f->earliest_date <= BTX_DATE_MAX),
              "finding %zu earliest %d for D %d", i, f->earliest_date, d);
        if (f->status == BTX_FAIL)
            CHECK(f->earliest_date != d, "finding %zu fails, earliest is D", i);
        if (f->status == BTX_PASS)
            CHECK(f->earliest_date == d, "finding %zu passes, earliest %d, D %d", i,
                  f->earliest_date, d);
        int64_t L = milli(f->limit_units), T = milli(f->total_units), P = milli(f->proposed_units);
        int units_rule = f->code == BTX_FINDING_WINDOW_LIMIT ||
                         f->code == BTX_FINDING_SESSION_LIMIT ||
                         f->code == BTX_FINDING_ABOVE_PROTOCOL;
        if (units_rule) {
            CHECK(L >= 0 && T >= 0, "finding %zu limit/total", i);
            CHECK(milli(f->remaining_units) == L - (T + P), "finding %zu remaining", i);
        } else {
            CHECK(L == 0 && T == 0 && milli(f->remaining_units) == 0,
                  "finding %zu (code %d) has units", i, f->code);
        }
        if (f->code == BTX_FINDING_WINDOW_LIMIT) {
            CHECK(f->window_start <= d && d <= f->window_end, "finding %zu window %d..%d, D %d",
                  i, f->window_start, f->window_end, d);
        } else {
            CHECK(f->window_start == BTX_DATE_UNKNOWN && f->window_end == BTX_DATE_UNKNOWN,
                  "finding %zu (code %d) has a window", i, f->code);
        }
        switch (f->code) {
        case BTX_FINDING_WINDOW_LIMIT:
        case BTX_FINDING_SESSION_LIMIT:
            if (f->status == BTX_PASS) {
                CHECK(T + P <= L, "finding %zu passes over its limit", i);
                CHECK(f->severity == BTX_INFO ||
                          (f->code == BTX_FINDING_WINDOW_LIMIT && f->severity == BTX_WARNING),
                      "finding %zu PASS severity %d", i, f->severity);
            } else if (f->status == BTX_FAIL) {
                CHECK(T + P > L, "finding %zu fails within its limit", i);
                CHECK(f->severity == BTX_CRITICAL, "finding %zu FAIL severity", i);
            } else {
                CHECK(T + P <= L, "finding %zu NOT_CHECKED over the absolute limit", i);
                CHECK(f->severity == BTX_CRITICAL, "finding %zu NOT_CHECKED severity", i);
                CHECK(f->earliest_date == BTX_DATE_UNKNOWN, "NOT_CHECKED with a date");
            }
            break;
        case BTX_FINDING_TOO_SOON:
            CHECK(f->status != BTX_NOT_CHECKED, "TOO_SOON not checked");
            CHECK(f->status == BTX_FAIL ? f->severity != BTX_INFO : f->severity == BTX_INFO,
                  "TOO_SOON severity");
            break;
        case BTX_FINDING_ABOVE_PROTOCOL:
            CHECK(T + P > L, "ABOVE_PROTOCOL within the protocol");
            /* fall through */
        case BTX_FINDING_NOT_ESTABLISHED:
        case BTX_FINDING_NOT_LABELLED:
            CHECK(f->status == BTX_FAIL && f->severity == BTX_WARNING, "label finding %zu", i);
            break;
        case BTX_FINDING_MIXED_SUBSTANCES:
            CHECK(f->status == BTX_NOT_CHECKED && f->severity == BTX_WARNING, "mixed");
            CHECK(f->evidence == 0 && f->earliest_date == BTX_DATE_UNKNOWN, "mixed fields");
            break;
        default: /* AGE_UNKNOWN, HISTORY_INCOMPLETE */
            CHECK(f->status == BTX_PASS && f->severity == BTX_INFO && f->evidence == 0, "notice");
            break;
        }
    }
    CHECK(seen[5] + seen[6] <= 2 && seen[7] <= 1 && seen[8] <= 1 && seen[9] <= 1,
          "duplicate notices");
    const btx_patient *p = patient_of(in);
    int age_unknown = p == NULL || p->birth_date == BTX_DATE_UNKNOWN;
    CHECK(seen[BTX_FINDING_AGE_UNKNOWN] == age_unknown, "AGE_UNKNOWN %d", age_unknown);
    const btx_policy *pol = policy_of(in);
    int incomplete = pol == NULL || pol->history_complete == 0;
    CHECK(seen[BTX_FINDING_HISTORY_INCOMPLETE] == incomplete, "HISTORY_INCOMPLETE %d", incomplete);
    CHECK(seen[BTX_FINDING_MIXED_SUBSTANCES] == model_mixed(in, h), "MIXED_SUBSTANCES");
}

/* The same call with the caller's capacity and stride: the count is the same, ENOSPC iff
 * it does not fit, the entries written are the first of the full answer, and nothing
 * past the 1.0 layout or the array is written. */
static void check_short_array(const input *in, const answer *full)
{
    if (in->capacity == FULL && in->stride == SZ_FINDING)
        return; /* the full call already was this one */
    size_t bytes = in->capacity * in->stride;
    size_t alloc = bytes > sizeof(size_t) ? bytes : sizeof(size_t);
    unsigned char *buf = malloc(alloc);
    CHECK(buf != NULL, "malloc");
    memset(buf, 0x5A, alloc);
    if (in->capacity > 0)
        memcpy(buf, &in->stride, sizeof in->stride);
    btx_finding *arr = in->capacity > 0 ? (btx_finding *)(void *)buf : NULL;
    size_t count = 7777;
    int rc = btx_evaluate(patient_of(in), policy_of(in), in->h, in->n, &in->prop, arr,
                          in->capacity, &count);
    CHECK(rc_known(rc), "rc %d", rc);
    int stride_ok = in->capacity == 0 || (in->stride >= SZ_FINDING && in->stride % 8 == 0);
    if (full->rc != BTX_OK) {
        if (stride_ok)
            CHECK(rc == full->rc, "short array rc %d, full %d", rc, full->rc);
        else
            CHECK(rc == BTX_EVERSION || rc == full->rc, "short array rc %d", rc);
        free(buf);
        return;
    }
    if (!stride_ok) {
        CHECK(rc == BTX_EVERSION, "stride %zu rc %d", in->stride, rc);
        free(buf);
        return;
    }
    CHECK(count == full->count, "count %zu, full %zu", count, full->count);
    CHECK(rc == (count > in->capacity ? BTX_ENOSPC : BTX_OK), "rc %d count %zu capacity %zu",
          rc, count, in->capacity);
    size_t written = count < in->capacity ? count : in->capacity;
    for (size_t i = 0; i < written; i++) {
        const btx_finding *f = (const btx_finding *)(const void *)(buf + i * in->stride);
        const btx_finding *g = &full->f[i];
        CHECK(f->code == g->code && f->status == g->status && f->severity == g->severity &&
                  f->rule == g->rule && f->limit_units == g->limit_units &&
                  f->total_units == g->total_units && f->remaining_units == g->remaining_units &&
                  f->window_start == g->window_start && f->window_end == g->window_end &&
                  f->earliest_date == g->earliest_date && f->message == g->message,
              "short-array finding %zu differs", i);
        for (size_t k = SZ_FINDING; k < in->stride; k++)
            CHECK(buf[i * in->stride + k] == 0x5A, "byte %zu past the 1.0 layout written", k);
    }
    for (size_t k = written * in->stride; k < bytes; k++)
        CHECK(buf[k] == 0x5A || (written == 0 && k < sizeof(size_t)),
              "byte %zu past the findings written", k);
    free(buf);
}

static void check_window_total(const input *in, const btx_administration *h, double *out)
{
    int32_t sub = btx_product_substance(in->prop.product);
    if (sub == 0)
        sub = 1;
    int32_t length = 3, unit = BTX_MONTHS;
    const btx_policy *pol = policy_of(in);
    if (pol && in->policy_size >= sizeof(btx_policy) && pol->window_length != 0) {
        length = pol->window_length;
        unit = pol->window_unit;
    }
    btx_date start = in->prop.date;
    double t = -1.0;
    int rc = btx_window_total(h, in->n, sub, start, length, unit, &t);
    CHECK(rc_known(rc), "window_total rc %d", rc);
    *out = rc == BTX_OK ? t : -(double)rc;
    if (rc != BTX_OK) {
        if (!h && in->n > 0)
            CHECK(rc == BTX_EINVAL, "NULL history: rc %d", rc);
        else if (model_history(h, in->n) != E_OK)
            CHECK(rc != BTX_OK, "bad history accepted");
        return;
    }
    CHECK(model_history(h, in->n) == E_OK && unit >= 1 && unit <= 3 && length >= 1 &&
              in_range(start),
          "window_total accepted bad arguments");
    CHECK(t >= 0.0 && isfinite(t), "window_total %g", t);
    /* Brute force: each record rounded on its own (1 milli-unit slack for halves). */
    btx_date end;
    int end_rc = unit == BTX_MONTHS ? btx_date_add_months(start, length, &end)
                                    : btx_date_add_days(start, unit == BTX_WEEKS ? 7 * length
                                                                                 : length, &end);
    if (end_rc != BTX_OK)
        end = BTX_DATE_MAX + 1; /* past the range: every later record counts */
    int64_t sum = 0, k = 0;
    for (size_t i = 0; i < in->n; i++)
        if (btx_product_substance(h[i].product) == sub && h[i].date >= start && h[i].date < end) {
            sum += milli(h[i].units);
            k++;
        }
    CHECK(llabs(milli(t) - sum) <= k, "window_total %.3f, brute force %.3f", t, (double)sum / 1000.0);
}

typedef struct results {
    double total, headroom;
    int hr_rc, e_rc;
    btx_date e;
    answer full;
} results;

static void run_all(const input *in, const btx_administration *h, results *r)
{
    btx_administration prop = in->prop;
    check_window_total(in, h, &r->total);

    r->headroom = -1.0;
    r->hr_rc = btx_headroom(patient_of(in), policy_of(in), h, in->n, prop.product,
                            in->hr_indication, prop.date, &r->headroom);
    CHECK(rc_known(r->hr_rc), "headroom rc %d", r->hr_rc);
    if (r->hr_rc == BTX_OK)
        CHECK(r->headroom >= 0.0 && (isfinite(r->headroom) || r->headroom == INFINITY),
              "headroom %g", r->headroom);

    evaluate_full(in, h, &prop, &r->full);
    int expect = model_evaluate(in, h);
    CHECK(bit_of(r->full.rc) & expect, "evaluate rc %d, model bits %d", r->full.rc, expect);

    r->e = 1234567;
    r->e_rc = btx_earliest_date(patient_of(in), policy_of(in), h, in->n, &prop, &r->e);
    CHECK(rc_known(r->e_rc), "earliest rc %d", r->e_rc);
    if (r->full.rc != BTX_OK) {
        CHECK(r->e_rc == r->full.rc, "earliest rc %d, evaluate rc %d", r->e_rc, r->full.rc);
        return;
    }
    CHECK(r->e_rc == BTX_OK || r->e_rc == BTX_ENEVER || r->e_rc == BTX_EWEIGHT,
          "earliest rc %d after evaluate OK", r->e_rc);
    CHECK(r->hr_rc == BTX_OK || r->hr_rc == BTX_EWEIGHT, "headroom rc %d after evaluate OK",
          r->hr_rc);
}

static void check_semantics(const input *in, const results *r)
{
    const answer *a = &r->full;
    const btx_date d = in->prop.date;
    check_findings(in, in->h, a);

    /* Headroom and the window findings of the same dose agree. */
    if (r->hr_rc == BTX_OK && in->hr_indication == in->prop.indication) {
        int window_fail = has_fail(a, BTX_FINDING_WINDOW_LIMIT, 0);
        int64_t u = milli(a->count > 0 ? a->f[0].proposed_units : in->prop.units);
        if (isfinite(r->headroom)) {
            int64_t hr = milli(r->headroom);
            if (u > hr)
                CHECK(window_fail, "u %lld above headroom %lld passes", (long long)u,
                      (long long)hr);
            if (hr > 0 && u <= hr)
                CHECK(!window_fail, "u %lld within headroom %lld fails", (long long)u,
                      (long long)hr);
        } else {
            CHECK(!window_fail, "window FAIL with infinite headroom");
        }
    }

    /* Every rule's own earliest date is at most the date that passes them all. */
    if (r->e_rc == BTX_OK) {
        CHECK(r->e >= d && r->e <= BTX_DATE_MAX, "earliest %d before D %d", r->e, d);
        for (size_t i = 0; i < a->count; i++) {
            const btx_finding *f = &a->f[i];
            if ((f->code == BTX_FINDING_WINDOW_LIMIT || f->code == BTX_FINDING_TOO_SOON) &&
                f->earliest_date != BTX_DATE_UNKNOWN)
                CHECK(r->e >= f->earliest_date, "earliest %d before rule %d's %d", r->e, f->rule,
                      f->earliest_date);
        }
        btx_administration at = in->prop;
        answer on;
        at.date = r->e;
        evaluate_full(in, in->h, &at, &on);
        CHECK(on.rc == BTX_OK, "evaluate on the earliest date: rc %d", on.rc);
        CHECK(!date_dependent_fail(&on), "a date-dependent rule fails on the earliest date %d",
              r->e);
        if (r->e > d) {
            at.date = r->e - 1;
            evaluate_full(in, in->h, &at, &on);
            CHECK(on.rc == BTX_OK && date_dependent_fail(&on),
                  "nothing fails the day before the earliest date %d", r->e);
        } else {
            CHECK(!date_dependent_fail(a), "earliest is D but D fails");
        }
    } else if (r->e_rc == BTX_ENEVER) {
        CHECK(date_dependent_fail(a), "ENEVER but D passes every date-dependent rule");
        btx_administration at = in->prop;
        answer on;
        at.date = BTX_DATE_MAX;
        evaluate_full(in, in->h, &at, &on);
        CHECK(on.rc == BTX_OK && date_dependent_fail(&on), "ENEVER but the last date passes");
    }
}

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static int same_answer(const answer *a, const answer *b)
{
    if (a->rc != b->rc || a->count != b->count)
        return 0;
    if (a->rc != BTX_OK)
        return 1;
    for (size_t i = 0; i < a->count; i++) {
        const btx_finding *f = &a->f[i], *g = &b->f[i];
        if (!(f->code == g->code && f->status == g->status && f->severity == g->severity &&
              f->rule == g->rule && f->limit_units == g->limit_units &&
              f->total_units == g->total_units && f->proposed_units == g->proposed_units &&
              f->remaining_units == g->remaining_units && f->window_start == g->window_start &&
              f->window_end == g->window_end && f->earliest_date == g->earliest_date &&
              f->evidence == g->evidence && strcmp(f->message, g->message) == 0 &&
              strcmp(f->source, g->source) == 0))
            return 0;
    }
    return 1;
}

static void check_permutation(const input *in, const results *r, const uint8_t *data,
                              size_t size)
{
    /* Every other input (by the top bit of its first byte): halves the cost. */
    if (in->n < 2 || !in->h || size == 0 || !(data[0] & 0x80))
        return;
    uint64_t seed = size;
    for (size_t i = 0; i < size; i++)
        seed = seed * 131 + data[i];
    btx_administration *perm = malloc(in->n * sizeof *perm);
    CHECK(perm != NULL, "malloc");
    memcpy(perm, in->h, in->n * sizeof *perm);
    for (size_t i = in->n; i > 1; i--) {
        size_t j = (size_t)(splitmix(&seed) % i);
        btx_administration t = perm[i - 1];
        perm[i - 1] = perm[j];
        perm[j] = t;
    }
    results q;
    run_all(in, perm, &q);
    if (model_history(in->h, in->n) == E_OK) {
        CHECK(q.total == r->total, "permutation changed window_total");
        CHECK(q.hr_rc == r->hr_rc && (q.hr_rc != BTX_OK || q.headroom == r->headroom),
              "permutation changed headroom");
        CHECK(same_answer(&q.full, &r->full), "permutation changed the findings");
        CHECK(q.e_rc == r->e_rc && (q.e_rc != BTX_OK || q.e == r->e),
              "permutation changed the earliest date");
    } else {
        CHECK(q.full.rc != BTX_OK || r->full.rc != BTX_OK, "bad history accepted");
    }
    free(perm);
}

/* FUZZ_DUMP=1 prints the decoded call, for reproducers. */
static void dump(const input *in)
{
    const btx_patient *p = patient_of(in);
    const btx_policy *q = policy_of(in);
    fprintf(stderr, "patient: %s", p ? "" : "NULL\n");
    if (p) {
        fprintf(stderr, "struct_size %zu", in->patient_size);
        if (in->patient_size >= sizeof *p)
            fprintf(stderr, " weight_kg %.17g birth_date %d weight_date %d", p->weight_kg,
                    p->birth_date, p->weight_date);
        fprintf(stderr, "\n");
    }
    fprintf(stderr, "policy: %s", q ? "" : "NULL\n");
    if (q) {
        fprintf(stderr, "struct_size %zu", in->policy_size);
        if (in->policy_size >= sizeof *q)
            fprintf(stderr,
                    " window %d/%d spacing %d weight_max_age %d warn %.17g complete %d reserved %d",
                    q->window_length, q->window_unit, q->min_spacing_days,
                    q->weight_max_age_days, q->warn_fraction, q->history_complete, q->reserved);
        fprintf(stderr, "\n");
    }
    const btx_administration *a = &in->prop;
    fprintf(stderr, "proposal: date %d product %d indication %d flags %d units %.17g\n", a->date,
            a->product, a->indication, a->flags, a->units);
    fprintf(stderr, "headroom indication %d, capacity %zu, stride %zu, n %zu%s\n",
            in->hr_indication, in->capacity, in->stride, in->n, in->h ? "" : " (NULL history)");
    for (size_t i = 0; in->h && i < in->n; i++)
        fprintf(stderr, "  [%zu] date %d product %d indication %d flags %d units %.17g\n", i,
                in->h[i].date, in->h[i].product, in->h[i].indication, in->h[i].flags,
                in->h[i].units);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    input in;
    decode(data, size, &in);
    if (getenv("FUZZ_DUMP"))
        dump(&in);

    size_t bad = 999;
    int v = btx_validate_history(in.h, in.n, &bad);
    CHECK(rc_known(v), "validate rc %d", v);
    CHECK(bit_of(v) == model_history(in.h, in.n), "validate rc %d, model %d", v,
          model_history(in.h, in.n));
    if (v == BTX_OK) {
        CHECK(bad == 0, "bad_index %zu on success", bad);
    } else if (in.h) {
        CHECK(bad < in.n, "bad_index %zu of %zu", bad, in.n);
        CHECK(btx_validate_history(in.h, bad, NULL) == BTX_OK, "records before bad_index");
        CHECK(btx_validate_history(in.h + bad, 1, NULL) == v, "the bad record alone");
    }

    results r;
    run_all(&in, in.h, &r);
    if (r.full.rc == BTX_OK)
        check_semantics(&in, &r);
    check_short_array(&in, &r.full);
    check_permutation(&in, &r, data, size);
    free_input(&in);
    return 0;
}
