/* Pagination: the cursor moves down the text area; a block that does not fit
 * goes to a new page. Paragraph lines keep widows and orphans to two lines,
 * notes referenced by a line are reserved at the foot of its page, and open
 * containers (quotes, callouts, code) carry their background across pages. */
#include <math.h>
#include <string.h>

#include "engine.h"

size_t lctx_add(lctx *lc, const pbox *b)
{
    if (lc->keep.active && !lc->keep.placing)
        lc->keep.active = false; /* what follows the heading has started */
    return ppage_add(lc->page, b);
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
        f->bar_box = lctx_add(lc, &(pbox){.kind = PB_RULE, .x = f->x, .y = y, .w = 3,
                                          .color = f->bar});
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
                  .has_bar = bar != NULL};
    if (fill)
        f->fill = *fill;
    if (bar)
        f->bar = *bar;
    frame_segment_open(lc, f, lc->y);
    lc->x += indent;
    lc->w -= indent + (fill ? pad : 0);
    lc->y += pad;
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
    lc->page = playout_new_page(lc->pl, lc->doc_index);
    lc->page_index = lc->pl->n_pages - 1;
    double y = lc->y;
    lc->y = lc->top;
    lc->space_before = 0;
    if (move) {
        lc->y = y;
        move_kept_heading(lc, &lc->pl->pages[lc->page_index - 1], kept_end);
    }
    for (int i = 0; i < open; i++)
        frame_segment_open(lc, &lc->frames[i], lc->y);
}

void lctx_ensure(lctx *lc, double h)
{
    if (h > lctx_room(lc) && !page_empty(lc))
        lctx_new_page(lc);
}

void lctx_block_start(lctx *lc)
{
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
    if (!t->n_lines)
        return 0;
    return t->line_y[t->n_lines - 1] + t->line_h[t->n_lines - 1];
}

static bool ref_in_line(const ptext *t, const pref *r, int line)
{
    PangoLayoutLine *l = pango_layout_get_line_readonly(t->layout, line);
    return r->offset >= l->start_index && r->offset < l->start_index + l->length;
}

/* A footnote is printed once; a URL again on each page that cites it. */
static bool note_wanted(const lctx *lc, const pnote *n)
{
    return n->def ? !n->placed_page : n->placed_page != (int)lc->page_index + 1;
}

/* The height the notes a line cites would add to this page. */
static double notes_needed(lctx *lc, const ptext *t, int line)
{
    double h = 0;
    bool first = lc->page_notes == NULL;
    for (int i = 0; i < t->n_refs; i++) {
        pnote *n = t->refs[i].note;
        if (!note_wanted(lc, n) || !ref_in_line(t, &t->refs[i], line))
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

/* The list marker waiting for its item's first line, on that line's baseline. */
void lctx_place_marker(lctx *lc, double baseline_y)
{
    pmarker *m = &lc->marker;
    m->pending = false;
    if (m->task >= 0) {
        double s = lc->st->size_body * 0.75;
        lctx_add(lc, &(pbox){.kind = PB_CHECKBOX, .x = m->x + m->w - s - 4,
                             .y = baseline_y - s, .w = s, .h = s, .checked = m->task == 1,
                             .color = lc->st->color_text});
        return;
    }
    PangoLayoutIter *it = pango_layout_get_iter(m->layout);
    double base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
    pango_layout_iter_free(it);
    PangoRectangle logical;
    PangoLayoutLine *line = pango_layout_get_line_readonly(m->layout, 0);
    pango_layout_line_get_extents(line, NULL, &logical);
    double w = (double)logical.width / PANGO_SCALE;
    lctx_add(lc, &(pbox){.kind = PB_LINE, .x = m->x + m->w - w - 4, .y = baseline_y - base,
                         .w = w, .h = (double)logical.height / PANGO_SCALE, .baseline = base,
                         .layout = g_object_ref(m->layout), .line = 0, .tag = PT_LIST});
    g_object_unref(m->layout);
    m->layout = NULL;
}

static void register_notes(lctx *lc, const ptext *t, int line)
{
    for (int i = 0; i < t->n_refs; i++) {
        pnote *n = t->refs[i].note;
        if (!note_wanted(lc, n) || !ref_in_line(t, &t->refs[i], line))
            continue;
        lctx_shape_note(lc, n);
        if (!lc->page_notes)
            lc->notes_h += lc->st->size_body;
        n->placed_page = (int)lc->page_index + 1;
        n->next = NULL;
        *lc->page_notes_tail = n;
        lc->page_notes_tail = &n->next;
        lc->notes_h += pnote_height(lc, n);
    }
}

static void place_link_rects(lctx *lc, const ptext *t, PangoLayoutLine *line, double x, double y,
                             double h)
{
    for (int i = 0; i < t->n_links; i++) {
        const plink *k = &t->links[i];
        int s = k->start > line->start_index ? k->start : line->start_index;
        int e = k->end < line->start_index + line->length ? k->end
                                                          : line->start_index + line->length;
        if (s >= e)
            continue;
        int *ranges, n;
        pango_layout_line_get_x_ranges(line, s, e, &ranges, &n);
        /* one rectangle per stretch: runs (bold, code…) that touch merge */
        for (int r = 0; r < n;) {
            double x0 = (double)ranges[2 * r] / PANGO_SCALE;
            double x1 = (double)ranges[2 * r + 1] / PANGO_SCALE;
            for (r++; r < n && (double)ranges[2 * r] / PANGO_SCALE <= x1 + 0.5; r++)
                x1 = (double)ranges[2 * r + 1] / PANGO_SCALE;
            lctx_add(lc, &(pbox){.kind = PB_LINK, .x = x + x0, .y = y, .w = x1 - x0, .h = h,
                                 .text = k->target, .internal = k->internal,
                                 .link_id = t->link_base + i});
        }
        g_free(ranges);
    }
}

double lctx_emit_lines(lctx *lc, const ptext *t, int from, int to, double x, double y)
{
    ptext *mt = (ptext *)t; /* link ids are given on first placement */
    if (!mt->link_base && t->n_links) {
        mt->link_base = lc->next_link_id + 1;
        lc->next_link_id += t->n_links;
        lc->pl->n_links += t->n_links;
    }
    for (int i = from; i < to; i++) {
        double top = y + t->line_y[i] - t->line_y[from];
        PangoLayoutLine *line = pango_layout_get_line_readonly(t->layout, i);
        PangoRectangle logical;
        pango_layout_line_get_extents(line, NULL, &logical);
        if (lc->marker.pending)
            lctx_place_marker(lc, top + t->line_base[i]);
        /* hyphenated justified lines were pulled in after Pango measured them */
        int lw = pango_layout_get_width(t->layout);
        double w = (double)(lw > 0 && logical.width > lw ? lw : logical.width) / PANGO_SCALE;
        lctx_add(lc, &(pbox){.kind = PB_LINE, .x = x + t->line_x[i], .y = top, .w = w,
                             .h = t->line_h[i],
                             .baseline = t->line_base[i], .layout = g_object_ref(t->layout),
                             .line = i, .tag = t->tag});
        place_link_rects(lc, t, line, x, top, t->line_h[i]);
        register_notes(lc, t, i);
    }
    return to > from ? t->line_y[to - 1] + t->line_h[to - 1] - t->line_y[from] : 0;
}

void lctx_place_text(lctx *lc, const ptext *t, int min_lines)
{
    int n = t->n_lines, i = 0;
    while (i < n) {
        double room = lctx_room(lc), used = 0;
        int k = 0;
        while (i + k < n) {
            double need = t->line_h[i + k] + notes_needed(lc, t, i + k);
            if (used + need > room)
                break;
            used += need;
            k++;
        }
        int fit = k;
        if (k < n - i) {
            if (n - i - k < min_lines)
                k = n - i - min_lines; /* leave no widow on the next page */
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
