/* The title of a compilation when the user gave none, the same for the PDF
 * and the EPUB: the site's title (from the project), the category every
 * issue shares, and the years — "SSPHub — Infolettre 2023–2025",
 * "Infolettre 2023", "SSPHub 2024". */
#ifndef FOLIO_BOOK_TITLE_H
#define FOLIO_BOOK_TITLE_H

#include "doc/doc.h"

/* "SITE — CATEGORY YEARS": the project's title when the documents share
 * one, the category every document shares (else, without a site either,
 * fallback: a word such as "Numéros" in the book's language), the year or
 * span of years of their front-matter dates. Allocated in a. */
const char *book_default_title(arena *a, folio_doc *const *docs, size_t n, const char *fallback);

#endif
