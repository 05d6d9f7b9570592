/* Post passes that give blocks their final shape once the whole tree is
 * built: pandoc's implicit figures, image alt text, callout titles from a
 * first heading, captions made of inlines only, ^superscripts^. */
#ifndef FOLIO_FINISH_H
#define FOLIO_FINISH_H

#include "doc.h"

/* Merges adjacent text nodes and trims paragraph edges; runs first. */
void finish_text(folio_doc *doc);
/* The shapes above; runs after attributes and footnotes. */
void finish_tree(folio_doc *doc);

#endif
