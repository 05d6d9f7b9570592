/* The EPUB backend: XHTML chapters serialised from the model, packaged by
 * libzip. Entry point called by src/render.c. */
#ifndef FOLIO_EPUB_H
#define FOLIO_EPUB_H

#include "doc/doc.h"
#include "style/style.h"
#include "util/diag.h"

/* Renders n documents (one chapter each, in order) to an EPUB 3 in memory:
 * *out malloc'ed on FOLIO_OK. fonts_dir is the bundled fonts folder (for
 * --embed-fonts). */
folio_status epub_render(folio_doc *const *docs, size_t n, const folio_render_options *o,
                         const folio_style *style, const char *fonts_dir, fdiag *d,
                         unsigned char **out, size_t *out_len);

#endif
