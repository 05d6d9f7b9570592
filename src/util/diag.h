/* Diagnostics: every message the user sees goes through here, formatted as
 * path:line:col: severity: message, and is counted. */
#ifndef FOLIO_DIAG_H
#define FOLIO_DIAG_H

#include "folio.h"

typedef struct fdiag {
    folio_diag_fn fn; /* NULL: print to stderr */
    void *user;
    int errors, warnings;
} fdiag;

void fdiag_init(fdiag *d, folio_diag_fn fn, void *user);
/* Reports one message; line/col 0 when unknown. Its kind (folio_diag.kind)
 * is fmt. */
void fdiag_report(fdiag *d, folio_severity sev, const char *file, int line, int col,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* The same, of kind kind (a string literal: the pattern a wrapper that
 * formats the message itself was given). */
void fdiag_report_kind(fdiag *d, folio_severity sev, const char *kind, const char *file,
                       int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
/* A folio_diag_fn for files that are a convenience, never a reason to
 * refuse an issue (site settings, a language file): their diagnostics
 * reach the fdiag user as warnings that the file is ignored. */
void fdiag_file_ignored(const folio_diag *dg, void *user);
#define fdiag_error(d, file, line, col, ...) fdiag_report(d, FOLIO_ERROR, file, line, col, __VA_ARGS__)
#define fdiag_warn(d, file, line, col, ...) fdiag_report(d, FOLIO_WARNING, file, line, col, __VA_ARGS__)

#endif
