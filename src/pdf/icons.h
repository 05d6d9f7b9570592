/* Font Awesome icons in the PDF (doc/icons.h): each an unbreakable box
 * among words, the glyph of the bundled font (fonts/icons/fa-*.ttf,
 * embedded as a subset by cairo) in the text's colour and size, its name
 * as its text (copy, search and screen readers get "github"). The fonts
 * are opened on first use: a document without icons never reads them,
 * and they never serve ordinary text (they are not in the text fonts'
 * fontconfig set). */
#ifndef FOLIO_PDF_ICONS_H
#define FOLIO_PDF_ICONS_H

#include <cairo.h>
#include <pango/pango.h>
#include <stdbool.h>

#include "doc/doc.h"
#include "util/diag.h"

typedef struct pdf_icons pdf_icons;

/* One icon at one size, owned by its pdf_icons. */
typedef struct picon {
    unsigned glyph;
    double size;                   /* the font's size, points */
    double width, ascent, descent; /* points */
    const char *text;              /* the name: the text layer */
    cairo_font_face_t *face;
} picon;

/* The icons of one layout (fonts_dir NULL: none can be drawn). Drop with
 * pdf_icons_drop after painting. */
pdf_icons *pdf_icons_new(const char *fonts_dir);
void pdf_icons_drop(pdf_icons *ic);

/* n (an FN_ICON of doc) at the text size size. NULL, after one warning
 * per font, when its font cannot be read: the caller prints its name. */
const picon *pdf_icon_get(pdf_icons *ic, const folio_doc *doc, const fnode *n, double size,
                          fdiag *d);

/* A Pango shape attribute for i (its range, one U+FFFC of a paragraph's
 * text, set by the caller); picon_of_attr gives i back from the shape
 * attribute of a run (NULL for another object's). */
PangoAttribute *pdf_icon_attr(const picon *i);
const picon *picon_of_attr(const PangoAttribute *shape);

/* Paints i with its baseline's left end at (x, y), in cr's source. */
void pdf_icon_paint(cairo_t *cr, const picon *i, double x, double y);

#endif
