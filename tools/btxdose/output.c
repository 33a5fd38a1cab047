/* SPDX-License-Identifier: Apache-2.0 */
/* Text and JSON output of the btxdose tool (see output.h). */
#include "output.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- small formatters ---- */

const char *output_units(double v, char buf[48])
{
    if (isnan(v)) {
        snprintf(buf, 48, "nan");
        return buf;
    }
    if (isinf(v)) {
        snprintf(buf, 48, v > 0 ? "inf" : "-inf");
        return buf;
    }
    snprintf(buf, 48, "%.3f", v);
    char *dot = strchr(buf, '.');
    if (dot != NULL) {
        char *end = buf + strlen(buf);
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, 48, "0");
    return buf;
}

static const char *fmt_date(btx_date d, char buf[BTX_DATE_FORMAT_SIZE])
{
    if (d == BTX_DATE_UNKNOWN || btx_date_format(d, buf, BTX_DATE_FORMAT_SIZE) != BTX_OK)
        return NULL;
    return buf;
}

static const char *evidence_name(int32_t e)
{
    switch (e) {
    case BTX_EVIDENCE_LABEL: return "label";
    case BTX_EVIDENCE_SECONDARY: return "secondary";
    default: return NULL;
    }
}

static const char *unit_name(int32_t u)
{
    switch (u) {
    case BTX_DAYS: return "days";
    case BTX_WEEKS: return "weeks";
    case BTX_MONTHS: return "months";
    default: return "unknown";
    }
}

static const char *kind_name(int32_t k)
{
    switch (k) {
    case BTX_INTERVAL_MINIMUM: return "minimum";
    case BTX_INTERVAL_SCHEDULE: return "schedule";
    default: return "unknown";
    }
}

static const char *category_name(int32_t c)
{
    switch (c) {
    case BTX_CATEGORY_THERAPEUTIC: return "therapeutic";
    case BTX_CATEGORY_COSMETIC: return "cosmetic";
    default: return "unknown";
    }
}

static const char *population_name(int32_t p)
{
    return p == BTX_PEDIATRIC ? "pediatric" : p == BTX_ADULT ? "adult" : "unknown";
}

static void upper(const char *s, char *buf, size_t size)
{
    size_t i = 0;
    for (; s[i] != '\0' && i + 1 < size; i++)
        buf[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 'a' + 'A') : s[i];
    buf[i] = '\0';
}

/* ---- a minimal JSON writer: two-space indentation, one member per line ---- */

typedef struct jw {
    int depth;
    int first[16];
} jw;

static void jw_string_value(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        switch (*p) {
        case '"': fputs("\\\"", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        default:
            if (*p < 0x20)
                printf("\\u%04x", *p);
            else
                putchar(*p);
        }
    }
    putchar('"');
}

/* Starts a member (key != NULL) or an array element (key == NULL). */
static void jw_key(jw *w, const char *key)
{
    if (!w->first[w->depth])
        putchar(',');
    w->first[w->depth] = 0;
    putchar('\n');
    for (int i = 0; i < w->depth; i++)
        fputs("  ", stdout);
    if (key != NULL) {
        jw_string_value(key);
        fputs(": ", stdout);
    }
}

static void jw_open(jw *w, const char *key, char brace)
{
    if (w->depth >= 0 && !(w->depth == 0 && w->first[0] == 2))
        jw_key(w, key);
    putchar(brace);
    w->depth++;
    w->first[w->depth] = 1;
}

static void jw_close(jw *w, char brace)
{
    int empty = w->first[w->depth];
    w->depth--;
    if (!empty) {
        putchar('\n');
        for (int i = 0; i < w->depth; i++)
            fputs("  ", stdout);
    }
    putchar(brace);
}

static void jw_begin(jw *w)
{
    w->depth = 0;
    w->first[0] = 2; /* the top-level value: no key, no comma */
    jw_open(w, NULL, '{');
}

static void jw_end(jw *w)
{
    jw_close(w, '}');
    putchar('\n');
}

static void jw_str(jw *w, const char *key, const char *s)
{
    jw_key(w, key);
    if (s == NULL)
        fputs("null", stdout);
    else
        jw_string_value(s);
}

static void jw_int(jw *w, const char *key, long long v)
{
    jw_key(w, key);
    printf("%lld", v);
}

static void jw_num(jw *w, const char *key, double v)
{
    char buf[48];
    jw_key(w, key);
    if (!isfinite(v))
        fputs("null", stdout);
    else
        fputs(output_units(v, buf), stdout);
}

static void jw_bool(jw *w, const char *key, int v)
{
    jw_key(w, key);
    fputs(v ? "true" : "false", stdout);
}

static void jw_null(jw *w, const char *key)
{
    jw_key(w, key);
    fputs("null", stdout);
}

static void jw_date(jw *w, const char *key, btx_date d)
{
    char buf[BTX_DATE_FORMAT_SIZE];
    jw_str(w, key, fmt_date(d, buf));
}

static void jw_tool(jw *w)
{
    jw_str(w, "tool", "btxdose");
    jw_str(w, "library_version", btx_version());
    jw_str(w, "data_version", btx_data_version());
}

/* ---- version ---- */

void output_version(int json)
{
    if (json) {
        jw w;
        jw_begin(&w);
        jw_str(&w, "tool", "btxdose");
        jw_str(&w, "tool_version", BTXDOSE_VERSION_STRING);
        jw_str(&w, "library_version", btx_version());
        jw_int(&w, "library_version_number", btx_version_number());
        jw_str(&w, "data_version", btx_data_version());
        jw_end(&w);
        return;
    }
    printf("btxdose %s\n", BTXDOSE_VERSION_STRING);
    printf("libbtxdose %s\n", btx_version());
    printf("data: %s\n", btx_data_version());
}

/* ---- protocol ---- */

#define LABEL "  %-16s "

static void text_range(const char *label, double lo, double hi, const char *unit)
{
    char a[48], b[48];
    if (lo <= 0 && hi <= 0)
        printf(LABEL "-\n", label);
    else if (lo == hi)
        printf(LABEL "%s %s\n", label, output_units(lo, a), unit);
    else
        printf(LABEL "%s to %s %s\n", label, output_units(lo, a), output_units(hi, b), unit);
}

static int volume(double units, const dilution_info *d, double *ml)
{
    return btx_dose_volume(units, d->vial_units, d->diluent_ml, ml);
}

static void region_units_text(const btx_region *r, char *buf, size_t size)
{
    char a[48], b[48];
    if (r->units_per_kg_min > 0 || r->units_per_kg_max > 0) {
        if (r->units_per_kg_min == r->units_per_kg_max)
            snprintf(buf, size, "%s U/kg", output_units(r->units_per_kg_min, a));
        else
            snprintf(buf, size, "%s to %s U/kg", output_units(r->units_per_kg_min, a),
                     output_units(r->units_per_kg_max, b));
    } else if (r->units > 0 || (r->units_min == 0 && r->units_max == 0)) {
        snprintf(buf, size, "%s U", output_units(r->units, a));
    } else {
        snprintf(buf, size, "%s to %s U", output_units(r->units_min, a),
                 output_units(r->units_max, b));
    }
}

static void region_sites_text(const btx_region *r, char *buf, size_t size)
{
    if (r->sites > 0)
        snprintf(buf, size, "%d", (int)r->sites);
    else if (r->sites_min > 0 || r->sites_max > 0)
        snprintf(buf, size, "%d to %d", (int)r->sites_min, (int)r->sites_max);
    else
        snprintf(buf, size, "-");
}

/* Volume text for a region: fixed units, a units range, or "-" for weight-based doses
 * (they need the patient's weight). */
static void region_volume_text(const btx_region *r, const dilution_info *d, char *buf,
                               size_t size)
{
    char a[48], b[48];
    double lo, hi;
    if (r->units_per_kg_min > 0 || r->units_per_kg_max > 0) {
        snprintf(buf, size, "- (weight-based)");
    } else if (r->units > 0 || (r->units_min == 0 && r->units_max == 0)) {
        if (volume(r->units, d, &lo) == BTX_OK)
            snprintf(buf, size, "%s mL", output_units(lo, a));
        else
            snprintf(buf, size, "-");
    } else if (volume(r->units_min, d, &lo) == BTX_OK && volume(r->units_max, d, &hi) == BTX_OK) {
        snprintf(buf, size, "%s to %s mL", output_units(lo, a), output_units(hi, b));
    } else {
        snprintf(buf, size, "-");
    }
}

static void protocol_text(const btx_protocol *p, int found, const btx_region *regions,
                          size_t nregions, const dilution_info *d)
{
    char a[48], b[48], c[48];
    printf("protocol\n");
    printf(LABEL "%s (%s)\n", "product", btx_product_name(p->product),
           btx_substance_name(btx_product_substance(p->product)));
    printf(LABEL "%s\n", "indication", btx_indication_name(p->indication));
    printf(LABEL "%s\n", "population", population_name(p->population));
    printf(LABEL "%s\n", "label status", btx_label_status_name(p->label_status));
    if (!found) {
        printf(LABEL "%s\n", "protocol",
               p->label_status == BTX_LABEL_NOT_ESTABLISHED
                   ? "none: the label says safety and effectiveness are not established"
                   : "none: no US label covers this product, indication and population");
        return;
    }
    printf(LABEL "%s\n", "category", category_name(p->category));
    if (p->age_min_years > 0 && p->age_max_years > 0)
        printf(LABEL "%d to %d years\n", "ages", (int)p->age_min_years, (int)p->age_max_years);
    else if (p->age_min_years > 0)
        printf(LABEL "%d years and over\n", "ages", (int)p->age_min_years);
    else if (p->age_max_years > 0)
        printf(LABEL "up to %d years\n", "ages", (int)p->age_max_years);
    else
        printf(LABEL "no bound stated\n", "ages");
    if (p->dose_units > 0 && p->dose_min_units == p->dose_units &&
        p->dose_max_units == p->dose_units)
        printf(LABEL "%s U per session\n", "dose", output_units(p->dose_units, a));
    else if (p->dose_units > 0 && p->dose_max_units > 0)
        printf(LABEL "%s U per session (range %s to %s U)\n", "dose",
               output_units(p->dose_units, a), output_units(p->dose_min_units, b),
               output_units(p->dose_max_units, c));
    else if (p->dose_units > 0)
        printf(LABEL "%s U per session (initial or typical dose, no range stated)\n", "dose",
               output_units(p->dose_units, a));
    else if (p->dose_max_units > 0)
        printf(LABEL "%s to %s U per session\n", "dose", output_units(p->dose_min_units, a),
               output_units(p->dose_max_units, b));
    else
        printf(LABEL "-\n", "dose");
    text_range("per kg", p->units_per_kg_min, p->units_per_kg_max, "U/kg");
    if (p->session_cap_units > 0 && p->session_cap_units_per_kg > 0)
        printf(LABEL "lower of %s U/kg and %s U\n", "session cap",
               output_units(p->session_cap_units_per_kg, a), output_units(p->session_cap_units, b));
    else if (p->session_cap_units > 0)
        printf(LABEL "%s U\n", "session cap", output_units(p->session_cap_units, a));
    else if (p->session_cap_units_per_kg > 0)
        printf(LABEL "%s U/kg\n", "session cap", output_units(p->session_cap_units_per_kg, a));
    else
        printf(LABEL "-\n", "session cap");
    if (p->units_per_site > 0)
        printf(LABEL "%s U\n", "units per site", output_units(p->units_per_site, a));
    else
        printf(LABEL "varies\n", "units per site");
    if (p->sites > 0)
        printf(LABEL "%d\n", "sites", (int)p->sites);
    else
        printf(LABEL "not fixed\n", "sites");
    if (p->interval_length > 0)
        printf(LABEL "%d %s (%s)\n", "re-treatment", (int)p->interval_length,
               unit_name(p->interval_unit), kind_name(p->interval_kind));
    else
        printf(LABEL "no interval stated\n", "re-treatment");
    printf(LABEL "%s%s\n", "evidence", evidence_name(p->evidence) ? evidence_name(p->evidence) : "-",
           p->evidence == BTX_EVIDENCE_SECONDARY ? " (verify against the current label)" : "");
    printf(LABEL "%s\n", "source", p->source != NULL ? p->source : "-");

    if (d != NULL) {
        double conc, ml;
        printf("\nreconstitution\n");
        if (btx_reconstitute(d->vial_units, d->diluent_ml, &conc) == BTX_OK)
            printf(LABEL "%s U in %s mL = %s U per 0.1 mL\n", "vial",
                   output_units(d->vial_units, a), output_units(d->diluent_ml, b),
                   output_units(conc, c));
        double dose = p->dose_units > 0 ? p->dose_units : 0;
        if (dose > 0 && volume(dose, d, &ml) == BTX_OK)
            printf(LABEL "%s mL for %s U\n", "dose volume", output_units(ml, a),
                   output_units(dose, b));
        if (dose > 0 && dose > d->vial_units)
            printf(LABEL "the dose needs more than one vial\n", "note");
    }

    printf("\nregions (%d)\n", (int)p->regions);
    if (nregions == 0) {
        printf("  none listed\n");
        return;
    }
    int w = 6;
    for (size_t i = 0; i < nregions; i++) {
        int len = (int)strlen(regions[i].name != NULL ? regions[i].name : "-");
        if (len > w)
            w = len;
    }
    printf("  %-*s  %-16s  %-9s  %-9s", w, "region", "units", "sites", "bilateral");
    if (d != NULL)
        printf("  %s", "volume");
    printf("\n");
    for (size_t i = 0; i < nregions; i++) {
        const btx_region *r = &regions[i];
        char units[64], sites[32], vol[64];
        region_units_text(r, units, sizeof units);
        region_sites_text(r, sites, sizeof sites);
        printf("  %-*s  %-16s  %-9s  %-9s", w, r->name != NULL ? r->name : "-", units, sites,
               r->bilateral ? "yes" : "no");
        if (d != NULL) {
            region_volume_text(r, d, vol, sizeof vol);
            printf("  %s", vol);
        }
        printf("\n");
    }
}

static void jw_volume(jw *w, const char *key, double units, const dilution_info *d)
{
    double ml;
    if (d != NULL && volume(units, d, &ml) == BTX_OK)
        jw_num(w, key, ml);
    else
        jw_null(w, key);
}

static void protocol_json(const btx_protocol *p, int found, const btx_region *regions,
                          size_t nregions, const dilution_info *d)
{
    jw w;
    jw_begin(&w);
    jw_tool(&w);
    jw_bool(&w, "found", found);
    jw_str(&w, "product", btx_product_name(p->product));
    jw_int(&w, "product_code", p->product);
    jw_str(&w, "substance", btx_substance_name(btx_product_substance(p->product)));
    jw_str(&w, "indication", btx_indication_name(p->indication));
    jw_int(&w, "indication_code", p->indication);
    jw_str(&w, "population", population_name(p->population));
    jw_str(&w, "label_status", btx_label_status_name(p->label_status));
    if (found) {
        jw_str(&w, "category", category_name(p->category));
        jw_int(&w, "age_min_years", p->age_min_years);
        jw_int(&w, "age_max_years", p->age_max_years);
        jw_num(&w, "dose_units", p->dose_units);
        jw_num(&w, "dose_min_units", p->dose_min_units);
        jw_num(&w, "dose_max_units", p->dose_max_units);
        jw_num(&w, "units_per_kg_min", p->units_per_kg_min);
        jw_num(&w, "units_per_kg_max", p->units_per_kg_max);
        jw_num(&w, "session_cap_units", p->session_cap_units);
        jw_num(&w, "session_cap_units_per_kg", p->session_cap_units_per_kg);
        jw_num(&w, "units_per_site", p->units_per_site);
        jw_int(&w, "sites", p->sites);
        jw_int(&w, "regions_count", p->regions);
        jw_int(&w, "interval_length", p->interval_length);
        if (p->interval_length > 0) {
            jw_str(&w, "interval_unit", unit_name(p->interval_unit));
            jw_str(&w, "interval_kind", kind_name(p->interval_kind));
        } else {
            jw_null(&w, "interval_unit");
            jw_null(&w, "interval_kind");
        }
        jw_str(&w, "evidence", evidence_name(p->evidence));
        jw_str(&w, "source", p->source);
    }
    if (d != NULL) {
        double conc;
        jw_open(&w, "dilution", '{');
        jw_num(&w, "vial_units", d->vial_units);
        jw_num(&w, "diluent_ml", d->diluent_ml);
        if (btx_reconstitute(d->vial_units, d->diluent_ml, &conc) == BTX_OK)
            jw_num(&w, "units_per_0_1ml", conc);
        else
            jw_null(&w, "units_per_0_1ml");
        if (found && p->dose_units > 0)
            jw_volume(&w, "dose_volume_ml", p->dose_units, d);
        else
            jw_null(&w, "dose_volume_ml");
        jw_close(&w, '}');
    } else {
        jw_null(&w, "dilution");
    }
    jw_open(&w, "regions", '[');
    for (size_t i = 0; i < nregions; i++) {
        const btx_region *r = &regions[i];
        int weight_based = r->units_per_kg_min > 0 || r->units_per_kg_max > 0;
        jw_open(&w, NULL, '{');
        jw_str(&w, "name", r->name);
        jw_num(&w, "units", r->units);
        jw_num(&w, "units_min", r->units_min);
        jw_num(&w, "units_max", r->units_max);
        jw_num(&w, "units_per_kg_min", r->units_per_kg_min);
        jw_num(&w, "units_per_kg_max", r->units_per_kg_max);
        jw_int(&w, "sites", r->sites);
        jw_int(&w, "sites_min", r->sites_min);
        jw_int(&w, "sites_max", r->sites_max);
        jw_bool(&w, "bilateral", r->bilateral);
        if (d != NULL && !weight_based) {
            jw_volume(&w, "volume_ml_min", r->units > 0 ? r->units : r->units_min, d);
            jw_volume(&w, "volume_ml_max", r->units > 0 ? r->units : r->units_max, d);
        } else {
            jw_null(&w, "volume_ml_min");
            jw_null(&w, "volume_ml_max");
        }
        jw_close(&w, '}');
    }
    jw_close(&w, ']');
    jw_end(&w);
}

void output_protocol(const btx_protocol *p, int found, const btx_region *regions,
                     size_t nregions, const dilution_info *dilution, int json)
{
    if (json)
        protocol_json(p, found, regions, nregions, dilution);
    else
        protocol_text(p, found, regions, nregions, dilution);
}

/* ---- the question: history, patient, policy, dose ---- */

static void query_text(const query_info *q)
{
    char a[48], b[48], d1[BTX_DATE_FORMAT_SIZE], d2[BTX_DATE_FORMAT_SIZE];
    const btx_administration *r = q->proposal;
    if (r != NULL)
        printf("%-11s%s  %s  %s  %s U\n", "proposal", fmt_date(r->date, d1),
               btx_product_name(r->product), btx_indication_name(r->indication),
               output_units(r->units, a));
    else
        printf("%-11s%s  %s  %s\n", "dose", fmt_date(q->date, d1), btx_product_name(q->product),
               q->indication != 0 ? btx_indication_name(q->indication) : "(any indication)");
    printf("%-11s%s (%zu record%s)\n", "history", q->history_name, q->history_count,
           q->history_count == 1 ? "" : "s");
    if (q->patient == NULL) {
        printf("%-11s%s\n", "patient", "birth date and weight unknown");
    } else {
        const char *bd = fmt_date(q->patient->birth_date, d1);
        const char *wd = fmt_date(q->patient->weight_date, d2);
        printf("%-11sborn %s, ", "patient", bd != NULL ? bd : "unknown");
        if (q->patient->weight_kg > 0)
            printf("%s kg (measured %s)\n", output_units(q->patient->weight_kg, a),
                   wd != NULL ? wd : "on an unknown date");
        else
            printf("weight unknown\n");
    }
    if (q->policy == NULL) {
        printf("%-11s%s\n", "policy", "label rules");
    } else {
        const btx_policy *p = q->policy;
        printf("%-11s", "policy");
        if (p->window_length > 0)
            printf("window %d %s", (int)p->window_length, unit_name(p->window_unit));
        else
            printf("label window");
        if (p->min_spacing_days > 0)
            printf(", visits %d days apart", (int)p->min_spacing_days);
        if (p->weight_max_age_days > 0)
            printf(", weight valid %d days", (int)p->weight_max_age_days);
        if (p->warn_fraction > 0)
            printf(", warn at %s of a window limit", output_units(p->warn_fraction, b));
        printf(", history %s\n", p->history_complete ? "complete" : "not declared complete");
    }
}

static void query_json(jw *w, const query_info *q)
{
    jw_open(w, "history", '{');
    jw_str(w, "file", q->history_name);
    jw_int(w, "records", (long long)q->history_count);
    jw_close(w, '}');
    if (q->patient == NULL) {
        jw_null(w, "patient");
    } else {
        jw_open(w, "patient", '{');
        jw_date(w, "birth_date", q->patient->birth_date);
        jw_num(w, "weight_kg", q->patient->weight_kg);
        jw_date(w, "weight_date", q->patient->weight_date);
        jw_close(w, '}');
    }
    if (q->policy == NULL) {
        jw_null(w, "policy");
    } else {
        const btx_policy *p = q->policy;
        jw_open(w, "policy", '{');
        jw_int(w, "window_length", p->window_length);
        if (p->window_length > 0)
            jw_str(w, "window_unit", unit_name(p->window_unit));
        else
            jw_null(w, "window_unit");
        jw_int(w, "min_spacing_days", p->min_spacing_days);
        jw_int(w, "weight_max_age_days", p->weight_max_age_days);
        jw_num(w, "warn_fraction", p->warn_fraction);
        jw_bool(w, "history_complete", p->history_complete);
        jw_close(w, '}');
    }
    const btx_administration *r = q->proposal;
    jw_open(w, r != NULL ? "proposal" : "dose", '{');
    jw_date(w, "date", r != NULL ? r->date : q->date);
    jw_str(w, "product", btx_product_name(r != NULL ? r->product : q->product));
    jw_int(w, "product_code", r != NULL ? r->product : q->product);
    int32_t ind = r != NULL ? r->indication : q->indication;
    jw_str(w, "indication", ind != 0 ? btx_indication_name(ind) : NULL);
    jw_int(w, "indication_code", ind);
    if (r != NULL)
        jw_num(w, "units", r->units);
    jw_close(w, '}');
}

/* ---- check ---- */

static int units_finding(int32_t code)
{
    return code == BTX_FINDING_WINDOW_LIMIT || code == BTX_FINDING_SESSION_LIMIT ||
           code == BTX_FINDING_ABOVE_PROTOCOL;
}

static void finding_text(size_t i, const btx_finding *f)
{
    char a[48], b[48], c[48], e[48], st[32];
    char d1[BTX_DATE_FORMAT_SIZE], d2[BTX_DATE_FORMAT_SIZE];
    const char *ev = evidence_name(f->evidence);
    upper(btx_status_name(f->status), st, sizeof st);
    printf("\n%zu. %s  %s  %s\n", i + 1, btx_finding_code_name(f->code), st,
           btx_severity_name(f->severity));
    printf("   %-10s %s (rule %d)\n", "rule", btx_rule_name(f->rule), (int)f->rule);
    if (units_finding(f->code))
        printf("   %-10s limit %s, counted %s, proposed %s, remaining %s\n", "units",
               output_units(f->limit_units, a), output_units(f->total_units, b),
               output_units(f->proposed_units, c), output_units(f->remaining_units, e));
    else if (f->code == BTX_FINDING_TOO_SOON)
        printf("   %-10s proposed %s\n", "units", output_units(f->proposed_units, a));
    const char *ws = fmt_date(f->window_start, d1);
    const char *we = fmt_date(f->window_end, d2);
    if (ws != NULL && we != NULL)
        printf("   %-10s %s .. %s\n", "window", ws, we);
    const char *ed = fmt_date(f->earliest_date, d1);
    printf("   %-10s %s\n", "earliest",
           ed != NULL ? ed : f->status == BTX_NOT_CHECKED ? "not known" : "none (no date helps)");
    printf("   %-10s %s\n", "evidence",
           ev != NULL ? ev : f->rule == BTX_RULE_POLICY_SPACING ? "policy" : "-");
    printf("   %-10s %s\n", "message", f->message != NULL ? f->message : "-");
    printf("   %-10s %s\n", "source", f->source != NULL ? f->source : "-");
}

static void finding_json(jw *w, const btx_finding *f)
{
    jw_open(w, NULL, '{');
    jw_str(w, "code", btx_finding_code_name(f->code));
    jw_int(w, "code_value", f->code);
    jw_str(w, "status", btx_status_name(f->status));
    jw_str(w, "severity", btx_severity_name(f->severity));
    jw_str(w, "rule", btx_rule_name(f->rule));
    jw_int(w, "rule_id", f->rule);
    jw_num(w, "limit_units", f->limit_units);
    jw_num(w, "total_units", f->total_units);
    jw_num(w, "proposed_units", f->proposed_units);
    jw_num(w, "remaining_units", f->remaining_units);
    jw_date(w, "window_start", f->window_start);
    jw_date(w, "window_end", f->window_end);
    jw_date(w, "earliest_date", f->earliest_date);
    jw_str(w, "evidence", evidence_name(f->evidence));
    jw_str(w, "message", f->message);
    jw_str(w, "source", f->source);
    jw_close(w, '}');
}

void output_check(const query_info *q, const btx_finding *findings, size_t count,
                  size_t fails, int json)
{
    size_t not_checked = 0, warnings = 0;
    for (size_t i = 0; i < count; i++) {
        not_checked += findings[i].status == BTX_NOT_CHECKED;
        warnings += findings[i].severity == BTX_WARNING;
    }
    if (json) {
        jw w;
        jw_begin(&w);
        jw_tool(&w);
        query_json(&w, q);
        jw_open(&w, "findings", '[');
        for (size_t i = 0; i < count; i++)
            finding_json(&w, &findings[i]);
        jw_close(&w, ']');
        jw_int(&w, "fail_count", (long long)fails);
        jw_int(&w, "not_checked_count", (long long)not_checked);
        jw_int(&w, "warning_count", (long long)warnings);
        jw_str(&w, "result", fails > 0 ? "fail" : "pass");
        jw_int(&w, "exit_status", fails > 0 ? 1 : 0);
        jw_end(&w);
        return;
    }
    query_text(q);
    for (size_t i = 0; i < count; i++)
        finding_text(i, &findings[i]);
    printf("\n%-11s%s: %zu finding%s, %zu fail, %zu not checked, %zu warning%s\n", "result",
           fails > 0 ? "FAIL" : "PASS", count, count == 1 ? "" : "s", fails, not_checked,
           warnings, warnings == 1 ? "" : "s");
}

/* ---- next ---- */

void output_next(const query_info *q, int rc, btx_date date, int json)
{
    char d1[BTX_DATE_FORMAT_SIZE];
    const char *result = rc == BTX_OK ? "ok" : rc == BTX_ENEVER ? "never" : "weight_needed";
    const char *msg =
        rc == BTX_OK ? "first date on or after the proposed date that passes every "
                       "date-dependent rule (windows, re-treatment intervals, policy spacing)"
        : rc == BTX_ENEVER
            ? "no date up to 2199-12-31 allows this dose: it can never be scheduled as proposed"
            : "a weight-based limit applies: give the patient's weight (--weight-kg, "
              "--weight-date) to find a date";
    if (json) {
        jw w;
        jw_begin(&w);
        jw_tool(&w);
        query_json(&w, q);
        jw_str(&w, "result", result);
        jw_date(&w, "earliest_date", rc == BTX_OK ? date : BTX_DATE_UNKNOWN);
        jw_str(&w, "message", msg);
        jw_int(&w, "exit_status", rc == BTX_OK ? 0 : 1);
        jw_end(&w);
        return;
    }
    query_text(q);
    if (rc == BTX_OK)
        printf("%-11s%s\n", "earliest", fmt_date(date, d1));
    else
        printf("%-11s%s\n", "earliest", rc == BTX_ENEVER ? "never" : "needs the weight");
    printf("%-11s%s\n", "note", msg);
}

/* ---- headroom ---- */

void output_headroom(const query_info *q, int rc, double units, int json)
{
    char a[48];
    if (json) {
        jw w;
        jw_begin(&w);
        jw_tool(&w);
        query_json(&w, q);
        jw_str(&w, "result", rc != BTX_OK ? "weight_needed" : isinf(units) ? "unlimited" : "ok");
        if (rc == BTX_OK && !isinf(units))
            jw_num(&w, "headroom_units", units);
        else
            jw_null(&w, "headroom_units");
        jw_bool(&w, "unlimited", rc == BTX_OK && isinf(units));
        jw_int(&w, "exit_status", rc == BTX_OK ? 0 : 1);
        jw_end(&w);
        return;
    }
    query_text(q);
    if (rc != BTX_OK)
        printf("%-11s%s\n", "headroom",
               "not known: a weight-based window applies and no usable weight was given "
               "(--weight-kg, --weight-date)");
    else if (isinf(units))
        printf("%-11s%s\n", "headroom", "unlimited (no window rule)");
    else
        printf("%-11s%s U\n", "headroom", output_units(units, a));
}

/* ---- audit ---- */

#define AUDIT_FLAGS 6
static const char *const flag_names[AUDIT_FLAGS] = {"over_window", "too_soon", "schedule",
                                                    "over_session", "not_labelled",
                                                    "not_checked"};
/* Bit b of btx_audit_result.flags is flag_names[b]: a new flag must be named here. */
_Static_assert(BTX_AUDIT_OVER_WINDOW == 1 && BTX_AUDIT_NOT_CHECKED == 1 << (AUDIT_FLAGS - 1),
               "flag_names does not match btx_audit_flag");

/* Whether row i is printed: flagged, and within --limit. */
static int audit_shown(const audit_report *r, size_t i, size_t shown)
{
    return r->results[i].flags != 0 && (r->limit < 0 || shown < (size_t)r->limit);
}

static void audit_row_json(jw *w, const pop_entry *e, const btx_audit_result *res)
{
    const btx_administration *a = &e->row.admin;
    jw_open(w, NULL, '{');
    jw_int(w, "line", (long long)e->line);
    jw_str(w, "patient", e->patient);
    jw_date(w, "date", a->date);
    jw_str(w, "product", btx_product_name(a->product));
    jw_str(w, "indication", a->indication != 0 ? btx_indication_name(a->indication) : "");
    jw_num(w, "units", a->units);
    jw_num(w, "window_total", res->window_total);
    jw_open(w, "flags", '[');
    for (int b = 0; b < AUDIT_FLAGS; b++)
        if (res->flags & (1 << b))
            jw_str(w, NULL, flag_names[b]);
    jw_close(w, ']');
    jw_int(w, "rule", res->rule);
    jw_str(w, "rule_name", res->rule != 0 ? btx_rule_name(res->rule) : "");
    jw_close(w, '}');
}

static void audit_json(const audit_report *r, const size_t counts[AUDIT_FLAGS])
{
    const btx_policy *p = r->policy;
    size_t shown = 0;
    jw w;
    jw_begin(&w);
    jw_tool(&w);
    jw_str(&w, "input", r->pop->name);
    jw_int(&w, "rows", (long long)r->pop->count);
    jw_int(&w, "patients", (long long)r->pop->patients);
    jw_int(&w, "flagged", (long long)r->flagged);
    jw_open(&w, "window", '{');
    if (p != NULL && p->window_length > 0) {
        jw_int(&w, "length", p->window_length);
        jw_str(&w, "unit", unit_name(p->window_unit));
    } else {
        jw_int(&w, "length", 3); /* the label's substance-wide windows */
        jw_str(&w, "unit", "months");
    }
    jw_close(&w, '}');
    jw_int(&w, "min_spacing_days", p != NULL ? p->min_spacing_days : 0);
    jw_open(&w, "flag_counts", '{');
    for (int b = 0; b < AUDIT_FLAGS; b++)
        jw_int(&w, flag_names[b], (long long)counts[b]);
    jw_close(&w, '}');
    jw_open(&w, "flagged_rows", '[');
    for (size_t i = 0; i < r->pop->count; i++) {
        if (!audit_shown(r, i, shown))
            continue;
        audit_row_json(&w, &r->pop->entries[i], &r->results[i]);
        shown++;
    }
    jw_close(&w, ']');
    jw_int(&w, "exit_status", r->flagged > 0 ? 1 : 0);
    jw_end(&w);
}

/* The flag names joined with commas, padded to the column. */
static void audit_flags_text(int32_t flags)
{
    char buf[128];
    size_t len = 0;
    buf[0] = '\0';
    for (int b = 0; b < AUDIT_FLAGS; b++)
        if (flags & (1 << b))
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len ? "," : "",
                                    flag_names[b]);
    printf("%-24s", buf);
}

/* A patient's text in the table: control bytes (a line end inside quotes, a tab) as
 * '?', so one row stays one line; padded to width bytes as %-*s would. */
static void text_cell(const char *s, int width)
{
    int n = 0;
    for (; *s != '\0'; s++, n++)
        putchar((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
    printf("%*s", n < width ? width - n : 0, "");
}

static void audit_row_text(const pop_entry *e, const btx_audit_result *res)
{
    char date[BTX_DATE_FORMAT_SIZE];
    const btx_administration *a = &e->row.admin;
    printf("%-6zu ", e->line);
    text_cell(e->patient, 16);
    printf(" %-10s %-15s %-32s %9.3f %12.3f  ", fmt_date(a->date, date),
           btx_product_name(a->product),
           a->indication != 0 ? btx_indication_name(a->indication) : "-", a->units,
           res->window_total);
    audit_flags_text(res->flags);
    printf("  %s\n", res->rule != 0 ? btx_rule_name(res->rule) : "-");
}

static void audit_text(const audit_report *r, const size_t counts[AUDIT_FLAGS])
{
    size_t shown = 0;
    if (r->flagged > 0)
        printf("%-6s %-16s %-10s %-15s %-32s %9s %12s  %-24s  %s\n", "line", "patient", "date",
               "product", "indication", "units", "window_total", "flags", "rule");
    for (size_t i = 0; i < r->pop->count; i++) {
        if (!audit_shown(r, i, shown))
            continue;
        audit_row_text(&r->pop->entries[i], &r->results[i]);
        shown++;
    }
    if (shown < r->flagged)
        printf("... %zu more flagged rows (--limit %d)\n", r->flagged - shown, (int)r->limit);
    printf("%zu rows, %zu patients, %zu flagged:", r->pop->count, r->pop->patients, r->flagged);
    for (int b = 0; b < AUDIT_FLAGS; b++)
        printf(" %s %zu%s", flag_names[b], counts[b], b < AUDIT_FLAGS - 1 ? "," : "\n");
}

void output_audit(const audit_report *r, int json)
{
    size_t counts[AUDIT_FLAGS] = {0};
    for (size_t i = 0; i < r->pop->count; i++)
        for (int b = 0; b < AUDIT_FLAGS; b++)
            counts[b] += (size_t)((r->results[i].flags >> b) & 1);
    if (json)
        audit_json(r, counts);
    else
        audit_text(r, counts);
}
