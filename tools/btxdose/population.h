/* SPDX-License-Identifier: Apache-2.0 */
/* A population for the audit: every administration of every patient, read from a CSV or
 * JSON file by the same reader as a history (reader.h), each row converted and put to the
 * library (btx_check_audit_row) as it is read, and handed on in file order. The first bad
 * row stops the read with "FILE:LINE: FIELD: ..." on standard error. Nothing is ever
 * skipped. */
#ifndef BTXDOSE_TOOL_POPULATION_H
#define BTXDOSE_TOOL_POPULATION_H

#include <stddef.h>

#include <btxdose/btxdose.h>

#include "reader.h"

/* One row, converted and accepted by the library. */
typedef struct pop_row {
    btx_audit_row row;        /* patient 0: the caller numbers the patients */
    const char *patient;      /* the patient's text, NUL-terminated, not empty; valid
                                 until the callback returns */
    size_t patient_len;
    size_t line;              /* the line where the row starts */
    size_t patient_line;      /* the lines of the patient's and the date's values */
    size_t date_line;
    int checked;              /* 0: not put to btx_check_audit_row yet (defer_check);
                                 then every value of the row is on its first line */
} pop_row;

/* Called once per row, in file order: 0 go on, 1 stop the read here, -1 stop after
 * printing why. */
typedef int (*pop_row_fn)(void *ctx, const char *file, const pop_row *row);

typedef struct pop_options {
    int fast;   /* 1: the reader's fast path, and every distinct spelling of a date's
                   month, a product or an indication converted once (the tool); 0: every
                   field through the general converters of fields.h. The same rows and
                   the same errors either way. */
    int thread; /* 1: the input is read ahead in a second thread */
    size_t block; /* reader_options.block: 0, the default */
    int defer_check; /* 1: a row whose values are all on one line is handed on without
                        btx_check_audit_row (checked = 0): the caller checks it, as
                        population_check_row does, before it reports an error of a later
                        row. Read at every row: the caller may change it during a read. */
} pop_options;

/* Reads a population from src as format. Returns 0 with *rows the number of rows, 1
 * when fn stopped the read, or -1 after printing one message. */
int population_read(reader_source *src, reader_format format, const pop_options *options,
                    pop_row_fn fn, void *ctx, size_t *rows);

/* Puts a converted row to the library (btx_check_audit_row), as population_read does
 * when it does not defer the check. Returns 0, or -1 after "FILE:LINE: FIELD: refused by
 * libbtxdose: ...", line the row's line (a row whose check was deferred has every value
 * on it). */
int population_check_row(const char *file, const btx_audit_row *row, size_t line);

#endif /* BTXDOSE_TOOL_POPULATION_H */
