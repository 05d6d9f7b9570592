/* Remote images fetched for a whole run at once (see remote.c). */
#ifndef FOLIO_IMAGE_REMOTE_H
#define FOLIO_IMAGE_REMOTE_H

#include <stdbool.h>
#include <stddef.h>

#include "image/image.h"
#include "net/fetch.h"

typedef struct fimg_remote fimg_remote;

/* The download of url as from asks (hosts, cache, size cap, the per-image
 * timeout). */
fnet_request fimg_remote_request(const fimg_source *from, const char *url);

/* Downloads the n urls (each once) as from asks, several at a time, all
 * within from's total time. NULL when there is none. The caller frees it
 * with fimg_remote_free, after the last fimg_load that uses it. */
fimg_remote *fimg_remote_fetch(const fimg_source *from, const char *const *urls, size_t n);

/* url's outcome when r fetched it (*found): true with a malloc'ed copy of
 * the body, or false with *why. *found false when r did not try it. */
bool fimg_remote_take(const fimg_remote *r, const char *url, unsigned char **data, size_t *len,
                      const char **why, bool *found);

void fimg_remote_free(fimg_remote *r);

#endif
