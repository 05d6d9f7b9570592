#include "title.h"

#include <stdbool.h>
#include <string.h>

static bool has_category(const folio_doc *doc, const char *cat)
{
    for (size_t k = 0; k < doc->meta.categories.n; k++)
        if (strcmp(doc->meta.categories.items[k], cat) == 0)
            return true;
    return false;
}

static const char *shared_category(folio_doc *const *docs, size_t n)
{
    const fstrlist *first = &docs[0]->meta.categories;
    for (size_t c = 0; c < first->n; c++) {
        bool everywhere = true;
        for (size_t i = 1; i < n && everywhere; i++)
            everywhere = has_category(docs[i], first->items[c]);
        if (everywhere)
            return first->items[c];
    }
    return NULL;
}

/* The site's title (Quarto website.title, Hugo title) when every issue
 * that has a project names the same. */
static const char *shared_site(folio_doc *const *docs, size_t n)
{
    const char *site = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *t = docs[i]->project.title;
        if (!t || !*t)
            continue;
        if (site && strcmp(site, t) != 0)
            return NULL;
        site = t;
    }
    return site;
}

const char *book_default_title(arena *a, folio_doc *const *docs, size_t n, const char *fallback)
{
    const char *shared = n ? shared_category(docs, n) : NULL;
    const char *site = shared_site(docs, n);
    const char *name = shared ? shared : site ? NULL : fallback;
    if (site)
        name = name ? arena_printf(a, "%s \u2014 %s", site, name) : site;
    int first = 0, last = 0;
    for (size_t i = 0; i < n; i++) {
        const fdate *d = &docs[i]->meta.date;
        if (!d->valid)
            continue;
        if (!first || d->year < first)
            first = d->year;
        if (d->year > last)
            last = d->year;
    }
    if (!first)
        return name;
    if (first == last)
        return arena_printf(a, "%s %d", name, first);
    return arena_printf(a, "%s %d\u2013%d", name, first, last);
}
