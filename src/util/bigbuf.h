/* Buffers of several megabytes (a cover's pixels, a decoded PNG) in huge
 * pages where the system offers them on request (transparent huge pages in
 * "madvise" mode, Debian's default): their first touch then costs a few
 * faults instead of one per 4 KB page, which for the EPUB cover's 8 MB
 * raster was ~4 ms of page faults against 0.5 ms. */
#ifndef FOLIO_UTIL_BIGBUF_H
#define FOLIO_UTIL_BIGBUF_H

#include <stddef.h>

/* n bytes (uninitialised), released with free(); NULL when out of memory.
 * Under 2 MB, plain malloc. */
void *bigbuf_alloc(size_t n);

#endif
