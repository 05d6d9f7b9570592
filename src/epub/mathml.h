/* A math tree as presentation MathML (MathML Core plus the MathML 3
 * attributes EPUB reading systems know), the TeX kept in alttext. */
#ifndef FOLIO_EPUB_MATHML_H
#define FOLIO_EPUB_MATHML_H

#include <stdbool.h>

#include "math/mtree.h"
#include "util/buf.h"

/* Appends <math …>…</math> for root (from math_parse), tex as alttext. */
void epub_mathml(buf *o, const mnode *root, const char *tex, bool display);

#endif
