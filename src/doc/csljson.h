/* A CSL-JSON reader for citations (refs.json, as pandoc and Quarto read it):
 * a list of items whose id, type, title, author/editor, issued,
 * container-title, volume, issue, page, publisher, DOI, URL and note
 * become the BibTeX fields bibtex.h describes, so that citations.c reads
 * both kinds alike. Parsed with json-glib; everything lives in the arena. */
#ifndef FOLIO_CSLJSON_H
#define FOLIO_CSLJSON_H

#include <stddef.h>

#include "bibtex.h"
#include "util/arena.h"
#include "util/diag.h"

/* Reads the items of text[0..len) (file names it in warnings). */
void csl_read(arena *a, const char *text, size_t len, const char *file, fdiag *d,
              bib_entry **entries, size_t *n);

#endif
