/* The structure tree of the finished PDF, from what the layout recorded
 * (tagging.h) in place of cairo's flat one, in two steps:
 * - inside qpdf, before it writes the file (pdf_structure_prepare): each
 *   page's marked content rewritten in paint order: a content piece gets
 *   the MCID of its leaf, numbered from 0 on each page; decoration becomes
 *   /Artifact (Layout, or Pagination Header/Footer); cairo's empty
 *   sequences around link annotations go; every page's /StructParents
 *   (its index) and /Tabs /S, every link annotation's /StructParent, and
 *   the catalog's /StructTreeRoot, a placeholder;
 * - in the file qpdf wrote (pdf_structure_append), object by object, never
 *   held as an object model (a long document has hundreds of thousands):
 *   one StructElem per element that holds something painted, in reading
 *   order, with /Lang, /Alt, /ActualText, /ID, /Ref, a figure's /BBox and
 *   a header cell's /Scope; a Link holds its annotations (/OBJR); the
 *   ParentTree (each page's MCIDs, each link annotation); the root in the
 *   placeholder's place. */
#ifndef FOLIO_PDF_STRUCTURE_H
#define FOLIO_PDF_STRUCTURE_H

#include <stdbool.h>

#include <qpdf/qpdf-c.h>

#include "tagging.h"

typedef struct pdf_structure pdf_structure;

/* The first step on q, whose page i is page_h[i] points high (the array
 * is read until pdf_structure_free), for the tree s as painted (marks). NULL, with *why set, when the marked content found
 * does not match the record (then q is half rewritten: drop it). */
pdf_structure *pdf_structure_prepare(qpdf_data q, const pstruct *s, const pmarks *marks,
                                     const double *page_h, const char **why);

/* The second step: the file at fd pdf is what qpdf wrote of q (no object
 * streams); the finished file, with a cross-reference table and an /ID
 * that is a hash of its content, is written to fd out, piece by piece.
 * False, with *why set, when pdf is not of that form or a write failed. */
bool pdf_structure_append(const pdf_structure *ps, int pdf, int out, const char **why);

void pdf_structure_free(pdf_structure *ps);

/* Before qpdf reads cairo's file (at fd pdf): cairo's own structure
 * elements, one per piece painted, which the tree replaces, made free
 * entries of its cross-reference table, in the file (qpdf would hold
 * every one in memory the moment it adds an object). Nothing when pdf is
 * not of the form cairo writes. */
void pdf_structure_unlink(int pdf);

#endif
