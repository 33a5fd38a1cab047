/* SPDX-License-Identifier: Apache-2.0 */
/* btxdose: the command-line front door to libbtxdose. One command per file (cmd_*.c),
 * listed in the table below; one option parser (opt.c); one reader of CSV and JSON
 * (reader.c); one output module (output.c). See docs/cli.md.
 *
 * Exit status: 0 success, 1 a clinical "no", 2 bad input or usage (cli.h). */
#include <stdio.h>
#include <string.h>
#ifdef _WIN32
#include <stdlib.h>
#include <windows.h>
#endif

#include "cli.h"
#include "opt.h"
#include "question.h"


static const cli_command commands[] = {
    {"version", cmd_version, OPTG_JSON, "",
     "tool, library and clinical data versions"},
    {"protocol", cmd_protocol, OPTG_PROTOCOL | OPTG_JSON, "PRODUCT INDICATION [options]",
     "the label's protocol and its regions (exit 1: no label covers the pair)"},
    {"check", cmd_check, QUESTION_GROUPS | OPTG_PROPOSE | OPTG_BILL | OPTG_SETTING,
     "--history FILE --propose DATE,PRODUCT,INDICATION,UNITS [options]",
     "every finding for a proposed dose, and with --bill its billing lines (exit 1: a finding FAILs)"},
    {"next", cmd_next, QUESTION_GROUPS | OPTG_PROPOSE, "--history FILE --propose DATE,PRODUCT,INDICATION,UNITS [options]",
     "earliest date on or after DATE the dose is allowed (exit 1: none, or weight needed)"},
    {"headroom", cmd_headroom, QUESTION_GROUPS | OPTG_QUERY,
     "--history FILE --date DATE --product PRODUCT [options]",
     "units still allowed on DATE under the window rules (exit 1: weight needed)"},
    {"bill", cmd_bill, OPTG_QUERY | OPTG_UNITS | OPTG_SETTING | OPTG_JSON,
     "--date DATE --product PRODUCT --indication INDICATION --units UNITS [--setting SETTING]",
     "the vials to open, the units discarded and the billing lines (HCPCS, JW/JZ, advisory CPT)"},
    {"audit", cmd_audit, OPTG_INPUT | OPTG_WINDOW | OPTG_JSON | OPTG_AUDIT, "--input FILE [options]",
     "every administration of a population, checked (exit 1: a row is flagged)"},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const char files_text[] =
    "files:    CSV with a header row (check, next, headroom: date,product,indication,units;\n"
    "          audit: patient,date,product,indication,units[,weight_kg][,birth_date]) or a\n"
    "          JSON array of objects with those members; .csv or .json, or --format.\n"
    "          Any malformed byte, row or field stops the tool: FILE:LINE: what is wrong.\n";

static const char status_text[] =
    "Dates are YYYY-MM-DD. Exit status: 0 ok (bill: every answer, self-pay and no code\n"
    "included), 1 a finding FAILs (check), a row is flagged (audit), or no date / no\n"
    "protocol / weight needed; 2 bad input or usage.\n";

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static void help_command(FILE *out, const cli_command *c)
{
    fprintf(out, "usage: btxdose %s%s%s\n\n%s\n", c->name, *c->synopsis ? " " : "",
            c->synopsis, c->about);
    if (c->groups != 0) {
        fputs("\noptions:\n", out);
        opt_help(out, c->groups);
    }
    if (c->groups & (OPTG_HISTORY | OPTG_INPUT))
        fprintf(out, "\n%s", files_text);
    fprintf(out, "\n%s", status_text);
}

void cli_help(FILE *out, const char *name)
{
    const cli_command *c = name != NULL ? find_command(name) : NULL;
    if (c != NULL) {
        help_command(out, c);
        return;
    }
    unsigned all = 0;
    fputs("usage: btxdose COMMAND [OPTIONS]\n\ncommands:\n", out);
    for (size_t i = 0; i < NCOMMANDS; i++) {
        const cli_command *k = &commands[i];
        fprintf(out, "  %s%s%s\n      %s\n", k->name, *k->synopsis ? " " : "", k->synopsis,
                k->about);
        all |= commands[i].groups;
    }
    fputs("  help [COMMAND]\n      this text, or one command's options\n", out);
    fputs("\noptions (each command takes those 'btxdose help COMMAND' lists):\n", out);
    opt_help(out, all);
    fprintf(out, "\n%s\n%s", files_text, status_text);
}

static int dispatch(int argc, char **argv)
{
    char ex[CLI_EXCERPT_SIZE];
    if (argc < 2) {
        cli_help(stderr, NULL);
        return CLI_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0)
        return cmd_version(argc - 1, argv + 1);
    if (strcmp(name, "help") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        if (argc > 2 && find_command(argv[2]) == NULL) {
            cli_error("help: unknown command '%s'", cli_excerpt(argv[2], ex));
            return CLI_EXIT_USAGE;
        }
        cli_help(stdout, argc > 2 ? argv[2] : NULL);
        return CLI_EXIT_OK;
    }
    const cli_command *c = find_command(name);
    if (c == NULL) {
        cli_error("unknown command '%s'", cli_excerpt(name, ex));
        cli_help(stderr, NULL);
        return CLI_EXIT_USAGE;
    }
    return c->run(argc - 1, argv + 1);
}

static int run(int argc, char **argv)
{
    int rc = dispatch(argc, argv);
    /* An answer that did not reach its reader (a full disk, a closed pipe) is no answer. */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write the output");
        return CLI_EXIT_USAGE;
    }
    return rc;
}

#ifdef _WIN32
/* Windows hands a program its command line in UTF-16; main()'s argv would be in the ANSI
 * code page, which cannot hold every file name. The tool takes the UTF-16 arguments
 * (linked with -municode) and works in UTF-8 like everywhere else (cli_open_read opens a
 * UTF-8 path by its UTF-16 name). */
int wmain(int argc, wchar_t **wargv);
int wmain(int argc, wchar_t **wargv)
{
    char **argv = calloc((size_t)argc + 1, sizeof *argv);
    int rc = CLI_EXIT_USAGE;
    if (argv == NULL) {
        cli_error("out of memory");
        return rc;
    }
    int i = 0;
    for (; i < argc; i++) {
        int n = WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, NULL, 0, NULL, NULL);
        argv[i] = n > 0 ? malloc((size_t)n) : NULL;
        if (argv[i] == NULL ||
            WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, argv[i], n, NULL, NULL) != n) {
            cli_error("cannot convert argument %d of the command line to UTF-8", i);
            break;
        }
    }
    if (i == argc)
        rc = run(argc, argv);
    for (int k = 0; k < argc; k++)
        free(argv[k]);
    free(argv);
    return rc;
}
#else
int main(int argc, char **argv)
{
    return run(argc, argv);
}
#endif
