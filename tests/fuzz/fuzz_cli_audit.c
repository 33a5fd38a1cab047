/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzzer: the btxdose tool's population reader (tools/btxdose/population.c over
 * reader.c), CSV or JSON as chosen by FUZZ_FORMAT at compile time; the input is written
 * to a memfd and read back through /proc/self/fd/N.
 *
 * Invariants (those of fuzz_cli_history.c, for a population): population_load returns 0
 * or -1; on -1 nothing is left allocated (LSan) and the population is empty; on 0 the
 * number of rows equals the data rows of the input counted independently
 * (fuzz_cli_rows.h), every row is one the library accepts (btx_check_audit_row) with a
 * patient text that is not empty, the rows' lines are >= 1, increase (strictly in
 * CSV; JSON objects may share a line) and never exceed the input's lines, and a second read gives the same rows and patients. Sorted
 * (population_sort), the rows are in the order btx_audit needs (btx_check_audit_rows),
 * patients are numbered 1..patients, the lines are still the same set, and btx_audit
 * answers with at most every row flagged. The reader reports every error on stderr:
 * run with -close_fd_mask=2 (tests/fuzz/run.sh does). */
#include "fuzz_cli_rows.h"
#include "population.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int load(const uint8_t *data, size_t size, population *p)
{
    int rc = population_load(fuzz_as_file(data, size), FUZZ_FORMAT, p);
    CHECK(rc == 0 || rc == -1, "population_load returned %d", rc);
    return rc;
}

static void check_rows(const population *p, const uint8_t *data, size_t size)
{
    size_t lines = fuzz_lines(data, size);
    CHECK(p->count == fuzz_rows(data, size, FUZZ_FORMAT), "%zu rows read, %zu in the file",
          p->count, fuzz_rows(data, size, FUZZ_FORMAT));
    for (size_t i = 0; i < p->count; i++) {
        const pop_entry *e = &p->entries[i];
        int32_t field = -1;
        CHECK(btx_check_audit_row(&e->row, &field) == BTX_OK && field == BTX_FIELD_NONE,
              "row %zu refused (field %d)", i, (int)field);
        CHECK(e->row.patient == 0 && e->patient != NULL && e->patient[0] != '\0', "patient");
        CHECK(e->line >= 1 && e->line <= lines, "line %zu of %zu", e->line, lines);
        if (i > 0)
            CHECK(fuzz_lines_follow(p->entries[i - 1].line, e->line, FUZZ_FORMAT),
                  "line %zu after line %zu", e->line, p->entries[i - 1].line);
    }
}

static void check_again(const population *p, const uint8_t *data, size_t size)
{
    population again;
    CHECK(load(data, size, &again) == 0, "second read failed");
    CHECK(again.count == p->count, "second read count");
    for (size_t i = 0; i < p->count; i++) {
        const pop_entry *a = &again.entries[i], *b = &p->entries[i];
        CHECK(a->line == b->line && strcmp(a->patient, b->patient) == 0 &&
                  memcmp(&a->row, &b->row, sizeof a->row) == 0,
              "second read row %zu", i);
    }
    population_free(&again);
}

static void check_sorted(population *p, size_t line_sum)
{
    population_sort(p);
    size_t bad = 0, sum = 0;
    int32_t field = -1;
    btx_audit_row *rows = malloc((p->count + 1) * sizeof *rows);
    btx_audit_result *res = malloc((p->count + 1) * sizeof *res);
    CHECK(rows != NULL && res != NULL, "malloc");
    for (size_t i = 0; i < p->count; i++) {
        rows[i] = p->entries[i].row;
        sum += p->entries[i].line;
        CHECK(rows[i].patient >= 1 && rows[i].patient <= p->patients, "key");
    }
    CHECK(sum == line_sum, "sorting lost a row");
    CHECK(btx_check_audit_rows(rows, p->count, &bad, &field) == BTX_OK,
          "sorted row %zu refused (field %d)", bad, (int)field);
    size_t flagged = p->count + 1;
    CHECK(btx_audit(NULL, rows, p->count, res, &flagged) == BTX_OK, "btx_audit");
    CHECK(flagged <= p->count, "flagged %zu of %zu", flagged, p->count);
    free(rows);
    free(res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    population p;
    if (load(data, size, &p) != 0) {
        CHECK(p.entries == NULL && p.names == NULL && p.count == 0, "population left after error");
        return 0;
    }
    check_rows(&p, data, size);
    check_again(&p, data, size);
    size_t line_sum = 0;
    for (size_t i = 0; i < p.count; i++)
        line_sum += p.entries[i].line;
    check_sorted(&p, line_sum);
    population_free(&p);
    return 0;
}
