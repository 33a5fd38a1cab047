/* SPDX-License-Identifier: Apache-2.0 */
/* btxdose check --history FILE --propose DATE,PRODUCT,INDICATION,UNITS [options]: every
 * finding of btx_evaluate for the proposed dose. Exit 1 when a finding FAILs. */
#include <stdlib.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "cli.h"
#include "question.h"

/* Runs btx_evaluate into *findings: local when it is large enough, else a new array
 * the caller frees. Returns 0, or -1 after a message. */
static int evaluate(const question *x, btx_finding *local, size_t nlocal,
                    btx_finding **findings, size_t *count)
{
    memset(local, 0, nlocal * sizeof *local);
    local[0].struct_size = sizeof local[0];
    *findings = local;
    int rc = btx_evaluate(x->patient, x->policy, x->hist.records, x->hist.count,
                          &x->proposal, local, nlocal, count);
    if (rc == BTX_ENOSPC) {
        btx_finding *big = calloc(*count, sizeof *big);
        if (big == NULL) {
            cli_error("out of memory");
            return -1;
        }
        big[0].struct_size = sizeof big[0];
        *findings = big;
        rc = btx_evaluate(x->patient, x->policy, x->hist.records, x->hist.count,
                          &x->proposal, big, *count, count);
    }
    if (rc != BTX_OK) {
        question_refused(x, rc);
        return -1;
    }
    return 0;
}

int cmd_check(int argc, char **argv)
{
    question x;
    int rc = question_parse(argc, argv, OPTG_PROPOSE, &x);
    if (rc != 0)
        return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
    if (question_proposal(&x) != 0 || question_load(&x) != 0)
        return CLI_EXIT_USAGE;

    btx_finding local[32];
    btx_finding *findings = local;
    size_t count = 0;
    int status = CLI_EXIT_USAGE;
    if (evaluate(&x, local, sizeof local / sizeof local[0], &findings, &count) == 0) {
        size_t fails = 0;
        for (size_t i = 0; i < count; i++)
            fails += findings[i].status == BTX_FAIL;
        output_check(&x.q, findings, count, fails, x.o.json);
        status = fails > 0 ? CLI_EXIT_NO : CLI_EXIT_OK;
    }
    if (findings != local)
        free(findings);
    question_free(&x);
    return status;
}
