/* The PDF backend: lay out documents into pages of boxes, then paint them
 * with cairo. Entry points called by src/render.c. */
#ifndef FOLIO_PDF_H
#define FOLIO_PDF_H

#include <stdio.h>

#include "doc/doc.h"
#include "style/style.h"
#include "util/diag.h"

/* Renders n documents (one issue, or a compilation in order) to a PDF in
 * memory: *out malloc'ed on FOLIO_OK. fonts_dir is the bundled fonts folder. */
folio_status pdf_render(folio_doc *const *docs, size_t n, const folio_render_options *o,
                        const folio_style *style, const char *fonts_dir, fdiag *d,
                        unsigned char **out, size_t *out_len);

/* Writes the layout (pages of positioned boxes) as text. */
folio_status pdf_dump_layout(folio_doc *const *docs, size_t n, const folio_render_options *o,
                             const folio_style *style, const char *fonts_dir, fdiag *d,
                             FILE *out);

#endif
