/* Quarto's language: key, in the front matter or _quarto.yml: the words
 * folio prints itself, as the author wants them ("callout-note-title:
 * À retenir", "crossref-fig-title: Graphique"), over the tables of
 * book/words_table.h. Its value is a mapping of Quarto's keys, or the path
 * of a YAML file holding one. */
#ifndef FOLIO_LANGUAGE_H
#define FOLIO_LANGUAGE_H

#include <stdbool.h>

#include "util/arena.h"
#include "util/diag.h"
#include "util/yamltree.h"

/* Whether the value of a language: key is for language_read (a mapping, or
 * a .yml/.yaml file name) rather than a language tag (language: fr). */
bool language_is_words(const ynode *v);
/* Reads v (file: where it was written; dir: the folder a file name is
 * relative to) into *words, an array of W_COUNT strings by word_id
 * (book/words.h) made in a when NULL; a later key wins. A key folio prints
 * no word for, a value that is not text and a file that cannot be read are
 * warned of and skipped. */
void language_read(const ynode *v, const char *file, const char *dir, arena *a, fdiag *d,
                   const char ***words);

#endif
