#include "shape_cache.h"

#include <stdlib.h>
#include <string.h>

/* A cached word: the key (what shaping depends on) and the result. The
 * entry holds a reference on the font so that its address, part of the
 * key, cannot be reused by another font while the entry lives. */
typedef struct entry {
    tword word; /* first: a tword pointer is an entry pointer */
    PangoFont *font;
    PangoLanguage *lang;
    const char *features; /* "" when none */
    int box;              /* an inline object's width (a shape attribute), else 0 */
    guint8 level, script, flags;
    guint hash;
} entry;

struct shape_cache {
    GHashTable *table; /* entry → entry */
    size_t glyphs;     /* glyphs held by the table */
    size_t shaped, lookups;
};

static guint entry_hash(gconstpointer p)
{
    return ((const entry *)p)->hash;
}

static gboolean entry_equal(gconstpointer pa, gconstpointer pb)
{
    const entry *a = pa, *b = pb;
    return a->hash == b->hash && a->font == b->font && a->lang == b->lang &&
           a->level == b->level && a->script == b->script && a->flags == b->flags &&
           a->box == b->box && a->word.len == b->word.len &&
           memcmp(a->word.text, b->word.text, (size_t)a->word.len) == 0 &&
           strcmp(a->features, b->features) == 0;
}

static void entry_free(entry *e)
{
    pango_glyph_string_free(e->word.glyphs);
    g_object_unref(e->font);
    free(e);
}

const tword *tword_hold(const tword *w)
{
    ((tword *)w)->refs++;
    return w;
}

void tword_release(const tword *w)
{
    if (w && --((tword *)w)->refs == 0)
        entry_free((entry *)w);
}

static void table_release(gpointer p)
{
    tword_release(&((entry *)p)->word);
}

shape_cache *shape_cache_new(void)
{
    shape_cache *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->table = g_hash_table_new_full(entry_hash, entry_equal, table_release, NULL);
    return c;
}

void shape_cache_drop(shape_cache *c)
{
    if (!c)
        return;
    g_hash_table_destroy(c->table);
    free(c);
}

/* The font features among the analysis' extra attributes ("" when none):
 * code turns ligatures off with them. */
static const char *features_of(const PangoAnalysis *a)
{
    for (GSList *l = a->extra_attrs; l; l = l->next) {
        const PangoAttribute *attr = l->data;
        if (attr->klass->type == PANGO_ATTR_FONT_FEATURES)
            return ((const PangoAttrFontFeatures *)attr)->features;
    }
    return "";
}

/* An inline object (a formula): a shape attribute over the text makes it
 * one box of the attribute's logical width, drawn by its owner, as
 * PangoLayout does. 0 when there is none. */
static int box_width(const PangoAnalysis *a)
{
    for (GSList *l = a->extra_attrs; l; l = l->next) {
        const PangoAttribute *attr = l->data;
        if (attr->klass->type == PANGO_ATTR_SHAPE)
            return ((const PangoAttrShape *)attr)->logical_rect.width;
    }
    return 0;
}

/* A character no bundled font has (warned of before layout, see
 * text/coverage.h) would be drawn as a box with its hex code: it is left
 * out, taking no room. */
static void blank_unknown(PangoGlyphString *g)
{
    for (int i = 0; i < g->num_glyphs; i++)
        if (g->glyphs[i].glyph != PANGO_GLYPH_EMPTY && (g->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG))
            g->glyphs[i] = (PangoGlyphInfo){.glyph = PANGO_GLYPH_EMPTY, .attr = g->glyphs[i].attr};
}

static guint key_hash(const entry *k)
{
    guint h = 2166136261u;
    for (int i = 0; i < k->word.len; i++)
        h = (h ^ (guchar)k->word.text[i]) * 16777619u;
    h ^= (guint)(gsize)k->font * 31u + (guint)(gsize)k->lang * 17u;
    h ^= (guint)k->level << 3 ^ (guint)k->script << 7 ^ (guint)k->flags << 13 ^ (guint)k->box * 7u;
    return h ^ g_str_hash(k->features);
}

const tword *shape_cache_get(shape_cache *c, const char *text, int len,
                             const PangoAnalysis *analysis, bool hyphen)
{
    PangoAnalysis a = *analysis;
    if (hyphen)
        a.flags |= PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
    entry key = {.word = {.text = text, .len = len}, .font = a.font, .lang = a.language,
                 .features = features_of(&a), .box = box_width(&a), .level = a.level,
                 .script = a.script, .flags = a.flags};
    key.hash = key_hash(&key);
    c->lookups++;
    entry *e = g_hash_table_lookup(c->table, &key);
    if (e)
        return &e->word;

    /* the text and the features live in the entry's own allocation */
    size_t flen = strlen(key.features);
    e = malloc(sizeof *e + (size_t)len + 1 + flen + 1);
    if (!e)
        abort();
    *e = key;
    char *copy = (char *)(e + 1);
    memcpy(copy, text, (size_t)len);
    copy[len] = '\0';
    memcpy(copy + len + 1, key.features, flen + 1);
    e->word.text = copy;
    e->word.chars = (int)g_utf8_strlen(copy, len);
    e->features = copy + len + 1;
    e->word.glyphs = pango_glyph_string_new();
    e->word.hyphen = hyphen;
    e->word.refs = 1;
    g_object_ref(e->font);
    pango_shape_with_flags(copy, len, copy, len, &a, e->word.glyphs, PANGO_SHAPE_NONE);
    if (box_width(&a)) /* the object's box: no glyph of the font drawn */
        for (int i = 0; i < e->word.glyphs->num_glyphs; i++)
            e->word.glyphs->glyphs[i] = (PangoGlyphInfo){
                .glyph = PANGO_GLYPH_EMPTY, .geometry = {.width = i ? 0 : key.box}};
    blank_unknown(e->word.glyphs);
    e->word.width = pango_glyph_string_get_width(e->word.glyphs);
    c->shaped++;
    c->glyphs += (size_t)e->word.glyphs->num_glyphs;
    g_hash_table_add(c->table, e);
    return &e->word;
}

void shape_cache_trim(shape_cache *c, size_t max_glyphs)
{
    if (c->glyphs <= max_glyphs)
        return;
    g_hash_table_remove_all(c->table); /* words still held live on */
    c->glyphs = 0;
}

void shape_cache_stats(const shape_cache *c, size_t *shaped, size_t *lookups)
{
    *shaped = c->shaped;
    *lookups = c->lookups;
}
