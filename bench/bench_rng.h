/* SPDX-License-Identifier: Apache-2.0 */
/* The benches' random numbers (bench_audit, bench_cli_rows): xorshift64*, one stream per
 * program, reproducible from the seed. Included by one source file of each program. */
#ifndef BTX_BENCH_RNG_H
#define BTX_BENCH_RNG_H

#include <stdint.h>

static uint64_t rng;

/* The stream for `seed` (any value, 0 included). */
static void rng_seed(uint64_t seed)
{
    rng = seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
}

static uint32_t next_u32(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (uint32_t)((rng * UINT64_C(2685821657736338717)) >> 32);
}

/* Uniform in 0..n-1 (n >= 1). */
static uint32_t below(uint32_t n)
{
    return (uint32_t)(((uint64_t)next_u32() * n) >> 32);
}

#endif
