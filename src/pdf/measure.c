/* Measuring before placing: what a container of paragraphs and lists
 * needs on the page, so that short callouts and quotes are never split and
 * a container's title keeps the start of its body. */
#include <string.h>

#include "doc/tree.h"
#include "engine.h"

/* The height of the notes lines [0, n) of measured text t cite. */
static double cited_notes(const ptext *t, int n)
{
    if (n <= 0 || !t->n_refs)
        return 0;
    int end = ptext_line(t, n - 1)->end;
    double h = 0;
    for (int i = 0; i < t->n_refs && t->refs[i].offset < end; i++)
        h += t->refs[i].h;
    return h;
}

/* Inline siblings [first, last] shaped at width w to be measured (no note
 * numbered: lctx.measuring). */
static void measure_text(lctx *lc, ptext *t, const fnode *first, const fnode *last, double w)
{
    bool measuring = lc->measuring;
    lc->measuring = true;
    ptext_inlines(lc, t, first, last, PF_BODY, lc->st->size_body, false, false,
                  lc->st->color_text, w, lc->st->justify ? TALIGN_JUSTIFY : TALIGN_START);
    lc->measuring = measuring;
}

/* The lines of blocks [first, last] at width w, their height (*h) and the
 * height of the notes they cite (*notes), as they will be laid out:
 * paragraphs and lists of them; -1 for anything else, or for more than
 * max lines (such a block may be split anyway). */
static int measure_run(lctx *lc, const fnode *first, const fnode *last, double w, double *h,
                       double *notes)
{
    ptext t = {0};
    measure_text(lc, &t, first, last, w);
    int lines = ptext_n_lines(&t);
    *h += ptext_height(&t);
    *notes += cited_notes(&t, lines);
    ptext_free(&t);
    return lines;
}

static int measure_blocks(lctx *lc, const fnode *first, const fnode *end, double w, int max,
                          double *h, double *notes)
{
    int lines = 0;
    for (const fnode *c = first; c != end && lines >= 0 && lines <= max; c = c->next) {
        if (c != first)
            *h += lctx_block_space(lc);
        if (fnode_is_inline(c)) { /* a tight item's text */
            const fnode *last = c;
            while (last->next && fnode_is_inline(last->next))
                last = last->next;
            lines += measure_run(lc, c, last, w, h, notes);
            c = last;
        } else if (c->type == FN_PARAGRAPH && c->first && !lctx_apart_image(lc, c->first)) {
            lines += measure_run(lc, c->first, NULL, w, h, notes);
        } else if (c->type == FN_LIST) {
            double indent = lctx_nested_indent(lc, lc->st->size_body * 1.6);
            for (const fnode *item = c->first; item && lines >= 0; item = item->next) {
                int n = measure_blocks(lc, item->first, NULL, w - indent, max - lines, h, notes);
                lines = n < 0 ? -1 : lines + n;
            }
        } else {
            lines = -1;
        }
    }
    return lines <= max ? lines : -1;
}

/* Notes of height h at this page's foot, with their separator when they
 * are the page's first. */
static double with_separator(const lctx *lc, double h)
{
    return h > 0 && !lc->page_notes ? h + lc->st->size_body : h;
}

/* measure_blocks for a container, with room for the notes its links and
 * references will add at the page's foot. */
int container_lines(lctx *lc, const fnode *first, double w, int max, double *h)
{
    double notes = 0;
    *h = 0;
    int lines = measure_blocks(lc, first, NULL, w, max, h, &notes);
    *h += with_separator(lc, notes);
    return lines;
}

/* A paragraph of text only: no image laid out apart or display formula
 * of its own (images among words are in its lines). */
static bool text_paragraph(lctx *lc, const fnode *c)
{
    if (c->type != FN_PARAGRAPH || !c->first)
        return false;
    for (const fnode *n = c->first; n; n = n->next)
        if (lctx_apart_image(lc, n) || (n->type == FN_MATH && n->as.math.display))
            return false;
    return true;
}

double paragraph_height(lctx *lc, const fnode *c, double w)
{
    if (!text_paragraph(lc, c))
        return -1;
    double h = 0, notes = 0;
    measure_run(lc, c->first, NULL, w, &h, &notes);
    return h + with_separator(lc, notes);
}

/* The lines of a code block's source (wrapping aside). */
static int code_lines(const fnode *c)
{
    const char *s = c->as.code->literal ? c->as.code->literal : "";
    int n = 1;
    for (size_t i = 0, len = strlen(s); i + 1 < len; i++)
        n += s[i] == '\n';
    return n;
}

/* The height of the first *want lines of blocks [c, …) at width w, and of
 * the notes they cite (added to *notes); *want counts down the lines still
 * wanted: an image ends it, a code block gives its first three lines (what
 * it keeps together), a callout its title and the start of its body, a
 * paragraph too short goes on into the next block, a list into its items. */
static double first_lines(lctx *lc, const fnode *c, const fnode *end, double w, int *want,
                          double *notes)
{
    const folio_style *st = lc->st;
    double h = 0;
    bool first = true;
    for (; c != end && *want > 0; c = c->next) {
        if (c->type == FN_HTML_COMMENT || c->type == FN_FOOTNOTE_DEF)
            continue; /* not printed here */
        if (!first)
            h += lctx_block_space(lc);
        first = false;
        const fnode *img = c->type == FN_PARAGRAPH && c->first ? lctx_apart_image(lc, c->first) : NULL;
        if (fnode_is_inline(c) || (c->type == FN_PARAGRAPH && c->first && !img)) {
            const fnode *from = fnode_is_inline(c) ? c : c->first, *last = NULL;
            if (fnode_is_inline(c)) { /* a tight item's text */
                for (last = c; last->next && fnode_is_inline(last->next);)
                    last = last->next;
                c = last;
            }
            ptext t = {0};
            measure_text(lc, &t, from, last, w);
            int n = ptext_n_lines(&t) < *want ? ptext_n_lines(&t) : *want;
            if (n > 0) {
                const tline *l = ptext_line(&t, n - 1);
                h += l->y + l->h - ptext_line(&t, 0)->y;
                *notes += cited_notes(&t, n);
            }
            *want -= n;
            ptext_free(&t);
        } else if (c->type == FN_CALLOUT) {
            const fnode *body = fnode_caption(c) ? fnode_caption(c)->next : c->first;
            double pad = st->size_body * 0.6;
            h += callout_title_height(lc) + first_lines(lc, body, NULL, w - 3 - 2 * pad, want, notes);
        } else if (c->type == FN_COLUMNS) { /* side by side: whole; else one after the other */
            double widths[COLUMNS_MAX], row = columns_height(lc, c, w, widths);
            if (row >= 0)
                *want = 0;
            h += row >= 0 ? row : first_lines(lc, c->first, NULL, w, want, notes);
        } else if (c->type == FN_DIV || c->type == FN_COLUMN) {
            h += first_lines(lc, c->first, NULL, w, want, notes);
        } else if (c->type == FN_QUOTE) {
            h += 4 + first_lines(lc, c->first, NULL, w - lctx_nested_indent(lc, 14), want, notes);
        } else if (c->type == FN_LIST) {
            double indent = lctx_nested_indent(lc, st->size_body * 1.6);
            for (const fnode *item = c->first; item && *want > 0; item = item->next)
                h += (item != c->first ? lctx_block_space(lc) : 0) +
                     first_lines(lc, item->first, NULL, w - indent, want, notes);
        } else if (c->type == FN_CODE_BLOCK) {
            int n = code_lines(c);
            h += (n < 3 ? n : 3) * st->size_code * 1.15 + 2 * st->size_code * 0.6;
            if (c->as.code->filename) /* its bar, about a small line high */
                h += st->size_small * 1.4 + st->size_code * 0.6;
            *want -= n;
        } else if (c->type == FN_FIGURE || img) {
            const fnode *caption = c->type == FN_FIGURE ? fnode_caption(c) : NULL;
            h += layout_image_height(lc, img ? img->as.image : c->as.image, caption, w);
            if (caption && caption->first) { /* the notes its caption cites */
                ptext t = {0};
                bool measuring = lc->measuring;
                lc->measuring = true;
                lctx_caption_text(lc, &t, caption, w);
                lc->measuring = measuring;
                *notes += cited_notes(&t, ptext_n_lines(&t));
                ptext_free(&t);
            }
            *want = 0;
        } else { /* a table, a heading…: two lines of it */
            h += 2 * lctx_body_line(lc);
            *want = 0;
        }
    }
    return h;
}

/* The height the start of a container's body needs beside its title: its
 * first two lines (or its image), with room for the notes they cite. */
double first_block_height(lctx *lc, const fnode *c, double w)
{
    int want = 2;
    double notes = 0, h = first_lines(lc, c, NULL, w, &want, &notes);
    return h + with_separator(lc, notes);
}

/* One column of a row at width w, each block whole: paragraphs of text,
 * figures (or an image alone), lists of paragraphs; -1 for anything else. */
static double column_height(lctx *lc, const fnode *col, double w, double *notes)
{
    double h = 0;
    for (const fnode *c = col->first; c; c = c->next) {
        if (c->type == FN_HTML_COMMENT)
            continue;
        if (c != col->first)
            h += lctx_block_space(lc);
        const fnode *img = c->type == FN_PARAGRAPH && c->first && !c->first->next
                               ? block_image(c->first)
                               : NULL;
        int want = 1 << 20;
        if (c->type == FN_FIGURE || img)
            h += first_lines(lc, c, c->next, w, &want, notes);
        else if (text_paragraph(lc, c))
            measure_run(lc, c->first, NULL, w, &h, notes);
        else if (c->type != FN_LIST || measure_blocks(lc, c, c->next, w, want, &h, notes) < 0)
            return -1;
    }
    return h;
}

/* A column's width="…%", its share of the row; 0 when it gives none. */
static double column_percent(const fnode *col)
{
    const flen *w = &col->as.column.width;
    return w->unit == FLEN_PERCENT && w->value > 0 ? w->value : 0;
}

double columns_gutter(const lctx *lc) { return lc->st->size_body; }

/* Widths in percent share the row's width less the gutters; the others
 * share what is left equally. The number of columns; 0 when row holds
 * anything but columns, or more than COLUMNS_MAX. */
static int column_widths(const lctx *lc, const fnode *row, double w, double *widths)
{
    double gutter = columns_gutter(lc), given = 0;
    int k = 0, unsized = 0;
    for (const fnode *col = row->first; col; col = col->next, k++) {
        if (col->type != FN_COLUMN || k == COLUMNS_MAX)
            return 0;
        given += column_percent(col);
        unsized += column_percent(col) == 0;
    }
    double avail = w - gutter * (k - 1), scale = given > 100 ? 100 / given : 1;
    double rest = avail * (1 - given * scale / 100) / (unsized ? unsized : 1);
    int i = 0;
    for (const fnode *col = row->first; col; col = col->next, i++)
        widths[i] = column_percent(col) > 0 ? avail * column_percent(col) * scale / 100 : rest;
    return k;
}

double columns_height(lctx *lc, const fnode *row, double width, double *widths)
{
    int k = column_widths(lc, row, width, widths);
    if (k < 2)
        return -1;
    double tallest = 0, notes = 0;
    int i = 0;
    double w = lc->w; /* nested indents are taken from the column's width */
    for (const fnode *col = row->first; col && tallest >= 0; col = col->next, i++) {
        lc->w = widths[i];
        double h = column_height(lc, col, widths[i], &notes);
        tallest = h < 0 || h > tallest ? h : tallest;
    }
    lc->w = w;
    if (tallest < 0)
        return -1;
    tallest += with_separator(lc, notes);
    return tallest > lc->bottom - lc->top ? -1 : tallest;
}
