/* SPDX-License-Identifier: Apache-2.0 */
/* btxdose check --history FILE --propose DATE,PRODUCT,INDICATION,UNITS [options]: every
 * finding of btx_evaluate for the proposed dose; with --bill [--setting SETTING] also its
 * vial plan and billing lines (btx_bill). Exit 1 when a finding FAILs. */
#include <stdlib.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "cli.h"
#include "fields.h"
#include "question.h"

/* --setting (only with --bill) into *setting. Returns 0 or -1 after a message. */
static int bill_setting(const question *x, int32_t *setting)
{
    char msg[FIELD_MSG_SIZE];
    *setting = BTX_SETTING_OFFICE;
    if (x->o.setting == NULL)
        return 0;
    if (!x->o.bill) {
        cli_error("%s: --setting is for the billing lines: give --bill too", x->command);
        return -1;
    }
    if (field_setting(x->o.setting, setting, msg) != 0) {
        cli_error("--setting: %s", msg);
        return -1;
    }
    return 0;
}

/* btx_bill for the proposal. Returns 0 or -1 after a message naming the proposal's
 * field the library refused (a proposal of 0 units is checked but not billed). */
static int bill_proposal(const question *x, int32_t setting, btx_billing *b)
{
    const btx_administration *p = &x->proposal;
    char a[48];
    int32_t field = BTX_FIELD_NONE;
    b->struct_size = sizeof *b;
    int rc = btx_bill(p->product, p->indication, p->units, p->date, setting, b, &field);
    if (rc == BTX_OK)
        return 0;
    if (field == BTX_FIELD_UNITS)
        cli_error("--propose: units: %s is not a dose to bill (--bill): units must be above "
                  "0, at least 0.001 once rounded to 0.001 U", output_units(p->units, a));
    else
        cli_error("--propose: %s: refused by libbtxdose for billing (--bill): %s",
                  btx_field_name(field), btx_strerror(rc));
    return -1;
}

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
    int rc = question_parse(argc, argv, OPTG_PROPOSE | OPTG_BILL | OPTG_SETTING, &x);
    if (rc != 0)
        return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
    int32_t setting;
    btx_billing bill = {0};
    if (bill_setting(&x, &setting) != 0 || question_proposal(&x) != 0 ||
        (x.o.bill && bill_proposal(&x, setting, &bill) != 0) || question_load(&x) != 0)
        return CLI_EXIT_USAGE;

    btx_finding local[32];
    btx_finding *findings = local;
    size_t count = 0;
    int status = CLI_EXIT_USAGE;
    if (evaluate(&x, local, sizeof local / sizeof local[0], &findings, &count) == 0) {
        size_t fails = 0;
        for (size_t i = 0; i < count; i++)
            fails += findings[i].status == BTX_FAIL;
        output_check(&x.q, findings, count, fails, x.o.bill ? &bill : NULL, x.o.json);
        status = fails > 0 ? CLI_EXIT_NO : CLI_EXIT_OK;
    }
    if (findings != local)
        free(findings);
    question_free(&x);
    return status;
}
