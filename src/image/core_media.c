/* EPUB 3.2 core media types: PNG, JPEG, GIF and SVG pass through; WebP is
 * not one of them, so it is decoded and written as PNG. */
#include <stdlib.h>
#include <string.h>

#include "image/codec.h"
#include "util/buf.h"

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
    buf_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

bool fimg_to_core_media(const fimg_bytes *b, const folio_limits *limits,
                        unsigned char **out_data, size_t *out_len, fimg_format *out_format,
                        const char **why)
{
    if (!b || b->format == FIMG_UNKNOWN) {
        *why = "unknown image format";
        return false;
    }
    if (b->format != FIMG_WEBP) {
        *out_data = malloc(b->len ? b->len : 1);
        if (!*out_data) {
            *why = "out of memory";
            return false;
        }
        memcpy(*out_data, b->data, b->len);
        *out_len = b->len;
        *out_format = b->format;
        return true;
    }
    cairo_surface_t *s = fimg_decode(b, limits, 0, 0, why);
    if (!s)
        return false;
    buf png = {0};
    cairo_status_t st = cairo_surface_write_to_png_stream(s, write_buf, &png);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS || png.len == 0) {
        buf_free(&png);
        *why = "PNG conversion failed";
        return false;
    }
    *out_len = png.len;
    *out_data = (unsigned char *)buf_detach(&png);
    *out_format = FIMG_PNG;
    return true;
}
