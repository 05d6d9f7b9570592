/* Fuzz target: bytes as an image file, through every decoder entry point —
 * sniffing, header sizes, raster decoding (with and without downsampling),
 * EPUB core-media conversion and SVG painting. The pixel limit is lowered
 * so one input stays within libFuzzer's memory and time budget. */
#include <cairo.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "image/codec.h"
#include "image/image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static void decode(const fimg_bytes *b, const folio_limits *limits, int max_w, int max_h)
{
    const char *why = NULL;
    cairo_surface_t *s = fimg_decode(b, limits, max_w, max_h, &why);
    if (s)
        cairo_surface_destroy(s);
}

static void paint_svg(const fimg_bytes *b)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 64, 64);
    cairo_t *cr = cairo_create(s);
    const char *why = NULL;
    fimg_paint_svg(cr, b, 0, 0, 64, 64, &why);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    folio_limits limits = {.max_image_pixels = 1 << 22};
    fimg_bytes b = {.data = (unsigned char *)data, .len = len, .where = "fuzz"};
    b.format = fimg_sniff(data, len);
    const char *why = NULL;
    if (b.format == FIMG_SVG) {
        if (fimg_svg_size(data, len, &b.width, &b.height, &why))
            paint_svg(&b);
    } else if (b.format != FIMG_UNKNOWN) {
        fimg_raster_size(data, len, b.format, &b.width, &b.height);
        fimg_jpeg_orientation(data, len);
        decode(&b, &limits, 0, 0);
        decode(&b, &limits, 16, 16);
    }
    unsigned char *out = NULL;
    size_t out_len = 0;
    fimg_format out_format;
    if (fimg_to_core_media(&b, &limits, 0, &out, &out_len, &out_format, &why))
        free(out);
    return 0;
}
