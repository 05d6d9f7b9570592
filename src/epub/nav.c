/* nav.xhtml: the nested table of contents (issue → its sections) and the
 * landmarks. */
#include <glib.h>

#include "book.h"
#include "toc.h"
#include "xml.h"

static void text_part(buf *o, const char *s, int len)
{
    char *part = g_strndup(s, (gsize)len);
    xml_text(o, part);
    g_free(part);
}

/* An entry's title, its struck-through words struck as in the chapter. */
static void nav_open_entry(epub_toc_writer *n, const char *href, const book_entry *e)
{
    buf_puts(n->o, "<li><a");
    xml_attr(n->o, "href", href);
    buf_putc(n->o, '>');
    int from = 0;
    for (int i = 0; i < e->n_struck; i++) {
        int start = e->struck[2 * i], end = e->struck[2 * i + 1];
        text_part(n->o, e->title + from, start - from);
        buf_puts(n->o, "<s>");
        text_part(n->o, e->title + start, end - start);
        buf_puts(n->o, "</s>");
        from = end;
    }
    xml_text(n->o, e->title + from);
    buf_puts(n->o, "</a>");
}
static void nav_open_list(epub_toc_writer *n) { buf_puts(n->o, "\n<ol>\n"); }
static void nav_close_list(epub_toc_writer *n) { buf_puts(n->o, "</ol>\n"); }
static void nav_close_entry(epub_toc_writer *n) { buf_puts(n->o, "</li>\n"); }

void epub_nav(const epub_book *b, buf *o)
{
    xhtml_open(o, b->lang, book_contents_title(b->book));
    buf_puts(o, "<body>\n<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">\n<h1>");
    xml_text(o, book_contents_title(b->book));
    buf_puts(o, "</h1>\n<ol>\n");
    epub_toc_writer toc = {.o = o, .open_entry = nav_open_entry, .open_list = nav_open_list,
                           .close_list = nav_close_list, .close_entry = nav_close_entry};
    epub_toc_write(b, &toc);
    buf_puts(o, "</ol>\n</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"\">\n<h2>");
    xml_text(o, book_word(b->lang, W_LANDMARKS));
    buf_puts(o, "</h2>\n<ol>\n");
    if (b->cover.data) {
        buf_puts(o, "<li><a epub:type=\"cover\" href=\"cover.xhtml\">");
        xml_text(o, book_word(b->lang, W_COVER));
        buf_puts(o, "</a></li>\n");
    }
    buf_puts(o, "<li><a epub:type=\"toc\" href=\"nav.xhtml#toc\">");
    xml_text(o, book_contents_title(b->book));
    buf_puts(o, "</a></li>\n");
    if (b->n > 0) {
        buf_puts(o, "<li><a epub:type=\"bodymatter\"");
        xml_attr(o, "href", b->chapters[0].file);
        buf_putc(o, '>');
        xml_text(o, book_word(b->lang, W_START));
        buf_puts(o, "</a></li>\n");
    }
    buf_puts(o, "</ol>\n</nav>\n</body>\n</html>\n");
}
