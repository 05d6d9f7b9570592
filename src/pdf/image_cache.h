/* The PDF's prepared images kept between runs in folio's cache folder
 * (util/blob_cache.h: the EPUB's converted images' store, with its folder
 * option, bound and digest check): what images.c hands the PDF for an
 * image that had to be decoded, either JPEG bytes (a photograph, or a
 * JPEG reduced or turned) or the samples folio compressed (ximage.h).
 * Decoding, reducing and encoding again were most of an issue's CPU; a
 * rebuild reads the result instead, the same bytes, so the same PDF. */
#ifndef FOLIO_PDF_IMAGE_CACHE_H
#define FOLIO_PDF_IMAGE_CACHE_H

#include "image/image.h"
#include "ximage.h"

/* The key of b prepared for px_w × px_h pixels under limits: a digest of
 * the build, b's bytes and all that (fimg_decode_for_pdf's arguments).
 * false when nothing is to be kept: no build id (util/blob_cache.h), or a
 * JPEG the PDF takes as it is (no decode to save; a copy costs more). */
bool pdf_image_cache_key(const fimg_bytes *b, const folio_limits *limits, int px_w, int px_h,
                         char key[65]);

/* One prepared image: JPEG bytes of width × height pixels, or (jpeg NULL)
 * the samples x. */
typedef struct pdf_cached_image {
    int width, height;
    unsigned char *jpeg; /* malloc'ed */
    size_t jpeg_len;
    pdf_ximage *x;
} pdf_cached_image;

/* The image kept under key in dir (NULL: the user's cache folder) for b:
 * true with *got filled (the caller owns its buffers), false when absent,
 * damaged or not one of ours. */
bool pdf_image_cache_get(const char *dir, const char key[65], const fimg_bytes *b,
                         pdf_cached_image *got);
/* Keeps one (nothing happens when the folder cannot be written). */
void pdf_image_cache_put(const char *dir, const char key[65], const pdf_cached_image *img);

#endif
