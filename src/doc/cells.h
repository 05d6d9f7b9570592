/* Executable cells (```{python}, ```{ojs}, ```{webr-r}…): folio runs no
 * code. Their option lines (#| echo: false, //| …) are read and never
 * shown; echo: false (the cell's, the front matter's execute:, the
 * project's) hides the code; where a cell's output would be, a note in the
 * document's language points to the online version (warned about). */
#ifndef FOLIO_CELLS_H
#define FOLIO_CELLS_H

#include "doc.h"
#include "util/diag.h"

/* Runs once the document's language is known. */
void cells_apply(folio_doc *doc, fdiag *d);

#endif
