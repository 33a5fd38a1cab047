/* SPDX-License-Identifier: Apache-2.0 */
/* A patient's administration history, read from a CSV or JSON file (reader.h) into a
 * growable array. Every record is converted with the library's lookups and then put to
 * the library (btx_check_record); the first bad one stops the load with
 * "FILE:LINE: FIELD: ..." on standard error. Nothing is ever skipped. */
#ifndef BTXDOSE_TOOL_HISTORY_H
#define BTXDOSE_TOOL_HISTORY_H

#include <stddef.h>

#include <btxdose/btxdose.h>

typedef struct history {
    btx_administration *records; /* count records, owned */
    size_t *lines;               /* the line where each record starts, owned */
    size_t count;
    size_t capacity;
    const char *name;            /* the path as given, or "<stdin>"; borrowed */
} history;

/* Reads a history. format: "csv", "json", or NULL to choose by the file name's
 * extension (.csv or .json, any case). path "-" reads standard input and needs a
 * format. Returns 0, or -1 after printing the reason on stderr; on -1 nothing is left
 * allocated and the history is empty. On success the caller calls history_free. */
int history_load(const char *path, const char *format, history *out);

void history_free(history *h);

#endif /* BTXDOSE_TOOL_HISTORY_H */
