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
    OPTG_PROPOSE = 1u << 2,  /* --propose DATE,PRODUCT,INDICATION,UNITS, --limbs N */
    OPTG_QUERY = 1u << 3,    /* --date, --product, --indication */
    OPTG_PATIENT = 1u << 4,  /* --birth-date, --weight-kg, --weight-date */
    OPTG_WINDOW = 1u << 5,   /* --window-days|weeks|months, --min-spacing-days */
    OPTG_POLICY = 1u << 6,   /* --weight-max-age-days, --warn-fraction, --history-complete */
    OPTG_JSON = 1u << 7,     /* --json */
    OPTG_PROTOCOL = 1u << 8, /* --pediatric, --vial, --diluent */
    OPTG_UNITS = 1u << 9,    /* --units (bill) */
    OPTG_SETTING = 1u << 10, /* --setting (bill; check with --bill) */
    OPTG_BILL = 1u << 11,    /* --bill (check) */
    OPTG_AUDIT = 1u << 12    /* --sorted, --output FILE, --output-format csv|jsonl */
};

#define OPT_MAX_POSITIONAL 4

typedef struct cli_options {
    const char *history_path;  /* --history, NULL when not given */
    const char *input_path;    /* --input, NULL when not given */
    const char *format;        /* "csv", "json" or NULL (from the file name) */
    const char *propose;       /* raw DATE,PRODUCT,INDICATION,UNITS */
    const char *limbs;         /* --limbs: "1" or "2", NULL when not given */
    const char *date;          /* raw --date */
    const char *product;       /* raw --product */
    const char *indication;    /* raw --indication */
    const char *units;         /* raw --units */
    const char *setting;       /* raw --setting, NULL when not given */
    int bill;                  /* --bill */
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
    int sorted;                /* --sorted */
    const char *output_path;   /* --output, NULL when not given */
    const char *output_format; /* "csv", "jsonl" or NULL (from --output's name) */
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

/* Asks the library whether it takes the patient for a question about date
 * (btx_check_patient_on: a birth date after it is refused). Returns 0, or -1 after
 * printing "COMMAND: --birth-date: libbtxdose refused the patient's birth_date: ...". */
int opt_check_patient_on(const cli_options *o, const char *command, btx_date date);

#endif /* BTXDOSE_TOOL_OPT_H */
