/* Helpers of the pdffont unit tests: temporary PDF paths and the output of
 * the command-line tools (qpdf, pdfinfo, pdftotext…) that check them. */
#ifndef FOLIO_PDFFONT_RUN_H
#define FOLIO_PDFFONT_RUN_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* A fresh, empty temporary file named like "/tmp/<stem>-XXXXXX<suffix>";
 * path must hold 64 bytes. False on failure. */
static inline bool temp_path(char *path, const char *stem, const char *suffix)
{
    snprintf(path, 64, "/tmp/%s-XXXXXX%s", stem, suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    if (fd < 0)
        return false;
    close(fd);
    return true;
}

/* Runs a shell command (printf-style) and returns its standard output,
 * malloc'ed (never NULL); *status receives its exit status (-1 when it
 * could not run) if status is not NULL. */
static inline __attribute__((format(printf, 2, 3))) char *run(int *status, const char *fmt, ...)
{
    char cmd[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    size_t cap = 4096, len = 0;
    char *out = malloc(cap);
    FILE *p = popen(cmd, "r");
    size_t got;
    while (p && (got = fread(out + len, 1, cap - len - 1, p)) > 0) {
        len += got;
        if (cap - len < 2)
            out = realloc(out, cap *= 2);
    }
    out[len] = '\0';
    int st = p ? pclose(p) : -1;
    if (status)
        *status = st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return out;
}

#endif
