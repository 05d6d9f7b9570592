/* The table of contents, laid out once before the body at its final size:
 * the entries are the book's (book->toc, the EPUB's nav too), and their
 * page numbers, which only occupy a fixed column, are filled in when
 * painting (PB_TOCNUM). Named destinations follow the book's anchors. */
#include <math.h>

#include "doc/tree.h"
#include "engine.h"

const char *pdf_dest_name(const playout *pl, int doc, const char *anchor)
{
    if (!anchor)
        anchor = BOOK_TITLE_ANCHOR;
    /* One issue keeps the source's names (file.pdf#section works); a
     * compilation prefixes each issue's. */
    return pl->n_docs == 1 ? anchor : arena_printf(pl->arena, "i%d-%s", doc + 1, anchor);
}

void lctx_anchor_dests(lctx *lc, const fnode *n)
{
    const char *anchor = book_anchor_of(lc->pl->book, (size_t)lc->doc_index, n);
    if (anchor)
        lctx_dest(lc, pdf_dest_name(lc->pl, lc->doc_index, anchor));
    for (const fnode *c = n->first; c; c = c->next)
        if (fnode_is_inline(n) || fnode_is_inline(c))
            lctx_anchor_dests(lc, c);
}

int toc_min_level(const fnode *root)
{
    int min = 6;
    for (const fnode *n = root; n; n = fnode_next(root, n, n->type == FN_FOOTNOTE_DEF))
        if (n->type == FN_HEADING && n->as.heading.level < min)
            min = n->as.heading.level;
    return min;
}

static const char *part_dest(const playout *pl, int part)
{
    return arena_printf(pl->arena, "folio-part-%d", part + 1);
}

void toc_collect(playout *pl)
{
    const fbook *bk = pl->book;
    for (size_t i = 0; i < bk->n_toc; i++) {
        const book_entry *be = &bk->toc[i];
        ptoc_entry *e = playout_add_entry(pl);
        e->kind = be->kind;
        e->node = be->heading;
        e->title = be->title;
        e->struck = be->struck;
        e->n_struck = be->n_struck;
        e->level = be->level;
        e->doc = (int)be->chapter;
        e->part = be->part;
        e->dest = be->kind == BOOK_PART ? part_dest(pl, be->part)
                                        : pdf_dest_name(pl, (int)be->chapter, be->anchor);
    }
}

void toc_mark(lctx *lc, const fnode *n)
{
    playout *pl = lc->pl;
    for (size_t i = lc->toc_cursor; i < pl->n_entries; i++)
        if (pl->entries[i].node == n) {
            pl->entries[i].page = (int)lc->page_index + 1;
            lc->toc_cursor = i + 1;
            return;
        }
}

void toc_remark(lctx *lc, const fnode *n)
{
    playout *pl = lc->pl;
    for (size_t i = 0; i < pl->n_entries; i++)
        if (pl->entries[i].node == n)
            pl->entries[i].page = (int)lc->page_index + 1;
}

void toc_mark_start(lctx *lc, int part)
{
    playout *pl = lc->pl;
    book_entry_kind kind = part >= 0 ? BOOK_PART : BOOK_CHAPTER;
    const char *dest = part >= 0 ? part_dest(pl, part) : pdf_dest_name(pl, lc->doc_index, NULL);
    lctx_dest(lc, dest);
    for (size_t i = 0; i < pl->n_entries; i++) {
        ptoc_entry *e = &pl->entries[i];
        if (e->kind == kind && (part >= 0 ? e->part == part : e->doc == lc->doc_index)) {
            e->page = (int)lc->page_index + 1;
            return;
        }
    }
}

static void toc_entry(lctx *lc, const ptoc_entry *e)
{
    const folio_style *st = lc->st;
    double indent = (e->level - 1) * st->size_body * 1.2;
    double num_w = st->size_body * 2.5;
    bool bold = e->kind != BOOK_SECTION;
    /* a book read right to left: the titles on the right, the numbers on the left */
    bool rtl = lang_is_rtl(lc->pl->book->lang);
    ptext t = {0};
    ptext_entry(lc, &t, e, bold, lc->w - indent - num_w, rtl);
    t.tag = PT_TOC;
    double h = ptext_height(&t);
    lctx_ensure(lc, h);
    /* the whole entry is its link: TOCI > Link > title, page number */
    int link_id = ++lc->next_link_id;
    int toci = pstruct_add(&lc->pl->structure, lc->tags.open, PS_TOCI);
    t.elem = pstruct_link(&lc->pl->structure, link_id, toci);
    double x = lc->x + (rtl ? num_w : indent), y = lc->y;
    lctx_emit_lines(lc, &t, 0, ptext_n_lines(&t), x, y);
    const tline *last = ptext_line(&t, ptext_n_lines(&t) - 1);
    /* the leader and number: from the title's end to the far side */
    double end = rtl ? x + last->x : x + last->x + last->width;
    double from = rtl ? lc->x : end, to = rtl ? end : lc->x + lc->w;
    lctx_add(lc, &(pbox){.kind = PB_TOCNUM, .x = from, .y = y + last->y, .w = to - from,
                         .h = last->h, .baseline = last->baseline, .toc = e, .rtl = rtl,
                         .elem = lctx_leaf(lc, t.elem)});
    double link_x = rtl ? lc->x : x, link_w = rtl ? lc->w - indent : lc->x + lc->w - x;
    lctx_add(lc, &(pbox){.kind = PB_LINK, .x = link_x, .y = y, .w = link_w, .h = h,
                         .text = e->dest, .internal = true, .link_id = link_id,
                         .elem = t.elem});
    lc->pl->n_links++;
    lc->y += h + st->size_body * (bold ? 0.35 : 0.15);
    ptext_free(&t);
}

void layout_toc(lctx *lc)
{
    const folio_style *st = lc->st;
    size_t listed = 0;
    for (size_t i = 0; i < lc->pl->n_entries; i++)
        listed += lc->pl->entries[i].kind == BOOK_SECTION;
    if (!listed && !lc->pl->book->compilation)
        return; /* no heading: no contents to list */
    ptext t = {0};
    ptext_plain(lc, &t, book_contents_title(lc->pl->book), PF_HEADING,
                st->size_heading[1], true, false, st->color_heading, lc->w,
                lang_is_rtl(lc->pl->book->lang) ? TALIGN_RIGHT : TALIGN_LEFT);
    t.tag = PT_H1; /* a section of the book, or of the issue under its title */
    lc->space_before = fmax(lc->space_before, st->size_heading[1] * 0.6);
    lctx_block_start(lc);
    lctx_ensure(lc, ptext_height(&t) + 3 * st->size_body * st->line_height);
    lctx_place_text(lc, &t, 1);
    ptext_free(&t);
    lc->y += st->size_body * 0.5;
    int toc = lctx_open(lc, PS_TOC);
    for (size_t i = 0; i < lc->pl->n_entries; i++)
        toc_entry(lc, &lc->pl->entries[i]);
    lctx_close(lc, toc);
    lctx_block_end(lc, st->paragraph_spacing * 2);
}
