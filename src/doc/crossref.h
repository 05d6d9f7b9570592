/* Quarto cross-references: figures ![…](x.png){#fig-a}, tables with a
 * ": Caption {#tbl-a}" and headings {#sec-a} are numbered in reading order
 * (their captions read "Figure 1 : …" in the document's language), and
 * @fig-a, [@tbl-a], [-@sec-a] become links reading "Figure 1", "Tableau 1",
 * "Section 2.1" to them; an unknown label is warned about and kept. */
#ifndef FOLIO_CROSSREF_H
#define FOLIO_CROSSREF_H

#include "doc.h"
#include "util/diag.h"

/* Runs once the document's language is known. */
void crossref_apply(folio_doc *doc, fdiag *d);

#endif
