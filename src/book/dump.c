/* `folio dump --book`: the book both backends render, as text — the
 * chapters, parts, table of contents, anchors, resolved links, images and
 * the phrases folio writes. The golden format of tests/book. */
#include <stdio.h>

#include "book.h"
#include "resources.h"
#include "doc/tree.h"
#include "util/buf.h"

static void put_chapter_ref(buf *o, size_t ch, const char *anchor)
{
    buf_printf(o, "%zu", ch + 1);
    if (anchor)
        buf_printf(o, "#%s", anchor);
}

/* Anchors in a stable order: the tree's. */
static void put_anchors(const fbook *b, size_t i, buf *o)
{
    buf_puts(o, "  anchors " BOOK_TITLE_ANCHOR);
    const fnode *root = b->chapters[i].doc->root;
    for (const fnode *n = root; n; n = fnode_next(root, n, false)) {
        const char *a = book_anchor_of(b, i, n);
        if (a)
            buf_printf(o, " %s", a);
    }
    buf_putc(o, '\n');
}

static void put_links(const fbook *b, size_t i, buf *o)
{
    const fnode *root = b->chapters[i].doc->root;
    for (const fnode *n = root; n; n = fnode_next(root, n, false)) {
        const char *url = n->type == FN_LINK        ? n->as.link.url
                          : n->type == FN_LINK_CARD ? n->as.card.url
                                                    : NULL;
        if (!url)
            continue;
        const book_link *l = book_link_of(b, n);
        buf_puts(o, "  link ");
        buf_put_quoted(o, url);
        if (!l) {
            buf_puts(o, " text\n");
        } else if (l->kind == BOOK_LINK_EXTERNAL) {
            buf_puts(o, " web ");
            buf_put_quoted(o, l->href);
            buf_putc(o, '\n');
        } else {
            buf_puts(o, " -> ");
            put_chapter_ref(o, l->chapter, l->anchor);
            buf_putc(o, '\n');
        }
    }
}

static const char *const kinds[] = {"part", "chapter", "section"};

void book_dump(const fbook *b, book_resources *res, FILE *out)
{
    buf o = {0};
    buf_puts(&o, "book ");
    buf_put_quoted(&o, b->title);
    buf_printf(&o, "\n  lang %s\n", b->lang);
    if (b->years_text)
        buf_printf(&o, "  years %s\n", b->years_text);
    buf_printf(&o, "  modified %lld\n", (long long)b->modified);
    buf_printf(&o, "  contents-page %s\n  toc-depth %d\n", b->contents_page ? "yes" : "no",
               b->toc_depth);
    for (size_t p = 0; p < b->n_parts; p++)
        buf_printf(&o, "part %zu \"%s\" chapters %zu-%zu\n", p + 1, b->parts[p].title,
                   b->parts[p].first + 1, b->parts[p].first + b->parts[p].n);
    for (size_t i = 0; i < b->n; i++) {
        const book_chapter *ch = &b->chapters[i];
        buf_printf(&o, "chapter %zu ", i + 1);
        buf_put_quoted(&o, ch->title);
        buf_printf(&o, "\n  lang %s\n", ch->lang);
        if (ch->key)
            buf_printf(&o, "  key %s\n", ch->key);
        put_anchors(b, i, &o);
        put_links(b, i, &o);
        if (res) {
            fwrite(o.data, 1, o.len, out);
            buf_clear(&o);
            book_resources_dump(res, i, out);
        }
    }
    buf_puts(&o, "toc\n");
    for (size_t i = 0; i < b->n_toc; i++) {
        const book_entry *e = &b->toc[i];
        buf_printf(&o, "  %d %s ", e->level, kinds[e->kind]);
        buf_put_quoted(&o, e->title);
        buf_puts(&o, " -> ");
        put_chapter_ref(&o, e->chapter, e->anchor);
        buf_putc(&o, '\n');
    }
    buf_puts(&o, "phrases\n");
    for (size_t i = 0; i < b->n_phrases; i++) {
        const book_phrase *p = &b->phrases[i];
        if (p->chapter < 0)
            buf_puts(&o, "  book ");
        else
            buf_printf(&o, "  %d ", p->chapter + 1);
        buf_printf(&o, "%s ", p->key);
        buf_put_quoted(&o, p->text);
        buf_putc(&o, '\n');
    }
    fwrite(o.data, 1, o.len, out);
    buf_free(&o);
}
