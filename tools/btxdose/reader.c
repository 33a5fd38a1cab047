/* SPDX-License-Identifier: Apache-2.0 */
/* CSV and JSON tables, read byte by byte from a stream (see reader.h).
 *
 * Three layers: a byte source that checks every byte once (NUL, UTF-8, line ends, line
 * length) and counts lines; a CSV row reader and a JSON parser on top of it; and the
 * schema, which maps header columns or object members to the caller's columns. */
#include "reader.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ---- messages ---- */

CLI_PRINTF(3, 4)
static int fail_at(const char *name, size_t line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cli_error("%s:%zu: %s", name, line, msg);
    return -1;
}

/* ---- the byte source ---- */

enum { SRC_EOF = -1, SRC_ERR = -2, SRC_IO = -3, SRC_NONE = -4 };

typedef struct src {
    source_feed *feed;
    const char *name;
    unsigned char *buf;  /* the current block; the reader may write into it */
    size_t pos, len;
    int at_end;          /* the block is the last: read no more */
    int io_error;        /* ... because of an error: */
    const char *io_msg;  /* what it was */
    int look;            /* the next byte, checked; SRC_NONE: not read yet */
    int back;            /* a raw byte read after a lone CR; SRC_NONE */
    size_t line;         /* line of the next byte */
    size_t col;          /* bytes taken on the current line */
    size_t max_line;     /* 0: no limit */
    int lone_cr_ok;      /* JSON: a lone CR is whitespace; CSV: an error */
    int utf8_need;       /* continuation bytes still due */
    int utf8_lo, utf8_hi;/* range of the next continuation byte */
    int any;             /* a byte was read (a byte order mark does not count) */
} src;

static void src_fill(src *s)
{
    const source_block *b = source_next(s->feed);
    s->buf = b->data;
    s->pos = 0;
    s->len = b->len;
    if (b->status != SOURCE_MORE) {
        s->at_end = 1;
        s->io_error = b->status == SOURCE_ERROR;
        s->io_msg = b->msg;
    }
}

static int src_raw(src *s)
{
    if (s->back != SRC_NONE) {
        int c = s->back;
        s->back = SRC_NONE;
        return c;
    }
    if (s->pos == s->len) {
        if (s->at_end)
            return s->io_error ? SRC_IO : SRC_EOF;
        src_fill(s);
        if (s->len == 0)
            return s->io_error ? SRC_IO : SRC_EOF;
    }
    return s->buf[s->pos++];
}

/* Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, at most U+10FFFF. */
static int utf8_step(src *s, int c)
{
    if (s->utf8_need > 0) {
        if (c < s->utf8_lo || c > s->utf8_hi)
            return -1;
        s->utf8_need--;
        s->utf8_lo = 0x80;
        s->utf8_hi = 0xBF;
        return 0;
    }
    s->utf8_lo = 0x80;
    s->utf8_hi = 0xBF;
    if (c < 0x80)
        return 0;
    if (c >= 0xC2 && c <= 0xDF)
        s->utf8_need = 1;
    else if (c >= 0xE0 && c <= 0xEF)
        s->utf8_need = 2;
    else if (c >= 0xF0 && c <= 0xF4)
        s->utf8_need = 3;
    else
        return -1;
    if (c == 0xE0)
        s->utf8_lo = 0xA0;
    else if (c == 0xED)
        s->utf8_hi = 0x9F;
    else if (c == 0xF0)
        s->utf8_lo = 0x90;
    else if (c == 0xF4)
        s->utf8_hi = 0x8F;
    return 0;
}

CLI_PRINTF(2, 3)
static int src_fail(src *s, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fail_at(s->name, s->line, "%s", msg);
    s->look = SRC_ERR;
    return SRC_ERR;
}

/* A CR: with an LF (or the end of the file) after it, one line end. */
static int src_cr(src *s)
{
    int d = src_raw(s);
    if (d == '\n' || d == SRC_EOF)
        return '\n';
    if (d == SRC_IO)
        return src_fail(s, "%s", s->io_msg);
    if (!s->lone_cr_ok)
        return src_fail(s, "carriage return without a line feed (lines end in LF or CRLF)");
    s->back = d;
    return '\r';
}

/* The next byte without taking it: 0..255 (CRLF reads as one LF), SRC_EOF, or SRC_ERR
 * once the byte has been reported. An error is final. */
static int src_peek_slow(src *s)
{
    int c = src_raw(s);
    if (c == SRC_IO)
        return src_fail(s, "%s", s->io_msg);
    if (c == SRC_EOF) {
        if (s->utf8_need > 0)
            return src_fail(s, "invalid UTF-8: a character cut off by the end of the file");
        return s->look = SRC_EOF;
    }
    s->any = 1;
    if (c == 0)
        return src_fail(s, "NUL byte in a text file");
    if (c == '\r' && (c = src_cr(s)) == SRC_ERR)
        return SRC_ERR;
    if (utf8_step(s, c) != 0)
        return src_fail(s, "invalid UTF-8 (byte 0x%02X)", (unsigned)c);
    if (c != '\n' && s->max_line > 0 && s->col >= s->max_line)
        return src_fail(s, "line longer than %zu bytes", s->max_line);
    return s->look = c;
}

static inline int src_peek(src *s)
{
    if (s->look != SRC_NONE)
        return s->look;
    /* Most bytes are printable ASCII in the middle of a line: nothing to check. */
    if (s->pos < s->len && s->back == SRC_NONE && s->utf8_need == 0 &&
        (s->max_line == 0 || s->col < s->max_line)) {
        int c = s->buf[s->pos];
        if (c >= 0x20 && c < 0x7f) {
            s->pos++;
            s->any = 1;
            return s->look = c;
        }
    }
    return src_peek_slow(s);
}

/* Takes the byte src_peek returned. */
static void src_next(src *s)
{
    if (s->look == '\n') {
        s->line++;
        s->col = 0;
    } else {
        s->col++;
    }
    s->look = SRC_NONE;
}

static void src_open(src *s, source_feed *feed, const char *name, int csv)
{
    memset(s, 0, sizeof *s);
    s->feed = feed;
    s->name = name;
    s->look = SRC_NONE;
    s->back = SRC_NONE;
    s->line = 1;
    s->max_line = csv ? READER_MAX_LINE : 0;
    s->lone_cr_ok = !csv;
    src_fill(s);
    /* A UTF-8 byte order mark, as spreadsheet programs write. */
    if (s->len >= 3 && s->buf[0] == 0xEF && s->buf[1] == 0xBB && s->buf[2] == 0xBF)
        s->pos = 3;
}

/* ---- the schema ---- */

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

/* The schema column named name, or -1. */
static int schema_find(const reader_schema *sc, const char *name, int any_case)
{
    for (size_t k = 0; k < sc->count; k++) {
        const char *c = sc->columns[k].name;
        if (any_case ? ascii_casecmp(c, name) == 0 : strcmp(c, name) == 0)
            return (int)k;
    }
    return -1;
}

/* ---- CSV ---- */

typedef struct csv {
    src *s;
    char *text;                      /* the row's fields, each NUL-terminated; owned */
    size_t len, cap;                 /* bytes used in text, and allocated */
    size_t bytes;                    /* bytes of the row read so far */
    size_t start[READER_MAX_FIELDS]; /* offset of each field in text */
    size_t line[READER_MAX_FIELDS];  /* line where each field starts */
    size_t n;                        /* fields */
    size_t row_line;                 /* line where the row starts */
} csv;

/* Appends a byte to the row's text, which grows as rows need: at most READER_MAX_ROW
 * bytes of fields and a NUL after each. */
static int csv_append(csv *c, int ch)
{
    if (c->len == c->cap) {
        size_t cap = c->cap == 0 ? 1024 : c->cap * 2;
        char *more = realloc(c->text, cap);
        if (more == NULL)
            return fail_at(c->s->name, c->row_line, "out of memory");
        c->text = more;
        c->cap = cap;
    }
    c->text[c->len++] = (char)ch;
    return 0;
}

/* A byte of a field. */
static inline int csv_put(csv *c, int ch)
{
    if (++c->bytes > READER_MAX_ROW)
        return fail_at(c->s->name, c->row_line, "row longer than %d bytes", READER_MAX_ROW);
    if (c->len < c->cap) {
        c->text[c->len++] = (char)ch;
        return 0;
    }
    return csv_append(c, ch);
}

static int skip_blanks(src *s)
{
    int ch;
    while ((ch = src_peek(s)) == ' ' || ch == '\t')
        src_next(s);
    return ch;
}

/* A field in double quotes ("" inside is one quote; line ends are part of it). */
static int csv_quoted(csv *c)
{
    src *s = c->s;
    size_t open_line = s->line;
    src_next(s);
    for (;;) {
        int ch = src_peek(s);
        if (ch == SRC_ERR)
            return -1;
        if (ch == SRC_EOF)
            return fail_at(s->name, open_line, "unterminated quoted field");
        src_next(s);
        if (ch == '"') {
            if (src_peek(s) != '"')
                break;
            src_next(s);
        }
        if (csv_put(c, ch) != 0)
            return -1;
    }
    int ch = skip_blanks(s);
    if (ch == SRC_ERR)
        return -1;
    if (ch != ',' && ch != '\n' && ch != SRC_EOF)
        return fail_at(s->name, s->line, "text after a closing quote");
    return 0;
}

/* A field without quotes, up to a comma or the line end, trailing blanks cut. */
static int csv_plain(csv *c)
{
    src *s = c->s;
    size_t end = c->len;
    for (;;) {
        int ch = src_peek(s);
        if (ch == SRC_ERR)
            return -1;
        if (ch == ',' || ch == '\n' || ch == SRC_EOF)
            break;
        if (ch == '"')
            return fail_at(s->name, s->line, "quote inside an unquoted field");
        src_next(s);
        if (csv_put(c, ch) != 0)
            return -1;
        if (ch != ' ' && ch != '\t')
            end = c->len;
    }
    c->len = end;
    return 0;
}

/* Reads one row into c. Returns 1 (*blank: the row holds nothing), 0 at the end of the
 * file, -1 after a message. */
static int csv_row(csv *c, int *blank)
{
    src *s = c->s;
    int ch = src_peek(s);
    if (ch == SRC_ERR)
        return -1;
    if (ch == SRC_EOF)
        return 0;
    c->n = c->len = c->bytes = 0;
    c->row_line = s->line;
    *blank = 1;
    for (;;) {
        if ((ch = skip_blanks(s)) == SRC_ERR)
            return -1;
        if (c->n == READER_MAX_FIELDS)
            return fail_at(s->name, s->line, "too many fields (at most %d)", READER_MAX_FIELDS);
        c->start[c->n] = c->len;
        c->line[c->n] = s->line;
        if ((ch == '"' ? csv_quoted(c) : csv_plain(c)) != 0)
            return -1;
        if (ch == '"' || c->len > c->start[c->n])
            *blank = 0;
        if (csv_append(c, '\0') != 0)
            return -1;
        c->n++;
        if ((ch = src_peek(s)) != ',')
            break;
        *blank = 0;
        src_next(s);
    }
    if (ch == '\n')
        src_next(s);
    return 1;
}

/* The header: col_of[k] is the field of schema column k, or -1. */
static int csv_header(csv *c, const reader_schema *sc, int col_of[READER_MAX_COLUMNS])
{
    char ex[CLI_EXCERPT_SIZE];
    const char *name = c->s->name;
    int blank = 0;
    int rc = csv_row(c, &blank);
    if (rc < 0)
        return -1;
    if (rc == 0 && !c->s->any) {
        cli_error("%s: empty file (a CSV file needs at least the header row %s)", name,
                  sc->header);
        return -1;
    }
    if (rc == 0 || blank)
        return fail_at(name, 1, "header: the first line must name the columns %s", sc->header);
    for (size_t k = 0; k < sc->count; k++)
        col_of[k] = -1;
    for (size_t i = 0; i < c->n; i++) {
        const char *field = c->text + c->start[i];
        int k = schema_find(sc, field, 1);
        if (k < 0 && sc->other_columns)
            continue;
        if (k < 0)
            return fail_at(name, 1, "header: unknown column '%s' (the columns are %s)",
                           cli_excerpt(field, ex), sc->header);
        if (col_of[k] >= 0)
            return fail_at(name, 1, "header: column '%s' appears twice", sc->columns[k].name);
        col_of[k] = (int)i;
    }
    for (size_t k = 0; k < sc->count; k++)
        if (col_of[k] < 0 && sc->columns[k].required)
            return fail_at(name, 1, "header: missing column '%s'", sc->columns[k].name);
    return 0;
}

typedef struct sink {
    const reader_schema *sc;
    reader_row_fn on_row;
    void *ctx;
    size_t rows;
    int fast;
} sink;

/* Hands a row to the caller: 0 go on, 1 stop here, -1 an error was reported. */
static int deliver(sink *k, const char *name, const reader_row *row)
{
    int rc = k->on_row(k->ctx, name, row);
    if (rc != 0)
        return rc < 0 ? -1 : 1;
    k->rows++;
    return 0;
}

/* The commas of the plain bytes [p, end) into comma[] (*n of them, fewer than ncols), or
 * -1 when a byte is not printable ASCII, is a double quote, or there are ncols commas or
 * more, or (one column) the line is blank. Bytes up to limit may be read. */
static int scan_plain(const unsigned char *p, const unsigned char *end,
                      const unsigned char *limit, size_t ncols,
                      unsigned char *comma[READER_MAX_FIELDS], size_t *n_out)
{
    size_t n = 0;
    const unsigned char *q = p;
    if (ncols == 1) {
        unsigned nonblank = 0;
        for (; q < end; q++) {
            unsigned b = *q;
            if (b == ',' || b - 0x20u > 0x7eu - 0x20u || b == '"')
                return -1;
            nonblank |= b ^ ' ';
        }
        *n_out = 0;
        return nonblank != 0 ? 0 : -1;
    }
#if defined(__SSE2__)
    /* 16 bytes at a time: a byte is plain when b - 0x20 <= 0x5E (unsigned) and b != '"'. */
    const __m128i space = _mm_set1_epi8(0x20), span = _mm_set1_epi8(0x5e);
    const __m128i quote = _mm_set1_epi8('"'), sep = _mm_set1_epi8(',');
    while (q < end && (size_t)(limit - q) >= 16) {
        size_t left = (size_t)(end - q);
        unsigned live = left >= 16 ? 0xffffu : (1u << left) - 1u;
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
        __m128i t = _mm_sub_epi8(v, space);
        unsigned ok = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, span), t));
        unsigned bad = (~ok | (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote))) & live;
        if (bad != 0)
            return -1;
        unsigned c = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, sep)) & live;
        while (c != 0) {
            if (n + 1 >= ncols)
                return -1;
            comma[n++] = (unsigned char *)(uintptr_t)(q + __builtin_ctz(c));
            c &= c - 1;
        }
        q += left >= 16 ? 16 : left;
    }
#else
    (void)limit;
#endif
    for (; q < end; q++) {
        unsigned b = *q;
        if (b == ',') {
            if (n + 1 >= ncols)
                return -1;
            comma[n++] = (unsigned char *)(uintptr_t)q;
        } else if (b - 0x20u > 0x7eu - 0x20u || b == '"') {
            return -1;
        }
    }
    *n_out = n;
    return 0;
}

/* The fast path: the next line, when it is plain (every byte printable ASCII and not a
 * double quote, a LF or CRLF inside the current block, at most READER_MAX_LINE bytes,
 * exactly ncols fields, not blank), is split in place: the NUL after each field
 * overwrites a comma, a blank or the line end. The general path would read the same
 * fields from it: no byte of it needs a check, no field a quote rule. Returns 0 when the
 * line is not plain (nothing taken: the general path reads it), else 1 with *rc what
 * deliver returned. */
static int csv_fast(csv *c, sink *k, size_t ncols, const int col_of[READER_MAX_COLUMNS],
                    int *rc)
{
    src *s = c->s;
    if (s->look != SRC_NONE || s->back != SRC_NONE || s->col != 0 || s->utf8_need != 0)
        return 0;
    unsigned char *p = s->buf + s->pos;
    size_t avail = s->len - s->pos;
    if (avail > READER_MAX_LINE + 2)
        avail = READER_MAX_LINE + 2;
    unsigned char *nl = avail > 0 ? memchr(p, '\n', avail) : NULL;
    if (nl == NULL)
        return 0;
    unsigned char *end = nl > p && nl[-1] == '\r' ? nl - 1 : nl;
    if ((size_t)(end - p) > READER_MAX_LINE)
        return 0;
    unsigned char *comma[READER_MAX_FIELDS];
    size_t n = 0;
    if (scan_plain(p, end, s->buf + s->len, ncols, comma, &n) != 0 || n + 1 != ncols)
        return 0;
    comma[n] = end;
    char *text[READER_MAX_FIELDS];
    size_t len[READER_MAX_FIELDS];
    unsigned char *from = p;
    for (size_t i = 0; i <= n; i++) {
        unsigned char *a = from, *b = comma[i];
        from = b + 1;
        while (a < b && *a == ' ')
            a++;
        while (b > a && b[-1] == ' ')
            b--;
        *b = '\0';
        text[i] = (char *)a;
        len[i] = (size_t)(b - a);
    }
    reader_row row;
    row.first_line = s->line;
    for (size_t j = 0; j < k->sc->count; j++) {
        int f = col_of[j];
        row.present[j] = f >= 0;
        row.text[j] = f >= 0 ? text[f] : "";
        row.len[j] = f >= 0 ? len[f] : 0;
        row.line[j] = s->line;
    }
    s->pos = (size_t)(nl + 1 - s->buf);
    s->line++;
    s->any = 1;
    *rc = deliver(k, s->name, &row);
    return 1;
}

static int csv_read(csv *c, sink *k)
{
    int col_of[READER_MAX_COLUMNS];
    size_t ncols;
    if (csv_header(c, k->sc, col_of) != 0)
        return -1;
    ncols = c->n;
    for (;;) {
        int rc = 0;
        if (k->fast && csv_fast(c, k, ncols, col_of, &rc)) {
            if (rc != 0)
                return rc;
            continue;
        }
        int blank = 0;
        rc = csv_row(c, &blank);
        if (rc <= 0)
            return rc;
        if (blank)
            continue;
        if (c->n != ncols)
            return fail_at(c->s->name, c->row_line,
                           "expected %zu fields as in the header, found %zu", ncols, c->n);
        reader_row row;
        row.first_line = c->row_line;
        for (size_t j = 0; j < k->sc->count; j++) {
            int f = col_of[j];
            row.present[j] = f >= 0;
            row.text[j] = f >= 0 ? c->text + c->start[f] : "";
            row.len[j] = strlen(row.text[j]); /* a field holds no NUL byte */
            row.line[j] = f >= 0 ? c->line[f] : c->row_line;
        }
        if ((rc = deliver(k, c->s->name, &row)) != 0)
            return rc;
    }
}

/* ---- JSON: exactly an array of flat objects with string and number members ---- */

typedef struct json {
    src *s;
    char (*value)[READER_MAX_STRING]; /* one per schema column */
    char *key;                        /* READER_MAX_STRING bytes */
} json;

static int jskip(json *j)
{
    int c;
    while ((c = src_peek(j->s)) == ' ' || c == '\t' || c == '\n' || c == '\r')
        src_next(j->s);
    return c;
}

static const char *jwhat(int c)
{
    switch (c) {
    case SRC_EOF: return "the end of the file";
    case '"': return "a string";
    case '{': return "an object";
    case '[': return "an array";
    case 't': case 'f': return "a boolean";
    case 'n': return "null";
    case ']': return "']'";
    case '}': return "'}'";
    case ',': return "','";
    case ':': return "':'";
    default: return c == '-' || (c >= '0' && c <= '9') ? "a number" : "an unexpected character";
    }
}

static int jexpect(json *j, int want, const char *what)
{
    int c = jskip(j);
    if (c == want) {
        src_next(j->s);
        return 0;
    }
    if (c == SRC_ERR)
        return -1;
    return fail_at(j->s->name, j->s->line, "expected %s, found %s", what, jwhat(c));
}

static int jhex4(json *j, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int c = src_peek(j->s);
        if (c == SRC_ERR)
            return -1;
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return fail_at(j->s->name, j->s->line, "invalid \\u escape");
        src_next(j->s);
        v = v * 16 + (unsigned)d;
    }
    *out = v;
    return 0;
}

/* Takes the next byte if it is want: 0 taken, 1 another byte, -1 an error reported. */
static int jtake(json *j, int want)
{
    int c = src_peek(j->s);
    if (c == SRC_ERR)
        return -1;
    if (c != want)
        return 1;
    src_next(j->s);
    return 0;
}

/* A \uXXXX escape (the "\u" taken), a surrogate pair as one code point. */
static int jcodepoint(json *j, unsigned *cp)
{
    const char *name = j->s->name;
    if (jhex4(j, cp) != 0)
        return -1;
    if (*cp >= 0xDC00 && *cp <= 0xDFFF)
        return fail_at(name, j->s->line, "unpaired surrogate in a \\u escape");
    if (*cp >= 0xD800 && *cp <= 0xDBFF) {
        unsigned lo;
        int rc = jtake(j, '\\');
        if (rc == 0)
            rc = jtake(j, 'u');
        if (rc < 0)
            return -1;
        if (rc > 0)
            return fail_at(name, j->s->line, "unpaired surrogate in a \\u escape");
        if (jhex4(j, &lo) != 0)
            return -1;
        if (lo < 0xDC00 || lo > 0xDFFF)
            return fail_at(name, j->s->line, "unpaired surrogate in a \\u escape");
        *cp = 0x10000 + ((*cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    if (*cp == 0)
        return fail_at(name, j->s->line, "\\u0000 in a string");
    return 0;
}

static size_t put_utf8(char *out, unsigned cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* One escape after a backslash (taken) into out; returns the bytes written or -1. */
static int jescape(json *j, char *out)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    int e = src_peek(j->s);
    if (e == SRC_ERR)
        return -1;
    if (e == SRC_EOF)
        return fail_at(j->s->name, j->s->line, "unterminated string");
    src_next(j->s);
    if (e == 'u') {
        unsigned cp;
        return jcodepoint(j, &cp) != 0 ? -1 : (int)put_utf8(out, cp);
    }
    const char *p = e != 0 ? strchr(from, e) : NULL;
    if (p == NULL)
        return fail_at(j->s->name, j->s->line, "invalid escape in a string");
    out[0] = to[p - from];
    return 1;
}

/* A string (at its opening quote) into out, decoded to UTF-8. */
static int jstring(json *j, char *out, size_t cap)
{
    size_t n = 0;
    src_next(j->s);
    for (;;) {
        int c = src_peek(j->s);
        if (c == SRC_ERR)
            return -1;
        if (c == SRC_EOF)
            return fail_at(j->s->name, j->s->line, "unterminated string");
        if (c == '"')
            break;
        if (c < 0x20)
            return fail_at(j->s->name, j->s->line, "control character in a string");
        src_next(j->s);
        char bytes[4];
        int w = 1;
        bytes[0] = (char)c;
        if (c == '\\' && (w = jescape(j, bytes)) < 0)
            return -1;
        if (n + (size_t)w >= cap)
            return fail_at(j->s->name, j->s->line, "string longer than %zu bytes", cap - 1);
        memcpy(out + n, bytes, (size_t)w);
        n += (size_t)w;
    }
    src_next(j->s);
    out[n] = '\0';
    return 0;
}

static size_t skip_digits(const char **p)
{
    size_t n = 0;
    while (**p >= '0' && **p <= '9') {
        (*p)++;
        n++;
    }
    return n;
}

/* RFC 8259 number grammar on the whole text. */
static int json_number_ok(const char *p)
{
    if (*p == '-')
        p++;
    if (*p == '0')
        p++;
    else if (*p < '1' || *p > '9' || skip_digits(&p) == 0)
        return 0;
    if (*p == '.') {
        p++;
        if (skip_digits(&p) == 0)
            return 0;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (skip_digits(&p) == 0)
            return 0;
    }
    return *p == '\0';
}

static int number_char(int c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* A number's text into out; it must end at a delimiter ("12abc" is not a number). */
static int jnumber(json *j, const char *field, char *out, size_t cap)
{
    size_t n = 0, line = j->s->line;
    int c;
    while (number_char(c = src_peek(j->s)) && n + 1 < cap) {
        out[n++] = (char)c;
        src_next(j->s);
    }
    if (c == SRC_ERR)
        return -1;
    out[n] = '\0';
    int end = c == SRC_EOF || (c != 0 && strchr(",}] \t\n\r", c) != NULL);
    if (!end || !json_number_ok(out))
        return fail_at(j->s->name, line, "%s: not a valid JSON number", field);
    return 0;
}

/* true, false or null, skipped. */
static int jliteral(json *j, const char *field)
{
    static const char *const words[] = {"true", "false", "null"};
    int c = src_peek(j->s);
    for (size_t w = 0; w < 3; w++) {
        if (c != words[w][0])
            continue;
        for (const char *p = words[w]; *p != '\0'; p++) {
            if ((c = src_peek(j->s)) != *p)
                return c == SRC_ERR ? -1 : fail_at(j->s->name, j->s->line,
                                                   "%s: not a JSON value", field);
            src_next(j->s);
        }
        return 0;
    }
    return fail_at(j->s->name, j->s->line, "%s: expected a string, a number, true, false "
                   "or null, found %s", field, jwhat(c));
}

/* The value of a member no schema column names (name: for messages): a scalar,
 * skipped. The member's key is no longer needed, so its buffer takes a string. */
static int jskip_value(json *j, const char *name)
{
    char scratch[64];
    int c = jskip(j);
    if (c == SRC_ERR)
        return -1;
    if (c == '"')
        return jstring(j, j->key, READER_MAX_STRING);
    if (c == '-' || (c >= '0' && c <= '9'))
        return jnumber(j, name, scratch, sizeof scratch);
    return jliteral(j, name);
}

/* The value of schema column k: a string or a number as the schema says. */
static int jcolumn_value(json *j, const reader_column *col, char *out, size_t *line)
{
    int c = jskip(j);
    if (c == SRC_ERR)
        return -1;
    int is_string = c == '"', is_number = c == '-' || (c >= '0' && c <= '9');
    if (col->json_number ? !is_number : !is_string)
        return fail_at(j->s->name, j->s->line, "%s: expected %s, found %s", col->name,
                       col->json_number ? "a number" : "a string", jwhat(c));
    *line = j->s->line;
    return col->json_number ? jnumber(j, col->name, out, READER_MAX_STRING)
                            : jstring(j, out, READER_MAX_STRING);
}

/* One "key": value member of an object. */
static int jmember(json *j, const reader_schema *sc, reader_row *row)
{
    char ex[CLI_EXCERPT_SIZE];
    int c = jskip(j);
    if (c != '"')
        return c == SRC_ERR ? -1 : fail_at(j->s->name, j->s->line, "expected a member name "
                                           "(a string), found %s", jwhat(c));
    size_t key_line = j->s->line;
    if (jstring(j, j->key, READER_MAX_STRING) != 0)
        return -1;
    int k = schema_find(sc, j->key, 0);
    if (k < 0 && !sc->other_columns)
        return fail_at(j->s->name, key_line, "unknown member '%s' (the members are %s)",
                       cli_excerpt(j->key, ex), sc->header);
    if (k >= 0 && row->present[k])
        return fail_at(j->s->name, key_line, "%s: appears twice in one record",
                       sc->columns[k].name);
    if (k < 0) {
        cli_excerpt(j->key, ex);
        return jexpect(j, ':', "':'") != 0 ? -1 : jskip_value(j, ex);
    }
    if (jexpect(j, ':', "':'") != 0 ||
        jcolumn_value(j, &sc->columns[k], j->value[k], &row->line[k]) != 0)
        return -1;
    row->present[k] = 1;
    row->text[k] = j->value[k];
    row->len[k] = strlen(j->value[k]); /* \u0000 is refused */
    return 0;
}

static int jrecord(json *j, const reader_schema *sc, reader_row *row)
{
    if (jexpect(j, '{', "'{' (each record is an object)") != 0)
        return -1;
    row->first_line = j->s->line;
    for (size_t k = 0; k < sc->count; k++) {
        row->present[k] = 0;
        row->text[k] = "";
        row->len[k] = 0;
        row->line[k] = row->first_line;
    }
    int c = jskip(j);
    if (c == '}') {
        src_next(j->s);
    } else {
        for (;;) {
            if (jmember(j, sc, row) != 0)
                return -1;
            if (jskip(j) != ',')
                break;
            src_next(j->s);
        }
        if (jexpect(j, '}', "',' or '}'") != 0)
            return -1;
    }
    for (size_t k = 0; k < sc->count; k++)
        if (!row->present[k] && sc->columns[k].required)
            return fail_at(j->s->name, row->first_line, "%s: missing from the record",
                           sc->columns[k].name);
    return 0;
}

static int json_read(json *j, sink *k)
{
    int c = jskip(j);
    if (c == SRC_EOF && !j->s->any) {
        cli_error("%s: empty file (a JSON file is an array, '[]' when empty)", j->s->name);
        return -1;
    }
    if (jexpect(j, '[', "'[' (a JSON file is an array of records)") != 0)
        return -1;
    if (jskip(j) == ']') {
        src_next(j->s);
    } else {
        for (;;) {
            reader_row row;
            if (jrecord(j, k->sc, &row) != 0)
                return -1;
            int rc = deliver(k, j->s->name, &row);
            if (rc != 0)
                return rc;
            if (jskip(j) != ',')
                break;
            src_next(j->s);
        }
        if (jexpect(j, ']', "',' or ']'") != 0)
            return -1;
    }
    c = jskip(j);
    if (c == SRC_ERR)
        return -1;
    if (c != SRC_EOF)
        return fail_at(j->s->name, j->s->line, "unexpected text after the closing ']'");
    return 0;
}

/* ---- entry points ---- */

size_t reader_line_of(const reader_schema *schema, const reader_row *row, const char *name)
{
    int k = schema_find(schema, name, 0);
    return k >= 0 ? row->line[k] : row->first_line;
}

const char *reader_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* Whether the len bytes at ext are the extension want (".csv"), ignoring ASCII case. */
static int extension_is(const char *ext, size_t len, const char *want)
{
    if (len != strlen(want))
        return 0;
    for (size_t i = 0; i < len; i++) {
        int c = (unsigned char)ext[i];
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        if (c != want[i])
            return 0;
    }
    return 1;
}

reader_format reader_choose_format(const char *path, const char *format,
                                   reader_format fallback)
{
    if (format != NULL)
        return strcmp(format, "json") == 0 ? READER_FORMAT_JSON : READER_FORMAT_CSV;
    if (strcmp(path, "-") != 0) {
        const char *slash = cli_last_separator(path);
        const char *base = slash != NULL ? slash + 1 : path;
        const char *end = base + strlen(base);
        const char *dot = strrchr(base, '.');
        if (dot != NULL && extension_is(dot, (size_t)(end - dot), ".gz")) {
            /* rows.csv.gz: the extension before .gz */
            end = dot;
            dot = NULL;
            for (const char *q = base; q < end; q++)
                if (*q == '.')
                    dot = q;
        }
        size_t len = dot != NULL ? (size_t)(end - dot) : 0;
        if (dot != NULL && extension_is(dot, len, ".csv"))
            return READER_FORMAT_CSV;
        if (dot != NULL && extension_is(dot, len, ".json"))
            return READER_FORMAT_JSON;
    }
    if (fallback == READER_FORMAT_NONE)
        cli_error("%s: cannot tell the format from the file name: name it .csv or .json, "
                  "or give --format csv|json", reader_name(path));
    return fallback;
}

/* Everything a read needs but the CSV row's text, allocated once. */
typedef struct reader_state {
    src s;
    char value[READER_MAX_COLUMNS][READER_MAX_STRING];
    char key[READER_MAX_STRING];
    csv c;
    json j;
} reader_state;

int reader_read_source(reader_source *source, reader_format format, const reader_schema *schema,
                       const reader_options *options, reader_row_fn on_row, void *ctx,
                       size_t *rows)
{
    const char *name = reader_source_name(source);
    *rows = 0;
    reader_state *r = malloc(sizeof *r);
    if (r == NULL) {
        cli_error("%s: out of memory", name);
        return -1;
    }
    source_feed *feed = source_start(source, options->thread, options->block);
    if (feed == NULL) {
        free(r);
        return -1;
    }
    sink k = {schema, on_row, ctx, 0, options->fast};
    int csv_format = format != READER_FORMAT_JSON;
    src_open(&r->s, feed, name, csv_format);
    int rc;
    if (csv_format) {
        r->c = (csv){.s = &r->s};
        rc = csv_read(&r->c, &k);
        free(r->c.text);
    } else {
        r->j = (json){.s = &r->s, .value = r->value, .key = r->key};
        rc = json_read(&r->j, &k);
    }
    source_finish(feed);
    free(r);
    *rows = k.rows;
    return rc;
}

int reader_read(const char *path, reader_format format, const reader_schema *schema,
                reader_row_fn on_row, void *ctx, size_t *rows)
{
    static const reader_options defaults = {1, 0, 0};
    *rows = 0;
    reader_source *source = reader_open(path, 0);
    if (source == NULL)
        return -1;
    int rc = reader_read_source(source, format, schema, &defaults, on_row, ctx, rows);
    reader_close(source);
    return rc < 0 ? -1 : 0;
}
