/* SPDX-License-Identifier: Apache-2.0 */
/* btxdose protocol PRODUCT INDICATION [--pediatric] [--vial UNITS --diluent ML] [--json]:
 * the label's protocol and its regions. Exit 1 when no label covers the pair. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "cli.h"
#include "fields.h"
#include "opt.h"
#include "output.h"

/* PRODUCT and INDICATION from the positional arguments. */
static int protocol_names(const cli_options *o, int32_t *product, int32_t *indication)
{
    char msg[FIELD_MSG_SIZE];
    if (o->npositional != 2) {
        cli_error("protocol: needs PRODUCT and INDICATION, e.g. "
                  "'btxdose protocol botox chronic_migraine'");
        return -1;
    }
    if (field_product(o->positional[0], product, msg) != 0) {
        cli_error("protocol: product: %s", msg);
        return -1;
    }
    if (field_indication(o->positional[1], 0, indication, msg) != 0) {
        cli_error("protocol: indication: %s", msg);
        return -1;
    }
    return 0;
}

static int check_dilution(const cli_options *o)
{
    double conc;
    if (!o->have_vial || btx_reconstitute(o->vial_units, o->diluent_ml, &conc) == BTX_OK)
        return 0;
    char a[48], b[48];
    cli_error("protocol: --vial/--diluent: %s U in %s mL is outside the range libbtxdose "
              "accepts", output_units(o->vial_units, a), output_units(o->diluent_ml, b));
    return -1;
}

/* Every region of a found protocol, in a new array (NULL when there are none). */
static int load_regions(int32_t product, int32_t indication, int32_t pop,
                        const btx_protocol *p, btx_region **out)
{
    *out = NULL;
    if (p->regions <= 0)
        return 0;
    btx_region *regions = calloc((size_t)p->regions, sizeof *regions);
    if (regions == NULL) {
        cli_error("out of memory");
        return -1;
    }
    for (int32_t i = 0; i < p->regions; i++) {
        regions[i].struct_size = sizeof regions[i];
        int r = btx_protocol_region(product, indication, pop, i, &regions[i]);
        if (r != BTX_OK) {
            cli_error("protocol: region %d of %d: %s", (int)i, (int)p->regions,
                      btx_strerror(r));
            free(regions);
            return -1;
        }
    }
    *out = regions;
    return 0;
}

int cmd_protocol(int argc, char **argv)
{
    cli_options o;
    int32_t product, indication;
    int rc = opt_parse(argc, argv, OPTG_PROTOCOL | OPTG_JSON, 2, &o);
    if (rc > 0) {
        cli_help(stdout, "protocol");
        return CLI_EXIT_OK;
    }
    if (rc < 0 || protocol_names(&o, &product, &indication) != 0 || check_dilution(&o) != 0)
        return CLI_EXIT_USAGE;

    int32_t pop = o.pediatric ? BTX_PEDIATRIC : BTX_ADULT;
    btx_protocol p;
    memset(&p, 0, sizeof p);
    p.struct_size = sizeof p;
    rc = btx_protocol_lookup(product, indication, pop, &p);
    if (rc != BTX_OK && rc != BTX_ENOTFOUND) {
        cli_error("protocol: %s", btx_strerror(rc));
        return CLI_EXIT_USAGE;
    }
    int found = rc == BTX_OK;
    btx_region *regions = NULL;
    if (found && load_regions(product, indication, pop, &p, &regions) != 0)
        return CLI_EXIT_USAGE;
    dilution_info dil = {o.vial_units, o.diluent_ml};
    output_protocol(&p, found, regions, regions != NULL ? (size_t)p.regions : 0,
                    o.have_vial ? &dil : NULL, o.json);
    free(regions);
    return found ? CLI_EXIT_OK : CLI_EXIT_NO;
}
