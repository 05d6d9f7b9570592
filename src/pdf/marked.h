/* Marked content in a page's content stream: the sequences cairo opens
 * for its structure tags ("/Name << /MCID n >> BDC … EMC") found by a
 * tokenizer of the content-stream syntax (ISO 32000-1 7.2, 7.8: strings,
 * names, dictionaries, arrays, comments, inline images), each one's
 * opening rewritten and, when asked, its closing EMC removed. Everything
 * else is copied byte for byte. */
#ifndef FOLIO_PDF_MARKED_H
#define FOLIO_PDF_MARKED_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* Called for each tagged opening, in content order, with the tag's name
 * (without the slash). Appends what replaces "/Name << … >> BDC" to out
 * (nothing: removed), sets *drop_emc when the matching EMC goes too, and
 * returns false to stop (the rewrite then fails). */
typedef bool (*pdf_marked_fn)(void *ctx, const char *name, size_t name_len, buf *out,
                              bool *drop_emc);

/* Rewrites content[0, len) into out. Returns false when fn stopped it or
 * the content cannot be read (an unterminated string or dictionary,
 * unbalanced marked content). */
bool pdf_marked_rewrite(const char *content, size_t len, pdf_marked_fn fn, void *ctx, buf *out);

#endif
