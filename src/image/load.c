/* fimg_load: find an image's bytes (a confined local file, or a download
 * only with --fetch-remote), sniff the format and read the size from the
 * header, refusing over-limit images before anything decodes them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "image/codec.h"
#include "image/remote.h"
#include "net/fetch.h"
#include "util/path.h"

static bool has_prefix_nocase(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* A URL scheme ("name:" before any '/'), as opposed to a relative path. */
static bool has_scheme(const char *s)
{
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
    return n > 1 && s[n] == ':';
}

static int hex(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* "a%20b.png" → "a b.png"; NULL when nothing was escaped or on a bad
 * escape or an escaped NUL. */
static char *percent_decode(const char *s)
{
    if (!strchr(s, '%'))
        return NULL;
    char *out = malloc(strlen(s) + 1), *o = out;
    if (!out)
        return NULL;
    for (; *s; s++) {
        if (*s != '%') {
            *o++ = *s;
            continue;
        }
        int hi = hex(s[1]), lo = hi >= 0 ? hex(s[2]) : -1;
        if (lo < 0 || (hi == 0 && lo == 0)) {
            free(out);
            return NULL;
        }
        *o++ = (char)(hi * 16 + lo);
        s += 2;
    }
    *o = '\0';
    return out;
}

static unsigned char *read_local(const folio_doc *doc, const char *src, size_t *len,
                                 char **where, const char **why)
{
    const char *const *extra = (const char *const *)doc->resource_paths;
    char *path = path_resolve_within(doc->dir, doc->project.root, extra, doc->n_resource_paths, src, why);
    if (!path) {
        /* Markdown destinations are often URL-escaped ("my%20photo.png"). */
        char *decoded = percent_decode(src);
        const char *first_why = *why;
        if (decoded)
            path = path_resolve_within(doc->dir, doc->project.root, extra, doc->n_resource_paths,
                                       decoded, why);
        free(decoded);
        if (!path) {
            *why = first_why;
            return NULL;
        }
    }
    unsigned char *data =
        (unsigned char *)path_read_file(path, fimg_max_bytes(&doc->limits), len);
    if (!data) {
        *why = errno == EFBIG ? "file too large (image byte limit)" : "unreadable";
        free(path);
        return NULL;
    }
    *where = path;
    return data;
}

fnet_request fimg_remote_request(const folio_doc *doc, const char *url)
{
    return (fnet_request){url, doc->allow_private_hosts, doc->cache_dir,
                          fimg_max_bytes(&doc->limits), (long)doc->limits.fetch_timeout_ms};
}

static unsigned char *read_remote(const folio_doc *doc, const char *src, size_t *len,
                                  char **where, const char **why)
{
    if (!doc->fetch_remote) {
        *why = "remote image (use --fetch-remote)";
        return NULL;
    }
    unsigned char *data = NULL;
    bool fetched;
    /* Fetched with the run's other images when the run did (remote.c). */
    bool ok = fimg_remote_take(doc->remote, src, &data, len, why, &fetched);
    if (!fetched) {
        fnet_request rq = fimg_remote_request(doc, src);
        ok = fnet_fetch(&rq, &data, len, why);
    }
    if (!ok)
        return NULL;
    *where = strdup(src);
    if (!*where) {
        free(data);
        *why = "out of memory";
        return NULL;
    }
    return data;
}

bool fimg_load(const folio_doc *doc, const char *src, fimg_bytes *out, const char **why)
{
    memset(out, 0, sizeof *out);
    if (!src || !*src) {
        *why = "empty image path";
        return false;
    }
    size_t len = 0;
    char *where = NULL;
    unsigned char *data;
    if (has_prefix_nocase(src, "http://") || has_prefix_nocase(src, "https://")) {
        data = read_remote(doc, src, &len, &where, why);
    } else if (has_scheme(src)) {
        *why = "unsupported URL scheme";
        return false;
    } else {
        data = read_local(doc, src, &len, &where, why);
    }
    if (!data)
        return false;

    fimg_format f = fimg_sniff(data, len);
    int w = 0, h = 0;
    bool sized = false;
    if (f == FIMG_UNKNOWN)
        *why = "not an image (unknown format)";
    else if (f == FIMG_SVG)
        sized = fimg_svg_size(data, len, &w, &h, why);
    else if (!(sized = fimg_raster_size(data, len, f, &w, &h)))
        *why = "corrupt image header";
    if (sized && f == FIMG_JPEG && fimg_jpeg_orientation(data, len) >= 5) {
        int t = w; /* shown turned a quarter: the sides swap */
        w = h, h = t;
    }
    if (sized && f != FIMG_SVG && (uint64_t)w * (uint64_t)h > fimg_max_pixels(&doc->limits)) {
        *why = "too many pixels (image pixel limit)";
        sized = false;
    }
    /* One block: the bytes, a NUL, then where (fimg_bytes.where). */
    size_t wl = strlen(where);
    unsigned char *block = sized ? realloc(data, len + 1 + wl + 1) : NULL;
    if (sized && !block)
        *why = "out of memory";
    if (!block) {
        free(data);
        free(where);
        return false;
    }
    block[len] = '\0';
    memcpy(block + len + 1, where, wl + 1);
    free(where);
    *out = (fimg_bytes){.data = block, .len = len, .format = f, .width = w, .height = h,
                        .where = (const char *)block + len + 1};
    return true;
}

void fimg_bytes_free(fimg_bytes *b)
{
    if (!b)
        return;
    free(b->data);
    memset(b, 0, sizeof *b);
}
