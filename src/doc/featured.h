/* The front matter's featured image, as both backends show it. */
#ifndef FOLIO_FEATURED_H
#define FOLIO_FEATURED_H

#include "doc.h"

/* meta.image, or NULL when there is none or the body already shows that
 * image (Quarto issues often open with it): never printed twice. */
const char *doc_featured_image(const folio_doc *doc);

#endif
