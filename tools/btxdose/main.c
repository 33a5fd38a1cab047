/* btxdose: the command-line front door to libbtxdose.
 *
 *   btxdose version
 *   btxdose protocol PRODUCT INDICATION [--pediatric] [--vial UNITS --diluent ML]
 *   btxdose check    --history FILE --propose DATE,PRODUCT,INDICATION,UNITS [options]
 *   btxdose next     --history FILE --propose DATE,PRODUCT,INDICATION,UNITS [options]
 *   btxdose headroom --history FILE --date DATE --product P [--indication I] [options]
 *
 * Exit status: 0 success (check: no finding FAILs), 1 a clinical "no" (check: at least
 * one FAIL; next: never or weight needed; headroom: weight needed; protocol: no label
 * covers the pair), 2 bad input or usage. See docs/cli.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <btxdose/btxdose.h>

#include "opt.h"
#include "cmd_audit.h"
#include "history.h"
#include "output.h"

#define EXIT_NO 1
#define EXIT_USAGE 2

static const char usage_text[] =
    "usage: btxdose COMMAND [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  version                      tool, library and clinical data versions\n"
    "  protocol PRODUCT INDICATION  the label's protocol and its regions\n"
    "      [--pediatric] [--vial UNITS --diluent ML] [--json]\n"
    "  check    --history FILE --propose DATE,PRODUCT,INDICATION,UNITS\n"
    "           every finding for a proposed dose (exit 1 when one FAILs)\n"
    "  next     --history FILE --propose DATE,PRODUCT,INDICATION,UNITS\n"
    "           earliest date on or after DATE that the dose is allowed\n"
    "  headroom --history FILE --date DATE --product PRODUCT [--indication IND]\n"
    "           units still allowed on DATE under the window rules\n"
    BTX_CLI_AUDIT_USAGE
    "  help                         this text\n"
    "\n"
    "history:  --history FILE      CSV (header date,product,indication,units) or JSON\n"
    "                              (array of {\"date\",\"product\",\"indication\",\"units\"});\n"
    "                              '-' reads standard input\n"
    "          --format csv|json   instead of the file name's extension\n"
    "patient:  --birth-date DATE  --weight-kg KG  --weight-date DATE\n"
    "policy:   --window-days N | --window-weeks N | --window-months N\n"
    "          --min-spacing-days N  --weight-max-age-days N  --warn-fraction F\n"
    "          --history-complete\n"
    "output:   --json              JSON for programs (default: aligned text)\n"
    "\n"
    "Dates are YYYY-MM-DD. Exit status: 0 ok, 1 a finding FAILs (check) or no date /\n"
    "no protocol / weight needed, 2 bad input or usage.\n";

static int usage_error(void)
{
    fputs(usage_text, stderr);
    return EXIT_USAGE;
}

static int cmd_version(int argc, char **argv)
{
    cli_options o;
    int rc = args_parse(argc, argv, 2, OPTG_JSON, 0, "version", &o);
    if (rc != 0)
        return rc > 0 ? (fputs(usage_text, stdout), 0) : EXIT_USAGE;
    output_version(o.json);
    return 0;
}

static int cmd_protocol(int argc, char **argv)
{
    cli_options o;
    char msg[CLI_MSG_SIZE];
    int32_t product, indication;
    int rc = args_parse(argc, argv, 2, OPTG_PROTOCOL | OPTG_JSON, 2, "protocol", &o);
    if (rc != 0)
        return rc > 0 ? (fputs(usage_text, stdout), 0) : EXIT_USAGE;
    if (o.npositional != 2) {
        cli_error("protocol: needs PRODUCT and INDICATION, e.g. "
                  "'btxdose protocol botox chronic_migraine'");
        return EXIT_USAGE;
    }
    if (field_product(o.positional[0], &product, msg) != 0) {
        cli_error("protocol: product: %s", msg);
        return EXIT_USAGE;
    }
    if (field_indication(o.positional[1], 0, &indication, msg) != 0) {
        cli_error("protocol: indication: %s", msg);
        return EXIT_USAGE;
    }
    dilution_info dil = {o.vial_units, o.diluent_ml};
    if (o.have_vial) {
        double conc;
        if (btx_reconstitute(o.vial_units, o.diluent_ml, &conc) != BTX_OK) {
            char a[48], b[48];
            cli_error("protocol: --vial/--diluent: %s U in %s mL is outside the range "
                      "libbtxdose accepts", output_units(o.vial_units, a),
                      output_units(o.diluent_ml, b));
            return EXIT_USAGE;
        }
    }

    int32_t population = o.pediatric ? BTX_PEDIATRIC : BTX_ADULT;
    btx_protocol p;
    memset(&p, 0, sizeof p);
    p.struct_size = sizeof p;
    rc = btx_protocol_lookup(product, indication, population, &p);
    if (rc != BTX_OK && rc != BTX_ENOTFOUND) {
        cli_error("protocol: %s", btx_strerror(rc));
        return EXIT_USAGE;
    }
    int found = rc == BTX_OK;
    btx_region *regions = NULL;
    size_t nregions = 0;
    if (found && p.regions > 0) {
        regions = calloc((size_t)p.regions, sizeof *regions);
        if (regions == NULL) {
            cli_error("out of memory");
            return EXIT_USAGE;
        }
        for (int32_t i = 0; i < p.regions; i++) {
            regions[i].struct_size = sizeof regions[i];
            int r = btx_protocol_region(product, indication, population, i, &regions[i]);
            if (r != BTX_OK) {
                cli_error("protocol: region %d of %d: %s", (int)i, (int)p.regions,
                          btx_strerror(r));
                free(regions);
                return EXIT_USAGE;
            }
            nregions++;
        }
    }
    output_protocol(&p, found, regions, nregions, o.have_vial ? &dil : NULL, o.json);
    free(regions);
    return found ? 0 : EXIT_NO;
}

/* The options shared by check, next and headroom: the history plus patient and policy. */
typedef struct question {
    cli_options o;
    history hist;
    const btx_patient *patient;
    const btx_policy *policy;
    btx_administration proposal;
    query_info q;
} question;

static int question_load(question *x, const char *command)
{
    if (x->o.history_path == NULL) {
        cli_error("%s: --history FILE is required (an empty history is a CSV file with only "
                  "the header row, or a JSON file holding [])", command);
        return -1;
    }
    if (history_load(x->o.history_path, x->o.format, &x->hist) != 0)
        return -1;
    x->patient = x->o.have_patient ? &x->o.patient : NULL;
    x->policy = x->o.have_policy ? &x->o.policy : NULL;
    memset(&x->q, 0, sizeof x->q);
    x->q.history_name = x->hist.name;
    x->q.history_count = x->hist.count;
    x->q.patient = x->patient;
    x->q.policy = x->policy;
    return 0;
}

/* Says which argument the library refused, by asking again with fewer of them (the
 * library checks the patient, then the policy, then the dose, then the history). */
static void report_call_error(const question *x, const char *command, int rc)
{
    btx_administration probe;
    size_t count = 0;
    const char *what = "the history or the dose";
    if (x->o.propose != NULL)
        probe = x->proposal;
    else
        probe = (btx_administration){x->q.date, x->q.product, x->q.indication, 0, 0.0};
    if (probe.indication == 0)
        probe.indication = BTX_INDICATION_CHRONIC_MIGRAINE; /* evaluate needs one */
    if (x->patient != NULL) {
        int r = btx_evaluate(x->patient, NULL, NULL, 0, &probe, NULL, 0, &count);
        if (r != BTX_OK && r != BTX_ENOSPC) {
            what = "the patient (--birth-date, --weight-kg, --weight-date)";
            goto done;
        }
    }
    if (x->policy != NULL) {
        int r = btx_evaluate(x->patient, x->policy, NULL, 0, &probe, NULL, 0, &count);
        if (r != BTX_OK && r != BTX_ENOSPC) {
            what = "the policy (--window-*, --min-spacing-days, --weight-max-age-days, "
                   "--warn-fraction)";
            goto done;
        }
    }
done:
    cli_error("%s: libbtxdose refused %s: %s", command, what, btx_strerror(rc));
}

static int question_parse(int argc, char **argv, unsigned extra, const char *command,
                          question *x)
{
    memset(x, 0, sizeof *x);
    int rc = args_parse(argc, argv, 2,
                        OPTG_HISTORY | OPTG_PATIENT | OPTG_POLICY | OPTG_JSON | extra, 0,
                        command, &x->o);
    if (rc > 0) {
        fputs(usage_text, stdout);
        return 1;
    }
    return rc;
}

static int parse_proposal(question *x, const char *command)
{
    if (x->o.propose == NULL) {
        cli_error("%s: --propose DATE,PRODUCT,INDICATION,UNITS is required", command);
        return -1;
    }
    if (args_parse_proposal(x->o.propose, &x->proposal) != 0)
        return -1;
    size_t bad;
    int v = btx_validate_history(&x->proposal, 1, &bad);
    if (v != BTX_OK) {
        cli_error("--propose: rejected by libbtxdose: %s", btx_strerror(v));
        return -1;
    }
    return 0;
}

static int cmd_check(int argc, char **argv)
{
    question x;
    int rc = question_parse(argc, argv, OPTG_PROPOSE, "check", &x);
    if (rc != 0)
        return rc > 0 ? 0 : EXIT_USAGE;
    if (parse_proposal(&x, "check") != 0 || question_load(&x, "check") != 0)
        return EXIT_USAGE;
    x.q.proposal = &x.proposal;

    btx_finding local[32];
    btx_finding *findings = local;
    size_t capacity = sizeof local / sizeof local[0], count = 0;
    memset(local, 0, sizeof local);
    local[0].struct_size = sizeof local[0];
    rc = btx_evaluate(x.patient, x.policy, x.hist.records, x.hist.count, &x.proposal, findings,
                      capacity, &count);
    if (rc == BTX_ENOSPC) {
        findings = calloc(count, sizeof *findings);
        if (findings == NULL) {
            cli_error("out of memory");
            history_free(&x.hist);
            return EXIT_USAGE;
        }
        findings[0].struct_size = sizeof findings[0];
        capacity = count;
        rc = btx_evaluate(x.patient, x.policy, x.hist.records, x.hist.count, &x.proposal,
                          findings, capacity, &count);
    }
    if (rc != BTX_OK) {
        report_call_error(&x, "check", rc);
        if (findings != local)
            free(findings);
        history_free(&x.hist);
        return EXIT_USAGE;
    }
    size_t fails = 0;
    for (size_t i = 0; i < count; i++)
        fails += findings[i].status == BTX_FAIL;
    output_check(&x.q, findings, count, fails, x.o.json);
    if (findings != local)
        free(findings);
    history_free(&x.hist);
    return fails > 0 ? EXIT_NO : 0;
}

static int cmd_next(int argc, char **argv)
{
    question x;
    int rc = question_parse(argc, argv, OPTG_PROPOSE, "next", &x);
    if (rc != 0)
        return rc > 0 ? 0 : EXIT_USAGE;
    if (parse_proposal(&x, "next") != 0 || question_load(&x, "next") != 0)
        return EXIT_USAGE;
    x.q.proposal = &x.proposal;
    btx_date date = BTX_DATE_UNKNOWN;
    rc = btx_earliest_date(x.patient, x.policy, x.hist.records, x.hist.count, &x.proposal,
                           &date);
    if (rc != BTX_OK && rc != BTX_ENEVER && rc != BTX_EWEIGHT) {
        report_call_error(&x, "next", rc);
        history_free(&x.hist);
        return EXIT_USAGE;
    }
    output_next(&x.q, rc, date, x.o.json);
    history_free(&x.hist);
    return rc == BTX_OK ? 0 : EXIT_NO;
}

static int cmd_headroom(int argc, char **argv)
{
    question x;
    char msg[CLI_MSG_SIZE];
    int rc = question_parse(argc, argv, OPTG_QUERY, "headroom", &x);
    if (rc != 0)
        return rc > 0 ? 0 : EXIT_USAGE;
    if (x.o.date == NULL || x.o.product == NULL) {
        cli_error("headroom: --date DATE and --product PRODUCT are required");
        return EXIT_USAGE;
    }
    if (field_date(x.o.date, &x.q.date, msg) != 0) {
        cli_error("--date: %s", msg);
        return EXIT_USAGE;
    }
    if (field_product(x.o.product, &x.q.product, msg) != 0) {
        cli_error("--product: %s", msg);
        return EXIT_USAGE;
    }
    if (field_indication(x.o.indication != NULL ? x.o.indication : "", 1, &x.q.indication,
                         msg) != 0) {
        cli_error("--indication: %s", msg);
        return EXIT_USAGE;
    }
    btx_date date = x.q.date;
    int32_t product = x.q.product, indication = x.q.indication;
    if (question_load(&x, "headroom") != 0)
        return EXIT_USAGE;
    x.q.date = date;
    x.q.product = product;
    x.q.indication = indication;
    double units = 0;
    rc = btx_headroom(x.patient, x.policy, x.hist.records, x.hist.count, product, indication,
                      date, &units);
    if (rc != BTX_OK && rc != BTX_EWEIGHT) {
        report_call_error(&x, "headroom", rc);
        history_free(&x.hist);
        return EXIT_USAGE;
    }
    output_headroom(&x.q, rc, units, x.o.json);
    history_free(&x.hist);
    return rc == BTX_OK ? 0 : EXIT_NO;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2)
        return usage_error();
    const char *cmd = argv[1];
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0)
        return cmd_version(argc, argv);
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (strcmp(cmd, "protocol") == 0)
        return cmd_protocol(argc, argv);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc, argv);
    if (strcmp(cmd, "next") == 0)
        return cmd_next(argc, argv);
    if (strcmp(cmd, "headroom") == 0)
        return cmd_headroom(argc, argv);
    if (strcmp(cmd, "audit") == 0)
        return btx_cli_audit(argc, argv);
    char ex[64];
    cli_error("unknown command '%s'", args_excerpt(cmd, ex));
    return usage_error();
}

int main(int argc, char **argv)
{
    int rc = dispatch(argc, argv);
    /* An answer that did not reach its reader (a full disk, a closed pipe) is no answer. */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write the output");
        return EXIT_USAGE;
    }
    return rc;
}
