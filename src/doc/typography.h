/* Language-aware typography on the model's text: French spacing before
 * ; : ! ? and inside « », curly quotes and apostrophes, "--" "---" "..." as
 * – — … (pandoc's and Hugo's smart punctuation). Never inside code, math or
 * URLs. */
#ifndef FOLIO_TYPOGRAPHY_H
#define FOLIO_TYPOGRAPHY_H

#include "doc/doc.h"
#include "doc/node.h"
#include "util/arena.h"

/* Rewrites the FN_TEXT nodes below root for lang (BCP 47; NULL does only
 * language-neutral quotes), or for the language a div, a quote or a span
 * below root says its content is in. New strings are allocated in the
 * arena. */
void typography_apply(fnode *root, const char *lang, arena *a);

/* The same rewriting for one plain string (front-matter title, subtitle,
 * summary): a new string in the arena, or s itself when out of memory. */
const char *typography_string(const char *s, const char *lang, arena *a);

/* Applies typography_string to the front matter's title, subtitle and
 * summary, which the title block, running header and metadata print. */
void typography_apply_meta(fmeta *meta, const char *lang, arena *a);

#endif
