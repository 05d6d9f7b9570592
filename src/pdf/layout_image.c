/* Images as blocks: never split, scaled to the text width (or to width=),
 * never taller than the page; a framed placeholder with the alt text and
 * the source when the image cannot be had. An image that does not fit under
 * the text is made a little smaller when it keeps 70% of its size; else it
 * floats to the top of the next page while the text after it fills this one
 * (never past a heading or another figure). Only the header and the file's
 * structure are read here: the pixels are decoded when the first page that
 * shows the image is painted, at the style's images.ppi of the largest
 * printed size, and freed after the last one (paint.c, images.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "book/alt.h"
#include "doc/tree.h"
#include "engine.h"

#define PX_TO_PT 0.75 /* CSS pixels are 1/96 in */

/* An image among the words of a paragraph is drawn in the line (as HTML
 * and LaTeX do) when it is at most this many body lines high: an icon, a
 * badge, a glyph. A taller one is laid out apart, as the paragraph's
 * figure: a line opened that wide apart reads badly and wastes the page.
 * (In a table cell, a heading or a caption it always stays in the line.) */
#define INLINE_IMAGE_LINES 2

void lctx_caption_text(lctx *lc, ptext *t, const fnode *caption, double w)
{
    const folio_style *st = lc->st;
    ptext_inlines(lc, t, caption->first, NULL, PF_BODY, st->size_small, false, true,
                  st->color_muted, w, TALIGN_CENTER);
    t->tag = PT_CAPTION;
}

/* What the figure says to a reader who cannot see it (its /Alt); when it
 * has neither alt text nor caption (the run warned, book/alt.h), its file
 * name, or "Image" for one written inline (a data: URL). */
static const char *figure_alt(lctx *lc, const fimage *img, const fnode *caption)
{
    const char *alt = book_image_alt(lc->pl->arena, img, caption);
    if (alt)
        return alt;
    if (strncmp(img->src, "data:", 5) == 0)
        return book_word(lc->lang, W_IMAGE);
    const char *base = strrchr(img->src, '/');
    return base ? base + 1 : img->src;
}

/* text with its line separators (U+2028) as spaces */
static const char *one_line(arena *a, const char *text)
{
    char *s = arena_strdup(a, text);
    for (char *p = s; (p = strstr(p, "\xe2\x80\xa8"));) {
        *p = ' ';
        memmove(p + 1, p + 3, strlen(p + 3) + 1);
    }
    return s;
}

static void placeholder(lctx *lc, const fimage *img, const fnode *at, const char *file, int line,
                        const char *why, ptext *cap)
{
    const folio_style *st = lc->st;
    fdiag_warn(lc->d, file, line, 0, "image '%s': %s; a placeholder is used", img->src, why);
    double pad = st->size_body * 0.6;
    ptext t = {0};
    /* the alt text, unless the caption below already says it */
    const char *label = img->alt[0] && !cap->para
                            ? arena_printf(lc->pl->arena, "[%s] %s\xe2\x80\xa8%s",
                                           book_word(lc->lang, W_IMAGE_MISSING), img->alt, img->src)
                            : arena_printf(lc->pl->arena, "[%s]\xe2\x80\xa8%s",
                                           book_word(lc->lang, W_IMAGE_MISSING), img->src);
    ptext_plain(lc, &t, label, PF_BODY, st->size_small, false, true, st->color_muted,
                lc->w - 2 * pad, TALIGN_LEFT);
    t.tag = PT_FIGURE;
    double h = ptext_height(&t) + 2 * pad;
    double cap_h = cap->para ? lctx_height_with_notes(lc, cap) + pad : 0;
    lctx_ensure(lc, h + cap_h);
    if (at)
        lctx_anchor_dests(lc, at);
    if (lc->marker.pending)
        lctx_place_marker(lc, lc->y + pad + st->size_small);
    /* the frame and its words are the figure; they describe themselves */
    int fig = lctx_text_elem(lc, &t);
    if (fig > 0)
        pstruct_more_set(&lc->pl->structure, fig)->alt = one_line(lc->pl->arena, label);
    lctx_add(lc, &(pbox){.kind = PB_FRAME, .x = lc->x, .y = lc->y, .w = lc->w, .h = h,
                         .color = st->color_rule, .text = img->src, .elem = lctx_leaf(lc, fig)});
    lctx_emit_lines(lc, &t, 0, ptext_n_lines(&t), lc->x + pad, lc->y + pad);
    lc->y += h;
    ptext_free(&t);
}

/* Whether moving the headings kept with what follows (and the image)
 * to the next page would leave a quarter of this one blank: then the image
 * floats instead, and the headings keep the text after it. */
static bool keep_leaves_gap(const lctx *lc)
{
    return lc->keep.page == lc->page_index &&
           lc->bottom - lc->notes_h - lc->keep.y0 > 0.25 * (lc->bottom - lc->top);
}

/* Whether a figure that does not fit may wait for the next page: at the
 * top level (not in a list, a quote or a callout), not the first thing of
 * the page, not right after a heading (which goes with it) unless
 * moving that heading would leave a gap, not a banner. */
static bool may_float(const lctx *lc, double max_h)
{
    return lc->n_frames == 0 && lc->list_depth == 0 && !lc->marker.pending &&
           (!lc->keep.active || keep_leaves_gap(lc)) && lc->y > lc->top + 0.01 &&
           max_h >= (lc->bottom - lc->top) * 0.85 - 0.01;
}

void lctx_place_float(lctx *lc)
{
    pfloat *f = &lc->fl;
    if (!f->pending)
        return;
    f->pending = false;
    f->image.y = lc->y;
    if (f->at)
        lctx_anchor_dests(lc, f->at);
    lctx_add(lc, &f->image);
    lc->y += f->image.h;
    if (f->caption.para) {
        lc->y += f->gap;
        lc->y += lctx_emit_lines(lc, &f->caption, 0, ptext_n_lines(&f->caption), lc->x, lc->y);
        ptext_free(&f->caption);
    }
    lc->space_before = fmax(lc->space_before, lc->st->paragraph_spacing);
}

void lctx_flush_float(lctx *lc)
{
    if (lc->fl.pending)
        lctx_new_page(lc);
}

/* An image used again, under any name or in another issue of a
 * compilation, is painted from the same surface (decoded once): the run's
 * resources give equal files one fimg_bytes. */
static pimage *find_image(const playout *pl, const fimg_bytes *bytes)
{
    for (pimage *im = pl->images; im; im = im->next)
        if (im->bytes == bytes)
            return im;
    return NULL;
}

/* The layout's image of bytes, printed w × h points somewhere: its pixels
 * are those the largest printed size needs at the style's resolution. */
static pimage *image_printed(lctx *lc, const fimg_bytes *bytes, const fimage *img,
                             const char *file, int line, double w, double h)
{
    pimage *pi = find_image(lc->pl, bytes);
    if (!pi) {
        pi = arena_alloc(lc->pl->arena, sizeof *pi);
        *pi = (pimage){.bytes = bytes, .src = img->src, .file = file, .line = line,
                       .next = lc->pl->images};
        lc->pl->images = pi;
    }
    int px_w = (int)ceil(w / 72 * lc->st->image_ppi), px_h = (int)ceil(h / 72 * lc->st->image_ppi);
    pi->px_w = px_w > pi->px_w ? px_w : pi->px_w;
    pi->px_h = px_h > pi->px_h ? px_h : pi->px_h;
    return pi;
}

/* Printed size in points from the intrinsic size and width= (a
 * percentage of measure), at most measure wide and max_h high. */
static void printed_size(const fimage *img, int px_w, int px_h, double measure, double max_h,
                         double *w, double *h)
{
    if (img->width.unit == FLEN_PERCENT)
        *w = measure * img->width.value / 100;
    else if (img->width.unit == FLEN_PX)
        *w = img->width.value * PX_TO_PT;
    else if (img->height.unit == FLEN_PX && px_h > 0)
        *w = img->height.value * PX_TO_PT * px_w / px_h;
    else
        *w = px_w * PX_TO_PT;
    *w = fmin(*w, measure);
    *h = *w * px_h / px_w;
    if (*h > max_h) {
        *w *= max_h / *h;
        *h = max_h;
    }
}

double layout_image_height(lctx *lc, const fimage *img, const fnode *caption, double w)
{
    const folio_style *st = lc->st;
    double saved = lc->w, h;
    lc->w = w;
    const char *why;
    fimg_bytes *bytes = img->src && img->src[0]
                            ? book_image(lc->pl->resources, (size_t)lc->doc_index, img->src, &why)
                            : NULL;
    if (bytes && bytes->width > 0 && bytes->height > 0) {
        double pw;
        printed_size(img, bytes->width, bytes->height, lc->w, (lc->bottom - lc->top) * 0.85, &pw,
                     &h);
    } else { /* a placeholder: two lines in a frame */
        h = 2 * st->size_small * st->line_height * 1.36 + 2 * st->size_body * 0.6;
    }
    if (caption && caption->first) {
        ptext cap = {0};
        lc->measuring = true;
        lctx_caption_text(lc, &cap, caption, w);
        lc->measuring = false;
        h += st->size_small * 0.5 + ptext_height(&cap);
        ptext_free(&cap);
    }
    lc->w = saved;
    return h;
}

void layout_image(lctx *lc, const fimage *img, const fnode *at, const fnode *caption,
                  double max_h)
{
    /* where the author wrote it (an include is its own file) */
    const char *file = at ? lc->doc->files[at->file] : lc->doc->path;
    int line = at ? at->line : 0;
    if (max_h <= 0)
        max_h = (lc->bottom - lc->top) * 0.85; /* room for a caption */
    const folio_style *st = lc->st;
    double gap = st->size_small * 0.5;
    ptext cap = {0};
    if (caption && caption->first)
        lctx_caption_text(lc, &cap, caption, lc->w);
    lctx_block_start(lc);

    const char *why = NULL;
    if (!img->src || !img->src[0]) {
        placeholder(lc, img, at, file, line, "no source", &cap);
        goto caption;
    }
    /* found and read once per run, whichever backend asks (book/resources.h) */
    fimg_bytes *bytes = book_image(lc->pl->resources, (size_t)lc->doc_index, img->src, &why);
    if (!bytes) {
        placeholder(lc, img, at, file, line, why, &cap);
        goto caption;
    }
    if (bytes->width <= 0 || bytes->height <= 0) {
        placeholder(lc, img, at, file, line, "unknown size", &cap);
        goto caption;
    }
    double w, h;
    printed_size(img, bytes->width, bytes->height, lc->w, max_h, &w, &h);
    /* figures stay in their order: one waiting goes first */
    lctx_flush_float(lc);
    /* a little smaller rather than a half-empty page */
    double cap_h = cap.para ? gap + lctx_height_with_notes(lc, &cap) : 0;
    double room = lctx_room(lc) - cap_h;
    bool floats = false;
    if (h > room && room >= 0.7 * h) {
        w *= room / h;
        h = room;
    } else if (h > room) {
        floats = may_float(lc, max_h);
    }
    if (bytes->format != FIMG_SVG && !fimg_whole(bytes, &why)) {
        placeholder(lc, img, at, file, line, why, &cap);
        goto caption;
    }
    pimage *pi = image_printed(lc, bytes, img, file, line, w, h);
    double x = lc->x + (lc->w - w) / 2;
    if (img->align == FALIGN_LEFT)
        x = lc->x;
    else if (img->align == FALIGN_RIGHT)
        x = lc->x + lc->w - w;
    pbox box = {.kind = PB_IMAGE, .x = x, .w = w, .h = h, .image = pi, .tag = PT_FIGURE,
                .text = figure_alt(lc, img, caption)};
    if (floats) {
        lc->fl = (pfloat){.pending = true, .image = box, .caption = cap, .gap = gap, .at = at};
        lctx_block_end(lc, st->paragraph_spacing);
        return;
    }
    lctx_ensure(lc, h + cap_h);
    if (lc->marker.pending)
        lctx_place_marker(lc, lc->y + st->size_body);
    box.y = lc->y;
    if (at)
        lctx_anchor_dests(lc, at);
    lctx_add(lc, &box);
    lc->y += h;

caption:
    if (cap.para) {
        lc->y += gap;
        lctx_place_text(lc, &cap, 1);
        ptext_free(&cap);
    }
    lctx_block_end(lc, st->paragraph_spacing);
}

/* The printed size of img among words, at most max_w wide (width=% is of
 * it) and max_h high; false (with why) when it cannot be had. */
static bool inline_size(lctx *lc, const fimage *img, double max_w, double max_h,
                        const fimg_bytes **bytes, double *w, double *h, const char **why)
{
    *why = "no source";
    fimg_bytes *b = img->src && img->src[0]
                        ? book_image(lc->pl->resources, (size_t)lc->doc_index, img->src, why)
                        : NULL;
    if (b && (b->width <= 0 || b->height <= 0)) {
        *why = "unknown size";
        b = NULL;
    }
    if (!b)
        return false;
    printed_size(img, b->width, b->height, max_w, max_h, w, h);
    *bytes = b;
    return true;
}

bool lctx_image_among_words(lctx *lc, const fimage *img)
{
    const fimg_bytes *bytes;
    double w, h;
    const char *why;
    return !inline_size(lc, img, lc->w, lc->bottom - lc->top, &bytes, &w, &h, &why) ||
           h <= INLINE_IMAGE_LINES * lctx_body_line(lc);
}

const pinline *lctx_inline_image(lctx *lc, const fnode *n, double max_w)
{
    const fimage *img = n->as.image;
    const char *file = lc->doc->files[n->file];
    const fimg_bytes *bytes;
    double w, h;
    const char *why;
    bool ok = inline_size(lc, img, max_w, (lc->bottom - lc->top) * 0.85, &bytes, &w, &h, &why);
    if (ok && bytes->format != FIMG_SVG && !fimg_whole(bytes, &why))
        ok = false;
    if (!ok) { /* said once, however often its text is shaped */
        if (g_hash_table_add(lc->warned_images, (gpointer)n))
            fdiag_warn(lc->d, file, n->line, 0, "image '%s': %s; a placeholder is used",
                       img->src ? img->src : "", why);
        return NULL;
    }
    pinline *o = arena_alloc(lc->pl->arena, sizeof *o);
    *o = (pinline){.image = image_printed(lc, bytes, img, file, n->line, w, h), .w = w, .h = h,
                   .alt = figure_alt(lc, img, NULL)};
    return o;
}

/* Copies of the attribute (Pango copies the runs' attributes) share the
 * object; this function also tells an image's attribute from a formula's. */
static gpointer same_object(gconstpointer data)
{
    return (gpointer)data;
}

PangoAttribute *lctx_inline_attr(const pinline *o)
{
    /* on the baseline, as HTML sets an image among words */
    PangoRectangle r = {0, (int)lround(-o->h * PANGO_SCALE), (int)lround(o->w * PANGO_SCALE),
                        (int)lround(o->h * PANGO_SCALE)};
    return pango_attr_shape_new_with_data(&r, &r, (gpointer)o, same_object, NULL);
}

const pinline *pinline_of_run(const trun *r)
{
    for (GSList *l = r->glyphs->item->analysis.extra_attrs; l; l = l->next) {
        const PangoAttribute *a = l->data;
        if (a->klass->type == PANGO_ATTR_SHAPE && ((const PangoAttrShape *)a)->copy_func == same_object)
            return ((const PangoAttrShape *)a)->data;
    }
    return NULL;
}
