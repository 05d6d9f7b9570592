/* Packaged files: images found through the model (read once, stored once
 * per content, WebP converted) and the bundled fonts. */
#ifndef FOLIO_EPUB_MEDIA_H
#define FOLIO_EPUB_MEDIA_H

#include "book.h"

/* The packaged image for src as written in chapter, or NULL when it cannot be
 * used (missing, remote, corrupt…) with *why set to a static reason. The
 * first use of an image reads, converts and deduplicates it. */
const epub_item *epub_media_image(epub_book *b, size_t chapter, const char *src,
                                  const char **why);
/* Adds the fonts of the style's families found in b->fonts_dir. */
void epub_media_fonts(epub_book *b);
/* Adds a font file (taking data) at href (in the book's arena) for family's
 * regular face, unless the same bytes are there. */
void epub_media_add_font(epub_book *b, unsigned char *data, size_t len, const char *href,
                         const char *family);
/* The lowercase hex SHA-256 of an image's bytes, computed once per run
 * whoever asks (its packaged copy's name, the cover's cache key); owned by
 * the book. */
const char *epub_image_digest(epub_book *b, const fimg_bytes *img);
void epub_items_free(epub_items *set);

#endif
