#include "cover.h"

#include <math.h>
#include <string.h>

#include "doc/date.h"
#include "book/words.h"
#include "text/fonts.h"

void book_cover_get(const fbook *b, book_resources *res, const folio_style *style,
                    const folio_limits *limits, book_cover *out)
{
    *out = (book_cover){.title = b->title, .years = b->years_text, .count = b->count_text,
                        .publisher = style->publisher, .style = style, .limits = limits};
    /* the latest issue: its featured image on the front */
    size_t latest = 0;
    for (size_t i = 1; i < b->n; i++)
        if (fdate_to_epoch(&b->chapters[i].doc->meta.date) >=
            fdate_to_epoch(&b->chapters[latest].doc->meta.date))
            latest = i;
    const char *src = b->n ? b->chapters[latest].doc->meta.image : NULL;
    const char *why;
    if (src && *src && res && (out->image = book_image(res, latest, src, &why)))
        out->image_src = src;
}

const char *book_cover_alt(const fbook *b, const book_cover *c)
{
    bool years = c->years && !strstr(c->title, c->years); /* a built title ends with them */
    bool publisher = c->publisher && *c->publisher;
    return arena_printf(b->arena, "%s \u00b7 %s%s%s \u00b7 %s%s%s", book_word(b->lang, W_COVER),
                        c->title, years ? " \u00b7 " : "", years ? c->years : "", c->count,
                        publisher ? " \u00b7 " : "", publisher ? c->publisher : "");
}

static void set_rgb(cairo_t *cr, frgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

/* The layout set to text at the largest size up to size whose height stays
 * within max_h (never below a third of size); returns that height. */
static double fit_text(PangoLayout *layout, const char *family, PangoWeight weight, double size,
                       double max_h, const char *text)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, family);
    pango_font_description_set_weight(fd, weight);
    pango_layout_set_text(layout, text, -1);
    PangoRectangle r;
    for (double min = size / 3;;) {
        pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
        pango_layout_set_font_description(layout, fd);
        text_layout_drop_missing(layout);
        pango_layout_get_extents(layout, NULL, &r);
        if ((double)r.height / PANGO_SCALE <= max_h || size * 0.9 < min)
            break;
        size *= 0.9;
    }
    pango_font_description_free(fd);
    return (double)r.height / PANGO_SCALE;
}

static void show_at(cairo_t *cr, PangoLayout *layout, double x, double y)
{
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
}

/* The image fitted in the box (x, y, bw, bh), centred. */
static bool draw_image(cairo_t *cr, const book_cover *c, PangoContext *pc, double x, double y,
                       double bw, double bh, double *used_h, const char **why)
{
    const fimg_bytes *im = c->image;
    *used_h = 0;
    if (im->width <= 0 || im->height <= 0) {
        *why = "unknown size";
        return false;
    }
    double s = fmin(bw / im->width, bh / im->height);
    double w = im->width * s, h = im->height * s;
    double ix = x + (bw - w) / 2;
    *used_h = h;
    if (im->format == FIMG_SVG)
        return fimg_paint_svg_with_fonts(cr, im, pango_context_get_font_map(pc), ix, y, w, h, why);
    cairo_surface_t *img;
    bool pixels = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
    if (pixels) {
        /* pixels (the EPUB's cover): the box's own, and nothing for a PDF */
        double dw = w, dh = h;
        cairo_user_to_device_distance(cr, &dw, &dh);
        img = fimg_decode_fit(im, c->limits, (int)ceil(fmax(fabs(dw), fabs(dh))), why);
    } else {
        /* decoded at most at twice the box's size in cr's units */
        img = fimg_decode(im, c->limits, (int)ceil(w * 2), (int)ceil(h * 2), why);
    }
    if (!img)
        return false;
    int sw = cairo_image_surface_get_width(img), sh = cairo_image_surface_get_height(img);
    cairo_save(cr);
    if (pixels) {
        /* decoded at the box's size in pixels, within half a pixel: put
         * on whole pixels as they are, not resampled a second time at a
         * fraction of a pixel (which blurred the cover's picture) */
        double dx = ix, dy = y;
        cairo_user_to_device(cr, &dx, &dy);
        cairo_identity_matrix(cr);
        cairo_translate(cr, round(dx), round(dy));
    } else {
        cairo_translate(cr, ix, y);
        cairo_scale(cr, w / sw, h / sh);
    }
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    /* a bounded fill, not cairo_paint (cairo 1.16's tagged PDF fails on
     * unbounded extents) */
    cairo_rectangle(cr, 0, 0, sw, sh);
    cairo_fill(cr);
    cairo_restore(cr);
    cairo_surface_destroy(img);
    return true;
}

bool book_cover_draw(cairo_t *cr, double w, double h, const book_cover *c, PangoContext *pc,
                     const char **why)
{
    const folio_style *s = c->style;
    double margin = w * 0.09, text_w = w - 2 * margin;
    const char *heading = s->font_heading ? s->font_heading : "sans-serif";
    const char *body = s->font_body ? s->font_body : "serif";
    PangoLayout *layout = pango_layout_new(pc);
    pango_layout_set_width(layout, (int)(text_w * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);

    /* on white paper (the caller's: a fill of the whole page is, to cairo
     * 1.16's tagged PDF, unbounded, and fails the file on Letter), a band
     * in the heading colour carrying the title */
    double band = h * (c->image ? 0.40 : 0.58);
    set_rgb(cr, s->color_heading);
    cairo_rectangle(cr, 0, 0, w, band);
    cairo_fill(cr);
    set_rgb(cr, s->color_link);
    cairo_rectangle(cr, 0, band, w, h * 0.008);
    cairo_fill(cr);
    /* a word joiner after each en dash keeps "2023–2025" on one line */
    char **parts = g_strsplit(c->title, "\u2013", -1);
    char *title = g_strjoinv("\u2013\u2060", parts);
    g_strfreev(parts);
    cairo_set_source_rgb(cr, 1, 1, 1);
    double th = fit_text(layout, heading, PANGO_WEIGHT_BOLD, h * 0.06, band - 2 * margin, title);
    show_at(cr, layout, margin, (band - th) / 2);
    g_free(title);

    bool ok = true;
    double at = band + h * 0.05;
    if (c->image) {
        double used;
        ok = draw_image(cr, c, pc, margin, at, text_w, h * 0.30, &used, why);
        at += used + h * 0.04;
    } else {
        at += h * 0.03;
    }
    set_rgb(cr, s->color_heading);
    if (c->years && !strstr(c->title, c->years)) { /* a built title ends with them */
        double yh = fit_text(layout, heading, PANGO_WEIGHT_BOLD, h * 0.065, h * 0.1, c->years);
        show_at(cr, layout, margin, at);
        at += yh + h * 0.02;
    }
    set_rgb(cr, s->color_muted);
    fit_text(layout, body, PANGO_WEIGHT_NORMAL, h * 0.033, h * 0.06, c->count);
    show_at(cr, layout, margin, at);
    if (c->publisher && *c->publisher) {
        double ph = fit_text(layout, body, PANGO_WEIGHT_NORMAL, h * 0.024, h * 0.05, c->publisher);
        show_at(cr, layout, margin, h - margin * 0.8 - ph);
    }
    g_object_unref(layout);
    return ok;
}
