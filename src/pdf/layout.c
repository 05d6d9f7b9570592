/* The layout's storage: pages, boxes, outline entries, and releasing the
 * outside resources they hold (layouts, image surfaces). */
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "formula.h"
#include "icons.h"
#include "images.h"
#include "util/oom.h"

size_t ppage_add(ppage *p, const pbox *b)
{
    p->boxes = oom_grow(p->boxes, &p->cap, p->n + 1, sizeof *p->boxes, 16);
    p->boxes[p->n] = *b;
    return p->n++;
}

ppage *playout_new_page(playout *pl, int doc)
{
    pl->pages = oom_grow(pl->pages, &pl->cap_pages, pl->n_pages + 1, sizeof *pl->pages, 16);
    ppage *p = &pl->pages[pl->n_pages++];
    memset(p, 0, sizeof *p);
    p->doc = doc;
    return p;
}

double ppage_width(const playout *pl, const ppage *p)
{
    return p->landscape ? pl->page_h : pl->page_w;
}

double ppage_height(const playout *pl, const ppage *p)
{
    return p->landscape ? pl->page_w : pl->page_h;
}

ptoc_entry *playout_add_entry(playout *pl)
{
    pl->entries =
        oom_grow(pl->entries, &pl->cap_entries, pl->n_entries + 1, sizeof *pl->entries, 16);
    ptoc_entry *e = &pl->entries[pl->n_entries++];
    memset(e, 0, sizeof *e);
    return e;
}

const char *ptag_name(ptag t)
{
    static const char *const names[] = {"P",    "H1",     "H2",   "H3",   "H4",    "H5",      "H6",
                                        "Code", "Figure", "Note", "TOCI", "Table", "L", "Caption"};
    return names[t];
}

char *pbox_line_text(const pbox *b)
{
    return tpara_line_text(b->para, b->line);
}

void ppage_release(ppage *p)
{
    for (size_t k = 0; k < p->n; k++)
        tpara_unref(p->boxes[k].para);
    free(p->boxes);
    p->boxes = NULL;
    p->n = p->cap = 0;
}

static void release_measured(playout *pl, size_t i)
{
    const ppage *p = &pl->pages[i];
    for (size_t k = 0; k < p->n; k++) {
        const pbox *b = &p->boxes[k];
        if (b->kind == PB_DEST && !g_hash_table_contains(pl->dest_page, b->text))
            g_hash_table_insert(pl->dest_page, g_strdup(b->text), GSIZE_TO_POINTER(i + 1));
    }
    ppage_release(&pl->pages[i]);
    shape_cache_trim(pl->shapes, SHAPES_KEPT);
    if (i % 64 == 63)
        pstruct_forget(&pl->structure);
}

void playout_pages_final(playout *pl, size_t upto)
{
    /* past limits.max_held_pages, a document without images is measured
     * instead (its boxes released as its pages end), then laid out again
     * and painted page by page: a pass more, for a peak that no longer
     * grows with the layout of its pages */
    if (!pl->stream && !pl->measured && pl->may_measure && !pl->images &&
        upto > pl->held_pages_max) {
        pl->measured = true;
        pl->dest_page = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    }
    if (!pl->stream && !pl->measured)
        return; /* held whole until painted */
    for (; pl->n_final < upto; pl->n_final++) {
        if (pl->n_final % 64 == 63) /* the model's part laid out (util/arena.h) */
            for (size_t k = 0; k < pl->n_docs; k++)
                arena_forget(pl->docs[k]->arena);
        if (pl->stream)
            pl->stream->page_final(pl->stream->user, pl, pl->n_final);
        else if (pl->measured)
            release_measured(pl, pl->n_final);
    }
}

size_t playout_page_count(const playout *pl)
{
    return pl->stream ? pl->stream->n_pages : pl->n_pages;
}

void playout_drop(playout *pl)
{
    if (!pl)
        return;
    if (pl->dest_page)
        g_hash_table_destroy(pl->dest_page);
    if (pl->page_of)
        g_hash_table_destroy(pl->page_of);
    for (size_t i = 0; i < pl->n_pages; i++)
        ppage_release(&pl->pages[i]);
    free(pl->pages);
    free(pl->entries);
    pstruct_free(&pl->structure);
    for (pimage *im = pl->images; im; im = im->next) {
        if (im->surface)
            cairo_surface_destroy(im->surface);
    }
    pdf_images_stop(pl->ahead);
    shape_cache_drop(pl->shapes);
    if (pl->context)
        g_object_unref(pl->context);
    pdf_math_drop(pl->math);
    pdf_icons_drop(pl->icons);
    arena_drop(pl->arena);
    free(pl);
}
