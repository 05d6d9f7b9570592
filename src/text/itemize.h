/* Itemizing a paragraph: pango_itemize, with a shortcut for the common
 * paragraph of plain Latin prose in one style. pango_itemize spends ~500
 * instructions a character (font lookups, script, emoji, width and bidi
 * iterators): 8% of a long text's CPU. A paragraph whose attributes all
 * cover the whole text, in a left-to-right context, whose characters are
 * all Latin or neutral (no emoji, no bidi control, no mark, no control)
 * and all drawn by the first font of the style's fontset is one item,
 * whose analysis is that of its first word: Pango itemizes only that
 * prefix, and the item is stretched over the text. */
#ifndef FOLIO_TEXT_ITEMIZE_H
#define FOLIO_TEXT_ITEMIZE_H

#include <pango/pango.h>

/* The items of text[0, len) (as pango_itemize(context, text, 0, len,
 * attrs, NULL)): a list of PangoItem the caller frees. */
GList *text_itemize(PangoContext *context, const char *text, int len, PangoAttrList *attrs);

/* For tests: how many paragraphs took the shortcut in this process. */
unsigned text_itemize_shortcuts(void);

#endif
