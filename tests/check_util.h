/* SPDX-License-Identifier: Apache-2.0 */
/* Small helpers shared by the Check suites. */
#ifndef BTX_CHECK_UTIL_H
#define BTX_CHECK_UTIL_H

#include <check.h>

#include <btxdose/btxdose.h>

/* The day count of a civil date, which must be valid (the test fails otherwise). */
static inline btx_date ymd(int32_t y, int32_t m, int32_t d)
{
    btx_date out = 0;
    ck_assert_int_eq(btx_date_from_ymd(y, m, d, &out), BTX_OK);
    return out;
}

/* An administration record with no flags. */
static inline btx_administration rec(btx_date d, int32_t product, int32_t indication,
                                     double units)
{
    btx_administration a = {d, product, indication, 0, units};
    return a;
}

#endif
