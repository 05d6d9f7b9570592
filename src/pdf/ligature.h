/* The text layer of ligatures that span a hyphenation point. The
 * hyphenator puts soft hyphens (U+00AD) between letters ("dif\u00adficile");
 * HarfBuzz still forms the "ffi" ligature across one, and the glyph's
 * cluster then carries "f\u00adfi": pdftotext gives "dif\u00adficile" and a
 * search for "difficile" misses it. Such runs are painted here from a copy
 * of their text without the soft hyphens inside clusters. A soft hyphen
 * that is a cluster of its own (a break point, or the hyphen drawn at a
 * line end) is kept. */
#ifndef FOLIO_PDF_LIGATURE_H
#define FOLIO_PDF_LIGATURE_H

#include <stdbool.h>

#include <cairo.h>
#include <pango/pangocairo.h>

/* Whether some cluster of run holds a soft hyphen beside other characters.
 * text is the whole text of the run's layout (run->item->offset indexes it). */
bool pdf_ligature_run_has_inner_shy(const char *text, const PangoGlyphItem *run);

/* Paints run with its baseline origin at (x, y), in the run's foreground
 * colour, its clusters' text without their inner soft hyphens. */
void pdf_ligature_show_run(cairo_t *cr, const char *text, const PangoGlyphItem *run, double x,
                           double y);

#endif
