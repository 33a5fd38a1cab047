/* SPDX-License-Identifier: Apache-2.0 */
/* Error messages, the small text helpers every command uses, and files the same way on
 * every system (cli.h). */
#define _POSIX_C_SOURCE 200809L /* O_CLOEXEC, fchmod, mkstemp */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifdef _WIN32
#include <io.h>
#include <limits.h>
#include <windows.h>
#else
#include <unistd.h>
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

/* ---- files ---- */

const char *cli_last_separator(const char *path)
{
    const char *slash = strrchr(path, '/');
#ifdef _WIN32
    const char *back = strrchr(path, '\\');
    if (back != NULL && (slash == NULL || back > slash))
        slash = back;
#endif
    return slash;
}

#ifdef _WIN32
/* path (UTF-8) as a UTF-16 string, malloc'd; NULL with errno set. */
static wchar_t *wide(const char *path)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, NULL, 0);
    if (n <= 0) {
        errno = EINVAL; /* not UTF-8: no file has that name */
        return NULL;
    }
    wchar_t *w = malloc((size_t)n * sizeof *w);
    if (w == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    if (MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, w, n) != n) {
        free(w);
        errno = EINVAL;
        return NULL;
    }
    return w;
}

static int wide_open(const char *path, int flags)
{
    wchar_t *w = wide(path);
    if (w == NULL)
        return -1;
    int fd = _wopen(w, flags | _O_BINARY | _O_NOINHERIT, _S_IREAD | _S_IWRITE);
    int err = errno;
    free(w);
    errno = err;
    return fd;
}
#endif

int cli_open_read(const char *path)
{
#ifdef _WIN32
    return wide_open(path, _O_RDONLY);
#else
    return open(path, O_RDONLY | O_CLOEXEC);
#endif
}

int cli_open_write(const char *path)
{
#ifdef _WIN32
    return wide_open(path, _O_WRONLY | _O_TRUNC);
#else
    return open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
#endif
}

int cli_file_kind(const char *path, unsigned *mode)
{
    *mode = 0;
#ifdef _WIN32
    /* What the name opens: a device such as NUL or CON has no file to stat. */
    wchar_t *w = wide(path);
    if (w == NULL)
        return -1;
    HANDLE h = CreateFileW(w, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    free(w);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    int kind = 0;
    BY_HANDLE_FILE_INFORMATION info;
    if (GetFileType(h) == FILE_TYPE_DISK && GetFileInformationByHandle(h, &info))
        kind = (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) == 0;
    CloseHandle(h);
    return kind;
#else
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    *mode = (unsigned)st.st_mode & 07777u;
    return S_ISREG(st.st_mode) ? 1 : 0;
#endif
}

void cli_file_mode_like(int fd, const char *path)
{
#ifdef _WIN32
    (void)fd;
    (void)path;
#else
    /* The mode a new file would get (mkstemp's is 0600). */
    mode_t mask = umask(0);
    umask(mask);
    unsigned mode;
    if (cli_file_kind(path, &mode) >= 0)
        (void)fchmod(fd, (mode_t)mode);
    else
        (void)fchmod(fd, 0666 & ~mask);
#endif
}

const char *cli_temp_dir(char *buf, size_t size)
{
#ifdef _WIN32
    wchar_t w[MAX_PATH + 1];
    DWORD n = GetTempPathW(MAX_PATH + 1, w);
    if (n > 0 && n <= MAX_PATH && size <= INT_MAX &&
        WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, (int)size, NULL, NULL) > 0) {
        size_t len = strlen(buf);
        if (len > 3 && (buf[len - 1] == '\\' || buf[len - 1] == '/'))
            buf[len - 1] = '\0'; /* C:\Temp\ -> C:\Temp; C:\ stays */
        return buf;
    }
    return ".";
#else
    (void)buf;
    (void)size;
    const char *dir = getenv("TMPDIR");
    return dir != NULL && *dir != '\0' ? dir : "/tmp";
#endif
}

int cli_temp_file(const char *dir, const char *prefix, char **path_out)
{
    size_t len = strlen(dir) + strlen(prefix) + sizeof "/XXXXXX";
    char *path = malloc(len);
    if (path == NULL) {
        errno = ENOMEM;
        return -1;
    }
    snprintf(path, len, "%s/%sXXXXXX", dir, prefix);
#ifdef _WIN32
    /* mkstemp's way, with a UTF-16 name, in binary mode, not inherited, and removed by
     * Windows when closed if it is to have no name (a file open here cannot be deleted). */
    static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    char *x = path + len - sizeof "XXXXXX";
    unsigned long long seed = GetTickCount64() ^ ((unsigned long long)GetCurrentProcessId() << 32) ^
                              (unsigned long long)(uintptr_t)path;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        for (int i = 0; i < 6; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            x[i] = digits[(seed >> 33) % (sizeof digits - 1)];
        }
        fd = wide_open(path, _O_RDWR | _O_CREAT | _O_EXCL |
                                 (path_out == NULL ? _O_TEMPORARY : 0));
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0 || path_out == NULL) {
        int err = errno;
        free(path);
        errno = err;
        return fd;
    }
#else
    int fd = mkstemp(path);
    if (fd < 0 || path_out == NULL) {
        int err = errno;
        if (fd >= 0)
            unlink(path);
        free(path);
        errno = err;
        return fd;
    }
#endif
    *path_out = path;
    return fd;
}

int cli_remove(const char *path)
{
#ifdef _WIN32
    wchar_t *w = wide(path);
    int rc = w != NULL ? _wunlink(w) : -1;
    free(w);
    return rc;
#else
    return unlink(path);
#endif
}

int cli_replace(const char *from, const char *to)
{
#ifdef _WIN32
    wchar_t *wf = wide(from), *wt = wide(to);
    int ok = wf != NULL && wt != NULL &&
             MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
    if (!ok && wf != NULL && wt != NULL)
        errno = GetLastError() == ERROR_ACCESS_DENIED ? EACCES : EIO;
    free(wf);
    free(wt);
    return ok ? 0 : -1;
#else
    return rename(from, to);
#endif
}

long long cli_read(int fd, void *buf, size_t n)
{
#ifdef _WIN32
    return _read(fd, buf, n > INT_MAX ? INT_MAX : (unsigned)n);
#else
    return read(fd, buf, n);
#endif
}

long long cli_write(int fd, const void *buf, size_t n)
{
#ifdef _WIN32
    return _write(fd, buf, n > INT_MAX ? INT_MAX : (unsigned)n);
#else
    return write(fd, buf, n);
#endif
}

int cli_stdin_binary(void)
{
#ifdef _WIN32
    return _setmode(0, _O_BINARY) == -1 ? -1 : 0;
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
