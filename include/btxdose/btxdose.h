/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file btxdose.h
 * @brief libbtxdose: botulinum-toxin protocol lookup, cumulative-dose accounting and
 * re-treatment-interval checks, with the label source of every number.
 *
 * Include this header alone. The library is pure C11: no allocation, no global or
 * thread-local state, no I/O, no locale, no clock, no initialisation function. Every
 * function is reentrant and may be called from any thread at any time; inputs are
 * borrowed for the duration of a call; every string it returns is static and never
 * freed by the caller.
 *
 * Fallible functions return #BTX_OK (0) or a negative #btx_error code and write their
 * results through out-parameters. Clinical verdicts are data (#btx_finding), never
 * error codes.
 */
#ifndef BTXDOSE_H
#define BTXDOSE_H

#include "export.h"
#include "btxdose/version.h" /* generated from version.h.in (in a build tree: its include dir) */
#include "error.h"
#include "date.h"
#include "catalog.h"
#include "protocol.h"
#include "record.h"
#include "window.h"
#include "rule.h"
#include "evaluate.h"
#include "audit.h"
#include "validate.h"
#include "billing.h"

#endif /* BTXDOSE_H */
