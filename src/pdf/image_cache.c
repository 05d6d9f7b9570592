/* An entry's body: "jpeg W H\n" then the JPEG's bytes, or
 * "samples W H COLORS LEN\n" then LEN bytes of samples and the alpha's
 * (none: opaque), both zlib as the PDF takes them. */
#include "image_cache.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image/codec.h"
#include "util/blob_cache.h"
#include "util/digest.h"

/* letters only: cache_prune.c knows such a name for one of folio's */
static const char KIND[] = "pdfimage";
enum { HEAD_MAX = 64, SIDE_MAX = 32767 };

bool pdf_image_cache_key(const fimg_bytes *b, const folio_limits *limits, int px_w, int px_h,
                         char key[65])
{
    const char *build = blob_cache_build_id();
    key[0] = '\0';
    if (!build || !b || !b->data || fimg_pdf_as_is(b, limits, px_w, px_h))
        return false;
    char source[65];
    digest_sha256_hex(b->data, b->len, source);
    /* the limits too: what they refused is not to come from the cache */
    char *k = g_strdup_printf("folio pdf image 1\n%s\n%s %zu %d\n%d %d\n%llu %zu\n", build,
                              source, b->len, (int)b->format, px_w, px_h,
                              (unsigned long long)fimg_max_pixels(limits),
                              fimg_max_bytes(limits));
    digest_sha256_hex(k, strlen(k), key);
    g_free(k);
    return true;
}

/* The largest body kept for b: its pixels (never enlarged) at 4 bytes and
 * more, the alpha's, the compressor's worst case; 0 when b has no size. */
static size_t largest(const fimg_bytes *b)
{
    int w, h;
    if (!fimg_raster_size(b->data, b->len, b->format, &w, &h) || w <= 0 || h <= 0)
        return 0;
    uint64_t n = (uint64_t)w * (uint64_t)h * 5 + 65536;
    return n < SIZE_MAX / 2 ? (size_t)n : SIZE_MAX / 2;
}

static bool side_ok(int n)
{
    return n >= 1 && n <= SIDE_MAX;
}

/* body (len bytes, malloc'ed, taken) read into *got; false when it is not
 * what put wrote. */
static bool parse(unsigned char *body, size_t len, pdf_cached_image *got)
{
    const unsigned char *nl = memchr(body, '\n', len < HEAD_MAX ? len : HEAD_MAX);
    char head[HEAD_MAX + 1];
    if (!nl)
        goto fail;
    size_t at = (size_t)(nl - body) + 1, rest = len - at;
    memcpy(head, body, at - 1);
    head[at - 1] = '\0';
    int w, h, colors, end = 0;
    size_t data_len;
    if (sscanf(head, "jpeg %d %d%n", &w, &h, &end) == 2 && head[end] == '\0') {
        if (!side_ok(w) || !side_ok(h) || rest < 3 || body[at] != 0xFF || body[at + 1] != 0xD8)
            goto fail;
        memmove(body, body + at, rest);
        *got = (pdf_cached_image){.width = w, .height = h, .jpeg = body, .jpeg_len = rest};
        return true;
    }
    if (sscanf(head, "samples %d %d %d %zu%n", &w, &h, &colors, &data_len, &end) != 4 ||
        head[end] != '\0' || !side_ok(w) || !side_ok(h) || (colors != 1 && colors != 3) ||
        data_len == 0 || data_len > rest)
        goto fail;
    pdf_ximage *x = calloc(1, sizeof *x);
    size_t alpha_len = rest - data_len;
    unsigned char *alpha = alpha_len ? malloc(alpha_len) : NULL;
    if (!x || (alpha_len && !alpha)) {
        free(x);
        goto fail;
    }
    if (alpha)
        memcpy(alpha, body + at + data_len, alpha_len);
    memmove(body, body + at, data_len);
    unsigned char *fit = realloc(body, data_len);
    *x = (pdf_ximage){.width = w, .height = h, .colors = colors, .data = fit ? fit : body,
                      .len = data_len, .alpha = alpha, .alpha_len = alpha_len};
    *got = (pdf_cached_image){.width = w, .height = h, .x = x};
    return true;
fail:
    free(body);
    return false;
}

bool pdf_image_cache_get(const char *dir, const char key[65], const fimg_bytes *b,
                         pdf_cached_image *got)
{
    *got = (pdf_cached_image){0};
    size_t max = largest(b);
    unsigned char *body;
    size_t len;
    return max && blob_cache_get(dir, KIND, key, max, &body, &len) && parse(body, len, got);
}

void pdf_image_cache_put(const char *dir, const char key[65], const pdf_cached_image *img)
{
    const pdf_ximage *x = img->x;
    char head[HEAD_MAX];
    int n = x ? snprintf(head, sizeof head, "samples %d %d %d %zu\n", x->width, x->height,
                         x->colors, x->len)
              : snprintf(head, sizeof head, "jpeg %d %d\n", img->width, img->height);
    size_t parts[] = {x ? x->len : img->jpeg_len, x ? x->alpha_len : 0};
    size_t len = (size_t)n + parts[0] + parts[1];
    unsigned char *body = n > 0 && n < HEAD_MAX ? malloc(len) : NULL;
    if (!body)
        return;
    memcpy(body, head, (size_t)n);
    memcpy(body + n, x ? x->data : img->jpeg, parts[0]);
    if (parts[1])
        memcpy(body + n + parts[0], x->alpha, parts[1]);
    blob_cache_put(dir, KIND, key, body, len);
    free(body);
}
