/* SPDX-License-Identifier: Apache-2.0 */
/* The tool's one reader of input files, CSV and JSON, for a patient's history (check,
 * next, headroom) and for a population (audit).
 *
 * A file is a table: a CSV header row naming the columns and one row per line, or a JSON
 * array of flat objects. A schema names the columns the caller reads. The reader checks
 * the bytes (no NUL byte, valid UTF-8, LF or CRLF line ends), the syntax, the columns and
 * the number of fields, and hands every row's texts, with their line numbers, to a
 * callback; it converts no value. The first error stops the read with one message,
 * "FILE:LINE: what is wrong", on standard error: no row is ever skipped.
 *
 * Line numbers: the first byte of the file (after a UTF-8 byte order mark) is on line 1.
 * Each LF ends a line; CRLF is one line end; a last line without a line end is still a
 * line; an LF inside a quoted CSV field ends a line too. A row is reported at the line
 * where it starts, a value at the line where it starts. Blank CSV lines (empty, or only
 * spaces and tabs) hold no row and are not counted as rows, but they are lines.
 *
 * The bytes come in large blocks (reader_source): from a file, standard input or a gzip
 * stream, read ahead by a second thread when asked. A CSV line that is all printable
 * ASCII without a double quote, with exactly the header's number of fields, is split in
 * place in one step; any other line goes byte by byte through the general reader, which
 * has the last word on what is wrong and where.
 */
#ifndef BTXDOSE_TOOL_READER_H
#define BTXDOSE_TOOL_READER_H

#include <stddef.h>

#include "source.h"

/* Longest CSV line, in bytes, without its line end. */
#define READER_MAX_LINE 4096
/* Most bytes of field text in a CSV row, all its lines together. */
#define READER_MAX_ROW 65536
/* Most fields in a CSV row. */
#define READER_MAX_FIELDS 64
/* Bytes of a JSON string or number once decoded, plus one: at most 1023. */
#define READER_MAX_STRING 1024
/* Most columns in a schema. */
#define READER_MAX_COLUMNS 8

typedef enum reader_format {
    READER_FORMAT_NONE = 0,
    READER_FORMAT_CSV = 1,
    READER_FORMAT_JSON = 2
} reader_format;

typedef struct reader_column {
    const char *name;  /* the CSV column and the JSON member, matched ignoring ASCII case
                          in CSV and exactly in JSON */
    int required;      /* 1: the header and every JSON object must have it */
    int json_number;   /* 1: a JSON number; 0: a JSON string */
} reader_column;

typedef struct reader_schema {
    const reader_column *columns;
    size_t count;            /* at most READER_MAX_COLUMNS */
    int other_columns;       /* 1: skip columns and members not named here; 0: refuse */
    const char *header;      /* the usual header, for messages */
} reader_schema;

/* One row. The texts live until the callback returns. */
typedef struct reader_row {
    const char *text[READER_MAX_COLUMNS]; /* per schema column; "" when absent */
    size_t len[READER_MAX_COLUMNS];       /* strlen of each text */
    int present[READER_MAX_COLUMNS];      /* 0 when an optional column is absent */
    size_t line[READER_MAX_COLUMNS];      /* line of each value (the row's when absent) */
    size_t first_line;                    /* line where the row starts */
} reader_row;

/* Called once per row, in file order. Returns 0 to go on, 1 to stop reading here (the
 * read then returns 1), or -1 to stop after printing why ("FILE:LINE: FIELD: ..."). The
 * texts may point into the reader's buffer: they live until the callback returns. */
typedef int (*reader_row_fn)(void *ctx, const char *file, const reader_row *row);

/* The line of the value of the column called name in row, or the row's first line
 * when no column has that name (a library field the file does not hold). */
size_t reader_line_of(const reader_schema *schema, const reader_row *row, const char *name);

/* The file's name in messages: "<stdin>" for "-", else the path. */
const char *reader_name(const char *path);

/* The format: `format` ("csv" or "json") when given; else the extension (.csv, .json,
 * any case, also before a final .gz); else `fallback`. Prints a message and returns
 * READER_FORMAT_NONE when there is none. */
reader_format reader_choose_format(const char *path, const char *format,
                                   reader_format fallback);

/* Reads path ("-": standard input) as format, calling on_row for every row, with the
 * default options (the fast path, no second thread). Returns 0 with *rows the number of
 * rows, or -1 after printing one message. */
int reader_read(const char *path, reader_format format, const reader_schema *schema,
                reader_row_fn on_row, void *ctx, size_t *rows);

/* ---- how a source (source.h) is read ---- */

typedef struct reader_options {
    int fast;   /* 1: a CSV line of plain printable ASCII without quotes is split in place
                   in one step (the tool's default); 0: every byte goes through the
                   general reader. Both give the same rows and the same errors. */
    int thread; /* 1: a second thread reads (and decompresses) ahead */
    size_t block; /* bytes of a block (source.h); 0: the default. The fuzzers make them
                     small, so that lines cross from one block to the next */
} reader_options;

/* Reads src from its current position (the start, or after reader_rewind) as format.
 * Returns 0 with *rows the number of rows, 1 when on_row stopped the read (*rows then
 * counts the rows before that one), or -1 after printing one message. */
int reader_read_source(reader_source *src, reader_format format, const reader_schema *schema,
                       const reader_options *options, reader_row_fn on_row, void *ctx,
                       size_t *rows);

#endif /* BTXDOSE_TOOL_READER_H */
