#include "emoji.h"

#include "run_text.h"

#include <stdint.h>
#include <stdlib.h>

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <pango/pangofc-font.h>

/* The glyph that carries an emoji's text, from a non-colour bundled face
 * (cairo 1.16 drops the text of colour fonts): TWO-EM DASH, rare in real
 * text, stretched to the emoji's width; the emoji's characters go into an
 * /ActualText span around it. cairo drops text without ink and text in a
 * clear colour, so the glyph is drawn under the emoji image at the lowest
 * alpha cairo keeps (1/255): invisible, yet in the text layer. */
#define TEXT_FACE "Noto Sans"
#define TEXT_CHAR 0x2E3A
#define TEXT_ALPHA (1.0 / 255)

/* One emoji glyph at the font's largest strike. */
typedef struct emoji_image {
    cairo_surface_t *surface; /* NULL: the glyph has no bitmap (a space) */
    double left, top;         /* bearings, in strike pixels */
    double ppem;              /* the strike's pixels per em */
    int used_on_page;         /* times painted on this page */
    /* copies[k] is painted the (k+2)th time on a page (see surface_to_paint) */
    cairo_surface_t **copies;
    int n_copies;
} emoji_image;

struct pdf_emoji {
    FT_Library ft;
    GHashTable *faces;  /* "file#index" → FT_Face */
    GHashTable *images; /* "face#glyph" → emoji_image */
    cairo_font_face_t *text_face; /* TEXT_FACE, from the emoji font's map */
    unsigned long text_glyph;
    cairo_surface_t *primed; /* the last target the carrier was primed on */
};

static void free_face(gpointer face)
{
    FT_Done_Face(face);
}

static void free_image(gpointer p)
{
    emoji_image *img = p;
    if (img->surface)
        cairo_surface_destroy(img->surface);
    for (int k = 0; k < img->n_copies; k++)
        cairo_surface_destroy(img->copies[k]);
    free(img->copies);
    free(img);
}

pdf_emoji *pdf_emoji_new(void)
{
    pdf_emoji *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    if (FT_Init_FreeType(&e->ft) != 0) {
        free(e);
        return NULL;
    }
    e->faces = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_face);
    e->images = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_image);
    return e;
}

void pdf_emoji_drop(pdf_emoji *e)
{
    if (!e)
        return;
    g_hash_table_destroy(e->images);
    g_hash_table_destroy(e->faces);
    if (e->text_face)
        cairo_font_face_destroy(e->text_face);
    FT_Done_FreeType(e->ft);
    free(e);
}

void pdf_emoji_end_page(pdf_emoji *e)
{
    GHashTableIter it;
    gpointer img;
    g_hash_table_iter_init(&it, e->images);
    while (g_hash_table_iter_next(&it, NULL, &img))
        ((emoji_image *)img)->used_on_page = 0;
}

bool pdf_emoji_font(PangoFont *font)
{
    if (!font || !PANGO_IS_FC_FONT(font))
        return false;
    FcBool color = FcFalse;
    FcPattern *pattern = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
    return FcPatternGetBool(pattern, FC_COLOR, 0, &color) == FcResultMatch && color;
}

/* Our own FreeType face for the font's file, at its largest strike (cairo's
 * face must keep the size cairo set). */
static FT_Face face_for(pdf_emoji *e, PangoFont *font)
{
    FcPattern *pattern = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
    FcChar8 *file;
    int index = 0;
    if (FcPatternGetString(pattern, FC_FILE, 0, &file) != FcResultMatch)
        return NULL;
    FcPatternGetInteger(pattern, FC_INDEX, 0, &index);
    char *key = g_strdup_printf("%s#%d", (const char *)file, index);
    FT_Face face = g_hash_table_lookup(e->faces, key);
    if (face) {
        g_free(key);
        return face;
    }
    if (FT_New_Face(e->ft, (const char *)file, index, &face) != 0) {
        g_free(key);
        return NULL;
    }
    int best = -1;
    for (int i = 0; i < face->num_fixed_sizes; i++)
        if (best < 0 || face->available_sizes[i].y_ppem > face->available_sizes[best].y_ppem)
            best = i;
    if (best < 0 || FT_Select_Size(face, best) != 0) {
        FT_Done_Face(face);
        g_free(key);
        return NULL;
    }
    g_hash_table_insert(e->faces, key, face);
    return face;
}

/* FreeType's BGRA bitmaps are premultiplied like cairo's ARGB32, but byte
 * ordered: rebuild each pixel as a native 32-bit word. */
static cairo_surface_t *surface_from_bgra(const FT_Bitmap *bm)
{
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)bm->width, (int)bm->rows);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return NULL;
    }
    cairo_surface_flush(s);
    unsigned char *dst = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (unsigned y = 0; y < bm->rows; y++) {
        const unsigned char *src = bm->buffer + (ptrdiff_t)y * bm->pitch;
        uint32_t *row = (uint32_t *)(dst + (ptrdiff_t)y * stride);
        for (unsigned x = 0; x < bm->width; x++, src += 4)
            row[x] = (uint32_t)src[3] << 24 | (uint32_t)src[2] << 16 | (uint32_t)src[1] << 8 | src[0];
    }
    cairo_surface_mark_dirty(s);
    return s;
}

static emoji_image *image_for(pdf_emoji *e, PangoFont *font, PangoGlyph glyph)
{
    FT_Face face = face_for(e, font);
    if (!face)
        return NULL;
    char *key = g_strdup_printf("%p#%u", (void *)face, glyph);
    emoji_image *img = g_hash_table_lookup(e->images, key);
    if (img) {
        g_free(key);
        return img;
    }
    img = calloc(1, sizeof *img);
    if (!img) {
        g_free(key);
        return NULL;
    }
    img->ppem = face->size->metrics.y_ppem;
    if (FT_Load_Glyph(face, glyph, FT_LOAD_COLOR) == 0 &&
        face->glyph->bitmap.pixel_mode == FT_PIXEL_MODE_BGRA && face->glyph->bitmap.width > 0) {
        img->surface = surface_from_bgra(&face->glyph->bitmap);
        img->left = face->glyph->bitmap_left;
        img->top = face->glyph->bitmap_top;
    }
    g_hash_table_insert(e->images, key, img);
    return img;
}

/* The surface to paint for img: cairo 1.16 writes a page's resource twice
 * when one surface is painted twice on a page, so the nth use on a page
 * paints the nth of img's surfaces (the shared one, then copies made as a
 * page first needs them). Every page reuses them: a document holds as many
 * images of an emoji as one page uses, not one a use. The caller destroys
 * the surface. */
static cairo_surface_t *surface_to_paint(emoji_image *img)
{
    int k = img->used_on_page++;
    if (k == 0)
        return cairo_surface_reference(img->surface);
    if (k - 1 < img->n_copies)
        return cairo_surface_reference(img->copies[k - 1]);
    cairo_surface_t **grown = realloc(img->copies, (size_t)k * sizeof *grown);
    if (!grown)
        abort();
    img->copies = grown;
    cairo_surface_t *copy = cairo_image_surface_create(
        CAIRO_FORMAT_ARGB32, cairo_image_surface_get_width(img->surface),
        cairo_image_surface_get_height(img->surface));
    cairo_t *cr = cairo_create(copy);
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    cairo_set_source_surface(cr, img->surface, 0, 0);
    cairo_paint(cr);
    cairo_destroy(cr);
    img->copies[img->n_copies++] = copy;
    return cairo_surface_reference(copy);
}

/* The non-colour face and glyph that carry the text, loaded once from the
 * same font map as the emoji font. */
static bool text_font_ready(pdf_emoji *e, PangoFont *emoji_font)
{
    if (e->text_face)
        return true;
    PangoFontMap *map = pango_font_get_font_map(emoji_font);
    if (!map)
        return false;
    PangoContext *ctx = pango_font_map_create_context(map);
    PangoFontDescription *desc = pango_font_description_from_string(TEXT_FACE " 10");
    PangoFont *font = pango_font_map_load_font(map, ctx, desc);
    pango_font_description_free(desc);
    g_object_unref(ctx);
    if (!font || pdf_emoji_font(font) || !PANGO_IS_CAIRO_FONT(font)) {
        if (font)
            g_object_unref(font);
        return false;
    }
    hb_codepoint_t glyph;
    cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font));
    if (sf && hb_font_get_nominal_glyph(pango_font_get_hb_font(font), TEXT_CHAR, &glyph)) {
        e->text_face = cairo_font_face_reference(cairo_scaled_font_get_font_face(sf));
        e->text_glyph = glyph;
    }
    g_object_unref(font);
    return e->text_face != NULL;
}

/* The em size of font in cr's user space. */
static double em_size(PangoFont *font)
{
    cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font));
    cairo_matrix_t m = {0};
    if (sf)
        cairo_scaled_font_get_font_matrix(sf, &m);
    return m.yy;
}

static bool all_space(const char *s, int len)
{
    for (const char *p = s; p < s + len; p = g_utf8_next_char(p))
        if (!g_unichar_isspace(g_utf8_get_char(p)))
            return false;
    return true;
}

/* Writes the run's characters, one cluster (an emoji, a flag, a ZWJ
 * sequence) at a time, each as the carrier glyph stretched to the cluster's
 * width so text extractors see it where the image is. Spaces are left to
 * the gaps, like cairo does for ordinary text. */
static void show_text(pdf_emoji *e, cairo_t *cr, const char *text, PangoGlyphItem *run, double x,
                      double y, double em)
{
    if (!text_font_ready(e, run->item->analysis.font))
        return;
    cairo_save(cr);
    cairo_set_font_face(cr, e->text_face);
    cairo_set_font_size(cr, em);
    cairo_glyph_t glyph = {e->text_glyph, 0, 0};
    cairo_text_extents_t ext;
    cairo_glyph_extents(cr, &glyph, 1, &ext);
    cairo_set_source_rgba(cr, 0, 0, 0, TEXT_ALPHA);
    const PangoGlyphInfo *gi = run->glyphs->glyphs;
    double left = 0; /* the run's glyphs are in visual order */
    int walked = 0;
    PangoGlyphItemIter it;
    for (gboolean ok = pango_glyph_item_iter_init_start(&it, run, text); ok;
         ok = pango_glyph_item_iter_next_cluster(&it)) {
        int first = it.start_glyph < it.end_glyph ? it.start_glyph : it.end_glyph + 1;
        int last = it.start_glyph < it.end_glyph ? it.end_glyph : it.start_glyph + 1;
        for (; walked < first; walked++)
            left += gi[walked].geometry.width / (double)PANGO_SCALE;
        double width = 0;
        for (int i = first; i < last; i++)
            width += gi[i].geometry.width / (double)PANGO_SCALE;
        const char *utf8 = text + it.start_index;
        int len = it.end_index - it.start_index;
        if (width <= 0 || ext.x_advance <= 0 || all_space(utf8, len))
            continue;
        cairo_matrix_t m;
        cairo_matrix_init_scale(&m, em * width / ext.x_advance, em);
        cairo_set_font_matrix(cr, &m);
        glyph.x = x + left;
        glyph.y = y;
        if (e->primed != cairo_get_target(cr)) {
            /* The carrier's first use on a surface fixes its ToUnicode
             * entry: give it no text, so that every emoji goes through an
             * /ActualText span (a ToUnicode-mapped emoji would be the only
             * one so mapped, and pdftotext sets it apart differently). */
            cairo_text_cluster_t none = {0, 1};
            cairo_show_text_glyphs(cr, "", 0, &glyph, 1, &none, 1, 0);
            e->primed = cairo_get_target(cr);
        }
        cairo_text_cluster_t cluster = {len, 1};
        cairo_show_text_glyphs(cr, utf8, len, &glyph, 1, &cluster, 1, 0);
    }
    cairo_restore(cr);
}

void pdf_emoji_show_run(pdf_emoji *e, cairo_t *cr, const char *text, PangoGlyphItem *run,
                        double x, double y)
{
    PangoFont *font = run->item->analysis.font;
    double em = em_size(font);
    if (em <= 0)
        return;
    show_text(e, cr, text, run, x, y, em);
    double gx = x;
    for (int i = 0; i < run->glyphs->num_glyphs; i++) {
        const PangoGlyphInfo *gi = &run->glyphs->glyphs[i];
        emoji_image *img =
            gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG ? NULL : image_for(e, font, gi->glyph);
        if (img && img->surface) {
            double scale = em / img->ppem;
            cairo_surface_t *surface = surface_to_paint(img);
            cairo_save(cr);
            cairo_translate(cr, gx + gi->geometry.x_offset / (double)PANGO_SCALE + img->left * scale,
                            y + gi->geometry.y_offset / (double)PANGO_SCALE - img->top * scale);
            cairo_scale(cr, scale, scale);
            cairo_set_source_surface(cr, surface, 0, 0);
            cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
            cairo_paint(cr);
            cairo_restore(cr);
            cairo_surface_destroy(surface);
        }
        gx += gi->geometry.width / (double)PANGO_SCALE;
    }
}

/* Runs that pango_cairo_show_layout_line must not paint: colour emoji,
 * and runs whose text layer is rewritten (run_text.h). */
static bool painted_apart(const char *text, const PangoGlyphItem *run)
{
    return pdf_emoji_font(run->item->analysis.font) || pdf_run_text_rewritten(text, run);
}

void pdf_emoji_show_line(pdf_emoji *e, cairo_t *cr, PangoLayoutLine *line, double x, double y)
{
    const char *text = pango_layout_get_text(line->layout);
    bool apart = false;
    for (GSList *l = line->runs; l && !apart; l = l->next)
        apart = painted_apart(text, l->data);
    cairo_move_to(cr, x, y);
    if (!apart) {
        pango_cairo_show_layout_line(cr, line);
        return;
    }
    /* One run at a time, in order, so that the content stream (what text
     * extraction reads) keeps the line's order: Pango's renderer paints
     * each run alone (backgrounds, strikethrough…), with the glyphs of a
     * run painted apart blanked (PANGO_GLYPH_EMPTY draws nothing) for the
     * time of the call; those glyphs are painted here right after. */
    GSList *runs = line->runs;
    GArray *saved = g_array_new(FALSE, FALSE, sizeof(PangoGlyph));
    double run_x = x;
    for (GSList *l = runs; l; l = l->next) {
        PangoGlyphItem *run = l->data;
        bool emoji = pdf_emoji_font(run->item->analysis.font);
        bool own = emoji || pdf_run_text_rewritten(text, run);
        g_array_set_size(saved, 0);
        for (int i = 0; own && i < run->glyphs->num_glyphs; i++) {
            g_array_append_val(saved, run->glyphs->glyphs[i].glyph);
            run->glyphs->glyphs[i].glyph = PANGO_GLYPH_EMPTY;
        }
        GSList *next = l->next;
        l->next = NULL;
        line->runs = l;
        cairo_move_to(cr, run_x, y);
        pango_cairo_show_layout_line(cr, line);
        l->next = next;
        line->runs = runs;
        if (own) {
            for (int i = 0; i < run->glyphs->num_glyphs; i++)
                run->glyphs->glyphs[i].glyph = g_array_index(saved, PangoGlyph, i);
            /* y_offset: the run's baseline shift (rise, superscripts). */
            double run_y = y - run->y_offset / (double)PANGO_SCALE;
            if (emoji)
                pdf_emoji_show_run(e, cr, text, run, run_x, run_y);
            else
                pdf_run_show_rewritten(cr, text, run, run_x, run_y);
        }
        run_x += pango_glyph_string_get_width(run->glyphs) / (double)PANGO_SCALE;
    }
    g_array_free(saved, TRUE);
}
