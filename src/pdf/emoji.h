/* Colour emoji for the PDF. cairo 1.16 paints colour (CBDT) glyphs as
 * device-resolution bitmaps (~20 px: blurred in print) and drops them from
 * the text layer. Here each emoji glyph is painted as the font's own PNG
 * bitmap (136 px strike) scaled to the glyph's box, and the emoji characters
 * are written as invisible text underneath so `pdftotext` and copy/paste
 * still give them. */
#ifndef FOLIO_PDF_EMOJI_H
#define FOLIO_PDF_EMOJI_H

#include <stdbool.h>

#include <cairo.h>
#include <pango/pangocairo.h>

typedef struct pdf_emoji pdf_emoji;

/* A painter with its cache of emoji images; one per rendered document
 * (it may outlive any cairo_t, not the text_fonts whose fonts it painted).
 * Drop with pdf_emoji_drop. */
pdf_emoji *pdf_emoji_new(void);
void pdf_emoji_drop(pdf_emoji *e);

/* Call after each page (after cairo_show_page): each distinct emoji is then
 * embedded once and shared by all pages. Without it nothing breaks, but
 * every emoji painted is a new image. (cairo 1.16 writes a duplicate
 * resource key, which qpdf --check reports, when one image is painted twice
 * on a page: within a page a repeated emoji is always a new image.) */
void pdf_emoji_end_page(pdf_emoji *e);

/* Whether font is a colour bitmap font (Noto Color Emoji): its runs must go
 * through pdf_emoji_show_run instead of pango_cairo_show_glyph_item. */
bool pdf_emoji_font(PangoFont *font);

/* Paints one glyph run of a colour font with its baseline origin at (x, y)
 * in cr's user space (points). text is the whole text of the layout the
 * run belongs to (pango_layout_get_text): run->item->offset indexes it. */
void pdf_emoji_show_run(pdf_emoji *e, cairo_t *cr, const char *text, PangoGlyphItem *run,
                        double x, double y);

/* Paints a layout line like pango_cairo_show_layout_line (colours,
 * underlines, backgrounds and all), with its baseline origin at (x, y),
 * but routes the colour emoji runs through pdf_emoji_show_run. Use this
 * for every line that may contain emoji (all of them, simply). */
void pdf_emoji_show_line(pdf_emoji *e, cairo_t *cr, PangoLayoutLine *line, double x, double y);

#endif
