/* The EPUB backend: XHTML chapters serialised from the model, packaged by
 * libzip. render.c picks it from its table of backends. */
#ifndef FOLIO_EPUB_H
#define FOLIO_EPUB_H

#include "render.h"

extern const render_backend epub_backend;

#endif
