/* SPDX-License-Identifier: Apache-2.0 */
/* What every part of the btxdose tool shares: the exit statuses, the command table's
 * entry, and the one way to report an error (one line on standard error). */
#ifndef BTXDOSE_TOOL_CLI_H
#define BTXDOSE_TOOL_CLI_H

#include <stddef.h>
#include <stdio.h>

/* Exit statuses, the same for every command (docs/cli.md, "Exit status"). */
enum {
    CLI_EXIT_OK = 0,   /* an answer, and nothing against the dose or the rows */
    CLI_EXIT_NO = 1,   /* a clinical "no": a FAIL, no date, no protocol, a flagged row,
                          a weight needed */
    CLI_EXIT_USAGE = 2 /* bad input or usage; also when the output cannot be written */
};

/* One command of the table in main.c. run() gets argv from the command's name on
 * (argv[0] is the name) and returns an exit status. */
typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    unsigned groups;      /* option groups it takes (opt.h), for its help */
    const char *synopsis; /* arguments after the name, for the help */
    const char *about;    /* one line: what it answers */
} cli_command;

int cmd_version(int argc, char **argv);
int cmd_protocol(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_next(int argc, char **argv);
int cmd_headroom(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_bill(int argc, char **argv);

/* Prints the help of one command (name) or of all (NULL) to out. */
void cli_help(FILE *out, const char *name);

/* Marks a printf-like function for the compiler's format checks. mingw-w64 compiles the
 * tool with its C99 printf (__USE_MINGW_ANSI_STDIO, implied by -std=c11), which knows
 * %zu: its checks are gnu_printf's, not those of the Microsoft runtime's printf. */
#if defined(__MINGW32__)
#define CLI_PRINTF(fmt, args) __attribute__((format(gnu_printf, fmt, args)))
#elif defined(__GNUC__)
#define CLI_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define CLI_PRINTF(fmt, args)
#endif

/* Prints "btxdose: " and the formatted message, one line, to standard error. */
void cli_error(const char *fmt, ...) CLI_PRINTF(1, 2);

/* While buf is set (size > 0), each message of the calling thread replaces buf's text
 * (without "btxdose: " and the line end) instead of going to standard error; size 0 ends
 * that. For the fuzzers, and for a thread whose messages another one prints. */
void cli_error_capture(char *buf, size_t size);

/* The same, returning the setting it replaces (buf is not cleared): to capture for a
 * while and put things back. */
typedef struct cli_capture {
    char *buf;
    size_t size;
} cli_capture;
cli_capture cli_error_capture_swap(cli_capture next);

/* Bytes an excerpt needs (cli_excerpt). */
#define CLI_EXCERPT_SIZE 64

/* At most 60 bytes of text for a message, every byte that is not printable ASCII
 * replaced by '?', "..." when cut. */
const char *cli_excerpt(const char *text, char buf[CLI_EXCERPT_SIZE]);

/* Trims ASCII spaces and tabs at both ends, in place; returns the new start. */
char *cli_trim(char *s);

/* ---- files, the same way on every system (docs/windows.md, "The tool on Windows") ----
 * Every path is UTF-8 (on Windows too: main.c turns the UTF-16 command line into UTF-8);
 * on Windows these open files by their UTF-16 names and always as bytes (binary mode).
 * Each returns -1 with errno set when it fails. */

/* The last path separator of path ('/'; on Windows '\\' too), or NULL. */
const char *cli_last_separator(const char *path);

/* A descriptor of path opened for reading, not inherited by child processes. */
int cli_open_read(const char *path);

/* A descriptor of path opened for writing, truncated (for a device or a pipe). */
int cli_open_write(const char *path);

/* 1: path exists and is a regular file; 0: it exists and is not (a device, a pipe);
 * -1: it cannot be examined (does not exist). *mode gets its permission bits (0 on
 * Windows). */
int cli_file_kind(const char *path, unsigned *mode);

/* Gives a file created by cli_temp_file the permission bits a new file at path would get
 * (those of the file there now, if any); nothing on Windows, where the directory's ACL
 * decides. */
void cli_file_mode_like(int fd, const char *path);

/* The directory for temporary files: $TMPDIR or /tmp; on Windows the user's (GetTempPath),
 * in buf. */
const char *cli_temp_dir(char *buf, size_t size);

/* A new file in dir named PREFIX followed by six random characters, open for reading and
 * writing. With path_out, *path_out gets its name (malloc'd, the caller frees it); without,
 * the file has no name left: removed at once (on Windows: when it is closed). */
int cli_temp_file(const char *dir, const char *prefix, char **path_out);

/* Removes the file path. */
int cli_remove(const char *path);

/* Renames from to to, replacing a file at to. */
int cli_replace(const char *from, const char *to);

/* read() and write() with a size_t count (Windows' take an unsigned int). */
long long cli_read(int fd, void *buf, size_t n);
long long cli_write(int fd, const void *buf, size_t n);

/* Standard input as bytes, before the first read: on Windows, binary mode (text mode would
 * turn CRLF into LF and stop at a Ctrl-Z byte, and the reader checks every byte itself);
 * nothing elsewhere. Returns 0, or -1. */
int cli_stdin_binary(void);

#endif /* BTXDOSE_TOOL_CLI_H */
