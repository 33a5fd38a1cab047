/* SPDX-License-Identifier: Apache-2.0 */
/* btxdose next --history FILE --propose DATE,PRODUCT,INDICATION,UNITS [options]: the
 * earliest date on or after DATE that the dose is allowed (btx_earliest_date). Exit 1
 * when there is none or the weight is needed. */
#include <btxdose/btxdose.h>

#include "cli.h"
#include "question.h"

int cmd_next(int argc, char **argv)
{
    question x;
    int rc = question_parse(argc, argv, OPTG_PROPOSE, &x);
    if (rc != 0)
        return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
    if (question_proposal(&x) != 0 || question_load(&x) != 0)
        return CLI_EXIT_USAGE;
    btx_date date = BTX_DATE_UNKNOWN;
    rc = btx_earliest_date(x.patient, x.policy, x.hist.records, x.hist.count, &x.proposal,
                           &date);
    int status = CLI_EXIT_USAGE;
    if (rc == BTX_OK || rc == BTX_ENEVER || rc == BTX_EWEIGHT) {
        output_next(&x.q, rc, date, x.o.json);
        status = rc == BTX_OK ? CLI_EXIT_OK : CLI_EXIT_NO;
    } else {
        question_refused(&x, rc);
    }
    question_free(&x);
    return status;
}
