/* SPDX-License-Identifier: Apache-2.0 */
/* btxdose headroom --history FILE --date DATE --product PRODUCT [--indication IND]
 * [options]: units still allowed on DATE under the window rules (btx_headroom). Exit 1
 * when the weight is needed. */
#include <btxdose/btxdose.h>

#include "cli.h"
#include "fields.h"
#include "question.h"

/* --date, --product and --indication into the query, checked as the library would
 * check a record of them. */
static int headroom_dose(question *x)
{
    char msg[FIELD_MSG_SIZE];
    const cli_options *o = &x->o;
    if (o->date == NULL || o->product == NULL) {
        cli_error("headroom: --date DATE and --product PRODUCT are required");
        return -1;
    }
    if (field_date(o->date, &x->q.date, msg) != 0) {
        cli_error("--date: %s", msg);
        return -1;
    }
    if (field_product(o->product, &x->q.product, msg) != 0) {
        cli_error("--product: %s", msg);
        return -1;
    }
    if (field_indication(o->indication != NULL ? o->indication : "", 1, &x->q.indication,
                         msg) != 0) {
        cli_error("--indication: %s", msg);
        return -1;
    }
    field_product_for_indication(o->product, x->q.indication, &x->q.product);
    btx_administration rec = {x->q.date, x->q.product, x->q.indication, 0, 0.0};
    int32_t field = BTX_FIELD_NONE;
    int rc = btx_check_record(&rec, &field);
    if (rc != BTX_OK) {
        cli_error("--%s: refused by libbtxdose: %s", btx_field_name(field), btx_strerror(rc));
        return -1;
    }
    return 0;
}

int cmd_headroom(int argc, char **argv)
{
    question x;
    int rc = question_parse(argc, argv, OPTG_QUERY, &x);
    if (rc != 0)
        return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
    if (headroom_dose(&x) != 0 || question_patient_on(&x, x.q.date) != 0 ||
        question_load(&x) != 0)
        return CLI_EXIT_USAGE;
    double units = 0;
    rc = btx_headroom(x.patient, x.policy, x.hist.records, x.hist.count, x.q.product,
                      x.q.indication, x.q.date, &units);
    int status = CLI_EXIT_USAGE;
    if (rc == BTX_OK || rc == BTX_EWEIGHT) {
        output_headroom(&x.q, rc, units, x.o.json);
        status = rc == BTX_OK ? CLI_EXIT_OK : CLI_EXIT_NO;
    } else {
        question_refused(&x, rc);
    }
    question_free(&x);
    return status;
}
