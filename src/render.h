/* A run: one folio_render call. render.c sets it up once — options with
 * their defaults, the style with the paper applied, the bundled fonts, the
 * book — and hands it to a backend, each of which is new / render / free
 * behind the small interface below (lowdown's habit). */
#ifndef FOLIO_RENDER_H
#define FOLIO_RENDER_H

#include "book/book.h"
#include "book/glyphs.h"
#include "book/resources.h"
#include "folio.h"
#include "style/style.h"
#include "text/fonts.h"
#include "text/hyphen.h"
#include "util/diag.h"

typedef struct render_run {
    folio_render_options opt; /* the caller's, defaults filled in */
    folio_style style;        /* the caller's or the house style, paper applied */
    folio_style *owned_style; /* loaded here when the caller gave none */
    char *fonts_dir;          /* the bundled fonts folder */
    text_fonts *fonts;        /* its fonts: one font map for the run, both backends */
    bool fonts_borrowed;      /* the caller's folio_fonts, not dropped here */
    text_hyphen_dicts *hyphen_dicts; /* the run's, or the caller's folio_fonts' */
    fbook *book;
    book_resources *resources; /* every image of the run, loaded once for the backend */
    fdiag diag;
} render_run;

/* Sets up a run for n documents, whose warnings speak of out; on any
 * status the run must be closed with render_run_close. */
folio_status render_run_open(render_run *r, folio_doc *const *docs, size_t n,
                             const folio_render_options *o, book_output out);
void render_run_close(render_run *r);

/* A backend. new prepares (the PDF lays out every page); render writes the
 * output in memory (*out malloc'ed on FOLIO_OK), or, when it is NULL,
 * render_fd writes it to a file from its position (the PDF: a long one is
 * never whole in memory); free releases what new made. The run outlives
 * the backend. */
typedef struct render_backend {
    const char *name;
    folio_status (*new)(render_run *r, void **self);
    folio_status (*render)(void *self, unsigned char **out, size_t *out_len);
    void (*free)(void *self);
    folio_status (*render_fd)(void *self, int fd);
} render_backend;

#endif
