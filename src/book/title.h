/* The title of a compilation when the user gave none, the same for the PDF
 * and the EPUB: "Infolettre 2023" or "Infolettre 2023–2025". */
#ifndef FOLIO_BOOK_TITLE_H
#define FOLIO_BOOK_TITLE_H

#include "doc/doc.h"

/* The category every document shares (else fallback, a word such as
 * "Collection" in the book's language), followed by the year or the span
 * of years of their front-matter dates. Allocated in a. */
const char *book_default_title(arena *a, folio_doc *const *docs, size_t n, const char *fallback);

#endif
