/* Photographs go into the PDF as JPEG. cairo 1.16 deflates the pixels of
 * every image it embeds unless the surface carries JPEG bytes; on a photo
 * that deflate is the slowest step of a whole render and barely shrinks it,
 * while a JPEG at quality 90 with full-resolution colour (4:4:4) is several
 * times faster to write, far smaller, and looks the same in print.
 * Screenshots, charts, diagrams and text stay lossless: JPEG rings around
 * their sharp edges, and deflate handles their flat colours well. */
#include <assert.h>
#include <stdlib.h>

#include "image/codec.h"

enum {
    GRID = 64,        /* samples per side of the sampling grid */
    MIN_PIXELS = 1 << 16, /* smaller images deflate fast enough */
};

/*
 * The rule: an opaque image of at least MIN_PIXELS is a photograph when, on
 * a grid of up to 64×64 sample pixels, at least half hold a colour no other
 * sample has seen, and fewer than a third equal their right-hand neighbour.
 * Flat-colour pictures fail both: a screenshot or chart repeats a few
 * colours (background, lines, text), and most pixels touch a twin.
 */
bool fimg_is_photo(cairo_surface_t *s)
{
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    if ((int64_t)w * h < MIN_PIXELS || w < 2)
        return false;
    cairo_surface_flush(s);
    const unsigned char *px = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    if (cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32) {
        for (int y = 0; y < h; y++) {
            const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
            uint32_t alpha = 0xFF000000u; /* a row at a time, without a branch a pixel */
            for (int x = 0; x < w; x++)
                alpha &= row[x];
            if (alpha != 0xFF000000u)
                return false;
        }
    }
    /* Open addressing over twice as many slots as samples; 0 marks empty,
     * so colours are stored with the alpha byte set. */
    enum { SLOTS = 2 * GRID * GRID };
    static_assert((SLOTS & (SLOTS - 1)) == 0, "SLOTS is a power of two");
    uint32_t *seen = calloc(SLOTS, sizeof *seen);
    if (!seen)
        return false;
    int samples = 0, distinct = 0, twins = 0;
    for (int gy = 0; gy < GRID; gy++) {
        int y = (int)((int64_t)(2 * gy + 1) * h / (2 * GRID));
        const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
        for (int gx = 0; gx < GRID; gx++) {
            int x = (int)((int64_t)(2 * gx + 1) * (w - 1) / (2 * GRID));
            uint32_t c = row[x] | 0xFF000000u;
            samples++;
            twins += c == (row[x + 1] | 0xFF000000u);
            uint32_t k = (c * 2654435761u) >> 19 & (SLOTS - 1);
            while (seen[k] && seen[k] != c)
                k = (k + 1) & (SLOTS - 1);
            if (!seen[k]) {
                seen[k] = c;
                distinct++;
            }
        }
    }
    free(seen);
    return 2 * distinct >= samples && 3 * twins < samples;
}

bool fimg_attach_jpeg(cairo_surface_t *s)
{
    unsigned char *out = NULL;
    size_t len = 0;
    if (fimg_encode_jpeg(s, true, &out, &len) &&
        cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, out, len, free, out) ==
            CAIRO_STATUS_SUCCESS)
        return true;
    free(out);
    return false;
}
