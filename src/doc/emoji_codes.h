/* Emoji codes (:tada: → 🎉) where the site or the page asks for them: a
 * Hugo site with enableEmoji, a Quarto page or project reading
 * markdown+emoji. All the codes of GitHub's list (gemoji, emoji_table.h);
 * an unknown :word: stays as written (a time such as 10:30: is not a
 * code). */
#ifndef FOLIO_EMOJI_CODES_H
#define FOLIO_EMOJI_CODES_H

#include "doc.h"

void emoji_codes_apply(folio_doc *doc);

#endif
