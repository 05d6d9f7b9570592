/* Remote images of a run, downloaded up front (--fetch-remote): every
 * http(s) image the caller lists at once, several at a time, within one
 * deadline for the run. fimg_load then takes the bytes from here instead
 * of waiting for each host in turn. */
#include "image/remote.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "image/codec.h"
#include "net/fetch.h"

struct fimg_remote {
    GHashTable *by_url; /* URL → fnet_result * (into results) */
    fnet_result *results;
    size_t n;
};

fimg_remote *fimg_remote_fetch(const fimg_source *from, const char *const *urls, size_t n)
{
    if (!n)
        return NULL;
    fimg_remote *r = calloc(1, sizeof *r);
    fnet_request *rqs = calloc(n, sizeof *rqs);
    if (r) {
        r->n = n;
        r->results = calloc(n, sizeof *r->results);
        r->by_url = g_hash_table_new(g_str_hash, g_str_equal);
    }
    if (!r || !rqs || !r->results) {
        free(rqs);
        fimg_remote_free(r);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        rqs[i] = fimg_remote_request(from, urls[i]);
    fnet_fetch_many(rqs, n, (long)from->limits->fetch_total_ms, r->results);
    for (size_t i = 0; i < n; i++)
        g_hash_table_insert(r->by_url, (gpointer)urls[i], &r->results[i]);
    free(rqs);
    return r;
}

bool fimg_remote_take(const fimg_remote *r, const char *url, unsigned char **data, size_t *len,
                      const char **why, bool *found)
{
    const fnet_result *res = r ? g_hash_table_lookup(r->by_url, url) : NULL;
    *found = res != NULL;
    if (!res)
        return false;
    if (!res->data) {
        *why = res->why;
        return false;
    }
    /* A copy: the same image may be asked for by both places that use it. */
    *data = malloc(res->len ? res->len : 1);
    if (!*data) {
        *why = "out of memory";
        return false;
    }
    memcpy(*data, res->data, res->len);
    *len = res->len;
    return true;
}

void fimg_remote_free(fimg_remote *r)
{
    if (!r)
        return;
    if (r->results)
        fnet_results_free(r->results, r->n);
    free(r->results);
    if (r->by_url)
        g_hash_table_destroy(r->by_url);
    free(r);
}
