/* SPDX-License-Identifier: Apache-2.0 */
/* Text and JSON output of the btxdose tool (see output.h). */
#define _GNU_SOURCE /* pthread_setname_np */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* ---- small formatters ---- */

/* v in decimal at d (at most 20 bytes, no terminator); returns the end. */
static char *put_u64(char *d, uint64_t v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    memcpy(d, tmp + sizeof tmp - n, n);
    return d + n;
}

/* v as printf's "%.3f": exact for the values the audit writes (a shortcut when v * 1000
 * is clearly away from a rounding tie, printf otherwise). Returns the length. */
static size_t fixed3(double v, char buf[48])
{
    if (v >= 0 && v < 1e9 && !signbit(v)) {
        double p = v * 1000.0, r = floor(p + 0.5);
        if (fabs(p - r) <= 0.25) {
            uint64_t m = (uint64_t)r, f = m % 1000;
            const size_t n = (size_t)(put_u64(buf, m / 1000) - buf);
            buf[n] = '.';
            buf[n + 1] = (char)('0' + f / 100);
            buf[n + 2] = (char)('0' + f / 10 % 10);
            buf[n + 3] = (char)('0' + f % 10);
            buf[n + 4] = '\0';
            return n + 4;
        }
    }
    int n = snprintf(buf, 48, "%.3f", v);
    return n > 0 && n < 48 ? (size_t)n : strlen(buf);
}

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
    size_t n = fixed3(v, buf);
    char *dot = memchr(buf, '.', n);
    if (dot != NULL) {
        char *end = buf + n;
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

/* The library's names (the Python package writes the same ones); no evidence level
 * (policy rules, notices) is NULL: JSON null. */
static const char *evidence_name(int32_t e)
{
    return e == 0 ? NULL : btx_evidence_name(e);
}

static const char *unit_name(int32_t u)
{
    return btx_interval_unit_name(u);
}

static const char *kind_name(int32_t k)
{
    return btx_interval_kind_name(k);
}

static const char *category_name(int32_t c)
{
    return btx_category_name(c);
}

static const char *population_name(int32_t p)
{
    return btx_population_name(p);
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
    if (p->per_limb && p->limb_cap_units > 0)
        printf(LABEL "lower of %s U/kg and %s U per limb treated (U/kg range per limb)\n",
               "limb cap", output_units(p->limb_cap_units_per_kg, a),
               output_units(p->limb_cap_units, b));
    else if (p->per_limb)
        printf(LABEL "%s U/kg per limb treated (U/kg range per limb)\n", "limb cap",
               output_units(p->limb_cap_units_per_kg, a));
    if (p->site_max_units > 0)
        printf(LABEL "generally at most %s U\n", "per site", output_units(p->site_max_units, a));
    if (p->site_max_ml > 0)
        printf(LABEL "generally at most %s mL\n", "per site", output_units(p->site_max_ml, a));
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
        jw_bool(&w, "per_limb", p->per_limb);
        jw_num(&w, "limb_cap_units", p->limb_cap_units);
        jw_num(&w, "limb_cap_units_per_kg", p->limb_cap_units_per_kg);
        jw_num(&w, "site_max_units", p->site_max_units);
        jw_num(&w, "site_max_ml", p->site_max_ml);
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
    int32_t limbs = r != NULL ? BTX_LIMBS_OF(r->flags) : 0;
    if (r != NULL)
        printf("%-11s%s  %s  %s  %s U%s\n", "proposal", fmt_date(r->date, d1),
               btx_product_name(r->product), btx_indication_name(r->indication),
               output_units(r->units, a),
               limbs == 1 ? "  1 limb" : limbs == 2 ? "  2 limbs" : "");
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
        if (q->patient->weight_kg > 0) /* 0 is "not known": null, as the Python package */
            jw_num(w, "weight_kg", q->patient->weight_kg);
        else
            jw_null(w, "weight_kg");
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
    if (r != NULL) {
        jw_num(w, "units", r->units);
        if (BTX_LIMBS_OF(r->flags) != 0) /* the limbs treated; null: not stated */
            jw_int(w, "limbs", BTX_LIMBS_OF(r->flags));
        else
            jw_null(w, "limbs");
    }
    jw_close(w, '}');
}

/* ---- bill ---- */

static const char *nonnull(const char *s)
{
    return s != NULL ? s : "";
}

static int has_code(const btx_billing *b)
{
    return b->hcpcs != NULL && b->hcpcs[0] != '\0';
}

/* The members of btxdose.bill(...).to_dict() in Python, in its order (docs/cli.md), and
 * each line's modifier_required. */
static void bill_members(jw *w, const btx_billing *b)
{
    jw_date(w, "date", b->date);
    jw_str(w, "product", btx_product_name(b->product));
    jw_str(w, "indication", btx_indication_name(b->indication));
    jw_str(w, "setting", btx_setting_name(b->setting));
    jw_str(w, "category", category_name(b->category));
    jw_bool(w, "covered", b->covered);
    jw_str(w, "status", btx_bill_status_name(b->status));
    jw_str(w, "hcpcs", has_code(b) ? b->hcpcs : NULL);
    if (has_code(b))
        jw_num(w, "billing_unit", b->billing_unit);
    else
        jw_null(w, "billing_unit");
    jw_num(w, "dose_units", b->dose_units);
    jw_open(w, "vials", '[');
    for (int32_t k = 0; k < b->vial_sizes && k < BTX_VIAL_SIZES_MAX; k++) {
        if (b->vial_counts[k] <= 0)
            continue;
        jw_open(w, NULL, '{');
        jw_int(w, "units", b->vial_units[k]);
        jw_int(w, "count", b->vial_counts[k]);
        jw_close(w, '}');
    }
    jw_close(w, ']');
    jw_num(w, "opened_units", b->opened_units);
    jw_num(w, "discarded_units", b->discarded_units);
    jw_open(w, "lines", '[');
    for (int32_t k = 0; k < b->line_count && k < BTX_BILL_LINES_MAX; k++) {
        const btx_bill_line *l = &b->lines[k];
        jw_open(w, NULL, '{');
        jw_str(w, "hcpcs", nonnull(l->hcpcs));
        jw_str(w, "modifier", nonnull(l->modifier));
        jw_int(w, "billing_units", l->billing_units);
        jw_bool(w, "modifier_required", l->modifier_required);
        jw_close(w, '}');
    }
    jw_close(w, ']');
    jw_str(w, "waste_modifiers",
           b->waste_modifiers != 0 ? btx_waste_modifiers_name(b->waste_modifiers) : NULL);
    jw_open(w, "cpt", '[');
    for (int32_t k = 0; k < b->cpt_count && k < BTX_CPT_MAX; k++)
        jw_str(w, NULL, nonnull(b->cpt[k]));
    jw_close(w, ']');
    jw_bool(w, "cpt_advisory", 1);
    jw_open(w, "sources", '{');
    jw_str(w, "status", nonnull(b->status_source));
    jw_open(w, "lines", '[');
    for (int32_t k = 0; k < b->line_count && k < BTX_BILL_LINES_MAX; k++)
        jw_str(w, NULL, nonnull(b->lines[k].source));
    jw_close(w, ']');
    jw_str(w, "modifiers", nonnull(b->modifier_source));
    jw_str(w, "cpt", nonnull(b->cpt_source));
    jw_str(w, "vials", nonnull(b->vial_source));
    jw_close(w, '}');
}

static void bill_lines_text(const btx_billing *b)
{
    char a[48], d[BTX_DATE_FORMAT_SIZE];
    switch (b->status) {
    case BTX_BILL_DRUG_LINES:
        break;
    case BTX_BILL_COSMETIC:
        printf("%-11s%s\n", "lines", "none: not covered, self-pay (cosmetic_self_pay)");
        return;
    case BTX_BILL_NO_CODE:
        printf("%-11snone: no HCPCS code for %s (no_code)\n", "lines",
               btx_substance_name(btx_product_substance(b->product)));
        return;
    case BTX_BILL_NO_CODE_ON_DATE:
        printf("%-11snone: no HCPCS code for %s in effect or confirmed on %s "
               "(no_code_on_date)\n", "lines",
               btx_substance_name(btx_product_substance(b->product)), fmt_date(b->date, d));
        return;
    default:
        printf("%-11snone (%s)\n", "lines", btx_bill_status_name(b->status));
        return;
    }
    for (int32_t k = 0; k < b->line_count && k < BTX_BILL_LINES_MAX; k++) {
        const btx_bill_line *l = &b->lines[k];
        const char *mod = nonnull(l->modifier);
        char units[64];
        snprintf(units, sizeof units, "x %d", (int)l->billing_units);
        printf("%-11s%-5s %-2s  %-8s %s U %s", k == 0 ? "lines" : "", nonnull(l->hcpcs), mod,
               units, output_units(l->units, a), l->discarded ? "discarded" : "administered");
        if (*mod != '\0' && !l->modifier_required)
            printf(" (%s optional on this date)", mod);
        putchar('\n');
    }
}

static void bill_text(const btx_billing *b)
{
    char a[48], c[48], d[BTX_DATE_FORMAT_SIZE];
    printf("%-11s%s  %s  %s  %s U\n", "bill", fmt_date(b->date, d),
           btx_product_name(b->product), btx_indication_name(b->indication),
           output_units(b->dose_units, a));
    printf("%-11s%s\n", "setting", btx_setting_name(b->setting));
    printf("%-11s%s: %s\n", "category", category_name(b->category),
           b->covered ? "covered (not excluded as cosmetic; the payer decides medical necessity)"
                      : "not covered, self-pay");
    printf("%-11s", "vials");
    int first = 1;
    for (int32_t k = 0; k < b->vial_sizes && k < BTX_VIAL_SIZES_MAX; k++) {
        if (b->vial_counts[k] <= 0)
            continue;
        printf("%s%d x %d U", first ? "" : " + ", (int)b->vial_counts[k], (int)b->vial_units[k]);
        first = 0;
    }
    printf(": %s U opened, %s U discarded\n", output_units(b->opened_units, a),
           output_units(b->discarded_units, c));
    if (has_code(b))
        printf("%-11s%s, %s U per billing unit\n", "code", b->hcpcs,
               output_units(b->billing_unit, a));
    else
        printf("%-11s%s\n", "code", "none");
    bill_lines_text(b);
    switch (b->waste_modifiers) {
    case BTX_WASTE_JW_JZ:
        printf("%-11s%s\n", "JW/JZ", "applied (jw_jz)");
        break;
    case BTX_WASTE_NOT_IN_SETTING:
        printf("%-11sdo not apply in the %s setting (not_in_setting)\n", "JW/JZ",
               btx_setting_name(b->setting));
        break;
    case BTX_WASTE_BEFORE_JW:
        printf("%-11s%s\n", "JW/JZ", "not given: the date is before JW (before_jw)");
        break;
    default:
        printf("%-11s%s\n", "JW/JZ", "- (no drug line)");
        break;
    }
    printf("%-11s", "cpt");
    for (int32_t k = 0; k < b->cpt_count && k < BTX_CPT_MAX; k++)
        printf("%s%s", k > 0 ? ", " : "", nonnull(b->cpt[k]));
    printf("%s\n", b->cpt_count > 0
                       ? " (advisory: the muscles and limbs injected decide the final code)"
                       : "none");
    printf("sources\n");
    printf("  %-10s %s\n", "status", nonnull(b->status_source));
    for (int32_t k = 0; k < b->line_count && k < BTX_BILL_LINES_MAX; k++)
        printf("  line %-5d %s\n", (int)k + 1, nonnull(b->lines[k].source));
    if (b->modifier_source != NULL && *b->modifier_source != '\0')
        printf("  %-10s %s\n", "JW/JZ", b->modifier_source);
    if (b->cpt_source != NULL && *b->cpt_source != '\0')
        printf("  %-10s %s\n", "cpt", b->cpt_source);
    printf("  %-10s %s\n", "vials", nonnull(b->vial_source));
}

void output_bill(const btx_billing *b, int json)
{
    if (json) {
        jw w;
        jw_begin(&w);
        jw_tool(&w);
        bill_members(&w, b);
        jw_int(&w, "exit_status", 0);
        jw_end(&w);
        return;
    }
    bill_text(b);
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
                  size_t fails, const btx_billing *bill, int json)
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
        if (bill != NULL) {
            jw_open(&w, "bill", '{');
            bill_members(&w, bill);
            jw_close(&w, '}');
        }
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
    if (bill != NULL) {
        putchar('\n');
        bill_text(bill);
    }
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

/* ---- audit ----
 *
 * The audit's rows come in chunks (stream.h) and are formatted as they come into byte
 * buffers: the rows listed on standard output wait in memory (and past SPILL_MEMORY
 * bytes in an unlinked temporary file) until the whole input has been read, so a bad
 * line found late still leaves standard output empty; the rows of --output go to a
 * temporary file next to it that takes its name only at the end. */

#define AUDIT_FLAGS 6
static const char *const flag_names[AUDIT_FLAGS] = {"over_window", "too_soon", "schedule",
                                                    "over_session", "not_labelled",
                                                    "not_checked"};
/* Bit b of btx_audit_result.flags is flag_names[b]: a new flag must be named here. */
_Static_assert(BTX_AUDIT_OVER_WINDOW == 1 && BTX_AUDIT_NOT_CHECKED == 1 << (AUDIT_FLAGS - 1),
               "flag_names does not match btx_audit_flag");

#define SPILL_MEMORY ((size_t)4 << 20)
#define FILE_BUFFER ((size_t)1 << 20)

/* A growing byte buffer. */
typedef struct obuf {
    char *p;
    size_t len, cap;
    int failed; /* out of memory */
} obuf;

static char *ob_room(obuf *b, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap == 0 ? 1 << 16 : b->cap;
        while (cap < b->len + n)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (p == NULL) {
            b->failed = 1;
            return NULL;
        }
        b->p = p;
        b->cap = cap;
    }
    return b->p + b->len;
}

static void ob_mem(obuf *b, const char *s, size_t n)
{
    char *d = ob_room(b, n);
    if (d != NULL) {
        memcpy(d, s, n);
        b->len += n;
    }
}

static void ob_str(obuf *b, const char *s)
{
    ob_mem(b, s, strlen(s));
}

static void ob_char(obuf *b, char c)
{
    char *d = ob_room(b, 1);
    if (d != NULL) {
        *d = c;
        b->len++;
    }
}

static void ob_spaces(obuf *b, size_t n)
{
    char *d = ob_room(b, n);
    if (d != NULL) {
        memset(d, ' ', n);
        b->len += n;
    }
}

static void ob_u64(obuf *b, uint64_t v)
{
    char tmp[24];
    ob_mem(b, tmp, (size_t)(put_u64(tmp, v) - tmp));
}

static void ob_i64(obuf *b, int64_t v)
{
    if (v < 0) {
        ob_char(b, '-');
        ob_u64(b, (uint64_t)0 - (uint64_t)v);
    } else {
        ob_u64(b, (uint64_t)v);
    }
}

/* s left-aligned in width bytes, as %-*s. */
static void ob_left(obuf *b, const char *s, size_t width)
{
    size_t n = strlen(s);
    ob_mem(b, s, n);
    if (n < width)
        ob_spaces(b, width - n);
}

/* %*.3f, right-aligned in width. */
static void ob_fixed3(obuf *b, double v, size_t width)
{
    char buf[48];
    size_t n = fixed3(v, buf);
    if (n < width)
        ob_spaces(b, width - n);
    ob_mem(b, buf, n);
}

/* output_units' text: the shortest of at most 3 decimals; null when not finite (JSON). */
static void ob_units(obuf *b, double v, int json)
{
    char buf[48];
    if (json && !isfinite(v))
        ob_str(b, "null");
    else
        ob_str(b, output_units(v, buf));
}

static void ob_json_string(obuf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    ob_char(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        switch (*p) {
        case '"': ob_mem(b, "\\\"", 2); break;
        case '\\': ob_mem(b, "\\\\", 2); break;
        case '\n': ob_mem(b, "\\n", 2); break;
        case '\r': ob_mem(b, "\\r", 2); break;
        case '\t': ob_mem(b, "\\t", 2); break;
        default:
            if (*p < 0x20) {
                char u[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};
                ob_mem(b, u, 6);
            } else {
                ob_char(b, (char)*p);
            }
        }
    }
    ob_char(b, '"');
}

/* A CSV field: quoted when it holds a comma, a quote or a line end, or starts or ends
 * with a blank (which a reader would cut). */
static void ob_csv_field(obuf *b, const char *s)
{
    size_t n = 0;
    int quote = 0;
    for (; s[n] != '\0'; n++)
        quote |= s[n] == ',' || s[n] == '"' || s[n] == '\n' || s[n] == '\r';
    quote |= n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t');
    if (!quote) {
        ob_mem(b, s, n);
        return;
    }
    ob_char(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            ob_char(b, '"');
        ob_char(b, s[i]);
    }
    ob_char(b, '"');
}

static void ob_date(obuf *b, btx_date d, int json)
{
    char buf[BTX_DATE_FORMAT_SIZE];
    const char *t = fmt_date(d, buf);
    if (t == NULL)
        ob_str(b, json ? "null" : "(null)");
    else if (json)
        ob_json_string(b, t);
    else
        ob_str(b, t);
}

/* A name for JSON: null when the library has none. */
static void ob_json_name(obuf *b, const char *s)
{
    if (s == NULL)
        ob_str(b, "null");
    else
        ob_json_string(b, s);
}

/* The names of a row's flags joined by sep. */
static void ob_flags(obuf *b, int32_t flags, const char *sep)
{
    int first = 1;
    for (int k = 0; k < AUDIT_FLAGS; k++) {
        if (!(flags & (1 << k)))
            continue;
        if (!first)
            ob_str(b, sep);
        ob_str(b, flag_names[k]);
        first = 0;
    }
}

/* One flagged row, in each format. */
typedef struct audit_row_ref {
    size_t line;
    const char *patient;
    const btx_administration *a;
    const btx_audit_result *res;
    const char **rule_names; /* RULE_NAMES entries: the cache of rule_name_cached */
} audit_row_ref;

static const char *indication_text(int32_t indication, const char *none)
{
    const char *s = indication != 0 ? btx_indication_name(indication) : none;
    return s != NULL ? s : none;
}

/* btx_rule_name, looked up once per rule id (it searches the rule tables). */
#define RULE_NAMES 512
static const char *rule_name_cached(const char *names[RULE_NAMES], int32_t rule)
{
    if (rule <= 0 || rule >= RULE_NAMES)
        return btx_rule_name(rule);
    if (names[rule] == NULL)
        names[rule] = btx_rule_name(rule);
    return names[rule];
}

static const char *rule_text(const char *names[RULE_NAMES], int32_t rule, const char *none)
{
    const char *s = rule != 0 ? rule_name_cached(names, rule) : none;
    return s != NULL ? s : none;
}

/* The text table's line (see docs/cli.md). */
static void row_text(obuf *b, const audit_row_ref *r)
{
    char line[24];
    snprintf(line, sizeof line, "%zu", r->line);
    ob_left(b, line, 6);
    ob_char(b, ' ');
    /* The patient's text: control bytes (a line end inside quotes, a tab) as '?', so one
     * row stays one line; padded to 16 bytes. */
    size_t n = 0;
    for (const char *s = r->patient; *s != '\0'; s++, n++)
        ob_char(b, (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
    if (n < 16)
        ob_spaces(b, 16 - n);
    ob_char(b, ' ');
    ob_date(b, r->a->date, 0);
    ob_char(b, ' ');
    const char *product = btx_product_name(r->a->product);
    ob_left(b, product != NULL ? product : "(null)", 15);
    ob_char(b, ' ');
    ob_left(b, indication_text(r->a->indication, "-"), 32);
    ob_char(b, ' ');
    ob_fixed3(b, r->a->units, 9);
    ob_spaces(b, 5);
    int32_t limbs = BTX_LIMBS_OF(r->a->flags);
    ob_char(b, limbs != 0 ? (char)('0' + limbs) : '-');
    ob_char(b, ' ');
    ob_fixed3(b, r->res->window_total, 12);
    ob_mem(b, "  ", 2);
    size_t at = b->len;
    ob_flags(b, r->res->flags, ",");
    if (b->len - at < 24 && !b->failed)
        ob_spaces(b, 24 - (b->len - at));
    ob_mem(b, "  ", 2);
    ob_str(b, rule_text(r->rule_names, r->res->rule, "-"));
    ob_char(b, '\n');
}

/* An element of --json's flagged_rows: the JSON writer's layout, two spaces a level. */
static void row_json_pretty(obuf *b, const audit_row_ref *r, int first)
{
    static const char in[] = ",\n      ";
    ob_str(b, first ? "\n    {\n      \"line\": " : ",\n    {\n      \"line\": ");
    ob_u64(b, r->line);
    ob_str(b, in);
    ob_str(b, "\"patient\": ");
    ob_json_string(b, r->patient);
    ob_str(b, in);
    ob_str(b, "\"date\": ");
    ob_date(b, r->a->date, 1);
    ob_str(b, in);
    ob_str(b, "\"product\": ");
    ob_json_name(b, btx_product_name(r->a->product));
    ob_str(b, in);
    ob_str(b, "\"indication\": ");
    ob_json_name(b, r->a->indication != 0 ? btx_indication_name(r->a->indication) : "");
    ob_str(b, in);
    ob_str(b, "\"units\": ");
    ob_units(b, r->a->units, 1);
    ob_str(b, in);
    ob_str(b, "\"window_total\": ");
    ob_units(b, r->res->window_total, 1);
    ob_str(b, in);
    ob_str(b, "\"flags\": [");
    int any = 0;
    for (int k = 0; k < AUDIT_FLAGS; k++) {
        if (!(r->res->flags & (1 << k)))
            continue;
        ob_str(b, any ? ",\n        " : "\n        ");
        ob_json_string(b, flag_names[k]);
        any = 1;
    }
    ob_str(b, any ? "\n      ]" : "]");
    ob_str(b, in);
    ob_str(b, "\"rule\": ");
    ob_i64(b, r->res->rule);
    ob_str(b, in);
    ob_str(b, "\"rule_name\": ");
    ob_json_name(b, r->res->rule != 0 ? rule_name_cached(r->rule_names, r->res->rule) : "");
    ob_str(b, in);
    ob_str(b, "\"limbs\": ");
    int32_t limbs = BTX_LIMBS_OF(r->a->flags);
    if (limbs != 0)
        ob_char(b, (char)('0' + limbs));
    else
        ob_str(b, "null");
    ob_str(b, "\n    }");
}

/* ---- --output's lines: CSV or JSON Lines, from texts made once ----
 *
 * A row of --output repeats few texts: the product, indication and rule names and the
 * flags are formatted (and escaped) once per value, a date once per day, a patient once
 * per run of rows; units are mostly whole numbers. */

#define PIECE_SIZE 128
#define DATE_SLOTS 4096
#define NPRODUCTS 32
#define NINDICATIONS 64

typedef struct piece {
    uint8_t ready;
    uint8_t len;
    char text[PIECE_SIZE - 2];
} piece;

typedef struct file_texts {
    int jsonl;
    piece product[NPRODUCTS], indication[NINDICATIONS], rule[RULE_NAMES];
    piece flags[1 << AUDIT_FLAGS];
    struct {
        btx_date date;
        uint32_t len;
        char text[16]; /* the field: YYYY-MM-DD, in quotes for JSON Lines */
    } date[DATE_SLOTS];
    const char *patient;  /* the patient of patient_text */
    obuf patient_text;
} file_texts;

static const char csv_header[] =
    "line,patient,date,product,indication,units,window_total,flags,rule,rule_name,limbs\n";

static file_texts *file_texts_new(int jsonl)
{
    file_texts *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->jsonl = jsonl;
    for (size_t i = 0; i < DATE_SLOTS; i++)
        t->date[i].date = BTX_DATE_UNKNOWN;
    return t;
}

static void file_texts_free(file_texts *t)
{
    if (t != NULL)
        free(t->patient_text.p);
    free(t);
}

/* A name as a field: CSV-escaped, or a JSON string (null for none). */
static void name_field(obuf *b, const char *name, int jsonl)
{
    if (jsonl)
        ob_json_name(b, name);
    else
        ob_csv_field(b, name != NULL ? name : "");
}

static void make_product(obuf *b, const file_texts *t, int32_t v)
{
    name_field(b, btx_product_name(v), t->jsonl);
}

static void make_indication(obuf *b, const file_texts *t, int32_t v)
{
    name_field(b, v != 0 ? btx_indication_name(v) : "", t->jsonl);
}

static void make_rule(obuf *b, const file_texts *t, int32_t v)
{
    name_field(b, v != 0 ? btx_rule_name(v) : "", t->jsonl);
}

static void make_flags(obuf *b, const file_texts *t, int32_t flags)
{
    if (!t->jsonl) {
        ob_flags(b, flags, "|");
        return;
    }
    ob_char(b, '[');
    int any = 0;
    for (int k = 0; k < AUDIT_FLAGS; k++) {
        if (!(flags & (1 << k)))
            continue;
        if (any)
            ob_char(b, ',');
        ob_json_string(b, flag_names[k]);
        any = 1;
    }
    ob_char(b, ']');
}

/* The date's field, from the cache; NULL for a date without a text. */
static const char *date_field(file_texts *t, btx_date d, size_t *len)
{
    size_t i = (size_t)((uint32_t)d % DATE_SLOTS);
    if (t->date[i].date != d || t->date[i].len == 0) {
        char buf[BTX_DATE_FORMAT_SIZE];
        if (fmt_date(d, buf) == NULL)
            return NULL;
        memset(t->date[i].text, 0, sizeof t->date[i].text);
        if (t->jsonl)
            snprintf(t->date[i].text, sizeof t->date[i].text, "\"%s\"", buf);
        else
            memcpy(t->date[i].text, buf, BTX_DATE_FORMAT_SIZE - 1);
        t->date[i].len = (uint32_t)strlen(t->date[i].text);
        t->date[i].date = d;
    }
    *len = t->date[i].len;
    return t->date[i].text;
}

/* The piece of value v in table (made on first use); NULL when it cannot be kept. */
static const piece *piece_of(piece *table, size_t size, int32_t v,
                             void (*make)(obuf *, const file_texts *, int32_t),
                             const file_texts *t)
{
    if (v < 0 || (size_t)v >= size)
        return NULL;
    piece *p = &table[v];
    if (!p->ready) {
        obuf tmp = {0};
        make(&tmp, t, v);
        if (!tmp.failed && tmp.len <= sizeof p->text) {
            memset(p->text, 0, sizeof p->text);
            memcpy(p->text, tmp.p != NULL ? tmp.p : "", tmp.len);
            p->len = (uint8_t)tmp.len;
            p->ready = 1;
        }
        free(tmp.p);
    }
    return p->ready ? p : NULL;
}

/* The separators before each field of a line, and the line end, padded to 16 bytes:
 * copied 16 at a time, then the cursor moves by their length. */
typedef struct sep16 {
    char text[16];
    size_t len;
} sep16;
enum { SEP_LINE, SEP_PATIENT, SEP_DATE, SEP_PRODUCT, SEP_INDICATION, SEP_UNITS, SEP_TOTAL,
       SEP_FLAGS, SEP_RULE, SEP_RULE_NAME, SEP_LIMBS, SEP_END, SEPS };
static const sep16 csv_seps[SEPS] = {{"", 0},  {",", 1}, {",", 1}, {",", 1}, {",", 1}, {",", 1},
                                     {",", 1}, {",", 1}, {",", 1}, {",", 1}, {",", 1},
                                     {"\n", 1}};
static const sep16 jsonl_seps[SEPS] = {
    {"{\"line\":", 8},         {",\"patient\":", 11}, {",\"date\":", 8},
    {",\"product\":", 11},     {",\"indication\":", 14}, {",\"units\":", 9},
    {",\"window_total\":", 16}, {",\"flags\":", 9},     {",\"rule\":", 8},
    {",\"rule_name\":", 13},   {",\"limbs\":", 9},     {"}\n", 2}};
/* The limbs column: not stated (empty, null), 1, 2 (BTX_LIMBS_OF: 0..3, the library
 * refuses 3), padded to 8 bytes for one copy. */
static const char limbs_text[2][4][8] = {{"", "1", "2", "3"}, {"null", "1", "2", "3"}};

static char *put_sep(char *d, const sep16 *s)
{
    memcpy(d, s->text, sizeof s->text);
    return d + s->len;
}

static char *put_piece(char *d, const piece *p)
{
    memcpy(d, p->text, sizeof p->text);
    return d + p->len;
}

/* Units: a whole number as digits, anything else as output_units (null when not finite,
 * in JSON). */
static char *put_units(char *d, double v, int json)
{
    if (v >= 0 && v < 1e15 && !signbit(v) && v == (double)(uint64_t)v)
        return put_u64(d, (uint64_t)v);
    char buf[48];
    const char *text = json && !isfinite(v) ? "null" : output_units(v, buf);
    size_t n = strlen(text);
    memcpy(d, text, n);
    return d + n;
}

/* One line of --output: CSV (the columns of csv_header, the flags joined by '|') or a
 * JSON object with the members of --json's flagged_rows. Written straight into room
 * made for the longest line these texts can make. */
static void row_file(obuf *b, file_texts *t, const audit_row_ref *r)
{
    int jsonl = t->jsonl;
    const sep16 *sep = jsonl ? jsonl_seps : csv_seps;
    if (r->patient != t->patient) {
        t->patient_text.len = 0;
        if (jsonl)
            ob_json_string(&t->patient_text, r->patient);
        else
            ob_csv_field(&t->patient_text, r->patient);
        b->failed |= t->patient_text.failed;
        t->patient = t->patient_text.failed ? NULL : r->patient;
        if (t->patient == NULL)
            return;
    }
    int32_t flags = r->res->flags & ((1 << AUDIT_FLAGS) - 1);
    size_t date_len = 0;
    const char *date = date_field(t, r->a->date, &date_len);
    const piece *product = piece_of(t->product, NPRODUCTS, r->a->product, make_product, t);
    const piece *indication =
        piece_of(t->indication, NINDICATIONS, r->a->indication, make_indication, t);
    const piece *flag_text = piece_of(t->flags, 1u << AUDIT_FLAGS, flags, make_flags, t);
    const piece *rule = piece_of(t->rule, RULE_NAMES, r->res->rule, make_rule, t);
    if (date == NULL || product == NULL || indication == NULL || flag_text == NULL ||
        rule == NULL) {
        b->failed = 1; /* the library named a value without a text: not a row it gives */
        return;
    }
    char *d = ob_room(b, t->patient_text.len + 4 * PIECE_SIZE + SEPS * 16 + 256);
    if (d == NULL)
        return;
    char *start = d;
    d = put_sep(d, &sep[SEP_LINE]);
    d = put_u64(d, r->line);
    d = put_sep(d, &sep[SEP_PATIENT]);
    memcpy(d, t->patient_text.p, t->patient_text.len);
    d += t->patient_text.len;
    d = put_sep(d, &sep[SEP_DATE]);
    memcpy(d, date, 16);
    d += date_len;
    d = put_sep(d, &sep[SEP_PRODUCT]);
    d = put_piece(d, product);
    d = put_sep(d, &sep[SEP_INDICATION]);
    d = put_piece(d, indication);
    d = put_sep(d, &sep[SEP_UNITS]);
    d = put_units(d, r->a->units, jsonl);
    d = put_sep(d, &sep[SEP_TOTAL]);
    d = put_units(d, r->res->window_total, jsonl);
    d = put_sep(d, &sep[SEP_FLAGS]);
    d = put_piece(d, flag_text);
    d = put_sep(d, &sep[SEP_RULE]);
    if (r->res->rule < 0) {
        *d++ = '-';
        d = put_u64(d, (uint64_t)0 - (uint64_t)(int64_t)r->res->rule);
    } else {
        d = put_u64(d, (uint64_t)r->res->rule);
    }
    d = put_sep(d, &sep[SEP_RULE_NAME]);
    d = put_piece(d, rule);
    d = put_sep(d, &sep[SEP_LIMBS]);
    const char *limbs = limbs_text[jsonl][BTX_LIMBS_OF(r->a->flags)];
    memcpy(d, limbs, sizeof limbs_text[0][0]);
    d += strlen(limbs);
    d = put_sep(d, &sep[SEP_END]);
    b->len += (size_t)(d - start);
}

typedef struct writer writer;

struct audit_output {
    audit_output_options o;
    int32_t limit;              /* rows listed on standard output; -1: all */
    size_t flagged, shown;
    size_t combos[1 << AUDIT_FLAGS]; /* flagged rows by their flags */
    obuf list;                  /* the listed rows waiting for the end */
    int spill_fd;               /* -1, or where the listed rows went past SPILL_MEMORY */
    size_t spilled;             /* bytes in spill_fd */
    obuf file;                  /* --output's rows not written yet */
    int file_fd;                /* --output's descriptor, -1 when none */
    char *tmp_path;             /* the temporary file that becomes --output, or NULL */
    size_t written;             /* rows written to --output */
    const char *rule_names[RULE_NAMES];
    file_texts *texts;          /* --output's texts made once */
    writer *wr;                 /* --output's writing thread, or NULL */
};

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        long long w = cli_write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* A second thread that writes --output's full buffers while the next one fills. */
#define WRITER_BUFFERS 3

struct writer {
    int fd;
    obuf buf[WRITER_BUFFERS];
    int full[WRITER_BUFFERS];
    size_t put, got; /* buffers handed over, and written */
    int quit;
    int err;         /* the errno of a failed write: nothing more is written */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
};

static void *write_loop(void *arg)
{
    writer *wr = arg;
    pthread_setname_np(pthread_self(), "btxdose-write");
    for (;;) {
        pthread_mutex_lock(&wr->mu);
        size_t i = wr->got % WRITER_BUFFERS;
        while (!wr->quit && !wr->full[i])
            pthread_cond_wait(&wr->cv, &wr->mu);
        int err = wr->err, stop = !wr->full[i];
        pthread_mutex_unlock(&wr->mu);
        if (stop)
            break;
        if (err == 0 && write_all(wr->fd, wr->buf[i].p, wr->buf[i].len) != 0)
            err = errno != 0 ? errno : EIO;
        pthread_mutex_lock(&wr->mu);
        wr->buf[i].len = 0;
        wr->full[i] = 0;
        wr->got++;
        wr->err = err;
        pthread_cond_broadcast(&wr->cv);
        pthread_mutex_unlock(&wr->mu);
    }
    return NULL;
}

/* NULL when no thread can be made: then the buffers are written where they fill. */
static writer *writer_start(int fd)
{
    writer *wr = calloc(1, sizeof *wr);
    if (wr == NULL)
        return NULL;
    wr->fd = fd;
    if (pthread_mutex_init(&wr->mu, NULL) != 0) {
        free(wr);
        return NULL;
    }
    if (pthread_cond_init(&wr->cv, NULL) != 0 ||
        pthread_create(&wr->thread, NULL, write_loop, wr) != 0) {
        pthread_mutex_destroy(&wr->mu);
        free(wr);
        return NULL;
    }
    return wr;
}

/* Hands the buffer's bytes over; *b becomes an empty buffer. Returns 0, or the errno of
 * a write that failed. */
static int writer_put(writer *wr, obuf *b)
{
    pthread_mutex_lock(&wr->mu);
    size_t i = wr->put % WRITER_BUFFERS;
    while (wr->full[i] && wr->err == 0)
        pthread_cond_wait(&wr->cv, &wr->mu);
    int err = wr->err;
    if (err == 0) {
        obuf t = wr->buf[i];
        wr->buf[i] = *b;
        *b = t;
        b->len = 0;
        wr->full[i] = 1;
        wr->put++;
        pthread_cond_broadcast(&wr->cv);
    }
    pthread_mutex_unlock(&wr->mu);
    return err;
}

/* Waits until everything handed over is written. Returns 0 or a write's errno. */
static int writer_drain(writer *wr)
{
    pthread_mutex_lock(&wr->mu);
    while (wr->got != wr->put && wr->err == 0)
        pthread_cond_wait(&wr->cv, &wr->mu);
    int err = wr->err;
    pthread_mutex_unlock(&wr->mu);
    return err;
}

static void writer_stop(writer *wr)
{
    if (wr == NULL)
        return;
    pthread_mutex_lock(&wr->mu);
    wr->quit = 1;
    pthread_cond_broadcast(&wr->cv);
    pthread_mutex_unlock(&wr->mu);
    pthread_join(wr->thread, NULL);
    for (size_t i = 0; i < WRITER_BUFFERS; i++)
        free(wr->buf[i].p);
    pthread_cond_destroy(&wr->cv);
    pthread_mutex_destroy(&wr->mu);
    free(wr);
}

/* A new file in dir named .BASE-XXXXXX (cli_temp_file); path_out as there. */
static int temp_file(const char *dir, const char *base, char **path_out)
{
    size_t len = strlen(base) + sizeof ".-";
    char *prefix = malloc(len);
    if (prefix == NULL) {
        errno = ENOMEM;
        return -1;
    }
    snprintf(prefix, len, ".%s-", base);
    int fd = cli_temp_file(dir, prefix, path_out);
    int err = errno;
    free(prefix);
    errno = err;
    return fd;
}

/* Opens --output: a temporary file in its directory, or the file itself when it is not a
 * regular file (a device, a pipe), which cannot be replaced. */
static int open_output(audit_output *w)
{
    const char *path = w->o.output_path;
    unsigned mode;
    if (cli_file_kind(path, &mode) == 0) {
        w->file_fd = cli_open_write(path);
        if (w->file_fd < 0) {
            cli_error("%s: cannot open for writing: %s", path, strerror(errno));
            return -1;
        }
        return 0;
    }
    const char *slash = cli_last_separator(path);
    char *dir = slash == NULL ? NULL : malloc((size_t)(slash - path) + 2);
    if (slash != NULL && dir == NULL) {
        cli_error("%s: out of memory", path);
        return -1;
    }
    if (dir != NULL) {
        size_t n = slash == path ? 1 : (size_t)(slash - path);
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    w->file_fd = temp_file(dir != NULL ? dir : ".", slash != NULL ? slash + 1 : path,
                           &w->tmp_path);
    int err = errno;
    free(dir);
    if (w->file_fd < 0) {
        cli_error("%s: cannot create a file next to it: %s", path, strerror(err));
        return -1;
    }
    cli_file_mode_like(w->file_fd, path);
    return 0;
}

audit_output *audit_output_open(const audit_output_options *o)
{
    audit_output *w = calloc(1, sizeof *w);
    if (w == NULL) {
        cli_error("out of memory");
        return NULL;
    }
    w->o = *o;
    w->spill_fd = w->file_fd = -1;
    w->limit = o->limit >= 0 ? o->limit : o->output_path != NULL ? 0 : -1;
    if (o->output_path != NULL) {
        if (open_output(w) != 0) {
            audit_output_close(w);
            return NULL;
        }
        w->texts = file_texts_new(o->output_format == AUDIT_FILE_JSONL);
        if (w->texts == NULL) {
            cli_error("out of memory");
            audit_output_close(w);
            return NULL;
        }
        if (o->output_format == AUDIT_FILE_CSV)
            ob_str(&w->file, csv_header);
        w->wr = writer_start(w->file_fd);
    }
    return w;
}

/* Writes --output's buffer (or hands it to the writing thread). */
static int file_flush(audit_output *w)
{
    if (w->file.failed)
        return -1;
    int err = 0;
    if (w->wr != NULL)
        err = writer_put(w->wr, &w->file);
    else if (write_all(w->file_fd, w->file.p, w->file.len) != 0)
        err = errno != 0 ? errno : EIO;
    if (err != 0) {
        cli_error("%s: cannot write: %s", w->o.output_path, strerror(err));
        return -1;
    }
    w->file.len = 0;
    return 0;
}

/* Everything written: 0, or -1 after a message. */
static int file_written(audit_output *w)
{
    int err = w->wr != NULL ? writer_drain(w->wr) : 0;
    if (err != 0) {
        cli_error("%s: cannot write: %s", w->o.output_path, strerror(err));
        return -1;
    }
    return 0;
}

static int spill(audit_output *w)
{
    if (w->spill_fd < 0) {
        char buf[1024];
        w->spill_fd = temp_file(cli_temp_dir(buf, sizeof buf), "btxdose", NULL);
        if (w->spill_fd < 0) {
            cli_error("cannot create a temporary file for the listed rows: %s",
                      strerror(errno));
            return -1;
        }
    }
    if (write_all(w->spill_fd, w->list.p, w->list.len) != 0) {
        cli_error("cannot write a temporary file for the listed rows: %s", strerror(errno));
        return -1;
    }
    w->spilled += w->list.len;
    w->list.len = 0;
    return 0;
}

int audit_output_chunk(void *ctx, const audit_chunk *c)
{
    audit_output *w = ctx;
    int json = w->o.json, to_file = w->file_fd >= 0;
    if (w->texts != NULL)
        w->texts->patient = NULL; /* the patients' texts are the chunk's */
    for (size_t i = 0; i < c->n; i++) {
        const btx_audit_result *res = &c->results[i];
        if (res->flags == 0)
            continue;
        w->flagged++;
        w->combos[res->flags & ((1 << AUDIT_FLAGS) - 1)]++;
        audit_row_ref r = {c->lines[i], c->patients[c->rows[i].patient - 1],
                           &c->rows[i].admin, res, w->rule_names};
        if (w->limit < 0 || w->shown < (size_t)w->limit) {
            if (json)
                row_json_pretty(&w->list, &r, w->shown == 0);
            else
                row_text(&w->list, &r);
            w->shown++;
        }
        if (to_file) {
            row_file(&w->file, w->texts, &r);
            w->written++;
        }
    }
    if (w->list.failed || w->file.failed) {
        cli_error("out of memory");
        return -1;
    }
    if (w->list.len >= SPILL_MEMORY && spill(w) != 0)
        return -1;
    if (to_file && w->file.len >= FILE_BUFFER && file_flush(w) != 0)
        return -1;
    return 0;
}

int audit_output_restart(void *ctx)
{
    audit_output *w = ctx;
    w->flagged = w->shown = w->written = 0;
    memset(w->combos, 0, sizeof w->combos);
    w->list.len = 0;
    w->file.len = 0;
    if (w->spill_fd >= 0 && (ftruncate(w->spill_fd, 0) != 0 ||
                             lseek(w->spill_fd, 0, SEEK_SET) != 0)) {
        cli_error("cannot empty a temporary file: %s", strerror(errno));
        return -1;
    }
    w->spilled = 0;
    if (w->file_fd >= 0 && file_written(w) != 0)
        return -1;
    if (w->tmp_path != NULL && (ftruncate(w->file_fd, 0) != 0 ||
                                lseek(w->file_fd, 0, SEEK_SET) != 0)) {
        cli_error("%s: cannot empty the file: %s", w->tmp_path, strerror(errno));
        return -1;
    }
    if (w->file_fd >= 0 && w->o.output_format == AUDIT_FILE_CSV)
        ob_str(&w->file, csv_header);
    return 0;
}

/* The listed rows, from the temporary file and memory, to standard output. */
static int copy_listed(audit_output *w)
{
    if (w->spill_fd >= 0 && w->spilled > 0) {
        char buf[1 << 16];
        if (lseek(w->spill_fd, 0, SEEK_SET) != 0) {
            cli_error("cannot read a temporary file: %s", strerror(errno));
            return -1;
        }
        for (size_t left = w->spilled; left > 0;) {
            long long n = cli_read(w->spill_fd, buf, left < sizeof buf ? left : sizeof buf);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                cli_error("cannot read a temporary file: %s",
                          n < 0 ? strerror(errno) : "it is shorter than written");
                return -1;
            }
            fwrite(buf, 1, (size_t)n, stdout);
            left -= (size_t)n;
        }
    }
    fwrite(w->list.p != NULL ? w->list.p : "", 1, w->list.len, stdout);
    return 0;
}

/* Rows flagged with each flag. */
static void flag_counts(const audit_output *w, size_t counts[AUDIT_FLAGS])
{
    for (int k = 0; k < AUDIT_FLAGS; k++) {
        counts[k] = 0;
        for (unsigned c = 0; c < 1u << AUDIT_FLAGS; c++)
            counts[k] += c >> k & 1u ? w->combos[c] : 0;
    }
}

/* The --json object up to the opening of flagged_rows. */
static void audit_summary_json(audit_output *w, const stream_result *r, jw *j)
{
    size_t counts[AUDIT_FLAGS];
    flag_counts(w, counts);
    const btx_policy *p = w->o.policy;
    jw_begin(j);
    jw_tool(j);
    jw_str(j, "input", w->o.input_name);
    jw_int(j, "rows", (long long)r->rows);
    jw_int(j, "patients", (long long)r->patients);
    jw_int(j, "flagged", (long long)w->flagged);
    jw_open(j, "window", '{');
    if (p != NULL && p->window_length > 0) {
        jw_int(j, "length", p->window_length);
        jw_str(j, "unit", unit_name(p->window_unit));
    } else {
        jw_int(j, "length", 3); /* the label's substance-wide windows */
        jw_str(j, "unit", "months");
    }
    jw_close(j, '}');
    jw_int(j, "min_spacing_days", p != NULL ? p->min_spacing_days : 0);
    jw_open(j, "flag_counts", '{');
    for (int b = 0; b < AUDIT_FLAGS; b++)
        jw_int(j, flag_names[b], (long long)counts[b]);
    jw_close(j, '}');
    jw_bool(j, "input_sorted", !r->in_memory);
    if (w->o.output_path != NULL)
        jw_str(j, "output", w->o.output_path);
    else
        jw_null(j, "output");
    jw_open(j, "flagged_rows", '[');
    j->first[j->depth] = w->shown == 0;
}

int audit_output_finish(audit_output *w, const stream_result *r)
{
    if (w->file_fd >= 0) {
        if (file_flush(w) != 0 || file_written(w) != 0)
            return -1;
        writer_stop(w->wr);
        w->wr = NULL;
        if (close(w->file_fd) != 0) {
            w->file_fd = -1;
            cli_error("%s: cannot write: %s", w->o.output_path, strerror(errno));
            return -1;
        }
        w->file_fd = -1;
        if (w->tmp_path != NULL) {
            if (cli_replace(w->tmp_path, w->o.output_path) != 0) {
                cli_error("%s: cannot replace: %s", w->o.output_path, strerror(errno));
                return -1;
            }
            free(w->tmp_path);
            w->tmp_path = NULL;
        }
    }
    if (w->o.json) {
        jw j;
        audit_summary_json(w, r, &j);
        if (copy_listed(w) != 0)
            return -1;
        jw_close(&j, ']');
        jw_int(&j, "exit_status", w->flagged > 0 ? 1 : 0);
        jw_end(&j);
    } else {
        if (w->shown > 0)
            printf("%-6s %-16s %-10s %-15s %-32s %9s %5s %12s  %-24s  %s\n", "line",
                   "patient", "date", "product", "indication", "units", "limbs",
                   "window_total", "flags", "rule");
        if (copy_listed(w) != 0)
            return -1;
        if (w->shown < w->flagged && (w->o.output_path == NULL || w->o.limit >= 0))
            printf("... %zu more flagged rows (--limit %d)\n", w->flagged - w->shown,
                   (int)w->limit);
        if (w->o.output_path != NULL)
            printf("%zu flagged rows written to %s\n", w->written, w->o.output_path);
        size_t counts[AUDIT_FLAGS];
        flag_counts(w, counts);
        printf("%zu rows, %zu patients, %zu flagged:", r->rows, r->patients, w->flagged);
        for (int b = 0; b < AUDIT_FLAGS; b++)
            printf(" %s %zu%s", flag_names[b], counts[b], b < AUDIT_FLAGS - 1 ? "," : "\n");
    }
    return w->flagged > 0 ? 1 : 0;
}

void audit_output_close(audit_output *w)
{
    if (w == NULL)
        return;
    writer_stop(w->wr);
    if (w->file_fd >= 0)
        close(w->file_fd);
    if (w->tmp_path != NULL)
        cli_remove(w->tmp_path);
    if (w->spill_fd >= 0)
        close(w->spill_fd);
    free(w->tmp_path);
    free(w->list.p);
    free(w->file.p);
    file_texts_free(w->texts);
    free(w);
}
