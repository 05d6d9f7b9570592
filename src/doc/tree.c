#include "tree.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "doc/attrs.h"
#include "math/mtree.h"
#include "util/buf.h"
#include "util/lang.h"

static const char *const type_names[FN_COUNT] = {
    [FN_DOCUMENT] = "document",
    [FN_HEADING] = "heading",
    [FN_PARAGRAPH] = "paragraph",
    [FN_LIST] = "list",
    [FN_ITEM] = "item",
    [FN_QUOTE] = "quote",
    [FN_CODE_BLOCK] = "code_block",
    [FN_TABLE] = "table",
    [FN_TABLE_ROW] = "row",
    [FN_TABLE_CELL] = "cell",
    [FN_THEMATIC_BREAK] = "thematic_break",
    [FN_FIGURE] = "figure",
    [FN_CAPTION] = "caption",
    [FN_CALLOUT] = "callout",
    [FN_DETAILS] = "details",
    [FN_COLUMNS] = "columns",
    [FN_COLUMN] = "column",
    [FN_DIV] = "div",
    [FN_FOOTNOTE_DEF] = "footnote_def",
    [FN_LINK_CARD] = "link_card",
    [FN_VSPACE] = "vspace",
    [FN_HTML_COMMENT] = "html_comment",
    [FN_DEF_LIST] = "definition_list",
    [FN_DEF_TERM] = "term",
    [FN_DEF_DATA] = "definition",
    [FN_TEXT] = "text",
    [FN_SOFT_BREAK] = "soft_break",
    [FN_LINE_BREAK] = "line_break",
    [FN_EMPH] = "emph",
    [FN_STRONG] = "strong",
    [FN_STRIKE] = "strike",
    [FN_SUP] = "sup",
    [FN_SUB] = "sub",
    [FN_CODE] = "code",
    [FN_MATH] = "math",
    [FN_LINK] = "link",
    [FN_IMAGE] = "image",
    [FN_FOOTNOTE_REF] = "footnote_ref",
    [FN_ABBR] = "abbr",
    [FN_SPAN] = "span",
    [FN_ICON] = "icon",
};

static const char *const callout_names[FCALLOUT_COUNT] = {
    "note", "tip", "warning", "important", "caution",
};

const char *fnode_type_name(fnode_type t)
{
    return t < FN_COUNT && type_names[t] ? type_names[t] : "?";
}

const char *fcallout_kind_name(fcallout_kind k)
{
    return k < FCALLOUT_COUNT ? callout_names[k] : "?";
}

/* nodes a walk reads (~6 MB of a model) before it lets them go */
enum { WALK_WINDOW = 1 << 16 };

/* two per paragraph of a long document: the budget (issue 14 item 17) */
_Static_assert(sizeof(fnode) <= 80, "fnode grew");

fnode *fnode_new(arena *a, fnode_type type, int line)
{
    fnode *n = arena_alloc_aligned(a, sizeof *n, alignof(fnode));
    n->type = type;
    n->line = line;
    if (type == FN_IMAGE || type == FN_FIGURE)
        n->as.image = arena_alloc(a, sizeof *n->as.image);
    else if (type == FN_CODE_BLOCK)
        n->as.code = arena_alloc(a, sizeof *n->as.code);
    return n;
}

void fnode_append(fnode *parent, fnode *child)
{
    child->parent = parent;
    child->next = NULL;
    child->prev = parent->last;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
}

void fnode_prepend(fnode *parent, fnode *child)
{
    if (parent->first) {
        fnode_insert_before(parent->first, child);
        return;
    }
    fnode_append(parent, child);
}

void fnode_insert_before(fnode *sibling, fnode *child)
{
    fnode *parent = sibling->parent;
    child->parent = parent;
    child->next = sibling;
    child->prev = sibling->prev;
    if (sibling->prev)
        sibling->prev->next = child;
    else if (parent)
        parent->first = child;
    sibling->prev = child;
}

void fnode_insert_after(fnode *sibling, fnode *child)
{
    if (sibling->next) {
        fnode_insert_before(sibling->next, child);
        return;
    }
    if (sibling->parent) {
        fnode_append(sibling->parent, child);
        return;
    }
    child->prev = sibling;
    child->next = NULL;
    sibling->next = child;
}

void fnode_unlink(fnode *n)
{
    if (n->prev)
        n->prev->next = n->next;
    else if (n->parent)
        n->parent->first = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else if (n->parent)
        n->parent->last = n->prev;
    n->parent = n->prev = n->next = NULL;
}

fnode *fnode_text_splice(arena *a, fnode *t, size_t start, size_t end, fnode *n)
{
    const char *s = t->as.literal;
    fnode *rest = fnode_new(a, FN_TEXT, t->line);
    rest->file = t->file;
    rest->as.literal = s + end;
    rest->col = t->col;
    for (size_t i = 0; t->col && i < end; i++)
        rest->col += ((unsigned char)s[i] & 0xC0) != 0x80;
    t->as.literal = arena_strndup(a, s, start);
    fnode_insert_after(t, n);
    fnode_insert_after(n, rest);
    if (!*t->as.literal)
        fnode_unlink(t);
    if (!*rest->as.literal) {
        fnode_unlink(rest);
        return NULL;
    }
    return rest;
}

void fnode_walk_step(void)
{
    /* a long document's model is read through again and again (every pass
     * after the parse, every backend's): what the walks have read is let
     * go every so many nodes, the model's resident part stays a window
     * (util/arena.h: a model that large is in a scratch file) */
    static _Thread_local unsigned walked;
    if (++walked % WALK_WINDOW == 0)
        arena_forget_all();
}

fnode *fnode_next(const fnode *root, const fnode *n, bool skip_children)
{
    fnode_walk_step();
    if (!skip_children && n->first)
        return n->first;
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

/* struck (NULL: not wanted) collects the [start, end) byte pairs of
 * struck-through text, the outermost of nested strikes. */
static void plain_text(buf *b, const fnode *n, buf *struck, bool in_strike)
{
    for (const fnode *c = n->first; c; c = c->next) {
        switch (c->type) {
        case FN_TEXT:
        case FN_CODE:
            buf_puts(b, c->as.literal);
            break;
        case FN_MATH: /* a formula as one would type it: "x² + 1", not TeX */
            if (c->as.math.tree) {
                char *lin = math_linear(c->as.math.tree);
                buf_puts(b, lin);
                free(lin);
            } else {
                buf_puts(b, c->as.math.literal);
            }
            break;
        case FN_SOFT_BREAK:
        case FN_LINE_BREAK:
            buf_putc(b, ' ');
            break;
        case FN_IMAGE:
            buf_puts(b, c->as.image->alt);
            break;
        case FN_ICON: /* its name: an outline entry keeps the word */
            buf_puts(b, c->as.icon.name);
            plain_text(b, c, struck, in_strike);
            break;
        case FN_FOOTNOTE_REF:
            break;
        case FN_STRIKE: {
            int pair[2] = {(int)b->len, 0};
            plain_text(b, c, struck, true);
            pair[1] = (int)b->len;
            if (struck && !in_strike && pair[1] > pair[0])
                buf_append(struck, pair, sizeof pair);
            break;
        }
        default:
            plain_text(b, c, struck, in_strike);
        }
    }
}

char *fnode_plain_text(arena *a, const fnode *n)
{
    buf b = {0};
    plain_text(&b, n, NULL, false);
    char *s = arena_strndup(a, buf_cstr(&b), b.len);
    buf_free(&b);
    return s;
}

char *fnode_plain_text_struck(arena *a, const fnode *n, const int **struck, int *n_struck)
{
    buf b = {0}, pairs = {0};
    plain_text(&b, n, &pairs, false);
    char *s = arena_strndup(a, buf_cstr(&b), b.len);
    *n_struck = (int)(pairs.len / (2 * sizeof(int)));
    int *v = NULL;
    if (*n_struck) {
        v = arena_alloc_aligned(a, pairs.len, alignof(int));
        memcpy(v, pairs.data, pairs.len);
    }
    *struck = v;
    buf_free(&b);
    buf_free(&pairs);
    return s;
}

fnode *fnode_caption(const fnode *n)
{
    return n->first && n->first->type == FN_CAPTION ? n->first : NULL;
}

fnode *fnode_table_rows(const fnode *table)
{
    fnode *cap = fnode_caption(table);
    return cap ? cap->next : table->first;
}

const char *fnode_lang_around(const fnode *n, const char *doc_lang)
{
    for (; n; n = n->parent)
        if (fnode_lang(n))
            return fnode_lang(n);
    return doc_lang;
}

fdir fnode_dir(const fnode *n)
{
    if (n->dir != FDIR_AUTO) /* (only a div's or a span's is set) */
        return n->dir;
    const char *lang = fnode_lang(n);
    return !lang ? FDIR_AUTO : lang_is_rtl(lang) ? FDIR_RTL : FDIR_LTR;
}

bool fnode_rtl_around(const fnode *n, const char *doc_lang)
{
    for (; n; n = n->parent) {
        fdir dir = fnode_dir(n);
        if (dir == FDIR_LTR || dir == FDIR_RTL) /* (dir=auto's is its text's) */
            return dir == FDIR_RTL;
    }
    return lang_is_rtl(doc_lang);
}

fdir fnode_dir_written(const fnode *n, const char *doc_lang)
{
    if (n->dir != FDIR_AUTO)
        return n->dir;
    fdir dir = fnode_dir(n);
    if (dir == FDIR_AUTO || (dir == FDIR_RTL) == fnode_rtl_around(n->parent, doc_lang))
        return FDIR_AUTO;
    return dir;
}

bool fnode_bidi_override(const fnode *n)
{
    return (n->dir == FDIR_LTR || n->dir == FDIR_RTL) && fnode_span_has(n, "bdo");
}

const char *fdir_name(fdir dir)
{
    static const char *const names[] = {NULL, "ltr", "rtl", "auto"};
    return names[dir];
}

bool fnode_in_phrasing(const fnode *n)
{
    for (const fnode *p = n->parent; p; p = p->parent) {
        if (fnode_is_inline(p) || p->type == FN_PARAGRAPH || p->type == FN_HEADING ||
            (p->type == FN_CAPTION && !(p->parent && p->parent->type == FN_FIGURE)))
            return true;
    }
    return false;
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
    case FN_DETAILS:
    case FN_COLUMNS:
    case FN_COLUMN:
    case FN_DEF_LIST:
    case FN_DEF_TERM:
    case FN_DEF_DATA: return true;
    default: return false;
    }
}

bool fnode_flattened(const fnode *n) { return needs_flow(n->type) && fnode_in_phrasing(n); }

int fnode_text_col(const fnode *t, size_t off)
{
    int col = t->col;
    for (size_t i = 0; col && i < off; i++)
        col += ((unsigned char)t->as.literal[i] & 0xC0) != 0x80;
    return col;
}

bool fnode_span_has(const fnode *n, const char *cls)
{
    return n->type == FN_SPAN && attrs_has_class(&(fattrs){.classes = n->as.div.classes}, cls);
}

bool fnode_span_below(const fnode *n, const char *cls)
{
    for (const fnode *c = n->first; c; c = c->next)
        if (fnode_span_has(c, cls) || fnode_span_below(c, cls))
            return true;
    return false;
}
