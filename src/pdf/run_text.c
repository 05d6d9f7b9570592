#include "run_text.h"

#include <stdlib.h>
#include <string.h>

#define SHY "\xC2\xAD"
#define SHY_LEN 2

/* Whether [s, s + len) holds a soft hyphen and something else. */
static bool inner_shy(const char *s, int len)
{
    return len > SHY_LEN && memmem(s, (size_t)len, SHY, SHY_LEN) != NULL;
}

/* Whether the cluster is a soft hyphen alone, drawn (where a line was cut). */
static bool drawn_shy(const char *text, const PangoGlyphItemIter *it)
{
    if (it->end_index - it->start_index != SHY_LEN || memcmp(text + it->start_index, SHY, SHY_LEN))
        return false;
    const PangoGlyphString *g = it->glyph_item->glyphs;
    for (int i = it->start_glyph; i < it->end_glyph; i++)
        if (g->glyphs[i].glyph != PANGO_GLYPH_EMPTY && g->glyphs[i].geometry.width > 0)
            return true;
    return false;
}

bool pdf_run_text_rewritten(const char *text, const PangoGlyphItem *run)
{
    const PangoItem *item = run->item;
    if (item->analysis.level % 2 || !memmem(text + item->offset, (size_t)item->length, SHY, SHY_LEN))
        return false;
    PangoGlyphItemIter it;
    for (gboolean ok = pango_glyph_item_iter_init_start(&it, (PangoGlyphItem *)run, text); ok;
         ok = pango_glyph_item_iter_next_cluster(&it))
        if (inner_shy(text + it.start_index, it.end_index - it.start_index) || drawn_shy(text, &it))
            return true;
    return false;
}

/* The run's foreground colour, when an attribute sets it. */
static void set_run_colour(cairo_t *cr, const PangoItem *item)
{
    double alpha = 1;
    const PangoColor *c = NULL;
    for (GSList *l = item->analysis.extra_attrs; l; l = l->next) {
        const PangoAttribute *a = l->data;
        if (a->klass->type == PANGO_ATTR_FOREGROUND)
            c = &((const PangoAttrColor *)a)->color;
        else if (a->klass->type == PANGO_ATTR_FOREGROUND_ALPHA)
            alpha = ((const PangoAttrInt *)a)->value / 65535.0;
    }
    if (c)
        cairo_set_source_rgba(cr, c->red / 65535.0, c->green / 65535.0, c->blue / 65535.0, alpha);
}

void pdf_run_show_rewritten(cairo_t *cr, const char *text, const PangoGlyphItem *run, double x,
                            double y)
{
    const PangoItem *item = run->item;
    const char *src = text + item->offset;
    /* new offset of each byte of the run's text (and of its end) */
    int *map = malloc(((size_t)item->length + 1) * sizeof *map);
    char *clean = malloc((size_t)item->length + 1);
    if (!map || !clean)
        abort();
    int n = 0;
    PangoGlyphItemIter it;
    for (gboolean ok = pango_glyph_item_iter_init_start(&it, (PangoGlyphItem *)run, text); ok;
         ok = pango_glyph_item_iter_next_cluster(&it)) {
        int len = it.end_index - it.start_index;
        if (drawn_shy(text, &it)) {
            map[it.start_index - item->offset] = n;
            map[it.start_index - item->offset + 1] = n;
            clean[n++] = '-';
            continue;
        }
        bool drop = inner_shy(text + it.start_index, len);
        for (int i = it.start_index - item->offset; i < it.end_index - item->offset; i++) {
            map[i] = n;
            if (drop && !memcmp(src + i, SHY, SHY_LEN)) {
                map[++i] = n;
                continue;
            }
            clean[n++] = src[i];
        }
    }
    map[item->length] = n;
    clean[n] = '\0';

    PangoItem *copy = pango_item_copy((PangoItem *)item);
    copy->offset = 0;
    copy->length = n;
    copy->num_chars = (int)g_utf8_strlen(clean, n);
    PangoGlyphString *glyphs = pango_glyph_string_copy(run->glyphs);
    for (int g = 0; g < glyphs->num_glyphs; g++)
        glyphs->log_clusters[g] = map[glyphs->log_clusters[g]];
    PangoGlyphItem cleaned = {.item = copy, .glyphs = glyphs};

    cairo_save(cr);
    set_run_colour(cr, item);
    cairo_move_to(cr, x, y);
    pango_cairo_show_glyph_item(cr, clean, &cleaned);
    cairo_restore(cr);

    pango_glyph_string_free(glyphs);
    pango_item_free(copy);
    free(clean);
    free(map);
}
