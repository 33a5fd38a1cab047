/* Option parsing and strict conversion of user text (dates, names, numbers). */
#include "opt.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("btxdose: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

const char *args_excerpt(const char *text, char *buf)
{
    size_t i = 0;
    for (; text[i] != '\0' && i < 60; i++) {
        unsigned char c = (unsigned char)text[i];
        buf[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    if (text[i] != '\0') {
        memcpy(buf + i, "...", 3);
        i += 3;
    }
    buf[i] = '\0';
    return buf;
}

char *args_trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int args_parse_number(const char *text, double *out)
{
    const char *p = text;
    size_t int_digits = 0, frac_digits = 0;
    if (*p == '+' || *p == '-')
        p++;
    while (is_digit(*p)) {
        p++;
        int_digits++;
    }
    if (*p == '.') {
        p++;
        while (is_digit(*p)) {
            p++;
            frac_digits++;
        }
    }
    if (int_digits + frac_digits == 0)
        return -1;
    if (*p == 'e' || *p == 'E') {
        size_t exp_digits = 0;
        p++;
        if (*p == '+' || *p == '-')
            p++;
        while (is_digit(*p)) {
            p++;
            exp_digits++;
        }
        if (exp_digits == 0)
            return -1;
    }
    if (*p != '\0')
        return -1;
    /* The grammar above is a subset of strtod's in the C locale (the tool never calls
     * setlocale), so strtod consumes exactly the same text. */
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (end == NULL || *end != '\0' || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int args_parse_count(const char *text, int32_t max, int32_t *out)
{
    int64_t v = 0;
    if (*text == '\0')
        return -1;
    for (const char *p = text; *p != '\0'; p++) {
        if (!is_digit(*p))
            return -1;
        v = v * 10 + (*p - '0');
        if (v > max)
            return -1;
    }
    *out = (int32_t)v;
    return 0;
}

/* ---- field converters ---- */

int field_date(const char *text, btx_date *out, char msg[CLI_MSG_SIZE])
{
    char ex[64];
    if (*text == '\0') {
        snprintf(msg, CLI_MSG_SIZE, "missing (a YYYY-MM-DD date is required)");
        return -1;
    }
    int rc = btx_date_parse(text, out);
    if (rc == BTX_OK)
        return 0;
    if (rc == BTX_ERANGE)
        snprintf(msg, CLI_MSG_SIZE, "%s is outside 1900-01-01..2199-12-31",
                 args_excerpt(text, ex));
    else
        snprintf(msg, CLI_MSG_SIZE, "'%s' is not a valid YYYY-MM-DD date",
                 args_excerpt(text, ex));
    return -1;
}

int field_product(const char *text, int32_t *out, char msg[CLI_MSG_SIZE])
{
    char ex[64];
    if (*text == '\0') {
        snprintf(msg, CLI_MSG_SIZE, "missing (a product name is required)");
        return -1;
    }
    if (btx_product_lookup(text, out) == BTX_OK)
        return 0;
    snprintf(msg, CLI_MSG_SIZE, "unknown product '%s'", args_excerpt(text, ex));
    return -1;
}

int field_indication(const char *text, int allow_empty, int32_t *out, char msg[CLI_MSG_SIZE])
{
    char ex[64];
    if (*text == '\0') {
        if (allow_empty) {
            *out = 0;
            return 0;
        }
        snprintf(msg, CLI_MSG_SIZE, "missing (an indication is required)");
        return -1;
    }
    if (btx_indication_lookup(text, out) == BTX_OK)
        return 0;
    snprintf(msg, CLI_MSG_SIZE, "unknown indication '%s'", args_excerpt(text, ex));
    return -1;
}

int field_units(const char *text, double *out, char msg[CLI_MSG_SIZE])
{
    char ex[64];
    double v;
    if (*text == '\0') {
        snprintf(msg, CLI_MSG_SIZE, "missing (a number of units is required)");
        return -1;
    }
    if (args_parse_number(text, &v) != 0) {
        snprintf(msg, CLI_MSG_SIZE, "'%s' is not a finite decimal number",
                 args_excerpt(text, ex));
        return -1;
    }
    if (v < 0 || text[0] == '-') {
        snprintf(msg, CLI_MSG_SIZE, "%s is negative", args_excerpt(text, ex));
        return -1;
    }
    if (v > BTX_UNITS_MAX) {
        snprintf(msg, CLI_MSG_SIZE, "%s is above the maximum of 100000 units",
                 args_excerpt(text, ex));
        return -1;
    }
    *out = v;
    return 0;
}

/* ---- the option table ---- */

enum opt_id {
    O_HISTORY, O_FORMAT, O_PROPOSE, O_DATE, O_PRODUCT, O_INDICATION,
    O_BIRTH_DATE, O_WEIGHT_KG, O_WEIGHT_DATE,
    O_WINDOW_DAYS, O_WINDOW_WEEKS, O_WINDOW_MONTHS, O_MIN_SPACING, O_WEIGHT_MAX_AGE,
    O_WARN_FRACTION, O_HISTORY_COMPLETE,
    O_JSON, O_PEDIATRIC, O_VIAL, O_DILUENT,
    O_COUNT
};

static const struct opt_def {
    const char *name;
    unsigned group;
    int has_value;
} opt_defs[O_COUNT] = {
    [O_HISTORY] = {"--history", OPTG_HISTORY, 1},
    [O_FORMAT] = {"--format", OPTG_HISTORY, 1},
    [O_PROPOSE] = {"--propose", OPTG_PROPOSE, 1},
    [O_DATE] = {"--date", OPTG_QUERY, 1},
    [O_PRODUCT] = {"--product", OPTG_QUERY, 1},
    [O_INDICATION] = {"--indication", OPTG_QUERY, 1},
    [O_BIRTH_DATE] = {"--birth-date", OPTG_PATIENT, 1},
    [O_WEIGHT_KG] = {"--weight-kg", OPTG_PATIENT, 1},
    [O_WEIGHT_DATE] = {"--weight-date", OPTG_PATIENT, 1},
    [O_WINDOW_DAYS] = {"--window-days", OPTG_POLICY, 1},
    [O_WINDOW_WEEKS] = {"--window-weeks", OPTG_POLICY, 1},
    [O_WINDOW_MONTHS] = {"--window-months", OPTG_POLICY, 1},
    [O_MIN_SPACING] = {"--min-spacing-days", OPTG_POLICY, 1},
    [O_WEIGHT_MAX_AGE] = {"--weight-max-age-days", OPTG_POLICY, 1},
    [O_WARN_FRACTION] = {"--warn-fraction", OPTG_POLICY, 1},
    [O_HISTORY_COMPLETE] = {"--history-complete", OPTG_POLICY, 0},
    [O_JSON] = {"--json", OPTG_JSON, 0},
    [O_PEDIATRIC] = {"--pediatric", OPTG_PROTOCOL, 0},
    [O_VIAL] = {"--vial", OPTG_PROTOCOL, 1},
    [O_DILUENT] = {"--diluent", OPTG_PROTOCOL, 1},
};

static int apply_option(int id, const char *name, const char *value, cli_options *o)
{
    char msg[CLI_MSG_SIZE];
    char ex[64];
    int32_t n;
    double v;
    switch (id) {
    case O_HISTORY:
        if (*value == '\0') {
            cli_error("%s: empty file name", name);
            return -1;
        }
        o->history_path = value;
        return 0;
    case O_FORMAT:
        if (strcmp(value, "csv") != 0 && strcmp(value, "json") != 0) {
            cli_error("%s: '%s' is not csv or json", name, args_excerpt(value, ex));
            return -1;
        }
        o->format = value;
        return 0;
    case O_PROPOSE:
        o->propose = value;
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
    case O_BIRTH_DATE:
    case O_WEIGHT_DATE:
        o->have_patient = 1;
        if (field_date(value, id == O_BIRTH_DATE ? &o->patient.birth_date
                                                 : &o->patient.weight_date, msg) != 0) {
            cli_error("%s: %s", name, msg);
            return -1;
        }
        return 0;
    case O_WEIGHT_KG:
        o->have_patient = 1;
        if (args_parse_number(value, &v) != 0 || v <= 0 || value[0] == '-') {
            cli_error("%s: '%s' is not a positive number of kilograms", name,
                      args_excerpt(value, ex));
            return -1;
        }
        o->patient.weight_kg = v;
        return 0;
    case O_WINDOW_DAYS:
    case O_WINDOW_WEEKS:
    case O_WINDOW_MONTHS:
        o->have_policy = 1;
        if (o->policy.window_unit != 0) {
            cli_error("%s: only one of --window-days, --window-weeks and --window-months "
                      "may be given", name);
            return -1;
        }
        if (args_parse_count(value, INT32_MAX, &n) != 0 || n == 0) {
            cli_error("%s: '%s' is not a positive whole number", name, args_excerpt(value, ex));
            return -1;
        }
        o->policy.window_length = n;
        o->policy.window_unit = id == O_WINDOW_DAYS ? BTX_DAYS
                                : id == O_WINDOW_WEEKS ? BTX_WEEKS : BTX_MONTHS;
        return 0;
    case O_MIN_SPACING:
    case O_WEIGHT_MAX_AGE:
        o->have_policy = 1;
        if (args_parse_count(value, INT32_MAX, &n) != 0) {
            cli_error("%s: '%s' is not a whole number of days", name, args_excerpt(value, ex));
            return -1;
        }
        if (id == O_MIN_SPACING)
            o->policy.min_spacing_days = n;
        else
            o->policy.weight_max_age_days = n;
        return 0;
    case O_WARN_FRACTION:
        o->have_policy = 1;
        if (args_parse_number(value, &v) != 0 || v < 0 || v > 1 || value[0] == '-') {
            cli_error("%s: '%s' is not a number from 0 to 1", name, args_excerpt(value, ex));
            return -1;
        }
        o->policy.warn_fraction = v;
        return 0;
    case O_HISTORY_COMPLETE:
        o->have_policy = 1;
        o->policy.history_complete = 1;
        return 0;
    case O_JSON:
        o->json = 1;
        return 0;
    case O_PEDIATRIC:
        o->pediatric = 1;
        return 0;
    case O_VIAL:
    case O_DILUENT:
        if (args_parse_number(value, &v) != 0 || v <= 0 || value[0] == '-') {
            cli_error("%s: '%s' is not a positive number", name, args_excerpt(value, ex));
            return -1;
        }
        if (id == O_VIAL) {
            o->have_vial = 1;
            o->vial_units = v;
        } else {
            o->have_diluent = 1;
            o->diluent_ml = v;
        }
        return 0;
    default:
        return -1;
    }
}

int args_parse(int argc, char **argv, int first, unsigned groups, size_t max_positional,
               const char *command, cli_options *o)
{
    int seen[O_COUNT] = {0};
    int options_done = 0;
    char ex[64];

    memset(o, 0, sizeof *o);
    o->patient.struct_size = sizeof o->patient;
    o->patient.birth_date = BTX_DATE_UNKNOWN;
    o->patient.weight_date = BTX_DATE_UNKNOWN;
    o->policy.struct_size = sizeof o->policy;

    for (int i = first; i < argc; i++) {
        const char *arg = argv[i];
        if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (o->npositional >= max_positional) {
                cli_error("%s: unexpected argument '%s'", command, args_excerpt(arg, ex));
                return -1;
            }
            o->positional[o->npositional++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            options_done = 1;
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
            return 1;

        const char *eq = strchr(arg, '=');
        size_t name_len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
        int id = -1;
        for (int k = 0; k < O_COUNT; k++) {
            if (strlen(opt_defs[k].name) == name_len &&
                strncmp(opt_defs[k].name, arg, name_len) == 0) {
                id = k;
                break;
            }
        }
        if (id < 0 || (opt_defs[id].group & groups) == 0) {
            cli_error("%s: unknown option '%s' (see 'btxdose help')", command,
                      args_excerpt(arg, ex));
            return -1;
        }
        const char *name = opt_defs[id].name;
        if (seen[id]) {
            cli_error("%s: %s given twice", command, name);
            return -1;
        }
        seen[id] = 1;
        const char *value = NULL;
        if (opt_defs[id].has_value) {
            if (eq != NULL) {
                value = eq + 1;
            } else if (i + 1 < argc) {
                value = argv[++i];
            } else {
                cli_error("%s: %s needs a value", command, name);
                return -1;
            }
        } else if (eq != NULL) {
            cli_error("%s: %s takes no value", command, name);
            return -1;
        }
        if (apply_option(id, name, value, o) != 0)
            return -1;
    }
    if (o->have_vial != o->have_diluent) {
        cli_error("%s: --vial and --diluent must be given together", command);
        return -1;
    }
    return 0;
}

int args_parse_proposal(const char *text, btx_administration *out)
{
    static const char *const names[4] = {"date", "product", "indication", "units"};
    char buf[512];
    char *fields[4];
    char msg[CLI_MSG_SIZE];
    size_t len = strlen(text), nfields = 1;

    if (len >= sizeof buf) {
        cli_error("--propose: text too long");
        return -1;
    }
    memcpy(buf, text, len + 1);
    fields[0] = buf;
    for (char *p = buf; *p != '\0'; p++) {
        if (*p != ',')
            continue;
        if (nfields == 4) {
            cli_error("--propose: expected DATE,PRODUCT,INDICATION,UNITS (4 fields), found more");
            return -1;
        }
        *p = '\0';
        fields[nfields++] = p + 1;
    }
    if (nfields != 4) {
        cli_error("--propose: expected DATE,PRODUCT,INDICATION,UNITS (4 fields), found %zu",
                  nfields);
        return -1;
    }
    for (size_t k = 0; k < 4; k++)
        fields[k] = args_trim(fields[k]);
    memset(out, 0, sizeof *out);
    int rc = field_date(fields[0], &out->date, msg);
    size_t bad = 0;
    if (rc == 0) {
        bad = 1;
        rc = field_product(fields[1], &out->product, msg);
    }
    if (rc == 0) {
        bad = 2;
        rc = field_indication(fields[2], 0, &out->indication, msg);
    }
    if (rc == 0) {
        bad = 3;
        rc = field_units(fields[3], &out->units, msg);
    }
    if (rc != 0) {
        cli_error("--propose: %s: %s", names[bad], msg);
        return -1;
    }
    return 0;
}
