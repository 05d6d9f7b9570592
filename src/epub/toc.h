/* The book's table of contents (book->toc: parts, issues, sections) as
 * nested lists. nav.xhtml and toc.ncx write the same tree, each with its
 * own markup. */
#ifndef FOLIO_EPUB_TOC_H
#define FOLIO_EPUB_TOC_H

#include "book.h"

typedef struct epub_toc_writer epub_toc_writer;
struct epub_toc_writer {
    buf *o;
    /* The markup: an entry opens (and stays open for its children), a list
     * of children opens and closes, an entry closes. */
    void (*open_entry)(epub_toc_writer *w, const char *href, const book_entry *e);
    void (*open_list)(epub_toc_writer *w);
    void (*close_list)(epub_toc_writer *w);
    void (*close_entry)(epub_toc_writer *w);
    int count; /* entries opened so far */
    int order; /* the NCX play order: one per distinct target, in reading order */
    char last_href[256]; /* the previous entry's target (a part and its first issue share one) */
    int open;  /* entries open now */
};

/* Writes every entry of the book through w, closing all it opened. */
void epub_toc_write(const epub_book *b, epub_toc_writer *w);
/* The deepest level of the table of contents. */
int epub_toc_levels(const epub_book *b);

#endif
