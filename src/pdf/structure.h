/* The structure tree of the finished PDF, from what the layout recorded
 * (tagging.h) in place of cairo's flat one, as the finisher goes:
 * - each page's marked content rewritten in paint order: a content piece
 *   gets the MCID of its leaf, numbered from 0 on each page; decoration
 *   becomes /Artifact (Layout, or Pagination Header/Footer); cairo's
 *   empty sequences around link annotations go;
 * - each link annotation matched with the link painted there: those of
 *   kept Link elements get a parent-tree key (/StructParent);
 * - the tree written object by object, never held as an object model (a
 *   long document has hundreds of thousands): one StructElem per element
 *   that holds something painted, in reading order, with /Lang, /Alt,
 *   /ActualText, /ID, /Ref, a figure's /BBox and a header cell's /Scope;
 *   a Link holds its annotations (/OBJR); the ParentTree (each page's
 *   MCIDs, each link annotation); the root. */
#ifndef FOLIO_PDF_STRUCTURE_H
#define FOLIO_PDF_STRUCTURE_H

#include <stdbool.h>

#include "objfile.h"
#include "tagging.h"
#include "util/buf.h"

typedef struct pdf_structure pdf_structure;

/* For the tree s as painted (marks) on n_pages pages, page i page_h[i]
 * points high (the arrays are read until pdf_structure_free). */
pdf_structure *pdf_structure_new(const pstruct *s, const pmarks *marks, const double *page_h,
                                 size_t n_pages);
void pdf_structure_free(pdf_structure *ps);
/* Lets the resident pages of the record (tree and marks) and of ps's own
 * tables go: a walk over a long document's pages calls it now and then. */
void pdf_structure_forget(const pdf_structure *ps);

/* Page page's content (inflated), pages in order, rewritten into out.
 * False, with *why set, when its marked content is not what was painted
 * there. */
bool pdf_structure_page(pdf_structure *ps, size_t page, const char *content, size_t len,
                        buf *out, const char **why);
/* After the last page: false when pieces were painted on no page. */
bool pdf_structure_pages_done(pdf_structure *ps, const char **why);

/* The next link annotation, pages and their /Annots in order, at rect
 * (/Rect: x0 y0 x1 y1) on page: its /StructParent, or -1 for none; -2,
 * with *why set, when no link was painted there. */
long pdf_structure_link(pdf_structure *ps, size_t page, const double rect[4], const char **why);
/* After the last annotation: false when a link painted had none. */
bool pdf_structure_links_done(pdf_structure *ps, const char **why);
/* The parent-tree keys given: each page's, then the annotations'. */
size_t pdf_structure_keys(const pdf_structure *ps);

/* Writes the tree to w, its root as object root: page i is object
 * page_obj[i], the annotation of key n_pages + j object annot_obj[j]. */
void pdf_structure_write(const pdf_structure *ps, pobjout *w, size_t root,
                         const size_t *page_obj, const size_t *annot_obj);

#endif
