/* SPDX-License-Identifier: Apache-2.0 */
/* Rolling-window accounting (docs/semantics.md, "Windows").
 *
 * A window of length L starting on S covers S <= d < end(S), end(S) = S + L. The
 * windows that contain a date D are those with S in [S_min, D], S_min the first start
 * whose end is past D. Their totals change only where S passes a record (a record
 * leaves) or end(S) passes one (a record enters); moving S right from a date with no
 * record only lets records enter, so the largest total is found among the starts that
 * are record dates in [S_min, D], and D itself. That is the whole search: no day loop.
 */
#include <math.h>

#include "internal.h"

btx_date btx__add_length(btx_date d, int32_t length, int32_t unit)
{
    switch (unit) {
    case BTX_WEEKS: return d + 7 * length;
    case BTX_MONTHS: return btx__add_months(d, length);
    default: return d + length;
    }
}

btx_date btx__first_start_covering(btx_date x, int32_t length, int32_t unit)
{
    if (unit != BTX_MONTHS)
        return x - btx__add_length(0, length, unit) + 1;
    /* add_months is non-decreasing in its start and clamping moves an end by at most
     * 3 days: start a little early and step forward. */
    btx_date s = btx__add_months(x, -length) - 4;
    while (btx__add_months(s, length) <= x)
        s++;
    return s;
}

int btx__length_valid(int32_t length, int32_t unit)
{
    switch (unit) {
    case BTX_DAYS: return length >= 1 && length <= BTX__MAX_SPAN_DAYS;
    case BTX_WEEKS: return length >= 1 && length <= BTX__MAX_SPAN_DAYS / 7;
    case BTX_MONTHS: return length >= 1 && length <= BTX__MAX_SPAN_DAYS / 31;
    default: return 0;
    }
}

static int counts(const btx__filter *f, const btx_administration *a, btx_milli *m)
{
    if (btx__substance_of(a->product) != f->substance)
        return 0;
    if (f->indication != 0 && a->indication != f->indication)
        return 0;
    /* Records were validated before any question is asked. */
    if (btx__milli_from_units(a->units, m) != BTX_OK || *m == 0)
        return 0;
    return 1;
}

void btx__src_init(btx__src *src, const btx_administration *history, size_t n,
                   btx__filter filter, btx_date lo, btx_date hi)
{
    src->history = history;
    src->n = n;
    src->filter = filter;
    src->lo = lo;
    src->hi = hi;
    src->k = 0;
    src->buffered = 1;
    /* One pass: aggregate the counted records of [lo, hi) by date. */
    for (size_t i = 0; i < n && src->buffered; i++) {
        btx_milli m;
        const btx_date d = history[i].date;
        if (d < lo || d >= hi || !counts(&filter, &history[i], &m))
            continue;
        size_t j = 0;
        while (j < src->k && src->entries[j].date != d)
            j++;
        if (j < src->k) {
            src->entries[j].milli += m;
        } else if (src->k < BTX__SCAN_CAP) {
            src->entries[src->k].date = d;
            src->entries[src->k].pad = 0;
            src->entries[src->k].milli = m;
            src->k++;
        } else {
            src->buffered = 0; /* too many dates: answer from the history instead */
        }
    }
    if (!src->buffered) {
        src->k = 0;
        return;
    }
    /* Insertion sort by date: k is small and bounded. */
    for (size_t i = 1; i < src->k; i++) {
        btx__entry e = src->entries[i];
        size_t j = i;
        while (j > 0 && src->entries[j - 1].date > e.date) {
            src->entries[j] = src->entries[j - 1];
            j--;
        }
        src->entries[j] = e;
    }
}

/* Smallest counted record date > x (and < hi), or INT32_MAX. */
static btx_date src_next(const btx__src *s, btx_date x)
{
    btx_date best = INT32_MAX;
    if (s->buffered) {
        for (size_t j = 0; j < s->k; j++)
            if (s->entries[j].date > x)
                return s->entries[j].date;
        return best;
    }
    for (size_t i = 0; i < s->n; i++) {
        btx_milli m;
        const btx_date d = s->history[i].date;
        if (d > x && d < best && d < s->hi && counts(&s->filter, &s->history[i], &m))
            best = d;
    }
    return best;
}

/* Largest counted record date < x (and >= lo), or INT32_MIN. */
static btx_date src_prev(const btx__src *s, btx_date x)
{
    btx_date best = INT32_MIN;
    if (s->buffered) {
        for (size_t j = s->k; j > 0; j--)
            if (s->entries[j - 1].date < x)
                return s->entries[j - 1].date;
        return best;
    }
    for (size_t i = 0; i < s->n; i++) {
        btx_milli m;
        const btx_date d = s->history[i].date;
        if (d < x && d > best && d >= s->lo && counts(&s->filter, &s->history[i], &m))
            best = d;
    }
    return best;
}

/* Units counted in [a, b). */
static btx_milli src_total(const btx__src *s, btx_date a, btx_date b)
{
    btx_milli t = 0;
    if (s->buffered) {
        for (size_t j = 0; j < s->k && s->entries[j].date < b; j++)
            if (s->entries[j].date >= a)
                t += s->entries[j].milli;
        return t;
    }
    for (size_t i = 0; i < s->n; i++) {
        btx_milli m;
        const btx_date d = s->history[i].date;
        if (d >= a && d < b && counts(&s->filter, &s->history[i], &m))
            t += m;
    }
    return t;
}

void btx__window_span(btx_date d0, btx_date d1, int32_t length, int32_t unit, btx_date *lo,
                      btx_date *hi)
{
    *lo = btx__first_start_covering(d0, length, unit);
    *hi = btx__add_length(d1, length, unit);
}

void btx__window_worst(const btx__src *src, btx_date d, int32_t length, int32_t unit,
                       btx_milli threshold, btx__worst *out)
{
    const btx_date s_min = btx__first_start_covering(d, length, unit);
    btx_milli best = -1;
    btx_date best_c = d, best_prev = s_min - 1;
    btx_date prev = s_min - 1; /* the last record date before the candidate */
    out->block_end = d;

    /* Candidates in increasing order: record dates in [s_min, d], then d. */
    btx_date c = src_next(src, s_min - 1);
    for (;;) {
        if (c > d)
            c = d;
        const btx_date end = btx__add_length(c, length, unit);
        const btx_milli t = src_total(src, c, end);
        if (t > best) {
            best = t;
            best_c = c;
            best_prev = prev;
        }
        if (t > threshold && end > out->block_end)
            out->block_end = end;
        if (c == d)
            break;
        prev = c;
        c = src_next(src, c);
    }

    /* The earliest start with the same total: after the last record before best_c,
     * and late enough that its end still covers the window's last record (and d). */
    btx_date last = src_prev(src, btx__add_length(best_c, length, unit));
    if (last < d)
        last = d;
    btx_date start = btx__first_start_covering(last, length, unit);
    if (start < best_prev + 1)
        start = best_prev + 1;
    out->total = best;
    out->start = start;
    out->end = btx__add_length(start, length, unit);
}

int btx_window_total(const btx_administration *history, size_t n, int32_t substance,
                     btx_date start, int32_t length, int32_t unit, double *units)
{
    if (!units || (!history && n > 0))
        return BTX_EINVAL;
    if (!btx__substance_valid(substance) || unit < BTX_DAYS || unit > BTX_MONTHS || length < 1)
        return BTX_EINVAL;
    if (!btx__date_in_range(start) || !btx__length_valid(length, unit))
        return BTX_ERANGE;
    int rc = btx_validate_history(history, n, NULL);
    if (rc != BTX_OK)
        return rc;
    const btx_date end = btx__add_length(start, length, unit);
    const btx__filter f = {substance, 0};
    btx_milli t = 0;
    for (size_t i = 0; i < n; i++) {
        btx_milli m;
        if (history[i].date >= start && history[i].date < end && counts(&f, &history[i], &m))
            t += m;
    }
    *units = btx__units_from_milli(t);
    return BTX_OK;
}

int btx_headroom(const btx_patient *patient, const btx_policy *policy,
                 const btx_administration *history, size_t n, int32_t product,
                 int32_t indication, btx_date date, double *units)
{
    if (!units || (!history && n > 0))
        return BTX_EINVAL;
    btx__patient pat;
    btx__policy pol;
    int rc = btx__load_patient(patient, &pat);
    if (rc == BTX_OK)
        rc = btx__load_policy(policy, &pol);
    if (rc != BTX_OK)
        return rc;
    if (!btx__product_valid(product) || (indication != 0 && !btx__indication_valid(indication)))
        return BTX_EINVAL;
    if (!btx__date_in_range(date))
        return BTX_ERANGE;
    int32_t field;
    rc = btx__check_patient_on(patient, date, &field);
    if (rc == BTX_OK)
        rc = btx_validate_history(history, n, NULL);
    if (rc != BTX_OK)
        return rc;

    btx__window_check checks[2];
    const size_t k = btx__window_checks(&pat, &pol, product, indication, date, checks);
    double result = INFINITY;
    for (size_t i = 0; i < k; i++) {
        if (checks[i].weight_missing)
            return BTX_EWEIGHT;
        btx_date lo, hi;
        btx__window_span(date, date, checks[i].length, checks[i].unit, &lo, &hi);
        btx__src src;
        const btx__filter f = {checks[i].rule->substance, checks[i].rule->indication};
        btx__src_init(&src, history, n, f, lo, hi);
        btx__worst w;
        btx__window_worst(&src, date, checks[i].length, checks[i].unit, checks[i].limit, &w);
        btx_milli left = checks[i].limit - w.total;
        if (left < 0)
            left = 0;
        const double u = btx__units_from_milli(left);
        if (u < result)
            result = u;
    }
    *units = result;
    return BTX_OK;
}
