/* The container: a zip written by libzip in memory, reproducibly. */
#ifndef FOLIO_EPUB_ZIP_H
#define FOLIO_EPUB_ZIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct epub_entry {
    const char *name;
    const void *data; /* borrowed until epub_zip_write returns */
    size_t len;
    bool store;       /* stored (the mimetype, compressed images), else deflated */
} epub_entry;

/* Writes the entries in the given order, every one with the modification
 * time mtime (seconds since 1970, UTC). On success *out is malloc'ed; on
 * failure returns false with *why set to libzip's message (static). */
bool epub_zip_write(const epub_entry *entries, size_t n, int64_t mtime, unsigned char **out,
                    size_t *out_len, const char **why);

#endif
