/* Fuzzer: the btxdose tool's history readers (tools/btxdose/history.c), CSV or JSON as
 * chosen by FUZZ_FORMAT at compile time. The reader's only entry point reads a file, so
 * the input is written to a memfd and read back through /proc/self/fd/N.
 *
 * Invariants: history_load returns 0 or -1; on -1 nothing is left allocated (LSan) and
 * the history is empty; on 0 every record is one the library accepts, the source lines
 * are >= 1, never decrease and never exceed the number of lines of the input, and a
 * second read gives the same records. The reader reports every error on stderr: run
 * with -close_fd_mask=2 (tests/fuzz/run.sh does). */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "history.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int memfd = -1;
static char path[64];

static int load(const uint8_t *data, size_t size, history *h)
{
    if (memfd < 0) {
        memfd = memfd_create("btx-fuzz-history", 0);
        CHECK(memfd >= 0, "memfd_create");
        snprintf(path, sizeof path, "/proc/self/fd/%d", memfd);
    }
    CHECK(ftruncate(memfd, 0) == 0, "ftruncate");
    size_t done = 0;
    while (done < size) {
        ssize_t w = pwrite(memfd, data + done, size - done, (off_t)done);
        CHECK(w > 0, "pwrite");
        done += (size_t)w;
    }
    int rc = history_load(path, FUZZ_FORMAT, h);
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
    size_t lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    size_t bad = 0;
    CHECK(btx_validate_history(h.records, h.count, &bad) == BTX_OK, "record %zu invalid", bad);
    for (size_t i = 0; i < h.count; i++) {
        const btx_administration *a = &h.records[i];
        CHECK(a->date >= BTX_DATE_MIN && a->date <= BTX_DATE_MAX, "date");
        CHECK(a->product >= 1 && a->product <= 8 && a->indication >= 0 && a->indication <= 17,
              "codes");
        CHECK(a->flags == 0 && a->units >= 0.0 && a->units <= BTX_UNITS_MAX, "flags/units");
        CHECK(h.lines[i] >= 1 && h.lines[i] <= lines, "line %zu of %zu", h.lines[i], lines);
        if (i > 0)
            CHECK(h.lines[i] >= h.lines[i - 1], "lines go back");
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
