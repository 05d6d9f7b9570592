/* The cover: the style's image when it names one, else a PNG folio draws
 * with cairo and pango (title, years, number of issues) in the bundled
 * fonts. */
#ifndef FOLIO_EPUB_COVER_H
#define FOLIO_EPUB_COVER_H

#include "book.h"

/* Fills b->cover. A cover that cannot be made is reported as a warning and
 * the book goes without one. */
void epub_cover_make(epub_book *b);

#endif
