/* SPDX-License-Identifier: Apache-2.0 */
/* Version, data version and error text. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include <btxdose/btxdose.h>

START_TEST(version_matches_header)
{
    char expect[32];
    snprintf(expect, sizeof expect, "%d.%d.%d", BTXDOSE_VERSION_MAJOR, BTXDOSE_VERSION_MINOR,
             BTXDOSE_VERSION_PATCH);
    ck_assert_str_eq(btx_version(), expect);
    ck_assert_str_eq(btx_version(), BTXDOSE_VERSION_STRING);
    ck_assert_int_eq(btx_version_number(), BTXDOSE_VERSION_MAJOR * 10000 +
                                               BTXDOSE_VERSION_MINOR * 100 + BTXDOSE_VERSION_PATCH);
    ck_assert_int_eq(btx_version_number(), BTXDOSE_VERSION_NUMBER);
}
END_TEST

START_TEST(data_version_names_labels)
{
    const char *v = btx_data_version();
    ck_assert_ptr_nonnull(v);
    ck_assert_ptr_nonnull(strstr(v, "BOTOX"));
    ck_assert_ptr_nonnull(strstr(v, "BOTOX Cosmetic"));
}
END_TEST

START_TEST(error_codes_pinned)
{
    ck_assert_int_eq(BTX_OK, 0);
    ck_assert_int_eq(BTX_EINVAL, -1);
    ck_assert_int_eq(BTX_ERANGE, -2);
    ck_assert_int_eq(BTX_ENOTFOUND, -3);
    ck_assert_int_eq(BTX_ENOSPC, -4);
    ck_assert_int_eq(BTX_EPARSE, -5);
    ck_assert_int_eq(BTX_EVERSION, -6);
    ck_assert_int_eq(BTX_ENEVER, -7);
    ck_assert_int_eq(BTX_EWEIGHT, -8);
}
END_TEST

START_TEST(strerror_never_null_and_distinct)
{
    const char *seen[9];
    for (int code = 0; code >= -8; code--) {
        const char *s = btx_strerror(code);
        ck_assert_ptr_nonnull(s);
        ck_assert_int_gt((int)strlen(s), 0);
        ck_assert_str_ne(s, "unknown error");
        for (int k = 0; k < -code; k++)
            ck_assert_str_ne(s, seen[k]);
        seen[-code] = s;
    }
    ck_assert_str_eq(btx_strerror(-9), "unknown error");
    ck_assert_str_eq(btx_strerror(1), "unknown error");
    ck_assert_str_eq(btx_strerror(-2147483647 - 1), "unknown error");
}
END_TEST

Suite *version_suite(void);
Suite *version_suite(void)
{
    Suite *s = suite_create("version");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, version_matches_header);
    tcase_add_test(tc, data_version_names_labels);
    tcase_add_test(tc, error_codes_pinned);
    tcase_add_test(tc, strerror_never_null_and_distinct);
    suite_add_tcase(s, tc);
    return s;
}
