/* SPDX-License-Identifier: Apache-2.0 */
/* A population for the audit: every administration of every patient, read from a CSV or
 * JSON file by the same reader as a history (reader.h), each row put to the library
 * (btx_check_audit_row) as it is read. The first bad row stops the load with
 * "FILE:LINE: FIELD: ..." on standard error. Nothing is ever skipped. */
#ifndef BTXDOSE_TOOL_POPULATION_H
#define BTXDOSE_TOOL_POPULATION_H

#include <stddef.h>

#include <btxdose/btxdose.h>

typedef struct pop_entry {
    const char *patient; /* the patient's text; set once the load is done */
    size_t patient_at;   /* its offset in population.names */
    size_t line;         /* the line where the row starts */
    btx_audit_row row;   /* patient key 0 until population_sort */
} pop_entry;

typedef struct population {
    pop_entry *entries;  /* count rows, in file order until population_sort; owned */
    size_t count, capacity;
    char *names;         /* the patients' texts, each NUL-terminated; owned */
    size_t names_len, names_cap;
    size_t patients;     /* distinct patients, after population_sort */
    const char *name;    /* the path as given, or "<stdin>"; borrowed */
} population;

/* Reads a population. format: "csv", "json" or NULL (the extension; CSV when it says
 * neither, and for "-"). Returns 0, or -1 after printing the reason on stderr; on -1
 * nothing is left allocated and the population is empty. On success the caller calls
 * population_free. */
int population_load(const char *path, const char *format, population *out);

/* Sorts the rows by patient text (bytes), date and line, and numbers the patients 1, 2,
 * ... in that order into row.patient: the order btx_audit needs. */
void population_sort(population *p);

void population_free(population *p);

#endif /* BTXDOSE_TOOL_POPULATION_H */
