/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzzer: the btxdose tool's history reader (tools/btxdose/history.c over reader.c), CSV
 * or JSON as chosen by FUZZ_FORMAT at compile time; the input is written to a memfd and
 * read back through /proc/self/fd/N.
 *
 * Invariants: history_load returns 0 or -1; on -1 nothing is left allocated (LSan) and
 * the history is empty; on 0 the number of records equals the data rows of the input
 * counted independently (fuzz_cli_rows.h), every record is one the library accepts (its
 * flags at most the limbs column's count, on a limb indication only), the source lines are >= 1, increase (strictly in CSV; JSON objects may share a line) and
 * never exceed the number of lines of the input, and a second read gives the same records. The reader reports every error on
 * stderr: run with -close_fd_mask=2 (tests/fuzz/run.sh does). */
#include "fuzz_cli_rows.h"
#include "history.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int load(const uint8_t *data, size_t size, history *h)
{
    int rc = history_load(fuzz_as_file(data, size), FUZZ_FORMAT, h);
    CHECK(rc == 0 || rc == -1, "history_load returned %d", rc);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    history h;
    int rc = load(data, size, &h);
    if (rc != 0) {
        CHECK(h.records == NULL && h.lines == NULL && h.count == 0, "history left after error");
        return 0;
    }
    size_t lines = fuzz_lines(data, size), rows = fuzz_rows(data, size, FUZZ_FORMAT);
    CHECK(h.count == rows, "%zu records read, %zu in the file", h.count, rows);
    size_t bad = 0;
    CHECK(btx_validate_history(h.records, h.count, &bad) == BTX_OK, "record %zu invalid", bad);
    for (size_t i = 0; i < h.count; i++) {
        const btx_administration *a = &h.records[i];
        CHECK(a->date >= BTX_DATE_MIN && a->date <= BTX_DATE_MAX, "date");
        CHECK(a->product >= 1 && a->product <= 8 && a->indication >= 0 && a->indication <= 17,
              "codes");
        /* flags: only the limbs column's count (1 or 2), and only on a limb indication */
        CHECK((a->flags & ~BTX_LIMBS_MASK) == 0 && BTX_LIMBS_OF(a->flags) != 3 &&
                  (a->flags == 0 || a->indication == BTX_INDICATION_UPPER_LIMB_SPASTICITY ||
                   a->indication == BTX_INDICATION_LOWER_LIMB_SPASTICITY) &&
                  a->units >= 0.0 && a->units <= BTX_UNITS_MAX,
              "flags/units");
        CHECK(h.lines[i] >= 1 && h.lines[i] <= lines, "line %zu of %zu", h.lines[i], lines);
        if (i > 0)
            CHECK(fuzz_lines_follow(h.lines[i - 1], h.lines[i], FUZZ_FORMAT),
                  "line %zu after line %zu", h.lines[i], h.lines[i - 1]);
    }
    history again;
    CHECK(load(data, size, &again) == 0, "second read failed");
    CHECK(again.count == h.count, "second read count");
    if (h.count > 0)
        CHECK(memcmp(again.records, h.records, h.count * sizeof *h.records) == 0,
              "second read records");
    history_free(&again);
    history_free(&h);
    return 0;
}
