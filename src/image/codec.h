/* Internal to src/image: header parsing and one decoder per format. Every
 * decoder returns a premultiplied ARGB32 cairo surface or NULL with *why set
 * to a static reason; none allocates pixels before its size was checked by
 * the caller (fimg_decode) against the limits. */
#ifndef FOLIO_IMAGE_CODEC_H
#define FOLIO_IMAGE_CODEC_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "image/image.h"

/* Pixel size from the header of a raster image, without decoding. */
bool fimg_raster_size(const unsigned char *d, size_t len, fimg_format f, int *w, int *h);
/* Colour components of a JPEG's frame (1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK);
 * 0 when the header is unreadable. */
int fimg_jpeg_components(const unsigned char *d, size_t len);
/* An SVG made safe for an EPUB (svg_clean.c says what goes): FIMG_SVG_CLEAN
 * with *out a malloc'ed vector copy, FIMG_SVG_RASTERISE when only a drawing
 * can be made safe (CSS reaching outside, entities), FIMG_SVG_BROKEN when
 * it is not XML. */
typedef enum fimg_svg_cleaned { FIMG_SVG_CLEAN, FIMG_SVG_RASTERISE, FIMG_SVG_BROKEN } fimg_svg_cleaned;
fimg_svg_cleaned fimg_svg_clean(const unsigned char *d, size_t len, unsigned char **out,
                                size_t *out_len);
/* EXIF orientation of a JPEG (1..8, 1: as stored; 5..8 swap the sides). */
int fimg_jpeg_orientation(const unsigned char *d, size_t len);
/* CSS as its tokenizer reads it, appended to out: escapes decoded ("\75"
 * → "u", "\r" → "r"), comments gone, ASCII letters lowered. */
struct buf;
void fimg_css_decode(const char *s, struct buf *out);
/* Upper bounds for an SVG's text in its own user units (its viewBox's):
 * *glyph the size of any glyph, *squared any font size times the square of
 * the scale it is drawn at (INFINITY when out of all bounds). */
void fimg_svg_text_bounds(const unsigned char *d, size_t len, double *glyph, double *squared);
/* Intrinsic size of an SVG in CSS pixels (viewBox or 300×150 when none). */
bool fimg_svg_size(const unsigned char *d, size_t len, int *w, int *h, const char **why);

/* The largest pixel count allowed (0 in limits: the default). */
uint64_t fimg_max_pixels(const folio_limits *limits);
/* The largest image file or download allowed (0 in limits: the default). */
size_t fimg_max_bytes(const folio_limits *limits);

/* A new w×h ARGB32 surface, clear, or NULL when cairo cannot make one. */
cairo_surface_t *fimg_surface_new(int w, int h, const char **why);

/* The same for a caller that writes every pixel: its buffer is not
 * cleared first (a decoded image's megabytes written twice). */
cairo_surface_t *fimg_surface_unclear(int w, int h, const char **why);

/* want_w/want_h: the final size; a decoder that can scale while decoding
 * (JPEG, WebP) returns a surface no smaller than that. 0: full size. */
cairo_surface_t *fimg_decode_png(const unsigned char *d, size_t len, const char **why);
/* The two ways fimg_decode_png goes (png_fast.c first, then libpng): the
 * fast one returns NULL for any PNG it does not take (8-bit, not
 * interlaced, no colour key) or cannot decode, without a message. */
cairo_surface_t *fimg_decode_png_fast(const unsigned char *d, size_t len, const char **why);
cairo_surface_t *fimg_decode_png_libpng(const unsigned char *d, size_t len, const char **why);
/* png_fast's unfiltering: h rows, each a filter byte then row_len bytes of
 * bpp-byte pixels, undone in place. raw has one byte of slack after the
 * last row (read, and written back as it was). false for an unknown filter
 * or when out of memory. */
bool fimg_png_unfilter(unsigned char *raw, size_t h, size_t row_len, int bpp);
cairo_surface_t *fimg_decode_jpeg(const unsigned char *d, size_t len, int want_w, int want_h,
                                  const char **why);
cairo_surface_t *fimg_decode_webp(const unsigned char *d, size_t len, int want_w, int want_h,
                                  const char **why);
cairo_surface_t *fimg_decode_gif(const unsigned char *d, size_t len, const char **why);

/* fimg_decode without what only the PDF needs (downsampling, EXIF turning,
 * JPEG bytes, a unique id): the pixels as stored, scaled while decoding
 * toward want_w×want_h where the format can (JPEG, WebP), after the same
 * checks. For proving a file whole and for format conversion. */
cairo_surface_t *fimg_decode_stored(const fimg_bytes *b, const folio_limits *limits, int want_w,
                                    int want_h, const char **why);

/* Area-averaged copy of src at w×h (smaller than src); src is left alone. */
cairo_surface_t *fimg_downsample(cairo_surface_t *src, int w, int h, const char **why);

/* src turned upright for an EXIF orientation (2..8), as a new surface. */
cairo_surface_t *fimg_orient(cairo_surface_t *src, int orientation, const char **why);

/* True for an opaque photograph-like image (many distinct colours, few
 * flat runs); the rule is in photo.c. */
bool fimg_is_photo(cairo_surface_t *s);
/* Encodes the surface's pixels as a JPEG (quality 90, 4:4:4) and attaches it
 * as CAIRO_MIME_TYPE_JPEG, so the PDF embeds those bytes instead of
 * deflating the pixels. The surface must be opaque. false: left alone. */
bool fimg_attach_jpeg(cairo_surface_t *s);

/* One premultiplied ARGB32 pixel from straight (non-premultiplied) RGBA. */
static inline uint32_t fimg_pack(unsigned r, unsigned g, unsigned b, unsigned a)
{
    if (a != 255) {
        r = (r * a + 127) / 255;
        g = (g * a + 127) / 255;
        b = (b * a + 127) / 255;
    }
    return (uint32_t)a << 24 | (uint32_t)r << 16 | (uint32_t)g << 8 | b;
}

#endif
