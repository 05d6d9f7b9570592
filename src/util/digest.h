/* Content digests as lowercase hex, with nettle: its SHA-1 and SHA-256 use
 * the CPU's SHA instructions where it has them, 3 to 7 times the speed of
 * GLib's on the megabytes of a book's images. */
#ifndef FOLIO_UTIL_DIGEST_H
#define FOLIO_UTIL_DIGEST_H

#include <stddef.h>

void digest_sha1_hex(const void *data, size_t len, char hex[41]);
void digest_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
