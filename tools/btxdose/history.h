/* Administration histories read from CSV or JSON files into a growable array.
 *
 * The library never allocates; the tool does, here. Every record is converted with the
 * library's own lookups (btx_date_parse, btx_product_lookup, btx_indication_lookup),
 * and any bad byte, field or row stops the load with a message "FILE:LINE: FIELD: ..."
 * on stderr: nothing is ever skipped. */
#ifndef BTXDOSE_CLI_HISTORY_H
#define BTXDOSE_CLI_HISTORY_H

#include <stddef.h>

#include <btxdose/btxdose.h>

/* Longest CSV line accepted, in bytes, without its line ending. */
#define HISTORY_MAX_LINE 4096
/* Largest JSON file accepted, in bytes. */
#define HISTORY_MAX_JSON_BYTES (16u * 1024u * 1024u)

typedef enum history_format {
    HISTORY_FORMAT_CSV = 1,
    HISTORY_FORMAT_JSON = 2
} history_format;

typedef struct history {
    btx_administration *records; /* count records, owned */
    size_t *lines;               /* the source line of each record, owned */
    size_t count;
    size_t capacity;
    const char *name;            /* the path as given, or "<stdin>"; borrowed */
} history;

/* Reads a history. format: "csv", "json", or NULL to choose by the file name's
 * extension (.csv or .json, any case). path "-" reads standard input and needs a
 * format. Returns 0, or -1 after printing the reason on stderr. On success the caller
 * calls history_free. */
int history_load(const char *path, const char *format, history *out);

void history_free(history *h);

#endif /* BTXDOSE_CLI_HISTORY_H */
