/* A Quarto listing page (listing: in its front matter, such as a site's
 * list of all its issues): its listings become ordinary model nodes, one
 * entry per listed document (picture, title, date, author, description),
 * so both backends print them with nothing of their own. */
#ifndef FOLIO_LISTING_H
#define FOLIO_LISTING_H

#include "doc.h"
#include "util/diag.h"

/* Reads the front matter of the documents each listing of doc names
 * (Quarto's contents, sort, max-items, fields, type), drafts left out, and
 * puts their entries in the div of the listing's id, else at the end of
 * the document. What cannot be read or printed is a warning; an entry
 * that cannot be read is left out, the others stay. */
void listing_apply(folio_doc *doc, fdiag *d);

#endif
