/* The bundled font map: only fonts/ is visible, generic names and fallbacks
 * resolve to bundled faces, and `pdffonts` on a PDF made with it lists only
 * bundled, embedded, subset fonts. */
#include <stdlib.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "check.h"
#include "text/fonts.h"

/* The family of the font Pango picks for the first character at byte index
 * of text laid out with desc. */
static char *family_at(PangoContext *ctx, const char *desc, const char *text, int index)
{
    PangoLayout *layout = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_from_string(desc);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(layout, text, -1);
    char *family = NULL;
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        if (run && run->item->offset <= index && index < run->item->offset + run->item->length) {
            PangoFontDescription *got = pango_font_describe(run->item->analysis.font);
            family = strdup(pango_font_description_get_family(got));
            pango_font_description_free(got);
            break;
        }
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
    g_object_unref(layout);
    return family ? family : strdup("(none)");
}

static void check_family(PangoContext *ctx, const char *desc, const char *text, int index,
                         const char *want)
{
    char *got = family_at(ctx, desc, text, index);
    CHECK_STR(got, want);
    free(got);
}

/* The same with the context's language lang. */
static void check_family_lang(PangoContext *ctx, const char *lang, const char *desc,
                              const char *text, const char *want)
{
    PangoLanguage *old = pango_context_get_language(ctx);
    pango_context_set_language(ctx, pango_language_from_string(lang));
    check_family(ctx, desc, text, 0, want);
    pango_context_set_language(ctx, old);
}

/* Renders a few scripts and emoji to a PDF, returns `pdffonts` output. */
static char *pdffonts_of_sample(PangoContext *ctx)
{
    char path[] = "/tmp/test_pdffont_fonts-XXXXXX.pdf";
    int fd = mkstemps(path, 4);
    if (fd < 0)
        return NULL;
    close(fd);
    cairo_surface_t *s = cairo_pdf_surface_create(path, 595, 842);
    cairo_t *cr = cairo_create(s);
    const char *lines[] = {"Noto Serif 12", "Été — « Ωμέγα » Привет 🙃", "Noto Serif Bold 12",
                           "gras", "Noto Sans Italic 12", "italique", "monospace 10",
                           "int main(void) { return 0; }", "Noto Serif 12",
                           "مرحبا שלום नमस्ते สวัสดี 中文 日本語 한국어 বাংলা ქართული"};
    for (size_t i = 0; i < G_N_ELEMENTS(lines); i += 2) {
        PangoLayout *layout = pango_layout_new(ctx);
        PangoFontDescription *fd2 = pango_font_description_from_string(lines[i]);
        pango_layout_set_font_description(layout, fd2);
        pango_font_description_free(fd2);
        pango_layout_set_text(layout, lines[i + 1], -1);
        cairo_move_to(cr, 50, 50 + 30 * (double)i);
        pango_cairo_show_layout(cr, layout);
        g_object_unref(layout);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "pdffonts %s 2>&1", path);
    FILE *p = popen(cmd, "r");
    char *out = calloc(1, 8192);
    size_t n = p ? fread(out, 1, 8191, p) : 0;
    out[n] = '\0';
    if (p)
        pclose(p);
    unlink(path);
    return out;
}

/* The bundled text fonts and nothing else: the math font of fonts/math is
 * no text font (it would cover 𝐀 and become a fallback). */
static void check_text_fonts(const char *cache_home, bool cache_written)
{
    setenv("XDG_CACHE_HOME", cache_home, 1);
    fdiag d;
    fdiag_init(&d, NULL, NULL);
    text_fonts *f = text_fonts_new(FOLIO_TESTS_DIR "/../fonts", &d);
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK(text_fonts_has_family(f, "Noto Serif") && text_fonts_has_family(f, "Noto Color Emoji"));
    CHECK(!text_fonts_has_family(f, "Latin Modern Math"));
    CHECK(!text_fonts_has_char(f, 0x1D400));
    CHECK(text_fonts_has_char(f, 0x65E5) && text_fonts_has_char(f, 0x628));
    text_fonts_drop(f);
    char *cache = g_build_filename(cache_home, "folio", "fontconfig", NULL);
    GDir *dir = g_dir_open(cache, 0, NULL);
    CHECK((dir && g_dir_read_name(dir)) == cache_written);
    if (dir)
        g_dir_close(dir);
    g_free(cache);
}

/* The fonts' descriptions are cached by fontconfig in folio's cache folder
 * (a second load reads them), and read file by file when that folder
 * cannot be made: the same fonts either way. */
static void test_font_cache(void)
{
    char home[] = "/tmp/folio-fontcache-XXXXXX";
    CHECK(mkdtemp(home) != NULL);
    const char *old = getenv("XDG_CACHE_HOME");
    char *saved = old ? g_strdup(old) : NULL;
    check_text_fonts(home, true);
    check_text_fonts(home, true);
    char *unwritable = g_build_filename(home, "file", NULL);
    CHECK(g_file_set_contents(unwritable, "", 0, NULL)); /* a file: no folder below it */
    check_text_fonts(unwritable, false);
    if (saved)
        setenv("XDG_CACHE_HOME", saved, 1);
    else
        unsetenv("XDG_CACHE_HOME");
    g_free(saved);
    char *rm = g_strdup_printf("rm -rf '%s'", home);
    CHECK(system(rm) == 0);
    g_free(rm);
    g_free(unwritable);
}

/* text_font_extents gives what Pango's metrics give, for every bundled
 * face at several sizes (the layout's line heights depend on it). */
static void check_extents(PangoContext *ctx)
{
    static const char *const faces[] = {
        "Noto Serif", "Noto Serif Bold", "Noto Serif Italic", "Noto Serif Bold Italic",
        "Noto Sans", "Noto Sans Bold", "Noto Sans Italic", "JetBrains Mono",
        "JetBrains Mono Bold Italic", "Noto Color Emoji"};
    static const double sizes[] = {6, 8.4, 10.5, 14, 22, 37.3};
    PangoLanguage *langs[] = {pango_language_from_string("fr"), pango_language_from_string("en")};
    for (size_t i = 0; i < G_N_ELEMENTS(faces); i++)
        for (size_t k = 0; k < G_N_ELEMENTS(sizes); k++)
            for (size_t l = 0; l < G_N_ELEMENTS(langs); l++) {
                PangoFontDescription *fd = pango_font_description_from_string(faces[i]);
                pango_font_description_set_absolute_size(fd, sizes[k] * PANGO_SCALE);
                PangoFont *font = pango_context_load_font(ctx, fd);
                PangoFontMetrics *m = pango_font_get_metrics(font, langs[l]);
                int ascent = -1, descent = -1;
                text_font_extents(font, PANGO_GRAVITY_SOUTH, langs[l], &ascent, &descent);
                CHECK(ascent == pango_font_metrics_get_ascent(m));
                CHECK(descent == pango_font_metrics_get_descent(m));
                CHECK(ascent > 0 && descent > 0);
                text_font_extents(font, PANGO_GRAVITY_EAST, langs[l], &ascent, &descent);
                CHECK(ascent == pango_font_metrics_get_ascent(m)); /* through Pango */
                pango_font_metrics_unref(m);
                g_object_unref(font);
                pango_font_description_free(fd);
            }
}

int main(void)
{
    test_font_cache();
    fdiag d;
    fdiag_init(&d, NULL, NULL);
    CHECK(text_fonts_new("/nonexistent-folder", &d) == NULL);
    CHECK(d.errors == 1);

    text_fonts *f = text_fonts_new(FOLIO_TESTS_DIR "/../fonts", &d);
    CHECK(f != NULL);
    if (!f)
        return check_done();

    CHECK(text_fonts_has_family(f, "Noto Serif"));
    CHECK(text_fonts_has_family(f, "jetbrains mono"));
    CHECK(text_fonts_has_family(f, "monospace"));
    CHECK(!text_fonts_has_family(f, "DejaVu Sans"));

    PangoContext *ctx = text_fonts_context(f);
    check_extents(ctx);
    check_family(ctx, "Noto Serif 10", "Été", 0, "Noto Serif");
    check_family(ctx, "serif 10", "Été", 0, "Noto Serif");
    check_family(ctx, "sans-serif 10", "Été", 0, "Noto Sans");
    check_family(ctx, "monospace 10", "x = 1;", 0, "JetBrains Mono");
    check_family(ctx, "Noto Serif 10", "Привет Ωμέγα", 0, "Noto Serif");
    check_family(ctx, "Noto Serif 10", "Привет Ωμέγα", 13, "Noto Serif");
    /* Unknown families fall back to bundled faces, never to system fonts. */
    check_family(ctx, "DejaVu Sans 10", "abc", 0, "Noto Serif");
    check_family(ctx, "Noto Serif 10", "a 🙃 b", 2, "Noto Color Emoji");
    check_family(ctx, "monospace 10", "a 🇩🇪 b", 2, "Noto Color Emoji");

    /* Other scripts: the face of the requested family's kind, the CJK
     * face of the language's region. */
    check_family(ctx, "Noto Serif 10", "مرحبا", 0, "Noto Naskh Arabic");
    check_family(ctx, "Noto Sans Bold 10", "مرحبا", 0, "Noto Sans Arabic");
    check_family(ctx, "Noto Serif 10", "a שלום", 2, "Noto Serif Hebrew");
    check_family(ctx, "sans 10", "שלום", 0, "Noto Sans Hebrew");
    check_family(ctx, "Noto Serif 10", "नमस्ते", 0, "Noto Serif Devanagari");
    check_family(ctx, "Noto Serif 10", "สวัสดี", 0, "Noto Serif Thai");
    check_family(ctx, "Noto Serif 10", "বাংলা", 0, "Noto Sans Bengali");
    check_family(ctx, "Noto Serif Bold 10", "தமிழ்", 0, "Noto Sans Tamil");
    check_family(ctx, "Noto Serif 10", "ქართული", 0, "Noto Sans Georgian");
    check_family(ctx, "Noto Serif 10", "አማርኛ", 0, "Noto Sans Ethiopic");
    check_family(ctx, "Noto Serif 10", "བོད་ཡིག", 0, "Noto Serif Tibetan");
    check_family(ctx, "Noto Serif 10", "ᠮᠣᠩᠭᠣᠯ", 0, "Noto Sans Mongolian");
    check_family(ctx, "Noto Serif 10", "ܐܪܡܝܐ", 0, "Noto Sans Syriac");
    check_family(ctx, "Noto Sans Bold 10", "ދިވެހި", 0, "Noto Sans Thaana");
    check_family(ctx, "Noto Serif 10", "ᏣᎳᎩ", 0, "Noto Sans Cherokee");
    check_family_lang(ctx, "ja", "Noto Serif 10", "日本語", "Noto Sans CJK JP");
    check_family_lang(ctx, "zh-tw", "Noto Serif 10", "中文", "Noto Sans CJK TC");
    check_family_lang(ctx, "zh-cn", "Noto Sans 10", "中文", "Noto Sans CJK SC");
    check_family_lang(ctx, "ko", "Noto Serif 10", "한국어", "Noto Sans CJK KR");
    check_family_lang(ctx, "ja", "monospace 10", "日本語", "Noto Sans Mono CJK JP");
    /* the text faces keep what they have */
    check_family_lang(ctx, "ja", "Noto Serif 10", "Été", "Noto Serif");

    /* Characters no bundled font has: the union of their coverage. */
    CHECK(text_fonts_has_char(f, 0xC9) && text_fonts_has_char(f, 0x3A9));
    CHECK(text_fonts_has_char(f, 0x1F643));  /* 🙃, Noto Color Emoji */
    CHECK(text_fonts_has_char(f, 0x2500));   /* ─, JetBrains Mono only */
    CHECK(text_fonts_has_char(f, 0x2605));   /* ★, Noto Sans CJK */
    CHECK(text_fonts_has_char(f, 0x65E5));   /* 日 */
    CHECK(text_fonts_has_char(f, 0xD55C));   /* 한 */
    CHECK(text_fonts_has_char(f, 0x627) && text_fonts_has_char(f, 0x5D0));   /* ا א */
    CHECK(text_fonts_has_char(f, 0x915) && text_fonts_has_char(f, 0xE01));   /* क ก */
    CHECK(!text_fonts_has_char(f, 0x1401));  /* ᐁ, Canadian syllabics */
    CHECK(!text_fonts_has_char(f, 0xA984));  /* ꦄ, Javanese */
    CHECK(!text_fonts_has_char(f, 0x90));    /* a C1 control */
    CHECK(!text_fonts_has_char(f, 0xE000));  /* private use */

    /* A layout's text loses them, and nothing else, before it is drawn. */
    PangoLayout *layout = pango_layout_new(ctx);
    pango_layout_set_text(layout, "Été Ωμέγα Привет 🙃 →\tfin\n", -1);
    text_layout_drop_missing(layout);
    CHECK(strcmp(pango_layout_get_text(layout), "Été Ωμέγα Привет 🙃 →\tfin\n") == 0);
    pango_layout_set_text(layout, "note ᐁ ꦄ fin", -1);
    text_layout_drop_missing(layout);
    CHECK(strcmp(pango_layout_get_text(layout), "note   fin") == 0);
    pango_layout_set_text(layout, "aux \xC2\x90" "États-Unis", -1);
    text_layout_drop_missing(layout);
    CHECK(strcmp(pango_layout_get_text(layout), "aux États-Unis") == 0);
    g_object_unref(layout);

    /* 72 dpi: a 10 pt font has a 10 pt em. */
    PangoFontDescription *fd = pango_font_description_from_string("Noto Serif 10");
    PangoFont *font = pango_context_load_font(ctx, fd);
    PangoFontDescription *got = pango_font_describe_with_absolute_size(font);
    CHECK(pango_font_description_get_size(got) == 10 * PANGO_SCALE);
    pango_font_description_free(got);
    pango_font_description_free(fd);
    g_object_unref(font);

    char *fonts = pdffonts_of_sample(ctx);
    CHECK(fonts != NULL);
    if (fonts) {
        CHECK(strstr(fonts, "NotoSerif-Regular") != NULL);
        CHECK(strstr(fonts, "NotoSerif-Bold") != NULL);
        CHECK(strstr(fonts, "NotoSans-Italic") != NULL);
        CHECK(strstr(fonts, "JetBrainsMono-Regular") != NULL);
        CHECK(strstr(fonts, "NotoNaskhArabic-Regular") != NULL);
        CHECK(strstr(fonts, "NotoSerifHebrew-Regular") != NULL);
        CHECK(strstr(fonts, "NotoSerifDevanagari-Regular") != NULL);
        CHECK(strstr(fonts, "NotoSerifThai-Regular") != NULL);
        CHECK(strstr(fonts, "NotoSansCJK") != NULL);
        CHECK(strstr(fonts, "NotoSansBengali-Regular") != NULL);
        CHECK(strstr(fonts, "NotoSansGeorgian-Regular") != NULL);
        /* Each data line: name type encoding emb sub uni object ID (a type
         * may be several words: "CID Type 0C"); every font bundled (its
         * name one of ours), embedded and subset. */
        int fonts_seen = 0;
        for (char *line = strtok(fonts, "\n"); line; line = strtok(NULL, "\n")) {
            if (strncmp(line, "name", 4) == 0 || strncmp(line, "----", 4) == 0)
                continue;
            fonts_seen++;
            char copy[512], *words[16], *save = NULL;
            snprintf(copy, sizeof copy, "%s", line);
            int n = 0;
            for (char *w = strtok_r(copy, " ", &save); w && n < 16; w = strtok_r(NULL, " ", &save))
                words[n++] = w;
            const char *name = n > 0 ? words[0] : "", *emb = n >= 7 ? words[n - 5] : "",
                       *sub = n >= 7 ? words[n - 4] : "";
            CHECK(n >= 7 || strstr(line, "Type 3") != NULL);
            if (strstr(line, "Type 3"))
                continue; /* cairo's own fonts (Noto Color Emoji bitmaps) */
            CHECK(strstr(name, "+Noto") || strstr(name, "+JetBrainsMono"));
            CHECK_STR(emb, "yes");
            CHECK_STR(sub, "yes");
        }
        CHECK(fonts_seen >= 4);
        free(fonts);
    }
    g_object_unref(ctx);
    text_fonts_drop(f);
    return check_done();
}
