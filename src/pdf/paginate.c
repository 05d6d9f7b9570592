/* Pagination: the cursor moves down the text area; a block that does not fit
 * goes to a new page. Paragraph lines keep widows and orphans to two lines,
 * notes referenced by a line are reserved at the foot of its page, and open
 * containers (quotes, callouts, code) carry their background across pages. */
#include <math.h>
#include <string.h>

#include "engine.h"
#include "images.h"

size_t lctx_add(lctx *lc, const pbox *b)
{
    /* the heading goes with its first two lines, or the image after it */
    if (lc->keep.active && !lc->keep.placing &&
        ((b->kind == PB_IMAGE && b->tag == PT_FIGURE) ||
         (b->kind == PB_LINE && ++lc->keep.after >= 2)))
        lc->keep.active = false;
    if (b->kind == PB_IMAGE && b->image && lc->pl->ahead)
        pdf_images_ask(lc->pl->ahead, b->image); /* decoded while the layout goes on */
    if (b->kind == PB_DEST && lc->placed)
        g_hash_table_insert(lc->placed, (gpointer)b->text, GSIZE_TO_POINTER(lc->page_index + 1));
    pbox tagged = *b;
    if (!tagged.elem)
        tagged.elem = lctx_box_leaf(lc, b);
    return ppage_add(lc->page, &tagged);
}

/* The heading at the foot of the page goes to the new page, with the
 * content that would not fit under it: boxes [first_box, end) of from. */
static void move_kept_heading(lctx *lc, ppage *from, size_t end)
{
    double dy = lc->top - lc->keep.y0;
    size_t first = lc->keep.first_box;
    for (size_t k = first; k < end; k++) {
        pbox b = from->boxes[k];
        b.y += dy;
        ppage_add(lc->page, &b);
    }
    memmove(from->boxes + first, from->boxes + end, (from->n - end) * sizeof *from->boxes);
    from->n -= end - first;
    lc->y += dy;
    lc->keep.page = lc->page_index;
    lc->keep.first_box = 0;
    lc->keep.y0 = lc->top;
    for (int i = 0; i < lc->keep.n; i++)
        toc_remark(lc, lc->keep.headings[i]);
}

static bool page_empty(const lctx *lc)
{
    return lc->y <= lc->top + 0.01;
}

double lctx_room(const lctx *lc)
{
    return lc->bottom - lc->notes_h - lc->y;
}

/* A container's background and bar start a segment at y on this page. */
static void frame_segment_open(lctx *lc, pframe *f, double y)
{
    f->page = lc->page_index;
    f->y0 = y;
    if (f->has_fill)
        f->fill_box = lctx_add(lc, &(pbox){.kind = PB_FILL, .x = f->x, .y = y, .w = f->w,
                                           .color = f->fill});
    if (f->has_bar)
        f->bar_box = lctx_add(lc, &(pbox){.kind = PB_RULE, .x = f->rtl ? f->x + f->w - 3 : f->x,
                                          .y = y, .w = 3, .color = f->bar});
}

static void frame_segment_close(lctx *lc, pframe *f, double y)
{
    ppage *p = &lc->pl->pages[f->page];
    if (f->has_fill)
        p->boxes[f->fill_box].h = y - f->y0;
    if (f->has_bar)
        p->boxes[f->bar_box].h = y - f->y0;
}

void lctx_frame_open(lctx *lc, const frgb *fill, const frgb *bar, double pad, double indent)
{
    if (lc->n_frames++ >= PFRAMES_MAX)
        return; /* deeper containers than any real text: drawn without a frame */
    pframe *f = &lc->frames[lc->n_frames - 1];
    *f = (pframe){.x = lc->x, .w = lc->w, .pad = pad, .has_fill = fill != NULL,
                  .has_bar = bar != NULL, .rtl = lctx_rtl(lc)};
    if (fill)
        f->fill = *fill;
    if (bar)
        f->bar = *bar;
    frame_segment_open(lc, f, lc->y);
    double end = fill ? pad : 0; /* the other side */
    lc->x += f->rtl ? end : indent;
    lc->w -= indent + end;
    lc->y += pad;
}

void lctx_indent(lctx *lc, double indent)
{
    if (!lctx_rtl(lc))
        lc->x += indent;
    lc->w -= indent;
}

void lctx_frame_close(lctx *lc)
{
    if (--lc->n_frames >= PFRAMES_MAX)
        return;
    pframe *f = &lc->frames[lc->n_frames];
    lc->y += f->pad;
    frame_segment_close(lc, f, lc->y);
    lc->x = f->x;
    lc->w = f->w;
}

void lctx_finish_page(lctx *lc)
{
    lctx_place_notes(lc);
    lc->page_notes = NULL;
    lc->page_notes_tail = &lc->page_notes;
    lc->notes_h = 0;
}

/* The text area of a portrait page, or of a landscape one. */
static void set_text_area(lctx *lc, bool landscape)
{
    const folio_style *st = lc->st;
    double page_w = landscape ? lc->pl->page_h : lc->pl->page_w;
    double page_h = landscape ? lc->pl->page_w : lc->pl->page_h;
    lc->bottom = page_h - st->margin_bottom;
    lc->width = lc->w = page_w - st->margin_left - st->margin_right;
    lc->x = lc->left;
}

void lctx_new_page(lctx *lc)
{
    int open = lc->n_frames < PFRAMES_MAX ? lc->n_frames : PFRAMES_MAX;
    for (int i = 0; i < open; i++)
        frame_segment_close(lc, &lc->frames[i], lc->y);
    bool move = lc->keep.active && !lc->keep.placing && lc->keep.page == lc->page_index &&
                lc->keep.y0 > lc->top + 0.01 && !open;
    size_t kept_end = lc->page ? lc->page->n : 0;
    bool placing = lc->keep.placing;
    lc->keep.placing = true; /* the notes below do not end the keep */
    lctx_finish_page(lc);
    lc->keep.placing = placing;
    if (lc->orientation == LANDSCAPE_ENDING) {
        set_text_area(lc, false);
        lc->orientation = PORTRAIT;
    }
    lc->page = playout_new_page(lc->pl, lc->doc_index);
    lc->page->landscape = lc->orientation == LANDSCAPE;
    lc->page_index = lc->pl->n_pages - 1;
    double y = lc->y;
    lc->y = lc->top;
    lc->space_before = 0;
    if (move) {
        lc->y = y;
        move_kept_heading(lc, &lc->pl->pages[lc->page_index - 1], kept_end);
    }
    lctx_place_float(lc);
    for (int i = 0; i < open; i++)
        frame_segment_open(lc, &lc->frames[i], lc->y);
    if (!lc->hold_pages) /* the pages before this one no longer change */
        playout_pages_final(lc->pl, lc->page_index);
}

void lctx_landscape(lctx *lc)
{
    lctx_flush_float(lc);
    if (!page_empty(lc))
        lctx_new_page(lc);
    set_text_area(lc, true);
    lc->page->landscape = true;
    lc->orientation = LANDSCAPE;
}

void lctx_end_landscape(lctx *lc)
{
    lc->orientation = LANDSCAPE_ENDING;
}

void lctx_ensure(lctx *lc, double h)
{
    if (h > lctx_room(lc) && !page_empty(lc))
        lctx_new_page(lc);
}

void lctx_block_start(lctx *lc)
{
    if (lc->orientation == LANDSCAPE_ENDING)
        lctx_new_page(lc);
    if (lc->y > lc->top + 0.01)
        lc->y += lc->space_before;
    lc->space_before = 0;
}

void lctx_block_end(lctx *lc, double space_after)
{
    lc->space_before = fmax(lc->space_before, space_after);
}

void lctx_dest(lctx *lc, const char *name)
{
    lctx_add(lc, &(pbox){.kind = PB_DEST, .x = lc->x, .y = lc->y, .text = name});
}

double ptext_height(const ptext *t)
{
    return t->para ? tpara_height(t->para) : 0;
}

/* The references of t printed on line i: [*first, *end) of t->refs (sorted
 * by offset, so a page of a long paragraph does not scan them all). */
static void refs_in_line(const ptext *t, int i, int *first, int *end)
{
    const tline *l = ptext_line(t, i);
    int lo = 0, hi = t->n_refs;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (t->refs[mid].offset < l->start)
            lo = mid + 1;
        else
            hi = mid;
    }
    *first = lo;
    while (lo < t->n_refs && t->refs[lo].offset < l->end)
        lo++;
    *end = lo;
}

/* A note is printed once (a URL has a note per citation). */
static bool note_wanted(const lctx *lc, const pnote *n)
{
    return !n->placed_page;
}

/* The height the notes a line cites would add to this page. */
static double notes_needed(lctx *lc, const ptext *t, int line)
{
    double h = 0;
    bool first = lc->page_notes == NULL;
    int from, end;
    refs_in_line(t, line, &from, &end);
    for (int i = from; i < end; i++) {
        pnote *n = t->refs[i].note;
        if (!note_wanted(lc, n))
            continue;
        lctx_shape_note(lc, n);
        h += pnote_height(lc, n);
        if (first) {
            h += lc->st->size_body; /* the separator above the notes */
            first = false;
        }
    }
    return h;
}

double lctx_height_with_notes(lctx *lc, const ptext *t)
{
    double h = ptext_height(t), sep = lc->page_notes ? 0 : lc->st->size_body;
    bool any = false;
    for (int i = 0; i < ptext_n_lines(t); i++) {
        double notes = notes_needed(lc, t, i); /* the separator with each line's first */
        if (notes > 0) {
            h += notes - (any ? sep : 0);
            any = true;
        }
    }
    return h;
}

/* The list marker waiting for its item's first line, on that line's baseline. */
void lctx_place_marker(lctx *lc, double baseline_y)
{
    pmarker *m = &lc->marker;
    m->pending = false;
    if (m->task >= 0) {
        double s = lc->st->size_body * 0.75;
        lctx_add(lc, &(pbox){.kind = PB_CHECKBOX, .x = m->rtl ? m->x + 4 : m->x + m->w - s - 4,
                             .y = baseline_y - s, .w = s, .h = s, .checked = m->task == 1,
                             .color = lc->st->color_text, .elem = lctx_leaf(lc, m->elem)});
        return;
    }
    const tline *line = tpara_line(m->para, 0);
    lctx_add(lc, &(pbox){.kind = PB_LINE, .x = m->rtl ? m->x + 4 : m->x + m->w - line->width - 4,
                         .y = baseline_y - line->baseline, .w = line->width, .h = line->h,
                         .baseline = line->baseline, .para = m->para, .line = 0,
                         .tag = PT_LIST,
                         .elem = lctx_leaf(lc, m->elem)});
    m->para = NULL; /* the box holds the reference */
}

/* The notes line of t (placed at x, top) cites, and that this page must
 * carry; a footnote's first reference is where its number leads back. */
static void register_notes(lctx *lc, const ptext *t, int line, double x, double top)
{
    int from, end;
    refs_in_line(t, line, &from, &end);
    for (int i = from; i < end; i++) {
        pnote *n = t->refs[i].note;
        if (!note_wanted(lc, n))
            continue;
        lctx_shape_note(lc, n);
        lctx_tag_note(lc, n, t, t->refs[i].offset);
        if (n->back && !n->placed_page)
            lctx_add(lc, &(pbox){.kind = PB_DEST, .x = x, .y = top, .text = n->back});
        if (!lc->page_notes)
            lc->notes_h += lc->st->size_body;
        n->placed_page = (int)lc->page_index + 1;
        n->next = NULL;
        *lc->page_notes_tail = n;
        lc->page_notes_tail = &n->next;
        lc->notes_h += pnote_height(lc, n);
    }
}

/* The links a run shows: those that hold its first byte. Links are sorted
 * by start and nest at most a few deep (a note mark in a link's text). */
typedef struct link_rects {
    lctx *lc;
    const ptext *t;
    double x, y, h;
    pbox *open;   /* the rectangles of this line so far */
    int n_open;
} link_rects;

static void link_run(const trun *run, void *data)
{
    link_rects *lr = data;
    const ptext *t = lr->t;
    int lo = 0, hi = t->n_links;
    while (lo < hi) { /* the first link starting after the run's first byte */
        int mid = lo + (hi - lo) / 2;
        if (t->links[mid].start <= run->start)
            lo = mid + 1;
        else
            hi = mid;
    }
    double x0 = lr->x + run->x, x1 = x0 + run->width;
    for (int i = lo - 1, seen = 0; i >= 0 && seen < 4; i--, seen++) {
        const plink *k = &t->links[i];
        if (k->end <= run->start)
            continue;
        pbox *r = NULL;
        for (int k = lr->n_open - 1; k >= 0 && !r; k--)
            if (lr->open[k].link_id == t->link_base + i)
                r = &lr->open[k];
        if (r && r->x + r->w >= x0 - 0.5) { /* runs that touch merge */
            r->w = fmax(r->x + r->w, x1) - r->x;
            continue;
        }
        lr->open[lr->n_open] = (pbox){.kind = PB_LINK, .x = x0, .y = lr->y, .w = x1 - x0,
                                      .h = lr->h, .text = k->target, .internal = k->internal,
                                      .link_id = t->link_base + i};
        lr->n_open++;
    }
}

static void place_link_rects(lctx *lc, const ptext *t, int i, double x, double y)
{
    if (!t->n_links)
        return;
    const tline *l = ptext_line(t, i);
    /* at most four links per run, and as many runs as pieces */
    size_t cap = 4 * (size_t)(l->end - l->start + 1);
    link_rects lr = {.lc = lc, .t = t, .x = x + l->x, .y = y, .h = l->h,
                     .open = malloc(cap * sizeof *lr.open)};
    if (!lr.open)
        abort();
    tpara_line_runs(t->para, i, link_run, &lr);
    for (int k = 0; k < lr.n_open; k++) {
        lr.open[k].elem = pstruct_link(&lc->pl->structure, lr.open[k].link_id, t->elem);
        lctx_add(lc, &lr.open[k]);
    }
    free(lr.open);
}

typedef struct inline_images {
    lctx *lc;
    const pbox *line;
    const int *figures; /* their leaves; NULL: untagged */
    int n;
} inline_images;

/* An image among words: its box on the line's baseline. */
static void place_image_run(const trun *r, void *data)
{
    inline_images *ii = data;
    const pinline *o = pinline_of_run(r);
    if (!o)
        return;
    const pbox *l = ii->line;
    int elem = ii->figures ? ii->figures[ii->n] : PBOX_ARTIFACT;
    ii->n++;
    lctx_add(ii->lc, &(pbox){.kind = PB_IMAGE, .x = l->x + r->x, .y = l->y + l->baseline - o->h,
                             .w = o->w, .h = o->h, .image = o->image, .tag = PT_P,
                             .text = o->alt, .elem = elem});
}

static void place_inline_images(lctx *lc, const pbox *line, const int *figures)
{
    inline_images ii = {.lc = lc, .line = line, .figures = figures};
    tpara_line_runs(line->para, line->line, place_image_run, &ii);
}

double lctx_emit_lines(lctx *lc, const ptext *t, int from, int to, double x, double y)
{
    ptext *mt = (ptext *)t; /* link ids are given on first placement */
    if (!mt->link_base && t->n_links) {
        mt->link_base = lc->next_link_id + 1;
        lc->next_link_id += t->n_links;
        lc->pl->n_links += t->n_links;
    }
    if (to <= from)
        return 0;
    double y0 = ptext_line(t, from)->y;
    lctx_text_elem(lc, mt);
    for (int i = from; i < to; i++) {
        const tline *l = ptext_line(t, i);
        double top = y + l->y - y0;
        if (lc->marker.pending)
            lctx_place_marker(lc, top + l->baseline);
        pbox line = {.kind = PB_LINE, .x = x + l->x, .y = top, .w = l->width, .h = l->h,
                     .baseline = l->baseline, .para = tpara_ref(t->para), .line = i,
                     .tag = t->tag};
        const int *figures;
        line.elem = lctx_line_leaves(lc, t, i, &line.run_leaf, &line.n_run_leaf, &figures);
        lctx_add(lc, &line);
        if (tpara_has_objects(t->para))
            place_inline_images(lc, &line, figures);
        place_link_rects(lc, t, i, x, top);
        register_notes(lc, t, i, x + l->x, top);
    }
    const tline *last = ptext_line(t, to - 1);
    return last->y + last->h - y0;
}

void lctx_place_text(lctx *lc, const ptext *t, int min_lines)
{
    int n = ptext_n_lines(t), i = 0;
    while (i < n) {
        double room = lctx_room(lc), used = 0;
        int k = 0;
        while (i + k < n) {
            double need = ptext_line(t, i + k)->h + notes_needed(lc, t, i + k);
            if (used + need > room + 0.01) /* (what was sized to fit exactly fits) */
                break;
            used += need;
            k++;
        }
        int fit = k;
        if (k < n - i) {
            if (n - i - k < min_lines)
                k = n - i - min_lines; /* leave no widow on the next page */
            /* nor a word cut between two pages: its line goes over too */
            while (k > 0 && ptext_line(t, i + k - 1)->hyphen)
                k--;
            if (i == 0 && k < min_lines)
                k = 0; /* no orphan at this page's foot */
            if (k <= 0) {
                if (!page_empty(lc)) {
                    lctx_new_page(lc);
                    continue;
                }
                k = fit > 0 ? fit : 1; /* a page cannot hold it whole: split anyway */
            }
        }
        lc->y += lctx_emit_lines(lc, t, i, i + k, lc->x, lc->y);
        i += k;
        if (i < n)
            lctx_new_page(lc);
    }
}
