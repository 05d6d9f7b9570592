/* The book's raster images converted ahead of the chapters, on as many
 * threads as the run has jobs (prepare.c). */
#ifndef FOLIO_EPUB_PREPARE_H
#define FOLIO_EPUB_PREPARE_H

#include "book.h"

typedef struct epub_prepared epub_prepared;

/* Converts every distinct raster image the chapters show, as
 * fimg_to_core_media would when a chapter meets it. NULL when there is
 * nothing to convert. */
epub_prepared *epub_prepare_images(epub_book *b);
/* The conversion of img made ahead, as fimg_to_core_media returns it
 * (*data malloc'ed, the caller's), except that *data is NULL when img goes
 * as it is (img's own bytes, no copy); false when none was made or it was
 * taken already (the caller converts it then). */
bool epub_prepared_take(epub_prepared *p, const fimg_bytes *img, bool *ok, unsigned char **data,
                        size_t *len, fimg_format *format, const char **why);
void epub_prepared_free(epub_prepared *p);

#endif
