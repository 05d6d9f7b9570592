/* The PNGs most files are (8-bit gray, gray+alpha, RGB or RGBA, not
 * interlaced, no transparent colour key) decoded in one go: the image data
 * inflated at once by libdeflate and unfiltered in place, instead of
 * libpng's row-by-row inflate and transformations, which took most of a
 * PDF's image time. The pixels are libpng's (png.c falls back to it for
 * everything else, corrupt files included, so its messages stay). */
#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

#include "image/codec.h"

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The concatenated IDAT data (*owned when it had to be copied), after an
 * IHDR this decoder handles; NULL otherwise. */
static const unsigned char *image_data(const unsigned char *d, size_t len, int *w, int *h,
                                       int *channels, size_t *z_len, unsigned char **owned)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    *owned = NULL;
    if (len < 8 + 25 || memcmp(d, sig, 8) || be32(d + 8) != 13 || memcmp(d + 12, "IHDR", 4))
        return NULL;
    const unsigned char *ihdr = d + 16;
    int depth = ihdr[8], type = ihdr[9];
    static const int channels_of[7] = {1, 0, 3, 0, 2, 0, 4};
    if (depth != 8 || type > 6 || !channels_of[type] || ihdr[10] || ihdr[11] || ihdr[12])
        return NULL;
    *w = (int)be32(ihdr), *h = (int)be32(ihdr + 4);
    *channels = channels_of[type];
    /* the chunks were walked and their CRCs checked (fimg_whole) */
    size_t total = 0, parts = 0;
    const unsigned char *first = NULL;
    for (size_t at = 8; at + 12 <= len;) {
        uint32_t n = be32(d + at);
        const unsigned char *t = d + at + 4;
        if (n > len - at - 12)
            return NULL;
        if (!memcmp(t, "tRNS", 4))
            return NULL; /* a transparent colour: libpng's expansion */
        if (!memcmp(t, "IDAT", 4)) {
            first = first ? first : d + at + 8;
            total += n;
            parts++;
        }
        if (!memcmp(t, "IEND", 4))
            break;
        at += 12 + (size_t)n;
    }
    if (!parts)
        return NULL;
    *z_len = total;
    if (parts == 1)
        return first;
    unsigned char *z = malloc(total), *o = z;
    if (!z)
        return NULL;
    for (size_t at = 8; at + 12 <= len;) {
        uint32_t n = be32(d + at);
        if (!memcmp(d + at + 4, "IDAT", 4)) {
            memcpy(o, d + at + 8, n);
            o += n;
        }
        if (!memcmp(d + at + 4, "IEND", 4))
            break;
        at += 12 + (size_t)n;
    }
    *owned = z;
    return z;
}

static inline unsigned char paeth(unsigned a, unsigned b, unsigned c)
{
    int p = (int)(a + b) - (int)c;
    int pa = abs(p - (int)a), pb = abs(p - (int)b), pc = abs(p - (int)c);
    return (unsigned char)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

/* Undoes row's filter in place (prev: the row above, unfiltered; NULL for
 * the first). false for an unknown filter. */
static bool unfilter(unsigned char *row, const unsigned char *prev, size_t n, int bpp,
                     unsigned filter)
{
    size_t i;
    switch (filter) {
    case 0:
        return true;
    case 1:
        for (i = (size_t)bpp; i < n; i++)
            row[i] = (unsigned char)(row[i] + row[i - bpp]);
        return true;
    case 2:
        if (prev)
            for (i = 0; i < n; i++)
                row[i] = (unsigned char)(row[i] + prev[i]);
        return true;
    case 3:
        for (i = 0; i < n; i++) {
            unsigned left = i >= (size_t)bpp ? row[i - bpp] : 0, up = prev ? prev[i] : 0;
            row[i] = (unsigned char)(row[i] + ((left + up) >> 1));
        }
        return true;
    case 4:
        for (i = 0; i < n; i++) {
            unsigned left = i >= (size_t)bpp ? row[i - bpp] : 0, up = prev ? prev[i] : 0,
                     corner = prev && i >= (size_t)bpp ? prev[i - bpp] : 0;
            row[i] = (unsigned char)(row[i] + paeth(left, up, corner));
        }
        return true;
    default:
        return false;
    }
}

cairo_surface_t *fimg_decode_png_fast(const unsigned char *d, size_t len, const char **why)
{
    int w, h, channels;
    size_t z_len;
    unsigned char *owned;
    const unsigned char *z = image_data(d, len, &w, &h, &channels, &z_len, &owned);
    if (!z)
        return NULL;
    size_t row_len = (size_t)w * (size_t)channels, raw_len = (size_t)h * (row_len + 1);
    unsigned char *raw = malloc(raw_len ? raw_len : 1);
    struct libdeflate_decompressor *inflater = raw ? libdeflate_alloc_decompressor() : NULL;
    cairo_surface_t *s = NULL;
    bool ok = inflater && libdeflate_zlib_decompress(inflater, z, z_len, raw, raw_len, NULL) ==
                              LIBDEFLATE_SUCCESS;
    const unsigned char *prev = NULL;
    for (int y = 0; ok && y < h; y++) {
        unsigned char *row = raw + (size_t)y * (row_len + 1);
        ok = unfilter(row + 1, prev, row_len, channels, row[0]);
        prev = row + 1;
    }
    if (ok)
        s = fimg_surface_new(w, h, why);
    if (s) {
        unsigned char *px = cairo_image_surface_get_data(s);
        int stride = cairo_image_surface_get_stride(s);
        for (int y = 0; y < h; y++) {
            const unsigned char *r = raw + (size_t)y * (row_len + 1) + 1;
            uint32_t *o = (uint32_t *)(void *)(px + (size_t)y * (size_t)stride);
            switch (channels) {
            case 1:
                for (int x = 0; x < w; x++, r++)
                    o[x] = 0xFF000000u | (uint32_t)r[0] << 16 | (uint32_t)r[0] << 8 | r[0];
                break;
            case 2:
                for (int x = 0; x < w; x++, r += 2)
                    o[x] = fimg_pack(r[0], r[0], r[0], r[1]);
                break;
            case 3:
                for (int x = 0; x < w; x++, r += 3)
                    o[x] = 0xFF000000u | (uint32_t)r[0] << 16 | (uint32_t)r[1] << 8 | r[2];
                break;
            default:
                for (int x = 0; x < w; x++, r += 4)
                    o[x] = fimg_pack(r[0], r[1], r[2], r[3]);
            }
        }
        cairo_surface_mark_dirty(s);
    }
    if (inflater)
        libdeflate_free_decompressor(inflater);
    free(raw);
    free(owned);
    return s;
}
