/* SPDX-License-Identifier: Apache-2.0 */
/* The five main calls on one history (examples/data/history.csv), as an integrator's
 * program would make them. The zip test (zip_consumer.sh) builds it against the unzipped
 * Windows package in every way docs/windows.md describes and runs it under Wine, builds
 * it natively on Linux from the sources, and requires the same output from all. It
 * checks nothing itself but the status codes: its output is the answer compared. */
#include <btxdose/btxdose.h>
#include <stdio.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h>
#endif

static int fail(const char *what, int rc)
{
    fprintf(stderr, "%s: %s (%d)\n", what, btx_strerror(rc), rc);
    return 1;
}

static btx_date day(const char *text)
{
    btx_date d = BTX_DATE_UNKNOWN;
    if (btx_date_parse(text, &d) != BTX_OK)
        fprintf(stderr, "bad date %s\n", text);
    return d;
}

static const char *text_of(btx_date d, char buf[BTX_DATE_FORMAT_SIZE])
{
    if (btx_date_format(d, buf, BTX_DATE_FORMAT_SIZE) != BTX_OK)
        strcpy(buf, "-");
    return buf;
}

int main(int argc, char **argv)
{
    char b1[BTX_DATE_FORMAT_SIZE], b2[BTX_DATE_FORMAT_SIZE], b3[BTX_DATE_FORMAT_SIZE];
    int rc;
#ifdef _WIN32
    /* With --which: the file the DLL was loaded from (the test checks it is the zip's). */
    if (argc > 1 && strcmp(argv[1], "--which") == 0) {
        char path[MAX_PATH];
        HMODULE m = GetModuleHandleA("libbtxdose-1.dll");
        if (m == NULL || GetModuleFileNameA(m, path, sizeof path) == 0) {
            puts("dll: (statically linked)");
            return 0;
        }
        printf("dll: %s\n", path);
        return 0;
    }
#else
    (void)argc;
    (void)argv;
#endif
    printf("libbtxdose %s (%d)\n", btx_version(), btx_version_number());

    /* btx_protocol_lookup */
    btx_protocol p;
    memset(&p, 0, sizeof p);
    p.struct_size = sizeof p;
    rc = btx_protocol_lookup(BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, BTX_ADULT, &p);
    if (rc != BTX_OK)
        return fail("btx_protocol_lookup", rc);
    printf("protocol: %s %.1f U, %d sites, %d regions, interval %d (unit %d), %s\n",
           btx_label_status_name(p.label_status), p.dose_units, p.sites, p.regions,
           p.interval_length, p.interval_unit, p.source);

    btx_administration h[6];
    const char *dates[6] = {"2025-12-30", "2026-03-24", "2026-06-16", "2026-09-08",
                            "2026-10-20", "2027-02-23"};
    for (int i = 0; i < 6; i++) {
        h[i].date = day(dates[i]);
        h[i].product = i == 4 ? BTX_PRODUCT_BOTOX_COSMETIC : BTX_PRODUCT_BOTOX;
        h[i].indication = i == 4 ? BTX_INDICATION_GLABELLAR_LINES : BTX_INDICATION_CHRONIC_MIGRAINE;
        h[i].flags = 0;
        h[i].units = i == 4 ? 20.0 : 155.0;
    }
    btx_administration proposed = {day("2026-10-01"), BTX_PRODUCT_BOTOX,
                                   BTX_INDICATION_CHRONIC_MIGRAINE, 0, 155.0};

    /* btx_evaluate */
    btx_finding f[16];
    size_t count = 0;
    memset(f, 0, sizeof f);
    f[0].struct_size = sizeof f[0];
    rc = btx_evaluate(NULL, NULL, h, 6, &proposed, f, 16, &count);
    if (rc != BTX_OK)
        return fail("btx_evaluate", rc);
    printf("evaluate: %zu findings\n", count);
    for (size_t i = 0; i < count; i++)
        printf("  %s %s %s rule %s: limit %.3f counted %.3f proposed %.3f remaining %.3f, "
               "window %s..%s, earliest %s\n",
               btx_finding_code_name(f[i].code), btx_status_name(f[i].status),
               btx_severity_name(f[i].severity), btx_rule_name(f[i].rule), f[i].limit_units,
               f[i].total_units, f[i].proposed_units, f[i].remaining_units,
               text_of(f[i].window_start, b1), text_of(f[i].window_end, b2),
               text_of(f[i].earliest_date, b3));

    /* btx_earliest_date */
    btx_date earliest = BTX_DATE_UNKNOWN;
    rc = btx_earliest_date(NULL, NULL, h, 6, &proposed, &earliest);
    if (rc != BTX_OK)
        return fail("btx_earliest_date", rc);
    printf("earliest: %s\n", text_of(earliest, b1));

    /* btx_headroom */
    double units = 0;
    rc = btx_headroom(NULL, NULL, h, 6, BTX_PRODUCT_BOTOX, 0, proposed.date, &units);
    if (rc != BTX_OK)
        return fail("btx_headroom", rc);
    printf("headroom: %.3f U\n", units);

    /* btx_audit: the history and the proposal as one patient's rows, in date order */
    btx_audit_row rows[7];
    btx_audit_result res[7];
    memset(rows, 0, sizeof rows);
    for (int i = 0, k = 0; i < 7; i++) {
        rows[i].patient = 42;
        rows[i].admin = (i == 4) ? proposed : h[k++];
        rows[i].birth_date = BTX_DATE_UNKNOWN;
    }
    size_t flagged = 0;
    rc = btx_audit(NULL, rows, 7, res, &flagged);
    if (rc != BTX_OK)
        return fail("btx_audit", rc);
    printf("audit: %zu of 7 rows flagged\n", flagged);
    for (int i = 0; i < 7; i++)
        printf("  %s window %.3f flags %d rule %s\n", text_of(rows[i].admin.date, b1),
               res[i].window_total, res[i].flags,
               res[i].rule != 0 ? btx_rule_name(res[i].rule) : "-");
    return 0;
}
