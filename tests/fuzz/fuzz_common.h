/* SPDX-License-Identifier: Apache-2.0 */
/* Shared helpers of the libFuzzer harnesses: a reader that decodes values from the fuzz
 * input (running out of bytes gives zeros, never an error) and CHECK, which aborts with
 * a message when an invariant breaks so libFuzzer records the input as a crash. */
#ifndef BTX_FUZZ_COMMON_H
#define BTX_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <btxdose/btxdose.h>

#define CHECK(cond, ...)                                                                  \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "%s:%d: invariant broken: %s: ", __FILE__, __LINE__, #cond);  \
            fprintf(stderr, __VA_ARGS__);                                                 \
            fputc('\n', stderr);                                                          \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

typedef struct fz {
    const uint8_t *p;
    size_t left;
} fz;

static inline uint8_t fz_u8(fz *f)
{
    if (f->left == 0)
        return 0;
    f->left--;
    return *f->p++;
}

static inline uint16_t fz_u16(fz *f)
{
    uint16_t a = fz_u8(f);
    return (uint16_t)(a | (uint16_t)(fz_u8(f) << 8));
}

static inline uint32_t fz_u32(fz *f)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++)
        v |= (uint32_t)fz_u8(f) << (8 * i);
    return v;
}

static inline uint64_t fz_u64(fz *f)
{
    uint64_t lo = fz_u32(f);
    return lo | ((uint64_t)fz_u32(f) << 32);
}

static inline int32_t fz_i32(fz *f)
{
    uint32_t u = fz_u32(f);
    int32_t v;
    memcpy(&v, &u, sizeof v);
    return v;
}

static inline double fz_f64(fz *f)
{
    uint64_t u = fz_u64(f);
    double v;
    memcpy(&v, &u, sizeof v);
    return v;
}

/* Every value the library may return from a fallible function. */
static inline int rc_known(int rc)
{
    return rc <= BTX_OK && rc >= BTX_EWEIGHT;
}

/* base + off, kept inside int32 (a base may itself be any int32). */
static inline btx_date fz_offset(btx_date base, int64_t off)
{
    int64_t v = (int64_t)base + off;
    if (v < INT32_MIN)
        return INT32_MIN;
    if (v > INT32_MAX)
        return INT32_MAX;
    return (btx_date)v;
}

/* A date chosen to hit the interesting regions: around a base, at and past both
 * range ends, the unknown marker, or any int32. */
static inline btx_date fz_date(fz *f, btx_date base)
{
    uint8_t sel = fz_u8(f);
    int32_t off = (int16_t)fz_u16(f);
    switch (sel % 8) {
    case 0:
    case 1:
    case 2:
    case 3:
        return fz_offset(base, off % 400);
    case 4:
        return BTX_DATE_MIN + (off % 64);
    case 5:
        return BTX_DATE_MAX + (off % 64);
    case 6:
        return sel & 0x80 ? BTX_DATE_UNKNOWN : fz_offset(base, (int64_t)off * 8);
    default:
        return fz_i32(f);
    }
}

/* A dose in units: ordinary values, fractions at the milli-unit half, the range ends,
 * NaN, infinities, negatives and huge values. */
static inline double fz_units(fz *f)
{
    uint8_t sel = fz_u8(f);
    switch (sel % 16) {
    case 0: return 0.0;
    case 1: return -0.0;
    case 2: return BTX_UNITS_MAX;
    case 3: return BTX_UNITS_MAX + 0.0005;
    case 4: return __builtin_nan("");
    case 5: return __builtin_inf();
    case 6: return -__builtin_inf();
    case 7: return -1.0;
    case 8: return 1e300;
    case 9: return (double)fz_u16(f) / 1000.0 + 0.0005; /* a half milli-unit */
    case 10: return fz_f64(f);
    default: return (double)(fz_u16(f) % 500) + (double)(fz_u8(f) % 4) * 0.25;
    }
}

#endif /* BTX_FUZZ_COMMON_H */
