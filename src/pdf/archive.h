/* From a painted layout to a finished PDF (finish.h): what the documents
 * say about themselves (title, authors, summary, keywords, language,
 * dates), whether the file is a PDF/A-2b or, with the sources, a PDF/A-3b,
 * which sources to attach, and the logical structure. */
#ifndef FOLIO_PDF_ARCHIVE_H
#define FOLIO_PDF_ARCHIVE_H

#include "layout.h"

/* Finishes the PDF cairo wrote (pdf[0, len), edited in place: finish.h)
 * into *out (malloc'ed). marks:
 * what the painter painted, in order (tagging.h). */
folio_status pdf_archive(const playout *pl, const folio_render_options *o, const folio_style *st,
                         const pmarks *marks, fdiag *d, unsigned char *pdf, size_t len,
                         unsigned char **out, size_t *out_len);

#endif
