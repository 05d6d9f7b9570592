/* Remote images of a run, downloaded up front (--fetch-remote): every
 * http(s) image of the documents at once, several at a time, within one
 * deadline for the run. fimg_load then takes the bytes from here instead
 * of waiting for each host in turn. */
#include "image/remote.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc/tree.h"
#include "image/codec.h"
#include "net/fetch.h"

struct fimg_remote {
    GHashTable *by_url; /* URL → fnet_result * (into results) */
    fnet_result *results;
    size_t n;
};

static bool is_remote(const char *src)
{
    return src && (strncasecmp(src, "http://", 7) == 0 || strncasecmp(src, "https://", 8) == 0);
}

/* Each remote URL once, in document order. */
static void gather(GHashTable *seen, GPtrArray *urls, const char *src)
{
    if (is_remote(src) && !g_hash_table_contains(seen, src)) {
        g_hash_table_add(seen, (gpointer)src);
        g_ptr_array_add(urls, (gpointer)src);
    }
}

fimg_remote *fimg_remote_fetch(folio_doc *const *docs, size_t n, long total_ms)
{
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *urls = g_ptr_array_new();
    const folio_doc *first = NULL;
    for (size_t i = 0; i < n; i++) {
        const folio_doc *doc = docs[i];
        if (!doc->fetch_remote)
            continue;
        first = first ? first : doc;
        gather(seen, urls, doc->meta.image);
        for (const fnode *x = doc->root; x; x = fnode_next(doc->root, x, false))
            if (x->type == FN_IMAGE || x->type == FN_FIGURE)
                gather(seen, urls, x->as.image.src);
    }
    fimg_remote *r = NULL;
    if (urls->len && (r = calloc(1, sizeof *r))) {
        r->n = urls->len;
        fnet_request *rqs = calloc(r->n, sizeof *rqs);
        r->results = calloc(r->n, sizeof *r->results);
        r->by_url = g_hash_table_new(g_str_hash, g_str_equal);
        if (!rqs || !r->results) {
            free(rqs);
            fimg_remote_free(r);
            r = NULL;
        } else {
            for (size_t i = 0; i < r->n; i++)
                rqs[i] = fimg_remote_request(first, g_ptr_array_index(urls, i));
            fnet_fetch_many(rqs, r->n, total_ms, r->results);
            for (size_t i = 0; i < r->n; i++)
                g_hash_table_insert(r->by_url, g_ptr_array_index(urls, i), &r->results[i]);
            free(rqs);
        }
    }
    g_ptr_array_free(urls, TRUE);
    g_hash_table_destroy(seen);
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
