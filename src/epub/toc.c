#include "toc.h"

/* Opens the entry at depth (0 = an issue), first closing the entries that
 * cannot hold it: an entry stays open until one at the same or a shallower
 * depth comes. */
static void put_entry(epub_toc_writer *w, int depth, const char *href, const char *text)
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
    w->open_entry(w, href, text);
    w->open++;
}

void epub_toc_write(const epub_book *b, epub_toc_writer *w)
{
    for (size_t i = 0; i < b->n; i++) {
        const epub_chapter *ch = &b->chapters[i];
        put_entry(w, 0, ch->file, ch->title);
        /* Source levels open under the issue: a level that skips one
         * (## then ####) nests one deeper, not two. */
        int stack[8], depth = 0;
        for (size_t k = 0; k < ch->n_toc; k++) {
            int level = ch->toc[k].level;
            while (depth > 0 && stack[depth - 1] >= level)
                depth--;
            stack[depth++] = level;
            char *href = g_strdup_printf("%s#%s", ch->file, ch->toc[k].id);
            put_entry(w, depth, href, ch->toc[k].text);
            g_free(href);
        }
    }
    while (w->open > 0) {
        w->close_entry(w);
        if (--w->open > 0)
            w->close_list(w);
    }
}
