/* SPDX-License-Identifier: Apache-2.0 */
/* Strict conversion of user text into the library's values (see fields.h). */
#include "fields.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Skips digits; returns how many. */
static size_t skip_digits(const char **p)
{
    size_t n = 0;
    while (is_digit(**p)) {
        (*p)++;
        n++;
    }
    return n;
}

int field_number(const char *text, double *out)
{
    const char *p = text;
    if (*p == '+' || *p == '-')
        p++;
    size_t digits = skip_digits(&p);
    if (*p == '.') {
        p++;
        digits += skip_digits(&p);
    }
    if (digits == 0)
        return -1;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (skip_digits(&p) == 0)
            return -1;
    }
    if (*p != '\0')
        return -1;
    /* The grammar above is a subset of strtod's in the C locale (the tool never calls
     * setlocale), so strtod consumes exactly the same text. */
    char *end = NULL;
    double v = strtod(text, &end);
    if (end == NULL || *end != '\0' || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int field_count(const char *text, int32_t max, int32_t *out)
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

int field_date(const char *text, btx_date *out, char msg[FIELD_MSG_SIZE])
{
    char ex[CLI_EXCERPT_SIZE];
    if (*text == '\0') {
        snprintf(msg, FIELD_MSG_SIZE, "missing (a YYYY-MM-DD date is required)");
        return -1;
    }
    int rc = btx_date_parse(text, out);
    if (rc == BTX_OK)
        return 0;
    if (rc == BTX_ERANGE)
        snprintf(msg, FIELD_MSG_SIZE, "%s is outside 1900-01-01..2199-12-31",
                 cli_excerpt(text, ex));
    else
        snprintf(msg, FIELD_MSG_SIZE, "'%s' is not a valid YYYY-MM-DD date",
                 cli_excerpt(text, ex));
    return -1;
}

int field_optional_date(const char *text, btx_date *out, char msg[FIELD_MSG_SIZE])
{
    if (*text == '\0') {
        *out = BTX_DATE_UNKNOWN;
        return 0;
    }
    return field_date(text, out, msg);
}

int field_product(const char *text, int32_t *out, char msg[FIELD_MSG_SIZE])
{
    char ex[CLI_EXCERPT_SIZE];
    if (*text == '\0') {
        snprintf(msg, FIELD_MSG_SIZE, "missing (a product name is required)");
        return -1;
    }
    if (btx_product_lookup(text, out) == BTX_OK)
        return 0;
    snprintf(msg, FIELD_MSG_SIZE, "unknown product '%s'", cli_excerpt(text, ex));
    return -1;
}

void field_product_for_indication(const char *text, int32_t indication, int32_t *product)
{
    int32_t substance = 0, labelled = 0;
    if (btx_substance_lookup(text, &substance) == BTX_OK &&
        btx_product_for_indication(substance, indication, &labelled) == BTX_OK)
        *product = labelled;
}

int field_indication(const char *text, int allow_empty, int32_t *out,
                     char msg[FIELD_MSG_SIZE])
{
    char ex[CLI_EXCERPT_SIZE];
    if (*text == '\0') {
        if (allow_empty) {
            *out = 0;
            return 0;
        }
        snprintf(msg, FIELD_MSG_SIZE, "missing (an indication is required)");
        return -1;
    }
    if (btx_indication_lookup(text, out) == BTX_OK)
        return 0;
    snprintf(msg, FIELD_MSG_SIZE, "unknown indication '%s'", cli_excerpt(text, ex));
    return -1;
}

int field_units(const char *text, double *out, char msg[FIELD_MSG_SIZE])
{
    char ex[CLI_EXCERPT_SIZE];
    double v;
    if (*text == '\0') {
        snprintf(msg, FIELD_MSG_SIZE, "missing (a number of units is required)");
        return -1;
    }
    if (field_number(text, &v) != 0) {
        snprintf(msg, FIELD_MSG_SIZE, "'%s' is not a finite decimal number",
                 cli_excerpt(text, ex));
        return -1;
    }
    if (v < 0 || text[0] == '-') {
        snprintf(msg, FIELD_MSG_SIZE, "%s is negative", cli_excerpt(text, ex));
        return -1;
    }
    if (v > BTX_UNITS_MAX) {
        snprintf(msg, FIELD_MSG_SIZE, "%s is above the maximum of 100000 units",
                 cli_excerpt(text, ex));
        return -1;
    }
    *out = v;
    return 0;
}

int field_weight(const char *text, double *out, char msg[FIELD_MSG_SIZE])
{
    char ex[CLI_EXCERPT_SIZE];
    if (*text == '\0') {
        *out = 0.0;
        return 0;
    }
    if (field_number(text, out) != 0) {
        snprintf(msg, FIELD_MSG_SIZE, "'%s' is not a number of kilograms",
                 cli_excerpt(text, ex));
        return -1;
    }
    return 0;
}

int field_limbs(const char *text, int32_t *flags, char msg[FIELD_MSG_SIZE])
{
    char ex[CLI_EXCERPT_SIZE];
    if (text[0] == '\0') {
        *flags = 0;
        return 0;
    }
    if ((text[0] == '1' || text[0] == '2') && text[1] == '\0') {
        *flags = BTX_LIMBS_FLAGS(text[0] - '0');
        return 0;
    }
    snprintf(msg, FIELD_MSG_SIZE, "'%s' is not a number of limbs treated: 1 or 2 (empty: "
             "not stated)", cli_excerpt(text, ex));
    return -1;
}

void field_limbs_refused(const btx_administration *a, const char *what, int rc,
                         char msg[FIELD_MSG_SIZE])
{
    int32_t limbs = BTX_LIMBS_OF(a->flags);
    if (limbs == 0 || a->flags != limbs) { /* not a count the tool made: say what it is */
        snprintf(msg, FIELD_MSG_SIZE, "flags %d: refused by libbtxdose: %s", (int)a->flags,
                 btx_strerror(rc));
        return;
    }
    if (a->indication == 0)
        snprintf(msg, FIELD_MSG_SIZE, "%d on a %s without indication: refused by libbtxdose: "
                 "%s (a count of limbs needs a limb indication)", (int)limbs, what,
                 btx_strerror(rc));
    else
        snprintf(msg, FIELD_MSG_SIZE, "%d on a %s %s: refused by libbtxdose: %s (a count of "
                 "limbs is for a limb indication)", (int)limbs,
                 btx_indication_name(a->indication), what, btx_strerror(rc));
}

int field_setting(const char *text, int32_t *out, char msg[FIELD_MSG_SIZE])
{
    char ex[CLI_EXCERPT_SIZE];
    if (*text == '\0') {
        snprintf(msg, FIELD_MSG_SIZE, "missing (a setting name is required)");
        return -1;
    }
    if (btx_setting_lookup(text, out) == BTX_OK)
        return 0;
    size_t n = (size_t)snprintf(msg, FIELD_MSG_SIZE, "unknown setting '%s' (known:",
                                cli_excerpt(text, ex));
    /* The library's names, in the order of its enum (values from 1 up). */
    for (int32_t s = 1; n < FIELD_MSG_SIZE; s++) {
        const char *name = btx_setting_name(s);
        if (strcmp(name, "unknown") == 0)
            break;
        n += (size_t)snprintf(msg + n, FIELD_MSG_SIZE - n, "%s %s", s > 1 ? "," : "", name);
    }
    if (n < FIELD_MSG_SIZE)
        snprintf(msg + n, FIELD_MSG_SIZE - n, ")");
    return -1;
}

/* Splits text at commas into exactly 4 trimmed fields in buf. Returns 0 or -1. */
static int split_proposal(const char *text, char buf[512], char *fields[4])
{
    size_t len = strlen(text), n = 1;
    if (len >= 512) {
        cli_error("--propose: text too long");
        return -1;
    }
    memcpy(buf, text, len + 1);
    fields[0] = buf;
    for (char *p = buf; *p != '\0'; p++) {
        if (*p != ',')
            continue;
        if (n == 4) {
            cli_error("--propose: expected DATE,PRODUCT,INDICATION,UNITS (4 fields), "
                      "found more");
            return -1;
        }
        *p = '\0';
        fields[n++] = p + 1;
    }
    if (n != 4) {
        cli_error("--propose: expected DATE,PRODUCT,INDICATION,UNITS (4 fields), found %zu",
                  n);
        return -1;
    }
    for (size_t k = 0; k < 4; k++)
        fields[k] = cli_trim(fields[k]);
    return 0;
}

int field_proposal(const char *text, const char *limbs, btx_administration *out)
{
    static const char *const names[4] = {"date", "product", "indication", "units"};
    char buf[512], msg[FIELD_MSG_SIZE];
    char *f[4];
    if (split_proposal(text, buf, f) != 0)
        return -1;
    memset(out, 0, sizeof *out);
    int bad = 0;
    int rc = field_date(f[0], &out->date, msg);
    if (rc == 0 && (rc = field_product(f[1], &out->product, msg)) != 0)
        bad = 1;
    if (rc == 0 && (rc = field_indication(f[2], 0, &out->indication, msg)) != 0)
        bad = 2;
    if (rc == 0 && (rc = field_units(f[3], &out->units, msg)) != 0)
        bad = 3;
    if (rc != 0) {
        cli_error("--propose: %s: %s", names[bad], msg);
        return -1;
    }
    field_product_for_indication(f[1], out->indication, &out->product);
    if (limbs != NULL && field_limbs(limbs, &out->flags, msg) != 0) {
        cli_error("--limbs: %s", msg);
        return -1;
    }
    int32_t field = BTX_FIELD_NONE;
    rc = btx_check_proposal(out, &field);
    if (rc != BTX_OK && field == BTX_FIELD_FLAGS) {
        field_limbs_refused(out, "proposal", rc, msg);
        cli_error("--limbs: %s", msg);
        return -1;
    }
    if (rc != BTX_OK) {
        cli_error("--propose: %s: refused by libbtxdose: %s", btx_field_name(field),
                  btx_strerror(rc));
        return -1;
    }
    return 0;
}
