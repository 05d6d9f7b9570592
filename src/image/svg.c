/* SVG with librsvg, painted as vectors. The handle is made from memory with
 * no base URL, so librsvg refuses every external reference (<image href>,
 * xi:include, CSS @import, external <use>): only data: URLs and the
 * document's own elements can be drawn. Documents with too many elements are
 * refused before librsvg builds its tree. librsvg is opened the first time
 * an SVG is met (util/lazylib.h): most runs have none. */
#include <librsvg/rsvg.h>
#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "image/codec.h"
#include "util/lazylib.h"

/* librsvg's functions, in the order of their names below */
static struct {
    __typeof__(&rsvg_handle_new_from_data) new_from_data;
    __typeof__(&rsvg_handle_set_dpi) set_dpi;
    __typeof__(&rsvg_handle_get_intrinsic_size_in_pixels) intrinsic_size_in_pixels;
    __typeof__(&rsvg_handle_get_intrinsic_dimensions) intrinsic_dimensions;
    __typeof__(&rsvg_handle_render_document) render_document;
} rsvg;

static bool have_rsvg(void)
{
    static const char *const names[] = {
        "rsvg_handle_new_from_data", "rsvg_handle_set_dpi",
        "rsvg_handle_get_intrinsic_size_in_pixels", "rsvg_handle_get_intrinsic_dimensions",
        "rsvg_handle_render_document"};
    _Static_assert(sizeof rsvg == sizeof names, "one name per function");
    return lazylib_open("librsvg-2.so.2", names, (void **)&rsvg, sizeof names / sizeof *names);
}

enum { SVG_MAX_ELEMENTS = 100000 };

static RsvgHandle *open_svg(const unsigned char *d, size_t len, const char **why)
{
    size_t tags = 0;
    for (size_t i = 0; i < len; i++)
        if (d[i] == '<' && ++tags > SVG_MAX_ELEMENTS) {
            *why = "SVG too complex";
            return NULL;
        }
    if (!have_rsvg()) {
        *why = "librsvg cannot be loaded";
        return NULL;
    }
    GError *err = NULL;
    RsvgHandle *h = rsvg.new_from_data(d, len, &err);
    if (!h) {
        g_clear_error(&err);
        *why = "corrupt SVG";
        return NULL;
    }
    rsvg.set_dpi(h, 96.0);
    return h;
}

static int to_pixels(double v)
{
    return v < 1.0 ? 1 : v > 1e6 ? 1000000 : (int)ceil(v);
}

bool fimg_svg_size(const unsigned char *d, size_t len, int *w, int *h, const char **why)
{
    RsvgHandle *handle = open_svg(d, len, why);
    if (!handle)
        return false;
    double pw, ph;
    gboolean has_w, has_h, has_vb;
    RsvgLength lw, lh;
    RsvgRectangle vb;
    if (rsvg.intrinsic_size_in_pixels(handle, &pw, &ph)) {
        *w = to_pixels(pw);
        *h = to_pixels(ph);
    } else {
        /* Percentages or no size: the viewBox, else CSS's default 300×150. */
        rsvg.intrinsic_dimensions(handle, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
        *w = has_vb && vb.width > 0 ? to_pixels(vb.width) : 300;
        *h = has_vb && vb.height > 0 ? to_pixels(vb.height) : 150;
    }
    g_object_unref(handle);
    return true;
}

/* Whether the SVG's largest possible glyph and font, drawn into a w×h box
 * of cr, stay far below the sizes that crash librsvg and cairo
 * (svg_text_size.c). */
static bool text_drawable(RsvgHandle *handle, const fimg_bytes *b, cairo_t *cr, double w,
                          double h)
{
    /* device units; the crashes start near 65 536 */
    enum { MAX_GLYPH = 20000, MAX_FONT_BY_SCALE2 = 60000 };
    gboolean has_w, has_h, has_vb;
    RsvgLength lw, lh;
    RsvgRectangle vb;
    rsvg.intrinsic_dimensions(handle, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
    double units_w = has_vb && vb.width > 0 ? vb.width : b->width > 0 ? b->width : 1;
    double units_h = has_vb && vb.height > 0 ? vb.height : b->height > 0 ? b->height : 1;
    double dx = 1, dy = 0;
    cairo_user_to_device_distance(cr, &dx, &dy);
    double device = hypot(dx, dy);
    dx = 0, dy = 1;
    cairo_user_to_device_distance(cr, &dx, &dy);
    device = fmax(device, hypot(dx, dy));
    double scale = fmax(w / units_w, h / units_h) * device;
    double glyph, squared;
    fimg_svg_text_bounds(b->data, b->len, &glyph, &squared);
    return glyph * scale <= MAX_GLYPH && squared * scale * scale <= MAX_FONT_BY_SCALE2;
}

bool fimg_paint_svg_with_fonts(cairo_t *cr, const fimg_bytes *b, void *font_map, double x,
                               double y, double w, double h, const char **why)
{
    if (!b || b->format != FIMG_SVG) {
        *why = "not an SVG";
        return false;
    }
    RsvgHandle *handle = open_svg(b->data, b->len, why);
    if (!handle)
        return false;
    if (!text_drawable(handle, b, cr, w, h)) {
        g_object_unref(handle);
        *why = "SVG text too large to draw";
        return false;
    }
    PangoFontMap *old = NULL;
    if (font_map) {
        old = g_object_ref(pango_cairo_font_map_get_default());
        pango_cairo_font_map_set_default(PANGO_CAIRO_FONT_MAP(font_map));
    }
    RsvgRectangle viewport = {x, y, w, h};
    GError *err = NULL;
    cairo_save(cr);
    gboolean ok = rsvg.render_document(handle, cr, &viewport, &err);
    cairo_restore(cr);
    if (old) {
        pango_cairo_font_map_set_default(PANGO_CAIRO_FONT_MAP(old));
        g_object_unref(old);
    }
    g_clear_error(&err);
    g_object_unref(handle);
    if (!ok)
        *why = "SVG rendering failed";
    return ok;
}

bool fimg_paint_svg(cairo_t *cr, const fimg_bytes *b, double x, double y, double w, double h,
                    const char **why)
{
    return fimg_paint_svg_with_fonts(cr, b, NULL, x, y, w, h, why);
}
