/* SPDX-License-Identifier: Apache-2.0 */
/* Static text for every status code. */
#include "internal.h"

const char *btx_strerror(int code)
{
    switch (code) {
    case BTX_OK: return "success";
    case BTX_EINVAL: return "invalid argument (NULL, malformed or out-of-set value, or non-zero reserved field)";
    case BTX_ERANGE: return "value out of range (date outside 1900-01-01..2199-12-31, birth date after the date checked, or units NaN, infinite, negative or above 100000)";
    case BTX_ENOTFOUND: return "not found (no such name, code mapping or protocol)";
    case BTX_ENOSPC: return "buffer or array too small";
    case BTX_EPARSE: return "text is not a well-formed value";
    case BTX_EVERSION: return "struct_size not acceptable (too small, or unknown trailing bytes not zero)";
    case BTX_ENEVER: return "the proposed dose can never be allowed";
    case BTX_EWEIGHT: return "a weight-based limit applies and no usable weight was given";
    default: return "unknown error";
    }
}
