/* Images, shared by both backends: find the bytes (confined to the
 * source's folder tree and --resource-path, remote only with --fetch-remote),
 * sniff the format from the bytes, decode with limits. Knows nothing of
 * documents: callers say where to look (fimg_source). */
#ifndef FOLIO_IMAGE_H
#define FOLIO_IMAGE_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folio.h"

typedef enum fimg_format {
    FIMG_UNKNOWN,
    FIMG_PNG,
    FIMG_JPEG,
    FIMG_WEBP,
    FIMG_GIF,
    FIMG_SVG,
} fimg_format;

enum { FIMG_DIGEST_LEN = 40 };

/* Raw bytes of an image as found. */
typedef struct fimg_bytes {
    unsigned char *data; /* malloc'ed; fimg_bytes_free releases it */
    size_t len;
    fimg_format format;
    int width, height;   /* intrinsic size in pixels (SVG: CSS px), from the header,
                            upright (a JPEG's EXIF orientation applied) */
    const char *where;   /* resolved path or URL, for messages (owned by data's block) */
} fimg_bytes;

/* Format from the first bytes (not the extension). */
fimg_format fimg_sniff(const unsigned char *data, size_t len);
/* "image/png" … ; NULL for unknown. */
const char *fimg_media_type(fimg_format f);
const char *fimg_extension(fimg_format f); /* "png", "jpg", … */

/* Where the images of one source may come from: a policy, not a document
 * (the book's resource resolver builds one per chapter). */
typedef struct fimg_source {
    const char *dir;            /* the source's folder (relative paths); NULL: no local file */
    const char *root;           /* the folder relative paths may not leave (NULL: dir) */
    const char *const *extra;   /* more folders to look in (--resource-path) */
    size_t n_extra;
    bool fetch_remote;          /* http(s) images allowed (only then is the network used) */
    bool allow_private_hosts;   /* … from loopback and private addresses too */
    const char *cache_dir;      /* downloads cache; NULL: the default */
    const folio_limits *limits; /* bytes, pixels, timeouts */
    const struct fimg_remote *remote; /* downloads made up front (remote.h), or NULL */
} fimg_source;

/*
 * Loads the image src (as written in a source) from where from says, and
 * reads its header. On failure returns false, reports nothing, and sets
 * *why to a static reason ("not found", "outside the source folder",
 * "remote image (use --fetch-remote)", "corrupt", "too large"…). On success
 * the caller owns out (fimg_bytes_free).
 */
bool fimg_load(const fimg_source *from, const char *src, fimg_bytes *out, const char **why);
/* Whether src names a remote (http, https) image. */
bool fimg_is_remote(const char *src);
void fimg_bytes_free(fimg_bytes *b);

/* Whether a raster file (PNG, JPEG, GIF, WebP) is whole, from its
 * structure alone (whole.c): no pixel is decoded. false with *why set
 * otherwise. */
bool fimg_whole(const fimg_bytes *b, const char **why);

/*
 * Decodes raster bytes (PNG, JPEG, WebP, GIF first frame) to a premultiplied
 * ARGB32 cairo image surface, upright, refusing more than the limits' pixels
 * (and sides over 32767) before allocating. max_width/max_height (pixels,
 * 0: none): an image more than 1.5 times larger is area-averaged down to fit
 * that box. JPEG surfaces carry the original DCT bytes as
 * CAIRO_MIME_TYPE_JPEG when not downsampled, not turned by EXIF and not CMYK,
 * so the PDF keeps them untouched. Every surface carries a
 * CAIRO_MIME_TYPE_UNIQUE_ID (content hash + size), so the PDF embeds an image
 * used twice once. The caller owns the surface. NULL on failure (*why set).
 */
cairo_surface_t *fimg_decode(const fimg_bytes *b, const folio_limits *limits, int max_width,
                             int max_height, const char **why);
/* fimg_decode for a surface that only a cairo PDF surface paints: a JPEG
 * that goes into the PDF unchanged is not decoded at all (its surface has
 * the right size and the JPEG bytes, but no pixels: never paint it
 * anywhere else). No unique id: the caller paints every use of the image
 * from this one surface, which cairo embeds once. */
cairo_surface_t *fimg_decode_for_pdf(const fimg_bytes *b, const folio_limits *limits,
                                     int max_width, int max_height, const char **why);
/* Whether fimg_decode_for_pdf would give b's JPEG bytes as they are, no
 * pixel decoded: known from the headers alone (nothing worth caching). */
bool fimg_pdf_as_is(const fimg_bytes *b, const folio_limits *limits, int max_width,
                    int max_height);

/* The image upright (EXIF turned) and fitted into a max_side square when
 * its longer side is larger (0: full size), without the PDF's extras: for
 * pixels drawn into pixels (EPUB images reduced to a bound, the EPUB's
 * cover). The caller owns the surface. NULL on failure (*why set). */
cairo_surface_t *fimg_decode_fit(const fimg_bytes *b, const folio_limits *limits, int max_side,
                                 const char **why);

/* Paints an SVG as vectors into the box (x, y, w, h) of cr (aspect ratio
 * kept, centred). External references (files, URLs, xi:include) are never
 * loaded; data: URLs are. Text uses fontconfig's current configuration (the
 * system's fonts, or the bundled ones after folio_fonts_claim_process).
 * false on failure. */
bool fimg_paint_svg(cairo_t *cr, const fimg_bytes *b, double x, double y, double w, double h,
                    const char **why);
/* Like fimg_paint_svg with the SVG's text set in fonts from font_map (a
 * PangoCairoFontMap, e.g. the PDF's bundled fonts, so pdffonts lists only
 * those). librsvg only reads the thread's default font map, so it is
 * swapped in for the call and restored. */
bool fimg_paint_svg_with_fonts(cairo_t *cr, const fimg_bytes *b, void *font_map, double x,
                               double y, double w, double h, const char **why);

/* The surface as a PNG file (encode.c), *out malloc'ed: one cheap filter
 * at a fast zlib level, RGB when opaque, else RGBA. false when out of memory. */
bool fimg_encode_png(cairo_surface_t *s, unsigned char **out, size_t *out_len);
/* The surface as a JPEG file, *out malloc'ed, at quality 90 (the surface
 * must be opaque): with full-resolution colour when full_chroma, else with
 * colour at half resolution both ways (4:2:0, libjpeg's default: nearly
 * half the CPU and a quarter smaller). false when out of memory. */
bool fimg_encode_jpeg(cairo_surface_t *s, bool full_chroma, unsigned char **out,
                      size_t *out_len);
/* The same from h row pointers of w pixels laid out as cairo's (32 bits,
 * the top byte ignored); restarts: a restart marker after each row of
 * blocks (16 pixel rows at 4:2:0), which makes each row's coded bytes
 * depend on its own pixels only. */
bool fimg_encode_jpeg_rows(int w, int h, unsigned char *const *rows, bool full_chroma,
                           bool restarts, unsigned char **out, size_t *out_len);
/* A drawn page (the EPUB's cover), mostly rows of one flat colour, as a
 * JPEG like fimg_encode_jpeg's at 4:2:0 with restarts (the same pixels),
 * encoded in a fraction of its time: a flat row of blocks seen before is
 * not encoded again, its bytes are copied (flat_jpeg.c). false: out of
 * memory or libjpeg failed. */
bool fimg_encode_jpeg_flat(cairo_surface_t *s, unsigned char **out, size_t *out_len);

/*
 * For EPUB: bytes a reading system accepts (PNG, JPEG, GIF, SVG) and
 * epubcheck passes. PNG, JPEG and GIF are copied once their structure proves
 * them whole (corrupt or truncated ones fail; no pixel is decoded); one whose
 * longer side passes max_side pixels (0: no bound) is reduced to it (a JPEG
 * stays JPEG, an opaque photograph becomes one, anything else a PNG), except
 * a drawing (not a photograph, not a JPEG) within 1.5 times the bound: a
 * reduced PNG would seldom be smaller, so it is copied. WebP is
 * converted: lossy and opaque to JPEG, else to PNG. An SVG is copied when it
 * references nothing outside itself, copied without its DOCTYPE when that
 * only names an external DTD (EPUB 3 forbids external identifiers), else
 * drawn to a PNG at twice its size (at most 2048 px) without its external
 * references. On success *out_data is malloc'ed (caller frees) and
 * *out_format says what it is.
 */
bool fimg_to_core_media(const fimg_bytes *b, const folio_limits *limits, int max_side,
                        unsigned char **out_data, size_t *out_len, fimg_format *out_format,
                        const char **why);
/* Whether fimg_to_core_media would copy b as it is (a whole PNG, JPEG or
 * GIF within max_side, or a drawing little over it), said from its
 * structure without a copy. false with *why NULL: it needs converting (or a
 * decode to tell); false with *why set: it is unusable. */
bool fimg_core_media_as_is(const fimg_bytes *b, int max_side, const char **why);

/* One cairo ARGB32 pixel with its colour made straight (cairo keeps it
 * premultiplied), rounded to nearest, as PNG and a PDF's samples want it;
 * a transparent pixel is black. */
static inline uint32_t fimg_unpremultiply(uint32_t v)
{
    unsigned a = v >> 24, r = v >> 16 & 0xFF, g = v >> 8 & 0xFF, b = v & 0xFF;
    if (a == 0)
        return 0;
    if (a != 255) {
        r = (r * 255 + a / 2) / a;
        g = (g * 255 + a / 2) / a;
        b = (b * 255 + a / 2) / a;
    }
    return (uint32_t)a << 24 | (uint32_t)(r & 0xFF) << 16 | (uint32_t)(g & 0xFF) << 8 | (b & 0xFF);
}

#endif
