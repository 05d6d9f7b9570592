/* Link reference definitions ("[label]: <address> "title"") as the
 * pre-pass sees them, a line at a time. md4c reads a definition's address
 * again at every use of its label (md_build_attribute scans it for
 * escapes), so a long address used many times costs uses × length: the
 * pre-pass puts a short placeholder in its place and hands the address to
 * the builder itself (prepass.h, pp_ref). */
#ifndef FOLIO_REFDEF_H
#define FOLIO_REFDEF_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* Where the address of a definition lies in its line: [start, end), with
 * the angle brackets of "<address>" inside. */
typedef struct refdef_span {
    size_t start, end;
} refdef_span;

/* Line s[0..len) (after its quote markers and indentation) starts a
 * definition: "[label]:" (not a footnote's "[^label]:"), then its
 * address. True with the address's span; with an empty span when the line
 * ends after the colon (the address is on the next line). */
bool refdef_line(const char *s, size_t len, refdef_span *at);

/* The first token of s[0..len) as a definition's address (a line that
 * follows a bare "[label]:"). */
bool refdef_address(const char *s, size_t len, refdef_span *at);

/* The address as md4c would hand it over: angle brackets dropped,
 * backslash escapes and character references decoded. */
void refdef_decode(const char *s, size_t len, buf *out);

#endif
