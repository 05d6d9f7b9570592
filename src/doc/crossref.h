/* Quarto cross-references: figures ![…](x.png){#fig-a} and figure divs
 * ::: {#fig-a} (their last paragraph the caption, their figures lettered
 * subfigures), tables with a ": Caption {#tbl-a}", headings {#sec-a} and
 * display formulas $$ … $$ {#eq-a} are numbered in reading order (captions
 * read "Figure 1 : …" in the document's language, formulas "(1)"), and
 * @fig-a, [@tbl-a], [-@sec-a], @eq-a become links reading "Figure 1",
 * "Tableau 1", "Section 2.1", "Équation 1" to them; an unknown label is
 * warned about and kept. */
#ifndef FOLIO_CROSSREF_H
#define FOLIO_CROSSREF_H

#include "doc.h"
#include "util/diag.h"

/* Runs once the document's language is known. */
void crossref_apply(folio_doc *doc, fdiag *d);

#endif
