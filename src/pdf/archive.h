/* From a painted layout to a finished PDF (finish.h): what the documents
 * say about themselves (title, authors, summary, keywords, language,
 * dates), whether the file is a PDF/A-2b or, with the sources, a PDF/A-3b,
 * which sources to attach, and the logical structure. */
#ifndef FOLIO_PDF_ARCHIVE_H
#define FOLIO_PDF_ARCHIVE_H

#include "layout.h"
#include "ximage.h"

/* Finishes the PDF cairo wrote to the scratch file at fd pdf (edited in
 * place: finish.h), written to fd out. marks: what the painter painted,
 * in order (tagging.h); images: those folio compressed itself
 * (ximage.h). */
folio_status pdf_archive(const playout *pl, const folio_render_options *o, const folio_style *st,
                         const pmarks *marks, const pdf_ximages *images, fdiag *d, int pdf,
                         int out);

#endif
