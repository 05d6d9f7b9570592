/* The bundled fonts, a text service of both backends: a private fontconfig
 * configuration that sees only the fonts/ folder (never the machine's
 * fonts; their descriptions cached in $XDG_CACHE_HOME/folio/fontconfig), and the Pango font map and contexts the PDF layout and the EPUB
 * cover draw with. `pdffonts` on a PDF then lists only bundled fonts.
 *
 * Families available: "Noto Serif", "Noto Sans", "JetBrains Mono" (each
 * regular/bold/italic/bold italic), "Noto Color Emoji", and for other
 * scripts Naskh Arabic, Serif Hebrew/Devanagari/Thai (serif) and Sans
 * Arabic/Hebrew/Devanagari/Thai (regular, bold), a sans for Bengali,
 * Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala,
 * Myanmar, Khmer, Lao, Georgian, Armenian and Ethiopic (regular, bold), and
 * Noto Sans CJK (one weight, a face per region: JP, KR, SC, TC, HK). The generic names
 * "serif", "sans-serif"/"sans" and "monospace"/"mono" map to the first three.
 * Every pattern falls back to Noto Serif/Sans, Noto Color Emoji, JetBrains
 * Mono, then the other scripts' faces of the requested family's kind (serif
 * or sans) and the CJK face of the pattern's language, so a description
 * like "Noto Serif 10" shows emoji, Arabic and Chinese too: no need to list the
 * emoji family in font descriptions. */
#ifndef FOLIO_TEXT_FONTS_H
#define FOLIO_TEXT_FONTS_H

#include <stdbool.h>

#include <pango/pangocairo.h>

#include "util/diag.h"

typedef struct text_fonts text_fonts;

/* Loads every font of fonts_dir (from datadir_find("fonts")). Returns NULL,
 * after reporting an error on d, when the folder holds no usable font.
 * Drop with text_fonts_drop. */
text_fonts *text_fonts_new(const char *fonts_dir, fdiag *d);
/* From now on each text_fonts_new makes its configuration fontconfig's
 * current one (folio_fonts_claim_process says when). */
void text_fonts_claim_process(void);
/* Drop last: after every layout, context and pdf_emoji that used it (the
 * map is shut down: fonts still held by them become unusable). */
void text_fonts_drop(text_fonts *f);

/* The font map (borrowed: owned by f). A PangoCairoFontMap of cairo font
 * type FT whose resolution is 72 dpi, so a Pango size of 10 is 10 PDF pt. */
PangoFontMap *text_fonts_map(text_fonts *f);

/* A new context on the map, set up for PDF: 72 dpi, no hinting, no hinted
 * metrics, unrounded glyph positions (so widths measured at layout time
 * equal the widths painted). The caller owns it (g_object_unref). Layouts
 * made from it can be painted on any cairo_t of a PDF surface. */
PangoContext *text_fonts_context(text_fonts *f);

/* Whether the family (e.g. a style's font_body) is one of the bundled ones,
 * case-insensitively; the caller warns and falls back when it is not. */
bool text_fonts_has_family(const text_fonts *f, const char *family);

/* Whether some bundled font draws c: the union of their coverage, which
 * is what Pango falls back through. ★ U+2605, CJK, Arabic… are not
 * covered; neither are C1 controls (U+0080–U+009F, left by bad encodings). */
bool text_fonts_has_char(const text_fonts *f, gunichar c);

/* The ascent and descent (Pango units) of a font of a context from
 * text_fonts_context, as pango_font_get_metrics gives them for horizontal
 * text, read from the font's HarfBuzz extents: Pango's metrics also lay
 * out a sample text of the language to measure character widths, 2
 * million instructions for each font a run first uses (a tenth of a
 * one-paragraph PDF). Other gravities than south go through Pango. */
void text_font_extents(PangoFont *font, PangoGravity gravity, PangoLanguage *lang, int *ascent,
                       int *descent);

/* Whether font is one of the faces of other scripts than Latin, Greek and
 * Cyrillic (Arabic, CJK…) that text falls back to, not a text, emoji or
 * mono face: their ascent and descent are taller than the text faces'. */
bool text_font_is_script_face(PangoFont *font);

/* Removes from a layout's text (set with pango_layout_set_text, before any
 * attribute) the characters no bundled font has, which Pango would draw as
 * boxes with their hex code: for text laid out with a PangoLayout (running
 * heads, the cover). The warning was given on the model (book/glyphs.h). */
void text_layout_drop_missing(PangoLayout *layout);

#endif
