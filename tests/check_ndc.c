/* SPDX-License-Identifier: Apache-2.0 */
/*
 * btx_product_from_ndc: every sourced package NDC in every accepted layout, samples and
 * bulk substance refused, malformed codes refused, and the package table checked row by
 * row against the list typed here from the sources of docs/billing.md (so an NDC that
 * is in the library but not in a source, or the reverse, fails).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "internal.h"

typedef struct ndc_fact {
    const char *ndc10;   /* as labelled */
    const char *ndc11;   /* 5-4-2 with hyphens */
    int32_t product;
    int32_t units;       /* 0: size not confirmed */
} ndc_fact;

/* Finished packages [BP1, BP2, BP4, BP6, BP7, BP9, BP10, BP11, BP12, BP14, BP16, BP17, BP18]. */
static const ndc_fact finished[] = {
    {"0023-1145-01", "00023-1145-01", BTX_PRODUCT_BOTOX, 100},
    {"0023-3921-02", "00023-3921-02", BTX_PRODUCT_BOTOX, 200},
    {"85766-155-01", "85766-0155-01", BTX_PRODUCT_BOTOX, 100},
    {"85766-155-02", "85766-0155-02", BTX_PRODUCT_BOTOX, 100},
    {"0023-9232-01", "00023-9232-01", BTX_PRODUCT_BOTOX_COSMETIC, 100},
    {"0023-9232-02", "00023-9232-02", BTX_PRODUCT_BOTOX_COSMETIC, 100},
    {"15054-0530-6", "15054-0530-06", BTX_PRODUCT_DYSPORT, 300},
    {"15054-0500-1", "15054-0500-01", BTX_PRODUCT_DYSPORT, 500},
    {"0259-1605-01", "00259-1605-01", BTX_PRODUCT_XEOMIN, 50},
    {"0259-1610-01", "00259-1610-01", BTX_PRODUCT_XEOMIN, 100},
    {"0259-1620-01", "00259-1620-01", BTX_PRODUCT_XEOMIN, 200},
    {"0259-1620-10", "00259-1620-10", BTX_PRODUCT_XEOMIN, 200},
    {"46783-160-01", "46783-0160-01", BTX_PRODUCT_XEOMIN, 100},
    {"46783-160-10", "46783-0160-10", BTX_PRODUCT_XEOMIN, 100},
    {"72301-595-10", "72301-0595-10", BTX_PRODUCT_JEUVEAU, 100},
    {"72960-112-01", "72960-0112-01", BTX_PRODUCT_DAXXIFY, 100},
    {"81165-100-01", "81165-0100-01", BTX_PRODUCT_LETYBO, 100},
    {"10454-710-10", "10454-0710-10", BTX_PRODUCT_MYOBLOC, 2500},
    {"10454-711-10", "10454-0711-10", BTX_PRODUCT_MYOBLOC, 0},
    {"10454-712-10", "10454-0712-10", BTX_PRODUCT_MYOBLOC, 0},
};
#define N_FINISHED (sizeof finished / sizeof finished[0])

/* Well-formed, sourced, and not a finished package: a sample [BP12], bulk [BP19]. */
static const ndc_fact not_finished[] = {
    {"72960-112-02", "72960-0112-02", BTX_PRODUCT_DAXXIFY, 100},
    {"71956-202-01", "71956-0202-01", 0, 0},
};
#define N_NOT_FINISHED (sizeof not_finished / sizeof not_finished[0])

/* "00023-1145-01" -> "00023114501". */
static void strip(const char *in, char *out)
{
    for (; *in; in++)
        if (*in != '-')
            *out++ = *in;
    *out = '\0';
}

static void expect_ok(const char *code, int32_t product, int32_t units)
{
    int32_t p = -1;
    double u = -1;
    int rc = btx_product_from_ndc(code, &p, &u);
    ck_assert_msg(rc == BTX_OK, "\"%s\": %s", code, btx_strerror(rc));
    ck_assert_msg(p == product, "\"%s\": product %d, expected %d", code, p, product);
    ck_assert_msg(u == (double)units, "\"%s\": %g U, expected %d", code, u, units);
}

static void expect_error(const char *code, int want)
{
    int32_t p = 77;
    double u = 77;
    int rc = btx_product_from_ndc(code, &p, &u);
    ck_assert_msg(rc == want, "\"%s\": %s, expected %s", code, btx_strerror(rc),
                  btx_strerror(want));
    ck_assert_int_eq(p, 77);
    ck_assert(u == 77);
}

START_TEST(every_finished_package_in_every_form)
{
    char buf[64];
    for (size_t i = 0; i < N_FINISHED; i++) {
        const ndc_fact *f = &finished[i];
        expect_ok(f->ndc10, f->product, f->units);
        expect_ok(f->ndc11, f->product, f->units);
        strip(f->ndc11, buf);
        ck_assert_uint_eq(strlen(buf), 11);
        expect_ok(buf, f->product, f->units);
        snprintf(buf, sizeof buf, "  %s   ", f->ndc10);
        expect_ok(buf, f->product, f->units);
        snprintf(buf, sizeof buf, " %s", f->ndc11);
        expect_ok(buf, f->product, f->units);
    }
}
END_TEST

START_TEST(samples_and_bulk_are_not_packages)
{
    char buf[32];
    for (size_t i = 0; i < N_NOT_FINISHED; i++) {
        expect_error(not_finished[i].ndc10, BTX_ENOTFOUND);
        expect_error(not_finished[i].ndc11, BTX_ENOTFOUND);
        strip(not_finished[i].ndc11, buf);
        expect_error(buf, BTX_ENOTFOUND);
    }
}
END_TEST

START_TEST(well_formed_but_unknown)
{
    const char *codes[] = {
        "0023-3919-01",   /* BOTOX Cosmetic 50 U: its package code is not sourced [BP5] */
        "00023-3919-01",
        "0023-1145-02",   /* not a package of the table */
        "12345-678-90",
        "99999-9999-9",
        "9999-9999-99",
        "99999-9999-99",
        "99999999999",
        "15054-530-06",   /* Dysport 300 U in the wrong layout (it is 5-4-1) */
        "72960-0112-1",   /* Daxxify in a 5-4-1 layout it does not use */
        "00000-0000-00",
    };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        expect_error(codes[i], BTX_ENOTFOUND);
}
END_TEST

START_TEST(malformed)
{
    const char *codes[] = {
        "", " ", "   ",
        "0023114501",      /* ten digits without hyphens: ambiguous */
        "0023-1145-1",     /* 4-4-1 */
        "0023-11450-1",    /* 4-5-1 */
        "00023-1145-001",  /* 5-4-3 */
        "00023-114501",    /* one hyphen */
        "00023114-501",
        "000231145010",    /* twelve digits */
        "0002311450",
        "-0023-1145-01", "0023-1145-01-", "0023--1145-01", "0023-1145--01",
        "0023-1145-01x", "0023-1145-0l", "0023 1145 01", "0023_1145_01",
        "+0023-1145-01", "\t0023-1145-01", "0023-1145-01\n", "0023-1145-01\t",
        "0023-1145-01 0", "ndc 0023-1145-01", "\xEF\xBC\x90" "023-1145-01",
        "0023.1145.01", "0023-1145-01/", "0023\xE2\x80\x91" "1145-01",
    };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        expect_error(codes[i], BTX_EINVAL);
    int32_t p = 0;
    double u = 0;
    ck_assert_int_eq(btx_product_from_ndc(NULL, &p, &u), BTX_EINVAL);
    ck_assert_int_eq(btx_product_from_ndc("0023-1145-01", NULL, &u), BTX_EINVAL);
    ck_assert_int_eq(btx_product_from_ndc("0023-1145-01", &p, NULL), BTX_EINVAL);
}
END_TEST

/* The table against the list above: the same codes, products and sizes, nothing more;
 * every 11-digit form is its 10-digit form padded in the short segment [BN2]. */
START_TEST(table_is_the_sourced_list)
{
    size_t listed = 0;
    for (size_t i = 0; i < btx__package_row_count; i++) {
        const btx__package_row *r = &btx__package_rows[i];
        ck_assert_ptr_nonnull(r->ndc10);
        ck_assert_ptr_nonnull(r->source);
        ck_assert_ptr_nonnull(strstr(r->source, "[BP"));
        ck_assert(r->evidence == BTX_EVIDENCE_LABEL || r->evidence == BTX_EVIDENCE_SECONDARY);
        if (r->ndc11 == NULL) {
            /* Only BOTOX Cosmetic 50 U: a product code without a package code [BP5]. */
            ck_assert_str_eq(r->ndc10, "0023-3919");
            ck_assert_int_eq(r->product, BTX_PRODUCT_BOTOX_COSMETIC);
            ck_assert_int_eq(r->units, 50);
            ck_assert_int_eq(r->kind, BTX__PACKAGE_FINISHED);
            continue;
        }
        /* Pad the 10-digit form by its layout and compare. */
        int len[3] = {0, 0, 0}, g = 0;
        char raw[16];
        int n = 0;
        for (const char *c = r->ndc10; *c; c++) {
            if (*c == '-')
                g++;
            else {
                raw[n++] = *c;
                len[g]++;
            }
        }
        ck_assert_int_eq(g, 2);
        ck_assert_int_eq(n, 10);
        char padded[12];
        int at = len[0] == 4 ? 0 : len[1] == 3 ? 5 : 9;
        ck_assert(len[0] + len[1] + len[2] == 10);
        memcpy(padded, raw, (size_t)at);
        padded[at] = '0';
        memcpy(padded + at + 1, raw + at, (size_t)(10 - at));
        padded[11] = '\0';
        ck_assert_str_eq(padded, r->ndc11);

        const ndc_fact *f = NULL;
        int kind = 0;
        for (size_t k = 0; k < N_FINISHED; k++)
            if (strcmp(finished[k].ndc10, r->ndc10) == 0)
                f = &finished[k], kind = BTX__PACKAGE_FINISHED;
        for (size_t k = 0; k < N_NOT_FINISHED; k++)
            if (strcmp(not_finished[k].ndc10, r->ndc10) == 0)
                f = &not_finished[k], kind = -1;
        ck_assert_msg(f != NULL, "%s is in the table but not in the sourced list", r->ndc10);
        char eleven[12];
        strip(f->ndc11, eleven);
        ck_assert_str_eq(eleven, r->ndc11);
        ck_assert_int_eq(r->product, f->product);
        ck_assert_int_eq(r->units, f->units);
        if (kind == BTX__PACKAGE_FINISHED)
            ck_assert_int_eq(r->kind, BTX__PACKAGE_FINISHED);
        else
            ck_assert(r->kind == BTX__PACKAGE_SAMPLE || r->kind == BTX__PACKAGE_BULK);
        listed++;
    }
    ck_assert_uint_eq(listed, N_FINISHED + N_NOT_FINISHED);
}
END_TEST

Suite *ndc_suite(void);
Suite *ndc_suite(void)
{
    Suite *s = suite_create("ndc");
    TCase *tc = tcase_create("ndc");
    tcase_add_test(tc, every_finished_package_in_every_form);
    tcase_add_test(tc, samples_and_bulk_are_not_packages);
    tcase_add_test(tc, well_formed_but_unknown);
    tcase_add_test(tc, malformed);
    tcase_add_test(tc, table_is_the_sourced_list);
    suite_add_tcase(s, tc);
    return s;
}
