/* SPDX-License-Identifier: Apache-2.0 */
/* Benchmark: btx_audit over a synthetic population, against a SQLite window-function
 * query and a pandas groupby().rolling('90D') on the same rows (docs/performance.md).
 * Not a test (a tiny smoke run is: bench_audit_smoke).
 *
 *   bench_audit [--patients N] [--seed S] [--repeat R] [--no-sqlite] [--no-pandas]
 *               [--label-window] [--python PATH] [--pandas-script PATH]
 *
 * --no-pandas also skips the Python btxdose.audit run (both need /usr/bin/python3 with
 * numpy). --label-window audits with no policy (the label's rules: 3-month windows, the
 * calendar path) and skips the references, which compute 90 days. Times are CPU seconds of the measured part (the machine may be shared); wall
 * times are printed too.
 *
 * The population is reproducible from the seed: N patients (default 1,000,000) with
 * 1..19 rows each (about 10 rows on average), adults only, typical products, doses and
 * gaps (mostly 12-week cycles, some same-day and early sessions), no blepharospasm rows.
 * Under a 90-day policy the only OVER_WINDOW rule is then "400 U of onabotulinumtoxinA in
 * the trailing 90 days", which is exactly what the SQL and pandas queries compute, so the
 * three must flag the same rows and agree on every window total. Exit status 0 only if
 * they do. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <btxdose/btxdose.h>

#include "bench_rng.h"

#ifdef BTX_HAVE_SQLITE
#include <sqlite3.h>
#endif

#ifndef BTX_AUDIT_PANDAS_SCRIPT
#define BTX_AUDIT_PANDAS_SCRIPT "bench/audit_pandas.py"
#endif
#ifndef BTX_AUDIT_PYTHON_SCRIPT
#define BTX_AUDIT_PYTHON_SCRIPT "bench/audit_python.py"
#endif


static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this thread: the machine may be shared, and a run that is descheduled
 * part of the time is measured by the CPU it used, i.e. on one core. */
static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return ru.ru_maxrss;
}

typedef struct kind {
    int32_t product, indication;
    int32_t units_lo, units_hi;   /* whole units */
    uint32_t weight;              /* relative frequency */
} kind;

/* Typical US practice: therapeutic BOTOX most, cosmetics, the other toxins. */
static const kind kinds[] = {
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, 155, 195, 24},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_OVERACTIVE_BLADDER, 100, 100, 8},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_NEUROGENIC_DETRUSOR_OVERACTIVITY, 200, 200, 3},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_UPPER_LIMB_SPASTICITY, 75, 400, 7},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_LOWER_LIMB_SPASTICITY, 300, 400, 3},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_CERVICAL_DYSTONIA, 150, 300, 8},
    {BTX_PRODUCT_BOTOX, BTX_INDICATION_AXILLARY_HYPERHIDROSIS, 100, 100, 3},
    {BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_GLABELLAR_LINES, 20, 20, 12},
    {BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_LATERAL_CANTHAL_LINES, 24, 24, 4},
    {BTX_PRODUCT_BOTOX_COSMETIC, BTX_INDICATION_FOREHEAD_LINES, 20, 20, 4},
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_CERVICAL_DYSTONIA, 500, 1000, 4},
    {BTX_PRODUCT_DYSPORT, BTX_INDICATION_GLABELLAR_LINES, 50, 50, 3},
    {BTX_PRODUCT_XEOMIN, BTX_INDICATION_UPPER_LIMB_SPASTICITY, 200, 400, 3},
    {BTX_PRODUCT_XEOMIN, BTX_INDICATION_GLABELLAR_LINES, 20, 20, 3},
    {BTX_PRODUCT_JEUVEAU, BTX_INDICATION_GLABELLAR_LINES, 20, 20, 2},
    {BTX_PRODUCT_DAXXIFY, BTX_INDICATION_GLABELLAR_LINES, 40, 40, 1},
    {BTX_PRODUCT_LETYBO, BTX_INDICATION_GLABELLAR_LINES, 20, 20, 1},
    {BTX_PRODUCT_MYOBLOC, BTX_INDICATION_CERVICAL_DYSTONIA, 2500, 5000, 1},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static const kind *pick_kind(uint32_t total)
{
    uint32_t x = below(total);
    for (size_t i = 0; i < NKINDS; i++) {
        if (x < kinds[i].weight)
            return &kinds[i];
        x -= kinds[i].weight;
    }
    return &kinds[0];
}

static btx_audit_row *generate(size_t patients, size_t *n_out)
{
    size_t cap = patients * 11 + 16, n = 0;
    btx_audit_row *rows = malloc(cap * sizeof *rows);
    if (!rows)
        return NULL;
    uint32_t total = 0;
    for (size_t i = 0; i < NKINDS; i++)
        total += kinds[i].weight;
    btx_date d2018 = 0, d1940 = 0;
    if (btx_date_from_ymd(2018, 1, 1, &d2018) != BTX_OK ||
        btx_date_from_ymd(1940, 1, 1, &d1940) != BTX_OK)
        return NULL;
    for (size_t p = 0; p < patients; p++) {
        const uint64_t key = (uint64_t)p * 16 + below(16); /* ascending, gaps between */
        const size_t count = 1 + below(19);
        if (n + count > cap) {
            cap = cap * 2;
            btx_audit_row *more = realloc(rows, cap * sizeof *rows);
            if (!more) {
                free(rows);
                return NULL;
            }
            rows = more;
        }
        /* Adults on every row: born 1940-1999, rows 2018 on. */
        btx_date birth = below(4) == 0 ? BTX_DATE_UNKNOWN : d1940 + (btx_date)below(60 * 365);
        double weight = below(3) == 0 ? 0.0 : 45.0 + below(600) / 10.0;
        btx_date d = d2018 + (btx_date)below(5 * 365);
        const kind *k = pick_kind(total);
        for (size_t j = 0; j < count; j++) {
            /* Mostly the same indication every 12-14 weeks; now and then a second
             * indication on the same day, an early session or a switch. */
            uint32_t r = below(100);
            if (j > 0) {
                if (r < 8) {
                    k = pick_kind(total);        /* same day, another indication */
                } else if (r < 20) {
                    d += 14 + (btx_date)below(60); /* early */
                } else {
                    d += 84 + (btx_date)below(14);
                    if (r > 95)
                        k = pick_kind(total);
                }
            }
            btx_audit_row *row = &rows[n++];
            memset(row, 0, sizeof *row);
            row->patient = key;
            row->admin.date = d;
            row->admin.product = k->product;
            row->admin.indication = k->indication;
            row->admin.units =
                (double)(k->units_lo + (int32_t)below((uint32_t)(k->units_hi - k->units_lo + 1)));
            row->weight_kg = weight;
            row->birth_date = birth;
        }
    }
    *n_out = n;
    return rows;
}

static int64_t milli(double units)
{
    return (int64_t)(units * 1000.0 + 0.5); /* whole units here: exact */
}

/* Rows the reference engines flag: onabotulinumtoxinA over 400 U in the trailing 90
 * days (the population has no children and no blepharospasm rows). */
static int over_400(const btx_audit_row *r, int64_t sum_milli)
{
    return btx_product_substance(r->admin.product) == BTX_SUBSTANCE_ONABOTULINUMTOXINA &&
           sum_milli > 400000;
}

/* Compares a reference engine's window sums (milli-units, row order) with the audit. */
static int compare(const char *who, const btx_audit_row *rows, const btx_audit_result *res,
                   size_t n, const int64_t *sums)
{
    size_t bad_total = 0, bad_flag = 0, flagged = 0;
    for (size_t i = 0; i < n; i++) {
        const int over = over_400(&rows[i], sums[i]);
        flagged += over ? 1u : 0u;
        if (sums[i] != milli(res[i].window_total))
            bad_total++;
        if (over != ((res[i].flags & BTX_AUDIT_OVER_WINDOW) != 0))
            bad_flag++;
    }
    printf("  %s agrees: %s (%zu rows over 400 U; %zu window totals and %zu flags differ)\n",
           who, bad_total == 0 && bad_flag == 0 ? "yes" : "NO", flagged, bad_total, bad_flag);
    return bad_total == 0 && bad_flag == 0;
}

#ifdef BTX_HAVE_SQLITE
static int sqlite_check(int rc, sqlite3 *db, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "sqlite: %s: %s\n", what, sqlite3_errmsg(db));
        return 0;
    }
    return 1;
}

/* Loads the rows and runs the window query; fills sums[] in row order. Returns the
 * query's seconds, or a negative number on error. */
static double run_sqlite(const btx_audit_row *rows, size_t n, int64_t *sums, double *load_s,
                         double *wall_s)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    double t0 = now_s(), q = -1.0;
    if (!sqlite_check(sqlite3_open(":memory:", &db), db, "open"))
        goto out;
    sqlite3_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY;"
                     "PRAGMA cache_size=-4000000;", NULL, NULL, NULL);
    if (!sqlite_check(sqlite3_exec(db,
                                   "CREATE TABLE rows(id INTEGER PRIMARY KEY, patient INTEGER, "
                                   "substance INTEGER, day INTEGER, milli INTEGER);",
                                   NULL, NULL, NULL),
                      db, "create"))
        goto out;
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    if (!sqlite_check(sqlite3_prepare_v2(db, "INSERT INTO rows VALUES(?,?,?,?,?)", -1, &st, NULL),
                      db, "prepare insert"))
        goto out;
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(st, 1, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)rows[i].patient);
        sqlite3_bind_int(st, 3, btx_product_substance(rows[i].admin.product));
        sqlite3_bind_int(st, 4, rows[i].admin.date);
        sqlite3_bind_int64(st, 5, milli(rows[i].admin.units));
        if (!sqlite_check(sqlite3_step(st), db, "insert"))
            goto out;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    st = NULL;
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    /* A covering index in the window's order: SQLite's best case (no sort at query time). */
    if (!sqlite_check(sqlite3_exec(db,
                                   "CREATE INDEX rows_window ON rows(patient, substance, day, milli);",
                                   NULL, NULL, NULL),
                      db, "index"))
        goto out;
    *load_s = now_s() - t0;

    t0 = now_s();
    const double c0 = cpu_s();
    if (!sqlite_check(sqlite3_prepare_v2(db,
                                         "SELECT id, SUM(milli) OVER (PARTITION BY patient, substance "
                                         "ORDER BY day RANGE 89 PRECEDING) FROM rows",
                                         -1, &st, NULL),
                      db, "prepare query"))
        goto out;
    int rc;
    size_t got = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        if (id >= 0 && (size_t)id < n)
            sums[id] = sqlite3_column_int64(st, 1);
        got++;
    }
    if (!sqlite_check(rc, db, "query"))
        goto out;
    q = cpu_s() - c0;
    *wall_s = now_s() - t0;
    if (got != n) {
        fprintf(stderr, "sqlite: %zu rows back for %zu\n", got, n);
        q = -1.0;
    }
out:
    if (st)
        sqlite3_finalize(st);
    sqlite3_close(db);
    return q;
}
#endif

static char pandas_version[64] = "?";

/* Writes the rows, runs the pandas script, reads its sums. Returns its CPU seconds. */
static double run_pandas(const char *python, const char *script, const btx_audit_row *rows,
                         size_t n, int64_t *sums, double *wall_s, double *build_s)
{
    char in_path[] = "/tmp/btx_audit_rowsXXXXXX";
    char out_path[64];
    double secs = -1.0;
    int fd = mkstemp(in_path);
    if (fd < 0) {
        perror("mkstemp");
        return -1.0;
    }
    FILE *f = fdopen(fd, "wb");
    if (!f || fwrite(rows, sizeof *rows, n, f) != n || fclose(f) != 0) {
        perror("write rows");
        unlink(in_path);
        return -1.0;
    }
    snprintf(out_path, sizeof out_path, "%s.sums", in_path);
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "'%s' '%s' '%s' '%s'", python, script, in_path, out_path);
    FILE *p = popen(cmd, "r");
    if (!p) {
        perror("popen");
        unlink(in_path);
        return -1.0;
    }
    char line[512];
    while (fgets(line, sizeof line, p)) {
        double s, w, b;
        if (sscanf(line, "pandas_version=%63s", pandas_version) == 1)
            continue;
        if (sscanf(line, "pandas_seconds=%lf wall=%lf build=%lf", &s, &w, &b) == 3) {
            secs = s;
            *wall_s = w;
            *build_s = b;
        } else {
            fputs(line, stdout);
        }
    }
    int status = pclose(p);
    unlink(in_path);
    if (status != 0 || secs < 0) {
        fprintf(stderr, "pandas: the script failed (status %d)\n", status);
        unlink(out_path);
        return -1.0;
    }
    FILE *o = fopen(out_path, "rb");
    if (!o || fread(sums, sizeof *sums, n, o) != n) {
        fprintf(stderr, "pandas: cannot read %s\n", out_path);
        secs = -1.0;
    }
    if (o)
        fclose(o);
    unlink(out_path);
    return secs;
}

/* Runs btxdose.audit from Python on the same rows; returns its best CPU seconds with a
 * reused result buffer, and *fresh_s with a fresh result array per call. */
static double run_python_audit(const char *python, const char *script,
                               const btx_audit_row *rows, size_t n, size_t *flagged,
                               double *fresh_s)
{
    char in_path[] = "/tmp/btx_audit_pyrowsXXXXXX";
    double secs = -1.0;
    int fd = mkstemp(in_path);
    if (fd < 0) {
        perror("mkstemp");
        return -1.0;
    }
    FILE *f = fdopen(fd, "wb");
    if (!f || fwrite(rows, sizeof *rows, n, f) != n || fclose(f) != 0) {
        perror("write rows");
        unlink(in_path);
        return -1.0;
    }
#ifdef BTX_AUDIT_PYTHONPATH
    setenv("PYTHONPATH", BTX_AUDIT_PYTHONPATH, 0);
#endif
#ifdef BTX_AUDIT_LIBRARY
    setenv("BTXDOSE_LIBRARY", BTX_AUDIT_LIBRARY, 0);
#endif
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "'%s' '%s' '%s' 3", python, script, in_path);
    FILE *p = popen(cmd, "r");
    if (p) {
        char line[512];
        while (fgets(line, sizeof line, p)) {
            double s, fr;
            size_t fl;
            if (sscanf(line, "python_seconds=%lf fresh=%lf flagged=%zu", &s, &fr, &fl) == 3) {
                secs = s;
                *fresh_s = fr;
                *flagged = fl;
            } else {
                fputs(line, stdout);
            }
        }
        if (pclose(p) != 0)
            secs = -1.0;
    }
    unlink(in_path);
    if (secs < 0)
        fputs("python: the btxdose.audit script failed\n", stderr);
    return secs;
}

static void usage(void)
{
    fputs("usage: bench_audit [--patients N] [--seed S] [--repeat R] [--no-sqlite] "
          "[--no-pandas] [--label-window] [--python PATH] [--pandas-script PATH]\n",
          stderr);
}

int main(int argc, char **argv)
{
    size_t patients = 1000000;
    uint64_t seed = 1;
    int repeat = 3, use_sqlite = 1, use_pandas = 1, label_window = 0;
    const char *python = "/usr/bin/python3", *script = BTX_AUDIT_PANDAS_SCRIPT;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--patients") == 0 && v) {
            patients = (size_t)strtoull(v, NULL, 10);
            i++;
        } else if (strcmp(a, "--seed") == 0 && v) {
            seed = strtoull(v, NULL, 10);
            i++;
        } else if (strcmp(a, "--repeat") == 0 && v) {
            repeat = atoi(v);
            i++;
        } else if (strcmp(a, "--python") == 0 && v) {
            python = v;
            i++;
        } else if (strcmp(a, "--pandas-script") == 0 && v) {
            script = v;
            i++;
        } else if (strcmp(a, "--no-sqlite") == 0) {
            use_sqlite = 0;
        } else if (strcmp(a, "--no-pandas") == 0) {
            use_pandas = 0;
        } else if (strcmp(a, "--label-window") == 0) {
            label_window = 1;
        } else {
            usage();
            return 2;
        }
    }
    if (patients == 0 || repeat < 1) {
        usage();
        return 2;
    }
    rng_seed(seed);
    setvbuf(stdout, NULL, _IOLBF, 0);

    double t0 = now_s();
    size_t n = 0;
    btx_audit_row *rows = generate(patients, &n);
    if (!rows) {
        fputs("out of memory\n", stderr);
        return 1;
    }
    btx_audit_result *res = malloc(n * sizeof *res);
    int64_t *sums = malloc(n * sizeof *sums);
    if (!res || !sums) {
        fputs("out of memory\n", stderr);
        return 1;
    }
    /* Touch the results once so the first timed run does not pay for page faults. */
    memset(res, 0xff, n * sizeof *res);
    printf("population: %zu patients, %zu rows (seed %" PRIu64 "), generated in %.2f s\n",
           patients, n, seed, now_s() - t0);
    if (label_window) {
        /* The references compute the 90-day window: nothing to compare with. */
        use_sqlite = use_pandas = 0;
        printf("libbtxdose %s; policy: none (the label's rules: 3-month windows); SQLite, "
               "pandas and Python skipped\n",
               btx_version());
    } else {
        printf("libbtxdose %s; policy: 90-day window\n", btx_version());
    }

    btx_policy pol = BTX_POLICY_INIT;
    pol.window_length = 90;
    pol.window_unit = BTX_DAYS;

    const long rss_before = peak_rss_kb();
    double best = 1e30, best_wall = 1e30;
    size_t flagged = 0;
    for (int r = 0; r < repeat; r++) {
        double a = cpu_s(), aw = now_s();
        int rc = btx_audit(label_window ? NULL : &pol, rows, n, res, &flagged);
        double b = cpu_s() - a, bw = now_s() - aw;
        if (rc != BTX_OK) {
            fprintf(stderr, "btx_audit: %s\n", btx_strerror(rc));
            return 1;
        }
        if (b < best)
            best = b;
        if (bw < best_wall)
            best_wall = bw;
    }
    const long rss_after = peak_rss_kb();
    /* The same call into a fresh result array each time (allocated, its pages faulted in
     * by the audit, freed): what a caller without a reusable buffer pays, and the match
     * of the Python call without out=. */
    double best_fresh = 1e30;
    for (int r = 0; r < repeat; r++) {
        double a = cpu_s();
        btx_audit_result *fresh = malloc(n * sizeof *fresh);
        size_t fresh_flagged = 0;
        if (!fresh ||
            btx_audit(label_window ? NULL : &pol, rows, n, fresh, &fresh_flagged) != BTX_OK ||
            fresh_flagged != flagged) {
            fputs("btx_audit into a fresh array failed or disagreed\n", stderr);
            return 1;
        }
        free(fresh);
        double b = cpu_s() - a;
        if (b < best_fresh)
            best_fresh = b;
    }
    size_t counts[6] = {0};
    for (size_t i = 0; i < n; i++)
        for (int b = 0; b < 6; b++)
            counts[b] += (size_t)((res[i].flags >> b) & 1);
    const double audit_rate = (double)n / best;
    printf("btx_audit: %.3f s CPU (best of %d; wall %.3f s), %.1f M rows/s; flagged %zu rows "
           "(over window %zu, too soon %zu, schedule %zu, over session %zu, not labelled %zu, "
           "not checked %zu)\n",
           best, repeat, best_wall, audit_rate / 1e6, flagged, counts[0], counts[1], counts[2],
           counts[3], counts[4], counts[5]);
    printf("  with a fresh result array per call (malloc, the audit, free): %.3f s CPU, "
           "%.1f M rows/s\n",
           best_fresh, (double)n / best_fresh / 1e6);
    printf("  memory: rows %.1f MB + results %.1f MB; peak RSS %.1f MB before the audit, "
           "%.1f MB after (the audit allocates nothing)\n",
           (double)(n * sizeof *rows) / 1e6, (double)(n * sizeof *res) / 1e6,
           (double)rss_before / 1e3, (double)rss_after / 1e3);

    int ok = 1;
    double sqlite_q = -1.0, sqlite_load = 0.0, pandas_q = -1.0, pandas_build = 0.0;
    double py_q = -1.0, py_fresh = -1.0;
#ifdef BTX_HAVE_SQLITE
    if (use_sqlite) {
        double wall = 0;
        sqlite_q = run_sqlite(rows, n, sums, &sqlite_load, &wall);
        if (sqlite_q < 0) {
            ok = 0;
        } else {
            printf("sqlite %s: load + index %.2f s; window query %.2f s CPU (wall %.2f s), "
                   "%.2f M rows/s; btx_audit is %.0fx faster\n",
                   sqlite3_libversion(), sqlite_load, sqlite_q, wall,
                   (double)n / sqlite_q / 1e6, sqlite_q / best);
            /* What a payer runs: the rows must be loaded and indexed before the query. */
            printf("  sqlite end to end (load + index + query): %.2f s, %.2f M rows/s; "
                   "btx_audit is %.0fx faster\n",
                   sqlite_load + sqlite_q, (double)n / (sqlite_load + sqlite_q) / 1e6,
                   (sqlite_load + sqlite_q) / best);
            ok &= compare("sqlite", rows, res, n, sums);
        }
    }
#else
    if (use_sqlite)
        puts("sqlite: not built (SQLite3 development files were not found)");
#endif
    if (use_pandas) {
        memset(sums, 0xff, n * sizeof *sums);
        double wall = 0;
        pandas_q = run_pandas(python, script, rows, n, sums, &wall, &pandas_build);
        if (pandas_q < 0) {
            ok = 0;
        } else {
            printf("pandas %s: groupby().rolling('90D') %.2f s CPU (wall %.2f s), %.2f M rows/s; "
                   "btx_audit is %.0fx faster\n",
                   pandas_version, pandas_q, wall, (double)n / pandas_q / 1e6, pandas_q / best);
            printf("  pandas end to end (DataFrame from the rows, then the rolling sum): "
                   "%.2f s CPU, %.2f M rows/s; btx_audit is %.0fx faster\n",
                   pandas_build + pandas_q, (double)n / (pandas_build + pandas_q) / 1e6,
                   (pandas_build + pandas_q) / best);
            ok &= compare("pandas", rows, res, n, sums);
        }
        size_t py_flagged = 0;
        py_q = run_python_audit(python, BTX_AUDIT_PYTHON_SCRIPT, rows, n, &py_flagged,
                                &py_fresh);
        if (py_q < 0) {
            ok = 0;
        } else {
            printf("python btxdose.audit (numpy rows, one ctypes call): %.3f s CPU, "
                   "%.1f M rows/s, %.2fx the C call; flagged %zu (%s)\n",
                   py_q, (double)n / py_q / 1e6, py_q / best, py_flagged,
                   py_flagged == flagged ? "same" : "DIFFERENT");
            printf("  python with a fresh result array per call: %.3f s CPU, %.1f M rows/s, "
                   "%.2fx the C call with a fresh array\n",
                   py_fresh, (double)n / py_fresh / 1e6, py_fresh / best_fresh);
            ok &= py_flagged == flagged;
        }
    }

    /* The goals of issue 8, from the numbers above (docs/performance.md says how each
     * reference is measured). */
    printf("goals (one core): >= 50 M rows/s: %.1f M rows/s, %s\n", audit_rate / 1e6,
           audit_rate >= 50e6 ? "met" : "NOT met");
    if (sqlite_q > 0)
        printf("  >= 100x SQLite: %.0fx end to end (load + index + query), %s; "
               "%.0fx the query alone over a prebuilt covering index, %s\n",
               (sqlite_load + sqlite_q) / best,
               (sqlite_load + sqlite_q) / best >= 100 ? "met" : "NOT met", sqlite_q / best,
               sqlite_q / best >= 100 ? "met" : "NOT met");
    if (pandas_q > 0)
        printf("  >= 300x pandas: %.0fx the rolling sum alone, %s; %.0fx end to end, %s\n",
               pandas_q / best, pandas_q / best >= 300 ? "met" : "NOT met",
               (pandas_build + pandas_q) / best,
               (pandas_build + pandas_q) / best >= 300 ? "met" : "NOT met");
    if (py_q > 0)
        printf("  Python within 1.5x of C: %.2fx (result buffer reused, both), %s; %.2fx "
               "(fresh result array, both), %s\n",
               py_q / best, py_q / best <= 1.5 ? "met" : "NOT met", py_fresh / best_fresh,
               py_fresh / best_fresh <= 1.5 ? "met" : "NOT met");
    free(sums);
    free(res);
    free(rows);
    return ok ? 0 : 1;
}
