/* SPDX-License-Identifier: Apache-2.0 */
/* Compiled twice by nodiscard.sh: as it is, it must compile; with -DIGNORE_RESULT, which
 * drops the status of a call on the floor, BTX_NODISCARD must make it fail. */
#include <btxdose/btxdose.h>

int btx_nodiscard_test(void);
int btx_nodiscard_test(void)
{
    btx_date d = BTX_DATE_UNKNOWN;
#ifdef IGNORE_RESULT
    btx_date_parse("2026-03-02", &d);
#else
    if (btx_date_parse("2026-03-02", &d) != BTX_OK)
        return -1;
#endif
    return d == BTX_DATE_UNKNOWN;
}
