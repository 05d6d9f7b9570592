#include "cover.h"

#include <pango/pangocairo.h>
#include <png.h>
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>
#include <string.h>

#include "image/image.h"
#include "text/fonts.h"
#include "util/path.h"
#include "xml.h"

enum { COVER_W = 1200, COVER_H = 1800, COVER_MARGIN = 110 };

static void append_png(png_structp png, png_bytep data, size_t len)
{
    buf_append(png_get_io_ptr(png), data, len);
}

/* The cover as PNG, written with libpng rather than cairo's writer: one
 * filter and run-length compression suit its flat colours and take a
 * fraction of the time of the default adaptive filtering. */
static bool encode_png(cairo_surface_t *surface, buf *out)
{
    int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
    int stride = cairo_image_surface_get_stride(surface);
    const unsigned char *pixels = cairo_image_surface_get_data(surface);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    unsigned char *row = malloc((size_t)w * 3);
    volatile bool ok = false; /* read after a longjmp from libpng */
    if (!png || !info || !row || !pixels)
        goto done;
    if (setjmp(png_jmpbuf(png)))
        goto done;
    png_set_write_fn(png, out, append_png, NULL);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
    png_set_compression_strategy(png, Z_RLE);
    png_write_info(png, info);
    for (int y = 0; y < h; y++) {
        /* CAIRO_FORMAT_RGB24: one native-endian 32-bit word per pixel, xRGB. */
        const uint32_t *src = (const uint32_t *)(pixels + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            row[3 * x] = (unsigned char)(src[x] >> 16);
            row[3 * x + 1] = (unsigned char)(src[x] >> 8);
            row[3 * x + 2] = (unsigned char)src[x];
        }
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    ok = true;
done:
    png_destroy_write_struct(&png, &info);
    free(row);
    return ok;
}

static void set_rgb(cairo_t *cr, frgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

/* Sets the layout's text at the largest size up to size (pixels) whose
 * height stays within max_h; returns that height. */
static int fit_text(PangoLayout *layout, const char *family, PangoWeight weight, double size,
                    double max_h, const char *text)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, family);
    pango_font_description_set_weight(fd, weight);
    pango_layout_set_text(layout, text, -1);
    int w, h;
    for (;;) {
        pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
        pango_layout_set_font_description(layout, fd);
        pango_layout_get_pixel_size(layout, &w, &h);
        if (h <= max_h || size < 24)
            break;
        size *= 0.9;
    }
    pango_font_description_free(fd);
    return h;
}

static void show_at(cairo_t *cr, PangoLayout *layout, double y)
{
    cairo_move_to(cr, COVER_MARGIN, y);
    pango_cairo_show_layout(cr, layout);
}

static const char *years_text(const epub_book *b, char *tmp, size_t size)
{
    if (!b->year_first)
        return NULL;
    if (b->year_first == b->year_last)
        snprintf(tmp, size, "%d", b->year_first);
    else
        snprintf(tmp, size, "%d\u2013%d", b->year_first, b->year_last);
    return tmp;
}

static bool draw_cover(epub_book *b, buf *png)
{
    const folio_style *s = b->style;
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, COVER_W, COVER_H);
    cairo_t *cr = cairo_create(surface);
    /* The run's bundled fonts, as in the PDF: never the machine's. */
    PangoContext *ctx = pango_font_map_create_context(text_fonts_map(b->run_fonts));
    /* Grey antialiasing without hinting: the same pixels whatever the
     * machine's font settings. */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    PangoLayout *layout = pango_layout_new(ctx);
    pango_layout_set_width(layout, (COVER_W - 2 * COVER_MARGIN) * PANGO_SCALE);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);

    /* A band in the heading colour carries the title; the years and the
     * count sit below it on paper white. */
    double band = COVER_H * 0.62;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    set_rgb(cr, s->color_heading);
    cairo_rectangle(cr, 0, 0, COVER_W, band);
    cairo_fill(cr);
    set_rgb(cr, s->color_link);
    cairo_rectangle(cr, 0, band, COVER_W, 14);
    cairo_fill(cr);

    const char *heading = s->font_heading ? s->font_heading : "sans-serif";
    const char *body = s->font_body ? s->font_body : "serif";
    cairo_set_source_rgb(cr, 1, 1, 1);
    /* A word joiner after each en dash keeps "2023–2025" on one line. */
    char **parts = g_strsplit(b->title, "\u2013", -1);
    char *title = g_strjoinv("\u2013\u2060", parts);
    g_strfreev(parts);
    int h = fit_text(layout, heading, PANGO_WEIGHT_BOLD, 110, band - 2 * COVER_MARGIN, title);
    g_free(title);
    show_at(cr, layout, (band - h) / 2);

    char years[32];
    const char *y = years_text(b, years, sizeof years);
    double at = band + 110;
    set_rgb(cr, s->color_heading);
    if (y && !strstr(b->title, y)) { /* a built title already ends with them */
        h = fit_text(layout, heading, PANGO_WEIGHT_BOLD, 120, 200, y);
        show_at(cr, layout, at);
        at += h + 40;
    }
    buf count = {0};
    book_count_issues(b->lang, b->n, &count);
    set_rgb(cr, s->color_muted);
    fit_text(layout, body, PANGO_WEIGHT_NORMAL, 60, 120, buf_cstr(&count));
    show_at(cr, layout, at);
    buf_free(&count);
    if (b->publisher) {
        fit_text(layout, body, PANGO_WEIGHT_NORMAL, 44, 100, b->publisher);
        show_at(cr, layout, COVER_H - COVER_MARGIN - 60);
    }

    g_object_unref(layout);
    g_object_unref(ctx);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    bool ok = encode_png(surface, png);
    cairo_surface_destroy(surface);
    return ok;
}

/* The style's own cover image, converted when the format needs it. */
static bool load_style_cover(epub_book *b, buf *out, fimg_format *format, const char **why)
{
    size_t len;
    size_t max = b->opt->limits.max_image_bytes; /* the run's, filled */
    unsigned char *data = (unsigned char *)path_read_file(b->style->cover_image, max, &len);
    if (!data) {
        *why = "cannot be read";
        return false;
    }
    fimg_bytes img = {.data = data, .len = len, .format = fimg_sniff(data, len)};
    *format = img.format;
    if (img.format == FIMG_PNG || img.format == FIMG_JPEG || img.format == FIMG_GIF ||
        img.format == FIMG_SVG) {
        buf_append(out, data, len);
        free(data);
        return true;
    }
    unsigned char *conv;
    size_t conv_len;
    bool ok = img.format != FIMG_UNKNOWN &&
              fimg_to_core_media(&img, &b->opt->limits, &conv, &conv_len, format, why);
    if (img.format == FIMG_UNKNOWN)
        *why = "not an image folio knows";
    free(data);
    if (ok) {
        buf_append(out, conv, conv_len);
        free(conv);
    }
    return ok;
}

void epub_cover_make(epub_book *b)
{
    buf data = {0};
    fimg_format format = FIMG_PNG;
    const char *why = NULL;
    bool ok = false;
    if (b->style->cover_image) {
        ok = load_style_cover(b, &data, &format, &why);
        if (!ok) {
            fdiag_warn(b->diag, b->style->cover_image, 0, 0, "cover image %s; folio draws one",
                       why);
            buf_clear(&data);
        }
    }
    if (!ok && !draw_cover(b, &data)) {
        fdiag_warn(b->diag, "<cover>", 0, 0, "the cover could not be drawn; the book has none");
        buf_free(&data);
        return;
    }
    b->cover.len = data.len;
    b->cover.data = (unsigned char *)buf_detach(&data);
    b->cover.media_type = fimg_media_type(format);
    b->cover.href = arena_printf(b->arena, "images/cover.%s", fimg_extension(format));
    b->cover.id = "cover-image";
}

void epub_cover_xhtml(const epub_book *b, buf *o)
{
    xhtml_open(o, b->lang, book_word(b->lang, W_COVER));
    buf_puts(o, "<body class=\"cover\">\n<section epub:type=\"cover\" class=\"cover\">\n"
                "<img");
    xml_attr(o, "src", b->cover.href);
    xml_attr(o, "alt", b->title);
    buf_puts(o, "/>\n</section>\n</body>\n</html>\n");
}
