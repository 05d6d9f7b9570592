#include "diag.h"

#include <glib.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"

void fdiag_init(fdiag *d, folio_diag_fn fn, void *user)
{
    d->fn = fn;
    d->user = user;
    d->errors = d->warnings = 0;
}

/* Characters that must not reach a terminal or a log as themselves: C0 and
 * C1 controls and DEL (a newline forges a diagnostic line, ESC colours or
 * moves the cursor), and the bidirectional overrides and isolates that
 * reorder what is shown. */
static bool is_unsafe(gunichar c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
}

void folio_print_escaped(const char *s, FILE *out)
{
    const char *end = s + strlen(s);
    while (s < end) {
        gunichar c = g_utf8_get_char_validated(s, end - s);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            fprintf(out, "\\x%02X", (unsigned char)*s); /* not UTF-8 */
            s++;
            continue;
        }
        const char *next = g_utf8_next_char(s);
        if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c == '\r')
            fputs("\\r", out);
        else if (c < 0x80 && is_unsafe(c))
            fprintf(out, "\\x%02X", (unsigned)c);
        else if (is_unsafe(c))
            fprintf(out, "\\u%04X", (unsigned)c);
        else
            fwrite(s, 1, (size_t)(next - s), out);
        s = next;
    }
}

void folio_diag_print(const folio_diag *d, FILE *out)
{
    folio_print_escaped(d->file, out);
    if (d->line > 0)
        fprintf(out, ":%d", d->line);
    if (d->line > 0 && d->col > 0)
        fprintf(out, ":%d", d->col);
    fprintf(out, ": %s: ", d->severity == FOLIO_ERROR ? "error" : "warning");
    folio_print_escaped(d->message, out);
    fputc('\n', out);
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
