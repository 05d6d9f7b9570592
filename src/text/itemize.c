#include "itemize.h"

#include <stdbool.h>

#include <pango/pangofc-font.h>

/* Pango's own flags (1.50 marks items that know their character offset:
 * 0 here, as for the whole text's first item) pass through. */
#define PUBLIC_FLAGS                                                                           \
    (PANGO_ANALYSIS_FLAG_CENTERED_BASELINE | PANGO_ANALYSIS_FLAG_IS_ELLIPSIS |                 \
     PANGO_ANALYSIS_FLAG_NEED_HYPHEN)

/* Latin letters and the neutral characters of Latin prose, none of them an
 * emoji, a bidi control, a mark, a control, a tab or a line separator
 * (Pango starts an item at those). */
static bool plain_char(gunichar c)
{
    return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0x24f && c != 0xa9 && c != 0xae) ||
           (c >= 0x1e00 && c <= 0x1eff) || (c >= 0x2010 && c <= 0x2027) ||
           (c >= 0x202f && c <= 0x205e && c != 0x203c && c != 0x2049) || c == 0x20ac;
}

/* Attributes that only choose the font or ride along in the item's extra
 * attributes: nothing that splits items (small caps, font scale), changes
 * gravity or turns fallback off. */
static bool plain_attr(PangoAttrType t)
{
    switch (t) {
    case PANGO_ATTR_FONT_DESC: case PANGO_ATTR_LANGUAGE: case PANGO_ATTR_FAMILY:
    case PANGO_ATTR_STYLE: case PANGO_ATTR_WEIGHT: case PANGO_ATTR_STRETCH:
    case PANGO_ATTR_SIZE: case PANGO_ATTR_ABSOLUTE_SIZE: case PANGO_ATTR_FOREGROUND:
    case PANGO_ATTR_BACKGROUND: case PANGO_ATTR_UNDERLINE: case PANGO_ATTR_STRIKETHROUGH:
    case PANGO_ATTR_RISE: case PANGO_ATTR_FONT_FEATURES:
        return true;
    default:
        return false;
    }
}

/* Whether every attribute is plain and covers text[0, len). */
static bool uniform_attrs(PangoAttrList *attrs, int len)
{
    GSList *list = attrs ? pango_attr_list_get_attributes(attrs) : NULL;
    bool ok = true;
    for (GSList *l = list; l && ok; l = l->next) {
        const PangoAttribute *a = l->data;
        ok = plain_attr(a->klass->type) && a->start_index == 0 && a->end_index >= (guint)len;
    }
    g_slist_free_full(list, (GDestroyNotify)pango_attribute_destroy);
    return ok;
}

static gboolean first_font(PangoFontset *set, PangoFont *font, gpointer data)
{
    *(PangoFont **)data = font;
    return TRUE; /* stop at the first */
}

/* Whether font is the first of the fontset Pango itemizes text[0…] with:
 * then it is Pango's choice for every character it has. */
static bool is_first_font(PangoContext *context, PangoAttrList *attrs, PangoFont *font)
{
    PangoFontDescription *desc =
        pango_font_description_copy_static(pango_context_get_font_description(context));
    PangoLanguage *lang = NULL;
    if (attrs) {
        PangoAttrIterator *it = pango_attr_list_get_iterator(attrs);
        pango_attr_iterator_get_font(it, desc, &lang, NULL);
        pango_attr_iterator_destroy(it);
    }
    pango_font_description_set_gravity(desc, PANGO_GRAVITY_SOUTH); /* as itemizing sets it */
    PangoFontset *set = pango_font_map_load_fontset(pango_context_get_font_map(context), context,
                                                    desc, lang ? lang : pango_context_get_language(context));
    PangoFont *first = NULL;
    if (set) {
        pango_fontset_foreach(set, first_font, &first);
        g_object_unref(set);
    }
    pango_font_description_free(desc);
    return first == font;
}

/* The one item of a paragraph that takes the shortcut, or NULL. */
static PangoItem *plain_item(PangoContext *context, const char *text, int len, PangoAttrList *attrs)
{
    PangoDirection dir = pango_context_get_base_dir(context);
    if (len <= 0 || (dir != PANGO_DIRECTION_LTR && dir != PANGO_DIRECTION_WEAK_LTR) ||
        pango_context_get_base_gravity(context) != PANGO_GRAVITY_SOUTH ||
        pango_context_get_matrix(context) || !uniform_attrs(attrs, len))
        return NULL;
    /* the prefix: up to the first Latin letter (the script neutral
     * characters before it take) */
    int prefix = -1, chars = 0;
    for (const char *p = text; p < text + len; p = g_utf8_next_char(p), chars++) {
        gunichar c = (unsigned char)*p < 0x80 ? (gunichar)*p : g_utf8_get_char(p);
        if (!plain_char(c))
            return NULL;
        if (prefix < 0 && g_unichar_isalpha(c))
            prefix = (int)(g_utf8_next_char(p) - text);
    }
    if (prefix < 0)
        return NULL;
    GList *items = pango_itemize(context, text, 0, prefix, attrs, NULL);
    PangoItem *item = items && !items->next ? items->data : NULL;
    PangoFont *font = item ? item->analysis.font : NULL;
    bool ok = font && item->analysis.level == 0 && item->analysis.script == PANGO_SCRIPT_LATIN &&
              item->analysis.gravity == PANGO_GRAVITY_SOUTH && !(item->analysis.flags & PUBLIC_FLAGS) &&
              is_first_font(context, attrs, font);
    /* every character Pango looks a font up for (the visible ones) is the
     * font's: its fontconfig character set is what Pango's coverage reads
     * (pango_font_has_char builds a coverage object at each call) */
    FcCharSet *charset = NULL;
    ok = ok && PANGO_IS_FC_FONT(font) &&
         FcPatternGetCharSet(pango_fc_font_get_pattern(PANGO_FC_FONT(font)), FC_CHARSET, 0,
                             &charset) == FcResultMatch;
    signed char ascii[128] = {0}; /* ASCII looked up once: 1 the font's, -1 not */
    for (const char *p = text + prefix; ok && p < text + len; p = g_utf8_next_char(p)) {
        gunichar c = (unsigned char)*p < 0x80 ? (gunichar)*p : g_utf8_get_char(p);
        if (c <= ' ') /* a space (plain_char took no control) */
            continue;
        if (c < 0x80) {
            if (!ascii[c])
                ascii[c] = FcCharSetHasChar(charset, c) ? 1 : -1;
            ok = ascii[c] > 0;
        } else {
            ok = !g_unichar_isgraph(c) || FcCharSetHasChar(charset, c);
        }
    }
    if (!ok) {
        g_list_free_full(items, (GDestroyNotify)pango_item_free);
        return NULL;
    }
    g_list_free(items);
    item->length = len;
    item->num_chars = chars;
    return item;
}

static guint shortcuts;

unsigned text_itemize_shortcuts(void)
{
    return (unsigned)g_atomic_int_get(&shortcuts);
}

GList *text_itemize(PangoContext *context, const char *text, int len, PangoAttrList *attrs)
{
    PangoItem *item = plain_item(context, text, len, attrs);
    if (item) {
        g_atomic_int_inc(&shortcuts);
        return g_list_prepend(NULL, item);
    }
    return pango_itemize(context, text, 0, len, attrs, NULL);
}
