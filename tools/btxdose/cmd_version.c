/* SPDX-License-Identifier: Apache-2.0 */
/* btxdose version [--json]: the tool's, the library's and the clinical data's versions. */
#include <stdio.h>

#include "cli.h"
#include "opt.h"
#include "output.h"

int cmd_version(int argc, char **argv)
{
    cli_options o;
    int rc = opt_parse(argc, argv, OPTG_JSON, 0, &o);
    if (rc > 0) {
        cli_help(stdout, "version");
        return CLI_EXIT_OK;
    }
    if (rc < 0)
        return CLI_EXIT_USAGE;
    output_version(o.json);
    return CLI_EXIT_OK;
}
