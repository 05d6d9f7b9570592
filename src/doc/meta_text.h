/* Front-matter strings are written in Markdown too (Quarto and Hugo themes
 * render `description: Infolettre de __février__`): reduce them to the text
 * a reader sees, so no backend prints the markers. */
#ifndef FOLIO_META_TEXT_H
#define FOLIO_META_TEXT_H

#include "doc.h"

/* Plain text of one line of Markdown, allocated in a; entities decoded,
 * line breaks as spaces, surrounding space trimmed. NULL gives NULL. */
const char *meta_text_plain(arena *a, const char *markdown);

/* Applies meta_text_plain to the title, subtitle and summary. */
void meta_text_apply(fmeta *m, arena *a);

#endif
