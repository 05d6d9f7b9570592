/* The table of contents, laid out once before the body at its final size:
 * entries are known from the tree, and their page numbers, which only
 * occupy a fixed column, are filled in when painting (PB_TOCNUM). */
#include <math.h>

#include "doc/tree.h"
#include "engine.h"

static const char *dest_for(arena *a, int doc, const char *id)
{
    return doc == 0 ? id : arena_printf(a, "d%d-%s", doc, id);
}

const char *lctx_dest_name(lctx *lc, const char *id)
{
    return dest_for(lc->pl->arena, lc->doc_index, id);
}

int toc_min_level(const fnode *root)
{
    int min = 6;
    for (const fnode *n = root; n; n = fnode_next(root, n, n->type == FN_FOOTNOTE_DEF))
        if (n->type == FN_HEADING && n->as.heading.level < min)
            min = n->as.heading.level;
    return min;
}

void toc_collect(playout *pl, int depth, bool compilation)
{
    for (size_t k = 0; k < pl->n_docs; k++) {
        folio_doc *doc = pl->docs[k];
        if (compilation) {
            ptoc_entry *e = playout_add_entry(pl);
            e->title = doc->meta.title ? doc->meta.title : doc->path;
            e->dest = dest_for(pl->arena, (int)k, "title");
            e->doc = (int)k;
            e->in_toc = true;
        }
        int min = toc_min_level(doc->root);
        const fnode *root = doc->root;
        for (const fnode *n = root; n; n = fnode_next(root, n, n->type == FN_FOOTNOTE_DEF)) {
            if (n->type != FN_HEADING)
                continue;
            ptoc_entry *e = playout_add_entry(pl);
            e->node = n;
            e->title = fnode_plain_text(pl->arena, n);
            e->level = n->as.heading.level - min + 1;
            e->dest = dest_for(pl->arena, (int)k, n->as.heading.id);
            e->doc = (int)k;
            e->in_toc = e->level <= (compilation ? depth - 2 : depth);
        }
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

void toc_mark_doc(lctx *lc)
{
    playout *pl = lc->pl;
    for (size_t i = 0; i < pl->n_entries; i++)
        if (!pl->entries[i].node && pl->entries[i].doc == lc->doc_index) {
            pl->entries[i].page = (int)lc->page_index + 1;
            return;
        }
}

static void toc_entry(lctx *lc, const ptoc_entry *e, bool compilation)
{
    const folio_style *st = lc->st;
    double indent = (compilation ? e->level : e->level - 1) * st->size_body * 1.2;
    double num_w = st->size_body * 2.5;
    bool bold = e->level == (compilation ? 0 : 1);
    ptext t = {0};
    ptext_plain(lc, &t, e->title, PF_BODY, st->size_body, bold, false, st->color_text,
                lc->w - indent - num_w);
    t.tag = PT_TOC;
    double h = ptext_height(&t);
    lctx_ensure(lc, h);
    double x = lc->x + indent, y = lc->y;
    lctx_emit_lines(lc, &t, 0, t.n_lines, x, y);
    int last = t.n_lines - 1;
    PangoRectangle logical;
    pango_layout_line_get_extents(pango_layout_get_line_readonly(t.layout, last), NULL, &logical);
    double end = x + t.line_x[last] + (double)logical.width / PANGO_SCALE;
    lctx_add(lc, &(pbox){.kind = PB_TOCNUM, .x = end, .y = y + t.line_y[last],
                         .w = lc->x + lc->w - end, .h = t.line_h[last],
                         .baseline = t.line_base[last], .toc = e});
    lctx_add(lc, &(pbox){.kind = PB_LINK, .x = x, .y = y, .w = lc->x + lc->w - x, .h = h,
                         .text = e->dest, .internal = true, .link_id = ++lc->next_link_id});
    lc->pl->n_links++;
    lc->y += h + st->size_body * (bold ? 0.35 : 0.15);
    ptext_free(&t);
}

void layout_toc(lctx *lc, bool compilation)
{
    const folio_style *st = lc->st;
    size_t listed = 0;
    for (size_t i = 0; i < lc->pl->n_entries; i++)
        listed += lc->pl->entries[i].in_toc;
    if (!listed)
        return; /* no heading: no contents to list */
    ptext t = {0};
    ptext_plain(lc, &t, book_word(lc->lang, W_CONTENTS), PF_HEADING, st->size_heading[1], true,
                false, st->color_heading, lc->w);
    t.tag = PT_H2;
    lc->space_before = fmax(lc->space_before, st->size_heading[1] * 0.6);
    lctx_block_start(lc);
    lctx_ensure(lc, ptext_height(&t) + 3 * st->size_body * st->line_height);
    lctx_place_text(lc, &t, 1);
    ptext_free(&t);
    lc->y += st->size_body * 0.5;
    for (size_t i = 0; i < lc->pl->n_entries; i++)
        if (lc->pl->entries[i].in_toc)
            toc_entry(lc, &lc->pl->entries[i], compilation);
    lctx_block_end(lc, st->paragraph_spacing * 2);
}
