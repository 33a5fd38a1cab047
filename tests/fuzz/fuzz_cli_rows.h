/* SPDX-License-Identifier: Apache-2.0 */
/* For the fuzzers of the btxdose tool's readers: what a file that was read without an
 * error must have held, counted here independently of tools/btxdose/reader.c, and the
 * input written where the reader can open it. */
#ifndef BTX_FUZZ_CLI_ROWS_H
#define BTX_FUZZ_CLI_ROWS_H

#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_common.h"

/* Lines of the input as the reader counts them: one more than its LF bytes. */
static inline size_t fuzz_lines(const uint8_t *data, size_t size)
{
    size_t lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    return lines;
}

/* Data rows of a CSV file that was read: the records after the header (an LF outside
 * double quotes ends one) that hold more than spaces, tabs and a CR. */
static inline size_t fuzz_csv_rows(const uint8_t *data, size_t size)
{
    size_t rows = 0, records = 0;
    int quoted = 0, blank = 1, open = 0;
    for (size_t i = 0; i < size; i++) {
        uint8_t b = data[i];
        open = 1;
        if (b == '"') {
            quoted = !quoted;
            blank = 0;
        } else if (b == '\n' && !quoted) {
            rows += records++ > 0 && !blank;
            blank = 1;
            open = 0;
        } else if (b != ' ' && b != '\t' && b != '\r' && !quoted) {
            blank = 0;
        }
    }
    if (open)
        rows += records > 0 && !blank;
    return rows;
}

/* Records of a JSON file that was read: its objects (a record's values are never
 * objects), counted as the '{' outside strings. */
static inline size_t fuzz_json_rows(const uint8_t *data, size_t size)
{
    size_t rows = 0;
    int in_string = 0;
    for (size_t i = 0; i < size; i++) {
        if (in_string) {
            if (data[i] == '\\')
                i++;
            else if (data[i] == '"')
                in_string = 0;
        } else if (data[i] == '"') {
            in_string = 1;
        } else {
            rows += data[i] == '{';
        }
    }
    return rows;
}

/* Whether line b may follow line a: a CSV row starts on a line after the row before it;
 * JSON objects may share a line. */
static inline int fuzz_lines_follow(size_t a, size_t b, const char *format)
{
    return format[0] == 'j' ? b >= a : b > a;
}

static inline size_t fuzz_rows(const uint8_t *data, size_t size, const char *format)
{
    return format[0] == 'j' ? fuzz_json_rows(data, size) : fuzz_csv_rows(data, size);
}

/* Writes the input to a memfd (made once) and returns its /proc/self/fd/N path: the
 * readers' only entry point opens a file. */
static inline const char *fuzz_as_file(const uint8_t *data, size_t size)
{
    static int memfd = -1;
    static char path[64];
    if (memfd < 0) {
        memfd = memfd_create("btx-fuzz-cli", 0);
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
    return path;
}

#endif /* BTX_FUZZ_CLI_ROWS_H */
