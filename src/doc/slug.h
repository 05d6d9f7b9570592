/* Heading ids: slugs from the heading text, unique within a document. */
#ifndef FOLIO_SLUG_H
#define FOLIO_SLUG_H

#include "doc/node.h"
#include "util/arena.h"

/* Gives every FN_HEADING below root an id: explicit ids are kept, the
 * others are slugs of the heading's plain text ("Première partie !" →
 * "premiere-partie", "" → "section"); duplicates get "-1", "-2"… suffixes so
 * that every id in the document is unique. */
void slug_assign_ids(fnode *root, arena *a);

/* The slug of a text, allocated in the arena (never empty). */
char *slug_from_text(arena *a, const char *text);

#endif
