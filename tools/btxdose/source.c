/* SPDX-License-Identifier: Apache-2.0 */
/* The bytes of an input, in blocks (see source.h). */
#define _GNU_SOURCE /* pthread_setname_np */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "cli.h"

/* Bytes of a block handed to the reader, and of the raw input read at a time. */
#define BLOCK_SIZE ((size_t)1 << 19)
#define RAW_SIZE ((size_t)1 << 17)
/* Blocks in flight when a second thread reads ahead. */
#define SLOTS 4

struct reader_source {
    const char *name;
    size_t size_hint;    /* a regular file's bytes from start: blocks need not be larger */
    int fd, own_fd;
    int regular;         /* fd is a regular file: it can be read again */
    off_t start;         /* where the first read started (standard input may not be at 0) */
    int copy_fd;         /* -1, or the unlinked copy of a pipe's bytes */
    atomic_int copying;  /* 1: every byte read from fd is written to copy_fd too */
    int copy_errno;      /* the copy could not be written: it is incomplete */
    int read_copy;       /* after reader_rewind: the bytes come from copy_fd */
    int gzip;            /* of the current read: -1 not known yet, 0 plain, 1 gzip */
    int was_gzip;        /* of the first read: for reader_source_gzip */
    unsigned char *raw;  /* raw_cap bytes read ahead: the magic test, gzip's input */
    size_t raw_cap;
    size_t raw_pos, raw_len;
    int raw_end;         /* read() returned 0 */
    z_stream z;
    int z_live;          /* inflateInit2 was called */
    int member_done;     /* the last gzip member ended; more input must be another one */
};

typedef struct slot {
    source_block b;
    int state; /* SLOT_* below; threaded feeds only */
    char msg[192];
} slot;

enum { SLOT_FREE, SLOT_FULL, SLOT_USED };

struct source_feed {
    reader_source *src;
    size_t block;        /* bytes of a block */
    int threaded;
    int cancellable;     /* the producer is the second thread: read() may be cancelled */
    unsigned char *memory;
    slot slots[SLOTS];
    size_t take;         /* the next slot the reader takes */
    int current;         /* the slot the reader holds, or -1 */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int quit;
};

/* ---- opening ---- */

static int make_copy(reader_source *s)
{
    char buf[1024];
    const char *dir = cli_temp_dir(buf, sizeof buf);
    int fd = cli_temp_file(dir, "btxdose-", NULL);
    if (fd < 0) {
        cli_error("%s: cannot create a temporary file in %s (for a copy of the input): %s",
                  s->name, dir, strerror(errno));
        return -1;
    }
    s->copy_fd = fd;
    atomic_store(&s->copying, 1);
    return 0;
}

reader_source *reader_open(const char *path, int copy)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    reader_source *s = calloc(1, sizeof *s);
    if (s == NULL) {
        cli_error("%s: out of memory", name);
        return NULL;
    }
    s->name = name;
    s->copy_fd = -1;
    s->gzip = s->was_gzip = -1;
    s->fd = is_stdin ? (cli_stdin_binary() == 0 ? STDIN_FILENO : -1) : cli_open_read(path);
    s->own_fd = !is_stdin;
    if (s->fd < 0) {
        cli_error("%s: cannot open: %s", path, strerror(errno));
        s->own_fd = 0;
        reader_close(s);
        return NULL;
    }
    struct stat st;
    s->regular = fstat(s->fd, &st) == 0 && S_ISREG(st.st_mode);
    if (s->regular) {
        s->start = lseek(s->fd, 0, SEEK_CUR);
        if (s->start < 0)
            s->regular = 0;
        else if (st.st_size > s->start)
            s->size_hint = (size_t)(st.st_size - s->start);
    }
    /* A small file needs no large buffers (a gzip file may hold much more than its
     * size, but the blocks only need to be large enough to be read quickly). */
    s->raw_cap = s->regular && s->size_hint + 1 < RAW_SIZE ? s->size_hint + 1 : RAW_SIZE;
    if (s->raw_cap < SOURCE_MIN_BLOCK)
        s->raw_cap = SOURCE_MIN_BLOCK;
    s->raw = malloc(s->raw_cap);
    if (s->raw == NULL) {
        cli_error("%s: out of memory", name);
        reader_close(s);
        return NULL;
    }
    if (copy && !s->regular && make_copy(s) != 0) {
        reader_close(s);
        return NULL;
    }
    return s;
}

const char *reader_source_name(const reader_source *src)
{
    return src->name;
}

int reader_source_gzip(const reader_source *src)
{
    return src->was_gzip;
}

void reader_stop_copy(reader_source *src)
{
    atomic_store(&src->copying, 0);
}

int reader_rewind(reader_source *s)
{
    if (s->regular) {
        if (lseek(s->fd, s->start, SEEK_SET) == s->start)
            return 0;
        cli_error("%s: cannot read the input a second time: %s", s->name, strerror(errno));
        return -1;
    }
    if (s->copy_fd < 0 || s->copy_errno != 0) {
        cli_error("%s: cannot read the input a second time%s%s", s->name,
                  s->copy_errno != 0 ? ": its copy could not be written: " : "",
                  s->copy_errno != 0 ? strerror(s->copy_errno) : "");
        return -1;
    }
    atomic_store(&s->copying, 0);
    if (lseek(s->copy_fd, 0, SEEK_SET) != 0) {
        cli_error("%s: cannot read the input a second time: %s", s->name, strerror(errno));
        return -1;
    }
    s->read_copy = 1;
    return 0;
}

static void end_gzip(reader_source *s)
{
    if (s->z_live)
        inflateEnd(&s->z);
    s->z_live = 0;
}

void reader_close(reader_source *s)
{
    if (s == NULL)
        return;
    end_gzip(s);
    if (s->own_fd && s->fd >= 0)
        close(s->fd);
    if (s->copy_fd >= 0)
        close(s->copy_fd);
    free(s->raw);
    free(s);
}

/* ---- raw bytes ---- */

/* read() from the input (or its copy), copying the bytes when asked. Cancellable only
 * in the second thread and only here: nothing else it does may be cut short. */
static long long raw_read(source_feed *f, unsigned char *buf, size_t cap)
{
    reader_source *s = f->src;
    int fd = s->read_copy ? s->copy_fd : s->fd;
    long long n;
    do {
        int old;
        if (f->cancellable)
            pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
        n = cli_read(fd, buf, cap);
        if (f->cancellable)
            pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
    } while (n < 0 && errno == EINTR);
    if (n > 0 && !s->read_copy && atomic_load(&s->copying)) {
        for (size_t done = 0; done < (size_t)n;) {
            long long w = cli_write(s->copy_fd, buf + done, (size_t)n - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                s->copy_errno = w < 0 ? errno : ENOSPC;
                atomic_store(&s->copying, 0);
                break;
            }
            done += (size_t)w;
        }
    }
    return n;
}

CLI_PRINTF(2, 3)
static void block_fail(slot *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->msg, sizeof b->msg, fmt, ap);
    va_end(ap);
    b->b.status = SOURCE_ERROR;
    b->b.msg = b->msg;
}

/* Reads raw bytes into s->raw (at least one, unless the input ends). Returns 0 or -1
 * after failing the block. */
static int raw_fill(source_feed *f, slot *b)
{
    reader_source *s = f->src;
    s->raw_pos = s->raw_len = 0;
    long long n = raw_read(f, s->raw, s->raw_cap);
    if (n < 0) {
        block_fail(b, "read error: %s", strerror(errno));
        return -1;
    }
    s->raw_len = (size_t)n;
    s->raw_end = n == 0;
    return 0;
}

/* ---- blocks ---- */

static void produce_plain(source_feed *f, slot *b)
{
    reader_source *s = f->src;
    size_t take = s->raw_len - s->raw_pos;
    if (take > f->block)
        take = f->block;
    memcpy(b->b.data, s->raw + s->raw_pos, take);
    s->raw_pos += take;
    b->b.len = take;
    while (b->b.len < f->block && !s->raw_end) {
        /* A pipe's bytes go on as they come (a slow writer must not hold back the rows
         * it sent); a file's fill the block. */
        if (b->b.len > 0 && !s->regular)
            break;
        long long n = raw_read(f, b->b.data + b->b.len, f->block - b->b.len);
        if (n < 0) {
            block_fail(b, "read error: %s", strerror(errno));
            return;
        }
        s->raw_end = n == 0;
        b->b.len += (size_t)n;
    }
    if (s->raw_end && s->raw_pos == s->raw_len)
        b->b.status = SOURCE_END;
}

static void produce_gzip(source_feed *f, slot *b)
{
    reader_source *s = f->src;
    z_stream *z = &s->z;
    z->next_out = b->b.data;
    z->avail_out = (uInt)f->block;
    while (z->avail_out > 0) {
        if (z->avail_in == 0 && !s->raw_end) {
            if (!s->regular && z->avail_out < f->block)
                break; /* a pipe: what it gave so far goes on */
            if (raw_fill(f, b) != 0)
                break;
            z->next_in = s->raw;
            z->avail_in = (uInt)s->raw_len;
        }
        if (s->member_done) {
            if (z->avail_in == 0) {
                if (s->raw_end) {
                    b->b.status = SOURCE_END;
                    break;
                }
                continue;
            }
            inflateReset(z); /* another member follows */
            s->member_done = 0;
        }
        int rc = inflate(z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            s->member_done = 1;
        } else if (rc == Z_BUF_ERROR && z->avail_in == 0 && s->raw_end) {
            block_fail(b, "gzip data cut off by the end of the input");
            break;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            block_fail(b, "invalid gzip data (%s)", z->msg != NULL ? z->msg : "zlib error");
            break;
        }
    }
    b->b.len = f->block - z->avail_out;
}

/* Fills a block: as many bytes as fit, fewer only at the end or at an error. */
static void produce(source_feed *f, slot *b)
{
    reader_source *s = f->src;
    b->b.len = 0;
    b->b.status = SOURCE_MORE;
    b->b.msg = NULL;
    if (s->gzip < 0) {
        /* The first bytes say whether the input is gzip. */
        if (raw_fill(f, b) != 0)
            return;
        while (s->raw_len < 2 && !s->raw_end) {
            long long n = raw_read(f, s->raw + s->raw_len, s->raw_cap - s->raw_len);
            if (n < 0) {
                block_fail(b, "read error: %s", strerror(errno));
                return;
            }
            s->raw_end = n == 0;
            s->raw_len += (size_t)n;
        }
        s->gzip = s->raw_len >= 2 && s->raw[0] == 0x1f && s->raw[1] == 0x8b;
        if (s->was_gzip < 0)
            s->was_gzip = s->gzip;
        if (s->gzip) {
            memset(&s->z, 0, sizeof s->z);
            if (inflateInit2(&s->z, 15 + 16) != Z_OK) {
                block_fail(b, "cannot start gzip decompression: out of memory");
                return;
            }
            s->z_live = 1;
            s->z.next_in = s->raw;
            s->z.avail_in = (uInt)s->raw_len;
        }
    }
    if (s->gzip)
        produce_gzip(f, b);
    else
        produce_plain(f, b);
}

static void *producer(void *arg)
{
    source_feed *f = arg;
    int old;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
    pthread_setname_np(pthread_self(), "btxdose-read");
    for (size_t i = 0;; i = (i + 1) % SLOTS) {
        pthread_mutex_lock(&f->mu);
        while (!f->quit && f->slots[i].state != SLOT_FREE)
            pthread_cond_wait(&f->cv, &f->mu);
        int quit = f->quit;
        pthread_mutex_unlock(&f->mu);
        if (quit)
            break;
        produce(f, &f->slots[i]);
        int status = f->slots[i].b.status;
        pthread_mutex_lock(&f->mu);
        f->slots[i].state = SLOT_FULL;
        pthread_cond_broadcast(&f->cv);
        pthread_mutex_unlock(&f->mu);
        if (status != SOURCE_MORE)
            break;
    }
    return NULL;
}

source_feed *source_start(reader_source *s, int thread, size_t block)
{
    if (block == 0 || block > BLOCK_SIZE)
        block = BLOCK_SIZE;
    if (block < SOURCE_MIN_BLOCK)
        block = SOURCE_MIN_BLOCK;
    /* A small plain file fits in one block, and a block needs no room past its end. */
    if (s->regular && s->size_hint + 1 < block)
        block = s->size_hint + 1 < SOURCE_MIN_BLOCK ? SOURCE_MIN_BLOCK : s->size_hint + 1;
    source_feed *f = calloc(1, sizeof *f);
    size_t nslots = thread ? SLOTS : 1;
    unsigned char *memory = malloc(nslots * block);
    if (f == NULL || memory == NULL) {
        cli_error("%s: out of memory", s->name);
        free(f);
        free(memory);
        return NULL;
    }
    f->src = s;
    f->block = block;
    f->memory = memory;
    f->current = -1;
    for (size_t i = 0; i < nslots; i++)
        f->slots[i].b.data = memory + i * block;
    /* Every read starts at the first byte: the gzip test and the decoder again. */
    end_gzip(s);
    s->gzip = -1;
    s->raw_pos = s->raw_len = 0;
    s->raw_end = 0;
    s->member_done = 0;
#ifdef _WIN32
    /* winpthreads cannot cancel a thread blocked in read() on a pipe that sends nothing
     * (see source_finish), and Wine cannot cancel the read itself: a pipe is read by the
     * reader's own thread. Files are still read ahead. */
    if (!s->regular)
        thread = 0;
#endif
    if (thread && pthread_mutex_init(&f->mu, NULL) == 0) {
        if (pthread_cond_init(&f->cv, NULL) == 0) {
            f->threaded = f->cancellable = 1;
            if (pthread_create(&f->thread, NULL, producer, f) == 0)
                return f;
            f->threaded = f->cancellable = 0;
            pthread_cond_destroy(&f->cv);
        }
        pthread_mutex_destroy(&f->mu);
    }
    return f; /* no second thread: the reader's own thread reads */
}

const source_block *source_next(source_feed *f)
{
    if (!f->threaded) {
        produce(f, &f->slots[0]);
        return &f->slots[0].b;
    }
    pthread_mutex_lock(&f->mu);
    if (f->current >= 0) {
        f->slots[f->current].state = SLOT_FREE;
        pthread_cond_broadcast(&f->cv);
    }
    while (f->slots[f->take].state != SLOT_FULL)
        pthread_cond_wait(&f->cv, &f->mu);
    f->slots[f->take].state = SLOT_USED;
    f->current = (int)f->take;
    f->take = (f->take + 1) % SLOTS;
    pthread_mutex_unlock(&f->mu);
    return &f->slots[f->current].b;
}

void source_finish(source_feed *f)
{
    if (f == NULL)
        return;
    if (f->threaded) {
        pthread_mutex_lock(&f->mu);
        f->quit = 1;
        pthread_cond_broadcast(&f->cv);
        pthread_mutex_unlock(&f->mu);
        /* A producer blocked in read() on a pipe that sends nothing would never see
         * quit: read() is the one place where it can be cancelled. */
#ifndef _WIN32
        pthread_cancel(f->thread); /* (on Windows the producer never reads a pipe) */
#endif
        pthread_join(f->thread, NULL);
        pthread_cond_destroy(&f->cv);
        pthread_mutex_destroy(&f->mu);
    }
    free(f->memory);
    free(f);
}
