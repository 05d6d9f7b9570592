/* Image XObjects that folio compresses itself (ximage.c). cairo 1.16
 * deflates every image's pixels at zlib's default level, and takes ready
 * bytes only for JPEG (and JPEG 2000, JBIG2, CCITT): that deflate was a
 * quarter of an issue's CPU. So the painter paints a stand-in, a 1×1
 * surface whose "JPEG" bytes are a marker naming the image, and the
 * finisher puts the real image into that XObject (an image fills the unit
 * square whatever its pixel size, so the page's drawing is unchanged). */
#ifndef FOLIO_PDF_XIMAGE_H
#define FOLIO_PDF_XIMAGE_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

#include "objfile.h"

typedef struct pdf_ximage {
    int width, height;
    int colors;             /* 1: /DeviceGray, 3: /DeviceRGB; 8 bits each */
    unsigned char *data;    /* /FlateDecode (zlib) */
    size_t len;
    unsigned char *alpha;   /* the /SMask's 8-bit samples, zlib; NULL: opaque */
    size_t alpha_len;
} pdf_ximage;

/* The pixels of s (ARGB32 or RGB24, premultiplied as cairo keeps them) as
 * the samples cairo would write (colour unpremultiplied, gray when every
 * pixel is, an /SMask when some is not opaque), compressed fast. NULL when
 * out of memory. */
pdf_ximage *pdf_ximage_encode(cairo_surface_t *s);
void pdf_ximage_free(pdf_ximage *x);

/* The surface to paint in place of image number index (a 1×1 stand-in:
 * see above); NULL when cairo cannot make one. */
cairo_surface_t *pdf_ximage_stand_in(long index);

/* If dict and data (raw) are the XObject cairo wrote for a stand-in,
 * the number it was given; else -1. */
long pdf_ximage_stand_in_index(const pobj *dict, const char *data, size_t len);

/* Writes x as image XObject num of w (its /SMask, if any, a new object). */
void pdf_ximage_write(const pdf_ximage *x, pobjout *w, size_t num);

/* The images of a PDF, by stand-in number (NULL: none). */
typedef struct pdf_ximages {
    pdf_ximage **x;
    size_t n;
    bool again; /* a stand-in may come more than once (a document painted in
                   parts: chunks.h): the samples stay until the images go */
} pdf_ximages;

#endif
