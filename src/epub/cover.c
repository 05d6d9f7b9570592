#include "cover.h"

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "book/cover.h"
#include "image/image.h"
#include "media.h"
#include "text/fonts.h"
#include "util/bigbuf.h"
#include "util/blob_cache.h"
#include "util/digest.h"
#include "util/oom.h"
#include "util/path.h"
#include "xml.h"

/* The cover is 1200 pixels wide and has the page's proportions, so that it
 * is the PDF's first page, drawn by the same code (tests/book/cover.py). */
enum { COVER_W = 1200 };

/* The book's cover (book/cover.h, the PDF's first page too) as a JPEG at
 * quality 90: encoded in a fraction of the CPU of a PNG (a one-paragraph
 * book's cover was 80% of its instructions as a PNG) and a third of the
 * size when it carries a photograph. Its colour at half resolution (4:2:0)
 * halves the encode again (seed's cover 6.7 -> 3.6 ms, 133 -> 97 KB): the
 * edges are the title's lightness, kept at full resolution (3x crops of
 * the title and the band's rules show no difference; 1.05 RMS levels of
 * 255 from the 4:4:4 file). A restart after each row of blocks lets its
 * flat rows be copied (image/flat_jpeg.c): seed's cover 3.7 -> 1.8 ms,
 * 0.4% larger, the same pixels. *whole: nothing was left out (no
 * warning). */
static bool draw_cover(epub_book *b, int cover_h, buf *jpeg, bool *whole)
{
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, COVER_W);
    unsigned char *pixels = bigbuf_alloc((size_t)stride * (size_t)cover_h);
    if (!pixels)
        oom_abort();
    cairo_surface_t *surface =
        cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_RGB24, COVER_W, cover_h, stride);
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
    *whole = book_cover_draw(cr, COVER_W, cover_h, &b->cover_design, ctx, &why);
    if (!*whole)
        fdiag_warn(b->diag, b->cover_design.image_src, 0, 0,
                   "cover image: %s; the cover goes without it", why);
    g_object_unref(ctx);
    cairo_destroy(cr);
    unsigned char *data;
    size_t len;
    /* its flat rows of blocks copied, not encoded again: half the encode */
    bool ok = fimg_encode_jpeg_flat(surface, &data, &len);
    cairo_surface_destroy(surface);
    free(pixels);
    if (ok) {
        buf_append(jpeg, data, len);
        free(data);
    }
    return ok;
}

/* A string of the key, its length first: no two lists of fields read alike. */
static void key_str(buf *k, const char *s)
{
    buf_printf(k, "%zu:%s\n", s ? strlen(s) : 0, s ? s : "");
}

static void key_rgb(buf *k, frgb c)
{
    buf_printf(k, "%a %a %a\n", c.r, c.g, c.b);
}

/* A digest of everything the drawn cover's pixels depend on: the build
 * and the libraries that draw, the size, the words, the style's fonts and
 * colours, the picture's bytes. false: no key (no cache). */
static bool cover_key(epub_book *b, int cover_h, char key[65])
{
    const char *build = blob_cache_build_id();
    if (!build)
        return false;
    const book_cover *c = &b->cover_design;
    const folio_style *s = b->style;
    buf k = {0};
    buf_printf(&k, "folio cover 1\n%s\ncairo %s pango %s harfbuzz %s fontconfig %d\n%d %d\n",
               build, cairo_version_string(), pango_version_string(), hb_version_string(),
               FcGetVersion(), COVER_W, cover_h);
    key_str(&k, c->title);
    key_str(&k, c->years);
    key_str(&k, c->count);
    key_str(&k, c->publisher);
    key_str(&k, b->fonts_dir);
    key_str(&k, s->font_heading);
    key_str(&k, s->font_body);
    key_rgb(&k, s->color_heading);
    key_rgb(&k, s->color_link);
    key_rgb(&k, s->color_muted);
    if (c->image) {
        buf_printf(&k, "image %d %d %d %s %llu\n", (int)c->image->format, c->image->width,
                   c->image->height, epub_image_digest(b, c->image),
                   (unsigned long long)b->opt->limits.max_image_pixels);
    }
    digest_sha256_hex(k.data, k.len, key);
    buf_free(&k);
    return true;
}

/* Covers are at most this large: a bigger cached file is not one of ours. */
enum { COVER_MAX_BYTES = 16 << 20 };

/* The drawn cover, from folio's cache when this very cover was drawn
 * before (its picture's decode and the JPEG's encode were most of an
 * issue's EPUB: 0.44 of infolettre_19's instructions), else drawn and kept
 * there unless a warning said something was left out. */
static bool drawn_cover(epub_book *b, buf *jpeg)
{
    int cover_h = (int)(COVER_W * b->style->page_height / b->style->page_width + 0.5);
    char key[65];
    bool keyed = cover_key(b, cover_h, key);
    unsigned char *data;
    size_t len;
    if (keyed && blob_cache_get(b->opt->cache_dir, "cover", key, COVER_MAX_BYTES, &data, &len)) {
        bool jpeg_bytes = fimg_sniff(data, len) == FIMG_JPEG;
        if (jpeg_bytes)
            buf_append(jpeg, data, len);
        free(data);
        if (jpeg_bytes)
            return true;
    }
    bool whole;
    if (!draw_cover(b, cover_h, jpeg, &whole))
        return false;
    if (keyed && whole)
        blob_cache_put(b->opt->cache_dir, "cover", key, jpeg->data, jpeg->len);
    return true;
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
    if (!ok)
        format = FIMG_JPEG;
    if (!ok && !drawn_cover(b, &data)) {
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
