#include "formula.h"

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"

/* A node's formulas, one per size and style asked. */
typedef struct entry {
    const fnode *node;
    double size;
    bool display;
    const pmath *f; /* NULL: it could not be typeset (warned once) */
    struct entry *next;
} entry;

struct pdf_math {
    char *path;
    double text_x_height; /* the body font's x-height, in ems (0: unknown) */
    double scale;         /* math size / text size: the x-heights match */
    mfont *font;
    cairo_font_face_t *face;
    unsigned space;       /* the font's space glyph and its advance in ems: */
    double space_advance; /* invisible ends of a formula's text span */
    bool opened;    /* the font was tried */
    arena *arena;   /* formulas, items, texts */
    GHashTable *cache; /* fnode* → entry* */
};

/* The x-height of the text face, in ems, through its HarfBuzz font. */
static double x_height(PangoContext *pc, const char *family)
{
    PangoFontDescription *fd = pango_font_description_from_string(family ? family : "serif");
    pango_font_description_set_absolute_size(fd, 100 * PANGO_SCALE);
    PangoFont *font = pango_context_load_font(pc, fd);
    pango_font_description_free(fd);
    if (!font)
        return 0;
    hb_font_t *hb = pango_font_get_hb_font(font);
    hb_position_t xh = 0;
    int xs = 0, ys = 0;
    hb_font_get_scale(hb, &xs, &ys);
    double em = ys ? hb_ot_metrics_get_position(hb, HB_OT_METRICS_TAG_X_HEIGHT, &xh), (double)xh / ys : 0;
    g_object_unref(font);
    return em;
}

pdf_math *pdf_math_new(const char *fonts_dir, PangoContext *pc, const char *text_family)
{
    pdf_math *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->text_x_height = x_height(pc, text_family);
    m->scale = 1.0;
    m->path = fonts_dir ? g_build_filename(fonts_dir, MFONT_FILE, NULL) : NULL;
    m->arena = arena_new();
    m->cache = g_hash_table_new(g_direct_hash, g_direct_equal);
    if (!m->arena || !m->cache) {
        pdf_math_drop(m);
        return NULL;
    }
    return m;
}

void pdf_math_drop(pdf_math *m)
{
    if (!m)
        return;
    if (m->face)
        cairo_font_face_destroy(m->face);
    mfont_drop(m->font);
    if (m->cache)
        g_hash_table_destroy(m->cache);
    arena_drop(m->arena);
    g_free(m->path);
    free(m);
}

static bool open_font(pdf_math *m, const folio_doc *doc, fdiag *d)
{
    if (m->opened)
        return m->font != NULL;
    m->opened = true;
    const char *why = "no fonts folder";
    if (m->path)
        m->font = mfont_open(m->path, &why);
    if (m->font) {
        FcPattern *p = FcPatternCreate();
        FcPatternAddString(p, FC_FILE, (const FcChar8 *)m->path);
        FcPatternAddInteger(p, FC_INDEX, 0);
        m->face = cairo_ft_font_face_create_for_pattern(p);
        FcPatternDestroy(p);
        if (cairo_font_face_status(m->face) == CAIRO_STATUS_SUCCESS) {
            hb_codepoint_t sp = 0;
            hb_font_get_nominal_glyph(m->font->font, ' ', &sp);
            m->space = sp;
            m->space_advance = (double)hb_font_get_glyph_h_advance(m->font->font, sp) / m->font->upem;
            /* math at the text's x-height, as MathJax sets it among words */
            hb_position_t xh = 0;
            if (m->text_x_height > 0 &&
                hb_ot_metrics_get_position(m->font->font, HB_OT_METRICS_TAG_X_HEIGHT, &xh) && xh > 0)
                m->scale = m->text_x_height / ((double)xh / m->font->upem);
            return true;
        }
        why = "cairo cannot load the math font";
        mfont_drop(m->font);
        m->font = NULL;
    }
    fdiag_warn(d, m->path ? m->path : doc->path, 0, 0, "%s: formulas are shown as TeX", why);
    return false;
}

static const char *file_of(const folio_doc *doc, const fnode *n)
{
    return n->file > 0 && (size_t)n->file < doc->n_files ? doc->files[n->file] : doc->path;
}

static const pmath *lay_out(pdf_math *m, const folio_doc *doc, const fnode *n, double size,
                            bool display, fdiag *d)
{
    if (!n->as.math.tree || !open_font(m, doc, d))
        return NULL;
    mlayout l;
    math_error err;
    if (!math_layout(m->font, n->as.math.tree, display, size * m->scale, &l, &err)) {
        fdiag_warn(d, file_of(doc, n), n->line, 0, "formula %s%s%s cannot be typeset (%s); it is shown as TeX",
                   n->as.math.display ? "$$" : "$", n->as.math.literal,
                   n->as.math.display ? "$$" : "$", err.msg);
        mlayout_free(&l);
        return NULL;
    }
    pmath *f = arena_alloc(m->arena, sizeof *f);
    mitem *items = l.n ? arena_alloc(m->arena, l.n * sizeof *items) : NULL;
    char *text = math_linear(n->as.math.tree);
    if (!f || (l.n && !items) || !text)
        abort();
    if (l.n)
        memcpy(items, l.items, l.n * sizeof *items);
    *f = (pmath){items,  l.n, l.width,   l.ascent, l.descent, arena_strdup(m->arena, text),
                 m,      l.tag_from, l.tag_x};
    free(text);
    mlayout_free(&l);
    return f;
}

const pmath *pdf_math_get(pdf_math *m, const folio_doc *doc, const fnode *n, double size,
                          bool display, fdiag *d)
{
    entry *first = g_hash_table_lookup(m->cache, n);
    for (entry *e = first; e; e = e->next)
        if (e->size == size && e->display == display)
            return e->f;
    /* once a node failed, it is not tried (nor warned about) again */
    for (entry *e = first; e; e = e->next)
        if (!e->f)
            return NULL;
    entry *e = arena_alloc(m->arena, sizeof *e);
    *e = (entry){n, size, display, lay_out(m, doc, n, size, display, d), first};
    g_hash_table_insert(m->cache, (gpointer)n, e);
    return e->f;
}

const pmath *pdf_math_spread(const pmath *f, double width)
{
    if (f->tag_from >= f->n)
        return NULL;
    double tag_start = f->items[f->tag_from].x, tag_w = f->width - tag_start;
    double quad = (tag_start - f->tag_x) / 2; /* the tag follows two quads after */
    if (f->tag_x + quad + tag_w > width)
        return NULL;
    double body_x = fmin((width - f->tag_x) / 2, width - tag_w - quad - f->tag_x);
    pmath *s = arena_alloc(f->owner->arena, sizeof *s);
    mitem *items = arena_alloc(f->owner->arena, f->n * sizeof *items);
    if (!s || !items)
        abort();
    for (size_t i = 0; i < f->n; i++) {
        items[i] = f->items[i];
        items[i].x += i < f->tag_from ? body_x : width - f->width;
    }
    *s = *f;
    s->items = items, s->width = width, s->tag_from = f->n, s->tag_x = width;
    return s;
}

/* The glyphs of one size: cairo shows a run in one font size. */
static int glyphs_of_size(const pmath *f, double size, cairo_glyph_t *out)
{
    int k = 0;
    for (size_t i = 0; i < f->n; i++)
        if (f->items[i].kind == MI_GLYPH && f->items[i].size == size)
            out[k++] = (cairo_glyph_t){f->items[i].glyph, f->items[i].x, -f->items[i].y};
    return k;
}

void pdf_math_paint(cairo_t *cr, const pmath *f, double x, double y, double scale)
{
    if (!f->n)
        return;
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, scale, scale);
    for (size_t i = 0; i < f->n; i++)
        if (f->items[i].kind == MI_RULE)
            cairo_rectangle(cr, f->items[i].x, -f->items[i].y - f->items[i].h, f->items[i].w,
                            f->items[i].h);
    cairo_fill(cr);
    cairo_set_font_face(cr, f->owner->face);
    cairo_glyph_t *g = malloc((f->n + 2) * sizeof *g);
    double *sizes = malloc(f->n * sizeof *sizes);
    if (!g || !sizes)
        abort();
    /* the sizes used, the one of the glyph nearest the baseline first: the
     * formula's text goes with its glyphs, the others copy as nothing */
    int n_sizes = 0;
    size_t main = f->n;
    for (size_t i = 0; i < f->n; i++)
        if (f->items[i].kind == MI_GLYPH &&
            (main == f->n || fabs(f->items[i].y) < fabs(f->items[main].y)))
            main = i;
    if (main < f->n)
        sizes[n_sizes++] = f->items[main].size;
    for (size_t i = 0; i < f->n; i++) {
        if (f->items[i].kind != MI_GLYPH)
            continue;
        bool seen = false;
        for (int k = 0; k < n_sizes && !seen; k++)
            seen = sizes[k] == f->items[i].size;
        if (!seen)
            sizes[n_sizes++] = f->items[i].size;
    }
    for (int k = 0; k < n_sizes; k++) {
        int n = glyphs_of_size(f, sizes[k], g + (k == 0));
        if (k == 0) {
            /* invisible spaces at both ends: the text spans the whole
             * formula, so text extraction keeps it among its words */
            g[0] = (cairo_glyph_t){f->owner->space, 0, 0};
            g[n + 1] = (cairo_glyph_t){f->owner->space, f->width - f->owner->space_advance * sizes[k], 0};
            n += 2;
        }
        cairo_set_font_size(cr, sizes[k]);
        const char *text = k == 0 ? f->text : "";
        cairo_text_cluster_t cluster = {(int)strlen(text), n};
        cairo_show_text_glyphs(cr, text, (int)strlen(text), g, n, &cluster, 1, 0);
    }
    free(sizes);
    free(g);
    cairo_restore(cr);
}

PangoAttribute *pdf_math_attr(const pmath *f)
{
    PangoRectangle r = {0, (int)lround(-f->ascent * PANGO_SCALE), (int)lround(f->width * PANGO_SCALE),
                        (int)lround((f->ascent + f->descent) * PANGO_SCALE)};
    return pango_attr_shape_new_with_data(&r, &r, (gpointer)f, NULL, NULL);
}
