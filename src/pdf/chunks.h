/* A long document painted in parts (limits.max_surface_pages): cairo 1.16
 * keeps a structure node for every tag of a surface until the surface is
 * finished (hundreds of megabytes for a long document), so every so many
 * pages the painter finishes its surface and begins another, each writing
 * its own file. They are merged here into one file of the form cairo
 * writes, which the finisher then finishes as it would cairo's own:
 * - every object of part k renumbered (its numbers plus those of the parts
 *   before), cairo's structure trees, catalogs, Info, page trees, name
 *   trees and page labels left out;
 * - one page tree, one /Dests name tree (sorted; each part names the
 *   destinations painted on its pages, and its links and outline name
 *   theirs), one /PageLabels number tree (each part's pages counted on
 *   from the pages before);
 * - the last part's catalog, where the outline is.
 * Each part keeps its own font subsets. */
#ifndef FOLIO_PDF_CHUNKS_H
#define FOLIO_PDF_CHUNKS_H

#include <stdbool.h>
#include <stddef.h>

/* Merges the n files cairo wrote at the fds in into one written to fd out
 * (from its start). False, with what went wrong in *why, when a part is
 * not of the form cairo writes or a write failed (errno). */
bool pdf_chunks_merge(const int *in, size_t n, int out, const char **why);

#endif
