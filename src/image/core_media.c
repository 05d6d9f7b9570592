/* EPUB 3.2 core media types. PNG, JPEG and GIF pass through once their
 * structure proves them whole (a reader would show a broken file as
 * nothing) and their longer side is within the bound; larger ones are
 * reduced to it, except drawings little over it. WebP is not a core type: a lossy opaque one becomes a JPEG,
 * any other a PNG. An SVG is cleaned through an XML parser (svg_clean.c) and
 * stays vector, or becomes a PNG drawn without its external references when
 * only a drawing can be made safe. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <webp/decode.h>

#include "image/codec.h"

/* Rasterised SVGs: twice their CSS size, the longer side at most this. */
enum { SVG_RASTER_MAX_SIDE = 2048 };

/* A PNG or GIF that is not a photograph (so would stay PNG) is reduced only
 * past this many times the bound: re-encoded at a fast level, one reduced by
 * less is rarely a smaller file, and the reduction is most of an EPUB's CPU
 * (dessin-opendata.png, 2249 px: 852 KB as it is, 1053 KB reduced to 2000). */
#define DRAWING_REDUCE_ABOVE 1.5

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

/* s (consumed) as a JPEG when jpeg, else as a PNG. A photograph's colour
 * at half resolution (4:2:0, as cameras and WebP's lossy files keep it):
 * its encode is nearly twice as fast (most of a WebP's conversion). */
static bool encode_out(cairo_surface_t *s, bool jpeg, unsigned char **out, size_t *out_len,
                       fimg_format *out_format, const char **why)
{
    bool ok = jpeg ? fimg_encode_jpeg(s, false, out, out_len) : fimg_encode_png(s, out, out_len);
    cairo_surface_destroy(s);
    if (!ok) {
        *why = jpeg ? "JPEG conversion failed" : "PNG conversion failed";
        return false;
    }
    *out_format = jpeg ? FIMG_JPEG : FIMG_PNG;
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
    return encode_out(s, false, out, out_len, out_format, why);
}

static bool svg_for_epub(const fimg_bytes *b, unsigned char **out, size_t *out_len,
                         fimg_format *out_format, const char **why)
{
    int w = b->width, h = b->height; /* read when loaded: no second parse */
    if ((w <= 0 || h <= 0) && !fimg_svg_size(b->data, b->len, &w, &h, why))
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

/* The longer side in pixels, from the header (b's own size when loaded). */
static int longer_side(const fimg_bytes *b)
{
    int w = b->width, h = b->height;
    if ((w <= 0 || h <= 0) && !fimg_raster_size(b->data, b->len, b->format, &w, &h))
        return 0;
    return w > h ? w : h;
}

/* WebP: lossy and opaque is a photograph (JPEG), else lossless art or
 * transparency (PNG); reduced to the bound while decoding. */
static bool webp_for_epub(const fimg_bytes *b, const folio_limits *limits, int max_side,
                          unsigned char **out, size_t *out_len, fimg_format *out_format,
                          const char **why)
{
    WebPBitstreamFeatures info;
    if (WebPGetFeatures(b->data, b->len, &info) != VP8_STATUS_OK) {
        *why = "corrupt WebP";
        return false;
    }
    cairo_surface_t *s = fimg_decode_fit(b, limits, max_side, why);
    return s && encode_out(s, info.format == 1 && !info.has_alpha, out, out_len, out_format, why);
}

/* Lossless files of a photograph's noise take more than a byte per pixel;
 * one that packs its pixels tighter is flat colour, a drawing (infolettre
 * 11's dessin-opendata.png: 0.23 byte per pixel), and needs no decode to
 * say so (that decode was most of its EPUB's CPU). */
static bool packs_like_drawing(const fimg_bytes *b)
{
    return b->width > 0 && b->height > 0 && b->len < (uint64_t)b->width * (uint64_t)b->height;
}

/* A PNG or GIF a little over the bound that does not pack like a drawing:
 * a photograph reduced to a JPEG, a drawing copied as it is. PNG and GIF
 * have no EXIF turn: stored is upright. */
static bool near_bound(const fimg_bytes *b, const folio_limits *limits, int max_side,
                       unsigned char **out, size_t *out_len, fimg_format *out_format,
                       const char **why)
{
    cairo_surface_t *s = fimg_decode_stored(b, limits, 0, 0, why);
    if (!s)
        return false;
    if (!fimg_is_photo(s)) {
        cairo_surface_destroy(s);
        return copy_out(b->data, b->len, b->format, out, out_len, out_format, why);
    }
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    double scale = (double)max_side / (w > h ? w : h);
    int tw = (int)lround(w * scale), th = (int)lround(h * scale);
    cairo_surface_t *small = fimg_downsample(s, tw < 1 ? 1 : tw, th < 1 ? 1 : th, why);
    cairo_surface_destroy(s);
    return small && encode_out(small, true, out, out_len, out_format, why);
}

bool fimg_core_media_as_is(const fimg_bytes *b, int max_side, const char **why)
{
    *why = NULL;
    if (!b || (b->format != FIMG_PNG && b->format != FIMG_JPEG && b->format != FIMG_GIF))
        return false;
    if (!fimg_whole(b, why))
        return false;
    int longer = longer_side(b);
    return max_side <= 0 || longer <= max_side ||
           (b->format != FIMG_JPEG && longer <= DRAWING_REDUCE_ABOVE * max_side &&
            packs_like_drawing(b));
}

bool fimg_to_core_media(const fimg_bytes *b, const folio_limits *limits, int max_side,
                        unsigned char **out_data, size_t *out_len, fimg_format *out_format,
                        const char **why)
{
    if (!b || b->format == FIMG_UNKNOWN) {
        *why = "unknown image format";
        return false;
    }
    if (b->format == FIMG_SVG)
        return svg_for_epub(b, out_data, out_len, out_format, why);
    if (b->format == FIMG_WEBP)
        return webp_for_epub(b, limits, max_side, out_data, out_len, out_format, why);
    if (fimg_core_media_as_is(b, max_side, why))
        return copy_out(b->data, b->len, b->format, out_data, out_len, out_format, why);
    if (*why) /* not whole */
        return false;
    if (b->format != FIMG_JPEG && longer_side(b) <= DRAWING_REDUCE_ABOVE * max_side)
        return near_bound(b, limits, max_side, out_data, out_len, out_format, why);
    cairo_surface_t *s = fimg_decode_fit(b, limits, max_side, why);
    return s && encode_out(s, b->format == FIMG_JPEG || fimg_is_photo(s), out_data, out_len,
                           out_format, why);
}
