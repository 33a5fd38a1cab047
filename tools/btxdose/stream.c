/* SPDX-License-Identifier: Apache-2.0 */
/* The audit of a population file in chunks (see stream.h). */
#define _GNU_SOURCE /* pthread_setname_np */
#include "stream.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "population.h"
#include "reader.h"

#define CHUNK_ROWS 16384

/* ---- a chunk: rows of whole patients, audited by one btx_audit call ---- */

typedef struct chunk {
    btx_audit_row *rows;
    btx_audit_result *results;
    size_t *lines;
    size_t n, cap;
    char *text;           /* the patients' texts, each NUL-terminated */
    size_t text_len, text_cap;
    size_t *text_at;      /* offset of patient k's text */
    const char **patients;
    size_t npat, pat_cap;
    size_t unchecked;     /* rows not put to btx_check_audit_row yet (pop_row.checked) */
} chunk;

static void chunk_free(chunk *c)
{
    free(c->rows);
    free(c->results);
    free(c->lines);
    free(c->text);
    free(c->text_at);
    free(c->patients);
    memset(c, 0, sizeof *c);
}

static size_t grown(size_t cap, size_t need, size_t least)
{
    size_t n = cap < least ? least : cap;
    while (n < need)
        n = n > SIZE_MAX / 4 ? need : n * 2;
    return n;
}

static int chunk_reserve(chunk *c, size_t rows, size_t text, size_t patients)
{
    if (rows > c->cap) {
        size_t cap = grown(c->cap, rows, 1024);
        void *a = realloc(c->rows, cap * sizeof *c->rows);
        if (a != NULL)
            c->rows = a;
        void *b = realloc(c->results, cap * sizeof *c->results);
        if (b != NULL)
            c->results = b;
        void *l = realloc(c->lines, cap * sizeof *c->lines);
        if (l != NULL)
            c->lines = l;
        if (a == NULL || b == NULL || l == NULL)
            return -1;
        c->cap = cap;
    }
    if (text > c->text_cap) {
        size_t cap = grown(c->text_cap, text, 4096);
        char *t = realloc(c->text, cap);
        if (t == NULL)
            return -1;
        c->text = t;
        c->text_cap = cap;
    }
    if (patients > c->pat_cap) {
        size_t cap = grown(c->pat_cap, patients, 256);
        void *a = realloc(c->text_at, cap * sizeof *c->text_at);
        if (a != NULL)
            c->text_at = a;
        void *p = realloc(c->patients, cap * sizeof *c->patients);
        if (p != NULL)
            c->patients = p;
        if (a == NULL || p == NULL)
            return -1;
        c->pat_cap = cap;
    }
    return 0;
}

/* Starts a patient: the rows added next are theirs. */
static int chunk_patient(chunk *c, const char *text, size_t len)
{
    if (chunk_reserve(c, 0, c->text_len + len + 1, c->npat + 1) != 0)
        return -1;
    memcpy(c->text + c->text_len, text, len);
    c->text[c->text_len + len] = '\0';
    c->text_at[c->npat++] = c->text_len;
    c->text_len += len + 1;
    return 0;
}

static int chunk_row(chunk *c, const btx_audit_row *row, size_t line)
{
    if (c->n == c->cap && chunk_reserve(c, c->n + 1, 0, 0) != 0)
        return -1;
    c->rows[c->n] = *row;
    c->rows[c->n].patient = c->npat;
    c->lines[c->n++] = line;
    return 0;
}

/* ---- the rows kept for a sort in memory: 32 bytes a row ---- */

typedef struct srow {
    double units;
    uint64_t line;
    uint32_t patient; /* the patient's number in the store, in order of first sight */
    btx_date date;
    uint8_t product, indication;
    uint16_t flags;   /* btx_administration.flags: the limbs (bits 0-1; checked) */
    uint32_t extra;   /* 0, or 1 + the index of the row's weight and birth date */
} srow;
_Static_assert(sizeof(srow) == 32, "a row kept for the sort in memory is 32 bytes");

typedef struct sextra {
    double weight_kg;
    btx_date birth_date;
} sextra;

typedef struct store {
    srow *rows;
    size_t n, cap;
    sextra *extra;
    size_t nextra, extra_cap;
    char *text;        /* the patients' texts, each NUL-terminated */
    size_t text_len, text_cap;
    size_t *at;        /* offset of each patient's text */
    size_t npat, at_cap;
    struct pslot {
        uint64_t at;   /* the patient's text */
        uint32_t tag;  /* the hash's top 32 bits */
        uint32_t id;   /* 1 + the patient's number; 0: an empty slot */
    } *slot;           /* hash table of patients */
    size_t nslots;
    uint32_t last;     /* the last row's patient, checked first */
} store;

static void store_free(store *st)
{
    free(st->rows);
    free(st->extra);
    free(st->text);
    free(st->at);
    free(st->slot);
    memset(st, 0, sizeof *st);
}

static uint64_t text_hash(const char *s, size_t len)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
    return h;
}

static int store_rehash(store *st)
{
    size_t n = st->nslots == 0 ? 1024 : st->nslots * 2;
    struct pslot *slot = calloc(n, sizeof *slot);
    if (slot == NULL)
        return -1;
    for (size_t id = 0; id < st->npat; id++) {
        const char *t = st->text + st->at[id];
        uint64_t h = text_hash(t, strlen(t));
        size_t i = (size_t)h & (n - 1);
        while (slot[i].id != 0)
            i = (i + 1) & (n - 1);
        slot[i] = (struct pslot){st->at[id], (uint32_t)(h >> 32), (uint32_t)id + 1};
    }
    free(st->slot);
    st->slot = slot;
    st->nslots = n;
    return 0;
}

/* The patient's number, a new one for a text not seen before. */
static int store_patient(store *st, const char *text, size_t len, uint32_t *id)
{
    if (st->npat > 0) {
        const char *t = st->text + st->at[st->last];
        if (strncmp(t, text, len) == 0 && t[len] == '\0') {
            *id = st->last;
            return 0;
        }
    }
    if ((st->npat + 1) * 2 > st->nslots && store_rehash(st) != 0)
        return -1;
    uint64_t h = text_hash(text, len);
    size_t mask = st->nslots - 1, i = (size_t)h & mask;
    for (; st->slot[i].id != 0; i = (i + 1) & mask) {
        if (st->slot[i].tag != (uint32_t)(h >> 32))
            continue;
        const char *t = st->text + st->slot[i].at;
        if (strncmp(t, text, len) == 0 && t[len] == '\0') {
            *id = st->last = st->slot[i].id - 1;
            return 0;
        }
    }
    if (st->npat >= UINT32_MAX - 1)
        return -1;
    if (st->text_len + len + 1 > st->text_cap) {
        size_t cap = grown(st->text_cap, st->text_len + len + 1, 1 << 16);
        char *t = realloc(st->text, cap);
        if (t == NULL)
            return -1;
        st->text = t;
        st->text_cap = cap;
    }
    if (st->npat == st->at_cap) {
        size_t cap = grown(st->at_cap, st->npat + 1, 1024);
        size_t *a = realloc(st->at, cap * sizeof *a);
        if (a == NULL)
            return -1;
        st->at = a;
        st->at_cap = cap;
    }
    memcpy(st->text + st->text_len, text, len);
    st->text[st->text_len + len] = '\0';
    st->at[st->npat] = st->text_len;
    st->text_len += len + 1;
    st->slot[i] = (struct pslot){st->at[st->npat], (uint32_t)(h >> 32), (uint32_t)st->npat + 1};
    *id = st->last = (uint32_t)st->npat++;
    return 0;
}

static int store_add(store *st, const pop_row *r)
{
    uint32_t id = 0;
    if (store_patient(st, r->patient, r->patient_len, &id) != 0)
        return -1;
    if (st->n == st->cap) {
        size_t cap = grown(st->cap, st->n + 1, 1 << 14);
        srow *rows = realloc(st->rows, cap * sizeof *rows);
        if (rows == NULL)
            return -1;
        st->rows = rows;
        st->cap = cap;
    }
    srow *s = &st->rows[st->n];
    s->units = r->row.admin.units;
    s->line = r->line;
    s->patient = id;
    s->date = r->row.admin.date;
    s->product = (uint8_t)r->row.admin.product;     /* 1..8: checked by the library */
    s->indication = (uint8_t)r->row.admin.indication; /* 0..17 */
    s->flags = (uint16_t)r->row.admin.flags;         /* 0..BTX_LIMBS_MASK: checked */
    s->extra = 0;
    uint64_t weight_bits;
    memcpy(&weight_bits, &r->row.weight_kg, sizeof weight_bits);
    if (weight_bits != 0 || r->row.birth_date != BTX_DATE_UNKNOWN) {
        if (st->nextra >= UINT32_MAX - 1)
            return -1;
        if (st->nextra == st->extra_cap) {
            size_t cap = grown(st->extra_cap, st->nextra + 1, 1024);
            sextra *e = realloc(st->extra, cap * sizeof *e);
            if (e == NULL)
                return -1;
            st->extra = e;
            st->extra_cap = cap;
        }
        st->extra[st->nextra].weight_kg = r->row.weight_kg;
        st->extra[st->nextra].birth_date = r->row.birth_date;
        s->extra = (uint32_t)++st->nextra;
    }
    st->n++;
    return 0;
}

static btx_audit_row store_row(const store *st, const srow *s)
{
    btx_audit_row r;
    memset(&r, 0, sizeof r);
    r.admin.date = s->date;
    r.admin.product = s->product;
    r.admin.indication = s->indication;
    r.admin.flags = s->flags;
    r.admin.units = s->units;
    r.weight_kg = 0.0;
    r.birth_date = BTX_DATE_UNKNOWN;
    if (s->extra != 0) {
        r.weight_kg = st->extra[s->extra - 1].weight_kg;
        r.birth_date = st->extra[s->extra - 1].birth_date;
    }
    return r;
}

/* ---- the audit of a chunk, here or in a second thread ---- */

/* Audits the chunk and hands it to the sink. Returns 0, or -1 after a message. */
static int audit_now(const btx_policy *policy, const audit_sink *sink, const char *name,
                     chunk *c)
{
    for (size_t k = 0; k < c->npat; k++)
        c->patients[k] = c->text + c->text_at[k];
    size_t flagged = 0;
    int rc = btx_audit(policy, c->rows, c->n, c->results, &flagged);
    if (rc != BTX_OK) {
        /* A row whose check was deferred (pop_options.defer_check): the first one the
         * library refuses, as the reader would have named it. */
        for (size_t i = 0; i < c->n; i++)
            if (population_check_row(name, &c->rows[i], c->lines[i]) != 0)
                return -1;
        /* Every row and the policy passed btx_check_*, and the order is checked: this
         * is a rule the tool does not know of. Name the row if the library can. */
        size_t bad = 0;
        int32_t field = BTX_FIELD_NONE;
        if (btx_check_audit_rows(c->rows, c->n, &bad, &field) == BTX_OK)
            bad = c->n; /* the checks find no bad row: name none */
        cli_error("%s:%zu: %s: libbtxdose refused the audit: %s", name,
                  bad < c->n ? c->lines[bad] : 0, btx_field_name(field), btx_strerror(rc));
        return -1;
    }
    audit_chunk ac = {c->n, c->rows, c->results, c->lines, c->patients, c->npat};
    return sink->chunk(sink->ctx, &ac);
}

/* The second thread: it audits the chunks the reading thread fills, in order, and hands
 * them to the sink; its one message, if any, is printed by the reading thread. */
#define AUDIT_BUFFERS 3

typedef struct auditor {
    const btx_policy *policy;
    const audit_sink *sink;
    const char *name;
    chunk buf[AUDIT_BUFFERS];
    int full[AUDIT_BUFFERS];
    size_t put, got;     /* chunks handed over, and audited */
    int quit, failed;
    char msg[512];
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
} auditor;

static void *audit_loop(void *arg)
{
    auditor *a = arg;
    pthread_setname_np(pthread_self(), "btxdose-audit");
    cli_error_capture(a->msg, sizeof a->msg);
    for (;;) {
        pthread_mutex_lock(&a->mu);
        size_t i = a->got % AUDIT_BUFFERS;
        while (!a->quit && !a->full[i])
            pthread_cond_wait(&a->cv, &a->mu);
        int failed = a->failed, stop = !a->full[i];
        pthread_mutex_unlock(&a->mu);
        if (stop)
            break;
        if (!failed && audit_now(a->policy, a->sink, a->name, &a->buf[i]) != 0)
            failed = 1;
        pthread_mutex_lock(&a->mu);
        a->full[i] = 0;
        a->got++;
        a->failed |= failed;
        pthread_cond_broadcast(&a->cv);
        pthread_mutex_unlock(&a->mu);
    }
    cli_error_capture(NULL, 0);
    return NULL;
}

static auditor *auditor_start(const btx_policy *policy, const audit_sink *sink,
                              const char *name)
{
    auditor *a = calloc(1, sizeof *a);
    if (a == NULL)
        return NULL;
    a->policy = policy;
    a->sink = sink;
    a->name = name;
    if (pthread_mutex_init(&a->mu, NULL) != 0) {
        free(a);
        return NULL;
    }
    if (pthread_cond_init(&a->cv, NULL) != 0 ||
        pthread_create(&a->thread, NULL, audit_loop, a) != 0) {
        pthread_mutex_destroy(&a->mu);
        free(a);
        return NULL; /* the chunks are audited in the reading thread */
    }
    return a;
}

/* Hands the chunk over: *c becomes an empty chunk (a buffer the thread is done with).
 * Returns 0, or -1 when the thread failed (its message waits in a->msg). */
static int auditor_put(auditor *a, chunk *c)
{
    pthread_mutex_lock(&a->mu);
    size_t i = a->put % AUDIT_BUFFERS;
    while (a->full[i] && !a->failed)
        pthread_cond_wait(&a->cv, &a->mu);
    int failed = a->failed;
    if (!failed) {
        chunk t = a->buf[i];
        a->buf[i] = *c;
        *c = t;
        c->n = c->npat = c->text_len = c->unchecked = 0;
        a->full[i] = 1;
        a->put++;
        pthread_cond_broadcast(&a->cv);
    }
    pthread_mutex_unlock(&a->mu);
    return failed ? -1 : 0;
}

/* Waits until every chunk handed over is audited. Returns 0, or -1 when one failed. */
static int auditor_drain(auditor *a)
{
    pthread_mutex_lock(&a->mu);
    while (a->got != a->put && !a->failed)
        pthread_cond_wait(&a->cv, &a->mu);
    int failed = a->failed;
    pthread_mutex_unlock(&a->mu);
    return failed ? -1 : 0;
}

/* Stops the thread (after what was handed over, unless it failed) and frees it. */
static void auditor_stop(auditor *a)
{
    if (a == NULL)
        return;
    pthread_mutex_lock(&a->mu);
    a->quit = 1;
    pthread_cond_broadcast(&a->cv);
    pthread_mutex_unlock(&a->mu);
    pthread_join(a->thread, NULL);
    for (size_t i = 0; i < AUDIT_BUFFERS; i++)
        chunk_free(&a->buf[i]);
    pthread_cond_destroy(&a->cv);
    pthread_mutex_destroy(&a->mu);
    free(a);
}

/* ---- the stream ---- */

enum { MODE_STREAM, MODE_COLLECT };

typedef struct stream {
    const stream_options *o;
    const audit_sink *sink;
    reader_source *src;
    const char *name;
    size_t chunk_rows;
    int mode;
    chunk c;
    char *prev;           /* the last row's patient */
    size_t prev_len, prev_cap;
    btx_date prev_date;
    size_t streamed;      /* rows read in MODE_STREAM */
    size_t patients;
    size_t prefix_rows;   /* rows before the first one out of order */
    size_t unsorted_line;
    store st;
    size_t again;         /* rows read again (the prefix) */
    auditor *aud;         /* the second thread that audits, or NULL */
    int aud_failed;       /* the reading stopped because that thread failed */
    pop_options *po;      /* the reads' options: defer_check ends with MODE_STREAM */
} stream;

/* Puts the rows of the chunk whose check was deferred to the library. Returns 0, or -1
 * after naming the first one it refuses. */
static int check_chunk(stream *s)
{
    if (s->c.unchecked == 0)
        return 0;
    for (size_t i = 0; i < s->c.n; i++)
        if (population_check_row(s->name, &s->c.rows[i], s->c.lines[i]) != 0)
            return -1;
    s->c.unchecked = 0;
    return 0;
}

static int out_of_memory(stream *s)
{
    cli_error("%s: out of memory", s->name);
    return -1;
}

/* Audits the chunk (or hands it to the second thread) and empties it. */
static int flush(stream *s)
{
    chunk *c = &s->c;
    if (c->n == 0)
        return 0;
    if (s->aud != NULL) {
        if (auditor_put(s->aud, c) == 0)
            return 0;
        s->aud_failed = 1; /* its message is printed at the end */
        return -1;
    }
    int rc = audit_now(s->o->policy, s->sink, s->name, c);
    c->n = c->npat = c->text_len = c->unchecked = 0;
    return rc;
}

/* Bytewise order of two texts without NUL bytes, as strcmp. */
static int text_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);
    return c != 0 ? c : (alen > blen) - (alen < blen);
}

static int out_of_order(stream *s, const char *file, const pop_row *r, int patient)
{
    size_t line = patient ? r->patient_line : r->date_line;
    if (s->o->sorted) {
        char a[CLI_EXCERPT_SIZE], b[CLI_EXCERPT_SIZE];
        char da[BTX_DATE_FORMAT_SIZE], db[BTX_DATE_FORMAT_SIZE];
        s->prev[s->prev_len] = '\0';
        if (patient)
            cli_error("%s:%zu: patient: not sorted: '%s' after '%s' (--sorted: the rows must "
                      "be sorted by patient, then date)", file, line,
                      cli_excerpt(r->patient, a), cli_excerpt(s->prev, b));
        else
            cli_error("%s:%zu: date: not sorted: %s after %s for patient '%s' (--sorted: the "
                      "rows must be sorted by patient, then date)", file, line,
                      btx_date_format(r->row.admin.date, da, sizeof da) == BTX_OK ? da : "?",
                      btx_date_format(s->prev_date, db, sizeof db) == BTX_OK ? db : "?",
                      cli_excerpt(r->patient, a));
        return -1;
    }
    /* Everything so far comes again, sorted with the rest in memory, every row checked
     * as it is read; the rows read so far must be good first. */
    if (check_chunk(s) != 0)
        return -1;
    s->mode = MODE_COLLECT;
    s->po->defer_check = 0;
    s->prefix_rows = s->streamed;
    s->unsorted_line = line;
    reader_stop_copy(s->src);
    s->c.n = s->c.npat = s->c.text_len = 0;
    if (s->aud != NULL && auditor_drain(s->aud) != 0) {
        s->aud_failed = 1;
        return -1;
    }
    if (s->sink->restart(s->sink->ctx) != 0)
        return -1;
    if (!r->checked && population_check_row(file, &r->row, r->line) != 0)
        return -1;
    return store_add(&s->st, r) != 0 ? out_of_memory(s) : 0;
}

static int on_row(void *ctx, const char *file, const pop_row *r)
{
    stream *s = ctx;
    if (s->mode == MODE_COLLECT)
        return store_add(&s->st, r) != 0 ? out_of_memory(s) : 0;
    int same = s->streamed > 0 && r->patient_len == s->prev_len &&
               memcmp(r->patient, s->prev, r->patient_len) == 0;
    if (same) {
        if (r->row.admin.date < s->prev_date)
            return out_of_order(s, file, r, 0);
    } else {
        if (s->streamed > 0 && text_cmp(r->patient, r->patient_len, s->prev, s->prev_len) < 0)
            return out_of_order(s, file, r, 1);
        if (s->c.n >= s->chunk_rows && flush(s) != 0)
            return -1;
        if (r->patient_len + 1 > s->prev_cap) {
            size_t cap = grown(s->prev_cap, r->patient_len + 1, 64);
            char *p = realloc(s->prev, cap);
            if (p == NULL)
                return out_of_memory(s);
            s->prev = p;
            s->prev_cap = cap;
        }
        memcpy(s->prev, r->patient, r->patient_len);
        s->prev_len = r->patient_len;
        if (chunk_patient(&s->c, r->patient, r->patient_len) != 0)
            return out_of_memory(s);
        s->patients++;
    }
    s->prev_date = r->row.admin.date;
    if (chunk_row(&s->c, &r->row, r->line) != 0)
        return out_of_memory(s);
    s->c.unchecked += !r->checked;
    s->streamed++;
    return 0;
}

/* The second read: the rows before the first one out of order. */
static int on_row_again(void *ctx, const char *file, const pop_row *r)
{
    stream *s = ctx;
    (void)file;
    if (s->again == s->prefix_rows)
        return 1;
    s->again++;
    return store_add(&s->st, r) != 0 ? out_of_memory(s) : 0;
}

typedef struct by_text {
    const char *text;
    uint32_t id;
} by_text;

static int by_text_cmp(const void *x, const void *y)
{
    return strcmp(((const by_text *)x)->text, ((const by_text *)y)->text);
}

static int by_date_line(const void *x, const void *y)
{
    const srow *a = x, *b = y;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    return (a->line > b->line) - (a->line < b->line);
}

/* Rows by patient (their rank, in srow.patient), date and line. */
static int by_patient_date_line(const void *x, const void *y)
{
    const srow *a = x, *b = y;
    if (a->patient != b->patient)
        return a->patient < b->patient ? -1 : 1;
    return by_date_line(x, y);
}

static void insertion_sort(srow *rows, size_t n, int (*cmp)(const void *, const void *))
{
    for (size_t i = 1; i < n; i++) {
        srow x = rows[i];
        size_t j = i;
        for (; j > 0 && cmp(&rows[j - 1], &x) > 0; j--)
            rows[j] = rows[j - 1];
        rows[j] = x;
    }
}

#define RADIX_BITS 11
#define RADIX ((size_t)1 << RADIX_BITS)

/* Sorts rows by patient rank, date and line: an in-place radix sort on the rank, 11 bits
 * at a time from the top (each pass moves rows to RADIX places at once, which the caches
 * follow), then each patient's rows by date and line. scratch: 2 * RADIX entries for
 * each level still to come. */
static void sort_rows(srow *rows, size_t n, unsigned shift, size_t *scratch)
{
    if (n < 64) {
        insertion_sort(rows, n, by_patient_date_line);
        return;
    }
    size_t *next = scratch, *end = scratch + RADIX;
    memset(end, 0, RADIX * sizeof *end);
    for (size_t i = 0; i < n; i++)
        end[(rows[i].patient >> shift) & (RADIX - 1)]++;
    size_t acc = 0;
    for (size_t d = 0; d < RADIX; d++) {
        next[d] = acc;
        acc += end[d];
        end[d] = acc;
    }
    for (size_t d = 0; d < RADIX; d++) {
        while (next[d] < end[d]) {
            srow x = rows[next[d]];
            size_t dx = (x.patient >> shift) & (RADIX - 1);
            if (dx == d) {
                next[d]++;
                continue;
            }
            do {
                size_t to = next[dx]++;
                srow y = rows[to];
                rows[to] = x;
                x = y;
                dx = (x.patient >> shift) & (RADIX - 1);
            } while (dx != d);
            rows[next[d]++] = x;
        }
    }
    for (size_t d = 0, from = 0; d < RADIX; from = end[d++]) {
        size_t m = end[d] - from;
        if (m < 2)
            continue;
        if (shift == 0) /* one patient */
            (m > 32 ? qsort(rows + from, m, sizeof *rows, by_date_line)
                    : insertion_sort(rows + from, m, by_date_line));
        else
            sort_rows(rows + from, m, shift > RADIX_BITS ? shift - RADIX_BITS : 0,
                      scratch + 2 * RADIX);
    }
}

/* Sorts the store by patient text, date and line, and audits it in chunks. */
static int store_audit(stream *s)
{
    store *st = &s->st;
    size_t np = st->npat;
    by_text *order = malloc((np + 1) * sizeof *order);
    uint32_t *rank = malloc((np + 1) * sizeof *rank);
    size_t *scratch = malloc(2 * RADIX * 4 * sizeof *scratch);
    int rc = -1;
    if (order == NULL || rank == NULL || scratch == NULL) {
        free(rank);
        out_of_memory(s);
        goto done;
    }
    for (size_t id = 0; id < np; id++)
        order[id] = (by_text){st->text + st->at[id], (uint32_t)id};
    qsort(order, np, sizeof *order, by_text_cmp);
    for (size_t r = 0; r < np; r++)
        rank[order[r].id] = (uint32_t)r;
    for (size_t i = 0; i < st->n; i++)
        st->rows[i].patient = rank[st->rows[i].patient];
    free(rank);
    unsigned bits = 0;
    while (bits < 32 && ((size_t)1 << bits) < np)
        bits++;
    sort_rows(st->rows, st->n, bits > RADIX_BITS ? bits - RADIX_BITS : 0, scratch);
    for (size_t i = 0; i < st->n; i++) {
        if (i == 0 || st->rows[i].patient != st->rows[i - 1].patient) {
            if (s->c.n >= s->chunk_rows && flush(s) != 0)
                goto done;
            const char *t = order[st->rows[i].patient].text;
            if (chunk_patient(&s->c, t, strlen(t)) != 0) {
                out_of_memory(s);
                goto done;
            }
        }
        btx_audit_row row = store_row(st, &st->rows[i]);
        if (chunk_row(&s->c, &row, (size_t)st->rows[i].line) != 0) {
            out_of_memory(s);
            goto done;
        }
    }
    rc = flush(s);
done:
    free(order);
    free(scratch);
    return rc;
}

int stream_audit(const stream_options *o, const audit_sink *sink, stream_result *out)
{
    memset(out, 0, sizeof *out);
    stream s;
    memset(&s, 0, sizeof s);
    s.o = o;
    s.sink = sink;
    s.chunk_rows = o->chunk_rows > 0 ? o->chunk_rows : CHUNK_ROWS;
    reader_format fmt = reader_choose_format(o->path, o->format, READER_FORMAT_CSV);
    s.src = reader_open(o->path, !o->sorted);
    if (s.src == NULL)
        return -1;
    s.name = reader_source_name(s.src);
    /* With the fast path, a row's check goes with its chunk to btx_audit (which checks
     * every row anyway) and is made alone only when something goes wrong. */
    pop_options po = {o->fast, o->thread, o->block, o->fast};
    s.po = &po;
    /* Messages wait here: a row read later must not be named before an earlier one
     * whose check is still to come. */
    char msg[512] = "";
    cli_capture prev = cli_error_capture_swap((cli_capture){msg, sizeof msg});
    if (o->thread)
        s.aud = auditor_start(o->policy, sink, s.name);
    size_t rows = 0, again = 0;
    int rc = population_read(s.src, fmt, &po, on_row, &s, &rows);
    if (rc == 0 && s.mode == MODE_STREAM) {
        rc = flush(&s);
        out->patients = s.patients;
    } else if (rc == 0) {
        /* Not sorted: the rows before the first one out of order, again. */
        rc = reader_rewind(s.src);
        if (rc == 0)
            rc = population_read(s.src, fmt, &po, on_row_again, &s, &again);
        if (rc >= 0 && s.again != s.prefix_rows) {
            cli_error("%s: the input changed while it was read", s.name);
            rc = -1;
        }
        if (rc >= 0) {
            out->patients = s.st.npat;
            rc = store_audit(&s);
        }
        out->in_memory = 1;
        out->unsorted_line = s.unsorted_line;
    }
    /* One message, of the earliest trouble: the chunks handed to the second thread came
     * before the rows still here, which came before the row being read. */
    int aud_failed = s.aud != NULL && auditor_drain(s.aud) != 0;
    char first[512] = "";
    if (aud_failed) {
        snprintf(first, sizeof first, "%s", s.aud->msg);
        rc = -1;
    } else if (rc != 0) {
        if (s.mode == MODE_STREAM)
            (void)check_chunk(&s); /* a row it refuses comes first: its message */
        snprintf(first, sizeof first, "%s", msg);
    }
    auditor_stop(s.aud);
    cli_error_capture_swap(prev);
    if (rc != 0)
        cli_error("%s", first);
    out->rows = rows;
    out->gzip = reader_source_gzip(s.src) == 1;
    reader_close(s.src);
    chunk_free(&s.c);
    store_free(&s.st);
    free(s.prev);
    return rc == 0 ? 0 : -1;
}
