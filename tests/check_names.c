/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Every public enum has a stable name function (1.2 adds population, category, interval
 * unit and kind, evidence and audit flag). Expected names are typed from the headers'
 * documentation; every value outside the set is "unknown".
 */
#include <check.h>
#include <string.h>

#include <btxdose/btxdose.h>

typedef const char *(*name_fn)(int32_t);

typedef struct named {
    int32_t value;
    const char *name;
} named;

/* Each value gives its name, the names differ, and values around the set are
 * "unknown". */
static void check_names(const char *what, name_fn fn, const named *set, size_t n,
                        const int32_t *outside, size_t n_outside)
{
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(strcmp(fn(set[i].value), set[i].name) == 0, "%s(%d) = \"%s\", want \"%s\"",
                      what, (int)set[i].value, fn(set[i].value), set[i].name);
        for (size_t j = 0; j < i; j++)
            ck_assert_str_ne(fn(set[i].value), fn(set[j].value));
        ck_assert_str_ne(set[i].name, "unknown");
    }
    for (size_t i = 0; i < n_outside; i++)
        ck_assert_msg(strcmp(fn(outside[i]), "unknown") == 0, "%s(%d) = \"%s\"", what,
                      (int)outside[i], fn(outside[i]));
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

START_TEST(population_names)
{
    static const named set[] = {{BTX_ADULT, "adult"}, {BTX_PEDIATRIC, "pediatric"}};
    static const int32_t out[] = {0, 3, -1, INT32_MIN, INT32_MAX};
    check_names("btx_population_name", btx_population_name, set, COUNT(set), out, COUNT(out));
}
END_TEST

START_TEST(category_names)
{
    static const named set[] = {{BTX_CATEGORY_THERAPEUTIC, "therapeutic"},
                                {BTX_CATEGORY_COSMETIC, "cosmetic"}};
    static const int32_t out[] = {0, 3, -2, INT32_MIN, INT32_MAX};
    check_names("btx_category_name", btx_category_name, set, COUNT(set), out, COUNT(out));
}
END_TEST

START_TEST(interval_names)
{
    static const named units[] = {{BTX_DAYS, "days"}, {BTX_WEEKS, "weeks"}, {BTX_MONTHS, "months"}};
    static const int32_t out_units[] = {0, 4, -1, INT32_MIN, INT32_MAX};
    check_names("btx_interval_unit_name", btx_interval_unit_name, units, COUNT(units),
                out_units, COUNT(out_units));
    static const named kinds[] = {{BTX_INTERVAL_MINIMUM, "minimum"},
                                  {BTX_INTERVAL_SCHEDULE, "schedule"}};
    static const int32_t out_kinds[] = {0, 3, -1, INT32_MIN, INT32_MAX};
    check_names("btx_interval_kind_name", btx_interval_kind_name, kinds, COUNT(kinds),
                out_kinds, COUNT(out_kinds));
}
END_TEST

START_TEST(evidence_names)
{
    static const named set[] = {{BTX_EVIDENCE_LABEL, "label"},
                                {BTX_EVIDENCE_SECONDARY, "secondary"}};
    static const int32_t out[] = {0, 3, -1, INT32_MIN, INT32_MAX};
    check_names("btx_evidence_name", btx_evidence_name, set, COUNT(set), out, COUNT(out));
    /* The evidence of a protocol has a name. */
    btx_protocol p = BTX_PROTOCOL_INIT;
    ck_assert_int_eq(btx_protocol_lookup(BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE,
                                         BTX_ADULT, &p),
                     BTX_OK);
    ck_assert_str_ne(btx_evidence_name(p.evidence), "unknown");
    ck_assert_str_ne(btx_interval_unit_name(p.interval_unit), "unknown");
    ck_assert_str_ne(btx_interval_kind_name(p.interval_kind), "unknown");
    ck_assert_str_eq(btx_category_name(p.category), "therapeutic");
    ck_assert_str_eq(btx_population_name(p.population), "adult");
}
END_TEST

START_TEST(audit_flag_names)
{
    static const named set[] = {
        {BTX_AUDIT_OVER_WINDOW, "over_window"},   {BTX_AUDIT_TOO_SOON, "too_soon"},
        {BTX_AUDIT_SCHEDULE, "schedule"},         {BTX_AUDIT_OVER_SESSION, "over_session"},
        {BTX_AUDIT_NOT_LABELLED, "not_labelled"}, {BTX_AUDIT_NOT_CHECKED, "not_checked"}};
    /* 0, two bits at once, the next bit, a negative value. */
    static const int32_t out[] = {0, BTX_AUDIT_OVER_WINDOW | BTX_AUDIT_TOO_SOON, 3, 64, -1,
                                  INT32_MIN, INT32_MAX};
    check_names("btx_audit_flag_name", btx_audit_flag_name, set, COUNT(set), out, COUNT(out));
    /* The six flags are the six low bits: every single bit below 64 has a name. */
    for (int32_t bit = 1; bit < 64; bit <<= 1)
        ck_assert_str_ne(btx_audit_flag_name(bit), "unknown");
}
END_TEST

Suite *names_suite(void);
Suite *names_suite(void)
{
    Suite *s = suite_create("names");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, population_names);
    tcase_add_test(tc, category_names);
    tcase_add_test(tc, interval_names);
    tcase_add_test(tc, evidence_names);
    tcase_add_test(tc, audit_flag_names);
    suite_add_tcase(s, tc);
    return s;
}
