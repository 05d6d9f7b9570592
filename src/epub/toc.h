/* The book's table of contents as nested lists: each issue, then its
 * sections nested by heading level. nav.xhtml and toc.ncx write the same
 * tree, each with its own markup. */
#ifndef FOLIO_EPUB_TOC_H
#define FOLIO_EPUB_TOC_H

#include "book.h"

typedef struct epub_toc_writer epub_toc_writer;
struct epub_toc_writer {
    buf *o;
    /* The markup: an entry opens (and stays open for its children), a list
     * of children opens and closes, an entry closes. */
    void (*open_entry)(epub_toc_writer *w, const char *href, const char *text);
    void (*open_list)(epub_toc_writer *w);
    void (*close_list)(epub_toc_writer *w);
    void (*close_entry)(epub_toc_writer *w);
    int count; /* entries opened so far (the NCX play order) */
    int open;  /* entries open now */
};

/* Writes every entry of the book through w, closing all it opened. */
void epub_toc_write(const epub_book *b, epub_toc_writer *w);

#endif
