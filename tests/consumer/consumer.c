/* SPDX-License-Identifier: Apache-2.0 */
/* A tiny program an integrator would write: it must build against an installed
 * libbtxdose both through pkg-config and through find_package(btxdose). */
#include <btxdose/btxdose.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    btx_date d;
    char buf[BTX_DATE_FORMAT_SIZE];
    if (btx_version_number() / 10000 != BTXDOSE_VERSION_MAJOR)
        return 1;
    if (btx_date_parse("2025-11-30", &d) != BTX_OK || btx_date_add_months(d, 3, &d) != BTX_OK)
        return 2;
    if (btx_date_format(d, buf, sizeof buf) != BTX_OK || strcmp(buf, "2026-02-28") != 0)
        return 3;
    printf("libbtxdose %s: 2025-11-30 + 3 months = %s\n", btx_version(), buf);
    return 0;
}
