/* SPDX-License-Identifier: Apache-2.0 */
/* The bytes the reader (reader.h) reads: a file or standard input, gzip-compressed or not,
 * in large blocks, read ahead by a second thread when asked. An input that is not a
 * regular file can be copied as it is read, so that it can be read a second time.
 *
 * gzip: an input whose first two bytes are the gzip magic bytes 1F 8B is decompressed
 * (zlib) as it is read, member after member; whatever follows a member must be another
 * member. A damaged stream, or one cut off by the end of the input, is an error. */
#ifndef BTXDOSE_TOOL_SOURCE_H
#define BTXDOSE_TOOL_SOURCE_H

#include <stddef.h>

typedef struct reader_source reader_source;

/* Opens path ("-": standard input). With copy, an input that is not a regular file (a
 * pipe) is copied as it is read to an unlinked temporary file (in $TMPDIR, else /tmp),
 * so that reader_rewind can read it again. Returns NULL after printing why. */
reader_source *reader_open(const char *path, int copy);

/* The name in messages: "<stdin>" for "-", else the path. */
const char *reader_source_name(const reader_source *src);

/* Whether the input is gzip-compressed: 1, 0, or -1 before the first read. */
int reader_source_gzip(const reader_source *src);

/* No more copying: what was copied holds every byte read so far, and a second read will
 * need no more. */
void reader_stop_copy(reader_source *src);

/* Makes the next read start again at the first byte. Returns 0, or -1 after printing
 * why (an input that is not a regular file and was not copied cannot be read twice). */
int reader_rewind(reader_source *src);

/* Closes the input (and the copy). NULL is allowed. */
void reader_close(reader_source *src);

/* ---- for the reader: the blocks of one read ---- */

enum { SOURCE_MORE = 0, SOURCE_END = 1, SOURCE_ERROR = 2 };

typedef struct source_block {
    unsigned char *data; /* len bytes, writable by the reader until the next block */
    size_t len;          /* > 0 unless status is not SOURCE_MORE */
    int status;          /* after these bytes: more to come, the end, or an error */
    const char *msg;     /* SOURCE_ERROR: what went wrong ("read error: ...") */
} source_block;

typedef struct source_feed source_feed;

/* The smallest block: room for a byte order mark and more. */
#define SOURCE_MIN_BLOCK 16

/* Starts a read of src from its current position; thread: read ahead in a second
 * thread; block: bytes of a block (0: the default, 512 KiB; at least SOURCE_MIN_BLOCK;
 * never more than a small regular file needs). Returns NULL after printing why. */
source_feed *source_start(reader_source *src, int thread, size_t block);

/* The next block. After a block whose status is not SOURCE_MORE, do not ask again. */
const source_block *source_next(source_feed *f);

/* Ends the read (early or not) and frees the feed; the thread, if any, is stopped. */
void source_finish(source_feed *f);

#endif /* BTXDOSE_TOOL_SOURCE_H */
