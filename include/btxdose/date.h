/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file date.h
 * @brief Civil dates: days since 1970-01-01 in the proleptic Gregorian calendar.
 *
 * A #btx_date is a plain day count with no time of day and no time zone: the caller
 * decides which calendar day an administration belongs to. Valid dates run from
 * 1900-01-01 (#BTX_DATE_MIN) to 2199-12-31 (#BTX_DATE_MAX); every public function
 * refuses a date outside that range with #BTX_ERANGE.
 *
 * THREAD SAFETY: pure functions, callable from any thread; no locale, no clock.
 */
#ifndef BTXDOSE_DATE_H
#define BTXDOSE_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A calendar day: days since 1970-01-01 (negative before it). */
typedef int32_t btx_date;

/** @brief "No date": a birth date or weight date that is not known. */
#define BTX_DATE_UNKNOWN INT32_MIN
/** @brief 1900-01-01, the first supported date. */
#define BTX_DATE_MIN (-25567)
/** @brief 2199-12-31, the last supported date. */
#define BTX_DATE_MAX 84005
/** @brief Buffer size #btx_date_format needs: "YYYY-MM-DD" and its terminating NUL. */
#define BTX_DATE_FORMAT_SIZE 11

/**
 * @brief Builds a date from year, month and day.
 * @param[in]  y   Year, e.g. 2025.
 * @param[in]  m   Month, 1..12.
 * @param[in]  d   Day of the month, 1..28/29/30/31.
 * @param[out] out The date.
 * @return #BTX_OK; #BTX_EINVAL for a NULL @p out or a month or day that does not exist
 *         (2025-02-29); #BTX_ERANGE for a real date outside 1900-01-01..2199-12-31.
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_date_from_ymd(int32_t y, int32_t m, int32_t d, btx_date *out);

/**
 * @brief Splits a date into year, month and day.
 * @param[in]  date A date in the supported range.
 * @param[out] y    Year.
 * @param[out] m    Month, 1..12.
 * @param[out] d    Day, 1..31.
 * @return #BTX_OK; #BTX_EINVAL for a NULL pointer; #BTX_ERANGE for a date outside the range
 *         (including #BTX_DATE_UNKNOWN).
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_date_to_ymd(btx_date date, int32_t *y, int32_t *m, int32_t *d);

/**
 * @brief Parses a strict ISO 8601 calendar date, "YYYY-MM-DD".
 *
 * Exactly four ASCII digits, '-', two digits, '-', two digits; nothing before or after
 * (no spaces, no sign, no time part).
 * @param[in]  text NUL-terminated text; borrowed for the call.
 * @param[out] out  The date.
 * @return #BTX_OK; #BTX_EINVAL for a NULL pointer; #BTX_EPARSE for text that is not such a
 *         date or names a day that does not exist ("2025-02-29", "2025-13-01");
 *         #BTX_ERANGE for a real date outside 1900-01-01..2199-12-31.
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_date_parse(const char *text, btx_date *out);

/**
 * @brief Writes a date as "YYYY-MM-DD" and a terminating NUL.
 * @param[in]  date A date in the supported range.
 * @param[out] buf  Caller's buffer.
 * @param[in]  size Size of @p buf in bytes; needs #BTX_DATE_FORMAT_SIZE (11).
 * @return #BTX_OK; #BTX_EINVAL for a NULL @p buf; #BTX_ERANGE for a date outside the range;
 *         #BTX_ENOSPC when @p size is below 11 (then only buf[0] is written, as NUL, when
 *         @p size is at least 1; nothing is ever written past @p size).
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_date_format(btx_date date, char *buf, size_t size);

/**
 * @brief Adds a number of days (negative to go back).
 * @param[in]  date A date in the supported range.
 * @param[in]  n    Days to add.
 * @param[out] out  The result.
 * @return #BTX_OK; #BTX_EINVAL for a NULL @p out; #BTX_ERANGE when @p date or the result is
 *         outside the range.
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_date_add_days(btx_date date, int32_t n, btx_date *out);

/**
 * @brief Adds calendar months (negative to go back), clamping the day to the month's end.
 *
 * 2025-11-30 + 3 months = 2026-02-28; 2024-01-31 + 1 month = 2024-02-29;
 * 2025-03-31 - 1 month = 2025-02-28.
 * @param[in]  date A date in the supported range.
 * @param[in]  n    Months to add.
 * @param[out] out  The result.
 * @return #BTX_OK; #BTX_EINVAL for a NULL @p out; #BTX_ERANGE when @p date or the result is
 *         outside the range.
 * @since 1.0
 */
BTX_NODISCARD BTX_API int btx_date_add_months(btx_date date, int32_t n, btx_date *out);

#ifdef __cplusplus
}
#endif

#endif /* BTXDOSE_DATE_H */
