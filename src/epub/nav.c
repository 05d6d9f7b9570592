/* nav.xhtml: the nested table of contents (issue → its sections) and the
 * landmarks; toc.ncx carries the same tree for EPUB 2 reading systems. */
#include "anchors.h"
#include "book.h"
#include "xml.h"

/* Calls visit for each TOC entry of the book in order, with the depth
 * (0 = an issue) it sits at once levels that skip (h1 → h3) are closed up. */
typedef void (*toc_visit)(const epub_book *b, int depth, const char *href, const char *text,
                          void *user);

static void toc_walk(const epub_book *b, toc_visit visit, void *user)
{
    for (size_t i = 0; i < b->n; i++) {
        const epub_chapter *ch = &b->chapters[i];
        visit(b, 0, ch->file, ch->title, user);
        /* The stack of source levels currently open under the issue. */
        int stack[8], depth = 0;
        for (size_t k = 0; k < ch->n_toc; k++) {
            int level = ch->toc[k].level;
            while (depth > 0 && stack[depth - 1] >= level)
                depth--;
            stack[depth++] = level;
            char *href = g_strdup_printf("%s#%s", ch->file, ch->toc[k].id);
            visit(b, depth, href, ch->toc[k].text, user);
            g_free(href);
        }
    }
}

/* Turns the depth sequence into nested lists: <li> stays open until an
 * entry at the same or a shallower depth comes. */
typedef struct nest {
    buf *o;
    int open;          /* entries currently open (depth of the last + 1) */
    const char *indent;
    void (*open_entry)(struct nest *, const char *href, const char *text);
    void (*open_list)(struct nest *);
    void (*close_list)(struct nest *);
    void (*close_entry)(struct nest *);
    int play_order;
} nest;

static void nest_visit(const epub_book *b, int depth, const char *href, const char *text,
                       void *user)
{
    nest *n = user;
    if (depth >= n->open) {
        if (n->open > 0)
            n->open_list(n);
    } else {
        while (n->open > depth + 1) {
            n->close_entry(n);
            n->close_list(n);
            n->open--;
        }
        n->close_entry(n);
        n->open--;
    }
    n->open_entry(n, href, text);
    n->open++;
}

static void nest_finish(nest *n)
{
    while (n->open > 0) {
        n->close_entry(n);
        if (--n->open > 0)
            n->close_list(n);
    }
}

static void nav_open_entry(nest *n, const char *href, const char *text)
{
    buf_puts(n->o, "<li><a");
    xml_attr(n->o, "href", href);
    buf_putc(n->o, '>');
    xml_text(n->o, text);
    buf_puts(n->o, "</a>");
}
static void nav_open_list(nest *n) { buf_puts(n->o, "\n<ol>\n"); }
static void nav_close_list(nest *n) { buf_puts(n->o, "</ol>\n"); }
static void nav_close_entry(nest *n) { buf_puts(n->o, "</li>\n"); }

void epub_nav(const epub_book *b, buf *o)
{
    xml_declaration(o);
    buf_puts(o, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                "xmlns:epub=\"http://www.idpf.org/2007/ops\"");
    xml_attr(o, "xml:lang", b->lang);
    xml_attr(o, "lang", b->lang);
    buf_puts(o, ">\n<head>\n<title>");
    xml_text(o, epub_word(b->lang, "contents"));
    buf_puts(o, "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"css/style.css\"/>\n"
                "</head>\n<body>\n<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">\n<h1>");
    xml_text(o, epub_word(b->lang, "contents"));
    buf_puts(o, "</h1>\n<ol>\n");
    nest n = {.o = o, .open_entry = nav_open_entry, .open_list = nav_open_list,
              .close_list = nav_close_list, .close_entry = nav_close_entry};
    toc_walk(b, nest_visit, &n);
    nest_finish(&n);
    buf_puts(o, "</ol>\n</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"\">\n<h2>");
    xml_text(o, epub_word(b->lang, "landmarks"));
    buf_puts(o, "</h2>\n<ol>\n");
    if (b->cover.data) {
        buf_puts(o, "<li><a epub:type=\"cover\" href=\"cover.xhtml\">");
        xml_text(o, epub_word(b->lang, "cover"));
        buf_puts(o, "</a></li>\n");
    }
    buf_puts(o, "<li><a epub:type=\"toc\" href=\"nav.xhtml#toc\">");
    xml_text(o, epub_word(b->lang, "contents"));
    buf_puts(o, "</a></li>\n");
    if (b->n > 0) {
        buf_puts(o, "<li><a epub:type=\"bodymatter\"");
        xml_attr(o, "href", b->chapters[0].file);
        buf_putc(o, '>');
        xml_text(o, epub_word(b->lang, "start"));
        buf_puts(o, "</a></li>\n");
    }
    buf_puts(o, "</ol>\n</nav>\n</body>\n</html>\n");
}

static void ncx_open_entry(nest *n, const char *href, const char *text)
{
    n->play_order++;
    buf_printf(n->o, "<navPoint id=\"np-%d\" playOrder=\"%d\"><navLabel><text>", n->play_order,
               n->play_order);
    xml_text(n->o, text);
    buf_puts(n->o, "</text></navLabel><content");
    xml_attr(n->o, "src", href);
    buf_puts(n->o, "/>");
}
static void ncx_nothing(nest *n) { buf_putc(n->o, '\n'); }
static void ncx_close_entry(nest *n) { buf_puts(n->o, "</navPoint>\n"); }

void epub_ncx(const epub_book *b, buf *o)
{
    xml_declaration(o);
    buf_puts(o, "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\"");
    xml_attr(o, "xml:lang", b->lang);
    buf_printf(o, ">\n<head>\n<meta name=\"dtb:uid\" content=\"urn:uuid:%s\"/>\n"
                  "<meta name=\"dtb:depth\" content=\"%d\"/>\n"
                  "<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n"
                  "<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n<docTitle><text>",
               b->uuid, epub_toc_depth(b) + 1);
    xml_text(o, b->title);
    buf_puts(o, "</text></docTitle>\n<navMap>\n");
    nest n = {.o = o, .open_entry = ncx_open_entry, .open_list = ncx_nothing,
              .close_list = ncx_nothing, .close_entry = ncx_close_entry};
    toc_walk(b, nest_visit, &n);
    nest_finish(&n);
    buf_puts(o, "</navMap>\n</ncx>\n");
}
