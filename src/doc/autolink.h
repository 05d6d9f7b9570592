/* Bare web addresses and e-mail addresses in text, found as GitHub's
 * extended autolinks are (GFM spec, "Autolinks (extension)"): http://,
 * https://, ftp:// or www. and a valid domain, up to white space or '<',
 * less trailing punctuation; and e-mail addresses. md4c 0.4.8's own
 * permissive autolinks also look inside link addresses and then lose the
 * emphasis that follows the link: the builder asks here instead, on the
 * text md4c hands over (never a code span's, a link's or raw HTML's). */
#ifndef FOLIO_AUTOLINK_H
#define FOLIO_AUTOLINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct autolink {
    size_t start, end;  /* the address in the text: the link's words */
    const char *prefix; /* put before them in the link's URL: "", "http://" or "mailto:" */
} autolink;

/* The text to look in: UTF-8 without line breaks, its entities decoded
 * already. entities lists where they were, as [start, end) pairs in
 * order: one that ends an address is left out of it, as GFM leaves out a
 * trailing '&name;'. before is the character just before s in the source
 * (' ' at a line's start). */
typedef struct autolink_text {
    const char *s;
    size_t len;
    const size_t *entities;
    size_t n_entities;
    uint32_t before;
} autolink_text;

/* The first address in t from offset from. Going on from each match's
 * end, the caller reads each byte a bounded number of times. */
bool autolink_find(const autolink_text *t, size_t from, autolink *m);

#endif
