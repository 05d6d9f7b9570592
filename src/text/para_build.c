/* Text → units: Pango itemises the paragraph and finds its break
 * opportunities; the text of each item is cut into words (between break
 * opportunities), runs of spaces and hard breaks, and each word is shaped
 * through the cache. Words longer than a chunk are cut at grapheme
 * boundaries first, so that no shaping (and no breaking) work grows with
 * the square of a run without break opportunities (nor of a run of
 * combining marks). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "breaks.h"
#include "fonts.h"
#include "itemize.h"
#include "para_internal.h"

#define CHUNK_BYTES 256
/* No real grapheme is this long; a run of thousands of combining marks is
 * cut anyway (HarfBuzz positions each mark against all before it). */
#define GRAPHEME_MAX 1024

static bool is_space(gunichar c)
{
    if (c < 0x80) /* most characters: two comparisons */
        return c == ' ' || c == '\t';
    return c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a && c != 0x2007) ||
           c == 0x205f || c == 0x3000;
}

static bool is_hard_break(gunichar c)
{
    return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

static int rise_of(const PangoItem *item)
{
    for (GSList *l = item->analysis.extra_attrs; l; l = l->next) {
        const PangoAttribute *a = l->data;
        if (a->klass->type == PANGO_ATTR_RISE)
            return ((const PangoAttrInt *)a)->value;
    }
    return 0;
}

/* An inline object's shape attribute (see shape_cache.h), or NULL. */
static const PangoAttrShape *shape_of(const PangoItem *item)
{
    for (GSList *l = item->analysis.extra_attrs; l; l = l->next) {
        const PangoAttribute *a = l->data;
        if (a->klass->type == PANGO_ATTR_SHAPE)
            return (const PangoAttrShape *)a;
    }
    return NULL;
}

/* The ascent and descent of the item's font; for a script face text fell
 * back to (Arabic, CJK…), those of the font asked for: a Chinese word in a
 * French line, as in CSS, does not push the lines apart, and an Arabic
 * paragraph keeps the body's line pitch. */
/* The attributes at the items, walked once over the paragraph (an item
 * starts where the one before it ends). */
typedef struct attr_walk {
    PangoAttrList *attrs;
    PangoAttrIterator *it; /* made at the first item that needs it */
} attr_walk;

static void requested_extents(tpara *p, const PangoItem *item, attr_walk *w, int *ascent,
                              int *descent)
{
    PangoFont *font = item->analysis.font;
    PangoFont *asked = NULL;
    if (item->analysis.gravity == PANGO_GRAVITY_SOUTH && text_font_is_script_face(font)) {
        PangoFontDescription *desc =
            pango_font_description_copy(pango_context_get_font_description(p->context));
        if (w->attrs) {
            if (!w->it)
                w->it = pango_attr_list_get_iterator(w->attrs);
            int start, end;
            pango_attr_iterator_range(w->it, &start, &end);
            while (end <= item->offset && pango_attr_iterator_next(w->it))
                pango_attr_iterator_range(w->it, &start, &end);
            pango_attr_iterator_get_font(w->it, desc, NULL, NULL);
        }
        asked = pango_context_load_font(p->context, desc);
        pango_font_description_free(desc);
        if (asked)
            font = asked;
    }
    text_font_extents(font, item->analysis.gravity, item->analysis.language, ascent, descent);
    if (asked)
        g_object_unref(asked);
}

static void item_metrics(tpara *p, titem *ti, attr_walk *w)
{
    PangoItem *item = ti->item;
    int rise = rise_of(item);
    const PangoAttrShape *shape = shape_of(item);
    if (shape) { /* an inline object is as high and deep as its box */
        ti->ascent = -shape->logical_rect.y + rise;
        ti->descent = shape->logical_rect.y + shape->logical_rect.height - rise;
        ti->object = true;
        return;
    }
    if (!item->analysis.font) {
        tpara_empty_metrics(p, &ti->ascent, &ti->descent);
        ti->ascent += rise;
        ti->descent -= rise;
        return;
    }
    requested_extents(p, item, w, &ti->ascent, &ti->descent);
    ti->ascent += rise;
    ti->descent -= rise;
    ti->space = shape_cache_get(p->cache, " ", 1, &item->analysis, false)->width;
}

/* Costly (a fontset is loaded): only for lines without any text. */
void tpara_empty_metrics(tpara *p, int *ascent, int *descent)
{
    if (p->empty_ascent < 0) {
        PangoFontMetrics *m = pango_context_get_metrics(p->context, p->font, p->lang);
        p->empty_ascent = pango_font_metrics_get_ascent(m);
        p->empty_descent = pango_font_metrics_get_descent(m);
        pango_font_metrics_unref(m);
    }
    *ascent = p->empty_ascent;
    *descent = p->empty_descent;
}

static void hyphenation_points(tpara *p, const tpara_input *in)
{
    if (!in->hyphen || in->code)
        return;
    GArray *found = g_array_new(FALSE, FALSE, sizeof(size_t));
    GArray *all = g_array_new(FALSE, FALSE, sizeof(int));
    for (int k = 0; k < in->n_hyphenate; k++) {
        int s = in->hyphenate[2 * k], e = in->hyphenate[2 * k + 1];
        if (s < 0 || e > p->len || s >= e)
            continue;
        g_array_set_size(found, 0);
        text_hyphen_points(in->hyphen, p->text + s, (size_t)(e - s), found);
        for (guint i = 0; i < found->len; i++) {
            int at = s + (int)g_array_index(found, size_t, i);
            g_array_append_val(all, at);
        }
    }
    g_array_free(found, TRUE);
    p->n_hyph = (int)all->len;
    p->hyph = (int *)(void *)g_array_free(all, FALSE);
}

static tunit *unit_add(tpara *p, int *cap)
{
    p->units = tgrow(p->units, p->n_units, cap, sizeof *p->units);
    tunit *u = &p->units[p->n_units++];
    memset(u, 0, sizeof *u);
    return u;
}

/* The units of one item; *ci is the character index of its start, moved
 * to its end. */
static void item_units(tpara *p, int k, const PangoLogAttr *la, int *ci, int *cap, int *hcur)
{
    const PangoItem *item = p->items[k].item;
    const char *text = p->text;
    int pos = item->offset, end = item->offset + item->length;
    while (pos < end) {
        gunichar c = g_utf8_get_char(text + pos);
        int start = pos, cstart = *ci;
        tunit_kind kind = is_hard_break(c) ? TU_HARD : is_space(c) ? TU_SPACE : TU_WORD;
        do {
            pos = (int)(g_utf8_next_char(text + pos) - text);
            ++*ci;
            if (kind == TU_HARD)
                break;
            if (pos >= end)
                break;
            c = g_utf8_get_char(text + pos);
            if (is_hard_break(c) || is_space(c) != (kind == TU_SPACE))
                break;
            if (kind == TU_WORD &&
                (la[*ci].is_line_break ||
                 (pos - start >= CHUNK_BYTES && la[*ci].is_cursor_position) ||
                 pos - start >= GRAPHEME_MAX))
                break;
        } while (1);
        tunit *u = unit_add(p, cap);
        u->kind = kind;
        u->item = k;
        u->start = start;
        u->len = pos - start;
        /* spaces: whether a line may break after them; words: before them */
        u->break_before = kind == TU_SPACE ? la[*ci].is_line_break : la[cstart].is_line_break;
        if (kind != TU_HARD)
            u->word = tword_hold(shape_cache_get(p->cache, text + start, u->len,
                                                 &item->analysis, false));
        while (*hcur < p->n_hyph && p->hyph[*hcur] <= start)
            ++*hcur;
        u->hyph = *hcur;
        while (kind == TU_WORD && *hcur < p->n_hyph && p->hyph[*hcur] < pos)
            ++*hcur;
        u->n_hyph = *hcur - u->hyph;
    }
}

/* No line break inside the ranges the input keeps whole (a key,
 * Shift-Command-P, is one word); the breaks at their ends stay. */
static void keep_unbroken(const tpara *p, const tpara_input *in, PangoLogAttr *la)
{
    for (int k = 0; k < in->n_keep; k++) {
        int start = in->keep[2 * k], end = in->keep[2 * k + 1];
        if (start < 0 || end > p->len || start >= end)
            continue;
        long from = g_utf8_pointer_to_offset(p->text, p->text + start);
        long to = g_utf8_pointer_to_offset(p->text, p->text + end);
        for (long c = from + 1; c < to; c++)
            la[c].is_line_break = FALSE;
    }
}

/* Each word's width of the unbreakable run it is part of, and the widest. */
static int int_add_sat(int a, int b)
{
    return b > 0 && a > INT_MAX - b ? INT_MAX : a + b;
}


static void run_widths(tpara *p)
{
    int i = 0;
    while (i < p->n_units) {
        if (p->units[i].kind != TU_WORD) {
            i++;
            continue;
        }
        int j = i, w = 0;
        do /* a run of a million letters passes INT_MAX Pango units */
            w = int_add_sat(w, p->units[j++].word->width);
        while (j < p->n_units && p->units[j].kind == TU_WORD && !p->units[j].break_before);
        for (int k = i; k < j; k++)
            p->units[k].word_w = w;
        if (w > p->min_width)
            p->min_width = w;
        i = j;
    }
}

bool tpara_build(tpara *p, const tpara_input *in)
{
    if (in->len < 0 || !g_utf8_validate(in->text, in->len, NULL))
        return false;
    p->len = in->len;
    p->text = malloc((size_t)p->len + 1);
    if (!p->text)
        abort();
    memcpy(p->text, in->text, (size_t)p->len);
    p->text[p->len] = '\0';
    p->font = pango_font_description_copy(in->font);
    p->lang = in->lang;
    p->empty_ascent = -1;

    GList *items = in->rtl ? pango_itemize_with_base_dir(in->context, PANGO_DIRECTION_RTL,
                                                         p->text, 0, p->len, in->attrs, NULL)
                           : text_itemize(in->context, p->text, p->len, in->attrs);
    p->n_items = (int)g_list_length(items);
    p->items = calloc((size_t)p->n_items + 1, sizeof *p->items);
    if (!p->items)
        abort();
    int k = 0;
    attr_walk walk = {.attrs = in->attrs};
    for (GList *l = items; l; l = l->next, k++) {
        p->items[k].item = l->data;
        item_metrics(p, &p->items[k], &walk);
        p->has_objects |= p->items[k].object;
    }
    /* unless in->rtl, Pango gives the paragraph the direction of its first
     * strong character (the context's base direction is weak): then every
     * item of a right-to-left paragraph has an odd level or a higher one */
    guint8 base = p->n_items ? p->items[0].item->analysis.level : 0;
    for (k = 1; k < p->n_items; k++)
        if (p->items[k].item->analysis.level < base)
            base = p->items[k].item->analysis.level;
    p->rtl = in->rtl || (base & 1);
    g_list_free(items);
    if (walk.it)
        pango_attr_iterator_destroy(walk.it);

    int n_chars = (int)g_utf8_strlen(p->text, p->len);
    PangoLogAttr *la = g_new(PangoLogAttr, n_chars + 1);
    text_breaks(p->text, p->len, n_chars, in->lang, la);
    keep_unbroken(p, in, la);
    hyphenation_points(p, in);
    int ci = 0, cap = 0, hcur = 0;
    for (k = 0; k < p->n_items; k++)
        item_units(p, k, la, &ci, &cap, &hcur);
    g_free(la);
    run_widths(p);
    return true;
}

int tword_prefix_width(const tword *w, int off)
{
    int width = 0;
    const PangoGlyphString *g = w->glyphs;
    for (int i = 0; i < g->num_glyphs; i++)
        if (g->log_clusters[i] < off)
            width += g->glyphs[i].geometry.width;
    return width;
}
