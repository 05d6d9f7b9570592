/* The tests' one way to collect diagnostics: one a line, as the folio
 * command prints them, "file:line:col: severity: message" (0 for a line or
 * column that is unknown, where the command leaves it out), so tests assert
 * on what a user reads. With files false the file name is left out
 * ("line:col: severity: message"); strip, when set, is a folder removed
 * from the front of file names. Give capture_fn with the capture as its
 * user to the public API (folio_options.diag, folio_render_options.diag),
 * or the capture's fdiag d to internal functions. */
#ifndef FOLIO_DIAG_CAPTURE_H
#define FOLIO_DIAG_CAPTURE_H

#include <stdbool.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"

typedef struct capture {
    fdiag d;
    buf text;
    bool files;
    const char *strip;
} capture;

static void capture_fn(const folio_diag *g, void *user)
{
    capture *c = user;
    const char *file = g->file;
    size_t n = c->strip ? strlen(c->strip) : 0;
    if (n && strncmp(file, c->strip, n) == 0 && file[n] == '/')
        file += n + 1;
    if (c->files)
        buf_printf(&c->text, "%s:", file);
    buf_printf(&c->text, "%d:%d: %s: %s\n", g->line, g->col,
               g->severity == FOLIO_ERROR ? "error" : "warning", g->message);
}

static inline void capture_init(capture *c, bool files)
{
    *c = (capture){.files = files};
    fdiag_init(&c->d, capture_fn, c);
}

/* Everything collected since the last clear ("" when nothing). */
static inline const char *capture_text(const capture *c) { return buf_cstr(&c->text); }

static inline void capture_clear(capture *c)
{
    buf_clear(&c->text);
    c->d.errors = c->d.warnings = 0;
}

/* The messages so far, copied into keep, then cleared for the next case. */
static inline const char *capture_take(capture *c, buf *keep)
{
    buf_clear(keep);
    buf_puts(keep, capture_text(c));
    capture_clear(c);
    return buf_cstr(keep);
}

static inline void capture_free(capture *c) { buf_free(&c->text); }

#endif
