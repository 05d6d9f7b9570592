#include "mfont.h"

#include <stdlib.h>
#include <string.h>

mfont *mfont_open(const char *path, const char **why)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob) {
        *why = "cannot read the math font";
        return NULL;
    }
    hb_face_t *face = hb_face_create(blob, 0);
    if (!hb_ot_math_has_data(face)) {
        *why = "the math font has no MATH table";
        hb_face_destroy(face);
        hb_blob_destroy(blob);
        return NULL;
    }
    mfont *f = calloc(1, sizeof *f);
    if (!f || !(f->path = strdup(path))) {
        free(f);
        *why = "out of memory";
        hb_face_destroy(face);
        hb_blob_destroy(blob);
        return NULL;
    }
    f->blob = blob;
    f->face = face;
    f->upem = hb_face_get_upem(face);
    f->font = hb_font_create(face);
    hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
    f->buffer = hb_buffer_create();
    for (int c = 0; c <= HB_OT_MATH_CONSTANT_RADICAL_DEGREE_BOTTOM_RAISE_PERCENT; c++)
        f->constants[c] = hb_ot_math_get_constant(f->font, (hb_ot_math_constant_t)c);
    return f;
}

void mfont_drop(mfont *f)
{
    if (!f)
        return;
    hb_buffer_destroy(f->buffer);
    hb_font_destroy(f->font);
    hb_face_destroy(f->face);
    hb_blob_destroy(f->blob);
    free((char *)f->path);
    free(f);
}
