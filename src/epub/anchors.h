/* Anchors: ids in a chapter that links may target. Source ids (heading
 * slugs, {#id}) are mapped to valid XML ids the same way wherever they are
 * written or linked to; folio's own ids start with "folio-" and no mapped
 * source id does. */
#ifndef FOLIO_EPUB_ANCHORS_H
#define FOLIO_EPUB_ANCHORS_H

#include "book.h"

/* The XML id for a source id, in a; NULL for an empty id. */
const char *epub_anchor(arena *a, const char *id);
/* Fills ch->anchors with every id the chapter will carry. */
void epub_collect_anchors(epub_book *b, epub_chapter *ch);
/* true below a paragraph, a heading, a callout title or an inline, where
 * only phrasing content may be written. */
bool epub_in_phrasing(const fnode *n);
/* true for a block that cannot stand where the model put it (a list
 * inside an inline…): it is written as its plain text in a span. */
bool epub_flattened(const fnode *n);
/* Heading levels kept in the TOC (the options' toc_depth, default 3). */
int epub_toc_depth(const epub_book *b);
/* true for a heading that belongs in the TOC: not inside a callout,
 * quote, list, footnote, table or phrasing content. */
bool epub_heading_in_toc(const epub_book *b, const fnode *n);

#define EPUB_TITLE_ID "folio-title"

#endif
