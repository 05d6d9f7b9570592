/* The layout's storage: pages, boxes, outline entries, and releasing the
 * outside resources they hold (layouts, image surfaces). */
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "formula.h"

static void *grow(void *p, size_t *cap, size_t size)
{
    *cap = *cap ? 2 * *cap : 16;
    p = realloc(p, *cap * size);
    if (!p)
        abort();
    return p;
}

size_t ppage_add(ppage *p, const pbox *b)
{
    if (p->n == p->cap)
        p->boxes = grow(p->boxes, &p->cap, sizeof *p->boxes);
    p->boxes[p->n] = *b;
    return p->n++;
}

ppage *playout_new_page(playout *pl, int doc)
{
    if (pl->n_pages == pl->cap_pages)
        pl->pages = grow(pl->pages, &pl->cap_pages, sizeof *pl->pages);
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
    if (pl->n_entries == pl->cap_entries)
        pl->entries = grow(pl->entries, &pl->cap_entries, sizeof *pl->entries);
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

void playout_drop(playout *pl)
{
    if (!pl)
        return;
    for (size_t i = 0; i < pl->n_pages; i++)
        ppage_release(&pl->pages[i]);
    free(pl->pages);
    free(pl->entries);
    pstruct_free(&pl->structure);
    for (pimage *im = pl->images; im; im = im->next) {
        if (im->surface)
            cairo_surface_destroy(im->surface);
    }
    shape_cache_drop(pl->shapes);
    if (pl->context)
        g_object_unref(pl->context);
    pdf_math_drop(pl->math);
    arena_drop(pl->arena);
    free(pl);
}
