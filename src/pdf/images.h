/* The layout's raster images, decoded for the painter (images.c): ahead of
 * it on worker threads when the run has more than one job, and freed after
 * the last page that shows each. */
#ifndef FOLIO_PDF_IMAGES_H
#define FOLIO_PDF_IMAGES_H

#include "layout.h"
#include "ximage.h"

typedef struct pdf_images pdf_images;

/* Images prepared with jobs - 1 worker threads (none for one job: the
 * painter decodes each image when it takes it), from the layout on, kept
 * in and taken from folio's cache in cache_dir (NULL: the user's;
 * image_cache.h; borrowed). */
pdf_images *pdf_images_new(const folio_limits *limits, const char *cache_dir, int jobs);
/* The layout placed im at its pixel size so far: workers may prepare it. */
void pdf_images_ask(pdf_images *p, const pimage *im);
/* The painting of pl begins: its images (pl->ahead's, which it takes,
 * else new ones) at their final sizes, in the order of their first page.
 * Sets each image's last page. */
pdf_images *pdf_images_start(playout *pl, const folio_limits *limits, const char *cache_dir,
                             int jobs);
/* The pixels of im (waiting for them if a worker has them in hand), kept in
 * im->surface until the layout goes (what waits there is a stand-in or a
 * buffer never touched, see images.c); NULL with *why set when they cannot
 * be had. */
cairo_surface_t *pdf_images_take(pdf_images *p, pimage *im, const char **why);
/* The images folio compressed itself (ximage.h), valid until
 * pdf_images_stop. Call once the painting is done. */
pdf_ximages pdf_images_encoded(pdf_images *p);
/* Stops the workers and frees what they prepared. */
void pdf_images_stop(pdf_images *p);

#endif
