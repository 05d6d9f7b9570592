/* Footnotes, which md4c 0.4.8 lacks: definitions come from the pre-pass as
 * FN_FOOTNOTE_DEF blocks; references are found in text as [^label]. */
#ifndef FOLIO_FOOTNOTES_H
#define FOLIO_FOOTNOTES_H

#include "doc.h"
#include "util/diag.h"

/* Turns [^label] in text into FN_FOOTNOTE_REF nodes, numbers the notes by
 * first reference, and moves the definitions, in that order, to the end
 * of the document. An undefined reference stays text (warning); a note
 * never referenced keeps number 0 and comes last (warning). */
void footnotes_resolve(folio_doc *doc, fdiag *d);

#endif
