/* Front-matter strings are written in Markdown too (Quarto and Hugo themes
 * render `description: Infolettre de __février__`): reduce them to the text
 * a reader sees, so no backend prints the markers. */
#ifndef FOLIO_META_TEXT_H
#define FOLIO_META_TEXT_H

#include "doc.h"

/* Plain text of one line of Markdown, allocated in a; entities decoded,
 * line breaks as spaces, surrounding space trimmed. NULL gives NULL. */
const char *meta_text_plain(arena *a, const char *markdown);

/* The same Markdown as the model's nodes, for where the reader sees it
 * rendered (a listing's descriptions, as Quarto shows them): one paragraph
 * per Markdown block, appended to parent, its inlines emphasis, strong,
 * struck, code, links and text; anything else (images, raw HTML) as its
 * text. Every node is marked as from doc->files[file] at line. */
void meta_text_nodes(arena *a, const char *markdown, fnode *parent, int file, int line);

/* Applies meta_text_plain to the title, subtitle and summary. */
void meta_text_apply(fmeta *m, arena *a);

#endif
