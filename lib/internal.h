/*
 * Internals shared between the library's source files. Never installed; nothing here
 * is exported (the version script and hidden visibility keep it so).
 */
#ifndef BTXDOSE_INTERNAL_H
#define BTXDOSE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "btxdose/btxdose.h"

/* ---- dates (date.c) ----
 * The unchecked helpers work on any day count a window or interval end can reach
 * (years -10000..10000), so window ends past 2199-12-31 need no special case. */
int32_t btx__days_from_civil(int32_t y, int32_t m, int32_t d);
void btx__civil_from_days(int32_t days, int32_t *y, int32_t *m, int32_t *d);
int32_t btx__days_in_month(int32_t y, int32_t m);
int btx__date_in_range(btx_date d);
btx_date btx__add_months(btx_date d, int32_t n);
/* Completed years of age on day d for a birth date (29 February birthdays fall on
 * 28 February in common years). */
int32_t btx__age_years(btx_date birth, btx_date d);
/* The day a person born on birth turns years old. */
btx_date btx__birthday(btx_date birth, int32_t years);

#endif /* BTXDOSE_INTERNAL_H */
