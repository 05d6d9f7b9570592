#include "fonts.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <dirent.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <pango/pangofc-font.h>
#include <pango/pangofc-fontmap.h>

#include "util/path.h"

#define LATIN_END 0x800

struct text_fonts {
    FcConfig *config;
    PangoFontMap *map;
    FcCharSet *coverage; /* every character some bundled font has */
    /* the same for U+0000 to U+07FF, asked of every character of a text */
    uint32_t latin[LATIN_END / 32];
};

/* A bare FcConfig has no alias rules: the generic names CSS and style files
 * use are mapped here. */
static const struct {
    const char *generic, *family;
} generic_families[] = {
    {"serif", "Noto Serif"},         {"sans-serif", "Noto Sans"},
    {"sans", "Noto Sans"},           {"system-ui", "Noto Sans"},
    {"monospace", "JetBrains Mono"}, {"mono", "JetBrains Mono"},
    {"emoji", "Noto Color Emoji"},
};

/* Tried after the requested families, in order: the text faces (Latin,
 * Greek, Cyrillic), the emoji font, the monospaced face (its box drawing,
 * arrows, √…), then the faces of other scripts. The first four are in the
 * order fontconfig gave them before the other scripts came: whatever they
 * draw keeps its face and a Latin document its bytes (the CJK face also
 * has √, ★ and arrows). The style's fonts come first anyway: an emoji
 * within body text is found by the family list PDF text asks for. */
static const char *const latin_families[] = {"Noto Serif", "Noto Sans", "Noto Color Emoji",
                                             "JetBrains Mono"};

/* The faces of the scripts the text faces lack, in the requested family's
 * kind first (a serif body keeps Naskh Arabic, a sans heading Sans Arabic),
 * then the other kind's. */
static const char *const serif_scripts[] = {"Noto Naskh Arabic", "Noto Serif Hebrew",
                                            "Noto Serif Devanagari", "Noto Serif Thai"};
static const char *const sans_scripts[] = {"Noto Sans Arabic", "Noto Sans Hebrew",
                                           "Noto Sans Devanagari", "Noto Sans Thai"};
/* Scripts with one design bundled, a sans (regular, bold): Indic, South
 * and Southeast Asian, Caucasian and Ethiopian. */
static const char *const other_scripts[] = {
    "Noto Sans Bengali", "Noto Sans Gurmukhi", "Noto Sans Gujarati", "Noto Sans Oriya",
    "Noto Sans Tamil",   "Noto Sans Telugu",   "Noto Sans Kannada",  "Noto Sans Malayalam",
    "Noto Sans Sinhala", "Noto Sans Myanmar",  "Noto Sans Khmer",    "Noto Sans Lao",
    "Noto Sans Georgian", "Noto Sans Armenian", "Noto Sans Ethiopic"};
/* Tried last, after the CJK face (which draws many symbols: what it drew
 * keeps its face): Tibetan (a serif), Mongolian, Syriac, Thaana, Cherokee;
 * Debian's fonts-noto-core has one weight of some. */
static const char *const rare_scripts[] = {"Noto Serif Tibetan", "Noto Sans Mongolian",
                                           "Noto Sans Syriac", "Noto Sans Thaana",
                                           "Noto Sans Cherokee"};

/* Noto Sans CJK (one file, one weight: bold text uses the regular) holds
 * five faces that differ in the shapes of some ideographs, one per region;
 * the pattern's language picks it (Pango gives a Han run the document's
 * language when it is Chinese, Japanese or Korean, else its own guess). */
static const struct {
    const char *lang; /* a prefix of the pattern's language, "" matches all */
    const char *region;
} cjk_regions[] = {
    {"ja", "JP"},    {"ko", "KR"},    {"zh-tw", "TC"}, {"zh-hant", "TC"},
    {"zh-mo", "TC"}, {"zh-hk", "HK"}, {"", "SC"},
};

static const char *resolve_generic(const char *family)
{
    for (size_t i = 0; i < sizeof generic_families / sizeof *generic_families; i++)
        if (strcasecmp(family, generic_families[i].generic) == 0)
            return generic_families[i].family;
    return family;
}

static void add_family(FcPattern *families, const char *name)
{
    FcPatternAddString(families, FC_FAMILY, (const FcChar8 *)name);
}

static void add_families(FcPattern *families, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        add_family(families, names[i]);
}

/* The CJK face for the pattern's language, in the mono design for a
 * monospaced request. */
static void add_cjk(FcPattern *families, FcPattern *pattern, bool mono)
{
    FcChar8 *lang = NULL;
    if (FcPatternGetString(pattern, FC_LANG, 0, &lang) != FcResultMatch)
        lang = (FcChar8 *)"";
    size_t i = 0;
    while (g_ascii_strncasecmp((const char *)lang, cjk_regions[i].lang,
                               strlen(cjk_regions[i].lang)) != 0)
        i++;
    char name[32];
    snprintf(name, sizeof name, "Noto Sans%s CJK %s", mono ? " Mono" : "", cjk_regions[i].region);
    add_family(families, name);
}

/* Called by Pango on every pattern before matching: rewrites the family
 * list as resolved requested families followed by the fallbacks. */
static void substitute(FcPattern *pattern, gpointer data)
{
    (void)data;
    FcPattern *families = FcPatternCreate();
    FcChar8 *name;
    const char *first = NULL;
    for (int i = 0; FcPatternGetString(pattern, FC_FAMILY, i, &name) == FcResultMatch; i++) {
        const char *family = resolve_generic((const char *)name);
        if (!first)
            first = family;
        add_family(families, family);
    }
    /* the kind of the first family: a style may name any bundled face */
    bool mono = first && strcasecmp(first, "JetBrains Mono") == 0;
    bool sans = mono || (first && strstr(first, "Sans"));
    add_families(families, latin_families, G_N_ELEMENTS(latin_families));
    add_families(families, sans ? sans_scripts : serif_scripts, G_N_ELEMENTS(serif_scripts));
    add_families(families, sans ? serif_scripts : sans_scripts, G_N_ELEMENTS(serif_scripts));
    add_families(families, other_scripts, G_N_ELEMENTS(other_scripts));
    add_cjk(families, pattern, mono);
    add_families(families, rare_scripts, G_N_ELEMENTS(rare_scripts));
    FcPatternDel(pattern, FC_FAMILY);
    for (int i = 0; FcPatternGetString(families, FC_FAMILY, i, &name) == FcResultMatch; i++)
        FcPatternAddString(pattern, FC_FAMILY, name);
    FcPatternDestroy(families);
}

static int is_font_file(const struct dirent *e)
{
    const char *dot = strrchr(e->d_name, '.');
    return dot && (strcasecmp(dot, ".ttf") == 0 || strcasecmp(dot, ".otf") == 0 ||
                   strcasecmp(dot, ".ttc") == 0);
}

/* Adds the folder's font files one by one, in name order: unlike
 * FcConfigAppFontAddDir this writes no cache (a bare FcConfig has no cache
 * folder, and fontconfig would complain on stderr). */
static bool add_fonts(FcConfig *config, const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, is_font_file, alphasort);
    if (n < 0)
        return false;
    bool any = false;
    for (int i = 0; i < n; i++) {
        char *file = g_build_filename(dir, names[i]->d_name, NULL);
        any |= FcConfigAppFontAddFile(config, (const FcChar8 *)file) == FcTrue;
        g_free(file);
        free(names[i]);
    }
    free(names);
    return any;
}

/* fontconfig describes a font file by opening it with FreeType: for the
 * bundled fonts a fifth of a one-paragraph PDF's CPU. Its cache keeps those
 * descriptions (checked against the folder's time stamp) in folio's cache
 * folder. NULL when that folder cannot be written, for fontconfig would then
 * say so on stderr at every run. */
static char *font_cache_dir(void)
{
    char *base = path_user_cache();
    char *dir = base ? path_join(base, "fontconfig") : NULL;
    free(base);
    if (dir && (g_mkdir_with_parents(dir, 0700) != 0 || access(dir, W_OK) != 0)) {
        free(dir);
        dir = NULL;
    }
    return dir;
}

/* The folder's fonts through fontconfig's cache when there is one, else
 * file by file. Its subfolders are not text fonts (fonts/math): they are
 * rejected by a glob on the folder's real path, which holds no glob
 * character. */
static bool add_fonts_cached(FcConfig *config, const char *dir)
{
    char *real = realpath(dir, NULL);
    char *cache = real && !strpbrk(real, "*?") ? font_cache_dir() : NULL;
    bool ok;
    if (cache) {
        char *xml = g_markup_printf_escaped(
            "<?xml version=\"1.0\"?><fontconfig><cachedir>%s</cachedir><selectfont><rejectfont>"
            "<glob>%s/*/*</glob></rejectfont></selectfont></fontconfig>",
            cache, real);
        ok = FcConfigParseAndLoadFromMemory(config, (const FcChar8 *)xml, FcTrue) &&
             FcConfigAppFontAddDir(config, (const FcChar8 *)real);
        g_free(xml);
    } else {
        ok = add_fonts(config, dir);
    }
    free(cache);
    free(real);
    return ok;
}

/* A bitmap colour font (Noto Color Emoji: one 109 ppem strike) would be
 * loaded at its strike size whatever the size asked; take the pattern's.
 * The CJK face is bundled in its regular weight only (a bold is another
 * 19 MB): bold Chinese, Japanese or Korean is drawn emboldened, as a
 * browser does, rather than as plain text beside bold Latin words. */
static const char font_rules[] =
    "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>"
    "<match target=\"font\"><test name=\"color\"><bool>true</bool></test>"
    "<edit name=\"pixelsize\" mode=\"assign\"><name target=\"pattern\">pixelsize</name></edit>"
    "</match>"
    "<match target=\"font\"><test name=\"family\" compare=\"contains\"><string>CJK</string></test>"
    "<test name=\"weight\" compare=\"less\"><const>bold</const></test>"
    "<test target=\"pattern\" name=\"weight\" compare=\"more_eq\"><const>bold</const></test>"
    "<edit name=\"embolden\" mode=\"assign\"><bool>true</bool></edit>"
    "</match></fontconfig>";

/* Pango's first font map starts a thread that loads fontconfig's current
 * configuration, the system's unless one was set: parsing its XML and
 * caches costs more than the rest of a one-paragraph run's text. */
static bool claim_process;

void text_fonts_claim_process(void)
{
    claim_process = true;
    /* Pango takes the language of a run the document's language does not
     * write (Chinese in a French text) from PANGO_LANGUAGE or LANGUAGE:
     * the reader's environment would choose its glyphs (a Japanese or a
     * Chinese face, the Persian or the Arabic forms) and the bytes. "C"
     * names no language (Pango skips it): its own guess by script. */
    setenv("PANGO_LANGUAGE", "C", 1);
}

text_fonts *text_fonts_new(const char *fonts_dir, fdiag *d)
{
    FcConfig *config = FcConfigCreate();
    if (!config || !FcConfigParseAndLoadFromMemory(config, (const FcChar8 *)font_rules, FcTrue) ||
        !add_fonts_cached(config, fonts_dir)) {
        fdiag_error(d, fonts_dir, 0, 0, "no usable font in the fonts folder");
        goto fail;
    }
    text_fonts *f = calloc(1, sizeof *f);
    if (!f)
        goto fail;
    f->config = config;
    if (claim_process)
        FcConfigSetCurrent(config);
    if (!(f->coverage = FcCharSetCreate()))
        abort();
    FcFontSet *set = FcConfigGetFonts(config, FcSetApplication);
    for (int i = 0; set && i < set->nfont; i++) {
        FcCharSet *cs;
        if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
            FcCharSetMerge(f->coverage, cs, NULL);
    }
    FcChar32 page[FC_CHARSET_MAP_SIZE], next;
    for (FcChar32 base = FcCharSetFirstPage(f->coverage, page, &next);
         base != FC_CHARSET_DONE && base < LATIN_END;
         base = FcCharSetNextPage(f->coverage, page, &next))
        memcpy(&f->latin[base / 32], page, sizeof page);
    f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), config);
    pango_fc_font_map_set_default_substitute(PANGO_FC_FONT_MAP(f->map), substitute, NULL, NULL);
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map), 72.0);
    return f;
fail:
    if (config)
        FcConfigDestroy(config);
    return NULL;
}

void text_fonts_drop(text_fonts *f)
{
    if (!f)
        return;
    /* Cached fontsets hold references to the map: without a shutdown it is
     * never finalized (and the FcConfig never freed). */
    pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(f->map));
    g_object_unref(f->map);
    FcConfigDestroy(f->config);
    FcCharSetDestroy(f->coverage);
    free(f);
}

PangoFontMap *text_fonts_map(text_fonts *f)
{
    return f->map;
}

PangoContext *text_fonts_context(text_fonts *f)
{
    PangoContext *ctx = pango_font_map_create_context(f->map);
    cairo_font_options_t *opts = cairo_font_options_create();
    cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(ctx, opts);
    cairo_font_options_destroy(opts);
    pango_cairo_context_set_resolution(ctx, 72.0);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    return ctx;
}

bool text_fonts_has_family(const text_fonts *f, const char *family)
{
    family = resolve_generic(family);
    FcFontSet *set = FcConfigGetFonts(f->config, FcSetApplication);
    for (int i = 0; set && i < set->nfont; i++) {
        FcChar8 *name;
        for (int j = 0; FcPatternGetString(set->fonts[i], FC_FAMILY, j, &name) == FcResultMatch; j++)
            if (strcasecmp((const char *)name, family) == 0)
                return true;
    }
    return false;
}

bool text_fonts_has_char(const text_fonts *f, gunichar c)
{
    if (c < LATIN_END)
        return f->latin[c / 32] >> (c % 32) & 1;
    return FcCharSetHasChar(f->coverage, c);
}

bool text_font_is_script_face(PangoFont *font)
{
    FcChar8 *family;
    if (!PANGO_IS_FC_FONT(font) ||
        FcPatternGetString(pango_fc_font_get_pattern(PANGO_FC_FONT(font)), FC_FAMILY, 0,
                           &family) != FcResultMatch)
        return false;
    for (size_t i = 0; i < G_N_ELEMENTS(latin_families); i++)
        if (strcmp((const char *)family, latin_families[i]) == 0)
            return false;
    return true; /* every other bundled text face */
}

void text_font_extents(PangoFont *font, PangoGravity gravity, PangoLanguage *lang, int *ascent,
                       int *descent)
{
    if (gravity == PANGO_GRAVITY_SOUTH) {
        /* what Pango's base metrics read for horizontal text; hinting is
         * off (text_fonts_context), so nothing rounds them afterwards */
        hb_font_extents_t e;
        hb_font_get_extents_for_direction(pango_font_get_hb_font(font), HB_DIRECTION_LTR, &e);
        *ascent = e.ascender;
        *descent = -e.descender;
        return;
    }
    PangoFontMetrics *m = pango_font_get_metrics(font, lang);
    *ascent = pango_font_metrics_get_ascent(m);
    *descent = pango_font_metrics_get_descent(m);
    pango_font_metrics_unref(m);
}

/* Whether a glyph is Pango's box for a character no font has. */
static bool unknown_glyph(PangoGlyph g)
{
    return g != PANGO_GLYPH_EMPTY && (g & PANGO_GLYPH_UNKNOWN_FLAG) &&
           !g_unichar_isspace(g & ~PANGO_GLYPH_UNKNOWN_FLAG);
}

void text_layout_drop_missing(PangoLayout *layout)
{
    const char *text = pango_layout_get_text(layout);
    GString *kept = NULL; /* made at the first unknown glyph */
    int from = 0;         /* text[from…] not yet copied to kept */
    for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next)
        for (GSList *r = ((PangoLayoutLine *)l->data)->runs; r; r = r->next) {
            const PangoGlyphItem *run = r->data;
            for (int i = 0; i < run->glyphs->num_glyphs; i++) {
                if (!unknown_glyph(run->glyphs->glyphs[i].glyph))
                    continue;
                int at = run->item->offset + run->glyphs->log_clusters[i];
                if (at < from)
                    continue;
                if (!kept)
                    kept = g_string_new(NULL);
                g_string_append_len(kept, text + from, at - from);
                from = (int)(g_utf8_next_char(text + at) - text);
            }
        }
    if (!kept)
        return;
    g_string_append(kept, text + from);
    pango_layout_set_text(layout, kept->str, (int)kept->len);
    g_string_free(kept, TRUE);
}
