/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzzer: name, substance, indication and ICD-10-CM lookups (catalog.h), the labelled
 * product of a substance, and every *_name function.
 * The input is the text looked up; invariants: known return codes, values inside their
 * sets, case and surrounding spaces never matter, names of values look up to the value. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef int (*lookup_fn)(const char *, int32_t *);

static void lookup(lookup_fn fn, const char *text, int32_t max, int *rc, int32_t *value)
{
    *value = -12345;
    *rc = fn(text, value);
    CHECK(*rc == BTX_OK || *rc == BTX_ENOTFOUND, "lookup rc %d", *rc);
    if (*rc == BTX_OK)
        CHECK(*value >= 1 && *value <= max, "value %d outside 1..%d", *value, max);
}

static void check_text(lookup_fn fn, const char *name, const char *text, size_t len,
                       int32_t max, char *scratch)
{
    int rc, rc2;
    int32_t v, v2;
    lookup(fn, text, max, &rc, &v);

    /* ASCII case never matters. */
    for (size_t i = 0; i <= len; i++) {
        char c = text[i];
        scratch[i] = c >= 'a' && c <= 'z' ? (char)(c - 32)
                   : c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
    lookup(fn, scratch, max, &rc2, &v2);
    CHECK(rc == rc2 && (rc != BTX_OK || v == v2), "%s: case changed the answer for \"%s\"",
          name, text);

    /* Surrounding spaces never matter. */
    scratch[0] = ' ';
    memcpy(scratch + 1, text, len);
    scratch[len + 1] = ' ';
    scratch[len + 2] = ' ';
    scratch[len + 3] = '\0';
    lookup(fn, scratch, max, &rc2, &v2);
    CHECK(rc == rc2 && (rc != BTX_OK || v == v2), "%s: spaces changed the answer for \"%s\"",
          name, text);
}

static void check_names(int32_t x)
{
    const char *s[] = {btx_product_name(x),     btx_substance_name(x), btx_indication_name(x),
                       btx_rule_name(x),        btx_finding_code_name(x), btx_status_name(x),
                       btx_severity_name(x),    btx_label_status_name(x), btx_strerror(x)};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        CHECK(s[i] != NULL && s[i][0] != '\0', "name %zu of %d", i, x);
    int32_t sub = btx_product_substance(x);
    if (x >= 1 && x <= 8) {
        CHECK(sub >= 1 && sub <= 7, "substance of %d", x);
        int32_t p = 0;
        CHECK(btx_product_lookup(btx_product_name(x), &p) == BTX_OK && p == x,
              "product name %d does not look up", x);
    } else {
        CHECK(sub == 0, "substance of unknown product %d is %d", x, sub);
        CHECK(strcmp(btx_product_name(x), "unknown") == 0, "product name %d", x);
    }
    if (x >= 1 && x <= 17) {
        int32_t i = 0;
        CHECK(btx_indication_lookup(btx_indication_name(x), &i) == BTX_OK && i == x,
              "indication name %d does not look up", x);
    } else {
        CHECK(strcmp(btx_indication_name(x), "unknown") == 0, "indication name %d", x);
    }
    if (x < 1 || x > 7)
        CHECK(strcmp(btx_substance_name(x), "unknown") == 0, "substance name %d", x);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *text = malloc(size + 1);
    char *scratch = malloc(size + 4);
    if (text == NULL || scratch == NULL) {
        free(text);
        free(scratch);
        return 0;
    }
    memcpy(text, data, size);
    text[size] = '\0';
    size_t len = strlen(text);
    check_text(btx_product_lookup, "product", text, len, 8, scratch);
    check_text(btx_indication_lookup, "indication", text, len, 17, scratch);
    check_text(btx_indication_from_icd10, "icd10", text, len, 17, scratch);
    check_text(btx_substance_lookup, "substance", text, len, 7, scratch);

    /* A substance found by name has a product for every indication, of that substance. */
    int32_t sub = 0;
    if (btx_substance_lookup(text, &sub) == BTX_OK) {
        for (int32_t ind = 0; ind <= 17; ind++) {
            int32_t prod = 0;
            CHECK(btx_product_for_indication(sub, ind, &prod) == BTX_OK &&
                      btx_product_substance(prod) == sub,
                  "product for substance %d, indication %d", sub, ind);
        }
    }

    /* A product found by its substance's name has that substance. */
    int32_t p = 0;
    if (btx_product_lookup(text, &p) == BTX_OK) {
        const char *substance_name = btx_substance_name(btx_product_substance(p));
        int32_t q = 0;
        if (btx_product_lookup(substance_name, &q) == BTX_OK)
            CHECK(btx_product_substance(q) == btx_product_substance(p), "substance");
    }
    free(text);
    free(scratch);

    fz f = {data, size};
    check_names(fz_i32(&f));
    check_names((int8_t)fz_u8(&f));

    int32_t v;
    CHECK(btx_product_lookup(NULL, &v) == BTX_EINVAL, "NULL name");
    CHECK(btx_product_lookup("Botox", NULL) == BTX_EINVAL, "NULL out");
    CHECK(btx_indication_lookup(NULL, &v) == BTX_EINVAL, "NULL name");
    CHECK(btx_indication_lookup("oab", NULL) == BTX_EINVAL, "NULL out");
    CHECK(btx_indication_from_icd10(NULL, &v) == BTX_EINVAL, "NULL code");
    CHECK(btx_indication_from_icd10("G24.3", NULL) == BTX_EINVAL, "NULL out");
    CHECK(btx_substance_lookup(NULL, &v) == BTX_EINVAL, "NULL name");
    CHECK(btx_substance_lookup("onabotulinumtoxinA", NULL) == BTX_EINVAL, "NULL out");
    CHECK(btx_product_for_indication(1, 10, NULL) == BTX_EINVAL, "NULL out");
    return 0;
}
