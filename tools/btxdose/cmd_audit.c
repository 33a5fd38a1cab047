/* btxdose audit --input FILE [--json] [--limit N] [--window-days N | --window-weeks N |
 *                --window-months N] [--min-spacing-days N]
 *
 * Reads a population as CSV: a header naming the columns patient, date, product,
 * indication, units and optionally weight_kg and birth_date (any order, other columns
 * ignored); one row per administration, in any order. The patient column is any text (a
 * record number, an MRN). The tool sorts a copy by patient and date, gives each patient a
 * key in that order, runs btx_audit once and prints the flagged rows (with their line in
 * the file) and a summary; --json prints the same for programs.
 *
 * Exit status: 0 nothing flagged, 1 at least one row flagged, 2 bad input or usage. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "opt.h"
#include "cmd_audit.h"

#define EXIT_FLAGGED 1
#define EXIT_BAD 2

static const char audit_usage[] =
    "usage: btxdose audit --input FILE [--json] [--limit N]\n"
    "                     [--window-days N | --window-weeks N | --window-months N]\n"
    "                     [--min-spacing-days N]\n"
    "\n"
    "FILE is CSV ('-' reads standard input) with a header naming the columns\n"
    "patient,date,product,indication,units and optionally weight_kg,birth_date,\n"
    "in any order; rows in any order. Prints the flagged rows (at most N with --limit)\n"
    "and a summary. Exit status: 0 nothing flagged, 1 a row is flagged, 2 bad input.\n";

enum { COL_PATIENT, COL_DATE, COL_PRODUCT, COL_INDICATION, COL_UNITS, COL_WEIGHT, COL_BIRTH,
       NCOLS };
static const char *const col_names[NCOLS] = {"patient", "date", "product", "indication",
                                             "units", "weight_kg", "birth_date"};

static const char *const flag_names[6] = {"over_window", "too_soon", "schedule",
                                          "over_session", "not_labelled", "not_checked"};

typedef struct entry {
    const char *patient;  /* points into the file buffer */
    size_t line;          /* 1-based line in the file */
    btx_audit_row row;
} entry;

typedef struct population {
    char *text;           /* the file, NUL-terminated, fields cut in place */
    entry *entries;
    size_t n, cap;
} population;

static char *read_all(const char *path, size_t *size)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error("cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (len + 1 < cap)
            break;
        char *more = realloc(buf, cap * 2);
        if (!more) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = more;
        cap *= 2;
    }
    int err = ferror(f);
    if (f != stdin)
        fclose(f);
    if (!buf || err) {
        cli_error("cannot read %s", path);
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    *size = len;
    return buf;
}

/* Splits one CSV line in place (double quotes with "" escapes). Returns the number of
 * fields, or -1 for an unterminated quote; *next is the start of the next line. */
static int split_line(char *s, char **fields, int max, char **next)
{
    int k = 0;
    char *out = s;
    for (;;) {
        char *start = out;
        if (*s == '"') {
            s++;
            for (;;) {
                if (*s == '\0')
                    return -1;
                if (*s == '"') {
                    if (s[1] == '"') {
                        *out++ = '"';
                        s += 2;
                        continue;
                    }
                    s++;
                    break;
                }
                *out++ = *s++;
            }
        }
        while (*s != ',' && *s != '\n' && *s != '\r' && *s != '\0')
            *out++ = *s++;
        const char end = *s;
        *out = '\0';
        if (k < max)
            fields[k] = args_trim(start);
        k++;
        if (end == ',') {
            s++;
            out = s;
            continue;
        }
        /* *s may have been overwritten by the terminator: decide on `end`. */
        if (end == '\r') {
            s++;
            if (*s == '\n')
                s++;
        } else if (end == '\n') {
            s++;
        }
        *next = s;
        return k;
    }
}

static int blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return 0;
    return 1;
}

static int parse_population(population *p)
{
    char *s = p->text;
    char *fields[32];
    int col[NCOLS];
    size_t line = 1;
    /* Header. */
    char *next = s;
    int nf = split_line(s, fields, 32, &next);
    if (nf < 0 || nf > 32) {
        cli_error("line 1: a header of at most 32 CSV columns is required");
        return -1;
    }
    for (int c = 0; c < NCOLS; c++) {
        col[c] = -1;
        for (int k = 0; k < nf; k++)
            if (strcmp(fields[k], col_names[c]) == 0)
                col[c] = k;
        if (col[c] < 0 && c < COL_WEIGHT) {
            cli_error("line 1: the header has no '%s' column (needed: patient, date, product, "
                      "indication, units)",
                      col_names[c]);
            return -1;
        }
    }
    for (s = next; *s != '\0'; s = next) {
        line++;
        nf = split_line(s, fields, 32, &next);
        if (nf < 0) {
            cli_error("line %zu: unterminated quoted field", line);
            return -1;
        }
        if (nf == 1 && blank(fields[0]))
            continue;
        if (nf > 32) {
            cli_error("line %zu: more than 32 columns", line);
            return -1;
        }
        if (p->n == p->cap) {
            size_t cap = p->cap ? p->cap * 2 : 1024;
            entry *more = realloc(p->entries, cap * sizeof *more);
            if (!more) {
                cli_error("out of memory");
                return -1;
            }
            p->entries = more;
            p->cap = cap;
        }
        entry *e = &p->entries[p->n];
        memset(e, 0, sizeof *e);
        e->line = line;
        e->row.birth_date = BTX_DATE_UNKNOWN;
        char msg[CLI_MSG_SIZE];
        const char *what = NULL;
        const char *f[NCOLS];
        for (int c = 0; c < NCOLS; c++)
            f[c] = col[c] >= 0 && col[c] < nf ? fields[col[c]] : "";
        e->patient = f[COL_PATIENT];
        if (*e->patient == '\0') {
            cli_error("line %zu: patient: missing", line);
            return -1;
        }
        if (field_date(f[COL_DATE], &e->row.admin.date, msg) != 0)
            what = "date";
        else if (field_product(f[COL_PRODUCT], &e->row.admin.product, msg) != 0)
            what = "product";
        else if (field_indication(f[COL_INDICATION], 1, &e->row.admin.indication, msg) != 0)
            what = "indication";
        else if (field_units(f[COL_UNITS], &e->row.admin.units, msg) != 0)
            what = "units";
        else if (*f[COL_WEIGHT] != '\0' &&
                 (args_parse_number(f[COL_WEIGHT], &e->row.weight_kg) != 0 ||
                  !(e->row.weight_kg >= 0.0 && e->row.weight_kg <= 1000.0))) {
            char ex[64];
            snprintf(msg, sizeof msg, "'%s' is not a weight in kg (0 to 1000)",
                     args_excerpt(f[COL_WEIGHT], ex));
            what = "weight_kg";
        } else if (*f[COL_BIRTH] != '\0' && field_date(f[COL_BIRTH], &e->row.birth_date, msg) != 0)
            what = "birth_date";
        if (what) {
            cli_error("line %zu: %s: %s", line, what, msg);
            return -1;
        }
        p->n++;
    }
    return 0;
}

static int by_patient_date(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    int c = strcmp(a->patient, b->patient);
    if (c != 0)
        return c;
    if (a->row.admin.date != b->row.admin.date)
        return a->row.admin.date < b->row.admin.date ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line; /* stable */
}

static void json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

/* The flag names joined with commas, padded to the column. */
static void print_flags_text(int32_t flags)
{
    char buf[128];
    size_t len = 0;
    buf[0] = '\0';
    for (int b = 0; b < 6; b++)
        if (flags & (1 << b))
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len ? "," : "",
                                    flag_names[b]);
    printf("%-24s", buf);
}

static int policy_option(const char *name, const char *value, btx_policy *pol, int *windows)
{
    int32_t v = 0;
    static const struct {
        const char *name;
        int32_t unit;
    } windows_opts[] = {{"--window-days", BTX_DAYS}, {"--window-weeks", BTX_WEEKS},
                        {"--window-months", BTX_MONTHS}};
    for (size_t i = 0; i < 3; i++) {
        if (strcmp(name, windows_opts[i].name) == 0) {
            if (args_parse_count(value, 100000, &v) != 0 || v < 1) {
                cli_error("%s: '%s' is not a whole number from 1 to 100000", name, value);
                return -1;
            }
            pol->window_length = v;
            pol->window_unit = windows_opts[i].unit;
            (*windows)++;
            return 1;
        }
    }
    if (strcmp(name, "--min-spacing-days") == 0) {
        if (args_parse_count(value, 100000, &v) != 0) {
            cli_error("%s: '%s' is not a whole number from 0 to 100000", name, value);
            return -1;
        }
        pol->min_spacing_days = v;
        return 1;
    }
    return 0;
}

int btx_cli_audit(int argc, char **argv)
{
    const char *input = NULL;
    int json = 0, windows = 0;
    int32_t limit = -1;
    btx_policy pol;
    memset(&pol, 0, sizeof pol);
    pol.struct_size = sizeof pol;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(audit_usage, stdout);
            return 0;
        }
        if (strcmp(a, "--json") == 0) {
            json = 1;
            continue;
        }
        if (!v) {
            cli_error("audit: unknown option or missing value: %s", a);
            fputs(audit_usage, stderr);
            return EXIT_BAD;
        }
        if (strcmp(a, "--input") == 0) {
            input = v;
        } else if (strcmp(a, "--limit") == 0) {
            if (args_parse_count(v, INT32_MAX, &limit) != 0) {
                cli_error("--limit: '%s' is not a whole number", v);
                return EXIT_BAD;
            }
        } else {
            int r = policy_option(a, v, &pol, &windows);
            if (r < 0)
                return EXIT_BAD;
            if (r == 0) {
                cli_error("audit: unknown option %s", a);
                fputs(audit_usage, stderr);
                return EXIT_BAD;
            }
        }
        i++;
    }
    if (!input) {
        cli_error("audit: --input FILE is required");
        fputs(audit_usage, stderr);
        return EXIT_BAD;
    }
    if (windows > 1) {
        cli_error("audit: give at most one of --window-days, --window-weeks, --window-months");
        return EXIT_BAD;
    }

    population p = {NULL, NULL, 0, 0};
    size_t size = 0;
    int status = EXIT_BAD;
    btx_audit_row *rows = NULL;
    btx_audit_result *res = NULL;
    p.text = read_all(input, &size);
    if (!p.text || parse_population(&p) != 0)
        goto out;

    /* A sorted copy: patient text, then date, then line. Keys follow that order. */
    qsort(p.entries, p.n, sizeof *p.entries, by_patient_date);
    rows = malloc((p.n ? p.n : 1) * sizeof *rows);
    res = malloc((p.n ? p.n : 1) * sizeof *res);
    if (!rows || !res) {
        cli_error("out of memory");
        goto out;
    }
    uint64_t key = 0;
    for (size_t i = 0; i < p.n; i++) {
        if (i == 0 || strcmp(p.entries[i].patient, p.entries[i - 1].patient) != 0)
            key++;
        rows[i] = p.entries[i].row;
        rows[i].patient = key;
    }
    size_t flagged = 0;
    int rc = btx_audit(pol.window_length || pol.min_spacing_days ? &pol : NULL, rows, p.n, res,
                       &flagged);
    if (rc != BTX_OK) {
        size_t bad = 0;
        (void)btx_validate_audit(rows, p.n, &bad);
        cli_error("line %zu: %s", bad < p.n ? p.entries[bad].line : 0, btx_strerror(rc));
        goto out;
    }

    size_t counts[6] = {0};
    for (size_t i = 0; i < p.n; i++)
        for (int b = 0; b < 6; b++)
            counts[b] += (size_t)((res[i].flags >> b) & 1);
    size_t shown = 0;
    char date[16];
    if (json) {
        printf("{\"rows\": %zu, \"patients\": %llu, \"flagged\": %zu, \"window\": ", p.n,
               (unsigned long long)key, flagged);
        if (pol.window_length)
            printf("{\"length\": %d, \"unit\": \"%s\"}", (int)pol.window_length,
                   pol.window_unit == BTX_DAYS    ? "days"
                   : pol.window_unit == BTX_WEEKS ? "weeks"
                                                  : "months");
        else
            printf("{\"length\": 3, \"unit\": \"months\"}");
        printf(", \"min_spacing_days\": %d, \"flag_counts\": {", (int)pol.min_spacing_days);
        for (int b = 0; b < 6; b++)
            printf("%s\"%s\": %zu", b ? ", " : "", flag_names[b], counts[b]);
        printf("}, \"flagged_rows\": [");
        for (size_t i = 0; i < p.n; i++) {
            if (res[i].flags == 0 || (limit >= 0 && shown >= (size_t)limit))
                continue;
            const btx_audit_row *r = &rows[i];
            btx_date_format(r->admin.date, date, sizeof date);
            printf("%s\n  {\"line\": %zu, \"patient\": ", shown ? "," : "", p.entries[i].line);
            json_string(p.entries[i].patient);
            printf(", \"date\": \"%s\", \"product\": \"%s\", \"indication\": \"%s\", "
                   "\"units\": %.15g, \"window_total\": %.15g, \"flags\": [",
                   date, btx_product_name(r->admin.product),
                   r->admin.indication ? btx_indication_name(r->admin.indication) : "",
                   r->admin.units, res[i].window_total);
            int first = 1;
            for (int b = 0; b < 6; b++)
                if (res[i].flags & (1 << b)) {
                    printf("%s\"%s\"", first ? "" : ", ", flag_names[b]);
                    first = 0;
                }
            printf("], \"rule\": %d, \"rule_name\": \"%s\"}", (int)res[i].rule,
                   res[i].rule ? btx_rule_name(res[i].rule) : "");
            shown++;
        }
        printf("%s]}\n", shown ? "\n" : "");
    } else {
        if (flagged > 0)
            printf("%-6s %-16s %-10s %-15s %-32s %9s %12s  %-24s  %s\n", "line", "patient",
                   "date", "product", "indication", "units", "window_total", "flags", "rule");
        for (size_t i = 0; i < p.n; i++) {
            if (res[i].flags == 0 || (limit >= 0 && shown >= (size_t)limit))
                continue;
            const btx_audit_row *r = &rows[i];
            btx_date_format(r->admin.date, date, sizeof date);
            printf("%-6zu %-16s %-10s %-15s %-32s %9.3f %12.3f  ", p.entries[i].line,
                   p.entries[i].patient, date, btx_product_name(r->admin.product),
                   r->admin.indication ? btx_indication_name(r->admin.indication) : "-",
                   r->admin.units, res[i].window_total);
            print_flags_text(res[i].flags);
            printf("  %s\n", res[i].rule ? btx_rule_name(res[i].rule) : "-");
            shown++;
        }
        if (shown < flagged)
            printf("... %zu more flagged rows (--limit %d)\n", flagged - shown, (int)limit);
        printf("%zu rows, %llu patients, %zu flagged:", p.n, (unsigned long long)key, flagged);
        for (int b = 0; b < 6; b++)
            printf(" %s %zu%s", flag_names[b], counts[b], b < 5 ? "," : "\n");
    }
    status = flagged > 0 ? EXIT_FLAGGED : 0;
out:
    free(res);
    free(rows);
    free(p.entries);
    free(p.text);
    return status;
}
