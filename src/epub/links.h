/* Where a link in a chapter points once the issues are one book: an anchor
 * of the same chapter, another compiled issue (a relative path to its
 * folder or file, or a site path ending with its folder name), or the web. */
#ifndef FOLIO_EPUB_LINKS_H
#define FOLIO_EPUB_LINKS_H

#include "book.h"

/* The source's key (bundle folder name, else file stem) and real paths,
 * filled into ch before links are resolved. */
void epub_chapter_locate(epub_book *b, epub_chapter *ch);

/* The href to write for url in chapter ch, allocated in b->arena, or NULL
 * when the link cannot be followed inside the EPUB (a site path to a page
 * that is not in the book, a missing anchor, an unsafe scheme); then *why
 * holds a static reason. */
const char *epub_link_href(epub_book *b, const epub_chapter *ch, const char *url,
                           const char **why);

#endif
