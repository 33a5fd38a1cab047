/* SPDX-License-Identifier: Apache-2.0 */
/* Population files for the audit: the columns, the conversion of a row, the order. */
#include "population.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fields.h"
#include "reader.h"

enum { COL_PATIENT, COL_DATE, COL_PRODUCT, COL_INDICATION, COL_UNITS, COL_WEIGHT, COL_BIRTH,
       COL_COUNT };

static const reader_column columns[COL_COUNT] = {
    [COL_PATIENT] = {"patient", 1, 0},
    [COL_DATE] = {"date", 1, 0},
    [COL_PRODUCT] = {"product", 1, 0},
    [COL_INDICATION] = {"indication", 1, 0},
    [COL_UNITS] = {"units", 1, 1},
    [COL_WEIGHT] = {"weight_kg", 0, 1},
    [COL_BIRTH] = {"birth_date", 0, 0},
};

/* Other columns (a comment, an MRN kept for the reader) are allowed and not read. */
static const reader_schema schema = {columns, COL_COUNT, 1,
                                     "patient,date,product,indication,units"
                                     "[,weight_kg][,birth_date]"};

void population_free(population *p)
{
    free(p->entries);
    free(p->names);
    memset(p, 0, sizeof *p);
}

static int grow(void **buf, size_t *cap, size_t need, size_t size, const char *name)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap == 0 ? 1024 : *cap;
    while (n < need && n <= SIZE_MAX / 2 / size)
        n *= 2;
    void *more = n >= need ? realloc(*buf, n * size) : NULL;
    if (more == NULL) {
        cli_error("%s: out of memory", name);
        return -1;
    }
    *buf = more;
    *cap = n;
    return 0;
}

static int push(population *p, const char *patient, size_t line, const btx_audit_row *row)
{
    size_t len = strlen(patient) + 1;
    if (grow((void **)&p->entries, &p->capacity, p->count + 1, sizeof *p->entries,
             p->name) != 0 ||
        grow((void **)&p->names, &p->names_cap, p->names_len + len, 1, p->name) != 0)
        return -1;
    memcpy(p->names + p->names_len, patient, len);
    pop_entry *e = &p->entries[p->count++];
    e->patient = NULL;
    e->patient_at = p->names_len;
    e->line = line;
    e->row = *row;
    p->names_len += len;
    return 0;
}

/* The administration's four fields, as in a history. */
static int convert_admin(const reader_row *row, btx_administration *a, char *msg)
{
    if (field_date(row->text[COL_DATE], &a->date, msg) != 0)
        return COL_DATE;
    if (field_product(row->text[COL_PRODUCT], &a->product, msg) != 0)
        return COL_PRODUCT;
    if (field_indication(row->text[COL_INDICATION], 1, &a->indication, msg) != 0)
        return COL_INDICATION;
    if (field_units(row->text[COL_UNITS], &a->units, msg) != 0)
        return COL_UNITS;
    return -1;
}

/* Converts a row; returns the first bad column, in the file's column order of the
 * schema, or -1. */
static int convert(const reader_row *row, btx_audit_row *out, char msg[FIELD_MSG_SIZE])
{
    memset(out, 0, sizeof *out);
    if (row->text[COL_PATIENT][0] == '\0') {
        strcpy(msg, "missing (a patient key is required)");
        return COL_PATIENT;
    }
    int bad = convert_admin(row, &out->admin, msg);
    if (bad >= 0)
        return bad;
    if (field_weight(row->text[COL_WEIGHT], &out->weight_kg, msg) != 0)
        return COL_WEIGHT;
    if (field_optional_date(row->text[COL_BIRTH], &out->birth_date, msg) != 0)
        return COL_BIRTH;
    return -1;
}

static int on_row(void *ctx, const char *file, const reader_row *row)
{
    population *p = ctx;
    char msg[FIELD_MSG_SIZE];
    btx_audit_row r;
    int bad = convert(row, &r, msg);
    if (bad >= 0) {
        cli_error("%s:%zu: %s: %s", file, row->line[bad], columns[bad].name, msg);
        return -1;
    }
    int32_t field = BTX_FIELD_NONE;
    int rc = btx_check_audit_row(&r, &field);
    if (rc != BTX_OK) {
        const char *name = btx_field_name(field);
        cli_error("%s:%zu: %s: refused by libbtxdose: %s", file,
                  reader_line_of(&schema, row, name), name, btx_strerror(rc));
        return -1;
    }
    return push(p, row->text[COL_PATIENT], row->first_line, &r);
}

int population_load(const char *path, const char *format, population *out)
{
    memset(out, 0, sizeof *out);
    out->name = reader_name(path);
    reader_format fmt = reader_choose_format(path, format, READER_FORMAT_CSV);
    size_t rows = 0;
    if (reader_read(path, fmt, &schema, on_row, out, &rows) != 0) {
        population_free(out);
        return -1;
    }
    for (size_t i = 0; i < out->count; i++)
        out->entries[i].patient = out->names + out->entries[i].patient_at;
    return 0;
}

static int by_patient_date(const void *x, const void *y)
{
    const pop_entry *a = x, *b = y;
    int c = strcmp(a->patient, b->patient);
    if (c != 0)
        return c;
    if (a->row.admin.date != b->row.admin.date)
        return a->row.admin.date < b->row.admin.date ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line; /* lines are unique: stable */
}

void population_sort(population *p)
{
    if (p->count > 0)
        qsort(p->entries, p->count, sizeof *p->entries, by_patient_date);
    uint64_t key = 0;
    for (size_t i = 0; i < p->count; i++) {
        if (i == 0 || strcmp(p->entries[i].patient, p->entries[i - 1].patient) != 0)
            key++;
        p->entries[i].row.patient = key;
    }
    p->patients = (size_t)key;
}
