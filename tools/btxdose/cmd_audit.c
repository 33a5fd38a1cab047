/* SPDX-License-Identifier: Apache-2.0 */
/* btxdose audit --input FILE [--format csv|json] [--json] [--limit N] [--sorted]
 *               [--output FILE [--output-format csv|jsonl]]
 *               [--window-days N | --window-weeks N | --window-months N]
 *               [--min-spacing-days N]
 *
 * Reads a population (population.h: a patient column, then the columns of a history, in
 * any order) and audits it in chunks as it is read (stream.h): rows sorted by patient
 * and date stream through btx_audit in bounded memory; others are sorted in memory
 * first, or refused with --sorted. Prints the flagged rows with their line in the file
 * and a summary, and writes every flagged row to --output (docs/cli.md, docs/audit.md).
 * Exit 0 nothing flagged, 1 a row is flagged, 2 bad input or usage. */
#include <stdio.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "cli.h"
#include "opt.h"
#include "output.h"
#include "reader.h"
#include "stream.h"

#define AUDIT_GROUPS (OPTG_INPUT | OPTG_WINDOW | OPTG_JSON | OPTG_AUDIT)

/* --output's format: --output-format, else the extension (.jsonl, .ndjson: JSON Lines;
 * anything else: CSV). */
static audit_file_format output_format(const cli_options *o)
{
    if (o->output_format != NULL)
        return strcmp(o->output_format, "jsonl") == 0 ? AUDIT_FILE_JSONL : AUDIT_FILE_CSV;
    const char *dot = strrchr(o->output_path, '.');
    if (dot != NULL && cli_last_separator(dot) == NULL) {
        char ext[8];
        size_t n = 0;
        for (; dot[n] != '\0' && n + 1 < sizeof ext; n++)
            ext[n] = (char)(dot[n] >= 'A' && dot[n] <= 'Z' ? dot[n] - 'A' + 'a' : dot[n]);
        ext[n] = '\0';
        if (strcmp(ext, ".jsonl") == 0 || strcmp(ext, ".ndjson") == 0)
            return AUDIT_FILE_JSONL;
    }
    return AUDIT_FILE_CSV;
}

int cmd_audit(int argc, char **argv)
{
    cli_options o;
    int rc = opt_parse(argc, argv, AUDIT_GROUPS, 0, &o);
    if (rc > 0) {
        cli_help(stdout, "audit");
        return CLI_EXIT_OK;
    }
    if (rc < 0 || opt_check_with_library(&o, "audit") != 0)
        return CLI_EXIT_USAGE;
    if (o.input_path == NULL) {
        cli_error("audit: --input FILE is required");
        return CLI_EXIT_USAGE;
    }
    if (o.output_format != NULL && o.output_path == NULL) {
        cli_error("audit: --output-format needs --output FILE");
        return CLI_EXIT_USAGE;
    }
    const btx_policy *policy = o.have_policy ? &o.policy : NULL;
    audit_output_options ao = {o.json, o.limit, policy, reader_name(o.input_path),
                               o.output_path, AUDIT_FILE_CSV};
    if (o.output_path != NULL)
        ao.output_format = output_format(&o);
    audit_output *out = audit_output_open(&ao);
    if (out == NULL)
        return CLI_EXIT_USAGE;
    stream_options so = {o.input_path, o.format, policy, o.sorted, 1, 1, 0, 0};
    audit_sink sink = {audit_output_chunk, audit_output_restart, out};
    stream_result r;
    int status = CLI_EXIT_USAGE;
    if (stream_audit(&so, &sink, &r) == 0) {
        rc = audit_output_finish(out, &r);
        if (rc >= 0)
            status = rc > 0 ? CLI_EXIT_NO : CLI_EXIT_OK;
    }
    audit_output_close(out);
    return status;
}
