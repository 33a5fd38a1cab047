/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file error.h
 * @brief Error codes returned by every fallible function, and their text.
 *
 * Fallible functions return #BTX_OK (0) or one negative code below. Codes are never
 * renumbered; new ones may be added, so treat any other negative value as failure.
 *
 * THREAD SAFETY: pure functions, callable from any thread.
 */
#ifndef BTXDOSE_ERROR_H
#define BTXDOSE_ERROR_H

#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Status codes. Values are part of the ABI. */
typedef enum btx_error {
    BTX_OK = 0,        /**< Success. */
    BTX_EINVAL = -1,   /**< NULL, malformed or out-of-set argument, non-zero reserved field. */
    BTX_ERANGE = -2,   /**< Date or units outside the supported range, NaN, negative; a birth date after the date checked. */
    BTX_ENOTFOUND = -3,/**< No such name, code mapping or protocol. */
    BTX_ENOSPC = -4,   /**< Caller's buffer or array too small; the size needed is reported. */
    BTX_EPARSE = -5,   /**< Text that is not a well-formed value. */
    BTX_EVERSION = -6, /**< A struct_size the library cannot accept. */
    BTX_ENEVER = -7,   /**< A proposed dose can never be allowed. */
    BTX_EWEIGHT = -8   /**< A weight-based limit applies and no usable weight was given. */
} btx_error;

/**
 * @brief Static English text for a status code.
 * @param[in] code A value returned by a libbtxdose function.
 * @return A static string, never NULL: "unknown error" for a code the library does not know.
 * @since 1.0
 */
BTX_API const char *btx_strerror(int code);

#ifdef __cplusplus
}
#endif

#endif /* BTXDOSE_ERROR_H */
