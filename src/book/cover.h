/* The cover of a compilation, one design for both outputs: the title on a
 * band of the heading colour, the latest issue's featured image when it
 * has one, the years, the number of issues and the publisher. The PDF
 * paints it as its first page (vectors and real text), the EPUB as its
 * cover image. */
#ifndef FOLIO_BOOK_COVER_H
#define FOLIO_BOOK_COVER_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>

#include "book.h"
#include "resources.h"

typedef struct book_cover {
    const char *title;     /* the book's */
    const char *years;     /* "2023–2025"; NULL when no issue has a date */
    const char *count;     /* "5 numéros" */
    const char *publisher; /* NULL: none */
    fimg_bytes *image;     /* the latest issue's featured image, or NULL */
    const char *image_src; /* as written in its front matter */
    const folio_style *style;
    const folio_limits *limits;
} book_cover;

/* What the cover of b shows; the image comes through res. */
void book_cover_get(const fbook *b, book_resources *res, const folio_style *style,
                    const folio_limits *limits, book_cover *out);

/* Draws the cover on cr over (0, 0, w, h) in cr's units, on the white
 * paper the caller gives (a PDF page; an image painted white), with text shaped
 * in pc (the bundled fonts). false, with *why, when the image could not be
 * drawn (the rest is). */
bool book_cover_draw(cairo_t *cr, double w, double h, const book_cover *c, PangoContext *pc,
                     const char **why);

/* What the cover is and its words in one line, for alternative text:
 * "Couverture · SSPHub — Infolettre 2023–2025 · 5 numéros · SSPLab". In
 * b's arena. */
const char *book_cover_alt(const fbook *b, const book_cover *c);

#endif
