/* Pandoc's definition lists inside block quotes, list items, footnotes and
 * definitions.
 * The pre-pass (prepass.c) reads those at the top level and in divs; in
 * these containers md4c gives each as a paragraph "Term", soft break,
 * ": definition" (or, a blank line between, a one-line paragraph then one
 * starting ": "). They become the same FN_DEF_LIST, FN_DEF_TERM and
 * FN_DEF_DATA nodes, as pandoc reads them. */
#ifndef FOLIO_DEFLISTS_H
#define FOLIO_DEFLISTS_H

#include "doc.h"

void deflists_apply(folio_doc *doc);

#endif
