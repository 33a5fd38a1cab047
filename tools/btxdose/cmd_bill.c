/* SPDX-License-Identifier: Apache-2.0 */
/* btxdose bill --date DATE --product PRODUCT --indication INDICATION --units UNITS
 * [--setting SETTING] [--json]: the single-dose vials to open for one patient's dose, the
 * units discarded, the HCPCS drug lines with JW/JZ and the advisory CPT codes, each with
 * its sources (btx_bill). Exit 0 for every answer (a cosmetic indication or a product
 * without a code included); 2 for bad input, with nothing on standard output. */
#include <btxdose/btxdose.h>

#include "cli.h"
#include "fields.h"
#include "opt.h"
#include "output.h"

#define BILL_GROUPS (OPTG_QUERY | OPTG_UNITS | OPTG_SETTING | OPTG_JSON)

typedef struct bill_request {
    btx_date date;
    int32_t product, indication, setting;
    double units;
} bill_request;

static int bad(const char *option, const char *msg)
{
    cli_error("%s: %s", option, msg);
    return -1;
}

static int units_not_a_dose(const char *text)
{
    char ex[CLI_EXCERPT_SIZE];
    cli_error("--units: %s is not a dose: units must be above 0 and at most 100000, and at "
              "least 0.001 once rounded to 0.001 U", cli_excerpt(text, ex));
    return -1;
}

/* The options into a request, each value converted as check converts it; the first bad
 * one (in the synopsis's order) named with its text. */
static int bill_arguments(const cli_options *o, bill_request *r)
{
    char msg[FIELD_MSG_SIZE];
    if (o->date == NULL || o->product == NULL || o->indication == NULL || o->units == NULL) {
        cli_error("bill: %s is required (btxdose bill --date DATE --product PRODUCT "
                  "--indication INDICATION --units UNITS)",
                  o->date == NULL         ? "--date"
                  : o->product == NULL    ? "--product"
                  : o->indication == NULL ? "--indication"
                                          : "--units");
        return -1;
    }
    if (field_date(o->date, &r->date, msg) != 0)
        return bad("--date", msg);
    if (field_product(o->product, &r->product, msg) != 0)
        return bad("--product", msg);
    if (field_indication(o->indication, 0, &r->indication, msg) != 0)
        return bad("--indication", msg);
    /* A nonproprietary name is the product labelled for the indication, as in check. */
    field_product_for_indication(o->product, r->indication, &r->product);
    if (field_units(o->units, &r->units, msg) != 0)
        return bad("--units", msg);
    if (!(r->units > 0))
        return units_not_a_dose(o->units);
    r->setting = BTX_SETTING_OFFICE;
    if (o->setting != NULL && field_setting(o->setting, &r->setting, msg) != 0)
        return bad("--setting", msg);
    return 0;
}

/* The library refused an argument the tool had converted: name the option and its text. */
static void refused(const cli_options *o, int rc, int32_t field)
{
    char ex[CLI_EXCERPT_SIZE];
    const char *option = NULL, *text = NULL;
    switch (field) {
    case BTX_FIELD_DATE: option = "--date"; text = o->date; break;
    case BTX_FIELD_PRODUCT: option = "--product"; text = o->product; break;
    case BTX_FIELD_INDICATION: option = "--indication"; text = o->indication; break;
    case BTX_FIELD_SETTING: option = "--setting"; text = o->setting; break;
    case BTX_FIELD_UNITS: units_not_a_dose(o->units); return;
    default: break;
    }
    if (option != NULL && text != NULL)
        cli_error("%s: '%s' refused by libbtxdose: %s", option, cli_excerpt(text, ex),
                  btx_strerror(rc));
    else
        cli_error("bill: libbtxdose refused the question: %s", btx_strerror(rc));
}

int cmd_bill(int argc, char **argv)
{
    cli_options o;
    int rc = opt_parse(argc, argv, BILL_GROUPS, 0, &o);
    if (rc > 0) {
        cli_help(stdout, argv[0]);
        return CLI_EXIT_OK;
    }
    bill_request r;
    if (rc < 0 || bill_arguments(&o, &r) != 0)
        return CLI_EXIT_USAGE;
    btx_billing b = {.struct_size = sizeof b};
    int32_t field = BTX_FIELD_NONE;
    rc = btx_bill(r.product, r.indication, r.units, r.date, r.setting, &b, &field);
    if (rc != BTX_OK) {
        refused(&o, rc, field);
        return CLI_EXIT_USAGE;
    }
    output_bill(&b, o.json);
    return CLI_EXIT_OK;
}
