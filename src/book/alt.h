/* What an image tells a reader who cannot see it, the same for `folio
 * check`, the PDF (/Alt) and the EPUB (alt): its alt text, else its
 * figure's caption, as Quarto writes a captioned figure's alt. */
#ifndef FOLIO_BOOK_ALT_H
#define FOLIO_BOOK_ALT_H

#include "book.h"
#include "resources.h"

/* The image's alt text, else the plain text of its caption (a figure's;
 * NULL for none) allocated in a; NULL when it has neither. */
const char *book_image_alt(arena *a, const fimage *img, const fnode *caption);

/* Warns, once per run, of each image of the book that loads but has
 * neither alt text nor caption (one that does not load is warned of as
 * missing by the backends). */
void book_warn_undescribed(const fbook *b, book_resources *res);

#endif
