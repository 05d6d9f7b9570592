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

#include "text/paragraph.h"

/* Whether run's text layer differs from its layout's text: a soft hyphen
 * inside a cluster, or one drawn as a hyphen. text is the whole text of the
 * run's layout (run->item->offset indexes it). */
bool pdf_run_text_rewritten(const char *text, const PangoGlyphItem *run);

/* Paints run with its baseline origin at (x, y), in the run's foreground
 * colour, with the text layer pdf_run_text_rewritten describes. */
void pdf_run_show_rewritten(cairo_t *cr, const char *text, const PangoGlyphItem *run, double x,
                            double y);

/* Paints run as pango_cairo_show_glyph_item would (the same glyphs at the
 * same places, one cairo call), with the text layer pdf_run_text_rewritten
 * describes, and without Pango's renderer: its cluster walk costs more
 * than cairo's recording of the run. In a right-to-left run, a word whose
 * glyphs are not one for each character, each where the pen is (a
 * lam-alef, harakat, niqqud), has its text in an /ActualText span of its
 * own, in visual order (see run_text.c). The colour is the one set. Returns false (nothing painted) for what only
 * Pango paints: glyphs of no font (hex boxes). */
bool pdf_run_show(cairo_t *cr, const char *text, const PangoGlyphItem *run, double x, double y);

/* A code line the width broke inside a word (an identifier): the line
 * where the word begins carries it whole in the text layer, and the lines
 * it goes on over carry none of it, so that text extractors give it whole
 * (its continuation mark is drawn in the margin, out of the text). For
 * line i of p: *skip_end, the paragraph's byte before which the line's
 * text is the end of a word given to the line before (its start: none);
 * *tail (*tail_len bytes), the rest of the word cut at its end (NULL:
 * none). */
void pdf_code_line_join(const tpara *p, int i, int *skip_end, const char **tail, int *tail_len);

/* Paints run as pango_cairo_show_glyph_item would, with its first skip
 * bytes giving no text and tail following its last character in the text
 * layer. Returns false (nothing painted) when it cannot: a right-to-left
 * run, or a tail after a run of one glyph (it would become the glyph's own
 * text everywhere). */
bool pdf_run_show_joined(cairo_t *cr, const char *text, const PangoGlyphItem *run, double x,
                         double y, int skip, const char *tail, int tail_len);

/* A note mark (a footnote's or a URL note's number) printed right after a
 * word or a number: "2022" then note 26 extract as "202226" when nothing
 * parts them (extractors split words by the gaps between glyphs, never by
 * the space characters drawn). Its run carries this attribute (it says
 * nothing to Pango), and is painted this much to the right: a gap no reader
 * sees (0.6 pt at 10 pt) that ends the word before it. 0 for other runs. */
PangoAttribute *pdf_note_mark_attr_new(void);
double pdf_note_mark_gap(const PangoGlyphItem *run);

/* A key (<kbd>, Quarto's kbd shortcode): its runs carry this attribute
 * (nothing to Pango either), and the painter frames them as a key cap.
 * pdf_key_attr_of gives the run's, whose start and end index say where the
 * key's frame opens and closes (a key may span runs and lines); NULL for
 * other runs. */
PangoAttribute *pdf_key_attr_new(void);
const PangoAttribute *pdf_key_attr_of(const PangoGlyphItem *run);

#endif
