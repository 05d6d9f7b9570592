#include "toc.h"

/* Opens the entry at depth (0 = the top), first closing the entries that
 * cannot hold it: an entry stays open until one at the same or a shallower
 * depth comes. */
static void put_entry(epub_toc_writer *w, int depth, const char *href, const book_entry *e)
{
    if (depth >= w->open) {
        if (w->open > 0)
            w->open_list(w);
    } else {
        while (w->open > depth + 1) {
            w->close_entry(w);
            w->close_list(w);
            w->open--;
        }
        w->close_entry(w);
        w->open--;
    }
    w->count++;
    w->open_entry(w, href, e);
    w->open++;
}

void epub_toc_write(const epub_book *b, epub_toc_writer *w)
{
    const fbook *bk = b->book;
    for (size_t i = 0; i < bk->n_toc; i++) {
        const book_entry *e = &bk->toc[i];
        const char *file = b->chapters[e->chapter].file;
        char *href = e->anchor ? g_strdup_printf("%s#%s", file, e->anchor) : g_strdup(file);
        put_entry(w, e->level - 1, href, e);
        g_free(href);
    }
    while (w->open > 0) {
        w->close_entry(w);
        if (--w->open > 0)
            w->close_list(w);
    }
}

int epub_toc_levels(const epub_book *b)
{
    int levels = 1;
    for (size_t i = 0; i < b->book->n_toc; i++)
        if (b->book->toc[i].level > levels)
            levels = b->book->toc[i].level;
    return levels;
}
