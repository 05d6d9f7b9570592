/* Source text encoding: strict UTF-8 validation, and detection/repair of
 * mojibake (UTF-8 that was decoded once as Mac Roman or Windows-1252 and
 * saved again as UTF-8: "premi√®re", "premiÃ¨re"). */
#ifndef FOLIO_ENCODING_H
#define FOLIO_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

/* True when data[0..len) is valid UTF-8 without NUL bytes, overlong forms
 * or surrogates. Otherwise reports one error at the first bad byte
 * ("file:line:col: error: invalid UTF-8 …", col in characters) and returns
 * false. */
bool encoding_validate(const char *data, size_t len, const char *file, fdiag *d);

/* Looks for mojibake in valid UTF-8 text. Returns true when some was found.
 * Without fix: warns once, quoting the first example with its line.
 * With fix: *out receives a malloc'ed (caller frees) NUL-terminated copy in
 * which only the broken runs are repaired, *out_len its length, and a warning
 * says how many runs were repaired. When nothing is found *out is NULL. */
bool encoding_mojibake(const char *data, size_t len, bool fix, const char *file, fdiag *d,
                       char **out, size_t *out_len);

/* Line ends as LF: CRLF (Windows) and a lone CR (old Mac files) become one
 * "\n", in place; returns the new length. Only line ends change, so every
 * line keeps its columns and lines count as an editor shows them. */
size_t encoding_unix_newlines(char *s, size_t len);

/* Removes, in place, the characters no reader can be shown: control
 * characters (C0 but tab and line feed, DEL, C1 such as U+0090),
 * noncharacters (U+FFFE…) and private-use code points (no bundled font has
 * a glyph for them), with a warning at each (line:col; the first 20 of a
 * file, then their count). s must be valid UTF-8; returns the new length. */
size_t encoding_strip_unprintable(char *s, size_t len, const char *file, fdiag *d);

#endif
