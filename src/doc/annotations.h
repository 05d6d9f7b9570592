/* Quarto's code annotations: a code line ending in its language's comment
 * and a number ("# <1>", "//<2>") points to the item of that number in the
 * ordered list right after the block. The marker leaves the code's text
 * and is kept as a number on its line (fcode.marks), which both backends
 * show; the list is marked as the block's notes. A block of a language
 * Quarto does not annotate keeps its lines as written. */
#ifndef FOLIO_ANNOTATIONS_H
#define FOLIO_ANNOTATIONS_H

#include "doc.h"
#include "util/diag.h"

/* Runs after cells_apply (its option lines out, its output notes in). */
void annotations_apply(folio_doc *doc, fdiag *d);

#endif
