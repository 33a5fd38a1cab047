/* SPDX-License-Identifier: Apache-2.0 */
/* History files: the columns, the conversion of a row, the growable array. */
#include "history.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fields.h"
#include "reader.h"

enum { COL_DATE, COL_PRODUCT, COL_INDICATION, COL_UNITS, COL_LIMBS, COL_COUNT };

static const reader_column columns[COL_COUNT] = {
    [COL_DATE] = {"date", 1, 0},
    [COL_PRODUCT] = {"product", 1, 0},
    [COL_INDICATION] = {"indication", 1, 0},
    [COL_UNITS] = {"units", 1, 1},
    [COL_LIMBS] = {"limbs", 0, 1},
};

static const reader_schema schema = {columns, COL_COUNT, 0,
                                     "date,product,indication,units[,limbs]"};

void history_free(history *h)
{
    free(h->records);
    free(h->lines);
    h->records = NULL;
    h->lines = NULL;
    h->count = h->capacity = 0;
}

static int history_push(history *h, const btx_administration *rec, size_t line)
{
    if (h->count == h->capacity) {
        size_t cap = h->capacity == 0 ? 16 : h->capacity * 2;
        if (cap > SIZE_MAX / sizeof(btx_administration)) {
            cli_error("%s: too many records", h->name);
            return -1;
        }
        btx_administration *r = realloc(h->records, cap * sizeof *r);
        if (r == NULL) {
            cli_error("%s: out of memory", h->name);
            return -1;
        }
        h->records = r;
        size_t *l = realloc(h->lines, cap * sizeof *l);
        if (l == NULL) {
            cli_error("%s: out of memory", h->name);
            return -1;
        }
        h->lines = l;
        h->capacity = cap;
    }
    h->records[h->count] = *rec;
    h->lines[h->count] = line;
    h->count++;
    return 0;
}

/* Converts the texts of one row, reporting the first bad field in the order date,
 * product, indication, units, limbs. */
static int convert(const char *file, const reader_row *row, btx_administration *rec)
{
    char msg[FIELD_MSG_SIZE];
    int bad = COL_DATE;
    memset(rec, 0, sizeof *rec);
    int rc = field_date(row->text[COL_DATE], &rec->date, msg);
    if (rc == 0 && (rc = field_product(row->text[COL_PRODUCT], &rec->product, msg)) != 0)
        bad = COL_PRODUCT;
    if (rc == 0 && (rc = field_indication(row->text[COL_INDICATION], 1, &rec->indication,
                                          msg)) != 0)
        bad = COL_INDICATION;
    if (rc == 0 && (rc = field_units(row->text[COL_UNITS], &rec->units, msg)) != 0)
        bad = COL_UNITS;
    if (rc == 0 && (rc = field_limbs(row->text[COL_LIMBS], &rec->flags, msg)) != 0)
        bad = COL_LIMBS;
    if (rc != 0) {
        cli_error("%s:%zu: %s: %s", file, row->line[bad], columns[bad].name, msg);
        return -1;
    }
    field_product_for_indication(row->text[COL_PRODUCT], rec->indication, &rec->product);
    return 0;
}

static int on_row(void *ctx, const char *file, const reader_row *row)
{
    history *h = ctx;
    btx_administration rec;
    if (convert(file, row, &rec) != 0)
        return -1;
    int32_t field = BTX_FIELD_NONE;
    int rc = btx_check_record(&rec, &field);
    if (rc != BTX_OK && field == BTX_FIELD_FLAGS) { /* the limbs column made the flags */
        char msg[FIELD_MSG_SIZE];
        field_limbs_refused(&rec, "record", rc, msg);
        cli_error("%s:%zu: %s: %s", file, row->line[COL_LIMBS], columns[COL_LIMBS].name, msg);
        return -1;
    }
    if (rc != BTX_OK) {
        const char *name = btx_field_name(field);
        cli_error("%s:%zu: %s: refused by libbtxdose: %s", file,
                  reader_line_of(&schema, row, name), name, btx_strerror(rc));
        return -1;
    }
    return history_push(h, &rec, row->first_line);
}

int history_load(const char *path, const char *format, history *out)
{
    memset(out, 0, sizeof *out);
    out->name = reader_name(path);
    reader_format fmt = reader_choose_format(path, format, READER_FORMAT_NONE);
    size_t rows = 0;
    if (fmt == READER_FORMAT_NONE ||
        reader_read(path, fmt, &schema, on_row, out, &rows) != 0) {
        history_free(out);
        return -1;
    }
    return 0;
}
