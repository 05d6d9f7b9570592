/* The text engine on real fonts: each word shaped once, justified lines
 * flush with the measure, hyphens only at line ends (a soft hyphen in the
 * text layer), lines before hard breaks and last lines ragged, every byte
 * placed, words wider than the line broken, code set with its spaces and
 * without programming ligatures. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "text/fonts.h"
#include "text/paragraph.h"

static PangoContext *ctx;
static shape_cache *cache;
static text_hyphen *french;

static tpara *make_with(const char *text, const char *family, bool hyphenate, bool code,
                        const char *features, PangoAttribute *extra)
{
    PangoFontDescription *fd = pango_font_description_from_string(family);
    pango_font_description_set_absolute_size(fd, 10.5 * PANGO_SCALE);
    PangoAttrList *attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_font_desc_new(fd));
    if (features)
        pango_attr_list_insert(attrs, pango_attr_font_features_new(features));
    if (extra)
        pango_attr_list_insert(attrs, extra);
    PangoLanguage *lang = pango_language_from_string("fr");
    pango_attr_list_insert(attrs, pango_attr_language_new(lang));
    int range[2] = {0, (int)strlen(text)};
    tpara_input in = {.context = ctx, .cache = cache, .text = text, .len = (int)strlen(text),
                      .attrs = attrs, .font = fd, .lang = lang,
                      .hyphen = hyphenate ? french : NULL, .hyphenate = range, .n_hyphenate = 1,
                      .code = code, .line_spacing = 1.35};
    tpara *p = tpara_new(&in);
    pango_attr_list_unref(attrs);
    pango_font_description_free(fd);
    return p;
}

static tpara *make(const char *text, const char *family, bool hyphenate, bool code,
                   const char *features)
{
    return make_with(text, family, hyphenate, code, features, NULL);
}

/* The words of s, without spaces or hyphens added at line ends. */
static char *squash(const char *s)
{
    GString *out = g_string_new(NULL);
    for (; *s; s++)
        if (*s != ' ' && *s != '-')
            g_string_append_c(out, *s);
    return g_string_free(out, FALSE);
}

static char *all_lines(const tpara *p)
{
    GString *out = g_string_new(NULL);
    for (int i = 0; i < tpara_n_lines(p); i++) {
        char *t = tpara_line_text(p, i);
        g_string_append(out, t);
        free(t);
    }
    return g_string_free(out, FALSE);
}

static void collect_text(const trun *r, void *data)
{
    g_string_append_len(data, r->text + r->glyphs->item->offset, r->glyphs->item->length);
}

static const char *french_text =
    "La statistique publique publie chaque trimestre des donn\xc3\xa9" "es d\xc3\xa9taill\xc3\xa9" "es ; "
    "elles permettent de comparer les territoires, les administrations et les "
    "d\xc3\xa9partements, avec des indicateurs interd\xc3\xa9partementaux et des "
    "repr\xc3\xa9sentations cartographiques particuli\xc3\xa8rement soign\xc3\xa9" "es.";

static void check_justified(void)
{
    tpara *p = make(french_text, "Noto Serif", true, false, NULL);
    CHECK(p && tpara_layout(p, 180, TALIGN_JUSTIFY));
    int n = tpara_n_lines(p), hyphens = 0;
    CHECK(n >= 6);
    for (int i = 0; i < n; i++) {
        const tline *l = tpara_line(p, i);
        char *t = tpara_line_text(p, i);
        if (i < n - 1)
            CHECK(fabs(l->width - 180) < 0.5 || l->stretch >= 1.59); /* flush, or capped (MAX_SPACE) */
        else
            CHECK(l->width < 180 && l->stretch == 1); /* the last line: natural spaces */
        CHECK(l->hyphen == (t[strlen(t) - 1] == '-'));
        if (l->hyphen) {
            hyphens++;
            GString *runs = g_string_new(NULL);
            tpara_line_runs(p, i, collect_text, runs);
            /* the text layer: the word's start and a soft hyphen */
            CHECK(runs->len >= 2 && memcmp(runs->str + runs->len - 2, "\xc2\xad", 2) == 0);
            g_string_free(runs, TRUE);
        }
        free(t);
    }
    CHECK(hyphens > 0);
    char *got = all_lines(p), *a = squash(got), *b = squash(french_text);
    CHECK_STR(a, b); /* every word, in order */
    free(got);
    free(a);
    free(b);
    tpara_unref(p);
}

static void check_hard_break(void)
{
    const char *text = "Une ligne courte\xe2\x80\xa8puis une autre ligne assez longue pour "
                       "en occuper plusieurs une fois mise en page.";
    tpara *p = make(text, "Noto Serif", false, false, NULL);
    CHECK(p && tpara_layout(p, 200, TALIGN_JUSTIFY));
    const tline *first = tpara_line(p, 0);
    CHECK(first->stretch == 1 && first->width < 150 && !first->wrapped);
    char *t = tpara_line_text(p, 0);
    CHECK_STR(t, "Une ligne courte");
    free(t);
    CHECK(tpara_n_lines(p) >= 3);
    CHECK(fabs(tpara_line(p, 1)->width - 200) < 0.5);
    tpara_unref(p);
}

static void check_shaped_once(void)
{
    GString *s = g_string_new(NULL);
    for (int i = 0; i < 200; i++)
        g_string_append(s, "la statistique publique ");
    size_t shaped0, lookups0, shaped1, lookups1;
    shape_cache_stats(cache, &shaped0, &lookups0);
    tpara *p = make(s->str, "Noto Serif", true, false, NULL);
    CHECK(p && tpara_layout(p, 300, TALIGN_JUSTIFY));
    CHECK(tpara_layout(p, 200, TALIGN_JUSTIFY)); /* new lines, no new shaping but line ends */
    shape_cache_stats(cache, &shaped1, &lookups1);
    CHECK(lookups1 - lookups0 > 1000);
    CHECK(shaped1 - shaped0 < 20); /* the words, a space, a hyphen, a few cut words */
    g_string_free(s, TRUE);
    tpara_unref(p);
}

static void check_long_word(void)
{
    GString *s = g_string_new("D\xc3\xa9" "but ");
    for (int i = 0; i < 3000; i++)
        g_string_append_c(s, "abcdefghij"[i % 10]);
    g_string_append(s, " fin.");
    tpara *p = make(s->str, "Noto Serif", true, false, NULL);
    CHECK(p && tpara_layout(p, 150, TALIGN_JUSTIFY));
    CHECK(tpara_n_lines(p) > 20);
    for (int i = 0; i < tpara_n_lines(p); i++)
        CHECK(tpara_line(p, i)->width <= 150.5);
    char *got = all_lines(p), *a = squash(got), *b = squash(s->str);
    CHECK_STR(a, b);
    free(got);
    free(a);
    free(b);
    CHECK(tpara_min_width(p) > 150);
    g_string_free(s, TRUE);
    tpara_unref(p);
}

static void first_glyphs(const trun *r, void *data)
{
    GArray *a = data;
    for (int i = 0; i < r->glyphs->glyphs->num_glyphs; i++)
        g_array_append_val(a, r->glyphs->glyphs->glyphs[i].glyph);
}

static void check_code(void)
{
    const char *code = "if (a => b) {\n    return x != y;\n}";
    tpara *with = make(code, "JetBrains Mono", true, true, "liga=0,calt=0,dlig=0");
    tpara *without = make(code, "JetBrains Mono", false, true, NULL);
    CHECK(with && without && tpara_layout(with, 400, TALIGN_LEFT) &&
          tpara_layout(without, 400, TALIGN_LEFT));
    CHECK(tpara_n_lines(with) == 3);
    char *t = tpara_line_text(with, 1);
    CHECK_STR(t, "    return x != y;"); /* the indent kept, nothing hyphenated */
    free(t);
    GArray *a = g_array_new(FALSE, FALSE, sizeof(PangoGlyph));
    GArray *b = g_array_new(FALSE, FALSE, sizeof(PangoGlyph));
    tpara_line_runs(with, 0, first_glyphs, a);
    tpara_line_runs(without, 0, first_glyphs, b);
    /* JetBrains Mono draws "=>" as an arrow through contextual alternates */
    CHECK(a->len == b->len && memcmp(a->data, b->data, a->len * sizeof(PangoGlyph)) != 0);
    g_array_free(a, TRUE);
    g_array_free(b, TRUE);
    /* a code line wider than the box wraps, keeping every character */
    tpara *narrow = make("result = compute_the_answer(first_argument, second_argument)",
                         "JetBrains Mono", false, true, NULL);
    CHECK(narrow && tpara_layout(narrow, 150, TALIGN_LEFT) && tpara_n_lines(narrow) >= 3);
    for (int i = 0; i < tpara_n_lines(narrow); i++)
        CHECK(tpara_line(narrow, i)->width <= 150.5 && !tpara_line(narrow, i)->hyphen);
    tpara_unref(narrow);
    tpara_unref(with);
    tpara_unref(without);
}

/* An inline object (a formula) of ascent asc and descent desc points at
 * the U+FFFC of "…fractions ￼ comme…"; the text's lines are compared
 * with the same paragraph without it. */
static const char *object_text =
    "Les formules en ligne restent sur la ligne de base du texte, entre les mots, et les "
    "fractions \xef\xbf\xbc comme les sommes ne changent la hauteur de leur ligne que de ce "
    "qui d\xc3\xa9passe le texte, ni plus ni moins, sans jamais se couper en deux.";

static tpara *with_object(double asc, double desc)
{
    const char *at = strstr(object_text, "\xef\xbf\xbc");
    PangoRectangle r = {0, (int)(-asc * PANGO_SCALE), 30 * PANGO_SCALE,
                        (int)((asc + desc) * PANGO_SCALE)};
    PangoAttribute *a = pango_attr_shape_new(&r, &r);
    a->start_index = (guint)(at - object_text);
    a->end_index = a->start_index + 3;
    tpara *p = make_with(object_text, "Noto Serif", false, false, NULL, a);
    CHECK(p && tpara_layout(p, 180, TALIGN_JUSTIFY));
    return p;
}

static int object_line(const tpara *p)
{
    size_t at = (size_t)(strstr(object_text, "\xef\xbf\xbc") - object_text);
    for (int i = 0; i < tpara_n_lines(p); i++)
        if ((size_t)tpara_line(p, i)->start <= at && at < (size_t)tpara_line(p, i)->end)
            return i;
    return -1;
}

/* Inline math sits on the baseline and makes its line taller or deeper by
 * what passes the text only; a small one changes nothing. The object is
 * never split: its three bytes are on one line. */
static void check_object_metrics(void)
{
    tpara *small = with_object(4, 1), *tall = with_object(20, 9);
    int k = object_line(small);
    CHECK(k > 0 && object_line(tall) == k && tpara_n_lines(small) > k + 1);
    const tline *plain = tpara_line(small, 0), *s = tpara_line(small, k), *t = tpara_line(tall, k);
    double pitch = plain->h, asc = plain->baseline, desc = pitch / 1.35 - asc;
    CHECK(fabs(s->h - pitch) < 1e-6 && fabs(s->baseline - asc) < 1e-6);
    CHECK(fabs(t->baseline - 20) < 0.01);
    CHECK(fabs(t->h - (pitch + (20 - asc) + (9 - desc))) < 0.01);
    CHECK(fabs(tpara_line(tall, k + 1)->y - t->y - t->h) < 1e-6);
    CHECK(fabs(tpara_line(tall, k + 1)->h - pitch) < 1e-6);
    tpara_unref(small);
    tpara_unref(tall);
}

int main(void)
{
    fdiag d;
    fdiag_init(&d, NULL, NULL);
    text_fonts *f = text_fonts_new(FOLIO_TESTS_DIR "/../fonts", &d);
    CHECK(f != NULL);
    if (!f)
        return check_done();
    ctx = text_fonts_context(f);
    cache = shape_cache_new();
    french = text_hyphen_new("fr");
    CHECK(french != NULL);
    check_justified();
    check_hard_break();
    check_shaped_once();
    check_long_word();
    check_code();
    check_object_metrics();
    text_hyphen_drop(french);
    shape_cache_drop(cache);
    g_object_unref(ctx);
    text_fonts_drop(f);
    return check_done();
}
