/* SPDX-License-Identifier: Apache-2.0 */
/* The option table and its parser (see opt.h). */
#include "opt.h"

#include <string.h>

#include "cli.h"
#include "fields.h"

enum opt_id {
    O_HISTORY, O_INPUT, O_FORMAT, O_LIMIT, O_PROPOSE, O_LIMBS, O_DATE, O_PRODUCT, O_INDICATION,
    O_BIRTH_DATE, O_WEIGHT_KG, O_WEIGHT_DATE,
    O_WINDOW_DAYS, O_WINDOW_WEEKS, O_WINDOW_MONTHS, O_MIN_SPACING,
    O_WEIGHT_MAX_AGE, O_WARN_FRACTION, O_HISTORY_COMPLETE,
    O_JSON, O_PEDIATRIC, O_VIAL, O_DILUENT,
    O_UNITS, O_BILL, O_SETTING,
    O_SORTED, O_OUTPUT, O_OUTPUT_FORMAT,
    O_COUNT
};

static const struct opt_def {
    const char *name;
    const char *value; /* the value's name in the help; NULL: a flag */
    unsigned groups;
    const char *help;
} opt_defs[O_COUNT] = {
    [O_HISTORY] = {"--history", "FILE", OPTG_HISTORY,
                   "the patient's history, CSV or JSON ('-': standard input)"},
    [O_INPUT] = {"--input", "FILE", OPTG_INPUT,
                 "the population, CSV or JSON ('-': standard input)"},
    [O_FORMAT] = {"--format", "csv|json", OPTG_HISTORY | OPTG_INPUT,
                  "the file's format, instead of its extension"},
    [O_LIMIT] = {"--limit", "N", OPTG_INPUT, "print at most N flagged rows"},
    [O_PROPOSE] = {"--propose", "DATE,PRODUCT,INDICATION,UNITS", OPTG_PROPOSE,
                   "the proposed dose"},
    [O_LIMBS] = {"--limbs", "N", OPTG_PROPOSE,
                 "limbs the proposal treats: 1 or 2 (limb spasticity; default: not stated)"},
    [O_DATE] = {"--date", "DATE", OPTG_QUERY, "the day asked about (bill: date of service)"},
    [O_PRODUCT] = {"--product", "PRODUCT", OPTG_QUERY, "the product asked about"},
    [O_INDICATION] = {"--indication", "INDICATION", OPTG_QUERY,
                      "the indication (headroom: optional, adds its windows)"},
    [O_BIRTH_DATE] = {"--birth-date", "DATE", OPTG_PATIENT, "patient: birth date"},
    [O_WEIGHT_KG] = {"--weight-kg", "KG", OPTG_PATIENT, "patient: body weight"},
    [O_WEIGHT_DATE] = {"--weight-date", "DATE", OPTG_PATIENT,
                       "patient: when the weight was measured"},
    [O_WINDOW_DAYS] = {"--window-days", "N", OPTG_WINDOW,
                       "policy: windows of N days instead of the label's"},
    [O_WINDOW_WEEKS] = {"--window-weeks", "N", OPTG_WINDOW,
                        "policy: windows of N weeks (one --window-* at most)"},
    [O_WINDOW_MONTHS] = {"--window-months", "N", OPTG_WINDOW,
                         "policy: windows of N calendar months"},
    [O_MIN_SPACING] = {"--min-spacing-days", "N", OPTG_WINDOW,
                       "policy: days between visits of one substance"},
    [O_WEIGHT_MAX_AGE] = {"--weight-max-age-days", "N", OPTG_POLICY,
                          "policy: a weight counts for N days"},
    [O_WARN_FRACTION] = {"--warn-fraction", "F", OPTG_POLICY,
                         "policy: warn at this share (0 to 1) of a window limit"},
    [O_HISTORY_COMPLETE] = {"--history-complete", NULL, OPTG_POLICY,
                            "policy: the history is the patient's whole history"},
    [O_JSON] = {"--json", NULL, OPTG_JSON, "JSON for programs (default: aligned text)"},
    [O_PEDIATRIC] = {"--pediatric", NULL, OPTG_PROTOCOL, "the under-18 population"},
    [O_VIAL] = {"--vial", "UNITS", OPTG_PROTOCOL, "units in the vial (with --diluent)"},
    [O_DILUENT] = {"--diluent", "ML", OPTG_PROTOCOL, "mL of diluent (with --vial)"},
    [O_UNITS] = {"--units", "UNITS", OPTG_UNITS,
                 "the dose: all of the patient's same-day doses of it"},
    [O_SETTING] = {"--setting", "SETTING", OPTG_SETTING,
                   "office (default), hospital_outpatient, asc, cah, rhc, fqhc, inpatient"},
    [O_BILL] = {"--bill", NULL, OPTG_BILL,
                "also the proposal's vial plan and billing lines (bill)"},
    [O_SORTED] = {"--sorted", NULL, OPTG_AUDIT,
                  "the rows are sorted by patient, then date: refuse them if not"},
    [O_OUTPUT] = {"--output", "FILE", OPTG_AUDIT,
                  "write every flagged row to FILE (CSV, or JSON Lines)"},
    [O_OUTPUT_FORMAT] = {"--output-format", "csv|jsonl", OPTG_AUDIT,
                         "--output's format, instead of its extension"},
};

void opt_help(FILE *out, unsigned groups)
{
    for (int k = 0; k < O_COUNT; k++) {
        const struct opt_def *d = &opt_defs[k];
        if ((d->groups & groups) == 0)
            continue;
        int n = fprintf(out, "  %s%s%s", d->name, d->value != NULL ? " " : "",
                        d->value != NULL ? d->value : "");
        if (n >= 30)
            fprintf(out, "\n%30s%s\n", "", d->help);
        else
            fprintf(out, "%*s%s\n", 30 - n, "", d->help);
    }
}

static int bad_value(const char *name, const char *value, const char *what)
{
    char ex[CLI_EXCERPT_SIZE];
    cli_error("%s: '%s' is not %s", name, cli_excerpt(value, ex), what);
    return -1;
}

static int positive(const char *value, double *v)
{
    return field_number(value, v) == 0 && *v > 0 && value[0] != '-';
}

static int apply_file(int id, const char *name, const char *value, cli_options *o)
{
    if (id == O_FORMAT) {
        if (strcmp(value, "csv") != 0 && strcmp(value, "json") != 0)
            return bad_value(name, value, "csv or json");
        o->format = value;
        return 0;
    }
    if (*value == '\0') {
        cli_error("%s: empty file name", name);
        return -1;
    }
    if (id == O_HISTORY)
        o->history_path = value;
    else
        o->input_path = value;
    return 0;
}

static int apply_patient(int id, const char *name, const char *value, cli_options *o)
{
    char msg[FIELD_MSG_SIZE];
    double v;
    o->have_patient = 1;
    if (id == O_WEIGHT_KG) {
        if (!positive(value, &v))
            return bad_value(name, value, "a positive number of kilograms");
        o->patient.weight_kg = v;
        return 0;
    }
    btx_date *d = id == O_BIRTH_DATE ? &o->patient.birth_date : &o->patient.weight_date;
    if (field_date(value, d, msg) != 0) {
        cli_error("%s: %s", name, msg);
        return -1;
    }
    return 0;
}

static int apply_policy(int id, const char *name, const char *value, cli_options *o)
{
    int32_t n;
    double v;
    o->have_policy = 1;
    switch (id) {
    case O_WINDOW_DAYS:
    case O_WINDOW_WEEKS:
    case O_WINDOW_MONTHS:
        if (o->window_option != NULL) {
            cli_error("%s: only one of --window-days, --window-weeks and --window-months "
                      "may be given", name);
            return -1;
        }
        if (field_count(value, INT32_MAX, &n) != 0 || n == 0)
            return bad_value(name, value, "a positive whole number");
        o->window_option = name;
        o->policy.window_length = n;
        o->policy.window_unit = id == O_WINDOW_DAYS    ? BTX_DAYS
                                : id == O_WINDOW_WEEKS ? BTX_WEEKS
                                                       : BTX_MONTHS;
        return 0;
    case O_MIN_SPACING:
    case O_WEIGHT_MAX_AGE:
        if (field_count(value, INT32_MAX, &n) != 0)
            return bad_value(name, value, "a whole number of days");
        if (id == O_MIN_SPACING)
            o->policy.min_spacing_days = n;
        else
            o->policy.weight_max_age_days = n;
        return 0;
    case O_WARN_FRACTION:
        if (field_number(value, &v) != 0 || v < 0 || v > 1 || value[0] == '-')
            return bad_value(name, value, "a number from 0 to 1");
        o->policy.warn_fraction = v;
        return 0;
    default: /* O_HISTORY_COMPLETE */
        o->policy.history_complete = 1;
        return 0;
    }
}

static int apply_dilution(int id, const char *name, const char *value, cli_options *o)
{
    double v;
    if (!positive(value, &v))
        return bad_value(name, value, "a positive number");
    if (id == O_VIAL) {
        o->have_vial = 1;
        o->vial_units = v;
    } else {
        o->have_diluent = 1;
        o->diluent_ml = v;
    }
    return 0;
}

static int apply_option(int id, const char *name, const char *value, cli_options *o)
{
    switch (id) {
    case O_HISTORY:
    case O_INPUT:
    case O_FORMAT:
        return apply_file(id, name, value, o);
    case O_LIMIT:
        if (field_count(value, INT32_MAX, &o->limit) != 0)
            return bad_value(name, value, "a whole number");
        return 0;
    case O_PROPOSE:
        o->propose = value;
        return 0;
    case O_LIMBS:
        if (!((value[0] == '1' || value[0] == '2') && value[1] == '\0'))
            return bad_value(name, value, "a number of limbs treated: 1 or 2");
        o->limbs = value;
        return 0;
    case O_DATE:
        o->date = value;
        return 0;
    case O_PRODUCT:
        o->product = value;
        return 0;
    case O_INDICATION:
        o->indication = value;
        return 0;
    case O_UNITS:
        o->units = value;
        return 0;
    case O_SETTING:
        o->setting = value;
        return 0;
    case O_BILL:
        o->bill = 1;
        return 0;
    case O_BIRTH_DATE:
    case O_WEIGHT_KG:
    case O_WEIGHT_DATE:
        return apply_patient(id, name, value, o);
    case O_JSON:
        o->json = 1;
        return 0;
    case O_PEDIATRIC:
        o->pediatric = 1;
        return 0;
    case O_VIAL:
    case O_DILUENT:
        return apply_dilution(id, name, value, o);
    case O_SORTED:
        o->sorted = 1;
        return 0;
    case O_OUTPUT:
        if (*value == '\0' || strcmp(value, "-") == 0) {
            cli_error("%s: give a file name (standard output holds the report)", name);
            return -1;
        }
        o->output_path = value;
        return 0;
    case O_OUTPUT_FORMAT:
        if (strcmp(value, "csv") != 0 && strcmp(value, "jsonl") != 0)
            return bad_value(name, value, "csv or jsonl");
        o->output_format = value;
        return 0;
    default:
        return apply_policy(id, name, value, o);
    }
}

static int find_option(const char *arg, size_t name_len)
{
    for (int k = 0; k < O_COUNT; k++)
        if (strlen(opt_defs[k].name) == name_len &&
            strncmp(opt_defs[k].name, arg, name_len) == 0)
            return k;
    return -1;
}

static void options_init(cli_options *o)
{
    memset(o, 0, sizeof *o);
    o->limit = -1;
    o->patient.struct_size = sizeof o->patient;
    o->patient.birth_date = BTX_DATE_UNKNOWN;
    o->patient.weight_date = BTX_DATE_UNKNOWN;
    o->policy.struct_size = sizeof o->policy;
}

/* One option at argv[*i]; advances *i past its value. */
static int parse_one(int argc, char **argv, int *i, unsigned groups, int seen[O_COUNT],
                     cli_options *o)
{
    const char *command = argv[0], *arg = argv[*i];
    char ex[CLI_EXCERPT_SIZE];
    const char *eq = strchr(arg, '=');
    int id = find_option(arg, eq != NULL ? (size_t)(eq - arg) : strlen(arg));
    if (id < 0 || (opt_defs[id].groups & groups) == 0) {
        cli_error("%s: unknown option '%s' (see 'btxdose help %s')", command,
                  cli_excerpt(arg, ex), command);
        return -1;
    }
    const char *name = opt_defs[id].name, *value = NULL;
    if (seen[id]++) {
        cli_error("%s: %s given twice", command, name);
        return -1;
    }
    if (opt_defs[id].value == NULL) {
        if (eq != NULL) {
            cli_error("%s: %s takes no value", command, name);
            return -1;
        }
    } else if (eq != NULL) {
        value = eq + 1;
    } else if (*i + 1 < argc) {
        value = argv[++*i];
    } else {
        cli_error("%s: %s needs a value", command, name);
        return -1;
    }
    return apply_option(id, name, value, o);
}

int opt_parse(int argc, char **argv, unsigned groups, size_t max_positional, cli_options *o)
{
    int seen[O_COUNT] = {0};
    int options_done = 0;
    char ex[CLI_EXCERPT_SIZE];

    options_init(o);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (o->npositional >= max_positional) {
                cli_error("%s: unexpected argument '%s'", argv[0], cli_excerpt(arg, ex));
                return -1;
            }
            o->positional[o->npositional++] = arg;
        } else if (strcmp(arg, "--") == 0) {
            options_done = 1;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            return 1;
        } else if (parse_one(argc, argv, &i, groups, seen, o) != 0) {
            return -1;
        }
    }
    if (o->have_vial != o->have_diluent) {
        cli_error("%s: --vial and --diluent must be given together", argv[0]);
        return -1;
    }
    return 0;
}

/* The option that set the patient or policy field the library names. */
static const char *option_for_field(const cli_options *o, int32_t field)
{
    static const struct {
        int32_t field;
        int id;
    } map[] = {
        {BTX_FIELD_WEIGHT_KG, O_WEIGHT_KG},
        {BTX_FIELD_BIRTH_DATE, O_BIRTH_DATE},
        {BTX_FIELD_WEIGHT_DATE, O_WEIGHT_DATE},
        {BTX_FIELD_MIN_SPACING_DAYS, O_MIN_SPACING},
        {BTX_FIELD_WEIGHT_MAX_AGE_DAYS, O_WEIGHT_MAX_AGE},
        {BTX_FIELD_WARN_FRACTION, O_WARN_FRACTION},
        {BTX_FIELD_HISTORY_COMPLETE, O_HISTORY_COMPLETE},
    };
    if ((field == BTX_FIELD_WINDOW_LENGTH || field == BTX_FIELD_WINDOW_UNIT) &&
        o->window_option != NULL)
        return o->window_option;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].field == field)
            return opt_defs[map[i].id].name;
    return "options"; /* a field no option sets (struct_size, reserved) */
}

static int refused(const cli_options *o, const char *command, const char *what, int rc,
                   int32_t field)
{
    cli_error("%s: %s: libbtxdose refused the %s's %s: %s", command,
              option_for_field(o, field), what, btx_field_name(field), btx_strerror(rc));
    return -1;
}

int opt_check_patient_on(const cli_options *o, const char *command, btx_date date)
{
    int32_t field = BTX_FIELD_NONE;
    if (!o->have_patient)
        return 0;
    int rc = btx_check_patient_on(&o->patient, date, &field);
    if (rc == BTX_OK)
        return 0;
    if (rc == BTX_ERANGE && field == BTX_FIELD_BIRTH_DATE) {
        char b[BTX_DATE_FORMAT_SIZE], d[BTX_DATE_FORMAT_SIZE];
        if (btx_date_format(o->patient.birth_date, b, sizeof b) != BTX_OK ||
            btx_date_format(date, d, sizeof d) != BTX_OK)
            b[0] = d[0] = '\0';
        cli_error("%s: %s: libbtxdose refused the patient's birth_date: %s is after the date "
                  "checked, %s",
                  command, option_for_field(o, field), b, d);
        return -1;
    }
    return refused(o, command, "patient", rc, field);
}

int opt_check_with_library(const cli_options *o, const char *command)
{
    int32_t field = BTX_FIELD_NONE;
    int rc;
    if (o->have_patient && (rc = btx_check_patient(&o->patient, &field)) != BTX_OK)
        return refused(o, command, "patient", rc, field);
    if (o->have_policy && (rc = btx_check_policy(&o->policy, &field)) != BTX_OK)
        return refused(o, command, "policy", rc, field);
    return 0;
}
