/* The resource resolver: every image of a run found and loaded once, for
 * whichever backend asks, by the run's policy (resource folders, remote
 * images, limits) — the documents only say where they live. Remote images
 * are downloaded together up front. */
#ifndef FOLIO_BOOK_RESOURCES_H
#define FOLIO_BOOK_RESOURCES_H

#include <stdio.h>

#include "doc/doc.h"
#include "image/image.h"

typedef struct book_resources book_resources;

/* The resolver for n documents under o's policy (o's limits filled).
 * NULL when out of memory. */
book_resources *book_resources_new(folio_doc *const *docs, size_t n,
                                   const folio_render_options *o);
void book_resources_free(book_resources *r);

/* Image src as written in document doc (of the n given): its bytes, header
 * read and limits checked, loaded on the first call and kept for the run
 * (owned by r); NULL
 * with *why set to a static reason when it cannot be had. Files with the
 * same content give the same fimg_bytes (the first found), so a pointer
 * names an image's content. Safe to call from several threads. */
fimg_bytes *book_image(book_resources *r, size_t doc, const char *src, const char **why);

/* Reads the documents' local image files ahead, in their order, on a
 * thread of its own (until r is freed), for book_image to take when they
 * are asked for: the caller's thread does not wait for the disk and the
 * kernel's copies. Nothing book_image returns changes. */
void book_resources_read_ahead(book_resources *r);

/* Calls fn for each image src a document shows: its featured image, then
 * the tree's, in reading order. */
void book_each_image(const folio_doc *doc, void (*fn)(const char *src, void *user), void *user);

/* Every image of the documents (featured ones first), as `folio dump
 * --book` lists them: "  image SRC FORMAT WxH" or "  image SRC: why". */
void book_resources_dump(book_resources *r, size_t doc, FILE *out);

#endif
