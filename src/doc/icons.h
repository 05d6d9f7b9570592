/* Font Awesome Free 6 icons by name ({{< fa brands github >}}, Hugo's
 * {{< icon name="github" pack="fab" >}}, <i class="fa-brands fa-github">):
 * the name's code point and the style (font) that draws it. The table is
 * generated from the package's metadata (tools/icons/gen_icon_table.py);
 * the fonts are fonts/icons/fa-*.ttf, drawn by each backend. */
#ifndef FOLIO_DOC_ICONS_H
#define FOLIO_DOC_ICONS_H

#include <stdbool.h>

#include "node.h"

/* Resolves name (an alias too: js-square) in style when the icon has it,
 * else in the first of solid, regular, brands it has (Quarto's PDF does
 * so: {{< fa github >}} is the brand icon). False for an unknown name. */
bool ficon_find(const char *name, ficon_style style, unsigned *code, ficon_style *drawn);

/* The style a word names: "brands", "fab", "fa-brands" → FICON_BRANDS…;
 * -1 for none of them. */
int ficon_style_of(const char *word);

/* The size factor of a size word (Font Awesome's 2x, lg, 2xs…, LaTeX's
 * Large, small… as Quarto's extension reads them); 0 for none. */
float ficon_size_of(const char *word);

/* "solid", "regular" or "brands". */
const char *ficon_style_name(ficon_style s);

#endif
