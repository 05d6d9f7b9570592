/* Math layout: a math tree set in boxes with an OpenType math font, by the
 * TeX rules as the OpenType MATH table states them (MathML Core's layout
 * algorithms): fractions, radicals, scripts and limits, stretchy
 * delimiters and accents from glyph variants and assemblies, tables.
 * The result is a flat list of glyphs and rules relative to the formula's
 * baseline, independent of any drawing library. */
#ifndef FOLIO_MATH_MLAYOUT_H
#define FOLIO_MATH_MLAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "mfont.h"
#include "mtree.h"
#include "util/buf.h"

typedef enum mitem_kind { MI_GLYPH, MI_RULE } mitem_kind;

/* Points; x to the right of the formula's origin, y up from its baseline. */
typedef struct mitem {
    mitem_kind kind;
    unsigned glyph; /* MI_GLYPH: glyph id in the math font */
    double x, y;    /* MI_GLYPH: the glyph's origin; MI_RULE: bottom-left corner */
    double size;    /* MI_GLYPH: font size */
    double w, h;    /* MI_RULE */
} mitem;

typedef struct mlayout {
    mitem *items; /* malloc'ed */
    size_t n, cap;
    double width, ascent, descent; /* the formula's box around its baseline */
    size_t tag_from; /* a closing \tag's items are [tag_from, n) (n: none) */
    double tag_x;    /* where the tag starts: the width of what precedes it */
} mlayout;

/*
 * Lays out root (from math_parse) at size points, in display style when
 * display. Returns false with *err filled when the font lacks a character
 * (the caller shows the TeX instead); out is then empty. Free out with
 * mlayout_free either way.
 */
bool math_layout(mfont *f, const mnode *root, bool display, double size, mlayout *out,
                 math_error *err);
void mlayout_free(mlayout *l);

/* The layout as text (golden files): the box, then one line per item. */
void mlayout_dump(const mlayout *l, buf *out);

#endif
