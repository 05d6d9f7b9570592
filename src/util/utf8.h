/* UTF-8 decoded and encoded by GLib, folio's one decoder, for the files
 * that do not include glib.h (whose unistd.h and signal.h names they use). */
#ifndef FOLIO_UTF8_H
#define FOLIO_UTF8_H

#include <stddef.h>

/* Decodes the code point at s[*i] (s has len bytes) and advances *i past it.
 * Bad or truncated sequences give U+FFFD and advance one byte, so callers
 * walking text that may not have been validated still make progress. */
unsigned utf8_next(const char *s, size_t len, size_t *i);

/* Writes cp as UTF-8 into out (room for 4 bytes; a value past U+10FFFF or
 * a surrogate is written as U+FFFD) and returns its length. */
size_t utf8_put(unsigned cp, char *out);

#endif
