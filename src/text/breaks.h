/* Line break opportunities (UAX #14) and grapheme boundaries of a
 * paragraph. Pango's pango_get_log_attrs computes them along with word and
 * sentence boundaries the text engine never reads, at a tenth of a
 * document's CPU time; text made only of common Latin letters, digits,
 * spaces and punctuation (almost all of a newsletter) takes a direct
 * implementation of the UAX #14 rules for those classes instead, which
 * tests/unit/test_text_breaks.c holds to Pango's answers. */
#ifndef FOLIO_TEXT_BREAKS_H
#define FOLIO_TEXT_BREAKS_H

#include <stdbool.h>

#include <pango/pango.h>

/* Fills attrs[0, n_chars] (n_chars characters of valid UTF-8 text[0, len))
 * with is_line_break, is_mandatory_break and is_cursor_position as
 * pango_get_log_attrs would; other fields are unspecified. */
void text_breaks(const char *text, int len, int n_chars, PangoLanguage *lang,
                 PangoLogAttr *attrs);

/* Whether text[0, len) is in the set the direct implementation handles
 * (exposed for the test). */
bool text_breaks_simple(const char *text, int len);

#endif
