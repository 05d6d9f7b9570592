#include "anchors.h"

#include <string.h>

#include "doc/tree.h"

static bool name_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.';
}

const char *epub_anchor(arena *a, const char *id)
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
    case FN_DIV:
    case FN_SPAN: return n->as.div.id;
    default: return NULL;
    }
}

/* Blocks that have no phrasing form. */
static bool needs_flow(fnode_type t)
{
    switch (t) {
    case FN_HEADING:
    case FN_LIST:
    case FN_ITEM:
    case FN_QUOTE:
    case FN_TABLE:
    case FN_TABLE_ROW:
    case FN_TABLE_CELL:
    case FN_THEMATIC_BREAK:
    case FN_CALLOUT:
    case FN_COLUMNS:
    case FN_COLUMN: return true;
    default: return false;
    }
}

bool epub_flattened(const fnode *n) { return needs_flow(n->type) && epub_in_phrasing(n); }

/* Whether n's id reaches the page: not when n sits in a footnote nobody
 * references (not written) or in a block flattened to its text. */
static bool id_written(const fnode *n)
{
    for (const fnode *p = n->parent; p; p = p->parent) {
        if ((p->type == FN_FOOTNOTE_DEF && p->as.footnote.number <= 0) || epub_flattened(p))
            return false;
    }
    return n->type == FN_HEADING || !epub_flattened(n);
}

void epub_collect_anchors(epub_book *b, epub_chapter *ch)
{
    ch->anchors = g_hash_table_new(g_str_hash, g_str_equal);
    g_hash_table_add(ch->anchors, (gpointer)EPUB_TITLE_ID);
    const fnode *root = ch->doc->root;
    for (const fnode *n = root; n; n = fnode_next(root, n, false)) {
        const char *id = id_written(n) ? epub_anchor(b->arena, source_id(n)) : NULL;
        if (id)
            g_hash_table_add(ch->anchors, (gpointer)id);
    }
}

bool epub_in_phrasing(const fnode *n)
{
    for (const fnode *p = n->parent; p; p = p->parent) {
        if (fnode_is_inline(p) || p->type == FN_PARAGRAPH || p->type == FN_HEADING ||
            (p->type == FN_CAPTION && !(p->parent && p->parent->type == FN_FIGURE)))
            return true;
    }
    return false;
}

int epub_toc_depth(const epub_book *b)
{
    int d = b->opt->toc_depth;
    return d > 0 ? (d > 6 ? 6 : d) : 3;
}

bool epub_heading_in_toc(const epub_book *b, const fnode *n)
{
    if (n->type != FN_HEADING || n->as.heading.level > epub_toc_depth(b))
        return false;
    for (const fnode *p = n->parent; p; p = p->parent) {
        if (p->type == FN_CALLOUT || p->type == FN_QUOTE || p->type == FN_ITEM ||
            p->type == FN_FOOTNOTE_DEF || p->type == FN_TABLE_CELL)
            return false;
    }
    return !epub_in_phrasing(n);
}
