/* The structure tree of the finished PDF, written with libqpdf from what
 * the layout recorded (tagging.h) in place of cairo's flat one:
 * - each page's marked content rewritten in paint order: a content piece
 *   gets the MCID of its leaf, numbered from 0 on each page; decoration
 *   becomes /Artifact (Layout, or Pagination Header/Footer); cairo's empty
 *   sequences around link annotations go;
 * - one StructElem per element that holds something painted, in reading
 *   order, with /Lang, /Alt, /ActualText, /ID, /Ref, a figure's /BBox and
 *   a header cell's /Scope; a Link holds its annotations (/OBJR);
 * - the ParentTree (each page's MCIDs, each link annotation) and every
 *   page's /StructParents, annotation's /StructParent and /Tabs /S. */
#ifndef FOLIO_PDF_STRUCTURE_H
#define FOLIO_PDF_STRUCTURE_H

#include <stdbool.h>

#include <qpdf/qpdf-c.h>

#include "tagging.h"

/* Writes the tree s as painted (marks) into q, whose page i is page_h[i]
 * points high. Returns false, with *why set, when the marked content
 * found does not match the record (then q is half rewritten: drop it). */
bool pdf_structure_write(qpdf_data q, const pstruct *s, const pmarks *marks, const double *page_h,
                         const char **why);

#endif
