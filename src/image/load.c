/* fimg_load: find an image's bytes (a confined local file, or a download
 * only with --fetch-remote), sniff the format and read the size from the
 * header, refusing over-limit images before anything decodes them. */
#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "image/codec.h"
#include "image/remote.h"
#include "net/fetch.h"
#include "util/path.h"

/* The URL scheme of src in lower case ("https"), or NULL for a path. */
static char *scheme_of(const char *src)
{
    char *scheme = g_uri_parse_scheme(src);
    if (scheme)
        for (char *p = scheme; *p; p++)
            *p = g_ascii_tolower(*p);
    return scheme;
}

bool fimg_is_remote(const char *src)
{
    char *scheme = src ? scheme_of(src) : NULL;
    bool remote = scheme && (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0);
    g_free(scheme);
    return remote;
}

static unsigned char *read_local(const fimg_source *from, const char *src, size_t *len,
                                 char **where, const char **why)
{
    char *path = path_resolve_within(from->dir, from->root, from->extra, from->n_extra, src, why);
    /* Markdown destinations are often URL-escaped ("my%20photo.png"); an
     * escaped NUL or a bad escape gives nothing. */
    char *decoded = path || !strchr(src, '%') ? NULL : g_uri_unescape_string(src, NULL);
    if (decoded) {
        const char *first_why = *why;
        path = path_resolve_within(from->dir, from->root, from->extra, from->n_extra, decoded,
                                   why);
        if (!path)
            *why = first_why;
        g_free(decoded);
    }
    if (!path)
        return NULL;
    unsigned char *data =
        (unsigned char *)path_read_file(path, fimg_max_bytes(from->limits), len);
    if (!data) {
        *why = errno == EFBIG ? "file too large (image byte limit)" : "unreadable";
        free(path);
        return NULL;
    }
    *where = path;
    return data;
}

/* A data: URL (an inline <svg>, a pasted image): data:[type][;base64],…
 * Its bytes are the URL's; the image's format is still sniffed. */
static unsigned char *read_data_url(const fimg_source *from, const char *src, size_t *len,
                                    char **where, const char **why)
{
    const char *comma = strchr(src, ',');
    if (!comma) {
        *why = "malformed data: URL";
        return NULL;
    }
    bool base64 = comma - src >= 7 && strncmp(comma - 7, ";base64", 7) == 0;
    gsize n = 0;
    unsigned char *decoded = NULL;
    if (base64) {
        decoded = g_base64_decode(comma + 1, &n);
    } else {
        GBytes *bytes = g_uri_unescape_bytes(comma + 1, -1, NULL, NULL);
        decoded = bytes ? g_bytes_unref_to_data(bytes, &n) : NULL;
    }
    if (!decoded || n == 0) {
        g_free(decoded);
        *why = "malformed data: URL";
        return NULL;
    }
    if (n > fimg_max_bytes(from->limits)) {
        g_free(decoded);
        *why = "file too large (image byte limit)";
        return NULL;
    }
    unsigned char *data = malloc(n);
    *where = strdup("data: URL");
    if (!data || !*where) {
        free(data);
        free(*where);
        g_free(decoded);
        *why = "out of memory";
        return NULL;
    }
    memcpy(data, decoded, n);
    g_free(decoded);
    *len = n;
    return data;
}

fnet_request fimg_remote_request(const fimg_source *from, const char *url)
{
    return (fnet_request){url, from->allow_private_hosts, from->cache_dir,
                          fimg_max_bytes(from->limits), (long)from->limits->fetch_timeout_ms};
}

static unsigned char *read_remote(const fimg_source *from, const char *src, size_t *len,
                                  char **where, const char **why)
{
    if (!from->fetch_remote) {
        *why = "remote image (use --fetch-remote)";
        return NULL;
    }
    unsigned char *data = NULL;
    bool fetched;
    /* Fetched with the run's other images when the run did (remote.c). */
    bool ok = fimg_remote_take(from->remote, src, &data, len, why, &fetched);
    if (!fetched) {
        fnet_request rq = fimg_remote_request(from, src);
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

bool fimg_load(const fimg_source *from, const char *src, fimg_bytes *out, const char **why)
{
    memset(out, 0, sizeof *out);
    if (!src || !*src) {
        *why = "empty image path";
        return false;
    }
    size_t len = 0;
    char *where = NULL;
    unsigned char *data = NULL;
    char *scheme = scheme_of(src);
    if (scheme && (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0))
        data = read_remote(from, src, &len, &where, why);
    else if (scheme && strcmp(scheme, "data") == 0)
        data = read_data_url(from, src, &len, &where, why);
    else if (scheme && strlen(scheme) > 1) /* "C:" is a drive, not a scheme */
        *why = "unsupported URL scheme";
    else
        data = read_local(from, src, &len, &where, why);
    g_free(scheme);
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
    if (sized && f != FIMG_SVG && (uint64_t)w * (uint64_t)h > fimg_max_pixels(from->limits)) {
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
