/* SPDX-License-Identifier: Apache-2.0 */
/* The tool's one output module: what every command prints, as aligned text for people
 * or as JSON (--json) for programs, through one JSON writer. Everything goes to standard
 * output; errors go to standard error (cli_error). */
#ifndef BTXDOSE_TOOL_OUTPUT_H
#define BTXDOSE_TOOL_OUTPUT_H

#include <stddef.h>

#include <btxdose/btxdose.h>

#include "population.h"

/* The question asked: the history, the patient and policy (NULL when no option gave
 * them) and the dose (product/indication/date; units only for a proposal). */
typedef struct query_info {
    const char *history_name;
    size_t history_count;
    const btx_patient *patient;
    const btx_policy *policy;
    const btx_administration *proposal; /* NULL for headroom */
    int32_t product, indication;        /* headroom's dose */
    btx_date date;                      /* headroom's date */
} query_info;

/* Reconstitution given with --vial/--diluent. */
typedef struct dilution_info {
    double vial_units;
    double diluent_ml;
} dilution_info;

void output_version(int json);

/* found: 1 when btx_protocol_lookup returned BTX_OK; regions: p->regions entries. */
void output_protocol(const btx_protocol *p, int found, const btx_region *regions,
                     size_t nregions, const dilution_info *dilution, int json);

/* fails: the number of findings with status FAIL. */
void output_check(const query_info *q, const btx_finding *findings, size_t count,
                  size_t fails, int json);

/* rc: BTX_OK (date is the answer), BTX_ENEVER or BTX_EWEIGHT. */
void output_next(const query_info *q, int rc, btx_date date, int json);

/* rc: BTX_OK (units is the answer, INFINITY when no window rule applies) or BTX_EWEIGHT. */
void output_headroom(const query_info *q, int rc, double units, int json);

/* The audit's answer: the population sorted by population_sort, one result per row. */
typedef struct audit_report {
    const population *pop;
    const btx_audit_result *results;
    size_t flagged;           /* rows with any flag */
    const btx_policy *policy; /* NULL: the label's windows, no spacing */
    int32_t limit;            /* print at most this many flagged rows; -1: all */
} audit_report;

void output_audit(const audit_report *r, int json);

/* Formats units as the shortest decimal with at most 3 decimals ("155", "234.5"). */
const char *output_units(double v, char buf[48]);

#endif /* BTXDOSE_TOOL_OUTPUT_H */
