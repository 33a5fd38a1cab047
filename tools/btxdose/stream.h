/* SPDX-License-Identifier: Apache-2.0 */
/* The audit of a population file in chunks (docs/cli.md, "btxdose audit").
 *
 * Rows sorted by patient (the patient's text, bytewise) and, within a patient, by date
 * are audited as they are read: a chunk of rows ends at a patient boundary once it holds
 * enough rows, each patient of a chunk gets a key (1, 2, ... in the chunk), btx_audit
 * checks the chunk (it keeps nothing from one patient to the next) and the caller's
 * sink gets the rows and their results. Memory stays bounded whatever the file's size
 * (the largest patient's rows aside).
 *
 * The first row out of that order (a patient's text smaller than the one before, or a
 * date earlier than the patient's row before) is an error with --sorted. Without it, the
 * sink is told to forget what it got, the rest of the file is read into memory (about
 * 32 bytes a row and the patients' texts), then the rows before that one again (the
 * file a second time, or the copy of standard input kept for that), and everything is
 * sorted by patient, date and line and audited in chunks in that order. Either way the
 * sink sees the rows in the same order, so the answers are the same. */
#ifndef BTXDOSE_TOOL_STREAM_H
#define BTXDOSE_TOOL_STREAM_H

#include <stddef.h>

#include <btxdose/btxdose.h>

/* Rows audited together: every row of each of its patients. */
typedef struct audit_chunk {
    size_t n;
    const btx_audit_row *rows;        /* sorted by patient key (1..npatients) and date */
    const btx_audit_result *results;  /* btx_audit's answer for each row */
    const size_t *lines;              /* the line where each row starts */
    const char *const *patients;      /* patients[key - 1]: the patient's text */
    size_t npatients;
} audit_chunk;

/* Where the chunks go, in order. */
typedef struct audit_sink {
    int (*chunk)(void *ctx, const audit_chunk *c); /* 0, or -1 after a message */
    int (*restart)(void *ctx); /* forget every chunk so far: the input was not sorted and
                                  every row comes again; 0, or -1 after a message */
    void *ctx;
} audit_sink;

typedef struct stream_options {
    const char *path;          /* "-": standard input */
    const char *format;        /* "csv", "json" or NULL: from the name, else CSV */
    const btx_policy *policy;  /* NULL: the label's rules */
    int sorted;                /* 1: input out of order is an error (--sorted) */
    int fast;                  /* pop_options */
    int thread;
    size_t chunk_rows;         /* a chunk ends at the first patient boundary after this
                                  many rows; 0: the default (16384) */
    size_t block;              /* reader_options.block; 0: the default */
} stream_options;

typedef struct stream_result {
    size_t rows;          /* data rows of the file */
    size_t patients;      /* distinct patients */
    int in_memory;        /* the input was not sorted: it was sorted in memory */
    size_t unsorted_line; /* ... the line of the first row out of order */
    int gzip;             /* the input was gzip-compressed */
} stream_result;

/* Reads and audits a population. Returns 0, or -1 after printing one message. */
int stream_audit(const stream_options *o, const audit_sink *sink, stream_result *out);

#endif /* BTXDOSE_TOOL_STREAM_H */
