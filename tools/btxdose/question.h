/* SPDX-License-Identifier: Apache-2.0 */
/* What check, next and headroom share: the options, the history, the patient and the
 * policy, each checked with the library before the question is asked. */
#ifndef BTXDOSE_TOOL_QUESTION_H
#define BTXDOSE_TOOL_QUESTION_H

#include <btxdose/btxdose.h>

#include "history.h"
#include "opt.h"
#include "output.h"

typedef struct question {
    const char *command;
    cli_options o;
    history hist;
    const btx_patient *patient; /* NULL when no patient option was given */
    const btx_policy *policy;   /* NULL when no policy option was given */
    btx_administration proposal;
    query_info q;
} question;

/* The option groups every question takes. */
#define QUESTION_GROUPS (OPTG_HISTORY | OPTG_PATIENT | OPTG_WINDOW | OPTG_POLICY | OPTG_JSON)

/* Parses the options (QUESTION_GROUPS | extra) and checks the patient and the policy
 * with the library. Returns 0; 1 after --help (printed); -1 after a message. */
int question_parse(int argc, char **argv, unsigned extra, question *x);

/* Parses --propose (required) and --limbs into x->proposal and checks the patient on its date.
 * Returns 0 or -1 after a message. */
int question_proposal(question *x);

/* Checks the patient options for a question about date: a birth date after it is
 * refused (exit 2). Returns 0 or -1 after a message. */
int question_patient_on(const question *x, btx_date date);

/* Reads the history (--history, required). Returns 0 or -1 after a message; on 0 the
 * caller calls question_free. */
int question_load(question *x);

/* The library refused a call the tool had checked every argument of: says so. */
void question_refused(const question *x, int rc);

void question_free(question *x);

#endif /* BTXDOSE_TOOL_QUESTION_H */
