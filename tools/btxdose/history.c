/* CSV and JSON history readers. See history.h and docs/cli.md for the formats. */
#include "history.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opt.h"

enum { COL_DATE, COL_PRODUCT, COL_INDICATION, COL_UNITS, COL_COUNT };
static const char *const col_names[COL_COUNT] = {"date", "product", "indication", "units"};

/* Most columns a CSV row may have before the count check reports it. */
#define CSV_MAX_FIELDS 64

/* ---- the growable array ---- */

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

/* Converts the four texts of one record, reporting the first bad field in the order
 * date, product, indication, units. */
static int convert_record(const history *h, const size_t line[COL_COUNT],
                          char *const text[COL_COUNT], btx_administration *rec)
{
    char msg[CLI_MSG_SIZE];
    int bad = COL_DATE;
    memset(rec, 0, sizeof *rec);
    int rc = field_date(text[COL_DATE], &rec->date, msg);
    if (rc == 0) {
        bad = COL_PRODUCT;
        rc = field_product(text[COL_PRODUCT], &rec->product, msg);
    }
    if (rc == 0) {
        bad = COL_INDICATION;
        rc = field_indication(text[COL_INDICATION], 1, &rec->indication, msg);
    }
    if (rc == 0) {
        bad = COL_UNITS;
        rc = field_units(text[COL_UNITS], &rec->units, msg);
    }
    if (rc != 0) {
        cli_error("%s:%zu: %s: %s", h->name, line[bad], col_names[bad], msg);
        return -1;
    }
    return 0;
}

/* ---- CSV ---- */

enum line_status { LINE_OK, LINE_EOF, LINE_TOO_LONG, LINE_NUL, LINE_IO };

/* Reads one line without its "\n" (and one "\r" before it). *any is set once a byte of
 * the file has been read. Stops reading as soon as a line is too long. */
static enum line_status read_line(FILE *f, char *buf, size_t *len, int *any)
{
    size_t n = 0;
    int got = 0;
    for (;;) {
        int c = getc(f);
        if (c == EOF) {
            if (ferror(f))
                return LINE_IO;
            if (!got)
                return LINE_EOF;
            break; /* a last line without "\n" */
        }
        got = 1;
        *any = 1;
        if (c == '\n')
            break;
        if (c == '\0')
            return LINE_NUL;
        if (n == HISTORY_MAX_LINE + 1) /* room for a final '\r' */
            return LINE_TOO_LONG;
        buf[n++] = (char)c;
    }
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    if (n > HISTORY_MAX_LINE)
        return LINE_TOO_LONG;
    buf[n] = '\0';
    *len = n;
    return LINE_OK;
}

/* Splits a line into fields in place: commas separate; a field may be enclosed in
 * double quotes ("" inside is one quote); spaces and tabs around a field are trimmed. */
static int csv_split(char *line, char **fields, size_t *nfields, const char **err)
{
    size_t n = 0;
    char *r = line;
    for (;;) {
        while (*r == ' ' || *r == '\t')
            r++;
        if (n == CSV_MAX_FIELDS) {
            *err = "too many fields (at most 64)";
            return -1;
        }
        char *start = r;
        if (*r == '"') {
            char *w = r;
            r++;
            for (;;) {
                if (*r == '\0') {
                    *err = "unterminated quoted field";
                    return -1;
                }
                if (*r == '"') {
                    if (r[1] == '"') {
                        *w++ = '"';
                        r += 2;
                        continue;
                    }
                    r++;
                    break;
                }
                *w++ = *r++;
            }
            while (*r == ' ' || *r == '\t')
                r++;
            if (*r != ',' && *r != '\0') {
                *err = "text after a closing quote";
                return -1;
            }
            char sep = *r;
            *w = '\0';
            fields[n++] = start;
            if (sep == '\0')
                break;
            r++;
        } else {
            while (*r != ',' && *r != '\0') {
                if (*r == '"') {
                    *err = "quote inside an unquoted field";
                    return -1;
                }
                r++;
            }
            char sep = *r;
            *r = '\0';
            fields[n++] = args_trim(start);
            if (sep == '\0')
                break;
            r++;
        }
    }
    *nfields = n;
    return 0;
}

static int is_blank(const char *s)
{
    for (; *s != '\0'; s++)
        if (*s != ' ' && *s != '\t')
            return 0;
    return 1;
}

static int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z')
            ca += 'a' - 'A';
        if (cb >= 'A' && cb <= 'Z')
            cb += 'a' - 'A';
        if (ca != cb || ca == 0)
            return ca - cb;
    }
}

static int csv_header(history *h, char *line, int col_of[COL_COUNT], size_t *ncols)
{
    char *fields[CSV_MAX_FIELDS];
    const char *err = NULL;
    char ex[64];
    if (is_blank(line)) {
        cli_error("%s:1: header: the first line must name the columns "
                  "date,product,indication,units", h->name);
        return -1;
    }
    if (csv_split(line, fields, ncols, &err) != 0) {
        cli_error("%s:1: header: %s", h->name, err);
        return -1;
    }
    for (int k = 0; k < COL_COUNT; k++)
        col_of[k] = -1;
    for (size_t i = 0; i < *ncols; i++) {
        int k = 0;
        while (k < COL_COUNT && ascii_casecmp(fields[i], col_names[k]) != 0)
            k++;
        if (k == COL_COUNT) {
            cli_error("%s:1: header: unknown column '%s' (the columns are date, product, "
                      "indication, units)", h->name, args_excerpt(fields[i], ex));
            return -1;
        }
        if (col_of[k] >= 0) {
            cli_error("%s:1: header: column '%s' appears twice", h->name, col_names[k]);
            return -1;
        }
        col_of[k] = (int)i;
    }
    for (int k = 0; k < COL_COUNT; k++) {
        if (col_of[k] < 0) {
            cli_error("%s:1: header: missing column '%s'", h->name, col_names[k]);
            return -1;
        }
    }
    return 0;
}

static int csv_load(FILE *f, history *h)
{
    char line[HISTORY_MAX_LINE + 2];
    char *fields[CSV_MAX_FIELDS];
    int col_of[COL_COUNT];
    size_t ncols = 0, lineno = 0, len = 0;
    int any = 0;

    for (;;) {
        enum line_status st = read_line(f, line, &len, &any);
        if (st == LINE_EOF)
            break;
        lineno++;
        if (st == LINE_IO) {
            cli_error("%s:%zu: read error: %s", h->name, lineno, strerror(errno));
            return -1;
        }
        if (st == LINE_TOO_LONG) {
            cli_error("%s:%zu: line longer than %d bytes", h->name, lineno, HISTORY_MAX_LINE);
            return -1;
        }
        if (st == LINE_NUL) {
            cli_error("%s:%zu: NUL byte in a text file", h->name, lineno);
            return -1;
        }
        char *text = line;
        if (lineno == 1) {
            /* A UTF-8 byte order mark, as spreadsheet programs write. */
            if ((unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
                (unsigned char)text[2] == 0xBF)
                text += 3;
            if (csv_header(h, text, col_of, &ncols) != 0)
                return -1;
            continue;
        }
        if (is_blank(text))
            continue; /* an empty line holds no record */
        size_t n = 0;
        const char *err = NULL;
        if (csv_split(text, fields, &n, &err) != 0) {
            cli_error("%s:%zu: %s", h->name, lineno, err);
            return -1;
        }
        if (n != ncols) {
            cli_error("%s:%zu: expected %zu fields as in the header, found %zu", h->name, lineno,
                      ncols, n);
            return -1;
        }
        char *by_col[COL_COUNT];
        size_t lines[COL_COUNT];
        for (int k = 0; k < COL_COUNT; k++) {
            by_col[k] = fields[col_of[k]];
            lines[k] = lineno;
        }
        btx_administration rec;
        if (convert_record(h, lines, by_col, &rec) != 0 || history_push(h, &rec, lineno) != 0)
            return -1;
    }
    if (!any) {
        cli_error("%s: empty file (a CSV history needs at least the header row "
                  "date,product,indication,units)", h->name);
        return -1;
    }
    return 0;
}

/* ---- JSON: exactly an array of flat objects with string and number members ---- */

typedef struct jparser {
    const char *p, *end;
    size_t line;
    const history *h;
} jparser;

#define JSON_MAX_STRING 1024

static void jskip(jparser *j)
{
    while (j->p < j->end) {
        char c = *j->p;
        if (c == '\n')
            j->line++;
        else if (c != ' ' && c != '\t' && c != '\r')
            return;
        j->p++;
    }
}

static const char *jwhat(const jparser *j)
{
    if (j->p >= j->end)
        return "the end of the file";
    switch (*j->p) {
    case '"': return "a string";
    case '{': return "an object";
    case '[': return "an array";
    case 't': case 'f': return "a boolean";
    case 'n': return "null";
    case ']': return "']'";
    case '}': return "'}'";
    case ',': return "','";
    case ':': return "':'";
    default:
        if (*j->p == '-' || (*j->p >= '0' && *j->p <= '9'))
            return "a number";
        return "an unexpected character";
    }
}

static int jexpect(jparser *j, char c, const char *what)
{
    jskip(j);
    if (j->p < j->end && *j->p == c) {
        j->p++;
        return 0;
    }
    cli_error("%s:%zu: expected %s, found %s", j->h->name, j->line, what, jwhat(j));
    return -1;
}

static int jhex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int jhex4(jparser *j, unsigned *out)
{
    unsigned v = 0;
    if (j->end - j->p < 4)
        return -1;
    for (int i = 0; i < 4; i++) {
        int d = jhex(j->p[i]);
        if (d < 0)
            return -1;
        v = v * 16 + (unsigned)d;
    }
    j->p += 4;
    *out = v;
    return 0;
}

/* Parses a string (the opening quote is at j->p) into out as UTF-8. */
static int jstring(jparser *j, char *out, size_t cap)
{
    size_t n = 0;
    const char *err = NULL;
    j->p++; /* the opening quote */
    for (;;) {
        if (j->p >= j->end) {
            err = "unterminated string";
            break;
        }
        unsigned char c = (unsigned char)*j->p;
        if (c == '"') {
            j->p++;
            out[n] = '\0';
            return 0;
        }
        if (c < 0x20) {
            err = "control character in a string";
            break;
        }
        if (n + 4 >= cap) {
            err = "string too long";
            break;
        }
        if (c != '\\') {
            out[n++] = (char)c;
            j->p++;
            continue;
        }
        j->p++;
        if (j->p >= j->end) {
            err = "unterminated string";
            break;
        }
        char e = *j->p++;
        switch (e) {
        case '"': out[n++] = '"'; continue;
        case '\\': out[n++] = '\\'; continue;
        case '/': out[n++] = '/'; continue;
        case 'b': out[n++] = '\b'; continue;
        case 'f': out[n++] = '\f'; continue;
        case 'n': out[n++] = '\n'; continue;
        case 'r': out[n++] = '\r'; continue;
        case 't': out[n++] = '\t'; continue;
        case 'u': break;
        default: err = "invalid escape in a string"; break;
        }
        if (err != NULL)
            break;
        unsigned cp;
        if (jhex4(j, &cp) != 0) {
            err = "invalid \\u escape";
            break;
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned lo;
            if (j->end - j->p < 2 || j->p[0] != '\\' || j->p[1] != 'u') {
                err = "unpaired surrogate in a \\u escape";
                break;
            }
            j->p += 2;
            if (jhex4(j, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF) {
                err = "unpaired surrogate in a \\u escape";
                break;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            err = "unpaired surrogate in a \\u escape";
            break;
        }
        if (cp == 0) {
            err = "\\u0000 in a string";
            break;
        }
        if (cp < 0x80) {
            out[n++] = (char)cp;
        } else if (cp < 0x800) {
            out[n++] = (char)(0xC0 | (cp >> 6));
            out[n++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out[n++] = (char)(0xE0 | (cp >> 12));
            out[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[n++] = (char)(0x80 | (cp & 0x3F));
        } else {
            out[n++] = (char)(0xF0 | (cp >> 18));
            out[n++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            out[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[n++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    cli_error("%s:%zu: %s", j->h->name, j->line, err);
    return -1;
}

/* Copies a JSON number's text (RFC 8259 grammar) into out. */
static int jnumber(jparser *j, const char *field, char *out, size_t cap)
{
    const char *s = j->p, *p = j->p;
    int ok = 1;
    if (p < j->end && *p == '-')
        p++;
    if (p < j->end && *p == '0') {
        p++;
    } else if (p < j->end && *p >= '1' && *p <= '9') {
        while (p < j->end && *p >= '0' && *p <= '9')
            p++;
    } else {
        ok = 0;
    }
    if (ok && p < j->end && *p == '.') {
        p++;
        if (p >= j->end || *p < '0' || *p > '9')
            ok = 0;
        while (p < j->end && *p >= '0' && *p <= '9')
            p++;
    }
    if (ok && p < j->end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < j->end && (*p == '+' || *p == '-'))
            p++;
        if (p >= j->end || *p < '0' || *p > '9')
            ok = 0;
        while (p < j->end && *p >= '0' && *p <= '9')
            p++;
    }
    /* A number must end at a delimiter: "12abc" is not a number. */
    if (ok && p < j->end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\t' &&
        *p != '\n' && *p != '\r')
        ok = 0;
    if (!ok || (size_t)(p - s) >= cap) {
        cli_error("%s:%zu: %s: not a valid JSON number", j->h->name, j->line, field);
        return -1;
    }
    memcpy(out, s, (size_t)(p - s));
    out[p - s] = '\0';
    j->p = p;
    return 0;
}

static int json_record(jparser *j, history *h)
{
    char values[COL_COUNT][JSON_MAX_STRING];
    char key[JSON_MAX_STRING];
    char ex[64];
    int have[COL_COUNT] = {0};
    size_t value_line[COL_COUNT] = {0};
    size_t obj_line;

    if (jexpect(j, '{', "'{' (each record is an object)") != 0)
        return -1;
    obj_line = j->line;
    jskip(j);
    if (j->p < j->end && *j->p == '}') {
        j->p++;
    } else {
        for (;;) {
            jskip(j);
            if (j->p >= j->end || *j->p != '"') {
                cli_error("%s:%zu: expected a member name (a string), found %s", h->name,
                          j->line, jwhat(j));
                return -1;
            }
            size_t key_line = j->line;
            if (jstring(j, key, sizeof key) != 0)
                return -1;
            int k = 0;
            while (k < COL_COUNT && strcmp(key, col_names[k]) != 0)
                k++;
            if (k == COL_COUNT) {
                cli_error("%s:%zu: unknown member '%s' (the members are date, product, "
                          "indication, units)", h->name, key_line, args_excerpt(key, ex));
                return -1;
            }
            if (have[k]) {
                cli_error("%s:%zu: %s: appears twice in one record", h->name, key_line,
                          col_names[k]);
                return -1;
            }
            if (jexpect(j, ':', "':'") != 0)
                return -1;
            jskip(j);
            int want_number = k == COL_UNITS;
            int is_string = j->p < j->end && *j->p == '"';
            int is_number = j->p < j->end && (*j->p == '-' || (*j->p >= '0' && *j->p <= '9'));
            if (want_number ? !is_number : !is_string) {
                cli_error("%s:%zu: %s: expected %s, found %s", h->name, j->line, col_names[k],
                          want_number ? "a number" : "a string", jwhat(j));
                return -1;
            }
            value_line[k] = j->line;
            if ((want_number ? jnumber(j, col_names[k], values[k], sizeof values[k])
                             : jstring(j, values[k], sizeof values[k])) != 0)
                return -1;
            have[k] = 1;
            jskip(j);
            if (j->p < j->end && *j->p == ',') {
                j->p++;
                continue;
            }
            if (jexpect(j, '}', "',' or '}'") != 0)
                return -1;
            break;
        }
    }
    for (int k = 0; k < COL_COUNT; k++) {
        if (!have[k]) {
            cli_error("%s:%zu: %s: missing from the record", h->name, obj_line, col_names[k]);
            return -1;
        }
    }
    char *text[COL_COUNT];
    for (int k = 0; k < COL_COUNT; k++)
        text[k] = values[k];
    btx_administration rec;
    if (convert_record(h, value_line, text, &rec) != 0 || history_push(h, &rec, obj_line) != 0)
        return -1;
    return 0;
}

static int json_parse(const char *data, size_t size, history *h)
{
    jparser j = {data, data + size, 1, h};
    if (size >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB &&
        (unsigned char)data[2] == 0xBF)
        j.p += 3;
    if (memchr(data, '\0', size) != NULL) {
        size_t line = 1;
        for (const char *p = data; *p != '\0'; p++)
            line += *p == '\n';
        cli_error("%s:%zu: NUL byte in a text file", h->name, line);
        return -1;
    }
    if (jexpect(&j, '[', "'[' (a JSON history is an array of records)") != 0)
        return -1;
    jskip(&j);
    if (j.p < j.end && *j.p == ']') {
        j.p++;
    } else {
        for (;;) {
            if (json_record(&j, h) != 0)
                return -1;
            jskip(&j);
            if (j.p < j.end && *j.p == ',') {
                j.p++;
                continue;
            }
            if (jexpect(&j, ']', "',' or ']'") != 0)
                return -1;
            break;
        }
    }
    jskip(&j);
    if (j.p != j.end) {
        cli_error("%s:%zu: unexpected text after the closing ']'", h->name, j.line);
        return -1;
    }
    return 0;
}

static int json_load(FILE *f, history *h)
{
    size_t cap = 64 * 1024, size = 0;
    char *data = malloc(cap);
    if (data == NULL) {
        cli_error("%s: out of memory", h->name);
        return -1;
    }
    for (;;) {
        if (size > HISTORY_MAX_JSON_BYTES) {
            free(data);
            cli_error("%s: file larger than %u bytes", h->name, HISTORY_MAX_JSON_BYTES);
            return -1;
        }
        if (size == cap) {
            cap *= 2;
            char *bigger = realloc(data, cap);
            if (bigger == NULL) {
                free(data);
                cli_error("%s: out of memory", h->name);
                return -1;
            }
            data = bigger;
        }
        size_t got = fread(data + size, 1, cap - size, f);
        size += got;
        if (got == 0) {
            if (ferror(f)) {
                free(data);
                cli_error("%s: read error: %s", h->name, strerror(errno));
                return -1;
            }
            break;
        }
    }
    int rc;
    if (size == 0) {
        cli_error("%s: empty file (a JSON history is an array, '[]' when empty)", h->name);
        rc = -1;
    } else {
        rc = json_parse(data, size, h);
    }
    free(data);
    return rc;
}

/* ---- entry point ---- */

static int format_from_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash != NULL ? slash : path, '.');
    if (dot == NULL)
        return 0;
    if (ascii_casecmp(dot, ".csv") == 0)
        return HISTORY_FORMAT_CSV;
    if (ascii_casecmp(dot, ".json") == 0)
        return HISTORY_FORMAT_JSON;
    return 0;
}

int history_load(const char *path, const char *format, history *out)
{
    int is_stdin = strcmp(path, "-") == 0;
    int fmt = 0;
    memset(out, 0, sizeof *out);
    out->name = is_stdin ? "<stdin>" : path;

    if (format != NULL)
        fmt = strcmp(format, "json") == 0 ? HISTORY_FORMAT_JSON : HISTORY_FORMAT_CSV;
    else if (!is_stdin)
        fmt = format_from_name(path);
    if (fmt == 0) {
        cli_error("%s: cannot tell the format from the file name: name it .csv or .json, "
                  "or give --format csv|json", out->name);
        return -1;
    }

    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (f == NULL) {
        cli_error("%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    int rc = fmt == HISTORY_FORMAT_JSON ? json_load(f, out) : csv_load(f, out);
    if (!is_stdin)
        fclose(f);
    if (rc == 0) {
        /* The readers checked every field already; the library has the last word. */
        size_t bad = 0;
        int v = btx_validate_history(out->records, out->count, &bad);
        if (v != BTX_OK) {
            cli_error("%s:%zu: record rejected by libbtxdose: %s", out->name,
                      out->lines[bad], btx_strerror(v));
            rc = -1;
        }
    }
    if (rc != 0)
        history_free(out);
    return rc;
}
