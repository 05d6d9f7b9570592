/* The book: everything both backends need that is not a document tree,
 * computed once per run (folio_render call) and read by both — the ordered
 * chapters and their titles, the book's title, language and dates. The
 * backends never answer these questions themselves, so the PDF and the
 * EPUB of the same sources agree. Strings live in book->arena. */
#ifndef FOLIO_BOOK_H
#define FOLIO_BOOK_H

#include <stdbool.h>
#include <stdint.h>

#include "doc/doc.h"
#include "util/diag.h"

typedef struct book_chapter {
    folio_doc *doc;
    const char *title; /* front-matter title, else the bundle folder or file stem; never empty */
    const char *key;   /* the bundle folder name or file stem ("infolettre_17"); may be NULL */
} book_chapter;

typedef struct fbook {
    arena *arena;
    book_chapter *chapters; /* in reading order (the order given) */
    folio_doc *const *docs; /* the same documents, as given (borrowed) */
    size_t n;
    bool compilation;       /* more than one chapter: a cover, a title per issue */
    const char *lang;       /* the language most chapters are written in (BCP 47) */
    const char *title;      /* --title, else one issue's own title, else book_default_title */
    int year_first, year_last; /* span of the front-matter dates; 0 when none has one */
    const fdate *newest;    /* the latest front-matter date (NULL: none) */
    int64_t modified;       /* SOURCE_DATE_EPOCH, else the newest date or lastmod, else 0 */
    fdiag *diag;
    folio_progress_fn progress;
    void *progress_user;
} fbook;

/* Builds the book of n documents (n ≥ 1) with o's title and source date
 * (o->source_date_epoch < 0: $SOURCE_DATE_EPOCH, else the sources').
 * NULL when out of memory. Drop with book_free before the documents. */
fbook *book_new(folio_doc *const *docs, size_t n, const folio_render_options *o, fdiag *d);
void book_free(fbook *b);

/* The last meaningful component of path[0, len): "a/b/index.md" → "b",
 * "a/b/" → "b", "a/c.qmd" → "c", "/site/issue_16" → "issue_16"; in a.
 * NULL when nothing is left. It names a chapter, and finds the chapter a
 * link points to. */
const char *book_path_key(arena *a, const char *path, size_t len);

/* Reports that chapter i (0-based) has been rendered: the progress callback,
 * the same for both backends. */
void book_progress(const fbook *b, size_t i);

#endif
