/* SPDX-License-Identifier: Apache-2.0 */
/* The shared part of check, next and headroom (see question.h). */
#include "question.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "fields.h"

int question_parse(int argc, char **argv, unsigned extra, question *x)
{
    memset(x, 0, sizeof *x);
    x->command = argv[0];
    int rc = opt_parse(argc, argv, QUESTION_GROUPS | extra, 0, &x->o);
    if (rc > 0) {
        cli_help(stdout, x->command);
        return 1;
    }
    if (rc < 0 || opt_check_with_library(&x->o, x->command) != 0)
        return -1;
    x->patient = x->o.have_patient ? &x->o.patient : NULL;
    x->policy = x->o.have_policy ? &x->o.policy : NULL;
    x->q.patient = x->patient;
    x->q.policy = x->policy;
    return 0;
}

int question_proposal(question *x)
{
    if (x->o.propose == NULL) {
        cli_error("%s: --propose DATE,PRODUCT,INDICATION,UNITS is required", x->command);
        return -1;
    }
    if (field_proposal(x->o.propose, x->o.limbs, &x->proposal) != 0)
        return -1;
    x->q.proposal = &x->proposal;
    return question_patient_on(x, x->proposal.date);
}

int question_patient_on(const question *x, btx_date date)
{
    return opt_check_patient_on(&x->o, x->command, date);
}

int question_load(question *x)
{
    if (x->o.history_path == NULL) {
        cli_error("%s: --history FILE is required (an empty history is a CSV file with only "
                  "the header row, or a JSON file holding [])", x->command);
        return -1;
    }
    if (history_load(x->o.history_path, x->o.format, &x->hist) != 0)
        return -1;
    x->q.history_name = x->hist.name;
    x->q.history_count = x->hist.count;
    return 0;
}

void question_refused(const question *x, int rc)
{
    /* Every argument was put to the library's btx_check_* functions before the call, so
     * this is a rule the tool does not know of, not a value it could name. */
    cli_error("%s: libbtxdose refused the question: %s", x->command, btx_strerror(rc));
}

void question_free(question *x)
{
    history_free(&x->hist);
}
