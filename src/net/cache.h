/* The remote image cache: one file per URL, named by the SHA-256 of the URL,
 * holding the validators (ETag, Last-Modified) and the body. */
#ifndef FOLIO_NET_CACHE_H
#define FOLIO_NET_CACHE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct fnet_cached {
    char *etag, *last_modified; /* NULL when the server sent none */
    unsigned char *body;
    size_t len;
} fnet_cached;

/* The cache file for url under dir (NULL dir: the user's cache folder);
 * malloc'ed, NULL when there is no cache folder. */
char *fnet_cache_path(const char *dir, const char *url);
/* Reads the entry for url from path; false when absent or for another URL. */
bool fnet_cache_read(const char *path, const char *url, size_t max_body, fnet_cached *out);
/* Replaces the entry atomically (temporary file, then rename), creating the
 * folder; failures are ignored by callers: the cache only saves downloads. */
bool fnet_cache_write(const char *path, const char *url, const fnet_cached *entry);
void fnet_cached_free(fnet_cached *c);

#endif
