/* Colour emoji: painted from the font's 136 px bitmaps (not cairo's blurry
 * device-resolution ones), images shared across pages, flags as one glyph,
 * and kept in the text layer (pdftotext gives them back). */
#include <stdint.h>

#include <cairo-pdf.h>

#include "check.h"
#include "pdf/emoji.h"
#include "text/fonts.h"
#include "pdffont_run.h"

#define LINE "Bonjour 🙃 🇩🇪 📅"

static PangoLayout *line_layout(PangoContext *ctx, const char *markup)
{
    PangoLayout *layout = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_from_string("Noto Serif 14");
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_markup(layout, markup, -1);
    return layout;
}

/* The runs of the first line: which are emoji, and glyphs per emoji run. */
static void check_runs(PangoContext *ctx)
{
    PangoLayout *layout = line_layout(ctx, LINE);
    PangoLayoutLine *line = pango_layout_get_line_readonly(layout, 0);
    int emoji_runs = 0, text_runs = 0, emoji_glyphs = 0;
    for (GSList *l = line->runs; l; l = l->next) {
        PangoGlyphItem *run = l->data;
        if (pdf_emoji_font(run->item->analysis.font)) {
            emoji_runs++;
            for (int i = 0; i < run->glyphs->num_glyphs; i++)
                emoji_glyphs += run->glyphs->glyphs[i].geometry.width > 0;
        } else {
            text_runs++;
        }
    }
    CHECK(emoji_runs >= 1 && text_runs >= 1);
    CHECK(emoji_glyphs == 3); /* the two regional indicators make one flag */
    g_object_unref(layout);
}

/* Counts pixels of a binary PPM (P6, maxval 255) matching a colour test. */
static int count_pixels(const char *ppm_path, bool (*match)(int r, int g, int b))
{
    FILE *f = fopen(ppm_path, "rb");
    int w, h, maxval, n = 0;
    if (!f || fscanf(f, "P6 %d %d %d", &w, &h, &maxval) != 3 || maxval != 255 || fgetc(f) == EOF) {
        if (f)
            fclose(f);
        return -1;
    }
    unsigned char px[3];
    for (long i = 0; i < (long)w * h && fread(px, 1, 3, f) == 3; i++)
        n += match(px[0], px[1], px[2]);
    fclose(f);
    return n;
}

static bool flag_red(int r, int g, int b)
{
    return r > 200 && g < 60 && b < 60;
}

static bool flag_gold(int r, int g, int b)
{
    return r > 230 && g > 170 && b < 60;
}

int main(void)
{
    fdiag d;
    fdiag_init(&d, NULL, NULL);
    text_fonts *fonts = text_fonts_new(FOLIO_TESTS_DIR "/../fonts", &d);
    CHECK(fonts != NULL);
    if (!fonts)
        return check_done();
    PangoContext *ctx = text_fonts_context(fonts);
    check_runs(ctx);

    char path[64], ppm[64];
    CHECK(temp_path(path, "test_pdffont_emoji", ".pdf"));
    CHECK(temp_path(ppm, "test_pdffont_emoji", ".ppm"));
    cairo_surface_t *s = cairo_pdf_surface_create(path, 300, 120);
    cairo_t *cr = cairo_create(s);
    pdf_emoji *e = pdf_emoji_new();
    CHECK(e != NULL);
    /* Page 1: the line, then two of its emoji again in a coloured and
     * underlined line (new images: cairo cannot share one on a page).
     * Page 2: the line again, reusing the images of page 1. */
    PangoLayout *first = line_layout(ctx, LINE);
    PangoLayout *second = line_layout(ctx, "<u>Encore</u> <span foreground='blue'>🙃🇩🇪</span>");
    pdf_emoji_show_line(e, cr, pango_layout_get_line_readonly(first, 0), 20, 40);
    pdf_emoji_show_line(e, cr, pango_layout_get_line_readonly(second, 0), 20, 80);
    cairo_show_page(cr);
    pdf_emoji_end_page(e);
    pdf_emoji_show_line(e, cr, pango_layout_get_line_readonly(first, 0), 20, 40);
    CHECK(cairo_status(cr) == CAIRO_STATUS_SUCCESS);
    g_object_unref(first);
    g_object_unref(second);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    CHECK(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    pdf_emoji_drop(e);

    int status;
    char *out = run(&status, "pdftotext %s -", path);
    CHECK(status == 0);
    CHECK(strstr(out, LINE "\n") != NULL);
    CHECK(strstr(out, "Encore 🙃🇩🇪\n") != NULL); /* no space where there is none */
    CHECK(strstr(out, "\f" LINE "\n") != NULL); /* page 2 */
    free(out);

    /* Images: 5 on page 1, the same 3 first ones on page 2; each at the
     * strike's size. */
    out = run(&status, "pdfimages -list %s", path);
    int images = 0, objects[16], n_objects = 0;
    char *line = strchr(out, '\n');
    line = line ? strchr(line + 1, '\n') : NULL; /* skip the two header lines */
    for (; line && line[1]; line = strchr(line + 1, '\n')) {
        int page, num, width, height, object;
        char type[16];
        if (sscanf(line + 1, "%d %d %15s %d %d %*s %*s %*s %*s %*s %d", &page, &num, type, &width,
                   &height, &object) == 6 &&
            strcmp(type, "image") == 0) {
            images++;
            CHECK(width >= 100 && height >= 100);
            bool seen = false;
            for (int i = 0; i < n_objects; i++)
                seen |= objects[i] == object;
            if (!seen && n_objects < 16)
                objects[n_objects++] = object;
        }
    }
    CHECK(images == 8);
    CHECK(n_objects == 5);
    free(out);

    out = run(&status, "pdffonts %s", path);
    CHECK(strstr(out, "NotoSans-Regular") != NULL); /* the emoji text carrier */
    CHECK(strstr(out, "Type 3") == NULL);
    free(out);
    out = run(&status, "qpdf --check %s 2>&1", path);
    CHECK(status == 0);
    CHECK(strstr(out, "WARNING") == NULL);
    free(out);

    /* The flag is painted in colour: red and gold pixels at 150 dpi. */
    free(run(&status, "pdftoppm -r 150 -f 1 -singlefile %s > %s", path, ppm));
    CHECK(status == 0);
    CHECK(count_pixels(ppm, flag_red) > 100);
    CHECK(count_pixels(ppm, flag_gold) > 100);

    unlink(path);
    unlink(ppm);
    g_object_unref(ctx);
    text_fonts_drop(fonts);
    return check_done();
}
