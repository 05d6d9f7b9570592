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

/* s with what is_unsafe escaped, onto b. */
static void put_escaped(buf *b, const char *s)
{
    const char *end = s + strlen(s);
    while (s < end) {
        gunichar c = g_utf8_get_char_validated(s, end - s);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            buf_printf(b, "\\x%02X", (unsigned char)*s); /* not UTF-8 */
            s++;
            continue;
        }
        const char *next = g_utf8_next_char(s);
        if (c == '\n')
            buf_puts(b, "\\n");
        else if (c == '\t')
            buf_puts(b, "\\t");
        else if (c == '\r')
            buf_puts(b, "\\r");
        else if (c < 0x80 && is_unsafe(c))
            buf_printf(b, "\\x%02X", (unsigned)c);
        else if (is_unsafe(c))
            buf_printf(b, "\\u%04X", (unsigned)c);
        else
            buf_append(b, s, (size_t)(next - s));
        s = next;
    }
}

/* Written at once: stderr is unbuffered, and a write per piece (one per
 * character of a name) made each warning cost ~50 us. */
static void put_buf(const buf *b, FILE *out)
{
    if (b->len)
        fwrite(b->data, 1, b->len, out);
}

void folio_print_escaped(const char *s, FILE *out)
{
    buf b = {0};
    put_escaped(&b, s);
    put_buf(&b, out);
    buf_free(&b);
}

void folio_diag_print(const folio_diag *d, FILE *out)
{
    buf b = {0};
    put_escaped(&b, d->file);
    if (d->line > 0)
        buf_printf(&b, ":%d", d->line);
    if (d->line > 0 && d->col > 0)
        buf_printf(&b, ":%d", d->col);
    buf_printf(&b, ": %s: ", d->severity == FOLIO_ERROR ? "error" : "warning");
    put_escaped(&b, d->message);
    buf_putc(&b, '\n');
    put_buf(&b, out);
    buf_free(&b);
}

static void report(fdiag *d, folio_severity sev, const char *kind, const char *file, int line,
                   int col, const char *fmt, va_list ap)
{
    buf msg = {0};
    buf_vprintf(&msg, fmt, ap);
    folio_diag diag = {sev, file ? file : "folio", line, col, buf_cstr(&msg), kind};
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

void fdiag_report(fdiag *d, folio_severity sev, const char *file, int line, int col,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(d, sev, fmt, file, line, col, fmt, ap);
    va_end(ap);
}

void fdiag_report_kind(fdiag *d, folio_severity sev, const char *kind, const char *file,
                       int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(d, sev, kind, file, line, col, fmt, ap);
    va_end(ap);
}

void fdiag_file_ignored(const folio_diag *dg, void *user)
{
    fdiag_report_kind(user, FOLIO_WARNING, dg->kind, dg->file, dg->line, dg->col,
                      "%s; the file is ignored", dg->message);
}
