/* SPDX-License-Identifier: Apache-2.0 */
/* Shared main for every Check suite: each test program is this file plus one
 * check_<concept>.c, named by BTX_SUITE at compile time. Fails when no test ran. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

Suite *BTX_SUITE(void);

int main(void)
{
    SRunner *sr = srunner_create(BTX_SUITE());
    srunner_run_all(sr, CK_ENV);
    int run = srunner_ntests_run(sr);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    if (run == 0) {
        fprintf(stderr, "no test ran (CK_RUN_SUITE/CK_RUN_CASE filter matches nothing?)\n");
        return EXIT_FAILURE;
    }
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
