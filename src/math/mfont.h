/* An OpenType math font read through HarfBuzz: its MATH table constants,
 * glyph variants and assemblies, italic corrections, kerning. One per
 * run; not shared between threads (it keeps one shaping buffer). */
#ifndef FOLIO_MATH_MFONT_H
#define FOLIO_MATH_MFONT_H

#include <hb-ot.h>
#include <hb.h>
#include <stdbool.h>

typedef struct mfont {
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;   /* scale = units per em: every value is in font units */
    hb_buffer_t *buffer;
    unsigned upem;
    const char *path;  /* malloc'ed */
    hb_position_t constants[HB_OT_MATH_CONSTANT_RADICAL_DEGREE_BOTTOM_RAISE_PERCENT + 1];
} mfont;

/* The bundled math font, under the fonts folder. */
#define MFONT_FILE "math/latinmodern-math.otf"

/* Opens the font file at path. NULL when it cannot be read or has no MATH
 * table; *why then says which (static string). */
mfont *mfont_open(const char *path, const char **why);
void mfont_drop(mfont *f);

#endif
