/* Ordering the issues of a compilation: by front-matter date, then path;
 * drafts, other years and pages that are not issues left out. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doc/doc.h"
#include "folio.h"

static int cmp_docs(const void *a, const void *b)
{
    const folio_doc *x = *(folio_doc *const *)a, *y = *(folio_doc *const *)b;
    int64_t dx = folio_doc_date(x), dy = folio_doc_date(y);
    if (dx != dy)
        return dx < dy ? -1 : 1;
    return strcmp(folio_doc_path(x), folio_doc_path(y));
}

/* A site's listing page (listing: in front matter) and files named _x.md
 * (Hugo's _index.md section pages, Quarto's partials) are pages of the
 * site, never issues. */
static bool is_issue(const folio_doc *doc)
{
    const char *slash = strrchr(doc->path, '/');
    const char *base = slash ? slash + 1 : doc->path;
    return !doc->meta.listing && base[0] != '_';
}

static int year_of(int64_t epoch)
{
    time_t t = (time_t)epoch;
    struct tm tm;
    gmtime_r(&t, &tm);
    return tm.tm_year + 1900;
}

size_t folio_select_documents(folio_doc **docs, size_t n, int keep_drafts, int year)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t date = folio_doc_date(docs[i]);
        bool drop = !is_issue(docs[i]) || (!keep_drafts && folio_doc_is_draft(docs[i])) ||
                    (year > 0 && (date < 0 || year_of(date) != year));
        if (drop)
            folio_doc_drop(docs[i]);
        else
            docs[kept++] = docs[i];
    }
    qsort(docs, kept, sizeof *docs, cmp_docs);
    return kept;
}
