/* Formulas in the PDF: laid out with the bundled OpenType math font
 * (src/math/mlayout.h), painted with cairo, and copied or searched as
 * their linear text (one /ActualText span per formula). Inline formulas
 * are unbreakable boxes with their own ascent and descent among the words;
 * display formulas are blocks of their own. */
#ifndef FOLIO_PDF_FORMULA_H
#define FOLIO_PDF_FORMULA_H

#include <cairo.h>
#include <pango/pango.h>
#include <stdbool.h>

#include "doc/doc.h"
#include "math/mlayout.h"
#include "util/diag.h"

typedef struct pdf_math pdf_math;

/* One formula set at one size, owned by its pdf_math. */
typedef struct pmath {
    const mitem *items;
    size_t n;
    double width, ascent, descent; /* points */
    const char *text;              /* the linear form (the text layer) */
    const pdf_math *owner;
    size_t tag_from;               /* a closing \tag: its items [tag_from, n) start */
    double tag_x;                  /* after tag_x points of formula (none: tag_from == n) */
} pmath;

/* The formulas of one layout; the font in fonts_dir/math is opened on
 * first use, and set so that its x-height matches text_family's (a family
 * name of pc's font map). Drop with pdf_math_drop after painting. */
pdf_math *pdf_math_new(const char *fonts_dir, PangoContext *pc, const char *text_family);
void pdf_math_drop(pdf_math *m);

/* n (an FN_MATH of doc) set at size, in display style when display; laid
 * out once per node and size. NULL, after one warning, when it cannot be
 * typeset (no tree, no math font, a character the font lacks): the caller
 * then shows its TeX. */
const pmath *pdf_math_get(pdf_math *m, const folio_doc *doc, const fnode *n, double size,
                          bool display, fdiag *d);

/* A display formula f with a closing \tag set across width points as LaTeX
 * does: the formula centred, its number at the right end (the formula
 * moved left if they would touch). NULL when f has no tag or does not fit. */
const pmath *pdf_math_spread(const pmath *f, double width);

/* Paints f with its baseline's left end at (x, y), scaled by scale. */
void pdf_math_paint(cairo_t *cr, const pmath *f, double x, double y, double scale);

/* A Pango shape attribute for an inline formula (its range, one U+FFFC of
 * a paragraph's text, set by the caller): the text engine sets it as one
 * box of the formula's size; the painter draws it with pdf_math_paint. */
PangoAttribute *pdf_math_attr(const pmath *f);

#endif
