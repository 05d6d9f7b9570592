/* Characters a reader would not see: controls (C0 and C1, e.g. U+0090 from
 * a bad encoding or an entity such as &#x90;) and characters no bundled
 * font draws (★, CJK, private use…). Encoding repair already removed those
 * it met in the raw source; this looks at the model, where entities, front
 * matter escapes and every other way in have been decoded, so that
 * `folio check` and both conversions warn of the same characters, once. */
#ifndef FOLIO_BOOK_GLYPHS_H
#define FOLIO_BOOK_GLYPHS_H

#include "doc/doc.h"
#include "text/fonts.h"
#include "util/diag.h"

/* The output a warning speaks of: the PDF leaves out the characters no
 * bundled font has (text/shape_cache.c, text_layout_drop_missing), the
 * EPUB keeps them for the reading system's fonts; both leave out the
 * controls. BOOK_OUTPUT_ANY: no one output (folio check) says both. */
typedef enum book_output { BOOK_OUTPUT_PDF, BOOK_OUTPUT_EPUB, BOOK_OUTPUT_ANY } book_output;

/* Warns at file:line:col of the first place of each such character of doc
 * (each code point once per document, 20 at most, then a count), saying
 * what out does with it. Returns the number of characters warned of. */
int book_warn_unprintable(const folio_doc *doc, const text_fonts *fonts, book_output out,
                          fdiag *d);

#endif
