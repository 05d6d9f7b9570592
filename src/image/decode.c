/* fimg_decode: check the header size against the limits, pick the output
 * size, run the format's decoder, downsample, and attach what the PDF
 * surface needs to embed the image once and (for JPEG) untouched. */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "image/codec.h"
#include "options.h"
#include "util/digest.h"

enum { CAIRO_MAX_SIDE = 32767 };

/* Downsample only when the image exceeds the wanted size by this factor:
 * a little extra resolution is harmless and keeps JPEGs untouched. */
#define DOWNSAMPLE_ABOVE 1.5

/* limits with its zero fields at their defaults */
static folio_limits filled(const folio_limits *limits)
{
    folio_limits l = limits ? *limits : (folio_limits){0};
    folio_limits_fill(&l);
    return l;
}

uint64_t fimg_max_pixels(const folio_limits *limits)
{
    return filled(limits).max_image_pixels;
}

size_t fimg_max_bytes(const folio_limits *limits)
{
    return filled(limits).max_image_bytes;
}

cairo_surface_t *fimg_surface_new(int w, int h, const char **why)
{
    if (w <= 0 || h <= 0 || w > CAIRO_MAX_SIDE || h > CAIRO_MAX_SIDE) {
        *why = "image too large";
        return NULL;
    }
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        *why = "out of memory";
        return NULL;
    }
    cairo_surface_flush(s);
    return s;
}

/* A surface on a malloc'd buffer, not cleared: for what is written whole
 * or never read. */
static cairo_surface_t *malloc_surface(cairo_format_t format, int w, int h, const char **why)
{
    static const cairo_user_data_key_t pixels_key;
    if (w <= 0 || h <= 0 || w > CAIRO_MAX_SIDE || h > CAIRO_MAX_SIDE) {
        *why = "image too large";
        return NULL;
    }
    int stride = cairo_format_stride_for_width(format, w);
    unsigned char *pixels = stride > 0 ? malloc((size_t)stride * (size_t)h) : NULL;
    cairo_surface_t *s =
        pixels ? cairo_image_surface_create_for_data(pixels, format, w, h, stride) : NULL;
    if (!s || cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
        cairo_surface_set_user_data(s, &pixels_key, pixels, free) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        free(pixels);
        *why = "out of memory";
        return NULL;
    }
    return s;
}

cairo_surface_t *fimg_surface_unclear(int w, int h, const char **why)
{
    return malloc_surface(CAIRO_FORMAT_ARGB32, w, h, why);
}

/* The output size: the image fitted into max_w×max_h when it is far larger,
 * else its own size. */
static void target_size(int w, int h, int max_w, int max_h, int *tw, int *th)
{
    double s = 1.0;
    if (max_w > 0 && (double)max_w / w < s)
        s = (double)max_w / w;
    if (max_h > 0 && (double)max_h / h < s)
        s = (double)max_h / h;
    if (s * DOWNSAMPLE_ABOVE >= 1.0) {
        *tw = w, *th = h;
        return;
    }
    *tw = (int)lround(w * s);
    *th = (int)lround(h * s);
    if (*tw < 1)
        *tw = 1;
    if (*th < 1)
        *th = 1;
}

/* Same bytes at the same size → same id, so cairo embeds the image once.
 * SHA-1: no one gains from making two of their own images collide. */
static void set_unique_id(cairo_surface_t *s, const fimg_bytes *b)
{
    char digest[FIMG_DIGEST_LEN + 1];
    digest_sha1_hex(b->data, b->len, digest);
    char *id = g_strdup_printf("folio-%s-%dx%d", digest, cairo_image_surface_get_width(s),
                               cairo_image_surface_get_height(s));
    if (id && cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, (unsigned char *)id,
                                          strlen(id), g_free, id) != CAIRO_STATUS_SUCCESS)
        g_free(id);
}

static void set_jpeg_data(cairo_surface_t *s, const fimg_bytes *b)
{
    unsigned char *copy = malloc(b->len);
    if (!copy)
        return;
    memcpy(copy, b->data, b->len);
    if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, copy, b->len, free, copy) !=
        CAIRO_STATUS_SUCCESS)
        free(copy);
}

/* The header's size, checked against the limits before any pixel exists. */
static bool checked_size(const fimg_bytes *b, const folio_limits *limits, int *w, int *h,
                         const char **why)
{
    if (!b || !b->data) {
        *why = "no image data";
        return false;
    }
    if (b->format == FIMG_SVG || b->format == FIMG_UNKNOWN) {
        *why = b->format == FIMG_SVG ? "SVG is painted, not decoded" : "unknown image format";
        return false;
    }
    /* The header again, not b->width: the bytes are the truth. */
    if (!fimg_raster_size(b->data, b->len, b->format, w, h)) {
        *why = "corrupt image header";
        return false;
    }
    if ((uint64_t)*w * (uint64_t)*h > fimg_max_pixels(limits)) {
        *why = "too many pixels (image pixel limit)";
        return false;
    }
    return true;
}

static cairo_surface_t *run_decoder(const fimg_bytes *b, int want_w, int want_h,
                                    const char **why)
{
    switch (b->format) {
    case FIMG_PNG: return fimg_decode_png(b->data, b->len, why);
    case FIMG_JPEG: return fimg_decode_jpeg(b->data, b->len, want_w, want_h, why);
    case FIMG_WEBP: return fimg_decode_webp(b->data, b->len, want_w, want_h, why);
    case FIMG_GIF: return fimg_decode_gif(b->data, b->len, why);
    case FIMG_SVG:
    case FIMG_UNKNOWN: break;
    }
    *why = "unknown image format";
    return NULL;
}

cairo_surface_t *fimg_decode_stored(const fimg_bytes *b, const folio_limits *limits, int want_w,
                                    int want_h, const char **why)
{
    int w, h;
    return checked_size(b, limits, &w, &h, why) ? run_decoder(b, want_w, want_h, why) : NULL;
}

/* The image decoded upright at tw×th (upright sides), or at its own size
 * when that is smaller; *changed: the pixels differ from the file's. */
static cairo_surface_t *decode_upright(const fimg_bytes *b, int w, int h, int tw, int th,
                                       bool *changed, const char **why)
{
    /* The wanted size applies to the image upright; decoders work on it as stored. */
    int orientation = b->format == FIMG_JPEG ? fimg_jpeg_orientation(b->data, b->len) : 1;
    if (orientation >= 5) {
        int t = tw;
        tw = th, th = t;
    }
    cairo_surface_t *s = run_decoder(b, tw, th, why);
    if (!s)
        return NULL;
    *changed = cairo_image_surface_get_width(s) != w || cairo_image_surface_get_height(s) != h;
    if (cairo_image_surface_get_width(s) > tw || cairo_image_surface_get_height(s) > th) {
        cairo_surface_t *small = fimg_downsample(s, tw, th, why);
        cairo_surface_destroy(s);
        if (!small)
            return NULL;
        s = small;
        *changed = true;
    }
    if (orientation != 1) {
        cairo_surface_t *upright = fimg_orient(s, orientation, why);
        cairo_surface_destroy(s);
        if (!upright)
            return NULL;
        s = upright;
        *changed = true;
    }
    return s;
}

/* A JPEG the PDF keeps as it is needs no pixels: cairo writes the JPEG
 * bytes and reads only the surface's size and its content (opaque, so no
 * transparency is looked for). The buffer is never touched: malloc'd, not
 * cleared as cairo's own would be, it costs neither time nor memory. */
static cairo_surface_t *jpeg_pass_through(const fimg_bytes *b, int w, int h, const char **why)
{
    cairo_surface_t *s = malloc_surface(CAIRO_FORMAT_RGB24, w, h, why);
    if (!s)
        return NULL;
    cairo_surface_mark_dirty(s); /* not a clear surface, whatever its buffer holds */
    set_jpeg_data(s, b);
    return s;
}

/* Whether the PDF takes b's JPEG bytes as they are, at w×h (its own size)
 * fitted to tw×th: upright, not reduced, and not CMYK (see decode). */
static bool kept_as_is(const fimg_bytes *b, int orientation, int w, int h, int tw, int th)
{
    return b->format == FIMG_JPEG && orientation == 1 && tw == w && th == h &&
           fimg_jpeg_components(b->data, b->len) != 4;
}

static cairo_surface_t *decode(const fimg_bytes *b, const folio_limits *limits, int max_width,
                               int max_height, bool pdf_only, const char **why)
{
    int w, h, tw, th;
    if (!checked_size(b, limits, &w, &h, why))
        return NULL;
    int orientation = b->format == FIMG_JPEG ? fimg_jpeg_orientation(b->data, b->len) : 1;
    bool swap = orientation >= 5;
    target_size(swap ? h : w, swap ? w : h, max_width, max_height, &tw, &th);
    if (pdf_only && kept_as_is(b, orientation, w, h, tw, th))
        return jpeg_pass_through(b, w, h, why);
    bool changed;
    cairo_surface_t *s = decode_upright(b, w, h, tw, th, &changed, why);
    if (!s)
        return NULL;
    /* cairo 1.16 embeds a CMYK JPEG without the inverting /Decode Adobe's
     * files need, which prints a negative: those go in decoded. */
    if (b->format == FIMG_JPEG && !changed && fimg_jpeg_components(b->data, b->len) != 4)
        set_jpeg_data(s, b);
    else if (fimg_is_photo(s))
        fimg_attach_jpeg(s);
    /* the PDF paints each image from one surface (pdf/images.h): no hash */
    if (!pdf_only)
        set_unique_id(s, b);
    return s;
}

cairo_surface_t *fimg_decode(const fimg_bytes *b, const folio_limits *limits, int max_width,
                             int max_height, const char **why)
{
    return decode(b, limits, max_width, max_height, false, why);
}

cairo_surface_t *fimg_decode_for_pdf(const fimg_bytes *b, const folio_limits *limits,
                                     int max_width, int max_height, const char **why)
{
    return decode(b, limits, max_width, max_height, true, why);
}

bool fimg_pdf_as_is(const fimg_bytes *b, const folio_limits *limits, int max_width,
                    int max_height)
{
    int w, h, tw, th;
    const char *why;
    if (!checked_size(b, limits, &w, &h, &why) || b->format != FIMG_JPEG)
        return false;
    int orientation = fimg_jpeg_orientation(b->data, b->len);
    target_size(w, h, max_width, max_height, &tw, &th);
    return kept_as_is(b, orientation, w, h, tw, th);
}

cairo_surface_t *fimg_decode_fit(const fimg_bytes *b, const folio_limits *limits, int max_side,
                                 const char **why)
{
    int w, h;
    if (!checked_size(b, limits, &w, &h, why))
        return NULL;
    bool swap = b->format == FIMG_JPEG && fimg_jpeg_orientation(b->data, b->len) >= 5;
    int uw = swap ? h : w, uh = swap ? w : h, longer = uw > uh ? uw : uh;
    double s = max_side > 0 && longer > max_side ? (double)max_side / longer : 1.0;
    int tw = (int)lround(uw * s), th = (int)lround(uh * s);
    bool changed;
    return decode_upright(b, w, h, tw < 1 ? 1 : tw, th < 1 ? 1 : th, &changed, why);
}
