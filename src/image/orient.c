/* EXIF orientation: cameras store the sensor's pixels and say how to turn
 * them. The PDF has no such flag, so the pixels are turned here. */
#include "image/codec.h"

cairo_surface_t *fimg_orient(cairo_surface_t *src, int orientation, const char **why)
{
    double w = cairo_image_surface_get_width(src), h = cairo_image_surface_get_height(src);
    bool swap = orientation >= 5;
    /* Stored (x, y) → displayed (X, Y), as cairo_matrix_init(xx, yx, xy, yy, x0, y0). */
    static const double m[9][6] = {
        [1] = {1, 0, 0, 1, 0, 0},   [2] = {-1, 0, 0, 1, 1, 0},  [3] = {-1, 0, 0, -1, 1, 1},
        [4] = {1, 0, 0, -1, 0, 1},  [5] = {0, 1, 1, 0, 0, 0},   [6] = {0, 1, -1, 0, 1, 0},
        [7] = {0, -1, -1, 0, 1, 1}, [8] = {0, -1, 1, 0, 0, 1},
    };
    if (orientation < 1 || orientation > 8) {
        *why = "bad orientation";
        return NULL;
    }
    cairo_surface_t *dst = fimg_surface_unclear((int)(swap ? h : w), (int)(swap ? w : h), why);
    if (!dst)
        return NULL;
    /* Offsets are in units of the displayed width and height. */
    const double *k = m[orientation];
    double dw = swap ? h : w, dh = swap ? w : h;
    cairo_matrix_t mat;
    cairo_matrix_init(&mat, k[0], k[1], k[2], k[3], k[4] * dw, k[5] * dh);
    cairo_t *cr = cairo_create(dst);
    cairo_set_matrix(cr, &mat);
    cairo_set_source_surface(cr, src, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    cairo_paint(cr);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    if (st != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(dst);
        *why = "out of memory";
        return NULL;
    }
    return dst;
}
