/* From a painted layout to a finished PDF (finish.h): what the documents
 * say about themselves (title, authors, summary, keywords, language,
 * dates), whether the file is a PDF/A-2b or, with the sources, a PDF/A-3b,
 * which sources to attach, and the description of every figure. */
#ifndef FOLIO_PDF_ARCHIVE_H
#define FOLIO_PDF_ARCHIVE_H

#include "layout.h"

/* One structure element as the painter opened it, in order: its tag and,
 * for a Figure, its description (/Alt). */
typedef struct pdf_tagrec {
    const char *tag;
    const char *alt;
} pdf_tagrec;

/* Finishes the PDF cairo wrote (pdf[0, len)) into *out (malloc'ed). tags:
 * the n structure elements the painter opened, in order. */
folio_status pdf_archive(const playout *pl, const folio_render_options *o, const folio_style *st,
                         const pdf_tagrec *tags, size_t n_tags, fdiag *d, const unsigned char *pdf,
                         size_t len, unsigned char **out, size_t *out_len);

#endif
