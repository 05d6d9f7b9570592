/* Guessing a document's language from its text when nothing says it. */
#ifndef FOLIO_LANGGUESS_H
#define FOLIO_LANGGUESS_H

#include "doc/node.h"

/* "fr", "en", "de", "es" or "it" from stop-word counts over the text below
 * root; NULL when there is too little text or no clear winner. */
const char *lang_guess(const fnode *root);

/* The language of a block's own text (below block, not inside a block
 * quote nested in it) when it says so clearly: enough words, and one
 * language's stop words far ahead of every other's; NULL otherwise. Made
 * for a short passage, a quote, whose verdict must not flip a text in the
 * document's language. */
const char *lang_guess_passage(const fnode *block);

/* Gives each block quote without a language of its own the language its
 * text is clearly in (lang_guess_passage) when that differs from the one
 * around it (an enclosing div's, quote's, else doc_lang). */
void lang_guess_quotes(fnode *root, const char *doc_lang);

#endif
