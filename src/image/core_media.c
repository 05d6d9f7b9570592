/* EPUB 3.2 core media types. PNG, JPEG and GIF pass through once they prove
 * whole (a reader would show a broken file as nothing); WebP is not a core type and
 * becomes PNG. An SVG is cleaned through an XML parser (svg_clean.c) and
 * stays vector, or becomes a PNG drawn without its external references when
 * only a drawing can be made safe. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "image/codec.h"
#include "util/buf.h"

/* Rasterised SVGs: twice their CSS size, the longer side at most this. */
enum { SVG_RASTER_MAX_SIDE = 2048 };

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
    buf_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

static bool copy_out(const unsigned char *d, size_t len, fimg_format f, unsigned char **out,
                     size_t *out_len, fimg_format *out_format, const char **why)
{
    *out = malloc(len ? len : 1);
    if (!*out) {
        *why = "out of memory";
        return false;
    }
    memcpy(*out, d, len);
    *out_len = len;
    *out_format = f;
    return true;
}

static bool png_out(cairo_surface_t *s, unsigned char **out, size_t *out_len,
                    fimg_format *out_format, const char **why)
{
    buf png = {0};
    cairo_status_t st = cairo_surface_write_to_png_stream(s, write_buf, &png);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS || png.len == 0) {
        buf_free(&png);
        *why = "PNG conversion failed";
        return false;
    }
    *out_len = png.len;
    *out = (unsigned char *)buf_detach(&png);
    *out_format = FIMG_PNG;
    return true;
}

/* The SVG drawn at twice its CSS size w×h (no external reference is loaded). */
static bool svg_to_png(const fimg_bytes *b, int w, int h, unsigned char **out, size_t *out_len,
                       fimg_format *out_format, const char **why)
{
    double scale = 2.0, longer = w > h ? w : h;
    if (longer * scale > SVG_RASTER_MAX_SIDE)
        scale = SVG_RASTER_MAX_SIDE / longer;
    int pw = (int)ceil(w * scale), ph = (int)ceil(h * scale);
    cairo_surface_t *s = fimg_surface_new(pw < 1 ? 1 : pw, ph < 1 ? 1 : ph, why);
    if (!s)
        return false;
    cairo_t *cr = cairo_create(s);
    bool ok = fimg_paint_svg(cr, b, 0, 0, cairo_image_surface_get_width(s),
                             cairo_image_surface_get_height(s), why);
    cairo_destroy(cr);
    if (!ok) {
        cairo_surface_destroy(s);
        return false;
    }
    return png_out(s, out, out_len, out_format, why);
}

static bool svg_for_epub(const fimg_bytes *b, unsigned char **out, size_t *out_len,
                         fimg_format *out_format, const char **why)
{
    int w, h;
    if (!fimg_svg_size(b->data, b->len, &w, &h, why)) /* parses: not broken */
        return false;
    switch (fimg_svg_clean(b->data, b->len, out, out_len)) {
    case FIMG_SVG_CLEAN:
        *out_format = FIMG_SVG;
        return true;
    case FIMG_SVG_RASTERISE:
        return svg_to_png(b, w, h, out, out_len, out_format, why);
    default:
        *why = "corrupt SVG";
        return false;
    }
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A PNG is whole when its chunks follow one another to IEND with every CRC
 * right, IHDR first and image data present: truncation and damaged bytes
 * are caught at a fraction of a full decode (the EPUB only copies the file). */
static bool png_whole(const unsigned char *d, size_t len, const char **why)
{
    size_t at = 8;
    bool idat = false;
    for (int k = 0; at + 12 <= len; k++) {
        uint32_t n = be32(d + at);
        const unsigned char *type = d + at + 4;
        if (n > len - at - 12)
            break;
        if (crc32(crc32(0, NULL, 0), type, n + 4) != be32(d + at + 8 + n)) {
            *why = "corrupt PNG (bad chunk checksum)";
            return false;
        }
        if (k == 0 && memcmp(type, "IHDR", 4) != 0)
            break;
        idat |= memcmp(type, "IDAT", 4) == 0;
        if (memcmp(type, "IEND", 4) == 0) {
            if (idat)
                return true;
            break;
        }
        at += 12 + n;
    }
    *why = "corrupt or truncated PNG";
    return false;
}

bool fimg_to_core_media(const fimg_bytes *b, const folio_limits *limits,
                        unsigned char **out_data, size_t *out_len, fimg_format *out_format,
                        const char **why)
{
    if (!b || b->format == FIMG_UNKNOWN) {
        *why = "unknown image format";
        return false;
    }
    if (b->format == FIMG_SVG)
        return svg_for_epub(b, out_data, out_len, out_format, why);
    if (b->format == FIMG_WEBP) {
        cairo_surface_t *s = fimg_decode_stored(b, limits, 0, 0, why);
        return s && png_out(s, out_data, out_len, out_format, why);
    }
    if (b->format == FIMG_PNG)
        return png_whole(b->data, b->len, why) &&
               copy_out(b->data, b->len, b->format, out_data, out_len, out_format, why);
    /* A decode proves the file whole (JPEG decodes at 1/8 for it). */
    cairo_surface_t *check = fimg_decode_stored(b, limits, 64, 64, why);
    if (!check)
        return false;
    cairo_surface_destroy(check);
    return copy_out(b->data, b->len, b->format, out_data, out_len, out_format, why);
}
