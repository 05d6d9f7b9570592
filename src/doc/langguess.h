/* Guessing a document's language from its text when nothing says it. */
#ifndef FOLIO_LANGGUESS_H
#define FOLIO_LANGGUESS_H

#include "doc/node.h"

/* "fr", "en", "de", "es" or "it" from stop-word counts over the text below
 * root; NULL when there is too little text or no clear winner. */
const char *lang_guess(const fnode *root);

#endif
