/* Post passes that give blocks their final shape once the whole tree is
 * built: pandoc's implicit figures, image alt text, callout titles from a
 * first heading, captions made of inlines only, ^superscripts^. */
#ifndef FOLIO_FINISH_H
#define FOLIO_FINISH_H

#include "doc.h"

void finish_tree(folio_doc *doc);

#endif
