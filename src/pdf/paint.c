/* The paint pass: every page of the layout drawn with cairo into a PDF in
 * memory, inside structure tags (cairo 1.16 writes a damaged file for links
 * without any), with links, named destinations, colour emoji, the running
 * header and footer, the TOC page numbers, the metadata and the outline. */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <math.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "doc/date.h"
#include "text/fonts.h"
#include "qr.h"
#include "emoji.h"
#include "images.h"
#include "engine.h"
#include "archive.h"
#include "chunks.h"
#include "formula.h"
#include "icons.h"
#include "run_text.h"
#include "meta.h"
#include "util/buf.h"
#include "util/scratch.h"

typedef struct painter {
    cairo_t *cr;
    const playout *pl;
    const folio_style *st;
    pdf_images *images; /* decoded ahead of the painter */
    fdiag *d;
    pdf_emoji *emoji;
    size_t page;          /* the page being painted */
    pmarks marks;         /* every piece painted, in order (tagging.h) */
    const char *open_tag; /* the cairo tag of the piece being painted */
    /* the running head and foot last laid out, kept while their text and
     * width stay (a head is mostly the same title page after page) */
    struct running {
        PangoLayout *layout;
        char *text;
        int width;
    } running[2];
} painter;

/* Opens the cairo tag of a painted piece and records what it is: the leaf
 * elem of the structure tree, else an artifact of that kind. */
static void mark_begin(painter *p, int elem, partifact kind, double x, double y, double w,
                       double h)
{
    const pstruct *s = &p->pl->structure;
    pmark m = {.page = (unsigned)p->page, .elem = elem, .artifact = (unsigned char)kind};
    m.kind = elem > 0 ? PM_CONTENT : PM_ARTIFACT;
    pstype parent = elem > 0 ? s->e[s->e[elem].parent].type : PS_CONTENT;
    p->open_tag = elem > 0 ? pstype_mark_name(parent) : PMARK_ARTIFACT_TAG;
    /* the place of a figure's pieces makes its /BBox */
    pmarks_add(&p->marks, m, parent == PS_FIGURE ? &(pmark_rect){x, y, w, h} : NULL);
    pdf_struct_begin(p->cr, p->open_tag);
}

static void mark_box(painter *p, const pbox *b, partifact kind)
{
    mark_begin(p, b->elem, kind, b->x, b->y, b->w, b->h);
}

static void mark_end(painter *p)
{
    pdf_struct_end(p->cr, p->open_tag);
}

/* cairo's file, written through a buffer of folio's: cairo hands over
 * each token (83,000 calls for 13 pages of text), and stdio's fwrite took
 * 145 instructions a call, most of them its lock. */
typedef struct scratch_out {
    int fd;
    size_t n;
    unsigned char buf[1 << 16];
} scratch_out;

static bool scratch_flush(scratch_out *w)
{
    bool ok = fd_write_all(w->fd, w->buf, w->n);
    w->n = 0;
    return ok;
}

static cairo_status_t write_file(void *closure, const unsigned char *data, unsigned int len)
{
    scratch_out *w = closure;
    if (len > sizeof w->buf - w->n) {
        if (!scratch_flush(w))
            return CAIRO_STATUS_WRITE_ERROR;
        if (len > sizeof w->buf)
            return fd_write_all(w->fd, data, len) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
    }
    memcpy(w->buf + w->n, data, len);
    w->n += len;
    return CAIRO_STATUS_SUCCESS;
}

static void set_rgb(cairo_t *cr, frgb c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* One run of a line: its background (inline code, <mark>), its glyphs in
 * its colour (colour emoji as images), its strikethrough and underline, a
 * key's frame. */
typedef struct line_paint {
    painter *p;
    const pbox *b;
    double x, baseline;
    int run;  /* runs painted so far */
    int leaf; /* the leaf being painted */
    /* a code line the width broke in a word: the text layer joins it
     * (pdf_code_line_join); skip_end at the line's start and no tail: none */
    int skip_end, tail_len;
    const char *tail;
} line_paint;

static const PangoAttribute *extra_attr(const PangoAnalysis *a, PangoAttrType type)
{
    for (GSList *l = a->extra_attrs; l; l = l->next)
        if (((const PangoAttribute *)l->data)->klass->type == type)
            return l->data;
    return NULL;
}

static void set_color16(cairo_t *cr, const PangoAttribute *a)
{
    const PangoColor *c = &((const PangoAttrColor *)a)->color;
    cairo_set_source_rgb(cr, c->red / 65535.0, c->green / 65535.0, c->blue / 65535.0);
}

/* Paints r when the text layer moves a word across its line's ends. */
static bool joined(const line_paint *lp, const trun *r, double x, double y)
{
    int skip = lp->skip_end - r->start;
    bool last = r->end >= tpara_line(lp->b->para, lp->b->line)->end;
    if (skip <= 0 && !(last && lp->tail))
        return false;
    if (skip > r->end - r->start)
        skip = r->end - r->start;
    return pdf_run_show_joined(lp->p->cr, r->text, r->glyphs, x, y, skip > 0 ? skip : 0,
                               last ? lp->tail : NULL, last ? lp->tail_len : 0);
}

/* A key cap's frame around a run of a <kbd>: its background's box, with
 * sides where the key starts and ends (a key the line breaks is open at
 * the break, as CSS slices a box). */
static void paint_key_frame(const line_paint *lp, const trun *r, const PangoAttribute *key,
                            double x, double y)
{
    cairo_t *cr = lp->p->cr;
    const PangoAnalysis *a = &r->glyphs->item->analysis;
    PangoRectangle logical;
    pango_glyph_string_extents(r->glyphs->glyphs, a->font, NULL, &logical);
    double top = y + logical.y / (double)PANGO_SCALE, h = logical.height / (double)PANGO_SCALE;
    double x0 = x, x1 = x + r->width;
    cairo_save(cr);
    set_rgb(cr, lp->p->st->color_muted);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, x0, top);
    cairo_line_to(cr, x1, top);
    cairo_move_to(cr, x0, top + h);
    cairo_line_to(cr, x1, top + h);
    if (r->start <= (int)key->start_index) {
        cairo_move_to(cr, x0, top);
        cairo_line_to(cr, x0, top + h);
    }
    if (r->end >= (int)key->end_index) {
        cairo_move_to(cr, x1, top);
        cairo_line_to(cr, x1, top + h);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}

static void paint_run(const trun *r, void *data)
{
    line_paint *lp = data;
    cairo_t *cr = lp->p->cr;
    const pbox *b = lp->b;
    /* a link's text in its own marked content, its Link element's */
    if (b->run_leaf && lp->run < b->n_run_leaf && b->run_leaf[lp->run] != lp->leaf) {
        lp->leaf = b->run_leaf[lp->run];
        mark_end(lp->p);
        mark_begin(lp->p, lp->leaf, PA_PAGINATION, lp->x + r->x, b->y, r->width, b->h);
    }
    lp->run++;
    if (pinline_of_run(r))
        return; /* an image among words: a box of its own */
    const PangoAnalysis *a = &r->glyphs->item->analysis;
    const PangoAttribute *rise = extra_attr(a, PANGO_ATTR_RISE);
    double x = lp->x + r->x;
    double y = lp->baseline - (rise ? ((const PangoAttrInt *)rise)->value / (double)PANGO_SCALE : 0);
    const PangoAttribute *bg = extra_attr(a, PANGO_ATTR_BACKGROUND);
    if (bg && a->font) {
        PangoRectangle logical;
        pango_glyph_string_extents(r->glyphs->glyphs, a->font, NULL, &logical);
        set_color16(cr, bg);
        cairo_rectangle(cr, x, y + logical.y / (double)PANGO_SCALE, r->width,
                        logical.height / (double)PANGO_SCALE);
        cairo_fill(cr);
    }
    const PangoAttribute *fg = extra_attr(a, PANGO_ATTR_FOREGROUND);
    if (fg)
        set_color16(cr, fg);
    else
        cairo_set_source_rgb(cr, 0, 0, 0);
    const PangoAttribute *shape = extra_attr(a, PANGO_ATTR_SHAPE);
    if (shape && picon_of_attr(shape)) {
        pdf_icon_paint(cr, picon_of_attr(shape), x, y);
    } else if (shape) { /* an inline formula */
        pdf_math_paint(cr, ((const PangoAttrShape *)shape)->data, x, y, 1.0);
    } else if (a->font && pdf_emoji_font(a->font)) {
        pdf_emoji_show_run(lp->p->emoji, cr, r->text, r->glyphs, x, y);
    } else if (joined(lp, r, x, y)) {
        /* painted, with the word the width broke whole in the text layer */
    } else if (pdf_run_show(cr, r->text, r->glyphs, x + pdf_note_mark_gap(r->glyphs), y)) {
        /* the common case */
    } else if (pdf_run_text_rewritten(r->text, r->glyphs)) {
        pdf_run_show_rewritten(cr, r->text, r->glyphs, x, y); /* soft hyphens */
    } else {
        cairo_move_to(cr, x + pdf_note_mark_gap(r->glyphs), y);
        pango_cairo_show_glyph_item(cr, r->text, r->glyphs);
    }
    const PangoAttribute *strike = extra_attr(a, PANGO_ATTR_STRIKETHROUGH);
    const PangoAttribute *under = extra_attr(a, PANGO_ATTR_UNDERLINE);
    bool struck = strike && ((const PangoAttrInt *)strike)->value;
    bool underlined = under && ((const PangoAttrInt *)under)->value != PANGO_UNDERLINE_NONE;
    if ((struck || underlined) && a->font) {
        PangoFontMetrics *m = pango_font_get_metrics(a->font, a->language);
        if (struck)
            cairo_rectangle(cr, x, y - pango_font_metrics_get_strikethrough_position(m) /
                                          (double)PANGO_SCALE,
                            r->width,
                            pango_font_metrics_get_strikethrough_thickness(m) / (double)PANGO_SCALE);
        if (underlined) /* the position is the line's top, below the baseline */
            cairo_rectangle(cr, x, y - pango_font_metrics_get_underline_position(m) /
                                          (double)PANGO_SCALE,
                            r->width,
                            pango_font_metrics_get_underline_thickness(m) / (double)PANGO_SCALE);
        pango_font_metrics_unref(m);
        cairo_fill(cr);
    }
    const PangoAttribute *key = pdf_key_attr_of(r->glyphs);
    if (key && a->font)
        paint_key_frame(lp, r, key, x, y);
}

static void paint_line(painter *p, const pbox *b)
{
    /* an untagged line repeats what is tagged elsewhere (a table's header) */
    mark_box(p, b, PA_PAGINATION);
    line_paint lp = {.p = p, .b = b, .x = b->x, .baseline = b->y + b->baseline, .leaf = b->elem,
                     .skip_end = tpara_line(b->para, b->line)->start};
    if (b->tag == PT_CODE)
        pdf_code_line_join(b->para, b->line, &lp.skip_end, &lp.tail, &lp.tail_len);
    tpara_line_runs(b->para, b->line, paint_run, &lp);
    mark_end(p);
}

/* Whether the image was already painted on the page (and notes it). */
static bool painted_before(const ppage *p, size_t k)
{
    for (size_t j = 0; j < k; j++)
        if (p->boxes[j].kind == PB_IMAGE && p->boxes[j].image == p->boxes[k].image)
            return true;
    return false;
}

/* The pixels of a raster image, decoded for the first page that shows it
 * (NULL when they cannot be had: warned once). */
static cairo_surface_t *image_surface(painter *pt, pimage *im)
{
    const char *why = NULL;
    if (!im->taken && !pdf_images_take(pt->images, im, &why)) {
        im->failed = true;
        fdiag_warn(pt->d, im->file, im->line, 0, "image '%s': %s; a placeholder is used",
                   im->src, why);
    }
    return im->surface;
}

static void paint_image(painter *pt, const ppage *p, size_t k)
{
    cairo_t *cr = pt->cr;
    const pbox *b = &p->boxes[k];
    pimage *im = b->image;
    cairo_surface_t *pixels = im->bytes->format == FIMG_SVG ? NULL : image_surface(pt, im);
    if (im->failed) { /* the file looked whole but its data is not */
        set_rgb(cr, pt->st->color_rule);
        cairo_set_line_width(cr, 0.8);
        cairo_rectangle(cr, b->x, b->y, b->w, b->h);
        cairo_stroke(cr);
        return;
    }
    /* cairo 1.16 names an image twice in a page's resources when it is
     * painted twice there (qpdf warns): the repeat goes in its own group */
    bool group = painted_before(p, k);
    mark_box(pt, b, PA_LAYOUT);
    if (group)
        cairo_push_group(cr);
    if (pixels) {
        double sw = cairo_image_surface_get_width(pixels);
        double sh = cairo_image_surface_get_height(pixels);
        cairo_save(cr);
        cairo_translate(cr, b->x, b->y);
        cairo_scale(cr, b->w / sw, b->h / sh);
        cairo_set_source_surface(cr, pixels, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
        /* not cairo_paint: its unbounded extents inside a structure tag
         * make cairo 1.16 fail the file when the image is not on page 1 */
        cairo_rectangle(cr, 0, 0, sw, sh);
        cairo_fill(cr);
        cairo_restore(cr);
    } else {
        const char *why;
        /* SVG <text> in the bundled fonts, like the rest of the page */
        if (!fimg_paint_svg_with_fonts(cr, im->bytes, pango_context_get_font_map(pt->pl->context),
                                       b->x, b->y, b->w, b->h, &why))
            fdiag_warn(pt->d, im->file, im->line, 0, "image '%s': %s", im->src, why);
    }
    if (group) {
        cairo_pop_group_to_source(cr);
        cairo_rectangle(cr, b->x, b->y, b->w, b->h);
        cairo_fill(cr);
    }
    mark_end(pt);
}

/* The cover, drawn as the EPUB's is (book/cover.c), its words real text. */
static void paint_cover(painter *pt, const pbox *b)
{
    const book_cover *c = &pt->pl->cover;
    const char *why = NULL;
    mark_box(pt, b, PA_LAYOUT);
    cairo_save(pt->cr);
    cairo_translate(pt->cr, b->x, b->y);
    if (!book_cover_draw(pt->cr, b->w, b->h, c, pt->pl->context, &why))
        fdiag_warn(pt->d, c->image_src, 0, 0, "cover image: %s; the cover goes without it", why);
    cairo_restore(pt->cr);
    mark_end(pt);
}

static void paint_checkbox(painter *p, const pbox *b)
{
    cairo_t *cr = p->cr;
    mark_box(p, b, PA_LAYOUT);
    set_rgb(cr, b->color);
    cairo_set_line_width(cr, 0.7);
    cairo_rectangle(cr, b->x, b->y, b->w, b->h);
    cairo_stroke(cr);
    if (b->checked) {
        cairo_set_line_width(cr, 1.2);
        cairo_move_to(cr, b->x + b->w * 0.2, b->y + b->h * 0.55);
        cairo_line_to(cr, b->x + b->w * 0.45, b->y + b->h * 0.8);
        cairo_line_to(cr, b->x + b->w * 0.85, b->y + b->h * 0.2);
        cairo_stroke(cr);
    }
    mark_end(p);
}

/* A small text layout shaped in the layout's context, for what is only
 * known when painting (page numbers, running header and footer); line:
 * one line width wide, centred, ellipsized at its end. Characters no
 * font draws are dropped (text_layout_drop_missing) once everything else
 * is set, so a layout is made once, not twice (a running foot a page):
 * the colour changes no glyph, and a line not ellipsized shows them all;
 * an ellipsized one is checked whole, as it would be printed unbounded. */
static PangoLayout *paint_text(const playout *pl, const folio_style *st, const char *text,
                               double size, frgb color, bool line, int width)
{
    PangoLayout *l = pango_layout_new(pl->context);
    pango_layout_set_text(l, text, -1);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, st->font_body);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    PangoAttrList *attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_foreground_new((guint16)(color.r * 65535),
                                                            (guint16)(color.g * 65535),
                                                            (guint16)(color.b * 65535)));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    if (line) {
        pango_layout_set_width(l, width);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    }
    if (line && pango_layout_is_ellipsized(l)) {
        pango_layout_set_width(l, -1);
        text_layout_drop_missing(l);
        pango_layout_set_width(l, width);
    } else {
        text_layout_drop_missing(l);
    }
    return l;
}

static double layout_width(PangoLayout *l)
{
    PangoRectangle r;
    pango_layout_get_extents(l, NULL, &r);
    return (double)r.width / PANGO_SCALE;
}

/* A TOC entry's dot leader and page number, right-aligned. */
static void paint_tocnum(painter *p, const pbox *b)
{
    cairo_t *cr = p->cr;
    const folio_style *st = p->st;
    const playout *pl = p->pl;
    char num[16];
    /* painted as the layout goes, the page a later heading will have */
    int page = pl->stream ? pl->stream->toc_pages[b->toc - pl->entries] : b->toc->page;
    snprintf(num, sizeof num, "%d", page);
    PangoLayout *l = paint_text(pl, st, num, st->size_body, st->color_text, false, 0);
    double w = layout_width(l);
    /* the dots between the title and the number (at the left when b->rtl) */
    double num_x = b->rtl ? b->x : b->x + b->w - w;
    double from = b->rtl ? b->x + w : b->x, to = b->rtl ? b->x + b->w : num_x;
    mark_begin(p, PBOX_ARTIFACT, PA_LAYOUT, 0, 0, 0, 0);
    set_rgb(cr, st->color_muted);
    /* one stroke of zero-length dashes with round caps: a dot every step,
     * on a grid shared by every entry so the dots line up down the page
     * (a path and a fill per dot made the contents pages half of the
     * numbers cairo printed in a year's book) */
    double step = st->size_body * 0.4, y = b->y + b->baseline - 0.8;
    double first = ceil((from + step) / step) * step;
    if (first < to - step) {
        double last = first + floor((to - step - first) / step - 1e-9) * step;
        double dash[] = {0, step};
        cairo_save(cr);
        cairo_set_line_width(cr, 1.0);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        /* the line runs half a step past the first and last dots, whose
         * dashes a viewer may drop at a path's very ends */
        cairo_set_dash(cr, dash, 2, step / 2);
        cairo_move_to(cr, first - step / 2, y);
        cairo_line_to(cr, last + step / 2, y);
        cairo_stroke(cr);
        cairo_restore(cr);
    }
    mark_end(p);
    mark_begin(p, b->elem, PA_LAYOUT, num_x, b->y, w, b->h);
    pdf_emoji_show_line(p->emoji, cr, pango_layout_get_line_readonly(l, 0), num_x,
                        b->y + b->baseline);
    mark_end(p);
    g_object_unref(l);
}

/* {title}, {page}, {pages}, {date} replaced. */
static void expand(buf *out, const char *tmpl, const char *title, size_t page, size_t pages,
                   const char *date)
{
    for (const char *p = tmpl; *p; p++) {
        if (*p == '{') {
            const char *e = strchr(p, '}');
            if (e) {
                size_t n = (size_t)(e - p - 1);
                if (n == 5 && !strncmp(p + 1, "title", 5)) {
                    buf_puts(out, title);
                    p = e;
                    continue;
                }
                if (n == 4 && !strncmp(p + 1, "page", 4)) {
                    buf_printf(out, "%zu", page);
                    p = e;
                    continue;
                }
                if (n == 5 && !strncmp(p + 1, "pages", 5)) {
                    buf_printf(out, "%zu", pages);
                    p = e;
                    continue;
                }
                if (n == 4 && !strncmp(p + 1, "date", 4)) {
                    buf_puts(out, date);
                    p = e;
                    continue;
                }
            }
        }
        buf_putc(out, *p);
    }
}

/* The running head (k = 0) or foot (k = 1) of page i. */
static void paint_running(painter *pt, size_t i, int k)
{
    const playout *pl = pt->pl;
    const folio_style *st = pt->st;
    const ppage *p = &pl->pages[i];
    /* an issue with no title goes by its file's name, as in the EPUB (book.c) */
    const char *title = p->doc >= 0 ? pl->book->chapters[p->doc].title
                                    : (pl->book_title ? pl->book_title : "");
    const char *tmpl = k == 0 ? st->header : st->footer;
    if (!tmpl || !tmpl[0] || (k == 0 && p->no_header) || (k == 1 && p->doc < 0 && i == 0))
        return;
    buf text = {0};
    expand(&text, tmpl, title, i + 1, playout_page_count(pl), "");
    double page_w = ppage_width(pl, p), page_h = ppage_height(pl, p);
    int width = (int)((page_w - st->margin_left - st->margin_right) * PANGO_SCALE);
    struct running *r = &pt->running[k];
    if (!r->layout || r->width != width || strcmp(r->text, buf_cstr(&text))) {
        if (r->layout)
            g_object_unref(r->layout);
        free(r->text);
        r->layout = paint_text(pl, st, buf_cstr(&text), st->size_small, st->color_muted, true,
                               width);
        r->text = strdup(buf_cstr(&text));
        r->width = width;
        if (!r->text)
            abort();
    }
    PangoLayout *l = r->layout;
    double baseline = k == 0 ? st->margin_top / 2 : page_h - st->margin_bottom / 2;
    PangoLayoutIter *it = pango_layout_get_iter(l);
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, NULL, &logical);
    pango_layout_iter_free(it);
    mark_begin(pt, PBOX_ARTIFACT, k == 0 ? PA_HEADER : PA_FOOTER, 0, 0, 0, 0);
    pdf_emoji_show_line(pt->emoji, pt->cr, pango_layout_get_line_readonly(l, 0),
                        st->margin_left + (double)logical.x / PANGO_SCALE, baseline);
    mark_end(pt);
    buf_free(&text);
}

/* The rectangles of each link on the page, one annotation per link, in
 * its Link element. */
static void paint_links(painter *pt, const ppage *p)
{
    cairo_t *cr = pt->cr;
    pdf_rect *rects = malloc(p->n * sizeof *rects);
    if (!rects)
        abort();
    for (size_t k = 0; k < p->n; k++) {
        const pbox *b = &p->boxes[k];
        if (b->kind != PB_LINK)
            continue;
        bool seen = false;
        for (size_t j = 0; j < k && !seen; j++)
            seen = p->boxes[j].kind == PB_LINK && p->boxes[j].link_id == b->link_id;
        if (seen)
            continue;
        size_t n = 0;
        for (size_t j = k; j < p->n; j++) {
            const pbox *r = &p->boxes[j];
            if (r->kind == PB_LINK && r->link_id == b->link_id)
                rects[n++] = (pdf_rect){r->x, r->y, r->w, r->h};
        }
        /* cairo wraps each link annotation in an empty tag of its own */
        pmarks_add(&pt->marks, (pmark){.page = (unsigned)pt->page, .kind = PM_LINK}, NULL);
        pmarks_add_link(&pt->marks, pt->page, b->elem, b->x, b->y, b->w, b->h);
        if (b->internal)
            pdf_link_dest(cr, b->text, rects, n);
        else
            pdf_link_uri(cr, b->text, rects, n);
    }
    free(rects);
}

/* "↪" drawn, not written: the text layer keeps a wrapped code line's
 * characters only. A hook down the left, then right to an arrowhead, on the
 * middle of the line's x-height. */
static void paint_continued(painter *pt, const pbox *b)
{
    cairo_t *cr = pt->cr;
    double x0 = b->x, x1 = b->x + b->w, y = b->y + b->h * 0.55, head = b->w * 0.35;
    mark_box(pt, b, PA_LAYOUT);
    set_rgb(cr, pt->st->color_muted);
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, x0, y - b->w * 0.6);
    cairo_line_to(cr, x0, y);
    cairo_line_to(cr, x1, y);
    cairo_move_to(cr, x1 - head, y - head);
    cairo_line_to(cr, x1, y);
    cairo_line_to(cr, x1 - head, y + head);
    cairo_stroke(cr);
    mark_end(pt);
}

static void paint_page(painter *pt, size_t i)
{
    cairo_t *cr = pt->cr;
    const ppage *p = &pt->pl->pages[i];
    paint_running(pt, i, 0); /* the head first: the order text extraction reads */
    for (size_t k = 0; k < p->n; k++) {
        const pbox *b = &p->boxes[k];
        switch (b->kind) {
        case PB_LINE:
            paint_line(pt, b);
            break;
        case PB_FILL:
        case PB_RULE:
            mark_box(pt, b, PA_LAYOUT);
            set_rgb(cr, b->color);
            cairo_rectangle(cr, b->x, b->y, b->w, b->h);
            cairo_fill(cr);
            mark_end(pt);
            break;
        case PB_FRAME:
            mark_box(pt, b, PA_LAYOUT);
            set_rgb(cr, b->color);
            cairo_set_line_width(cr, 0.8);
            cairo_rectangle(cr, b->x, b->y, b->w, b->h);
            cairo_stroke(cr);
            mark_end(pt);
            break;
        case PB_IMAGE:
            paint_image(pt, p, k);
            break;
        case PB_CHECKBOX:
            paint_checkbox(pt, b);
            break;
        case PB_DEST:
            pdf_dest(cr, b->text, b->x, b->y > 6 ? b->y - 6 : 0);
            break;
        case PB_TOCNUM:
            paint_tocnum(pt, b);
            break;
        case PB_MATH:
            mark_box(pt, b, PA_LAYOUT);
            set_rgb(cr, pt->st->color_text);
            pdf_math_paint(cr, b->math, b->x, b->y + b->baseline, b->w / b->math->width);
            mark_end(pt);
            break;
        case PB_COVER:
            paint_cover(pt, b);
            break;
        case PB_CONTINUED:
            paint_continued(pt, b);
            break;
        case PB_QR:
            mark_box(pt, b, PA_LAYOUT);
            set_rgb(cr, pt->st->color_text);
            pqr_paint(cr, b->qr, b->x, b->y);
            mark_end(pt);
            break;
        case PB_LINK:
            break;
        }
    }
    paint_links(pt, p);
    paint_running(pt, i, 1);
}

struct pdf_painting {
    painter pt;
    const folio_render_options *o;
    scratch_out *pdf;     /* cairo's file (a scratch file) */
    cairo_surface_t *s;
    locale_t saved_locale;
    size_t next;          /* the next page to paint */
    size_t first;         /* the first page of the surface (of the part: chunks.h) */
    int *parts;           /* the files of the parts finished before (scratch files) */
    size_t n_parts;
    int part_errno;       /* a part that could not be written (its errno; -1: cairo's status) */
};

/* A new cairo surface and its file, for the pages from pp->next on. False
 * with errno set when no scratch file can be had. */
static bool surface_open(pdf_painting *pp)
{
    /* cairo's file goes to a scratch file, read back by the finisher */
    int scratch = scratch_open();
    if (scratch < 0)
        return false;
    scratch_out *pdf = malloc(sizeof *pdf);
    if (!pdf)
        abort();
    pdf->fd = scratch;
    pdf->n = 0;
    pp->pdf = pdf;
    pp->first = pp->next;
    /* of its first page's size: cairo 1.16 fails a surface's end (an
     * assertion) when its size was set before its first page */
    const playout *pl = pp->pt.pl;
    const ppage *first = pp->first < pl->n_pages ? &pl->pages[pp->first] : NULL;
    pp->s = cairo_pdf_surface_create_for_stream(write_file, pdf,
                                                first ? ppage_width(pl, first) : pl->page_w,
                                                first ? ppage_height(pl, first) : pl->page_h);
    pp->pt.cr = cairo_create(pp->s);
    /* cairo's own tree, which the finisher replaces: every piece in one
     * element (cairo damages links outside any) */
    pdf_struct_begin(pp->pt.cr, "Document");
    return true;
}

/* Ends the surface (its last page shown: the caller's) and writes its
 * file: cairo's status. */
static cairo_status_t surface_close(pdf_painting *pp)
{
    cairo_status_t status = cairo_status(pp->pt.cr);
    cairo_destroy(pp->pt.cr);
    pp->pt.cr = NULL;
    cairo_surface_finish(pp->s);
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status(pp->s);
    cairo_surface_destroy(pp->s);
    pp->s = NULL;
#ifdef __GLIBC__
    /* cairo's tag tree (a node for every piece painted) was freed with the
     * surface: given back now, or glibc keeps it, scattered, under the
     * finisher's own peak */
    malloc_trim(0);
#endif
    if (status == CAIRO_STATUS_SUCCESS && !scratch_flush(pp->pdf))
        status = CAIRO_STATUS_WRITE_ERROR;
    return status;
}

/* Past limits.max_surface_pages, the surface is finished and another
 * begun for the pages on (chunks.h): cairo's tree is never longer than
 * that. When the next file cannot be had, the pages go on in this one
 * and the PDF fails at the end. */
static void next_part(pdf_painting *pp)
{
    scratch_out *done = pp->pdf;
    cairo_t *cr = pp->pt.cr;
    cairo_surface_t *s = pp->s;
    if (!surface_open(pp)) {
        pp->part_errno = errno;
        return;
    }
    cairo_t *next_cr = pp->pt.cr;
    cairo_surface_t *next_s = pp->s;
    scratch_out *next_pdf = pp->pdf;
    pp->pt.cr = cr;
    pp->s = s;
    pp->pdf = done;
    pdf_struct_end(cr, "Document");
    cairo_show_page(cr);
    cairo_status_t status = surface_close(pp);
    if (status != CAIRO_STATUS_SUCCESS && !pp->part_errno)
        pp->part_errno = status == CAIRO_STATUS_WRITE_ERROR ? (errno ? errno : EIO) : -1;
    pp->parts = realloc(pp->parts, (pp->n_parts + 1) * sizeof *pp->parts);
    if (!pp->parts)
        abort();
    pp->parts[pp->n_parts++] = done->fd;
    free(done);
    pp->pt.cr = next_cr;
    pp->s = next_s;
    pp->pdf = next_pdf;
}

pdf_painting *pdf_paint_begin(playout *pl, const folio_render_options *o, const folio_style *st,
                              fdiag *d)
{
    pdf_painting *pp = calloc(1, sizeof *pp);
    if (!pp)
        abort();
    pp->o = o;
    pp->pt = (painter){.pl = pl, .st = st, .d = d};
    /* cairo 1.16 reads tag attributes back with strtod when it writes a
     * page: a comma decimal point (fr_FR) would break the file */
    pp->saved_locale = pdf_c_numeric_begin();
    if (!surface_open(pp)) {
        fdiag_error(d, NULL, 0, 0, "cannot write the PDF: %s", strerror(errno));
        pdf_c_numeric_end(pp->saved_locale);
        free(pp);
        return NULL;
    }
    pp->pt.emoji = pdf_emoji_new();
    pp->pt.images = pdf_images_start(pl, &o->limits, o->cache_dir, o->jobs);
    return pp;
}

/* After page i: its boxes go. Its images' surfaces stay until the layout
 * goes, after cairo has finished the file: cairo 1.16 keeps a snapshot of
 * each surface painted, beyond the PDF surface's life, and destroying the
 * surface copies its pixels into it (a JPEG's never-touched buffer of
 * megabytes, touched then). Made at the end, those copies do not stand
 * while the rest of the document is painted. */
static void page_painted(pdf_painting *pp, size_t i)
{
    painter *pt = &pp->pt;
    playout *pl = (playout *)pt->pl;
    ppage_release(&pl->pages[i]); /* a long document is never held whole */
    /* nor every distinct word it shaped (its numbers, its names): the
     * words painted pages held go once the cache is large */
    shape_cache_trim(pl->shapes, SHAPES_KEPT);
    if (i % 64 == 63) { /* the structure record: written, then read at the finish */
        pstruct_forget(&pl->structure);
        pmarks_forget(&pt->marks);
    }
}

void pdf_paint_next(pdf_painting *pp)
{
    painter *pt = &pp->pt;
    const playout *pl = pt->pl;
    size_t i = pp->next;
    if (i > 0) { /* the page before is done: the last one is shown by end */
        if (i - pp->first >= pp->o->limits.max_surface_pages)
            next_part(pp); /* (shows it) */
        else
            cairo_show_page(pt->cr);
        pdf_emoji_end_page(pt->emoji);
        page_painted(pp, i - 1);
    }
    pp->next++;
    pt->page = i;
    /* the viewer's page field shows what the footer prints */
    char label[24];
    snprintf(label, sizeof label, "%zu", i + 1);
    cairo_pdf_surface_set_page_label(
        pp->s, pl->pages[i].doc < 0 && i == 0 ? book_word(pl->docs[0]->lang, W_COVER) : label);
    /* a wide table's page is landscape (before anything is drawn on it) */
    if (i > pp->first && pl->pages[i].landscape != pl->pages[i - 1].landscape)
        cairo_pdf_surface_set_size(pp->s, ppage_width(pl, &pl->pages[i]),
                                   ppage_height(pl, &pl->pages[i]));
    paint_page(pt, i);
}

folio_status pdf_paint_end(pdf_painting *pp, int out)
{
    painter *pt = &pp->pt;
    playout *pl = (playout *)pt->pl;
    fdiag *d = pt->d;
    pdf_struct_end(pt->cr, "Document");
    cairo_show_page(pt->cr);
    if (pp->next)
        ppage_release(&pl->pages[pp->next - 1]);
    pdf_outline(pp->s, pl);
    cairo_status_t status = surface_close(pp);
    pdf_emoji_drop(pt->emoji);
    for (int k = 0; k < 2; k++) {
        if (pt->running[k].layout)
            g_object_unref(pt->running[k].layout);
        free(pt->running[k].text);
    }
    pdf_c_numeric_end(pp->saved_locale);
    folio_status st_out = FOLIO_EOUTPUT;
    int in = pp->pdf->fd, merged = -1;
    const char *why = NULL;
    if (status != CAIRO_STATUS_SUCCESS)
        why = status == CAIRO_STATUS_WRITE_ERROR ? strerror(errno) : cairo_status_to_string(status);
    else if (pp->part_errno)
        why = pp->part_errno > 0 ? strerror(pp->part_errno) : "cairo could not write a part";
    else if (pp->n_parts && out >= 0) { /* one file of the parts, for the finisher */
        pp->parts = realloc(pp->parts, (pp->n_parts + 1) * sizeof *pp->parts);
        if (!pp->parts)
            abort();
        pp->parts[pp->n_parts] = in;
        merged = scratch_open();
        if (merged < 0)
            why = strerror(errno);
        else if (!pdf_chunks_merge(pp->parts, pp->n_parts + 1, merged, &why))
            why = why ? why : strerror(errno);
        in = merged;
        for (size_t k = 0; k < pp->n_parts; k++) /* their room on the disk */
            close(pp->parts[k]);
        pp->n_parts = 0;
    }
    if (why)
        fdiag_error(d, NULL, 0, 0, "cannot write the PDF: %s", why);
    else if (out >= 0) {
        pdf_ximages images = pdf_images_encoded(pt->images);
        images.again = merged >= 0;
        st_out = pdf_archive(pl, pp->o, pt->st, &pt->marks, &images, d, in, out);
    }
    pdf_images_stop(pt->images);
    pmarks_free(&pt->marks);
    for (size_t k = 0; k < pp->n_parts; k++)
        close(pp->parts[k]);
    free(pp->parts);
    if (merged >= 0)
        close(merged);
    close(pp->pdf->fd);
    free(pp->pdf);
    free(pp);
    return st_out;
}

folio_status pdf_paint(playout *pl, const folio_render_options *o, const folio_style *st,
                       fdiag *d, int out)
{
    pdf_painting *pp = pdf_paint_begin(pl, o, st, d);
    if (!pp)
        return FOLIO_EOUTPUT;
    for (size_t i = 0; i < pl->n_pages; i++)
        pdf_paint_next(pp);
    return pdf_paint_end(pp, out);
}
