/* text_itemize gives pango_itemize's items, field by field, for plain
 * Latin prose (its shortcut) and for everything the shortcut must leave
 * to Pango: emoji, other scripts, marks, tabs, bidi, styles over part of
 * the text, families whose first font lacks a character. */
#include <stdbool.h>
#include <stdlib.h>

#include "check.h"
#include "text/fonts.h"
#include "text/itemize.h"

static PangoContext *ctx;

static char *describe(GList *items)
{
    GString *s = g_string_new(NULL);
    for (GList *l = items; l; l = l->next) {
        const PangoItem *it = l->data;
        const PangoAnalysis *a = &it->analysis;
        char *font = a->font ? pango_font_description_to_string(pango_font_describe(a->font)) : NULL;
        g_string_append_printf(s, "[%d+%d/%d %p %s lvl%d grav%d flags%d script%d lang=%s attrs=", it->offset,
                               it->length, it->num_chars, (void *)a->font, font ? font : "-",
                               a->level, a->gravity, a->flags, a->script,
                               a->language ? pango_language_to_string(a->language) : "-");
        for (GSList *e = a->extra_attrs; e; e = e->next) {
            const PangoAttribute *attr = e->data;
            g_string_append_printf(s, "%d:%u-%u,", attr->klass->type, attr->start_index,
                                   attr->end_index);
        }
        g_string_append(s, "]");
        g_free(font);
    }
    return g_string_free(s, FALSE);
}

/* font over [0, end) (G_MAXUINT: all), colour and language over all,
 * bold over [bold_from, bold_to) when bold_to > 0. */
static PangoAttrList *attrs_for(const char *family, guint end, guint bold_from, guint bold_to)
{
    PangoAttrList *attrs = pango_attr_list_new();
    PangoFontDescription *fd = pango_font_description_from_string(family);
    pango_font_description_set_absolute_size(fd, 10.5 * PANGO_SCALE);
    PangoAttribute *a = pango_attr_font_desc_new(fd);
    a->end_index = end;
    pango_attr_list_insert(attrs, a);
    pango_font_description_free(fd);
    pango_attr_list_insert(attrs, pango_attr_foreground_new(0x1000, 0x2000, 0x3000));
    pango_attr_list_insert(attrs, pango_attr_language_new(pango_language_from_string("fr")));
    if (bold_to > 0) {
        a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
        a->start_index = bold_from;
        a->end_index = bold_to;
        pango_attr_list_insert(attrs, a);
    }
    return attrs;
}

/* Whether text_itemize took its shortcut for text. */
static bool check_same(const char *text, PangoAttrList *attrs)
{
    unsigned before = text_itemize_shortcuts();
    int len = (int)strlen(text);
    GList *want = pango_itemize(ctx, text, 0, len, attrs, NULL);
    GList *got = text_itemize(ctx, text, len, attrs);
    char *w = describe(want), *g = describe(got);
    CHECK_STR(g, w);
    g_free(w);
    g_free(g);
    g_list_free_full(want, (GDestroyNotify)pango_item_free);
    g_list_free_full(got, (GDestroyNotify)pango_item_free);
    return text_itemize_shortcuts() > before;
}

static const char *const texts[] = {
    "Un seul paragraphe, pour mesurer ce que coûte le démarrage : charger les polices.",
    "123 ans plus tard, « l’été » arrive — enfin ; n° 13, 10 % et 5 € (ou 4,99 €).",
    "  espaces devant, puis dé\xc2\xadve\xc2\xadlop\xc2\xadpe\xc2\xadment et Œuvre, Ærø, ǅ, ẞ.",
    "… « »  ‘a’ “b” – — • ‰ ′ ″ ‹ › fin",
    "1 000 000", /* no letter: Pango's */
    "Smile 🙂 please",
    "Zahl 1\xef\xb8\x8f\xe2\x83\xa3 und © und ©\xef\xb8\x8f",
    "Ελληνικά και latin",
    "latin puis Ελληνικά",
    "Привет, мир",
    "arabe \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 fin",
    "a\xe2\x80\x8f" "b bidi mark",
    "tab\there",
    "ligne\xe2\x80\xa8suivante",
    "ligne\nsuivante",
    "e\xcc\x81 combining",
    "caf\xc3\xa9 \xe2\x80\x8d joiner",
    "\xc2\xb5m micro first",
    "x",
    "ﬁ ligature char",
    "box ─ drawing",
};

int main(void)
{
    fdiag d;
    fdiag_init(&d, NULL, NULL);
    text_fonts *f = text_fonts_new(FOLIO_TESTS_DIR "/../fonts", &d);
    CHECK(f != NULL);
    if (!f)
        return check_done();
    ctx = text_fonts_context(f);
    static const char *const families[] = {"Noto Serif", "Noto Sans Italic", "JetBrains Mono",
                                           "Noto Color Emoji", "No Such Family"};
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
        for (size_t k = 0; k < G_N_ELEMENTS(families); k++) {
            guint len = (guint)strlen(texts[i]);
            PangoAttrList *attrs = attrs_for(families[k], G_MAXUINT, 0, 0);
            check_same(texts[i], attrs);
            pango_attr_list_unref(attrs);
            attrs = attrs_for(families[k], len, 0, 0); /* ends exactly at the end */
            check_same(texts[i], attrs);
            pango_attr_list_unref(attrs);
            attrs = attrs_for(families[k], len > 3 ? len - 3 : len, 0, 0); /* not over all */
            check_same(texts[i], attrs);
            pango_attr_list_unref(attrs);
            attrs = attrs_for(families[k], G_MAXUINT, 2, len > 6 ? 6 : len); /* bold inside */
            check_same(texts[i], attrs);
            pango_attr_list_unref(attrs);
        }
    /* the shortcut is taken for plain prose over all (else nothing above
     * tested it), and never where Pango splits or picks other fonts */
    PangoAttrList *plain = attrs_for("Noto Serif", G_MAXUINT, 0, 0);
    for (int i = 0; i < 4; i++)
        CHECK(check_same(texts[i], plain));
    CHECK(!check_same("1 000 000", plain));
    CHECK(!check_same("Smile 🙂 please", plain));
    CHECK(!check_same("latin puis Ελληνικά", plain));
    CHECK(!check_same("tab\there", plain));
    pango_attr_list_unref(plain);
    plain = attrs_for("Noto Serif", G_MAXUINT, 2, 6);
    CHECK(!check_same(texts[0], plain));
    pango_attr_list_unref(plain);
    /* no attributes at all: the context's font */
    check_same(texts[0], NULL);
    PangoAttrList *empty = pango_attr_list_new();
    check_same(texts[0], empty);
    pango_attr_list_unref(empty);
    /* a right-to-left context: Pango's */
    pango_context_set_base_dir(ctx, PANGO_DIRECTION_RTL);
    PangoAttrList *attrs = attrs_for("Noto Serif", G_MAXUINT, 0, 0);
    check_same(texts[0], attrs);
    pango_attr_list_unref(attrs);
    g_object_unref(ctx);
    text_fonts_drop(f);
    return check_done();
}
