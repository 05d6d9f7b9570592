#include "icons.h"

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "doc/icons.h"
#include "util/arena.h"

/* fonts/icons/, by ficon_style */
static const char *const font_files[FICON_STYLE_COUNT] = {
    "fa-solid-900.ttf", "fa-regular-400.ttf", "fa-brands-400.ttf"};

typedef struct icon_font {
    bool opened; /* tried */
    hb_font_t *hb; /* NULL: could not be read (warned) */
    cairo_font_face_t *face;
    double upem, ascent, descent; /* descent positive, in font units */
} icon_font;

/* A node's icons, one per size asked. */
typedef struct entry {
    picon icon;
    struct entry *next;
} entry;

struct pdf_icons {
    char *dir; /* fonts_dir/icons; NULL: none */
    icon_font fonts[FICON_STYLE_COUNT];
    arena *arena;
    GHashTable *cache; /* fnode* → entry* */
};

pdf_icons *pdf_icons_new(const char *fonts_dir)
{
    pdf_icons *ic = calloc(1, sizeof *ic);
    if (!ic)
        abort();
    ic->dir = fonts_dir ? g_build_filename(fonts_dir, "icons", NULL) : NULL;
    ic->arena = arena_new();
    ic->cache = g_hash_table_new(g_direct_hash, g_direct_equal);
    if (!ic->arena || !ic->cache)
        abort();
    return ic;
}

void pdf_icons_drop(pdf_icons *ic)
{
    if (!ic)
        return;
    for (int s = 0; s < FICON_STYLE_COUNT; s++) {
        if (ic->fonts[s].face)
            cairo_font_face_destroy(ic->fonts[s].face);
        if (ic->fonts[s].hb)
            hb_font_destroy(ic->fonts[s].hb);
    }
    g_hash_table_destroy(ic->cache);
    arena_drop(ic->arena);
    g_free(ic->dir);
    free(ic);
}

static const icon_font *open_font(pdf_icons *ic, ficon_style style, const char *file, fdiag *d)
{
    icon_font *f = &ic->fonts[style];
    if (f->opened)
        return f->hb ? f : NULL;
    f->opened = true;
    char *path = ic->dir ? g_build_filename(ic->dir, font_files[style], NULL) : NULL;
    hb_blob_t *blob = path ? hb_blob_create_from_file_or_fail(path) : NULL;
    hb_face_t *face = blob ? hb_face_create(blob, 0) : NULL;
    hb_blob_destroy(blob);
    if (face && hb_face_get_glyph_count(face) > 0) {
        FcPattern *p = FcPatternCreate();
        FcPatternAddString(p, FC_FILE, (const FcChar8 *)path);
        FcPatternAddInteger(p, FC_INDEX, 0);
        f->face = cairo_ft_font_face_create_for_pattern(p);
        FcPatternDestroy(p);
        if (cairo_font_face_status(f->face) == CAIRO_STATUS_SUCCESS) {
            f->hb = hb_font_create(face);
            f->upem = hb_face_get_upem(face);
            hb_font_extents_t e;
            hb_font_get_h_extents(f->hb, &e);
            f->ascent = e.ascender;
            f->descent = -e.descender;
        }
    }
    hb_face_destroy(face);
    if (!f->hb)
        fdiag_warn(d, path ? path : file, 0, 0,
                   "the Font Awesome font cannot be read: its icons are printed by their name");
    g_free(path);
    return f->hb ? f : NULL;
}

const picon *pdf_icon_get(pdf_icons *ic, const folio_doc *doc, const fnode *n, double size,
                          fdiag *d)
{
    double at = size * n->as.icon.size;
    entry *first = g_hash_table_lookup(ic->cache, n);
    for (entry *e = first; e; e = e->next)
        if (e->icon.size == at)
            return &e->icon;
    const icon_font *f = open_font(ic, n->as.icon.style, doc->path, d);
    hb_codepoint_t glyph;
    if (!f || !hb_font_get_nominal_glyph(f->hb, n->as.icon.code, &glyph))
        return NULL; /* a table newer than the font: its name is printed */
    entry *e = arena_alloc(ic->arena, sizeof *e);
    double em = at / f->upem;
    e->icon = (picon){.glyph = glyph, .size = at,
                      .width = hb_font_get_glyph_h_advance(f->hb, glyph) * em,
                      .ascent = f->ascent * em, .descent = f->descent * em,
                      .text = n->as.icon.name, .face = f->face};
    e->next = first;
    g_hash_table_insert(ic->cache, (gpointer)n, e);
    return &e->icon;
}

/* Copies of the attribute share the icon; the function also tells an
 * icon's attribute from another object's. */
static gpointer same_icon(gconstpointer data)
{
    return (gpointer)data;
}

PangoAttribute *pdf_icon_attr(const picon *i)
{
    PangoRectangle r = {0, (int)lround(-i->ascent * PANGO_SCALE), (int)lround(i->width * PANGO_SCALE),
                        (int)lround((i->ascent + i->descent) * PANGO_SCALE)};
    return pango_attr_shape_new_with_data(&r, &r, (gpointer)i, same_icon, NULL);
}

const picon *picon_of_attr(const PangoAttribute *shape)
{
    const PangoAttrShape *s = (const PangoAttrShape *)shape;
    return s->copy_func == same_icon ? s->data : NULL;
}

void pdf_icon_paint(cairo_t *cr, const picon *i, double x, double y)
{
    cairo_set_font_face(cr, i->face);
    cairo_set_font_size(cr, i->size);
    cairo_glyph_t g = {i->glyph, x, y};
    int len = (int)strlen(i->text);
    cairo_text_cluster_t cluster = {len, 1};
    cairo_show_text_glyphs(cr, i->text, len, &g, 1, &cluster, 1, 0);
}
