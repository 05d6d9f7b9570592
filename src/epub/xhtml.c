/* One chapter: the model of one issue serialised as XHTML, walking the tree
 * with enter/exit events (cmark's iterator) so every element opened on
 * entering a node is closed on leaving it. Nothing from the source is
 * pasted: all text goes through the XML escaper. */
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "book/alt.h"
#include "doc/date.h"
#include "doc/featured.h"
#include "doc/tree.h"
#include "mathml.h"
#include "media.h"
#include "util/lang.h"
#include "xml.h"

typedef struct writer {
    epub_book *b;
    epub_chapter *ch;
    size_t index;        /* of ch in the book */
    buf *o;
    int *ref_counts;     /* per footnote number: references written so far */
    int n_notes;
    buf link_stack;      /* per open FN_LINK: 'a' for <a>, 's' for <span> */
    int heading_shift;   /* added to source levels: the top one becomes h2 */
    int n_annotated;     /* annotated code blocks so far: their notes' ids */
} writer;

static const char *lang_of(const writer *w)
{
    const char *lang = w->ch->doc->lang;
    return lang && *lang ? lang : "en";
}

static bool has_ancestor(const fnode *n, fnode_type t)
{
    for (const fnode *p = n->parent; p; p = p->parent) {
        if (p->type == t)
            return true;
    }
    return false;
}

/* h1 is the title: the document's top heading level becomes h2,
 * whether the source starts at # (Hugo) or ## (Quarto). */
static int page_level(const writer *w, const fnode *n)
{
    int level = n->as.heading.level + w->heading_shift;
    return level < 2 ? 2 : level > 6 ? 6 : level;
}

static int top_heading_level(const fnode *root)
{
    int top = 6;
    for (const fnode *n = root; n; n = fnode_next(root, n, false)) {
        if (n->type == FN_HEADING && n->as.heading.level < top)
            top = n->as.heading.level;
    }
    return top;
}

static bool in_tight_item(const fnode *n)
{
    const fnode *item = n->parent;
    return item && item->type == FN_ITEM && item->parent && item->parent->type == FN_LIST &&
           item->parent->as.list.tight;
}

/* Writes ` id="…"` when the book gives n an anchor. */
static void put_id(writer *w, const fnode *n)
{
    const char *id = book_anchor_of(w->b->book, w->index, n);
    if (id)
        xml_attr(w->o, "id", id);
}

/* The language of a quote, a div or a span whose content is in one of its
 * own, for reading systems (a screen reader's voice, hyphenation), and its
 * direction: a div's or a span's dir= as written, else its language's
 * when it is not the one around it (fnode_dir_written). */
static void put_lang(writer *w, const fnode *n)
{
    const char *lang = fnode_lang(n);
    if (lang) {
        xml_attr(w->o, "xml:lang", lang);
        xml_attr(w->o, "lang", lang);
    }
    w->b->has_rtl |= fnode_dir(n) == FDIR_RTL;
    fdir dir = fnode_dir_written(n, lang_of(w));
    if (dir != FDIR_AUTO)
        xml_attr(w->o, "dir", fdir_name(dir));
}

/* Writes ` class="…"` from space-separated class names (plus extra). */
static void put_classes(writer *w, const char *extra, const char *classes)
{
    buf c = {0};
    if (extra)
        buf_puts(&c, extra);
    if (classes) {
        for (const char *p = classes; *p;) {
            size_t len = strcspn(p, " \t\n");
            if (len) {
                if (c.len)
                    buf_putc(&c, ' ');
                buf_append(&c, p, len);
            }
            p += len + strspn(p + len, " \t\n");
        }
    }
    if (c.len)
        xml_attr(w->o, "class", buf_cstr(&c));
    buf_free(&c);
}

/* The HTML element a span stands for (<kbd> for [x]{.kbd} as for the
 * <kbd> it was read from, <u> for pandoc's .underline…), whose class then
 * goes without saying: "span" when none. */
static const char *span_element(const fnode *n, const char **cls)
{
    static const char *const elements[][2] = {{"underline", "u"}, {"mark", "mark"},
                                              {"kbd", "kbd"},       {"samp", "samp"},
                                              {"small", "small"}, {"bdi", "bdi"},
                                              {"bdo", "bdo"}};
    for (size_t i = 0; i < sizeof elements / sizeof elements[0]; i++)
        if (fnode_span_has(n, elements[i][0]) &&
            (strcmp(elements[i][0], "bdo") != 0 || fnode_bidi_override(n))) {
            *cls = elements[i][0];
            return elements[i][1];
        }
    *cls = NULL;
    return "span";
}

/* A span's opening tag: its element, its classes but the element's. */
static void put_span_open(writer *w, const fnode *n)
{
    const char *cls, *element = span_element(n, &cls);
    buf_printf(w->o, "<%s", element);
    put_id(w, n);
    buf rest = {0};
    if (cls && strcmp(cls, "kbd") == 0 && fnode_span_below(n, "kbd"))
        buf_puts(&rest, "keys"); /* a shortcut: the keys inside are framed */
    for (const char *p = n->as.div.classes ? n->as.div.classes : ""; *p;) {
        size_t len = strcspn(p, " \t\n");
        if (len && !(cls && strlen(cls) == len && strncmp(p, cls, len) == 0)) {
            if (rest.len)
                buf_putc(&rest, ' ');
            buf_append(&rest, p, len);
        }
        p += len + strspn(p + len, " \t\n");
    }
    put_classes(w, NULL, rest.len ? buf_cstr(&rest) : NULL);
    buf_free(&rest);
    put_lang(w, n);
    buf_putc(w->o, '>');
    w->b->has_keys |= strcmp(element, "kbd") == 0 || strcmp(element, "samp") == 0;
    w->b->has_marks |= strcmp(element, "mark") == 0;
}

static const char *align_class(falign a)
{
    static const char *const names[] = {NULL, "align-left", "align-center", "align-right"};
    return names[a];
}

static void put_width_style(writer *w, flen width)
{
    if (width.unit == FLEN_PERCENT && width.value > 0)
        buf_printf(w->o, " style=\"width:%g%%\"", width.value > 100 ? 100 : width.value);
    else if (width.unit == FLEN_PX && width.value > 0)
        buf_printf(w->o, " style=\"width:%gpx\"", width.value);
}

/* An image, or a placeholder saying which image is missing and why. */
static void put_image(writer *w, const fnode *n, const fimage *im)
{
    const char *why = NULL;
    const char *src = im->src ? im->src : "";
    const epub_item *item = epub_media_image(w->b, w->index, src, &why);
    if (!item) {
        book_warn(w->b->book, w->index, n, "image '%s': %s; a placeholder is used", src, why);
        buf_puts(w->o, "<span class=\"image-placeholder\">");
        xml_text(w->o, *im->alt ? im->alt : book_word(lang_of(w), W_IMAGE));
        buf_puts(w->o, " (");
        xml_text(w->o, src);
        buf_puts(w->o, ")</span>");
        return;
    }
    w->b->has_images = true;
    /* a figure's caption says it when no alt text does, as in Quarto */
    const char *alt = book_image_alt(w->b->arena, im,
                                     n->type == FN_FIGURE ? fnode_caption(n) : NULL);
    if (!alt)
        w->b->images_without_alt = true; /* the run warned (book/alt.h) */
    buf_puts(w->o, "<img");
    xml_attr(w->o, "src", item->href);
    xml_attr(w->o, "alt", alt ? alt : "");
    if (im->title)
        xml_attr(w->o, "title", im->title);
    if (n->type == FN_IMAGE)
        put_classes(w, align_class(im->align), NULL);
    /* height= alone sizes it as the PDF does (its width follows) */
    if (im->width.unit == FLEN_NONE && im->height.unit == FLEN_PX && im->height.value > 0)
        buf_printf(w->o, " style=\"height:%gpx\"", im->height.value);
    else
        put_width_style(w, im->width);
    buf_puts(w->o, "/>");
}

/* The href of link n, or NULL when it cannot be followed (the book warned). */
static const char *link_href(const writer *w, const fnode *n)
{
    const book_link *l = book_link_of(w->b->book, n);
    return l ? epub_href(w->b, w->index, l) : NULL;
}

static void put_link_open(writer *w, const fnode *n)
{
    const char *href = link_href(w, n);
    if (!href) {
        buf_puts(w->o, "<span class=\"link-unresolved\">");
        buf_putc(&w->link_stack, 's');
        return;
    }
    buf_putc(&w->link_stack, 'a');
    buf_puts(w->o, "<a");
    xml_attr(w->o, "href", href);
    if (n->as.link.title)
        xml_attr(w->o, "title", n->as.link.title);
    if (href[0] != '#' && !strchr(href, ':'))
        xml_attr(w->o, "class", "internal");
    buf_putc(w->o, '>');
}

static void put_footnote_ref(writer *w, const fnode *n)
{
    int num = n->as.footnote.number;
    if (!n->as.footnote.def || num <= 0 || num > w->n_notes) {
        buf_puts(w->o, "[^");
        xml_text(w->o, n->as.footnote.label);
        buf_puts(w->o, "]");
        return;
    }
    buf_puts(w->o, "<sup class=\"footnote-ref\">");
    if (has_ancestor(n, FN_LINK)) {
        buf_printf(w->o, "%d</sup>", num);
        return;
    }
    int k = ++w->ref_counts[num - 1];
    buf_printf(w->o, "<a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#folio-fn-%d\"", num);
    if (k == 1)
        buf_printf(w->o, " id=\"folio-fnref-%d\"", num);
    else
        buf_printf(w->o, " id=\"folio-fnref-%d-%d\"", num, k);
    buf_printf(w->o, ">%d</a></sup>", num);
}

static void put_callout_title(writer *w, const fnode *n)
{
    const fnode *caption = fnode_caption(n);
    if (caption && caption->first)
        return; /* the caption node writes itself */
    buf_puts(w->o, "<p class=\"callout-title\">");
    /* in the callout's language */
    xml_text(w->o, book_callout_title(w->b->book, w->ch->doc, fnode_lang_around(n, lang_of(w)),
                                      n->as.callout.kind));
    buf_puts(w->o, "</p>\n");
}

static void put_link_card(writer *w, const fnode *n)
{
    bool phrasing = fnode_in_phrasing(n);
    const char *el = phrasing ? "span" : "div";
    const char *line = phrasing ? "span" : "p";
    const char *href = link_href(w, n);
    buf_printf(w->o, "<%s class=\"link-card\">", el);
    if (n->as.card.provider) {
        buf_printf(w->o, "<%s class=\"link-card-provider\">", line);
        xml_text(w->o, book_word(lang_of(w), book_card_word(n->as.card.provider)));
        buf_printf(w->o, "</%s>", line);
    }
    buf_printf(w->o, "<%s class=\"link-card-title\">", line);
    if (href) {
        buf_puts(w->o, "<a");
        xml_attr(w->o, "href", href);
        buf_putc(w->o, '>');
    }
    xml_text(w->o, n->as.card.title ? n->as.card.title : n->as.card.url);
    if (href)
        buf_puts(w->o, "</a>");
    buf_printf(w->o, "</%s>", line);
    if (n->as.card.title) {
        buf_printf(w->o, "<%s class=\"link-card-url\">", line);
        xml_text(w->o, n->as.card.url);
        buf_printf(w->o, "</%s>", line);
    }
    buf_printf(w->o, "</%s>%s", el, phrasing ? "" : "\n");
}

static int cell_column(const fnode *cell)
{
    int col = 0;
    for (const fnode *c = cell->prev; c; c = c->prev)
        col++;
    return col;
}

static bool row_is_header(const fnode *row)
{
    if (row->as.row.header)
        return true;
    /* Counting back stops at the header rows: O(1) per row, not O(rows). */
    int index = 0, header_rows = row->parent->as.table.header_rows;
    for (const fnode *r = row->prev; r && r->type == FN_TABLE_ROW && index < header_rows;
         r = r->prev)
        index++;
    return index < header_rows;
}

/* Opens the element for n. Returns false when n's children must not be
 * walked (leaves, and nodes written whole here). */
/* A div with a caption (a Quarto figure div, crossref.c) is a figure. */
static bool figure_div(const fnode *n)
{
    return n->type == FN_DIV && n->last && n->last->type == FN_CAPTION;
}

/* The notes of an annotated code block: the list right after it. */
static const fnode *code_notes(const fnode *code)
{
    const fnode *l = code->next;
    return l && l->type == FN_LIST && l->as.list.annotations ? l : NULL;
}

/* A code block's text, each annotated line ending in its note's number,
 * a link to the note (Quarto's circled number). */
static void code_text(writer *w, const fnode *n)
{
    const fcode *c = n->as.code;
    const char *code = c->literal ? c->literal : "";
    if (!c->n_marks) {
        xml_text(w->o, code);
        return;
    }
    const fnode *notes = code_notes(n);
    int k = ++w->n_annotated, items = 0;
    for (const fnode *i = notes ? notes->first : NULL; i; i = i->next)
        items++;
    w->b->has_code_marks = true;
    buf line = {0};
    int at = 0, mark = 0;
    for (const char *p = code; *p; at++) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        buf_clear(&line);
        buf_append(&line, p, len);
        xml_text(w->o, buf_cstr(&line));
        for (; mark < c->n_marks && c->marks[mark].line == at; mark++) {
            int num = c->marks[mark].number;
            if (notes && num >= notes->as.list.start && num < notes->as.list.start + items)
                buf_printf(w->o, "<a class=\"code-annotation\" href=\"#folio-annote-%d-%d\">%d</a>",
                           k, num, num);
            else
                buf_printf(w->o, "<span class=\"code-annotation\">%d</span>", num);
        }
        if (end)
            buf_putc(w->o, '\n');
        p = end ? end + 1 : p + len;
    }
    buf_free(&line);
}

static bool enter(writer *w, const fnode *n)
{
    buf *o = w->o;
    if (fnode_flattened(n)) {
        buf_puts(o, "<span");
        if (n->type == FN_HEADING)
            put_id(w, n);
        xml_attr(o, "class", fnode_type_name(n->type));
        buf_putc(o, '>');
        xml_text(o, fnode_plain_text(w->b->arena, n));
        buf_puts(o, "</span>");
        return false;
    }
    switch (n->type) {
    case FN_DOCUMENT: return true;
    case FN_HEADING: {
        buf_printf(o, "<h%d", page_level(w, n));
        put_id(w, n);
        put_classes(w, NULL, fnode_heading_classes(n));
        put_lang(w, n);
        buf_putc(o, '>');
        return true;
    }
    case FN_PARAGRAPH:
        if (!in_tight_item(n) && !fnode_in_phrasing(n))
            buf_puts(o, "<p>");
        return true;
    case FN_LIST:
        if (n->as.list.ordered) {
            buf_puts(o, "<ol");
            if (n->as.list.annotations)
                xml_attr(o, "class", "code-annotations");
            if (n->as.list.start != 1)
                buf_printf(o, " start=\"%d\"", n->as.list.start);
            buf_puts(o, ">\n");
        } else {
            buf_puts(o, "<ul>\n");
        }
        return true;
    case FN_ITEM:
        if (!n->parent || n->parent->type != FN_LIST) {
            buf_puts(o, "<div class=\"item\">");
            return true;
        }
        if (n->parent->as.list.annotations && n->parent->prev &&
            n->parent->prev->type == FN_CODE_BLOCK && n->parent->prev->as.code->n_marks &&
            !fnode_flattened(n->parent->prev)) {
            int num = n->parent->as.list.start;
            for (const fnode *i = n->parent->first; i != n; i = i->next)
                num++;
            buf_printf(o, "<li id=\"folio-annote-%d-%d\">", w->n_annotated, num);
            return true;
        }
        if (n->as.item.task >= 0)
            buf_printf(o, "<li class=\"task\"><span class=\"task-box\">%s</span> ",
                       n->as.item.task ? "\u2611" : "\u2610");
        else
            buf_puts(o, "<li>");
        return true;
    case FN_QUOTE:
        buf_puts(o, "<blockquote");
        put_lang(w, n);
        buf_puts(o, ">\n");
        return true;
    case FN_DEF_LIST:
        w->b->has_definition_lists = true;
        buf_puts(o, "<dl>\n");
        return true;
    case FN_DEF_TERM: buf_puts(o, "<dt>"); return true;
    case FN_DEF_DATA: buf_puts(o, "<dd>"); return true;
    case FN_CODE_BLOCK: {
        bool phrasing = fnode_in_phrasing(n);
        const fcode *c = n->as.code;
        if (c->filename) {
            w->b->has_code_filenames = true;
            buf_puts(o, phrasing ? "<span class=\"code-filename\">" : "<div class=\"code-filename\">");
            xml_text(o, c->filename);
            buf_puts(o, phrasing ? "</span> " : "</div>\n");
        }
        if (!phrasing)
            buf_puts(o, "<pre");
        if (!phrasing && c->executable)
            xml_attr(o, "class", "cell");
        buf_puts(o, phrasing ? "<code" : "><code");
        if (c->lang && *c->lang) {
            char *cls = arena_printf(w->b->arena, "language-%s", c->lang);
            for (char *p = cls; *p; p++) {
                if (*p == ' ' || *p == '\t' || *p == '\n')
                    *p = '-';
            }
            xml_attr(o, "class", cls);
        }
        buf_putc(o, '>');
        code_text(w, n);
        buf_puts(o, phrasing ? "</code>" : "</code></pre>\n");
        return false;
    }
    case FN_TABLE:
        buf_puts(o, "<table");
        put_id(w, n);
        buf_puts(o, ">\n");
        return true;
    case FN_TABLE_ROW: {
        bool header = row_is_header(n);
        bool first_of_part = !n->prev || n->prev->type != FN_TABLE_ROW ||
                             row_is_header(n->prev) != header;
        if (first_of_part)
            buf_puts(o, header ? "<thead>\n" : "<tbody>\n");
        buf_puts(o, "<tr>");
        return true;
    }
    case FN_TABLE_CELL: {
        const fnode *table = n->parent->parent;
        bool header = row_is_header(n->parent);
        int col = cell_column(n);
        buf_puts(o, header ? "<th scope=\"col\"" : "<td");
        if (col < table->as.table.columns && table->as.table.aligns)
            put_classes(w, align_class(table->as.table.aligns[col]), NULL);
        buf_putc(o, '>');
        return true;
    }
    case FN_THEMATIC_BREAK: buf_puts(o, "<hr/>\n"); return false;
    case FN_FIGURE: {
        const char *el = fnode_in_phrasing(n) ? "span" : "figure";
        buf_printf(o, "<%s", el);
        put_id(w, n);
        put_classes(w, "figure", align_class(n->as.image->align));
        buf_putc(o, '>');
        put_image(w, n, n->as.image);
        return true;
    }
    case FN_CAPTION:
        if (n->parent && n->parent->type == FN_FIGURE) {
            if (!n->first)
                return false;
            buf_puts(o, fnode_in_phrasing(n->parent) ? "<span class=\"caption\">" : "<figcaption>");
        } else if (n->parent && n->parent->type == FN_DETAILS) {
            if (!n->first)
                return false; /* the details wrote a summary of its own */
            buf_puts(o, "<summary>");
        } else if (n->parent && n->parent->type == FN_TABLE) {
            buf_puts(o, "<caption>");
        } else if (n->parent && figure_div(n->parent)) {
            buf_puts(o, "<figcaption>");
        } else if (n->first) {
            buf_puts(o, "<p class=\"callout-title\">");
        } else {
            return false;
        }
        return true;
    case FN_CALLOUT: {
        const char *kind = fcallout_kind_name(n->as.callout.kind);
        buf_puts(o, "<aside role=\"note\"");
        xml_attr(o, "class", arena_printf(w->b->arena, "callout callout-%s", kind));
        put_lang(w, n);
        buf_puts(o, ">\n");
        put_callout_title(w, n);
        return true;
    }
    case FN_DETAILS: {
        buf_puts(o, "<details");
        if (n->as.details.open)
            xml_attr(o, "open", "open");
        put_lang(w, n);
        buf_puts(o, ">\n");
        const fnode *summary = fnode_caption(n);
        if (!summary || !summary->first) { /* in the disclosure's language */
            buf_puts(o, "<summary>");
            xml_text(o, book_word(fnode_lang_around(n, lang_of(w)), W_DETAILS));
            buf_puts(o, "</summary>\n");
        }
        return true;
    }
    case FN_COLUMNS: buf_puts(o, "<div class=\"columns\">\n"); return true;
    case FN_COLUMN:
        buf_puts(o, "<div class=\"column\"");
        put_width_style(w, n->as.column.width);
        buf_puts(o, ">\n");
        return true;
    case FN_DIV:
        buf_puts(o, fnode_in_phrasing(n) ? "<span" : figure_div(n) ? "<figure" : "<div");
        put_id(w, n);
        put_classes(w, figure_div(n) ? "figure" : NULL, n->as.div.classes);
        put_lang(w, n);
        buf_puts(o, ">\n");
        return true;
    case FN_FOOTNOTE_DEF: /* the cited ones written in the notes section */
        if (n->as.footnote.number > 0)
            return false;
        buf_puts(o, "<aside role=\"note\" class=\"footnote-unreferenced\">\n");
        return true;
    case FN_LINK_CARD: put_link_card(w, n); return false;
    case FN_VSPACE:
        buf_puts(o, fnode_in_phrasing(n) ? "<br/>" : "<div class=\"vspace\"></div>\n");
        return false;
    case FN_HTML_COMMENT:
        xml_comment(o, n->as.literal ? n->as.literal : "");
        if (!fnode_in_phrasing(n))
            buf_putc(o, '\n');
        return false;
    case FN_TEXT: xml_text(o, n->as.literal ? n->as.literal : ""); return false;
    case FN_SOFT_BREAK: buf_putc(o, '\n'); return false;
    case FN_LINE_BREAK: buf_puts(o, "<br/>\n"); return false;
    case FN_EMPH: buf_puts(o, "<em>"); return true;
    case FN_STRONG: buf_puts(o, "<strong>"); return true;
    case FN_STRIKE: buf_puts(o, "<s>"); return true;
    case FN_SUP: buf_puts(o, "<sup>"); return true;
    case FN_SUB: buf_puts(o, "<sub>"); return true;
    case FN_CODE:
        buf_puts(o, "<code>");
        xml_text(o, n->as.literal ? n->as.literal : "");
        buf_puts(o, "</code>");
        return false;
    case FN_MATH:
        if (n->as.math.tree) {
            epub_mathml(o, n->as.math.tree, n->as.math.literal, n->as.math.display);
            w->ch->has_math = true;
            return false;
        }
        /* TeX folio could not read (warned when parsing): shown as written */
        buf_puts(o, n->as.math.display ? "<code class=\"math display\">" : "<code class=\"math\">");
        xml_text(o, n->as.math.literal ? n->as.math.literal : "");
        buf_puts(o, "</code>");
        return false;
    case FN_LINK: put_link_open(w, n); return true;
    case FN_IMAGE: put_image(w, n, n->as.image); return false;
    case FN_FOOTNOTE_REF: put_footnote_ref(w, n); return false;
    case FN_ABBR:
        buf_puts(o, "<abbr");
        if (n->as.abbr.title)
            xml_attr(o, "title", n->as.abbr.title);
        buf_putc(o, '>');
        return true;
    case FN_SPAN: put_span_open(w, n); return true;
    case FN_ICON: epub_icon_put(w->b, o, &n->as.icon); return true;
    case FN_COUNT: break;
    }
    return false;
}

/* Closes what enter opened (only for nodes whose children were walked). */
static void leave(writer *w, const fnode *n)
{
    buf *o = w->o;
    switch (n->type) {
    case FN_HEADING: buf_printf(o, "</h%d>\n", page_level(w, n)); break;
    case FN_PARAGRAPH:
        if (!in_tight_item(n) && !fnode_in_phrasing(n))
            buf_puts(o, "</p>\n");
        else if (in_tight_item(n) && n->next)
            buf_putc(o, '\n');
        break;
    case FN_LIST: buf_puts(o, n->as.list.ordered ? "</ol>\n" : "</ul>\n"); break;
    case FN_ITEM:
        buf_puts(o, n->parent && n->parent->type == FN_LIST ? "</li>\n" : "</div>\n");
        break;
    case FN_QUOTE: buf_puts(o, "</blockquote>\n"); break;
    case FN_DEF_LIST: buf_puts(o, "</dl>\n"); break;
    case FN_DEF_TERM: buf_puts(o, "</dt>\n"); break;
    case FN_DEF_DATA: buf_puts(o, "</dd>\n"); break;
    case FN_FOOTNOTE_DEF: buf_puts(o, "</aside>\n"); break;
    case FN_TABLE: buf_puts(o, "</table>\n"); break;
    case FN_TABLE_ROW: {
        buf_puts(o, "</tr>\n");
        bool header = row_is_header(n);
        if (!n->next || row_is_header(n->next) != header)
            buf_puts(o, header ? "</thead>\n" : "</tbody>\n");
        break;
    }
    case FN_TABLE_CELL: buf_puts(o, row_is_header(n->parent) ? "</th>" : "</td>"); break;
    case FN_FIGURE: buf_puts(o, fnode_in_phrasing(n) ? "</span>" : "</figure>\n"); break;
    case FN_CAPTION:
        if (n->parent && n->parent->type == FN_FIGURE)
            buf_puts(o, fnode_in_phrasing(n->parent) ? "</span>" : "</figcaption>\n");
        else if (n->parent && n->parent->type == FN_DETAILS)
            buf_puts(o, "</summary>\n");
        else if (n->parent && n->parent->type == FN_TABLE)
            buf_puts(o, "</caption>\n");
        else if (n->parent && figure_div(n->parent))
            buf_puts(o, "</figcaption>\n");
        else
            buf_puts(o, "</p>\n");
        break;
    case FN_CALLOUT: buf_puts(o, "</aside>\n"); break;
    case FN_DETAILS: buf_puts(o, "</details>\n"); break;
    case FN_COLUMNS:
    case FN_COLUMN: buf_puts(o, "</div>\n"); break;
    case FN_DIV:
        buf_puts(o, fnode_in_phrasing(n) ? "</span>" : figure_div(n) ? "</figure>\n" : "</div>\n");
        break;
    case FN_EMPH: buf_puts(o, "</em>"); break;
    case FN_STRONG: buf_puts(o, "</strong>"); break;
    case FN_STRIKE: buf_puts(o, "</s>"); break;
    case FN_SUP: buf_puts(o, "</sup>"); break;
    case FN_SUB: buf_puts(o, "</sub>"); break;
    case FN_LINK:
        buf_puts(o, w->link_stack.data[--w->link_stack.len] == 'a' ? "</a>" : "</span>");
        break;
    case FN_ABBR: buf_puts(o, "</abbr>"); break;
    case FN_SPAN: {
        const char *cls;
        buf_printf(o, "</%s>", span_element(n, &cls));
        break;
    }
    default: break;
    }
}

/* A list may only hold items: anything else the model puts there is
 * written inside an item of its own. */
static bool stray_in_list(const fnode *n)
{
    return n->parent && n->parent->type == FN_LIST && n->type != FN_ITEM;
}

/* Walks root's subtree with enter/exit events; root itself included. */
static void walk(writer *w, const fnode *root)
{
    const fnode *n = root;
    bool entering = true;
    for (;;) {
        fnode_walk_step(); /* a long model's part written is let go (util/arena.h) */
        if (entering) {
            if (stray_in_list(n))
                buf_puts(w->o, "<li>");
            if (enter(w, n)) {
                if (n->first) {
                    n = n->first;
                    continue;
                }
                leave(w, n);
            }
        } else {
            leave(w, n);
        }
        if (stray_in_list(n))
            buf_puts(w->o, "</li>\n");
        if (n == root)
            return;
        if (n->next) {
            n = n->next;
            entering = true;
        } else {
            n = n->parent;
            entering = false;
        }
    }
}

/* The front matter's featured image, under the title, unless the body
 * shows it already (Quarto issues often do). Its alt text is the title. */
static void put_featured_image(writer *w)
{
    const folio_doc *doc = w->ch->doc;
    const char *src = doc_featured_image(doc);
    if (!src)
        return;
    const char *why = NULL;
    const epub_item *item = epub_media_image(w->b, w->index, src, &why);
    if (!item) {
        fdiag_warn(w->b->diag, doc->path, 0, 0, "featured image %s: %s; left out", src, why);
        return;
    }
    w->b->has_images = true;
    buf_puts(w->o, "<figure class=\"issue-image\"><img");
    xml_attr(w->o, "src", item->href);
    xml_attr(w->o, "alt", w->ch->title);
    buf_puts(w->o, "/></figure>\n");
}

/* The title block from its front matter. */
static void put_header(writer *w)
{
    const folio_doc *doc = w->ch->doc;
    const fmeta *m = &doc->meta;
    buf *o = w->o;
    buf_puts(o, "<header class=\"issue-header\">\n");
    const book_chapter *bch = &w->b->book->chapters[w->index];
    if (bch->number_text) {
        buf_puts(o, "<p class=\"issue-number\">");
        xml_text(o, bch->number_text);
        buf_puts(o, "</p>\n");
    }
    buf_puts(o, "<h1 id=\"" BOOK_TITLE_ANCHOR "\">");
    xml_text(o, w->ch->title);
    buf_puts(o, "</h1>\n");
    if (m->subtitle && *m->subtitle) {
        buf_puts(o, "<p class=\"issue-subtitle\">");
        xml_text(o, m->subtitle);
        buf_puts(o, "</p>\n");
    }
    if (m->summary && *m->summary) {
        buf_puts(o, "<p class=\"issue-summary\">");
        xml_text(o, m->summary);
        buf_puts(o, "</p>\n");
    }
    if (m->date.valid || m->authors.n) {
        buf_puts(o, "<p class=\"issue-meta\">");
        if (bch->date_text) {
            buf_printf(o, "<time datetime=\"%04d-%02d-%02d\">", m->date.year, m->date.month,
                       m->date.day);
            xml_text(o, bch->date_text);
            buf_puts(o, "</time>");
        }
        for (size_t i = 0; i < m->authors.n; i++) {
            buf_puts(o, i == 0 ? (m->date.valid ? " \u00b7 " : "") : ", ");
            buf_puts(o, "<span class=\"author\">");
            xml_text(o, m->authors.items[i]);
            buf_puts(o, "</span>");
        }
        buf_puts(o, "</p>\n");
    }
    put_featured_image(w);
    buf_puts(o, "</header>\n");
}

/* Referenced footnote definitions by number (index number-1). */
static const fnode **footnotes_by_number(writer *w)
{
    const fnode *root = w->ch->doc->root;
    int max = 0;
    for (const fnode *n = root; n; n = fnode_next(root, n, false)) {
        if (n->type == FN_FOOTNOTE_DEF && n->as.footnote.number > max)
            max = n->as.footnote.number;
    }
    w->n_notes = max;
    const fnode **notes = arena_alloc(w->b->arena, sizeof *notes * (size_t)(max + 1));
    w->ref_counts = arena_alloc(w->b->arena, sizeof *w->ref_counts * (size_t)(max + 1));
    for (const fnode *n = root; n; n = fnode_next(root, n, false)) {
        if (n->type == FN_FOOTNOTE_DEF && n->as.footnote.number > 0 &&
            !notes[n->as.footnote.number - 1])
            notes[n->as.footnote.number - 1] = n;
    }
    return notes;
}

/* The footnotes as asides the reading system can pop up, each with a link
 * back to its first reference. */
static void put_footnotes(writer *w, const fnode **notes)
{
    bool any = false;
    for (int i = 0; i < w->n_notes; i++) {
        if (!notes[i])
            continue;
        if (!any) {
            buf_puts(w->o, "<section class=\"footnotes\" epub:type=\"footnotes\">\n<h2>");
            xml_text(w->o, book_doc_word(w->ch->doc, lang_of(w), W_FOOTNOTES));
            buf_puts(w->o, "</h2>\n");
            any = true;
        }
        buf_printf(w->o,
                   "<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"folio-fn-%d\" "
                   "class=\"footnote\">\n<p class=\"footnote-label\">",
                   i + 1);
        if (w->ref_counts[i])
            buf_printf(w->o, "<a role=\"doc-backlink\" href=\"#folio-fnref-%d\">%d</a>", i + 1,
                       i + 1);
        else
            buf_printf(w->o, "%d", i + 1);
        buf_puts(w->o, "</p>\n");
        for (const fnode *c = notes[i]->first; c; c = c->next)
            walk(w, c);
        buf_puts(w->o, "</aside>\n");
    }
    if (any)
        buf_puts(w->o, "</section>\n");
}

void epub_xhtml_chapter(epub_book *b, size_t i)
{
    epub_chapter *ch = &b->chapters[i];
    writer w = {.b = b, .ch = ch, .index = i, .o = &ch->xhtml};
    w.heading_shift = 2 - top_heading_level(ch->doc->root);
    const fnode **notes = footnotes_by_number(&w);
    buf *o = w.o;
    xhtml_open(o, lang_of(&w), ch->title);
    b->has_rtl |= lang_is_rtl(lang_of(&w));
    buf_puts(o, "<body>\n<section class=\"issue\" epub:type=\"chapter\" "
                "role=\"doc-chapter\" aria-labelledby=\"" BOOK_TITLE_ANCHOR "\">\n");
    put_header(&w);
    walk(&w, ch->doc->root);
    put_footnotes(&w, notes);
    buf_puts(o, "</section>\n</body>\n</html>\n");
    buf_free(&w.link_stack);
}
