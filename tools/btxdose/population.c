/* SPDX-License-Identifier: Apache-2.0 */
/* Population files for the audit: the columns and the conversion of a row (see
 * population.h). */
#include "population.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fields.h"

enum { COL_PATIENT, COL_DATE, COL_PRODUCT, COL_INDICATION, COL_UNITS, COL_WEIGHT, COL_BIRTH,
       COL_LIMBS, COL_COUNT };

static const reader_column columns[COL_COUNT] = {
    [COL_PATIENT] = {"patient", 1, 0},
    [COL_DATE] = {"date", 1, 0},
    [COL_PRODUCT] = {"product", 1, 0},
    [COL_INDICATION] = {"indication", 1, 0},
    [COL_UNITS] = {"units", 1, 1},
    [COL_WEIGHT] = {"weight_kg", 0, 1},
    [COL_BIRTH] = {"birth_date", 0, 0},
    [COL_LIMBS] = {"limbs", 0, 1},
};
_Static_assert(COL_COUNT <= READER_MAX_COLUMNS, "too many columns for the reader");

/* Other columns (a comment, an MRN kept for the reader) are allowed and not read. */
static const reader_schema schema = {columns, COL_COUNT, 1,
                                     "patient,date,product,indication,units"
                                     "[,weight_kg][,birth_date][,limbs]"};

/* ---- the general converters ---- */

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
    field_product_for_indication(row->text[COL_PRODUCT], a->indication, &a->product);
    return -1;
}

/* Converts a row; returns the first bad column, in the schema's order, or -1. */
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
    if (field_limbs(row->text[COL_LIMBS], &out->admin.flags, msg) != 0)
        return COL_LIMBS;
    return -1;
}

/* ---- the fast converters: the same values, each distinct spelling looked up once ----
 *
 * Each returns 1 with the value when it can tell the text is good, else 0 and the
 * general converter decides (and words the error). They accept only what the general
 * converter accepts, with the same value: a name is looked up by the library once per
 * spelling; a date's month is built by btx_date_parse once and its days counted from
 * the 1st; a decimal number of at most 15 digits is m / 10^k, one correctly rounded
 * division of two exact doubles, which is what strtod returns for the same text. */

#define NAME_LEN 64    /* longest cached spelling, plus one */
#define NAME_SLOTS 256 /* per table; filled at most half */

typedef struct name_slot {
    uint32_t len; /* 0: empty */
    int32_t value;
    int32_t substance; /* products: the substance a nonproprietary name names, else 0 */
    uint64_t a, b; /* the text's first and last 8 bytes (name_slot_of) */
    char text[NAME_LEN];
} name_slot;

typedef struct name_cache {
    size_t used;
    name_slot slot[NAME_SLOTS];
} name_cache;

#define YEARS (2199 - 1900 + 1)

typedef struct converter {
    name_cache products, indications;
    struct {
        btx_date first; /* the 1st of the month */
        int32_t days;   /* days in it; 0: not known yet, -1: the library refuses it */
    } month[YEARS * 12];
} converter;

static int is_digit(char c)
{
    return (unsigned)(c - '0') <= 9u;
}

/* The slot of text (len bytes) in c: the one holding it, or the empty one where it would
 * go; NULL when text is too long to cache. A text of at most 16 bytes is compared as its
 * first and last 8 bytes (which then cover it), a longer one byte by byte. */
static name_slot *name_slot_of(name_cache *c, const char *text, size_t len, uint64_t *a_out,
                               uint64_t *b_out)
{
    if (len >= NAME_LEN)
        return NULL;
    uint64_t a = 0, b = 0;
    if (len >= 8) {
        memcpy(&a, text, 8);
        memcpy(&b, text + len - 8, 8);
    } else {
        for (size_t i = 0; i < len; i++)
            a |= (uint64_t)(unsigned char)text[i] << (8 * i);
    }
    *a_out = a;
    *b_out = b;
    uint64_t h = (a * UINT64_C(0x9E3779B97F4A7C15)) ^ (b * UINT64_C(0xC2B2AE3D27D4EB4F)) ^ len;
    h ^= h >> 31;
    for (size_t i = (size_t)((h * UINT64_C(0x9E3779B97F4A7C15)) >> 56) % NAME_SLOTS;;
         i = (i + 1) % NAME_SLOTS) {
        name_slot *s = &c->slot[i];
        if (s->len == 0 ||
            (s->len == len && s->a == a && s->b == b &&
             (len <= 16 || memcmp(s->text, text, len) == 0)))
            return s;
    }
}

/* The value of a name, looked up once per spelling; *substance (when not NULL): the
 * substance the text names as a nonproprietary name (btx_substance_lookup), or 0.
 * Returns 0 when the lookup fails. */
static int cached_name(name_cache *c, const char *text, size_t len, int32_t *out,
                       int32_t *substance, int (*lookup)(const char *, int32_t *))
{
    uint64_t a = 0, b = 0;
    name_slot *s = name_slot_of(c, text, len, &a, &b);
    if (s != NULL && s->len != 0) {
        *out = s->value;
        if (substance != NULL)
            *substance = s->substance;
        return 1;
    }
    if (lookup(text, out) != BTX_OK)
        return 0;
    int32_t sub = 0;
    if (substance != NULL && btx_substance_lookup(text, &sub) != BTX_OK)
        sub = 0;
    if (substance != NULL)
        *substance = sub;
    if (s != NULL && c->used < NAME_SLOTS / 2) {
        memcpy(s->text, text, len);
        s->len = (uint32_t)len;
        s->a = a;
        s->b = b;
        s->value = *out;
        s->substance = sub;
        c->used++;
    }
    return 1;
}

/* The month's entry, from the library: its 1st, and its last day as the day from which
 * btx_date_parse's dates run on one by one from the 1st. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void month_init(converter *cv, size_t k, int y, int m)
{
    char text[16];
    btx_date first = 0, any = 0;
    cv->month[k].days = -1;
    snprintf(text, sizeof text, "%04d-%02d-01", y, m);
    if (btx_date_parse(text, &first) == BTX_OK) {
        for (int dd = 31; dd >= 28; dd--) {
            snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, dd);
            if (btx_date_parse(text, &any) == BTX_OK && any == first + dd - 1) {
                cv->month[k].days = dd;
                break;
            }
        }
    }
    cv->month[k].first = first;
}

static int fast_date(converter *cv, const char *t, size_t len, btx_date *out)
{
    if (len != 10)
        return 0;
    /* "YYYY-MM-" as one word: each byte minus its pattern byte ('0' or '-') must be 0..9
     * for a digit, 0 for a '-' (a byte below its pattern wraps to 0xF7 or more). */
    uint64_t w;
    memcpy(&w, t, 8);
    const uint64_t pattern = UINT64_C(0x2d30302d30303030); /* "0000-00-", little end first */
    uint64_t y8 = w - pattern;
    if ((((y8 + UINT64_C(0x7676767676767676)) | y8) & UINT64_C(0x8080808080808080)) != 0 ||
        (y8 & UINT64_C(0xff0000ff00000000)) != 0 || !is_digit(t[8]) || !is_digit(t[9]))
        return 0;
    int y = (int)(y8 & 0xff) * 1000 + (int)(y8 >> 8 & 0xff) * 100 + (int)(y8 >> 16 & 0xff) * 10 +
            (int)(y8 >> 24 & 0xff);
    int m = (int)(y8 >> 40 & 0xff) * 10 + (int)(y8 >> 48 & 0xff);
    int d = (t[8] - '0') * 10 + (t[9] - '0');
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
        return 0;
    size_t k = (size_t)(y - 1900) * 12 + (size_t)(m - 1);
    if (cv->month[k].days == 0)
        month_init(cv, k, y, m);
    if (d > cv->month[k].days)
        return 0;
    *out = cv->month[k].first + d - 1;
    return 1;
}

static int fast_decimal(const char *t, double *out)
{
    static const double pow10[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    uint64_t m = 0;
    int digits = 0, frac = 0;
    for (; is_digit(*t); t++, digits++)
        m = m * 10 + (uint64_t)(*t - '0');
    if (*t == '.') {
        for (t++; is_digit(*t); t++, digits++, frac++)
            m = m * 10 + (uint64_t)(*t - '0');
    }
    if (*t != '\0' || digits == 0 || digits > 15)
        return 0;
    *out = (double)m / pow10[frac];
    return 1;
}

static int convert_fast(converter *cv, const reader_row *row, btx_audit_row *out,
                        char msg[FIELD_MSG_SIZE])
{
    memset(out, 0, sizeof *out);
    const char *const *t = row->text;
    if (t[COL_PATIENT][0] == '\0')
        return convert(row, out, msg);
    btx_administration *a = &out->admin;
    if (!fast_date(cv, t[COL_DATE], row->len[COL_DATE], &a->date) &&
        field_date(t[COL_DATE], &a->date, msg) != 0)
        return COL_DATE;
    int32_t substance = -1; /* -1: not from the cache */
    if (!cached_name(&cv->products, t[COL_PRODUCT], row->len[COL_PRODUCT], &a->product,
                     &substance, btx_product_lookup)) {
        substance = -1;
        if (field_product(t[COL_PRODUCT], &a->product, msg) != 0)
            return COL_PRODUCT;
    }
    if (t[COL_INDICATION][0] == '\0')
        a->indication = 0;
    else if (!cached_name(&cv->indications, t[COL_INDICATION], row->len[COL_INDICATION],
                          &a->indication, NULL, btx_indication_lookup) &&
             field_indication(t[COL_INDICATION], 1, &a->indication, msg) != 0)
        return COL_INDICATION;
    if (!(fast_decimal(t[COL_UNITS], &a->units) && a->units <= BTX_UNITS_MAX) &&
        field_units(t[COL_UNITS], &a->units, msg) != 0)
        return COL_UNITS;
    /* As field_product_for_indication: a nonproprietary name becomes the product
     * labelled for the indication. */
    int32_t labelled = 0;
    if (substance < 0)
        field_product_for_indication(t[COL_PRODUCT], a->indication, &a->product);
    else if (substance > 0 &&
             btx_product_for_indication(substance, a->indication, &labelled) == BTX_OK)
        a->product = labelled;
    if (t[COL_WEIGHT][0] == '\0')
        out->weight_kg = 0.0;
    else if (!fast_decimal(t[COL_WEIGHT], &out->weight_kg) &&
             field_weight(t[COL_WEIGHT], &out->weight_kg, msg) != 0)
        return COL_WEIGHT;
    if (t[COL_BIRTH][0] == '\0')
        out->birth_date = BTX_DATE_UNKNOWN;
    else if (!fast_date(cv, t[COL_BIRTH], row->len[COL_BIRTH], &out->birth_date) &&
             field_date(t[COL_BIRTH], &out->birth_date, msg) != 0)
        return COL_BIRTH;
    /* Absent or empty: flags 0 (memset above), one test. */
    if (t[COL_LIMBS][0] != '\0' && field_limbs(t[COL_LIMBS], &a->flags, msg) != 0)
        return COL_LIMBS;
    return -1;
}

/* ---- the read ---- */

typedef struct read_ctx {
    converter *cv; /* NULL: the general converters only */
    const pop_options *options;
    pop_row_fn fn;
    void *ctx;
} read_ctx;

/* The library refused a row (rc, field): "FILE:LINE: FIELD: refused by libbtxdose: ...",
 * or, for the flags the limbs column made, "FILE:LINE: limbs: 2 on a ... record: ...". */
static int refused(const char *file, size_t line, const btx_audit_row *row, int rc,
                   int32_t field)
{
    if (field == BTX_FIELD_FLAGS) {
        char msg[FIELD_MSG_SIZE];
        field_limbs_refused(&row->admin, "record", rc, msg);
        cli_error("%s:%zu: %s: %s", file, line, columns[COL_LIMBS].name, msg);
        return -1;
    }
    cli_error("%s:%zu: %s: refused by libbtxdose: %s", file, line, btx_field_name(field),
              btx_strerror(rc));
    return -1;
}

int population_check_row(const char *file, const btx_audit_row *row, size_t line)
{
    int32_t field = BTX_FIELD_NONE;
    int rc = btx_check_audit_row(row, &field);
    return rc == BTX_OK ? 0 : refused(file, line, row, rc, field);
}

static int on_row(void *ctx, const char *file, const reader_row *row)
{
    read_ctx *r = ctx;
    char msg[FIELD_MSG_SIZE];
    pop_row p;
    int bad = r->cv != NULL ? convert_fast(r->cv, row, &p.row, msg) : convert(row, &p.row, msg);
    if (bad >= 0) {
        cli_error("%s:%zu: %s: %s", file, row->line[bad], columns[bad].name, msg);
        return -1;
    }
    int one_line = 1;
    for (size_t k = 0; k < COL_COUNT; k++)
        one_line &= row->line[k] == row->first_line;
    p.checked = !(one_line && r->options->defer_check);
    if (p.checked) {
        int32_t field = BTX_FIELD_NONE;
        int rc = btx_check_audit_row(&p.row, &field);
        if (rc != BTX_OK)
            return refused(file,
                           field == BTX_FIELD_FLAGS
                               ? row->line[COL_LIMBS]
                               : reader_line_of(&schema, row, btx_field_name(field)),
                           &p.row, rc, field);
    }
    p.patient = row->text[COL_PATIENT];
    p.patient_len = row->len[COL_PATIENT];
    p.line = row->first_line;
    p.patient_line = row->line[COL_PATIENT];
    p.date_line = row->line[COL_DATE];
    return r->fn(r->ctx, file, &p);
}

int population_read(reader_source *src, reader_format format, const pop_options *options,
                    pop_row_fn fn, void *ctx, size_t *rows)
{
    read_ctx r = {NULL, options, fn, ctx};
    *rows = 0;
    if (options->fast && (r.cv = calloc(1, sizeof *r.cv)) == NULL) {
        cli_error("%s: out of memory", reader_source_name(src));
        return -1;
    }
    reader_options ro = {options->fast, options->thread, options->block};
    int rc = reader_read_source(src, format, &schema, &ro, on_row, &r, rows);
    free(r.cv);
    return rc;
}
