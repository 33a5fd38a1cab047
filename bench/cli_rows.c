/* SPDX-License-Identifier: Apache-2.0 */
/* Writes the population file of the `btxdose audit` bench (bench/cli_audit.sh,
 * docs/performance.md): a CSV with the columns patient,date,product,indication,units,
 * reproducible from the seed.
 *
 *   bench_cli_rows [--patients N] [--seed S] [--shuffle] FILE
 *
 * N patients (default 1,000,000) with 1 to 19 rows each (10 on average), adults only,
 * typical products and doses in the spellings people type (BOTOX, Botox, botox; chronic
 * migraine with an underscore or a space), mostly 12-14 week cycles with same-day second
 * indications and early sessions, a few doses with half units. No blepharospasm rows and
 * no children: under a 90-day policy the only over-window rule is "more than 400 U of
 * onabotulinumtoxinA (BOTOX, BOTOX Cosmetic) in the trailing 90 days", which is what the
 * bench's SQL queries compute. Patient keys are MRNs ("MRN" and 9 digits), so the file,
 * sorted by patient and date, is sorted by the patient's text too. --shuffle writes the
 * same rows in a random order (the unsorted case). Prints the number of rows. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "bench_rng.h"


typedef struct kind {
    const char *product[3];   /* spellings, one picked per row */
    const char *indication[2];
    int32_t units_lo, units_hi; /* whole units */
    uint32_t weight;            /* relative frequency */
} kind;

static const kind kinds[] = {
    {{"BOTOX", "Botox", "botox"}, {"chronic_migraine", "chronic migraine"}, 155, 195, 24},
    {{"BOTOX", "Botox", "BOTOX"}, {"overactive_bladder", "overactive_bladder"}, 100, 100, 8},
    {{"BOTOX", "Botox", "BOTOX"}, {"neurogenic_detrusor_overactivity", "NDO"}, 200, 200, 3},
    {{"BOTOX", "Botox", "BOTOX"}, {"upper_limb_spasticity", "upper limb spasticity"}, 75, 400, 7},
    {{"BOTOX", "Botox", "BOTOX"}, {"lower_limb_spasticity", "lower_limb_spasticity"}, 300, 400, 3},
    {{"BOTOX", "Botox", "BOTOX"}, {"cervical_dystonia", "cervical dystonia"}, 150, 300, 8},
    {{"BOTOX", "Botox", "BOTOX"}, {"axillary_hyperhidrosis", "axillary_hyperhidrosis"}, 100, 100, 3},
    {{"BOTOX Cosmetic", "Botox Cosmetic", "BOTOX Cosmetic"}, {"glabellar_lines", "glabellar lines"}, 20, 20, 12},
    {{"BOTOX Cosmetic", "Botox Cosmetic", "BOTOX Cosmetic"}, {"lateral_canthal_lines", "lateral_canthal_lines"}, 24, 24, 4},
    {{"BOTOX Cosmetic", "Botox Cosmetic", "BOTOX Cosmetic"}, {"forehead_lines", "forehead_lines"}, 20, 20, 4},
    {{"Dysport", "DYSPORT", "Dysport"}, {"cervical_dystonia", "cervical_dystonia"}, 500, 1000, 4},
    {{"Dysport", "DYSPORT", "Dysport"}, {"glabellar_lines", "glabellar_lines"}, 50, 50, 3},
    {{"Xeomin", "XEOMIN", "Xeomin"}, {"upper_limb_spasticity", "upper_limb_spasticity"}, 200, 400, 3},
    {{"Xeomin", "XEOMIN", "Xeomin"}, {"glabellar_lines", "glabellar_lines"}, 20, 20, 3},
    {{"Jeuveau", "Jeuveau", "Jeuveau"}, {"glabellar_lines", "glabellar_lines"}, 20, 20, 2},
    {{"Daxxify", "Daxxify", "Daxxify"}, {"glabellar_lines", "glabellar_lines"}, 40, 40, 1},
    {{"Letybo", "Letybo", "Letybo"}, {"glabellar_lines", "glabellar_lines"}, 20, 20, 1},
    {{"Myobloc", "Myobloc", "Myobloc"}, {"cervical_dystonia", "cervical_dystonia"}, 2500, 5000, 1},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static uint8_t pick_kind(uint32_t total)
{
    uint32_t x = below(total);
    for (size_t i = 0; i < NKINDS; i++) {
        if (x < kinds[i].weight)
            return (uint8_t)i;
        x -= kinds[i].weight;
    }
    return 0;
}

typedef struct row {
    uint32_t patient;
    btx_date date;
    uint32_t half_units; /* units times 2 */
    uint8_t kind, product_spelling, indication_spelling;
} row;

static row *generate(size_t patients, size_t *n_out)
{
    size_t cap = patients * 11 + 16, n = 0;
    row *rows = malloc(cap * sizeof *rows);
    btx_date d2018 = 0;
    if (rows == NULL || btx_date_from_ymd(2018, 1, 1, &d2018) != BTX_OK)
        return NULL;
    uint32_t total = 0;
    for (size_t i = 0; i < NKINDS; i++)
        total += kinds[i].weight;
    for (size_t p = 0; p < patients; p++) {
        const uint32_t key = (uint32_t)p * 16 + below(16); /* ascending, gaps between */
        const size_t count = 1 + below(19);
        if (n + count > cap) {
            cap *= 2;
            row *more = realloc(rows, cap * sizeof *rows);
            if (more == NULL) {
                free(rows);
                return NULL;
            }
            rows = more;
        }
        btx_date d = d2018 + (btx_date)below(5 * 365);
        uint8_t k = pick_kind(total);
        for (size_t j = 0; j < count; j++) {
            uint32_t r = below(100);
            if (j > 0) {
                if (r < 8)
                    k = pick_kind(total);          /* same day, another indication */
                else if (r < 20)
                    d += 14 + (btx_date)below(60); /* early */
                else {
                    d += 84 + (btx_date)below(14);
                    if (r > 95)
                        k = pick_kind(total);
                }
            }
            const kind *kd = &kinds[k];
            uint32_t units = (uint32_t)(kd->units_lo +
                                        (int32_t)below((uint32_t)(kd->units_hi - kd->units_lo + 1)));
            row *w = &rows[n++];
            w->patient = key;
            w->date = d;
            w->half_units = units * 2 + (below(20) == 0 ? 1u : 0u);
            w->kind = k;
            w->product_spelling = (uint8_t)below(3);
            w->indication_spelling = (uint8_t)below(2);
        }
    }
    *n_out = n;
    return rows;
}

static int write_rows(FILE *f, const row *rows, const size_t *order, size_t n)
{
    fputs("patient,date,product,indication,units\n", f);
    for (size_t i = 0; i < n; i++) {
        const row *r = &rows[order != NULL ? order[i] : i];
        const kind *k = &kinds[r->kind];
        char date[BTX_DATE_FORMAT_SIZE];
        if (btx_date_format(r->date, date, sizeof date) != BTX_OK)
            return -1;
        fprintf(f, "MRN%09u,%s,%s,%s,%u%s\n", (unsigned)r->patient, date,
                k->product[r->product_spelling], k->indication[r->indication_spelling],
                (unsigned)(r->half_units / 2), r->half_units % 2 ? ".5" : "");
    }
    return ferror(f) ? -1 : 0;
}

int main(int argc, char **argv)
{
    size_t patients = 1000000;
    uint64_t seed = 1;
    int shuffle = 0;
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--patients") == 0 && v != NULL) {
            patients = (size_t)strtoull(v, NULL, 10);
            i++;
        } else if (strcmp(a, "--seed") == 0 && v != NULL) {
            seed = strtoull(v, NULL, 10);
            i++;
        } else if (strcmp(a, "--shuffle") == 0) {
            shuffle = 1;
        } else if (a[0] != '-' && out == NULL) {
            out = a;
        } else {
            out = NULL;
            break;
        }
    }
    if (out == NULL || patients == 0 || patients > 200000000) {
        fputs("usage: bench_cli_rows [--patients N] [--seed S] [--shuffle] FILE\n", stderr);
        return 2;
    }
    rng_seed(seed);
    size_t n = 0;
    row *rows = generate(patients, &n);
    size_t *order = NULL;
    if (rows != NULL && shuffle) {
        order = malloc(n * sizeof *order);
        if (order != NULL) {
            for (size_t i = 0; i < n; i++)
                order[i] = i;
            for (size_t i = n; i > 1; i--) {
                size_t j = (size_t)(((uint64_t)next_u32() << 32 | next_u32()) % i);
                size_t t = order[i - 1];
                order[i - 1] = order[j];
                order[j] = t;
            }
        }
    }
    if (rows == NULL || (shuffle && order == NULL)) {
        fputs("bench_cli_rows: out of memory\n", stderr);
        return 1;
    }
    FILE *f = fopen(out, "w");
    static char buf[1 << 20];
    if (f == NULL || setvbuf(f, buf, _IOFBF, sizeof buf) != 0 ||
        write_rows(f, rows, order, n) != 0 || fclose(f) != 0) {
        perror(out);
        return 1;
    }
    printf("%zu\n", n);
    free(order);
    free(rows);
    return 0;
}
