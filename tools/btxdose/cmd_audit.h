/* btxdose audit: the population audit subcommand (audit_cmd.c, docs/audit.md). */
#ifndef BTXDOSE_CLI_AUDIT_CMD_H
#define BTXDOSE_CLI_AUDIT_CMD_H

/* Usage lines for the tool's help text. */
#define BTX_CLI_AUDIT_USAGE                                                               \
    "  audit    --input FILE        every row of a population (CSV with a patient column)\n" \
    "           [--json] [--limit N] [policy options] (exit 1 when a row is flagged)\n"

/* `btxdose audit ...`: argv[0] is the program, argv[1] "audit", options follow.
 * Returns the exit status: 0 nothing flagged, 1 a row is flagged, 2 bad input or usage. */
int btx_cli_audit(int argc, char **argv);

#endif /* BTXDOSE_CLI_AUDIT_CMD_H */
