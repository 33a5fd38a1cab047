/* Library and data versions. */
#include "internal.h"

#ifndef BTX_VERSION_FROM_CMAKE
#define BTX_VERSION_FROM_CMAKE BTXDOSE_VERSION_STRING
#endif

/* The header and the build system must agree on the version. */
_Static_assert(BTXDOSE_VERSION_NUMBER == 10100, "update the version check below");

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
