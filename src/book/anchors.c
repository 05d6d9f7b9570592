/* Anchors: the ids a link may target. Source ids (heading slugs, {#id})
 * are mapped to valid XML ids the same way wherever they are written or
 * linked to; only the first node carrying an id gets it, and only nodes
 * whose id reaches the page count (not those in a footnote nobody cites,
 * nor inside a block written as its plain text). */
#include <string.h>

#include "book.h"
#include "doc/tree.h"
#include "util/buf.h"

static bool name_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.';
}

const char *book_anchor(arena *a, const char *id)
{
    if (!id || !*id)
        return NULL;
    buf out = {0};
    /* An XML id starts with a letter or '_'; "folio-" is reserved for ours. */
    unsigned char first = (unsigned char)id[0];
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_') ||
        strncmp(id, "folio-", 6) == 0)
        buf_putc(&out, '_');
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        if (name_char(*p))
            buf_putc(&out, (char)*p);
        else
            buf_printf(&out, "_%02x", *p);
    }
    char *s = arena_strdup(a, buf_cstr(&out));
    buf_free(&out);
    return s;
}

static const char *source_id(const fnode *n)
{
    switch (n->type) {
    case FN_HEADING: return n->as.heading.id;
    case FN_FIGURE: return n->as.image->id;
    case FN_TABLE: return n->as.table.id;
    case FN_DIV:
    case FN_SPAN: return n->as.div.id;
    default: return NULL;
    }
}

/* Whether n's id reaches the page. */
static bool id_written(const fnode *n)
{
    for (const fnode *p = n->parent; p; p = p->parent) {
        if ((p->type == FN_FOOTNOTE_DEF && p->as.footnote.number <= 0) || fnode_flattened(p))
            return false;
    }
    return n->type == FN_HEADING || !fnode_flattened(n);
}

void book_collect_anchors(fbook *b)
{
    for (size_t i = 0; i < b->n; i++) {
        book_chapter *ch = &b->chapters[i];
        ch->anchor_of = g_hash_table_new(g_direct_hash, g_direct_equal);
        ch->anchors = g_hash_table_new(g_str_hash, g_str_equal);
        g_hash_table_add(ch->anchors, (gpointer)BOOK_TITLE_ANCHOR);
        const fnode *root = ch->doc->root;
        for (const fnode *n = root; n; n = fnode_next(root, n, false)) {
            const char *id = source_id(n);
            if (!id || !id_written(n) || !(id = book_anchor(b->arena, id)))
                continue;
            if (g_hash_table_add(ch->anchors, (gpointer)id))
                g_hash_table_insert(ch->anchor_of, (gpointer)n, (gpointer)id);
        }
    }
}

const char *book_anchor_of(const fbook *b, size_t ch, const fnode *n)
{
    return ch < b->n ? g_hash_table_lookup(b->chapters[ch].anchor_of, n) : NULL;
}
