/* SPDX-License-Identifier: Apache-2.0 */
/* The tool's one option parser: a table of every option, grouped; each command names
 * the groups it takes. It fills the patient and policy structs, and its help text comes
 * from the same table. */
#ifndef BTXDOSE_TOOL_OPT_H
#define BTXDOSE_TOOL_OPT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <btxdose/btxdose.h>

/* Groups of options; a command names the groups it takes. */
enum {
    OPTG_HISTORY = 1u << 0,  /* --history FILE, --format csv|json */
    OPTG_INPUT = 1u << 1,    /* --input FILE, --format csv|json, --limit N */
    OPTG_PROPOSE = 1u << 2,  /* --propose DATE,PRODUCT,INDICATION,UNITS */
    OPTG_QUERY = 1u << 3,    /* --date, --product, --indication */
    OPTG_PATIENT = 1u << 4,  /* --birth-date, --weight-kg, --weight-date */
    OPTG_WINDOW = 1u << 5,   /* --window-days|weeks|months, --min-spacing-days */
    OPTG_POLICY = 1u << 6,   /* --weight-max-age-days, --warn-fraction, --history-complete */
    OPTG_JSON = 1u << 7,     /* --json */
    OPTG_PROTOCOL = 1u << 8  /* --pediatric, --vial, --diluent */
};

#define OPT_MAX_POSITIONAL 4

typedef struct cli_options {
    const char *history_path;  /* --history, NULL when not given */
    const char *input_path;    /* --input, NULL when not given */
    const char *format;        /* "csv", "json" or NULL (from the file name) */
    const char *propose;       /* raw DATE,PRODUCT,INDICATION,UNITS */
    const char *date;          /* raw --date */
    const char *product;       /* raw --product */
    const char *indication;    /* raw --indication */
    int32_t limit;             /* --limit, -1 when not given */
    int json;
    int pediatric;
    int have_vial, have_diluent;
    double vial_units, diluent_ml;
    int have_patient;          /* any patient option given */
    btx_patient patient;
    int have_policy;           /* any policy option given */
    btx_policy policy;
    const char *window_option; /* the --window-* option given, or NULL */
    const char *positional[OPT_MAX_POSITIONAL];
    size_t npositional;
} cli_options;

/* Parses argv[1..argc-1] (argv[0] is the command's name) for a command that takes the
 * option groups in `groups` and at most `max_positional` positional arguments.
 * Returns 0; 1 for --help or -h; -1 after printing a message naming the option. */
int opt_parse(int argc, char **argv, unsigned groups, size_t max_positional, cli_options *out);

/* Prints the options of the given groups, one a line, from the option table. */
void opt_help(FILE *out, unsigned groups);

/* Asks the library whether it takes the patient and the policy the options made
 * (btx_check_patient, btx_check_policy). Returns 0, or -1 after printing
 * "COMMAND: OPTION: libbtxdose refused the patient's FIELD: reason". */
int opt_check_with_library(const cli_options *o, const char *command);

#endif /* BTXDOSE_TOOL_OPT_H */
