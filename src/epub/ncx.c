/* toc.ncx: the same table of contents for EPUB 2 reading systems. */
#include <stdio.h>
#include <string.h>

#include "book.h"
#include "toc.h"
#include "xml.h"

static void ncx_open_entry(epub_toc_writer *n, const char *href, const book_entry *e)
{
    /* Entries with one target share its play order (epubcheck RSC-005). */
    if (strncmp(href, n->last_href, sizeof n->last_href) != 0)
        n->order++;
    snprintf(n->last_href, sizeof n->last_href, "%s", href);
    buf_printf(n->o, "<navPoint id=\"np-%d\" playOrder=\"%d\"><navLabel><text>", n->count,
               n->order);
    xml_text(n->o, e->title); /* NCX labels are text only */
    buf_puts(n->o, "</text></navLabel><content");
    xml_attr(n->o, "src", href);
    buf_puts(n->o, "/>");
}
/* NCX nests navPoints directly: a list is only a line break. */
static void ncx_newline(epub_toc_writer *n) { buf_putc(n->o, '\n'); }
static void ncx_close_entry(epub_toc_writer *n) { buf_puts(n->o, "</navPoint>\n"); }

void epub_ncx(const epub_book *b, buf *o)
{
    xml_declaration(o);
    buf_puts(o, "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\"");
    xml_attr(o, "xml:lang", b->lang);
    buf_printf(o, ">\n<head>\n<meta name=\"dtb:uid\" content=\"urn:uuid:%s\"/>\n"
                  "<meta name=\"dtb:depth\" content=\"%d\"/>\n"
                  "<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n"
                  "<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n<docTitle><text>",
               b->uuid, epub_toc_levels(b));
    xml_text(o, b->title);
    buf_puts(o, "</text></docTitle>\n<navMap>\n");
    epub_toc_writer toc = {.o = o, .open_entry = ncx_open_entry, .open_list = ncx_newline,
                           .close_list = ncx_newline, .close_entry = ncx_close_entry};
    epub_toc_write(b, &toc);
    buf_puts(o, "</navMap>\n</ncx>\n");
}
