/* SPDX-License-Identifier: Apache-2.0 */
/* Library and data versions. */
#include "internal.h"

/* btxdose/version.h is generated from the CMake project version (docs/abi.md), so the
 * header and the build agree by construction. The SONAME is libbtxdose.so.1. */
_Static_assert(BTXDOSE_VERSION_MAJOR == 1, "a new major version needs a new SONAME");

const char *btx_version(void)
{
    return BTXDOSE_VERSION_STRING;
}

int btx_version_number(void)
{
    return BTXDOSE_VERSION_NUMBER;
}

const char *btx_data_version(void)
{
    /* Changes together with every table in lib/, docs/clinical-data.md and the labels of
     * docs/sources.md. */
    return "US labels 2024-12: BOTOX PI rev. 2023-11 (supplements to 2024-10), "
           "BOTOX Cosmetic PI rev. 2024-10, Dysport PI (revision not seen), "
           "Xeomin PI 2021, Jeuveau PI rev. 2023-04, Daxxify PI rev. 2023-09, "
           "Letybo PI 2024, Myobloc PI (revision not seen)";
}
