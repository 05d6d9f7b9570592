/* Results folio can make again but that cost it (the EPUB's drawn cover,
 * the EPUB's converted images, the PDF's prepared ones), kept between runs
 * in folio's cache folder. A file per key: it names the key it was made
 * for and its body's SHA-256, and a file whose key or body does not match
 * is never used (the next store replaces
 * it). Nothing here fails a run: a folder that cannot be written only
 * means no cache. The folder is kept to a bound, the least recently used
 * entries going first (util/cache_prune.h). */
#ifndef FOLIO_UTIL_BLOB_CACHE_H
#define FOLIO_UTIL_BLOB_CACHE_H

#include <stdbool.h>
#include <stddef.h>

/* The body stored for key (64 hex digits, a digest of everything the body
 * depends on) in dir (NULL: path_user_cache), up to max bytes: true with
 * *data malloc'ed (the caller frees), false when absent or not trusted. */
bool blob_cache_get(const char *dir, const char *kind, const char key[65], size_t max,
                    unsigned char **data, size_t *len);
/* Stores data under key (a temporary file renamed into place: a reader never
 * sees half a file). false when it could not. */
bool blob_cache_put(const char *dir, const char *kind, const char key[65], const void *data,
                    size_t len);

/* The identity of the build that runs (the size, time and inode of the file
 * holding folio's code): a key that includes it is new after every rebuild
 * or upgrade, so no result drawn by other code is reused. NULL when that
 * file cannot be found: then nothing is cached. */
const char *blob_cache_build_id(void);

#endif
