/**
 * @file version.h
 * @brief Library version and clinical data version.
 *
 * THREAD SAFETY: every function here is pure and may be called from any thread.
 */
#ifndef BTXDOSE_VERSION_H
#define BTXDOSE_VERSION_H

#include "export.h"

/** @brief Major version: changes only with an incompatible ABI (a new SONAME). */
#define BTXDOSE_VERSION_MAJOR 1
/** @brief Minor version: grows when symbols or enum values are added. */
#define BTXDOSE_VERSION_MINOR 1
/** @brief Patch version: fixes that change no interface. */
#define BTXDOSE_VERSION_PATCH 0
/** @brief The version as text, "MAJOR.MINOR.PATCH". */
#define BTXDOSE_VERSION_STRING "1.1.0"
/** @brief The version as one number: major*10000 + minor*100 + patch. */
#define BTXDOSE_VERSION_NUMBER \
    (BTXDOSE_VERSION_MAJOR * 10000 + BTXDOSE_VERSION_MINOR * 100 + BTXDOSE_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Version of the library that is running, e.g. "1.0.0".
 * @return A static string, never NULL; the caller does not free it.
 * @since 1.0
 */
BTX_API const char *btx_version(void);

/**
 * @brief Version of the running library as major*10000 + minor*100 + patch.
 *
 * Compare it with #BTXDOSE_VERSION_NUMBER to detect a header/library mismatch.
 * @return The version number, e.g. 10000 for 1.0.0.
 * @since 1.0
 */
BTX_API int btx_version_number(void);

/**
 * @brief Names the clinical data set compiled into the library.
 *
 * The string names the label revisions the tables were taken from; it changes
 * whenever a number in the tables changes.
 * @return A static string, never NULL; the caller does not free it.
 * @since 1.0
 */
BTX_API const char *btx_data_version(void);

#ifdef __cplusplus
}
#endif

#endif /* BTXDOSE_VERSION_H */
