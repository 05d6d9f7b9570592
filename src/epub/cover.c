#include "cover.h"

#include <pango/pangocairo.h>
#include <stdlib.h>

#include "book/cover.h"
#include "image/image.h"
#include "text/fonts.h"
#include "util/path.h"
#include "xml.h"

/* The cover is 1200 pixels wide and has the page's proportions, so that it
 * is the PDF's first page, drawn by the same code (tests/book/cover.py). */
enum { COVER_W = 1200 };

/* The book's cover (book/cover.h, the PDF's first page too) as a JPEG:
 * at quality 90 with full-resolution colour the title's edges stay clean,
 * and it is encoded in half the CPU of a PNG (a one-paragraph book's cover
 * was 80% of its instructions as a PNG) and a third of the size when it
 * carries a photograph. */
static bool draw_cover(epub_book *b, buf *jpeg)
{
    int cover_h = (int)(COVER_W * b->style->page_height / b->style->page_width + 0.5);
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, COVER_W, cover_h);
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1); /* the paper the PDF's page is */
    cairo_paint(cr);
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
    const char *why = NULL;
    if (!book_cover_draw(cr, COVER_W, cover_h, &b->cover_design, ctx, &why))
        fdiag_warn(b->diag, b->cover_design.image_src, 0, 0,
                   "cover image: %s; the cover goes without it", why);
    g_object_unref(ctx);
    cairo_destroy(cr);
    unsigned char *data;
    size_t len;
    bool ok = fimg_encode_jpeg(surface, &data, &len);
    cairo_surface_destroy(surface);
    if (ok) {
        buf_append(jpeg, data, len);
        free(data);
    }
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
              fimg_to_core_media(&img, &b->opt->limits, b->style->epub_image_max_side, &conv,
                                 &conv_len, format, why);
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
    book_cover_get(b->book, b->resources, b->style, &b->opt->limits, &b->cover_design);
    b->cover_alt = book_cover_alt(b->book, &b->cover_design);
    buf data = {0};
    fimg_format format = FIMG_JPEG;
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
    xml_attr(o, "alt", b->cover_alt);
    buf_puts(o, "/>\n</section>\n</body>\n</html>\n");
}
