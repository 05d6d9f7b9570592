/* Remote images fetched for a whole run at once (see remote.c). */
#ifndef FOLIO_IMAGE_REMOTE_H
#define FOLIO_IMAGE_REMOTE_H

#include <stdbool.h>
#include <stddef.h>

#include "doc/doc.h"
#include "net/fetch.h"

typedef struct fimg_remote fimg_remote;

/* The download of url as doc's options ask (hosts, cache, size cap, the
 * per-image timeout). */
fnet_request fimg_remote_request(const folio_doc *doc, const char *url);

/* Downloads every http(s) image of the documents that allow it
 * (fetch_remote), several at a time, all within total_ms. NULL when there
 * is none. The caller frees it with fimg_remote_free, after the documents'
 * last use of it. */
fimg_remote *fimg_remote_fetch(folio_doc *const *docs, size_t n, long total_ms);

/* url's outcome when r fetched it (*found): true with a malloc'ed copy of
 * the body, or false with *why. *found false when r did not try it. */
bool fimg_remote_take(const fimg_remote *r, const char *url, unsigned char **data, size_t *len,
                      const char **why, bool *found);

void fimg_remote_free(fimg_remote *r);

#endif
