/* image/svg: SVG sizes, painting as vectors, and proof that librsvg 2.54
 * reads no external file: an <image href> (relative and file://) and an
 * xi:include pointing at files beside the SVG are watched with inotify while
 * the SVG is loaded and painted. */
#include <cairo-pdf.h>
#include <fcntl.h>
#include <glib.h>
#include <fontconfig/fontconfig.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "check.h"
#include "doc/doc.h"
#include "image/image.h"

static char root[] = "/tmp/folio-svg-XXXXXX";
static folio_limits limits;
static fimg_source where = {.limits = &limits};


static void write_file(const char *name, const void *data, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, name);
    FILE *f = fopen(path, "wb");
    fwrite(data, 1, len, f);
    fclose(f);
}

static void write_text(const char *name, const char *text)
{
    write_file(name, text, strlen(text));
}

/* The highest alpha in [x0, x1)×[y0, y1) after painting the SVG src in a
 * 100×100 box; -1 when it fails. */
static int paint_alpha(const char *src, int x0, int y0, int x1, int y1, const char **why)
{
    fimg_bytes b;
    if (!fimg_load(&where, src, &b, why))
        return -1;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 100, 100);
    cairo_t *cr = cairo_create(s);
    bool ok = fimg_paint_svg(cr, &b, 0, 0, 100, 100, why);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    const uint32_t *px = (const uint32_t *)(void *)cairo_image_surface_get_data(s);
    int alpha = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            if ((int)(px[y * 100 + x] >> 24) > alpha)
                alpha = (int)(px[y * 100 + x] >> 24);
    cairo_surface_destroy(s);
    fimg_bytes_free(&b);
    return ok ? alpha : -1;
}

static int pending_events(int fd)
{
    char events[4096];
    ssize_t n = read(fd, events, sizeof events);
    return n > 0 ? (int)n : 0;
}

static void test_external_refs(void)
{
    /* An opaque JPEG, beside the SVG as a file and inside it as a data: URL. */
    gchar *jpeg, *b64;
    gsize len;
    CHECK(g_file_get_contents(FOLIO_TESTS_DIR "/image/photo.jpg", &jpeg, &len, NULL));
    write_file("secret.jpg", jpeg, len);
    b64 = g_base64_encode((const guchar *)jpeg, len);
    g_free(jpeg);
    write_text("secret.txt", "PRIVATE KEY");
    char svg[4096];
    snprintf(svg, sizeof svg,
             "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'"
             " xmlns:xi='http://www.w3.org/2001/XInclude' width='100' height='100'>"
             "<image x='0' y='0' width='50' height='50' href='secret.jpg'/>"
             "<image x='50' y='0' width='50' height='50' xlink:href='file://%s/secret.jpg'/>"
             "<text x='0' y='90' font-size='40'><xi:include href='secret.txt' parse='text'/></text>"
             "</svg>",
             root);
    write_text("external.svg", svg);
    snprintf(svg, sizeof svg,
             "<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY secret SYSTEM 'file://%s/secret.txt'>]>"
             "<svg xmlns='http://www.w3.org/2000/svg' width='100' height='100'>"
             "<text x='0' y='90' font-size='40'>&secret;</text></svg>",
             root);
    write_text("entity.svg", svg);
    snprintf(svg, sizeof svg,
             "<svg xmlns='http://www.w3.org/2000/svg' width='100' height='100'>"
             "<image x='0' y='0' width='50' height='50' href='data:image/jpeg;base64,%s'/></svg>",
             b64);
    g_free(b64);
    write_text("inline.svg", svg);

    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    char path[512];
    snprintf(path, sizeof path, "%s/secret.jpg", root);
    CHECK(inotify_add_watch(fd, path, IN_OPEN | IN_ACCESS) >= 0);
    snprintf(path, sizeof path, "%s/secret.txt", root);
    CHECK(inotify_add_watch(fd, path, IN_OPEN | IN_ACCESS) >= 0);

    const char *why = NULL;
    CHECK(paint_alpha("external.svg", 0, 0, 50, 50, &why) == 0);   /* relative href: not drawn */
    CHECK(paint_alpha("external.svg", 50, 0, 100, 50, &why) == 0); /* file:// href: not drawn */
    CHECK(paint_alpha("external.svg", 0, 50, 100, 100, &why) == 0); /* xi:include text: not drawn */
    CHECK(paint_alpha("entity.svg", 0, 0, 100, 100, &why) <= 0);  /* external entity: not read */
    CHECK(pending_events(fd) == 0); /* neither file was even opened */

    CHECK(paint_alpha("inline.svg", 0, 0, 50, 50, &why) == 255); /* data: URLs do draw */
    /* Control: librsvg given a base file does load all three. */
    snprintf(path, sizeof path, "%s/external.svg", root);
    RsvgHandle *h = rsvg_handle_new_from_file(path, NULL);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 100, 100);
    cairo_t *cr = cairo_create(s);
    RsvgRectangle box = {0, 0, 100, 100};
    CHECK(h && rsvg_handle_render_document(h, cr, &box, NULL));
    cairo_surface_flush(s);
    const uint32_t *px = (const uint32_t *)(void *)cairo_image_surface_get_data(s);
    bool text = false;
    for (int i = 50 * 100; i < 100 * 100; i++)
        text |= px[i] != 0;
    CHECK(px[25 * 100 + 25] >> 24 == 255 && px[25 * 100 + 75] >> 24 == 255 && text);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    if (h)
        g_object_unref(h);
    /* The watch works: that control opened the watched files. */
    CHECK(pending_events(fd) > 0);
    close(fd);
}

static void test_paint_and_size(void)
{
    where.dir = FOLIO_TESTS_DIR "/image";
    const char *why = NULL;
    /* 40×20 fitted into 100×100: 100×50, centred vertically. */
    CHECK(paint_alpha("shapes.svg", 0, 26, 100, 74, &why) == 255);
    CHECK(paint_alpha("shapes.svg", 0, 0, 100, 24, &why) == 0);
    CHECK(paint_alpha("decl.svg", 49, 49, 51, 51, &why) == 255); /* circle centre */
    CHECK(paint_alpha("decl.svg", 0, 0, 5, 5, &why) == 0);       /* outside the circle */
    fimg_bytes b;
    CHECK(fimg_load(&where, "rgba.png", &b, &why));
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4);
    cairo_t *cr = cairo_create(s);
    CHECK(!fimg_paint_svg(cr, &b, 0, 0, 4, 4, &why));
    CHECK_STR(why, "not an SVG");
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    fimg_bytes_free(&b);
}

static void test_bad_svg(void)
{
    where.dir = root;
    write_text("broken.svg", "<svg xmlns='http://www.w3.org/2000/svg'><rect");
    write_text("sizes.svg", "<svg xmlns='http://www.w3.org/2000/svg' width='2in' height='1in'/>");
    write_text("nosize.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
    fimg_bytes b;
    const char *why = NULL;
    CHECK(!fimg_load(&where, "broken.svg", &b, &why));
    CHECK_STR(why, "corrupt SVG");
    CHECK(fimg_load(&where, "sizes.svg", &b, &why) && b.width == 192 && b.height == 96);
    fimg_bytes_free(&b);
    CHECK(fimg_load(&where, "nosize.svg", &b, &why) && b.width == 300 && b.height == 150);
    fimg_bytes_free(&b);

    /* Too many elements: refused before librsvg builds a tree. */
    size_t n = 100001;
    char *many = malloc(n * 8 + 64);
    char *p = many + sprintf(many, "<svg xmlns='http://www.w3.org/2000/svg'>");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "<g/>");
    strcpy(p, "</svg>");
    write_text("many.svg", many);
    free(many);
    CHECK(!fimg_load(&where, "many.svg", &b, &why));
    CHECK_STR(why, "SVG too complex");
}

/* For EPUB: SVGs are cleaned and stay vector (DTD cut, external references
 * and XInclude dropped); CSS reaching outside and entities make a PNG. */
static void check_core_media(const char *src, fimg_format want, int png_w)
{
    fimg_bytes b;
    const char *why = NULL;
    unsigned char *out = NULL;
    size_t len = 0;
    fimg_format f = FIMG_UNKNOWN;
    CHECK(fimg_load(&where, src, &b, &why));
    CHECK(fimg_to_core_media(&b, &limits, 0, &out, &len, &f, &why));
    CHECK(f == want && fimg_sniff(out, len) == want);
    if (want == FIMG_SVG && out) {
        CHECK(memmem(out, len, "DOCTYPE", 7) == NULL);
        CHECK(memmem(out, len, "<svg", 4) != NULL);
        CHECK(memmem(out, len, "secret", 6) == NULL);
        CHECK(memmem(out, len, "include", 7) == NULL);
    }
    if (want == FIMG_PNG && out) {
        fimg_bytes png = {.data = out, .len = len, .format = FIMG_PNG, .where = "converted"};
        cairo_surface_t *s = fimg_decode(&png, &limits, 0, 0, &why);
        CHECK(s && cairo_image_surface_get_width(s) == png_w);
        if (s)
            cairo_surface_destroy(s);
    }
    free(out);
    fimg_bytes_free(&b);
}

static void test_core_media(void)
{
    where.dir = FOLIO_TESTS_DIR "/image";
    check_core_media("shapes.svg", FIMG_SVG, 0);
    check_core_media("decl.svg", FIMG_SVG, 0); /* its DOCTYPE names the SVG 1.1 DTD */
    where.dir = root;
    check_core_media("inline.svg", FIMG_SVG, 0); /* data: URLs are inside */
    check_core_media("external.svg", FIMG_SVG, 0); /* its references dropped */
    write_text("css.svg", "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>"
                          "<style>@import url(http://example.com/a.css);</style></svg>");
    check_core_media("css.svg", FIMG_PNG, 20);
    write_text("subset.svg", "<!DOCTYPE svg [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
                             "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>");
    check_core_media("subset.svg", FIMG_PNG, 20);
}

static cairo_status_t to_file(void *closure, const unsigned char *data, unsigned int len)
{
    return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* SVG text set through a private font map holding one bundled font: the PDF
 * names that font, whatever the system would have picked. */
static void test_text_fonts(void)
{
    write_text("text.svg", "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='50'>"
                           "<text x='5' y='30' font-family='sans-serif'>Bonjour</text></svg>");
    FcConfig *config = FcConfigCreate();
    CHECK(FcConfigAppFontAddFile(config,
                                 (const FcChar8 *)FOLIO_TESTS_DIR "/../fonts/NotoSerif-Italic.ttf"));
    PangoFontMap *map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), config);
    FcConfigDestroy(config);
    PangoFontMap *before = pango_cairo_font_map_get_default();

    fimg_bytes b;
    const char *why;
    char *pdf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&pdf, &len);
    cairo_surface_t *page = cairo_pdf_surface_create_for_stream(to_file, mem, 200, 50);
    cairo_t *cr = cairo_create(page);
    CHECK(fimg_load(&where, "text.svg", &b, &why));
    CHECK(fimg_paint_svg_with_fonts(cr, &b, map, 0, 0, 200, 50, &why));
    cairo_destroy(cr);
    cairo_surface_finish(page);
    cairo_surface_destroy(page);
    fclose(mem);
    CHECK(memmem(pdf, len, "NotoSerif-Italic", 16) != NULL);
    CHECK(pango_cairo_font_map_get_default() == before); /* restored */
    free(pdf);
    fimg_bytes_free(&b);
    /* Pango 1.50 keeps its reference to the config past the map's end. */
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), NULL);
    g_object_unref(map);
}

int main(void)
{
    if (!mkdtemp(root))
        return 1;
    where.dir = root;
    test_external_refs();
    test_paint_and_size();
    test_bad_svg();
    test_text_fonts();
    test_core_media();
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        return 1;
    /* The control drew text: release the font map librsvg filled, so the
     * leak checker sees only this code's allocations. Not FcFini: pango
     * may still hold fontconfig's caches from its loader thread, and
     * FcFini then aborts on an assertion (a flaky failure). */
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    return check_done();
}
