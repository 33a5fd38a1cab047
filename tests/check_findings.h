/* SPDX-License-Identifier: Apache-2.0 */
/* The findings of one btx_evaluate call, for the suites that read them (check_evaluate,
 * check_limbs): every finding is checked for what each one carries (a message, a source,
 * a known code and rule; notices never FAIL). */
#ifndef BTX_CHECK_FINDINGS_H
#define BTX_CHECK_FINDINGS_H

#include <string.h>

#include "check_util.h"

enum { CAP = 16 };
typedef struct result {
    btx_finding f[CAP];
    size_t count;
} result;

static inline void evaluate(const btx_patient *pat, const btx_policy *pol,
                            const btx_administration *h, size_t n, btx_administration prop,
                            result *r)
{
    memset(r, 0, sizeof *r);
    r->f[0].struct_size = sizeof(btx_finding);
    ck_assert_int_eq(btx_evaluate(pat, pol, h, n, &prop, r->f, CAP, &r->count), BTX_OK);
    for (size_t i = 0; i < r->count; i++) {
        ck_assert_ptr_nonnull(r->f[i].message);
        ck_assert_ptr_nonnull(r->f[i].source);
        ck_assert_int_gt((int)strlen(r->f[i].message), 0);
        ck_assert_int_gt((int)strlen(r->f[i].source), 0);
        ck_assert_int_ge(r->f[i].code, 1);
        ck_assert_int_le(r->f[i].code, 9);
        ck_assert_str_ne(btx_rule_name(r->f[i].rule), "unknown");
        if (r->f[i].code >= BTX_FINDING_MIXED_SUBSTANCES)
            ck_assert_int_ne(r->f[i].status, BTX_FAIL); /* notices never FAIL */
    }
}

static inline const btx_finding *find(const result *r, int32_t code, int32_t rule)
{
    for (size_t i = 0; i < r->count; i++)
        if (r->f[i].code == code && (rule == 0 || r->f[i].rule == rule))
            return &r->f[i];
    return NULL;
}

static inline int fails(const result *r)
{
    int n = 0;
    for (size_t i = 0; i < r->count; i++)
        n += r->f[i].status == BTX_FAIL;
    return n;
}

#endif
