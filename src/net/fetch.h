/* Remote images (--fetch-remote): one HTTP(S) download with the network
 * rules of the spec, through a validating on-disk cache. */
#ifndef FOLIO_NET_FETCH_H
#define FOLIO_NET_FETCH_H

#include <stdbool.h>
#include <stddef.h>

typedef struct fnet_request {
    const char *url;          /* http:// or https:// */
    bool allow_private_hosts; /* else loopback, private and link-local addresses are refused */
    const char *cache_dir;    /* NULL: $XDG_CACHE_HOME/folio, else ~/.cache/folio */
    size_t max_bytes;         /* larger bodies are aborted */
    long timeout_ms;          /* whole transfer; connecting gets at most 10 s of it */
} fnet_request;

/*
 * Downloads rq->url: http and https only (a redirect may not leave them, nor
 * go from https to http), at most 5 redirects, every address connected to
 * checked against the private ranges, the body capped. A cached copy is
 * revalidated (If-None-Match / If-Modified-Since) and reused on 304. On
 * success *data (malloc'ed, caller frees) holds the body. On failure returns
 * false with *why set to a static reason.
 */
bool fnet_fetch(const fnet_request *rq, unsigned char **data, size_t *len, const char **why);

/* The outcome of one of several downloads. */
typedef struct fnet_result {
    unsigned char *data; /* malloc'ed body; NULL on failure */
    size_t len;
    const char *why;     /* static reason when data is NULL */
} fnet_result;

/*
 * Downloads rqs[0..n) as fnet_fetch does, several at a time, all within
 * total_ms: a slow host costs the run its share of one deadline, not its
 * timeout after every other image's. out[i] is rqs[i]'s result; free the
 * bodies with fnet_results_free.
 */
void fnet_fetch_many(const fnet_request *rqs, size_t n, long total_ms, fnet_result *out);
void fnet_results_free(fnet_result *r, size_t n);

#endif
