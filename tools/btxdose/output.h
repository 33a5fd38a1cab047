/* SPDX-License-Identifier: Apache-2.0 */
/* The tool's one output module: what every command prints, as aligned text for people
 * or as JSON (--json) for programs, through one JSON writer. Everything goes to standard
 * output; errors go to standard error (cli_error). */
#ifndef BTXDOSE_TOOL_OUTPUT_H
#define BTXDOSE_TOOL_OUTPUT_H

#include <stddef.h>

#include <btxdose/btxdose.h>

#include "stream.h"

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

/* fails: the number of findings with status FAIL; bill: the vial plan and billing
 * lines of the proposal (check --bill), NULL when not asked for. */
void output_check(const query_info *q, const btx_finding *findings, size_t count,
                  size_t fails, const btx_billing *bill, int json);

/* rc: BTX_OK (date is the answer), BTX_ENEVER or BTX_EWEIGHT. */
void output_next(const query_info *q, int rc, btx_date date, int json);

/* rc: BTX_OK (units is the answer, INFINITY when no window rule applies) or BTX_EWEIGHT. */
void output_headroom(const query_info *q, int rc, double units, int json);

/* The answer of btx_bill: vials, discarded units, drug lines, advisory CPT codes and the
 * sources of each (bill). JSON members as btxdose.bill(...).to_dict() in Python. */
void output_bill(const btx_billing *b, int json);

/* ---- the audit: the report on standard output, the flagged rows in a file ---- */

typedef enum audit_file_format {
    AUDIT_FILE_CSV = 0,  /* a header line, then one line per flagged row */
    AUDIT_FILE_JSONL = 1 /* one JSON object per line (JSON Lines) */
} audit_file_format;

typedef struct audit_output_options {
    int json;                   /* --json: one JSON object on standard output */
    int32_t limit;              /* --limit: rows listed on standard output; -1 when not
                                   given: all, or none with --output */
    const btx_policy *policy;   /* NULL: the label's windows, no spacing */
    const char *input_name;     /* the input's name, "<stdin>" for "-" */
    const char *output_path;    /* --output, or NULL */
    audit_file_format output_format;
} audit_output_options;

typedef struct audit_output audit_output;

/* Opens the output (--output's file too). Returns NULL after a message. */
audit_output *audit_output_open(const audit_output_options *o);

/* The sink of stream.h: each chunk's flagged rows, counted and formatted; restart
 * forgets them. */
int audit_output_chunk(void *ctx, const audit_chunk *c);
int audit_output_restart(void *ctx);

/* After the whole input was read and audited: --output's file takes its name, and the
 * report goes to standard output. Returns the exit status (0 nothing flagged, 1 a row
 * is flagged), or -1 after a message. */
int audit_output_finish(audit_output *w, const stream_result *r);

/* Frees the output; --output's temporary file, when it did not take its name, is
 * removed. NULL is allowed. */
void audit_output_close(audit_output *w);

/* Formats units as the shortest decimal with at most 3 decimals ("155", "234.5"). */
const char *output_units(double v, char buf[48]);

#endif /* BTXDOSE_TOOL_OUTPUT_H */
