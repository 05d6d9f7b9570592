/* The text layer of a run, where the layout's text is not what a reader
 * searching the PDF should get. Two cases, both about soft hyphens (U+00AD):
 * - the hyphenator puts them between letters ("dif\u00adficile") and
 *   HarfBuzz still forms the "ffi" ligature across one: the glyph's cluster
 *   carries "f\u00adfi" and pdftotext gives "dif\u00adficile". Inside a
 *   cluster, soft hyphens are dropped.
 * - a word cut at a line end ends with a soft hyphen drawn as a hyphen.
 *   Text extractors (poppler's pdftotext, pdf.js, TET) rejoin a word whose
 *   line ends with a hyphen-minus, never one that ends with U+00AD: the
 *   drawn hyphen stands for "-", and "diffu-" + "sion" extracts as
 *   "diffusion". A soft hyphen that draws nothing is left alone. */
#ifndef FOLIO_PDF_RUN_TEXT_H
#define FOLIO_PDF_RUN_TEXT_H

#include <stdbool.h>

#include <cairo.h>
#include <pango/pangocairo.h>

/* Whether run's text layer differs from its layout's text: a soft hyphen
 * inside a cluster, or one drawn as a hyphen. text is the whole text of the
 * run's layout (run->item->offset indexes it). */
bool pdf_run_text_rewritten(const char *text, const PangoGlyphItem *run);

/* Paints run with its baseline origin at (x, y), in the run's foreground
 * colour, with the text layer pdf_run_text_rewritten describes. */
void pdf_run_show_rewritten(cairo_t *cr, const char *text, const PangoGlyphItem *run, double x,
                            double y);

#endif
