/* SPDX-License-Identifier: Apache-2.0 */
/* Error messages and the small text helpers every command uses. */
#include "cli.h"

#include <stdarg.h>
#include <string.h>

#ifdef _WIN32
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdlib.h>
#include <windows.h>
#endif

/* Per thread: the audit's second thread keeps its messages for the first to print. */
static _Thread_local char *capture;
static _Thread_local size_t capture_size;

void cli_error_capture(char *buf, size_t size)
{
    capture = size > 0 ? buf : NULL;
    capture_size = size;
    if (capture != NULL)
        capture[0] = '\0';
}

cli_capture cli_error_capture_swap(cli_capture next)
{
    cli_capture prev = {capture, capture_size};
    capture = next.size > 0 ? next.buf : NULL;
    capture_size = next.size;
    return prev;
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (capture != NULL) {
        vsnprintf(capture, capture_size, fmt, ap);
    } else {
        fputs("btxdose: ", stderr);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
    }
    va_end(ap);
}

const char *cli_excerpt(const char *text, char buf[CLI_EXCERPT_SIZE])
{
    size_t i = 0;
    for (; text[i] != '\0' && i < 60; i++) {
        unsigned char c = (unsigned char)text[i];
        buf[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    if (text[i] != '\0') {
        memcpy(buf + i, "...", 3);
        i += 3;
    }
    buf[i] = '\0';
    return buf;
}

FILE *cli_fopen(const char *path, const char *mode)
{
#ifdef _WIN32
    /* fopen would read the name in the ANSI code page: a name outside it cannot be
     * opened that way. */
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, NULL, 0);
    wchar_t wmode[8];
    size_t i = 0;
    for (; mode[i] != '\0' && i + 1 < sizeof wmode / sizeof wmode[0]; i++)
        wmode[i] = (wchar_t)(unsigned char)mode[i];
    wmode[i] = L'\0';
    if (n <= 0) {
        errno = EINVAL; /* not UTF-8: no such name */
        return NULL;
    }
    wchar_t *wpath = malloc((size_t)n * sizeof *wpath);
    if (wpath == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    FILE *f = NULL;
    if (MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, wpath, n) == n)
        f = _wfopen(wpath, wmode);
    else
        errno = EINVAL;
    free(wpath);
    return f;
#else
    return fopen(path, mode);
#endif
}

int cli_stdin_binary(void)
{
#ifdef _WIN32
    return _setmode(_fileno(stdin), _O_BINARY) == -1 ? -1 : 0;
#else
    return 0;
#endif
}

char *cli_trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}
