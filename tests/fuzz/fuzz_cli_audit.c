/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzzer: the btxdose tool's population reader (tools/btxdose/population.c over
 * reader.c and source.c) and the chunked audit (stream.c), CSV or JSON as chosen by
 * FUZZ_FORMAT at compile time; the input is written to a memfd and read back through
 * /proc/self/fd/N.
 *
 * Invariants:
 * - The fast path agrees with the general reader: reading with pop_options.fast 1 (the
 *   reader's in-place split of plain CSV lines, the converters' caches; for half the
 *   inputs in small blocks, so that lines cross blocks) and 0 (every byte and field
 *   through the general code) gives the same result (0 or -1), the same error message,
 *   and the same rows (values, patients, lines) in the same order.
 * - A read that succeeds (those of fuzz_cli_history.c, for a population): the number of
 *   rows equals the data rows of the input counted independently (fuzz_cli_rows.h);
 *   every row is one the library accepts (btx_check_audit_row) with a patient text that
 *   is not empty, and flags that are only the limbs column's count (1 or 2) on a limb
 *   indication; the rows' lines are >= 1, increase (strictly in CSV; JSON objects may
 *   share a line) and never exceed the input's lines. A failed read leaves nothing
 *   allocated (LSan).
 * - The chunked audit (stream_audit, with chunks of one patient and of many, with and
 *   without the reading thread) succeeds exactly when the read does, with the same
 *   error message when it fails; it hands on every row once, in the order of patient
 *   text, date and line, each with the result one btx_audit call over all the rows in
 *   that order gives. With --sorted it succeeds, with the same answers, exactly when
 *   the file is already in that order, and otherwise fails naming a line.
 * The reader reports every error on stderr: run with -close_fd_mask=2 (tests/fuzz/run.sh
 * does). */
#include "fuzz_cli_rows.h"
#include "cli.h"
#include "population.h"
#include "stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct kept {
    btx_audit_row row;
    char *patient;
    size_t line, patient_line, date_line;
    btx_audit_result result; /* the audit's, once known */
} kept;

typedef struct rows {
    kept *r;
    size_t n, cap;
} rows;

static void rows_free(rows *k)
{
    for (size_t i = 0; i < k->n; i++)
        free(k->r[i].patient);
    free(k->r);
    memset(k, 0, sizeof *k);
}

static kept *rows_push(rows *k)
{
    if (k->n == k->cap) {
        k->cap = k->cap == 0 ? 64 : k->cap * 2;
        k->r = realloc(k->r, k->cap * sizeof *k->r);
        CHECK(k->r != NULL, "realloc");
    }
    kept *e = &k->r[k->n++];
    memset(e, 0, sizeof *e);
    return e;
}

static int keep_row(void *ctx, const char *file, const pop_row *r)
{
    rows *k = ctx;
    (void)file;
    CHECK(strlen(r->patient) == r->patient_len, "patient_len");
    kept *e = rows_push(k);
    e->row = r->row;
    e->patient = strdup(r->patient);
    CHECK(e->patient != NULL, "strdup");
    e->line = r->line;
    e->patient_line = r->patient_line;
    e->date_line = r->date_line;
    return 0;
}

/* Reads the input with the fast path on or off, in blocks of that many bytes (0: the
 * default): 0 or -1, the rows, the message. */
static int read_rows(const char *path, int fast, size_t block, rows *out, char msg[512])
{
    memset(out, 0, sizeof *out);
    reader_source *src = reader_open(path, 0);
    CHECK(src != NULL, "reader_open");
    pop_options o = {fast, 0, block, 0};
    size_t n = 0;
    cli_error_capture(msg, 512);
    reader_format fmt = reader_choose_format(path, FUZZ_FORMAT, READER_FORMAT_CSV);
    int rc = population_read(src, fmt, &o, keep_row, out, &n);
    cli_error_capture(NULL, 0);
    reader_close(src);
    CHECK(rc == 0 || rc == -1, "population_read returned %d", rc);
    CHECK(rc != 0 || n == out->n, "%zu rows counted, %zu handed on", n, out->n);
    CHECK((rc == 0) == (msg[0] == '\0'), "a message exactly on failure: '%s'", msg);
    return rc;
}

static void same_rows(const rows *a, const rows *b)
{
    CHECK(a->n == b->n, "fast path %zu rows, general %zu", a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        const kept *x = &a->r[i], *y = &b->r[i];
        CHECK(memcmp(&x->row, &y->row, sizeof x->row) == 0 && strcmp(x->patient, y->patient) == 0 &&
                  x->line == y->line && x->patient_line == y->patient_line &&
                  x->date_line == y->date_line,
              "row %zu differs between the fast path and the general reader", i);
    }
}

static void check_rows(const rows *k, const uint8_t *data, size_t size)
{
    size_t lines = fuzz_lines(data, size);
    CHECK(k->n == fuzz_rows(data, size, FUZZ_FORMAT), "%zu rows read, %zu in the file", k->n,
          fuzz_rows(data, size, FUZZ_FORMAT));
    for (size_t i = 0; i < k->n; i++) {
        const kept *e = &k->r[i];
        int32_t field = -1;
        CHECK(btx_check_audit_row(&e->row, &field) == BTX_OK && field == BTX_FIELD_NONE,
              "row %zu refused (field %d)", i, (int)field);
        CHECK(e->row.patient == 0 && e->patient[0] != '\0', "patient");
        /* flags: only the limbs column's count (1 or 2), and only on a limb indication */
        int32_t flags = e->row.admin.flags, ind = e->row.admin.indication;
        CHECK((flags == 0 || flags == 1 || flags == 2) &&
                  (flags == 0 || ind == BTX_INDICATION_UPPER_LIMB_SPASTICITY ||
                   ind == BTX_INDICATION_LOWER_LIMB_SPASTICITY),
              "row %zu: flags %d on indication %d", i, (int)flags, (int)ind);
        CHECK(e->line >= 1 && e->line <= lines, "line %zu of %zu", e->line, lines);
        CHECK(e->patient_line >= e->line && e->date_line >= e->line &&
                  e->patient_line <= lines && e->date_line <= lines,
              "value lines");
        if (i > 0)
            CHECK(fuzz_lines_follow(k->r[i - 1].line, e->line, FUZZ_FORMAT),
                  "line %zu after line %zu", e->line, k->r[i - 1].line);
    }
}

static int by_patient_date_line(const void *x, const void *y)
{
    const kept *a = x, *b = y;
    int c = strcmp(a->patient, b->patient);
    if (c != 0)
        return c;
    if (a->row.admin.date != b->row.admin.date)
        return a->row.admin.date < b->row.admin.date ? -1 : 1;
    return (a->line > b->line) - (a->line < b->line);
}

/* The reference: the rows sorted, numbered, audited by one call. Returns whether the
 * file was already in that order. */
static int reference(rows *k)
{
    int sorted = 1;
    for (size_t i = 1; i < k->n; i++)
        if (by_patient_date_line(&k->r[i - 1], &k->r[i]) > 0)
            sorted = 0;
    if (k->n > 1)
        qsort(k->r, k->n, sizeof *k->r, by_patient_date_line);
    btx_audit_row *in = malloc((k->n + 1) * sizeof *in);
    btx_audit_result *out = malloc((k->n + 1) * sizeof *out);
    CHECK(in != NULL && out != NULL, "malloc");
    uint64_t key = 0;
    for (size_t i = 0; i < k->n; i++) {
        if (i == 0 || strcmp(k->r[i].patient, k->r[i - 1].patient) != 0)
            key++;
        in[i] = k->r[i].row;
        in[i].patient = key;
    }
    size_t flagged = k->n + 1;
    CHECK(btx_audit(NULL, in, k->n, out, &flagged) == BTX_OK, "btx_audit");
    CHECK(flagged <= k->n, "flagged %zu of %zu", flagged, k->n);
    for (size_t i = 0; i < k->n; i++)
        k->r[i].result = out[i];
    free(in);
    free(out);
    return sorted;
}

/* What the sink got since the last restart. */
typedef struct seen {
    rows got;
    size_t restarts;
} seen;

static int on_chunk(void *ctx, const audit_chunk *c)
{
    seen *s = ctx;
    CHECK(c->n > 0 && c->npatients > 0, "empty chunk");
    for (size_t i = 0; i < c->n; i++) {
        uint64_t key = c->rows[i].patient;
        CHECK(key >= 1 && key <= c->npatients &&
                  (i == 0 ? key == 1 : key - c->rows[i - 1].patient <= 1),
              "keys");
        kept *e = rows_push(&s->got);
        e->row = c->rows[i];
        e->row.patient = 0;
        e->patient = strdup(c->patients[key - 1]);
        CHECK(e->patient != NULL, "strdup");
        e->line = c->lines[i];
        e->result = c->results[i];
    }
    return 0;
}

static int on_restart(void *ctx)
{
    seen *s = ctx;
    rows_free(&s->got);
    s->restarts++;
    return 0;
}

/* Runs stream_audit; checks what the sink got against want (NULL: the read fails with
 * message want_msg). */
static void check_stream(const char *path, const rows *want, const char *want_msg, int sorted,
                         int file_sorted, size_t chunk_rows, int thread, size_t block)
{
    seen s;
    memset(&s, 0, sizeof s);
    audit_sink sink = {on_chunk, on_restart, &s};
    stream_options o = {path, FUZZ_FORMAT, NULL, sorted, 1, thread, chunk_rows, block};
    stream_result r;
    char msg[512];
    cli_error_capture(msg, sizeof msg);
    int rc = stream_audit(&o, &sink, &r);
    cli_error_capture(NULL, 0);
    if (want == NULL) {
        CHECK(rc == -1 && strcmp(msg, want_msg) == 0, "stream: '%s', read: '%s'", msg, want_msg);
    } else if (sorted && !file_sorted) {
        CHECK(rc == -1 && strstr(msg, ": not sorted: ") != NULL, "--sorted took unsorted rows");
    } else {
        CHECK(rc == 0, "stream_audit failed: %s", msg);
        CHECK(s.got.n == want->n && r.rows == want->n, "%zu rows audited, %zu read", s.got.n,
              want->n);
        for (size_t i = 0; i < want->n; i++) {
            const kept *g = &s.got.r[i], *w = &want->r[i];
            CHECK(memcmp(&g->row, &w->row, sizeof g->row) == 0 && g->line == w->line &&
                      strcmp(g->patient, w->patient) == 0,
                  "row %zu out of order or changed", i);
            CHECK(memcmp(&g->result, &w->result, sizeof g->result) == 0,
                  "row %zu: the chunked result differs from one audit's", i);
        }
        CHECK(r.in_memory == !file_sorted && s.restarts == (size_t)r.in_memory, "in memory");
        size_t patients = 0;
        for (size_t i = 0; i < want->n; i++)
            patients += i == 0 || strcmp(want->r[i].patient, want->r[i - 1].patient) != 0;
        CHECK(r.patients == patients, "%zu patients, %zu expected", r.patients, patients);
    }
    rows_free(&s.got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    const char *path = fuzz_as_file(data, size);
    /* Small blocks for some inputs: lines then cross from one block to the next. */
    size_t block = size > 0 && data[size - 1] % 2 ? SOURCE_MIN_BLOCK + data[0] % 64 : 0;
    rows fast, general;
    char fast_msg[512], general_msg[512];
    int rc = read_rows(path, 1, block, &fast, fast_msg);
    int rc2 = read_rows(path, 0, 0, &general, general_msg);
    CHECK(rc == rc2 && strcmp(fast_msg, general_msg) == 0,
          "fast path: %d '%s'; general reader: %d '%s'", rc, fast_msg, rc2, general_msg);
    same_rows(&fast, &general);
    rows_free(&general);
    if (rc != 0) {
        CHECK(fast.n == 0 || fast.r != NULL, "rows");
        rows_free(&fast);
        check_stream(path, NULL, fast_msg, 0, 0, 1, 0, block);
        return 0;
    }
    check_rows(&fast, data, size);
    int file_sorted = reference(&fast);
    check_stream(path, &fast, NULL, 0, file_sorted, 1, 0, block);
    check_stream(path, &fast, NULL, 0, file_sorted, 1000, 1, 0);
    check_stream(path, &fast, NULL, 1, file_sorted, 2, 0, block);
    rows_free(&fast);
    return 0;
}
