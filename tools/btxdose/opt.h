/* Command-line options of the btxdose tool: one parser for every subcommand, strict
 * number and date parsing, and the patient/policy structs the options fill in. */
#ifndef BTXDOSE_CLI_ARGS_H
#define BTXDOSE_CLI_ARGS_H

#include <stddef.h>
#include <stdint.h>

#include <btxdose/btxdose.h>

/* Groups of options; a subcommand names the groups it accepts. */
enum {
    OPTG_HISTORY = 1u << 0,    /* --history FILE, --format csv|json */
    OPTG_PROPOSE = 1u << 1,    /* --propose DATE,PRODUCT,INDICATION,UNITS */
    OPTG_QUERY = 1u << 2,      /* --date, --product, --indication */
    OPTG_PATIENT = 1u << 3,    /* --birth-date, --weight-kg, --weight-date */
    OPTG_POLICY = 1u << 4,     /* --window-*, --min-spacing-days, ... */
    OPTG_JSON = 1u << 5,       /* --json */
    OPTG_PROTOCOL = 1u << 6    /* --pediatric, --vial, --diluent */
};

#define CLI_MAX_POSITIONAL 4

typedef struct cli_options {
    const char *history_path;   /* NULL when not given */
    const char *format;         /* "csv", "json" or NULL (from the file name) */
    const char *propose;        /* raw DATE,PRODUCT,INDICATION,UNITS */
    const char *date;           /* raw --date */
    const char *product;        /* raw --product */
    const char *indication;     /* raw --indication */
    int json;
    int pediatric;
    int have_vial, have_diluent;
    double vial_units, diluent_ml;
    int have_patient;           /* any patient option given */
    btx_patient patient;
    int have_policy;            /* any policy option given */
    btx_policy policy;
    const char *positional[CLI_MAX_POSITIONAL];
    size_t npositional;
} cli_options;

/* Parses argv[first..argc-1] for a subcommand that accepts the option groups in
 * `groups` and at most `max_positional` positional arguments. Prints a message naming
 * the option and returns -1 on any error; 0 on success. */
int args_parse(int argc, char **argv, int first, unsigned groups, size_t max_positional,
               const char *command, cli_options *out);

/* Strict decimal number: [+-]digits[.digits][(e|E)[+-]digits] (".5" and "5." allowed),
 * the whole text consumed, finite. No hex, no "nan"/"inf", no spaces.
 * Returns 0 and the value, or -1. */
int args_parse_number(const char *text, double *out);

/* Strict non-negative decimal integer up to max. Returns 0 or -1. */
int args_parse_count(const char *text, int32_t max, int32_t *out);

/* Copies at most 60 bytes of text into buf for an error message, with every byte that
 * is not printable ASCII replaced by '?' and "..." when cut. buf needs 64 bytes. */
const char *args_excerpt(const char *text, char *buf);

/* Trims ASCII spaces and tabs at both ends, in place; returns the new start. */
char *args_trim(char *s);

/* Field converters shared by the option parser and the history readers. Each returns
 * 0, or -1 with a message (no prefix, e.g. "-5 is negative") in msg. */
#define CLI_MSG_SIZE 256
int field_date(const char *text, btx_date *out, char msg[CLI_MSG_SIZE]);
int field_product(const char *text, int32_t *out, char msg[CLI_MSG_SIZE]);
/* An empty indication gives 0 when allow_empty, else an error. */
int field_indication(const char *text, int allow_empty, int32_t *out, char msg[CLI_MSG_SIZE]);
int field_units(const char *text, double *out, char msg[CLI_MSG_SIZE]);

/* Parses DATE,PRODUCT,INDICATION,UNITS into a record (indication required). Prints
 * "btxdose: --propose: FIELD: ..." and returns -1 when bad. */
int args_parse_proposal(const char *text, btx_administration *out);

/* Prints "btxdose: " and the formatted message to stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif /* BTXDOSE_CLI_ARGS_H */
