#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

#include "buf.h"

void fdiag_init(fdiag *d, folio_diag_fn fn, void *user)
{
    d->fn = fn;
    d->user = user;
    d->errors = d->warnings = 0;
}

void folio_diag_print(const folio_diag *d, FILE *out)
{
    const char *sev = d->severity == FOLIO_ERROR ? "error" : "warning";
    if (d->line > 0 && d->col > 0)
        fprintf(out, "%s:%d:%d: %s: %s\n", d->file, d->line, d->col, sev, d->message);
    else if (d->line > 0)
        fprintf(out, "%s:%d: %s: %s\n", d->file, d->line, sev, d->message);
    else
        fprintf(out, "%s: %s: %s\n", d->file, sev, d->message);
}

void fdiag_report(fdiag *d, folio_severity sev, const char *file, int line, int col,
                  const char *fmt, ...)
{
    buf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    folio_diag diag = {sev, file ? file : "folio", line, col, buf_cstr(&msg)};
    if (sev == FOLIO_ERROR)
        d->errors++;
    else
        d->warnings++;
    if (d->fn)
        d->fn(&diag, d->user);
    else
        folio_diag_print(&diag, stderr);
    buf_free(&msg);
}
