/* SPDX-License-Identifier: Apache-2.0 */
/* Products, substances, indications: validity, names and lookups. Data in catalog_data.c.
 *
 * Text matching is byte-wise ASCII (no locale): surrounding ASCII spaces are ignored,
 * letters compare without case, anything else must match exactly. Inner spaces are not
 * collapsed, so "Botox  Cosmetic" (two spaces) is not a product. */
#include "internal.h"

int btx__product_valid(int32_t product)
{
    return product >= 1 && product <= BTX__PRODUCT_MAX;
}

int btx__indication_valid(int32_t indication)
{
    return indication >= 1 && indication <= BTX__INDICATION_MAX;
}

int btx__substance_valid(int32_t substance)
{
    return substance >= 1 && substance <= BTX__SUBSTANCE_MAX;
}

int32_t btx__substance_of(int32_t product)
{
    return btx__product_valid(product) ? btx__product_substances[product] : 0;
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static char ascii_upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* The text between surrounding ASCII spaces: [*begin, *end). */
static void trim_spaces(const char *text, const char **begin, const char **end)
{
    const char *b = text;
    while (*b == ' ')
        b++;
    const char *e = b;
    for (const char *p = b; *p != '\0'; p++)
        if (*p != ' ')
            e = p + 1;
    *begin = b;
    *end = e;
}

/* Product spelling: case folded only. */
static char fold_product(char c)
{
    return ascii_lower(c);
}

/* Indication spelling: case folded, spaces and hyphens read as underscores. */
static char fold_indication(char c)
{
    return c == ' ' || c == '-' ? '_' : ascii_lower(c);
}

/* Does [b, e), folded, equal the NUL-terminated normalised form `want`? */
static int span_equals(const char *b, const char *e, const char *want, char (*fold)(char))
{
    for (; b < e; b++, want++) {
        if (*want == '\0' || fold(*b) != *want)
            return 0;
    }
    return *want == '\0';
}

/* The same, folding `want` too (for display names and keys kept in their own case). */
static int span_equals_folded(const char *b, const char *e, const char *want,
                              char (*fold)(char))
{
    for (; b < e; b++, want++) {
        if (*want == '\0' || fold(*b) != fold(*want))
            return 0;
    }
    return *want == '\0';
}

const char *btx_product_name(int32_t product)
{
    return btx__product_names[btx__product_valid(product) ? product : 0];
}

int32_t btx_product_substance(int32_t product)
{
    return btx__substance_of(product);
}

const char *btx_substance_name(int32_t substance)
{
    return btx__substance_names[btx__substance_valid(substance) ? substance : 0];
}

const char *btx_indication_name(int32_t indication)
{
    return btx__indication_names[btx__indication_valid(indication) ? indication : 0];
}

int btx_product_lookup(const char *name, int32_t *product)
{
    if (name == NULL || product == NULL)
        return BTX_EINVAL;
    const char *b, *e;
    trim_spaces(name, &b, &e);
    if (b == e)
        return BTX_ENOTFOUND;
    for (int32_t p = 1; p <= BTX__PRODUCT_MAX; p++) {
        if (span_equals_folded(b, e, btx__product_names[p], fold_product)) {
            *product = p;
            return BTX_OK;
        }
    }
    for (size_t i = 0; i < btx__product_alias_count; i++) {
        if (span_equals(b, e, btx__product_aliases[i].text, fold_product)) {
            *product = btx__product_aliases[i].value;
            return BTX_OK;
        }
    }
    return BTX_ENOTFOUND;
}

int btx_indication_lookup(const char *name, int32_t *indication)
{
    if (name == NULL || indication == NULL)
        return BTX_EINVAL;
    const char *b, *e;
    trim_spaces(name, &b, &e);
    if (b == e)
        return BTX_ENOTFOUND;
    for (int32_t i = 1; i <= BTX__INDICATION_MAX; i++) {
        if (span_equals_folded(b, e, btx__indication_names[i], fold_indication)) {
            *indication = i;
            return BTX_OK;
        }
    }
    for (size_t i = 0; i < btx__indication_alias_count; i++) {
        if (span_equals(b, e, btx__indication_aliases[i].text, fold_indication)) {
            *indication = btx__indication_aliases[i].value;
            return BTX_OK;
        }
    }
    return BTX_ENOTFOUND;
}

/* Is the normalised (upper-case) code [b, e) in the family whose first prefix_len
 * characters are `prefix`: the prefix itself, or the prefix followed by digits only? */
static int in_family(const char *b, const char *e, const char *prefix, size_t prefix_len)
{
    if ((size_t)(e - b) < prefix_len)
        return 0;
    for (size_t k = 0; k < prefix_len; k++)
        if (b[k] != prefix[k])
            return 0;
    for (const char *p = b + prefix_len; p < e; p++)
        if (*p < '0' || *p > '9')
            return 0;
    return 1;
}

/* Does the normalised code [b, e) match an ICD-10-CM row? A row text ending in '*' is a
 * family (catalog_data.c); any other row is one code. */
static int icd10_row_matches(const char *b, const char *e, const char *text)
{
    size_t len = 0;
    while (text[len] != '\0')
        len++;
    if (len > 0 && text[len - 1] == '*')
        return in_family(b, e, text, len - 1);
    return span_equals(b, e, text, ascii_upper);
}

int btx_indication_from_icd10(const char *code, int32_t *indication)
{
    if (code == NULL || indication == NULL)
        return BTX_EINVAL;
    const char *b, *e;
    trim_spaces(code, &b, &e);
    /* Normalise into a small buffer: upper case, the one optional dot only after the
     * three-character category (G43.701 or G43701). The longest code is 7 characters. */
    char buf[8];
    size_t n = 0;
    int dot = 0;
    for (const char *p = b; p < e; p++) {
        if (*p == '.') {
            if (dot || n != 3 || p + 1 == e)
                return BTX_ENOTFOUND;
            dot = 1;
            continue;
        }
        if (n + 1 >= sizeof buf)
            return BTX_ENOTFOUND;
        buf[n++] = ascii_upper(*p);
    }
    buf[n] = '\0';
    for (size_t i = 0; i < btx__icd10_row_count; i++) {
        if (icd10_row_matches(buf, buf + n, btx__icd10_rows[i].text)) {
            *indication = btx__icd10_rows[i].value;
            return BTX_OK;
        }
    }
    return BTX_ENOTFOUND;
}

int btx_substance_lookup(const char *name, int32_t *substance)
{
    if (name == NULL || substance == NULL)
        return BTX_EINVAL;
    const char *b, *e;
    trim_spaces(name, &b, &e);
    if (b == e)
        return BTX_ENOTFOUND;
    for (int32_t s = 1; s <= BTX__SUBSTANCE_MAX; s++) {
        if (span_equals_folded(b, e, btx__substance_names[s], fold_product)) {
            *substance = s;
            return BTX_OK;
        }
    }
    for (size_t i = 0; i < btx__substance_alias_count; i++) {
        if (span_equals(b, e, btx__substance_aliases[i].text, fold_product)) {
            *substance = btx__substance_aliases[i].value;
            return BTX_OK;
        }
    }
    return BTX_ENOTFOUND;
}

/* Is the product labelled (approved, or named "not established" by its label) for the
 * indication, for adults or for children? */
static int product_covers(int32_t product, int32_t indication)
{
    static const int32_t populations[] = {BTX_ADULT, BTX_PEDIATRIC};
    for (size_t k = 0; k < sizeof populations / sizeof populations[0]; k++) {
        int32_t status = 0;
        (void)btx__protocol_find(product, indication, populations[k], &status);
        if (status == BTX_LABEL_APPROVED || status == BTX_LABEL_NOT_ESTABLISHED)
            return 1;
    }
    return 0;
}

int btx_product_for_indication(int32_t substance, int32_t indication, int32_t *product)
{
    if (product == NULL || !btx__substance_valid(substance) ||
        (indication != 0 && !btx__indication_valid(indication)))
        return BTX_EINVAL;
    int32_t first = 0; /* the substance's first product: its nonproprietary name's answer */
    for (int32_t p = 1; p <= BTX__PRODUCT_MAX; p++) {
        if (btx__substance_of(p) != substance)
            continue;
        if (first == 0)
            first = p;
        if (indication != 0 && product_covers(p, indication)) {
            *product = p;
            return BTX_OK;
        }
    }
    if (first == 0)
        return BTX_EINVAL; /* unreachable: every substance has a product */
    *product = first;
    return BTX_OK;
}
