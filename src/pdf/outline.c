/* The PDF outline: one bookmark per heading, nested as the headings are
 * (and under each issue's title in a compilation), pointing at the named
 * destinations the paint pass wrote. */
#include "layout.h"
#include "meta.h"

#define LEVELS 8

void pdf_outline(cairo_surface_t *s, const playout *pl)
{
    /* parent[l]: the bookmark an entry of level l hangs under */
    int parent[LEVELS];
    for (int l = 0; l < LEVELS; l++)
        parent[l] = 0;
    for (size_t i = 0; i < pl->n_entries; i++) {
        const ptoc_entry *e = &pl->entries[i];
        int level = e->level < 0 ? 0 : e->level >= LEVELS ? LEVELS - 1 : e->level;
        int id = pdf_meta_outline(s, parent[level], e->title, e->dest, level <= 1);
        for (int l = level + 1; l < LEVELS; l++)
            parent[l] = id;
    }
}
