/* SPDX-License-Identifier: Apache-2.0 */
/* btxdose audit --input FILE [--format csv|json] [--json] [--limit N]
 *               [--window-days N | --window-weeks N | --window-months N]
 *               [--min-spacing-days N]
 *
 * Reads a population (population.h: a patient column, then the columns of a history, in
 * any order), sorts a copy by patient and date, gives each patient a key in that order,
 * runs btx_audit once and prints the flagged rows with their line in the file and a
 * summary (docs/cli.md, docs/audit.md). Exit 0 nothing flagged, 1 a row is flagged, 2 bad
 * input or usage. */
#include <stdio.h>
#include <stdlib.h>

#include <btxdose/btxdose.h>

#include "cli.h"
#include "opt.h"
#include "output.h"
#include "population.h"

/* Runs the audit over the sorted population into a new results array. Returns 0, or -1
 * after a message. */
static int run_audit(const population *p, const btx_policy *policy,
                     btx_audit_result **results, size_t *flagged)
{
    btx_audit_row *rows = malloc((p->count > 0 ? p->count : 1) * sizeof *rows);
    *results = malloc((p->count > 0 ? p->count : 1) * sizeof **results);
    if (rows == NULL || *results == NULL) {
        cli_error("out of memory");
        free(rows);
        return -1;
    }
    for (size_t i = 0; i < p->count; i++)
        rows[i] = p->entries[i].row;
    int rc = btx_audit(policy, rows, p->count, *results, flagged);
    if (rc != BTX_OK) {
        /* Every row and the policy passed btx_check_*, and the order is the sort's:
         * this is a rule the tool does not know of. Name the row if the library can. */
        size_t bad = 0;
        int32_t field = BTX_FIELD_NONE;
        (void)btx_check_audit_rows(rows, p->count, &bad, &field);
        cli_error("%s:%zu: %s: libbtxdose refused the audit: %s", p->name,
                  bad < p->count ? p->entries[bad].line : 0, btx_field_name(field),
                  btx_strerror(rc));
    }
    free(rows);
    return rc == BTX_OK ? 0 : -1;
}

int cmd_audit(int argc, char **argv)
{
    cli_options o;
    int rc = opt_parse(argc, argv, OPTG_INPUT | OPTG_WINDOW | OPTG_JSON, 0, &o);
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
    population p;
    if (population_load(o.input_path, o.format, &p) != 0)
        return CLI_EXIT_USAGE;
    population_sort(&p);
    btx_audit_result *results = NULL;
    size_t flagged = 0;
    int status = CLI_EXIT_USAGE;
    const btx_policy *policy = o.have_policy ? &o.policy : NULL;
    if (run_audit(&p, policy, &results, &flagged) == 0) {
        audit_report r = {&p, results, flagged, policy, o.limit};
        output_audit(&r, o.json);
        status = flagged > 0 ? CLI_EXIT_NO : CLI_EXIT_OK;
    }
    free(results);
    population_free(&p);
    return status;
}
