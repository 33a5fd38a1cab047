/* SPDX-License-Identifier: Apache-2.0 */
/* Re-treatment intervals and policy spacing (docs/semantics.md, "Re-treatment intervals").
 *
 * A proposal on D passes an interval I iff the previous session P (latest before D)
 * has P + I <= D and the next one N (earliest after D) has D + I <= N. A session on D
 * itself is the one the proposal joins. Policy spacing applies the same test to visits
 * (any indication) of the substance. */
#include "internal.h"

void btx__neighbours(const btx_administration *history, size_t n, int32_t substance,
                     int32_t indication, btx_date d, btx_date *prev, btx_date *next)
{
    *prev = INT32_MIN;
    *next = INT32_MAX;
    for (size_t i = 0; i < n; i++) {
        const btx_administration *a = &history[i];
        if (btx__substance_of(a->product) != substance)
            continue;
        if (indication != 0 && a->indication != indication)
            continue;
        if (a->date < d && a->date > *prev)
            *prev = a->date;
        if (a->date > d && a->date < *next)
            *next = a->date;
    }
}

int btx__interval_test(btx_date prev, btx_date next, btx_date d, int32_t length, int32_t unit,
                       btx_date *retry)
{
    btx_date after = d;
    int pass = 1;
    if (prev != INT32_MIN && btx__add_length(prev, length, unit) > d) {
        /* Every date before prev + I fails against prev or a later session. */
        pass = 0;
        after = btx__add_length(prev, length, unit);
    }
    if (next != INT32_MAX && btx__add_length(d, length, unit) > next) {
        /* Every date up to next fails against next: join it, or go past it. */
        pass = 0;
        if (next > after)
            after = next;
    }
    if (retry)
        *retry = after;
    return pass;
}
