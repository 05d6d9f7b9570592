/* HTML character references (&eacute; &#233; &#xE9;), decoded while
 * building the tree so that no backend ever sees an entity. */
#ifndef FOLIO_ENTITY_H
#define FOLIO_ENTITY_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* Decodes the one reference s[0..len) ("&amp;") into out. Returns false,
 * appending nothing, when it is not a reference folio knows. */
bool entity_decode(const char *s, size_t len, buf *out);

/* Appends s[0..len) to out, decoding every known reference in it and
 * keeping unknown ones as written. */
void entity_decode_all(const char *s, size_t len, buf *out);

#endif
