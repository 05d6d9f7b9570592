/* Collects diagnostics as "line:col: severity: message" lines so tests can
 * assert on what a user would read. */
#ifndef FOLIO_TEXT_CAPTURE_H
#define FOLIO_TEXT_CAPTURE_H

#include "util/buf.h"
#include "util/diag.h"

typedef struct capture {
    fdiag d;
    buf text;
} capture;

static void capture_fn(const folio_diag *g, void *user)
{
    capture *c = user;
    buf_printf(&c->text, "%d:%d: %s: %s\n", g->line, g->col,
               g->severity == FOLIO_ERROR ? "error" : "warning", g->message);
}

static inline void capture_init(capture *c)
{
    c->text = (buf){0};
    fdiag_init(&c->d, capture_fn, c);
}

/* The messages so far, then cleared for the next case. */
static inline const char *capture_take(capture *c, buf *keep)
{
    buf_clear(keep);
    buf_puts(keep, buf_cstr(&c->text));
    buf_clear(&c->text);
    c->d.errors = c->d.warnings = 0;
    return buf_cstr(keep);
}

#endif
