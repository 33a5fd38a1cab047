/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ehr_check.c: what an EHR does with libbtxdose before a botulinum-toxin order is signed.
 *
 * The chart below stands for rows the EHR already holds (medication administrations and
 * planned orders, with product and indication as text). The program converts them into
 * btx_administration records, then asks the three questions an order screen needs:
 *   1. btx_headroom      how many units may still be given on the date;
 *   2. btx_evaluate      every finding for the proposed dose, with its numbers and source;
 *   3. btx_earliest_date when the same dose would be allowed, if not now.
 * The library allocates nothing and keeps no state: the arrays are the caller's.
 *
 * Build: `make` (pkg-config) or CMake with find_package(btxdose 1 CONFIG REQUIRED).
 */
#include <stdio.h>

#include <btxdose/btxdose.h>

/* The patient's chart as the EHR stores it. */
struct chart_row {
    const char *date;
    const char *product;
    const char *indication; /* "" when the EHR did not record one */
    double units;
};

static const struct chart_row chart[] = {
    {"2025-12-30", "Botox", "chronic migraine", 155},
    {"2026-03-24", "Botox", "chronic migraine", 155},
    {"2026-06-16", "Botox", "chronic migraine", 155},
    {"2026-09-08", "Botox", "chronic migraine", 155},
    {"2026-10-20", "Botox Cosmetic", "glabellar lines", 20},
    {"2027-02-23", "Botox", "chronic migraine", 155}, /* planned */
};
#define CHART_ROWS (sizeof chart / sizeof chart[0])

/* The order being written. */
static const struct chart_row order = {"2026-12-01", "Botox", "chronic migraine", 155};

static int to_record(const struct chart_row *row, btx_administration *out)
{
    /* Date unknown, product 0, flags 0: a field left unset is refused, never guessed. */
    btx_administration a = BTX_ADMINISTRATION_INIT;
    if (btx_date_parse(row->date, &a.date) != BTX_OK ||
        btx_product_lookup(row->product, &a.product) != BTX_OK)
        return -1;
    if (row->indication[0] != '\0' &&
        btx_indication_lookup(row->indication, &a.indication) != BTX_OK)
        return -1; /* "" stays 0: not recorded */
    a.units = row->units;
    *out = a;
    return 0;
}

static const char *date_text(btx_date d, char buf[BTX_DATE_FORMAT_SIZE])
{
    if (d == BTX_DATE_UNKNOWN || btx_date_format(d, buf, BTX_DATE_FORMAT_SIZE) != BTX_OK)
        return "-";
    return buf;
}

static int fail(const char *what, int rc)
{
    fprintf(stderr, "ehr_check: %s: %s\n", what, btx_strerror(rc));
    return 1;
}

int main(void)
{
    btx_administration history[CHART_ROWS];
    btx_administration proposed;
    char d1[BTX_DATE_FORMAT_SIZE], d2[BTX_DATE_FORMAT_SIZE];
    int rc;

    /* The headers and the library loaded at run time must share the major version. */
    if (btx_version_number() / 10000 != BTXDOSE_VERSION_MAJOR) {
        fprintf(stderr, "ehr_check: built for libbtxdose %s, running %s\n",
                BTXDOSE_VERSION_STRING, btx_version());
        return 1;
    }
    printf("libbtxdose %s, data: %s\n\n", btx_version(), btx_data_version());

    for (size_t i = 0; i < CHART_ROWS; i++) {
        if (to_record(&chart[i], &history[i]) != 0) {
            fprintf(stderr, "ehr_check: chart row %zu cannot be coded\n", i + 1);
            return 1;
        }
    }
    if (to_record(&order, &proposed) != 0) {
        fprintf(stderr, "ehr_check: the order cannot be coded\n");
        return 1;
    }

    /* What the EHR knows about the patient, and the clinic's policy. Start from the
     * initialisers (struct_size set, birth date and weight unknown, the label's rules);
     * never from zero bytes, which would make the birth date 1970-01-01. */
    btx_patient patient = BTX_PATIENT_INIT;
    patient.weight_kg = 68.0;
    if ((rc = btx_date_parse("1979-04-12", &patient.birth_date)) != BTX_OK ||
        (rc = btx_date_parse("2026-10-20", &patient.weight_date)) != BTX_OK)
        return fail("patient dates", rc);

    btx_policy policy = BTX_POLICY_INIT;
    policy.warn_fraction = 0.8;  /* warn at 80% of a cumulative limit */
    policy.history_complete = 1; /* this EHR holds every administration */

    /* 1. Headroom before the order. */
    double headroom = 0;
    rc = btx_headroom(&patient, &policy, history, CHART_ROWS, proposed.product,
                      proposed.indication, proposed.date, &headroom);
    if (rc != BTX_OK)
        return fail("btx_headroom", rc);
    if (headroom > BTX_UNITS_MAX) /* INFINITY: no window rule for this product */
        printf("headroom on %s: unlimited (no window rule)\n", date_text(proposed.date, d1));
    else
        printf("headroom on %s: %g U of %s\n", date_text(proposed.date, d1), headroom,
               btx_substance_name(btx_product_substance(proposed.product)));

    /* 2. Every finding for the order. findings[0].struct_size sets the stride. */
    btx_finding findings[16] = {BTX_FINDING_INIT};
    size_t count = 0;
    rc = btx_evaluate(&patient, &policy, history, CHART_ROWS, &proposed, findings,
                      sizeof findings / sizeof findings[0], &count);
    if (rc != BTX_OK) /* BTX_ENOSPC would mean: a larger array, count entries */
        return fail("btx_evaluate", rc);

    printf("order: %s %s %s %g U\n", date_text(proposed.date, d1),
           btx_product_name(proposed.product), btx_indication_name(proposed.indication),
           proposed.units);
    int blocked = 0;
    for (size_t i = 0; i < count; i++) {
        const btx_finding *f = &findings[i];
        blocked |= f->status == BTX_FAIL && f->severity == BTX_CRITICAL;
        printf("  %-11s %-8s %-18s rule %s\n", btx_status_name(f->status),
               btx_severity_name(f->severity), btx_finding_code_name(f->code),
               btx_rule_name(f->rule));
        if (f->code == BTX_FINDING_WINDOW_LIMIT || f->code == BTX_FINDING_SESSION_LIMIT)
            printf("              %g U counted + %g U proposed of %g U (%g U left)\n",
                   f->total_units, f->proposed_units, f->limit_units, f->remaining_units);
        if (f->window_start != BTX_DATE_UNKNOWN)
            printf("              window %s .. %s\n", date_text(f->window_start, d1),
                   date_text(f->window_end, d2));
        printf("              %s\n              source: %s\n", f->message, f->source);
    }

    /* 3. The earliest date for the same dose. */
    btx_date earliest = BTX_DATE_UNKNOWN;
    rc = btx_earliest_date(&patient, &policy, history, CHART_ROWS, &proposed, &earliest);
    if (rc == BTX_OK)
        printf("earliest date for this dose: %s\n", date_text(earliest, d1));
    else if (rc == BTX_ENEVER)
        printf("earliest date for this dose: never (reduce the dose)\n");
    else if (rc == BTX_EWEIGHT)
        printf("earliest date for this dose: record the patient's weight first\n");
    else
        return fail("btx_earliest_date", rc);

    printf("order %s\n", blocked ? "BLOCKED by a critical finding" : "may be signed");
    return 0;
}
